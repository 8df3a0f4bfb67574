//! One module per subcommand, plus the arguments they share.

pub mod analyze;
pub mod eval;
pub mod ingest;
pub mod serve;
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
use kroniek_core::pipeline::{Analysis, Analyzer};
use kroniek_store::{Bias, Settings, Store};
use std::path::{Path, PathBuf};

/// Where the articles come from: paths to read, or a story's database.
#[derive(Debug, clap::Args)]
pub struct CorpusArgs {
    /// Files or directories to read (recursively); `-` reads standard input. Plain text (`.txt`),
    /// JSON Lines (`.jsonl`) and HTML (`.html`). Give these or `--db`.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Read the story from this database (made by `kroniek ingest`) instead of PATHs.
    #[arg(long, value_name = "FILE")]
    pub db: Option<PathBuf>,

    #[command(flatten)]
    pub input: InputArgs,
}

/// How articles are read and analysed.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// Give a document's publication date: `ID=2017-06-16` (or `2017-06`, `2017`). Repeatable.
    #[arg(long, value_name = "ID=DATE", value_parser = parse_published)]
    pub published: Vec<(String, PartialDate)>,

    /// How to resolve a bare weekday or month when the tense does not say [default: auto].
    #[arg(long, value_enum)]
    pub tense_bias: Option<BiasArg>,

    /// The language assumed when an article gives no clue [default: nl].
    #[arg(long, value_enum)]
    pub default_language: Option<LangArg>,

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

impl InputArgs {
    /// The analysis settings: the flags given, the rest from `base` (a story's stored settings,
    /// or the defaults).
    pub fn settings(&self, base: Settings) -> Settings {
        Settings {
            tense_bias: match self.tense_bias {
                Some(BiasArg::Past) => Bias::Past,
                Some(BiasArg::Future) => Bias::Future,
                Some(BiasArg::Auto) => Bias::Auto,
                None => base.tense_bias,
            },
            default_language: self
                .default_language
                .map_or(base.default_language, LangArg::language),
        }
    }

    /// Reads the articles under `paths`, with `--published` dates applied. Diagnostics are in
    /// `loaded.diagnostics`.
    pub fn load(&self, paths: &[PathBuf]) -> anyhow::Result<inputs::Loaded> {
        let limits = Limits {
            max_file_bytes: self.max_file_size.saturating_mul(1 << 20),
        };
        let mut loaded = inputs::load(paths, limits);
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
        Ok(loaded)
    }

    /// True when any flag that only applies to reading paths was given.
    fn any_given(&self) -> Option<&'static str> {
        if !self.published.is_empty() {
            Some("--published")
        } else if self.tense_bias.is_some() {
            Some("--tense-bias")
        } else if self.default_language.is_some() {
            Some("--default-language")
        } else {
            None
        }
    }
}

impl CorpusArgs {
    /// Reads the corpus (or the story's database) and runs the pipeline, printing diagnostics
    /// to stderr as they are known. Returns the analysis and how many files were read.
    pub fn analyse(&self) -> anyhow::Result<(Analysis, usize)> {
        match (&self.db, self.paths.is_empty()) {
            (Some(_), false) => bail!("give either PATH... or --db FILE, not both"),
            (None, true) => bail!(
                "nothing to analyse: give the articles as PATH... (files, directories, - for stdin) or a story database with --db FILE"
            ),
            (Some(db), true) => self.analyse_db(db),
            (None, false) => self.analyse_paths(),
        }
    }

    fn analyse_db(&self, db: &Path) -> anyhow::Result<(Analysis, usize)> {
        if let Some(flag) = self.input.any_given() {
            bail!(
                "{flag} applies to articles read from PATHs; a database keeps the settings and dates it was ingested with (run `kroniek ingest ... {flag} ...` to change them)"
            );
        }
        let mut store = Store::open_existing(db)?;
        let bar = crate::progress::Bar::new(0, "loading");
        let current = store.current(&bar)?;
        bar.finish();
        let analysis = current.analysis;
        for d in &analysis.diagnostics {
            eprintln!("kroniek: {d}");
        }
        let n = analysis.docs.len();
        Ok((analysis, n))
    }

    fn analyse_paths(&self) -> anyhow::Result<(Analysis, usize)> {
        let loaded = self.input.load(&self.paths)?;
        let bar = crate::progress::Bar::new(loaded.documents.len(), "analysing");
        let analyzer = Analyzer::new(self.input.settings(Settings::default()).config());
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

/// Writes `value` to stdout as JSON and a newline, streamed, treating a closed pipe (`| head`)
/// as success.
pub fn print_json(value: &impl serde::Serialize, pretty: bool) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = if pretty {
        serde_json::to_writer_pretty(&mut out, value)
    } else {
        serde_json::to_writer(&mut out, value)
    }
    .map_err(std::io::Error::from)
    .and_then(|()| out.write_all(b"\n"))
    .and_then(|()| out.flush());
    match written {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(e).context("cannot write to standard output"),
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
