//! Paragraphs and sentences over the token stream, and what kind of text each sentence is.

use super::resources::TextResources;
use super::tokenize::{Token, TokenKind};
use crate::model::Span;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// What a sentence is, for the stages after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SentenceKind {
    /// Article text.
    Body,
    /// A short line without final punctuation standing alone: a subheading.
    Heading,
    /// A pull-quote or teaser repeating text found elsewhere in the article.
    PullQuote,
    /// Captions, credits, buttons.
    Boilerplate,
}

/// A sentence: a span, its tokens and its paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// From the first token's start to the last token's end.
    pub span: Span,
    /// Indices into the token list.
    pub tokens: Range<usize>,
    /// Index of the paragraph it is in.
    pub paragraph: usize,
    /// What kind of text it is.
    pub kind: SentenceKind,
    /// For a pull-quote, the sentence it repeats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeats: Option<usize>,
}

/// The longest sentence kept whole; longer runs are cut so later stages stay bounded.
pub const MAX_SENTENCE_TOKENS: usize = 400;

/// Whether the whitespace between two tokens ends a paragraph.
fn gap_breaks(text: &str, gap: Range<usize>, single_newline_breaks: bool) -> bool {
    let gap = text.get(gap).unwrap_or("");
    let newlines = gap.matches('\n').count();
    newlines >= 2 || (single_newline_breaks && newlines == 1)
}

/// Plain text comes in two styles: blank lines between paragraphs, or one paragraph per line.
/// Hard-wrapped text (short lines, no blank lines) keeps single newlines as spaces.
fn one_paragraph_per_line(body: &str) -> bool {
    if body.contains("\n\n") || body.contains("\n\r\n") {
        return false;
    }
    let lines: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() < 2 {
        return false;
    }
    // Hard-wrapped text keeps every line under about 80 characters.
    lines.iter().any(|l| l.chars().count() > 100)
}

fn starts_upper_or_digit(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// Splits tokens into paragraphs and sentences.
pub fn sentences(
    text: &str,
    body: Span,
    tokens: &[Token],
    res: &TextResources,
) -> (Vec<Span>, Vec<Sentence>) {
    let per_line = one_paragraph_per_line(body.slice(text));
    let mut paragraphs = Vec::new();
    let mut sentences = Vec::new();
    let mut para_start = 0;
    let mut sent_start = 0;
    let mut i = 0;
    let close = |sentences: &mut Vec<Sentence>, from: usize, to: usize, paragraph: usize| {
        if from < to {
            sentences.push(Sentence {
                span: Span::new(tokens[from].span.start, tokens[to - 1].span.end),
                tokens: from..to,
                paragraph,
                kind: SentenceKind::Body,
                repeats: None,
            });
        }
    };
    while i < tokens.len() {
        let tok = tokens[i];
        let next = tokens.get(i + 1);
        let paragraph = paragraphs.len();
        // Paragraph break after this token?
        let breaks_paragraph =
            next.is_none_or(|n| gap_breaks(text, tok.span.end..n.span.start, per_line));
        if breaks_paragraph {
            close(&mut sentences, sent_start, i + 1, paragraph);
            if let (Some(first), Some(last)) = (tokens.get(para_start), tokens.get(i)) {
                paragraphs.push(Span::new(first.span.start, last.span.end));
            }
            i += 1;
            para_start = i;
            sent_start = i;
            continue;
        }
        let mut end_here = false;
        let mut end = i + 1;
        let ends_sentence_kind = match tok.kind {
            TokenKind::Terminal => true,
            TokenKind::Abbreviation => res
                .abbreviations
                .get(&tok.text(text).to_lowercase())
                .copied()
                .unwrap_or(false),
            _ => false,
        };
        if ends_sentence_kind {
            // Closing quotes and brackets stay with the sentence they end.
            while let Some(t) = tokens.get(end) {
                let s = t.text(text);
                let closes = matches!(t.kind, TokenKind::QuoteClose | TokenKind::QuoteSingle)
                    || (t.kind == TokenKind::QuoteDouble && end == i + 1)
                    || matches!(s, ")" | "]");
                if closes
                    && !gap_breaks(text, tokens[end - 1].span.end..t.span.start, true)
                    && t.span.start == tokens[end - 1].span.end
                {
                    end += 1;
                } else {
                    break;
                }
            }
            match tokens.get(end) {
                None => end_here = true,
                Some(n) => {
                    let s = n.text(text);
                    end_here = match n.kind {
                        TokenKind::Word | TokenKind::Number => starts_upper_or_digit(s),
                        TokenKind::Abbreviation => starts_upper_or_digit(s),
                        TokenKind::QuoteOpen | TokenKind::QuoteDouble | TokenKind::QuoteSingle => {
                            true
                        }
                        TokenKind::Symbol => true,
                        TokenKind::Punct => matches!(s, "(" | "[" | "-" | "–" | "—" | "•"),
                        _ => false,
                    } && !starts_lower(s);
                    // An abbreviation that may end a sentence only does so before a capital.
                    if tok.kind == TokenKind::Abbreviation && !matches!(n.kind, TokenKind::Word) {
                        end_here = false;
                    }
                }
            }
        }
        if !end_here && end - sent_start >= MAX_SENTENCE_TOKENS {
            end_here = true;
        }
        if end_here {
            // A closing quote or bracket swallowed above may itself end the paragraph.
            let last = end - 1;
            let para_ends = tokens
                .get(end)
                .is_none_or(|n| gap_breaks(text, tokens[last].span.end..n.span.start, per_line));
            close(&mut sentences, sent_start, end, paragraph);
            sent_start = end;
            if para_ends {
                if let (Some(first), Some(l)) = (tokens.get(para_start), tokens.get(last)) {
                    paragraphs.push(Span::new(first.span.start, l.span.end));
                }
                para_start = end;
            }
            i = end;
        } else {
            i += 1;
        }
    }
    if sent_start < tokens.len() {
        close(&mut sentences, sent_start, tokens.len(), paragraphs.len());
        if let (Some(first), Some(last)) = (tokens.get(para_start), tokens.last()) {
            paragraphs.push(Span::new(first.span.start, last.span.end));
        }
    }
    classify(text, tokens, &mut sentences, res);
    (paragraphs, sentences)
}

fn words_of(text: &str, tokens: &[Token], s: &Sentence) -> Vec<String> {
    tokens[s.tokens.clone()]
        .iter()
        .filter(|t| t.is_wordlike())
        .map(|t| t.text(text).to_lowercase())
        .collect()
}

/// How far (in sentences) a pull-quote is compared with the text it may repeat. Pull-quotes
/// repeat their own article; the window keeps the check linear on huge inputs.
const REPEAT_WINDOW: usize = 60;

/// Marks headings, boilerplate and pull-quotes.
fn classify(text: &str, tokens: &[Token], sentences: &mut [Sentence], res: &TextResources) {
    let mut per_paragraph: HashMap<usize, usize> = HashMap::new();
    for s in sentences.iter() {
        *per_paragraph.entry(s.paragraph).or_insert(0) += 1;
    }
    let word_count = |s: &Sentence| {
        tokens[s.tokens.clone()]
            .iter()
            .filter(|t| t.is_wordlike())
            .count()
    };
    // Each sentence's lowercase words, made once: pull-quotes compare a sentence with many.
    let words: Vec<Vec<String>> = sentences
        .iter()
        .map(|s| words_of(text, tokens, s))
        .collect();
    // Enough of a sentence, lowercased, to test the boilerplate openings (one character more,
    // so a final sigma lowercases as it would in the whole sentence).
    let opening = res
        .boilerplate
        .iter()
        .map(|b| b.chars().count())
        .max()
        .unwrap_or(0)
        + 1;
    for idx in 0..sentences.len() {
        let s = &sentences[idx];
        let slice = s.span.slice(text);
        let cut = slice
            .char_indices()
            .nth(opening)
            .map_or(slice.len(), |(i, _)| i);
        let sentence_text = slice[..cut].to_lowercase();
        if res
            .boilerplate
            .iter()
            .any(|b| sentence_text.starts_with(b.as_str()))
            || tokens[s.tokens.clone()].iter().any(|t| t.text(text) == "©")
        {
            sentences[idx].kind = SentenceKind::Boilerplate;
            continue;
        }
        let alone = per_paragraph.get(&s.paragraph) == Some(&1);
        let last = tokens[s.tokens.end - 1];
        let unterminated = !matches!(
            last.kind,
            TokenKind::Terminal | TokenKind::QuoteClose | TokenKind::QuoteDouble
        ) && !matches!(last.text(text), ":" | ";" | "," | ")");
        if !(alone && unterminated) {
            continue;
        }
        // A standalone unterminated line that repeats nearby text is a pull-quote; a short one
        // that does not is a heading.
        let mine: HashSet<&str> = words[idx].iter().map(String::as_str).collect();
        if mine.len() >= 5 {
            let from = idx.saturating_sub(REPEAT_WINDOW);
            let to = (idx + REPEAT_WINDOW).min(sentences.len());
            let best = (from..to)
                .filter(|&j| j != idx && sentences[j].paragraph != s.paragraph)
                .map(|j| {
                    let window: HashSet<&str> = words[j]
                        .iter()
                        .chain(words.get(j + 1).into_iter().flatten())
                        .map(String::as_str)
                        .collect();
                    let shared = mine.iter().filter(|w| window.contains(*w)).count();
                    (shared as f32 / mine.len() as f32, j)
                })
                .max_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((overlap, j)) = best
                && overlap >= 0.8
            {
                sentences[idx].kind = SentenceKind::PullQuote;
                sentences[idx].repeats = Some(j);
                continue;
            }
        }
        if word_count(&sentences[idx]) <= 12 {
            sentences[idx].kind = SentenceKind::Heading;
        }
    }
    // A sentence repeated word for word: the later copy is the repeat.
    let mut first_seen: HashMap<u128, usize> = HashMap::new();
    for (idx, sentence) in sentences.iter_mut().enumerate() {
        if word_count(sentence) < 5 {
            continue;
        }
        let key = xxhash_rust::xxh3::xxh3_128(words[idx].join(" ").as_bytes());
        match first_seen.get(&key) {
            Some(&j) if sentence.kind == SentenceKind::Body => {
                sentence.kind = SentenceKind::PullQuote;
                sentence.repeats = Some(j);
            }
            Some(_) => {}
            None => {
                first_seen.insert(key, idx);
            }
        }
    }
}
