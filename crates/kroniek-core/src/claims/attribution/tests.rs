use super::*;
use crate::model::{Document, Language};

/// (cue, source, content start words) for each attribution of `sentence`.
fn attrs(sentence: &str, lang: Language) -> Vec<(String, Option<String>, String, bool)> {
    let doc = Document::plain("t", sentence);
    let a = crate::text::analyze(&doc, lang);
    let res = ClaimResources::get(lang);
    let s = &a.sentences[0];
    let v = View::new(&doc.text, &a.tokens[s.tokens.clone()]);
    find(&v, res)
        .into_iter()
        .map(|at| {
            let slice = |r: Range<usize>| v.span(r).slice(&doc.text).to_owned();
            let content: String = slice(at.content.clone())
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            (
                slice(at.cue.clone()),
                at.source.map(slice),
                content,
                at.content_is_previous,
            )
        })
        .collect()
}

fn one(sentence: &str, lang: Language) -> (String, Option<String>, String, bool) {
    let mut got = attrs(sentence, lang);
    assert_eq!(got.len(), 1, "{sentence}: {got:?}");
    got.remove(0)
}

#[test]
fn dutch_attributions() {
    use Language::Nl;
    let cases: &[(&str, &str, Option<&str>, &str)] = &[
        (
            "Dat heeft een Amerikaanse verantwoordelijke van Defensie gemeld.",
            "gemeld",
            Some("een Amerikaanse verantwoordelijke van Defensie"),
            "",
        ),
        (
            "Hij voorspelt dat de groep zal verhuizen.",
            "voorspelt",
            Some("Hij"),
            "de groep zal",
        ),
        (
            "“Hij leeft nog”, aldus de verantwoordelijke die anoniem wilde blijven.",
            "aldus",
            Some("de verantwoordelijke"),
            "“Hij leeft",
        ),
        (
            "Volgens het Pentagon telt de groep nog 15.000 strijders.",
            "Volgens",
            Some("het Pentagon"),
            "Volgens het Pentagon",
        ),
        (
            "\"De leider werd uitgeschakeld\", meldt de Russische verklaring die vrijdag werd uitgegeven.",
            "meldt",
            Some("de Russische verklaring"),
            "\" De leider",
        ),
        (
            "Rami Abdulrahman, directeur van het Observatorium in Londen, zegt tegen persbureau Reuters dat de leider in de stad is.",
            "zegt",
            Some("Rami Abdulrahman, directeur van het Observatorium in Londen"),
            "de leider in",
        ),
        (
            "In een interview met de New York Times vertelt Harrigan dat alles op alles wordt gezet.",
            "vertelt",
            Some("Harrigan"),
            "alles op alles",
        ),
        (
            "Volgens sommige berichten zou de leider in die stad verblijven.",
            "Volgens",
            Some("sommige berichten"),
            "Volgens sommige berichten",
        ),
        (
            "Een woordvoerder van de brigade ontkent dat hij dood is.",
            "ontkent",
            Some("Een woordvoerder van de brigade"),
            "hij dood is",
        ),
        (
            "De leider zou volgens de Amerikanen zijn gedood.",
            "volgens",
            Some("de Amerikanen"),
            "De leider zou",
        ),
        (
            "Naar verluidt is hij gevlucht.",
            "Naar verluidt",
            None,
            "Naar verluidt is",
        ),
    ];
    for &(sentence, cue, source, content) in cases {
        let (c, s, body, _) = one(sentence, Nl);
        assert_eq!((c.as_str(), s.as_deref()), (cue, source), "{sentence}");
        assert!(
            body.replace(' ', "").starts_with(&content.replace(' ', "")),
            "{sentence}: content {body:?}"
        );
    }
    assert!(
        one("Dat heeft de minister gezegd.", Nl).3,
        "the content is the previous sentence"
    );
}

#[test]
fn english_attributions() {
    use Language::En;
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "The defence ministry said on Friday that the leader was killed.",
            "said",
            Some("The defence ministry"),
        ),
        (
            "A spokesman for the brigade denied that he was dead.",
            "denied",
            Some("A spokesman for the brigade"),
        ),
        (
            "\"He is alive,\" said John Smith.",
            "said",
            Some("John Smith"),
        ),
        (
            "According to the ministry, he died on Friday.",
            "According to",
            Some("the ministry"),
        ),
        (
            "Spokeswoman Haley Morris says the candidate will continue.",
            "says",
            Some("Spokeswoman Haley Morris"),
        ),
    ];
    for &(sentence, cue, source) in cases {
        let (c, s, _, _) = one(sentence, En);
        assert_eq!((c.as_str(), s.as_deref()), (cue, source), "{sentence}");
    }
}
