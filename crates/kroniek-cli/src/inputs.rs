//! Reading inputs from the file system and stdin: the only place the CLI touches files to
//! analyse. Directories are walked recursively (symlinks followed, loops reported), every file
//! is size-checked before it is read, and each problem becomes one diagnostic naming the path.

use kroniek_core::diag::Diagnostic;
use kroniek_core::ingest::{self, Input};
use kroniek_core::model::Document;
use rayon::prelude::*;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Limits on what is read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Files larger than this are refused with a diagnostic.
    pub max_file_bytes: u64,
}

/// Documents read and what went wrong.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Documents, in path order.
    pub documents: Vec<Document>,
    /// Diagnostics, in path order.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were read.
    pub files: usize,
}

enum Item {
    File(PathBuf),
    Stdin,
    Problem(Diagnostic),
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|s| s.starts_with('.') && s != "." && s != "..")
}

/// Files found under a directory: those with an extension Kroniek reads, or none at all.
fn wanted(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some(ext) => ingest::format_for_extension(ext).is_some(),
        None => true,
    }
}

fn collect(paths: &[PathBuf]) -> Vec<Item> {
    let mut items = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            items.push(Item::Stdin);
            continue;
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                items.push(Item::Problem(Diagnostic::error(
                    path.display().to_string(),
                    describe(&e),
                )));
                continue;
            }
        };
        if meta.is_file() {
            items.push(Item::File(path.clone()));
            continue;
        }
        if !meta.is_dir() {
            items.push(Item::Problem(Diagnostic::error(
                path.display().to_string(),
                "not a regular file or directory",
            )));
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() && wanted(e.path()) => {
                    items.push(Item::File(e.into_path()));
                }
                Ok(_) => {}
                Err(e) => {
                    let at = e
                        .path()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| path.display().to_string());
                    let message = if e.loop_ancestor().is_some() {
                        "symbolic link loop; not followed".to_owned()
                    } else if let Some(io) = e.io_error() {
                        describe(io)
                    } else {
                        e.to_string()
                    };
                    items.push(Item::Problem(Diagnostic::error(at, message)));
                }
            }
        }
    }
    items
}

fn describe(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or directory".to_owned(),
        PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string().to_lowercase(),
    }
}

fn read_bounded(reader: impl Read, limit: u64, name: &str) -> Result<Vec<u8>, Diagnostic> {
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::error(name, format!("cannot read: {}", describe(&e))))?;
    if bytes.len() as u64 > limit {
        return Err(Diagnostic::error(
            name,
            format!(
                "larger than the {} limit (--max-file-size)",
                human_bytes(limit)
            ),
        ));
    }
    Ok(bytes)
}

/// `12.3 MB`.
pub fn human_bytes(n: u64) -> String {
    if n >= 1 << 20 {
        format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64)
    } else if n >= 1 << 10 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} bytes")
    }
}

fn load_item(item: Item, limits: Limits) -> (Vec<Document>, Vec<Diagnostic>, usize) {
    match item {
        Item::Problem(d) => (vec![], vec![d], 0),
        Item::Stdin => {
            let name = "<stdin>";
            match read_bounded(std::io::stdin().lock(), limits.max_file_bytes, name) {
                Ok(bytes) => {
                    let got = ingest::read(Input {
                        name,
                        path: None,
                        id: "stdin",
                        bytes: &bytes,
                        format: None,
                    });
                    (got.documents, got.diagnostics, 1)
                }
                Err(d) => (vec![], vec![d], 1),
            }
        }
        Item::File(path) => {
            let name = path.display().to_string();
            let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            if size > limits.max_file_bytes {
                let d = Diagnostic::error(
                    &name,
                    format!(
                        "file is {}, over the {} limit (--max-file-size)",
                        human_bytes(size),
                        human_bytes(limits.max_file_bytes)
                    ),
                );
                return (vec![], vec![d], 1);
            }
            let bytes = match std::fs::File::open(&path)
                .map_err(|e| Diagnostic::error(&name, describe(&e)))
                .and_then(|f| read_bounded(f, limits.max_file_bytes, &name))
            {
                Ok(b) => b,
                Err(d) => return (vec![], vec![d], 1),
            };
            let id = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| name.clone());
            let format = path
                .extension()
                .and_then(|e| e.to_str())
                .and_then(ingest::format_for_extension);
            let got = ingest::read(Input {
                name: &name,
                path: Some(&name),
                id: &id,
                bytes: &bytes,
                format,
            });
            (got.documents, got.diagnostics, 1)
        }
    }
}

/// Reads every path (files, directories recursively, `-` for stdin).
pub fn load(paths: &[PathBuf], limits: Limits) -> Loaded {
    let items = collect(paths);
    let results: Vec<_> = items
        .into_par_iter()
        .map(|item| load_item(item, limits))
        .collect();
    let mut loaded = Loaded::default();
    for (docs, diags, files) in results {
        loaded.documents.extend(docs);
        loaded.diagnostics.extend(diags);
        loaded.files += files;
    }
    loaded
}
