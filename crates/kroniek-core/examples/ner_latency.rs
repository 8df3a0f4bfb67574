//! Time to first mentions: `cargo run --release -p kroniek-core --example ner_latency FILE`.
//! Runs the text stage (which identifies the language; Dutch when unsure) and recognition on one
//! article, the first recognition loading the tagger, and prints the time each step took and the
//! mentions found.

use kroniek_core::entities::recognize;
use kroniek_core::model::{Document, Language};
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        "Premier Guy Verhofstadt sprak dinsdag in Brussel met de Europese Commissie.".to_owned()
    });
    let t0 = Instant::now();
    let doc = Document::plain("d", text);
    let a = kroniek_core::text::analyze(&doc, Language::Nl);
    let t1 = Instant::now();
    let first = recognize(&doc, &a);
    let t2 = Instant::now();
    let again = recognize(&doc, &a);
    let t3 = Instant::now();
    println!(
        "{} tokens: text stage {:?}, first recognize (loads the tagger) {:?}, again {:?}; {} mentions",
        a.tokens.len(),
        t1 - t0,
        t2 - t1,
        t3 - t2,
        first.len().max(again.len())
    );
    for m in &first {
        println!(
            "  {:?} {:?} {} {}",
            m.kind,
            m.span.slice(&doc.text),
            m.rule,
            m.score
        );
    }
}
