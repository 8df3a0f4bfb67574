//! Test support. The store, the API and the web page are tested on the example story; what
//! they show depends on the names recognised in it. So that those tests check storage and
//! presentation, not recognition quality (which the NER stage's own tests and evaluation
//! measure), [`prepare`] adds the example story's names ([`STORY_NAMES`]) wherever the
//! recogniser found nothing at that place. Never used by the `kroniek` binary.

use kroniek_core::entities::{EntityType, Mention};
use kroniek_core::model::{Document, Span};
use kroniek_core::pipeline::{Analyzer, Prepared};

/// The names of the example story (`examples/`), with their types.
pub const STORY_NAMES: &[(&str, EntityType)] = &[
    ("Nabil al-Ghazawi", EntityType::Per),
    ("Al-Ghazawi", EntityType::Per),
    ("al-Ghazawi", EntityType::Per),
    ("Al-Gazawi", EntityType::Per),
    ("Al-Ghazzawi", EntityType::Per),
    ("El-Ghazaoui", EntityType::Per),
    ("Ghazawi", EntityType::Per),
    ("Rode Vallei-brigade", EntityType::Org),
    ("Red Valley Brigade", EntityType::Org),
    ("Verenigde Naties", EntityType::Org),
    ("ministerie van Defensie", EntityType::Org),
    ("Reuters", EntityType::Org),
    ("Verenigde Staten", EntityType::Loc),
    ("Tell Safra", EntityType::Loc),
    ("Tel Safra", EntityType::Loc),
    ("Kafr Nur", EntityType::Loc),
];

fn word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '-')
}

/// Where `names` occur in `text` within `body`: whole words, longest first, not overlapping.
pub fn find_names(text: &str, body: Span, names: &[(&str, EntityType)]) -> Vec<(Span, EntityType)> {
    let mut by_length: Vec<&(&str, EntityType)> = names.iter().collect();
    by_length.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let mut found: Vec<(Span, EntityType)> = Vec::new();
    for (name, kind) in by_length {
        let mut from = body.start;
        while let Some(at) = text.get(from..body.end).and_then(|t| t.find(name)) {
            let start = from + at;
            let end = start + name.len();
            from = end;
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            if word_char(before) || word_char(after) {
                continue;
            }
            let span = Span::new(start, end);
            if found.iter().any(|(s, _)| s.overlaps(span)) {
                continue;
            }
            found.push((span, *kind));
        }
    }
    found.sort_by_key(|(s, _)| *s);
    found
}

/// Adds the story's names to a prepared document where the recogniser found nothing.
pub fn add_story_names(p: &mut Prepared) {
    let text = kroniek_core::text::analyze_as(&p.doc, p.language, p.language_confidence);
    for (span, kind) in find_names(&p.doc.text, p.doc.body, STORY_NAMES) {
        if p.mentions.iter().any(|m| m.span.overlaps(span)) {
            continue;
        }
        let Some(sentence) = text.sentence_at(span.start) else {
            continue;
        };
        p.mentions.push(Mention {
            span,
            kind,
            sentence,
            rule: "test/story-names".to_owned(),
            score: 1.0,
        });
    }
    p.mentions.sort_by_key(|m| m.span);
}

/// The example corpus folder.
pub fn examples_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// Reads files, and the files directly inside folders (sorted), as `kroniek ingest` reads them.
pub fn read_files(paths: &[std::path::PathBuf]) -> std::io::Result<Vec<Document>> {
    use kroniek_core::ingest::{self, Input};
    let format_of = |f: &std::path::Path| {
        f.extension()
            .and_then(|e| e.to_str())
            .and_then(ingest::format_for_extension)
    };
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut inside: Vec<std::path::PathBuf> = std::fs::read_dir(p)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| format_of(f).is_some())
                .collect();
            inside.sort();
            files.extend(inside);
        } else {
            files.push(p.clone());
        }
    }
    let mut docs = Vec::new();
    for f in files {
        let bytes = std::fs::read(&f)?;
        let name = f.display().to_string();
        let id = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let got = ingest::read(Input {
            name: &name,
            path: Some(&name),
            id: &id,
            bytes: &bytes,
            format: format_of(&f),
        });
        docs.extend(got.documents);
    }
    Ok(docs)
}

/// [`Analyzer::prepare`] plus the story's names.
pub fn prepare(analyzer: &Analyzer, doc: Document) -> Prepared {
    let mut p = analyzer.prepare(doc);
    add_story_names(&mut p);
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_as_whole_words_longest_first() {
        let text = "Nabil al-Ghazawi en Ghazawi, niet Ghazawistan.";
        let found = find_names(text, Span::new(0, text.len()), STORY_NAMES);
        let got: Vec<&str> = found.iter().map(|(s, _)| &text[s.range()]).collect();
        assert_eq!(got, ["Nabil al-Ghazawi", "Ghazawi"]);
    }
}
