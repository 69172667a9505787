//! Per-actor, per-kind, per-day and per-month counts of events, kept so
//! that pages never count rows: rebuilt whole after a full rewrite, or moved
//! by the events removed and added.

use super::*;

impl Writer<'_> {
    /// After a full rebuild: every per-actor, per-kind, per-day and
    /// per-month count, aggregated from the tables just written (SQLite's
    /// sorter spills to temporary files past its memory budget, so this
    /// stays within bounds at any size), in key order.
    pub fn rebuild_counts(&mut self) -> Result<()> {
        self.tx.execute_batch(
            "DELETE FROM actor_stats; DELETE FROM kind_stats; DELETE FROM day_kinds;
             DELETE FROM day_actors; DELETE FROM month_actors; DELETE FROM day_shapes;
             INSERT INTO day_shapes (sort_key, kind, precision, status, events)
               SELECT sort_key, kind, precision, status, COUNT(*) FROM events
               WHERE date IS NOT NULL AND (precision != 'day' OR status != 'held')
               GROUP BY sort_key, kind, precision, status;
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
}

/// Changes to the per-kind, per-day and per-month counts, from events
/// removed and added.
#[derive(Default)]
pub(in crate::store) struct CountDelta {
    pub(in crate::store) kinds: HashMap<String, i64>,
    /// (sort key, kind, actor or "" for the day's kind count) -> change.
    pub(in crate::store) days: HashMap<(String, String, String), i64>,
    /// (sort key, kind, precision, status) of events that are not held
    /// day events -> change (`day_shapes`).
    pub(in crate::store) shapes: HashMap<(String, String, &'static str, &'static str), i64>,
}

impl CountDelta {
    /// Count out the stored events of the marked groups.
    pub(in crate::store) fn remove_marked(&mut self, tx: &Transaction<'_>) -> Result<()> {
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
        let mut stmt = tx.prepare_cached(
            "SELECT e.sort_key, e.kind, e.precision, e.status, COUNT(*) FROM events e
             WHERE e.group_key IN (SELECT key FROM merge_groups)
               AND e.date IS NOT NULL AND (e.precision != 'day' OR e.status != 'held')
             GROUP BY e.sort_key, e.kind, e.precision, e.status",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                typed(r, 2, Precision::parse)?,
                typed(r, 3, Status::parse)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        for r in rows {
            let (day, kind, precision, status, n) = r?;
            *self
                .shapes
                .entry((day, kind, precision.as_str(), status.as_str()))
                .or_default() -= n;
        }
        Ok(())
    }

    /// Count in one event.
    pub(in crate::store) fn add(&mut self, e: &MergedEvent) {
        let day = sort_key(e.date);
        let kind = e.kind.as_str().to_string();
        *self.days.entry((day.clone(), kind.clone(), String::new())).or_default() += 1;
        for a in &e.actors {
            *self.days.entry((day.clone(), kind.clone(), a.clone())).or_default() += 1;
        }
        if let Some(d) = e
            .date
            .filter(|d| d.precision != Precision::Day || e.status != Status::Held)
        {
            *self
                .shapes
                .entry((day.clone(), kind.clone(), d.precision.as_str(), e.status.as_str()))
                .or_default() += 1;
        }
        *self.kinds.entry(kind).or_default() += 1;
    }

    /// Write the changes; counts that reach zero go.
    pub(in crate::store) fn apply(&self, tx: &Transaction<'_>) -> Result<()> {
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
        let mut up = tx.prepare_cached(
            "INSERT INTO day_shapes (sort_key, kind, precision, status, events) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(sort_key, kind, precision, status) DO UPDATE SET events = events + excluded.events",
        )?;
        for ((day, kind, precision, status), n) in self.shapes.iter().filter(|(_, n)| **n != 0) {
            up.execute(params![day, kind, precision, status, n])?;
        }
        tx.execute("DELETE FROM day_shapes WHERE events <= 0", [])?;
        Ok(())
    }
}
