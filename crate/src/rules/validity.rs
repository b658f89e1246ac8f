//! Validity against the check date (default today; `--at` / the page's date field).

use super::{Hit, Needs, Rule, Severity};
use crate::analysis::Analysis;
use crate::dates;

/// Days before expiry that count as soon.
pub const SOON_DAYS: i64 = 30;

/// notAfter in the past.
pub const EXPIRED: Rule = Rule {
    id: "validity.expired",
    severity: Severity::Error,
    title: "The certificate has expired (at the check date)",
    citation: "002_0fb8040ec2c52a7f.txt § Problema - Usuário inválido - identificação /Password",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let at = analysis.context.at;
        analysis
            .certificates
            .iter()
            .filter(|(_, certificate)| certificate.info.validity.not_after_unix < at)
            .map(|(index, certificate)| {
                Hit::on(*index)
                    .with("date", dates::date(certificate.info.validity.not_after_unix))
                    .with(
                        "days",
                        dates::days_between(certificate.info.validity.not_after_unix, at)
                            .to_string(),
                    )
            })
            .collect()
    },
};

/// notBefore in the future.
pub const NOT_YET_VALID: Rule = Rule {
    id: "validity.not_yet_valid",
    severity: Severity::Error,
    title: "The certificate is not valid yet (notBefore after the check date)",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let at = analysis.context.at;
        analysis
            .certificates
            .iter()
            .filter(|(_, certificate)| certificate.info.validity.not_before_unix > at)
            .map(|(index, certificate)| {
                Hit::on(*index)
                    .with("date", dates::rfc3339(certificate.info.validity.not_before_unix))
            })
            .collect()
    },
};

/// notAfter within 30 days.
pub const EXPIRES_SOON: Rule = Rule {
    id: "validity.expires_soon",
    severity: Severity::Warning,
    title: "The certificate expires within 30 days of the check date",
    citation: "002_0fb8040ec2c52a7f.txt § Problema - Usuário inválido - identificação /Password",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let at = analysis.context.at;
        analysis
            .certificates
            .iter()
            .filter(|(_, certificate)| {
                let not_after = certificate.info.validity.not_after_unix;
                not_after >= at && not_after - at <= SOON_DAYS * 86_400
            })
            .map(|(index, certificate)| {
                let not_after = certificate.info.validity.not_after_unix;
                Hit::on(*index)
                    .with("date", dates::date(not_after))
                    .with("days", dates::days_between(at, not_after).to_string())
            })
            .collect()
    },
};
