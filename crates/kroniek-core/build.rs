//! Precomputes the NER gazetteers: for each language, the names of
//! `lang/<iso>/gazetteer/*.tsv` as a sorted table of `(xxh3 key, class bits)` records written to
//! `OUT_DIR`, so the tagger binary-searches the embedded table in place instead of building a
//! hash map at start-up (which cost some 40 ms).
//!
//! The key of a name is the xxh3 hash of its words joined by single spaces; the class names and
//! bits must match `src/entities/ner/gazetteer.rs` (`class::ALL`).

use std::collections::BTreeMap;
use std::path::PathBuf;

const FILES: [&str; 5] = [
    "places.tsv",
    "lexicon.tsv",
    "countries.tsv",
    "demonyms.tsv",
    "names.tsv",
];

const CLASSES: [&str; 8] = [
    "city", "country", "region", "demonym", "first", "last", "org", "proper",
];

const MAX_TOKENS: usize = 4;

fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()) {
            return &line[..i];
        }
    }
    line
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default());
    for lang in ["nl", "en"] {
        let dir = manifest.join("../../lang").join(lang).join("gazetteer");
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut table: BTreeMap<u64, u16> = BTreeMap::new();
        for file in FILES {
            let Ok(text) = std::fs::read_to_string(dir.join(file)) else {
                continue;
            };
            for raw in text.lines() {
                let line = strip_comment(raw).trim();
                let mut fields = line.split('\t').map(str::trim);
                let (Some(name), Some(class)) = (fields.next(), fields.next()) else {
                    continue;
                };
                let Some(bit) = CLASSES.iter().position(|&c| c == class) else {
                    continue;
                };
                let words: Vec<&str> = name.split_whitespace().collect();
                if words.is_empty() || words.len() > MAX_TOKENS {
                    continue;
                }
                let key = xxhash_rust::xxh3::xxh3_64(words.join(" ").as_bytes());
                *table.entry(key).or_insert(0) |= 1 << bit;
            }
        }
        let mut bytes = Vec::with_capacity(table.len() * 10);
        for (k, v) in table {
            bytes.extend_from_slice(&k.to_le_bytes());
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        let _ = std::fs::write(out.join(format!("gazetteer_{lang}.bin")), bytes);
    }
}
