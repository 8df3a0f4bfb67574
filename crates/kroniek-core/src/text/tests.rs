use super::*;
use crate::model::Document;

fn run(text: &str) -> (Document, TextAnalysis) {
    let doc = Document::plain("t", text);
    let a = analyze(&doc, Language::Nl);
    (doc, a)
}

fn sentence_texts(text: &str) -> Vec<String> {
    let (doc, a) = run(text);
    a.sentences
        .iter()
        .map(|s| s.span.slice(&doc.text).to_owned())
        .collect()
}

#[test]
fn sentences_respect_dutch_abbreviations() {
    assert_eq!(
        sentence_texts(
            "Hij zei o.a. dat dhr. Jansen op 3 jan. kwam. Mevr. De Vries ook. Er waren 15.000 man, d.w.z. 20,1 procent. Met steun van de VS. Vanuit het westen rukt het leger op."
        ),
        [
            "Hij zei o.a. dat dhr. Jansen op 3 jan. kwam.",
            "Mevr. De Vries ook.",
            "Er waren 15.000 man, d.w.z. 20,1 procent.",
            "Met steun van de VS.",
            "Vanuit het westen rukt het leger op.",
        ]
    );
}

#[test]
fn sentences_and_quotes() {
    let text =
        ",,Dit is een citaat. Met twee zinnen.'' zei hij. “Nog één”, aldus de bron. \"Klaar?\" Ja.";
    assert_eq!(
        sentence_texts(text),
        [
            ",,Dit is een citaat.",
            "Met twee zinnen.'' zei hij.",
            "“Nog één”, aldus de bron.",
            "\"Klaar?\"",
            "Ja.",
        ]
    );
    let (doc, a) = run(text);
    let quoted: Vec<&str> = a.quotes.iter().map(|q| q.inner.slice(&doc.text)).collect();
    assert_eq!(
        quoted,
        ["Dit is een citaat. Met twee zinnen.", "Nog één", "Klaar?"]
    );
}

#[test]
fn an_unclosed_quote_runs_to_the_paragraph_end() {
    let (doc, a) = run("„Wij gaan door. Tot het einde.\n\nDat zei hij.");
    assert_eq!(a.quotes.len(), 1);
    assert!(!a.quotes[0].closed);
    assert_eq!(
        a.quotes[0].inner.slice(&doc.text),
        "Wij gaan door. Tot het einde."
    );
}

#[test]
fn headings_captions_and_pull_quotes() {
    let text = "De aanval vond plaats in mei. Niemand weet meer.\n\nNiet bevestigd\n\nVolgens berichten zou de leider in de stad verblijven Jan Peeters\n\nVolgens berichten zou de leider in die stad verblijven. Jan Peeters zegt dat.\n\nVolledig scherm Een foto van de stad. © AFP";
    let (_, a) = run(text);
    let kinds: Vec<SentenceKind> = a.sentences.iter().map(|s| s.kind).collect();
    use SentenceKind::*;
    assert_eq!(
        kinds,
        [
            Body,
            Body,
            Heading,
            PullQuote,
            Body,
            Body,
            Boilerplate,
            Boilerplate
        ]
    );
    assert_eq!(a.sentences[3].repeats, Some(4));
    assert_eq!(a.paragraphs.len(), 5);
}

#[test]
fn one_paragraph_per_line_style() {
    let line = "Dit is een lange regel die als een alinea geldt omdat de tekst geen lege regels heeft en de regels lang zijn";
    let text = format!("{line}\nTussenkop\n{line}");
    let (_, a) = run(&text);
    assert_eq!(a.paragraphs.len(), 3);
    assert_eq!(a.sentences[1].kind, SentenceKind::Heading);
}

#[test]
fn hard_wrapped_text_keeps_sentences_whole() {
    let (doc, a) = run("De minister zei\ndat de leider dood is.\nDat is nieuw.");
    assert_eq!(a.sentences.len(), 2);
    assert_eq!(
        a.sentences[0].span.slice(&doc.text),
        "De minister zei\ndat de leider dood is."
    );
}

#[test]
fn crlf_paragraphs() {
    let (_, a) = run("Eerste zin.\r\n\r\nTweede zin.");
    assert_eq!(a.paragraphs.len(), 2);
}

#[test]
fn very_long_sentences_are_cut() {
    let text = "woord ".repeat(MAX_SENTENCE_TOKENS * 2 + 10);
    let (_, a) = run(&text);
    assert!(
        a.sentences
            .iter()
            .all(|s| s.tokens.len() <= MAX_SENTENCE_TOKENS)
    );
    assert_eq!(a.sentences.len(), 3);
}

#[test]
fn english_is_identified() {
    let (_, a) =
        run("The ministry said on Friday that the leader was killed. This has not been confirmed.");
    assert_eq!(a.language, Language::En);
}
