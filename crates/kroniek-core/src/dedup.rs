//! Duplicates across a collection: the same article twice (same normalised words) or syndicated
//! with small edits (MinHash estimate of word-shingle Jaccard similarity, candidates found by LSH
//! banding so the cost stays near-linear in the number of documents).

use std::collections::HashMap;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Number of MinHash functions.
pub const PERMUTATIONS: usize = 128;
/// LSH bands × rows = [`PERMUTATIONS`]. 32 × 4 finds pairs at Jaccard 0.7 with probability
/// above 0.999 and at 0.3 with about 0.23 (those are then rejected on the full signature).
const BANDS: usize = 32;
const ROWS: usize = PERMUTATIONS / BANDS;
/// Words per shingle.
const SHINGLE: usize = 3;
/// Estimated Jaccard similarity from which two documents are near-duplicates.
pub const NEAR_THRESHOLD: f32 = 0.7;
/// Documents with fewer shingles are only compared exactly: MinHash on a handful of shingles is
/// noise.
const MIN_SHINGLES: usize = 12;

/// What is compared of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Hash of the normalised word sequence.
    pub exact: u128,
    /// MinHash signature over word shingles.
    pub signature: Vec<u64>,
    /// How many distinct shingles the document has.
    pub shingles: usize,
}

/// The hash of a word, case-folded, for [`Fingerprint::from_word_hashes`].
pub fn word_hash(word: &str) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = [0u8; 4];
    for c in word.chars().flat_map(char::to_lowercase) {
        h.update(c.encode_utf8(&mut buf).as_bytes());
    }
    h.digest()
}

impl Fingerprint {
    /// Fingerprints a sequence of words (compared case-insensitively).
    pub fn of<'a>(words: impl IntoIterator<Item = &'a str>) -> Fingerprint {
        let hashes: Vec<u64> = words.into_iter().map(word_hash).collect();
        Fingerprint::from_word_hashes(&hashes)
    }

    /// Fingerprints a sequence of word hashes (see [`word_hash`]).
    pub fn from_word_hashes(words: &[u64]) -> Fingerprint {
        let mut exact = xxhash_rust::xxh3::Xxh3::new();
        for w in words {
            exact.update(&w.to_le_bytes());
        }
        let exact = exact.digest128();
        let mut hashes: Vec<u64> = if words.len() < SHINGLE {
            words.to_vec()
        } else {
            words
                .windows(SHINGLE)
                .map(|w| {
                    w.iter().fold(0x9E37_79B9_7F4A_7C15u64, |acc, &x| {
                        (acc.rotate_left(23) ^ x).wrapping_mul(0xFF51_AFD7_ED55_8CCD)
                    })
                })
                .collect()
        };
        hashes.sort_unstable();
        hashes.dedup();
        let perms: Vec<(u64, u64)> = (0..PERMUTATIONS).map(permutation).collect();
        let mut signature = vec![u64::MAX; PERMUTATIONS];
        for &h in &hashes {
            for (slot, &(a, b)) in signature.iter_mut().zip(&perms) {
                // One base hash, PERMUTATIONS universal-hash variants of it.
                let v = a.wrapping_mul(h).wrapping_add(b);
                if v < *slot {
                    *slot = v;
                }
            }
        }
        Fingerprint {
            exact,
            signature,
            shingles: hashes.len(),
        }
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn similarity(&self, other: &Fingerprint) -> f32 {
        if self.exact == other.exact {
            return 1.0;
        }
        let same = self
            .signature
            .iter()
            .zip(&other.signature)
            .filter(|(a, b)| a == b)
            .count();
        same as f32 / PERMUTATIONS as f32
    }

    /// The exact hash as hex.
    pub fn hex(&self) -> String {
        format!("{:032x}", self.exact)
    }
}

fn permutation(i: usize) -> (u64, u64) {
    let a = xxh3_64_with_seed(b"kroniek-minhash-a", i as u64) | 1;
    let b = xxh3_64_with_seed(b"kroniek-minhash-b", i as u64);
    (a, b)
}

/// How a duplicate matches its original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateKind {
    /// The same normalised words.
    Exact,
    /// Mostly the same words.
    Near,
}

impl DuplicateKind {
    /// `exact` or `near`.
    pub fn name(self) -> &'static str {
        match self {
            DuplicateKind::Exact => "exact",
            DuplicateKind::Near => "near",
        }
    }
}

/// Document `doc` repeats document `of`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Duplicate {
    /// The repeat (index into the collection).
    pub doc: usize,
    /// The original it repeats.
    pub of: usize,
    /// Exact or near.
    pub kind: DuplicateKind,
    /// Estimated similarity.
    pub similarity: f32,
}

/// Finds duplicates. `rank[i]` orders documents as originals: within a group of duplicates the
/// lowest rank (e.g. the earliest published, then the first read) is the original; all others
/// point to it.
pub fn find(prints: &[Fingerprint], rank: &[usize]) -> Vec<Duplicate> {
    let n = prints.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let union = |a: usize, b: usize, parent: &mut Vec<usize>| {
        let (ra, rb) = (root(parent, a), root(parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    };
    // Exact matches.
    let mut by_hash: HashMap<u128, usize> = HashMap::new();
    for (i, p) in prints.iter().enumerate() {
        if let Some(&j) = by_hash.get(&p.exact) {
            union(i, j, &mut parent);
        } else {
            by_hash.insert(p.exact, i);
        }
    }
    // Near matches: candidates share a whole band.
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    for (i, p) in prints.iter().enumerate() {
        if p.shingles < MIN_SHINGLES {
            continue;
        }
        for band in 0..BANDS {
            let rows = &p.signature[band * ROWS..(band + 1) * ROWS];
            let key = rows.iter().fold(0u64, |acc, &r| acc.rotate_left(13) ^ r);
            buckets.entry((band, key)).or_default().push(i);
        }
    }
    for members in buckets.values() {
        for (x, &i) in members.iter().enumerate() {
            for &j in &members[x + 1..] {
                if root(&mut parent, i) != root(&mut parent, j)
                    && prints[i].similarity(&prints[j]) >= NEAR_THRESHOLD
                {
                    union(i, j, &mut parent);
                }
            }
        }
    }
    // Each group's original is its best-ranked member.
    let mut original: HashMap<usize, usize> = HashMap::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        let best = original.entry(r).or_insert(i);
        if rank[i] < rank[*best] {
            *best = i;
        }
    }
    let mut out = Vec::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        let of = original[&r];
        if of != i {
            let similarity = prints[i].similarity(&prints[of]);
            let kind = if prints[i].exact == prints[of].exact {
                DuplicateKind::Exact
            } else {
                DuplicateKind::Near
            };
            out.push(Duplicate {
                doc: i,
                of,
                kind,
                similarity,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn print(text: &str) -> Fingerprint {
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        Fingerprint::of(words)
    }

    const A: &str = "De aanval op de hoofdstad vond plaats op 28 mei. De Russen hadden volgens een verklaring informatie over een bijeenkomst van leiders. Drones bevestigden die informatie en de luchtmacht zette de aanval in. De leider zou dood zijn, maar de informatie moet nog gecheckt worden.";

    #[test]
    fn exact_and_near_duplicates() {
        let edited = A
            .replace("28 mei", "28 mei jongstleden")
            .replace("moet nog gecheckt worden", "wordt nog gecheckt");
        let other = "Het kalifaat bestaat niet meer sinds de organisatie is verdreven uit de steden. Een laatste strijdmacht van zo'n 3000 man heeft zich verschanst langs de rivier.";
        let prints = [
            print(A),
            print(other),
            print(&A.to_uppercase()),
            print(&edited),
        ];
        let dups = find(&prints, &[0, 1, 2, 3]);
        assert_eq!(dups.len(), 2, "{dups:?}");
        assert_eq!(
            (dups[0].doc, dups[0].of, dups[0].kind),
            (2, 0, DuplicateKind::Exact)
        );
        assert_eq!(
            (dups[1].doc, dups[1].of, dups[1].kind),
            (3, 0, DuplicateKind::Near)
        );
        assert!(dups[1].similarity >= NEAR_THRESHOLD && dups[1].similarity < 1.0);
    }

    #[test]
    fn the_best_ranked_copy_is_the_original() {
        let prints = [print(A), print(A)];
        let dups = find(&prints, &[5, 1]);
        assert_eq!((dups[0].doc, dups[0].of), (0, 1));
    }

    #[test]
    fn different_articles_on_one_story_are_not_duplicates() {
        let b = "De Russen melden dat de leider bij een aanval op 28 mei is gedood. De Amerikanen kunnen dat niet bevestigen en zeggen dat hij nog leeft. Volgens sommige berichten verblijft hij in het oosten van het land.";
        assert!(find(&[print(A), print(b)], &[0, 1]).is_empty());
    }
}
