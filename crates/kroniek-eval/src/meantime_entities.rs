//! MEANTIME (NewsReader, CC BY 4.0) English entity mentions as CoNLL-style NER data.
//!
//! Each article is an XML file of `<token sentence=.. t_id=..>` elements, `ENTITY_MENTION`s
//! (token anchors and a syntactic type) and `REFERS_TO` links from mentions to `ENTITY`
//! instances carrying the type. Proper-name mentions (`syntactic_type="NAM"`) become IOB2 tags:
//! PER, ORG and LOC as they are; products (PRO) and financial entities (FIN) as MISC; mixed
//! (MIX) ones are left out. Of nested names the innermost are kept. Extents are trimmed of leading and
//! trailing words with no capital or digit (`long awaited`) and determiners (`The`), as CoNLL
//! names have none.

use crate::EvalError;
use regex::Regex;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// One article in CoNLL form: `word _ TAG` lines, sentences separated by blank lines.
pub fn to_conll(xml: &str) -> String {
    let (Ok(tok_re), Ok(mention_re), Ok(anchor_re), Ok(entity_re), Ok(refers_re), Ok(id_re)) = (
        Regex::new(r#"<token\b[^>]*\bsentence="(\d+)"[^>]*\bt_id="(\d+)"[^>]*>([^<]*)</token>"#),
        Regex::new(r#"(?s)<ENTITY_MENTION\b([^>]*)>(.*?)</ENTITY_MENTION>"#),
        Regex::new(r#"t_id="(\d+)""#),
        Regex::new(r#"<ENTITY\b([^>]*)/?>"#),
        Regex::new(r#"(?s)<REFERS_TO\b[^>]*>(.*?)</REFERS_TO>"#),
        Regex::new(r#"m_id="(\d+)""#),
    ) else {
        return String::new();
    };
    let attr = |attrs: &str, name: &str| -> Option<String> {
        let re = Regex::new(&format!(r#"\b{name}="([^"]*)""#)).ok()?;
        re.captures(attrs).map(|c| c[1].to_owned())
    };
    // Tokens in order.
    let mut tokens: Vec<(usize, String, String)> = Vec::new();
    for c in tok_re.captures_iter(xml) {
        let sentence = c[1].parse().unwrap_or(0);
        tokens.push((sentence, c[2].to_owned(), unescape(&c[3])));
    }
    let index: HashMap<&str, usize> = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| (t.1.as_str(), i))
        .collect();
    // Entity instance types, and which instance each mention refers to.
    let mut entity_type: HashMap<String, String> = HashMap::new();
    for c in entity_re.captures_iter(xml) {
        if let (Some(m), Some(t)) = (attr(&c[1], "m_id"), attr(&c[1], "ent_type")) {
            entity_type.insert(m, t);
        }
    }
    let mut mention_type: HashMap<String, String> = HashMap::new();
    for c in refers_re.captures_iter(xml) {
        let body = &c[1];
        let Some(target) = body
            .split("<target")
            .nth(1)
            .and_then(|t| id_re.captures(t))
            .map(|c| c[1].to_owned())
        else {
            continue;
        };
        let Some(t) = entity_type.get(&target) else {
            continue;
        };
        let sources = body.split("<target").next().unwrap_or("");
        for s in id_re.captures_iter(sources) {
            mention_type.insert(s[1].to_owned(), t.clone());
        }
    }
    // Name mentions as token ranges.
    let mut spans: Vec<(usize, usize, &'static str)> = Vec::new();
    for c in mention_re.captures_iter(xml) {
        let attrs = &c[1];
        if attr(attrs, "syntactic_type").as_deref() != Some("NAM") {
            continue;
        }
        let Some(m) = attr(attrs, "m_id") else {
            continue;
        };
        let kind = match mention_type.get(&m).map(String::as_str) {
            Some("PER") => "PER",
            Some("ORG") => "ORG",
            Some("LOC") => "LOC",
            Some("PRO" | "FIN") => "MISC",
            _ => continue,
        };
        let mut ids: Vec<usize> = anchor_re
            .captures_iter(&c[2])
            .filter_map(|a| index.get(&a[1]).copied())
            .collect();
        ids.sort_unstable();
        // MEANTIME extents take in determiners and modifiers (`the long awaited iPhone SDK`);
        // CoNLL names do not: trim words without a capital or digit from both ends.
        let named = |i: &usize| {
            let w = &tokens[*i].2;
            w.chars().any(|c| c.is_uppercase() || c.is_ascii_digit())
                && !matches!(
                    w.to_lowercase().as_str(),
                    "the" | "a" | "an" | "this" | "that" | "these" | "those" | "its" | "their"
                )
        };
        let first = ids.iter().position(&named);
        let last = ids.iter().rposition(named);
        if let (Some(f), Some(l)) = (first, last) {
            spans.push((ids[f], ids[l] + 1, kind));
        }
    }
    // Nested names: the innermost win (`Apple` and `iTunes`, not `Apple 's iTunes`).
    spans.sort_by_key(|&(a, b, _)| (b - a, a));
    let mut tags: Vec<String> = vec!["O".to_owned(); tokens.len()];
    let mut taken = vec![false; tokens.len()];
    for (a, b, kind) in spans {
        if taken[a..b].iter().any(|&t| t) || tokens[a].0 != tokens[b - 1].0 {
            continue;
        }
        for (i, t) in (a..b).enumerate() {
            taken[t] = true;
            tags[t] = format!("{}-{kind}", if i == 0 { "B" } else { "I" });
        }
    }
    let mut out = String::from("-DOCSTART- -X- O\n");
    let mut last = None;
    for ((sentence, _, word), tag) in tokens.iter().zip(&tags) {
        if last.is_some_and(|l| l != *sentence) {
            out.push('\n');
        }
        last = Some(*sentence);
        let word: String = word.split_whitespace().collect::<Vec<_>>().join("_");
        if word.is_empty() {
            continue;
        }
        out.push_str(&format!("{word} _ {tag}\n"));
    }
    out.push('\n');
    out
}

/// Every MEANTIME article under `dir` (recursively, in path order) as one CoNLL text.
pub fn read_dir(dir: &Path) -> Result<String, EvalError> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|source| EvalError::Io {
            path: d.clone(),
            source,
        })?;
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "xml") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut out = String::new();
    for f in files {
        out.push_str(&to_conll(&crate::read(&f)?));
    }
    Ok(out)
}

/// CoNLL text from a path: a CoNLL file as it is (UTF-8, or Latin-1 as the original CoNLL-2002
/// distribution is), or a folder of MEANTIME XML converted.
pub fn conll_text(path: &Path) -> Result<String, EvalError> {
    if path.is_dir() {
        return read_dir(path);
    }
    let bytes = std::fs::read(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => kroniek_core::ingest::decode(e.as_bytes())
            .map(|d| d.text)
            .map_err(|err| EvalError::Format {
                path: path.to_owned(),
                message: err.to_string(),
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_iob2() {
        let xml = r#"<Document>
<token number="0" sentence="0" t_id="1">Steve</token>
<token number="1" sentence="0" t_id="2">Jobs</token>
<token number="2" sentence="0" t_id="3">left</token>
<token number="3" sentence="0" t_id="4">Apple</token>
<token number="4" sentence="1" t_id="5">Fine</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/><token_anchor t_id="2"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM"><token_anchor t_id="4"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="PRO"><token_anchor t_id="5"/></ENTITY_MENTION>
<ENTITY ent_type="PER" m_id="10"/>
<ENTITY ent_type="ORG" m_id="11"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><target m_id="10"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="2"/><source m_id="3"/><target m_id="11"/></REFERS_TO>
</Relations></Document>"#;
        let c = to_conll(xml);
        assert_eq!(
            c,
            "-DOCSTART- -X- O\nSteve _ B-PER\nJobs _ I-PER\nleft _ O\nApple _ B-ORG\n\nFine _ O\n\n"
        );
    }
}
