//! The names a careful reader finds in the three real Dutch dev articles
//! (`../shared/corpus/dev`) must be recognised with the right type.
//!
//! The gold lists below were made by reading the articles; the recogniser itself knows nothing
//! of them. Names only inside compounds (`al-Qaida-leider`, `Islamitische Staat-leider`,
//! `Sinaï-woestijn`) are left out: recognition drops such compounds by design (see
//! `entities/mod.rs`). So is the aircraft carrier `Theodore Roosevelt`: a vehicle, none of
//! person, organisation or place.

use kroniek_core::entities::{EntityType, Mention, recognize};
use kroniek_core::ingest::{self, Input};
use kroniek_core::model::{Document, Language};
use kroniek_core::text;
use std::path::PathBuf;

fn dev_dir() -> Option<PathBuf> {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/dev");
    d.is_dir().then_some(d)
}

fn load(name: &str) -> Option<(Document, Vec<Mention>)> {
    let dir = dev_dir()?;
    let bytes = std::fs::read(dir.join(name)).ok()?;
    let id = name.trim_end_matches(".txt");
    let got = ingest::read(Input {
        name,
        path: None,
        id,
        bytes: &bytes,
        format: None,
    });
    let doc = got.documents.into_iter().next()?;
    let analysis = text::analyze(&doc, Language::Nl);
    let mentions = recognize(&doc, &analysis);
    Some((doc, mentions))
}

use EntityType::{Loc, Misc, Org, Per};

/// `(article, name as written, type)`: every listed name must be found at least once, with its
/// exact extent and type.
const GOLD: &[(&str, &str, EntityType)] = &[
    ("000_8ca2fc73f429c592.txt", "ISIS", Org),
    ("000_8ca2fc73f429c592.txt", "Abu Bakr Al-Baghdadi", Per),
    ("000_8ca2fc73f429c592.txt", "Mosoel", Loc),
    ("000_8ca2fc73f429c592.txt", "Eufraatvallei", Loc),
    ("000_8ca2fc73f429c592.txt", "Al-Bagdhadi", Per),
    (
        "000_8ca2fc73f429c592.txt",
        "Special Operations Command",
        Org,
    ),
    ("000_8ca2fc73f429c592.txt", "SOCOM", Org),
    ("000_8ca2fc73f429c592.txt", "Osama bin Laden", Per),
    ("000_8ca2fc73f429c592.txt", "Al-Bagdadi", Per),
    ("000_8ca2fc73f429c592.txt", "Raqqa", Loc),
    ("000_8ca2fc73f429c592.txt", "Syrië", Loc),
    ("000_8ca2fc73f429c592.txt", "Eufraat", Loc),
    ("000_8ca2fc73f429c592.txt", "Irak", Loc),
    ("000_8ca2fc73f429c592.txt", "Pentagon", Org),
    ("000_8ca2fc73f429c592.txt", "Iraakse", Misc),
    ("000_8ca2fc73f429c592.txt", "Amerikaanse", Misc),
    ("002_c70e3b68976ce8ca.txt", "Abu Bakr al-Bagdadi", Per),
    ("002_c70e3b68976ce8ca.txt", "Bagdadi", Per),
    ("002_c70e3b68976ce8ca.txt", "Verenigde Staten", Loc),
    ("002_c70e3b68976ce8ca.txt", "Raqqa", Loc),
    ("002_c70e3b68976ce8ca.txt", "VS", Loc),
    ("002_c70e3b68976ce8ca.txt", "Rusland", Loc),
    ("002_c70e3b68976ce8ca.txt", "IS", Org),
    ("002_c70e3b68976ce8ca.txt", "Mosul", Loc),
    ("002_c70e3b68976ce8ca.txt", "Iran", Loc),
    ("002_c70e3b68976ce8ca.txt", "Syrië", Loc),
    ("002_c70e3b68976ce8ca.txt", "Irak", Loc),
    ("002_c70e3b68976ce8ca.txt", "Deir Ezzor", Loc),
    ("002_c70e3b68976ce8ca.txt", "Rami Abdulrahman", Per),
    (
        "002_c70e3b68976ce8ca.txt",
        "Syrische Observatorium voor de Mensenrechten",
        Org,
    ),
    ("002_c70e3b68976ce8ca.txt", "Londen", Loc),
    ("002_c70e3b68976ce8ca.txt", "Reuters", Org),
    ("002_c70e3b68976ce8ca.txt", "Osama bin Laden", Per),
    ("002_c70e3b68976ce8ca.txt", "Russen", Misc),
    ("004_415d4aea1597e8ed.txt", "Islamitische Staat", Org),
    ("004_415d4aea1597e8ed.txt", "IS", Org),
    ("004_415d4aea1597e8ed.txt", "Mosul", Loc),
    ("004_415d4aea1597e8ed.txt", "Irak", Loc),
    ("004_415d4aea1597e8ed.txt", "Raqqa", Loc),
    ("004_415d4aea1597e8ed.txt", "Syrië", Loc),
    ("004_415d4aea1597e8ed.txt", "Eufraat", Loc),
    ("004_415d4aea1597e8ed.txt", "Deir el-Zor", Loc),
    ("004_415d4aea1597e8ed.txt", "Jefferey Harrigan", Per),
    ("004_415d4aea1597e8ed.txt", "Harrigan", Per),
    ("004_415d4aea1597e8ed.txt", "New York Times", Org),
    ("004_415d4aea1597e8ed.txt", "Abu Faysal", Per),
    ("004_415d4aea1597e8ed.txt", "Abu Quadamah al-Iraqi", Per),
    ("004_415d4aea1597e8ed.txt", "Abu Bakr al-Baghdadi", Per),
    ("004_415d4aea1597e8ed.txt", "al-Assad", Per),
    ("004_415d4aea1597e8ed.txt", "Jordanië", Loc),
    ("004_415d4aea1597e8ed.txt", "Turkije", Loc),
    ("004_415d4aea1597e8ed.txt", "Golfstaten", Loc),
    ("004_415d4aea1597e8ed.txt", "Perzische Golf", Loc),
    ("004_415d4aea1597e8ed.txt", "Libië", Loc),
    ("004_415d4aea1597e8ed.txt", "West-Afrika", Loc),
    ("004_415d4aea1597e8ed.txt", "Filipijnen", Loc),
    ("004_415d4aea1597e8ed.txt", "Egypte", Loc),
];

/// Share of the gold names that must be found with their exact extent (any type).
const MIN_FOUND: f64 = 0.95;
/// Share that must be found with their exact extent and the right type.
const MIN_TYPED: f64 = 0.84;

#[test]
fn dev_articles_names_are_recognised() {
    if dev_dir().is_none() {
        eprintln!(
            "skipped: ../shared/corpus/dev is missing (the dev articles sit beside the repo)"
        );
        return;
    }
    let mut misses = Vec::new();
    let (mut found, mut typed) = (0, 0);
    let mut last: Option<(&str, Document, Vec<Mention>)> = None;
    for &(file, name, kind) in GOLD {
        if last.as_ref().is_none_or(|(f, _, _)| *f != file) {
            let (doc, mentions) = load(file).expect("dev article reads");
            last = Some((file, doc, mentions));
        }
        let Some((_, doc, mentions)) = &last else {
            unreachable!()
        };
        let same: Vec<&Mention> = mentions
            .iter()
            .filter(|m| m.span.slice(&doc.text) == name)
            .collect();
        if !same.is_empty() {
            found += 1;
        }
        if same.iter().any(|m| m.kind == kind) {
            typed += 1;
            continue;
        }
        let got: Vec<String> = mentions
            .iter()
            .filter(|m| {
                let s = m.span.slice(&doc.text);
                s.contains(name) || name.contains(s)
            })
            .map(|m| format!("{} {:?}", m.span.slice(&doc.text), m.kind))
            .collect();
        misses.push(format!("{file}: {name} {kind:?} (got {got:?})"));
    }
    let n = GOLD.len() as f64;
    eprintln!(
        "dev articles: {found}/{} names found, {typed} with the right type; misses:\n{}",
        GOLD.len(),
        misses.join("\n")
    );
    assert!(
        found as f64 >= MIN_FOUND * n && typed as f64 >= MIN_TYPED * n,
        "too few names recognised: {found} found, {typed} typed of {}:\n{}",
        GOLD.len(),
        misses.join("\n")
    );
}

#[test]
fn mentions_slice_the_text_and_skip_role_compounds() {
    let Some((doc, mentions)) = load("000_8ca2fc73f429c592.txt") else {
        eprintln!("skipped: ../shared/corpus/dev is missing");
        return;
    };
    // Captions and credits (`Volledig scherm ... © AFP`) are boilerplate: no names from there.
    if let Some((doc4, mentions4)) = load("004_415d4aea1597e8ed.txt") {
        let analysis = text::analyze(&doc4, Language::Nl);
        let boiler: Vec<usize> = analysis
            .sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind == text::SentenceKind::Boilerplate)
            .map(|(i, _)| i)
            .collect();
        eprintln!("{} boilerplate sentences in 004", boiler.len());
        for m in &mentions4 {
            assert!(!boiler.contains(&m.sentence), "{:?} from boilerplate", m);
            assert_eq!(analysis.sentence_at(m.span.start), Some(m.sentence));
        }
    }
    for m in &mentions {
        let s = m.span.slice(&doc.text);
        assert!(!s.is_empty() && s.trim() == s, "bad span {:?}", m.span);
        assert!(!s.ends_with("-leider"), "role compound reported: {s}");
        assert!((0.0..=1.0).contains(&m.score));
        assert_eq!(m.rule, "nl/ner/perceptron");
    }
}
