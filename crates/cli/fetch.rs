//! Downloading official files over HTTPS (ureq), with a bounded wait for
//! a silent server, a size check against `Content-Length` and a progress
//! bar on a terminal. Validation and installation are the library's
//! (`noc::store`).

use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::time::Duration;

use anyhow::Context;

/// Fetches files over HTTP(S).
pub struct Fetcher {
    agent: ureq::Agent,
    progress: bool,
}

impl Fetcher {
    /// A fetcher that gives up on a server silent for `timeout`.
    pub fn new(timeout: Duration) -> Fetcher {
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(timeout)
            .timeout_read(timeout)
            .timeout_write(timeout)
            .user_agent(concat!("noc/", env!("CARGO_PKG_VERSION")))
            .build();
        Fetcher { agent, progress: std::io::stderr().is_terminal() }
    }

    /// The body of `url` as text (a small answer, such as the portal's
    /// API).
    pub fn get_text(&self, url: &str) -> anyhow::Result<String> {
        let response = self.call(url)?;
        let mut text = String::new();
        response
            .into_reader()
            .take(1 << 24)
            .read_to_string(&mut text)
            .with_context(|| format!("{url}: reading the answer"))?;
        Ok(text)
    }

    fn call(&self, url: &str) -> anyhow::Result<ureq::Response> {
        match self.agent.get(url).call() {
            Ok(r) => Ok(r),
            Err(ureq::Error::Status(code, r)) => anyhow::bail!(
                "{url}: the server answered HTTP {code} {}",
                r.status_text()
            ),
            Err(ureq::Error::Transport(t)) => {
                // ureq's own text repeats the address; say it once.
                let mut why = t.kind().to_string();
                if let Some(m) = t.message() {
                    why = format!("{why}: {m}");
                }
                if let Some(source) = std::error::Error::source(&t) {
                    why = format!("{why}: {source}");
                }
                anyhow::bail!("{url}: {why}")
            }
        }
    }

    /// Downloads `url` into `dest`. Fails on an HTTP error status, a
    /// silent server, or a body shorter or longer than announced.
    pub fn download(&self, url: &str, dest: &Path) -> anyhow::Result<u64> {
        let response = self.call(url)?;
        let expected: Option<u64> =
            response.header("Content-Length").and_then(|v| v.parse().ok());
        let bar = self.progress.then(|| {
            let bar = indicatif::ProgressBar::new(expected.unwrap_or(0));
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{msg} {bar:30} {bytes}/{total_bytes} ({bytes_per_sec})",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar.set_message(
                dest.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
            bar
        });
        let mut file = std::fs::File::create(dest)
            .with_context(|| format!("creating {}", dest.display()))?;
        let mut reader = response.into_reader();
        let mut buf = vec![0u8; 1 << 16];
        let mut got = 0u64;
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                    continue
                }
                Err(e) => {
                    return Err(e).with_context(|| {
                        format!(
                        "{url}: the download was cut short after {got} bytes"
                    )
                    })
                }
            };
            file.write_all(&buf[..n])
                .with_context(|| format!("writing {}", dest.display()))?;
            got += n as u64;
            if let Some(bar) = &bar {
                bar.set_position(got);
            }
        }
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        file.sync_all()
            .with_context(|| format!("writing {}", dest.display()))?;
        if let Some(len) = expected.filter(|len| *len != got) {
            anyhow::bail!(
                "{url}: the download is cut short: {got} of {len} bytes"
            );
        }
        Ok(got)
    }
}
