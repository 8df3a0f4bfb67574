//! MEANTIME Dutch time expressions (`meantime_nl/timex_projected.jsonl`): each Dutch sentence
//! with the TIMEX3 values annotated on its English original. Articles are analysed whole (one
//! sentence per paragraph, so "een jaar later" can lean on the sentence before), anchored on
//! their creation time, and the values found in each sentence are compared with the gold values
//! of that sentence as multisets.
//!
//! MEANTIME annotates only the start of each article (title, date line and the first sentences):
//! in this file no sentence after index 5 carries a time expression, though many name dates. Only
//! sentences up to the last index that carries an annotation anywhere in the file are scored.

use crate::{EvalError, Prf, read};
use kroniek_core::model::{Document, Language, PartialDate};
use kroniek_core::time::{TimeConfig, extract};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
struct Row {
    doc: String,
    sent: usize,
    dct: Option<String>,
    nl: String,
    timex: Vec<GoldTimex>,
}

#[derive(Debug, Clone, Deserialize)]
struct GoldTimex {
    value: String,
    #[serde(default)]
    function: String,
}

/// One sentence where found and gold values differ.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    /// Article.
    pub doc: String,
    /// Dutch sentence.
    pub sentence: String,
    /// Gold values not found.
    pub missed: Vec<String>,
    /// Values found that are not gold: value (text).
    pub spurious: Vec<String>,
}

/// The scores.
#[derive(Debug, Clone, Serialize, Default)]
pub struct MeantimeScores {
    /// Articles.
    pub documents: usize,
    /// Sentences scored.
    pub sentences: usize,
    /// How many sentences at the start of each article are annotated (and scored).
    pub annotated_sentences: usize,
    /// Value counts over all sentences.
    pub values: Prf,
    /// Sentences with a difference.
    pub misses: Vec<Miss>,
}

/// Runs the evaluation.
pub fn evaluate(path: &Path) -> Result<MeantimeScores, EvalError> {
    let src = read(path)?;
    let mut docs: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for (n, line) in src.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let row: Row = serde_json::from_str(line).map_err(|e| EvalError::Format {
            path: path.to_owned(),
            message: format!("line {}: {e}", n + 1),
        })?;
        docs.entry(row.doc.clone()).or_default().push(row);
    }
    // The annotated part of each article: up to the last sentence index annotated anywhere.
    let annotated = docs
        .values()
        .flatten()
        .filter(|r| !r.timex.is_empty())
        .map(|r| r.sent)
        .max()
        .unwrap_or(0);
    let mut scores = MeantimeScores {
        annotated_sentences: annotated + 1,
        ..MeantimeScores::default()
    };
    for (id, mut rows) in docs {
        rows.sort_by_key(|r| r.sent);
        // The creation time; where the file has none, the article's date line (sentence 1,
        // which MEANTIME annotates as the creation time).
        let dct = rows
            .iter()
            .find_map(|r| r.dct.clone())
            .or_else(|| {
                rows.iter()
                    .flat_map(|r| &r.timex)
                    .find(|t| t.function == "CREATION_TIME")
                    .map(|t| t.value.clone())
            })
            .or_else(|| {
                rows.iter()
                    .find(|r| r.sent == 1)
                    .and_then(|r| r.timex.first())
                    .map(|t| t.value.clone())
            })
            .and_then(|d| PartialDate::parse(&d));
        let mut text = String::new();
        let mut spans = Vec::new();
        for r in &rows {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            text.push_str(&r.nl);
            spans.push((start, text.len()));
        }
        let mut doc = Document::plain(id.clone(), text.clone());
        doc.declared_language = Some(Language::Nl);
        let analysis = kroniek_core::text::analyze(&doc, Language::Nl);
        let found = extract(&doc, &analysis, dct, &TimeConfig::default());
        scores.documents += 1;
        for (r, (s, e)) in rows.iter().zip(&spans) {
            if r.sent > annotated {
                continue;
            }
            scores.sentences += 1;
            let mut gold: Vec<String> = r.timex.iter().map(|t| t.value.clone()).collect();
            let mut sys: Vec<(String, String)> = found
                .iter()
                .filter(|t| t.span.start >= *s && t.span.end <= *e)
                .map(|t| (t.value.clone(), t.span.slice(&text).to_owned()))
                .collect();
            let mut tp = 0;
            sys.retain(|(v, _)| {
                if let Some(i) = gold.iter().position(|g| g == v) {
                    gold.remove(i);
                    tp += 1;
                    false
                } else {
                    true
                }
            });
            scores.values.add(Prf {
                tp,
                fp: sys.len(),
                fn_: gold.len(),
            });
            if !gold.is_empty() || !sys.is_empty() {
                scores.misses.push(Miss {
                    doc: id.clone(),
                    sentence: r.nl.clone(),
                    missed: gold,
                    spurious: sys.into_iter().map(|(v, t)| format!("{v} ({t})")).collect(),
                });
            }
        }
    }
    Ok(scores)
}
