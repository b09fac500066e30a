//! A bounded load test of a running `noc serve` on loopback: keep-alive
//! connections, each on its own thread, send `GET /api/v1/match?q=…`
//! back to back for a fixed time, then print requests per second,
//! latency percentiles and the server's memory (from `/proc/PID/status`).
//!
//! ```text
//! cargo run --release -p noc-server --example load -- \
//!     127.0.0.1:8080 [--seconds 20] [--connections 8] [--pid PID]
//! ```
//!
//! `crates/server/load.sh` starts the server and runs this. Only loopback
//! addresses are accepted.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// Titles as people write them, in the three languages (written for
/// this test, not taken from any labelled set).
const TITLES: &[&str] = &[
    "Sr. Youth Worker (PT) - Toronto",
    "line cook",
    "registered nurse",
    "software developer",
    "intervenante en toxicomanie",
    "truck driver AZ",
    "accounting clerk",
    "social worker",
    "electrician apprentice",
    "customer service representative",
    "préposée aux bénéficiaires",
    "early childhood educator",
    "welder fitter",
    "HR manager",
    "data analyst",
    "社区工作者",
    "retail sales associate",
    "mechanical engineer",
    "dental hygienist",
    "administrative assistant",
    "construction labourer",
    "pharmacy technician",
    "chef de cuisine",
    "security guard",
    "financial advisor",
    "heavy equipment operator",
    "teacher - elementary school",
    "web designer",
    "personal support worker",
    "cashier",
];

struct Options {
    addr: SocketAddr,
    seconds: u64,
    connections: usize,
    pid: Option<u32>,
}

fn options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut addr = None;
    let (mut seconds, mut connections, mut pid) = (20, 8, None);
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next().ok_or_else(|| format!("{name} needs a value"))
        };
        match a.as_str() {
            "--seconds" => {
                seconds = value("--seconds")?
                    .parse()
                    .map_err(|e| format!("--seconds: {e}"))?
            }
            "--connections" => {
                connections = value("--connections")?
                    .parse()
                    .map_err(|e| format!("--connections: {e}"))?
            }
            "--pid" => {
                pid = Some(
                    value("--pid")?
                        .parse()
                        .map_err(|e| format!("--pid: {e}"))?,
                )
            }
            _ => {
                addr = Some(
                    a.parse::<SocketAddr>()
                        .map_err(|e| format!("{a}: {e} (expected IP:PORT)"))?,
                )
            }
        }
    }
    let addr = addr.ok_or(
        "usage: load IP:PORT [--seconds N] [--connections N] [--pid PID]",
    )?;
    if !addr.ip().is_loopback() {
        return Err(format!(
            "{addr}: only loopback addresses are load-tested"
        ));
    }
    if !(1..=120).contains(&seconds) || !(1..=64).contains(&connections) {
        return Err("--seconds 1..120, --connections 1..64".into());
    }
    Ok(Options { addr, seconds, connections, pid })
}

/// Percent-encodes a query value.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// One connection's loop: latencies in microseconds, and errors.
fn client(
    addr: SocketAddr,
    until: Instant,
    offset: usize,
) -> (Vec<u32>, usize) {
    let mut lat = Vec::with_capacity(1 << 16);
    let mut errors = 0;
    let connect = || -> std::io::Result<(TcpStream, BufReader<TcpStream>)> {
        let s = TcpStream::connect(addr)?;
        s.set_nodelay(true)?;
        let r = BufReader::new(s.try_clone()?);
        Ok((s, r))
    };
    let Ok((mut w, mut r)) = connect() else { return (lat, 1) };
    let mut i = offset;
    let mut body = vec![];
    while Instant::now() < until {
        let q = encode(TITLES[i % TITLES.len()]);
        i += 1;
        let t = Instant::now();
        let req = format!(
            "GET /api/v1/match?q={q}&top=5 HTTP/1.1\r\nHost: load\r\n\r\n"
        );
        let ok = w.write_all(req.as_bytes()).is_ok()
            && read_response(&mut r, &mut body);
        if ok {
            lat.push(t.elapsed().as_micros().min(u32::MAX as u128) as u32);
        } else {
            errors += 1;
            match connect() {
                Ok((a, b)) => (w, r) = (a, b),
                Err(_) => break,
            }
        }
    }
    (lat, errors)
}

/// Reads one response; true when it is a 200 with a body.
fn read_response(r: &mut BufReader<TcpStream>, body: &mut Vec<u8>) -> bool {
    let mut line = String::new();
    if r.read_line(&mut line).unwrap_or(0) == 0 {
        return false;
    }
    let ok = line.starts_with("HTTP/1.1 200");
    let mut len = 0usize;
    loop {
        line.clear();
        if r.read_line(&mut line).unwrap_or(0) == 0 {
            return false;
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                len = v.trim().parse().unwrap_or(0);
            }
        }
    }
    body.resize(len, 0);
    r.read_exact(body).is_ok() && ok && len > 0
}

/// A field of `/proc/PID/status` in MB.
fn memory(pid: u32, field: &str) -> Option<f64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("load: {e}");
            std::process::exit(2);
        }
    };
    let idle = o.pid.and_then(|p| memory(p, "VmRSS:"));
    let start = Instant::now();
    let until = start + Duration::from_secs(o.seconds);
    let handles: Vec<_> = (0..o.connections)
        .map(|c| std::thread::spawn(move || client(o.addr, until, c * 7)))
        .collect();
    // Sample the server's memory while the load runs.
    let mut peak_rss: f64 = 0.0;
    while Instant::now() < until {
        if let Some(m) = o.pid.and_then(|p| memory(p, "VmRSS:")) {
            peak_rss = peak_rss.max(m);
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let mut lat = vec![];
    let mut errors = 0;
    for h in handles {
        let (l, e) = h.join().expect("client thread");
        lat.extend(l);
        errors += e;
    }
    let secs = start.elapsed().as_secs_f64();
    lat.sort_unstable();
    let pct = |p: f64| {
        if lat.is_empty() {
            return 0.0;
        }
        let i =
            ((lat.len() as f64 * p).ceil() as usize).clamp(1, lat.len()) - 1;
        lat[i] as f64 / 1000.0
    };
    println!(
        "{} connections, {:.1} s: {} requests ({} errors), {:.0} requests/s",
        o.connections,
        secs,
        lat.len(),
        errors,
        lat.len() as f64 / secs
    );
    println!(
        "latency ms: p50 {:.2}, p90 {:.2}, p99 {:.2}, max {:.2}",
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(1.0)
    );
    if let Some(pid) = o.pid {
        let hwm = memory(pid, "VmHWM:");
        println!(
            "server memory MB: idle {:.0}, peak resident during load {:.0}, \
             peak since start {:.0}",
            idle.unwrap_or(0.0),
            peak_rss,
            hwm.unwrap_or(0.0)
        );
    }
    if errors > 0 || lat.is_empty() {
        std::process::exit(1);
    }
}
