//! The shared vocabulary of every stage: spans, dates, documents.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;

pub use kroniek_lang::Language;

/// A byte range into a document's text. Offsets always index [`Document::text`], header included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// As a `Range` for slicing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// True when `other` lies inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The text the span covers; empty if the span does not fit `text` on char boundaries.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or("")
    }
}

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// Only the year.
    Year,
    /// Year and month.
    Month,
    /// A calendar day.
    Day,
}

/// A calendar date known to some granularity. `2017-06` is the whole of June 2017: an interval,
/// never silently its first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    year: i16,
    month: Option<i8>,
    day: Option<i8>,
}

impl PartialDate {
    /// A year.
    pub fn year(year: i16) -> Option<PartialDate> {
        (1..=9999).contains(&year).then_some(PartialDate {
            year,
            month: None,
            day: None,
        })
    }

    /// A month of a year.
    pub fn month(year: i16, month: i8) -> Option<PartialDate> {
        (PartialDate::year(year).is_some() && (1..=12).contains(&month)).then_some(PartialDate {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A day; `None` when it does not exist (31 June).
    pub fn day(year: i16, month: i8, day: i8) -> Option<PartialDate> {
        PartialDate::month(year, month)?;
        Date::new(year, month, day).ok()?;
        Some(PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// The day `date`.
    pub fn from_date(date: Date) -> PartialDate {
        PartialDate {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    /// The year part.
    pub fn year_value(self) -> i16 {
        self.year
    }

    /// The month part, if known.
    pub fn month_value(self) -> Option<i8> {
        self.month
    }

    /// The day part, if known.
    pub fn day_value(self) -> Option<i8> {
        self.day
    }

    /// How precisely the date is known.
    pub fn granularity(self) -> Granularity {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Granularity::Day,
            (Some(_), None) => Granularity::Month,
            _ => Granularity::Year,
        }
    }

    /// The first day of the interval.
    pub fn earliest(self) -> Date {
        Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1)).unwrap_or(Date::MIN)
    }

    /// The last day of the interval.
    pub fn latest(self) -> Date {
        match (self.month, self.day) {
            (Some(m), Some(d)) => Date::new(self.year, m, d).unwrap_or(Date::MAX),
            (Some(m), None) => Date::new(self.year, m, 1)
                .map(|d| d.last_of_month())
                .unwrap_or(Date::MAX),
            _ => Date::new(self.year, 12, 31).unwrap_or(Date::MAX),
        }
    }

    /// The same date at a coarser granularity (never finer).
    pub fn truncate(self, to: Granularity) -> PartialDate {
        match to {
            Granularity::Year => PartialDate {
                month: None,
                day: None,
                ..self
            },
            Granularity::Month => PartialDate { day: None, ..self },
            Granularity::Day => self,
        }
    }

    /// True when `date` falls inside the interval.
    pub fn contains(self, date: Date) -> bool {
        self.earliest() <= date && date <= self.latest()
    }

    /// Parses a date as people and feeds write it: `2017`, `2017-06`, `2017-06-16`, an ISO 8601
    /// timestamp (`2017-06-16T10:00:00+02:00`, the date as written is kept), `2017/06/16`,
    /// `16-06-2017`, `16/06/2017`, `16.06.2017` and `20170616`.
    pub fn parse(input: &str) -> Option<PartialDate> {
        let s = input.trim();
        // ISO timestamp: keep the calendar date as written.
        let s = match s.find(['T', ' ']) {
            Some(i) if i >= 8 && s[..i].bytes().all(|b| b.is_ascii_digit() || b == b'-') => &s[..i],
            _ => s,
        };
        let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
        let num = |p: &str| -> Option<i32> {
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let narrow = |v: i32| i16::try_from(v).ok();
        let small = |v: i32| i8::try_from(v).ok();
        match parts.as_slice() {
            [y] if y.len() == 4 => PartialDate::year(narrow(num(y)?)?),
            [y] if y.len() == 8 && y.bytes().all(|b| b.is_ascii_digit()) => PartialDate::day(
                narrow(num(&y[..4])?)?,
                small(num(&y[4..6])?)?,
                small(num(&y[6..])?)?,
            ),
            [y, m] if y.len() == 4 && m.len() <= 2 => {
                PartialDate::month(narrow(num(y)?)?, small(num(m)?)?)
            }
            [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
                PartialDate::day(narrow(num(y)?)?, small(num(m)?)?, small(num(d)?)?)
            }
            [d, m, y] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
                PartialDate::day(narrow(num(y)?)?, small(num(m)?)?, small(num(d)?)?)
            }
            _ => None,
        }
    }
}

impl fmt::Display for PartialDate {
    /// The TIMEX3 value: `2017`, `2017-06` or `2017-06-16`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PartialDate::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s:?}")))
    }
}

/// Where a document's publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// A header line in a plain-text file.
    Header,
    /// Metadata: a JSON Lines field or an HTML meta tag, `<time>` or JSON-LD.
    Metadata,
    /// Given on the command line (`--published ID=DATE`) or by an API client.
    Given,
    /// Inferred from the article's content and the collection.
    Inferred,
    /// Not known.
    Unknown,
}

/// A document's publication date, with where it came from and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Published {
    /// The date at its true granularity; `None` when unknown.
    pub value: Option<PartialDate>,
    /// Where the value came from.
    pub source: DateSource,
    /// 1.0 for stated dates; below 1 for inferred ones.
    pub confidence: f32,
    /// Why: the header line, the metadata field, or the expressions an inference rests on.
    pub evidence: Vec<String>,
}

impl Published {
    /// No date.
    pub fn unknown() -> Published {
        Published {
            value: None,
            source: DateSource::Unknown,
            confidence: 0.0,
            evidence: vec![],
        }
    }

    /// A stated date with full confidence.
    pub fn stated(value: PartialDate, source: DateSource, evidence: String) -> Published {
        Published {
            value: Some(value),
            source,
            confidence: 1.0,
            evidence: vec![evidence],
        }
    }
}

/// The input format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text, optionally with a date header.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// An HTML page.
    Html,
}

impl Format {
    /// The lowercase name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
        }
    }
}

/// An article as read, before analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The file name without extension, or the JSON Lines record's id. Unique in a collection.
    pub id: String,
    /// The path it was read from, as given (absent for stdin or API input).
    pub path: Option<String>,
    /// The format it was read as.
    pub format: Format,
    /// The decoded UTF-8 text. Every offset in Kroniek indexes this string. For plain text it is
    /// the file as read (BOM removed); for HTML it is the extracted title and body.
    pub text: String,
    /// The part of `text` that is article text (after a date header).
    pub body: Span,
    /// The headline, if the input gave one.
    pub title: Option<String>,
    /// Where the article was published online.
    pub url: Option<String>,
    /// The outlet (newspaper, site).
    pub outlet: Option<String>,
    /// The language the input declared (JSON `language`, HTML `lang`), if any.
    pub declared_language: Option<Language>,
    /// The publication date as stated by the input (header, metadata) or given; inference comes
    /// later, at the collection level.
    pub published: Published,
    /// The character encoding the bytes were decoded from.
    pub encoding: String,
}

impl Document {
    /// A plain document with the whole text as body and no date; for tests and API input.
    pub fn plain(id: impl Into<String>, text: impl Into<String>) -> Document {
        let text = text.into();
        Document {
            id: id.into(),
            path: None,
            format: Format::Text,
            body: Span::new(0, text.len()),
            text,
            title: None,
            url: None,
            outlet: None,
            declared_language: None,
            published: Published::unknown(),
            encoding: "UTF-8".to_owned(),
        }
    }

    /// The body text.
    pub fn body_text(&self) -> &str {
        self.body.slice(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_at_their_granularity() {
        let cases = [
            ("2017", "2017"),
            ("2017-06", "2017-06"),
            ("2017-06-16", "2017-06-16"),
            ("2017-06-16T10:00:00+02:00", "2017-06-16"),
            ("2017/6/1", "2017-06-01"),
            ("16-06-2017", "2017-06-16"),
            ("16.06.2017", "2017-06-16"),
            ("20170616", "2017-06-16"),
            (" 2017-06 ", "2017-06"),
        ];
        for (input, want) in cases {
            let got = PartialDate::parse(input).map(|d| d.to_string());
            assert_eq!(got.as_deref(), Some(want), "{input}");
        }
        for bad in [
            "",
            "2017-13",
            "2017-02-30",
            "17-06",
            "juni",
            "2017-06-16-01",
            "99999",
        ] {
            assert_eq!(PartialDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_month_is_an_interval() {
        let june = PartialDate::parse("2017-06").expect("valid");
        assert_eq!(june.earliest().to_string(), "2017-06-01");
        assert_eq!(june.latest().to_string(), "2017-06-30");
        assert_eq!(june.granularity(), Granularity::Month);
        let year = PartialDate::year(2016).expect("valid");
        assert_eq!(year.latest().to_string(), "2016-12-31");
        assert!(year.contains(jiff::civil::date(2016, 2, 29)));
    }

    #[test]
    fn spans_slice_safely() {
        let text = "Syrië";
        assert_eq!(Span::new(0, 6).slice(text), "Syrië");
        assert_eq!(Span::new(0, 4).slice(text), "Syri");
        assert_eq!(Span::new(0, 5).slice(text), "", "inside a character");
        assert_eq!(Span::new(0, 5).slice("ab"), "");
    }
}
