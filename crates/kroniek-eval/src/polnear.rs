//! Attribution on PolNeAR (English political news, brat standoff): the sources and cues Kroniek
//! finds against the annotated ones, as span F1 — exact (same characters, ignoring surrounding
//! punctuation) and overlapping (sharing at least one word).

use crate::{EvalError, Prf, read};
use kroniek_core::claims::ClaimResources;
use kroniek_core::claims::attribution::{View, find};
use kroniek_core::model::{Document, Language, Span};
use serde::Serialize;
use std::path::Path;

/// Gold attribution spans of a document, as byte spans into its text.
#[derive(Debug, Clone, Default)]
pub struct Gold {
    /// Cue spans.
    pub cues: Vec<Span>,
    /// Source spans.
    pub sources: Vec<Span>,
}

/// Char offsets (brat) to byte offsets.
fn byte_offsets(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// Reads a brat `.ann` file: `T1<TAB>Source 201 220<TAB>text` lines (discontinuous spans `a b;c d` are
/// taken from first to last).
pub fn read_gold(ann: &str, text: &str) -> Gold {
    let bytes = byte_offsets(text);
    let mut g = Gold::default();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(spec)) = (cols.next(), cols.next()) else {
            continue;
        };
        if !id.starts_with('T') {
            continue;
        }
        let mut parts = spec.splitn(2, ' ');
        let (Some(label), Some(ranges)) = (parts.next(), parts.next()) else {
            continue;
        };
        let nums: Vec<usize> = ranges
            .split([' ', ';'])
            .filter_map(|n| n.parse().ok())
            .collect();
        let (Some(&a), Some(&b)) = (nums.first(), nums.last()) else {
            continue;
        };
        let (Some(&a), Some(&b)) = (bytes.get(a), bytes.get(b)) else {
            continue;
        };
        let span = Span::new(a, b.max(a));
        match label {
            "Cue" => g.cues.push(span),
            "Source" => g.sources.push(span),
            _ => {}
        }
    }
    g
}

/// Span scores.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SpanScores {
    /// Exact spans.
    pub exact: Prf,
    /// Overlapping spans.
    pub overlap: Prf,
}

/// Attribution scores.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AttributionScores {
    /// Documents.
    pub documents: usize,
    /// Cues.
    pub cue: SpanScores,
    /// Sources.
    pub source: SpanScores,
}

fn trim(text: &str, s: Span) -> Span {
    let t = s.slice(text);
    let lead = t.len() - t.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
    let kept = t.trim_matches(|c: char| !c.is_alphanumeric());
    Span::new(s.start + lead, s.start + lead + kept.len())
}

fn score(text: &str, predicted: &[Span], gold: &[Span], out: &mut SpanScores) {
    let p: Vec<Span> = predicted.iter().map(|&s| trim(text, s)).collect();
    let g: Vec<Span> = gold.iter().map(|&s| trim(text, s)).collect();
    let exact = |a: &Span, b: &Span| a == b;
    let overlap = |a: &Span, b: &Span| a.overlaps(*b);
    for (m, prf) in [
        (&exact as &dyn Fn(&Span, &Span) -> bool, &mut out.exact),
        (&overlap, &mut out.overlap),
    ] {
        let tp_p = p.iter().filter(|x| g.iter().any(|y| m(x, y))).count();
        let tp_g = g.iter().filter(|y| p.iter().any(|x| m(x, y))).count();
        // Precision counts predictions that match; recall counts gold spans found.
        prf.add(Prf {
            tp: tp_g,
            fp: p.len() - tp_p,
            fn_: g.len() - tp_g,
        });
    }
}

/// Evaluates every article of a PolNeAR split folder (`text/*.txt` with `attributions/*.ann`).
pub fn evaluate(split: &Path) -> Result<AttributionScores, EvalError> {
    let text_dir = split.join("text");
    let ann_dir = split.join("attributions");
    let mut names: Vec<_> = std::fs::read_dir(&ann_dir)
        .map_err(|source| EvalError::Io {
            path: ann_dir.clone(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    names.sort();
    let res = ClaimResources::get(Language::En);
    let mut scores = AttributionScores::default();
    for ann_path in names {
        let stem = ann_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        // Text files drop the annotation files' trailing "_xxxx" hash.
        let text_name = match stem.rsplit_once('_') {
            Some((head, tail)) if tail.len() == 4 => head.to_owned(),
            _ => stem.clone(),
        };
        let text_path = text_dir.join(format!("{text_name}.txt"));
        let Ok(text) = std::fs::read_to_string(&text_path) else {
            continue;
        };
        let gold = read_gold(&read(&ann_path)?, &text);
        let doc = Document::plain(stem, text);
        let analysis = kroniek_core::text::analyze(&doc, Language::En);
        let mut cues = Vec::new();
        let mut sources = Vec::new();
        for s in &analysis.sentences {
            let v = View::new(&doc.text, &analysis.tokens[s.tokens.clone()]);
            for a in find(&v, res) {
                cues.push(v.span(a.cue.clone()));
                if let Some(src) = a.source {
                    sources.push(v.span(src));
                }
            }
        }
        score(&doc.text, &cues, &gold.cues, &mut scores.cue);
        score(&doc.text, &sources, &gold.sources, &mut scores.source);
        scores.documents += 1;
    }
    Ok(scores)
}
