//! Public keys: their type, size and fingerprint, as the rules, the ECDSA table and the page show them.

use serde::Serialize;
use sha2::{Digest, Sha256};
use x509_parser::x509::SubjectPublicKeyInfo;

use crate::x509::colon_hex;

/// The type of a public key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type")]
pub enum KeyAlgorithm {
    /// RSA (rsaEncryption).
    #[serde(rename = "RSA")]
    Rsa,
    /// RSA restricted to PSS (id-RSASSA-PSS).
    #[serde(rename = "RSA-PSS")]
    RsaPss,
    /// Elliptic curve (id-ecPublicKey) on a named curve.
    #[serde(rename = "EC")]
    Ec {
        /// `P-256`, `P-384`, `P-521` or the curve OID.
        curve: String,
    },
    /// Ed25519.
    #[serde(rename = "Ed25519")]
    Ed25519,
    /// Ed448.
    #[serde(rename = "Ed448")]
    Ed448,
    /// DSA.
    #[serde(rename = "DSA")]
    Dsa,
    /// Anything else, by OID.
    #[serde(rename = "other")]
    Other {
        /// The algorithm OID.
        oid: String,
    },
}

impl KeyAlgorithm {
    /// True for EC keys (what Cisco calls ECDSA certificates).
    pub fn is_ec(&self) -> bool {
        matches!(self, KeyAlgorithm::Ec { .. })
    }

    /// True for RSA keys.
    pub fn is_rsa(&self) -> bool {
        matches!(self, KeyAlgorithm::Rsa | KeyAlgorithm::RsaPss)
    }
}

/// A public key, as shown to the user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PublicKeyInfo {
    /// Algorithm (and curve).
    #[serde(flatten)]
    pub algorithm: KeyAlgorithm,
    /// Key size in bits (RSA modulus size, curve size).
    pub bits: usize,
    /// SHA-256 of the SubjectPublicKeyInfo DER (pairs CSRs with certificates), hex.
    pub spki_sha256: String,
    /// A one-line description such as `RSA 2048` or `EC P-256`.
    pub summary: String,
}

/// Describe a SubjectPublicKeyInfo.
pub fn public_key_info(spki: &SubjectPublicKeyInfo<'_>) -> PublicKeyInfo {
    let oid = spki.algorithm.algorithm.to_id_string();
    let public_key_bytes = &spki.subject_public_key.data;
    let (algorithm, bits) = match oid.as_str() {
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => {
            // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }, for
            // rsaEncryption and id-RSASSA-PSS keys alike.
            let bits = sequence_integers(public_key_bytes)
                .and_then(|integers| integers.first().map(|modulus| integer_bits(modulus)))
                .unwrap_or(0);
            let algorithm =
                if oid.ends_with(".1") { KeyAlgorithm::Rsa } else { KeyAlgorithm::RsaPss };
            (algorithm, bits)
        }
        "1.2.840.10045.2.1" => {
            let parameters = spki.algorithm.parameters.as_ref();
            let curve_oid = parameters
                .filter(|any| any.tag() == x509_parser::der_parser::asn1_rs::Tag::Oid)
                .and_then(|any| any.as_oid().ok())
                .map(|oid| oid.to_id_string())
                .unwrap_or_default();
            // Explicit parameters (RFC 3279 ECParameters) instead of a named curve: the curve
            // they spell out, when it is one of the named ones, and the field's size.
            let explicit = parameters
                .filter(|any| any.tag() == x509_parser::der_parser::asn1_rs::Tag::Sequence)
                .and_then(|any| explicit_curve(any.data));
            let (curve, bits) = match curve_oid.as_str() {
                "" if explicit.is_some() => explicit.unwrap_or_default(),
                "1.2.840.10045.3.1.7" => ("P-256".to_string(), 256),
                "1.3.132.0.34" => ("P-384".to_string(), 384),
                "1.3.132.0.35" => ("P-521".to_string(), 521),
                "1.3.132.0.10" => ("secp256k1".to_string(), 256),
                "1.2.840.10045.3.1.1" => ("P-192".to_string(), 192),
                "1.3.132.0.33" => ("P-224".to_string(), 224),
                "" => ("(explicit parameters)".to_string(), 0),
                other => (other.to_string(), 0),
            };
            (KeyAlgorithm::Ec { curve }, bits)
        }
        "1.3.101.112" => (KeyAlgorithm::Ed25519, 256),
        "1.3.101.113" => (KeyAlgorithm::Ed448, 456),
        // Dss-Parms ::= SEQUENCE { p, q, g }: the size is p's.
        "1.2.840.10040.4.1" => {
            let bits = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|any| sequence_content_integers(any.data))
                .and_then(|integers| integers.first().map(|p| integer_bits(p)))
                .unwrap_or(0);
            (KeyAlgorithm::Dsa, bits)
        }
        _ => (KeyAlgorithm::Other { oid: oid.clone() }, public_key_bytes.len() * 8),
    };
    let summary = match &algorithm {
        KeyAlgorithm::Rsa => format!("RSA {bits}"),
        KeyAlgorithm::RsaPss => format!("RSA-PSS {bits}"),
        KeyAlgorithm::Ec { curve } => format!("EC {curve}"),
        KeyAlgorithm::Ed25519 => "Ed25519".to_string(),
        KeyAlgorithm::Ed448 => "Ed448".to_string(),
        KeyAlgorithm::Dsa if bits > 0 => format!("DSA {bits}"),
        KeyAlgorithm::Dsa => "DSA".to_string(),
        KeyAlgorithm::Other { oid } => format!("unknown key type {oid}"),
    };
    PublicKeyInfo { algorithm, bits, spki_sha256: colon_hex(&Sha256::digest(spki.raw)), summary }
}

/// The INTEGERs of a DER SEQUENCE (its whole encoding given), as content bytes.
fn sequence_integers(der: &[u8]) -> Option<Vec<&[u8]>> {
    let outer = crate::input::ber::read_element(der).ok()?;
    (outer.tag == 0x30).then_some(())?;
    sequence_content_integers(outer.content)
}

/// The INTEGERs at the start of a SEQUENCE's content, up to the first element of another type.
fn sequence_content_integers(content: &[u8]) -> Option<Vec<&[u8]>> {
    let elements = crate::input::ber::children(content).ok()?;
    Some(
        elements
            .iter()
            .take_while(|element| element.tag == 0x02)
            .map(|element| element.content)
            .collect(),
    )
}

/// The named curve explicit ECParameters spell out (by the field prime; OpenSSL shows such a key
/// by its field size too), or "(explicit parameters)" for another curve; with the field size.
fn explicit_curve(content: &[u8]) -> Option<(String, usize)> {
    // ECParameters ::= SEQUENCE { version, fieldID SEQUENCE { fieldType, prime }, curve, base,
    // order, cofactor }
    let elements = crate::input::ber::children(content).ok()?;
    let field = elements.get(1).filter(|element| element.tag == 0x30)?;
    let field_parts = crate::input::ber::children(field.content).ok()?;
    let prime = field_parts.get(1).filter(|element| element.tag == 0x02)?.content;
    let prime: &[u8] = match prime.iter().position(|byte| *byte != 0) {
        Some(start) => &prime[start..],
        None => return None,
    };
    const P256: &str = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";
    const P384: &str = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff";
    let hex: String = prime.iter().map(|byte| format!("{byte:02x}")).collect();
    let bits = integer_bits(prime);
    let curve = match hex.as_str() {
        P256 => "P-256",
        P384 => "P-384",
        _ if bits == 521 && prime.iter().skip(1).all(|byte| *byte == 0xff) => "P-521",
        _ => "(explicit parameters)",
    };
    Some((curve.to_string(), bits))
}

/// Significant bits of a big-endian unsigned integer.
fn integer_bits(bytes: &[u8]) -> usize {
    let trimmed: &[u8] = match bytes.iter().position(|byte| *byte != 0) {
        Some(start) => &bytes[start..],
        None => return 0,
    };
    (trimmed.len() - 1) * 8 + (8 - trimmed[0].leading_zeros() as usize)
}
