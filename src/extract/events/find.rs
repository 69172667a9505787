//! Finding events in a sentence: trigger words of the four kinds (see
//! `triggers`), the checks that a match reports an event (a noun used as
//! a noun, a demand that asks for something, a quoted first person), and
//! the assembly of each event from its parties, modality and time.

use super::*;

/// Words that end a clause when searching for a trigger's subject.
pub(super) static BOUNDARIES: WordSet = WordSet::new(&[
    ";", "that", "but", "while", "whereas", "because", "although", "which", "when", "if", ":",
]);

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
    /// The trigger is a noun ("the call", "talks"), not a verb: named as a
    /// thing, it may be a passing reference to the event.
    pub noun: bool,
}

pub(super) fn matches_at(toks: &[Token], i: usize, words: &[String]) -> bool {
    i + words.len() <= toks.len() && words.iter().enumerate().all(|(o, w)| toks[i + o].norm == w.as_str())
}

/// A trigger matched at a position.
#[derive(Clone, Copy)]
pub(super) struct Matched {
    kind: Kind,
    len: usize,
    form: Form,
}

pub(super) fn match_trigger(vocab: &Triggers, toks: &[Token], i: usize) -> Option<Matched> {
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

/// "separate calls with A and B", "met separately with A and B": one
/// event with each, not one among all.
pub(super) fn separate(toks: &[Token], start: usize, end: usize) -> bool {
    let before = (start.saturating_sub(3)..start).any(|k| toks[k].norm == "separate");
    let inside_or_after = (start..(end + 1).min(toks.len())).any(|k| toks[k].norm == "separately");
    before || inside_or_after
}

/// Find the events of one sentence.
pub fn find_events(
    toks: &[Token],
    mentions: &[ActorMention],
    times: &[TimeExpr],
    actors: &[crate::extract::actors::ActorInfo],
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
        // "met in Oslo": the capital is where they met, not its state
        // taking part.
        if let Some((a, b)) = location {
            let placed: Vec<usize> = mentions
                .iter()
                .filter(|m| m.start >= a && m.end <= b)
                .map(|m| m.actor)
                .collect();
            found_actors.retain(|x| !placed.contains(x));
            if let Some((_, others)) = split.as_mut() {
                others.retain(|x| !placed.contains(x));
            }
        }
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
                noun: tr.form == Noun,
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
            noun: false,
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
pub(super) fn first_person_link(norm: &str) -> bool {
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
pub(super) fn quoted_events(
    toks: &[Token],
    mentions: &[ActorMention],
    times: &[TimeExpr],
    quotes: &[bool],
    vocab: &Triggers,
    actors: &[crate::extract::actors::ActorInfo],
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
            noun: tr.form == Noun,
        });
    }
    out
}

/// Whether a meeting is held remotely: "virtual"/"online"/"video" just
/// before the trigger, or "by video link", "via videoconference",
/// "virtually", "online" in its clause after it.
pub(super) fn remote(toks: &[Token], start: usize, end: usize) -> bool {
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
pub(super) fn after_event(toks: &[Token], start: usize) -> bool {
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
pub(super) fn at_the_event(toks: &[Token], start: usize) -> bool {
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
pub(super) fn light_verb_before(toks: &[Token], start: usize) -> bool {
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
pub(super) fn is_function_word(w: &str) -> bool {
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

pub(super) fn is_adverb(w: &str) -> bool {
    matches!(
        w,
        "also" | "then" | "later" | "again" | "quickly" | "immediately" | "repeatedly" | "publicly" | "separately"
    )
}

/// "told him the intention should be ...", "said Russia must withdraw":
/// Some(target) when a "should"/"must" follows in the same clause; the
/// target is the actor right before the modal, if any.
pub(super) fn modal_demand(
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
pub(super) fn quoted_demand(
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

/// A noun trigger counts when it is used as a noun: after a determiner or
/// modifier, or followed by "with"/"between".
pub(super) fn noun_context(toks: &[Token], mentions: &[ActorMention], start: usize, end: usize) -> bool {
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
pub(super) fn demand_context(toks: &[Token], start: usize, end: usize) -> bool {
    match toks[start].norm.as_str() {
        "asked" | "pressed" | "challenged" => (end..(end + 6).min(toks.len())).any(|k| toks[k].norm == "to"),
        _ => true,
    }
}

/// After "called X": words that make it a naming ("called Putin a
/// tyrant", "called him “reckless”", "called Kyiv weak") rather than a
/// phone call ("called Putin on Sunday", "called Putin, who ...").
pub(super) fn naming_complement(toks: &[Token], times: &[TimeExpr], after_object: usize) -> bool {
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
pub(super) static CALL_FOLLOWERS: WordSet = WordSet::new(&[
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
