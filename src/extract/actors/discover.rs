//! Finding people no file lists: titled names ("Foreign Minister Jane
//! Doe"), appositions, attributions ("said Jane Doe"), leaders named by
//! their state, and the word lists that tell a name from other capitalised
//! words.

use super::*;

/// Grammar words that never start or continue a person's name. The words
/// of news text that are no names ("Summit", "Reuters") are a vocabulary a
/// user extends: `not_names` in titles.toml.
pub(super) static NOT_NAMES: WordSet = WordSet::new(&[
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
]);

/// A word that never starts or continues a person's name: a grammar word,
/// a word of the vocabulary's `not_names`, or a weekday or month name.
pub(super) fn not_a_name(titles: &Titles, w: &str) -> bool {
    NOT_NAMES.contains(w) || titles.is_not_name(w) || crate::extract::dates::is_calendar_word(w)
}

pub(super) static PARTICLES: WordSet = WordSet::new(&[
    "von", "der", "van", "de", "den", "da", "di", "del", "bin", "al", "la", "le", "ibn", "abu",
]);

/// Nouns for people in "both leaders", "the two men".
pub(super) static GROUP_PEOPLE: WordSet = WordSet::new(&[
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

/// Walk forward from token `i` over capitalised words (particles allowed
/// inside; a possessive "'s" and hyphens glued inside a name skipped),
/// building the name key; stop as soon as `is_prefix` says no alias starts
/// so; return the longest key that `lookup` knows, with its end and value.
pub(super) fn longest_key<T>(
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
pub(super) fn name_at(titles: &Titles, text: &str, toks: &[Token], n: usize) -> Option<(usize, String, String)> {
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
        if not_a_name(titles, &t.norm) && !is_particle {
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

pub(super) fn role_surface(text: &str, toks: &[Token], prefix: &[usize], tstart: usize, tend: usize) -> String {
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

pub(super) fn capitalize_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A title as an office's name: "prime minister" -> "Prime Minister",
/// "minister of defence" -> "Minister of Defence".
pub(super) fn office_case(title: &str) -> String {
    title
        .split(' ')
        .map(|w| match w {
            "of" | "for" | "the" | "and" => w.to_string(),
            _ => capitalize_first(w),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The discoveries of one article's actors.
impl<'b> ArticleActors<'b> {
    /// Parse a title phrase at `i`: [det] [country/org]* title [of/at X] [honorific] Name.
    /// Returns the end token, the actor, and whether it was a reference (no name).
    pub(super) fn titled(&mut self, text: &str, toks: &[Token], i: usize) -> Option<(usize, usize, bool)> {
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
        while n < toks.len() && self.book.titles().is_honorific(toks[n].norm.trim_end_matches('.')) {
            n += 1;
            if n < toks.len() && toks[n].norm == "." {
                n += 1;
            }
        }
        let role_text = role_surface(text, toks, &prefix_words, tstart, tend);
        if let Some((mut nend, surface, key)) = name_at(self.book.titles(), text, toks, n) {
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
    pub(super) fn book_prefix(&self, text: &str, toks: &[Token], j: usize) -> Option<(usize, &'b ActorInfo)> {
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
    pub(super) fn rejects_as_name(&self, key: &str, surface: &str) -> bool {
        // "Un" in "Kim Jong Un" is no "UN": an acronym vetoes a name only
        // where it is written in capitals.
        let shouted = |w: &str| {
            surface
                .split(|c: char| !c.is_alphanumeric() && c != '.')
                .any(|s| is_upper(s) && name_key(s) == w)
        };
        key.split(' ').any(|w| {
            not_a_name(self.book.titles(), w)
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
    pub(super) fn leaders_of(&mut self, text: &str, toks: &[Token], i: usize) -> Option<Hits> {
        // "the leaders of A and B": their heads; "diplomats of A and B",
        // "delegations of A and B": the states themselves.
        let heads = matches!(toks[i].norm.as_str(), "leaders" | "leader" | "presidents");
        let sides = self.book.titles().is_group_noun(toks[i].norm.as_str()) || toks[i].norm == "representatives";
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

    /// "Russian negotiators", "Russian and Ukrainian negotiators" -> the
    /// states; "the Ukrainian President's Office" -> an office.
    pub(super) fn demonym_group(&mut self, toks: &[Token], i: usize) -> Option<Hits> {
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
            let book: &'b ActorBook = self.book;
            for office in book.titles().offices() {
                let (words, canonical) = (&office.words, &office.name);
                if j + words.len() <= toks.len()
                    && words.iter().enumerate().all(|(o, w)| toks[j + o].norm == w.as_str())
                {
                    let end = j + words.len();
                    let surface_key = format!(
                        "{} {}",
                        toks[i].key.clone(),
                        words
                            .iter()
                            .filter(|w| w.as_str() != "'s")
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
        if g + 1 < toks.len()
            && toks[g].word
            && !toks[g].cap
            && !self.book.titles().is_group_noun(toks[g].norm.as_str())
        {
            g += 1;
        }
        if g < toks.len() && self.book.titles().is_group_noun(toks[g].norm.as_str()) {
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
    pub(super) fn attributed_name(&mut self, text: &str, toks: &[Token], i: usize) -> Option<(usize, usize)> {
        if !toks[i].cap || not_a_name(self.book.titles(), &toks[i].norm) {
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
        let (end, surface, key) = name_at(self.book.titles(), text, toks, i)?;
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
