//! The story kept incrementally: what later articles add is merged with what was stored, and
//! the results do not depend on how the articles arrived.

use kroniek_core::model::Document;
use kroniek_store::{Settings, Store};

fn store(dir: &std::path::Path, name: &str) -> Store {
    let mut s = Store::open(dir.join(name)).expect("open");
    s.set_prepare(kroniek_testkit::prepare);
    s
}

fn ingest(s: &mut Store, docs: Vec<Document>) {
    s.ingest(docs, Settings::default(), "test", &kroniek_store::Quiet)
        .expect("ingest");
}

fn report(s: &Store) -> kroniek_core::report::Report {
    s.stored_report().expect("read").expect("derived").1
}

fn examples() -> Vec<Document> {
    kroniek_testkit::read_files(&[kroniek_testkit::examples_dir()]).expect("examples")
}

#[test]
fn entities_events_and_conflicts_are_brought_up_to_date_across_old_and_new() {
    let dir = tempfile::tempdir().expect("tmp");
    let all = examples();
    let (early, late): (Vec<Document>, Vec<Document>) = all
        .iter()
        .cloned()
        .partition(|d| d.id == "2024-02-14-leeft-nog" || d.id == "2024-05-10-strike");

    let mut s = store(dir.path(), "story.db");
    ingest(&mut s, early);
    let before = report(&s);
    let person = |r: &kroniek_core::report::Report| {
        r.entities
            .iter()
            .find(|e| e.kind == "PER" && e.name.contains("Ghazawi"))
            .cloned()
            .expect("the militia leader")
    };
    let p1 = person(&before);
    assert!(!p1.aliases.iter().any(|a| a == "El-Ghazaoui"));

    ingest(&mut s, late);
    let after = report(&s);
    let p2 = person(&after);
    // Mentions in new articles joined the entity the old ones formed.
    assert!(
        p2.aliases.iter().any(|a| a == "El-Ghazaoui"),
        "{:?}",
        p2.aliases
    );
    assert!(
        p2.aliases.iter().any(|a| a == "Al-Ghazzawi"),
        "{:?}",
        p2.aliases
    );
    let docs_of = |e: &kroniek_core::report::EntityOut| {
        let mut d: Vec<&str> = e.mentions.iter().map(|m| m.doc.as_str()).collect();
        d.sort();
        d.dedup();
        d.len()
    };
    assert_eq!(docs_of(&p1), 2);
    assert_eq!(docs_of(&p2), 6);
    // Claims from old and new articles meet in events and conflicts.
    assert!(after.claims.len() > before.claims.len());
    let docs_in_conflicts: std::collections::BTreeSet<&str> = after
        .conflicts
        .iter()
        .flat_map(|c| c.claims.iter())
        .filter_map(|id| after.claims.iter().find(|c| &c.id == id))
        .map(|c| c.doc.as_str())
        .collect();
    assert!(
        docs_in_conflicts.contains("2024-05-10-strike") && docs_in_conflicts.len() >= 2,
        "{docs_in_conflicts:?}"
    );

    // The same as ingesting everything at once.
    let mut once = store(dir.path(), "once.db");
    ingest(&mut once, all);
    assert_eq!(report(&once), after);
}

#[test]
fn the_results_do_not_depend_on_arrival_order_or_run() {
    let dir = tempfile::tempdir().expect("tmp");
    let base = examples();
    let mut docs = Vec::new();
    for i in 0..60 {
        let mut d = base[i % base.len()].clone();
        d.id = format!("{}-{i:02}", d.id);
        d.text.push_str(&format!("\nBericht {i}."));
        docs.push(d);
    }
    let mut a = store(dir.path(), "a.db");
    ingest(&mut a, docs.clone());
    let mut b = store(dir.path(), "b.db");
    let mut reversed = docs.clone();
    reversed.reverse();
    for chunk in reversed.chunks(25) {
        ingest(&mut b, chunk.to_vec());
    }
    assert_eq!(report(&a), report(&b));
}
