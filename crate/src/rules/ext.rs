//! Extensions: criticality and key purposes (seed 002).

use super::{Hit, Needs, Rule, Severity};
use crate::analysis::verdict;
use crate::analysis::Analysis;
use crate::deployment::facts::{Question, Value};
use crate::deployment::roles::Kind;
use crate::i18n;
use crate::x509::certificate::Certificate;

const ALLOWED_CRITICAL: [&str; 2] = ["2.5.29.15", "2.5.29.19"];

/// A critical extension other than keyUsage and basicConstraints.
pub const CRITICAL_NOT_ALLOWED: Rule = Rule {
    id: "ext.critical_not_allowed",
    severity: Severity::Error,
    title: "A critical extension other than Key Usage (2.5.29.15) and Basic Constraints (2.5.29.19) (CSCvd56174)",
    citation: "002_0fb8040ec2c52a7f.txt § Problema - Usuário inválido - identificação /Password",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .certificates
            .iter()
            .filter_map(|(index, certificate)| {
                let critical = certificate.critical_outside(&ALLOWED_CRITICAL);
                (!critical.is_empty()).then(|| Hit::on(*index).with("extensions", critical.join(crate::i18n::phrase("text.list_join", analysis.lang))))
            })
            .collect()
    },
};

fn eku_list(certificate: &Certificate) -> String {
    certificate.info.extended_key_usage.as_ref().map(|usages| usages.join(", ")).unwrap_or_default()
}

/// EKU without serverAuth.
pub const MISSING_SERVER_AUTH: Rule = Rule {
    id: "ext.missing_server_auth",
    severity: Severity::Error,
    title: "Extended Key Usage present without serverAuth: browsers refuse it for HTTPS",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .leaves()
            .filter(|(_, certificate, _)| certificate.eku_lacks("serverAuth"))
            .map(|(index, certificate, _)| Hit::on(index).with("usages", eku_list(certificate)))
            .collect()
    },
};

/// EKU without clientAuth.
pub const MISSING_CLIENT_AUTH: Rule = Rule {
    id: "ext.missing_client_auth",
    severity: Severity::Error,
    title: "Extended Key Usage without clientAuth on a server certificate: mutual TLS between the servers breaks on the releases FN74382 names (error there, a warning elsewhere)",
    citation: "FN74382 § \"Certificates that are used for mTLS connections in Cisco Unified Contact Center products are expected to include both Server and Client Authentication EKUs.\"",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let context = &analysis.context;
        let lang = analysis.lang;
        let answer = context.fact(Question::ClientAuthForMtls);
        let affected = matches!(answer.value, Some(Value::Affected { .. }));
        let release = context.release.map(|release| release.to_string()).unwrap_or_default();
        // What it does on this release: the FN's words where it names it; else which releases it names.
        let impact = if affected {
            i18n::fill(i18n::phrase("advice.client_auth_affected", lang), &[("release", release)])
        } else {
            i18n::phrase("advice.client_auth_elsewhere", lang).to_string()
        };
        analysis
            .leaves()
            .filter(|(_, certificate, _)| certificate.eku_lacks("clientAuth"))
            .map(|(index, certificate, role)| {
                // The fix fits the issuer: a public CA no longer issues clientAuth (FN74382).
                let fix = if role.self_signed_leaf {
                    "advice.client_auth_self_signed"
                } else if certificate.looks_publicly_issued() {
                    "advice.client_auth_public"
                } else {
                    "advice.client_auth_private"
                };
                let hit = Hit::on(index)
                    .with("usages", eku_list(certificate))
                    .with("impact", impact.clone())
                    .with("advice", i18n::phrase(fix, lang));
                if affected {
                    hit
                } else {
                    hit.at(Severity::Warning)
                }
            })
            .collect()
    },
};

/// A server certificate without any Extended Key Usage (Apple).
pub const NO_EKU: Rule = Rule {
    id: "ext.no_eku",
    severity: Severity::Warning,
    title: "A server certificate issued after 2019-07-01 without an Extended Key Usage: Safari and every app on macOS and iOS refuse it (documented by Apple); Chromium and Firefox accept it",
    citation: "APPLE-HT210176 § \"Connections to TLS servers violating these new requirements will fail\"",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .leaves()
            .filter(|(_, certificate, _)| {
                certificate.info.extended_key_usage.is_none()
                    && certificate.info.validity.not_before_unix >= verdict::APPLE_RULES_FROM
            })
            .map(|(index, _, _)| Hit::on(index))
            .collect()
    },
};

/// keyUsage without digitalSignature on a server certificate.
pub const KEY_USAGE_TLS: Rule = Rule {
    id: "ext.key_usage_tls",
    severity: Severity::Error,
    title: "Key Usage without digitalSignature on a server certificate: browsers abort the TLS handshake",
    citation: "RFC 5280 §4.2.1.3; RFC 8446 §4.4.3",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .leaves()
            .filter(|(_, certificate, _)| verdict::key_usage_unfit_for_tls(certificate))
            .map(|(index, certificate, _)| {
                let usages = certificate.info.key_usage.as_ref().map(|u| u.join(", "));
                Hit::on(index)
                    .with("usages", usages.unwrap_or_default())
                    .with("key", certificate.info.public_key.summary.clone())
            })
            .collect()
    },
};

/// A critical extension browsers do not process, on a server or intermediate certificate.
pub const UNKNOWN_CRITICAL: Rule = Rule {
    id: "ext.unknown_critical",
    severity: Severity::Error,
    title: "A critical extension that browsers do not process: they refuse the certificate",
    citation: "RFC 5280 §4.2",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .certificates_with_roles()
            // Browsers take a trust anchor as it is: only issued certificates are judged.
            .filter(|(_, _, role)| role.kind != Kind::Root)
            .filter(|(_, certificate, _)| verdict::has_unknown_critical(certificate))
            .map(|(index, certificate, _)| {
                let unknown = certificate.critical_outside(&verdict::BROWSER_CRITICAL);
                Hit::on(index).with(
                    "extensions",
                    unknown.join(crate::i18n::phrase("text.list_join", analysis.lang)),
                )
            })
            .collect()
    },
};
