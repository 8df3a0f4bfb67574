//! Word clusters learned from large unlabelled text: Brown clusters of German, English and
//! Spanish words, from the spaCy project's lookup tables (`scripts/build_clusters.py` writes
//! `lang/common/ner/clusters.bin`). Names of firms, people and places are written alike across
//! languages, so a word's clusters say what kind of name it is even when the training data never
//! had it (`Schlumberger` sits with German surnames, `Siemens` with firms).
//!
//! The file is read in place, with no parsing step (the format is in the build script's header):
//! a lookup is a binary search over sorted 32-bit fingerprints of the words.

use super::lexicon::fnv1a;

const MAGIC: &[u8; 8] = b"KRCLUS01";

/// How many source languages each word has a cluster in.
pub const SOURCES: usize = 3;

/// The file under `lang/`.
const FOLDER: &str = "common";
const FILE: &str = "ner/clusters.bin";

/// Cluster ids of words; empty when there is no file.
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    /// Raw cluster ids of each source, by table index (index 0: none).
    ids: [Vec<u32>; SOURCES],
    fingerprints: &'static [u8],
    packed: &'static [u8],
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(4 * i..4 * i + 4)?.try_into().ok()?,
    ))
}

impl Clusters {
    /// The clusters every language's tagger uses; empty when the file is missing or malformed.
    pub fn shared() -> Clusters {
        kroniek_lang::bytes_in(FOLDER, FILE)
            .and_then(Clusters::from_bytes)
            .unwrap_or_default()
    }

    /// Reads the format; `None` when malformed.
    pub fn from_bytes(bytes: &'static [u8]) -> Option<Clusters> {
        if bytes.get(..8)? != MAGIC {
            return None;
        }
        let head = bytes.get(8..)?;
        let n = u32_at(head, 0)? as usize;
        let mut at = 8 + 4 * (1 + SOURCES);
        let mut ids: [Vec<u32>; SOURCES] = Default::default();
        for (k, table) in ids.iter_mut().enumerate() {
            let size = u32_at(head, 1 + k)? as usize;
            if size == 0 || size > 1024 {
                return None;
            }
            let raw = bytes.get(at..at + 4 * size)?;
            *table = (0..size).map(|i| u32_at(raw, i)).collect::<Option<_>>()?;
            at += 4 * size;
        }
        let fingerprints = bytes.get(at..at + 4 * n)?;
        let packed = bytes.get(at + 4 * n..at + 8 * n)?;
        if bytes.len() != at + 8 * n {
            return None;
        }
        Some(Clusters {
            ids,
            fingerprints,
            packed,
        })
    }

    /// How many words have clusters.
    pub fn len(&self) -> usize {
        self.fingerprints.len() / 4
    }

    /// True when there are no clusters.
    pub fn is_empty(&self) -> bool {
        self.fingerprints.is_empty()
    }

    fn lookup(&self, word: &str) -> Option<[u32; SOURCES]> {
        let fp = (fnv1a(word.as_bytes()) >> 32) as u32;
        let (mut lo, mut hi) = (0usize, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let v = u32_at(self.fingerprints, mid)?;
            if v < fp {
                lo = mid + 1;
            } else if v > fp {
                hi = mid;
            } else {
                let p = u32_at(self.packed, mid)?;
                let mut out = [0u32; SOURCES];
                for (k, o) in out.iter_mut().enumerate() {
                    let i = ((p >> (10 * k)) & 0x3FF) as usize;
                    *o = self.ids[k].get(i).copied().unwrap_or(0);
                }
                return Some(out);
            }
        }
        None
    }

    /// The cluster ids (0: none) of a word as written, else of its lowercase form.
    pub fn get(&self, word: &str, lower: &str) -> Option<[u32; SOURCES]> {
        self.lookup(word).or_else(|| self.lookup(lower))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(words: &[(&str, [u32; SOURCES])]) -> &'static [u8] {
        let mut tables: [Vec<u32>; SOURCES] = [vec![0], vec![0], vec![0]];
        let mut entries: Vec<(u32, u32)> = Vec::new();
        for (w, ids) in words {
            let mut p = 0u32;
            for (k, &c) in ids.iter().enumerate() {
                let i = match tables[k].iter().position(|&x| x == c) {
                    Some(i) => i,
                    None => {
                        tables[k].push(c);
                        tables[k].len() - 1
                    }
                };
                p |= (i as u32) << (10 * k);
            }
            entries.push(((fnv1a(w.as_bytes()) >> 32) as u32, p));
        }
        entries.sort_unstable();
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for t in &tables {
            out.extend_from_slice(&(t.len() as u32).to_le_bytes());
        }
        for t in &tables {
            t.iter()
                .for_each(|c| out.extend_from_slice(&c.to_le_bytes()));
        }
        entries
            .iter()
            .for_each(|(f, _)| out.extend_from_slice(&f.to_le_bytes()));
        entries
            .iter()
            .for_each(|(_, p)| out.extend_from_slice(&p.to_le_bytes()));
        Box::leak(out.into_boxed_slice())
    }

    #[test]
    fn finds_words_as_written_then_lowercase() {
        let c = Clusters::from_bytes(file(&[
            ("Siemens", [112, 294, 20]),
            ("bank", [0, 86, 0]),
            ("Peeters", [40, 0, 52]),
        ]))
        .unwrap();
        assert_eq!(c.len(), 3);
        assert_eq!(c.get("Siemens", "siemens"), Some([112, 294, 20]));
        assert_eq!(c.get("Bank", "bank"), Some([0, 86, 0]));
        assert_eq!(c.get("Peeters", "peeters"), Some([40, 0, 52]));
        assert_eq!(c.get("Onbekend", "onbekend"), None);
    }

    #[test]
    fn refuses_malformed_files() {
        let good = file(&[("Gent", [16, 0, 99])]);
        assert!(Clusters::from_bytes(good).is_some());
        assert!(Clusters::from_bytes(&good[..good.len() - 1]).is_none());
        assert!(Clusters::from_bytes(b"KRCLUS01").is_none());
        assert!(Clusters::from_bytes(b"nonsense").is_none());
    }

    #[test]
    fn shipped_clusters_know_names() {
        let c = Clusters::shared();
        assert!(c.len() > 1_000_000, "{} words", c.len());
        let siemens = c.get("Siemens", "siemens").expect("Siemens has clusters");
        assert!(siemens.iter().any(|&id| id != 0));
    }
}
