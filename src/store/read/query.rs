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

/// A piece of the query: a word (matched as a prefix) or a phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Word(String),
    Phrase(Vec<String>),
}

/// The words and phrases of `q`, in order. Text inside double quotes
/// (straight or curly) is a phrase; an unclosed quote runs to the end.
pub fn terms(q: &str) -> Vec<Term> {
    let mut out = Vec::new();
    let mut quoted = false;
    for (i, part) in q.split(['"', '“', '”']).enumerate() {
        if i > 0 {
            quoted = !quoted;
        }
        let words = words(part);
        if quoted {
            match words.len() {
                0 => {}
                1 => out.extend(words.into_iter().map(Term::Word)),
                _ => out.push(Term::Phrase(words)),
            }
        } else {
            out.extend(words.into_iter().map(Term::Word));
        }
    }
    out
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
    let parts: Vec<String> = terms(q)
        .into_iter()
        .map(|t| match t {
            Term::Word(w) => format!("\"{w}\"*"),
            Term::Phrase(ws) => format!("\"{}\"", ws.join(" ")),
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
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
        assert_eq!(
            fts_query("Zelensk ceasefire").as_deref(),
            Some("\"Zelensk\"* \"ceasefire\"*")
        );
    }

    #[test]
    fn quoted_words_are_a_phrase() {
        assert_eq!(
            fts_query("“phone call” Putin").as_deref(),
            Some("\"phone call\" \"Putin\"*")
        );
    }

    #[test]
    fn query_syntax_is_taken_as_words() {
        assert_eq!(
            fts_query("title:NEAR(a OR b) ^x -y").as_deref(),
            Some("\"title\"* \"NEAR\"* \"a\"* \"OR\"* \"b\"* \"x\"* \"y\"*")
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
        assert_eq!(fts_query("Зеленский").as_deref(), Some("\"Зеленский\"*"));
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
