//! What a person types into a search box, as an FTS5 query.
//!
//! FTS5 has a query language of its own (column filters, `NEAR`, `AND`,
//! `OR`, `NOT`, `^`, parentheses); text passed to it raw turns a stray
//! quote or colon into a syntax error and a word like "OR" into an
//! operator. So the user's text is never passed as it is: it is cut into
//! words (letters and digits) and "quoted phrases", each written back as an
//! FTS5 string literal. Words match as prefixes ("Zelensk" finds
//! "Zelenskyy"), phrases as written; all of them must match.
//! Pure functions, no I/O.

/// A piece of the query: a word (matched as a prefix), a hyphenated word
/// (its parts), or a phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Word(String),
    Hyphenated(Vec<String>),
    Phrase(Vec<String>),
}

/// The words and phrases of `q`, in order. Text inside double quotes
/// (straight or curly) is a phrase; an unclosed quote runs to the end.
/// Outside quotes, words joined by hyphens are one hyphenated term.
pub fn terms(q: &str) -> Vec<Term> {
    let mut out = Vec::new();
    let mut quoted = false;
    for (i, part) in q.split(['"', '“', '”']).enumerate() {
        if i > 0 {
            quoted = !quoted;
        }
        if quoted {
            let words = words(part);
            match words.len() {
                0 => {}
                1 => out.extend(words.into_iter().map(Term::Word)),
                _ => out.push(Term::Phrase(words)),
            }
            continue;
        }
        for piece in part.split(|c: char| !(c.is_alphanumeric() || is_hyphen(c))) {
            let words = words(piece);
            match words.len() {
                0 => {}
                1 => out.extend(words.into_iter().map(Term::Word)),
                _ => out.push(Term::Hyphenated(words)),
            }
        }
    }
    out
}

/// Hyphens and the dashes written for them.
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '–' | '—')
}

/// Shortest part of a word split in two for its spaced spelling.
const MIN_PART: usize = 3;
/// Words this long or longer are not split (no compound is; the query
/// would grow for nothing).
const MAX_SPLIT: usize = 24;

/// The FTS5 alternatives of one word: the word as a prefix, and each way of
/// writing it as two adjacent words of at least `MIN_PART` letters, the
/// second a prefix ("ceasefire": "cease fire"*, "ceas efire"*, …; an
/// unlikely pair of words never matches).
fn word_forms(w: &str) -> Vec<String> {
    let mut out = vec![format!("\"{w}\"*")];
    let chars: Vec<(usize, char)> = w.char_indices().collect();
    if chars.len() < 2 * MIN_PART || chars.len() >= MAX_SPLIT {
        return out;
    }
    for &(at, _) in &chars[MIN_PART..=chars.len() - MIN_PART] {
        out.push(format!("\"{} {}\"*", &w[..at], &w[at..]));
    }
    out
}

/// One or several alternatives as one FTS5 expression.
fn any_of(forms: Vec<String>) -> String {
    if forms.len() == 1 {
        forms.into_iter().collect()
    } else {
        format!("({})", forms.join(" OR "))
    }
}

/// Runs of letters and digits: what FTS5's unicode61 tokenizer indexes.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The FTS5 query for `q`, or None when it has no word to look for.
pub fn fts_query(q: &str) -> Option<String> {
    let terms = terms(q);
    // Two words and nothing else: also the two written as one.
    if let [Term::Word(a), Term::Word(b)] = terms.as_slice() {
        return Some(format!("((\"{a}\"* AND \"{b}\"*) OR \"{a}{b}\"*)"));
    }
    let parts: Vec<String> = terms
        .into_iter()
        .map(|t| match t {
            Term::Word(w) => any_of(word_forms(&w)),
            Term::Hyphenated(ws) => {
                let mut forms = word_forms(&ws.concat());
                let spaced = format!("\"{}\"*", ws.join(" "));
                if !forms.contains(&spaced) {
                    forms.push(spaced);
                }
                any_of(forms)
            }
            Term::Phrase(ws) => format!("\"{}\"", ws.join(" ")),
        })
        .collect();
    // Explicit ANDs: FTS5 takes no implicit AND after a parenthesised group.
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

/// A snippet with its matches marked by `open` and `close` (as FTS5's
/// `highlight` and `snippet` return it), cut into (text, is a match)
/// pieces, so a page can mark matches without trusting the text as HTML.
/// Unbalanced markers cannot produce unbalanced marks.
pub fn split_marked(s: &str, open: char, close: char) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut cur = String::new();
    let mut hit = false;
    for c in s.chars() {
        if c == open || c == close {
            if !cur.is_empty() {
                out.push((std::mem::take(&mut cur), hit));
            }
            hit = c == open;
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push((cur, hit));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_as_prefixes_and_all_must_match() {
        assert_eq!(fts_query("Putin").as_deref(), Some("\"Putin\"*"));
        assert_eq!(
            fts_query("Putin call Kyiv").as_deref(),
            Some("\"Putin\"* AND \"call\"* AND \"Kyiv\"*")
        );
    }

    #[test]
    fn a_word_also_matches_spelt_as_two() {
        assert_eq!(
            fts_query("ceasefire").as_deref(),
            Some("(\"ceasefire\"* OR \"cea sefire\"* OR \"ceas efire\"* OR \"cease fire\"* OR \"ceasef ire\"*)")
        );
        // Too short to be two words of three letters.
        assert_eq!(fts_query("talks").as_deref(), Some("\"talks\"*"));
    }

    #[test]
    fn a_hyphenated_word_is_asked_for_as_the_word_it_makes() {
        // The same alternatives as the word written as one.
        assert_eq!(fts_query("cease-fire"), fts_query("ceasefire"));
        assert_eq!(fts_query("cease–fire"), fts_query("ceasefire"));
        // Parts too short to split at still match as written.
        assert_eq!(fts_query("e-mail").as_deref(), Some("(\"email\"* OR \"e mail\"*)"));
    }

    #[test]
    fn two_words_also_match_written_as_one() {
        assert_eq!(
            fts_query("cease fire").as_deref(),
            Some("((\"cease\"* AND \"fire\"*) OR \"ceasefire\"*)")
        );
        assert_eq!(
            fts_query("peace deal").as_deref(),
            Some("((\"peace\"* AND \"deal\"*) OR \"peacedeal\"*)")
        );
    }

    #[test]
    fn quoted_words_are_a_phrase() {
        assert_eq!(
            fts_query("“phone call” Putin").as_deref(),
            Some("\"phone call\" AND \"Putin\"*")
        );
    }

    #[test]
    fn query_syntax_is_taken_as_words() {
        assert_eq!(
            fts_query("title:NEAR(a OR b) ^x -y").as_deref(),
            Some("\"title\"* AND \"NEAR\"* AND \"a\"* AND \"OR\"* AND \"b\"* AND \"x\"* AND \"y\"*")
        );
    }

    #[test]
    fn groups_of_spellings_join_with_and() {
        assert_eq!(
            fts_query("script alert x").as_deref(),
            Some("(\"script\"* OR \"scr ipt\"*) AND \"alert\"* AND \"x\"*")
        );
    }

    #[test]
    fn every_query_built_is_one_fts5_accepts() {
        let db = rusqlite::Connection::open_in_memory().expect("db");
        db.execute_batch("CREATE VIRTUAL TABLE t USING fts5(x); INSERT INTO t VALUES ('a cease-fire was agreed');")
            .expect("table");
        for q in [
            "ceasefire",
            "cease-fire talks",
            "cease fire",
            "<script>alert(1)</script>",
            "\"peace talks\" cease-fire Putin",
            "a-b-c-d e-f",
            "NOT AND OR NEAR",
            "“quoted” – dash — em",
            "Зеленский-Путин",
        ] {
            let Some(m) = fts_query(q) else { continue };
            let n: rusqlite::Result<i64> = db.query_row("SELECT COUNT(*) FROM t WHERE t MATCH ?1", [&m], |r| r.get(0));
            assert!(n.is_ok(), "{q:?} -> {m}: {n:?}");
        }
        let found = |q: &str| -> i64 {
            db.query_row(
                "SELECT COUNT(*) FROM t WHERE t MATCH ?1",
                [fts_query(q).expect("words")],
                |r| r.get(0),
            )
            .expect("query")
        };
        assert_eq!(
            (found("ceasefire"), found("cease-fire"), found("cease fire")),
            (1, 1, 1)
        );
    }

    #[test]
    fn an_unclosed_quote_runs_to_the_end() {
        assert_eq!(fts_query("\"peace talks").as_deref(), Some("\"peace talks\""));
    }

    #[test]
    fn nothing_to_look_for_is_none() {
        assert_eq!(fts_query(" \"\" ?! "), None);
    }

    #[test]
    fn letters_of_any_script_are_words() {
        assert_eq!(fts_query("Путин").as_deref(), Some("\"Путин\"*"));
        // Split by letters, not bytes.
        assert!(fts_query("Зеленский").is_some_and(|q| q.contains("\"Зелен ский\"*")));
    }

    #[test]
    fn marks_split_into_pieces() {
        assert_eq!(
            split_marked("a \u{1}call\u{2} b", '\u{1}', '\u{2}'),
            vec![
                ("a ".to_string(), false),
                ("call".to_string(), true),
                (" b".to_string(), false)
            ]
        );
        assert_eq!(
            split_marked("\u{2}x\u{1}", '\u{1}', '\u{2}'),
            vec![("x".to_string(), false)]
        );
    }
}
