//! Signature verification with pure-Rust crates that build for wasm32 (RustCrypto).
//!
//! Supported: RSA PKCS#1 v1.5 with SHA-1/224/256/384/512, RSA-PSS (SHA-1/256/384/512), ECDSA on
//! P-256, P-384 and P-521 with SHA-1/256/384/512, Ed25519. Anything else is [`SignatureError::Unsupported`],
//! never treated as valid.

use crate::i18n::{fill, phrase, Lang};
use crate::x509::key::KeyAlgorithm;

/// Why a signature did not verify.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignatureError {
    /// The algorithm (or key type) is not one we can verify; the name says which.
    Unsupported(String),
    /// The signer's key is damaged.
    BadKey,
    /// The signature does not match.
    Invalid,
    /// This build has no verifier for it (the page's first module, when WebCrypto did not accept
    /// it): undecided, never valid; the full module decides.
    NoVerifier,
}

impl SignatureError {
    /// Why, in `lang` (the algorithm name stays as it is).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SignatureError::Invalid => phrase("signature.invalid", lang).to_string(),
            SignatureError::BadKey => phrase("signature.bad_key", lang).to_string(),
            SignatureError::Unsupported(name) => {
                fill(phrase("signature.unsupported", lang), &[("algorithm", name.clone())])
            }
            SignatureError::NoVerifier => {
                fill(phrase("signature.unsupported", lang), &[("algorithm", "-".to_string())])
            }
        }
    }
}

/// Hash functions used by signatures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hash {
    /// SHA-1 (weak).
    Sha1,
    /// SHA-224.
    Sha224,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// MD5 or MD2 (broken).
    Md5,
}

/// A signature algorithm, as named by its OID.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureAlgorithm {
    /// RSA PKCS#1 v1.5.
    RsaPkcs1(Hash),
    /// RSA-PSS; the hash comes from the parameters.
    RsaPss,
    /// ECDSA.
    Ecdsa(Hash),
    /// Ed25519.
    Ed25519,
    /// Something else.
    Other,
}

impl SignatureAlgorithm {
    /// Map a dotted OID string to an algorithm.
    pub fn from_oid(oid: &str) -> Self {
        use Hash::*;
        match oid {
            "1.2.840.113549.1.1.4" | "1.2.840.113549.1.1.2" => Self::RsaPkcs1(Md5),
            "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" => Self::RsaPkcs1(Sha1),
            "1.2.840.113549.1.1.14" => Self::RsaPkcs1(Sha224),
            "1.2.840.113549.1.1.11" => Self::RsaPkcs1(Sha256),
            "1.2.840.113549.1.1.12" => Self::RsaPkcs1(Sha384),
            "1.2.840.113549.1.1.13" => Self::RsaPkcs1(Sha512),
            "1.2.840.113549.1.1.10" => Self::RsaPss,
            "1.2.840.10045.4.1" => Self::Ecdsa(Sha1),
            "1.2.840.10045.4.3.1" => Self::Ecdsa(Sha224),
            "1.2.840.10045.4.3.2" => Self::Ecdsa(Sha256),
            "1.2.840.10045.4.3.3" => Self::Ecdsa(Sha384),
            "1.2.840.10045.4.3.4" => Self::Ecdsa(Sha512),
            "1.3.101.112" => Self::Ed25519,
            _ => Self::Other,
        }
    }

    /// A readable name such as `sha256WithRSAEncryption`.
    pub fn name(oid: &str) -> String {
        match oid {
            "1.2.840.113549.1.1.2" => "md2WithRSAEncryption",
            "1.2.840.113549.1.1.4" => "md5WithRSAEncryption",
            "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" => "sha1WithRSAEncryption",
            "1.2.840.113549.1.1.14" => "sha224WithRSAEncryption",
            "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
            "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
            "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
            "1.2.840.113549.1.1.10" => "rsassaPss",
            "1.2.840.10045.4.1" => "ecdsa-with-SHA1",
            "1.2.840.10045.4.3.1" => "ecdsa-with-SHA224",
            "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
            "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
            "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
            "1.3.101.112" => "Ed25519",
            "1.3.101.113" => "Ed448",
            "1.2.840.10040.4.3" => "dsa-with-SHA1",
            "2.16.840.1.101.3.4.3.2" => "dsa-with-SHA256",
            other => return other.to_string(),
        }
        .to_string()
    }

    /// The hash, when the OID alone fixes it.
    pub fn hash(self) -> Option<Hash> {
        match self {
            Self::RsaPkcs1(hash) | Self::Ecdsa(hash) => Some(hash),
            _ => None,
        }
    }
}

/// What is needed to check one signature.
pub struct SignedData<'a> {
    /// The signed bytes (TBSCertificate or CertificationRequestInfo).
    pub message: &'a [u8],
    /// Dotted OID of the signature algorithm.
    pub algorithm_oid: &'a str,
    /// DER of the algorithm parameters, if any (RSA-PSS needs them).
    pub algorithm_params: Option<&'a [u8]>,
    /// The signature bits.
    pub signature: &'a [u8],
}

/// A signer's public key.
pub struct SignerKey<'a> {
    /// The key's algorithm and curve.
    pub algorithm: &'a KeyAlgorithm,
    /// The subjectPublicKey bits (PKCS#1 RSAPublicKey, SEC1 point, or Ed25519 bytes).
    pub public_key_bytes: &'a [u8],
}

/// A verification scheme: algorithm, hash and (for ECDSA) curve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// RSA PKCS#1 v1.5 with this hash.
    RsaPkcs1(Hash),
    /// RSA-PSS with this hash (MGF1 with the same hash; salt length read from the signature).
    RsaPss(Hash),
    /// ECDSA on P-256, DER signature.
    EcdsaP256(Hash),
    /// ECDSA on P-384, DER signature.
    EcdsaP384(Hash),
    /// ECDSA on P-521, DER signature.
    EcdsaP521(Hash),
    /// Ed25519.
    Ed25519,
}

/// A signature described for a platform verifier (the browser's WebCrypto), which may check it
/// first. Only an acceptance counts: a signature the platform refuses, or cannot check, is decided
/// by [`verify`], so verdicts never depend on the platform.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// WebCrypto's algorithm name: `RSASSA-PKCS1-v1_5`, `ECDSA` or `Ed25519`.
    pub algorithm: &'static str,
    /// `SHA-1`, `SHA-256`, `SHA-384` or `SHA-512`; none for Ed25519.
    pub hash: Option<&'static str>,
    /// `P-256`, `P-384` or `P-521` for ECDSA.
    pub curve: Option<&'static str>,
    /// The signer's SubjectPublicKeyInfo (DER).
    pub spki: Vec<u8>,
    /// The signed bytes.
    pub data: Vec<u8>,
    /// The signature; ECDSA as r‖s (IEEE P1363), the form WebCrypto takes.
    pub signature: Vec<u8>,
}

/// The [`Request`] for a signature, when WebCrypto has its scheme (RSA PKCS#1 v1.5 and ECDSA with
/// SHA-1/256/384/512, Ed25519); none otherwise (RSA-PSS, SHA-224, MD5, other keys), and none for a
/// malformed ECDSA signature: [`verify`] decides those.
pub fn request(data: &SignedData<'_>, key: &SignerKey<'_>, spki: &[u8]) -> Option<Request> {
    let hash_name = |hash: Hash| match hash {
        Hash::Sha1 => Some("SHA-1"),
        Hash::Sha256 => Some("SHA-256"),
        Hash::Sha384 => Some("SHA-384"),
        Hash::Sha512 => Some("SHA-512"),
        Hash::Sha224 | Hash::Md5 => None,
    };
    let (algorithm, hash, curve, signature) =
        match (SignatureAlgorithm::from_oid(data.algorithm_oid), key.algorithm) {
            (SignatureAlgorithm::RsaPkcs1(hash), KeyAlgorithm::Rsa) => {
                ("RSASSA-PKCS1-v1_5", Some(hash_name(hash)?), None, data.signature.to_vec())
            }
            (SignatureAlgorithm::Ecdsa(hash), KeyAlgorithm::Ec { curve }) => {
                let (curve, size) = match curve.as_str() {
                    "P-256" => ("P-256", 32),
                    "P-384" => ("P-384", 48),
                    "P-521" => ("P-521", 66),
                    _ => return None,
                };
                ("ECDSA", Some(hash_name(hash)?), Some(curve), ecdsa_raw(data.signature, size)?)
            }
            (SignatureAlgorithm::Ed25519, KeyAlgorithm::Ed25519) => {
                ("Ed25519", None, None, data.signature.to_vec())
            }
            _ => return None,
        };
    Some(Request {
        algorithm,
        hash,
        curve,
        spki: spki.to_vec(),
        data: data.message.to_vec(),
        signature,
    })
}

/// An ECDSA signature from DER (`SEQUENCE { INTEGER r, INTEGER s }`) to r‖s, each `size` bytes;
/// none when it is not exactly that DER (then [`verify`] decides, as for any odd signature).
fn ecdsa_raw(der: &[u8], size: usize) -> Option<Vec<u8>> {
    fn length(bytes: &[u8]) -> Option<(usize, &[u8])> {
        let (&first, rest) = bytes.split_first()?;
        match first {
            0..=0x7f => Some((first as usize, rest)),
            0x81 => {
                let (&value, rest) = rest.split_first()?;
                (value >= 0x80).then_some((value as usize, rest))
            }
            _ => None,
        }
    }
    fn integer(bytes: &[u8], size: usize) -> Option<(Vec<u8>, &[u8])> {
        let rest = bytes.strip_prefix(&[0x02])?;
        let (len, rest) = length(rest)?;
        if len == 0 || rest.len() < len {
            return None;
        }
        let (value, rest) = rest.split_at(len);
        // Minimal: a leading zero only before a high bit; positive.
        if value[0] & 0x80 != 0 || (len > 1 && value[0] == 0 && value[1] & 0x80 == 0) {
            return None;
        }
        let value = if value[0] == 0 { &value[1..] } else { value };
        if value.len() > size {
            return None;
        }
        let mut out = vec![0; size - value.len()];
        out.extend_from_slice(value);
        Some((out, rest))
    }
    let rest = der.strip_prefix(&[0x30])?;
    let (len, rest) = length(rest)?;
    if rest.len() != len {
        return None;
    }
    let (mut r, rest) = integer(rest, size)?;
    let (s, rest) = integer(rest, size)?;
    if !rest.is_empty() {
        return None;
    }
    r.extend_from_slice(&s);
    Some(r)
}

/// Verify `data` with `key`: a build without the verifiers (the page's first module) decides
/// nothing ([`SignatureError::NoVerifier`]); the full module does.
#[cfg(not(feature = "verifiers"))]
pub fn verify(_data: &SignedData<'_>, _key: &SignerKey<'_>) -> Result<(), SignatureError> {
    Err(SignatureError::NoVerifier)
}

/// Verify `data` with `key`.
#[cfg(feature = "verifiers")]
pub fn verify(data: &SignedData<'_>, key: &SignerKey<'_>) -> Result<(), SignatureError> {
    let algorithm = SignatureAlgorithm::from_oid(data.algorithm_oid);
    let unsupported = || SignatureError::Unsupported(SignatureAlgorithm::name(data.algorithm_oid));
    let scheme = match (algorithm, key.algorithm) {
        (SignatureAlgorithm::RsaPkcs1(hash), KeyAlgorithm::Rsa) => Scheme::RsaPkcs1(hash),
        (SignatureAlgorithm::RsaPss, KeyAlgorithm::Rsa | KeyAlgorithm::RsaPss) => {
            Scheme::RsaPss(pss_hash(data.algorithm_params).ok_or_else(unsupported)?)
        }
        (SignatureAlgorithm::Ecdsa(hash), KeyAlgorithm::Ec { curve }) => match curve.as_str() {
            "P-256" => Scheme::EcdsaP256(hash),
            "P-384" => Scheme::EcdsaP384(hash),
            "P-521" => Scheme::EcdsaP521(hash),
            other => return Err(SignatureError::Unsupported(format!("ECDSA on {other}"))),
        },
        (SignatureAlgorithm::Ed25519, KeyAlgorithm::Ed25519) => Scheme::Ed25519,
        (SignatureAlgorithm::Other, _) => return Err(unsupported()),
        // A known algorithm with a key of another type cannot have made this signature.
        _ => return Err(SignatureError::Invalid),
    };
    verify_scheme(scheme, key.public_key_bytes, data.message, data.signature)
        .ok_or_else(unsupported)?
}

/// Verify `signature` over `message` with the subjectPublicKey bits `public_key_bytes` under `scheme`.
/// `None` when the scheme's hash is not one we verify (MD5/MD2).
#[cfg(feature = "verifiers")]
pub fn verify_scheme(
    scheme: Scheme,
    public_key_bytes: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Option<Result<(), SignatureError>> {
    // Natively, ring first: a signature it accepts is valid. What it refuses (a small RSA key, a
    // curve or hash it lacks, a compressed point, or a bad signature) is decided by the pure-Rust
    // verifiers, so both paths give the same answers.
    #[cfg(not(target_arch = "wasm32"))]
    if fast::verifies(scheme, public_key_bytes, message, signature) {
        return Some(Ok(()));
    }
    pure::verify_scheme(scheme, public_key_bytes, message, signature)
}

/// The pure-Rust verifiers (RustCrypto): the only ones in wasm, the authority natively.
#[cfg(feature = "verifiers")]
mod pure {
    use rsa::pkcs1::DecodeRsaPublicKey;
    use rsa::RsaPublicKey;
    use sha1::Sha1;
    use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};
    use signature::hazmat::PrehashVerifier;

    use super::{Hash, Scheme, SignatureError};

    pub(super) fn verify_scheme(
        scheme: Scheme,
        public_key_bytes: &[u8],
        message: &[u8],
        signature: &[u8],
    ) -> Option<Result<(), SignatureError>> {
        macro_rules! ecdsa {
            ($curve:ident, $hash:expr) => {{
                let digest = digest($hash, message)?;
                let Ok(key) = $curve::ecdsa::VerifyingKey::from_sec1_bytes(public_key_bytes) else {
                    return Some(Err(SignatureError::BadKey));
                };
                let Ok(signature) = $curve::ecdsa::Signature::from_der(signature) else {
                    return Some(Err(SignatureError::Invalid));
                };
                Some(key.verify_prehash(&digest, &signature).map_err(|_| SignatureError::Invalid))
            }};
        }
        match scheme {
            Scheme::RsaPkcs1(hash) => {
                verify_rsa(hash, RsaPadding::Pkcs1v15, message, signature, public_key_bytes)
            }
            Scheme::RsaPss(hash) => {
                verify_rsa(hash, RsaPadding::Pss, message, signature, public_key_bytes)
            }
            Scheme::EcdsaP256(hash) => ecdsa!(p256, hash),
            Scheme::EcdsaP384(hash) => ecdsa!(p384, hash),
            Scheme::EcdsaP521(hash) => ecdsa!(p521, hash),
            Scheme::Ed25519 => {
                let Ok(bytes) = <[u8; 32]>::try_from(public_key_bytes) else {
                    return Some(Err(SignatureError::BadKey));
                };
                let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(&bytes) else {
                    return Some(Err(SignatureError::BadKey));
                };
                let Ok(signature) = ed25519_dalek::Signature::from_slice(signature) else {
                    return Some(Err(SignatureError::Invalid));
                };
                Some(key.verify_strict(message, &signature).map_err(|_| SignatureError::Invalid))
            }
        }
    }

    fn digest(hash: Hash, message: &[u8]) -> Option<Vec<u8>> {
        Some(match hash {
            Hash::Sha1 => Sha1::digest(message).to_vec(),
            Hash::Sha224 => Sha224::digest(message).to_vec(),
            Hash::Sha256 => Sha256::digest(message).to_vec(),
            Hash::Sha384 => Sha384::digest(message).to_vec(),
            Hash::Sha512 => Sha512::digest(message).to_vec(),
            Hash::Md5 => return None,
        })
    }

    /// RSA padding schemes.
    #[derive(Clone, Copy)]
    enum RsaPadding {
        Pkcs1v15,
        Pss,
    }

    fn verify_rsa(
        hash: Hash,
        padding: RsaPadding,
        message: &[u8],
        signature: &[u8],
        public_key_bytes: &[u8],
    ) -> Option<Result<(), SignatureError>> {
        fn run<D>(
            key: &RsaPublicKey,
            padding: RsaPadding,
            hashed: &[u8],
            signature: &[u8],
        ) -> rsa::Result<()>
        where
            D: 'static
                + Digest
                + sha2::digest::DynDigest
                + sha2::digest::const_oid::AssociatedOid
                + Send
                + Sync,
        {
            match padding {
                RsaPadding::Pkcs1v15 => {
                    key.verify(rsa::Pkcs1v15Sign::new::<D>(), hashed, signature)
                }
                RsaPadding::Pss => key.verify(rsa::Pss::new::<D>(), hashed, signature),
            }
        }
        let Ok(key) = RsaPublicKey::from_pkcs1_der(public_key_bytes) else {
            return Some(Err(SignatureError::BadKey));
        };
        let hashed = digest(hash, message)?;
        let outcome = match hash {
            Hash::Sha1 => run::<Sha1>(&key, padding, &hashed, signature),
            Hash::Sha224 => run::<Sha224>(&key, padding, &hashed, signature),
            Hash::Sha256 => run::<Sha256>(&key, padding, &hashed, signature),
            Hash::Sha384 => run::<Sha384>(&key, padding, &hashed, signature),
            Hash::Sha512 => run::<Sha512>(&key, padding, &hashed, signature),
            Hash::Md5 => return None,
        };
        Some(outcome.map_err(|_| SignatureError::Invalid))
    }
}

/// The hash of RSASSA-PSS-params (RFC 4055); absent parameters mean SHA-1.
#[cfg(feature = "verifiers")]
fn pss_hash(params: Option<&[u8]>) -> Option<Hash> {
    use der::asn1::ObjectIdentifier as Oid;
    use der::Decode;

    #[derive(der::Sequence)]
    #[allow(dead_code)]
    struct AlgorithmIdentifier {
        algorithm: Oid,
        parameters: Option<der::Any>,
    }
    #[derive(der::Sequence)]
    #[allow(dead_code)] // Only the hash is needed: the rsa crate reads the salt from the signature.
    struct PssParams {
        #[asn1(context_specific = "0", optional = "true")]
        hash: Option<AlgorithmIdentifier>,
        #[asn1(context_specific = "1", optional = "true")]
        mask: Option<der::Any>,
        #[asn1(context_specific = "2", optional = "true")]
        salt_length: Option<u32>,
        #[asn1(context_specific = "3", optional = "true")]
        trailer: Option<u32>,
    }
    let Some(params) = params else { return Some(Hash::Sha1) };
    let parsed = PssParams::from_der(params).ok()?;
    let Some(hash) = parsed.hash else { return Some(Hash::Sha1) };
    match hash.algorithm.to_string().as_str() {
        "1.3.14.3.2.26" => Some(Hash::Sha1),
        "2.16.840.1.101.3.4.2.4" => Some(Hash::Sha224),
        "2.16.840.1.101.3.4.2.1" => Some(Hash::Sha256),
        "2.16.840.1.101.3.4.2.2" => Some(Hash::Sha384),
        "2.16.840.1.101.3.4.2.3" => Some(Hash::Sha512),
        _ => None,
    }
}

/// ring's verifiers for the schemes it has (native builds only).
#[cfg(all(feature = "verifiers", not(target_arch = "wasm32")))]
mod fast {
    use super::{Hash, Scheme};
    use ring::signature::{self, VerificationAlgorithm};

    fn algorithm(scheme: Scheme) -> Option<&'static dyn VerificationAlgorithm> {
        Some(match scheme {
            Scheme::RsaPkcs1(Hash::Sha1) => {
                &signature::RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY
            }
            Scheme::RsaPkcs1(Hash::Sha256) => &signature::RSA_PKCS1_2048_8192_SHA256,
            Scheme::RsaPkcs1(Hash::Sha384) => &signature::RSA_PKCS1_2048_8192_SHA384,
            Scheme::RsaPkcs1(Hash::Sha512) => &signature::RSA_PKCS1_2048_8192_SHA512,
            Scheme::RsaPss(Hash::Sha256) => &signature::RSA_PSS_2048_8192_SHA256,
            Scheme::RsaPss(Hash::Sha384) => &signature::RSA_PSS_2048_8192_SHA384,
            Scheme::RsaPss(Hash::Sha512) => &signature::RSA_PSS_2048_8192_SHA512,
            Scheme::EcdsaP256(Hash::Sha256) => &signature::ECDSA_P256_SHA256_ASN1,
            Scheme::EcdsaP256(Hash::Sha384) => &signature::ECDSA_P256_SHA384_ASN1,
            Scheme::EcdsaP384(Hash::Sha256) => &signature::ECDSA_P384_SHA256_ASN1,
            Scheme::EcdsaP384(Hash::Sha384) => &signature::ECDSA_P384_SHA384_ASN1,
            Scheme::Ed25519 => &signature::ED25519,
            _ => return None,
        })
    }

    /// Whether ring accepts the signature (false: refused, or a scheme ring does not have).
    pub fn verifies(scheme: Scheme, public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
        algorithm(scheme).is_some_and(|algorithm| {
            signature::UnparsedPublicKey::new(algorithm, public_key)
                .verify(message, signature)
                .is_ok()
        })
    }
}
