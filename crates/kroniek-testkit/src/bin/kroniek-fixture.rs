//! `kroniek-fixture --db FILE PATH...`: ingests articles like `kroniek ingest`, adding the
//! example story's names where the recogniser found none (see the crate docs). For the
//! end-to-end test of the web page.

use anyhow::bail;
use kroniek_store::{Settings, Store};
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args_os().skip(1);
    let mut db: Option<PathBuf> = None;
    let mut paths: Vec<PathBuf> = Vec::new();
    while let Some(a) = args.next() {
        if a == "--db" {
            db = args.next().map(PathBuf::from);
        } else {
            paths.push(PathBuf::from(a));
        }
    }
    let (Some(db), false) = (db, paths.is_empty()) else {
        bail!("usage: kroniek-fixture --db FILE PATH...");
    };
    let docs = kroniek_testkit::read_files(&paths)?;
    let mut store = Store::open(&db)?;
    store.set_prepare(kroniek_testkit::prepare);
    let report = store.ingest(docs, Settings::default(), "fixture", &kroniek_store::Quiet)?;
    println!(
        "{}: {} articles stored, {} entities",
        db.display(),
        report.stored,
        report.current.map_or(0, |c| c.analysis.entities.len())
    );
    Ok(())
}
