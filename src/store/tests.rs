//! Tests of the store's writes and reads.

use super::read::*;
use super::*;

/// Migration 0009 fills the new column from event_actors, in order.
#[test]
pub(in crate::store) fn event_actor_ids_are_filled_from_the_link_table() {
    let mut conn = Connection::open_in_memory().expect("open");
    migrations().to_version(&mut conn, 8).expect("migrate to 8");
    conn.execute_batch(
        "INSERT INTO events (id, kind, sort_key, date_source, status, title, n_articles, n_mentions, group_key)
           VALUES ('e1', 'call', '2025-01-01', 'explicit', 'held', 't', 1, 1, 'g'),
                  ('e2', 'statement', '~', 'none', 'held', 't', 1, 1, 'g');
         INSERT INTO event_actors (event_id, pos, actor_id) VALUES ('e1', 1, 'b-b'), ('e1', 0, 'a-a');",
    )
    .expect("old rows");
    migrations().to_latest(&mut conn).expect("migrate");
    let ids: Vec<String> = conn
        .prepare("SELECT actor_ids FROM events ORDER BY id")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("read");
    assert_eq!(ids, ["a-a b-b", ""]);
}

#[test]
pub(in crate::store) fn months_between_counts_across_years() {
    assert_eq!(
        months_between("2024-11", "2025-02"),
        Some(vec![
            "2024-11".into(),
            "2024-12".into(),
            "2025-01".into(),
            "2025-02".into()
        ])
    );
    assert_eq!(months_between("2025-03", "2025-03"), Some(vec!["2025-03".into()]));
    assert_eq!(months_between("2025-04", "2025-03"), Some(vec![]));
    assert_eq!(months_between("0000-00", "2025-03"), None);
    assert_eq!(months_between("2025-01", "9999-99"), None);
}

/// Migration 0014 copies each event's kind, date and actor ids onto its
/// event_actors rows.
#[test]
pub(in crate::store) fn event_actor_rows_get_their_events_columns() {
    let mut conn = Connection::open_in_memory().expect("open");
    migrations().to_version(&mut conn, 13).expect("migrate to 13");
    conn.execute_batch(
        "INSERT INTO events (id, kind, date, precision, sort_key, date_source, status, title, n_articles, n_mentions, group_key, actor_ids)
           VALUES ('e1', 'call', '2025-01-01', 'day', '2025-01-01', 'explicit', 'held', 't', 1, 1, 'g', 'a-a b-b'),
                  ('e2', 'statement', NULL, NULL, '~', 'none', 'held', 't', 1, 1, 'g', 'a-a');
         INSERT INTO event_actors (event_id, pos, actor_id, sort_key) VALUES
           ('e1', 0, 'a-a', '2025-01-01'), ('e1', 1, 'b-b', '2025-01-01'), ('e2', 0, 'a-a', '~');",
    )
    .expect("old rows");
    migrations().to_latest(&mut conn).expect("migrate");
    let rows: Vec<(String, String, Option<String>, String)> = conn
        .prepare("SELECT event_id, kind, date, actor_ids FROM event_actors ORDER BY event_id, pos")
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect()
        })
        .expect("read");
    let row =
        |e: &str, k: &str, d: Option<&str>, a: &str| (e.to_string(), k.to_string(), d.map(String::from), a.to_string());
    assert_eq!(
        rows,
        [
            row("e1", "call", Some("2025-01-01"), "a-a b-b"),
            row("e1", "call", Some("2025-01-01"), "a-a b-b"),
            row("e2", "statement", None, "a-a"),
        ]
    );
}

pub(in crate::store) fn index_sql(store: &Store) -> Vec<String> {
    store
        .conn()
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("indexes")
}

/// Indexes dropped for a bulk load come back exactly as the migrations
/// made them, even when the writer forgets to restore them.
#[test]
pub(in crate::store) fn deferred_indexes_are_built_again_before_commit() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open(&dir.path().join("r.db")).expect("open");
    let before = index_sql(&store);
    assert!(before.iter().any(|s| s.contains("events_sort")), "{before:?}");
    let during = store
        .write(|w| {
            w.defer_indexes(&["events", "mentions"])?;
            Ok(w.tx.query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'events_sort'",
                [],
                |r| r.get::<_, i64>(0),
            )?)
        })
        .expect("write");
    assert_eq!(during, 0, "dropped inside the transaction");
    assert_eq!(index_sql(&store), before);
}

/// A day's first events are read by one prepared statement, not
/// prepared again for each day (as a bound LIMIT made SQLite do).
#[test]
pub(in crate::store) fn a_day_head_is_prepared_once() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("r.db")).expect("open");
    let r = store.reader();
    for day in 1..=3 {
        let d = NaiveDate::from_ymd_opt(2025, 1, day).expect("a day");
        r.day_head(d, 11).expect("read");
    }
    let stmt = r.conn.prepare_cached(&day_head_sql(11)).expect("cached");
    assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
}

/// A write made while a reader holds an older snapshot stays in the
/// log; once the reader is done, a checkpoint copies all of it.
#[test]
pub(in crate::store) fn a_checkpoint_copies_what_a_reader_held_back() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.db");
    let store = Store::open(&path).expect("open");
    let touch = |n: i64| {
        store
            .conn()
            .execute("UPDATE search_state SET upto = ?1 WHERE id = 1", [n])
            .expect("write")
    };
    touch(1);
    assert!(store.checkpoint().expect("checkpoint"), "nothing holds it back");
    let reader = Connection::open(&path).expect("reader");
    reader.execute_batch("BEGIN").expect("begin");
    let seen: i64 = reader
        .query_row("SELECT upto FROM search_state WHERE id = 1", [], |r| r.get(0))
        .expect("read");
    assert_eq!(seen, 1);
    touch(2);
    assert!(
        !store.checkpoint().expect("checkpoint"),
        "the reader's snapshot holds the log"
    );
    reader.execute_batch("COMMIT").expect("end");
    assert!(
        store.checkpoint().expect("checkpoint"),
        "all copied once the reader is done"
    );
    // The copy is what the next reader reads.
    let later: i64 = Connection::open(&path)
        .and_then(|c| c.query_row("SELECT upto FROM search_state WHERE id = 1", [], |r| r.get(0)))
        .expect("read");
    assert_eq!(later, 2);
}

#[test]
pub(in crate::store) fn past_the_limit_changes_are_not_listed_but_all_touched() {
    let mut c = Changed::default();
    c.may_orphan("ann".into());
    for i in 0..LISTED_GROUPS {
        c.touch(format!("call-{i}"));
    }
    assert!(!c.all);
    assert_eq!((c.groups.len(), c.orphans.len()), (LISTED_GROUPS, 1));
    c.touch("call-one-more".into());
    c.may_orphan("bob".into());
    assert!(c.all);
    assert!(c.groups.is_empty() && c.orphans.is_empty());
}
