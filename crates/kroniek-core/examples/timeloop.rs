//! Runs the time stage over a `### id` file many times, for profiling:
//! `cargo run --release --example timeloop -- FILE [ROUNDS]`.

use kroniek_core::model::{Document, Language, PartialDate};
use kroniek_core::time::{TimeConfig, extract};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let src = std::fs::read_to_string(args.first().map_or("", String::as_str)).unwrap_or_default();
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(10);
    let mut docs = Vec::new();
    for chunk in src.split("### ").filter(|c| !c.is_empty()) {
        let mut doc = Document::plain("d", chunk.to_owned());
        doc.declared_language = Some(Language::Nl);
        let a = kroniek_core::text::analyze(&doc, Language::Nl);
        docs.push((doc, a));
    }
    let published = PartialDate::parse("2017-06-16");
    let config = TimeConfig::default();
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for (d, a) in &docs {
            n += extract(d, a, published, &config).len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let bytes: usize = docs.iter().map(|(d, _)| d.text.len()).sum::<usize>() * rounds;
    println!("{n} timexes, {:.2} MB/s", bytes as f64 / 1e6 / secs);
}
