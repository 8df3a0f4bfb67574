//! `kroniek status NAME --as-of DATE PATH...`: what the collection held about an entity on a
//! date — the claims known by then, the latest per predicate, open conflicts.

use super::{CorpusArgs, print};
use crate::Outcome;
use crate::render::OutputFormat;
use anyhow::bail;
use kroniek_core::PartialDate;

/// Arguments of `status`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The entity (any spelling of its name).
    name: String,

    /// The date: 2017-06-16, 2017-06 (its last day) or 2017.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: PartialDate,

    #[command(flatten)]
    corpus: CorpusArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
}

fn parse_date(s: &str) -> Result<PartialDate, String> {
    PartialDate::parse(s)
        .ok_or_else(|| format!("{s:?} is not a date (use 2017-06-16, 2017-06 or 2017)"))
}

/// Runs `status`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let (analysis, _) = args.corpus.analyse()?;
    let found = analysis.find_entities(&args.name);
    let Some(&entity) = found.first() else {
        bail!("no entity named {:?} in these articles", args.name);
    };
    let status = analysis.status(entity, args.as_of.latest());
    let out = match args.format {
        OutputFormat::Json => format!("{}\n", serde_json::to_string_pretty(&status)?),
        OutputFormat::Text => crate::render::status(&status),
    };
    print(&out)?;
    Ok(if analysis.has_errors() {
        Outcome::InputsFailed
    } else {
        Outcome::Ok
    })
}
