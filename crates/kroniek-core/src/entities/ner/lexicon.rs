//! Which lowercase words are ordinary words of the language: a Bloom filter over a word list
//! (`lang/<iso>/lexicon/words.bloom`, written by `scripts/build_lexicon.py` from Debian's
//! `wdutch` / `wamerican`). A capitalised word whose lowercase form is an ordinary word is often
//! just the start of a sentence.

use kroniek_lang::Language;

const MAGIC: &[u8; 8] = b"KRBLOOM1";

/// A set of words with a small false-positive rate (about 1%).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    bits: u32,
    k: u32,
    data: Vec<u8>,
}

/// FNV-1a 64 of bytes (the build scripts compute the same).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01B3);
    }
    h
}

impl Lexicon {
    /// The lexicon of a language; empty when it has none.
    pub fn for_language(lang: Language) -> Lexicon {
        kroniek_lang::bytes_in(lang.iso(), "lexicon/words.bloom")
            .and_then(Lexicon::from_bytes)
            .unwrap_or_default()
    }

    /// Reads the filter format; `None` when malformed.
    pub fn from_bytes(bytes: &[u8]) -> Option<Lexicon> {
        if bytes.get(..8)? != MAGIC {
            return None;
        }
        let bits = u32::from_le_bytes(bytes.get(8..12)?.try_into().ok()?);
        let k = u32::from_le_bytes(bytes.get(12..16)?.try_into().ok()?);
        let data = bytes.get(16..)?.to_vec();
        if !(3..=30).contains(&bits) || data.len() != (1usize << bits) / 8 || k == 0 || k > 16 {
            return None;
        }
        Some(Lexicon { bits, k, data })
    }

    /// True when the lexicon is empty (no file).
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// Whether `word` (compare lowercase) is in the list.
    pub fn contains(&self, word: &str) -> bool {
        if self.data.is_empty() {
            return false;
        }
        let h = fnv1a(word.as_bytes());
        let step = (h >> 32) | 1;
        let mask = (1u64 << self.bits) - 1;
        (0..u64::from(self.k)).all(|j| {
            let i = h.wrapping_add(j.wrapping_mul(step)) & mask;
            self.data
                .get((i / 8) as usize)
                .is_some_and(|b| b & (1 << (i % 8)) != 0)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_words_are_known() {
        let lex = Lexicon::for_language(Language::Nl);
        if lex.is_empty() {
            return;
        }
        assert!(lex.contains("volgens"));
        assert!(lex.contains("leider"));
        assert!(!lex.contains("baghdadi"));
    }

    #[test]
    fn malformed_bytes_are_refused() {
        assert!(Lexicon::from_bytes(b"KRBLOOM1").is_none());
        assert!(Lexicon::from_bytes(b"nope").is_none());
        assert!(!Lexicon::default().contains("x"));
    }
}
