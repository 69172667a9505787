//! The trigger vocabulary: which words report a call, talks, a statement or
//! a demand, and how each takes its actors.
//!
//! The words live in `data/triggers.toml` so that a user can teach Readout a
//! phrasing without recompiling; the grammar that applies to every phrase
//! (modality, negation, tense, clause bounds) stays in `events`. The table
//! is parsed once at start and validated, so a typo stops the start with a
//! message rather than silently losing a trigger.

use crate::model::Kind;
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::path::Path;
use std::sync::{Arc, LazyLock};

/// The vocabulary shipped with the binary, used when no file is given.
pub const EMBEDDED: &str = include_str!("../../../data/triggers.toml");

/// Errors loading a trigger file.
#[derive(Debug, thiserror::Error)]
pub enum TriggerError {
    #[error("cannot read trigger vocabulary {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("trigger vocabulary {path}: {message}")]
    Invalid { path: String, message: String },
}

/// How a trigger takes its arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Form {
    /// A verb: subject before, object after.
    Verb,
    /// A noun ("phone call", "talks"): participants around it.
    Noun,
    /// A speech verb that may invert ("..., said X").
    Speech,
    /// "according to X", "Quote from X:": the speaker follows.
    SpeakerAfter,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    call_when_phone_follows: Vec<String>,
    #[serde(default)]
    call_when_a_call_is_named: Vec<String>,
    #[serde(default)]
    trigger: Vec<Group>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    kind: KindName,
    form: Form,
    phrases: Vec<String>,
}

/// `Kind` as written in the file (the model's `Kind` only serializes).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum KindName {
    Call,
    Talks,
    Statement,
    Demand,
}

impl From<KindName> for Kind {
    fn from(k: KindName) -> Kind {
        match k {
            KindName::Call => Kind::Call,
            KindName::Talks => Kind::Talks,
            KindName::Statement => Kind::Statement,
            KindName::Demand => Kind::Demand,
        }
    }
}

/// One trigger phrase, as the token forms it matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    pub kind: Kind,
    pub form: Form,
    pub words: Vec<String>,
}

/// What the vocabulary knows of one first word.
#[derive(Debug, Clone, Default)]
pub struct FirstWord {
    /// The phrases that start with it, longest first, then in file order.
    pub phrases: Vec<Trigger>,
    /// A speaking verb that makes a call when "phone" follows closely.
    pub phone_verb: bool,
    /// A verb of telling that makes a call when its sentence names a call
    /// ("after the call, he briefed the allies").
    pub briefing_verb: bool,
}

/// The parsed vocabulary, indexed by first word: one look-up per token.
#[derive(Debug, Clone, Default)]
pub struct Triggers {
    by_first: FxHashMap<String, FirstWord>,
}

/// Token forms of a phrase, as the tokenizer would see it in text.
fn words_of(phrase: &str) -> Vec<String> {
    crate::extract::text::tokenize(phrase, 0, phrase.len())
        .into_iter()
        .map(|t| t.norm.to_string())
        .collect()
}

impl Triggers {
    /// Parse and validate a vocabulary file's text.
    pub fn parse(text: &str) -> Result<Triggers, String> {
        let file: File = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut seen: FxHashMap<Vec<String>, (Kind, Form)> = FxHashMap::default();
        let mut out = Triggers::default();
        for (n, g) in file.trigger.iter().enumerate() {
            let kind = Kind::from(g.kind);
            if g.phrases.is_empty() {
                return Err(format!("trigger group {} ({kind}) lists no phrases", n + 1));
            }
            for p in &g.phrases {
                let words = words_of(p);
                if words.is_empty() {
                    return Err(format!("trigger group {} ({kind}) has an empty phrase {p:?}", n + 1));
                }
                if p.chars().any(char::is_uppercase) || p.trim() != p {
                    return Err(format!(
                        "trigger {p:?} ({kind}): write phrases in lower case, without surrounding spaces"
                    ));
                }
                match seen.get(&words) {
                    Some(&(k, f)) if (k, f) != (kind, g.form) => {
                        return Err(format!(
                            "trigger {p:?} is listed as {k} ({f:?}) and as {kind} ({:?}); keep one",
                            g.form
                        ));
                    }
                    Some(_) => continue,
                    None => {}
                }
                seen.insert(words.clone(), (kind, g.form));
                out.by_first.entry(words[0].clone()).or_default().phrases.push(Trigger {
                    kind,
                    form: g.form,
                    words,
                });
            }
        }
        for v in out.by_first.values_mut() {
            // Stable: equal lengths keep file order.
            v.phrases.sort_by_key(|t| std::cmp::Reverse(t.words.len()));
        }
        for w in file.call_when_phone_follows {
            let words = words_of(&w);
            if words.len() != 1 {
                return Err(format!("call_when_phone_follows: {w:?} must be one word"));
            }
            out.by_first.entry(words[0].clone()).or_default().phone_verb = true;
        }
        for w in file.call_when_a_call_is_named {
            let words = words_of(&w);
            if words.len() != 1 {
                return Err(format!("call_when_a_call_is_named: {w:?} must be one word"));
            }
            out.by_first.entry(words[0].clone()).or_default().briefing_verb = true;
        }
        Ok(out)
    }

    /// Read and validate a vocabulary file.
    pub fn load(path: &Path) -> Result<Triggers, TriggerError> {
        let text = std::fs::read_to_string(path).map_err(|e| TriggerError::Io {
            path: path.display().to_string(),
            source: e,
        })?;
        Triggers::parse(&text).map_err(|message| TriggerError::Invalid {
            path: path.display().to_string(),
            message,
        })
    }

    /// The vocabulary built into the binary, parsed once.
    pub fn embedded() -> Arc<Triggers> {
        static EMBEDDED_TRIGGERS: LazyLock<Arc<Triggers>> = LazyLock::new(|| {
            // The embedded file is checked by a unit test; an error here is
            // a build defect, so fall back to an empty table rather than
            // panic in a library.
            Arc::new(Triggers::parse(EMBEDDED).unwrap_or_default())
        });
        EMBEDDED_TRIGGERS.clone()
    }

    /// What the vocabulary knows of this token form as a first word.
    pub fn first_word(&self, norm: &str) -> Option<&FirstWord> {
        self.by_first.get(norm)
    }

    /// The phrases that start with this token form, longest first.
    pub fn starting_with(&self, norm: &str) -> &[Trigger] {
        self.by_first.get(norm).map(|f| f.phrases.as_slice()).unwrap_or(&[])
    }

    /// A speaking verb that makes a call when "phone" follows closely.
    pub fn is_phone_verb(&self, norm: &str) -> bool {
        self.by_first.get(norm).is_some_and(|f| f.phone_verb)
    }

    /// Every phrase, for listing and tests.
    pub fn all(&self) -> impl Iterator<Item = &Trigger> {
        self.by_first.values().flat_map(|f| &f.phrases)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_vocabulary_is_valid() {
        let t = Triggers::parse(EMBEDDED).expect("data/triggers.toml parses");
        assert!(t.all().count() > 100);
        assert!(t.is_phone_verb("spoke"));
        // Longest first: "calls for" (a demand) before "calls" (a call).
        let calls = t.starting_with("calls");
        assert_eq!(calls[0].kind, Kind::Demand);
        assert_eq!(calls.last().map(|t| t.kind), Some(Kind::Call));
    }

    #[test]
    fn word_lists_take_single_words() {
        let err = Triggers::parse("call_when_a_call_is_named = [\"filled in\"]\n").unwrap_err();
        assert!(err.contains("filled in"), "{err}");
        let err = Triggers::parse("call_when_phone_follows = [\"rang up\"]\n").unwrap_err();
        assert!(err.contains("rang up"), "{err}");
        let t = Triggers::parse("call_when_a_call_is_named = [\"updated\"]\n").unwrap();
        assert!(t.first_word("updated").is_some_and(|f| f.briefing_verb));
    }

    #[test]
    fn hyphenated_phrases_match_the_tokens_of_text() {
        let t =
            Triggers::parse("[[trigger]]\nkind = \"talks\"\nform = \"noun\"\nphrases = [\"face-to-face\"]\n").unwrap();
        assert_eq!(t.starting_with("face")[0].words, ["face", "-", "to", "-", "face"]);
    }

    #[test]
    fn a_user_can_add_a_phrasing() {
        let t = Triggers::parse("[[trigger]]\nkind = \"call\"\nform = \"verb\"\nphrases = [\"rang up\"]\n").unwrap();
        assert_eq!(t.starting_with("rang")[0].kind, Kind::Call);
    }

    #[test]
    fn mistakes_are_named() {
        let unknown_kind = Triggers::parse("[[trigger]]\nkind = \"meeting\"\nform = \"verb\"\nphrases = [\"met\"]\n");
        assert!(unknown_kind.unwrap_err().contains("meeting"));
        let unknown_form = Triggers::parse("[[trigger]]\nkind = \"call\"\nform = \"adverb\"\nphrases = [\"rang\"]\n");
        assert!(unknown_form.unwrap_err().contains("adverb"));
        let two_kinds = Triggers::parse(
            "[[trigger]]\nkind = \"call\"\nform = \"verb\"\nphrases = [\"rang\"]\n\
             [[trigger]]\nkind = \"talks\"\nform = \"verb\"\nphrases = [\"rang\"]\n",
        );
        assert!(two_kinds.unwrap_err().contains("\"rang\" is listed as call"));
        let empty = Triggers::parse("[[trigger]]\nkind = \"call\"\nform = \"verb\"\nphrases = [\" \"]\n");
        assert!(empty.unwrap_err().contains("empty phrase"));
        let upper = Triggers::parse("[[trigger]]\nkind = \"call\"\nform = \"verb\"\nphrases = [\"Rang\"]\n");
        assert!(upper.unwrap_err().contains("lower case"));
        let typo_field = Triggers::parse("[[trigger]]\nkind = \"call\"\nform = \"verb\"\nphrase = [\"rang\"]\n");
        assert!(typo_field.is_err());
    }
}
