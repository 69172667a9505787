//! Full-text search of article texts, filled in batches between ingests
//! (migrations/0013 holds the invariant kept).

use super::*;

impl Store {
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
    /// (one transaction each); returns how many were indexed. (The server
    /// indexes a batch between wakes instead: `serve`.)
    #[cfg(any(test, feature = "test-support"))]
    pub fn index_all_articles(&mut self, batch: usize) -> Result<usize> {
        let mut total = 0;
        loop {
            match self.write(|w| w.index_articles(batch))? {
                0 => return Ok(total),
                n => total += n,
            }
        }
    }
}

impl Writer<'_> {
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
}

/// How many article texts the search index holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
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

pub(in crate::store) fn search_progress(conn: &Connection) -> Result<SearchProgress> {
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
