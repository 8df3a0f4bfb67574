//! Quotations: pairs of opening and closing marks, across sentences within a paragraph.

use super::tokenize::{Token, TokenKind};
use crate::model::Span;
use serde::Serialize;

/// A quotation: its marks and what is between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// From the opening mark to the closing mark, inclusive.
    pub span: Span,
    /// The quoted words, without the marks.
    pub inner: Span,
    /// False when the paragraph ended before a closing mark (a quote running on).
    pub closed: bool,
}

/// Pairs quotation marks within each paragraph.
pub fn quotes(text: &str, tokens: &[Token], paragraphs: &[Span]) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut t = 0;
    for para in paragraphs {
        // (token index, is double)
        let mut stack: Vec<(usize, bool)> = Vec::new();
        let mut last_in_para = None;
        while t < tokens.len() && tokens[t].span.end <= para.end {
            let tok = tokens[t];
            let mark = tok.text(text);
            let double = !matches!(mark, "‘" | "’" | "‚" | "'" | "‹" | "›");
            match tok.kind {
                TokenKind::QuoteOpen => {
                    // German-style „…“: a “ after an open „ closes it.
                    if mark == "“"
                        && stack
                            .last()
                            .is_some_and(|&(o, _)| tokens[o].text(text) == "„")
                    {
                        close(&mut out, &mut stack, tokens, t, true);
                    } else {
                        stack.push((t, double));
                    }
                }
                TokenKind::QuoteClose => close(&mut out, &mut stack, tokens, t, double),
                TokenKind::QuoteDouble | TokenKind::QuoteSingle => {
                    let dbl = tok.kind == TokenKind::QuoteDouble;
                    if stack.iter().any(|&(_, d)| d == dbl) {
                        close(&mut out, &mut stack, tokens, t, dbl);
                    } else {
                        stack.push((t, dbl));
                    }
                }
                _ => {}
            }
            last_in_para = Some(t);
            t += 1;
        }
        // Quotes left open run to the end of the paragraph (a quote running on).
        if let Some(last) = last_in_para {
            for (open, _) in stack.drain(..) {
                if open < last && tokens[open].kind != TokenKind::QuoteSingle {
                    out.push(Quote {
                        span: Span::new(tokens[open].span.start, tokens[last].span.end),
                        inner: Span::new(tokens[open].span.end, tokens[last].span.end),
                        closed: false,
                    });
                }
            }
        }
    }
    out.sort_by_key(|q| q.span);
    out
}

fn close(
    out: &mut Vec<Quote>,
    stack: &mut Vec<(usize, bool)>,
    tokens: &[Token],
    at: usize,
    double: bool,
) {
    // Close the innermost open quote of the same weight; a stray closer is ignored.
    if let Some(pos) = stack.iter().rposition(|&(_, d)| d == double) {
        let (open, _) = stack[pos];
        stack.truncate(pos);
        out.push(Quote {
            span: Span::new(tokens[open].span.start, tokens[at].span.end),
            inner: Span::new(tokens[open].span.end, tokens[at].span.start),
            closed: true,
        });
    }
}
