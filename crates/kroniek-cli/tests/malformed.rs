//! Bad input gets one clear diagnostic naming the file and the problem; the rest of the corpus
//! is still analysed; the exit status says whether some inputs failed.

mod common;

use common::{analyze, kroniek};
use std::fs;
use std::path::Path;

const GOOD: &str = " date 2017-06 De minister zei vrijdag dat de leider dood is.";

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("good.txt"), GOOD).expect("write");
    dir
}

fn ids(report: &kroniek_core::report::Report) -> Vec<&str> {
    report.documents.iter().map(|d| d.id.as_str()).collect()
}

fn diagnostic<'a>(
    report: &'a kroniek_core::report::Report,
    file: &str,
) -> &'a kroniek_core::report::DiagnosticOut {
    report
        .diagnostics
        .iter()
        .find(|d| d.source.ends_with(file))
        .unwrap_or_else(|| panic!("no diagnostic for {file}: {:?}", report.diagnostics))
}

#[test]
fn a_binary_file_is_named_and_the_rest_analysed() {
    let dir = corpus();
    fs::write(
        dir.path().join("photo.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
    )
    .expect("write");
    let (report, code, stderr) = analyze([dir.path()]);
    assert_eq!(code, 1, "some inputs failed");
    assert_eq!(ids(&report), ["good"]);
    let d = diagnostic(&report, "photo.txt");
    assert_eq!(d.severity, "error");
    assert!(d.message.contains("binary"), "{}", d.message);
    assert!(
        stderr.contains("photo.txt") && stderr.contains("binary"),
        "{stderr}"
    );
}

#[test]
fn an_empty_file_is_a_warning_not_a_failure() {
    let dir = corpus();
    fs::write(dir.path().join("leeg.txt"), "").expect("write");
    fs::write(dir.path().join("spaties.txt"), "  \n\n ").expect("write");
    let (report, code, _) = analyze([dir.path()]);
    assert_eq!(code, 0);
    assert_eq!(ids(&report), ["good"]);
    assert_eq!(diagnostic(&report, "leeg.txt").severity, "warning");
    assert!(diagnostic(&report, "spaties.txt").message.contains("empty"));
}

#[test]
fn utf16_with_bom_is_decoded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut le = vec![0xFF, 0xFE];
    le.extend(GOOD.encode_utf16().flat_map(u16::to_le_bytes));
    fs::write(dir.path().join("utf16.txt"), le).expect("write");
    let mut be = vec![0xFE, 0xFF];
    be.extend(
        "De leider is in Syrië."
            .encode_utf16()
            .flat_map(u16::to_be_bytes),
    );
    fs::write(dir.path().join("utf16be.txt"), be).expect("write");
    let (report, code, _) = analyze([dir.path()]);
    assert_eq!(code, 0);
    let le = report
        .documents
        .iter()
        .find(|d| d.id == "utf16")
        .expect("utf16");
    assert_eq!(
        le.published.value.map(|v| v.to_string()).as_deref(),
        Some("2017-06")
    );
    let be = report
        .documents
        .iter()
        .find(|d| d.id == "utf16be")
        .expect("utf16be");
    assert!(be.text.as_deref().is_some_and(|t| t.contains("Syrië")));
}

#[test]
fn utf8_with_bom_and_crlf() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("bom.txt"),
        "\u{FEFF} date 2017-06-16\r\nEerste zin.\r\n\r\nTweede zin.\r\n",
    )
    .expect("write");
    let (report, code, _) = analyze([dir.path()]);
    assert_eq!(code, 0);
    let d = &report.documents[0];
    assert_eq!(
        d.published.value.map(|v| v.to_string()).as_deref(),
        Some("2017-06-16")
    );
    assert!(
        d.text
            .as_deref()
            .is_some_and(|t| !t.starts_with('\u{FEFF}')),
        "the BOM is not text"
    );
}

#[test]
fn windows_1252_is_converted_with_a_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    // "Syrië – ‘ja’" in Windows-1252.
    fs::write(
        dir.path().join("oud.txt"),
        b" date 1999-05 Het leger trok Syri\xEB binnen \x96 \x91ja\x92.",
    )
    .expect("write");
    let (report, code, _) = analyze([dir.path()]);
    assert_eq!(code, 0);
    let text = report.documents[0].text.as_deref().expect("text");
    assert!(text.contains("Syrië binnen – ‘ja’."), "{text}");
    assert!(
        diagnostic(&report, "oud.txt")
            .message
            .contains("windows-1252")
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_not_followed_forever() {
    let dir = corpus();
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).expect("mkdir");
    std::os::unix::fs::symlink(dir.path(), sub.join("terug")).expect("symlink");
    std::os::unix::fs::symlink(sub.join("nergens"), sub.join("kapot.txt"))
        .expect("dangling symlink");
    let (report, code, _) = analyze([dir.path()]);
    assert_eq!(code, 1);
    assert_eq!(ids(&report), ["good"]);
    assert!(diagnostic(&report, "terug").message.contains("loop"));
    assert!(
        diagnostic(&report, "kapot.txt")
            .message
            .contains("no such file")
    );
}

#[test]
fn a_50_mb_single_line_is_handled() {
    let dir = corpus();
    let line = "x".repeat(50 << 20);
    fs::write(dir.path().join("blob.txt"), &line).expect("write");
    let (report, code, _) = analyze([dir.path()]);
    assert_eq!(code, 0);
    assert_eq!(report.documents.len(), 2);
    // And with a lower limit it is refused with the reason, without reading it.
    let out = kroniek([
        "analyze".as_ref(),
        dir.path().as_os_str(),
        "--max-file-size".as_ref(),
        "8".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("blob.txt") && stderr.contains("over the 8.0 MiB limit"),
        "{stderr}"
    );
}

#[test]
fn a_long_single_line_of_words_is_analysed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let line = "de leider is dood volgens het ministerie en niemand weet meer ".repeat(80_000);
    fs::write(dir.path().join("lang.txt"), &line).expect("write");
    let (report, code, _) = analyze([dir.path()]);
    assert_eq!(code, 0);
    assert_eq!(report.documents.len(), 1);
}

#[test]
fn bad_jsonl_lines_are_named_and_good_ones_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("feed.jsonl"),
        "{\"id\": \"a\", \"text\": \"Goed artikel.\", \"published\": \"2017-06-16\"}\n{kapot\n{\"id\": \"b\"}\n{\"id\": \"c\", \"text\": \"Ook goed.\", \"published\": \"morgen\"}\n",
    )
    .expect("write");
    let (report, code, stderr) = analyze([dir.path()]);
    assert_eq!(code, 1);
    assert_eq!(ids(&report), ["a", "c"]);
    let lines: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.line, d.severity.as_str()))
        .collect();
    assert_eq!(
        lines,
        [(Some(2), "error"), (Some(3), "error"), (Some(4), "warning")]
    );
    assert!(stderr.contains("feed.jsonl:2: not valid JSON"), "{stderr}");
}

#[test]
fn missing_paths_and_unknown_files() {
    let dir = corpus();
    fs::write(dir.path().join("afbeelding.png"), b"\x89PNG").expect("write");
    fs::write(dir.path().join(".verborgen.txt"), "Niet lezen.").expect("write");
    let missing = dir.path().join("bestaat-niet.txt");
    let (report, code, stderr) = analyze([dir.path(), &missing]);
    assert_eq!(code, 1);
    assert_eq!(
        ids(&report),
        ["good"],
        "unknown extensions and hidden files are skipped"
    );
    assert!(
        stderr.contains("bestaat-niet.txt: no such file or directory"),
        "{stderr}"
    );
}

#[test]
fn duplicate_ids_are_made_unique() {
    let dir = corpus();
    fs::create_dir(dir.path().join("b")).expect("mkdir");
    fs::write(
        dir.path().join("b/good.txt"),
        "Een ander artikel met dezelfde naam.",
    )
    .expect("write");
    let (report, code, _) = analyze([dir.path()]);
    assert_eq!(code, 0);
    let mut got = ids(&report);
    got.sort_unstable();
    assert_eq!(got, ["good", "good~2"]);
}

#[test]
fn stdin_is_read_and_sniffed() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_kroniek"))
        .args(["analyze", "-", "--format", "json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"{\"id\": \"s1\", \"text\": \"The ministry said he was killed.\", \"published\": \"2017-06\"}\n")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    let report: kroniek_core::report::Report = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report.documents[0].id, "s1");
    assert_eq!(report.documents[0].language, kroniek_core::Language::En);
}

#[test]
fn html_pages_are_read() {
    let (report, code, _) = analyze([Path::new("examples/2024-05-10-strike.html")]);
    assert_eq!(code, 0);
    let d = &report.documents[0];
    assert_eq!(
        d.published.value.map(|v| v.to_string()).as_deref(),
        Some("2024-05-10")
    );
    let text = d.text.as_deref().expect("text");
    assert!(
        !text.contains("Sport") && !text.contains("Most read") && !text.contains("Share on"),
        "{text}"
    );
}

#[test]
fn nothing_readable_at_all_still_reports() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("x.txt"), b"\0\0\0\0binary").expect("write");
    let (report, code, _) = analyze([dir.path()]);
    assert_eq!(code, 1);
    assert!(report.documents.is_empty());
}
