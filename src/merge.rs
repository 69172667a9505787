//! Merging mentions across articles into events: one event per happening.
//!
//! Mentions group by kind and actors (participants as a set for calls and
//! talks; the speaker or demander for statements and demands), then by date:
//! - mentions with a stated or anchored day date form the events;
//! - a mention dated only by its article's date joins the same event on
//!   that day, or (calls, talks, demands) the latest such event in the week
//!   before, since a later article often refers back without a date;
//! - a week or month mention joins a day event inside its period;
//! - an undated call or talks mention joins the only dated one of its group.
//!
//! Event ids are derived from date, kind and actors, so they are the same
//! after a re-ingest and on another machine with the same articles.

use crate::model::{actor_key, DateSource, EventDate, Kind, MentionRec, MergedEvent, Precision, Status};
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::BTreeMap;

#[derive(Default)]
struct Bucket {
    date: Option<EventDate>,
    members: Vec<usize>,
}

/// The mention whose gist stands for the event on list rows: one that
/// tells the event as it is (held or planned), reports it most directly,
/// and dates it itself; of equals, the first by article and text, so the
/// choice is the same whatever order the articles were read in.
pub fn lead<'m>(e: &MergedEvent, mentions: impl IntoIterator<Item = &'m MentionRec>) -> Option<&'m MentionRec> {
    mentions.into_iter().filter(|m| !m.gist.is_empty()).max_by_key(|m| {
        (
            m.status == e.status,
            m.rank,
            m.date_source == DateSource::Stated,
            // Not the mention id: ids depend on the order files were read
            // in, and the same articles must give the same gist.
            std::cmp::Reverse((&*m.article, &*m.gist)),
        )
    })
}

/// Merge all mentions into events, in a deterministic order.
pub fn merge(mentions: &[MentionRec]) -> Vec<MergedEvent> {
    let mut out = merge_within_groups(mentions);
    absorb_announced_rounds(&mut out);
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

/// Merge mentions into events group by group, without the one step that
/// looks across groups ([`absorb_announced_rounds`]). Events come in group
/// order. A full merge feeds this one group at a time, so it never holds
/// more than one group's mentions.
pub fn merge_within_groups(mentions: &[MentionRec]) -> Vec<MergedEvent> {
    let mut groups: BTreeMap<(Kind, Vec<String>), Vec<usize>> = BTreeMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.actors.is_empty() {
            continue;
        }
        groups
            .entry((m.kind, actor_key(m.kind, &m.actors)))
            .or_default()
            .push(i);
    }
    let mut out = Vec::new();
    for ((kind, key), idxs) in groups {
        for b in merge_group(kind, mentions, &idxs) {
            out.push(build_event(kind, &key, mentions, b));
        }
    }
    out
}

/// Whether [`absorb_announced_rounds`] could absorb this event: a planned
/// call or talks on a given day with three or more parties. Only events
/// of its kind on its day take part in that step.
pub fn may_be_announced_round(e: &MergedEvent) -> bool {
    e.kind.is_meeting()
        && e.actors.len() >= 3
        && e.status == Status::Planned
        && e.date.map(|d| d.precision) == Some(Precision::Day)
}

/// "Trump will speak with the leaders of Russia and Ukraine on Monday" names
/// one planned call with three parties; what took place were two calls. A
/// planned-only call or talks whose participants are exactly covered by held
/// events of the same kind on the same day is absorbed into them: its
/// mentions become evidence of each, and it is no longer an event of its own.
///
/// An event is planned-only when none of its mentions reports it held,
/// which is what its status says. Only events of one kind on one day act
/// on each other, so `events` may be all events or just those of one kind
/// and day: the result is the same.
pub fn absorb_announced_rounds(events: &mut Vec<MergedEvent>) {
    let mut absorbed = Vec::new();
    for i in 0..events.len() {
        let e = &events[i];
        if !may_be_announced_round(e) {
            continue;
        }
        let parts: Vec<usize> = (0..events.len())
            .filter(|&j| {
                let o = &events[j];
                j != i
                    && o.kind == e.kind
                    && o.date == e.date
                    && o.status == Status::Held
                    && o.actors.len() >= 2
                    && o.actors.iter().all(|a| e.actors.contains(a))
            })
            .collect();
        let covered = e
            .actors
            .iter()
            .all(|a| parts.iter().any(|&j| events[j].actors.contains(a)));
        if parts.len() >= 2 && covered {
            absorbed.push((i, parts));
        }
    }
    let mut drop = Vec::new();
    for (i, parts) in absorbed {
        let extra = events[i].mentions.clone();
        for j in parts {
            for m in &extra {
                if !events[j].mentions.contains(m) {
                    events[j].mentions.push(*m);
                }
            }
            events[j].mentions.sort();
        }
        drop.push(events[i].id.clone());
    }
    events.retain(|e| !drop.contains(&e.id));
}

fn merge_group(kind: Kind, ms: &[MentionRec], idxs: &[usize]) -> Vec<Bucket> {
    let mut buckets: Vec<Bucket> = Vec::new();
    let find_day = |buckets: &Vec<Bucket>, d: NaiveDate| buckets.iter().position(|b| b.date == Some(EventDate::day(d)));
    // 1. Stated or anchored day dates.
    for &i in idxs {
        let m = &ms[i];
        if let Some(d) = m.date.filter(|d| d.precision == Precision::Day) {
            if matches!(
                m.date_source,
                DateSource::Stated | DateSource::Anchored | DateSource::Context
            ) {
                match find_day(&buckets, d.date) {
                    Some(b) => buckets[b].members.push(i),
                    None => buckets.push(Bucket {
                        date: Some(d),
                        members: vec![i],
                    }),
                }
            }
        }
    }
    let stated_days: Vec<NaiveDate> = buckets.iter().filter_map(|b| b.date.map(|d| d.date)).collect();
    // 2. Article-dated mentions.
    for &i in idxs {
        let m = &ms[i];
        if m.date_source != DateSource::Article {
            continue;
        }
        let Some(d) = m.date else { continue };
        if let Some(b) = find_day(&buckets, d.date) {
            buckets[b].members.push(i);
            continue;
        }
        if kind != Kind::Statement {
            let earlier = stated_days
                .iter()
                .filter(|&&s| s < d.date && s >= d.date - Duration::days(7))
                .max();
            if let Some(&s) = earlier {
                if let Some(b) = find_day(&buckets, s) {
                    buckets[b].members.push(i);
                    continue;
                }
            }
        }
        buckets.push(Bucket {
            date: Some(d),
            members: vec![i],
        });
    }
    // 3. Week and month precision.
    for &i in idxs {
        let m = &ms[i];
        let Some(d) = m.date.filter(|d| d.precision != Precision::Day) else {
            continue;
        };
        let inside = buckets
            .iter()
            .enumerate()
            .filter(|(_, b)| {
                b.date
                    .map(|bd| bd.precision == Precision::Day && d.contains(bd.date))
                    .unwrap_or(false)
            })
            .max_by_key(|(_, b)| (b.members.len(), std::cmp::Reverse(b.date)))
            .map(|(k, _)| k);
        match inside.or_else(|| buckets.iter().position(|b| b.date == Some(d))) {
            Some(b) => buckets[b].members.push(i),
            None => buckets.push(Bucket {
                date: Some(d),
                members: vec![i],
            }),
        }
    }
    // 4. Undated.
    let dated_count = buckets.len();
    for &i in idxs {
        let m = &ms[i];
        if m.date.is_some() {
            continue;
        }
        if kind.is_meeting() && dated_count == 1 {
            buckets[0].members.push(i);
            continue;
        }
        match buckets.iter().position(|b| b.date.is_none()) {
            Some(b) => buckets[b].members.push(i),
            None => buckets.push(Bucket {
                date: None,
                members: vec![i],
            }),
        }
    }
    buckets
}

fn build_event(kind: Kind, key: &[String], ms: &[MentionRec], b: Bucket) -> MergedEvent {
    let mut actors: Vec<String> = Vec::new();
    for &i in &b.members {
        for a in &ms[i].actors {
            if !actors.iter().any(|x| **x == **a) {
                actors.push(a.to_string());
            }
        }
    }
    if !kind.is_meeting() {
        // The key actor first.
        if let Some(first) = key.first() {
            actors.retain(|a| a != first);
            actors.insert(0, first.clone());
        }
    } else {
        actors.retain(|a| key.contains(a));
    }
    let status = if b.members.iter().any(|&i| ms[i].status == Status::Held) {
        Status::Held
    } else {
        Status::Planned
    };
    let date_source = b
        .members
        .iter()
        .map(|&i| ms[i].date_source)
        .min_by_key(|s| match s {
            DateSource::Stated => 0,
            DateSource::Anchored => 1,
            DateSource::Context => 2,
            DateSource::Article => 3,
            DateSource::Unknown => 4,
        })
        .unwrap_or(DateSource::Unknown);
    let mut mentions: Vec<i64> = b.members.iter().map(|&i| ms[i].id).collect();
    mentions.sort();
    let mut places: Vec<(&str, usize)> = Vec::new();
    for &i in &b.members {
        if let Some(l) = ms[i].location.as_deref() {
            match places.iter_mut().find(|(p, _)| *p == l) {
                Some(p) => p.1 += 1,
                None => places.push((l, 1)),
            }
        }
    }
    let location = places
        .iter()
        .max_by_key(|(p, n)| (*n, std::cmp::Reverse(*p)))
        .map(|(p, _)| p.to_string());
    MergedEvent {
        id: event_id(kind, b.date, key),
        kind,
        date: b.date,
        date_source,
        status,
        actors,
        mentions,
        location,
    }
}

/// A readable, stable id: `2025-05-19-call-donald-trump-vladimir-putin`.
pub fn event_id(kind: Kind, date: Option<EventDate>, key: &[String]) -> String {
    let when = match date {
        None => "undated".to_string(),
        Some(d) => match d.precision {
            Precision::Day => d.date.format("%Y-%m-%d").to_string(),
            Precision::Week => {
                let w = d.date.iso_week();
                format!("{}-w{:02}", w.year(), w.week())
            }
            Precision::Month => d.date.format("%Y-%m").to_string(),
        },
    };
    let who = if key.len() > 4 {
        let h = fnv1a(key.join("|").as_bytes());
        format!("{}-and-{}-more-{:04x}", key[..3].join("-"), key.len() - 3, h & 0xffff)
    } else {
        key.join("-")
    };
    format!("{when}-{}-{who}", kind.as_str())
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn m(id: i64, kind: Kind, actors: &[&str], date: Option<EventDate>, src: DateSource) -> MentionRec {
        MentionRec {
            id,
            kind,
            actors: actors.iter().map(|s| (*s).into()).collect(),
            date,
            date_source: src,
            status: Status::Held,
            location: None,
            article: format!("a{id}").into(),
            rank: 5,
            gist: format!("gist {id}").into(),
            outlet: None,
        }
    }

    #[test]
    fn the_lead_is_the_most_direct_report_of_the_event_as_it_is() {
        let mut a = m(1, Kind::Call, &["x", "y"], day("2025-05-19"), DateSource::Article);
        let mut b = m(2, Kind::Call, &["x", "y"], day("2025-05-19"), DateSource::Stated);
        let mut c = m(3, Kind::Call, &["x", "y"], day("2025-05-19"), DateSource::Stated);
        a.rank = 8;
        b.rank = 8;
        c.rank = 9;
        c.status = Status::Planned;
        let e = &merge(&[a.clone(), b.clone(), c.clone()])[0];
        assert_eq!(e.status, Status::Held);
        // The planned announcement ranks higher but tells another status;
        // of the two held, the one with a stated date leads.
        assert_eq!(lead(e, [&a, &b, &c]).map(|m| m.id), Some(2));
        b.gist = "".into();
        assert_eq!(lead(e, [&a, &b, &c]).map(|m| m.id), Some(1));
    }

    fn day(s: &str) -> Option<EventDate> {
        Some(EventDate::day(d(s)))
    }

    #[test]
    fn same_call_from_two_articles_is_one_event() {
        let ev = merge(&[
            m(1, Kind::Call, &["a", "b"], day("2025-05-19"), DateSource::Stated),
            m(2, Kind::Call, &["b", "a"], day("2025-05-19"), DateSource::Stated),
        ]);
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].id, "2025-05-19-call-a-b");
        assert_eq!(ev[0].mentions, vec![1, 2]);
    }

    #[test]
    fn different_days_are_different_events() {
        let ev = merge(&[
            m(1, Kind::Call, &["a", "b"], day("2025-05-19"), DateSource::Stated),
            m(2, Kind::Call, &["a", "b"], day("2025-05-12"), DateSource::Stated),
        ]);
        assert_eq!(ev.len(), 2);
    }

    #[test]
    fn article_dated_call_joins_recent_stated_call() {
        let ev = merge(&[
            m(1, Kind::Call, &["a", "b"], day("2025-05-19"), DateSource::Stated),
            m(2, Kind::Call, &["a", "b"], day("2025-05-20"), DateSource::Article),
        ]);
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].date, day("2025-05-19"));
    }

    #[test]
    fn article_dated_statement_stays_on_its_day() {
        let ev = merge(&[
            m(1, Kind::Statement, &["a"], day("2025-05-19"), DateSource::Stated),
            m(2, Kind::Statement, &["a"], day("2025-05-20"), DateSource::Article),
        ]);
        assert_eq!(ev.len(), 2);
    }

    #[test]
    fn statements_by_one_speaker_on_one_day_merge() {
        let ev = merge(&[
            m(1, Kind::Statement, &["a"], day("2025-05-19"), DateSource::Stated),
            m(2, Kind::Statement, &["a"], day("2025-05-19"), DateSource::Article),
        ]);
        assert_eq!(ev.len(), 1);
    }

    #[test]
    fn week_mention_joins_day_event_in_that_week() {
        let ev = merge(&[
            m(1, Kind::Talks, &["r", "u"], day("2025-05-16"), DateSource::Stated),
            m(
                2,
                Kind::Talks,
                &["u", "r"],
                Some(EventDate::week_of(d("2025-05-12"))),
                DateSource::Stated,
            ),
        ]);
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].date, day("2025-05-16"));
    }

    #[test]
    fn week_event_alone_keeps_week_precision_and_id() {
        let ev = merge(&[m(
            1,
            Kind::Demand,
            &["z", "p"],
            Some(EventDate::week_of(d("2025-05-14"))),
            DateSource::Stated,
        )]);
        assert_eq!(ev[0].id, "2025-w20-demand-z");
        assert_eq!(ev[0].actors, vec!["z", "p"]);
    }

    #[test]
    fn planned_and_held_is_held() {
        let mut a = m(1, Kind::Call, &["a", "b"], day("2025-05-19"), DateSource::Stated);
        a.status = Status::Planned;
        let b = m(2, Kind::Call, &["a", "b"], day("2025-05-19"), DateSource::Stated);
        let ev = merge(&[a, b]);
        assert_eq!(ev[0].status, Status::Held);
    }

    #[test]
    fn undated_call_joins_only_dated_one() {
        let ev = merge(&[
            m(1, Kind::Call, &["a", "b"], day("2025-05-19"), DateSource::Stated),
            m(2, Kind::Call, &["a", "b"], None, DateSource::Unknown),
        ]);
        assert_eq!(ev.len(), 1);
    }

    #[test]
    fn announced_three_way_call_is_absorbed_by_the_two_held_calls() {
        let mut planned = m(1, Kind::Call, &["t", "p", "z"], day("2025-05-19"), DateSource::Stated);
        planned.status = Status::Planned;
        let ev = merge(&[
            planned,
            m(2, Kind::Call, &["t", "p"], day("2025-05-19"), DateSource::Stated),
            m(3, Kind::Call, &["t", "z"], day("2025-05-19"), DateSource::Stated),
        ]);
        assert_eq!(ev.len(), 2);
        assert!(ev.iter().all(|e| e.mentions.contains(&1)));
    }

    #[test]
    fn held_three_way_call_stays() {
        let ev = merge(&[
            m(1, Kind::Call, &["t", "p", "z"], day("2025-05-19"), DateSource::Stated),
            m(2, Kind::Call, &["t", "p"], day("2025-05-19"), DateSource::Stated),
            m(3, Kind::Call, &["t", "z"], day("2025-05-19"), DateSource::Stated),
        ]);
        assert_eq!(ev.len(), 3);
    }

    #[test]
    fn long_actor_lists_get_a_short_stable_id() {
        let key: Vec<String> = ["a", "b", "c", "d", "e"].iter().map(|s| s.to_string()).collect();
        let id = event_id(Kind::Call, day("2025-05-19"), &key);
        assert!(id.starts_with("2025-05-19-call-a-b-c-and-2-more-"), "{id}");
        assert_eq!(id, event_id(Kind::Call, day("2025-05-19"), &key));
    }
}

/// A one-line title: "Donald Trump – Vladimir Putin phone call".
pub fn event_title(kind: Kind, names: &[String]) -> String {
    let list = |v: &[String]| -> String {
        if v.len() > 4 {
            format!("{} and {} others", v[..3].join(" – "), v.len() - 3)
        } else {
            v.join(" – ")
        }
    };
    match kind {
        Kind::Call => format!("{} phone call", list(names)),
        Kind::Talks => format!("{} talks", list(names)),
        Kind::Statement => format!(
            "Statement by {}",
            names.first().map(String::as_str).unwrap_or("unknown")
        ),
        Kind::Demand => match names {
            [] => "Demand".to_string(),
            [who] => format!("Demand by {who}"),
            [who, rest @ ..] => format!("Demand by {who} to {}", rest.join(", ")),
        },
    }
}

#[cfg(test)]
mod title_tests {
    use super::*;

    #[test]
    fn titles_read_naturally() {
        let n = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            event_title(Kind::Call, &n(&["Donald Trump", "Vladimir Putin"])),
            "Donald Trump – Vladimir Putin phone call"
        );
        assert_eq!(
            event_title(Kind::Statement, &n(&["Dmitry Peskov"])),
            "Statement by Dmitry Peskov"
        );
        assert_eq!(
            event_title(Kind::Demand, &n(&["Russia", "Ukraine"])),
            "Demand by Russia to Ukraine"
        );
        assert_eq!(
            event_title(Kind::Talks, &n(&["a", "b", "c", "d", "e"])),
            "a – b – c and 2 others talks"
        );
    }
}
