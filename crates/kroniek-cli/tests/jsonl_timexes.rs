//! `kroniek analyze x.jsonl`: records with a `published` field give anchored time expressions.

use std::process::Command;

#[test]
fn jsonl_records_with_a_publication_date_anchor_their_expressions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("x.jsonl");
    let lines = [
        r#"{"id": "a", "published": "2017-06-16", "text": "Gisteren meldde het leger dat de stad vorige week viel. Op 28 mei begon het offensief."}"#,
        r#"{"id": "b", "published": "2017-06", "text": "Tien dagen geleden zette de coalitie de aanval in."}"#,
        r#"{"id": "c", "published": "1998-01-08", "language": "en", "text": "The company said on Tuesday that profits rose last year."}"#,
    ];
    std::fs::write(&path, lines.join("\n")).expect("written");
    let out = Command::new(env!("CARGO_BIN_EXE_kroniek"))
        .arg("analyze")
        .arg(&path)
        .output()
        .expect("kroniek runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let timexes: Vec<(String, String, String, String)> = report["timexes"]
        .as_array()
        .expect("timexes")
        .iter()
        .map(|t| {
            let s = |k: &str| t[k].as_str().unwrap_or_default().to_owned();
            (s("doc"), s("text"), s("value"), s("anchor"))
        })
        .collect();
    let want = [
        ("a", "Gisteren", "2017-06-15", "published"),
        ("a", "vorige week", "2017-W23", "published"),
        ("a", "28 mei", "2017-05-28", "published"),
        ("b", "Tien dagen geleden", "2017-06", "published"),
        ("c", "Tuesday", "1998-01-06", "published"),
        ("c", "last year", "1997", "published"),
    ];
    let want: Vec<(String, String, String, String)> = want
        .iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect();
    assert_eq!(timexes, want);
    // Offsets index the document text.
    for t in report["timexes"].as_array().expect("timexes") {
        let start = t["start"].as_u64().expect("start");
        let end = t["end"].as_u64().expect("end");
        assert!(start < end);
    }
}
