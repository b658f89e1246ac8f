//! Validity against the check date (default today; `--at` / the page's date field).

use super::{Hit, Needs, Rule, Severity};
use crate::analysis::{verdict, Analysis};
use crate::dates;

/// The fewest days before expiry that count as soon (seed 002's renewal before expiry).
pub const SOON_DAYS: i64 = 30;
/// The most days before expiry that count as soon.
pub const SOON_DAYS_MOST: i64 = 60;

/// How many days before its notAfter a certificate "expires soon": two thirds of its lifetime,
/// at least [`SOON_DAYS`] and at most [`SOON_DAYS_MOST`]. Each renewal on these servers is
/// manual (a CSR per node and store, the CA, an upload, a restart, new agent links), so a
/// 47-day certificate is due at 31 days left, while a 5-year one is due at 60.
pub fn soon_window_days(lifetime_days: i64) -> i64 {
    (lifetime_days * 2 / 3).clamp(SOON_DAYS, SOON_DAYS_MOST)
}

/// The maximum validity of publicly trusted TLS certificates, by issue date (CA/B Forum ballot
/// SC-081v3): `(from, days)`, Unix seconds, in date order.
pub const PUBLIC_CAPS: [(i64, i64); 3] = [
    (1_773_532_800, 200), // 2026-03-15
    (1_805_068_800, 100), // 2027-03-15
    (1_868_227_200, 47),  // 2029-03-15
];

/// The cap in days for a publicly trusted certificate issued at `not_before`, if one applies.
pub fn public_cap_days(not_before: i64) -> Option<i64> {
    PUBLIC_CAPS.iter().rev().find(|(from, _)| not_before >= *from).map(|(_, days)| *days)
}

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

/// notAfter within the renewal window.
pub const EXPIRES_SOON: Rule = Rule {
    id: "validity.expires_soon",
    severity: Severity::Warning,
    title: "The certificate expires within its renewal window: two thirds of its lifetime before its end, at least 30 and at most 60 days",
    citation: "002_0fb8040ec2c52a7f.txt § Problema - Usuário inválido - identificação /Password",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let at = analysis.context.at;
        analysis
            .certificates
            .iter()
            .filter_map(|(index, certificate)| {
                let not_after = certificate.info.validity.not_after_unix;
                let lifetime = verdict::lifetime_days(certificate);
                let window = soon_window_days(lifetime);
                (not_after >= at && not_after - at <= window * 86_400).then(|| {
                    Hit::on(*index)
                        .with("date", dates::date(not_after))
                        .with("days", dates::days_between(at, not_after).to_string())
                        .with("lifetime", lifetime.to_string())
                        .with("window", window.to_string())
                })
            })
            .collect()
    },
};

/// A TLS server certificate valid for more than 825 days (Apple).
pub const OVER_825_DAYS: Rule = Rule {
    id: "validity.over_825_days",
    severity: Severity::Warning,
    title: "A server certificate issued after 2019-07-01 valid for more than 825 days: Safari and every app on macOS and iOS refuse it (documented by Apple)",
    citation: "APPLE-HT210176 § \"Connections to TLS servers violating these new requirements will fail\"",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .leaves()
            .filter(|(_, certificate, _)| {
                certificate.info.validity.not_before_unix >= verdict::APPLE_RULES_FROM
                    && verdict::lifetime_days(certificate) > verdict::APPLE_MAX_DAYS
            })
            .map(|(index, certificate, _)| {
                Hit::on(index).with("days", verdict::lifetime_days(certificate).to_string())
            })
            .collect()
    },
};

/// What renewing this certificate means for the deployment, at its lifetime.
pub const RENEWAL_CADENCE: Rule = Rule {
    id: "validity.renewal_cadence",
    severity: Severity::Info,
    title: "How often a CA-signed server certificate is renewed at its lifetime, the public-CA cap at its issue date, and what each renewal costs the deployment",
    citation: "CABF-SC081 § \"maximum validity of publicly trusted TLS certificates\"",
    needs: Needs::Nodes,
    check: |analysis: &Analysis| {
        let lang = analysis.lang;
        let end_state = &analysis.end_state;
        let per_year = |certificate: &crate::x509::certificate::Certificate| {
            let lifetime = verdict::lifetime_days(certificate).max(1);
            (365 + lifetime - 1) / lifetime
        };
        // Every presented certificate renews at its own lifetime: the uploads and restarts a year.
        let uploads: i64 = end_state
            .presented
            .iter()
            .filter_map(|entry| analysis.certificate_with_role(entry.item))
            .filter(|(_, role)| !role.self_signed_leaf)
            .map(|(certificate, _)| per_year(certificate))
            .sum();
        let mut seen = std::collections::HashSet::new();
        end_state
            .presented
            .iter()
            .filter(|entry| seen.insert(entry.item))
            .filter_map(|entry| {
                let (certificate, role) = analysis.certificate_with_role(entry.item)?;
                if role.self_signed_leaf {
                    return None;
                }
                let validity = &certificate.info.validity;
                let cap = match public_cap_days(validity.not_before_unix) {
                    Some(days) => crate::i18n::fill(
                        crate::i18n::phrase("validity.cap", lang),
                        &[
                            ("issued", dates::date(validity.not_before_unix)),
                            ("cap", days.to_string()),
                        ],
                    ),
                    None => crate::i18n::phrase("validity.cap_before", lang).to_string(),
                };
                Some(
                    Hit::on(entry.item)
                        .with("lifetime", verdict::lifetime_days(certificate).to_string())
                        .with("cap", cap)
                        .with("per_year", per_year(certificate).to_string())
                        .with("presented", end_state.presented.len().to_string())
                        .with("uploads", uploads.to_string()),
                )
            })
            .collect()
    },
};
