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

#[test]
fn example_timeline_text() {
    insta::assert_snapshot!(stdout(&["timeline", "examples"]));
}

#[test]
fn example_timeline_json_for_one_entity() {
    insta::assert_snapshot!(stdout(&[
        "timeline", "examples", "--entity", "Ghazawi", "--format", "json"
    ]));
}

#[test]
fn example_status_as_of_dates() {
    for date in ["2024-03-01", "2024-05-12", "2024-12-31"] {
        insta::assert_snapshot!(
            format!("status-{date}"),
            stdout(&["status", "al-Ghazawi", "--as-of", date, "examples"])
        );
    }
}

#[test]
fn example_status_json() {
    insta::assert_snapshot!(stdout(&[
        "status", "Ghazawi", "--as-of", "2024-06", "examples", "--format", "json"
    ]));
}
