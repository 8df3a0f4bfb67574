//! `kroniek eval ...`: measure a stage on real annotated data. Figures are printed; `--json`
//! prints them as JSON for the committed reports under `eval/reports/`.

use crate::Outcome;
use anyhow::Context;
use clap::Subcommand;
use std::path::PathBuf;

/// Arguments of `eval`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    which: Which,

    /// Print the scores as JSON.
    #[arg(long, global = true)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum Which {
    /// Publication-date inference: hide each TempEval-3 document's date, infer it from the text
    /// alone, compare.
    Pubdate {
        /// A folder of TimeML files (default: TempEval-3 TimeBank+AQUAINT in the data folder).
        #[arg(long)]
        tempeval: Option<PathBuf>,
    },
    /// Named entities: tag a CoNLL file and score exact spans per type (as conlleval).
    Ner {
        /// A CoNLL file with gold tags in the last column (default: CoNLL-2002 ned.testa), or a
        /// folder of MEANTIME XML articles.
        #[arg(long, value_name = "FILE")]
        conll: Option<PathBuf>,
        /// The language of the text.
        #[arg(long, value_enum, default_value_t = super::LangArg::Nl)]
        lang: super::LangArg,
        /// Use this model file instead of the built-in one.
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
    },
}

/// Runs `eval`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    match args.which {
        Which::Pubdate { tempeval } => {
            let dir = match tempeval {
                Some(d) => d,
                None => kroniek_eval::data_path("tempeval3/Training/TBAQ-cleaned")?,
            };
            let docs = kroniek_eval::timeml::read_dir(&dir)
                .with_context(|| format!("reading {}", dir.display()))?;
            let s = kroniek_eval::pubdate::evaluate(&docs, kroniek_core::Language::En);
            if args.json {
                super::print(&format!("{}\n", serde_json::to_string_pretty(&s)?))?;
            } else {
                let pct = |n: usize| 100.0 * n as f64 / s.documents.max(1) as f64;
                super::print(&format!(
                    "publication dates inferred from the text alone ({} documents, {})\n  given a date:        {:5.1}%\n  interval holds truth: {:5.1}%\n  within a month:      {:5.1}%\n  right year:          {:5.1}%\n",
                    s.documents,
                    dir.display(),
                    pct(s.dated),
                    pct(s.contains_truth),
                    pct(s.within_month),
                    pct(s.right_year)
                ))?;
            }
        }
        Which::Ner { conll, lang, model } => {
            let path = match conll {
                Some(p) => p,
                None => kroniek_eval::data_path("conll2002/ned.testa")?,
            };
            let text = kroniek_eval::meantime::conll_text(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            let data = kroniek_eval::ner::parse(&text);
            let bytes = super::tag::model_bytes(model.as_deref(), lang)?;
            let tagger = kroniek_core::entities::ner::Tagger::new(
                &bytes,
                kroniek_core::entities::ner::Resources::for_language(lang.language()),
            )
            .context("loading the NER model")?;
            let s = data.score(&data.tag(&tagger));
            if args.json {
                super::print(&format!("{}\n", serde_json::to_string_pretty(&s)?))?;
            } else {
                super::print(&format!("{}\n{}", path.display(), s.table()))?;
            }
        }
    }
    Ok(Outcome::Ok)
}
