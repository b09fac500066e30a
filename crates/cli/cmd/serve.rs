//! `noc serve`: the local web app and JSON API (`noc-server`) over the
//! chosen data. This module only reads flags, loads the data as the
//! other commands do, and starts the server.

use std::net::SocketAddr;

use crate::args::ServeArgs;
use crate::Outcome;

pub fn run(args: ServeArgs) -> anyhow::Result<Outcome> {
    let data = crate::data::load(&args.data)?;
    let (index, _) = crate::data::load_index(&args.data)?;
    // The concordance only adds to the profiles and enables
    // /api/v1/convert: the app runs without it.
    let concordance = match crate::data::concordance(
        &args.concordance,
        &args.data.store,
        data.source.path(),
    ) {
        Ok(c) => Some(c),
        Err(e) if args.concordance.concordance.is_some() => return Err(e),
        Err(_) => {
            eprintln!(
                "noc: no concordance installed: profiles will not show \
                 their NOC 2016 codes and /api/v1/convert is off (`noc \
                 data fetch` installs it)"
            );
            None
        }
    };
    if !args.bind.is_loopback() {
        eprintln!(
            "noc: warning: listening on {} lets other machines on the \
             network use this server (no authentication, no TLS)",
            args.bind
        );
    }
    let app = noc_server::App::new(
        data.classification,
        index,
        concordance,
        data.source.to_string(),
    );
    let addr = SocketAddr::new(args.bind, args.port);
    let open = args.open;
    noc_server::run(addr, app, |bound| {
        let url = browser_url(bound);
        println!("noc: serving {} on {url} (Ctrl-C stops)", data.source);
        if open {
            open_browser(&url);
        }
    })
    .map_err(|e| {
        let hint = match e.kind() {
            std::io::ErrorKind::AddrInUse => {
                " (another program listens on that port: pick another with \
                 --port N, or --port 0 for any free one)"
            }
            std::io::ErrorKind::PermissionDenied => {
                " (ports below 1024 need privileges: use --port 8080)"
            }
            _ => "",
        };
        anyhow::anyhow!("cannot serve on {addr}: {e}{hint}")
    })?;
    Ok(Outcome::Found)
}

/// The address a browser on this machine can reach: a server bound to
/// every interface is reached through loopback.
fn browser_url(bound: SocketAddr) -> String {
    let host = match bound.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => "127.0.0.1".to_string(),
        ip if ip.is_unspecified() => "[::1]".to_string(),
        std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    format!("http://{host}:{}/", bound.port())
}

/// Opens `url` in the desktop's browser; a failure is only a warning.
fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let spawned = std::process::Command::new(program)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        eprintln!("noc: warning: could not open a browser ({program}: {e})");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_url_reaches_unspecified_addresses_through_loopback() {
        let url = |s: &str| browser_url(s.parse().unwrap());
        assert_eq!(url("127.0.0.1:8080"), "http://127.0.0.1:8080/");
        assert_eq!(url("0.0.0.0:80"), "http://127.0.0.1:80/");
        assert_eq!(url("[::]:8080"), "http://[::1]:8080/");
        assert_eq!(url("[::1]:8080"), "http://[::1]:8080/");
    }
}
