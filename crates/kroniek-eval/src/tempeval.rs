//! TempEval-3: input files made from gold TimeML (`X.tml.TE3input`: the DCT kept, every tag in
//! TEXT removed), Kroniek's output (`X.tml`: TIMEX3 tags put into TEXT, nothing else changed, so
//! the official scorer `TE3-evaluation.py` reads it), and a quick scorer in the spirit of the
//! official one (strict and relaxed span match, value and type accuracy over relaxed matches).

use crate::timeml::TimemlDoc;
use crate::{EvalError, Prf, read};
use kroniek_core::model::{Document, Language, PartialDate, Span};
use kroniek_core::time::{TimeConfig, Timex, TimexType, extract};
use regex::Regex;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]*>").expect("static regex"));
static DCT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?s)<DCT>.*?<TIMEX3[^>]*\bvalue="([^"]+)""#).expect("static regex")
});

/// The TE3 input of a gold file: the same file with every tag inside TEXT removed and nothing
/// after TEXT but the closing of the document.
pub fn make_input(gold: &str) -> Option<String> {
    let open = gold.find("<TEXT>")? + "<TEXT>".len();
    let close = gold[open..].find("</TEXT>")? + open;
    let body = TAG.replace_all(&gold[open..close], "");
    Some(format!("{}{}</TEXT>\n\n</TimeML>\n", &gold[..open], body))
}

/// Text with XML entities decoded, and for every byte of it (plus the end) the byte in the raw
/// text it came from.
fn decode(raw: &str) -> (String, Vec<usize>) {
    const ENTITIES: [(&str, char); 5] = [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&apos;", '\''),
    ];
    let mut text = String::with_capacity(raw.len());
    let mut map = Vec::with_capacity(raw.len() + 1);
    let mut i = 0;
    while i < raw.len() {
        let rest = &raw[i..];
        if let Some((ent, c)) = ENTITIES.iter().find(|(e, _)| rest.starts_with(e)) {
            map.push(i);
            text.push(*c);
            i += ent.len();
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        for _ in 0..c.len_utf8() {
            map.push(i);
        }
        text.push(c);
        i += c.len_utf8();
    }
    map.push(raw.len());
    (text, map)
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// Finds the expressions of a TE3 input file's TEXT.
pub fn find(input: &str, config: &TimeConfig) -> Option<(String, Vec<Timex>)> {
    let open = input.find("<TEXT>")? + "<TEXT>".len();
    let close = input[open..].find("</TEXT>")? + open;
    let (text, _) = decode(&input[open..close]);
    let dct = DCT
        .captures(input)
        .and_then(|c| c.get(1))
        .and_then(|m| PartialDate::parse(m.as_str()));
    let mut doc = Document::plain("te3", text.clone());
    doc.declared_language = Some(Language::En);
    let analysis = kroniek_core::text::analyze(&doc, Language::En);
    let found = extract(&doc, &analysis, dct, config);
    Some((text, found))
}

/// Kroniek's annotation of a TE3 input file: TIMEX3 tags put into TEXT.
pub fn annotate(input: &str, config: &TimeConfig) -> Option<String> {
    let open = input.find("<TEXT>")? + "<TEXT>".len();
    let close = input[open..].find("</TEXT>")? + open;
    let raw = &input[open..close];
    let (_, map) = decode(raw);
    let (_, found) = find(input, config)?;
    let mut out = String::with_capacity(input.len() + found.len() * 80);
    out.push_str(&input[..open]);
    let mut last = 0;
    for (n, t) in found.iter().enumerate() {
        let (Some(&s), Some(&e)) = (map.get(t.span.start), map.get(t.span.end)) else {
            continue;
        };
        if s < last || e < s {
            continue;
        }
        out.push_str(&raw[last..s]);
        let kind = match t.kind {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        };
        out.push_str(&format!(
            "<TIMEX3 tid=\"t{}\" type=\"{kind}\" value=\"{}\"",
            n + 1,
            escape_attr(&t.value)
        ));
        if let Some(m) = t.modifier {
            out.push_str(&format!(" mod=\"{m}\""));
        }
        out.push('>');
        out.push_str(&raw[s..e]);
        out.push_str("</TIMEX3>");
        last = e;
    }
    out.push_str(&raw[last..]);
    out.push_str(&input[close..]);
    Some(out)
}

/// Annotates every `*.TE3input` (or `*.tml`) file of `input_dir` into `output_dir` as `X.tml`.
pub fn annotate_dir(
    input_dir: &Path,
    output_dir: &Path,
    config: &TimeConfig,
) -> Result<usize, EvalError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(input_dir)
        .map_err(|source| EvalError::Io {
            path: input_dir.to_owned(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".TE3input") || n.ends_with(".tml"))
        })
        .collect();
    files.sort();
    std::fs::create_dir_all(output_dir).map_err(|source| EvalError::Io {
        path: output_dir.to_owned(),
        source,
    })?;
    for p in &files {
        let src = read(p)?;
        let annotated = annotate(&src, config).ok_or_else(|| EvalError::Format {
            path: p.clone(),
            message: "no TEXT element".to_owned(),
        })?;
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .trim_end_matches(".TE3input")
            .to_owned();
        let out = output_dir.join(name);
        std::fs::write(&out, annotated).map_err(|source| EvalError::Io { path: out, source })?;
    }
    Ok(files.len())
}

/// One difference between gold and Kroniek.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// Document.
    pub doc: String,
    /// Gold text and value, if any.
    pub gold: Option<(String, String)>,
    /// Kroniek's text and value and rule, if any.
    pub found: Option<(String, String, String)>,
    /// DCT.
    pub dct: String,
}

/// Quick scores (the official scorer gives the reported figures).
#[derive(Debug, Clone, Serialize, Default)]
pub struct TempevalScores {
    /// Documents.
    pub documents: usize,
    /// Exact span matches.
    pub strict: Prf,
    /// Overlapping span matches.
    pub relaxed: Prf,
    /// Relaxed matches with the gold value.
    pub value_matches: usize,
    /// Relaxed matches with the gold type.
    pub type_matches: usize,
    /// Differences, for reading.
    pub diffs: Vec<Diff>,
    /// Per rule: expressions found, those overlapping a gold one, those with its value.
    pub rules: std::collections::BTreeMap<String, [usize; 3]>,
}

impl TempevalScores {
    /// Value F1 as the official scorer computes it: value accuracy over relaxed matches times
    /// relaxed F1.
    pub fn value_f1(&self) -> f64 {
        let m = self.relaxed.tp;
        if m == 0 {
            0.0
        } else {
            self.value_matches as f64 / m as f64 * self.relaxed.f1()
        }
    }

    /// Type F1, likewise.
    pub fn type_f1(&self) -> f64 {
        let m = self.relaxed.tp;
        if m == 0 {
            0.0
        } else {
            self.type_matches as f64 / m as f64 * self.relaxed.f1()
        }
    }
}

/// Scores Kroniek on gold documents (their text without tags is what it reads).
pub fn evaluate(docs: &[TimemlDoc], config: &TimeConfig) -> TempevalScores {
    let mut s = TempevalScores::default();
    for d in docs {
        let mut doc = Document::plain(d.id.clone(), d.text.clone());
        doc.declared_language = Some(Language::En);
        let analysis = kroniek_core::text::analyze(&doc, Language::En);
        let found = extract(&doc, &analysis, PartialDate::parse(&d.dct), config);
        s.documents += 1;
        let mut used = vec![false; found.len()];
        for t in &found {
            s.rules.entry(t.rule.clone()).or_default()[0] += 1;
        }
        for g in &d.timexes {
            let gs = Span::new(g.start, g.end);
            let hit = found
                .iter()
                .enumerate()
                .find(|(i, t)| !used[*i] && t.span.overlaps(gs));
            match hit {
                Some((i, t)) => {
                    used[i] = true;
                    s.relaxed.tp += 1;
                    let r = s.rules.entry(t.rule.clone()).or_default();
                    r[1] += 1;
                    if t.value == g.value {
                        r[2] += 1;
                    }
                    if t.span == gs {
                        s.strict.tp += 1;
                    } else {
                        s.strict.fn_ += 1;
                        s.strict.fp += 1;
                    }
                    let kind = format!("{:?}", t.kind).to_uppercase();
                    if kind == g.kind {
                        s.type_matches += 1;
                    }
                    if t.value == g.value {
                        s.value_matches += 1;
                    } else {
                        s.diffs.push(Diff {
                            doc: d.id.clone(),
                            gold: Some((d.text[g.start..g.end].to_owned(), g.value.clone())),
                            found: Some((
                                t.span.slice(&d.text).to_owned(),
                                t.value.clone(),
                                t.rule.clone(),
                            )),
                            dct: d.dct.clone(),
                        });
                    }
                }
                None => {
                    s.relaxed.fn_ += 1;
                    s.strict.fn_ += 1;
                    s.diffs.push(Diff {
                        doc: d.id.clone(),
                        gold: Some((d.text[g.start..g.end].to_owned(), g.value.clone())),
                        found: None,
                        dct: d.dct.clone(),
                    });
                }
            }
        }
        for (i, t) in found.iter().enumerate() {
            if !used[i] {
                s.relaxed.fp += 1;
                s.strict.fp += 1;
                s.diffs.push(Diff {
                    doc: d.id.clone(),
                    gold: None,
                    found: Some((
                        t.span.slice(&d.text).to_owned(),
                        t.value.clone(),
                        t.rule.clone(),
                    )),
                    dct: d.dct.clone(),
                });
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOLD: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
Profits at A&amp;B <EVENT eid="e1">rose</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3>.
</TEXT>
<TLINK lid="l1" />
</TimeML>
"#;

    #[test]
    fn input_keeps_the_dct_and_drops_the_text_tags() {
        let input = make_input(GOLD).expect("has TEXT");
        assert!(input.contains("<DCT><TIMEX3"));
        assert!(input.contains("Profits at A&amp;B rose yesterday."));
        assert!(!input.contains("TLINK"));
        assert!(!input.contains("<EVENT"));
    }

    #[test]
    fn output_only_adds_timex_tags() {
        let input = make_input(GOLD).expect("has TEXT");
        let out = annotate(&input, &TimeConfig::default()).expect("annotates");
        assert!(
            out.contains(r#"<TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3>"#),
            "{out}"
        );
        assert_eq!(TAG.replace_all(&out, ""), TAG.replace_all(&input, ""));
    }
}
