//! Who does what in an event: the subject and objects of a trigger, the
//! parties of a meeting named by a noun ("talks between A and B"), hosts
//! and guests, passive agents, speakers through an apposition or a
//! document, and where talks took place.

use super::*;

/// The agent of a passive speech verb: "was first announced by X", "had
/// been confirmed on Monday by the ministry". Without a form of "be"
/// before the verb ("territory claimed by Moscow") there is none.
pub(super) fn passive_agent(
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

/// "spoke with A and then with B": a second, separate party after the
/// first object (the mention index), if any.
pub(super) fn second_party(
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

pub(super) fn mention_at(mentions: &[ActorMention], tok: usize) -> Option<usize> {
    mentions.iter().position(|m| tok >= m.start && tok < m.end)
}

/// A mention and the others over the same words: a group reference ("the
/// two leaders", "they") is one mention per member.
pub(super) fn with_members(mentions: &[ActorMention], m: usize) -> impl Iterator<Item = usize> + '_ {
    let (s, e) = (mentions[m].start, mentions[m].end);
    mentions
        .iter()
        .enumerate()
        .filter(move |(_, x)| x.start == s && x.end == e)
        .map(|(n, _)| n)
}

/// "..., through its spokesman Dmitry Peskov": the person an office speaks through.
pub(super) fn through_person(
    toks: &[Token],
    mentions: &[ActorMention],
    end: usize,
    actors: &[crate::extract::actors::ActorInfo],
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

/// Participants of a noun trigger: compound or possessive modifiers before
/// it ("the Trump-Putin call", "his call", "Russia's talks") and a "with" or
/// "between" phrase after it ("talks between A and B", "a call with B").
pub(super) fn noun_participants(
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
pub(super) fn main_clause_parties(
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
pub(super) fn greets_a_person(toks: &[Token], mentions: &[ActorMention], actors: &[ActorInfo], end: usize) -> bool {
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
pub(super) fn receiving_verb_before(toks: &[Token], for_at: usize) -> Option<usize> {
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
pub(super) fn host_and_guest(
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

pub(super) fn dedup(v: &mut Vec<usize>) {
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

/// The actor right before the trigger (allowing adverbs and auxiliaries).
pub(super) fn adjacent_before(
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
pub(super) fn apposition_head(
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
pub(super) static INSTITUTIONS: WordSet = WordSet::new(&[
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
pub(super) fn seat_of(toks: &[Token], m: &ActorMention) -> bool {
    m.start >= 2
        && matches!(toks[m.start - 1].norm.as_str(), "in" | "at")
        && INSTITUTIONS.contains(toks[m.start - 2].norm.as_str())
}

/// Nouns for a written or recorded statement.
pub(super) static DOCUMENTS: WordSet = WordSet::new(&[
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
pub(super) fn document_author(
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
pub(super) fn inverted_after(
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
pub(super) fn after(
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
pub(super) fn subject(
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
pub(super) fn objects(
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
pub(super) fn location(
    toks: &[Token],
    mentions: &[ActorMention],
    actors: &[crate::extract::actors::ActorInfo],
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

pub(super) fn not_a_place(w: &str) -> bool {
    NOT_PLACES.contains(w) || crate::extract::dates::is_calendar_word(w)
}

/// Capitalised words that are not places (besides weekdays and months).
pub(super) static NOT_PLACES: WordSet = WordSet::new(&[
    "the", "a", "an", "he", "she", "they", "it", "this", "that", "what", "when", "last", "next",
]);

/// "spoke by telephone with X", "talked for an hour to X": the position
/// after the preposition that introduces the other side.
pub(super) fn preposition_after(toks: &[Token], end: usize) -> Option<usize> {
    for (k, t) in toks.iter().enumerate().take(end + 6).skip(end) {
        match t.norm.as_str() {
            "with" | "to" | "between" => return Some(k + 1),
            "," | ";" | "." | "and" | "but" | "that" | "which" | "who" => return None,
            _ => {}
        }
    }
    None
}

/// The time expression nearest to the trigger.
/// Subject pronouns: after a speech verb, one opens the reported clause
/// ("said he would ...").
pub(super) static PRONOUNS_SUBJ: WordSet = WordSet::new(&["he", "she", "they", "we", "i", "it"]);

/// Does the sentence refer to an earlier call or talks ("after the call",
/// "before talking to Putin", "the conversation with Trump")? Returns the
/// kind referred to.
pub(super) fn possessive_word(w: &str) -> bool {
    matches!(w, "the" | "his" | "their" | "her" | "this" | "that")
}
