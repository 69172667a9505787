//! Sentences and tokens: the first step of extraction.
//!
//! News text scraped from the web is messy: sentences glued without a space
//! ("in Ukraine.His counterpart"), abbreviations ("U.S.", "Mr."), quotes that
//! span several sentences, bullet lists, captions glued to the next word
//! ("Vladimir PutinDonald Trump"). The splitter works line by line (a
//! sentence never spans a line break) and keeps byte offsets into the
//! original text so that evidence can be highlighted exactly.

use compact_str::{CompactString, ToCompactString};
use std::sync::OnceLock;

/// A fixed list of words looked up by exact match, once per token. Short
/// lists are scanned; longer ones get a hash set built on first use (a
/// linear scan of a 150-word list per token was a fifth of actor finding's
/// time).
pub struct WordSet {
    words: &'static [&'static str],
    set: OnceLock<rustc_hash::FxHashSet<&'static str>>,
}

impl WordSet {
    pub const fn new(words: &'static [&'static str]) -> Self {
        WordSet {
            words,
            set: OnceLock::new(),
        }
    }

    pub fn contains(&self, w: &str) -> bool {
        if self.words.len() <= 8 {
            return self.words.contains(&w);
        }
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(w)
    }

    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }
}

/// A sentence as a byte range of the text it was split from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

/// A word or punctuation token, with byte offsets into the full text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Lowercase ASCII form used for matching ("U.S." -> "us", "Zelenskyy's" -> "zelenskyy").
    pub norm: CompactString,
    /// The token starts with an uppercase letter (or is an initialism).
    pub cap: bool,
    /// Letters or digits, as opposed to punctuation.
    pub word: bool,
    /// Transliteration-folded form for name matching (see [`token_key`]).
    pub key: CompactString,
}

impl Token {
    pub fn is(&self, s: &str) -> bool {
        self.norm == s
    }
}

/// Words after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "sr", "jr", "prof", "gen", "lt", "col", "capt", "cmdr", "adm", "sgt", "sen", "rep",
    "gov", "pres", "rev", "hon", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "vs", "etc", "inc", "ltd", "co", "corp", "dept", "approx", "est", "fig", "vol", "e.g", "i.e", "mt", "ft",
];

const BULLETS: &[char] = &['•', '·', '*', '-', '–', '—', '▪', '●', '◦'];

fn is_opening_quote(c: char) -> bool {
    matches!(c, '“' | '"' | '‘' | '(' | '[' | '«')
}

fn is_closing(c: char) -> bool {
    matches!(c, '”' | '"' | '’' | '\'' | ')' | ']' | '»')
}

/// Split `text` into sentences.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        split_line(text, line_start, line_end, &mut out);
        line_start = line_end;
    }
    out
}

fn split_line(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let line = &text[start..end];
    // Skip leading white space and bullet markers.
    let trimmed = line.trim_start_matches(|c: char| c.is_whitespace() || BULLETS.contains(&c));
    let s0 = start + (line.len() - trimmed.len());
    let e0 = start + line.trim_end().len();
    if s0 >= e0 {
        return;
    }
    let quotes = quote_regions(text, s0, e0);
    // Byte positions throughout: the character at `p`, and the position
    // after it.
    let at = |p: usize| text[p..e0].chars().next().unwrap_or(' ');
    let after = |p: usize| p + at(p).len_utf8();
    let is_terminator = |c: char| matches!(c, '.' | '!' | '?' | '…');
    let mut sent_start = s0;
    let mut from = s0;
    // Terminators by their first byte ('…' is E2 80 A6): a byte scan, not
    // a character decode of every line.
    let bytes = text.as_bytes();
    while let Some(pos) = (from..e0).find(|&p| match bytes[p] {
        b'.' | b'!' | b'?' => true,
        0xE2 => text[p..e0].starts_with('…'),
        _ => false,
    }) {
        let c = at(pos);
        // Run of terminators, then closing quotes or brackets.
        let mut j = pos;
        while j < e0 && is_terminator(at(j)) {
            j = after(j);
        }
        let run_is_single_period = j == pos + 1 && c == '.';
        while j < e0 && is_closing(at(j)) {
            j = after(j);
        }
        if j >= e0 {
            break;
        }
        let boundary = j;
        let mut k = j;
        while k < e0 && at(k).is_whitespace() {
            k = after(k);
        }
        if k >= e0 {
            break;
        }
        let next = at(k);
        let spaced = k > j;
        let next_lower_follows = after(k) < e0 && at(after(k)).is_lowercase();
        let starts_sentence = if spaced {
            next.is_uppercase() || next.is_ascii_digit() || is_opening_quote(next)
        } else {
            // Glued: "Ukraine.His" or "War.”He" or "line.“I do".
            (next.is_uppercase() && next_lower_follows) || matches!(next, '“' | '‘')
        };
        if starts_sentence {
            let prev_word = word_before(text, s0, pos);
            let abbreviation = run_is_single_period && is_abbreviation(&prev_word);
            let glued_initial = !spaced && prev_word.chars().count() < 2;
            let inside_quote = quotes.iter().any(|&(qs, qe)| boundary > qs && boundary < qe);
            if !abbreviation && !glued_initial && !inside_quote {
                push_sentence(text, sent_start, boundary, out);
                sent_start = k;
            }
        }
        from = k.max(pos + c.len_utf8());
    }
    push_sentence(text, sent_start, e0, out);
}

fn push_sentence(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let s = &text[start..end];
    let t = s.trim();
    if t.is_empty() {
        return;
    }
    let lead = s.len() - s.trim_start().len();
    let (mut a, b) = (start + lead, start + lead + t.len());
    // A run-on "sentence" (a scraped table, a line with no full stop) is cut
    // into pieces of bounded size at a semicolon, comma or space, so that
    // extraction stays linear and evidence stays readable.
    while b - a > MAX_SENTENCE {
        // The window ends on a character boundary (found by fuzzing: a
        // multi-byte character across the limit).
        let mut w = MAX_SENTENCE;
        while !text.is_char_boundary(a + w) {
            w -= 1;
        }
        let window = &text[a..a + w];
        let cut = ["; ", ", ", " "]
            .iter()
            .find_map(|sep| {
                window
                    .rfind(sep)
                    .filter(|&i| i > MAX_SENTENCE / 2)
                    .map(|i| i + sep.len())
            })
            .unwrap_or(w);
        let piece = text[a..a + cut].trim_end();
        out.push(Sentence {
            start: a,
            end: a + piece.len(),
        });
        a += cut;
        while a < b && text[a..].starts_with(char::is_whitespace) {
            a += text[a..].chars().next().map(char::len_utf8).unwrap_or(1);
        }
    }
    if a < b {
        out.push(Sentence { start: a, end: b });
    }
}

/// The longest sentence kept whole, in bytes.
pub const MAX_SENTENCE: usize = 1500;

/// The letters (and inner periods) right before byte `pos`.
fn word_before(text: &str, floor: usize, pos: usize) -> String {
    let before = &text[floor..pos];
    let w: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect();
    w.chars().rev().collect()
}

fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.trim_matches('.')) {
        return true;
    }
    // Initials and initialisms: "J.", "U.S.", "U.K."
    let letters: Vec<&str> = word.split('.').filter(|p| !p.is_empty()).collect();
    if !letters.is_empty() && letters.iter().all(|p| p.chars().count() == 1) {
        return true;
    }
    false
}

/// Byte ranges of quotations inside a line that close within a sane length;
/// sentence boundaries inside them are ignored so a multi-sentence quote
/// stays with its attribution.
fn quote_regions(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    const MAX_QUOTE: usize = 600;
    let mut out = Vec::new();
    let mut open_curly: Option<usize> = None;
    let mut open_straight: Option<usize> = None;
    let bytes = text.as_bytes();
    // Quote marks by their first byte ('“' and '”' are E2 80 9C and 9D).
    for p in (start..end).filter(|&p| matches!(bytes[p], b'"' | 0xE2)) {
        let rest = &text[p..end];
        match bytes[p] {
            0xE2 if rest.starts_with('“') => open_curly = Some(p),
            0xE2 if rest.starts_with('”') => {
                if let Some(o) = open_curly.take() {
                    if p - o <= MAX_QUOTE {
                        out.push((o, p + '”'.len_utf8()));
                    }
                }
            }
            b'"' => match open_straight.take() {
                Some(o) if p - o <= MAX_QUOTE => out.push((o, p + 1)),
                Some(_) => {}
                None => open_straight = Some(p),
            },
            _ => {}
        }
    }
    out
}

/// Tokenise `text[start..end]`. Offsets are absolute in `text`.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let s = &text[start..end];
    // Most sentences are ASCII: their characters are their bytes, read in
    // place. Others are decoded once. One generic loop serves both, so the
    // two paths cannot drift apart (a unit test also compares them).
    if s.is_ascii() {
        tokenize_seq(
            text,
            end,
            &Ascii {
                bytes: s.as_bytes(),
                start,
            },
        )
    } else {
        tokenize_seq(
            text,
            end,
            &Decoded(s.char_indices().map(|(i, c)| (start + i, c)).collect()),
        )
    }
}

/// A sentence's characters by index, with their byte offsets in the text.
trait CharSeq {
    fn len(&self) -> usize;
    fn ch(&self, i: usize) -> char;
    fn pos(&self, i: usize) -> usize;
    /// The character at `i`, or `None` past the end.
    fn get(&self, i: usize) -> Option<char> {
        (i < self.len()).then(|| self.ch(i))
    }
}

/// ASCII text: character `i` is byte `i`.
struct Ascii<'a> {
    bytes: &'a [u8],
    start: usize,
}

impl CharSeq for Ascii<'_> {
    #[inline]
    fn len(&self) -> usize {
        self.bytes.len()
    }
    #[inline]
    fn ch(&self, i: usize) -> char {
        self.bytes[i] as char
    }
    #[inline]
    fn pos(&self, i: usize) -> usize {
        self.start + i
    }
}

/// Any text, decoded into (offset, character) pairs.
struct Decoded(Vec<(usize, char)>);

impl CharSeq for Decoded {
    #[inline]
    fn len(&self) -> usize {
        self.0.len()
    }
    #[inline]
    fn ch(&self, i: usize) -> char {
        self.0[i].1
    }
    #[inline]
    fn pos(&self, i: usize) -> usize {
        self.0[i].0
    }
}

fn tokenize_seq(text: &str, end: usize, chars: &impl CharSeq) -> Vec<Token> {
    let n = chars.len();
    let mut out = Vec::with_capacity(n / 5 + 4);
    // Offset of character `j`, or the end of the span past the last one.
    let offset = |j: usize| if j < n { chars.pos(j) } else { end };
    let mut i = 0;
    while i < n {
        let (pos, c) = (chars.pos(i), chars.ch(i));
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            // Initialism: single letters separated by periods (U.S., J.D.).
            if let Some(j) = initialism_end(chars, i) {
                let tend = offset(j);
                let raw = &text[pos..tend];
                let norm: CompactString = raw.chars().filter(|c| *c != '.').flat_map(char::to_lowercase).collect();
                out.push(Token {
                    start: pos,
                    end: tend,
                    key: key_compact(&norm),
                    norm,
                    cap: true,
                    word: true,
                });
                i = j;
                continue;
            }
            let mut j = i;
            while j < n {
                let cj = chars.ch(j);
                if cj.is_alphanumeric() {
                    j += 1;
                } else if matches!(cj, '\'' | '’')
                    && chars.get(j + 1).is_some_and(char::is_alphabetic)
                    && !is_possessive(chars, j)
                {
                    j += 2;
                } else {
                    break;
                }
            }
            push_word(text, pos, offset(j), &mut out);
            i = j;
            continue;
        }
        if matches!(c, '\'' | '’') && is_possessive(chars, i) {
            out.push(Token {
                start: pos,
                end: offset(i + 2),
                norm: "'s".into(),
                cap: false,
                word: false,
                key: "s".into(),
            });
            i += 2;
            continue;
        }
        let norm = match c {
            '“' | '”' | '"' | '«' | '»' => CompactString::const_new("\""),
            '‘' | '’' => CompactString::const_new("'"),
            '–' | '—' => CompactString::const_new("-"),
            _ => c.to_compact_string(),
        };
        out.push(Token {
            start: pos,
            end: pos + c.len_utf8(),
            norm,
            cap: false,
            word: false,
            key: CompactString::default(),
        });
        i += 1;
    }
    out
}

fn is_possessive(chars: &impl CharSeq, j: usize) -> bool {
    matches!(chars.ch(j), '\'' | '’')
        && j > 0
        && chars.ch(j - 1).is_alphanumeric()
        && chars.get(j + 1).is_some_and(|c| c == 's' || c == 'S')
        && chars.get(j + 2).is_none_or(|c| !c.is_alphanumeric())
}

fn initialism_end(chars: &impl CharSeq, i: usize) -> Option<usize> {
    let n = chars.len();
    let mut j = i;
    let mut letters = 0;
    while j + 1 < n && chars.ch(j).is_alphabetic() && chars.ch(j + 1) == '.' {
        let prev_is_letter = j > 0 && chars.ch(j - 1).is_alphanumeric() && j == i;
        if prev_is_letter {
            return None;
        }
        letters += 1;
        j += 2;
        if j < n && chars.ch(j).is_alphabetic() && chars.get(j + 1).is_none_or(|c| c != '.') {
            // "U.S" followed by a longer word: stop before it.
            break;
        }
    }
    if letters >= 2 {
        Some(j)
    } else {
        None
    }
}

/// Push a word token, splitting glued camel-case ("PutinDonald" ->
/// "Putin", "Donald") when the first part is at least three letters.
fn push_word(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let w = &text[start..end];
    // Only an uppercase letter after the first can start a glued word.
    if w.is_ascii() && !w.as_bytes()[1..].iter().any(u8::is_ascii_uppercase) {
        out.push(word_token(text, start, end));
        return;
    }
    let mut cut = start;
    let mut prev: Option<char> = None;
    let mut run = 0usize;
    for (i, c) in w.char_indices() {
        if let Some(p) = prev {
            if p.is_lowercase() && c.is_uppercase() && run >= 3 {
                let next_lower = w[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .map(|n| n.is_lowercase())
                    .unwrap_or(false);
                if next_lower {
                    out.push(word_token(text, cut, start + i));
                    cut = start + i;
                    run = 0;
                }
            }
        }
        prev = Some(c);
        run += 1;
    }
    out.push(word_token(text, cut, end));
}

fn word_token(text: &str, start: usize, end: usize) -> Token {
    let raw = &text[start..end];
    let first = raw.chars().next().unwrap_or(' ');
    let norm = fold_compact(raw);
    let cap = first.is_uppercase();
    // Only capitalised words can start a name; others keep their form.
    let key = if cap { key_compact(&norm) } else { norm.clone() };
    Token {
        start,
        end,
        key,
        norm,
        cap,
        word: true,
    }
}

/// Transliteration-aware key for one name token: "zelenskyy", "zelenskiy"
/// and "zelensky" fold to the same key, as do "yuri" and "yury".
pub fn token_key(norm: &str) -> String {
    key_compact(norm).into()
}

fn key_compact(norm: &str) -> CompactString {
    let b = norm.as_bytes();
    let plain = b.iter().all(u8::is_ascii_alphanumeric);
    // "i" last also covers "ii", "yi"; "iy" and "ij" are checked apart.
    let folds_ending = b.len() > 3 && (b.ends_with(b"i") || b.ends_with(b"iy") || b.ends_with(b"ij"));
    if plain && !folds_ending && !b.windows(2).any(|w| w == b"yy") {
        return CompactString::from(norm);
    }
    let mut s: CompactString = norm.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    while s.contains("yy") {
        s = s.replace("yy", "y").into();
    }
    for (from, to) in [("iy", "y"), ("ii", "y"), ("yi", "y"), ("ij", "y")] {
        if s.ends_with(from) && s.len() > 3 {
            s.truncate(s.len() - from.len());
            s.push_str(to);
        }
    }
    if s.ends_with('i') && s.len() > 3 {
        s.pop();
        s.push('y');
    }
    s
}

/// End (token index) of a wire-story dateline at the start of a sentence:
/// "ANKARA, Oct 9 (AP) —", "CAIRO (Reuters) -", "NAIROBI —". Its place and
/// date say where and when the story was filed, not when events happened.
pub fn dateline_end(text: &str, toks: &[Token]) -> usize {
    let mut k = 0;
    while k < toks.len() && toks[k].word && {
        let raw = &text[toks[k].start..toks[k].end];
        raw.chars().any(|c| c.is_alphabetic()) && !raw.chars().any(|c| c.is_lowercase())
    } {
        k += 1;
    }
    if k == 0 || toks[..k].iter().map(|t| t.end - t.start).sum::<usize>() < 3 {
        return 0;
    }
    // Optional ", Oct 9" and "(AP)", then a dash, within a few tokens.
    for (j, t) in toks.iter().enumerate().skip(k).take(10) {
        match t.norm.as_str() {
            "-" => return j + 1,
            "," | "(" | ")" | "." => {}
            _ if t.word && (t.cap || t.norm.chars().all(|c| c.is_ascii_digit())) => {}
            _ => return 0,
        }
    }
    0
}

/// The quotations of a text, in order (curly or straight quotes), each
/// with whether it is closed: one left open runs to the end of the text.
pub fn quotations(s: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let open = rest.find(['“', '"'])?;
        let inner = &rest[open + rest[open..].chars().next()?.len_utf8()..];
        match inner.char_indices().find(|&(_, c)| c == '”' || c == '"') {
            Some((close, c)) => {
                rest = &inner[close + c.len_utf8()..];
                Some((inner[..close].trim(), true))
            }
            None => {
                rest = "";
                Some((inner.trim(), false))
            }
        }
    })
}

/// Lowercase ASCII folding used everywhere names are compared.
pub fn fold(s: &str) -> String {
    fold_compact(s).into()
}

fn fold_compact(s: &str) -> CompactString {
    if s.is_ascii() {
        let mut c = CompactString::new(s);
        c.as_mut_str().make_ascii_lowercase();
        return c;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c == '’' || c == '‘' {
            out.push('\'');
        } else {
            out.push_str(&deunicode::deunicode_char(c).unwrap_or("").to_lowercase());
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotations_come_in_order_and_an_open_one_runs_to_the_end() {
        let q: Vec<(&str, bool)> =
            quotations("She called it “odd”, then said \"we will see what they bring\" and left.").collect();
        assert_eq!(q, [("odd", true), ("we will see what they bring", true)]);
        let q: Vec<(&str, bool)> = quotations("He wrote: “the talks are over").collect();
        assert_eq!(q, [("the talks are over", false)]);
        assert_eq!(quotations("No quote here.").count(), 0);
    }

    fn sentences(t: &str) -> Vec<&str> {
        split_sentences(t).iter().map(|s| &t[s.start..s.end]).collect()
    }

    /// The general (decoded) path of the tokeniser, for comparison.
    fn tokenize_decoded(t: &str) -> Vec<Token> {
        tokenize_seq(t, t.len(), &Decoded(t.char_indices().collect()))
    }

    #[test]
    fn ascii_fast_path_tokenises_as_the_general_path() {
        for t in [
            "Mr. Putin's aide said the U.S. and the E.U. met J.D. Vance in Kyiv.",
            "He'd met O'Brien; rock'n'roll isn't it? PutinDonald McDonald NATO's U.S",
            "A.B.C. x.y. a. 'tis 's s' ''s \"quoted\" -- 3.5 10,000 \t\x0b\x0c\r\n end",
            "",
            "'",
            "a'",
            "x's",
        ] {
            assert_eq!(tokenize(t, 0, t.len()), tokenize_decoded(t), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_fast_path_matches_on_any_ascii(t in "[ -~\t\n\x0b\x0c\r]{0,80}") {
            proptest::prop_assert_eq!(tokenize(&t, 0, t.len()), tokenize_decoded(&t));
        }
    }

    fn norms(t: &str) -> Vec<String> {
        tokenize(t, 0, t.len())
            .into_iter()
            .map(|t| t.norm.to_string())
            .collect()
    }

    /// Found by fuzzing: a run-on sentence with a multi-byte character
    /// across the length limit.
    #[test]
    fn run_on_sentences_are_cut_on_character_boundaries() {
        let text = format!("{}€{}", "a".repeat(MAX_SENTENCE - 2), "b".repeat(100));
        let parts = split_sentences(&text);
        assert!(parts.len() > 1);
        for p in parts {
            assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
        }
    }

    #[test]
    fn tokens_at_the_edges_of_multibyte_text() {
        assert_eq!(
            norms("Zelenskyy’s aide met «U.S.» envoys in Kyiv’s centre — J.D."),
            [
                "zelenskyy",
                "'s",
                "aide",
                "met",
                "\"",
                "us",
                "\"",
                "envoys",
                "in",
                "kyiv",
                "'s",
                "centre",
                "-",
                "jd"
            ]
        );
        assert_eq!(norms("’s Ωmega’s"), ["'", "s", "omega", "'s"]);
    }

    #[test]
    fn splits_on_period_and_capital() {
        assert_eq!(sentences("He spoke. She left."), vec!["He spoke.", "She left."]);
    }

    #[test]
    fn keeps_us_abbreviation() {
        assert_eq!(
            sentences("The U.S. President spoke. Then he left."),
            vec!["The U.S. President spoke.", "Then he left."]
        );
    }

    #[test]
    fn keeps_title_abbreviations() {
        assert_eq!(
            sentences("Mr. Smith met Dr. Jones on Jan. 5 in St. Petersburg."),
            vec!["Mr. Smith met Dr. Jones on Jan. 5 in St. Petersburg."]
        );
    }

    #[test]
    fn splits_glued_sentences() {
        assert_eq!(
            sentences("peace in Ukraine.His counterpart agreed."),
            vec!["peace in Ukraine.", "His counterpart agreed."]
        );
    }

    #[test]
    fn splits_after_closing_quote_glued() {
        assert_eq!(sentences("“It is over.”He left."), vec!["“It is over.”", "He left."]);
    }

    #[test]
    fn keeps_multi_sentence_quote_with_attribution() {
        assert_eq!(
            sentences("“We agree. We will act,” he said. Next."),
            vec!["“We agree. We will act,” he said.", "Next."]
        );
    }

    #[test]
    fn lines_are_boundaries_and_bullets_are_stripped() {
        assert_eq!(
            sentences("Background:\n  • On 19 May he spoke\n"),
            vec!["Background:", "On 19 May he spoke"]
        );
    }

    #[test]
    fn run_on_sentences_are_cut_into_bounded_pieces() {
        let t = "word, ".repeat(2000) + "end";
        let ss = split_sentences(&t);
        assert!(ss.len() > 5);
        assert!(ss.iter().all(|s| s.end - s.start <= MAX_SENTENCE));
        assert_eq!(ss.last().unwrap().end, t.len());
        let nospace = "é".repeat(3000);
        assert!(split_sentences(&nospace)
            .iter()
            .all(|s| nospace.is_char_boundary(s.start) && s.end - s.start <= MAX_SENTENCE));
    }

    #[test]
    fn decimal_numbers_do_not_split() {
        assert_eq!(
            sentences("It grew 3.5 percent. Good."),
            vec!["It grew 3.5 percent.", "Good."]
        );
    }

    #[test]
    fn tokens_split_possessive_and_hyphen() {
        assert_eq!(norms("Putin’s Trump-Putin"), vec!["putin", "'s", "trump", "-", "putin"]);
    }

    #[test]
    fn tokens_keep_initialisms() {
        assert_eq!(
            norms("the U.S. and J.D. Vance"),
            vec!["the", "us", "and", "jd", "vance"]
        );
    }

    #[test]
    fn tokens_split_glued_camel_case() {
        assert_eq!(
            norms("Vladimir PutinDonald Trump"),
            vec!["vladimir", "putin", "donald", "trump"]
        );
    }

    #[test]
    fn tokens_keep_short_camel_names() {
        assert_eq!(norms("McDonald"), vec!["mcdonald"]);
    }

    #[test]
    fn tokens_keep_contractions() {
        assert_eq!(norms("didn't"), vec!["didn't"]);
    }

    #[test]
    fn datelines_are_found() {
        for (t, words) in [
            ("ANKARA, Oct 9 (AP) — Leaders met.", "Leaders"),
            ("CAIRO (Reuters) - They met.", "They"),
            ("NAIROBI — He spoke.", "He"),
        ] {
            let toks = tokenize(t, 0, t.len());
            let e = dateline_end(t, &toks);
            assert_eq!(toks[e].norm, words.to_lowercase(), "{t}");
        }
        let t = "NATO allies met on Monday.";
        assert_eq!(dateline_end(t, &tokenize(t, 0, t.len())), 0);
    }

    #[test]
    fn fold_strips_accents() {
        assert_eq!(fold("Zelenskyy’s Ł"), "zelenskyy's l");
    }
}
