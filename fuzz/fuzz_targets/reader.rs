//! Any bytes through the article reader: an article or a reason, never a panic.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(a) = readout::reader::read_article(data) {
        assert!(!a.body.trim().is_empty());
    }
});
