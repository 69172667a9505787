//! Time expressions in any text, resolved against an anchor taken from the
//! first bytes: a date or none, never a panic.
#![no_main]
use readout::extract::dates::{find_time_exprs, resolve, Tense};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let days = i32::from_le_bytes([data[0], data[1], data[2], data[3]]) % 4_000_000;
    let Some(anchor) = chrono::NaiveDate::from_num_days_from_ce_opt(days) else {
        return;
    };
    let Ok(text) = std::str::from_utf8(&data[4..]) else {
        return;
    };
    let toks = readout::extract::text::tokenize(text, 0, text.len());
    for e in find_time_exprs(&toks) {
        for tense in [Tense::Past, Tense::Present, Tense::Future] {
            let _ = resolve(e.value, anchor, tense);
        }
    }
});
