//! `noc serve`: the binary starts the web app on the data chosen as for
//! every command, says where it listens, and answers over loopback.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use crate::util::noc;

/// A running `noc serve`, stopped when dropped.
struct Server {
    child: Child,
    url: String,
    stderr: std::thread::JoinHandle<String>,
    _home: tempfile::TempDir,
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let home = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_noc"))
            .arg("serve")
            .args(args)
            .env("NOC_HOME", home.path())
            .env_remove("NOC_DATA_DIR")
            .env_remove("NOC_STORE")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("noc serve starts");
        let mut err = child.stderr.take().unwrap();
        let stderr = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = err.read_to_string(&mut s);
            s
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .trim_end_matches('/')
            .to_string();
        Server { child, url, stderr, _home: home }
    }

    /// The status line and body of `GET path`.
    fn get(&self, path: &str) -> (String, String) {
        let host = self.url.trim_start_matches("http://");
        let mut s = TcpStream::connect(host).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        let status = out.lines().next().unwrap_or("").to_string();
        let body = out.split_once("\r\n\r\n").map(|x| x.1).unwrap_or("");
        (status, body.to_string())
    }

    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.stderr.join().unwrap()
    }
}

#[test]
fn serves_the_embedded_default_on_loopback() {
    let server = Server::start(&["--port", "0"]);
    assert!(server.url.starts_with("http://127.0.0.1:"), "{}", server.url);
    let (status, body) = server.get("/api/v1/match?q=youth%20worker&top=1");
    assert_eq!(status, "HTTP/1.1 200 OK", "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["candidates"][0]["code"], "4212");
    let (status, body) = server.get("/group/4212");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(body.contains("社会和社区服务工作者"));
    let stderr = server.stop();
    // No concordance in an empty home: said once, not an error.
    assert!(stderr.contains("no concordance installed"), "{stderr}");
    assert!(!stderr.contains("warning: listening"), "{stderr}");
}

/// `--bind localhost` was refused as "invalid IP address syntax".
#[test]
fn binds_a_host_name() {
    let server = Server::start(&["--port", "0", "--bind", "localhost"]);
    assert!(server.url.starts_with("http://127.0.0.1:"), "{}", server.url);
    let (status, _) = server.get("/api/v1/openapi.json");
    assert_eq!(status, "HTTP/1.1 200 OK");
    let stderr = server.stop();
    assert!(!stderr.contains("warning: listening"), "{stderr}");
}

#[test]
fn warns_when_open_to_the_network() {
    let server = Server::start(&["--port", "0", "--bind", "0.0.0.0"]);
    // A browser on this machine reaches it through loopback.
    assert!(server.url.starts_with("http://127.0.0.1:"), "{}", server.url);
    let (status, _) = server.get("/api/v1/openapi.json");
    assert_eq!(status, "HTTP/1.1 200 OK");
    let stderr = server.stop();
    assert!(stderr.contains("warning: listening on 0.0.0.0"), "{stderr}");
}

#[test]
fn bad_flags_and_data_are_errors() {
    // A host name is resolved (see args.rs); what is neither an address
    // nor a host name says an IP address is expected.
    let r = noc(&["serve", "--bind", "http://localhost"]).expect_code(2);
    assert!(r.stderr.contains("--bind"), "{}", r.stderr);
    assert!(r.stderr.contains("such as 127.0.0.1"), "{}", r.stderr);
    let r = noc(&["serve", "--port", "70000"]).expect_code(2);
    assert!(r.stderr.contains("--port"), "{}", r.stderr);
    let r = noc(&["serve", "--data", "/no/such/folder"]).expect_code(2);
    assert!(r.stderr.contains("no such file or folder"), "{}", r.stderr);
}

#[test]
fn a_port_in_use_is_an_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let r = noc(&["serve", "--port", &port]).expect_code(2);
    assert!(
        r.stderr.contains("cannot serve on 127.0.0.1:")
            && r.stderr.contains("--port 0 for any free one"),
        "{}",
        r.stderr
    );
}
