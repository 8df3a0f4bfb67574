//! Times each stage of the pipeline on a JSON Lines corpus, on one thread: where the time goes
//! (`cargo run --release -p kroniek-core --example stages FILE.jsonl`).

use kroniek_core::ingest::{self, Input};
use kroniek_core::pipeline::{Analyzer, Quiet};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: stages FILE.jsonl")?;
    let bytes = std::fs::read(&path)?;
    let mb = bytes.len() as f64 / 1e6;
    let t = Instant::now();
    let got = ingest::read(Input {
        name: &path,
        path: None,
        id: "x",
        bytes: &bytes,
        format: None,
    });
    let docs = got.documents;
    let ingest_s = t.elapsed().as_secs_f64();
    let analyzer = Analyzer::default();
    let t = Instant::now();
    let texts: Vec<_> = docs
        .iter()
        .map(|d| kroniek_core::text::analyze(d, kroniek_core::Language::Nl))
        .collect();
    let text_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for (d, a) in docs.iter().zip(&texts) {
        let _ = kroniek_core::time::extract(d, a, d.published.value, &Default::default());
    }
    let time_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mentions: Vec<_> = docs
        .iter()
        .zip(&texts)
        .map(|(d, a)| kroniek_core::entities::recognize(d, a))
        .collect();
    let ner_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for ((d, a), m) in docs.iter().zip(&texts).zip(&mentions) {
        let timexes = kroniek_core::time::extract(d, a, d.published.value, &Default::default());
        let _ = kroniek_core::claims::extract(d, a, &timexes, m, d.published.value);
    }
    let claims_s = t.elapsed().as_secs_f64() - time_s;
    let t = Instant::now();
    let prepared: Vec<_> = docs.into_iter().map(|d| analyzer.prepare(d)).collect();
    let prepare_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let analysis = analyzer.assemble(prepared, &Quiet);
    let assemble_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let report = serde_json::to_string(&analysis.report(Default::default()))?;
    let report_s = t.elapsed().as_secs_f64();
    println!(
        "{mb:.2} MB, {} documents, report {} bytes",
        analysis.docs.len(),
        report.len()
    );
    for (name, s) in [
        ("ingest", ingest_s),
        ("text", text_s),
        ("time", time_s),
        ("ner", ner_s),
        ("claims", claims_s),
        ("prepare (text+ner)", prepare_s),
        ("assemble (all collection work)", assemble_s),
        ("report", report_s),
    ] {
        println!("{name:32} {s:7.3} s  {:8.2} MB/s", mb / s);
    }
    Ok(())
}
