//! Table tests: phrase → value with a fixed anchor, for Dutch and English.

use super::*;
use crate::model::{Document, Language};

fn run(lang: Language, text: &str, published: &str, bias: TenseBias) -> Vec<Timex> {
    let doc = Document::plain("t", text);
    let analysis = crate::text::analyze(&doc, lang);
    let config = TimeConfig { tense_bias: bias };
    extract(&doc, &analysis, PartialDate::parse(published), &config)
}

fn show(text: &str, t: &[Timex]) -> String {
    t.iter()
        .map(|t| format!("{:?}={} ({})", t.span.slice(text), t.value, t.rule))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn smoke() {
    let text = "De aanval vond al plaats op 28 mei.";
    let t = run(Language::Nl, text, "2017-06", TenseBias::Auto);
    assert_eq!(show(text, &t), "\"28 mei\"=2017-05-28 (nl/date/day-month)");
}
