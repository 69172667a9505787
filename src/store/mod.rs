//! Storing: SQLite through rusqlite. All SQL lives here.
//!
//! Writes happen in one transaction per ingest run, so a failure or a kill
//! leaves the database as it was before the run. Reads for the web layer go
//! through [`ReadPool`], a small pool of read-only connections; WAL mode lets
//! readers proceed while a writer works.
//!
//! The store decides nothing about the timeline: which events exist, and
//! when they are merged again, is `timeline`'s. It imports only `model` and
//! the values it writes (`reader::Article`, `extract::Extraction`).

mod articles;
mod bulk;
mod corrections;
mod counts;
mod events;
mod fts;
pub mod read;
mod schema;
#[cfg(test)]
mod tests;

pub use articles::{FileState, NewArticle, StoredUndated};
pub use corrections::Titler;
pub use fts::SearchProgress;
pub use read::rows::*;
pub use read::{ActorNames, ReadConn, ReadPool};

// Items the parts share (`pub(in crate::store)`), visible to each other.
use articles::*;
use counts::*;
use fts::*;
use schema::*;

use crate::extract::Extraction;
use crate::model::{ActorInfo, ActorKind, DateSource, EventDate, Kind, Precision, Status};
use crate::model::{MentionRec, MergedEvent, NewEvent};
use chrono::NaiveDate;
use rusqlite::{params, params_from_iter, Connection, OpenFlags, OptionalExtension, Transaction};
use rusqlite_migration::{Migrations, M};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Errors of the storage layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}", sqlite_message(.0))]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot apply database migrations: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("the database holds a value it cannot read: {0}")]
    Corrupt(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// SQLite's errors in words a user can act on, where it is their machine
/// and not the program that is at fault.
pub(in crate::store) fn sqlite_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => format!(
            "the database is busy: another readout process is writing to it; try again when it has finished ({e})"
        ),
        Some(ErrorCode::DiskFull) => {
            format!("the disk is full (or the database reached its size limit); nothing of this run was stored ({e})")
        }
        Some(ErrorCode::ReadOnly) => {
            format!("the database cannot be written (a read-only file, folder or disk); nothing of this run was stored ({e})")
        }
        Some(ErrorCode::CannotOpen) => format!("the database file cannot be opened ({e})"),
        _ => format!("database error: {e}"),
    }
}

/// The writer: owns the one read-write connection.
pub struct Store {
    pub(in crate::store) conn: Connection,
    pub(in crate::store) path: PathBuf,
    pub(in crate::store) names: RefCell<ActorNames>,
}

impl Store {
    /// Open (or create) the database and apply migrations.
    pub fn open(path: &Path) -> Result<Store> {
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        configure(&conn)?;
        // A large ingest is one transaction: a bigger page cache keeps it
        // from spilling pages to disk mid-way (32 MiB; memory stays flat).
        conn.pragma_update(None, "cache_size", -32768)?;
        // Temporary tables and the sorter of index builds and ORDER BY stay
        // in files (the system's page cache, not this process's memory)
        // once past the page cache: memory stays flat at any corpus size.
        conn.pragma_update(None, "temp_store", "FILE")?;
        migrations().to_latest(&mut conn)?;
        // Every statement of an ingest stays prepared (rusqlite keeps 16 by
        // default, fewer than one ingest uses).
        conn.set_prepared_statement_cache_capacity(128);
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            names: RefCell::default(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when no article is stored yet (a first run).
    pub fn has_no_articles(&self) -> Result<bool> {
        Ok(!self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM articles)", [], |r| r.get::<_, bool>(0))?)
    }

    /// Run `f` in one transaction; it commits only if `f` succeeds.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        // IMMEDIATE: the write lock is taken at the start, so a second
        // process waits here (busy timeout) and then reads what the first
        // wrote, instead of both reading the same state and colliding.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut w = Writer {
            tx,
            changed: Changed::default(),
            deferred: Vec::new(),
        };
        let out = f(&mut w)?;
        // Never commit without an index the schema has.
        w.restore_indexes()?;
        w.tx.commit()?;
        Ok(out)
    }

    /// A read-only view through the same connection (CLI use).
    pub fn reader(&self) -> ReadConn<'_> {
        // This connection writes too: its own commits do not show in
        // data_version, so names are read afresh for each reader.
        self.names.borrow_mut().clear();
        ReadConn {
            conn: &self.conn,
            names: &self.names,
        }
    }

    /// A copy of the whole database in a new file (`VACUUM INTO`: a
    /// consistent snapshot, this database left as it is).
    pub fn copy_to(&self, path: &Path) -> Result<()> {
        self.conn.execute("VACUUM INTO ?1", [path.to_string_lossy()])?;
        Ok(())
    }

    /// The connection itself, for tests that set up or inspect rows.
    #[cfg(any(test, feature = "test-support"))]
    pub fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Writes inside one transaction.
pub struct Writer<'c> {
    pub(in crate::store) tx: Transaction<'c>,
    /// What this transaction changed, for the merge that follows.
    pub(in crate::store) changed: Changed,
    /// Definitions of indexes dropped for a bulk load, built again before
    /// anything reads through them and always before commit.
    pub(in crate::store) deferred: Vec<String>,
}

/// The merge groups whose mentions changed in a transaction, and the
/// discovered actors that may now have no mention. Past [`LISTED_GROUPS`]
/// groups only `all` is kept, so a bulk load does not hold a key per group.
#[derive(Default)]
pub(in crate::store) struct Changed {
    pub(in crate::store) groups: std::collections::HashSet<String>,
    pub(in crate::store) orphans: std::collections::HashSet<String>,
    pub(in crate::store) all: bool,
}

impl Changed {
    /// Record that the mentions of a merge group changed.
    pub(in crate::store) fn touch(&mut self, group: String) {
        if self.all {
            return;
        }
        self.groups.insert(group);
        if self.groups.len() > LISTED_GROUPS {
            *self = Changed {
                all: true,
                ..Changed::default()
            };
        }
    }

    /// Record a discovered actor that may have no mention left.
    pub(in crate::store) fn may_orphan(&mut self, actor: String) {
        if !self.all {
            self.orphans.insert(actor);
        }
    }
}

/// How many changed merge groups a transaction lists before it only says
/// "all". Whoever refreshes the events rebuilds them all well before this
/// (`timeline::INCREMENTAL_LIMIT`); the bound only caps memory.
pub(in crate::store) const LISTED_GROUPS: usize = 50_000;

/// What a transaction changed, as [`Writer::take_touched`] tells it.
pub struct Touched {
    /// The merge groups whose mentions changed; `None` when too many
    /// changed to list.
    pub groups: Option<HashSet<String>>,
    /// Discovered actors that may have no mention left.
    pub orphans: HashSet<String>,
}

/// The key events sort and are counted by: the date, or "~" (after every
/// date) for undated events.
pub(in crate::store) fn sort_key(date: Option<EventDate>) -> String {
    date.map(|d| d.date.to_string()).unwrap_or_else(|| "~".to_string())
}

pub(in crate::store) fn parse_kind(s: &str) -> Result<Kind> {
    Kind::parse(s).ok_or_else(|| StoreError::Corrupt(format!("event kind {s:?}")))
}

pub(in crate::store) fn parse_date_source(s: &str) -> Result<DateSource> {
    DateSource::parse(s).ok_or_else(|| StoreError::Corrupt(format!("date source {s:?}")))
}

pub(in crate::store) fn parse_status(s: &str) -> Result<Status> {
    Status::parse(s).ok_or_else(|| StoreError::Corrupt(format!("status {s:?}")))
}

pub(in crate::store) fn parse_date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| StoreError::Corrupt(format!("date {s:?}")))
}

pub(in crate::store) fn parse_event_date(date: Option<&str>, precision: Option<&str>) -> Result<Option<EventDate>> {
    match date {
        None => Ok(None),
        Some(d) => Ok(Some(EventDate {
            date: parse_date(d)?,
            precision: precision.and_then(Precision::parse).unwrap_or(Precision::Day),
        })),
    }
}

/// A text column read in place failed: report it as rusqlite would.
pub(in crate::store) fn text_error(col: usize) -> impl Fn(rusqlite::types::FromSqlError) -> rusqlite::Error {
    move |e| rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, Box::new(e))
}
