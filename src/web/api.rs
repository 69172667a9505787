//! The JSON shapes of the `/api` twins: what a script reading Readout can
//! rely on.
//!
//! Every twin's body is one of the types here, built from what its page
//! read (the store's rows) at the moment it is written out. The store's
//! rows are not serialised themselves: a column added to or renamed in the
//! database changes a row, and must not change `/api` unless a shape here
//! changes too. `tests/api_shapes.rs` pins the field names of every twin.
//!
//! The rules the shapes keep (docs/api.md says them for readers):
//! - dates are ISO days ("2025-05-19"), `null` when unknown; a week is
//!   given by its Monday and a month by its first day, with
//!   `date_precision` "day", "week" or "month";
//! - vocabularies are lowercase words: event kinds ("call", "talks",
//!   "statement", "demand"), statuses ("held", "planned"), date sources
//!   ("stated", "anchored", "context", "article", "unknown") and actor
//!   kinds ("person", "office", "state", "organization", "outlet",
//!   "group");
//! - ids are the ones in page URLs (`/events/{id}`, `/actors/{id}`,
//!   `/articles/{id}`);
//! - fields are only ever added, never renamed or removed; a count pair is
//!   a two-element array `[value, count]`.

use super::pages::{ActorData, ArticleData, DateData, EventData, TimelineLinks};
use super::search::SearchData;
use crate::model::{ActorKind, DateSource, Kind, Precision, Status};
use crate::store;
use chrono::NaiveDate;
use serde::{Serialize, Serializer};

/// A row and its JSON shape, borrowed from it.
pub(super) trait Shape {
    type Json<'a>: Serialize
    where
        Self: 'a;
    fn json(&self) -> Self::Json<'_>;
}

/// A list of rows, written each in its shape (no copy of the list).
pub(super) struct Each<'a, T>(pub &'a [T]);

impl<T: Shape> Serialize for Each<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(T::json))
    }
}

fn each<T>(rows: &[T]) -> Each<'_, T> {
    Each(rows)
}

fn one<T: Shape>(row: &Option<T>) -> Option<T::Json<'_>> {
    row.as_ref().map(T::json)
}

/// An actor named next to an event.
#[derive(Serialize)]
pub struct Actor<'a> {
    /// As in `/actors/{id}`.
    pub id: &'a str,
    pub name: &'a str,
    pub kind: ActorKind,
}

impl Shape for store::ActorRef {
    type Json<'a> = Actor<'a>;
    fn json(&self) -> Actor<'_> {
        Actor {
            id: &self.id,
            name: &self.name,
            kind: self.kind,
        }
    }
}

impl Shape for (store::ActorRef, i64) {
    type Json<'a> = (Actor<'a>, i64);
    fn json(&self) -> (Actor<'_>, i64) {
        (self.0.json(), self.1)
    }
}

/// One event, as lists show it.
#[derive(Serialize)]
pub struct Event<'a> {
    /// As in `/events/{id}`.
    pub id: &'a str,
    pub kind: Kind,
    /// The day, or the Monday of the week, or the first of the month.
    pub date: Option<NaiveDate>,
    pub date_precision: Option<Precision>,
    /// Where the date came from ("article": no date in the text).
    pub date_source: DateSource,
    pub status: Status,
    pub title: &'a str,
    /// How many articles report it.
    pub articles: i64,
    /// Where talks took place, as the sources name it.
    pub location: Option<&'a str>,
    pub actors: Each<'a, store::ActorRef>,
    /// What happened, in the words of its best evidence sentence (a lead
    /// quote, what was demanded, the words around a meeting); "" when
    /// none.
    pub gist: String,
    /// Where in `gist` its actors are named: `[start, end]` byte offsets.
    pub gist_names: Vec<(usize, usize)>,
    /// The outlets of its sources, where known, sorted.
    pub outlets: &'a [String],
}

impl Shape for store::EventRow {
    type Json<'a> = Event<'a>;
    fn json(&self) -> Event<'_> {
        Event {
            id: &self.id,
            kind: self.kind,
            date: self.date.map(|d| d.date),
            date_precision: self.date.map(|d| d.precision),
            date_source: self.date_source,
            status: self.status,
            title: &self.title,
            articles: self.articles,
            location: self.location.as_deref(),
            actors: each(&self.actors),
            gist: crate::model::gist_plain(&self.gist),
            gist_names: gist_names(&self.gist),
            outlets: &self.outlets,
        }
    }
}

/// Byte ranges of the marked names in a gist, as offsets into the gist
/// without its marks.
fn gist_names(gist: &str) -> Vec<(usize, usize)> {
    let mut at = 0;
    let mut out = Vec::new();
    for (text, name) in crate::model::gist_pieces(gist) {
        if name {
            out.push((at, at + text.len()));
        }
        at += text.len();
    }
    out
}

/// Counts of the events a filter matches.
#[derive(Serialize)]
pub struct Facets<'a> {
    /// `[kind, events]`, kinds in alphabetical order.
    pub kinds: &'a [(Kind, i64)],
    /// `[actor, events]`, the busiest first.
    pub actors: Each<'a, (store::ActorRef, i64)>,
    pub total: i64,
}

impl Shape for store::Facets {
    type Json<'a> = Facets<'a>;
    fn json(&self) -> Facets<'_> {
        Facets {
            kinds: &self.kinds,
            actors: each(&self.actors),
            total: self.total,
        }
    }
}

/// `/api/events`: a page of the timeline (50 events) under the filters of
/// its query, with links to the pages before and after.
#[derive(Serialize)]
pub struct Timeline<'a> {
    /// Events matching the filters, on every page.
    pub total: i64,
    pub events: Each<'a, store::EventRow>,
    pub facets: Facets<'a>,
    /// `/api/events?…` of the next and previous page, `null` at the ends.
    pub next: Option<&'a str>,
    pub prev: Option<&'a str>,
}

impl<'a> Timeline<'a> {
    pub(super) fn new(events: &'a [store::EventRow], facets: &'a store::Facets, links: &'a TimelineLinks) -> Self {
        Timeline {
            total: facets.total,
            events: each(events),
            facets: facets.json(),
            next: links.next.as_deref(),
            prev: links.prev.as_deref(),
        }
    }
}

/// A sentence that reports an event, and its article.
#[derive(Serialize)]
pub struct Evidence<'a> {
    /// The sentence's anchor on its article page (`#m{mention_id}`).
    pub mention_id: i64,
    /// As in `/articles/{id}`.
    pub article: &'a str,
    pub article_title: &'a str,
    pub published: Option<NaiveDate>,
    /// The article's date as worked out from its text, when it has none.
    pub inferred_date: Option<NaiveDate>,
    pub sentence: &'a str,
    /// Byte offsets of the sentence in the article's text.
    pub start: i64,
    pub end: i64,
    pub date_source: DateSource,
    /// The date this source gives the event.
    pub mention_date: Option<NaiveDate>,
    pub status: Status,
    /// How directly the sentence reports the event, 0 to 9; below 4 it
    /// names the event in passing (the page folds it under "also
    /// mentioned").
    pub rank: u8,
    /// The article's outlet and address, where known.
    pub outlet: Option<&'a str>,
    pub url: Option<&'a str>,
}

impl Shape for store::Evidence {
    type Json<'a> = Evidence<'a>;
    fn json(&self) -> Evidence<'_> {
        Evidence {
            mention_id: self.mention_id,
            article: &self.article,
            article_title: &self.article_title,
            published: self.published,
            inferred_date: self.inferred_date,
            sentence: &self.sentence,
            start: self.start,
            end: self.end,
            date_source: self.date_source,
            mention_date: self.mention_date,
            status: self.status,
            rank: self.rank,
            outlet: self.outlet.as_deref(),
            url: self.url.as_deref(),
        }
    }
}

/// One actor's events just before and after an event.
#[derive(Serialize)]
pub struct Around<'a> {
    pub actor: Actor<'a>,
    pub previous: Option<Event<'a>>,
    pub next: Option<Event<'a>>,
}

impl Shape for store::Around {
    type Json<'a> = Around<'a>;
    fn json(&self) -> Around<'_> {
        Around {
            actor: self.actor.json(),
            previous: one(&self.previous),
            next: one(&self.next),
        }
    }
}

/// `/api/events/{id}`: one event, its evidence and its neighbours.
#[derive(Serialize)]
pub struct EventPage<'a> {
    pub event: Event<'a>,
    pub evidence: Each<'a, store::Evidence>,
    /// The first few other events of the day (`/api/dates/{date}` has
    /// them all).
    pub same_day: Each<'a, store::EventRow>,
    /// More events that day than `same_day` lists.
    pub same_day_more: bool,
    /// The same event as other sources date it (within a week).
    pub other_dates: Each<'a, store::EventRow>,
    /// Each actor's events just before and after this one.
    pub around: Each<'a, store::Around>,
    /// The events just before and after this one in the timeline, under
    /// the filters of the query (all events when none).
    pub timeline_previous: Option<Event<'a>>,
    pub timeline_next: Option<Event<'a>>,
    /// The analyst's star, tags and note on it.
    pub note: EventNote<'a>,
    /// The corrections that apply to it, oldest first.
    pub corrections: Vec<Correction<'a>>,
}

/// An event's star, tags and note.
#[derive(Serialize)]
pub struct EventNote<'a> {
    pub starred: bool,
    pub tags: &'a [String],
    /// The note's text, `null` when none.
    pub text: Option<&'a str>,
}

impl<'a> From<&'a EventData> for EventPage<'a> {
    fn from(d: &'a EventData) -> Self {
        EventPage {
            event: d.event.json(),
            evidence: each(&d.evidence),
            same_day: each(&d.same_day),
            same_day_more: d.same_day_more,
            other_dates: each(&d.other_dates),
            around: each(&d.around),
            timeline_previous: one(&d.timeline_previous),
            timeline_next: one(&d.timeline_next),
            note: EventNote {
                starred: d.note.star,
                tags: &d.note.tags,
                text: d.note.note.as_deref(),
            },
            corrections: d.corrections.iter().map(Correction::of).collect(),
        }
    }
}

/// An actor with the span of its events.
#[derive(Serialize)]
pub struct ActorSummary<'a> {
    pub actor: Actor<'a>,
    pub role: Option<&'a str>,
    pub events: i64,
    pub first_seen: Option<NaiveDate>,
    pub last_seen: Option<NaiveDate>,
}

impl Shape for store::ActorSummary {
    type Json<'a> = ActorSummary<'a>;
    fn json(&self) -> ActorSummary<'_> {
        ActorSummary {
            actor: self.actor.json(),
            role: self.role.as_deref(),
            events: self.events,
            first_seen: self.first_seen,
            last_seen: self.last_seen,
        }
    }
}

/// `/api/actors`: every actor that takes part in an event, busiest first.
#[derive(Serialize)]
pub struct Actors<'a> {
    pub actors: Each<'a, store::ActorSummary>,
}

impl<'a> Actors<'a> {
    pub(super) fn new(actors: &'a [store::ActorSummary]) -> Self {
        Actors { actors: each(actors) }
    }
}

/// An actor as its page describes it.
#[derive(Serialize)]
pub struct ActorDetail<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: ActorKind,
    pub role: Option<&'a str>,
    pub country: Option<&'a str>,
    /// The state or office a person speaks for.
    pub affiliation: Option<Actor<'a>>,
    /// Found in the articles rather than listed in the actor book.
    pub discovered: bool,
    pub aliases: &'a [String],
}

/// One day's events of one kind, precision and status.
#[derive(Serialize)]
pub struct DayCount {
    /// The day, or the first day of the week or month.
    pub date: NaiveDate,
    pub kind: Kind,
    pub date_precision: Precision,
    pub status: Status,
    pub events: i64,
}

impl Shape for store::DayCount {
    type Json<'a> = DayCount;
    fn json(&self) -> DayCount {
        DayCount {
            date: self.date,
            kind: self.kind,
            date_precision: self.precision,
            status: if self.planned { Status::Planned } else { Status::Held },
            events: self.events,
        }
    }
}

/// `/api/actors/{id}`: an actor, its counts and its first 50 events.
#[derive(Serialize)]
pub struct ActorPage<'a> {
    pub actor: ActorDetail<'a>,
    /// `[kind, events]`, kinds in alphabetical order.
    pub kinds: &'a [(Kind, i64)],
    /// `[actor, shared events]`, the 50 most frequent, of any kind.
    pub counterparts: Each<'a, (store::ActorRef, i64)>,
    /// Whom it deals with, apart by how (its own office is none of them).
    pub partners: Partners<'a>,
    pub first_seen: Option<NaiveDate>,
    pub last_seen: Option<NaiveDate>,
    /// Dated events per day and kind, by day, then kind in alphabetical
    /// order: what the activity chart draws.
    pub activity: Each<'a, store::DayCount>,
    pub events: Each<'a, store::EventRow>,
    /// More events than `events` lists (the timeline filtered on this
    /// actor has them all).
    pub more_events: bool,
}

impl<'a> From<&'a ActorData> for ActorPage<'a> {
    fn from(d: &'a ActorData) -> Self {
        let a = &d.actor;
        ActorPage {
            actor: ActorDetail {
                id: &a.id,
                name: &a.name,
                kind: a.kind,
                role: a.role.as_deref(),
                country: a.country.as_deref(),
                affiliation: a.affiliation.as_ref().map(Shape::json),
                discovered: a.discovered,
                aliases: &a.aliases,
            },
            kinds: &d.kinds,
            counterparts: each(&d.counterparts),
            partners: Partners {
                met: each(&d.partners.met),
                demanded_of: each(&d.partners.demanded_of),
                demanded_by: each(&d.partners.demanded_by),
            },
            first_seen: d.first_seen,
            last_seen: d.last_seen,
            activity: each(&d.activity),
            events: each(&d.events),
            more_events: d.more_events,
        }
    }
}

/// An actor's partners: `[actor, events]` lists, most events first.
#[derive(Serialize)]
pub struct Partners<'a> {
    /// The other parties of its calls and talks.
    pub met: Each<'a, (store::ActorRef, i64)>,
    /// The actors it demands things of.
    pub demanded_of: Each<'a, (store::ActorRef, i64)>,
    /// The actors who demand things of it.
    pub demanded_by: Each<'a, (store::ActorRef, i64)>,
}

/// `/api/dates/{date}`: one day's events.
#[derive(Serialize)]
pub struct DatePage<'a> {
    pub date: NaiveDate,
    /// Events of that day.
    pub events: Each<'a, store::EventRow>,
    /// Week and month events whose span holds the day.
    pub wider: Each<'a, store::EventRow>,
    /// The nearest days with events, `null` at the ends.
    pub previous_day: Option<NaiveDate>,
    pub next_day: Option<NaiveDate>,
}

impl<'a> From<&'a DateData> for DatePage<'a> {
    fn from(d: &'a DateData) -> Self {
        DatePage {
            date: d.date,
            events: each(&d.events),
            wider: each(&d.wider),
            previous_day: d.previous_day,
            next_day: d.next_day,
        }
    }
}

/// An article as listed.
#[derive(Serialize)]
pub struct Article<'a> {
    /// As in `/articles/{id}`.
    pub id: &'a str,
    /// The file it was read from ("file#line" for a `.jsonl` line).
    pub path: &'a str,
    pub title: &'a str,
    pub published: Option<NaiveDate>,
    /// The date worked out from the text, when the article has none.
    pub inferred_date: Option<NaiveDate>,
    /// How `inferred_date` was worked out.
    pub date_note: Option<&'a str>,
    /// Events it reports.
    pub events: i64,
    /// Where it was published, when its file says.
    pub url: Option<&'a str>,
    /// Its outlet: the site name of its page, the `source` of its JSONL
    /// line, the host of its address, or an agency credit in its text.
    pub outlet: Option<&'a str>,
}

impl Shape for store::ArticleRow {
    type Json<'a> = Article<'a>;
    fn json(&self) -> Article<'_> {
        Article {
            id: &self.id,
            path: &self.path,
            title: &self.title,
            published: self.published,
            inferred_date: self.inferred_date,
            date_note: self.date_note.as_deref(),
            events: self.events,
            url: self.url.as_deref(),
            outlet: self.outlet.as_deref(),
        }
    }
}

/// `/api/articles`: every article, oldest first.
#[derive(Serialize)]
pub struct Articles<'a> {
    pub articles: Each<'a, store::ArticleRow>,
}

impl<'a> Articles<'a> {
    pub(super) fn new(articles: &'a [store::ArticleRow]) -> Self {
        Articles {
            articles: each(articles),
        }
    }
}

/// A sentence of an article that reports an event.
#[derive(Serialize)]
pub struct Mention<'a> {
    /// Its anchor on the article page (`#m{mention_id}`).
    pub mention_id: i64,
    /// Byte offsets in the article's `text`.
    pub start: i64,
    pub end: i64,
    pub kind: Kind,
    pub event_id: &'a str,
    pub event_title: &'a str,
}

impl Shape for store::ArticleMention {
    type Json<'a> = Mention<'a>;
    fn json(&self) -> Mention<'_> {
        Mention {
            mention_id: self.mention_id,
            start: self.start,
            end: self.end,
            kind: self.kind,
            event_id: &self.event_id,
            event_title: &self.event_title,
        }
    }
}

/// `/api/articles/{id}`: an article, its text, and the events it reports.
#[derive(Serialize)]
pub struct ArticlePage<'a> {
    pub article: Article<'a>,
    pub text: &'a str,
    pub mentions: Each<'a, store::ArticleMention>,
    pub events: Each<'a, store::EventRow>,
}

impl<'a> From<&'a ArticleData> for ArticlePage<'a> {
    fn from(d: &'a ArticleData) -> Self {
        ArticlePage {
            article: d.article.json(),
            text: &d.text,
            mentions: each(&d.mentions),
            events: each(&d.events),
        }
    }
}

/// `/api/network`: actors and how many calls and talks each pair shares.
#[derive(Serialize)]
pub struct Network<'a> {
    pub actors: Each<'a, store::ActorRef>,
    /// `[actor id, actor id, events, sources]`: calls and talks of two
    /// sides, most sources first.
    pub pairs: &'a [(String, String, i64, i64)],
    /// Calls and talks of three sides or more, each one event.
    pub gatherings: Each<'a, store::Gathering>,
}

impl<'a> From<&'a store::Network> for Network<'a> {
    fn from(n: &'a store::Network) -> Self {
        Network {
            actors: each(&n.actors),
            pairs: &n.pairs,
            gatherings: each(&n.gatherings),
        }
    }
}

/// A call or talks of three sides or more.
#[derive(Serialize)]
pub struct Gathering<'a> {
    /// As in `/events/{id}`.
    pub id: &'a str,
    pub title: &'a str,
    pub date: Option<NaiveDate>,
    pub date_precision: Option<Precision>,
    /// Actor ids, one a side (a person's own office is left out).
    pub actors: &'a [String],
    /// How many articles report it.
    pub sources: i64,
}

impl Shape for store::Gathering {
    type Json<'a> = Gathering<'a>;
    fn json(&self) -> Gathering<'_> {
        Gathering {
            id: &self.id,
            title: &self.title,
            date: self.date.map(|d| d.date),
            date_precision: self.date.map(|d| d.precision),
            actors: &self.actors,
            sources: self.sources,
        }
    }
}

/// A piece of a sentence: text, and whether it is a matched word.
#[derive(Serialize)]
pub struct Piece<'a> {
    pub text: &'a str,
    #[serde(rename = "match")]
    pub hit: bool,
}

impl Shape for super::search::Piece {
    type Json<'a> = Piece<'a>;
    fn json(&self) -> Piece<'_> {
        Piece {
            text: &self.text,
            hit: self.hit,
        }
    }
}

/// An event found by a search, with its best-matching sentence.
#[derive(Serialize)]
pub struct EventHit<'a> {
    pub event: Event<'a>,
    /// The article of the sentence.
    pub article: &'a str,
    pub evidence: Each<'a, super::search::Piece>,
}

/// An article found by a search, with its best-matching passage.
#[derive(Serialize)]
pub struct ArticleHit<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub date: Option<NaiveDate>,
    pub sentence: Each<'a, super::search::Piece>,
}

/// A sentence found by a search, once, with every event it reports.
#[derive(Serialize)]
pub struct SentenceHit<'a> {
    /// The article of the sentence.
    pub article: &'a str,
    pub sentence: Each<'a, super::search::Piece>,
    pub events: Each<'a, store::EventRow>,
}

/// How much of the article texts the search covered.
#[derive(Serialize)]
pub struct TextIndex {
    pub articles: i64,
    pub indexed: i64,
    pub complete: bool,
}

/// `/api/search?q=…[&kind=…][&from=…][&to=…]`: events (by their
/// sentences), the sentences with their events, and articles (by their
/// texts) that match, 50 of each at most; kinds and dates narrow the
/// events and sentences, dates the articles (by the article's date).
#[derive(Serialize)]
pub struct Search<'a> {
    pub q: &'a str,
    pub text_index: TextIndex,
    pub events_total: i64,
    pub events: Vec<EventHit<'a>>,
    pub articles_total: i64,
    pub articles: Vec<ArticleHit<'a>>,
    /// The sentences found, each once with its events, best first.
    pub sentences: Vec<SentenceHit<'a>>,
}

impl<'a> From<&'a SearchData> for Search<'a> {
    fn from(d: &'a SearchData) -> Self {
        Search {
            q: &d.q,
            text_index: TextIndex {
                articles: d.progress.articles,
                indexed: d.progress.indexed,
                complete: d.progress.complete(),
            },
            events_total: d.events_total,
            events: d
                .events
                .iter()
                .map(|h| EventHit {
                    event: h.event.json(),
                    article: &h.article,
                    evidence: each(&h.evidence),
                })
                .collect(),
            articles_total: d.articles_total,
            articles: d
                .articles
                .iter()
                .map(|a| ArticleHit {
                    id: &a.id,
                    title: &a.title,
                    date: a.date,
                    sentence: each(&a.sentence),
                })
                .collect(),
            sentences: d
                .sentences
                .iter()
                .map(|h| SentenceHit {
                    article: &h.article,
                    sentence: each(&h.sentence),
                    events: each(&h.events),
                })
                .collect(),
        }
    }
}

/// The body of every `/api` error.
#[derive(Serialize)]
pub struct Error<'a> {
    pub error: ErrorDetail<'a>,
}

#[derive(Serialize)]
pub struct ErrorDetail<'a> {
    /// What went wrong, in words for a person.
    pub message: &'a str,
    /// The HTTP status, also the response's.
    pub status: u16,
}

/// `Precision` and `Status` are written as their words; `Kind`,
/// `DateSource` and `ActorKind` too (see `model`): checked here so that a
/// change of their serde attributes shows.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_are_written_as_their_words() {
        let words = serde_json::to_string(&(
            Kind::Demand,
            Precision::Week,
            Status::Planned,
            DateSource::Anchored,
            ActorKind::Organization,
            NaiveDate::from_ymd_opt(2025, 5, 19),
        ))
        .ok();
        assert_eq!(
            words.as_deref(),
            Some(r#"["demand","week","planned","anchored","organization","2025-05-19"]"#)
        );
    }
}

/// `/api/corrections`: every correction and note, newest first.
#[derive(Serialize)]
pub struct Corrections<'a> {
    /// What is wrong with the corrections file, when it cannot be read
    /// (the timeline is then uncorrected); `null` otherwise.
    pub problem: Option<&'a str>,
    pub corrections: Vec<Correction<'a>>,
}

impl<'a> Corrections<'a> {
    pub(super) fn new(rows: &'a [store::CorrectionRow], problem: Option<&'a str>) -> Self {
        Corrections {
            problem,
            corrections: rows.iter().map(Correction::of).collect(),
        }
    }
}

/// One entry of the corrections file.
#[derive(Serialize)]
pub struct Correction<'a> {
    /// Its number in the file (`POST /corrections/{n}/undo` removes it).
    pub n: i64,
    /// `event`, `actor` or `note`.
    pub target: &'a str,
    /// What it changes: `hide`, `date`, `kind`, `status`, `add_actor`,
    /// `remove_actor`, `merge`, `rename`, `set`, `not_actor`, or `note`.
    pub change: &'a str,
    /// When it was made (RFC 3339), and by whom where a name was set.
    pub made: &'a str,
    pub by: Option<&'a str>,
    /// The event or actor id it named, and what that was called then.
    pub subject: &'a str,
    pub title: &'a str,
    /// The event or actor it applies to now; `null` when orphaned.
    pub applied_to: Option<&'a str>,
    pub orphaned: bool,
    /// The entry as the file holds it.
    pub entry: serde_json::Value,
}

impl<'a> Correction<'a> {
    fn of(c: &'a store::CorrectionRow) -> Self {
        Correction {
            n: c.n,
            target: &c.target,
            change: &c.change,
            made: &c.made,
            by: c.by.as_deref(),
            subject: &c.subject,
            title: &c.title,
            applied_to: c.applied_to.as_deref(),
            orphaned: c.applied_to.is_none(),
            entry: serde_json::from_str(&c.entry).unwrap_or(serde_json::Value::Null),
        }
    }
}
