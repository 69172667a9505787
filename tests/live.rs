//! The serving runtime in-process: the one writer thread follows the data
//! folder through its watcher, ingests at once when asked, and fills the
//! search index between wakes.

mod common;

use common::{book, seed_copy};
use readout::serve::StoreThread;
use readout::store::{ReadPool, Store};
use std::path::Path;
use std::time::{Duration, Instant};

/// Poll the database until `check` holds, for up to 30 seconds.
fn eventually(pool: &ReadPool, check: impl Fn(&readout::store::ReadConn<'_>) -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if pool.with(|r| Ok(check(r))).unwrap_or(false) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

fn events_of(r: &readout::store::ReadConn<'_>, actor: &str) -> usize {
    r.all_events()
        .map(|all| all.iter().filter(|e| e.actors.iter().any(|a| a.id == actor)).count())
        .unwrap_or(0)
}

fn articles_found(r: &readout::store::ReadConn<'_>, word: &str) -> i64 {
    r.search(word, 10).map(|s| s.articles_total).unwrap_or(-1)
}

fn write(data: &Path, text: &str) {
    std::fs::write(data.join("live.txt"), text).expect("write");
}

#[test]
fn the_writer_follows_the_folder_and_indexes_between_wakes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = seed_copy(dir.path());
    let db = dir.path().join("r.db");
    let writer = StoreThread::start(Store::open(&db).expect("open"), book(), Some(data.clone()), true);
    let pool = ReadPool::new(&db);
    assert!(
        eventually(&pool, |r| events_of(r, "vladimir-putin") > 0),
        "the seeds were never read"
    );
    write(
        &data,
        " date 2026-01-05\nForeign Minister Ann Example met Foreign Minister Bo Example in Oslo on Monday.\n",
    );
    assert!(
        eventually(&pool, |r| events_of(r, "bo-example") == 1),
        "a new file never showed"
    );
    write(
        &data,
        " date 2026-01-05\nForeign Minister Ann Example met Foreign Minister Cy Example in Oslo on Monday.\n\nThe mood was zephyrous.\n",
    );
    assert!(
        eventually(&pool, |r| events_of(r, "cy-example") == 1
            && events_of(r, "bo-example") == 0),
        "a changed file never showed"
    );
    // The whole text reaches the search index between wakes: a word outside
    // the event's sentence.
    assert!(
        eventually(&pool, |r| articles_found(r, "zephyrous") == 1),
        "a new text never reached the search index"
    );
    std::fs::remove_file(data.join("live.txt")).expect("remove");
    assert!(
        eventually(&pool, |r| events_of(r, "ann-example") == 0
            && articles_found(r, "zephyrous") == 0),
        "a removed file never went"
    );
    writer.stop();
}

/// The corrections file edited by hand while serving is read again: the
/// event it hides goes, and comes back when the entry is deleted.
#[test]
fn a_hand_edit_of_the_corrections_file_is_followed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = seed_copy(dir.path());
    let db = dir.path().join("r.db");
    let writer = StoreThread::start(Store::open(&db).expect("open"), book(), Some(data.clone()), true);
    let pool = ReadPool::new(&db);
    let call = "2025-05-19-call-donald-trump-vladimir-putin";
    let has_call = |r: &readout::store::ReadConn<'_>| r.event(call).ok().flatten().is_some();
    assert!(eventually(&pool, has_call), "the seeds were never read");
    let file = data.join(readout::corrections::FILE_NAME);
    std::fs::write(
        &file,
        format!("[[event]]\nn = 1\nmade = \"2026-12-06T10:00:00Z\"\nevent = \"{call}\"\nchange = \"hide\"\n"),
    )
    .expect("write");
    assert!(
        eventually(&pool, |r| !has_call(r)),
        "the hand-made correction never applied"
    );
    std::fs::write(&file, "").expect("empty");
    assert!(eventually(&pool, has_call), "the undone correction never went");
    writer.stop();
}

/// "Ingest now" (the Add page's request) returns once the file is
/// committed: no polling needed.
#[test]
fn ingest_now_returns_once_committed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).expect("data");
    let db = dir.path().join("r.db");
    let writer = StoreThread::start(Store::open(&db).expect("open"), book(), Some(data.clone()), true);
    write(
        &data,
        " date 2026-02-02\nPresident Dee Example spoke by phone with President Eve Example on Sunday.\n",
    );
    writer.ingest_now().expect("ingested");
    let store = Store::open(&db).expect("open");
    let events = store.reader().all_events().expect("events");
    assert!(
        events.iter().any(|e| e.actors.iter().any(|a| a.id == "eve-example")),
        "{events:?}"
    );
    writer.stop();
}

/// Without a data folder the writer still indexes search text, and "ingest
/// now" says why it cannot.
#[test]
fn without_a_folder_the_writer_only_indexes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("r.db");
    common::ingest_into(&db, &[common::seeds()]);
    let pending = Store::open(&db).expect("open").search_pending().expect("pending");
    assert!(pending, "an ingest leaves the article texts to the indexer");
    let writer = StoreThread::start(Store::open(&db).expect("open"), book(), None, false);
    assert!(writer.intake().is_none());
    assert_eq!(writer.ingest_now(), Err("no data folder".to_string()));
    let pool = ReadPool::new(&db);
    assert!(
        eventually(&pool, |r| r.search("Putin", 10).is_ok_and(|s| s.progress.complete())),
        "the search index was never completed"
    );
    writer.stop();
}
