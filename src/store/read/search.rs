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
        self.search_within(q, &Filter::default(), limit)
    }

    /// `search`, its events and sentences narrowed to the kinds and dates
    /// of `within`, its articles to its dates (an article's own date).
    pub fn search_within(&self, q: &str, within: &Filter, limit: usize) -> Result<SearchResults> {
        let Some(m) = crate::store::read::query::fts_query(q) else {
            return Ok(SearchResults::default());
        };
        // Conditions on the events (`e`) and on the articles (`a`), with
        // their parameters after the match expression (?1).
        // Numbered, so that a condition written twice (the UNION below)
        // takes the same values.
        let mut on_events = String::new();
        let mut event_params: Vec<String> = vec![m.clone()];
        if !within.kinds.is_empty() {
            let mut marks = Vec::new();
            for k in &within.kinds {
                event_params.push(k.as_str().to_string());
                marks.push(format!("?{}", event_params.len()));
            }
            on_events.push_str(&format!(" AND e.kind IN ({})", marks.join(",")));
        }
        if let Some(st) = within.status {
            event_params.push(st.as_str().to_string());
            on_events.push_str(&format!(" AND e.status = ?{}", event_params.len()));
        }
        let mut on_articles = String::new();
        let mut article_params: Vec<String> = vec![m.clone()];
        for (bound, op) in [(within.from, ">="), (within.to, "<=")] {
            if let Some(d) = bound {
                event_params.push(d.to_string());
                on_events.push_str(&format!(" AND e.date {op} ?{}", event_params.len()));
                article_params.push(d.to_string());
                on_articles.push_str(&format!(
                    " AND COALESCE(a.published, a.inferred_date) {op} ?{}",
                    article_params.len()
                ));
            }
        }
        let events_total: i64 = self
            .conn
            .prepare_cached(&format!(
                "SELECT COUNT(DISTINCT em.event_id) FROM mentions_fts
             JOIN event_mentions em ON em.mention_id = mentions_fts.rowid
             JOIN events e ON e.id = em.event_id WHERE mentions_fts MATCH ?1{on_events}"
            ))?
            .query_row(params_from_iter(event_params.iter()), |r| r.get(0))?;
        // Articles match by their whole text once the background indexer
        // has reached them, and by their evidence sentences meanwhile (a
        // sentence is part of its article's text, so a complete index
        // finds them all).
        let progress = search_progress(self.conn)?;
        let by_text = format!(
            "SELECT a.rowid FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
             WHERE articles_fts MATCH ?1{on_articles}"
        );
        let articles_total: i64 = self
            .conn
            .prepare_cached(&if progress.complete() {
                format!("SELECT COUNT(*) FROM ({by_text})")
            } else {
                format!(
                    "SELECT COUNT(*) FROM ({by_text}
                     UNION
                     SELECT a.rowid FROM mentions_fts JOIN mentions mm ON mm.id = mentions_fts.rowid
                     JOIN articles a ON a.id = mm.article_id WHERE mentions_fts MATCH ?1{on_articles})"
                )
            })?
            .query_row(params_from_iter(article_params.iter()), |r| r.get(0))?;
        // One pass over the matching sentences, best first: the first
        // sentence seen of an event or an article is its best.
        let mut by_event: Vec<(String, String, String)> = Vec::new();
        let mut by_sentence: Vec<(String, String)> = Vec::new();
        // Each sentence once: (article, marked sentence, its event ids).
        let mut sentences: Vec<(String, String, Vec<String>)> = Vec::new();
        {
            let (mut events_seen, mut articles_seen) = (HashSet::new(), HashSet::new());
            // (article, sentence start) → its place in `sentences`.
            let mut sentence_at: HashMap<(String, i64), usize> = HashMap::new();
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT em.event_id, mm.article_id, mm.sent_start, highlight(mentions_fts, 0, '{MARK_OPEN}', '{MARK_CLOSE}')
                 FROM mentions_fts
                 JOIN event_mentions em ON em.mention_id = mentions_fts.rowid
                 JOIN events e ON e.id = em.event_id
                 JOIN mentions mm ON mm.id = mentions_fts.rowid
                 WHERE mentions_fts MATCH ?1{on_events} ORDER BY mentions_fts.rank, mm.id"
            ))?;
            let mut rows = stmt.query(params_from_iter(event_params.iter()))?;
            while let Some(r) = rows.next()? {
                let (event, article, start, sentence): (String, String, i64, String) =
                    (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
                match sentence_at.get(&(article.clone(), start)) {
                    Some(&i) if !sentences[i].2.contains(&event) => sentences[i].2.push(event.clone()),
                    Some(_) => {}
                    None if sentences.len() < limit => {
                        sentence_at.insert((article.clone(), start), sentences.len());
                        sentences.push((article.clone(), sentence.clone(), vec![event.clone()]));
                    }
                    None => {}
                }
                if by_event.len() < limit && events_seen.insert(event.clone()) {
                    by_event.push((event, article.clone(), sentence.clone()));
                }
                if by_sentence.len() < limit && articles_seen.insert(article.clone()) {
                    by_sentence.push((article, sentence));
                }
                // Full: the rows left rank lower (the mentions of one
                // sentence share its rank, so its events came together).
                if by_event.len() >= limit && by_sentence.len() >= limit && sentences.len() >= limit {
                    break;
                }
            }
        }
        // Every event named, read once.
        let mut rows = Vec::with_capacity(by_event.len());
        {
            let mut wanted: Vec<&str> = by_event.iter().map(|(id, _, _)| id.as_str()).collect();
            for (_, _, ids) in &sentences {
                wanted.extend(ids.iter().map(String::as_str));
            }
            let mut seen = HashSet::new();
            let mut stmt = self
                .conn
                .prepare_cached(&format!("SELECT {EVENT_COLS} FROM events e WHERE e.id = ?1"))?;
            for id in wanted {
                if seen.insert(id) {
                    if let Some(row) = stmt.query_row(params![id], event_row).optional()? {
                        rows.push(row);
                    }
                }
            }
        }
        self.attach_actors(&mut rows)?;
        let by_id: HashMap<String, EventRow> = rows.iter().map(|e| (e.id.clone(), e.clone())).collect();
        let sentences = sentences
            .into_iter()
            .map(|(article, sentence, ids)| SentenceHit {
                sentence,
                article,
                events: ids.iter().filter_map(|id| by_id.get(id).cloned()).collect(),
            })
            .collect();
        rows.retain(|e| by_event.iter().any(|(id, _, _)| *id == e.id));
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
                        snippet(articles_fts, 1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', 24)
                 FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
                 WHERE articles_fts MATCH ?1{on_articles} ORDER BY articles_fts.rank, a.rowid LIMIT {limit}"
            ))?;
            let rows = stmt.query_map(params_from_iter(article_params.iter()), |r| {
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
            let found: Option<(String, Option<NaiveDate>)> = stmt
                .query_row(params![id], |r| Ok((r.get(0)?, iso_day(r, 1)?)))
                .optional()?;
            // The article's own date within the filter's.
            let inside = |d: Option<NaiveDate>| {
                within.from.is_none_or(|f| d.is_some_and(|d| d >= f))
                    && within.to.is_none_or(|t| d.is_some_and(|d| d <= t))
            };
            if let Some((title, date)) = found.filter(|(_, d)| inside(*d)) {
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
            sentences,
            articles,
            articles_total,
            progress,
        })
    }
}
