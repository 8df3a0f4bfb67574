//! Training: an averaged structured perceptron (Collins 2002) over hashed features, decoding
//! with the same Viterbi as tagging. Deterministic: sentence order is shuffled with a fixed seed.
//!
//! Pure like the rest of the core: the caller reads the data and writes the model.

use super::features::Features;
use super::label::{Label, N_LABELS};
use super::model::{Scorer, Scores, emissions, to_bytes, trans_index, viterbi};

/// One training sentence: its features and gold labels.
#[derive(Debug, Clone)]
pub struct Example {
    /// Features of each token.
    pub features: Features,
    /// The gold label of each token.
    pub gold: Vec<Label>,
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    /// Hash bits of the weight table (2^bits feature buckets).
    pub bits: u32,
    /// Passes over the data.
    pub epochs: usize,
    /// Seed of the shuffle.
    pub seed: u64,
    /// Models trained side by side on differently shuffled data, their weights averaged.
    pub members: usize,
    /// Share of name tokens whose word features are hidden in each update (word dropout).
    pub word_dropout: f32,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            bits: 20,
            epochs: 12,
            seed: 20020,
            members: 1,
            word_dropout: 0.0,
        }
    }
}

const TRANS: usize = (N_LABELS + 1) * N_LABELS;

/// Weights being trained, with the sums needed for averaging.
#[derive(Debug, Clone)]
pub struct Perceptron {
    bits: u32,
    w: Vec<f32>,
    acc: Vec<f64>,
    trans: Vec<f32>,
    trans_acc: Vec<f64>,
    step: f64,
}

impl Scorer for Perceptron {
    fn emit(&self, features: &[u64], out: &mut Scores) {
        let mask = (1u64 << self.bits) - 1;
        for &f in features {
            let base = (f & mask) as usize * N_LABELS;
            for (o, w) in out.iter_mut().zip(&self.w[base..base + N_LABELS]) {
                *o += w;
            }
        }
    }

    fn transition(&self, prev: Option<Label>, next: Label) -> f32 {
        self.trans[trans_index(prev, next)]
    }
}

impl Perceptron {
    /// Zero weights over `2^bits` buckets.
    pub fn new(bits: u32) -> Perceptron {
        let n = (1usize << bits) * N_LABELS;
        Perceptron {
            bits,
            w: vec![0.0; n],
            acc: vec![0.0; n],
            trans: vec![0.0; TRANS],
            trans_acc: vec![0.0; TRANS],
            step: 1.0,
        }
    }

    fn bump(&mut self, features: &[u64], label: Label, delta: f32) {
        let mask = (1u64 << self.bits) - 1;
        for &f in features {
            let k = (f & mask) as usize * N_LABELS + label.index();
            self.w[k] += delta;
            self.acc[k] += self.step * f64::from(delta);
        }
    }

    fn bump_trans(&mut self, prev: Option<Label>, next: Label, delta: f32) {
        let k = trans_index(prev, next);
        self.trans[k] += delta;
        self.trans_acc[k] += self.step * f64::from(delta);
    }

    /// Learns from one sentence; returns true when the prediction was wrong.
    pub fn learn(&mut self, ex: &Example) -> bool {
        let pred = viterbi(self, &emissions(self, &ex.features));
        let wrong = pred != ex.gold;
        if wrong {
            for t in 0..ex.gold.len() {
                let (g, p) = (ex.gold[t], pred[t]);
                let gp = t.checked_sub(1).map(|s| ex.gold[s]);
                let pp = t.checked_sub(1).map(|s| pred[s]);
                if g != p {
                    self.bump(ex.features.of(t), g, 1.0);
                    self.bump(ex.features.of(t), p, -1.0);
                }
                if (gp, g) != (pp, p) {
                    self.bump_trans(gp, g, 1.0);
                    self.bump_trans(pp, p, -1.0);
                }
            }
        }
        self.step += 1.0;
        wrong
    }

    /// Adds this perceptron's averaged weights, times `share`, to `(trans, weights)`.
    fn add_averaged(&self, share: f64, trans: &mut [f32], weights: &mut [f32]) {
        let add = |out: &mut [f32], w: &[f32], acc: &[f64]| {
            for ((o, &w), &a) in out.iter_mut().zip(w).zip(acc) {
                *o += ((f64::from(w) - a / self.step) * share) as f32;
            }
        };
        add(trans, &self.trans, &self.trans_acc);
        add(weights, &self.w, &self.acc);
    }

    /// The averaged weights in the model format.
    pub fn to_model_bytes(&self) -> Vec<u8> {
        ensemble_bytes(std::slice::from_ref(self))
    }
}

/// The mean of several perceptrons' averaged weights, in the model format.
fn ensemble_bytes(members: &[Perceptron]) -> Vec<u8> {
    let bits = members.first().map_or(8, |p| p.bits);
    let mut trans = vec![0.0f32; TRANS];
    let mut weights = vec![0.0f32; (1usize << bits) * N_LABELS];
    let share = 1.0 / members.len().max(1) as f64;
    for p in members {
        p.add_averaged(share, &mut trans, &mut weights);
    }
    to_bytes(bits, &trans, &weights)
}

fn ensemble_bytes_of(members: &[(Perceptron, Vec<usize>, Rng)]) -> Vec<u8> {
    let bits = members.first().map_or(8, |m| m.0.bits);
    let mut trans = vec![0.0f32; TRANS];
    let mut weights = vec![0.0f32; (1usize << bits) * N_LABELS];
    let share = 1.0 / members.len().max(1) as f64;
    for (p, _, _) in members {
        p.add_averaged(share, &mut trans, &mut weights);
    }
    to_bytes(bits, &trans, &weights)
}

/// A small deterministic generator for the shuffle (xorshift64*).
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// Trains on `examples`; after each epoch `after_epoch(epoch, errors, model_bytes)` is called
/// with the averaged model so far (for tuning on held-out data). Returns the final model bytes.
pub fn train(
    examples: &[Example],
    config: TrainConfig,
    mut after_epoch: impl FnMut(usize, usize, &[u8]),
) -> Vec<u8> {
    let n = config.members.max(1);
    let mut members: Vec<(Perceptron, Vec<usize>, Rng)> = (0..n)
        .map(|k| {
            (
                Perceptron::new(config.bits),
                (0..examples.len()).collect(),
                Rng(config.seed.wrapping_add(7919 * k as u64).max(1)),
            )
        })
        .collect();
    let mut bytes = Vec::new();
    for epoch in 1..=config.epochs {
        let mut errors = 0;
        for (p, order, rng) in &mut members {
            for i in (1..order.len()).rev() {
                let j = (rng.next() % (i as u64 + 1)) as usize;
                order.swap(i, j);
            }
            for &i in order.iter() {
                let ex = &examples[i];
                let wrong = if config.word_dropout > 0.0 {
                    let mut masked = ex.clone();
                    let cut = (f64::from(config.word_dropout) * u32::MAX as f64) as u64;
                    for (t, g) in ex.gold.iter().enumerate() {
                        if *g != Label::O && (rng.next() & 0xFFFF_FFFF) < cut {
                            masked.features.drop_word(t);
                        }
                    }
                    p.learn(&masked)
                } else {
                    p.learn(ex)
                };
                if wrong {
                    errors += 1;
                }
            }
        }
        bytes = ensemble_bytes_of(&members);
        after_epoch(epoch, errors / n, &bytes);
    }
    if bytes.is_empty() {
        bytes = ensemble_bytes_of(&members);
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityType;
    use crate::entities::ner::features::{DocContext, Resources, extract};
    use crate::entities::ner::model::Model;

    #[test]
    fn learns_a_toy_pattern() {
        let sents: Vec<(Vec<&str>, Vec<Label>)> = vec![
            (
                vec!["Jan", "Peeters", "woont", "in", "Gent", "."],
                vec![
                    Label::begin(EntityType::Per),
                    Label::inside(EntityType::Per),
                    Label::O,
                    Label::O,
                    Label::begin(EntityType::Loc),
                    Label::O,
                ],
            ),
            (
                vec!["Hij", "werkt", "in", "Brugge", "."],
                vec![
                    Label::O,
                    Label::O,
                    Label::O,
                    Label::begin(EntityType::Loc),
                    Label::O,
                ],
            ),
        ];
        let res = Resources::default();
        let examples: Vec<Example> = sents
            .iter()
            .map(|(w, g)| {
                let doc = DocContext::new([&w[..]]);
                let mut f = Features::default();
                extract(w, &doc, &res, None, &mut f);
                Example {
                    features: f,
                    gold: g.clone(),
                }
            })
            .collect();
        let config = TrainConfig {
            bits: 12,
            epochs: 5,
            seed: 1,
            members: 2,
            word_dropout: 0.1,
        };
        let bytes = train(&examples, config, |_, _, _| {});
        let model = Model::from_bytes(&bytes).unwrap();
        for ex in &examples {
            assert_eq!(viterbi(&model, &emissions(&model, &ex.features)), ex.gold);
        }
    }
}
