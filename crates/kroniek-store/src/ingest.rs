//! Incremental ingest: only new or changed articles are analysed; each is stored in its own
//! transaction as soon as it is ready, so killing an ingest keeps every article it finished and
//! the next run does the rest. Collection-level results are recomputed afterwards.

use crate::error::{AtPath, StoreError};
use crate::{Current, Settings, Store, unix_now};
use kroniek_core::diag::Diagnostic;
use kroniek_core::model::Document;
use kroniek_core::pipeline::{Analyzer, Prepared};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

/// What an ingest is doing, for progress displays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Analysing and storing articles one by one.
    Articles,
    /// Assembling the collection: entities, claims, events, conflicts.
    Assembling,
    /// Rebuilding the search index.
    Indexing,
}

/// Receives ingest progress. Called from the thread that writes to the database.
pub trait IngestProgress: Sync {
    /// `total` articles need analysing.
    fn start(&self, _total: usize) {}
    /// `done` of them are stored.
    fn advance(&self, _done: usize) {}
    /// A new phase begins.
    fn phase(&self, _phase: Phase) {}
}

/// No progress reporting.
#[derive(Debug, Clone, Copy, Default)]
pub struct Quiet;

impl IngestProgress for Quiet {}

/// What happened to one submitted article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ArticleOutcome {
    /// Its id was new.
    Added,
    /// Its id was known with other content: replaced.
    Replaced,
    /// Already stored with the same content.
    Unchanged,
    /// Could not be analysed (an internal error); not stored, and a stored version under its
    /// id is kept.
    Rejected,
}

/// The result of an ingest.
#[derive(Debug)]
pub struct IngestReport {
    /// Per submitted article (after making ids unique), in submission order.
    pub articles: Vec<(String, ArticleOutcome)>,
    /// Articles analysed again because an earlier version or other settings prepared them.
    pub reprepared: usize,
    /// Articles stored in all.
    pub stored: usize,
    /// The analysis of everything stored, when anything had to be brought up to date (always
    /// after a change).
    pub current: Option<Current>,
    /// Things noticed: repeated ids.
    pub diagnostics: Vec<Diagnostic>,
}

impl IngestReport {
    /// How many articles had this outcome.
    pub fn count(&self, outcome: ArticleOutcome) -> usize {
        self.articles.iter().filter(|(_, o)| *o == outcome).count()
    }
}

/// The content key of a document: a 128-bit hash of everything but the path it was read from.
pub fn content_hash(doc: &Document) -> String {
    #[derive(serde::Serialize)]
    struct Keyed<'a> {
        id: &'a str,
        format: kroniek_core::Format,
        text: &'a str,
        body: kroniek_core::Span,
        title: &'a Option<String>,
        url: &'a Option<String>,
        outlet: &'a Option<String>,
        declared_language: Option<kroniek_core::Language>,
        published: &'a kroniek_core::Published,
        encoding: &'a str,
    }
    let keyed = Keyed {
        id: &doc.id,
        format: doc.format,
        text: &doc.text,
        body: doc.body,
        title: &doc.title,
        url: &doc.url,
        outlet: &doc.outlet,
        declared_language: doc.declared_language,
        published: &doc.published,
        encoding: &doc.encoding,
    };
    let bytes = serde_json::to_vec(&keyed).unwrap_or_default();
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&bytes))
}

/// An article to analyse and store.
struct Work {
    doc: Document,
    hash: String,
}

/// Makes ids unique within one submission: a repeated id gets `~2`, `~3`, ... and a warning.
fn unique_ids(docs: &mut [Document], diagnostics: &mut Vec<Diagnostic>) {
    kroniek_core::pipeline::rename_repeated_ids(docs.iter_mut(), "is stored as", diagnostics);
}

impl Store {
    /// Adds articles: new ones are analysed and stored, changed ones (same id, other content)
    /// replaced, unchanged ones skipped. `settings` become the story's settings. Then the
    /// derived results and the search index are brought up to date.
    ///
    /// Each article is stored in its own transaction as soon as its analysis is ready, so an
    /// interrupted ingest keeps every article it stored and the derived results are marked
    /// stale until they are recomputed.
    pub fn ingest(
        &mut self,
        docs: Vec<Document>,
        settings: Settings,
        source: &str,
        progress: &dyn IngestProgress,
    ) -> Result<IngestReport, StoreError> {
        self.ingest_with(docs, settings, source, progress, false)
    }

    /// [`Store::ingest`], first analysing each new or changed article on its own as the story
    /// would and refusing (not storing) those whose analysis fails. Doubles the per-article
    /// work; for articles submitted one at a time (the HTTP API).
    pub fn ingest_checked(
        &mut self,
        docs: Vec<Document>,
        settings: Settings,
        source: &str,
        progress: &dyn IngestProgress,
    ) -> Result<IngestReport, StoreError> {
        self.ingest_with(docs, settings, source, progress, true)
    }

    fn ingest_with(
        &mut self,
        mut docs: Vec<Document>,
        settings: Settings,
        source: &str,
        progress: &dyn IngestProgress,
        trial: bool,
    ) -> Result<IngestReport, StoreError> {
        let path = self.path.clone();
        let mut diagnostics = Vec::new();
        unique_ids(&mut docs, &mut diagnostics);
        self.set_settings(settings)?;
        self.conn
            .execute(
                "INSERT INTO ingest_runs (started_at, source, submitted) VALUES (?1, ?2, ?3)",
                rusqlite::params![unix_now(), source, i64::try_from(docs.len()).unwrap_or(0)],
            )
            .at(&path)?;
        let run = self.conn.last_insert_rowid();

        let key = settings.prepare_key();
        let known: HashMap<String, (String, String, Option<String>)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id, hash, prepared_with, path FROM articles")
                .at(&path)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))
                .at(&path)?;
            rows.collect::<Result<_, _>>().at(&path)?
        };
        let mut outcomes = Vec::with_capacity(docs.len());
        let mut work = Vec::new();
        let mut moved = Vec::new();
        for doc in docs {
            let hash = content_hash(&doc);
            let outcome = match known.get(&doc.id) {
                None => ArticleOutcome::Added,
                Some((h, _, _)) if *h != hash => ArticleOutcome::Replaced,
                Some((_, with, old_path)) => {
                    if *with == key {
                        if *old_path != doc.path {
                            moved.push((doc.id.clone(), doc.path.clone()));
                        }
                        outcomes.push((doc.id.clone(), ArticleOutcome::Unchanged));
                        continue;
                    }
                    // Same content, prepared by another version: counted as unchanged, analysed again.
                    ArticleOutcome::Unchanged
                }
            };
            outcomes.push((doc.id.clone(), outcome));
            work.push(Work { doc, hash });
        }
        for (id, new_path) in moved {
            self.update_path(&id, new_path.as_deref())?;
        }
        let reprepared_here = work
            .iter()
            .filter(|w| known.get(&w.doc.id).is_some_and(|(h, _, _)| *h == w.hash))
            .count();
        let changed = !work.is_empty();
        let rejected = self.prepare_and_store(work, &settings, progress, trial)?;
        for (id, diagnostic) in rejected {
            if let Some(o) = outcomes.iter_mut().find(|(i, _)| *i == id) {
                o.1 = ArticleOutcome::Rejected;
            }
            diagnostics.push(diagnostic);
        }
        let reprepared = reprepared_here + self.stale_articles(&settings)?;

        let current = if changed || self.is_stale()? || !self.index_is_fresh()? {
            Some(self.current(progress)?)
        } else {
            None
        };
        let stored = self.article_count()?;
        let count = |o: ArticleOutcome| {
            i64::try_from(outcomes.iter().filter(|(_, x)| *x == o).count()).unwrap_or(0)
        };
        self.conn
            .execute(
                "UPDATE ingest_runs SET finished_at = ?1, added = ?2, replaced = ?3, unchanged = ?4
                 WHERE id = ?5",
                rusqlite::params![
                    unix_now(),
                    count(ArticleOutcome::Added),
                    count(ArticleOutcome::Replaced),
                    count(ArticleOutcome::Unchanged),
                    run
                ],
            )
            .at(&path)?;
        Ok(IngestReport {
            articles: outcomes,
            reprepared,
            stored,
            current,
            diagnostics,
        })
    }

    fn update_path(&mut self, id: &str, new_path: Option<&str>) -> Result<(), StoreError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .at(&path)?;
        let row: Option<(String, String)> = tx
            .query_row(
                "SELECT document, prepared FROM articles WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })
            .at(&path)?;
        let Some((doc_json, prep_json)) = row else {
            return Ok(());
        };
        let corrupt = |what: &str, source| StoreError::Corrupt {
            path: path.clone(),
            what: format!("{what} of article {id:?}"),
            source,
        };
        let mut doc: Document =
            serde_json::from_str(&doc_json).map_err(|e| corrupt("document", e))?;
        let mut prepared: Prepared =
            serde_json::from_str(&prep_json).map_err(|e| corrupt("analysis", e))?;
        doc.path = new_path.map(str::to_owned);
        prepared.doc.path = doc.path.clone();
        let doc_json = serde_json::to_string(&doc).map_err(|e| corrupt("document", e))?;
        let prep_json = serde_json::to_string(&prepared).map_err(|e| corrupt("analysis", e))?;
        let rev = bump_rev(&tx, &path)?;
        tx.execute(
            "UPDATE articles SET path = ?1, document = ?2, prepared = ?3, rev = ?4 WHERE id = ?5",
            rusqlite::params![new_path, doc_json, prep_json, rev, id],
        )
        .at(&path)?;
        tx.commit().at(&path)
    }

    /// Prepares stored articles whose preparation is stale (another version or default language).
    pub(crate) fn reprepare_stale(
        &mut self,
        settings: &Settings,
        progress: &dyn IngestProgress,
    ) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let rows: Vec<(String, String, String)> = {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT id, hash, document FROM articles WHERE prepared_with <> ?1 ORDER BY id",
                )
                .at(&path)?;
            let rows = stmt
                .query_map([settings.prepare_key()], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .at(&path)?;
            rows.collect::<Result<_, _>>().at(&path)?
        };
        let mut work = Vec::with_capacity(rows.len());
        for (id, hash, json) in rows {
            let doc: Document =
                serde_json::from_str(&json).map_err(|source| StoreError::Corrupt {
                    path: path.clone(),
                    what: format!("document {id:?}"),
                    source,
                })?;
            work.push(Work { doc, hash });
        }
        let n = work.len();
        // A stored article that this version cannot prepare keeps its old analysis and stays
        // stale; it is tried again next time.
        self.prepare_and_store(work, settings, progress, false)?;
        Ok(n)
    }

    /// Analyses articles in parallel and stores each, in its own transaction, as soon as it is
    /// ready. An article whose analysis fails (an internal error; with `trial`, also the
    /// collection-level analysis of the article alone) is not stored: it is returned with a
    /// diagnostic, and the others go on.
    fn prepare_and_store(
        &mut self,
        work: Vec<Work>,
        settings: &Settings,
        progress: &dyn IngestProgress,
        trial: bool,
    ) -> Result<Vec<(String, Diagnostic)>, StoreError> {
        if work.is_empty() {
            return Ok(Vec::new());
        }
        progress.phase(Phase::Articles);
        progress.start(work.len());
        let analyzer = Analyzer::new(settings.config());
        let key = settings.prepare_key();
        let prepare = self.prepare;
        let stop = AtomicBool::new(false);
        type Ready = Result<(String, Prepared), (String, Diagnostic)>;
        let (tx, rx) = std::sync::mpsc::sync_channel::<Ready>(32);
        std::thread::scope(|scope| {
            let analyzer = &analyzer;
            let stop = &stop;
            scope.spawn(move || {
                work.into_par_iter().for_each_with(tx, |tx, w| {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let id = w.doc.id.clone();
                    let name = w.doc.path.clone().unwrap_or_else(|| id.clone());
                    let ready = guarded(|| prepare(analyzer, w.doc))
                        .and_then(|p| {
                            if trial {
                                guarded(|| {
                                    analyzer
                                        .assemble(vec![p.clone()], &kroniek_core::pipeline::Quiet)
                                })?;
                            }
                            Ok(p)
                        })
                        .map(|p| (w.hash, p))
                        .map_err(|why| (id, not_analysable(&name, &why)));
                    if tx.send(ready).is_err() {
                        stop.store(true, Ordering::Relaxed);
                    }
                });
            });
            let mut done = 0;
            let mut rejected = Vec::new();
            for ready in rx {
                match ready {
                    Ok((hash, prepared)) => {
                        if let Err(e) = self.store_article(&hash, &prepared, &key) {
                            stop.store(true, Ordering::Relaxed);
                            return Err(e);
                        }
                    }
                    Err(r) => rejected.push(r),
                }
                done += 1;
                progress.advance(done);
            }
            Ok(rejected)
        })
    }

    /// Stores one article and its analysis in one transaction.
    fn store_article(&mut self, hash: &str, p: &Prepared, key: &str) -> Result<(), StoreError> {
        let path = self.path.clone();
        let corrupt = |source| StoreError::Corrupt {
            path: path.clone(),
            what: format!("article {:?}", p.doc.id),
            source,
        };
        let doc_json = serde_json::to_string(&p.doc).map_err(corrupt)?;
        let prep_json = serde_json::to_string(p).map_err(corrupt)?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .at(&path)?;
        let rev = bump_rev(&tx, &path)?;
        tx.execute(
            "INSERT INTO articles (id, hash, path, document, prepared, prepared_with, rev)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(id) DO UPDATE SET hash = excluded.hash, path = excluded.path,
                 document = excluded.document, prepared = excluded.prepared,
                 prepared_with = excluded.prepared_with, rev = excluded.rev",
            rusqlite::params![p.doc.id, hash, p.doc.path, doc_json, prep_json, key, rev],
        )
        .at(&path)?;
        tx.commit().at(&path)
    }

    /// True when the search index holds the stored derived results' generation.
    pub fn index_is_fresh(&mut self) -> Result<bool, StoreError> {
        let Some(d) = self.derived()? else {
            return Ok(false);
        };
        let index = match self.index.take() {
            Some(i) => i,
            None => crate::SearchIndex::open(&self.index_path())?,
        };
        let fresh = index.generation()? == Some(d.generation);
        self.index = Some(index);
        Ok(fresh)
    }
}

fn bump_rev(tx: &rusqlite::Transaction<'_>, path: &std::path::Path) -> Result<i64, StoreError> {
    tx.execute(
        "UPDATE counters SET value = value + 1 WHERE name = 'articles_rev'",
        [],
    )
    .at(path)?;
    tx.query_row(
        "SELECT value FROM counters WHERE name = 'articles_rev'",
        [],
        |r| r.get(0),
    )
    .at(path)
}

/// Runs `f`, turning a panic (an internal error) into its message.
pub(crate) fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned())
    })
}

/// The diagnostic of an article Kroniek failed to analyse.
pub(crate) fn not_analysable(name: &str, why: &str) -> Diagnostic {
    Diagnostic::error(
        name,
        format!(
            "could not be analysed: internal error in this version of Kroniek ({why}); please report it"
        ),
    )
}
