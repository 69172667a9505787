//! View models: what templates show, pre-formatted. Pure functions over
//! store rows; no I/O.

use crate::store::{ActorRef, EventRow};
use chrono::NaiveDate;

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

written!(Link<'_>, DateLabel<'_>);

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
            kind: &a.kind,
        }
    }
}

/// A date as pages show it ("Mon 19 May 2025", see `label_of`), written
/// where it is shown.
#[derive(Debug, Clone, Copy)]
pub struct DateLabel<'a> {
    date: Option<NaiveDate>,
    precision: &'a str,
}

impl<'a> DateLabel<'a> {
    pub fn new(date: Option<&str>, precision: Option<&'a str>) -> DateLabel<'a> {
        DateLabel {
            date: date.and_then(parse_iso),
            precision: precision.unwrap_or("day"),
        }
    }
}

impl DateLabel<'_> {
    fn write_to(&self, f: &mut dyn std::fmt::Write) -> std::fmt::Result {
        match self.date {
            Some(d) => write_label(f, d, self.precision),
            None => f.write_str("Undated"),
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
    pub date_iso: &'a str,
    pub date_label: DateLabel<'a>,
    pub precision: &'a str,
    pub planned: bool,
    pub articles: i64,
    pub actors: Vec<ActorLink<'a>>,
    pub date_note: &'static str,
    pub location: &'a str,
}

/// Events that share a date, under one heading.
#[derive(Debug, Clone)]
pub struct DayGroup<'a> {
    pub label: DateLabel<'a>,
    pub iso: &'a str,
    pub href: String,
    pub events: Vec<EventView<'a>>,
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

/// "Mon 19 May 2025", "week of Mon 12 May 2025", "May 2025", "Undated".
pub fn date_label(date: Option<&str>, precision: Option<&str>) -> String {
    DateLabel::new(date, precision).to_string()
}

/// `date_label` of a parsed date: "Mon 19 May 2025", "Week of Mon 19 May
/// 2025" or "May 2025".
pub fn label_of(d: NaiveDate, precision: &str) -> String {
    let mut s = String::with_capacity(28);
    let _ = write_label(&mut s, d, precision);
    s
}

/// Write `label_of` into `out` (pieces pushed, no format machinery: a
/// timeline page labels every event and every histogram bar).
pub(super) fn write_label(
    out: &mut (impl std::fmt::Write + ?Sized),
    d: NaiveDate,
    precision: &str,
) -> std::fmt::Result {
    use chrono::Datelike;
    let month = MONTHS[d.month0() as usize];
    if precision == "month" {
        out.write_str(month)?;
    } else {
        if precision == "week" {
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

/// Why a date is what it is, when it was not stated in the text.
pub fn date_note(source: &str) -> &'static str {
    match source {
        "article" => "no date in the text; dated by the report",
        "anchored" => "dated by the event the text refers to",
        "context" => "dated by the same actor's preceding sentence",
        _ => "",
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
        date_iso: e.date.as_deref().unwrap_or_default(),
        date_label: DateLabel::new(e.date.as_deref(), e.date_precision.as_deref()),
        precision: e.date_precision.as_deref().unwrap_or_default(),
        planned: e.status == crate::model::Status::Planned,
        articles: e.articles,
        actors: e.actors.iter().map(ActorLink::from).collect(),
        date_note: date_note(e.date_source.as_str()),
        location: e.location.as_deref().unwrap_or_default(),
    }
}

/// Group consecutive events by date and precision; event links keep the
/// timeline filter `query` ("" for none).
pub fn group_by_day<'a>(rows: &'a [EventRow], query: &'a str) -> Vec<DayGroup<'a>> {
    let mut out: Vec<DayGroup<'a>> = Vec::new();
    let mut last: Option<(Option<&str>, Option<&str>)> = None;
    for e in rows {
        let key = (e.date.as_deref(), e.date_precision.as_deref());
        if last != Some(key) {
            let href = match (&e.date, e.date_precision.as_deref()) {
                (Some(d), Some("day")) => format!("/dates/{d}"),
                (Some(d), Some("month")) => format!("/dates/{}", &d[..7.min(d.len())]),
                (Some(d), _) => format!("/dates/{d}"),
                _ => String::new(),
            };
            out.push(DayGroup {
                label: DateLabel::new(e.date.as_deref(), e.date_precision.as_deref()),
                iso: e.date.as_deref().unwrap_or_default(),
                href,
                events: Vec::new(),
            });
            last = Some(key);
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
    /// (event href, event title) for evidence.
    pub events: Vec<(String, String)>,
}

/// (start, end, mention id, [(event href, event title)])
type Span = (usize, usize, i64, Vec<(String, String)>);

/// Split an article body into plain and evidence segments. Offsets that do
/// not fall on character boundaries, overlap or exceed the text are skipped.
pub fn segments(body: &str, marks: &[(i64, i64, i64, String, String)]) -> Vec<Segment> {
    // (start, end, mention id, event id, event title), sorted by start.
    let mut spans: Vec<Span> = Vec::new();
    for (s, e, mid, eid, etitle) in marks {
        let (s, e) = (*s as usize, *e as usize);
        if s >= e || e > body.len() || !body.is_char_boundary(s) || !body.is_char_boundary(e) {
            continue;
        }
        if let Some(last) = spans.last_mut() {
            if last.0 == s && last.1 == e {
                let link = (format!("/events/{eid}"), etitle.clone());
                if !last.3.contains(&link) {
                    last.3.push(link);
                }
                continue;
            }
            if s < last.1 {
                continue;
            }
        }
        spans.push((s, e, *mid, vec![(format!("/events/{eid}"), etitle.clone())]));
    }
    let mut out = Vec::new();
    let mut pos = 0;
    for (s, e, mid, events) in spans {
        if s > pos {
            out.push(Segment {
                text: body[pos..s].to_string(),
                anchor: String::new(),
                events: Vec::new(),
            });
        }
        out.push(Segment {
            text: body[s..e].to_string(),
            anchor: format!("m{mid}"),
            events,
        });
        pos = e;
    }
    if pos < body.len() {
        out.push(Segment {
            text: body[pos..].to_string(),
            anchor: String::new(),
            events: Vec::new(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(date_label(Some("2025-05-19"), Some("day")), "Mon 19 May 2025");
        assert_eq!(date_label(Some("2025-05-12"), Some("week")), "Week of Mon 12 May 2025");
        assert_eq!(date_label(Some("2025-05-01"), Some("month")), "May 2025");
        assert_eq!(date_label(None, None), "Undated");
        assert_eq!(date_label(Some("2024-12-01"), Some("day")), "Sun 1 December 2024");
    }

    #[test]
    fn labels_of_odd_dates() {
        assert_eq!(date_label(Some("0999-01-31"), None), "Thu 31 January 999");
        assert_eq!(date_label(Some("2025-5-1"), Some("day")), "Undated");
        assert_eq!(date_label(None, Some("month")), "Undated");
        // Years before 1 keep their sign.
        let early = NaiveDate::from_ymd_opt(-44, 3, 15).map(|d| label_of(d, "month"));
        assert_eq!(early.as_deref(), Some("March -44"));
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

    #[test]
    fn segments_highlight_evidence() {
        let body = "One. Two. Three.";
        let segs = segments(body, &[(5, 9, 1, "e".into(), "E".into())]);
        let texts: Vec<&str> = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, vec!["One. ", "Two.", " Three."]);
        assert_eq!(segs[1].anchor, "m1");
    }

    #[test]
    fn segments_skip_bad_offsets() {
        let segs = segments("abc", &[(1, 99, 1, "e".into(), "E".into())]);
        assert_eq!(segs.len(), 1);
    }
}
