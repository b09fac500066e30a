//! Running the `noc` binary in tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

#[path = "support/test_data.rs"]
mod test_data;
use test_data::test_data;

/// The result of one run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Fails with both streams shown when the exit code is not `code`.
    #[track_caller]
    pub fn expect_code(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "exit code {} (expected {code})\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    /// The `line` of each JSON line on stdout.
    #[track_caller]
    pub fn json_line_numbers(&self) -> Vec<u64> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .map(|l| l["line"].as_u64().unwrap())
            .collect()
    }
}

/// An empty `NOC_HOME` shared by the tests that do not install data, so
/// that nothing the user installed (or cached) changes their results.
pub fn empty_home() -> &'static Path {
    static HOME: OnceLock<tempfile::TempDir> = OnceLock::new();
    HOME.get_or_init(|| tempfile::tempdir().expect("a temporary folder"))
        .path()
}

/// Runs `noc` with `args` and no `NOC_DATA_DIR`, feeding `stdin`, with
/// an empty data store and cache.
pub fn noc_stdin(args: &[&str], stdin: &str) -> Run {
    noc_home(empty_home(), args, stdin)
}

/// Runs `noc` with `NOC_HOME` set to `home` (data store and cache).
pub fn noc_home(home: &Path, args: &[&str], stdin: &str) -> Run {
    noc_bytes(home, args, stdin.as_bytes())
}

/// Runs `noc` with `NOC_HOME` set to `home`, feeding `stdin` as bytes.
pub fn noc_bytes(home: &Path, args: &[&str], stdin: &[u8]) -> Run {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_noc"))
        .args(args)
        .env("NOC_HOME", home)
        .env_remove("NOC_DATA_DIR")
        .env_remove("NOC_STORE")
        .env_remove("NOC_BASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("noc runs");
    let mut input = child.stdin.take().expect("stdin");
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let out: Output = child.wait_with_output().expect("noc finishes");
    let _ = writer.join();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `noc` with `args` and empty stdin.
pub fn noc(args: &[&str]) -> Run {
    noc_stdin(args, "")
}

/// The shared test data folder when it holds every path in `needs`.
pub fn test_data_dir(needs: &[&str]) -> Option<PathBuf> {
    test_data(needs)
}

/// The folder of official NOC 2021 files, from `NOC_TEST_DATA`.
pub fn official_dir() -> Option<PathBuf> {
    test_data(&["noc2021"]).map(|d| d.join("noc2021"))
}

/// The embedded seed profile, as a file in the repository.
pub fn seed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data/4212_social_community_service_workers.txt")
}
