//! `kroniek tempeval IN_DIR OUT_DIR`: TempEval-3 input files in, the same files with TIMEX3
//! tags in TEXT out, named as the official scorer expects (`X.tml`).

use super::{BiasArg, print};
use crate::Outcome;
use anyhow::Context;
use kroniek_core::time::{TenseBias, TimeConfig};
use std::path::PathBuf;

/// Arguments of `tempeval`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder of `X.tml.TE3input` files (TimeML with DCT and TEXT).
    in_dir: PathBuf,
    /// Folder to write `X.tml` into.
    out_dir: PathBuf,
    /// How to resolve a bare weekday or month when the tense does not say.
    #[arg(long, value_enum, default_value_t = BiasArg::Auto)]
    tense_bias: BiasArg,
}

/// Runs `tempeval`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let config = TimeConfig {
        tense_bias: match args.tense_bias {
            BiasArg::Past => TenseBias::Past,
            BiasArg::Future => TenseBias::Future,
            BiasArg::Auto => TenseBias::Auto,
        },
    };
    let n = kroniek_eval::tempeval::annotate_dir(&args.in_dir, &args.out_dir, &config)
        .with_context(|| format!("annotating {}", args.in_dir.display()))?;
    print(&format!(
        "{n} files annotated into {}\n",
        args.out_dir.display()
    ))?;
    Ok(Outcome::Ok)
}
