//! `linkedin ads ...`: ad accounts, campaigns and creatives as NDJSON (all
//! pages), and ads reports streamed as CSV, NDJSON or a table.
//!
//! Every argument is read and checked before a token is looked up or a
//! request is sent, so bad input is one line and no traffic.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use linkedin::oauth::AccessToken;
use linkedin::resources::ads::{self, AccountId, AccountStatus};
use linkedin::resources::analytics::{Date, Metric, Pivot, Report, Row, TimeGranularity};
use linkedin::restli::{Endpoint, LinkedInVersion};
use serde_json::Value;

use crate::api::sdk_error;
use crate::cli::StoreArgs;
use crate::connection::resolve_token;
use crate::error::CliError;
use crate::sdk;

/// The `LinkedIn-Version` the ads commands send unless `--version` says
/// otherwise: a version LinkedIn serves the ads search finders (cursor
/// paging) and `adAnalytics` under, and the sandbox too.
///
/// ```
/// assert_eq!(linkedin_cli::ads::DEFAULT_VERSION.len(), 6);
/// ```
pub const DEFAULT_VERSION: &str = "202601";

/// Samples shown under `linkedin ads --help`.
const ADS_EXAMPLES: &str = "\
Examples:
  linkedin ads accounts --status ACTIVE
  linkedin ads campaigns --account 507404993
  linkedin ads creatives --account urn:li:sponsoredAccount:507404993
  linkedin ads report --account 507404993 --from 2024-01-01 --to 2024-06-30 \\
      --granularity DAILY --pivot CAMPAIGN --metrics impressions,clicks,costInUsd > report.csv";

/// `linkedin ads ...`: the connection options, then the subcommand.
#[derive(Debug, Args)]
#[command(after_help = ADS_EXAMPLES)]
pub struct AdsArgs {
    /// Which profile.
    #[command(flatten)]
    pub store: StoreArgs,

    /// The LinkedIn-Version to send (YYYYMM or YYYYMM.RR).
    #[arg(
        long = "version",
        id = "linkedin_version",
        value_name = "YYYYMM",
        global = true,
        default_value = DEFAULT_VERSION
    )]
    pub version: String,

    /// The API origin (e.g. a sandbox's `http://127.0.0.1:8080`; default:
    /// the profile's, even with --access-token, else LinkedIn's).
    #[arg(long, value_name = "URL", global = true)]
    pub base_url: Option<String>,

    /// The access token to use instead of the profile's.
    #[arg(
        long,
        env = "LINKEDIN_ACCESS_TOKEN",
        hide_env_values = true,
        global = true,
        value_parser = crate::cli::parse_access_token
    )]
    pub access_token: Option<AccessToken>,

    /// What to list or report.
    #[command(subcommand)]
    pub command: AdsCommand,
}

/// `linkedin ads ...`
#[derive(Debug, Subcommand)]
pub enum AdsCommand {
    /// The ad accounts the member may see, one JSON object a line (all
    /// pages).
    Accounts(AccountsArgs),
    /// The campaigns of an account, one JSON object a line (all pages).
    Campaigns(AccountArgs),
    /// The creatives of an account, one JSON object a line (all pages).
    Creatives(AccountArgs),
    /// An ads report (adAnalytics), streamed row by row: split into date
    /// windows under LinkedIn's 15,000-row cap, merged in date order.
    Report(ReportArgs),
}

/// `linkedin ads accounts`
#[derive(Debug, Args)]
pub struct AccountsArgs {
    /// Only accounts in these statuses (ACTIVE, CANCELED, DRAFT,
    /// PENDING_DELETION, REMOVED), comma-separated or repeated.
    #[arg(long, value_name = "STATUS", value_delimiter = ',')]
    pub status: Vec<String>,
}

/// The account a command works on.
#[derive(Debug, Args)]
pub struct AccountArgs {
    /// The ad account: its number, or its URN urn:li:sponsoredAccount:N.
    #[arg(long, value_name = "ID")]
    pub account: String,
}

/// How report rows are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A header row naming each pivot, start, end and each metric, then a
    /// row a line (RFC 4180 quoting).
    Csv,
    /// One JSON object a row, as LinkedIn sent it.
    Ndjson,
    /// Aligned columns under the same header as CSV.
    Table,
}

/// `linkedin ads report`
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The ad account: its number, or its URN urn:li:sponsoredAccount:N.
    #[arg(long, value_name = "ID")]
    pub account: String,
    /// The first day (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: String,
    /// The last day, included (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: String,
    /// The time buckets: ALL, DAILY, MONTHLY or YEARLY.
    #[arg(long, value_name = "G", default_value = "ALL")]
    pub granularity: String,
    /// What to group by, e.g. CAMPAIGN; up to three comma-separated
    /// (the statistics finder), e.g. CAMPAIGN,CREATIVE.
    #[arg(long, value_name = "P", value_delimiter = ',', required = true)]
    pub pivot: Vec<String>,
    /// The metrics, comma-separated, as "Ads Reporting" names them, e.g.
    /// impressions,clicks,costInUsd.
    #[arg(long, value_name = "a,b,...", value_delimiter = ',', required = true)]
    pub metrics: Vec<String>,
    /// How to print the rows (default: table on a terminal, csv otherwise).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
}

/// Runs `linkedin ads`.
pub(crate) fn run(args: &AdsArgs, dir: &Path) -> Result<(), CliError> {
    let version = LinkedInVersion::new(&args.version).map_err(|e| {
        CliError::usage(
            e.to_string(),
            format!("pass --version YYYYMM, e.g. --version {DEFAULT_VERSION}"),
        )
    })?;
    let connect = || connect(args, dir, &version);
    match &args.command {
        AdsCommand::Accounts(accounts) => {
            let mut criteria = ads::accounts::Criteria::new();
            if !accounts.status.is_empty() {
                criteria = criteria.status(account_statuses(&accounts.status)?);
            }
            let request = ads::accounts::search(criteria).map_err(usage)?;
            ndjson(connect()?.paginate::<Value>(request))
        }
        AdsCommand::Campaigns(campaigns) => {
            let account = account(&campaigns.account)?;
            let request =
                ads::campaigns::search(account, ads::campaigns::Criteria::new()).map_err(usage)?;
            ndjson(connect()?.paginate::<Value>(request))
        }
        AdsCommand::Creatives(creatives) => {
            let account = account(&creatives.account)?;
            ndjson(connect()?.paginate::<Value>(ads::creatives::search(account)))
        }
        AdsCommand::Report(report_args) => {
            let report = report(report_args)?;
            let format = report_args.format.unwrap_or_else(|| {
                if std::io::stdout().is_terminal() {
                    Format::Table
                } else {
                    Format::Csv
                }
            });
            let client = connect()?;
            stream_report(&client, &report, format)
        }
    }
}

/// The client, with the profile's token (renewed if need be) or
/// `--access-token`, the origin and the version.
fn connect(args: &AdsArgs, dir: &Path, version: &LinkedInVersion) -> Result<sdk::Client, CliError> {
    let (token, stored_base) = resolve_token(args.access_token.as_ref(), dir, &args.store.profile)?;
    let mut builder = sdk::Client::builder()
        .access_token(token)
        .version(version.as_str());
    if let Some(base) = args.base_url.clone().or(stored_base) {
        let endpoint = Endpoint::from_origin(&base).map_err(|e| {
            CliError::usage(
                e.to_string(),
                "pass an https URL, or http://127.0.0.1:PORT for a local sandbox",
            )
        })?;
        builder = builder.endpoint(endpoint);
    }
    builder.build().map_err(sdk_error)
}

fn usage(err: impl std::fmt::Display) -> CliError {
    CliError::usage(err.to_string(), "see `linkedin ads --help`")
}

fn account(text: &str) -> Result<AccountId, CliError> {
    AccountId::parse(text).map_err(|e| {
        CliError::usage(
            e.to_string(),
            "pass --account N or --account urn:li:sponsoredAccount:N",
        )
    })
}

fn account_statuses(texts: &[String]) -> Result<Vec<AccountStatus>, CliError> {
    texts
        .iter()
        .map(|text| {
            let upper = text.trim().to_ascii_uppercase();
            AccountStatus::ALL
                .into_iter()
                .find(|status| status.as_str() == upper)
                .ok_or_else(|| {
                    let known: Vec<&str> = AccountStatus::ALL.iter().map(|s| s.as_str()).collect();
                    CliError::usage(
                        format!(
                            "{} is not an ad account status",
                            crate::output::excerpt(text)
                        ),
                        format!("pass --status with one of {}", known.join(", ")),
                    )
                })
        })
        .collect()
}

/// The report the arguments describe, checked as LinkedIn would check it.
fn report(args: &ReportArgs) -> Result<Report, CliError> {
    let account = account(&args.account)?;
    let date = |text: &str, flag: &str| {
        text.parse::<Date>().map_err(|e| {
            CliError::usage(
                e.to_string(),
                format!("pass {flag} YYYY-MM-DD, e.g. {flag} 2024-01-31"),
            )
        })
    };
    let (from, to) = (date(&args.from, "--from")?, date(&args.to, "--to")?);
    let granularity: TimeGranularity = args
        .granularity
        .trim()
        .to_ascii_uppercase()
        .parse()
        .map_err(|e| {
            CliError::usage(
                format!("{e}"),
                "pass --granularity ALL, DAILY, MONTHLY or YEARLY",
            )
        })?;
    let pivots = args
        .pivot
        .iter()
        .map(|text| text.trim().to_ascii_uppercase().parse::<Pivot>())
        .collect::<Result<Vec<Pivot>, _>>()
        .map_err(|e| {
            CliError::usage(
                e.to_string(),
                "pass --pivot with pivots of \"Ads Reporting\", e.g. --pivot CAMPAIGN",
            )
        })?;
    let metrics = args
        .metrics
        .iter()
        .filter(|text| !text.trim().is_empty())
        .map(|text| text.trim().parse::<Metric>())
        .collect::<Result<Vec<Metric>, _>>()
        .map_err(|e| {
            CliError::usage(
                e.to_string(),
                "pass --metrics with names of \"Ads Reporting\", e.g. --metrics impressions,clicks,costInUsd",
            )
        })?;
    let report = match pivots.as_slice() {
        [pivot] => Report::analytics(*pivot, from, to),
        _ => Report::statistics(pivots, from, to),
    }
    .granularity(granularity)
    .accounts([account])
    .metrics(metrics);
    report.check().map_err(usage)?;
    Ok(report)
}

/// Prints every element as one JSON line.
fn ndjson(elements: impl Iterator<Item = Result<Value, sdk::Error>>) -> Result<(), CliError> {
    let mut out = Output::stdout();
    for element in elements {
        let element = element.map_err(sdk_error)?;
        out.json(&element)?;
    }
    out.flush()
}

/// Streams the report's rows to standard output in `format`, with a
/// progress bar on standard error when the rows go to a file or a pipe and
/// standard error is a terminal (a table on the terminal shows its own
/// progress).
fn stream_report(client: &sdk::Client, report: &Report, format: Format) -> Result<(), CliError> {
    let header = report.header();
    let mut out = Output::stdout();
    let mut table = TableWidths::new(&header);
    match format {
        Format::Csv => out.line(&csv_record(&header))?,
        Format::Table => out.line(&table.record(&header))?,
        Format::Ndjson => {}
    }
    let mut progress = Progress::new(report, !std::io::stdout().is_terminal());
    for row in client.report(report) {
        let row = row.map_err(|e| {
            progress.abandon();
            sdk_error(e)
        })?;
        progress.row(&row);
        match format {
            Format::Csv => out.line(&csv_record(&row.record(report)))?,
            Format::Table => out.line(&table.record(&row.record(report)))?,
            Format::Ndjson => out.json(&serde_json::to_value(&row).unwrap_or(Value::Null))?,
        }
    }
    progress.finish();
    out.flush()
}

/// One CSV record (RFC 4180): a field with a comma, a quote or a line
/// break is quoted, its quotes doubled. Values a server sent are made
/// printable first (no escape sequences reach the terminal).
pub(crate) fn csv_record(fields: &[String]) -> String {
    let mut line = String::new();
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        let field = crate::output::printable(field);
        if field.contains([',', '"', '\n', '\r']) {
            line.push('"');
            line.push_str(&field.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(&field);
        }
    }
    line
}

/// Column widths of the table: each at least its header's, and wide
/// enough for what each kind of column usually holds (a pivot's URN of up
/// to ten digits, a date, a number); a longer value widens its column from
/// then on (rows stream, so the lines before it are not redone).
struct TableWidths(Vec<usize>);

impl TableWidths {
    fn new(header: &[String]) -> TableWidths {
        TableWidths(
            header
                .iter()
                .map(|name| {
                    let usual = match name.as_str() {
                        "start" | "end" => 10,
                        n if n
                            .chars()
                            .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit()) =>
                        {
                            40
                        }
                        _ => 8,
                    };
                    name.len().max(usual)
                })
                .collect(),
        )
    }

    fn record(&mut self, fields: &[String]) -> String {
        let mut line = String::new();
        for (i, field) in fields.iter().enumerate() {
            let field = crate::output::printable(field);
            let width = match self.0.get_mut(i) {
                Some(width) => {
                    *width = (*width).max(field.chars().count());
                    *width
                }
                None => field.len(),
            };
            if i > 0 {
                line.push_str("  ");
            }
            line.push_str(&format!("{field:<width$}"));
        }
        line.trim_end().to_owned()
    }
}

/// A progress bar over the report's days, when it is to be shown.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    start: Date,
    rows: u64,
}

impl Progress {
    fn new(report: &Report, rows_elsewhere: bool) -> Progress {
        let (start, end) = report.dates();
        let show = rows_elsewhere && std::io::stderr().is_terminal();
        let bar = show.then(|| {
            let days = TimeGranularity::Daily.buckets_between(start, end);
            let bar = indicatif::ProgressBar::new(days);
            let style = indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} days, {msg} rows, {elapsed}",
            );
            if let Ok(style) = style {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            start,
            rows: 0,
        }
    }

    fn row(&mut self, row: &Row) {
        let Some(bar) = &self.bar else { return };
        self.rows += 1;
        if let Some(range) = &row.date_range {
            // The days before this row's are done.
            let done = TimeGranularity::Daily.buckets_between(self.start, range.start);
            bar.set_position(done.saturating_sub(1));
        }
        if self.rows % 256 == 1 {
            bar.set_message(self.rows.to_string());
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.set_message(self.rows.to_string());
            bar.set_position(bar.length().unwrap_or(0));
            bar.finish();
        }
    }

    fn abandon(&self) {
        if let Some(bar) = &self.bar {
            bar.abandon();
        }
    }
}

/// Buffered standard output, its errors the tool's.
struct Output(std::io::BufWriter<std::io::StdoutLock<'static>>);

impl Output {
    fn stdout() -> Output {
        Output(std::io::BufWriter::new(std::io::stdout().lock()))
    }

    fn line(&mut self, line: &str) -> Result<(), CliError> {
        writeln!(self.0, "{line}").map_err(write_error)
    }

    fn json(&mut self, value: &Value) -> Result<(), CliError> {
        serde_json::to_writer(&mut self.0, value)
            .map_err(|e| CliError::Sdk(format!("cannot print a row: {e}")))?;
        writeln!(self.0).map_err(write_error)
    }

    fn flush(&mut self) -> Result<(), CliError> {
        self.0.flush().map_err(write_error)
    }
}

fn write_error(source: std::io::Error) -> CliError {
    CliError::Io {
        action: "write",
        path: PathBuf::from("standard output"),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it() {
        let fields = [
            "a".to_owned(),
            "b,c".to_owned(),
            "say \"hi\"".to_owned(),
            String::new(),
        ];
        assert_eq!(csv_record(&fields), r#"a,"b,c","say ""hi""","#);
    }

    #[test]
    fn table_columns_line_up_and_widen() {
        let header = [
            "CAMPAIGN".to_owned(),
            "start".to_owned(),
            "clicks".to_owned(),
        ];
        let mut table = TableWidths::new(&header);
        let head = table.record(&header);
        let row = table.record(&[
            "urn:li:sponsoredCampaign:1".into(),
            "2024-01-01".into(),
            "7".into(),
        ]);
        assert_eq!(head.find("start"), row.find("2024"));
        assert_eq!(head.find("clicks"), row.find('7'));
    }
}
