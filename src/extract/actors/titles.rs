//! The title vocabulary: the words that name an office next to a person's
//! name ("Foreign Minister Jane Doe"), and that turn "the Borduran
//! president" into a reference to a person.
//!
//! Like the trigger vocabulary, the words live in a data file
//! (`data/titles.toml`) so that a user can teach Readout a title without
//! recompiling; how a title takes its name (before, after, in apposition)
//! is grammar and stays in `actors`. The table is parsed once at start and
//! validated, so a typo stops the start with a message rather than
//! silently losing a title.

use crate::extract::text::Token;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::path::Path;
use std::sync::{Arc, LazyLock};

/// The vocabulary shipped with the binary, used when no file is given.
pub const EMBEDDED: &str = include_str!("../../../data/titles.toml");

/// Errors loading a title file.
#[derive(Debug, thiserror::Error)]
pub enum TitleError {
    #[error("cannot read title vocabulary {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("title vocabulary {path}: {message}")]
    Invalid { path: String, message: String },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    titles: Vec<String>,
    #[serde(default)]
    heads: Vec<String>,
    #[serde(default)]
    empty: Vec<String>,
    #[serde(default)]
    modifiers: Vec<String>,
    #[serde(default)]
    honorifics: Vec<String>,
    #[serde(default)]
    groups: Vec<String>,
    #[serde(default)]
    offices: Vec<(String, String)>,
    #[serde(default)]
    not_names: Vec<String>,
}

/// An office named by a state's adjective and these words ("the Borduran
/// foreign ministry"): its words, and its name as the office is called.
#[derive(Debug, Clone)]
pub struct Office {
    pub words: Vec<String>,
    pub name: String,
}

/// One title as the token forms it matches, with the title as written.
#[derive(Debug, Clone)]
struct Title {
    words: Vec<String>,
    written: String,
}

/// The parsed vocabulary, indexed by first word: one look-up per token.
#[derive(Debug, Clone, Default)]
pub struct Titles {
    by_first: FxHashMap<String, Vec<Title>>,
    heads: FxHashSet<String>,
    empty: FxHashSet<String>,
    modifiers: FxHashSet<String>,
    honorifics: FxHashSet<String>,
    groups: FxHashSet<String>,
    /// Longest first, so that the longest office named wins.
    offices: Vec<Office>,
    not_names: FxHashSet<String>,
}

/// Token forms of a phrase, as the tokenizer would see it in text.
fn words_of(phrase: &str) -> Vec<String> {
    crate::extract::text::tokenize(phrase, 0, phrase.len())
        .into_iter()
        .map(|t| t.norm.to_string())
        .collect()
}

/// A phrase as the file must write it: lower case, trimmed, not empty.
fn checked<'a>(field: &str, p: &'a str) -> Result<&'a str, String> {
    if p.trim().is_empty() {
        return Err(format!("{field}: empty title"));
    }
    if p.chars().any(char::is_uppercase) || p.trim() != p {
        return Err(format!(
            "{field}: {p:?}: write titles in lower case, without surrounding spaces"
        ));
    }
    Ok(p)
}

impl Titles {
    /// Parse and validate a vocabulary file's text.
    pub fn parse(text: &str) -> Result<Titles, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut out = Titles::default();
        let mut known = FxHashSet::default();
        for t in &file.titles {
            let t = checked("titles", t)?;
            if !known.insert(t.to_string()) {
                continue;
            }
            let words = words_of(t);
            out.by_first.entry(words[0].clone()).or_default().push(Title {
                words,
                written: t.to_string(),
            });
        }
        for v in out.by_first.values_mut() {
            // Longest first, so "chief negotiator" wins over "chief";
            // stable, so equal lengths keep file order.
            v.sort_by_key(|t| std::cmp::Reverse(t.words.len()));
        }
        for (field, list, set) in [
            ("heads", &file.heads, &mut out.heads),
            ("empty", &file.empty, &mut out.empty),
        ] {
            for t in list {
                let t = checked(field, t)?;
                if !known.contains(t) {
                    return Err(format!("{field}: {t:?} is not listed in `titles`"));
                }
                set.insert(t.to_string());
            }
        }
        for (field, list, set) in [
            ("modifiers", &file.modifiers, &mut out.modifiers),
            ("honorifics", &file.honorifics, &mut out.honorifics),
            ("groups", &file.groups, &mut out.groups),
            ("not_names", &file.not_names, &mut out.not_names),
        ] {
            for m in list {
                let m = checked(field, m)?;
                if m.split_whitespace().count() != 1 {
                    return Err(format!("{field}: {m:?} must be one word"));
                }
                set.insert(m.to_string());
            }
        }
        for (phrase, name) in &file.offices {
            let phrase = checked("offices", phrase)?;
            if name.trim().is_empty() || name.trim() != name {
                return Err(format!(
                    "offices: {phrase:?} needs its name, without surrounding spaces"
                ));
            }
            out.offices.push(Office {
                words: words_of(phrase),
                name: name.clone(),
            });
        }
        out.offices.sort_by_key(|o| std::cmp::Reverse(o.words.len()));
        Ok(out)
    }

    /// Read and validate a vocabulary file.
    pub fn load(path: &Path) -> Result<Titles, TitleError> {
        let text = std::fs::read_to_string(path).map_err(|e| TitleError::Io {
            path: path.display().to_string(),
            source: e,
        })?;
        Titles::parse(&text).map_err(|message| TitleError::Invalid {
            path: path.display().to_string(),
            message,
        })
    }

    /// The vocabulary built into the binary, parsed once.
    pub fn embedded() -> Arc<Titles> {
        static EMBEDDED_TITLES: LazyLock<Arc<Titles>> = LazyLock::new(|| {
            // The embedded file is checked by a unit test; an error here is
            // a build defect, so fall back to an empty table rather than
            // panic in a library.
            Arc::new(Titles::parse(EMBEDDED).unwrap_or_default())
        });
        EMBEDDED_TITLES.clone()
    }

    /// Whether some title starts with this token form.
    pub fn starts_with(&self, norm: &str) -> bool {
        self.by_first.contains_key(norm)
    }

    /// The title at token `k`: its end and the title as written.
    pub fn at(&self, toks: &[Token], k: usize) -> Option<(usize, &str)> {
        let candidates = self.by_first.get(toks.get(k)?.norm.as_str())?;
        candidates.iter().find_map(|t| {
            let fits =
                k + t.words.len() <= toks.len() && t.words.iter().enumerate().all(|(o, w)| toks[k + o].norm == *w);
            fits.then(|| (k + t.words.len(), t.written.as_str()))
        })
    }

    /// A title of a head of state or government ("president", "emir").
    pub fn is_head(&self, title: &str) -> bool {
        self.heads.contains(title)
    }

    /// A title that says nothing about an office ("counterpart").
    pub fn is_empty_title(&self, title: &str) -> bool {
        self.empty.contains(title)
    }

    /// A word that may stand between a determiner and a title ("top").
    pub fn is_modifier(&self, norm: &str) -> bool {
        self.modifiers.contains(norm)
    }

    /// A word before a name that is not part of it ("Sir", "Dr"), as a
    /// token form without its full stop.
    pub fn is_honorific(&self, norm: &str) -> bool {
        self.honorifics.contains(norm)
    }

    /// A collective noun that makes a state an actor after its adjective
    /// ("Borduran negotiators", "the Syldavian delegation").
    pub fn is_group_noun(&self, norm: &str) -> bool {
        self.groups.contains(norm)
    }

    /// Offices named after a state's adjective, longest first.
    pub fn offices(&self) -> &[Office] {
        &self.offices
    }

    /// A capitalised word of news text that is no part of a person's name
    /// ("Ministry", "Summit", "Reuters"); grammar words are known to
    /// `actors` itself.
    pub fn is_not_name(&self, norm: &str) -> bool {
        self.not_names.contains(norm)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Token> {
        crate::extract::text::tokenize(s, 0, s.len())
    }

    #[test]
    fn embedded_vocabulary_is_valid() {
        let t = Titles::parse(EMBEDDED).expect("data/titles.toml parses");
        assert!(t.is_head("president") && t.is_empty_title("counterpart") && t.is_modifier("senior"));
        assert!(t.is_honorific("dr") && t.is_group_noun("delegation") && t.is_not_name("summit"));
        assert!(t.offices().iter().any(|o| o.name == "Foreign Ministry"));
    }

    #[test]
    fn offices_match_as_the_tokenizer_splits_them() {
        let t = Titles::parse("titles = []\noffices = [[\"president's office\", \"President's Office\"]]").unwrap();
        let words = &t.offices()[0].words;
        let s = toks("Ruritanian President's Office");
        assert_eq!(s[1..].iter().map(|t| t.norm.to_string()).collect::<Vec<_>>(), *words);
    }

    #[test]
    fn the_longest_office_is_tried_first() {
        let t = Titles::parse(
            "titles = []\noffices = [[\"ministry\", \"Ministry\"], [\"ministry of trade\", \"Trade Ministry\"]]",
        )
        .unwrap();
        assert_eq!(t.offices()[0].name, "Trade Ministry");
    }

    #[test]
    fn user_words_around_names_are_read_and_checked() {
        let t =
            Titles::parse("titles = []\nhonorifics = [\"hon\"]\ngroups = [\"emissaries\"]\nnot_names = [\"tribunal\"]")
                .unwrap();
        assert!(t.is_honorific("hon") && t.is_group_noun("emissaries") && t.is_not_name("tribunal"));
        let e = Titles::parse("titles = []\ngroups = [\"peace envoys\"]").unwrap_err();
        assert!(e.contains("groups") && e.contains("one word"), "{e}");
        let e = Titles::parse("titles = []\noffices = [[\"cabinet office\", \" \"]]").unwrap_err();
        assert!(e.contains("cabinet office"), "{e}");
    }

    #[test]
    fn longest_title_wins_and_hyphens_match_as_written() {
        let t = Titles::embedded();
        let s = toks("chief negotiator Ann Alpha");
        assert_eq!(t.at(&s, 0), Some((2, "chief negotiator")));
        let s = toks("the Secretary-General of the Union");
        assert_eq!(t.at(&s, 1).map(|(_, w)| w), Some("secretary-general"));
        assert_eq!(t.at(&s, 0), None);
    }

    #[test]
    fn a_user_title_is_found() {
        let t = Titles::parse("titles = [\"grand vizier\", \"vizier\"]\nheads = [\"grand vizier\"]").unwrap();
        let s = toks("Grand Vizier Cy Gamma arrived");
        assert_eq!(t.at(&s, 0), Some((2, "grand vizier")));
        assert!(t.is_head("grand vizier"));
    }

    #[test]
    fn bad_files_name_the_fault() {
        let e = Titles::parse("titles = [\"Envoy\"]").unwrap_err();
        assert!(e.contains("\"Envoy\"") && e.contains("lower case"), "{e}");
        let e = Titles::parse("titles = [\"envoy\"]\nheads = [\"doge\"]").unwrap_err();
        assert!(e.contains("heads") && e.contains("doge"), "{e}");
        let e = Titles::parse("titles = [\"envoy\"]\nranks = []").unwrap_err();
        assert!(e.contains("ranks"), "{e}");
        let e = Titles::parse("titles = [\"\"]").unwrap_err();
        assert!(e.contains("empty"), "{e}");
    }
}
