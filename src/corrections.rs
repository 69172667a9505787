//! The analyst's corrections and notes: what the extractor got wrong, and
//! what the analyst adds (stars, tags, notes), kept in a human-readable
//! file in the data folder (`corrections.toml`), so they travel with the
//! articles, can be versioned and shared, and survive a re-ingest, a
//! restart and a database built anew from the same folder.
//!
//! The file is the truth; the database holds a mirror of it for queries,
//! and `timeline` applies it after every merge (see
//! `store::Writer::apply_corrections`). Each entry names its target by id
//! and by evidence (article key and sentence), so it still finds its event
//! when the id changes because an article or the extractor changed; one
//! that finds nothing is listed as orphaned, never dropped.
//!
//! This module reads, checks, edits and writes the file; it knows nothing
//! of the database.

use crate::model::{ActorKind, EventDate, Kind, Precision, Status};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The file's name in the data folder.
pub const FILE_NAME: &str = "corrections.toml";

/// Longest text accepted in any one field (a note, a reason, a name).
pub const MAX_FIELD: usize = 2_000;

/// Most entries a file may hold.
pub const MAX_ENTRIES: usize = 100_000;

#[derive(Debug, thiserror::Error)]
pub enum CorrectionsError {
    /// The file is not valid: the message names the line.
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("cannot write {path}: {source}")]
    Write { path: String, source: std::io::Error },
}

/// One sentence that reports an event: how a correction finds its event
/// again when the event's id has changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// The article's key (`/articles/{key}`).
    pub article: String,
    /// The sentence, as stored.
    pub sentence: String,
}

/// What an event correction changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventChange {
    /// Not an event: hidden, with a reason.
    Hide,
    /// The date and its precision.
    Date,
    Kind,
    Status,
    AddActor,
    RemoveActor,
    /// One happening split in two: `other` is merged into this event.
    Merge,
}

impl EventChange {
    pub fn label(self) -> &'static str {
        match self {
            EventChange::Hide => "hidden",
            EventChange::Date => "re-dated",
            EventChange::Kind => "kind changed",
            EventChange::Status => "status changed",
            EventChange::AddActor => "actor added",
            EventChange::RemoveActor => "actor removed",
            EventChange::Merge => "merged with another event",
        }
    }
}

/// A correction of one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFix {
    /// Its number in the file, for undo; never reused.
    pub n: u64,
    /// When it was made (RFC 3339), and by whom where a name was set.
    pub made: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The event's id when the correction was made.
    pub event: String,
    /// Its title then, to list it by (a hidden event has no page).
    #[serde(default)]
    pub title: String,
    /// Sentences that reported it then.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    pub change: EventChange,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<chrono::NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<Precision>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The actor added or removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// The event merged into this one: its id and evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_evidence: Vec<Evidence>,
}

impl EventFix {
    /// The new date, when this is a re-dating.
    pub fn new_date(&self) -> Option<EventDate> {
        let date = self.date?;
        Some(match self.precision.unwrap_or(Precision::Day) {
            Precision::Day => EventDate::day(date),
            Precision::Week => EventDate::week_of(date),
            Precision::Month => EventDate::month_of(date),
        })
    }
}

/// What an actor correction changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorChange {
    /// This actor is `into`: its names become `into`'s aliases.
    Merge,
    Rename,
    /// Kind, role and state (country).
    Set,
    /// Not an actor at all ("Reuters" taken for a speaker).
    NotActor,
}

impl ActorChange {
    pub fn label(self) -> &'static str {
        match self {
            ActorChange::Merge => "merged into another actor",
            ActorChange::Rename => "renamed",
            ActorChange::Set => "kind, role or state set",
            ActorChange::NotActor => "not an actor",
        }
    }
}

/// A correction of one actor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorFix {
    pub n: u64,
    pub made: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The actor's id.
    pub actor: String,
    /// Its name when the correction was made.
    #[serde(default)]
    pub was: String,
    pub change: ActorChange,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub into: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ActorKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// A note on an event: a star, tags added or removed, a text. Notes apply
/// in order, so the last star or text set wins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub n: u64,
    pub made: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    pub event: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub star: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub untag: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// The whole file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Corrections {
    #[serde(default, rename = "event", skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<EventFix>,
    #[serde(default, rename = "actor", skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<ActorFix>,
    #[serde(default, rename = "note", skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

const HEADER: &str = "# Readout corrections and notes: written by the dashboard, readable and
# editable by hand (keep each entry's `n` unique). Events are named by id and
# by evidence, so a correction still finds its event after a re-ingest.
";

impl Corrections {
    /// Parse and check a file's text; the error names the line.
    pub fn parse(text: &str) -> Result<Corrections, String> {
        let c: Corrections = toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())?;
        c.check()?;
        Ok(c)
    }

    /// The file's text.
    pub fn to_text(&self) -> Result<String, String> {
        let body = toml::to_string(self).map_err(|e| e.to_string())?;
        Ok(format!("{HEADER}\n{body}"))
    }

    /// Every entry's number, once.
    pub fn numbers(&self) -> impl Iterator<Item = u64> + '_ {
        self.events
            .iter()
            .map(|e| e.n)
            .chain(self.actors.iter().map(|a| a.n))
            .chain(self.notes.iter().map(|n| n.n))
    }

    /// The number for a new entry.
    pub fn next_n(&self) -> u64 {
        self.numbers().max().unwrap_or(0) + 1
    }

    pub fn len(&self) -> usize {
        self.events.len() + self.actors.len() + self.notes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Remove entry `n` (undo); false when there is none.
    pub fn remove(&mut self, n: u64) -> bool {
        let before = self.len();
        self.events.retain(|e| e.n != n);
        self.actors.retain(|a| a.n != n);
        self.notes.retain(|x| x.n != n);
        self.len() < before
    }

    /// What each entry needs, checked once so that applying never meets a
    /// half-made entry.
    fn check(&self) -> Result<(), String> {
        if self.len() > MAX_ENTRIES {
            return Err(format!("{} entries; at most {MAX_ENTRIES}", self.len()));
        }
        let mut seen = std::collections::HashSet::new();
        for n in self.numbers() {
            if !seen.insert(n) {
                return Err(format!("two entries have n = {n}; each needs its own number"));
            }
        }
        for e in &self.events {
            let need = |what: &str, ok: bool| -> Result<(), String> {
                if ok {
                    Ok(())
                } else {
                    Err(format!("event correction n = {} ({:?}) needs {what}", e.n, e.change))
                }
            };
            match e.change {
                EventChange::Hide => {}
                EventChange::Date => need("`date`", e.date.is_some())?,
                EventChange::Kind => need("`kind`", e.kind.is_some())?,
                EventChange::Status => need("`status`", e.status.is_some())?,
                EventChange::AddActor | EventChange::RemoveActor => need("`actor`", e.actor.is_some())?,
                EventChange::Merge => need("`other`", e.other.is_some())?,
            }
        }
        for a in &self.actors {
            let need = |what: &str, ok: bool| -> Result<(), String> {
                if ok {
                    Ok(())
                } else {
                    Err(format!("actor correction n = {} ({:?}) needs {what}", a.n, a.change))
                }
            };
            match a.change {
                ActorChange::Merge => need("`into`", a.into.as_deref().is_some_and(|i| i != a.actor))?,
                ActorChange::Rename => need("`name`", a.name.as_deref().is_some_and(|n| !n.trim().is_empty()))?,
                ActorChange::Set => need(
                    "`kind`, `role` or `country`",
                    a.kind.is_some() || a.role.is_some() || a.country.is_some(),
                )?,
                ActorChange::NotActor => {}
            }
        }
        let long = |s: &str| s.len() > MAX_FIELD;
        let too_long = self.events.iter().any(|e| {
            e.reason.as_deref().is_some_and(long)
                || e.evidence
                    .iter()
                    .any(|v| long(&v.sentence) && v.sentence.len() > 20_000)
        }) || self
            .notes
            .iter()
            .any(|x| x.text.as_deref().is_some_and(long) || x.tags.iter().any(|t| long(t)))
            || self
                .actors
                .iter()
                .any(|a| a.name.as_deref().is_some_and(long) || a.role.as_deref().is_some_and(long));
        if too_long {
            return Err(format!("a note, reason, tag or name is longer than {MAX_FIELD} bytes"));
        }
        Ok(())
    }
}

/// What an ingest makes of a folder's corrections file.
#[derive(Debug, Clone)]
pub enum Source {
    /// No file in the folders read: those stored stay.
    Keep,
    /// The file, read (empty when it holds no entry).
    File(Corrections),
    /// The file cannot be read: the timeline goes uncorrected, and the
    /// message is shown until it is fixed.
    Broken(String),
}

/// The corrections file of a data folder.
pub fn path_in(data: &Path) -> PathBuf {
    data.join(FILE_NAME)
}

/// Read a corrections file: `None` when there is none.
pub fn load(path: &Path) -> Result<Option<Corrections>, CorrectionsError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(CorrectionsError::Read {
                path: path.display().to_string(),
                source: e,
            })
        }
    };
    Corrections::parse(&text)
        .map(Some)
        .map_err(|message| CorrectionsError::Invalid {
            path: path.display().to_string(),
            message,
        })
}

/// Write a corrections file whole: into a temporary file beside it, then
/// renamed over it, so a reader sees the old file or the new one, never
/// half of one.
pub fn save(path: &Path, c: &Corrections) -> Result<(), CorrectionsError> {
    let fail = |source: std::io::Error| CorrectionsError::Write {
        path: path.display().to_string(),
        source,
    };
    let text = c.to_text().map_err(|m| fail(std::io::Error::other(m)))?;
    let tmp = path.with_extension(format!("toml.{}.tmp", std::process::id()));
    std::fs::write(&tmp, text.as_bytes()).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })
}

/// Who makes corrections on this machine: `--user`, else `READOUT_USER`.
pub fn user_from_env() -> Option<String> {
    std::env::var("READOUT_USER")
        .ok()
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
[[event]]
n = 1
made = "2026-12-06T10:00:00Z"
by = "ana"
event = "2025-05-19-call-a-b"
evidence = [{ article = "x", sentence = "A called B." }]
change = "date"
date = "2025-05-18"

[[actor]]
n = 2
made = "2026-12-06T10:01:00Z"
actor = "zelenskiy"
change = "merge"
into = "volodymyr-zelenskyy"

[[note]]
n = 3
made = "2026-12-06T10:02:00Z"
event = "2025-05-19-call-a-b"
star = true
tags = ["follow-up"]
"#;

    #[test]
    fn a_file_reads_and_writes_back_the_same() {
        let c = Corrections::parse(FILE).unwrap();
        assert_eq!(c.events[0].change, EventChange::Date);
        assert_eq!(c.events[0].new_date().unwrap().date.to_string(), "2025-05-18");
        assert_eq!(c.actors[0].into.as_deref(), Some("volodymyr-zelenskyy"));
        assert_eq!(c.notes[0].tags, ["follow-up"]);
        let again = Corrections::parse(&c.to_text().unwrap()).unwrap();
        assert_eq!(again, c);
        assert_eq!(c.next_n(), 4);
    }

    #[test]
    fn a_syntax_error_names_its_line() {
        let broken = FILE.replace("change = \"date\"", "change = date");
        let e = Corrections::parse(&broken).unwrap_err();
        assert!(e.contains("line 8"), "{e}");
        let unknown = FILE.replace("by = \"ana\"", "author = \"ana\"");
        let e = Corrections::parse(&unknown).unwrap_err();
        assert!(e.contains("line 5") && e.contains("author"), "{e}");
    }

    #[test]
    fn an_entry_missing_what_it_changes_is_refused() {
        let e = Corrections::parse(&FILE.replace("date = \"2025-05-18\"", "")).unwrap_err();
        assert!(e.contains("n = 1") && e.contains("`date`"), "{e}");
        let e = Corrections::parse(&FILE.replace("n = 2", "n = 1")).unwrap_err();
        assert!(e.contains("n = 1"), "{e}");
    }

    #[test]
    fn undo_removes_one_entry_and_numbers_are_not_reused() {
        let mut c = Corrections::parse(FILE).unwrap();
        assert!(c.remove(3));
        assert!(!c.remove(3));
        assert_eq!(c.len(), 2);
        assert_eq!(c.next_n(), 3);
    }

    #[test]
    fn saving_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let p = path_in(dir.path());
        assert!(load(&p).unwrap().is_none());
        let c = Corrections::parse(FILE).unwrap();
        save(&p, &c).unwrap();
        assert_eq!(load(&p).unwrap(), Some(c));
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
    }
}
