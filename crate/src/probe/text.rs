//! The probe report as plain text for a terminal, in the report's language. Every field a server
//! sent is hostile: it goes through [`clean`].

use super::{Presented, ProbeReport, TargetReport};
use crate::i18n::{fill, phrase};
use crate::report::sources;
use crate::report::text::{clean, finding_lines};

/// The whole probe as text.
pub fn render(report: &ProbeReport) -> String {
    let lang = report.lang;
    let say = |key: &str| phrase(key, lang);
    let summary = &report.summary;
    let mut out = format!(
        "certcheck {} — {} {}\n{}\n",
        report.tool_version,
        say("probe.probed_at"),
        report.probed_at,
        fill(
            say("probe.summary"),
            &[
                ("targets", summary.targets.to_string()),
                ("reachable", summary.reachable.to_string()),
                ("unreachable", summary.unreachable.to_string()),
                ("matching", summary.matching_plan.to_string()),
                ("not_matching", summary.not_matching_plan.to_string()),
                ("errors", summary.errors.to_string()),
                ("warnings", summary.warnings.to_string()),
            ],
        )
    );
    if report.targets.is_empty() {
        out.push_str(&format!("  {}\n", say("probe.no_targets")));
    }
    for target in &report.targets {
        target_lines(&mut out, report, target);
    }
    out
}

fn target_lines(out: &mut String, report: &ProbeReport, target: &TargetReport) {
    let lang = report.lang;
    let say = |key: &str| phrase(key, lang);
    out.push_str(&format!("\n{} — {}\n", clean(&target.url), clean(&target.node)));
    if let Some(error) = &target.error {
        out.push_str(&format!(
            "  ✖ {}\n",
            fill(say("probe.unreachable"), &[("error", clean(error))])
        ));
        return;
    }
    let chains = [
        (
            &target.presented.rsa,
            &target.tls.rsa,
            if target.offers.contains(&super::Offer::Any) {
                "probe.handshake_any"
            } else {
                "probe.handshake_rsa"
            },
        ),
        (&target.presented.ecdsa, &target.tls.ecdsa, "probe.handshake_ecdsa"),
    ];
    for (chain, version, key) in chains {
        let Some(chain) = chain else { continue };
        let version = version.as_deref().unwrap_or("");
        out.push_str(&format!(
            "  {}{}\n",
            fill(say(key), &[("version", version.into())]),
            say("text.colon").trim_end()
        ));
        for (depth, Presented { subject, sha256, .. }) in chain.iter().enumerate() {
            out.push_str(&format!(
                "    {depth}: {}\n       SHA-256 {}\n",
                clean(subject),
                clean(sha256)
            ));
        }
    }
    match target.matches_plan {
        Some(true) => out.push_str(&format!("  ✔ {}\n", say("probe.plan_yes"))),
        Some(false) => out.push_str(&format!("  ✖ {}\n", say("probe.plan_no"))),
        None => {}
    }
    for finding in &target.findings {
        let source = report
            .sources
            .get(&finding.cite)
            .cloned()
            .unwrap_or_else(|| sources::display(&finding.cite));
        finding_lines(out, lang, finding, &source);
    }
}
