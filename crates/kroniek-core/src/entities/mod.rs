//! Entities: recognise names (people, organisations, places, other) in each document, then merge
//! every mention of the same real-world entity across the collection.
//!
//! Recognition ([`recognize`]) is per document; merging is collection-level and keeps the
//! evidence of every merge.

mod cluster;
mod names;

pub use cluster::{DocMentions, Entity, MentionRef, Merge, is_acronym_of, merge};
pub use names::NameResources;

use crate::model::{Document, Span};
use crate::text::TextAnalysis;
use serde::{Deserialize, Serialize};

/// The CoNLL entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    /// A person.
    #[serde(rename = "PER")]
    Per,
    /// An organisation.
    #[serde(rename = "ORG")]
    Org,
    /// A place.
    #[serde(rename = "LOC")]
    Loc,
    /// Other names: nationalities, events, works.
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityType {
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub fn code(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    /// Parses a CoNLL type code.
    pub fn from_code(code: &str) -> Option<EntityType> {
        match code {
            "PER" => Some(EntityType::Per),
            "ORG" => Some(EntityType::Org),
            "LOC" => Some(EntityType::Loc),
            "MISC" => Some(EntityType::Misc),
            _ => None,
        }
    }
}

/// A name found in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Where it is: `text[span]` is the name.
    pub span: Span,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// What found it, e.g. `nl/ner/perceptron` or `nl/gazetteer/geonames`.
    pub rule: String,
    /// Confidence in 0..1.
    pub score: f32,
}

/// Finds the names in a document's body.
pub fn recognize(doc: &Document, text: &TextAnalysis) -> Vec<Mention> {
    let _ = (doc, text);
    Vec::new()
}
