//! Vocabulary shared by every stage (event kinds, date precision, statuses,
//! actor kinds) and the values that flow between stages: an actor as
//! extraction finds it, a stored mention as the merger reads it, an event
//! as the merger makes it and the store writes it. Kept free of I/O so
//! extraction stays pure.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use std::fmt;

/// The four kinds of event the timeline shows (docs/scoring.md says how they are scored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Call,
    Talks,
    Statement,
    Demand,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Call, Kind::Talks, Kind::Statement, Kind::Demand];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Call => "call",
            Kind::Talks => "talks",
            Kind::Statement => "statement",
            Kind::Demand => "demand",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Calls and talks are defined by their set of participants; statements
    /// and demands by their first actor (the speaker or demander).
    pub fn is_meeting(self) -> bool {
        matches!(self, Kind::Call | Kind::Talks)
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Call => "Call",
            Kind::Talks => "Talks",
            Kind::Statement => "Statement",
            Kind::Demand => "Demand",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How precisely a date is known. Week dates are stored as the Monday of the
/// week, month dates as the first of the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
        }
    }

    pub fn parse(s: &str) -> Option<Precision> {
        match s {
            "day" => Some(Precision::Day),
            "week" => Some(Precision::Week),
            "month" => Some(Precision::Month),
            _ => None,
        }
    }
}

/// A resolved date with its precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventDate {
    pub date: NaiveDate,
    pub precision: Precision,
}

impl EventDate {
    pub fn day(date: NaiveDate) -> Self {
        EventDate {
            date,
            precision: Precision::Day,
        }
    }

    /// The week (Monday start) that contains `date`.
    pub fn week_of(date: NaiveDate) -> Self {
        let monday = date - Duration::days(date.weekday().num_days_from_monday() as i64);
        EventDate {
            date: monday,
            precision: Precision::Week,
        }
    }

    /// The month that contains `date`.
    pub fn month_of(date: NaiveDate) -> Self {
        let first = date.with_day(1).unwrap_or(date);
        EventDate {
            date: first,
            precision: Precision::Month,
        }
    }

    /// The last day covered by this date.
    pub fn end(&self) -> NaiveDate {
        match self.precision {
            Precision::Day => self.date,
            Precision::Week => self.date + Duration::days(6),
            Precision::Month => {
                let (y, m) = if self.date.month() == 12 {
                    (self.date.year() + 1, 1)
                } else {
                    (self.date.year(), self.date.month() + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1)
                    .map(|d| d - Duration::days(1))
                    .unwrap_or(self.date)
            }
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        day >= self.date && day <= self.end()
    }
}

/// A stored ISO date ("2025-05-19"). Exactly that shape: the store writes
/// nothing else, and a page that shows many dates should not run a format
/// parser for each.
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter()
            .try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

/// Whether an event took place or is announced for later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Held,
    Planned,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Held => "held",
            Status::Planned => "planned",
        }
    }
    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "held" => Some(Status::Held),
            "planned" => Some(Status::Planned),
            _ => None,
        }
    }
}

/// Where a mention's date came from, shown to the user so that a defaulted
/// date is never mistaken for a stated one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// A time expression in the sentence ("on Friday", "yesterday").
    Stated,
    /// The date of an event the sentence refers to ("after the call").
    Anchored,
    /// The date of the same actor's preceding mention ("Putin also said").
    Context,
    /// No time expression: the article's own date.
    Article,
    /// No date at all (undated article, nothing to resolve against).
    Unknown,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Stated => "stated",
            DateSource::Anchored => "anchored",
            DateSource::Context => "context",
            DateSource::Article => "article",
            DateSource::Unknown => "unknown",
        }
    }
    pub fn parse(s: &str) -> Option<DateSource> {
        match s {
            "stated" => Some(DateSource::Stated),
            "anchored" => Some(DateSource::Anchored),
            "context" => Some(DateSource::Context),
            "article" => Some(DateSource::Article),
            "unknown" => Some(DateSource::Unknown),
            _ => None,
        }
    }
}

/// People, offices (the Kremlin, a foreign ministry), states, and news
/// outlets. Outlets are recognised only so that they are never taken for
/// speakers ("according to CNN").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Office,
    State,
    Organization,
    Outlet,
    /// Several states or organisations named as one ("the G7", "the
    /// West", "European leaders"); the book lists its members.
    Group,
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Office => "office",
            ActorKind::State => "state",
            ActorKind::Organization => "organization",
            ActorKind::Outlet => "outlet",
            ActorKind::Group => "group",
        }
    }
    pub fn parse(s: &str) -> Option<ActorKind> {
        match s {
            "person" => Some(ActorKind::Person),
            "office" => Some(ActorKind::Office),
            "state" => Some(ActorKind::State),
            "organization" => Some(ActorKind::Organization),
            "outlet" => Some(ActorKind::Outlet),
            "group" => Some(ActorKind::Group),
            _ => None,
        }
    }
}

/// Lowercase ASCII slug, used for actor and article ids.
///
/// ```
/// assert_eq!(readout::model::slugify("Volodymyr Zelenskyy"), "volodymyr-zelenskyy");
/// assert_eq!(readout::model::slugify("Jean-Noël Barrot"), "jean-noel-barrot");
/// ```
pub fn slugify(s: &str) -> String {
    let ascii = deunicode::deunicode(s).to_lowercase();
    let mut out = String::with_capacity(ascii.len());
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// One actor as the rest of the pipeline sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorInfo {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub role: Option<String>,
    pub country: Option<String>,
    pub aliases: Vec<String>,
    /// Found in text rather than listed in the book.
    pub discovered: bool,
    /// The office or state a person speaks for ("Kremlin spokesperson").
    pub affiliation: Option<String>,
    /// For an office: the id of the person it speaks for (the Kremlin for
    /// the Russian president), from the actor book.
    pub speaks_for: Option<String>,
}

/// A mention ranked at or above this reports its event itself; below it,
/// its sentence names the event in passing or is page debris (see
/// `extract::gist::rank`). The event page folds the latter away.
pub const DIRECT_RANK: u8 = 4;

/// Marks around an actor's name in a gist ("what happened" of a row):
/// control characters, which a gist never holds otherwise (extraction
/// turns them into spaces).
pub const GIST_OPEN: char = '\u{e}';

pub const GIST_CLOSE: char = '\u{f}';

/// A name marked for a gist.
pub fn gist_mark(name: &str) -> String {
    format!("{GIST_OPEN}{name}{GIST_CLOSE}")
}

/// A gist without its marks, as the JSON twins and exports give it.
///
/// ```
/// use readout::model::{gist_mark, gist_plain};
/// assert_eq!(gist_plain(&format!("{} called", gist_mark("Ann"))), "Ann called");
/// ```
pub fn gist_plain(gist: &str) -> String {
    gist.chars().filter(|&c| c != GIST_OPEN && c != GIST_CLOSE).collect()
}

/// A gist as pieces of text, each with whether it is a marked name. A
/// mark left open runs to the end; a stray close is dropped.
pub fn gist_pieces(gist: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut marked = false;
    let mut rest = gist;
    while let Some(i) = rest.find([GIST_OPEN, GIST_CLOSE]) {
        if i > 0 {
            out.push((&rest[..i], marked));
        }
        marked = rest[i..].starts_with(GIST_OPEN);
        rest = &rest[i + 1..];
    }
    if !rest.is_empty() {
        out.push((rest, marked));
    }
    out
}

/// A stored mention, as the merger needs it.
#[derive(Debug, Clone)]
pub struct MentionRec {
    pub id: i64,
    pub kind: Kind,
    /// Actor ids, speaker or demander first.
    pub actors: Vec<std::sync::Arc<str>>,
    pub date: Option<EventDate>,
    pub date_source: DateSource,
    pub status: Status,
    pub location: Option<String>,
    /// The article the mention comes from.
    pub article: std::sync::Arc<str>,
    /// How directly its sentence reports the event (0 to 9; see
    /// `extract::gist::rank`).
    pub rank: u8,
    /// What a row shows of it (see `extract::gist`), names marked.
    pub gist: std::sync::Arc<str>,
    /// The outlet of its article, where known.
    pub outlet: Option<std::sync::Arc<str>>,
}

/// A merged event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedEvent {
    pub id: String,
    pub kind: Kind,
    pub date: Option<EventDate>,
    pub date_source: DateSource,
    pub status: Status,
    pub actors: Vec<String>,
    pub mentions: Vec<i64>,
    /// The place most sources name, for talks.
    pub location: Option<String>,
}

/// The part of a mention that decides which events it can belong to.
pub fn actor_key(kind: Kind, actors: &[impl AsRef<str>]) -> Vec<String> {
    if kind.is_meeting() {
        let mut v: Vec<String> = actors.iter().map(|a| a.as_ref().to_string()).collect();
        v.sort();
        v.dedup();
        v
    } else {
        actors.first().map(|a| a.as_ref().to_string()).into_iter().collect()
    }
}

/// The merge group of a mention or event: its kind and actor key
/// ("call-donald-trump-vladimir-putin"). Mentions merge only within a group.
pub fn group_key(kind: Kind, actors: &[impl AsRef<str>]) -> String {
    format!("{}-{}", kind.as_str(), actor_key(kind, actors).join("-"))
}

/// An event as the store writes it: the merged event with what the
/// timeline computes for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    pub event: MergedEvent,
    /// "Call between Donald Trump and Vladimir Putin".
    pub title: String,
    /// How many articles report it.
    pub n_articles: usize,
    /// Its merge group ([`group_key`]).
    pub group_key: String,
    /// What happened, in the words of its best-ranked evidence, names
    /// marked ([`gist_pieces`]); empty when no mention has one.
    pub gist: String,
    /// The outlets of its articles, where known, sorted, each once.
    pub outlets: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_folds_accents_and_punctuation() {
        assert_eq!(slugify("Ursula von der Leyen"), "ursula-von-der-leyen");
        assert_eq!(slugify("Président Macron!"), "president-macron");
        assert_eq!(slugify("  --a--b  "), "a-b");
    }

    #[test]
    fn week_starts_on_monday() {
        let d = NaiveDate::from_ymd_opt(2025, 5, 17).unwrap();
        let w = EventDate::week_of(d);
        assert_eq!(w.date, NaiveDate::from_ymd_opt(2025, 5, 12).unwrap());
        assert!(w.contains(NaiveDate::from_ymd_opt(2025, 5, 18).unwrap()));
        assert!(!w.contains(NaiveDate::from_ymd_opt(2025, 5, 19).unwrap()));
    }

    #[test]
    fn gist_pieces_pair_marks() {
        let g = format!("{} spoke with {}.", gist_mark("Ann"), gist_mark("Bob"));
        assert_eq!(
            gist_pieces(&g),
            [("Ann", true), (" spoke with ", false), ("Bob", true), (".", false)]
        );
        assert_eq!(gist_pieces("plain"), [("plain", false)]);
        // A stray close is dropped, an open mark runs to the end.
        assert_eq!(gist_pieces("a\u{f}b\u{e}c"), [("a", false), ("b", false), ("c", true)]);
    }

    #[test]
    fn month_end_handles_december() {
        let m = EventDate::month_of(NaiveDate::from_ymd_opt(2024, 12, 9).unwrap());
        assert_eq!(m.end(), NaiveDate::from_ymd_opt(2024, 12, 31).unwrap());
    }
}
