//! One module per subcommand, each with a `run`.

mod check;
pub mod convert;
mod data;
mod describe;
mod eval;
mod list;
mod matching;
mod parse;
mod serve;
mod show;

use crate::args::{Cli, Command};
use crate::Outcome;

pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Show(a) => show::run(a),
        Command::Parse(a) => parse::run(a),
        Command::List(a) => list::run(a),
        Command::Match(a) => matching::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Check(a) => check::run(a),
        Command::Convert(a) => convert::run(a),
        Command::Data(c) => data::run(c),
        Command::Serve(a) => serve::run(a),
    }
}

/// Threads to use: the flag, else every core.
pub fn threads(flag: Option<usize>) -> usize {
    flag.unwrap_or_else(|| {
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
    })
    .max(1)
}

/// Peak resident memory of this process in bytes (Linux), if known.
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
