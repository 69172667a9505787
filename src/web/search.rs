//! Search (`/search?q=…` and its JSON twin `/api/search`): the events whose
//! evidence sentences hold the words asked for and the articles whose
//! whole text holds them, best matches first, each with its sentence or
//! passage and the matched words marked. Article texts are indexed in the
//! background after an ingest; until that is done, the page says how far
//! it is and finds the articles not yet indexed by their sentences.

use super::error::{AppError, HtmlError, JsonError};
use super::params::{href, parse_timeline, to_query};
use super::views::{date_label, event_view, EventView};
use super::AppState;
use crate::store::read::query::split_marked;
use crate::store::{EventRow, Filter, SearchResults, MARK_CLOSE, MARK_OPEN};
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// Results shown of each kind (events, articles).
const LIMIT: usize = 50;

/// A piece of a sentence: text, and whether it is a matched word.
#[derive(Serialize)]
pub struct Piece {
    text: String,
    #[serde(rename = "match")]
    hit: bool,
}

fn pieces(marked: &str) -> Vec<Piece> {
    split_marked(marked, MARK_OPEN, MARK_CLOSE)
        .into_iter()
        .map(|(text, hit)| Piece { text, hit })
        .collect()
}

#[derive(Serialize)]
struct EventJson {
    event: EventRow,
    article: String,
    evidence: Vec<Piece>,
}

#[derive(Serialize)]
struct ArticleJson {
    id: String,
    title: String,
    date: Option<String>,
    sentence: Vec<Piece>,
}

/// How much of the article texts the search covered.
#[derive(Serialize)]
struct TextIndexJson {
    articles: i64,
    indexed: i64,
    complete: bool,
}

#[derive(Serialize)]
pub(super) struct SearchJson {
    q: String,
    text_index: TextIndexJson,
    events_total: i64,
    events: Vec<EventJson>,
    articles_total: i64,
    articles: Vec<ArticleJson>,
}

async fn load(state: &AppState, raw: Option<&str>) -> Result<(String, SearchResults), AppError> {
    let q = parse_timeline(raw)?.filter.q.unwrap_or_default();
    let words = q.clone();
    let found = state.read(move |r| Ok(r.search(&words, LIMIT)?)).await?;
    Ok((q, found))
}

pub struct EventHitView<'a> {
    pub event: EventView<'a>,
    pub evidence: &'a [Piece],
    pub article_href: String,
}

pub struct ArticleHitView {
    pub href: String,
    pub title: String,
    pub date: String,
    pub sentence: Vec<Piece>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage<'a> {
    title: String,
    json_href: Option<String>,
    q: String,
    asked: bool,
    events_total: i64,
    events: Vec<EventHitView<'a>>,
    articles_total: i64,
    articles: Vec<ArticleHitView>,
    timeline_href: String,
    /// Article texts indexed so far and stored, when indexing is not done.
    indexing: Option<(i64, i64)>,
}

pub(super) async fn page(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let (q, found) = load(&state, raw.as_deref()).await?;
    let query = to_query(
        &Filter {
            q: Some(q.clone()).filter(|q| !q.trim().is_empty()),
            ..Filter::default()
        },
        None,
    );
    let asked = !q.trim().is_empty();
    let r = results(q, found);
    let page = SearchPage {
        title: if asked {
            format!("Search: {}", r.q)
        } else {
            "Search".into()
        },
        json_href: Some(href("/api/search", &query)),
        asked,
        events_total: r.events_total,
        events: r
            .events
            .iter()
            .map(|h| EventHitView {
                event: event_view(&h.event),
                evidence: &h.evidence,
                article_href: format!("/articles/{}", h.article),
            })
            .collect(),
        articles_total: r.articles_total,
        articles: r
            .articles
            .into_iter()
            .map(|a| ArticleHitView {
                href: format!("/articles/{}", a.id),
                date: a
                    .date
                    .as_deref()
                    .map(|d| date_label(Some(d), Some("day")))
                    .unwrap_or_default(),
                title: a.title,
                sentence: a.sentence,
            })
            .collect(),
        timeline_href: href("/", &query),
        indexing: (!r.text_index.complete).then_some((r.text_index.indexed, r.text_index.articles)),
        q: r.q.clone(),
    };
    Ok(Html(super::pages::render(&page).map_err(AppError::from)?).into_response())
}

pub(super) async fn api(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Json<SearchJson>, JsonError> {
    let (q, found) = load(&state, raw.as_deref()).await?;
    Ok(Json(results(q, found)))
}

/// The results with their sentences cut into marked pieces: the JSON twin,
/// and what the page shows.
fn results(q: String, found: SearchResults) -> SearchJson {
    SearchJson {
        q,
        text_index: TextIndexJson {
            articles: found.progress.articles,
            indexed: found.progress.indexed,
            complete: found.progress.complete(),
        },
        events_total: found.events_total,
        events: found
            .events
            .into_iter()
            .map(|h| EventJson {
                evidence: pieces(&h.evidence),
                event: h.event,
                article: h.article,
            })
            .collect(),
        articles_total: found.articles_total,
        articles: found
            .articles
            .into_iter()
            .map(|a| ArticleJson {
                sentence: pieces(&a.snippet),
                id: a.id,
                title: a.title,
                date: a.date,
            })
            .collect(),
    }
}
