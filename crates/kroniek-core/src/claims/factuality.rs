//! Event factuality: how certain a text presents an event, and whether it says it happened —
//! from the hedges and negations in the event word's clause. The claims stage uses the same
//! word lists; this function serves evaluation against annotated events.

use super::attribution::View;
use super::resources::ClaimResources;
use serde::Serialize;

/// How certain the text presents an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Factuality {
    /// Presented as fact.
    Certain,
    /// Likely.
    Probable,
    /// Possible.
    Possible,
}

/// Whether the text says the event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Polarity {
    /// It did (or will).
    Pos,
    /// It did not.
    Neg,
}

/// The factuality of the event word at token `at` of a sentence: the hedges from the start of its
/// clause up to it, and a negation at most three words before it.
pub fn assess(v: &View<'_>, res: &ClaimResources, at: usize) -> (Factuality, Polarity) {
    let words = v.words();
    let breaks = |j: usize| {
        v.raw(j) == ","
            || v.raw(j) == ";"
            || res.clause_breaks.contains(&v.lower[j]) && !res.determiners.contains(&v.lower[j])
    };
    let start = (0..at).rev().find(|&j| breaks(j)).map_or(0, |j| j + 1);
    let mut certainty = Factuality::Certain;
    for (h, probable) in &res.hedges {
        for m in h.find_all(&words) {
            if m.first >= start && m.first < at {
                let level = if *probable {
                    Factuality::Probable
                } else {
                    Factuality::Possible
                };
                certainty = match (certainty, level) {
                    (Factuality::Possible, _) | (_, Factuality::Possible) => Factuality::Possible,
                    _ => Factuality::Probable,
                };
            }
        }
    }
    // Negation reaches the next word or two ("did not buy", "does not attempt"), not every word
    // after it ("not all claims were upheld").
    let negated = (start.max(at.saturating_sub(3))..at).any(|j| res.negation.contains(&v.lower[j]));
    (
        certainty,
        if negated {
            Polarity::Neg
        } else {
            Polarity::Pos
        },
    )
}
