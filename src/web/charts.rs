//! The timeline's histogram: events per day, week or month (by the length
//! of the range), stacked by kind, drawn as SVG on the server. Pure
//! functions from counts to what the template draws; no I/O.

use super::params::{Change, FilterLinks};
use super::views::{label_of, put_digits, write_label, write_number, written};
use crate::model::{Kind, Precision};
use crate::store::{DayCount, Filter};
use chrono::{Datelike, Duration, NaiveDate};

/// The drawing's size in SVG units (it scales with the page).
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 120.0;
/// Most bars drawn: longer ranges use a coarser unit.
const DAYS_AS_DAYS: i64 = 62;
const DAYS_AS_WEEKS: i64 = 7 * 60;

/// A date on the axis: its label, where it stands in percent of the
/// drawing's width (a class of the stylesheet places it: no inline style
/// passes the Content-Security-Policy), and its x in the drawing.
pub struct Tick {
    pub label: String,
    pub percent: u8,
    pub x: Tenths,
}

/// Dates marked between the first and the last.
const INNER_TICKS: usize = 4;

/// Height of a lane of spans, in SVG units.
const LANE: f64 = 8.0;

/// One kind's part of a bar (held or planned).
pub struct Segment {
    pub kind: &'static str,
    pub planned: bool,
    pub y: Tenths,
    pub h: Tenths,
}

/// One bar: a link to its span of time under the same filters.
pub struct Bar {
    pub x: Tenths,
    pub w: Tenths,
    pub href: String,
    /// Read by screen readers and shown on hover: the span and its counts.
    pub title: BarTitle,
    pub segments: Vec<Segment>,
}

/// Events known only to their week or month, across it: a link to that
/// span under the same filters.
pub struct Span {
    pub x: Tenths,
    pub w: Tenths,
    pub y: Tenths,
    pub h: Tenths,
    /// The kind most of them are.
    pub kind: &'static str,
    pub planned: bool,
    pub href: String,
    pub title: BarTitle,
}

written!(Tenths, BarTitle);

/// "Mon 19 May 2025: 3 events (2 call, 1 talks)", written where it is
/// shown (a String per bar was most of the histogram's time).
pub struct BarTitle {
    start: NaiveDate,
    unit: Precision,
    /// Events per kind, in `Kind::ALL` order.
    counts: [i64; 4],
    /// How many of them are planned.
    planned: i64,
}

impl BarTitle {
    fn write_to(&self, f: &mut dyn std::fmt::Write) -> std::fmt::Result {
        let total: i64 = self.counts.iter().sum();
        write_label(f, self.start, self.unit)?;
        f.write_str(": ")?;
        write_count(f, total)?;
        f.write_str(if total == 1 { " event (" } else { " events (" })?;
        let mut first = true;
        for (k, n) in self.counts.iter().enumerate() {
            if *n == 0 {
                continue;
            }
            if !first {
                f.write_str(", ")?;
            }
            first = false;
            write_count(f, *n)?;
            f.write_str(" ")?;
            f.write_str(Kind::ALL[k].as_str())?;
        }
        if self.planned > 0 {
            f.write_str("; ")?;
            write_count(f, self.planned)?;
            f.write_str(" planned")?;
        }
        f.write_str(")")
    }
}

fn write_count(f: &mut dyn std::fmt::Write, n: i64) -> std::fmt::Result {
    if n < 0 {
        f.write_str("-")?;
    }
    write_number(f, n.unsigned_abs())
}

pub struct Histogram {
    pub width: String,
    pub height: String,
    pub unit: &'static str,
    pub first: String,
    pub last: String,
    /// A sentence that says what the chart shows, for `<desc>`.
    pub desc: String,
    pub bars: Vec<Bar>,
    /// The count at the top of the scale (the busiest bar's).
    pub max: i64,
    /// The kinds drawn, in stacking order (bottom first): (class, label);
    /// "planned" last when planned events are drawn.
    pub legend: Vec<(&'static str, &'static str)>,
    /// Week and month events drawn across their span, under the bars.
    pub spans: Vec<Span>,
    /// Dates between the first and the last, under the bars they start.
    pub ticks: Vec<Tick>,
    /// Height of the spans' drawing (its lanes), in SVG units.
    pub span_height: String,
}

fn start_of(unit: Precision, d: NaiveDate) -> NaiveDate {
    match unit {
        Precision::Day => d,
        Precision::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
        Precision::Month => d.with_day(1).unwrap_or(d),
    }
}

fn next_start(unit: Precision, d: NaiveDate) -> Option<NaiveDate> {
    match unit {
        Precision::Day => d.succ_opt(),
        Precision::Week => d.checked_add_signed(Duration::days(7)),
        Precision::Month => d.checked_add_months(chrono::Months::new(1)),
    }
}

/// A coordinate with one decimal ("12.5"), in tenths; drawing coordinates
/// are never negative (a rounding error below zero is drawn at zero).
/// Written as two integers: a page draws hundreds of them, and float
/// formatting was a tenth of the histogram's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tenths(u64);

fn tenths(x: f64) -> Tenths {
    Tenths((x.max(0.0) * 10.0).round() as u64)
}

impl Tenths {
    /// One write of the digits (a page draws hundreds of coordinates, and
    /// each write into the page passes the HTML escaper).
    fn write_to(&self, f: &mut dyn std::fmt::Write) -> std::fmt::Result {
        let mut buf = [0u8; 22];
        buf[21] = b'0' + (self.0 % 10) as u8;
        buf[20] = b'.';
        let start = put_digits(&mut buf, 20, self.0 / 10);
        // Only ASCII digits and a dot were written.
        f.write_str(std::str::from_utf8(&buf[start..]).unwrap_or("0.0"))
    }
}

/// The last day of a week or month that starts on `d`.
fn span_end(p: Precision, d: NaiveDate) -> NaiveDate {
    crate::model::EventDate { date: d, precision: p }.end()
}

/// The histogram of `counts` (any order) under `filter`; None when there
/// is nothing dated to draw. Day events are bars, stacked by kind, held
/// below planned; events known only to a week or month, when bars are
/// finer than that, are spans under the bars, across their week or month.
pub fn histogram(counts: &[DayCount], filter: &Filter) -> Option<Histogram> {
    let dated: Vec<&DayCount> = counts.iter().filter(|c| c.events > 0).collect();
    let lo = filter.from.or_else(|| dated.iter().map(|c| c.date).min())?;
    let hi = filter
        .to
        .or_else(|| dated.iter().map(|c| span_end(c.precision, c.date)).max())?;
    if hi < lo {
        return None;
    }
    let days = (hi - lo).num_days() + 1;
    let unit = match days {
        d if d <= DAYS_AS_DAYS => Precision::Day,
        d if d <= DAYS_AS_WEEKS => Precision::Week,
        _ => Precision::Month,
    };
    // Buckets from the first span to the last, empty ones included.
    let mut starts = Vec::new();
    let mut s = start_of(unit, lo);
    while s <= hi && starts.len() < 2000 {
        starts.push(s);
        s = next_start(unit, s)?;
    }
    let bucket = |d: NaiveDate| starts.partition_point(|s| *s <= d).saturating_sub(1);
    // Per bucket: held counts by kind, then planned counts by kind.
    let mut totals = vec![[0i64; 8]; starts.len()];
    // Spans: (precision, start, planned) -> counts by kind.
    let mut spans: std::collections::BTreeMap<(NaiveDate, Precision, bool), [i64; 4]> = Default::default();
    for c in &dated {
        let Some(k) = Kind::ALL.iter().position(|&x| x == c.kind) else {
            continue;
        };
        // Coarser than the bars: a span (`Precision` orders day < week < month).
        if c.precision > unit {
            if span_end(c.precision, c.date) >= lo && c.date <= hi {
                spans.entry((c.date, c.precision, c.planned)).or_default()[k] += c.events;
            }
            continue;
        }
        if c.date < lo || c.date > hi {
            continue;
        }
        totals[bucket(c.date)][k + if c.planned { 4 } else { 0 }] += c.events;
    }
    let max = totals.iter().map(|t| t.iter().sum::<i64>()).max().unwrap_or(0);
    if max == 0 && spans.is_empty() {
        return None;
    }
    let slot = WIDTH / starts.len() as f64;
    let gap = if slot > 4.0 { 1.0 } else { 0.0 };
    let label = |d: NaiveDate| label_of(d, unit);
    let links = FilterLinks::new(filter);
    let mut bars = Vec::new();
    for (i, (start, t)) in starts.iter().zip(&totals).enumerate() {
        let total: i64 = t.iter().sum();
        if total == 0 {
            continue;
        }
        let end = next_start(unit, *start).and_then(|n| n.pred_opt()).unwrap_or(*start);
        let mut y = HEIGHT;
        let mut segments = Vec::with_capacity(t.iter().filter(|n| **n != 0).count());
        for (slot_k, n) in t.iter().enumerate() {
            if *n == 0 {
                continue;
            }
            let h = HEIGHT * *n as f64 / max as f64;
            y -= h;
            segments.push(Segment {
                kind: Kind::ALL[slot_k % 4].as_str(),
                planned: slot_k >= 4,
                y: tenths(y),
                h: tenths(h),
            });
        }
        let mut counts = [0i64; 4];
        let mut planned = 0;
        for (slot_k, n) in t.iter().enumerate() {
            counts[slot_k % 4] += n;
            if slot_k >= 4 {
                planned += n;
            }
        }
        bars.push(Bar {
            x: tenths(i as f64 * slot),
            w: tenths((slot - gap).max(0.5)),
            href: links.href(Change::Range((*start).max(lo), end.min(hi))),
            title: BarTitle {
                start: *start,
                unit,
                counts,
                planned,
            },
            segments,
        });
    }
    // Spans in lanes: each in the first lane free at its start.
    let mut lanes: Vec<NaiveDate> = Vec::new();
    let mut drawn = Vec::new();
    for ((start, precision, planned), counts) in &spans {
        let end = span_end(*precision, *start);
        let (from, to) = ((*start).max(lo), end.min(hi));
        let lane = match lanes.iter().position(|last| *last < from) {
            Some(l) => {
                lanes[l] = to;
                l
            }
            None => {
                lanes.push(to);
                lanes.len() - 1
            }
        };
        let (a, b) = (bucket(from), bucket(to));
        let kind = (0..4).max_by_key(|&k| (counts[k], std::cmp::Reverse(k))).unwrap_or(0);
        drawn.push(Span {
            x: tenths(a as f64 * slot),
            w: tenths(((b - a + 1) as f64 * slot - gap).max(0.5)),
            y: tenths(lane as f64 * LANE + 1.0),
            h: tenths(LANE - 2.0),
            kind: Kind::ALL[kind].as_str(),
            planned: *planned,
            href: links.href(Change::Range(from, to)),
            title: BarTitle {
                start: *start,
                unit: *precision,
                counts: *counts,
                planned: if *planned { counts.iter().sum() } else { 0 },
            },
        });
    }
    // Evenly spaced bucket starts, clear of the two ends' labels.
    let mut ticks = Vec::new();
    let every = starts.len().div_ceil(INNER_TICKS + 1).max(1);
    for (i, start) in starts.iter().enumerate().skip(every).step_by(every) {
        let percent = (100.0 * (i as f64 + 0.5) / starts.len() as f64).round() as u8;
        if i + 1 >= starts.len() || !(15..=85).contains(&percent) {
            continue;
        }
        ticks.push(Tick {
            label: short_label(*start, unit),
            percent,
            x: tenths((i as f64 + 0.5) * slot),
        });
    }
    let unit_name = unit.as_str();
    let busiest = starts
        .iter()
        .zip(&totals)
        .max_by_key(|(_, t)| t.iter().sum::<i64>())
        .map(|(s, _)| label(*s))
        .unwrap_or_default();
    let any_planned = totals.iter().any(|t| t[4..].iter().any(|n| *n > 0)) || spans.keys().any(|k| k.2);
    let mut legend: Vec<(&'static str, &'static str)> = Kind::ALL
        .iter()
        .enumerate()
        .filter(|(k, _)| totals.iter().any(|t| t[*k] + t[*k + 4] > 0) || spans.values().any(|c| c[*k] > 0))
        .map(|(_, k)| (k.as_str(), k.label()))
        .collect();
    if any_planned {
        legend.push(("planned", "Planned (not yet held)"));
    }
    Some(Histogram {
        width: format!("{WIDTH}"),
        height: format!("{HEIGHT}"),
        unit: unit_name,
        first: label_of(lo, Precision::Day),
        last: label_of(hi, Precision::Day),
        desc: format!(
            "Events per {unit_name} from {} to {}, stacked by kind, planned ones lighter; the busiest {unit_name} is {busiest} with {max}.",
            label_of(lo, Precision::Day),
            label_of(hi, Precision::Day)
        ),
        bars,
        max,
        legend,
        span_height: format!("{}", lanes.len() as f64 * LANE),
        spans: drawn,
        ticks,
    })
}

/// A tick's label: "19 May" for a day or week, "Mar 2025" for a month.
fn short_label(d: NaiveDate, unit: Precision) -> String {
    let month = label_of(d, Precision::Month);
    let abbr: String = month.chars().take(3).collect();
    match unit {
        Precision::Month => format!("{abbr} {}", d.year()),
        _ => format!("{} {abbr}", d.day()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(d: &str, k: &str, n: i64) -> DayCount {
        DayCount {
            date: crate::model::parse_iso(d).expect("a test date"),
            kind: Kind::parse(k).expect("a test kind"),
            precision: Precision::Day,
            planned: false,
            events: n,
        }
    }

    #[test]
    fn planned_events_are_drawn_apart_and_named() {
        let mut p = c("2025-05-19", "call", 1);
        p.planned = true;
        let h = histogram(
            &[c("2025-05-19", "call", 2), p, c("2025-05-20", "demand", 1)],
            &Filter::default(),
        )
        .unwrap();
        let segs = &h.bars[0].segments;
        assert_eq!(
            segs.iter().map(|s| (s.kind, s.planned)).collect::<Vec<_>>(),
            [("call", false), ("call", true)]
        );
        assert_eq!(
            h.bars[0].title.to_string(),
            "Mon 19 May 2025: 3 events (3 call; 1 planned)"
        );
        assert_eq!(h.legend.last(), Some(&("planned", "Planned (not yet held)")));
        // Without planned events, no such legend entry.
        let h = histogram(&[c("2025-05-19", "call", 2)], &Filter::default()).unwrap();
        assert!(h.legend.iter().all(|(k, _)| *k != "planned"));
    }

    #[test]
    fn a_week_event_spans_its_week_not_its_monday() {
        let mut w = c("2025-05-12", "demand", 1);
        w.precision = Precision::Week;
        let h = histogram(
            &[c("2025-05-10", "call", 1), w, c("2025-05-20", "call", 1)],
            &Filter::default(),
        )
        .unwrap();
        assert_eq!(h.unit, "day");
        // No bar on the Monday; a span from Monday to Sunday.
        assert_eq!(h.bars.len(), 2);
        assert_eq!(h.spans.len(), 1);
        let span = &h.spans[0];
        assert_eq!(span.href, "/?from=2025-05-12&to=2025-05-18");
        assert_eq!(span.title.to_string(), "Week of Mon 12 May 2025: 1 event (1 demand)");
        // Day buckets 10..20: the span starts at the third and covers seven.
        let slot = WIDTH / 11.0;
        assert_eq!(span.x, tenths(2.0 * slot));
        assert_eq!(span.w, tenths(7.0 * slot - 1.0));
        // In a month-wide drawing by month, a month event is a bar again.
        let mut m = c("2025-03-01", "talks", 2);
        m.precision = Precision::Month;
        let h = histogram(&[c("2024-01-05", "call", 1), m], &Filter::default()).unwrap();
        assert_eq!(h.unit, "month");
        assert!(h.spans.is_empty());
        assert_eq!(h.bars.len(), 2);
    }

    #[test]
    fn coordinates_have_one_decimal() {
        let t = |x: f64| tenths(x).to_string();
        assert_eq!(t(0.0), "0.0");
        assert_eq!(t(12.34), "12.3");
        assert_eq!(t(12.36), "12.4");
        assert_eq!(t(719.99), "720.0");
        assert_eq!(t(-1e-9), "0.0");
        assert_eq!(t(0.96), "1.0");
        assert_eq!(t(105.0), "105.0");
        let max = Tenths(u64::MAX).to_string();
        assert_eq!(max, format!("{}.{}", u64::MAX / 10, u64::MAX % 10));
    }

    #[test]
    fn a_short_range_has_a_bar_per_day_linking_to_that_day() {
        let h = histogram(
            &[c("2025-05-19", "call", 2), c("2025-05-20", "talks", 1)],
            &Filter::default(),
        )
        .unwrap();
        assert_eq!(h.unit, "day");
        assert_eq!(h.bars.len(), 2);
        assert_eq!(h.bars[0].href, "/?from=2025-05-19&to=2025-05-19");
        assert_eq!(h.bars[0].title.to_string(), "Mon 19 May 2025: 2 events (2 call)");
        assert_eq!(h.bars[1].segments[0].kind, "talks");
    }

    #[test]
    fn a_long_range_is_drawn_by_month() {
        let h = histogram(
            &[c("2023-01-10", "call", 1), c("2025-03-02", "demand", 3)],
            &Filter::default(),
        )
        .unwrap();
        assert_eq!(h.unit, "month");
        assert_eq!(h.bars.len(), 2, "empty months draw no bar");
        assert_eq!(h.bars[1].href, "/?from=2025-03-01&to=2025-03-02");
    }

    #[test]
    fn kinds_stack_to_the_full_height_of_the_busiest_bar() {
        let h = histogram(
            &[c("2025-05-19", "call", 1), c("2025-05-19", "statement", 3)],
            &Filter::default(),
        )
        .unwrap();
        let segs = &h.bars[0].segments;
        assert_eq!((segs[0].kind, segs[1].kind), ("call", "statement"));
        assert_eq!(segs[1].y.to_string(), "0.0");
    }

    #[test]
    fn the_scale_tops_at_the_busiest_bar_and_the_legend_names_the_kinds_drawn() {
        let h = histogram(
            &[
                c("2025-05-19", "demand", 2),
                c("2025-05-20", "call", 1),
                c("2025-05-20", "demand", 4),
            ],
            &Filter::default(),
        )
        .unwrap();
        assert_eq!(h.max, 5);
        assert_eq!(h.legend, vec![("call", "Call"), ("demand", "Demand")]);
        assert_eq!(
            (h.first.as_str(), h.last.as_str()),
            ("Mon 19 May 2025", "Tue 20 May 2025")
        );
    }

    #[test]
    fn bar_titles_count_each_kind() {
        let h = histogram(
            &[
                c("2025-05-05", "call", 1),
                c("2025-05-06", "demand", 2),
                c("2025-05-06", "talks", 10),
                c("2025-08-01", "statement", 1),
            ],
            &Filter::default(),
        )
        .unwrap();
        assert_eq!(h.unit, "week");
        let titles: Vec<String> = h.bars.iter().map(|b| b.title.to_string()).collect();
        assert_eq!(
            titles,
            [
                "Week of Mon 5 May 2025: 13 events (1 call, 10 talks, 2 demand)",
                "Week of Mon 28 July 2025: 1 event (1 statement)"
            ]
        );
    }

    #[test]
    fn ticks_mark_dates_between_the_ends() {
        let h = histogram(
            &[c("2025-05-01", "call", 1), c("2025-05-30", "call", 1)],
            &Filter::default(),
        )
        .unwrap();
        assert_eq!(h.unit, "day");
        let labels: Vec<&str> = h.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["7 May", "13 May", "19 May", "25 May"]);
        assert!(h.ticks.iter().all(|t| (15..=85).contains(&t.percent)));
        assert!(h.ticks.windows(2).all(|w| w[0].percent < w[1].percent));
        let h = histogram(
            &[c("2023-01-10", "call", 1), c("2025-03-02", "demand", 3)],
            &Filter::default(),
        )
        .unwrap();
        assert!(h
            .ticks
            .iter()
            .all(|t| t.label.ends_with(" 2023") || t.label.ends_with(" 2024") || t.label.ends_with(" 2025")));
        // Two days leave no room between the ends.
        let h = histogram(
            &[c("2025-05-19", "call", 1), c("2025-05-20", "call", 1)],
            &Filter::default(),
        )
        .unwrap();
        assert!(h.ticks.is_empty());
    }

    #[test]
    fn nothing_dated_draws_nothing() {
        assert!(histogram(&[], &Filter::default()).is_none());
    }
}
