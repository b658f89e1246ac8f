//! `certcheck`: the command-line face of the same core the page uses.
//!
//! Exit status: 0 when no error-severity finding, 1 when any, 2 for usage or I/O errors. Two
//! formats of `probe` have their own: `--format nagios` the Monitoring Plugins' 0 OK, 1 WARNING,
//! 2 CRITICAL, 3 UNKNOWN (usage and I/O errors too, argument errors included); `--format
//! prometheus` 0 once the metrics are written (the judgement is in them), 2 for usage or I/O
//! errors.

mod net;

use std::ffi::OsString;
use std::io::{Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use certcheck::chain::path_validation;
use certcheck::deployment::ContextInput;
use certcheck::probe::monitoring;
use certcheck::report::{self, text::clean};
use certcheck::rules;
use certcheck::{Input, Lang};

/// Certificate checker for Cisco contact-center deployments (UCCX, UCCE, SocialMiner, MediaSense).
#[derive(Parser)]
#[command(name = "certcheck", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check certificates, CSRs and bundles (PEM, DER, PKCS#7); `-` reads standard input.
    Check(CheckArgs),
    /// Connect to every URL of the acceptance checklist (and each --target) over TLS, record the
    /// certificates each server sends, trust none of them, and judge them against the plan
    /// (FILEs). Exit 0 when every URL is reachable with no error finding, 1 otherwise; with
    /// --format nagios 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN; with --format prometheus 0 once the
    /// metrics are written.
    Probe(ProbeArgs),
    /// Validate one server certificate WebPKI-style against trust anchors (for comparing the
    /// engine with other validators); prints `{"valid", "chain", "reason"}`. Exit 0 valid, 1 not.
    Verify(VerifyArgs),
    /// List the rule catalog.
    ListRules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
}

/// The deployment, as `check` and `probe` take it.
#[derive(clap::Args)]
struct ContextArgs {
    /// Language of messages: en, ja, pt-BR, zh-TW.
    #[arg(long, default_value = "en")]
    lang: String,
    /// Product: uccx, ucce, socialminer, mediasense.
    #[arg(long)]
    product: Option<String>,
    /// Release, e.g. 11.6(1) or 10.6(1)SU3.
    #[arg(long = "version")]
    release: Option<String>,
    /// A node FQDN; repeat for each node, publisher/primary first.
    #[arg(long = "node")]
    nodes: Vec<String>,
    /// The SocialMiner FQDN.
    #[arg(long)]
    socialminer: Option<String>,
    /// UCCE: a Finesse server FQDN; repeat, primary first.
    #[arg(long)]
    finesse: Vec<String>,
    /// UCCE: a CUIC server FQDN; repeat, primary first.
    #[arg(long)]
    cuic: Vec<String>,
    /// UCCE: a Live Data server FQDN; repeat, primary first.
    #[arg(long)]
    livedata: Vec<String>,
    /// The MediaSense FQDN.
    #[arg(long)]
    mediasense: Option<String>,
    /// UCCE: ECDSA is enabled on the servers (a UCCE component uses ECDSA only when configured to).
    #[arg(long)]
    ecdsa: bool,
    /// A Unified CM node FQDN; repeat for each node, publisher first.
    #[arg(long)]
    cucm: Vec<String>,
    /// A third-party gadget server Finesse calls, HOST[:PORT] or its URL; repeat for each.
    #[arg(long = "gadget")]
    gadgets: Vec<String>,
    /// A file whose first line is the password of the PKCS#12 (.pfx/.p12) inputs.
    #[arg(long)]
    password_file: Option<String>,
}

impl ContextArgs {
    fn lang(&self) -> Result<Lang, String> {
        Lang::parse(&self.lang)
            .ok_or_else(|| format!("unknown language {:?}: use en, ja, pt-BR or zh-TW", self.lang))
    }

    fn input(self, host: Option<String>, at: Option<String>) -> ContextInput {
        ContextInput {
            product: self.product.unwrap_or_default(),
            version: self.release.unwrap_or_default(),
            nodes: self.nodes,
            socialminer: self.socialminer.unwrap_or_default(),
            host: host.unwrap_or_default(),
            at: at.unwrap_or_default(),
            finesse: self.finesse,
            cuic: self.cuic,
            livedata: self.livedata,
            mediasense: self.mediasense.unwrap_or_default(),
            ecdsa: self.ecdsa,
            cucm: self.cucm,
            gadgets: self.gadgets,
        }
    }

    /// The files, read (with the PKCS#12 password when one was given).
    fn read_files(&self, files: &[String]) -> Result<Vec<Input>, String> {
        let password = match &self.password_file {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|error| format!("cannot read {path}: {error}"))?;
                Some(text.lines().next().unwrap_or_default().to_string())
            }
            None => None,
        };
        let mut inputs = Vec::new();
        for path in files {
            let input = read_input(path)?;
            inputs.push(match &password {
                Some(password) => input.with_password(password.clone()),
                None => input,
            });
        }
        Ok(inputs)
    }
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    context: ContextArgs,
    /// The server these certificates are meant for.
    #[arg(long)]
    host: Option<String>,
    /// Check date, YYYY-MM-DD or RFC 3339 (default: today).
    #[arg(long)]
    at: Option<String>,
    /// Files to check; `-` reads standard input.
    #[arg(required = true)]
    files: Vec<String>,
}

#[derive(clap::Args)]
struct ProbeArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ProbeFormat::Text)]
    format: ProbeFormat,
    #[command(flatten)]
    context: ContextArgs,
    /// FQDN=ADDRESS: connect to ADDRESS for FQDN (like curl's --resolve); repeat.
    #[arg(long = "resolve")]
    resolve: Vec<String>,
    /// HOST:PORT: an extra endpoint to probe; repeat.
    #[arg(long = "target")]
    targets: Vec<String>,
    /// Seconds allowed for each connection (connect and handshake).
    #[arg(long, default_value_t = 5.0)]
    timeout: f64,
    /// Warn about certificates that expire within this many days.
    #[arg(long, default_value_t = 30)]
    warn_days: i64,
    /// An error (CRITICAL) for certificates that expire within this many days (at most
    /// --warn-days); without it only an expired certificate is.
    #[arg(long)]
    crit_days: Option<i64>,
    /// The certificates uploaded or about to be uploaded (the plan); `-` reads standard input.
    files: Vec<String>,
}

#[derive(clap::Args)]
struct VerifyArgs {
    /// Trust anchors (PEM, DER or PKCS#7).
    #[arg(long)]
    trusted: String,
    /// Certificates usable as intermediates; an empty file means none.
    #[arg(long)]
    untrusted: Option<String>,
    /// The server certificate.
    #[arg(long)]
    leaf: String,
    /// Validation time, RFC 3339 (default: now).
    #[arg(long)]
    at: Option<String>,
    /// The name the server is reached by: a DNS name or an IP address.
    #[arg(long)]
    host: Option<String>,
    /// At most this many intermediates (self-issued ones not counted).
    #[arg(long)]
    max_intermediates: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = VerifyFormat::Text)]
    format: VerifyFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum VerifyFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ProbeFormat {
    Text,
    Json,
    /// The Monitoring Plugins output (Nagios, Icinga): a status line with performance data, one
    /// line per URL; exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
    Nagios,
    /// The Prometheus text exposition format (the node exporter's textfile collector).
    Prometheus,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    /// The report as Markdown, for a ticket.
    Markdown,
    /// The acceptance checklist as CSV.
    Csv,
    /// The renewal dates as an iCalendar file (RFC 5545), for Outlook or Google Calendar.
    Ics,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
    Markdown,
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    // A monitoring system reads the exit code: for the Monitoring Plugins an unusable command line
    // is UNKNOWN (3), never the CRITICAL that 2 means there.
    let nagios = asks_for_nagios(&args);
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(error) if nagios && error.use_stderr() => {
            let text = error.to_string();
            let first = text.lines().next().unwrap_or_default();
            return unknown(first.strip_prefix("error: ").unwrap_or(first));
        }
        Err(error) => error.exit(),
    };
    match run(cli) {
        Ok(code) => code,
        Err(message) if nagios => unknown(&message),
        Err(message) => {
            eprintln!("certcheck: {message}");
            ExitCode::from(2)
        }
    }
}

/// Whether the command line asks `probe` for `--format nagios` (read before parsing, so that an
/// argument error is reported the plugin's way too).
fn asks_for_nagios(args: &[OsString]) -> bool {
    let args: Vec<&str> = args.iter().skip(1).map(|arg| arg.to_str().unwrap_or_default()).collect();
    args.first() == Some(&"probe")
        && args.iter().enumerate().any(|(at, arg)| {
            *arg == "--format=nagios" || (*arg == "--format" && args.get(at + 1) == Some(&"nagios"))
        })
}

/// `CERTCHECK UNKNOWN - message` on standard output, exit 3.
fn unknown(message: &str) -> ExitCode {
    let _ = print_out(&monitoring::unknown(message));
    ExitCode::from(monitoring::Status::Unknown.code())
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::ListRules { format } => {
            let text = match format {
                ListFormat::Json => serde_json::to_string_pretty(&rules::listing())
                    .map_err(|error| error.to_string())?,
                ListFormat::Markdown => format!(
                    "{}\n`certcheck probe`:\n\n{}",
                    rules::markdown_table(),
                    certcheck::probe::rules::markdown_table()
                ),
                ListFormat::Text => rules::RULES
                    .iter()
                    .map(|rule| (rule.id, rule.severity, rule.title))
                    .chain(
                        certcheck::probe::rules::RULES
                            .iter()
                            .map(|rule| (rule.id, rule.severity, rule.title)),
                    )
                    .map(|(id, severity, title)| {
                        format!("{id:<34} {:<8} {title}\n", severity.as_str())
                    })
                    .collect(),
            };
            print_out(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(args) => check(args),
        Command::Probe(args) => probe(args),
        Command::Verify(args) => verify(args),
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs() as i64)
        .unwrap_or(0)
}

fn read_input(path: &str) -> Result<Input, String> {
    if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|error| format!("cannot read standard input: {error}"))?;
        return Ok(Input::file("stdin", bytes));
    }
    let bytes = std::fs::read(path).map_err(|error| format!("cannot read {path}: {error}"))?;
    Ok(Input::file(path, bytes))
}

fn read_certificates(path: &str) -> Result<Vec<Vec<u8>>, String> {
    let (certificates, problems) = path_validation::certificates_in(&read_input(path)?);
    for problem in problems {
        eprintln!("certcheck: {}", clean(&problem));
    }
    Ok(certificates)
}

fn verify(args: VerifyArgs) -> Result<ExitCode, String> {
    let trusted = read_certificates(&args.trusted)?;
    let untrusted = match &args.untrusted {
        Some(path) => read_certificates(path)?,
        None => Vec::new(),
    };
    let leaf = read_certificates(&args.leaf)?
        .into_iter()
        .next()
        .ok_or_else(|| format!("{}: no certificate found", args.leaf))?;
    let at = match &args.at {
        Some(text) => certcheck::dates::parse(text).ok_or_else(|| {
            format!("cannot understand --at {text:?}: use RFC 3339, e.g. 2026-11-25T00:00:00Z")
        })?,
        None => now(),
    };
    let verdict = path_validation::verify(&path_validation::Request {
        trusted: &trusted,
        untrusted: &untrusted,
        leaf: &leaf,
        at,
        host: args.host.as_deref(),
        max_intermediates: args.max_intermediates,
    });
    let text = match args.format {
        VerifyFormat::Json => {
            serde_json::to_string(&verdict).map_err(|error| error.to_string())? + "\n"
        }
        VerifyFormat::Text => {
            let mut out = if verdict.valid {
                "valid\n".to_string()
            } else {
                format!("not valid: {}\n", verdict.reason)
            };
            for (depth, entry) in verdict.chain.iter().enumerate() {
                out.push_str(&format!("  {depth}: {}\n", clean(&entry.subject)));
            }
            out
        }
    };
    print_out(&text)?;
    Ok(if verdict.valid { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn check(args: CheckArgs) -> Result<ExitCode, String> {
    let lang = args.context.lang()?;
    let inputs = args.context.read_files(&args.files)?;
    let context = args.context.input(args.host, args.at);
    let report = certcheck::check(&inputs, &context, now(), lang);
    if let Some(problem) = report.context_problems.first() {
        return Err(format!("cannot understand --{} {:?}", cli_flag(problem.field), problem.value));
    }
    let text = match args.format {
        // Straight to standard output: a 10 000-certificate report is tens of megabytes.
        Format::Json => return write_json(&report).map(|()| exit_code(report.summary.errors)),
        Format::Text => report::text::render(&report),
        Format::Markdown => report::markdown::render(&report),
        Format::Csv => report::csv::render(&report),
        Format::Ics => report::ics::render(&report),
    };
    print_out(&text)?;
    Ok(exit_code(report.summary.errors))
}

fn exit_code(errors: usize) -> ExitCode {
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// JSON written straight to standard output, buffered: indented for a person at a terminal,
/// compact into a pipe or a file (a 10 000-certificate report is a third smaller and faster).
fn write_json(value: &impl serde::Serialize) -> Result<(), String> {
    use std::io::IsTerminal;
    let stdout = std::io::stdout().lock();
    let pretty = stdout.is_terminal();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout);
    let serialized = if pretty {
        serde_json::to_writer_pretty(&mut out, value)
    } else {
        serde_json::to_writer(&mut out, value)
    };
    let written = serialized
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    match written {
        // A closed pipe (`certcheck ... | head`) is not an error worth a message.
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write output: {error}"))
        }
        _ => Ok(()),
    }
}

fn probe(args: ProbeArgs) -> Result<ExitCode, String> {
    let lang = args.context.lang()?;
    if !(args.timeout > 0.0 && args.timeout <= 300.0) {
        return Err(format!(
            "--timeout {}: use a number of seconds above 0, at most 300",
            args.timeout
        ));
    }
    if !(0..=3650).contains(&args.warn_days) {
        return Err(format!("--warn-days {}: use 0 to 3650", args.warn_days));
    }
    if let Some(crit_days) = args.crit_days {
        if !(0..=args.warn_days).contains(&crit_days) {
            return Err(format!(
                "--crit-days {crit_days}: use 0 to --warn-days ({})",
                args.warn_days
            ));
        }
    }
    let windows =
        certcheck::probe::Windows { warn_days: args.warn_days, crit_days: args.crit_days };
    let mut pinned = Vec::new();
    for text in &args.resolve {
        let parsed = text.split_once('=').and_then(|(name, address)| {
            let address = address.trim().trim_start_matches('[').trim_end_matches(']');
            Some((name.trim().trim_end_matches('.').to_ascii_lowercase(), address.parse().ok()?))
        });
        pinned.push(parsed.ok_or_else(|| format!("--resolve {text:?}: use FQDN=ADDRESS"))?);
    }
    let files = args.context.read_files(&args.files)?;
    let started = now();
    let (context, problems) = args.context.input(None, None).resolve(started);
    if let Some(problem) = problems.first() {
        return Err(format!("cannot understand --{} {:?}", cli_flag(problem.field), problem.value));
    }
    // The plan: the end state of the FILEs, and the checklist `check` lists for this context.
    let plan = certcheck::probe::Plan::new(&files, context.clone(), lang);
    let targets = plan.targets(&args.targets)?;
    let offers = certcheck::probe::offers(&context);
    // One set of handshakes per host and port (`:8445/` and `:8445/cfadmin` share one); a server
    // outside the checklist (a gadget server, a --target) also gets the DHE-only offer, to tell
    // when it speaks only the DHE suites Finesse refuses.
    let mut endpoints: Vec<(String, u16, bool)> = Vec::new();
    for target in &targets {
        let outside = target.endpoint.is_none();
        match endpoints
            .iter_mut()
            .find(|(host, port, _)| *host == target.host && *port == target.port)
        {
            Some(entry) => entry.2 |= outside,
            None => endpoints.push((target.host.clone(), target.port, outside)),
        }
    }
    let mut jobs: Vec<net::Job> = Vec::new();
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for (host, port, outside) in &endpoints {
        let start = jobs.len();
        let dhe = outside.then_some(certcheck::probe::Offer::Dhe);
        for offer in offers.iter().copied().chain(dhe) {
            jobs.push(net::Job { host: host.clone(), port: *port, offer });
        }
        ranges.push(start..jobs.len());
    }
    let timeout = std::time::Duration::from_secs_f64(args.timeout);
    // The run's bound: every connection's time, as if they ran in turn on the workers, plus slack.
    let rounds = jobs.len().div_ceil(net::WORKERS).max(1) as u32;
    let deadline = std::time::Instant::now() + timeout * rounds + std::time::Duration::from_secs(1);
    let observations = net::run(&jobs, &pinned, timeout, deadline);
    let reports = targets
        .iter()
        .map(|target| {
            let at = endpoints
                .iter()
                .position(|(host, port, _)| *host == target.host && *port == target.port)
                .unwrap_or(0);
            let seen = &observations[ranges[at].clone()];
            certcheck::probe::judge(target, seen, &plan, windows, lang)
        })
        .collect();
    let report = certcheck::probe::report(context, reports, windows, lang);
    let all_well = if report.all_well() { ExitCode::SUCCESS } else { ExitCode::from(1) };
    match args.format {
        ProbeFormat::Json => write_json(&report).map(|()| all_well),
        ProbeFormat::Text => print_out(&certcheck::probe::text::render(&report)).map(|()| all_well),
        ProbeFormat::Nagios => print_out(&monitoring::nagios(&report))
            .map(|()| ExitCode::from(monitoring::overall(&report).code())),
        // The state is in the metrics: a run that wrote them succeeded (`… > f.tmp && mv`).
        ProbeFormat::Prometheus => {
            print_out(&monitoring::prometheus(&report)).map(|()| ExitCode::SUCCESS)
        }
    }
}

fn cli_flag(field: &str) -> &str {
    match field {
        "nodes" => "node",
        "at" => "at",
        other => other,
    }
}

fn print_out(text: &str) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        // A closed pipe (`certcheck ... | head`) is not an error worth a message.
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write output: {error}"))
        }
        _ => Ok(()),
    }
}
