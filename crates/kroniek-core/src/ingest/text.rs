//! Plain text, with an optional date header: ` date 2017-06 `, `datum: 2017-06-16`, ...
//!
//! The header gives the publication date at its granularity. It stays in the document's text (so
//! offsets index the file as read) but is not part of the body that is analysed.

use super::{Ingested, Input};
use crate::diag::Diagnostic;
use crate::model::{DateSource, Document, Format, PartialDate, Published, Span};
use regex::Regex;
use std::sync::LazyLock;

static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^[\ \t]*
          (?:date|datum|published|gepubliceerd|pubdate)
          [\ \t]*:?[\ \t]*
          (?P<date>\d[\d./-]*\d)
          (?:[\ \t]*\r?\n|[\ \t]+|$)",
    )
    .expect("static regex")
});

/// A date header at the start of `text`: the header's span and the date it names, or `None`
/// when the header is there but its date is not valid (the span still covers it).
pub(crate) fn header(text: &str) -> Option<(Span, Option<PartialDate>, &str)> {
    let caps = HEADER.captures(text)?;
    let whole = caps.get(0)?;
    let date = caps.name("date")?.as_str();
    Some((
        Span::new(whole.start(), whole.end()),
        PartialDate::parse(date),
        date,
    ))
}

pub(super) fn read(input: Input<'_>, text: String, encoding: &'static str) -> Ingested {
    let mut out = Ingested::default();
    let mut doc = Document::plain(input.id, String::new());
    doc.path = input.path.map(str::to_owned);
    doc.format = Format::Text;
    doc.encoding = encoding.to_owned();
    let mut body_start = 0;
    if let Some((span, date, raw)) = header(&text) {
        body_start = span.end;
        let line = span.slice(&text);
        match date {
            Some(date) => {
                doc.published = Published::stated(
                    date,
                    DateSource::Header,
                    format!("header line {:?}", line.trim_end_matches(['\r', '\n'])),
                );
            }
            None => out.diagnostics.push(
                Diagnostic::warning(
                    input.name,
                    format!("date header {raw:?} is not a valid date; publication date unknown"),
                )
                .at_line(1),
            ),
        }
    }
    // The body is what follows the header, without surrounding whitespace.
    let rest = &text[body_start..];
    let lead = rest.len() - rest.trim_start().len();
    let end = body_start + rest.trim_end().len();
    let start = (body_start + lead).min(end);
    if start == end {
        out.diagnostics.push(Diagnostic::warning(
            input.name,
            "no text after the date header",
        ));
        return out;
    }
    doc.body = Span::new(start, end);
    doc.title = headline(&text[start..end]);
    doc.text = text;
    out.documents.push(doc);
    out
}

/// A first line that stands alone (a blank line after it), is short and has no final full stop
/// is the headline. It stays part of the body.
fn headline(body: &str) -> Option<String> {
    let (first, rest) = body.split_once('\n')?;
    let first = first.trim();
    let blank_after = rest.trim_start_matches([' ', '\t', '\r']).starts_with('\n');
    let words = first.split_whitespace().count();
    (blank_after && (1..=15).contains(&words) && !first.ends_with(['.', ',', ';', ':']))
        .then(|| first.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str) -> Ingested {
        let input = Input {
            name: "f.txt",
            path: Some("f.txt"),
            id: "f",
            bytes: &[],
            format: None,
        };
        read(input, text.to_owned(), "UTF-8")
    }

    #[test]
    fn header_forms() {
        for (text, want) in [
            (" date 2017-06 De leider", Some("2017-06")),
            ("date 2017-06-16\nDe leider", Some("2017-06-16")),
            ("Date: 2017\r\nDe leider", Some("2017")),
            ("datum:2017-06-16 De leider", Some("2017-06-16")),
            ("DATUM : 16-06-2017\n\nDe leider", Some("2017-06-16")),
            ("date2017-06 De leider", Some("2017-06")),
        ] {
            let got = read_text(text);
            let doc = &got.documents[0];
            assert_eq!(
                doc.published.value.map(|d| d.to_string()).as_deref(),
                want,
                "{text:?}"
            );
            assert_eq!(doc.body_text(), "De leider", "{text:?}");
            assert_eq!(doc.text, text, "offsets index the file as read");
        }
    }

    #[test]
    fn no_header_means_whole_text_and_unknown_date() {
        let got = read_text("Datums zijn lastig. De leider.");
        let doc = &got.documents[0];
        assert_eq!(doc.body_text(), "Datums zijn lastig. De leider.");
        assert_eq!(doc.published.value, None);
    }

    #[test]
    fn an_invalid_header_date_is_a_warning() {
        let got = read_text(" date 2017-13 De leider");
        assert_eq!(got.documents[0].body_text(), "De leider");
        assert_eq!(got.documents[0].published.value, None);
        assert!(got.diagnostics[0].message.contains("2017-13"));
    }

    #[test]
    fn a_standalone_first_line_is_the_headline() {
        let got = read_text(" date 2024-02-14 \nLeider \"leeft nog\"\n\nDe leider leeft nog.");
        assert_eq!(
            got.documents[0].title.as_deref(),
            Some("Leider \"leeft nog\"")
        );
        let got = read_text("De leider leeft nog. Dat zegt de VN.\n\nMeer tekst.");
        assert_eq!(got.documents[0].title, None);
    }

    #[test]
    fn header_only_is_a_warning() {
        let got = read_text(" date 2017-06 \n");
        assert!(got.documents.is_empty());
        assert_eq!(got.diagnostics.len(), 1);
    }
}
