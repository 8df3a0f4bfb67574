//! Named-entity recognition: a trained sequence tagger over IOB2 labels.
//!
//! An averaged structured perceptron with hashed features ([`features`]) and first-order
//! Viterbi decoding ([`model`]), in two passes: the first tags each sentence on its own, the
//! second also sees what the first pass found elsewhere in the document. Both are trained by
//! [`train_tagger`] (driven by `kroniek train ner`); the second on first-pass labels predicted
//! by models that did not see the document (jackknifing). The trained weights ship as
//! `lang/<iso>/ner/model.bin`, embedded in the binary and read in place.
//!
//! Model file: the magic `KRNER2ST`, the `u64` length of the first-pass model, the first-pass
//! model, then the second-pass model (each in the [`model`] format). A lone model is a
//! one-pass tagger.

pub mod features;
pub mod gazetteer;
pub mod label;
pub mod lexicon;
pub mod model;
pub mod train;

pub use features::Resources;
use features::{DocContext, DocPredictions, Features, extract};
use kroniek_lang::Language;
pub use label::Label;
use label::N_LABELS;
use model::{Model, ModelError, emissions, viterbi};
use std::sync::LazyLock;

/// The path of a language's model under `lang/<iso>/`.
pub const MODEL_FILE: &str = "ner/model.bin";

const TWO_STAGE: &[u8; 8] = b"KRNER2ST";

/// A token's predicted label and how sure the tagger is of it (0..1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tagged {
    /// The label.
    pub label: Label,
    /// The share of the label in a softmax over the token's label scores.
    pub confidence: f32,
}

/// A model (one or two passes) with its language resources.
#[derive(Debug)]
pub struct Tagger<'a> {
    first: Model<'a>,
    second: Option<Model<'a>>,
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

/// Joins a first-pass and a second-pass model into one model file.
pub fn two_stage_bytes(first: &[u8], second: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + first.len() + second.len());
    out.extend_from_slice(TWO_STAGE);
    out.extend_from_slice(&(first.len() as u64).to_le_bytes());
    out.extend_from_slice(first);
    out.extend_from_slice(second);
    out
}

impl<'a> Tagger<'a> {
    /// A tagger from model bytes (one or two passes) and language resources.
    pub fn new(bytes: &'a [u8], resources: Resources) -> Result<Tagger<'a>, ModelError> {
        if bytes.get(..8) == Some(&TWO_STAGE[..]) {
            let len = bytes
                .get(8..16)
                .and_then(|b| b.try_into().ok())
                .map(u64::from_le_bytes)
                .and_then(|l| usize::try_from(l).ok())
                .ok_or(ModelError::Malformed("short two-stage header"))?;
            let first = bytes
                .get(16..16usize.saturating_add(len))
                .ok_or(ModelError::Malformed("short first stage"))?;
            let second = bytes
                .get(16 + len..)
                .ok_or(ModelError::Malformed("short second stage"))?;
            return Ok(Tagger {
                first: Model::from_bytes(first)?,
                second: Some(Model::from_bytes(second)?),
                resources,
            });
        }
        Ok(Tagger {
            first: Model::from_bytes(bytes)?,
            second: None,
            resources,
        })
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
        for s in sentences {
            extract(s.as_ref(), &doc, &self.resources, None, &mut feats);
            out.push(decode(&self.first, &feats));
        }
        if let Some(second) = &self.second {
            let first: Vec<Vec<Label>> = out
                .iter()
                .map(|s| s.iter().map(|t| t.label).collect())
                .collect();
            let preds = DocPredictions::new(sentences, &first);
            for ((s, own), tagged) in sentences.iter().zip(&first).zip(out.iter_mut()) {
                extract(
                    s.as_ref(),
                    &doc,
                    &self.resources,
                    Some((&preds, own)),
                    &mut feats,
                );
                *tagged = decode(second, &feats);
            }
        }
        out
    }
}

fn decode(model: &Model<'_>, feats: &Features) -> Vec<Tagged> {
    let em = emissions(model, feats);
    let path = viterbi(model, &em);
    path.iter()
        .zip(&em)
        .map(|(&label, scores)| Tagged {
            label,
            confidence: softmax_share(scores, label),
        })
        .collect()
}

fn softmax_share(scores: &[f32; N_LABELS], label: Label) -> f32 {
    let max = scores.iter().fold(f32::NEG_INFINITY, |m, &s| m.max(s));
    let sum: f32 = scores.iter().map(|s| (s - max).exp()).sum();
    let own = scores.get(label.index()).map_or(0.0, |s| (s - max).exp());
    if sum > 0.0 { own / sum } else { 0.0 }
}

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
    /// Settings of the second pass; `None` trains a one-pass tagger.
    pub second: Option<train::TrainConfig>,
    /// Folds for the first-pass labels the second pass learns from.
    pub folds: usize,
}

/// Trains a tagger on labelled documents. `after_epoch(pass, epoch, errors, model_bytes)` sees
/// every epoch's model (for the second pass, the joined two-pass model) and returns its score on
/// held-out data, if any; the model of the best-scoring epoch of the last pass is returned.
pub fn train_tagger(
    docs: &[LabelledDoc<'_>],
    resources: &Resources,
    config: TaggerConfig,
    mut after_epoch: impl FnMut(usize, usize, usize, &[u8]) -> Option<f64>,
) -> Vec<u8> {
    let per_doc = examples(docs, resources);
    let all: Vec<train::Example> = per_doc.iter().flatten().cloned().collect();
    let Some(second_config) = config.second else {
        return best_of(&all, config.first, |e, err, b| after_epoch(1, e, err, b));
    };
    // First pass on everything, keeping the last epoch (the second pass is tuned, not this).
    let first = train::train(&all, config.first, |e, err, b| {
        after_epoch(1, e, err, b);
    });
    // First-pass labels of each training document from a model that did not see it.
    let folds = config.folds.max(2);
    let mut predicted: Vec<Vec<Vec<Label>>> = vec![Vec::new(); docs.len()];
    for fold in 0..folds {
        let rest: Vec<train::Example> = per_doc
            .iter()
            .enumerate()
            .filter(|(d, _)| d % folds != fold)
            .flat_map(|(_, exs)| exs.iter().cloned())
            .collect();
        let bytes = train::train(&rest, config.first, |_, _, _| {});
        let Ok(model) = Model::from_bytes(&bytes) else {
            continue;
        };
        for (d, exs) in per_doc.iter().enumerate() {
            if d % folds == fold {
                predicted[d] = exs
                    .iter()
                    .map(|ex| viterbi(&model, &emissions(&model, &ex.features)))
                    .collect();
            }
        }
    }
    let mut second_examples = Vec::new();
    for (doc, labels) in docs.iter().zip(&predicted) {
        let words: Vec<&[&str]> = doc.iter().map(|(w, _)| &w[..]).collect();
        let ctx = DocContext::new(words.iter().copied());
        let preds = DocPredictions::new(&words, labels);
        for ((w, gold), own) in doc.iter().zip(labels) {
            let mut features = Features::default();
            extract(w, &ctx, resources, Some((&preds, own)), &mut features);
            second_examples.push(train::Example {
                features,
                gold: gold.clone(),
            });
        }
    }
    let second = best_of(&second_examples, second_config, |e, err, b| {
        after_epoch(2, e, err, &two_stage_bytes(&first, b))
    });
    two_stage_bytes(&first, &second)
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
