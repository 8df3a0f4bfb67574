//! Named-entity recognition: a trained sequence tagger over IOB2 labels.
//!
//! An averaged structured perceptron with hashed features ([`features`], including word
//! [`clusters`] learned from unlabelled German, English and Spanish text) and first-order
//! Viterbi decoding ([`model`]), in stacked passes: the first tags each sentence on its own,
//! each later one also sees what the pass before it found elsewhere in the document. All are
//! trained by [`train_tagger`] (driven by `kroniek train ner`); a later pass learns from labels
//! that models which did not see the document predicted (jackknifing). The trained weights ship
//! as `lang/<iso>/ner/model.bin`, embedded in the binary and read in place.
//!
//! Model file: the magic `KRNERMUL`, a `u32` pass count `n`, `n` `u64` lengths, then the `n`
//! models in pass order (each in the [`model`] format). A lone model is a one-pass tagger.

pub mod clusters;
pub mod features;
pub mod gazetteer;
pub mod label;
pub mod lexicon;
pub mod model;
pub mod train;

pub use features::Resources;
use features::{DocContext, DocPredictions, Features, extend_second_pass, extract, extract_base};
use kroniek_lang::Language;
pub use label::Label;
use model::{Model, ModelError, emissions, marginals, viterbi};
use std::sync::LazyLock;

/// The path of a language's model under `lang/<iso>/`.
pub const MODEL_FILE: &str = "ner/model.bin";

const STACKED: &[u8; 8] = b"KRNERMUL";

/// A token's predicted label and how sure the tagger is of it (0..1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tagged {
    /// The label.
    pub label: Label,
    /// The label's probability at this token under the chain (forward-backward over scores
    /// divided by a temperature fitted on held-out data).
    pub confidence: f32,
}

/// A model (one or two passes) with its language resources.
#[derive(Debug)]
pub struct Tagger<'a> {
    passes: Vec<Model<'a>>,
    resources: Resources,
}

static NL: LazyLock<Option<Tagger<'static>>> = LazyLock::new(|| load(Language::Nl));
static EN: LazyLock<Option<Tagger<'static>>> = LazyLock::new(|| load(Language::En));

fn load(lang: Language) -> Option<Tagger<'static>> {
    let bytes = kroniek_lang::bytes_in(lang.iso(), MODEL_FILE)?;
    Tagger::new(bytes, Resources::for_language(lang)).ok()
}

impl Tagger<'static> {
    /// The shipped tagger of a language, `None` when it has no model.
    pub fn get(lang: Language) -> Option<&'static Tagger<'static>> {
        match lang {
            Language::Nl => NL.as_ref(),
            Language::En => EN.as_ref(),
        }
    }
}

/// Joins the models of successive passes into one model file.
pub fn stacked_bytes(passes: &[&[u8]]) -> Vec<u8> {
    let total: usize = passes.iter().map(|p| p.len()).sum();
    let mut out = Vec::with_capacity(12 + 8 * passes.len() + total);
    out.extend_from_slice(STACKED);
    out.extend_from_slice(&(passes.len() as u32).to_le_bytes());
    for p in passes {
        out.extend_from_slice(&(p.len() as u64).to_le_bytes());
    }
    for p in passes {
        out.extend_from_slice(p);
    }
    out
}

impl<'a> Tagger<'a> {
    /// A tagger from model bytes (one or two passes) and language resources.
    pub fn new(bytes: &'a [u8], resources: Resources) -> Result<Tagger<'a>, ModelError> {
        if bytes.get(..8) != Some(&STACKED[..]) {
            return Ok(Tagger {
                passes: vec![Model::from_bytes(bytes)?],
                resources,
            });
        }
        let short = ModelError::Malformed("short stacked header");
        let n = bytes
            .get(8..12)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_le_bytes)
            .ok_or(short.clone())? as usize;
        if n == 0 || n > 8 {
            return Err(ModelError::Malformed("pass count"));
        }
        let mut at: usize = 12 + 8 * n;
        let mut passes = Vec::with_capacity(n);
        for k in 0..n {
            let len = bytes
                .get(12 + 8 * k..20 + 8 * k)
                .and_then(|b| b.try_into().ok())
                .map(u64::from_le_bytes)
                .and_then(|l| usize::try_from(l).ok())
                .ok_or(short.clone())?;
            let end = at.checked_add(len).ok_or(short.clone())?;
            let part = bytes.get(at..end).ok_or(short.clone())?;
            passes.push(Model::from_bytes(part)?);
            at = end;
        }
        if at != bytes.len() {
            return Err(ModelError::Malformed("trailing bytes"));
        }
        Ok(Tagger { passes, resources })
    }

    /// Its resources.
    pub fn resources(&self) -> &Resources {
        &self.resources
    }

    /// Tags the sentences of one document (the document supplies context features).
    pub fn tag_document<'w, S: AsRef<[&'w str]>>(&self, sentences: &[S]) -> Vec<Vec<Tagged>> {
        let doc = DocContext::new(sentences.iter().map(AsRef::as_ref));
        let mut feats = Features::default();
        let mut out: Vec<Vec<Tagged>> = Vec::with_capacity(sentences.len());
        let Some((first, later)) = self.passes.split_first() else {
            return out;
        };
        // The features every pass shares are computed once per sentence.
        let mut bases: Vec<Features> = Vec::with_capacity(sentences.len());
        for s in sentences {
            let mut base = Features::default();
            extract_base(s.as_ref(), &doc, &self.resources, &mut base);
            out.push(decode(first, &base, later.is_empty()));
            bases.push(base);
        }
        for (k, model) in later.iter().enumerate() {
            let before: Vec<Vec<Label>> = out
                .iter()
                .map(|s| s.iter().map(|t| t.label).collect())
                .collect();
            let preds = DocPredictions::new(sentences, &before);
            for (((s, own), tagged), base) in sentences
                .iter()
                .zip(&before)
                .zip(out.iter_mut())
                .zip(&bases)
            {
                extend_second_pass(
                    s.as_ref(),
                    &doc,
                    &self.resources,
                    base,
                    &preds,
                    own,
                    &mut feats,
                );
                *tagged = decode(model, &feats, k + 1 == later.len());
            }
        }
        out
    }
}

/// The best labels; with their probabilities when `confident` (the last pass), else 1.
fn decode(model: &Model<'_>, feats: &Features, confident: bool) -> Vec<Tagged> {
    let em = emissions(model, feats);
    let path = viterbi(model, &em);
    if !confident {
        return path
            .into_iter()
            .map(|label| Tagged {
                label,
                confidence: 1.0,
            })
            .collect();
    }
    let probs = marginals(model, &em, TEMPERATURE);
    path.iter()
        .zip(&probs)
        .map(|(&label, p)| Tagged {
            label,
            confidence: p.get(label.index()).copied().unwrap_or(0.0),
        })
        .collect()
}

/// Divides the perceptron's scores before the confidences are computed: chosen on `ned.testa`
/// for the lowest Brier score of the names' confidences (0.107, against 0.16 with no scaling).
const TEMPERATURE: f32 = 24.0;

/// A labelled document: `(words, labels)` per sentence.
pub type LabelledDoc<'w> = Vec<(Vec<&'w str>, Vec<Label>)>;

/// First-pass training examples of labelled documents.
pub fn examples(docs: &[LabelledDoc<'_>], resources: &Resources) -> Vec<Vec<train::Example>> {
    docs.iter()
        .map(|doc| {
            let ctx = DocContext::new(doc.iter().map(|(w, _)| &w[..]));
            doc.iter()
                .map(|(words, gold)| {
                    let mut features = Features::default();
                    extract(words, &ctx, resources, None, &mut features);
                    train::Example {
                        features,
                        gold: gold.clone(),
                    }
                })
                .collect()
        })
        .collect()
}

/// Settings of [`train_tagger`].
#[derive(Debug, Clone, Copy)]
pub struct TaggerConfig {
    /// Settings of the first pass.
    pub first: train::TrainConfig,
    /// Settings of the later passes; `None` trains a one-pass tagger.
    pub later: Option<train::TrainConfig>,
    /// How many passes in all (at least 2 when `later` is set).
    pub passes: usize,
    /// Folds for the labels each later pass learns from.
    pub folds: usize,
}

/// Labels of every document by `model`, given the labels of the pass before (`None` for the
/// first pass).
fn predict_docs(
    model: &Model<'_>,
    docs: &[LabelledDoc<'_>],
    resources: &Resources,
    before: Option<&[Vec<Vec<Label>>]>,
    which: impl Fn(usize) -> bool,
    out: &mut [Vec<Vec<Label>>],
) {
    for (d, doc) in docs.iter().enumerate() {
        if !which(d) {
            continue;
        }
        let words: Vec<&[&str]> = doc.iter().map(|(w, _)| &w[..]).collect();
        let ctx = DocContext::new(words.iter().copied());
        let prev = before.map(|b| (DocPredictions::new(&words, &b[d]), &b[d]));
        let mut feats = Features::default();
        out[d] = words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let first_pass = prev
                    .as_ref()
                    .map(|(p, own)| (p, own.get(i).map_or(&[][..], Vec::as_slice)));
                extract(w, &ctx, resources, first_pass, &mut feats);
                viterbi(model, &emissions(model, &feats))
            })
            .collect();
    }
}

/// Training examples of every document for a pass that sees the labels `before`.
fn stacked_examples(
    docs: &[LabelledDoc<'_>],
    resources: &Resources,
    before: &[Vec<Vec<Label>>],
) -> Vec<Vec<train::Example>> {
    docs.iter()
        .zip(before)
        .map(|(doc, labels)| {
            let words: Vec<&[&str]> = doc.iter().map(|(w, _)| &w[..]).collect();
            let ctx = DocContext::new(words.iter().copied());
            let preds = DocPredictions::new(&words, labels);
            doc.iter()
                .zip(labels)
                .map(|((w, gold), own)| {
                    let mut features = Features::default();
                    extract(w, &ctx, resources, Some((&preds, own)), &mut features);
                    train::Example {
                        features,
                        gold: gold.clone(),
                    }
                })
                .collect()
        })
        .collect()
}

/// Trains a tagger on labelled documents. `after_epoch(pass, epoch, errors, model_bytes)` sees
/// every epoch's model (for a later pass, the whole stacked model so far) and returns its score
/// on held-out data, if any; the best-scoring epoch of the last pass is kept.
pub fn train_tagger(
    docs: &[LabelledDoc<'_>],
    resources: &Resources,
    config: TaggerConfig,
    mut after_epoch: impl FnMut(usize, usize, usize, &[u8]) -> Option<f64>,
) -> Vec<u8> {
    let per_doc = examples(docs, resources);
    let flat = |exs: &[Vec<train::Example>], keep: &dyn Fn(usize) -> bool| -> Vec<train::Example> {
        exs.iter()
            .enumerate()
            .filter(|(d, _)| keep(*d))
            .flat_map(|(_, e)| e.iter().cloned())
            .collect()
    };
    let all = flat(&per_doc, &|_| true);
    let Some(later) = config.later else {
        return best_of(&all, config.first, |e, err, b| after_epoch(1, e, err, b));
    };
    let passes = config.passes.max(2);
    let folds = config.folds.max(2);
    // Every pass but the last keeps its last epoch (only the last pass is tuned).
    let mut models: Vec<Vec<u8>> = vec![train::train(&all, config.first, |e, err, b| {
        after_epoch(1, e, err, b);
    })];
    // Labels of each training document from a pass-1 model that did not see it.
    let mut labels: Vec<Vec<Vec<Label>>> = vec![Vec::new(); docs.len()];
    for fold in 0..folds {
        let rest = flat(&per_doc, &|d| d % folds != fold);
        let bytes = train::train(&rest, config.first, |_, _, _| {});
        if let Ok(model) = Model::from_bytes(&bytes) {
            predict_docs(
                &model,
                docs,
                resources,
                None,
                |d| d % folds == fold,
                &mut labels,
            );
        }
    }
    for pass in 2..=passes {
        let exs = stacked_examples(docs, resources, &labels);
        let all = flat(&exs, &|_| true);
        let last = pass == passes;
        let bytes = if last {
            best_of(&all, later, |e, err, b| {
                let mut parts: Vec<&[u8]> = models.iter().map(Vec::as_slice).collect();
                parts.push(b);
                after_epoch(pass, e, err, &stacked_bytes(&parts))
            })
        } else {
            train::train(&all, later, |_, _, _| {})
        };
        if !last {
            // This pass's labels of each document, from a model that did not see it, over the
            // jackknifed labels of the pass before.
            let mut next: Vec<Vec<Vec<Label>>> = vec![Vec::new(); docs.len()];
            for fold in 0..folds {
                let rest = flat(&exs, &|d| d % folds != fold);
                let b = train::train(&rest, later, |_, _, _| {});
                if let Ok(model) = Model::from_bytes(&b) {
                    predict_docs(
                        &model,
                        docs,
                        resources,
                        Some(&labels),
                        |d| d % folds == fold,
                        &mut next,
                    );
                }
            }
            labels = next;
        }
        models.push(bytes);
    }
    let parts: Vec<&[u8]> = models.iter().map(Vec::as_slice).collect();
    stacked_bytes(&parts)
}

fn best_of(
    examples: &[train::Example],
    config: train::TrainConfig,
    mut score: impl FnMut(usize, usize, &[u8]) -> Option<f64>,
) -> Vec<u8> {
    let mut best: Option<(f64, Vec<u8>)> = None;
    let last = train::train(examples, config, |e, err, bytes| {
        if let Some(s) = score(e, err, bytes)
            && best.as_ref().is_none_or(|(b, _)| s > *b)
        {
            best = Some((s, bytes.to_vec()));
        }
    });
    best.map_or(last, |(_, b)| b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityType;

    fn toy() -> Vec<LabelledDoc<'static>> {
        let per = Label::begin(EntityType::Per);
        let loc = Label::begin(EntityType::Loc);
        (0..6)
            .map(|i| {
                vec![
                    (
                        vec!["Jan", "woont", "in", "Gent", "."],
                        vec![per, Label::O, Label::O, loc, Label::O],
                    ),
                    (
                        if i % 2 == 0 {
                            vec!["Piet", "ging", "naar", "Brugge", "."]
                        } else {
                            vec!["Mia", "zag", "Aalst", "."]
                        },
                        if i % 2 == 0 {
                            vec![per, Label::O, Label::O, loc, Label::O]
                        } else {
                            vec![per, Label::O, loc, Label::O]
                        },
                    ),
                ]
            })
            .collect()
    }

    #[test]
    fn stacked_models_train_and_read_back() {
        let docs = toy();
        let cfg = train::TrainConfig {
            bits: 10,
            epochs: 3,
            seed: 3,
            members: 1,
            word_dropout: 0.0,
        };
        for passes in [2, 3] {
            let bytes = train_tagger(
                &docs,
                &Resources::default(),
                TaggerConfig {
                    first: cfg,
                    later: Some(cfg),
                    passes,
                    folds: 2,
                },
                |_, _, _, _| None,
            );
            let tagger = Tagger::new(&bytes, Resources::default()).unwrap();
            assert_eq!(tagger.passes.len(), passes);
            let words: Vec<Vec<&str>> = docs[0].iter().map(|(w, _)| w.clone()).collect();
            let got = tagger.tag_document(&words);
            let labels: Vec<Label> = got[0].iter().map(|t| t.label).collect();
            assert_eq!(labels, docs[0][0].1);
            assert!(Tagger::new(&bytes[..bytes.len() - 1], Resources::default()).is_err());
        }
    }
}
