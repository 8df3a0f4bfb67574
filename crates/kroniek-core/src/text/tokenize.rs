//! Tokens with byte offsets: words (with inner hyphens and apostrophes), numbers (`15.000`,
//! `20,1`, `31-10-2017`, `'81`), abbreviations (`o.a.`, `dhr.`, initials), quotation marks
//! (`„ “ ” « » " ,, ''` and single quotes) and punctuation.

use super::resources::TextResources;
use crate::model::Span;
use serde::Serialize;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Letters (possibly with digits, inner hyphens or apostrophes).
    Word,
    /// Digits, possibly with `.`, `,`, `/`, `-` or `:` between them, or `'81`.
    Number,
    /// A word with its abbreviation period(s): `o.a.`, `dhr.`, `J.`.
    Abbreviation,
    /// A mark that opens a quotation.
    QuoteOpen,
    /// A mark that closes a quotation.
    QuoteClose,
    /// A straight double quote `"`: opens or closes depending on context.
    QuoteDouble,
    /// A straight single quote `'` standing alone.
    QuoteSingle,
    /// Sentence-final punctuation: `.`, `!`, `?`, `…`, `...`, `?!`.
    Terminal,
    /// Any other punctuation.
    Punct,
    /// Symbols: currency, `%`, `©`, ...
    Symbol,
}

/// A token: a span and a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token {
    /// Where it is in the document text.
    pub span: Span,
    /// What it is.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text.
    pub fn text(self, text: &str) -> &str {
        self.span.slice(text)
    }

    /// True for words, numbers and abbreviations.
    pub fn is_wordlike(self) -> bool {
        matches!(
            self.kind,
            TokenKind::Word | TokenKind::Number | TokenKind::Abbreviation
        )
    }
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '`' | '\u{00B4}')
}

/// A cursor over a string's characters by byte offset, without materialising them.
struct Chars<'a> {
    s: &'a str,
}

impl Chars<'_> {
    /// The character starting at byte `i`, if any.
    fn at(&self, i: usize) -> Option<char> {
        self.s.get(i..).and_then(|rest| rest.chars().next())
    }

    /// The character ending at byte `i`, if any.
    fn before(&self, i: usize) -> Option<char> {
        self.s.get(..i).and_then(|head| head.chars().next_back())
    }

    /// The byte after the character at `i`.
    fn next(&self, i: usize) -> usize {
        self.at(i).map_or(self.s.len(), |c| i + c.len_utf8())
    }
}

/// Splits `text[span]` into tokens.
pub fn tokenize(text: &str, span: Span, res: &TextResources) -> Vec<Token> {
    let body = span.slice(text);
    let base = span.start;
    let mut tokens = Vec::with_capacity(body.len() / 6);
    let cs = Chars { s: body };
    let push = |tokens: &mut Vec<Token>, from: usize, to: usize, kind| {
        tokens.push(Token {
            span: Span::new(base + from, base + to),
            kind,
        });
    };
    let mut i = 0;
    while let Some(c) = cs.at(i) {
        let start = i;
        if c.is_whitespace() || c.is_control() || c == '\u{FEFF}' || c == '\u{200B}' {
            i += c.len_utf8();
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = cs.next(i);
            while let Some(c) = cs.at(j) {
                let prev = cs.before(j).unwrap_or(' ');
                let next = cs.at(j + c.len_utf8());
                let joins = c.is_alphanumeric()
                    || c == '\u{00AD}'
                    || (is_hyphen(c)
                        && prev.is_alphanumeric()
                        && next.is_some_and(char::is_alphanumeric))
                    || (is_apostrophe(c)
                        && prev.is_alphabetic()
                        && next.is_some_and(char::is_alphabetic))
                    || (matches!(c, '.' | ',' | '/' | ':')
                        && prev.is_ascii_digit()
                        && next.is_some_and(|n| n.is_ascii_digit()))
                    || (c == '&' && prev.is_uppercase() && next.is_some_and(char::is_uppercase));
                if !joins {
                    break;
                }
                j += c.len_utf8();
            }
            let word = &body[start..j];
            // Abbreviations: `o.a.`, `d.w.z.`, `dhr.`, `U.S.`, initials.
            if cs.at(j) == Some('.') {
                let mut k = j + 1;
                let mut dots = 1;
                loop {
                    let mut m = k;
                    let mut letters = 0;
                    while letters < 4 && cs.at(m).is_some_and(char::is_alphabetic) {
                        m = cs.next(m);
                        letters += 1;
                    }
                    if letters > 0 && cs.at(m) == Some('.') {
                        k = m + 1;
                        dots += 1;
                    } else {
                        break;
                    }
                }
                let candidate = &body[start..k];
                let next_visible = body[k..].chars().find(|c| !c.is_whitespace());
                // `VS.` at the end of a sentence is the acronym, not `vs.`: all-capital words
                // match only abbreviations listed in capitals.
                let acronym = word.chars().count() > 1 && word.chars().all(char::is_uppercase);
                let known = res.abbreviations.contains_key(candidate)
                    || (!acronym && res.abbreviations.contains_key(&candidate.to_lowercase()));
                let dotted = dots >= 2 && candidate.chars().all(|c| c.is_alphabetic() || c == '.');
                let initial = word.chars().count() == 1
                    && word.chars().all(char::is_uppercase)
                    && next_visible.is_some_and(char::is_uppercase);
                if known || dotted || initial {
                    push(&mut tokens, start, k, TokenKind::Abbreviation);
                    i = k;
                    continue;
                }
            }
            let numeric = word.chars().next().is_some_and(|c| c.is_ascii_digit())
                && word
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | ':' | '-'));
            let kind = if numeric {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            push(&mut tokens, start, j, kind);
            i = j;
            continue;
        }
        let after = cs.next(i);
        // Elisions and short years: 's, 't, 'n, '81.
        if is_apostrophe(c) && cs.before(i).is_none_or(|p| !p.is_alphanumeric()) {
            let mut j = after;
            while cs.at(j).is_some_and(|c| c.is_ascii_digit()) {
                j += 1;
            }
            if j - after == 2 && cs.at(j).is_none_or(|c| !c.is_alphanumeric()) {
                push(&mut tokens, start, j, TokenKind::Number);
                i = j;
                continue;
            }
            if matches!(cs.at(after), Some('s' | 't' | 'n'))
                && cs.at(after + 1).is_none_or(|c| !c.is_alphanumeric())
            {
                push(&mut tokens, start, after + 1, TokenKind::Word);
                i = after + 1;
                continue;
            }
        }
        // Two-character quote marks: ,, '' ``
        let two = match (c, cs.at(after)) {
            (',', Some(',')) => Some(TokenKind::QuoteOpen),
            ('\'', Some('\'')) => Some(TokenKind::QuoteClose),
            ('`', Some('`')) => Some(TokenKind::QuoteOpen),
            _ => None,
        };
        if let Some(kind) = two {
            push(&mut tokens, start, after + 1, kind);
            i = after + 1;
            continue;
        }
        let (end, kind) = match c {
            '.' | '!' | '?' | '…' => {
                let mut j = after;
                while let Some(c @ ('.' | '!' | '?' | '…')) = cs.at(j) {
                    j += c.len_utf8();
                }
                (j, TokenKind::Terminal)
            }
            '„' | '“' | '«' | '‚' | '‘' | '‹' => (after, TokenKind::QuoteOpen),
            '”' | '»' | '’' | '›' => (after, TokenKind::QuoteClose),
            '"' | '＂' => (after, TokenKind::QuoteDouble),
            '\'' => (after, TokenKind::QuoteSingle),
            c if c.is_ascii_punctuation()
                || matches!(c, '–' | '—' | '‐' | '•' | '·' | '¿' | '¡') =>
            {
                (after, TokenKind::Punct)
            }
            _ => (after, TokenKind::Symbol),
        };
        push(&mut tokens, start, end, kind);
        i = end;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;
    use kroniek_lang::Language;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        let res = TextResources::get(Language::Nl);
        tokenize(text, Span::new(0, text.len()), res)
            .into_iter()
            .map(|t| (t.text(text), t.kind))
            .collect()
    }

    fn words(text: &str) -> Vec<&str> {
        toks(text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn dutch_abbreviations_keep_their_periods() {
        assert_eq!(
            words("o.a. dhr. Jansen en mevr. Peeters, bijv. op 3 jan. jl."),
            [
                "o.a.", "dhr.", "Jansen", "en", "mevr.", "Peeters", ",", "bijv.", "op", "3",
                "jan.", "jl."
            ]
        );
        assert_eq!(toks("d.w.z.")[0].1, TokenKind::Abbreviation);
        assert_eq!(
            words("J. R. Tolkien schreef."),
            ["J.", "R.", "Tolkien", "schreef", "."]
        );
    }

    #[test]
    fn numbers_stay_whole() {
        assert_eq!(
            toks("15.000 strijders, 20,1 procent, 31-10-2017 en '81"),
            [
                ("15.000", TokenKind::Number),
                ("strijders", TokenKind::Word),
                (",", TokenKind::Punct),
                ("20,1", TokenKind::Number),
                ("procent", TokenKind::Word),
                (",", TokenKind::Punct),
                ("31-10-2017", TokenKind::Number),
                ("en", TokenKind::Word),
                ("'81", TokenKind::Number),
            ]
        );
        assert_eq!(words("einde. 15 man"), ["einde", ".", "15", "man"]);
    }

    #[test]
    fn compounds_and_elisions() {
        assert_eq!(
            words("IS-leider al-Baghdadi zo’n zo'n TU-22M3 's avonds"),
            [
                "IS-leider",
                "al-Baghdadi",
                "zo’n",
                "zo'n",
                "TU-22M3",
                "'s",
                "avonds"
            ]
        );
        assert_eq!(
            words("strijders – onder wie - jihadisten"),
            ["strijders", "–", "onder", "wie", "-", "jihadisten"]
        );
    }

    #[test]
    fn quotation_marks() {
        let kinds: Vec<_> = toks(",,Ja.'' „Nee” “Ok” \"X\" «Y»")
            .into_iter()
            .map(|(_, k)| k)
            .collect();
        use TokenKind::*;
        assert_eq!(
            kinds,
            [
                QuoteOpen,
                Word,
                Terminal,
                QuoteClose,
                QuoteOpen,
                Word,
                QuoteClose,
                QuoteOpen,
                Word,
                QuoteClose,
                QuoteDouble,
                Word,
                QuoteDouble,
                QuoteOpen,
                Word,
                QuoteClose
            ]
        );
    }

    #[test]
    fn offsets_slice_the_text() {
        let text = " date 2017-06 Syrië’s „leider” …!";
        for t in tokenize(
            text,
            Span::new(14, text.len()),
            TextResources::get(Language::Nl),
        ) {
            assert!(!t.text(text).is_empty());
            assert!(!t.text(text).contains(' '));
        }
    }
}
