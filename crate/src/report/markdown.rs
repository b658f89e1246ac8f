//! Exports of a report: Markdown to paste into a ticket, CSV of the checklist for a spreadsheet.
//! Certificate fields are hostile: Markdown cells are escaped so a field cannot add rows, links or
//! markup, and CSV cells cannot start a formula.

use crate::advice::checklist::{Audience, Outcome};
use crate::i18n::{self, Lang};
use crate::report::Report;

fn phrase(key: &str, lang: Lang) -> &'static str {
    i18n::phrase(key, lang)
}

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

/// A CSV cell: quoted, quotes doubled, and a leading `= + - @` neutralised (CSV injection).
pub fn csv_cell(text: &str) -> String {
    let text = text.replace(['\r', '\n'], " ");
    let guarded =
        if text.starts_with(['=', '+', '-', '@', '\t']) { format!("'{text}") } else { text };
    format!("\"{}\"", guarded.replace('"', "\"\""))
}

/// The audience's name in `lang`.
pub fn audience_name(audience: Audience, lang: Lang) -> &'static str {
    phrase(
        match audience {
            Audience::Agent => "audience.agent",
            Audience::Supervisor => "audience.supervisor",
            Audience::Admin => "audience.admin",
            Audience::Reporting => "audience.reporting",
        },
        lang,
    )
}

/// The outcome's short name.
pub fn outcome_name(outcome: Outcome, lang: Lang) -> &'static str {
    phrase(
        match outcome {
            Outcome::Trusted => "outcome.trusted",
            Outcome::Accept => "outcome.accept",
            Outcome::Fails => "outcome.fails",
            Outcome::Uncertain => "outcome.uncertain",
            Outcome::NotGiven => "outcome.not_given",
        },
        lang,
    )
}

/// The checklist as CSV (header row first).
pub fn csv(report: &Report) -> String {
    let lang = report.lang;
    let header = [
        "csv.node",
        "csv.who",
        "csv.url",
        "csv.presents",
        "csv.outcome",
        "csv.details",
        "csv.source",
    ];
    let mut out =
        header.iter().map(|key| csv_cell(phrase(key, lang))).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    for row in &report.checklist.rows {
        let who: Vec<&str> =
            row.audiences.iter().map(|audience| audience_name(*audience, lang)).collect();
        let cells = [
            row.node.as_str(),
            &who.join(", "),
            row.url.as_str(),
            row.presents_text.as_str(),
            outcome_name(row.outcome, lang),
            row.outcome_text.as_str(),
            row.cite,
        ];
        out.push_str(&cells.iter().map(|cell| csv_cell(cell)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// The whole report as Markdown.
pub fn markdown(report: &Report) -> String {
    let lang = report.lang;
    let mut out = String::new();
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

    out.push_str(&format!("### {}\n\n", phrase("export.findings", lang)));
    if report.findings.is_empty() {
        out.push_str(&format!("{}\n\n", phrase("export.none", lang)));
    }
    for finding in &report.findings {
        let marker = match finding.severity {
            crate::rules::Severity::Error => "✖",
            crate::rules::Severity::Warning => "▲",
            crate::rules::Severity::Info => "ℹ",
        };
        out.push_str(&format!(
            "- {marker} **{}** `{}` — {}: {} {} {}\n",
            finding.severity.as_str(),
            finding.id,
            md(&finding.subject),
            md(&finding.message),
            phrase("export.fix", lang),
            md(&finding.fix)
        ));
    }
    out.push('\n');

    if !report.checklist.rows.is_empty() {
        out.push_str(&format!("### {}\n\n", phrase("export.checklist", lang)));
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n|---|---|---|---|---|\n",
            phrase("csv.who", lang),
            phrase("csv.url", lang),
            phrase("csv.presents", lang),
            phrase("csv.outcome", lang),
            phrase("csv.details", lang)
        ));
        for row in &report.checklist.rows {
            let who: Vec<&str> =
                row.audiences.iter().map(|audience| audience_name(*audience, lang)).collect();
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                md(&who.join(", ")),
                md(&row.url),
                md(&row.presents_text),
                outcome_name(row.outcome, lang),
                md(&row.outcome_text)
            ));
        }
        out.push('\n');
    }

    let verdict = &report.ecdsa_verdict;
    if !verdict.servers.is_empty() || verdict.reason.is_some() {
        out.push_str(&format!("### {}\n\n", phrase("export.ecdsa", lang)));
        if let Some(reason) = &verdict.reason {
            out.push_str(&format!("{}\n\n", md(reason)));
        }
        for server in &verdict.servers {
            out.push_str(&format!("- {}: {}\n", md(&server.server), md(&server.text)));
        }
        out.push('\n');
    }

    if !report.upload_plan.nodes.is_empty() {
        out.push_str(&format!("### {}\n\n", phrase("export.plan", lang)));
        for node in &report.upload_plan.nodes {
            if !node.node.is_empty() {
                out.push_str(&format!("**{}**\n\n", md(&node.node)));
            }
            for step in &node.steps {
                out.push_str(&format!("{}. {}\n", step.number, md(&step.text)));
            }
            out.push('\n');
        }
    }

    if !report.integrations.is_empty() {
        out.push_str(&format!("### {}\n\n", phrase("export.integrations", lang)));
        for integration in &report.integrations {
            out.push_str(&format!("- {}\n", md(&integration.text)));
        }
        out.push('\n');
    }

    let tls = &report.tls;
    if tls.documented || !tls.notes.is_empty() {
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
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_cannot_break_out() {
        assert_eq!(md("a|b\n[x](http://e)"), "a\\|b \\[x\\](http://e)");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("plain"), "\"plain\"");
    }
}
