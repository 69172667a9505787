//! One article through the stages: sentences and tokens, actors, time
//! expressions, event mentions, and each mention's date resolved against
//! the article's.

use crate::extract::actors::{is_headline, quote_mask, ActorBook, ActorInfo, ActorMention, ArticleActors};
use crate::extract::dates::{find_time_exprs, infer_publication_date, resolve, Tense, TimeExpr, TimeValue};
use crate::extract::events::{event_reference, find_events, Found};
use crate::extract::gist;
use crate::extract::text::{dateline_end, split_sentences, tokenize, Sentence, Token};
use crate::model::{DateSource, EventDate, Kind, Precision, Status};
use chrono::NaiveDate;

/// One event mention: a sentence that reports an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub kind: Kind,
    /// Indices into [`Extraction::actors`], speaker or demander first.
    pub actors: Vec<usize>,
    pub date: Option<EventDate>,
    pub date_source: DateSource,
    pub status: Status,
    /// Byte range of the evidence sentence in the article body.
    pub sentence: Sentence,
    /// Byte range of the trigger words.
    pub trigger: (usize, usize),
    /// The first quotation in the sentence, for statements.
    pub quote: Option<String>,
    /// Where talks took place, as written.
    pub location: Option<String>,
    /// The time expression before resolution ("yesterday" = Offset(-1)),
    /// used to date undated articles from events known elsewhere.
    pub relative: Option<crate::extract::dates::TimeValue>,
    /// What a row shows of it, names marked (see [`crate::extract::gist`]).
    pub gist: String,
    /// How directly the sentence reports the event, 0 to 9.
    pub rank: u8,
}

/// What extraction found in one article.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub actors: Vec<ActorInfo>,
    pub mentions: Vec<Mention>,
    pub sentences: usize,
    /// The publication date inferred from the text, and how.
    pub inferred_date: Option<(NaiveDate, &'static str)>,
    /// Single names in a speaker's place that resolved to nobody ("Ames
    /// said"), as name keys: a person named in full in another article may
    /// be them (see `ActorBook::remember`).
    pub unknown_names: Vec<String>,
    /// The agency or outlet the text credits itself to: a dateline's
    /// "(AP)", or a line that is only an outlet's name at the start or the
    /// end of the text.
    pub credit: Option<String>,
}

struct Pending {
    found: Found,
    sentence: usize,
    gist: String,
    rank: u8,
}

/// Extract the event mentions of one article. Without a publication date,
/// the date is inferred from the text where it can be.
///
/// ```
/// use readout::extract::actors::ActorBook;
/// use readout::extract::extract;
/// use readout::model::Kind;
///
/// let book = ActorBook::parse("").unwrap();
/// let date = chrono::NaiveDate::from_ymd_opt(2025, 5, 20);
/// let x = extract("Foreign Minister Ann Alpha spoke by phone with Foreign Minister Bob Beta yesterday.", date, &book);
/// assert_eq!(x.mentions[0].kind, Kind::Call);
/// assert_eq!(x.mentions[0].date.unwrap().date.to_string(), "2025-05-19");
/// let names: Vec<&str> = x.mentions[0].actors.iter().map(|&a| x.actors[a].name.as_str()).collect();
/// assert_eq!(names, ["Ann Alpha", "Bob Beta"]);
/// ```
pub fn extract(body: &str, published: Option<NaiveDate>, book: &ActorBook) -> Extraction {
    extract_with(body, published, None, book)
}

/// Extract with a publication date inferred elsewhere (e.g. from events
/// already known from dated articles), recorded with how it was found.
pub fn extract_with(
    body: &str,
    published: Option<NaiveDate>,
    inferred: Option<(NaiveDate, &'static str)>,
    book: &ActorBook,
) -> Extraction {
    let sentences = split_sentences(body);
    let tokens: Vec<Vec<Token>> = sentences.iter().map(|s| tokenize(body, s.start, s.end)).collect();
    let all_times: Vec<Vec<TimeExpr>> = tokens.iter().map(|t| find_time_exprs(t)).collect();
    let inferred_date = match (published, inferred) {
        (Some(_), _) => None,
        (None, Some(i)) => Some(i),
        (None, None) => infer_publication_date(&tokens, &all_times),
    };
    let anchor = published.or(inferred_date.map(|(d, _)| d));

    let mut actors = ArticleActors::new(book).dated(anchor);
    let mut pending: Vec<Pending> = Vec::new();
    let mut references: Vec<Option<Kind>> = Vec::with_capacity(sentences.len());
    let mut credit: Option<String> = None;
    for (si, toks) in tokens.iter().enumerate() {
        let headline = is_headline(toks);
        let dateline = dateline_end(body, toks);
        let mut mentions = actors.find(body, toks, headline);
        if credit.is_none() && (si < 4 || si + 3 >= tokens.len()) {
            credit = dateline_credit(body, &toks[..dateline]).or_else(|| {
                outlet_line(toks, &mentions, actors.actors.as_slice()).map(|a| actors.actors[a].name.clone())
            });
        }
        mentions.retain(|m| m.start >= dateline);
        let quotes = quote_mask(body, toks);
        let mut times = all_times[si].clone();
        times.retain(|t| t.start >= dateline);
        references.push(event_reference(toks));
        if headline {
            continue;
        }
        for mut found in find_events(
            toks,
            &mentions,
            &times,
            actors.actors.as_slice(),
            &quotes,
            book.triggers(),
        ) {
            // An office speaks for its principal: "the Kremlin said" is a
            // statement of the president's side, with the office kept.
            if !found.kind.is_meeting() {
                if let Some(p) = found.actors.first().and_then(|&a| actors.principal_of(a)) {
                    if !found.actors.contains(&p) {
                        found.actors.insert(0, p);
                    }
                }
            }
            let gist = gist::gist(body, toks, dateline, &found, &mentions);
            let rank = gist::rank(body, toks, dateline, &found, &mentions);
            pending.push(Pending {
                found,
                sentence: si,
                gist,
                rank,
            });
        }
    }

    let dated = assign_dates(&pending, &references, anchor);
    let mut mentions: Vec<Mention> = pending
        .iter()
        .zip(dated)
        .map(|(p, (date, date_source))| {
            let toks = &tokens[p.sentence];
            let s = sentences[p.sentence];
            Mention {
                kind: p.found.kind,
                actors: p.found.actors.clone(),
                date,
                date_source,
                status: p.found.status,
                sentence: s,
                trigger: (toks[p.found.start].start, toks[p.found.end - 1].end),
                quote: first_quote(&body[s.start..s.end]),
                location: p
                    .found
                    .location
                    .map(|(a, b)| body[toks[a].start..toks[b - 1].end].to_string()),
                relative: p.found.time.map(|t| t.value),
                gist: p.gist.clone(),
                // Dated by the event it refers to: the sentence names this
                // event as the time of another ("after the call, …").
                rank: if date_source == DateSource::Anchored {
                    p.rank.saturating_sub(4)
                } else {
                    p.rank
                },
            }
        })
        .collect();
    if let Some(a) = anchor {
        future_is_planned(&mut mentions, a);
    }
    calls_called_talks(&mut mentions);
    states_for_leaders(&mut mentions, &actors.actors);
    let unknown_names = actors.unknown_names();
    Extraction {
        actors: actors.actors,
        mentions,
        sentences: sentences.len(),
        inferred_date,
        unknown_names,
        credit,
    }
}

/// The credit in a dateline's parentheses: "KYIV, Ukraine (AP) —" gives
/// "AP". One to four capitalised words; a date or place in parentheses is
/// no credit.
fn dateline_credit(body: &str, dateline: &[Token]) -> Option<String> {
    let open = dateline.iter().position(|t| t.norm == "(")?;
    let close = open + dateline[open..].iter().position(|t| t.norm == ")")?;
    let inner = &dateline[open + 1..close];
    (!inner.is_empty()
        && inner.len() <= 4
        && inner
            .iter()
            .all(|t| t.word && t.cap && !t.norm.chars().any(|c| c.is_ascii_digit())))
    .then(|| body[inner[0].start..inner[inner.len() - 1].end].to_string())
}

/// A sentence that is only an outlet's name ("Reuters", "— AFP"): the
/// outlet it names.
fn outlet_line(toks: &[Token], mentions: &[ActorMention], actors: &[ActorInfo]) -> Option<usize> {
    let m = match mentions {
        [m] => m,
        _ => return None,
    };
    let others = toks
        .iter()
        .enumerate()
        .any(|(k, t)| t.word && (k < m.start || k >= m.end));
    (!others && actors[m.actor].kind == crate::model::ActorKind::Outlet).then_some(m.actor)
}

/// For an article with no date at all: the date its text gives as a
/// weekday with a day and month and no year ("on Friday, February 28"),
/// in the latest year up to `not_after` when that day fell on that weekday
/// (see [`crate::extract::dates::weekday_year_date`]).
pub fn weekday_year(body: &str, not_after: NaiveDate) -> Option<NaiveDate> {
    let times: Vec<Vec<TimeExpr>> = split_sentences(body)
        .iter()
        .map(|s| find_time_exprs(&tokenize(body, s.start, s.end)))
        .collect();
    crate::extract::dates::weekday_year_date(&times, not_after)
}

/// Dates for every pending mention, in order of preference:
/// 1. its own time expression (stated);
/// 2. the date of the call or talks its sentence refers to (anchored);
/// 3. the date of the same kind of mention by the same actor one or two
///    sentences before ("Putin also said ...") (context);
/// 4. the article's date — except for planned events, whose date is then
///    unknown rather than made up.
fn assign_dates(
    pending: &[Pending],
    references: &[Option<Kind>],
    anchor: Option<NaiveDate>,
) -> Vec<(Option<EventDate>, DateSource)> {
    // Stated dates, in text order; "two days later" counts from the last
    // stated day before it.
    let mut dated: Vec<(Option<EventDate>, DateSource)> = Vec::with_capacity(pending.len());
    let mut narrative: Option<NaiveDate> = None;
    for p in pending {
        let resolved = match p.found.time {
            Some(t) if matches!(t.value, TimeValue::Narrative(_)) => {
                narrative.and_then(|n| resolve(t.value, n, p.found.tense))
            }
            Some(t) => resolve_expr(t, anchor, p.found.tense).and_then(|d| shifted(d, p.found.shift)),
            None => None,
        };
        if let Some(d) = resolved.filter(|d| d.precision == Precision::Day) {
            narrative = Some(d.date);
        }
        dated.push(match resolved {
            Some(d) => (Some(d), DateSource::Stated),
            None => (None, DateSource::Unknown),
        });
    }
    let focus = focus_event(pending, &dated, anchor);
    for i in 0..pending.len() {
        if dated[i].0.is_some() {
            continue;
        }
        let si = pending[i].sentence;
        // A reference dates speech acts and the referred event itself, not
        // other events ("after the call, he praised the talks").
        let reference = references[si].filter(|&k| !pending[i].found.kind.is_meeting() || pending[i].found.kind == k);
        if let Some(d) = reference.and_then(|kind| referenced_date(pending, &dated, i, kind)) {
            dated[i] = (Some(d), DateSource::Anchored);
            continue;
        }
        // Background does not share the day of the sentence before it.
        if let Some(d) = context_date(pending, &dated, i).filter(|_| !pending[i].found.background) {
            dated[i] = (Some(d), DateSource::Context);
            continue;
        }
        if let Some(d) = focus.and_then(|f| focus_date(pending, f, &dated, i)) {
            dated[i] = (Some(d), DateSource::Context);
            continue;
        }
        dated[i] = match anchor {
            // Background ("had previously said") did not happen on the day
            // of the report; without a time of its own it stays undated.
            Some(a) if pending[i].found.status == Status::Held && !pending[i].found.background => {
                (Some(EventDate::day(a)), DateSource::Article)
            }
            _ => (None, DateSource::Unknown),
        };
    }
    dated
}

/// A day moved by `days` ("a day after ..."); a week or a month is not
/// moved by days, and is dropped rather than misplaced.
fn shifted(d: EventDate, days: i64) -> Option<EventDate> {
    if days == 0 {
        return Some(d);
    }
    if d.precision != Precision::Day {
        return None;
    }
    d.date
        .checked_add_signed(chrono::Duration::try_days(days)?)
        .map(EventDate::day)
}

/// The date of the nearest earlier mention of the same kind, one or two
/// sentences back, by the same first actor (statements, demands) or sharing
/// an actor (calls, talks), when that date did not come from the article.
fn context_date(pending: &[Pending], dated: &[(Option<EventDate>, DateSource)], i: usize) -> Option<EventDate> {
    let me = &pending[i];
    (0..i)
        .rev()
        .find_map(|j| {
            let other = &pending[j];
            if other.sentence >= me.sentence || me.sentence - other.sentence > 2 || other.found.kind != me.found.kind {
                return None;
            }
            let related = if me.found.kind.is_meeting() {
                other.found.actors.iter().any(|a| me.found.actors.contains(a))
            } else {
                other.found.actors.first() == me.found.actors.first()
            };
            let usable = matches!(
                dated[j].1,
                DateSource::Stated | DateSource::Anchored | DateSource::Context
            );
            (related && usable).then_some(dated[j].0).flatten()
        })
        .or_else(|| {
            // "Ruto on Sunday called for a truce. Ruto made the appeal after
            // meeting ...": the same actor's held event in the sentence before.
            let first = me.found.actors.first()?;
            (0..i).rev().find_map(|j| {
                let other = &pending[j];
                let d = dated[j].0?;
                let ok = me.sentence == other.sentence + 1
                    && !other.found.background
                    && me.found.status == Status::Held
                    && other.found.status == Status::Held
                    && other.found.actors.first() == Some(first)
                    && d.precision == Precision::Day
                    && matches!(dated[j].1, DateSource::Stated | DateSource::Anchored);
                ok.then_some(d)
            })
        })
}

/// The article's lead event: a held call or talks in its first sentences
/// with a stated day up to the article's date ("spoke ... yesterday").
fn focus_event(
    pending: &[Pending],
    dated: &[(Option<EventDate>, DateSource)],
    anchor: Option<NaiveDate>,
) -> Option<usize> {
    const LEAD_SENTENCES: usize = 5;
    let anchor = anchor?;
    let first = pending.iter().position(|p| p.found.kind.is_meeting())?;
    let p = &pending[first];
    let d = dated[first].0?;
    let lead = p.sentence < LEAD_SENTENCES
        && p.found.status == Status::Held
        && !p.found.background
        && dated[first].1 == DateSource::Stated;
    // A day-after report: the lead event a day or two before the article,
    // not a background event of last week.
    // A Friday meeting reported on Monday is still the story's event...
    let recent = (anchor - d.date).num_days() <= 3;
    // ...unless a later day comes first ("said Monday ..., after A and B
    // met on Friday"): then the story is that day's and the meeting is
    // background. Reactions told after the meeting do not count.
    let later_first = pending.iter().zip(dated).any(|(q, (qd, src))| {
        q.sentence <= p.sentence
            && q.found.status == Status::Held
            && *src == DateSource::Stated
            && qd.is_some_and(|qd| qd.date > d.date && qd.date <= anchor)
    });
    (lead && d.precision == Precision::Day && d.date <= anchor && recent && !later_first).then_some(first)
}

/// A day-after report quotes the lead event's participants as of that day:
/// their undated statements and demands take the lead event's date. So
/// does one participant's request of another told in the bare past
/// perfect ("A confirmed he had asked B to stop ..."): it was made at
/// the meeting the story is about, not on some earlier day.
fn focus_date(
    pending: &[Pending],
    focus: usize,
    dated: &[(Option<EventDate>, DateSource)],
    i: usize,
) -> Option<EventDate> {
    let me = &pending[i].found;
    if me.kind.is_meeting() || me.status != Status::Held {
        return None;
    }
    let speaker = me.actors.first()?;
    let present = &pending[focus].found.actors;
    if me.background {
        let at_the_meeting = me.kind == Kind::Demand
            && me.bare_perfect
            && me.actors.len() >= 2
            && me.actors.iter().all(|a| present.contains(a));
        if !at_the_meeting {
            return None;
        }
    }
    present.contains(speaker).then_some(dated[focus].0).flatten()
}

/// "before he meets B next week": what the text dates after the report
/// had not happened yet, whatever the verb's tense.
fn future_is_planned(mentions: &mut [Mention], published: NaiveDate) {
    for m in mentions.iter_mut() {
        // A day, or a week or month that starts, after the report.
        let ahead = m.date.is_some_and(|d| d.date > published);
        if m.status == Status::Held && m.date_source == DateSource::Stated && ahead {
            m.status = Status::Planned;
        }
    }
}

/// Articles often call a phone call "talks": a talks mention with the same
/// participants and date as a call in the same article is that call.
fn calls_called_talks(mentions: &mut [Mention]) {
    let calls: Vec<(Vec<usize>, Option<EventDate>)> = mentions
        .iter()
        .filter(|m| m.kind == Kind::Call)
        .map(|m| (sorted(&m.actors), m.date))
        .collect();
    for m in mentions.iter_mut().filter(|m| m.kind == Kind::Talks) {
        let key = (sorted(&m.actors), m.date);
        if calls.contains(&key) {
            m.kind = Kind::Call;
        }
    }
}

/// "The US-Russia phone call" after "Trump's call with Putin": a call or
/// talks between states whose leaders' meeting the article reports is that
/// meeting. Its participants (and, unless stated, its date) become theirs.
fn states_for_leaders(mentions: &mut [Mention], actors: &[ActorInfo]) {
    use crate::model::ActorKind;
    // (kind, participants, date, their countries)
    type Meeting = (Kind, Vec<usize>, Option<EventDate>, Vec<String>);
    let people_meetings: Vec<Meeting> = mentions
        .iter()
        .filter(|m| m.kind.is_meeting() && m.actors.iter().all(|&a| actors[a].kind == ActorKind::Person))
        .filter_map(|m| {
            let countries: Option<Vec<String>> = m.actors.iter().map(|&a| actors[a].country.clone()).collect();
            countries.map(|mut c| {
                c.sort();
                c.dedup();
                (m.kind, m.actors.clone(), m.date, c)
            })
        })
        .collect();
    for m in mentions.iter_mut() {
        if !m.kind.is_meeting() || !m.actors.iter().all(|&a| actors[a].kind == ActorKind::State) {
            continue;
        }
        let mut states: Vec<String> = m.actors.iter().map(|&a| actors[a].name.clone()).collect();
        states.sort();
        states.dedup();
        if let Some((_, people, date, _)) = people_meetings.iter().find(|(k, _, _, c)| *k == m.kind && *c == states) {
            m.actors = people.clone();
            if m.date_source != DateSource::Stated {
                m.date = *date;
                m.date_source = DateSource::Anchored;
            }
        }
    }
}

fn sorted(v: &[usize]) -> Vec<usize> {
    let mut v = v.to_vec();
    v.sort();
    v
}

fn resolve_expr(t: TimeExpr, anchor: Option<NaiveDate>, tense: Tense) -> Option<EventDate> {
    match anchor {
        Some(a) => resolve(t.value, a, tense),
        None => match t.value {
            crate::extract::dates::TimeValue::DayMonth { year: Some(_), .. }
            | crate::extract::dates::TimeValue::Month { year: Some(_), .. } => {
                // Absolute dates need no anchor.
                resolve(t.value, NaiveDate::MIN, tense)
            }
            _ => None,
        },
    }
}

/// The stated date of the call or talks that sentence `i` refers to: the
/// nearest earlier mention of that kind sharing an actor, else the nearest
/// one anywhere in the article.
fn referenced_date(
    pending: &[Pending],
    dated: &[(Option<EventDate>, DateSource)],
    i: usize,
    kind: Kind,
) -> Option<EventDate> {
    let me = &pending[i];
    // A held event refers back to one that took place, not to one planned.
    let candidates: Vec<usize> = (0..pending.len())
        .filter(|&j| {
            j != i
                && pending[j].found.kind == kind
                && pending[j].sentence != me.sentence
                && (me.found.status != Status::Held || pending[j].found.status == Status::Held)
        })
        .collect();
    let stated = |j: &usize| dated[*j].1 == DateSource::Stated;
    let shares = |j: &usize| pending[*j].found.actors.iter().any(|a| me.found.actors.contains(a));
    // Earlier mentions first, then the nearest.
    let order = |j: &usize| {
        let s = pending[*j].sentence;
        (s > me.sentence, s.abs_diff(me.sentence))
    };
    // One of the same people is the one meant; if the text gives none of
    // theirs a day, another event's day is not taken.
    if let Some(j) = candidates
        .iter()
        .filter(|j| shares(j) && stated(j))
        .min_by_key(|j| order(j))
    {
        return dated[*j].0;
    }
    if candidates.iter().any(shares) {
        return None;
    }
    candidates
        .iter()
        .filter(|j| stated(j))
        .min_by_key(|j| order(j))
        .and_then(|&j| dated[j].0)
}

/// The first quotation in a sentence (curly or straight quotes).
fn first_quote(s: &str) -> Option<String> {
    let (q, closed) = crate::extract::text::quotations(s).next()?;
    (closed && q.split_whitespace().count() >= 2).then(|| q.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &str = r#"
[[actor]]
name = "Ann Alpha"
kind = "person"
[[actor]]
name = "Bob Beta"
kind = "person"
"#;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn stated_date_resolves_against_article_date() {
        let book = ActorBook::parse(BOOK).unwrap();
        let x = extract(
            "Ann Alpha spoke by phone with Bob Beta yesterday.",
            Some(d("2025-05-20")),
            &book,
        );
        assert_eq!(x.mentions.len(), 1);
        assert_eq!(x.mentions[0].date, Some(EventDate::day(d("2025-05-19"))));
        assert_eq!(x.mentions[0].date_source, DateSource::Stated);
    }

    #[test]
    fn no_time_expression_takes_article_date_with_flag() {
        let book = ActorBook::parse(BOOK).unwrap();
        let x = extract("Ann Alpha said the plan was good.", Some(d("2025-05-20")), &book);
        assert_eq!(x.mentions[0].date, Some(EventDate::day(d("2025-05-20"))));
        assert_eq!(x.mentions[0].date_source, DateSource::Article);
    }

    #[test]
    fn undated_article_stays_undated() {
        let book = ActorBook::parse(BOOK).unwrap();
        let x = extract("Ann Alpha said the plan was good yesterday.", None, &book);
        assert_eq!(x.mentions[0].date, None);
        assert_eq!(x.mentions[0].date_source, DateSource::Unknown);
    }

    #[test]
    fn sentence_referring_to_call_takes_its_date() {
        let book = ActorBook::parse(BOOK).unwrap();
        let text = "Ann Alpha spoke by phone with Bob Beta yesterday. After the call, Ann Alpha said it went well.";
        let x = extract(text, Some(d("2025-05-20")), &book);
        let st = x.mentions.iter().find(|m| m.kind == Kind::Statement).unwrap();
        assert_eq!(st.date, Some(EventDate::day(d("2025-05-19"))));
        assert_eq!(st.date_source, DateSource::Anchored);
    }

    #[test]
    fn day_after_report_dates_participants_remarks_by_the_lead_event() {
        let book = ActorBook::parse(BOOK).unwrap();
        let text = "Ann Alpha spoke by phone with Bob Beta last night.\nLater, Bob Beta said the talks went well.\nA\nB\nC\nBob Beta called for calm.";
        let x = extract(text, Some(d("2025-05-20")), &book);
        let demand = x.mentions.iter().find(|m| m.kind == Kind::Demand).unwrap();
        assert_eq!(demand.date, Some(EventDate::day(d("2025-05-19"))));
        assert_eq!(demand.date_source, DateSource::Context);
    }

    #[test]
    fn background_without_a_time_stays_undated() {
        let book = ActorBook::parse(BOOK).unwrap();
        let x = extract(
            "Ann Alpha had previously said the plan was good.",
            Some(d("2025-05-20")),
            &book,
        );
        assert_eq!(x.mentions[0].date, None);
        let x = extract("Ann Alpha had met Bob Beta on Friday.", Some(d("2025-05-20")), &book);
        assert_eq!(x.mentions[0].date, Some(EventDate::day(d("2025-05-16"))));
    }

    #[test]
    fn an_older_lead_event_does_not_date_todays_remarks() {
        let book = ActorBook::parse(BOOK).unwrap();
        // The lead call was a week ago: today's remark is today's.
        let text = "Ann Alpha spoke by phone with Bob Beta on 13 May.\nBob Beta said the talks went well.";
        let x = extract(text, Some(d("2025-05-20")), &book);
        let st = x.mentions.iter().find(|m| m.kind == Kind::Statement).unwrap();
        assert_eq!(st.date, Some(EventDate::day(d("2025-05-20"))));
    }

    #[test]
    fn a_weekend_report_dates_remarks_by_fridays_meeting() {
        let book = ActorBook::parse(BOOK).unwrap();
        // 2025-05-19 is a Monday; the meeting was on Friday the 16th.
        let text = "Ann Alpha met Bob Beta in Rome on Friday.\nBob Beta called the meeting useful.\nAnn Alpha urged Bob Beta to lift the tariffs.";
        let x = extract(text, Some(d("2025-05-19")), &book);
        let demand = x.mentions.iter().find(|m| m.kind == Kind::Demand).unwrap();
        assert_eq!(demand.date, Some(EventDate::day(d("2025-05-16"))));
        let text = "Bob Beta received Ann Alpha for talks on Friday.\nAnn Alpha told reporters that trade was the first topic.";
        let x = extract(text, Some(d("2025-05-19")), &book);
        let st = x.mentions.iter().find(|m| m.kind == Kind::Statement).unwrap();
        assert_eq!(st.date, Some(EventDate::day(d("2025-05-16"))));
    }

    #[test]
    fn a_later_day_told_first_makes_the_meeting_background() {
        let book = ActorBook::parse(BOOK).unwrap();
        let text = "Bob Beta said on Monday that talks would resume, after he met Ann Alpha on Friday.\nAnn Alpha warned that time was short.";
        let x = extract(text, Some(d("2025-05-19")), &book);
        let st = x
            .mentions
            .iter()
            .find(|m| m.kind == Kind::Statement && x.actors[m.actors[0]].name == "Ann Alpha")
            .unwrap();
        assert_eq!(st.date, Some(EventDate::day(d("2025-05-19"))));
        let text = "Ann Alpha warned on Sunday that sanctions would follow. She had met Bob Beta on Friday.\nAnn Alpha also said she was hopeful.";
        let x = extract(text, Some(d("2025-05-19")), &book);
        let st = x.mentions.iter().rfind(|m| m.kind == Kind::Statement).unwrap();
        assert_ne!(st.date, Some(EventDate::day(d("2025-05-16"))));
    }

    #[test]
    fn a_request_in_the_bare_past_perfect_was_made_at_the_meeting() {
        let book = ActorBook::parse(BOOK).unwrap();
        let text = "Ann Alpha met Bob Beta in the capital on Tuesday.\nA\nAnn Alpha later confirmed she had asked Bob Beta to drop the tariffs.";
        let x = extract(text, Some(d("2025-05-21")), &book);
        let demand = x.mentions.iter().find(|m| m.kind == Kind::Demand).unwrap();
        assert_eq!(demand.date, Some(EventDate::day(d("2025-05-20"))));
        let text = "Bob Beta held talks with Ann Alpha on Tuesday.\nBob Beta said he had also urged Ann Alpha to open the border.";
        let x = extract(text, Some(d("2025-05-20")), &book);
        let demand = x.mentions.iter().find(|m| m.kind == Kind::Demand).unwrap();
        assert_eq!(demand.date, Some(EventDate::day(d("2025-05-20"))));
        // Marked as long before, it stays undated.
        let text = "Bob Beta held talks with Ann Alpha on Tuesday.\nBob Beta said he had previously urged Ann Alpha to open the border.";
        let x = extract(text, Some(d("2025-05-20")), &book);
        let demand = x.mentions.iter().find(|m| m.kind == Kind::Demand).unwrap();
        assert_eq!(demand.date, None);
    }

    #[test]
    fn a_meeting_dated_after_the_report_is_planned() {
        let book = ActorBook::parse(BOOK).unwrap();
        let x = extract(
            "Ann Alpha will be in town before she meets Bob Beta next week.",
            Some(d("2025-05-20")),
            &book,
        );
        let t = x.mentions.iter().find(|m| m.kind == Kind::Talks).unwrap();
        assert_eq!(t.status, Status::Planned);
        let x = extract(
            "Ann Alpha meets Bob Beta in Geneva on 23 May, aides said.",
            Some(d("2025-05-20")),
            &book,
        );
        let t = x.mentions.iter().find(|m| m.kind == Kind::Talks).unwrap();
        assert_eq!(t.status, Status::Planned);
        assert_eq!(t.date, Some(EventDate::day(d("2025-05-23"))));
    }

    #[test]
    fn a_reference_to_a_meeting_takes_no_other_meetings_day() {
        let book = ActorBook::parse(&format!("{BOOK}[[actor]]\nname = \"Cy Gamma\"\nkind = \"person\"\n")).unwrap();
        // Cy Gamma's stated meeting is someone else's; Ann and Bob's
        // meeting has no day but the report's.
        let text = "Cy Gamma met Bob Beta on Monday.\nAnn Alpha sat down with Bob Beta in the palace.\nAfter the meeting, Ann Alpha wrote that it had been useful.";
        let x = extract(text, Some(d("2025-05-21")), &book);
        let st = x.mentions.iter().find(|m| m.kind == Kind::Statement).unwrap();
        assert_eq!(st.date, Some(EventDate::day(d("2025-05-21"))));
        // A planned meeting is not what a held remark refers back to.
        let text = "Ann Alpha and Bob Beta will meet again on Friday.\nAfter the meeting with Bob Beta, Ann Alpha said the mood was good.";
        let x = extract(text, Some(d("2025-05-21")), &book);
        let st = x.mentions.iter().find(|m| m.kind == Kind::Statement).unwrap();
        assert_eq!(st.date, Some(EventDate::day(d("2025-05-21"))));
    }

    #[test]
    fn same_speaker_next_sentence_keeps_the_date() {
        let book = ActorBook::parse(BOOK).unwrap();
        let text = "Ann Alpha said on Friday that the plan was good. Ann Alpha also said it was late.";
        let x = extract(text, Some(d("2025-05-20")), &book);
        assert_eq!(x.mentions[1].date, Some(EventDate::day(d("2025-05-16"))));
        assert_eq!(x.mentions[1].date_source, DateSource::Context);
    }

    #[test]
    fn planned_event_without_date_stays_undated() {
        let book = ActorBook::parse(BOOK).unwrap();
        let x = extract("Ann Alpha will meet Bob Beta.", Some(d("2025-05-20")), &book);
        assert_eq!(x.mentions[0].status, Status::Planned);
        assert_eq!(x.mentions[0].date, None);
    }

    #[test]
    fn call_between_states_is_their_leaders_call() {
        let book = ActorBook::parse(
            r#"
[[actor]]
name = "Ann Alpha"
kind = "person"
country = "Aland"
[[actor]]
name = "Bob Beta"
kind = "person"
country = "Borduria"
[[actor]]
name = "Aland"
kind = "state"
[[actor]]
name = "Borduria"
kind = "state"
"#,
        )
        .unwrap();
        let text = "Ann Alpha spoke by phone with Bob Beta yesterday. The Aland-Borduria phone call went badly.";
        let x = extract(text, Some(d("2025-05-20")), &book);
        assert_eq!(x.mentions.len(), 2);
        assert_eq!(x.mentions[1].actors, x.mentions[0].actors);
        assert_eq!(x.mentions[1].date, Some(EventDate::day(d("2025-05-19"))));
    }

    #[test]
    fn days_later_counts_from_the_narrative() {
        let book = ActorBook::parse(BOOK).unwrap();
        let text = "Ann Alpha met Bob Beta on 3 March. Two days later Ann Alpha spoke by phone with Bob Beta.";
        let x = extract(text, Some(d("2025-03-20")), &book);
        assert_eq!(x.mentions[1].date, Some(EventDate::day(d("2025-03-05"))));
    }

    #[test]
    fn same_actor_next_sentence_other_kind_keeps_the_date() {
        let book = ActorBook::parse(BOOK).unwrap();
        let text = "Ann Alpha on Sunday called for a truce. Ann Alpha made the appeal after meeting Bob Beta.";
        let x = extract(text, Some(d("2025-06-30")), &book);
        let talks = x.mentions.iter().find(|m| m.kind == Kind::Talks).unwrap();
        assert_eq!(talks.date, Some(EventDate::day(d("2025-06-29"))));
    }

    #[test]
    fn dateline_date_is_not_the_event_date() {
        let book = ActorBook::parse(BOOK).unwrap();
        let text = "GENEVA, Oct 9 (AP) — Ann Alpha met Bob Beta on Wednesday.";
        let x = extract(text, Some(d("2025-10-09")), &book);
        assert_eq!(x.mentions[0].date, Some(EventDate::day(d("2025-10-08"))));
    }

    #[test]
    fn quote_is_kept() {
        let book = ActorBook::parse(BOOK).unwrap();
        let x = extract("Ann Alpha said: “We will win this.”", Some(d("2025-05-20")), &book);
        assert_eq!(x.mentions[0].quote.as_deref(), Some("We will win this."));
    }
}
