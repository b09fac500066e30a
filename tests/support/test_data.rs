//! Finding the shared test data, for every test crate of the workspace
//! (included with `#[path]`).

use std::path::PathBuf;

/// The folder named by `NOC_TEST_DATA` when it holds every path in
/// `needs`. When it does not, a test fails if `CI` is set (CI must never
/// skip) and is skipped with a message otherwise.
pub fn test_data(needs: &[&str]) -> Option<PathBuf> {
    let dir = std::env::var_os("NOC_TEST_DATA").map(PathBuf::from);
    match dir {
        Some(d) if needs.iter().all(|n| d.join(n).exists()) => Some(d),
        other => {
            let msg = format!(
                "NOC_TEST_DATA={other:?} does not hold {}; set it to the \
                 shared data folder",
                needs.join(", ")
            );
            if std::env::var_os("CI").is_some() {
                panic!("{msg}");
            }
            eprintln!("skipping: {msg}");
            None
        }
    }
}
