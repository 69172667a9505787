//! Ingesting: files on disk -> articles -> extraction -> one transaction.
//!
//! Only new or changed files are read and extracted (size and mtime first,
//! then the content hash). A file that cannot be read as an article is
//! rejected with a reason; the others go on, and what was stored before for
//! that file is kept. The whole run is one transaction.

use crate::extract::actors::ActorBook;
use crate::extract::{extract, Extraction};
use crate::reader::{read_by_extension, Article, ReadError};
use crate::store::{NewArticle, Store, StoreError};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

mod list;
pub use list::FileList;

/// Errors that stop an ingest run (a bad file only rejects that file).
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Limits for one run.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Files larger than this are rejected.
    pub max_file_bytes: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_file_bytes: 16 * 1024 * 1024,
        }
    }
}

/// What one run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestReport {
    pub read: usize,
    pub new: usize,
    pub unchanged: usize,
    pub updated: usize,
    /// Articles whose files are no longer in the folders read: removed.
    pub removed: usize,
    /// (path, reason)
    pub rejected: Vec<(String, String)>,
    /// What was wrong with a corrections file that could not be read (the
    /// timeline is then served uncorrected; the file is left as it is).
    pub corrections_problem: Option<String>,
    /// (path, note): files taken with something to say (a date line that
    /// could not be read, text that was not UTF-8).
    pub notes: Vec<(String, String)>,
    /// Files in the folders read that are not articles: (extension, "" for
    /// none; how many).
    pub skipped: Vec<(String, usize)>,
    pub events: i64,
}

impl IngestReport {
    /// The summary printed by `readout ingest`.
    /// The counts on one line.
    pub fn counts(&self) -> String {
        format!(
            "files read: {}, new: {}, unchanged: {}, updated: {}, removed: {}, rejected: {}",
            self.read,
            self.new,
            self.unchanged,
            self.updated,
            self.removed,
            self.rejected.len()
        )
    }

    pub fn summary(&self) -> String {
        let mut s = format!("{}\nevents in the timeline: {}", self.counts(), self.events);
        if !self.skipped.is_empty() {
            let kinds: Vec<String> = self
                .skipped
                .iter()
                .map(|(ext, n)| match ext.as_str() {
                    "" => format!("{n} without extension"),
                    ext => format!("{n} .{ext}"),
                })
                .collect();
            s.push_str(&format!(
                "\nskipped, not articles: {} (articles are {})",
                kinds.join(", "),
                EXTENSIONS
                    .iter()
                    .map(|e| format!(".{e}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        for (p, why) in &self.rejected {
            s.push_str(&format!("\nrejected {p}: {why}"));
        }
        for (p, note) in &self.notes {
            s.push_str(&format!("\nnote {p}: {note}"));
        }
        s
    }
}

/// From this many files on, a load into an empty database is a bulk load:
/// written straight into the database file, with indexes built at the end.
const BULK_LOAD_FILES: usize = 2_000;

use crate::reader::jsonl::{file_of, is_jsonl, line_key};
pub use crate::reader::EXTENSIONS;

struct Prepared {
    path: String,
    hash: String,
    size: i64,
    mtime: Option<i64>,
    article: Article,
    extraction: Extraction,
    old_id: Option<String>,
}

/// Ingest `paths` into `store`.
pub fn ingest(
    store: &mut Store,
    book: &ActorBook,
    paths: &[PathBuf],
    opts: &IngestOptions,
) -> Result<IngestReport, IngestError> {
    ingest_with_progress(store, book, paths, opts, &mut |_| {})
}

/// How far an ingest is, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Files looked at so far, of all the files found.
    Files { done: usize, total: usize },
    /// Every file is read; the events are being merged and written.
    Merging,
}

/// `ingest`, telling `progress` how far it is as it goes.
pub fn ingest_with_progress(
    store: &mut Store,
    book: &ActorBook,
    paths: &[PathBuf],
    opts: &IngestOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<IngestReport, IngestError> {
    let (files, problems) = FileList::collect(paths);
    // The corrections of the first folder read that has a file of them;
    // with none, those stored stay as they are.
    let corrections = match paths
        .iter()
        .map(|p| crate::corrections::path_in(p))
        .find(|f| f.is_file())
    {
        None => crate::corrections::Source::Keep,
        Some(f) => match crate::corrections::load(&f) {
            Ok(c) => crate::corrections::Source::File(c.unwrap_or_default()),
            Err(e) => {
                tracing::warn!("{e}; the timeline is shown without corrections until it is fixed");
                crate::corrections::Source::Broken(e.to_string())
            }
        },
    };
    let mut report = IngestReport {
        rejected: problems,
        skipped: files.skipped().map(|(e, n)| (e.to_string(), n)).collect(),
        corrections_problem: match &corrections {
            crate::corrections::Source::Broken(e) => Some(e.clone()),
            _ => None,
        },
        ..IngestReport::default()
    };
    let now = chrono::Utc::now().to_rfc3339();
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 16);
    tracing::debug!(files = files.len(), "files listed");
    // A first load of many articles writes its pages straight into the
    // database file instead of through the write-ahead log, which would
    // then be copied into the file a second time (see
    // `Store::write_directly`).
    let bulk = files.len() >= BULK_LOAD_FILES;
    let direct = bulk && store.has_no_articles()? && store.write_directly()?;
    // What is stored of each file is looked up as the workers come to it,
    // on read-only connections: they see what was committed when the
    // transaction below began (it holds the write lock), and nothing is
    // held per stored file.
    let pool = crate::store::ReadPool::unmapped(store.path());
    let written = store.write(|w| {
        let stored = if w.has_no_articles()? {
            Stored::Nothing
        } else {
            Stored::In(&pool)
        };
        if bulk && matches!(stored, Stored::Nothing) {
            w.begin_bulk_load()?;
        }
        w.upsert_book(book.actors())?;
        tracing::debug!("actor book written");
        // The corrections file first: its actor merges shape extraction.
        let regroup = crate::timeline::mirror_corrections(w, &corrections)?;
        let mut changed = false;
        // Files gone from a folder read whole: their articles go too (and
        // the events only they reported). Files that could not be read this
        // time are not gone: their articles stay.
        // The files listed, in order of their keys, as indexes (a few bytes a
        // file): sorted only if a folder has stored articles.
        let mut listed: Option<Vec<u32>> = None;
        let unreadable: Vec<String> = report
            .rejected
            .iter()
            .map(|(p, _)| {
                std::fs::canonicalize(p)
                    .map(|c| c.display().to_string())
                    .unwrap_or_else(|_| p.clone())
            })
            .collect();
        for folder in paths.iter().filter(|p| p.is_dir()) {
            let Ok(canon) = std::fs::canonicalize(folder) else {
                continue;
            };
            let prefix = format!("{}{}", canon.display(), std::path::MAIN_SEPARATOR);
            let gone = w.articles_under(&prefix, |path| {
                let skipped = unreadable
                    .iter()
                    .any(|u| path.starts_with(&format!("{u}{}", std::path::MAIN_SEPARATOR)));
                let file = file_of(path);
                let listed = listed.get_or_insert_with(|| {
                    let mut order: Vec<u32> = (0..files.len() as u32).collect();
                    order.sort_unstable_by(|&a, &b| files.cmp_keys(a as usize, b as usize));
                    order
                });
                let is_listed = listed.binary_search_by(|&i| files.cmp_key(i as usize, file)).is_ok();
                !is_listed && !skipped && !Path::new(file).exists()
            })?;
            for id in gone {
                w.delete_article(&id)?;
                report.removed += 1;
                changed = true;
            }
        }
        drop(listed);
        // Files stream through: read and extracted on all cores, written in
        // the files' order, then dropped, so memory does not grow with the
        // corpus.
        // People found in text by earlier ingests are known by name, and
        // by surname alone, in the articles read now.
        let known = match stored {
            Stored::Nothing => Vec::new(),
            Stored::In(_) => w.discovered_people()?,
        };
        let remembering = book.clone().remember(&known).with_merges(&w.actor_merges()?);
        let clock = std::time::Instant::now();
        for_each_prepared(&files, &stored, opts, &remembering, workers, |outcome| {
            report.read += 1;
            progress(Progress::Files {
                done: report.read,
                total: files.len(),
            });
            let p = match outcome {
                Outcome::Unchanged => {
                    report.unchanged += 1;
                    return Ok(());
                }
                Outcome::Rejected(path, why) => {
                    report.rejected.push((path, why));
                    return Ok(());
                }
                Outcome::Ready(p) => p,
                Outcome::Lines {
                    file,
                    articles,
                    rejected,
                } => {
                    // Lines stored before and gone now go; the others are
                    // replaced. A line unreadable this time keeps what was
                    // stored for it, as an unreadable file does.
                    let kept: HashSet<&str> = articles
                        .iter()
                        .map(|p| p.path.as_str())
                        .chain(rejected.iter().map(|r| r.0.as_str()))
                        .collect();
                    for id in w.articles_under(&format!("{file}#"), |path| !kept.contains(path))? {
                        w.delete_article(&id)?;
                        report.removed += 1;
                    }
                    report
                        .rejected
                        .extend(rejected.into_iter().map(|(_, shown, why)| (shown, why)));
                    for p in &articles {
                        write_prepared(w, p, &mut report, &now)?;
                    }
                    changed = true;
                    return Ok(());
                }
            };
            write_prepared(w, &p, &mut report, &now)?;
            changed = true;
            Ok(())
        })?;
        tracing::debug!(took = ?clock.elapsed(), "read, extract and write");
        progress(Progress::Merging);
        crate::timeline::refresh(
            w,
            &crate::timeline::Refresh {
                book: &remembering,
                plain: book,
                known: &known,
                changed,
                workers,
                now: &now,
                today: chrono::Local::now().date_naive(),
                regroup: regroup.as_deref(),
            },
        )
    });
    tracing::debug!("committed");
    if direct {
        // Back to the write-ahead log, whatever happened: readers never
        // block on a writer again from here.
        store.write_ahead()?;
    }
    let events = written?;
    report.events = events;
    Ok(report)
}

/// How far extraction may run ahead of the writer, in files: bounds the
/// memory held by extracted articles waiting to be written.
const WINDOW: usize = 1024;

/// How far ahead of the workers, in files, the prefetchers may bring files
/// into the operating system's cache (a few hundred milliseconds of work).
const LOOKAHEAD: usize = 512;

/// Threads that bring files into the cache ahead of the workers: enough
/// reads in flight at once to keep a disk busy, each thread mostly asleep
/// waiting on it.
const PREFETCHERS: usize = 4;

/// What the prefetchers bring into the cache.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Prefetch {
    /// Each file's metadata, which is all the workers read of a file
    /// unchanged since the last run.
    Metadata,
    /// Each file's first block too (the kernel reads the rest of a small
    /// file ahead with it): on a first load every file is read whole.
    Contents,
}

/// Bring `f` into the operating system's cache, so that the worker that
/// comes to it does not wait on the disk. Errors are left for the worker,
/// which reports them.
fn prefetch(f: &Path, what: Prefetch) {
    use std::io::Read;
    match what {
        Prefetch::Metadata => {
            let _ = std::fs::metadata(f);
        }
        Prefetch::Contents => {
            if let Ok(mut file) = std::fs::File::open(f) {
                let mut first = [0u8; 512];
                let _ = file.read(&mut first);
            }
        }
    }
}

/// Files a worker takes at once and hands to the writer in one message:
/// one wake-up of the writer per batch, not per file (the wake-ups were
/// most of the ingest's kernel time).
const BATCH: usize = 8;

enum Outcome {
    Unchanged,
    Rejected(String, String),
    Ready(Box<Prepared>),
    /// The articles of a `.jsonl` file (its key), and its unreadable lines
    /// (their keys, as shown, why).
    Lines {
        file: String,
        articles: Vec<Prepared>,
        rejected: Vec<(String, String, String)>,
    },
}

impl Prepared {
    fn as_new<'a>(&'a self, extraction: &'a Extraction) -> NewArticle<'a> {
        NewArticle {
            path: &self.path,
            hash: &self.hash,
            size: self.size,
            mtime: self.mtime,
            article: &self.article,
            extraction,
        }
    }
}

/// Where the workers find what is stored of a file.
enum Stored<'p> {
    /// No article is stored: every file is new.
    Nothing,
    /// Looked up in the database, a file at a time.
    In(&'p crate::store::ReadPool),
}

impl Stored<'_> {
    fn get(&self, path: &str) -> Result<Option<crate::store::FileState>, StoreError> {
        match self {
            Stored::Nothing => Ok(None),
            Stored::In(pool) => pool.with(|r| r.file_state(path)),
        }
    }
}

/// Read and extract `files` on `workers` threads and hand each outcome to
/// `write`, on the calling thread, in the files' order (article ids and
/// mention ids then do not depend on thread timing).
///
/// Workers pull one file at a time, so a slow file holds up no batch, and
/// stay at most [`WINDOW`] files ahead of the writer. Prefetchers go up to
/// [`LOOKAHEAD`] files ahead of the workers: files not in the cache (not
/// read for a while, or just copied from elsewhere) were read one at a time
/// by each worker, which waited on the disk for each, and a first load of
/// 100,000 such files took nearly twice as long. A panic while
/// extracting one file rejects that file; an error from `write` stops the
/// workers and is returned.
fn for_each_prepared(
    files: &FileList,
    stored: &Stored<'_>,
    opts: &IngestOptions,
    book: &ActorBook,
    workers: usize,
    mut write: impl FnMut(Outcome) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex};
    let prepare = |i: usize| {
        let f = files.path(i);
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            prepare_one(&f, &files.key(i), stored, opts, book)
        }))
        .unwrap_or_else(|_| Outcome::Rejected(f.display().to_string(), "internal error while extracting".into()))
    };
    if workers <= 1 || files.len() < 8 {
        return (0..files.len()).try_for_each(|i| write(prepare(i)));
    }
    let what = match stored {
        Stored::Nothing => Prefetch::Contents,
        Stored::In(_) => Prefetch::Metadata,
    };
    // Files claimed by the workers so far, and by the prefetchers.
    let next = AtomicUsize::new(0);
    let ahead = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // Files written so far, for the window.
    let done = Mutex::new(0usize);
    let moved = Condvar::new();
    // (first index, outcomes of the files from there on, in order).
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Vec<Outcome>)>();
    std::thread::scope(|scope| {
        for _ in 0..PREFETCHERS {
            let (next, ahead, stop) = (&next, &ahead, &stop);
            scope.spawn(move || loop {
                let i = ahead.fetch_add(1, Ordering::Relaxed);
                if i >= files.len() {
                    break;
                }
                // Far enough ahead: wait for the workers (a few wake-ups a
                // second: the window is hundreds of milliseconds of work).
                while i >= next.load(Ordering::Relaxed) + LOOKAHEAD {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                // A worker that got there first has read it already.
                if i >= next.load(Ordering::Relaxed) {
                    prefetch(&files.path(i), what);
                }
            });
        }
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, stop, done, moved, prepare) = (&next, &stop, &done, &moved, &prepare);
            scope.spawn(move || loop {
                let first = next.fetch_add(BATCH, Ordering::Relaxed);
                if first >= files.len() {
                    break;
                }
                let mut d = done.lock().unwrap_or_else(|e| e.into_inner());
                while first >= *d + WINDOW && !stop.load(Ordering::Relaxed) {
                    d = moved.wait(d).unwrap_or_else(|e| e.into_inner());
                }
                drop(d);
                let end = (first + BATCH).min(files.len());
                let mut outcomes = Vec::with_capacity(end - first);
                for i in first..end {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    outcomes.push(prepare(i));
                }
                if stop.load(Ordering::Relaxed) || tx.send((first, outcomes)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut waiting: HashMap<usize, Outcome> = HashMap::new();
        let mut want = 0;
        let result = (|| {
            for (first, outcomes) in &rx {
                for (k, outcome) in outcomes.into_iter().enumerate() {
                    waiting.insert(first + k, outcome);
                }
                while let Some(o) = waiting.remove(&want) {
                    write(o)?;
                    want += 1;
                    if want % 64 == 0 {
                        *done.lock().unwrap_or_else(|e| e.into_inner()) = want;
                        moved.notify_all();
                    }
                }
            }
            Ok(())
        })();
        // Under the lock, so that no worker misses the wake-up.
        {
            let _d = done.lock().unwrap_or_else(|e| e.into_inner());
            stop.store(true, Ordering::Relaxed);
        }
        moved.notify_all();
        drop(rx);
        result
    })
}

/// A file's modification time in nanoseconds, where the system has one.
fn stamp(meta: &std::fs::Metadata) -> Option<i64> {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos().min(i64::MAX as u128) as i64)
}

/// The bytes of `f`, expected to be `size` long (one more is read to see
/// whether it grew), and its metadata once read, from the open file: no
/// second look-up of the path, and no probe of the size that `fs::read`
/// makes.
fn read_whole(f: &Path, size: u64) -> std::io::Result<(Vec<u8>, Option<std::fs::Metadata>)> {
    use std::io::Read;
    let mut file = std::fs::File::open(f)?;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    Read::by_ref(&mut file)
        .take(size.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok((bytes, file.metadata().ok()))
}

/// Decide what to do with one file: skip it unchanged (size and mtime, then
/// content hash), reject it with a reason, or read and extract it.
fn prepare_one(f: &Path, key: &str, stored: &Stored<'_>, opts: &IngestOptions, book: &ActorBook) -> Outcome {
    let shown = || f.display().to_string();
    let key = key.to_string();
    let meta = match std::fs::metadata(f) {
        Ok(m) => m,
        Err(e) => return Outcome::Rejected(shown(), format!("cannot open: {e}")),
    };
    let size = meta.len();
    let mtime = stamp(&meta);
    let old = match stored.get(&key) {
        Ok(old) => old,
        Err(e) => return Outcome::Rejected(shown(), format!("cannot look up what is stored of it: {e}")),
    };
    let old = old.as_ref();
    if let Some(s) = old {
        if s.size == size as i64 && s.mtime.is_some() && s.mtime == mtime {
            return Outcome::Unchanged;
        }
    }
    if size > opts.max_file_bytes {
        return Outcome::Rejected(
            shown(),
            ReadError::TooLarge {
                size,
                limit: opts.max_file_bytes,
            }
            .to_string(),
        );
    }
    let (bytes, after) = match read_whole(f, size) {
        Ok(read) => read,
        Err(e) => return Outcome::Rejected(shown(), format!("cannot read: {e}")),
    };
    // A file still being written (or replaced) as it was read: what was
    // read may be half of it. Leave it for the next run, which sees it
    // changed and reads it whole.
    let after = after.map(|m| (m.len(), stamp(&m)));
    if after != Some((size, mtime)) || bytes.len() as u64 != size {
        return Outcome::Rejected(
            shown(),
            "the file changed while it was being read; it is read again on the next run".into(),
        );
    }
    let hash = hex(&Sha256::digest(&bytes));
    if old.map(|s| s.hash == hash).unwrap_or(false) {
        return Outcome::Unchanged;
    }
    if is_jsonl(f) {
        return read_lines(&bytes, &key, &shown(), &hash, mtime, stored, book);
    }
    let article = match read_by_extension(&bytes, f.extension().and_then(|e| e.to_str())) {
        Ok(a) => a,
        Err(e) => return Outcome::Rejected(shown(), e.to_string()),
    };
    let extraction = extract(&article.body, article.published, book);
    Outcome::Ready(Box::new(Prepared {
        path: key,
        hash,
        size: bytes.len() as i64,
        mtime,
        article,
        extraction,
        old_id: old.map(|s| s.id.clone()),
    }))
}

/// The articles of a `.jsonl` file, one a line; unreadable lines are
/// rejected one by one and the others go on.
fn read_lines(
    bytes: &[u8],
    key: &str,
    shown: &str,
    hash: &str,
    mtime: Option<i64>,
    stored: &Stored<'_>,
    book: &ActorBook,
) -> Outcome {
    let text = match crate::reader::decode(bytes) {
        Ok((t, _)) => t,
        Err(e) => return Outcome::Rejected(shown.to_string(), e.to_string()),
    };
    let mut articles = Vec::new();
    let mut rejected = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match crate::reader::jsonl::read_json_line(line) {
            Ok(article) => {
                let path = line_key(key, i + 1);
                let old = match stored.get(&path) {
                    Ok(old) => old,
                    Err(e) => {
                        return Outcome::Rejected(
                            shown.to_string(),
                            format!("cannot look up what is stored of it: {e}"),
                        )
                    }
                };
                let extraction = extract(&article.body, article.published, book);
                articles.push(Prepared {
                    old_id: old.map(|s| s.id),
                    path,
                    hash: hash.to_string(),
                    size: bytes.len() as i64,
                    mtime,
                    article,
                    extraction,
                });
            }
            Err(why) => rejected.push((line_key(key, i + 1), format!("{shown} line {}", i + 1), why.to_string())),
        }
    }
    if articles.is_empty() && rejected.is_empty() {
        return Outcome::Rejected(shown.to_string(), "the file has no article lines".into());
    }
    Outcome::Lines {
        file: key.to_string(),
        articles,
        rejected,
    }
}

/// The readable part of an article id: the slug of the file name.
fn id_base(path: &str) -> String {
    let file = file_of(path);
    let stem = Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("article");
    // A line of a .jsonl file: the file's name and the line number.
    let stem = match path.strip_prefix(file).and_then(|l| l.strip_prefix('#')) {
        Some(line) => format!("{stem}-{line}"),
        None => stem.to_string(),
    };
    let s = crate::model::slugify(&stem);
    if s.is_empty() {
        "article".to_string()
    } else {
        s
    }
}

/// A readable id from the file name, unique among stored articles:
/// `owner` tells which path holds an id, if any.
fn unique_id<E>(path: &str, mut owner: impl FnMut(&str) -> Result<Option<String>, E>) -> Result<String, E> {
    let base = id_base(path);
    let mut id = base.clone();
    let mut n = 2;
    while owner(&id)?.is_some_and(|p| p != path) {
        id = format!("{base}-{n}");
        n += 1;
    }
    Ok(id)
}

/// Store one read article: it replaces its earlier version (same id), or
/// gets a new id from its file name.
fn write_prepared(
    w: &mut crate::store::Writer<'_>,
    p: &Prepared,
    report: &mut IngestReport,
    now: &str,
) -> Result<(), StoreError> {
    let id = match &p.old_id {
        Some(id) => {
            w.delete_article(id)?;
            report.updated += 1;
            id.clone()
        }
        None => {
            report.new += 1;
            unique_id(&p.path, |id| w.article_path(id))?
        }
    };
    w.insert_article(&id, &p.as_new(&p.extraction), now)?;
    for note in [&p.article.date_warning, &p.article.encoding_note]
        .into_iter()
        .flatten()
    {
        report.notes.push((p.path.clone(), note.clone()));
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_file_names_and_stay_unique() {
        let mut stored: HashMap<String, String> = HashMap::new();
        let mut store = |path: &str| {
            let id = unique_id(path, |id| Ok::<_, ()>(stored.get(id).cloned())).expect("id");
            stored.insert(id.clone(), path.to_string());
            id
        };
        assert_eq!(store("/a/001_x.txt"), "001-x");
        assert_eq!(store("/b/001_x.txt"), "001-x-2");
        assert_eq!(store("/a/001_x.txt"), "001-x");
        assert_eq!(store("/c/001_x.txt"), "001-x-3");
    }

    fn rejection(f: &Path) -> String {
        match prepare_one(
            f,
            &list::path_key(f),
            &Stored::Nothing,
            &IngestOptions::default(),
            &ActorBook::default(),
        ) {
            Outcome::Rejected(_, why) => why,
            _ => "taken".into(),
        }
    }

    /// Outcomes reach the writer in the files' order, whatever the workers'
    /// timing and however the files fall into batches.
    #[test]
    fn outcomes_are_written_in_file_order() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = (0..203).map(|i| dir.path().join(format!("gone-{i}.txt"))).collect();
        let mut seen = Vec::new();
        for_each_prepared(
            &FileList::of(&files),
            &Stored::Nothing,
            &IngestOptions::default(),
            &ActorBook::default(),
            3,
            |o| {
                if let Outcome::Rejected(path, _) = o {
                    seen.push(path);
                }
                Ok(())
            },
        )
        .unwrap();
        let expected: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        assert_eq!(seen, expected);
    }

    /// Real files, read whole with the prefetchers ahead: every article
    /// reaches the writer once, in order; and when the writer fails, the
    /// workers and prefetchers stop and the error comes back.
    #[test]
    fn prefetched_files_are_written_once_in_order_and_a_write_error_stops_all() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = (0..1500)
            .map(|i| {
                let f = dir.path().join(format!("a-{i:04}.txt"));
                std::fs::write(&f, format!(" date 2025-01-01\nArticle {i}.\n")).unwrap();
                f
            })
            .collect();
        let keys: Vec<String> = files.iter().map(|f| list::path_key(f)).collect();
        let (list, problems) = FileList::collect(&[dir.path().to_path_buf()]);
        assert!(problems.is_empty());
        let (opts, book) = (IngestOptions::default(), ActorBook::default());
        let mut seen = Vec::new();
        for_each_prepared(&list, &Stored::Nothing, &opts, &book, 2, |o| {
            match o {
                Outcome::Ready(p) => seen.push(p.path.clone()),
                _ => panic!("every file is new and readable"),
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, keys);
        let mut written = 0;
        let failed = for_each_prepared(&list, &Stored::Nothing, &opts, &book, 2, |_| {
            written += 1;
            if written == 10 {
                return Err(StoreError::Corrupt("disk full".into()));
            }
            Ok(())
        });
        assert!(matches!(failed, Err(StoreError::Corrupt(ref m)) if m == "disk full"));
        assert_eq!(written, 10);
    }

    #[test]
    fn a_file_gone_before_it_is_read_is_rejected() {
        let dir = tempfile::tempdir().unwrap();
        assert!(rejection(&dir.path().join("gone.txt")).starts_with("cannot open: "));
    }

    /// /proc files say they are empty and then give text: the same as a
    /// file that grew while it was read.
    #[test]
    fn a_file_that_changes_while_read_is_left_for_the_next_run() {
        let status = Path::new("/proc/self/status");
        if status.exists() {
            assert_eq!(
                rejection(status),
                "the file changed while it was being read; it is read again on the next run"
            );
        }
    }
}
