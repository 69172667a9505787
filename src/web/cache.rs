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
use std::sync::Mutex;

/// Pages kept per generation before the cache starts afresh.
const MAX_ENTRIES: usize = 4096;
/// Bytes of bodies kept before the cache starts afresh: memory stays
/// bounded whatever URLs clients make up (unknown parameters are ignored by
/// the pages but still make distinct URLs).
const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Largest body kept.
const MAX_BODY: usize = 2 * 1024 * 1024;

struct Entry {
    status: StatusCode,
    content_type: Option<HeaderValue>,
    body: Bytes,
}

pub struct PageCache {
    db: PathBuf,
    wal: PathBuf,
    inner: Mutex<Kept>,
}

/// The pages of one generation and the bytes their bodies take.
#[derive(Default)]
struct Kept {
    generation: u64,
    bytes: usize,
    pages: HashMap<String, std::sync::Arc<Entry>>,
}

impl PageCache {
    pub fn new(db: &Path) -> PageCache {
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        PageCache {
            db: db.to_path_buf(),
            wal: PathBuf::from(wal),
            inner: Mutex::new(Kept::default()),
        }
    }

    /// A number that changes whenever the database files change.
    pub(super) fn generation(&self) -> u64 {
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

    fn put(&self, generation: u64, key: String, entry: Entry) {
        if let Ok(mut guard) = self.inner.lock() {
            let size = entry.body.len() + key.len();
            if guard.generation != generation || guard.pages.len() >= MAX_ENTRIES || guard.bytes + size > MAX_BYTES {
                *guard = Kept {
                    generation,
                    ..Kept::default()
                };
            }
            guard.bytes += size;
            let key_len = key.len();
            if let Some(old) = guard.pages.insert(key, std::sync::Arc::new(entry)) {
                guard.bytes -= old.body.len() + key_len;
            }
        }
    }
}

fn etag(generation: u64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"g{generation:016x}\"")).unwrap_or_else(|_| HeaderValue::from_static("\"g\""))
}

fn respond(e: &Entry, tag: &HeaderValue) -> Response {
    let mut resp = (e.status, Body::from(e.body.clone())).into_response();
    if let Some(ct) = &e.content_type {
        resp.headers_mut().insert(header::CONTENT_TYPE, ct.clone());
    }
    resp.headers_mut().insert(header::ETAG, tag.clone());
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    resp
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
    if let Some(e) = cache.get(generation, &key) {
        return respond(&e, &tag);
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
    let entry = Entry {
        status: parts.status,
        content_type: parts.headers.get(header::CONTENT_TYPE).cloned(),
        body: bytes,
    };
    // Keep and tag the page only if the database files did not change
    // while it was rendered (opening the first reader can create the
    // write-ahead log, which changes the generation).
    let stable = cache.generation() == generation;
    let mut out = respond(&entry, &tag);
    if stable {
        cache.put(generation, key, entry);
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
        Entry {
            status: StatusCode::OK,
            content_type: None,
            body: Bytes::from(vec![b'x'; bytes]),
        }
    }

    #[test]
    fn kept_bytes_stay_under_the_bound() {
        let cache = PageCache::new(Path::new("/nonexistent/db"));
        for i in 0..100 {
            cache.put(1, format!("/p{i}"), page(MAX_BODY));
            let kept = cache.inner.lock().map(|k| k.bytes).unwrap_or(0);
            assert!(kept <= MAX_BYTES, "{kept}");
        }
        assert!(cache.get(1, "/p99").is_some());
        assert!(cache.get(1, "/p0").is_none(), "dropped when the bound was reached");
    }

    #[test]
    fn a_page_kept_twice_is_counted_once() {
        let cache = PageCache::new(Path::new("/nonexistent/db"));
        cache.put(1, "/a".into(), page(10));
        cache.put(1, "/a".into(), page(10));
        assert_eq!(cache.inner.lock().map(|k| k.bytes).unwrap_or(0), 12);
    }
}
