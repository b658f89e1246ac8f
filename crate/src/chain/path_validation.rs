//! WebPKI path validation of one server certificate: the verdict of `certcheck verify`, for
//! comparing the engine with other validators on public test suites (x509-limbo, BetterTLS).
//!
//! The rules are rustls-webpki's (the reference implementation of the WebPKI profile): its
//! reader decides which certificates are well-formed, its algorithm set which signatures count,
//! its host-name matching which names a leaf serves, and its dNSName/iPAddress name-constraint
//! semantics are followed exactly ([`super::name_constraints`]). The path search is our own, so
//! RFC 5280 holds where webpki departs from it: self-issued intermediates do not count against
//! pathLenConstraint (6.1.4 (l)), directoryName constraints are processed, and a CA certificate
//! may be the leaf when its CA bits agree (6.1: the last certificate "can be a CA
//! certificate"), and a host matched only by a wildcard over a public suffix of the Public Suffix
//! List's ICANN section (`*.co.uk`) is refused, as Chromium refuses it ([`wildcard_over_public_suffix`]).
//! [`super::profile`] adds the checks of each certificate alone.
//!
//! Each certificate is parsed once; each issuer → child signature is verified at most once;
//! candidate issuers whose key identifier differs from the child's authorityKeyIdentifier are
//! not followed (RFC 5280 4.2.1.1: the identifier names the signing key); and the search has
//! explicit limits ([`MAX_INTERMEDIATES`], [`MAX_SIGNATURE_CHECKS`], [`MAX_CANDIDATES_TRIED`],
//! [`super::name_constraints::MAX_NAME_COMPARISONS`]), so hostile piles stay cheap.
//!
//! The chain explanations the page shows (which certificate is missing, the right order, the
//! upload plan) come from [`crate::chain`]; this module only answers "valid or not, and why".

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use pki_types::alg_id::{self, AlgorithmIdentifier};
use pki_types::{CertificateDer, InvalidSignature, ServerName, SignatureVerificationAlgorithm};
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::traits::PublicKeyParts;
use serde::Serialize;
use x509_parser::certificate::X509Certificate;
use x509_parser::extensions::ParsedExtension;
use x509_parser::prelude::FromDer;

use crate::chain::name_constraints::{self, Constraints, Name};
use crate::chain::profile::{self, Position};
use crate::input::ber::{children, read_element};
use crate::x509::certificate::Certificate;
use crate::x509::verify::{verify_scheme, Hash, Scheme};

/// One signature algorithm as WebPKI accepts it: key type, signature algorithm, and (for RSA)
/// the smallest modulus.
#[derive(Debug)]
struct Algorithm {
    public_key: AlgorithmIdentifier,
    signature: AlgorithmIdentifier,
    scheme: Scheme,
    rsa_min_bits: usize,
}

/// Largest RSA modulus accepted (as rustls-webpki's own backends do).
const RSA_MAX_BITS: usize = 8192;

/// WebPKI RSA key policy (CA/B Forum 6.1.5): `min_bits`..8192 bits, in whole bytes.
fn rsa_size_ok(bits: usize, min_bits: usize) -> bool {
    (min_bits..=RSA_MAX_BITS).contains(&bits) && bits.is_multiple_of(8)
}

impl SignatureVerificationAlgorithm for Algorithm {
    fn verify_signature(
        &self,
        public_key: &[u8],
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), InvalidSignature> {
        match self.scheme {
            Scheme::RsaPkcs1(_) | Scheme::RsaPss(_) => {
                // WebPKI key policy (CA/B Forum 6.1.5): 2048..8192 bits, whole bytes, odd modulus.
                let key =
                    rsa::RsaPublicKey::from_pkcs1_der(public_key).map_err(|_| InvalidSignature)?;
                let bits = key.n().bits();
                if !rsa_size_ok(bits, self.rsa_min_bits) {
                    return Err(InvalidSignature);
                }
            }
            // Only uncompressed points, as WebPKI requires.
            Scheme::EcdsaP256(_) | Scheme::EcdsaP384(_) | Scheme::EcdsaP521(_) => {
                if public_key.first() != Some(&4) {
                    return Err(InvalidSignature);
                }
            }
            Scheme::Ed25519 => {}
        }
        match verify_scheme(self.scheme, public_key, message, signature) {
            Some(Ok(())) => Ok(()),
            _ => Err(InvalidSignature),
        }
    }

    fn public_key_alg_id(&self) -> AlgorithmIdentifier {
        self.public_key
    }

    fn signature_alg_id(&self) -> AlgorithmIdentifier {
        self.signature
    }
}

const fn algorithm(
    public_key: AlgorithmIdentifier,
    signature: AlgorithmIdentifier,
    scheme: Scheme,
) -> Algorithm {
    Algorithm { public_key, signature, scheme, rsa_min_bits: 2048 }
}

// sha256/384/512WithRSAEncryption with the parameters omitted instead of NULL (seen in the wild).
const RSA_PKCS1_SHA256_ABSENT: AlgorithmIdentifier = AlgorithmIdentifier::from_slice(&[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b,
]);
const RSA_PKCS1_SHA384_ABSENT: AlgorithmIdentifier = AlgorithmIdentifier::from_slice(&[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c,
]);
const RSA_PKCS1_SHA512_ABSENT: AlgorithmIdentifier = AlgorithmIdentifier::from_slice(&[
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d,
]);

static ALGORITHMS: [Algorithm; 18] = [
    algorithm(alg_id::ECDSA_P256, alg_id::ECDSA_SHA256, Scheme::EcdsaP256(Hash::Sha256)),
    algorithm(alg_id::ECDSA_P256, alg_id::ECDSA_SHA384, Scheme::EcdsaP256(Hash::Sha384)),
    algorithm(alg_id::ECDSA_P384, alg_id::ECDSA_SHA256, Scheme::EcdsaP384(Hash::Sha256)),
    algorithm(alg_id::ECDSA_P384, alg_id::ECDSA_SHA384, Scheme::EcdsaP384(Hash::Sha384)),
    algorithm(alg_id::ECDSA_P521, alg_id::ECDSA_SHA256, Scheme::EcdsaP521(Hash::Sha256)),
    algorithm(alg_id::ECDSA_P521, alg_id::ECDSA_SHA384, Scheme::EcdsaP521(Hash::Sha384)),
    algorithm(alg_id::ECDSA_P521, alg_id::ECDSA_SHA512, Scheme::EcdsaP521(Hash::Sha512)),
    algorithm(alg_id::RSA_ENCRYPTION, alg_id::RSA_PKCS1_SHA256, Scheme::RsaPkcs1(Hash::Sha256)),
    algorithm(alg_id::RSA_ENCRYPTION, alg_id::RSA_PKCS1_SHA384, Scheme::RsaPkcs1(Hash::Sha384)),
    algorithm(alg_id::RSA_ENCRYPTION, alg_id::RSA_PKCS1_SHA512, Scheme::RsaPkcs1(Hash::Sha512)),
    algorithm(alg_id::RSA_ENCRYPTION, RSA_PKCS1_SHA256_ABSENT, Scheme::RsaPkcs1(Hash::Sha256)),
    algorithm(alg_id::RSA_ENCRYPTION, RSA_PKCS1_SHA384_ABSENT, Scheme::RsaPkcs1(Hash::Sha384)),
    algorithm(alg_id::RSA_ENCRYPTION, RSA_PKCS1_SHA512_ABSENT, Scheme::RsaPkcs1(Hash::Sha512)),
    algorithm(alg_id::RSA_ENCRYPTION, alg_id::RSA_PSS_SHA256, Scheme::RsaPss(Hash::Sha256)),
    algorithm(alg_id::RSA_ENCRYPTION, alg_id::RSA_PSS_SHA384, Scheme::RsaPss(Hash::Sha384)),
    algorithm(alg_id::RSA_ENCRYPTION, alg_id::RSA_PSS_SHA512, Scheme::RsaPss(Hash::Sha512)),
    algorithm(alg_id::ED25519, alg_id::ED25519, Scheme::Ed25519),
    // RSA-3072+ with SHA-384 is covered by the SHA-384 entry above (2048 minimum).
    algorithm(alg_id::ECDSA_P384, alg_id::ECDSA_SHA512, Scheme::EcdsaP384(Hash::Sha512)),
];

/// Most intermediates on one path: with the leaf and the trust anchor, the twelve certificates
/// the chain engine follows ([`super::MAX_CHAIN_DEPTH`]).
pub const MAX_INTERMEDIATES: usize = super::MAX_CHAIN_DEPTH - 2;
/// Most signatures verified in one validation, each issuer → child pair once (rustls-webpki's
/// budget, from Go's fix for CVE-2018-16875).
pub const MAX_SIGNATURE_CHECKS: usize = 100;
/// Most candidate issuers tried in one validation.
pub const MAX_CANDIDATES_TRIED: usize = 2_000;

/// What to validate.
pub struct Request<'a> {
    /// Trust anchors (DER).
    pub trusted: &'a [Vec<u8>],
    /// Certificates that may be used as intermediates (DER).
    pub untrusted: &'a [Vec<u8>],
    /// The server certificate (DER).
    pub leaf: &'a [u8],
    /// The validation time, Unix seconds.
    pub at: i64,
    /// The name the server is reached by: a DNS name or an IP address.
    pub host: Option<&'a str>,
    /// At most this many intermediates (self-issued ones not counted, as RFC 5280 6.1.4 (l)).
    pub max_intermediates: Option<usize>,
}

/// One certificate of the validated path.
#[derive(Clone, Debug, Serialize)]
pub struct PathEntry {
    /// Subject DN.
    pub subject: String,
    /// SHA-256 fingerprint, colon hex.
    pub sha256: String,
}

/// The verdict.
#[derive(Clone, Debug, Serialize)]
pub struct Verdict {
    /// True when a path from the leaf to a trusted certificate passes every check.
    pub valid: bool,
    /// The path found, leaf first, trust anchor last; empty when none.
    pub chain: Vec<PathEntry>,
    /// Why the leaf is not valid; empty when it is.
    pub reason: String,
}

fn entry(der: &[u8]) -> PathEntry {
    match Certificate::parse(der) {
        Ok(certificate) => PathEntry {
            subject: certificate.info.subject.clone(),
            sha256: certificate.info.fingerprints.sha256.clone(),
        },
        Err(_) => PathEntry { subject: String::new(), sha256: String::new() },
    }
}

/// Why a certificate, a link or a path is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Refusal {
    /// The certificate cannot be read (rustls-webpki's or x509-parser's reader refuses it).
    Unreadable(String),
    /// Outside its validity period at the validation time.
    Expired,
    /// Before its validity period.
    NotYetValid,
    /// notBefore after notAfter.
    ValidityReversed,
    /// An issuer without basicConstraints cA=TRUE.
    NotCa,
    /// An issuer's pathLenConstraint allows fewer intermediates below it.
    PathLen { allowed: u32, below: usize },
    /// An intermediate whose keyUsage lacks keyCertSign.
    NoKeyCertSign,
    /// An extendedKeyUsage without serverAuth.
    NoServerAuth,
    /// The leaf's key is of no type in the WebPKI algorithm set.
    LeafKey(String),
    /// The signature algorithm is not in the WebPKI set.
    UnsupportedAlgorithm,
    /// The signature algorithm does not fit the issuer's key, or the key is refused.
    AlgorithmForKey,
    /// The signature does not verify.
    BadSignature,
    /// A name constraint refuses a name below it.
    NameConstraints(name_constraints::Problem),
    /// A profile check of one certificate ([`profile`]).
    Profile(String),
    /// More (non-self-issued) intermediates than the caller allows.
    TooManyIntermediates { counted: usize, max: usize },
    /// A path longer than [`MAX_INTERMEDIATES`].
    TooDeep,
    /// A search limit was reached: the validation stops.
    Limit(&'static str),
    /// No issuer found.
    UnknownIssuer,
}

impl Refusal {
    /// A search limit stops the whole validation.
    fn is_fatal(&self) -> bool {
        matches!(
            self,
            Refusal::Limit(_)
                | Refusal::NameConstraints(name_constraints::Problem::TooManyComparisons)
        )
    }

    /// How specific the refusal is: among refused candidate paths, the most specific one is
    /// reported (as rustls-webpki ranks its errors).
    fn rank(&self) -> u32 {
        match self {
            Refusal::Limit(_) => 400,
            Refusal::Expired | Refusal::NotYetValid => 290,
            Refusal::BadSignature => 260,
            Refusal::Profile(_) => 250,
            Refusal::NoServerAuth => 240,
            Refusal::NameConstraints(_) => 230,
            Refusal::PathLen { .. } | Refusal::TooManyIntermediates { .. } => 220,
            Refusal::NotCa | Refusal::NoKeyCertSign => 210,
            Refusal::ValidityReversed => 190,
            Refusal::LeafKey(_) | Refusal::AlgorithmForKey => 150,
            Refusal::UnsupportedAlgorithm => 140,
            Refusal::Unreadable(_) => 130,
            Refusal::TooDeep => 100,
            Refusal::UnknownIssuer => 0,
        }
    }

    fn sentence(&self) -> String {
        use name_constraints::Problem;
        match self {
            Refusal::Unreadable(detail) => format!("a certificate cannot be read ({detail})"),
            Refusal::Expired => "a certificate of the path has expired at the validation time".into(),
            Refusal::NotYetValid => {
                "a certificate of the path is not valid yet at the validation time".into()
            }
            Refusal::ValidityReversed => "a certificate's notBefore is after its notAfter".into(),
            Refusal::NotCa => "a certificate used as an issuer is not a CA (basicConstraints cA is false or absent)".into(),
            Refusal::PathLen { allowed, below } => format!(
                "an issuer's pathLenConstraint allows {allowed} intermediates below it; the path has {below}"
            ),
            Refusal::NoKeyCertSign => {
                "an intermediate's keyUsage lacks keyCertSign (RFC 5280 6.1.4 (n))".into()
            }
            Refusal::NoServerAuth => {
                "the extendedKeyUsage does not allow TLS server use (serverAuth)".into()
            }
            Refusal::LeafKey(algorithm) => format!(
                "the leaf's key ({algorithm}) is not one a TLS client takes: RSA, ECDSA on P-256, P-384 or P-521, or Ed25519"
            ),
            Refusal::UnsupportedAlgorithm => "a signature algorithm is not accepted".into(),
            Refusal::AlgorithmForKey => {
                "a signature algorithm does not fit the issuer's key (or the key is too weak)".into()
            }
            Refusal::BadSignature => "a signature does not verify with the issuer's public key".into(),
            Refusal::NameConstraints(problem) => match problem {
                Problem::Violation => "a name violates an issuer's name constraints".into(),
                Problem::MalformedName => "a dNSName under a name constraint is malformed".into(),
                Problem::MalformedConstraint => "a dNSName name constraint is malformed".into(),
                Problem::InvalidNetmask => "an iPAddress name constraint has an invalid mask".into(),
                Problem::BadEncoding => "a name or name constraint is not valid DER".into(),
                Problem::TooManyComparisons => format!(
                    "name constraints would take more than {} comparisons",
                    name_constraints::MAX_NAME_COMPARISONS
                ),
            },
            Refusal::Profile(problem) => problem.clone(),
            Refusal::TooManyIntermediates { counted, max } => {
                format!("the path has {counted} intermediates; at most {max} are allowed")
            }
            Refusal::TooDeep => format!("no path within {MAX_INTERMEDIATES} intermediates"),
            Refusal::Limit(what) => format!("path building gave up: {what}"),
            Refusal::UnknownIssuer => "no issuer of the certificate (or of one of its issuers) is among the trusted and untrusted certificates".into(),
        }
    }
}

/// One certificate, parsed once.
struct Node<'a> {
    der: &'a [u8],
    cert: X509Certificate<'a>,
    /// The TBSCertificate, as signed.
    tbs: &'a [u8],
    /// The content of the signatureAlgorithm AlgorithmIdentifier.
    signature_algorithm: &'a [u8],
    signature: &'a [u8],
    /// The SubjectPublicKeyInfo, whole.
    spki: &'a [u8],
    /// The content of the key's AlgorithmIdentifier.
    key_algorithm: &'a [u8],
    /// The subjectPublicKey bits.
    public_key: &'a [u8],
    subject: &'a [u8],
    issuer: &'a [u8],
    key_id: Option<&'a [u8]>,
    authority_key_id: Option<&'a [u8]>,
    self_issued: bool,
    /// subjectAltName entries (empty without the extension).
    names: Result<Vec<Name<'a>>, name_constraints::Problem>,
    constraints: Option<Result<Constraints<'a>, name_constraints::Problem>>,
}

const OID_SAN: &str = "2.5.29.17";
const OID_NAME_CONSTRAINTS: &str = "2.5.29.30";

/// The content of the DER element at the start of `bytes` with `tag`, and its whole encoding.
fn element(bytes: &[u8], tag: u8) -> Option<(&[u8], &[u8])> {
    let found = read_element(bytes).ok()?;
    (found.tag == tag).then(|| (found.content, &bytes[..found.encoded_len]))
}

/// A BIT STRING's bits, when it has no unused bits.
fn whole_bits(content: &[u8]) -> Option<&[u8]> {
    content.strip_prefix(&[0])
}

impl<'a> Node<'a> {
    fn parse(der: &'a [u8]) -> Result<Self, Refusal> {
        let unreadable = |detail: &str| Refusal::Unreadable(detail.to_string());
        let (_, cert) = X509Certificate::from_der(der)
            .map_err(|error| Refusal::Unreadable(error.to_string()))?;
        let (content, _) = element(der, 0x30).ok_or_else(|| unreadable("not a SEQUENCE"))?;
        let parts = children(content).map_err(|_| unreadable("bad DER"))?;
        let [tbs, algorithm, signature] = parts.as_slice() else {
            return Err(unreadable("not three parts"));
        };
        let spki = cert.tbs_certificate.subject_pki.raw;
        let (spki_content, _) = element(spki, 0x30).ok_or_else(|| unreadable("bad key"))?;
        let spki_parts = children(spki_content).map_err(|_| unreadable("bad key"))?;
        let [key_algorithm, public_key] = spki_parts.as_slice() else {
            return Err(unreadable("bad key"));
        };
        if algorithm.tag != 0x30 || signature.tag != 0x03 || key_algorithm.tag != 0x30 {
            return Err(unreadable("bad signature or key"));
        }
        let mut key_id = None;
        let mut authority_key_id = None;
        let mut names = Ok(Vec::new());
        let mut constraints = None;
        for extension in cert.extensions() {
            match extension.parsed_extension() {
                ParsedExtension::SubjectKeyIdentifier(id) => key_id = Some(id.0),
                ParsedExtension::AuthorityKeyIdentifier(aki) => {
                    authority_key_id = aki.key_identifier.as_ref().map(|id| id.0)
                }
                _ => {}
            }
            match extension.oid.to_id_string().as_str() {
                OID_SAN => names = name_constraints::general_names(extension.value),
                OID_NAME_CONSTRAINTS => {
                    constraints = Some(Constraints::parse(extension.value));
                }
                _ => {}
            }
        }
        let subject = cert.tbs_certificate.subject.as_raw();
        let issuer = cert.tbs_certificate.issuer.as_raw();
        Ok(Node {
            der,
            tbs: &content[..tbs.encoded_len],
            signature_algorithm: algorithm.content,
            signature: whole_bits(signature.content).ok_or_else(|| unreadable("signature"))?,
            spki,
            key_algorithm: key_algorithm.content,
            public_key: whole_bits(public_key.content).ok_or_else(|| unreadable("key"))?,
            subject,
            issuer,
            key_id,
            authority_key_id,
            self_issued: subject == issuer,
            names,
            constraints,
            cert,
        })
    }

    /// The subject's RDNs, when the subject is not empty.
    fn subject_rdns(&self) -> Option<&'a [u8]> {
        element(self.subject, 0x30).map(|(content, _)| content).filter(|rdns| !rdns.is_empty())
    }

    fn validity(&self, at: i64) -> Result<(), Refusal> {
        let validity = self.cert.validity();
        let (not_before, not_after) =
            (validity.not_before.timestamp(), validity.not_after.timestamp());
        if not_before > not_after {
            Err(Refusal::ValidityReversed)
        } else if at < not_before {
            Err(Refusal::NotYetValid)
        } else if at > not_after {
            Err(Refusal::Expired)
        } else {
            Ok(())
        }
    }

    /// rustls-webpki's extendedKeyUsage rule: when present, it must list serverAuth.
    fn server_auth(&self) -> Result<(), Refusal> {
        match self.cert.extended_key_usage() {
            Ok(None) => Ok(()),
            Ok(Some(usage)) if usage.value.server_auth => Ok(()),
            _ => Err(Refusal::NoServerAuth),
        }
    }

    fn path_len(&self) -> Option<u32> {
        match self.cert.basic_constraints() {
            Ok(Some(constraints)) => constraints.value.path_len_constraint,
            _ => None,
        }
    }
}

/// Whether rustls-webpki's reader takes it as a leaf or an intermediate (version 3, DER, the
/// extensions it knows, no unknown critical one, the signature algorithm repeated exactly).
fn webpki_reads(der: &[u8]) -> Result<(), Refusal> {
    let der = CertificateDer::from(der);
    webpki::EndEntityCert::try_from(&der)
        .map(|_| ())
        .map_err(|error| Refusal::Unreadable(format!("{error:?}")))
}

/// How well a candidate issuer's key identifier fits the child's authorityKeyIdentifier.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum KeyIdFit {
    Same,
    Unknown,
    Different,
}

/// One validation: the parsed certificates, the caches and the budgets.
struct Search<'a> {
    at: i64,
    max_intermediates: Option<usize>,
    /// The leaf, then the untrusted certificates, then the trusted ones.
    nodes: Vec<Node<'a>>,
    /// Per subject: intermediates and anchors, in the order given.
    intermediates: HashMap<&'a [u8], Vec<usize>>,
    anchors: HashMap<&'a [u8], Vec<usize>>,
    /// Each certificate's own checks as an intermediate or an anchor, once.
    own_checks: RefCell<HashMap<usize, Result<(), Refusal>>>,
    /// Each issuer → child signature, once.
    signatures: RefCell<HashMap<(usize, usize), Result<(), Refusal>>>,
    signatures_left: Cell<usize>,
    candidates_left: Cell<usize>,
    comparisons_left: Cell<usize>,
    /// The most specific refusal so far.
    refusal: RefCell<Refusal>,
}

impl<'a> Search<'a> {
    fn note(&self, refusal: Refusal) {
        let mut best = self.refusal.borrow_mut();
        if refusal.rank() > best.rank() {
            *best = refusal;
        }
    }

    /// The checks of a certificate taken alone, as an intermediate (or as an anchor).
    fn own_checks(&self, index: usize, anchor: bool) -> Result<(), Refusal> {
        if let Some(result) = self.own_checks.borrow().get(&index) {
            return result.clone();
        }
        let node = &self.nodes[index];
        let result = if anchor {
            let der = CertificateDer::from(node.der);
            webpki::anchor_from_trusted_cert(&der)
                .map(|_| ())
                .map_err(|error| Refusal::Unreadable(format!("{error:?}")))
                .and_then(|()| match profile::violation(&node.cert, Position::Root, self.at) {
                    Some(problem) => Err(Refusal::Profile(problem)),
                    None => Ok(()),
                })
        } else {
            self.intermediate_checks(node)
        };
        self.own_checks.borrow_mut().insert(index, result.clone());
        result
    }

    fn intermediate_checks(&self, node: &Node<'_>) -> Result<(), Refusal> {
        webpki_reads(node.der)?;
        node.validity(self.at)?;
        if !node.cert.is_ca() {
            return Err(Refusal::NotCa);
        }
        node.server_auth()?;
        if let Ok(Some(usage)) = node.cert.key_usage() {
            if !usage.value.key_cert_sign() {
                return Err(Refusal::NoKeyCertSign);
            }
        }
        match profile::violation(&node.cert, Position::Intermediate, self.at) {
            Some(problem) => Err(Refusal::Profile(problem)),
            None => Ok(()),
        }
    }

    /// `child`'s signature verified with `issuer`'s key, under the WebPKI algorithm set.
    fn signed(&self, child: usize, issuer: usize) -> Result<(), Refusal> {
        if let Some(result) = self.signatures.borrow().get(&(child, issuer)) {
            return result.clone();
        }
        let (child_node, issuer_node) = (&self.nodes[child], &self.nodes[issuer]);
        let mut result = Err(Refusal::UnsupportedAlgorithm);
        for algorithm in
            ALGORITHMS.iter().filter(|alg| alg.signature.as_ref() == child_node.signature_algorithm)
        {
            if algorithm.public_key.as_ref() != issuer_node.key_algorithm {
                result = Err(Refusal::AlgorithmForKey);
                continue;
            }
            let left = self.signatures_left.get();
            if left == 0 {
                return Err(Refusal::Limit("too many signatures to verify"));
            }
            self.signatures_left.set(left - 1);
            result = algorithm
                .verify_signature(issuer_node.public_key, child_node.tbs, child_node.signature)
                .map_err(|_| Refusal::BadSignature);
            break;
        }
        self.signatures.borrow_mut().insert((child, issuer), result.clone());
        result
    }

    /// The name constraints of `ca` over every certificate below it on `path` (a self-issued
    /// intermediate's own names excepted, RFC 5280 6.1.3 (b)).
    fn constraints_allow(&self, ca: usize, path: &[usize]) -> Result<(), Refusal> {
        let Some(constraints) = &self.nodes[ca].constraints else { return Ok(()) };
        let constraints =
            constraints.as_ref().map_err(|problem| Refusal::NameConstraints(*problem))?;
        if constraints.is_empty() {
            return Ok(());
        }
        let below: Vec<&Node<'_>> = path
            .iter()
            .enumerate()
            .filter(|(position, index)| *position == 0 || !self.nodes[**index].self_issued)
            .map(|(_, index)| &self.nodes[*index])
            .collect();
        // Every name meets every subtree: counted (and refused over the limit) before comparing.
        let names: usize =
            below.iter().map(|node| node.names.as_ref().map_or(1, Vec::len) + 1).sum();
        let comparisons = names.saturating_mul(constraints.len());
        let left = self.comparisons_left.get();
        if comparisons > left {
            return Err(Refusal::NameConstraints(name_constraints::Problem::TooManyComparisons));
        }
        self.comparisons_left.set(left - comparisons);
        for node in below {
            let names =
                node.names.as_ref().map_err(|problem| Refusal::NameConstraints(*problem))?;
            constraints.check(node.subject_rdns(), names).map_err(Refusal::NameConstraints)?;
        }
        Ok(())
    }

    /// Intermediates on `path` that count against a pathLenConstraint above them.
    fn counted(&self, path: &[usize]) -> usize {
        path.iter().skip(1).filter(|index| !self.nodes[**index].self_issued).count()
    }

    fn within_max(&self, counted: usize) -> Result<(), Refusal> {
        match self.max_intermediates {
            Some(max) if counted > max => Err(Refusal::TooManyIntermediates { counted, max }),
            _ => Ok(()),
        }
    }

    /// Whether the trust anchor `anchor` completes `path`.
    fn completes(&self, path: &[usize], anchor: usize) -> Result<(), Refusal> {
        self.own_checks(anchor, true)?;
        self.within_max(self.counted(path))?;
        self.constraints_allow(anchor, path)?;
        self.signed(*path.last().unwrap_or(&0), anchor)
    }

    /// Whether the intermediate `issuer` may extend `path`.
    fn extends(&self, path: &[usize], issuer: usize) -> Result<(), Refusal> {
        self.own_checks(issuer, false)?;
        let below = self.counted(path);
        if let Some(allowed) = self.nodes[issuer].path_len() {
            if below > allowed as usize {
                return Err(Refusal::PathLen { allowed, below });
            }
        }
        self.within_max(below + usize::from(!self.nodes[issuer].self_issued))?;
        self.constraints_allow(issuer, path)?;
        self.signed(*path.last().unwrap_or(&0), issuer)
    }

    /// Candidate issuers of `child` among `pool`: by subject, those whose key identifier matches
    /// first; those whose key identifier differs are left out.
    fn candidates(&self, pool: &HashMap<&'a [u8], Vec<usize>>, child: usize) -> Vec<usize> {
        let node = &self.nodes[child];
        let Some(found) = pool.get(node.issuer) else { return Vec::new() };
        let fit = |index: &usize| match (node.authority_key_id, self.nodes[*index].key_id) {
            (Some(wanted), Some(key_id)) if wanted == key_id => KeyIdFit::Same,
            (Some(_), Some(_)) => KeyIdFit::Different,
            _ => KeyIdFit::Unknown,
        };
        let mut found: Vec<usize> =
            found.iter().copied().filter(|index| fit(index) != KeyIdFit::Different).collect();
        found.sort_by_key(fit);
        found
    }

    /// Depth-first search from `path` (leaf first) to a trust anchor; the anchor when found.
    fn search(&self, path: &mut Vec<usize>) -> Result<Option<usize>, Refusal> {
        let head = *path.last().unwrap_or(&0);
        for anchor in self.candidates(&self.anchors, head) {
            match self.completes(path, anchor) {
                Ok(()) => return Ok(Some(anchor)),
                Err(refusal) if refusal.is_fatal() => return Err(refusal),
                Err(refusal) => self.note(refusal),
            }
        }
        for issuer in self.candidates(&self.intermediates, head) {
            let node = &self.nodes[issuer];
            // No certificate twice (RFC 4158 5.2): same subject and key as one on the path.
            if path.iter().any(|index| {
                self.nodes[*index].subject == node.subject && self.nodes[*index].spki == node.spki
            }) {
                continue;
            }
            if path.len() > MAX_INTERMEDIATES {
                self.note(Refusal::TooDeep);
                continue;
            }
            let left = self.candidates_left.get();
            if left == 0 {
                return Err(Refusal::Limit("too many candidate issuers"));
            }
            self.candidates_left.set(left - 1);
            match self.extends(path, issuer) {
                Ok(()) => {}
                Err(refusal) if refusal.is_fatal() => return Err(refusal),
                Err(refusal) => {
                    self.note(refusal);
                    continue;
                }
            }
            path.push(issuer);
            if let Some(anchor) = self.search(path)? {
                return Ok(Some(anchor));
            }
            path.pop();
        }
        Ok(None)
    }
}

/// The checks of the leaf alone.
fn leaf_checks(leaf: &Node<'_>, at: i64) -> Result<(), Refusal> {
    webpki_reads(leaf.der)?;
    leaf.validity(at)?;
    leaf.server_auth()?;
    if !ALGORITHMS.iter().any(|algorithm| algorithm.public_key.as_ref() == leaf.key_algorithm) {
        let key = crate::x509::key::public_key_info(&leaf.cert.tbs_certificate.subject_pki);
        return Err(Refusal::LeafKey(key.summary));
    }
    match profile::violation(&leaf.cert, Position::Leaf, at) {
        Some(problem) => Err(Refusal::Profile(problem)),
        None => Ok(()),
    }
}

/// Validate `request.leaf` for TLS server use, WebPKI style.
pub fn verify(request: &Request<'_>) -> Verdict {
    let invalid = |refusal: Refusal, chain: Vec<PathEntry>| Verdict {
        valid: false,
        chain,
        reason: refusal.sentence(),
    };
    let leaf = match Node::parse(request.leaf) {
        Ok(leaf) => leaf,
        Err(refusal) => return invalid(refusal, Vec::new()),
    };
    if let Err(refusal) = leaf_checks(&leaf, request.at) {
        return invalid(refusal, vec![entry(request.leaf)]);
    }
    let mut nodes = vec![leaf];
    let mut intermediates: HashMap<&[u8], Vec<usize>> = HashMap::new();
    let mut anchors: HashMap<&[u8], Vec<usize>> = HashMap::new();
    let mut unreadable = None;
    for (ders, pool) in [(request.untrusted, &mut intermediates), (request.trusted, &mut anchors)] {
        for der in ders {
            match Node::parse(der) {
                Ok(node) => {
                    pool.entry(node.subject).or_default().push(nodes.len());
                    nodes.push(node);
                }
                Err(refusal) => unreadable = Some(refusal),
            }
        }
    }
    let search = Search {
        at: request.at,
        max_intermediates: request.max_intermediates,
        nodes,
        intermediates,
        anchors,
        own_checks: RefCell::default(),
        signatures: RefCell::default(),
        signatures_left: Cell::new(MAX_SIGNATURE_CHECKS),
        candidates_left: Cell::new(MAX_CANDIDATES_TRIED),
        comparisons_left: Cell::new(name_constraints::MAX_NAME_COMPARISONS),
        refusal: RefCell::new(unreadable.unwrap_or(Refusal::UnknownIssuer)),
    };
    let mut path = vec![0];
    let anchor = match search.search(&mut path) {
        Ok(Some(anchor)) => anchor,
        Ok(None) => return invalid(search.refusal.into_inner(), Vec::new()),
        Err(refusal) => return invalid(refusal, Vec::new()),
    };
    path.push(anchor);
    let chain: Vec<PathEntry> = path.iter().map(|index| entry(search.nodes[*index].der)).collect();
    if let Some(host) = request.host {
        let name = match ServerName::try_from(host.trim()) {
            Ok(name) => name,
            Err(_) => {
                let reason = format!("{host:?} is neither a DNS name nor an IP address");
                return Verdict { valid: false, chain, reason };
            }
        };
        let leaf_der = CertificateDer::from(request.leaf);
        let matched = webpki::EndEntityCert::try_from(&leaf_der)
            .and_then(|leaf| leaf.verify_is_valid_for_subject_name(&name));
        if let Err(error) = matched {
            let reason = format!(
                "the certificate does not name the host (subjectAltName; the CN is not used) ({error:?})"
            );
            return Verdict { valid: false, chain, reason };
        }
        if let Some(wildcard) = wildcard_over_public_suffix(request.leaf, host.trim()) {
            let reason = format!(
                "the certificate names the host only through {wildcard:?}, a wildcard over a public suffix (Public Suffix List, ICANN section), which Chromium refuses"
            );
            return Verdict { valid: false, chain, reason };
        }
    }
    Verdict { valid: true, chain, reason: String::new() }
}

/// The wildcard dNSName through which alone `host` matches `leaf`, when what follows its `*.` is
/// a public suffix of the Public Suffix List's ICANN section; `None` when the host matches a
/// name exactly, or through a wildcard over a registrable domain.
///
/// Chromium's `X509Certificate::VerifyHostname` (net/cert/x509_certificate.cc): "Do not allow
/// wildcards for public/ICANN registry controlled domains - that is, prevent *.com or *.co.uk
/// as valid presented names, but do not prevent *.appspot.com (a private registry controlled
/// domain)." Only called once webpki has matched the host, so the names are well-formed.
pub fn wildcard_over_public_suffix(leaf: &[u8], host: &str) -> Option<String> {
    use psl::Psl;
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let (_, parent) = host.split_once('.')?;
    let (_, certificate) = X509Certificate::from_der(leaf).ok()?;
    let names: Vec<String> = certificate
        .subject_alternative_name()
        .ok()
        .flatten()
        .map(|san| {
            san.value
                .general_names
                .iter()
                .filter_map(|name| match name {
                    x509_parser::extensions::GeneralName::DNSName(dns) => {
                        Some(dns.trim_end_matches('.').to_ascii_lowercase())
                    }
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    if names.contains(&host) {
        return None;
    }
    let wildcard = names.into_iter().find(|name| name.strip_prefix("*.") == Some(parent))?;
    let suffix = psl::List.suffix(parent.as_bytes())?;
    let whole = suffix.as_bytes() == parent.as_bytes();
    (whole && suffix.is_known() && suffix.typ() == Some(psl::Type::Icann)).then_some(wildcard)
}

/// The DER certificates in one input (PEM, DER or PKCS#7), and a message for anything else in it.
pub fn certificates_in(input: &crate::Input) -> (Vec<Vec<u8>>, Vec<String>) {
    let ingested = crate::input::ingest(std::slice::from_ref(input));
    let mut certificates = Vec::new();
    let mut problems = Vec::new();
    for found in ingested.objects {
        match found.object {
            crate::input::Object::Certificate(der) => certificates.push(der),
            crate::input::Object::Garbage(error) => {
                problems.push(format!("{}: {error}", found.origin.describe()))
            }
            _ => problems.push(format!("{}: not a certificate, ignored", found.origin.describe())),
        }
    }
    if let Some(error) = ingested.truncated {
        problems.push(error.to_string());
    }
    (certificates, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_algorithm_pairs_a_key_and_a_signature_id() {
        for algorithm in &ALGORITHMS {
            assert!(!algorithm.public_key_alg_id().as_ref().is_empty());
            assert!(!algorithm.signature_alg_id().as_ref().is_empty());
        }
    }
}
