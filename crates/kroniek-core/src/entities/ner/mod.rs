//! Named-entity recognition: a trained sequence tagger over IOB2 labels.
//!
//! An averaged structured perceptron with hashed features ([`features`]) and first-order
//! Viterbi decoding ([`model`]), trained by [`train`] (driven by `kroniek train ner`). The
//! trained weights ship as `lang/<iso>/ner/model.bin`, embedded in the binary and read in place.

pub mod features;
pub mod gazetteer;
pub mod label;
pub mod model;
pub mod train;

use features::{DocContext, Features, extract};
use gazetteer::Gazetteer;
use kroniek_lang::Language;
pub use label::Label;
use label::N_LABELS;
use model::{Model, Scorer, emissions, viterbi};
use std::sync::LazyLock;

/// The path of a language's model under `lang/<iso>/`.
pub const MODEL_FILE: &str = "ner/model.bin";

/// A token's predicted label and how sure the tagger is of it (0..1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tagged {
    /// The label.
    pub label: Label,
    /// The share of the label in a softmax over the token's label scores.
    pub confidence: f32,
}

/// A model with its gazetteer.
#[derive(Debug)]
pub struct Tagger<'a> {
    model: Model<'a>,
    gazetteer: Gazetteer,
}

static NL: LazyLock<Option<Tagger<'static>>> = LazyLock::new(|| load(Language::Nl));
static EN: LazyLock<Option<Tagger<'static>>> = LazyLock::new(|| load(Language::En));

fn load(lang: Language) -> Option<Tagger<'static>> {
    let bytes = kroniek_lang::bytes_in(lang.iso(), MODEL_FILE)?;
    let model = Model::from_bytes(bytes).ok()?;
    Some(Tagger {
        model,
        gazetteer: Gazetteer::for_language(lang),
    })
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

impl<'a> Tagger<'a> {
    /// A tagger from model bytes and a gazetteer.
    pub fn new(bytes: &'a [u8], gazetteer: Gazetteer) -> Result<Tagger<'a>, model::ModelError> {
        Ok(Tagger {
            model: Model::from_bytes(bytes)?,
            gazetteer,
        })
    }

    /// Its gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Tags the sentences of one document (the document supplies context features).
    pub fn tag_document<'w, S: AsRef<[&'w str]>>(&self, sentences: &[S]) -> Vec<Vec<Tagged>> {
        let doc = DocContext::new(sentences.iter().map(AsRef::as_ref));
        let mut feats = Features::default();
        sentences
            .iter()
            .map(|s| {
                extract(s.as_ref(), &doc, &self.gazetteer, &mut feats);
                let em = emissions(&self.model, &feats);
                let path = viterbi(&self.model, &em);
                path.iter()
                    .zip(&em)
                    .map(|(&label, scores)| Tagged {
                        label,
                        confidence: softmax_share(scores, label),
                    })
                    .collect()
            })
            .collect()
    }

    /// The model's scorer, for tests and tools.
    pub fn scorer(&self) -> &impl Scorer {
        &self.model
    }
}

fn softmax_share(scores: &[f32; N_LABELS], label: Label) -> f32 {
    let max = scores.iter().fold(f32::NEG_INFINITY, |m, &s| m.max(s));
    let sum: f32 = scores.iter().map(|s| (s - max).exp()).sum();
    let own = scores.get(label.index()).map_or(0.0, |s| (s - max).exp());
    if sum > 0.0 { own / sum } else { 0.0 }
}

/// Training examples from labelled documents (each a list of `(words, labels)` sentences).
pub fn examples(
    docs: &[Vec<(Vec<&str>, Vec<Label>)>],
    gazetteer: &Gazetteer,
) -> Vec<train::Example> {
    let mut out = Vec::new();
    for doc in docs {
        let ctx = DocContext::new(doc.iter().map(|(w, _)| &w[..]));
        for (words, gold) in doc {
            let mut features = Features::default();
            extract(words, &ctx, gazetteer, &mut features);
            out.push(train::Example {
                features,
                gold: gold.clone(),
            });
        }
    }
    out
}
