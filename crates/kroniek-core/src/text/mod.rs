//! Text: language, tokens, sentences, paragraphs and quotations, all as byte spans into the
//! document's text.

mod langid;
mod quotes;
mod resources;
mod segment;
mod tokenize;

pub use langid::identify;
pub use quotes::{Quote, quotes};
pub use resources::TextResources;
pub use segment::{MAX_SENTENCE_TOKENS, Sentence, SentenceKind, sentences};
pub use tokenize::{Token, TokenKind, tokenize};

use crate::model::{Document, Language, Span};
use serde::Serialize;

/// The text stage's result for one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextAnalysis {
    /// The document's language.
    pub language: Language,
    /// How sure the language guess is, 0..1.
    pub language_confidence: f32,
    /// Tokens of the body, in order.
    pub tokens: Vec<Token>,
    /// Paragraph spans.
    pub paragraphs: Vec<Span>,
    /// Sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Quotations, in order.
    pub quotes: Vec<Quote>,
}

impl TextAnalysis {
    /// The sentence holding byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }

    /// Sentences that carry article text (not headings, repeats or furniture).
    pub fn body_sentences(&self) -> impl Iterator<Item = (usize, &Sentence)> {
        self.sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind == SentenceKind::Body)
    }
}

/// Runs the text stage on a document. `fallback` is the language assumed when the text gives no
/// clue and the input declared none.
pub fn analyze(doc: &Document, fallback: Language) -> TextAnalysis {
    let (language, language_confidence) =
        identify(doc.body_text(), doc.declared_language, fallback);
    analyze_as(doc, language, language_confidence)
}

/// Runs the text stage on a document whose language is already known.
pub fn analyze_as(doc: &Document, language: Language, language_confidence: f32) -> TextAnalysis {
    let res = TextResources::get(language);
    let mut tokens = tokenize(&doc.text, doc.body, res);
    // Kept for the whole analysis of a collection: no growth slack.
    tokens.shrink_to_fit();
    let (paragraphs, mut sentences) = sentences(&doc.text, doc.body, &tokens, res);
    sentences.shrink_to_fit();
    let quotes = quotes(&doc.text, &tokens, &paragraphs);
    TextAnalysis {
        language,
        language_confidence,
        tokens,
        paragraphs,
        sentences,
        quotes,
    }
}

#[cfg(test)]
mod tests;
