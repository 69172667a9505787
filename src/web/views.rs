//! View models: what templates show, pre-formatted. Pure functions over
//! store rows; no I/O.

use crate::store::{ActorRef, EventRow};
use chrono::NaiveDate;

/// A link to an actor.
#[derive(Debug, Clone)]
pub struct ActorLink {
    pub name: String,
    pub href: String,
    pub kind: String,
}

impl From<&ActorRef> for ActorLink {
    fn from(a: &ActorRef) -> Self {
        ActorLink {
            name: a.name.clone(),
            href: format!("/actors/{}", a.id),
            kind: a.kind.clone(),
        }
    }
}

/// An event as a list item.
#[derive(Debug, Clone)]
pub struct EventView {
    pub href: String,
    pub kind: String,
    pub kind_label: &'static str,
    pub title: String,
    pub date_iso: String,
    pub date_label: String,
    pub precision: String,
    pub planned: bool,
    pub articles: i64,
    pub actors: Vec<ActorLink>,
    pub date_note: &'static str,
    pub location: String,
}

/// Events that share a date, under one heading.
#[derive(Debug, Clone)]
pub struct DayGroup {
    pub label: String,
    pub iso: String,
    pub href: String,
    pub events: Vec<EventView>,
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
    match date.and_then(parse_iso) {
        Some(d) => label_of(d, precision.unwrap_or("day")),
        None => "Undated".into(),
    }
}

/// `date_label` of a parsed date: "Mon 19 May 2025", "Week of Mon 19 May
/// 2025" or "May 2025" (pieces pushed, no format machinery: a timeline
/// page labels every event and every histogram bar).
pub fn label_of(d: NaiveDate, precision: &str) -> String {
    use chrono::Datelike;
    use std::fmt::Write;
    let month = MONTHS[d.month0() as usize];
    let mut s = String::with_capacity(28);
    if precision == "month" {
        s.push_str(month);
    } else {
        if precision == "week" {
            s.push_str("Week of ");
        }
        s.push_str(WEEKDAYS[d.weekday().num_days_from_monday() as usize]);
        s.push(' ');
        let _ = write!(s, "{}", d.day());
        s.push(' ');
        s.push_str(month);
    }
    s.push(' ');
    let _ = write!(s, "{}", d.year());
    s
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "call" => "Call",
        "talks" => "Talks",
        "statement" => "Statement",
        "demand" => "Demand",
        _ => "Event",
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

pub fn event_view(e: &EventRow) -> EventView {
    EventView {
        href: format!("/events/{}", e.id),
        kind: e.kind.clone(),
        kind_label: kind_label(&e.kind),
        title: e.title.clone(),
        date_iso: e.date.clone().unwrap_or_default(),
        date_label: date_label(e.date.as_deref(), e.date_precision.as_deref()),
        precision: e.date_precision.clone().unwrap_or_default(),
        planned: e.status == "planned",
        articles: e.articles,
        actors: e.actors.iter().map(ActorLink::from).collect(),
        date_note: date_note(&e.date_source),
        location: e.location.clone().unwrap_or_default(),
    }
}

/// Group consecutive events by date and precision.
pub fn group_by_day(rows: &[EventRow]) -> Vec<DayGroup> {
    let mut out: Vec<DayGroup> = Vec::new();
    let mut last: Option<(Option<String>, Option<String>)> = None;
    for e in rows {
        let key = (e.date.clone(), e.date_precision.clone());
        if last.as_ref() != Some(&key) {
            let href = match (&e.date, e.date_precision.as_deref()) {
                (Some(d), Some("day")) => format!("/dates/{d}"),
                (Some(d), Some("month")) => format!("/dates/{}", &d[..7.min(d.len())]),
                (Some(d), _) => format!("/dates/{d}"),
                _ => String::new(),
            };
            out.push(DayGroup {
                label: date_label(e.date.as_deref(), e.date_precision.as_deref()),
                iso: e.date.clone().unwrap_or_default(),
                href,
                events: Vec::new(),
            });
            last = Some(key);
        }
        if let Some(g) = out.last_mut() {
            g.events.push(event_view(e));
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
