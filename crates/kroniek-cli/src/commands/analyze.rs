//! `kroniek analyze`: the report of `kroniek.report/1` as JSON, or a summary to read.

use super::{CorpusArgs, print};
use crate::Outcome;
use crate::render::OutputFormat;
use kroniek_core::pipeline::ReportOptions;

/// Arguments of `analyze`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    corpus: CorpusArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
    format: OutputFormat,

    /// Include each document's text in the JSON report (every offset indexes it).
    #[arg(long)]
    include_text: bool,

    /// One line of JSON instead of indented JSON.
    #[arg(long)]
    compact: bool,
}

/// Runs `analyze`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let (analysis, _files) = args.corpus.analyse()?;
    let report = analysis.report(ReportOptions {
        include_text: args.include_text,
    });
    let out = match args.format {
        OutputFormat::Json => {
            let mut s = if args.compact {
                serde_json::to_string(&report)?
            } else {
                serde_json::to_string_pretty(&report)?
            };
            s.push('\n');
            s
        }
        OutputFormat::Text => crate::render::summary(&analysis, &report),
    };
    print(&out)?;
    Ok(if analysis.has_errors() {
        Outcome::InputsFailed
    } else {
        Outcome::Ok
    })
}
