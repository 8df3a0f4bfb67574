//! Versioned schema migrations. Each migration runs in its own transaction together with the row
//! that records it in `schema_migrations`, so a database is always at exactly one version.
//! Migrations are only ever added, never edited.

use crate::error::{AtPath, StoreError};
use rusqlite::{Connection, OptionalExtension};
use std::path::Path;

/// One step of the schema.
#[derive(Debug)]
pub struct Migration {
    /// Its version: 1, 2, ... in order.
    pub version: i64,
    /// What it does.
    pub name: &'static str,
    /// The SQL.
    pub sql: &'static str,
}

/// Every migration, in order.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "articles, counters, settings and derived results",
        sql: include_str!("../migrations/0001_articles.sql"),
    },
    Migration {
        version: 2,
        name: "ingest runs",
        sql: include_str!("../migrations/0002_ingest_runs.sql"),
    },
];

/// The newest schema version this build knows.
pub fn latest() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// The database's schema version (0 for a new, empty database).
pub fn version(conn: &Connection, path: &Path) -> Result<i64, StoreError> {
    let has_table: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations')",
            [],
            |r| r.get(0),
        )
        .at(path)?;
    if !has_table {
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .at(path)?;
        if tables > 0 {
            return Err(StoreError::NotKroniek {
                path: path.to_owned(),
                reason: "it has tables but no schema_migrations".to_owned(),
            });
        }
        return Ok(0);
    }
    let v: Option<i64> = conn
        .query_row("SELECT max(version) FROM schema_migrations", [], |r| {
            r.get(0)
        })
        .optional()
        .at(path)?
        .flatten();
    Ok(v.unwrap_or(0))
}

/// Brings the schema up to date; returns the versions applied.
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<Vec<i64>, StoreError> {
    let current = version(conn, path)?;
    if current > latest() {
        return Err(StoreError::TooNew {
            path: path.to_owned(),
            found: current,
            known: latest(),
        });
    }
    let mut applied = Vec::new();
    for m in MIGRATIONS.iter().filter(|m| m.version > current) {
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .at(path)?;
        // Another process may have migrated while we waited for the write lock.
        if version(&tx, path)? >= m.version {
            continue;
        }
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                 version    INTEGER PRIMARY KEY,
                 name       TEXT NOT NULL,
                 applied_at INTEGER NOT NULL
             ) STRICT;",
        )
        .at(path)?;
        tx.execute_batch(m.sql).at(path)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            rusqlite::params![m.version, m.name, crate::unix_now()],
        )
        .at(path)?;
        tx.commit().at(path)?;
        applied.push(m.version);
    }
    Ok(applied)
}
