//! Finding the shared test data, for every test crate of the workspace
//! (included with `#[path]`).

use std::io::Write;
use std::path::{Path, PathBuf};

/// The folder named by `NOC_TEST_DATA` when it holds every path in
/// `needs`. A relative path is read from the repository root, where the
/// README's `NOC_TEST_DATA=../shared/data cargo test --workspace` is run,
/// whichever crate's tests ask (cargo runs each crate's tests in its own
/// folder; see: issue 11). When the folder does not hold `needs`, a test
/// fails if `CI` is set (CI must never skip) and is skipped otherwise,
/// with a line on stderr that the test harness does not capture, so that
/// every skip shows in the output of `cargo test`.
pub fn test_data(needs: &[&str]) -> Option<PathBuf> {
    let given = std::env::var_os("NOC_TEST_DATA").map(PathBuf::from);
    let dir = given.as_deref().map(resolve);
    match &dir {
        Some(d) if needs.iter().all(|n| d.join(n).exists()) => dir,
        _ => {
            let why = match (&given, &dir) {
                (Some(g), Some(d)) => format!(
                    "NOC_TEST_DATA={} ({}) does not hold {}",
                    g.display(),
                    d.display(),
                    needs.join(", ")
                ),
                _ => format!(
                    "NOC_TEST_DATA is not set (the folder holding {})",
                    needs.join(", ")
                ),
            };
            if std::env::var_os("CI").is_some() {
                panic!("{why}");
            }
            let test =
                std::thread::current().name().unwrap_or("a test").to_string();
            // Written to the process's stderr directly: `eprintln!` in a
            // test is captured and shown only when the test fails.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED {test}: {why}; set NOC_TEST_DATA to the shared \
                 data folder"
            );
            None
        }
    }
}

/// `path` made absolute from the repository root (the folder above the
/// test crate's that holds `Cargo.lock`).
fn resolve(path: &Path) -> PathBuf {
    if path.is_absolute() {
        return path.to_path_buf();
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest
        .ancestors()
        .find(|d| d.join("Cargo.lock").exists())
        .unwrap_or(manifest);
    root.join(path)
}

/// See: issue 11 (`NOC_TEST_DATA=../shared/data` was read from
/// `crates/noc` by the library's tests, which then skipped silently).
#[test]
fn relative_test_data_is_read_from_the_repository_root() {
    let dir = resolve(Path::new("shared-data"));
    let root = dir.parent().unwrap();
    assert!(root.join("Cargo.lock").exists(), "{}", dir.display());
    assert!(root.join("crates/noc").is_dir(), "{}", dir.display());
    assert_eq!(resolve(Path::new("/abs")), Path::new("/abs"));
}
