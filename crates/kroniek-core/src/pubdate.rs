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

use crate::model::{DateSource, Granularity, Language, PartialDate, Published};
use crate::text::TextAnalysis;
use crate::time::{Needs, Tense, Timex, TimexType};
use jiff::ToSpan;
use jiff::civil::Date;
use std::collections::HashMap;

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
    // Each term by a stable hash, sorted: compact for thousands of documents, and ordered, so
    // that sums over the terms come out the same in every run (a hash map's random order
    // changes float sums in the last bits and with them which ties win).
    terms: Vec<(u64, f32)>,
}

impl Profile {
    /// Builds a profile from (term, weight) pairs; repeated terms add up.
    pub fn new<'a>(terms: impl IntoIterator<Item = (&'a str, f32)>) -> Profile {
        let mut hashed: Vec<(u64, f32)> = terms
            .into_iter()
            .map(|(t, w)| (xxhash_rust::xxh3::xxh3_64(t.as_bytes()), w))
            .collect();
        // Stable: a repeated term's weights add up in the order given.
        hashed.sort_by_key(|&(h, _)| h);
        let mut merged: Vec<(u64, f32)> = Vec::with_capacity(hashed.len());
        for (h, w) in hashed {
            match merged.last_mut() {
                Some((last, sum)) if *last == h => *sum += w,
                _ => merged.push((h, w)),
            }
        }
        merged.shrink_to_fit();
        Profile { terms: merged }
    }
}

/// Cosine similarity of two profiles, each term weighted by `idf`.
pub fn similarity(a: &Profile, b: &Profile, idf: &HashMap<u64, f32>) -> f32 {
    let weight = |t: u64, w: f32| w.sqrt() * idf.get(&t).copied().unwrap_or(1.0);
    let norm = |p: &Profile| {
        p.terms
            .iter()
            .map(|&(t, w)| weight(t, w).powi(2))
            .sum::<f32>()
            .sqrt()
    };
    // Both sorted by term: walk them together.
    let (mut i, mut j, mut dot) = (0, 0, 0.0f32);
    while let (Some(&(ta, wa)), Some(&(tb, wb))) = (a.terms.get(i), b.terms.get(j)) {
        match ta.cmp(&tb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += weight(ta, wa) * weight(tb, wb);
                i += 1;
                j += 1;
            }
        }
    }
    let n = norm(a) * norm(b);
    if n == 0.0 { 0.0 } else { dot / n }
}

/// Inverse document frequencies of the profiles' terms.
pub fn idf(profiles: &[&Profile]) -> HashMap<u64, f32> {
    let mut df: HashMap<u64, usize> = HashMap::new();
    for p in profiles {
        for &(t, _) in &p.terms {
            *df.entry(t).or_insert(0) += 1;
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

/// ISO weekday (1 = Monday) of the weekday name in the expression or the two words before it
/// ("maandag 12 juni", "Friday, Jan. 9").
fn weekday_near(text: &str, t: &Timex, lang: Language) -> Option<i8> {
    static NAMES: std::sync::LazyLock<HashMap<(Language, String), i8>> =
        std::sync::LazyLock::new(|| {
            let mut m = HashMap::new();
            for lang in Language::ALL {
                for l in kroniek_lang::list(lang, "time/weekdays.tsv") {
                    let mut f = l.fields();
                    if let (Some(name), Some(n)) = (f.next(), f.next().and_then(|n| n.parse().ok()))
                    {
                        m.insert((lang, name.to_lowercase()), n);
                    }
                }
            }
            m
        });
    let before = text.get(..t.span.start).unwrap_or("");
    let words: Vec<&str> = before.split_whitespace().rev().take(2).collect();
    t.span
        .slice(text)
        .split_whitespace()
        .chain(words)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .find_map(|w| NAMES.get(&(lang, w)).copied())
}

fn evidence_of_lower(text: &str, t: &Timex) -> String {
    format!(
        "{:?} ({}): published on or after it",
        t.span.slice(text),
        t.value
    )
}

/// The article's dateline: a full date standing (nearly) alone in one of its first three
/// sentences ("01-Mar-08", "AMSTERDAM, 16 juni 2017 —").
pub fn dateline<'t>(
    text: &str,
    analysis: &TextAnalysis,
    timexes: &'t [Timex],
) -> Option<&'t Timex> {
    timexes.iter().find(|t| {
        let Some(si) = analysis.sentence_at(t.span.start) else {
            return false;
        };
        let sentence = &analysis.sentences[si];
        let words = analysis.tokens[sentence.tokens.clone()]
            .iter()
            .filter(|w| w.is_wordlike() && !t.span.contains(w.span))
            .count();
        si < 3
            && words <= 3
            && t.needs == Needs::Nothing
            && t.anchor == crate::time::Anchor::None
            && PartialDate::parse(&t.value).is_some_and(|d| d.granularity() == Granularity::Day)
            && t.span.slice(text).chars().any(|c| c.is_ascii_digit())
    })
}

/// Infers a publication date. `text` is the document text the timexes index; `timexes` were
/// extracted with no anchor; `dateline` is the article's dateline, if it has one
/// ([`dateline`]); `duplicate_of` is a dated document this one repeats.
pub fn infer(
    text: &str,
    lang: Language,
    timexes: &[Timex],
    dateline: Option<&Timex>,
    neighbours: &[Neighbour<'_>],
    duplicate_of: Option<&Neighbour<'_>>,
    params: &Params,
) -> Published {
    if let Some(t) = dateline
        && let Some(date) = PartialDate::parse(&t.value)
    {
        return Published {
            value: Some(date),
            source: DateSource::Inferred,
            confidence: 0.9,
            evidence: vec![format!("dateline {:?}", t.span.slice(text))],
        };
    }
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
    let lag = params.lag_days;
    let mut evidence = Vec::new();

    // A lower bound: the latest absolute date named in a clause not about the future. (The
    // latest year an article names is its year only about one time in ten: a bound, not an
    // estimate.)
    let lower: Option<(Date, &Timex)> = timexes
        .iter()
        .filter(|t| {
            t.kind == TimexType::Date
                && t.needs == Needs::Nothing
                && t.anchor == crate::time::Anchor::None
                && t.tense == Tense::Past
        })
        .filter(|t| {
            t.value
                .get(..4)
                .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()))
        })
        .filter_map(|t| t.earliest.map(|d| (d, t)))
        .max_by_key(|(d, _)| *d);
    let lower_date = lower.map(|(d, _)| d);

    // Related dated articles.
    let mut near: Vec<&Neighbour<'_>> = neighbours
        .iter()
        .filter(|n| n.similarity >= params.min_similarity)
        .collect();
    near.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
    near.truncate(params.max_neighbours);
    let centre = weighted_median(&near);
    let span = near
        .iter()
        .map(|n| (days(n.date.earliest()), days(n.date.latest())))
        .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)));
    let related = (!near.is_empty()).then(|| {
        let listed: Vec<String> = near
            .iter()
            .map(|n| format!("{} ({}, similarity {:.2})", n.id, n.date, n.similarity))
            .collect();
        format!("related dated articles: {}", listed.join(", "))
    });

    // Days and months without a year in clauses not about the future.
    let yearless: Vec<(&Timex, i8, Option<i8>)> = timexes
        .iter()
        .filter(|t| t.tense != Tense::Future)
        .filter_map(|t| match t.needs {
            Needs::Year { month, day } => Some((t, month, day)),
            _ => None,
        })
        .collect();
    let said = |month: i8, day: Option<i8>| match day {
        Some(day) => format!("{day} {}", month_name(month)),
        None => month_name(month).to_owned(),
    };
    let outside = |d: Date| {
        let e = days(d) + lag;
        span.map_or(0, |(a, b)| (a - e).max(e - b).max(0))
    };

    // 1. A weekday named with its day fixes the year up to a 28-year cycle; a lower bound or
    // related articles choose among the candidates.
    let pinned = yearless.iter().find_map(|&(t, month, day)| {
        let day = day?;
        let weekday = weekday_near(text, t, lang)?;
        let candidates: Vec<Date> = (1900..=2100)
            .filter_map(|y| Date::new(y, month, day).ok())
            .filter(|d| d.weekday().to_monday_one_offset() == weekday)
            .collect();
        let chosen = match (centre, lower_date) {
            (Some(c), _) => candidates
                .iter()
                .filter(|d| lower_date.is_none_or(|l| **d >= l))
                .min_by_key(|d| (outside(**d), (days(**d) + lag - days(c)).abs()))
                .copied(),
            (None, Some(l)) => candidates.iter().find(|d| **d >= l).copied(),
            (None, None) => None,
        }?;
        Some((chosen, t, weekday))
    });
    if let Some((date, t, _)) = pinned {
        evidence.insert(
            0,
            format!(
                "{:?}: that weekday falls on {} in {}, which fits; published shortly after",
                t.span.slice(text),
                said(date.month(), Some(date.day())),
                date.year()
            ),
        );
        if let Some((_, l)) = lower {
            evidence.push(evidence_of_lower(text, l));
        }
        evidence.extend(related);
        let estimate = date.checked_add(lag.days()).unwrap_or(date);
        return Published {
            value: Some(PartialDate::from_date(estimate).truncate(Granularity::Month)),
            source: DateSource::Inferred,
            confidence: if centre.is_some() { 0.8 } else { 0.6 },
            evidence,
        };
    }

    // 2. Days and months without a year, placed by related articles: in the year that puts the
    // article inside (or nearest) the span of their dates; the latest such day is closest to
    // publication.
    if let Some(reference) = centre {
        let mut best: Option<(Date, &Timex)> = None;
        for &(t, month, day) in &yearless {
            let options = [-1i16, 0, 1].into_iter().filter_map(|dy| {
                let y = reference.year().checked_add(dy)?;
                match day {
                    Some(d) => Date::new(y, month, d).ok(),
                    None => Date::new(y, month, 1).ok()?.checked_add(14.days()).ok(),
                }
            });
            let chosen = options
                .filter(|d| lower_date.is_none_or(|l| *d >= l))
                .min_by_key(|d| (outside(*d), (days(*d) + lag - days(reference)).abs()));
            if let Some(d) = chosen
                && best.is_none_or(|(b, _)| d > b)
            {
                best = Some((d, t));
            }
        }
        if let Some((event, t)) = best {
            let (month, day) = match t.needs {
                Needs::Year { month, day } => (month, day),
                _ => (event.month(), Some(event.day())),
            };
            evidence.push(format!(
                "{:?} in a {} clause: published shortly after {} {}",
                t.span.slice(text),
                if t.tense == Tense::Past {
                    "past-tense"
                } else {
                    "present-tense"
                },
                said(month, day),
                event.year()
            ));
            if let Some((_, l)) = lower {
                evidence.push(evidence_of_lower(text, l));
            }
            evidence.extend(related);
            let estimate = event.checked_add(lag.days()).unwrap_or(event);
            return Published {
                value: Some(PartialDate::from_date(estimate).truncate(Granularity::Month)),
                source: DateSource::Inferred,
                confidence: 0.7,
                evidence,
            };
        }

        // 3. Related articles alone (never before the lower bound).
        let c = lower_date.map_or(reference, |l| reference.max(l));
        let spread = near
            .iter()
            .map(|n| (days(midpoint(n.date)) - days(c)).abs())
            .max()
            .unwrap_or(0);
        let (granularity, confidence) = if spread <= 45 {
            (Granularity::Month, 0.5)
        } else if near.iter().all(|n| n.date.year_value() == c.year()) {
            (Granularity::Year, 0.45)
        } else {
            (Granularity::Year, 0.3)
        };
        if let Some((_, l)) = lower {
            evidence.push(evidence_of_lower(text, l));
        }
        evidence.extend(related);
        return Published {
            value: Some(PartialDate::from_date(c).truncate(granularity)),
            source: DateSource::Inferred,
            confidence,
            evidence,
        };
    }

    // 4. Nothing fixes the year: say what is known, invent nothing.
    if let Some((_, l)) = lower {
        evidence.push(evidence_of_lower(text, l));
    }
    if !yearless.is_empty() {
        let names: Vec<String> = yearless
            .iter()
            .map(|(t, _, _)| format!("{:?}", t.span.slice(text)))
            .collect();
        evidence.push(format!(
            "{} name a day or month but no year, and no related dated article gives one",
            names.join(", ")
        ));
    }
    if evidence.is_empty() {
        evidence.push("no dated expressions and no related dated articles".to_owned());
    }
    Published {
        value: None,
        source: DateSource::Unknown,
        confidence: 0.0,
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
        let p = infer(TEXT, Language::Nl, &t, None, &n, None, &Params::default());
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
        let p = infer(
            TEXT,
            Language::Nl,
            &[],
            None,
            &[],
            Some(&d),
            &Params::default(),
        );
        assert_eq!(p.value, Some(date("2017-06-16")));
    }

    #[test]
    fn nothing_to_go_on_is_null() {
        let p = infer(
            "Er gebeurde iets.",
            Language::Nl,
            &[],
            None,
            &[],
            None,
            &Params::default(),
        );
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
        let p = infer(TEXT, Language::Nl, &t, None, &[], None, &Params::default());
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
        let p = infer(
            "Geen datums hier.",
            Language::Nl,
            &[],
            None,
            &n,
            None,
            &Params::default(),
        );
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
        let p = infer(
            "Geen datums hier.",
            Language::Nl,
            &[],
            None,
            &n,
            None,
            &Params::default(),
        );
        assert_eq!(p.value.map(|d| d.granularity()), Some(Granularity::Year));
        assert!(p.confidence < 0.5);
    }

    #[test]
    fn a_past_year_alone_is_only_a_lower_bound() {
        let t = [timex(
            TEXT,
            "juni 2014",
            "2014-06",
            Needs::Nothing,
            Tense::Past,
        )];
        let p = infer(TEXT, Language::Nl, &t, None, &[], None, &Params::default());
        assert_eq!(p.value, None, "a year is a bound, not an estimate");
        assert!(p.evidence[0].contains("on or after"), "{:?}", p.evidence);
    }

    #[test]
    fn a_weekday_with_its_date_fixes_the_year() {
        let text = "De aanval vond plaats op maandag 12 juni. Het begon in juni 2014.";
        let t = [
            timex(
                text,
                "maandag 12 juni",
                "XXXX-06-12",
                Needs::Year {
                    month: 6,
                    day: Some(12),
                },
                Tense::Past,
            ),
            timex(text, "juni 2014", "2014-06", Needs::Nothing, Tense::Past),
        ];
        let p = infer(text, Language::Nl, &t, None, &[], None, &Params::default());
        // 12 June was a Monday in 2017 (then 2023): the first after the lower bound of 2014.
        assert_eq!(p.value, Some(date("2017-06")));
        assert!(p.evidence[0].contains("2017"), "{:?}", p.evidence);
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
