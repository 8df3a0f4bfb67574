//! The store: migrations, incremental ingest, staleness and recomputation, search.

use kroniek_core::ingest::{self, Input};
use kroniek_core::model::Document;
use kroniek_store::{ArticleOutcome, Settings, Store, StoreError, schema};
use std::path::{Path, PathBuf};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// The example corpus, read as the CLI reads it.
fn example_docs() -> Vec<Document> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(examples())
        .expect("examples")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .and_then(ingest::format_for_extension)
                .is_some()
        })
        .collect();
    files.sort();
    let mut docs = Vec::new();
    for f in files {
        let bytes = std::fs::read(&f).expect("read");
        let name = f.display().to_string();
        let id = f.file_stem().expect("stem").to_string_lossy().into_owned();
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
        docs.extend(
            ingest::read(Input {
                name: &name,
                path: Some(&name),
                id: &id,
                bytes: &bytes,
                format: ingest::format_for_extension(ext),
            })
            .documents,
        );
    }
    assert_eq!(docs.len(), 6, "the example corpus has six articles");
    docs
}

fn ingest(store: &mut Store, docs: Vec<Document>) -> kroniek_store::IngestReport {
    store
        .ingest(docs, Settings::default(), "test", &kroniek_store::Quiet)
        .expect("ingest")
}

fn sql(db: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(db).expect("open")
}

#[test]
fn a_new_database_gets_every_migration_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("story.db");
    let store = Store::open(&db).expect("open");
    assert_eq!(store.schema_version().expect("version"), schema::latest());
    drop(store);
    let store = Store::open(&db).expect("reopen");
    assert_eq!(store.schema_version().expect("version"), schema::latest());
    let versions: Vec<i64> = sql(&db)
        .prepare("SELECT version FROM schema_migrations ORDER BY version")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let want: Vec<i64> = schema::MIGRATIONS.iter().map(|m| m.version).collect();
    assert_eq!(versions, want);
    let mode: String = sql(&db)
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
}

#[test]
fn an_old_database_is_migrated_forward() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("story.db");
    {
        // A database at version 1, as an earlier Kroniek left it.
        let c = sql(&db);
        c.execute_batch(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT;",
        )
        .expect("create");
        c.execute_batch(schema::MIGRATIONS[0].sql).expect("v1");
        c.execute("INSERT INTO schema_migrations VALUES (1, 'v1', 0)", [])
            .expect("record");
    }
    let store = Store::open(&db).expect("open");
    assert_eq!(store.schema_version().expect("version"), schema::latest());
    assert_eq!(store.interrupted_runs().expect("runs table exists"), 0);
}

#[test]
fn a_database_from_a_newer_kroniek_is_refused_by_name() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("future.db");
    drop(Store::open(&db).expect("open"));
    sql(&db)
        .execute(
            "INSERT INTO schema_migrations VALUES (999, 'from the future', 0)",
            [],
        )
        .expect("insert");
    let err = Store::open(&db).expect_err("too new");
    assert!(
        matches!(err, StoreError::TooNew { found: 999, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("future.db"), "{err}");
}

#[test]
fn files_that_are_not_kroniek_databases_are_named() {
    let dir = tempfile::tempdir().expect("tmp");
    let junk = dir.path().join("notes.db");
    std::fs::write(
        &junk,
        "dit is geen database, maar een boodschappenlijst\n".repeat(100),
    )
    .expect("write");
    let err = Store::open(&junk).expect_err("not sqlite");
    assert!(err.to_string().contains("notes.db"), "{err}");
    assert!(err.to_string().contains("not"), "{err}");

    let other = dir.path().join("other.db");
    sql(&other)
        .execute_batch("CREATE TABLE klanten (naam TEXT);")
        .expect("create");
    let err = Store::open(&other).expect_err("someone else's database");
    assert!(matches!(err, StoreError::NotKroniek { .. }), "{err}");

    let missing = dir.path().join("missing.db");
    let err = Store::open_existing(&missing).expect_err("missing");
    assert!(matches!(err, StoreError::Missing { .. }), "{err}");
    assert!(!missing.exists(), "reading commands create nothing");
}

#[test]
fn ingest_analyses_only_new_or_changed_articles() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("story.db");
    let mut store = Store::open(&db).expect("open");
    let docs = example_docs();

    let first = ingest(&mut store, docs.clone());
    assert_eq!(first.count(ArticleOutcome::Added), 6);
    let g1 = first.current.as_ref().expect("assembled").generation;
    let rev1 = store.articles_rev().expect("rev");
    assert!(!store.is_stale().expect("stale?"));

    // The same articles again: nothing is analysed or stored.
    let again = ingest(&mut store, docs.clone());
    assert_eq!(again.count(ArticleOutcome::Unchanged), 6);
    assert!(again.current.is_none(), "nothing to bring up to date");
    assert_eq!(store.articles_rev().expect("rev"), rev1);
    assert_eq!(
        store.derived().expect("derived").expect("some").generation,
        g1
    );

    // One edited article is replaced, one new one added; the rest untouched.
    let mut edited = docs[0].clone();
    edited.text.push_str("\nEen nieuwe alinea.");
    let mut fresh = Document::plain("nieuw-bericht", "De brigade ontkent alles.");
    fresh.path = None;
    let rows_before: Vec<(String, i64)> = revs(&db);
    let third = ingest(&mut store, vec![edited.clone(), docs[1].clone(), fresh]);
    assert_eq!(third.count(ArticleOutcome::Replaced), 1);
    assert_eq!(third.count(ArticleOutcome::Added), 1);
    assert_eq!(third.count(ArticleOutcome::Unchanged), 1);
    assert_eq!(store.article_count().expect("count"), 7);
    let g3 = third.current.as_ref().expect("assembled").generation;
    assert!(g3 > g1);
    let rows_after = revs(&db);
    for (id, rev) in &rows_before {
        let now = rows_after.iter().find(|(i, _)| i == id).expect("kept").1;
        if *id == edited.id {
            assert!(now > *rev, "{id} was rewritten");
        } else {
            assert_eq!(now, *rev, "{id} was not touched");
        }
    }
    // The stored report covers old and new articles.
    let (g, report) = store.stored_report().expect("report").expect("some");
    assert_eq!(g, g3);
    assert_eq!(report.documents.len(), 7);
    assert!(report.documents.iter().any(|d| d.id == "nieuw-bericht"));
}

fn revs(db: &Path) -> Vec<(String, i64)> {
    sql(db)
        .prepare("SELECT id, rev FROM articles ORDER BY id")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

#[test]
fn a_moved_file_keeps_its_analysis_and_gets_its_new_path() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = Store::open(dir.path().join("story.db")).expect("open");
    let docs = example_docs();
    ingest(&mut store, docs.clone());
    let mut moved = docs[2].clone();
    moved.path = Some("elders/bericht.txt".to_owned());
    let r = ingest(&mut store, vec![moved]);
    assert_eq!(r.count(ArticleOutcome::Unchanged), 1);
    let (_, report) = store.stored_report().expect("report").expect("some");
    let d = report
        .documents
        .iter()
        .find(|d| d.id == docs[2].id)
        .expect("there");
    assert_eq!(d.path.as_deref(), Some("elders/bericht.txt"));
}

#[test]
fn repeated_ids_in_one_ingest_are_kept_apart() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = Store::open(dir.path().join("story.db")).expect("open");
    let a = Document::plain("bericht", "De minister zei vrijdag dat de leider dood is.");
    let b = Document::plain("bericht", "De brigade ontkent dat de leider dood is.");
    let r = ingest(&mut store, vec![a.clone(), b.clone()]);
    assert_eq!(r.count(ArticleOutcome::Added), 2);
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(store.article_ids().expect("ids"), ["bericht", "bericht~2"]);
    // Running it again changes nothing.
    let r = ingest(&mut store, vec![a, b]);
    assert_eq!(r.count(ArticleOutcome::Unchanged), 2);
}

#[test]
fn derived_results_left_stale_by_a_crash_are_recomputed_on_open() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("story.db");
    let mut store = Store::open(&db).expect("open");
    let first = ingest(&mut store, example_docs());
    let g1 = first.current.expect("assembled").generation;
    let (_, clean) = store.stored_report().expect("r").expect("some");
    drop(store);

    // As if a process died after storing an article but before storing derived results.
    sql(&db)
        .execute(
            "UPDATE counters SET value = value + 1 WHERE name = 'articles_rev'",
            [],
        )
        .expect("bump");
    let mut store = Store::open_existing(&db).expect("open");
    assert!(store.is_stale().expect("stale?"));
    let current = store.current(&kroniek_store::Quiet).expect("current");
    assert_eq!(current.generation, g1 + 1);
    assert!(!store.is_stale().expect("stale?"));
    let (_, again) = store.stored_report().expect("r").expect("some");
    assert_eq!(again, clean, "the same articles give the same results");
    // And reading again does not recompute.
    let current = store.current(&kroniek_store::Quiet).expect("current");
    assert_eq!(current.generation, g1 + 1);
}

#[test]
fn articles_prepared_by_another_version_are_prepared_again() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("story.db");
    let mut store = Store::open(&db).expect("open");
    ingest(&mut store, example_docs());
    let (_, clean) = store.stored_report().expect("r").expect("some");
    drop(store);
    sql(&db)
        .execute(
            "UPDATE articles SET prepared_with = '0.0.1+old|nl', prepared = '{\"old\": true}'",
            [],
        )
        .expect("age");
    let mut store = Store::open_existing(&db).expect("open");
    let settings = store.settings().expect("settings");
    assert_eq!(store.stale_articles(&settings).expect("stale"), 6);
    assert!(store.is_stale().expect("stale?"));
    store.current(&kroniek_store::Quiet).expect("current");
    assert_eq!(store.stale_articles(&settings).expect("stale"), 0);
    let (_, again) = store.stored_report().expect("r").expect("some");
    assert_eq!(again, clean);
}

#[test]
fn changing_the_default_language_prepares_every_article_again() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = Store::open(dir.path().join("story.db")).expect("open");
    ingest(&mut store, example_docs());
    let english = Settings {
        default_language: kroniek_core::Language::En,
        ..Settings::default()
    };
    let r = store
        .ingest(vec![], english, "test", &kroniek_store::Quiet)
        .expect("ingest");
    assert_eq!(r.reprepared, 6);
    assert!(r.current.is_some());
    assert_eq!(store.settings().expect("settings"), english);
    assert_eq!(store.stale_articles(&english).expect("stale"), 0);
}

#[test]
fn search_finds_dutch_inflections_and_unaccented_spellings() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = Store::open(dir.path().join("story.db")).expect("open");
    ingest(&mut store, example_docs());
    let current = store.current(&kroniek_store::Quiet).expect("current");
    let index = store.search_index(&current).expect("index");
    let searcher = index.searcher();
    let docs_for = |q: &str| -> Vec<String> {
        let (hits, _) = index.search(&searcher, q, 20).expect("search");
        hits.into_iter().map(|h| h.doc).collect()
    };
    // "strijder" finds "strijders" (stemming); "ministerie" the ministry articles.
    assert!(docs_for("strijder").contains(&"2024-11-20-doelwit".to_owned()));
    assert!(docs_for("ministerie").contains(&"krant-2024-05-13".to_owned()));
    // Folding: "verenigde staten" in lower case, and an accent that is not in the text.
    assert!(docs_for("verenigde staten").contains(&"krant-2024-05-13".to_owned()));
    assert!(docs_for("Gházawi").contains(&"2024-02-14-leeft-nog".to_owned()));
    assert!(docs_for("xyzzy").is_empty());
    // Highlights index the document text.
    let (_, terms) = index.search(&searcher, "strijders", 5).expect("search");
    let a = current
        .analysis
        .docs
        .iter()
        .find(|a| a.doc.id == "2024-11-20-doelwit")
        .expect("doc");
    let spans = kroniek_store::SearchIndex::matches(&a.doc.text, a.doc.body, &terms);
    assert!(!spans.is_empty());
    for s in spans {
        assert!(a.doc.text[s.range()].to_lowercase().starts_with("strijder"));
    }
}

#[test]
fn a_missing_or_stale_search_index_is_rebuilt_from_the_database() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = Store::open(dir.path().join("story.db")).expect("open");
    ingest(&mut store, example_docs());
    let index_dir = store.index_path();
    assert!(index_dir.join("meta.json").is_file());
    drop(store);
    std::fs::remove_dir_all(&index_dir).expect("remove");
    let mut store = Store::open_existing(dir.path().join("story.db")).expect("open");
    assert!(!store.index_is_fresh().expect("fresh?"));
    let current = store.current(&kroniek_store::Quiet).expect("current");
    let index = store.search_index(&current).expect("index");
    assert_eq!(index.generation().expect("gen"), Some(current.generation));
    let (hits, _) = index
        .search(&index.searcher(), "luchtaanval", 10)
        .expect("search");
    assert!(!hits.is_empty());
}

#[test]
fn a_folder_kroniek_did_not_make_is_never_deleted() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("story.db");
    let index_dir = dir.path().join("story.db.index");
    std::fs::create_dir(&index_dir).expect("mkdir");
    std::fs::write(index_dir.join("belangrijk.txt"), "niet weggooien").expect("write");
    let mut store = Store::open(&db).expect("open");
    let err = store
        .ingest(
            example_docs(),
            Settings::default(),
            "test",
            &kroniek_store::Quiet,
        )
        .expect_err("refuses");
    assert!(err.to_string().contains("story.db.index"), "{err}");
    assert!(index_dir.join("belangrijk.txt").is_file());
    // The articles themselves are stored: the database is the source of truth.
    assert_eq!(store.article_count().expect("count"), 6);
}

fn panics_on_paniek(
    analyzer: &kroniek_core::Analyzer,
    doc: Document,
) -> kroniek_core::pipeline::Prepared {
    assert!(
        !doc.text.contains("PANIEK"),
        "a stand-in for a bug in the analysis"
    );
    analyzer.prepare(doc)
}

#[test]
fn an_article_the_analysis_fails_on_is_not_stored_and_the_rest_is() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = Store::open(dir.path().join("story.db")).expect("open");
    store.set_prepare(panics_on_paniek);
    let mut docs = example_docs();
    docs.push(Document::plain("kapot", "PANIEK in de redactie."));
    let r = ingest(&mut store, docs);
    assert_eq!(r.count(ArticleOutcome::Added), 6);
    assert_eq!(r.count(ArticleOutcome::Rejected), 1);
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.source == "kapot" && d.message.contains("internal error"))
    );
    assert_eq!(store.article_count().expect("count"), 6);
    assert!(
        !store
            .article_ids()
            .expect("ids")
            .contains(&"kapot".to_owned())
    );

    // A stored article keeps its version when its replacement cannot be analysed.
    let mut bad = example_docs()[0].clone();
    bad.text.push_str(" PANIEK");
    let r = ingest(&mut store, vec![bad]);
    assert_eq!(r.count(ArticleOutcome::Rejected), 1);
    let (_, report) = store.stored_report().expect("r").expect("some");
    assert_eq!(report.documents.len(), 6);
}

#[test]
fn text_that_trips_the_analysis_never_blocks_the_story() {
    // Odd input (here: a clock time followed by a rare script) must not stop the story from
    // being assembled; if the analysis fails on it, the article is named and left out.
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = Store::open(dir.path().join("story.db")).expect("open");
    let mut docs = example_docs();
    docs.push(Document::plain(
        "vreemd",
        "Het gebeurde om 0:0\u{11c92} uur in Tell Safra.",
    ));
    let r = ingest(&mut store, docs);
    let current = r.current.expect("assembled");
    let ids: Vec<&str> = current
        .analysis
        .docs
        .iter()
        .map(|a| a.doc.id.as_str())
        .collect();
    assert!(ids.len() >= 6);
    if !ids.contains(&"vreemd") {
        assert!(
            current
                .analysis
                .diagnostics
                .iter()
                .any(|d| d.source == "vreemd" && d.message.contains("left out")),
            "{:?}",
            current.analysis.diagnostics
        );
    }
    assert_eq!(
        store.article_count().expect("count"),
        7,
        "kept in the database"
    );
    assert!(!store.is_stale().expect("stale?"));
}
