//! `kroniek ingest PATH... [--db FILE]`: add articles to a story's database. Only new or
//! changed articles are analysed; each is stored as soon as it is ready, so an interrupted
//! ingest keeps what it finished and running it again does the rest. Then the story (entities,
//! claims, events, conflicts) and its search index are brought up to date.

use super::{InputArgs, print};
use crate::Outcome;
use kroniek_store::{ArticleOutcome, Store};
use std::path::PathBuf;

/// Arguments of `ingest`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories to read (recursively); `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// The story's database; created when missing. The search index goes in FILE.index/.
    #[arg(long, value_name = "FILE", default_value = "kroniek.db")]
    db: PathBuf,

    #[command(flatten)]
    input: InputArgs,
}

/// Runs `ingest`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let mut store = Store::open(&args.db)?;
    let interrupted = store.interrupted_runs()?;
    let settings = args.input.settings(store.settings()?);
    let loaded = args.input.load(&args.paths)?;
    for d in &loaded.diagnostics {
        eprintln!("kroniek: {d}");
    }
    let read = loaded.documents.len();
    let bar = crate::progress::Bar::new(0, "checking");
    let report = store.ingest(loaded.documents, settings, "cli", &bar);
    bar.finish();
    let report = report?;
    for d in &report.diagnostics {
        eprintln!("kroniek: {d}");
    }
    if let Some(current) = &report.current {
        for d in &current.analysis.diagnostics {
            eprintln!("kroniek: {d}");
        }
    }
    let generation = match &report.current {
        Some(c) => c.generation,
        None => store.derived()?.map_or(0, |d| d.generation),
    };
    let mut line = format!(
        "{}: {read} article{} read; {} added, {} replaced, {} unchanged",
        args.db.display(),
        if read == 1 { "" } else { "s" },
        report.count(ArticleOutcome::Added),
        report.count(ArticleOutcome::Replaced),
        report.count(ArticleOutcome::Unchanged),
    );
    let rejected = report.count(ArticleOutcome::Rejected);
    if rejected > 0 {
        line.push_str(&format!(", {rejected} could not be analysed"));
    }
    if report.reprepared > 0 {
        line.push_str(&format!(
            "; {} analysed again for this version",
            report.reprepared
        ));
    }
    line.push_str(&format!(
        "; {} stored (generation {generation})",
        report.stored
    ));
    if interrupted > 0 && report.current.is_some() {
        line.push_str("; an earlier interrupted ingest is complete now");
    }
    line.push('\n');
    print(&line)?;
    let failed = rejected > 0
        || loaded
            .diagnostics
            .iter()
            .any(|d| d.severity == kroniek_core::diag::Severity::Error);
    Ok(if failed {
        Outcome::InputsFailed
    } else {
        Outcome::Ok
    })
}
