//! The tagger's weights and Viterbi decoding.
//!
//! Binary format (little-endian), read in place from the embedded bytes with no parsing step:
//! the magic `KRNER001`; `u32` hash bits `b`; `u32` label count `n`; `f32` weight scale;
//! `(n + 1) * n` `f32` transition scores (row 0 is the sentence start); then `2^b * n` `i16`
//! emission weights, feature bucket major. A weight is its `i16` times the scale.

use super::features::Features;
use super::label::{Label, N_LABELS, allowed};

const MAGIC: &[u8; 8] = b"KRNER001";
const HEADER: usize = 8 + 4 + 4 + 4;
const TRANS: usize = (N_LABELS + 1) * N_LABELS;

/// Why model bytes were refused.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    /// The bytes do not start with the magic number.
    #[error("not a kroniek NER model (bad magic)")]
    Magic,
    /// The header disagrees with the length or the label set.
    #[error("malformed NER model: {0}")]
    Malformed(&'static str),
}

/// Scores of each label for one token.
pub type Scores = [f32; N_LABELS];

/// Anything that scores tokens: the shipped quantised model, or the weights being trained.
pub trait Scorer {
    /// Adds the emission scores of a token's features to `out`.
    fn emit(&self, features: &[u64], out: &mut Scores);
    /// Transition score from `prev` (`None`: sentence start) to `next`.
    fn transition(&self, prev: Option<Label>, next: Label) -> f32;
}

/// A trained tagger's weights, borrowed from embedded bytes or owned.
#[derive(Debug, Clone)]
pub struct Model<'a> {
    bits: u32,
    scale: f32,
    trans: Vec<f32>,
    weights: &'a [u8],
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn f32_at(b: &[u8], at: usize) -> Option<f32> {
    Some(f32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

impl<'a> Model<'a> {
    /// Reads a model from its bytes.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<Model<'a>, ModelError> {
        if bytes.get(..8) != Some(&MAGIC[..]) {
            return Err(ModelError::Magic);
        }
        let bits = u32_at(bytes, 8).ok_or(ModelError::Malformed("short header"))?;
        let labels = u32_at(bytes, 12).ok_or(ModelError::Malformed("short header"))?;
        let scale = f32_at(bytes, 16).ok_or(ModelError::Malformed("short header"))?;
        if labels as usize != N_LABELS {
            return Err(ModelError::Malformed("label count"));
        }
        if !(8..=26).contains(&bits) {
            return Err(ModelError::Malformed("hash bits"));
        }
        let trans: Vec<f32> = (0..TRANS)
            .map(|k| f32_at(bytes, HEADER + 4 * k))
            .collect::<Option<_>>()
            .ok_or(ModelError::Malformed("short transitions"))?;
        let start = HEADER + 4 * TRANS;
        let len = (1usize << bits) * N_LABELS * 2;
        let weights = bytes
            .get(start..start + len)
            .ok_or(ModelError::Malformed("short weights"))?;
        if bytes.len() != start + len {
            return Err(ModelError::Malformed("trailing bytes"));
        }
        Ok(Model {
            bits,
            scale,
            trans,
            weights,
        })
    }

    /// Hash bits of the weight table.
    pub fn bits(&self) -> u32 {
        self.bits
    }
}

/// Writes weights in the model format: quantises `weights` (`2^bits * N_LABELS`) to `i16`.
pub fn to_bytes(bits: u32, trans: &[f32], weights: &[f32]) -> Vec<u8> {
    let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
    let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
    let mut out = Vec::with_capacity(HEADER + 4 * TRANS + weights.len() * 2);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&bits.to_le_bytes());
    out.extend_from_slice(&(N_LABELS as u32).to_le_bytes());
    out.extend_from_slice(&scale.to_le_bytes());
    for k in 0..TRANS {
        out.extend_from_slice(&trans.get(k).copied().unwrap_or(0.0).to_le_bytes());
    }
    for w in weights {
        let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
        out.extend_from_slice(&q.to_le_bytes());
    }
    out
}

/// Index of a transition in a `(N_LABELS + 1) * N_LABELS` table.
pub fn trans_index(prev: Option<Label>, next: Label) -> usize {
    prev.map_or(0, |p| p.index() + 1) * N_LABELS + next.index()
}

impl Scorer for Model<'_> {
    fn emit(&self, features: &[u64], out: &mut Scores) {
        let mask = (1u64 << self.bits) - 1;
        let mut acc = [0i32; N_LABELS];
        for &f in features {
            let base = (f & mask) as usize * N_LABELS * 2;
            if let Some(row) = self.weights.get(base..base + N_LABELS * 2) {
                for (a, pair) in acc.iter_mut().zip(row.chunks_exact(2)) {
                    *a += i32::from(i16::from_le_bytes([pair[0], pair[1]]));
                }
            }
        }
        for (o, a) in out.iter_mut().zip(acc) {
            *o += a as f32 * self.scale;
        }
    }

    fn transition(&self, prev: Option<Label>, next: Label) -> f32 {
        self.trans
            .get(trans_index(prev, next))
            .copied()
            .unwrap_or(0.0)
    }
}

/// The emission scores of every token.
pub fn emissions(scorer: &impl Scorer, features: &Features) -> Vec<Scores> {
    (0..features.len())
        .map(|t| {
            let mut s = [0.0; N_LABELS];
            scorer.emit(features.of(t), &mut s);
            s
        })
        .collect()
}

/// The best IOB2-valid label sequence.
pub fn viterbi(scorer: &impl Scorer, emissions: &[Scores]) -> Vec<Label> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let labels: Vec<Label> = (0..N_LABELS).filter_map(Label::from_index).collect();
    let mut trans = [[0f32; N_LABELS]; N_LABELS + 1];
    for (p, row) in trans.iter_mut().enumerate() {
        let prev = p.checked_sub(1).and_then(Label::from_index);
        for &l in &labels {
            row[l.index()] = if allowed(prev, l) {
                scorer.transition(prev, l)
            } else {
                f32::NEG_INFINITY
            };
        }
    }
    let mut score = [f32::NEG_INFINITY; N_LABELS];
    for &l in &labels {
        score[l.index()] = trans[0][l.index()] + emissions[0][l.index()];
    }
    let mut back = vec![[0u8; N_LABELS]; n];
    for t in 1..n {
        let mut next = [f32::NEG_INFINITY; N_LABELS];
        for &l in &labels {
            let j = l.index();
            let (mut best, mut arg) = (f32::NEG_INFINITY, 0usize);
            for (p, s) in score.iter().enumerate() {
                let v = s + trans[p + 1][j];
                if v > best {
                    best = v;
                    arg = p;
                }
            }
            next[j] = best + emissions[t][j];
            back[t][j] = arg as u8;
        }
        score = next;
    }
    let mut last = 0;
    for j in 0..N_LABELS {
        if score[j] > score[last] {
            last = j;
        }
    }
    let mut path = vec![Label::O; n];
    for t in (0..n).rev() {
        path[t] = Label::from_index(last).unwrap_or(Label::O);
        last = usize::from(back[t][last]);
    }
    path
}

fn logsumexp(xs: impl Iterator<Item = f32>) -> f32 {
    let mut v = [f32::NEG_INFINITY; N_LABELS];
    for (slot, x) in v.iter_mut().zip(xs) {
        *slot = x;
    }
    let m = v.iter().fold(f32::NEG_INFINITY, |a, &b| a.max(b));
    if m == f32::NEG_INFINITY {
        return m;
    }
    m + v.iter().map(|x| (x - m).exp()).sum::<f32>().ln()
}

/// Each token's label probabilities under the chain (forward-backward over IOB2-valid paths),
/// with every score divided by `temperature` (perceptron scores have no natural scale).
pub fn marginals(scorer: &impl Scorer, emissions: &[Scores], temperature: f32) -> Vec<Scores> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let t = temperature.max(1e-3);
    let labels: Vec<Label> = (0..N_LABELS).filter_map(Label::from_index).collect();
    let tr = |prev: Option<Label>, next: Label| -> f32 {
        if allowed(prev, next) {
            scorer.transition(prev, next) / t
        } else {
            f32::NEG_INFINITY
        }
    };
    let mut alpha = vec![[f32::NEG_INFINITY; N_LABELS]; n];
    for &l in &labels {
        alpha[0][l.index()] = tr(None, l) + emissions[0][l.index()] / t;
    }
    for i in 1..n {
        for &l in &labels {
            let prev = &alpha[i - 1];
            alpha[i][l.index()] =
                logsumexp(labels.iter().map(|&p| prev[p.index()] + tr(Some(p), l)))
                    + emissions[i][l.index()] / t;
        }
    }
    let mut beta = vec![[0f32; N_LABELS]; n];
    for i in (0..n - 1).rev() {
        for &p in &labels {
            let next = &beta[i + 1];
            beta[i][p.index()] = logsumexp(
                labels
                    .iter()
                    .map(|&l| tr(Some(p), l) + emissions[i + 1][l.index()] / t + next[l.index()]),
            );
        }
    }
    let z = logsumexp(alpha[n - 1].iter().copied());
    (0..n)
        .map(|i| {
            let mut m = [0f32; N_LABELS];
            for (j, v) in m.iter_mut().enumerate() {
                *v = (alpha[i][j] + beta[i][j] - z).exp();
            }
            m
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityType;

    #[test]
    fn bytes_round_trip() {
        let bits = 8;
        let mut w = vec![0.0f32; (1 << bits) * N_LABELS];
        w[3] = 2.0;
        w[10] = -1.0;
        let trans = vec![0.5f32; TRANS];
        let bytes = to_bytes(bits, &trans, &w);
        let m = Model::from_bytes(&bytes).unwrap();
        assert_eq!(m.bits(), 8);
        let mut s = [0.0; N_LABELS];
        m.emit(&[0], &mut s);
        assert!((s[3] - 2.0).abs() < 1e-3);
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert_eq!(
            Model::from_bytes(b"nonsense").unwrap_err(),
            ModelError::Magic
        );
    }

    #[test]
    fn viterbi_respects_iob2() {
        let bits = 8;
        let w = vec![0.0f32; (1 << bits) * N_LABELS];
        let bytes = to_bytes(bits, &[0.0; TRANS], &w);
        let m = Model::from_bytes(&bytes).unwrap();
        // I-PER scores best everywhere, but cannot start a sentence.
        let mut e = [0.0; N_LABELS];
        e[Label::inside(EntityType::Per).index()] = 5.0;
        e[Label::begin(EntityType::Per).index()] = 4.0;
        let path = viterbi(&m, &[e, e]);
        assert_eq!(path[0], Label::begin(EntityType::Per));
        assert_eq!(path[1], Label::inside(EntityType::Per));
    }
}
