//! What a list row shows of a mention, and how directly the mention
//! reports its event.
//!
//! A row titled "Statement by Donald Trump" says nothing until it is
//! opened; the gist says what was said, demanded or held, in the source's
//! own words: the lead quote of a statement, the clause that follows a
//! demand, the words around a call or meeting with the parties marked.
//! It is cut from the evidence sentence here, when the text and the
//! actors' positions are at hand, so that the merger only has to choose
//! one gist per event and pages never compute one.
//!
//! The rank orders an event's evidence: a sentence whose verb reports the
//! event and names its parties comes before one that names it in passing
//! ("after the call, …") or one that is debris of a page (a caption glued
//! to a paragraph). Pure functions over tokens.

use crate::extract::actors::ActorMention;
use crate::extract::events::Found;
use crate::extract::text::Token;
use crate::model::{gist_mark, Kind, GIST_CLOSE, GIST_OPEN};

/// Longest gist, in characters, before it is cut at a word with "…".
pub const GIST_CHARS: usize = 180;

/// A gist shorter than this grows to the left, towards the sentence start.
const SHORT_CHARS: usize = 70;

pub use crate::model::DIRECT_RANK;

/// A sentence longer than this, in tokens, is more likely glued page text
/// than one sentence of a report.
const DEBRIS_TOKENS: usize = 70;

/// Prepositions that make a noun trigger a reference to the event rather
/// than its report: "after the call", "ahead of the talks", "since the
/// meeting".
const PASSING_BEFORE: &[&str] = &[
    "after",
    "following",
    "before",
    "ahead",
    "since",
    "during",
    "about",
    "over",
    "on",
    "from",
    "despite",
    "amid",
    "until",
    "like",
];

/// The gist of a mention found in one sentence: `toks` are the sentence's
/// tokens, `from` the first token after its dateline, `mentions` the
/// actors named in it. Actors of the event are marked with
/// [`GIST_OPEN`]/[`GIST_CLOSE`].
pub fn gist(body: &str, toks: &[Token], from: usize, found: &Found, mentions: &[ActorMention]) -> String {
    if toks.len() <= from || found.start >= toks.len() {
        return String::new();
    }
    if found.kind == Kind::Statement {
        if let Some(q) = lead_quote(body, toks, from) {
            return q;
        }
    }
    let ours: Vec<&ActorMention> = mentions
        .iter()
        .filter(|m| found.actors.contains(&m.actor) && !m.pronoun && m.start >= from)
        .collect();
    let clause_end = clause_end(toks, found.end);
    // The core: from the event's first named party (when in the same
    // clause, before the trigger).
    let mut lo = ours
        .iter()
        .filter(|m| m.end <= found.start && !crosses_clause(toks, m.end, found.start))
        .map(|m| m.start)
        .min()
        .unwrap_or(found.start);
    // Demands and claims run to the end of their clause, which is what is
    // demanded or said; meetings too, for where and about what.
    let mut hi = clause_end;
    // "…, said X": the claim stands before its speaker.
    let speaker_after = found.kind == Kind::Statement
        && lo == found.start
        && ours
            .iter()
            .any(|m| Some(&m.actor) == found.actors.first() && m.start >= found.end);
    if speaker_after {
        lo = from;
        hi = ours.iter().map(|m| m.end).max().unwrap_or(found.end).min(clause_end);
    }
    // Grow a short core: left to the sentence start, then right.
    while lo > from && chars(body, toks, lo, hi) < SHORT_CHARS {
        lo -= 1;
    }
    while hi < toks.len() && chars(body, toks, lo, hi) < SHORT_CHARS {
        hi += 1;
    }
    // Skip leading punctuation and conjunctions a cut leaves behind.
    while lo < found.start && (!toks[lo].word || matches!(toks[lo].norm.as_str(), "and" | "but")) {
        lo += 1;
    }
    // Final punctuation is dropped; the ellipsis says where text was cut.
    while hi > found.end && !toks[hi - 1].word && !is_closing_quote(body, &toks[hi - 1]) {
        hi -= 1;
    }
    let mut out = String::new();
    if lo > from {
        out.push('…');
    }
    let marks: Vec<(usize, usize)> = ours.iter().map(|m| (m.start, m.end)).collect();
    let mut budget = GIST_CHARS;
    let mut cut = false;
    let mut k = lo;
    while k < hi {
        let mark = marks.iter().find(|&&(s, e)| s == k && e <= hi).copied();
        let (s, e) = mark.unwrap_or((k, k + 1));
        let text = clean(&body[toks[s].start..toks[e - 1].end]);
        let gap = if k > lo && toks[k - 1].end < toks[k].start {
            1
        } else {
            0
        };
        let len = text.chars().count() + gap;
        if len > budget && k > found.end {
            cut = true;
            break;
        }
        budget = budget.saturating_sub(len);
        if gap == 1 {
            out.push(' ');
        }
        if mark.is_some() {
            out.push_str(&gist_mark(&text));
        } else {
            out.push_str(&text);
        }
        k = e;
    }
    if cut || hi < toks.len() && toks[hi..].iter().any(|t| t.word) {
        out.push('…');
    }
    out
}

/// The first quotation of four words or more in the sentence, cut to
/// [`GIST_CHARS`], in curly quotes.
fn lead_quote(body: &str, toks: &[Token], from: usize) -> Option<String> {
    let text = &body[toks[from].start..toks[toks.len() - 1].end];
    let (q, _) = crate::extract::text::quotations(text).find(|(q, _)| q.split_whitespace().count() >= 4)?;
    let q = clean(q);
    let q = q.trim_end_matches([',', ';', ':']);
    Some(format!("“{}”", cut_at_word(q, GIST_CHARS)))
}

/// How directly a mention reports its event, from 0 (debris) to 9: a verb
/// that reports the event with every party named ranks high; a noun after
/// "after", "ahead of" or "since" names the event in passing; a sentence
/// longer than a sentence, or with no end, is likely page debris.
pub fn rank(body: &str, toks: &[Token], from: usize, found: &Found, mentions: &[ActorMention]) -> u8 {
    let mut r: i32 = 5;
    // A noun names the event; a verb after "after" or "before" tells it
    // as the time of something else ("hours after A spoke with B").
    if passing(toks, found.start) && (found.noun || subordinate(toks, found.start)) {
        r -= 4;
    }
    let named = |a: usize| mentions.iter().any(|m| m.actor == a && !m.pronoun && !m.reference);
    if found.actors.iter().all(|&a| named(a)) {
        r += 2;
    } else if !found.actors.first().is_some_and(|&a| named(a)) {
        r -= 1;
    }
    if found.time.is_some() {
        r += 1;
    }
    if found.background {
        r -= 2;
    }
    let words = toks[from.min(toks.len())..].iter().filter(|t| t.word).count();
    if words > DEBRIS_TOKENS {
        r -= 3;
    }
    if !toks.last().is_some_and(|t| ends_sentence(body, t)) {
        r -= 2;
    }
    r.clamp(0, 9) as u8
}

/// A noun trigger preceded, within its noun phrase, by a preposition that
/// makes it a point of reference ("ahead of Monday's call").
fn passing(toks: &[Token], start: usize) -> bool {
    (start.saturating_sub(5)..start)
        .rev()
        .take_while(|&k| {
            !matches!(
                toks[k].norm.as_str(),
                "," | ";" | "." | ":" | "and" | "but" | "that" | "which"
            )
        })
        .any(|k| PASSING_BEFORE.contains(&toks[k].norm.as_str()))
}

/// A verb in a clause of time: "after", "before", "since" or "until"
/// within the few words (its subject) before it.
fn subordinate(toks: &[Token], start: usize) -> bool {
    (start.saturating_sub(4)..start)
        .rev()
        .take_while(|&k| !matches!(toks[k].norm.as_str(), "," | ";" | "." | ":"))
        .any(|k| matches!(toks[k].norm.as_str(), "after" | "before" | "since" | "until"))
}

fn ends_sentence(body: &str, t: &Token) -> bool {
    let raw = &body[t.start..t.end];
    raw.ends_with(['.', '!', '?', '”', '"', '’', ')'])
}

fn is_closing_quote(body: &str, t: &Token) -> bool {
    matches!(&body[t.start..t.end], "”" | "\"" | "’")
}

/// The token after the clause that `from` is in: at a semicolon, or the
/// sentence end.
fn clause_end(toks: &[Token], from: usize) -> usize {
    (from..toks.len()).find(|&k| toks[k].norm == ";").unwrap_or(toks.len())
}

/// Whether a clause boundary lies between two token positions.
fn crosses_clause(toks: &[Token], a: usize, b: usize) -> bool {
    toks[a..b]
        .iter()
        .any(|t| matches!(t.norm.as_str(), ";" | "." | "but" | "while"))
}

/// Characters of the text from token `lo` to token `hi` (exclusive).
fn chars(body: &str, toks: &[Token], lo: usize, hi: usize) -> usize {
    if hi <= lo {
        return 0;
    }
    body[toks[lo].start..toks[hi - 1].end].chars().count()
}

/// Text with line breaks and control characters (which would clash with
/// the marks) as single spaces.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() || c == GIST_OPEN || c == GIST_CLOSE {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// At most `max` characters, cut at a word with "…".
fn cut_at_word(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let end = s.char_indices().nth(max).map(|(i, _)| i).unwrap_or(s.len());
    let head = &s[..end];
    let at = head.rfind(' ').filter(|&i| i > max / 2).unwrap_or(end);
    format!("{}…", head[..at].trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use crate::extract::actors::ActorBook;
    use crate::extract::extract;
    use crate::model::{gist_plain, Kind, GIST_CLOSE, GIST_OPEN};

    const BOOK: &str = r#"
[[actor]]
name = "Ann Alpha"
kind = "person"
[[actor]]
name = "Bob Beta"
kind = "person"
[[actor]]
name = "Carla Gamma"
kind = "person"
[[actor]]
name = "Wire Agency"
kind = "outlet"
"#;

    fn mentions(text: &str) -> Vec<(Kind, String, u8)> {
        let book = ActorBook::parse(BOOK).unwrap();
        let x = extract(text, chrono::NaiveDate::from_ymd_opt(2025, 3, 12), &book);
        x.mentions.iter().map(|m| (m.kind, m.gist.clone(), m.rank)).collect()
    }

    fn gist_of(text: &str, kind: Kind) -> String {
        mentions(text)
            .into_iter()
            .find(|m| m.0 == kind)
            .map(|m| m.1)
            .unwrap_or_else(|| panic!("no {kind} in {text}"))
    }

    fn rank_of(text: &str, kind: Kind) -> u8 {
        mentions(text).into_iter().find(|m| m.0 == kind).map(|m| m.2).unwrap()
    }

    fn marked(name: &str) -> String {
        format!("{GIST_OPEN}{name}{GIST_CLOSE}")
    }

    #[test]
    fn a_statement_gist_is_its_lead_quote() {
        let g = gist_of(
            "Ann Alpha said on Tuesday: \"We will not sign any deal this year.\"",
            Kind::Statement,
        );
        assert_eq!(g, "“We will not sign any deal this year.”");
        // A one-word scare quote is no lead quote; the claim is.
        let g = gist_of("Bob Beta said the \"plan\" was dead on arrival.", Kind::Statement);
        assert_eq!(gist_plain(&g), "Bob Beta said the \"plan\" was dead on arrival");
    }

    #[test]
    fn a_demand_gist_says_what_is_demanded() {
        let g = gist_of(
            "In a long speech to the assembly on Monday afternoon, Ann Alpha urged Bob Beta to release the detained sailors.",
            Kind::Demand,
        );
        assert!(g.starts_with('…'), "{g}");
        assert!(
            g.contains(&format!(
                "{} urged {} to release the detained sailors",
                marked("Ann Alpha"),
                marked("Bob Beta")
            )),
            "{g}"
        );
        let g = gist_of(
            "Carla Gamma called on Ann Alpha to reopen the border crossing.",
            Kind::Demand,
        );
        assert!(gist_plain(&g).contains("to reopen the border crossing"), "{g}");
    }

    #[test]
    fn a_meeting_gist_marks_its_parties() {
        let g = gist_of(
            "Ann Alpha held a phone call with Bob Beta on Monday about grain exports.",
            Kind::Call,
        );
        assert!(
            g.contains(&marked("Ann Alpha")) && g.contains(&marked("Bob Beta")),
            "{g}"
        );
        let g = gist_of(
            "Carla Gamma met Ann Alpha in Geneva, where the two spoke for an hour.",
            Kind::Talks,
        );
        assert!(g.starts_with(&marked("Carla Gamma")), "{g}");
    }

    #[test]
    fn a_speaker_after_the_claim_keeps_the_claim() {
        let g = gist_of(
            "The ceasefire will hold through the winter, said Bob Beta.",
            Kind::Statement,
        );
        assert!(gist_plain(&g).starts_with("The ceasefire will hold"), "{g}");
        let g = gist_of("Talks are off for now, Ann Alpha told reporters.", Kind::Statement);
        assert!(gist_plain(&g).starts_with("Talks are off for now"), "{g}");
    }

    #[test]
    fn a_long_sentence_is_cut_at_a_word() {
        let long = format!(
            "Ann Alpha urged Bob Beta to {} before the summit.",
            "review the terms of the grain corridor and the port inspections ".repeat(5)
        );
        let g = gist_of(&long, Kind::Demand);
        assert!(g.ends_with('…'), "{g}");
        assert!(gist_plain(&g).chars().count() <= super::GIST_CHARS + 2, "{g}");
        let g = gist_of("Bob Beta urged Carla Gamma to stop.", Kind::Demand);
        assert!(!g.contains('…'), "{g}");
    }

    #[test]
    fn a_passing_mention_ranks_below_a_report() {
        let report = rank_of("Ann Alpha spoke by phone with Bob Beta on Monday.", Kind::Call);
        let passing = rank_of(
            "Markets rose after the call between Ann Alpha and Bob Beta.",
            Kind::Call,
        );
        assert!(report >= super::DIRECT_RANK, "{report}");
        assert!(passing < super::DIRECT_RANK, "{passing}");
        let ahead = rank_of(
            "Ahead of Monday's talks between Carla Gamma and Bob Beta, aides met",
            Kind::Talks,
        );
        assert!(ahead < super::DIRECT_RANK, "{ahead}");
    }

    #[test]
    fn a_sentence_dated_by_the_event_it_names_ranks_it_low() {
        let book = ActorBook::parse(BOOK).unwrap();
        let text = "Ann Alpha held a phone call with Bob Beta on Monday. \
                    Markets calmed in the hours that followed the call between Ann Alpha and Bob Beta.";
        let x = extract(text, chrono::NaiveDate::from_ymd_opt(2025, 3, 12), &book);
        let calls: Vec<(crate::model::DateSource, u8)> = x
            .mentions
            .iter()
            .filter(|m| m.kind == Kind::Call)
            .map(|m| (m.date_source, m.rank))
            .collect();
        assert!(calls.len() == 2, "{calls:?}");
        assert!(
            calls[0].1 >= super::DIRECT_RANK && calls[1].1 < super::DIRECT_RANK,
            "{calls:?}"
        );
        let text = "Carla Gamma met Bob Beta in Oslo on Friday. \
                    The talks between Carla Gamma and Bob Beta were the first in a year, officials noted.";
        let x = extract(text, chrono::NaiveDate::from_ymd_opt(2025, 3, 12), &book);
        let talks: Vec<(crate::model::DateSource, u8)> = x
            .mentions
            .iter()
            .filter(|m| m.kind == Kind::Talks)
            .map(|m| (m.date_source, m.rank))
            .collect();
        assert!(talks.len() == 2, "{talks:?}");
        assert!(
            talks[0].1 >= super::DIRECT_RANK && talks[1].1 < super::DIRECT_RANK,
            "{talks:?}"
        );
    }

    #[test]
    fn debris_ranks_low() {
        let glued = format!(
            "Ann Alpha spoke by phone with Bob Beta {} and more",
            "photo credit caption text market prices weather sports ".repeat(10)
        );
        assert!(rank_of(&glued, Kind::Call) < super::DIRECT_RANK);
        assert!(rank_of("Carla Gamma met Bob Beta in Oslo on Friday.", Kind::Talks) >= super::DIRECT_RANK);
    }

    #[test]
    fn a_dateline_credit_names_the_outlet() {
        let book = ActorBook::parse(BOOK).unwrap();
        let x = extract("OSLO, Norway (Wire Agency) — Ann Alpha met Bob Beta.", None, &book);
        assert_eq!(x.credit.as_deref(), Some("Wire Agency"));
        let x = extract("GENEVA (XYZ) - Carla Gamma spoke with Bob Beta.", None, &book);
        assert_eq!(x.credit.as_deref(), Some("XYZ"));
        let x = extract("Ann Alpha met Bob Beta (on Friday) in Oslo.", None, &book);
        assert_eq!(x.credit, None);
    }

    #[test]
    fn a_line_with_only_an_outlet_credits_it() {
        let book = ActorBook::parse(BOOK).unwrap();
        let x = extract("Ann Alpha met Bob Beta in Oslo.\n\nWire Agency", None, &book);
        assert_eq!(x.credit.as_deref(), Some("Wire Agency"));
        let x = extract("Ann Alpha told Wire Agency that talks went well.", None, &book);
        assert_eq!(x.credit, None);
    }
}
