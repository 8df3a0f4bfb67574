//! Publication dates that the input does not state, inferred from the article's own time
//! expressions and from dated articles in the same collection that report the same things.
//!
//! Evidence, strongest first:
//! 1. the article is a duplicate of a dated one: it takes that date;
//! 2. dated articles that share its names (TF-IDF cosine over salient terms) place it in time;
//! 3. its own expressions: a month or day without a year in a past-tense clause ("vond plaats op
//!    28 mei") means publication shortly after that day; absolute dates ("juni 2014") in past
//!    clauses are lower bounds.
//!
//! The result says `source: inferred`, a confidence below 1 and the evidence in words. Nothing to
//! go on gives `value: null`: a date is never invented.

use crate::model::{DateSource, Granularity, PartialDate, Published};
use crate::time::{Needs, Tense, Timex, TimexType};
use jiff::ToSpan;
use jiff::civil::Date;
use std::collections::{BTreeMap, HashMap};

/// Tunable constants of the inference.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Typical delay between a day named without a year in a past clause and the article.
    pub lag_days: i64,
    /// Neighbours less similar than this are ignored.
    pub min_similarity: f32,
    /// At most this many neighbours are used.
    pub max_neighbours: usize,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            lag_days: 14,
            min_similarity: 0.08,
            max_neighbours: 5,
        }
    }
}

/// A dated document related to the one being dated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Neighbour<'a> {
    /// Its id, for the evidence.
    pub id: &'a str,
    /// Its publication date.
    pub date: PartialDate,
    /// How similar it is (0..1).
    pub similarity: f32,
}

/// What a document is about, for finding related documents: salient terms and their weights.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Profile {
    // Ordered, so that sums over the terms come out the same in every run (a hash map's
    // random order changes float sums in the last bits and with them which ties win).
    terms: BTreeMap<String, f32>,
}

impl Profile {
    /// Builds a profile from (term, weight) pairs; repeated terms add up.
    pub fn new<'a>(terms: impl IntoIterator<Item = (&'a str, f32)>) -> Profile {
        let mut map = BTreeMap::new();
        for (t, w) in terms {
            *map.entry(t.to_owned()).or_insert(0.0) += w;
        }
        Profile { terms: map }
    }

    /// The terms.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.terms.keys().map(String::as_str)
    }
}

/// Cosine similarity of two profiles, each term weighted by `idf`.
pub fn similarity(a: &Profile, b: &Profile, idf: &HashMap<String, f32>) -> f32 {
    let weight = |t: &str, w: f32| w.sqrt() * idf.get(t).copied().unwrap_or(1.0);
    let norm = |p: &Profile| {
        p.terms
            .iter()
            .map(|(t, &w)| weight(t, w).powi(2))
            .sum::<f32>()
            .sqrt()
    };
    let dot: f32 = a
        .terms
        .iter()
        .filter_map(|(t, &w)| b.terms.get(t).map(|&v| weight(t, w) * weight(t, v)))
        .sum();
    let n = norm(a) * norm(b);
    if n == 0.0 { 0.0 } else { dot / n }
}

/// Inverse document frequencies of the profiles' terms.
pub fn idf(profiles: &[&Profile]) -> HashMap<String, f32> {
    let mut df: HashMap<String, usize> = HashMap::new();
    for p in profiles {
        for t in p.terms.keys() {
            *df.entry(t.clone()).or_insert(0) += 1;
        }
    }
    let n = profiles.len() as f32;
    df.into_iter()
        .map(|(t, d)| (t, ((1.0 + n) / (1.0 + d as f32)).ln() + 1.0))
        .collect()
}

fn days(d: Date) -> i64 {
    i64::from(d.since(Date::MIN).map(|s| s.get_days()).unwrap_or(0))
}

fn midpoint(d: PartialDate) -> Date {
    let (a, b) = (d.earliest(), d.latest());
    let half = (days(b) - days(a)) / 2;
    a.checked_add(half.days()).unwrap_or(a)
}

fn month_name(m: i8) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES.get((m - 1) as usize).copied().unwrap_or("?")
}

/// Infers a publication date. `text` is the document text the timexes index; `timexes` were
/// extracted with no anchor; `duplicate_of` is a dated document this one repeats.
pub fn infer(
    text: &str,
    timexes: &[Timex],
    neighbours: &[Neighbour<'_>],
    duplicate_of: Option<&Neighbour<'_>>,
    params: &Params,
) -> Published {
    if let Some(d) = duplicate_of {
        return Published {
            value: Some(d.date),
            source: DateSource::Inferred,
            confidence: 0.95,
            evidence: vec![format!(
                "repeats {} (published {}, similarity {:.2})",
                d.id, d.date, d.similarity
            )],
        };
    }
    let mut evidence = Vec::new();

    // Lower bound: the latest absolute date named in a clause that is not about the future.
    let mut lower: Option<(Date, &Timex)> = None;
    for t in timexes {
        if t.kind != TimexType::Date || t.needs != Needs::Nothing || t.tense == Tense::Future {
            continue;
        }
        let Some(date) = t
            .value
            .get(..4)
            .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
            .and(t.earliest)
        else {
            continue;
        };
        if lower.is_none_or(|(d, _)| date > d) {
            lower = Some((date, t));
        }
    }
    if let Some((_, t)) = lower {
        evidence.push(format!(
            "{:?} ({}): published after it",
            t.span.slice(text),
            t.value
        ));
    }
    let lower_date = lower.map(|(d, _)| d);

    // Related dated articles.
    let mut near: Vec<&Neighbour<'_>> = neighbours
        .iter()
        .filter(|n| n.similarity >= params.min_similarity)
        .collect();
    near.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
    near.truncate(params.max_neighbours);
    let centre = weighted_median(&near);
    if !near.is_empty() {
        let listed: Vec<String> = near
            .iter()
            .map(|n| format!("{} ({}, similarity {:.2})", n.id, n.date, n.similarity))
            .collect();
        evidence.push(format!("related dated articles: {}", listed.join(", ")));
    }

    // Days and months without a year in past or present clauses.
    let yearless: Vec<(&Timex, i8, Option<i8>)> = timexes
        .iter()
        .filter(|t| t.tense != Tense::Future)
        .filter_map(|t| match t.needs {
            Needs::Year { month, day } => Some((t, month, day)),
            _ => None,
        })
        .collect();

    // The span of the related articles' dates.
    let span = near
        .iter()
        .map(|n| (days(n.date.earliest()), days(n.date.latest())))
        .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)));
    let reference = centre.or_else(|| lower_date.map(|d| Date::new(d.year(), 12, 31).unwrap_or(d)));
    let Some(reference) = reference else {
        if yearless.is_empty() {
            return Published {
                value: None,
                source: DateSource::Unknown,
                confidence: 0.0,
                evidence: vec!["no dated expressions and no related dated articles".to_owned()],
            };
        }
        let names: Vec<String> = yearless
            .iter()
            .map(|(t, _, _)| format!("{:?}", t.span.slice(text)))
            .collect();
        return Published {
            value: None,
            source: DateSource::Unknown,
            confidence: 0.0,
            evidence: vec![format!(
                "{} name a day or month but no year, and no related dated article gives one",
                names.join(", ")
            )],
        };
    };

    if !yearless.is_empty() {
        // Place each year-less day in the year that puts the article closest to the reference,
        // and keep the most recent: the latest past event named is closest to publication.
        let lag = params.lag_days;
        let mut best: Option<(Date, &Timex)> = None;
        for &(t, month, day) in &yearless {
            let options = [-1i16, 0, 1].into_iter().filter_map(|dy| {
                let y = reference.year().checked_add(dy)?;
                let first = Date::new(y, month, 1).ok()?;
                let d = match day {
                    Some(d) => Date::new(y, month, d).ok()?,
                    None => first.checked_add(14.days()).ok()?,
                };
                Some(d)
            });
            // Closest to the span of the related articles' dates (inside it is best), then to
            // the reference.
            let chosen = options
                .filter(|d| lower_date.is_none_or(|l| *d >= l))
                .min_by_key(|d| {
                    let estimate = days(*d) + lag;
                    let outside = span.map_or(0, |(a, b)| (a - estimate).max(estimate - b).max(0));
                    (outside, (estimate - days(reference)).abs())
                });
            if let Some(d) = chosen
                && best.is_none_or(|(b, _)| d > b)
            {
                best = Some((d, t));
            }
        }
        if let Some((event, t)) = best {
            let estimate = event.checked_add(lag.days()).unwrap_or(event);
            let said = match t.needs {
                Needs::Year {
                    month,
                    day: Some(day),
                } => format!("{day} {}", month_name(month)),
                Needs::Year { month, day: None } => month_name(month).to_owned(),
                _ => String::new(),
            };
            evidence.insert(
                0,
                format!(
                    "{:?} in a {} clause: published shortly after {said} {}",
                    t.span.slice(text),
                    if t.tense == Tense::Past {
                        "past-tense"
                    } else {
                        "present-tense"
                    },
                    event.year()
                ),
            );
            let confidence = if centre.is_some() { 0.7 } else { 0.4 };
            return Published {
                value: Some(PartialDate::from_date(estimate).truncate(Granularity::Month)),
                source: DateSource::Inferred,
                confidence,
                evidence,
            };
        }
    }

    // Neighbours only (clamped by the lower bound), or the lower bound only.
    let (estimate, granularity, confidence) = match (centre, lower_date) {
        (Some(c), _) => {
            let c = lower_date.map_or(c, |l| c.max(l));
            let spread = near
                .iter()
                .map(|n| (days(midpoint(n.date)) - days(c)).abs())
                .max()
                .unwrap_or(0);
            if spread <= 45 {
                (c, Granularity::Month, 0.5)
            } else if near.iter().all(|n| n.date.year_value() == c.year()) {
                (c, Granularity::Year, 0.45)
            } else {
                (c, Granularity::Year, 0.3)
            }
        }
        (None, Some(l)) => (l, Granularity::Year, 0.25),
        (None, None) => return Published::unknown(),
    };
    Published {
        value: Some(PartialDate::from_date(estimate).truncate(granularity)),
        source: DateSource::Inferred,
        confidence,
        evidence,
    }
}

/// The similarity-weighted median of the neighbours' dates.
fn weighted_median(near: &[&Neighbour<'_>]) -> Option<Date> {
    let mut points: Vec<(Date, f32)> = near
        .iter()
        .map(|n| (midpoint(n.date), n.similarity))
        .collect();
    if points.is_empty() {
        return None;
    }
    points.sort_by_key(|p| p.0);
    let total: f32 = points.iter().map(|p| p.1).sum();
    let mut acc = 0.0;
    for (d, w) in &points {
        acc += w;
        if acc >= total / 2.0 {
            return Some(*d);
        }
    }
    points.last().map(|p| p.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;
    use crate::time::Anchor;

    fn timex(text: &str, phrase: &str, value: &str, needs: Needs, tense: Tense) -> Timex {
        let start = text.find(phrase).expect("phrase in text");
        let earliest = PartialDate::parse(value).map(PartialDate::earliest);
        let latest = PartialDate::parse(value).map(PartialDate::latest);
        Timex {
            span: Span::new(start, start + phrase.len()),
            kind: TimexType::Date,
            value: value.to_owned(),
            anchor: if needs == Needs::Nothing {
                Anchor::None
            } else {
                Anchor::Published
            },
            rule: "test".to_owned(),
            modifier: None,
            earliest,
            latest,
            tense,
            needs,
        }
    }

    fn date(s: &str) -> PartialDate {
        PartialDate::parse(s).expect("date")
    }

    const TEXT: &str = "De aanval vond plaats op 28 mei. In juni 2014 begon het.";

    #[test]
    fn a_yearless_day_and_related_articles_give_a_month() {
        let t = [
            timex(
                TEXT,
                "28 mei",
                "XXXX-05-28",
                Needs::Year {
                    month: 5,
                    day: Some(28),
                },
                Tense::Past,
            ),
            timex(TEXT, "juni 2014", "2014-06", Needs::Nothing, Tense::Past),
        ];
        let n = [
            Neighbour {
                id: "a",
                date: date("2017-03"),
                similarity: 0.3,
            },
            Neighbour {
                id: "b",
                date: date("2017-12"),
                similarity: 0.25,
            },
        ];
        let p = infer(TEXT, &t, &n, None, &Params::default());
        assert_eq!(p.value, Some(date("2017-06")));
        assert_eq!(p.source, DateSource::Inferred);
        assert!(p.confidence > 0.5 && p.confidence < 1.0);
        assert!(p.evidence[0].contains("28 mei"), "{:?}", p.evidence);
        assert!(
            p.evidence
                .iter()
                .any(|e| e.contains("related dated articles"))
        );
    }

    #[test]
    fn duplicates_take_the_original_date() {
        let d = Neighbour {
            id: "orig",
            date: date("2017-06-16"),
            similarity: 0.9,
        };
        let p = infer(TEXT, &[], &[], Some(&d), &Params::default());
        assert_eq!(p.value, Some(date("2017-06-16")));
    }

    #[test]
    fn nothing_to_go_on_is_null() {
        let p = infer("Er gebeurde iets.", &[], &[], None, &Params::default());
        assert_eq!(p.value, None);
        assert_eq!(p.source, DateSource::Unknown);
        let t = [timex(
            TEXT,
            "28 mei",
            "XXXX-05-28",
            Needs::Year {
                month: 5,
                day: Some(28),
            },
            Tense::Past,
        )];
        let p = infer(TEXT, &t, &[], None, &Params::default());
        assert_eq!(
            p.value, None,
            "a day without a year and nothing else gives no year"
        );
    }

    #[test]
    fn related_articles_alone_give_a_coarse_date() {
        let n = [Neighbour {
            id: "a",
            date: date("2017-03-02"),
            similarity: 0.3,
        }];
        let p = infer("Geen datums hier.", &[], &n, None, &Params::default());
        assert_eq!(p.value, Some(date("2017-03")));
        let n = [
            Neighbour {
                id: "a",
                date: date("2016-03"),
                similarity: 0.3,
            },
            Neighbour {
                id: "b",
                date: date("2017-12"),
                similarity: 0.3,
            },
        ];
        let p = infer("Geen datums hier.", &[], &n, None, &Params::default());
        assert_eq!(p.value.map(|d| d.granularity()), Some(Granularity::Year));
        assert!(p.confidence < 0.5);
    }

    #[test]
    fn a_past_year_alone_is_a_weak_lower_bound() {
        let t = [timex(
            TEXT,
            "juni 2014",
            "2014-06",
            Needs::Nothing,
            Tense::Past,
        )];
        let p = infer(TEXT, &t, &[], None, &Params::default());
        assert_eq!(p.value, Some(date("2014")));
        assert!(p.confidence <= 0.3);
    }

    #[test]
    fn profiles_compare_by_shared_rare_terms() {
        let a = Profile::new([("bagdadi", 2.0), ("raqqa", 1.0), ("mosul", 1.0)]);
        let b = Profile::new([("bagdadi", 1.0), ("raqqa", 1.0)]);
        let c = Profile::new([("brussel", 1.0), ("antwerpen", 1.0)]);
        let idf = idf(&[&a, &b, &c]);
        assert!(similarity(&a, &b, &idf) > 0.5);
        assert_eq!(similarity(&a, &c, &idf), 0.0);
    }
}
