//! Storing: SQLite through rusqlite. All SQL lives here.
//!
//! Writes happen in one transaction per ingest run, so a failure or a kill
//! leaves the database as it was before the run. Reads for the web layer go
//! through [`ReadPool`], a small pool of read-only connections; WAL mode lets
//! readers proceed while a writer works.

use crate::actors::ActorInfo;
use crate::extract::Extraction;
use crate::model::{ActorKind, DateSource, EventDate, Kind, Precision, Status};
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
fn sqlite_message(e: &rusqlite::Error) -> String {
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

/// Numbered migrations from `migrations/`, applied in order at start-up.
fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../migrations/0001_init.sql")),
        M::up(include_str!("../migrations/0002_location.sql")),
        M::up(include_str!("../migrations/0003_read_paths.sql")),
        M::up(include_str!("../migrations/0004_incremental.sql")),
        M::up(include_str!("../migrations/0005_kind_stats.sql")),
        M::up(include_str!("../migrations/0006_undated_index.sql")),
        M::up(include_str!("../migrations/0007_clustered.sql")),
        M::up(include_str!("../migrations/0008_day_stats.sql")),
        M::up(include_str!("../migrations/0009_event_actor_ids.sql")),
        M::up(include_str!("../migrations/0010_recent_articles.sql")),
        M::up(include_str!("../migrations/0011_search.sql")),
        M::up(include_str!("../migrations/0012_article_url.sql")),
        M::up(include_str!("../migrations/0013_article_search.sql")),
        M::up(include_str!("../migrations/0014_actor_tally.sql")),
        M::up(include_str!("../migrations/0015_mention_groups_covered.sql")),
        M::up(include_str!("../migrations/0016_event_links_unchecked.sql")),
        M::up(include_str!("../migrations/0017_unknown_names.sql")),
    ])
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

/// The writer: owns the one read-write connection.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    names: RefCell<ActorNames>,
}

/// What is stored about a file, to decide whether to re-read it.
#[derive(Debug, Clone)]
pub struct FileState {
    pub id: String,
    pub hash: String,
    pub size: i64,
    pub mtime: Option<i64>,
}

/// What is stored of the file `path`: its article, or for a `.jsonl`
/// file stored an article a line ("…/x.jsonl#3"), one of its lines (they
/// share the file's hash, size and time).
fn stored_file_state(conn: &Connection, path: &str) -> Result<Option<FileState>> {
    let whole = conn
        .prepare_cached("SELECT id, hash, size, mtime FROM articles WHERE path = ?1")?
        .query_row(params![path], |r| file_state(r, 0))
        .optional()?;
    if whole.is_some() || !path.to_ascii_lowercase().ends_with(".jsonl") {
        return Ok(whole);
    }
    Ok(conn
        .prepare_cached(
            "SELECT id, hash, size, mtime FROM articles WHERE path > ?1 || '#' AND path < ?1 || '$' LIMIT 1",
        )?
        .query_row(params![path], |r| file_state(r, 0))
        .optional()?)
}

/// A `FileState` from the columns id, hash, size, mtime starting at `at`.
fn file_state(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<FileState> {
    Ok(FileState {
        id: r.get(at)?,
        hash: r.get(at + 1)?,
        size: r.get(at + 2)?,
        mtime: r.get(at + 3)?,
    })
}

/// A new or changed article, ready to be written.
pub struct NewArticle<'a> {
    pub path: &'a str,
    pub hash: &'a str,
    pub size: i64,
    pub mtime: Option<i64>,
    pub article: &'a crate::reader::Article,
    pub extraction: &'a Extraction,
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

    /// How far the background search index is (see [`Writer::index_articles`]).
    pub fn search_progress(&self) -> Result<SearchProgress> {
        search_progress(&self.conn)
    }

    /// True when some article text waits for the search index: a cheap
    /// look (two index probes) for a loop that polls.
    pub fn search_pending(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM articles WHERE rowid > (SELECT upto FROM search_state WHERE id = 1))
                 OR EXISTS (SELECT 1 FROM search_queue)",
            [],
            |r| r.get(0),
        )?)
    }

    /// Index every article text that waits for it, in batches of `batch`
    /// (one transaction each); returns how many were indexed.
    pub fn index_all_articles(&mut self, batch: usize) -> Result<usize> {
        let mut total = 0;
        loop {
            match self.write(|w| w.index_articles(batch))? {
                0 => return Ok(total),
                n => total += n,
            }
        }
    }

    /// Switch to a rollback journal for a bulk load into an empty database,
    /// if no other connection has it open; true if switched. Pages written
    /// beyond the file's old end need no journal (a rollback cuts the file
    /// back), so a first load writes each page once instead of into the
    /// write-ahead log and again at its checkpoint, and stays atomic.
    /// [`Self::write_ahead`] switches back.
    pub fn write_directly(&mut self) -> Result<bool> {
        let mode: String = match self.conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0)) {
            Ok(m) => m,
            // Another connection holds the log open: stay with it.
            Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::DatabaseBusy => {
                return Ok(false)
            }
            Err(e) => return Err(e.into()),
        };
        Ok(mode.eq_ignore_ascii_case("delete"))
    }

    /// Back to the write-ahead log (the mode every reader expects).
    pub fn write_ahead(&mut self) -> Result<()> {
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        Ok(())
    }

    /// Copy what the write-ahead log holds into the database file, as far
    /// as readers allow; true when all of it is there (or there is no log).
    ///
    /// SQLite does this after each commit, but never waits for readers: a
    /// write made while pages were being read can leave most of the log
    /// uncopied until the next write. Readers then look up every page in
    /// the log's index and read it with a system call instead of from the
    /// memory map (a tenth of a page load in profiles). Called when the
    /// writer is idle; PASSIVE, so it never blocks a reader, and it touches
    /// no file when there is nothing to copy.
    pub fn checkpoint(&self) -> Result<bool> {
        let (busy, log, copied): (i64, i64, i64) = self.conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        Ok(busy == 0 && copied >= log)
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
    pub fn reader(&self) -> Reader<'_> {
        // This connection writes too: its own commits do not show in
        // data_version, so names are read afresh for each reader.
        self.names.borrow_mut().clear();
        Reader {
            conn: &self.conn,
            names: &self.names,
        }
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Writes inside one transaction.
pub struct Writer<'c> {
    tx: Transaction<'c>,
    /// What this transaction changed, for the merge that follows.
    changed: Changed,
    /// Definitions of indexes dropped for a bulk load, built again before
    /// anything reads through them and always before commit.
    deferred: Vec<String>,
}

/// The merge groups whose mentions changed in a transaction, and the
/// discovered actors that may now have no mention. Past [`LISTED_GROUPS`]
/// groups only `all` is kept, so a bulk load does not hold a key per group.
#[derive(Default)]
struct Changed {
    groups: std::collections::HashSet<String>,
    orphans: std::collections::HashSet<String>,
    all: bool,
}

impl Changed {
    /// Record that the mentions of a merge group changed.
    fn touch(&mut self, group: String) {
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
    fn may_orphan(&mut self, actor: String) {
        if !self.all {
            self.orphans.insert(actor);
        }
    }
}

/// How many changed merge groups a transaction lists before it only says
/// "all". Whoever refreshes the events rebuilds them all well before this
/// (`timeline::INCREMENTAL_LIMIT`); the bound only caps memory.
const LISTED_GROUPS: usize = 50_000;

/// The tables of merged events, whose indexes a rewrite of every event
/// defers.
const EVENT_TABLES: &[&str] = &["events", "event_actors", "event_mentions"];

/// What a transaction changed, as [`Writer::touched`] tells it.
pub struct Touched<'a> {
    /// The merge groups whose mentions changed; `None` when too many
    /// changed to list.
    pub groups: Option<&'a HashSet<String>>,
    /// Discovered actors that may have no mention left.
    pub orphans: &'a HashSet<String>,
}

impl Writer<'_> {
    /// Whether no article is stored (as this transaction sees it).
    pub fn has_no_articles(&self) -> Result<bool> {
        Ok(!self
            .tx
            .query_row("SELECT EXISTS (SELECT 1 FROM articles)", [], |r| r.get::<_, bool>(0))?)
    }

    /// The path of the article stored under `id`, if any (ids are kept
    /// unique by asking, not by holding every id in memory).
    pub fn article_path(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .tx
            .prepare_cached("SELECT path FROM articles WHERE id = ?1")?
            .query_row(params![id], |r| r.get(0))
            .optional()?)
    }

    /// Ids of the articles stored from files under the folder `prefix` (a
    /// canonical path ending in the separator) whose path `gone` picks: one
    /// index range, read a row at a time, so only the picked are held.
    pub fn articles_under(&self, prefix: &str, mut gone: impl FnMut(&str) -> bool) -> Result<Vec<String>> {
        // Every path under the folder sorts between "prefix" and the prefix
        // with its final separator raised by one.
        let mut end = prefix.to_string();
        let Some(last) = end.pop() else {
            return Ok(Vec::new());
        };
        end.push(char::from_u32(last as u32 + 1).unwrap_or(char::MAX));
        let mut stmt = self
            .tx
            .prepare_cached("SELECT id, path FROM articles WHERE path >= ?1 AND path < ?2")?;
        let mut rows = stmt.query(params![prefix, end])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            if gone(r.get_ref(1)?.as_str().map_err(text_error(1))?) {
                out.push(r.get(0)?);
            }
        }
        Ok(out)
    }

    /// Insert or update the actor book's entries (the book is the source of truth).
    pub fn upsert_book(&mut self, actors: &[ActorInfo]) -> Result<()> {
        let mut up = self.tx.prepare_cached(
            "INSERT INTO actors (id, name, kind, role, country, affiliation, discovered) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, role = excluded.role,
               country = excluded.country, discovered = 0",
        )?;
        let mut del = self
            .tx
            .prepare_cached("DELETE FROM actor_aliases WHERE actor_id = ?1")?;
        let mut al = self
            .tx
            .prepare_cached("INSERT OR IGNORE INTO actor_aliases (actor_id, alias) VALUES (?1, ?2)")?;
        for a in actors {
            up.execute(params![a.id, a.name, a.kind.as_str(), a.role, a.country, a.affiliation])?;
            del.execute(params![a.id])?;
            for alias in &a.aliases {
                al.execute(params![a.id, alias])?;
            }
        }
        Ok(())
    }

    /// Remove an article and everything derived from it.
    pub fn delete_article(&mut self, id: &str) -> Result<()> {
        self.forget_mentions(id)?;
        self.tx
            .prepare_cached("DELETE FROM articles WHERE id = ?1")?
            .execute(params![id])?;
        Ok(())
    }

    /// Delete an article's mentions (and their links to events), noting
    /// the merge groups and discovered actors they touched.
    fn forget_mentions(&mut self, id: &str) -> Result<()> {
        {
            let mut stmt = self
                .tx
                .prepare_cached("SELECT DISTINCT group_key FROM mentions WHERE article_id = ?1")?;
            let rows = stmt.query_map(params![id], |r| r.get::<_, String>(0))?;
            for r in rows {
                self.changed.touch(r?);
            }
        }
        {
            let mut stmt = self.tx.prepare_cached(
                "SELECT DISTINCT ma.actor_id FROM mentions m JOIN mention_actors ma ON ma.mention_id = m.id
                 WHERE m.article_id = ?1",
            )?;
            let rows = stmt.query_map(params![id], |r| r.get::<_, String>(0))?;
            for r in rows {
                self.changed.may_orphan(r?);
            }
        }
        // The links of its mentions to events go with them (the link table
        // has no foreign keys, migration 0016).
        self.tx
            .prepare_cached(
                "DELETE FROM event_mentions WHERE mention_id IN (SELECT id FROM mentions WHERE article_id = ?1)",
            )?
            .execute(params![id])?;
        self.tx
            .prepare_cached("DELETE FROM mentions WHERE article_id = ?1")?
            .execute(params![id])?;
        self.tx
            .prepare_cached("DELETE FROM article_unknown_names WHERE article_id = ?1")?
            .execute(params![id])?;
        Ok(())
    }

    /// Replace what was extracted from a stored article (read again with a
    /// book that knows more people), keeping the article itself.
    pub fn replace_extraction(&mut self, id: &str, body: &str, ex: &Extraction) -> Result<()> {
        self.forget_mentions(id)?;
        self.write_extraction(id, body, ex)
    }

    /// The people found in text so far (not in the book), with the
    /// spellings they were found under, for [`ActorBook::remember`].
    pub fn discovered_people(&self) -> Result<Vec<ActorInfo>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT a.id, a.name, a.role, a.country, a.affiliation,
                    (SELECT group_concat(alias, char(31)) FROM actor_aliases WHERE actor_id = a.id)
             FROM actors a WHERE a.discovered = 1 AND a.kind = 'person' ORDER BY a.id",
        )?;
        let rows = stmt.query_map([], |r| {
            let name: String = r.get(1)?;
            let aliases: Option<String> = r.get(5)?;
            Ok(ActorInfo {
                id: r.get(0)?,
                aliases: aliases
                    .map(|a| a.split('\u{1f}').filter(|x| *x != name).map(str::to_string).collect())
                    .unwrap_or_default(),
                name,
                kind: crate::model::ActorKind::Person,
                role: r.get(2)?,
                country: r.get(3)?,
                discovered: true,
                affiliation: r.get(4)?,
                speaks_for: None,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Dated articles that gave one of these single names in a speaker's
    /// place without knowing who it was, by id.
    pub fn dated_articles_naming(&self, keys: &[String]) -> Result<Vec<String>> {
        let mut out: Vec<String> = Vec::new();
        let mut stmt = self.tx.prepare_cached(
            "SELECT u.article_id FROM article_unknown_names u JOIN articles a ON a.id = u.article_id
             WHERE u.name_key = ?1 AND a.published IS NOT NULL",
        )?;
        for k in keys {
            for r in stmt.query_map(params![k], |r| r.get::<_, String>(0))? {
                out.push(r?);
            }
        }
        out.sort_unstable();
        out.dedup();
        Ok(out)
    }

    /// A stored article's body and publication date.
    pub fn article_text(&self, id: &str) -> Result<Option<(String, Option<NaiveDate>)>> {
        let row = self
            .tx
            .prepare_cached("SELECT body, published FROM articles WHERE id = ?1")?
            .query_row(params![id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
            })
            .optional()?;
        match row {
            Some((body, published)) => Ok(Some((body, published.as_deref().map(parse_date).transpose()?))),
            None => Ok(None),
        }
    }

    /// Write one article with its actors and mentions.
    pub fn insert_article(&mut self, id: &str, a: &NewArticle<'_>, now: &str) -> Result<()> {
        let ex = a.extraction;
        let (inferred, note) = match (&a.article.date_warning, ex.inferred_date) {
            (_, Some((d, how))) => (Some(d.to_string()), Some(inferred_note(how))),
            (Some(w), None) => (None, Some(w.clone())),
            (None, None) => (None, None),
        };
        // Prepared once per connection: parsed for every article, with
        // statements pushed out of rusqlite's default cache of 16, an
        // ingest of 100,000 articles took a tenth more CPU.
        self.tx.prepare_cached(
            "INSERT INTO articles (id, path, hash, size, mtime, title, published, inferred_date, date_note, body, sentences, ingested_at, url)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
                id,
                a.path,
                a.hash,
                a.size,
                a.mtime,
                a.article.title,
                a.article.published.map(|d| d.to_string()),
                inferred,
                note,
                a.article.body,
                ex.sentences as i64,
                now,
                a.article.url
            ],
        )?;
        self.write_extraction(id, &a.article.body, ex)
    }

    /// Write what was extracted from an article: the people found in it,
    /// its mentions, and the single names it could not resolve.
    fn write_extraction(&mut self, id: &str, body: &str, ex: &Extraction) -> Result<()> {
        let mut actor_stmt = self.tx.prepare_cached(
            "INSERT INTO actors (id, name, kind, role, country, affiliation, discovered) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)
             ON CONFLICT(id) DO UPDATE SET
               role = COALESCE(actors.role, excluded.role),
               country = COALESCE(actors.country, excluded.country),
               affiliation = COALESCE(actors.affiliation, excluded.affiliation)
             WHERE actors.discovered = 1",
        )?;
        let mut alias_stmt = self
            .tx
            .prepare_cached("INSERT OR IGNORE INTO actor_aliases (actor_id, alias) VALUES (?1, ?2)")?;
        for actor in ex.actors.iter().filter(|x| x.discovered) {
            self.changed.may_orphan(actor.id.clone());
            actor_stmt.execute(params![
                actor.id,
                actor.name,
                actor.kind.as_str(),
                actor.role,
                actor.country,
                actor.affiliation
            ])?;
            alias_stmt.execute(params![actor.id, actor.name])?;
            for alias in &actor.aliases {
                alias_stmt.execute(params![actor.id, alias])?;
            }
        }
        let mut m_stmt = self.tx.prepare_cached(
            "INSERT INTO mentions (article_id, kind, date, precision, date_source, status, sent_start, sent_end, trig_start, trig_end, evidence, quote, location, group_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?;
        let mut ma_stmt = self
            .tx
            .prepare_cached("INSERT OR IGNORE INTO mention_actors (mention_id, pos, actor_id) VALUES (?1, ?2, ?3)")?;
        for m in &ex.mentions {
            let ids: Vec<String> = m.actors.iter().map(|&ai| ex.actors[ai].id.clone()).collect();
            let group = crate::model::group_key(m.kind, &ids);
            m_stmt.execute(params![
                id,
                m.kind.as_str(),
                m.date.map(|d| d.date.to_string()),
                m.date.map(|d| d.precision.as_str()),
                m.date_source.as_str(),
                m.status.as_str(),
                m.sentence.start as i64,
                m.sentence.end as i64,
                m.trigger.0 as i64,
                m.trigger.1 as i64,
                &body[m.sentence.start..m.sentence.end],
                m.quote,
                m.location,
                group
            ])?;
            self.changed.touch(group);
            let mid = self.tx.last_insert_rowid();
            for (pos, &ai) in m.actors.iter().enumerate() {
                ma_stmt.execute(params![mid, pos as i64, ex.actors[ai].id])?;
            }
        }
        if !ex.unknown_names.is_empty() {
            let mut u_stmt = self
                .tx
                .prepare_cached("INSERT OR IGNORE INTO article_unknown_names (name_key, article_id) VALUES (?1, ?2)")?;
            for k in &ex.unknown_names {
                u_stmt.execute(params![k, id])?;
            }
        }
        Ok(())
    }

    /// What this transaction changed so far, for the timeline's refresh.
    pub fn touched(&self) -> Touched<'_> {
        Touched {
            groups: (!self.changed.all).then_some(&self.changed.groups),
            orphans: &self.changed.orphans,
        }
    }

    /// Start listing changes afresh (after the events were brought up to
    /// date with them).
    pub fn forget_touched(&mut self) {
        self.changed = Changed::default();
    }

    /// Up to `limit` mentions written before group keys were stored, with
    /// their kind and actor ids in order.
    pub fn mentions_without_group_key(&self, limit: usize) -> Result<Vec<(i64, Kind, Vec<String>)>> {
        let batch: Vec<(i64, Kind)> = {
            let mut stmt = self
                .tx
                .prepare_cached("SELECT id, kind FROM mentions WHERE group_key = '' LIMIT ?1")?;
            let rows = stmt.query_map([limit as i64], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            let mut out = Vec::new();
            for r in rows {
                let (id, kind) = r?;
                out.push((id, parse_kind(&kind)?));
            }
            out
        };
        let mut actors = self
            .tx
            .prepare_cached("SELECT actor_id FROM mention_actors WHERE mention_id = ?1 ORDER BY pos")?;
        let mut out = Vec::with_capacity(batch.len());
        for (id, kind) in batch {
            let ids = actors
                .query_map([id], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            out.push((id, kind, ids));
        }
        Ok(out)
    }

    /// Record a mention's group key.
    pub fn set_group_key(&mut self, mention: i64, key: &str) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE mentions SET group_key = ?2 WHERE id = ?1")?
            .execute(params![mention, key])?;
        Ok(())
    }

    /// Every actor's display name, by id.
    pub fn actor_names(&self) -> Result<HashMap<String, String>> {
        let mut stmt = self.tx.prepare_cached("SELECT id, name FROM actors")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replace every event: the old ones and their links are deleted, and
    /// `merge` is handed the stored mentions one merge group at a time (see
    /// [`for_each_group`]) and returns the group's events, which are
    /// written. Memory holds one group's mentions and events whatever the
    /// corpus size. Events are written to temporary tables first and copied
    /// in key order (SQLite sorts in bounded memory): inserted in group
    /// order straight into the event tables, each row went to a random
    /// place in a B-tree larger than the page cache. The secondary indexes
    /// of the event tables are dropped meanwhile and built again after.
    /// Counts are not touched ([`Self::rebuild_counts`]).
    pub fn rewrite_all_events(&mut self, mut merge: impl FnMut(&[MentionRec]) -> Result<Vec<NewEvent>>) -> Result<()> {
        // The groups are read through a mention index, which a bulk load
        // defers.
        self.restore_indexes()?;
        self.defer_indexes(EVENT_TABLES)?;
        // Link tables first: emptied whole, not row by row.
        self.tx
            .execute_batch("DELETE FROM event_mentions; DELETE FROM event_actors; DELETE FROM events;")?;
        self.tx.execute_batch(
            "DROP TABLE IF EXISTS temp.staged_events; DROP TABLE IF EXISTS temp.staged_event_actors;
             DROP TABLE IF EXISTS temp.staged_event_mentions;
             CREATE TEMP TABLE staged_events AS SELECT * FROM main.events WHERE 0;
             CREATE TEMP TABLE staged_event_actors AS SELECT * FROM main.event_actors WHERE 0;
             CREATE TEMP TABLE staged_event_mentions AS SELECT * FROM main.event_mentions WHERE 0;",
        )?;
        let clock = std::time::Instant::now();
        let (mut groups, mut mentions) = (0usize, 0usize);
        {
            let mut out = EventRows::new(&self.tx, "temp.staged_")?;
            for_each_group(&self.tx, false, |recs| {
                groups += 1;
                mentions += recs.len();
                out.write(&merge(recs)?)
            })?;
        }
        tracing::debug!(groups, mentions, took = ?clock.elapsed(), "merged and written by group");
        let clock = std::time::Instant::now();
        self.tx.execute_batch(
            "INSERT INTO events SELECT * FROM temp.staged_events ORDER BY id;
             INSERT INTO event_actors SELECT * FROM temp.staged_event_actors ORDER BY event_id, pos;
             INSERT INTO event_mentions SELECT * FROM temp.staged_event_mentions ORDER BY event_id, mention_id;
             DROP TABLE temp.staged_events; DROP TABLE temp.staged_event_actors; DROP TABLE temp.staged_event_mentions;",
        )?;
        tracing::debug!(took = ?clock.elapsed(), "copied in key order");
        let clock = std::time::Instant::now();
        self.restore_indexes()?;
        tracing::debug!(took = ?clock.elapsed(), "event indexes");
        Ok(())
    }

    /// Delete the discovered actors that appear in no mention (found in a
    /// sentence with no event, or left behind by a removed article): all
    /// of them, or only those of `among`.
    pub fn delete_unmentioned_actors(&mut self, among: Option<&HashSet<String>>) -> Result<()> {
        match among {
            None => {
                self.tx.execute(
                    "DELETE FROM actors WHERE discovered = 1
                       AND NOT EXISTS (SELECT 1 FROM mention_actors ma WHERE ma.actor_id = actors.id)",
                    [],
                )?;
            }
            Some(ids) => {
                let mut del = self.tx.prepare_cached(
                    "DELETE FROM actors WHERE id = ?1 AND discovered = 1
                       AND NOT EXISTS (SELECT 1 FROM mention_actors ma WHERE ma.actor_id = ?1)",
                )?;
                for id in ids {
                    del.execute(params![id])?;
                }
            }
        }
        Ok(())
    }

    /// Mark merge groups for [`Self::marked_mentions`] and
    /// [`Self::replace_marked_events`] (the marks last until the next
    /// call of this).
    pub fn mark_groups<'k>(&mut self, keys: impl IntoIterator<Item = &'k String>) -> Result<()> {
        self.tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS merge_groups (key TEXT PRIMARY KEY);
             CREATE TEMP TABLE IF NOT EXISTS stale_actors (id TEXT PRIMARY KEY);
             DELETE FROM merge_groups; DELETE FROM stale_actors;",
        )?;
        let mut ins = self
            .tx
            .prepare_cached("INSERT OR IGNORE INTO merge_groups (key) VALUES (?1)")?;
        for k in keys {
            ins.execute(params![k])?;
        }
        Ok(())
    }

    /// Mark too the groups of `kinds` that have a mention on a day on which
    /// a marked group of `kinds` has a mention or an event.
    pub fn mark_groups_sharing_days(&mut self, kinds: &[Kind]) -> Result<()> {
        if kinds.is_empty() {
            return Ok(());
        }
        let list = vec!["?"; kinds.len()].join(", ");
        let sql = format!(
            "INSERT OR IGNORE INTO merge_groups (key)
             SELECT DISTINCT m2.group_key FROM mentions m2
             WHERE m2.kind IN ({list}) AND m2.date IN (
                 SELECT m.date FROM mentions m WHERE m.group_key IN (SELECT key FROM merge_groups)
                   AND +m.kind IN ({list}) AND m.date IS NOT NULL
                 UNION
                 SELECT e.date FROM events e WHERE e.group_key IN (SELECT key FROM merge_groups)
                   AND +e.kind IN ({list}) AND e.date IS NOT NULL)"
        );
        let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
        self.tx
            .execute(&sql, params_from_iter(names.iter().chain(&names).chain(&names)))?;
        Ok(())
    }

    /// The stored mentions of the marked groups, in group order.
    pub fn marked_mentions(&self) -> Result<Vec<MentionRec>> {
        let mut recs = Vec::new();
        for_each_group(&self.tx, true, |group| {
            recs.extend_from_slice(group);
            Ok(())
        })?;
        Ok(recs)
    }

    /// Replace the events of the marked groups with `events`, and bring the
    /// per-actor, per-kind, per-day and per-month counts up to date by the
    /// events removed and added.
    pub fn replace_marked_events(&mut self, events: &[NewEvent]) -> Result<()> {
        self.tx.execute(
            "INSERT OR IGNORE INTO stale_actors (id) SELECT DISTINCT ea.actor_id FROM event_actors ea
             JOIN events e ON e.id = ea.event_id WHERE e.group_key IN (SELECT key FROM merge_groups)",
            [],
        )?;
        let mut counts = CountDelta::default();
        counts.remove_marked(&self.tx)?;
        // Events go with their links (no cascade: migration 0016).
        self.tx.execute_batch(
            "DELETE FROM event_mentions WHERE event_id IN
                 (SELECT id FROM events WHERE group_key IN (SELECT key FROM merge_groups));
             DELETE FROM event_actors WHERE event_id IN
                 (SELECT id FROM events WHERE group_key IN (SELECT key FROM merge_groups));
             DELETE FROM events WHERE group_key IN (SELECT key FROM merge_groups);",
        )?;
        let clock = std::time::Instant::now();
        EventRows::new(&self.tx, "")?.write(events)?;
        tracing::debug!(events = events.len(), took = ?clock.elapsed(), "events written");
        let clock = std::time::Instant::now();
        {
            let mut ins = self
                .tx
                .prepare_cached("INSERT OR IGNORE INTO stale_actors (id) VALUES (?1)")?;
            for e in events {
                for a in &e.event.actors {
                    ins.execute(params![a])?;
                }
            }
        }
        // Per-actor counts, once per ingest rather than once per page.
        self.tx.execute_batch(
            "DELETE FROM actor_stats WHERE actor_id IN (SELECT id FROM stale_actors);
             INSERT INTO actor_stats (actor_id, events, first_seen, last_seen)
             SELECT ea.actor_id, COUNT(*), MIN(e.date), MAX(e.date) FROM event_actors ea JOIN events e ON e.id = ea.event_id
             WHERE ea.actor_id IN (SELECT id FROM stale_actors) GROUP BY ea.actor_id;",
        )?;
        for e in events {
            counts.add(&e.event);
        }
        counts.apply(&self.tx)?;
        tracing::debug!(took = ?clock.elapsed(), "counts");
        Ok(())
    }

    /// Drop the secondary indexes of `tables` until [`Self::restore_indexes`]
    /// (which [`Store::write`] calls before committing in any case). A bulk
    /// load then writes rows without updating indexes row by row in random
    /// order, and the indexes are built once from sorted keys. Their
    /// definitions are read from the schema, so the migrations stay the
    /// only source. Key constraints (primary, unique) are not touched.
    pub fn defer_indexes(&mut self, tables: &[&str]) -> Result<()> {
        let mut stmt = self.tx.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = ?1",
        )?;
        let mut found = Vec::new();
        for t in tables {
            let rows = stmt.query_map([t], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            found.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        }
        drop(stmt);
        for (name, sql) in found {
            self.tx
                .execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
            self.deferred.push(sql);
        }
        Ok(())
    }

    /// A first load of many articles into an empty database: the search
    /// index, and the secondary indexes of what each article adds, are
    /// built once at the end from sorted rows rather than row by row
    /// (inserting in random key order into indexes larger than the page
    /// cache spilled and re-read pages all through a large load).
    pub fn begin_bulk_load(&mut self) -> Result<()> {
        self.defer_search()?;
        self.defer_indexes(&["mentions", "mention_actors"])
    }

    /// Stop keeping the search index in step row by row (its triggers are
    /// dropped) until [`Self::restore_indexes`], which puts the triggers
    /// back and rebuilds the index from the stored rows in one pass: for a
    /// first load of many articles, several times cheaper than indexing
    /// each row as it is written. Trigger definitions are read from the
    /// schema, like the indexes'.
    pub fn defer_search(&mut self) -> Result<()> {
        let mut stmt = self.tx.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL
             AND tbl_name = 'mentions' AND name GLOB 'mentions_fts_*'",
        )?;
        let found = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        drop(stmt);
        if found.is_empty() {
            return Ok(());
        }
        for (name, sql) in found {
            self.tx
                .execute_batch(&format!("DROP TRIGGER \"{}\"", name.replace('"', "\"\"")))?;
            self.deferred.push(sql);
        }
        self.deferred
            .push("INSERT INTO mentions_fts (mentions_fts) VALUES ('rebuild')".to_string());
        Ok(())
    }

    /// Build again every index dropped by [`Self::defer_indexes`] and the
    /// search index deferred by [`Self::defer_search`].
    pub fn restore_indexes(&mut self) -> Result<()> {
        let deferred = std::mem::take(&mut self.deferred);
        if deferred.is_empty() {
            return Ok(());
        }
        for sql in deferred {
            let clock = std::time::Instant::now();
            self.tx.execute_batch(&sql)?;
            let what = sql.lines().next().unwrap_or("").chars().take(60).collect::<String>();
            tracing::trace!(took = ?clock.elapsed(), what, "restored");
        }
        Ok(())
    }

    /// After a full rebuild: every per-actor, per-kind, per-day and
    /// per-month count, aggregated from the tables just written (SQLite's
    /// sorter spills to temporary files past its memory budget, so this
    /// stays within bounds at any size), in key order.
    pub fn rebuild_counts(&mut self) -> Result<()> {
        self.tx.execute_batch(
            "DELETE FROM actor_stats; DELETE FROM kind_stats; DELETE FROM day_kinds;
             DELETE FROM day_actors; DELETE FROM month_actors;
             INSERT INTO actor_stats (actor_id, events, first_seen, last_seen)
               SELECT actor_id, COUNT(*), MIN(date), MAX(date) FROM event_actors GROUP BY actor_id;
             INSERT INTO kind_stats (kind, events) SELECT kind, COUNT(*) FROM events GROUP BY kind;
             INSERT INTO day_kinds (sort_key, kind, events)
               SELECT sort_key, kind, COUNT(*) FROM events GROUP BY sort_key, kind;
             INSERT INTO day_actors (sort_key, kind, actor_id, events)
               SELECT sort_key, kind, actor_id, COUNT(*) FROM event_actors GROUP BY sort_key, kind, actor_id;
             INSERT INTO month_actors (month, kind, actor_id, events)
               SELECT substr(sort_key, 1, 7), kind, actor_id, SUM(events) FROM day_actors GROUP BY 1, 2, 3;",
        )?;
        Ok(())
    }

    /// The stored events of one kind whose date sorts on `day` (any
    /// precision), with what the merger compares: kind, date, status,
    /// actors and mentions.
    pub fn events_on(&self, kind: Kind, day: NaiveDate) -> Result<Vec<MergedEvent>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT e.id, e.kind, e.date, e.precision, e.date_source, e.status, e.location FROM events e
             WHERE e.kind = ?1 AND e.sort_key = ?2 ORDER BY e.id",
        )?;
        let mut actors = self
            .tx
            .prepare_cached("SELECT actor_id FROM event_actors WHERE event_id = ?1 ORDER BY pos")?;
        let mut mentions = self
            .tx
            .prepare_cached("SELECT mention_id FROM event_mentions WHERE event_id = ?1 ORDER BY mention_id")?;
        let rows = stmt.query_map(params![kind.as_str(), day.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for r in rows {
            let (id, kind, date, precision, src, status, location) = r?;
            out.push(MergedEvent {
                actors: actors
                    .query_map([&id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?,
                mentions: mentions
                    .query_map([&id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?,
                id,
                kind: parse_kind(&kind)?,
                date: parse_event_date(date.as_deref(), precision.as_deref())?,
                date_source: parse_date_source(&src)?,
                status: parse_status(&status)?,
                location,
            });
        }
        Ok(out)
    }

    /// Bring stored events from `before` to `after` (the same events, some
    /// gone, some with more mentions): the gone are deleted with their
    /// links, the others gain their new mention links and source counts.
    /// Nothing else of an event changes. Per-day counts are not touched
    /// ([`Self::rebuild_counts`] follows).
    pub fn update_events(&mut self, before: &[MergedEvent], after: &[MergedEvent]) -> Result<()> {
        let mut link = self
            .tx
            .prepare_cached("INSERT OR IGNORE INTO event_mentions (event_id, mention_id) VALUES (?1, ?2)")?;
        let mut count = self.tx.prepare_cached(
            "UPDATE events SET n_mentions = (SELECT COUNT(*) FROM event_mentions em WHERE em.event_id = ?1),
               n_articles = (SELECT COUNT(DISTINCT m.article_id) FROM event_mentions em
                             JOIN mentions m ON m.id = em.mention_id WHERE em.event_id = ?1)
             WHERE id = ?1",
        )?;
        // An event goes with its links (no cascade: migration 0016).
        let mut delete = [
            self.tx
                .prepare_cached("DELETE FROM event_mentions WHERE event_id = ?1")?,
            self.tx.prepare_cached("DELETE FROM event_actors WHERE event_id = ?1")?,
            self.tx.prepare_cached("DELETE FROM events WHERE id = ?1")?,
        ];
        for old in before {
            match after.iter().find(|e| e.id == old.id) {
                None => {
                    for stmt in &mut delete {
                        stmt.execute([&old.id])?;
                    }
                }
                Some(new) if new.mentions != old.mentions => {
                    for m in &new.mentions {
                        link.execute(params![new.id, m])?;
                    }
                    count.execute([&new.id])?;
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    pub fn count_events(&self) -> Result<i64> {
        Ok(self.tx.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?)
    }

    /// One step of the background search indexer: index up to `batch`
    /// article texts that wait for it (changed articles first, then new
    /// ones in rowid order) and return how many it took. Zero means the
    /// index is complete. See migrations/0013 for the invariant kept.
    pub fn index_articles(&mut self, batch: usize) -> Result<usize> {
        let batch = batch.max(1) as i64;
        let upto: i64 = self
            .tx
            .query_row("SELECT upto FROM search_state WHERE id = 1", [], |r| r.get(0))?;
        let queued: Vec<i64> = {
            let mut stmt = self
                .tx
                .prepare_cached("SELECT article_rowid FROM search_queue ORDER BY article_rowid LIMIT ?1")?;
            let rows = stmt.query_map(params![batch], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        {
            let mut add = self.tx.prepare_cached(
                "INSERT INTO articles_fts (rowid, title, body) SELECT rowid, title, body FROM articles WHERE rowid = ?1",
            )?;
            let mut done = self
                .tx
                .prepare_cached("DELETE FROM search_queue WHERE article_rowid = ?1")?;
            for &r in &queued {
                // Above `upto` the scan below takes it.
                if r <= upto {
                    add.execute(params![r])?;
                }
                done.execute(params![r])?;
            }
        }
        let room = batch - queued.len() as i64;
        let mut fresh = 0;
        if room > 0 {
            let (hi, n): (Option<i64>, i64) = self.tx.query_row(
                "SELECT MAX(rowid), COUNT(*) FROM (SELECT rowid FROM articles WHERE rowid > ?1 ORDER BY rowid LIMIT ?2)",
                params![upto, room],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            if let Some(hi) = hi {
                self.tx.execute(
                    "INSERT INTO articles_fts (rowid, title, body)
                     SELECT rowid, title, body FROM articles WHERE rowid > ?1 AND rowid <= ?2",
                    params![upto, hi],
                )?;
                self.tx
                    .execute("UPDATE search_state SET upto = ?1 WHERE id = 1", params![hi])?;
                fresh = n as usize;
            }
        }
        Ok(queued.len() + fresh)
    }

    /// Derived tables written by an older version (before a migration added
    /// columns to them, or recreated them empty) must be rebuilt from the
    /// mentions.
    pub fn needs_rebuild(&self) -> Result<bool> {
        let stale: i64 = self.tx.query_row(
            "SELECT (SELECT COUNT(*) FROM events WHERE group_key = '')
                  + (EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM actor_stats))
                  + EXISTS (SELECT 1 FROM mentions WHERE group_key = '')
                  + (EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM kind_stats))
                  + (EXISTS (SELECT 1 FROM mentions) AND NOT EXISTS (SELECT 1 FROM events))
                  + (EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM day_kinds))
                  + (EXISTS (SELECT 1 FROM events) AND NOT EXISTS (SELECT 1 FROM month_actors))",
            [],
            |r| r.get(0),
        )?;
        Ok(stale > 0)
    }

    /// Dates of day-precision events with a date of their own (not just a
    /// report's date) in the merge group `group`
    /// ("call-donald-trump-vladimir-putin").
    /// Only events that another article than `article` dates itself count.
    pub fn dated_events_like(&self, group: &str, article: &str) -> Result<Vec<NaiveDate>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT DISTINCT e.date FROM events e JOIN event_mentions em ON em.event_id = e.id JOIN mentions m ON m.id = em.mention_id
             WHERE e.group_key = ?1 AND e.precision = 'day' AND e.date IS NOT NULL
               AND m.article_id != ?2 AND m.date_source IN ('stated', 'anchored')",
        )?;
        let rows = stmt.query_map(params![group, article], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for r in rows {
            out.push(parse_date(&r?)?);
        }
        Ok(out)
    }
}

/// The date note of an article dated by inference, from how.
fn inferred_note(how: &str) -> String {
    format!("inferred from {how}")
}

/// A stored article without a date of its own.
pub struct StoredUndated {
    pub id: String,
    pub path: String,
    pub hash: String,
    pub size: i64,
    pub mtime: Option<i64>,
    pub title: String,
    pub body: String,
    /// The date it was given from known events, if any.
    pub inferred: Option<NaiveDate>,
    pub url: Option<String>,
}

impl Writer<'_> {
    /// Articles with no published date whose date, if any, was inferred
    /// in one of the ways `redone` names (the `how` of
    /// [`Extraction::inferred_date`]), not from their own text.
    pub fn undated_articles(&self, redone: &[&str]) -> Result<Vec<StoredUndated>> {
        let notes: Vec<String> = redone.iter().map(|how| inferred_note(how)).collect();
        let list = vec!["?"; notes.len()].join(", ");
        let mut stmt = self.tx.prepare(&format!(
            "SELECT id, path, hash, size, mtime, title, body, inferred_date, url FROM articles
             WHERE published IS NULL AND (inferred_date IS NULL OR date_note IN ({list}))
             ORDER BY id"
        ))?;
        let rows = stmt.query_map(params_from_iter(&notes), |r| {
            Ok((
                StoredUndated {
                    id: r.get(0)?,
                    path: r.get(1)?,
                    hash: r.get(2)?,
                    size: r.get(3)?,
                    mtime: r.get(4)?,
                    title: r.get(5)?,
                    body: r.get(6)?,
                    inferred: None,
                    url: r.get(8)?,
                },
                r.get::<_, Option<String>>(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for r in rows {
            let (mut u, d) = r?;
            u.inferred = d.as_deref().map(parse_date).transpose()?;
            out.push(u);
        }
        Ok(out)
    }
}

/// Stored mentions with their actors, in merge-group order, handed to `f`
/// one group (by stored key) at a time: all of them, or (`only_touched`)
/// those of the groups listed in the temporary table `merge_groups`.
/// Mentions without actors belong to no event and are left out.
///
/// Groups come through the index on the group key and each mention's
/// actors through their table's key, so this reads in one pass without
/// sorting, and holds one group's mentions at a time.
fn for_each_group(
    tx: &Transaction<'_>,
    only_touched: bool,
    mut f: impl FnMut(&[MentionRec]) -> Result<()>,
) -> Result<()> {
    let filter = if only_touched {
        "WHERE m.group_key IN (SELECT key FROM merge_groups)"
    } else {
        ""
    };
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT m.group_key, m.id, m.kind, m.date, m.precision, m.date_source, m.status, m.location, m.article_id,
                ma.actor_id
         FROM mentions m INDEXED BY mentions_group JOIN mention_actors ma ON ma.mention_id = m.id {filter}
         ORDER BY m.group_key, m.id, ma.pos"
    ))?;
    let mut rows = stmt.query([])?;
    let mut group = String::new();
    let mut recs: Vec<MentionRec> = Vec::new();
    while let Some(r) = rows.next()? {
        let key = r.get_ref(0)?.as_str().map_err(text_error(0))?;
        if key != group {
            if !recs.is_empty() {
                f(&recs)?;
                recs.clear();
            }
            group.clear();
            group.push_str(key);
        }
        let id: i64 = r.get(1)?;
        let actor: std::sync::Arc<str> = r.get_ref(9)?.as_str().map_err(text_error(9))?.into();
        if let Some(last) = recs.last_mut().filter(|m| m.id == id) {
            last.actors.push(actor);
            continue;
        }
        let text = |i: usize| -> Result<&str> { Ok(r.get_ref(i)?.as_str().map_err(text_error(i))?) };
        recs.push(MentionRec {
            id,
            kind: parse_kind(text(2)?)?,
            actors: vec![actor],
            date: parse_event_date(
                r.get_ref(3)?.as_str_or_null().map_err(text_error(3))?,
                r.get_ref(4)?.as_str_or_null().map_err(text_error(4))?,
            )?,
            date_source: parse_date_source(text(5)?)?,
            status: parse_status(text(6)?)?,
            location: r.get(7)?,
            article: text(8)?.into(),
        });
    }
    if !recs.is_empty() {
        f(&recs)?;
    }
    Ok(())
}

/// Writes events with their actor and mention links.
struct EventRows<'t> {
    event: rusqlite::CachedStatement<'t>,
    actor: rusqlite::CachedStatement<'t>,
    mention: rusqlite::CachedStatement<'t>,
}

impl<'t> EventRows<'t> {
    /// Into the tables `{prefix}events`, `{prefix}event_actors` and
    /// `{prefix}event_mentions`.
    fn new(tx: &'t Transaction<'_>, prefix: &str) -> Result<Self> {
        Ok(EventRows {
            event: tx.prepare_cached(&format!(
                "INSERT INTO {prefix}events (id, kind, date, precision, sort_key, date_source, status, title, n_articles, n_mentions, location, group_key, actor_ids)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
            ))?,
            actor: tx.prepare_cached(&format!(
                "INSERT INTO {prefix}event_actors (event_id, pos, actor_id, sort_key, kind, date, actor_ids)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
            ))?,
            mention: tx.prepare_cached(&format!(
                "INSERT INTO {prefix}event_mentions (event_id, mention_id) VALUES (?1, ?2)"
            ))?,
        })
    }

    fn write(&mut self, events: &[NewEvent]) -> Result<()> {
        // In primary-key order: the clustered tables then grow at their end.
        let mut order: Vec<&NewEvent> = events.iter().collect();
        order.sort_unstable_by(|a, b| a.event.id.cmp(&b.event.id));
        for n in order {
            let e = &n.event;
            let date = e.date.map(|d| d.date.to_string());
            let sort_key = sort_key(e.date);
            let actor_ids = e.actors.join(" ");
            self.event.execute(params![
                e.id,
                e.kind.as_str(),
                date,
                e.date.map(|d| d.precision.as_str()),
                sort_key,
                e.date_source.as_str(),
                e.status.as_str(),
                n.title,
                n.n_articles as i64,
                e.mentions.len() as i64,
                e.location,
                n.group_key,
                actor_ids
            ])?;
            for (pos, a) in e.actors.iter().enumerate() {
                self.actor
                    .execute(params![e.id, pos as i64, a, sort_key, e.kind.as_str(), date, actor_ids])?;
            }
            for m in &e.mentions {
                self.mention.execute(params![e.id, m])?;
            }
        }
        Ok(())
    }
}

/// Changes to the per-kind, per-day and per-month counts, from events
/// removed and added.
#[derive(Default)]
struct CountDelta {
    kinds: HashMap<String, i64>,
    /// (sort key, kind, actor or "" for the day's kind count) -> change.
    days: HashMap<(String, String, String), i64>,
}

impl CountDelta {
    /// Count out the stored events of the marked groups.
    fn remove_marked(&mut self, tx: &Transaction<'_>) -> Result<()> {
        let mut stmt = tx.prepare_cached(
            "SELECT e.sort_key, e.kind, COUNT(*) FROM events e WHERE e.group_key IN (SELECT key FROM merge_groups)
             GROUP BY e.sort_key, e.kind",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))
        })?;
        for r in rows {
            let (day, kind, n) = r?;
            *self.days.entry((day, kind, String::new())).or_default() -= n;
        }
        let mut stmt = tx.prepare_cached(
            "SELECT ea.sort_key, e.kind, ea.actor_id, COUNT(*) FROM events e JOIN event_actors ea ON ea.event_id = e.id
             WHERE e.group_key IN (SELECT key FROM merge_groups) GROUP BY ea.sort_key, e.kind, ea.actor_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        for r in rows {
            let (day, kind, actor, n) = r?;
            *self.days.entry((day, kind, actor)).or_default() -= n;
        }
        let mut stmt = tx.prepare_cached(
            "SELECT e.kind, COUNT(*) FROM events e WHERE e.group_key IN (SELECT key FROM merge_groups)
             GROUP BY e.kind",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for r in rows {
            let (kind, n) = r?;
            *self.kinds.entry(kind).or_default() -= n;
        }
        Ok(())
    }

    /// Count in one event.
    fn add(&mut self, e: &MergedEvent) {
        let day = sort_key(e.date);
        let kind = e.kind.as_str().to_string();
        *self.days.entry((day.clone(), kind.clone(), String::new())).or_default() += 1;
        for a in &e.actors {
            *self.days.entry((day.clone(), kind.clone(), a.clone())).or_default() += 1;
        }
        *self.kinds.entry(kind).or_default() += 1;
    }

    /// Write the changes; counts that reach zero go.
    fn apply(&self, tx: &Transaction<'_>) -> Result<()> {
        let mut up_kind = tx.prepare_cached(
            "INSERT INTO day_kinds (sort_key, kind, events) VALUES (?1, ?2, ?3)
             ON CONFLICT(sort_key, kind) DO UPDATE SET events = events + excluded.events",
        )?;
        let mut up_actor = tx.prepare_cached(
            "INSERT INTO day_actors (sort_key, kind, actor_id, events) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(sort_key, kind, actor_id) DO UPDATE SET events = events + excluded.events",
        )?;
        let mut drop_kind =
            tx.prepare_cached("DELETE FROM day_kinds WHERE sort_key = ?1 AND kind = ?2 AND events <= 0")?;
        let mut drop_actor = tx.prepare_cached(
            "DELETE FROM day_actors WHERE sort_key = ?1 AND kind = ?2 AND actor_id = ?3 AND events <= 0",
        )?;
        let mut up_month = tx.prepare_cached(
            "INSERT INTO month_actors (month, kind, actor_id, events) VALUES (substr(?1, 1, 7), ?2, ?3, ?4)
             ON CONFLICT(month, kind, actor_id) DO UPDATE SET events = events + excluded.events",
        )?;
        let mut drop_month = tx.prepare_cached(
            "DELETE FROM month_actors WHERE month = substr(?1, 1, 7) AND kind = ?2 AND actor_id = ?3 AND events <= 0",
        )?;
        for ((day, kind, actor), n) in self.days.iter().filter(|(_, n)| **n != 0) {
            if actor.is_empty() {
                up_kind.execute(params![day, kind, n])?;
                if *n < 0 {
                    drop_kind.execute(params![day, kind])?;
                }
            } else {
                up_month.execute(params![day, kind, actor, n])?;
                if *n < 0 {
                    drop_month.execute(params![day, kind, actor])?;
                }
                up_actor.execute(params![day, kind, actor, n])?;
                if *n < 0 {
                    drop_actor.execute(params![day, kind, actor])?;
                }
            }
        }
        let mut up = tx.prepare_cached(
            "INSERT INTO kind_stats (kind, events) VALUES (?1, ?2)
             ON CONFLICT(kind) DO UPDATE SET events = events + excluded.events",
        )?;
        for (kind, n) in &self.kinds {
            up.execute(params![kind, n])?;
        }
        tx.execute("DELETE FROM kind_stats WHERE events <= 0", [])?;
        Ok(())
    }
}

/// The key events sort and are counted by: the date, or "~" (after every
/// date) for undated events.
fn sort_key(date: Option<EventDate>) -> String {
    date.map(|d| d.date.to_string()).unwrap_or_else(|| "~".to_string())
}

fn parse_kind(s: &str) -> Result<Kind> {
    Kind::parse(s).ok_or_else(|| StoreError::Corrupt(format!("event kind {s:?}")))
}

fn parse_date_source(s: &str) -> Result<DateSource> {
    DateSource::parse(s).ok_or_else(|| StoreError::Corrupt(format!("date source {s:?}")))
}

fn parse_status(s: &str) -> Result<Status> {
    Status::parse(s).ok_or_else(|| StoreError::Corrupt(format!("status {s:?}")))
}

fn parse_date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| StoreError::Corrupt(format!("date {s:?}")))
}

fn parse_event_date(date: Option<&str>, precision: Option<&str>) -> Result<Option<EventDate>> {
    match date {
        None => Ok(None),
        Some(d) => Ok(Some(EventDate {
            date: parse_date(d)?,
            precision: precision.and_then(Precision::parse).unwrap_or(Precision::Day),
        })),
    }
}

// ---------------------------------------------------------------------------
// Reading, for pages and exports.
// ---------------------------------------------------------------------------

/// Address space each read connection maps (a limit, not memory used).
const READ_MMAP_BYTES: i64 = 4 << 30;

/// A pool of read-only connections for the web layer.
pub struct ReadPool {
    path: PathBuf,
    idle: Mutex<Vec<(Connection, RefCell<ActorNames>)>>,
    /// Address space each connection maps of the database file.
    mmap: i64,
}

impl ReadPool {
    /// For pages: connections read the file through a memory map.
    pub fn new(path: &Path) -> ReadPool {
        ReadPool {
            path: path.to_path_buf(),
            idle: Mutex::new(Vec::new()),
            mmap: READ_MMAP_BYTES,
        }
    }

    /// For look-ups spread over the whole file (an ingest's file states):
    /// no memory map, whose pages would count in the process's resident
    /// memory, a page for every article looked up.
    pub fn unmapped(path: &Path) -> ReadPool {
        ReadPool {
            mmap: 0,
            ..ReadPool::new(path)
        }
    }

    /// Run `f` with a pooled read-only connection.
    pub fn with<T>(&self, f: impl FnOnce(&Reader<'_>) -> Result<T>) -> Result<T> {
        let (conn, names) = match self.idle.lock().ok().and_then(|mut v| v.pop()) {
            Some(c) => c,
            None => {
                let c = Connection::open_with_flags(
                    &self.path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                c.busy_timeout(std::time::Duration::from_secs(5))?;
                // Pages read straight from the memory-mapped file: no copy
                // into each connection's own page cache (profiles of page
                // loads were dominated by pread and its copies).
                c.pragma_update(None, "mmap_size", self.mmap)?;
                c.set_prepared_statement_cache_capacity(64);
                (c, RefCell::default())
            }
        };
        // Names kept by this connection hold until another connection
        // commits (an ingest).
        let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        {
            let mut n = names.borrow_mut();
            if n.version != Some(version) {
                n.clear();
                n.version = Some(version);
            }
        }
        let out = f(&Reader {
            conn: &conn,
            names: &names,
        });
        if let Ok(mut v) = self.idle.lock() {
            if v.len() < 64 {
                v.push((conn, names));
            }
        }
        out
    }
}

/// Filters of the timeline; every field maps to a URL parameter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub actors: Vec<String>,
    pub kinds: Vec<Kind>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub q: Option<String>,
}

/// Keyset position: (sort key, event id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub sort_key: String,
    pub id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    After,
    Before,
}

/// An actor as shown next to an event. Name and kind are shared with the
/// reading connection's memo of actors (`ActorNames`): a page lists a
/// hundred actors or more, and each was two Strings copied from it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ActorRef {
    pub id: String,
    pub name: std::sync::Arc<str>,
    pub kind: std::sync::Arc<str>,
}

/// One event row of a list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct EventRow {
    pub id: String,
    pub kind: String,
    pub date: Option<String>,
    pub date_precision: Option<String>,
    pub date_source: String,
    pub status: String,
    pub title: String,
    pub articles: i64,
    /// Where talks took place, as the sources name it.
    pub location: Option<String>,
    pub actors: Vec<ActorRef>,
    /// The actors' ids as stored ("a-b c-d"), until `Reader::attach_actors`
    /// turns them into `actors`.
    #[serde(skip)]
    actor_ids: String,
    #[serde(skip)]
    pub sort_key: String,
}

/// Marks around the matched words in search results: control characters,
/// not expected in news text (a stray one only shifts a mark; pages split
/// on them, see `search::split_marked`, so marks always pair up).
pub const MARK_OPEN: char = '\u{1}';
pub const MARK_CLOSE: char = '\u{2}';

/// An event found by a search, with its best-matching evidence sentence.
#[derive(Debug, Clone)]
pub struct EventHit {
    pub event: EventRow,
    /// The sentence, matches marked.
    pub evidence: String,
    /// The article it is from.
    pub article: String,
}

/// An article found by a search, through its text or its sentences.
#[derive(Debug, Clone)]
pub struct ArticleHit {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    /// Its best-matching passage (or, while its text waits for the search
    /// index, its best-matching sentence), matches marked.
    pub snippet: String,
}

/// How many article texts the search index holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct SearchProgress {
    /// Articles stored.
    pub articles: i64,
    /// Of those, articles whose whole text is indexed.
    pub indexed: i64,
}

impl SearchProgress {
    pub fn complete(&self) -> bool {
        self.indexed >= self.articles
    }
}

fn search_progress(conn: &Connection) -> Result<SearchProgress> {
    Ok(conn.query_row(
        "SELECT (SELECT COUNT(*) FROM articles),
                (SELECT COUNT(*) FROM articles WHERE rowid > (SELECT upto FROM search_state WHERE id = 1))
              + (SELECT COUNT(*) FROM search_queue)",
        [],
        |r| {
            let (articles, waiting): (i64, i64) = (r.get(0)?, r.get(1)?);
            Ok(SearchProgress {
                articles,
                indexed: (articles - waiting).max(0),
            })
        },
    )?)
}

#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    pub events: Vec<EventHit>,
    pub events_total: i64,
    pub articles: Vec<ArticleHit>,
    pub articles_total: i64,
    /// How much of the article texts the search covered.
    pub progress: SearchProgress,
}

/// A page of events with keyset cursors.
#[derive(Debug, Clone)]
pub struct EventPage {
    pub events: Vec<EventRow>,
    pub next: Option<Cursor>,
    pub prev: Option<Cursor>,
}

/// Facet counts for the current filters.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Facets {
    pub kinds: Vec<(String, i64)>,
    pub actors: Vec<(ActorRef, i64)>,
    pub total: i64,
    /// Events per (date, kind), when the facets were counted from the
    /// events themselves (the histogram then needs no second pass).
    #[serde(skip)]
    pub days: Option<Vec<(String, String, i64)>>,
}

/// Actors and the number of calls and talks each pair shares.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Network {
    pub actors: Vec<ActorRef>,
    /// (actor id, actor id, events), most events first.
    pub pairs: Vec<(String, String, i64)>,
}

/// One actor's events just before and after an event.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Around {
    pub actor: ActorRef,
    pub previous: Option<EventRow>,
    pub next: Option<EventRow>,
}

/// An evidence sentence from one article.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Evidence {
    pub mention_id: i64,
    pub article: String,
    pub article_title: String,
    pub published: Option<String>,
    pub inferred_date: Option<String>,
    pub sentence: String,
    pub start: i64,
    pub end: i64,
    pub date_source: String,
    pub mention_date: Option<String>,
    pub status: String,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ActorDetail {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub role: Option<String>,
    pub country: Option<String>,
    pub affiliation: Option<ActorRef>,
    pub discovered: bool,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ActorSummary {
    pub actor: ActorRef,
    pub role: Option<String>,
    pub events: i64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ArticleRow {
    pub id: String,
    pub path: String,
    pub title: String,
    pub published: Option<String>,
    pub inferred_date: Option<String>,
    pub date_note: Option<String>,
    pub events: i64,
    /// Where the article was published, when its file says.
    pub url: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ArticleMention {
    pub mention_id: i64,
    pub start: i64,
    pub end: i64,
    pub kind: String,
    pub event_id: String,
    pub event_title: String,
}

/// Read queries, on any connection.
pub struct Reader<'c> {
    conn: &'c Connection,
    names: &'c RefCell<ActorNames>,
}

/// Actor names and kinds by id, filled as pages ask for them and kept with
/// a read connection until the database changes: a page of 50 events then
/// names its actors without a single look-up.
///
/// The same connection also keeps the per-month actor counts it has read
/// (`MonthCounts`), under the same rule.
#[derive(Default)]
pub struct ActorNames {
    /// `PRAGMA data_version` when the map was last valid.
    version: Option<i64>,
    map: rustc_hash::FxHashMap<String, (std::sync::Arc<str>, std::sync::Arc<str>)>,
    months: MonthCounts,
}

impl ActorNames {
    /// Forget everything read: the database may have changed.
    fn clear(&mut self) {
        self.map.clear();
        self.months = MonthCounts::default();
    }
}

/// Rows of `month_actors` by month, as read by one connection: a timeline
/// over a year with no actor adds up about 15,000 of them for its actor
/// facet, which took milliseconds through SQL each time and takes tens of
/// microseconds from here.
#[derive(Default)]
struct MonthCounts {
    /// Month ('YYYY-MM') -> (kind's place in `Kind::ALL`, or `u8::MAX` for
    /// a kind this build does not know; actor's place in `ids`; events).
    /// A month read and found empty is kept empty.
    months: rustc_hash::FxHashMap<String, Vec<(u8, u32, i64)>>,
    ids: Vec<String>,
    index: rustc_hash::FxHashMap<String, u32>,
}

/// The months from `first` to `last` ('YYYY-MM', inclusive), or None if
/// either is not a month.
fn months_between(first: &str, last: &str) -> Option<Vec<String>> {
    let parse = |m: &str| -> Option<(i32, u32)> {
        let (y, mo) = m.split_once('-')?;
        let (y, mo) = (y.parse().ok()?, mo.parse().ok()?);
        (y > 0 && (1..=12).contains(&mo) && m.len() == 7).then_some((y, mo))
    };
    let (mut y, mut m) = parse(first)?;
    let end = parse(last)?;
    let mut out = Vec::new();
    while (y, m) <= end {
        out.push(format!("{y:04}-{m:02}"));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    Some(out)
}

/// SQL fragment and parameters for a filter (placeholders only; no user
/// text is ever spliced into SQL).
/// A facet row: actor id, name, kind, count.
fn actor_count_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(ActorRef, i64)> {
    Ok((
        ActorRef {
            id: r.get(0)?,
            name: r.get::<_, String>(1)?.into(),
            kind: r.get::<_, String>(2)?.into(),
        },
        r.get(3)?,
    ))
}

/// The first and last whole months ("YYYY-MM") inside a date range; an open
/// end leaves that side open (None there with Some on the other side means
/// "from the beginning" or "to the end").
fn whole_months(from: Option<NaiveDate>, to: Option<NaiveDate>) -> (Option<String>, Option<String>) {
    use chrono::Datelike;
    let month = |d: NaiveDate| format!("{:04}-{:02}", d.year(), d.month());
    let first = match from {
        Some(d) if d.day() == 1 => Some(month(d)),
        Some(d) => d.checked_add_months(chrono::Months::new(1)).map(month),
        None => Some("0000-00".to_string()),
    };
    let last = match to {
        Some(d) if d.succ_opt().is_none_or(|n| n.month() != d.month()) => Some(month(d)),
        Some(d) => d.checked_sub_months(chrono::Months::new(1)).map(month),
        None => Some("9999-99".to_string()),
    };
    (first, last)
}

/// The tally's query for a filter on one actor (with kinds and dates, no
/// words), read from event_actors alone: the same events as
/// `filter_query` selects, with the conditions of `filter_sql` on the
/// copies of the events' columns.
fn tally_by_actor(f: &Filter) -> Option<(String, Vec<String>)> {
    let [actor] = f.actors.as_slice() else {
        return None;
    };
    if f.q.as_deref().is_some_and(|q| !q.trim().is_empty()) {
        return None;
    }
    let mut sql = String::from("SELECT fa0.kind, fa0.actor_ids, fa0.date FROM event_actors fa0 WHERE fa0.actor_id = ?");
    let mut p = vec![actor.clone()];
    if !f.kinds.is_empty() {
        let marks: Vec<&str> = f.kinds.iter().map(|_| "?").collect();
        sql.push_str(&format!(" AND fa0.kind IN ({})", marks.join(",")));
        p.extend(f.kinds.iter().map(|k| k.as_str().to_string()));
    }
    // The range on the index's sort key, and on the date so that undated
    // events ('~') stay out as they do in `filter_sql`.
    if let Some(d) = f.from {
        sql.push_str(" AND fa0.sort_key >= ? AND fa0.date >= ?");
        p.extend([d.to_string(), d.to_string()]);
    }
    if let Some(d) = f.to {
        sql.push_str(" AND fa0.sort_key <= ? AND fa0.date <= ?");
        p.extend([d.to_string(), d.to_string()]);
    }
    Some((sql, p))
}

/// FROM clause, WHERE clause and parameters for a filter, plus the columns
/// that order the timeline. With an actor filter the query is driven by the
/// actor's index range in `event_actors` (already in timeline order), so an
/// actor with few events costs few rows whatever the size of the timeline.
struct FilterSql {
    from: &'static str,
    sql: String,
    params: Vec<String>,
    key: &'static str,
    id: &'static str,
}

fn filter_query(f: &Filter) -> FilterSql {
    let (mut sql, mut params) = filter_sql(f, !f.actors.is_empty());
    let (from, key, id) = match f.actors.first() {
        Some(a) => {
            sql.push_str(" AND fa0.actor_id = ?");
            params.push(a.clone());
            (
                " FROM event_actors fa0 JOIN events e ON e.id = fa0.event_id",
                "fa0.sort_key",
                "fa0.event_id",
            )
        }
        None => (" FROM events e", "e.sort_key", "e.id"),
    };
    // The date range also on the ordering column: the index then serves both
    // the range and the order (sort_key is the date of a dated event).
    if let Some(d) = f.from {
        sql.push_str(&format!(" AND {key} >= ?"));
        params.push(d.to_string());
    }
    if let Some(d) = f.to {
        sql.push_str(&format!(" AND {key} <= ?"));
        params.push(d.to_string());
    }
    FilterSql {
        from,
        sql,
        params,
        key,
        id,
    }
}

fn filter_sql(f: &Filter, first_actor_driven: bool) -> (String, Vec<String>) {
    let mut sql = String::from(" WHERE 1=1");
    let mut p: Vec<String> = Vec::new();
    if !f.kinds.is_empty() {
        sql.push_str(" AND e.kind IN (");
        for (i, k) in f.kinds.iter().enumerate() {
            if i > 0 {
                sql.push(',');
            }
            sql.push('?');
            p.push(k.as_str().to_string());
        }
        sql.push(')');
    }
    if let Some(d) = f.from {
        sql.push_str(" AND e.date >= ?");
        p.push(d.to_string());
    }
    if let Some(d) = f.to {
        sql.push_str(" AND e.date <= ?");
        p.push(d.to_string());
    }
    for a in f.actors.iter().skip(usize::from(first_actor_driven)) {
        // '+': look up the event's few actors by its key, not the (possibly
        // long) index range of the actor.
        sql.push_str(" AND EXISTS (SELECT 1 FROM event_actors fa WHERE fa.event_id = e.id AND +fa.actor_id = ?)");
        p.push(a.clone());
    }
    if let Some(q) = f.q.as_deref().filter(|q| !q.trim().is_empty()) {
        // The title as typed, or the words in the evidence sentences
        // (full-text index; see `search::fts_query`).
        let like = format!("%{}%", escape_like(q.trim()));
        p.push(like);
        match crate::search::fts_query(q) {
            Some(m) => {
                sql.push_str(
                    " AND (e.title LIKE ? ESCAPE '\\' OR e.id IN (SELECT fm.event_id FROM mentions_fts
                       JOIN event_mentions fm ON fm.mention_id = mentions_fts.rowid WHERE mentions_fts MATCH ?))",
                );
                p.push(m);
            }
            None => sql.push_str(" AND e.title LIKE ? ESCAPE '\\'"),
        }
    }
    (sql, p)
}

fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Conditions on `day_kinds d` for a filter's dates and kinds, with their
/// parameters. Date bounds exclude undated events ('~'), as `e.date` does,
/// and so does `dated_only`. One upper bound only: given two, SQLite may take
/// '~' for the index range and scan every day after the lower bound.
fn day_kinds_range(f: &Filter, dated_only: bool) -> (String, Vec<String>) {
    let mut sql = String::new();
    let mut p: Vec<String> = Vec::new();
    if let Some(d) = f.from {
        sql.push_str(" AND d.sort_key >= ?");
        p.push(d.to_string());
    }
    match f.to {
        Some(d) => {
            sql.push_str(" AND d.sort_key <= ?");
            p.push(d.to_string());
        }
        None if dated_only => sql.push_str(" AND d.sort_key < '~'"),
        None => {}
    }
    if !f.kinds.is_empty() {
        let marks: Vec<&str> = f.kinds.iter().map(|_| "?").collect();
        sql.push_str(&format!(" AND d.kind IN ({})", marks.join(",")));
        p.extend(f.kinds.iter().map(|k| k.as_str().to_string()));
    }
    (sql, p)
}

/// Actors listed in the actor facet.
const FACET_ACTORS: usize = 20;
/// (count, actor id) pairs, before they are ranked and named.
type Counted = Vec<(i64, String)>;

/// What one pass over a filter's events counts.
struct Tally {
    /// Events by kind, sorted by kind.
    kinds: Vec<(String, i64)>,
    actors: Counted,
    /// Events per (date, kind), dated events only.
    days: Vec<(String, String, i64)>,
}

/// Actors listed as an actor's counterparts.
const COUNTERPARTS: usize = 50;

/// An actor's events by kind, the actors most often in them, and their
/// activity by day.
pub struct ActorTally {
    pub kinds: Vec<(String, i64)>,
    pub counterparts: Vec<(ActorRef, i64)>,
    /// Events per (date, kind), dated events only: the activity chart.
    pub days: Vec<(String, String, i64)>,
}

/// A text column read in place failed: report it as rusqlite would.
fn text_error(col: usize) -> impl Fn(rusqlite::types::FromSqlError) -> rusqlite::Error {
    move |e| rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, Box::new(e))
}

const EVENT_COLS: &str =
    "e.id, e.kind, e.date, e.precision, e.date_source, e.status, e.title, e.n_articles, e.sort_key, e.location, e.actor_ids";

fn event_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        id: r.get(0)?,
        kind: r.get(1)?,
        date: r.get(2)?,
        date_precision: r.get(3)?,
        date_source: r.get(4)?,
        status: r.get(5)?,
        title: r.get(6)?,
        articles: r.get(7)?,
        sort_key: r.get(8)?,
        location: r.get(9)?,
        // Named by `Reader::attach_actors`.
        actors: Vec::new(),
        actor_ids: r.get(10)?,
    })
}

/// The statement of `Reader::day_head`.
fn day_head_sql(limit: usize) -> String {
    format!("SELECT {EVENT_COLS} FROM events e WHERE e.date = ?1 AND e.precision = 'day' ORDER BY e.id LIMIT {limit}")
}

/// `ids` as actors, named from `names` or else by `look_up` (and kept in
/// `names`); empty and unknown ids are left out. Names are shared, not
/// copied: a page names a hundred actors or more.
fn named<'i>(
    names: &mut ActorNames,
    look_up: &mut rusqlite::CachedStatement<'_>,
    ids: impl IntoIterator<Item = &'i str>,
) -> Result<Vec<ActorRef>> {
    let mut out = Vec::new();
    for id in ids {
        if id.is_empty() {
            continue;
        }
        let (name, kind) = match names.map.get(id) {
            Some(known) => known.clone(),
            None => {
                let found: Option<(std::sync::Arc<str>, std::sync::Arc<str>)> = look_up
                    .query_row(params![id], |r| {
                        Ok((r.get::<_, String>(0)?.into(), r.get::<_, String>(1)?.into()))
                    })
                    .optional()?;
                match found {
                    Some(found) => {
                        names.map.insert(id.to_string(), found.clone());
                        found
                    }
                    None => continue,
                }
            }
        };
        out.push(ActorRef {
            id: id.to_string(),
            name,
            kind,
        });
    }
    Ok(out)
}

impl Reader<'_> {
    /// One page of the timeline.
    /// The filter with its actors ordered by how many events they have,
    /// fewest first: the first one drives the query through its index range
    /// and the others are checked per event, so the rarest should lead (two
    /// people who rarely meet would otherwise walk the busier one's whole
    /// history).
    fn rarest_actor_first(&self, f: &Filter) -> Result<Filter> {
        let mut f = f.clone();
        if f.actors.len() > 1 {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT events FROM actor_stats WHERE actor_id = ?1")?;
            let mut counted = Vec::with_capacity(f.actors.len());
            for a in f.actors.drain(..) {
                let n: i64 = stmt.query_row(params![a], |r| r.get(0)).optional()?.unwrap_or(0);
                counted.push((n, a));
            }
            counted.sort();
            f.actors = counted.into_iter().map(|(_, a)| a).collect();
        }
        Ok(f)
    }

    pub fn events(&self, f: &Filter, cursor: Option<(&Cursor, Direction)>, limit: usize) -> Result<EventPage> {
        let FilterSql {
            from,
            mut sql,
            params: mut p,
            key,
            id,
        } = filter_query(&self.rarest_actor_first(f)?);
        let backwards = matches!(cursor, Some((_, Direction::Before)));
        if let Some((c, dir)) = cursor {
            let op = match dir {
                Direction::After => ">",
                Direction::Before => "<",
            };
            sql.push_str(&format!(" AND ({key}, {id}) {op} (?, ?)"));
            p.push(c.sort_key.clone());
            p.push(c.id.clone());
        }
        let order = if backwards { "DESC" } else { "ASC" };
        let full = format!(
            "SELECT {EVENT_COLS}{from}{sql} ORDER BY {key} {order}, {id} {order} LIMIT {}",
            limit + 1
        );
        let mut stmt = self.conn.prepare_cached(&full)?;
        let mut rows: Vec<EventRow> = stmt
            .query_map(params_from_iter(p.iter()), event_row)?
            .collect::<std::result::Result<_, _>>()?;
        let more = rows.len() > limit;
        rows.truncate(limit);
        if backwards {
            rows.reverse();
        }
        self.attach_actors(&mut rows)?;
        let first = rows.first().map(|e| Cursor {
            sort_key: e.sort_key.clone(),
            id: e.id.clone(),
        });
        let last = rows.last().map(|e| Cursor {
            sort_key: e.sort_key.clone(),
            id: e.id.clone(),
        });
        let (next, prev) = match cursor {
            None => (if more { last } else { None }, None),
            Some((_, Direction::After)) => (if more { last } else { None }, first),
            Some((_, Direction::Before)) => (last, if more { first } else { None }),
        };
        Ok(EventPage {
            events: rows,
            next,
            prev,
        })
    }

    /// Facet counts under the current filters.
    pub fn facets(&self, f: &Filter) -> Result<Facets> {
        self.facets_counting(f, false)
    }

    /// Facets, and events per (date, kind) when they come from the same
    /// pass over the events (`Facets::days`): what the timeline page needs.
    pub fn facets_and_days(&self, f: &Filter) -> Result<Facets> {
        self.facets_counting(f, true)
    }

    fn facets_counting(&self, f: &Filter, days: bool) -> Result<Facets> {
        let by_day = f.actors.is_empty()
            && f.q.as_deref().is_none_or(|q| q.trim().is_empty())
            && (f.from.is_some() || f.to.is_some() || !f.kinds.is_empty());
        if by_day {
            return self.facets_by_day(f);
        }
        if *f == Filter::default() {
            return self.facets_unfiltered();
        }
        let Tally {
            kinds,
            actors,
            days: day_counts,
        } = self.tally(f, days)?;
        // Every event has one kind: the kind counts add up to the total.
        let total: i64 = kinds.iter().map(|(_, n)| n).sum();
        let actors = self.top_actors(actors, FACET_ACTORS)?;
        Ok(Facets {
            kinds,
            actors,
            total,
            days: days.then_some(day_counts),
        })
    }

    /// Kind counts (by kind) and actor counts (count, actor id) of the
    /// events a filter matches: one row per event, with its kind and actor
    /// ids, counted here rather than by joining every event to its actors
    /// in SQL.
    fn tally(&self, f: &Filter, with_days: bool) -> Result<Tally> {
        let (select, p) = match tally_by_actor(f) {
            // One actor: its index range in event_actors covers what is
            // counted (migration 0014), no event is looked up.
            Some(fast) => fast,
            None => {
                let FilterSql { from, sql, params, .. } = filter_query(&self.rarest_actor_first(f)?);
                (format!("SELECT e.kind, e.actor_ids, e.date{from}{sql}"), params)
            }
        };
        let mut kind_counts: rustc_hash::FxHashMap<String, i64> = Default::default();
        let mut actor_counts: rustc_hash::FxHashMap<String, i64> = Default::default();
        // By date, one counter per kind (in `Kind::ALL` order): one
        // allocation per new date, none per event.
        let mut day_counts: rustc_hash::FxHashMap<String, [i64; 4]> = Default::default();
        let mut stmt = self.conn.prepare_cached(&select)?;
        let mut rows = stmt.query(params_from_iter(p.iter()))?;
        while let Some(r) = rows.next()? {
            let kind = r.get_ref(0)?.as_str().map_err(text_error(0))?;
            if with_days {
                let date = r.get_ref(2)?.as_str_or_null().map_err(text_error(2))?;
                let k = Kind::ALL.iter().position(|x| x.as_str() == kind);
                if let (Some(date), Some(k)) = (date, k) {
                    match day_counts.get_mut(date) {
                        Some(c) => c[k] += 1,
                        None => {
                            let mut c = [0; 4];
                            c[k] = 1;
                            day_counts.insert(date.to_string(), c);
                        }
                    }
                }
            }
            match kind_counts.get_mut(kind) {
                Some(n) => *n += 1,
                None => {
                    kind_counts.insert(kind.to_string(), 1);
                }
            }
            for id in r.get_ref(1)?.as_str().map_err(text_error(1))?.split(' ') {
                match actor_counts.get_mut(id) {
                    Some(n) => *n += 1,
                    None if id.is_empty() => {}
                    None => {
                        actor_counts.insert(id.to_string(), 1);
                    }
                }
            }
        }
        let mut kinds: Vec<(String, i64)> = kind_counts.into_iter().collect();
        kinds.sort_unstable();
        Ok(Tally {
            kinds,
            actors: actor_counts.into_iter().map(|(id, n)| (n, id)).collect(),
            days: day_counts
                .into_iter()
                .flat_map(|(d, c)| {
                    Kind::ALL
                        .iter()
                        .zip(c)
                        .filter(|(_, n)| *n > 0)
                        .map(move |(k, n)| (d.clone(), k.as_str().to_string(), n))
                })
                .collect(),
        })
    }

    /// Facets of a filter on dates and kinds only, added up from the
    /// per-day counts kept at ingest (a year of events is a few thousand
    /// rows instead of every event and its actors).
    fn facets_by_day(&self, f: &Filter) -> Result<Facets> {
        let (range, p) = day_kinds_range(f, f.from.is_some());
        let sql = format!(" WHERE 1=1{range}");
        let mut kinds = Vec::new();
        {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT d.kind, SUM(d.events) FROM day_kinds d{sql} GROUP BY d.kind ORDER BY d.kind"
            ))?;
            let rows = stmt.query_map(params_from_iter(p.iter()), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })?;
            for r in rows {
                kinds.push(r?);
            }
        }
        let total = kinds.iter().map(|(_, n)| n).sum();
        // Actors: whole months inside the range from the month counts, the
        // days before and after them from the day counts.
        let (first_month, last_month) = whole_months(f.from, f.to);
        let mut sums: rustc_hash::FxHashMap<String, i64> = Default::default();
        let mut parts = Vec::new();
        let mut ap: Vec<String> = Vec::new();
        let kinds_sql = |ap: &mut Vec<String>, col: &str| {
            if f.kinds.is_empty() {
                return String::new();
            }
            let marks: Vec<&str> = f.kinds.iter().map(|_| "?").collect();
            ap.extend(f.kinds.iter().map(|k| k.as_str().to_string()));
            format!(" AND {col}.kind IN ({})", marks.join(","))
        };
        // Days between bounds given with their operators; dated days only,
        // with a single upper bound (see above).
        let day_part = |ap: &mut Vec<String>, lo: Option<(&str, String)>, hi: Option<(&str, String)>| {
            let mut w = String::from("SELECT d.actor_id, d.events FROM day_actors d WHERE 1=1");
            if let Some((op, lo)) = lo {
                w.push_str(&format!(" AND d.sort_key {op} ?"));
                ap.push(lo);
            }
            match hi {
                Some((op, hi)) => {
                    w.push_str(&format!(" AND d.sort_key {op} ?"));
                    ap.push(hi);
                }
                None => w.push_str(" AND d.sort_key < '~'"),
            }
            w + &kinds_sql(ap, "d")
        };
        match (&first_month, &last_month) {
            (Some(m0), Some(m1)) if m0 <= m1 => {
                // Days before the first whole month, the months, days after.
                if let Some(d) = f.from {
                    let before = format!("{m0}-01");
                    if d.to_string() < before {
                        parts.push(day_part(&mut ap, Some((">=", d.to_string())), Some(("<", before))));
                    }
                }
                let span = match (f.from, f.to) {
                    (Some(_), Some(_)) => months_between(m0, m1),
                    _ => None,
                };
                if let Some(span) = span {
                    // A bounded span: the months from this connection's memo.
                    self.month_actor_sums(&span, &f.kinds, &mut sums)?;
                } else {
                    let mut part = String::from("SELECT m.actor_id, m.events FROM month_actors m WHERE 1=1");
                    if f.from.is_some() {
                        part.push_str(" AND m.month >= ?");
                        ap.push(m0.clone());
                    }
                    if f.to.is_some() {
                        part.push_str(" AND m.month <= ?");
                        ap.push(m1.clone());
                    } else {
                        part.push_str(" AND m.month < '~'");
                    }
                    part += &kinds_sql(&mut ap, "m");
                    parts.push(part);
                }
                if let Some(d) = f.to {
                    let after = format!("{m1}-99");
                    parts.push(day_part(&mut ap, Some((">", after)), Some(("<=", d.to_string()))));
                }
            }
            _ => {
                if f.from.is_none() && f.to.is_none() {
                    // Kinds only: every month, and the undated events.
                    let part = String::from("SELECT m.actor_id, m.events FROM month_actors m WHERE 1=1");
                    parts.push(part + &kinds_sql(&mut ap, "m"));
                } else {
                    parts.push(day_part(
                        &mut ap,
                        f.from.map(|d| (">=", d.to_string())),
                        f.to.map(|d| ("<=", d.to_string())),
                    ));
                }
            }
        }
        // Added up here: a hash map beats SQLite's sorted GROUP BY over the
        // tens of thousands of month rows of a year.
        if !parts.is_empty() {
            let mut stmt = self.conn.prepare_cached(&parts.join(" UNION ALL "))?;
            let mut rows = stmt.query(params_from_iter(ap.iter()))?;
            while let Some(r) = rows.next()? {
                let n: i64 = r.get(1)?;
                let id = r.get_ref(0)?.as_str().map_err(text_error(0))?;
                match sums.get_mut(id) {
                    Some(total) => *total += n,
                    None => {
                        sums.insert(id.to_string(), n);
                    }
                }
            }
        }
        let actors = self.top_actors(sums.into_iter().map(|(id, n)| (n, id)).collect(), FACET_ACTORS)?;
        Ok(Facets {
            kinds,
            actors,
            total,
            days: None,
        })
    }

    /// Adds to `sums` the events per actor of the whole months `span` (in
    /// order, first to last) and `kinds` (all when empty), from the
    /// connection's memo of `month_actors`; a span with a month not yet
    /// read is read whole, once per generation of the database.
    fn month_actor_sums(
        &self,
        span: &[String],
        kinds: &[Kind],
        sums: &mut rustc_hash::FxHashMap<String, i64>,
    ) -> Result<()> {
        let (Some(first), Some(last)) = (span.first(), span.last()) else {
            return Ok(());
        };
        let mut memo = self.names.borrow_mut();
        let mc = &mut memo.months;
        if span.iter().any(|m| !mc.months.contains_key(m)) {
            for m in span {
                mc.months.insert(m.clone(), Vec::new());
            }
            let mut stmt = self.conn.prepare_cached(
                "SELECT month, kind, actor_id, events FROM month_actors WHERE month >= ?1 AND month <= ?2",
            )?;
            let mut rows = stmt.query(params![first, last])?;
            while let Some(r) = rows.next()? {
                let kind = r.get_ref(1)?.as_str().map_err(text_error(1))?;
                let k = Kind::ALL
                    .iter()
                    .position(|x| x.as_str() == kind)
                    .map_or(u8::MAX, |i| i as u8);
                let id = r.get_ref(2)?.as_str().map_err(text_error(2))?;
                let a = match mc.index.get(id) {
                    Some(&a) => a,
                    None => {
                        let a = mc.ids.len() as u32;
                        mc.ids.push(id.to_string());
                        mc.index.insert(id.to_string(), a);
                        a
                    }
                };
                let n: i64 = r.get(3)?;
                let month = r.get_ref(0)?.as_str().map_err(text_error(0))?;
                if let Some(rows) = mc.months.get_mut(month) {
                    rows.push((k, a, n));
                }
            }
        }
        let wanted: Vec<bool> = Kind::ALL
            .iter()
            .map(|k| kinds.is_empty() || kinds.contains(k))
            .collect();
        let mut totals = vec![0i64; mc.ids.len()];
        for m in span {
            for &(k, a, n) in mc.months.get(m).map(Vec::as_slice).unwrap_or_default() {
                if wanted.get(usize::from(k)).copied().unwrap_or(kinds.is_empty()) {
                    totals[a as usize] += n;
                }
            }
        }
        for (a, n) in totals.into_iter().enumerate() {
            if n != 0 {
                *sums.entry(mc.ids[a].clone()).or_default() += n;
            }
        }
        Ok(())
    }

    /// Events per (date, kind) under a filter, dated events only: the
    /// timeline's histogram. Date and kind filters add up the per-day
    /// counts kept at ingest; others count the matching events.
    pub fn day_counts(&self, f: &Filter) -> Result<Vec<(String, String, i64)>> {
        let by_day = f.actors.is_empty() && f.q.as_deref().is_none_or(|q| q.trim().is_empty());
        let (sql, p) = if by_day {
            let (range, p) = day_kinds_range(f, true);
            let sql = format!("SELECT d.sort_key, d.kind, d.events FROM day_kinds d WHERE 1=1{range}");
            (sql, p)
        } else {
            let FilterSql {
                from, sql, params: p, ..
            } = filter_query(&self.rarest_actor_first(f)?);
            (
                format!("SELECT e.date, e.kind, COUNT(*){from}{sql} AND e.date IS NOT NULL GROUP BY e.date, e.kind"),
                p,
            )
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(p.iter()), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Who talked to whom: for the calls and talks a filter matches (its
    /// kinds narrowed to those two), how many events each pair of actors
    /// shares, and each actor's name and kind. Pairs are (a, b) with a < b.
    pub fn network(&self, f: &Filter) -> Result<Network> {
        let mut f = f.clone();
        let contacts = [Kind::Call, Kind::Talks];
        f.kinds = if f.kinds.is_empty() {
            contacts.to_vec()
        } else {
            f.kinds.iter().copied().filter(|k| contacts.contains(k)).collect()
        };
        let mut pairs: rustc_hash::FxHashMap<(String, String), i64> = Default::default();
        if !f.kinds.is_empty() {
            let FilterSql {
                from, sql, params: p, ..
            } = filter_query(&self.rarest_actor_first(&f)?);
            let mut stmt = self.conn.prepare_cached(&format!("SELECT e.actor_ids{from}{sql}"))?;
            let mut rows = stmt.query(params_from_iter(p.iter()))?;
            while let Some(r) = rows.next()? {
                let ids: Vec<&str> = r
                    .get_ref(0)?
                    .as_str()
                    .map_err(text_error(0))?
                    .split(' ')
                    .filter(|s| !s.is_empty())
                    .collect();
                for (i, a) in ids.iter().enumerate() {
                    for b in &ids[i + 1..] {
                        let key = if a < b {
                            (a.to_string(), b.to_string())
                        } else {
                            (b.to_string(), a.to_string())
                        };
                        *pairs.entry(key).or_default() += 1;
                    }
                }
            }
        }
        let actors: Vec<ActorRef> = {
            let mut ids: Vec<&str> = pairs.keys().flat_map(|(a, b)| [a.as_str(), b.as_str()]).collect();
            ids.sort();
            ids.dedup();
            self.name_actors(ids)?
        };
        let mut pairs: Vec<(String, String, i64)> = pairs.into_iter().map(|((a, b), n)| (a, b, n)).collect();
        pairs.sort_by(|x, y| y.2.cmp(&x.2).then_with(|| (&x.0, &x.1).cmp(&(&y.0, &y.1))));
        Ok(Network { actors, pairs })
    }

    /// Facets of the whole timeline: the counts kept at ingest.
    fn facets_unfiltered(&self) -> Result<Facets> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT kind, events FROM kind_stats ORDER BY kind")?;
        let kinds = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let total = kinds.iter().map(|(_, n)| n).sum();
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.name, a.kind, s.events AS n FROM actor_stats s JOIN actors a ON a.id = s.actor_id
             ORDER BY n DESC, a.name LIMIT 20",
        )?;
        let actors = stmt
            .query_map([], actor_count_row)?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(Facets {
            kinds,
            actors,
            total,
            days: None,
        })
    }

    /// The `limit` most frequent actors of (count, actor id) pairs, ties by
    /// name, named only for those that can make the list.
    fn top_actors(&self, mut counted: Vec<(i64, String)>, limit: usize) -> Result<Vec<(ActorRef, i64)>> {
        counted.sort_unstable_by_key(|c| std::cmp::Reverse(c.0));
        let cut = limit
            .checked_sub(1)
            .and_then(|i| counted.get(i))
            .map(|c| c.0)
            .unwrap_or(0);
        counted.retain(|(n, _)| *n >= cut);
        let named = self.name_actors(counted.iter().map(|(_, id)| id.as_str()))?;
        let count_of: rustc_hash::FxHashMap<&str, i64> = counted.iter().map(|(n, id)| (id.as_str(), *n)).collect();
        let mut actors: Vec<(ActorRef, i64)> = named
            .into_iter()
            .map(|a| {
                let n = count_of.get(a.id.as_str()).copied().unwrap_or(0);
                (a, n)
            })
            .collect();
        actors.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name)));
        actors.truncate(limit);
        Ok(actors)
    }

    /// The actors of event rows (which carry only their ids), named from
    /// what this connection keeps. An id with no actor row (none is
    /// expected) is left out, as a join would.
    fn attach_actors(&self, rows: &mut [EventRow]) -> Result<()> {
        let mut names = self.names.borrow_mut();
        let mut look_up = self
            .conn
            .prepare_cached("SELECT name, kind FROM actors WHERE id = ?1")?;
        for row in rows {
            let ids = std::mem::take(&mut row.actor_ids);
            row.actors = named(&mut names, &mut look_up, ids.split(' '))?;
        }
        Ok(())
    }

    /// Actors by id, named (see `attach_actors`).
    fn name_actors<'i>(&self, ids: impl IntoIterator<Item = &'i str>) -> Result<Vec<ActorRef>> {
        let mut names = self.names.borrow_mut();
        let mut look_up = self
            .conn
            .prepare_cached("SELECT name, kind FROM actors WHERE id = ?1")?;
        named(&mut names, &mut look_up, ids)
    }

    pub fn event(&self, id: &str) -> Result<Option<EventRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {EVENT_COLS} FROM events e WHERE e.id = ?1"))?;
        let row = stmt.query_row(params![id], event_row).optional()?;
        match row {
            None => Ok(None),
            Some(r) => {
                let mut v = vec![r];
                self.attach_actors(&mut v)?;
                Ok(v.pop())
            }
        }
    }

    /// Evidence sentences of an event, grouped by article order.
    pub fn evidence(&self, event_id: &str) -> Result<Vec<Evidence>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, ar.id, ar.title, ar.published, ar.inferred_date, m.evidence, m.sent_start, m.sent_end, m.date_source, m.date, m.status
             FROM event_mentions em JOIN mentions m ON m.id = em.mention_id JOIN articles ar ON ar.id = m.article_id
             WHERE em.event_id = ?1 ORDER BY COALESCE(ar.published, ar.inferred_date, '~'), ar.id, m.sent_start",
        )?;
        let rows = stmt.query_map(params![event_id], |r| {
            Ok(Evidence {
                mention_id: r.get(0)?,
                article: r.get(1)?,
                article_title: r.get(2)?,
                published: r.get(3)?,
                inferred_date: r.get(4)?,
                sentence: r.get(5)?,
                start: r.get(6)?,
                end: r.get(7)?,
                date_source: r.get(8)?,
                mention_date: r.get(9)?,
                status: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The first `limit` events of a day-precision date, by id: what an
    /// event page lists as the same day's other events (after leaving
    /// itself out), the same for every event of that day.
    pub fn day_head(&self, date: &str, limit: usize) -> Result<Vec<EventRow>> {
        // The limit is written into the statement: SQLite prepares a
        // statement with ORDER BY and a bound LIMIT again at every run
        // (a tenth of an event page's time).
        let mut stmt = self.conn.prepare_cached(&day_head_sql(limit))?;
        let mut rows: Vec<EventRow> = stmt
            .query_map(params![date], event_row)?
            .collect::<std::result::Result<_, _>>()?;
        self.attach_actors(&mut rows)?;
        Ok(rows)
    }

    /// The same kind of event between the same actors within a week on
    /// either side: where sources disagree on the date, both are kept and
    /// each event page points to the other.
    pub fn date_variants(&self, ev: &EventRow) -> Result<Vec<EventRow>> {
        let (Some(date), Some("day")) = (ev.date.as_deref(), ev.date_precision.as_deref()) else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLS} FROM events e WHERE e.group_key = (SELECT group_key FROM events WHERE id = ?1)
               AND e.date BETWEEN date(?2, '-7 days') AND date(?2, '+7 days') AND e.precision = 'day' AND e.id != ?1
             ORDER BY e.date"
        ))?;
        let mut rows: Vec<EventRow> = stmt
            .query_map(params![ev.id, date], event_row)?
            .collect::<std::result::Result<_, _>>()?;
        self.attach_actors(&mut rows)?;
        Ok(rows)
    }

    /// For each actor of `ev`, the event of theirs just before it and just
    /// after it in the timeline. One step along each actor's index range, so
    /// it costs the same for the busiest actor as for the rarest (the events
    /// of several actors together are one filtered timeline away).
    pub fn neighbours(&self, ev: &EventRow) -> Result<Vec<Around>> {
        let step = |op: &str, order: &str| {
            self.conn.prepare_cached(&format!(
                "SELECT {EVENT_COLS} FROM event_actors fa0 JOIN events e ON e.id = fa0.event_id
                 WHERE fa0.actor_id = ?1 AND (fa0.sort_key, fa0.event_id) {op} (?2, ?3)
                 ORDER BY fa0.sort_key {order}, fa0.event_id {order} LIMIT 1"
            ))
        };
        let mut stmts = [step("<", "DESC")?, step(">", "ASC")?];
        let mut found: Vec<(ActorRef, Option<EventRow>, Option<EventRow>)> = Vec::new();
        for a in &ev.actors {
            let [before, after] = &mut stmts;
            let prev = before
                .query_row(params![a.id, ev.sort_key, ev.id], event_row)
                .optional()?;
            let next = after
                .query_row(params![a.id, ev.sort_key, ev.id], event_row)
                .optional()?;
            found.push((a.clone(), prev, next));
        }
        // Their actors in one look-up.
        let mut rows: Vec<EventRow> = found
            .iter()
            .flat_map(|(_, p, n)| p.iter().chain(n.iter()).cloned())
            .collect();
        self.attach_actors(&mut rows)?;
        let mut rows = rows.into_iter();
        Ok(found
            .into_iter()
            .map(|(actor, p, n)| Around {
                actor,
                previous: p.and_then(|_| rows.next()),
                next: n.and_then(|_| rows.next()),
            })
            .collect())
    }

    pub fn actor(&self, id: &str) -> Result<Option<ActorDetail>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.name, a.kind, a.role, a.country, a.discovered, f.id, f.name, f.kind
             FROM actors a LEFT JOIN actors f ON f.id = a.affiliation WHERE a.id = ?1",
        )?;
        let row = stmt
            .query_row(params![id], |r| {
                let aff = match r.get::<_, Option<String>>(6)? {
                    Some(fid) => Some(ActorRef {
                        id: fid,
                        name: r.get::<_, String>(7)?.into(),
                        kind: r.get::<_, String>(8)?.into(),
                    }),
                    None => None,
                };
                Ok(ActorDetail {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    role: r.get(3)?,
                    country: r.get(4)?,
                    discovered: r.get::<_, i64>(5)? == 1,
                    affiliation: aff,
                    aliases: Vec::new(),
                })
            })
            .optional()?;
        let Some(mut a) = row else { return Ok(None) };
        let mut stmt = self
            .conn
            .prepare_cached("SELECT alias FROM actor_aliases WHERE actor_id = ?1 AND alias != ?2 ORDER BY alias")?;
        a.aliases = stmt
            .query_map(params![a.id, a.name], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        Ok(Some(a))
    }

    /// Events per kind for an actor.
    /// An actor's events by kind, and the actors that share events with
    /// them (the 50 most frequent), from one pass over the actor's events.
    pub fn actor_tally(&self, id: &str) -> Result<ActorTally> {
        let Tally {
            kinds,
            actors: mut counted,
            days,
        } = self.tally(
            &Filter {
                actors: vec![id.to_string()],
                ..Filter::default()
            },
            true,
        )?;
        counted.retain(|(_, other)| other != id);
        Ok(ActorTally {
            kinds,
            counterparts: self.top_actors(counted, COUNTERPARTS)?,
            days,
        })
    }

    pub fn actor_span(&self, id: &str) -> Result<(Option<String>, Option<String>)> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT first_seen, last_seen FROM actor_stats WHERE actor_id = ?1")?;
        Ok(stmt
            .query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .unwrap_or((None, None)))
    }

    /// Actors that take part in at least one event, busiest first.
    pub fn actors(&self) -> Result<Vec<ActorSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.name, a.kind, a.role, s.events AS n, s.first_seen, s.last_seen FROM actor_stats s
             JOIN actors a ON a.id = s.actor_id ORDER BY n DESC, a.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ActorSummary {
                actor: ActorRef {
                    id: r.get(0)?,
                    name: r.get::<_, String>(1)?.into(),
                    kind: r.get::<_, String>(2)?.into(),
                },
                role: r.get(3)?,
                events: r.get(4)?,
                first_seen: r.get(5)?,
                last_seen: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Events dated exactly on `date` (day precision), plus week and month
    /// events that contain it.
    pub fn day(&self, date: NaiveDate) -> Result<(Vec<EventRow>, Vec<EventRow>)> {
        let d = date.to_string();
        let f = Filter {
            from: Some(date),
            to: Some(date),
            ..Filter::default()
        };
        let day = self.events(&f, None, 500)?.events;
        let week = EventDate::week_of(date).date.to_string();
        let month = EventDate::month_of(date).date.to_string();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLS} FROM events e WHERE (e.precision = 'week' AND e.date = ?1) OR (e.precision = 'month' AND e.date = ?2) ORDER BY e.sort_key, e.id"
        ))?;
        let mut wider: Vec<EventRow> = stmt
            .query_map(params![week, month], event_row)?
            .collect::<std::result::Result<_, _>>()?;
        let _ = d;
        self.attach_actors(&mut wider)?;
        Ok((day, wider))
    }

    /// The nearest earlier and later days that have events.
    pub fn adjacent_days(&self, date: NaiveDate) -> Result<(Option<String>, Option<String>)> {
        let d = date.to_string();
        let prev = self
            .conn
            .prepare_cached("SELECT MAX(date) FROM events WHERE precision = 'day' AND date < ?1")?
            .query_row(params![d], |r| r.get(0))?;
        let next = self
            .conn
            .prepare_cached("SELECT MIN(date) FROM events WHERE precision = 'day' AND date > ?1")?
            .query_row(params![d], |r| r.get(0))?;
        Ok((prev, next))
    }

    pub fn articles(&self) -> Result<Vec<ArticleRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT ar.id, ar.path, ar.title, ar.published, ar.inferred_date, ar.date_note,
               (SELECT COUNT(DISTINCT em.event_id) FROM mentions m JOIN event_mentions em ON em.mention_id = m.id WHERE m.article_id = ar.id),
               ar.url
             FROM articles ar ORDER BY COALESCE(ar.published, ar.inferred_date, '~'), ar.id",
        )?;
        let rows = stmt.query_map([], article_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Full-text search over the evidence sentences: the events with a
    /// sentence that matches `q` (each with its best-ranked one) and the
    /// articles those sentences are from (likewise), both by rank (BM25),
    /// at most `limit` of each, with their totals. Matches are marked with
    /// [`MARK_OPEN`] and [`MARK_CLOSE`]. `q` is read by
    /// [`crate::search::fts_query`]: words as prefixes, quoted phrases as
    /// written, all of them required.
    pub fn search(&self, q: &str, limit: usize) -> Result<SearchResults> {
        let Some(m) = crate::search::fts_query(q) else {
            return Ok(SearchResults::default());
        };
        let events_total: i64 = self.conn.query_row(
            "SELECT COUNT(DISTINCT em.event_id) FROM mentions_fts
             JOIN event_mentions em ON em.mention_id = mentions_fts.rowid WHERE mentions_fts MATCH ?1",
            params![m],
            |r| r.get(0),
        )?;
        // Articles match by their whole text once the background indexer
        // has reached them, and by their evidence sentences meanwhile (a
        // sentence is part of its article's text, so a complete index
        // finds them all).
        let progress = search_progress(self.conn)?;
        let articles_total: i64 = self.conn.query_row(
            if progress.complete() {
                "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?1"
            } else {
                "SELECT COUNT(*) FROM (
                    SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1
                    UNION
                    SELECT a.rowid FROM mentions_fts JOIN mentions mm ON mm.id = mentions_fts.rowid
                    JOIN articles a ON a.id = mm.article_id WHERE mentions_fts MATCH ?1)"
            },
            params![m],
            |r| r.get(0),
        )?;
        // One pass over the matching sentences, best first: the first
        // sentence seen of an event or an article is its best.
        let mut by_event: Vec<(String, String, String)> = Vec::new();
        let mut by_sentence: Vec<(String, String)> = Vec::new();
        {
            let (mut events_seen, mut articles_seen) = (HashSet::new(), HashSet::new());
            let mut stmt = self.conn.prepare_cached(
                "SELECT em.event_id, mm.article_id, highlight(mentions_fts, 0, ?1, ?2) FROM mentions_fts
                 JOIN event_mentions em ON em.mention_id = mentions_fts.rowid
                 JOIN mentions mm ON mm.id = mentions_fts.rowid
                 WHERE mentions_fts MATCH ?3 ORDER BY mentions_fts.rank, mm.id",
            )?;
            let mut rows = stmt.query(params![MARK_OPEN.to_string(), MARK_CLOSE.to_string(), m])?;
            while let Some(r) = rows.next()? {
                let (event, article, sentence): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
                if by_event.len() < limit && events_seen.insert(event.clone()) {
                    by_event.push((event, article.clone(), sentence.clone()));
                }
                if by_sentence.len() < limit && articles_seen.insert(article.clone()) {
                    by_sentence.push((article, sentence));
                }
                if by_event.len() >= limit && by_sentence.len() >= limit {
                    break;
                }
            }
        }
        let mut rows = Vec::with_capacity(by_event.len());
        {
            let mut stmt = self
                .conn
                .prepare_cached(&format!("SELECT {EVENT_COLS} FROM events e WHERE e.id = ?1"))?;
            for (id, _, _) in &by_event {
                if let Some(row) = stmt.query_row(params![id], event_row).optional()? {
                    rows.push(row);
                }
            }
        }
        self.attach_actors(&mut rows)?;
        let mut found: HashMap<String, (String, String)> =
            by_event.into_iter().map(|(id, a, s)| (id, (a, s))).collect();
        let events = rows
            .into_iter()
            .filter_map(|event| {
                let (article, evidence) = found.remove(&event.id)?;
                Some(EventHit {
                    event,
                    evidence,
                    article,
                })
            })
            .collect();
        // Best texts first (a word in the title weighs more, see the rank
        // set in migrations/0013), each with its best passage.
        let mut articles: Vec<ArticleHit> = Vec::new();
        {
            // A literal limit (see `day_head`).
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT a.id, a.title, COALESCE(a.published, a.inferred_date),
                        snippet(articles_fts, 1, ?1, ?2, '…', 24)
                 FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
                 WHERE articles_fts MATCH ?3 ORDER BY articles_fts.rank, a.rowid LIMIT {limit}"
            ))?;
            let rows = stmt.query_map(params![MARK_OPEN.to_string(), MARK_CLOSE.to_string(), m], |r| {
                Ok(ArticleHit {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    date: r.get(2)?,
                    snippet: r.get(3)?,
                })
            })?;
            for r in rows {
                articles.push(r?);
            }
        }
        // Then articles found by a sentence only (texts not indexed yet).
        let mut stmt = self
            .conn
            .prepare_cached("SELECT title, COALESCE(published, inferred_date) FROM articles WHERE id = ?1")?;
        for (id, snippet) in by_sentence {
            if articles.len() >= limit {
                break;
            }
            if articles.iter().any(|a| a.id == id) {
                continue;
            }
            if let Some((title, date)) = stmt.query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?))).optional()? {
                articles.push(ArticleHit {
                    id,
                    title,
                    date,
                    snippet,
                });
            }
        }
        Ok(SearchResults {
            events,
            events_total,
            articles,
            articles_total,
            progress,
        })
    }

    /// The events of the most recently ingested articles, newest first, with
    /// the time their newest article was ingested (RFC 3339): the Atom feed.
    pub fn recent_events(&self, limit: usize) -> Result<Vec<(EventRow, String)>> {
        // A literal limit (see `day_head`).
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT em.event_id, ar.ingested_at FROM
               (SELECT id, ingested_at FROM articles ORDER BY ingested_at DESC LIMIT {limit}) ar
             JOIN mentions m ON m.article_id = ar.id JOIN event_mentions em ON em.mention_id = m.id
             ORDER BY ar.ingested_at DESC, em.event_id"
        ))?;
        let mut seen = std::collections::HashSet::new();
        let mut order: Vec<(String, String)> = Vec::new();
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for r in rows {
            let (id, at) = r?;
            if seen.insert(id.clone()) {
                order.push((id, at));
                if order.len() == limit {
                    break;
                }
            }
        }
        let mut out = Vec::with_capacity(order.len());
        for (id, at) in order {
            if let Some(e) = self.event(&id)? {
                out.push((e, at));
            }
        }
        Ok(out)
    }

    /// The id of the article read from the file at `path` (canonical).
    pub fn article_id_for_path(&self, path: &str) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT id FROM articles WHERE path = ?1")?;
        Ok(stmt.query_row(params![path], |r| r.get(0)).optional()?)
    }

    /// What is stored of the file `path` (see [`Store`]'s ingest: size,
    /// time and hash decide whether to read it again).
    pub fn file_state(&self, path: &str) -> Result<Option<FileState>> {
        stored_file_state(self.conn, path)
    }

    pub fn article(&self, id: &str) -> Result<Option<(ArticleRow, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT ar.id, ar.path, ar.title, ar.published, ar.inferred_date, ar.date_note,
               (SELECT COUNT(DISTINCT em.event_id) FROM mentions m JOIN event_mentions em ON em.mention_id = m.id WHERE m.article_id = ar.id),
               ar.url, ar.body
             FROM articles ar WHERE ar.id = ?1",
        )?;
        Ok(stmt
            .query_row(params![id], |r| Ok((article_row(r)?, r.get::<_, String>(8)?)))
            .optional()?)
    }

    /// Mentions of an article with the events they belong to.
    pub fn article_mentions(&self, id: &str) -> Result<Vec<ArticleMention>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, m.sent_start, m.sent_end, m.kind, e.id, e.title FROM mentions m
             JOIN event_mentions em ON em.mention_id = m.id JOIN events e ON e.id = em.event_id
             WHERE m.article_id = ?1 ORDER BY m.sent_start, m.id",
        )?;
        let rows = stmt.query_map(params![id], |r| {
            Ok(ArticleMention {
                mention_id: r.get(0)?,
                start: r.get(1)?,
                end: r.get(2)?,
                kind: r.get(3)?,
                event_id: r.get(4)?,
                event_title: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Events found in one article.
    pub fn article_events(&self, id: &str) -> Result<Vec<EventRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT DISTINCT {EVENT_COLS} FROM events e JOIN event_mentions em ON em.event_id = e.id JOIN mentions m ON m.id = em.mention_id
             WHERE m.article_id = ?1 ORDER BY e.sort_key, e.id"
        ))?;
        let mut rows: Vec<EventRow> = stmt
            .query_map(params![id], event_row)?
            .collect::<std::result::Result<_, _>>()?;
        self.attach_actors(&mut rows)?;
        Ok(rows)
    }

    /// Every event, for export.
    pub fn all_events(&self) -> Result<Vec<EventRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {EVENT_COLS} FROM events e ORDER BY e.sort_key, e.id"))?;
        let mut rows: Vec<EventRow> = stmt.query_map([], event_row)?.collect::<std::result::Result<_, _>>()?;
        for chunk in rows.chunks_mut(200) {
            self.attach_actors(chunk)?;
        }
        Ok(rows)
    }

    pub fn count_events(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT COUNT(*) FROM events")?
            .query_row([], |r| r.get(0))?)
    }

    /// Actor details for a set of ids (export).
    pub fn actor_details(&self) -> Result<HashMap<String, ActorDetail>> {
        let mut aliases: HashMap<String, Vec<String>> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT actor_id, alias FROM actor_aliases ORDER BY actor_id, alias")?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            for r in rows {
                let (a, al) = r?;
                aliases.entry(a).or_default().push(al);
            }
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, kind, role, country, discovered FROM actors")?;
        let rows = stmt.query_map([], |r| {
            Ok(ActorDetail {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                role: r.get(3)?,
                country: r.get(4)?,
                discovered: r.get::<_, i64>(5)? == 1,
                affiliation: None,
                aliases: Vec::new(),
            })
        })?;
        let mut out = HashMap::new();
        for r in rows {
            let mut a = r?;
            let name = a.name.clone();
            a.aliases = aliases
                .remove(&a.id)
                .unwrap_or_default()
                .into_iter()
                .filter(|x| *x != name)
                .collect();
            out.insert(a.id.clone(), a);
        }
        Ok(out)
    }

    /// Does an actor kind string name a kind we know? (guards old rows)
    pub fn known_kind(kind: &str) -> bool {
        ActorKind::parse(kind).is_some()
    }
}

fn article_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ArticleRow> {
    Ok(ArticleRow {
        id: r.get(0)?,
        path: r.get(1)?,
        title: r.get(2)?,
        published: r.get(3)?,
        inferred_date: r.get(4)?,
        date_note: r.get(5)?,
        events: r.get(6)?,
        url: r.get(7)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Migration 0009 fills the new column from event_actors, in order.
    #[test]
    fn event_actor_ids_are_filled_from_the_link_table() {
        let mut conn = Connection::open_in_memory().expect("open");
        migrations().to_version(&mut conn, 8).expect("migrate to 8");
        conn.execute_batch(
            "INSERT INTO events (id, kind, sort_key, date_source, status, title, n_articles, n_mentions, group_key)
               VALUES ('e1', 'call', '2025-01-01', 'explicit', 'held', 't', 1, 1, 'g'),
                      ('e2', 'statement', '~', 'none', 'held', 't', 1, 1, 'g');
             INSERT INTO event_actors (event_id, pos, actor_id) VALUES ('e1', 1, 'b-b'), ('e1', 0, 'a-a');",
        )
        .expect("old rows");
        migrations().to_latest(&mut conn).expect("migrate");
        let ids: Vec<String> = conn
            .prepare("SELECT actor_ids FROM events ORDER BY id")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("read");
        assert_eq!(ids, ["a-a b-b", ""]);
    }

    #[test]
    fn months_between_counts_across_years() {
        assert_eq!(
            months_between("2024-11", "2025-02"),
            Some(vec![
                "2024-11".into(),
                "2024-12".into(),
                "2025-01".into(),
                "2025-02".into()
            ])
        );
        assert_eq!(months_between("2025-03", "2025-03"), Some(vec!["2025-03".into()]));
        assert_eq!(months_between("2025-04", "2025-03"), Some(vec![]));
        assert_eq!(months_between("0000-00", "2025-03"), None);
        assert_eq!(months_between("2025-01", "9999-99"), None);
    }

    /// Migration 0014 copies each event's kind, date and actor ids onto its
    /// event_actors rows.
    #[test]
    fn event_actor_rows_get_their_events_columns() {
        let mut conn = Connection::open_in_memory().expect("open");
        migrations().to_version(&mut conn, 13).expect("migrate to 13");
        conn.execute_batch(
            "INSERT INTO events (id, kind, date, precision, sort_key, date_source, status, title, n_articles, n_mentions, group_key, actor_ids)
               VALUES ('e1', 'call', '2025-01-01', 'day', '2025-01-01', 'explicit', 'held', 't', 1, 1, 'g', 'a-a b-b'),
                      ('e2', 'statement', NULL, NULL, '~', 'none', 'held', 't', 1, 1, 'g', 'a-a');
             INSERT INTO event_actors (event_id, pos, actor_id, sort_key) VALUES
               ('e1', 0, 'a-a', '2025-01-01'), ('e1', 1, 'b-b', '2025-01-01'), ('e2', 0, 'a-a', '~');",
        )
        .expect("old rows");
        migrations().to_latest(&mut conn).expect("migrate");
        let rows: Vec<(String, String, Option<String>, String)> = conn
            .prepare("SELECT event_id, kind, date, actor_ids FROM event_actors ORDER BY event_id, pos")
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                    .collect()
            })
            .expect("read");
        let row = |e: &str, k: &str, d: Option<&str>, a: &str| {
            (e.to_string(), k.to_string(), d.map(String::from), a.to_string())
        };
        assert_eq!(
            rows,
            [
                row("e1", "call", Some("2025-01-01"), "a-a b-b"),
                row("e1", "call", Some("2025-01-01"), "a-a b-b"),
                row("e2", "statement", None, "a-a"),
            ]
        );
    }

    fn index_sql(store: &Store) -> Vec<String> {
        store
            .conn()
            .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("indexes")
    }

    /// Indexes dropped for a bulk load come back exactly as the migrations
    /// made them, even when the writer forgets to restore them.
    #[test]
    fn deferred_indexes_are_built_again_before_commit() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open(&dir.path().join("r.db")).expect("open");
        let before = index_sql(&store);
        assert!(before.iter().any(|s| s.contains("events_sort")), "{before:?}");
        let during = store
            .write(|w| {
                w.defer_indexes(&["events", "mentions"])?;
                Ok(w.tx.query_row(
                    "SELECT COUNT(*) FROM sqlite_master WHERE name = 'events_sort'",
                    [],
                    |r| r.get::<_, i64>(0),
                )?)
            })
            .expect("write");
        assert_eq!(during, 0, "dropped inside the transaction");
        assert_eq!(index_sql(&store), before);
    }

    /// A day's first events are read by one prepared statement, not
    /// prepared again for each day (as a bound LIMIT made SQLite do).
    #[test]
    fn a_day_head_is_prepared_once() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(&dir.path().join("r.db")).expect("open");
        let r = store.reader();
        for d in ["2025-01-01", "2025-01-02", "2025-01-03"] {
            r.day_head(d, 11).expect("read");
        }
        let stmt = r.conn.prepare_cached(&day_head_sql(11)).expect("cached");
        assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
    }

    /// A write made while a reader holds an older snapshot stays in the
    /// log; once the reader is done, a checkpoint copies all of it.
    #[test]
    fn a_checkpoint_copies_what_a_reader_held_back() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("r.db");
        let store = Store::open(&path).expect("open");
        let touch = |n: i64| {
            store
                .conn()
                .execute("UPDATE search_state SET upto = ?1 WHERE id = 1", [n])
                .expect("write")
        };
        touch(1);
        assert!(store.checkpoint().expect("checkpoint"), "nothing holds it back");
        let reader = Connection::open(&path).expect("reader");
        reader.execute_batch("BEGIN").expect("begin");
        let seen: i64 = reader
            .query_row("SELECT upto FROM search_state WHERE id = 1", [], |r| r.get(0))
            .expect("read");
        assert_eq!(seen, 1);
        touch(2);
        assert!(
            !store.checkpoint().expect("checkpoint"),
            "the reader's snapshot holds the log"
        );
        reader.execute_batch("COMMIT").expect("end");
        assert!(
            store.checkpoint().expect("checkpoint"),
            "all copied once the reader is done"
        );
        // The copy is what the next reader reads.
        let later: i64 = Connection::open(&path)
            .and_then(|c| c.query_row("SELECT upto FROM search_state WHERE id = 1", [], |r| r.get(0)))
            .expect("read");
        assert_eq!(later, 2);
    }

    #[test]
    fn past_the_limit_changes_are_not_listed_but_all_touched() {
        let mut c = Changed::default();
        c.may_orphan("ann".into());
        for i in 0..LISTED_GROUPS {
            c.touch(format!("call-{i}"));
        }
        assert!(!c.all);
        assert_eq!((c.groups.len(), c.orphans.len()), (LISTED_GROUPS, 1));
        c.touch("call-one-more".into());
        c.may_orphan("bob".into());
        assert!(c.all);
        assert!(c.groups.is_empty() && c.orphans.is_empty());
    }
}
