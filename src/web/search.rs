//! Search (`/search?q=…` and its JSON twin `/api/search`): the events whose
//! evidence sentences hold the words asked for and the articles whose
//! whole text holds them, best matches first, each with its sentence or
//! passage and the matched words marked. Article texts are indexed in the
//! background after an ingest; until that is done, the page says how far
//! it is and finds the articles not yet indexed by their sentences.

use super::error::{AppError, HtmlError, JsonError};
use super::params::{href, parse_timeline, to_query};
use super::views::{event_view, label_of, EventView};
use super::AppState;
use crate::model::Precision;
use crate::store::read::query::split_marked;
use crate::store::{EventRow, Filter, SearchProgress, SearchResults, MARK_CLOSE, MARK_OPEN};
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;

/// Results shown of each kind (events, articles).
const LIMIT: usize = 50;

/// A piece of a sentence: text, and whether it is a matched word.
pub struct Piece {
    pub text: String,
    pub hit: bool,
}

fn pieces(marked: &str) -> Vec<Piece> {
    split_marked(marked, MARK_OPEN, MARK_CLOSE)
        .into_iter()
        .map(|(text, hit)| Piece { text, hit })
        .collect()
}

/// An event found, its sentence cut into marked pieces.
pub(super) struct EventHit {
    pub event: EventRow,
    pub article: String,
    pub evidence: Vec<Piece>,
}

/// An article found, its passage cut into marked pieces.
pub(super) struct ArticleHit {
    pub id: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub sentence: Vec<Piece>,
}

/// A sentence found, once, with its events.
pub(super) struct SentenceHit {
    pub article: String,
    pub sentence: Vec<Piece>,
    pub events: Vec<EventRow>,
}

/// What the search page and its twin show (see `api::Search`).
pub(super) struct SearchData {
    pub q: String,
    /// The kinds and dates the search was narrowed to (`q` apart).
    pub within: Filter,
    pub sentences: Vec<SentenceHit>,
    pub progress: SearchProgress,
    pub events_total: i64,
    pub events: Vec<EventHit>,
    pub articles_total: i64,
    pub articles: Vec<ArticleHit>,
}

async fn load(state: &AppState, raw: Option<&str>) -> Result<SearchData, AppError> {
    let mut within = parse_timeline(raw)?.filter;
    let q = within.q.take().unwrap_or_default();
    // Search narrows by kind and date; actors are the timeline's.
    within.actors.clear();
    let (words, w) = (q.clone(), within.clone());
    let found = state.read(move |r| Ok(r.search_within(&words, &w, LIMIT)?)).await?;
    Ok(results(q, within, found))
}

/// A sentence found, as the page lists it.
pub struct SentenceHitView<'a> {
    pub sentence: &'a [Piece],
    pub article_href: String,
    pub events: Vec<EventView<'a>>,
}

pub struct ArticleHitView<'a> {
    pub href: String,
    pub title: String,
    pub date: String,
    pub sentence: &'a [Piece],
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage<'a> {
    title: String,
    json_href: Option<String>,
    q: String,
    asked: bool,
    events_total: i64,
    /// Sentences found, each once with its events.
    sentences: Vec<SentenceHitView<'a>>,
    kind_options: Vec<super::pages::KindOption>,
    from: String,
    to: String,
    /// Kinds or dates narrow the search.
    narrowed: bool,
    articles_total: i64,
    articles: Vec<ArticleHitView<'a>>,
    timeline_href: String,
    /// Article texts indexed so far and stored, when indexing is not done.
    indexing: Option<(i64, i64)>,
}

pub(super) async fn page(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let r = load(&state, raw.as_deref()).await?;
    let with_q = Filter {
        q: Some(r.q.clone()).filter(|q| !q.trim().is_empty()),
        ..r.within.clone()
    };
    let query = to_query(&with_q, None);
    let asked = !r.q.trim().is_empty();
    let page = SearchPage {
        title: if asked {
            format!("Search: {}", r.q)
        } else {
            "Search".into()
        },
        json_href: Some(href("/api/search", &query)),
        asked,
        events_total: r.events_total,
        sentences: r
            .sentences
            .iter()
            .map(|h| SentenceHitView {
                sentence: &h.sentence,
                article_href: format!("/articles/{}", h.article),
                events: h.events.iter().map(event_view).collect(),
            })
            .collect(),
        kind_options: crate::model::Kind::ALL
            .iter()
            .map(|k| super::pages::KindOption {
                value: k.as_str().to_string(),
                label: k.label().to_string(),
                checked: r.within.kinds.contains(k),
                count: None,
            })
            .collect(),
        from: r.within.from.map(|d| d.to_string()).unwrap_or_default(),
        to: r.within.to.map(|d| d.to_string()).unwrap_or_default(),
        narrowed: !r.within.kinds.is_empty() || r.within.from.is_some() || r.within.to.is_some(),
        articles_total: r.articles_total,
        articles: r
            .articles
            .iter()
            .map(|a| ArticleHitView {
                href: format!("/articles/{}", a.id),
                date: a.date.map(|d| label_of(d, Precision::Day)).unwrap_or_default(),
                title: super::views::short_title(&a.title),
                sentence: &a.sentence,
            })
            .collect(),
        timeline_href: href("/", &query),
        indexing: (!r.progress.complete()).then_some((r.progress.indexed, r.progress.articles)),
        q: r.q.clone(),
    };
    Ok(Html(super::pages::render(&page).map_err(AppError::from)?).into_response())
}

pub(super) async fn api(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, JsonError> {
    let r = load(&state, raw.as_deref()).await?;
    Ok(Json(super::api::Search::from(&r)).into_response())
}

/// The results with their sentences cut into marked pieces: the JSON twin,
/// and what the page shows.
fn results(q: String, within: Filter, found: SearchResults) -> SearchData {
    SearchData {
        q,
        within,
        sentences: found
            .sentences
            .into_iter()
            .map(|h| SentenceHit {
                sentence: pieces(&h.sentence),
                article: h.article,
                events: h.events,
            })
            .collect(),
        progress: found.progress,
        events_total: found.events_total,
        events: found
            .events
            .into_iter()
            .map(|h| EventHit {
                evidence: pieces(&h.evidence),
                event: h.event,
                article: h.article,
            })
            .collect(),
        articles_total: found.articles_total,
        articles: found
            .articles
            .into_iter()
            .map(|a| ArticleHit {
                sentence: pieces(&a.snippet),
                id: a.id,
                title: a.title,
                date: a.date,
            })
            .collect(),
    }
}
