//! Ingest: bytes in, [`Document`]s and diagnostics out.
//!
//! Pure: the caller reads files (or stdin, or an HTTP body) and hands over bytes with a name.
//! Formats: plain text with an optional date header, JSON Lines (or a JSON array of the same
//! objects), and HTML. A bad input never stops the others; each problem is one diagnostic naming
//! the input and, for line-oriented formats, the line.

mod decode;
mod html;
mod jsonl;
mod text;

pub use decode::{DecodeError, Decoded, decode};

use crate::diag::Diagnostic;
use crate::model::{Document, Format};

/// One input: a file, stdin, or a request body.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// How to name the input in diagnostics: the path as given, or `<stdin>`.
    pub name: &'a str,
    /// The path to record in documents, if the input is a file.
    pub path: Option<&'a str>,
    /// The id of a single-document input (the file name without extension).
    pub id: &'a str,
    /// The raw bytes.
    pub bytes: &'a [u8],
    /// The format, if known from the file extension; `None` sniffs the content.
    pub format: Option<Format>,
}

/// What an input yielded.
#[derive(Debug, Default)]
pub struct Ingested {
    /// The documents read.
    pub documents: Vec<Document>,
    /// What went wrong or was noticed.
    pub diagnostics: Vec<Diagnostic>,
}

impl Ingested {
    fn error(name: &str, message: impl Into<String>) -> Ingested {
        Ingested {
            documents: vec![],
            diagnostics: vec![Diagnostic::error(name, message)],
        }
    }
}

/// The format a file extension names, if any.
pub fn format_for_extension(ext: &str) -> Option<Format> {
    match ext.to_ascii_lowercase().as_str() {
        "txt" | "text" => Some(Format::Text),
        "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        _ => None,
    }
}

/// Guesses the format of decoded text from its first characters.
pub fn sniff_format(text: &str) -> Format {
    let head = text.trim_start();
    let lower: String = head
        .chars()
        .take(256)
        .collect::<String>()
        .to_ascii_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || (lower.starts_with('<') && (lower.contains("<body") || lower.contains("<p")))
    {
        Format::Html
    } else if head.starts_with('[')
        || (head.starts_with('{')
            && serde_json::from_str::<serde_json::Value>(head.lines().next().unwrap_or("")).is_ok())
    {
        Format::Jsonl
    } else {
        Format::Text
    }
}

/// Reads one input into documents.
pub fn read(input: Input<'_>) -> Ingested {
    let decoded = match decode(input.bytes) {
        Ok(d) => d,
        Err(DecodeError::Empty) => {
            return Ingested {
                documents: vec![],
                diagnostics: vec![Diagnostic::warning(
                    input.name,
                    DecodeError::Empty.to_string(),
                )],
            };
        }
        Err(e) => return Ingested::error(input.name, e.to_string()),
    };
    let mut out = Ingested::default();
    for note in &decoded.notes {
        out.diagnostics
            .push(Diagnostic::warning(input.name, note.clone()));
    }
    let format = input.format.unwrap_or_else(|| sniff_format(&decoded.text));
    let mut got = match format {
        Format::Text => text::read(input, decoded.text, decoded.encoding),
        Format::Jsonl => jsonl::read(input, &decoded.text, decoded.encoding),
        Format::Html => html::read(input, &decoded.text, decoded.encoding),
    };
    out.documents.append(&mut got.documents);
    out.diagnostics.append(&mut got.diagnostics);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(bytes: &'a [u8], format: Option<Format>) -> Input<'a> {
        Input {
            name: "t",
            path: None,
            id: "t",
            bytes,
            format,
        }
    }

    #[test]
    fn formats_are_sniffed() {
        assert_eq!(sniff_format("<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff_format("  <p>Hallo</p>"), Format::Html);
        assert_eq!(
            sniff_format("{\"id\": 1, \"text\": \"x\"}\n"),
            Format::Jsonl
        );
        assert_eq!(sniff_format("[{\"id\": 1}]"), Format::Jsonl);
        assert_eq!(sniff_format("{niet json"), Format::Text);
        assert_eq!(sniff_format(" date 2017-06 Tekst"), Format::Text);
    }

    #[test]
    fn sniffing_reads_jsonl_from_stdin() {
        let got = read(input(b"{\"id\": \"a\", \"text\": \"Hallo.\"}\n", None));
        assert_eq!(got.documents.len(), 1);
        assert_eq!(got.documents[0].id, "a");
    }

    #[test]
    fn empty_input_is_a_warning_and_binary_an_error() {
        let empty = read(input(b"", Some(Format::Text)));
        assert!(empty.documents.is_empty());
        assert_eq!(
            empty.diagnostics[0].severity,
            crate::diag::Severity::Warning
        );
        let binary = read(input(b"\x7fELF\x02\x01\x01\0\0\0", Some(Format::Text)));
        assert!(binary.documents.is_empty());
        assert_eq!(binary.diagnostics[0].severity, crate::diag::Severity::Error);
        assert!(
            binary.diagnostics[0].message.contains("binary"),
            "{:?}",
            binary.diagnostics
        );
    }
}
