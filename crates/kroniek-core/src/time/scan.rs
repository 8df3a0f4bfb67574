//! From the text stage's tokens to the items rules match: each token (or part of a hyphenated
//! word) with its literal id, its word classes and what it contributes (a month, a number, a
//! clock time).

use super::grammar::{Feat, Grammar, cls, normalize_into};
use crate::model::Span;
use crate::text::{Token, TokenKind};

/// What rules match: a token or a found expression.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item {
    pub span: Span,
    pub lit: u16,
    pub cls: u64,
    pub f: Feat,
    /// Punctuation or a sentence end.
    pub punct: bool,
}

impl Default for Item {
    fn default() -> Item {
        Item::blank(Span::new(0, 0))
    }
}

impl Item {
    pub(crate) fn blank(span: Span) -> Item {
        Item {
            span,
            lit: 0,
            cls: 0,
            f: Feat::default(),
            punct: false,
        }
    }
}

/// Reusable buffers.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    key: String,
}

/// Builds the items of `tokens`.
pub(crate) fn items(text: &str, tokens: &[Token], g: &Grammar, s: &mut Scratch) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        let raw = t.text(text);
        match t.kind {
            TokenKind::Number => number_items(raw, t.span, g, &mut out),
            TokenKind::Word | TokenKind::Abbreviation => {
                // "Aug" + "." written together: the abbreviation with its period.
                if t.kind == TokenKind::Word
                    && let Some(next) = tokens.get(i + 1)
                    && next.kind == TokenKind::Terminal
                    && next.span.start == t.span.end
                    && next.text(text) == "."
                {
                    normalize_into(raw, &mut s.key);
                    s.key.push('.');
                    if let Some(e) = g.words.get(s.key.as_str())
                        && e.cls != 0
                    {
                        out.push(Item {
                            span: Span::new(t.span.start, next.span.end),
                            lit: e.lit,
                            cls: e.cls,
                            f: e.f,
                            punct: false,
                        });
                        i += 2;
                        continue;
                    }
                }
                word_items(raw, t.span, g, s, &mut out);
            }
            _ => {
                normalize_into(raw, &mut s.key);
                let mut it = Item::blank(t.span);
                it.punct = true;
                if let Some(e) = g.words.get(s.key.as_str()) {
                    it.lit = e.lit;
                }
                out.push(it);
            }
        }
        i += 1;
    }
    join_numbers(text, g, &mut out, s);
    context_classes(text, g, &mut out, s);
    out
}

fn word_items(raw: &str, span: Span, g: &Grammar, s: &mut Scratch, out: &mut Vec<Item>) {
    normalize_into(raw, &mut s.key);
    let upper = raw.chars().next().is_some_and(char::is_uppercase);
    // A possessive ("last month's") whose stem means more than the whole word.
    let possessive = s.key.len() > 2
        && (s.key.ends_with("'s") || s.key.ends_with("s'"))
        && s.key[..s.key.len() - 2].chars().all(char::is_alphanumeric)
        && g.words
            .get(&s.key[..s.key.len() - 2])
            .is_some_and(|e| e.cls != 0);
    if let Some(e) = g.words.get(s.key.as_str())
        && (e.cls != 0 || !possessive)
    {
        let mut it = Item::blank(span);
        it.lit = e.lit;
        if !e.cap || upper {
            it.cls = e.cls;
            it.f = e.f;
        }
        if upper {
            it.cls |= cls::CAPWORD;
        }
        out.push(it);
        return;
    }
    // A possessive: "last month's", "Friday's" (the expression without the 's).
    if let Some(stem) = s
        .key
        .strip_suffix("'s")
        .or_else(|| s.key.strip_suffix("s'"))
        .filter(|st| !st.is_empty())
        && raw.is_ascii()
        && let Some(e) = g.words.get(stem)
        && (e.cls != 0 || e.lit != 0)
    {
        let cut = span.start + stem.len();
        let mut it = Item::blank(Span::new(span.start, cut));
        it.lit = e.lit;
        if !e.cap || upper {
            it.cls = e.cls;
            it.f = e.f;
        }
        out.push(it);
        let mut rest = Item::blank(Span::new(cut, span.end));
        rest.lit = g.words.get("'s").map_or(0, |e| e.lit);
        out.push(rest);
        return;
    }
    // An abbreviation the lexicon knows without its period.
    if let Some(stem) = s.key.strip_suffix('.')
        && let Some(e) = g.words.get(stem)
        && e.cls & (cls::MONTH | cls::WEEKDAY) != 0
    {
        let mut it = Item::blank(span);
        it.lit = e.lit;
        it.cls = e.cls;
        it.f = e.f;
        out.push(it);
        return;
    }
    // Hyphenated words: each part on its own ("third-quarter", "mid-1990s", "01-Mar-08").
    if raw.contains('-') && raw.len() > 1 {
        let mut start = 0;
        for (pos, c) in raw.char_indices().chain(std::iter::once((raw.len(), '-'))) {
            if c == '-' {
                if pos > start {
                    let part = &raw[start..pos];
                    let pspan = Span::new(span.start + start, span.start + pos);
                    if part.bytes().all(|b| b.is_ascii_digit()) {
                        number_items(part, pspan, g, out);
                    } else {
                        word_items(part, pspan, g, s, out);
                    }
                }
                if pos < raw.len() {
                    let mut it = Item::blank(Span::new(span.start + pos, span.start + pos + 1));
                    it.punct = true;
                    it.lit = g.words.get("-").map_or(0, |e| e.lit);
                    out.push(it);
                }
                start = pos + 1;
            }
        }
        return;
    }
    let key = s.key.as_str();
    let first_digit = key.as_bytes().first().is_some_and(u8::is_ascii_digit);
    if first_digit {
        if let Some(it) = digit_word(key, span, g) {
            out.push(it);
            return;
        }
    } else if key
        .as_bytes()
        .last()
        .is_some_and(|b| g.compound_ends[usize::from(*b)])
    {
        // Only words ending as a number word, a duration adjective or a part of the day can be
        // compounds of them.
        if let Some(v) = compound_number(key, g) {
            let mut it = Item::blank(span);
            it.cls = cls::NUM | cls::NUMWORD;
            it.f.num = v;
            if v.fract() == 0.0 && (0.0..=24.0).contains(&v) {
                it.cls |= cls::HOUR;
            }
            if v.fract() == 0.0 && (0.0..=59.0).contains(&v) {
                it.cls |= cls::MINUTE;
            }
            out.push(it);
            return;
        }
        // "twaalfurige", "driedaagse": a number word and an adjective of a length of time.
        for (suffix, unit) in &g.duration_suffixes {
            if let Some(head) = key.strip_suffix(suffix.as_str())
                && let Some(v) = g
                    .cardinals
                    .get(head)
                    .copied()
                    .or_else(|| compound_number(head, g))
                && v >= 1.0
            {
                let mut it = Item::blank(span);
                it.cls = cls::DURADJ;
                it.f.num = v;
                it.f.unit = *unit;
                it.f.unit_mult = 1.0;
                out.push(it);
                return;
            }
        }
        // "zondagavond", "gisteravond": a weekday or day word and a part of the day.
        if key.len() >= 9 {
            for (suffix, pod) in &g.pod_suffixes {
                if let Some(head) = key.strip_suffix(suffix.as_str())
                    && head.len() >= 3
                    && let Some(e) = g.words.get(head)
                    && (e.cls & cls::WEEKDAYNAME != 0 || g.compound_heads.iter().any(|h| h == head))
                {
                    let cut = span.start + head.len();
                    // Byte lengths of the lowercase key match the source only for ASCII words.
                    if !raw.is_ascii() {
                        break;
                    }
                    let mut a = Item::blank(Span::new(span.start, cut));
                    a.lit = e.lit;
                    a.cls = e.cls;
                    a.f = e.f;
                    out.push(a);
                    let mut b = Item::blank(Span::new(cut, span.end));
                    if let Some(pe) = g.words.get(suffix.as_str()) {
                        b.lit = pe.lit;
                        b.cls = pe.cls;
                        b.f = pe.f;
                    } else {
                        b.cls = cls::POD;
                        b.f.pod = *pod;
                    }
                    out.push(b);
                    return;
                }
            }
        }
    }
    let mut it = Item::blank(span);
    if upper {
        it.cls = cls::CAPWORD;
    }
    out.push(it);
}

/// Words that start with a digit: ordinals (15de, 3rd), decades (1990s), clock times (17u10).
fn digit_word(key: &str, span: Span, g: &Grammar) -> Option<Item> {
    let digits = key.bytes().take_while(u8::is_ascii_digit).count();
    let (num, rest) = key.split_at(digits);
    let n: i32 = num.parse().ok()?;
    let mut it = Item::blank(span);
    if g.ord_suffixes.iter().any(|s| s == rest) && digits <= 3 {
        it.cls = cls::ORD | cls::ORDD;
        it.f.ord = i16::try_from(n).ok()?;
        if (1..=31).contains(&n) {
            it.cls |= cls::DAY;
            it.f.day = n as i8;
        }
        return Some(it);
    }
    if rest == "s" || rest == "'s" {
        let dec = match digits {
            4 if n % 10 == 0 => n / 10,
            2 if n % 10 == 0 => 190 + n / 10,
            _ => return None,
        };
        it.cls = cls::DECADE;
        it.f.decade = dec;
        return Some(it);
    }
    // 17u10, 14u, 15h, 18:30u
    let (h, m) = if let Some(after) = rest.strip_prefix(['u', 'h']) {
        let m: i32 = if after.is_empty() {
            0
        } else if after.len() == 2 && after.bytes().all(|b| b.is_ascii_digit()) {
            after.parse().ok()?
        } else {
            return None;
        };
        (n, m)
    } else if let Some(after) = rest.strip_prefix(':') {
        let (mm, suffix) = after.split_at(after.len().min(2));
        if !matches!(suffix, "u" | "h") || !mm.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        (n, mm.parse().ok()?)
    } else {
        return None;
    };
    if !(0..=24).contains(&h) || !(0..=59).contains(&m) || digits > 2 {
        return None;
    }
    // 17u10, 14h: written as a time of day, whatever the context.
    it.cls = cls::CLOCK | cls::CLOCKOK;
    it.f.clock = (h as i8, m as i8);
    Some(it)
}

/// Dutch compounds (vijfentwintig, tweeëntwintig, honderdvijftig, tweeëneenhalf).
fn compound_number(key: &str, g: &Grammar) -> Option<f64> {
    if g.tens.is_empty() || key.len() < 6 {
        return None;
    }
    if let Some(head) = key
        .strip_suffix("eneenhalf")
        .or_else(|| key.strip_suffix("ëneenhalf"))
    {
        let base = g
            .cardinals
            .get(head)
            .copied()
            .or_else(|| compound_number(head, g))?;
        return Some(base + 0.5);
    }
    if !(key.ends_with("tig") || key.contains("honderd")) {
        return None;
    }
    let (hundreds, rest) = match key.find("honderd") {
        Some(i) => {
            let head = &key[..i];
            let h = if head.is_empty() {
                1.0
            } else {
                *g.cardinals.get(head).filter(|v| **v < 10.0)?
            };
            (h * 100.0, &key[i + "honderd".len()..])
        }
        None => (0.0, key),
    };
    let rest_value = if rest.is_empty() {
        0.0
    } else if let Some(v) = g.cardinals.get(rest) {
        *v
    } else {
        let (t, tv) = g.tens.iter().find(|(t, _)| rest.ends_with(t.as_str()))?;
        let head = &rest[..rest.len() - t.len()];
        let unit = head
            .strip_suffix("en")
            .or_else(|| head.strip_suffix("ën"))?;
        let u = *g.cardinals.get(unit).filter(|v| **v < 10.0 && **v > 0.0)?;
        tv + u
    };
    let v = hundreds + rest_value;
    (v > 0.0 && (hundreds > 0.0 || rest_value > 20.0)).then_some(v)
}

/// Items for a number token: plain numbers, decimals, thousands, dates, clock times, year
/// ranges.
fn number_items(raw: &str, span: Span, g: &Grammar, out: &mut Vec<Item>) {
    let mut it = Item::blank(span);
    // '81
    if let Some(rest) = raw.strip_prefix(['\'', '\u{2019}', '`', '\u{00B4}']) {
        if let Ok(n) = rest.parse::<i32>() {
            it.cls = cls::YY;
            it.f.year = if n <= 30 { 2000 + n } else { 1900 + n };
            it.f.num = f64::from(n);
            if n % 10 == 0 {
                it.cls |= cls::DECNUM;
            }
        }
        out.push(it);
        return;
    }
    if raw.bytes().all(|b| b.is_ascii_digit()) {
        digits_item(raw, &mut it);
        out.push(it);
        return;
    }
    // A range of clock times written as one: 11:30-13:30.
    if let Some((a, b)) = raw.split_once('-')
        && a.contains(':')
        && b.contains(':')
        && !b.contains('-')
    {
        let mid = span.start + a.len();
        number_items(a, Span::new(span.start, mid), g, out);
        let mut dash = Item::blank(Span::new(mid, mid + 1));
        dash.punct = true;
        dash.lit = g.words.get("-").map_or(0, |e| e.lit);
        out.push(dash);
        number_items(b, Span::new(mid + 1, span.end), g, out);
        return;
    }
    let seps: Vec<(usize, u8)> = raw
        .bytes()
        .enumerate()
        .filter(|(_, b)| !b.is_ascii_digit())
        .collect();
    let parts: Vec<&str> = raw.split(|c: char| !c.is_ascii_digit()).collect();
    let all_same = seps.windows(2).all(|w| w[0].1 == w[1].1);
    let num = |p: &str| p.parse::<i32>().ok();
    match (parts.as_slice(), seps.first().map(|s| s.1)) {
        // Clock 14:15, and 18.30 (a clock or a day.month).
        ([a, b], Some(sep)) if (sep == b':' || sep == b'.') && a.len() <= 2 && b.len() == 2 => {
            let (h, m) = (num(a).unwrap_or(99), num(b).unwrap_or(99));
            // 18.30 is a time where the decimal point is a comma, a number elsewhere.
            let clock = sep == b':' || char::from(sep) != g.decimal;
            if clock && (0..=24).contains(&h) && (0..=59).contains(&m) {
                it.cls |= cls::CLOCK;
                it.f.clock = (h as i8, m as i8);
            }
            if sep == b'.' && char::from(sep) != g.decimal {
                date_parts(&[a, b], g, sep, &mut it);
            }
            if char::from(sep) == g.decimal {
                decimal(raw, g, &mut it);
            }
        }
        // Year ranges: 2014-2016, 1998-99.
        ([a, b], Some(b'-' | b'/')) if a.len() == 4 && (b.len() == 4 || b.len() == 2) => {
            let (Some(y1), Some(y2)) = (num(a), num(b)) else {
                out.push(it);
                return;
            };
            let y2 = if b.len() == 2 {
                y1 / 100 * 100 + y2
            } else {
                y2
            };
            if (1000..=2199).contains(&y1) && y2 > y1 && y2 - y1 < 100 {
                let mut first = Item::blank(Span::new(span.start, span.start + 4));
                digits_item(a, &mut first);
                first.cls |= cls::YEARALONE;
                let mut dash = Item::blank(Span::new(span.start + 4, span.start + 5));
                dash.punct = true;
                dash.lit = g.words.get("-").map_or(0, |e| e.lit);
                let mut second = Item::blank(Span::new(span.start + 5, span.end));
                second.cls = cls::YEAR | cls::YEARALONE | cls::NUM;
                second.f.year = y2;
                second.f.num = f64::from(y2);
                out.extend([first, dash, second]);
                return;
            }
        }
        (p, Some(sep))
            if all_same && (2..=3).contains(&p.len()) && matches!(sep, b'-' | b'/' | b'.') =>
        {
            let thousands = sep != b'-'
                && char::from(sep) != g.decimal
                && p.iter().skip(1).all(|x| x.len() == 3)
                && p[0].len() <= 3;
            if thousands {
                it.cls = cls::NUM;
                it.f.num = raw.replace(char::from(sep), "").parse().unwrap_or(f64::NAN);
            } else if char::from(sep) == g.decimal {
                if p.len() == 2 {
                    decimal(raw, g, &mut it);
                }
            } else {
                date_parts(p, g, sep, &mut it);
            }
        }
        (p, Some(sep)) if all_same && p.len() >= 2 => {
            if char::from(sep) == g.decimal && p.len() == 2 {
                decimal(raw, g, &mut it);
            } else if p.iter().skip(1).all(|x| x.len() == 3) && p[0].len() <= 3 {
                it.cls = cls::NUM;
                it.f.num = raw.replace(char::from(sep), "").parse().unwrap_or(f64::NAN);
            }
        }
        _ => {}
    }
    out.push(it);
}

fn decimal(raw: &str, g: &Grammar, it: &mut Item) {
    if let Ok(v) = raw.replace(g.decimal, ".").parse::<f64>() {
        it.cls |= cls::NUM;
        it.f.num = v;
    }
}

fn digits_item(raw: &str, it: &mut Item) {
    let Ok(n) = raw.parse::<i64>() else {
        return;
    };
    it.cls = cls::NUM | cls::DIGITS;
    it.f.num = n as f64;
    if raw.len() <= 2 {
        if (1..=31).contains(&n) {
            it.cls |= cls::DAY;
            it.f.day = n as i8;
        }
        if (0..=24).contains(&n) {
            it.cls |= cls::HOUR | cls::HOURD;
        }
        if (0..=59).contains(&n) {
            it.cls |= cls::MINUTE | cls::MINUTED;
        }
        if n % 10 == 0 && n > 0 {
            it.cls |= cls::DECNUM;
        }
    }
    if raw.len() == 4 {
        it.cls |= cls::YEARNUM;
        it.f.year = n as i32;
        if (1000..=2199).contains(&n) {
            it.cls |= cls::YEAR;
        }
    }
}

/// A numeric date: d-m-y (or m/d/y), y-m-d, d-m.
fn date_parts(p: &[&str], g: &Grammar, sep: u8, it: &mut Item) {
    let num = |s: &str| s.parse::<i32>().ok();
    let year = |s: &str| -> Option<i32> {
        let y = num(s)?;
        match s.len() {
            4 => Some(y),
            2 => Some(if y <= 30 { 2000 + y } else { 1900 + y }),
            _ => None,
        }
    };
    let (d, m, y) = match p {
        [a, b, c] if a.len() == 4 => (num(c), num(b), year(a)),
        [a, b, c] if !g.dmy && sep == b'/' => (num(b), num(a), year(c)),
        [a, b, c] => (num(a), num(b), year(c)),
        [a, b] if !g.dmy && sep == b'/' => (num(b), num(a), Some(0)),
        [a, b] => (num(a), num(b), Some(0)),
        _ => return,
    };
    let (Some(d), Some(m), Some(y)) = (d, m, y) else {
        return;
    };
    if !(1..=31).contains(&d) || !(1..=12).contains(&m) {
        return;
    }
    if p.iter().any(|x| x.len() > 4 || x.is_empty()) {
        return;
    }
    if y != 0 && super::value::ymd(y, m as i8, d as i8).is_none() {
        return;
    }
    it.f.nd = (d as i8, m as i8, y);
    it.cls |= if y == 0 { cls::NUMDM } else { cls::NUMDATE };
}

/// Number words that belong together: "twenty-five", "twenty five", "twee en een half".
fn join_numbers(text: &str, g: &Grammar, out: &mut Vec<Item>, s: &mut Scratch) {
    let mut i = 0;
    while i + 1 < out.len() {
        let a = out[i];
        // "5 1/2 hours"
        if a.cls & cls::DIGITS != 0 {
            let frac = match out[i + 1].span.slice(text) {
                "1/2" => Some(0.5),
                "1/4" => Some(0.25),
                "3/4" => Some(0.75),
                _ => None,
            };
            if let Some(f) = frac {
                let end = out[i + 1].span.end;
                set_num(&mut out[i], a.f.num + f, end);
                out.remove(i + 1);
                continue;
            }
        }
        if a.cls & cls::NUMWORD == 0 {
            i += 1;
            continue;
        }
        // tens + unit, with or without a hyphen
        let (skip, b) = match (out.get(i + 1), out.get(i + 2)) {
            (Some(h), Some(b)) if h.punct && h.span.slice(text) == "-" => (2, *b),
            (Some(b), _) => (1, *b),
            _ => break,
        };
        let tens = (20.0..=90.0).contains(&a.f.num) && a.f.num % 10.0 == 0.0;
        if tens && b.cls & cls::NUMWORD != 0 && b.f.num >= 1.0 && b.f.num <= 9.0 {
            set_num(&mut out[i], a.f.num + b.f.num, b.span.end);
            out.drain(i + 1..=i + skip);
            continue;
        }
        // N en een half / N and a half
        if skip == 1 && !g.half_word.is_empty() && out.len() > i + 3 {
            normalize_into(out[i + 1].span.slice(text), &mut s.key);
            let and = s.key == g.and_word;
            normalize_into(out[i + 3].span.slice(text), &mut s.key);
            let half = s.key == g.half_word;
            let one = out[i + 2].cls & cls::NUM != 0 && out[i + 2].f.num == 1.0;
            if and && one && half {
                let end = out[i + 3].span.end;
                set_num(&mut out[i], a.f.num + 0.5, end);
                out.drain(i + 1..=i + 3);
                continue;
            }
        }
        i += 1;
    }
}

fn set_num(it: &mut Item, v: f64, end: usize) {
    it.span = Span::new(it.span.start, end);
    it.f.num = v;
    it.lit = 0;
    it.cls = cls::NUM | cls::NUMWORD;
    if v.fract() == 0.0 && (0.0..=24.0).contains(&v) {
        it.cls |= cls::HOUR;
    }
    if v.fract() == 0.0 && (0.0..=59.0).contains(&v) {
        it.cls |= cls::MINUTE;
    }
}

/// True when item `i` starts a sentence (or the text).
fn initial(text: &str, out: &[Item], i: usize) -> bool {
    match i.checked_sub(1).and_then(|j| out.get(j)) {
        None => true,
        Some(p) => {
            p.punct
                && matches!(
                    p.span.slice(text),
                    "." | "!" | "?" | ":" | ";" | "\"" | "„" | "“" | "”" | "'" | "«" | "»" | "…"
                )
        }
    }
}

/// Classes that depend on the neighbours: a year standing alone, a day-month that is not a
/// score, a clock time or abbreviated weekday where one is expected, capitalised names.
fn context_classes(text: &str, g: &Grammar, out: &mut [Item], s: &mut Scratch) {
    for i in 0..out.len() {
        // "De Morgen", "Roze Zaterdag": a capital inside a sentence makes a name.
        if (out[i].cls != 0 || out[i].lit != 0) && !g.lower_only.is_empty() {
            let raw = out[i].span.slice(text);
            if raw.chars().next().is_some_and(char::is_uppercase) && !initial(text, out, i) {
                normalize_into(raw, &mut s.key);
                if g.lower_only.contains(s.key.as_str()) {
                    out[i].cls = cls::CAPWORD;
                    out[i].lit = 0;
                }
            }
        }
        let c = out[i].cls;
        if c & (cls::CLOCK | cls::WEEKDAY) != 0 {
            // A bare 16:59 is a time of day after "om", before "uur", or opening a sentence;
            // in a list of results it is a gap. Likewise "zo." for zondag.
            let cue = i.checked_sub(1).and_then(|j| out.get(j)).is_some_and(|p| {
                normalize_into(p.span.slice(text), &mut s.key);
                g.clock_before.contains(s.key.as_str())
                    || p.cls & (cls::WEEKDAY | cls::MONTH | cls::YEAR | cls::DAY) != 0
            });
            let next_ok = out.get(i + 1).is_some_and(|n| {
                n.cls & (cls::TZ | cls::DAY | cls::NUMDATE | cls::NUMDM) != 0 || {
                    normalize_into(n.span.slice(text), &mut s.key);
                    matches!(
                        s.key.as_str(),
                        "uur" | "u" | "h" | "a.m." | "p.m." | "am" | "pm"
                    )
                }
            });
            if cue || next_ok || initial(text, out, i) {
                if c & cls::CLOCK != 0 {
                    out[i].cls |= cls::CLOCKOK;
                }
                if c & cls::WEEKDAY != 0 && c & cls::WEEKDAYNAME == 0 {
                    out[i].cls |= cls::WDABBR;
                }
            }
        }
        if c & cls::YEAR != 0 && c & cls::YEARALONE == 0 {
            let before = i.checked_sub(1).and_then(|j| out.get(j)).is_some_and(|p| {
                normalize_into(p.span.slice(text), &mut s.key);
                g.year_before.contains(s.key.as_str())
            });
            let after = match out.get(i + 1) {
                None => true,
                Some(n) => {
                    normalize_into(n.span.slice(text), &mut s.key);
                    g.year_after.contains(s.key.as_str()) || (n.punct && s.key != "%")
                }
            };
            let year = out[i].f.year;
            let vetoed = out.get(i + 1).is_some_and(|n| {
                normalize_into(n.span.slice(text), &mut s.key);
                g.year_veto.contains(s.key.as_str())
            });
            let bare = g.bare_years && (1800..=2100).contains(&year);
            if !vetoed
                && ((before && (1000..=2199).contains(&year))
                    || (after && (1900..=2100).contains(&year))
                    || bare)
            {
                out[i].cls |= cls::YEARALONE;
            }
        }
        if c & cls::NUMDM != 0 {
            // "3-1" after "stand" is a score; two one-digit parts with a hyphen, or a day and
            // month with a point ("categorie 1.2"), need a cue word ("op 10.10") to be a date.
            let prev = i.checked_sub(1).and_then(|j| out.get(j)).map(|p| {
                normalize_into(p.span.slice(text), &mut s.key);
                (
                    g.score_before.contains(s.key.as_str()),
                    g.year_before.contains(s.key.as_str()),
                )
            });
            let raw = out[i].span.slice(text);
            let short = (raw.contains('-') && raw.len() <= 3) || raw.contains('.');
            let (score, cue) = prev.unwrap_or((false, false));
            if score || (short && !cue) {
                out[i].cls &= !cls::NUMDM;
            }
        }
    }
}
