//! Helpers shared by the integration tests: run the built `kroniek` binary and read its report.
#![allow(dead_code)]

use kroniek_core::report::Report;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// The shared dev corpus, if this checkout sits beside it.
pub fn dev_corpus() -> Option<PathBuf> {
    let p = root().join("../shared/corpus/dev");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: the dev corpus is not at {}", p.display());
        None
    }
}

/// `kroniek ARGS` run from the workspace root.
pub fn kroniek<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_kroniek"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("kroniek runs")
}

/// The parsed report of `kroniek analyze ARGS --format json --include-text`, with the exit code
/// and stderr.
pub fn analyze<I, S>(args: I) -> (Report, i32, String)
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut all: Vec<std::ffi::OsString> = vec!["analyze".into()];
    all.extend(args.into_iter().map(|a| a.as_ref().to_owned()));
    all.extend(["--format".into(), "json".into(), "--include-text".into()]);
    let out = kroniek(&all);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let report: Report = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("report is not valid JSON ({e}); stderr: {stderr}"));
    let problems = report.check_own_text();
    assert!(
        problems.is_empty(),
        "report breaks the contract:\n{}",
        problems.join("\n")
    );
    (report, out.status.code().unwrap_or(-1), stderr)
}
