//! Event factuality on MEANTIME English: for every annotated event mention, the certainty
//! (CERTAIN / PROBABLE / POSSIBLE) and polarity (POS / NEG) Kroniek assigns from the hedges and
//! negations around the event word, against the gold annotation. Mentions whose gold value is
//! UNDERSPECIFIED or empty are left out.

use crate::{EvalError, read};
use kroniek_core::claims::ClaimResources;
use kroniek_core::claims::attribution::View;
use kroniek_core::claims::factuality::{Factuality, Polarity, assess};
use kroniek_core::model::{Document, Language};
use regex::Regex;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::LazyLock;

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"<token[^>]*\bsentence="(\d+)"[^>]*\bt_id="(\d+)"[^>]*>([^<]*)</token>"#)
        .expect("static regex")
});
static EVENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?s)<EVENT_MENTION([^>]*)>(.*?)</EVENT_MENTION>"#).expect("static regex")
});
static ATTR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(\w+)="([^"]*)""#).expect("static regex"));
static ANCHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"t_id="(\d+)""#).expect("static regex"));

/// Counts per gold/predicted label pair, and accuracy.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Confusion {
    /// (gold, predicted) → count.
    pub pairs: BTreeMap<String, usize>,
    /// Correct.
    pub correct: usize,
    /// Total.
    pub total: usize,
    /// Share of the most frequent gold label (the majority baseline).
    pub majority_baseline: f64,
    /// Recall of each gold label.
    pub recall: BTreeMap<String, f64>,
}

impl Confusion {
    fn add(&mut self, gold: &str, predicted: &str) {
        *self
            .pairs
            .entry(format!("{gold} -> {predicted}"))
            .or_insert(0) += 1;
        self.total += 1;
        if gold == predicted {
            self.correct += 1;
        }
    }

    fn finish(&mut self) {
        let mut gold: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for (pair, n) in &self.pairs {
            let (g, p) = pair.split_once(" -> ").unwrap_or((pair, ""));
            let e = gold.entry(g.to_owned()).or_insert((0, 0));
            e.0 += n;
            if g == p {
                e.1 += n;
            }
        }
        self.majority_baseline =
            gold.values().map(|(n, _)| *n).max().unwrap_or(0) as f64 / self.total.max(1) as f64;
        self.recall = gold
            .into_iter()
            .map(|(g, (n, ok))| (g, ok as f64 / n.max(1) as f64))
            .collect();
    }

    /// Accuracy in 0..1.
    pub fn accuracy(&self) -> f64 {
        self.correct as f64 / self.total.max(1) as f64
    }
}

/// Certainty and polarity scores.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FactualityScores {
    /// Documents read.
    pub documents: usize,
    /// Certainty.
    pub certainty: Confusion,
    /// Polarity.
    pub polarity: Confusion,
}

/// Scores every `.xml` document under `dir` (recursively).
pub fn evaluate(dir: &Path) -> Result<FactualityScores, EvalError> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).map_err(|source| EvalError::Io {
            path: d.clone(),
            source,
        })? {
            let p = e
                .map_err(|source| EvalError::Io {
                    path: d.clone(),
                    source,
                })?
                .path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "xml") {
                files.push(p);
            }
        }
    }
    files.sort();
    let res = ClaimResources::get(Language::En);
    let mut scores = FactualityScores::default();
    for path in &files {
        let xml = read(path)?;
        // Tokens: one line per sentence, words joined by spaces.
        let mut text = String::new();
        let mut at: HashMap<String, (usize, usize)> = HashMap::new();
        let mut last_sentence = None;
        for c in TOKEN.captures_iter(&xml) {
            let (Some(s), Some(id), Some(word)) = (c.get(1), c.get(2), c.get(3)) else {
                continue;
            };
            let word = word
                .as_str()
                .replace("&amp;", "&")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
            if last_sentence.is_some_and(|l| l != s.as_str()) {
                text.push('\n');
            } else if !text.is_empty() {
                text.push(' ');
            }
            last_sentence = Some(s.as_str());
            at.insert(
                id.as_str().to_owned(),
                (text.len(), text.len() + word.len()),
            );
            text.push_str(&word);
        }
        let doc = Document::plain("m", text);
        let analysis = kroniek_core::text::analyze(&doc, Language::En);
        scores.documents += 1;
        for e in EVENT.captures_iter(&xml) {
            let (Some(attrs), Some(body)) = (e.get(1), e.get(2)) else {
                continue;
            };
            let attrs: HashMap<&str, &str> = ATTR
                .captures_iter(attrs.as_str())
                .filter_map(|a| Some((a.get(1)?.as_str(), a.get(2)?.as_str())))
                .collect();
            let Some(anchor) = ANCHOR.captures(body.as_str()).and_then(|a| a.get(1)) else {
                continue;
            };
            let Some(&(start, _)) = at.get(anchor.as_str()) else {
                continue;
            };
            let Some(si) = analysis.sentence_at(start) else {
                continue;
            };
            let s = &analysis.sentences[si];
            let tokens = &analysis.tokens[s.tokens.clone()];
            let Some(k) = tokens.iter().position(|t| t.span.start >= start) else {
                continue;
            };
            let v = View::new(&doc.text, tokens);
            let (certainty, polarity) = assess(&v, res, k);
            let c = match certainty {
                Factuality::Certain => "CERTAIN",
                Factuality::Probable => "PROBABLE",
                Factuality::Possible => "POSSIBLE",
            };
            let p = match polarity {
                Polarity::Pos => "POS",
                Polarity::Neg => "NEG",
            };
            if let Some(g @ ("CERTAIN" | "PROBABLE" | "POSSIBLE")) = attrs.get("certainty").copied()
            {
                scores.certainty.add(g, c)
            }
            if let Some(g @ ("POS" | "NEG")) = attrs.get("polarity").copied() {
                scores.polarity.add(g, p)
            }
        }
    }
    scores.certainty.finish();
    scores.polarity.finish();
    Ok(scores)
}
