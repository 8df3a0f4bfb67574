//! Duckling's Dutch time cases (`duckling_nl/duckling_time_nl.jsonl`): each phrase alone,
//! anchored on Duckling's "now" (Tuesday 2013-02-12 04:30) with a future bias, compared with
//! Duckling's value at its grain.
//!
//! A case counts as exact when what Kroniek finds is exactly the expected value:
//! - a point: one expression whose TIMEX3 value equals Duckling's value written at Duckling's
//!   grain (`2013-02-18`, `2013-W07`, `2013-Q3`, `2013-02-12T15:00`; "now" is `PRESENT_REF`);
//! - an interval: the two ends of a range, or one expression whose interval (a span such as
//!   "de afgelopen twee weken", a season, a part of the day) starts and ends where Duckling's
//!   does; parts of the day cover MO 0-12, AF 12-18, EV and NI 18-24 (`lang/common/time/`), and
//!   a weekend runs from Friday 18:00, as Duckling has it;
//! - an open interval ("vanaf 14u"): the point with a matching mod;
//! - a negative case: nothing.

use crate::{EvalError, read};
use jiff::civil::{Date, DateTime};
use kroniek_core::model::{Document, Language, PartialDate};
use kroniek_core::time::{Reference, TenseBias, TimeConfig, Timex, TimexType, extract_at};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Deserialize)]
struct Case {
    locale: String,
    kind: String,
    #[serde(default)]
    grain: Option<String>,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    open_interval: Option<String>,
    text: String,
}

/// One case's outcome.
#[derive(Debug, Clone, Serialize)]
pub struct CaseResult {
    /// The phrase.
    pub text: String,
    /// Duckling's kind and grain.
    pub kind: String,
    /// What was expected, written as Kroniek would.
    pub expected: String,
    /// What Kroniek found: value (span).
    pub found: Vec<String>,
    /// Whether it is exact.
    pub exact: bool,
}

/// The scores.
#[derive(Debug, Clone, Serialize, Default)]
pub struct DucklingScores {
    /// Cases.
    pub cases: usize,
    /// Exact cases.
    pub exact: usize,
    /// Every case.
    pub results: Vec<CaseResult>,
}

impl DucklingScores {
    /// Share of exact cases, 0..1.
    pub fn accuracy(&self) -> f64 {
        if self.cases == 0 {
            0.0
        } else {
            self.exact as f64 / self.cases as f64
        }
    }
}

/// Duckling's reference time.
pub const NOW: &str = "2013-02-12T04:30";

/// Runs every case of the file.
pub fn evaluate(path: &Path) -> Result<DucklingScores, EvalError> {
    let src = read(path)?;
    let now: DateTime = NOW.parse().map_err(|e| EvalError::Format {
        path: path.to_owned(),
        message: format!("{e}"),
    })?;
    let reference = Reference {
        date: PartialDate::from_date(now.date()),
        time: Some(now.time()),
    };
    let config = TimeConfig {
        tense_bias: TenseBias::Future,
    };
    let mut scores = DucklingScores::default();
    for (n, line) in src.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let case: Case = serde_json::from_str(line).map_err(|e| EvalError::Format {
            path: path.to_owned(),
            message: format!("line {}: {e}", n + 1),
        })?;
        if !case.locale.starts_with("nl") {
            continue;
        }
        let mut doc = Document::plain(format!("case{n}"), case.text.clone());
        doc.declared_language = Some(Language::Nl);
        let analysis = kroniek_core::text::analyze(&doc, Language::Nl);
        let found = extract_at(&doc, &analysis, Some(reference), &config);
        let (expected, exact) = judge(&case, &found, now);
        scores.cases += 1;
        if exact {
            scores.exact += 1;
        }
        scores.results.push(CaseResult {
            text: case.text.clone(),
            kind: format!("{} {}", case.kind, case.grain.clone().unwrap_or_default()),
            expected,
            found: found
                .iter()
                .map(|t| {
                    format!(
                        "{}{} ({:?}, {})",
                        t.value,
                        t.modifier.map(|m| format!(" {m}")).unwrap_or_default(),
                        t.span.slice(&case.text),
                        t.rule
                    )
                })
                .collect(),
            exact,
        });
    }
    Ok(scores)
}

/// Duckling's test clock runs at UTC-2: a time given in a named zone, on that clock.
fn local(value: &str) -> Option<String> {
    let (head, offset) = if let Some(h) = value.strip_suffix('Z') {
        (h, 0)
    } else {
        let (h, z) = value.split_at(value.len().checked_sub(6)?);
        let sign = match z.as_bytes().first()? {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let (hh, mm) = z[1..].split_once(':')?;
        (
            h,
            sign * (hh.parse::<i64>().ok()? * 60 + mm.parse::<i64>().ok()?),
        )
    };
    let dt: DateTime = head.parse().ok()?;
    let local = dt
        .checked_add(jiff::Span::new().minutes(-offset - 120))
        .ok()?;
    Some(format!(
        "{}T{:02}:{:02}",
        local.date(),
        local.hour(),
        local.minute()
    ))
}

fn parse_value(v: &str) -> Option<DateTime> {
    // Duckling writes months and years with zero days: 2013-03-00T00:00:00.
    let fixed = v
        .replacen("-00-00T", "-01-01T", 1)
        .replacen("-00T", "-01T", 1);
    fixed.parse().ok()
}

/// Duckling's value as TIMEX3 at its grain.
fn timex_value(dt: DateTime, grain: &str) -> String {
    let d = dt.date();
    match grain {
        "Year" => format!("{:04}", d.year()),
        "Quarter" => format!("{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
        "Month" => format!("{:04}-{:02}", d.year(), d.month()),
        "Week" => {
            let w = d.iso_week_date();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        "Day" => d.to_string(),
        "Hour" | "Minute" => format!("{}T{:02}:{:02}", d, dt.hour(), dt.minute()),
        _ => {
            if dt.second() == 0 {
                format!("{}T{:02}:{:02}", d, dt.hour(), dt.minute())
            } else {
                format!(
                    "{}T{:02}:{:02}:{:02}",
                    d,
                    dt.hour(),
                    dt.minute(),
                    dt.second()
                )
            }
        }
    }
}

/// The interval a found expression covers, as date-times [start, end).
fn interval_of(t: &Timex) -> Option<(DateTime, DateTime)> {
    let v = &t.value;
    if t.kind == TimexType::Time
        && let Some((day, rest)) = v.split_once('T')
    {
        let d: Date = day.parse().ok()?;
        let (from, to) = match rest {
            "MO" => (0, 12),
            "AF" => (12, 18),
            "EV" | "NI" => (18, 24),
            _ => {
                let dt: DateTime = format!("{day}T{rest}").parse().ok()?;
                return Some((dt, dt));
            }
        };
        let start = d.at(from, 0, 0, 0);
        let end = if to == 24 {
            d.tomorrow().ok()?.at(0, 0, 0, 0)
        } else {
            d.at(to, 0, 0, 0)
        };
        return Some((start, end));
    }
    let (a, b) = (t.earliest?, t.latest?);
    if v.ends_with("-WE") {
        // Duckling's weekend starts on Friday evening.
        return Some((
            a.yesterday().ok()?.at(18, 0, 0, 0),
            b.tomorrow().ok()?.at(0, 0, 0, 0),
        ));
    }
    Some((a.at(0, 0, 0, 0), b.tomorrow().ok()?.at(0, 0, 0, 0)))
}

fn judge(case: &Case, found: &[Timex], now: DateTime) -> (String, bool) {
    let grain = case.grain.as_deref().unwrap_or("");
    match case.kind.as_str() {
        "negative" => ("nothing".to_owned(), found.is_empty()),
        "datetime" | "datetimeHoliday" => {
            let Some(dt) = case.values.first().and_then(|v| parse_value(v)) else {
                return ("?".to_owned(), false);
            };
            let want = timex_value(dt, grain);
            let ok = match found {
                [t] => {
                    t.value == want
                        || local(&t.value).is_some_and(|v| v == want)
                        || (dt == now && t.value == "PRESENT_REF")
                }
                _ => false,
            };
            (want, ok)
        }
        "datetimeOpenInterval" => {
            let Some(dt) = case.values.first().and_then(|v| parse_value(v)) else {
                return ("?".to_owned(), false);
            };
            let want = timex_value(dt, grain);
            let mods: &[&str] = match case.open_interval.as_deref() {
                Some("Before") => &["BEFORE", "ON_OR_BEFORE"],
                _ => &["AFTER", "ON_OR_AFTER"],
            };
            let ok = match found {
                [t] => t.value == want && t.modifier.is_some_and(|m| mods.contains(&m)),
                _ => false,
            };
            (format!("{want} {}", mods[0]), ok)
        }
        "datetimeInterval" => {
            let (Some(a), Some(b)) = (
                case.values.first().and_then(|v| parse_value(v)),
                case.values.get(1).and_then(|v| parse_value(v)),
            ) else {
                return ("?".to_owned(), false);
            };
            let want = format!("[{a}, {b})");
            let got = match found {
                [t] => interval_of(t),
                [x, y] => match (interval_of(x), interval_of(y)) {
                    (Some((s, _)), Some((_, e))) => Some((s, e)),
                    _ => None,
                },
                _ => None,
            };
            let ok = got.is_some_and(|(s, e)| {
                // A range of times ends at the second time, Duckling one grain later.
                let fine = matches!(grain, "Minute" | "Second");
                let end_ok = if fine && e == s {
                    false
                } else if fine {
                    let step = if grain == "Minute" {
                        jiff::Span::new().minutes(1)
                    } else {
                        jiff::Span::new().seconds(1)
                    };
                    e.checked_add(step).is_ok_and(|x| x == b) || e == b
                } else {
                    e == b
                };
                s == a && end_ok
            });
            (want, ok)
        }
        _ => ("?".to_owned(), false),
    }
}
