//! The per-article extraction pipeline: text -> sentences -> actors ->
//! time expressions -> event mentions with resolved dates.
//!
//! Pure: takes the article body, its date and the actor book; returns
//! everything found, with byte offsets for evidence. No I/O.

use crate::actors::{is_headline, quote_mask, ActorBook, ActorInfo, ArticleActors};
use crate::dates::{find_time_exprs, infer_publication_date, resolve, Tense, TimeExpr};
use crate::events::{event_reference, find_events, Found};
use crate::model::{DateSource, EventDate, Kind, Status};
use crate::text::{split_sentences, tokenize, Sentence, Token};
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
}

/// What extraction found in one article.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub actors: Vec<ActorInfo>,
    pub mentions: Vec<Mention>,
    pub sentences: usize,
    /// The publication date inferred from the text, and how.
    pub inferred_date: Option<(NaiveDate, &'static str)>,
}

struct Pending {
    found: Found,
    sentence: usize,
}

/// Extract the event mentions of one article.
pub fn extract(body: &str, published: Option<NaiveDate>, book: &ActorBook) -> Extraction {
    let sentences = split_sentences(body);
    let tokens: Vec<Vec<Token>> = sentences.iter().map(|s| tokenize(body, s.start, s.end)).collect();
    let inferred_date = if published.is_none() {
        infer_publication_date(&tokens)
    } else {
        None
    };
    let anchor = published.or(inferred_date.map(|(d, _)| d));

    let mut actors = ArticleActors::new(book);
    let mut pending: Vec<Pending> = Vec::new();
    let mut references: Vec<Option<Kind>> = Vec::with_capacity(sentences.len());
    for (si, toks) in tokens.iter().enumerate() {
        let headline = is_headline(toks);
        let mentions = actors.find(body, toks, headline);
        let quotes = quote_mask(body, toks);
        let times = find_time_exprs(toks);
        references.push(event_reference(toks));
        if headline {
            continue;
        }
        for found in find_events(toks, &mentions, &times, actors.actors.as_slice(), &quotes) {
            pending.push(Pending { found, sentence: si });
        }
    }

    // Dates: a stated time expression first.
    let mut dated: Vec<(Option<EventDate>, DateSource)> = pending
        .iter()
        .map(|p| match p.found.time {
            Some(t) => match resolve_expr(t, anchor, p.found.tense) {
                Some(d) => (Some(d), DateSource::Stated),
                None => (None, DateSource::Unknown),
            },
            None => (None, DateSource::Unknown),
        })
        .collect();
    // Then the date of an event the sentence refers to, else the article's.
    for i in 0..pending.len() {
        if dated[i].0.is_some() {
            continue;
        }
        let si = pending[i].sentence;
        let anchored = references[si].and_then(|kind| referenced_date(&pending, &dated, i, kind));
        dated[i] = match (anchored, anchor) {
            (Some(d), _) => (Some(d), DateSource::Anchored),
            (None, Some(a)) => (Some(EventDate::day(a)), DateSource::Article),
            (None, None) => (None, DateSource::Unknown),
        };
    }

    let mentions = pending
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
            }
        })
        .collect();
    Extraction {
        actors: actors.actors,
        mentions,
        sentences: sentences.len(),
        inferred_date,
    }
}

fn resolve_expr(t: TimeExpr, anchor: Option<NaiveDate>, tense: Tense) -> Option<EventDate> {
    match anchor {
        Some(a) => resolve(t.value, a, tense),
        None => match t.value {
            crate::dates::TimeValue::DayMonth { year: Some(_), .. }
            | crate::dates::TimeValue::Month { year: Some(_), .. } => {
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
fn referenced_date(pending: &[Pending], dated: &[(Option<EventDate>, DateSource)], i: usize, kind: Kind) -> Option<EventDate> {
    let me = &pending[i];
    let candidates: Vec<usize> = (0..pending.len())
        .filter(|&j| j != i && pending[j].found.kind == kind && dated[j].1 == DateSource::Stated && pending[j].sentence != me.sentence)
        .collect();
    let shares = |j: usize| pending[j].found.actors.iter().any(|a| me.found.actors.contains(a));
    let dist = |j: usize| (pending[j].sentence as i64 - me.sentence as i64).abs();
    candidates
        .iter()
        .copied()
        .filter(|&j| shares(j))
        .min_by_key(|&j| (pending[j].sentence > me.sentence, dist(j)))
        .or_else(|| candidates.iter().copied().min_by_key(|&j| (pending[j].sentence > me.sentence, dist(j))))
        .and_then(|j| dated[j].0)
}

/// The first quotation in a sentence (curly or straight quotes).
fn first_quote(s: &str) -> Option<String> {
    let open = s.find(['“', '"'])?;
    let rest = &s[open + s[open..].chars().next()?.len_utf8()..];
    let close = rest.find(['”', '"'])?;
    let q = rest[..close].trim();
    (q.split_whitespace().count() >= 2).then(|| q.to_string())
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
        let x = extract("Ann Alpha spoke by phone with Bob Beta yesterday.", Some(d("2025-05-20")), &book);
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
    fn quote_is_kept() {
        let book = ActorBook::parse(BOOK).unwrap();
        let x = extract("Ann Alpha said: “We will win this.”", Some(d("2025-05-20")), &book);
        assert_eq!(x.mentions[0].quote.as_deref(), Some("We will win this."));
    }
}
