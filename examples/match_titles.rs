//! Matching job titles with the library, on the embedded default.
//!
//! ```text
//! cargo run --example match_titles
//! ```

use noc::index::Index;
use noc::matcher::{Config, Matcher};

pub fn main() {
    // The embedded default: NOC 2011 unit group 4212, Chinese and English.
    let classification = noc::embedded::classification();
    // Build the index once; the matcher is immutable and can be shared
    // between threads.
    let matcher = Matcher::with_config(
        Index::build(classification),
        Config::DEFAULT.top(3).explain(false),
    );
    let titles = [
        "Sr. Youth Worker (PT) - Toronto",
        "社区工作者",
        "social worker",
        "astronaut",
    ];
    for m in matcher.match_many(&titles, 2) {
        match m.candidates.first() {
            Some(best) => println!(
                "{:<32} -> {} {} (score {:.2}, matched {:?})",
                m.query, best.code, best.title, best.score, best.matched_title
            ),
            None => println!("{:<32} -> no match", m.query),
        }
    }
    let social = matcher.match_title("social worker");
    // "Social workers" is classified elsewhere by 4212: 4152 ranks first.
    assert_eq!(social.candidates[0].code.as_str(), "4152");
}
