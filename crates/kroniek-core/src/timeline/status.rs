//! What the collection held about an entity as of a date: the claims said by then, the latest
//! per predicate, and the conflicts among them.

use super::{Conflict, Placed};
use jiff::civil::Date;
use std::collections::BTreeMap;

/// An entity's status as of a date.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    /// The entity.
    pub entity: usize,
    /// The date.
    pub as_of: Date,
    /// Claims about it said on or before the date (those with no known date of saying are
    /// left out), in the order they were said.
    pub known: Vec<usize>,
    /// Per predicate, the claim with the latest time of happening (then of saying).
    pub latest: BTreeMap<String, usize>,
    /// Conflicts with claims of at least two sides said by then.
    pub conflicts: Vec<usize>,
}

/// The status of `entity` as of `as_of`.
pub fn status(claims: &[Placed], conflicts: &[Conflict], entity: usize, as_of: Date) -> Status {
    let said_by = |i: usize| claims[i].said_earliest().is_some_and(|d| d <= as_of);
    let mut known: Vec<usize> = (0..claims.len())
        .filter(|&i| claims[i].subject == entity && said_by(i))
        .collect();
    known.sort_by_key(|&i| {
        (
            claims[i].said_earliest(),
            claims[i].doc,
            claims[i].claim.span.start,
        )
    });
    let mut latest: BTreeMap<String, usize> = BTreeMap::new();
    // Originals before repeats: a syndicated copy never stands for what was claimed.
    let originals: Vec<usize> = known
        .iter()
        .copied()
        .filter(|&i| !claims[i].duplicate)
        .collect();
    for &i in originals
        .iter()
        .chain(known.iter().filter(|&&i| claims[i].duplicate))
    {
        let c = &claims[i];
        if claims[i].duplicate && latest.contains_key(c.predicate()) {
            continue;
        }
        let key = (c.when_latest().or(c.said_earliest()), c.said_earliest());
        match latest.get(c.predicate()) {
            Some(&j) => {
                let d = &claims[j];
                if key >= (d.when_latest().or(d.said_earliest()), d.said_earliest()) {
                    latest.insert(c.predicate().to_owned(), i);
                }
            }
            None => {
                latest.insert(c.predicate().to_owned(), i);
            }
        }
    }
    // A conflict is open once claims of two of its sides are known.
    let conflicts = (0..conflicts.len())
        .filter(|&k| {
            let c = &conflicts[k];
            c.subject == entity
                && c.sides
                    .iter()
                    .filter(|side| side.iter().any(|&i| said_by(i)))
                    .count()
                    >= 2
        })
        .collect();
    Status {
        entity,
        as_of,
        known,
        latest,
        conflicts,
    }
}
