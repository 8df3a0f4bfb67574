//! The timeline: claims mapped to merged entities, grouped into events (the same happening
//! reported by several articles), conflicts (claims that cannot all be true), and what the
//! collection held about an entity as of any date.
//!
//! Bitemporal: every claim has when it happened (`when`) and when it was said (`said_on`).
//! Events order by the first; "as of" queries filter by the second.

mod conflicts;
mod events;
mod status;

pub use conflicts::{Conflict, find_conflicts};
pub use events::{Event, group_events};
pub use status::{Status, status};

use crate::claims::{Certainty, Claim, Relation, TimeRef};
use jiff::civil::Date;

/// A claim placed in the collection: its document, and its roles as entity indices.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Index of the document.
    pub doc: usize,
    /// The claim as found.
    pub claim: Claim,
    /// The entity it is about.
    pub subject: usize,
    /// The entity object, if any.
    pub object: Option<usize>,
    /// The entity where it happened, if any.
    pub place: Option<usize>,
    /// The source entity, when named.
    pub source: Option<usize>,
    /// True when the document repeats another one: never independent evidence.
    pub duplicate: bool,
    /// For a repeat, the document it repeats.
    pub original: Option<usize>,
}

impl Placed {
    /// The predicate.
    pub fn predicate(&self) -> &str {
        &self.claim.predicate
    }

    /// The relation, for location claims.
    pub fn relation(&self) -> Option<Relation> {
        self.claim.relation
    }

    /// How sure.
    pub fn certainty(&self) -> Certainty {
        self.claim.certainty
    }

    /// First day it may have happened.
    pub fn when_earliest(&self) -> Option<Date> {
        self.claim.when.as_ref().and_then(|w| w.earliest)
    }

    /// Last day it may have happened.
    pub fn when_latest(&self) -> Option<Date> {
        self.claim.when.as_ref().and_then(|w| w.latest)
    }

    /// First day it may have been said.
    pub fn said_earliest(&self) -> Option<Date> {
        self.claim.said_on.as_ref().and_then(|w| w.earliest)
    }
}

/// True when two time references can denote the same time (missing ones fit anything).
pub fn compatible(a: Option<&TimeRef>, b: Option<&TimeRef>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => match (a.earliest, a.latest, b.earliest, b.latest) {
            (Some(ae), Some(al), Some(be), Some(bl)) => ae <= bl && be <= al,
            _ => true,
        },
        _ => true,
    }
}

/// The more specific of two time references (the shorter interval).
pub fn more_specific<'a>(a: Option<&'a TimeRef>, b: Option<&'a TimeRef>) -> Option<&'a TimeRef> {
    let width = |t: &TimeRef| match (t.earliest, t.latest) {
        (Some(e), Some(l)) => (l - e).get_days(),
        _ => i32::MAX,
    };
    match (a, b) {
        (Some(a), Some(b)) => Some(if width(b) < width(a) { b } else { a }),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests;
