//! `noc`: browse the National Occupational Classification and match job
//! titles to it. This crate is glue: parsing, the model and the matcher
//! live in the `noc` library.

use std::process::ExitCode;

use clap::Parser;

mod args;
mod cmd;
mod data;
mod fetch;
mod input;
mod output;

/// What a command found, mapped to the exit code.
pub enum Outcome {
    /// Results were printed: exit 0.
    Found,
    /// Nothing matched (unknown code, no confident match): exit 1.
    NothingFound,
    /// The command ran but some inputs had errors, already reported on
    /// stderr: exit 2.
    Errors,
}

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match cmd::run(cli) {
        Ok(Outcome::Found) => ExitCode::from(0),
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Ok(Outcome::Errors) => ExitCode::from(2),
        Err(err) if is_broken_pipe(&err) => ExitCode::from(0),
        Err(err) => {
            eprintln!("noc: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// A reader that went away (`noc list | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        let io = e.downcast_ref::<std::io::Error>().map(|io| io.kind());
        let json = e
            .downcast_ref::<serde_json::Error>()
            .and_then(|j| j.io_error_kind());
        io == Some(BrokenPipe) || json == Some(BrokenPipe)
    })
}
