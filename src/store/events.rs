//! Event writes: the mechanical operations the timeline composes. Read the
//! mentions of merge groups, replace the events of groups (links first),
//! rewrite every event group by group. No merge rule lives here: kinds and
//! events come from the caller.

use super::*;

/// The tables of merged events, whose indexes a rewrite of every event
/// defers.
/// An event's counts and outlets from its mention links (`?1`: its id).
const RECOUNT: &str = "UPDATE events SET n_mentions = (SELECT COUNT(*) FROM event_mentions em WHERE em.event_id = ?1),
       n_articles = (SELECT COUNT(DISTINCT m.article_id) FROM event_mentions em
                     JOIN mentions m ON m.id = em.mention_id WHERE em.event_id = ?1),
       outlets = (SELECT COALESCE(group_concat(o, char(10)), '') FROM
                    (SELECT DISTINCT m.outlet AS o FROM event_mentions em JOIN mentions m ON m.id = em.mention_id
                     WHERE em.event_id = ?1 AND m.outlet IS NOT NULL ORDER BY o))
     WHERE id = ?1";

/// Between the outlets of an event in its `outlets` column (a line
/// break: no outlet name holds one).
pub const OUTLET_SEP: &str = "\n";

pub(in crate::store) const EVENT_TABLES: &[&str] = &["events", "event_actors", "event_mentions"];

impl Writer<'_> {
    /// What this transaction changed so far, for the timeline's refresh;
    /// the list starts afresh.
    pub fn take_touched(&mut self) -> Touched {
        let changed = std::mem::take(&mut self.changed);
        Touched {
            groups: (!changed.all).then_some(changed.groups),
            orphans: changed.orphans,
        }
    }

    /// Up to `limit` mentions written before group keys were stored, with
    /// their kind and actor ids in order.
    pub fn mentions_without_group_key(&self, limit: usize) -> Result<Vec<(i64, Kind, Vec<String>)>> {
        let batch: Vec<(i64, Kind)> = {
            let mut stmt = self
                .tx
                .prepare_cached("SELECT id, kind FROM mentions WHERE group_key = '' LIMIT ?1")?;
            let rows = stmt.query_map([limit as i64], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            let mut out = Vec::new();
            for r in rows {
                let (id, kind) = r?;
                out.push((id, parse_kind(&kind)?));
            }
            out
        };
        let mut actors = self
            .tx
            .prepare_cached("SELECT actor_id FROM mention_actors WHERE mention_id = ?1 ORDER BY pos")?;
        let mut out = Vec::with_capacity(batch.len());
        for (id, kind) in batch {
            let ids = actors
                .query_map([id], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            out.push((id, kind, ids));
        }
        Ok(out)
    }

    /// Record a mention's group key.
    pub fn set_group_key(&mut self, mention: i64, key: &str) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE mentions SET group_key = ?2 WHERE id = ?1")?
            .execute(params![mention, key])?;
        Ok(())
    }

    /// Every actor's display name, by id.
    pub fn actor_names(&self) -> Result<HashMap<String, String>> {
        let mut stmt = self.tx.prepare_cached("SELECT id, name FROM actors")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replace every event: the old ones and their links are deleted, and
    /// `merge` is handed the stored mentions one merge group at a time (see
    /// [`for_each_group`]) and returns the group's events, which are
    /// written. Memory holds one group's mentions and events whatever the
    /// corpus size. Events are written to temporary tables first and copied
    /// in key order (SQLite sorts in bounded memory): inserted in group
    /// order straight into the event tables, each row went to a random
    /// place in a B-tree larger than the page cache. The secondary indexes
    /// of the event tables are dropped meanwhile and built again after.
    /// Counts are not touched ([`Self::rebuild_counts`]).
    pub fn rewrite_all_events(&mut self, mut merge: impl FnMut(&[MentionRec]) -> Result<Vec<NewEvent>>) -> Result<()> {
        // The groups are read through a mention index, which a bulk load
        // defers.
        self.restore_indexes()?;
        self.defer_indexes(EVENT_TABLES)?;
        // Link tables first: emptied whole, not row by row.
        self.tx
            .execute_batch("DELETE FROM event_mentions; DELETE FROM event_actors; DELETE FROM events;")?;
        self.tx.execute_batch(
            "DROP TABLE IF EXISTS temp.staged_events; DROP TABLE IF EXISTS temp.staged_event_actors;
             DROP TABLE IF EXISTS temp.staged_event_mentions;
             CREATE TEMP TABLE staged_events AS SELECT * FROM main.events WHERE 0;
             CREATE TEMP TABLE staged_event_actors AS SELECT * FROM main.event_actors WHERE 0;
             CREATE TEMP TABLE staged_event_mentions AS SELECT * FROM main.event_mentions WHERE 0;",
        )?;
        let clock = std::time::Instant::now();
        let (mut groups, mut mentions) = (0usize, 0usize);
        {
            let mut out = EventRows::new(&self.tx, "temp.staged_")?;
            for_each_group(&self.tx, false, |recs| {
                groups += 1;
                mentions += recs.len();
                out.write(&merge(recs)?)
            })?;
        }
        tracing::debug!(groups, mentions, took = ?clock.elapsed(), "merged and written by group");
        let clock = std::time::Instant::now();
        self.tx.execute_batch(
            "INSERT INTO events SELECT * FROM temp.staged_events ORDER BY id;
             INSERT INTO event_actors SELECT * FROM temp.staged_event_actors ORDER BY event_id, pos;
             INSERT INTO event_mentions SELECT * FROM temp.staged_event_mentions ORDER BY event_id, mention_id;
             DROP TABLE temp.staged_events; DROP TABLE temp.staged_event_actors; DROP TABLE temp.staged_event_mentions;",
        )?;
        tracing::debug!(took = ?clock.elapsed(), "copied in key order");
        let clock = std::time::Instant::now();
        self.restore_indexes()?;
        tracing::debug!(took = ?clock.elapsed(), "event indexes");
        Ok(())
    }

    /// Delete the discovered actors that appear in no mention (found in a
    /// sentence with no event, or left behind by a removed article): all
    /// of them, or only those of `among`.
    pub fn delete_unmentioned_actors(&mut self, among: Option<&HashSet<String>>) -> Result<()> {
        match among {
            None => {
                self.tx.execute(
                    "DELETE FROM actors WHERE discovered = 1
                       AND NOT EXISTS (SELECT 1 FROM mention_actors ma WHERE ma.actor_id = actors.id)",
                    [],
                )?;
            }
            Some(ids) => {
                let mut del = self.tx.prepare_cached(
                    "DELETE FROM actors WHERE id = ?1 AND discovered = 1
                       AND NOT EXISTS (SELECT 1 FROM mention_actors ma WHERE ma.actor_id = ?1)",
                )?;
                for id in ids {
                    del.execute(params![id])?;
                }
            }
        }
        Ok(())
    }

    /// Mark merge groups for [`Self::marked_mentions`] and
    /// [`Self::replace_marked_events`] (the marks last until the next
    /// call of this).
    pub fn mark_groups<'k>(&mut self, keys: impl IntoIterator<Item = &'k String>) -> Result<()> {
        self.tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS merge_groups (key TEXT PRIMARY KEY);
             CREATE TEMP TABLE IF NOT EXISTS stale_actors (id TEXT PRIMARY KEY);
             DELETE FROM merge_groups; DELETE FROM stale_actors;",
        )?;
        let mut ins = self
            .tx
            .prepare_cached("INSERT OR IGNORE INTO merge_groups (key) VALUES (?1)")?;
        for k in keys {
            ins.execute(params![k])?;
        }
        Ok(())
    }

    /// Mark too the groups of `kinds` that have a mention on a day on which
    /// a marked group of `kinds` has a mention or an event.
    pub fn mark_groups_sharing_days(&mut self, kinds: &[Kind]) -> Result<()> {
        if kinds.is_empty() {
            return Ok(());
        }
        let list = vec!["?"; kinds.len()].join(", ");
        let sql = format!(
            "INSERT OR IGNORE INTO merge_groups (key)
             SELECT DISTINCT m2.group_key FROM mentions m2
             WHERE m2.kind IN ({list}) AND m2.date IN (
                 SELECT m.date FROM mentions m WHERE m.group_key IN (SELECT key FROM merge_groups)
                   AND +m.kind IN ({list}) AND m.date IS NOT NULL
                 UNION
                 SELECT e.date FROM events e WHERE e.group_key IN (SELECT key FROM merge_groups)
                   AND +e.kind IN ({list}) AND e.date IS NOT NULL)"
        );
        let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
        self.tx
            .execute(&sql, params_from_iter(names.iter().chain(&names).chain(&names)))?;
        Ok(())
    }

    /// The stored mentions of the marked groups, in group order.
    pub fn marked_mentions(&self) -> Result<Vec<MentionRec>> {
        let mut recs = Vec::new();
        for_each_group(&self.tx, true, |group| {
            recs.extend_from_slice(group);
            Ok(())
        })?;
        Ok(recs)
    }

    /// Replace the events of the marked groups with `events`, and bring the
    /// per-actor, per-kind, per-day and per-month counts up to date by the
    /// events removed and added.
    pub fn replace_marked_events(&mut self, events: &[NewEvent]) -> Result<()> {
        self.tx.execute(
            "INSERT OR IGNORE INTO stale_actors (id) SELECT DISTINCT ea.actor_id FROM event_actors ea
             JOIN events e ON e.id = ea.event_id WHERE e.group_key IN (SELECT key FROM merge_groups)",
            [],
        )?;
        let mut counts = CountDelta::default();
        counts.remove_marked(&self.tx)?;
        // Events go with their links (no cascade: migration 0016).
        self.tx.execute_batch(
            "DELETE FROM event_mentions WHERE event_id IN
                 (SELECT id FROM events WHERE group_key IN (SELECT key FROM merge_groups));
             DELETE FROM event_actors WHERE event_id IN
                 (SELECT id FROM events WHERE group_key IN (SELECT key FROM merge_groups));
             DELETE FROM events WHERE group_key IN (SELECT key FROM merge_groups);",
        )?;
        let clock = std::time::Instant::now();
        EventRows::new(&self.tx, "")?.write(events)?;
        tracing::debug!(events = events.len(), took = ?clock.elapsed(), "events written");
        let clock = std::time::Instant::now();
        {
            let mut ins = self
                .tx
                .prepare_cached("INSERT OR IGNORE INTO stale_actors (id) VALUES (?1)")?;
            for e in events {
                for a in &e.event.actors {
                    ins.execute(params![a])?;
                }
            }
        }
        // Per-actor counts, once per ingest rather than once per page.
        self.tx.execute_batch(
            "DELETE FROM actor_stats WHERE actor_id IN (SELECT id FROM stale_actors);
             INSERT INTO actor_stats (actor_id, events, first_seen, last_seen)
             SELECT ea.actor_id, COUNT(*), MIN(e.date), MAX(e.date) FROM event_actors ea JOIN events e ON e.id = ea.event_id
             WHERE ea.actor_id IN (SELECT id FROM stale_actors) GROUP BY ea.actor_id;",
        )?;
        for e in events {
            counts.add(&e.event);
        }
        counts.apply(&self.tx)?;
        tracing::debug!(took = ?clock.elapsed(), "counts");
        Ok(())
    }

    /// The stored events of one kind whose date sorts on `day` (any
    /// precision), with what the merger compares: kind, date, status,
    /// actors and mentions.
    pub fn events_on(&self, kind: Kind, day: NaiveDate) -> Result<Vec<MergedEvent>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT e.id, e.kind, e.date, e.precision, e.date_source, e.status, e.location FROM events e
             WHERE e.kind = ?1 AND e.sort_key = ?2 ORDER BY e.id",
        )?;
        let mut actors = self
            .tx
            .prepare_cached("SELECT actor_id FROM event_actors WHERE event_id = ?1 ORDER BY pos")?;
        let mut mentions = self
            .tx
            .prepare_cached("SELECT mention_id FROM event_mentions WHERE event_id = ?1 ORDER BY mention_id")?;
        let rows = stmt.query_map(params![kind.as_str(), day.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for r in rows {
            let (id, kind, date, precision, src, status, location) = r?;
            out.push(MergedEvent {
                actors: actors
                    .query_map([&id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?,
                mentions: mentions
                    .query_map([&id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?,
                id,
                kind: parse_kind(&kind)?,
                date: parse_event_date(date.as_deref(), precision.as_deref())?,
                date_source: parse_date_source(&src)?,
                status: parse_status(&status)?,
                location,
            });
        }
        Ok(out)
    }

    /// Bring stored events from `before` to `after` (the same events, some
    /// gone, some with more mentions): the gone are deleted with their
    /// links, the others gain their new mention links and source counts.
    /// Nothing else of an event changes. Per-day counts are not touched
    /// ([`Self::rebuild_counts`] follows).
    pub fn update_events(&mut self, before: &[MergedEvent], after: &[MergedEvent]) -> Result<()> {
        let mut link = self
            .tx
            .prepare_cached("INSERT OR IGNORE INTO event_mentions (event_id, mention_id) VALUES (?1, ?2)")?;
        let mut count = self.tx.prepare_cached(RECOUNT)?;
        // An event goes with its links (no cascade: migration 0016).
        let mut delete = [
            self.tx
                .prepare_cached("DELETE FROM event_mentions WHERE event_id = ?1")?,
            self.tx.prepare_cached("DELETE FROM event_actors WHERE event_id = ?1")?,
            self.tx.prepare_cached("DELETE FROM events WHERE id = ?1")?,
        ];
        for old in before {
            match after.iter().find(|e| e.id == old.id) {
                None => {
                    for stmt in &mut delete {
                        stmt.execute([&old.id])?;
                    }
                }
                Some(new) if new.mentions != old.mentions => {
                    for m in &new.mentions {
                        link.execute(params![new.id, m])?;
                    }
                    count.execute([&new.id])?;
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// An event's mention and source counts and outlets, from its links.
    pub(in crate::store) fn recount_event(&mut self, id: &str) -> Result<()> {
        self.tx.prepare_cached(RECOUNT)?.execute([id])?;
        Ok(())
    }

    pub fn count_events(&self) -> Result<i64> {
        Ok(self.tx.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?)
    }

    /// Dates of day-precision events with a date of their own (not just a
    /// report's date) in the merge group `group`
    /// ("call-donald-trump-vladimir-putin").
    /// Only events that another article than `article` dates itself count.
    pub fn dated_events_like(&self, group: &str, article: &str) -> Result<Vec<NaiveDate>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT DISTINCT e.date FROM events e JOIN event_mentions em ON em.event_id = e.id JOIN mentions m ON m.id = em.mention_id
             WHERE e.group_key = ?1 AND e.precision = 'day' AND e.date IS NOT NULL
               AND m.article_id != ?2 AND m.date_source IN ('stated', 'anchored')",
        )?;
        let rows = stmt.query_map(params![group, article], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for r in rows {
            out.push(parse_date(&r?)?);
        }
        Ok(out)
    }
}

/// Stored mentions with their actors, in merge-group order, handed to `f`
/// one group (by stored key) at a time: all of them, or (`only_touched`)
/// those of the groups listed in the temporary table `merge_groups`.
/// Mentions without actors belong to no event and are left out.
///
/// Groups come through the index on the group key and each mention's
/// actors through their table's key, so this reads in one pass without
/// sorting, and holds one group's mentions at a time.
pub(in crate::store) fn for_each_group(
    tx: &Transaction<'_>,
    only_touched: bool,
    mut f: impl FnMut(&[MentionRec]) -> Result<()>,
) -> Result<()> {
    let filter = if only_touched {
        "WHERE m.group_key IN (SELECT key FROM merge_groups)"
    } else {
        ""
    };
    let mut stmt = tx.prepare_cached(&format!(
        "SELECT m.group_key, m.id, m.kind, m.date, m.precision, m.date_source, m.status, m.location, m.article_id,
                ma.actor_id, m.rank, m.gist, m.outlet
         FROM mentions m INDEXED BY mentions_group JOIN mention_actors ma ON ma.mention_id = m.id {filter}
         ORDER BY m.group_key, m.id, ma.pos"
    ))?;
    let mut rows = stmt.query([])?;
    let mut group = String::new();
    let mut recs: Vec<MentionRec> = Vec::new();
    while let Some(r) = rows.next()? {
        let key = r.get_ref(0)?.as_str().map_err(text_error(0))?;
        if key != group {
            if !recs.is_empty() {
                f(&recs)?;
                recs.clear();
            }
            group.clear();
            group.push_str(key);
        }
        let id: i64 = r.get(1)?;
        let actor: std::sync::Arc<str> = r.get_ref(9)?.as_str().map_err(text_error(9))?.into();
        if let Some(last) = recs.last_mut().filter(|m| m.id == id) {
            last.actors.push(actor);
            continue;
        }
        let text = |i: usize| -> Result<&str> { Ok(r.get_ref(i)?.as_str().map_err(text_error(i))?) };
        recs.push(MentionRec {
            id,
            kind: parse_kind(text(2)?)?,
            actors: vec![actor],
            date: parse_event_date(
                r.get_ref(3)?.as_str_or_null().map_err(text_error(3))?,
                r.get_ref(4)?.as_str_or_null().map_err(text_error(4))?,
            )?,
            date_source: parse_date_source(text(5)?)?,
            status: parse_status(text(6)?)?,
            location: r.get(7)?,
            article: text(8)?.into(),
            rank: r.get(10)?,
            gist: text(11)?.into(),
            outlet: r.get_ref(12)?.as_str_or_null().map_err(text_error(12))?.map(Into::into),
        });
    }
    if !recs.is_empty() {
        f(&recs)?;
    }
    Ok(())
}

/// Writes events with their actor and mention links.
pub(in crate::store) struct EventRows<'t> {
    pub(in crate::store) event: rusqlite::CachedStatement<'t>,
    pub(in crate::store) actor: rusqlite::CachedStatement<'t>,
    pub(in crate::store) mention: rusqlite::CachedStatement<'t>,
}

impl<'t> EventRows<'t> {
    /// Into the tables `{prefix}events`, `{prefix}event_actors` and
    /// `{prefix}event_mentions`.
    pub(in crate::store) fn new(tx: &'t Transaction<'_>, prefix: &str) -> Result<Self> {
        Ok(EventRows {
            event: tx.prepare_cached(&format!(
                "INSERT INTO {prefix}events (id, kind, date, precision, sort_key, date_source, status, title, n_articles, n_mentions, location, group_key, actor_ids, gist, outlets)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
            ))?,
            actor: tx.prepare_cached(&format!(
                "INSERT INTO {prefix}event_actors (event_id, pos, actor_id, sort_key, kind, date, actor_ids, precision, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
            ))?,
            mention: tx.prepare_cached(&format!(
                "INSERT INTO {prefix}event_mentions (event_id, mention_id) VALUES (?1, ?2)"
            ))?,
        })
    }

    pub(in crate::store) fn write(&mut self, events: &[NewEvent]) -> Result<()> {
        // In primary-key order: the clustered tables then grow at their end.
        let mut order: Vec<&NewEvent> = events.iter().collect();
        order.sort_unstable_by(|a, b| a.event.id.cmp(&b.event.id));
        for n in order {
            let e = &n.event;
            let date = e.date.map(|d| d.date.to_string());
            let sort_key = sort_key(e.date);
            let actor_ids = e.actors.join(" ");
            self.event.execute(params![
                e.id,
                e.kind.as_str(),
                date,
                e.date.map(|d| d.precision.as_str()),
                sort_key,
                e.date_source.as_str(),
                e.status.as_str(),
                n.title,
                n.n_articles as i64,
                e.mentions.len() as i64,
                e.location,
                n.group_key,
                actor_ids,
                n.gist,
                n.outlets.join(OUTLET_SEP)
            ])?;
            for (pos, a) in e.actors.iter().enumerate() {
                self.actor.execute(params![
                    e.id,
                    pos as i64,
                    a,
                    sort_key,
                    e.kind.as_str(),
                    date,
                    actor_ids,
                    e.date.map(|d| d.precision.as_str()),
                    e.status.as_str()
                ])?;
            }
            for m in &e.mentions {
                self.mention.execute(params![e.id, m])?;
            }
        }
        Ok(())
    }
}
