//! Features of a token in its sentence and document, hashed to 64-bit ids.
//!
//! Each feature is a template number and a few strings; the model folds the hash into its
//! weight table (the hashing trick), so there is no feature dictionary to ship or load.
//!
//! Templates: the word and its lowercase form; prefixes and suffixes of 1 to 4 characters; the
//! word shape (`Xx`, `X`, `d`, `Xx-x`); neighbouring words and shapes within two tokens, with
//! bigrams; gazetteer classes of the token and its neighbours; the parts of a hyphenated
//! compound; and what the rest of the document says about the word (whether it appears
//! capitalised mid-sentence or in lowercase elsewhere), which helps with sentence-initial words.

use super::gazetteer::{Gazetteer, Match, class};
use std::collections::HashMap;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Features of every token of a sentence, stored flat.
#[derive(Debug, Default, Clone)]
pub struct Features {
    offsets: Vec<usize>,
    hashes: Vec<u64>,
}

impl Features {
    /// How many tokens.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The feature ids of token `t`.
    pub fn of(&self, t: usize) -> &[u64] {
        match (self.offsets.get(t), self.offsets.get(t + 1)) {
            (Some(&a), Some(&b)) => &self.hashes[a..b],
            _ => &[],
        }
    }

    fn clear(&mut self) {
        self.offsets.clear();
        self.hashes.clear();
        self.offsets.push(0);
    }
}

/// What a document says about each word form: how often it is capitalised after the first
/// position of a sentence, and how often it is written in lowercase.
#[derive(Debug, Default, Clone)]
pub struct DocContext {
    forms: HashMap<String, (u32, u32)>,
}

impl DocContext {
    /// Counts the forms of a document's sentences.
    pub fn new<'a, S>(sentences: impl IntoIterator<Item = S>) -> DocContext
    where
        S: AsRef<[&'a str]>,
    {
        let mut forms: HashMap<String, (u32, u32)> = HashMap::new();
        for s in sentences {
            for (i, w) in s.as_ref().iter().enumerate() {
                let Some(c) = w.chars().next() else { continue };
                if !c.is_alphabetic() {
                    continue;
                }
                let e = forms.entry(w.to_lowercase()).or_default();
                if c.is_uppercase() {
                    if i > 0 {
                        e.0 += 1;
                    }
                } else {
                    e.1 += 1;
                }
            }
        }
        DocContext { forms }
    }

    /// `(capitalised mid-sentence, lowercase)` counts of a lowercase form.
    fn counts(&self, lower: &str) -> (u32, u32) {
        self.forms.get(lower).copied().unwrap_or((0, 0))
    }
}

/// Maps typographic variants to one form: curly quotes to `"`, apostrophes to `'`, dashes to `-`.
pub fn normalize(word: &str) -> std::borrow::Cow<'_, str> {
    let odd = |c: char| {
        matches!(
            c,
            '“' | '”'
                | '„'
                | '«'
                | '»'
                | '‘'
                | '’'
                | '‚'
                | '`'
                | '´'
                | '–'
                | '—'
                | '‐'
                | '‑'
        )
    };
    if word == ",," || word == "''" || word == "``" {
        return std::borrow::Cow::Owned("\"".to_owned());
    }
    if !word.chars().any(odd) {
        return std::borrow::Cow::Borrowed(word);
    }
    std::borrow::Cow::Owned(
        word.chars()
            .map(|c| match c {
                '“' | '”' | '„' | '«' | '»' => '"',
                '‘' | '’' | '‚' | '`' | '´' => '\'',
                '–' | '—' | '‐' | '‑' => '-',
                c => c,
            })
            .collect(),
    )
}

/// The collapsed shape of a word: `Amsterdam` → `Xx`, `IS-leider` → `X-x`, `15.000` → `d.d`.
pub fn shape(word: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in word.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'x'
        } else {
            c
        };
        if last != Some(s) {
            out.push(s);
            last = Some(s);
        }
        if out.len() >= 8 {
            break;
        }
    }
    out
}

struct Tok {
    norm: String,
    lower: String,
    shape: String,
    gaz: Match,
}

const BOS: &str = "<s>";
const EOS: &str = "</s>";

struct Hasher {
    buf: Vec<u8>,
}

impl Hasher {
    fn h(&mut self, template: u64, parts: &[&str]) -> u64 {
        self.buf.clear();
        for p in parts {
            self.buf.extend_from_slice(p.as_bytes());
            self.buf.push(0x1f);
        }
        xxh3_64_with_seed(&self.buf, template)
    }
}

fn prefix(s: &str, n: usize) -> Option<&str> {
    let end = s.char_indices().nth(n).map(|(i, _)| i);
    match end {
        Some(e) => Some(&s[..e]),
        None if s.chars().count() == n => Some(s),
        None => None,
    }
}

fn suffix(s: &str, n: usize) -> Option<&str> {
    let count = s.chars().count();
    if count < n {
        return None;
    }
    let start = s.char_indices().nth(count - n).map_or(0, |(i, _)| i);
    Some(&s[start..])
}

fn len_bucket(s: &str) -> &'static str {
    match s.chars().count() {
        0..=1 => "1",
        2 => "2",
        3 => "3",
        4..=5 => "4",
        6..=8 => "6",
        _ => "9",
    }
}

fn gaz_features(m: Match, template: u64, h: &mut Hasher, out: &mut Vec<u64>) {
    for (bit, name) in class::ALL {
        if m.begin & bit != 0 {
            out.push(h.h(template, &["B", name]));
        }
        if m.inside & bit != 0 {
            out.push(h.h(template, &["I", name]));
        }
    }
}

/// Computes the features of a sentence's words into `out`.
pub fn extract(words: &[&str], doc: &DocContext, gaz: &Gazetteer, out: &mut Features) {
    out.clear();
    let matches = gaz.matches(words);
    let toks: Vec<Tok> = words
        .iter()
        .zip(matches)
        .map(|(w, gaz)| {
            let norm = normalize(w).into_owned();
            let lower = norm.to_lowercase();
            let shape = shape(&norm);
            Tok {
                norm,
                lower,
                shape,
                gaz,
            }
        })
        .collect();
    let mut h = Hasher {
        buf: Vec::with_capacity(64),
    };
    let n = toks.len();
    let lower = |i: isize| -> &str {
        if i < 0 {
            BOS
        } else {
            toks.get(i as usize).map_or(EOS, |t| t.lower.as_str())
        }
    };
    let shp = |i: isize| -> &str {
        if i < 0 {
            BOS
        } else {
            toks.get(i as usize).map_or(EOS, |t| t.shape.as_str())
        }
    };
    let hashes = &mut out.hashes;
    for (t, tok) in toks.iter().enumerate() {
        let i = t as isize;
        let first = if t == 0 { "1" } else { "0" };
        hashes.push(h.h(0, &[]));
        hashes.push(h.h(1, &[&tok.norm]));
        hashes.push(h.h(2, &[&tok.lower]));
        for k in 1..=4 {
            if let Some(p) = prefix(&tok.lower, k) {
                hashes.push(h.h(2 + k as u64, &[p]));
            }
            if let Some(s) = suffix(&tok.lower, k) {
                hashes.push(h.h(6 + k as u64, &[s]));
            }
        }
        hashes.push(h.h(12, &[&tok.shape]));
        hashes.push(h.h(13, &[&tok.shape, first]));
        hashes.push(h.h(14, &[len_bucket(&tok.lower), &tok.shape]));
        hashes.push(h.h(15, &[lower(i - 1)]));
        hashes.push(h.h(16, &[lower(i + 1)]));
        hashes.push(h.h(17, &[lower(i - 2)]));
        hashes.push(h.h(18, &[lower(i + 2)]));
        hashes.push(h.h(21, &[lower(i - 1), &tok.lower]));
        hashes.push(h.h(22, &[&tok.lower, lower(i + 1)]));
        hashes.push(h.h(23, &[shp(i - 1)]));
        hashes.push(h.h(24, &[shp(i + 1)]));
        hashes.push(h.h(25, &[shp(i - 1), &tok.shape]));
        hashes.push(h.h(26, &[&tok.shape, shp(i + 1)]));
        hashes.push(h.h(27, &[shp(i - 1), &tok.shape, shp(i + 1)]));
        hashes.push(h.h(33, &[lower(i - 1), &tok.shape]));
        hashes.push(h.h(34, &[&tok.shape, lower(i + 1)]));
        hashes.push(h.h(37, &[lower(i + 1), lower(i + 2)]));
        hashes.push(h.h(38, &[lower(i - 2), lower(i - 1)]));
        gaz_features(tok.gaz, 28, &mut h, hashes);
        if t > 0 {
            gaz_features(toks[t - 1].gaz, 29, &mut h, hashes);
        }
        if t + 1 < n {
            gaz_features(toks[t + 1].gaz, 30, &mut h, hashes);
        }
        // The document's word: capitalised elsewhere mid-sentence? in lowercase elsewhere?
        let cap = tok.norm.chars().next().is_some_and(char::is_uppercase);
        if cap {
            let (cap_mid, low) = doc.counts(&tok.lower);
            let others_cap = cap_mid.saturating_sub(u32::from(t > 0)) > 0;
            let f = [
                first,
                if others_cap { "c" } else { "-" },
                if low > 0 { "l" } else { "-" },
            ];
            hashes.push(h.h(31, &f));
        }
        // Hyphenated compounds: `IS-leider`, `Zuid-Afrika`, `al-Baghdadi`.
        if let Some((head, tail)) = tok.norm.split_once('-')
            && let Some((_, last)) = tok.norm.rsplit_once('-')
        {
            hashes.push(h.h(32, &["first", &head.to_lowercase()]));
            hashes.push(h.h(32, &["last", &last.to_lowercase()]));
            hashes.push(h.h(32, &["lastshape", &shape(last)]));
            hashes.push(h.h(32, &["firstshape", &shape(head)]));
            let _ = tail;
        }
        out.offsets.push(hashes.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_collapse() {
        assert_eq!(shape("Amsterdam"), "Xx");
        assert_eq!(shape("IS-leider"), "X-x");
        assert_eq!(shape("15.000"), "d.d");
        assert_eq!(shape("SOCOM"), "X");
    }

    #[test]
    fn affixes_count_characters() {
        assert_eq!(prefix("één", 2), Some("éé"));
        assert_eq!(suffix("één", 2), Some("én"));
        assert_eq!(prefix("ab", 3), None);
        assert_eq!(suffix("ab", 2), Some("ab"));
    }

    #[test]
    fn quotes_normalise() {
        assert_eq!(normalize("“"), "\"");
        assert_eq!(normalize(",,"), "\"");
        assert_eq!(normalize("zo’n"), "zo'n");
        assert_eq!(normalize("plain"), "plain");
    }

    #[test]
    fn every_token_gets_features() {
        let words = ["Abu", "Bakr", "al-Baghdadi", "leeft", "."];
        let doc = DocContext::new([&words[..]]);
        let mut f = Features::default();
        extract(&words, &doc, &Gazetteer::default(), &mut f);
        assert_eq!(f.len(), 5);
        assert!((0..5).all(|t| f.of(t).len() > 20));
        assert!(f.of(9).is_empty());
    }
}
