//! The three dev articles (`../shared/corpus/dev`, outside the repository): every time
//! expression is found, with the right value, and nothing else is (numbers such as "15.000
//! strijders" or "TU-22M3" are not dates). The publication dates come from the files' headers,
//! at month granularity.

use kroniek_core::ingest::{self, Input};
use kroniek_core::pipeline::Analyzer;
use std::path::Path;

/// One expected expression: text, value, earliest, latest.
type Expected = (&'static str, &'static str, &'static str, &'static str);

/// Per document, its expressions in text order.
const EXPECTED: &[(&str, &[Expected])] = &[
    (
        "000_8ca2fc73f429c592",
        &[
            ("juni 2014", "2014-06", "2014-06-01", "2014-06-30"),
            ("2014", "2014", "2014-01-01", "2014-12-31"),
        ],
    ),
    (
        "002_c70e3b68976ce8ca",
        &[
            ("28 mei", "2017-05-28", "2017-05-28", "2017-05-28"),
            ("nu", "PRESENT_REF", "2017-06-01", "2017-06-30"),
            // Published some day in June 2017: the latest Friday before that is a day
            // between 26 May and 30 June; the value is as specific as the anchor.
            ("vrijdag", "2017-06", "2017-05-26", "2017-06-30"),
            ("Tien dagen geleden", "2017-06", "2017-05-22", "2017-06-20"),
        ],
    ),
    (
        "004_415d4aea1597e8ed",
        &[
            ("momenteel", "PRESENT_REF", "2017-12-01", "2017-12-31"),
            ("recent", "PAST_REF", "", ""),
            ("1 december", "2017-12-01", "2017-12-01", "2017-12-01"),
        ],
    ),
];

#[test]
fn every_time_expression_of_the_dev_articles() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/dev");
    if !dir.is_dir() {
        eprintln!(
            "skipped: the dev articles are not at {} (they live beside the repository)",
            dir.display()
        );
        return;
    }
    let mut docs = Vec::new();
    for (id, _) in EXPECTED {
        let path = dir.join(format!("{id}.txt"));
        let bytes = std::fs::read(&path).expect("readable dev article");
        let name = path.display().to_string();
        let got = ingest::read(Input {
            name: &name,
            path: Some(&name),
            id,
            bytes: &bytes,
            format: None,
        });
        docs.extend(got.documents);
    }
    let analysis = Analyzer::default().analyze(docs);
    let mut failures = Vec::new();
    for (id, expected) in EXPECTED {
        let a = analysis
            .docs
            .iter()
            .find(|a| a.doc.id == *id)
            .expect("document analysed");
        assert!(
            a.published.value.is_some(),
            "{id}: the header gives the publication date"
        );
        let got: Vec<(String, String, String, String)> = a
            .timexes
            .iter()
            .map(|t| {
                (
                    t.span.slice(&a.doc.text).to_owned(),
                    t.value.clone(),
                    t.earliest.map(|d| d.to_string()).unwrap_or_default(),
                    t.latest.map(|d| d.to_string()).unwrap_or_default(),
                )
            })
            .collect();
        let want: Vec<(String, String, String, String)> = expected
            .iter()
            .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
            .collect();
        if got != want {
            failures.push(format!("{id}:\n  want {want:?}\n  got  {got:?}"));
        }
        for t in &a.timexes {
            assert!(t.rule.starts_with("nl/"), "{id}: rule {}", t.rule);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
