//! Our view of an X.509 certificate: every fact the rules, the chain engine and the page need,
//! read once with x509-parser and kept as owned data.

use serde::Serialize;
use sha1::Sha1;
use sha2::{Digest, Sha256};
use x509_parser::certificate::X509Certificate;
use x509_parser::der_parser::asn1_rs::ToDer;
use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::prelude::FromDer;
use x509_parser::x509::X509Name;

use crate::dates;
use crate::error::InputError;
use crate::x509::attribute_names::attribute_name;
use crate::x509::colon_hex;
use crate::x509::key::{public_key_info, PublicKeyInfo};
use crate::x509::verify::{self, SignatureAlgorithm, SignatureError, SignedData, SignerKey};

/// Subject alternative names by type.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SubjectAltNames {
    /// dNSName entries.
    pub dns: Vec<String>,
    /// iPAddress entries, formatted.
    pub ip: Vec<String>,
    /// rfc822Name entries.
    pub email: Vec<String>,
    /// uniformResourceIdentifier entries.
    pub uri: Vec<String>,
    /// Other kinds (directoryName, otherName...), described.
    pub other: Vec<String>,
}

/// One extension.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExtensionInfo {
    /// Dotted OID.
    pub oid: String,
    /// Readable name (`keyUsage`), or the OID when unknown.
    pub name: String,
    /// The critical flag.
    pub critical: bool,
}

/// basicConstraints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct BasicConstraints {
    /// cA.
    pub ca: bool,
    /// pathLenConstraint.
    pub path_len: Option<u32>,
}

/// Validity period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Validity {
    /// notBefore, RFC 3339.
    pub not_before: String,
    /// notAfter, RFC 3339.
    pub not_after: String,
    /// notBefore, Unix seconds.
    pub not_before_unix: i64,
    /// notAfter, Unix seconds.
    pub not_after_unix: i64,
}

/// Fingerprints of the DER.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fingerprints {
    /// SHA-256, colon-separated upper-case hex.
    pub sha256: String,
    /// SHA-1, colon-separated upper-case hex (what Windows calls the thumbprint).
    pub sha1: String,
}

/// Everything shown about a certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CertificateInfo {
    /// Subject DN (RFC 4514 style).
    pub subject: String,
    /// Subject common names.
    pub subject_cn: Vec<String>,
    /// Issuer DN.
    pub issuer: String,
    /// Issuer common names.
    pub issuer_cn: Vec<String>,
    /// Serial number, colon-separated hex.
    pub serial: String,
    /// X.509 version (1, 2 or 3).
    pub version: u32,
    /// Validity period.
    pub validity: Validity,
    /// Subject alternative names.
    pub san: SubjectAltNames,
    /// Public key.
    pub public_key: PublicKeyInfo,
    /// Signature algorithm name (`sha256WithRSAEncryption`).
    pub signature_algorithm: String,
    /// Signature algorithm OID.
    pub signature_algorithm_oid: String,
    /// Every extension, in order.
    pub extensions: Vec<ExtensionInfo>,
    /// keyUsage bits by name, when present.
    pub key_usage: Option<Vec<String>>,
    /// extendedKeyUsage purposes by name, when present.
    pub extended_key_usage: Option<Vec<String>>,
    /// basicConstraints, when present.
    pub basic_constraints: Option<BasicConstraints>,
    /// subjectKeyIdentifier, hex.
    pub subject_key_id: Option<String>,
    /// authorityKeyIdentifier keyIdentifier, hex.
    pub authority_key_id: Option<String>,
    /// Fingerprints.
    pub fingerprints: Fingerprints,
    /// Subject and issuer names are the same.
    pub self_issued: bool,
    /// Self-issued and its own key verifies its signature.
    pub self_signed: bool,
}

/// A parsed certificate with the raw parts needed for signature checks.
#[derive(Clone, Debug)]
pub struct Certificate {
    /// The certificate's DER.
    pub der: Vec<u8>,
    /// The facts shown to the user.
    pub info: CertificateInfo,
    /// Raw DER of the subject Name (for exact issuer matching).
    pub subject_raw: Vec<u8>,
    /// Raw DER of the issuer Name.
    pub issuer_raw: Vec<u8>,
    /// Normalised subject, for tolerant name comparison.
    pub normalised_subject: String,
    /// Normalised issuer.
    pub normalised_issuer: String,
    /// The subjectPublicKey bits.
    pub public_key_bytes: Vec<u8>,
    /// The SubjectPublicKeyInfo DER.
    pub spki_der: Vec<u8>,
    /// Raw TBSCertificate.
    pub tbs: Vec<u8>,
    /// Signature algorithm OID and DER parameters.
    pub signature_oid: String,
    /// DER of the signature algorithm parameters.
    pub signature_params: Option<Vec<u8>>,
    /// The signature bits.
    pub signature: Vec<u8>,
    /// The certificatePolicies OIDs (RFC 5280 §4.2.1.4).
    pub policies: Vec<String>,
}

impl Certificate {
    /// Read a DER certificate, and decide whether a self-issued one is self-signed.
    pub fn from_der(der: &[u8]) -> Result<Certificate, InputError> {
        let mut certificate = Certificate::parse(der)?;
        certificate.info.self_signed = match certificate.self_signed_by_key_ids() {
            Some(decided) => decided,
            None => certificate.self_signed_given(certificate.verify_signed_by(&certificate)),
        };
        Ok(certificate)
    }

    /// Whether it is self-signed, when that is decided without a signature: not self-issued, or
    /// both key identifiers present (they decide). None: its own signature decides
    /// ([`Certificate::self_signed_given`]).
    pub fn self_signed_by_key_ids(&self) -> Option<bool> {
        if !self.info.self_issued {
            return Some(false);
        }
        match (&self.info.authority_key_id, &self.info.subject_key_id) {
            (Some(authority), Some(subject)) => Some(authority == subject),
            _ => None,
        }
    }

    /// Self-signed by facts, not by what this tool can verify: only a signature proven wrong
    /// says no. A self-signature in an algorithm we cannot check (MD5, MD2) does not make a root
    /// "not self-signed": browsers never check a root's own signature.
    pub fn self_signed_given(&self, own_signature: Result<(), SignatureError>) -> bool {
        !matches!(own_signature, Err(SignatureError::Invalid | SignatureError::BadKey))
    }

    /// May issue certificates: cA=TRUE, or a version 1 self-signed root (no extensions at all,
    /// still accepted as a trust anchor).
    pub fn may_issue(&self) -> bool {
        self.is_ca() || (self.info.version < 3 && self.info.self_signed)
    }

    /// Read a DER certificate and every fact the rules use, without checking any signature.
    pub fn parse(der: &[u8]) -> Result<Certificate, InputError> {
        Certificate::parse_digested(der, None)
    }

    /// [`Certificate::parse`], given the SHA-256 of `der` when the caller has it already (the
    /// analysis hashes every input to skip duplicates): a big pile is not hashed twice.
    pub fn parse_digested(der: &[u8], sha256: Option<[u8; 32]>) -> Result<Certificate, InputError> {
        let input_len = der.len();
        let (_, parsed) = X509Certificate::from_der(der).map_err(|error| {
            InputError::Unreadable { what: "doc.certificate", detail: error.to_string() }
        })?;
        let der = parsed.as_raw().to_vec();
        let tbs = &parsed.tbs_certificate;
        // A name OpenSSL (and every strict DER reader) refuses is not read either: a value in a
        // high-tag or non-universal form, or a UTF8String that is not UTF-8.
        if !well_formed(&tbs.subject) || !well_formed(&tbs.issuer) {
            return Err(InputError::Unreadable {
                what: "doc.certificate",
                detail: "a name attribute value is not valid DER".to_string(),
            });
        }
        let public_key = public_key_info(&tbs.subject_pki);
        let signature_oid = parsed.signature_algorithm.algorithm.to_id_string();
        let signature_params = parsed
            .signature_algorithm
            .parameters
            .as_ref()
            .map(|any| any.to_der_vec().unwrap_or_default());
        let mut info = CertificateInfo {
            subject: name_to_string(&tbs.subject),
            subject_cn: common_names(&tbs.subject),
            issuer: name_to_string(&tbs.issuer),
            issuer_cn: common_names(&tbs.issuer),
            serial: colon_hex(tbs.raw_serial()),
            version: tbs.version.0 + 1,
            validity: Validity {
                not_before: dates::rfc3339(tbs.validity.not_before.timestamp()),
                not_after: dates::rfc3339(tbs.validity.not_after.timestamp()),
                not_before_unix: tbs.validity.not_before.timestamp(),
                not_after_unix: tbs.validity.not_after.timestamp(),
            },
            san: SubjectAltNames::default(),
            public_key,
            signature_algorithm: SignatureAlgorithm::name(&signature_oid),
            signature_algorithm_oid: signature_oid.clone(),
            extensions: Vec::new(),
            key_usage: None,
            extended_key_usage: None,
            basic_constraints: None,
            subject_key_id: None,
            authority_key_id: None,
            fingerprints: Fingerprints {
                sha256: colon_hex(&match sha256 {
                    Some(digest) if der.len() == input_len => digest,
                    _ => Sha256::digest(&der).into(),
                }),
                sha1: colon_hex(&Sha1::digest(&der)),
            },
            self_issued: tbs.subject.as_raw() == tbs.issuer.as_raw()
                || normalise_name(&tbs.subject) == normalise_name(&tbs.issuer),
            self_signed: false,
        };
        let mut policies = Vec::new();
        for extension in tbs.extensions() {
            let oid = extension.oid.to_id_string();
            info.extensions.push(ExtensionInfo {
                name: extension_name(&oid),
                oid,
                critical: extension.critical,
            });
            if let ParsedExtension::CertificatePolicies(found) = extension.parsed_extension() {
                policies.extend(found.iter().map(|policy| policy.policy_id.to_id_string()));
            }
            read_extension(extension.parsed_extension(), &mut info);
        }
        let certificate = Certificate {
            subject_raw: tbs.subject.as_raw().to_vec(),
            issuer_raw: tbs.issuer.as_raw().to_vec(),
            normalised_subject: normalise_name(&tbs.subject),
            normalised_issuer: normalise_name(&tbs.issuer),
            public_key_bytes: tbs.subject_pki.subject_public_key.data.to_vec(),
            spki_der: tbs.subject_pki.raw.to_vec(),
            tbs: tbs.as_ref().to_vec(),
            signature_oid,
            signature_params,
            signature: parsed.signature_value.data.to_vec(),
            policies,
            der,
            info,
        };
        Ok(certificate)
    }

    /// Whether a public (Web PKI) CA issued it, as far as the certificate itself tells: a CA/B
    /// Forum certificate policy (2.23.140.1.2.x: DV, OV, IV) or embedded Certificate Transparency
    /// SCTs, which private CAs (AD CS, VOS) do not add.
    pub fn looks_publicly_issued(&self) -> bool {
        self.policies.iter().any(|policy| policy.starts_with("2.23.140.1.2."))
            || self
                .info
                .extensions
                .iter()
                .any(|extension| extension.oid == "1.3.6.1.4.1.11129.2.4.2")
    }

    /// Check this certificate's signature with `issuer`'s public key.
    pub fn verify_signed_by(&self, issuer: &Certificate) -> Result<(), SignatureError> {
        let (data, key) = self.signed_by(issuer);
        verify::verify(&data, &key)
    }

    /// This certificate's signature by `issuer`, described for a platform verifier (see
    /// [`verify::request`]); none when the platform has no such scheme.
    pub fn signature_request(&self, issuer: &Certificate) -> Option<verify::Request> {
        let (data, key) = self.signed_by(issuer);
        verify::request(&data, &key, &issuer.spki_der)
    }

    /// What was signed, and the key `issuer` would have signed it with.
    fn signed_by<'a>(&'a self, issuer: &'a Certificate) -> (SignedData<'a>, SignerKey<'a>) {
        (
            SignedData {
                message: &self.tbs,
                algorithm_oid: &self.signature_oid,
                algorithm_params: self.signature_params.as_deref(),
                signature: &self.signature,
            },
            SignerKey {
                algorithm: &issuer.info.public_key.algorithm,
                public_key_bytes: &issuer.public_key_bytes,
            },
        )
    }

    /// The first CN, or the first DNS SAN, or the subject DN: a name for messages.
    pub fn display_name(&self) -> String {
        self.info.subject_cn.first().or_else(|| self.info.san.dns.first()).cloned().unwrap_or_else(
            || {
                if self.info.subject.is_empty() {
                    "(empty subject)".to_string()
                } else {
                    self.info.subject.clone()
                }
            },
        )
    }

    /// The name messages use for it: CN (or the first DNS SAN) and the short fingerprint,
    /// `uccx1.example.com (3D434900)`.
    pub fn label(&self) -> String {
        format!("{} ({})", self.display_name(), self.short_fingerprint())
    }

    /// The first eight hex digits of the SHA-256 fingerprint.
    pub fn short_fingerprint(&self) -> String {
        self.info.fingerprints.sha256.replace(':', "").chars().take(8).collect()
    }

    /// An Extended Key Usage is present and allows neither `purpose` nor anyExtendedKeyUsage.
    pub fn eku_lacks(&self, purpose: &str) -> bool {
        self.info.extended_key_usage.as_ref().is_some_and(|usages| {
            !usages.iter().any(|usage| usage == purpose || usage == "anyExtendedKeyUsage")
        })
    }

    /// The critical extensions whose OID is not in `allowed`, as `name (oid)`.
    pub fn critical_outside(&self, allowed: &[&str]) -> Vec<String> {
        self.info
            .extensions
            .iter()
            .filter(|ext| ext.critical && !allowed.contains(&ext.oid.as_str()))
            .map(|ext| {
                if ext.name == ext.oid {
                    ext.oid.clone()
                } else {
                    format!("{} ({})", ext.name, ext.oid)
                }
            })
            .collect()
    }

    /// True when basicConstraints says cA.
    pub fn is_ca(&self) -> bool {
        self.info.basic_constraints.is_some_and(|constraints| constraints.ca)
    }
}

fn read_extension(parsed: &ParsedExtension<'_>, info: &mut CertificateInfo) {
    match parsed {
        ParsedExtension::SubjectAlternativeName(san) => {
            for name in &san.general_names {
                add_general_name(name, &mut info.san);
            }
        }
        ParsedExtension::KeyUsage(usage) => {
            let bits = [
                (usage.digital_signature(), "digitalSignature"),
                (usage.non_repudiation(), "nonRepudiation"),
                (usage.key_encipherment(), "keyEncipherment"),
                (usage.data_encipherment(), "dataEncipherment"),
                (usage.key_agreement(), "keyAgreement"),
                (usage.key_cert_sign(), "keyCertSign"),
                (usage.crl_sign(), "cRLSign"),
                (usage.encipher_only(), "encipherOnly"),
                (usage.decipher_only(), "decipherOnly"),
            ];
            info.key_usage = Some(
                bits.iter().filter(|(set, _)| *set).map(|(_, name)| name.to_string()).collect(),
            );
        }
        ParsedExtension::ExtendedKeyUsage(usage) => {
            let mut names = Vec::new();
            let flags = [
                (usage.any, "anyExtendedKeyUsage"),
                (usage.server_auth, "serverAuth"),
                (usage.client_auth, "clientAuth"),
                (usage.code_signing, "codeSigning"),
                (usage.email_protection, "emailProtection"),
                (usage.time_stamping, "timeStamping"),
                (usage.ocsp_signing, "OCSPSigning"),
            ];
            names.extend(flags.iter().filter(|(set, _)| *set).map(|(_, name)| name.to_string()));
            names.extend(usage.other.iter().map(|oid| oid.to_id_string()));
            info.extended_key_usage = Some(names);
        }
        ParsedExtension::BasicConstraints(constraints) => {
            info.basic_constraints = Some(BasicConstraints {
                ca: constraints.ca,
                path_len: constraints.path_len_constraint,
            });
        }
        ParsedExtension::SubjectKeyIdentifier(id) => info.subject_key_id = Some(colon_hex(id.0)),
        ParsedExtension::AuthorityKeyIdentifier(aki) => {
            info.authority_key_id = aki.key_identifier.as_ref().map(|id| colon_hex(id.0));
        }
        _ => {}
    }
}

/// Add one GeneralName to the SAN lists.
pub fn add_general_name(name: &GeneralName<'_>, san: &mut SubjectAltNames) {
    match name {
        GeneralName::DNSName(dns) => san.dns.push(dns.to_string()),
        GeneralName::IPAddress(bytes) => san.ip.push(format_ip(bytes)),
        GeneralName::RFC822Name(email) => san.email.push(email.to_string()),
        GeneralName::URI(uri) => san.uri.push(uri.to_string()),
        GeneralName::DirectoryName(dn) => san.other.push(format!("DirName:{}", name_to_string(dn))),
        GeneralName::OtherName(oid, _) => {
            san.other.push(format!("othername:{}", oid.to_id_string()))
        }
        GeneralName::RegisteredID(oid) => san.other.push(format!("RID:{}", oid.to_id_string())),
        other => san.other.push(format!("{other:?}").chars().take(80).collect()),
    }
}

fn format_ip(bytes: &[u8]) -> String {
    match bytes.len() {
        4 => std::net::Ipv4Addr::new(bytes[0], bytes[1], bytes[2], bytes[3]).to_string(),
        16 => {
            let mut octets = [0u8; 16];
            octets.copy_from_slice(bytes);
            std::net::Ipv6Addr::from(octets).to_string()
        }
        _ => format!("(bad IP {})", colon_hex(bytes)),
    }
}

/// A name as `CN=..., O=...` (RFC 4514 order as written by x509-parser).
pub fn name_to_string(name: &X509Name<'_>) -> String {
    name_text(name).unwrap_or_else(|| "<X509Error: Invalid X.509 name>".to_string())
}

/// The DN as x509-parser's `to_string_with_registry` writes it (`CN=a, O=b`, multi-valued RDNs
/// joined with ` + `, values that are not strings in upper-case hex, unknown types as `OID(…)`),
/// with a table of the registry's names instead of the registry; none when a string value is not
/// valid text (x509-parser then writes what [`name_to_string`] writes).
fn name_text(name: &X509Name<'_>) -> Option<String> {
    use x509_parser::der_parser::asn1_rs::{BmpString, Tag};
    let mut text = String::new();
    for (at, rdn) in name.iter().enumerate() {
        if at > 0 {
            text.push_str(", ");
        }
        for (at, attribute) in rdn.iter().enumerate() {
            if at > 0 {
                text.push_str(" + ");
            }
            let kind = attribute.attr_type();
            match attribute_name(&kind.to_id_string()) {
                Some(name) => text.push_str(name),
                None => text.push_str(&format!("{kind:?}")),
            }
            text.push('=');
            let value = attribute.attr_value();
            match value.tag() {
                Tag::NumericString
                | Tag::VisibleString
                | Tag::PrintableString
                | Tag::GeneralString
                | Tag::ObjectDescriptor
                | Tag::GraphicString
                | Tag::T61String
                | Tag::VideotexString
                | Tag::Utf8String
                | Tag::Ia5String => text.push_str(std::str::from_utf8(value.data).ok()?),
                Tag::BmpString => text.push_str(&BmpString::try_from(value.clone()).ok()?.string()),
                _ => {
                    for byte in value.data {
                        text.push_str(&format!("{byte:02X}"));
                    }
                }
            }
        }
    }
    Some(text)
}

/// Every attribute value of `name` is a universal type with a low tag number, and a UTF8String
/// holds UTF-8.
fn well_formed(name: &X509Name<'_>) -> bool {
    use x509_parser::der_parser::asn1_rs::{Class, Tag};
    name.iter_attributes().all(|attribute| {
        let value = attribute.attr_value();
        value.class() == Class::Universal
            && value.tag().0 < 31
            && (value.tag() != Tag::Utf8String || std::str::from_utf8(value.data).is_ok())
    })
}

/// The common names of a name.
pub fn common_names(name: &X509Name<'_>) -> Vec<String> {
    name.iter_common_name()
        .map(|attribute| match attribute.as_str() {
            Ok(text) => text.to_string(),
            Err(_) => String::from_utf8_lossy(attribute.as_slice()).into_owned(),
        })
        .collect()
}

/// A comparison key for names: attribute OIDs and case-folded, space-collapsed values
/// (RFC 5280 §7.1 in spirit), so that PrintableString and UTF8String encodings compare equal.
pub fn normalise_name(name: &X509Name<'_>) -> String {
    let mut key = String::new();
    for rdn in name.iter() {
        key.push('/');
        for attribute in rdn.iter() {
            let value = match attribute.as_str() {
                Ok(text) => text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase(),
                Err(_) => colon_hex(attribute.as_slice()),
            };
            key.push_str(&format!("{}={};", attribute.attr_type().to_id_string(), value));
        }
    }
    key
}

/// A readable name for an extension OID.
pub fn extension_name(oid: &str) -> String {
    let name = match oid {
        "2.5.29.14" => "subjectKeyIdentifier",
        "2.5.29.15" => "keyUsage",
        "2.5.29.17" => "subjectAltName",
        "2.5.29.18" => "issuerAltName",
        "2.5.29.19" => "basicConstraints",
        "2.5.29.30" => "nameConstraints",
        "2.5.29.31" => "cRLDistributionPoints",
        "2.5.29.32" => "certificatePolicies",
        "2.5.29.33" => "policyMappings",
        "2.5.29.35" => "authorityKeyIdentifier",
        "2.5.29.36" => "policyConstraints",
        "2.5.29.37" => "extKeyUsage",
        "2.5.29.54" => "inhibitAnyPolicy",
        "1.3.6.1.5.5.7.1.1" => "authorityInfoAccess",
        "1.3.6.1.5.5.7.1.11" => "subjectInfoAccess",
        "1.3.6.1.5.5.7.1.24" => "TLS Feature (OCSP must-staple)",
        "1.3.6.1.4.1.11129.2.4.2" => "CT precertificate SCTs",
        "1.3.6.1.4.1.11129.2.4.3" => "CT precertificate poison",
        "2.16.840.1.113730.1.1" => "netscapeCertType",
        "2.16.840.1.113730.1.13" => "netscapeComment",
        "1.3.6.1.4.1.311.20.2" => "Microsoft certificate template name",
        "1.3.6.1.4.1.311.21.7" => "Microsoft certificate template",
        "1.3.6.1.4.1.311.21.10" => "Microsoft application policies",
        "1.3.6.1.4.1.311.21.1" => "Microsoft CA version",
        "1.3.6.1.4.1.311.21.2" => "Microsoft previous CA hash",
        _ => return oid.to_string(),
    };
    name.to_string()
}
