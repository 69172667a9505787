//! A response cache for GET pages, keyed by URL and valid for one
//! generation of the database.
//!
//! The generation is read from the database files' sizes and modification
//! times (the main file and its write-ahead log): any commit, by this
//! process or by a `readout ingest` running beside it, changes it, and every
//! cached page is then dropped. Responses carry an `ETag` made from the
//! generation, and a matching `If-None-Match` gets `304 Not Modified`.

use axum::body::Body;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Pages kept per generation; past it the oldest go.
const MAX_ENTRIES: usize = 4096;
/// Bytes of bodies kept (gzipped copies included); past it the oldest
/// pages go: memory stays
/// bounded whatever URLs clients make up (unknown parameters are ignored by
/// the pages but still make distinct URLs).
const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Largest body kept.
const MAX_BODY: usize = 2 * 1024 * 1024;

struct Entry {
    status: StatusCode,
    content_type: Option<HeaderValue>,
    body: Bytes,
    /// The body gzipped, made for the first client that accepts it (none
    /// if the type is not worth compressing or the compressor failed).
    gz: std::sync::OnceLock<Option<Bytes>>,
}

impl Entry {
    fn new(status: StatusCode, content_type: Option<HeaderValue>, body: Bytes) -> Entry {
        Entry {
            status,
            content_type,
            body,
            gz: std::sync::OnceLock::new(),
        }
    }

    fn compressible(&self) -> bool {
        self.body.len() >= super::gzip::MIN_BYTES
            && self
                .content_type
                .as_ref()
                .and_then(|c| c.to_str().ok())
                .is_some_and(super::gzip::compressible)
    }

    /// The gzipped body, made now if it was not yet; and how many bytes
    /// making it added.
    fn gzipped(&self) -> (Option<&Bytes>, usize) {
        if !self.compressible() {
            return (None, 0);
        }
        let mut added = 0;
        let gz = self.gz.get_or_init(|| {
            let gz = super::gzip::gzip(&self.body).map(Bytes::from);
            added = gz.as_ref().map_or(0, Bytes::len);
            gz
        });
        (gz.as_ref(), added)
    }

    /// Bytes the entry holds.
    fn size(&self) -> usize {
        self.body.len() + self.gz.get().and_then(Option::as_ref).map_or(0, Bytes::len)
    }
}

pub struct PageCache {
    db: PathBuf,
    wal: PathBuf,
    inner: Mutex<Kept>,
    /// The last generation read from the files, and when (nanoseconds
    /// from `born`; [`NEVER`] to read them again at the next request).
    last: AtomicU64,
    checked_at: AtomicU64,
    born: Instant,
}

/// How long a generation read from the files' metadata is taken as
/// current. A request asked for it two to six times (before and after
/// rendering, and the reads that keep things per generation), two `stat`s
/// each: a twentieth of the server's time under load. A commit by another
/// process shows at most this much later; the server's own ingests
/// ([`PageCache::refresh`]) at once.
const GENERATION_FOR: Duration = Duration::from_millis(1);
const NEVER: u64 = u64::MAX;

/// The pages of one generation, the bytes they take, and the order they
/// came in: past the bound the oldest go first, a few at a time. (Starting
/// afresh instead dropped 64 MB at once every second or so under a load of
/// varied URLs; the allocator then gave the memory back to the system and
/// took it again page by page, and requests stalled for tens of
/// milliseconds.)
#[derive(Default)]
struct Kept {
    generation: u64,
    bytes: usize,
    pages: HashMap<std::sync::Arc<str>, std::sync::Arc<Entry>>,
    order: std::collections::VecDeque<std::sync::Arc<str>>,
}

impl Kept {
    /// Drop the oldest pages until the bounds hold.
    fn evict(&mut self) {
        while self.pages.len() > MAX_ENTRIES || self.bytes > MAX_BYTES {
            let Some(key) = self.order.pop_front() else {
                break;
            };
            if let Some(old) = self.pages.remove(&key) {
                self.bytes -= old.size() + key.len();
            }
        }
    }
}

impl PageCache {
    pub fn new(db: &Path) -> PageCache {
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        PageCache {
            db: db.to_path_buf(),
            wal: PathBuf::from(wal),
            inner: Mutex::new(Kept::default()),
            last: AtomicU64::new(0),
            checked_at: AtomicU64::new(NEVER),
            born: Instant::now(),
        }
    }

    /// A number that changes whenever the database files change (read
    /// from them at most every [`GENERATION_FOR`]).
    pub(super) fn generation(&self) -> u64 {
        let now = u64::try_from(self.born.elapsed().as_nanos()).unwrap_or(NEVER - 1);
        let at = self.checked_at.load(Ordering::Acquire);
        if at != NEVER && now.saturating_sub(at) < GENERATION_FOR.as_nanos() as u64 {
            return self.last.load(Ordering::Relaxed);
        }
        let generation = self.generation_of_files();
        self.last.store(generation, Ordering::Relaxed);
        self.checked_at.store(now, Ordering::Release);
        generation
    }

    /// The next [`Self::generation`] reads the files: this process has
    /// just written to the database.
    pub fn refresh(&self) {
        self.checked_at.store(NEVER, Ordering::Release);
    }

    /// A number that changes whenever the database files change.
    fn generation_of_files(&self) -> u64 {
        let stamp = |p: &Path| {
            std::fs::metadata(p)
                .map(|m| {
                    let t = m
                        .modified()
                        .ok()
                        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                        .map(|d| d.as_nanos() as u64)
                        .unwrap_or(0);
                    t ^ m.len().rotate_left(32)
                })
                .unwrap_or(0)
        };
        // FNV-style mix of the two stamps.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for v in [stamp(&self.db), stamp(&self.wal)] {
            h ^= v;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h
    }

    fn get(&self, generation: u64, key: &str) -> Option<std::sync::Arc<Entry>> {
        let guard = self.inner.lock().ok()?;
        if guard.generation != generation {
            return None;
        }
        guard.pages.get(key).cloned()
    }

    /// Count `n` more bytes held by `entry`, a kept page of `generation`
    /// (its body gzipped after it was kept), if it is still kept.
    fn grew(&self, generation: u64, key: &str, entry: &std::sync::Arc<Entry>, n: usize) {
        if let Ok(mut guard) = self.inner.lock() {
            let still = guard.pages.get(key).is_some_and(|e| std::sync::Arc::ptr_eq(e, entry));
            if guard.generation == generation && still {
                guard.bytes += n;
                guard.evict();
            }
        }
    }

    /// Keep a page. A new generation starts afresh: the pages of the old
    /// one are returned, for the caller to free outside the lock (freeing
    /// thousands of bodies takes milliseconds, and every request waits on
    /// this lock).
    #[must_use]
    fn put(&self, generation: u64, key: String, entry: Entry) -> Option<Kept> {
        let mut dropped = None;
        if let Ok(mut guard) = self.inner.lock() {
            if guard.generation != generation {
                dropped = Some(std::mem::replace(
                    &mut *guard,
                    Kept {
                        generation,
                        ..Kept::default()
                    },
                ));
            }
            let key: std::sync::Arc<str> = key.into();
            guard.bytes += entry.size() + key.len();
            match guard.pages.insert(key.clone(), std::sync::Arc::new(entry)) {
                Some(old) => guard.bytes -= old.size() + key.len(),
                None => guard.order.push_back(key),
            }
            guard.evict();
        }
        dropped
    }
}

fn etag(generation: u64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"g{generation:016x}\"")).unwrap_or_else(|_| HeaderValue::from_static("\"g\""))
}

/// The response for a kept page: gzipped when the client accepts it and
/// the type is worth it (then it says so, and that it varies with
/// `Accept-Encoding`); returns how many bytes gzipping it added to the
/// entry.
fn respond(e: &Entry, tag: &HeaderValue, gzip: bool) -> (Response, usize) {
    let (gz, added) = if gzip { e.gzipped() } else { (None, 0) };
    let body = gz.unwrap_or(&e.body).clone();
    let mut resp = (e.status, Body::from(body)).into_response();
    let headers = resp.headers_mut();
    if let Some(ct) = &e.content_type {
        headers.insert(header::CONTENT_TYPE, ct.clone());
    }
    if e.compressible() {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    if gz.is_some() {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    headers.insert(header::ETAG, tag.clone());
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    (resp, added)
}

/// Free pages dropped from the cache on a blocking thread, not on the
/// async worker that serves other connections meanwhile.
fn free_later(dropped: Option<Kept>) {
    if let Some(kept) = dropped.filter(|k| !k.pages.is_empty()) {
        tokio::task::spawn_blocking(move || drop(kept));
    }
}

/// Middleware: serve GET pages from the cache, or render and keep them.
pub async fn cached(State(cache): State<std::sync::Arc<PageCache>>, req: Request, next: Next) -> Response {
    if req.method() != Method::GET || req.uri().path().starts_with("/static/") {
        return next.run(req).await;
    }
    let generation = cache.generation();
    let tag = etag(generation);
    if req
        .headers()
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == tag.as_bytes())
    {
        let mut resp = StatusCode::NOT_MODIFIED.into_response();
        resp.headers_mut().insert(header::ETAG, tag);
        return resp;
    }
    let key = req.uri().to_string();
    let gzip = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(super::gzip::accepts_gzip);
    if let Some(e) = cache.get(generation, &key) {
        let (resp, added) = respond(&e, &tag, gzip);
        if added > 0 {
            cache.grew(generation, &key, &e, added);
        }
        return resp;
    }
    let resp = next.run(req).await;
    if resp.status() != StatusCode::OK {
        return resp;
    }
    // Big exports go out as they are, uncached.
    let size = axum::body::HttpBody::size_hint(resp.body()).exact();
    if size.is_none_or(|n| n > MAX_BODY as u64) {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "response too large").into_response();
    };
    let entry = Entry::new(parts.status, parts.headers.get(header::CONTENT_TYPE).cloned(), bytes);
    // Keep and tag the page only if the database files did not change
    // while it was rendered (opening the first reader can create the
    // write-ahead log, which changes the generation).
    let stable = cache.generation() == generation;
    // Gzipped (if wanted) before it is kept, so that its size is known.
    let (mut out, _) = respond(&entry, &tag, gzip);
    if stable {
        free_later(cache.put(generation, key, entry));
    } else {
        out.headers_mut().remove(header::ETAG);
    }
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_LENGTH && !out.headers().contains_key(name) {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(bytes: usize) -> Entry {
        Entry::new(StatusCode::OK, None, Bytes::from(vec![b'x'; bytes]))
    }

    /// A change to the database files shows once the generation read from
    /// them has had its time, or at once after a refresh.
    #[test]
    fn the_generation_follows_the_files_after_its_time_or_a_refresh() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        std::fs::write(&db, b"one").unwrap();
        let cache = PageCache::new(&db);
        let first = cache.generation();
        std::fs::write(&db, b"one two").unwrap();
        cache.refresh();
        let second = cache.generation();
        assert_ne!(second, first);
        std::fs::write(db.with_extension("db-wal"), b"log").unwrap();
        std::thread::sleep(GENERATION_FOR * 2);
        let third = cache.generation();
        assert_ne!(third, second);
        // Unchanged files: the same number, read again or not.
        std::thread::sleep(GENERATION_FOR * 2);
        assert_eq!(cache.generation(), third);
    }

    #[test]
    fn kept_bytes_stay_under_the_bound_and_the_oldest_go_first() {
        let cache = PageCache::new(Path::new("/nonexistent/db"));
        for i in 0..100 {
            drop(cache.put(1, format!("/p{i}"), page(MAX_BODY)));
            let kept = cache.inner.lock().map(|k| k.bytes).unwrap_or(0);
            assert!(kept <= MAX_BYTES, "{kept}");
        }
        // As many of the newest as fit; none of the older.
        let fit = MAX_BYTES / (MAX_BODY + 4);
        assert!(cache.get(1, "/p99").is_some());
        assert!(cache.get(1, &format!("/p{}", 100 - fit)).is_some());
        assert!(cache.get(1, &format!("/p{}", 99 - fit)).is_none());
        assert!(cache.get(1, "/p0").is_none());
        let (n, order) = cache
            .inner
            .lock()
            .map(|k| (k.pages.len(), k.order.len()))
            .unwrap_or((0, 0));
        assert_eq!((n, order), (fit, fit));
        // A new generation hands the old pages back, to be freed outside
        // the lock.
        let old = cache.put(2, "/q".into(), page(10)).expect("the old generation");
        assert_eq!(old.pages.len(), fit);
        assert!(cache.get(2, "/p99").is_none());
    }

    #[test]
    fn past_the_page_count_the_oldest_page_goes() {
        let cache = PageCache::new(Path::new("/nonexistent/db"));
        for i in 0..=MAX_ENTRIES {
            drop(cache.put(1, format!("/p{i}"), page(1)));
        }
        assert!(cache.get(1, "/p0").is_none());
        assert!(cache.get(1, "/p1").is_some());
        assert_eq!(cache.inner.lock().map(|k| k.pages.len()).unwrap_or(0), MAX_ENTRIES);
    }

    #[test]
    fn a_page_kept_twice_is_counted_once() {
        let cache = PageCache::new(Path::new("/nonexistent/db"));
        assert!(
            cache.put(1, "/a".into(), page(10)).is_some(),
            "a first page starts the generation"
        );
        assert!(cache.put(1, "/a".into(), page(10)).is_none());
        assert_eq!(cache.inner.lock().map(|k| k.bytes).unwrap_or(0), 12);
    }

    #[test]
    fn a_page_gzipped_after_it_was_kept_is_counted_and_served_packed() {
        let cache = PageCache::new(Path::new("/nonexistent/db"));
        let html = HeaderValue::from_static("text/html; charset=utf-8");
        let body = Bytes::from("<p>Ann Alpha met Bob Beta.</p>\n".repeat(200));
        drop(cache.put(1, "/a".into(), Entry::new(StatusCode::OK, Some(html), body.clone())));
        let kept = |c: &PageCache| c.inner.lock().map(|k| k.bytes).unwrap_or(0);
        assert_eq!(kept(&cache), body.len() + 2);
        let entry = cache.get(1, "/a").expect("kept");
        let (plain, added) = respond(&entry, &etag(1), false);
        assert_eq!((plain.headers().get(header::CONTENT_ENCODING), added), (None, 0));
        let (packed, added) = respond(&entry, &etag(1), true);
        assert_eq!(
            packed.headers().get(header::CONTENT_ENCODING).map(|v| v.as_bytes()),
            Some(&b"gzip"[..])
        );
        assert!(added > 0 && added < body.len() / 4, "{added}");
        cache.grew(1, "/a", &entry, added);
        assert_eq!(kept(&cache), body.len() + 2 + added);
        // A page no longer kept (here replaced) adds nothing.
        drop(cache.put(1, "/a".into(), page(10)));
        cache.grew(1, "/a", &entry, added);
        assert_eq!(kept(&cache), 12);
        // Made once: a second client gets the same bytes, nothing added.
        assert_eq!(respond(&entry, &etag(1), true).1, 0);
    }
}
