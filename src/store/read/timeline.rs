//! The timeline: events by filter and cursor, day heads, day counts.

use super::*;

/// FROM clause, WHERE clause and parameters for a filter, plus the columns
/// that order the timeline. With an actor filter the query is driven by the
/// actor's index range in `event_actors` (already in timeline order), so an
/// actor with few events costs few rows whatever the size of the timeline.
pub(in crate::store) struct FilterSql {
    pub(in crate::store) from: &'static str,
    pub(in crate::store) sql: String,
    pub(in crate::store) params: Vec<String>,
    pub(in crate::store) key: &'static str,
    pub(in crate::store) id: &'static str,
}

pub(in crate::store) fn filter_query(f: &Filter) -> FilterSql {
    let (mut sql, mut params) = filter_sql(f, !f.actors.is_empty());
    let (from, key, id) = match f.actors.first() {
        Some(a) => {
            sql.push_str(" AND fa0.actor_id = ?");
            params.push(a.clone());
            (
                " FROM event_actors fa0 JOIN events e ON e.id = fa0.event_id",
                "fa0.sort_key",
                "fa0.event_id",
            )
        }
        None => (" FROM events e", "e.sort_key", "e.id"),
    };
    // The date range also on the ordering column: the index then serves both
    // the range and the order (sort_key is the date of a dated event).
    if let Some(d) = f.from {
        sql.push_str(&format!(" AND {key} >= ?"));
        params.push(d.to_string());
    }
    if let Some(d) = f.to {
        sql.push_str(&format!(" AND {key} <= ?"));
        params.push(d.to_string());
    }
    FilterSql {
        from,
        sql,
        params,
        key,
        id,
    }
}

pub(in crate::store) fn filter_sql(f: &Filter, first_actor_driven: bool) -> (String, Vec<String>) {
    let mut sql = String::from(" WHERE 1=1");
    let mut p: Vec<String> = Vec::new();
    if !f.kinds.is_empty() {
        sql.push_str(" AND e.kind IN (");
        for (i, k) in f.kinds.iter().enumerate() {
            if i > 0 {
                sql.push(',');
            }
            sql.push('?');
            p.push(k.as_str().to_string());
        }
        sql.push(')');
    }
    if let Some(st) = f.status {
        sql.push_str(" AND e.status = ?");
        p.push(st.as_str().to_string());
    }
    if let Some(t) = &f.tag {
        sql.push_str(" AND e.id IN (SELECT t.event_id FROM event_tags t WHERE t.tag = ?)");
        p.push(t.clone());
    }
    if f.starred {
        sql.push_str(" AND e.id IN (SELECT n.event_id FROM event_notes n WHERE n.star = 1)");
    }
    if let Some(d) = f.from {
        sql.push_str(" AND e.date >= ?");
        p.push(d.to_string());
    }
    if let Some(d) = f.to {
        sql.push_str(" AND e.date <= ?");
        p.push(d.to_string());
    }
    for a in f.actors.iter().skip(usize::from(first_actor_driven)) {
        // '+': look up the event's few actors by its key, not the (possibly
        // long) index range of the actor.
        sql.push_str(" AND EXISTS (SELECT 1 FROM event_actors fa WHERE fa.event_id = e.id AND +fa.actor_id = ?)");
        p.push(a.clone());
    }
    if let Some(q) = f.q.as_deref().filter(|q| !q.trim().is_empty()) {
        // The title as typed, or the words in the evidence sentences
        // (full-text index; see `query::fts_query`).
        let like = format!("%{}%", escape_like(q.trim()));
        p.push(like);
        match crate::store::read::query::fts_query(q) {
            Some(m) => {
                sql.push_str(
                    " AND (e.title LIKE ? ESCAPE '\\' OR e.id IN (SELECT fm.event_id FROM mentions_fts
                       JOIN event_mentions fm ON fm.mention_id = mentions_fts.rowid WHERE mentions_fts MATCH ?))",
                );
                p.push(m);
            }
            None => sql.push_str(" AND e.title LIKE ? ESCAPE '\\'"),
        }
    }
    (sql, p)
}

pub(in crate::store) fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A day count from columns date, kind, precision, status and count.
fn day_count_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DayCount> {
    Ok(DayCount {
        date: dated(r, 0)?,
        kind: typed(r, 1, Kind::parse)?,
        precision: typed(r, 2, Precision::parse)?,
        planned: typed(r, 3, Status::parse)? == Status::Planned,
        events: r.get(4)?,
    })
}

/// A date column that must hold a day.
fn dated(r: &rusqlite::Row<'_>, col: usize) -> rusqlite::Result<NaiveDate> {
    iso_day(r, col)?.ok_or(rusqlite::Error::InvalidColumnType(
        col,
        "date".into(),
        rusqlite::types::Type::Null,
    ))
}

/// The statement of `ReadConn::day_head`.
pub(in crate::store) fn day_head_sql(limit: usize) -> String {
    format!("SELECT {EVENT_COLS} FROM events e WHERE e.date = ?1 AND e.precision = 'day' ORDER BY e.id LIMIT {limit}")
}

impl ReadConn<'_> {
    /// One page of the timeline.
    /// The filter with its actors ordered by how many events they have,
    /// fewest first: the first one drives the query through its index range
    /// and the others are checked per event, so the rarest should lead (two
    /// people who rarely meet would otherwise walk the busier one's whole
    /// history).
    pub(in crate::store) fn rarest_actor_first(&self, f: &Filter) -> Result<Filter> {
        let mut f = f.clone();
        if f.actors.len() > 1 {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT events FROM actor_stats WHERE actor_id = ?1")?;
            let mut counted = Vec::with_capacity(f.actors.len());
            for a in f.actors.drain(..) {
                let n: i64 = stmt.query_row(params![a], |r| r.get(0)).optional()?.unwrap_or(0);
                counted.push((n, a));
            }
            counted.sort();
            f.actors = counted.into_iter().map(|(_, a)| a).collect();
        }
        Ok(f)
    }

    pub fn events(&self, f: &Filter, cursor: Option<(&Cursor, Direction)>, limit: usize) -> Result<EventPage> {
        let FilterSql {
            from,
            mut sql,
            params: mut p,
            key,
            id,
        } = filter_query(&self.rarest_actor_first(f)?);
        let backwards = matches!(cursor, Some((_, Direction::Before)));
        // Newest first walks the same index the other way: "after" a
        // cursor is then below it.
        if let Some((c, dir)) = cursor {
            let op = match (dir, f.newest) {
                (Direction::After, false) | (Direction::Before, true) => ">",
                (Direction::Before, false) | (Direction::After, true) => "<",
            };
            sql.push_str(&format!(" AND ({key}, {id}) {op} (?, ?)"));
            p.push(c.sort_key.clone());
            p.push(c.id.clone());
        }
        let order = if backwards != f.newest { "DESC" } else { "ASC" };
        let full = format!(
            "SELECT {EVENT_COLS}{from}{sql} ORDER BY {key} {order}, {id} {order} LIMIT {}",
            limit + 1
        );
        let mut stmt = self.conn.prepare_cached(&full)?;
        let mut rows: Vec<EventRow> = stmt
            .query_map(params_from_iter(p.iter()), event_row)?
            .collect::<std::result::Result<_, _>>()?;
        let more = rows.len() > limit;
        rows.truncate(limit);
        if backwards {
            rows.reverse();
        }
        self.attach_actors(&mut rows)?;
        let first = rows.first().map(|e| Cursor {
            sort_key: e.sort_key.clone(),
            id: e.id.clone(),
        });
        let last = rows.last().map(|e| Cursor {
            sort_key: e.sort_key.clone(),
            id: e.id.clone(),
        });
        let (next, prev) = match cursor {
            None => (if more { last } else { None }, None),
            Some((_, Direction::After)) => (if more { last } else { None }, first),
            Some((_, Direction::Before)) => (last, if more { first } else { None }),
        };
        Ok(EventPage {
            events: rows,
            next,
            prev,
        })
    }

    /// Events per (date, kind) under a filter, dated events only: the
    /// timeline's histogram. Date and kind filters add up the per-day
    /// counts kept at ingest; others count the matching events.
    pub fn day_counts(&self, f: &Filter) -> Result<Vec<DayCount>> {
        // The per-day counts know kinds and dates, not statuses.
        let by_day = f.actors.is_empty() && f.q.as_deref().is_none_or(|q| q.trim().is_empty()) && !f.by_event_fields();
        if by_day {
            return self.day_counts_kept(f);
        }
        let FilterSql {
            from, sql, params: p, ..
        } = filter_query(&self.rarest_actor_first(f)?);
        let sql = format!(
            "SELECT e.date, e.kind, e.precision, e.status, COUNT(*){from}{sql} AND e.date IS NOT NULL
             GROUP BY e.date, e.kind, e.precision, e.status"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(p.iter()), day_count_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Day counts from those kept at ingest: every event per day and kind
    /// (`day_kinds`), less the planned and week or month ones counted
    /// apart (`day_shapes`), which come as their own rows.
    fn day_counts_kept(&self, f: &Filter) -> Result<Vec<DayCount>> {
        let (range, p) = day_kinds_range(f, true);
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT d.sort_key, d.kind, d.precision, d.status, d.events FROM day_shapes d WHERE 1=1{range}"
        ))?;
        let rows = stmt.query_map(params_from_iter(p.iter()), day_count_row)?;
        for r in rows {
            out.push(r?);
        }
        let mut shaped: rustc_hash::FxHashMap<(NaiveDate, Kind), i64> = Default::default();
        for c in &out {
            *shaped.entry((c.date, c.kind)).or_default() += c.events;
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT d.sort_key, d.kind, d.events FROM day_kinds d WHERE 1=1{range}"
        ))?;
        let rows = stmt.query_map(params_from_iter(p.iter()), |r| {
            Ok((dated(r, 0)?, typed(r, 1, Kind::parse)?, r.get::<_, i64>(2)?))
        })?;
        for r in rows {
            let (date, kind, all) = r?;
            let apart = shaped.get(&(date, kind)).copied().unwrap_or(0);
            if all > apart {
                out.push(DayCount {
                    date,
                    kind,
                    precision: Precision::Day,
                    planned: false,
                    events: all - apart,
                });
            }
        }
        Ok(out)
    }

    /// The first `limit` events of a day-precision date, by id: what an
    /// event page lists as the same day's other events (after leaving
    /// itself out), the same for every event of that day.
    pub fn day_head(&self, date: NaiveDate, limit: usize) -> Result<Vec<EventRow>> {
        // The limit is written into the statement: SQLite prepares a
        // statement with ORDER BY and a bound LIMIT again at every run
        // (a tenth of an event page's time).
        let mut stmt = self.conn.prepare_cached(&day_head_sql(limit))?;
        let mut rows: Vec<EventRow> = stmt
            .query_map(params![date.to_string()], event_row)?
            .collect::<std::result::Result<_, _>>()?;
        self.attach_actors(&mut rows)?;
        Ok(rows)
    }

    /// Events dated exactly on `date` (day precision), plus week and month
    /// events that contain it.
    pub fn day(&self, date: NaiveDate) -> Result<(Vec<EventRow>, Vec<EventRow>)> {
        let d = date.to_string();
        let f = Filter {
            from: Some(date),
            to: Some(date),
            ..Filter::default()
        };
        let day = self.events(&f, None, 500)?.events;
        let week = EventDate::week_of(date).date.to_string();
        let month = EventDate::month_of(date).date.to_string();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLS} FROM events e WHERE (e.precision = 'week' AND e.date = ?1) OR (e.precision = 'month' AND e.date = ?2) ORDER BY e.sort_key, e.id"
        ))?;
        let mut wider: Vec<EventRow> = stmt
            .query_map(params![week, month], event_row)?
            .collect::<std::result::Result<_, _>>()?;
        let _ = d;
        self.attach_actors(&mut wider)?;
        Ok((day, wider))
    }

    /// The nearest earlier and later days that have events.
    pub fn adjacent_days(&self, date: NaiveDate) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
        let d = date.to_string();
        let prev = self
            .conn
            .prepare_cached("SELECT MAX(date) FROM events WHERE precision = 'day' AND date < ?1")?
            .query_row(params![d], |r| iso_day(r, 0))?;
        let next = self
            .conn
            .prepare_cached("SELECT MIN(date) FROM events WHERE precision = 'day' AND date > ?1")?
            .query_row(params![d], |r| iso_day(r, 0))?;
        Ok((prev, next))
    }

    /// The events of the most recently ingested articles, newest first, with
    /// the time their newest article was ingested (RFC 3339): the Atom feed.
    pub fn recent_events(&self, limit: usize) -> Result<Vec<(EventRow, String)>> {
        // A literal limit (see `day_head`).
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT em.event_id, ar.ingested_at FROM
               (SELECT id, ingested_at FROM articles ORDER BY ingested_at DESC LIMIT {limit}) ar
             JOIN mentions m ON m.article_id = ar.id JOIN event_mentions em ON em.mention_id = m.id
             ORDER BY ar.ingested_at DESC, em.event_id"
        ))?;
        let mut seen = std::collections::HashSet::new();
        let mut order: Vec<(String, String)> = Vec::new();
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for r in rows {
            let (id, at) = r?;
            if seen.insert(id.clone()) {
                order.push((id, at));
                if order.len() == limit {
                    break;
                }
            }
        }
        let mut out = Vec::with_capacity(order.len());
        for (id, at) in order {
            if let Some(e) = self.event(&id)? {
                out.push((e, at));
            }
        }
        Ok(out)
    }

    /// Every event, for export.
    pub fn all_events(&self) -> Result<Vec<EventRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {EVENT_COLS} FROM events e ORDER BY e.sort_key, e.id"))?;
        let mut rows: Vec<EventRow> = stmt.query_map([], event_row)?.collect::<std::result::Result<_, _>>()?;
        for chunk in rows.chunks_mut(200) {
            self.attach_actors(chunk)?;
        }
        Ok(rows)
    }
}
