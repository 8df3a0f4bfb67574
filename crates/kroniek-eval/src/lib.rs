//! Evaluation: readers for the annotated data sets and the scorers that measure each stage.
//!
//! The data sets live outside the repository (`../shared/data/` from the project root, or the
//! folder named by `KRONIEK_DATA`); several are licensed for research and evaluation only, so
//! nothing here copies them. Every function takes paths; the `kroniek eval ...` commands print
//! the figures and can write them to `eval/reports/`.

pub mod coref;
pub mod duckling;
pub mod factuality;
pub mod meantime;
pub mod meantime_entities;
pub mod ner;
pub mod polnear;
pub mod pubdate;
pub mod speed;
pub mod tempeval;
pub mod timeml;

use std::path::{Path, PathBuf};

/// Errors reading evaluation data.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file or folder could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file is not in the expected format.
    #[error("{path}: {message}")]
    Format {
        /// The path.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The data set is not where it should be.
    #[error(
        "evaluation data not found at {0} (set KRONIEK_DATA to the folder holding conll2002/, tempeval3/, ...)"
    )]
    Missing(PathBuf),
}

/// Reads a file to a string, naming it on failure.
pub fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })
}

/// The folder with the evaluation data: `$KRONIEK_DATA`, else `../shared/data` relative to the
/// workspace root.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("KRONIEK_DATA") {
        return PathBuf::from(dir);
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

/// A path inside the data folder, checked to exist.
pub fn data_path(relative: &str) -> Result<PathBuf, EvalError> {
    let p = data_dir().join(relative);
    if p.exists() {
        Ok(p)
    } else {
        Err(EvalError::Missing(p))
    }
}

/// Precision, recall and F1 from counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct Prf {
    /// True positives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
}

impl Prf {
    /// Precision in 0..1.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// Recall in 0..1.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// F1 in 0..1.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Adds another count.
    pub fn add(&mut self, other: Prf) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}
