//! The command line: what `posdoctor` accepts, and its help in the user's language.
//!
//! The structure is declared with clap's derive API; every help text comes from
//! `data/cli.toml`, where both languages stand side by side, and is applied by
//! [`command`]. Completions and man pages are generated from the same definition.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::config::{Acquirer, KeyName};
use crate::error::Message;
use crate::i18n::Msg;
use crate::i18n::{Lang, Text};
use crate::taxonomy::{Category, Cause};

#[derive(Debug, Parser)]
#[command(
    name = "posdoctor",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    #[arg(
        long,
        global = true,
        env = "POSDOCTOR_PROFILE",
        hide_env_values = true,
        value_name = "NAME"
    )]
    pub profile: Option<String>,
    #[arg(
        long,
        global = true,
        env = "POSDOCTOR_CONFIG",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub config: Option<PathBuf>,
    #[arg(
        long,
        global = true,
        env = "POSDOCTOR_LANG",
        hide_env_values = true,
        value_enum,
        value_name = "LANG"
    )]
    pub lang: Option<Lang>,
    #[arg(long, global = true, env = "POSDOCTOR_JSON", hide_env_values = true)]
    pub json: bool,
    #[arg(
        long,
        global = true,
        env = "POSDOCTOR_COLOR",
        hide_env_values = true,
        value_enum,
        value_name = "WHEN",
        default_value = "auto"
    )]
    pub color: ColorChoice,
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[arg(long, global = true, env = "POSDOCTOR_STRICT", hide_env_values = true)]
    pub strict: bool,
    #[arg(
        long,
        global = true,
        env = "POSDOCTOR_TIMEOUT",
        hide_env_values = true,
        value_name = "SECONDS",
        value_parser = parse_timeout
    )]
    pub timeout: Option<f64>,
    #[arg(
        long,
        global = true,
        env = "POSDOCTOR_DB",
        hide_env_values = true,
        value_name = "URL|PATH"
    )]
    pub db: Option<String>,
}

fn parse_timeout(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 3600.0 => Ok(v),
        _ => Err(format!("`{s}`: 0 < SECONDS <= 3600")),
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Doctor(DoctorArgs),
    Net(NetArgs),
    Check(Box<CheckArgs>),
    Txn(Box<TxnArgs>),
    Code(CodeArgs),
    Fix(Box<FixArgs>),
    Incident(Box<IncidentArgs>),
    Profile(Box<ProfileArgs>),
    Sim(SimArgs),
    Decode(Box<DecodeArgs>),
    Watch(Box<WatchArgs>),
    Completions(CompletionsArgs),
}

#[derive(Debug, Clone, Args)]
pub struct DoctorArgs {
    #[command(flatten)]
    pub reach: ReachArgs,
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..=100))]
    pub count: u16,
    #[arg(long, value_name = "FILE")]
    pub bundle: Option<PathBuf>,
}

/// How to reach the hosts, for the commands that probe a profile (`doctor`, `fix`, `watch`,
/// `txn status`): parsed once into [`crate::reach::Reach`] by `Context::reach`.
#[derive(Debug, Clone, Default, Args)]
pub struct ReachArgs {
    #[arg(long)]
    pub demo: bool,
    #[arg(long, value_name = "FAULT", requires = "demo", value_parser = FaultParser, hide_possible_values = true)]
    pub fault: Vec<String>,
    #[arg(long, value_name = "IP[:PORT]|system")]
    pub dns: Vec<String>,
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct SimArgs {
    #[arg(long, value_name = "FAULT", value_parser = FaultParser, hide_possible_values = true)]
    pub fault: Vec<String>,
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:0")]
    pub listen: std::net::SocketAddr,
    #[arg(long, value_name = "LAYOUT", default_value = "unionpay")]
    pub layout: String,
}

/// `--fault` takes any text (`slow=2s`), which the simulator checks; its possible values are
/// the fault names, so that shells complete them (`slow=` and `gateway-status=` wait for
/// their value).
#[derive(Debug, Clone, Copy)]
pub struct FaultParser;

impl clap::builder::TypedValueParser for FaultParser {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(crate::sim::FAULTS.iter().map(|f| {
            let name = match f.split_once('=') {
                Some((name, _)) => format!("{name}="),
                None => f.to_string(),
            };
            clap::builder::PossibleValue::new(name)
        })))
    }
}

/// The length header in front of a message, or `auto` to find it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FramingArg {
    Auto,
    Binary2,
    Bcd2,
    Ascii4,
    None,
}

#[derive(Debug, Clone, Args)]
pub struct DecodeArgs {
    #[arg(value_name = "HEX|-", conflicts_with = "emv")]
    pub input: Option<String>,
    #[arg(long, value_name = "LAYOUT", conflicts_with = "emv")]
    pub layout: Option<String>,
    #[arg(
        long,
        value_enum,
        value_name = "HEADER",
        default_value = "auto",
        conflicts_with = "emv"
    )]
    pub framing: FramingArg,
    #[arg(long, value_name = "HEX|-")]
    pub emv: Option<String>,
    #[arg(long, value_name = "FILE", conflicts_with_all = ["input", "emv"])]
    pub pcap: Option<PathBuf>,
    #[arg(long, value_name = "SECONDS", default_value = "10", requires = "pcap", value_parser = parse_late)]
    pub late: f64,
}

fn parse_late(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=86_400.0).contains(&v) => Ok(v),
        _ => Err("expected seconds from 0 to 86400".into()),
    }
}

#[derive(Debug, Clone, Args)]
pub struct NetArgs {
    #[arg(value_name = "TARGET")]
    pub targets: Vec<String>,
    #[arg(long = "targets", value_name = "FILE")]
    pub targets_file: Option<PathBuf>,
    #[arg(long, value_name = "IP[:PORT]|system")]
    pub dns: Vec<String>,
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=100))]
    pub count: u16,
    #[arg(long, value_name = "SECONDS", default_value = "0.2", value_parser = parse_interval)]
    pub interval: f64,
    #[arg(long, value_name = "PEM")]
    pub ca_file: Option<PathBuf>,
    #[arg(long, value_name = "NAME")]
    pub interface: Option<String>,
    #[arg(long)]
    pub iso8583: bool,
    #[arg(long, requires = "iso8583")]
    pub discover: bool,
}

fn parse_interval(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=10.0).contains(&v) => Ok(v),
        _ => Err(format!("`{s}`: 0 <= SECONDS <= 10")),
    }
}

/// Where `watch` takes its targets from: one source at a time.
#[derive(Debug, Clone, Args)]
#[command(group(clap::ArgGroup::new("source").args(["targets_file", "fleet", "profiles", "demo"])))]
pub struct WatchArgs {
    #[arg(long = "targets", value_name = "FILE")]
    pub targets_file: Option<PathBuf>,
    #[arg(long, value_name = "CSV")]
    pub fleet: Option<PathBuf>,
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    pub profiles: Vec<String>,
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub every: std::time::Duration,
    #[arg(long, value_name = "ADDR:PORT")]
    pub metrics: Option<std::net::SocketAddr>,
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub flap: u32,
    #[arg(long, value_name = "N", default_value_t = 256, value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub concurrency: u32,
    #[arg(long, conflicts_with = "targets_file")]
    pub iso8583: bool,
    #[command(flatten)]
    pub reach: ReachArgs,
}

/// `500ms`, `10s`, `5m`, `1h`, or plain seconds; between 50 ms and a day.
pub fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let scale = match unit.trim() {
        "ms" => 0.001,
        "" | "s" => 1.0,
        "m" | "min" => 60.0,
        "h" => 3600.0,
        _ => f64::NAN,
    };
    match num.parse::<f64>().map(|v| v * scale) {
        Ok(v) if (0.05..=86_400.0).contains(&v) => Ok(std::time::Duration::from_secs_f64(v)),
        _ => Err(format!("`{s}`: give 500ms, 10s, 5m or 1h (50 ms to 24 h)")),
    }
}

#[derive(Debug, Clone, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CheckArgs {
    #[command(subcommand)]
    pub command: Option<CheckCommand>,
    #[arg(long, value_name = "FILE")]
    pub batch: Option<PathBuf>,
    #[arg(long, value_enum, requires = "batch")]
    pub acquirer: Option<Acquirer>,
    #[command(flatten)]
    pub tabular: TabularArgs,
}

/// How a table (CSV or workbook) is read when detection is not wanted.
#[derive(Debug, Clone, Default, Args)]
pub struct TabularArgs {
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
    #[arg(long, value_name = "NAME|N")]
    pub sheet: Option<String>,
}

#[derive(Debug, Clone, Subcommand)]
pub enum CheckCommand {
    MerchantId(MerchantIdArgs),
    TerminalId(TerminalIdArgs),
    Mcc(ValueArg),
    Currency(ValueArg),
    Key(KeyArgs),
    Card(CardArgs),
}

impl CheckCommand {
    /// The report's command path (`check merchant-id`).
    pub fn path(&self) -> &'static str {
        match self {
            CheckCommand::MerchantId(_) => "check merchant-id",
            CheckCommand::TerminalId(_) => "check terminal-id",
            CheckCommand::Mcc(_) => "check mcc",
            CheckCommand::Currency(_) => "check currency",
            CheckCommand::Key(_) => "check key",
            CheckCommand::Card(_) => "check card",
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct MerchantIdArgs {
    #[arg(value_name = "ID")]
    pub value: String,
    #[arg(long, value_enum)]
    pub acquirer: Option<Acquirer>,
    #[arg(long, value_name = "CODE")]
    pub mcc: Option<String>,
    #[arg(long, value_name = "CODE")]
    pub region: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct TerminalIdArgs {
    #[arg(value_name = "ID")]
    pub value: String,
    #[arg(long, value_enum)]
    pub acquirer: Option<Acquirer>,
}

#[derive(Debug, Clone, Args)]
pub struct ValueArg {
    #[arg(value_name = "CODE")]
    pub value: String,
}

#[derive(Debug, Clone, Args)]
pub struct KeyArgs {
    #[arg(long, value_name = "PATH", conflicts_with = "env")]
    pub file: Option<PathBuf>,
    #[arg(long, value_name = "VAR")]
    pub env: Option<String>,
    #[arg(long, value_name = "HEX")]
    pub expect: Option<String>,
    #[arg(long, value_enum, default_value = "tdes")]
    pub algorithm: crate::keys::Algorithm,
    #[arg(long)]
    pub kcv: bool,
    #[arg(long, conflicts_with_all = ["file", "env", "expect"])]
    pub combine: bool,
}

#[derive(Debug, Clone, Args)]
pub struct CardArgs {
    // The number is best given on stdin: an argument stays in the shell history.
    #[arg(value_name = "NUMBER")]
    pub number: Option<String>,
    #[arg(long, value_name = "MM/YY")]
    pub expiry: Option<String>,
    #[arg(long, value_name = "TRACK2", conflicts_with_all = ["number", "expiry"])]
    pub track2: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct TxnArgs {
    #[command(subcommand)]
    pub command: TxnCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum TxnCommand {
    Status(TxnStatusArgs),
    Import(TxnImportArgs),
    Reconcile(ReconcileArgs),
}

/// Where `txn status` looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TxnSource {
    /// The gateway when the profile has one, and the journal.
    Auto,
    Gateway,
    Journal,
    Both,
}

#[derive(Debug, Clone, Args)]
pub struct TxnStatusArgs {
    #[arg(long, value_name = "RRN")]
    pub rrn: Option<String>,
    #[arg(long, value_name = "NUMBER", requires = "terminal")]
    pub trace: Option<String>,
    #[arg(long, value_name = "ID")]
    pub terminal: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    #[arg(long, value_name = "ID")]
    pub order: Option<String>,
    #[arg(long, value_name = "YUAN")]
    pub amount: Option<String>,
    #[arg(long, value_name = "TIME", requires = "amount")]
    pub from: Option<String>,
    #[arg(long, value_name = "TIME", requires = "amount")]
    pub to: Option<String>,
    #[arg(long, value_enum, default_value = "auto")]
    pub source: TxnSource,
    #[command(flatten)]
    pub reach: ReachArgs,
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u32).range(0..=10))]
    pub retries: u32,
}

#[derive(Debug, Clone, Args)]
pub struct TxnImportArgs {
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ImportFormat>,
    #[arg(long, value_name = "FIELD=COLUMN")]
    pub map: Vec<String>,
    #[command(flatten)]
    pub tabular: TabularArgs,
}

/// Named file formats: which side of a reconciliation the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// A terminal's (or the merchant's POS system's) transaction export.
    Terminal,
    /// An acquirer's settlement (清算) file.
    Settlement,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReconcileOutput {
    Table,
    Csv,
}

#[derive(Debug, Clone, Args)]
pub struct ReconcileArgs {
    #[arg(long, value_name = "FILE")]
    pub sales: PathBuf,
    #[arg(long, value_name = "FILE")]
    pub settlement: PathBuf,
    #[arg(long, value_name = "FIELD=COLUMN")]
    pub sales_map: Vec<String>,
    #[arg(long, value_name = "FIELD=COLUMN")]
    pub settlement_map: Vec<String>,
    #[arg(long, value_name = "PERCENT")]
    pub fee_rate: Option<f64>,
    #[arg(long, value_enum, default_value = "table")]
    pub output: ReconcileOutput,
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    #[command(flatten)]
    pub tabular: TabularArgs,
}

#[derive(Debug, Clone, Args)]
pub struct FixArgs {
    #[arg(value_enum, value_name = "CATEGORY")]
    pub category: Option<Category>,
    #[arg(long, value_enum, value_name = "CAUSE")]
    pub cause: Option<Cause>,
    #[arg(long, value_name = "CODE", conflicts_with = "cause")]
    pub code: Option<String>,
    #[arg(long, value_name = "TEXT", conflicts_with_all = ["category", "cause", "code", "print"])]
    pub symptom: Option<String>,
    #[arg(long = "answer", value_name = "NODE=CHOICE")]
    pub answers: Vec<String>,
    #[arg(long, conflicts_with = "demo")]
    pub print: bool,
    #[command(flatten)]
    pub reach: ReachArgs,
    #[arg(long, conflicts_with = "demo")]
    pub no_checks: bool,
    #[command(flatten)]
    pub about: IncidentFacts,
    #[arg(long, conflicts_with = "print")]
    pub no_record: bool,
}

/// What is known about the failed payment (`--terminal`, `--rrn`, ...): the incident log's
/// own flags, shared by `fix` and `incident add`.
pub use crate::incident::Facts as IncidentFacts;

#[derive(Debug, Args)]
pub struct IncidentArgs {
    #[command(subcommand)]
    pub command: IncidentCommand,
}

#[derive(Debug, Subcommand)]
pub enum IncidentCommand {
    Add(IncidentAddArgs),
    List(IncidentListArgs),
    Show(IncidentShowArgs),
    Stats(IncidentStatsArgs),
    Export(IncidentExportArgs),
    Update(IncidentUpdateArgs),
    Close(IncidentCloseArgs),
}

/// What an update may set an incident's outcome to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IncidentStatus {
    Open,
    Resolved,
    Escalated,
}

#[derive(Debug, Clone, Args)]
pub struct IncidentUpdateArgs {
    #[arg(value_name = "ID")]
    pub id: i64,
    #[arg(
        long,
        value_enum,
        value_name = "STATUS",
        required_unless_present = "note"
    )]
    pub status: Option<IncidentStatus>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct IncidentCloseArgs {
    #[arg(value_name = "ID")]
    pub id: i64,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct IncidentAddArgs {
    #[arg(value_enum, value_name = "CATEGORY")]
    pub category: Category,
    #[arg(long, value_enum, value_name = "CAUSE")]
    pub cause: Option<Cause>,
    #[arg(long, value_enum, value_name = "OUTCOME", default_value = "open")]
    pub outcome: crate::incident::Outcome,
    #[arg(long, value_name = "CODE")]
    pub code: Option<String>,
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    #[arg(long)]
    pub training: bool,
    #[command(flatten)]
    pub about: IncidentFacts,
}

/// Which incidents a command covers.
#[derive(Debug, Clone, Default, Args)]
pub struct IncidentFilter {
    #[arg(long, value_enum, value_name = "CATEGORY")]
    pub category: Option<Category>,
    #[arg(long, value_enum, value_name = "CAUSE")]
    pub cause: Option<Cause>,
    #[arg(long, value_name = "ID")]
    pub terminal: Option<String>,
    #[arg(long, value_enum, value_name = "OUTCOME")]
    pub outcome: Option<crate::incident::Outcome>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub until: Option<String>,
    #[arg(long)]
    pub training: bool,
}

#[derive(Debug, Clone, Args)]
pub struct IncidentListArgs {
    #[command(flatten)]
    pub filter: IncidentFilter,
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: u64,
}

#[derive(Debug, Clone, Args)]
pub struct IncidentShowArgs {
    #[arg(value_name = "ID", value_parser = parse_incident_id)]
    pub id: i64,
    #[arg(long)]
    pub ticket: bool,
}

/// An incident number as `incident list` prints it; the error names the value given.
fn parse_incident_id(s: &str) -> Result<i64, String> {
    match s.trim().parse::<i64>() {
        Ok(v) if v > 0 => Ok(v),
        _ => Err(format!("`{s}` is not an incident number (1, 2, 3…)")),
    }
}

#[derive(Debug, Clone, Args)]
pub struct IncidentStatsArgs {
    #[command(flatten)]
    pub filter: IncidentFilter,
    #[arg(long, value_enum, value_name = "GROUP", value_delimiter = ',')]
    pub by: Vec<crate::incident::GroupBy>,
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct IncidentExportArgs {
    #[command(flatten)]
    pub filter: IncidentFilter,
    // Given, it decides; not given, `--json` means JSON and anything else CSV.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<ExportFormat>,
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct CodeArgs {
    #[arg(value_name = "CODE|TEXT", required_unless_present = "list", num_args = 1..)]
    pub query: Vec<String>,
    #[arg(long, conflicts_with = "query")]
    pub list: bool,
    #[arg(long, value_enum, value_name = "CATEGORY", requires = "list")]
    pub category: Option<Category>,
    #[arg(long, value_enum, value_name = "CAUSE", requires = "list")]
    pub cause: Option<Cause>,
}

#[derive(Debug, Args)]
pub struct ProfileArgs {
    #[command(subcommand)]
    pub command: ProfileCommand,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    Init(Box<ProfileInitArgs>),
    Show(ProfileShowArgs),
    List,
}

#[derive(Debug, Clone, Args)]
pub struct ProfileInitArgs {
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    #[arg(long, value_enum)]
    pub acquirer: Option<Acquirer>,
    #[arg(long, value_name = "TEXT")]
    pub merchant_name: Option<String>,
    #[arg(long, value_name = "ID")]
    pub merchant_id: Option<String>,
    #[arg(long, value_name = "ID")]
    pub terminal_id: Option<String>,
    #[arg(long, value_name = "CODE")]
    pub mcc: Option<String>,
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    #[arg(long, value_name = "CODE")]
    pub region: Option<String>,
    #[arg(long, value_name = "HOST:PORT")]
    pub host: Option<String>,
    #[arg(long, value_name = "HEX")]
    pub tpdu: Option<String>,
    #[arg(long, value_name = "HEX")]
    pub app_header: Option<String>,
    #[arg(long, value_name = "URL")]
    pub gateway_url: Option<String>,
    #[arg(long, value_name = "VAR")]
    pub gateway_auth_env: Option<String>,
    // Parsed by the command, not by clap: clap quotes a bad value in its error, and a bad
    // `--key` value may be pasted key material.
    #[arg(long = "key", value_name = "NAME=file:PATH|env:VAR")]
    pub keys: Vec<String>,
    #[arg(long = "kcv", value_name = "NAME=HEX")]
    pub kcvs: Vec<String>,
    #[arg(long = "default")]
    pub make_default: bool,
    #[arg(long)]
    pub force: bool,
    #[arg(long)]
    pub no_input: bool,
}

/// Where `profile init --key` says a key lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySpec {
    File(PathBuf),
    Env(String),
}

/// The key name before `=`; only a short name is ever quoted back, never what follows it.
fn key_name(s: &str) -> Result<KeyName, Message> {
    KeyName::parse(s).ok_or_else(|| {
        // A key name is three letters; anything much longer may be a pasted key.
        let shown = if s.chars().count() <= 6 {
            s.to_string()
        } else {
            "…".to_string()
        };
        Message::new(Msg::ErrorKeyName).arg("name", shown)
    })
}

/// Parses `--key NAME=file:PATH|env:VAR`. The error never repeats the value, which may be
/// key material pasted in by mistake.
pub fn parse_key_spec(s: &str) -> Result<(KeyName, KeySpec), Message> {
    let Some((name, spec)) = s.split_once('=') else {
        return Err(Message::new(Msg::ErrorKeySpec).arg("key", "NAME"));
    };
    let name = key_name(name)?;
    if let Some(p) = spec.strip_prefix("file:").filter(|p| !p.is_empty()) {
        Ok((name, KeySpec::File(PathBuf::from(p))))
    } else if let Some(v) = spec.strip_prefix("env:").filter(|v| !v.is_empty()) {
        Ok((name, KeySpec::Env(v.to_string())))
    } else {
        Err(Message::new(Msg::ErrorKeySpec).arg("key", name))
    }
}

/// Parses `--kcv NAME=HEX`; the check value is not secret, but a key pasted here would be.
pub fn parse_kcv_spec(s: &str) -> Result<(KeyName, String), Message> {
    let Some((name, kcv)) = s.split_once('=') else {
        return Err(Message::new(Msg::ErrorKcvSpec).arg("key", "NAME"));
    };
    let name = key_name(name)?;
    let kcv = kcv.trim().to_ascii_uppercase();
    if (4..=16).contains(&kcv.len()) && kcv.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok((name, kcv))
    } else {
        Err(Message::new(Msg::ErrorKcvSpec).arg("key", name))
    }
}

#[derive(Debug, Clone, Args)]
pub struct ProfileShowArgs {
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `data/cli.toml`, converted to JSON by `build.rs`.
const HELP_TEXTS: &str = include_str!(concat!(env!("OUT_DIR"), "/cli.json"));

/// Help texts per command path (`posdoctor.code`) for `about` and for each argument id.
#[derive(Debug, serde::Deserialize)]
struct HelpNode {
    about: Text,
    #[serde(default)]
    after_help: Option<Text>,
    #[serde(default)]
    args: std::collections::BTreeMap<String, Text>,
    #[serde(flatten)]
    commands: std::collections::BTreeMap<String, HelpNode>,
}

fn help_tree() -> HelpNode {
    // The file is part of the binary and checked by tests; a broken file is a build defect.
    serde_json::from_str::<std::collections::BTreeMap<String, HelpNode>>(HELP_TEXTS)
        .ok()
        .and_then(|mut m| m.remove("posdoctor"))
        .unwrap_or_else(|| panic!("data/cli.toml: no valid [posdoctor] table"))
}

/// The full command with help texts, headings and clap's own flags in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    // clap wraps only at spaces, which leaves Chinese lines whole: it lays help out without
    // wrapping, and `render::wrap::help` fits it to the terminal when it is printed.
    let mut cmd = Cli::command().term_width(0);
    cmd.build();
    let tree = help_tree();
    localize(cmd, &tree, &tree.args, lang)
}

/// `globals` are the root's argument texts: global options are copied into every subcommand
/// when the command is built, and must read the same there.
fn localize(
    mut cmd: clap::Command,
    node: &HelpNode,
    globals: &std::collections::BTreeMap<String, Text>,
    lang: Lang,
) -> clap::Command {
    let (arguments, options, commands, help, version) = match lang {
        Lang::Zh => ("参数", "选项", "命令", "显示帮助", "显示版本"),
        Lang::En => (
            "Arguments",
            "Options",
            "Commands",
            "Print help",
            "Print version",
        ),
    };
    cmd = cmd
        .about(node.about.get(lang).to_string())
        .subcommand_help_heading(commands);
    if let Some(a) = &node.after_help {
        cmd = cmd.after_help(a.get(lang).to_string());
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for (i, id) in ids.iter().enumerate() {
        let text = match id.as_str() {
            "help" => Some(help.to_string()),
            "version" => Some(version.to_string()),
            _ => node
                .args
                .get(id)
                .or_else(|| globals.get(id))
                .map(|t| t.get(lang).to_string()),
        };
        cmd = cmd.mut_arg(id, |a| {
            let heading = if a.is_positional() {
                arguments
            } else {
                options
            };
            let mut a = a.help_heading(heading);
            // A command's own options first, the global ones after them.
            if a.is_global_set() || globals.contains_key(id) {
                a = a.display_order(1000 + i);
            }
            let text = match (lang, text) {
                (Lang::Zh, Some(t)) => {
                    let (t, hidden) = annotate_zh(&a, t);
                    a = hidden;
                    Some(t)
                }
                (_, t) => t,
            };
            match text {
                Some(t) => a
                    .help(t)
                    .long_help(clap::builder::Resettable::<clap::builder::StyledStr>::Reset),
                None => a,
            }
        });
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        if let Some(child) = node.commands.get(&name) {
            cmd = cmd.mut_subcommand(&name, |s| localize(s, child, globals, lang));
        } else if name == "help" {
            cmd = cmd.mut_subcommand(&name, |s| s.about(help));
        }
    }
    if lang == Lang::Zh {
        cmd = cmd.help_template("{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}");
    }
    cmd
}

/// clap writes `[env: …]`, `[default: …]` and `[possible values: …]` in English after a help
/// text; in Chinese the same facts are appended in Chinese, and clap's are hidden.
fn annotate_zh(arg: &clap::Arg, help: String) -> (String, clap::Arg) {
    let mut notes: Vec<String> = Vec::new();
    let takes_value = arg.get_action().takes_values();
    if takes_value && !arg.is_hide_default_value_set() && !arg.get_default_values().is_empty() {
        let values: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        notes.push(format!("默认：{}", values.join("、")));
    }
    let possible: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if takes_value && !arg.is_hide_possible_values_set() && !possible.is_empty() {
        notes.push(format!("可选值：{}", possible.join("、")));
    }
    if !arg.is_hide_env_set()
        && let Some(env) = arg.get_env()
    {
        notes.push(format!("环境变量 {}", env.to_string_lossy()));
    }
    let arg = arg
        .clone()
        .hide_default_value(true)
        .hide_possible_values(true)
        .hide_env(true);
    if notes.is_empty() {
        (help, arg)
    } else {
        (format!("{help}（{}）", notes.join("；")), arg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument has help in both languages, and the data names nothing that
    /// does not exist.
    #[test]
    fn help_texts_cover_the_whole_command_tree() {
        fn walk(cmd: &clap::Command, node: &HelpNode, path: &str) {
            for t in [&node.about].into_iter().chain(node.args.values()) {
                assert!(!t.zh.trim().is_empty() && !t.en.trim().is_empty(), "{path}");
            }
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" || arg.is_global_set() && path != "posdoctor" {
                    continue;
                }
                assert!(
                    node.args.contains_key(id),
                    "{path}: argument `{id}` has no help text"
                );
            }
            for id in node.args.keys() {
                assert!(
                    cmd.get_arguments().any(|a| a.get_id() == id),
                    "{path}: no argument `{id}`"
                );
            }
            for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
                let child = node
                    .commands
                    .get(sub.get_name())
                    .unwrap_or_else(|| panic!("{path} {}: no help text", sub.get_name()));
                walk(sub, child, &format!("{path} {}", sub.get_name()));
            }
            for name in node.commands.keys() {
                assert!(
                    cmd.find_subcommand(name).is_some(),
                    "{path}: no command `{name}`"
                );
            }
        }
        let cmd = Cli::command();
        walk(&cmd, &help_tree(), "posdoctor");
    }

    #[test]
    fn command_definition_is_valid_in_both_languages() {
        Cli::command().debug_assert();
        command(Lang::Zh).debug_assert();
        command(Lang::En).debug_assert();
    }

    #[test]
    fn key_specs() {
        assert_eq!(
            parse_key_spec("tmk=file:/k/tmk.hex").unwrap(),
            (KeyName::Tmk, KeySpec::File("/k/tmk.hex".into()))
        );
        assert_eq!(
            parse_key_spec("TAK=env:TAK").unwrap(),
            (KeyName::Tak, KeySpec::Env("TAK".into()))
        );
        let e = parse_key_spec("tmk=0123456789ABCDEF0123456789ABCDEF").unwrap_err();
        assert!(!e.render(Lang::En).contains("0123456789"));
        let e = parse_key_spec("0123456789ABCDEF0123456789ABCDEF").unwrap_err();
        assert!(!e.render(Lang::Zh).contains("0123456789"));
        assert_eq!(
            parse_kcv_spec("tmk=08d7b4").unwrap(),
            (KeyName::Tmk, "08D7B4".into())
        );
        assert!(parse_kcv_spec("tmk=xyz").is_err());
    }
}

const CLAP_PHRASES: &str = include_str!("../data/clap_errors.toml");

#[derive(serde::Deserialize)]
struct Phrases {
    phrase: Vec<Text>,
}

/// Translates the fixed English phrases of clap's argument errors; the values they quote
/// (the bad argument, the possible values) stay as they are.
pub fn translate_clap_error(text: &str) -> String {
    let Ok(phrases) = toml::from_str::<Phrases>(CLAP_PHRASES) else {
        return text.to_string();
    };
    phrases
        .phrase
        .iter()
        .fold(text.to_string(), |t, p| t.replace(&p.en, &p.zh))
}
