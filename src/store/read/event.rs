//! One event: its row, evidence, other dates and neighbours.

use super::*;

impl ReadConn<'_> {
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
            "SELECT m.id, ar.id, ar.title, ar.published, ar.inferred_date, m.evidence, m.sent_start, m.sent_end, m.date_source, m.date, m.status, m.rank, ar.outlet, ar.url
             FROM event_mentions em JOIN mentions m ON m.id = em.mention_id JOIN articles ar ON ar.id = m.article_id
             WHERE em.event_id = ?1 ORDER BY COALESCE(ar.published, ar.inferred_date, '~'), ar.id, m.sent_start",
        )?;
        let rows = stmt.query_map(params![event_id], |r| {
            Ok(Evidence {
                mention_id: r.get(0)?,
                article: r.get(1)?,
                article_title: r.get(2)?,
                published: iso_day(r, 3)?,
                inferred_date: iso_day(r, 4)?,
                sentence: r.get(5)?,
                start: r.get(6)?,
                end: r.get(7)?,
                date_source: typed(r, 8, DateSource::parse)?,
                mention_date: iso_day(r, 9)?,
                status: typed(r, 10, Status::parse)?,
                rank: r.get(11)?,
                outlet: r.get(12)?,
                url: r.get(13)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The same kind of event between the same actors within a week on
    /// either side: where sources disagree on the date, both are kept and
    /// each event page points to the other.
    pub fn date_variants(&self, ev: &EventRow) -> Result<Vec<EventRow>> {
        let Some(EventDate {
            date,
            precision: Precision::Day,
        }) = ev.date
        else {
            return Ok(Vec::new());
        };
        let date = date.to_string();
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
}
