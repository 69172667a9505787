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

mod book;
mod discover;
mod resolve;

use book::*;
pub use book::{name_key, remembered_surname, surname_of};
pub use discover::ATTRIBUTION_VERBS;
use discover::*;
pub use resolve::{is_headline, quote_mask};

pub use crate::extract::text::token_key;
use crate::extract::text::Token;
use crate::extract::text::WordSet;
pub use crate::model::ActorInfo;
use crate::model::{slugify, ActorKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;
use std::path::Path;
use titles::Titles;

/// Errors loading the actor book.
#[derive(Debug, thiserror::Error)]
pub enum BookError {
    #[error("cannot read actor book {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("actor book {path} is not valid TOML: {message}")]
    Parse { path: String, message: String },
}

/// One office held from a day (inclusive) to a day (exclusive); an open
/// end is still held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    pub role: String,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
}

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

#[cfg(test)]
mod tests;

#[cfg(test)]
mod office_tests;
