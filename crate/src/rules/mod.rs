//! The rule catalog: one small unit per rule, with its id, severity, citation and check, the way
//! zlint registers lints. [`RULES`] is the only registry: the report, the README table, the page's
//! rule list and `certcheck list-rules` all come from it.

use serde::Serialize;

use crate::analysis::Analysis;

pub mod chain;
pub mod csr;
pub mod ext;
pub mod finding;
pub mod input;
pub mod integration;
pub mod key;
pub mod san;
pub mod tls;
pub mod trust;
pub mod validity;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The upload or the agent's browser will fail.
    Error,
    /// Likely trouble.
    Warning,
    /// Guidance.
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The marker every renderer puts before a finding: ✖ ▲ ℹ.
    pub fn marker(self) -> &'static str {
        match self {
            Severity::Error => "✖",
            Severity::Warning => "▲",
            Severity::Info => "ℹ",
        }
    }
}

/// One place a rule fired.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The item (index into the report's items) the finding is about, if one.
    pub item: Option<usize>,
    /// Values for the message and fix templates (`{name}` placeholders).
    pub args: Vec<(&'static str, String)>,
    /// A lower severity than the rule's, where the facts make this hit less grave (a rule's
    /// severity is the worst it reports: `ext.missing_client_auth` is an error on the releases
    /// FN74382 names and a warning elsewhere).
    pub severity: Option<Severity>,
}

impl Hit {
    /// A hit about one item.
    pub fn on(item: usize) -> Self {
        Hit { item: Some(item), args: Vec::new(), severity: None }
    }

    /// A hit about the whole input.
    pub fn general() -> Self {
        Hit { item: None, args: Vec::new(), severity: None }
    }

    /// Report this hit at `severity` instead of the rule's.
    pub fn at(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }

    /// Add a template value.
    pub fn with(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.args.push((key, value.into()));
        self
    }
}

/// One rule of the catalog.
pub struct Rule {
    /// Stable id, `family.name` (domain.md §7).
    pub id: &'static str,
    /// The severity this rule reports (the worst: a hit may say a lower one, see [`Hit::at`]).
    pub severity: Severity,
    /// A one-line description for rule lists.
    pub title: &'static str,
    /// The seed file(s) and section the rule comes from; empty when it rests on standards only.
    pub citation: &'static str,
    /// What the rule needs from the deployment context to run, if anything.
    pub needs: Needs,
    /// The check.
    pub check: fn(&Analysis) -> Vec<Hit>,
}

/// What context a rule needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Needs {
    /// Runs on the certificates alone.
    Nothing,
    /// Needs the node FQDNs (or `--host`).
    Nodes,
    /// Needs the product release.
    Release,
}

/// Every rule, in catalog order.
pub static RULES: &[&Rule] = &[
    &input::PRIVATE_KEY_PRESENT,
    &input::GARBAGE,
    &input::DER,
    &input::PKCS7,
    &input::PKCS12,
    &input::PKCS12_PASSWORD,
    &input::PKCS12_WRONG_PASSWORD,
    &input::PKCS12_UNREADABLE,
    &input::DUPLICATE,
    &chain::OK,
    &chain::ORDER_WRONG,
    &chain::MISSING_INTERMEDIATE,
    &chain::ROOT_MISSING,
    &chain::NOT_A_CHAIN,
    &chain::BAD_SIGNATURE,
    &chain::ISSUER_NOT_CA,
    &chain::PATH_LEN_EXCEEDED,
    &chain::ISSUER_KEY_USAGE,
    &chain::UNVERIFIABLE_SIGNATURE,
    &chain::CROSS_SIGNED,
    &chain::TOO_LONG,
    &san::CN_NOT_IN_SAN,
    &san::EXTRA_VS_CSR,
    &san::HOSTNAME_MISMATCH,
    &san::MULTI_SERVER,
    &san::WILDCARD,
    &key::ECDSA_SIGNED_BY_RSA_CA,
    &key::ECDSA_UPLOAD_AS_TOMCAT,
    &key::ECDSA_NOT_USED,
    &key::RSA_SMALL,
    &key::RSA_UNSUPPORTED_SIZE,
    &key::SHA1_SIGNATURE,
    &ext::CRITICAL_NOT_ALLOWED,
    &ext::MISSING_SERVER_AUTH,
    &ext::MISSING_CLIENT_AUTH,
    &ext::NO_EKU,
    &ext::KEY_USAGE_TLS,
    &ext::UNKNOWN_CRITICAL,
    &validity::EXPIRED,
    &validity::NOT_YET_VALID,
    &validity::EXPIRES_SOON,
    &validity::OVER_825_DAYS,
    &validity::RENEWAL_CADENCE,
    &csr::KEY_MISMATCH,
    &csr::NO_MATCHING_CSR,
    &csr::SUBJECT_MISMATCH,
    &csr::NO_SAN,
    &csr::SAN_TO_COPY,
    &csr::CN_NOT_FQDN,
    &csr::NOT_FOR_NODE,
    &csr::MULTI_SERVER,
    &input::CSR_BAD_SIGNATURE,
    &input::CSR_UNVERIFIABLE_SIGNATURE,
    &trust::SELF_SIGNED_LEAF,
    &trust::MIXED_SELFSIGNED_ECDSA,
    &trust::SUPERSEDED,
    &trust::OTHER_SERVER,
    &trust::SAME_SUBJECT,
    &trust::AFTER_UPGRADE,
    &tls::CLIENT_TLS10_ONLY,
    &integration::CUCM_MISSING,
    &integration::CUCM_UNUSABLE,
    &integration::PEER_MISSING,
    &integration::GADGET_NAME_MISMATCH,
    &integration::GADGET_KEY_TOO_LARGE,
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|rule| rule.id == id)
}

/// A rule as listed for users (README, page, `list-rules`).
#[derive(Clone, Debug, Serialize)]
pub struct RuleListing {
    /// Id.
    pub id: &'static str,
    /// Severity.
    pub severity: Severity,
    /// Description.
    pub title: &'static str,
    /// Citation.
    pub cite: &'static str,
    /// Context needed.
    pub needs: Needs,
}

/// The catalog as data.
pub fn listing() -> Vec<RuleListing> {
    RULES
        .iter()
        .map(|rule| RuleListing {
            id: rule.id,
            severity: rule.severity,
            title: rule.title,
            cite: rule.citation,
            needs: rule.needs,
        })
        .collect()
}

/// The catalog as a Markdown table (for the README).
pub fn markdown_table() -> String {
    markdown_rows(RULES.iter().map(|rule| (rule.id, rule.severity, rule.title, rule.citation)))
}

/// A Markdown rule table from `(id, severity, title, citation)` rows (the catalog's, the probe's).
pub fn markdown_rows<'a>(
    rows: impl Iterator<Item = (&'a str, Severity, &'a str, &'a str)>,
) -> String {
    let mut out = String::from("| id | severity | what it checks | source |\n|---|---|---|---|\n");
    for (id, severity, title, citation) in rows {
        let cite = if citation.is_empty() { "—" } else { citation };
        out.push_str(&format!("| `{id}` | {} | {title} | {cite} |\n", severity.as_str()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_prefixed_by_family() {
        let families =
            ["input.", "chain.", "san.", "key.", "ext.", "validity.", "csr.", "trust.", "tls."]
                .into_iter()
                .chain(["integration.", "gadget."])
                .collect::<Vec<_>>();
        let mut seen = std::collections::HashSet::new();
        for rule in RULES {
            assert!(seen.insert(rule.id), "duplicate id {}", rule.id);
            assert!(families.iter().any(|family| rule.id.starts_with(family)), "{}", rule.id);
            assert!(!rule.title.is_empty());
        }
    }
}
