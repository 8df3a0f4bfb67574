//! Arbitrary text through the whole pipeline, with and without a publication date: no panic,
//! and the report keeps the contract (offsets slice the text).
#![no_main]

use kroniek_core::model::{DateSource, Document, PartialDate, Published};
use kroniek_core::pipeline::{Analyzer, ReportOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let undated = Document::plain("a", text);
    let mut dated = Document::plain("b", text);
    if let Some(d) = PartialDate::month(2017, 6) {
        dated.published = Published::stated(d, DateSource::Given, "fuzz".into());
    }
    let analysis = Analyzer::default().analyze(vec![undated, dated]);
    let report = analysis.report(ReportOptions { include_text: true });
    let problems = report.check_own_text();
    assert!(problems.is_empty(), "{problems:?}");
});
