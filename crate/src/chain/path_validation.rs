//! WebPKI path validation of one server certificate: the verdict of `certcheck verify`, given by
//! rustls-webpki (the reference implementation of these rules) with RustCrypto doing the signature
//! arithmetic, so the verdict can be compared with other validators on public test suites.
//!
//! The chain explanations the page shows (which certificate is missing, the right order, the
//! upload plan) come from [`crate::chain`]; this module only answers "valid or not, and why".

use pki_types::alg_id::{self, AlgorithmIdentifier};
use pki_types::{
    CertificateDer, InvalidSignature, ServerName, SignatureVerificationAlgorithm, UnixTime,
};
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::traits::PublicKeyParts;
use std::cell::RefCell;

use serde::Serialize;

use crate::chain::profile::{self, Position};
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

fn algorithms() -> Vec<&'static dyn SignatureVerificationAlgorithm> {
    ALGORITHMS.iter().map(|algorithm| algorithm as &dyn SignatureVerificationAlgorithm).collect()
}

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

impl Verdict {
    fn invalid(reason: impl Into<String>) -> Self {
        Verdict { valid: false, chain: Vec::new(), reason: reason.into() }
    }
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

/// Validate `request.leaf` for TLS server use, WebPKI style.
pub fn verify(request: &Request<'_>) -> Verdict {
    let (verdict, _) = verify_with(request, Position::Root);
    if verdict.valid {
        return verdict;
    }
    self_issued_fallback(request).unwrap_or(verdict)
}

/// rustls-webpki's verdict plus the profile checks; `anchor_position` is how the trust anchor's
/// own profile is judged. Returns the path's certificates (leaf first, anchor last) when valid.
fn verify_with(request: &Request<'_>, anchor_position: Position) -> (Verdict, Vec<Vec<u8>>) {
    let leaf_der = CertificateDer::from(request.leaf);
    let leaf = match webpki::EndEntityCert::try_from(&leaf_der) {
        Ok(leaf) => leaf,
        Err(error) => {
            return (
                Verdict::invalid(explain(&error, "the leaf certificate cannot be parsed")),
                Vec::new(),
            )
        }
    };
    if let Some(problem) = profile::violation(request.leaf, Position::Leaf, request.at) {
        return (
            Verdict { valid: false, chain: vec![entry(request.leaf)], reason: problem },
            Vec::new(),
        );
    }
    let trusted: Vec<CertificateDer<'_>> =
        request.trusted.iter().map(|der| CertificateDer::from(der.as_slice())).collect();
    // Each readable anchor with its certificate, so the root's own profile can be checked.
    let mut anchors = Vec::new();
    let mut anchor_ders = Vec::new();
    for der in &trusted {
        if let Ok(anchor) = webpki::anchor_from_trusted_cert(der) {
            anchors.push(anchor);
            anchor_ders.push(der.as_ref());
        }
    }
    let untrusted: Vec<CertificateDer<'_>> =
        request.untrusted.iter().map(|der| CertificateDer::from(der.as_slice())).collect();
    let Ok(seconds) = u64::try_from(request.at) else {
        return (Verdict::invalid("the validation time is before 1970"), Vec::new());
    };
    let time = UnixTime::since_unix_epoch(std::time::Duration::from_secs(seconds));
    // Why the last path webpki offered was refused here; webpki then tries the next one.
    let refused: RefCell<Option<String>> = RefCell::new(None);
    let anchor_der = |path: &webpki::VerifiedPath<'_>| -> Option<&[u8]> {
        let anchor = path.anchor();
        anchors
            .iter()
            .zip(&anchor_ders)
            .find(|(candidate, _)| {
                candidate.subject == anchor.subject
                    && candidate.subject_public_key_info == anchor.subject_public_key_info
            })
            .map(|(_, der)| *der)
    };
    let path_check = |path: &webpki::VerifiedPath<'_>| -> Result<(), webpki::Error> {
        let refuse = |reason: String| {
            *refused.borrow_mut() = Some(reason);
            Err(webpki::Error::UnknownIssuer)
        };
        if let Some(max) = request.max_intermediates {
            let counted = path
                .intermediate_certificates()
                .filter(|cert| cert.issuer() != cert.subject())
                .count();
            if counted > max {
                return refuse(format!(
                    "the path has {counted} intermediates; at most {max} are allowed"
                ));
            }
        }
        for cert in path.intermediate_certificates() {
            if let Some(problem) =
                profile::violation(&cert.der(), Position::Intermediate, request.at)
            {
                return refuse(problem);
            }
        }
        if let Some(der) = anchor_der(path) {
            if let Some(problem) = profile::violation(der, anchor_position, request.at) {
                return refuse(problem);
            }
        }
        Ok(())
    };
    let algorithms = algorithms();
    let path = leaf.verify_for_usage(
        &algorithms,
        &anchors,
        &untrusted,
        time,
        webpki::KeyUsage::server_auth(),
        None,
        Some(&path_check),
    );
    let path = match path {
        Ok(path) => path,
        Err(error) => {
            let reason = match refused.borrow_mut().take() {
                Some(reason) => reason,
                None => explain(&error, "no valid path to a trusted certificate"),
            };
            return (Verdict::invalid(reason), Vec::new());
        }
    };
    let mut ders = vec![request.leaf.to_vec()];
    ders.extend(path.intermediate_certificates().map(|cert| cert.der().to_vec()));
    ders.extend(anchor_der(&path).map(<[u8]>::to_vec));
    let chain: Vec<PathEntry> = ders.iter().map(|der| entry(der)).collect();
    if let Some(host) = request.host {
        let name = match ServerName::try_from(host.trim()) {
            Ok(name) => name,
            Err(_) => {
                let reason = format!("{host:?} is neither a DNS name nor an IP address");
                return (Verdict { valid: false, chain, reason }, ders);
            }
        };
        if let Err(error) = leaf.verify_is_valid_for_subject_name(&name) {
            let reason = explain(&error, "the certificate is not valid for the name");
            return (Verdict { valid: false, chain, reason }, ders);
        }
    }
    (Verdict { valid: true, chain, reason: String::new() }, ders)
}

/// RFC 5280 4.2.1.9: self-issued intermediates (a CA's new key certified by its old one, as CA
/// renewals with a new key make) do not count against pathLenConstraint, but rustls-webpki counts
/// them. When webpki refuses, each self-issued intermediate X is tried as a split point: webpki
/// validates the leaf up to X (taken as the anchor of that part), and the part above X — X's
/// issuers up to a trusted certificate — is checked here: signatures, validity, cA, keyCertSign,
/// serverAuth, pathLenConstraint counting only non-self-issued intermediates, name constraints on
/// the leaf's names, and the certificate profile.
fn self_issued_fallback(request: &Request<'_>) -> Option<Verdict> {
    let self_issued = |der: &[u8]| Certificate::parse(der).is_ok_and(|cert| cert.info.self_issued);
    for (index, split) in request.untrusted.iter().enumerate() {
        if !self_issued(split) {
            continue;
        }
        let others: Vec<Vec<u8>> = request
            .untrusted
            .iter()
            .enumerate()
            .filter(|(other, _)| *other != index)
            .map(|(_, der)| der.clone())
            .collect();
        let lower =
            Request { trusted: std::slice::from_ref(split), untrusted: &others, ..*request };
        let (verdict, path) = verify_with(&lower, Position::Intermediate);
        if !verdict.valid {
            continue;
        }
        // Non-self-issued intermediates strictly between the leaf and X.
        let below = path
            .iter()
            .skip(1)
            .take(path.len().saturating_sub(2))
            .filter(|der| !self_issued(der))
            .count();
        let names = profile::names(request.leaf);
        let mut upper = Vec::new();
        let mut visits = 0;
        if climb(request, split, below, &names, &mut upper, 0, &mut visits) {
            let mut chain = verdict.chain;
            chain.extend(upper.iter().map(|der| entry(der)));
            return Some(Verdict { valid: true, chain, reason: String::new() });
        }
    }
    None
}

/// Most certificates above a split point tried before giving up.
const MAX_UPPER_DEPTH: usize = 8;
/// Most certificates visited above one split point (same-named copies must not explode the search).
const MAX_UPPER_VISITS: usize = 64;

/// Check `cert` as an intermediate with `below` counted intermediates under it, then find an
/// issuer for it among the trusted (done) or untrusted (climb on) certificates. `upper` receives
/// the certificates above `cert`, anchor last.
fn climb(
    request: &Request<'_>,
    cert_der: &[u8],
    below: usize,
    names: &profile::Names,
    upper: &mut Vec<Vec<u8>>,
    depth: usize,
    visits: &mut usize,
) -> bool {
    *visits += 1;
    let Ok(cert) = Certificate::parse(cert_der) else { return false };
    let info = &cert.info;
    let at = request.at;
    let path_len_ok = info
        .basic_constraints
        .as_ref()
        .is_some_and(|bc| bc.ca && bc.path_len.is_none_or(|len| below <= len as usize));
    let key_usage_ok = info
        .key_usage
        .as_ref()
        .is_none_or(|usages| usages.iter().any(|usage| usage == "keyCertSign"));
    let eku_ok = info
        .extended_key_usage
        .as_ref()
        .is_none_or(|usages| usages.iter().any(|usage| usage == "serverAuth"));
    let counted = below + usize::from(!info.self_issued);
    if depth > MAX_UPPER_DEPTH
        || request.max_intermediates.is_some_and(|max| counted > max)
        || *visits > MAX_UPPER_VISITS
        || at < info.validity.not_before_unix
        || at > info.validity.not_after_unix
        || !path_len_ok
        || !key_usage_ok
        || !eku_ok
        || profile::violation(cert_der, Position::Intermediate, at).is_some()
        || !profile::constraints_allow(cert_der, names)
    {
        return false;
    }
    let next_below = if info.self_issued { below } else { below + 1 };
    let issued_by = |issuer_der: &[u8]| {
        Certificate::parse(issuer_der).is_ok_and(|issuer| {
            issuer.subject_raw == cert.issuer_raw
                && issuer_der != cert_der
                && webpki_signature_ok(&cert, &issuer)
        })
    };
    for anchor in request.trusted {
        if issued_by(anchor)
            && profile::violation(anchor, Position::Root, at).is_none()
            && profile::constraints_allow(anchor, names)
        {
            upper.push(anchor.clone());
            return true;
        }
    }
    for issuer in request.untrusted {
        if upper.iter().any(|seen| seen == issuer) || !issued_by(issuer) {
            continue;
        }
        upper.push(issuer.clone());
        if climb(request, issuer, next_below, names, upper, depth + 1, visits) {
            return true;
        }
        upper.pop();
    }
    false
}

/// The signature of `cert` verifies with `issuer`'s key, within the WebPKI algorithm set (no
/// SHA-1, RSA 2048..8192 bits in whole bytes, P-256/P-384/P-521, Ed25519).
fn webpki_signature_ok(cert: &Certificate, issuer: &Certificate) -> bool {
    use crate::x509::key::KeyAlgorithm;
    use crate::x509::verify::SignatureAlgorithm;
    let key = &issuer.info.public_key;
    let key_ok = match &key.algorithm {
        KeyAlgorithm::Rsa => rsa_size_ok(key.bits, 2048),
        KeyAlgorithm::Ec { curve } => matches!(curve.as_str(), "P-256" | "P-384" | "P-521"),
        KeyAlgorithm::Ed25519 => true,
        _ => false,
    };
    let hash_ok = match SignatureAlgorithm::from_oid(&cert.signature_oid) {
        SignatureAlgorithm::Ed25519 => true,
        // PSS with SHA-256/384/512 only, as webpki: the parameters name the hash.
        SignatureAlgorithm::RsaPss => cert.signature_params.as_deref().is_some_and(|params| {
            // id-sha256, id-sha384, id-sha512 (2.16.840.1.101.3.4.2.1-3) inside RSASSA-PSS-params.
            [1u8, 2, 3].iter().any(|last| {
                let oid = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, *last];
                params.windows(oid.len()).any(|window| window == oid)
            })
        }),
        other => matches!(other.hash(), Some(Hash::Sha256 | Hash::Sha384 | Hash::Sha512)),
    };
    key_ok && hash_ok && cert.verify_signed_by(issuer).is_ok()
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

/// A plain sentence for a WebPKI error, with its name in brackets for people comparing tools.
fn explain(error: &webpki::Error, fallback: &str) -> String {
    use webpki::Error::*;
    let text = match error {
        UnknownIssuer => "no issuer of the certificate (or of one of its issuers) is among the trusted and untrusted certificates",
        InvalidSignatureForPublicKey => "a signature does not verify with the issuer's public key",
        UnsupportedSignatureAlgorithmContext(_) => {
            "a signature algorithm (or key type or size) is not accepted"
        }
        UnsupportedSignatureAlgorithmForPublicKeyContext(_) => {
            "a signature algorithm does not fit the issuer's key (or the key is too weak)"
        }
        CertExpired { .. } => "a certificate of the path has expired at the validation time",
        CertNotValidYet { .. } => "a certificate of the path is not valid yet at the validation time",
        CaUsedAsEndEntity => "the leaf is a CA certificate",
        EndEntityUsedAsCa => "a certificate used as an issuer is not a CA (basicConstraints cA is false or absent)",
        PathLenConstraintViolated => "an issuer's pathLenConstraint allows fewer intermediates below it",
        MaximumPathDepthExceeded => "the path has more intermediates than allowed",
        RequiredEkuNotFoundContext(_) => "the extendedKeyUsage does not allow TLS server use (serverAuth)",
        NameConstraintViolation => "a name violates an issuer's name constraints",
        CertNotValidForName(_) => "the certificate does not name the host (subjectAltName; the CN is not used)",
        UnsupportedCriticalExtension => "a certificate has a critical extension the validator does not know",
        UnsupportedCertVersion => "a certificate is not version 3",
        BadDer | BadDerTime | TrailingData(_) => "a certificate's encoding is invalid",
        ExtensionValueInvalid => "an extension's value is invalid",
        IssuerNotCrlSigner => "an issuer may not sign this",
        MaximumSignatureChecksExceeded | MaximumPathBuildCallsExceeded => {
            "path building gave up: too many candidate paths"
        }
        InvalidCertValidity => "a certificate's notBefore is after its notAfter",
        UnsupportedNameType => "a name type is not supported",
        MalformedExtensions => "a certificate's extensions are malformed",
        _ => fallback,
    };
    format!("{text} ({error:?})")
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
