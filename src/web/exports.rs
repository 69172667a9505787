//! Exports: every list as CSV, the timeline as an iCalendar feed, and an
//! Atom feed of newly ingested events. Same filters as the pages, read-only.

use super::error::{AppError, HtmlError};
use super::params::parse_timeline;
use super::AppState;
use crate::store::{Direction, EventRow, Filter};
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Most events in one export.
pub const MAX_EXPORT: usize = 100_000;
/// Events in the Atom feed.
const FEED_EVENTS: usize = 50;

fn download(body: Vec<u8>, content_type: &'static str, file: &'static str) -> Response {
    let mut resp = (StatusCode::OK, body).into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{file}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    resp
}

/// Every event a filter matches (up to `MAX_EXPORT`), in timeline order.
async fn all_events(state: &AppState, filter: Filter) -> Result<Vec<EventRow>, AppError> {
    state
        .read(move |r| {
            let mut out: Vec<EventRow> = Vec::new();
            let mut cursor = None;
            loop {
                let page = r.events(&filter, cursor.as_ref().map(|c| (c, Direction::After)), 1000)?;
                out.extend(page.events);
                match page.next {
                    Some(next) if out.len() < MAX_EXPORT => cursor = Some(next),
                    _ => break,
                }
            }
            out.truncate(MAX_EXPORT);
            Ok(out)
        })
        .await
}

/// A CSV cell that a spreadsheet will not run as a formula.
fn cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn csv_bytes(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Result<Vec<u8>, AppError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| AppError::Internal(format!("csv: {e}"));
    w.write_record(header).map_err(fail)?;
    for row in rows {
        w.write_record(row.iter().map(|c| cell(c))).map_err(fail)?;
    }
    w.into_inner().map_err(|e| AppError::Internal(format!("csv: {e}")))
}

pub(super) async fn events_csv(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let q = parse_timeline(raw.as_deref())?;
    let events = all_events(&state, q.filter).await?;
    let notes = state.read(|r| Ok(r.all_notes()?)).await?;
    let body = csv_bytes(
        &[
            "id",
            "kind",
            "date",
            "date_precision",
            "status",
            "title",
            "actors",
            "actor_ids",
            "articles",
            "location",
            "url",
            "gist",
            "outlets",
            "starred",
            "tags",
            "note",
        ],
        events.iter().map(|e| {
            vec![
                e.id.clone(),
                e.kind.as_str().to_string(),
                e.date.map(|d| d.date.to_string()).unwrap_or_default(),
                e.date.map(|d| d.precision.as_str().to_string()).unwrap_or_default(),
                e.status.as_str().to_string(),
                e.title.clone(),
                e.actors.iter().map(|a| &*a.name).collect::<Vec<_>>().join("; "),
                e.actors.iter().map(|a| a.id.as_str()).collect::<Vec<_>>().join(" "),
                e.articles.to_string(),
                e.location.clone().unwrap_or_default(),
                format!("/events/{}", e.id),
                crate::model::gist_plain(&e.gist),
                e.outlets.join("; "),
                if notes.get(&e.id).is_some_and(|n| n.star) {
                    "1"
                } else {
                    ""
                }
                .to_string(),
                notes.get(&e.id).map(|n| n.tags.join("; ")).unwrap_or_default(),
                notes.get(&e.id).and_then(|n| n.note.clone()).unwrap_or_default(),
            ]
        }),
    )?;
    Ok(download(body, "text/csv; charset=utf-8", "readout-events.csv"))
}

pub(super) async fn actors_csv(State(state): State<AppState>) -> Result<Response, HtmlError> {
    let list = state.actor_list().await?;
    let body = csv_bytes(
        &["id", "name", "kind", "role", "events", "first_seen", "last_seen", "url"],
        list.actors.iter().map(|a| {
            vec![
                a.actor.id.clone(),
                a.actor.name.to_string(),
                a.actor.kind.to_string(),
                a.role.clone().unwrap_or_default(),
                a.events.to_string(),
                a.first_seen.map(|d| d.to_string()).unwrap_or_default(),
                a.last_seen.map(|d| d.to_string()).unwrap_or_default(),
                format!("/actors/{}", a.actor.id),
            ]
        }),
    )?;
    Ok(download(body, "text/csv; charset=utf-8", "readout-actors.csv"))
}

pub(super) async fn articles_csv(State(state): State<AppState>) -> Result<Response, HtmlError> {
    let articles = state.read(|r| Ok(r.articles()?)).await?;
    let body = csv_bytes(
        &[
            "id",
            "title",
            "published",
            "inferred_date",
            "date_note",
            "events",
            "file",
            "url",
        ],
        articles.iter().map(|a| {
            vec![
                a.id.clone(),
                a.title.clone(),
                a.published.map(|d| d.to_string()).unwrap_or_default(),
                a.inferred_date.map(|d| d.to_string()).unwrap_or_default(),
                a.date_note.clone().unwrap_or_default(),
                a.events.to_string(),
                a.path.clone(),
                format!("/articles/{}", a.id),
            ]
        }),
    )?;
    Ok(download(body, "text/csv; charset=utf-8", "readout-articles.csv"))
}

/// `http://host` as the request names this server, for links in feeds
/// (which are read outside the site). A Host header with anything but
/// host-name characters is not trusted.
fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() < 256
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or("127.0.0.1:3000");
    format!("http://{host}")
}

fn describe(e: &EventRow) -> String {
    let actors: Vec<&str> = e.actors.iter().map(|a| &*a.name).collect();
    let place = e.location.as_deref().map(|l| format!(" in {l}")).unwrap_or_default();
    let n = e.articles;
    format!(
        "{} ({}){place}: {}. Reported by {n} article{}.",
        e.kind,
        e.status.as_str(),
        actors.join(", "),
        if n == 1 { "" } else { "s" }
    )
}

pub(super) async fn calendar(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, HtmlError> {
    use icalendar::{Calendar, Component, EventLike};
    let q = parse_timeline(raw.as_deref())?;
    let events = all_events(&state, q.filter).await?;
    let base = base_url(&headers);
    let mut cal = Calendar::new();
    cal.name("Readout timeline");
    for e in &events {
        let Some(span) = e.date else {
            continue; // undated: nothing to put in a calendar
        };
        let mut ev = icalendar::Event::new();
        ev.uid(&format!("{}@readout", e.id))
            .summary(&e.title)
            .description(&describe(e))
            .url(&format!("{base}/events/{}", e.id));
        if let Some(l) = &e.location {
            ev.location(l);
        }
        // The whole day, week or month, its end exclusive.
        let end = span.end();
        ev.starts(span.date).ends(end.succ_opt().unwrap_or(end));
        cal.push(ev.done());
    }
    Ok(download(
        cal.done().to_string().into_bytes(),
        "text/calendar; charset=utf-8",
        "readout.ics",
    ))
}

pub(super) async fn feed(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, HtmlError> {
    use atom_syndication::{Entry, Feed, FixedDateTime, Link, Text};
    let recent = state.read(|r| Ok(r.recent_events(FEED_EVENTS)?)).await?;
    let base = base_url(&headers);
    let time = |s: &str| FixedDateTime::parse_from_rfc3339(s).unwrap_or_default();
    let link = |href: String, rel: &str, mime: Option<&str>| {
        let mut l = Link::default();
        l.set_href(href);
        l.set_rel(rel);
        l.set_mime_type(mime.map(str::to_string));
        l
    };
    let entries: Vec<Entry> = recent
        .iter()
        .map(|(e, at)| {
            let mut entry = Entry::default();
            entry.set_id(format!("{base}/events/{}", e.id));
            entry.set_title(Text::plain(e.title.clone()));
            entry.set_updated(time(at));
            entry.set_links(vec![link(
                format!("{base}/events/{}", e.id),
                "alternate",
                Some("text/html"),
            )]);
            let when = super::views::DateLabel::of(e.date).to_string();
            entry.set_summary(Some(Text::plain(format!("{when}. {}", describe(e)))));
            entry
        })
        .collect();
    let mut feed = Feed::default();
    feed.set_id(format!("{base}/feed.atom"));
    feed.set_title(Text::plain("Readout: newly ingested events"));
    feed.set_updated(recent.first().map(|(_, at)| time(at)).unwrap_or_default());
    feed.set_links(vec![
        link(format!("{base}/feed.atom"), "self", Some("application/atom+xml")),
        link(format!("{base}/"), "alternate", Some("text/html")),
    ]);
    feed.set_entries(entries);
    Ok(download(
        feed.to_string().into_bytes(),
        "application/atom+xml; charset=utf-8",
        "readout.atom",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_look_like_formulas_are_neutralised() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("-1+2"), "'-1+2");
        assert_eq!(cell("Putin said"), "Putin said");
    }

    #[test]
    fn a_host_header_with_odd_characters_is_not_used_in_links() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("evil.example/\"><x"));
        assert_eq!(base_url(&h), "http://127.0.0.1:3000");
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:3999"));
        assert_eq!(base_url(&h), "http://127.0.0.1:3999");
    }
}
