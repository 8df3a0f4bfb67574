//! Language resources: the data files under `lang/<iso>/`, embedded in the binary at build time.
//!
//! This crate knows file formats, not linguistics. Each analysis stage in `kroniek-core` asks for
//! the files it needs (`months.tsv`, `abbreviations.txt`, ...) and builds its own structures from
//! them once. Files are plain UTF-8:
//!
//! - `*.txt`: one entry per line; `#` starts a comment; blank lines are ignored.
//! - `*.tsv`: tab-separated columns, same comment rules.
//! - `*.toml`-free by design: every resource is a list or a table a linguist can edit.
//!
//! A missing file for a language is not an error: the stage gets an empty list and works with what
//! it has. A malformed line is reported by the stage that parses it, with the file and line.

use include_dir::{Dir, include_dir};
use std::fmt;

static LANG_DIR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../lang");

/// A language Kroniek has resources for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Dutch, including Flemish usage.
    Nl,
    /// English.
    En,
}

impl Language {
    /// Every supported language, in a stable order.
    pub const ALL: [Language; 2] = [Language::Nl, Language::En];

    /// The ISO 639-1 code.
    pub fn iso(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::En => "en",
        }
    }

    /// Parses an ISO 639-1 code or a locale such as `nl-BE` or `en_US` (case-insensitive).
    pub fn from_code(code: &str) -> Option<Language> {
        let primary = code
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "nl" | "nld" | "dut" | "vls" => Some(Language::Nl),
            "en" | "eng" => Some(Language::En),
            _ => None,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.iso())
    }
}

/// A resource file's text, or `None` when the language has no such file.
///
/// `name` is relative to the language folder, e.g. `time/months.tsv`.
pub fn file(lang: Language, name: &str) -> Option<&'static str> {
    file_in(lang.iso(), name)
}

/// A file from a folder under `lang/` that is not a language, such as `common/`.
pub fn file_in(folder: &str, name: &str) -> Option<&'static str> {
    LANG_DIR
        .get_file(format!("{folder}/{name}"))
        .and_then(|f| f.contents_utf8())
}

/// A raw (binary) resource, such as a trained model.
pub fn bytes_in(folder: &str, name: &str) -> Option<&'static [u8]> {
    LANG_DIR
        .get_file(format!("{folder}/{name}"))
        .map(|f| f.contents())
}

/// One meaningful line of a resource file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number in the file.
    pub number: usize,
    /// The line with its comment and surrounding whitespace removed.
    pub text: &'a str,
}

impl<'a> Line<'a> {
    /// The tab-separated fields of the line, each trimmed.
    pub fn fields(&self) -> impl Iterator<Item = &'a str> + 'a {
        self.text.split('\t').map(str::trim)
    }
}

/// The meaningful lines of a resource: comments (`#` at line start or after whitespace) and blank
/// lines removed.
pub fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    text.lines().enumerate().filter_map(|(i, raw)| {
        let without_comment = strip_comment(raw);
        let text = without_comment.trim();
        (!text.is_empty()).then_some(Line {
            number: i + 1,
            text,
        })
    })
}

/// Lines of `name` for `lang`; empty when the file does not exist.
pub fn list(lang: Language, name: &str) -> impl Iterator<Item = Line<'static>> {
    lines(file(lang, name).unwrap_or(""))
}

fn strip_comment(line: &str) -> &str {
    // `#` starts a comment at the start of a line or after whitespace, so entries such as `C#`
    // survive.
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()) {
            return &line[..i];
        }
    }
    line
}

/// A malformed line in a resource file. Resources ship with the binary, so stages treat this as a
/// bug caught by tests, never as a user error.
#[derive(Debug, thiserror::Error)]
#[error("lang/{lang}/{file}:{line}: {message}")]
pub struct ResourceError {
    /// The language folder.
    pub lang: String,
    /// The file inside it.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// A fingerprint of every embedded resource (names and contents). It changes whenever any
/// language file or model changes, so stored analyses can tell they are stale.
pub fn data_version() -> u64 {
    use std::sync::OnceLock;
    static VERSION: OnceLock<u64> = OnceLock::new();
    *VERSION.get_or_init(|| {
        fn walk(dir: &Dir<'_>, h: &mut xxhash_rust::xxh3::Xxh3) {
            let mut files: Vec<_> = dir.files().collect();
            files.sort_by_key(|f| f.path());
            for f in files {
                h.update(f.path().to_string_lossy().as_bytes());
                h.update(f.contents());
            }
            let mut dirs: Vec<_> = dir.dirs().collect();
            dirs.sort_by_key(|d| d.path());
            for d in dirs {
                walk(d, h);
            }
        }
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        walk(&LANG_DIR, &mut h);
        h.digest()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_dropped() {
        let got: Vec<_> = lines("# head\n\nalpha  # note\nC#\n  beta\t2 \n")
            .map(|l| (l.number, l.text))
            .collect();
        assert_eq!(got, vec![(3, "alpha"), (4, "C#"), (5, "beta\t2")]);
    }

    #[test]
    fn codes_parse_with_regions() {
        assert_eq!(Language::from_code("nl-BE"), Some(Language::Nl));
        assert_eq!(Language::from_code("EN_us"), Some(Language::En));
        assert_eq!(Language::from_code("fr"), None);
        assert_eq!(Language::from_code(""), None);
    }

    #[test]
    fn every_language_has_its_folder() {
        for lang in Language::ALL {
            assert!(
                LANG_DIR.get_dir(lang.iso()).is_some(),
                "lang/{} is missing",
                lang.iso()
            );
        }
    }
}
