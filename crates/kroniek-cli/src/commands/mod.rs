//! One module per subcommand, plus the arguments they share.

pub mod analyze;
pub mod eval;
pub mod status;
pub mod tag;
pub mod tempeval;
pub mod timeline;
pub mod train;

use crate::inputs::{self, Limits};
use anyhow::{Context, bail};
use clap::ValueEnum;
use kroniek_core::diag::Diagnostic;
use kroniek_core::model::{DateSource, Language, PartialDate, Published};
use kroniek_core::pipeline::{Analysis, Analyzer, Config};
use kroniek_core::time::TenseBias;
use std::path::PathBuf;

/// Arguments shared by every command that analyses a corpus.
#[derive(Debug, clap::Args)]
pub struct CorpusArgs {
    /// Files or directories to read (recursively); `-` reads standard input. Plain text (`.txt`),
    /// JSON Lines (`.jsonl`) and HTML (`.html`).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Give a document's publication date: `ID=2017-06-16` (or `2017-06`, `2017`). Repeatable.
    #[arg(long, value_name = "ID=DATE", value_parser = parse_published)]
    pub published: Vec<(String, PartialDate)>,

    /// How to resolve a bare weekday or month when the tense does not say.
    #[arg(long, value_enum, default_value_t = BiasArg::Auto)]
    pub tense_bias: BiasArg,

    /// The language assumed when an article gives no clue.
    #[arg(long, value_enum, default_value_t = LangArg::Nl)]
    pub default_language: LangArg,

    /// Refuse files larger than this many mebibytes.
    #[arg(long, value_name = "MIB", default_value_t = 64)]
    pub max_file_size: u64,
}

/// `--tense-bias`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum BiasArg {
    /// The latest one on or before the publication date.
    Past,
    /// The next one on or after it.
    Future,
    /// From the tense of the clause.
    Auto,
}

/// `--default-language`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// Dutch.
    Nl,
    /// English.
    En,
}

fn parse_published(s: &str) -> Result<(String, PartialDate), String> {
    let (id, date) = s
        .split_once('=')
        .ok_or_else(|| format!("expected ID=DATE, got {s:?}"))?;
    let date = PartialDate::parse(date)
        .ok_or_else(|| format!("{date:?} is not a date (use 2017-06-16, 2017-06 or 2017)"))?;
    Ok((id.to_owned(), date))
}

impl LangArg {
    /// The language.
    pub fn language(self) -> Language {
        match self {
            LangArg::Nl => Language::Nl,
            LangArg::En => Language::En,
        }
    }
}

impl CorpusArgs {
    /// The pipeline settings these arguments ask for.
    pub fn config(&self) -> Config {
        let mut config = Config::default();
        config.time.tense_bias = match self.tense_bias {
            BiasArg::Past => TenseBias::Past,
            BiasArg::Future => TenseBias::Future,
            BiasArg::Auto => TenseBias::Auto,
        };
        config.default_language = match self.default_language {
            LangArg::Nl => Language::Nl,
            LangArg::En => Language::En,
        };
        config
    }

    /// Reads the corpus and runs the pipeline, printing diagnostics to stderr as they are known.
    pub fn analyse(&self) -> anyhow::Result<(Analysis, usize)> {
        let limits = Limits {
            max_file_bytes: self.max_file_size.saturating_mul(1 << 20),
        };
        let mut loaded = inputs::load(&self.paths, limits);
        for (id, date) in &self.published {
            match loaded.documents.iter_mut().find(|d| &d.id == id) {
                Some(doc) => {
                    doc.published = Published::stated(
                        *date,
                        DateSource::Given,
                        format!("--published {id}={date}"),
                    );
                }
                None => loaded.diagnostics.push(Diagnostic::error(
                    "--published",
                    format!("no document has the id {id:?}"),
                )),
            }
        }
        if loaded.documents.is_empty() && loaded.files == 0 && loaded.diagnostics.is_empty() {
            bail!("no articles found in the given paths");
        }
        let bar = crate::progress::Bar::new(loaded.documents.len(), "analysing");
        let analyzer = Analyzer::new(self.config());
        let mut analysis = analyzer.analyze_with(loaded.documents, &bar);
        bar.finish();
        let mut diagnostics = loaded.diagnostics;
        diagnostics.append(&mut analysis.diagnostics);
        analysis.diagnostics = diagnostics;
        for d in &analysis.diagnostics {
            eprintln!("kroniek: {d}");
        }
        Ok((analysis, loaded.files))
    }
}

/// Writes `text` to stdout, treating a closed pipe (`| head`) as success.
pub fn print(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(e).context("cannot write to standard output"),
    }
}
