//! Time: find time expressions and normalise them to TIMEX3 values anchored on the publication
//! date.
//!
//! Contract (what other stages rely on):
//! - [`extract`] returns every time expression of the document's body, in text order, without
//!   overlaps, each with a span into [`Document::text`] (`text[span]` is the expression).
//! - With `published: None`, expressions that need an anchor keep `X` placeholders in their
//!   value (`"28 mei"` → `XXXX-05-28`, `"vorig jaar"` → `XXXX`); [`Timex::needs`] says what the
//!   anchor would have supplied. The publication-date inference reads these.
//! - A publication date known only to the month or year stays an interval: a relative value is
//!   only as specific as is true (`"tien dagen geleden"` with `2017-06` gives `2017-05` or
//!   `2017-06`, never an invented day); `earliest`/`latest` bound it.
//! - Every result names the rule that made it (`nl/date/day-month`) and its anchor.
//!
//! How it works: the text stage's tokens become items (`scan`), rules from
//! `lang/<iso>/time/rules.txt` match them (`matcher`, rule format in `grammar`) and build a
//! meaning (`sem`), which is anchored on the publication date or the previous expression
//! (`resolve`) in the direction the clause's tense gives (`tense`).

mod grammar;
mod matcher;
mod resolve;
mod scan;
mod sem;
mod tense;
mod value;

#[cfg(test)]
mod tests;

pub use tense::{tense_of, tense_of_in};

use crate::model::{Document, Granularity, PartialDate, Span};
use crate::text::TextAnalysis;
use jiff::civil::{Date, Time};
use serde::Serialize;

/// The TIMEX3 type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period: `2017-05-28`, `2017-06`, `2017-W23`, `2017-SU`.
    Date,
    /// A time of day: `2017-05-28T14:00`.
    Time,
    /// A length of time: `P5M`.
    Duration,
    /// A recurrence: `P1W` for "elke week".
    Set,
}

/// What a relative value was computed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    /// The document's publication date.
    Published,
    /// The previous time expression ("een jaar later").
    Previous,
    /// Nothing: the expression is absolute ("16 juni 2017") or needs no anchor (a duration).
    None,
}

/// The tense of the clause an expression is in; it decides whether "vrijdag" is the last or the
/// next Friday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tense {
    /// Past tense or perfect.
    Past,
    /// Present tense, or not marked.
    Present,
    /// Future ("zal", "gaat", "will").
    Future,
}

/// Which way to resolve a bare weekday or month when the tense does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TenseBias {
    /// Always the latest one on or before the anchor.
    Past,
    /// Always the next one on or after the anchor.
    Future,
    /// From the clause's tense; present tense counts as past (news reports what happened).
    #[default]
    Auto,
}

/// What an anchor-dependent expression would take from the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Needs {
    /// Absolute or anchor-free: nothing.
    Nothing,
    /// A month and maybe a day without a year ("28 mei", "december").
    Year {
        /// 1..=12.
        month: i8,
        /// 1..=31, when the expression names a day.
        day: Option<i8>,
    },
    /// An offset from the anchor in some unit ("vorig jaar", "tien dagen geleden", "gisteren").
    Offset,
    /// A weekday ("vrijdag").
    Weekday,
}

/// One time expression.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timex {
    /// Where it is: `text[span]` is the expression.
    pub span: Span,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// TIMEX3 value (ISO 8601 subset, `PnX` durations, `PAST_REF`/`PRESENT_REF`/`FUTURE_REF`,
    /// `X` for unknown parts).
    pub value: String,
    /// What a relative value was computed from.
    pub anchor: Anchor,
    /// The id of the rule that made it, e.g. `nl/date/day-month`.
    pub rule: String,
    /// TIMEX3 `mod` (`START`, `MID`, `END`, `APPROX`, `BEFORE`, `AFTER`), when the expression
    /// has one ("eind 2014").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modifier: Option<&'static str>,
    /// First day of the interval the value denotes (dates and times only), when resolvable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earliest: Option<Date>,
    /// Last day of that interval.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latest: Option<Date>,
    /// The tense of its clause.
    pub tense: Tense,
    /// What the anchor supplies (or would supply) to this value.
    pub needs: Needs,
}

/// Settings of the time stage.
#[derive(Debug, Clone, Copy, Default)]
pub struct TimeConfig {
    /// How to resolve bare weekdays and months.
    pub tense_bias: TenseBias,
}

/// The reference an expression is resolved against: the publication date at its granularity,
/// and a time of day when one is known (assistants, tests; news has none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    /// The date.
    pub date: PartialDate,
    /// The time of day, if known.
    pub time: Option<Time>,
}

impl From<PartialDate> for Reference {
    fn from(date: PartialDate) -> Reference {
        Reference { date, time: None }
    }
}

/// Finds and normalises the time expressions of a document's body.
///
/// `published` is the anchor: the publication date at its granularity, or `None` when unknown
/// (values then keep `X` placeholders for what the anchor would supply).
pub fn extract(
    doc: &Document,
    text: &TextAnalysis,
    published: Option<PartialDate>,
    config: &TimeConfig,
) -> Vec<Timex> {
    extract_at(doc, text, published.map(Reference::from), config)
}

/// [`extract`] with a reference that may carry a time of day.
pub fn extract_at(
    doc: &Document,
    text: &TextAnalysis,
    reference: Option<Reference>,
    config: &TimeConfig,
) -> Vec<Timex> {
    let g = grammar::Grammar::get(text.language);
    let frame = reference.map(|r| resolve::Frame {
        e: r.date.earliest(),
        l: r.date.latest(),
        grain: r.date.granularity(),
        time: if r.date.granularity() == Granularity::Day {
            r.time
        } else {
            None
        },
    });
    let mut out = Vec::new();
    let mut scratch = scan::Scratch::default();
    let mut match_scratch = matcher::MatchScratch::default();
    let mut previous: Option<value::Point> = None;
    for range in paragraph_tokens(text) {
        let Some(tokens) = text.tokens.get(range) else {
            continue;
        };
        let items = scan::items(&doc.text, tokens, g, &mut scratch);
        if items.iter().all(|i| i.cls == 0 && i.lit == 0) {
            continue;
        }
        let mut found: Vec<matcher::Found> = matcher::find(items, g, &mut match_scratch)
            .into_iter()
            .filter(|f| !f.dead)
            .collect();
        found.sort_by_key(|f| f.span.start);
        for f in found {
            if out.last().is_some_and(|t: &Timex| t.span.overlaps(f.span)) {
                continue;
            }
            let (tense, _in_clause) = tense::tense_at(&doc.text, text, f.span, g);
            let dir = f.extras.dir.unwrap_or(match config.tense_bias {
                TenseBias::Past => sem::Dir::Past,
                TenseBias::Future => sem::Dir::Future,
                // Tense leans: a yearless date stays within half a year of the anchor.
                TenseBias::Auto => match tense {
                    Tense::Past => sem::Dir::LeanPast,
                    Tense::Future => sem::Dir::LeanFuture,
                    Tense::Present => sem::Dir::Present,
                },
            });
            // "in drie jaar": ahead in a future clause, a length of time elsewhere.
            let sem = match f.sem {
                sem::Sem::Shift {
                    unit,
                    n,
                    prev: false,
                    ..
                } if f.extras.future_only && dir.strict() != sem::Dir::Future => {
                    sem::Sem::Dur { n: Some(n), unit }
                }
                other => other,
            };
            let r = resolve::resolve(&sem, dir, frame, previous, g);
            // The anchor for "een jaar later" is the last expression placed on its own (stated,
            // or from the publication date), so comparisons do not drift: "a year earlier" twice
            // is the same year.
            if let Some(p) = r.point
                && r.anchor != Anchor::Previous
            {
                previous = Some(p);
            }
            let rule = g
                .rules
                .get(usize::from(f.rule))
                .map_or_else(|| format!("{}/?", text.language), |r| r.id.clone());
            out.push(Timex {
                span: f.span,
                kind: r.kind,
                value: r.value,
                anchor: r.anchor,
                rule,
                modifier: f.extras.modifier,
                earliest: r.earliest,
                latest: r.latest,
                tense,
                needs: r.needs,
            });
        }
    }
    out
}

/// Token ranges of the paragraphs (expressions never cross one).
fn paragraph_tokens(text: &TextAnalysis) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    let mut current: Option<(usize, std::ops::Range<usize>)> = None;
    for s in &text.sentences {
        match &mut current {
            Some((p, r)) if *p == s.paragraph && r.end == s.tokens.start => r.end = s.tokens.end,
            _ => {
                if let Some((_, r)) = current.take() {
                    out.push(r);
                }
                current = Some((s.paragraph, s.tokens.clone()));
            }
        }
    }
    if let Some((_, r)) = current {
        out.push(r);
    }
    if out.is_empty() && !text.tokens.is_empty() {
        out.push(0..text.tokens.len());
    }
    out
}
