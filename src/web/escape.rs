//! HTML escaping for the templates (`askama.toml` names it for `.html`):
//! the same five characters and the same entities as askama's own escaper
//! (`&#34;`, `&#38;`, `&#39;`, `&#60;`, `&#62;`), found eight bytes at a
//! time. A timeline page escapes some 20 KB of names, titles and links, and
//! askama's byte-at-a-time loop was a tenth of its render.

use std::fmt::{self, Write};

#[derive(Debug, Clone, Copy, Default)]
pub struct Html;

/// The entity of a byte that must be escaped.
fn entity(b: u8) -> Option<&'static str> {
    match b {
        b'"' => Some("&#34;"),
        b'&' => Some("&#38;"),
        b'\'' => Some("&#39;"),
        b'<' => Some("&#60;"),
        b'>' => Some("&#62;"),
        _ => None,
    }
}

/// Whether any of the eight bytes of `w` may be one to escape: exact for
/// "none" (the common case: the bytes are then written as they are), and
/// the bytes are checked one by one otherwise.
fn may_hold_special(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte of `x` is zero exactly when the expression has its high bit
    // set for some byte (the classic test for a zero byte in a word).
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let equal = |c: u8| has_zero(w ^ (ONES * u64::from(c)));
    (equal(b'"') | equal(b'&') | equal(b'\'') | equal(b'<') | equal(b'>')) != 0
}

impl askama::filters::Escaper for Html {
    fn write_escaped_str<W: Write>(&self, mut dest: W, s: &str) -> fmt::Result {
        let bytes = s.as_bytes();
        let mut last = 0;
        let mut i = 0;
        while i < bytes.len() {
            let end = match bytes.get(i..i + 8) {
                Some(word) => {
                    let mut w = [0u8; 8];
                    w.copy_from_slice(word);
                    if !may_hold_special(u64::from_le_bytes(w)) {
                        i += 8;
                        continue;
                    }
                    i + 8
                }
                None => bytes.len(),
            };
            while i < end {
                if let Some(e) = entity(bytes[i]) {
                    // The five are ASCII: `i` is on a character boundary.
                    dest.write_str(&s[last..i])?;
                    dest.write_str(e)?;
                    last = i + 1;
                }
                i += 1;
            }
        }
        if last < bytes.len() {
            dest.write_str(&s[last..])?;
        }
        Ok(())
    }

    fn write_escaped_char<W: Write>(&self, mut dest: W, c: char) -> fmt::Result {
        match u8::try_from(c).ok().and_then(entity) {
            Some(e) => dest.write_str(e),
            None => dest.write_char(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use askama::filters::Escaper;

    fn ours(s: &str) -> String {
        let mut out = String::new();
        Html.write_escaped_str(&mut out, s).expect("write");
        out
    }

    fn askamas(s: &str) -> String {
        let mut out = String::new();
        askama::filters::Html.write_escaped_str(&mut out, s).expect("write");
        out
    }

    #[test]
    fn the_five_characters_anywhere() {
        assert_eq!(
            ours(r#"<a href="x">Tom & Jerry's</a>"#),
            askamas(r#"<a href="x">Tom & Jerry's</a>"#)
        );
        assert_eq!(
            ours("plain text, no escapes at all here"),
            "plain text, no escapes at all here"
        );
        assert_eq!(ours("&"), "&#38;");
        assert_eq!(ours("12345678<"), "12345678&#60;");
        assert_eq!(ours("1234567<89"), "1234567&#60;89");
        assert_eq!(ours("Zelenskyy — “peace” <b>"), "Zelenskyy — “peace” &#60;b&#62;");
        assert_eq!(ours(""), "");
    }

    #[test]
    fn characters_as_askama_writes_them() {
        for c in ['"', '&', '\'', '<', '>', 'a', 'é', '—', '\u{0}', '\u{7f}'] {
            let mut a = String::new();
            let mut b = String::new();
            Html.write_escaped_char(&mut a, c).expect("write");
            askama::filters::Html.write_escaped_char(&mut b, c).expect("write");
            assert_eq!(a, b, "{c:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Any text escapes exactly as askama's own escaper escapes it.
        #[test]
        fn escapes_as_askama_does(s in "[a-z \"&'<>é—\u{0}\u{80}-\u{10ffff}]{0,40}") {
            proptest::prop_assert_eq!(ours(&s), askamas(&s));
        }
    }
}
