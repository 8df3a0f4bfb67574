//! `kroniek train ner`: trains the named-entity tagger on a CoNLL file, measuring each epoch on
//! a development file, and writes the model of the best epoch.

use super::LangArg;
use crate::Outcome;
use anyhow::Context;
use clap::Subcommand;
use kroniek_core::entities::ner::train::TrainConfig;
use kroniek_core::entities::ner::{Resources, Tagger, TaggerConfig, train_tagger};
use kroniek_eval::ner;
use std::path::PathBuf;

/// Arguments of `train`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    which: Which,
}

#[derive(Debug, Subcommand)]
enum Which {
    /// The named-entity tagger (two-pass averaged perceptron).
    Ner {
        /// Training data in CoNLL format (e.g. ../shared/data/conll2002/ned.train), or a folder
        /// of MEANTIME XML articles. Repeatable: the sets are joined.
        #[arg(long, value_name = "FILE", required = true)]
        train: Vec<PathBuf>,
        /// Development data: measured after each epoch; the best epoch of the last pass is kept.
        #[arg(long, value_name = "FILE")]
        dev: Option<PathBuf>,
        /// Where to write the model (e.g. lang/nl/ner/model.bin).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The language (chooses the gazetteer and lexicon).
        #[arg(long, value_enum, default_value_t = LangArg::Nl)]
        lang: LangArg,
        /// Passes over the training data, first pass.
        #[arg(long, default_value_t = 6)]
        epochs: usize,
        /// Passes over the training data, second pass.
        #[arg(long, default_value_t = 8)]
        epochs2: usize,
        /// Train a one-pass tagger (no document-level second pass).
        #[arg(long)]
        one_pass: bool,
        /// Passes in all: each after the first sees what the one before found in the article.
        #[arg(long, default_value_t = 2)]
        passes: usize,
        /// Folds for the first-pass labels the second pass learns from.
        #[arg(long, default_value_t = 5)]
        folds: usize,
        /// Hash bits of each weight table.
        #[arg(long, default_value_t = 18)]
        bits: u32,
        /// Seed of the shuffle.
        #[arg(long, default_value_t = 20020)]
        seed: u64,
        /// Models per pass trained on differently shuffled data and averaged.
        #[arg(long, default_value_t = 1)]
        members: usize,
        /// Share of name tokens whose word features are hidden in each update.
        #[arg(long, default_value_t = 0.0)]
        word_dropout: f32,
    },
}

/// Runs `train`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let Which::Ner {
        train,
        dev,
        out,
        lang,
        epochs,
        epochs2,
        one_pass,
        passes,
        folds,
        bits,
        seed,
        members,
        word_dropout,
    } = args.which;
    let read = |p: &PathBuf| {
        kroniek_eval::meantime_entities::conll_text(p)
            .with_context(|| format!("reading {}", p.display()))
    };
    let mut train_text = String::new();
    for p in &train {
        train_text.push_str(&read(p)?);
        train_text.push('\n');
    }
    let train_data = ner::parse(&train_text);
    let dev_text = dev.as_ref().map(read).transpose()?;
    let dev_data = dev_text.as_deref().map(ner::parse);
    let res = Resources::for_language(lang.language());
    eprintln!("gazetteer: {} names", res.gazetteer.len());
    let labelled = train_data.labelled();
    eprintln!("training on {} articles", labelled.len());
    let config = TaggerConfig {
        first: TrainConfig {
            bits,
            epochs,
            seed,
            members,
            word_dropout,
        },
        passes,
        later: (!one_pass).then_some(TrainConfig {
            bits,
            epochs: epochs2,
            seed: seed.wrapping_add(1),
            members,
            word_dropout,
        }),
        folds,
    };
    let bytes = train_tagger(&labelled, &res, config, |pass, epoch, errors, bytes| {
        let Some(dev) = dev_data.as_ref() else {
            eprintln!("pass {pass} epoch {epoch}: {errors} sentences wrong");
            return None;
        };
        let tagger = Tagger::new(bytes, res.clone()).ok()?;
        let s = dev.score(&dev.tag(&tagger));
        let per: Vec<String> = s
            .per_type
            .iter()
            .map(|p| format!("{} {:.2}", p.kind, p.f1))
            .collect();
        eprintln!(
            "pass {pass} epoch {epoch}: {errors} sentences wrong; dev F1 {:.2} ({})",
            s.overall.f1,
            per.join(", ")
        );
        Some(s.overall.f1)
    });
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    eprintln!("wrote {} ({} bytes)", out.display(), bytes.len());
    Ok(Outcome::Ok)
}
