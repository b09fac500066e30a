//! The profile parser never panics, and what it parses survives a JSON
//! round trip unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(groups) = noc::parse::profile::parse_profiles(text) {
        let json = serde_json::to_string(&groups).unwrap();
        let back: Vec<noc::Group> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, groups);
    }
});
