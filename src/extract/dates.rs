//! Resolving dates: time expressions in a sentence, first as unresolved
//! values ("last-friday", "week-minus-1"), then resolved against the
//! article's date and the tense of the verb they go with — the two-step
//! approach of rule-based normalisers such as HeidelTime.

use crate::extract::text::Token;
use crate::extract::text::WordSet;
use crate::model::EventDate;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Tense of the verb that governs an event, used to pick the direction of
/// "on Friday".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
}

/// Qualifier of a weekday or month name: "last Friday", "next Tuesday".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qual {
    None,
    Last,
    Next,
    This,
}

/// A time expression before resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeValue {
    /// Days from the anchor: today 0, yesterday -1, tomorrow +1.
    Offset(i64),
    /// Days from the date the narrative last gave ("two days later", "the
    /// next day", "the day before"); resolved against that date.
    Narrative(i64),
    Weekday(Weekday, Qual),
    DayMonth {
        day: u32,
        month: u32,
        year: Option<i32>,
    },
    /// Weeks from the anchor's week: last week -1, this week 0.
    WeekRel(i64),
    Month {
        month: u32,
        year: Option<i32>,
        qual: Qual,
    },
    /// Months from the anchor's month.
    MonthRel(i64),
}

/// A time expression found at a token range of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeExpr {
    pub start: usize,
    pub end: usize,
    pub value: TimeValue,
}

/// Weekday names, matched per token (a `match` compiles to a few byte
/// comparisons; a scan of a list did not).
fn weekday(norm: &str) -> Option<Weekday> {
    Some(match norm {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// Month names and their abbreviations; `full` tells a full name ("may"
/// included) from an abbreviation ("mar", "sept").
fn month_name(norm: &str) -> Option<(u32, bool)> {
    Some(match norm {
        "january" => (1, true),
        "jan" => (1, false),
        "february" => (2, true),
        "feb" => (2, false),
        "march" => (3, true),
        "mar" => (3, false),
        "april" => (4, true),
        "apr" => (4, false),
        "may" => (5, true),
        "june" => (6, true),
        "jun" => (6, false),
        "july" => (7, true),
        "jul" => (7, false),
        "august" => (8, true),
        "aug" => (8, false),
        "september" => (9, true),
        "sep" | "sept" => (9, false),
        "october" => (10, true),
        "oct" => (10, false),
        "november" => (11, true),
        "nov" => (11, false),
        "december" => (12, true),
        "dec" => (12, false),
        _ => return None,
    })
}

const NUMBER_WORDS: &[(&str, i64)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
];

/// A weekday or a full month name ("friday", "may").
pub fn is_calendar_word(w: &str) -> bool {
    // Full month names only: not abbreviations such as "mar" or "sept".
    weekday(w).is_some() || month_name(w).is_some_and(|(_, full)| full)
}

fn month(t: &Token) -> Option<u32> {
    if !t.cap {
        return None;
    }
    month_name(&t.norm).map(|(m, _)| m)
}

/// A number, in digits or in words ("two", "a"): "two days after" counts.
pub fn is_count(norm: &str) -> bool {
    number(norm).is_some()
}

fn number(norm: &str) -> Option<i64> {
    norm.parse::<i64>()
        .ok()
        .or_else(|| NUMBER_WORDS.iter().find(|(n, _)| *n == norm).map(|(_, v)| *v))
}

fn day_number(t: &Token) -> Option<u32> {
    let n = t.norm.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if n.is_empty() || n.len() > 2 || !n.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let suffix = &t.norm[n.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    n.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(t: &Token) -> Option<i32> {
    if t.norm.len() == 4 && t.norm.chars().all(|c| c.is_ascii_digit()) {
        t.norm.parse().ok().filter(|y| (1900..=2200).contains(y))
    } else {
        None
    }
}

fn norm(toks: &[Token], i: usize) -> &str {
    toks.get(i).map(|t| t.norm.as_str()).unwrap_or("")
}

/// Find every time expression in a sentence's tokens.
pub fn find_time_exprs(toks: &[Token]) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match match_at(toks, i) {
            Some(e) => {
                i = e.end;
                out.push(e);
            }
            None => i += 1,
        }
    }
    out
}

fn expr(start: usize, end: usize, value: TimeValue) -> Option<TimeExpr> {
    Some(TimeExpr { start, end, value })
}

/// Words that can begin a time expression (besides numbers and
/// capitalised weekday and month names).
static STARTERS: WordSet = WordSet::new(&[
    "straight",
    "right",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "this",
    "last",
    "the",
    "earlier",
    "later",
    "early",
    "late",
    "next",
    "coming",
    "a",
    "an",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
]);

fn match_at(toks: &[Token], i: usize) -> Option<TimeExpr> {
    let t = &toks[i];
    if !t.word
        || !(t.cap
            || t.norm.as_bytes().first().is_some_and(u8::is_ascii_digit)
            || STARTERS.contains(t.norm.as_str())
            || weekday(&t.norm).is_some())
    {
        return None;
    }
    let w = norm(toks, i);
    let n1 = norm(toks, i + 1);
    let n2 = norm(toks, i + 2);
    match w {
        "today" | "tonight" => return expr(i, i + 1, TimeValue::Offset(0)),
        // "would call him straight away": on the day it was said.
        "straight" | "right" if n1 == "away" => return expr(i, i + 2, TimeValue::Offset(0)),
        "yesterday" => return expr(i, i + 1, TimeValue::Offset(-1)),
        "tomorrow" => return expr(i, i + 1, TimeValue::Offset(1)),
        "this" if matches!(n1, "morning" | "afternoon" | "evening") => return expr(i, i + 2, TimeValue::Offset(0)),
        "last" if matches!(n1, "night" | "evening") => return expr(i, i + 2, TimeValue::Offset(-1)),
        "the" if n1 == "day" && n2 == "before" => return expr(i, i + 3, TimeValue::Narrative(-1)),
        "the" if n1 == "previous" && n2 == "day" => return expr(i, i + 3, TimeValue::Narrative(-1)),
        "the" if matches!(n1, "next" | "following") && n2 == "day" => return expr(i, i + 3, TimeValue::Narrative(1)),
        "the" if n1 == "day" && n2 == "after" => return expr(i, i + 3, TimeValue::Narrative(1)),
        "earlier" | "later" if n1 == "this" && matches!(n2, "week" | "month") => {
            let v = if n2 == "week" {
                TimeValue::WeekRel(0)
            } else {
                TimeValue::MonthRel(0)
            };
            return expr(i, i + 3, v);
        }
        "earlier" | "later" if n1 == "in" && n2 == "the" && norm(toks, i + 3) == "week" => {
            return expr(i, i + 4, TimeValue::WeekRel(0))
        }
        "early" | "late" if matches!(n1, "next" | "last" | "this") && matches!(n2, "week" | "month") => {
            return rel_period(i, i + 3, n1, n2);
        }
        "last" | "next" | "this" if matches!(n1, "week" | "month") => return rel_period(i, i + 2, w, n1),
        _ => {}
    }
    // "three days ago", "two weeks ago", "two weeks later", "a day earlier"
    if let Some(n) = number(w) {
        let unit = match n1 {
            "day" | "days" => Some(1),
            "week" | "weeks" => Some(7),
            _ => None,
        };
        if let Some(u) = unit {
            match n2 {
                "later" | "after" => return expr(i, i + 3, TimeValue::Narrative(n * u)),
                "earlier" | "before" => return expr(i, i + 3, TimeValue::Narrative(-n * u)),
                _ => {}
            }
        }
        if matches!(n1, "days" | "day") && n2 == "ago" {
            return expr(i, i + 3, TimeValue::Offset(-n));
        }
        if matches!(n1, "weeks" | "week") && n2 == "ago" {
            return expr(i, i + 3, TimeValue::WeekRel(-n));
        }
    }
    // Weekdays with an optional qualifier and part of day.
    let (qual, wi) = match w {
        "last" => (Qual::Last, i + 1),
        "next" => (Qual::Next, i + 1),
        "this" | "coming" => (Qual::This, i + 1),
        _ => (Qual::None, i),
    };
    if let Some(wd) = weekday(norm(toks, wi)) {
        let mut end = wi + 1;
        if matches!(norm(toks, end), "morning" | "afternoon" | "evening" | "night") {
            end += 1;
        }
        return expr(i, end, TimeValue::Weekday(wd, qual));
    }
    // "19 May 2025", "19 May"
    if let Some(day) = toks.get(i).and_then(day_number) {
        if let Some(m) = toks.get(i + 1).and_then(month) {
            let mut end = i + 2;
            if norm(toks, end) == "." {
                end += 1;
            }
            let year = toks.get(end).and_then(year_number);
            if year.is_some() {
                end += 1;
            }
            return expr(i, end, TimeValue::DayMonth { day, month: m, year });
        }
    }
    // "May 17", "May 17, 2025"; "in January", "January 2025"
    if let Some(m) = toks.get(i).and_then(month) {
        let mut j = i + 1;
        if norm(toks, j) == "." {
            j += 1;
        }
        if let Some(day) = toks.get(j).and_then(day_number) {
            let mut end = j + 1;
            let mut year = None;
            if norm(toks, end) == "," {
                if let Some(y) = toks.get(end + 1).and_then(year_number) {
                    year = Some(y);
                    end += 2;
                }
            } else if let Some(y) = toks.get(end).and_then(year_number) {
                year = Some(y);
                end += 1;
            }
            return expr(i, end, TimeValue::DayMonth { day, month: m, year });
        }
        if let Some(y) = toks.get(j).and_then(year_number) {
            return expr(
                i,
                j + 1,
                TimeValue::Month {
                    month: m,
                    year: Some(y),
                    qual: Qual::None,
                },
            );
        }
        let prev = if i > 0 { norm(toks, i - 1) } else { "" };
        if matches!(prev, "in" | "since" | "during" | "until" | "early" | "late" | "mid") {
            return expr(
                i,
                j,
                TimeValue::Month {
                    month: m,
                    year: None,
                    qual: Qual::None,
                },
            );
        }
    }
    if matches!(w, "last" | "next" | "this") {
        if let Some(m) = toks.get(i + 1).and_then(month) {
            let q = match w {
                "last" => Qual::Last,
                "next" => Qual::Next,
                _ => Qual::This,
            };
            return expr(
                i,
                i + 2,
                TimeValue::Month {
                    month: m,
                    year: None,
                    qual: q,
                },
            );
        }
    }
    // ISO dates: 2025-05-17
    if let Some(y) = toks.get(i).and_then(year_number) {
        if n1 == "-" && norm(toks, i + 3) == "-" {
            let m: Option<u32> = n2.parse().ok();
            let d: Option<u32> = norm(toks, i + 4).parse().ok();
            if let (Some(m), Some(d)) = (m, d) {
                if NaiveDate::from_ymd_opt(y, m, d).is_some() {
                    return expr(
                        i,
                        i + 5,
                        TimeValue::DayMonth {
                            day: d,
                            month: m,
                            year: Some(y),
                        },
                    );
                }
            }
        }
    }
    None
}

fn rel_period(start: usize, end: usize, which: &str, unit: &str) -> Option<TimeExpr> {
    let n = match which {
        "last" => -1,
        "next" => 1,
        _ => 0,
    };
    let v = if unit == "week" {
        TimeValue::WeekRel(n)
    } else {
        TimeValue::MonthRel(n)
    };
    expr(start, end, v)
}

/// Years a date may have: what news reports about, with room on both
/// sides. Outside them a "date" is a misread number, and date arithmetic
/// near the calendar's ends could overflow.
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// Whether a date lies in `YEARS`.
pub fn plausible(d: NaiveDate) -> bool {
    YEARS.contains(&d.year())
}

/// `anchor` moved by `days`, if that stays a plausible date.
fn shift(anchor: NaiveDate, days: i64) -> Option<NaiveDate> {
    anchor
        .checked_add_signed(Duration::try_days(days)?)
        .filter(|d| plausible(*d))
}

/// Resolve a time value against an anchor date (the article's date).
/// None when the result would not be a plausible date (see `YEARS`).
pub fn resolve(value: TimeValue, anchor: NaiveDate, tense: Tense) -> Option<EventDate> {
    if !plausible(anchor) {
        return None;
    }
    let resolved = resolve_plausible(value, anchor, tense)?;
    (plausible(resolved.date) && plausible(resolved.end())).then_some(resolved)
}

fn resolve_plausible(value: TimeValue, anchor: NaiveDate, tense: Tense) -> Option<EventDate> {
    match value {
        TimeValue::Offset(n) | TimeValue::Narrative(n) => shift(anchor, n).map(EventDate::day),
        TimeValue::Weekday(wd, qual) => {
            let a = anchor.weekday().num_days_from_monday() as i64;
            let w = wd.num_days_from_monday() as i64;
            let back = (a - w).rem_euclid(7); // days back to the same or previous `wd`
            let fwd = (w - a).rem_euclid(7); // days forward to the same or next `wd`
            let offset = match qual {
                Qual::Last => -(if back == 0 { 7 } else { back }),
                Qual::Next => {
                    if fwd == 0 {
                        7
                    } else {
                        fwd
                    }
                }
                Qual::This | Qual::None => match tense {
                    Tense::Future => fwd,
                    Tense::Past | Tense::Present => -back,
                },
            };
            shift(anchor, offset).map(EventDate::day)
        }
        TimeValue::DayMonth { day, month, year } => {
            if let Some(y) = year {
                return NaiveDate::from_ymd_opt(y, month, day)
                    .filter(|d| plausible(*d))
                    .map(EventDate::day);
            }
            let mut best: Option<NaiveDate> = None;
            for y in [anchor.year() - 1, anchor.year(), anchor.year() + 1] {
                if let Some(d) = NaiveDate::from_ymd_opt(y, month, day) {
                    let dist = (d - anchor).num_days();
                    let fits = match tense {
                        Tense::Past => dist <= 31,
                        Tense::Future => dist >= -31,
                        Tense::Present => true,
                    };
                    if !fits {
                        continue;
                    }
                    if best.map(|b| dist.abs() < (b - anchor).num_days().abs()).unwrap_or(true) {
                        best = Some(d);
                    }
                }
            }
            best.map(EventDate::day)
        }
        TimeValue::WeekRel(n) => shift(anchor, n.checked_mul(7)?).map(EventDate::week_of),
        TimeValue::Month { month, year, qual } => {
            let y = match year {
                Some(y) => y,
                None => {
                    let am = anchor.month();
                    match (qual, tense) {
                        (Qual::Last, _) => {
                            if month >= am {
                                anchor.year() - 1
                            } else {
                                anchor.year()
                            }
                        }
                        (Qual::Next, _) | (_, Tense::Future) => {
                            if month < am || (qual == Qual::Next && month == am) {
                                anchor.year() + 1
                            } else {
                                anchor.year()
                            }
                        }
                        _ => {
                            if month > am {
                                anchor.year() - 1
                            } else {
                                anchor.year()
                            }
                        }
                    }
                }
            };
            NaiveDate::from_ymd_opt(y, month, 1).map(EventDate::month_of)
        }
        TimeValue::MonthRel(n) => {
            let total = (anchor.year() as i64 * 12 + anchor.month0() as i64).checked_add(n)?;
            let y = i32::try_from(total.div_euclid(12)).ok()?;
            let m = total.rem_euclid(12) as u32 + 1;
            NaiveDate::from_ymd_opt(y, m, 1).map(EventDate::month_of)
        }
    }
}

/// How an article's publication date was found.
pub const INFERRED_TODAY_WITH_DATE: &str = "an explicit date in a sentence that says \"today\"";
pub const INFERRED_OWN_FULL_DATE: &str =
    "the latest full date the text gives as its own (a dateline, a caption, a time stamp, a date with its weekday)";
pub const INFERRED_WEEKDAY_YEAR: &str =
    "a weekday with a day and month and no year: the latest year, up to the day it was read, when that day fell on that weekday";
pub const INFERRED_WEEKDAY_AFTER_DATE: &str =
    "the weekday the text calls \"today\", on or after the latest explicit date in the text";

/// Infer an undated article's publication date from its own text:
/// (1) a sentence with "today" and a full date; (2) "today" plus the
/// weekday the text talks about most, placed on or after the latest full
/// date the text gives. Returns the date and how it was inferred.
pub fn infer_publication_date(tokens: &[Vec<Token>], sentences: &[Vec<TimeExpr>]) -> Option<(NaiveDate, &'static str)> {
    today_rules(sentences).or_else(|| own_full_date(tokens, sentences).map(|d| (d, INFERRED_OWN_FULL_DATE)))
}

/// The latest full date (day, month and year) that the text gives as a date
/// of its own: a dateline or stamp opening its line ("Beijing, 6 November
/// 2023", "UPDATED on 2024-01-26"), a caption or a line holding little
/// else, or a date with its weekday ("Friday, June 27, 2025"). A full date
/// inside a sentence about something else ("the previous call, on 11
/// September 2022") is background, not the article's date.
fn own_full_date(tokens: &[Vec<Token>], sentences: &[Vec<TimeExpr>]) -> Option<NaiveDate> {
    let mut best: Option<NaiveDate> = None;
    for (toks, exprs) in tokens.iter().zip(sentences) {
        let words = toks.iter().filter(|t| t.word).count();
        for (n, e) in exprs.iter().enumerate() {
            let TimeValue::DayMonth {
                day,
                month,
                year: Some(y),
            } = e.value
            else {
                continue;
            };
            let Some(d) = NaiveDate::from_ymd_opt(y, month, day) else {
                continue;
            };
            let opens = toks[..e.start].iter().filter(|t| t.word).count() <= 3;
            let short = words <= 10;
            let with_weekday = n > 0
                && matches!(exprs[n - 1].value, TimeValue::Weekday(_, Qual::None))
                && toks[exprs[n - 1].end..e.start].iter().all(|t| t.norm == ",");
            let stamp = toks[e.start.saturating_sub(3)..e.start].iter().any(|t| {
                matches!(
                    t.norm.as_str(),
                    "updated" | "published" | "posted" | "dated" | "modified"
                )
            });
            if opens || short || with_weekday || stamp {
                best = best.max(Some(d));
            }
        }
    }
    best
}

/// "Friday, February 28" with no year: the latest year, up to `not_after`
/// (the day the article is read), in which that day falls on that weekday.
/// A guess of last resort for an article with no date at all, recorded as
/// such; weekdays repeat on a date every 5-11 years, so an article read
/// within a few years of its writing gets its year right.
pub fn weekday_year_date(sentences: &[Vec<TimeExpr>], not_after: NaiveDate) -> Option<NaiveDate> {
    let mut best: Option<NaiveDate> = None;
    for exprs in sentences {
        for pair in exprs.windows(2) {
            let (TimeValue::Weekday(wd, Qual::None), TimeValue::DayMonth { day, month, year: None }) =
                (pair[0].value, pair[1].value)
            else {
                continue;
            };
            if pair[1].start > pair[0].end + 1 {
                continue;
            }
            let found = (0..30)
                .filter_map(|back| NaiveDate::from_ymd_opt(not_after.year() - back, month, day))
                .find(|d| *d <= not_after && d.weekday() == wd);
            best = best.max(found);
        }
    }
    best
}

/// The rules that need the text to say "today".
fn today_rules(sentences: &[Vec<TimeExpr>]) -> Option<(NaiveDate, &'static str)> {
    let mut full_dates = Vec::new();
    let mut says_today = false;
    let mut weekday_counts = [0usize; 7];
    for exprs in sentences {
        let today_here = exprs.iter().any(|e| e.value == TimeValue::Offset(0));
        says_today |= today_here;
        for e in exprs {
            match e.value {
                TimeValue::DayMonth {
                    day,
                    month,
                    year: Some(y),
                } => {
                    if let Some(d) = NaiveDate::from_ymd_opt(y, month, day) {
                        if today_here {
                            return Some((d, INFERRED_TODAY_WITH_DATE));
                        }
                        full_dates.push(d);
                    }
                }
                TimeValue::Weekday(wd, Qual::None | Qual::This) => {
                    weekday_counts[wd.num_days_from_monday() as usize] += 1;
                }
                _ => {}
            }
        }
    }
    if !says_today {
        return None;
    }
    let latest = full_dates.into_iter().max()?;
    let (best, count) = weekday_counts
        .iter()
        .enumerate()
        .max_by_key(|(i, c)| (**c, std::cmp::Reverse(*i)))?;
    if *count == 0 {
        return None;
    }
    let a = latest.weekday().num_days_from_monday() as i64;
    let fwd = (best as i64 - a).rem_euclid(7);
    Some((latest + Duration::days(fwd), INFERRED_WEEKDAY_AFTER_DATE))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::tokenize;
    use crate::model::Precision;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Resolve the first time expression of `sentence` against `anchor`.
    fn check(sentence: &str, anchor: &str, tense: Tense, expected: Option<(&str, Precision)>) {
        let toks = tokenize(sentence, 0, sentence.len());
        let exprs = find_time_exprs(&toks);
        let got = exprs.first().and_then(|e| resolve(e.value, d(anchor), tense));
        let want = expected.map(|(s, p)| EventDate {
            date: d(s),
            precision: p,
        });
        assert_eq!(got, want, "{sentence:?} against {anchor}");
    }

    use Precision::{Day, Month, Week};
    use Tense::{Future, Past, Present};

    // Found by tests/properties.rs: each once panicked.
    #[test]
    fn a_word_that_folds_to_nothing_is_no_time() {
        check("𢊝", "2025-05-20", Past, None);
    }

    #[test]
    fn an_absurd_number_of_days_is_no_date() {
        check("99999999999 days ago", "2025-05-20", Past, None);
        assert_eq!(resolve(TimeValue::Offset(13_756_959), d("2025-05-20"), Past), None);
        assert_eq!(resolve(TimeValue::WeekRel(i64::MAX), d("2025-05-20"), Past), None);
        assert_eq!(resolve(TimeValue::MonthRel(i64::MAX), d("2025-05-20"), Past), None);
    }

    #[test]
    fn an_anchor_outside_the_plausible_years_gives_no_date() {
        assert_eq!(resolve(TimeValue::Offset(-1), d("0000-01-01"), Past), None);
    }

    #[test]
    fn straight_away_is_the_day_it_was_said() {
        check(
            "He would call her straight away",
            "2025-05-20",
            Future,
            Some(("2025-05-20", Day)),
        );
        check(
            "They will meet right away",
            "2025-05-21",
            Future,
            Some(("2025-05-21", Day)),
        );
        check("Turn right at the gate", "2025-05-21", Past, None);
    }

    #[test]
    fn yesterday() {
        check("They spoke yesterday.", "2025-05-20", Past, Some(("2025-05-19", Day)));
    }
    #[test]
    fn last_night() {
        check("He called last night.", "2025-05-20", Past, Some(("2025-05-19", Day)));
    }
    #[test]
    fn today_and_tonight() {
        check(
            "Talks take place today.",
            "2025-05-19",
            Future,
            Some(("2025-05-19", Day)),
        );
        check("He speaks tonight.", "2025-05-19", Future, Some(("2025-05-19", Day)));
    }
    #[test]
    fn this_morning() {
        check("She said this morning.", "2025-05-19", Past, Some(("2025-05-19", Day)));
    }
    #[test]
    fn tomorrow() {
        check("They meet tomorrow.", "2025-05-19", Future, Some(("2025-05-20", Day)));
    }
    #[test]
    fn the_day_before() {
        check(
            "He had spoken the day before.",
            "2025-05-19",
            Past,
            Some(("2025-05-18", Day)),
        );
    }
    #[test]
    fn past_weekday_goes_back() {
        check("They met on Friday.", "2025-05-17", Past, Some(("2025-05-16", Day)));
    }
    #[test]
    fn past_weekday_same_day_is_today() {
        check("Peskov said on Monday.", "2025-05-19", Past, Some(("2025-05-19", Day)));
    }
    #[test]
    fn future_weekday_goes_forward() {
        check(
            "He will speak on Monday.",
            "2025-05-17",
            Future,
            Some(("2025-05-19", Day)),
        );
    }
    #[test]
    fn future_weekday_same_day_is_today() {
        check(
            "He will speak on Monday.",
            "2025-05-19",
            Future,
            Some(("2025-05-19", Day)),
        );
    }
    #[test]
    fn last_weekday_is_strictly_before() {
        check(
            "They met last Monday.",
            "2025-05-19",
            Present,
            Some(("2025-05-12", Day)),
        );
    }
    #[test]
    fn next_weekday_is_strictly_after() {
        check(
            "They meet next Tuesday.",
            "2025-05-19",
            Present,
            Some(("2025-05-20", Day)),
        );
    }
    #[test]
    fn possessive_weekday() {
        check("Friday's talks ended.", "2025-05-19", Past, Some(("2025-05-16", Day)));
    }
    #[test]
    fn weekday_with_part_of_day() {
        check(
            "On Monday morning the Kremlin spoke.",
            "2025-05-19",
            Past,
            Some(("2025-05-19", Day)),
        );
    }
    #[test]
    fn day_month() {
        check("On 19 May he spoke.", "2025-05-20", Past, Some(("2025-05-19", Day)));
    }
    #[test]
    fn month_day() {
        check("On May 17 he spoke.", "2025-05-20", Past, Some(("2025-05-17", Day)));
    }
    #[test]
    fn month_day_year() {
        check(
            "On May 17, 2025 he spoke.",
            "2026-01-01",
            Past,
            Some(("2025-05-17", Day)),
        );
    }
    #[test]
    fn day_month_year() {
        check(
            "On 19 May 2025 he spoke.",
            "2026-01-01",
            Past,
            Some(("2025-05-19", Day)),
        );
    }
    #[test]
    fn day_month_picks_previous_year_in_past() {
        check(
            "On 28 December they met.",
            "2025-01-03",
            Past,
            Some(("2024-12-28", Day)),
        );
    }
    #[test]
    fn may_as_modal_is_not_a_date() {
        check("May God bless us all.", "2025-05-17", Past, None);
    }
    #[test]
    fn last_week() {
        check("They met last week.", "2025-05-19", Past, Some(("2025-05-12", Week)));
    }
    #[test]
    fn earlier_this_week() {
        check(
            "He had challenged him earlier this week.",
            "2025-05-17",
            Past,
            Some(("2025-05-12", Week)),
        );
        check(
            "He had challenged him earlier in the week.",
            "2025-05-17",
            Past,
            Some(("2025-05-12", Week)),
        );
    }
    #[test]
    fn next_week() {
        check(
            "He will call early next week.",
            "2025-05-17",
            Future,
            Some(("2025-05-19", Week)),
        );
    }
    #[test]
    fn in_january() {
        check(
            "He was inaugurated in January.",
            "2025-05-17",
            Past,
            Some(("2025-01-01", Month)),
        );
    }
    #[test]
    fn in_january_future_is_next_year() {
        check(
            "He will visit in January.",
            "2025-05-17",
            Future,
            Some(("2026-01-01", Month)),
        );
    }
    #[test]
    fn last_month() {
        check(
            "The plan came last month.",
            "2025-01-17",
            Past,
            Some(("2024-12-01", Month)),
        );
    }
    #[test]
    fn days_ago() {
        check(
            "They met three days ago.",
            "2025-05-17",
            Past,
            Some(("2025-05-14", Day)),
        );
    }
    #[test]
    fn weeks_later_is_relative_to_the_narrative() {
        // Resolved against the date the narrative last gave (passed as anchor).
        check(
            "Two weeks later they met again.",
            "2025-05-01",
            Past,
            Some(("2025-05-15", Day)),
        );
        check("The next day he left.", "2025-05-01", Past, Some(("2025-05-02", Day)));
        check(
            "A day earlier he had called.",
            "2025-05-01",
            Past,
            Some(("2025-04-30", Day)),
        );
    }
    #[test]
    fn calendar_words() {
        assert!(is_calendar_word("friday") && is_calendar_word("may") && is_calendar_word("june"));
        assert!(!is_calendar_word("mar") && !is_calendar_word("sept") && !is_calendar_word("today"));
    }
    #[test]
    fn iso_date() {
        check(
            "Filed 2025-05-17 by staff.",
            "2026-01-01",
            Past,
            Some(("2025-05-17", Day)),
        );
    }

    #[test]
    fn infers_weekday_after_explicit_date() {
        let text = "He will call on Monday. The call is today. Posted May 17, 2025. On Monday he spoke.";
        let sents: Vec<Vec<TimeExpr>> = crate::extract::text::split_sentences(text)
            .iter()
            .map(|s| find_time_exprs(&tokenize(text, s.start, s.end)))
            .collect();
        let (date, _) = infer_publication_date(&toks_of(text), &sents).unwrap();
        assert_eq!(date, d("2025-05-19"));
    }

    fn toks_of(text: &str) -> Vec<Vec<Token>> {
        crate::extract::text::split_sentences(text)
            .iter()
            .map(|s| tokenize(text, s.start, s.end))
            .collect()
    }

    fn infer(text: &str) -> Option<NaiveDate> {
        let toks = toks_of(text);
        let sents: Vec<Vec<TimeExpr>> = toks.iter().map(|t| find_time_exprs(t)).collect();
        infer_publication_date(&toks, &sents).map(|(d, _)| d)
    }

    #[test]
    fn infers_the_date_of_a_dateline_caption_or_stamp() {
        assert_eq!(
            infer("NAIROBI, 4 March 2024 - Envoys met again.\nThey spoke for hours."),
            Some(d("2024-03-04"))
        );
        assert_eq!(
            infer("The envoys met on Tuesday.\nThe two envoys at the palace, October 8, 2023\nThey spoke for hours."),
            Some(d("2023-10-08"))
        );
        assert_eq!(
            infer("Last updated on 11 January 2022. The envoys met on Tuesday."),
            Some(d("2022-01-11"))
        );
        assert_eq!(
            infer("The ministers met in Lima on Wednesday, June 11, 2025, for the first time in a year."),
            Some(d("2025-06-11"))
        );
    }

    #[test]
    fn a_background_date_is_not_the_article_date() {
        assert_eq!(
            infer(
                "The ministers met in Lima for talks, their first since a summit on 3 May 2019 ended without a deal."
            ),
            None
        );
    }

    #[test]
    fn a_weekday_with_day_and_month_gives_the_latest_year() {
        let year_of = |text: &str, read: &str| {
            let sents: Vec<Vec<TimeExpr>> = toks_of(text).iter().map(|t| find_time_exprs(t)).collect();
            weekday_year_date(&sents, d(read))
        };
        // 14 March fell on a Thursday in 2024 and in 2019.
        assert_eq!(
            year_of("They met on Thursday, March 14, in Rome.", "2026-01-01"),
            Some(d("2024-03-14"))
        );
        assert_eq!(
            year_of("They met on Thursday, 14 March, in Rome.", "2023-06-01"),
            Some(d("2019-03-14"))
        );
        assert_eq!(year_of("They met on Thursday in Rome.", "2026-01-01"), None);
    }

    #[test]
    fn infers_date_from_today_sentence() {
        let text = "Today, 3 June 2025, the talks began.";
        let sents = vec![find_time_exprs(&tokenize(text, 0, text.len()))];
        assert_eq!(
            infer_publication_date(&toks_of(text), &sents).unwrap().0,
            d("2025-06-03")
        );
    }

    #[test]
    fn no_inference_without_anchor() {
        let text = "He spoke last night. They meet on Friday.";
        let sents = vec![find_time_exprs(&tokenize(text, 0, text.len()))];
        assert!(infer_publication_date(&toks_of(text), &sents).is_none());
    }
}
