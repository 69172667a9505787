//! Any text through the extractor: mentions whose offsets lie on the text.
#![no_main]
use readout::extract::actors::ActorBook;
use std::sync::LazyLock;

static BOOK: LazyLock<ActorBook> = LazyLock::new(ActorBook::default);

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let published = chrono::NaiveDate::from_ymd_opt(2025, 5, 20);
    let x = readout::extract::extract(text, published, &BOOK);
    for m in &x.mentions {
        assert!(text.is_char_boundary(m.sentence.start) && text.is_char_boundary(m.sentence.end));
        assert!(text.is_char_boundary(m.trigger.0) && text.is_char_boundary(m.trigger.1));
    }
});
