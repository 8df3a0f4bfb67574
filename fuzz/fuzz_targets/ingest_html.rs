//! Arbitrary bytes read as html: decoding, parsing and the text stage must not panic, and every
//! span must slice the document text.
#![no_main]

use kroniek_core::ingest::{self, Input};
use kroniek_core::model::{Format, Language};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let got = ingest::read(Input { name: "fuzz", path: None, id: "fuzz", bytes, format: Some(Format::Html) });
    for doc in &got.documents {
        assert!(doc.text.get(doc.body.range()).is_some());
        let a = kroniek_core::text::analyze(doc, Language::Nl);
        for t in &a.tokens {
            assert!(doc.text.get(t.span.range()).is_some());
        }
    }
});
