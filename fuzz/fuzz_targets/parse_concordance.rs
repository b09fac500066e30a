//! The concordance reader never panics, and every code it accepts
//! converts to targets of the right width.
#![no_main]

use libfuzzer_sys::fuzz_target;
use noc::concordance::Concordance;

fuzz_target!(|data: &[u8]| {
    if let Ok((c, _)) = Concordance::read_2016_to_2021(data) {
        for link in c.links() {
            let conv = c.convert(link.from.as_str()).unwrap();
            assert!(conv.targets.iter().all(|t| t.code.len() == 5));
        }
    }
});
