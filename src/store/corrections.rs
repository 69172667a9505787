//! Corrections: the mirror of the data folder's corrections file, and the
//! mechanical operations that apply its entries to the stored events after
//! every merge (`timeline::refresh` decides when).
//!
//! Applying is idempotent: a merge writes an event afresh from its
//! mentions, and the entries are applied again; an event already corrected
//! stays as it is. An entry finds its event by id, else by the sentences
//! it named; one that finds nothing is kept and marked orphaned.

use super::*;
use crate::corrections::{ActorChange, ActorFix, Corrections, EventChange, EventFix, Evidence, Note};
use crate::model::ActorInfo;

/// Where an entry's event is now.
enum Found {
    /// An event of the timeline.
    Event(String),
    /// Its sentences are stored but belong to no event: hidden, or merged
    /// into another event whose group was written afresh.
    Unlinked(Vec<i64>),
    /// Nothing it names is stored.
    Gone,
}

/// What applying one entry came to: the event or actor it applied to
/// (None: orphaned), and the merge groups it touched.
type Outcome = (Option<String>, Vec<String>);

/// One entry as the mirror holds it.
struct MirrorRow<'c> {
    n: i64,
    target: &'static str,
    change: String,
    made: &'c str,
    by: Option<&'c str>,
    subject: &'c str,
    title: &'c str,
    entry: String,
}

/// A title for an event of a kind with these actor names (`merge::event_title`).
pub type Titler<'a> = &'a dyn Fn(Kind, &[String]) -> String;

impl Writer<'_> {
    /// Make the mirror the file's entries; return the merge groups that
    /// entries gone or changed had touched, to be merged afresh, or None
    /// when the mirror already held exactly these entries.
    pub fn mirror_corrections(&mut self, c: &Corrections) -> Result<Option<Vec<String>>> {
        let mut old: HashMap<i64, (String, String)> = HashMap::new();
        {
            let mut stmt = self.tx.prepare_cached("SELECT n, entry, groups FROM corrections")?;
            let rows = stmt.query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })?;
            for r in rows {
                let (n, entry, groups) = r?;
                old.insert(n, (entry, groups));
            }
        }
        let json = |v: std::result::Result<String, serde_json::Error>| {
            v.map_err(|e| StoreError::Corrupt(format!("a correction as JSON: {e}")))
        };
        let mut rows: Vec<MirrorRow<'_>> = Vec::new();
        for e in &c.events {
            rows.push(MirrorRow {
                n: e.n as i64,
                target: "event",
                change: change_word(&e.change),
                made: &e.made,
                by: e.by.as_deref(),
                subject: &e.event,
                title: &e.title,
                entry: json(serde_json::to_string(e))?,
            });
        }
        for a in &c.actors {
            rows.push(MirrorRow {
                n: a.n as i64,
                target: "actor",
                change: change_word(&a.change),
                made: &a.made,
                by: a.by.as_deref(),
                subject: &a.actor,
                title: &a.was,
                entry: json(serde_json::to_string(a))?,
            });
        }
        for x in &c.notes {
            rows.push(MirrorRow {
                n: x.n as i64,
                target: "note",
                change: "note".into(),
                made: &x.made,
                by: x.by.as_deref(),
                subject: &x.event,
                title: &x.title,
                entry: json(serde_json::to_string(x))?,
            });
        }
        let new: HashMap<i64, &str> = rows.iter().map(|r| (r.n, r.entry.as_str())).collect();
        let kept = |n: &i64, entry: &str| new.get(n) == Some(&entry);
        if old.len() == new.len() && old.iter().all(|(n, (e, _))| kept(n, e)) {
            return Ok(None);
        }
        let mut regroup: Vec<String> = Vec::new();
        for (n, (entry, groups)) in &old {
            if !kept(n, entry) {
                regroup.extend(groups.split(' ').filter(|g| !g.is_empty()).map(str::to_string));
            }
        }
        self.tx.execute("DELETE FROM corrections", [])?;
        let mut ins = self.tx.prepare_cached(
            "INSERT INTO corrections (n, target, change, made, made_by, subject, title, entry, groups)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for r in &rows {
            let kept = old
                .get(&r.n)
                .filter(|(e, _)| *e == r.entry)
                .map(|(_, g)| g.as_str())
                .unwrap_or("");
            ins.execute(params![
                r.n, r.target, r.change, r.made, r.by, r.subject, r.title, r.entry, kept
            ])?;
        }
        regroup.sort();
        regroup.dedup();
        Ok(Some(regroup))
    }

    /// The actor merges of the mirror, as the actor book takes them: the
    /// names (name and aliases) of the actor merged away, and the actor
    /// they now name. A merge into an actor no longer stored is left out.
    pub fn actor_merges(&self) -> Result<Vec<(Vec<String>, ActorInfo)>> {
        let entries: Vec<String> = {
            let mut stmt = self.tx.prepare_cached(
                "SELECT entry FROM corrections WHERE target = 'actor' AND change = 'merge' ORDER BY n",
            )?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut out = Vec::new();
        for e in entries {
            let fix: ActorFix =
                serde_json::from_str(&e).map_err(|e| StoreError::Corrupt(format!("a correction: {e}")))?;
            let Some(into) = fix.into.as_deref() else { continue };
            let Some(info) = self.actor_info(into)? else { continue };
            let mut names: Vec<String> = vec![fix.was.clone()];
            let mut stmt = self.tx.prepare_cached(
                "SELECT name FROM actors WHERE id = ?1 UNION SELECT alias FROM actor_aliases WHERE actor_id = ?1",
            )?;
            for n in stmt.query_map([&fix.actor], |r| r.get::<_, String>(0))? {
                names.push(n?);
            }
            names.retain(|n| !n.trim().is_empty() && *n != info.name);
            names.sort();
            names.dedup();
            out.push((names, info));
        }
        Ok(out)
    }

    fn actor_info(&self, id: &str) -> Result<Option<ActorInfo>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT a.id, a.name, a.kind, a.role, a.country, a.affiliation, a.discovered,
                    (SELECT group_concat(alias, char(31)) FROM actor_aliases WHERE actor_id = a.id)
             FROM actors a WHERE a.id = ?1",
        )?;
        Ok(stmt
            .query_row([id], |r| {
                let name: String = r.get(1)?;
                let aliases: Option<String> = r.get(7)?;
                Ok(ActorInfo {
                    id: r.get(0)?,
                    kind: crate::store::read::rows::typed_kind(r, 2)?,
                    aliases: aliases
                        .map(|a| a.split('\u{1f}').filter(|x| *x != name).map(str::to_string).collect())
                        .unwrap_or_default(),
                    name,
                    role: r.get(3)?,
                    country: r.get(4)?,
                    affiliation: r.get(5)?,
                    discovered: r.get(6)?,
                    speaks_for: None,
                })
            })
            .optional()?)
    }

    /// Record whether the corrections file could be read.
    pub fn set_corrections_problem(&mut self, problem: Option<&str>) -> Result<()> {
        // Written only when it changes: an ingest that changes nothing
        // leaves the database (and the pages cached from it) alone.
        self.tx.execute(
            "INSERT INTO corrections_state (id, problem)
             SELECT 1, ?1 WHERE NOT EXISTS (SELECT 1 FROM corrections_state WHERE id = 1 AND problem IS ?1)
             ON CONFLICT(id) DO UPDATE SET problem = excluded.problem",
            params![problem],
        )?;
        Ok(())
    }

    /// Apply every mirrored entry, oldest first, to the stored events and
    /// actors; record what each applied to. Counts follow.
    pub fn apply_corrections(&mut self, title: Titler<'_>) -> Result<()> {
        let rows: Vec<(i64, String, String, String)> = {
            let mut stmt = self
                .tx
                .prepare_cached("SELECT n, target, entry, groups FROM corrections ORDER BY n")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        self.tx
            .execute_batch("DELETE FROM event_notes; DELETE FROM event_tags;")?;
        if rows.is_empty() {
            return Ok(());
        }
        let mut events_changed = false;
        for (n, target, entry, before) in rows {
            let bad = |e: serde_json::Error| StoreError::Corrupt(format!("correction {n}: {e}"));
            let (applied, mut groups) = match target.as_str() {
                "event" => {
                    events_changed = true;
                    self.apply_event_fix(&serde_json::from_str::<EventFix>(&entry).map_err(bad)?, title)?
                }
                "actor" => {
                    events_changed = true;
                    self.apply_actor_fix(&serde_json::from_str::<ActorFix>(&entry).map_err(bad)?, title)?
                }
                _ => self.apply_note(&serde_json::from_str::<Note>(&entry).map_err(bad)?)?,
            };
            // Every group it ever touched: undoing it merges them afresh.
            groups.extend(before.split(' ').filter(|g| !g.is_empty()).map(str::to_string));
            groups.retain(|g| !g.is_empty());
            groups.sort();
            groups.dedup();
            self.tx.execute(
                "UPDATE corrections SET applied_to = ?2, groups = ?3 WHERE n = ?1",
                params![n, applied, groups.join(" ")],
            )?;
        }
        if events_changed {
            self.rebuild_counts()?;
        }
        Ok(())
    }

    /// The renames and settings of actors, and the aliases merges gave,
    /// again, and only those: what an ingest's writing of the actor book
    /// puts back when nothing else needs the corrections applied afresh.
    pub fn reapply_actor_fields(&mut self) -> Result<()> {
        let entries: Vec<String> = {
            let mut stmt = self.tx.prepare_cached(
                "SELECT entry FROM corrections WHERE target = 'actor' AND change IN ('rename', 'set', 'merge')
                 AND applied_to IS NOT NULL ORDER BY n",
            )?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for e in entries {
            let fix: ActorFix =
                serde_json::from_str(&e).map_err(|e| StoreError::Corrupt(format!("a correction: {e}")))?;
            match (fix.change, fix.into.as_deref()) {
                (ActorChange::Merge, Some(into)) => self.merged_names(&fix.actor, into)?,
                _ => self.set_actor_fields(&fix)?,
            }
        }
        Ok(())
    }

    /// An actor's names as another's aliases.
    fn merged_names(&mut self, from: &str, into: &str) -> Result<()> {
        self.tx.execute(
            "INSERT OR IGNORE INTO actor_aliases (actor_id, alias)
             SELECT ?2, name FROM actors WHERE id = ?1
             UNION SELECT ?2, alias FROM actor_aliases WHERE actor_id = ?1",
            params![from, into],
        )?;
        Ok(())
    }

    /// An actor's name, kind, role and state as a rename or a setting says.
    fn set_actor_fields(&mut self, fix: &ActorFix) -> Result<()> {
        if let Some(name) = fix.name.as_deref().filter(|_| fix.change == ActorChange::Rename) {
            self.tx.execute(
                "UPDATE actors SET name = ?2 WHERE id = ?1",
                params![fix.actor, name.trim()],
            )?;
        }
        if fix.change != ActorChange::Set {
            return Ok(());
        }
        if let Some(k) = fix.kind {
            self.tx.execute(
                "UPDATE actors SET kind = ?2 WHERE id = ?1",
                params![fix.actor, k.as_str()],
            )?;
        }
        if let Some(r) = fix.role.as_deref() {
            self.tx.execute(
                "UPDATE actors SET role = NULLIF(?2, '') WHERE id = ?1",
                params![fix.actor, r.trim()],
            )?;
        }
        if let Some(c) = fix.country.as_deref() {
            self.tx.execute(
                "UPDATE actors SET country = NULLIF(?2, '') WHERE id = ?1",
                params![fix.actor, c.trim()],
            )?;
        }
        Ok(())
    }

    fn find_event(&self, id: &str, evidence: &[Evidence]) -> Result<Found> {
        let exists: Option<i64> = self
            .tx
            .prepare_cached("SELECT 1 FROM events WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        if exists.is_some() {
            return Ok(Found::Event(id.to_string()));
        }
        let mut stmt = self.tx.prepare_cached(
            "SELECT m.id, em.event_id FROM mentions m LEFT JOIN event_mentions em ON em.mention_id = m.id
             WHERE m.article_id = ?1 AND m.evidence = ?2 ORDER BY m.id",
        )?;
        let mut unlinked = Vec::new();
        for ev in evidence {
            let rows = stmt.query_map(params![ev.article, ev.sentence], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
            })?;
            for r in rows {
                match r? {
                    (_, Some(event)) => return Ok(Found::Event(event)),
                    (m, None) => unlinked.push(m),
                }
            }
        }
        Ok(if unlinked.is_empty() {
            Found::Gone
        } else {
            Found::Unlinked(unlinked)
        })
    }

    fn group_of(&self, id: &str) -> Result<String> {
        Ok(self
            .tx
            .prepare_cached("SELECT group_key FROM events WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .unwrap_or_default())
    }

    fn event_actor_ids(&self, id: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .tx
            .prepare_cached("SELECT actor_id FROM event_actors WHERE event_id = ?1 ORDER BY pos")?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn apply_event_fix(&mut self, fix: &EventFix, title: Titler<'_>) -> Result<Outcome> {
        let found = self.find_event(&fix.event, &fix.evidence)?;
        if fix.change == EventChange::Hide {
            return Ok(match found {
                Found::Event(id) => {
                    let group = self.group_of(&id)?;
                    self.delete_event(&id)?;
                    (Some(id), vec![group])
                }
                // Hidden before, and its group not written since.
                Found::Unlinked(_) => (Some(fix.event.clone()), Vec::new()),
                Found::Gone => (None, Vec::new()),
            });
        }
        let Found::Event(id) = found else {
            return Ok((None, Vec::new()));
        };
        let mut groups = vec![self.group_of(&id)?];
        match fix.change {
            EventChange::Hide => {}
            EventChange::Date => {
                if let Some(d) = fix.new_date() {
                    self.set_event_fields(
                        &id,
                        "date = ?2, precision = ?3, sort_key = ?2",
                        &[&d.date.to_string(), d.precision.as_str()],
                    )?;
                }
            }
            EventChange::Kind => {
                if let Some(k) = fix.kind {
                    self.set_event_fields(&id, "kind = ?2", &[k.as_str()])?;
                    self.retitle(&id, title)?;
                }
            }
            EventChange::Status => {
                if let Some(st) = fix.status {
                    self.set_event_fields(&id, "status = ?2", &[st.as_str()])?;
                }
            }
            EventChange::AddActor | EventChange::RemoveActor => {
                let Some(actor) = fix.actor.as_deref() else {
                    return Ok((None, groups));
                };
                let mut ids = self.event_actor_ids(&id)?;
                if fix.change == EventChange::AddActor {
                    if !self.actor_exists(actor)? {
                        return Ok((None, groups));
                    }
                    if !ids.iter().any(|a| a == actor) {
                        ids.push(actor.to_string());
                    }
                } else {
                    ids.retain(|a| a != actor);
                    if ids.is_empty() {
                        // An event of nobody is no event.
                        return Ok((None, groups));
                    }
                }
                self.set_event_actors(&id, &ids, title)?;
            }
            EventChange::Merge => {
                let Some(other) = fix.other.as_deref() else {
                    return Ok((None, groups));
                };
                match self.find_event(other, &fix.other_evidence)? {
                    Found::Event(o) if o == id => {}
                    Found::Event(o) => {
                        groups.push(self.group_of(&o)?);
                        let mut ids = self.event_actor_ids(&id)?;
                        for a in self.event_actor_ids(&o)? {
                            if !ids.contains(&a) {
                                ids.push(a);
                            }
                        }
                        self.tx.execute(
                            "INSERT OR IGNORE INTO event_mentions (event_id, mention_id)
                             SELECT ?1, mention_id FROM event_mentions WHERE event_id = ?2",
                            params![id, o],
                        )?;
                        self.delete_event(&o)?;
                        self.set_event_actors(&id, &ids, title)?;
                        self.recount_event(&id)?;
                    }
                    Found::Unlinked(ms) => {
                        {
                            let mut link = self.tx.prepare_cached(
                                "INSERT OR IGNORE INTO event_mentions (event_id, mention_id) VALUES (?1, ?2)",
                            )?;
                            for m in ms {
                                link.execute(params![id, m])?;
                            }
                        }
                        self.recount_event(&id)?;
                    }
                    Found::Gone => return Ok((None, groups)),
                }
            }
        }
        Ok((Some(id), groups))
    }

    fn apply_actor_fix(&mut self, fix: &ActorFix, title: Titler<'_>) -> Result<Outcome> {
        let exists = self.actor_exists(&fix.actor)?;
        let events: Vec<(String, String)> = {
            let mut stmt = self.tx.prepare_cached(
                "SELECT DISTINCT ea.event_id, e.group_key FROM event_actors ea JOIN events e ON e.id = ea.event_id
                 WHERE ea.actor_id = ?1 ORDER BY ea.event_id",
            )?;
            let rows = stmt.query_map([&fix.actor], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if !exists && events.is_empty() {
            // Merged away before, by an earlier ingest that read its names
            // as the other actor's: still in force.
            let merged = match (fix.change, fix.into.as_deref()) {
                (ActorChange::Merge, Some(into)) => self.actor_exists(into)?,
                _ => false,
            };
            return Ok((merged.then(|| fix.actor.clone()), Vec::new()));
        }
        let groups: Vec<String> = events.iter().map(|(_, g)| g.clone()).collect();
        match fix.change {
            ActorChange::Rename => {
                self.set_actor_fields(fix)?;
                for (e, _) in &events {
                    self.retitle(e, title)?;
                }
            }
            ActorChange::Set => self.set_actor_fields(fix)?,
            ActorChange::NotActor | ActorChange::Merge => {
                let into = match (fix.change, fix.into.as_deref()) {
                    (ActorChange::Merge, Some(into)) => {
                        if !self.actor_exists(into)? {
                            return Ok((None, groups));
                        }
                        // Its names become the other's aliases.
                        self.merged_names(&fix.actor, into)?;
                        Some(into)
                    }
                    _ => None,
                };
                for (e, _) in &events {
                    let mut ids = self.event_actor_ids(e)?;
                    match into {
                        Some(into) => {
                            for a in ids.iter_mut().filter(|a| **a == fix.actor) {
                                *a = into.to_string();
                            }
                            let mut seen = HashSet::new();
                            ids.retain(|a| seen.insert(a.clone()));
                        }
                        None => ids.retain(|a| *a != fix.actor),
                    }
                    if ids.is_empty() {
                        self.delete_event(e)?;
                    } else {
                        self.set_event_actors(e, &ids, title)?;
                    }
                }
            }
        }
        Ok((Some(fix.actor.clone()), groups))
    }

    fn apply_note(&mut self, note: &Note) -> Result<Outcome> {
        let Found::Event(id) = self.find_event(&note.event, &note.evidence)? else {
            return Ok((None, Vec::new()));
        };
        self.tx.execute(
            "INSERT OR IGNORE INTO event_notes (event_id, star, note) VALUES (?1, 0, NULL)",
            [&id],
        )?;
        if let Some(star) = note.star {
            self.tx.execute(
                "UPDATE event_notes SET star = ?2 WHERE event_id = ?1",
                params![id, star],
            )?;
        }
        if let Some(text) = note.text.as_deref() {
            self.tx.execute(
                "UPDATE event_notes SET note = NULLIF(?2, '') WHERE event_id = ?1",
                params![id, text.trim()],
            )?;
        }
        for t in &note.tags {
            self.tx.execute(
                "INSERT OR IGNORE INTO event_tags (tag, event_id) VALUES (?1, ?2)",
                params![t, id],
            )?;
        }
        for t in &note.untag {
            self.tx.execute(
                "DELETE FROM event_tags WHERE tag = ?1 AND event_id = ?2",
                params![t, id],
            )?;
        }
        Ok((Some(id), Vec::new()))
    }

    /// Fields of an event (`set`, a fixed list of assignments of `?2`,
    /// `?3`... to `values`) in `events` and in the copies `event_actors`
    /// keeps of them.
    fn set_event_fields(&mut self, id: &str, set: &'static str, values: &[&str]) -> Result<()> {
        let bound: Vec<&str> = std::iter::once(id).chain(values.iter().copied()).collect();
        self.tx.execute(
            &format!("UPDATE events SET {set} WHERE id = ?1"),
            params_from_iter(&bound),
        )?;
        self.tx.execute(
            &format!("UPDATE event_actors SET {set} WHERE event_id = ?1"),
            params_from_iter(&bound),
        )?;
        Ok(())
    }

    fn actor_exists(&self, id: &str) -> Result<bool> {
        Ok(self
            .tx
            .prepare_cached("SELECT 1 FROM actors WHERE id = ?1")?
            .query_row([id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// An event and its links go; its mentions stay, linked to nothing.
    fn delete_event(&mut self, id: &str) -> Result<()> {
        for sql in [
            "DELETE FROM event_mentions WHERE event_id = ?1",
            "DELETE FROM event_actors WHERE event_id = ?1",
            "DELETE FROM events WHERE id = ?1",
        ] {
            self.tx.prepare_cached(sql)?.execute([id])?;
        }
        Ok(())
    }

    /// An event's actors, in order, with the copies `event_actors` keeps of
    /// the event's fields, and its title.
    fn set_event_actors(&mut self, id: &str, ids: &[String], title: Titler<'_>) -> Result<()> {
        let joined = ids.join(" ");
        self.tx.execute("DELETE FROM event_actors WHERE event_id = ?1", [id])?;
        {
            let mut ins = self.tx.prepare_cached(
                "INSERT INTO event_actors (event_id, pos, actor_id, sort_key, kind, date, actor_ids, precision, status)
                 SELECT id, ?2, ?3, sort_key, kind, date, ?4, precision, status FROM events WHERE id = ?1",
            )?;
            for (pos, a) in ids.iter().enumerate() {
                ins.execute(params![id, pos as i64, a, joined])?;
            }
        }
        self.tx
            .execute("UPDATE events SET actor_ids = ?2 WHERE id = ?1", params![id, joined])?;
        self.retitle(id, title)
    }

    fn retitle(&mut self, id: &str, title: Titler<'_>) -> Result<()> {
        let kind: Option<String> = self
            .tx
            .prepare_cached("SELECT kind FROM events WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        let Some(kind) = kind.as_deref().and_then(Kind::parse) else {
            return Ok(());
        };
        let names: Vec<String> = {
            let mut stmt = self.tx.prepare_cached(
                "SELECT COALESCE(a.name, ea.actor_id) FROM event_actors ea LEFT JOIN actors a ON a.id = ea.actor_id
                 WHERE ea.event_id = ?1 ORDER BY ea.pos",
            )?;
            let rows = stmt.query_map([id], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        self.tx.execute(
            "UPDATE events SET title = ?2 WHERE id = ?1",
            params![id, title(kind, &names)],
        )?;
        Ok(())
    }
}

fn change_word<T: serde::Serialize>(c: &T) -> String {
    serde_json::to_value(c)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
