//! `kroniek timeline`: events in the order they happened, each with who reported it, when, and
//! how sure.

use super::{CorpusArgs, print};
use crate::Outcome;
use crate::render::OutputFormat;
use anyhow::bail;

/// Arguments of `timeline`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    corpus: CorpusArgs,

    /// Only events about this entity (any spelling of its name).
    #[arg(long, value_name = "NAME")]
    entity: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
}

/// Runs `timeline`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let (analysis, _) = args.corpus.analyse()?;
    let entity = match &args.entity {
        Some(name) => match analysis.find_entities(name).first() {
            Some(&e) => Some(e),
            None => bail!("no entity named {name:?} in these articles"),
        },
        None => None,
    };
    let timeline = analysis.timeline(entity);
    let out = match args.format {
        OutputFormat::Json => format!("{}\n", serde_json::to_string_pretty(&timeline)?),
        OutputFormat::Text => crate::render::timeline(&timeline),
    };
    print(&out)?;
    Ok(if analysis.has_errors() {
        Outcome::InputsFailed
    } else {
        Outcome::Ok
    })
}
