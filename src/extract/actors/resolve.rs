//! One article's actors: the names of the book and those discovered,
//! interned once per article, and references resolved to them (surnames,
//! role phrases such as "the Russian leader", pronouns, groups).

use super::*;

pub(super) const PRONOUNS: &[&str] = &["he", "she", "his", "her", "him"];

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
pub(super) static HEADLINE_WORDS: WordSet = WordSet::new(&[
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

    pub(super) fn intern(&mut self, info: ActorInfo) -> usize {
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

    pub(super) fn intern_book(&mut self, a: &ActorInfo) -> usize {
        match self.by_id.get(&a.id) {
            Some(&i) => i,
            None => self.intern(a.clone()),
        }
    }

    pub(super) fn note_alias(&mut self, idx: usize, surface: &str) {
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
    pub(super) fn register_person(&mut self, idx: usize, key: &str) {
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
            if !not_a_name(self.book.titles(), given) && !PARTICLES.contains(given) {
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
    pub(super) fn person_by_name(
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

    pub(super) fn touch_person(&mut self, idx: usize) {
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
    pub(super) fn cataphora(&self, toks: &[Token], out: &mut Vec<ActorMention>) {
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
    pub(super) fn note_group(&mut self, toks: &[Token], out: &[ActorMention]) {
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
    pub(super) fn group_reference(&self, toks: &[Token], i: usize) -> Option<(usize, Vec<usize>)> {
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
    pub(super) fn book_match(&mut self, text: &str, toks: &[Token], i: usize) -> Option<(usize, usize)> {
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
    pub(super) fn local_match(&mut self, toks: &[Token], i: usize) -> Option<(usize, usize)> {
        if !toks[i].cap {
            return None;
        }
        let (local, prefixes) = (&self.local, &self.local_prefixes);
        longest_key(toks, i, |k| prefixes.contains(k), |k| local.get(k).copied(), |_| false)
            .map(|(end, idx, _)| (end, idx))
    }

    /// He/she/his/her: the person who is the subject nearby.
    pub(super) fn pronoun(&self, toks: &[Token], i: usize, so_far: &[ActorMention], quotes: &[bool]) -> Option<usize> {
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

    /// "the Russian leader" -> the most recent Russian person who fits, else
    /// the book's holder of that office at the article's date, else the
    /// office itself ("Prime Minister of Qatar") when no holder is known.
    pub(super) fn resolve_role(&mut self, title: &str, country: Option<&str>) -> Option<usize> {
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
}
