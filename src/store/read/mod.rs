//! The query side: a pool of read-only connections and the `ReadConn` that
//! answers pages and exports. Readers never write.

mod actor;
mod article;
mod corrections;
mod event;
mod facets;
pub mod query;
pub mod rows;
mod search;
mod timeline;

use super::*;
// Items the parts share, visible to each other.
pub(in crate::store) use facets::*;
use rows::*;
pub(in crate::store) use timeline::*;

/// Address space each read connection maps (a limit, not memory used).
pub(in crate::store) const READ_MMAP_BYTES: i64 = 4 << 30;

/// A pool of read-only connections for the web layer.
pub struct ReadPool {
    pub(in crate::store) path: PathBuf,
    pub(in crate::store) idle: Mutex<Vec<(Connection, RefCell<ActorNames>)>>,
    /// Address space each connection maps of the database file.
    pub(in crate::store) mmap: i64,
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
    pub fn with<T>(&self, f: impl FnOnce(&ReadConn<'_>) -> Result<T>) -> Result<T> {
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
        let out = f(&ReadConn {
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

/// Read queries, on any connection.
pub struct ReadConn<'c> {
    pub(in crate::store) conn: &'c Connection,
    pub(in crate::store) names: &'c RefCell<ActorNames>,
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
    pub(in crate::store) version: Option<i64>,
    pub(in crate::store) map: rustc_hash::FxHashMap<String, (std::sync::Arc<str>, ActorKind)>,
    pub(in crate::store) months: MonthCounts,
}

impl ActorNames {
    /// Forget everything read: the database may have changed.
    pub(in crate::store) fn clear(&mut self) {
        self.map.clear();
        self.months = MonthCounts::default();
    }
}

/// `ids` as actors, named from `names` or else by `look_up` (and kept in
/// `names`); empty and unknown ids are left out. Names are shared, not
/// copied: a page names a hundred actors or more.
pub(in crate::store) fn named<'i>(
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
                let found: Option<(std::sync::Arc<str>, ActorKind)> = look_up
                    .query_row(params![id], |r| {
                        Ok((r.get::<_, String>(0)?.into(), typed(r, 1, ActorKind::parse)?))
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

impl ReadConn<'_> {
    /// The actors of event rows (which carry only their ids), named from
    /// what this connection keeps. An id with no actor row (none is
    /// expected) is left out, as a join would.
    pub(in crate::store) fn attach_actors(&self, rows: &mut [EventRow]) -> Result<()> {
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
    pub(in crate::store) fn name_actors<'i>(&self, ids: impl IntoIterator<Item = &'i str>) -> Result<Vec<ActorRef>> {
        let mut names = self.names.borrow_mut();
        let mut look_up = self
            .conn
            .prepare_cached("SELECT name, kind FROM actors WHERE id = ?1")?;
        named(&mut names, &mut look_up, ids)
    }

    pub fn count_events(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT COUNT(*) FROM events")?
            .query_row([], |r| r.get(0))?)
    }
}
