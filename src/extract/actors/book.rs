//! The actor book: reading and checking `actors.toml` (people, offices,
//! states, organisations, groups and outlets, with aliases, roles and
//! terms of office), its name index, and the people remembered from
//! earlier articles.

use super::*;

#[derive(Debug, Deserialize)]
pub(super) struct BookFile {
    #[serde(default)]
    actor: Vec<BookEntry>,
}

#[derive(Debug, Clone, Deserialize)]
pub(super) struct BookEntry {
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
pub(super) struct TermEntry {
    role: String,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
}

impl Term {
    pub(super) fn covers(&self, day: chrono::NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day < t)
    }
}

/// The key a remembered person's surname is found by: a capitalised word
/// of three letters or more that is not a common word.
pub fn remembered_surname(titles: &Titles, name: &str) -> Option<String> {
    let last = surname_of(name)?;
    if !last.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let k = name_key(last);
    (k.len() >= 3 && !not_a_name(titles, &k)).then_some(k)
}

/// Whether a remembered person is written as in `toks[i..end]`: a single
/// word (a surname) always is; a full name must be one of their spellings.
pub(super) fn spelt_as(a: &ActorInfo, toks: &[Token], i: usize, end: usize) -> bool {
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
pub(super) fn written_as(a: &ActorInfo, surface: &str) -> bool {
    let toks = crate::extract::text::tokenize(surface, 0, surface.len());
    spelt_as(a, &toks, 0, toks.len())
}

/// A term's day as the book writes it (`2024-10-01`).
pub(super) fn term_day(actor: &str, field: &str, day: &Option<String>) -> Result<Option<chrono::NaiveDate>, String> {
    day.as_deref()
        .map(|d| {
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| format!("{actor:?}: term {field} = {d:?} is not a date (YYYY-MM-DD)"))
        })
        .transpose()
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
pub(super) fn is_upper(written: &str) -> bool {
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
            if let Some(k) = remembered_surname(&self.titles, &p.name) {
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
            if let Some(k) = remembered_surname(&self.titles, &p.name) {
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

    /// The book with the analyst's actor merges: each list of names (an
    /// actor merged away) now names the actor given, which joins the book
    /// if it is not in it (a person found in text).
    pub fn with_merges(mut self, merges: &[(Vec<String>, ActorInfo)]) -> ActorBook {
        for (names, into) in merges {
            let idx = match self.actors.iter().position(|a| a.id == into.id) {
                Some(i) => i,
                None => {
                    let i = self.actors.len();
                    self.actors.push(into.clone());
                    for k in std::iter::once(&into.name).chain(&into.aliases).map(|n| name_key(n)) {
                        self.index_key(k, i);
                    }
                    i
                }
            };
            for k in names.iter().map(|n| name_key(n)).filter(|k| !k.is_empty()) {
                // Over what the name meant before: the analyst said so.
                self.index.remove(&k);
                self.index_key(k, idx);
            }
        }
        self
    }

    /// The offices a person held on a day: the dated terms that cover it
    /// when the book lists terms and the day is known, else the role.
    pub(super) fn roles_at<'a>(&'a self, a: &'a ActorInfo, day: Option<chrono::NaiveDate>) -> Vec<&'a str> {
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
    pub(super) fn index_key(&mut self, k: String, idx: usize) {
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
    pub(super) fn role_title(&self, role: &str) -> Option<String> {
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
    pub(super) fn shouted_only(&self, key: &str) -> bool {
        self.acronyms.contains(key)
    }

    pub(super) fn lookup_index(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }

    pub fn lookup(&self, key: &str) -> Option<&ActorInfo> {
        self.index.get(key).map(|&i| &self.actors[i])
    }

    pub(super) fn demonym(&self, key: &str) -> Option<&ActorInfo> {
        self.demonyms.get(key).map(|&i| &self.actors[i])
    }

    /// The demonym starting at token `j`, of one word ("Russian") or two
    /// ("North Korean", "Saudi Arabian"), longest first, and where it ends.
    pub(super) fn demonym_at(&self, toks: &[Token], j: usize) -> Option<(usize, &ActorInfo)> {
        if let Some(next) = toks.get(j + 1).filter(|t| t.word && t.cap) {
            let two = format!("{} {}", toks[j].key, next.key);
            if let Some(a) = self.demonym(&two) {
                return Some((j + 2, a));
            }
        }
        self.demonym(&toks[j].key).map(|a| (j + 1, a))
    }

    /// The country an actor belongs to: a state is its own country.
    pub(super) fn country_of(&self, a: &ActorInfo) -> Option<String> {
        if a.kind == ActorKind::State {
            Some(a.name.clone())
        } else {
            a.country.clone()
        }
    }
}
