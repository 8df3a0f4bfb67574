use super::*;

/// (predicate, subject, relation/place/value, when, source, certainty, cues)
type Row = (String, String, String, String, String, String, Vec<String>);
use crate::model::Language;
use crate::time::{Anchor, Needs, Tense};

struct Case {
    doc: Document,
    text: TextAnalysis,
    mentions: Vec<Mention>,
    timexes: Vec<Timex>,
}

/// Builds a case: `names` are found in order in the text, `times` are (phrase, value).
fn case(lang: Language, body: &str, names: &[(&str, EntityType)], times: &[(&str, &str)]) -> Case {
    let doc = Document::plain("t", body);
    let text = crate::text::analyze(&doc, lang);
    let mut from = 0;
    let mut mentions = Vec::new();
    for &(name, kind) in names {
        let at = from
            + body[from..]
                .find(name)
                .unwrap_or_else(|| panic!("{name} not found after {from}"));
        let span = Span::new(at, at + name.len());
        let sentence = text.sentence_at(at).expect("in a sentence");
        mentions.push(Mention {
            span,
            kind,
            sentence,
            rule: "test".into(),
            score: 1.0,
        });
        from = at + name.len();
    }
    let timexes = times
        .iter()
        .map(|&(phrase, value)| {
            let at = body
                .find(phrase)
                .unwrap_or_else(|| panic!("{phrase} not found"));
            let d = PartialDate::parse(value);
            Timex {
                span: Span::new(at, at + phrase.len()),
                kind: TimexType::Date,
                value: value.to_owned(),
                anchor: Anchor::Published,
                rule: "test".into(),
                modifier: None,
                earliest: d.map(PartialDate::earliest),
                latest: d.map(PartialDate::latest),
                tense: Tense::Past,
                needs: Needs::Nothing,
            }
        })
        .collect();
    Case {
        doc,
        text,
        mentions,
        timexes,
    }
}

/// Claims as readable tuples: (predicate, subject, relation/place/value, when, source, certainty, cues).
fn run(c: &Case, published: &str) -> Vec<Row> {
    let claims = extract(
        &c.doc,
        &c.text,
        &c.timexes,
        &c.mentions,
        PartialDate::parse(published),
    );
    let name = |m: usize| c.mentions[m].span.slice(&c.doc.text).to_owned();
    claims
        .iter()
        .map(|cl| {
            let mut extra = String::new();
            if let Some(r) = cl.relation {
                extra.push_str(r.name());
            }
            if let Some(p) = cl.place {
                extra.push_str(&format!(" {}", name(p)));
            }
            if let Some(v) = &cl.value {
                extra.push_str(v);
            }
            if let Some(o) = cl.object {
                extra.push_str(&format!("of {}", name(o)));
            }
            (
                cl.predicate.clone(),
                name(cl.subject),
                extra.trim().to_owned(),
                cl.when
                    .as_ref()
                    .map(|w| w.value.clone())
                    .unwrap_or_default(),
                cl.source
                    .as_ref()
                    .map(|s| s.span.slice(&c.doc.text).to_owned())
                    .unwrap_or_default(),
                cl.certainty.name().to_owned(),
                cl.cues.clone(),
            )
        })
        .collect()
}

fn find<'a>(got: &'a [Row], predicate: &str, subject: &str) -> &'a Row {
    got.iter()
        .find(|c| c.0 == predicate && c.1 == subject)
        .unwrap_or_else(|| panic!("no {predicate} claim about {subject} in {got:#?}"))
}

use EntityType::*;

#[test]
fn alive_and_left_attributed_by_the_next_sentence() {
    let c = case(
        Language::Nl,
        "De leider van de brigade Nabil al-Ghazawi is nog in leven en heeft Tell Safra verlaten. Dat heeft een woordvoerder van de Verenigde Naties gemeld.",
        &[
            ("Nabil al-Ghazawi", Per),
            ("Tell Safra", Loc),
            ("Verenigde Naties", Org),
        ],
        &[],
    );
    let got = run(&c, "2024-02-14");
    let alive = find(&got, "alive", "Nabil al-Ghazawi");
    assert_eq!(
        (alive.3.as_str(), alive.4.as_str(), alive.5.as_str()),
        (
            "2024-02-14",
            "een woordvoerder van de Verenigde Naties",
            "reported"
        )
    );
    let left = find(&got, "location", "Nabil al-Ghazawi");
    assert_eq!(left.2, "left Tell Safra");
    assert_eq!(left.5, "reported");
}

#[test]
fn a_reported_death_that_is_not_confirmed() {
    let c = case(
        Language::Nl,
        "Het ministerie van Defensie meldde vrijdag dat Nabil al-Ghazawi op 5 mei bij een luchtaanval nabij Tell Safra om het leven is gekomen. De Verenigde Staten kunnen dat niet bevestigen.",
        &[
            ("Nabil al-Ghazawi", Per),
            ("Tell Safra", Loc),
            ("Verenigde Staten", Loc),
        ],
        &[("vrijdag", "2024-05-10"), ("5 mei", "2024-05-05")],
    );
    let got = run(&c, "2024-05-13");
    let death = find(&got, "death", "Nabil al-Ghazawi");
    assert_eq!(death.2, "Tell Safra");
    assert_eq!(death.3, "2024-05-05");
    assert_eq!(death.4, "Het ministerie van Defensie");
    assert_eq!(death.5, "unconfirmed");
    assert!(
        death.6.iter().any(|x| x.contains("niet bevestigen")),
        "{:?}",
        death.6
    );
    let claims = extract(
        &c.doc,
        &c.text,
        &c.timexes,
        &c.mentions,
        PartialDate::parse("2024-05-13"),
    );
    let said = claims
        .iter()
        .find(|x| x.predicate == "death")
        .and_then(|x| x.said_on.clone());
    assert_eq!(
        said.map(|s| s.value).as_deref(),
        Some("2024-05-10"),
        "said on the Friday"
    );
}

#[test]
fn hedged_death_that_must_still_be_checked() {
    let c = case(
        Language::Nl,
        "Ghazawi zou dus dood zijn, maar de informatie moet nog wel gecheckt worden.",
        &[("Ghazawi", Per)],
        &[],
    );
    let got = run(&c, "2024-05");
    let death = find(&got, "death", "Ghazawi");
    assert_eq!(death.5, "unconfirmed");
    assert_eq!(death.6, ["zou", "moet nog wel gecheckt worden"]);
    assert_eq!(death.4, "", "the article says it");
}

#[test]
fn a_denial() {
    let c = case(
        Language::Nl,
        "Nabil al-Ghazawi leidt de brigade. Een woordvoerder van de brigade ontkent dat hij dood is.",
        &[("Nabil al-Ghazawi", Per)],
        &[],
    );
    let got = run(&c, "2024-05-13");
    let death = find(&got, "death", "Nabil al-Ghazawi");
    assert_eq!(
        (death.4.as_str(), death.5.as_str()),
        ("Een woordvoerder van de brigade", "denied")
    );
}

#[test]
fn two_people_killed_by_the_americans_on_a_date() {
    let c = case(
        Language::Nl,
        "Abu Faysal en zijn plaatsvervanger Abu Quadamah zouden volgens de Amerikanen zijn gedood op 1 december.",
        &[
            ("Abu Faysal", Per),
            ("Abu Quadamah", Per),
            ("Amerikanen", Misc),
        ],
        &[("1 december", "2017-12-01")],
    );
    let got = run(&c, "2017-12");
    for who in ["Abu Faysal", "Abu Quadamah"] {
        let d = find(&got, "death", who);
        assert_eq!(
            (d.3.as_str(), d.4.as_str(), d.5.as_str()),
            ("2017-12-01", "de Amerikanen", "hedged"),
            "{who}"
        );
    }
}

#[test]
fn reward_location_and_count() {
    let c = case(
        Language::Nl,
        "Volgens sommige berichten zou Ghazawi in Kafr Nur verblijven, en niet in Tell Safra. De Amerikanen hebben 10 miljoen dollar op zijn hoofd gezet. Volgens het Pentagon telt de brigade nog maximaal 2.000 strijders.",
        &[
            ("Ghazawi", Per),
            ("Kafr Nur", Loc),
            ("Tell Safra", Loc),
            ("Amerikanen", Misc),
            ("Pentagon", Org),
            ("brigade", Org),
        ],
        &[],
    );
    let got = run(&c, "2024-05-20");
    let at = got
        .iter()
        .find(|x| x.0 == "location" && x.2 == "at Kafr Nur")
        .expect("at Kafr Nur");
    assert_eq!(
        (at.4.as_str(), at.5.as_str()),
        ("sommige berichten", "hedged")
    );
    assert!(
        got.iter()
            .any(|x| x.0 == "location" && x.2 == "not_at Tell Safra"),
        "{got:#?}"
    );
    let reward = find(&got, "reward", "Ghazawi");
    assert_eq!(
        (reward.2.as_str(), reward.5.as_str()),
        ("10 miljoen dollar", "confirmed")
    );
    let count = find(&got, "count", "brigade");
    assert_eq!(
        (count.2.as_str(), count.4.as_str(), count.5.as_str()),
        ("2.000 strijders", "het Pentagon", "reported")
    );
}

#[test]
fn english_report_then_unverified() {
    let c = case(
        Language::En,
        "The defence ministry said on Friday that Nabil al-Ghazawi, the leader of the Red Valley Brigade, was killed in an air strike near Tel Safra on 5 May. The claim could not be independently verified. A spokesman for the brigade denied that Ghazawi was dead.",
        &[
            ("Nabil al-Ghazawi", Per),
            ("Red Valley Brigade", Org),
            ("Tel Safra", Loc),
            ("Ghazawi", Per),
        ],
        &[("Friday", "2024-05-10"), ("5 May", "2024-05-05")],
    );
    let got = run(&c, "2024-05-10");
    let death = find(&got, "death", "Nabil al-Ghazawi");
    assert_eq!(
        (
            death.2.as_str(),
            death.3.as_str(),
            death.4.as_str(),
            death.5.as_str()
        ),
        (
            "Tel Safra",
            "2024-05-05",
            "The defence ministry",
            "unconfirmed"
        )
    );
    let denied = find(&got, "death", "Ghazawi");
    assert_eq!(
        (denied.4.as_str(), denied.5.as_str()),
        ("A spokesman for the brigade", "denied")
    );
    let lead = find(&got, "leadership", "Nabil al-Ghazawi");
    assert_eq!(lead.2, "of Red Valley Brigade");
}

#[test]
fn a_quote_over_sentences_keeps_its_speaker() {
    let c = case(
        Language::Nl,
        "„Ghazawi leeft nog. Hij verblijft in Kafr Nur”, zegt Jan Peeters.",
        &[("Ghazawi", Per), ("Kafr Nur", Loc), ("Jan Peeters", Per)],
        &[],
    );
    let got = run(&c, "2024-05-20");
    assert_eq!(find(&got, "alive", "Ghazawi").4, "Jan Peeters");
    let loc = got.iter().find(|x| x.0 == "location").expect("location");
    assert_eq!(
        (loc.1.as_str(), loc.4.as_str()),
        ("Ghazawi", "Jan Peeters"),
        "{got:#?}"
    );
}
