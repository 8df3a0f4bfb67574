//! `kroniek analyze`: the report of `kroniek.report/1` as JSON, or a summary to read.

use super::{CorpusArgs, print, print_json};
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
    match args.format {
        // Streamed: a large corpus's report is not held twice in memory.
        OutputFormat::Json => print_json(&report, !args.compact)?,
        OutputFormat::Text => print(&crate::render::summary(&analysis, &report))?,
    }
    Ok(if analysis.has_errors() {
        Outcome::InputsFailed
    } else {
        Outcome::Ok
    })
}
