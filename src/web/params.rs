//! Query strings: parsed by hand (repeated keys, precise messages) into a
//! [`Filter`] and a page cursor, and written back for links.

use super::error::AppError;
use crate::model::Kind;
use crate::store::{Cursor, Direction, Filter};
use chrono::NaiveDate;

pub const MAX_ACTORS: usize = 20;
pub const MAX_VALUE: usize = 200;
pub const MAX_QUERY: usize = 16 * 1024;

/// Everything the timeline understands from a query string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineQuery {
    pub filter: Filter,
    pub cursor: Option<(Cursor, Direction)>,
}

fn bad(msg: String) -> AppError {
    AppError::BadRequest(msg)
}

/// Parse `YYYY-MM-DD`, naming the parameter in the error.
pub fn parse_date(name: &str, v: &str) -> Result<NaiveDate, AppError> {
    // Four-digit years only (found by fuzzing: "-025-05-31" parsed as a
    // year before the common era and did not survive a round trip).
    match super::views::parse_iso(v) {
        Some(d) if crate::extract::dates::plausible(d) => Ok(d),
        _ => Err(bad(format!(
            "'{name}' must be a date in the form YYYY-MM-DD (for example 2025-05-19) between the years {} and {}; got '{}'.",
            crate::extract::dates::YEARS.start(),
            crate::extract::dates::YEARS.end(),
            clip(v)
        ))),
    }
}

fn clip(v: &str) -> String {
    if v.chars().count() > 40 {
        format!("{}…", v.chars().take(40).collect::<String>())
    } else {
        v.to_string()
    }
}

fn parse_cursor(v: &str) -> Result<Cursor, AppError> {
    let (key, id) = v
        .split_once('|')
        .ok_or_else(|| bad("the page cursor is malformed; use the next/previous links.".into()))?;
    if key.is_empty() || id.is_empty() || key.len() > 20 || id.len() > 300 {
        return Err(bad("the page cursor is malformed; use the next/previous links.".into()));
    }
    Ok(Cursor {
        sort_key: key.to_string(),
        id: id.to_string(),
    })
}

/// Parse the timeline's query string.
pub fn parse_timeline(raw: Option<&str>) -> Result<TimelineQuery, AppError> {
    let raw = raw.unwrap_or("");
    if raw.len() > MAX_QUERY {
        return Err(bad(format!(
            "the query string is {} bytes; at most {MAX_QUERY} are accepted.",
            raw.len()
        )));
    }
    let mut q = TimelineQuery::default();
    let mut seen_single: Vec<&str> = Vec::new();
    for (k, v) in form_urlencoded::parse(raw.as_bytes()) {
        let v = v.trim();
        // Percent-escapes that are not UTF-8 decode to U+FFFD.
        if k.contains('\u{fffd}') || v.contains('\u{fffd}') {
            return Err(bad(format!(
                "the parameter '{}' is not valid UTF-8 text once decoded.",
                clip(&k)
            )));
        }
        // One value each: a second 'from' would silently win otherwise.
        if let Some(single) = [
            "from", "to", "q", "status", "order", "tag", "starred", "after", "before",
        ]
        .into_iter()
        .find(|s| *s == k)
        {
            if !v.is_empty() {
                if seen_single.contains(&single) {
                    return Err(bad(format!("'{single}' is given more than once; give it once.")));
                }
                seen_single.push(single);
            }
        }
        if v.len() > MAX_VALUE {
            return Err(bad(format!(
                "the value of '{}' is too long ({} bytes; at most {MAX_VALUE}).",
                clip(&k),
                v.len()
            )));
        }
        match k.as_ref() {
            "actor" => {
                if v.is_empty() {
                    continue;
                }
                if !q.filter.actors.iter().any(|a| a == v) {
                    q.filter.actors.push(v.to_string());
                }
                if q.filter.actors.len() > MAX_ACTORS {
                    return Err(bad(format!(
                        "at most {MAX_ACTORS} 'actor' filters are accepted at once."
                    )));
                }
            }
            "kind" => {
                if v.is_empty() {
                    continue;
                }
                let kind = Kind::parse(v).ok_or_else(|| {
                    bad(format!(
                        "'kind' must be one of call, talks, statement, demand; got '{}'.",
                        clip(v)
                    ))
                })?;
                if !q.filter.kinds.contains(&kind) {
                    q.filter.kinds.push(kind);
                }
            }
            "from" if !v.is_empty() => q.filter.from = Some(parse_date("from", v)?),
            "to" if !v.is_empty() => q.filter.to = Some(parse_date("to", v)?),
            "q" if !v.is_empty() => q.filter.q = Some(v.to_string()),
            "status" if !v.is_empty() => {
                q.filter.status = Some(
                    crate::model::Status::parse(v)
                        .ok_or_else(|| bad(format!("'status' must be held or planned; got '{}'.", clip(v))))?,
                )
            }
            "tag" if !v.is_empty() => q.filter.tag = Some(v.to_string()),
            "starred" if !v.is_empty() => {
                q.filter.starred = match v {
                    "1" | "on" | "true" => true,
                    "0" | "false" => false,
                    _ => {
                        return Err(bad(format!(
                            "'starred' is 1 (starred events only) or 0; got '{}'.",
                            clip(v)
                        )))
                    }
                }
            }
            "order" if !v.is_empty() => {
                q.filter.newest = match v {
                    "newest" => true,
                    "oldest" => false,
                    _ => return Err(bad(format!("'order' must be oldest or newest; got '{}'.", clip(v)))),
                }
            }
            "after" if !v.is_empty() => q.cursor = Some((parse_cursor(v)?, Direction::After)),
            "before" if !v.is_empty() => q.cursor = Some((parse_cursor(v)?, Direction::Before)),
            _ => {}
        }
    }
    if seen_single.contains(&"after") && seen_single.contains(&"before") {
        return Err(bad(
            "'after' and 'before' page in opposite directions; give one of them.".into(),
        ));
    }
    if let (Some(f), Some(t)) = (q.filter.from, q.filter.to) {
        if f > t {
            return Err(bad(format!(
                "'from' ({f}) is after 'to' ({t}); swap them or widen the range."
            )));
        }
    }
    q.filter.kinds.sort();
    Ok(q)
}

/// The timeline page's reading of a query string: as `parse_timeline`,
/// but a bad or reversed date range is left out and said in words (the
/// page then shows the rest, with the form as typed), where the API
/// answers 400. Returns the query, the messages, and the dates as typed.
pub fn parse_timeline_for_page(raw: Option<&str>) -> Result<(TimelineQuery, Vec<String>, [String; 2]), AppError> {
    let raw = raw.unwrap_or("");
    if raw.len() > MAX_QUERY {
        return parse_timeline(Some(raw)).map(|q| (q, Vec::new(), Default::default()));
    }
    let mut problems = Vec::new();
    let mut typed: [String; 2] = Default::default();
    let mut dates: [Option<NaiveDate>; 2] = [None, None];
    let mut kept = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(raw.as_bytes()) {
        let at = match k.as_ref() {
            "from" => 0,
            "to" => 1,
            _ => {
                kept.append_pair(&k, &v);
                continue;
            }
        };
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        typed[at] = clip(v);
        match parse_date(&k, v) {
            Ok(d) if dates[at].is_none() => dates[at] = Some(d),
            Ok(_) => problems.push(format!("“{k}” is given more than once; the first is used.")),
            Err(AppError::BadRequest(m)) => problems.push(format!("{m} It is left out.")),
            Err(e) => return Err(e),
        }
    }
    if let [Some(f), Some(t)] = dates {
        if f > t {
            problems.push(format!(
                "“From” ({f}) is after “To” ({t}), so no day is in between: all dates are shown. Swap them or widen the range."
            ));
            dates = [None, None];
        }
    }
    let mut q = parse_timeline(Some(&kept.finish()))?;
    q.filter.from = dates[0];
    q.filter.to = dates[1];
    Ok((q, problems, typed))
}

/// The query string for `f` (and optionally a cursor), in a stable order.
pub fn to_query(f: &Filter, cursor: Option<(&Cursor, Direction)>) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for a in &f.actors {
        s.append_pair("actor", a);
    }
    for k in &f.kinds {
        s.append_pair("kind", k.as_str());
    }
    if let Some(d) = f.from {
        s.append_pair("from", &d.to_string());
    }
    if let Some(d) = f.to {
        s.append_pair("to", &d.to_string());
    }
    if let Some(q) = &f.q {
        s.append_pair("q", q);
    }
    if let Some(st) = f.status {
        s.append_pair("status", st.as_str());
    }
    if let Some(t) = &f.tag {
        s.append_pair("tag", t);
    }
    if f.starred {
        s.append_pair("starred", "1");
    }
    if f.newest {
        s.append_pair("order", "newest");
    }
    if let Some((c, dir)) = cursor {
        let key = match dir {
            Direction::After => "after",
            Direction::Before => "before",
        };
        s.append_pair(key, &format!("{}|{}", c.sort_key, c.id));
    }
    s.finish()
}

/// One change to a filter, as a page's links make them: a facet adds or
/// removes one actor or kind, a removal link drops one part, a histogram
/// bar narrows the dates to its span.
#[derive(Debug, Clone, Copy)]
pub enum Change<'a> {
    Same,
    Range(NaiveDate, NaiveDate),
    AddActor(&'a str),
    RemoveActor(&'a str),
    AddKind(Kind),
    RemoveKind(Kind),
    NoFrom,
    NoTo,
    NoText,
    NoStatus,
    NoTag,
    NoStarred,
}

impl Change<'_> {
    /// The change made to a filter (what the link leads to).
    pub fn apply(self, f: &mut Filter) {
        match self {
            Change::Same => {}
            Change::Range(from, to) => {
                f.from = Some(from);
                f.to = Some(to);
            }
            Change::AddActor(a) => f.actors.push(a.to_string()),
            Change::RemoveActor(a) => f.actors.retain(|x| x != a),
            Change::AddKind(k) => {
                f.kinds.push(k);
                f.kinds.sort();
            }
            Change::RemoveKind(k) => f.kinds.retain(|x| *x != k),
            Change::NoFrom => f.from = None,
            Change::NoTo => f.to = None,
            Change::NoText => f.q = None,
            Change::NoStatus => f.status = None,
            Change::NoTag => f.tag = None,
            Change::NoStarred => f.starred = false,
        }
    }
}

/// Links to the timeline under a filter changed a little, as a page's
/// facets, removal links and histogram bars need (one per actor, kind or
/// bar): the same text
/// as `href("/", &to_query(..))` of the changed filter, with the filter's
/// values encoded once instead of per link.
pub struct FilterLinks<'a> {
    f: &'a Filter,
    /// The filter's actors, encoded.
    actors: Vec<String>,
    from: Option<String>,
    to: Option<String>,
    /// The words, encoded.
    q: Option<String>,
}

fn encoded(v: &str) -> String {
    form_urlencoded::byte_serialize(v.as_bytes()).collect()
}

impl<'a> FilterLinks<'a> {
    pub fn new(f: &'a Filter) -> FilterLinks<'a> {
        FilterLinks {
            f,
            actors: f.actors.iter().map(|a| encoded(a)).collect(),
            from: f.from.map(|d| d.to_string()),
            to: f.to.map(|d| d.to_string()),
            q: f.q.as_deref().map(encoded),
        }
    }

    /// `href("/", &to_query(g, None))` of the filter `g` that `change`
    /// makes of this one.
    pub fn href(&self, change: Change<'_>) -> String {
        use std::fmt::Write;
        let mut out = String::with_capacity(64);
        out.push('/');
        let mut first = true;
        let mut pair = |out: &mut String, key: &str, value: &str| {
            out.push(if first { '?' } else { '&' });
            first = false;
            out.push_str(key);
            out.push('=');
            out.push_str(value);
        };
        for (id, enc) in self.f.actors.iter().zip(&self.actors) {
            if !matches!(change, Change::RemoveActor(a) if a == id) {
                pair(&mut out, "actor", enc);
            }
        }
        if let Change::AddActor(a) = change {
            pair(&mut out, "actor", &encoded(a));
        }
        match change {
            Change::AddKind(_) | Change::RemoveKind(_) => {
                let mut g = Filter {
                    kinds: self.f.kinds.clone(),
                    ..Filter::default()
                };
                change.apply(&mut g);
                for k in &g.kinds {
                    pair(&mut out, "kind", k.as_str());
                }
            }
            _ => {
                for k in &self.f.kinds {
                    pair(&mut out, "kind", k.as_str());
                }
            }
        }
        if let Change::Range(from, to) = change {
            // The dates written after "from=" as they come (no String each:
            // a histogram links every bar).
            pair(&mut out, "from", "");
            let _ = write!(out, "{from}&to={to}");
        } else {
            if let Some(d) = self.from.as_deref().filter(|_| !matches!(change, Change::NoFrom)) {
                pair(&mut out, "from", d);
            }
            if let Some(d) = self.to.as_deref().filter(|_| !matches!(change, Change::NoTo)) {
                pair(&mut out, "to", d);
            }
        }
        if let Some(q) = self.q.as_deref().filter(|_| !matches!(change, Change::NoText)) {
            pair(&mut out, "q", q);
        }
        if let Some(st) = self.f.status.filter(|_| !matches!(change, Change::NoStatus)) {
            pair(&mut out, "status", st.as_str());
        }
        if let Some(t) = self.f.tag.as_deref().filter(|_| !matches!(change, Change::NoTag)) {
            pair(&mut out, "tag", &encoded(t));
        }
        if self.f.starred && !matches!(change, Change::NoStarred) {
            pair(&mut out, "starred", "1");
        }
        if self.f.newest {
            pair(&mut out, "order", "newest");
        }
        out
    }
}

/// `path?query`, or just `path` when the query is empty.
pub fn href(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_links_read_as_the_narrowed_filter_does() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let filters = [
            Filter::default(),
            parse_timeline(Some(
                "actor=a-b&actor=c&kind=call&from=2025-01-01&to=2025-12-31&q=a%26b+%22c%22",
            ))
            .unwrap()
            .filter,
            parse_timeline(Some("q=x")).unwrap().filter,
            parse_timeline(Some("kind=talks&to=2025-02-01")).unwrap().filter,
            parse_timeline(Some("actor=a&status=planned&q=x")).unwrap().filter,
        ];
        for f in filters {
            let links = FilterLinks::new(&f);
            let narrowed = Filter {
                from: Some(d("2025-03-03")),
                to: Some(d("2025-03-09")),
                ..f.clone()
            };
            assert_eq!(
                links.href(Change::Range(d("2025-03-03"), d("2025-03-09"))),
                href("/", &to_query(&narrowed, None)),
                "{f:?}"
            );
        }
    }

    #[test]
    fn filter_links_read_as_the_changed_filter_does() {
        let mut unsorted = parse_timeline(Some("actor=x")).unwrap().filter;
        unsorted.kinds = vec![Kind::Demand, Kind::Call];
        let filters = [
            Filter::default(),
            parse_timeline(Some(
                "actor=a-b&actor=c%20d&kind=call&kind=demand&from=2025-01-01&to=2025-12-31&q=a%26b+%22c%22",
            ))
            .unwrap()
            .filter,
            parse_timeline(Some("kind=talks&q=x")).unwrap().filter,
            parse_timeline(Some("from=2024-02-29")).unwrap().filter,
            unsorted,
        ];
        for f in &filters {
            let links = FilterLinks::new(f);
            let mut changes = vec![
                Change::Same,
                Change::Range(
                    NaiveDate::from_ymd_opt(2024, 2, 1).unwrap(),
                    NaiveDate::from_ymd_opt(2024, 2, 29).unwrap(),
                ),
                Change::AddActor("new-one"),
                Change::AddActor("ä&b"),
                Change::NoFrom,
                Change::NoTo,
                Change::NoText,
            ];
            changes.extend(f.actors.iter().map(|a| Change::RemoveActor(a)));
            for k in Kind::ALL {
                changes.push(Change::AddKind(k));
                changes.push(Change::RemoveKind(k));
            }
            for c in changes {
                let mut g = f.clone();
                c.apply(&mut g);
                assert_eq!(links.href(c), href("/", &to_query(&g, None)), "{f:?} {c:?}");
            }
        }
    }

    #[test]
    fn parses_repeated_filters() {
        let q = parse_timeline(Some(
            "actor=a&actor=b&kind=call&kind=talks&from=2025-05-01&to=2025-05-31&q=x",
        ))
        .unwrap();
        assert_eq!(q.filter.actors, vec!["a", "b"]);
        assert_eq!(q.filter.kinds, vec![Kind::Call, Kind::Talks]);
        assert_eq!(q.filter.from.unwrap().to_string(), "2025-05-01");
    }

    #[test]
    fn empty_form_fields_are_no_filter() {
        let q = parse_timeline(Some("actor=&kind=&from=&to=&q=")).unwrap();
        assert_eq!(q, TimelineQuery::default());
    }

    #[test]
    fn bad_date_names_the_form() {
        let e = parse_timeline(Some("from=2025-13-45")).unwrap_err();
        assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
    }

    #[test]
    fn bad_kind_lists_the_kinds() {
        let e = parse_timeline(Some("kind=bogus")).unwrap_err();
        assert!(e.to_string().contains("call, talks, statement, demand"));
    }

    #[test]
    fn reversed_range_is_refused() {
        assert!(parse_timeline(Some("from=2025-06-01&to=2025-05-01")).is_err());
    }

    #[test]
    fn too_many_actors_is_refused() {
        let qs: Vec<String> = (0..1000).map(|i| format!("actor=a{i}")).collect();
        assert!(parse_timeline(Some(&qs.join("&"))).is_err());
    }

    fn message(qs: &str) -> String {
        match parse_timeline(Some(qs)) {
            Err(AppError::BadRequest(m)) => m,
            other => panic!("{qs}: {other:?}"),
        }
    }

    #[test]
    fn single_valued_parameters_given_twice_are_refused() {
        assert!(message("from=2025-01-01&from=2025-02-01").contains("'from' is given more than once"));
        assert!(message("q=a&q=b").contains("'q'"));
    }

    #[test]
    fn an_empty_repeat_is_no_repeat() {
        assert!(parse_timeline(Some("from=&from=2025-02-01")).is_ok());
    }

    #[test]
    fn paging_both_ways_is_refused() {
        let c = "2025-01-01%7Ce";
        assert!(message(&format!("after={c}&before={c}")).contains("'after' and 'before'"));
    }

    #[test]
    fn escapes_that_are_not_utf8_are_refused() {
        assert!(message("actor=%ff%fe").contains("not valid UTF-8"));
    }

    #[test]
    fn dates_have_four_digit_years() {
        for bad in ["-025-05-31", "0999-01-01", "+2025-1-01"] {
            assert!(message(&format!("to={bad}")).contains("YYYY-MM-DD"), "{bad}");
        }
    }

    #[test]
    fn round_trips() {
        let q = parse_timeline(Some("actor=a&kind=call&from=2025-05-01")).unwrap();
        assert_eq!(parse_timeline(Some(&to_query(&q.filter, None))).unwrap(), q);
    }
}
