//! One module per subcommand, each with a `run`.

mod list;
mod parse;
mod show;

use crate::args::{Cli, Command};
use crate::Outcome;

pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Show(a) => show::run(a),
        Command::Parse(a) => parse::run(a),
        Command::List(a) => list::run(a),
    }
}
