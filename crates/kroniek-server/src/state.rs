//! What the server holds: the store (behind a mutex: one writer at a time) and a snapshot of the
//! analysed story that readers share. A write builds a new snapshot and swaps it in; requests
//! already running keep the one they started with.

use jiff::civil::Date;
use kroniek_core::pipeline::{Analysis, ReportOptions};
use kroniek_core::report::Report;
use kroniek_store::search::Searcher;
use kroniek_store::{Current, SearchIndex, Settings, Store, StoreError};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

/// The analysed story at one generation of derived results.
pub struct Snapshot {
    /// The generation.
    pub generation: i64,
    /// The analysis of every stored article.
    pub analysis: Analysis,
    /// Its report, texts included.
    pub report: Report,
    /// The settings it was analysed with.
    pub settings: Settings,
    /// Document id → index into `analysis.docs` and `report.documents`.
    pub doc_index: HashMap<String, usize>,
    /// The search index and a searcher that sees this generation.
    pub index: SearchIndex,
    /// The searcher.
    pub searcher: Searcher,
    /// The latest day any article was published or any claim said (the default "as of").
    pub latest_day: Option<Date>,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("generation", &self.generation)
            .field("documents", &self.analysis.docs.len())
            .finish_non_exhaustive()
    }
}

impl Snapshot {
    /// Builds the snapshot of `current`.
    pub fn new(current: Current, index: SearchIndex) -> Snapshot {
        let Current {
            analysis,
            generation,
            settings,
        } = current;
        let report = analysis.report(ReportOptions { include_text: true });
        let doc_index = analysis
            .docs
            .iter()
            .enumerate()
            .map(|(i, a)| (a.doc.id.clone(), i))
            .collect();
        let latest_day = analysis
            .docs
            .iter()
            .filter_map(|a| a.published.value.map(|d| d.latest()))
            .chain(analysis.claims.iter().filter_map(|c| c.said_earliest()))
            .max();
        let searcher = index.searcher();
        Snapshot {
            generation,
            analysis,
            report,
            settings,
            doc_index,
            index,
            searcher,
            latest_day,
        }
    }
}

/// Settings of the server.
#[derive(Debug, Clone, Copy)]
pub struct ServerConfig {
    /// The largest request body accepted (413 above).
    pub max_body_bytes: usize,
    /// How often to look for changes made by other processes (`kroniek ingest` while serving);
    /// `None` never looks.
    pub watch_every: Option<std::time::Duration>,
}

impl Default for ServerConfig {
    fn default() -> ServerConfig {
        ServerConfig {
            max_body_bytes: 4 << 20,
            watch_every: Some(std::time::Duration::from_secs(2)),
        }
    }
}

/// Shared by every handler.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The store; writers take the lock.
    pub store: Arc<Mutex<Store>>,
    snapshot: Arc<RwLock<Arc<Snapshot>>>,
    /// The articles revision seen unassembled at the last poll.
    pending_rev: Arc<Mutex<Option<i64>>>,
    /// The server's settings.
    pub config: ServerConfig,
}

impl AppState {
    /// Loads the story: brings derived results up to date and builds the first snapshot.
    pub fn load(mut store: Store, config: ServerConfig) -> Result<AppState, StoreError> {
        let current = store.current(&kroniek_store::Quiet)?;
        let index = store.search_index(&current)?;
        let snapshot = Snapshot::new(current, index);
        Ok(AppState {
            store: Arc::new(Mutex::new(store)),
            snapshot: Arc::new(RwLock::new(Arc::new(snapshot))),
            pending_rev: Arc::new(Mutex::new(None)),
            config,
        })
    }

    /// The current snapshot.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        let guard = self.snapshot.read().unwrap_or_else(|e| e.into_inner());
        Arc::clone(&guard)
    }

    /// Replaces the snapshot.
    pub fn swap(&self, snapshot: Snapshot) {
        let mut guard = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
        *guard = Arc::new(snapshot);
    }

    /// Reloads from the store when another process changed it: at once when it stored newer
    /// derived results (an ingest finished); when it changed articles without them, once the
    /// articles have stopped changing between two polls (an ingest interrupted), so a long
    /// ingest elsewhere is not reassembled at every poll. Blocking; true when the snapshot was
    /// replaced.
    pub fn refresh_if_changed(&self) -> Result<bool, StoreError> {
        let Ok(mut store) = self.store.try_lock() else {
            // A write is in progress here; it swaps the snapshot itself.
            return Ok(false);
        };
        let changes = store.changes_since(self.snapshot().generation)?;
        let mut pending = self.pending_rev.lock().unwrap_or_else(|e| e.into_inner());
        let settled = match changes.unassembled_rev {
            None => true,
            Some(rev) => {
                let same = *pending == Some(rev);
                *pending = Some(rev);
                same
            }
        };
        let reload = match changes.unassembled_rev {
            None => changes.newer_results,
            Some(_) => settled,
        };
        if !reload {
            return Ok(false);
        }
        *pending = None;
        drop(pending);
        let current = store.current(&kroniek_store::Quiet)?;
        let index = store.search_index(&current)?;
        self.swap(Snapshot::new(current, index));
        Ok(true)
    }
}
