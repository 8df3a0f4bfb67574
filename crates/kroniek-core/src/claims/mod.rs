//! Claims: who said what about whom, where, when it happened, when it was said, and how sure.
//!
//! Per document, [`extract`] reads each body sentence: its attributions (cue, source, content;
//! [`attribution`]), the predicate triggers of `lang/<iso>/claims/predicates.tsv` in the
//! content, the entity each is about (names, and pronouns or descriptions resolved by
//! [`coref`]), the place, the time expressions, and the words that set the certainty. Subjects,
//! places and sources are mention indices here; the pipeline maps them to merged entities.

pub mod attribution;
pub mod coref;
mod extract;
pub mod factuality;
pub mod resources;

pub use extract::extract;
pub use resources::ClaimResources;

use crate::model::{PartialDate, Span};
use jiff::civil::Date;
use serde::Serialize;

/// How sure a claim is, from strongest to weakest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    /// Stated as established, or confirmed by a party in a position to know.
    Confirmed,
    /// Attributed to a source, stated without hedging.
    Reported,
    /// Softened by a hedge.
    Hedged,
    /// Said not to be (yet) confirmed, unproven or being checked.
    Unconfirmed,
    /// Denied by a source.
    Denied,
}

impl Certainty {
    /// The contract's name.
    pub fn name(self) -> &'static str {
        match self {
            Certainty::Confirmed => "confirmed",
            Certainty::Reported => "reported",
            Certainty::Hedged => "hedged",
            Certainty::Unconfirmed => "unconfirmed",
            Certainty::Denied => "denied",
        }
    }
}

/// For location claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Is there.
    At,
    /// Left it.
    Left,
    /// Is not there.
    NotAt,
}

impl Relation {
    /// The contract's name.
    pub fn name(self) -> &'static str {
        match self {
            Relation::At => "at",
            Relation::Left => "left",
            Relation::NotAt => "not_at",
        }
    }
}

/// A time a claim refers to: a TIMEX3 value and, when known, the days it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeRef {
    /// TIMEX3 value.
    pub value: String,
    /// First day.
    pub earliest: Option<Date>,
    /// Last day.
    pub latest: Option<Date>,
}

impl TimeRef {
    /// The publication date as a time reference.
    pub fn from_date(d: PartialDate) -> TimeRef {
        TimeRef {
            value: d.to_string(),
            earliest: Some(d.earliest()),
            latest: Some(d.latest()),
        }
    }
}

/// Who put a claim forward.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// The words naming the source (for a pronoun, the words it stands for).
    pub span: Span,
    /// The mention of the source, when it is a named entity.
    pub mention: Option<usize>,
}

/// A claim found in one document. Entity roles are indices into the document's mentions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// The sentence it comes from.
    pub span: Span,
    /// Index of that sentence.
    pub sentence: usize,
    /// The mention of what the claim is about.
    pub subject: usize,
    /// Predicate from the ontology (`death`, `alive`, `location`, ...).
    pub predicate: String,
    /// For location claims.
    pub relation: Option<Relation>,
    /// An entity object (the organisation someone leads).
    pub object: Option<usize>,
    /// A value as written ("25 miljoen dollar", "15.000 strijders").
    pub value: Option<String>,
    /// The mention of where it happened or is.
    pub place: Option<usize>,
    /// When it happened.
    pub when: Option<TimeRef>,
    /// When the source said it.
    pub said_on: Option<TimeRef>,
    /// Who claims it; `None` when the article asserts it.
    pub source: Option<Source>,
    /// The attribution cue.
    pub cue: Option<Span>,
    /// How sure.
    pub certainty: Certainty,
    /// The words that set the certainty.
    pub cues: Vec<String>,
    /// The trigger words.
    pub trigger: Span,
    /// The rule that made it, e.g. `nl/claims/death`.
    pub rule: String,
}
