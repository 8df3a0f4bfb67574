//! Golden files: the report and the summary of the example corpus. A change in what Kroniek
//! finds shows as a diff here; accept it with `INSTA_UPDATE=always cargo test` once it is right.

mod common;

use common::kroniek;

fn stdout(args: &[&str]) -> String {
    let out = kroniek(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn example_report_json() {
    insta::assert_snapshot!(stdout(&["analyze", "examples", "--format", "json"]));
}

#[test]
fn example_summary_text() {
    insta::assert_snapshot!(stdout(&["analyze", "examples", "--format", "text"]));
}
