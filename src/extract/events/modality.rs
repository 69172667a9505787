//! Whether a trigger reports an event at all, and when: negated,
//! hypothetical and habitual uses are not events; future and intended ones
//! are planned; past perfects are background, told as having happened
//! some time before.

use super::*;

/// Words before a trigger that make it hypothetical (not an event).
pub(super) static HYPOTHETICAL: WordSet = WordSet::new(&[
    "could",
    "might",
    "may",
    "if",
    "possible",
    "possibly",
    "ready",
    "willing",
    "wants",
    "want",
    "hopes",
    "hope",
    "offered",
    "offer",
    "proposed",
    "future",
    "potential",
    "should",
    "would like",
    "need",
    "needs",
    "whether",
    "unless",
    "refused",
    "declined",
    "yet",
    "requesting",
    "request",
    "requested",
]);

/// Words before a trigger that make it planned.
pub(super) static FUTURE: WordSet = WordSet::new(&[
    "will",
    "'ll",
    "shall",
    "would",
    "due",
    "set",
    "scheduled",
    "expected",
    "plans",
    "plan",
    "planned",
    "planning",
    "upcoming",
    "coming",
    "next",
    "going",
    "agreed",
    "agree",
    "agreeing",
    "begin",
    "start",
    "resume",
]);

/// Words that make a verb a habit rather than an event.
pub(super) static HABITUAL: WordSet = WordSet::new(&[
    "repeatedly",
    "often",
    "regularly",
    "routinely",
    "usually",
    "always",
    "frequently",
    "constantly",
]);

pub(super) const NEGATIONS: &[&str] = &["not", "never", "no", "without"];

/// "had previously said", "had met", "had earlier warned": the past
/// perfect (or "previously") tells of something before the story's time.
pub(super) fn background(toks: &[Token], start: usize) -> bool {
    vaguely_before(toks, start) || perfect_before(toks, start)
}

/// "came days after X warned", "weeks before A met B": the event in the
/// clause is some days away from the story's time, on no day the text
/// gives.
pub(super) fn vaguely_before(toks: &[Token], start: usize) -> bool {
    let open = (0..start)
        .rev()
        .find(|&k| matches!(toks[k].norm.as_str(), "," | ";" | "\""))
        .map_or(0, |k| k + 1);
    (open + 1..start).any(|k| {
        matches!(toks[k].norm.as_str(), "after" | "before")
            && matches!(toks[k - 1].norm.as_str(), "days" | "weeks" | "months" | "years")
            && (k < 2 || !crate::extract::dates::is_count(&toks[k - 2].norm))
    })
}

/// "had asked", "had also asked", "had just met": the past perfect with
/// nothing that dates it long before ("previously", "days after").
pub(super) fn bare_perfect(toks: &[Token], start: usize) -> bool {
    let mut k = start;
    while k > 0 {
        k -= 1;
        match toks[k].norm.as_str() {
            "also" | "just" | "then" => {}
            "had" => return toks.get(k + 1).is_none_or(|t| t.norm != "to") && !vaguely_before(toks, start),
            _ => return false,
        }
    }
    false
}

pub(super) fn perfect_before(toks: &[Token], start: usize) -> bool {
    let mut k = start;
    let mut steps = 0;
    while k > 0 && steps < 3 {
        k -= 1;
        steps += 1;
        match toks[k].norm.as_str() {
            "had" => return toks.get(k + 1).is_none_or(|t| t.norm != "to"),
            "previously" | "formerly" => return true,
            w if is_adverb(w) || w.ends_with("ly") || matches!(w, "earlier" | "already" | "long" | "once") => {}
            _ => return false,
        }
    }
    false
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Modality {
    Real,
    Habitual,
    Planned,
    Hypothetical,
    Negated,
}

/// Tense and modality from the words just before the trigger (and, for
/// nouns, the verb after it: "talks ... will take place today").
pub(super) fn modality(toks: &[Token], start: usize, end: usize, noun: bool) -> (Modality, Tense) {
    // A noun's modifiers reach further back: "a potential face-to-face
    // meeting".
    let lo = start.saturating_sub(if noun { 8 } else { 5 });
    let mut window: Vec<&str> = Vec::new();
    let mut behind: Option<usize> = None;
    for k in (lo..start).rev() {
        let w = toks[k].norm.as_str();
        if BOUNDARIES.contains(w) || w == "," || w == "." {
            break;
        }
        if w == "may" && toks[k].cap && k > 0 {
            continue;
        }
        // "would start talks following his call": the call is behind, and
        // only a hypothesis ("proposed ... after consultations") reaches it.
        if noun && behind.is_none() && matches!(w, "after" | "following" | "since" | "during") {
            behind = Some(window.len());
        }
        window.push(w);
    }
    // Words before the trigger that still bear on it (up to "after").
    let mut near: Vec<&str> = window[..behind.unwrap_or(window.len())].to_vec();
    let mut effect = false;
    if noun {
        for (k, t) in toks.iter().enumerate().take((end + 8).min(toks.len())).skip(end) {
            let w = t.norm.as_str();
            if BOUNDARIES.contains(w) || w == "," {
                break;
            }
            // "held in May": the month, not the modal.
            if w == "may" && t.cap {
                continue;
            }
            // "the summit would mark a new start", "a meeting could help":
            // what the event would mean, which tells neither that it took
            // place nor that it is set.
            if effect_after_modal(toks, w, k) {
                effect = true;
                break;
            }
            window.push(w);
            near.push(w);
        }
    }
    let trig = toks[start].norm.as_str();
    if window.iter().any(|w| NEGATIONS.contains(w) || w.ends_with("n't")) {
        return (Modality::Negated, Tense::Past);
    }
    // "has repeatedly rejected", "has promised again and again": a habit,
    // not one event.
    let again_and_again = (lo..start.saturating_sub(2)).any(|k| {
        matches!(toks[k].norm.as_str(), "again" | "time") && toks[k + 1].norm == "and" && toks[k + 2].norm == "again"
    }) || (end..(end + 6).min(toks.len()).saturating_sub(2)).any(|k| {
        matches!(toks[k].norm.as_str(), "again" | "time") && toks[k + 1].norm == "and" && toks[k + 2].norm == "again"
    });
    if again_and_again || window.iter().any(|w| HABITUAL.contains(w)) {
        return (Modality::Habitual, Tense::Present);
    }
    if effect {
        return (Modality::Hypothetical, Tense::Present);
    }
    // "to meet": an infinitive is not an event unless planned.
    let infinitive = start > 0 && toks[start - 1].norm == "to";
    // "has to meet", "have yet to speak": an obligation, not an event.
    // ("has met", "have held talks": the present perfect reports one.)
    let obligation = start >= 2
        && toks[start - 1].norm == "to"
        && matches!(toks[start - 2].norm.as_str(), "has" | "have" | "had" | "yet");
    if obligation {
        return (Modality::Hypothetical, Tense::Present);
    }
    // "plans to meet" is planned; "the plan was announced" is a noun.
    let plan_noun = |w: &str| {
        matches!(w, "plan" | "plans")
            && !(lo..start).any(|k| toks[k].norm == w && toks.get(k + 1).is_some_and(|t| t.norm == "to"))
    };
    let planned = near.iter().any(|w| FUTURE.contains(w) && !plan_noun(w))
        || (start >= 2 && toks[start - 2].norm == "is" && toks[start - 1].norm == "to");
    let hypothetical = window.iter().any(|w| HYPOTHETICAL.contains(w));
    if hypothetical && !(planned && window.first() == Some(&"would")) {
        return (Modality::Hypothetical, Tense::Present);
    }
    if planned {
        return (Modality::Planned, Tense::Future);
    }
    if infinitive && !arrived_to(toks, start - 1) {
        return (Modality::Hypothetical, Tense::Present);
    }
    let past = trig.ends_with("ed")
        || matches!(
            trig,
            "spoke" | "spoken" | "met" | "said" | "told" | "wrote" | "held" | "had" | "was"
        )
        || window
            .iter()
            .any(|w| matches!(*w, "had" | "has" | "have" | "was" | "were" | "did"));
    (Modality::Real, if past { Tense::Past } else { Tense::Present })
}

/// "landed in Oslo on Monday to hold talks with B", "flew to Rome to
/// meet B": the purpose of a journey told as done is what the journey
/// was for, and the report tells it as it happened.
pub(super) fn arrived_to(toks: &[Token], to: usize) -> bool {
    (to.saturating_sub(20)..to)
        .rev()
        .take_while(|&k| !matches!(toks[k].norm.as_str(), "." | ";" | "," | "that" | "said"))
        .any(|k| {
            matches!(
                toks[k].norm.as_str(),
                "arrived" | "landed" | "flew" | "travelled" | "traveled" | "came" | "went" | "headed" | "touched"
            )
        })
}

pub(super) fn is_modal(w: &str) -> bool {
    matches!(w, "would" | "will" | "could" | "can" | "may" | "might" | "should")
}

/// A modal at `k` whose verb tells an event's effect ("would mark",
/// "could help", "will pave the way"), not its taking place.
pub(super) fn effect_after_modal(toks: &[Token], w: &str, k: usize) -> bool {
    is_modal(w)
        && toks.get(k + 1).is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "mark"
                    | "signal"
                    | "show"
                    | "help"
                    | "pave"
                    | "lead"
                    | "bring"
                    | "send"
                    | "serve"
                    | "prove"
                    | "demonstrate"
                    | "represent"
                    | "boost"
                    | "strengthen"
                    | "deepen"
                    | "usher"
            )
        })
}
