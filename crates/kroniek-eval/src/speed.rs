//! Speed of the time stage on a text of `### id`-separated documents
//! (`dutch_news/throughput_nl.txt`), on the calling thread: the time stage alone on analysed
//! documents, and the text stage and time stage together from raw text. The best of a few runs
//! is reported, as the machine is shared.

use crate::{EvalError, read};
use kroniek_core::model::{Document, Language, PartialDate};
use kroniek_core::time::{TimeConfig, extract};
use serde::Serialize;
use std::path::Path;
use std::time::Instant;

/// Measured speeds.
#[derive(Debug, Clone, Serialize)]
pub struct Speed {
    /// Documents.
    pub documents: usize,
    /// Bytes of text.
    pub bytes: usize,
    /// Time expressions found.
    pub timexes: usize,
    /// The time stage alone, MB/s (10^6 bytes).
    pub time_mb_s: f64,
    /// The text stage and the time stage, MB/s.
    pub text_and_time_mb_s: f64,
}

/// Splits a `### id` file into documents.
pub fn documents(src: &str) -> Vec<Document> {
    let mut docs = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in src.lines() {
        if let Some(id) = line.strip_prefix("### ") {
            if let Some((id, text)) = current.take() {
                docs.push(Document::plain(id, text));
            }
            current = Some((id.to_owned(), String::new()));
        } else if let Some((_, text)) = current.as_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    if let Some((id, text)) = current {
        docs.push(Document::plain(id, text));
    }
    for d in &mut docs {
        d.declared_language = Some(Language::Nl);
    }
    docs
}

/// Measures on the file, best of `runs`.
pub fn measure(path: &Path, runs: usize) -> Result<Speed, EvalError> {
    let docs = documents(&read(path)?);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let published = PartialDate::parse("2017-06-16");
    let config = TimeConfig::default();
    let analysed: Vec<_> = docs
        .iter()
        .map(|d| kroniek_core::text::analyze(d, Language::Nl))
        .collect();
    let mut timexes = 0;
    let mut best_time = f64::MAX;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        timexes = docs
            .iter()
            .zip(&analysed)
            .map(|(d, a)| extract(d, a, published, &config).len())
            .sum();
        best_time = best_time.min(t.elapsed().as_secs_f64());
    }
    let mut best_both = f64::MAX;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let n: usize = docs
            .iter()
            .map(|d| {
                let a = kroniek_core::text::analyze(d, Language::Nl);
                extract(d, &a, published, &config).len()
            })
            .sum();
        std::hint::black_box(n);
        best_both = best_both.min(t.elapsed().as_secs_f64());
    }
    let mb = bytes as f64 / 1e6;
    Ok(Speed {
        documents: docs.len(),
        bytes,
        timexes,
        time_mb_s: mb / best_time,
        text_and_time_mb_s: mb / best_both,
    })
}
