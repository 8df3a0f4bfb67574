//! `kroniek`: the command line. Thin glue over `kroniek-core`: parse arguments, read inputs,
//! run the pipeline, print, and set the exit status.
//!
//! Exit status: 0 when everything was read, 1 when some inputs could not be read (the rest is
//! still analysed and reported), 2 for usage errors and failures that stop the command.

mod commands;
mod inputs;
mod progress;
mod render;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Turn news articles about a developing story into a timeline of who claimed what, when, and
/// how sure they were.
#[derive(Debug, Parser)]
#[command(name = "kroniek", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Analyse articles and print the report (JSON or a readable summary).
    Analyze(commands::analyze::Args),
    /// Add articles to a story's database: only new or changed ones are analysed.
    Ingest(commands::ingest::Args),
    /// Serve a story's database: the HTTP API and the web page.
    Serve(commands::serve::Args),
    /// Events in the order they happened, with who reported them, when, and how sure.
    Timeline(commands::timeline::Args),
    /// What the articles held about an entity as of a date.
    Status(commands::status::Args),
    /// Measure a stage on annotated data.
    Eval(commands::eval::Args),
    /// Annotate TempEval-3 input files (`X.tml.TE3input`) with TIMEX3 tags, writing
    /// `OUT_DIR/X.tml` for the official scorer.
    Tempeval(commands::tempeval::Args),
    /// Tag named entities in a CoNLL file.
    Tag(commands::tag::Args),
    /// Train a model from annotated data.
    Train(commands::train::Args),
}

/// How a command ended, for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything worked.
    Ok,
    /// Some inputs could not be used; the rest was processed.
    InputsFailed,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => commands::analyze::run(args),
        Command::Ingest(args) => commands::ingest::run(args),
        Command::Serve(args) => commands::serve::run(args),
        Command::Timeline(args) => commands::timeline::run(args),
        Command::Status(args) => commands::status::run(args),
        Command::Eval(args) => commands::eval::run(args),
        Command::Tempeval(args) => commands::tempeval::run(args),
        Command::Tag(args) => commands::tag::run(args),
        Command::Train(args) => commands::train::run(args),
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::InputsFailed) => ExitCode::from(1),
        Err(e) => {
            eprintln!("kroniek: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
