//! Serving: an axum router over a read-only view of the store.
//!
//! State is one [`AppState`] holding a pool of read-only SQLite
//! connections used by a few reader threads (`workers`). Handlers are
//! small async functions that run their queries on those threads and
//! render askama templates (HTML) or serde JSON (the `/api` twins). The
//! web layer never writes.

pub mod add;
mod api;
mod cache;
mod charts;
mod correct;
mod error;
mod escape;
mod exports;
mod gzip;
mod network;
mod pages;
pub mod params;
mod search;
mod views;
mod workers;

pub use error::AppError;
pub use views::{clause_title, HEADING_CHARS, TITLE_CHARS};

use crate::store::{ActorSummary, ReadConn, ReadPool};
use askama::Template;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use std::path::Path;
use std::sync::Arc;
use tower_http::compression::predicate::{NotForContentType, Predicate, SizeAbove};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// Shared state of every handler.
#[derive(Clone)]
pub struct AppState {
    cache: Arc<cache::PageCache>,
    /// The threads that run queries (and render the busiest pages): one per
    /// core and one more. More only adds thread switches and cold
    /// connections; requests beyond wait their turn.
    workers: Arc<workers::QueryWorkers>,
    /// Every actor with counts (the actors page and the timeline's actor
    /// picker), kept for one generation of the database.
    actor_list: Arc<std::sync::Mutex<Option<Memo<ActorList>>>>,
    /// The first events of each day, kept for one generation of the
    /// database (see [`DayHeads`]).
    day_heads: Arc<DayHeads>,
    /// Where the "Add article" page puts articles; None: adding is off.
    intake: Option<Arc<add::Intake>>,
    /// The data folder's canonical path, when serving one: article paths
    /// are shown relative to it.
    data_root: Option<Arc<str>>,
}

/// Days whose first events are kept at most, per generation.
const DAY_HEADS_KEPT: usize = 8_192;

/// The first events of each day, as event pages list the same day's other
/// events: the same few rows for every event of a day, and about a quarter
/// of an event page's time to read (a profile over 4,000 event pages of a
/// 100,000-article database), so they are read once per day and
/// generation of the database.
#[derive(Default)]
pub(crate) struct DayHeads {
    kept: std::sync::Mutex<(u64, HeadsByDay)>,
}

/// A day's first events, by date.
type HeadsByDay = std::collections::HashMap<chrono::NaiveDate, Arc<Vec<crate::store::EventRow>>>;

impl DayHeads {
    /// The kept rows of `date` for `generation`, or those `read` gives
    /// (then kept). `generation` is taken before reading: rows read after
    /// a change are at least as new as it, and a request that sees the new
    /// generation starts afresh.
    pub(crate) fn get_or_read(
        &self,
        generation: u64,
        date: chrono::NaiveDate,
        read: impl FnOnce() -> Result<Vec<crate::store::EventRow>, AppError>,
    ) -> Result<Arc<Vec<crate::store::EventRow>>, AppError> {
        if let Ok(kept) = self.kept.lock() {
            if kept.0 == generation {
                if let Some(rows) = kept.1.get(&date) {
                    return Ok(rows.clone());
                }
            }
        }
        let rows = Arc::new(read()?);
        if let Ok(mut kept) = self.kept.lock() {
            if kept.0 != generation || kept.1.len() >= DAY_HEADS_KEPT {
                *kept = (generation, Default::default());
            }
            kept.1.insert(date, rows.clone());
        }
        Ok(rows)
    }
}

/// A value read for one generation of the database.
type Memo<T> = (u64, Arc<T>);

/// Every actor, as the actors page lists them and as the timeline's actor
/// picker offers them.
#[derive(Default)]
pub struct ActorList {
    pub actors: Vec<ActorSummary>,
    /// Every actor's escaped `<option>`, one after another: rendered once,
    /// since every timeline page offers every actor (hundreds of names to
    /// escape), and written into a page in a few pieces.
    options_html: String,
    /// (actor id, where its `<option>` is in `options_html`), in order.
    options: Vec<(String, std::ops::Range<usize>)>,
}

/// Actors offered by the timeline's actor picker: those with the most
/// events. Every actor made each timeline page grow with the corpus (442
/// actors: 23 KB of a 44 KB page, whose gzip, send and parse it dominated;
/// thousands of actors would make it hundreds of KB). The others are a
/// link away (the actors page, the facets, search).
pub const PICKER_ACTORS: usize = 100;

impl ActorList {
    /// The `<option>`s of the first `limit` actors (most events first) but
    /// those in `skip` (the actors a timeline is already filtered on),
    /// ready to write into a page.
    pub fn options_except<'a>(&'a self, skip: &'a [String], limit: usize) -> ActorOptions<'a> {
        ActorOptions {
            list: self,
            skip,
            limit,
        }
    }

    /// Bytes of the first `limit` `<option>`s: about what a page that
    /// offers them grows by.
    pub fn options_len(&self, limit: usize) -> usize {
        self.options
            .get(limit)
            .map_or(self.options_html.len(), |(_, range)| range.start)
    }

    /// How many actors there are.
    pub fn len(&self) -> usize {
        self.options.len()
    }

    pub fn is_empty(&self) -> bool {
        self.options.is_empty()
    }
}

/// Escaped `<option>` elements, written straight into a page (a String of
/// them per page was a tenth of the timeline's render).
pub struct ActorOptions<'a> {
    list: &'a ActorList,
    skip: &'a [String],
    limit: usize,
}

views::written!(ActorOptions<'_>);

impl ActorOptions<'_> {
    fn write_to(&self, f: &mut dyn std::fmt::Write) -> std::fmt::Result {
        let html = &self.list.options_html;
        // Runs between the skipped options, each written at once, up to
        // the limit.
        let mut from = 0;
        let mut shown = 0;
        for (id, range) in &self.list.options {
            if self.skip.contains(id) {
                f.write_str(&html[from..range.start])?;
                from = range.end;
            } else if shown == self.limit {
                return f.write_str(&html[from..range.start]);
            } else {
                shown += 1;
            }
        }
        f.write_str(&html[from..])
    }
}

#[derive(Template)]
#[template(source = r#"<option value="{{ id }}">{{ name }}</option>"#, ext = "html")]
struct ActorOptionHtml<'a> {
    id: &'a str,
    name: &'a str,
}

impl AppState {
    pub fn new(db: &Path) -> AppState {
        // One per core for the queries and the pages rendered with them,
        // and one more so that a thread waiting on the disk or descheduled
        // leaves no core idle (measured on 2 cores: 3 beat 2 on event
        // pages; 4 put the timeline's p99 up).
        let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2) + 1;
        AppState {
            workers: Arc::new(workers::QueryWorkers::new(Arc::new(ReadPool::new(db)), threads)),
            cache: Arc::new(cache::PageCache::new(db)),
            actor_list: Arc::new(std::sync::Mutex::new(None)),
            day_heads: Arc::default(),
            intake: None,
            data_root: None,
        }
    }

    /// Let the "Add article" page save articles through `intake`.
    pub fn with_intake(mut self, intake: add::Intake) -> AppState {
        // Article paths are stored as canonical paths: the folder too, to
        // show them relative to it.
        self.data_root = std::fs::canonicalize(&intake.folder)
            .ok()
            .map(|p| Arc::from(p.display().to_string()));
        self.intake = Some(Arc::new(intake));
        self
    }

    /// An article's stored path as pages show it: relative to the data
    /// folder when it is in it ("2025/may.txt"), else as stored.
    pub(crate) fn shown_path(&self, path: &str) -> String {
        self.data_root
            .as_deref()
            .and_then(|root| path.strip_prefix(root))
            .and_then(|rest| rest.strip_prefix(std::path::MAIN_SEPARATOR))
            .filter(|rest| !rest.is_empty())
            .unwrap_or(path)
            .to_string()
    }

    /// Every actor with counts, read once per generation of the database.
    pub async fn actor_list(&self) -> Result<Arc<ActorList>, AppError> {
        let generation = self.cache.generation();
        if let Ok(memo) = self.actor_list.lock() {
            if let Some((g, list)) = memo.as_ref() {
                if *g == generation {
                    return Ok(list.clone());
                }
            }
        }
        let actors = self.read(|r| Ok(r.actors()?)).await?;
        let mut options_html = String::new();
        let mut options = Vec::with_capacity(actors.len());
        for a in &actors {
            let start = options_html.len();
            ActorOptionHtml {
                id: &a.actor.id,
                name: &a.actor.name,
            }
            .render_into(&mut options_html)?;
            options.push((a.actor.id.clone(), start..options_html.len()));
        }
        let list = Arc::new(ActorList {
            actors,
            options_html,
            options,
        });
        if let Ok(mut memo) = self.actor_list.lock() {
            *memo = Some((generation, list.clone()));
        }
        Ok(list)
    }

    /// Run read queries on the reader threads.
    pub async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&ReadConn<'_>) -> Result<T, AppError> + Send + 'static,
    ) -> Result<T, AppError> {
        self.workers.run(f).await
    }
}

const CSP: &str = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; \
                   form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Largest request body accepted (413 above it): an added article and the
/// form around it.
pub const MAX_REQUEST_BODY: usize = add::MAX_ARTICLE + 64 * 1024;

/// The whole application.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::timeline))
        .route("/api/events", get(pages::api_timeline))
        .route("/api/events.csv", get(exports::events_csv))
        .route("/api/actors.csv", get(exports::actors_csv))
        .route("/api/articles.csv", get(exports::articles_csv))
        .route("/calendar.ics", get(exports::calendar))
        .route("/search", get(search::page))
        .route("/api/search", get(search::api))
        .route("/network", get(network::page))
        .route("/api/network", get(network::api))
        .route("/feed.atom", get(exports::feed))
        .route("/events/{id}", get(pages::event))
        .route("/events/{id}/corrections", post(correct::event_fix))
        .route("/events/{id}/notes", post(correct::event_note))
        .route("/actors/{id}/corrections", post(correct::actor_fix))
        .route("/corrections", get(correct::page))
        .route("/api/corrections", get(correct::api))
        .route("/corrections/{n}/undo", post(correct::undo))
        .route("/api/events/{id}", get(pages::api_event))
        .route("/actors", get(pages::actors))
        .route("/api/actors", get(pages::api_actors))
        .route("/actors/{id}", get(pages::actor))
        .route("/api/actors/{id}", get(pages::api_actor))
        .route("/dates/{date}", get(pages::date))
        .route("/api/dates/{date}", get(pages::api_date))
        .route("/articles", get(pages::articles).post(add::submit))
        .route("/articles/new", get(add::form))
        .route("/api/articles", get(pages::api_articles))
        .route("/articles/{id}", get(pages::article))
        .route("/api/articles/{id}", get(pages::api_article))
        .route("/static/{file}", get(static_file))
        .fallback(pages::fallback)
        .method_not_allowed_fallback(pages::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(state.cache.clone(), cache::cached))
        // Only the "Add article" form reads a body; refuse bigger ones
        // before anything else looks at them.
        .layer(tower_http::limit::RequestBodyLimitLayer::new(MAX_REQUEST_BODY))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_REQUEST_BODY))
        // What the page cache does not gzip itself (static files, big
        // exports), on the same terms.
        .layer(
            CompressionLayer::new()
                .quality(tower_http::CompressionLevel::Fastest)
                .compress_when(
                    SizeAbove::new(gzip::MIN_BYTES as u64)
                        .and(NotForContentType::GRPC)
                        .and(NotForContentType::IMAGES)
                        .and(NotForContentType::SSE),
                ),
        )
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .with_state(state)
}

const STYLE: &str = include_str!("../../static/style.css");
const SCRIPT: &str = include_str!("../../static/app.js");
const ICON: &str = include_str!("../../static/favicon.svg");

/// Static files are compiled in: no file system path is ever built from a URL.
async fn static_file(axum::extract::Path(file): axum::extract::Path<String>) -> axum::response::Response {
    let (body, ctype) = match file.as_str() {
        "style.css" => (STYLE, "text/css; charset=utf-8"),
        "app.js" => (SCRIPT, "text/javascript; charset=utf-8"),
        "favicon.svg" => (ICON, "image/svg+xml"),
        _ => return pages::not_found().await.into_response(),
    };
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, ctype),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// Bind and serve until Ctrl-C.
/// Serve the dashboard of `db` on `listener` (bound by the caller, so that
/// an address in use is said before any work) until Ctrl-C.
pub async fn serve(db: &Path, listener: std::net::TcpListener, intake: Option<add::Intake>) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let local = listener.local_addr()?;
    if !local.ip().is_loopback() {
        tracing::warn!(
            "LISTENING ON {local}, WHICH IS NOT LOOPBACK: anyone who can reach this address can read the dashboard"
        );
    }
    println!("Readout is serving http://{local}");
    let mut state = AppState::new(db);
    if let Some(intake) = intake {
        state = state.with_intake(intake);
    }
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_options_are_escaped_once_rendered() {
        let html = ActorOptionHtml {
            id: "a\"b",
            name: "<script>x</script> & co",
        }
        .render()
        .expect("render");
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("a\"b"), "{html}");
        assert!(html.starts_with("<option value=\"a"), "{html}");
    }

    #[test]
    fn actor_options_leave_out_the_actors_filtered_on() {
        let mut list = ActorList::default();
        for (id, name) in [("a", "A"), ("b", "B & b"), ("c", "C")] {
            let start = list.options_html.len();
            ActorOptionHtml { id, name }
                .render_into(&mut list.options_html)
                .expect("render");
            list.options.push((id.to_string(), start..list.options_html.len()));
        }
        let shown = |skip: &[&str]| {
            let skip: Vec<String> = skip.iter().map(|s| s.to_string()).collect();
            list.options_except(&skip, 10).to_string()
        };
        let first = |skip: &[&str], limit: usize| {
            let skip: Vec<String> = skip.iter().map(|s| s.to_string()).collect();
            list.options_except(&skip, limit).to_string()
        };
        let a = r#"<option value="a">A</option>"#;
        let b = r#"<option value="b">B &#38; b</option>"#;
        let c = r#"<option value="c">C</option>"#;
        assert_eq!(shown(&[]), format!("{a}{b}{c}"));
        assert_eq!(shown(&["b"]), format!("{a}{c}"));
        assert_eq!(shown(&["a", "c"]), b);
        assert_eq!(shown(&["c", "a", "b"]), "");
        assert_eq!(shown(&["z"]), format!("{a}{b}{c}"));
        // Up to a limit of actors shown, the skipped ones not counted.
        assert_eq!(first(&[], 2), format!("{a}{b}"));
        assert_eq!(first(&["a"], 1), b);
        assert_eq!(first(&["b"], 2), format!("{a}{c}"));
        assert_eq!(first(&[], 0), "");
        assert_eq!(list.options_len(1), a.len());
        assert_eq!(list.options_len(10), a.len() + b.len() + c.len());
    }
}
