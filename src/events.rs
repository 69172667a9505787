//! Finding events: triggers for the four kinds, tied to their actors,
//! their status (held or planned) and their time expression.
//!
//! Works on one sentence at a time, given its tokens, the actors found in
//! it and its time expressions. Pure: no I/O, no state beyond the sentence.

use crate::actors::{ActorInfo, ActorMention};
use crate::dates::{Tense, TimeExpr, TimeValue};
use crate::model::{ActorKind, Kind, Status};
use crate::text::Token;
use crate::text::WordSet;

pub use crate::triggers::Form;
use crate::triggers::Triggers;
use Form::{Noun, SpeakerAfter, Speech, Verb};
use Kind::{Call, Demand, Statement, Talks};

/// Words that end a clause when searching for a trigger's subject.
static BOUNDARIES: WordSet = WordSet::new(&[
    ";", "that", "but", "while", "whereas", "because", "although", "which", "when", "if", ":",
]);

/// Words before a trigger that make it hypothetical (not an event).
static HYPOTHETICAL: WordSet = WordSet::new(&[
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
static FUTURE: WordSet = WordSet::new(&[
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
static HABITUAL: WordSet = WordSet::new(&[
    "repeatedly",
    "often",
    "regularly",
    "routinely",
    "usually",
    "always",
    "frequently",
    "constantly",
]);

const NEGATIONS: &[&str] = &["not", "never", "no", "without"];

/// An event found in one sentence, before dates are resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: Kind,
    /// Actor indices (into the article's actor list), speaker or demander first.
    pub actors: Vec<usize>,
    pub status: Status,
    pub tense: Tense,
    /// Token range of the trigger.
    pub start: usize,
    pub end: usize,
    /// Time expression chosen for this event, if any.
    pub time: Option<TimeExpr>,
    /// Days to add to the date `time` gives: "arrived on Tuesday, a day
    /// after Aland said ..." dates the saying a day before Tuesday.
    pub shift: i64,
    /// Where talks took place, as written ("Istanbul", "the White House").
    pub location: Option<(usize, usize)>,
    /// Told as background ("had previously said", "had met"): without a
    /// time of its own it happened some time before, not on the day of
    /// the report.
    pub background: bool,
    /// Background told by a bare past perfect ("he had asked B to ..."),
    /// with no word that puts it long before: it may belong to the
    /// story's own meeting.
    pub bare_perfect: bool,
}

fn matches_at(toks: &[Token], i: usize, words: &[String]) -> bool {
    i + words.len() <= toks.len() && words.iter().enumerate().all(|(o, w)| toks[i + o].norm == w.as_str())
}

/// A trigger matched at a position.
#[derive(Clone, Copy)]
struct Matched {
    kind: Kind,
    len: usize,
    form: Form,
}

fn match_trigger(vocab: &Triggers, toks: &[Token], i: usize) -> Option<Matched> {
    let first = vocab.first_word(toks[i].norm.as_str())?;
    if first.phone_verb || first.briefing_verb {
        let near_phone = toks
            .iter()
            .skip(i + 1)
            .take(5)
            .take_while(|t| !matches!(t.norm.as_str(), "," | ";" | "." | "and" | "but"))
            .any(|t| matches!(t.norm.as_str(), "phone" | "telephone" | "video"));
        let call_named = first.briefing_verb
            && toks
                .iter()
                .enumerate()
                .any(|(k, t)| k != i && matches!(t.norm.as_str(), "call" | "phone" | "telephone" | "conversation"));
        if near_phone || call_named {
            return Some(Matched {
                kind: Call,
                len: 1,
                form: Verb,
            });
        }
    }
    let phrases = first.phrases.as_slice();
    if let Some(tr) = phrases.iter().find(|tr| matches_at(toks, i, &tr.words)) {
        return Some(Matched {
            kind: tr.kind,
            len: tr.words.len(),
            form: tr.form,
        });
    }
    // An adverb inside a verb phrase: "spoke separately with", "talked
    // briefly to".
    let adverb = toks
        .get(i + 1)
        .is_some_and(|t| t.norm.len() > 4 && t.norm.ends_with("ly"));
    if !adverb {
        return None;
    }
    phrases
        .iter()
        .find(|tr| tr.words.len() >= 2 && tr.form != Noun && matches_at(toks, i + 2, &tr.words[1..]))
        .map(|tr| Matched {
            kind: tr.kind,
            len: tr.words.len() + 1,
            form: tr.form,
        })
}

/// The agent of a passive speech verb: "was first announced by X", "had
/// been confirmed on Monday by the ministry". Without a form of "be"
/// before the verb ("territory claimed by Moscow") there is none.
fn passive_agent(
    toks: &[Token],
    mentions: &[ActorMention],
    start: usize,
    end: usize,
    usable: &dyn Fn(&ActorMention) -> bool,
) -> Option<usize> {
    let mut k = start;
    let mut be = false;
    while k > 0 && start - k < 3 {
        k -= 1;
        let w = toks[k].norm.as_str();
        if matches!(w, "was" | "were" | "is" | "are" | "been" | "being" | "be") {
            be = true;
            break;
        }
        if !(is_adverb(w) || w == "first" || (w.len() > 4 && w.ends_with("ly"))) {
            break;
        }
    }
    if !be {
        return None;
    }
    for (k, t) in toks.iter().enumerate().take(end + 7).skip(end) {
        match t.norm.as_str() {
            "by" => {
                let m = mention_at(mentions, k + 1)?;
                return (mentions[m].start == k + 1 && usable(&mentions[m])).then_some(m);
            }
            "," | ";" | "." | "that" | "which" | "and" | "but" => return None,
            _ => {}
        }
    }
    None
}

/// "had previously said", "had met", "had earlier warned": the past
/// perfect (or "previously") tells of something before the story's time.
fn background(toks: &[Token], start: usize) -> bool {
    vaguely_before(toks, start) || perfect_before(toks, start)
}

/// "came days after X warned", "weeks before A met B": the event in the
/// clause is some days away from the story's time, on no day the text
/// gives.
fn vaguely_before(toks: &[Token], start: usize) -> bool {
    let open = (0..start)
        .rev()
        .find(|&k| matches!(toks[k].norm.as_str(), "," | ";" | "\""))
        .map_or(0, |k| k + 1);
    (open + 1..start).any(|k| {
        matches!(toks[k].norm.as_str(), "after" | "before")
            && matches!(toks[k - 1].norm.as_str(), "days" | "weeks" | "months" | "years")
            && (k < 2 || !crate::dates::is_count(&toks[k - 2].norm))
    })
}

/// "had asked", "had also asked", "had just met": the past perfect with
/// nothing that dates it long before ("previously", "days after").
fn bare_perfect(toks: &[Token], start: usize) -> bool {
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

fn perfect_before(toks: &[Token], start: usize) -> bool {
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

/// "separate calls with A and B", "met separately with A and B": one
/// event with each, not one among all.
fn separate(toks: &[Token], start: usize, end: usize) -> bool {
    let before = (start.saturating_sub(3)..start).any(|k| toks[k].norm == "separate");
    let inside_or_after = (start..(end + 1).min(toks.len())).any(|k| toks[k].norm == "separately");
    before || inside_or_after
}

/// "spoke with A and then with B": a second, separate party after the
/// first object (the mention index), if any.
fn second_party(
    toks: &[Token],
    mentions: &[ActorMention],
    first: usize,
    usable: &dyn Fn(&ActorMention) -> bool,
) -> Option<usize> {
    let mut k = mentions[first].end;
    let w = |k: usize| toks.get(k).map(|t| t.norm.as_str()).unwrap_or("");
    if w(k) == "," {
        k += 1;
    }
    if w(k) != "and" {
        return None;
    }
    k += 1;
    if matches!(w(k), "then" | "later" | "afterwards" | "also" | "separately") {
        k += 1;
    }
    if !matches!(w(k), "with" | "to") {
        return None;
    }
    let m = mention_at(mentions, k + 1)?;
    (mentions[m].start == k + 1 && usable(&mentions[m])).then_some(m)
}

fn mention_at(mentions: &[ActorMention], tok: usize) -> Option<usize> {
    mentions.iter().position(|m| tok >= m.start && tok < m.end)
}

/// A mention and the others over the same words: a group reference ("the
/// two leaders", "they") is one mention per member.
fn with_members(mentions: &[ActorMention], m: usize) -> impl Iterator<Item = usize> + '_ {
    let (s, e) = (mentions[m].start, mentions[m].end);
    mentions
        .iter()
        .enumerate()
        .filter(move |(_, x)| x.start == s && x.end == e)
        .map(|(n, _)| n)
}

/// Find the events of one sentence.
pub fn find_events(
    toks: &[Token],
    mentions: &[ActorMention],
    times: &[TimeExpr],
    actors: &[crate::actors::ActorInfo],
    quotes: &[bool],
    vocab: &Triggers,
) -> Vec<Found> {
    let usable = |m: &ActorMention| !m.in_quote && actors[m.actor].kind != ActorKind::Outlet;
    // Quoted speech has its own time frame: "we agreed to continue next week".
    // A scare quote of a few words ("straight away") is the writer's
    // sentence, not quoted speech.
    let quoted = |k: usize| quotes.get(k).copied().unwrap_or(false);
    let scare_quote = |k: usize| {
        let lo = (0..=k).rev().take_while(|&j| quoted(j)).last().unwrap_or(k);
        let hi = (k..toks.len()).take_while(|&j| quoted(j)).last().unwrap_or(k);
        toks[lo..=hi].iter().filter(|t| t.word).count() <= 3
    };
    let in_quotes: Vec<TimeExpr> = times.iter().filter(|t| quoted(t.start)).copied().collect();
    let times: Vec<TimeExpr> = times
        .iter()
        .filter(|t| !quoted(t.start) || scare_quote(t.start))
        .copied()
        .collect();
    let times = times.as_slice();
    let mut out: Vec<Found> = Vec::new();
    // Demands implied by reported speech: (actors, trigger start, end).
    let mut extra: Vec<(Vec<usize>, usize, usize)> = Vec::new();
    // The trigger at each token, looked up once.
    let triggers: Vec<Option<Matched>> = (0..toks.len()).map(|k| match_trigger(vocab, toks, k)).collect();
    // Positions of call, talks and demand triggers, for statements' dates.
    let event_triggers: Vec<usize> = (0..toks.len())
        .filter(|&k| triggers[k].is_some_and(|m| m.kind != Statement && m.form == Verb))
        .collect();
    // Where the last trigger dropped for its modality stood.
    let mut modal_drop: Option<usize> = None;
    let mut i = 0;
    while i < toks.len() {
        if quotes.get(i).copied().unwrap_or(false) || mention_at(mentions, i).is_some() {
            i += 1;
            continue;
        }
        // "Macron called Putin on Sunday": "call" as a verb with an actor
        // for its object is a phone call; "calls Putin a tyrant" names him.
        let verb_position = match toks[i].norm.as_str() {
            "called" => i > 0 && toks[i - 1].norm != "-",
            "call" | "calls" => {
                i > 0
                    && (mention_at(mentions, i - 1).is_some()
                        || matches!(
                            toks[i - 1].norm.as_str(),
                            "to" | "will" | "would" | "may" | "might" | "could" | "should" | "also" | "then" | "later"
                        ))
            }
            _ => false,
        };
        let call_verb = verb_position
            && mention_at(mentions, i + 1).is_some_and(|m| {
                mentions[m].start == i + 1 && !mentions[m].pronoun && !naming_complement(toks, times, mentions[m].end)
            });
        let matched = match triggers[i] {
            Some(tr) if tr.len > 1 || tr.kind != Call || !call_verb => Some(tr),
            _ if call_verb => Some(Matched {
                kind: Call,
                len: 1,
                form: Verb,
            }),
            other => other,
        };
        let Some(mut tr) = matched else {
            i += 1;
            continue;
        };
        // "calls Putin a tyrant": no call at all.
        if tr.kind == Call
            && tr.len == 1
            && matches!(toks[i].norm.as_str(), "call" | "calls")
            && mention_at(mentions, i + 1).is_some_and(|m| mentions[m].start == i + 1)
            && !call_verb
        {
            i += 1;
            continue;
        }
        // "Orban's visit to Kyiv", "her visit": the noun, not the verb.
        if tr.kind == Talks
            && tr.form == Verb
            && matches!(toks[i].norm.as_str(), "visit" | "visits")
            && i > 0
            && matches!(
                toks[i - 1].norm.as_str(),
                "'s" | "'" | "his" | "her" | "their" | "its" | "the" | "a" | "an" | "this" | "that"
            )
        {
            tr.form = Noun;
        }
        // "after meeting X", "ahead of meeting X": a gerund, used as a verb.
        if tr.form == Noun
            && toks[i].norm == "meeting"
            && i > 0
            && (matches!(
                toks[i - 1].norm.as_str(),
                "after" | "before" | "while" | "by" | "since" | "when"
            ) || (i > 1 && toks[i - 1].norm == "of" && toks[i - 2].norm == "ahead"))
        {
            tr.form = Verb;
        }
        let start = i;
        let end = i + tr.len;
        i = end;
        if tr.form == Noun && !noun_context(toks, mentions, start, end) {
            continue;
        }
        // "spoke to Trump ... in a call with Starmer": more participants of
        // the event already found, not a new one.
        if tr.form == Noun
            && start >= 2
            && toks[start - 2].norm == "in"
            && matches!(toks[start - 1].norm.as_str(), "a" | "the")
        {
            if let Some(prev) = out.iter_mut().rev().find(|f| f.kind == tr.kind) {
                for m in noun_participants(toks, mentions, start, end, &usable) {
                    if !prev.actors.contains(&mentions[m].actor) {
                        prev.actors.push(mentions[m].actor);
                    }
                }
                continue;
            }
        }
        if tr.kind == Demand && !demand_context(toks, start, end) {
            continue;
        }
        // "met by video link", "held virtual talks": a meeting held over a
        // screen is a call.
        if tr.kind == Talks && remote(toks, start, end) {
            tr.kind = Call;
        }
        // ", saying", ", once again urging": a participle clause.
        let participle = toks[start].norm.ends_with("ing") && {
            let mut k = start;
            while k > 0 && (is_adverb(&toks[k - 1].norm) || matches!(toks[k - 1].norm.as_str(), "once" | "further")) {
                k -= 1;
            }
            k > 0 && toks[k - 1].norm == ","
        };
        // "the U.S. warning", "a warning": an -ing word after an actor or a
        // determiner is a noun, no act of speaking.
        if tr.kind == Statement
            && tr.form == Verb
            && toks[start].norm.ends_with("ing")
            && start >= 1
            && (mention_at(mentions, start - 1).is_some()
                || (toks[start - 1].word && toks[start - 1].cap)
                || matches!(
                    toks[start - 1].norm.as_str(),
                    "a" | "an" | "the" | "'s" | "his" | "her" | "their" | "its" | "without" | "no"
                ))
        {
            continue;
        }
        // "welcomed the premier at the airport": a greeting, no statement
        // (unlike "welcomed the decision").
        if tr.kind == Statement
            && toks[start].norm.starts_with("welcom")
            && greets_a_person(toks, mentions, actors, end)
        {
            continue;
        }
        // "has repeatedly rejected the plan, claiming ...": the participle
        // shares the habit, hypothesis or negation of its main verb.
        if participle && modal_drop.is_some_and(|d| out.last().is_none_or(|f| f.start < d)) {
            continue;
        }
        let (modality, tense) = modality(toks, start, end, tr.form == Noun);
        let status = match modality {
            Modality::Habitual => {
                modal_drop = Some(start);
                continue;
            }
            Modality::Hypothetical | Modality::Negated => {
                if tr.kind != Statement {
                    modal_drop = Some(start);
                    continue;
                }
                Status::Held
            }
            Modality::Planned => Status::Planned,
            Modality::Real => Status::Held,
        };
        let mut found_actors: Vec<usize> = Vec::new();
        // Separate events of one subject with each of several others.
        let mut split: Option<(Vec<usize>, Vec<usize>)> = None;
        // "A spoke to B and praised C": the subject of a coordinated verb
        // is the subject of the verb before it.
        // ", saying ...": a participle clause about the main clause's subject.
        let coordinated = start >= 1
            && (participle
                || matches!(toks[start - 1].norm.as_str(), "and" | "but")
                || (start >= 2 && toks[start - 2].norm == "and" && is_adverb(&toks[start - 1].norm)))
            && tr.form != Noun;
        // Without an earlier event in the sentence, the clause's first actor:
        // "Al-Sharaa thanked Turkey and said ...".
        let shared_subject = if coordinated {
            out.last().and_then(|f| f.actors.first().copied()).or_else(|| {
                mentions
                    .iter()
                    .find(|m| m.start < start && usable(m) && !quotes.get(m.start).copied().unwrap_or(false))
                    .map(|m| m.actor)
            })
        } else {
            None
        };
        // "X said ..., adding that", "X called on Y ..., warning that": the
        // participle continues the same act of speaking.
        if participle
            && tr.kind == Statement
            && shared_subject.is_some()
            && out
                .iter()
                .any(|f| matches!(f.kind, Statement | Demand) && f.actors.first().copied() == shared_subject)
        {
            continue;
        }
        match tr.kind {
            Statement => {
                // "was first announced by X": a passive whose agent speaks.
                let agent = passive_agent(toks, mentions, start, end, &usable);
                // "claimed by Moscow" is a participle, not a statement.
                if agent.is_none() && tr.form == Speech && toks.get(end).map(|t| t.norm == "by").unwrap_or(false) {
                    continue;
                }
                // "have said little about it", "offered no response": nothing said.
                if toks
                    .get(end)
                    .is_some_and(|t| matches!(t.norm.as_str(), "little" | "nothing" | "no"))
                {
                    continue;
                }
                let speaker: Option<usize> = match tr.form {
                    _ if agent.is_some() => agent,
                    SpeakerAfter => after(toks, mentions, end, 4, &usable),
                    Speech => adjacent_before(toks, mentions, start, &usable)
                        .or_else(|| document_author(toks, mentions, start, &usable))
                        .or_else(|| inverted_after(toks, mentions, end, &usable))
                        .or_else(|| {
                            // Only across a comma or a quote: "Trump, the president, said".
                            let prev = if start > 0 { toks[start - 1].norm.as_str() } else { "" };
                            if matches!(prev, "," | "\"" | ")" | "who") {
                                subject(toks, mentions, start, &usable).map(|g| g[0])
                            } else {
                                None
                            }
                        }),
                    // "X thanked Y in a post": the clause's subject, not
                    // the nearest actor.
                    _ if toks[start].norm == "in" => {
                        // "said in a statement" is the saying already found.
                        if start > 0 && triggers[start - 1].is_some_and(|m| m.kind == Statement) {
                            continue;
                        }
                        mentions.iter().position(|m| m.start < start && usable(m))
                    }
                    _ => subject(toks, mentions, start, &usable).map(|g| g[0]),
                };
                // Outlets are sources, not speakers.
                let after_outlet = tr.form == SpeakerAfter
                    && (end..(end + 5).min(toks.len())).any(|k| {
                        mention_at(mentions, k)
                            .map(|m| actors[mentions[m].actor].kind == ActorKind::Outlet)
                            .unwrap_or(false)
                            || matches!(
                                toks[k].norm.as_str(),
                                "media" | "agency" | "reports" | "newspaper" | "outlet" | "sources" | "source"
                            )
                    });
                if after_outlet {
                    continue;
                }
                // "state media in Russia said", "a newspaper in Berlin
                // reported": the outlet reports, the place does not speak.
                if let Some(m) = speaker {
                    let s0 = mentions[m].start;
                    let media_before = s0 >= 2
                        && matches!(toks[s0 - 1].norm.as_str(), "in" | "of")
                        && matches!(
                            toks[s0 - 2].norm.as_str(),
                            "media"
                                | "television"
                                | "tv"
                                | "radio"
                                | "agency"
                                | "agencies"
                                | "newspaper"
                                | "newspapers"
                                | "outlets"
                                | "press"
                        );
                    if media_before && shared_subject.is_none() {
                        continue;
                    }
                }
                let mut who = match (speaker.map(|m| mentions[m].actor), shared_subject) {
                    (_, Some(s)) => s,
                    (Some(a), None) => a,
                    (None, None) => continue,
                };
                // "the Kremlin announced, through its spokesman X": X speaks.
                if actors[who].kind != ActorKind::Person {
                    if let Some(m) = through_person(toks, mentions, end, actors, &usable) {
                        who = m;
                    }
                }
                found_actors.push(who);
                // "told him Russia should ...": a demand by the same speaker.
                if matches!(
                    toks[start].norm.as_str(),
                    "told" | "tells" | "said" | "says" | "stressed" | "insisted" | "warned" | "added"
                ) {
                    let demand = modal_demand(toks, mentions, end, &usable)
                        .or_else(|| quoted_demand(toks, mentions, quotes, start, end));
                    // "unless Kyiv is involved", said by Ukraine's leader:
                    // a condition on one's own side is no demand.
                    let own_side = demand.flatten().is_some_and(|t| {
                        let target = &actors[mentions[t].actor];
                        actors[who].country.as_deref() == Some(target.name.as_str()) || mentions[t].actor == who
                    });
                    if let Some(target) = demand.filter(|_| !own_side) {
                        let mut d = vec![who];
                        if let Some(t) = target {
                            d.push(mentions[t].actor);
                        }
                        dedup(&mut d);
                        extra.push((d, start, end));
                    }
                }
            }
            Demand => {
                let who = match shared_subject {
                    Some(s) => s,
                    None => {
                        let Some(subj) = subject(toks, mentions, start, &usable) else {
                            continue;
                        };
                        mentions[subj[0]].actor
                    }
                };
                found_actors.push(who);
                if let Some(obj) = after(toks, mentions, end, 6, &usable) {
                    found_actors.push(mentions[obj].actor);
                }
            }
            Call | Talks => {
                if tr.form == Noun {
                    let parts = noun_participants(toks, mentions, start, end, &usable);
                    // "holds Kremlin talks with Putin", "a White House
                    // meeting with B": an office right before the noun is
                    // where it is held when others take part after it.
                    let venue = |m: usize| {
                        mentions[m].end == start
                            && actors[mentions[m].actor].kind == ActorKind::Office
                            && parts.iter().any(|&o| mentions[o].start >= end)
                    };
                    for &m in parts.iter().filter(|&&m| !venue(m)) {
                        found_actors.push(mentions[m].actor);
                    }
                    // The verb's subject stands before the venue.
                    let head = parts
                        .iter()
                        .filter(|&&m| venue(m))
                        .map(|&m| mentions[m].start)
                        .min()
                        .unwrap_or(start);
                    // "A held separate calls with B and C": A with each.
                    if separate(toks, start, end) && light_verb_before(toks, start) {
                        let subj: Vec<usize> = subject(toks, mentions, start, &usable)
                            .unwrap_or_default()
                            .iter()
                            .map(|&m| mentions[m].actor)
                            .collect();
                        found_actors.retain(|a| !subj.contains(a));
                        if !subj.is_empty() && found_actors.len() >= 2 {
                            split = Some((subj.clone(), found_actors.clone()));
                        }
                        found_actors.splice(0..0, subj);
                    }
                    // "A received B at the palace for talks": host and guest.
                    if found_actors.len() < 2 {
                        if let Some((host, guest)) = host_and_guest(toks, mentions, start, &usable) {
                            found_actors = host.iter().map(|&m| mentions[m].actor).collect();
                            found_actors.push(mentions[guest].actor);
                        }
                    }
                    // "A held a phone call with B": the verb's subject takes
                    // part; so in "A spoke to reporters after talks with B".
                    if found_actors.len() < 2
                        && (light_verb_before(toks, head)
                            || after_event(toks, start)
                            || (found_actors.len() == 1 && at_the_event(toks, head)))
                    {
                        let subj = subject(toks, mentions, head, &usable).unwrap_or_default();
                        let mut all: Vec<usize> = subj.iter().map(|&m| mentions[m].actor).collect();
                        all.append(&mut found_actors);
                        found_actors = all;
                    }
                } else {
                    match shared_subject {
                        Some(s) => found_actors.push(s),
                        None => {
                            for m in subject(toks, mentions, start, &usable).unwrap_or_default() {
                                found_actors.push(mentions[m].actor);
                            }
                        }
                    }
                    let last = toks[end - 1].norm.as_str();
                    // The other side follows the verb ("met X", "telephoned
                    // X", "rang up X", "spoke with X"), unless the phrase
                    // ends in the event's noun ("held talks with X", "spoke
                    // by phone with X") and a preposition brings it.
                    let ends_in_noun = tr.len > 1 && vocab.starting_with(last).iter().any(|t| t.form == Noun);
                    let direct = matches!(last, "with" | "to")
                        || (tr.len == 1 && !vocab.is_phone_verb(last))
                        || (tr.len > 1 && !ends_in_noun);
                    let obj_start = if direct {
                        Some(end)
                    } else {
                        preposition_after(toks, end)
                    };
                    // After "with"/"to" the other side follows closely
                    // ("speaking to German broadcaster ZDF, said Israel ..."
                    // names no other side).
                    let prepositional = matches!(last, "with" | "to") || !direct;
                    let subj = found_actors.clone();
                    let mut last_object = None;
                    for m in obj_start
                        .map(|k| objects(toks, mentions, k, &usable))
                        .unwrap_or_default()
                    {
                        if prepositional && obj_start.is_some_and(|k| mentions[m].start > k + 3) {
                            break;
                        }
                        found_actors.push(mentions[m].actor);
                        last_object = Some(m);
                    }
                    // "spoke with A and then with B", "met A and B separately".
                    let second = last_object.and_then(|m| second_party(toks, mentions, m, &usable));
                    if let Some(m) = second {
                        found_actors.push(mentions[m].actor);
                    }
                    let others: Vec<usize> = found_actors.iter().copied().filter(|a| !subj.contains(a)).collect();
                    let apart = second.is_some()
                        || separate(toks, start, end)
                        || last_object
                            .is_some_and(|m| toks.get(mentions[m].end).is_some_and(|t| t.norm == "separately"));
                    if apart && !subj.is_empty() && others.len() >= 2 {
                        split = Some((subj.clone(), others));
                    }
                    // "Before talking to Putin, Trump spoke": the main actor.
                    dedup(&mut found_actors);
                    let adjunct = start >= 1
                        && matches!(
                            toks[start - 1].norm.as_str(),
                            "before" | "after" | "while" | "when" | "since"
                        );
                    // "The British government said that they had spoken to
                    // Trump": a plural pronoun for the sentence's body.
                    let they = toks[..start]
                        .iter()
                        .rev()
                        .find(|t| {
                            !matches!(
                                t.norm.as_str(),
                                "had" | "has" | "have" | "already" | "also" | "just" | "reportedly"
                            )
                        })
                        .is_some_and(|t| matches!(t.norm.as_str(), "they" | "we"));
                    if found_actors.len() < 2 && (adjunct || they) {
                        let body = |m: &&ActorMention| usable(m) && !found_actors.contains(&m.actor);
                        let pick = if they {
                            mentions
                                .iter()
                                .filter(body)
                                .find(|m| actors[m.actor].kind != ActorKind::Person)
                        } else {
                            mentions.iter().find(body)
                        };
                        if let Some(m) = pick {
                            found_actors.insert(0, m.actor);
                        }
                    }
                }
                // "Sitting down with B, A said", "At Thursday's talks, A
                // and B agreed": an opening phrase short of parties takes
                // the main clause's.
                if found_actors.len() < 2 {
                    if let Some((subj, obj)) = main_clause_parties(toks, mentions, start, end, &usable) {
                        let mut all: Vec<usize> = subj.iter().map(|&m| mentions[m].actor).collect();
                        all.append(&mut found_actors);
                        all.extend(obj.map(|m| mentions[m].actor));
                        found_actors = all;
                    }
                }
                dedup(&mut found_actors);
                if found_actors.len() < 2 {
                    continue;
                }
            }
        }
        dedup(&mut found_actors);
        // "Trump said he would speak with Putin next week": the time belongs
        // to the reported event, not to the saying.
        let time = if tr.kind == Statement {
            let limit = event_triggers.iter().copied().find(|&k| k >= end).unwrap_or(toks.len());
            // After the verb, only close and before the reported clause:
            // "said on Monday", "told reporters on Monday", not "told
            // reporters the summit would meet later this month".
            let own: Vec<TimeExpr> = times
                .iter()
                .filter(|t| t.start < limit)
                .filter(|t| {
                    if t.start < start {
                        return !reported_before(toks, mentions, t, start);
                    }
                    t.start <= end + 8
                        && !toks[end..t.start].iter().enumerate().any(|(o, x)| {
                            matches!(x.norm.as_str(), "that" | ":" | "\"")
                                // "said the talks would resume on Monday":
                                // a modal is the reported clause's verb.
                                // ("may" there is too often the month.)
                                || (is_modal(&x.norm) && x.norm != "may")
                                // "said he hopes Friday's meeting": a new
                                // subject opens the reported clause.
                                || (PRONOUNS_SUBJ.contains(x.norm.as_str()) && mention_at(mentions, end + o).is_none_or(|m| mentions[m].start == end + o))
                        })
                })
                .filter(|t| same_clause(toks, t, start, end))
                .copied()
                .collect();
            nearest_time(&own, start, end)
        } else {
            let own: Vec<TimeExpr> = times
                .iter()
                .filter(|t| same_clause(toks, t, start, end))
                .copied()
                .collect();
            // "arrived on Friday, after hours of discussions with B": an
            // adjunct event takes the time of the clause it hangs on.
            nearest_time(&own, start, end).or_else(|| {
                (tr.form == Noun && after_event(toks, start))
                    .then(|| times.iter().rev().find(|t| t.end <= start).copied())
                    .flatten()
            })
        };
        let (time, shift) = relate(toks, times, time, start, end);
        let location = if tr.kind == Talks {
            location(toks, mentions, actors, start, end)
        } else {
            None
        };
        let sets = match split {
            Some((subj, others)) => others
                .into_iter()
                .map(|o| {
                    let mut v = subj.clone();
                    v.push(o);
                    v
                })
                .collect(),
            None => vec![found_actors],
        };
        for actors in sets {
            let f = Found {
                kind: tr.kind,
                actors,
                status,
                tense,
                start,
                end,
                time,
                shift,
                location,
                background: background(toks, start),
                bare_perfect: bare_perfect(toks, start),
            };
            if !out.iter().any(|o| o.kind == f.kind && o.actors == f.actors) {
                out.push(f);
            }
        }
    }
    // "travel to Beijing to meet Xi", "met B on his first trip to C": the
    // meeting, not the trip around it.
    let journey = |f: &Found| {
        let w = toks[f.start].norm.as_str();
        w.starts_with("travel") || matches!(w, "trip" | "trips" | "visit" | "visits" | "journey")
    };
    let trips: Vec<usize> = (0..out.len())
        .filter(|&a| {
            out[a].kind == Talks
                && journey(&out[a])
                && out.iter().enumerate().any(|(b, o)| {
                    b != a
                        && o.kind == Talks
                        && !journey(o)
                        && o.status == out[a].status
                        && o.actors.first() == out[a].actors.first()
                })
        })
        .collect();
    for a in trips.into_iter().rev() {
        out.remove(a);
    }
    // "X urged Y to ..., his office said": the sentence is X's demand; the
    // attribution adds no statement of X's.
    let demands: Vec<(usize, usize)> = out
        .iter()
        .filter(|f| f.kind == Demand)
        .filter_map(|f| f.actors.first().map(|&a| (a, f.start)))
        .collect();
    out.retain(|f| {
        // ", his office said" closes the sentence; "and said ..." is a
        // second act of speaking.
        let attribution = f.kind == Statement
            && matches!(
                toks[f.start].norm.as_str(),
                "said" | "says" | "added" | "stated" | "wrote" | "posted"
            )
            && (f.start.saturating_sub(4)..f.start).any(|k| toks[k].norm == ",")
            && f.start > 0
            && toks[f.start - 1].norm != "and";
        !attribution
            || f.actors
                .first()
                .is_none_or(|a| !demands.iter().any(|&(d, at)| d == *a && at < f.start))
    });
    for (actors_d, start, end) in extra {
        if out
            .iter()
            .any(|o| o.kind == Demand && o.actors.first() == actors_d.first())
        {
            continue;
        }
        let (_, tense) = modality(toks, start, end, false);
        // Demanded when said: the saying's own time, not one inside the
        // reported words ("says X must show good faith at tomorrow's talks").
        let (time, shift) = out
            .iter()
            .find(|o| o.kind == Statement && o.start == start)
            .map(|o| (o.time, o.shift))
            .unwrap_or_else(|| relate(toks, times, nearest_time(times, start, end), start, end));
        out.push(Found {
            kind: Demand,
            actors: actors_d,
            status: Status::Held,
            tense,
            start,
            end,
            time,
            shift,
            location: None,
            background: background(toks, start),
            bare_perfect: bare_perfect(toks, start),
        });
    }
    // The speaker's own calls and meetings, told in their quoted words.
    if let Some(speaker) = out
        .iter()
        .find(|o| o.kind == Statement && !o.background)
        .and_then(|o| o.actors.first().copied())
    {
        let quoted_found = quoted_events(toks, mentions, &in_quotes, quotes, vocab, actors, speaker);
        out.extend(quoted_found);
    }
    out
}

/// Words that may stand between "I"/"we" and a call or meeting in quoted
/// speech: auxiliaries, "going to", light verbs of a noun ("have a call").
fn first_person_link(norm: &str) -> bool {
    matches!(
        norm,
        "will"
            | "'ll"
            | "shall"
            | "are"
            | "am"
            | "going"
            | "to"
            | "have"
            | "has"
            | "had"
            | "'ve"
            | "hold"
            | "held"
            | "just"
            | "also"
            | "then"
            | "already"
            | "a"
            | "an"
            | "the"
            | "our"
            | "my"
            | "agreed"
            | "plan"
            | "planned"
            | "intend"
    )
}

/// Calls and meetings a speaker tells of in the first person inside a
/// quote: "We will have a videoconference with them tomorrow," she said
/// -> a planned call of the speaker with them. The quote must be the
/// speaker's (one statement in the sentence) and name the other side.
fn quoted_events(
    toks: &[Token],
    mentions: &[ActorMention],
    times: &[TimeExpr],
    quotes: &[bool],
    vocab: &Triggers,
    actors: &[crate::actors::ActorInfo],
    speaker: usize,
) -> Vec<Found> {
    let quoted = |k: usize| quotes.get(k).copied().unwrap_or(false);
    let mut out: Vec<Found> = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        let Some(tr) = (if quoted(k) { match_trigger(vocab, toks, k) } else { None }) else {
            k += 1;
            continue;
        };
        let (start, end) = (k, k + tr.len);
        k = end;
        if !matches!(tr.kind, Call | Talks) {
            continue;
        }
        // Back over the linking words to "I" or "we".
        let mut j = start;
        let mut planned = false;
        while j > 0 && quoted(j - 1) && first_person_link(&toks[j - 1].norm) {
            planned |= matches!(
                toks[j - 1].norm.as_str(),
                "will" | "'ll" | "shall" | "going" | "agreed" | "plan" | "planned" | "intend"
            );
            j -= 1;
        }
        // "we", "I", and the contractions the tokenizer keeps whole.
        let subject = if j > 0 && quoted(j - 1) {
            toks[j - 1].norm.as_str()
        } else {
            ""
        };
        if !matches!(
            subject,
            "i" | "we" | "i'll" | "we'll" | "i've" | "we've" | "i'm" | "we're"
        ) {
            continue;
        }
        planned |= subject.ends_with("'ll");
        // The other side: actors named in the quote after the trigger.
        let quote_end = (end..toks.len()).find(|&q| !quoted(q)).unwrap_or(toks.len());
        let mut who = vec![speaker];
        for m in mentions
            .iter()
            .filter(|m| m.start >= end && m.end <= quote_end && !m.pronoun)
        {
            if actors[m.actor].kind != ActorKind::Outlet && !who.contains(&m.actor) {
                who.push(m.actor);
            }
        }
        if who.len() < 2 {
            continue;
        }
        let quote_start = (0..start).rev().take_while(|&q| quoted(q)).last().unwrap_or(start);
        let time = times
            .iter()
            .filter(|t| t.start >= quote_start && t.end <= quote_end)
            .min_by_key(|t| t.start.abs_diff(start))
            .copied();
        let kind = if tr.kind == Talks && remote(toks, start, end) {
            Call
        } else {
            tr.kind
        };
        out.push(Found {
            kind,
            actors: who,
            status: if planned { Status::Planned } else { Status::Held },
            tense: if planned { Tense::Future } else { Tense::Past },
            start,
            end,
            time,
            shift: 0,
            location: None,
            background: false,
            bare_perfect: false,
        });
    }
    out
}

/// Whether a meeting is held remotely: "virtual"/"online"/"video" just
/// before the trigger, or "by video link", "via videoconference",
/// "virtually", "online" in its clause after it.
fn remote(toks: &[Token], start: usize, end: usize) -> bool {
    let is_remote = |w: &str| {
        matches!(
            w,
            "video" | "videoconference" | "virtual" | "virtually" | "online" | "videolink"
        )
    };
    let before = toks[start.saturating_sub(2)..start].iter().any(|t| is_remote(&t.norm));
    let after = toks[end..(end + 8).min(toks.len())]
        .iter()
        .take_while(|t| {
            !matches!(
                t.norm.as_str(),
                "," | ";" | "." | "and" | "but" | "while" | "which" | "who"
            )
        })
        .any(|t| is_remote(&t.norm));
    before || after
}

/// "following talks with B", "after four hours of discussions with B",
/// "at the end of the meeting with B": the noun names an event the
/// clause's subject has just been through.
fn after_event(toks: &[Token], start: usize) -> bool {
    (start.saturating_sub(7)..start)
        .rev()
        .take_while(|&k| {
            !matches!(
                toks[k].norm.as_str(),
                "," | ";" | "." | "and" | "but" | "that" | "which"
            )
        })
        .any(|k| matches!(toks[k].norm.as_str(), "after" | "following" | "during" | "concluding"))
}

/// "put offers on the table at talks with B", "spoke at a joint meeting
/// with B", "flew in for talks with B": the noun phrase is where the
/// clause's act took place, or what the journey was for, so its subject
/// took part.
fn at_the_event(toks: &[Token], start: usize) -> bool {
    let mut k = start;
    let mut words = 0;
    while k > 0 && words < 3 {
        k -= 1;
        let t = &toks[k];
        match t.norm.as_str() {
            "at" => return true,
            // "arrived in Oslo for talks with B": the journey's purpose.
            "for" => return arrived_to(toks, k),
            "the" | "a" | "an" | "his" | "her" | "their" | "its" => {}
            w if t.word && !t.cap && !is_function_word(w) => {}
            _ => return false,
        }
        words += 1;
    }
    false
}

/// "held a phone call", "had talks", "made a call": a light verb whose
/// subject takes part in the noun's event.
fn light_verb_before(toks: &[Token], start: usize) -> bool {
    // Back over the noun phrase only: "held a second round of indirect talks".
    let from = (start.saturating_sub(7)..start)
        .rev()
        .find(|&k| matches!(toks[k].norm.as_str(), "," | ";" | "." | "that" | "and" | "but"))
        .map(|k| k + 1)
        .unwrap_or(start.saturating_sub(7));
    (from..start).rev().any(|k| {
        matches!(
            toks[k].norm.as_str(),
            "held"
                | "hold"
                | "holds"
                | "holding"
                | "had"
                | "have"
                | "has"
                | "made"
                | "make"
                | "conducted"
                | "joined"
                | "took"
                // "A and B ended their meeting", "A opened talks with B":
                // who ends or opens a meeting was in it.
                | "ended"
                | "concluded"
                | "began"
                | "opened"
                | "started"
                | "attended"
        )
    })
}

/// Words that join or place a phrase and so cannot be a clause's verb.
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "and"
            | "or"
            | "of"
            | "in"
            | "at"
            | "on"
            | "to"
            | "for"
            | "from"
            | "with"
            | "by"
            | "the"
            | "a"
            | "an"
            | "who"
            | "which"
            | "whose"
            | "where"
            | "as"
    )
}

fn is_adverb(w: &str) -> bool {
    matches!(
        w,
        "also" | "then" | "later" | "again" | "quickly" | "immediately" | "repeatedly" | "publicly" | "separately"
    )
}

/// "..., through its spokesman Dmitry Peskov": the person an office speaks through.
fn through_person(
    toks: &[Token],
    mentions: &[ActorMention],
    end: usize,
    actors: &[crate::actors::ActorInfo],
    usable: &dyn Fn(&ActorMention) -> bool,
) -> Option<usize> {
    let mut k = end;
    if k < toks.len() && toks[k].norm == "," {
        k += 1;
    }
    if k >= toks.len() || toks[k].norm != "through" {
        return None;
    }
    (k + 1..(k + 8).min(toks.len()))
        .find_map(|j| {
            mention_at(mentions, j)
                .filter(|&m| usable(&mentions[m]) && actors[mentions[m].actor].kind == ActorKind::Person)
        })
        .map(|m| mentions[m].actor)
}

/// "told him the intention should be ...", "said Russia must withdraw":
/// Some(target) when a "should"/"must" follows in the same clause; the
/// target is the actor right before the modal, if any.
fn modal_demand(
    toks: &[Token],
    mentions: &[ActorMention],
    end: usize,
    usable: &dyn Fn(&ActorMention) -> bool,
) -> Option<Option<usize>> {
    // Conditions may come late in a long sentence; obligations close by.
    for (k, t) in toks.iter().enumerate().take(end + 40).skip(end) {
        let w = t.norm.as_str();
        if matches!(w, ";" | "." | "but" | "while") {
            return None;
        }
        if k >= end + 14 && !matches!(w, "unless" | "until") {
            continue;
        }
        // "Russia needs to withdraw", "Kyiv has to accept": an obligation
        // put on a named actor.
        let obliged = matches!(w, "needs" | "need" | "has" | "have" | "ought")
            && toks.get(k + 1).is_some_and(|t| t.norm == "to")
            && k > 0
            && mention_at(mentions, k - 1).is_some_and(|m| usable(&mentions[m]) && !mentions[m].pronoun);
        if obliged {
            return Some(mention_at(mentions, k - 1));
        }
        // "no deal until the West meets its obligations", "unless Kyiv
        // withdraws": a condition set on a named actor.
        if matches!(w, "unless" | "until") {
            let j = if toks.get(k + 1).is_some_and(|t| t.norm == "the") {
                k + 2
            } else {
                k + 1
            };
            if let Some(m) = mention_at(mentions, j).filter(|&m| usable(&mentions[m]) && !mentions[m].pronoun) {
                return Some(Some(m));
            }
        }
        if matches!(w, "should" | "must") {
            let target = if k > 0 {
                mention_at(mentions, k - 1).filter(|&m| usable(&mentions[m]))
            } else {
                None
            };
            return Some(target);
        }
    }
    None
}

/// "“We urge Borduria to stop the shelling,” Ann Alpha said": a demand
/// voiced in the first person inside the quote the speech verb reports.
/// The target is the actor named right after the verb, if any.
fn quoted_demand(
    toks: &[Token],
    mentions: &[ActorMention],
    quotes: &[bool],
    start: usize,
    end: usize,
) -> Option<Option<usize>> {
    let quoted = |k: usize| quotes.get(k).copied().unwrap_or(false);
    // The quote just before the verb (", “...,” X said") or right after it.
    let before = (start.saturating_sub(4)..start).rev().find(|&k| quoted(k));
    let after = (end..(end + 3).min(toks.len())).find(|&k| quoted(k));
    let (lo, hi) = match (before, after) {
        (Some(b), _) => ((0..=b).rev().take_while(|&k| quoted(k)).last()?, b + 1),
        (None, Some(a)) => (a, (a..toks.len()).take_while(|&k| quoted(k)).last()? + 1),
        (None, None) => return None,
    };
    for k in lo + 1..hi {
        let w = toks[k].norm.as_str();
        let urging = matches!(w, "urge" | "demand" | "implore" | "insist")
            || (w == "call"
                && toks
                    .get(k + 1)
                    .is_some_and(|t| matches!(t.norm.as_str(), "on" | "upon")));
        if !urging {
            continue;
        }
        let first_person = (k.saturating_sub(3)..k).any(|j| matches!(toks[j].norm.as_str(), "we" | "i"));
        if !first_person {
            continue;
        }
        let target = (k + 1..(k + 5).min(hi)).find_map(|j| mention_at(mentions, j).filter(|&m| !mentions[m].pronoun));
        return Some(target);
    }
    None
}

/// Participants of a noun trigger: compound or possessive modifiers before
/// it ("the Trump-Putin call", "his call", "Russia's talks") and a "with" or
/// "between" phrase after it ("talks between A and B", "a call with B").
fn noun_participants(
    toks: &[Token],
    mentions: &[ActorMention],
    start: usize,
    end: usize,
    usable: &dyn Fn(&ActorMention) -> bool,
) -> Vec<usize> {
    let mut out = Vec::new();
    // Before: walk back over modifiers, collecting adjacent actors.
    let mut k = start;
    let mut steps = 0;
    while k > 0 && steps < 6 {
        k -= 1;
        steps += 1;
        if let Some(m) = mention_at(mentions, k) {
            if usable(&mentions[m]) {
                // Walking backwards: members in reverse, put right below.
                let members: Vec<usize> = with_members(mentions, m).collect();
                out.extend(members.into_iter().rev());
            }
            k = mentions[m].start;
            continue;
        }
        let w = toks[k].norm.as_str();
        let modifier = matches!(
            w,
            "-" | "'s"
                | "and"
                | "\""
                | "frank"
                | "productive"
                | "lengthy"
                | "brief"
                | "rare"
                | "phone"
                | "telephone"
                | "video"
                | "peace"
                | "direct"
                | "hour"
                | "two"
                | "first"
                | "latest"
                | "excellent"
                | "long"
                | "bilateral"
                | "leaders"
                | "previous"
                | "reported"
                | "last"
                | "earlier"
                | "'"
        ) || w.ends_with("hour")
            || w.chars().all(|c| c.is_ascii_digit());
        if !modifier {
            break;
        }
    }
    out.reverse();
    if out.len() >= 2 {
        return out;
    }
    // After: the first "with" or "between" within a few words.
    let mut k = end;
    while k < toks.len() && k < end + 8 {
        let w = toks[k].norm.as_str();
        if matches!(w, ";" | "." | "that" | "which" | "who" | "but") {
            break;
        }
        // "a trip to Kyiv", "his visit to Beijing": the host.
        let journey = matches!(
            toks[start].norm.as_str(),
            "trip" | "trips" | "visit" | "visits" | "journey"
        );
        if matches!(w, "with" | "between") || (journey && w == "to" && k == end) {
            out.extend(objects(toks, mentions, k + 1, usable));
            break;
        }
        k += 1;
    }
    out
}

/// The parties of the main clause after an opening phrase that holds the
/// trigger: "Meeting for the first time, A told B", "At the talks, A and B
/// agreed". The phrase is short, names nobody but by pronoun, and ends at
/// a comma; the subject follows it closely, and after one verb of telling
/// or greeting, its object. Returns the subject's mentions and the object.
fn main_clause_parties(
    toks: &[Token],
    mentions: &[ActorMention],
    start: usize,
    end: usize,
    usable: &dyn Fn(&ActorMention) -> bool,
) -> Option<(Vec<usize>, Option<usize>)> {
    if start > 4 || toks[..start].iter().any(|t| t.norm == "," || t.norm == "\"") {
        return None;
    }
    if mentions.iter().any(|m| m.end <= start && !m.pronoun) {
        return None;
    }
    // The main clause opens with its subject ("..., the premier said"),
    // not with another phrase (", and then between A and B"). The opening
    // phrase may hold an apposition of its own ("at the base, a site in
    // the east, where he was invited, the leader ..."): after a later
    // comma, the subject must be followed by its verb.
    let opens_main_clause = |comma: usize, first: usize| {
        toks[comma + 1..mentions[first].start]
            .iter()
            .all(|t| matches!(t.norm.as_str(), "the" | "both"))
    };
    let mut commas = (end..toks.len().min(end + 40))
        .take_while(|&k| !matches!(toks[k].norm.as_str(), "." | ";" | "\""))
        .filter(|&k| toks[k].norm == ",");
    let comma = commas.next()?;
    let first_after = |comma: usize| mentions.iter().position(|m| m.start > comma && usable(m));
    let first = match first_after(comma).filter(|&f| opens_main_clause(comma, f)) {
        Some(f) => f,
        None => commas.find_map(|c| {
            let f = first_after(c).filter(|&f| opens_main_clause(c, f))?;
            let after = toks.get(mentions[f].end)?;
            let verb = after.word && !after.cap && !is_function_word(&after.norm);
            verb.then_some(f)
        })?,
    };
    let mut subj = vec![first];
    let mut last = first;
    while let Some(next) = mentions.get(last + 1) {
        // "the two leaders": one phrase, several members.
        if next.start == mentions[last].start && usable(next) {
            subj.push(last + 1);
            last += 1;
            continue;
        }
        if next.start < mentions[last].end {
            break;
        }
        let gap = &toks[mentions[last].end..next.start];
        let joined = !gap.is_empty()
            && gap.len() <= 2
            && gap.iter().all(|t| matches!(t.norm.as_str(), "and" | "," | "the"))
            && gap.iter().any(|t| t.norm == "and" || t.norm == ",");
        if !joined || !usable(next) {
            break;
        }
        subj.push(last + 1);
        last += 1;
    }
    let object = mentions.get(last + 1).filter(|m| {
        if m.start < mentions[last].end + 1 {
            return false;
        }
        let gap = &toks[mentions[last].end..m.start];
        usable(m)
            && gap.len() == 1
            && matches!(
                gap[0].norm.as_str(),
                "told"
                    | "informed"
                    | "assured"
                    | "thanked"
                    | "urged"
                    | "asked"
                    | "praised"
                    | "greeted"
                    | "welcomed"
                    | "hugged"
                    | "congratulated"
                    | "reassured"
                    | "warned"
            )
    });
    Some((subj, object.map(|_| last + 1)))
}

/// After "welcomed": a person, or "each leader", "the guests", "the
/// delegation" — someone greeted, not something approved of.
fn greets_a_person(toks: &[Token], mentions: &[ActorMention], actors: &[ActorInfo], end: usize) -> bool {
    if let Some(m) = mention_at(mentions, end) {
        return mentions[m].start == end && actors[mentions[m].actor].kind == ActorKind::Person;
    }
    let w = |k: usize| toks.get(k).map(|t| t.norm.as_str()).unwrap_or("");
    let det = matches!(
        w(end),
        "each" | "every" | "the" | "both" | "his" | "her" | "their" | "its"
    );
    det && matches!(
        w(end + 1),
        "leader"
            | "leaders"
            | "guest"
            | "guests"
            | "delegation"
            | "delegations"
            | "visitor"
            | "visitors"
            | "president"
            | "premier"
            | "minister"
            | "envoy"
            | "king"
            | "queen"
            | "pope"
    )
}

/// The verb of receiving a guest in the clause before "for" at `for_at`.
fn receiving_verb_before(toks: &[Token], for_at: usize) -> Option<usize> {
    let verb = (for_at.saturating_sub(14)..for_at).rev().find(|&v| {
        matches!(
            toks[v].norm.as_str(),
            "received" | "receives" | "receiving" | "hosted" | "hosts" | "hosting" | "welcomed" | "welcomes"
        )
    })?;
    (!toks[verb..for_at]
        .iter()
        .any(|t| matches!(t.norm.as_str(), ";" | "and" | "but")))
    .then_some(verb)
}

/// "A received B at the palace for talks", "A hosted B for a working
/// dinner": a meeting noun after "for", and before it a verb of receiving
/// with its guest right after it. Returns the host's mentions and the
/// guest's.
fn host_and_guest(
    toks: &[Token],
    mentions: &[ActorMention],
    start: usize,
    usable: &dyn Fn(&ActorMention) -> bool,
) -> Option<(Vec<usize>, usize)> {
    let mut k = start;
    // Back over "a", "his first", "their annual" to "for".
    while k > 0 && start - k < 4 && toks[k - 1].norm != "for" {
        k -= 1;
        if !toks[k].word || mention_at(mentions, k).is_some_and(|m| !mentions[m].pronoun) {
            return None;
        }
    }
    if k == 0 || toks[k - 1].norm != "for" {
        return None;
    }
    let verb = receiving_verb_before(toks, k - 1)?;
    let guest = mention_at(mentions, verb + 1).filter(|&m| usable(&mentions[m]))?;
    let host = subject(toks, mentions, verb, usable)?;
    Some((host, guest))
}

fn dedup(v: &mut Vec<usize>) {
    let mut seen = Vec::new();
    v.retain(|x| {
        if seen.contains(x) {
            false
        } else {
            seen.push(*x);
            true
        }
    });
}

/// A noun trigger counts when it is used as a noun: after a determiner or
/// modifier, or followed by "with"/"between".
fn noun_context(toks: &[Token], mentions: &[ActorMention], start: usize, end: usize) -> bool {
    let next = toks.get(end).map(|t| t.norm.as_str()).unwrap_or("");
    if matches!(next, "with" | "between") {
        return true;
    }
    if light_verb_before(toks, start) && !toks[start].norm.starts_with("call") {
        return true;
    }
    if matches!(next, "for" | "on") && toks[start].norm.starts_with("call") {
        return false;
    }
    if start == 0 {
        return toks[start].cap && toks[start].norm != "call";
    }
    // "received B for talks", "hosted B for his first meeting".
    let for_at = (start.saturating_sub(3)..start).rev().find(|&k| toks[k].norm == "for");
    if for_at.is_some_and(|f| receiving_verb_before(toks, f).is_some()) {
        return true;
    }
    let prev = toks[start - 1].norm.as_str();
    matches!(
        prev,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "its"
            | "this"
            | "that"
            | "'s"
            | "-"
            | "phone"
            | "telephone"
            | "video"
            | "coming"
            | "planned"
            | "first"
            | "second"
            | "third"
            | "latest"
            | "previous"
            | "peace"
            | "direct"
            | "hour"
            | "long"
            | "two"
            | "bilateral"
            | "new"
            | "brief"
            | "lengthy"
            | "in"
            | "of"
            | "person"
            | "further"
            | "substantive"
            | "excellent"
            | "productive"
            | "frank"
            | "formal"
            | "informal"
            | "rare"
            | "historic"
            | "reported"
            | "last"
            | "earlier"
            | "'"
    ) || prev.ends_with("hour")
        || mention_at(mentions, start - 1).is_some()
}

/// "asked" and "pressed" are demands only in "asked X to ...".
fn demand_context(toks: &[Token], start: usize, end: usize) -> bool {
    match toks[start].norm.as_str() {
        "asked" | "pressed" | "challenged" => (end..(end + 6).min(toks.len())).any(|k| toks[k].norm == "to"),
        _ => true,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Modality {
    Real,
    Habitual,
    Planned,
    Hypothetical,
    Negated,
}

/// Tense and modality from the words just before the trigger (and, for
/// nouns, the verb after it: "talks ... will take place today").
fn modality(toks: &[Token], start: usize, end: usize, noun: bool) -> (Modality, Tense) {
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
fn arrived_to(toks: &[Token], to: usize) -> bool {
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

fn is_modal(w: &str) -> bool {
    matches!(w, "would" | "will" | "could" | "can" | "may" | "might" | "should")
}

/// A modal at `k` whose verb tells an event's effect ("would mark",
/// "could help", "will pave the way"), not its taking place.
fn effect_after_modal(toks: &[Token], w: &str, k: usize) -> bool {
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

/// The actor right before the trigger (allowing adverbs and auxiliaries).
fn adjacent_before(
    toks: &[Token],
    mentions: &[ActorMention],
    start: usize,
    usable: &dyn Fn(&ActorMention) -> bool,
) -> Option<usize> {
    let mut k = start;
    while k > 0 {
        k -= 1;
        if let Some(m) = mention_at(mentions, k) {
            if seat_of(toks, &mentions[m]) {
                // "the US Embassy in Bangkok said": the embassy speaks.
                k = mentions[m].start.saturating_sub(1);
                continue;
            }
            return usable(&mentions[m]).then_some(m);
        }
        if toks[k].norm == "in" || INSTITUTIONS.contains(toks[k].norm.as_str()) {
            continue;
        }
        if !matches!(
            toks[k].norm.as_str(),
            "also"
                | "then"
                | "later"
                | "again"
                | "has"
                | "had"
                | "have"
                | "was"
                | "reportedly"
                | "previously"
                | "earlier"
                | "publicly"
                | "quickly"
                | "immediately"
                | "himself"
                | "herself"
                | "further"
                | "just"
                | "once"
                | "repeatedly"
                | "separately"
        ) {
            return None;
        }
    }
    None
}

/// The person an apposition describes: in "X, the head of the Alandic
/// delegation, said", the mention of the delegation lies in ", the ... ,"
/// right after the person X.
fn apposition_head(
    toks: &[Token],
    mentions: &[ActorMention],
    m: usize,
    usable: &dyn Fn(&ActorMention) -> bool,
) -> Option<usize> {
    let c = (mentions[m].start.saturating_sub(8)..mentions[m].start)
        .rev()
        .find(|&k| toks[k].norm == ",")?;
    if !matches!(
        toks.get(c + 1).map(|t| t.norm.as_str()),
        Some("the" | "a" | "an" | "its" | "his" | "her")
    ) {
        return None;
    }
    let p = mention_at(mentions, c.checked_sub(1)?)?;
    let person = mentions[p].end == c && usable(&mentions[p]) && p != m;
    // The apposition must close with a comma after the mention.
    let closed = toks
        .get(mentions[m].end..)
        .is_some_and(|rest| rest.iter().take(6).any(|t| t.norm == ","));
    (person && closed && !mentions[p].pronoun).then_some(p)
}

/// Bodies that sit somewhere: "the US Embassy in Bangkok".
static INSTITUTIONS: WordSet = WordSet::new(&[
    "embassy",
    "consulate",
    "mission",
    "office",
    "bureau",
    "delegation",
    "representation",
    "headquarters",
]);

/// A place that only says where an institution sits: "(Embassy) in X".
fn seat_of(toks: &[Token], m: &ActorMention) -> bool {
    m.start >= 2
        && matches!(toks[m.start - 1].norm.as_str(), "in" | "at")
        && INSTITUTIONS.contains(toks[m.start - 2].norm.as_str())
}

/// Nouns for a written or recorded statement.
static DOCUMENTS: WordSet = WordSet::new(&[
    "statement",
    "readout",
    "communique",
    "communiqué",
    "release",
    "post",
    "message",
    "letter",
    "note",
    "memo",
    "transcript",
    "video",
    "tweet",
    "report",
]);

/// "A Downing Street statement released later says", "the ministry's
/// readout said", "a statement from the Kremlin said": the document
/// speaks for its author, the actor that modifies it or follows "from".
fn document_author(
    toks: &[Token],
    mentions: &[ActorMention],
    start: usize,
    usable: &dyn Fn(&ActorMention) -> bool,
) -> Option<usize> {
    // Back over a short participle phrase ("released later", "issued on
    // Monday") to the document noun.
    let p = (start.saturating_sub(6)..start)
        .rev()
        .take_while(|&k| {
            !matches!(toks[k].norm.as_str(), "," | ";" | "that" | "and" | "but") && mention_at(mentions, k).is_none()
        })
        .find(|&k| DOCUMENTS.contains(toks[k].norm.as_str()))?;
    // Before the noun: "Downing Street statement", "the Kremlin's readout",
    // "a joint Alandic statement".
    let mut k = p;
    while k > 0 && p - k < 3 {
        k -= 1;
        if let Some(m) = mention_at(mentions, k) {
            return usable(&mentions[m]).then_some(m);
        }
        if !matches!(
            toks[k].norm.as_str(),
            "'s" | "'" | "joint" | "official" | "written" | "new" | "brief"
        ) {
            break;
        }
    }
    // After it: "a statement from the Kremlin", "a post by Ann Alpha".
    if matches!(toks.get(p + 1).map(|t| t.norm.as_str()), Some("from" | "by" | "of")) {
        let q = if toks.get(p + 2).is_some_and(|t| t.norm == "the") {
            p + 3
        } else {
            p + 2
        };
        let m = mention_at(mentions, q)?;
        return (q < start && usable(&mentions[m])).then_some(m);
    }
    None
}

/// "..., said Yury Ushakov": a speaker right after a speech verb.
fn inverted_after(
    toks: &[Token],
    mentions: &[ActorMention],
    end: usize,
    usable: &dyn Fn(&ActorMention) -> bool,
) -> Option<usize> {
    // Only when the verb is not followed by its own object clause.
    if end < toks.len() && matches!(toks[end].norm.as_str(), "that" | "reporters" | ":") {
        return None;
    }
    // The speaker follows at once ("said Yury Ushakov", "said a spokesperson
    // for the Kremlin"), not past a time or a clause ("said on Sunday that
    // Tehran ...").
    for (k, t) in toks.iter().enumerate().take(end + 6).skip(end) {
        if let Some(m) = mention_at(mentions, k) {
            // "said Yury Ushakov." ends the clause; "said Israel had met"
            // starts the reported one.
            let closes = toks.get(mentions[m].end).is_none_or(|t| {
                matches!(
                    t.norm.as_str(),
                    "." | "," | ";" | ":" | "!" | "?" | "\"" | "on" | "in" | "late" | "earlier" | "after"
                )
            });
            return (usable(&mentions[m]) && !mentions[m].pronoun && closes).then_some(m);
        }
        // Only lowercase words and capitalised title words may come first.
        let stop = !t.word
            || matches!(
                t.norm.as_str(),
                "that" | "on" | "in" | "at" | "to" | "after" | "before" | "with" | "when" | "as"
            );
        if stop {
            return None;
        }
    }
    None
}

/// The first usable actor within `window` tokens after `end`, not crossing
/// a clause boundary.
fn after(
    toks: &[Token],
    mentions: &[ActorMention],
    end: usize,
    window: usize,
    usable: &dyn Fn(&ActorMention) -> bool,
) -> Option<usize> {
    for (k, t) in toks.iter().enumerate().take(end + window).skip(end) {
        if let Some(m) = mention_at(mentions, k) {
            if usable(&mentions[m]) {
                return Some(m);
            }
            continue;
        }
        if matches!(t.norm.as_str(), ";" | "." | "but" | "while" | "which" | "who") {
            return None;
        }
    }
    None
}

/// The subject of the trigger: the nearest actor before it in its clause,
/// with actors coordinated to it ("Russia and Ukraine met").
fn subject(
    toks: &[Token],
    mentions: &[ActorMention],
    start: usize,
    usable: &dyn Fn(&ActorMention) -> bool,
) -> Option<Vec<usize>> {
    let mut k = start;
    while k > 0 {
        k -= 1;
        if let Some(m) = mention_at(mentions, k) {
            let ms = mentions[m].start;
            let before = |n: usize| if ms >= n { toks[ms - n].norm.as_str() } else { "" };
            let parenthetical = matches!(before(1), "including" | "like")
                || (before(1) == "the" && matches!(before(2), "including" | "like"));
            // "Russia's requests": a possessor is not the subject.
            let possessor = toks.get(mentions[m].end).map(|t| t.norm == "'s").unwrap_or(false);
            // "travel to Beijing to meet": a place or object, not a subject.
            let adjacent = (mentions[m].end..start).all(|j| {
                matches!(
                    toks[j].norm.as_str(),
                    "having" | "has" | "had" | "also" | "then" | "later" | "just"
                )
            });
            let prepositional = !adjacent
                && matches!(
                    before(1),
                    "to" | "in"
                        | "at"
                        | "from"
                        | "into"
                        | "for"
                        | "with"
                        | "on"
                        | "of"
                        | "by"
                        | "near"
                        | "toward"
                        | "towards"
                );
            if !usable(&mentions[m]) || parenthetical || possessor || prepositional || seat_of(toks, &mentions[m]) {
                k = mentions[m].start;
                continue;
            }
            // "X, the head of the Alandic delegation, said": the apposition
            // describes X, who is the subject.
            if let Some(p) = apposition_head(toks, mentions, m, usable) {
                return Some(vec![p]);
            }
            let mut group: Vec<usize> = with_members(mentions, m).collect();
            group.reverse();
            let mut first = mentions[m].start;
            // Coordinated: "A and B", "A, B and C" (the last separator is "and").
            // An unknown capitalised word before the mention ("and Eritrean
            // President X") belongs to it.
            while first >= 2
                && first + 2 > mentions[m].start
                && toks[first - 1].word
                && toks[first - 1].cap
                && mention_at(mentions, first - 1).is_none()
            {
                first -= 1;
            }
            while first >= 2 {
                // "Russia and the U.S.": the article belongs to the mention.
                if toks[first - 1].norm == "the" && first >= 3 {
                    first -= 1;
                }
                let sep = toks[first - 1].norm.as_str();
                let allowed = if group.len() == 1 {
                    sep == "and"
                } else {
                    matches!(sep, "and" | ",")
                };
                if !allowed {
                    break;
                }
                match mention_at(mentions, first - 2) {
                    Some(p) if usable(&mentions[p]) => {
                        let members: Vec<usize> = with_members(mentions, p).collect();
                        group.extend(members.into_iter().rev());
                        first = mentions[p].start;
                    }
                    _ => break,
                }
            }
            group.reverse();
            return Some(group);
        }
        let w = toks[k].norm.as_str();
        // "the president's post, which called for ...": the document's
        // author is the subject of the relative clause.
        if matches!(w, "which" | "that") {
            let mut p = k;
            while p > 0 && toks[p - 1].norm == "," {
                p -= 1;
            }
            if p > 0 && DOCUMENTS.contains(toks[p - 1].norm.as_str()) {
                if let Some(m) = document_author(toks, mentions, p, usable) {
                    return Some(vec![m]);
                }
            }
        }
        if w == "who" {
            // "Starmer, who told him": the antecedent of the relative.
            let mut a = k;
            while a > 0 {
                a -= 1;
                if toks[a].norm == "," {
                    continue;
                }
                return mention_at(mentions, a)
                    .filter(|&m| usable(&mentions[m]))
                    .map(|m| vec![m]);
            }
            return None;
        }
        if BOUNDARIES.contains(w) {
            return None;
        }
    }
    None
}

/// Participants after a call or talks trigger: "with B", "to B",
/// "between A and B", or a list after a colon.
fn objects(
    toks: &[Token],
    mentions: &[ActorMention],
    end: usize,
    usable: &dyn Fn(&ActorMention) -> bool,
) -> Vec<usize> {
    let mut out = Vec::new();
    let mut k = end;
    let limit = (end + 16).min(toks.len());
    while k < limit {
        if let Some(m) = mention_at(mentions, k) {
            if usable(&mentions[m]) && !mentions[m].pronoun {
                out.extend(with_members(mentions, m));
                break;
            }
            k = mentions[m].end;
            continue;
        }
        if matches!(
            toks[k].norm.as_str(),
            ";" | "." | "but" | "while" | "which" | "who" | "that"
        ) {
            return out;
        }
        k += 1;
    }
    // Follow a list: "A, B, the French president C and D". A list ends
    // with "and"; ", the State Department said" is an attribution.
    if let Some(&last) = out.last() {
        let mut pos = mentions[last].end;
        let mut list = Vec::new();
        let mut ended_with_and = false;
        loop {
            let mut gap = 0;
            let mut p = pos;
            while p < toks.len() && matches!(toks[p].norm.as_str(), "," | "and") && gap < 2 {
                p += 1;
                gap += 1;
            }
            if gap == 0 {
                break;
            }
            match mention_at(mentions, p) {
                Some(m) if usable(&mentions[m]) && mentions[m].start == p => {
                    list.push(m);
                    ended_with_and = toks[p - 1].norm == "and";
                    pos = mentions[m].end;
                }
                _ => break,
            }
        }
        if ended_with_and {
            out.extend(list);
        } else if let Some(k) = list
            .iter()
            .rposition(|&m| mentions[m].start >= 1 && toks[mentions[m].start - 1].norm == "and")
        {
            out.extend(&list[..=k]);
        }
    }
    out
}

/// Where talks took place: "in Doha", "at the White House" after the
/// trigger, or "the Istanbul talks" before it. Returns a token range.
fn location(
    toks: &[Token],
    mentions: &[ActorMention],
    actors: &[crate::actors::ActorInfo],
    start: usize,
    end: usize,
) -> Option<(usize, usize)> {
    let place_at = |k: usize| -> Option<(usize, usize)> {
        let mut j = k;
        if j < toks.len() && toks[j].norm == "the" {
            j += 1;
        }
        let first = j;
        while j < toks.len() && j < first + 3 && toks[j].word && toks[j].cap && !not_a_place(&toks[j].norm) {
            j += 1;
        }
        if j == first {
            return None;
        }
        // People are participants, not places.
        let person = mention_at(mentions, first)
            .map(|m| actors[mentions[m].actor].kind == ActorKind::Person)
            .unwrap_or(false);
        (!person).then_some((first, j))
    };
    for (k, t) in toks.iter().enumerate().take(end + 12).skip(end) {
        match t.norm.as_str() {
            ";" | "." | "that" | "which" | "who" | "but" | "while" => break,
            "in" | "at" => {
                if let Some(p) = place_at(k + 1) {
                    return Some(p);
                }
            }
            _ => {}
        }
    }
    // "the Istanbul peace talks"
    let mut k = start;
    while k > 0 && start - k < 3 {
        k -= 1;
        let t = &toks[k];
        if t.word && t.cap && !not_a_place(&t.norm) && mention_at(mentions, k).is_none() {
            return Some((k, k + 1));
        }
        if t.cap || !t.word {
            break;
        }
    }
    None
}

fn not_a_place(w: &str) -> bool {
    NOT_PLACES.contains(w) || crate::dates::is_calendar_word(w)
}

/// Capitalised words that are not places (besides weekdays and months).
static NOT_PLACES: WordSet = WordSet::new(&[
    "the", "a", "an", "he", "she", "they", "it", "this", "that", "what", "when", "last", "next",
]);

/// "spoke by telephone with X", "talked for an hour to X": the position
/// after the preposition that introduces the other side.
fn preposition_after(toks: &[Token], end: usize) -> Option<usize> {
    for (k, t) in toks.iter().enumerate().take(end + 6).skip(end) {
        match t.norm.as_str() {
            "with" | "to" | "between" => return Some(k + 1),
            "," | ";" | "." | "and" | "but" | "that" | "which" | "who" => return None,
            _ => {}
        }
    }
    None
}

/// After "called X": words that make it a naming ("called Putin a
/// tyrant", "called him “reckless”", "called Kyiv weak") rather than a
/// phone call ("called Putin on Sunday", "called Putin, who ...").
fn naming_complement(toks: &[Token], times: &[TimeExpr], after_object: usize) -> bool {
    let Some(t) = toks.get(after_object) else {
        return false;
    };
    if times.iter().any(|x| x.start == after_object) {
        return false;
    }
    if t.norm == "\"" || t.norm == "“" {
        return true;
    }
    if !t.word {
        return false;
    }
    !CALL_FOLLOWERS.contains(t.norm.as_str())
}

/// Words that may follow the person called: times, places, a reason, the
/// next clause.
static CALL_FOLLOWERS: WordSet = WordSet::new(&[
    "on",
    "in",
    "at",
    "to",
    "from",
    "after",
    "before",
    "ahead",
    "over",
    "about",
    "and",
    "last",
    "yesterday",
    "this",
    "late",
    "early",
    "earlier",
    "twice",
    "again",
    "shortly",
    "hours",
    "minutes",
    "by",
    "for",
    "during",
    "while",
    "amid",
    "following",
    "today",
    "tonight",
    "as",
    "but",
    "when",
    "with",
    "directly",
    "personally",
    "himself",
    "herself",
    "back",
    "next",
]);

/// The time expression nearest to the trigger.
/// Subject pronouns: after a speech verb, one opens the reported clause
/// ("said he would ...").
static PRONOUNS_SUBJ: WordSet = WordSet::new(&["he", "she", "they", "we", "i", "it"]);

/// Words that open a clause of its own: a time inside it dates that
/// clause's verb, not the trigger outside it ("the first call since Trump
/// took office on Jan. 20, Peskov said").
static SUBORDINATORS: WordSet = WordSet::new(&[
    "since", "which", "who", "whom", "whose", "until", "because", "although", "though", "where", "unless",
]);

/// Words after a trigger that relate it to another event, whose time
/// follows ("the call followed a prisoner swap this week", "met ahead of
/// the summit on Friday").
static RELATORS: WordSet = WordSet::new(&[
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
fn same_clause(toks: &[Token], t: &TimeExpr, start: usize, end: usize) -> bool {
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
fn reported_before(toks: &[Token], mentions: &[ActorMention], t: &TimeExpr, start: usize) -> bool {
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
fn relational(toks: &[Token], t: &TimeExpr) -> bool {
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
fn relate(
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

fn nearest_time(times: &[TimeExpr], start: usize, end: usize) -> Option<TimeExpr> {
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

/// Does the sentence refer to an earlier call or talks ("after the call",
/// "before talking to Putin", "the conversation with Trump")? Returns the
/// kind referred to.
fn possessive_word(w: &str) -> bool {
    matches!(w, "the" | "his" | "their" | "her" | "this" | "that")
}

pub fn event_reference(toks: &[Token]) -> Option<Kind> {
    for (i, t) in toks.iter().enumerate() {
        let w = t.norm.as_str();
        let lead = matches!(w, "after" | "before" | "during" | "following" | "ahead" | "since");
        let possessive = matches!(w, "the" | "his" | "their" | "her" | "this" | "that");
        // "once the talks ended", "when their call began".
        if matches!(w, "once" | "when" | "as") {
            let noun = toks.get(i + 2).map(|t| t.norm.as_str()).unwrap_or("");
            let verb = toks.get(i + 3).map(|t| t.norm.as_str()).unwrap_or("");
            let phase = matches!(
                verb,
                "ended" | "concluded" | "finished" | "closed" | "began" | "started" | "opened" | "wrapped"
            );
            let kind = match noun {
                "call" | "conversation" => Some(Kind::Call),
                "talks" | "meeting" | "summit" | "negotiations" => Some(Kind::Talks),
                _ => None,
            };
            if phase && kind.is_some() && toks.get(i + 1).is_some_and(|t| possessive_word(&t.norm)) {
                return kind;
            }
            continue;
        }
        if !(lead || possessive) {
            continue;
        }
        let span = if lead { 6 } else { 3 };
        for tk in toks.iter().take((i + 1 + span).min(toks.len())).skip(i + 1) {
            let n = tk.norm.as_str();
            let kind = match n {
                "call" | "conversation" | "calls" | "chat" => Some(Kind::Call),
                "talking" | "speaking" if lead => Some(Kind::Call),
                "talks" | "meeting" | "summit" | "negotiations" => Some(Kind::Talks),
                _ => None,
            };
            if kind.is_some() {
                if !lead {
                    // "the conversation with X" must name the other side.
                    let next = toks.get(toks.iter().position(|x| std::ptr::eq(x, tk)).unwrap_or(0) + 1);
                    if !next
                        .map(|x| matches!(x.norm.as_str(), "with" | "between"))
                        .unwrap_or(false)
                    {
                        continue;
                    }
                }
                return kind;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::{is_headline, quote_mask, ActorBook, ArticleActors};
    use crate::dates::find_time_exprs;
    use crate::text::tokenize;

    const BOOK: &str = r#"
[[actor]]
name = "Ann Alpha"
kind = "person"
country = "Aland"
role = "President of Aland"

[[actor]]
name = "Bob Beta"
kind = "person"
country = "Borduria"
role = "President of Borduria"

[[actor]]
name = "Cy Gamma"
kind = "person"

[[actor]]
name = "Aland"
kind = "state"
demonyms = ["Alandic"]

[[actor]]
name = "Borduria"
kind = "state"
demonyms = ["Bordurian"]

[[actor]]
name = "Daily Wire Service"
kind = "outlet"
aliases = ["DWS"]

[[actor]]
name = "Palace"
kind = "office"
country = "Borduria"
"#;

    /// One sentence in, the events it yields as "kind:actor,actor:status".
    /// The events of one sentence, with its tokens and the actor names.
    fn found_in(sentence: &str) -> (Vec<Found>, Vec<Token>, Vec<String>) {
        let book = ActorBook::parse(BOOK).unwrap();
        let mut aa = ArticleActors::new(&book);
        let toks = tokenize(sentence, 0, sentence.len());
        let ms = aa.find(sentence, &toks, is_headline(&toks));
        let times = find_time_exprs(&toks);
        let quotes = quote_mask(sentence, &toks);
        let found = find_events(&toks, &ms, &times, aa.actors.as_slice(), &quotes, book.triggers());
        let names = aa.actors.iter().map(|a| a.name.clone()).collect();
        (found, toks, names)
    }

    fn check(sentence: &str, expected: &[&str]) {
        let (found, _, names_of) = found_in(sentence);
        let got: Vec<String> = found
            .iter()
            .map(|f| {
                let names: Vec<&str> = f.actors.iter().map(|&a| names_of[a].as_str()).collect();
                format!("{}:{}:{}", f.kind, names.join(","), f.status.as_str())
            })
            .collect();
        assert_eq!(got, expected, "in {sentence:?}");
    }

    /// Like `check`, over a text of several sentences read in order.
    fn check_text(text: &str, expected: &[&str]) {
        let book = ActorBook::parse(BOOK).unwrap();
        let mut aa = ArticleActors::new(&book);
        let mut got = Vec::new();
        for s in crate::text::split_sentences(text) {
            let toks = tokenize(text, s.start, s.end);
            let ms = aa.find(text, &toks, is_headline(&toks));
            let times = find_time_exprs(&toks);
            let quotes = quote_mask(text, &toks);
            for f in find_events(&toks, &ms, &times, aa.actors.as_slice(), &quotes, book.triggers()) {
                let names: Vec<&str> = f.actors.iter().map(|&a| aa.actors[a].name.as_str()).collect();
                got.push(format!("{}:{}:{}", f.kind, names.join(","), f.status.as_str()));
            }
        }
        assert_eq!(got, expected, "in {text:?}");
    }

    #[test]
    fn an_opening_phrase_takes_the_parties_of_the_main_clause() {
        check(
            "Sitting down with President Ann Alpha in the garden, Premier Bob Beta assured her of support.",
            &["talks:Bob Beta,Ann Alpha:held", "statement:Bob Beta:held"],
        );
        check(
            "Meeting face to face for the first time, Premier Bob Beta told President Ann Alpha that the port was not for sale.",
            &["talks:Bob Beta,Ann Alpha:held", "statement:Bob Beta:held"],
        );
        check(
            "At the talks in the hill town, Premier Bob Beta and President Ann Alpha agreed to cooperate.",
            &["talks:Bob Beta,Ann Alpha:held"],
        );
        check_text(
            "Ann Alpha and Bob Beta arrived by train. At the talks in the hill town, the two leaders agreed to cooperate.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
        // Another phrase after the comma is no main clause.
        check(
            "Talks will be held soon in Rome, and later between Ann Alpha and Bob Beta.",
            &[],
        );
    }

    #[test]
    fn the_subject_acting_at_talks_with_someone_takes_part() {
        check(
            "Premier Bob Beta signed a grain deal at talks with President Ann Alpha.",
            &["talks:Bob Beta,Ann Alpha:held"],
        );
        check(
            "President Ann Alpha raised the dam dispute at a long meeting with Premier Bob Beta.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
        // Nobody named after the noun: no second party.
        check("President Ann Alpha spoke at the meeting.", &[]);
    }

    #[test]
    fn what_a_meeting_would_mean_is_no_meeting() {
        check(
            "The talks between Ann Alpha and Bob Beta would mark a turn in their ties.",
            &[],
        );
        check(
            "A meeting between Ann Alpha and Bob Beta could help both of them at home.",
            &[],
        );
        // Whether it takes place is still the modal's.
        check(
            "The talks between Ann Alpha and Bob Beta will take place in Oslo.",
            &["talks:Ann Alpha,Bob Beta:planned"],
        );
    }

    #[test]
    fn a_time_after_a_modal_is_the_reported_clauses() {
        let (found, _, _) = found_in("Ann Alpha said the border would reopen on Monday.");
        let f = found.iter().find(|f| f.kind == Statement).expect("a statement");
        assert!(f.time.is_none());
        let (found, _, _) = found_in("Bob Beta told reporters the ferries will sail again next week.");
        let f = found.iter().find(|f| f.kind == Statement).expect("a statement");
        assert!(f.time.is_none());
    }

    #[test]
    fn the_purpose_of_a_journey_told_as_done_took_place() {
        check(
            "Premier Bob Beta landed in the port city on a grey morning to hold talks with President Ann Alpha.",
            &["talks:Bob Beta,Ann Alpha:held"],
        );
        check(
            "President Ann Alpha flew north to meet Premier Bob Beta.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
        // A wish is still no meeting.
        check("President Ann Alpha hopes to meet Premier Bob Beta.", &[]);
    }

    #[test]
    fn ending_arriving_for_and_co_chairing_a_meeting() {
        check(
            "Premier Bob Beta and President Ann Alpha concluded their talks after midnight.",
            &["talks:Bob Beta,Ann Alpha:held"],
        );
        check(
            "President Ann Alpha and Premier Bob Beta ended their meeting shortly before noon.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
        check(
            "Premier Bob Beta flew in for talks with President Ann Alpha.",
            &["talks:Bob Beta,Ann Alpha:held"],
        );
        check(
            "The donor round was co-chaired by President Ann Alpha and Premier Bob Beta.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
        check(
            "President Ann Alpha and Premier Bob Beta co-hosted the forum.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
    }

    #[test]
    fn ahead_of_meeting_someone_is_a_verb() {
        check(
            "Premier Bob Beta, who mocked the plan hours ahead of meeting President Ann Alpha, changed his tone.",
            &["talks:Bob Beta,Ann Alpha:held"],
        );
        check(
            "President Ann Alpha toured a factory ahead of meeting Premier Bob Beta.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
    }

    #[test]
    fn an_opening_phrase_may_hold_an_apposition_of_its_own() {
        check(
            "Dining with President Ann Alpha at the lodge, an old hunting house in the hills, where he had stayed before, Premier Bob Beta thanked her for the invitation.",
            &["talks:Bob Beta,Ann Alpha:held", "statement:Bob Beta:held"],
        );
        check(
            "Sitting down with Premier Bob Beta in the harbour city, the old capital, President Ann Alpha praised the new bridge.",
            &["talks:Ann Alpha,Bob Beta:held", "statement:Ann Alpha:held"],
        );
        // A list after the comma is not the main clause's subject.
        check(
            "Meeting in the harbour city, the old capital, Ann Alpha, Bob Beta and others, the crowd cheered.",
            &[],
        );
    }

    #[test]
    fn briefing_after_a_call_is_a_call() {
        check(
            "After his call with Bob Beta, Ann Alpha briefed Cy Gamma.",
            &["call:Ann Alpha,Bob Beta:held", "call:Ann Alpha,Cy Gamma:held"],
        );
        check(
            "Ann Alpha informed Cy Gamma that the border stays shut.",
            &["statement:Ann Alpha:held"],
        );
    }

    #[test]
    fn days_after_gives_no_day() {
        let (found, _, _) = found_in("The visit came days after Ann Alpha warned of new tariffs on Monday.");
        let f = found.iter().find(|f| f.kind == Statement).expect("a statement");
        assert!(f.background && f.time.is_none());
        let (found, _, _) = found_in("It was weeks before Ann Alpha met Bob Beta in Rome.");
        let f = found.iter().find(|f| f.kind == Talks).expect("talks");
        assert!(f.background && f.time.is_none());
        // A counted span is a date ("two days after").
        let (found, _, _) = found_in("The visit came two days after Ann Alpha warned of new tariffs.");
        let f = found.iter().find(|f| f.kind == Statement).expect("a statement");
        assert!(!f.background && f.shift == -2);
    }

    #[test]
    fn once_the_talks_ended_refers_to_the_talks() {
        let refers = |s: &str| event_reference(&tokenize(s, 0, s.len()));
        assert_eq!(
            refers("Once the talks ended, Ann Alpha spoke to the press."),
            Some(Talks)
        );
        assert_eq!(refers("She smiled when their call began."), Some(Call));
        assert_eq!(refers("Once the vote ended, Ann Alpha spoke."), None);
    }

    #[test]
    fn an_office_before_the_meeting_noun_is_its_venue() {
        check(
            "Cy Gamma held Palace talks with Bob Beta on Friday.",
            &["talks:Cy Gamma,Bob Beta:held"],
        );
        check(
            "Ann Alpha had a Palace meeting with Bob Beta.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
    }

    #[test]
    fn a_trip_around_a_meeting_is_no_second_event() {
        check(
            "Ann Alpha met Bob Beta on her first trip to Borduria.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
        check(
            "During his visit to Aland, Bob Beta held talks with Cy Gamma.",
            &["talks:Bob Beta,Cy Gamma:held"],
        );
    }

    #[test]
    fn a_host_receives_a_guest_for_talks() {
        check(
            "President Ann Alpha received Premier Bob Beta at the palace for talks on trade.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
        check(
            "The speaker of the assembly, Ivo Tanner, welcomed Premier Bob Beta to the chamber for his first meeting there.",
            &["talks:Ivo Tanner,Bob Beta:held"],
        );
        // Something received is no guest.
        check("Premier Bob Beta received a letter for the talks.", &[]);
    }

    #[test]
    fn welcoming_a_person_is_a_greeting_not_a_statement() {
        check("Ann Alpha warmly welcomed each leader on the tarmac.", &[]);
        check("At the gate, Ann Alpha welcomed Bob Beta with a handshake.", &[]);
        check("Ann Alpha welcomed the agreement.", &["statement:Ann Alpha:held"]);
    }

    #[test]
    fn rank_name_of_state_is_one_person_not_a_party() {
        check(
            "Prime Minister Cy Dunn of Aland and President Eve Fox of Borduria held talks in Oslo.",
            &["talks:Cy Dunn,Eve Fox:held"],
        );
        check(
            "Trade Minister Gil Hart of Borduria sat down with Finance Minister Ida Jung of Aland.",
            &["talks:Gil Hart,Ida Jung:held"],
        );
    }

    #[test]
    fn they_and_the_two_leaders_are_the_people_last_named_together() {
        check_text(
            "Ann Alpha and Bob Beta traded sharp words in the palace. While they met, guards waited outside.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
        check_text(
            "Bob Beta received Ann Alpha's letter and answered it. The two leaders met in Geneva soon after.",
            &["talks:Bob Beta,Ann Alpha:held"],
        );
        check_text(
            "Ann Alpha and Cy Gamma landed in Rome on Sunday. On Monday the pair held talks with Bob Beta.",
            &["talks:Ann Alpha,Cy Gamma,Bob Beta:held"],
        );
    }

    #[test]
    fn they_reaches_back_only_one_sentence() {
        check_text(
            "Ann Alpha and Bob Beta signed the accord. Rain fell all day. Crowds gathered. They met again in Oslo.",
            &[],
        );
    }

    #[test]
    fn called_with_a_person_for_object_is_a_phone_call() {
        check(
            "Ann Alpha called Bob Beta on Thursday evening.",
            &["call:Ann Alpha,Bob Beta:held"],
        );
        check(
            "Bob Beta will call Ann Alpha after the vote.",
            &["call:Bob Beta,Ann Alpha:planned"],
        );
    }

    #[test]
    fn calling_someone_names_is_no_phone_call() {
        check("Ann Alpha calls Bob Beta a stubborn bargainer.", &[]);
        check("Bob Beta called Ann Alpha reckless in a radio interview.", &[]);
        check("Ann Alpha called Bob Beta \"a friend of peace\" at the rally.", &[]);
    }

    #[test]
    fn separate_calls_are_one_call_with_each() {
        check(
            "Cy Gamma held separate phone calls with Ann Alpha and Bob Beta.",
            &["call:Cy Gamma,Ann Alpha:held", "call:Cy Gamma,Bob Beta:held"],
        );
        check(
            "Cy Gamma met separately with Ann Alpha and Bob Beta in Vienna.",
            &["talks:Cy Gamma,Ann Alpha:held", "talks:Cy Gamma,Bob Beta:held"],
        );
        check(
            "Cy Gamma spoke with Ann Alpha and later with Bob Beta.",
            &["call:Cy Gamma,Ann Alpha:held", "call:Cy Gamma,Bob Beta:held"],
        );
    }

    #[test]
    fn an_adverb_may_sit_inside_a_trigger_phrase() {
        check(
            "Ann Alpha spoke briefly with Bob Beta.",
            &["call:Ann Alpha,Bob Beta:held"],
        );
        check(
            "Bob Beta talked privately to Ann Alpha.",
            &["call:Bob Beta,Ann Alpha:held"],
        );
    }

    #[test]
    fn a_participle_of_speaking_is_a_statement_of_the_main_subject() {
        check(
            "Ann Alpha, seated beside the envoy, joined in, charging that the border deal was a trap.",
            &["statement:Ann Alpha:held"],
        );
        check(
            "Bob Beta left the hall early, noting that nothing had been settled.",
            &["statement:Bob Beta:held"],
        );
    }

    #[test]
    fn a_participle_shares_the_modality_and_the_act_of_its_main_verb() {
        // A habit: neither verb reports one event.
        check(
            "Ann Alpha has repeatedly rejected the offer, claiming it was a ruse.",
            &[],
        );
        // The same act of speaking: one statement, not two.
        check(
            "Bob Beta said the talks would go on, adding that both sides wanted calm.",
            &["statement:Bob Beta:held"],
        );
        // A demand with its reason is a demand only.
        check(
            "Ann Alpha urged Bob Beta to halt the drills, warning that patience was thin.",
            &["demand:Ann Alpha,Bob Beta:held"],
        );
    }

    #[test]
    fn an_ing_word_after_an_actor_or_article_is_a_noun() {
        check("Borduria ignored the Alandic warning about the dam.", &[]);
        check(
            "Ann Alpha rejected a warning from the port authority.",
            &["statement:Ann Alpha:held"],
        );
    }

    #[test]
    fn the_agent_of_a_passive_speech_verb_speaks() {
        check(
            "The summit was first announced by Cy Gamma, the spokesman of the council.",
            &["statement:Cy Gamma:held"],
        );
        check(
            "The truce had been confirmed on Sunday by Bob Beta.",
            &["statement:Bob Beta:held"],
        );
        // No form of "be": a participle describing a noun.
        check("The islands claimed by Borduria lie to the north.", &[]);
    }

    #[test]
    fn the_noun_plan_does_not_make_a_plan() {
        check("The plan was welcomed by Ann Alpha.", &["statement:Ann Alpha:held"]);
        check(
            "Bob Beta announced the plan on the radio.",
            &["statement:Bob Beta:held"],
        );
    }

    #[test]
    fn a_document_speaks_for_its_author() {
        check(
            "A Borduria statement issued late on Monday says the border stays shut.",
            &["statement:Borduria:held"],
        );
        check(
            "A letter from Ann Alpha said the embassy would reopen.",
            &["statement:Ann Alpha:held"],
        );
    }

    #[test]
    fn he_after_reported_words_is_the_speaker_going_on() {
        check_text(
            "Ann Alpha spoke to the press. Bob Beta will not attend the summit, she said.",
            &["statement:Ann Alpha:held"],
        );
        check_text(
            "Bob Beta told the radio the vote was close. \"Ann Alpha has lost the north,\" he added.",
            &["statement:Bob Beta:held", "statement:Bob Beta:held"],
        );
    }

    #[test]
    fn an_obligation_put_on_a_named_actor_is_a_demand() {
        check(
            "Ann Alpha says Borduria needs to pull back its tanks.",
            &["statement:Ann Alpha:held", "demand:Ann Alpha,Borduria:held"],
        );
        check(
            "Bob Beta said Aland has to accept the ruling.",
            &["statement:Bob Beta:held", "demand:Bob Beta,Aland:held"],
        );
        // Said of oneself: no demand.
        check("Bob Beta said he has to leave early.", &["statement:Bob Beta:held"]);
    }

    #[test]
    fn a_first_person_demand_in_a_quote_is_the_speakers_demand() {
        check(
            "\"We urge Borduria to halt the shelling at once,\" Ann Alpha said.",
            &["statement:Ann Alpha:held", "demand:Ann Alpha,Borduria:held"],
        );
        check(
            "Bob Beta told reporters: \"I call on Aland to free the sailors.\"",
            &["statement:Bob Beta:held", "demand:Bob Beta,Aland:held"],
        );
    }

    #[test]
    fn a_demand_voiced_in_speech_is_dated_by_the_speech() {
        assert_eq!(
            time_of(
                "On Monday Ann Alpha said Borduria must make concessions at Friday's talks.",
                Demand
            )
            .as_deref(),
            Some("monday")
        );
        assert_eq!(
            time_of("Bob Beta said on Sunday that Aland should reply by next week.", Demand).as_deref(),
            Some("sunday")
        );
    }

    #[test]
    fn talks_just_held_give_the_clause_subject_a_part() {
        check(
            "Ann Alpha spoke to the press following talks with Bob Beta.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
        check(
            "Bob Beta flew home on Sunday, after three rounds of discussions with Ann Alpha.",
            &["talks:Bob Beta,Ann Alpha:held"],
        );
    }

    #[test]
    fn a_participle_may_follow_an_adverb_after_its_comma() {
        check(
            "Ann Alpha restated her terms, once again urging Borduria to withdraw.",
            &["demand:Ann Alpha,Borduria:held"],
        );
        check(
            "Bob Beta closed the session, again stressing that the deal was fair.",
            &["statement:Bob Beta:held"],
        );
    }

    #[test]
    fn again_and_again_is_a_habit() {
        check("Ann Alpha has promised again and again to open the border.", &[]);
        check("Bob Beta has time and again warned of a flood of refugees.", &[]);
    }

    #[test]
    fn a_nouns_modality_reaches_over_its_compound_modifiers() {
        check(
            "Officials discussed a potential face-to-face meeting between Ann Alpha and Bob Beta.",
            &[],
        );
        check(
            "Aides studied a possible long-awaited summit between Ann Alpha and Bob Beta.",
            &[],
        );
    }

    #[test]
    fn an_event_behind_a_planned_one_stays_held() {
        check(
            "Trade will resume next week following the call between Ann Alpha and Bob Beta.",
            &["call:Ann Alpha,Bob Beta:held"],
        );
        check(
            "Ann Alpha would visit Borduria after her meeting with Bob Beta.",
            &["talks:Ann Alpha,Borduria:planned", "talks:Ann Alpha,Bob Beta:held"],
        );
    }

    #[test]
    fn a_place_after_media_in_does_not_speak() {
        check("State media in Borduria said the talks had ended.", &[]);
        check("Television in Aland said the envoy had left.", &[]);
    }

    #[test]
    fn saying_little_or_nothing_is_no_statement() {
        check("Aland has said little about the border.", &[]);
        check("Ann Alpha said nothing about the border.", &[]);
    }

    #[test]
    fn a_visit_or_trip_to_a_place_is_talks_with_its_host() {
        check(
            "Ann Alpha praised Bob Beta's visit to Aland.",
            &["statement:Ann Alpha:held", "talks:Bob Beta,Aland:held"],
        );
        check(
            "Reporters asked about Ann Alpha's trip to Borduria last week.",
            &["talks:Ann Alpha,Borduria:held"],
        );
    }

    #[test]
    fn a_condition_set_on_a_named_actor_is_a_demand() {
        check(
            "Ann Alpha said the border stays closed until Borduria pays its debts.",
            &["statement:Ann Alpha:held", "demand:Ann Alpha,Borduria:held"],
        );
        check(
            "Bob Beta said there would be no new treaty, now or in the long years ahead, unless Aland withdraws.",
            &["statement:Bob Beta:held", "demand:Bob Beta,Aland:held"],
        );
    }

    #[test]
    fn an_adjunct_event_takes_the_time_of_its_clause() {
        assert_eq!(
            time_of(
                "Ann Alpha flew home on Sunday, after long discussions with Bob Beta.",
                Talks
            )
            .as_deref(),
            Some("sunday")
        );
        assert_eq!(
            time_of("Bob Beta spoke on Monday, following talks with Ann Alpha.", Talks).as_deref(),
            Some("monday")
        );
    }

    #[test]
    fn the_two_leaders_earlier_call_is_their_call() {
        check_text(
            "Ann Alpha and Bob Beta spoke by phone today. The two leaders\u{2019} previous reported phone call was held in May.",
            &["call:Ann Alpha,Bob Beta:held", "call:Ann Alpha,Bob Beta:held"],
        );
        check_text(
            "Ann Alpha and Bob Beta met today. Their last meeting took place in Oslo.",
            &["talks:Ann Alpha,Bob Beta:held", "talks:Ann Alpha,Bob Beta:held"],
        );
    }

    #[test]
    fn may_the_month_is_no_modal() {
        check("Ann Alpha met Bob Beta in May.", &["talks:Ann Alpha,Bob Beta:held"]);
        check(
            "The last phone call between Ann Alpha and Bob Beta was held in May.",
            &["call:Ann Alpha,Bob Beta:held"],
        );
        check("Ann Alpha may meet Bob Beta.", &[]);
    }

    #[test]
    fn an_ing_word_after_without_is_a_noun() {
        check("Ann Alpha left the room without warning.", &[]);
        check("Bob Beta signed the accord with no fanfare and no warning.", &[]);
    }

    #[test]
    fn the_past_perfect_is_background() {
        let (found, _, _) = found_in("Ann Alpha had previously said the border would stay shut.");
        assert!(found[0].background);
        let (found, _, _) = found_in("Bob Beta had met Ann Alpha twice before the war.");
        assert!(found[0].background);
        let (found, _, _) = found_in("Bob Beta met Ann Alpha on Monday.");
        assert!(!found[0].background);
        // "had to" is an obligation, not the past perfect.
        let (found, _, _) = found_in("Ann Alpha said Bob Beta had to go.");
        assert!(!found[0].background);
    }

    #[test]
    fn a_condition_on_ones_own_side_is_no_demand() {
        let book = ActorBook::parse(
            "[[actor]]\nname = \"Ann Alpha\"\nkind = \"person\"\ncountry = \"Aland\"\n\
             [[actor]]\nname = \"Aland\"\nkind = \"state\"\n[[actor]]\nname = \"Borduria\"\nkind = \"state\"\n",
        )
        .unwrap();
        let kinds = |sentence: &str| -> Vec<Kind> {
            let mut aa = ArticleActors::new(&book);
            let toks = tokenize(sentence, 0, sentence.len());
            let ms = aa.find(sentence, &toks, false);
            let times = find_time_exprs(&toks);
            let quotes = quote_mask(sentence, &toks);
            find_events(&toks, &ms, &times, aa.actors.as_slice(), &quotes, book.triggers())
                .iter()
                .map(|f| f.kind)
                .collect()
        };
        assert_eq!(
            kinds("Ann Alpha said any deal would fail unless Aland is at the table."),
            [Statement]
        );
        assert_eq!(
            kinds("Ann Alpha said any deal would fail unless Borduria pulls back."),
            [Statement, Demand]
        );
    }

    #[test]
    fn a_trip_takes_its_host_from_to_right_after_it() {
        check(
            "Ann Alpha praised the trip as a step to peace in Borduria.",
            &["statement:Ann Alpha:held"],
        );
        check(
            "Ann Alpha recalled her trip to Borduria.",
            &["talks:Ann Alpha,Borduria:held"],
        );
    }

    #[test]
    fn coordination_allows_an_article_before_the_second_actor() {
        check(
            "Envoys of Aland and the Borduria held a meeting on Tuesday.",
            &["talks:Aland,Borduria:held"],
        );
        check("Aland and the Borduria met in Rome.", &["talks:Aland,Borduria:held"]);
    }

    #[test]
    fn a_time_in_a_scare_quote_counts_but_not_one_in_speech() {
        assert_eq!(
            time_of(
                "Ann Alpha said she would be phoning Bob Beta \"straight away\" to brief him.",
                Call
            )
            .as_deref(),
            Some("straight away")
        );
        assert_eq!(
            time_of("Ann Alpha met Bob Beta \"today\" as promised.", Talks).as_deref(),
            Some("today")
        );
        assert_eq!(
            time_of(
                "\"We met Bob Beta yesterday in a quiet room,\" Ann Alpha said.",
                Statement
            ),
            None
        );
    }

    #[test]
    fn a_document_is_the_subject_of_its_relative_clause() {
        check(
            "Crowds read Ann Alpha's letter, which called for an end to the blockade.",
            &["demand:Ann Alpha:held"],
        );
        check(
            "A Borduria statement, which urged Aland to reopen the port, was read out.",
            &["demand:Borduria,Aland:held"],
        );
    }

    #[test]
    fn an_apposition_describes_the_subject_before_it() {
        check(
            "Cy Gamma, the head of the Alandic delegation, said the talks were useful.",
            &["statement:Cy Gamma:held"],
        );
        check(
            "Ann Alpha, a veteran envoy of Borduria, told reporters the deal was close.",
            &["statement:Ann Alpha:held"],
        );
    }

    #[test]
    fn the_seat_of_an_embassy_does_not_speak() {
        check(
            "The Aland Embassy in Borduria said the visit was cancelled.",
            &["statement:Aland:held"],
        );
        check(
            "A statement from the Borduria mission in Aland said the talks had ended.",
            &["statement:Borduria:held"],
        );
    }

    #[test]
    fn an_attribution_after_a_demand_adds_no_statement() {
        check(
            "Ann Alpha urged Borduria to reopen the port, her office said on Monday.",
            &["demand:Ann Alpha,Borduria:held"],
        );
        check(
            "Bob Beta called on Aland to free the crew, his spokesman said.",
            &["demand:Bob Beta,Aland:held"],
        );
        // A second act of speaking stays.
        check(
            "Ann Alpha urged Borduria to reopen the port and said talks would follow.",
            &["demand:Ann Alpha,Borduria:held", "statement:Ann Alpha:held"],
        );
    }

    #[test]
    fn the_present_perfect_reports_an_event() {
        check(
            "Ann Alpha has met Bob Beta in Oslo.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
        check(
            "Ann Alpha and Bob Beta have held talks on the border dispute.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
        check(
            "Ann Alpha has called on Bob Beta to release the detainees.",
            &["demand:Ann Alpha,Bob Beta:held"],
        );
    }
    #[test]
    fn an_obligation_or_a_pending_step_is_no_event() {
        check("Ann Alpha has yet to meet Bob Beta.", &[]);
        check("Ann Alpha has to speak with Bob Beta before the vote.", &[]);
    }
    #[test]
    fn a_request_for_talks_is_no_meeting() {
        check("Ann Alpha sent a letter requesting talks with Bob Beta.", &[]);
        check("Bob Beta requested a meeting with Ann Alpha.", &[]);
    }
    #[test]
    fn agreeing_to_meet_plans_a_meeting() {
        check(
            "Ann Alpha and Bob Beta agreed to meet in the spring.",
            &["talks:Ann Alpha,Bob Beta:planned"],
        );
        check(
            "Ann Alpha said she and Bob Beta had agreed to begin talks soon.",
            &["statement:Ann Alpha:held", "talks:Ann Alpha,Bob Beta:planned"],
        );
    }
    fn time_of(sentence: &str, kind: Kind) -> Option<String> {
        let (found, toks, _) = found_in(sentence);
        let f = found.iter().find(|f| f.kind == kind)?;
        f.time.map(|t| {
            toks[t.start..t.end]
                .iter()
                .map(|x| x.norm.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
    }
    /// The time words an event is dated by, and the days its date moves.
    fn shift_of(sentence: &str, kind: Kind) -> Option<(Option<String>, i64)> {
        let (found, toks, _) = found_in(sentence);
        let f = found.iter().find(|f| f.kind == kind)?;
        let words = f.time.map(|t| {
            toks[t.start..t.end]
                .iter()
                .map(|x| x.norm.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        });
        Some((words, f.shift))
    }

    #[test]
    fn an_event_after_a_day_after_is_a_day_before_the_main_clause() {
        // The main clause's time, moved back.
        assert_eq!(
            shift_of(
                "Bob Beta landed in Lima on Friday, a day after Aland said it would reopen the border.",
                Statement
            ),
            Some((Some("friday".into()), -1))
        );
        // No time in the main clause: the report's day, moved back.
        assert_eq!(
            shift_of(
                "The convoy left at dawn, three days after Ann Alpha called Bob Beta.",
                Call
            ),
            Some((Some("three days after".into()), -3))
        );
        // "before" moves forward.
        assert_eq!(
            shift_of(
                "Borduria closed its airspace two days before Ann Alpha met Bob Beta.",
                Talks
            ),
            Some((Some("two days before".into()), 2))
        );
        // The main clause takes nothing from the phrase.
        assert_eq!(
            shift_of(
                "Ann Alpha met Bob Beta, a day after Borduria closed its airspace.",
                Talks
            ),
            Some((None, 0))
        );
    }

    #[test]
    fn a_speakers_own_call_in_quoted_words_is_an_event() {
        check(
            "\"We will hold a video call with Borduria on Friday,\" Ann Alpha said.",
            &["statement:Ann Alpha:held", "call:Ann Alpha,Borduria:planned"],
        );
        check(
            "Bob Beta told reporters: \"I spoke to Cy Gamma an hour ago and I am hopeful.\"",
            &["statement:Bob Beta:held", "call:Bob Beta,Cy Gamma:held"],
        );
        // The quoted day dates it, wherever it stands in the quote.
        assert_eq!(
            time_of(
                "\"On Friday we'll meet Cy Gamma in the capital,\" Ann Alpha said.",
                Kind::Talks
            )
            .as_deref(),
            Some("friday")
        );
    }

    #[test]
    fn quoted_words_without_the_first_person_or_the_other_side_make_no_event() {
        // Someone else's meeting, told by the speaker: not the speaker's.
        check(
            "\"They met Cy Gamma twice last month,\" Ann Alpha said.",
            &["statement:Ann Alpha:held"],
        );
        // No other side named.
        check(
            "\"We will meet again soon,\" Bob Beta said.",
            &["statement:Bob Beta:held"],
        );
        // Only wished for.
        check(
            "\"We could meet Cy Gamma one day,\" Bob Beta said.",
            &["statement:Bob Beta:held"],
        );
    }

    #[test]
    fn a_time_in_another_clause_does_not_date_the_trigger() {
        // A subordinate clause before the speech verb.
        assert_eq!(
            time_of(
                "It was their first meeting since Ann Alpha took office on March 3, Bob Beta said.",
                Statement
            ),
            None
        );
        // A relative clause after a call.
        assert_eq!(
            time_of(
                "Ann Alpha spoke by phone with Bob Beta, who had arrived in Lima on Sunday.",
                Call
            ),
            None
        );
        // An event the trigger is related to.
        assert_eq!(
            time_of("The Alpha-Beta call followed a vote in parliament this week.", Call),
            None
        );
        // The trigger's own time is kept.
        assert_eq!(
            time_of(
                "Ann Alpha spoke by phone with Bob Beta on Sunday, who had asked for it.",
                Call
            )
            .as_deref(),
            Some("sunday")
        );
        assert_eq!(
            time_of(
                "Ann Alpha spoke by phone with Bob Beta, who asked for aid, an aide said on Friday.",
                Call
            )
            .as_deref(),
            Some("friday")
        );
        assert_eq!(
            time_of("On Tuesday, Ann Alpha met Bob Beta in Oslo.", Talks).as_deref(),
            Some("tuesday")
        );
    }
    #[test]
    fn a_time_in_the_reported_words_does_not_date_the_saying() {
        assert_eq!(
            time_of("The border will reopen tomorrow, Ann Alpha said.", Statement),
            None
        );
        assert_eq!(
            time_of("Ann Alpha said she expects Monday's vote to pass.", Statement),
            None
        );
        // Not ", SPEAKER said": the time before dates the saying.
        assert_eq!(
            time_of(
                "Ann Alpha on Friday left the capital, saying the vote was rigged.",
                Statement
            )
            .as_deref(),
            Some("friday")
        );
        assert_eq!(
            time_of(
                "In a radio interview on Sunday, Ann Alpha said the border would reopen.",
                Statement
            )
            .as_deref(),
            Some("sunday")
        );
        assert_eq!(
            time_of("Ann Alpha told reporters on Friday that talks would resume.", Statement).as_deref(),
            Some("friday")
        );
    }
    #[test]
    fn more_ways_to_say_they_met() {
        check(
            "Ann Alpha sat down with Bob Beta in the capital on Sunday.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
        check(
            "Ann Alpha dined with Bob Beta after the vote.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
        check(
            "Ann Alpha held discussions with Bob Beta on trade.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
        check(
            "Ann Alpha and Bob Beta held consultations in Vienna.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
    }
    #[test]
    fn more_ways_to_say_they_called() {
        check(
            "Ann Alpha said she would be phoning Bob Beta later.",
            &["statement:Ann Alpha:held", "call:Ann Alpha,Bob Beta:planned"],
        );
        check(
            "Ann Alpha met Bob Beta by video link from the embassy.",
            &["call:Ann Alpha,Bob Beta:held"],
        );
        check(
            "Ann Alpha and Bob Beta held virtual talks on Thursday.",
            &["call:Ann Alpha,Bob Beta:held"],
        );
    }
    #[test]
    fn more_ways_to_say_they_spoke() {
        check(
            "Ann Alpha emphasized that the border must stay open.",
            &["statement:Ann Alpha:held"],
        );
        check("Bob Beta underlined the cost of delay.", &["statement:Bob Beta:held"]);
        check(
            "Ann Alpha gave assurances that the grain would keep moving.",
            &["statement:Ann Alpha:held"],
        );
    }
    #[test]
    fn spoke_by_phone_is_a_call() {
        check(
            "Ann Alpha spoke by phone with Bob Beta.",
            &["call:Ann Alpha,Bob Beta:held"],
        );
    }
    #[test]
    fn telephoned_is_a_call() {
        check(
            "Ann Alpha telephoned Bob Beta on Saturday.",
            &["call:Ann Alpha,Bob Beta:held"],
        );
    }
    #[test]
    fn phone_call_noun() {
        check(
            "Ann Alpha held a phone call with Bob Beta.",
            &["call:Ann Alpha,Bob Beta:held"],
        );
    }
    #[test]
    fn coordinated_subjects_spoke() {
        check(
            "Ann Alpha and Bob Beta spoke by phone yesterday.",
            &["call:Ann Alpha,Bob Beta:held"],
        );
    }
    #[test]
    fn planned_call() {
        check(
            "Ann Alpha will speak with Bob Beta on Monday.",
            &["call:Ann Alpha,Bob Beta:planned"],
        );
    }
    #[test]
    fn met_is_talks() {
        check("Ann Alpha met Bob Beta in Geneva.", &["talks:Ann Alpha,Bob Beta:held"]);
    }
    #[test]
    fn talks_between_states() {
        check(
            "Alandic and Bordurian negotiators held talks in Vienna.",
            &["talks:Aland,Borduria:held"],
        );
    }
    #[test]
    fn hypothetical_meeting_is_dropped() {
        check("It is possible that Ann Alpha could meet Bob Beta.", &[]);
    }
    #[test]
    fn negated_discussion_is_dropped() {
        check("Ann Alpha did not meet Bob Beta.", &[]);
    }
    #[test]
    fn said_is_a_statement() {
        check("Ann Alpha said the talks went well.", &["statement:Ann Alpha:held"]);
    }
    #[test]
    fn inverted_attribution() {
        check("“We are ready,” said Cy Gamma.", &["statement:Cy Gamma:held"]);
    }
    #[test]
    fn according_to_outlet_is_not_a_speaker() {
        check("The talks failed, according to DWS.", &[]);
    }
    #[test]
    fn according_to_person_is_a_speaker() {
        check("The offer stands, according to Cy Gamma.", &["statement:Cy Gamma:held"]);
    }
    #[test]
    fn called_for_is_a_demand() {
        check("Ann Alpha called for new sanctions.", &["demand:Ann Alpha:held"]);
    }
    #[test]
    fn asked_to_is_a_demand_with_target() {
        check(
            "Alandic negotiators asked Borduria on Friday to withdraw.",
            &["demand:Aland,Borduria:held"],
        );
    }
    #[test]
    fn asked_if_is_not_a_demand() {
        check("When asked if he would go, Ann Alpha smiled.", &[]);
    }
    #[test]
    fn challenged_to_is_a_demand() {
        check(
            "Ann Alpha challenged Bob Beta to meet him.",
            &["demand:Ann Alpha,Bob Beta:held"],
        );
    }
    #[test]
    fn relative_who_takes_antecedent() {
        check("He met Bob Beta, who told him no.", &["statement:Bob Beta:held"]);
    }
    #[test]
    fn quoted_names_are_not_speakers() {
        check("“Bob Beta is wrong,” Ann Alpha said.", &["statement:Ann Alpha:held"]);
    }
    #[test]
    fn call_list_after_colon() {
        check(
            "After the call, Ann Alpha briefed the leaders: Bob Beta, Cy Gamma and Aland.",
            &["call:Ann Alpha,Bob Beta,Cy Gamma,Aland:held"],
        );
    }
    #[test]
    fn habitual_is_not_an_event() {
        check("Borduria has repeatedly rejected the plan.", &[]);
        check("Ann Alpha often meets Bob Beta.", &[]);
    }
    #[test]
    fn possessor_is_not_the_subject() {
        check(
            "Ann Alpha rejected Borduria's requests, saying no.",
            &["statement:Ann Alpha:held"],
        );
    }
    #[test]
    fn attribution_after_a_call_is_not_a_participant() {
        check(
            "Ann Alpha spoke by phone with Bob Beta, Borduria said.",
            &["call:Ann Alpha,Bob Beta:held", "statement:Borduria:held"],
        );
    }
    #[test]
    fn phone_verb_needs_a_preposition_for_its_object() {
        check(
            "Ann Alpha and Bob Beta spoke by telephone on Thursday and called on Aland to stop.",
            &["call:Ann Alpha,Bob Beta:held", "demand:Ann Alpha,Aland:held"],
        );
    }
    #[test]
    fn places_are_not_subjects() {
        check(
            "Ann Alpha will travel to Borduria next week to meet Bob Beta.",
            &["talks:Ann Alpha,Bob Beta:planned"],
        );
    }
    #[test]
    fn talks_location_after_in() {
        assert_eq!(
            location_of("Ann Alpha met Bob Beta in Geneva on Friday."),
            Some("Geneva".into())
        );
    }
    #[test]
    fn talks_location_as_modifier() {
        assert_eq!(
            location_of("The Istanbul peace talks between Aland and Borduria ended."),
            Some("Istanbul".into())
        );
    }
    #[test]
    fn no_location_for_dates() {
        assert_eq!(location_of("Ann Alpha met Bob Beta in March."), None);
    }
    fn location_of(sentence: &str) -> Option<String> {
        let (found, toks, _) = found_in(sentence);
        found
            .iter()
            .find_map(|f| f.location)
            .map(|(s, e)| sentence[toks[s].start..toks[e - 1].end].to_string())
    }
    #[test]
    fn after_meeting_is_a_meeting() {
        check(
            "Ann Alpha spoke after meeting Bob Beta in Nairobi.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
    }
    #[test]
    fn coordinated_speech_verb_takes_the_clause_subject() {
        check(
            "Ann Alpha thanked Borduria and said the deal was near.",
            &["statement:Ann Alpha:held"],
        );
    }
    #[test]
    fn travel_to_meet_is_one_meeting() {
        check(
            "Ann Alpha will travel to Borduria to meet Bob Beta.",
            &["talks:Ann Alpha,Bob Beta:planned"],
        );
    }
    #[test]
    fn visit_is_talks() {
        check(
            "Ann Alpha will visit Borduria on Monday.",
            &["talks:Ann Alpha,Borduria:planned"],
        );
    }
    #[test]
    fn statement_does_not_take_the_reported_clause_date() {
        let (found, _, _) =
            found_in("Cy Gamma told reporters the alliance would hold a summit on the crisis later this month.");
        assert_eq!(found[0].kind, Kind::Statement);
        assert_eq!(found[0].time, None);
    }
    #[test]
    fn inverted_speaker_must_follow_at_once() {
        check(
            "Borduria's spokesman, Jane Roe, said on Sunday that Aland would not accept it.",
            &["statement:Jane Roe:held"],
        );
    }
    #[test]
    fn times_inside_quotes_do_not_date_the_statement() {
        let (found, _, _) = found_in("“We agreed to continue next week,” Ann Alpha said.");
        assert_eq!(found[0].time, None);
    }
    #[test]
    fn held_a_round_of_talks() {
        check(
            "Ann Alpha and Bob Beta held a second round of indirect talks in Rome.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
    }
    #[test]
    fn they_is_the_institution_named_before() {
        check(
            "Borduria said that they had spoken to Ann Alpha.",
            &["statement:Borduria:held", "call:Borduria,Ann Alpha:held"],
        );
    }
    #[test]
    fn interview_is_not_a_call() {
        check(
            "Ann Alpha, speaking to a broadcaster, said Borduria had met its obligations.",
            &["statement:Ann Alpha:held"],
        );
    }
    #[test]
    fn participle_after_comma_takes_the_main_subject() {
        check(
            "Ann Alpha met Bob Beta in Oslo, saying the vote was rigged.",
            &["talks:Ann Alpha,Bob Beta:held", "statement:Ann Alpha:held"],
        );
    }
    #[test]
    fn headline_verb_calls() {
        check("Ann Alpha calls Bob Beta, vows help", &["call:Ann Alpha,Bob Beta:held"]);
    }
    #[test]
    fn calls_for_is_a_demand() {
        check("Ann Alpha calls for calm.", &["demand:Ann Alpha:held"]);
    }
    #[test]
    fn unknown_demonym_stays_with_its_title() {
        check(
            "Prime Minister Ann Alpha and Freedonian President Bob Beta met in Geneva.",
            &["talks:Ann Alpha,Bob Beta:held"],
        );
    }
    #[test]
    fn warned_must_is_a_demand() {
        check(
            "Ann Alpha said the talks were frank but warned that Borduria must respect the ruling.",
            &["statement:Ann Alpha:held", "demand:Ann Alpha,Borduria:held"],
        );
    }
    #[test]
    fn in_a_post_is_the_subjects_statement() {
        check(
            "Ann Alpha thanked Bob Beta in a post and called on Borduria to help.",
            &["statement:Ann Alpha:held", "demand:Ann Alpha,Borduria:held"],
        );
    }
    #[test]
    fn readout_is_a_statement() {
        check("Borduria in a readout praised the talks.", &["statement:Borduria:held"]);
    }
    #[test]
    fn call_for_is_not_a_phone_call() {
        check("The call for calm went unheard.", &[]);
    }
    #[test]
    fn reference_after_the_call() {
        let s = "After the call, Ann Alpha said it went well.";
        let toks = tokenize(s, 0, s.len());
        assert_eq!(event_reference(&toks), Some(Kind::Call));
    }
    #[test]
    fn no_reference_in_plain_sentence() {
        let s = "Ann Alpha said it went well.";
        let toks = tokenize(s, 0, s.len());
        assert_eq!(event_reference(&toks), None);
    }
}
