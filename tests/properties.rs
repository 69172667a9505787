//! Property tests (issue 5): the article reader, the date resolver, the
//! extractor and the query-string parser never panic, whatever they are
//! given, and keep their invariants. Inputs are generated from the words
//! these parts react to, mixed with arbitrary characters, so that the rules
//! actually fire. A failing case is saved under `proptest-regressions/` and
//! replayed first on every later run; `PROPTEST_CASES=100000 cargo test
//! --release --test properties` runs them longer.

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use readout::extract::actors::ActorBook;
use readout::extract::dates::{find_time_exprs, resolve, Qual, Tense, TimeValue};
use readout::extract::extract;
use readout::extract::text::tokenize;
use readout::reader::read_article;
use readout::web::params::{parse_timeline, to_query};

/// Words the extractor and the date resolver react to, and some that
/// stress them (long, accented, right-to-left, emoji, marks).
const WORDS: &[&str] = &[
    "President",
    "Prime",
    "Minister",
    "Foreign",
    "Secretary",
    "of",
    "State",
    "Mr.",
    "Ms",
    "Dr.",
    "Vladimir",
    "Putin",
    "Ann",
    "Alpha",
    "O'Brien",
    "al-Assad",
    "von",
    "der",
    "Leyen",
    "José",
    "Erdoğan",
    "said",
    "says",
    "told",
    "called",
    "calls",
    "for",
    "on",
    "met",
    "meets",
    "meeting",
    "talks",
    "held",
    "phone",
    "call",
    "spoke",
    "with",
    "demanded",
    "urged",
    "warned",
    "will",
    "would",
    "not",
    "did",
    "in",
    "Geneva",
    "Paris",
    "last",
    "next",
    "this",
    "week",
    "month",
    "year",
    "earlier",
    "later",
    "day",
    "days",
    "two",
    "ago",
    "yesterday",
    "today",
    "tomorrow",
    "night",
    "Monday",
    "Friday",
    "Sunday",
    "May",
    "June",
    "December",
    "1",
    "19",
    "31",
    "2025",
    "1999",
    "99999999999",
    "-3",
    "the",
    "a",
    "and",
    "but",
    ",",
    ".",
    "!",
    "?",
    ";",
    ":",
    "\"",
    "“",
    "”",
    "'",
    "’",
    "(",
    ")",
    "—",
    "-",
    "\n",
    "\n\n",
    "  ",
    "Rußland",
    "وزير",
    "🎉",
    "\u{301}",
    "\u{200d}",
    "ǅ",
    "İstanbul",
    "ΣΊΣΥΦΟΣ",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => proptest::sample::select(WORDS).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
        1 => "[A-Z][a-z]{0,12}",
    ];
    proptest::collection::vec(piece, 0..120).prop_map(|v| v.join(" "))
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (-3000i32..3000, 1u32..=12, 1u32..=31).prop_filter_map("a real day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("tests/proptest-regressions/properties.txt"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_reader_takes_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(a) = read_article(&bytes) {
            prop_assert!(!a.body.trim().is_empty());
            prop_assert!(a.title.chars().count() <= 161);
        }
    }

    #[test]
    fn the_reader_takes_any_text(t in text(), date in proptest::option::of(date())) {
        let raw = match date {
            Some(d) => format!(" date {d}\n{t}"),
            None => t,
        };
        let _ = read_article(raw.as_bytes());
    }

    #[test]
    fn time_expressions_resolve_against_any_anchor(t in text(), anchor in date()) {
        let toks = tokenize(&t, 0, t.len());
        for e in find_time_exprs(&toks) {
            for tense in [Tense::Past, Tense::Present, Tense::Future] {
                let _ = resolve(e.value, anchor, tense);
            }
        }
    }

    #[test]
    fn any_time_value_resolves_or_not(
        n in any::<i64>(),
        day in 0u32..40,
        month in 0u32..15,
        year in proptest::option::of(any::<i32>()),
        anchor in date(),
    ) {
        let weekday = chrono::Weekday::try_from((n.rem_euclid(7)) as u8).unwrap_or(chrono::Weekday::Mon);
        for value in [
            TimeValue::Offset(n),
            TimeValue::Narrative(n),
            TimeValue::WeekRel(n),
            TimeValue::MonthRel(n),
            TimeValue::Weekday(weekday, Qual::Last),
            TimeValue::Weekday(weekday, Qual::Next),
            TimeValue::DayMonth { day, month, year },
            TimeValue::Month { month, year, qual: Qual::This },
        ] {
            for tense in [Tense::Past, Tense::Present, Tense::Future] {
                let _ = resolve(value, anchor, tense);
            }
        }
    }

    #[test]
    fn extraction_keeps_its_offsets_on_the_text(t in text(), published in proptest::option::of(date())) {
        let x = extract(&t, published, &ActorBook::default());
        for m in &x.mentions {
            prop_assert!(m.sentence.start <= m.sentence.end && m.sentence.end <= t.len());
            prop_assert!(t.is_char_boundary(m.sentence.start) && t.is_char_boundary(m.sentence.end));
            prop_assert!(m.sentence.start <= m.trigger.0 && m.trigger.1 <= m.sentence.end);
            prop_assert!(t.is_char_boundary(m.trigger.0) && t.is_char_boundary(m.trigger.1));
            prop_assert!(m.actors.iter().all(|&a| a < x.actors.len()));
        }
    }

    #[test]
    fn any_query_string_parses_or_says_why(raw in "[a-z=&%0-9A-F+~|.-]{0,200}|.{0,200}") {
        if let Ok(q) = parse_timeline(Some(&raw)) {
            // What it understood links back to the same filter.
            let again = parse_timeline(Some(&to_query(&q.filter, None)));
            prop_assert_eq!(again.ok().map(|a| a.filter), Some(q.filter));
        }
    }

    #[test]
    fn query_strings_of_real_parameters_parse_or_say_why(
        parts in proptest::collection::vec(
            (
                proptest::sample::select(&["actor", "kind", "from", "to", "q", "after", "before", "x"][..]),
                prop_oneof![
                    Just("2025-05-19".to_string()),
                    Just("call".to_string()),
                    Just("2025-02-30".to_string()),
                    Just("%27%20OR%201%3D1".to_string()),
                    "[ -~]{0,30}",
                ],
            ),
            0..12,
        )
    ) {
        let raw: Vec<String> = parts.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let _ = parse_timeline(Some(&raw.join("&")));
    }
}
