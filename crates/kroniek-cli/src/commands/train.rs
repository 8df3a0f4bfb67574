//! `kroniek train ner`: trains the named-entity tagger on a CoNLL file, measuring each epoch on
//! a development file, and writes the model of the best epoch.

use super::LangArg;
use crate::Outcome;
use anyhow::Context;
use clap::Subcommand;
use kroniek_core::entities::ner::gazetteer::Gazetteer;
use kroniek_core::entities::ner::train::{TrainConfig, train};
use kroniek_core::entities::ner::{Tagger, examples};
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
    /// The named-entity tagger (averaged perceptron).
    Ner {
        /// Training data in CoNLL format (e.g. ../shared/data/conll2002/ned.train).
        #[arg(long, value_name = "FILE")]
        train: PathBuf,
        /// Development data: measured after each epoch; the best epoch is kept.
        #[arg(long, value_name = "FILE")]
        dev: Option<PathBuf>,
        /// Where to write the model (e.g. lang/nl/ner/model.bin).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The language (chooses the gazetteer).
        #[arg(long, value_enum, default_value_t = LangArg::Nl)]
        lang: LangArg,
        /// Passes over the training data.
        #[arg(long, default_value_t = 12)]
        epochs: usize,
        /// Hash bits of the weight table.
        #[arg(long, default_value_t = 20)]
        bits: u32,
        /// Seed of the shuffle.
        #[arg(long, default_value_t = 20020)]
        seed: u64,
    },
}

/// Runs `train`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let Which::Ner {
        train: train_path,
        dev,
        out,
        lang,
        epochs,
        bits,
        seed,
    } = args.which;
    let read = |p: &PathBuf| {
        std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))
    };
    let train_text = read(&train_path)?;
    let train_data = ner::parse(&train_text);
    let dev_text = dev.as_ref().map(read).transpose()?;
    let dev_data = dev_text.as_deref().map(ner::parse);
    let gaz = Gazetteer::for_language(lang.language());
    eprintln!("gazetteer: {} names", gaz.len());
    let labelled = train_data.labelled();
    let exs = examples(&labelled, &gaz);
    eprintln!("training on {} sentences", exs.len());
    let config = TrainConfig { bits, epochs, seed };
    let mut best: Option<(f64, usize, Vec<u8>)> = None;
    let last = train(&exs, config, |epoch, errors, bytes| {
        let Some(dev) = &dev_data else {
            eprintln!("epoch {epoch}: {errors} sentences wrong");
            return;
        };
        let Ok(tagger) = Tagger::new(bytes, gaz.clone()) else {
            return;
        };
        let s = dev.score(&dev.tag(&tagger));
        let f1 = s.overall.f1;
        let per: Vec<String> = s
            .per_type
            .iter()
            .map(|p| format!("{} {:.2}", p.kind, p.f1))
            .collect();
        eprintln!(
            "epoch {epoch}: {errors} sentences wrong; dev F1 {f1:.2} ({})",
            per.join(", ")
        );
        if best.as_ref().is_none_or(|(b, _, _)| f1 > *b) {
            best = Some((f1, epoch, bytes.to_vec()));
        }
    });
    let (bytes, note) = match best {
        Some((f1, epoch, bytes)) => (bytes, format!("epoch {epoch}, dev F1 {f1:.2}")),
        None => (last, format!("epoch {epochs}")),
    };
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    eprintln!("wrote {} ({} bytes, {note})", out.display(), bytes.len());
    Ok(Outcome::Ok)
}
