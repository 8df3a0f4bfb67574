//! The time stage's language data, read once per language from `lang/<iso>/time/`: the lexicon
//! (month and weekday names, number words, units, seasons, holidays, parts of the day, cue words,
//! tense markers) and the rules (`rules.txt`).
//!
//! # The rule format
//!
//! One rule per line: an id, a pattern, `=>`, an action.
//!
//! ```text
//! date/day-month-year   <day> <month> ,? <year>      => date(d=<day>, m=<month>, y=<year>)
//! rel/ago               <num> <unit> geleden         => shift(n=-<num>, unit=<unit>)
//! mod/end               eind|einde {date}            => mod(END, {date})
//! ```
//!
//! A pattern is a sequence of elements separated by spaces; `?` after an element makes it
//! optional. An element is a word or punctuation mark (`vorige`), alternatives (`vorig|vorige`),
//! a word class (`<month>`, see [`CLASSES`]), or an expression found by an earlier pass
//! (`{date}`, see [`TX_CLASSES`]). A group of word sequences, `(the current|this) year`, stands
//! for one rule per choice (`(...)?` adds the empty choice). `[...]` around an element at either
//! end makes it context: it must match but stays outside the expression (`[in] <yy>`). Classes
//! and expressions are captured under their name, or under another with `<day:end>`. Rules with `{...}` elements run after the others and combine
//! what they found. The action (see `sem.rs`) builds the value from the captures; the rule's id,
//! prefixed with the language, names every expression it makes.

use super::sem::Action;
use super::value::{Pod, Season, Unit};
use kroniek_lang::{Language, ResourceError, list};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Word classes, as bits.
pub(crate) mod cls {
    pub const MONTH: u64 = 1 << 0;
    pub const MONTHNAME: u64 = 1 << 1;
    pub const WEEKDAY: u64 = 1 << 2;
    pub const WEEKDAYNAME: u64 = 1 << 3;
    pub const NUM: u64 = 1 << 4;
    pub const NUMWORD: u64 = 1 << 5;
    pub const ORD: u64 = 1 << 6;
    pub const DAY: u64 = 1 << 7;
    pub const YEAR: u64 = 1 << 8;
    pub const YEARALONE: u64 = 1 << 9;
    pub const YY: u64 = 1 << 10;
    pub const DECADE: u64 = 1 << 11;
    pub const DECNUM: u64 = 1 << 12;
    pub const UNIT: u64 = 1 << 13;
    pub const SEASON: u64 = 1 << 14;
    pub const HOLIDAY: u64 = 1 << 15;
    pub const POD: u64 = 1 << 16;
    pub const NUMDATE: u64 = 1 << 17;
    pub const NUMDM: u64 = 1 << 18;
    pub const CLOCK: u64 = 1 << 19;
    pub const HOUR: u64 = 1 << 20;
    pub const MINUTE: u64 = 1 << 21;
    pub const TZ: u64 = 1 << 22;
    pub const DIGITS: u64 = 1 << 23;
    pub const FEW: u64 = 1 << 24;
    pub const CAPWORD: u64 = 1 << 25;
    pub const YEARNUM: u64 = 1 << 26;
    pub const HOURD: u64 = 1 << 27;
    pub const ORDD: u64 = 1 << 28;
    pub const UNITADJ: u64 = 1 << 29;
    pub const DURADJ: u64 = 1 << 30;
    pub const SEASONNAME: u64 = 1 << 31;
    pub const CLOCKOK: u64 = 1 << 32;
    pub const WDABBR: u64 = 1 << 33;
    pub const MINUTED: u64 = 1 << 34;
    // Expressions found by an earlier pass.
    pub const TX: u64 = 1 << 40;
    pub const TX_DATE: u64 = 1 << 41;
    pub const TX_TIME: u64 = 1 << 42;
    pub const TX_DUR: u64 = 1 << 43;
    pub const TX_SET: u64 = 1 << 44;
    pub const TX_REF: u64 = 1 << 45;
    pub const TX_YEAR: u64 = 1 << 46;
    pub const TX_MONTH: u64 = 1 << 47;
    pub const TX_DAY: u64 = 1 << 48;
    pub const TX_WEEKDAY: u64 = 1 << 49;
    pub const TX_CLOCK: u64 = 1 << 50;
    pub const TX_POD: u64 = 1 << 51;
    pub const TX_ABS: u64 = 1 << 52;
    pub const TX_DECADE: u64 = 1 << 53;
    pub const TX_WEEK: u64 = 1 << 54;
    pub const TX_SEASON: u64 = 1 << 55;
    pub const TX_QUARTER: u64 = 1 << 56;
}

/// The word classes a pattern can name.
pub(crate) const CLASSES: &[(&str, u64)] = &[
    ("month", cls::MONTH),
    ("monthname", cls::MONTHNAME),
    ("weekday", cls::WEEKDAY),
    ("weekdayname", cls::WEEKDAYNAME),
    ("num", cls::NUM),
    ("numword", cls::NUMWORD),
    ("digits", cls::DIGITS),
    ("few", cls::FEW),
    ("ord", cls::ORD),
    ("day", cls::DAY),
    ("year", cls::YEAR),
    ("yearalone", cls::YEARALONE),
    ("yearnum", cls::YEARNUM),
    ("yy", cls::YY),
    ("decade", cls::DECADE),
    ("decnum", cls::DECNUM),
    ("unit", cls::UNIT),
    ("season", cls::SEASON),
    ("seasonname", cls::SEASONNAME),
    ("clockok", cls::CLOCKOK),
    ("wdabbr", cls::WDABBR),
    ("minuted", cls::MINUTED),
    ("holiday", cls::HOLIDAY),
    ("pod", cls::POD),
    ("numdate", cls::NUMDATE),
    ("numdm", cls::NUMDM),
    ("clock", cls::CLOCK),
    ("hour", cls::HOUR),
    ("minute", cls::MINUTE),
    ("tz", cls::TZ),
    ("capword", cls::CAPWORD),
    ("hourd", cls::HOURD),
    ("orddigit", cls::ORDD),
    ("unitadj", cls::UNITADJ),
    ("duradj", cls::DURADJ),
];

/// The kinds of found expressions a pattern can name.
pub(crate) const TX_CLASSES: &[(&str, u64)] = &[
    ("any", cls::TX),
    ("date", cls::TX_DATE),
    ("time", cls::TX_TIME),
    ("dur", cls::TX_DUR),
    ("set", cls::TX_SET),
    ("ref", cls::TX_REF),
    ("year", cls::TX_YEAR),
    ("month", cls::TX_MONTH),
    ("day", cls::TX_DAY),
    ("weekday", cls::TX_WEEKDAY),
    ("clock", cls::TX_CLOCK),
    ("pod", cls::TX_POD),
    ("abs", cls::TX_ABS),
    ("decade", cls::TX_DECADE),
    ("week", cls::TX_WEEK),
    ("season", cls::TX_SEASON),
    ("quarter", cls::TX_QUARTER),
];

/// What a word or number contributes.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Feat {
    /// Cardinal value; NaN for an unknown amount ("enkele").
    pub num: f64,
    pub ord: i16,
    pub month: i8,
    pub weekday: i8,
    pub day: i8,
    pub year: i32,
    /// First three digits of a decade (199 for the 1990s).
    pub decade: i32,
    /// Unit index (see `Unit::index`) and how many of it.
    pub unit: u8,
    pub unit_mult: f32,
    pub season: u8,
    pub pod: u8,
    pub holiday: u16,
    /// Hour and minute of a clock time; hour -1 when none.
    pub clock: (i8, i8),
    /// Day, month, year (0 when absent) of a numeric date.
    pub nd: (i8, i8, i32),
    /// Offset from UTC in minutes of a time zone word.
    pub tz: Option<i16>,
    /// Index of a found expression.
    pub tx: u32,
}

/// A lexicon entry.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Entry {
    /// Literal id (0 = not named by any rule).
    pub lit: u16,
    pub cls: u64,
    pub f: Feat,
    /// Only written with a capital (English "May").
    pub cap: bool,
}

/// When a holiday falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HolidayRule {
    /// A fixed day; `sunday_back` moves it a day earlier when it is a Sunday.
    Fixed {
        month: i8,
        day: i8,
        sunday_back: bool,
    },
    /// Days after Easter Sunday.
    Easter(i16),
    /// The n-th weekday of a month (n = -1 for the last).
    Nth { month: i8, weekday: i8, n: i8 },
}

impl HolidayRule {
    fn parse(spec: &str) -> Option<HolidayRule> {
        let spec = spec.trim();
        if let Some(rest) = spec.strip_prefix("easter") {
            let n = if rest.is_empty() {
                0
            } else {
                rest.trim_start_matches('+').parse().ok()?
            };
            return Some(HolidayRule::Easter(n));
        }
        if let Some(rest) = spec.strip_prefix("nth ") {
            let p: Vec<&str> = rest.split_whitespace().collect();
            let [m, wd, n] = p.as_slice() else {
                return None;
            };
            return Some(HolidayRule::Nth {
                month: m.parse().ok()?,
                weekday: wd.parse().ok()?,
                n: n.parse().ok()?,
            });
        }
        let mut parts = spec.split_whitespace();
        let (m, d) = parts.next()?.split_once('-')?;
        let sunday_back = parts.next() == Some("sun-1");
        Some(HolidayRule::Fixed {
            month: m.parse().ok()?,
            day: d.parse().ok()?,
            sunday_back,
        })
    }

    /// The day in `year`.
    pub(crate) fn date(self, year: i32) -> Option<jiff::civil::Date> {
        use super::value::{add_days, weekday, ymd};
        match self {
            HolidayRule::Fixed {
                month,
                day,
                sunday_back,
            } => {
                let d = ymd(year, month, day)?;
                if sunday_back && weekday(d) == 7 {
                    add_days(d, -1)
                } else {
                    Some(d)
                }
            }
            HolidayRule::Easter(n) => add_days(easter(year)?, i64::from(n)),
            HolidayRule::Nth {
                month,
                weekday: wd,
                n,
            } => {
                let first = ymd(year, month, 1)?;
                let wd = jiff::civil::Weekday::from_monday_one_offset(wd).ok()?;
                first.nth_weekday_of_month(n, wd).ok()
            }
        }
    }

    /// Month and day when fixed.
    pub(crate) fn fixed(self) -> Option<(i8, i8)> {
        match self {
            HolidayRule::Fixed { month, day, .. } => Some((month, day)),
            _ => None,
        }
    }
}

/// Easter Sunday (Gregorian, anonymous algorithm).
fn easter(year: i32) -> Option<jiff::civil::Date> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    super::value::ymd(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?)
}

/// A tense marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    Past,
    Future,
    Present,
    /// An auxiliary of the perfect (heeft, has): past with a participle.
    Perfect,
    /// "is", "zijn": a perfect with a participle ("is vertrokken"), else present.
    Be,
}

/// A pattern element.
#[derive(Debug, Clone)]
pub(crate) struct Elem {
    pub atom: Atom,
    pub optional: bool,
    /// Must match but stays outside the expression (`[in] <yy>`).
    pub context: bool,
    /// Capture slot.
    pub slot: Option<u8>,
}

/// What an element matches.
#[derive(Debug, Clone)]
pub(crate) enum Atom {
    /// One of these literal ids.
    Lit(Vec<u16>),
    /// An item of this class (any bit).
    Class(u64),
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    /// `nl/date/day-month`.
    pub id: String,
    pub elems: Vec<Elem>,
    /// The class of each capture slot (for tx slots, the tx mask).
    pub slots: Vec<(String, u64)>,
    pub action: Action,
    /// True when it combines found expressions.
    pub combines: bool,
    /// Context elements before and after the expression.
    pub lead: usize,
    pub trail: usize,
    /// It has two required elements or more, so it needs two items that mean something.
    pub needs_two: bool,
}

/// Everything the time stage knows about one language.
#[derive(Debug, Default)]
pub(crate) struct Grammar {
    pub words: HashMap<String, Entry, FxBuild>,
    pub ord_suffixes: Vec<String>,
    /// Cardinal number words for compounds (value).
    pub cardinals: HashMap<String, f64>,
    /// Tens (twintig..negentig) for compounds.
    pub tens: Vec<(String, f64)>,
    pub holidays: Vec<HolidayRule>,
    pub tense: HashMap<String, Marker>,
    pub past_suffixes: Vec<String>,
    pub participle_prefixes: Vec<String>,
    pub participle_suffixes: Vec<String>,
    /// Words that start a clause (dat, die, omdat; that, which, because).
    pub clause_starts: HashSet<String>,
    pub year_before: HashSet<String>,
    pub year_after: HashSet<String>,
    /// Words after a four-digit number that make it a count, not a year ("3000 man").
    pub year_veto: HashSet<String>,
    /// Every plain four-digit number from 1800 to 2100 is a year unless vetoed (English writes
    /// larger counts with a comma); else only with a cue word.
    pub bare_years: bool,
    pub score_before: HashSet<String>,
    /// Words before a clock time or an abbreviated weekday that make it one ("om 14:15").
    pub clock_before: HashSet<String>,
    /// Words that are time words only in lowercase or at the start of a sentence ("De Morgen"
    /// is a newspaper, "Roze Zaterdag" an event).
    pub lower_only: HashSet<String>,
    /// Numeric dates are day-month-year (else month-day-year).
    pub dmy: bool,
    pub decimal: char,
    pub and_word: String,
    pub half_word: String,
    /// Words that glue onto a weekday or relative day in compounds (zondagavond).
    pub pod_suffixes: Vec<(String, u8)>,
    /// Adjectives of a length of time (urige, daagse) and their unit index.
    pub duration_suffixes: Vec<(String, u8)>,
    /// Last bytes of the words compounds end in (number words, duration adjectives, parts of
    /// the day): a word ending otherwise is no compound.
    pub compound_ends: Vec<bool>,
    pub compound_heads: Vec<String>,
    pub rules: Vec<Rule>,
    /// Rule indices by the literal id of a possible first element.
    pub by_lit: Vec<Vec<u16>>,
    /// Rule indices by class bit of a possible first element.
    pub by_cls: Vec<Vec<u16>>,
    /// Lines that could not be read.
    pub errors: Vec<ResourceError>,
    literals: HashMap<String, u16>,
    /// Holidays of several words, turned into rules after the lexicon is read.
    holiday_phrases: Vec<(String, u16)>,
}

impl Grammar {
    /// The grammar of `lang`, loaded on first use.
    pub(crate) fn get(lang: Language) -> &'static Grammar {
        static NL: LazyLock<Grammar> = LazyLock::new(|| Grammar::load(Language::Nl));
        static EN: LazyLock<Grammar> = LazyLock::new(|| Grammar::load(Language::En));
        match lang {
            Language::Nl => &NL,
            Language::En => &EN,
        }
    }

    fn err(&mut self, lang: Language, file: &str, line: usize, message: impl Into<String>) {
        self.errors.push(ResourceError {
            lang: lang.iso().to_owned(),
            file: format!("time/{file}"),
            line,
            message: message.into(),
        });
    }

    fn entry(&mut self, form: &str) -> &mut Entry {
        self.words.entry(normalize(form)).or_default()
    }

    fn load(lang: Language) -> Grammar {
        let mut g = Grammar {
            dmy: true,
            decimal: ',',
            and_word: "en".to_owned(),
            ..Grammar::default()
        };
        g.load_lexicon(lang);
        g.load_rules(lang);
        g.index();
        g.compound_ends = vec![false; 256];
        let ends: Vec<u8> = g
            .tens
            .iter()
            .map(|(t, _)| t.as_str())
            .chain(g.duration_suffixes.iter().map(|(s, _)| s.as_str()))
            .chain(g.pod_suffixes.iter().map(|(s, _)| s.as_str()))
            .chain(["honderd", "half"])
            .chain(g.cardinals.keys().map(String::as_str))
            .filter_map(|s| s.as_bytes().last().copied())
            .collect();
        for b in ends {
            g.compound_ends[usize::from(b)] = true;
        }
        g
    }

    fn load_lexicon(&mut self, lang: Language) {
        for line in list(lang, "time/settings.tsv") {
            let f: Vec<&str> = line.fields().collect();
            match (f.first().copied(), f.get(1).copied()) {
                (Some("numeric-date"), Some(v)) => self.dmy = v != "mdy",
                (Some("decimal"), Some(v)) => self.decimal = v.chars().next().unwrap_or(','),
                (Some("and"), Some(v)) => self.and_word = v.to_owned(),
                (Some("half"), Some(v)) => self.half_word = v.to_owned(),
                (Some("bare-years"), Some(v)) => self.bare_years = v == "yes",
                (Some("score-before"), Some(v)) => {
                    self.score_before.insert(normalize(v));
                }
                (Some("pod-suffix"), Some(v)) => {
                    if let Some(p) = f.get(2).and_then(|c| Pod::parse(c)) {
                        self.pod_suffixes.push((normalize(v), p.index()));
                    }
                }
                (Some("compound-head"), Some(v)) => self.compound_heads.push(normalize(v)),
                (Some("clock-before"), Some(v)) => {
                    self.clock_before.insert(normalize(v));
                }
                (Some("lowercase-only"), Some(v)) => {
                    self.lower_only.insert(normalize(v));
                }
                _ => self.err(lang, "settings.tsv", line.number, "unknown setting"),
            }
        }
        for line in list(lang, "time/months.tsv") {
            let f: Vec<&str> = line.fields().collect();
            let (Some(form), Some(Ok(m))) = (f.first(), f.get(1).map(|v| v.parse::<i8>())) else {
                self.err(lang, "months.tsv", line.number, "expected: form, month");
                continue;
            };
            let abbr = f.get(2).is_some_and(|x| x.contains("abbr"));
            let cap = f.get(2).is_some_and(|x| x.contains("cap"));
            let e = self.entry(form);
            e.cls |= cls::MONTH | if abbr { 0 } else { cls::MONTHNAME };
            e.f.month = m;
            e.cap |= cap;
        }
        for line in list(lang, "time/weekdays.tsv") {
            let f: Vec<&str> = line.fields().collect();
            let (Some(form), Some(Ok(wd))) = (f.first(), f.get(1).map(|v| v.parse::<i8>())) else {
                self.err(lang, "weekdays.tsv", line.number, "expected: form, weekday");
                continue;
            };
            let abbr = f.get(2).is_some_and(|x| x.contains("abbr"));
            let cap = f.get(2).is_some_and(|x| x.contains("cap"));
            let e = self.entry(form);
            e.cls |= cls::WEEKDAY | if abbr { 0 } else { cls::WEEKDAYNAME };
            e.f.weekday = wd;
            e.cap |= cap;
        }
        for line in list(lang, "time/numbers.tsv") {
            let f: Vec<&str> = line.fields().collect();
            let (Some(form), Some(value), kind) = (f.first(), f.get(1), f.get(2).copied()) else {
                self.err(
                    lang,
                    "numbers.tsv",
                    line.number,
                    "expected: form, value, kind",
                );
                continue;
            };
            let v: f64 = if *value == "X" {
                f64::NAN
            } else if let Ok(v) = value.parse() {
                v
            } else {
                self.err(lang, "numbers.tsv", line.number, "bad value");
                continue;
            };
            match kind {
                Some("ord") => {
                    let e = self.entry(form);
                    e.cls |= cls::ORD;
                    e.f.ord = v as i16;
                    if (1.0..=31.0).contains(&v) {
                        e.cls |= cls::DAY;
                        e.f.day = v as i8;
                    }
                }
                Some("decade") => {
                    let e = self.entry(form);
                    e.cls |= cls::DECADE;
                    e.f.decade = 190 + (v as i32) / 10;
                }
                Some("x") => {
                    let e = self.entry(form);
                    e.cls |= cls::FEW;
                    e.f.num = f64::NAN;
                }
                _ => {
                    let e = self.entry(form);
                    e.cls |= cls::NUM | cls::NUMWORD;
                    e.f.num = v;
                    if v.fract() == 0.0 && (0.0..=24.0).contains(&v) {
                        e.cls |= cls::HOUR;
                    }
                    if v.fract() == 0.0 && (0.0..=59.0).contains(&v) {
                        e.cls |= cls::MINUTE;
                    }
                    if (10.0..=90.0).contains(&v) && v % 10.0 == 0.0 {
                        e.cls |= cls::DECNUM;
                    }
                    let key = normalize(form);
                    if (20.0..=90.0).contains(&v) && v % 10.0 == 0.0 {
                        self.tens.push((key.clone(), v));
                    }
                    if v.fract() == 0.0 {
                        self.cardinals.insert(key, v);
                    }
                }
            }
        }
        self.ord_suffixes = list(lang, "time/ordinal-suffixes.txt")
            .map(|l| l.text.to_lowercase())
            .collect();
        // Longest first so "ste" wins over "e".
        self.ord_suffixes
            .sort_by_key(|s| std::cmp::Reverse(s.len()));
        for line in list(lang, "time/units.tsv") {
            let f: Vec<&str> = line.fields().collect();
            let (Some(form), Some(Some(unit))) = (f.first(), f.get(1).map(|c| Unit::parse(c)))
            else {
                self.err(
                    lang,
                    "units.tsv",
                    line.number,
                    "expected: form, unit, count",
                );
                continue;
            };
            let mult = f.get(2).and_then(|m| m.parse::<f32>().ok()).unwrap_or(1.0);
            let e = self.entry(form);
            e.cls |= cls::UNIT;
            e.f.unit = unit.index();
            e.f.unit_mult = mult;
        }
        for line in list(lang, "time/duration-suffixes.tsv") {
            let f: Vec<&str> = line.fields().collect();
            let (Some(form), Some(Some(unit))) = (f.first(), f.get(1).map(|c| Unit::parse(c)))
            else {
                self.err(
                    lang,
                    "duration-suffixes.tsv",
                    line.number,
                    "expected: form, unit",
                );
                continue;
            };
            let key = normalize(form);
            self.duration_suffixes.push((key.clone(), unit.index()));
            let e = self.entry(&key);
            e.cls |= cls::UNITADJ;
            e.f.unit = unit.index();
            e.f.unit_mult = 1.0;
        }
        for line in list(lang, "time/seasons.tsv") {
            let f: Vec<&str> = line.fields().collect();
            let (Some(form), Some(Some(s))) = (f.first(), f.get(1).map(|c| Season::parse(c)))
            else {
                self.err(
                    lang,
                    "seasons.tsv",
                    line.number,
                    "expected: form, season code",
                );
                continue;
            };
            let bare = f.get(2).is_none_or(|x| !x.contains("nobare"));
            let e = self.entry(form);
            e.cls |= cls::SEASON | if bare { cls::SEASONNAME } else { 0 };
            e.f.season = s.index();
        }
        for line in list(lang, "time/parts-of-day.tsv") {
            let f: Vec<&str> = line.fields().collect();
            let (Some(form), Some(Some(p))) = (f.first(), f.get(1).map(|c| Pod::parse(c))) else {
                self.err(
                    lang,
                    "parts-of-day.tsv",
                    line.number,
                    "expected: form, code",
                );
                continue;
            };
            let e = self.entry(form);
            e.cls |= cls::POD;
            e.f.pod = p.index();
        }
        for line in list(lang, "time/timezones.tsv") {
            let f: Vec<&str> = line.fields().collect();
            let Some(form) = f.first() else { continue };
            let Some(Some(offset)) = f.get(1).map(|o| parse_offset(o)) else {
                self.err(
                    lang,
                    "timezones.tsv",
                    line.number,
                    "expected: form, offset (+01:00)",
                );
                continue;
            };
            let local = f.get(2) == Some(&"local");
            let e = self.entry(form);
            e.cls |= cls::TZ;
            e.f.tz = if local { None } else { Some(offset) };
        }
        for line in list(lang, "time/holidays.tsv") {
            let f: Vec<&str> = line.fields().collect();
            let (Some(form), Some(Some(rule))) =
                (f.first(), f.get(1).map(|s| HolidayRule::parse(s)))
            else {
                self.err(lang, "holidays.tsv", line.number, "expected: form, when");
                continue;
            };
            let id = self.holidays.len() as u16;
            self.holidays.push(rule);
            let form = normalize(form);
            if form.contains(' ') {
                // Several words: a generated rule.
                self.holiday_phrases.push((form, id));
            } else {
                let e = self.entry(&form);
                e.cls |= cls::HOLIDAY;
                e.f.holiday = id;
            }
        }
        for line in list(lang, "time/year-cues.tsv") {
            let f: Vec<&str> = line.fields().collect();
            match (f.first(), f.get(1).copied()) {
                (Some(w), Some("before")) => {
                    self.year_before.insert(normalize(w));
                }
                (Some(w), Some("after")) => {
                    self.year_after.insert(normalize(w));
                }
                (Some(w), Some("veto")) => {
                    self.year_veto.insert(normalize(w));
                }
                _ => self.err(
                    lang,
                    "year-cues.tsv",
                    line.number,
                    "expected: word, before|after",
                ),
            }
        }
        for line in list(lang, "time/tense.tsv") {
            let f: Vec<&str> = line.fields().collect();
            let m = match f.get(1).copied() {
                Some("clause") => {
                    if let Some(w) = f.first() {
                        self.clause_starts.insert(normalize(w));
                    }
                    continue;
                }
                Some("past") => Marker::Past,
                Some("future") => Marker::Future,
                Some("present") => Marker::Present,
                Some("perfect") => Marker::Perfect,
                Some("be") => Marker::Be,
                _ => {
                    self.err(lang, "tense.tsv", line.number, "expected: word, tense");
                    continue;
                }
            };
            if let Some(w) = f.first() {
                self.tense.insert(normalize(w), m);
            }
        }
        self.past_suffixes = list(lang, "time/past-suffixes.txt")
            .map(|l| l.text.to_lowercase())
            .collect();
        self.participle_prefixes = list(lang, "time/participle-prefixes.txt")
            .map(|l| l.text.to_lowercase())
            .collect();
        self.participle_suffixes = list(lang, "time/participle-suffixes.txt")
            .map(|l| l.text.to_lowercase())
            .collect();
    }

    fn literal(&mut self, form: &str) -> u16 {
        let key = normalize(form);
        if let Some(&id) = self.literals.get(&key) {
            return id;
        }
        let id = u16::try_from(self.literals.len() + 1).unwrap_or(u16::MAX);
        self.literals.insert(key.clone(), id);
        self.words.entry(key).or_default().lit = id;
        id
    }

    fn load_rules(&mut self, lang: Language) {
        let phrases = std::mem::take(&mut self.holiday_phrases);
        for (form, id) in phrases {
            let line = format!(
                "holiday/{}  {form} <year>?  =>  holiday({id}, y=<year>)",
                form.replace(' ', "-")
            );
            self.parse_rule(lang, 0, &line);
        }
        for line in list(lang, "time/rules.txt") {
            self.parse_rule(lang, line.number, line.text);
        }
    }

    fn parse_rule(&mut self, lang: Language, number: usize, text: &str) {
        let Some((left, right)) = text.split_once("=>") else {
            self.err(lang, "rules.txt", number, "expected: id pattern => action");
            return;
        };
        let left = left.trim();
        let Some((id, pattern)) = left.split_once(char::is_whitespace) else {
            self.err(lang, "rules.txt", number, "missing pattern");
            return;
        };
        match expand_groups(pattern) {
            Ok(variants) => {
                for v in variants {
                    self.parse_variant(lang, number, id, &v, right);
                }
            }
            Err(m) => self.err(lang, "rules.txt", number, m),
        }
    }

    fn parse_variant(
        &mut self,
        lang: Language,
        number: usize,
        id: &str,
        pattern: &str,
        right: &str,
    ) {
        let parts = pattern.split_whitespace();
        let mut elems = Vec::new();
        let mut slots: Vec<(String, u64)> = Vec::new();
        let mut combines = false;
        for raw in parts {
            let (body, optional) = match raw.strip_suffix('?') {
                Some(b) if !b.is_empty() => (b, true),
                _ => (raw, false),
            };
            let (body, context) = match body.strip_prefix('[').and_then(|b| b.strip_suffix(']')) {
                Some(b) if !b.is_empty() => (b, true),
                _ => (body, false),
            };
            let elem = if let Some(inner) = body.strip_prefix('<').and_then(|b| b.strip_suffix('>'))
            {
                let (class, name) = inner.split_once(':').unwrap_or((inner, inner));
                let Some(&(_, bit)) = CLASSES.iter().find(|(n, _)| *n == class) else {
                    self.err(
                        lang,
                        "rules.txt",
                        number,
                        format!("unknown class <{class}>"),
                    );
                    return;
                };
                let slot = slots.len() as u8;
                slots.push((name.to_owned(), bit));
                Elem {
                    atom: Atom::Class(bit),
                    optional,
                    context,
                    slot: Some(slot),
                }
            } else if let Some(inner) = body.strip_prefix('{').and_then(|b| b.strip_suffix('}')) {
                let (class, name) = inner.split_once(':').unwrap_or((inner, inner));
                let mut mask = 0;
                for c in class.split('|') {
                    let Some(&(_, bit)) = TX_CLASSES.iter().find(|(n, _)| *n == c) else {
                        self.err(
                            lang,
                            "rules.txt",
                            number,
                            format!("unknown expression {{{c}}}"),
                        );
                        return;
                    };
                    mask |= bit;
                }
                combines = true;
                let slot = slots.len() as u8;
                slots.push((name.to_owned(), mask));
                Elem {
                    atom: Atom::Class(mask),
                    optional,
                    context,
                    slot: Some(slot),
                }
            } else {
                let ids: Vec<u16> = body.split('|').map(|w| self.literal(w)).collect();
                Elem {
                    atom: Atom::Lit(ids),
                    optional,
                    context,
                    slot: None,
                }
            };
            elems.push(elem);
        }
        if elems.iter().all(|e| e.optional || e.context) {
            self.err(
                lang,
                "rules.txt",
                number,
                "a pattern needs a required element",
            );
            return;
        }
        let lead = elems.iter().take_while(|e| e.context).count();
        let trail = elems.iter().rev().take_while(|e| e.context).count();
        if elems.iter().filter(|e| e.context).count() != lead + trail
            || elems.iter().any(|e| e.context && e.optional)
        {
            self.err(
                lang,
                "rules.txt",
                number,
                "[context] only at the ends, never optional",
            );
            return;
        }
        if slots.len() > super::matcher::MAX_SLOTS {
            self.err(lang, "rules.txt", number, "too many captures");
            return;
        }
        let action = match Action::parse(right.trim(), &slots) {
            Ok(a) => a,
            Err(m) => {
                self.err(lang, "rules.txt", number, m);
                return;
            }
        };
        let needs_two = elems.iter().filter(|e| !e.optional).count() >= 2;
        self.rules.push(Rule {
            id: format!("{}/{id}", lang.iso()),
            elems,
            slots,
            action,
            combines,
            lead,
            trail,
            needs_two,
        });
    }

    fn index(&mut self) {
        self.by_lit = vec![Vec::new(); self.literals.len() + 2];
        self.by_cls = vec![Vec::new(); 64];
        for (ri, rule) in self.rules.iter().enumerate() {
            let ri = ri as u16;
            for e in &rule.elems {
                match &e.atom {
                    Atom::Lit(ids) => {
                        for &id in ids {
                            if let Some(v) = self.by_lit.get_mut(usize::from(id))
                                && !v.contains(&ri)
                            {
                                v.push(ri);
                            }
                        }
                    }
                    Atom::Class(mask) => {
                        for bit in 0..64 {
                            if mask & (1 << bit) != 0 && !self.by_cls[bit].contains(&ri) {
                                self.by_cls[bit].push(ri);
                            }
                        }
                    }
                }
                if !e.optional {
                    break;
                }
            }
        }
    }
}

/// Expands groups of words, `(the current|this) year`, into one pattern per choice; a `?`
/// after the group makes it optional.
fn expand_groups(pattern: &str) -> Result<Vec<String>, String> {
    let mut variants = vec![String::new()];
    let mut rest = pattern;
    while let Some(open) = rest.find('(') {
        let close = rest[open..]
            .find(')')
            .map(|i| open + i)
            .ok_or("unclosed (")?;
        let before = &rest[..open];
        let inner = &rest[open + 1..close];
        let mut after = &rest[close + 1..];
        let optional = after.starts_with('?');
        if optional {
            after = &after[1..];
        }
        let mut choices: Vec<&str> = inner.split('|').map(str::trim).collect();
        if optional {
            choices.push("");
        }
        let mut next = Vec::new();
        for v in &variants {
            for c in &choices {
                next.push(format!("{v}{before} {c} "));
            }
        }
        if next.len() > 256 {
            return Err("too many choices".to_owned());
        }
        variants = next;
        rest = after;
    }
    Ok(variants.into_iter().map(|v| format!("{v}{rest}")).collect())
}

/// A fast hash for short keys (the Fx hash of rustc): the lexicon is read for every token.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.write(&[b]);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Builds [`Fx`] hashers.
pub(crate) type FxBuild = std::hash::BuildHasherDefault<Fx>;

/// `+01:00`, `-05:00`, `0` as minutes.
fn parse_offset(s: &str) -> Option<i16> {
    let s = s.trim();
    if s == "0" || s == "Z" {
        return Some(0);
    }
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
    Some(sign * (h.parse::<i16>().ok()? * 60 + m.parse::<i16>().ok()?))
}

/// A form as the lexicon keys it: lowercase, with typographic apostrophes made straight.
pub(crate) fn normalize(form: &str) -> String {
    let mut s = String::with_capacity(form.len());
    normalize_into(form, &mut s);
    s
}

/// [`normalize`] into a buffer.
pub(crate) fn normalize_into(form: &str, out: &mut String) {
    out.clear();
    if form.is_ascii() {
        out.push_str(form);
        out.make_ascii_lowercase();
        return;
    }
    for c in form.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '`' | '\u{00B4}' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_loads_without_errors() {
        for lang in Language::ALL {
            let g = Grammar::get(lang);
            assert!(g.errors.is_empty(), "{lang}: {:#?}", g.errors);
            assert!(!g.rules.is_empty(), "{lang} has rules");
        }
    }

    #[test]
    fn holidays_fall_on_their_days() {
        let d = |r: &str, y| {
            HolidayRule::parse(r)
                .and_then(|h| h.date(y))
                .map(|d| d.to_string())
        };
        assert_eq!(d("easter+0", 2013).as_deref(), Some("2013-03-31"));
        assert_eq!(d("nth 05 7 2", 2013).as_deref(), Some("2013-05-12"));
        assert_eq!(d("04-27 sun-1", 2014).as_deref(), Some("2014-04-26"));
        assert_eq!(d("04-27 sun-1", 2018).as_deref(), Some("2018-04-27"));
        assert_eq!(d("nth 11 4 4", 1998).as_deref(), Some("1998-11-26"));
    }
}
