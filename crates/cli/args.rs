//! Command-line arguments (clap). Raw flags are turned into library
//! objects in `data.rs` and the `cmd/` modules.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Canada's National Occupational Classification: browse it and match
/// job titles to it.
#[derive(Debug, Parser)]
#[command(name = "noc", version, about, max_term_width = 79)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the profile of one class.
    Show(ShowArgs),
    /// Parse a profile file or folder, or a folder of official CSV
    /// files, and report counts and every problem.
    Parse(ParseArgs),
    /// Browse the hierarchy.
    List(ListArgs),
    /// Match job titles to NOC unit groups.
    Match(MatchArgs),
    /// Measure the matcher on a labelled CSV (title, code, source).
    Eval(EvalArgs),
    /// Convert NOC 2016 codes to NOC 2021 with the official concordance.
    Convert(ConvertArgs),
}

/// Where the NOC data comes from.
#[derive(Debug, Args, Clone)]
pub struct DataArgs {
    /// A folder of official Statistics Canada CSV files or of profile
    /// files, instead of the embedded default (NOC 2011 unit group 4212).
    #[arg(long, value_name = "DIR", env = "NOC_DATA_DIR", global = true)]
    pub data: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    En,
    Fr,
    Zh,
}

impl From<LangArg> for noc::Lang {
    fn from(l: LangArg) -> noc::Lang {
        match l {
            LangArg::En => noc::Lang::En,
            LangArg::Fr => noc::Lang::Fr,
            LangArg::Zh => noc::Lang::Zh,
        }
    }
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The code of the class, e.g. 4212 or 42201.
    pub code: String,
    /// The language to show (falls back to any language the source has).
    #[arg(long, value_enum, default_value = "en")]
    pub lang: LangArg,
    /// Print the typed profile as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// A profile file, a folder of profiles, or a folder of official CSV
    /// files.
    pub path: PathBuf,
    /// Print the parsed classification as JSON (problems go to stderr).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LevelArg {
    Broad,
    Major,
    SubMajor,
    Minor,
    Unit,
}

impl From<LevelArg> for noc::Level {
    fn from(l: LevelArg) -> noc::Level {
        match l {
            LevelArg::Broad => noc::Level::BroadCategory,
            LevelArg::Major => noc::Level::MajorGroup,
            LevelArg::SubMajor => noc::Level::SubMajorGroup,
            LevelArg::Minor => noc::Level::MinorGroup,
            LevelArg::Unit => noc::Level::UnitGroup,
        }
    }
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only classes at this level.
    #[arg(long, value_enum)]
    pub level: Option<LevelArg>,
    /// Only NOC 2021 classes of this TEER category (0-5).
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=5))]
    pub teer: Option<u8>,
    /// Only classes under this code (e.g. 42 or 4220).
    #[arg(long, value_name = "CODE")]
    pub under: Option<String>,
    /// The language of the titles.
    #[arg(long, value_enum, default_value = "en")]
    pub lang: LangArg,
    /// One JSON object per line: code, level, title, teer.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum QueryLangArg {
    Auto,
    En,
    Fr,
    Zh,
}

impl QueryLangArg {
    pub fn lang(self) -> Option<noc::Lang> {
        match self {
            QueryLangArg::Auto => None,
            QueryLangArg::En => Some(noc::Lang::En),
            QueryLangArg::Fr => Some(noc::Lang::Fr),
            QueryLangArg::Zh => Some(noc::Lang::Zh),
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum FormatArg {
    /// A readable table.
    Table,
    /// JSON Lines: one object per input title.
    Json,
    /// CSV: one row per input title.
    Csv,
}

#[derive(Debug, Args)]
pub struct MatchArgs {
    /// Job titles to match. Without any (and without --input), titles are
    /// read from standard input, one per line.
    pub titles: Vec<String>,
    /// How many candidates to report per title.
    #[arg(long, default_value_t = 5)]
    pub top: usize,
    /// The least score (0 to 1) of the best candidate; below it the
    /// title gets no match.
    #[arg(long, default_value_t = noc::matcher::score::DEFAULT_MIN_SCORE)]
    pub min_score: f32,
    /// The language of the titles.
    #[arg(long, value_enum, default_value = "auto")]
    pub lang: QueryLangArg,
    /// Show why each candidate scored what it did.
    #[arg(long)]
    pub explain: bool,
    /// Print JSON Lines (same as --format json).
    #[arg(long)]
    pub json: bool,
    /// The output format [default: by the --output extension (.csv,
    /// .jsonl), else table].
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// A CSV file of titles to match (needs --column).
    #[arg(long, value_name = "FILE.csv", requires = "column")]
    pub input: Option<PathBuf>,
    /// The column of --input that holds the titles.
    #[arg(long, value_name = "NAME")]
    pub column: Option<String>,
    /// Write results to this file (.csv or .jsonl) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Threads for batch matching [default: all cores].
    #[arg(long)]
    pub threads: Option<usize>,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// A labelled CSV with the columns title, a code column and source.
    #[arg(required_unless_present = "perturbed")]
    pub file: Option<PathBuf>,
    /// Instead of a file, measure on perturbed copies of every Nth
    /// English index title of the data (one typo, inverted word order,
    /// qualifier dropped).
    #[arg(long, value_name = "N", conflicts_with = "file")]
    pub perturbed: Option<usize>,
    /// The column holding the right codes.
    #[arg(long, default_value = "noc2021")]
    pub code_column: String,
    /// Threads [default: all cores].
    #[arg(long)]
    pub threads: Option<usize>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum VersionArg {
    #[value(name = "2016")]
    V2016,
    #[value(name = "2021")]
    V2021,
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// NOC codes to convert (leading zeros may be missing).
    #[arg(required = true)]
    pub codes: Vec<String>,
    /// The version of the codes given.
    #[arg(long, value_enum, default_value = "2016")]
    pub from: VersionArg,
    /// The version to convert to.
    #[arg(long, value_enum, default_value = "2021")]
    pub to: VersionArg,
    /// The official concordance file (noc2016v1_3-noc2021v1_0-eng.csv)
    /// [default: that file in the --data folder or its concordance/
    /// sub-folder].
    #[arg(long, value_name = "FILE")]
    pub concordance: Option<PathBuf>,
    /// One JSON object per code.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn teer_must_be_0_to_5() {
        assert!(Cli::try_parse_from(["noc", "list", "--teer", "6"]).is_err());
        assert!(Cli::try_parse_from(["noc", "list", "--teer", "5"]).is_ok());
    }
}
