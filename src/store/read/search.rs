//! Search: events by the words of their evidence, articles by their text.

use super::*;

impl ReadConn<'_> {
    /// Full-text search over the evidence sentences: the events with a
    /// sentence that matches `q` (each with its best-ranked one) and the
    /// articles those sentences are from (likewise), both by rank (BM25),
    /// at most `limit` of each, with their totals. Matches are marked with
    /// [`MARK_OPEN`] and [`MARK_CLOSE`]. `q` is read by
    /// [`crate::store::read::query::fts_query`]: words as prefixes, quoted phrases as
    /// written, all of them required.
    pub fn search(&self, q: &str, limit: usize) -> Result<SearchResults> {
        let Some(m) = crate::store::read::query::fts_query(q) else {
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
                    date: iso_day(r, 2)?,
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
            if let Some((title, date)) = stmt
                .query_row(params![id], |r| Ok((r.get(0)?, iso_day(r, 1)?)))
                .optional()?
            {
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
}
