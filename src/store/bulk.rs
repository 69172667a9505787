//! Bulk-load tuning: journal mode for a first load, indexes and search
//! triggers deferred and built once from sorted rows, checkpoints.

use super::*;

impl Store {
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
}

impl Writer<'_> {
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
}
