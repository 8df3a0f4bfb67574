//! Every report the CLI produces keeps the contract of docs/report-format (shared docs):
//! required fields present, enumerations known, references resolved, and every `text` equal to
//! its document's bytes `start..end`.

mod common;

use common::{analyze, dev_corpus, kroniek, root};
use serde_json::Value;

/// Required keys, checked on the raw JSON (a missing `value` must be `null`, not absent).
fn check_required(raw: &Value) {
    let req = |v: &Value, keys: &[&str], what: &str| {
        for k in keys {
            assert!(v.get(k).is_some(), "{what} lacks required {k:?}: {v}");
        }
    };
    req(
        raw,
        &[
            "format",
            "documents",
            "timexes",
            "entities",
            "claims",
            "events",
            "conflicts",
        ],
        "report",
    );
    for d in raw["documents"].as_array().expect("documents") {
        req(d, &["id", "language", "published"], "document");
        req(
            &d["published"],
            &["value", "source", "confidence", "evidence"],
            "published",
        );
    }
    for t in raw["timexes"].as_array().expect("timexes") {
        req(
            t,
            &["doc", "text", "start", "end", "type", "value", "anchor"],
            "timex",
        );
    }
    for e in raw["entities"].as_array().expect("entities") {
        req(e, &["id", "name", "type", "mentions"], "entity");
    }
    for c in raw["claims"].as_array().expect("claims") {
        req(
            c,
            &["id", "doc", "text", "subject", "predicate", "certainty"],
            "claim",
        );
    }
    for v in raw["events"].as_array().expect("events") {
        req(v, &["claims"], "event");
    }
    for c in raw["conflicts"].as_array().expect("conflicts") {
        req(c, &["subject", "claims"], "conflict");
    }
}

fn raw(args: &[&str]) -> Value {
    let mut all = vec!["analyze"];
    all.extend(args);
    all.extend(["--format", "json"]);
    let out = kroniek(&all);
    serde_json::from_slice(&out.stdout).expect("JSON report")
}

#[test]
fn the_example_corpus_report_keeps_the_contract() {
    let (report, code, stderr) = analyze(["examples"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(report.documents.len(), 6);
    check_required(&raw(&["examples"]));
}

#[test]
fn the_dev_corpus_report_keeps_the_contract() {
    let Some(dev) = dev_corpus() else { return };
    let (report, code, stderr) = analyze([&dev]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(report.documents.len(), 3);
    check_required(&raw(&[dev.to_str().expect("utf-8 path")]));
}

#[test]
fn dev_articles_get_their_header_dates() {
    let Some(dev) = dev_corpus() else { return };
    let (report, _, _) = analyze([&dev]);
    let dates: Vec<(String, String, String)> = report
        .documents
        .iter()
        .map(|d| {
            (
                d.id.clone(),
                d.published.value.map(|v| v.to_string()).unwrap_or_default(),
                format!("{:?}", d.published.source),
            )
        })
        .collect();
    assert_eq!(
        dates,
        [
            (
                "000_8ca2fc73f429c592".into(),
                "2017-03".into(),
                "Header".into()
            ),
            (
                "002_c70e3b68976ce8ca".into(),
                "2017-06".into(),
                "Header".into()
            ),
            (
                "004_415d4aea1597e8ed".into(),
                "2017-12".into(),
                "Header".into()
            ),
        ]
    );
    for d in &report.documents {
        let text = d.text.as_deref().expect("text included");
        let [start, _] = d.body.expect("body span");
        assert!(
            !text[start..].starts_with(" date"),
            "the header is not body text"
        );
    }
}

#[test]
fn the_contract_checker_catches_a_bad_offset() {
    let (mut report, _, _) = analyze(["examples/wire.jsonl"]);
    assert!(report.check_own_text().is_empty());
    report.timexes.push(kroniek_core::report::TimexOut {
        doc: report.documents[0].id.clone(),
        text: "not there".into(),
        start: 0,
        end: 9,
        kind: "DATE".into(),
        value: "2024".into(),
        anchor: "none".into(),
        rule: None,
        modifier: None,
        earliest: None,
        latest: None,
    });
    assert_eq!(report.check_own_text().len(), 1);
    let _ = root();
}

#[test]
fn given_dates_override_and_are_marked_given() {
    let (report, code, _) = analyze([
        "examples/zonder-datum.txt",
        "--published",
        "zonder-datum=2024-05-16",
    ]);
    assert_eq!(code, 0);
    let p = &report.documents[0].published;
    assert_eq!(
        p.value.map(|v| v.to_string()).as_deref(),
        Some("2024-05-16")
    );
    assert_eq!(p.source, kroniek_core::DateSource::Given);
}

#[test]
fn a_given_date_for_an_unknown_id_is_an_error() {
    let (_, code, stderr) = analyze([
        "examples/zonder-datum.txt",
        "--published",
        "nope=2024-05-16",
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("\"nope\""), "{stderr}");
}

#[test]
fn a_bad_given_date_is_a_usage_error() {
    let out = kroniek(["analyze", "examples", "--published", "x=16 mei"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a date"));
}

#[test]
fn the_syndicated_copy_is_reported_as_a_duplicate() {
    let (report, _, _) = analyze(["examples"]);
    let wire = report
        .documents
        .iter()
        .find(|d| d.id == "wire-2024-05-11")
        .expect("wire copy");
    let dup = wire.duplicate_of.as_ref().expect("marked as duplicate");
    assert_eq!(dup.doc, "2024-05-10-strike");
    assert_eq!(dup.kind, "near");
    let original = report
        .documents
        .iter()
        .find(|d| d.id == "2024-05-10-strike")
        .expect("original");
    assert!(original.duplicate_of.is_none());
}

#[test]
fn the_undated_example_gets_an_inferred_date_with_evidence() {
    let (report, _, _) = analyze(["examples"]);
    let d = report
        .documents
        .iter()
        .find(|d| d.id == "zonder-datum")
        .expect("undated article");
    assert_eq!(d.published.source, kroniek_core::DateSource::Inferred);
    assert!(d.published.confidence < 1.0);
    assert!(!d.published.evidence.is_empty());
    let year = d.published.value.expect("a value").year_value();
    assert_eq!(year, 2024);
}

#[test]
fn a_dev_article_without_its_header_gets_an_inferred_date_within_a_month() {
    let Some(dev) = dev_corpus() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let original = std::fs::read_to_string(dev.join("002_c70e3b68976ce8ca.txt")).expect("read");
    let without = original
        .trim_start()
        .strip_prefix("date 2017-06")
        .expect("has its header");
    std::fs::write(dir.path().join("kopie.txt"), without.trim_start()).expect("write");
    let (report, code, _) = analyze([
        dev.join("000_8ca2fc73f429c592.txt"),
        dev.join("004_415d4aea1597e8ed.txt"),
        dir.path().join("kopie.txt"),
    ]);
    assert_eq!(code, 0);
    let d = report
        .documents
        .iter()
        .find(|d| d.id == "kopie")
        .expect("the copy");
    let p = &d.published;
    assert_eq!(p.source, kroniek_core::DateSource::Inferred);
    assert!(p.confidence > 0.0 && p.confidence < 1.0);
    let value = p.value.expect("a value");
    // The truth is June 2017: the inferred interval's middle lies within a month of it.
    let truth = jiff::civil::date(2017, 6, 15);
    let middle = value
        .earliest()
        .saturating_add(jiff::Span::new().days(i64::from(
            (value.latest() - value.earliest()).get_days() / 2,
        )));
    assert!((middle - truth).get_days().abs() <= 31, "inferred {value}");
    assert!(
        p.evidence.iter().any(|e| e.contains("28 mei")),
        "{:?}",
        p.evidence
    );
    assert!(
        p.evidence
            .iter()
            .any(|e| e.contains("related dated articles")),
        "{:?}",
        p.evidence
    );
}
