//! Extensions: criticality and key purposes (seed 002).

use super::{Hit, Needs, Rule, Severity};
use crate::analysis::Analysis;
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
                let critical: Vec<String> = certificate
                    .info
                    .extensions
                    .iter()
                    .filter(|ext| ext.critical && !ALLOWED_CRITICAL.contains(&ext.oid.as_str()))
                    .map(|ext| if ext.name == ext.oid { ext.oid.clone() } else { format!("{} ({})", ext.name, ext.oid) })
                    .collect();
                (!critical.is_empty()).then(|| Hit::on(*index).with("extensions", critical.join(", ")))
            })
            .collect()
    },
};

fn eku_lacks(certificate: &Certificate, purpose: &str) -> bool {
    certificate.info.extended_key_usage.as_ref().is_some_and(|usages| {
        !usages.iter().any(|usage| usage == purpose || usage == "anyExtendedKeyUsage")
    })
}

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
            .filter(|(_, certificate, _)| eku_lacks(certificate, "serverAuth"))
            .map(|(index, certificate, _)| Hit::on(index).with("usages", eku_list(certificate)))
            .collect()
    },
};

/// EKU without clientAuth.
pub const MISSING_CLIENT_AUTH: Rule = Rule {
    id: "ext.missing_client_auth",
    severity: Severity::Warning,
    title: "Extended Key Usage present without clientAuth (tomcat certificates also serve node-to-node TLS)",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .leaves()
            .filter(|(_, certificate, _)| eku_lacks(certificate, "clientAuth"))
            .map(|(index, certificate, _)| Hit::on(index).with("usages", eku_list(certificate)))
            .collect()
    },
};
