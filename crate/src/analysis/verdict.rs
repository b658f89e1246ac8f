//! What a browser does with the chain a node presents: every check a browser makes on every
//! certificate of that chain, in the order the report names the first failure. The checklist's
//! "trusted / accept once / will fail" comes from here, never from searching the findings.
//!
//! A failure is named by the catalog id of the rule that reports the same fact, and the item it is
//! about, so the row can point at the finding.

use crate::analysis::Analysis;
use crate::chain::{End, PathProblem};
use crate::deployment::roles::{certificate_names, Kind};
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
    /// A self-signed server certificate that passes every check: accepted per PC.
    SelfSigned,
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
    if let Some(id) = validity(certificate, at) {
        return Some(id);
    }
    if certificate.info.san.dns.is_empty() && certificate.info.san.ip.is_empty() {
        // Chrome 58+ ignores the CN: NET::ERR_CERT_COMMON_NAME_INVALID (seed 002).
        return Some("san.cn_not_in_san");
    }
    if !certificate_names(certificate, host) {
        return Some("san.hostname_mismatch");
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
    if let Some(id) = leaf_failure(certificate, host, at) {
        return fail(id, item);
    }
    if role.self_signed_leaf {
        return Verdict::SelfSigned;
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

/// The two browser families agents use: Chromium-based (Chrome, Edge) and Firefox.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct InBrowsers {
    /// Chrome and Edge.
    pub chromium: InBrowser,
    /// Firefox.
    pub firefox: InBrowser,
}

/// What Chromium and Firefox do with a verdict; `None` for a failure whose browser behaviour was
/// not measured (certcheck then claims nothing about click-through).
pub fn in_browsers(verdict: &Verdict) -> Option<InBrowsers> {
    const OPENS: InBrowser = InBrowser { opens: true, click_through: false };
    const WARNS: InBrowser = InBrowser { opens: false, click_through: true };
    const REFUSES: InBrowser = InBrowser { opens: false, click_through: false };
    let (chromium, firefox) = match verdict {
        Verdict::Trusted { .. } => (OPENS, OPENS),
        Verdict::SelfSigned => (WARNS, WARNS),
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
    Some(InBrowsers { chromium, firefox })
}
