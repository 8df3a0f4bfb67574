//! What an expression means before it is anchored ([`Sem`]), and the rule actions that build it.
//!
//! # Actions
//!
//! `name(key=value, ...)`; a value is a number, a word (`Y`, `past`, `END`), a capture
//! (`<day>`, `<n2>`, `{date}`), or a sum of numbers and captures (`-<num>`, `<hour>-1`).
//! Every action also takes `dir=` (past, paststrict, future, futurestrict, nearest) and `mod=`
//! (a TIMEX3 mod such as END or APPROX).
//!
//! | action | builds | example |
//! |---|---|---|
//! | `date(y, m, d, wd, q, half, season, decade, century, hol)` | a calendar date; without a year it is placed by tense | "28 mei", "juni 2014" |
//! | `numdate(<numdate>)` | a date written in figures | "31-10-2017" |
//! | `dom(d)` | a day of an unnamed month | "de 15de" |
//! | `this(unit, n)` | the unit holding the anchor, moved `n` | "vorig jaar" |
//! | `shift(n, unit)` | the anchor moved `n` units | "tien dagen geleden" |
//! | `prev(n, unit)` | the previous expression moved `n` units | "een jaar later" |
//! | `weekday(wd, week)` | a weekday, placed by tense or in a week relative to the anchor | "vrijdag" |
//! | `dur(n, unit)` | a duration (`n` absent: unknown) | "vijf maanden" |
//! | `span(n, unit, dir)` | a duration just before or after the anchor | "de afgelopen twee weken" |
//! | `set(unit, n, wd, pod)` | a recurrence | "elke week" |
//! | `ref(past/present/future)` | PAST_REF and kin | "onlangs" |
//! | `clock(h, mi, ampm, pod, tz)` | a time of day | "om 15.30 uur" |
//! | `pod(pod, day)` | a part of the day (`day=0`: today) | "vanavond" |
//! | `holiday(hol)` | a holiday | "kerst" |
//! | `within({a}, {b})` | the finer of two expressions inside the coarser | "morgen om 15 uur" |
//! | `mod(MOD, {a})` | an expression with a TIMEX3 mod | "eind 2014" |
//! | `range({a}, {b})` | two ends of a range, each filling what the other lacks | "van mei tot juli 2014" |
//! | `nth(n, wd or unit, {a}, after)` | the n-th weekday, day or week in (or after) an expression | "laatste maandag in maart" |
//! | `shiftfrom({a}, n, unit)` | an expression moved `n` units | "een jaar na kerst" |
//! | `dayrange(d1, d2, m, y)` | two days of one month | "13 - 15 juli" |
//! | `none()` | nothing: the words are not a time expression | "55 jaar oud" |

use super::grammar::{Rule, cls};
use super::scan::Item;
use super::value::{AmPm, Pod, Point, Season, Unit};

/// The functions an action can call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Func {
    Date,
    NumDate,
    Dom,
    This,
    Shift,
    Prev,
    Weekday,
    Dur,
    Span,
    Set,
    Ref,
    Clock,
    Pod,
    Holiday,
    Within,
    Mod,
    Range,
    Nth,
    ShiftFrom,
    DayRange,
    Keep,
    Weekend,
    YearPeriod,
    None,
}

impl Func {
    fn parse(name: &str) -> Option<Func> {
        Some(match name {
            "date" => Func::Date,
            "numdate" => Func::NumDate,
            "dom" => Func::Dom,
            "this" => Func::This,
            "shift" => Func::Shift,
            "prev" => Func::Prev,
            "weekday" => Func::Weekday,
            "dur" => Func::Dur,
            "span" => Func::Span,
            "set" => Func::Set,
            "ref" => Func::Ref,
            "clock" => Func::Clock,
            "pod" => Func::Pod,
            "holiday" => Func::Holiday,
            "within" => Func::Within,
            "mod" => Func::Mod,
            "range" => Func::Range,
            "nth" => Func::Nth,
            "shiftfrom" => Func::ShiftFrom,
            "dayrange" => Func::DayRange,
            "keep" => Func::Keep,
            "yearperiod" => Func::YearPeriod,
            "weekend" => Func::Weekend,
            "none" => Func::None,
            _ => return None,
        })
    }
}

/// One term of an argument.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Term {
    Num(f64),
    Ident(String),
    /// A capture slot.
    Cap(u8),
}

/// An argument: signed terms added up (a single word or capture in the common case).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Expr {
    pub terms: Vec<(f64, Term)>,
}

/// A parsed action.
#[derive(Debug, Clone)]
pub(crate) struct Action {
    pub func: Func,
    /// Keyword (or `#0`, `#1` for positional) and value.
    pub args: Vec<(String, Expr)>,
}

impl Action {
    /// Parses `name(args)`, resolving capture names against the pattern's slots.
    pub(crate) fn parse(src: &str, slots: &[(String, u64)]) -> Result<Action, String> {
        let (name, rest) = src.split_once('(').ok_or("expected name(args)")?;
        let inner = rest.trim_end().strip_suffix(')').ok_or("missing )")?;
        let func = Func::parse(name.trim()).ok_or_else(|| format!("unknown action {name}"))?;
        let mut args = Vec::new();
        let mut positional = 0;
        for raw in inner.split(',') {
            let raw = raw.trim();
            if raw.is_empty() {
                continue;
            }
            let (key, value) = match raw.split_once('=') {
                Some((k, v)) => (k.trim().to_owned(), v.trim()),
                None => {
                    positional += 1;
                    (format!("#{}", positional - 1), raw)
                }
            };
            args.push((key, parse_expr(value, slots)?));
        }
        Ok(Action { func, args })
    }

    pub(crate) fn arg(&self, key: &str) -> Option<&Expr> {
        self.args.iter().find(|(k, _)| k == key).map(|(_, e)| e)
    }

    /// The n-th positional argument.
    pub(crate) fn pos(&self, i: usize) -> Option<&Expr> {
        self.arg(&format!("#{i}"))
    }
}

fn parse_expr(src: &str, slots: &[(String, u64)]) -> Result<Expr, String> {
    let mut terms = Vec::new();
    let mut sign = 1.0;
    let mut rest = src.trim();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('-') {
            sign = -sign;
            rest = r.trim_start();
            continue;
        }
        if let Some(r) = rest.strip_prefix('+') {
            rest = r.trim_start();
            continue;
        }
        let end = if rest.starts_with('<') {
            rest.find('>').map(|i| i + 1)
        } else if rest.starts_with('{') {
            rest.find('}').map(|i| i + 1)
        } else {
            Some(
                rest.find(['+', '-'])
                    .filter(|&i| i > 0)
                    .unwrap_or(rest.len()),
            )
        }
        .ok_or_else(|| format!("unclosed capture in {src}"))?;
        let tok = rest[..end].trim();
        rest = rest[end..].trim_start();
        let term = if let Some(name) = tok
            .strip_prefix('<')
            .and_then(|t| t.strip_suffix('>'))
            .or_else(|| tok.strip_prefix('{').and_then(|t| t.strip_suffix('}')))
        {
            let slot = slots
                .iter()
                .position(|(n, _)| n == name)
                .ok_or_else(|| format!("no capture named {name}"))?;
            Term::Cap(slot as u8)
        } else if let Ok(n) = tok.parse::<f64>() {
            Term::Num(n)
        } else {
            Term::Ident(tok.to_owned())
        };
        terms.push((sign, term));
        sign = 1.0;
    }
    Ok(Expr { terms })
}

/// Which way a name without a year (or a weekday) points from the anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// The latest on or before the anchor.
    Past,
    /// The latest before the anchor.
    PastStrict,
    /// The next on or after the anchor.
    Future,
    /// The next after the anchor.
    FutureStrict,
    /// The closest.
    Nearest,
    /// The one holding the anchor, else the one in the anchor's year, else the closest ("deze
    /// zomer" said in January is the coming one).
    Current,
    /// A present-tense clause: the latest for weekdays, the closest for other names.
    Present,
    /// A past-tense clause: the latest for weekdays; for other names the latest within half a
    /// year, else the closest.
    LeanPast,
    /// A future clause, likewise forward.
    LeanFuture,
}

impl Dir {
    /// The direction without leaning.
    pub(crate) fn strict(self) -> Dir {
        match self {
            Dir::LeanPast => Dir::Past,
            Dir::LeanFuture => Dir::Future,
            d => d,
        }
    }
}

impl Dir {
    fn parse(s: &str) -> Option<Dir> {
        Some(match s {
            "past" => Dir::Past,
            "paststrict" => Dir::PastStrict,
            "future" => Dir::Future,
            "futurestrict" => Dir::FutureStrict,
            "nearest" => Dir::Nearest,
            "current" => Dir::Current,
            _ => return None,
        })
    }
}

/// TIMEX3 mods.
const MODS: &[&str] = &[
    "START",
    "MID",
    "END",
    "APPROX",
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
    "LESS_THAN",
    "MORE_THAN",
    "EQUAL_OR_LESS",
    "EQUAL_OR_MORE",
];

/// PAST_REF, PRESENT_REF, FUTURE_REF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefKind {
    Past,
    Present,
    Future,
}

/// A calendar name placed relative to something coarser or to the anchor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Fine {
    Month(i8),
    DayMonth(i8, i8),
    /// Day of an unnamed month.
    Dom(i8),
    Weekday(i8),
    Season(Season),
    Holiday(u16),
    Pod(Pod),
    Clock {
        h: i8,
        m: i8,
        ampm: AmPm,
        /// Offset from UTC in minutes, when a zone is named.
        tz: Option<i16>,
    },
    Quarter(i8),
    Half(i8),
    Weekend,
}

impl Fine {
    /// How fine it is: names inside a year, inside a week, a day, a part of a day, a time.
    pub(crate) fn rank(self) -> u8 {
        match self {
            Fine::Month(_) | Fine::Season(_) | Fine::Quarter(_) | Fine::Half(_) => 1,
            Fine::Weekend => 2,
            Fine::DayMonth(..) | Fine::Dom(_) | Fine::Holiday(_) => 3,
            // After a dated day, so "zondag 10 februari" is a Sunday inside that date.
            Fine::Weekday(_) => 4,
            Fine::Pod(_) => 5,
            Fine::Clock { .. } => 6,
        }
    }
}

/// What the n-th counts in [`Sem::NthIn`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NthOf {
    Weekday(i8),
    Day,
    Week,
}

/// The meaning of an expression before anchoring.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Sem {
    /// Absolute.
    Point(Point),
    /// A name placed around the anchor by direction.
    Fine(Fine),
    /// The calendar unit holding the anchor, moved `n` units.
    This {
        unit: Unit,
        n: i32,
    },
    /// The anchor (or the previous expression) moved by `n` units; `same`: a comparison that,
    /// after a reporting period (a quarter, a half), moves that period ("a year earlier" after
    /// the third quarter is that quarter a year before).
    Shift {
        unit: Unit,
        n: f64,
        prev: bool,
        same: bool,
    },
    /// A finer name inside a coarser expression.
    Within {
        fine: Fine,
        coarse: Box<Sem>,
    },
    /// The n-th weekday, day or week inside an expression (n = -1: the last).
    NthIn {
        n: i32,
        of: NthOf,
        inside: Box<Sem>,
    },
    /// The n-th weekday after (n < 0: before) an expression.
    NthAfter {
        n: i32,
        wd: i8,
        base: Box<Sem>,
    },
    /// An expression moved by `n` units.
    ShiftFrom {
        base: Box<Sem>,
        unit: Unit,
        n: f64,
    },
    /// A length of time; `None` for an unknown amount.
    Dur {
        n: Option<f64>,
        unit: Unit,
    },
    /// A length of time just before (`past`) or after the anchor.
    Span {
        n: Option<f64>,
        unit: Unit,
        past: bool,
    },
    /// A year's reporting period ("the 1988 period"): the quarter just named, in that year;
    /// else the year.
    YearPeriod(i32),
    /// Every `n` units.
    Set {
        n: f64,
        unit: Unit,
    },
    /// Every such weekday, month, part of the day (with a part of the day: "Tuesday nights").
    SetFine(Fine, Option<Pod>),
    Ref(RefKind),
}

impl Sem {
    /// True for values that name a date or time (not durations, sets or references).
    pub(crate) fn is_datelike(&self) -> bool {
        !matches!(
            self,
            Sem::Dur { .. } | Sem::Span { .. } | Sem::Set { .. } | Sem::SetFine(..) | Sem::Ref(_)
        )
    }

    /// Class bits of the found expression, for combining rules.
    pub(crate) fn tx_class(&self) -> u64 {
        let mut c = cls::TX;
        match self {
            Sem::Dur { .. } | Sem::Span { .. } => return c | cls::TX_DUR,
            Sem::Set { .. } | Sem::SetFine(..) => return c | cls::TX_SET,
            Sem::Ref(_) => return c | cls::TX_REF,
            _ => {}
        }
        let finest = self.finest();
        c |= match finest {
            Some(Fine::Clock { .. }) => cls::TX_TIME | cls::TX_CLOCK,
            Some(Fine::Pod(_)) => cls::TX_TIME | cls::TX_POD,
            _ => cls::TX_DATE,
        };
        c |= match (self, finest) {
            (Sem::Point(p), _) => {
                use super::value::Grain;
                cls::TX_ABS
                    | match p.grain() {
                        Grain::Year => cls::TX_YEAR,
                        Grain::Month => cls::TX_MONTH,
                        Grain::Day => cls::TX_DAY,
                        Grain::Decade | Grain::Century => cls::TX_DECADE,
                        Grain::Week => cls::TX_WEEK,
                        Grain::Season => cls::TX_SEASON,
                        Grain::Quarter | Grain::Half => cls::TX_QUARTER,
                        Grain::Pod => cls::TX_POD | cls::TX_TIME,
                        Grain::Clock => cls::TX_CLOCK | cls::TX_TIME,
                    }
            }
            (Sem::Fine(_), Some(Fine::Month(_))) => cls::TX_MONTH,
            (_, Some(Fine::Weekday(_))) => cls::TX_WEEKDAY | cls::TX_DAY,
            (_, Some(Fine::DayMonth(..) | Fine::Dom(_) | Fine::Holiday(_))) => cls::TX_DAY,
            (_, Some(Fine::Season(_))) => cls::TX_SEASON,
            (_, Some(Fine::Quarter(_) | Fine::Half(_))) => cls::TX_QUARTER,
            (_, Some(Fine::Month(_))) => cls::TX_MONTH,
            (Sem::This { unit, .. }, None) => match unit {
                Unit::Year => cls::TX_YEAR,
                Unit::Month => cls::TX_MONTH,
                Unit::Week => cls::TX_WEEK,
                Unit::Day => cls::TX_DAY,
                Unit::Quarter => cls::TX_QUARTER,
                _ => 0,
            },
            (Sem::Shift { unit, .. }, None) => match unit {
                Unit::Year => cls::TX_YEAR,
                Unit::Month => cls::TX_MONTH,
                Unit::Day | Unit::Week => cls::TX_DAY,
                _ => 0,
            },
            _ => 0,
        };
        c
    }

    /// The finest calendar name in it.
    pub(crate) fn finest(&self) -> Option<Fine> {
        match self {
            Sem::Fine(f) | Sem::Within { fine: f, .. } => Some(*f),
            _ => None,
        }
    }

    /// Splits into the part that is not a name and the names, coarsest first.
    fn flatten(self) -> (Option<Sem>, Vec<Fine>) {
        match self {
            Sem::Fine(f) => (None, vec![f]),
            Sem::Within { fine, coarse } => {
                let (root, mut fines) = coarse.flatten();
                fines.push(fine);
                (root, fines)
            }
            other => (Some(other), Vec::new()),
        }
    }

    /// The two expressions as one: the finer inside the coarser ("morgen om 15 uur",
    /// "maandag 12 juni", "volgend jaar maart").
    pub(crate) fn combine(a: Sem, b: Sem) -> Option<Sem> {
        if !a.is_datelike() || !b.is_datelike() {
            return None;
        }
        let (ra, fa) = a.flatten();
        let (rb, fb) = b.flatten();
        let root = match (ra, rb) {
            (Some(x), Some(y)) => Some(finer(x, y)),
            (x, y) => x.or(y),
        };
        let mut fines: Vec<Fine> = Vec::new();
        for f in fa.into_iter().chain(fb) {
            merge_fine(&mut fines, f);
        }
        fines.sort_by_key(|f| f.rank());
        let mut iter = fines.into_iter();
        let mut sem = match root {
            Some(r) => r,
            None => Sem::Fine(iter.next()?),
        };
        for f in iter {
            sem = Sem::Within {
                fine: f,
                coarse: Box::new(sem),
            };
        }
        Some(sem)
    }
}

/// Of two roots, the one that says more.
fn finer(x: Sem, y: Sem) -> Sem {
    let rank = |s: &Sem| match s {
        Sem::Point(p) => p.grain() as i32,
        Sem::This { unit, .. } | Sem::Shift { unit, .. } => match unit {
            Unit::Year => 2,
            Unit::Quarter => 4,
            Unit::Month => 6,
            Unit::Week => 7,
            _ => 8,
        },
        _ => 8,
    };
    if rank(&y) > rank(&x) { y } else { x }
}

/// Adds a name to a list, letting a more specific name of the same rank win.
fn merge_fine(fines: &mut Vec<Fine>, f: Fine) {
    // A clock and a part of the day make one clock time ("3 uur 's middags").
    if let Fine::Pod(p) = f
        && let Some(Fine::Clock { h, m, tz, .. }) = fines
            .iter()
            .copied()
            .find(|x| matches!(x, Fine::Clock { .. }))
    {
        let (_, _, ampm) = super::value::CALENDAR.pod(p);
        fines.retain(|x| !matches!(x, Fine::Clock { .. }));
        fines.push(Fine::Clock { h, m, ampm, tz });
        return;
    }
    if let Fine::Clock { h, m, tz, .. } = f
        && let Some(Fine::Pod(p)) = fines.iter().copied().find(|x| matches!(x, Fine::Pod(_)))
    {
        let (_, _, ampm) = super::value::CALENDAR.pod(p);
        fines.retain(|x| !matches!(x, Fine::Pod(_)));
        fines.push(Fine::Clock { h, m, ampm, tz });
        return;
    }
    if fines.iter().any(|x| x.rank() == f.rank()) {
        // Same rank: the first says it.
        return;
    }
    // A day of the month and a month make a date.
    if let Fine::Dom(d) = f
        && let Some(i) = fines.iter().position(|x| matches!(x, Fine::Month(_)))
        && let Fine::Month(m) = fines[i]
    {
        fines[i] = Fine::DayMonth(m, d);
        return;
    }
    if let Fine::Month(m) = f
        && let Some(i) = fines.iter().position(|x| matches!(x, Fine::Dom(_)))
        && let Fine::Dom(d) = fines[i]
    {
        fines[i] = Fine::DayMonth(m, d);
        return;
    }
    fines.push(f);
}

/// What an action made.
#[derive(Debug, Clone)]
pub(crate) enum Built {
    /// Nothing: the words are not a time expression.
    Veto,
    /// One expression over the whole match.
    One(Sem),
    /// Two expressions with their own spans (item ranges within the match).
    Two((usize, usize, Sem), (usize, usize, Sem)),
}

/// A built expression's extras.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Extras {
    pub modifier: Option<&'static str>,
    pub dir: Option<Dir>,
    /// A shift only where the clause looks ahead; a duration elsewhere ("in drie jaar").
    pub future_only: bool,
}

/// Reads a matched rule's captures.
pub(crate) struct Captures<'a> {
    pub rule: &'a Rule,
    /// Item index per slot.
    pub caps: &'a [Option<u32>],
    pub items: &'a [Item],
    /// Meaning of found expressions, by `Feat::tx`.
    pub sems: &'a [Sem],
}

impl Captures<'_> {
    fn item(&self, slot: u8) -> Option<&Item> {
        let i = (*self.caps.get(usize::from(slot))?)?;
        self.items.get(i as usize)
    }

    fn class(&self, slot: u8) -> u64 {
        self.rule
            .slots
            .get(usize::from(slot))
            .map_or(0, |(_, c)| *c)
    }

    /// Numeric value of a capture, by its class.
    fn cap_num(&self, slot: u8) -> Option<f64> {
        let it = self.item(slot)?;
        let c = self.class(slot);
        let f = &it.f;
        if it.cls & cls::TX != 0 {
            // A found expression: its weekday, month or day of the month.
            return match self.sems.get(f.tx as usize)?.finest()? {
                Fine::Weekday(wd) => Some(f64::from(wd)),
                Fine::Month(m) => Some(f64::from(m)),
                Fine::Dom(d) => Some(f64::from(d)),
                _ => None,
            };
        }
        let v = if c & (cls::MONTH | cls::MONTHNAME) != 0 {
            f64::from(f.month)
        } else if c & (cls::WEEKDAY | cls::WEEKDAYNAME | cls::WDABBR) != 0 {
            f64::from(f.weekday)
        } else if c & cls::DAY != 0 {
            f64::from(f.day)
        } else if c & (cls::ORD | cls::ORDD) != 0 {
            f64::from(f.ord)
        } else if c & (cls::YEAR | cls::YEARALONE | cls::YY | cls::YEARNUM) != 0 {
            f64::from(f.year)
        } else if c & cls::DECADE != 0 {
            f64::from(f.decade)
        } else if c & (cls::SEASON | cls::SEASONNAME) != 0 {
            f64::from(f.season)
        } else if c & cls::POD != 0 {
            f64::from(f.pod)
        } else if c & cls::HOLIDAY != 0 {
            f64::from(f.holiday)
        } else if c & cls::UNIT != 0 && c & cls::DURADJ == 0 {
            f64::from(f.unit_mult)
        } else {
            f.num
        };
        Some(v)
    }

    /// An argument as a number; `None` when absent, NaN for an unknown amount.
    fn num(&self, e: Option<&Expr>) -> Option<f64> {
        let e = e?;
        let mut sum = 0.0;
        for (sign, t) in &e.terms {
            let v = match t {
                Term::Num(n) => *n,
                Term::Cap(s) => self.cap_num(*s)?,
                Term::Ident(_) => return None,
            };
            sum += sign * v;
        }
        (!e.terms.is_empty()).then_some(sum)
    }

    fn int(&self, e: Option<&Expr>) -> Option<i32> {
        self.num(e).filter(|n| n.is_finite()).map(|n| n as i32)
    }

    fn ident<'e>(&self, e: Option<&'e Expr>) -> Option<&'e str> {
        match e?.terms.as_slice() {
            [(_, Term::Ident(s))] => Some(s.as_str()),
            _ => None,
        }
    }

    /// A unit argument: a word (`Y`) or a captured unit word, with its multiple.
    fn unit(&self, e: Option<&Expr>) -> Option<(Unit, f64)> {
        match e?.terms.as_slice() {
            [(_, Term::Ident(s))] => Some((Unit::parse(s)?, 1.0)),
            [(_, Term::Cap(slot))] => {
                let it = self.item(*slot)?;
                Some((Unit::from_index(it.f.unit)?, f64::from(it.f.unit_mult)))
            }
            _ => None,
        }
    }

    /// A captured found expression.
    fn tx(&self, e: Option<&Expr>) -> Option<(usize, Sem)> {
        match e?.terms.as_slice() {
            [(_, Term::Cap(slot))] => {
                let it = self.item(*slot)?;
                if it.cls & cls::TX == 0 {
                    return None;
                }
                let i = self.caps.get(usize::from(*slot)).copied().flatten()? as usize;
                Some((i, self.sems.get(it.f.tx as usize)?.clone()))
            }
            _ => None,
        }
    }

    /// The item a capture matched (for `Built::Two` spans).
    fn item_index(&self, e: Option<&Expr>) -> Option<usize> {
        match e?.terms.as_slice() {
            [(_, Term::Cap(slot))] => self
                .caps
                .get(usize::from(*slot))
                .copied()
                .flatten()
                .map(|i| i as usize),
            _ => None,
        }
    }

    /// The extras every action takes.
    pub(crate) fn extras(&self, a: &Action) -> Extras {
        let mut x = Extras {
            modifier: self
                .ident(a.arg("mod"))
                .and_then(|m| MODS.iter().find(|x| **x == m).copied()),
            dir: self.ident(a.arg("dir")).and_then(Dir::parse),
            future_only: self.ident(a.arg("only")) == Some("future"),
        };
        if a.func == Func::Mod {
            x.modifier = self
                .ident(a.pos(0))
                .and_then(|m| MODS.iter().find(|x| **x == m).copied());
        }
        x
    }

    /// Runs the action; `None` when the captures do not make a valid value.
    pub(crate) fn build(&self, a: &Action) -> Option<Built> {
        let sem = match a.func {
            Func::None => return Some(Built::Veto),
            Func::Date => self.date(a)?,
            Func::NumDate => {
                let it = self.item_index(a.pos(0)).and_then(|i| self.items.get(i))?;
                let (d, m, y) = it.f.nd;
                date_sem((y != 0).then_some(y), Some(m), Some(d))?
            }
            Func::Dom => {
                let d = self.int(a.arg("d").or(a.pos(0)))?;
                Sem::Fine(Fine::Dom(
                    i8::try_from(d).ok().filter(|d| (1..=31).contains(d))?,
                ))
            }
            Func::This => {
                let (unit, _) = self.unit(a.arg("unit"))?;
                let n = self.int(a.arg("n")).unwrap_or(0);
                Sem::This { unit, n }
            }
            Func::Shift | Func::Prev => {
                let (unit, mult) = self.unit(a.arg("unit"))?;
                let n = self.num(a.arg("n")).unwrap_or(1.0) * mult;
                if !n.is_finite() {
                    return None;
                }
                let (unit, n) = normalize_unit(unit, n);
                Sem::Shift {
                    unit,
                    n,
                    prev: a.func == Func::Prev,
                    same: self.ident(a.arg("same")).is_some(),
                }
            }
            Func::Weekday => {
                let wd = i8::try_from(self.int(a.arg("wd").or(a.pos(0)))?).ok()?;
                if !(1..=7).contains(&wd) {
                    return None;
                }
                match self.int(a.arg("week")) {
                    Some(w) => Sem::Within {
                        fine: Fine::Weekday(wd),
                        coarse: Box::new(Sem::This {
                            unit: Unit::Week,
                            n: w,
                        }),
                    },
                    None => Sem::Fine(Fine::Weekday(wd)),
                }
            }
            Func::Dur | Func::Span => {
                let (unit, mult) = self.unit(a.arg("unit"))?;
                let n = self.num(a.arg("n")).map(|n| n * mult);
                let n = match n {
                    Some(n) if n.is_nan() => None,
                    Some(n) => Some(n),
                    None if mult != 1.0 => Some(mult),
                    None => None,
                };
                if a.func == Func::Dur {
                    Sem::Dur { n, unit }
                } else {
                    let past = self
                        .ident(a.arg("dir"))
                        .is_none_or(|d| d.starts_with("past"));
                    Sem::Span { n, unit, past }
                }
            }
            Func::Set => {
                let pod = self.pod_arg(a.arg("pod"));
                if let Some(wd) = self.int(a.arg("wd")) {
                    Sem::SetFine(Fine::Weekday(i8::try_from(wd).ok()?), pod)
                } else if let Some(p) = pod {
                    Sem::SetFine(Fine::Pod(p), None)
                } else if let Some(m) = self.int(a.arg("m")) {
                    Sem::SetFine(Fine::Month(i8::try_from(m).ok()?), None)
                } else {
                    let (unit, mult) = self.unit(a.arg("unit"))?;
                    let n = self.num(a.arg("n")).unwrap_or(1.0) * mult;
                    let (unit, n) = normalize_unit(unit, n);
                    Sem::Set { n, unit }
                }
            }
            Func::Ref => Sem::Ref(match self.ident(a.pos(0))? {
                "past" | "PAST" => RefKind::Past,
                "present" | "PRESENT" => RefKind::Present,
                "future" | "FUTURE" => RefKind::Future,
                _ => return None,
            }),
            Func::Clock => self.clock(a)?,
            Func::Pod => {
                let p = self.pod_arg(a.arg("pod").or(a.pos(0)))?;
                match self.int(a.arg("day")) {
                    Some(n) => Sem::Within {
                        fine: Fine::Pod(p),
                        coarse: Box::new(Sem::This { unit: Unit::Day, n }),
                    },
                    None => Sem::Fine(Fine::Pod(p)),
                }
            }
            Func::Holiday => {
                let h = u16::try_from(self.int(a.arg("hol").or(a.pos(0)))?).ok()?;
                match self.int(a.arg("y")) {
                    Some(y) => Sem::Within {
                        fine: Fine::Holiday(h),
                        coarse: Box::new(Sem::Point(Point::Year(y))),
                    },
                    None => Sem::Fine(Fine::Holiday(h)),
                }
            }
            Func::Within => {
                let (_, x) = self.tx(a.pos(0))?;
                let (_, y) = self.tx(a.pos(1))?;
                Sem::combine(x, y)?
            }
            Func::Mod => self.tx(a.pos(1)).map(|(_, s)| s)?,
            Func::Keep => self.tx(a.pos(0)).map(|(_, s)| s)?,
            Func::YearPeriod => Sem::YearPeriod(self.int(a.arg("y"))?),
            Func::Weekend => match self.int(a.arg("week")) {
                Some(n) => Sem::Within {
                    fine: Fine::Weekend,
                    coarse: Box::new(Sem::This {
                        unit: Unit::Week,
                        n,
                    }),
                },
                None => Sem::Fine(Fine::Weekend),
            },
            Func::Range => {
                let ia = self.item_index(a.pos(0))?;
                let ib = self.item_index(a.pos(1))?;
                let (_, x) = self.tx(a.pos(0))?;
                let (_, y) = self.tx(a.pos(1))?;
                let (x, y) = fill_range(x, y);
                let (x, y) = match self.tx(a.arg("in")) {
                    Some((_, d)) => (Sem::combine(d.clone(), x)?, Sem::combine(d, y)?),
                    None => (x, y),
                };
                return Some(Built::Two((ia, ia + 1, x), (ib, ib + 1, y)));
            }
            Func::Nth => {
                let n = self.int(a.arg("n"))?;
                let (_, inside) = self.tx(a.pos(0).or(a.arg("in")))?;
                let after = self.ident(a.arg("after")).is_some();
                let before = self.ident(a.arg("before")).is_some();
                if let Some(wd) = self.int(a.arg("wd")) {
                    let wd = i8::try_from(wd).ok()?;
                    if after || before {
                        Sem::NthAfter {
                            n: if before { -n } else { n },
                            wd,
                            base: Box::new(inside),
                        }
                    } else {
                        Sem::NthIn {
                            n,
                            of: NthOf::Weekday(wd),
                            inside: Box::new(inside),
                        }
                    }
                } else {
                    let (unit, _) = self.unit(a.arg("unit"))?;
                    let of = match unit {
                        Unit::Day => NthOf::Day,
                        Unit::Week => NthOf::Week,
                        _ => return None,
                    };
                    Sem::NthIn {
                        n,
                        of,
                        inside: Box::new(inside),
                    }
                }
            }
            Func::ShiftFrom => {
                let (_, base) = self.tx(a.pos(0))?;
                let sign = if self.ident(a.arg("dir")) == Some("back") {
                    -1.0
                } else {
                    1.0
                };
                let (unit, mult, n) = match self.tx(a.pos(1)) {
                    Some((_, Sem::Dur { n: Some(n), unit })) => (unit, 1.0, n * sign),
                    _ => {
                        let (unit, mult) = self.unit(a.arg("unit"))?;
                        (unit, mult, self.num(a.arg("n")).unwrap_or(1.0))
                    }
                };
                let n = n * mult;
                if !n.is_finite() || !base.is_datelike() {
                    return None;
                }
                let (unit, n) = normalize_unit(unit, n);
                Sem::ShiftFrom {
                    base: Box::new(base),
                    unit,
                    n,
                }
            }
            Func::DayRange => {
                let i1 = self.item_index(a.arg("d1"))?;
                let i2 = self.item_index(a.arg("d2"))?;
                let d1 = self.int(a.arg("d1"))?;
                let d2 = self.int(a.arg("d2"))?;
                let m = self.int(a.arg("m"))?;
                let y = self.int(a.arg("y"));
                let m1 = self.int(a.arg("m1")).unwrap_or(m);
                let x = date_sem(
                    y,
                    Some(i8::try_from(m1).ok()?),
                    Some(i8::try_from(d1).ok()?),
                )?;
                let y2 = date_sem(y, Some(i8::try_from(m).ok()?), Some(i8::try_from(d2).ok()?))?;
                let end = self.caps.iter().flatten().map(|&i| i as usize + 1).max()?;
                return Some(Built::Two((i1, i1 + 1, x), (i2, end, y2)));
            }
        };
        Some(Built::One(sem))
    }

    fn pod_arg(&self, e: Option<&Expr>) -> Option<Pod> {
        match self.ident(e) {
            Some(code) => Pod::parse(code),
            None => Pod::from_index(u8::try_from(self.int(e)?).ok()?),
        }
    }

    fn date(&self, a: &Action) -> Option<Sem> {
        let mut sem = self.date_only(a)?;
        // "this September": in the anchor's year (moved `year` years).
        if let (Some(n), Sem::Fine(f)) = (self.int(a.arg("year")), &sem) {
            sem = Sem::Within {
                fine: *f,
                coarse: Box::new(Sem::This {
                    unit: Unit::Year,
                    n,
                }),
            };
        }
        Some(match self.pod_arg(a.arg("pod")) {
            Some(p) => Sem::Within {
                fine: Fine::Pod(p),
                coarse: Box::new(sem),
            },
            None => sem,
        })
    }

    fn date_only(&self, a: &Action) -> Option<Sem> {
        let small = |v: Option<i32>| v.and_then(|v| i8::try_from(v).ok());
        // Two-digit years (17-Jul-10): 00-30 this century, else the last.
        let y = self.int(a.arg("y")).map(|y| match y {
            0..=30 => 2000 + y,
            31..=99 => 1900 + y,
            _ => y,
        });
        let m = small(self.int(a.arg("m")));
        let d = small(self.int(a.arg("d")));
        if let Some(dec) = self.int(a.arg("decade")) {
            // 199 (from "1990s"), 1990, or a two-digit decade (90, "jaren negentig").
            let dec = match dec {
                0..=9 => dec * 10 + 190,
                10..=99 => 190 + dec / 10,
                100..=299 => dec,
                1000..=2999 => dec / 10,
                _ => return None,
            };
            return Some(Sem::Point(Point::Decade(dec)));
        }
        if let Some(c) = self.int(a.arg("century")) {
            // Ordinal century (20) or its first digits (19).
            let c = if (1..=21).contains(&c) && self.ident(a.arg("ord")).is_some() {
                c - 1
            } else {
                c
            };
            return Some(Sem::Point(Point::Century(c)));
        }
        let year_point = |f: Fine| -> Sem {
            match y {
                Some(y) => Sem::Within {
                    fine: f,
                    coarse: Box::new(Sem::Point(Point::Year(y))),
                },
                None => Sem::Fine(f),
            }
        };
        if let Some(q) = small(self.int(a.arg("q"))) {
            if !(1..=4).contains(&q) {
                return None;
            }
            return Some(match y {
                Some(y) => Sem::Point(Point::Quarter(y, q)),
                None => Sem::Fine(Fine::Quarter(q)),
            });
        }
        if let Some(h) = small(self.int(a.arg("half"))) {
            if !(1..=2).contains(&h) {
                return None;
            }
            return Some(match y {
                Some(y) => Sem::Point(Point::Half(y, h)),
                None => Sem::Fine(Fine::Half(h)),
            });
        }
        if let Some(s) = self.int(a.arg("season")) {
            let s = Season::from_index(u8::try_from(s).ok()?)?;
            return Some(match y {
                Some(y) => Sem::Point(Point::Season(y, s)),
                None => Sem::Fine(Fine::Season(s)),
            });
        }
        if let Some(h) = self.int(a.arg("hol")) {
            return Some(year_point(Fine::Holiday(u16::try_from(h).ok()?)));
        }
        let wd = small(self.int(a.arg("wd"))).filter(|w| (1..=7).contains(w));
        match (wd, date_sem(y, m, d)) {
            (Some(wd), None) if m.is_none() && d.is_none() => Some(Sem::Fine(Fine::Weekday(wd))),
            // "maandag 12 juni": the weekday helps to place a date without a year.
            (Some(wd), Some(s @ Sem::Fine(Fine::DayMonth(..)))) => Some(Sem::Within {
                fine: Fine::Weekday(wd),
                coarse: Box::new(s),
            }),
            (_, s) => s,
        }
    }

    fn clock(&self, a: &Action) -> Option<Sem> {
        let (mut h, mut mi) = match a.arg("t") {
            Some(e) => {
                let slot = match e.terms.as_slice() {
                    [(_, Term::Cap(s))] => *s,
                    _ => return None,
                };
                let (h, m) = self.item(slot)?.f.clock;
                (
                    i32::from(h),
                    i32::from(m) + self.int(a.arg("mi")).unwrap_or(0),
                )
            }
            None => (self.int(a.arg("h"))?, self.int(a.arg("mi")).unwrap_or(0)),
        };
        if a.arg("t").is_some() && a.arg("ampm").is_none() && a.arg("pod").is_none() {
            // Written with minutes (14:15, 9:30): a 24-hour clock.
            return Some(Sem::Fine(Fine::Clock {
                h: i8::try_from(h).ok().filter(|h| (0..=24).contains(h))?,
                m: i8::try_from(mi).ok().filter(|m| (0..60).contains(m))?,
                ampm: AmPm::Exact,
                tz: self.tz(a),
            }));
        }
        while mi < 0 {
            mi += 60;
            h -= 1;
        }
        while mi >= 60 {
            mi -= 60;
            h += 1;
        }
        if h < 0 {
            h += 24;
        }
        if !(0..=24).contains(&h) {
            return None;
        }
        let mut ampm = match self.ident(a.arg("ampm")) {
            Some("am") => AmPm::Am,
            Some("pm") => AmPm::Pm,
            Some("exact") => AmPm::Exact,
            _ if h == 0 || h > 12 => AmPm::Exact,
            _ => AmPm::Either,
        };
        if let Some(p) = self.pod_arg(a.arg("pod")) {
            ampm = super::value::CALENDAR.pod(p).2;
        }
        let tz = self.tz(a);
        Some(Sem::Fine(Fine::Clock {
            h: i8::try_from(h).ok()?,
            m: i8::try_from(mi).ok()?,
            ampm,
            tz,
        }))
    }

    /// The time zone of a clock time.
    fn tz(&self, a: &Action) -> Option<i16> {
        match a.arg("tz")?.terms.as_slice() {
            [(_, Term::Cap(s))] => self.item(*s)?.f.tz,
            [(_, Term::Ident(s))] if s == "utc" => Some(0),
            _ => None,
        }
    }
}

/// A date from year, month and day, any of which may be missing.
fn date_sem(y: Option<i32>, m: Option<i8>, d: Option<i8>) -> Option<Sem> {
    if let Some(m) = m
        && !(1..=12).contains(&m)
    {
        return None;
    }
    if let Some(d) = d
        && !(1..=31).contains(&d)
    {
        return None;
    }
    Some(match (y, m, d) {
        (Some(y), Some(m), Some(d)) => Sem::Point(Point::Day(super::value::ymd(y, m, d)?)),
        (Some(y), Some(m), None) => Sem::Point(Point::Month(y, m)),
        (Some(y), None, None) => Sem::Point(Point::Year(y)),
        (None, Some(m), Some(d)) => {
            // Reject days no month has (31 June).
            super::value::ymd(2000, m, d)?;
            Sem::Fine(Fine::DayMonth(m, d))
        }
        (None, Some(m), None) => Sem::Fine(Fine::Month(m)),
        (None, None, Some(d)) => Sem::Fine(Fine::Dom(d)),
        _ => return None,
    })
}

/// Fractions of a unit in a smaller one: 2.5 years stay 2.5 years, 1.5 hours become 90 minutes.
fn normalize_unit(unit: Unit, n: f64) -> (Unit, f64) {
    if n.fract() == 0.0 {
        return (unit, n);
    }
    match unit {
        Unit::Hour => (Unit::Minute, (n * 60.0).round()),
        Unit::Minute => (Unit::Second, (n * 60.0).round()),
        Unit::Day => (Unit::Hour, (n * 24.0).round()),
        Unit::Week => (Unit::Day, (n * 7.0).round()),
        _ => (unit, n),
    }
}

/// The ends of a range, each taking what it lacks from the other ("van mei tot juli 2014").
fn fill_range(a: Sem, b: Sem) -> (Sem, Sem) {
    let year_of = |s: &Sem| match s {
        Sem::Point(p) => Some(p.year()),
        Sem::Within { coarse, .. } => match coarse.as_ref() {
            Sem::Point(Point::Year(y)) => Some(*y),
            _ => None,
        },
        _ => None,
    };
    let a = match (&a, &b) {
        // "13 tot 15 juli": the first day takes the month (and year).
        (Sem::Fine(Fine::Dom(d)), Sem::Fine(Fine::DayMonth(m, _))) => {
            Sem::Fine(Fine::DayMonth(*m, *d))
        }
        (Sem::Fine(Fine::Dom(d)), Sem::Point(Point::Day(day))) => {
            super::value::ymd(i32::from(day.year()), day.month(), *d)
                .map_or(a.clone(), |x| Sem::Point(Point::Day(x)))
        }
        (Sem::Fine(f), _) if year_of(&b).is_some() => {
            let y = year_of(&b).unwrap_or_default();
            match f {
                Fine::Month(m) => Sem::Point(Point::Month(y, *m)),
                Fine::DayMonth(m, d) => {
                    super::value::ymd(y, *m, *d).map_or(a.clone(), |x| Sem::Point(Point::Day(x)))
                }
                Fine::Season(s) => Sem::Point(Point::Season(y, *s)),
                Fine::Quarter(q) => Sem::Point(Point::Quarter(y, *q)),
                _ => a.clone(),
            }
        }
        _ => a,
    };
    // "donderdag om 9:30 - 11:00": the second time takes the first one's day.
    let b = match (&a, &b) {
        (
            Sem::Within {
                fine: Fine::Clock { .. },
                coarse,
            },
            Sem::Fine(f @ Fine::Clock { .. }),
        ) => Sem::Within {
            fine: *f,
            coarse: coarse.clone(),
        },
        _ => b,
    };
    (a, b)
}
