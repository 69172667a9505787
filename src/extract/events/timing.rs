//! Which time expression of a sentence belongs to an event: the nearest
//! in its clause, read through relations such as "a day after", and not
//! one that dates a report of it ("said on Monday that they met").

use super::*;

/// Words that open a clause of its own: a time inside it dates that
/// clause's verb, not the trigger outside it ("the first call since Trump
/// took office on Jan. 20, Peskov said").
pub(super) static SUBORDINATORS: WordSet = WordSet::new(&[
    "since", "which", "who", "whom", "whose", "until", "because", "although", "though", "where", "unless",
]);

/// Words after a trigger that relate it to another event, whose time
/// follows ("the call followed a prisoner swap this week", "met ahead of
/// the summit on Friday").
pub(super) static RELATORS: WordSet = WordSet::new(&[
    "after",
    "before",
    "following",
    "followed",
    "preceded",
    "ahead",
    "amid",
    "during",
]);

/// Whether a time expression may date a trigger: it is not inside another
/// clause than the trigger's (a relative or subordinate clause, or an event
/// the trigger is related to).
pub(super) fn same_clause(toks: &[Token], t: &TimeExpr, start: usize, end: usize) -> bool {
    if t.start >= end {
        // Another clause opens between the trigger and the time, and is
        // still open there: a comma closes it ("met X, who had asked for
        // it, an aide said on Friday").
        let Some(opened) = (end..t.start).rev().find(|&k| {
            let w = toks[k].norm.as_str();
            SUBORDINATORS.contains(w) || RELATORS.contains(w) || w == ";"
        }) else {
            return true;
        };
        return toks[opened..t.start].iter().any(|x| x.norm == ",");
    }
    if t.end <= start {
        // The clause the time stands in runs from the last comma (or dash)
        // before it; it is another clause when a subordinator opens it and a
        // comma closes it before the trigger.
        let open = (0..t.start)
            .rev()
            .find(|&k| matches!(toks[k].norm.as_str(), "," | ";" | "-" | "—" | "–" | "("))
            .map_or(0, |k| k + 1);
        let closed = toks[t.end..start]
            .iter()
            .any(|x| matches!(x.norm.as_str(), "," | ";" | ")"));
        let subordinate = toks[open..t.start]
            .iter()
            .any(|x| SUBORDINATORS.contains(x.norm.as_str()));
        // Or the trigger stands in a clause of its own after the time ("On
        // Monday, the talks which X announced").
        let inner = toks[t.end..start]
            .iter()
            .any(|x| SUBORDINATORS.contains(x.norm.as_str()) && x.norm != "who");
        let in_other_clause = closed && subordinate;
        return !(inner || in_other_clause);
    }
    true
}

/// "Putin won't sign a ceasefire tomorrow, he said": a time in the reported
/// words before ", SPEAKER said" dates what was reported, not the saying. A
/// short opening adverbial ("On Thursday, he said") is the saying's own.
pub(super) fn reported_before(toks: &[Token], mentions: &[ActorMention], t: &TimeExpr, start: usize) -> bool {
    let Some(comma) = (t.end..start).rev().find(|&k| toks[k].norm == ",") else {
        return false;
    };
    // Only ", SPEAKER said": the speaker (and its article or auxiliaries)
    // right after the comma, not ", hours after X rejected" or ", saying".
    let speaker_next = (comma + 1..start).all(|k| {
        mention_at(mentions, k).is_some()
            || INSTITUTIONS.contains(toks[k].norm.as_str())
            || matches!(
                toks[k].norm.as_str(),
                "the"
                    | "a"
                    | "an"
                    | "his"
                    | "her"
                    | "its"
                    | "their"
                    | "in"
                    | "of"
                    | "for"
                    | "also"
                    | "has"
                    | "had"
                    | "have"
                    | "later"
            )
    }) && (comma + 1..start).any(|k| mention_at(mentions, k).is_some());
    if !speaker_next {
        return false;
    }
    let open = (0..t.start)
        .rev()
        .find(|&k| matches!(toks[k].norm.as_str(), "," | ";" | "\""))
        .map_or(0, |k| k + 1);
    let others = (open..comma)
        .filter(|&k| k < t.start || k >= t.end)
        .filter(|&k| {
            !matches!(
                toks[k].norm.as_str(),
                "on" | "late" | "early" | "earlier" | "later" | "and" | "but" | "then" | "also"
            )
        })
        .count();
    // "In an interview on Sunday, he said": an adverbial phrase opening the
    // sentence, not reported words.
    let adverbial = matches!(
        toks[open].norm.as_str(),
        "in" | "at"
            | "on"
            | "during"
            | "speaking"
            | "after"
            | "before"
            | "earlier"
            | "late"
            | "later"
            | "while"
            | "when"
            | "asked"
            | "by"
            | "following"
            | "ahead"
    );
    // "Meeting for the first time on Tuesday, A told B": a participle
    // opening the sentence.
    let w = toks[open].norm.as_str();
    let participle = open == 0
        && w.len() > 5
        && w.ends_with("ing")
        && !w.ends_with("thing")
        && !matches!(w, "morning" | "evening" | "spring");
    others > 0 && !adverbial && !participle
}

/// "a day after", "two weeks before" opening a clause or a noun phrase
/// (not "the day after," standing alone): it relates two events.
pub(super) fn relational(toks: &[Token], t: &TimeExpr) -> bool {
    matches!(t.value, TimeValue::Narrative(_))
        && t.end > t.start
        && matches!(toks[t.end - 1].norm.as_str(), "after" | "before")
        && toks.get(t.end).is_some_and(|x| x.word)
}

/// The time of a trigger, read through "a day after": in "met on Tuesday,
/// a day after Aland said ...", the saying is a day before the meeting's
/// time (or the report's day when the main clause gives none); the
/// meeting itself takes nothing from the phrase. Returns the time and the
/// days to shift its date by.
pub(super) fn relate(
    toks: &[Token],
    times: &[TimeExpr],
    time: Option<TimeExpr>,
    start: usize,
    end: usize,
) -> (Option<TimeExpr>, i64) {
    if vaguely_before(toks, start) {
        return (None, 0);
    }
    match time {
        Some(t)
            if t.end <= start
                && relational(toks, &t)
                && !toks[t.end..start].iter().any(|x| matches!(x.norm.as_str(), "," | ";")) =>
        {
            let TimeValue::Narrative(n) = t.value else {
                return (time, 0);
            };
            let main = times
                .iter()
                .rev()
                .find(|m| m.end <= t.start && !relational(toks, m))
                .copied();
            let base = main.unwrap_or(TimeExpr {
                start: t.start,
                end: t.end,
                value: TimeValue::Offset(0),
            });
            (Some(base), -n)
        }
        Some(t) if t.start >= end && relational(toks, &t) => (None, 0),
        other => (other, 0),
    }
}

pub(super) fn nearest_time(times: &[TimeExpr], start: usize, end: usize) -> Option<TimeExpr> {
    times
        .iter()
        .min_by_key(|t| {
            if t.end <= start {
                (start - t.end) * 2 + 1
            } else if t.start >= end {
                (t.start - end) * 2
            } else {
                0
            }
        })
        .copied()
}
