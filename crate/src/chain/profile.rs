//! The certificate profile WebPKI validators (and browsers) hold each certificate of a path to,
//! beyond signature chaining: RFC 5280 §4.2 and the CA/Browser Forum Baseline Requirements §7.1.
//! rustls-webpki checks most path properties but treats a trust anchor as a bare name and key;
//! these checks cover the rest, for the leaf, each intermediate and the root.

use std::net::IpAddr;

use x509_parser::certificate::X509Certificate;
use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::prelude::FromDer;

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
pub fn violation(der: &[u8], position: Position, at: i64) -> Option<String> {
    let Ok((_, cert)) = X509Certificate::from_der(der) else {
        return Some("the certificate cannot be parsed".into());
    };
    let mut problems = Vec::new();
    check(&cert, position, at, &mut problems);
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
            common_name_in_san(cert, problems);
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

/// CA/B BR 7.1.4.3: a subject CN, if present, repeats one subjectAltName value exactly.
fn common_name_in_san(cert: &X509Certificate<'_>, problems: &mut Vec<String>) {
    let mut values: Vec<String> = Vec::new();
    if let Ok(Some(san)) = cert.subject_alternative_name() {
        for name in &san.value.general_names {
            match name {
                GeneralName::DNSName(dns) => values.push((*dns).to_string()),
                GeneralName::IPAddress(bytes) => {
                    values.extend(ip_from(bytes).map(|ip| ip.to_string()))
                }
                _ => {}
            }
        }
    }
    for cn in cert.subject().iter_common_name() {
        let Ok(text) = cn.as_str() else { continue };
        if !values.iter().any(|value| value == text) {
            problems.push(format!(
                "the CN {text:?} is not one of the subjectAltName values (CA/B BR 7.1.4.3)"
            ));
        }
    }
}

/// The leaf's names that name constraints apply to: dNSNames and IP addresses of its SAN.
#[derive(Clone, Debug, Default)]
pub struct Names {
    /// dNSName entries, lower-case.
    pub dns: Vec<String>,
    /// iPAddress entries.
    pub ips: Vec<IpAddr>,
}

/// The SAN names of a certificate.
pub fn names(der: &[u8]) -> Names {
    let mut out = Names::default();
    let Ok((_, cert)) = X509Certificate::from_der(der) else { return out };
    if let Ok(Some(san)) = cert.subject_alternative_name() {
        for name in &san.value.general_names {
            match name {
                GeneralName::DNSName(dns) => out.dns.push(dns.to_ascii_lowercase()),
                GeneralName::IPAddress(bytes) => {
                    if let Some(ip) = ip_from(bytes) {
                        out.ips.push(ip);
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn ip_from(bytes: &[u8]) -> Option<IpAddr> {
    match bytes.len() {
        4 => <[u8; 4]>::try_from(bytes).ok().map(IpAddr::from),
        16 => <[u8; 16]>::try_from(bytes).ok().map(IpAddr::from),
        _ => None,
    }
}

/// RFC 5280 4.2.1.10 dNSName constraint: the name is the constraint or a subdomain of it.
fn dns_within(name: &str, constraint: &str) -> bool {
    let constraint = constraint.to_ascii_lowercase();
    constraint.is_empty() || name == constraint || name.ends_with(&format!(".{constraint}"))
}

/// RFC 5280 4.2.1.10 iPAddress constraint: address and mask of the same family.
fn ip_within(ip: &IpAddr, constraint: &[u8]) -> bool {
    let bytes: Vec<u8> = match ip {
        IpAddr::V4(v4) => v4.octets().to_vec(),
        IpAddr::V6(v6) => v6.octets().to_vec(),
    };
    if constraint.len() != bytes.len() * 2 {
        return false;
    }
    let (address, mask) = constraint.split_at(bytes.len());
    bytes.iter().zip(address).zip(mask).all(|((byte, address), mask)| byte & mask == address & mask)
}

/// Whether the name constraints of the CA certificate `der` (if any) allow `names`.
pub fn constraints_allow(der: &[u8], names: &Names) -> bool {
    let Ok((_, cert)) = X509Certificate::from_der(der) else { return false };
    let Ok(Some(constraints)) = cert.name_constraints() else { return true };
    let constraints = constraints.value;
    let permitted: Vec<&GeneralName<'_>> =
        constraints.permitted_subtrees.iter().flatten().map(|tree| &tree.base).collect();
    let excluded: Vec<&GeneralName<'_>> =
        constraints.excluded_subtrees.iter().flatten().map(|tree| &tree.base).collect();
    let dns_permitted: Vec<&str> = permitted
        .iter()
        .filter_map(|name| match name {
            GeneralName::DNSName(dns) => Some(*dns),
            _ => None,
        })
        .collect();
    let ip_permitted: Vec<&[u8]> = permitted
        .iter()
        .filter_map(|name| match name {
            GeneralName::IPAddress(bytes) => Some(*bytes),
            _ => None,
        })
        .collect();
    for name in &names.dns {
        let base = name.strip_prefix("*.").unwrap_or(name);
        if !dns_permitted.is_empty()
            && !dns_permitted.iter().any(|constraint| dns_within(base, constraint))
        {
            return false;
        }
        for excluded in &excluded {
            if let GeneralName::DNSName(constraint) = excluded {
                // A wildcard also covers names below its base that an exclusion may name.
                let covers =
                    name.starts_with("*.") && dns_within(&constraint.to_ascii_lowercase(), base);
                if dns_within(base, constraint) || covers {
                    return false;
                }
            }
        }
    }
    for ip in &names.ips {
        if !ip_permitted.is_empty()
            && !ip_permitted.iter().any(|constraint| ip_within(ip, constraint))
        {
            return false;
        }
        if excluded.iter().any(
            |name| matches!(name, GeneralName::IPAddress(constraint) if ip_within(ip, constraint)),
        ) {
            return false;
        }
    }
    true
}
