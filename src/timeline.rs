//! The timeline's derived state: events merged from the stored mentions,
//! their titles, and the dates of articles that have none of their own.
//!
//! This module owns every decision about derived state, inside the
//! ingest's one transaction: whether to merge again only the groups that
//! changed or everything, the one merge step that looks across groups
//! (announced rounds), which articles are read again, and how an undated
//! article is dated from events known elsewhere. It calls the pure stages
//! (`extract`, `merge`) and the store's mechanical operations; the store
//! decides nothing.
//!
//! Invariant: a full and an incremental refresh of the same stored
//! mentions write the same tables (tested below).

use crate::extract::actors::ActorBook;
use crate::extract::{extract, extract_with, Extraction};
use crate::merge;
use crate::model::{ActorInfo, Kind, MentionRec, MergedEvent, NewEvent, Precision};
use crate::reader::Article;
use crate::store::{NewArticle, Store, StoreError, Writer};
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap, HashSet};

type Result<T> = std::result::Result<T, StoreError>;

/// Above this many changed merge groups a full merge is cheaper than an
/// incremental one.
pub const INCREMENTAL_LIMIT: usize = 5_000;

/// How an article's date is recorded when it comes from known events.
pub const INFERRED_FROM_EVENTS: &str =
    "events it reports that dated articles also report (e.g. a call it places \"last night\")";

/// What a refresh needs besides the store.
pub struct Refresh<'a> {
    /// The actor book as the run read its files: it knows the people
    /// discovered by earlier runs (`known`).
    pub book: &'a ActorBook,
    /// The book without them.
    pub plain: &'a ActorBook,
    /// The people discovered before this run.
    pub known: &'a [ActorInfo],
    /// Articles or their mentions changed in this transaction.
    pub changed: bool,
    /// Threads for re-extraction.
    pub workers: usize,
    /// The ingest time recorded with articles written again.
    pub now: &'a str,
    /// The day of the ingest: the latest year a weekday with a day and
    /// month can fall in.
    pub today: NaiveDate,
    /// What the corrections file changed (see [`mirror_corrections`]):
    /// None when nothing; else the merge groups that entries gone or
    /// changed had touched, merged afresh, which undoes them.
    pub regroup: Option<&'a [String]>,
}

/// Bring the events up to date with what this transaction stored, and
/// return how many events the timeline holds.
///
/// People named for the first time in this run may be the "Ames" an article
/// could not place: those articles are read again. Then the changed groups
/// are merged again (or all of them), and articles without a date of their
/// own are dated from the events they report, which may change the events
/// once more. Re-evaluated whenever the timeline changes, so the result
/// does not depend on the order articles came in.
pub fn refresh(w: &mut Writer<'_>, r: &Refresh<'_>) -> Result<i64> {
    let full = if r.changed {
        reread_for_new_people(w, r.plain, r.known, r.workers)?
    } else {
        None
    };
    let book = full.as_ref().unwrap_or(r.book);
    let merging = r.changed || w.needs_rebuild()?;
    if merging {
        let clock = std::time::Instant::now();
        merge_changes(w)?;
        tracing::debug!(took = ?clock.elapsed(), "merge");
        let clock = std::time::Instant::now();
        let redated = redate_undated(w, book, r.now, r.today)?;
        if redated {
            merge_changes(w)?;
        }
        tracing::debug!(took = ?clock.elapsed(), redated, "undated articles");
    }
    // Nothing merged and the corrections as they were: they are applied
    // already, but for the actors' names and settings, which writing the
    // actor book has put back.
    if merging || r.regroup.is_some() {
        correct(w, r.regroup.unwrap_or_default())?;
    } else {
        w.reapply_actor_fields()?;
    }
    w.count_events()
}

/// The timeline as extracted, without the analyst's corrections: a copy
/// of `store` at `to`, its corrections dropped and the groups they touched
/// merged afresh. What `readout eval` scores unless told otherwise.
pub fn uncorrected_copy(store: &Store, to: &std::path::Path) -> Result<Store> {
    store.copy_to(to)?;
    let mut copy = Store::open(to)?;
    copy.write(|w| {
        let none = crate::corrections::Source::File(crate::corrections::Corrections::default());
        let regroup = mirror_corrections(w, &none)?;
        correct(w, regroup.as_deref().unwrap_or_default())
    })?;
    Ok(copy)
}

/// Mirror the corrections file when this ingest read one; return None when
/// that changed nothing, else the merge groups its entries gone or changed
/// had touched. A file that
/// cannot be read mirrors as none: the timeline goes uncorrected, the
/// problem recorded.
pub fn mirror_corrections(w: &mut Writer<'_>, source: &crate::corrections::Source) -> Result<Option<Vec<String>>> {
    use crate::corrections::{Corrections, Source};
    match source {
        Source::Keep => Ok(None),
        Source::File(c) => {
            w.set_corrections_problem(None)?;
            w.mirror_corrections(c)
        }
        Source::Broken(problem) => {
            w.set_corrections_problem(Some(problem))?;
            w.mirror_corrections(&Corrections::default())
        }
    }
}

/// Merge afresh the groups corrections gone or changed had touched, then
/// apply every entry to the events as merged.
fn correct(w: &mut Writer<'_>, regroup: &[String]) -> Result<()> {
    if !regroup.is_empty() {
        let groups: HashSet<String> = regroup.iter().cloned().collect();
        merge_groups(w, &groups, &HashSet::new())?;
    }
    w.apply_corrections(&merge::event_title)
}

/// Merge again the groups this transaction changed (with the meeting
/// groups that share their days, since announced multi-party rounds are
/// absorbed across groups), or every group after a schema change or a run
/// that changed more than [`INCREMENTAL_LIMIT`] groups.
pub fn merge_changes(w: &mut Writer<'_>) -> Result<()> {
    let touched = w.take_touched();
    match touched.groups {
        Some(g) if g.len() <= INCREMENTAL_LIMIT && !w.needs_rebuild()? => {
            // Indexes deferred for a bulk load of articles: an incremental
            // merge looks mentions up by them.
            w.restore_indexes()?;
            if g.is_empty() {
                return Ok(());
            }
            merge_groups(w, &g, &touched.orphans)
        }
        _ => merge_all(w),
    }
}

/// The kinds whose events absorb announced rounds across groups.
fn meeting_kinds() -> Vec<Kind> {
    Kind::ALL.into_iter().filter(|k| k.is_meeting()).collect()
}

/// Every group merged again, one group at a time (memory holds one
/// group's mentions), then the step across groups over the written events,
/// then every count.
fn merge_all(w: &mut Writer<'_>) -> Result<()> {
    let clock = std::time::Instant::now();
    w.restore_indexes()?;
    fill_group_keys(w)?;
    tracing::debug!(took = ?clock.elapsed(), "mention indexes and keys");
    let names = w.actor_names()?;
    // The days on which an announced round may be absorbed: only events of
    // its kind on its day take part in that step.
    let mut round_days: BTreeSet<(Kind, NaiveDate)> = BTreeSet::new();
    w.rewrite_all_events(|recs| {
        let events = merge::merge_within_groups(recs);
        for e in events.iter().filter(|e| merge::may_be_announced_round(e)) {
            if let Some(d) = e.date {
                round_days.insert((e.kind, d.date));
            }
        }
        Ok(to_write(events, recs, &names))
    })?;
    let clock = std::time::Instant::now();
    let mut absorbed = 0;
    for (kind, day) in round_days {
        let before: Vec<MergedEvent> = w
            .events_on(kind, day)?
            .into_iter()
            .filter(|e| e.date.map(|d| d.precision) == Some(Precision::Day))
            .collect();
        let mut after = before.clone();
        merge::absorb_announced_rounds(&mut after);
        absorbed += before.len() - after.len();
        w.update_events(&before, &after)?;
    }
    tracing::debug!(absorbed, took = ?clock.elapsed(), "announced rounds");
    let clock = std::time::Instant::now();
    w.rebuild_counts()?;
    tracing::debug!(took = ?clock.elapsed(), "counts");
    w.delete_unmentioned_actors(None)
}

/// The changed groups, and the meeting groups sharing their days, merged
/// again in memory; counts follow the events removed and added.
fn merge_groups(w: &mut Writer<'_>, groups: &HashSet<String>, orphans: &HashSet<String>) -> Result<()> {
    let clock = std::time::Instant::now();
    w.mark_groups(groups)?;
    w.mark_groups_sharing_days(&meeting_kinds())?;
    let recs = w.marked_mentions()?;
    let t0 = std::time::Instant::now();
    let merged = merge::merge(&recs);
    tracing::debug!(mentions = recs.len(), read = ?(t0 - clock), merge = ?t0.elapsed(), "merged");
    let names = w.actor_names()?;
    w.replace_marked_events(&to_write(merged, &recs, &names))?;
    w.delete_unmentioned_actors(Some(orphans))
}

/// Events as the store writes them: with their titles from the actors'
/// names, the number of articles that report them, and their group.
fn to_write(events: Vec<MergedEvent>, recs: &[MentionRec], names: &HashMap<String, String>) -> Vec<NewEvent> {
    let by_id: HashMap<i64, &MentionRec> = recs.iter().map(|r| (r.id, r)).collect();
    events
        .into_iter()
        .map(|e| {
            let actor_names: Vec<String> = e
                .actors
                .iter()
                .map(|a| names.get(a).cloned().unwrap_or_else(|| a.clone()))
                .collect();
            let mine: Vec<&MentionRec> = e.mentions.iter().filter_map(|m| by_id.get(m).copied()).collect();
            let mut arts: Vec<&str> = mine.iter().map(|m| &*m.article).collect();
            arts.sort_unstable();
            arts.dedup();
            let mut outlets: Vec<String> = mine
                .iter()
                .filter_map(|m| m.outlet.as_deref())
                .map(str::to_string)
                .collect();
            outlets.sort_unstable();
            outlets.dedup();
            NewEvent {
                title: merge::event_title(e.kind, &actor_names),
                n_articles: arts.len(),
                group_key: crate::model::group_key(e.kind, &e.actors),
                gist: merge::lead(&e, mine.iter().copied())
                    .map(|m| m.gist.to_string())
                    .unwrap_or_default(),
                outlets,
                event: e,
            }
        })
        .collect()
}

/// Record the group key of mentions written before keys were stored, a
/// bounded batch at a time.
fn fill_group_keys(w: &mut Writer<'_>) -> Result<()> {
    const BATCH: usize = 10_000;
    loop {
        let batch = w.mentions_without_group_key(BATCH)?;
        if batch.is_empty() {
            return Ok(());
        }
        for (id, kind, actors) in batch {
            // Never empty (the kind comes first), so the loop ends.
            w.set_group_key(id, &crate::model::group_key(kind, &actors))?;
        }
    }
}

/// Articles without a date of their own (stored before or now) that report
/// events known from other articles take their date from them; as a last
/// resort, a weekday with its day and month ("Friday, February 28") is
/// placed in the latest year that fits, up to `today`. True if any article
/// was written again.
fn redate_undated(w: &mut Writer<'_>, book: &ActorBook, now: &str, today: NaiveDate) -> Result<bool> {
    let mut redated = false;
    let notes = [INFERRED_FROM_EVENTS, crate::extract::dates::INFERRED_WEEKDAY_YEAR];
    for u in w.undated_articles(&notes)? {
        let base = extract(&u.body, None, book);
        if base.inferred_date.is_some() {
            continue;
        }
        let want = match date_from_known_events(w, &base, &u.id)? {
            Some(d) => Some((d, INFERRED_FROM_EVENTS)),
            None => {
                crate::extract::weekday_year(&u.body, today).map(|d| (d, crate::extract::dates::INFERRED_WEEKDAY_YEAR))
            }
        };
        if want.map(|(d, _)| d) == u.inferred {
            continue;
        }
        let extraction = match want {
            Some(inferred) => extract_with(&u.body, None, Some(inferred), book),
            None => base,
        };
        let article = Article {
            title: u.title.clone(),
            published: None,
            date_warning: None,
            encoding_note: None,
            body: u.body.clone(),
            url: u.url.clone(),
            outlet: u.outlet.clone(),
        };
        let na = NewArticle {
            path: &u.path,
            hash: &u.hash,
            size: u.size,
            mtime: u.mtime,
            article: &article,
            extraction: &extraction,
        };
        w.delete_article(&u.id)?;
        w.insert_article(&u.id, &na, now)?;
        redated = true;
    }
    Ok(redated)
}

/// For an article with no date of its own: the publication date implied by
/// its calls and talks dated relatively ("last night", "yesterday") that
/// match events already known with a date of their own. The date most
/// mentions agree on wins; a tie gives no date.
fn date_from_known_events(w: &Writer<'_>, x: &Extraction, article: &str) -> Result<Option<NaiveDate>> {
    let mut votes: HashMap<NaiveDate, usize> = HashMap::new();
    for m in &x.mentions {
        let Some(crate::extract::dates::TimeValue::Offset(n)) = m.relative else {
            continue;
        };
        if !m.kind.is_meeting() {
            continue;
        }
        let ids: Vec<String> = m.actors.iter().map(|&a| x.actors[a].id.clone()).collect();
        let parties = crate::model::actor_key(m.kind, &ids).len();
        if !(2..=4).contains(&parties) {
            continue;
        }
        for d in w.dated_events_like(&crate::model::group_key(m.kind, &ids), article)? {
            *votes.entry(d - chrono::Duration::days(n)).or_default() += 1;
        }
    }
    let mut ranked: Vec<(NaiveDate, usize)> = votes.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(match ranked.as_slice() {
        [] => None,
        [(d, _)] => Some(*d),
        [(d, a), (_, b), ..] => (a > b).then_some(*d),
    })
}

/// Read again the dated articles that gave a single name ("Ames said")
/// whose person was first named in this run, knowing every discovered
/// person, so the result does not depend on the order the articles came
/// in. Returns the book that knows them when any article was read again.
fn reread_for_new_people(
    w: &mut Writer<'_>,
    book: &ActorBook,
    known: &[ActorInfo],
    workers: usize,
) -> Result<Option<ActorBook>> {
    let before: HashSet<&str> = known.iter().map(|p| p.id.as_str()).collect();
    let now_known = w.discovered_people()?;
    let mut keys: Vec<String> = now_known
        .iter()
        .filter(|p| !before.contains(p.id.as_str()))
        .filter_map(|p| crate::extract::actors::remembered_surname(book.titles(), &p.name))
        .collect();
    keys.sort();
    keys.dedup();
    if keys.is_empty() {
        return Ok(None);
    }
    let clock = std::time::Instant::now();
    let naming = w.dated_articles_naming(&keys)?;
    if naming.is_empty() {
        return Ok(None);
    }
    let full = book.clone().remember(&now_known);
    // Mentions are deleted by article: through their index, which a first
    // load defers.
    w.restore_indexes()?;
    // Extracted on all cores a slice at a time (memory holds one slice of
    // results), written in order.
    for ids in naming.chunks(1024) {
        let mut slice = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some((body, Some(published))) = w.article_text(id)? {
                slice.push((id, body, published));
            }
        }
        let per = slice.len().div_ceil(workers.max(1)).max(1);
        let full = &full;
        let extracted: Vec<Extraction> = std::thread::scope(|scope| {
            let handles: Vec<_> = slice
                .chunks(per)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|(_, body, published)| extract(body, Some(*published), full))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
        });
        if extracted.len() != slice.len() {
            // A panic while extracting: keep what was stored.
            continue;
        }
        for ((id, body, _), ex) in slice.iter().zip(&extracted) {
            w.replace_extraction(id, body, ex)?;
        }
    }
    tracing::debug!(took = ?clock.elapsed(), articles = naming.len(), "read again for new people");
    Ok(Some(full))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use std::path::Path;

    /// A store holding an announced three-way call (planned, from one
    /// article) and the two calls held on its day (from another), written
    /// without group keys, as stored before keys were recorded.
    fn store_with_an_announced_round(path: &Path) -> Store {
        let store = Store::open(path).expect("open");
        store
            .conn()
            .execute_batch(
                "INSERT INTO articles (id, path, hash, size, title, body, sentences, ingested_at) VALUES
                   ('a1', '/a1.txt', 'h1', 1, 'A1', 'x', 1, 'now'), ('a2', '/a2.txt', 'h2', 1, 'A2', 'x', 1, 'now');
                 INSERT INTO mentions (id, article_id, kind, date, precision, date_source, status,
                                       sent_start, sent_end, trig_start, trig_end, evidence) VALUES
                   (1, 'a1', 'call', '2025-06-09', 'day', 'anchored', 'planned', 0, 1, 0, 1, 'will speak'),
                   (2, 'a2', 'call', '2025-06-09', 'day', 'stated', 'held', 0, 1, 0, 1, 'spoke'),
                   (3, 'a2', 'call', '2025-06-09', 'day', 'stated', 'held', 0, 1, 0, 1, 'spoke'),
                   (4, 'a2', 'statement', '2025-06-09', 'day', 'stated', 'held', 0, 1, 0, 1, 'said');
                 INSERT INTO mention_actors (mention_id, pos, actor_id) VALUES
                   (1, 0, 'ann'), (1, 1, 'bob'), (1, 2, 'cara'), (2, 0, 'ann'), (2, 1, 'bob'),
                   (3, 0, 'cara'), (3, 1, 'ann'), (4, 0, 'bob');",
            )
            .expect("mentions");
        store
    }

    /// What a merge wrote: events, their links, and every count.
    fn merged_tables(store: &Store) -> Vec<String> {
        let mut out = Vec::new();
        for (table, order) in [
            ("events", "id"),
            ("event_actors", "event_id, pos"),
            ("event_mentions", "event_id, mention_id"),
            ("actor_stats", "actor_id"),
            ("kind_stats", "kind"),
            ("day_kinds", "sort_key, kind"),
            ("day_shapes", "sort_key, kind, precision, status"),
            ("day_actors", "sort_key, kind, actor_id"),
            ("month_actors", "month, kind, actor_id"),
        ] {
            let mut stmt = store
                .conn()
                .prepare(&format!("SELECT * FROM {table} ORDER BY {order}"))
                .expect("select");
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    let cols = (0..n)
                        .map(|i| Ok(format!("{:?}", r.get::<_, rusqlite::types::Value>(i)?)))
                        .collect::<rusqlite::Result<Vec<_>>>()?;
                    Ok(format!("{table}: {}", cols.join(" | ")))
                })
                .expect("rows");
            out.extend(rows.map(|r| r.expect("row")));
        }
        out
    }

    #[test]
    fn a_full_merge_absorbs_an_announced_round_into_the_calls_held() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = store_with_an_announced_round(&dir.path().join("full.db"));
        store
            .write(|w| {
                // Keys missing: the merge is a full one, and records them.
                assert!(w.needs_rebuild()?);
                merge_changes(w)
            })
            .expect("merge");
        let keys: i64 = store
            .conn()
            .query_row("SELECT COUNT(*) FROM mentions WHERE group_key = ''", [], |r| r.get(0))
            .expect("keys");
        assert_eq!(keys, 0);
        let tables = merged_tables(&store);
        let links: Vec<&String> = tables.iter().filter(|t| t.starts_with("event_mentions")).collect();
        assert_eq!(
            links,
            [
                "event_mentions: Text(\"2025-06-09-call-ann-bob\") | Integer(1)",
                "event_mentions: Text(\"2025-06-09-call-ann-bob\") | Integer(2)",
                "event_mentions: Text(\"2025-06-09-call-ann-cara\") | Integer(1)",
                "event_mentions: Text(\"2025-06-09-call-ann-cara\") | Integer(3)",
                "event_mentions: Text(\"2025-06-09-statement-bob\") | Integer(4)",
            ]
        );
        let counts: Vec<(String, i64, i64)> = store
            .conn()
            .prepare("SELECT id, n_mentions, n_articles FROM events ORDER BY id")
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect::<rusqlite::Result<_>>()
            })
            .expect("events");
        assert_eq!(
            counts,
            [
                ("2025-06-09-call-ann-bob".to_string(), 2, 2),
                ("2025-06-09-call-ann-cara".to_string(), 2, 2),
                ("2025-06-09-statement-bob".to_string(), 1, 1),
            ]
        );
        assert!(tables.contains(&"kind_stats: Text(\"call\") | Integer(2)".to_string()));
        assert!(tables.contains(
            &"actor_stats: Text(\"ann\") | Integer(2) | Text(\"2025-06-09\") | Text(\"2025-06-09\")".to_string()
        ));
        assert!(tables
            .contains(&"day_actors: Text(\"2025-06-09\") | Text(\"call\") | Text(\"cara\") | Integer(1)".to_string()));
    }

    #[test]
    fn full_and_incremental_merges_write_the_same_tables() {
        let dir = tempfile::tempdir().expect("dir");
        let mut full = store_with_an_announced_round(&dir.path().join("full.db"));
        full.write(merge_changes).expect("full merge");
        let mut step = store_with_an_announced_round(&dir.path().join("step.db"));
        step.write(fill_group_keys).expect("keys");
        let keys: HashSet<String> = step
            .conn()
            .prepare("SELECT DISTINCT group_key FROM mentions")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("groups");
        // As merge_changes does below its limit of changed groups once
        // events exist.
        step.write(|w| merge_groups(w, &keys, &HashSet::new()))
            .expect("incremental merge");
        assert_eq!(merged_tables(&step), merged_tables(&full));
    }
}
