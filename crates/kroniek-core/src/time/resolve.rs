//! Anchoring: from what an expression means ([`Sem`]) to a TIMEX3 value, given the publication
//! date (a day, a month or a year), the previous expression, and the direction tense gives.
//!
//! A relative value is only as specific as its anchor: with a month-granular publication date,
//! "tien dagen geleden" is computed from the first, middle and last day of that month; when
//! these disagree the value is the middle one's month, and `earliest`/`latest` span every day
//! it could be.

use super::grammar::Grammar;
use super::sem::{Dir, Fine, NthOf, RefKind, Sem};
use super::value::{
    AmPm, Grain, Point, add_days, add_months, duration, iso_week, week_monday, weekday, ymd,
};
use super::{Anchor, Needs, TimexType};
use crate::model::Granularity;
use jiff::civil::{Date, Time};

/// What a relative value is computed from: an interval of days at some granularity, and maybe a
/// time of day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Frame {
    pub e: Date,
    pub l: Date,
    pub grain: Granularity,
    pub time: Option<Time>,
}

impl Frame {
    fn at(self, d: Date) -> Frame {
        Frame {
            e: d,
            l: d,
            grain: Granularity::Day,
            time: if d == self.e { self.time } else { None },
        }
    }

    fn mid(self) -> Date {
        let span = self.l.since(self.e).map(|s| s.get_days()).unwrap_or(0);
        add_days(self.e, i64::from(span / 2)).unwrap_or(self.e)
    }

    /// The frame a resolved point gives the expressions after it.
    pub(crate) fn of_point(p: Point) -> Frame {
        let (e, l) = p.bounds();
        let grain = match p.grain() {
            Grain::Day | Grain::Pod | Grain::Clock => Granularity::Day,
            Grain::Month | Grain::Week => Granularity::Month,
            _ => Granularity::Year,
        };
        Frame {
            e,
            l,
            grain,
            time: None,
        }
    }
}

/// A resolved expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resolved {
    pub value: String,
    pub kind: TimexType,
    pub earliest: Option<Date>,
    pub latest: Option<Date>,
    pub needs: Needs,
    pub anchor: Anchor,
    /// The point, when the value is one (for anchoring the next expression).
    pub point: Option<Point>,
}

/// Resolves `sem`.
pub(crate) fn resolve(
    sem: &Sem,
    dir: Dir,
    published: Option<Frame>,
    previous: Option<Point>,
    g: &Grammar,
) -> Resolved {
    let needs = needs(sem, g);
    let kind = kind(sem);
    let plain = |value: String, anchor: Anchor| Resolved {
        value,
        kind,
        earliest: None,
        latest: None,
        needs,
        anchor,
        point: None,
    };
    match sem {
        Sem::Dur { n, unit } => return plain(duration(*n, *unit), Anchor::None),
        Sem::Set { n, unit } => return plain(duration(Some(*n), *unit), Anchor::None),
        Sem::SetFine(f, pod) => {
            let mut v = unanchored_fine(*f, g);
            if let Some(p) = pod {
                v.push('T');
                v.push_str(p.code());
            }
            return plain(v, Anchor::None);
        }
        Sem::Ref(r) => {
            let v = match r {
                RefKind::Past => "PAST_REF",
                RefKind::Present => "PRESENT_REF",
                RefKind::Future => "FUTURE_REF",
            };
            let mut out = plain(v.to_owned(), Anchor::Published);
            if let (RefKind::Present, Some(f)) = (r, published) {
                out.earliest = Some(f.e);
                out.latest = Some(f.l);
            }
            return out;
        }
        Sem::Span { n, unit, past } => {
            let mut out = plain(duration(*n, *unit), Anchor::None);
            if let (Some(f), Some(n)) = (published, n) {
                out.anchor = Anchor::Published;
                let a = span_bounds(f.at(f.e), *n, *unit, *past);
                let b = span_bounds(f.at(f.l), *n, *unit, *past);
                out.earliest = a.map(|x| x.0);
                out.latest = b.map(|x| x.1);
            }
            return out;
        }
        _ => {}
    }
    // "the 1988 period": the quarter just named, in 1988.
    if let Sem::YearPeriod(y) = sem {
        let p = match previous {
            Some(Point::Quarter(_, q)) => Point::Quarter(*y, q),
            Some(Point::Half(_, h)) => Point::Half(*y, h),
            _ => Point::Year(*y),
        };
        return Resolved {
            value: p.value(),
            kind,
            earliest: Some(p.earliest()),
            latest: Some(p.latest()),
            needs: Needs::Nothing,
            anchor: if p.grain() == Grain::Year {
                Anchor::None
            } else {
                Anchor::Previous
            },
            point: Some(p),
        };
    }
    // A bare time of day ("at 10 p.m.") belongs to the day just named, if one was.
    if let Sem::Fine(Fine::Clock { .. } | Fine::Pod(_)) = sem
        && let Some(day @ (Point::Day(_) | Point::Pod(..) | Point::Clock(..))) = previous
        && published.is_none_or(|f| f.time.is_none())
        && let Some(fine) = sem.finest()
        && let Some(p) = fine_within(fine, day, Frame::of_point(day), g)
    {
        return Resolved {
            value: p.value(),
            kind: TimexType::Time,
            earliest: Some(p.earliest()),
            latest: Some(p.latest()),
            needs: Needs::Nothing,
            anchor: Anchor::Previous,
            point: Some(p),
        };
    }
    // A comparison with a reporting period ("a year ago" after "the third quarter") is that
    // period moved.
    let is_period = |p: &Point| matches!(p, Point::Quarter(..) | Point::Half(..));
    let compares_period =
        matches!(sem, Sem::Shift { same: true, .. }) && previous.as_ref().is_some_and(is_period);
    // Relative to the previous expression: that point moved, no finer than the unit ("the
    // following year" after a date is a year); with no previous expression, the publication
    // date stands in.
    if let Sem::Shift { unit, n, prev, .. } = sem
        && (*prev || compares_period)
    {
        let moved = previous.and_then(|p| shift_point(p, *unit, *n)).map(|p| {
            if compares_period {
                p
            } else {
                no_finer_than(p, *unit)
            }
        });
        if let Some(p) = moved {
            return Resolved {
                value: p.value(),
                kind: if p.is_time() { TimexType::Time } else { kind },
                earliest: Some(p.earliest()),
                latest: Some(p.latest()),
                needs,
                anchor: Anchor::Previous,
                point: Some(p),
            };
        }
        if previous.is_none() && published.is_some() {
            let own = Sem::Shift {
                unit: *unit,
                n: *n,
                prev: false,
                same: false,
            };
            let mut r = resolve(&own, dir, published, None, g);
            r.needs = Needs::Nothing;
            return r;
        }
    }
    let (frame, anchor) = match needs_anchor(sem) {
        Anchor::None => (None, Anchor::None),
        Anchor::Published => (published, Anchor::Published),
        Anchor::Previous => (previous.map(Frame::of_point), Anchor::Previous),
    };
    let evaluated = match (anchor, frame) {
        (Anchor::None, _) => {
            let dummy = Frame {
                e: Date::MIN,
                l: Date::MIN,
                grain: Granularity::Day,
                time: None,
            };
            eval(sem, dummy, dir, g).map(|p| (p, p.earliest(), p.latest()))
        }
        (_, Some(f)) => evaluate_in(sem, f, dir, g),
        (_, None) => None,
    };
    match evaluated {
        Some((p, earliest, latest)) => Resolved {
            value: p.value(),
            kind: if p.is_time() { TimexType::Time } else { kind },
            earliest: Some(earliest),
            latest: Some(latest),
            needs,
            anchor,
            point: Some(p),
        },
        None => plain(unanchored(sem, g), anchor),
    }
}

/// Evaluates against an interval anchor: once over the interval for names ("28 mei"), at its
/// first, middle and last day for offsets ("tien dagen geleden").
fn evaluate_in(sem: &Sem, f: Frame, dir: Dir, g: &Grammar) -> Option<(Point, Date, Date)> {
    if f.e == f.l || !is_offset(sem) {
        let p = eval(sem, f, dir, g)?;
        return Some((p, p.earliest(), p.latest()));
    }
    let pe = eval(sem, f.at(f.e), dir, g);
    let pm = eval(sem, f.at(f.mid()), dir, g)?;
    let pl = eval(sem, f.at(f.l), dir, g);
    let earliest = [pe, Some(pm), pl]
        .iter()
        .flatten()
        .map(|p| p.earliest())
        .min()?;
    let latest = [pe, Some(pm), pl]
        .iter()
        .flatten()
        .map(|p| p.latest())
        .max()?;
    let value = if pe == Some(pm) && pl == Some(pm) {
        pm
    } else {
        pm.coarsen(f.grain)
    };
    Some((value, earliest, latest))
}

/// Whether a value moves with the anchor day (offsets, weekdays, parts of today) rather than
/// naming a calendar place (months, dates).
fn is_offset(sem: &Sem) -> bool {
    match sem {
        Sem::This { .. } | Sem::Shift { .. } => true,
        Sem::Fine(f) => matches!(
            f,
            Fine::Weekday(_) | Fine::Pod(_) | Fine::Clock { .. } | Fine::Weekend
        ),
        Sem::Within { coarse, .. } => is_offset(coarse),
        Sem::NthIn { inside, .. } => is_offset(inside),
        Sem::NthAfter { base, .. } | Sem::ShiftFrom { base, .. } => is_offset(base),
        _ => false,
    }
}

/// What the value is anchored on.
fn needs_anchor(sem: &Sem) -> Anchor {
    match sem {
        Sem::Point(_)
        | Sem::Dur { .. }
        | Sem::Set { .. }
        | Sem::SetFine(..)
        | Sem::YearPeriod(_) => Anchor::None,
        Sem::Fine(_) | Sem::This { .. } | Sem::Ref(_) | Sem::Span { .. } => Anchor::Published,
        Sem::Shift { prev, .. } => {
            if *prev {
                Anchor::Previous
            } else {
                Anchor::Published
            }
        }
        Sem::Within { coarse, .. } => needs_anchor(coarse),
        Sem::NthIn { inside, .. } => needs_anchor(inside),
        Sem::NthAfter { base, .. } | Sem::ShiftFrom { base, .. } => needs_anchor(base),
    }
}

/// What the anchor supplies.
fn needs(sem: &Sem, g: &Grammar) -> Needs {
    match sem {
        Sem::Point(_)
        | Sem::Dur { .. }
        | Sem::Set { .. }
        | Sem::SetFine(..)
        | Sem::Ref(_)
        | Sem::YearPeriod(_)
        | Sem::Span { .. } => Needs::Nothing,
        Sem::Fine(f) => match f {
            Fine::Month(m) => Needs::Year {
                month: *m,
                day: None,
            },
            Fine::DayMonth(m, d) => Needs::Year {
                month: *m,
                day: Some(*d),
            },
            Fine::Holiday(h) => match g.holidays.get(usize::from(*h)).and_then(|r| r.fixed()) {
                Some((m, d)) => Needs::Year {
                    month: m,
                    day: Some(d),
                },
                None => Needs::Offset,
            },
            Fine::Weekday(_) => Needs::Weekday,
            _ => Needs::Offset,
        },
        Sem::This { .. } => Needs::Offset,
        Sem::Shift { prev, .. } => {
            if *prev {
                Needs::Nothing
            } else {
                Needs::Offset
            }
        }
        Sem::Within { coarse, .. } => needs(coarse, g),
        Sem::NthIn { inside, .. } => needs(inside, g),
        Sem::NthAfter { base, .. } | Sem::ShiftFrom { base, .. } => needs(base, g),
    }
}

fn kind(sem: &Sem) -> TimexType {
    match sem {
        Sem::Dur { .. } | Sem::Span { .. } => TimexType::Duration,
        Sem::Set { .. } | Sem::SetFine(..) => TimexType::Set,
        _ => match sem.finest() {
            Some(Fine::Clock { .. } | Fine::Pod(_)) => TimexType::Time,
            _ => TimexType::Date,
        },
    }
}

/// The value with X for what the anchor would supply.
fn unanchored(sem: &Sem, g: &Grammar) -> String {
    use super::value::Unit;
    match sem {
        Sem::Point(p) => p.value(),
        Sem::Fine(f) | Sem::Within { fine: f, .. } => unanchored_fine(*f, g),
        Sem::This { unit, .. } => match unit {
            Unit::Year => "XXXX".to_owned(),
            Unit::Quarter => "XXXX-QX".to_owned(),
            Unit::Month => "XXXX-XX".to_owned(),
            Unit::Week => "XXXX-WXX".to_owned(),
            _ => "XXXX-XX-XX".to_owned(),
        },
        Sem::Shift { unit, .. } | Sem::ShiftFrom { unit, .. } => match unit {
            Unit::Year => "XXXX".to_owned(),
            Unit::Quarter => "XXXX-QX".to_owned(),
            Unit::Month => "XXXX-XX".to_owned(),
            _ => "XXXX-XX-XX".to_owned(),
        },
        Sem::NthIn {
            of: NthOf::Week, ..
        } => "XXXX-WXX".to_owned(),
        _ => "XXXX-XX-XX".to_owned(),
    }
}

fn unanchored_fine(f: Fine, g: &Grammar) -> String {
    match f {
        Fine::Month(m) => format!("XXXX-{m:02}"),
        Fine::DayMonth(m, d) => format!("XXXX-{m:02}-{d:02}"),
        Fine::Dom(d) => format!("XXXX-XX-{d:02}"),
        Fine::Weekday(wd) => format!("XXXX-WXX-{wd}"),
        Fine::Season(s) => format!("XXXX-{}", s.code()),
        Fine::Holiday(h) => match g.holidays.get(usize::from(h)).and_then(|r| r.fixed()) {
            Some((m, d)) => format!("XXXX-{m:02}-{d:02}"),
            None => "XXXX-XX-XX".to_owned(),
        },
        Fine::Pod(p) => format!("XXXX-XX-XXT{}", p.code()),
        Fine::Clock { h, m, ampm, tz } => {
            let h = hour_of(h, ampm);
            format!("XXXX-XX-XXT{h:02}:{m:02}{}", super::value::zone(tz))
        }
        Fine::Quarter(q) => format!("XXXX-Q{q}"),
        Fine::Half(h) => format!("XXXX-H{h}"),
        Fine::Weekend => "XXXX-WXX-WE".to_owned(),
    }
}

/// The days `n` units just before (or after) the anchor's unit: "de afgelopen twee weken".
fn span_bounds(f: Frame, n: f64, unit: super::value::Unit, past: bool) -> Option<(Date, Date)> {
    use super::value::Unit;
    let n = n.round() as i64;
    let a = f.e;
    match unit {
        Unit::Day => {
            if past {
                Some((add_days(a, -n)?, add_days(a, -1)?))
            } else {
                Some((add_days(a, 1)?, add_days(a, n)?))
            }
        }
        Unit::Week => {
            let mon = add_days(a, -i64::from(weekday(a) - 1))?;
            if past {
                Some((add_days(mon, -7 * n)?, add_days(mon, -1)?))
            } else {
                Some((add_days(mon, 7)?, add_days(mon, 7 * n + 6)?))
            }
        }
        Unit::Month | Unit::Quarter | Unit::Year => {
            let months = match unit {
                Unit::Month => n,
                Unit::Quarter => 3 * n,
                _ => 12 * n,
            };
            let first = match unit {
                Unit::Year => a.first_of_year(),
                _ => a.first_of_month(),
            };
            if past {
                Some((add_months(first, -months)?, add_days(first, -1)?))
            } else {
                let next = match unit {
                    Unit::Year => add_months(first, 12)?,
                    _ => add_months(first, 1)?,
                };
                Some((next, add_days(add_months(next, months)?, -1)?))
            }
        }
        _ => Some((a, a)),
    }
}

/// The point `sem` names, given an anchor frame and a direction.
pub(crate) fn eval(sem: &Sem, f: Frame, dir: Dir, g: &Grammar) -> Option<Point> {
    use super::value::Unit;
    match sem {
        Sem::Point(p) => Some(*p),
        Sem::Fine(fine) => fine_alone(*fine, f, dir, g),
        Sem::This { unit, n } => {
            let a = f.e;
            let n = i64::from(*n);
            Some(match unit {
                Unit::Year => Point::Year(i32::from(a.year()) + n as i32),
                Unit::Quarter => {
                    let d = add_months(a, 3 * n)?;
                    Point::Quarter(i32::from(d.year()), (d.month() - 1) / 3 + 1)
                }
                Unit::Month => {
                    let d = add_months(a.first_of_month(), n)?;
                    Point::Month(i32::from(d.year()), d.month())
                }
                Unit::Week => {
                    let (y, w) = iso_week(add_days(a, 7 * n)?);
                    Point::Week(y, w)
                }
                _ => Point::Day(add_days(a, n)?),
            })
        }
        Sem::Shift { unit, n, .. } => shift_day(f, *unit, *n),
        Sem::Within {
            fine: Fine::Weekday(wd),
            coarse,
        } if matches!(coarse.as_ref(), Sem::Fine(Fine::DayMonth(..))) => {
            // "zondag 10 februari": the year in which that day is a Sunday, if one is near.
            let Sem::Fine(Fine::DayMonth(m, d)) = coarse.as_ref() else {
                return None;
            };
            let (ye, yl) = (i32::from(f.e.year()), i32::from(f.l.year()));
            let fitting: Vec<Point> = ((ye - 1)..=(yl + 1))
                .filter_map(|y| ymd(y, *m, *d))
                .filter(|day| weekday(*day) == *wd)
                .map(Point::Day)
                .collect();
            match fitting.as_slice() {
                [] => eval(coarse, f, dir, g),
                [one] => Some(*one),
                _ => choose(&fitting, f, dir).or_else(|| eval(coarse, f, dir, g)),
            }
        }
        Sem::Within { fine, coarse } => {
            let p = eval(coarse, f, dir, g)?;
            fine_within(*fine, p, f, g)
        }
        Sem::NthIn { n, of, inside } => {
            let p = eval(inside, f, dir, g)?;
            let (y, m) = match p {
                Point::Month(y, m) => (y, m),
                Point::Day(d) => (i32::from(d.year()), d.month()),
                _ => return None,
            };
            let first = ymd(y, m, 1)?;
            match of {
                NthOf::Weekday(wd) => {
                    let wd = jiff::civil::Weekday::from_monday_one_offset(*wd).ok()?;
                    let nth = i8::try_from(*n).ok()?;
                    first.nth_weekday_of_month(nth, wd).ok().map(Point::Day)
                }
                NthOf::Day if *n < 0 => Some(Point::Day(first.last_of_month())),
                NthOf::Day => ymd(y, m, i8::try_from(*n).ok()?).map(Point::Day),
                NthOf::Week => {
                    // Whole weeks of the month, Monday to Sunday.
                    let mondays: Vec<Date> = (0..31)
                        .filter_map(|k| add_days(first, k))
                        .filter(|d| d.month() == m && weekday(*d) == 1)
                        .filter(|d| add_days(*d, 6).is_some_and(|s| s.month() == m))
                        .collect();
                    let mon = if *n < 0 {
                        mondays.last().copied()
                    } else {
                        mondays.get(usize::try_from(*n - 1).ok()?).copied()
                    }?;
                    let (y, w) = iso_week(mon);
                    Some(Point::Week(y, w))
                }
            }
        }
        Sem::NthAfter { n, wd, base } => {
            let p = eval(base, f, dir, g)?;
            let wd = jiff::civil::Weekday::from_monday_one_offset(*wd).ok()?;
            let from = if *n > 0 { p.latest() } else { p.earliest() };
            from.nth_weekday(*n, wd).ok().map(Point::Day)
        }
        Sem::ShiftFrom { base, unit, n } => {
            let p = eval(base, f, dir, g)?;
            shift_point(p, *unit, *n)
        }
        _ => None,
    }
}

/// The anchor day moved `n` units, at the unit's granularity.
fn shift_day(f: Frame, unit: super::value::Unit, n: f64) -> Option<Point> {
    use super::value::Unit;
    let a = f.e;
    let whole = n.round() as i64;
    Some(match unit {
        Unit::Year if n.fract() == 0.0 => Point::Year(i32::from(a.year()) + whole as i32),
        Unit::Year => {
            let d = add_months(a, (n * 12.0).round() as i64)?;
            Point::Month(i32::from(d.year()), d.month())
        }
        Unit::Quarter => {
            let d = add_months(a, (n * 3.0).round() as i64)?;
            Point::Quarter(i32::from(d.year()), (d.month() - 1) / 3 + 1)
        }
        Unit::Month => {
            let d = add_months(a, whole)?;
            Point::Month(i32::from(d.year()), d.month())
        }
        Unit::Week => Point::Day(add_days(a, 7 * whole)?),
        Unit::Day => Point::Day(add_days(a, whole)?),
        Unit::Hour | Unit::Minute | Unit::Second => {
            let secs = match unit {
                Unit::Hour => n * 3600.0,
                Unit::Minute => n * 60.0,
                _ => n,
            };
            match f.time {
                Some(t) => {
                    let dt = a.to_datetime(t);
                    let moved = dt
                        .checked_add(jiff::SignedDuration::from_secs(secs.round() as i64))
                        .ok()?;
                    Point::Clock(moved.date(), moved.hour(), moved.minute(), None)
                }
                None => Point::Day(add_days(a, (secs / 86400.0).floor() as i64)?),
            }
        }
    })
}

/// A point no finer than a unit ("the following year" after a date is a year).
fn no_finer_than(p: Point, unit: super::value::Unit) -> Point {
    use super::value::Unit;
    let d = p.midpoint();
    let (y, m) = (i32::from(d.year()), d.month());
    match unit {
        Unit::Year if p.grain() > Grain::Year => Point::Year(y),
        Unit::Quarter if p.grain() > Grain::Quarter => Point::Quarter(y, (m - 1) / 3 + 1),
        Unit::Month if p.grain() > Grain::Month => Point::Month(y, m),
        Unit::Week if p.grain() > Grain::Week => {
            let (wy, w) = iso_week(d);
            Point::Week(wy, w)
        }
        _ => p,
    }
}

/// A point moved `n` units, keeping its granularity where it can.
fn shift_point(p: Point, unit: super::value::Unit, n: f64) -> Option<Point> {
    use super::value::Unit;
    let whole = n.round() as i64;
    let months = match unit {
        Unit::Year => Some(whole * 12),
        Unit::Quarter => Some(whole * 3),
        Unit::Month => Some(whole),
        _ => None,
    };
    let days = match unit {
        Unit::Week => Some(whole * 7),
        Unit::Day => Some(whole),
        _ => None,
    };
    Some(match p {
        Point::Year(y) => match unit {
            Unit::Year => Point::Year(y + whole as i32),
            _ => {
                let d = match (months, days) {
                    (Some(m), _) => add_months(ymd(y, 1, 1)?, m)?,
                    (_, Some(k)) => add_days(ymd(y, 1, 1)?, k)?,
                    _ => return Some(p),
                };
                Point::Year(i32::from(d.year()))
            }
        },
        Point::Month(y, m) => {
            let d = match (months, days) {
                (Some(k), _) => add_months(ymd(y, m, 1)?, k)?,
                (_, Some(k)) => add_days(ymd(y, m, 15)?, k)?,
                _ => return Some(p),
            };
            Point::Month(i32::from(d.year()), d.month())
        }
        Point::Quarter(y, q) => {
            let d = add_months(ymd(y, (q - 1) * 3 + 1, 1)?, months.unwrap_or(0))?;
            Point::Quarter(i32::from(d.year()), (d.month() - 1) / 3 + 1)
        }
        Point::Day(d) | Point::Pod(d, _) | Point::Clock(d, ..) => {
            let moved = match (months, days) {
                (Some(k), _) => add_months(d, k)?,
                (_, Some(k)) => add_days(d, k)?,
                _ => d,
            };
            match p {
                Point::Pod(_, pod) => Point::Pod(moved, pod),
                Point::Clock(_, h, mi, tz) => Point::Clock(moved, h, mi, tz),
                _ => Point::Day(moved),
            }
        }
        Point::Week(y, w) => {
            let mon = week_monday(y, w)?;
            let moved = match (months, days) {
                (Some(k), _) => add_months(mon, k)?,
                (_, Some(k)) => add_days(mon, k)?,
                _ => mon,
            };
            let (y, w) = iso_week(moved);
            Point::Week(y, w)
        }
        other => match unit {
            Unit::Year => match other {
                Point::Season(y, s) => Point::Season(y + whole as i32, s),
                Point::Half(y, h) => Point::Half(y + whole as i32, h),
                _ => other,
            },
            _ => other,
        },
    })
}

/// A name inside a coarser point.
fn fine_within(fine: Fine, p: Point, f: Frame, g: &Grammar) -> Option<Point> {
    let y = p.year();
    let day_of = |p: Point| match p {
        Point::Day(d) | Point::Pod(d, _) | Point::Clock(d, ..) => Some(d),
        _ => None,
    };
    Some(match fine {
        Fine::Month(m) => Point::Month(y, m),
        Fine::DayMonth(m, d) => Point::Day(ymd(y, m, d)?),
        Fine::Dom(d) => match p {
            Point::Month(y, m) => Point::Day(ymd(y, m, d)?),
            Point::Day(x) => Point::Day(ymd(i32::from(x.year()), x.month(), d)?),
            _ => return None,
        },
        Fine::Weekday(wd) => match p {
            Point::Week(y, w) | Point::Weekend(y, w) => {
                Point::Day(add_days(week_monday(y, w)?, i64::from(wd - 1))?)
            }
            Point::Day(d) => {
                if weekday(d) == wd {
                    Point::Day(d)
                } else {
                    Point::Day(add_days(d, i64::from(wd - weekday(d)))?)
                }
            }
            other => other,
        },
        Fine::Season(s) => Point::Season(y, s),
        Fine::Holiday(h) => Point::Day(g.holidays.get(usize::from(h))?.date(y)?),
        Fine::Pod(pod) => match day_of(p) {
            Some(d) => Point::Pod(d, pod),
            None => p,
        },
        Fine::Clock { h, m, ampm, tz } => {
            let Some(d) = day_of(p) else {
                return Some(p);
            };
            let ampm = match p {
                Point::Pod(_, pod) if ampm == AmPm::Either => super::value::CALENDAR.pod(pod).2,
                _ => ampm,
            };
            let _ = f;
            Point::Clock(d, hour_of(h, ampm), m, tz)
        }
        Fine::Quarter(q) => Point::Quarter(y, q),
        Fine::Half(h) => Point::Half(y, h),
        Fine::Weekend => match p {
            Point::Week(y, w) | Point::Weekend(y, w) => Point::Weekend(y, w),
            Point::Day(d) => {
                let (y, w) = iso_week(d);
                Point::Weekend(y, w)
            }
            other => other,
        },
    })
}

/// A name placed around the anchor by direction.
fn fine_alone(fine: Fine, f: Frame, dir: Dir, g: &Grammar) -> Option<Point> {
    let (ye, yl) = (i32::from(f.e.year()), i32::from(f.l.year()));
    let years = (ye - 1)..=(yl + 1);
    let mut cands: Vec<Point> = Vec::with_capacity(8);
    // A weekday looked forward to by a future bias is never today ("dinsdag" said on a
    // Tuesday is next week's); a future clause may mean today.
    let mut dir = dir;
    if matches!(
        fine,
        Fine::Weekday(_) | Fine::Weekend | Fine::Pod(_) | Fine::Clock { .. }
    ) {
        dir = match dir {
            Dir::LeanFuture => Dir::Future,
            Dir::Future if matches!(fine, Fine::Weekday(_)) => Dir::FutureStrict,
            d => d.strict(),
        };
    }
    match fine {
        Fine::Month(m) => cands.extend(years.map(|y| Point::Month(y, m))),
        Fine::DayMonth(m, d) => cands.extend(years.filter_map(|y| ymd(y, m, d).map(Point::Day))),
        Fine::Season(s) => cands.extend(years.map(|y| Point::Season(y, s))),
        Fine::Quarter(q) => cands.extend(years.map(|y| Point::Quarter(y, q))),
        Fine::Half(h) => cands.extend(years.map(|y| Point::Half(y, h))),
        Fine::Holiday(h) => {
            let rule = g.holidays.get(usize::from(h))?;
            cands.extend(years.filter_map(|y| rule.date(y).map(Point::Day)));
        }
        Fine::Dom(d) => {
            for k in -1..=1 {
                for base in [f.e, f.l] {
                    if let Some(first) = add_months(base.first_of_month(), k)
                        && let Some(day) = ymd(i32::from(first.year()), first.month(), d)
                    {
                        cands.push(Point::Day(day));
                    }
                }
            }
        }
        Fine::Weekday(wd) => {
            if dir == Dir::Present {
                dir = Dir::Past;
            }
            for k in -7..=7 {
                for base in [f.e, f.l] {
                    if let Some(d) = add_days(base, k)
                        && weekday(d) == wd
                    {
                        cands.push(Point::Day(d));
                    }
                }
            }
        }
        Fine::Weekend => {
            if dir == Dir::Present {
                dir = Dir::Past;
            }
            for k in [-14i64, -7, 0, 7, 14] {
                if let Some(d) = add_days(f.e, k) {
                    let (y, w) = iso_week(d);
                    cands.push(Point::Weekend(y, w));
                }
            }
        }
        Fine::Pod(p) => return Some(Point::Pod(f.e, p)),
        Fine::Clock { h, m, ampm, tz } => return Some(clock_alone(f, h, m, ampm, tz, dir)),
    }
    cands.sort_by_key(|p| p.earliest());
    cands.dedup();
    // A month or date without a year is close to the anchor: tense decides only within eight
    // months; further away the nearest wins ("said ... on Dec. 7" in an article of 2 November).
    match dir {
        Dir::LeanPast | Dir::LeanFuture => choose(&cands, f, dir.strict())
            .filter(|p| distance(p, f) <= LEAN_DAYS)
            .or_else(|| choose(&cands, f, Dir::Nearest)),
        Dir::Present => choose(&cands, f, Dir::Nearest),
        _ => choose(&cands, f, dir),
    }
}

/// How far tense may move a yearless date from the anchor, in days (about eight months).
const LEAN_DAYS: i64 = 240;

/// Days between a point and the anchor frame (0 when they overlap).
fn distance(p: &Point, f: Frame) -> i64 {
    let (a, b) = p.bounds();
    if b < f.e {
        f.e.since(b)
            .map(|s| i64::from(s.get_days()))
            .unwrap_or(i64::MAX)
    } else if a > f.l {
        a.since(f.l)
            .map(|s| i64::from(s.get_days()))
            .unwrap_or(i64::MAX)
    } else {
        0
    }
}

/// Picks among candidates in time order by direction.
fn choose(cands: &[Point], f: Frame, dir: Dir) -> Option<Point> {
    match dir {
        Dir::Past => cands.iter().rev().find(|p| p.earliest() <= f.l).copied(),
        Dir::PastStrict => cands.iter().rev().find(|p| p.latest() < f.e).copied(),
        Dir::Future => cands.iter().find(|p| p.latest() >= f.e).copied(),
        Dir::FutureStrict => cands.iter().find(|p| p.earliest() > f.l).copied(),
        Dir::Nearest | Dir::Present => cands.iter().min_by_key(|p| distance(p, f)).copied(),
        Dir::Current => cands
            .iter()
            .find(|p| distance(p, f) == 0)
            .or_else(|| cands.iter().find(|p| p.year() == i32::from(f.e.year())))
            .or_else(|| cands.iter().min_by_key(|p| distance(p, f)))
            .copied(),
        Dir::LeanPast | Dir::LeanFuture => choose(cands, f, dir.strict()),
    }
}

/// The hour on a 24-hour clock.
fn hour_of(h: i8, ampm: AmPm) -> i8 {
    match ampm {
        AmPm::Pm if h < 12 => h + 12,
        AmPm::Am if h == 12 => 0,
        AmPm::Night if (6..12).contains(&h) => h + 12,
        AmPm::Night if h == 12 => 0,
        _ => h,
    }
}

/// A clock time on the anchor day, or the next (previous) such time after (before) the
/// reference time when there is one. A time with its part of the day ("4 uur 's ochtends")
/// stays on the anchor day.
fn clock_alone(f: Frame, h: i8, m: i8, ampm: AmPm, tz: Option<i16>, dir: Dir) -> Point {
    let hours: Vec<i8> = match ampm {
        AmPm::Either if h < 12 => vec![h, h + 12],
        AmPm::Either | AmPm::Exact => vec![h],
        _ => return Point::Clock(f.e, hour_of(h, ampm), m, tz),
    };
    let Some(now) = f.time else {
        return Point::Clock(f.e, h, m, tz);
    };
    let mut cands = Vec::new();
    for k in -1..=1 {
        if let Some(d) = add_days(f.e, k) {
            for &hh in &hours {
                if let Ok(t) = Time::new(hh.min(23), m, 0, 0) {
                    cands.push((d.to_datetime(t), hh));
                }
            }
        }
    }
    cands.sort();
    let now = f.e.to_datetime(now);
    let pick = match dir {
        Dir::Past | Dir::PastStrict => cands.iter().rev().find(|(dt, _)| *dt <= now),
        _ => cands.iter().find(|(dt, _)| *dt >= now),
    };
    match pick {
        Some((dt, hh)) => Point::Clock(dt.date(), *hh, m, tz),
        None => Point::Clock(f.e, h, m, tz),
    }
}
