//! Cross-document entity merging, measured on MEANTIME Dutch: the gold proper-name mentions of
//! each topic are merged as one collection and compared with the gold chains by B-cubed.
//!
//! The text of each document is rebuilt from `meantime.conll` (tokens joined by spaces, one
//! sentence per line). A gold mention whose head is a proper noun (`PROPN`) contributes its name
//! part: the run of capitalised tokens around its head ("Louis Gallois , CEO van Airbus" gives
//! "Louis Gallois"), as a name recogniser would find it.

use crate::{EvalError, read};
use kroniek_core::entities::{self, DocMentions, EntityType, Mention};
use kroniek_core::model::{Language, Span};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// One document rebuilt from the CoNLL file.
#[derive(Debug, Clone)]
pub struct CorefDoc {
    /// `corpus_airbus/100911`.
    pub key: String,
    /// Tokens joined by spaces, sentences by newlines.
    pub text: String,
    /// Token spans, per sentence.
    pub tokens: Vec<Vec<Span>>,
}

/// A gold mention.
#[derive(Debug, Clone)]
pub struct GoldMention {
    /// Index of its document in the topic.
    pub doc: usize,
    /// Span of its name part.
    pub span: Span,
    /// Mapped type.
    pub kind: EntityType,
    /// The gold chain.
    pub chain: String,
}

/// The creation date of each document of MEANTIME Dutch (`timex_projected.jsonl`), by CoNLL key.
pub fn creation_dates(dir: &Path) -> Result<HashMap<String, kroniek_core::PartialDate>, EvalError> {
    let path = dir.join("timex_projected.jsonl");
    let mut out = HashMap::new();
    for line in read(&path)?.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| EvalError::Format {
            path: path.clone(),
            message: e.to_string(),
        })?;
        if let (Some(doc), Some(dct)) = (v["doc"].as_str(), v["dct"].as_str())
            && let Some(d) = kroniek_core::PartialDate::parse(dct)
        {
            out.entry(doc.to_owned()).or_insert(d);
        }
    }
    Ok(out)
}

/// A topic: its documents and gold proper-name mentions.
#[derive(Debug, Clone)]
pub struct Topic {
    /// `corpus_airbus`.
    pub name: String,
    /// Documents in file order.
    pub docs: Vec<CorefDoc>,
    /// Gold proper-name mentions.
    pub mentions: Vec<GoldMention>,
}

#[derive(Deserialize)]
struct RawMention {
    coref_chain: String,
    mention_head_pos: String,
    mention_head: String,
    mention_type: String,
    sent_id: usize,
    tokens_number: Vec<usize>,
    topic: String,
    conll_doc_key: String,
}

fn name_like(t: &str) -> bool {
    t.chars().next().is_some_and(|c| c.is_uppercase())
        || (t.chars().any(|c| c.is_ascii_digit()) && t.chars().any(char::is_alphabetic))
}

/// Reads the topics of MEANTIME Dutch from `dir` (`meantime.conll`, `entities_mentions.json`).
pub fn read_topics(dir: &Path) -> Result<Vec<Topic>, EvalError> {
    let conll_path = dir.join("meantime.conll");
    let conll = read(&conll_path)?;
    let mut docs: BTreeMap<String, (Vec<Vec<String>>,)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for line in conll.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [key, sent, _tok, word, ..] = cols[..] else {
            return Err(EvalError::Format {
                path: conll_path,
                message: format!("bad line {line:?}"),
            });
        };
        let sent: usize = sent.parse().map_err(|_| EvalError::Format {
            path: conll_path.clone(),
            message: format!("bad sentence number in {line:?}"),
        })?;
        let entry = docs.entry(key.to_owned()).or_insert_with(|| {
            order.push(key.to_owned());
            (Vec::new(),)
        });
        while entry.0.len() <= sent {
            entry.0.push(Vec::new());
        }
        entry.0[sent].push(word.to_owned());
    }
    let mentions_path = dir.join("entities_mentions.json");
    let raw: Vec<RawMention> =
        serde_json::from_str(&read(&mentions_path)?).map_err(|e| EvalError::Format {
            path: mentions_path.clone(),
            message: e.to_string(),
        })?;

    let mut topics: BTreeMap<String, Topic> = BTreeMap::new();
    let mut index: HashMap<String, (String, usize)> = HashMap::new();
    for key in &order {
        let topic_name = key.split('/').next().unwrap_or(key).to_owned();
        let (sentences,) = &docs[key];
        let mut text = String::new();
        let mut tokens = Vec::new();
        for s in sentences {
            let mut spans = Vec::new();
            for (i, w) in s.iter().enumerate() {
                if i > 0 {
                    text.push(' ');
                }
                spans.push(Span::new(text.len(), text.len() + w.len()));
                text.push_str(w);
            }
            text.push('\n');
            tokens.push(spans);
        }
        let topic = topics.entry(topic_name.clone()).or_insert_with(|| Topic {
            name: topic_name.clone(),
            docs: vec![],
            mentions: vec![],
        });
        index.insert(key.clone(), (topic_name, topic.docs.len()));
        topic.docs.push(CorefDoc {
            key: key.clone(),
            text,
            tokens,
        });
    }
    for m in raw.iter().filter(|m| m.mention_head_pos == "PROPN") {
        let Some((topic_name, d)) = index.get(&m.conll_doc_key) else {
            continue;
        };
        let Some(topic) = topics.get_mut(topic_name) else {
            continue;
        };
        let doc = &topic.docs[*d];
        let Some(sentence) = doc.tokens.get(m.sent_id) else {
            continue;
        };
        let words: Vec<&str> = m
            .tokens_number
            .iter()
            .filter_map(|&t| sentence.get(t).map(|s| s.slice(&doc.text)))
            .collect();
        if words.len() != m.tokens_number.len() || words.is_empty() {
            continue;
        }
        let head = words
            .iter()
            .position(|w| *w == m.mention_head)
            .or_else(|| words.iter().position(|w| name_like(w)));
        let Some(head) = head else { continue };
        if !name_like(words[head]) {
            continue;
        }
        let connector = |i: usize| {
            matches!(
                words[i],
                "and" | "of" | "van" | "de" | "der" | "&" | "for" | "en"
            ) && i > 0
                && i + 1 < words.len()
                && name_like(words[i - 1])
                && name_like(words[i + 1])
        };
        let (mut a, mut b) = (head, head);
        while a > 0 && (name_like(words[a - 1]) || connector(a - 1)) {
            a -= 1;
        }
        while b + 1 < words.len() && (name_like(words[b + 1]) || connector(b + 1)) {
            b += 1;
        }
        let first = sentence[m.tokens_number[a]];
        let last = sentence[m.tokens_number[b]];
        let kind = match m.mention_type.as_str() {
            "PER" => EntityType::Per,
            "ORG" => EntityType::Org,
            "LOC" => EntityType::Loc,
            _ => EntityType::Misc,
        };
        let _ = &m.topic;
        topic.mentions.push(GoldMention {
            doc: *d,
            span: Span::new(first.start, last.end),
            kind,
            chain: m.coref_chain.clone(),
        });
    }
    for t in topics.values_mut() {
        t.mentions.sort_by_key(|m| (m.doc, m.span));
    }
    Ok(topics.into_values().collect())
}

/// B-cubed precision, recall and F1 of a clustering against gold, both given as a cluster label
/// per mention.
pub fn bcubed<A: Eq + std::hash::Hash, B: Eq + std::hash::Hash>(
    system: &[A],
    gold: &[B],
) -> (f64, f64, f64) {
    let n = system.len();
    if n == 0 {
        return (0.0, 0.0, 0.0);
    }
    let mut both: HashMap<(&A, &B), usize> = HashMap::new();
    let mut sys: HashMap<&A, usize> = HashMap::new();
    let mut gld: HashMap<&B, usize> = HashMap::new();
    for (s, g) in system.iter().zip(gold) {
        *both.entry((s, g)).or_insert(0) += 1;
        *sys.entry(s).or_insert(0) += 1;
        *gld.entry(g).or_insert(0) += 1;
    }
    let (mut p, mut r) = (0.0, 0.0);
    for (s, g) in system.iter().zip(gold) {
        let shared = both[&(s, g)] as f64;
        p += shared / sys[s] as f64;
        r += shared / gld[g] as f64;
    }
    let (p, r) = (p / n as f64, r / n as f64);
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// Scores of one clustering.
#[derive(Debug, Clone, Serialize)]
pub struct Bcubed {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

/// Scores per topic and method.
#[derive(Debug, Clone, Serialize)]
pub struct TopicScores {
    /// Topic name.
    pub topic: String,
    /// Documents.
    pub documents: usize,
    /// Gold proper-name mentions.
    pub mentions: usize,
    /// Gold chains among them.
    pub chains: usize,
    /// Kroniek's merging.
    pub kroniek: Bcubed,
    /// Baseline: identical strings only.
    pub exact_string: Bcubed,
    /// Baseline: every mention alone.
    pub singletons: Bcubed,
}

fn scores((precision, recall, f1): (f64, f64, f64)) -> Bcubed {
    Bcubed {
        precision,
        recall,
        f1,
    }
}

/// Merges each topic's gold mentions with Kroniek and scores the result.
pub fn evaluate(topics: &[Topic]) -> Vec<TopicScores> {
    topics
        .iter()
        .map(|t| {
            let per_doc: Vec<Vec<Mention>> = (0..t.docs.len())
                .map(|d| {
                    t.mentions
                        .iter()
                        .filter(|m| m.doc == d)
                        .map(|m| Mention {
                            span: m.span,
                            kind: m.kind,
                            sentence: 0,
                            rule: "gold".into(),
                            score: 1.0,
                        })
                        .collect()
                })
                .collect();
            let views: Vec<DocMentions<'_>> = t
                .docs
                .iter()
                .zip(&per_doc)
                .map(|(d, m)| DocMentions {
                    text: &d.text,
                    language: Language::Nl,
                    mentions: m,
                })
                .collect();
            let merged = entities::merge(&views);
            // Cluster label per gold mention, in the same (doc, span) order.
            let mut label: HashMap<(usize, usize), usize> = HashMap::new();
            for (e, entity) in merged.iter().enumerate() {
                for m in &entity.mentions {
                    label.insert((m.doc, m.mention), e);
                }
            }
            let mut seen_in_doc: HashMap<usize, usize> = HashMap::new();
            let mut system = Vec::new();
            let mut exact = Vec::new();
            for m in &t.mentions {
                let i = seen_in_doc.entry(m.doc).or_insert(0);
                system.push(
                    label
                        .get(&(m.doc, *i))
                        .copied()
                        .unwrap_or(usize::MAX - system.len()),
                );
                *i += 1;
                exact.push(m.span.slice(&t.docs[m.doc].text).to_lowercase());
            }
            let gold: Vec<&str> = t.mentions.iter().map(|m| m.chain.as_str()).collect();
            let singles: Vec<usize> = (0..t.mentions.len()).collect();
            let mut chains = gold.clone();
            chains.sort_unstable();
            chains.dedup();
            TopicScores {
                topic: t.name.clone(),
                documents: t.docs.len(),
                mentions: t.mentions.len(),
                chains: chains.len(),
                kroniek: scores(bcubed(&system, &gold)),
                exact_string: scores(bcubed(&exact, &gold)),
                singletons: scores(bcubed(&singles, &gold)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bcubed_by_hand() {
        // Gold {a,b,c} {d}; system {a,b} {c,d}.
        let (p, r, f) = bcubed(&[1, 1, 2, 2], &["x", "x", "x", "y"]);
        assert!((p - 0.75).abs() < 1e-9, "{p}");
        assert!(
            (r - (2.0 / 3.0 * 2.0 + 1.0 / 3.0 + 1.0) / 4.0).abs() < 1e-9,
            "{r}"
        );
        assert!(f > 0.0 && f < 1.0);
        assert_eq!(bcubed(&[1, 2], &["x", "y"]), (1.0, 1.0, 1.0));
    }
}
