//! Handlers: one per page, each with its JSON twin.

use super::api;
use super::error::{AppError, HtmlError, JsonError};
use super::params::{
    href, parse_date, parse_timeline, parse_timeline_for_page, to_query, Change, FilterLinks, TimelineQuery,
};
use super::views::{
    article_date_label, date_note, event_view, group_by_day, keeping, label_of, segments, short_title, ActorLink,
    DayGroup, EventView, Mark, Segment,
};
use super::AppState;
use crate::model::{ActorKind, EventDate, Kind, Precision};
use crate::store::{
    ActorDetail, ActorSummary, Around, ArticleMention, ArticleRow, DayCount, Direction, EventPage, EventRow, Evidence,
    Facets, Filter,
};
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;

const PAGE_SIZE: usize = 50;

/// "Mon 19 May 2025", or nothing for no date.
fn day_label(d: Option<NaiveDate>) -> String {
    d.map(|d| label_of(d, Precision::Day)).unwrap_or_default()
}

fn html<T: Template>(t: &T) -> Result<Response, AppError> {
    Ok(Html(render(t)?).into_response())
}

/// Room reserved for a rendered page. askama's own `render` starts from
/// the template's literal text and doubles from there, copying the page
/// several times over; a timeline page is ~50 KB.
const PAGE_BYTES: usize = 64 * 1024;

/// Render a template into a buffer sized for a whole page at once.
pub(super) fn render<T: Template>(t: &T) -> askama::Result<String> {
    render_sized(t, PAGE_BYTES)
}

/// `render` with `bytes` reserved.
fn render_sized<T: Template>(t: &T, bytes: usize) -> askama::Result<String> {
    let mut out = String::with_capacity(bytes);
    t.render_into(&mut out)?;
    Ok(out)
}

// ---------------------------------------------------------------------------
// Timeline
// ---------------------------------------------------------------------------

pub(super) struct TimelineData {
    page: EventPage,
    facets: Facets,
    actor_names: Vec<(String, String)>,
    all_actors: std::sync::Arc<super::ActorList>,
    /// Events per (date, kind), for the histogram (pages only).
    day_counts: Vec<DayCount>,
}

/// The timeline's reads: a page of events, the facets (with the events per
/// day for a page's histogram), the filtered actors' names.
#[allow(clippy::type_complexity)]
fn read_timeline(
    r: &crate::store::ReadConn<'_>,
    q: &TimelineQuery,
    html: bool,
) -> Result<(EventPage, Facets, Vec<(String, String)>, Vec<DayCount>), AppError> {
    let page = r.events(&q.filter, q.cursor.as_ref().map(|(c, d)| (c, *d)), PAGE_SIZE)?;
    let mut facets = if html {
        r.facets_and_days(&q.filter)?
    } else {
        r.facets(&q.filter)?
    };
    let mut actor_names = Vec::new();
    for a in &q.filter.actors {
        let name = r.actor_ref(a)?.map(|d| d.name.to_string()).unwrap_or_else(|| a.clone());
        actor_names.push((a.clone(), name));
    }
    let day_counts = match (html, facets.days.take()) {
        (false, _) => Vec::new(),
        (true, Some(days)) => days,
        (true, None) => r.day_counts(&q.filter)?,
    };
    Ok((page, facets, actor_names, day_counts))
}

async fn load_timeline(state: &AppState, q: &TimelineQuery) -> Result<TimelineData, AppError> {
    let q = q.clone();
    let (page, facets, actor_names, day_counts) = state.read(move |r| read_timeline(r, &q, false)).await?;
    Ok(TimelineData {
        page,
        facets,
        actor_names,
        all_actors: Default::default(),
        day_counts,
    })
}

/// The links of a timeline page's JSON twin to the pages before and after.
pub(super) struct TimelineLinks {
    pub next: Option<String>,
    pub prev: Option<String>,
}

pub(super) async fn api_timeline(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, JsonError> {
    let q = parse_timeline(raw.as_deref())?;
    let d = load_timeline(&state, &q).await?;
    let link =
        |c: Option<&crate::store::Cursor>, dir| c.map(|c| href("/api/events", &to_query(&q.filter, Some((c, dir)))));
    let links = TimelineLinks {
        next: link(d.page.next.as_ref(), Direction::After),
        prev: link(d.page.prev.as_ref(), Direction::Before),
    };
    Ok(Json(api::Timeline::new(&d.page.events, &d.facets, &links)).into_response())
}

pub(super) struct FacetLink {
    pub label: String,
    pub count: i64,
    pub href: String,
    pub active: bool,
}

pub(super) struct ActiveFilter {
    pub label: String,
    pub remove: String,
}

pub(super) struct KindOption {
    pub value: String,
    pub label: String,
    pub checked: bool,
    /// Events of this kind under the filters, when the timeline shows it:
    /// not for a kind left out by a kind filter (it would read 0).
    pub count: Option<i64>,
}

#[derive(Template)]
#[template(path = "timeline.html")]
struct TimelinePage<'a> {
    /// Bytes to reserve for the page.
    size_hint: usize,
    title: String,
    json_href: Option<String>,
    groups: Vec<DayGroup<'a>>,
    total: i64,
    actor_facets: Vec<FacetLink>,
    active: Vec<ActiveFilter>,
    kind_options: Vec<KindOption>,
    /// Escaped `<option>` elements of the actors with the most events,
    /// but those already filtered on.
    actor_options: super::ActorOptions<'a>,
    /// Some actors are not in the picker: the page links to all of them.
    more_actors: bool,
    picker_actors: usize,
    selected_actors: Vec<String>,
    from: String,
    to: String,
    /// What the page says about its own query.
    notices: Vec<Notice>,
    /// "held", "planned", or "" for both.
    status: &'static str,
    /// Newest first.
    newest: bool,
    /// The tag filtered on, and starred only.
    tag: String,
    starred: bool,
    q: String,
    next: Option<String>,
    prev: Option<String>,
    csv_href: String,
    ics_href: String,
    histogram: Option<super::charts::Histogram>,
}

fn with(f: &Filter, change: impl FnOnce(&mut Filter)) -> String {
    let mut g = f.clone();
    change(&mut g);
    href("/", &to_query(&g, None))
}

/// A message on the timeline about its own query (a name that is no
/// actor, a date range turned round), with links that mend it.
pub(super) struct Notice {
    pub text: String,
    pub links: Vec<(String, String)>,
}

/// What the timeline handler answers: the page, or the canonical address
/// of a query that named actors by name.
enum TimelineOut {
    Page(String),
    Moved(String),
}

/// Suggestions offered for a name that is no actor.
const SUGGESTIONS: usize = 5;

pub(super) async fn timeline(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, HtmlError> {
    let (q, problems, typed) = parse_timeline_for_page(raw.as_deref())?;
    let all_actors = state.actor_list().await?;
    // Read and rendered on the reader thread: the page's CPU work stays in
    // the one first-come first-served queue, and the async workers only
    // move bytes.
    let out = state
        .read(move |r| {
            let mut q = q;
            let mut notices: Vec<Notice> = problems
                .into_iter()
                .map(|text| Notice {
                    text,
                    links: Vec::new(),
                })
                .collect();
            // Actors given by name (the type-ahead field takes names): the
            // one actor a name names exactly stands for it; others are
            // explained, with the actors they may mean.
            let given = std::mem::take(&mut q.filter.actors);
            let mut renamed = false;
            let mut unknown = Vec::new();
            for a in &given {
                if r.actor_ref(a)?.is_some() {
                    q.filter.actors.push(a.clone());
                    continue;
                }
                let found = r.actors_named(a, SUGGESTIONS)?;
                let exact: Vec<&crate::store::ActorRef> =
                    found.iter().filter(|(_, exact)| *exact).map(|(x, _)| x).collect();
                match exact.as_slice() {
                    [one] => {
                        if !q.filter.actors.contains(&one.id) {
                            q.filter.actors.push(one.id.clone());
                        }
                        renamed = true;
                    }
                    _ => unknown.push((a.clone(), found)),
                }
            }
            if renamed && unknown.is_empty() && notices.is_empty() {
                return Ok(TimelineOut::Moved(href(
                    "/",
                    &to_query(&q.filter, q.cursor.as_ref().map(|(c, d)| (c, *d))),
                )));
            }
            for (name, found) in unknown {
                let links = found
                    .iter()
                    .map(|(a, _)| {
                        let mut g = q.filter.clone();
                        if !g.actors.contains(&a.id) {
                            g.actors.push(a.id.clone());
                        }
                        (a.name.to_string(), href("/", &to_query(&g, None)))
                    })
                    .collect::<Vec<_>>();
                let text = if links.is_empty() {
                    format!("No actor is called “{name}”, so it is left out of the filter.")
                } else {
                    format!("No actor is called “{name}”, so it is left out of the filter. Did you mean")
                };
                notices.push(Notice { text, links });
            }
            if let Some(p) = r.corrections_problem()? {
                notices.push(Notice {
                    text: format!(
                        "The corrections file cannot be read, so the timeline is shown without corrections: {p} Fix the file by hand (Readout does not overwrite it); the Corrections page lists what it held."
                    ),
                    links: Vec::new(),
                });
            }
            let (page, facets, actor_names, day_counts) = read_timeline(r, &q, true)?;
            let d = TimelineData {
                page,
                facets,
                actor_names,
                all_actors,
                day_counts,
            };
            Ok(TimelineOut::Page(timeline_html(&q, &d, notices, &typed)?))
        })
        .await?;
    Ok(match out {
        TimelineOut::Page(body) => Html(body).into_response(),
        TimelineOut::Moved(to) => axum::response::Redirect::to(&to).into_response(),
    })
}

/// The timeline page of `q` from what was read for it.
fn timeline_html(
    q: &TimelineQuery,
    d: &TimelineData,
    notices: Vec<Notice>,
    typed: &[String; 2],
) -> Result<String, AppError> {
    let f = &q.filter;
    let links = FilterLinks::new(f);
    let actor_facets = d
        .facets
        .actors
        .iter()
        .map(|(a, n)| {
            let active = f.actors.contains(&a.id);
            FacetLink {
                label: a.name.to_string(),
                count: *n,
                active,
                href: links.href(if active {
                    Change::RemoveActor(&a.id)
                } else {
                    Change::AddActor(&a.id)
                }),
            }
        })
        .collect();
    let mut active = Vec::new();
    for (id, name) in &d.actor_names {
        active.push(ActiveFilter {
            label: format!("Actor: {name}"),
            remove: links.href(Change::RemoveActor(id)),
        });
    }
    for k in &f.kinds {
        active.push(ActiveFilter {
            label: format!("Kind: {}", k.label()),
            remove: links.href(Change::RemoveKind(*k)),
        });
    }
    if let Some(d) = f.from {
        active.push(ActiveFilter {
            label: format!("From {}", label_of(d, Precision::Day)),
            remove: links.href(Change::NoFrom),
        });
    }
    if let Some(d) = f.to {
        active.push(ActiveFilter {
            label: format!("To {}", label_of(d, Precision::Day)),
            remove: links.href(Change::NoTo),
        });
    }
    if let Some(t) = &f.q {
        active.push(ActiveFilter {
            label: format!("Text: “{t}”"),
            remove: links.href(Change::NoText),
        });
    }
    if let Some(st) = f.status {
        active.push(ActiveFilter {
            label: match st {
                crate::model::Status::Held => "Held only".to_string(),
                crate::model::Status::Planned => "Planned only".to_string(),
            },
            remove: links.href(Change::NoStatus),
        });
    }
    if let Some(t) = &f.tag {
        active.push(ActiveFilter {
            label: format!("Tag: {t}"),
            remove: links.href(Change::NoTag),
        });
    }
    if f.starred {
        active.push(ActiveFilter {
            label: "Starred only".to_string(),
            remove: links.href(Change::NoStarred),
        });
    }
    let page_link = |c: Option<&crate::store::Cursor>, dir| c.map(|c| href("/", &to_query(f, Some((c, dir)))));
    let query = to_query(f, None);
    let page = TimelinePage {
        title: "Timeline".into(),
        json_href: Some(href(
            "/api/events",
            &to_query(f, q.cursor.as_ref().map(|(c, d)| (c, *d))),
        )),
        // Event links keep the filters: the event page then steps
        // through this same filtered timeline.
        groups: group_by_day(&d.page.events, &query),
        total: d.facets.total,
        actor_facets,
        active,
        kind_options: Kind::ALL
            .iter()
            .map(|k| KindOption {
                value: k.as_str().into(),
                label: k.label().into(),
                checked: f.kinds.contains(k),
                count: (f.kinds.is_empty() || f.kinds.contains(k))
                    .then(|| d.facets.kinds.iter().find(|(n, _)| n == k).map_or(0, |(_, c)| *c)),
            })
            .collect(),
        actor_options: d.all_actors.options_except(&f.actors, super::PICKER_ACTORS),
        more_actors: d.all_actors.len() > super::PICKER_ACTORS,
        picker_actors: super::PICKER_ACTORS,
        size_hint: PAGE_BYTES + d.all_actors.options_len(super::PICKER_ACTORS),
        selected_actors: f.actors.clone(),
        // A range left out keeps its dates as typed in the form.
        from: f.from.map(|d| d.to_string()).unwrap_or_else(|| typed[0].clone()),
        to: f.to.map(|d| d.to_string()).unwrap_or_else(|| typed[1].clone()),
        notices,
        status: f.status.map(|st| st.as_str()).unwrap_or_default(),
        newest: f.newest,
        tag: f.tag.clone().unwrap_or_default(),
        starred: f.starred,
        q: f.q.clone().unwrap_or_default(),
        next: page_link(d.page.next.as_ref(), Direction::After),
        prev: page_link(d.page.prev.as_ref(), Direction::Before),
        histogram: super::charts::histogram(&d.day_counts, f),
        csv_href: href("/api/events.csv", &query),
        ics_href: href("/calendar.ics", &query),
    };
    Ok(render_sized(&page, page.size_hint)?)
}

// ---------------------------------------------------------------------------
// Event
// ---------------------------------------------------------------------------

/// What an event page and its twin show (see `api::EventPage`).
pub(super) struct EventData {
    pub event: EventRow,
    pub evidence: Vec<Evidence>,
    /// The first few other events of the day (the day page has them all).
    pub same_day: Vec<EventRow>,
    /// More events that day than `same_day` shows.
    pub same_day_more: bool,
    /// The same event as other sources date it (within a week).
    pub other_dates: Vec<EventRow>,
    /// Each actor's events just before and after this one.
    pub around: Vec<Around>,
    /// The events just before and after this one in the timeline, under the
    /// filters the page was opened with (all events when none).
    pub timeline_previous: Option<EventRow>,
    pub timeline_next: Option<EventRow>,
    /// Its star, tags and note, and the corrections that apply to it.
    pub note: crate::store::EventNote,
    pub corrections: Vec<crate::store::CorrectionRow>,
    /// What is wrong with the corrections file, if it cannot be read.
    pub problem: Option<String>,
}

/// Other events of the same day listed on an event page.
const SAME_DAY_SHOWN: usize = 10;

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 300
}

/// Read an event (`read_event`) on a reader thread and hand it, with the
/// filter it was opened under, to `then` on the same thread.
async fn with_event<T: Send + 'static>(
    state: &AppState,
    id: String,
    filter: Filter,
    then: impl FnOnce(EventData, &Filter) -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    if !valid_id(&id) {
        return Err(AppError::NotFound("There is no event at this address.".into()));
    }
    let generation = state.cache.generation();
    let day_heads = state.day_heads.clone();
    state
        .read(move |r| then(read_event(r, &id, &filter, generation, &day_heads)?, &filter))
        .await
}

/// An event's reads: the event, its evidence, the same day's first events
/// (kept per `generation` in `day_heads`), its actors' neighbours, other
/// dates, and its neighbours in the timeline under `filter`.
fn read_event(
    r: &crate::store::ReadConn<'_>,
    id: &str,
    filter: &Filter,
    generation: u64,
    day_heads: &super::DayHeads,
) -> Result<EventData, AppError> {
    let Some(event) = r.event(id)? else {
        // Hidden by the analyst: say so, and where to restore it.
        if let Some(hide) = r.corrections_of(id)?.into_iter().find(|c| c.change == "hide") {
            return Err(AppError::NotFound(format!(
                "This event was hidden as no event (correction #{}). Restore it on the Corrections page, /corrections.",
                hide.n
            )));
        }
        return Err(AppError::NotFound(format!(
            "There is no event with the id “{id}”. It may have been re-dated after new articles came in."
        )));
    };
    let evidence = r.evidence(id)?;
    let (same_day, same_day_more) = match event.date {
        Some(EventDate {
            date,
            precision: Precision::Day,
        }) => {
            // One more than shown besides this event tells whether
            // there are more.
            let head = day_heads.get_or_read(generation, date, || Ok(r.day_head(date, SAME_DAY_SHOWN + 2)?))?;
            let mut others: Vec<EventRow> = head.iter().filter(|e| e.id != id).cloned().collect();
            let more = others.len() > SAME_DAY_SHOWN;
            others.truncate(SAME_DAY_SHOWN);
            (others, more)
        }
        _ => (Vec::new(), false),
    };
    let around = r.neighbours(&event)?;
    let other_dates = r.date_variants(&event)?;
    let here = crate::store::Cursor {
        sort_key: event.sort_key.clone(),
        id: event.id.clone(),
    };
    let step =
        |dir| -> Result<Option<EventRow>, AppError> { Ok(r.events(filter, Some((&here, dir)), 1)?.events.pop()) };
    let (timeline_previous, timeline_next) = (step(Direction::Before)?, step(Direction::After)?);
    Ok(EventData {
        note: r.event_note(id)?,
        corrections: r.corrections_of(id)?,
        problem: r.corrections_problem()?,
        event,
        evidence,
        same_day,
        same_day_more,
        other_dates,
        around,
        timeline_previous,
        timeline_next,
    })
}

pub(super) async fn api_event(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, JsonError> {
    let filter = parse_timeline(raw.as_deref())?.filter;
    let d = with_event(&state, id, filter, |d, _| Ok(d)).await?;
    Ok(Json(api::EventPage::from(&d)).into_response())
}

pub(super) struct SourceView {
    pub article_href: String,
    pub article_title: String,
    pub published: String,
    /// Sentences that report the event: text, link in context, date note.
    pub sentences: Vec<(String, String, String)>,
    /// Sentences that name it in passing, folded under "also mentioned".
    pub also: Vec<(String, String, String)>,
    /// "announces" when every sentence of it tells of the event as still
    /// to come, "reports" otherwise.
    pub role: &'static str,
    /// The outlet, and the address of the article where known.
    pub outlet: String,
    pub url: String,
    /// Its best sentence's rank, which orders the sources.
    best: u8,
}

/// The event's sources, the most direct reporters first, each with its
/// sentences ranked: those that report the event shown, those that only
/// name it (or are page debris) folded away. When no sentence of the event
/// reports it directly, none is folded: the best there is, is shown.
fn ranked_sources(d: &EventData) -> Vec<SourceView> {
    use crate::model::DIRECT_RANK;
    let any_direct = d.evidence.iter().any(|e| e.rank >= DIRECT_RANK);
    let mut sources: Vec<SourceView> = Vec::new();
    let mut ranks: Vec<Vec<u8>> = Vec::new();
    // A sentence is shown once: agencies' copy runs word for word in
    // several outlets, and one article can report the event twice in one
    // sentence.
    let mut shown: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for e in &d.evidence {
        let art_href = format!("/articles/{}", e.article);
        let held = e.status == crate::model::Status::Held;
        let at = match sources.iter().position(|s| s.article_href == art_href) {
            Some(i) => i,
            None => {
                sources.push(SourceView {
                    article_href: art_href.clone(),
                    article_title: short_title(&e.article_title),
                    published: article_date_label(e.published, e.inferred_date),
                    sentences: Vec::new(),
                    also: Vec::new(),
                    role: "announces",
                    outlet: e.outlet.clone().unwrap_or_default(),
                    url: e.url.clone().unwrap_or_default(),
                    best: 0,
                });
                ranks.push(Vec::new());
                sources.len() - 1
            }
        };
        let src = &mut sources[at];
        // Every sentence counts for its source's role, shown or not.
        if held {
            src.role = "reports";
        }
        if !shown.insert(e.sentence.trim()) {
            continue;
        }
        let mut note = date_note(e.date_source).to_string();
        // Say so when this source gives another date than the event's.
        if let (Some(md), Some(ed)) = (e.mention_date, d.event.date) {
            if md != ed.date {
                let own = format!("this source dates it {}", label_of(md, Precision::Day));
                note = if note.is_empty() { own } else { format!("{note}; {own}") };
            }
        }
        let sentence = (e.sentence.clone(), format!("{art_href}#m{}", e.mention_id), note);
        src.best = src.best.max(e.rank);
        if e.rank >= DIRECT_RANK || !any_direct {
            // Ranked within the source, best first; text order among equals.
            let pos = ranks[at].iter().take_while(|&&r| r >= e.rank).count();
            ranks[at].insert(pos, e.rank);
            src.sentences.insert(pos, sentence);
        } else {
            src.also.push(sentence);
        }
    }
    // Those that tell the event as it is (held or planned) first; stable,
    // so sources of equal rank keep their date order.
    let told = if d.event.status == crate::model::Status::Held {
        "reports"
    } else {
        "announces"
    };
    sources.sort_by_key(|s| std::cmp::Reverse((!s.sentences.is_empty(), s.role == told, s.best)));
    sources
}

#[derive(Template)]
#[template(path = "event.html")]
struct EventPageT<'a> {
    title: String,
    json_href: Option<String>,
    /// The event's own address, without the filters it was opened under.
    canonical: String,
    ev: EventView<'a>,
    status: String,
    sources: Vec<SourceView>,
    same_day: Vec<EventView<'a>>,
    same_day_more: bool,
    other_dates: Vec<EventView<'a>>,
    around: Vec<AroundView<'a>>,
    /// The timeline of all this event's actors together.
    together_href: String,
    day_href: String,
    /// Previous and next event in the (filtered) timeline, links keeping
    /// the filters, and the way back to that timeline.
    timeline_previous: Option<EventView<'a>>,
    timeline_next: Option<EventView<'a>>,
    back_href: String,
    filtered: bool,
    /// Corrections and notes can be made here (the server has a data
    /// folder to keep them in).
    editable: bool,
    note: &'a crate::store::EventNote,
    corrections: Vec<super::correct::EntryView>,
    problem: Option<&'a str>,
    /// Other events to merge this one with: those other sources date
    /// differently, and the same day's.
    merge_candidates: Vec<(String, String)>,
    ev_id: &'a str,
    /// (id, name) of its actors, for the remover.
    actor_choices: Vec<(&'a str, &'a str)>,
    /// (kind word, label) for the kind picker.
    kinds: Vec<(&'static str, &'static str)>,
}

struct AroundView<'a> {
    actor: ActorLink<'a>,
    previous: Option<EventView<'a>>,
    next: Option<EventView<'a>>,
}

pub(super) async fn event(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, HtmlError> {
    let filter = parse_timeline(raw.as_deref())?.filter;
    // Read and rendered on the reader thread (see `timeline`).
    let editable = state.intake.is_some();
    let body = with_event(&state, id, filter, move |d, f| {
        event_html(&to_query(f, None), &d, editable)
    })
    .await?;
    Ok(Html(body).into_response())
}

/// The event page from what was read for it; `query` is the timeline
/// filter it was opened with, kept in its links.
fn event_html(query: &str, d: &EventData, editable: bool) -> Result<String, AppError> {
    let sources = ranked_sources(d);
    let ev = event_view(&d.event);
    let page = EventPageT {
        // The tab says which: the same people speak on many days.
        title: format!(
            "{}, {}{}",
            ev.title,
            ev.date_label,
            if d.event.status == crate::model::Status::Planned {
                " (planned)"
            } else {
                ""
            }
        ),
        json_href: Some(href(&format!("/api/events/{}", d.event.id), query)),
        canonical: format!("/events/{}", d.event.id),
        timeline_previous: d.timeline_previous.as_ref().map(|e| keeping(e, query)),
        timeline_next: d.timeline_next.as_ref().map(|e| keeping(e, query)),
        back_href: href("/", query),
        filtered: !query.is_empty(),
        status: d.event.status.as_str().to_string(),
        day_href: match d.event.date {
            Some(EventDate {
                date,
                precision: Precision::Day,
            }) => format!("/dates/{date}"),
            _ => String::new(),
        },
        ev,
        sources,
        same_day: d.same_day.iter().map(event_view).collect(),
        same_day_more: d.same_day_more,
        other_dates: d.other_dates.iter().map(event_view).collect(),
        around: d
            .around
            .iter()
            .map(|a| AroundView {
                actor: ActorLink::from(&a.actor),
                previous: a.previous.as_ref().map(|e| keeping(e, query)),
                next: a.next.as_ref().map(|e| keeping(e, query)),
            })
            .collect(),
        together_href: if d.event.actors.len() > 1 {
            let together = Filter {
                actors: d.event.actors.iter().map(|a| a.id.clone()).collect(),
                ..Filter::default()
            };
            href("/", &to_query(&together, None))
        } else {
            String::new()
        },
        editable,
        ev_id: &d.event.id,
        actor_choices: d.event.actors.iter().map(|a| (a.id.as_str(), &*a.name)).collect(),
        kinds: crate::model::Kind::ALL
            .iter()
            .map(|k| (k.as_str(), k.label()))
            .collect(),
        note: &d.note,
        corrections: d.corrections.iter().map(super::correct::entry_view).collect(),
        problem: d.problem.as_deref(),
        merge_candidates: d
            .other_dates
            .iter()
            .chain(&d.same_day)
            .filter(|e| e.kind == d.event.kind)
            .map(|e| {
                (
                    e.id.clone(),
                    format!("{} ({})", e.title, super::views::DateLabel::of(e.date)),
                )
            })
            .collect(),
    };
    Ok(render(&page)?)
}

// ---------------------------------------------------------------------------
// Actors
// ---------------------------------------------------------------------------

pub(super) async fn api_actors(State(state): State<AppState>) -> Result<Response, JsonError> {
    let all = state.actor_list().await?;
    Ok(Json(api::Actors::new(&all.actors)).into_response())
}

pub(super) struct ActorRowView<'a> {
    pub link: ActorLink<'a>,
    pub role: String,
    pub events: i64,
    pub first_seen: String,
    pub last_seen: String,
}

#[derive(Template)]
#[template(path = "actors.html")]
struct ActorsPage<'a> {
    title: String,
    json_href: Option<String>,
    people: Vec<ActorRowView<'a>>,
    others: Vec<ActorRowView<'a>>,
}

pub(super) async fn actors(State(state): State<AppState>) -> Result<Response, HtmlError> {
    let all = state.actor_list().await?;
    fn view(a: &ActorSummary) -> ActorRowView<'_> {
        ActorRowView {
            link: ActorLink::from(&a.actor),
            role: a.role.clone().unwrap_or_default(),
            events: a.events,
            first_seen: day_label(a.first_seen),
            last_seen: day_label(a.last_seen),
        }
    }
    let page = ActorsPage {
        title: "Actors".into(),
        json_href: Some("/api/actors".into()),
        people: all
            .actors
            .iter()
            .filter(|a| a.actor.kind == ActorKind::Person)
            .map(view)
            .collect(),
        others: all
            .actors
            .iter()
            .filter(|a| a.actor.kind != ActorKind::Person)
            .map(view)
            .collect(),
    };
    Ok(html(&page)?)
}

/// Actors listed in each of an actor page's lists of partners.
const PARTNERS: usize = 30;

/// What an actor page and its twin show (see `api::ActorPage`).
pub(super) struct ActorData {
    pub actor: ActorDetail,
    pub kinds: Vec<(Kind, i64)>,
    pub counterparts: Vec<(crate::store::ActorRef, i64)>,
    /// Whom it meets, and whom it demands things of or from.
    pub partners: crate::store::Partners,
    pub first_seen: Option<NaiveDate>,
    pub last_seen: Option<NaiveDate>,
    /// Dated events per day and kind: what the activity chart draws.
    pub activity: Vec<DayCount>,
    pub events: Vec<EventRow>,
    pub more_events: bool,
}

async fn load_actor(state: &AppState, id: String) -> Result<ActorData, AppError> {
    if !valid_id(&id) {
        return Err(AppError::NotFound("There is no actor at this address.".into()));
    }
    state
        .read(move |r| {
            let actor = r
                .actor(&id)?
                .ok_or_else(|| AppError::NotFound(format!("There is no actor with the id “{id}”.")))?;
            let crate::store::ActorTally {
                kinds,
                counterparts,
                mut days,
            } = r.actor_tally(&id)?;
            // By day, then kind word, precision and status: the order of
            // the twin's `activity`.
            days.sort_unstable_by_key(|c| (c.date, c.kind.as_str(), c.precision, c.planned));
            let (first_seen, last_seen) = r.actor_span(&id)?;
            let partners = r.partners(&id, &[Kind::Call, Kind::Talks], Kind::Demand, PARTNERS)?;
            let f = Filter {
                actors: vec![id.clone()],
                ..Filter::default()
            };
            let page = r.events(&f, None, 50)?;
            Ok(ActorData {
                actor,
                kinds,
                counterparts,
                partners,
                first_seen,
                last_seen,
                activity: days,
                more_events: page.next.is_some(),
                events: page.events,
            })
        })
        .await
}

/// Actors with counts as links to their pages.
fn actor_links(list: &[(crate::store::ActorRef, i64)]) -> Vec<FacetLink> {
    list.iter()
        .map(|(c, n)| FacetLink {
            label: c.name.to_string(),
            count: *n,
            active: false,
            href: format!("/actors/{}", c.id),
        })
        .collect()
}

/// Where an actor merged into another by a correction now lives.
async fn merged_actor(state: &AppState, id: &str, api: bool) -> Result<Option<Response>, AppError> {
    if !valid_id(id) {
        return Ok(None);
    }
    let key = id.to_string();
    let into = state.read(move |r| Ok(r.merged_into(&key)?)).await?;
    Ok(into.map(|to| {
        let prefix = if api { "/api/actors/" } else { "/actors/" };
        axum::response::Redirect::permanent(&format!("{prefix}{to}")).into_response()
    }))
}

pub(super) async fn api_actor(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, JsonError> {
    if let Some(moved) = merged_actor(&state, &id, true).await? {
        return Ok(moved);
    }
    let d = load_actor(&state, id).await?;
    Ok(Json(api::ActorPage::from(&d)).into_response())
}

#[derive(Template)]
#[template(path = "actor.html")]
struct ActorPage<'a> {
    title: String,
    json_href: Option<String>,
    name: String,
    kind: String,
    role: String,
    country: String,
    discovered: bool,
    affiliation: Option<ActorLink<'a>>,
    aliases: Vec<String>,
    kinds: Vec<FacetLink>,
    /// Parties of its calls and talks; actors it demands things of; those
    /// who demand things of it.
    met: Vec<FacetLink>,
    demanded_of: Vec<FacetLink>,
    demanded_by: Vec<FacetLink>,
    first_seen: String,
    last_seen: String,
    groups: Vec<DayGroup<'a>>,
    more_href: Option<String>,
    timeline_href: String,
    activity: Option<super::charts::Histogram>,
    /// Corrections can be made here.
    editable: bool,
    id: String,
    kinds_of_actors: [&'static str; 6],
}

pub(super) async fn actor(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, HtmlError> {
    if let Some(moved) = merged_actor(&state, &id, false).await? {
        return Ok(moved);
    }
    let d = load_actor(&state, id).await?;
    let a = &d.actor;
    let base = Filter {
        actors: vec![a.id.clone()],
        ..Filter::default()
    };
    let page = ActorPage {
        editable: state.intake.is_some(),
        id: a.id.clone(),
        kinds_of_actors: ["person", "office", "state", "organization", "outlet", "group"],
        title: a.name.clone(),
        json_href: Some(format!("/api/actors/{}", a.id)),
        name: a.name.clone(),
        kind: a.kind.as_str().to_string(),
        role: a.role.clone().unwrap_or_default(),
        country: a.country.clone().unwrap_or_default(),
        discovered: a.discovered,
        affiliation: a.affiliation.as_ref().map(ActorLink::from),
        aliases: a.aliases.clone(),
        kinds: d
            .kinds
            .iter()
            .map(|&(k, n)| FacetLink {
                label: k.label().to_string(),
                count: n,
                active: false,
                href: with(&base, |g| g.kinds = vec![k]),
            })
            .collect(),
        met: actor_links(&d.partners.met),
        demanded_of: actor_links(&d.partners.demanded_of),
        demanded_by: actor_links(&d.partners.demanded_by),
        first_seen: day_label(d.first_seen),
        last_seen: day_label(d.last_seen),
        groups: group_by_day(&d.events, ""),
        more_href: d.more_events.then(|| with(&base, |_| {})),
        timeline_href: with(&base, |_| {}),
        activity: super::charts::histogram(&d.activity, &base),
    };
    Ok(html(&page)?)
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

/// What a day page and its twin show (see `api::DatePage`).
pub(super) struct DateData {
    pub date: NaiveDate,
    pub events: Vec<EventRow>,
    pub wider: Vec<EventRow>,
    pub previous_day: Option<NaiveDate>,
    pub next_day: Option<NaiveDate>,
}

async fn load_date(state: &AppState, date: String) -> Result<DateData, AppError> {
    let day = parse_date("date", &date).map_err(|_| {
        AppError::NotFound(format!(
            "“{}” is not a date; day pages live at /dates/YYYY-MM-DD.",
            date.chars().take(40).collect::<String>()
        ))
    })?;
    state
        .read(move |r| {
            let (events, wider) = r.day(day)?;
            let (previous_day, next_day) = r.adjacent_days(day)?;
            Ok(DateData {
                date: day,
                events,
                wider,
                previous_day,
                next_day,
            })
        })
        .await
}

pub(super) async fn api_date(State(state): State<AppState>, Path(date): Path<String>) -> Result<Response, JsonError> {
    let d = load_date(&state, date).await?;
    Ok(Json(api::DatePage::from(&d)).into_response())
}

#[derive(Template)]
#[template(path = "date.html")]
struct DatePage<'a> {
    title: String,
    json_href: Option<String>,
    label: String,
    iso: String,
    events: Vec<EventView<'a>>,
    wider: Vec<EventView<'a>>,
    previous: Option<(String, String)>,
    next: Option<(String, String)>,
    timeline_href: String,
}

pub(super) async fn date(State(state): State<AppState>, Path(date): Path<String>) -> Result<Response, HtmlError> {
    let d = load_date(&state, date).await?;
    let link = |x: Option<NaiveDate>| x.map(|x| (format!("/dates/{x}"), label_of(x, Precision::Day)));
    let label = label_of(d.date, Precision::Day);
    let day = d.date;
    let page = DatePage {
        title: label.clone(),
        json_href: Some(format!("/api/dates/{}", d.date)),
        label,
        iso: d.date.to_string(),
        events: d.events.iter().map(event_view).collect(),
        wider: d.wider.iter().map(event_view).collect(),
        previous: link(d.previous_day),
        next: link(d.next_day),
        timeline_href: with(&Filter::default(), |g| {
            g.from = Some(day);
            g.to = Some(day);
        }),
    };
    Ok(html(&page)?)
}

// ---------------------------------------------------------------------------
// Articles
// ---------------------------------------------------------------------------

pub(super) async fn api_articles(State(state): State<AppState>) -> Result<Response, JsonError> {
    let articles = state.read(|r| Ok(r.articles()?)).await?;
    Ok(Json(api::Articles::new(&articles)).into_response())
}

pub(super) struct ArticleView {
    pub href: String,
    pub title: String,
    pub date: String,
    pub path: String,
    pub events: i64,
}

fn article_date(a: &ArticleRow) -> String {
    article_date_label(a.published, a.inferred_date)
}

#[derive(Template)]
#[template(path = "articles.html")]
struct ArticlesPage {
    title: String,
    json_href: Option<String>,
    articles: Vec<ArticleView>,
}

pub(super) async fn articles(State(state): State<AppState>) -> Result<Response, HtmlError> {
    let all = state.read(|r| Ok(r.articles()?)).await?;
    let page = ArticlesPage {
        title: "Articles".into(),
        json_href: Some("/api/articles".into()),
        articles: all
            .iter()
            .map(|a| ArticleView {
                href: format!("/articles/{}", a.id),
                title: short_title(&a.title),
                date: article_date(a),
                path: state.shown_path(&a.path),
                events: a.events,
            })
            .collect(),
    };
    Ok(html(&page)?)
}

/// What an article page and its twin show (see `api::ArticlePage`).
pub(super) struct ArticleData {
    pub article: ArticleRow,
    pub text: String,
    pub mentions: Vec<ArticleMention>,
    pub events: Vec<EventRow>,
}

async fn load_article(state: &AppState, id: String) -> Result<ArticleData, AppError> {
    if !valid_id(&id) {
        return Err(AppError::NotFound("There is no article at this address.".into()));
    }
    state
        .read(move |r| {
            let (article, text) = r
                .article(&id)?
                .ok_or_else(|| AppError::NotFound(format!("There is no article with the id “{id}”.")))?;
            let mentions = r.article_mentions(&id)?;
            let events = r.article_events(&id)?;
            Ok(ArticleData {
                article,
                text,
                mentions,
                events,
            })
        })
        .await
}

pub(super) async fn api_article(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, JsonError> {
    let d = load_article(&state, id).await?;
    Ok(Json(api::ArticlePage::from(&d)).into_response())
}

#[derive(Template)]
#[template(path = "article.html")]
struct ArticlePage<'a> {
    title: String,
    json_href: Option<String>,
    date: String,
    date_note: String,
    path: String,
    /// The source's address (http or https only, as read).
    url: String,
    /// The heading is named after the article's main event (it has no
    /// headline of its own).
    named_after: bool,
    outlet: String,
    segments: Vec<Segment>,
    events: Vec<EventView<'a>>,
}

pub(super) async fn article(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, HtmlError> {
    let d = load_article(&state, id).await?;
    let marks: Vec<Mark> = d
        .mentions
        .iter()
        .map(|m| Mark {
            start: m.start,
            end: m.end,
            mention: m.mention_id,
            event_id: &m.event_id,
            event_title: &m.event_title,
            rank: m.rank,
        })
        .collect();
    let (heading, named_after) = article_heading(&d);
    let page = ArticlePage {
        title: heading,
        named_after,
        outlet: d.article.outlet.clone().unwrap_or_default(),
        json_href: Some(format!("/api/articles/{}", d.article.id)),
        date: article_date(&d.article),
        date_note: d.article.date_note.clone().unwrap_or_default(),
        path: state.shown_path(&d.article.path),
        url: d
            .article
            .url
            .clone()
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
            .unwrap_or_default(),
        segments: segments(&d.text, &marks),
        events: d.events.iter().map(event_view).collect(),
    };
    Ok(html(&page)?)
}

/// An article page's heading: its headline; or, when its title is only its
/// first sentence (a text without a headline), that sentence up to a clause
/// boundary short enough for a heading ("U.S. President Donald Trump will
/// speak with the leaders of Russia and Ukraine by telephone on Monday");
/// failing that, the event it reports most, with its date. True when the
/// heading is not the text's own headline.
fn article_heading(d: &ArticleData) -> (String, bool) {
    let title = d.article.title.trim();
    let sentence = title.ends_with(['.', '…', '!', '?']) || title.chars().count() > super::views::TITLE_CHARS;
    if !sentence {
        return (short_title(title), false);
    }
    if let Some(clause) = super::views::clause_title(title) {
        return (clause, true);
    }
    // The event most of its sentences report; the first of equals.
    let mut best: Option<(&str, usize)> = None;
    for m in &d.mentions {
        let n = d.mentions.iter().filter(|x| x.event_id == m.event_id).count();
        if best.is_none_or(|(_, b)| n > b) {
            best = Some((&m.event_id, n));
        }
    }
    match best.and_then(|(id, _)| d.events.iter().find(|e| e.id == id)) {
        Some(e) => (format!("{}, {}", e.title, super::views::DateLabel::of(e.date)), true),
        None => (short_title(title), false),
    }
}

// ---------------------------------------------------------------------------
// Fallbacks
// ---------------------------------------------------------------------------

pub(super) async fn not_found() -> HtmlError {
    HtmlError(AppError::NotFound("There is nothing at this address.".into()))
}

/// Unknown addresses and methods: an error page, or JSON under `/api/`.
pub(super) async fn fallback(uri: axum::http::Uri) -> Response {
    error_for(&uri, AppError::NotFound("There is nothing at this address.".into()))
}

pub(super) async fn method_not_allowed(uri: axum::http::Uri) -> Response {
    error_for(&uri, AppError::MethodNotAllowed("GET"))
}

fn error_for(uri: &axum::http::Uri, e: AppError) -> Response {
    if uri.path().starts_with("/api/") {
        JsonError(e).into_response()
    } else {
        HtmlError(e).into_response()
    }
}
