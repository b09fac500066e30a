//! Running the `noc` binary in tests.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

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
}

/// Runs `noc` with `args` and no `NOC_DATA_DIR`, feeding `stdin`.
pub fn noc_stdin(args: &[&str], stdin: &str) -> Run {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_noc"))
        .args(args)
        .env_remove("NOC_DATA_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("noc runs");
    let mut input = child.stdin.take().expect("stdin");
    let text = stdin.to_string();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(text.as_bytes());
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

/// The folder of official NOC 2021 files, from `NOC_TEST_DATA`. In CI a
/// missing folder fails the test; elsewhere the test is skipped with a
/// message.
pub fn official_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("NOC_TEST_DATA").map(PathBuf::from);
    match dir {
        Some(d) if d.join("noc2021").is_dir() => Some(d.join("noc2021")),
        other => {
            let msg = format!(
                "NOC_TEST_DATA={other:?} does not hold noc2021/; set it to \
                 the shared data folder"
            );
            if std::env::var_os("CI").is_some() {
                panic!("{msg}");
            }
            eprintln!("skipping: {msg}");
            None
        }
    }
}

/// The embedded seed profile, as a file in the repository.
pub fn seed_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data/4212_social_community_service_workers.txt")
}
