//! Finding actors: who is named in a sentence.
//!
//! Two sources of names:
//! 1. The actor book (`data/actors.toml`): known people, offices, states,
//!    organisations and news outlets, with aliases and roles. Users extend it
//!    without recompiling.
//! 2. Discovery in the text itself: titled names ("Kremlin spokesperson
//!    Dmitry Peskov"), appositions ("Sergei Lavrov, the foreign minister,")
//!    and attributions ("said Yury Ushakov", "Jane Doe said").
//!
//! Within one article, surnames, role phrases ("the Russian leader", "his
//! Russian counterpart") and pronouns resolve to people named earlier.
//! Spelling variants fold together through [`name_key`].

pub mod titles;

use crate::extract::text::Token;
use crate::extract::text::WordSet;
use crate::model::{slugify, ActorKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;
use std::path::Path;

/// Errors loading the actor book.
#[derive(Debug, thiserror::Error)]
pub enum BookError {
    #[error("cannot read actor book {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("actor book {path} is not valid TOML: {message}")]
    Parse { path: String, message: String },
}

#[derive(Debug, Deserialize)]
struct BookFile {
    #[serde(default)]
    actor: Vec<BookEntry>,
}

#[derive(Debug, Clone, Deserialize)]
struct BookEntry {
    name: String,
    kind: ActorKind,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    speaks_for: Option<String>,
    /// For a group: the names of its members, each an actor of the book.
    #[serde(default)]
    members: Vec<String>,
    /// For a person: offices held, with their dates, so that "the US
    /// president" in an article resolves to whoever held it that day.
    #[serde(default)]
    terms: Vec<TermEntry>,
}

/// One office held, as the book writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TermEntry {
    role: String,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
}

/// One office held from a day (inclusive) to a day (exclusive); an open
/// end is still held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    pub role: String,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
}

impl Term {
    fn covers(&self, day: chrono::NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day < t)
    }
}

/// The key a remembered person's surname is found by: a capitalised word
/// of three letters or more that is not a common word.
pub fn remembered_surname(name: &str) -> Option<String> {
    let last = surname_of(name)?;
    if !last.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let k = name_key(last);
    (k.len() >= 3 && !not_a_name(&k)).then_some(k)
}

/// Whether a remembered person is written as in `toks[i..end]`: a single
/// word (a surname) always is; a full name must be one of their spellings.
fn spelt_as(a: &ActorInfo, toks: &[Token], i: usize, end: usize) -> bool {
    let words: Vec<&str> = toks[i..end]
        .iter()
        .filter(|t| t.word)
        .map(|t| t.norm.as_str())
        .collect();
    words.len() < 2
        || std::iter::once(&a.name).chain(&a.aliases).any(|n| {
            let norms: Vec<String> = crate::extract::text::tokenize(n, 0, n.len())
                .into_iter()
                .filter(|t| t.word)
                .map(|t| t.norm.to_string())
                .collect();
            norms.iter().map(String::as_str).eq(words.iter().copied())
        })
}

/// Whether `surface` is a spelling of a remembered person (see [`spelt_as`]).
fn written_as(a: &ActorInfo, surface: &str) -> bool {
    let toks = crate::extract::text::tokenize(surface, 0, surface.len());
    spelt_as(a, &toks, 0, toks.len())
}

/// A term's day as the book writes it (`2024-10-01`).
fn term_day(actor: &str, field: &str, day: &Option<String>) -> Result<Option<chrono::NaiveDate>, String> {
    day.as_deref()
        .map(|d| {
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| format!("{actor:?}: term {field} = {d:?} is not a date (YYYY-MM-DD)"))
        })
        .transpose()
}

pub use crate::model::ActorInfo;

/// The known actors, indexed by folded alias.
#[derive(Debug, Clone)]
pub struct ActorBook {
    actors: Vec<ActorInfo>,
    index: HashMap<String, usize>,
    /// First token keys of all aliases, to skip positions quickly.
    first_keys: HashSet<String>,
    demonyms: HashMap<String, usize>,
    max_alias_tokens: usize,
    /// The trigger vocabulary read with the book (`data/triggers.toml`).
    triggers: std::sync::Arc<crate::extract::events::triggers::Triggers>,
    /// The title vocabulary read with the book (`data/titles.toml`).
    titles: std::sync::Arc<crate::extract::actors::titles::Titles>,
    /// Offices held over time, by actor id (see [`Term`]).
    terms: HashMap<String, Vec<Term>>,
    /// Alias prefixes whose last word the book writes in lower case
    /// ("European leaders", "Western countries"): matched in lower case
    /// too, where other aliases need every word capitalised.
    lower_keys: HashSet<String>,
    /// One-word names the book writes only in capitals ("UN", "EU"): a
    /// word written otherwise ("Un" in "Kim Jong Un") is not that actor.
    acronyms: HashSet<String>,
}

impl Default for ActorBook {
    /// No actors, and the built-in trigger vocabulary.
    fn default() -> ActorBook {
        ActorBook {
            actors: Vec::new(),
            index: HashMap::default(),
            first_keys: HashSet::default(),
            demonyms: HashMap::default(),
            max_alias_tokens: 0,
            triggers: crate::extract::events::triggers::Triggers::embedded(),
            titles: crate::extract::actors::titles::Titles::embedded(),
            terms: HashMap::default(),
            lower_keys: HashSet::default(),
            acronyms: HashSet::default(),
        }
    }
}

pub use crate::extract::text::token_key;

/// The family name in a full name: the last word ("Vladimir Putin"), but
/// the first when the given name is hyphenated ("Lee Jae-myung", "Kang
/// Yu-jung"), and never a suffix ("Ferdinand Marcos Jr.").
pub fn surname_of(name: &str) -> Option<&str> {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| {
            !matches!(
                w.trim_end_matches('.').to_lowercase().as_str(),
                "jr" | "sr" | "ii" | "iii" | "iv"
            )
        })
        .collect();
    match words.as_slice() {
        [] => None,
        // "Jae-myung", "Yu-jung": a given name of two syllables, the second
        // in lowercase; not "al-Sharaa" or "Jean-Noel".
        [first, last]
            if last.split_once('-').is_some_and(|(a, b)| {
                a.chars().next().is_some_and(char::is_uppercase) && b.chars().next().is_some_and(char::is_lowercase)
            }) && !first.contains('-') =>
        {
            Some(first)
        }
        [.., last] => Some(last),
    }
}

/// Written in capitals: two letters or more, none of them lower case
/// ("UN", "U.N.", "NATO"; not "Un" or "A").
fn is_upper(written: &str) -> bool {
    written.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !written.chars().any(char::is_lowercase)
}

/// Key for a whole name: token keys joined by spaces.
pub fn name_key(name: &str) -> String {
    let toks = crate::extract::text::tokenize(name, 0, name.len());
    toks.iter()
        .filter(|t| t.word)
        .map(|t| t.key.clone())
        .collect::<Vec<_>>()
        .join(" ")
}

impl ActorBook {
    pub fn load(path: &Path) -> Result<ActorBook, BookError> {
        let text = std::fs::read_to_string(path).map_err(|e| BookError::Io {
            path: path.display().to_string(),
            source: e,
        })?;
        ActorBook::parse(&text).map_err(|message| BookError::Parse {
            path: path.display().to_string(),
            message,
        })
    }

    pub fn parse(text: &str) -> Result<ActorBook, String> {
        let file: BookFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut book = ActorBook::default();
        let mut surname_count: HashMap<String, usize> = HashMap::default();
        for e in &file.actor {
            if e.kind == ActorKind::Person {
                if let Some(last) = surname_of(&e.name) {
                    *surname_count.entry(name_key(last)).or_default() += 1;
                }
            }
        }
        let names: HashSet<&str> = file.actor.iter().map(|e| e.name.as_str()).collect();
        for e in &file.actor {
            if e.kind == ActorKind::Group && e.members.is_empty() {
                return Err(format!("group {:?} lists no members", e.name));
            }
            if e.kind != ActorKind::Group && !e.members.is_empty() {
                return Err(format!(
                    "{:?} has members but is not a group (kind = \"group\")",
                    e.name
                ));
            }
            if let Some(m) = e.members.iter().find(|m| !names.contains(m.as_str())) {
                return Err(format!("group {:?}: member {m:?} is not an actor of the book", e.name));
            }
            if e.kind != ActorKind::Person && !e.terms.is_empty() {
                return Err(format!("{:?} has terms but only a person holds an office", e.name));
            }
            let mut terms = Vec::new();
            for t in &e.terms {
                let term = Term {
                    role: t.role.clone(),
                    from: term_day(&e.name, "from", &t.from)?,
                    to: term_day(&e.name, "to", &t.to)?,
                };
                if let (Some(f), Some(to)) = (term.from, term.to) {
                    if to <= f {
                        return Err(format!("{:?}: term {:?} ends before it begins", e.name, t.role));
                    }
                }
                terms.push(term);
            }
            if !terms.is_empty() {
                book.terms.insert(slugify(&e.name), terms);
            }
        }
        let mut mixed: HashSet<String> = HashSet::default();
        for e in file.actor {
            let idx = book.actors.len();
            // A group says who it is made of where no role is given.
            let role = match (&e.role, e.kind) {
                (None, ActorKind::Group) => Some(format!("Group: {}", e.members.join(", "))),
                (r, _) => r.clone(),
            };
            let id = slugify(&e.name);
            let mut keys = vec![name_key(&e.name)];
            keys.extend(e.aliases.iter().map(|a| name_key(a)));
            for written in std::iter::once(&e.name).chain(&e.aliases) {
                let words: Vec<&str> = written.split_whitespace().collect();
                for n in 1..words.len() {
                    if words[n].chars().next().is_some_and(char::is_lowercase) {
                        book.lower_keys.insert(name_key(&words[..=n].join(" ")));
                    }
                }
            }
            if e.kind == ActorKind::Person {
                if let Some(last) = surname_of(&e.name) {
                    let k = name_key(last);
                    if k.len() >= 3 && surname_count.get(&k) == Some(&1) {
                        keys.push(k);
                    }
                }
            }
            for written in std::iter::once(&e.name).chain(&e.aliases) {
                if !written.contains(char::is_whitespace) {
                    let k = name_key(written);
                    if is_upper(written) {
                        book.acronyms.insert(k);
                    } else {
                        mixed.insert(k);
                    }
                }
            }
            for k in keys {
                book.index_key(k, idx);
            }
            for d in &e.demonyms {
                book.demonyms.insert(name_key(d), idx);
            }
            book.actors.push(ActorInfo {
                id,
                name: e.name,
                kind: e.kind,
                role,
                country: e.country,
                aliases: e.aliases,
                discovered: false,
                affiliation: None,
                speaks_for: e.speaks_for.as_deref().map(slugify),
            });
        }
        book.acronyms.retain(|k| !mixed.contains(k));
        Ok(book)
    }

    /// The book with another trigger vocabulary (a user's `triggers.toml`).
    pub fn with_triggers(mut self, triggers: std::sync::Arc<crate::extract::events::triggers::Triggers>) -> ActorBook {
        self.triggers = triggers;
        self
    }

    /// The book with another title vocabulary (a user's `titles.toml`).
    pub fn with_titles(mut self, titles: std::sync::Arc<crate::extract::actors::titles::Titles>) -> ActorBook {
        self.titles = titles;
        self
    }

    /// The title vocabulary names are read by.
    pub fn titles(&self) -> &crate::extract::actors::titles::Titles {
        &self.titles
    }

    /// The book with people found in other articles (stored as
    /// discovered): their full names and spellings, and their surnames
    /// where no one else in the book or among them has it, resolve as a
    /// listed person's do. They keep `discovered`, so they are never taken
    /// for entries of the user's book. A name the book already knows is
    /// left to the book.
    pub fn remember(mut self, people: &[ActorInfo]) -> ActorBook {
        let people: Vec<&ActorInfo> = people
            .iter()
            .filter(|p| p.kind == ActorKind::Person && p.name.split_whitespace().count() >= 2)
            .filter(|p| self.lookup_index(&name_key(&p.name)).is_none())
            .collect();
        let mut surnames: HashMap<String, usize> = HashMap::default();
        for p in &people {
            if let Some(k) = remembered_surname(&p.name) {
                *surnames.entry(k).or_default() += 1;
            }
        }
        for p in people {
            let idx = self.actors.len();
            let mut keys: Vec<String> = std::iter::once(&p.name)
                .chain(&p.aliases)
                .filter(|a| a.split_whitespace().count() >= 2)
                .map(|a| name_key(a))
                .collect();
            if let Some(k) = remembered_surname(&p.name) {
                if surnames.get(&k) == Some(&1) && self.lookup_index(&k).is_none() {
                    keys.push(k);
                }
            }
            for k in keys {
                self.index_key(k, idx);
            }
            let mut kept = p.clone();
            kept.discovered = true;
            self.actors.push(kept);
        }
        self
    }

    /// The offices a person held on a day: the dated terms that cover it
    /// when the book lists terms and the day is known, else the role.
    fn roles_at<'a>(&'a self, a: &'a ActorInfo, day: Option<chrono::NaiveDate>) -> Vec<&'a str> {
        match (self.terms.get(&a.id), day) {
            (Some(terms), Some(day)) => terms
                .iter()
                .filter(|t| t.covers(day))
                .map(|t| t.role.as_str())
                .collect(),
            _ => a.role.as_deref().into_iter().collect(),
        }
    }

    /// Make the actor at `idx` findable by the name key `k`, unless the key
    /// is empty or already taken (the first entry keeps it).
    fn index_key(&mut self, k: String, idx: usize) {
        if k.is_empty() || self.index.contains_key(&k) {
            return;
        }
        // Room for glued hyphens and possessives between the words.
        self.max_alias_tokens = self.max_alias_tokens.max(2 * k.split(' ').count());
        let mut prefix = String::new();
        for w in k.split(' ') {
            if !prefix.is_empty() {
                prefix.push(' ');
            }
            prefix.push_str(w);
            self.first_keys.insert(prefix.clone());
        }
        self.index.insert(k, idx);
    }

    /// The title a role starts with ("US Secretary of State" -> "secretary
    /// of state"); none for a role held no more ("Former President").
    fn role_title(&self, role: &str) -> Option<String> {
        let toks = crate::extract::text::tokenize(role, 0, role.len());
        for k in 0..toks.len().min(4) {
            if matches!(toks[k].norm.as_str(), "former" | "ex" | "late" | "then") {
                return None;
            }
            if let Some((_, t)) = self.titles.at(&toks, k) {
                return Some(t.to_string());
            }
        }
        None
    }

    /// The trigger vocabulary extraction reads by.
    pub fn triggers(&self) -> &crate::extract::events::triggers::Triggers {
        &self.triggers
    }

    pub fn actors(&self) -> &[ActorInfo] {
        &self.actors
    }

    /// A one-word name the book writes only in capitals ("UN").
    fn shouted_only(&self, key: &str) -> bool {
        self.acronyms.contains(key)
    }

    fn lookup_index(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }

    pub fn lookup(&self, key: &str) -> Option<&ActorInfo> {
        self.index.get(key).map(|&i| &self.actors[i])
    }

    fn demonym(&self, key: &str) -> Option<&ActorInfo> {
        self.demonyms.get(key).map(|&i| &self.actors[i])
    }

    /// The demonym starting at token `j`, of one word ("Russian") or two
    /// ("North Korean", "Saudi Arabian"), longest first, and where it ends.
    fn demonym_at(&self, toks: &[Token], j: usize) -> Option<(usize, &ActorInfo)> {
        if let Some(next) = toks.get(j + 1).filter(|t| t.word && t.cap) {
            let two = format!("{} {}", toks[j].key, next.key);
            if let Some(a) = self.demonym(&two) {
                return Some((j + 2, a));
            }
        }
        self.demonym(&toks[j].key).map(|a| (j + 1, a))
    }

    /// The country an actor belongs to: a state is its own country.
    fn country_of(&self, a: &ActorInfo) -> Option<String> {
        if a.kind == ActorKind::State {
            Some(a.name.clone())
        } else {
            a.country.clone()
        }
    }
}

static HONORIFICS: WordSet = WordSet::new(&[
    "sir", "dame", "mr", "mrs", "ms", "dr", "lord", "lady", "sheikh", "sheik",
]);

/// Collective nouns after a demonym that make the state an actor
/// ("Russian negotiators", "the Ukrainian delegation").
static GROUP_NOUNS: WordSet = WordSet::new(&[
    "negotiators",
    "delegation",
    "delegations",
    "officials",
    "diplomats",
    "side",
    "forces",
    "troops",
    "military",
    "army",
    "authorities",
    "leadership",
    "team",
    "negotiating",
    "envoys",
    "lawmakers",
    "counterparts",
]);

/// Office nouns after a demonym: "the Ukrainian President's Office".
const OFFICE_NOUNS: &[(&str, &str)] = &[
    ("president 's office", "President's Office"),
    ("presidential office", "President's Office"),
    ("prime minister 's office", "Prime Minister's Office"),
    ("ministry of foreign affairs", "Foreign Ministry"),
    ("foreign ministry", "Foreign Ministry"),
    ("foreign office", "Foreign Ministry"),
    ("defence ministry", "Defence Ministry"),
    ("defense ministry", "Defence Ministry"),
    ("ministry of defence", "Defence Ministry"),
    ("ministry of defense", "Defence Ministry"),
    ("government", "Government"),
    ("embassy", "Embassy"),
    ("parliament", "Parliament"),
];

static OFFICE_WORDS: std::sync::LazyLock<Vec<(Vec<&'static str>, &'static str)>> =
    std::sync::LazyLock::new(|| OFFICE_NOUNS.iter().map(|(p, c)| (p.split(' ').collect(), *c)).collect());

/// Capitalised words that never start or continue a person's name.
static NOT_NAMES: WordSet = WordSet::new(&[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "as",
    "but",
    "and",
    "or",
    "if",
    "when",
    "while",
    "after",
    "before",
    "since",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "our",
    "my",
    "its",
    "there",
    "here",
    "what",
    "who",
    "where",
    "why",
    "how",
    "today",
    "yesterday",
    "tomorrow",
    "also",
    "even",
    "however",
    "meanwhile",
    "instead",
    "details",
    "source",
    "sources",
    "quote",
    "background",
    "related",
    "breaking",
    "photo",
    "news",
    "said",
    "says",
    "told",
    "earlier",
    "later",
    "last",
    "next",
    "both",
    "all",
    "some",
    "many",
    "one",
    "two",
    "three",
    "first",
    "second",
    "third",
    "ministry",
    "office",
    "house",
    "government",
    "party",
    "council",
    "agency",
    "times",
    "post",
    "media",
    "press",
    "social",
    "union",
    "commission",
    "committee",
    "court",
    "bank",
    "university",
    "institute",
    "war",
    "peace",
    "talks",
    "summit",
    "state",
    "states",
    "truth",
    "for",
    "from",
    "with",
    "by",
    "of",
    "to",
    "per",
    "according",
    "asked",
    "when",
    "than",
    "then",
    "no",
    "not",
    "yes",
    "so",
    "do",
    "does",
    "did",
    "is",
    "was",
    "are",
    "were",
    "will",
    "would",
    "minister",
    "president",
    "secretary",
    "spokesperson",
    "spokesman",
    "chancellor",
    "prime",
    "foreign",
    "vice",
    "deputy",
    "special",
    "envoy",
    "ambassador",
    "general",
    "ceasefire",
    "cease",
    "fire",
    "western",
    "eastern",
    "northern",
    "southern",
    "european",
    "reuters",
]);

/// A word that never starts or continues a person's name: a common word or
/// a weekday or month name.
fn not_a_name(w: &str) -> bool {
    NOT_NAMES.contains(w) || crate::extract::dates::is_calendar_word(w)
}

const PRONOUNS: &[&str] = &["he", "she", "his", "her", "him"];

static PARTICLES: WordSet = WordSet::new(&[
    "von", "der", "van", "de", "den", "da", "di", "del", "bin", "al", "la", "le", "ibn", "abu",
]);

/// Nouns for people in "both leaders", "the two men".
static GROUP_PEOPLE: WordSet = WordSet::new(&[
    "leaders",
    "men",
    "women",
    "presidents",
    "ministers",
    "premiers",
    "diplomats",
    "envoys",
    "counterparts",
    "chancellors",
]);

/// Speech verbs that mark an attribution ("X said", "said X").
pub static ATTRIBUTION_VERBS: WordSet = WordSet::new(&[
    "said",
    "says",
    "told",
    "added",
    "wrote",
    "stated",
    "announced",
    "noted",
    "declared",
    "posted",
    "tweeted",
    "insisted",
    "warned",
    "explained",
    "stressed",
    "claimed",
]);

/// A candidate mention: (actor, start token, end token, is a reference).
type Hit = (usize, usize, usize, bool);
/// Candidate mentions found at one position, with the token they end at.
type Hits = (usize, Vec<Hit>);

/// An actor named (or referred to) at a token range of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorMention {
    /// Index into [`ArticleActors::actors`].
    pub actor: usize,
    /// Token range [start, end) in the sentence's token list.
    pub start: usize,
    pub end: usize,
    pub in_quote: bool,
    /// Resolved from a pronoun or a role phrase rather than named.
    pub reference: bool,
    /// A personal pronoun (he, his, her).
    pub pronoun: bool,
}

/// Per-article actor state: the actors seen so far and what surnames,
/// role phrases and pronouns refer to.
pub struct ArticleActors<'b> {
    book: &'b ActorBook,
    pub actors: Vec<ActorInfo>,
    by_id: HashMap<String, usize>,
    local: HashMap<String, usize>,
    /// Word prefixes of the keys in `local`.
    local_prefixes: HashSet<String>,
    /// Keys in `local` that are only someone's given name.
    given_only: HashSet<String>,
    /// People in order of last mention, most recent last.
    recent_people: Vec<usize>,
    last_subject: Option<usize>,
    /// The people last named together ("A and B", "A, B and C"), for
    /// "they", "the two leaders", "both men"; and how many sentences ago.
    last_group: Vec<usize>,
    group_age: u32,
    /// The article's date, for who held an office then.
    date: Option<chrono::NaiveDate>,
    /// Keys of single names in a speaker's place that resolved to nobody
    /// ("Ames said"), in order of first sight.
    unknown: Vec<String>,
}

/// Which tokens of a sentence lie inside quotation marks. An opening mark
/// that is never closed does not count.
pub fn quote_mask(text: &str, toks: &[Token]) -> Vec<bool> {
    let mut mask = vec![false; toks.len()];
    let mut open: Option<usize> = None;
    for (i, t) in toks.iter().enumerate() {
        let raw = &text[t.start..t.end];
        match raw {
            "“" | "«" => open = Some(i),
            "”" | "»" => {
                if let Some(o) = open.take() {
                    mask[o..=i].iter_mut().for_each(|m| *m = true);
                }
            }
            "\"" => match open.take() {
                Some(o) => mask[o..=i].iter_mut().for_each(|m| *m = true),
                None => open = Some(i),
            },
            _ => {}
        }
    }
    mask
}

/// Function words that only a headline capitalises mid-sentence.
static HEADLINE_WORDS: WordSet = WordSet::new(&[
    "the", "a", "an", "to", "of", "in", "on", "at", "for", "with", "about", "after", "before", "from", "by", "as",
    "and", "or", "but", "is", "are", "was", "were", "be", "will", "would", "has", "have", "had", "he", "she", "it",
    "they", "his", "her", "their", "its", "what", "how", "why", "who", "says", "said", "not", "no", "over", "into",
    "out", "up", "than", "that", "this", "do", "does", "must", "can", "could", "may", "wants", "against",
]);

/// A sentence written in title case (a headline) gives no reliable names:
/// it capitalises function words ("Trump Says He Will Call").
pub fn is_headline(toks: &[Token]) -> bool {
    toks.iter()
        .filter(|t| t.word)
        .skip(1)
        .filter(|t| t.cap && HEADLINE_WORDS.contains(t.norm.as_str()))
        .count()
        >= 3
}

impl<'b> ArticleActors<'b> {
    pub fn new(book: &'b ActorBook) -> Self {
        ArticleActors {
            book,
            actors: Vec::new(),
            by_id: HashMap::default(),
            local: HashMap::default(),
            local_prefixes: HashSet::default(),
            given_only: HashSet::default(),
            recent_people: Vec::new(),
            last_subject: None,
            last_group: Vec::new(),
            group_age: 0,
            date: None,
            unknown: Vec::new(),
        }
    }

    /// The single names in a speaker's place that resolved to nobody in
    /// the whole article (a surname named in full later in it is known).
    pub fn unknown_names(&self) -> Vec<String> {
        self.unknown
            .iter()
            .filter(|k| !self.local.contains_key(k.as_str()) && self.book.lookup(k).is_none())
            .cloned()
            .collect()
    }

    /// Resolve offices as of this date ("the US president" in a 2016
    /// article is not today's president).
    pub fn dated(mut self, date: Option<chrono::NaiveDate>) -> Self {
        self.date = date;
        self
    }

    fn intern(&mut self, info: ActorInfo) -> usize {
        if let Some(&i) = self.by_id.get(&info.id) {
            return i;
        }
        let i = self.actors.len();
        self.by_id.insert(info.id.clone(), i);
        self.actors.push(info);
        i
    }

    /// The person an office speaks for, as an actor of this article.
    /// The book names one person; on a day they did not hold their office,
    /// it is whoever held it then (the White House of 2023 speaks for that
    /// year's president), or nobody.
    pub fn principal_of(&mut self, idx: usize) -> Option<usize> {
        let id = self.actors[idx].speaks_for.clone()?;
        let book = self.book;
        let person = book.actors().iter().find(|a| a.id == id)?;
        // The office is the one the book gives the person as their role.
        let chosen = match (book.terms.get(&person.id), self.date, person.role.as_deref()) {
            (Some(_), Some(day), Some(office)) if !book.roles_at(person, Some(day)).contains(&office) => book
                .actors()
                .iter()
                .find(|a| !a.discovered && book.roles_at(a, Some(day)).contains(&office))?,
            _ => person,
        };
        let chosen = chosen.clone();
        Some(self.intern_book(&chosen))
    }

    fn intern_book(&mut self, a: &ActorInfo) -> usize {
        match self.by_id.get(&a.id) {
            Some(&i) => i,
            None => self.intern(a.clone()),
        }
    }

    fn note_alias(&mut self, idx: usize, surface: &str) {
        let a = &mut self.actors[idx];
        let clean = surface.trim();
        if clean.is_empty() || clean == a.name || a.aliases.iter().any(|x| x == clean) {
            return;
        }
        if a.discovered {
            a.aliases.push(clean.to_string());
        }
    }

    /// Register a person's full name and surname for later mentions.
    fn register_person(&mut self, idx: usize, key: &str) {
        let mut prefix = String::new();
        for w in key.split(' ') {
            if !prefix.is_empty() {
                prefix.push(' ');
            }
            prefix.push_str(w);
            self.local_prefixes.insert(prefix.clone());
        }
        self.local.insert(key.to_string(), idx);
        // A hyphenated surname is one name ("Jean-Pierre", "Dubois-Lemaire");
        // after a particle the rest stands alone too ("al-Sharaa", "Sharaa").
        let mut surnames = Vec::new();
        match surname_of(&self.actors[idx].name).map(name_key) {
            Some(k) if k.contains(' ') => {
                let (first, last) = (k.split(' ').next().unwrap_or(""), k.rsplit(' ').next().unwrap_or(""));
                if PARTICLES.contains(first) {
                    surnames.push(last.to_string());
                }
                surnames.push(k);
            }
            Some(k) => surnames.push(k),
            None => surnames.extend(
                key.split(' ')
                    .rev()
                    .find(|w| !matches!(*w, "jr" | "sr" | "ii" | "iii" | "iv"))
                    .map(str::to_string),
            ),
        }
        // Some cultures refer to people by their given name ("Abiy" for
        // Abiy Ahmed, "Isaias"): the first word is a weaker alias.
        if let Some(given) = key.split(' ').next().filter(|g| g.len() > 2 && key.contains(' ')) {
            if !not_a_name(given) && !PARTICLES.contains(given) {
                self.local_prefixes.insert(given.to_string());
                if !self.local.contains_key(given) {
                    self.local.insert(given.to_string(), idx);
                    self.given_only.insert(given.to_string());
                }
            }
        }
        for last in &surnames {
            let last = last.as_str();
            if last.len() > 2 {
                let mut prefix = String::new();
                for w in last.split(' ') {
                    if !prefix.is_empty() {
                        prefix.push(' ');
                    }
                    prefix.push_str(w);
                    self.local_prefixes.insert(prefix.clone());
                }
                // A surname outranks someone else's given name.
                if self.given_only.remove(last) || !self.local.contains_key(last) {
                    self.local.insert(last.to_string(), idx);
                }
            }
        }
    }

    /// Resolve a person's name (as token keys) to an actor, discovering it
    /// when unknown.
    fn person_by_name(
        &mut self,
        surface: &str,
        key: &str,
        role: Option<String>,
        country: Option<String>,
        affiliation: Option<String>,
    ) -> usize {
        if let Some(a) = self
            .book
            .lookup(key)
            .filter(|a| !a.discovered || (!self.local.contains_key(key) && written_as(a, surface)))
        {
            let a = a.clone();
            let i = self.intern_book(&a);
            if self.actors[i].kind == ActorKind::Person {
                self.register_person(i, key);
            }
            return i;
        }
        if let Some(&i) = self.local.get(key) {
            self.note_alias(i, surface);
            return i;
        }
        // A longer form of a name already known by surname ("Rubio" then "Marco Rubio").
        let role = role.filter(|r| !self.book.titles().is_empty_title(&r.to_lowercase()));
        // The id (and URL) from the name as written: folding is for matching
        // only ("Takeshi Iwaya" stays takeshi-iwaya).
        let id = slugify(surface);
        let idx = self.intern(ActorInfo {
            id,
            name: surface.to_string(),
            kind: ActorKind::Person,
            role,
            country,
            aliases: Vec::new(),
            discovered: true,
            affiliation,
            speaks_for: None,
        });
        {
            let a = &mut self.actors[idx];
            if a.role.is_none() {
                // keep whatever a later mention adds
            }
        }
        self.register_person(idx, key);
        idx
    }

    fn touch_person(&mut self, idx: usize) {
        if self.actors[idx].kind == ActorKind::Person {
            self.recent_people.retain(|&p| p != idx);
            self.recent_people.push(idx);
        }
    }

    /// Find the actors of one sentence. `headline` disables discovery.
    pub fn find(&mut self, text: &str, toks: &[Token], headline: bool) -> Vec<ActorMention> {
        let quotes = quote_mask(text, toks);
        let mut out: Vec<ActorMention> = Vec::new();
        self.group_age = self.group_age.saturating_add(1);
        let mut i = 0;
        while i < toks.len() {
            if !toks[i].word {
                i += 1;
                continue;
            }
            let mut best: Option<Hits> = None;
            let mut consider = |end: usize, ms: Vec<(usize, usize, usize, bool)>| {
                if ms.is_empty() {
                    return;
                }
                if best.as_ref().map(|b| end > b.0).unwrap_or(true) {
                    best = Some((end, ms));
                }
            };
            if !headline {
                if let Some((end, idx, is_ref)) = self.titled(text, toks, i) {
                    consider(end, vec![(idx, i, end, is_ref)]);
                }
            }
            if let Some((end, idx)) = self.book_match(text, toks, i) {
                consider(end, vec![(idx, i, end, false)]);
            }
            if let Some((end, ms)) = self.demonym_group(toks, i) {
                consider(end, ms);
            }
            if let Some((end, ms)) = self.leaders_of(text, toks, i) {
                consider(end, ms);
            }
            if let Some((end, idx)) = self.local_match(toks, i) {
                consider(end, vec![(idx, i, end, false)]);
            }
            if !headline {
                if let Some((end, idx)) = self.attributed_name(text, toks, i) {
                    consider(end, vec![(idx, i, end, false)]);
                }
            }
            if let Some(idx) = self.pronoun(toks, i, &out, &quotes) {
                consider(i + 1, vec![(idx, i, i + 1, true)]);
            }
            if !quotes[i] {
                if let Some((end, members)) = self.group_reference(toks, i) {
                    // Referred to again, the group stays the one in mind.
                    self.group_age = 0;
                    consider(end, members.into_iter().map(|a| (a, i, end, true)).collect());
                }
            }
            match best {
                Some((end, ms)) => {
                    for (idx, s, e, is_ref) in ms {
                        self.touch_person(idx);
                        out.push(ActorMention {
                            actor: idx,
                            start: s,
                            end: e,
                            in_quote: quotes[s],
                            reference: is_ref,
                            pronoun: is_ref && e == s + 1 && PRONOUNS.contains(&toks[s].norm.as_str()),
                        });
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
        self.cataphora(toks, &mut out);
        // The sentence's subject for the next one's "he": its speaker when
        // it names one ("X said", "said X", "..., he said"), else its first
        // person outside quotes.
        let person = |m: &&ActorMention| !m.in_quote && self.actors[m.actor].kind == ActorKind::Person;
        let speaker = out.iter().filter(person).find(|m| {
            toks.get(m.end)
                .is_some_and(|t| ATTRIBUTION_VERBS.contains(t.norm.as_str()))
                || (m.start > 0 && ATTRIBUTION_VERBS.contains(toks[m.start - 1].norm.as_str()))
        });
        if let Some(m) = speaker.or_else(|| out.iter().find(person)) {
            self.last_subject = Some(m.actor);
        }
        self.note_group(toks, &out);
        out
    }

    /// "After his talks with Xi, Ames said": in an opening phrase before
    /// the first comma, "his"/"her" is the person who begins the main
    /// clause, not someone named earlier.
    fn cataphora(&self, toks: &[Token], out: &mut Vec<ActorMention>) {
        let opens = toks.first().is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "after"
                    | "following"
                    | "before"
                    | "during"
                    | "ahead"
                    | "upon"
                    | "on"
                    | "at"
                    | "in"
                    | "since"
                    | "despite"
            )
        });
        let Some(comma) = toks.iter().position(|t| t.norm == ",").filter(|_| opens) else {
            return;
        };
        let person = |m: &ActorMention| !m.in_quote && !m.reference && self.actors[m.actor].kind == ActorKind::Person;
        let Some(subject) = out
            .iter()
            .find(|m| m.start > comma)
            .filter(|m| person(m))
            .map(|m| m.actor)
        else {
            return;
        };
        for (k, t) in toks.iter().enumerate().take(comma) {
            if !matches!(t.norm.as_str(), "his" | "her") {
                continue;
            }
            // Someone named before the pronoun in the phrase keeps it.
            if out
                .iter()
                .any(|m| m.end <= k && !m.pronoun && self.actors[m.actor].kind == ActorKind::Person)
            {
                return;
            }
            match out.iter_mut().find(|m| m.start == k) {
                Some(m) if m.pronoun => m.actor = subject,
                Some(_) => {}
                None => {
                    let at = out.iter().position(|m| m.start > k).unwrap_or(out.len());
                    out.insert(
                        at,
                        ActorMention {
                            actor: subject,
                            start: k,
                            end: k + 1,
                            in_quote: false,
                            reference: true,
                            pronoun: true,
                        },
                    );
                }
            }
        }
    }

    /// Remember the last people named together in this sentence: "A and
    /// B", "A, B and C", "between A and B" (outside quotes, not through a
    /// group reference itself).
    fn note_group(&mut self, toks: &[Token], out: &[ActorMention]) {
        let person = |m: &ActorMention| !m.in_quote && self.actors[m.actor].kind == ActorKind::Person;
        let mut best: Vec<usize> = Vec::new();
        let mut chain: Vec<usize> = Vec::new();
        let mut ends_with_and = false;
        for (n, m) in out.iter().enumerate() {
            let shares_span = out
                .iter()
                .enumerate()
                .any(|(o, x)| o != n && x.start == m.start && x.end == m.end);
            if !person(m) || shares_span {
                chain.clear();
                continue;
            }
            let joined = chain.last().is_some_and(|&p: &usize| {
                let gap = &toks[out[p].end..m.start];
                !gap.is_empty() && gap.len() <= 2 && gap.iter().all(|t| matches!(t.norm.as_str(), "and" | ","))
            });
            if joined {
                ends_with_and = toks[m.start - 1].norm == "and";
            } else {
                chain.clear();
            }
            chain.push(n);
            if chain.len() >= 2 && ends_with_and {
                best = chain.iter().map(|&c| out[c].actor).collect();
            }
        }
        best.dedup();
        if best.len() >= 2 {
            self.last_group = best;
            self.group_age = 0;
        }
    }

    /// "they", "their", "the two leaders", "both men", "the pair": the
    /// people last named together. "they" and "their" reach back one
    /// sentence only; the counted phrases take two people, the last pair
    /// named together or else the last two people mentioned.
    fn group_reference(&self, toks: &[Token], i: usize) -> Option<(usize, Vec<usize>)> {
        let w = |k: usize| toks.get(k).map(|t| t.norm.as_str()).unwrap_or("");
        if matches!(w(i), "they" | "their" | "them") {
            return (self.group_age <= 1 && self.last_group.len() >= 2).then(|| (i + 1, self.last_group.clone()));
        }
        let end = match (w(i), w(i + 1), w(i + 2)) {
            ("both", n, _) if GROUP_PEOPLE.contains(n) => i + 2,
            ("the", "two", n) if GROUP_PEOPLE.contains(n) => i + 3,
            ("the", "pair" | "duo", _) => i + 2,
            _ => return None,
        };
        let pair = if self.last_group.len() == 2 && self.group_age <= 3 {
            self.last_group.clone()
        } else {
            let n = self.recent_people.len();
            if n < 2 {
                return None;
            }
            self.recent_people[n - 2..].to_vec()
        };
        Some((end, pair))
    }

    /// Longest book alias starting at token `i` (first token capitalised).
    fn book_match(&mut self, text: &str, toks: &[Token], i: usize) -> Option<(usize, usize)> {
        if !toks[i].cap || !self.book.first_keys.contains(toks[i].key.as_str()) {
            return None;
        }
        let book = self.book;
        let best = longest_key(
            toks,
            i,
            |k| book.first_keys.contains(k),
            |k| book.lookup_index(k),
            |k| book.lower_keys.contains(k),
        );
        let (end, bi, key) = best?;
        if book.shouted_only(&key) && !is_upper(&text[toks[i].start..toks[end - 1].end]) {
            return None;
        }
        let a = &book.actors[bi];
        // Someone remembered from another article yields to this article's
        // own people, and to another spelling of a full name: the article
        // reads the same whatever was ingested before it.
        if a.discovered && (self.local.contains_key(key.as_str()) || !spelt_as(a, toks, i, end)) {
            return None;
        }
        // "West" in "West Bank" or "West Africa": a longer name, not the group.
        if a.kind == ActorKind::Group && end == i + 1 && toks.get(end).is_some_and(|t| t.word && t.cap) {
            return None;
        }
        let person = a.kind == ActorKind::Person;
        let idx = self.intern_book(a);
        if person {
            self.register_person(idx, &key);
        }
        Some((end, idx))
    }

    /// A surname or full name already seen in this article.
    fn local_match(&mut self, toks: &[Token], i: usize) -> Option<(usize, usize)> {
        if !toks[i].cap {
            return None;
        }
        let (local, prefixes) = (&self.local, &self.local_prefixes);
        longest_key(toks, i, |k| prefixes.contains(k), |k| local.get(k).copied(), |_| false)
            .map(|(end, idx, _)| (end, idx))
    }

    /// He/she/his/her: the person who is the subject nearby.
    fn pronoun(&self, toks: &[Token], i: usize, so_far: &[ActorMention], quotes: &[bool]) -> Option<usize> {
        let t = &toks[i];
        if quotes[i] || !PRONOUNS.contains(&t.norm.as_str()) {
            return None;
        }
        // "..., he said" and "“...,” he added": the speaker goes on; the
        // people inside the reported words are not who "he" is.
        let after_report = i > 0 && (matches!(toks[i - 1].norm.as_str(), "," | "\"") || quotes[i - 1]);
        let speech_next = toks
            .get(i + 1)
            .is_some_and(|t| ATTRIBUTION_VERBS.contains(t.norm.as_str()));
        if after_report && speech_next && matches!(t.norm.as_str(), "he" | "she") {
            if let Some(p) = self.last_subject {
                return Some(p);
            }
        }
        // "the Russian leader ... his" within the sentence: the first person
        // outside quotes; otherwise the previous sentence's subject.
        so_far
            .iter()
            .find(|m| !m.in_quote && self.actors[m.actor].kind == ActorKind::Person)
            .map(|m| m.actor)
            .or(self.last_subject)
    }

    /// Parse a title phrase at `i`: [det] [country/org]* title [of/at X] [honorific] Name.
    /// Returns the end token, the actor, and whether it was a reference (no name).
    fn titled(&mut self, text: &str, toks: &[Token], i: usize) -> Option<(usize, usize, bool)> {
        // Cheap rejection: a title phrase starts with a determiner, a
        // capitalised word (country, organisation), a title or a modifier.
        let w = toks[i].norm.as_str();
        let may_start = toks[i].cap
            || matches!(w, "the" | "his" | "her" | "their" | "its")
            || self.book.titles().starts_with(w)
            || self.book.titles().is_modifier(w);
        if !may_start {
            return None;
        }
        let mut j = i;
        let mut det = false;
        if matches!(toks[j].norm.as_str(), "the" | "his" | "her" | "their" | "its") {
            det = true;
            j += 1;
        }
        // Country or organisation prefixes: "US", "Russian", "Kremlin".
        let mut country: Option<String> = None;
        let mut affiliation: Option<String> = None;
        let mut prefix_words = Vec::new();
        while j < toks.len() && toks[j].word {
            if let Some((end, st)) = self.book.demonym_at(toks, j) {
                country = self.book.country_of(st);
                prefix_words.extend(j..end);
                j = end;
                continue;
            }
            if toks[j].cap {
                if let Some((end, a)) = self.book_prefix(text, toks, j) {
                    if a.kind != ActorKind::Person && a.kind != ActorKind::Outlet {
                        country = self.book.country_of(a).or(country);
                        if a.kind == ActorKind::Office || a.kind == ActorKind::Organization {
                            affiliation = Some(a.id.clone());
                        }
                        prefix_words.extend(j..end);
                        j = end;
                        // "Qatar's Prime Minister ..."
                        if j < toks.len() && toks[j].norm == "'s" {
                            prefix_words.push(j);
                            j += 1;
                        }
                        continue;
                    }
                }
            }
            break;
        }
        // Up to two modifiers: "personal spokesman", "presidential assistant".
        let mut title = None;
        for k in j..(j + 3).min(toks.len()) {
            if let Some((tend, t)) = self.book.titles().at(toks, k) {
                title = Some((k, tend, t));
                break;
            }
            // "Indian External Affairs Minister": capitalised words of the
            // portfolio, after a country.
            let portfolio = !prefix_words.is_empty() && toks[k].word && toks[k].cap;
            if k >= toks.len() || !(self.book.titles().is_modifier(toks[k].norm.as_str()) || portfolio) {
                break;
            }
        }
        let (tstart, mut tend, tword) = title?;
        // Abbreviated and chained titles: "Brig. Gen. Nabil Abdallah".
        loop {
            let mut k = tend;
            if k < toks.len() && toks[k].norm == "." {
                k += 1;
            }
            match self.book.titles().at(toks, k) {
                Some((e, _)) if k < toks.len() && toks[k].cap => tend = e,
                _ => {
                    if k > tend && k < toks.len() && toks[k].cap {
                        tend = k;
                    }
                    break;
                }
            }
        }
        // "president of the European Commission", "assistant at Kremlin"
        if tend + 1 < toks.len() && matches!(toks[tend].norm.as_str(), "of" | "at" | "for" | "to") {
            let mut m = tend + 1;
            if m < toks.len() && toks[m].norm == "the" {
                m += 1;
            }
            if m < toks.len() {
                if let Some((end, a)) = self.book_prefix(text, toks, m) {
                    if a.kind != ActorKind::Person && a.kind != ActorKind::Outlet {
                        country = self.book.country_of(a).or(country);
                        if a.kind != ActorKind::State {
                            affiliation = Some(a.id.clone());
                        }
                        tend = end;
                    }
                }
            }
        }
        let mut n = tend;
        while n < toks.len() && HONORIFICS.contains(toks[n].norm.trim_end_matches('.')) {
            n += 1;
            if n < toks.len() && toks[n].norm == "." {
                n += 1;
            }
        }
        let role_text = role_surface(text, toks, &prefix_words, tstart, tend);
        if let Some((mut nend, surface, key)) = name_at(text, toks, n) {
            // After a title a given name may be a state's ("Defence
            // Minister Israel Katz", "Georgia Ames"): only the words after
            // the first must pass.
            let rest = key.split_once(' ').map(|(_, r)| r);
            let first_is_state = rest.is_some()
                && self
                    .book
                    .lookup(key.split(' ').next().unwrap_or(""))
                    .is_some_and(|a| a.kind == ActorKind::State);
            let rejected = if first_is_state {
                rest.is_none_or(|r| self.rejects_as_name(r, &surface))
            } else {
                self.rejects_as_name(&key, &surface)
            };
            if rejected {
                return None;
            }
            // "Prime Minister Ann Ames of Norway": the state is part of the
            // mention (it says whose minister), not a party of its own.
            if nend + 1 < toks.len() && toks[nend].norm == "of" {
                if let Some((end, st)) = self.book_prefix(text, toks, nend + 1) {
                    if st.kind == ActorKind::State {
                        country = country.or_else(|| self.book.country_of(st));
                        nend = end;
                    }
                }
            }
            let idx = self.person_by_name(&surface, &key, Some(role_text), country, affiliation);
            return Some((nend, idx, false));
        }
        // No name: a role phrase refers to someone named before.
        if !det && prefix_words.is_empty() {
            return None;
        }
        // "the Russian president's office" names the office, not him; "the
        // Ukrainian president's post" is his.
        let own_words = toks.get(tend + 1).is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "post" | "statement" | "letter" | "message" | "remarks" | "speech"
            )
        });
        if tend < toks.len() && toks[tend].norm == "'s" && !own_words {
            return None;
        }
        let idx = self.resolve_role(tword, country.as_deref())?;
        Some((tend, idx, true))
    }

    /// A non-person book entry starting at `j` (used for title prefixes).
    fn book_prefix(&self, text: &str, toks: &[Token], j: usize) -> Option<(usize, &'b ActorInfo)> {
        if !self.book.first_keys.contains(toks[j].key.as_str()) {
            return None;
        }
        if !toks[j].cap {
            return None;
        }
        let book = self.book;
        longest_key(
            toks,
            j,
            |k| book.first_keys.contains(k),
            |k| book.lookup_index(k),
            |k| book.lower_keys.contains(k),
        )
        .filter(|(end, _, key)| !book.shouted_only(key) || is_upper(&text[toks[j].start..toks[end - 1].end]))
        .map(|(end, bi, _)| (end, &book.actors[bi]))
    }

    /// A candidate name that contains a common word, a demonym or the name
    /// of a state, office or outlet ("Russia Tass") is not a person.
    fn rejects_as_name(&self, key: &str, surface: &str) -> bool {
        // "Un" in "Kim Jong Un" is no "UN": an acronym vetoes a name only
        // where it is written in capitals.
        let shouted = |w: &str| {
            surface
                .split(|c: char| !c.is_alphanumeric() && c != '.')
                .any(|s| is_upper(s) && name_key(s) == w)
        };
        key.split(' ').any(|w| {
            not_a_name(w)
                || self.book.demonym(w).is_some()
                || self
                    .book
                    .lookup(w)
                    .map(|a| a.kind != ActorKind::Person && (!self.book.shouted_only(w) || shouted(w)))
                    .unwrap_or(false)
        }) || self
            .book
            .lookup(key)
            .map(|a| a.kind != ActorKind::Person)
            .unwrap_or(false)
    }

    /// "the leaders of Russia and Ukraine" -> the heads of those states.
    fn leaders_of(&mut self, text: &str, toks: &[Token], i: usize) -> Option<Hits> {
        // "the leaders of A and B": their heads; "diplomats of A and B",
        // "delegations of A and B": the states themselves.
        let heads = matches!(toks[i].norm.as_str(), "leaders" | "leader" | "presidents");
        let sides = GROUP_NOUNS.contains(toks[i].norm.as_str()) || toks[i].norm == "representatives";
        if !(heads || sides) || toks.get(i + 1).map(|t| t.norm != "of").unwrap_or(true) {
            return None;
        }
        let mut j = i + 2;
        if j < toks.len() && toks[j].norm == "the" {
            j += 1;
        }
        let mut found = Vec::new();
        while j < toks.len() {
            let (end, st) = self.book_prefix(text, toks, j)?;
            if st.kind != ActorKind::State {
                break;
            }
            let who = if heads {
                self.resolve_role("leader", Some(&st.name))?
            } else {
                let st = st.clone();
                self.intern_book(&st)
            };
            found.push((who, j, end, true));
            j = end;
            if j + 1 < toks.len() && matches!(toks[j].norm.as_str(), "and" | ",") {
                j += 1;
            } else {
                break;
            }
        }
        if found.is_empty() {
            return None;
        }
        Some((found.last().map(|f| f.2).unwrap_or(j), found))
    }

    /// "the Russian leader" -> the most recent Russian person who fits, else
    /// the book's holder of that office at the article's date, else the
    /// office itself ("Prime Minister of Qatar") when no holder is known.
    fn resolve_role(&mut self, title: &str, country: Option<&str>) -> Option<usize> {
        let book = self.book;
        let titles = book.titles();
        let head = titles.is_head(title);
        let loose = head && titles.is_empty_title(title);
        let date = self.date;
        let fits = |a: &ActorInfo| {
            if a.kind != ActorKind::Person {
                return false;
            }
            if let Some(c) = country {
                if a.country.as_deref() != Some(c) {
                    return false;
                }
            }
            if title == "counterpart" {
                return true;
            }
            let roles = book.roles_at(a, date);
            if roles.is_empty() {
                // A person found in the text without a role: "the Borduran
                // leader" may be them.
                return head && country.is_some() && a.role.is_none() && a.discovered;
            }
            // "the leader" is whoever heads the state; "the president"
            // is the president, not the emir.
            roles.iter().any(|r| match book.role_title(r) {
                Some(t) if loose => titles.is_head(&t),
                Some(t) => t == title,
                None => false,
            })
        };
        if let Some(&idx) = self.recent_people.iter().rev().find(|&&p| fits(&self.actors[p])) {
            return Some(idx);
        }
        let country = country?;
        if title == "counterpart" || titles.is_empty_title(title) && !head {
            return None;
        }
        if let Some(found) = book.actors().iter().find(|a| !a.discovered && fits(a)) {
            let found = found.clone();
            return Some(self.intern_book(&found));
        }
        if titles.is_empty_title(title) {
            return None;
        }
        // Nobody known holds it: the office as an actor of its own, so the
        // event keeps a party and the page says what is known.
        let name = format!("{} of {country}", office_case(title));
        let office = ActorInfo {
            id: slugify(&name),
            name,
            kind: ActorKind::Office,
            role: None,
            country: Some(country.to_string()),
            aliases: Vec::new(),
            discovered: true,
            affiliation: None,
            speaks_for: None,
        };
        Some(self.intern(office))
    }

    /// "Russian negotiators", "Russian and Ukrainian negotiators" -> the
    /// states; "the Ukrainian President's Office" -> an office.
    fn demonym_group(&mut self, toks: &[Token], i: usize) -> Option<Hits> {
        if !toks[i].cap {
            return None;
        }
        let (mut j, first) = self.book.demonym_at(toks, i)?;
        let mut states = vec![(first.clone(), i)];
        let single_word = j == i + 1;
        while j + 1 < toks.len() && matches!(toks[j].norm.as_str(), "and" | ",") {
            match self.book.demonym_at(toks, j + 1) {
                Some((end, st)) if toks[j + 1].cap => {
                    states.push((st.clone(), j + 1));
                    j = end;
                }
                _ => break,
            }
        }
        if j >= toks.len() {
            return None;
        }
        // Office nouns (one demonym of one word only).
        if states.len() == 1 && single_word {
            for (words, canonical) in OFFICE_WORDS.iter() {
                if j + words.len() <= toks.len() && words.iter().enumerate().all(|(o, w)| toks[j + o].norm == *w) {
                    let end = j + words.len();
                    let surface_key = format!(
                        "{} {}",
                        toks[i].key.clone(),
                        words
                            .iter()
                            .filter(|w| **w != "'s")
                            .map(|w| token_key(w))
                            .collect::<Vec<_>>()
                            .join(" ")
                    );
                    let st = &states[0].0;
                    let idx = if let Some(a) = self.book.lookup(&surface_key) {
                        let a = a.clone();
                        self.intern_book(&a)
                    } else {
                        let demonym = capitalize_first(&toks[i].norm);
                        let name = format!("{demonym} {canonical}");
                        self.intern(ActorInfo {
                            id: slugify(&name),
                            name,
                            kind: ActorKind::Office,
                            role: None,
                            country: Some(st.name.clone()),
                            aliases: Vec::new(),
                            discovered: true,
                            affiliation: None,
                            speaks_for: None,
                        })
                    };
                    return Some((end, vec![(idx, i, end, false)]));
                }
            }
        }
        // Group nouns, possibly after one adjective ("Russian peace negotiators").
        let mut g = j;
        if g + 1 < toks.len() && toks[g].word && !toks[g].cap && !GROUP_NOUNS.contains(toks[g].norm.as_str()) {
            g += 1;
        }
        if g < toks.len() && GROUP_NOUNS.contains(toks[g].norm.as_str()) {
            let ms = states
                .into_iter()
                .map(|(st, at)| {
                    let idx = self.intern_book(&st);
                    (idx, at, at + 1, false)
                })
                .collect::<Vec<_>>();
            let end = g + 1;
            let mut ms = ms;
            if let Some(last) = ms.last_mut() {
                last.2 = end;
            }
            return Some((end, ms));
        }
        None
    }

    /// "said Jane Doe", "Jane Doe said", "according to Jane Doe",
    /// "Jane Doe, the foreign minister,": discover untitled people.
    fn attributed_name(&mut self, text: &str, toks: &[Token], i: usize) -> Option<(usize, usize)> {
        if !toks[i].cap || not_a_name(&toks[i].norm) {
            return None;
        }
        // A name does not start inside a hyphenated word ("Mar-a-Lago").
        if i >= 1 && toks[i - 1].norm == "-" && toks[i - 1].end == toks[i].start {
            return None;
        }
        let before_said = i >= 1 && ATTRIBUTION_VERBS.contains(toks[i - 1].norm.as_str());
        let according = i >= 2 && toks[i - 2].norm == "according" && toks[i - 1].norm == "to";
        // A name is followed by a speech verb or a comma; look before
        // building any string.
        let followed = toks[i + 1..]
            .iter()
            .take(6)
            .any(|t| t.norm == "," || ATTRIBUTION_VERBS.contains(t.norm.as_str()));
        if !(before_said || according || followed) {
            return None;
        }
        let (end, surface, key) = name_at(text, toks, i)?;
        if key.split(' ').count() < 2 || self.rejects_as_name(&key, &surface) {
            // "Ames said": a surname alone, of someone this article never
            // names in full. Noted, so that a person named in another
            // article can be found here later (see `ActorBook::remember`).
            if !key.contains(' ')
                && key.len() >= 3
                && !self.rejects_as_name(&key, &surface)
                && !self.unknown.contains(&key)
            {
                self.unknown.push(key);
            }
            return None;
        }
        let mut a = end;
        if a < toks.len() && toks[a].norm == "," {
            a += 1;
        }
        let after_said = a < toks.len() && ATTRIBUTION_VERBS.contains(toks[a].norm.as_str());
        let apposition = end < toks.len()
            && toks[end].norm == ","
            && (end + 1..(end + 7).min(toks.len())).any(|m| {
                // "X, the president's resort": the title is someone else's.
                self.book
                    .titles()
                    .at(toks, m)
                    .is_some_and(|(tend, _)| toks.get(tend).is_none_or(|t| t.norm != "'s"))
            })
            && matches!(
                toks.get(end + 1).map(|t| t.norm.as_str()),
                Some("the" | "a" | "an" | "who" | "its" | "his" | "her")
            )
            || (end < toks.len()
                && toks[end].norm == ","
                && toks
                    .get(end + 1)
                    .is_some_and(|t| self.book.titles().at(toks, end + 1).is_some() && !t.cap));
        // "The speaker of the assembly, Ivo Tanner, said": the name set off
        // by commas after a title phrase.
        let title_before = (i >= 2 && toks[i - 1].norm == "," && end < toks.len() && toks[end].norm == ",")
            .then(|| {
                let from = (0..i - 1)
                    .rev()
                    .take(12)
                    .find(|&k| toks[k].norm == ",")
                    .map_or(0, |k| k + 1);
                let from = from.max((i - 1).saturating_sub(12));
                // The title heads the phrase: only "of ...", "for ..." may
                // follow it ("the speaker of the house", not "the minister
                // went north").
                (from..i - 1).find_map(|m| {
                    let (tend, t) = self.book.titles().at(toks, m)?;
                    let next = toks[tend].norm.as_str();
                    (tend == i - 1 || matches!(next, "of" | "for" | "at" | "to" | "in" | "on"))
                        .then(|| capitalize_first(t))
                })
            })
            .flatten();
        if !(before_said || according || after_said || apposition || title_before.is_some()) {
            return None;
        }
        let role = if apposition {
            (end + 1..(end + 7).min(toks.len()))
                .find_map(|m| self.book.titles().at(toks, m).map(|(_, t)| capitalize_first(t)))
        } else {
            title_before
        };
        let idx = self.person_by_name(&surface, &key, role, None, None);
        Some((end, idx))
    }
}

/// Walk forward from token `i` over capitalised words (particles allowed
/// inside; a possessive "'s" and hyphens glued inside a name skipped),
/// building the name key; stop as soon as `is_prefix` says no alias starts
/// so; return the longest key that `lookup` knows, with its end and value.
fn longest_key<T>(
    toks: &[Token],
    i: usize,
    is_prefix: impl Fn(&str) -> bool,
    lookup: impl Fn(&str) -> Option<T>,
    lower_ok: impl Fn(&str) -> bool,
) -> Option<(usize, T, String)> {
    let mut key = compact_str::CompactString::default();
    let mut best = None;
    let mut j = i;
    while j < toks.len() {
        let t = &toks[j];
        if !t.word {
            let glued = t.norm == "-"
                && j > i
                && toks[j - 1].end == t.start
                && toks.get(j + 1).map(|x| x.word && x.start == t.end).unwrap_or(false);
            if (t.norm == "'s" && j > i) || glued {
                j += 1;
                continue;
            }
            break;
        }
        // "May" or "Turkey" style clashes: every word but particles is
        // capitalised.
        let particle = j > i && PARTICLES.contains(t.norm.as_str());
        let len = key.len();
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&t.key);
        if !(t.cap || particle || (j > i && lower_ok(&key))) {
            key.truncate(len);
            break;
        }
        if !is_prefix(&key) {
            break;
        }
        if let Some(v) = lookup(&key) {
            best = Some((j + 1, v, key.to_string()));
        }
        j += 1;
    }
    best
}

/// A person's name at `n`: 1-4 capitalised words, particles allowed inside.
fn name_at(text: &str, toks: &[Token], n: usize) -> Option<(usize, String, String)> {
    let mut end = n;
    let mut words = 0;
    while end < toks.len() && words < 4 {
        let t = &toks[end];
        // Hyphenated names: "al-Sharaa", "Jean-Noel", "Jae-myung".
        let glued_hyphen = t.norm == "-"
            && end > n
            && toks[end - 1].end == t.start
            && toks.get(end + 1).map(|x| x.word && x.start == t.end).unwrap_or(false);
        if glued_hyphen {
            end += 2;
            continue;
        }
        if !t.word {
            break;
        }
        // Initials: "S. Jaishankar", "George W. Bush".
        let initial = t.cap && t.norm.len() == 1 && toks.get(end + 1).map(|x| x.norm == ".").unwrap_or(false);
        if initial {
            end += 2;
            continue;
        }
        let is_particle = PARTICLES.contains(t.norm.as_str()) && words > 0;
        if !(t.cap || is_particle) {
            break;
        }
        if not_a_name(&t.norm) && !is_particle {
            break;
        }
        // An acronym after a name is no part of it ("Ann Ames UN"); a
        // name is never written in capitals in running text.
        if words > 0 && is_upper(&text[t.start..t.end]) {
            break;
        }
        if t.norm.chars().all(|c| c.is_ascii_digit()) {
            break;
        }
        end += 1;
        if !is_particle {
            words += 1;
        }
    }
    // Do not end on a particle or an initial.
    while end > n && (PARTICLES.contains(toks[end - 1].norm.as_str()) || toks[end - 1].norm == ".") {
        end -= if toks[end - 1].norm == "." { 2 } else { 1 };
    }
    if end <= n || !toks[n..end].iter().any(|t| t.word && t.norm.len() > 1) {
        return None;
    }
    let surface = text[toks[n].start..toks[end - 1].end].to_string();
    let key = toks[n..end]
        .iter()
        .filter(|t| t.word)
        .map(|t| t.key.clone())
        .collect::<Vec<_>>()
        .join(" ");
    Some((end, surface, key))
}

fn role_surface(text: &str, toks: &[Token], prefix: &[usize], tstart: usize, tend: usize) -> String {
    let start = prefix.first().copied().unwrap_or(tstart);
    let s = &text[toks[start].start..toks[tend - 1].end];
    let mut out = String::new();
    for (i, w) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    capitalize_first(&out)
}

fn capitalize_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A title as an office's name: "prime minister" -> "Prime Minister",
/// "minister of defence" -> "Minister of Defence".
fn office_case(title: &str) -> String {
    title
        .split(' ')
        .map(|w| match w {
            "of" | "for" | "the" | "and" => w.to_string(),
            _ => capitalize_first(w),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::tokenize;

    const BOOK: &str = r#"
[[actor]]
name = "Vladimir Putin"
kind = "person"
role = "President of Russia"
country = "Russia"
aliases = ["Putin"]

[[actor]]
name = "Volodymyr Zelenskyy"
kind = "person"
role = "President of Ukraine"
country = "Ukraine"

[[actor]]
name = "Russia"
kind = "state"
aliases = ["Moscow"]
demonyms = ["Russian"]

[[actor]]
name = "Ukraine"
kind = "state"
aliases = ["Kyiv"]
demonyms = ["Ukrainian"]

[[actor]]
name = "United States"
kind = "state"
aliases = ["US", "USA"]
demonyms = ["American"]

[[actor]]
name = "Kremlin"
kind = "office"
country = "Russia"

[[actor]]
name = "Reuters"
kind = "outlet"

[[actor]]
name = "Aland"
kind = "state"
"#;

    fn book() -> ActorBook {
        ActorBook::parse(BOOK).unwrap()
    }

    /// Names of the actors found in each sentence of `text`, in order.
    fn check(text: &str, expected: &[&str]) {
        let b = book();
        let mut aa = ArticleActors::new(&b);
        let mut got = Vec::new();
        for s in crate::extract::text::split_sentences(text) {
            let toks = tokenize(text, s.start, s.end);
            let headline = is_headline(&toks);
            for m in aa.find(text, &toks, headline) {
                got.push(aa.actors[m.actor].name.clone());
            }
        }
        assert_eq!(got, expected, "in {text:?}");
    }

    const GROUP_BOOK: &str = r#"
[[actor]]
name = "Aland"
kind = "state"
[[actor]]
name = "Borduria"
kind = "state"
[[actor]]
name = "Northern bloc"
kind = "group"
aliases = ["Northerners", "Northern capitals", "North"]
members = ["Aland", "Borduria"]
"#;

    /// The actor names a text mentions, read with `book`.
    fn names_in(book: &str, text: &str) -> Vec<String> {
        let book = ActorBook::parse(book).unwrap();
        let mut aa = ArticleActors::new(&book);
        let toks = tokenize(text, 0, text.len());
        aa.find(text, &toks, false)
            .iter()
            .map(|m| aa.actors[m.actor].name.clone())
            .collect()
    }

    const ACRONYM_BOOK: &str = r#"
[[actor]]
name = "United Nations"
kind = "organization"
aliases = ["UN"]
[[actor]]
name = "Economic Union"
kind = "organization"
aliases = ["EU"]
"#;

    #[test]
    fn an_acronym_is_found_only_in_capitals() {
        assert_eq!(
            names_in(ACRONYM_BOOK, "The envoy Pak Jong Un spoke to the UN on Monday."),
            ["Pak Jong Un", "United Nations"]
        );
        assert_eq!(
            names_in(ACRONYM_BOOK, "Minister Rahel Eu Tanaka and the U.N. disagreed."),
            ["Rahel Eu Tanaka", "United Nations"]
        );
        assert_eq!(names_in(ACRONYM_BOOK, "The EU said little."), ["Economic Union"]);
    }

    #[test]
    fn a_name_set_off_by_commas_after_a_title_phrase_is_a_person() {
        assert_eq!(
            names_in(
                ACRONYM_BOOK,
                "The speaker of the lower house, Ivo Tanner, opened the session."
            ),
            ["Ivo Tanner"]
        );
        assert_eq!(
            names_in(ACRONYM_BOOK, "Its chief negotiator, Mara Quist, left early."),
            ["Mara Quist"]
        );
        // A list of places is no person.
        assert!(names_in(ACRONYM_BOOK, "The minister went north, Port Lund, and back.").is_empty());
    }

    #[test]
    fn a_place_before_someones_title_is_no_person() {
        assert!(names_in(ACRONYM_BOOK, "They dined at Sea-by-Pine Lodge, the governor's estate.").is_empty());
        assert!(names_in(
            ACRONYM_BOOK,
            "The talks moved to Rock Hall, the minister's residence, on Monday."
        )
        .is_empty());
        // An apposition with the title of the person themself still names
        // them (and the title phrase refers back to them).
        assert_eq!(
            names_in(ACRONYM_BOOK, "Tom Rand, the minister of trade, left."),
            ["Tom Rand", "Tom Rand"]
        );
    }

    #[test]
    fn a_hyphenated_surname_alone_is_the_person_named_before() {
        assert_eq!(
            names_in(
                ACRONYM_BOOK,
                "Spokesman Lucas Martin-Ferro spoke first. Then Martin-Ferro took questions."
            ),
            ["Lucas Martin-Ferro", "Lucas Martin-Ferro"]
        );
        assert_eq!(
            names_in(
                ACRONYM_BOOK,
                "Envoy Hana Okafor-Lindqvist arrived on Sunday, and Okafor-Lindqvist met the mayor."
            ),
            ["Hana Okafor-Lindqvist", "Hana Okafor-Lindqvist"]
        );
    }

    #[test]
    fn his_in_an_opening_phrase_is_the_main_subject() {
        let text = "Envoy Lucas Martin met the mayor. After his lunch with Diaz, Bob Carter told reporters little.";
        let b = ActorBook::parse(ACRONYM_BOOK).unwrap();
        let mut aa = ArticleActors::new(&b);
        let mut got = Vec::new();
        for s in crate::extract::text::split_sentences(text) {
            let toks = tokenize(text, s.start, s.end);
            for m in aa.find(text, &toks, false) {
                got.push(aa.actors[m.actor].name.clone());
            }
        }
        assert!(
            got.ends_with(&["Bob Carter".to_string(), "Bob Carter".to_string()]),
            "{got:?}"
        );
        // Named before the pronoun in the phrase, the person keeps it.
        assert_eq!(
            names_in(
                ACRONYM_BOOK,
                "During Minister Lena Vos's visit to her hometown, Mayor Omar Field spoke."
            ),
            ["Lena Vos", "Lena Vos", "Omar Field"]
        );
        assert_eq!(
            names_in(
                ACRONYM_BOOK,
                "Ahead of her trip, Foreign Minister Ruth Ade said she was ready."
            ),
            ["Ruth Ade", "Ruth Ade", "Ruth Ade"]
        );
    }

    #[test]
    fn a_group_is_an_actor_with_members() {
        let book = ActorBook::parse(GROUP_BOOK).unwrap();
        let g = book.lookup("northern bloc").unwrap();
        assert_eq!(g.kind, ActorKind::Group);
        assert_eq!(g.role.as_deref(), Some("Group: Aland, Borduria"));
        // Aliases the book writes in lower case match in lower case.
        assert_eq!(
            names_in(GROUP_BOOK, "The Northern capitals rejected the plan."),
            ["Northern bloc"]
        );
        assert_eq!(
            names_in(GROUP_BOOK, "Envoys of the North met in Oslo."),
            ["Northern bloc"]
        );
    }

    #[test]
    fn a_one_word_group_alias_before_a_capitalised_word_is_another_name() {
        assert!(names_in(GROUP_BOOK, "Floods hit North Borduria.")
            .iter()
            .all(|n| n != "Northern bloc"));
        assert!(names_in(GROUP_BOOK, "Ships left the North Sea ports.").is_empty());
    }

    #[test]
    fn a_group_must_list_members_of_the_book() {
        let none = ActorBook::parse("[[actor]]\nname = \"Bloc\"\nkind = \"group\"\n");
        assert!(none.unwrap_err().contains("lists no members"));
        let unknown = ActorBook::parse("[[actor]]\nname = \"Bloc\"\nkind = \"group\"\nmembers = [\"Atlantis\"]\n");
        assert!(unknown
            .unwrap_err()
            .contains("member \"Atlantis\" is not an actor of the book"));
        let not_group = ActorBook::parse(
            "[[actor]]\nname = \"Aland\"\nkind = \"state\"\n[[actor]]\nname = \"X\"\nkind = \"state\"\nmembers = [\"Aland\"]\n",
        );
        assert!(not_group.unwrap_err().contains("is not a group"));
    }

    #[test]
    fn book_alias_and_surname() {
        check(
            "Putin spoke. Vladimir Putin left.",
            &["Vladimir Putin", "Vladimir Putin"],
        );
    }

    #[test]
    fn spelling_variants_fold() {
        check(
            "Zelenskiy met Zelensky.",
            &["Volodymyr Zelenskyy", "Volodymyr Zelenskyy"],
        );
    }

    #[test]
    fn titled_name_is_discovered() {
        check("Kremlin spokesperson Dmitry Peskov said no.", &["Dmitry Peskov"]);
    }

    #[test]
    fn surname_resolves_after_full_name() {
        check(
            "Foreign Minister Jane Roe arrived. Roe said yes.",
            &["Jane Roe", "Jane Roe"],
        );
    }

    #[test]
    fn honorific_is_skipped() {
        check("Prime Minister Sir Keir Starmer spoke.", &["Keir Starmer"]);
    }

    #[test]
    fn initials_and_suffixes_are_part_of_names() {
        check(
            "Minister S. Jaishankar spoke. Jaishankar left.",
            &["S. Jaishankar", "S. Jaishankar"],
        );
        check(
            "President Ferdinand Marcos Jr. spoke. Marcos left.",
            &["Ferdinand Marcos Jr", "Ferdinand Marcos Jr"],
        );
    }

    #[test]
    fn hyphenated_and_abbreviated_titles() {
        check(
            "Aide Ahmed al-Sharaa spoke. Al-Sharaa left.",
            &["Ahmed al-Sharaa", "Ahmed al-Sharaa"],
        );
        check("A spokesman, Brig. Gen. Nabil Abdallah, said no.", &["Nabil Abdallah"]);
    }

    #[test]
    fn portfolio_words_between_country_and_title() {
        let b = book();
        let mut aa = ArticleActors::new(&b);
        let t = "Ukrainian Home Affairs Minister Jane Roe spoke.";
        let toks = tokenize(t, 0, t.len());
        let ms = aa.find(t, &toks, false);
        assert_eq!(aa.actors[ms[0].actor].name, "Jane Roe");
        assert_eq!(aa.actors[ms[0].actor].country.as_deref(), Some("Ukraine"));
    }

    #[test]
    fn family_name_first_with_hyphenated_given_name() {
        assert_eq!(surname_of("Lee Jae-myung"), Some("Lee"));
        assert_eq!(surname_of("Ferdinand Marcos Jr."), Some("Marcos"));
        assert_eq!(surname_of("Jean-Noel Barrot"), Some("Barrot"));
        check(
            "Spokeswoman Kang Yu-jung spoke. Kang left.",
            &["Kang Yu-jung", "Kang Yu-jung"],
        );
    }

    #[test]
    fn given_name_alone_refers_to_the_person() {
        check(
            "Prime Minister Abiy Ahmed spoke. Abiy left.",
            &["Abiy Ahmed", "Abiy Ahmed"],
        );
    }

    #[test]
    fn possessive_state_prefix() {
        check(
            "Aland's Prime Minister Sheikh Ali bin Hamad Al Thani spoke.",
            &["Ali bin Hamad Al Thani"],
        );
    }

    #[test]
    fn lowercase_title_works() {
        check("Earlier, vice president JD Vance spoke.", &["JD Vance"]);
    }

    #[test]
    fn title_with_organisation() {
        check(
            "said presidential assistant at Kremlin Yury Ushakov.",
            &["Yury Ushakov"],
        );
    }

    #[test]
    fn transliteration_merges_discovered_people() {
        let b = book();
        let mut aa = ArticleActors::new(&b);
        let t = "Aide Yuri Ushakov spoke. Aide Yury Ushakov spoke.";
        let mut ids = Vec::new();
        for s in crate::extract::text::split_sentences(t) {
            let toks = tokenize(t, s.start, s.end);
            for m in aa.find(t, &toks, false) {
                ids.push(aa.actors[m.actor].id.clone());
            }
        }
        // One person; the id keeps the first spelling as written.
        assert_eq!(ids, vec!["yuri-ushakov", "yuri-ushakov"]);
    }

    #[test]
    fn role_phrase_resolves_to_named_person() {
        check(
            "Putin spoke. The Russian leader left.",
            &["Vladimir Putin", "Vladimir Putin"],
        );
    }

    #[test]
    fn role_phrase_falls_back_to_book_head_of_state() {
        check("The Russian president spoke.", &["Vladimir Putin"]);
    }

    #[test]
    fn demonym_with_group_noun_is_a_state() {
        check("Russian and Ukrainian negotiators met.", &["Russia", "Ukraine"]);
    }

    #[test]
    fn leaders_of_states_are_their_heads() {
        check(
            "He will call the leaders of Russia and Ukraine.",
            &["Vladimir Putin", "Volodymyr Zelenskyy"],
        );
    }

    #[test]
    fn envoys_of_states_are_those_states() {
        check(
            "Diplomats of Russia and the United States met in Riyadh.",
            &["Russia", "United States"],
        );
        check(
            "The delegations of Ukraine, Russia and Aland sat down.",
            &["Ukraine", "Russia", "Aland"],
        );
    }

    #[test]
    fn a_role_phrase_owns_its_post_but_not_its_office() {
        check(
            "Putin spoke. The Russian president's post was short.",
            &["Vladimir Putin", "Vladimir Putin"],
        );
        check(
            "Putin spoke. Later the Russian president's remarks were aired.",
            &["Vladimir Putin", "Vladimir Putin"],
        );
    }

    #[test]
    fn a_discovered_persons_id_keeps_the_name_as_written() {
        let b = ActorBook::parse("").unwrap();
        let mut aa = ArticleActors::new(&b);
        for t in [
            "Foreign Minister Takeshi Iwaya arrived.",
            "Iwaya spoke.",
            "Envoy Yuri Dmitri Orlovskii left.",
        ] {
            let toks = tokenize(t, 0, t.len());
            aa.find(t, &toks, false);
        }
        let ids: Vec<&str> = aa.actors.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["takeshi-iwaya", "yuri-dmitri-orlovskii"]);
    }

    #[test]
    fn a_titled_name_may_begin_with_a_states_name() {
        check(
            "Defence Minister Israel Katz spoke. Katz left.",
            &["Israel Katz", "Israel Katz"],
        );
        check("Trade Minister Aland Berg said no.", &["Aland Berg"]);
        // Without a title a state followed by a name is not a person.
        check("It agreed, according to Russia Tass.", &["Russia"]);
    }

    #[test]
    fn state_names_do_not_make_people() {
        check("It agreed, according to Russia Tass.", &["Russia"]);
    }

    #[test]
    fn demonym_alone_is_not_an_actor() {
        check("Russian banks fell.", &[]);
    }

    #[test]
    fn demonym_office_is_discovered() {
        check(
            "The Ukrainian President’s Office stated it.",
            &["Ukrainian President's Office"],
        );
    }

    #[test]
    fn pronoun_takes_previous_subject() {
        check("Putin spoke. He said no.", &["Vladimir Putin", "Vladimir Putin"]);
    }

    #[test]
    fn attribution_discovers_untitled_person() {
        check("“No,” said Jane Roe.", &["Jane Roe"]);
    }

    #[test]
    fn name_then_said_discovers_person() {
        check("Jane Roe said it was over.", &["Jane Roe"]);
    }

    #[test]
    fn apposition_discovers_person_with_role() {
        let b = book();
        let mut aa = ArticleActors::new(&b);
        let t = "Jane Roe, the foreign minister, arrived.";
        let toks = tokenize(t, 0, t.len());
        let ms = aa.find(t, &toks, false);
        assert_eq!(aa.actors[ms[0].actor].name, "Jane Roe");
        assert_eq!(aa.actors[ms[0].actor].role.as_deref(), Some("Foreign minister"));
    }

    #[test]
    fn headline_case_discovers_nothing() {
        check("Trump Says He Will Have Call With Boss Man", &[]);
    }

    #[test]
    fn outlet_is_recognised_as_such() {
        let b = book();
        let mut aa = ArticleActors::new(&b);
        let t = "Reuters reported it.";
        let toks = tokenize(t, 0, t.len());
        let ms = aa.find(t, &toks, false);
        assert_eq!(aa.actors[ms[0].actor].kind, ActorKind::Outlet);
    }

    #[test]
    fn token_key_folds_variants() {
        assert_eq!(token_key("zelenskyy"), token_key("zelenskiy"));
        assert_eq!(token_key("yuri"), token_key("yury"));
        assert_eq!(token_key("sergei"), token_key("sergey"));
    }
}

#[cfg(test)]
mod office_tests {
    use super::*;
    use crate::extract::text::tokenize;

    /// Two presidents of Aland one after the other, its prime minister and
    /// its king; Borduria lists nobody.
    const TERM_BOOK: &str = r#"
[[actor]]
name = "Aland"
kind = "state"
demonyms = ["Alandic"]
[[actor]]
name = "Borduria"
kind = "state"
demonyms = ["Borduran"]
[[actor]]
name = "Ann Alpha"
kind = "person"
role = "Former President of Aland"
country = "Aland"
terms = [{ role = "President of Aland", from = "2016-01-01", to = "2020-06-01" }]
[[actor]]
name = "Bob Beta"
kind = "person"
role = "President of Aland"
country = "Aland"
terms = [{ role = "Foreign Minister of Aland", to = "2020-06-01" }, { role = "President of Aland", from = "2020-06-01" }]
[[actor]]
name = "Cy Gamma"
kind = "person"
role = "King of Aland"
country = "Aland"
[[actor]]
name = "Dee Delta"
kind = "person"
role = "Prime Minister of Aland"
country = "Aland"
"#;

    /// Who each sentence names, reading `text` as published on `day`.
    fn names_on(book: &ActorBook, day: &str, text: &str) -> Vec<String> {
        let day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
        let mut aa = ArticleActors::new(book).dated(day);
        let mut got = Vec::new();
        for s in crate::extract::text::split_sentences(text) {
            let toks = tokenize(text, s.start, s.end);
            for m in aa.find(text, &toks, false) {
                got.push(aa.actors[m.actor].name.clone());
            }
        }
        got
    }

    fn book() -> ActorBook {
        ActorBook::parse(TERM_BOOK).unwrap()
    }

    #[test]
    fn a_two_word_demonym_names_the_state() {
        let b = ActorBook::parse(
            "[[actor]]\nname = \"East Aland\"\nkind = \"state\"\ndemonyms = [\"East Alandic\"]\n\
             [[actor]]\nname = \"Eve Epsilon\"\nkind = \"person\"\nrole = \"President of East Aland\"\ncountry = \"East Aland\"\n",
        )
        .unwrap();
        let text = "The East Alandic president opened the fair.";
        assert_eq!(names_on(&b, "2024-02-02", text), ["Eve Epsilon"]);
        let text = "East Alandic negotiators left the hall early.";
        assert_eq!(names_on(&b, "2024-02-02", text), ["East Aland"]);
    }

    #[test]
    fn an_office_resolves_to_its_holder_on_the_articles_date() {
        let b = book();
        let text = "The Alandic president arrived in the capital on a rainy evening.";
        assert_eq!(names_on(&b, "2018-03-02", text), ["Ann Alpha"]);
        assert_eq!(names_on(&b, "2023-09-14", text), ["Bob Beta"]);
        let text = "Aland's foreign minister hosted a dinner for envoys.";
        assert_eq!(names_on(&b, "2019-05-05", text), ["Bob Beta"]);
    }

    #[test]
    fn an_office_speaks_for_whoever_held_the_office_that_day() {
        let text = format!(
            "{TERM_BOOK}[[actor]]\nname = \"Presidential Palace\"\nkind = \"office\"\nspeaks_for = \"Bob Beta\"\ncountry = \"Aland\"\n"
        );
        let b = ActorBook::parse(&text).unwrap();
        let principal = |day: &str| {
            let day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
            let mut aa = ArticleActors::new(&b).dated(day);
            let sentence = "The Presidential Palace issued a short reply.";
            let toks = tokenize(sentence, 0, sentence.len());
            let m = aa.find(sentence, &toks, false)[0].actor;
            aa.principal_of(m).map(|p| aa.actors[p].name.clone())
        };
        // Bob Beta is president from mid-2020; before, Ann Alpha was.
        assert_eq!(principal("2022-02-02").as_deref(), Some("Bob Beta"));
        assert_eq!(principal("2018-07-07").as_deref(), Some("Ann Alpha"));
        // Undated, the book's own word stands.
        assert_eq!(principal("").as_deref(), Some("Bob Beta"));
    }

    #[test]
    fn a_named_title_is_not_another_head_of_state() {
        let b = book();
        // The prime minister, not the king nor the president.
        let text = "Aland's prime minister flew home after the vote.";
        assert_eq!(names_on(&b, "2024-01-10", text), ["Dee Delta"]);
        // "leader" says only that they lead: the first head the book lists.
        let text = "The Alandic leader did not comment.";
        assert_eq!(names_on(&b, "2024-01-10", text), ["Bob Beta"]);
    }

    #[test]
    fn an_office_with_no_known_holder_is_the_office() {
        let b = book();
        let text = "Borduria's prime minister thanked the mediators.";
        assert_eq!(names_on(&b, "2024-01-10", text), ["Prime Minister of Borduria"]);
        // Aland's foreign minister after the book's term ended: nobody listed.
        let text = "The Alandic foreign minister sent a letter to the council.";
        assert_eq!(names_on(&b, "2022-02-02", text), ["Foreign Minister of Aland"]);
    }

    #[test]
    fn an_undated_article_reads_the_current_role() {
        let b = book();
        let mut aa = ArticleActors::new(&b);
        let text = "The Alandic president wrote a long letter.";
        let toks = tokenize(text, 0, text.len());
        let found: Vec<String> = aa
            .find(text, &toks, false)
            .iter()
            .map(|m| aa.actors[m.actor].name.clone())
            .collect();
        assert_eq!(found, ["Bob Beta"]);
    }

    #[test]
    fn a_title_from_the_users_vocabulary_heads_a_name() {
        let titles =
            crate::extract::actors::titles::Titles::parse("titles = [\"grand vizier\", \"minister\"]").unwrap();
        let b = book().with_titles(std::sync::Arc::new(titles));
        let found = names_on(&b, "2024-01-10", "Grand Vizier Eli Epsilon rode to the border.");
        assert_eq!(found, ["Eli Epsilon"]);
        let found = names_on(
            &b,
            "2024-01-10",
            "The talks were led by Grand Vizier Fay Zeta of Aland.",
        );
        assert_eq!(found, ["Fay Zeta"]);
    }

    fn person(name: &str) -> ActorInfo {
        ActorInfo {
            id: slugify(name),
            name: name.to_string(),
            kind: ActorKind::Person,
            role: Some("Envoy".into()),
            country: Some("Borduria".into()),
            aliases: Vec::new(),
            discovered: true,
            affiliation: None,
            speaks_for: None,
        }
    }

    #[test]
    fn a_remembered_person_is_found_by_surname() {
        let b = book().remember(&[person("Hal Iota"), person("Ivy Kappa")]);
        assert_eq!(names_on(&b, "2024-01-10", "Iota said the road was open."), ["Hal Iota"]);
        let found = names_on(&b, "2024-01-10", "The plan, according to Kappa, needs a month.");
        assert_eq!(found, ["Ivy Kappa"]);
        assert!(b.lookup("iota").is_some_and(|a| a.discovered));
    }

    #[test]
    fn a_surname_two_remembered_people_share_is_nobodys() {
        let b = book().remember(&[person("Hal Iota"), person("Jo Iota")]);
        assert!(names_on(&b, "2024-01-10", "Iota said the road was open.").is_empty());
        // The full names still resolve.
        assert_eq!(
            names_on(&b, "2024-01-10", "Jo Iota said the road was open."),
            ["Jo Iota"]
        );
    }

    #[test]
    fn the_book_wins_over_a_remembered_namesake() {
        // A discovered "Bob Beta" (say, misspelt role) does not replace the book's.
        let b = book().remember(&[person("Bob Beta"), person("Kai Alpha")]);
        assert!(b.lookup("bob beta").is_some_and(|a| !a.discovered));
        // "Alpha" is the book's Ann Alpha's surname: not Kai's.
        assert!(b.lookup("alpha").is_none_or(|a| a.name == "Ann Alpha"));
    }

    #[test]
    fn an_unplaced_surname_is_noted_for_later() {
        let b = book();
        let text = "Zeta said the convoy had left. Omega told reporters the same.";
        let x = crate::extract::extract(text, chrono::NaiveDate::from_ymd_opt(2024, 1, 10), &b);
        assert!(x.unknown_names.contains(&"zeta".to_string()), "{:?}", x.unknown_names);
        let x = crate::extract::extract("He said the convoy had left.", None, &b);
        assert!(x.unknown_names.is_empty(), "{:?}", x.unknown_names);
    }

    #[test]
    fn bad_terms_are_refused_with_the_actor_named() {
        let bad =
            "[[actor]]\nname = \"Gil Eta\"\nkind = \"person\"\nterms = [{ role = \"Envoy\", from = \"2024-13-01\" }]";
        let e = ActorBook::parse(bad).unwrap_err();
        assert!(e.contains("Gil Eta") && e.contains("2024-13-01"), "{e}");
        let bad = "[[actor]]\nname = \"Gil Eta\"\nkind = \"person\"\nterms = [{ role = \"Envoy\", from = \"2024-03-01\", to = \"2023-01-01\" }]";
        let e = ActorBook::parse(bad).unwrap_err();
        assert!(e.contains("ends before it begins"), "{e}");
        let bad = "[[actor]]\nname = \"Aland\"\nkind = \"state\"\nterms = [{ role = \"Envoy\" }]";
        assert!(ActorBook::parse(bad).unwrap_err().contains("only a person"));
    }
}
