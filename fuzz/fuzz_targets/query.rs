//! Any query string through the timeline's parser: a filter or a message.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(raw) = std::str::from_utf8(data) {
        if let Ok(q) = readout::web::params::parse_timeline(Some(raw)) {
            let again = readout::web::params::to_query(&q.filter, None);
            assert!(readout::web::params::parse_timeline(Some(&again)).is_ok());
        }
    }
});
