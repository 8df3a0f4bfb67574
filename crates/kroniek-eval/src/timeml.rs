//! TimeML (TempEval-3) documents: the DCT, the TEXT with its tags removed, and the gold TIMEX3
//! spans as byte offsets into that text.

use crate::{EvalError, read};
use regex::Regex;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// A gold time expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    /// Byte offsets into [`TimemlDoc::text`].
    pub start: usize,
    /// End offset.
    pub end: usize,
    /// TIMEX3 type.
    pub kind: String,
    /// TIMEX3 value.
    pub value: String,
}

/// One TimeML document.
#[derive(Debug, Clone)]
pub struct TimemlDoc {
    /// File name without `.tml`.
    pub id: String,
    /// Where it was read from.
    pub path: PathBuf,
    /// The document creation time's value.
    pub dct: String,
    /// The TEXT element's content with every tag removed and entities decoded.
    pub text: String,
    /// Gold TIMEX3s inside TEXT.
    pub timexes: Vec<GoldTimex>,
}

static DCT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?s)<DCT>\s*<TIMEX3[^>]*\bvalue="([^"]+)""#).expect("static regex")
});
static TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<TEXT>(.*)</TEXT>").expect("static regex"));
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<(/?)([A-Za-z0-9]+)([^>]*)>").expect("static regex"));
static ATTR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"([A-Za-z]+)="([^"]*)""#).expect("static regex"));

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Parses TimeML source.
pub fn parse(id: &str, path: &Path, source: &str) -> Result<TimemlDoc, EvalError> {
    let bad = |message: &str| EvalError::Format {
        path: path.to_owned(),
        message: message.to_owned(),
    };
    let dct = DCT
        .captures(source)
        .and_then(|c| c.get(1))
        .ok_or_else(|| bad("no DCT"))?
        .as_str()
        .to_owned();
    let body = TEXT
        .captures(source)
        .and_then(|c| c.get(1))
        .ok_or_else(|| bad("no TEXT"))?
        .as_str();
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut last = 0;
    for cap in TAG.captures_iter(body) {
        let (Some(whole), Some(slash), Some(name), Some(attrs)) =
            (cap.get(0), cap.get(1), cap.get(2), cap.get(3))
        else {
            continue;
        };
        text.push_str(&unescape(&body[last..whole.start()]));
        last = whole.end();
        if name.as_str() != "TIMEX3" {
            continue;
        }
        if slash.as_str().is_empty() {
            let mut kind = String::new();
            let mut value = String::new();
            for a in ATTR.captures_iter(attrs.as_str()) {
                match (a.get(1).map(|m| m.as_str()), a.get(2).map(|m| m.as_str())) {
                    (Some("type"), Some(v)) => kind = v.to_owned(),
                    (Some("value"), Some(v)) => value = v.to_owned(),
                    _ => {}
                }
            }
            open = Some((text.len(), kind, value));
        } else if let Some((start, kind, value)) = open.take() {
            timexes.push(GoldTimex {
                start,
                end: text.len(),
                kind,
                value,
            });
        }
    }
    text.push_str(&unescape(&body[last..]));
    Ok(TimemlDoc {
        id: id.to_owned(),
        path: path.to_owned(),
        dct,
        text,
        timexes,
    })
}

/// Reads every `*.tml` file under `dir` (recursively), sorted by path.
pub fn read_dir(dir: &Path) -> Result<Vec<TimemlDoc>, EvalError> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|source| EvalError::Io {
            path: d.clone(),
            source,
        })?;
        for e in entries {
            let e = e.map_err(|source| EvalError::Io {
                path: d.clone(),
                source,
            })?;
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "tml") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
        .iter()
        .map(|p| {
            let id = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            parse(&id, p, &read(p)?)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dct_text_and_timexes() {
        let src = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>It was a bad <TIMEX3 tid="t1" type="DURATION" value="P1W">week</TIMEX3> for <EVENT eid="e1">A&amp;B</EVENT>.</TEXT></TimeML>"#;
        let d = parse("x", Path::new("x.tml"), src).expect("parses");
        assert_eq!(d.dct, "1998-01-08");
        assert_eq!(d.text, "It was a bad week for A&B.");
        assert_eq!(d.timexes.len(), 1);
        assert_eq!(&d.text[d.timexes[0].start..d.timexes[0].end], "week");
        assert_eq!(d.timexes[0].value, "P1W");
    }
}
