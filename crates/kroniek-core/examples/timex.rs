//! Prints the time expressions of a text: `cargo run --example timex -- nl 2017-06 "tekst"`.
//! An optional fourth argument sets the tense bias (past, future, auto) and a fifth a time of
//! day (04:30) for the reference.

use kroniek_core::model::{Document, Language, PartialDate};
use kroniek_core::time::{Reference, TenseBias, TimeConfig, extract_at};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lang = args
        .first()
        .and_then(|l| Language::from_code(l))
        .unwrap_or(Language::Nl);
    let published = args.get(1).and_then(|d| PartialDate::parse(d));
    let text = args.get(2).cloned().unwrap_or_default();
    let tense_bias = match args.get(3).map(String::as_str) {
        Some("past") => TenseBias::Past,
        Some("future") => TenseBias::Future,
        _ => TenseBias::Auto,
    };
    let time = args.get(4).and_then(|t| t.parse().ok());
    let doc = Document::plain("x", text.clone());
    let analysis = kroniek_core::text::analyze(&doc, lang);
    let reference = published.map(|date| Reference { date, time });
    for t in extract_at(&doc, &analysis, reference, &TimeConfig { tense_bias }) {
        println!(
            "{:?}\t{:?}\t{}\t{}\t{:?}\t{:?}..{:?}\t{:?}\t{:?}",
            t.span.slice(&text),
            t.kind,
            t.value,
            t.rule,
            t.modifier,
            t.earliest.map(|d| d.to_string()),
            t.latest.map(|d| d.to_string()),
            t.tense,
            t.anchor
        );
    }
}
