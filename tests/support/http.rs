//! A tiny HTTP/1.1 server on 127.0.0.1 for the `noc data fetch` tests:
//! each request's path is answered by a function the test gives, which
//! can also misbehave (cut a body short, never answer).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// What the server does with one request.
pub enum Reply {
    /// 200 with this body.
    Body(Vec<u8>),
    /// 404.
    NotFound,
    /// 200 announcing the full length but sending only the first half,
    /// then closing the connection.
    CutShort(Vec<u8>),
    /// Read the request, then send nothing until the test ends.
    Stall,
}

/// A running server; stopped when dropped.
pub struct Server {
    pub base: String,
    stop: Arc<AtomicBool>,
}

impl Server {
    /// Serves `reply(path)` for every request.
    pub fn start(
        reply: impl Fn(&str) -> Reply + Send + Sync + 'static,
    ) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let stop = Arc::new(AtomicBool::new(false));
        let reply = Arc::new(reply);
        let stopped = stop.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let reply = reply.clone();
                let stopped = stopped.clone();
                std::thread::spawn(move || serve(stream, &*reply, &stopped));
            }
        });
        Server { base, stop }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.base.trim_start_matches("http://"));
    }
}

fn serve(
    stream: TcpStream,
    reply: &(dyn Fn(&str) -> Reply + Send + Sync),
    stopped: &AtomicBool,
) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Skip the headers.
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {}
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let mut out = stream;
    let head = |status: &str, len: usize| {
        format!(
            "HTTP/1.1 {status}\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n"
        )
    };
    match reply(path) {
        Reply::Body(body) => {
            let _ = out.write_all(head("200 OK", body.len()).as_bytes());
            let _ = out.write_all(&body);
        }
        Reply::NotFound => {
            let body = b"not found";
            let _ =
                out.write_all(head("404 Not Found", body.len()).as_bytes());
            let _ = out.write_all(body);
        }
        Reply::CutShort(body) => {
            let _ = out.write_all(head("200 OK", body.len()).as_bytes());
            let _ = out.write_all(&body[..body.len() / 2]);
        }
        Reply::Stall => {
            while !stopped.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
    let _ = out.flush();
}
