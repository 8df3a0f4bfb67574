//! Errors of the store. Each names the file it is about.

use std::path::{Path, PathBuf};

/// What can go wrong with a story's database or its search index.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused an operation.
    #[error("{}: {source}", path.display())]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },
    /// The file is not a Kroniek database.
    #[error("{}: not a Kroniek database ({reason})", path.display())]
    NotKroniek {
        /// The file.
        path: PathBuf,
        /// Why not.
        reason: String,
    },
    /// The database was written by a newer Kroniek.
    #[error(
        "{}: the database has schema version {found}, newer than this kroniek knows ({known}); use a newer kroniek",
        path.display()
    )]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest this build knows.
        known: i64,
    },
    /// There is no database at the path (commands that only read do not create one).
    #[error("{}: no such database; create it with `kroniek ingest PATH... --db {}`", path.display(), path.display())]
    Missing {
        /// The path.
        path: PathBuf,
    },
    /// A stored value cannot be read back.
    #[error("{}: stored {what} cannot be read: {source}", path.display())]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// What was being read.
        what: String,
        /// Why.
        #[source]
        source: serde_json::Error,
    },
    /// The analysis of the stored articles failed (an internal error).
    #[error("{}: the story could not be analysed: internal error ({message}); please report it", path.display())]
    Analysis {
        /// The database file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The search index failed.
    #[error("{}: search index: {source}", path.display())]
    Index {
        /// The index folder.
        path: PathBuf,
        /// What tantivy said.
        #[source]
        source: tantivy::TantivyError,
    },
    /// A file system operation failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
}

/// Adds the database path to SQLite errors.
pub(crate) trait AtPath<T> {
    fn at(self, path: &Path) -> Result<T, StoreError>;
}

impl<T> AtPath<T> for Result<T, rusqlite::Error> {
    fn at(self, path: &Path) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Sqlite {
            path: path.to_owned(),
            source,
        })
    }
}

impl<T> AtPath<T> for Result<T, tantivy::TantivyError> {
    fn at(self, path: &Path) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Index {
            path: path.to_owned(),
            source,
        })
    }
}

impl<T> AtPath<T> for Result<T, std::io::Error> {
    fn at(self, path: &Path) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Io {
            path: path.to_owned(),
            source,
        })
    }
}
