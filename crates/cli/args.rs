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
    /// Measure the matcher on a labelled CSV (title, code, source), or
    /// on a duties file (title, duties, noc2021, noc2021_any, source).
    Eval(EvalArgs),
    /// Check a reference letter's duties against one unit group.
    Check(CheckArgs),
    /// Convert NOC 2016 (or 2011) codes to NOC 2021 with the official
    /// concordance.
    Convert(ConvertArgs),
    /// Install the official NOC data and see what is installed.
    #[command(subcommand)]
    Data(DataCommand),
    /// Run the local web app and JSON API (http://127.0.0.1:8080).
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// The address to listen on: an IP address or a host name such as
    /// localhost. Only this machine can connect to the default; 0.0.0.0
    /// opens the server to the network (no authentication, no TLS).
    #[arg(
        long,
        value_name = "ADDR",
        default_value = "127.0.0.1",
        value_parser = parse_bind
    )]
    pub bind: std::net::IpAddr,
    /// Open the app in the default web browser once it listens.
    #[arg(long)]
    pub open: bool,
    #[command(flatten)]
    pub concordance: ConcordanceArgs,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Subcommand)]
pub enum DataCommand {
    /// Download the official Statistics Canada files, validate them and
    /// install them.
    Fetch(FetchArgs),
    /// Validate and install official files downloaded by hand.
    Import(ImportArgs),
    /// Show what is installed, where, and which data commands use.
    Status(StatusArgs),
}

#[derive(Debug, Args)]
pub struct FetchArgs {
    /// The NOC versions to fetch (the 2016→2021 concordance comes with
    /// them). NOC 2011 has no official download: import it.
    #[arg(
        long = "version",
        value_enum,
        value_delimiter = ',',
        default_value = "2021"
    )]
    pub versions: Vec<VersionArg>,
    /// The languages to fetch (NOC 2021 has English and French files).
    /// Files of other languages installed before are kept.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "en,fr")]
    pub lang: Vec<FileLangArg>,
    /// Install only the files fetched now, dropping the other languages
    /// installed before.
    #[arg(long)]
    pub replace: bool,
    /// Fetch every file from this mirror (BASE/FILE_NAME) instead of the
    /// official addresses.
    #[arg(long, value_name = "URL", env = "NOC_BASE_URL")]
    pub base_url: Option<String>,
    /// The open government portal's CKAN API, asked for the addresses of
    /// the NOC 2021 files.
    #[arg(
        long,
        value_name = "URL",
        env = "NOC_PORTAL_API",
        default_value = noc::store::PORTAL_API
    )]
    pub portal_api: String,
    /// Give up on a server that sends nothing for this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub timeout: u64,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files, or folders holding them (searched two levels deep), with
    /// their official names.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Install only the files given, dropping the other files of their
    /// set installed before (by default those are kept).
    #[arg(long)]
    pub replace: bool,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print the status as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Where installed data lives.
#[derive(Debug, Args, Clone)]
pub struct StoreArgs {
    /// The folder of installed data [default: $NOC_HOME/data, else the
    /// platform's data folder, e.g. ~/.local/share/noc].
    #[arg(long, value_name = "DIR", env = "NOC_STORE")]
    pub store: Option<PathBuf>,
}

/// Where the NOC data comes from: `--data`, `NOC_DATA_DIR`, the
/// installed data, or the embedded default, in that order.
#[derive(Debug, Args, Clone)]
pub struct DataArgs {
    /// A folder of official Statistics Canada CSV files or of profile
    /// files, instead of the installed data or the embedded default (NOC
    /// 2011 unit group 4212).
    #[arg(long, value_name = "DIR", env = "NOC_DATA_DIR", global = true)]
    pub data: Option<PathBuf>,
    /// The NOC version to use [default: that of --data, else the newest
    /// installed, else the embedded default].
    #[arg(long = "version", value_enum, value_name = "YEAR")]
    pub version: Option<VersionArg>,
    /// Neither read nor write the cache of parsed data and index.
    #[arg(long, global = true)]
    pub no_cache: bool,
    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    En,
    Fr,
    Zh,
}

/// The languages of the official files.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum FileLangArg {
    En,
    Fr,
}

impl From<FileLangArg> for noc::Lang {
    fn from(l: FileLangArg) -> noc::Lang {
        match l {
            FileLangArg::En => noc::Lang::En,
            FileLangArg::Fr => noc::Lang::Fr,
        }
    }
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
    /// Also show the NOC 2021 group(s) that an older code became.
    #[arg(long, value_enum, value_name = "YEAR")]
    pub to: Option<TargetVersionArg>,
    #[command(flatten)]
    pub concordance: ConcordanceArgs,
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
    /// Flag for review each title whose best candidate's probability of
    /// being right is below P (0 to 1): a `review` field in JSON and
    /// column in CSV.
    #[arg(long, value_name = "P")]
    pub review_below: Option<f32>,
    /// Print JSON Lines (same as --format json).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// The output format [default: by the --output extension (.csv,
    /// .jsonl), else table].
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// A CSV file of titles to match (needs --column or --duties-column);
    /// `-` reads standard input: a CSV with --column, else one title per
    /// line, each answered as it arrives (also when typed).
    #[arg(long, value_name = "FILE.csv")]
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
    /// A file of the duties of the one title given (or of none), `-` for
    /// standard input: bullets, numbered lines or sentences.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with_all = ["input", "duties_column"]
    )]
    pub duties: Option<PathBuf>,
    /// The column of --input that holds each row's duties.
    #[arg(long, value_name = "NAME", requires = "input")]
    pub duties_column: Option<String>,
    /// The column of --input that holds each row's industry.
    #[arg(long, value_name = "NAME", requires = "duties_column")]
    pub industry_column: Option<String>,
    /// Convert each candidate of an older version to NOC 2021 with the
    /// concordance.
    #[arg(long, value_enum, value_name = "YEAR")]
    pub to: Option<TargetVersionArg>,
    #[command(flatten)]
    pub concordance: ConcordanceArgs,
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
    #[arg(
        long,
        value_name = "N",
        conflicts_with = "file",
        value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..)
    )]
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
    /// Fit the confidence model on the labelled file (each half of it,
    /// checked on the other half, then all of it) and print its
    /// coefficients as constants to paste into score.rs.
    #[arg(long, requires = "file")]
    pub fit_confidence: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ReportFormatArg {
    /// A readable report.
    Text,
    /// One JSON object.
    Json,
    /// Markdown, for a report kept on file.
    Markdown,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The unit group to check against, e.g. 42201.
    pub code: String,
    /// The file of the letter's duties, `-` for standard input.
    #[arg(long, value_name = "FILE")]
    pub duties: PathBuf,
    /// The job title on the letter.
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,
    /// The language of the duties.
    #[arg(long, value_enum, default_value = "auto")]
    pub lang: QueryLangArg,
    /// Print the report as JSON (same as --format json).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// The output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ReportFormatArg,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum VersionArg {
    #[value(name = "2011")]
    V2011,
    #[value(name = "2016")]
    V2016,
    #[value(name = "2021")]
    V2021,
}

/// The version codes convert to: Statistics Canada's concordance goes
/// one way, NOC 2016 V1.3 → NOC 2021 V1.0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TargetVersionArg {
    #[value(name = "2021")]
    V2021,
}

impl From<TargetVersionArg> for noc::NocVersion {
    fn from(v: TargetVersionArg) -> noc::NocVersion {
        match v {
            TargetVersionArg::V2021 => noc::NocVersion::V2021,
        }
    }
}

impl From<VersionArg> for noc::NocVersion {
    fn from(v: VersionArg) -> noc::NocVersion {
        match v {
            VersionArg::V2011 => noc::NocVersion::V2011,
            VersionArg::V2016 => noc::NocVersion::V2016,
            VersionArg::V2021 => noc::NocVersion::V2021,
        }
    }
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// NOC codes to convert (leading zeros may be missing). Without any
    /// (and without --input), codes are read from standard input, one per
    /// line.
    pub codes: Vec<String>,
    /// A CSV file of codes to convert (needs --column).
    #[arg(long, value_name = "FILE.csv", requires = "column")]
    pub input: Option<PathBuf>,
    /// The column of --input that holds the codes.
    #[arg(long, value_name = "NAME")]
    pub column: Option<String>,
    /// The output format [default: by the --output extension (.csv,
    /// .jsonl), else table].
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Write results to this file (.csv or .jsonl) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The version of the codes given. NOC 2011 codes are read as NOC
    /// 2016 codes: the two share every unit-group code.
    #[arg(long, value_enum, default_value = "2016")]
    pub from: VersionArg,
    /// The version to convert to.
    #[arg(long, value_enum, default_value = "2021")]
    pub to: TargetVersionArg,
    #[command(flatten)]
    pub concordance: ConcordanceArgs,
    /// JSON Lines: one object per code (same as --format json).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    #[command(flatten)]
    pub store: StoreArgs,
    /// A folder holding the concordance file (or a concordance/
    /// sub-folder with it).
    #[arg(long, value_name = "DIR", env = "NOC_DATA_DIR")]
    pub data: Option<PathBuf>,
}

#[derive(Debug, Args, Clone)]
pub struct ConcordanceArgs {
    /// The official concordance file (noc2016v1_3-noc2021v1_0-eng.csv)
    /// [default: the installed one, else that file in the --data folder,
    /// its parent or their concordance/ sub-folder].
    #[arg(long, value_name = "FILE")]
    pub concordance: Option<PathBuf>,
}

/// The address of `--bind`: an IP address (IPv6 with or without
/// brackets), or a host name resolved to its first IPv4 address (else
/// its first address), so that `localhost` is 127.0.0.1.
fn parse_bind(s: &str) -> Result<std::net::IpAddr, String> {
    use std::net::ToSocketAddrs;
    let s = s.trim();
    let bare = s.strip_prefix('[').and_then(|r| r.strip_suffix(']'));
    if let Ok(ip) = bare.unwrap_or(s).parse() {
        return Ok(ip);
    }
    let advice = "give an IP address, such as 127.0.0.1 (this machine \
                  only) or 0.0.0.0 (the network)";
    if s.is_empty() || s.contains([':', '/', ' ']) {
        return Err(format!(
            "{s:?} is not an IP address or host name; {advice}"
        ));
    }
    let addrs: Vec<std::net::SocketAddr> = (s, 0)
        .to_socket_addrs()
        .map_err(|e| {
            format!("cannot resolve the host name {s:?} ({e}); {advice}")
        })?
        .collect();
    addrs
        .iter()
        .find(|a| a.is_ipv4())
        .or(addrs.first())
        .map(|a| a.ip())
        .ok_or_else(|| format!("the host name {s:?} has no address; {advice}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// `--bind localhost` was refused as "invalid IP address syntax".
    #[test]
    fn bind_takes_ip_addresses_and_host_names() {
        let bind = |a: &str| {
            Cli::try_parse_from(["noc", "serve", "--bind", a]).map(|c| match c
                .command
            {
                Command::Serve(s) => s.bind,
                _ => unreachable!(),
            })
        };
        assert_eq!(bind("127.0.0.1").unwrap().to_string(), "127.0.0.1");
        assert_eq!(bind("::1").unwrap().to_string(), "::1");
        assert_eq!(bind("[::1]").unwrap().to_string(), "::1");
        assert!(bind("localhost").unwrap().is_loopback());
        let e = bind("http://x:80").unwrap_err().to_string();
        assert!(e.contains("such as 127.0.0.1"), "{e}");
        let e = bind("no-such-host.invalid").unwrap_err().to_string();
        assert!(e.contains("such as 127.0.0.1"), "{e}");
    }

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
