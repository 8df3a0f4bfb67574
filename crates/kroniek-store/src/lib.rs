//! Kroniek's embedded store: a story kept in one SQLite file.
//!
//! - **Articles** are keyed by id and a content hash; each is stored with its per-document
//!   analysis ([`Prepared`]) in its own transaction, so an interrupted ingest keeps every article
//!   it finished ([`Store::ingest`]).
//! - **Derived results** (entities across articles, claims, events, conflicts: the report) are
//!   recomputed from all stored articles with [`Analyzer::assemble`] and stored in their own
//!   transaction, tagged with the articles revision, analysis version and settings they came
//!   from; when any of those differ the derived state is stale and is brought up to date
//!   ([`Store::current`]).
//! - **Search**: a tantivy index in a folder next to the database (`story.db.index/`), rebuilt
//!   from the database whenever it is missing or older than the derived results ([`search`]).
//!   The database is the source of truth.
//! - **Schema**: versioned migrations ([`schema::MIGRATIONS`]), each in one transaction.
//!
//! The store does file I/O (it is the database); the analysis itself stays in the pure core.

mod error;
mod ingest;
pub mod schema;
pub mod search;
mod settings;

pub use error::StoreError;
pub use ingest::{ArticleOutcome, IngestProgress, IngestReport, Phase, Quiet, content_hash};
pub use search::{Hit, HitKind, SearchIndex};
pub use settings::{Bias, Settings};

use error::AtPath;
use kroniek_core::pipeline::{Analysis, Analyzer, Prepared, ReportOptions, analysis_version};
use kroniek_core::report::Report;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The per-document analysis an ingest runs: [`Analyzer::prepare`] unless replaced.
pub type PrepareFn = fn(&Analyzer, kroniek_core::Document) -> Prepared;

fn standard_prepare(analyzer: &Analyzer, doc: kroniek_core::Document) -> Prepared {
    analyzer.prepare(doc)
}

/// A story's database.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    conn: Connection,
    index: Option<SearchIndex>,
    prepare: PrepareFn,
}

/// The analysis of everything stored, and the generation of derived results it corresponds to.
#[derive(Debug)]
pub struct Current {
    /// The collection-level analysis of every stored article.
    pub analysis: Analysis,
    /// The derived results' generation: goes up each time they are recomputed and stored.
    pub generation: i64,
    /// The settings it was analysed with.
    pub settings: Settings,
}

/// See [`Store::changes_since`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Changes {
    /// Derived results of another generation are stored.
    pub newer_results: bool,
    /// The articles revision, when articles changed after the stored derived results.
    pub unassembled_rev: Option<i64>,
}

/// The stored derived results.
#[derive(Debug, Clone)]
pub struct Derived {
    /// Their generation.
    pub generation: i64,
    /// The articles revision they were computed from.
    pub articles_rev: i64,
    /// The analysis version that computed them.
    pub version: String,
    /// The settings they were computed with.
    pub settings: String,
    /// How many articles they cover.
    pub articles: i64,
}

/// Seconds since the Unix epoch, for bookkeeping rows.
pub(crate) fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

impl Store {
    /// Opens the database at `path`, creating it when missing, and brings its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        Store::open_with(path.as_ref(), true)
    }

    /// Opens an existing database; [`StoreError::Missing`] when there is none.
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        Store::open_with(path.as_ref(), false)
    }

    fn open_with(path: &Path, create: bool) -> Result<Store, StoreError> {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                return Err(StoreError::NotKroniek {
                    path: path.to_owned(),
                    reason: "it is a directory".to_owned(),
                });
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !create => {
                return Err(StoreError::Missing {
                    path: path.to_owned(),
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).at(path),
        }
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let mut conn = Connection::open_with_flags(path, flags).at(path)?;
        conn.busy_timeout(Duration::from_secs(30)).at(path)?;
        // The first statement reads the header: a file that is not SQLite fails here.
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| not_a_database(path, e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::NotKroniek {
                path: path.to_owned(),
                reason: format!("cannot use write-ahead logging (journal mode {mode})"),
            });
        }
        // In WAL mode NORMAL keeps the database consistent whatever happens; a power cut may
        // lose the last transactions, a killed process loses nothing committed.
        conn.pragma_update(None, "synchronous", "NORMAL").at(path)?;
        conn.pragma_update(None, "foreign_keys", "ON").at(path)?;
        schema::migrate(&mut conn, path)?;
        Ok(Store {
            path: path.to_owned(),
            conn,
            index: None,
            prepare: standard_prepare,
        })
    }

    /// Replaces the per-document analysis (tests use one that adds known names, so that they do
    /// not depend on recognition quality).
    pub fn set_prepare(&mut self, prepare: PrepareFn) {
        self.prepare = prepare;
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The search index folder: the database file name with `.index` added.
    pub fn index_path(&self) -> PathBuf {
        let mut name = self
            .path
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_else(|| "kroniek.db".into());
        name.push(".index");
        self.path.with_file_name(name)
    }

    /// The schema version.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        schema::version(&self.conn, &self.path)
    }

    /// The story's settings (the defaults until an ingest sets them).
    pub fn settings(&self) -> Result<Settings, StoreError> {
        let raw: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'settings'", [], |r| {
                r.get(0)
            })
            .optional()
            .at(&self.path)?;
        match raw {
            None => Ok(Settings::default()),
            Some(s) => serde_json::from_str(&s).map_err(|source| StoreError::Corrupt {
                path: self.path.clone(),
                what: "settings".to_owned(),
                source,
            }),
        }
    }

    /// Stores the story's settings; true when they changed (derived results are then stale).
    pub fn set_settings(&mut self, settings: Settings) -> Result<bool, StoreError> {
        if self.settings()? == settings
            && self
                .conn
                .query_row(
                    "SELECT count(*) FROM meta WHERE key = 'settings'",
                    [],
                    |r| r.get::<_, i64>(0),
                )
                .at(&self.path)?
                > 0
        {
            return Ok(false);
        }
        self.conn
            .execute(
                "INSERT INTO meta (key, value) VALUES ('settings', ?1)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [settings.to_json()],
            )
            .at(&self.path)?;
        Ok(true)
    }

    /// How many articles are stored.
    pub fn article_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
            .at(&self.path)?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// The stored article ids, in order.
    pub fn article_ids(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM articles ORDER BY id")
            .at(&self.path)?;
        let ids = stmt
            .query_map([], |r| r.get(0))
            .at(&self.path)?
            .collect::<Result<Vec<String>, _>>()
            .at(&self.path)?;
        Ok(ids)
    }

    fn counter(conn: &Connection, path: &Path, name: &str) -> Result<i64, StoreError> {
        conn.query_row("SELECT value FROM counters WHERE name = ?1", [name], |r| {
            r.get(0)
        })
        .optional()
        .at(path)
        .map(|v| v.unwrap_or(0))
    }

    /// The articles revision: goes up with every article written.
    pub fn articles_rev(&self) -> Result<i64, StoreError> {
        Store::counter(&self.conn, &self.path, "articles_rev")
    }

    /// What the stored derived results were computed from, if there are any.
    pub fn derived(&self) -> Result<Option<Derived>, StoreError> {
        self.conn
            .query_row(
                "SELECT generation, articles_rev, version, settings, articles FROM derived WHERE id = 1",
                [],
                |r| {
                    Ok(Derived {
                        generation: r.get(0)?,
                        articles_rev: r.get(1)?,
                        version: r.get(2)?,
                        settings: r.get(3)?,
                        articles: r.get(4)?,
                    })
                },
            )
            .optional()
            .at(&self.path)
    }

    /// The stored report of the derived results (without texts) and its generation.
    pub fn stored_report(&self) -> Result<Option<(i64, Report)>, StoreError> {
        let row: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT generation, report FROM derived WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .at(&self.path)?;
        row.map(|(g, json)| {
            serde_json::from_str(&json)
                .map(|r| (g, r))
                .map_err(|source| StoreError::Corrupt {
                    path: self.path.clone(),
                    what: "report".to_owned(),
                    source,
                })
        })
        .transpose()
    }

    /// True when the derived results do not reflect the stored articles with this build and
    /// the story's settings, or some article was prepared by another version: [`Store::current`]
    /// then recomputes them.
    pub fn is_stale(&self) -> Result<bool, StoreError> {
        let settings = self.settings()?;
        if self.stale_articles(&settings)? > 0 {
            return Ok(true);
        }
        let rev = self.articles_rev()?;
        Ok(match self.derived()? {
            None => true,
            Some(d) => {
                d.articles_rev != rev
                    || d.version != analysis_version()
                    || d.settings != settings.to_json()
            }
        })
    }

    /// What changed since the derived results of `generation`, for servers that poll: whether
    /// newer derived results are stored (another process finished an ingest), and the articles
    /// revision when articles changed without derived results to match (an ingest running, or
    /// one that was interrupted). Cheap.
    pub fn changes_since(&self, generation: i64) -> Result<Changes, StoreError> {
        let rev = self.articles_rev()?;
        let derived = self.derived()?;
        Ok(Changes {
            newer_results: derived.as_ref().is_some_and(|d| d.generation != generation),
            unassembled_rev: match &derived {
                Some(d) if d.articles_rev == rev => None,
                _ => Some(rev),
            },
        })
    }

    /// How many stored articles were prepared with another version or settings.
    pub fn stale_articles(&self, settings: &Settings) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM articles WHERE prepared_with <> ?1",
                [settings.prepare_key()],
                |r| r.get(0),
            )
            .at(&self.path)?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Every stored article's [`Prepared`], in id order, and the articles revision they are at.
    pub fn load_prepared(&mut self) -> Result<(Vec<Prepared>, i64), StoreError> {
        let path = self.path.clone();
        let tx = self.conn.transaction().at(&path)?;
        let rev = Store::counter(&tx, &path, "articles_rev")?;
        let mut out = Vec::new();
        {
            let mut stmt = tx
                .prepare("SELECT id, prepared FROM articles ORDER BY id")
                .at(&path)?;
            let mut rows = stmt.query([]).at(&path)?;
            while let Some(row) = rows.next().at(&path)? {
                let id: String = row.get(0).at(&path)?;
                let json: String = row.get(1).at(&path)?;
                let p: Prepared =
                    serde_json::from_str(&json).map_err(|source| StoreError::Corrupt {
                        path: path.clone(),
                        what: format!("analysis of article {id:?}"),
                        source,
                    })?;
                out.push(p);
            }
        }
        tx.finish().at(&path)?;
        Ok((out, rev))
    }

    /// Brings everything derived up to date and returns the analysis of all stored articles:
    /// articles prepared by another version (or with another default language) are prepared
    /// again, the collection is assembled, and, when stale, the derived results are stored and
    /// the search index rebuilt.
    pub fn current(&mut self, progress: &dyn IngestProgress) -> Result<Current, StoreError> {
        let settings = self.settings()?;
        self.reprepare_stale(&settings, progress)?;
        progress.phase(Phase::Assembling);
        let (prepared, rev) = self.load_prepared()?;
        let articles = prepared.len();
        let analyzer = Analyzer::new(settings.config());
        let analysis =
            match ingest::guarded(|| analyzer.assemble(prepared, &kroniek_core::pipeline::Quiet)) {
                Ok(a) => a,
                Err(_) => self.assemble_around_failures(&analyzer)?,
            };
        let fresh = self.derived()?.filter(|d| {
            d.articles_rev == rev
                && d.version == analysis_version()
                && d.settings == settings.to_json()
        });
        let generation = match fresh {
            Some(d) => d.generation,
            None => self.store_derived(&analysis, rev, &settings, articles)?,
        };
        let current = Current {
            analysis,
            generation,
            settings,
        };
        progress.phase(Phase::Indexing);
        self.search_index(&current)?;
        Ok(current)
    }

    /// The analysis failed on some article (an internal error): finds the articles that fail
    /// on their own and assembles the story without them, each named in a diagnostic. They stay
    /// stored and are tried again whenever the story is assembled.
    fn assemble_around_failures(&mut self, analyzer: &Analyzer) -> Result<Analysis, StoreError> {
        use rayon::prelude::*;
        let (prepared, _) = self.load_prepared()?;
        let tried: Vec<(Prepared, Option<String>)> = prepared
            .into_par_iter()
            .map(|p| {
                let failure = ingest::guarded(|| {
                    analyzer.assemble(vec![p.clone()], &kroniek_core::pipeline::Quiet)
                })
                .err();
                (p, failure)
            })
            .collect();
        let mut ok = Vec::new();
        let mut diagnostics = Vec::new();
        for (p, failure) in tried {
            match failure {
                None => ok.push(p),
                Some(why) => {
                    let name = p.doc.path.clone().unwrap_or_else(|| p.doc.id.clone());
                    let mut d = ingest::not_analysable(&name, &why);
                    d.message
                        .push_str("; it is kept in the database but left out of the story");
                    diagnostics.push(d);
                }
            }
        }
        let mut analysis =
            ingest::guarded(|| analyzer.assemble(ok, &kroniek_core::pipeline::Quiet)).map_err(
                |why| StoreError::Analysis {
                    path: self.path.clone(),
                    message: why,
                },
            )?;
        analysis.diagnostics.extend(diagnostics);
        Ok(analysis)
    }

    fn store_derived(
        &mut self,
        analysis: &Analysis,
        rev: i64,
        settings: &Settings,
        articles: usize,
    ) -> Result<i64, StoreError> {
        let report = analysis.report(ReportOptions {
            include_text: false,
        });
        let json = serde_json::to_string(&report).map_err(|source| StoreError::Corrupt {
            path: self.path.clone(),
            what: "report".to_owned(),
            source,
        })?;
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .at(&path)?;
        tx.execute(
            "UPDATE counters SET value = value + 1 WHERE name = 'generation'",
            [],
        )
        .at(&path)?;
        let generation = Store::counter(&tx, &path, "generation")?;
        tx.execute(
            "INSERT INTO derived (id, generation, articles_rev, version, settings, articles, report)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(id) DO UPDATE SET generation = excluded.generation,
                 articles_rev = excluded.articles_rev, version = excluded.version,
                 settings = excluded.settings, articles = excluded.articles,
                 report = excluded.report",
            rusqlite::params![
                generation,
                rev,
                analysis_version(),
                settings.to_json(),
                i64::try_from(articles).unwrap_or(i64::MAX),
                json
            ],
        )
        .at(&path)?;
        tx.commit().at(&path)?;
        Ok(generation)
    }

    /// The search index for `current`, rebuilt when it is missing or from another generation.
    pub fn search_index(&mut self, current: &Current) -> Result<SearchIndex, StoreError> {
        let index = match self.index.take() {
            Some(i) => i,
            None => SearchIndex::open(&self.index_path())?,
        };
        if index.generation()? != Some(current.generation) {
            index.rebuild(&current.analysis, current.generation)?;
        }
        index.reload()?;
        self.index = Some(index.clone());
        Ok(index)
    }

    /// How many ingest runs started but never finished (killed or failed).
    pub fn interrupted_runs(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM ingest_runs WHERE finished_at IS NULL",
                [],
                |r| r.get(0),
            )
            .at(&self.path)?;
        Ok(usize::try_from(n).unwrap_or(0))
    }
}

fn not_a_database(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotKroniek {
            path: path.to_owned(),
            reason: "not an SQLite database".to_owned(),
        },
        _ => StoreError::Sqlite {
            path: path.to_owned(),
            source: e,
        },
    }
}
