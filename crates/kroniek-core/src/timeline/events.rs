//! Events: claims about the same happening — same predicate and subject (and relation and place
//! for locations), compatible times and places — across documents.

use super::{Placed, compatible, more_specific};
use crate::claims::TimeRef;

/// One happening and the claims that report it.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The predicate.
    pub predicate: String,
    /// The entity it is about.
    pub subject: usize,
    /// Where, if any claim says.
    pub place: Option<usize>,
    /// When: the most specific time any claim gives.
    pub when: Option<TimeRef>,
    /// Indices of its claims.
    pub claims: Vec<usize>,
    /// Number of documents reporting it, duplicates not counted.
    pub independent_documents: usize,
}

/// Groups claims into events. Statements are not happenings and stay out.
pub fn group_events(claims: &[Placed]) -> Vec<Event> {
    let mut events: Vec<Event> = Vec::new();
    let mut order: Vec<usize> = (0..claims.len())
        .filter(|&i| claims[i].predicate() != "statement")
        .collect();
    // The most specific times first, so vaguer claims join a dated event.
    order.sort_by_key(|&i| {
        let c = &claims[i];
        let width = match (c.when_earliest(), c.when_latest()) {
            (Some(e), Some(l)) => (l - e).get_days(),
            _ => i32::MAX,
        };
        // Originals before repeats, so a repeat finds the event of what it repeats.
        (c.duplicate, width, c.doc, c.claim.span.start)
    });
    for i in order {
        let c = &claims[i];
        // A repeat's claim joins the event of the claim it repeats, even when a relative date
        // moved with the copy's later publication ("two weeks ago" a day later).
        let repeats = |e: &Event| {
            c.original.is_some_and(|o| {
                e.predicate == c.predicate()
                    && e.subject == c.subject
                    && e.claims
                        .iter()
                        .any(|&j| claims[j].doc == o && claims[j].relation() == c.relation())
            })
        };
        if let Some(e) = events.iter_mut().find(|e| repeats(e)) {
            e.claims.push(i);
            continue;
        }
        let found = events.iter_mut().find(|e| {
            let first = &claims[e.claims[0]];
            e.predicate == c.predicate()
                && e.subject == c.subject
                && first.relation() == c.relation()
                && (c.predicate() != "location" || first.place == c.place)
                && (e.place.is_none() || c.place.is_none() || e.place == c.place)
                && (c.predicate() != "count" && c.predicate() != "reward"
                    || first.claim.value == c.claim.value)
                && e.claims
                    .iter()
                    .all(|&j| compatible(claims[j].claim.when.as_ref(), c.claim.when.as_ref()))
        });
        match found {
            Some(e) => {
                e.claims.push(i);
                e.place = e.place.or(c.place);
                e.when = more_specific(e.when.as_ref(), c.claim.when.as_ref()).cloned();
            }
            None => events.push(Event {
                predicate: c.predicate().to_owned(),
                subject: c.subject,
                place: c.place,
                when: c.claim.when.clone(),
                claims: vec![i],
                independent_documents: 0,
            }),
        }
    }
    for e in &mut events {
        e.claims.sort_unstable();
        let mut docs: Vec<usize> = e
            .claims
            .iter()
            .filter(|&&i| !claims[i].duplicate)
            .map(|&i| claims[i].doc)
            .collect();
        docs.sort_unstable();
        docs.dedup();
        e.independent_documents = docs.len();
    }
    events.sort_by_key(|e| {
        (
            e.when.as_ref().and_then(|w| w.earliest),
            e.claims.first().copied(),
        )
    });
    events
}
