//! The report as Markdown, to paste into a ticket. Certificate fields are hostile: every cell and
//! line is escaped so a field cannot add rows, links or markup. One function per section, in the
//! order of the CLI text report; which sections appear is decided by [`Report::shown`].

use crate::i18n::phrase;
use crate::report::Report;

/// Escape text for a Markdown table cell or line: no pipes, no line breaks, no markup.
pub fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' | '\n' => out.push(' '),
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The whole report as Markdown.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    header(&mut out, report);
    findings(&mut out, report);
    if report.shown.upload_plan {
        upload_plan(&mut out, report);
    }
    if report.shown.renewals {
        renewals(&mut out, report);
    }
    if report.shown.checklist {
        checklist(&mut out, report);
    }
    if report.shown.ecdsa {
        ecdsa(&mut out, report);
    }
    if report.shown.integrations {
        integrations(&mut out, report);
    }
    if report.shown.tls {
        tls(&mut out, report);
    }
    out
}

fn header(out: &mut String, report: &Report) {
    let lang = report.lang;
    out.push_str(&format!("## {}\n\n", phrase("export.title", lang)));
    out.push_str(&format!("{}\n\n", md(&report.overview)));
    let context = &report.context;
    let mut facts = Vec::new();
    if let Some(product) = context.product {
        facts.push(product.name().to_string());
    }
    if let Some(release) = context.release {
        facts.push(release.to_string());
    }
    if !context.nodes.is_empty() {
        facts.push(context.nodes.join(", "));
    }
    facts.push(format!("{} {}", phrase("export.checked_at", lang), report.check_date));
    out.push_str(&format!("{}\n\n", md(&facts.join(" · "))));
}

fn findings(out: &mut String, report: &Report) {
    let lang = report.lang;
    out.push_str(&format!("### {}\n\n", phrase("export.findings", lang)));
    if report.findings.is_empty() {
        out.push_str(&format!("{}\n\n", phrase("export.none", lang)));
    }
    for finding in &report.findings {
        // Severity, "users see" and the source in the report's language, like the rest.
        out.push_str(&format!(
            "- {} **{}** `{}` — {}{}{}{}{}\n",
            finding.severity.marker(),
            phrase(&format!("text.{}", finding.severity.as_str()), lang),
            finding.id,
            md(&finding.subject),
            // "subject: message Fix: …", but "subject：message修正方式：…" in Chinese.
            phrase("text.colon", lang),
            md(&finding.message),
            phrase("text.sentence_join", lang),
            super::labelled(phrase("export.fix", lang), &md(&finding.fix))
        ));
        if let Some(seen) = &finding.seen_as {
            out.push_str(&format!(
                "  - {}{}“{}”\n",
                phrase("text.users_see", lang),
                phrase("text.colon", lang),
                md(seen)
            ));
        }
        if !finding.cite.is_empty() {
            out.push_str(&format!(
                "  - {}{}{}\n",
                phrase("text.source", lang),
                phrase("text.colon", lang),
                md(&report.source(&finding.cite))
            ));
        }
    }
    out.push('\n');
}

fn upload_plan(out: &mut String, report: &Report) {
    out.push_str(&format!("### {}\n\n", phrase("export.plan", report.lang)));
    for note in report.upload_plan.note.iter().chain(&report.upload_plan.formats) {
        out.push_str(&format!("{}\n\n", md(note)));
    }
    for node in &report.upload_plan.nodes {
        if node.peer.is_some() {
            let head = crate::i18n::fill(
                phrase("text.peer_plan", report.lang),
                &[("node", node.node.clone())],
            );
            out.push_str(&format!("**{}**\n\n", md(&head)));
        } else if !node.node.is_empty() {
            out.push_str(&format!("**{}**\n\n", md(&node.node)));
        }
        for step in &node.steps {
            out.push_str(&format!("{}. {}\n", step.number, md(&step.text)));
        }
        out.push('\n');
    }
}

/// The renewal dates, the earliest first (the same dates as the calendar file).
fn renewals(out: &mut String, report: &Report) {
    let lang = report.lang;
    out.push_str(&format!(
        "### {}

",
        phrase("renewals.title", lang)
    ));
    for (day, renewals) in crate::advice::renewals::by_date(&report.renewals) {
        for renewal in renewals {
            out.push_str(&format!(
                "- **{}** — {}
",
                crate::dates::date(day),
                md(&renewal.text)
            ));
        }
    }
    let cite = report.renewals.first().map_or("", |renewal| renewal.cite);
    out.push_str(&format!(
        "\n{}{}{}\n\n",
        phrase("text.source", lang),
        phrase("text.colon", lang),
        md(&report.source(cite))
    ));
}

fn checklist(out: &mut String, report: &Report) {
    let lang = report.lang;
    out.push_str(&format!("### {}\n\n", phrase("export.checklist", lang)));
    for note in &report.checklist.notes {
        out.push_str(&format!("{}\n\n", md(note)));
    }
    out.push_str(&format!(
        "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|\n",
        phrase("csv.who", lang),
        phrase("csv.url", lang),
        phrase("csv.presents", lang),
        phrase("csv.outcome", lang),
        phrase("csv.details", lang)
    ));
    for row in &report.checklist.rows {
        let who: Vec<&str> = row.audiences.iter().map(|audience| audience.label(lang)).collect();
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            md(&who.join(phrase("text.list_join", lang))),
            md(&row.url),
            md(&row.presents_text),
            row.outcome.label(lang),
            md(&row.outcome_text)
        ));
    }
    out.push('\n');
}

fn ecdsa(out: &mut String, report: &Report) {
    let verdict = &report.ecdsa_verdict;
    out.push_str(&format!("### {}\n\n", phrase("export.ecdsa", report.lang)));
    for text in verdict.reason.iter().chain(&verdict.note) {
        out.push_str(&format!("{}\n\n", md(text)));
    }
    for server in &verdict.servers {
        out.push_str(&format!("- {}: {}\n", md(&server.server), md(&server.text)));
    }
    out.push_str(&format!(
        "\n{}{}{}\n\n",
        phrase("text.source", report.lang),
        phrase("text.colon", report.lang),
        md(&report.source(verdict.cite))
    ));
}

fn integrations(out: &mut String, report: &Report) {
    out.push_str(&format!("### {}\n\n", phrase("export.integrations", report.lang)));
    for integration in &report.integrations {
        out.push_str(&format!("- {}\n", md(&integration.text)));
    }
    out.push('\n');
}

fn tls(out: &mut String, report: &Report) {
    let lang = report.lang;
    let tls = &report.tls;
    out.push_str(&format!("### {}\n\n", phrase("export.tls", lang)));
    if tls.documented {
        out.push_str(&format!(
            "- {}: TLS {}\n- {}: TLS {}\n",
            phrase("tls.as_server", lang),
            tls.server.join(", "),
            phrase("tls.as_client", lang),
            tls.client.join(", ")
        ));
    }
    if let Some(upgrade) = &tls.upgrade {
        out.push_str(&format!("- {}\n", md(upgrade)));
    }
    for note in &tls.notes {
        out.push_str(&format!("- {}\n", md(note)));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_cannot_break_out() {
        assert_eq!(md("a|b\n[x](http://e)"), "a\\|b \\[x\\](http://e)");
    }
}
