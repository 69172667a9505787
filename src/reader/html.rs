//! Reading `.html` articles: the text of the article body (not the page's
//! navigation, scripts or footers), its title, publication date and source
//! URL, with html5ever's parser (through `scraper`), as a browser reads
//! the page. The result is an [`Article`] like a text file gives, so
//! everything after reading is the same. Pure: bytes in, article out.

use crate::reader::{Article, ReadError};
use chrono::NaiveDate;
use scraper::{ElementRef, Html, Node, Selector};

/// Where the article's own text is, most specific first.
const BODY: &[&str] = &["[itemprop=articleBody]", "article", "main", "[role=main]", "body"];

/// Elements whose text is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button", "svg", "iframe",
    "select", "figure", "head",
];

/// Elements that break the text into lines.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "br",
    "tr",
    "table",
    "dd",
    "dt",
    "hr",
];

/// Meta tags that give a publication date, most specific first.
const DATE_META: &[&str] = &[
    "meta[property='article:published_time']",
    "meta[itemprop=datePublished]",
    "meta[name=pubdate]",
    "meta[name=date]",
    "meta[name='DC.date.issued']",
    "meta[property='og:published_time']",
];

fn select<'a>(doc: &'a Html, css: &str) -> Option<ElementRef<'a>> {
    let sel = Selector::parse(css).ok()?;
    doc.select(&sel).next()
}

/// Text of an element on one line, spaces collapsed.
fn flat_text(e: ElementRef<'_>) -> String {
    e.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text under `e`, one line per block, skipping what is not text.
fn collect(e: ElementRef<'_>, out: &mut String) {
    for child in e.children() {
        match child.value() {
            Node::Text(t) => {
                let t: &str = t;
                if t.trim().is_empty() {
                    if !out.ends_with([' ', '\n']) && !out.is_empty() {
                        out.push(' ');
                    }
                } else {
                    out.push_str(t);
                }
            }
            Node::Element(el) => {
                let name = el.name();
                if SKIP.contains(&name) || el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
                    continue;
                }
                let Some(child) = ElementRef::wrap(child) else {
                    continue;
                };
                let block = BLOCKS.contains(&name);
                if block {
                    out.push('\n');
                }
                collect(child, out);
                if block {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

/// Lines with their spaces collapsed, empty ones dropped, paragraphs
/// separated by one blank line.
fn tidy(raw: &str) -> String {
    raw.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A date at the start of an attribute ("2025-05-19T10:00:00Z").
fn iso_date(s: &str) -> Option<NaiveDate> {
    let d = NaiveDate::parse_from_str(s.trim().get(..10)?, "%Y-%m-%d").ok()?;
    crate::extract::dates::plausible(d).then_some(d)
}

/// The publication date: a `<time datetime>` in the article, else the
/// page's meta tags.
fn published(doc: &Html, root: ElementRef<'_>) -> Option<NaiveDate> {
    let time = Selector::parse("time[datetime]").ok()?;
    root.select(&time)
        .chain(doc.select(&time))
        .find_map(|t| t.attr("datetime").and_then(iso_date))
        .or_else(|| {
            DATE_META
                .iter()
                .filter_map(|css| select(doc, css))
                .find_map(|m| m.attr("content").and_then(iso_date))
        })
}

/// The page's own address, when it gives one over http(s).
fn source_url(doc: &Html) -> Option<String> {
    [("link[rel=canonical]", "href"), ("meta[property='og:url']", "content")]
        .iter()
        .filter_map(|(css, attr)| select(doc, css)?.attr(attr))
        .map(str::trim)
        .find(|u| {
            let lower = u.to_ascii_lowercase();
            (lower.starts_with("https://") || lower.starts_with("http://")) && !u.contains(char::is_whitespace)
        })
        .map(str::to_string)
}

/// The site's own name ("og:site_name", "application-name"), else the
/// host of its address.
fn site_name(doc: &Html, url: Option<&str>) -> Option<String> {
    ["meta[property='og:site_name']", "meta[name='application-name']"]
        .iter()
        .filter_map(|css| select(doc, css)?.attr("content"))
        .map(|n| crate::reader::normalise(n.trim()))
        .find(|n| !n.is_empty() && n.chars().count() <= 80)
        .or_else(|| url.and_then(crate::reader::outlet_of_url))
}

/// Read an HTML page as an article.
pub fn read_html(bytes: &[u8]) -> Result<Article, ReadError> {
    let (text, encoding_note) = crate::reader::decode(bytes)?;
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    let doc = Html::parse_document(&text);
    let root = BODY
        .iter()
        .find_map(|css| select(&doc, css))
        .unwrap_or_else(|| doc.root_element());
    let headline = select(&doc, "h1").map(flat_text).filter(|t| !t.is_empty());
    let page_title = select(&doc, "title").map(flat_text).filter(|t| !t.is_empty());
    let mut raw = String::new();
    collect(root, &mut raw);
    let mut body = tidy(&crate::reader::normalise(&raw));
    // The headline leads the text, as in a text file, when the article's
    // own markup left it out.
    if let Some(h) = &headline {
        if !body.starts_with(h.as_str()) && !body.is_empty() {
            body = format!("{h}\n\n{body}");
        }
    }
    if body.trim().is_empty() {
        return Err(ReadError::NoBody);
    }
    let title = headline
        .or(page_title)
        .map(|t| crate::reader::normalise(&t))
        .unwrap_or_else(|| crate::reader::find_title(&body));
    let url = source_url(&doc);
    Ok(Article {
        title,
        published: published(&doc, root),
        date_warning: None,
        body,
        encoding_note,
        outlet: site_name(&doc, url.as_deref()),
        url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> Article {
        read_html(html.as_bytes()).expect("an article")
    }

    #[test]
    fn text_comes_from_the_article_not_the_page_around_it() {
        let a = read(
            "<html><head><title>Site</title><script>var x = 'Trump called';</script></head><body>\
             <nav>Home | World</nav><article><h1>Leaders talk</h1><p>Macron called  Scholz on Monday.</p>\
             <aside>Read more</aside><p>They spoke for an hour.</p></article><footer>© Site</footer></body></html>",
        );
        assert_eq!(
            a.body,
            "Leaders talk\n\nMacron called Scholz on Monday.\n\nThey spoke for an hour."
        );
    }

    #[test]
    fn title_is_the_headline_else_the_page_title() {
        assert_eq!(
            read("<title>Page</title><h1>Head <b>line</b></h1><p>Text.</p>").title,
            "Head line"
        );
        assert_eq!(read("<title>Page title</title><p>Text here.</p>").title, "Page title");
    }

    #[test]
    fn headline_outside_the_article_leads_the_text() {
        let a = read("<h1>Big news</h1><article><p>Body text.</p></article>");
        assert_eq!(a.body, "Big news\n\nBody text.");
    }

    #[test]
    fn date_from_time_element_then_meta() {
        let a = read("<article><time datetime=\"2025-05-19T08:00:00Z\">Monday</time><p>Text.</p></article>");
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2025, 5, 19));
        let m = read("<meta property=\"article:published_time\" content=\"2024-02-03\"><p>Text.</p>");
        assert_eq!(m.published, NaiveDate::from_ymd_opt(2024, 2, 3));
        assert_eq!(
            read("<time datetime=\"99999-01-01\">x</time><p>Text.</p>").published,
            None
        );
    }

    #[test]
    fn the_outlet_is_the_site_name_or_the_host() {
        let a = read("<meta property=\"og:site_name\" content=\"The Daily Wire Service\"><link rel=\"canonical\" href=\"https://www.dws.example/x\"><p>Text.</p>");
        assert_eq!(a.outlet.as_deref(), Some("The Daily Wire Service"));
        let b = read("<link rel=\"canonical\" href=\"https://www.dws.example/x\"><p>Text.</p>");
        assert_eq!(b.outlet.as_deref(), Some("dws.example"));
        assert_eq!(read("<p>Text.</p>").outlet, None);
    }

    #[test]
    fn source_url_only_over_http() {
        let a = read("<link rel=\"canonical\" href=\"https://news.example/a/1\"><p>Text.</p>");
        assert_eq!(a.url.as_deref(), Some("https://news.example/a/1"));
        assert_eq!(
            read("<link rel=\"canonical\" href=\"javascript:alert(1)\"><p>Text.</p>").url,
            None
        );
        let og = read("<meta property=\"og:url\" content=\"http://x.example/b\"><p>Text.</p>");
        assert_eq!(og.url.as_deref(), Some("http://x.example/b"));
    }

    #[test]
    fn entities_and_hidden_text() {
        let a = read("<p>Lavrov &amp; Rubio met&nbsp;in Riyadh.</p><p hidden>secret</p>");
        assert_eq!(a.body, "Lavrov & Rubio met in Riyadh.");
    }

    #[test]
    fn a_page_without_text_is_refused() {
        assert!(matches!(
            read_html(b"<html><nav>Menu</nav></html>"),
            Err(ReadError::NoBody)
        ));
        assert!(matches!(read_html(b"  "), Err(ReadError::Empty)));
    }
}
