//! JSON Lines: one article per line, `{"id", "text", "published"?, "title"?, "url"?, "outlet"?,
//! "language"?}`. A file holding a JSON array of such objects is read the same way.
//!
//! Offsets index the record's `text`. A bad line is one diagnostic with its line number; the
//! other lines are still read.

use super::{Ingested, Input};
use crate::diag::Diagnostic;
use crate::model::{DateSource, Document, Format, Language, PartialDate, Published, Span};
use serde_json::{Map, Value};

pub(super) fn read(input: Input<'_>, text: &str, encoding: &'static str) -> Ingested {
    let mut out = Ingested::default();
    if text.trim_start().starts_with('[') {
        match serde_json::from_str::<Vec<Value>>(text) {
            Ok(records) => {
                for (i, record) in records.into_iter().enumerate() {
                    // Records of an array are numbered from 1, like lines.
                    record_to_doc(input, record, i + 1, "record", encoding, &mut out);
                }
            }
            Err(e) => out.diagnostics.push(
                Diagnostic::error(input.name, format!("not a JSON array of articles: {e}"))
                    .at_line(e.line()),
            ),
        }
        return out;
    }
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(value) => record_to_doc(input, value, number, "line", encoding, &mut out),
            Err(e) => out.diagnostics.push(
                Diagnostic::error(input.name, format!("not valid JSON: {e}")).at_line(number),
            ),
        }
    }
    if out.documents.is_empty() && out.diagnostics.is_empty() {
        out.diagnostics
            .push(Diagnostic::warning(input.name, "no articles in the file"));
    }
    out
}

fn record_to_doc(
    input: Input<'_>,
    value: Value,
    number: usize,
    unit: &str,
    encoding: &'static str,
    out: &mut Ingested,
) {
    let at = |message: String| Diagnostic::error(input.name, message).at_line(number);
    let Value::Object(mut record) = value else {
        out.diagnostics
            .push(at(format!("{unit} is not a JSON object")));
        return;
    };
    let id = match record.remove("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        None | Some(Value::Null) => format!("{}-{number}", input.id),
        Some(other) => {
            out.diagnostics.push(at(format!(
                "\"id\" must be a string or number, not {other}"
            )));
            return;
        }
    };
    let text = match record.remove("text") {
        Some(Value::String(s)) => s,
        None | Some(Value::Null) => {
            out.diagnostics
                .push(at(format!("article {id:?} has no \"text\"")));
            return;
        }
        Some(_) => {
            out.diagnostics
                .push(at(format!("article {id:?}: \"text\" must be a string")));
            return;
        }
    };
    if text.trim().is_empty() {
        out.diagnostics.push(
            Diagnostic::warning(input.name, format!("article {id:?} has empty text"))
                .at_line(number),
        );
        return;
    }
    let mut doc = Document::plain(id.clone(), String::new());
    doc.path = input.path.map(str::to_owned);
    doc.format = Format::Jsonl;
    doc.encoding = encoding.to_owned();
    let lead = text.len() - text.trim_start().len();
    doc.body = Span::new(lead, text.trim_end().len().max(lead));
    doc.text = text;
    doc.title = string_field(&mut record, "title");
    doc.url = string_field(&mut record, "url");
    doc.outlet = string_field(&mut record, "outlet");
    if let Some(code) = string_field(&mut record, "language") {
        doc.declared_language = Language::from_code(&code);
        if doc.declared_language.is_none() {
            out.diagnostics.push(
                Diagnostic::warning(
                    input.name,
                    format!("article {id:?}: language {code:?} is not supported; detecting it"),
                )
                .at_line(number),
            );
        }
    }
    let published =
        string_field(&mut record, "published").or_else(|| string_field(&mut record, "date"));
    if let Some(raw) = published {
        match PartialDate::parse(&raw) {
            Some(date) => {
                doc.published = Published::stated(
                    date,
                    DateSource::Metadata,
                    format!("JSON field \"published\": {raw:?}"),
                );
            }
            None => out.diagnostics.push(
                Diagnostic::warning(
                    input.name,
                    format!("article {id:?}: \"published\" {raw:?} is not a date; ignored"),
                )
                .at_line(number),
            ),
        }
    }
    out.documents.push(doc);
}

fn string_field(record: &mut Map<String, Value>, key: &str) -> Option<String> {
    match record.remove(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Severity;

    fn read_jsonl(text: &str) -> Ingested {
        let input = Input {
            name: "a.jsonl",
            path: Some("a.jsonl"),
            id: "a",
            bytes: &[],
            format: None,
        };
        read(input, text, "UTF-8")
    }

    #[test]
    fn records_with_all_fields() {
        let got = read_jsonl(
            r#"{"id": "x1", "text": "Hij is dood.", "published": "2017-06-16T09:00:00Z", "title": "Dood", "url": "https://e.x/1", "outlet": "Krant", "language": "nl-BE"}
{"id": 7, "text": "He is alive."}
"#,
        );
        assert!(got.diagnostics.is_empty(), "{:?}", got.diagnostics);
        let [a, b] = got.documents.as_slice() else {
            panic!("two documents")
        };
        assert_eq!(a.id, "x1");
        assert_eq!(
            a.published.value.map(|d| d.to_string()).as_deref(),
            Some("2017-06-16")
        );
        assert_eq!(a.published.source, DateSource::Metadata);
        assert_eq!(a.declared_language, Some(Language::Nl));
        assert_eq!(a.title.as_deref(), Some("Dood"));
        assert_eq!(b.id, "7");
        assert_eq!(b.published.value, None);
    }

    #[test]
    fn bad_lines_name_their_line_and_the_rest_is_read() {
        let got = read_jsonl(
            "{\"id\": \"ok\", \"text\": \"Goed.\"}\n{kapot\n\n[1,2]\n{\"id\": \"x\"}\n{\"text\": \"Zonder id.\"}\n",
        );
        let ids: Vec<_> = got.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["ok", "a-6"]);
        let lines: Vec<_> = got
            .diagnostics
            .iter()
            .map(|d| (d.line, d.severity))
            .collect();
        assert_eq!(
            lines,
            [
                (Some(2), Severity::Error),
                (Some(4), Severity::Error),
                (Some(5), Severity::Error)
            ]
        );
        assert!(got.diagnostics[2].message.contains("no \"text\""));
    }

    #[test]
    fn a_json_array_is_read_like_lines() {
        let got = read_jsonl(r#"[{"id": "a", "text": "Een."}, {"id": "b", "text": "Twee."}]"#);
        assert_eq!(got.documents.len(), 2);
    }

    #[test]
    fn a_bad_published_field_is_a_warning() {
        let got = read_jsonl(r#"{"id": "a", "text": "Een.", "published": "gisteren"}"#);
        assert_eq!(got.documents.len(), 1);
        assert_eq!(got.diagnostics[0].severity, Severity::Warning);
    }
}
