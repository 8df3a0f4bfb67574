//! `kroniek ingest`, `--db` on the reading commands, and `kroniek serve`, run as a user runs
//! them. The central test kills an ingest half-way and checks that running it again loses and
//! duplicates nothing.

mod common;

use common::{kroniek, root};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn kroniek_cmd() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kroniek"));
    c.current_dir(root());
    c
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A corpus of `n` articles: the example texts with a different id and a small edit each.
fn generated_corpus(dir: &Path, n: usize) -> Vec<String> {
    let sources: Vec<String> = [
        "2024-02-14-leeft-nog.txt",
        "2024-11-20-doelwit.txt",
        "zonder-datum.txt",
    ]
    .iter()
    .map(|f| std::fs::read_to_string(root().join("examples").join(f)).expect("example"))
    .collect();
    let mut ids = Vec::new();
    for i in 0..n {
        let id = format!("bericht-{i:04}");
        let text = format!(
            "{}\nBericht {i} van onze correspondent in Tell Safra.\n",
            sources[i % sources.len()]
        );
        std::fs::write(dir.join(format!("{id}.txt")), text).expect("write");
        ids.push(id);
    }
    ids
}

/// Opens the database read-only for looking (never blocks the ingest for long).
fn peek(db: &Path) -> Option<rusqlite::Connection> {
    let c = rusqlite::Connection::open_with_flags(
        db,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    c.busy_timeout(Duration::from_millis(50)).ok()?;
    Some(c)
}

fn count(db: &Path, sql: &str) -> Option<i64> {
    peek(db)?.query_row(sql, [], |r| r.get(0)).ok()
}

fn stored_ids(db: &Path) -> Vec<String> {
    let c = peek(db).expect("open");
    let mut stmt = c
        .prepare("SELECT id FROM articles ORDER BY id")
        .expect("prepare");
    stmt.query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

fn stored_report(db: &Path) -> String {
    peek(db)
        .expect("open")
        .query_row("SELECT report FROM derived WHERE id = 1", [], |r| r.get(0))
        .expect("derived results")
}

/// Starts `kroniek ingest`, waits until `ready` holds for the database, and kills it (SIGKILL).
/// Returns false when the ingest finished first.
fn kill_when(corpus: &Path, db: &Path, ready: impl Fn(&Path) -> bool) -> bool {
    let mut child = kroniek_cmd()
        .args(["ingest", "--db"])
        .arg(db)
        .arg(corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().expect("wait").is_some() {
            return false;
        }
        if ready(db) {
            child.kill().expect("kill");
            child.wait().expect("reap");
            return true;
        }
        assert!(
            Instant::now() < deadline,
            "ingest did not get there in time"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn an_ingest_killed_half_way_loses_and_duplicates_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    let total = 800;
    let mut ids = generated_corpus(&corpus, total);
    ids.sort();
    let db = dir.path().join("story.db");

    // 1. Killed while articles are being stored.
    let articles = "SELECT count(*) FROM articles";
    let killed = kill_when(&corpus, &db, |db| {
        count(db, articles).is_some_and(|n| n >= 50)
    });
    assert!(killed, "the ingest finished before it could be killed");
    let kept = count(&db, articles).expect("readable after a kill");
    eprintln!("killed with {kept} of {total} articles stored");
    assert!(
        kept > 0 && kept < total as i64,
        "killed half-way: {kept} of {total} stored"
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM derived"),
        Some(0),
        "no derived results yet"
    );
    let integrity: String = peek(&db)
        .expect("open")
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(integrity, "ok");
    // Every stored article is whole: its analysis reads back.
    let c = peek(&db).expect("open");
    let mut stmt = c.prepare("SELECT prepared FROM articles").expect("prepare");
    for json in stmt
        .query_map([], |r| r.get::<_, String>(0))
        .expect("query")
    {
        let p: kroniek_core::pipeline::Prepared =
            serde_json::from_str(&json.expect("row")).expect("a whole analysis");
        assert!(ids.binary_search(&p.doc.id).is_ok());
    }
    drop(stmt);
    drop(c);

    // 2. Run again, killed after every article is stored but before the story is assembled.
    let killed = kill_when(&corpus, &db, |db| count(db, articles) == Some(total as i64));
    eprintln!("killed while assembling: {killed}");
    if killed {
        assert_eq!(count(&db, articles), Some(total as i64));
        assert_eq!(count(&db, "SELECT count(*) FROM derived"), Some(0));
    }

    // 3. Run again to the end.
    let out = kroniek_cmd()
        .args(["ingest", "--db"])
        .arg(&db)
        .arg(&corpus)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(summary.contains("0 added"), "{summary}");
    assert!(
        summary.contains(&format!("{total} unchanged")),
        "nothing done twice: {summary}"
    );
    assert!(
        summary.contains("interrupted ingest is complete"),
        "{summary}"
    );

    // Nothing lost, nothing duplicated.
    assert_eq!(stored_ids(&db), ids);
    let resumed = stored_report(&db);
    let report: kroniek_core::report::Report = serde_json::from_str(&resumed).expect("report");
    let mut reported: Vec<&str> = report.documents.iter().map(|d| d.id.as_str()).collect();
    reported.sort();
    assert_eq!(reported, ids);

    // The derived results equal those of one clean ingest.
    let clean_db = dir.path().join("clean.db");
    let out = kroniek_cmd()
        .args(["ingest", "--db"])
        .arg(&clean_db)
        .arg(&corpus)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stored_report(&clean_db) == resumed, "same results");
}

#[test]
fn ingesting_again_analyses_nothing_and_says_so() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("story.db");
    let first = kroniek([
        "ingest".as_ref(),
        "examples".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
    ]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let line = stdout(&first);
    assert!(
        line.contains("6 articles read; 6 added, 0 replaced, 0 unchanged"),
        "{line}"
    );
    assert_eq!(line.lines().count(), 1, "one summary line");
    assert!(
        stderr(&first).is_empty(),
        "no progress bar when piped: {}",
        stderr(&first)
    );
    assert!(
        dir.path()
            .join("story.db.index")
            .join("meta.json")
            .is_file()
    );

    let again = kroniek([
        "ingest".as_ref(),
        "examples".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
    ]);
    let line = stdout(&again);
    assert!(line.contains("0 added, 0 replaced, 6 unchanged"), "{line}");
    assert!(line.contains("generation 1"), "nothing recomputed: {line}");

    // One article changed on disk: replaced, the story recomputed.
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    for f in ["2024-02-14-leeft-nog.txt", "zonder-datum.txt"] {
        std::fs::copy(root().join("examples").join(f), corpus.join(f)).expect("copy");
    }
    let mut text = std::fs::read_to_string(corpus.join("zonder-datum.txt")).expect("read");
    text.push_str("\nDe brigade heeft niet gereageerd.\n");
    std::fs::write(corpus.join("zonder-datum.txt"), text).expect("write");
    let third = kroniek([
        "ingest".as_ref(),
        corpus.as_os_str(),
        "--db".as_ref(),
        db.as_os_str(),
    ]);
    let line = stdout(&third);
    assert!(line.contains("0 added, 1 replaced, 1 unchanged"), "{line}");
    assert!(line.contains("6 stored (generation 2)"), "{line}");
}

#[test]
fn analyze_timeline_and_status_read_the_database() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("story.db");
    let out = kroniek([
        "ingest".as_ref(),
        "examples".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0));

    let (from_db, code, _) = common::analyze(["--db".as_ref(), db.as_os_str()]);
    assert_eq!(code, 0);
    let (from_paths, _, _) = common::analyze(["examples"]);
    let ids = |r: &kroniek_core::report::Report| {
        let mut v: Vec<String> = r.documents.iter().map(|d| d.id.clone()).collect();
        v.sort();
        v
    };
    assert_eq!(ids(&from_db), ids(&from_paths));
    assert_eq!(from_db.timexes.len(), from_paths.timexes.len());
    assert_eq!(from_db.claims.len(), from_paths.claims.len());

    let tl = kroniek([
        "timeline".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(tl.status.code(), Some(0), "{}", stderr(&tl));
    let tl: kroniek_core::report::TimelineOut =
        serde_json::from_slice(&tl.stdout).expect("timeline json");
    let tl_paths = kroniek(["timeline", "examples", "--format", "json"]);
    let tl_paths: kroniek_core::report::TimelineOut =
        serde_json::from_slice(&tl_paths.stdout).expect("timeline json");
    assert_eq!(tl.events.len(), tl_paths.events.len());

    let text = kroniek([
        "analyze".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
        "--format".as_ref(),
        "text".as_ref(),
    ]);
    assert!(stdout(&text).contains("6 articles"), "{}", stdout(&text));
}

#[test]
fn paths_and_db_are_exclusive_and_errors_are_clear() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("story.db");
    let missing = dir.path().join("geen.db");
    let cases: Vec<(Vec<std::ffi::OsString>, &str)> = vec![
        (vec!["analyze".into()], "give the articles as PATH"),
        (vec!["timeline".into()], "give the articles as PATH"),
        (
            vec![
                "analyze".into(),
                "examples".into(),
                "--db".into(),
                db.clone().into(),
            ],
            "not both",
        ),
        (
            vec![
                "status".into(),
                "x".into(),
                "--as-of".into(),
                "2024".into(),
                "--db".into(),
                missing.clone().into(),
            ],
            "no such database",
        ),
        (
            vec![
                "analyze".into(),
                "--db".into(),
                missing.clone().into(),
                "--published".into(),
                "a=2024".into(),
            ],
            "--published applies to articles read from PATHs",
        ),
    ];
    for (args, words) in cases {
        let out = kroniek(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(words), "{args:?}: {}", stderr(&out));
    }
    assert!(!missing.exists(), "a reading command created no database");
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![b'x'; 4096]).expect("write");
    let out = kroniek(["timeline".as_ref(), "--db".as_ref(), junk.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("junk.db"), "{}", stderr(&out));
}

/// One HTTP/1.1 GET over a plain socket: status and body.
fn http_get(addr: &str, path: &str) -> (u16, String) {
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = String::new();
    s.read_to_string(&mut raw).expect("read");
    let status = raw
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = raw.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_owned();
    (status, body)
}

#[test]
fn serve_answers_on_loopback() {
    let dir = tempfile::tempdir().expect("tmp");
    let db: PathBuf = dir.path().join("story.db");
    let out = kroniek([
        "ingest".as_ref(),
        "examples".as_ref(),
        "--db".as_ref(),
        db.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let mut child = kroniek_cmd()
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(&db)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let first = lines.next().expect("a line").expect("utf-8");
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .to_owned();
    let (status, body) = http_get(&addr, "/api/story");
    let (page, html) = http_get(&addr, "/");
    let (missing, err) = http_get(&addr, "/api/documents/nope");
    child.kill().expect("kill");
    child.wait().expect("reap");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"documents\":6"), "{body}");
    assert_eq!(page, 200);
    assert!(html.contains("<title>Kroniek</title>"));
    assert_eq!(missing, 404);
    assert!(err.contains("no document"), "{err}");
}
