//! The report as plain text for a terminal (the CLI's default output), in the report's language.
//! Certificate fields are hostile: control characters are replaced so a field cannot move the
//! cursor or recolour the terminal. One function per section, in the same order as the Markdown;
//! which sections appear is decided by [`Report::shown`].

use crate::analysis::{Item, ItemKind};
use crate::chain::End;
use crate::i18n::{fill, phrase, Lang};
use crate::report::Report;
use crate::rules::finding::Finding;

/// Replace control characters (escape sequences, line breaks inside a field).
pub fn clean(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect()
}

/// The whole report as text.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    header(&mut out, report);
    items(&mut out, report);
    findings(&mut out, report);
    if report.shown.chains {
        chains(&mut out, report);
    }
    if report.shown.upload_plan {
        upload_plan(&mut out, report);
    }
    if report.shown.renewals {
        renewals(&mut out, report);
    }
    checklist(&mut out, report);
    if report.shown.ecdsa {
        ecdsa(&mut out, report);
    }
    if report.shown.integrations {
        integrations(&mut out, report);
    }
    if report.shown.tls {
        tls(&mut out, report);
    }
    skipped(&mut out, report);
    out
}

fn say(report: &Report, key: &str) -> &'static str {
    phrase(key, report.lang)
}

/// ": ", or the full-width "：" in Chinese.
fn colon(report: &Report) -> &'static str {
    say(report, "text.colon")
}

fn field(out: &mut String, report: &Report, key: &str, value: &str) {
    out.push_str(&format!("      {}{}{}\n", say(report, key), colon(report), value));
}

fn header(out: &mut String, report: &Report) {
    let summary = &report.summary;
    out.push_str(&format!(
        "certcheck {} — {} {}\n",
        report.tool_version,
        say(report, "export.checked_at"),
        report.check_date
    ));
    out.push_str(&fill(
        say(report, "text.summary"),
        &[
            ("errors", summary.errors.to_string()),
            ("warnings", summary.warnings.to_string()),
            ("infos", summary.infos.to_string()),
            ("certificates", summary.certificates.to_string()),
            ("csrs", summary.csrs.to_string()),
            ("unreadable", summary.unreadable.to_string()),
        ],
    ));
    out.push_str(&format!("\n\n{}\n", clean(&report.overview)));
}

fn items(out: &mut String, report: &Report) {
    out.push_str(&format!("\n{}{}\n", say(report, "text.items"), colon(report).trim_end()));
    for item in &report.items {
        item_lines(out, report, item);
    }
}

fn item_lines(out: &mut String, report: &Report, item: &Item) {
    let kind = match item.kind {
        ItemKind::Certificate => "text.kind.certificate",
        ItemKind::Csr => "text.kind.csr",
        ItemKind::PrivateKey => "text.kind.private_key",
        ItemKind::Pkcs12 => "text.kind.pkcs12",
        ItemKind::Garbage => "text.kind.garbage",
    };
    out.push_str(&format!(
        "  [{}] {}{}{}\n",
        item.index + 1,
        say(report, kind),
        colon(report),
        clean(&item.label)
    ));
    if let Some(info) = &item.certificate {
        field(out, report, "text.subject", &clean(&info.subject));
        field(out, report, "text.issuer", &clean(&info.issuer));
        let valid = format!("{} → {}", info.validity.not_before, info.validity.not_after);
        field(out, report, "text.valid", &valid);
        let key = format!("{}, {}", info.public_key.summary, info.signature_algorithm);
        field(out, report, "text.key", &key);
        if !info.san.dns.is_empty() || !info.san.ip.is_empty() {
            let names: Vec<String> =
                info.san.dns.iter().chain(info.san.ip.iter()).map(|name| clean(name)).collect();
            out.push_str(&format!("      SAN: {}\n", names.join(", ")));
        }
        out.push_str(&format!("      SHA-256: {}\n", info.fingerprints.sha256));
    }
    if let Some(info) = &item.csr {
        field(out, report, "text.subject", &clean(&info.subject));
        field(out, report, "text.key", &info.public_key.summary);
        if !info.san.dns.is_empty() {
            out.push_str(&format!("      SAN: {}\n", clean(&info.san.dns.join(", "))));
        }
    }
    if let Some(error) = &item.error {
        field(out, report, "text.problem", &clean(error));
    }
}

fn findings(out: &mut String, report: &Report) {
    out.push_str(&format!("\n{}{}\n", say(report, "export.findings"), colon(report).trim_end()));
    if report.findings.is_empty() {
        out.push_str(&format!("  {}\n", say(report, "export.none")));
    }
    for finding in &report.findings {
        finding_lines(out, report.lang, finding, &report.source(&finding.cite));
    }
}

/// One finding: marker, severity, id and subject, then its message, what users see, the fix and
/// the source (as people see it). Shared with the probe's text report.
pub fn finding_lines(out: &mut String, lang: Lang, finding: &Finding, source: &str) {
    let say = |key: &str| phrase(key, lang);
    let field = |out: &mut String, key: &str, value: &str| {
        out.push_str(&format!("      {}{}{}\n", say(key), say("text.colon"), value));
    };
    let severity = say(&format!("text.{}", finding.severity.as_str()));
    out.push_str(&format!(
        "  {} {severity} {} — {}\n",
        finding.severity.marker(),
        finding.id,
        clean(&finding.subject)
    ));
    out.push_str(&format!("      {}\n", clean(&finding.message)));
    if let Some(seen) = &finding.seen_as {
        field(out, "text.users_see", seen);
    }
    out.push_str(&format!("      {}\n", super::labelled(say("export.fix"), &clean(&finding.fix))));
    if !finding.cite.is_empty() {
        field(out, "text.source", source);
    }
}

fn chains(out: &mut String, report: &Report) {
    out.push_str(&format!("\n{}{}\n", say(report, "text.chains"), colon(report).trim_end()));
    for chain in &report.chains {
        let names: Vec<String> = chain
            .path
            .iter()
            .map(|&item| report.items.get(item).map(|item| clean(&item.label)).unwrap_or_default())
            .collect();
        let end = match &chain.end {
            End::Root if chain.complete => say(report, "text.chain_root").to_string(),
            End::Root => say(report, "text.chain_root_not_valid").to_string(),
            End::MissingIssuer { issuer, .. } => {
                fill(say(report, "text.chain_missing"), &[("issuer", clean(issuer))])
            }
            End::BadSignature { .. } => say(report, "text.chain_bad_signature").to_string(),
            End::TooLong { limit } => {
                fill(say(report, "text.chain_too_long"), &[("limit", limit.to_string())])
            }
        };
        out.push_str(&format!("  {} ({end})\n", names.join(" → ")));
    }
}

fn upload_plan(out: &mut String, report: &Report) {
    out.push_str(&format!("\n{}{}\n", say(report, "text.plan"), colon(report).trim_end()));
    for note in report.upload_plan.note.iter().chain(&report.upload_plan.formats) {
        out.push_str(&format!("  {}\n", clean(note)));
    }
    for node in &report.upload_plan.nodes {
        if node.peer.is_some() {
            let head = fill(say(report, "text.peer_plan"), &[("node", clean(&node.node))]);
            out.push_str(&format!("  {head}\n"));
        } else if !node.node.is_empty() {
            let first = node.first && !report.context.nodes.is_empty();
            let head = if first {
                format!(" ({})", say(report, "text.cluster_head"))
            } else {
                String::new()
            };
            out.push_str(&format!("  {}{head}\n", clean(&node.node)));
        }
        for step in &node.steps {
            out.push_str(&format!("    {}. {}\n", step.number, clean(&step.text)));
        }
    }
}

/// The renewal dates, the earliest first (the same dates as the calendar file).
fn renewals(out: &mut String, report: &Report) {
    out.push_str(&format!("\n{}{}\n", say(report, "renewals.title"), colon(report).trim_end()));
    for (day, renewals) in crate::advice::renewals::by_date(&report.renewals) {
        for renewal in renewals {
            out.push_str(&format!("  {}  {}\n", crate::dates::date(day), clean(&renewal.text)));
        }
    }
}

fn checklist(out: &mut String, report: &Report) {
    let lang = report.lang;
    if !report.shown.checklist {
        if let Some(reason) = &report.checklist.empty_reason {
            out.push_str(&format!(
                "\n{}{}{reason}\n",
                say(report, "export.checklist"),
                colon(report)
            ));
        }
        return;
    }
    out.push_str(&format!("\n{}{}\n", say(report, "export.checklist"), colon(report).trim_end()));
    for note in &report.checklist.notes {
        out.push_str(&format!("  {}\n", clean(note)));
    }
    for row in &report.checklist.rows {
        let who: Vec<&str> = row.audiences.iter().map(|audience| audience.label(lang)).collect();
        out.push_str(&format!(
            "  {} [{}] ({}) — {}\n      {}\n",
            row.url,
            who.join(phrase("text.list_join", lang)),
            clean(&row.presents_text),
            row.outcome.label(lang),
            clean(&row.outcome_text)
        ));
    }
}

fn ecdsa(out: &mut String, report: &Report) {
    let verdict = &report.ecdsa_verdict;
    out.push_str(&format!("\n{}{}\n", say(report, "export.ecdsa"), colon(report).trim_end()));
    for text in verdict.reason.iter().chain(&verdict.note) {
        out.push_str(&format!("  {}\n", clean(text)));
    }
    for server in &verdict.servers {
        out.push_str(&format!("  {}: {}\n", clean(&server.server), clean(&server.text)));
    }
    out.push_str(&format!(
        "  {}{}{}\n",
        say(report, "text.source"),
        colon(report),
        clean(&report.source(verdict.cite))
    ));
}

fn integrations(out: &mut String, report: &Report) {
    out.push_str(&format!(
        "\n{}{}\n",
        say(report, "export.integrations"),
        colon(report).trim_end()
    ));
    for integration in &report.integrations {
        out.push_str(&format!("  - {}\n", clean(&integration.text)));
    }
}

fn tls(out: &mut String, report: &Report) {
    let tls = &report.tls;
    out.push_str(&format!("\n{}{}", say(report, "export.tls"), colon(report).trim_end()));
    if tls.documented {
        out.push_str(&format!(
            " {} {}{}{} {}",
            say(report, "tls.as_server"),
            tls.server.join(", "),
            say(report, "overview.separator"),
            say(report, "tls.as_client"),
            tls.client.join(", ")
        ));
    }
    out.push('\n');
    if let Some(upgrade) = &tls.upgrade {
        out.push_str(&format!("  {}\n", clean(upgrade)));
    }
    for note in &tls.notes {
        out.push_str(&format!("  - {}\n", clean(note)));
    }
}

fn skipped(out: &mut String, report: &Report) {
    if !report.skipped_rules.is_empty() {
        let ids: Vec<&str> = report.skipped_rules.iter().map(|rule| rule.id).collect();
        out.push_str(&format!(
            "\n{}\n",
            fill(say(report, "text.skipped"), &[("ids", ids.join(", "))])
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_cannot_reach_the_terminal() {
        assert_eq!(clean("a\u{1b}[31mb\nc"), "a\u{FFFD}[31mb\u{FFFD}c");
    }
}
