//! Reading articles: a file's text becomes a title, a publication date
//! (from the ` date YYYY-MM-DD` first line) and a body.

use chrono::NaiveDate;

/// Errors that make a file unusable as an article.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    #[error("the file is empty")]
    Empty,
    #[error("the file has no text besides its date line")]
    NoBody,
    #[error("the file is not UTF-8 text (invalid byte at offset {0})")]
    NotUtf8(usize),
    #[error("the file looks binary (it contains NUL bytes)")]
    Binary,
    #[error("the file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: u64, limit: u64 },
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
}

/// Parse raw bytes into an article.
pub fn read_article(bytes: &[u8]) -> Result<Article, ReadError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::Empty);
    }
    if bytes.contains(&0) {
        return Err(ReadError::Binary);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ReadError::NotUtf8(e.valid_up_to()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (published, date_warning, body) = split_date_line(text);
    let body = body.replace("\r\n", "\n").replace('\r', "\n");
    if body.trim().is_empty() {
        return Err(ReadError::NoBody);
    }
    let title = find_title(&body);
    Ok(Article {
        title,
        published,
        date_warning,
        body,
    })
}

/// The first line ` date YYYY-MM-DD [anything]` gives the publication date.
fn split_date_line(text: &str) -> (Option<NaiveDate>, Option<String>, &str) {
    let (first, rest) = match text.find('\n') {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, ""),
    };
    let trimmed = first.trim_start();
    let Some(after) = trimmed.strip_prefix("date") else {
        return (None, None, text);
    };
    if !after.starts_with(|c: char| c.is_whitespace()) && !after.is_empty() {
        return (None, None, text);
    }
    let value = after.split_whitespace().next().unwrap_or("");
    match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        Ok(d) => (Some(d), None, rest),
        Err(_) => (
            None,
            Some(format!(
                "the date line gives {value:?}, which is not a valid YYYY-MM-DD date"
            )),
            rest,
        ),
    }
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
        let sentences = crate::text::split_sentences(line);
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
    fn empty_and_binary_are_rejected() {
        assert_eq!(read_article(b"  \n "), Err(ReadError::Empty));
        assert_eq!(read_article(b"ab\0cd"), Err(ReadError::Binary));
        assert!(matches!(read_article(&[0x66, 0xff, 0x66]), Err(ReadError::NotUtf8(1))));
        assert_eq!(read_article(b" date 2025-05-20\n"), Err(ReadError::NoBody));
    }
}
