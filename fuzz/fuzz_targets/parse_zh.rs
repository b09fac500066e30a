//! The readers of the project's Chinese data (lexicon and names) never
//! panic, and what they accept they can look up and split (issue 9).
#![no_main]

use libfuzzer_sys::fuzz_target;
use noc::zh::{Lexicon, Names};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(lex) = Lexicon::parse(text, "fuzz.tsv") {
        for e in lex.entries() {
            assert_eq!(lex.get(&e.zh).map(|x| &x.zh), Some(&e.zh));
            let parts = lex.split_known(&e.zh);
            assert_eq!(parts.concat_len(), e.zh.len());
        }
        let _ = lex.split_known(text);
    }
    let _ = Names::parse(text, "fuzz.tsv");
});

trait ConcatLen {
    fn concat_len(&self) -> usize;
}

impl<T> ConcatLen for Vec<(&str, T)> {
    fn concat_len(&self) -> usize {
        self.iter().map(|(s, _)| s.len()).sum()
    }
}
