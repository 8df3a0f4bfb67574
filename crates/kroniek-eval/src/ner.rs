//! Named-entity recognition: CoNLL-2002 files and the conlleval measure (exact spans).
//!
//! A CoNLL file has one token per line (`word POS tag`, the gold tag last), blank lines between
//! sentences and `-DOCSTART-` lines between articles.

use kroniek_core::entities::EntityType;
use kroniek_core::entities::ner::label::{Label, TYPES, chunks};
use kroniek_core::entities::ner::{Tagged, Tagger};
use serde::Serialize;
use std::collections::BTreeMap;

/// One line of a CoNLL file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A token: the line as read, its word and its gold label (when the last column is one).
    Token {
        /// The line without its line break.
        raw: String,
        /// The first column.
        word: String,
        /// The last column, when it parses as a label.
        gold: Option<Label>,
    },
    /// A blank line: the end of a sentence.
    Blank(String),
    /// A `-DOCSTART-` line: the start of an article.
    DocStart(String),
}

/// A CoNLL file as lines, grouped into articles of sentences (indices into `lines`).
#[derive(Debug, Clone, Default)]
pub struct Conll {
    /// Every line, in order.
    pub lines: Vec<Line>,
    /// Articles, each a list of sentences, each a list of token line indices.
    pub docs: Vec<Vec<Vec<usize>>>,
}

/// Reads CoNLL text.
pub fn parse(text: &str) -> Conll {
    let mut c = Conll::default();
    let mut doc: Vec<Vec<usize>> = Vec::new();
    let mut sent: Vec<usize> = Vec::new();
    for raw in text.lines() {
        let raw = raw.trim_end_matches('\r');
        let mut cols = raw.split_whitespace();
        match cols.next() {
            None => {
                if !sent.is_empty() {
                    doc.push(std::mem::take(&mut sent));
                }
                c.lines.push(Line::Blank(raw.to_owned()));
            }
            Some("-DOCSTART-") => {
                if !sent.is_empty() {
                    doc.push(std::mem::take(&mut sent));
                }
                if !doc.is_empty() {
                    c.docs.push(std::mem::take(&mut doc));
                }
                c.lines.push(Line::DocStart(raw.to_owned()));
            }
            Some(word) => {
                let gold = raw.split_whitespace().last().and_then(Label::parse);
                sent.push(c.lines.len());
                c.lines.push(Line::Token {
                    raw: raw.to_owned(),
                    word: word.to_owned(),
                    gold,
                });
            }
        }
    }
    if !sent.is_empty() {
        doc.push(sent);
    }
    if !doc.is_empty() {
        c.docs.push(doc);
    }
    c
}

impl Conll {
    /// The word of a token line (empty for other lines).
    pub fn word(&self, i: usize) -> &str {
        match self.lines.get(i) {
            Some(Line::Token { word, .. }) => word,
            _ => "",
        }
    }

    /// The gold label of a token line (`O` when it has none).
    pub fn gold(&self, i: usize) -> Label {
        match self.lines.get(i) {
            Some(Line::Token { gold, .. }) => gold.unwrap_or(Label::O),
            _ => Label::O,
        }
    }

    /// Articles as `(words, gold labels)` sentences, for training.
    pub fn labelled(&self) -> Vec<Vec<(Vec<&str>, Vec<Label>)>> {
        self.docs
            .iter()
            .map(|doc| {
                doc.iter()
                    .map(|s| {
                        (
                            s.iter().map(|&i| self.word(i)).collect(),
                            s.iter().map(|&i| self.gold(i)).collect(),
                        )
                    })
                    .collect()
            })
            .collect()
    }

    /// Tags every token: the predicted label of each line (`None` for non-token lines).
    pub fn tag(&self, tagger: &Tagger<'_>) -> Vec<Option<Tagged>> {
        let mut out = vec![None; self.lines.len()];
        for doc in &self.docs {
            let words: Vec<Vec<&str>> = doc
                .iter()
                .map(|s| s.iter().map(|&i| self.word(i)).collect())
                .collect();
            for (s, tags) in doc.iter().zip(tagger.tag_document(&words)) {
                for (&i, t) in s.iter().zip(tags) {
                    out[i] = Some(t);
                }
            }
        }
        out
    }

    /// Scores predictions (one per line, as [`Conll::tag`] gives) against the gold labels.
    pub fn score(&self, predicted: &[Option<Tagged>]) -> NerScores {
        let mut counts = Counts::default();
        for doc in &self.docs {
            for s in doc {
                let gold: Vec<Label> = s.iter().map(|&i| self.gold(i)).collect();
                let tagged: Vec<Option<Tagged>> = s
                    .iter()
                    .map(|&i| predicted.get(i).copied().flatten())
                    .collect();
                let pred: Vec<Label> = tagged
                    .iter()
                    .map(|t| t.map_or(Label::O, |t| t.label))
                    .collect();
                counts.add(&gold, &pred);
                let gold_chunks = chunks(&gold);
                for c in chunks(&pred) {
                    let conf = tagged[c.1..c.2]
                        .iter()
                        .map(|t| t.map_or(0.0, |t| f64::from(t.confidence)))
                        .sum::<f64>()
                        / (c.2 - c.1) as f64;
                    counts.confidence(conf, gold_chunks.contains(&c));
                }
            }
        }
        counts.scores()
    }
}

/// Chunk and token counts over a corpus.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    tokens: usize,
    tokens_right: usize,
    per_type: BTreeMap<EntityType, (usize, usize, usize)>,
    /// Predicted names: count, sum of squared (confidence - correct), confidence sums when
    /// right and wrong, and counts of each.
    calibration: (usize, f64, f64, f64, usize, usize),
}

impl Counts {
    /// Adds one sentence.
    pub fn add(&mut self, gold: &[Label], pred: &[Label]) {
        self.tokens += gold.len();
        self.tokens_right += gold.iter().zip(pred).filter(|(g, p)| g == p).count();
        let g = chunks(gold);
        let p = chunks(pred);
        for c in &g {
            let e = self.per_type.entry(c.0).or_default();
            e.1 += 1;
            if p.contains(c) {
                e.0 += 1;
            }
        }
        for c in &p {
            self.per_type.entry(c.0).or_default().2 += 1;
        }
    }

    /// Records a predicted name's confidence and whether it was right.
    pub fn confidence(&mut self, confidence: f64, right: bool) {
        let c = &mut self.calibration;
        let truth = if right { 1.0 } else { 0.0 };
        c.0 += 1;
        c.1 += (confidence - truth).powi(2);
        if right {
            c.2 += confidence;
            c.4 += 1;
        } else {
            c.3 += confidence;
            c.5 += 1;
        }
    }

    /// Precision, recall and F1 per type and overall.
    pub fn scores(&self) -> NerScores {
        let mut per_type = Vec::new();
        let (mut tp, mut gold, mut pred) = (0, 0, 0);
        for kind in TYPES {
            let (t, g, p) = self.per_type.get(&kind).copied().unwrap_or_default();
            tp += t;
            gold += g;
            pred += p;
            per_type.push(Prf::new(kind.code(), t, g, p));
        }
        let c = self.calibration;
        let mean = |sum: f64, n: usize| if n == 0 { 0.0 } else { sum / n as f64 };
        NerScores {
            confidence: Confidence {
                brier: mean(c.1, c.0),
                mean_right: mean(c.2, c.4),
                mean_wrong: mean(c.3, c.5),
            },
            tokens: self.tokens,
            token_accuracy: pct(self.tokens_right, self.tokens),
            overall: Prf::new("overall", tp, gold, pred),
            per_type,
        }
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Precision, recall and F1 (percent) of one type or overall.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Prf {
    /// `PER`, `ORG`, `LOC`, `MISC` or `overall`.
    pub kind: String,
    /// Gold names.
    pub gold: usize,
    /// Predicted names.
    pub predicted: usize,
    /// Predicted names with the exact span and type of a gold one.
    pub correct: usize,
    /// Precision, percent.
    pub precision: f64,
    /// Recall, percent.
    pub recall: f64,
    /// F1, percent.
    pub f1: f64,
}

impl Prf {
    fn new(kind: &str, correct: usize, gold: usize, predicted: usize) -> Prf {
        let precision = pct(correct, predicted);
        let recall = pct(correct, gold);
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            kind: kind.to_owned(),
            gold,
            predicted,
            correct,
            precision,
            recall,
            f1,
        }
    }
}

/// How well the names' confidences match their correctness.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Confidence {
    /// Mean squared difference between a predicted name's confidence and 1 (right) or 0.
    pub brier: f64,
    /// Mean confidence of the right names.
    pub mean_right: f64,
    /// Mean confidence of the wrong ones.
    pub mean_wrong: f64,
}

/// The scores of a tagging run.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NerScores {
    /// Calibration of the confidences.
    pub confidence: Confidence,
    /// Tokens scored.
    pub tokens: usize,
    /// Tokens whose label is right, percent.
    pub token_accuracy: f64,
    /// All types together.
    pub overall: Prf,
    /// One entry per type.
    pub per_type: Vec<Prf>,
}

impl NerScores {
    /// A conlleval-style table.
    pub fn table(&self) -> String {
        let mut s = format!(
            "tokens {}, token accuracy {:.2}%\n{:<8} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}\n",
            self.tokens, self.token_accuracy, "type", "gold", "pred", "right", "P", "R", "F1"
        );
        for p in self.per_type.iter().chain(std::iter::once(&self.overall)) {
            s.push_str(&format!(
                "{:<8} {:>6} {:>6} {:>6} {:>7.2} {:>7.2} {:>7.2}\n",
                p.kind, p.gold, p.predicted, p.correct, p.precision, p.recall, p.f1
            ));
        }
        s.push_str(&format!(
            "confidence: mean {:.3} when right, {:.3} when wrong; Brier score {:.3}\n",
            self.confidence.mean_right, self.confidence.mean_wrong, self.confidence.brier
        ));
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_articles_and_sentences() {
        let c = parse(
            "-DOCSTART- -DOCSTART- O\nJan N B-PER\nleeft V O\n\nIn Prep O\nGent N B-LOC\n\n-DOCSTART- -DOCSTART- O\nx N O\n",
        );
        assert_eq!(c.docs.len(), 2);
        assert_eq!(c.docs[0].len(), 2);
        assert_eq!(c.word(c.docs[0][1][1]), "Gent");
        assert_eq!(c.gold(c.docs[0][1][1]).as_str(), "B-LOC");
    }

    #[test]
    fn exact_spans_only() {
        let l = |s: &str| Label::parse(s).unwrap();
        let mut c = Counts::default();
        c.add(
            &[l("B-PER"), l("I-PER"), l("O"), l("B-LOC")],
            &[l("B-PER"), l("O"), l("O"), l("B-LOC")],
        );
        let s = c.scores();
        assert_eq!(s.overall.gold, 2);
        assert_eq!(s.overall.predicted, 2);
        assert_eq!(s.overall.correct, 1);
        assert!((s.overall.f1 - 50.0).abs() < 1e-9);
        assert_eq!(s.per_type[2].correct, 1);
    }
}
