//! Article writes: articles with what extraction found in them (actors,
//! mentions, unresolved names), their removal, and the look-ups ingest and
//! the timeline make about stored articles.

use super::*;

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
pub(in crate::store) fn stored_file_state(conn: &Connection, path: &str) -> Result<Option<FileState>> {
    let whole = conn
        .prepare_cached("SELECT id, hash, size, mtime FROM articles WHERE path = ?1")?
        .query_row(params![path], |r| file_state(r, 0))
        .optional()?;
    let Some((first, past)) = whole
        .is_none()
        .then(|| crate::reader::jsonl::line_key_range(path))
        .flatten()
    else {
        return Ok(whole);
    };
    Ok(conn
        .prepare_cached("SELECT id, hash, size, mtime FROM articles WHERE path > ?1 AND path < ?2 LIMIT 1")?
        .query_row(params![first, past], |r| file_state(r, 0))
        .optional()?)
}

/// A `FileState` from the columns id, hash, size, mtime starting at `at`.
pub(in crate::store) fn file_state(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<FileState> {
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
    pub(in crate::store) fn forget_mentions(&mut self, id: &str) -> Result<()> {
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
            "INSERT INTO articles (id, path, hash, size, mtime, title, published, inferred_date, date_note, body, sentences, ingested_at, url, outlet)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
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
                a.article.url,
                a.article.outlet.as_deref().or(ex.credit.as_deref())
            ],
        )?;
        self.write_extraction(id, &a.article.body, ex)
    }

    /// Write what was extracted from an article: the people found in it,
    /// its mentions, and the single names it could not resolve.
    pub(in crate::store) fn write_extraction(&mut self, id: &str, body: &str, ex: &Extraction) -> Result<()> {
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
            "INSERT INTO mentions (article_id, kind, date, precision, date_source, status, sent_start, sent_end, trig_start, trig_end, evidence, quote, location, group_key, gist, rank, outlet)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, (SELECT outlet FROM articles WHERE id = ?1))",
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
                group,
                m.gist,
                m.rank
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
}

/// The date note of an article dated by inference, from how.
pub(in crate::store) fn inferred_note(how: &str) -> String {
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
    pub outlet: Option<String>,
}

impl Writer<'_> {
    /// Articles with no published date whose date, if any, was inferred
    /// in one of the ways `redone` names (the `how` of
    /// [`Extraction::inferred_date`]), not from their own text.
    pub fn undated_articles(&self, redone: &[&str]) -> Result<Vec<StoredUndated>> {
        let notes: Vec<String> = redone.iter().map(|how| inferred_note(how)).collect();
        let list = vec!["?"; notes.len()].join(", ");
        let mut stmt = self.tx.prepare(&format!(
            "SELECT id, path, hash, size, mtime, title, body, inferred_date, url, outlet FROM articles
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
                    outlet: r.get(9)?,
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
