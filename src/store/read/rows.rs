//! The rows and filters the query side takes and returns.

use super::*;

/// Filters of the timeline; every field maps to a URL parameter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub actors: Vec<String>,
    pub kinds: Vec<Kind>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub q: Option<String>,
    /// Held events only, or planned ones only.
    pub status: Option<Status>,
    /// Newest first (`order=newest`) rather than oldest first. Not a
    /// filter, but it travels with one in every link of the timeline.
    pub newest: bool,
    /// Events the analyst tagged so (`tag=`).
    pub tag: Option<String>,
    /// Starred events only (`starred=1`).
    pub starred: bool,
}

impl Filter {
    /// Narrowed by what only the events table knows (status, tags, stars):
    /// the counts kept per day and per actor cannot answer it.
    pub fn by_event_fields(&self) -> bool {
        self.status.is_some() || self.tag.is_some() || self.starred
    }
}

/// Keyset position: (sort key, event id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub sort_key: String,
    pub id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    After,
    Before,
}

/// An actor as shown next to an event. Name and kind are shared with the
/// reading connection's memo of actors (`ActorNames`): a page lists a
/// hundred actors or more, and each was two Strings copied from it.
#[derive(Debug, Clone)]
pub struct ActorRef {
    pub id: String,
    pub name: std::sync::Arc<str>,
    pub kind: ActorKind,
}

/// One event row of a list.
#[derive(Debug, Clone)]
pub struct EventRow {
    pub id: String,
    pub kind: Kind,
    /// None for an undated event.
    pub date: Option<EventDate>,
    pub date_source: DateSource,
    pub status: Status,
    pub title: String,
    pub articles: i64,
    /// Where talks took place, as the sources name it.
    pub location: Option<String>,
    pub actors: Vec<ActorRef>,
    /// The actors' ids as stored ("a-b c-d"), until `ReadConn::attach_actors`
    /// turns them into `actors`.
    pub(in crate::store) actor_ids: String,
    pub sort_key: String,
    /// What happened, in the words of its best evidence, names marked
    /// (`model::gist_pieces`); empty for events stored without one.
    pub gist: String,
    /// The outlets of its sources, where known, sorted.
    pub outlets: Vec<String>,
}

/// Marks around the matched words in search results: control characters,
/// not expected in news text (a stray one only shifts a mark; pages split
/// on them, see `query::split_marked`, so marks always pair up).
pub const MARK_OPEN: char = '\u{1}';

pub const MARK_CLOSE: char = '\u{2}';

/// An event found by a search, with its best-matching evidence sentence.
#[derive(Debug, Clone)]
pub struct EventHit {
    pub event: EventRow,
    /// The sentence, matches marked.
    pub evidence: String,
    /// The article it is from.
    pub article: String,
}

/// An article found by a search, through its text or its sentences.
#[derive(Debug, Clone)]
pub struct ArticleHit {
    pub id: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    /// Its best-matching passage (or, while its text waits for the search
    /// index, its best-matching sentence), matches marked.
    pub snippet: String,
}

/// A sentence found by a search, once, with every event it reports.
#[derive(Debug, Clone)]
pub struct SentenceHit {
    /// The sentence, matches marked.
    pub sentence: String,
    /// The article it is from.
    pub article: String,
    /// Its events (under the search's filters), best-ranked first.
    pub events: Vec<EventRow>,
}

#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// Each event found, with its best sentence.
    pub events: Vec<EventHit>,
    pub events_total: i64,
    /// Each sentence found, once, with its events, best first.
    pub sentences: Vec<SentenceHit>,
    pub articles: Vec<ArticleHit>,
    pub articles_total: i64,
    /// How much of the article texts the search covered.
    pub progress: SearchProgress,
}

/// A page of events with keyset cursors.
#[derive(Debug, Clone)]
pub struct EventPage {
    pub events: Vec<EventRow>,
    pub next: Option<Cursor>,
    pub prev: Option<Cursor>,
}

/// Facet counts for the current filters.
#[derive(Debug, Clone)]
pub struct Facets {
    /// Events by kind, in the alphabetical order of their words.
    pub kinds: Vec<(Kind, i64)>,
    pub actors: Vec<(ActorRef, i64)>,
    pub total: i64,
    /// Events per (date, kind), when the facets were counted from the
    /// events themselves (the histogram then needs no second pass).
    pub days: Option<Vec<DayCount>>,
}

/// How many events of one kind a day has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayCount {
    /// The event's date: a day, or the first day of its week or month.
    pub date: NaiveDate,
    pub kind: Kind,
    /// Events of a week or month are drawn over their span.
    pub precision: Precision,
    /// Planned events are drawn apart from held ones.
    pub planned: bool,
    pub events: i64,
}

/// Who talked to whom: calls and talks of two sides as pairs, those of
/// three sides or more as gatherings. A person and its own office (see
/// `ReadConn::own_sides`) are one side.
#[derive(Debug, Clone)]
pub struct Network {
    pub actors: Vec<ActorRef>,
    /// (actor id, actor id, events, sources), most sources first.
    pub pairs: Vec<(String, String, i64, i64)>,
    /// Calls and talks of three sides or more, most sources first.
    pub gatherings: Vec<Gathering>,
}

/// A call or talks of three sides or more: one event, not a line between
/// every two of its parties (who may never have spoken to each other).
#[derive(Debug, Clone)]
pub struct Gathering {
    pub id: String,
    pub title: String,
    pub date: Option<EventDate>,
    /// Its sides, one actor each.
    pub actors: Vec<String>,
    pub sources: i64,
}

/// One actor's events just before and after an event.
#[derive(Debug, Clone)]
pub struct Around {
    pub actor: ActorRef,
    pub previous: Option<EventRow>,
    pub next: Option<EventRow>,
}

/// An evidence sentence from one article.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub mention_id: i64,
    pub article: String,
    pub article_title: String,
    pub published: Option<NaiveDate>,
    pub inferred_date: Option<NaiveDate>,
    pub sentence: String,
    pub start: i64,
    pub end: i64,
    pub date_source: DateSource,
    /// The day this source gives the event (the start of its week or
    /// month when it gives no day).
    pub mention_date: Option<NaiveDate>,
    pub status: Status,
    /// How directly the sentence reports the event (`model::DIRECT_RANK`).
    pub rank: u8,
    /// The article's outlet and address, where known.
    pub outlet: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ActorDetail {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub role: Option<String>,
    pub country: Option<String>,
    pub affiliation: Option<ActorRef>,
    pub discovered: bool,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ActorSummary {
    pub actor: ActorRef,
    pub role: Option<String>,
    pub events: i64,
    pub first_seen: Option<NaiveDate>,
    pub last_seen: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct ArticleRow {
    pub id: String,
    pub path: String,
    pub title: String,
    pub published: Option<NaiveDate>,
    pub inferred_date: Option<NaiveDate>,
    pub date_note: Option<String>,
    pub events: i64,
    /// Where the article was published, when its file says.
    pub url: Option<String>,
    /// Its outlet, where its file or text says.
    pub outlet: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ArticleMention {
    pub mention_id: i64,
    pub start: i64,
    pub end: i64,
    pub kind: Kind,
    pub event_id: String,
    pub event_title: String,
    /// How directly the sentence reports the event (`model::DIRECT_RANK`).
    pub rank: u8,
}

/// SQL fragment and parameters for a filter (placeholders only; no user
/// text is ever spliced into SQL).
/// A facet row: actor id, name, kind, count.
pub(in crate::store) fn actor_count_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(ActorRef, i64)> {
    Ok((
        ActorRef {
            id: r.get(0)?,
            name: r.get::<_, String>(1)?.into(),
            kind: typed(r, 2, ActorKind::parse)?,
        },
        r.get(3)?,
    ))
}

/// An actor's events by kind, the actors most often in them, and their
/// activity by day.
pub struct ActorTally {
    pub kinds: Vec<(Kind, i64)>,
    pub counterparts: Vec<(ActorRef, i64)>,
    /// Events per day and kind, dated events only: the activity chart.
    pub days: Vec<DayCount>,
}

/// Whom an actor deals with, apart by how: the parties of its calls and
/// talks, the actors it demands things of, and those who demand things of
/// it, each with how many events, most first. Its own office (or the
/// person it speaks for) is none of them.
#[derive(Debug, Clone, Default)]
pub struct Partners {
    pub met: Vec<(ActorRef, i64)>,
    pub demanded_of: Vec<(ActorRef, i64)>,
    pub demanded_by: Vec<(ActorRef, i64)>,
}

pub(in crate::store) const EVENT_COLS: &str =
    "e.id, e.kind, e.date, e.precision, e.date_source, e.status, e.title, e.n_articles, e.sort_key, e.location, e.actor_ids, e.gist, e.outlets";

/// A column stored as one of a vocabulary's words, as its type; any other
/// text is a corrupt row.
pub(in crate::store) fn typed<T>(
    r: &rusqlite::Row<'_>,
    col: usize,
    parse: impl Fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let text = r.get_ref(col)?.as_str().map_err(text_error(col))?;
    parse(text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            col,
            rusqlite::types::Type::Text,
            format!("unknown value {text:?}").into(),
        )
    })
}

/// A stored ISO day, or NULL; other text is a corrupt row.
pub(in crate::store) fn iso_day(r: &rusqlite::Row<'_>, col: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let Some(day) = r.get_ref(col)?.as_str_or_null().map_err(text_error(col))? else {
        return Ok(None);
    };
    crate::model::parse_iso(day).map(Some).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            col,
            rusqlite::types::Type::Text,
            format!("not an ISO date {day:?}").into(),
        )
    })
}

/// A stored date and precision (columns `date` and `precision`) as an
/// `EventDate`: both NULL for an undated event, anything else that is not
/// an ISO day and a known precision is a corrupt row.
pub(in crate::store) fn event_date(
    r: &rusqlite::Row<'_>,
    date: usize,
    precision: usize,
) -> rusqlite::Result<Option<EventDate>> {
    let Some(day) = iso_day(r, date)? else {
        return Ok(None);
    };
    let precision = typed(r, precision, Precision::parse)?;
    Ok(Some(EventDate { date: day, precision }))
}

/// A kind and a count (columns `kind` and `n`).
pub(in crate::store) fn kind_count_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Kind, i64)> {
    Ok((typed(r, 0, Kind::parse)?, r.get(1)?))
}

pub(in crate::store) fn event_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        id: r.get(0)?,
        kind: typed(r, 1, Kind::parse)?,
        date: event_date(r, 2, 3)?,
        date_source: typed(r, 4, DateSource::parse)?,
        status: typed(r, 5, Status::parse)?,
        title: r.get(6)?,
        articles: r.get(7)?,
        sort_key: r.get(8)?,
        location: r.get(9)?,
        // Named by `ReadConn::attach_actors`.
        actors: Vec::new(),
        actor_ids: r.get(10)?,
        gist: r.get(11)?,
        outlets: {
            let joined = r.get_ref(12)?.as_str().map_err(text_error(12))?;
            joined
                .split(crate::store::events::OUTLET_SEP)
                .filter(|o| !o.is_empty())
                .map(str::to_string)
                .collect()
        },
    })
}

pub(in crate::store) fn article_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ArticleRow> {
    Ok(ArticleRow {
        id: r.get(0)?,
        path: r.get(1)?,
        title: r.get(2)?,
        published: iso_day(r, 3)?,
        inferred_date: iso_day(r, 4)?,
        date_note: r.get(5)?,
        events: r.get(6)?,
        url: r.get(7)?,
        outlet: r.get(8)?,
    })
}

/// One entry of the corrections file, and what it applied to.
#[derive(Debug, Clone)]
pub struct CorrectionRow {
    pub n: i64,
    /// event, actor or note.
    pub target: String,
    /// hide, date, kind, status, add_actor, remove_actor, merge, rename,
    /// set, not_actor, or note.
    pub change: String,
    /// When it was made (RFC 3339), and by whom.
    pub made: String,
    pub by: Option<String>,
    /// The event or actor id it names.
    pub subject: String,
    /// What that was called when the entry was made.
    pub title: String,
    /// The whole entry, as JSON.
    pub entry: String,
    /// The event or actor it applied to at the last refresh; None:
    /// orphaned (nothing it names is stored any more).
    pub applied_to: Option<String>,
}

/// An event's star, note and tags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventNote {
    pub star: bool,
    pub note: Option<String>,
    pub tags: Vec<String>,
}

/// An actor kind column.
pub(in crate::store) fn typed_kind(r: &rusqlite::Row<'_>, col: usize) -> rusqlite::Result<ActorKind> {
    typed(r, col, ActorKind::parse)
}
