//! View models: what templates show, pre-formatted. Pure functions over
//! store rows; no I/O.

use crate::model::{DateSource, EventDate, Precision};
use crate::store::{ActorRef, EventRow};
use chrono::{Datelike, NaiveDate};

/// `Display` and askama's `FastWritable` for a type written into pages by
/// its `write_to(&self, &mut dyn fmt::Write)`: askama writes a type that
/// is only `Display` through the format machinery, a third of a timeline
/// page's render when every link and date went that way.
macro_rules! written {
    ($($t:ty),* $(,)?) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.write_to(f)
            }
        }

        impl askama::FastWritable for $t {
            fn write_into(&self, dest: &mut dyn std::fmt::Write, _: &dyn askama::Values) -> askama::Result<()> {
                Ok(self.write_to(dest)?)
            }
        }
    )*};
}
pub(super) use written;

written!(Link<'_>, DateLabel, IsoDay);

/// A link to one record's page: a path prefix, the record's id and, when
/// the link keeps a timeline filter, "?" and its query. Written straight
/// into the page where it is shown: a timeline page links every event and
/// every actor, and a String for each was a tenth of its render.
#[derive(Debug, Clone, Copy)]
pub struct Link<'a> {
    prefix: &'static str,
    id: &'a str,
    query: &'a str,
}

impl<'a> Link<'a> {
    pub fn event(id: &'a str, query: &'a str) -> Link<'a> {
        Link {
            prefix: "/events/",
            id,
            query,
        }
    }

    pub fn actor(id: &'a str) -> Link<'a> {
        Link {
            prefix: "/actors/",
            id,
            query: "",
        }
    }
}

impl Link<'_> {
    fn write_to(&self, f: &mut dyn std::fmt::Write) -> std::fmt::Result {
        f.write_str(self.prefix)?;
        f.write_str(self.id)?;
        if !self.query.is_empty() {
            f.write_str("?")?;
            f.write_str(self.query)?;
        }
        Ok(())
    }
}

/// A link to an actor.
#[derive(Debug, Clone)]
pub struct ActorLink<'a> {
    pub name: &'a str,
    pub href: Link<'a>,
    pub kind: &'a str,
}

impl<'a> From<&'a ActorRef> for ActorLink<'a> {
    fn from(a: &'a ActorRef) -> Self {
        ActorLink {
            name: &a.name,
            href: Link::actor(&a.id),
            kind: a.kind.as_str(),
        }
    }
}

/// A date as pages show it ("Mon 19 May 2025", see `label_of`), written
/// where it is shown.
#[derive(Debug, Clone, Copy)]
pub struct DateLabel {
    date: Option<EventDate>,
}

impl DateLabel {
    /// An event's date.
    pub fn of(date: Option<EventDate>) -> DateLabel {
        DateLabel { date }
    }

    fn write_to(&self, f: &mut dyn std::fmt::Write) -> std::fmt::Result {
        match self.date {
            Some(d) => write_label(f, d.date, d.precision),
            None => f.write_str("Undated"),
        }
    }
}

/// A day as `<time datetime>` takes it ("2025-05-19"), or nothing for no
/// date; written where it is shown.
#[derive(Debug, Clone, Copy)]
pub struct IsoDay(pub Option<NaiveDate>);

impl IsoDay {
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    fn write_to(&self, f: &mut dyn std::fmt::Write) -> std::fmt::Result {
        let Some(d) = self.0 else { return Ok(()) };
        // Four-digit years, as the store writes them; others go the
        // long way.
        match u32::try_from(d.year()) {
            Ok(y) if y <= 9999 => {
                let mut b = *b"0000-00-00";
                let two = |b: &mut [u8], at: usize, n: u32| {
                    b[at] = b'0' + (n / 10) as u8;
                    b[at + 1] = b'0' + (n % 10) as u8;
                };
                two(&mut b, 0, y / 100);
                two(&mut b, 2, y % 100);
                two(&mut b, 5, d.month());
                two(&mut b, 8, d.day());
                f.write_str(std::str::from_utf8(&b).map_err(|_| std::fmt::Error)?)
            }
            _ => write!(f, "{d}"),
        }
    }
}

/// An event as a list item, borrowing from its row.
#[derive(Debug, Clone)]
pub struct EventView<'a> {
    pub href: Link<'a>,
    pub kind: &'a str,
    pub kind_label: &'static str,
    pub title: &'a str,
    pub date_iso: IsoDay,
    pub date_label: DateLabel,
    /// "day", "week" or "month"; "" when undated.
    pub precision: &'static str,
    pub planned: bool,
    pub articles: i64,
    pub actors: Vec<ActorLink<'a>>,
    pub date_note: &'static str,
    pub location: &'a str,
    /// What happened, as pieces of text, each with whether it is a name.
    pub gist: Vec<(&'a str, bool)>,
    /// "Reuters, AP and 2 more"; "" when no outlet is known.
    pub outlets: String,
}

/// Events that share a date, under one heading.
#[derive(Debug, Clone)]
pub struct DayGroup<'a> {
    pub label: DateLabel,
    pub iso: IsoDay,
    pub href: String,
    pub events: Vec<EventView<'a>>,
}

pub use crate::model::parse_iso;

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as pages show it: "Mon 19 May 2025", "Week of Mon 19 May 2025"
/// or "May 2025".
pub fn label_of(d: NaiveDate, precision: Precision) -> String {
    let mut s = String::with_capacity(28);
    let _ = write_label(&mut s, d, precision);
    s
}

/// Write `label_of` into `out` (pieces pushed, no format machinery: a
/// timeline page labels every event and every histogram bar).
pub(super) fn write_label(
    out: &mut (impl std::fmt::Write + ?Sized),
    d: NaiveDate,
    precision: Precision,
) -> std::fmt::Result {
    let month = MONTHS[d.month0() as usize];
    if precision == Precision::Month {
        out.write_str(month)?;
    } else {
        if precision == Precision::Week {
            out.write_str("Week of ")?;
        }
        out.write_str(WEEKDAYS[d.weekday().num_days_from_monday() as usize])?;
        out.write_char(' ')?;
        write_number(out, d.day())?;
        out.write_char(' ')?;
        out.write_str(month)?;
    }
    out.write_char(' ')?;
    if d.year() < 0 {
        out.write_char('-')?;
    }
    write_number(out, d.year().unsigned_abs())
}

/// Decimal digits of `n` (a day or a year), without format machinery.
pub(super) fn write_number(out: &mut (impl std::fmt::Write + ?Sized), n: impl Into<u64>) -> std::fmt::Result {
    let mut digits = [0u8; 20];
    let start = put_digits(&mut digits, 20, n.into());
    // Only ASCII digits were written.
    out.write_str(std::str::from_utf8(&digits[start..]).unwrap_or("0"))
}

/// Put the decimal digits of `n` into `buf` so that they end before
/// `end`, and say where they start (`end` is at least 20: a u64's digits).
pub(super) fn put_digits(buf: &mut [u8], end: usize, mut n: u64) -> usize {
    let mut i = end;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return i;
        }
    }
}

/// An article's date as its page and its sources show it: "Mon 19 May
/// 2025", "… (inferred)" when worked out from its text, or "undated".
pub fn article_date_label(published: Option<NaiveDate>, inferred: Option<NaiveDate>) -> String {
    match (published, inferred) {
        (Some(p), _) => label_of(p, Precision::Day),
        (None, Some(i)) => format!("{} (inferred)", label_of(i, Precision::Day)),
        (None, None) => "undated".into(),
    }
}

/// Longest title shown whole; longer ones (an article without a headline
/// is titled by its first sentence) are cut at a word.
pub const TITLE_CHARS: usize = 90;

/// Words that open a clause a heading can end before.
const CLAUSE_OPENERS: [&str; 9] = [
    " when ",
    " while ",
    " after ",
    " as ",
    " but ",
    " which ",
    " who ",
    " because ",
    " since ",
];

/// Longest heading made of a sentence's main clause: a page's heading may
/// run longer than a title in a list.
pub const HEADING_CHARS: usize = 110;

/// A sentence as a heading: without its final stop when it is short
/// enough, else up to its first clause boundary (a comma, or a word such
/// as "when" or "after") that leaves between 40 and [`HEADING_CHARS`]
/// characters: the main clause; None when there is no such boundary.
///
/// ```
/// use readout::web::clause_title;
/// assert_eq!(
///     clause_title("The minister spoke to her counterpart by phone on Friday, a day after the two sides met in the capital for talks on grain.").as_deref(),
///     Some("The minister spoke to her counterpart by phone on Friday")
/// );
/// ```
pub fn clause_title(sentence: &str) -> Option<String> {
    let s = sentence.trim().trim_end_matches(['.', '…', ' ']);
    if s.chars().count() <= HEADING_CHARS {
        return Some(s.to_string());
    }
    let mut best = None;
    for (i, _) in s.char_indices() {
        let at_boundary = s[i..].starts_with(", ") || CLAUSE_OPENERS.iter().any(|w| s[i..].starts_with(w));
        if !at_boundary {
            continue;
        }
        let n = s[..i].chars().count();
        if n > HEADING_CHARS {
            break;
        }
        if n >= 40 {
            best = Some(i);
            break;
        }
    }
    best.map(|i| s[..i].trim_end_matches([',', ';', ':']).to_string())
}

/// `title` cut to at most `TITLE_CHARS` characters at the last space
/// before, with "…"; short titles as they are.
pub fn short_title(title: &str) -> String {
    let title = title.trim();
    if title.chars().count() <= TITLE_CHARS {
        return title.to_string();
    }
    let cut: String = title.chars().take(TITLE_CHARS).collect();
    let at = cut.rfind(' ').filter(|&i| i >= TITLE_CHARS / 2).unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':', ' ', '-', '–']))
}

/// Why a date is what it is, when it was not stated in the text.
pub fn date_note(source: DateSource) -> &'static str {
    match source {
        DateSource::Article => "no date in the text; dated by the report",
        DateSource::Anchored => "dated by the event the text refers to",
        DateSource::Context => "dated by the same actor's preceding sentence",
        DateSource::Stated | DateSource::Unknown => "",
    }
}

pub fn event_view(e: &EventRow) -> EventView<'_> {
    keeping(e, "")
}

/// An event view whose link keeps a timeline filter (`query`, "" for none).
pub fn keeping<'a>(e: &'a EventRow, query: &'a str) -> EventView<'a> {
    EventView {
        href: Link::event(&e.id, query),
        kind: e.kind.as_str(),
        kind_label: e.kind.label(),
        title: &e.title,
        date_iso: IsoDay(e.date.map(|d| d.date)),
        date_label: DateLabel::of(e.date),
        precision: e.date.map(|d| d.precision.as_str()).unwrap_or_default(),
        planned: e.status == crate::model::Status::Planned,
        articles: e.articles,
        actors: e.actors.iter().map(ActorLink::from).collect(),
        date_note: date_note(e.date_source),
        location: e.location.as_deref().unwrap_or_default(),
        gist: crate::model::gist_pieces(&e.gist),
        outlets: outlet_list(&e.outlets),
    }
}

/// Outlets for a row: up to three by name, then how many more.
pub fn outlet_list(outlets: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut out = outlets
        .iter()
        .take(SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if outlets.len() > SHOWN {
        out.push_str(&format!(" and {} more", outlets.len() - SHOWN));
    }
    out
}

/// Group consecutive events by date and precision; event links keep the
/// timeline filter `query` ("" for none).
pub fn group_by_day<'a>(rows: &'a [EventRow], query: &'a str) -> Vec<DayGroup<'a>> {
    let mut out: Vec<DayGroup<'a>> = Vec::new();
    let mut last: Option<Option<EventDate>> = None;
    for e in rows {
        if last != Some(e.date) {
            let href = match e.date {
                Some(d) if d.precision == Precision::Month => format!("/dates/{}", d.date.format("%Y-%m")),
                Some(d) => format!("/dates/{}", d.date),
                None => String::new(),
            };
            out.push(DayGroup {
                label: DateLabel::of(e.date),
                iso: IsoDay(e.date.map(|d| d.date)),
                href,
                events: Vec::new(),
            });
            last = Some(e.date);
        }
        if let Some(g) = out.last_mut() {
            g.events.push(keeping(e, query));
        }
    }
    out
}

/// A piece of article text, highlighted when it is evidence.
#[derive(Debug, Clone)]
pub struct Segment {
    pub text: String,
    pub anchor: String,
    /// Anchors of the other mentions of the same sentence, so that every
    /// "in context" link lands on it.
    pub more_anchors: Vec<String>,
    /// (event href, event title) for evidence.
    pub events: Vec<(String, String)>,
    /// The sentence reports an event directly, rather than naming one in
    /// passing (`model::DIRECT_RANK`): only those are highlighted.
    pub direct: bool,
}

/// One mention's sentence in an article: its byte range, mention id, the
/// event it belongs to (id and title), and its rank.
pub struct Mark<'a> {
    pub start: i64,
    pub end: i64,
    pub mention: i64,
    pub event_id: &'a str,
    pub event_title: &'a str,
    pub rank: u8,
}

/// Split an article body into plain and evidence segments. Offsets that do
/// not fall on character boundaries, overlap or exceed the text are skipped.
pub fn segments(body: &str, marks: &[Mark<'_>]) -> Vec<Segment> {
    let plain = |text: &str| Segment {
        text: text.to_string(),
        anchor: String::new(),
        more_anchors: Vec::new(),
        events: Vec::new(),
        direct: false,
    };
    // (start, end, segment), by start.
    let mut spans: Vec<(usize, usize, Segment)> = Vec::new();
    for m in marks {
        let (s, e) = (m.start as usize, m.end as usize);
        if m.start < 0 || s >= e || e > body.len() || !body.is_char_boundary(s) || !body.is_char_boundary(e) {
            continue;
        }
        let link = (format!("/events/{}", m.event_id), m.event_title.to_string());
        if let Some((ls, le, last)) = spans.last_mut() {
            if *ls == s && *le == e {
                if !last.events.contains(&link) {
                    last.events.push(link);
                }
                let anchor = format!("m{}", m.mention);
                if anchor != last.anchor && !last.more_anchors.contains(&anchor) {
                    last.more_anchors.push(anchor);
                }
                last.direct |= m.rank >= crate::model::DIRECT_RANK;
                continue;
            }
            if s < *le {
                continue;
            }
        }
        spans.push((
            s,
            e,
            Segment {
                text: body[s..e].to_string(),
                anchor: format!("m{}", m.mention),
                more_anchors: Vec::new(),
                events: vec![link],
                direct: m.rank >= crate::model::DIRECT_RANK,
            },
        ));
    }
    let mut out = Vec::new();
    let mut pos = 0;
    for (s, e, seg) in spans {
        if s > pos {
            out.push(plain(&body[pos..s]));
        }
        out.push(seg);
        pos = e;
    }
    if pos < body.len() {
        out.push(plain(&body[pos..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(date: &str, precision: Precision) -> String {
        DateLabel::of(parse_iso(date).map(|date| EventDate { date, precision })).to_string()
    }

    #[test]
    fn labels() {
        assert_eq!(label("2025-05-19", Precision::Day), "Mon 19 May 2025");
        assert_eq!(label("2025-05-12", Precision::Week), "Week of Mon 12 May 2025");
        assert_eq!(label("2025-05-01", Precision::Month), "May 2025");
        assert_eq!(DateLabel::of(None).to_string(), "Undated");
        assert_eq!(label("2024-12-01", Precision::Day), "Sun 1 December 2024");
    }

    #[test]
    fn labels_of_odd_dates() {
        assert_eq!(label("0999-01-31", Precision::Day), "Thu 31 January 999");
        // Years before 1 keep their sign.
        let early = NaiveDate::from_ymd_opt(-44, 3, 15).map(|d| label_of(d, Precision::Month));
        assert_eq!(early.as_deref(), Some("March -44"));
    }

    #[test]
    fn iso_days_are_written_as_stored() {
        let iso = |d: Option<NaiveDate>| IsoDay(d).to_string();
        assert_eq!(iso(NaiveDate::from_ymd_opt(2025, 5, 9)), "2025-05-09");
        assert_eq!(iso(NaiveDate::from_ymd_opt(999, 12, 31)), "0999-12-31");
        assert_eq!(iso(NaiveDate::from_ymd_opt(12345, 1, 2)), "+12345-01-02");
        assert_eq!(iso(None), "");
        assert!(IsoDay(None).is_empty());
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        assert_eq!(short_title("Ministers meet in Oslo"), "Ministers meet in Oslo");
        let long = "President Ann Alpha and Foreign Minister Bo Beta spoke by telephone on Monday about the border, the ceasefire and the prisoners held since spring";
        let short = short_title(long);
        assert!(
            short.ends_with('…') && short.chars().count() <= TITLE_CHARS + 1,
            "{short}"
        );
        assert!(long.starts_with(short.trim_end_matches('…')), "{short}");
        assert_eq!(
            short,
            "President Ann Alpha and Foreign Minister Bo Beta spoke by telephone on Monday about the…"
        );
        // No space to cut at: cut inside the word.
        let word = "x".repeat(200);
        assert_eq!(short_title(&word).chars().count(), TITLE_CHARS + 1);
    }

    #[test]
    fn article_dates_say_when_they_are_inferred() {
        let d = NaiveDate::from_ymd_opt(2025, 5, 19);
        assert_eq!(article_date_label(d, None), "Mon 19 May 2025");
        assert_eq!(article_date_label(None, d), "Mon 19 May 2025 (inferred)");
        assert_eq!(article_date_label(None, None), "undated");
    }

    #[test]
    fn links_keep_a_filter_only_when_there_is_one() {
        assert_eq!(Link::event("e1", "").to_string(), "/events/e1");
        assert_eq!(
            Link::event("e1", "actor=a&kind=call").to_string(),
            "/events/e1?actor=a&kind=call"
        );
        assert_eq!(Link::actor("jane-doe").to_string(), "/actors/jane-doe");
    }

    #[test]
    fn iso_dates_only_in_their_exact_shape() {
        assert_eq!(parse_iso("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-1-01",
            "2025/01/01",
            "20250-1-01",
            "2025-01-0x",
            "",
        ] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
    }

    fn mark(start: i64, end: i64, mention: i64, rank: u8) -> Mark<'static> {
        Mark {
            start,
            end,
            mention,
            event_id: "e",
            event_title: "E",
            rank,
        }
    }

    #[test]
    fn segments_highlight_evidence() {
        let body = "One. Two. Three.";
        let segs = segments(body, &[mark(5, 9, 1, 7)]);
        let texts: Vec<&str> = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, vec!["One. ", "Two.", " Three."]);
        assert_eq!(segs[1].anchor, "m1");
        assert!(segs[1].direct);
    }

    #[test]
    fn a_sentence_of_two_mentions_keeps_both_anchors_and_its_best_rank() {
        let segs = segments("One. Two.", &[mark(0, 4, 1, 2), mark(0, 4, 2, 6), mark(5, 9, 3, 1)]);
        assert_eq!(segs[0].anchor, "m1");
        assert_eq!(segs[0].more_anchors, ["m2"]);
        assert!(segs[0].direct);
        // Named only in passing: not highlighted.
        assert!(!segs[2].direct);
    }

    #[test]
    fn segments_skip_bad_offsets() {
        let segs = segments("abc", &[mark(1, 99, 1, 5)]);
        assert_eq!(segs.len(), 1);
    }
}
