//! Facets and the network: counts by kind, actor, day and month for a
//! filter, read from the count tables where the filter allows.

use super::*;

/// Rows of `month_actors` by month, as read by one connection: a timeline
/// over a year with no actor adds up about 15,000 of them for its actor
/// facet, which took milliseconds through SQL each time and takes tens of
/// microseconds from here.
#[derive(Default)]
pub(in crate::store) struct MonthCounts {
    /// Month ('YYYY-MM') -> (kind's place in `Kind::ALL`, or `u8::MAX` for
    /// a kind this build does not know; actor's place in `ids`; events).
    /// A month read and found empty is kept empty.
    pub(in crate::store) months: rustc_hash::FxHashMap<String, Vec<(u8, u32, i64)>>,
    pub(in crate::store) ids: Vec<String>,
    pub(in crate::store) index: rustc_hash::FxHashMap<String, u32>,
}

/// The months from `first` to `last` ('YYYY-MM', inclusive), or None if
/// either is not a month.
pub(in crate::store) fn months_between(first: &str, last: &str) -> Option<Vec<String>> {
    let parse = |m: &str| -> Option<(i32, u32)> {
        let (y, mo) = m.split_once('-')?;
        let (y, mo) = (y.parse().ok()?, mo.parse().ok()?);
        (y > 0 && (1..=12).contains(&mo) && m.len() == 7).then_some((y, mo))
    };
    let (mut y, mut m) = parse(first)?;
    let end = parse(last)?;
    let mut out = Vec::new();
    while (y, m) <= end {
        out.push(format!("{y:04}-{m:02}"));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    Some(out)
}

/// The first and last whole months ("YYYY-MM") inside a date range; an open
/// end leaves that side open (None there with Some on the other side means
/// "from the beginning" or "to the end").
pub(in crate::store) fn whole_months(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> (Option<String>, Option<String>) {
    use chrono::Datelike;
    let month = |d: NaiveDate| format!("{:04}-{:02}", d.year(), d.month());
    let first = match from {
        Some(d) if d.day() == 1 => Some(month(d)),
        Some(d) => d.checked_add_months(chrono::Months::new(1)).map(month),
        None => Some("0000-00".to_string()),
    };
    let last = match to {
        Some(d) if d.succ_opt().is_none_or(|n| n.month() != d.month()) => Some(month(d)),
        Some(d) => d.checked_sub_months(chrono::Months::new(1)).map(month),
        None => Some("9999-99".to_string()),
    };
    (first, last)
}

/// The tally's query for a filter on one actor (with kinds and dates, no
/// words), read from event_actors alone: the same events as
/// `filter_query` selects, with the conditions of `filter_sql` on the
/// copies of the events' columns.
pub(in crate::store) fn tally_by_actor(f: &Filter) -> Option<(String, Vec<String>)> {
    let [actor] = f.actors.as_slice() else {
        return None;
    };
    // Its rows carry kinds and dates, not statuses.
    if f.q.as_deref().is_some_and(|q| !q.trim().is_empty()) || f.by_event_fields() {
        return None;
    }
    let mut sql = String::from(
        "SELECT fa0.kind, fa0.actor_ids, fa0.date, fa0.precision, fa0.status FROM event_actors fa0 WHERE fa0.actor_id = ?",
    );
    let mut p = vec![actor.clone()];
    if !f.kinds.is_empty() {
        let marks: Vec<&str> = f.kinds.iter().map(|_| "?").collect();
        sql.push_str(&format!(" AND fa0.kind IN ({})", marks.join(",")));
        p.extend(f.kinds.iter().map(|k| k.as_str().to_string()));
    }
    // The range on the index's sort key, and on the date so that undated
    // events ('~') stay out as they do in `filter_sql`.
    if let Some(d) = f.from {
        sql.push_str(" AND fa0.sort_key >= ? AND fa0.date >= ?");
        p.extend([d.to_string(), d.to_string()]);
    }
    if let Some(d) = f.to {
        sql.push_str(" AND fa0.sort_key <= ? AND fa0.date <= ?");
        p.extend([d.to_string(), d.to_string()]);
    }
    Some((sql, p))
}

/// Conditions on `day_kinds d` for a filter's dates and kinds, with their
/// parameters. Date bounds exclude undated events ('~'), as `e.date` does,
/// and so does `dated_only`. One upper bound only: given two, SQLite may take
/// '~' for the index range and scan every day after the lower bound.
pub(in crate::store) fn day_kinds_range(f: &Filter, dated_only: bool) -> (String, Vec<String>) {
    let mut sql = String::new();
    let mut p: Vec<String> = Vec::new();
    if let Some(d) = f.from {
        sql.push_str(" AND d.sort_key >= ?");
        p.push(d.to_string());
    }
    match f.to {
        Some(d) => {
            sql.push_str(" AND d.sort_key <= ?");
            p.push(d.to_string());
        }
        None if dated_only => sql.push_str(" AND d.sort_key < '~'"),
        None => {}
    }
    if !f.kinds.is_empty() {
        let marks: Vec<&str> = f.kinds.iter().map(|_| "?").collect();
        sql.push_str(&format!(" AND d.kind IN ({})", marks.join(",")));
        p.extend(f.kinds.iter().map(|k| k.as_str().to_string()));
    }
    (sql, p)
}

/// The shapes a histogram draws apart: precision, and planned or not.
const SHAPES: [(Precision, bool); 6] = [
    (Precision::Day, false),
    (Precision::Day, true),
    (Precision::Week, false),
    (Precision::Week, true),
    (Precision::Month, false),
    (Precision::Month, true),
];

/// Day counters per date: one per shape and kind.
const SLOTS: usize = SHAPES.len() * 4;

/// The index in `SHAPES` of a stored precision and status.
fn shape_slot(precision: Option<&str>, status: &str) -> usize {
    let p = match precision {
        Some("week") => 1,
        Some("month") => 2,
        _ => 0,
    };
    p * 2 + usize::from(status == "planned")
}

/// What `ReadConn::own_side` has read of actors: kind, country and
/// affiliation, by id.
#[derive(Default)]
pub(in crate::store) struct OwnSides(rustc_hash::FxHashMap<String, Option<SideFacts>>);

/// An actor's kind, country and affiliation.
type SideFacts = (ActorKind, Option<String>, Option<String>);

/// Actors listed in the actor facet.
pub(in crate::store) const FACET_ACTORS: usize = 20;

/// (count, actor id) pairs, before they are ranked and named.
pub(in crate::store) type Counted = Vec<(i64, String)>;

/// What one pass over a filter's events counts.
pub(in crate::store) struct Tally {
    /// Events by kind, in the alphabetical order of their words.
    pub(in crate::store) kinds: Vec<(Kind, i64)>,
    pub(in crate::store) actors: Counted,
    /// Events per day and kind, dated events only.
    pub(in crate::store) days: Vec<DayCount>,
}

impl ReadConn<'_> {
    /// Facet counts under the current filters.
    pub fn facets(&self, f: &Filter) -> Result<Facets> {
        self.facets_counting(f, false)
    }

    /// Facets, and events per (date, kind) when they come from the same
    /// pass over the events (`Facets::days`): what the timeline page needs.
    pub fn facets_and_days(&self, f: &Filter) -> Result<Facets> {
        self.facets_counting(f, true)
    }

    pub(in crate::store) fn facets_counting(&self, f: &Filter, days: bool) -> Result<Facets> {
        let by_day = f.actors.is_empty()
            && !f.by_event_fields()
            && f.q.as_deref().is_none_or(|q| q.trim().is_empty())
            && (f.from.is_some() || f.to.is_some() || !f.kinds.is_empty());
        if by_day {
            return self.facets_by_day(f);
        }
        if *f == Filter::default() {
            return self.facets_unfiltered();
        }
        let Tally {
            kinds,
            actors,
            days: day_counts,
        } = self.tally(f, days)?;
        // Every event has one kind: the kind counts add up to the total.
        let total: i64 = kinds.iter().map(|(_, n)| n).sum();
        let actors = self.top_actors(actors, FACET_ACTORS)?;
        Ok(Facets {
            kinds,
            actors,
            total,
            days: days.then_some(day_counts),
        })
    }

    /// Kind counts (by kind) and actor counts (count, actor id) of the
    /// events a filter matches: one row per event, with its kind and actor
    /// ids, counted here rather than by joining every event to its actors
    /// in SQL.
    pub(in crate::store) fn tally(&self, f: &Filter, with_days: bool) -> Result<Tally> {
        let (select, p) = match tally_by_actor(f) {
            // One actor: its index range in event_actors covers what is
            // counted (migration 0014), no event is looked up.
            Some(fast) => fast,
            None => {
                let FilterSql { from, sql, params, .. } = filter_query(&self.rarest_actor_first(f)?);
                (
                    format!("SELECT e.kind, e.actor_ids, e.date, e.precision, e.status{from}{sql}"),
                    params,
                )
            }
        };
        let mut kind_counts: rustc_hash::FxHashMap<String, i64> = Default::default();
        let mut actor_counts: rustc_hash::FxHashMap<String, i64> = Default::default();
        // By date, one counter per shape and kind (`shape_slot`): one
        // allocation per new date, none per event.
        let mut day_counts: rustc_hash::FxHashMap<String, [i64; SLOTS]> = Default::default();
        let mut stmt = self.conn.prepare_cached(&select)?;
        let mut rows = stmt.query(params_from_iter(p.iter()))?;
        while let Some(r) = rows.next()? {
            let kind = r.get_ref(0)?.as_str().map_err(text_error(0))?;
            if with_days {
                let date = r.get_ref(2)?.as_str_or_null().map_err(text_error(2))?;
                let k = Kind::ALL.iter().position(|x| x.as_str() == kind);
                if let (Some(date), Some(k)) = (date, k) {
                    let slot = shape_slot(
                        r.get_ref(3)?.as_str_or_null().map_err(text_error(3))?,
                        r.get_ref(4)?.as_str().map_err(text_error(4))?,
                    ) * 4
                        + k;
                    match day_counts.get_mut(date) {
                        Some(c) => c[slot] += 1,
                        None => {
                            let mut c = [0; SLOTS];
                            c[slot] = 1;
                            day_counts.insert(date.to_string(), c);
                        }
                    }
                }
            }
            match kind_counts.get_mut(kind) {
                Some(n) => *n += 1,
                None => {
                    kind_counts.insert(kind.to_string(), 1);
                }
            }
            for id in r.get_ref(1)?.as_str().map_err(text_error(1))?.split(' ') {
                match actor_counts.get_mut(id) {
                    Some(n) => *n += 1,
                    None if id.is_empty() => {}
                    None => {
                        actor_counts.insert(id.to_string(), 1);
                    }
                }
            }
        }
        // Words become types once per kind and per day, not per event.
        let mut kinds = kind_counts
            .into_iter()
            .map(|(k, n)| Ok((parse_kind(&k)?, n)))
            .collect::<Result<Vec<_>>>()?;
        kinds.sort_unstable_by_key(|(k, _)| k.as_str());
        let mut days = Vec::new();
        for (d, c) in day_counts {
            let date =
                crate::model::parse_iso(&d).ok_or_else(|| StoreError::Corrupt(format!("not an ISO date {d:?}")))?;
            days.extend(c.iter().enumerate().filter(|(_, n)| **n > 0).map(|(slot, &events)| {
                let (precision, planned) = SHAPES[slot / 4];
                DayCount {
                    date,
                    kind: Kind::ALL[slot % 4],
                    precision,
                    planned,
                    events,
                }
            }));
        }
        Ok(Tally {
            kinds,
            actors: actor_counts.into_iter().map(|(id, n)| (n, id)).collect(),
            days,
        })
    }

    /// Facets of a filter on dates and kinds only, added up from the
    /// per-day counts kept at ingest (a year of events is a few thousand
    /// rows instead of every event and its actors).
    pub(in crate::store) fn facets_by_day(&self, f: &Filter) -> Result<Facets> {
        let (range, p) = day_kinds_range(f, f.from.is_some());
        let sql = format!(" WHERE 1=1{range}");
        let mut kinds = Vec::new();
        {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT d.kind, SUM(d.events) FROM day_kinds d{sql} GROUP BY d.kind ORDER BY d.kind"
            ))?;
            let rows = stmt.query_map(params_from_iter(p.iter()), kind_count_row)?;
            for r in rows {
                kinds.push(r?);
            }
        }
        let total = kinds.iter().map(|(_, n)| n).sum();
        // Actors: whole months inside the range from the month counts, the
        // days before and after them from the day counts.
        let (first_month, last_month) = whole_months(f.from, f.to);
        let mut sums: rustc_hash::FxHashMap<String, i64> = Default::default();
        let mut parts = Vec::new();
        let mut ap: Vec<String> = Vec::new();
        let kinds_sql = |ap: &mut Vec<String>, col: &str| {
            if f.kinds.is_empty() {
                return String::new();
            }
            let marks: Vec<&str> = f.kinds.iter().map(|_| "?").collect();
            ap.extend(f.kinds.iter().map(|k| k.as_str().to_string()));
            format!(" AND {col}.kind IN ({})", marks.join(","))
        };
        // Days between bounds given with their operators; dated days only,
        // with a single upper bound (see above).
        let day_part = |ap: &mut Vec<String>, lo: Option<(&str, String)>, hi: Option<(&str, String)>| {
            let mut w = String::from("SELECT d.actor_id, d.events FROM day_actors d WHERE 1=1");
            if let Some((op, lo)) = lo {
                w.push_str(&format!(" AND d.sort_key {op} ?"));
                ap.push(lo);
            }
            match hi {
                Some((op, hi)) => {
                    w.push_str(&format!(" AND d.sort_key {op} ?"));
                    ap.push(hi);
                }
                None => w.push_str(" AND d.sort_key < '~'"),
            }
            w + &kinds_sql(ap, "d")
        };
        match (&first_month, &last_month) {
            (Some(m0), Some(m1)) if m0 <= m1 => {
                // Days before the first whole month, the months, days after.
                if let Some(d) = f.from {
                    let before = format!("{m0}-01");
                    if d.to_string() < before {
                        parts.push(day_part(&mut ap, Some((">=", d.to_string())), Some(("<", before))));
                    }
                }
                let span = match (f.from, f.to) {
                    (Some(_), Some(_)) => months_between(m0, m1),
                    _ => None,
                };
                if let Some(span) = span {
                    // A bounded span: the months from this connection's memo.
                    self.month_actor_sums(&span, &f.kinds, &mut sums)?;
                } else {
                    let mut part = String::from("SELECT m.actor_id, m.events FROM month_actors m WHERE 1=1");
                    if f.from.is_some() {
                        part.push_str(" AND m.month >= ?");
                        ap.push(m0.clone());
                    }
                    if f.to.is_some() {
                        part.push_str(" AND m.month <= ?");
                        ap.push(m1.clone());
                    } else {
                        part.push_str(" AND m.month < '~'");
                    }
                    part += &kinds_sql(&mut ap, "m");
                    parts.push(part);
                }
                if let Some(d) = f.to {
                    let after = format!("{m1}-99");
                    parts.push(day_part(&mut ap, Some((">", after)), Some(("<=", d.to_string()))));
                }
            }
            _ => {
                if f.from.is_none() && f.to.is_none() {
                    // Kinds only: every month, and the undated events.
                    let part = String::from("SELECT m.actor_id, m.events FROM month_actors m WHERE 1=1");
                    parts.push(part + &kinds_sql(&mut ap, "m"));
                } else {
                    parts.push(day_part(
                        &mut ap,
                        f.from.map(|d| (">=", d.to_string())),
                        f.to.map(|d| ("<=", d.to_string())),
                    ));
                }
            }
        }
        // Added up here: a hash map beats SQLite's sorted GROUP BY over the
        // tens of thousands of month rows of a year.
        if !parts.is_empty() {
            let mut stmt = self.conn.prepare_cached(&parts.join(" UNION ALL "))?;
            let mut rows = stmt.query(params_from_iter(ap.iter()))?;
            while let Some(r) = rows.next()? {
                let n: i64 = r.get(1)?;
                let id = r.get_ref(0)?.as_str().map_err(text_error(0))?;
                match sums.get_mut(id) {
                    Some(total) => *total += n,
                    None => {
                        sums.insert(id.to_string(), n);
                    }
                }
            }
        }
        let actors = self.top_actors(sums.into_iter().map(|(id, n)| (n, id)).collect(), FACET_ACTORS)?;
        Ok(Facets {
            kinds,
            actors,
            total,
            days: None,
        })
    }

    /// Adds to `sums` the events per actor of the whole months `span` (in
    /// order, first to last) and `kinds` (all when empty), from the
    /// connection's memo of `month_actors`; a span with a month not yet
    /// read is read whole, once per generation of the database.
    pub(in crate::store) fn month_actor_sums(
        &self,
        span: &[String],
        kinds: &[Kind],
        sums: &mut rustc_hash::FxHashMap<String, i64>,
    ) -> Result<()> {
        let (Some(first), Some(last)) = (span.first(), span.last()) else {
            return Ok(());
        };
        let mut memo = self.names.borrow_mut();
        let mc = &mut memo.months;
        if span.iter().any(|m| !mc.months.contains_key(m)) {
            for m in span {
                mc.months.insert(m.clone(), Vec::new());
            }
            let mut stmt = self.conn.prepare_cached(
                "SELECT month, kind, actor_id, events FROM month_actors WHERE month >= ?1 AND month <= ?2",
            )?;
            let mut rows = stmt.query(params![first, last])?;
            while let Some(r) = rows.next()? {
                let kind = r.get_ref(1)?.as_str().map_err(text_error(1))?;
                let k = Kind::ALL
                    .iter()
                    .position(|x| x.as_str() == kind)
                    .map_or(u8::MAX, |i| i as u8);
                let id = r.get_ref(2)?.as_str().map_err(text_error(2))?;
                let a = match mc.index.get(id) {
                    Some(&a) => a,
                    None => {
                        let a = mc.ids.len() as u32;
                        mc.ids.push(id.to_string());
                        mc.index.insert(id.to_string(), a);
                        a
                    }
                };
                let n: i64 = r.get(3)?;
                let month = r.get_ref(0)?.as_str().map_err(text_error(0))?;
                if let Some(rows) = mc.months.get_mut(month) {
                    rows.push((k, a, n));
                }
            }
        }
        let wanted: Vec<bool> = Kind::ALL
            .iter()
            .map(|k| kinds.is_empty() || kinds.contains(k))
            .collect();
        let mut totals = vec![0i64; mc.ids.len()];
        for m in span {
            for &(k, a, n) in mc.months.get(m).map(Vec::as_slice).unwrap_or_default() {
                if wanted.get(usize::from(k)).copied().unwrap_or(kinds.is_empty()) {
                    totals[a as usize] += n;
                }
            }
        }
        for (a, n) in totals.into_iter().enumerate() {
            if n != 0 {
                *sums.entry(mc.ids[a].clone()).or_default() += n;
            }
        }
        Ok(())
    }

    /// Who talked to whom: for the calls and talks a filter matches (its
    /// kinds narrowed to those two), how many events each pair of actors
    /// shares, and each actor's name and kind. Pairs are (a, b) with a < b.
    pub fn network(&self, f: &Filter) -> Result<Network> {
        let mut f = f.clone();
        let contacts = [Kind::Call, Kind::Talks];
        f.kinds = if f.kinds.is_empty() {
            contacts.to_vec()
        } else {
            f.kinds.iter().copied().filter(|k| contacts.contains(k)).collect()
        };
        let mut pairs: rustc_hash::FxHashMap<(String, String), (i64, i64)> = Default::default();
        let mut gatherings = Vec::new();
        if !f.kinds.is_empty() {
            let FilterSql {
                from, sql, params: p, ..
            } = filter_query(&self.rarest_actor_first(&f)?);
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT e.actor_ids, e.id, e.title, e.date, e.precision, e.n_articles{from}{sql}"
            ))?;
            let mut rows = stmt.query(params_from_iter(p.iter()))?;
            let mut sides = OwnSides::default();
            while let Some(r) = rows.next()? {
                let mut ids: Vec<String> = r
                    .get_ref(0)?
                    .as_str()
                    .map_err(text_error(0))?
                    .split(' ')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                // A person and its own office are one side: the office goes.
                let offices: Vec<String> = ids
                    .iter()
                    .filter(|o| ids.iter().any(|p| self.own_side(&mut sides, p, o).unwrap_or(false)))
                    .cloned()
                    .collect();
                ids.retain(|i| !offices.contains(i));
                let sources: i64 = r.get(5)?;
                match ids.as_slice() {
                    [a, b] => {
                        let key = if a < b {
                            (a.clone(), b.clone())
                        } else {
                            (b.clone(), a.clone())
                        };
                        let w = pairs.entry(key).or_default();
                        w.0 += 1;
                        w.1 += sources;
                    }
                    [_, _, _, ..] => gatherings.push(Gathering {
                        id: r.get(1)?,
                        title: r.get(2)?,
                        date: event_date(r, 3, 4)?,
                        actors: ids,
                        sources,
                    }),
                    _ => {}
                }
            }
        }
        let actors: Vec<ActorRef> = {
            let mut ids: Vec<&str> = pairs
                .keys()
                .flat_map(|(a, b)| [a.as_str(), b.as_str()])
                .chain(gatherings.iter().flat_map(|g| g.actors.iter().map(String::as_str)))
                .collect();
            ids.sort();
            ids.dedup();
            self.name_actors(ids)?
        };
        let mut pairs: Vec<(String, String, i64, i64)> =
            pairs.into_iter().map(|((a, b), (n, s))| (a, b, n, s)).collect();
        pairs.sort_by(|x, y| {
            (y.3, y.2)
                .cmp(&(x.3, x.2))
                .then_with(|| (&x.0, &x.1).cmp(&(&y.0, &y.1)))
        });
        gatherings.sort_by(|x, y| y.sources.cmp(&x.sources).then_with(|| x.id.cmp(&y.id)));
        Ok(Network {
            actors,
            pairs,
            gatherings,
        })
    }

    /// Whether `office` is `person`'s own: the office it speaks for
    /// (its affiliation), or an office of its own country. The rule of
    /// the network (one side of a call) and of an actor's partners (never
    /// its own office). Facts are read once per actor into `memo`.
    pub(in crate::store) fn own_side(&self, memo: &mut OwnSides, person: &str, office: &str) -> Result<bool> {
        let mut facts = |id: &str| -> Result<Option<SideFacts>> {
            if let Some(f) = memo.0.get(id) {
                return Ok(f.clone());
            }
            let f = self
                .conn
                .prepare_cached("SELECT kind, country, affiliation FROM actors WHERE id = ?1")?
                .query_row(params![id], |r| {
                    Ok((typed(r, 0, ActorKind::parse)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            memo.0.insert(id.to_string(), f.clone());
            Ok(f)
        };
        let (Some((pk, pc, pa)), Some((ok, oc, _))) = (facts(person)?, facts(office)?) else {
            return Ok(false);
        };
        Ok(pk == ActorKind::Person
            && ok == ActorKind::Office
            && (pa.as_deref() == Some(office) || (pc.is_some() && pc == oc)))
    }

    /// Facets of the whole timeline: the counts kept at ingest.
    pub(in crate::store) fn facets_unfiltered(&self) -> Result<Facets> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT kind, events FROM kind_stats ORDER BY kind")?;
        let kinds = stmt
            .query_map([], kind_count_row)?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let total = kinds.iter().map(|(_, n)| n).sum();
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.name, a.kind, s.events AS n FROM actor_stats s JOIN actors a ON a.id = s.actor_id
             ORDER BY n DESC, a.name LIMIT 20",
        )?;
        let actors = stmt
            .query_map([], actor_count_row)?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(Facets {
            kinds,
            actors,
            total,
            days: None,
        })
    }

    /// The `limit` most frequent actors of (count, actor id) pairs, ties by
    /// name, named only for those that can make the list.
    pub(in crate::store) fn top_actors(
        &self,
        mut counted: Vec<(i64, String)>,
        limit: usize,
    ) -> Result<Vec<(ActorRef, i64)>> {
        counted.sort_unstable_by_key(|c| std::cmp::Reverse(c.0));
        let cut = limit
            .checked_sub(1)
            .and_then(|i| counted.get(i))
            .map(|c| c.0)
            .unwrap_or(0);
        counted.retain(|(n, _)| *n >= cut);
        let named = self.name_actors(counted.iter().map(|(_, id)| id.as_str()))?;
        let count_of: rustc_hash::FxHashMap<&str, i64> = counted.iter().map(|(n, id)| (id.as_str(), *n)).collect();
        let mut actors: Vec<(ActorRef, i64)> = named
            .into_iter()
            .map(|a| {
                let n = count_of.get(a.id.as_str()).copied().unwrap_or(0);
                (a, n)
            })
            .collect();
        actors.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name)));
        actors.truncate(limit);
        Ok(actors)
    }
}
