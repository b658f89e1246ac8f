//! `certcheck`: the command-line face of the same core the page uses.
//!
//! Exit status: 0 when no error-severity finding, 1 when any, 2 for usage or I/O errors.

use std::io::{Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use certcheck::analysis::ItemKind;
use certcheck::chain::path_validation;
use certcheck::chain::End;
use certcheck::deployment::ContextInput;
use certcheck::i18n::{self, phrase};
use certcheck::report::Report;
use certcheck::rules::{self, Severity};
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
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
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
        Format::Json => serde_json::to_string(&verdict).map_err(|error| error.to_string())? + "\n",
        Format::Text | Format::Markdown | Format::Csv => {
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
        Format::Text => render_text(&report),
        Format::Markdown => certcheck::report::markdown::markdown(&report),
        Format::Csv => certcheck::report::markdown::csv(&report),
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

/// Certificate fields are hostile: never let them move the cursor or recolour the terminal.
fn clean(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect()
}

fn render_text(report: &Report) -> String {
    let lang = report.lang;
    let say = |key: &str| phrase(key, lang);
    let fill = |key: &str, args: &[(&'static str, String)]| i18n::fill(phrase(key, lang), args);
    let mut out = String::new();
    let summary = &report.summary;
    out.push_str(&format!(
        "certcheck {} — {} {}\n",
        report.tool_version,
        say("export.checked_at"),
        report.check_date
    ));
    out.push_str(&fill(
        "text.summary",
        &[
            ("errors", summary.errors.to_string()),
            ("warnings", summary.warnings.to_string()),
            ("infos", summary.infos.to_string()),
            ("certificates", summary.certificates.to_string()),
            ("csrs", summary.csrs.to_string()),
            ("unreadable", summary.unreadable.to_string()),
        ],
    ));
    out.push_str(&format!("\n\n{}\n\n{}:\n", clean(&report.overview), say("text.items")));
    let field = |out: &mut String, key: &str, value: &str| {
        out.push_str(&format!("      {}: {}\n", say(key), value))
    };
    for item in &report.items {
        let kind = match item.kind {
            ItemKind::Certificate => "text.kind.certificate",
            ItemKind::Csr => "text.kind.csr",
            ItemKind::PrivateKey => "text.kind.private_key",
            ItemKind::Pkcs12 => "text.kind.pkcs12",
            ItemKind::Garbage => "text.kind.garbage",
        };
        out.push_str(&format!("  [{}] {}: {}\n", item.index + 1, say(kind), clean(&item.label)));
        if let Some(info) = &item.certificate {
            field(&mut out, "text.subject", &clean(&info.subject));
            field(&mut out, "text.issuer", &clean(&info.issuer));
            field(
                &mut out,
                "text.valid",
                &format!("{} → {}", info.validity.not_before, info.validity.not_after),
            );
            field(
                &mut out,
                "text.key",
                &format!("{}, {}", info.public_key.summary, info.signature_algorithm),
            );
            if !info.san.dns.is_empty() || !info.san.ip.is_empty() {
                let names: Vec<String> =
                    info.san.dns.iter().chain(info.san.ip.iter()).map(|name| clean(name)).collect();
                out.push_str(&format!("      SAN: {}\n", names.join(", ")));
            }
            out.push_str(&format!("      SHA-256: {}\n", info.fingerprints.sha256));
        }
        if let Some(info) = &item.csr {
            field(&mut out, "text.subject", &clean(&info.subject));
            field(&mut out, "text.key", &info.public_key.summary);
            if !info.san.dns.is_empty() {
                out.push_str(&format!("      SAN: {}\n", clean(&info.san.dns.join(", "))));
            }
        }
        if let Some(error) = &item.error {
            field(&mut out, "text.problem", &clean(error));
        }
    }
    out.push_str(&format!("\n{}:\n", say("export.findings")));
    if report.findings.is_empty() {
        out.push_str(&format!("  {}\n", say("export.none")));
    }
    for finding in &report.findings {
        let (marker, key) = match finding.severity {
            Severity::Error => ("✖", "text.error"),
            Severity::Warning => ("▲", "text.warning"),
            Severity::Info => ("ℹ", "text.info"),
        };
        out.push_str(&format!(
            "  {marker} {} {} — {}\n",
            say(key),
            finding.id,
            clean(&finding.subject)
        ));
        out.push_str(&format!("      {}\n", clean(&finding.message)));
        if let Some(seen) = &finding.seen_as {
            field(&mut out, "text.users_see", seen);
        }
        out.push_str(&format!("      {} {}\n", say("export.fix"), clean(&finding.fix)));
        if !finding.cite.is_empty() {
            field(&mut out, "text.source", &finding.cite);
        }
    }
    if !report.chains.is_empty() {
        out.push_str(&format!("\n{}:\n", say("text.chains")));
        for chain in &report.chains {
            let names: Vec<String> =
                chain.path.iter().map(|&item| clean(&report.items[item].label)).collect();
            let end = match &chain.end {
                End::Root => say("text.chain_root").to_string(),
                End::MissingIssuer { issuer, .. } => {
                    fill("text.chain_missing", &[("issuer", clean(issuer))])
                }
                End::BadSignature { .. } => say("text.chain_bad_signature").to_string(),
                End::TooLong { limit } => {
                    fill("text.chain_too_long", &[("limit", limit.to_string())])
                }
            };
            out.push_str(&format!("  {} ({end})\n", names.join(" → ")));
        }
    }
    if !report.upload_plan.nodes.is_empty() {
        out.push_str(&format!("\n{}:\n", say("text.plan")));
        for node in &report.upload_plan.nodes {
            if !node.node.is_empty() {
                let first = node.first && !report.context.nodes.is_empty();
                let head =
                    if first { format!(" ({})", say("text.cluster_head")) } else { String::new() };
                out.push_str(&format!("  {}{head}\n", clean(&node.node)));
            }
            for step in &node.steps {
                out.push_str(&format!("    {}. {}\n", step.number, clean(&step.text)));
            }
        }
    }
    if !report.checklist.rows.is_empty() {
        out.push_str(&format!("\n{}:\n", say("export.checklist")));
        for row in &report.checklist.rows {
            let who: Vec<&str> = row
                .audiences
                .iter()
                .map(|audience| certcheck::report::markdown::audience_name(*audience, lang))
                .collect();
            out.push_str(&format!(
                "  {} [{}] ({}) — {}\n      {}\n",
                row.url,
                who.join(", "),
                clean(&row.presents_text),
                certcheck::report::markdown::outcome_name(row.outcome, lang),
                clean(&row.outcome_text)
            ));
        }
    } else if let Some(missing) = &report.checklist.missing {
        out.push_str(&format!("\n{}: {missing}\n", say("export.checklist")));
    }
    let verdict = &report.ecdsa_verdict;
    if !verdict.servers.is_empty() {
        out.push_str(&format!("\n{}:\n", say("export.ecdsa")));
        if let Some(reason) = &verdict.reason {
            out.push_str(&format!("  {reason}\n"));
        }
        for server in &verdict.servers {
            out.push_str(&format!("  {}: {}\n", clean(&server.server), clean(&server.text)));
        }
    }
    if !report.integrations.is_empty() {
        out.push_str(&format!("\n{}:\n", say("export.integrations")));
        for integration in &report.integrations {
            out.push_str(&format!("  - {}\n", clean(&integration.text)));
        }
    }
    if report.tls.documented {
        out.push_str(&format!(
            "\n{}: {} {}; {} {}\n",
            say("export.tls"),
            say("tls.as_server"),
            report.tls.server.join(", "),
            say("tls.as_client"),
            report.tls.client.join(", ")
        ));
        if let Some(upgrade) = &report.tls.upgrade {
            out.push_str(&format!("  {upgrade}\n"));
        }
    }
    if !report.skipped_rules.is_empty() {
        let ids: Vec<&str> = report.skipped_rules.iter().map(|rule| rule.id).collect();
        out.push_str(&format!("\n{}\n", fill("text.skipped", &[("ids", ids.join(", "))])));
    }
    out
}
