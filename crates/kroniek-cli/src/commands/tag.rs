//! `kroniek tag --conll FILE`: named-entity tags for a CoNLL file. Every line is copied through;
//! token lines get the predicted IOB2 tag appended.

use super::LangArg;
use crate::Outcome;
use anyhow::Context;
use kroniek_core::entities::ner::Resources;
use kroniek_core::entities::ner::Tagger;
use kroniek_eval::ner::{self, Line};
use std::path::{Path, PathBuf};

/// Arguments of `tag`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A CoNLL file: `word POS tag` lines, blank lines between sentences, `-DOCSTART-` lines
    /// (or a folder of MEANTIME XML articles, converted to such lines).
    #[arg(long, value_name = "FILE")]
    conll: PathBuf,

    /// The language of the text.
    #[arg(long, value_enum, default_value_t = LangArg::Nl)]
    lang: LangArg,

    /// Use this model file instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
}

/// The model bytes: the given file, or the built-in model of the language.
pub fn model_bytes(model: Option<&Path>, lang: LangArg) -> anyhow::Result<Vec<u8>> {
    let lang = lang.language();
    match model {
        Some(p) => std::fs::read(p).with_context(|| format!("reading {}", p.display())),
        None => kroniek_lang::bytes_in(lang.iso(), kroniek_core::entities::ner::MODEL_FILE)
            .map(<[u8]>::to_vec)
            .with_context(|| format!("no built-in NER model for {lang}")),
    }
}

/// Runs `tag`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let text = kroniek_eval::meantime_entities::conll_text(&args.conll)
        .with_context(|| format!("reading {}", args.conll.display()))?;
    let conll = ner::parse(&text);
    let bytes = model_bytes(args.model.as_deref(), args.lang)?;
    let tagger = Tagger::new(&bytes, Resources::for_language(args.lang.language()))
        .context("loading the NER model")?;
    let tags = conll.tag(&tagger);
    let mut out = String::with_capacity(text.len() + conll.lines.len() * 6);
    for (line, tag) in conll.lines.iter().zip(&tags) {
        match line {
            Line::Token { raw, .. } => {
                out.push_str(raw);
                out.push(' ');
                out.push_str(tag.map_or("O", |t| t.label.as_str()));
            }
            Line::Blank(raw) | Line::DocStart(raw) => out.push_str(raw),
        }
        out.push('\n');
    }
    super::print(&out)?;
    Ok(Outcome::Ok)
}
