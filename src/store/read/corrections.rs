//! Corrections and notes as pages list them: the mirror of the corrections
//! file with what each entry applied to, the file's state, and an event's
//! star, tags and note.

use super::*;

impl ReadConn<'_> {
    /// Every correction and note, newest first.
    pub fn corrections(&self) -> Result<Vec<CorrectionRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT n, target, change, made, made_by, subject, title, entry, applied_to FROM corrections ORDER BY n DESC",
        )?;
        let rows = stmt.query_map([], correction_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// What was wrong with the corrections file at the last ingest that
    /// read it; None when it was read (or there is none).
    pub fn corrections_problem(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT problem FROM corrections_state WHERE id = 1")?
            .query_row([], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten())
    }

    /// An event's star, note and tags.
    pub fn event_note(&self, id: &str) -> Result<EventNote> {
        let (star, note) = self
            .conn
            .prepare_cached("SELECT star, note FROM event_notes WHERE event_id = ?1")?
            .query_row([id], |r| Ok((r.get::<_, bool>(0)?, r.get::<_, Option<String>>(1)?)))
            .optional()?
            .unwrap_or((false, None));
        let mut stmt = self
            .conn
            .prepare_cached("SELECT tag FROM event_tags WHERE event_id = ?1 ORDER BY tag")?;
        let tags = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        Ok(EventNote { star, note, tags })
    }

    /// Every event's star, note and tags, for the exports.
    pub fn all_notes(&self) -> Result<HashMap<String, EventNote>> {
        let mut out: HashMap<String, EventNote> = HashMap::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT event_id, star, note FROM event_notes")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        for r in rows {
            let (id, star, note) = r?;
            let n = out.entry(id).or_default();
            n.star = star;
            n.note = note;
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT event_id, tag FROM event_tags ORDER BY event_id, tag")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for r in rows {
            let (id, tag) = r?;
            out.entry(id).or_default().tags.push(tag);
        }
        Ok(out)
    }

    /// What corrections changed of each event: event id -> the changes
    /// ("date", "kind"...), oldest first.
    pub fn corrected_fields(&self) -> Result<HashMap<String, Vec<String>>> {
        let mut out: HashMap<String, Vec<String>> = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT applied_to, change FROM corrections WHERE target = 'event' AND applied_to IS NOT NULL ORDER BY n",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for r in rows {
            let (id, change) = r?;
            let v = out.entry(id).or_default();
            if !v.contains(&change) {
                v.push(change);
            }
        }
        Ok(out)
    }

    /// Every tag in use, with how many events carry it.
    pub fn tags(&self) -> Result<Vec<(String, i64)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT tag, COUNT(*) FROM event_tags GROUP BY tag ORDER BY tag")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The corrections that apply to an event (by its id now), oldest
    /// first: what its page and twin say was corrected.
    pub fn corrections_of(&self, event_id: &str) -> Result<Vec<CorrectionRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT n, target, change, made, made_by, subject, title, entry, applied_to FROM corrections
             WHERE applied_to = ?1 AND target = 'event' ORDER BY n",
        )?;
        let rows = stmt.query_map([event_id], correction_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The actor an actor was merged into by a correction, if it was.
    pub fn merged_into(&self, actor: &str) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT entry FROM corrections WHERE target = 'actor' AND change = 'merge' AND subject = ?1
             AND applied_to IS NOT NULL ORDER BY n DESC LIMIT 1",
        )?;
        let entry: Option<String> = stmt.query_row([actor], |r| r.get(0)).optional()?;
        Ok(entry
            .and_then(|e| serde_json::from_str::<serde_json::Value>(&e).ok())
            .and_then(|v| v["into"].as_str().map(str::to_string)))
    }
}

fn correction_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CorrectionRow> {
    Ok(CorrectionRow {
        n: r.get(0)?,
        target: r.get(1)?,
        change: r.get(2)?,
        made: r.get(3)?,
        by: r.get(4)?,
        subject: r.get(5)?,
        title: r.get(6)?,
        entry: r.get(7)?,
        applied_to: r.get(8)?,
    })
}
