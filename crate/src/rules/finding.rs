//! A finding: one rule's hit rendered in the report's language, and whether a rule's context needs
//! are met. Shared by the advice (which reads findings) and the report (which lists them).

use serde::Serialize;

use crate::analysis::Analysis;
use crate::deployment::roles::Kind;
use crate::deployment::Context;
use crate::i18n::{self, Lang};
use crate::rules::{Hit, Needs, Rule, Severity};

/// One finding.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    /// Stable rule id (domain.md §7).
    pub id: &'static str,
    /// Severity.
    pub severity: Severity,
    /// What it is about: the certificate's CN and short SHA-256, or the file.
    pub subject: String,
    /// Index of the item it is about, if one.
    pub item: Option<usize>,
    /// One plain line saying what is wrong.
    pub message: String,
    /// The concrete fix.
    pub fix: String,
    /// The seed it comes from (file name and section), empty when none.
    pub cite: String,
    /// The error text users actually see, when a seed quotes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seen_as: Option<String>,
    /// A few words naming the problem (`expired 2016-01-08`, `signed with md5WithRSAEncryption`),
    /// for the one-line verdict per certificate; empty for a rule that has none (info rules).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub short: String,
}

/// True when the context has what `rule` needs to run.
pub fn needs_met(rule: &Rule, context: &Context) -> bool {
    match rule.needs {
        Needs::Nothing => true,
        Needs::Nodes => !context.nodes.is_empty() || context.host.is_some(),
        Needs::Release => context.release.is_some(),
    }
}

/// Render one hit of `rule` in `lang`.
pub fn render(rule: &Rule, hit: &Hit, analysis: &Analysis, lang: Lang) -> Finding {
    render_as((rule.id, rule.severity, rule.citation), hit, analysis, lang)
}

/// Render one hit of the rule `(id, severity, citation)`: shared with rule registries other than
/// [`crate::rules::RULES`] (the probe's).
pub fn render_as(
    (id, severity, citation): (&'static str, Severity, &'static str),
    hit: &Hit,
    analysis: &Analysis,
    lang: Lang,
) -> Finding {
    let subject = match hit.item {
        Some(index) => analysis.label(index),
        None => hit
            .args
            .iter()
            .find(|(key, _)| *key == "file" || *key == "where")
            .map(|(_, value)| value.clone())
            .unwrap_or_else(|| "input".to_string()),
    };
    let text = i18n::text(id, lang);
    // Advice fits the role: a CA certificate is replaced by the CA, not from a server's CSR; a
    // self-signed server certificate is regenerated on its node.
    let role = hit.item.and_then(|item| analysis.certificate_with_role(item)).map(|(_, role)| role);
    let variant = match role {
        Some(role) if role.kind != Kind::Leaf => i18n::phrase(&format!("fix_ca.{id}"), lang),
        Some(role) if role.self_signed_leaf => {
            match i18n::phrase(&format!("fix_self_signed.{id}"), lang) {
                // A certificate's own faults (names, key, extensions, dates) on a self-signed
                // one: it is regenerated on its node, never from a CSR.
                "" if hit.severity.unwrap_or(severity) != Severity::Info
                    && !id.starts_with("key.ecdsa")
                    && ["san.", "key.", "ext.", "validity."]
                        .iter()
                        .any(|family| id.starts_with(family)) =>
                {
                    i18n::phrase("fix_self_signed.default", lang)
                }
                fix => fix,
            }
        }
        _ => "",
    };
    let fix = if variant.is_empty() { text.fix } else { variant };
    Finding {
        id,
        severity: hit.severity.unwrap_or(severity),
        subject,
        item: hit.item,
        message: i18n::fill(text.message, &hit.args),
        fix: i18n::fill(fix, &hit.args),
        cite: citation.to_string(),
        seen_as: text.seen_as.map(str::to_string),
        short: i18n::fill(i18n::phrase(&format!("short.{id}"), lang), &hit.args),
    }
}
