//! Articles: the list, one article with its mentions and events, and the
//! stored state of a file.

use super::*;

impl ReadConn<'_> {
    pub fn articles(&self) -> Result<Vec<ArticleRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT ar.id, ar.path, ar.title, ar.published, ar.inferred_date, ar.date_note,
               (SELECT COUNT(DISTINCT em.event_id) FROM mentions m JOIN event_mentions em ON em.mention_id = m.id WHERE m.article_id = ar.id),
               ar.url, ar.outlet
             FROM articles ar ORDER BY COALESCE(ar.published, ar.inferred_date, '~'), ar.id",
        )?;
        let rows = stmt.query_map([], article_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
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
               ar.url, ar.outlet, ar.body
             FROM articles ar WHERE ar.id = ?1",
        )?;
        Ok(stmt
            .query_row(params![id], |r| Ok((article_row(r)?, r.get::<_, String>(9)?)))
            .optional()?)
    }

    /// Mentions of an article with the events they belong to.
    pub fn article_mentions(&self, id: &str) -> Result<Vec<ArticleMention>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, m.sent_start, m.sent_end, m.kind, e.id, e.title, m.rank FROM mentions m
             JOIN event_mentions em ON em.mention_id = m.id JOIN events e ON e.id = em.event_id
             WHERE m.article_id = ?1 ORDER BY m.sent_start, m.id",
        )?;
        let rows = stmt.query_map(params![id], |r| {
            Ok(ArticleMention {
                mention_id: r.get(0)?,
                start: r.get(1)?,
                end: r.get(2)?,
                kind: typed(r, 3, Kind::parse)?,
                event_id: r.get(4)?,
                event_title: r.get(5)?,
                rank: r.get(6)?,
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
}
