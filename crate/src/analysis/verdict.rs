//! What a browser does with the chain a node presents: every check a browser makes on every
//! certificate of that chain, in the order the report names the first failure. The checklist's
//! "trusted / accept once / will fail" comes from here, never from searching the findings.
//!
//! A failure is named by the catalog id of the rule that reports the same fact, and the item it is
//! about, so the row can point at the finding.

use crate::analysis::Analysis;
use crate::chain::{End, PathProblem};
use crate::deployment::roles::{dns_matches, Kind};
use crate::x509::certificate::Certificate;

/// The outcome for one server certificate reached by one host name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Every check passes: trusted once this PC trusts the root `root` (an item), or, when the
    /// chain stops below its root, the issuer named `above`.
    Trusted {
        /// The root item, when the chain reaches a given root.
        root: Option<usize>,
        /// The issuer above the top of the chain, when it stops below its root.
        above: Option<String>,
    },
    /// A self-signed server certificate that passes every check browsers make on a certificate
    /// accepted per PC: each browser lets agents accept it once. `as_root` names what makes
    /// Chromium refuse it when it is installed as a trusted root instead (expired, not yet
    /// valid, a SHA-1/MD5 self-signature), as measured.
    SelfSigned {
        /// The catalog id of the fact Chromium refuses it as a root for, if any.
        as_root: Option<&'static str>,
    },
    /// A browser refuses it.
    Fails(Failure),
}

/// The first check that fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The catalog id of the rule that reports the fact.
    pub id: &'static str,
    /// The certificate it is about.
    pub item: usize,
}

/// Extensions browsers process, so may be critical (RFC 5280 §4.2; Chromium and NSS consume
/// these): keyUsage, subjectAltName, basicConstraints, nameConstraints, certificatePolicies,
/// policyMappings, policyConstraints, extKeyUsage, inhibitAnyPolicy.
pub const BROWSER_CRITICAL: [&str; 9] = [
    "2.5.29.15",
    "2.5.29.17",
    "2.5.29.19",
    "2.5.29.30",
    "2.5.29.32",
    "2.5.29.33",
    "2.5.29.36",
    "2.5.29.37",
    "2.5.29.54",
];

/// A critical extension no browser processes.
pub fn has_unknown_critical(certificate: &Certificate) -> bool {
    !certificate.critical_outside(&BROWSER_CRITICAL).is_empty()
}

/// Signed with MD5, MD2 or SHA-1: browsers refuse such signatures on issued certificates.
pub fn weak_signature(certificate: &Certificate) -> bool {
    crate::chain::weak_hash(certificate)
}

/// keyUsage present but without digitalSignature: in every key exchange current browsers offer
/// (ECDHE, TLS 1.3) the server signs the handshake with its key, RSA and EC alike, so an RSA key
/// limited to keyEncipherment or an EC key limited to keyAgreement cannot complete it.
pub fn key_usage_unfit_for_tls(certificate: &Certificate) -> bool {
    certificate
        .info
        .key_usage
        .as_ref()
        .is_some_and(|usages| !usages.iter().any(|usage| usage == "digitalSignature"))
}

/// Expired or not yet valid at `at`: the id that says which.
fn validity(certificate: &Certificate, at: i64) -> Option<&'static str> {
    let validity = &certificate.info.validity;
    if validity.not_after_unix < at {
        Some("validity.expired")
    } else if validity.not_before_unix > at {
        Some("validity.not_yet_valid")
    } else {
        None
    }
}

/// Checks on the server certificate itself, reached as `host`.
fn leaf_failure(certificate: &Certificate, host: &str, at: i64) -> Option<&'static str> {
    validity(certificate, at).or_else(|| name_or_use_failure(certificate, host))
}

/// The checks on a server certificate that an exception for it does not cover: its name and
/// what it may be used for.
fn name_or_use_failure(certificate: &Certificate, host: &str) -> Option<&'static str> {
    let san = &certificate.info.san;
    match host.parse::<std::net::IpAddr>() {
        // Reached by address: an iPAddress SAN must name it.
        Ok(address) => {
            let named = san.ip.iter().any(|ip| ip.parse::<std::net::IpAddr>() == Ok(address));
            if !named {
                return Some("san.hostname_mismatch");
            }
        }
        // Reached by name: browsers read only the dNSName SANs, never the CN — a certificate
        // whose only SAN is an IP address does not name the host (measured: Chromium
        // ERR_CERT_COMMON_NAME_INVALID, Firefox SSL_ERROR_BAD_CERT_DOMAIN).
        Err(_) if san.dns.is_empty() => return Some("san.cn_not_in_san"),
        Err(_) => {
            if !san.dns.iter().any(|name| dns_matches(name, host)) {
                return Some("san.hostname_mismatch");
            }
        }
    }
    if certificate.eku_lacks("serverAuth") {
        return Some("ext.missing_server_auth");
    }
    if key_usage_unfit_for_tls(certificate) {
        return Some("ext.key_usage_tls");
    }
    if has_unknown_critical(certificate) {
        return Some("ext.unknown_critical");
    }
    None
}

/// The verdict for the server certificate `item` reached as `host`.
pub fn judge(analysis: &Analysis, item: usize, host: &str) -> Verdict {
    let Some((certificate, role)) = analysis.certificate_with_role(item) else {
        return Verdict::Trusted { root: None, above: None };
    };
    let at = analysis.context.at;
    let fail = |id: &'static str, item: usize| Verdict::Fails(Failure { id, item });
    if role.self_signed_leaf {
        // Accepted once per browser, its dates and its own signature are not held against it
        // (measured); installed as a root, Chromium refuses it for them.
        if let Some(id) = name_or_use_failure(certificate, host) {
            return fail(id, item);
        }
        let weak = weak_signature(certificate).then_some("key.sha1_signature");
        return Verdict::SelfSigned { as_root: validity(certificate, at).or(weak) };
    }
    if let Some(id) = leaf_failure(certificate, host, at) {
        return fail(id, item);
    }
    if weak_signature(certificate) {
        return fail("key.sha1_signature", item);
    }
    let Some(chain) = analysis.chains.chains.iter().find(|chain| chain.path.first() == Some(&item))
    else {
        return Verdict::Trusted { root: None, above: Some(certificate.info.issuer.clone()) };
    };
    // Each issuer up the chain, lowest first: what RFC 5280 path validation and the browsers'
    // own rules check on it. The root's own signature and algorithm are never checked.
    for (depth, &issuer) in chain.path.iter().enumerate().skip(1) {
        for problem in &chain.problems {
            let (id, about) = match problem {
                PathProblem::IssuerNotCa { item } => ("chain.issuer_not_ca", *item),
                PathProblem::NoKeyCertSign { item } => ("chain.issuer_key_usage", *item),
                PathProblem::PathLenExceeded { item, .. } => ("chain.path_len_exceeded", *item),
                PathProblem::Unverifiable { item, .. } => ("chain.unverifiable_signature", *item),
            };
            // An unverifiable link is reported on the child; the others on the issuer.
            let on_this = match problem {
                PathProblem::Unverifiable { .. } => chain.path.get(depth - 1) == Some(&about),
                _ => about == issuer,
            };
            if on_this {
                return fail(id, about);
            }
        }
        let Some((ca, ca_role)) = analysis.certificate_with_role(issuer) else { continue };
        let is_root = ca_role.kind == Kind::Root && depth + 1 == chain.path.len();
        if !is_root {
            if let Some(id) = validity(ca, at) {
                return fail(id, issuer);
            }
            if weak_signature(ca) {
                return fail("key.sha1_signature", issuer);
            }
        }
        if has_unknown_critical(ca) {
            return fail("ext.unknown_critical", issuer);
        }
    }
    match &chain.end {
        End::Root => Verdict::Trusted { root: chain.path.last().copied(), above: None },
        End::BadSignature { .. } => fail("chain.bad_signature", item),
        End::TooLong { .. } => fail("chain.too_long", item),
        End::MissingIssuer { issuer, .. } => {
            // Other CA certificates were given but none issues the top: an intermediate is
            // missing, and the server cannot send what it was not given (chain.missing_intermediate).
            if analysis.missing_intermediate(chain) {
                fail("chain.missing_intermediate", item)
            } else {
                Verdict::Trusted { root: None, above: Some(issuer.clone()) }
            }
        }
    }
}

/// What one browser family does with the chain a row presents, as measured against real
/// Chromium (Chrome, Edge) and Firefox by tests/browser/real-browsers.test.mjs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct InBrowser {
    /// The page opens (for a CA-signed chain: once the PC trusts its root).
    pub opens: bool,
    /// When it does not open: the warning page offers a way through (Chrome/Edge: Advanced →
    /// Proceed; Firefox: Advanced → Proceed / Accept the Risk).
    pub click_through: bool,
}

/// The browser families agents use: Chromium-based (Chrome, Edge) and Firefox, measured; and
/// Safari (macOS, iOS), where Apple's published rules decide (documented by Apple, not measured:
/// no Safari runs here).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct InBrowsers {
    /// Chrome and Edge.
    pub chromium: InBrowser,
    /// Firefox.
    pub firefox: InBrowser,
    /// Safari and every app on Apple's TLS stack, when Apple's document decides; `None` when it
    /// does not (certcheck then claims nothing about Safari).
    pub safari: Option<InBrowser>,
}

/// What Chromium and Firefox do with a verdict; `None` for a failure whose browser behaviour was
/// not measured (certcheck then claims nothing about click-through).
pub fn in_browsers(verdict: &Verdict) -> Option<InBrowsers> {
    const OPENS: InBrowser = InBrowser { opens: true, click_through: false };
    const WARNS: InBrowser = InBrowser { opens: false, click_through: true };
    const REFUSES: InBrowser = InBrowser { opens: false, click_through: false };
    let (chromium, firefox) = match verdict {
        Verdict::Trusted { .. } => (OPENS, OPENS),
        Verdict::SelfSigned { .. } => (WARNS, WARNS),
        Verdict::Fails(failure) => match failure.id {
            "validity.expired"
            | "validity.not_yet_valid"
            | "san.hostname_mismatch"
            | "san.cn_not_in_san"
            | "chain.missing_intermediate" => (WARNS, WARNS),
            "ext.missing_server_auth"
            | "chain.issuer_key_usage"
            | "chain.path_len_exceeded"
            | "ext.unknown_critical" => (REFUSES, REFUSES),
            // Chromium: ERR_CERT_INVALID, no way through; Firefox offers the exception.
            "chain.issuer_not_ca" | "key.sha1_signature" => (REFUSES, WARNS),
            // Chromium: ERR_SSL_KEY_USAGE_INCOMPATIBLE; Firefox does not check keyUsage here.
            "ext.key_usage_tls" => (REFUSES, OPENS),
            // Chromium finds no path (ERR_CERT_AUTHORITY_INVALID); Firefox: SEC_ERROR_BAD_SIGNATURE.
            "chain.bad_signature" => (WARNS, REFUSES),
            _ => return None,
        },
    };
    Some(InBrowsers { chromium, firefox, safari: None })
}

/// Apple's rules for TLS server certificates on macOS 10.15 and iOS 13 and later (APPLE-HT210176):
/// "Connections to TLS servers violating these new requirements will fail". The catalog id of
/// the first one the presented chain breaks, with the certificate, if any.
pub fn apple_failure(analysis: &Analysis, item: usize) -> Option<Failure> {
    let certificate = analysis.certificate(item)?;
    let fail = |id: &'static str, item: usize| Some(Failure { id, item });
    if certificate.info.san.dns.is_empty() && certificate.info.san.ip.is_empty() {
        return fail("san.cn_not_in_san", item);
    }
    // Issued after 2019-07-01: an EKU with serverAuth, and 825 days or fewer.
    if certificate.info.validity.not_before_unix >= APPLE_RULES_FROM {
        match &certificate.info.extended_key_usage {
            None => return fail("ext.no_eku", item),
            Some(_) if certificate.eku_lacks("serverAuth") => {
                return fail("ext.missing_server_auth", item);
            }
            Some(_) => {}
        }
        if lifetime_days(certificate) > APPLE_MAX_DAYS {
            return fail("validity.over_825_days", item);
        }
    }
    // The server certificate and its issuing CAs: RSA of 2048 bits or more, SHA-2 signatures
    // (a root's own signature is not checked).
    let alone = [item];
    let chain = analysis.chains.chains.iter().find(|chain| chain.path.first() == Some(&item));
    let path = chain.map_or(&alone[..], |chain| &chain.path[..]);
    for &on_path in path {
        let Some((ca, role)) = analysis.certificate_with_role(on_path) else { continue };
        let key = &ca.info.public_key;
        if key.algorithm.is_rsa() && key.bits > 0 && key.bits < 2048 {
            return fail("key.rsa_small", on_path);
        }
        if role.kind != Kind::Root && !role.self_signed_leaf && weak_signature(ca) {
            return fail("key.sha1_signature", on_path);
        }
    }
    None
}

/// Apple's rules on EKU and lifetime apply to certificates issued from this date (2019-07-01).
pub const APPLE_RULES_FROM: i64 = 1_561_939_200;
/// The longest validity Apple accepts for a TLS server certificate, in days.
pub const APPLE_MAX_DAYS: i64 = 825;

/// A certificate's validity period in whole days.
pub fn lifetime_days(certificate: &Certificate) -> i64 {
    let validity = &certificate.info.validity;
    (validity.not_after_unix - validity.not_before_unix) / 86_400
}

/// What Safari does with a verdict, where Apple's document decides: it refuses a chain breaking
/// Apple's rules with no way through; a trusted chain that keeps them opens; otherwise nothing
/// is claimed.
pub fn in_safari(analysis: &Analysis, item: usize, verdict: &Verdict) -> Option<InBrowser> {
    match (apple_failure(analysis, item), verdict) {
        (Some(_), _) => Some(InBrowser { opens: false, click_through: false }),
        (None, Verdict::Trusted { .. }) => Some(InBrowser { opens: true, click_through: false }),
        (None, _) => None,
    }
}
