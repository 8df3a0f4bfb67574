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

use super::clusters::Clusters;
use super::gazetteer::{Gazetteer, Match, class};
use super::label::{Label, TYPES, chunks};
use super::lexicon::Lexicon;
use foldhash::HashMap;
use std::cell::RefCell;
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

    /// Replaces token `t`'s word-identity features (the word and its lowercase form, always
    /// the second and third features) by an "unknown word" marker: word dropout in training,
    /// so the model learns to use context and shape, as it must for names it never saw.
    pub fn drop_word(&mut self, t: usize) {
        if let Some(&a) = self.offsets.get(t)
            && let Some(slot) = self.hashes.get_mut(a + 1..a + 3)
        {
            slot[0] = UNKNOWN_WORD;
            slot[1] = UNKNOWN_WORD ^ 1;
        }
    }

    fn clear(&mut self) {
        self.offsets.clear();
        self.hashes.clear();
        self.offsets.push(0);
    }
}

const UNKNOWN_WORD: u64 = 0x9E37_79B9_7F4A_7C15;

/// What a document says about each word form: how often it is capitalised after the first
/// position of a sentence, how often it is written in lowercase, and, for capitalised forms, the
/// words around its occurrences and the heads of compounds it starts (`Arinso-topman`), so that
/// every occurrence sees the context of all (Ratinov and Roth's context aggregation).
#[derive(Debug, Default, Clone)]
pub struct DocContext {
    forms: HashMap<String, (u32, u32)>,
    around: HashMap<String, Vec<(u8, String)>>,
    /// Each distinct word's own features, made the first time a sentence of the document has
    /// it: a document repeats its words, and a word's forms and hashes do not change.
    words: RefCell<WordCache>,
}

/// A word's forms and the hashes of the features that depend on it alone.
#[derive(Debug, Clone)]
struct WordInfo {
    /// The word as written, in lowercase (the second pass's name keys).
    raw_lower: String,
    norm: String,
    lower: String,
    shape: String,
    common: bool,
    /// Capitalised (its normalised form starts with a capital).
    cap: bool,
    /// `C` capitalised, `l` other letters or digits, `p` punctuation.
    capc: &'static str,
    /// The word, its lowercase form, prefixes and suffixes of 1 to 4 characters, its shape.
    own: Vec<u64>,
    /// Its shape, not first / first in the sentence.
    shape_first: [u64; 2],
    /// Its length bucket and shape.
    len_shape: u64,
    /// As the previous, next, second previous and second next word.
    as_neighbour: [u64; 4],
    /// Its shape as the previous and the next word's.
    shape_as_neighbour: [u64; 2],
    /// Prefix and suffix of 5 characters.
    affix5: Vec<u64>,
    /// Its last three characters as the previous and the next word's.
    suffix_as_neighbour: [u64; 2],
    /// Character trigrams (capitalised words only).
    grams: Vec<u64>,
    /// The parts of a hyphenated compound.
    hyphen: Vec<u64>,
}

#[derive(Debug, Clone, Default)]
struct WordCache {
    index: HashMap<String, usize>,
    items: Vec<WordInfo>,
}

impl WordCache {
    fn id(&mut self, word: &str, res: &Resources, h: &mut Hasher) -> usize {
        if let Some(&i) = self.index.get(word) {
            return i;
        }
        let info = WordInfo::new(word, res, h);
        self.items.push(info);
        self.index.insert(word.to_owned(), self.items.len() - 1);
        self.items.len() - 1
    }
}

impl WordInfo {
    fn new(word: &str, res: &Resources, h: &mut Hasher) -> WordInfo {
        let norm = normalize(word).into_owned();
        let lower = norm.to_lowercase();
        let word_shape = shape(&norm);
        let head = lower.rsplit('-').next().unwrap_or(&lower);
        let common = res.lexicon.contains(head);
        let first = norm.chars().next();
        let cap = first.is_some_and(char::is_uppercase);
        let capc = if cap {
            "C"
        } else if first.is_some_and(char::is_alphanumeric) {
            "l"
        } else {
            "p"
        };
        let mut own = vec![h.h(1, &[&norm]), h.h(2, &[&lower])];
        for k in 1..=4 {
            if let Some(p) = prefix(&lower, k) {
                own.push(h.h(2 + k as u64, &[p]));
            }
            if let Some(s) = suffix(&lower, k) {
                own.push(h.h(6 + k as u64, &[s]));
            }
        }
        own.push(h.h(12, &[&word_shape]));
        if let Some(ids) = res.clusters.get(&norm, &lower) {
            for (l, &c) in ids.iter().enumerate() {
                if c == 0 {
                    continue;
                }
                let t = 70 + 4 * l as u64;
                let id = c.to_string();
                own.push(h.h(t, &[&id]));
                for (k, bits) in [4u32, 6, 10].into_iter().enumerate() {
                    let p = c & ((1 << bits) - 1);
                    own.push(h.h(t + 1 + k as u64, &[&p.to_string()]));
                }
            }
        }
        let mut affix5 = Vec::new();
        if let Some(p) = prefix(&lower, 5) {
            affix5.push(h.h(43, &[p]));
        }
        if let Some(s) = suffix(&lower, 5) {
            affix5.push(h.h(44, &[s]));
        }
        let suffix3 = suffix(&lower, 3).unwrap_or(&lower);
        let mut grams = Vec::new();
        if cap {
            let cs: Vec<char> = lower.chars().collect();
            for w in cs.windows(3) {
                let g: String = w.iter().collect();
                grams.push(h.h(61, &[&g]));
            }
        }
        let mut hyphen = Vec::new();
        if let Some((head, _)) = norm.split_once('-')
            && let Some((_, last)) = norm.rsplit_once('-')
        {
            hyphen.push(h.h(32, &["first", &head.to_lowercase()]));
            hyphen.push(h.h(32, &["last", &last.to_lowercase()]));
            hyphen.push(h.h(32, &["lastshape", &shape(last)]));
            hyphen.push(h.h(32, &["firstshape", &shape(head)]));
        }
        WordInfo {
            raw_lower: word.to_lowercase(),
            shape_first: [h.h(13, &[&word_shape, "0"]), h.h(13, &[&word_shape, "1"])],
            len_shape: h.h(14, &[len_bucket(&lower), &word_shape]),
            as_neighbour: [
                h.h(15, &[&lower]),
                h.h(16, &[&lower]),
                h.h(17, &[&lower]),
                h.h(18, &[&lower]),
            ],
            shape_as_neighbour: [h.h(23, &[&word_shape]), h.h(24, &[&word_shape])],
            suffix_as_neighbour: [h.h(45, &[suffix3]), h.h(46, &[suffix3])],
            affix5,
            grams,
            hyphen,
            own,
            norm,
            lower,
            shape: word_shape,
            common,
            cap,
            capc,
        }
    }
}

const MAX_AROUND: usize = 24;

impl DocContext {
    /// Counts the forms of a document's sentences.
    pub fn new<'a, S>(sentences: impl IntoIterator<Item = S>) -> DocContext
    where
        S: AsRef<[&'a str]>,
    {
        let mut forms: HashMap<String, (u32, u32)> = HashMap::default();
        let mut around: HashMap<String, Vec<(u8, String)>> = HashMap::default();
        for s in sentences {
            let s = s.as_ref();
            for (i, w) in s.iter().enumerate() {
                let Some(c) = w.chars().next() else { continue };
                if !c.is_alphabetic() {
                    continue;
                }
                let lower = w.to_lowercase();
                let e = forms.entry(lower.clone()).or_default();
                if c.is_uppercase() {
                    if i > 0 {
                        e.0 = e.0.saturating_add(1);
                    }
                    let a = around.entry(lower.clone()).or_default();
                    let mut add = |kind: u8, word: String| {
                        if a.len() < MAX_AROUND && !a.iter().any(|(k, x)| *k == kind && *x == word)
                        {
                            a.push((kind, word));
                        }
                    };
                    if let Some(p) = i.checked_sub(1).and_then(|p| s.get(p)) {
                        add(0, p.to_lowercase());
                    }
                    if let Some(n) = s.get(i + 1) {
                        add(1, n.to_lowercase());
                    }
                    // A compound it starts gives its head to the bare name.
                    if let Some((head, tail)) = lower.split_once('-')
                        && tail.chars().next().is_some_and(char::is_lowercase)
                    {
                        let t = tail.rsplit('-').next().unwrap_or(tail).to_owned();
                        let h = around.entry(head.to_owned()).or_default();
                        if h.len() < MAX_AROUND && !h.iter().any(|(k, x)| *k == 2 && *x == t) {
                            h.push((2, t));
                        }
                    }
                } else {
                    e.1 = e.1.saturating_add(1);
                }
            }
        }
        DocContext {
            forms,
            around,
            words: RefCell::default(),
        }
    }

    /// `(capitalised mid-sentence, lowercase)` counts of a lowercase form.
    fn counts(&self, lower: &str) -> (u32, u32) {
        self.forms.get(lower).copied().unwrap_or((0, 0))
    }

    /// Words seen around a capitalised form in the document: `(0, previous)`, `(1, next)`,
    /// `(2, compound head)`.
    fn around(&self, lower: &str) -> &[(u8, String)] {
        self.around.get(lower).map_or(&[], Vec::as_slice)
    }
}

/// What a first tagging pass said about the document: for each lowercase form, how often it was
/// tagged inside a name of each type; for each name (lowercase words joined by spaces), how often
/// it was tagged with each type. The second pass reads these as features, so a name recognised
/// in one sentence helps in another (Krishnan and Manning's two-stage idea).
#[derive(Debug, Default, Clone)]
pub struct DocPredictions {
    forms: HashMap<String, [u16; 5]>,
    names: HashMap<String, [u16; 4]>,
    /// The first word (lowercase) of every name in `names`: a sentence position whose word is
    /// not one starts no name, and needs no lookups.
    firsts: foldhash::HashSet<String>,
    /// Names of each type predicted in the whole document.
    totals: [u16; 4],
}

fn type_slot(l: Label) -> usize {
    l.kind()
        .map_or(0, |k| 1 + TYPES.iter().position(|&t| t == k).unwrap_or(0))
}

const TYPE_NAMES: [&str; 5] = ["O", "PER", "ORG", "LOC", "MISC"];

impl DocPredictions {
    /// Collects the first pass's labels of a document's sentences.
    pub fn new<'a, S>(sentences: &[S], labels: &[Vec<Label>]) -> DocPredictions
    where
        S: AsRef<[&'a str]>,
    {
        let mut p = DocPredictions::default();
        for (s, ls) in sentences.iter().zip(labels) {
            let words = s.as_ref();
            for (w, &l) in words.iter().zip(ls) {
                if !w.chars().next().is_some_and(char::is_alphabetic) {
                    continue;
                }
                let slot = &mut p.forms.entry(w.to_lowercase()).or_default()[type_slot(l)];
                *slot = slot.saturating_add(1);
            }
            for (kind, a, b) in chunks(ls) {
                if b - a > MAX_NAME {
                    continue;
                }
                let key = join_lower(&words[a..b]);
                if let Some(first) = words.get(a) {
                    p.firsts.insert(first.to_lowercase());
                }
                let k = TYPES.iter().position(|&t| t == kind).unwrap_or(0);
                let slot = &mut p.names.entry(key).or_default()[k];
                *slot = slot.saturating_add(1);
                p.totals[k] = p.totals[k].saturating_add(1);
            }
        }
        p
    }
}

const MAX_NAME: usize = 4;

fn join_lower(words: &[&str]) -> String {
    let mut s = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&w.to_lowercase());
    }
    s
}

fn majority(counts: &[u16]) -> usize {
    let mut best = 0;
    for (i, &c) in counts.iter().enumerate() {
        if c > counts[best] {
            best = i;
        }
    }
    best
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

/// The language data features draw on.
#[derive(Debug, Clone, Default)]
pub struct Resources {
    /// Names of places, countries, people.
    pub gazetteer: Gazetteer,
    /// Ordinary words.
    pub lexicon: Lexicon,
    /// Word clusters from unlabelled text.
    pub clusters: Clusters,
}

impl Resources {
    /// The resources of a language.
    pub fn for_language(lang: kroniek_lang::Language) -> Resources {
        Resources {
            gazetteer: Gazetteer::for_language(lang),
            lexicon: Lexicon::for_language(lang),
            clusters: Clusters::shared(),
        }
    }
}

/// Computes the features of a sentence's words into `out`. `first_pass` holds, for a second
/// pass, the document's first-pass predictions and this sentence's first-pass labels.
pub fn extract(
    words: &[&str],
    doc: &DocContext,
    res: &Resources,
    first_pass: Option<(&DocPredictions, &[Label])>,
    out: &mut Features,
) {
    match first_pass {
        None => extract_base(words, doc, res, out),
        Some((preds, own)) => {
            let mut base = Features::default();
            extract_base(words, doc, res, &mut base);
            extend_second_pass(words, doc, res, &base, preds, own, out);
        }
    }
}

/// The features of a sentence that do not depend on a first pass (the first pass's features, and
/// the start of every later pass's).
pub fn extract_base(words: &[&str], doc: &DocContext, res: &Resources, out: &mut Features) {
    out.clear();
    let matches = res.gazetteer.matches(words);
    let mut h = Hasher {
        buf: Vec::with_capacity(64),
    };
    let mut cache = doc.words.borrow_mut();
    let ids: Vec<usize> = words.iter().map(|w| cache.id(w, res, &mut h)).collect();
    let cache = &*cache;
    let toks: Vec<&WordInfo> = ids.iter().map(|&i| &cache.items[i]).collect();
    let n = toks.len();
    let tok_at = |i: isize| usize::try_from(i).ok().and_then(|i| toks.get(i).copied());
    let lower = |i: isize| -> &str {
        if i < 0 {
            BOS
        } else {
            tok_at(i).map_or(EOS, |t| t.lower.as_str())
        }
    };
    let shp = |i: isize| -> &str {
        if i < 0 {
            BOS
        } else {
            tok_at(i).map_or(EOS, |t| t.shape.as_str())
        }
    };
    let bias = h.h(0, &[]);
    let hashes = &mut out.hashes;
    for (t, &tok) in toks.iter().enumerate() {
        let i = t as isize;
        let first = if t == 0 { "1" } else { "0" };
        hashes.push(bias);
        hashes.extend_from_slice(&tok.own);
        hashes.push(tok.shape_first[usize::from(t == 0)]);
        hashes.push(tok.len_shape);
        // A neighbour's own hash, or the sentence boundary's.
        let neighbour = |at: isize, slot: usize, template: u64, h: &mut Hasher| match tok_at(at) {
            Some(w) => w.as_neighbour[slot],
            None => h.h(template, &[if at < 0 { BOS } else { EOS }]),
        };
        let n15 = neighbour(i - 1, 0, 15, &mut h);
        let n16 = neighbour(i + 1, 1, 16, &mut h);
        let n17 = neighbour(i - 2, 2, 17, &mut h);
        let n18 = neighbour(i + 2, 3, 18, &mut h);
        hashes.extend_from_slice(&[n15, n16, n17, n18]);
        hashes.push(h.h(21, &[lower(i - 1), &tok.lower]));
        hashes.push(h.h(22, &[&tok.lower, lower(i + 1)]));
        hashes.push(match tok_at(i - 1) {
            Some(w) => w.shape_as_neighbour[0],
            None => h.h(23, &[BOS]),
        });
        hashes.push(match tok_at(i + 1) {
            Some(w) => w.shape_as_neighbour[1],
            None => h.h(24, &[EOS]),
        });
        hashes.push(h.h(25, &[shp(i - 1), &tok.shape]));
        hashes.push(h.h(26, &[&tok.shape, shp(i + 1)]));
        hashes.push(h.h(27, &[shp(i - 1), &tok.shape, shp(i + 1)]));
        hashes.push(h.h(33, &[lower(i - 1), &tok.shape]));
        hashes.push(h.h(34, &[&tok.shape, lower(i + 1)]));
        hashes.push(h.h(37, &[lower(i + 1), lower(i + 2)]));
        hashes.push(h.h(38, &[lower(i - 2), lower(i - 1)]));
        gaz_features(matches[t], 28, &mut h, hashes);
        if t > 0 {
            gaz_features(matches[t - 1], 29, &mut h, hashes);
        }
        if t + 1 < n {
            gaz_features(matches[t + 1], 30, &mut h, hashes);
        }
        let common = |i: isize| -> &str {
            match tok_at(i) {
                Some(t) if t.common => "c",
                Some(_) => "-",
                None => "|",
            }
        };
        hashes.push(h.h(40, &[common(i), &tok.shape, first]));
        // Capitalisation pattern of the window.
        let capc = |i: isize| -> &str { tok_at(i).map_or("|", |t| t.capc) };
        hashes.push(h.h(
            42,
            &[capc(i - 2), capc(i - 1), capc(i), capc(i + 1), capc(i + 2)],
        ));
        hashes.extend_from_slice(&tok.affix5);
        if t > 0 {
            hashes.push(toks[t - 1].suffix_as_neighbour[0]);
        }
        if t + 1 < n {
            hashes.push(toks[t + 1].suffix_as_neighbour[1]);
        }
        hashes.push(h.h(41, &[common(i - 1), common(i), common(i + 1)]));
        // The document's word: capitalised elsewhere mid-sentence? in lowercase elsewhere?
        if tok.cap {
            let (cap_mid, low) = doc.counts(&tok.lower);
            let others_cap = cap_mid.saturating_sub(u32::from(t > 0)) > 0;
            let f = [
                first,
                if others_cap { "c" } else { "-" },
                if low > 0 { "l" } else { "-" },
            ];
            hashes.push(h.h(31, &f));
            hashes.extend_from_slice(&tok.grams);
            let own_prev = lower(i - 1);
            let own_next = lower(i + 1);
            for (kind, w) in doc.around(&tok.lower) {
                let (tag, own) = match kind {
                    0 => ("p", own_prev),
                    1 => ("n", own_next),
                    _ => ("h", ""),
                };
                if w != own && (*kind == 2 || w.chars().count() > 3) {
                    hashes.push(h.h(60, &[tag, w]));
                }
            }
        }
        // Hyphenated compounds: `IS-leider`, `Zuid-Afrika`, `al-Baghdadi`.
        hashes.extend_from_slice(&tok.hyphen);
        out.offsets.push(hashes.len());
    }
}

/// A later pass's features: `base` (from [`extract_base`]) and, for each token, what the first
/// pass found here and elsewhere in the document.
pub fn extend_second_pass(
    words: &[&str],
    doc: &DocContext,
    res: &Resources,
    base: &Features,
    preds: &DocPredictions,
    own: &[Label],
    out: &mut Features,
) {
    out.clear();
    let first_pass = Some((preds, own));
    let mut h = Hasher {
        buf: Vec::with_capacity(64),
    };
    let mut cache = doc.words.borrow_mut();
    let ids: Vec<usize> = words.iter().map(|w| cache.id(w, res, &mut h)).collect();
    let cache = &*cache;
    let toks: Vec<&WordInfo> = ids.iter().map(|&i| &cache.items[i]).collect();
    let n = toks.len();
    // Second pass: names predicted elsewhere in the document that occur in this sentence.
    let mut name_marks: Vec<Option<(usize, bool)>> = vec![None; n];
    let mut key = String::new();
    if let Some((preds, _)) = first_pass {
        for a in 0..n {
            if !preds.firsts.contains(&toks[a].raw_lower) {
                continue;
            }
            for len in (1..=MAX_NAME.min(n - a)).rev() {
                // The words' lowercase forms joined by spaces, as `join_lower` makes the keys.
                key.clear();
                for (j, w) in toks[a..a + len].iter().enumerate() {
                    if j > 0 {
                        key.push(' ');
                    }
                    key.push_str(&w.raw_lower);
                }
                if let Some(c) = preds.names.get(&key) {
                    let k = majority(c);
                    for (j, m) in name_marks[a..a + len].iter_mut().enumerate() {
                        if m.is_none() {
                            *m = Some((k, j == 0));
                        }
                    }
                    break;
                }
            }
        }
    }
    let hashes = &mut out.hashes;
    for (t, &tok) in toks.iter().enumerate() {
        hashes.extend_from_slice(base.of(t));
        if let Some((preds, own)) = first_pass {
            let own_label = own.get(t).copied().unwrap_or(Label::O);
            hashes.push(h.h(50, &[own_label.as_str()]));
            hashes.push(h.h(51, &[own_label.as_str(), &tok.shape]));
            let prev = t
                .checked_sub(1)
                .and_then(|p| own.get(p))
                .map_or("<s>", |l| l.as_str());
            let next = own.get(t + 1).map_or("</s>", |l| l.as_str());
            hashes.push(h.h(56, &[prev, own_label.as_str(), next]));
            if let Some(counts) = preds.forms.get(&tok.lower) {
                let mut others = *counts;
                let slot = type_slot(own_label);
                others[slot] = others[slot].saturating_sub(1);
                if others.iter().any(|&c| c > 0) {
                    let m = majority(&others);
                    hashes.push(h.h(52, &[TYPE_NAMES[m]]));
                    hashes.push(h.h(53, &[TYPE_NAMES[m], own_label.as_str()]));
                    for (k, &c) in others.iter().enumerate().skip(1) {
                        if c > 0 {
                            hashes.push(h.h(54, &[TYPE_NAMES[k]]));
                        }
                    }
                }
            }
            if tok.norm.chars().next().is_some_and(char::is_uppercase) {
                let total: u16 = preds.totals.iter().sum();
                if total > 0 {
                    let m = majority(&preds.totals);
                    hashes.push(h.h(57, &[TYPE_NAMES[m + 1], &tok.shape]));
                    for (k, &c) in preds.totals.iter().enumerate() {
                        let share = if c * 3 >= total {
                            "hi"
                        } else if c > 0 {
                            "lo"
                        } else {
                            "0"
                        };
                        hashes.push(h.h(58, &[TYPE_NAMES[k + 1], share]));
                    }
                }
            }
            if let Some((k, begin)) = name_marks[t] {
                let kind = TYPE_NAMES[k + 1];
                hashes.push(h.h(55, &[kind, if begin { "B" } else { "I" }]));
            }
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
        extract(&words, &doc, &Resources::default(), None, &mut f);
        assert_eq!(f.len(), 5);
        assert!((0..5).all(|t| f.of(t).len() > 20));
        assert!(f.of(9).is_empty());
    }
}
