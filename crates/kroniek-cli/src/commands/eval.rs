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
    /// Cross-document entity merging: MEANTIME Dutch gold proper-name mentions, each topic one
    /// collection, B-cubed against the gold chains.
    Coref {
        /// The MEANTIME Dutch folder (default: meantime_nl in the data folder).
        #[arg(long)]
        meantime: Option<PathBuf>,
    },
    /// Publication-date inference: hide each TempEval-3 document's date, infer it from the text
    /// alone, compare.
    Pubdate {
        /// A folder of TimeML files (default: TempEval-3 TimeBank+AQUAINT in the data folder).
        #[arg(long)]
        tempeval: Option<PathBuf>,
    },
}

/// Runs `eval`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    match args.which {
        Which::Coref { meantime } => {
            let dir = match meantime {
                Some(d) => d,
                None => kroniek_eval::data_path("meantime_nl")?,
            };
            let topics = kroniek_eval::coref::read_topics(&dir)?;
            let scores = kroniek_eval::coref::evaluate(&topics);
            if args.json {
                super::print(&format!("{}\n", serde_json::to_string_pretty(&scores)?))?;
            } else {
                let mut out = String::from(
                    "B-cubed of merged proper-name mentions (MEANTIME Dutch, gold mentions)\n",
                );
                for s in &scores {
                    out.push_str(&format!(
                        "  {} ({} documents, {} mentions, {} chains)\n    kroniek       P {:.3}  R {:.3}  F1 {:.3}\n    exact string  P {:.3}  R {:.3}  F1 {:.3}\n    singletons    P {:.3}  R {:.3}  F1 {:.3}\n",
                        s.topic, s.documents, s.mentions, s.chains,
                        s.kroniek.precision, s.kroniek.recall, s.kroniek.f1,
                        s.exact_string.precision, s.exact_string.recall, s.exact_string.f1,
                        s.singletons.precision, s.singletons.recall, s.singletons.f1,
                    ));
                }
                super::print(&out)?;
            }
        }
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
    }
    Ok(Outcome::Ok)
}
