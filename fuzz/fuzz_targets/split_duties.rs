//! The duty splitter never panics; every statement is trimmed, non-empty
//! and holds a letter; splitting is deterministic; bytes that are not a
//! description are refused with an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use noc::describe::{split_duties, Description};

fuzz_target!(|data: &[u8]| {
    let _ = Description::from_bytes(None, data, None);
    let Ok(text) = std::str::from_utf8(data) else { return };
    let duties = split_duties(text);
    for d in &duties {
        assert!(!d.is_empty() && d.trim() == d, "{d:?}");
        assert!(d.chars().any(char::is_alphabetic), "{d:?}");
    }
    assert_eq!(duties, split_duties(text));
});
