//! Conflicts: claims that cannot all be true — alive after a claimed death, a claim and its
//! denial, two places at once, two death dates, very different counts of the same thing at the
//! same time.

use super::{Event, Placed, compatible};
use crate::claims::{Certainty, Relation};

/// Claims that cannot all hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The entity they are about.
    pub subject: usize,
    /// Indices of the claims, all sides together.
    pub claims: Vec<usize>,
    /// The claims grouped by what they hold: any claim of one side contradicts any of another.
    pub sides: Vec<Vec<usize>>,
    /// What kind of conflict: `alive-after-death`, `denied`, `two-places`, `two-deaths`,
    /// `counts`.
    pub kind: &'static str,
}

fn day_or_month(c: &Placed) -> bool {
    c.claim
        .when
        .as_ref()
        .is_some_and(|w| w.value.len() >= 7 && w.earliest.is_some())
}

fn number(value: &str) -> Option<f64> {
    let digits: String = value
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == ',')
        .collect();
    let n: f64 = digits.replace(',', ".").parse().ok()?;
    let lower = value.to_lowercase();
    let scale = if lower.contains("miljard") || lower.contains("billion") {
        1e9
    } else if lower.contains("miljoen") || lower.contains("million") {
        1e6
    } else {
        1.0
    };
    // "15.000" is fifteen thousand: the dot was dropped above.
    Some(n * scale)
}

/// Finds conflicts among claims, given the events they form.
pub fn find_conflicts(claims: &[Placed], events: &[Event]) -> Vec<Conflict> {
    let mut out: Vec<Conflict> = Vec::new();
    let asserted = |c: &Placed| c.certainty() != Certainty::Denied;
    // A death and, from its date on, signs of life: alive (surviving the strike that is said to
    // have killed), or somewhere.
    for e in events.iter().filter(|e| e.predicate == "death") {
        let Some(died) = e.when.as_ref().and_then(|w| w.latest) else {
            continue;
        };
        let death_claims: Vec<usize> = e
            .claims
            .iter()
            .copied()
            .filter(|&i| asserted(&claims[i]))
            .collect();
        if death_claims.is_empty() {
            continue;
        }
        let later_life: Vec<usize> = (0..claims.len())
            .filter(|&i| {
                let c = &claims[i];
                c.subject == e.subject
                    && asserted(c)
                    && (c.predicate() == "alive"
                        || c.predicate() == "location" && c.relation() == Some(Relation::At))
                    && c.when_earliest().is_some_and(|d| d >= died)
            })
            .collect();
        if !later_life.is_empty() {
            out.push(conflict(
                e.subject,
                vec![death_claims.clone(), later_life],
                "alive-after-death",
            ));
        }
        // A death claimed and denied.
        let denied: Vec<usize> = e
            .claims
            .iter()
            .copied()
            .filter(|&i| !asserted(&claims[i]))
            .collect();
        if !denied.is_empty() {
            out.push(conflict(e.subject, vec![death_claims, denied], "denied"));
        }
    }
    // Other claims and their denials.
    for e in events.iter().filter(|e| e.predicate != "death") {
        let (yes, no): (Vec<usize>, Vec<usize>) =
            e.claims.iter().partition(|&&i| asserted(&claims[i]));
        if !yes.is_empty() && !no.is_empty() {
            out.push(conflict(e.subject, vec![yes, no], "denied"));
        }
    }
    // Two death events with different dates for one person.
    let deaths: Vec<&Event> = events
        .iter()
        .filter(|e| e.predicate == "death" && e.when.is_some())
        .collect();
    for (x, a) in deaths.iter().enumerate() {
        for b in &deaths[x + 1..] {
            if a.subject == b.subject && !compatible(a.when.as_ref(), b.when.as_ref()) {
                let side = |e: &Event| -> Vec<usize> {
                    e.claims
                        .iter()
                        .copied()
                        .filter(|&i| asserted(&claims[i]))
                        .collect()
                };
                let (sa, sb) = (side(a), side(b));
                if !sa.is_empty() && !sb.is_empty() {
                    out.push(conflict(a.subject, vec![sa, sb], "two-deaths"));
                }
            }
        }
    }
    // Two places at once, or there and not there at once.
    let located: Vec<usize> = (0..claims.len())
        .filter(|&i| {
            claims[i].predicate() == "location" && day_or_month(&claims[i]) && asserted(&claims[i])
        })
        .collect();
    for (x, &i) in located.iter().enumerate() {
        for &j in &located[x + 1..] {
            let (a, b) = (&claims[i], &claims[j]);
            if a.subject != b.subject
                || !compatible(a.claim.when.as_ref(), b.claim.when.as_ref())
                || a.place.is_none()
                || b.place.is_none()
            {
                continue;
            }
            let clash = match (a.relation(), b.relation()) {
                (Some(Relation::At), Some(Relation::At)) => a.place != b.place,
                (Some(Relation::At), Some(Relation::NotAt))
                | (Some(Relation::NotAt), Some(Relation::At)) => a.place == b.place,
                _ => false,
            };
            if clash && (a.doc != b.doc || a.claim.sentence != b.claim.sentence) {
                out.push(conflict(a.subject, vec![vec![i], vec![j]], "two-places"));
            }
        }
    }
    // Very different counts of the same thing at the same time.
    let counts: Vec<usize> = (0..claims.len())
        .filter(|&i| claims[i].predicate() == "count")
        .collect();
    for (x, &i) in counts.iter().enumerate() {
        for &j in &counts[x + 1..] {
            let (a, b) = (&claims[i], &claims[j]);
            let noun = |c: &Placed| {
                c.claim
                    .value
                    .as_deref()
                    .and_then(|v| v.split_whitespace().last())
                    .map(str::to_lowercase)
            };
            if a.subject != b.subject
                || noun(a) != noun(b)
                || !compatible(a.claim.when.as_ref(), b.claim.when.as_ref())
            {
                continue;
            }
            let (Some(na), Some(nb)) = (
                a.claim.value.as_deref().and_then(number),
                b.claim.value.as_deref().and_then(number),
            ) else {
                continue;
            };
            if na.max(nb) > 1.5 * na.min(nb) {
                out.push(conflict(a.subject, vec![vec![i], vec![j]], "counts"));
            }
        }
    }
    out.dedup();
    out
}

fn conflict(subject: usize, sides: Vec<Vec<usize>>, kind: &'static str) -> Conflict {
    let mut claims: Vec<usize> = sides.iter().flatten().copied().collect();
    claims.sort_unstable();
    claims.dedup();
    Conflict {
        subject,
        claims,
        sides,
        kind,
    }
}
