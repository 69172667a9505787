//! `.jsonl` files: one article a line, each stored under the file's key
//! and its line number ("…/wire.jsonl#12").

use super::{find_title, normalise, Article, ReadError};
use chrono::NaiveDate;

/// Whether `path` names a `.jsonl` file.
pub fn is_jsonl(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
}

/// The key of line `line` (from 1) of the file keyed `file_key`.
pub fn line_key(file_key: &str, line: usize) -> String {
    format!("{file_key}#{line}")
}

/// Whether a stored key names a `.jsonl` file.
fn is_jsonl_key(key: &str) -> bool {
    key.to_ascii_lowercase().ends_with(".jsonl")
}

/// The file a stored key comes from: the key itself, or for a line of a
/// `.jsonl` file, that file's.
pub fn file_of(key: &str) -> &str {
    match key.rsplit_once('#') {
        Some((file, n)) if is_jsonl_key(file) && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => file,
        _ => key,
    }
}

/// Keys sorting strictly between these two are the lines of the file
/// keyed `file_key` (`None` when it is no `.jsonl` file): "file#" and
/// "file$", '$' being the character after '#'.
pub fn line_key_range(file_key: &str) -> Option<(String, String)> {
    is_jsonl_key(file_key).then(|| (format!("{file_key}#"), format!("{file_key}$")))
}

/// One line of a `.jsonl` file: `{"title", "date", "url", "text"}`, only
/// `text` required. The title leads the text, as a headline does in a
/// text file; a date other than YYYY-MM-DD (a time may follow) is noted
/// and left out; only an http(s) URL is kept.
pub fn read_json_line(line: &str) -> Result<Article, ReadError> {
    #[derive(serde::Deserialize)]
    struct Line {
        title: Option<String>,
        date: Option<String>,
        url: Option<String>,
        text: Option<String>,
        source: Option<String>,
    }
    let l: Line = serde_json::from_str(line).map_err(|e| ReadError::NotJson(e.to_string()))?;
    let text = normalise(l.text.as_deref().unwrap_or_default());
    if text.trim().is_empty() {
        return Err(ReadError::NoText);
    }
    let title = l.title.map(|t| normalise(t.trim())).filter(|t| !t.is_empty());
    let body = match &title {
        Some(t) if !text.trim_start().starts_with(t.as_str()) => format!("{t}\n\n{}", text.trim()),
        _ => text.trim().to_string(),
    };
    let (published, date_warning) = match l.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => (None, None),
        Some(d) => match d
            .get(..10)
            .and_then(|x| NaiveDate::parse_from_str(x, "%Y-%m-%d").ok())
            .filter(|x| crate::extract::dates::plausible(*x))
        {
            Some(x) => (Some(x), None),
            None => (None, Some(format!("the date “{d}” is not a YYYY-MM-DD date; ignored"))),
        },
    };
    let url = l.url.map(|u| u.trim().to_string()).filter(|u| {
        let lower = u.to_ascii_lowercase();
        (lower.starts_with("https://") || lower.starts_with("http://")) && !u.contains(char::is_whitespace)
    });
    Ok(Article {
        title: title.unwrap_or_else(|| find_title(&body)),
        published,
        date_warning,
        body,
        encoding_note: None,
        outlet: l
            .source
            .map(|s| normalise(s.trim()))
            .filter(|s| !s.is_empty() && s.chars().count() <= 80)
            .or_else(|| url.as_deref().and_then(crate::reader::outlet_of_url)),
        url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_line_is_an_article_with_its_title_first() {
        let a = read_json_line(r#"{"title":"Talks in Oslo","date":"2026-01-06T09:00:00Z","url":"https://n.example/1","text":"Ann met Bo."}"#)
            .unwrap();
        assert_eq!(a.body, "Talks in Oslo\n\nAnn met Bo.");
        assert_eq!(
            (a.title.as_str(), a.published),
            ("Talks in Oslo", NaiveDate::from_ymd_opt(2026, 1, 6))
        );
        assert_eq!(a.url.as_deref(), Some("https://n.example/1"));
    }

    #[test]
    fn a_json_line_names_its_outlet_by_source_or_host() {
        let a =
            read_json_line(r#"{"source":"Harbour Post","url":"https://hp.example/1","text":"Ann met Bo."}"#).unwrap();
        assert_eq!(a.outlet.as_deref(), Some("Harbour Post"));
        let b = read_json_line(r#"{"url":"https://www.hp.example/1","text":"Ann met Bo."}"#).unwrap();
        assert_eq!(b.outlet.as_deref(), Some("hp.example"));
        assert_eq!(read_json_line(r#"{"text":"Ann met Bo."}"#).unwrap().outlet, None);
    }

    #[test]
    fn a_json_line_needs_text_and_a_readable_date() {
        assert!(read_json_line(r#"{"title":"x"}"#).is_err());
        assert_eq!(read_json_line(r#"{"title":"x"}"#), Err(ReadError::NoText));
        assert!(read_json_line("not json")
            .unwrap_err()
            .to_string()
            .starts_with("not a JSON article"));
        let a = read_json_line(r#"{"date":"last Monday","url":"ftp://x","text":"Ann met Bo."}"#).unwrap();
        assert_eq!(a.published, None);
        assert!(a.date_warning.unwrap().contains("last Monday"));
        assert_eq!(a.url, None);
    }

    #[test]
    fn line_keys_lead_back_to_their_file() {
        let key = line_key("/d/wire.JSONL", 12);
        assert_eq!(key, "/d/wire.JSONL#12");
        assert_eq!(file_of(&key), "/d/wire.JSONL");
        assert_eq!(file_of("/d/notes#12.txt"), "/d/notes#12.txt");
        assert_eq!(file_of("/d/a.txt#3"), "/d/a.txt#3");
        let (first, past) = line_key_range("/d/wire.JSONL").expect("a jsonl file");
        assert!(first.as_str() < key.as_str() && key.as_str() < past.as_str());
        assert!(line_key_range("/d/a.txt").is_none());
    }
}
