//! Telling DER objects apart by their structure, not by file extension.
//!
//! A small BER/DER reader (definite and indefinite lengths) looks at the outer shape of an object:
//! certificate, CSR, PKCS#7 SignedData, PKCS#12 PFX, or one of the private-key forms. Certificates
//! and CSRs are parsed once, by the x509 layer, which says what is wrong with a damaged one.
//! PKCS#7 bundles are unpacked here too, by hand, so that bundles whose SET OF certificates is not
//! in DER order (OpenSSL and Windows write them in the order given) are still read.

use crate::error::InputError;
use crate::limits;

const TAG_INTEGER: u8 = 0x02;
const TAG_BIT_STRING: u8 = 0x03;
const TAG_OCTET_STRING: u8 = 0x04;
const TAG_OID: u8 = 0x06;
const TAG_SEQUENCE: u8 = 0x30;
const TAG_SET: u8 = 0x31;
const TAG_CONTEXT_0: u8 = 0xA0;

/// 1.2.840.113549.1.7.2 (PKCS#7 signedData), content octets.
const OID_SIGNED_DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02];
/// 1.2.840.113549.1.7.3 (envelopedData), 1.2.840.113549.1.7.6 (encryptedData) and
/// 1.2.840.113549.1.9.16.1.23 (authEnvelopedData), content octets.
const OID_ENVELOPED_DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x03];
const OID_ENCRYPTED_DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x06];
const OID_AUTH_ENVELOPED_DATA: &[u8] =
    &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x01, 0x17];
/// 1.2.840.113549.1.7.1 (PKCS#7 data), content octets.
const OID_DATA: &[u8] = &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01];

/// What a DER object looks like.
#[derive(Debug, PartialEq, Eq)]
pub enum Shape {
    /// An X.509 certificate that x509-parser reads.
    Certificate,
    /// A PKCS#10 request that x509-parser reads.
    Csr,
    /// A PKCS#7 / CMS SignedData bundle.
    Pkcs7,
    /// A PKCS#12 PFX.
    Pkcs12,
    /// A private key, with its form.
    PrivateKey(&'static str),
    /// Not something we know, with the reason.
    Unknown(InputError),
}

/// One BER element: its tag, its content and its total encoded length.
#[derive(Clone, Copy, Debug)]
pub struct Element<'a> {
    /// The identifier octet (only low tag numbers are used by the structures we read).
    pub tag: u8,
    /// Content octets (for indefinite lengths, without the end-of-contents octets).
    pub content: &'a [u8],
    /// Bytes taken by the whole element.
    pub encoded_len: usize,
}

/// Read one element at the start of `data`.
pub fn read_element(data: &[u8]) -> Result<Element<'_>, InputError> {
    read_element_at_depth(data, 0)
}

fn read_element_at_depth(data: &[u8], depth: usize) -> Result<Element<'_>, InputError> {
    if depth > limits::MAX_DER_DEPTH {
        return Err(InputError::NotDer { detail: "nesting too deep".into() });
    }
    let (&tag, rest) =
        data.split_first().ok_or_else(|| InputError::NotDer { detail: "no data".into() })?;
    if tag & 0x1F == 0x1F {
        return Err(InputError::NotDer { detail: "unexpected high tag number".into() });
    }
    let (&first, rest) =
        rest.split_first().ok_or(InputError::Truncated { declared: 1, actual: 0 })?;
    if first == 0x80 {
        // Indefinite length: constructed content up to the end-of-contents octets 00 00.
        if tag & 0x20 == 0 {
            return Err(InputError::NotDer { detail: "indefinite length on a primitive".into() });
        }
        let mut offset = 0;
        loop {
            let remaining = &rest[offset..];
            if remaining.len() < 2 {
                return Err(InputError::Truncated { declared: offset + 2, actual: rest.len() });
            }
            if remaining[0] == 0 && remaining[1] == 0 {
                return Ok(Element { tag, content: &rest[..offset], encoded_len: 2 + offset + 2 });
            }
            let child = read_element_at_depth(remaining, depth + 1)?;
            offset += child.encoded_len;
        }
    }
    let (length, header) = if first & 0x80 == 0 {
        (first as usize, 2)
    } else {
        let count = (first & 0x7F) as usize;
        if count == 0 || count > 4 || rest.len() < count {
            return Err(InputError::NotDer { detail: "bad length".into() });
        }
        let length = rest[..count].iter().fold(0usize, |acc, b| (acc << 8) | *b as usize);
        (length, 2 + count)
    };
    let available = data.len() - header;
    if length > available {
        return Err(InputError::Truncated { declared: length, actual: available });
    }
    Ok(Element { tag, content: &data[header..header + length], encoded_len: header + length })
}

/// The elements inside a constructed element's content.
pub fn children(content: &[u8]) -> Result<Vec<Element<'_>>, InputError> {
    let mut out = Vec::new();
    let mut rest = content;
    while !rest.is_empty() {
        let element = read_element(rest)?;
        rest = &rest[element.encoded_len..];
        out.push(element);
        if out.len() > limits::MAX_OBJECTS {
            return Err(InputError::NotDer { detail: "too many elements".into() });
        }
    }
    Ok(out)
}

/// Decide what `der` is.
pub fn classify(der: &[u8]) -> Shape {
    let outer = match read_element(der) {
        Ok(outer) => outer,
        Err(error) => return Shape::Unknown(error),
    };
    if outer.tag != TAG_SEQUENCE {
        return Shape::Unknown(InputError::NotDer {
            detail: "does not start with a SEQUENCE".into(),
        });
    }
    let parts = match children(outer.content) {
        Ok(parts) => parts,
        Err(error) => return Shape::Unknown(error),
    };
    let tags: Vec<u8> = parts.iter().map(|part| part.tag).collect();
    let is_small_int =
        |element: &Element, value: u8| element.tag == TAG_INTEGER && element.content == [value];
    // Certificate / CSR: SEQUENCE { SEQUENCE tbs, SEQUENCE algorithm, BIT STRING signature }.
    if tags.len() == 3
        && tags[0] == TAG_SEQUENCE
        && tags[1] == TAG_SEQUENCE
        && tags[2] == TAG_BIT_STRING
    {
        let inner = children(parts[0].content).unwrap_or_default();
        let looks_like_csr = inner.len() == 4
            && inner[0].tag == TAG_INTEGER
            && inner[3].tag == TAG_CONTEXT_0
            && inner[2].tag == TAG_SEQUENCE;
        // Decided by shape: the x509 layer parses it once, and says what is wrong with it.
        return if looks_like_csr { Shape::Csr } else { Shape::Certificate };
    }
    // PKCS#7: ContentInfo { OID signedData, [0] ... }.
    if tags.first() == Some(&TAG_OID) && parts[0].content == OID_SIGNED_DATA {
        return Shape::Pkcs7;
    }
    // An encrypted PKCS#7 / CMS message: envelopedData, encryptedData, authEnvelopedData.
    if tags.first() == Some(&TAG_OID)
        && [OID_ENVELOPED_DATA, OID_ENCRYPTED_DATA, OID_AUTH_ENVELOPED_DATA]
            .contains(&parts[0].content)
    {
        return Shape::Unknown(InputError::Pkcs7Encrypted);
    }
    // PKCS#12: PFX { INTEGER 3, ContentInfo { OID data, ... }, MacData OPTIONAL }.
    if tags.len() >= 2 && is_small_int(&parts[0], 3) && tags[1] == TAG_SEQUENCE {
        let inner = children(parts[1].content).unwrap_or_default();
        if inner.first().is_some_and(|oid| oid.tag == TAG_OID && oid.content == OID_DATA) {
            return Shape::Pkcs12;
        }
    }
    // PKCS#8 PrivateKeyInfo / OneAsymmetricKey: { INTEGER 0|1, AlgorithmIdentifier, OCTET STRING }.
    if tags.len() >= 3
        && (is_small_int(&parts[0], 0) || is_small_int(&parts[0], 1))
        && tags[1] == TAG_SEQUENCE
        && tags[2] == TAG_OCTET_STRING
    {
        return Shape::PrivateKey("PKCS#8 PrivateKeyInfo");
    }
    // EncryptedPrivateKeyInfo: { AlgorithmIdentifier (PBES2/PKCS#12 PBE), OCTET STRING }.
    if tags.len() == 2 && tags[0] == TAG_SEQUENCE && tags[1] == TAG_OCTET_STRING {
        let algorithm = children(parts[0].content).unwrap_or_default();
        let pkcs5_or_12 = algorithm.first().is_some_and(|oid| {
            oid.tag == TAG_OID
                && (oid.content.starts_with(&[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05])
                    || oid.content.starts_with(&[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x0C]))
        });
        if pkcs5_or_12 {
            return Shape::PrivateKey("PKCS#8 EncryptedPrivateKeyInfo");
        }
    }
    // PKCS#1 RSAPrivateKey: nine INTEGERs, version 0.
    if tags.len() >= 9 && is_small_int(&parts[0], 0) && tags.iter().all(|tag| *tag == TAG_INTEGER) {
        return Shape::PrivateKey("RSAPrivateKey (PKCS#1)");
    }
    // SEC 1 ECPrivateKey: { INTEGER 1, OCTET STRING, [0] params?, [1] public key? }.
    if tags.len() >= 2 && is_small_int(&parts[0], 1) && tags[1] == TAG_OCTET_STRING {
        return Shape::PrivateKey("ECPrivateKey (RFC 5915)");
    }
    // DSA private key (OpenSSL): six INTEGERs, version 0.
    if tags.len() == 6 && is_small_int(&parts[0], 0) && tags.iter().all(|tag| *tag == TAG_INTEGER) {
        return Shape::PrivateKey("DSAPrivateKey");
    }
    Shape::Unknown(InputError::NotDer {
        detail: "a DER structure that is not a certificate, request, PKCS#7, PKCS#12 or key".into(),
    })
}

/// The certificates of a PKCS#7 SignedData, each as its own DER.
pub fn pkcs7_certificates(der: &[u8]) -> Result<Vec<Vec<u8>>, InputError> {
    let bad = |detail: &str| InputError::Pkcs7 { detail: detail.to_string() };
    let outer = read_element(der)?;
    let parts = children(outer.content)?;
    let explicit =
        parts.iter().find(|part| part.tag == TAG_CONTEXT_0).ok_or_else(|| bad("no content"))?;
    let signed_data = read_element(explicit.content)?;
    if signed_data.tag != TAG_SEQUENCE {
        return Err(bad("SignedData is not a SEQUENCE"));
    }
    let fields = children(signed_data.content)?;
    // version INTEGER, digestAlgorithms SET, encapContentInfo SEQUENCE, [0] certificates ...
    if fields.len() < 3 || fields[0].tag != TAG_INTEGER || fields[1].tag != TAG_SET {
        return Err(bad("not a SignedData structure"));
    }
    let Some(set) = fields.iter().skip(3).find(|field| field.tag == TAG_CONTEXT_0) else {
        return Ok(Vec::new());
    };
    let mut certificates = Vec::new();
    let mut rest = set.content;
    while !rest.is_empty() {
        let element = read_element(rest)?;
        // Only plain certificates (SEQUENCE); attribute certificates and others are skipped.
        if element.tag == TAG_SEQUENCE {
            certificates.push(rest[..element.encoded_len].to_vec());
        }
        rest = &rest[element.encoded_len..];
    }
    Ok(certificates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_der_says_how_much_is_missing() {
        let shape = classify(&[0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x00]);
        assert_eq!(shape, Shape::Unknown(InputError::Truncated { declared: 256, actual: 3 }));
    }

    #[test]
    fn recognises_pkcs1_and_sec1_keys_by_shape() {
        let mut rsa = vec![0x30, 27];
        for _ in 0..9 {
            rsa.extend_from_slice(&[0x02, 0x01, 0x00]);
        }
        assert_eq!(classify(&rsa), Shape::PrivateKey("RSAPrivateKey (PKCS#1)"));
        let ec = [0x30, 0x06, 0x02, 0x01, 0x01, 0x04, 0x01, 0x00];
        assert_eq!(classify(&ec), Shape::PrivateKey("ECPrivateKey (RFC 5915)"));
    }

    #[test]
    fn indefinite_length_is_read() {
        let data = [0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00];
        let element = read_element(&data).expect("indefinite length");
        assert_eq!(element.content, &[0x02, 0x01, 0x05]);
        assert_eq!(element.encoded_len, 7);
    }
}
