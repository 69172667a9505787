//! The serving runtime: the web server, and one thread that owns the only
//! writing [`Store`].
//!
//! That thread ingests the data folder whenever it is woken (by the file
//! watcher, or by the "Add article" page, which waits for the commit), and
//! between wakes fills the search index of article texts a batch at a time.
//! Having one owner keeps "one writer" true while serving: the indexer
//! never competes with an ingest for the write lock. The web layer only
//! reads, through its own pool of read-only connections.

use crate::extract::actors::ActorBook;
use crate::ingest::{ingest, IngestOptions, EXTENSIONS};
use crate::store::Store;
use crate::web::add::Intake;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Quiet time after the last file event before the folder is read again:
/// a file being copied in arrives as several events.
const SETTLE: Duration = Duration::from_millis(300);
/// Article texts indexed per transaction: a fraction of a second of work,
/// so a wake waits no longer than that.
const INDEX_BATCH: usize = 500;
/// How often an idle writer looks for article texts to index (written by
/// another process) and copies the write-ahead log into the database.
const IDLE_POLL: Duration = Duration::from_secs(1);
/// How often indexing reports progress while it works.
const INDEX_REPORT: Duration = Duration::from_secs(10);
/// How long the "Add article" page waits for its ingest.
const INGEST_WAIT: Duration = Duration::from_secs(120);

/// Why the writer wakes up.
enum Wake {
    /// Files in the data folder were added, changed or removed.
    Files,
    /// Read the folder now and say when it is committed.
    Now(Sender<Result<(), String>>),
    /// The server is shutting down.
    Stop,
}

/// The writer thread (which owns the file watcher that wakes it).
pub struct StoreThread {
    wake: Sender<Wake>,
    thread: Option<std::thread::JoinHandle<()>>,
    data: Option<PathBuf>,
    /// One editor of the corrections file at a time (see `Intake`).
    editing: Arc<std::sync::Mutex<()>>,
    /// Who makes corrections on this server.
    pub user: Option<String>,
}

impl StoreThread {
    /// Start the writer on `store`. With a data folder, it is read at once
    /// when `check_now`, then again at every change a watcher reports (if
    /// this system gives file events) or an [`Intake`] asks for. Without
    /// one, the writer only indexes search text.
    pub fn start(store: Store, book: ActorBook, data: Option<PathBuf>, check_now: bool) -> StoreThread {
        let (wake, rx) = mpsc::channel::<Wake>();
        let folder = data.clone();
        let events = wake.clone();
        let thread = std::thread::spawn(move || {
            // Set up here, not before serving: the watcher lists the folder
            // (file ids of every file), which takes a while for a large one.
            // It lives as long as the loop.
            let _watcher = folder.as_deref().and_then(|d| watch(d, events));
            run(store, &book, folder.as_deref(), check_now, rx);
        });
        StoreThread {
            wake,
            thread: Some(thread),
            data,
            editing: Arc::default(),
            user: crate::corrections::user_from_env(),
        }
    }

    /// What the "Add article" page needs: the folder to write into, and a
    /// way to have it read at once. `None` without a data folder.
    pub fn intake(&self) -> Option<Intake> {
        let folder = self.data.clone()?;
        let wake = self.wake.clone();
        Some(Intake {
            folder,
            ingest_now: Arc::new(move || {
                let (done_tx, done_rx) = mpsc::channel();
                wake.send(Wake::Now(done_tx))
                    .map_err(|_| "the ingest has stopped".to_string())?;
                done_rx
                    .recv_timeout(INGEST_WAIT)
                    .map_err(|_| "the ingest did not answer in time".to_string())?
            }),
            editing: self.editing.clone(),
            user: self.user.clone(),
        })
    }

    /// Read the folder now, and return once what it found is committed.
    pub fn ingest_now(&self) -> Result<(), String> {
        match self.intake() {
            Some(i) => (i.ingest_now)(),
            None => Err("no data folder".into()),
        }
    }

    /// Stop after the work in hand (an ingest under way is finished, not
    /// abandoned) and wait for the thread.
    pub fn stop(mut self) {
        let _ = self.wake.send(Wake::Stop);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A watcher of `data` that sends [`Wake::Files`] once the folder has been
/// quiet for [`SETTLE`] after changes to articles; `None` (with a warning)
/// where this system gives no file events.
fn watch(
    data: &Path,
    wake: Sender<Wake>,
) -> Option<notify_debouncer_full::Debouncer<notify::RecommendedWatcher, notify_debouncer_full::RecommendedCache>> {
    let handler = move |res: notify_debouncer_full::DebounceEventResult| {
        if let Ok(events) = res {
            if events.iter().any(|e| concerns_articles(&e.event)) {
                let _ = wake.send(Wake::Files);
            }
        }
    };
    let watcher = notify_debouncer_full::new_debouncer(SETTLE, None, handler)
        .and_then(|mut d| d.watch(data, notify::RecursiveMode::Recursive).map(|()| d));
    match watcher {
        Ok(w) => {
            tracing::info!("watching {} for new, changed and removed articles", data.display());
            Some(w)
        }
        Err(e) => {
            tracing::warn!(
                "cannot watch {} ({e}); files added later need a restart",
                data.display()
            );
            None
        }
    }
}

/// Whether a file event may change what the folder holds: article files,
/// and folders (a folder moved in or out), not the database's own files
/// should it live there, and not reads.
fn concerns_articles(event: &notify::Event) -> bool {
    if matches!(event.kind, notify::EventKind::Access(_)) {
        return false;
    }
    event.paths.iter().any(|p| {
        // The corrections file, edited by hand, is read again too.
        p.file_name().is_some_and(|n| n == crate::corrections::FILE_NAME)
            || match p.extension().and_then(|e| e.to_str()) {
                Some(ext) => EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()),
                None => true,
            }
    })
}

/// The writer's loop: a wake is served first; between wakes, search text
/// is indexed a batch at a time, and when there is none left the
/// write-ahead log is copied into the database file.
fn run(mut store: Store, book: &ActorBook, data: Option<&Path>, check_now: bool, rx: Receiver<Wake>) {
    if let (true, Some(d)) = (check_now, data) {
        let _ = ingest_folder(&mut store, book, d);
    }
    let mut index = Indexing::default();
    loop {
        let pending = index.step(&mut store);
        // With search text left to index, only look for a wake; otherwise
        // sleep until one comes or it is time to look again.
        let wake = if pending {
            rx.try_recv().map_err(|e| match e {
                mpsc::TryRecvError::Empty => RecvTimeoutError::Timeout,
                mpsc::TryRecvError::Disconnected => RecvTimeoutError::Disconnected,
            })
        } else {
            rx.recv_timeout(IDLE_POLL)
        };
        match wake {
            Ok(Wake::Stop) | Err(RecvTimeoutError::Disconnected) => return,
            Err(RecvTimeoutError::Timeout) => {}
            Ok(Wake::Files) => {
                if let Some(d) = data {
                    let _ = ingest_folder(&mut store, book, d);
                }
            }
            Ok(Wake::Now(done)) => {
                let result = match data {
                    Some(d) => ingest_folder(&mut store, book, d),
                    None => Err("no data folder".into()),
                };
                let _ = done.send(result);
            }
        }
    }
}

/// Ingest the data folder and log what happened (an error too); the error
/// as a message.
pub fn ingest_folder(store: &mut Store, book: &ActorBook, data: &Path) -> Result<(), String> {
    let clock = Instant::now();
    match ingest(store, book, &[data.to_path_buf()], &IngestOptions::default()) {
        Ok(report) => {
            tracing::info!(
                "ingested {} in {:.1?}: {}; {} events",
                data.display(),
                clock.elapsed(),
                report.counts(),
                report.events
            );
            for (p, why) in &report.rejected {
                tracing::warn!("rejected {p}: {why}");
            }
            for (p, note) in &report.notes {
                tracing::info!("note {p}: {note}");
            }
            Ok(())
        }
        Err(e) => {
            tracing::error!("could not ingest {}: {e}", data.display());
            Err(e.to_string())
        }
    }
}

/// Where the search indexing is, for its log lines.
#[derive(Default)]
struct Indexing {
    /// Since when, and how many texts, in the current run of batches.
    run: Option<(Instant, usize)>,
    reported: Option<Instant>,
    /// The first look has been logged.
    started: bool,
    /// When the last look found nothing to do.
    idle_since: Option<Instant>,
}

impl Indexing {
    /// Index one batch if texts wait for it (looking at most every
    /// [`IDLE_POLL`] once there were none); true if more may wait.
    fn step(&mut self, store: &mut Store) -> bool {
        if self.idle_since.is_some_and(|t| t.elapsed() < IDLE_POLL) {
            return false;
        }
        match store.search_pending() {
            Ok(false) => {
                if let Some((started, n)) = self.run.take() {
                    tracing::info!(
                        "search index: all article texts indexed ({n} in {:.1} s)",
                        started.elapsed().as_secs_f64()
                    );
                } else if !self.started {
                    tracing::info!("search index: all article texts indexed");
                }
                self.started = true;
                self.idle_since = Some(Instant::now());
                // Idle: the writer's log is copied into the database file
                // if readers held part of it back (see `Store::checkpoint`).
                if let Err(e) = store.checkpoint() {
                    tracing::debug!("checkpoint: {e}");
                }
                return false;
            }
            Ok(true) => self.idle_since = None,
            Err(e) => {
                tracing::warn!("search index: {e}; trying again");
                self.idle_since = Some(Instant::now());
                return false;
            }
        }
        if !self.started {
            if let Ok(p) = store.search_progress() {
                tracing::info!(
                    "search index: {} of {} article texts indexed; indexing the rest in the background",
                    p.indexed,
                    p.articles
                );
            }
            self.started = true;
        }
        let (_, done) = self.run.get_or_insert((Instant::now(), 0));
        match store.write(|w| w.index_articles(INDEX_BATCH)) {
            Ok(n) => *done += n,
            Err(e) => {
                // A full disk, or another process holding the write lock
                // past the timeout: nothing is lost, the next pass goes on.
                tracing::warn!("search index: {e}; trying again");
                self.idle_since = Some(Instant::now());
                return false;
            }
        }
        if self.reported.is_none_or(|t| t.elapsed() >= INDEX_REPORT) {
            if self.reported.is_some() {
                if let Ok(p) = store.search_progress() {
                    tracing::info!("search index: {} of {} article texts indexed", p.indexed, p.articles);
                }
            }
            self.reported = Some(Instant::now());
        }
        true
    }
}
