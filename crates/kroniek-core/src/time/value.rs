//! Calendar values: units, seasons, parts of the day, and resolved points on the calendar with
//! their TIMEX3 value and the interval of days they cover.

use crate::model::Granularity;
use jiff::ToSpan;
use jiff::civil::{Date, ISOWeekDate, Weekday};
use kroniek_lang::{file_in, lines};
use std::sync::LazyLock;

/// A unit of time, as TIMEX3 writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Unit {
    pub(crate) fn parse(code: &str) -> Option<Unit> {
        Some(match code {
            "S" => Unit::Second,
            "MI" => Unit::Minute,
            "H" => Unit::Hour,
            "D" => Unit::Day,
            "W" => Unit::Week,
            "M" => Unit::Month,
            "Q" => Unit::Quarter,
            "Y" => Unit::Year,
            _ => return None,
        })
    }

    /// Index for compact storage.
    pub(crate) fn index(self) -> u8 {
        self as u8
    }

    pub(crate) fn from_index(i: u8) -> Option<Unit> {
        [
            Unit::Second,
            Unit::Minute,
            Unit::Hour,
            Unit::Day,
            Unit::Week,
            Unit::Month,
            Unit::Quarter,
            Unit::Year,
        ]
        .get(usize::from(i))
        .copied()
    }
}

/// A season.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    pub(crate) fn parse(code: &str) -> Option<Season> {
        Some(match code {
            "SP" => Season::Spring,
            "SU" => Season::Summer,
            "FA" => Season::Fall,
            "WI" => Season::Winter,
            _ => return None,
        })
    }

    pub(crate) fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    pub(crate) fn index(self) -> u8 {
        self as u8
    }

    pub(crate) fn from_index(i: u8) -> Option<Season> {
        [Season::Spring, Season::Summer, Season::Fall, Season::Winter]
            .get(usize::from(i))
            .copied()
    }
}

/// A part of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Pod {
    Morning,
    Midday,
    Afternoon,
    Evening,
    Night,
    Daytime,
}

impl Pod {
    pub(crate) fn parse(code: &str) -> Option<Pod> {
        Some(match code {
            "MO" => Pod::Morning,
            "MI" => Pod::Midday,
            "AF" => Pod::Afternoon,
            "EV" => Pod::Evening,
            "NI" => Pod::Night,
            "DT" => Pod::Daytime,
            _ => return None,
        })
    }

    pub(crate) fn code(self) -> &'static str {
        match self {
            Pod::Morning => "MO",
            Pod::Midday => "MI",
            Pod::Afternoon => "AF",
            Pod::Evening => "EV",
            Pod::Night => "NI",
            Pod::Daytime => "DT",
        }
    }

    pub(crate) fn index(self) -> u8 {
        self as u8
    }

    pub(crate) fn from_index(i: u8) -> Option<Pod> {
        [
            Pod::Morning,
            Pod::Midday,
            Pod::Afternoon,
            Pod::Evening,
            Pod::Night,
            Pod::Daytime,
        ]
        .get(usize::from(i))
        .copied()
    }
}

/// Whether a clock time is before or after noon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum AmPm {
    /// Written unambiguously (14:15, 24-hour).
    Exact,
    /// 1..=12 without a part of the day: either.
    Either,
    Am,
    Pm,
    /// At night: before 6 in the morning, else in the evening ("11 uur 's nachts").
    Night,
}

/// What seasons and parts of the day cover, from `lang/common/time/`.
#[derive(Debug)]
pub(crate) struct Calendar {
    /// (first month, first day, last month, last day) per season index.
    seasons: [(i8, i8, i8, i8); 4],
    /// (from hour, to hour, am/pm) per part-of-day index.
    pods: [(i8, i8, AmPm); 6],
}

pub(crate) static CALENDAR: LazyLock<Calendar> = LazyLock::new(Calendar::load);

impl Calendar {
    fn load() -> Calendar {
        let mut seasons = [
            (3, 21, 6, 20),
            (6, 21, 9, 23),
            (9, 24, 12, 20),
            (12, 21, 3, 20),
        ];
        for line in lines(file_in("common", "time/seasons.tsv").unwrap_or("")) {
            let f: Vec<&str> = line.fields().collect();
            let (Some(code), Some(from), Some(to)) = (f.first(), f.get(1), f.get(2)) else {
                continue;
            };
            let md = |s: &str| -> Option<(i8, i8)> {
                let (m, d) = s.split_once('-')?;
                Some((m.parse().ok()?, d.parse().ok()?))
            };
            if let (Some(s), Some((m1, d1)), Some((m2, d2))) =
                (Season::parse(code), md(from), md(to))
            {
                seasons[usize::from(s.index())] = (m1, d1, m2, d2);
            }
        }
        let mut pods = [
            (0, 12, AmPm::Am),
            (12, 13, AmPm::Pm),
            (12, 18, AmPm::Pm),
            (18, 24, AmPm::Pm),
            (18, 24, AmPm::Pm),
            (8, 18, AmPm::Either),
        ];
        for line in lines(file_in("common", "time/parts-of-day.tsv").unwrap_or("")) {
            let f: Vec<&str> = line.fields().collect();
            let (Some(code), Some(from), Some(to)) = (f.first(), f.get(1), f.get(2)) else {
                continue;
            };
            let ampm = match f.get(3).copied() {
                Some("am") => AmPm::Am,
                Some("pm") => AmPm::Pm,
                Some("night") => AmPm::Night,
                _ => AmPm::Either,
            };
            if let (Some(p), Ok(a), Ok(b)) = (Pod::parse(code), from.parse(), to.parse()) {
                pods[usize::from(p.index())] = (a, b, ampm);
            }
        }
        Calendar { seasons, pods }
    }

    /// First and last day of a season that starts in `year`.
    pub(crate) fn season(&self, year: i32, s: Season) -> Option<(Date, Date)> {
        let (m1, d1, m2, d2) = self.seasons[usize::from(s.index())];
        let first = ymd(year, m1, d1)?;
        let end_year = if (m2, d2) < (m1, d1) { year + 1 } else { year };
        Some((first, ymd(end_year, m2, d2)?))
    }

    /// Hours a part of the day covers and whether it is am or pm.
    pub(crate) fn pod(&self, p: Pod) -> (i8, i8, AmPm) {
        self.pods[usize::from(p.index())]
    }
}

/// A date from a year that may be out of range.
pub(crate) fn ymd(year: i32, month: i8, day: i8) -> Option<Date> {
    Date::new(i16::try_from(year).ok()?, month, day).ok()
}

/// `date` moved by `n` days.
pub(crate) fn add_days(date: Date, n: i64) -> Option<Date> {
    date.checked_add(n.days()).ok()
}

/// `date` moved by `n` months, the day clamped to the month's length.
pub(crate) fn add_months(date: Date, n: i64) -> Option<Date> {
    date.checked_add(n.months()).ok()
}

/// ISO weekday, 1 = Monday.
pub(crate) fn weekday(date: Date) -> i8 {
    date.weekday().to_monday_one_offset()
}

/// The Monday of an ISO week.
pub(crate) fn week_monday(year: i32, week: i8) -> Option<Date> {
    let y = i16::try_from(year).ok()?;
    ISOWeekDate::new(y, week, Weekday::Monday)
        .ok()
        .map(|w| w.date())
}

/// The ISO week holding `date`.
pub(crate) fn iso_week(date: Date) -> (i32, i8) {
    let w = date.iso_week_date();
    (i32::from(w.year()), w.week())
}

/// A resolved place on the calendar, at its own granularity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Point {
    /// The hundred years starting at `c * 100` (TIMEX3 writes the 20th century as `19`).
    Century(i32),
    /// The ten years starting at `d * 10`.
    Decade(i32),
    Year(i32),
    Half(i32, i8),
    Quarter(i32, i8),
    Season(i32, Season),
    Month(i32, i8),
    /// ISO week-numbering year and week.
    Week(i32, i8),
    Weekend(i32, i8),
    Day(Date),
    Pod(Date, Pod),
    /// Day, hour, minute, and the zone's offset from UTC in minutes when one is named.
    Clock(Date, i8, i8, Option<i16>),
}

/// How fine a point is, coarsest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Grain {
    Century,
    Decade,
    Year,
    Half,
    Quarter,
    Season,
    Month,
    Week,
    Day,
    Pod,
    Clock,
}

impl Point {
    pub(crate) fn grain(self) -> Grain {
        match self {
            Point::Century(_) => Grain::Century,
            Point::Decade(_) => Grain::Decade,
            Point::Year(_) => Grain::Year,
            Point::Half(..) => Grain::Half,
            Point::Quarter(..) => Grain::Quarter,
            Point::Season(..) => Grain::Season,
            Point::Month(..) => Grain::Month,
            Point::Week(..) | Point::Weekend(..) => Grain::Week,
            Point::Day(_) => Grain::Day,
            Point::Pod(..) => Grain::Pod,
            Point::Clock(..) => Grain::Clock,
        }
    }

    /// The year it lies in (the first year for decades and centuries).
    pub(crate) fn year(self) -> i32 {
        match self {
            Point::Century(c) => c * 100,
            Point::Decade(d) => d * 10,
            Point::Year(y)
            | Point::Half(y, _)
            | Point::Quarter(y, _)
            | Point::Season(y, _)
            | Point::Month(y, _) => y,
            Point::Week(..) | Point::Weekend(..) => i32::from(self.earliest().year()),
            Point::Day(d) | Point::Pod(d, _) | Point::Clock(d, ..) => i32::from(d.year()),
        }
    }

    /// First day it covers.
    pub(crate) fn earliest(self) -> Date {
        self.bounds().0
    }

    /// Last day it covers.
    pub(crate) fn latest(self) -> Date {
        self.bounds().1
    }

    /// First and last day it covers.
    pub(crate) fn bounds(self) -> (Date, Date) {
        let year = |y: i32| (ymd(y, 1, 1), ymd(y, 12, 31));
        let months =
            |y: i32, m1: i8, m2: i8| (ymd(y, m1, 1), ymd(y, m2, 1).map(|d| d.last_of_month()));
        let (a, b) = match self {
            Point::Century(c) => (ymd(c * 100, 1, 1), ymd(c * 100 + 99, 12, 31)),
            Point::Decade(d) => (ymd(d * 10, 1, 1), ymd(d * 10 + 9, 12, 31)),
            Point::Year(y) => year(y),
            Point::Half(y, h) => months(y, (h - 1) * 6 + 1, h * 6),
            Point::Quarter(y, q) => months(y, (q - 1) * 3 + 1, q * 3),
            Point::Season(y, s) => match CALENDAR.season(y, s) {
                Some((a, b)) => (Some(a), Some(b)),
                None => (None, None),
            },
            Point::Month(y, m) => months(y, m, m),
            Point::Week(y, w) => {
                let mon = week_monday(y, w);
                (mon, mon.and_then(|d| add_days(d, 6)))
            }
            Point::Weekend(y, w) => {
                let mon = week_monday(y, w);
                (
                    mon.and_then(|d| add_days(d, 5)),
                    mon.and_then(|d| add_days(d, 6)),
                )
            }
            Point::Day(d) | Point::Pod(d, _) | Point::Clock(d, ..) => (Some(d), Some(d)),
        };
        (a.unwrap_or(Date::MIN), b.unwrap_or(Date::MAX))
    }

    /// The middle day.
    pub(crate) fn midpoint(self) -> Date {
        let (a, b) = self.bounds();
        let span = b.since(a).map(|s| s.get_days()).unwrap_or(0);
        add_days(a, i64::from(span / 2)).unwrap_or(a)
    }

    /// The same place at a granularity no finer than `g`.
    pub(crate) fn coarsen(self, g: Granularity) -> Point {
        let mid = self.midpoint();
        match g {
            Granularity::Year if self.grain() > Grain::Year => Point::Year(i32::from(mid.year())),
            Granularity::Month if self.grain() > Grain::Month => {
                Point::Month(i32::from(mid.year()), mid.month())
            }
            _ => self,
        }
    }

    /// The TIMEX3 value.
    pub(crate) fn value(self) -> String {
        match self {
            Point::Century(c) => format!("{c:02}"),
            Point::Decade(d) => format!("{d:03}X"),
            Point::Year(y) => format!("{y:04}"),
            Point::Half(y, h) => format!("{y:04}-H{h}"),
            Point::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Point::Season(y, s) => format!("{y:04}-{}", s.code()),
            Point::Month(y, m) => format!("{y:04}-{m:02}"),
            Point::Week(y, w) => format!("{y:04}-W{w:02}"),
            Point::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Point::Day(d) => day_value(d),
            Point::Pod(d, p) => format!("{}T{}", day_value(d), p.code()),
            Point::Clock(d, h, m, tz) => format!("{}T{h:02}:{m:02}{}", day_value(d), zone(tz)),
        }
    }

    /// True when it is a time of day.
    pub(crate) fn is_time(self) -> bool {
        matches!(self, Point::Pod(..) | Point::Clock(..))
    }
}

/// A zone as ISO 8601 writes it after a time: `Z`, `+01:00`, or nothing.
pub(crate) fn zone(tz: Option<i16>) -> String {
    match tz {
        None => String::new(),
        Some(0) => "Z".to_owned(),
        Some(m) => {
            let sign = if m < 0 { '-' } else { '+' };
            format!("{sign}{:02}:{:02}", m.abs() / 60, m.abs() % 60)
        }
    }
}

fn day_value(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// A number as TIMEX3 writes it in durations: `5`, `2.5`.
pub(crate) fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e12 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// A TIMEX3 duration: `P5M`, `PT3H`, `PXY`; fractions of hours, minutes, days and weeks in
/// the next unit down (`PT5H30M`), of months and years as decimals (`P2.5Y`).
pub(crate) fn duration(n: Option<f64>, unit: Unit) -> String {
    if let Some(n) = n
        && n.fract() != 0.0
    {
        let whole = n.trunc();
        let part = n.fract();
        let (lower, per) = match unit {
            Unit::Hour => (Some(Unit::Minute), 60.0),
            Unit::Minute => (Some(Unit::Second), 60.0),
            Unit::Day => (Some(Unit::Hour), 24.0),
            Unit::Week => (Some(Unit::Day), 7.0),
            _ => (None, 1.0),
        };
        if let Some(lower) = lower {
            let rest = (part * per).round();
            if whole == 0.0 {
                return duration(Some(rest), lower);
            }
            let head = duration(Some(whole), unit);
            let tail = duration(Some(rest), lower);
            let tail = tail.trim_start_matches('P').trim_start_matches('T');
            let sep = if unit == Unit::Day { "T" } else { "" };
            return format!("{head}{sep}{tail}");
        }
    }
    // ISO 8601 has no quarters in durations: three months each.
    if unit == Unit::Quarter
        && let Some(n) = n
    {
        return duration(Some(n * 3.0), Unit::Month);
    }
    let amount = n.map_or_else(|| "X".to_owned(), number);
    match unit {
        Unit::Second => format!("PT{amount}S"),
        Unit::Minute => format!("PT{amount}M"),
        Unit::Hour => format!("PT{amount}H"),
        Unit::Day => format!("P{amount}D"),
        Unit::Week => format!("P{amount}W"),
        Unit::Month => format!("P{amount}M"),
        Unit::Quarter => format!("P{amount}Q"),
        Unit::Year => format!("P{amount}Y"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_format_and_cover_their_days() {
        let d = jiff::civil::date(2017, 6, 16);
        let cases = [
            (Point::Year(2014), "2014", "2014-01-01", "2014-12-31"),
            (Point::Month(2017, 2), "2017-02", "2017-02-01", "2017-02-28"),
            (
                Point::Quarter(2006, 4),
                "2006-Q4",
                "2006-10-01",
                "2006-12-31",
            ),
            (Point::Half(2014, 1), "2014-H1", "2014-01-01", "2014-06-30"),
            (
                Point::Week(2017, 23),
                "2017-W23",
                "2017-06-05",
                "2017-06-11",
            ),
            (
                Point::Weekend(2017, 23),
                "2017-W23-WE",
                "2017-06-10",
                "2017-06-11",
            ),
            (Point::Decade(199), "199X", "1990-01-01", "1999-12-31"),
            (Point::Century(19), "19", "1900-01-01", "1999-12-31"),
            (Point::Day(d), "2017-06-16", "2017-06-16", "2017-06-16"),
            (
                Point::Pod(d, Pod::Evening),
                "2017-06-16TEV",
                "2017-06-16",
                "2017-06-16",
            ),
            (
                Point::Clock(d, 9, 5, Some(0)),
                "2017-06-16T09:05Z",
                "2017-06-16",
                "2017-06-16",
            ),
            (
                Point::Season(2012, Season::Winter),
                "2012-WI",
                "2012-12-21",
                "2013-03-20",
            ),
        ];
        for (p, v, a, b) in cases {
            assert_eq!(p.value(), v);
            assert_eq!(p.earliest().to_string(), a, "{v}");
            assert_eq!(p.latest().to_string(), b, "{v}");
        }
    }

    #[test]
    fn durations_format() {
        assert_eq!(duration(Some(5.0), Unit::Month), "P5M");
        assert_eq!(duration(Some(2.5), Unit::Year), "P2.5Y");
        assert_eq!(duration(Some(30.0), Unit::Minute), "PT30M");
        assert_eq!(duration(None, Unit::Week), "PXW");
        assert_eq!(duration(Some(5.5), Unit::Hour), "PT5H30M");
        assert_eq!(duration(Some(1.5), Unit::Minute), "PT1M30S");
        assert_eq!(duration(Some(0.5), Unit::Hour), "PT30M");
        assert_eq!(duration(Some(1.5), Unit::Day), "P1DT12H");
    }
}
