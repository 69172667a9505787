//! Replays the fuzzers' inputs (issue 5): `fuzz/corpus/<target>/` (inputs
//! the coverage-guided fuzzer found interesting, minimised) and
//! `fuzz/regressions/<target>/` (inputs that once crashed), through the
//! same calls as the targets in `fuzz/fuzz_targets/`, in a normal build.

use readout::extract::actors::ActorBook;
use readout::extract::dates::{find_time_exprs, resolve, Tense};
use std::path::PathBuf;

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut out = Vec::new();
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let bytes = std::fs::read(&p).unwrap_or_else(|err| panic!("{}: {err}", p.display()));
            out.push((p, bytes));
        }
    }
    out.sort();
    out
}

#[test]
fn reader_inputs() {
    let all = inputs("reader");
    assert!(!all.is_empty(), "no reader corpus");
    for (_, bytes) in all {
        if let Ok(a) = readout::reader::read_article(&bytes) {
            assert!(!a.body.trim().is_empty());
        }
    }
}

#[test]
fn extract_inputs() {
    let book = ActorBook::default();
    let published = chrono::NaiveDate::from_ymd_opt(2025, 5, 20);
    let all = inputs("extract");
    assert!(!all.is_empty(), "no extract corpus");
    for (p, bytes) in all {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let x = readout::extract::extract(text, published, &book);
        for m in &x.mentions {
            assert!(
                text.is_char_boundary(m.sentence.start) && text.is_char_boundary(m.sentence.end),
                "{}",
                p.display()
            );
        }
    }
}

#[test]
fn dates_inputs() {
    let all = inputs("dates");
    assert!(!all.is_empty(), "no dates corpus");
    for (_, bytes) in all {
        if bytes.len() < 4 {
            continue;
        }
        let days = i32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) % 4_000_000;
        let (Some(anchor), Ok(text)) = (
            chrono::NaiveDate::from_num_days_from_ce_opt(days),
            std::str::from_utf8(&bytes[4..]),
        ) else {
            continue;
        };
        let toks = readout::extract::text::tokenize(text, 0, text.len());
        for e in find_time_exprs(&toks) {
            for tense in [Tense::Past, Tense::Present, Tense::Future] {
                let _ = resolve(e.value, anchor, tense);
            }
        }
    }
}

#[test]
fn query_inputs() {
    use readout::web::params::{parse_timeline, to_query};
    let all = inputs("query");
    assert!(!all.is_empty(), "no query corpus");
    for (p, bytes) in all {
        let Ok(raw) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if let Ok(q) = parse_timeline(Some(raw)) {
            assert!(
                parse_timeline(Some(&to_query(&q.filter, None))).is_ok(),
                "{}",
                p.display()
            );
        }
    }
}
