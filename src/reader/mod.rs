//! Reading articles: a file's text becomes a title, a publication date
//! (from the ` date YYYY-MM-DD` first line) and a body.
//!
//! This module owns the article sources: which file name extensions are
//! articles and how each format is read (text and Markdown here, web pages
//! in `html`, one article a line in `jsonl`, with the "file#line" keys of
//! those lines), and the date line written in front of an added text.

pub mod html;
pub mod jsonl;

use chrono::NaiveDate;

/// Errors that make a file unusable as an article.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    #[error("the file is empty")]
    Empty,
    #[error("the file has no text besides its date line")]
    NoBody,
    #[error("the file is not text: it looks like {0}")]
    Binary(&'static str),
    #[error("the file is {size} bytes, over the limit of {limit} bytes (set with --max-file-bytes)")]
    TooLarge { size: u64, limit: u64 },
    #[error("the file is UTF-16 text with an odd number of bytes (cut short?)")]
    OddUtf16,
    /// A line of a `.jsonl` file that is not a JSON object of an article.
    #[error("not a JSON article ({0})")]
    NotJson(String),
    /// A line of a `.jsonl` file without text.
    #[error("no \"text\"")]
    NoText,
}

/// File name extensions read as articles (in lower case; matched without
/// regard to case).
pub const EXTENSIONS: &[&str] = &["txt", "md", "html", "htm", "jsonl"];

/// `bytes` of an article with a date line in front: ` date YYYY-MM-DD`.
pub fn with_date_line(date: NaiveDate, bytes: &[u8]) -> Vec<u8> {
    let mut dated = format!(" date {date}\n").into_bytes();
    dated.extend_from_slice(bytes);
    dated
}

/// An article as read from a file, before extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub title: String,
    /// Publication date from the date line, if it has a valid one.
    pub published: Option<NaiveDate>,
    /// A date line that was present but could not be read.
    pub date_warning: Option<String>,
    /// The article text without the date line; evidence offsets point here.
    pub body: String,
    /// How the text was decoded when it was not plain UTF-8 (for the
    /// ingest summary).
    pub encoding_note: Option<String>,
    /// Where the article was published, when the file says (HTML, JSONL).
    pub url: Option<String>,
    /// The outlet that published it, when the file says: an HTML page's
    /// site name, a JSONL line's `source`, or the host of its URL. Text
    /// files have none here; extraction may find an agency credit.
    pub outlet: Option<String>,
}

/// Parse raw bytes into an article.
///
/// Text is decoded from UTF-8 (with or without a byte-order mark), from
/// UTF-16 with a byte-order mark, or, failing UTF-8, as Windows-1252 (a
/// superset of Latin-1, what most non-UTF-8 news text is), with a note.
/// Then it is normalised so that the same name is the same string whatever
/// the source did: composed accents (NFC), no invisible format characters
/// (zero-width spaces, bidirectional overrides, soft hyphens), `\n` line
/// ends.
pub fn read_article(bytes: &[u8]) -> Result<Article, ReadError> {
    let (text, encoding_note) = decode(bytes)?;
    let text = normalise(&text);
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    let (published, date_warning, lead, rest) = split_date_line(&text);
    // Text after the date on the first line is often the headline or the
    // lead paragraph, which states the main event: it opens the body, on a
    // line of its own. Page furniture there ("All Sections", a URL, a
    // time stamp) is dropped.
    let body = match lead.map(str::trim).filter(|l| reads_as_text(l)) {
        Some(lead) if rest.trim().is_empty() => lead.to_string(),
        Some(lead) => format!("{lead}\n{rest}"),
        None => rest.to_string(),
    };
    if body.trim().is_empty() {
        return Err(ReadError::NoBody);
    }
    let title = find_title(&body);
    Ok(Article {
        title,
        published,
        date_warning,
        body,
        encoding_note,
        url: None,
        outlet: None,
    })
}

/// The outlet an address names: its host, without "www." and any port
/// ("https://www.reuters.com/world/x" gives "reuters.com").
///
/// ```
/// use readout::reader::outlet_of_url;
/// assert_eq!(outlet_of_url("https://www.Example.org:8080/a?b").as_deref(), Some("example.org"));
/// assert_eq!(outlet_of_url("not a url"), None);
/// ```
pub fn outlet_of_url(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map(|(_, h)| h).unwrap_or(host);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (host.contains('.') && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'))
        .then(|| host.to_string())
}

/// Read a file's bytes as an article, by its extension: `.html` and `.htm`
/// as a web page, anything else as text.
pub fn read_by_extension(bytes: &[u8], extension: Option<&str>) -> Result<Article, ReadError> {
    match extension.map(str::to_ascii_lowercase).as_deref() {
        Some("html" | "htm") => html::read_html(bytes),
        _ => read_article(bytes),
    }
}

/// File signatures of formats people drop into folders by mistake.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word or OpenDocument file)"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
];

/// Bytes to text, with a note when the text was not UTF-8.
pub(crate) fn decode(bytes: &[u8]) -> Result<(String, Option<String>), ReadError> {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return utf8_or_1252(rest);
    }
    for (bom, big_endian, name) in [(b"\xff\xfe", false, "UTF-16LE"), (b"\xfe\xff", true, "UTF-16BE")] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            if rest.len() % 2 != 0 {
                return Err(ReadError::OddUtf16);
            }
            let units = rest.chunks_exact(2).map(|c| {
                if big_endian {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            });
            let mut bad = 0usize;
            let text: String = char::decode_utf16(units)
                .map(|r| {
                    r.unwrap_or_else(|_| {
                        bad += 1;
                        char::REPLACEMENT_CHARACTER
                    })
                })
                .collect();
            let note = match bad {
                0 => format!("decoded from {name}"),
                n => format!("decoded from {name}; {n} broken characters replaced by U+FFFD"),
            };
            return Ok((text, Some(note)));
        }
    }
    if let Some((_, what)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Err(ReadError::Binary(what));
    }
    if bytes.contains(&0) {
        return Err(ReadError::Binary("binary data (it contains NUL bytes)"));
    }
    utf8_or_1252(bytes)
}

fn utf8_or_1252(bytes: &[u8]) -> Result<(String, Option<String>), ReadError> {
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok((t.to_string(), None)),
        Err(e) => {
            // Control bytes other than layout ones mean data, not text.
            let control = bytes
                .iter()
                .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
                .count();
            if control * 100 > bytes.len() {
                return Err(ReadError::Binary("binary data (it is not UTF-8 and has control bytes)"));
            }
            let text = bytes.iter().map(|&b| windows_1252(b)).collect();
            Ok((
                text,
                Some(format!(
                    "not UTF-8 (invalid byte at offset {}); read as Windows-1252/Latin-1",
                    e.valid_up_to()
                )),
            ))
        }
    }
}

/// Windows-1252: Latin-1 with printable characters in 0x80–0x9F.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Invisible characters that only change how text is shown, never what it
/// says: zero-width space and word joiner, direction marks, embeddings,
/// overrides and isolates, the byte-order mark, the soft hyphen. Left in,
/// they split names ("Olaf\u{200b} Scholz") and can make a page show text
/// in another order than it is stored. Zero-width (non-)joiners stay: some
/// scripts and emoji need them.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{00ad}' | '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

pub(crate) fn normalise(text: &str) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    let cleaned: std::borrow::Cow<'_, str> = if text.contains(['\r']) || text.chars().any(is_invisible_format) {
        text.replace("\r\n", "\n")
            .chars()
            .filter(|&c| !is_invisible_format(c))
            .map(|c| if c == '\r' { '\n' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    };
    match is_nfc_quick(cleaned.chars()) {
        IsNormalized::Yes => cleaned.into_owned(),
        _ => cleaned.nfc().collect(),
    }
}

/// What the first line ` date YYYY-MM-DD [anything]` gives: the
/// publication date, a warning when the date cannot be read, the text after
/// the date on that line, and the rest of the file.
type DateLine<'a> = (Option<NaiveDate>, Option<String>, Option<&'a str>, &'a str);

/// The first line ` date YYYY-MM-DD [anything]` gives the publication date.
fn split_date_line(text: &str) -> DateLine<'_> {
    let (first, rest) = match text.find('\n') {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, ""),
    };
    let trimmed = first.trim_start();
    let Some(after) = trimmed.strip_prefix("date") else {
        return (None, None, None, text);
    };
    if !after.starts_with(|c: char| c.is_whitespace()) && !after.is_empty() {
        return (None, None, None, text);
    }
    let after = after.trim_start();
    let (value, lead) = match after.find(char::is_whitespace) {
        Some(i) => (&after[..i], Some(&after[i..])),
        None => (after, None),
    };
    match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        Ok(d) if crate::extract::dates::plausible(d) => (Some(d), None, lead, rest),
        Ok(d) => (
            None,
            Some(format!(
                "the date line gives {d}, outside the years {}–{}",
                crate::extract::dates::YEARS.start(),
                crate::extract::dates::YEARS.end()
            )),
            lead,
            rest,
        ),
        Err(_) => (
            None,
            Some(format!(
                "the date line gives {value:?}, which is not a valid YYYY-MM-DD date"
            )),
            lead,
            rest,
        ),
    }
}

/// Whether a line reads as prose (a headline, a lead) rather than page
/// furniture: a section label ("All Sections", "COMPANIES"), a bare
/// address, a time stamp or a by-line. Prose has at least four words, most
/// of them words of letters, and at least one in lower case: navigation
/// labels and stamps are short, upper case or figures.
fn reads_as_text(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() < 4 || words.iter().any(|w| w.contains("://") || w.starts_with("www.")) {
        return false;
    }
    let lettered = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() * 2 > w.chars().count())
        .count();
    let lower = words
        .iter()
        .any(|w| w.chars().next().is_some_and(char::is_lowercase) && w.chars().all(char::is_alphabetic));
    lettered * 4 >= words.len() * 3 && lower
}

/// Page furniture: short lines, logo lines, tag soup.
fn is_furniture(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() < 4 || words.iter().any(|w| w.chars().count() > 30) || line.starts_with("http") || line.ends_with(':')
}

/// The headline line where there is one, else the first sentence, trimmed.
pub fn find_title(body: &str) -> String {
    for line in body.lines() {
        let line = line.trim();
        if line.is_empty() || is_furniture(line) {
            continue;
        }
        let sentences = crate::extract::text::split_sentences(line);
        let first = sentences.first().map(|s| &line[s.start..s.end]).unwrap_or(line);
        return shorten(first, 160);
    }
    shorten(body.trim(), 160)
}

fn shorten(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn date_line_with_trailing_words() {
        let a = read_article(b" date 2025-05-20 All Sections\nHeadline here about talks\n\nBody.").unwrap();
        assert_eq!(a.published, Some(d("2025-05-20")));
        assert_eq!(a.title, "Headline here about talks");
        assert!(!a.body.contains("date 2025"));
    }

    #[test]
    fn text_after_the_date_opens_the_body() {
        let a = read_article(
            b" date 2024-10-02 The Kenyan president on Monday hosted envoys from Juba for talks.\nMore text.",
        )
        .unwrap();
        assert_eq!(a.published, Some(d("2024-10-02")));
        assert_eq!(
            a.body,
            "The Kenyan president on Monday hosted envoys from Juba for talks.\nMore text."
        );
        assert!(a.title.starts_with("The Kenyan president"));
        let a = read_article(b" date 2023-01-09 Ministers of Chile and Peru agree to meet again in March").unwrap();
        assert_eq!(a.body, "Ministers of Chile and Peru agree to meet again in March");
    }

    #[test]
    fn furniture_after_the_date_is_dropped() {
        for line in [
            "All Sections",
            "COMPANIES",
            "https://news.example.org/world/2024/03/item-1234",
            "09:14 GMT+3, 4 Mar 2024",
            "WORLD NEWS | EUROPE | POLITICS",
            "Updated 11.42 EST",
        ] {
            let text = format!(" date 2024-03-04 {line}\nLeaders met in Geneva for talks.");
            let a = read_article(text.as_bytes()).unwrap();
            assert_eq!(a.body, "Leaders met in Geneva for talks.", "{line}");
        }
    }

    #[test]
    fn no_date_line_means_undated() {
        let a = read_article(b"Leaders met in Geneva on Friday for talks.").unwrap();
        assert_eq!(a.published, None);
        assert_eq!(a.date_warning, None);
    }

    #[test]
    fn malformed_date_line_is_a_warning() {
        let a = read_article(b" date 2025-02-30\nLeaders met in Geneva for talks.").unwrap();
        assert_eq!(a.published, None);
        assert!(a.date_warning.unwrap().contains("2025-02-30"));
    }

    #[test]
    fn a_date_line_outside_the_plausible_years_is_a_warning() {
        let a = read_article(b" date 0000-01-01\nLeaders met in Geneva for talks.").unwrap();
        assert_eq!(a.published, None);
        assert!(a.date_warning.unwrap().contains("outside the years 1000"));
    }

    #[test]
    fn furniture_lines_are_not_titles() {
        let a = read_article(
            b"site logo\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nLeaders Meet In Geneva For Talks\nText.",
        )
        .unwrap();
        assert_eq!(a.title, "Leaders Meet In Geneva For Talks");
    }

    #[test]
    fn long_first_line_gives_first_sentence() {
        let a = read_article(b"The leaders met on Friday in Geneva for talks. They agreed on nothing at all.").unwrap();
        assert_eq!(a.title, "The leaders met on Friday in Geneva for talks.");
    }

    #[test]
    fn empty_and_whitespace_are_rejected() {
        assert_eq!(read_article(b""), Err(ReadError::Empty));
        assert_eq!(read_article(b"  \n \t\r\n"), Err(ReadError::Empty));
        assert_eq!(read_article("\u{200b}\u{feff} ".as_bytes()), Err(ReadError::Empty));
    }

    #[test]
    fn a_date_line_alone_has_no_body() {
        assert_eq!(read_article(b" date 2025-05-20\n"), Err(ReadError::NoBody));
    }

    #[test]
    fn binary_files_are_named() {
        assert_eq!(
            read_article(b"ab\0cd"),
            Err(ReadError::Binary("binary data (it contains NUL bytes)"))
        );
        assert_eq!(
            read_article(b"\x89PNG\r\n\x1a\n\0\0"),
            Err(ReadError::Binary("a PNG image"))
        );
        let zip = read_article(b"PK\x03\x04\x14\0\0\0");
        assert!(
            matches!(zip, Err(ReadError::Binary(w)) if w.starts_with("a ZIP")),
            "{zip:?}"
        );
        assert!(matches!(
            read_article(&[0xff, 0x01, 0x02, 0x03]),
            Err(ReadError::Binary(_))
        ));
    }

    #[test]
    fn latin1_is_read_as_windows_1252_with_a_note() {
        let a = read_article(b"Caf\xe9 talks in Z\xfcrich: \x93fine\x94.").unwrap();
        assert_eq!(a.body, "Café talks in Zürich: “fine”.");
        assert!(a.encoding_note.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let text = "Leaders met in Genève.";
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let a = read_article(&bytes).unwrap();
            assert_eq!(a.body, text);
            assert_eq!(
                a.encoding_note.as_deref(),
                Some(format!("decoded from {name}").as_str())
            );
        }
        assert_eq!(read_article(&[0xff, 0xfe, 0x41]), Err(ReadError::OddUtf16));
    }

    #[test]
    fn utf8_byte_order_mark_is_dropped() {
        let a = read_article(b"\xef\xbb\xbf date 2025-05-20\nLeaders met.").unwrap();
        assert_eq!(a.published, Some(d("2025-05-20")));
        assert_eq!(a.encoding_note, None);
    }

    #[test]
    fn invisible_format_characters_are_removed() {
        let a = read_article("Olaf\u{200b} Scholz met \u{202e}Emmanuel Macron\u{202c} in Ber\u{ad}lin.".as_bytes())
            .unwrap();
        assert_eq!(a.body, "Olaf Scholz met Emmanuel Macron in Berlin.");
    }

    #[test]
    fn combining_accents_are_composed() {
        let a = read_article("Jose\u{301} Sa\u{301}nchez met Recep Erdog\u{306}an.".as_bytes()).unwrap();
        assert_eq!(a.body, "José Sánchez met Recep Erdoğan.");
    }

    #[test]
    fn carriage_returns_become_line_ends() {
        let a = read_article(b"One line.\r\nTwo.\rThree.").unwrap();
        assert_eq!(a.body, "One line.\nTwo.\nThree.");
    }
}
