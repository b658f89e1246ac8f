//! The certificate profile WebPKI validators (and browsers) hold each certificate of a path to,
//! beyond signature chaining: RFC 5280 §4.2 and the CA/Browser Forum Baseline Requirements §7.1.
//! These are the checks of each certificate taken alone, for the leaf, each intermediate and the
//! root; [`super::path_validation`] checks how they chain.
//!
//! Rules for CAs issuing certificates that no validator enforces stay out: CA/B BR 7.1.4.3 (the
//! CN repeats a SAN value) is `certcheck check`'s `san.cn_not_in_san` finding, not a refusal —
//! Chromium and Firefox ignore the CN when a subjectAltName is present.

use x509_parser::certificate::X509Certificate;
use x509_parser::extensions::{GeneralName, ParsedExtension};

/// Where a certificate sits in the path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// The server certificate.
    Leaf,
    /// A CA between the leaf and the root.
    Intermediate,
    /// The trust anchor.
    Root,
}

const OID_SKI: &str = "2.5.29.14";
const OID_KU: &str = "2.5.29.15";
const OID_SAN: &str = "2.5.29.17";
const OID_BC: &str = "2.5.29.19";
const OID_NC: &str = "2.5.29.30";
const OID_EKU: &str = "2.5.29.37";
const OID_CP: &str = "2.5.29.32";
const OID_PC: &str = "2.5.29.36";
const OID_IAP: &str = "2.5.29.54";

/// Critical extensions a validator processes; any other critical extension makes it reject.
const KNOWN_CRITICAL: &[&str] =
    &[OID_KU, OID_SAN, OID_BC, OID_NC, OID_EKU, OID_CP, OID_PC, OID_IAP];

/// The first profile violation of a certificate at `position`, checked at `at` (Unix seconds).
pub fn violation(cert: &X509Certificate<'_>, position: Position, at: i64) -> Option<String> {
    let mut problems = Vec::new();
    check(cert, position, at, &mut problems);
    problems.into_iter().next()
}

fn check(cert: &X509Certificate<'_>, position: Position, at: i64, problems: &mut Vec<String>) {
    let mut has_ski = false;
    let mut has_aki = false;
    let self_issued = cert.subject().as_raw() == cert.issuer().as_raw();
    for extension in cert.extensions() {
        let oid = extension.oid.to_id_string();
        let parsed = extension.parsed_extension();
        if let ParsedExtension::ParseError { .. } = parsed {
            problems.push(format!("extension {oid} is malformed"));
            continue;
        }
        match parsed {
            ParsedExtension::SubjectKeyIdentifier(_) => {
                has_ski = true;
                if extension.critical {
                    problems.push(
                        "the subjectKeyIdentifier extension is marked critical (RFC 5280 4.2.1.2)"
                            .into(),
                    );
                }
            }
            ParsedExtension::AuthorityKeyIdentifier(aki) => {
                has_aki = true;
                if extension.critical {
                    problems.push("the authorityKeyIdentifier extension is marked critical (RFC 5280 4.2.1.1)".into());
                }
                if position == Position::Root {
                    if aki.key_identifier.is_none()
                        || aki.authority_cert_issuer.is_some()
                        || aki.authority_cert_serial.is_some()
                    {
                        problems.push("the root's authorityKeyIdentifier must hold only a keyIdentifier (CA/B BR 7.1.2.1)".into());
                    } else if self_issued {
                        let ski =
                            cert.extensions().iter().find_map(|ext| match ext.parsed_extension() {
                                ParsedExtension::SubjectKeyIdentifier(ski) => Some(ski.0),
                                _ => None,
                            });
                        if ski.is_some() && aki.key_identifier.as_ref().map(|id| id.0) != ski {
                            problems.push("the root's authorityKeyIdentifier differs from its subjectKeyIdentifier".into());
                        }
                    }
                }
            }
            ParsedExtension::NameConstraints(constraints) => {
                if position == Position::Leaf {
                    problems.push(
                        "a server certificate carries nameConstraints (RFC 5280 4.2.1.10)".into(),
                    );
                }
                let permitted = constraints.permitted_subtrees.as_ref().map_or(0, Vec::len);
                let excluded = constraints.excluded_subtrees.as_ref().map_or(0, Vec::len);
                if permitted == 0 && excluded == 0 {
                    problems.push("nameConstraints with neither permitted nor excluded subtrees (RFC 5280 4.2.1.10)".into());
                }
                let subtrees = constraints
                    .permitted_subtrees
                    .iter()
                    .chain(constraints.excluded_subtrees.iter())
                    .flatten();
                for subtree in subtrees {
                    if let GeneralName::DNSName(name) = subtree.base {
                        if name.starts_with('.') {
                            problems.push(format!(
                                "nameConstraints dNSName {name:?} starts with a period"
                            ));
                        }
                    }
                }
            }
            ParsedExtension::SubjectAlternativeName(san) if position == Position::Leaf => {
                let empty_subject = cert.subject().iter().next().is_none();
                if empty_subject && !extension.critical {
                    problems.push("the subject is empty but subjectAltName is not critical (RFC 5280 4.2.1.6)".into());
                }
                if !empty_subject && extension.critical {
                    problems.push("subjectAltName is critical although the subject is not empty (CA/B BR 7.1.2.7.12)".into());
                }
                for name in &san.general_names {
                    if let GeneralName::DNSName(dns) = name {
                        if dns.contains('_') {
                            problems.push(format!("the dNSName {dns:?} holds an underscore"));
                        }
                    }
                }
            }
            ParsedExtension::KeyUsage(usage)
                if position == Position::Leaf && usage.key_cert_sign() && !cert.is_ca() =>
            {
                problems.push("keyCertSign without basicConstraints cA (RFC 5280 4.2.1.3)".into());
            }
            // A CA certificate may be the leaf (RFC 5280 6.1: the last certificate "can be a CA
            // certificate"), when its CA bits agree, as Chromium requires of a target.
            ParsedExtension::KeyUsage(usage)
                if position == Position::Leaf && !usage.key_cert_sign() && cert.is_ca() =>
            {
                problems.push(
                    "a leaf with basicConstraints cA=TRUE whose keyUsage lacks keyCertSign".into(),
                );
            }
            _ => {}
        }
        if extension.critical
            && position != Position::Leaf
            && !KNOWN_CRITICAL.contains(&oid.as_str())
            && oid != OID_SKI
        {
            problems.push(format!("a CA certificate has an unknown critical extension {oid}"));
        }
    }
    match position {
        Position::Leaf => {
            if !has_aki && !self_issued {
                problems.push(
                    "the certificate has no authorityKeyIdentifier (RFC 5280 4.2.1.1)".into(),
                );
            }
        }
        Position::Intermediate | Position::Root => {
            if !has_ski {
                problems.push(
                    "a CA certificate without subjectKeyIdentifier (RFC 5280 4.2.1.2)".into(),
                );
            }
            if position == Position::Intermediate && !has_aki {
                problems.push(
                    "an intermediate without authorityKeyIdentifier (RFC 5280 4.2.1.1)".into(),
                );
            }
            if cert.subject().iter().next().is_none() {
                problems.push("a CA certificate with an empty subject (RFC 5280 4.1.2.6)".into());
            }
        }
    }
    if position == Position::Root {
        root_checks(cert, at, problems);
    }
}

fn root_checks(cert: &X509Certificate<'_>, at: i64, problems: &mut Vec<String>) {
    let validity = cert.validity();
    if at < validity.not_before.timestamp() || at > validity.not_after.timestamp() {
        problems.push("the root is outside its validity period at the validation time".into());
    }
    match cert.basic_constraints() {
        Ok(Some(constraints)) if constraints.value.ca && constraints.critical => {}
        Ok(Some(constraints)) if constraints.value.ca => {
            problems.push("the root's basicConstraints is not critical (RFC 5280 4.2.1.9)".into());
        }
        _ => problems.push("the root has no basicConstraints with cA=TRUE".into()),
    }
    if let Ok(Some(usage)) = cert.key_usage() {
        if !usage.value.key_cert_sign() {
            problems.push("the root's keyUsage lacks keyCertSign although it is a CA".into());
        }
    }
}
