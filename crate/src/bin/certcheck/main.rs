//! `certcheck`: the command-line face of the same core the page uses.
//!
//! Exit status: 0 when no error-severity finding, 1 when any, 2 for usage or I/O errors.

use std::io::{Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use certcheck::chain::path_validation;
use certcheck::deployment::ContextInput;
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

#[derive(clap::Args)]
struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
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
    /// The server these certificates are meant for.
    #[arg(long)]
    host: Option<String>,
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
    /// Check date, YYYY-MM-DD or RFC 3339 (default: today).
    #[arg(long)]
    at: Option<String>,
    /// A file whose first line is the password of the PKCS#12 (.pfx/.p12) inputs.
    #[arg(long)]
    password_file: Option<String>,
    /// Files to check; `-` reads standard input.
    #[arg(required = true)]
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
enum Format {
    Text,
    Json,
    /// The report as Markdown, for a ticket.
    Markdown,
    /// The acceptance checklist as CSV.
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormat {
    Text,
    Json,
    Markdown,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("certcheck: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::ListRules { format } => {
            let text = match format {
                ListFormat::Json => serde_json::to_string_pretty(&rules::listing())
                    .map_err(|error| error.to_string())?,
                ListFormat::Markdown => rules::markdown_table(),
                ListFormat::Text => rules::RULES
                    .iter()
                    .map(|rule| {
                        format!("{:<34} {:<8} {}\n", rule.id, rule.severity.as_str(), rule.title)
                    })
                    .collect(),
            };
            print_out(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(args) => check(args),
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
    let lang = Lang::parse(&args.lang)
        .ok_or_else(|| format!("unknown language {:?}: use en, ja, pt-BR or zh-TW", args.lang))?;
    let password = match &args.password_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|error| format!("cannot read {path}: {error}"))?;
            Some(text.lines().next().unwrap_or_default().to_string())
        }
        None => None,
    };
    let mut inputs = Vec::new();
    for path in &args.files {
        let input = read_input(path)?;
        inputs.push(match &password {
            Some(password) => input.with_password(password.clone()),
            None => input,
        });
    }
    let context = ContextInput {
        product: args.product.unwrap_or_default(),
        version: args.release.unwrap_or_default(),
        nodes: args.nodes,
        socialminer: args.socialminer.unwrap_or_default(),
        host: args.host.unwrap_or_default(),
        at: args.at.unwrap_or_default(),
        finesse: args.finesse,
        cuic: args.cuic,
        livedata: args.livedata,
        mediasense: args.mediasense.unwrap_or_default(),
    };
    let report = certcheck::check(&inputs, &context, now(), lang);
    if let Some(problem) = report.context_problems.first() {
        return Err(format!("cannot understand --{} {:?}", cli_flag(problem.field), problem.value));
    }
    let text = match args.format {
        Format::Json => {
            serde_json::to_string_pretty(&report).map_err(|error| error.to_string())? + "\n"
        }
        Format::Text => report::text::render(&report),
        Format::Markdown => report::markdown::render(&report),
        Format::Csv => report::csv::render(&report),
    };
    print_out(&text)?;
    Ok(if report.summary.errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
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
