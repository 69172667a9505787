//! Actors: one actor with its counts and counterparts, and the list.

use super::*;

/// Actors listed as an actor's counterparts.
pub(in crate::store) const COUNTERPARTS: usize = 50;

impl ReadConn<'_> {
    pub fn actor(&self, id: &str) -> Result<Option<ActorDetail>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.name, a.kind, a.role, a.country, a.discovered, f.id, f.name, f.kind
             FROM actors a LEFT JOIN actors f ON f.id = a.affiliation WHERE a.id = ?1",
        )?;
        let row = stmt
            .query_row(params![id], |r| {
                let aff = match r.get::<_, Option<String>>(6)? {
                    Some(fid) => Some(ActorRef {
                        id: fid,
                        name: r.get::<_, String>(7)?.into(),
                        kind: typed(r, 8, ActorKind::parse)?,
                    }),
                    None => None,
                };
                Ok(ActorDetail {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: typed(r, 2, ActorKind::parse)?,
                    role: r.get(3)?,
                    country: r.get(4)?,
                    discovered: r.get::<_, i64>(5)? == 1,
                    affiliation: aff,
                    aliases: Vec::new(),
                })
            })
            .optional()?;
        let Some(mut a) = row else { return Ok(None) };
        let mut stmt = self
            .conn
            .prepare_cached("SELECT alias FROM actor_aliases WHERE actor_id = ?1 AND alias != ?2 ORDER BY alias")?;
        a.aliases = stmt
            .query_map(params![a.id, a.name], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        Ok(Some(a))
    }

    /// Events per kind for an actor.
    /// An actor's events by kind, and the actors that share events with
    /// them (the 50 most frequent), from one pass over the actor's events.
    pub fn actor_tally(&self, id: &str) -> Result<ActorTally> {
        let Tally {
            kinds,
            actors: mut counted,
            days,
        } = self.tally(
            &Filter {
                actors: vec![id.to_string()],
                ..Filter::default()
            },
            true,
        )?;
        counted.retain(|(_, other)| other != id);
        Ok(ActorTally {
            kinds,
            counterparts: self.top_actors(counted, COUNTERPARTS)?,
            days,
        })
    }

    pub fn actor_span(&self, id: &str) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT first_seen, last_seen FROM actor_stats WHERE actor_id = ?1")?;
        Ok(stmt
            .query_row(params![id], |r| Ok((iso_day(r, 0)?, iso_day(r, 1)?)))
            .optional()?
            .unwrap_or((None, None)))
    }

    /// An actor by id, named from what this connection keeps (see
    /// `attach_actors`): no look-up of its details.
    pub fn actor_ref(&self, id: &str) -> Result<Option<ActorRef>> {
        Ok(self.name_actors([id])?.pop())
    }

    /// Whom `id` meets and makes demands of, and who makes demands of it
    /// (see [`Partners`]); at most `limit` of each. `meetings` are the
    /// kinds whose actors are all parties, `demand` the kind whose first
    /// actor asks the others.
    pub fn partners(&self, id: &str, meetings: &[Kind], demand: Kind, limit: usize) -> Result<Partners> {
        // The actor's own offices, and the people they speak for: never
        // partners (the rule of the network's sides, `own_side`).
        let mut memo = OwnSides::default();
        let mut own_memo: rustc_hash::FxHashMap<String, bool> = Default::default();
        let mut own = |other: &str| -> Result<bool> {
            if let Some(&o) = own_memo.get(other) {
                return Ok(o);
            }
            let o = self.own_side(&mut memo, id, other)? || self.own_side(&mut memo, other, id)?;
            own_memo.insert(other.to_string(), o);
            Ok(o)
        };
        let mut met: rustc_hash::FxHashMap<String, i64> = Default::default();
        let mut of: rustc_hash::FxHashMap<String, i64> = Default::default();
        let mut by: rustc_hash::FxHashMap<String, i64> = Default::default();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT fa0.kind, fa0.actor_ids FROM event_actors fa0 WHERE fa0.actor_id = ?1")?;
        let mut rows = stmt.query(params![id])?;
        while let Some(r) = rows.next()? {
            let kind = parse_kind(r.get_ref(0)?.as_str().map_err(text_error(0))?)?;
            let ids = r.get_ref(1)?.as_str().map_err(text_error(1))?;
            let first = ids.split(' ').next().unwrap_or("");
            let into = if meetings.contains(&kind) {
                &mut met
            } else if kind == demand && first == id {
                &mut of
            } else if kind == demand {
                // Demanded of this actor (or with it): by the demander only.
                if first != id && !own(first)? {
                    *by.entry(first.to_string()).or_default() += 1;
                }
                continue;
            } else {
                continue;
            };
            for other in ids.split(' ').filter(|o| !o.is_empty() && *o != id) {
                if !own(other)? {
                    *into.entry(other.to_string()).or_default() += 1;
                }
            }
        }
        let ranked = |m: rustc_hash::FxHashMap<String, i64>| -> Result<Vec<(ActorRef, i64)>> {
            self.top_actors(m.into_iter().map(|(id, n)| (n, id)).collect(), limit)
        };
        Ok(Partners {
            met: ranked(met)?,
            demanded_of: ranked(of)?,
            demanded_by: ranked(by)?,
        })
    }

    /// Actors with events whose id, name or an alias holds `text` (case
    /// aside), those it names exactly first ("putin" is exactly the alias
    /// "Putin"), then the busiest; at most `limit`. What a person typed
    /// into the actor filter, as actors.
    pub fn actors_named(&self, text: &str, limit: usize) -> Result<Vec<(ActorRef, bool)>> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(Vec::new());
        }
        let like = format!("%{}%", escape_like(text));
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.name, a.kind,
                    MAX(lower(a.name) = lower(?1) OR lower(a.id) = lower(?1) OR lower(COALESCE(al.alias, '')) = lower(?1)) AS exact
             FROM actors a JOIN actor_stats s ON s.actor_id = a.id
             LEFT JOIN actor_aliases al ON al.actor_id = a.id
             WHERE a.name LIKE ?2 ESCAPE '\\' OR a.id LIKE ?2 ESCAPE '\\' OR al.alias LIKE ?2 ESCAPE '\\'
             GROUP BY a.id ORDER BY exact DESC, s.events DESC, a.name LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![text, like, limit as i64], |r| {
            Ok((
                ActorRef {
                    id: r.get(0)?,
                    name: r.get::<_, String>(1)?.into(),
                    kind: typed(r, 2, ActorKind::parse)?,
                },
                r.get::<_, i64>(3)? == 1,
            ))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Actors that take part in at least one event, busiest first.
    pub fn actors(&self) -> Result<Vec<ActorSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.name, a.kind, a.role, s.events AS n, s.first_seen, s.last_seen FROM actor_stats s
             JOIN actors a ON a.id = s.actor_id ORDER BY n DESC, a.name",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ActorSummary {
                actor: ActorRef {
                    id: r.get(0)?,
                    name: r.get::<_, String>(1)?.into(),
                    kind: typed(r, 2, ActorKind::parse)?,
                },
                role: r.get(3)?,
                events: r.get(4)?,
                first_seen: iso_day(r, 5)?,
                last_seen: iso_day(r, 6)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Actor details for a set of ids (export).
    pub fn actor_details(&self) -> Result<HashMap<String, ActorDetail>> {
        let mut aliases: HashMap<String, Vec<String>> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT actor_id, alias FROM actor_aliases ORDER BY actor_id, alias")?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            for r in rows {
                let (a, al) = r?;
                aliases.entry(a).or_default().push(al);
            }
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, kind, role, country, discovered FROM actors")?;
        let rows = stmt.query_map([], |r| {
            Ok(ActorDetail {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: typed(r, 2, ActorKind::parse)?,
                role: r.get(3)?,
                country: r.get(4)?,
                discovered: r.get::<_, i64>(5)? == 1,
                affiliation: None,
                aliases: Vec::new(),
            })
        })?;
        let mut out = HashMap::new();
        for r in rows {
            let mut a = r?;
            let name = a.name.clone();
            a.aliases = aliases
                .remove(&a.id)
                .unwrap_or_default()
                .into_iter()
                .filter(|x| *x != name)
                .collect();
            out.insert(a.id.clone(), a);
        }
        Ok(out)
    }
}
