//! Opening PKCS#12 (.pfx/.p12) files in memory, as Windows CAs, `certutil`, OpenSSL and Java
//! export them: the MAC is checked with the password, then the certificate bags are read from
//! plain and password-encrypted contents (legacy PKCS#12 PBE: 3DES, 2-key 3DES, RC2-40, RC2-128;
//! PBES2: PBKDF2 + AES-CBC or 3DES). Private-key bags are counted, never decrypted or kept.
//!
//! The structure is walked with the BER reader (Windows and Java write indefinite lengths and
//! constructed OCTET STRINGs); RustCrypto does the cryptography.

use crate::i18n::{fill, phrase, Lang};

/// Most PBKDF / PKCS#12 KDF iterations accepted for one derivation (a hostile file could ask for
/// billions). Measured on real exports: Windows 2 000, OpenSSL 2 048, Java 10 000–20 000,
/// Firefox/NSS 600 000 (for the MAC, the certificates' RC2-40 and the key's 3DES alike).
#[cfg(not(fuzzing))]
pub const MAX_ITERATIONS: u64 = 1_000_000;
/// Under the fuzzer the cap is lower, so a mutated iteration count cannot stall it: the code paths
/// are the same, only slow inputs are refused sooner.
#[cfg(fuzzing)]
pub const MAX_ITERATIONS: u64 = 20_000;

/// What opening a PKCS#12 file gave.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Opened {
    /// The certificates, DER, in file order.
    pub certificates: Vec<Vec<u8>>,
    /// Private-key bags found (not decrypted).
    pub keys: usize,
}

/// Why a PKCS#12 file could not be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pkcs12Error {
    /// No password was given and the empty password does not open it.
    PasswordNeeded,
    /// The password given does not open it.
    WrongPassword,
    /// An encryption or MAC algorithm not supported here.
    Unsupported(Unsupported),
    /// The file's structure is damaged.
    Damaged {
        /// The RFC 7292 structure that is broken (`SafeBag`, `MacData`...): a technical name.
        part: &'static str,
    },
    /// A key derivation asks for more iterations than the limits allow (the file may be sound).
    OverLimit {
        /// Iterations the file asks for (one derivation, or the file so far).
        asked: u64,
        /// The limit it is over.
        limit: u64,
        /// Whether the per-file limit (all derivations together) is the one exceeded.
        per_file: bool,
    },
    /// A build without PKCS#12 decryption (the page's first module): the full module opens it.
    NotInThisBuild,
}

/// What a PKCS#12 file uses that this tool does not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unsupported {
    /// Public-key integrity (signedData) instead of a password MAC.
    SignedData,
    /// Public-key encrypted contents (envelopedData).
    EnvelopedData,
    /// A MAC hash other than SHA-1 and SHA-2 (e.g. SHA-3, GOST).
    MacHash {
        /// Its OID, dotted.
        oid: String,
    },
    /// PBMAC1 integrity (RFC 9579).
    Pbmac1,
    /// The legacy RC4 encryptions.
    Rc4,
    /// PBES2 with another key derivation than PBKDF2 (scrypt).
    Scrypt,
    /// PBES2 parameters the pkcs5 crate does not read.
    Pbes2 {
        /// What it said (English, shown as a detail).
        detail: String,
    },
    /// Another encryption algorithm.
    Encryption {
        /// Its OID, dotted.
        oid: String,
    },
}

impl Pkcs12Error {
    /// Why, in `lang` (for the unsupported and damaged cases; the password cases have findings of
    /// their own).
    pub fn message(&self, lang: Lang) -> String {
        let say = |key: &str, args: &[(&'static str, String)]| fill(phrase(key, lang), args);
        match self {
            Pkcs12Error::PasswordNeeded => say("pkcs12.password_needed", &[]),
            Pkcs12Error::WrongPassword => say("pkcs12.wrong_password", &[]),
            Pkcs12Error::Damaged { part } => say("pkcs12.damaged", &[("part", part.to_string())]),
            Pkcs12Error::OverLimit { asked, limit, per_file } => say(
                if *per_file { "pkcs12.over_file_limit" } else { "pkcs12.over_limit" },
                &[("asked", asked.to_string()), ("limit", limit.to_string())],
            ),
            // Never shown: the page hands such a check to the full module.
            Pkcs12Error::NotInThisBuild => say("pkcs12.password_needed", &[]),
            Pkcs12Error::Unsupported(what) => {
                let what = match what {
                    Unsupported::SignedData => say("pkcs12.signed_data", &[]),
                    Unsupported::EnvelopedData => say("pkcs12.enveloped_data", &[]),
                    Unsupported::MacHash { oid } => say("pkcs12.mac_hash", &[("oid", oid.clone())]),
                    Unsupported::Pbmac1 => say("pkcs12.pbmac1", &[]),
                    Unsupported::Rc4 => say("pkcs12.rc4", &[]),
                    Unsupported::Scrypt => say("pkcs12.scrypt", &[]),
                    Unsupported::Pbes2 { detail } => {
                        say("pkcs12.pbes2", &[("detail", detail.clone())])
                    }
                    Unsupported::Encryption { oid } => {
                        say("pkcs12.encryption", &[("oid", oid.clone())])
                    }
                };
                say("pkcs12.unsupported", &[("what", what)])
            }
        }
    }
}

/// Open `der` with `password`: in a build without PKCS#12 decryption (the page's first module),
/// never; the full module opens it.
#[cfg(not(feature = "pkcs12"))]
pub fn open(_der: &[u8], _password: Option<&str>) -> Result<Opened, Pkcs12Error> {
    Err(Pkcs12Error::NotInThisBuild)
}

#[cfg(feature = "pkcs12")]
pub use reader::{open, MAX_TOTAL_ITERATIONS};

/// The reader and its cryptography.
#[cfg(feature = "pkcs12")]
mod reader {
    use cbc::cipher::block_padding::Pkcs7;
    use cbc::cipher::{BlockDecryptMut, InnerIvInit, KeyIvInit};
    use der::Decode;
    use hmac::{Mac, SimpleHmac};
    use pkcs12::kdf::{derive_key, Pkcs12KeyType};
    use sha1::Sha1;
    use sha2::{Sha224, Sha256, Sha384, Sha512};

    use super::{Opened, Pkcs12Error, Unsupported, MAX_ITERATIONS};
    use crate::input::ber::{children, read_element, Element};

    const TAG_INTEGER: u8 = 0x02;
    const TAG_OCTET_STRING: u8 = 0x04;
    const TAG_OCTET_STRING_CONSTRUCTED: u8 = 0x24;
    const TAG_OID: u8 = 0x06;

    // OIDs, as DER content bytes.
    const OID_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];
    const OID_ENCRYPTED_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x06];
    const OID_KEY_BAG: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x01];
    const OID_SHROUDED_KEY_BAG: &[u8] =
        &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x02];
    const OID_CERT_BAG: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x03];
    const OID_SAFE_CONTENTS_BAG: &[u8] =
        &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x06];
    const OID_X509_CERTIFICATE: &[u8] =
        &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x16, 0x01];
    const PBE_PREFIX: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01];
    const OID_PBES2: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d];
    const OID_PBMAC1: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0e];

    /// Most nested SafeContents bags followed.
    const MAX_NESTING: usize = 8;

    fn damaged(part: &'static str) -> Pkcs12Error {
        Pkcs12Error::Damaged { part }
    }

    fn dotted(oid: &[u8]) -> String {
        der::asn1::ObjectIdentifier::from_bytes(oid).map(|oid| oid.to_string()).unwrap_or_default()
    }

    /// Open `der` with `password` (`None`: try the empty password, as files exported without one).
    pub fn open(der: &[u8], password: Option<&str>) -> Result<Opened, Pkcs12Error> {
        let given = password.filter(|password| !password.is_empty());
        let candidates: Vec<Password> = match given {
            Some(text) => vec![Password::new(text)],
            // OpenSSL tells an empty password (a lone NUL in BMPString) from an absent one (no bytes).
            None => vec![Password::new(""), Password::from_encodings(Vec::new(), Vec::new())],
        };
        let mut last = Pkcs12Error::PasswordNeeded;
        for candidate in &candidates {
            match open_with(der, candidate) {
                Ok(opened) => return Ok(opened),
                Err(Pkcs12Error::WrongPassword) => {
                    last = if given.is_some() {
                        Pkcs12Error::WrongPassword
                    } else {
                        Pkcs12Error::PasswordNeeded
                    };
                }
                Err(other) => return Err(other),
            }
        }
        Err(last)
    }

    /// Most key-derivation iterations spent on one file with one password, all derivations together
    /// (a file may hold many encrypted parts).
    pub const MAX_TOTAL_ITERATIONS: u64 = 4 * MAX_ITERATIONS;

    /// A password in the two encodings PKCS#12 uses, and the work it may still cost.
    struct Password {
        /// BMPString (UTF-16BE) with two NUL bytes, for the PKCS#12 KDF.
        bmp: Vec<u8>,
        /// UTF-8, for PBES2.
        utf8: Vec<u8>,
        /// Key-derivation iterations left for this file.
        budget: std::cell::Cell<u64>,
    }

    impl Password {
        fn new(text: &str) -> Self {
            let mut bmp: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
            bmp.extend([0, 0]);
            Password::from_encodings(bmp, text.as_bytes().to_vec())
        }

        fn from_encodings(bmp: Vec<u8>, utf8: Vec<u8>) -> Self {
            Password { bmp, utf8, budget: std::cell::Cell::new(MAX_TOTAL_ITERATIONS) }
        }

        /// Take `derivations` × `iterations` from the budget, or refuse the file as too costly
        /// (zero iterations is malformed).
        fn spend(&self, iterations: u64, derivations: u64) -> Result<(), Pkcs12Error> {
            if iterations == 0 {
                return Err(damaged("iterationCount"));
            }
            if iterations > MAX_ITERATIONS {
                return Err(Pkcs12Error::OverLimit {
                    asked: iterations,
                    limit: MAX_ITERATIONS,
                    per_file: false,
                });
            }
            let cost = iterations.saturating_mul(derivations);
            let left = self.budget.get();
            if cost > left {
                return Err(Pkcs12Error::OverLimit {
                    asked: MAX_TOTAL_ITERATIONS - left + cost,
                    limit: MAX_TOTAL_ITERATIONS,
                    per_file: true,
                });
            }
            self.budget.set(left - cost);
            Ok(())
        }
    }

    /// Deepest nesting of a segmented (constructed) OCTET STRING followed.
    const MAX_SEGMENT_DEPTH: usize = 8;

    /// OCTET STRING content, primitive or constructed (BER segments concatenated, nesting bounded).
    fn octets(element: &Element<'_>) -> Result<Vec<u8>, Pkcs12Error> {
        let mut out = Vec::new();
        let mut pending: Vec<(Element<'_>, usize)> = vec![(
            Element {
                tag: element.tag,
                content: element.content,
                encoded_len: element.encoded_len,
            },
            0,
        )];
        while let Some((part, depth)) = pending.pop() {
            match part.tag {
                TAG_OCTET_STRING | 0x80 => out.extend_from_slice(part.content),
                TAG_OCTET_STRING_CONSTRUCTED | 0xa0 if depth < MAX_SEGMENT_DEPTH => {
                    let parts = children(part.content).map_err(|_| damaged("OCTET STRING"))?;
                    // Reversed onto the stack so the segments come out in order.
                    pending.extend(parts.into_iter().rev().map(|child| (child, depth + 1)));
                }
                TAG_OCTET_STRING_CONSTRUCTED | 0xa0 => return Err(damaged("OCTET STRING")),
                _ => return Err(damaged("OCTET STRING")),
            }
        }
        Ok(out)
    }

    fn integer(element: &Element<'_>) -> Result<u64, Pkcs12Error> {
        if element.tag != TAG_INTEGER
            || element.content.is_empty()
            || element.content.len() > 8
            || element.content[0] & 0x80 != 0
        {
            return Err(damaged("INTEGER"));
        }
        Ok(element.content.iter().fold(0u64, |value, byte| value << 8 | u64::from(*byte)))
    }

    fn parts<'a>(data: &'a [u8], what: &'static str) -> Result<Vec<Element<'a>>, Pkcs12Error> {
        children(data).map_err(|_| damaged(what))
    }

    /// The content of a ContentInfo { type, [0] EXPLICIT content }.
    fn content_info(element: &Element<'_>) -> Result<(Vec<u8>, Vec<u8>), Pkcs12Error> {
        let fields = parts(element.content, "ContentInfo")?;
        let (Some(kind), Some(explicit)) = (fields.first(), fields.get(1)) else {
            return Err(damaged("ContentInfo"));
        };
        if kind.tag != TAG_OID {
            return Err(damaged("ContentInfo"));
        }
        let inner = parts(explicit.content, "ContentInfo")?;
        let first = inner.first().ok_or_else(|| damaged("ContentInfo"))?;
        let encoded = &explicit.content[..first.encoded_len.min(explicit.content.len())];
        Ok((kind.content.to_vec(), encoded.to_vec()))
    }

    fn open_with(der: &[u8], password: &Password) -> Result<Opened, Pkcs12Error> {
        let pfx = read_element(der).map_err(|_| damaged("PFX"))?;
        let fields = parts(pfx.content, "PFX")?;
        let auth_safe = fields.get(1).ok_or_else(|| damaged("AuthenticatedSafe"))?;
        let (kind, content) = content_info(auth_safe)?;
        if kind != OID_DATA {
            return Err(Pkcs12Error::Unsupported(Unsupported::SignedData));
        }
        let data = octets(&read_element(&content).map_err(|_| damaged("AuthenticatedSafe"))?)?;
        let mac_checked = match fields.get(2) {
            Some(mac) => {
                check_mac(mac, &data, password)?;
                true
            }
            None => false,
        };
        let mut opened = Opened::default();
        let safe = read_element(&data).map_err(|_| damaged("AuthenticatedSafe"))?;
        for info in parts(safe.content, "AuthenticatedSafe")? {
            let (kind, content) = content_info(&info)?;
            let (contents, confirmed) = if kind == OID_DATA {
                (octets(&read_element(&content).map_err(|_| damaged("SafeContents"))?)?, true)
            } else if kind == OID_ENCRYPTED_DATA {
                (decrypt_encrypted_data(&content, password)?, mac_checked)
            } else {
                return Err(Pkcs12Error::Unsupported(Unsupported::EnvelopedData));
            };
            read_bags(&contents, &mut opened, 0, confirmed)?;
        }
        Ok(opened)
    }

    fn check_mac(mac: &Element<'_>, data: &[u8], password: &Password) -> Result<(), Pkcs12Error> {
        let fields = parts(mac.content, "MacData")?;
        let digest_info = fields.first().ok_or_else(|| damaged("MacData"))?;
        let salt = octets(fields.get(1).ok_or_else(|| damaged("MacData"))?)?;
        let iterations = match fields.get(2) {
            Some(element) => integer(element)?,
            None => 1,
        };
        password.spend(iterations, 1)?;
        let digest_fields = parts(digest_info.content, "MacData")?;
        let algorithm = digest_fields.first().ok_or_else(|| damaged("MacData"))?;
        let expected = octets(digest_fields.get(1).ok_or_else(|| damaged("MacData"))?)?;
        let oid = parts(algorithm.content, "MacData")?
            .first()
            .map(|oid| oid.content.to_vec())
            .unwrap_or_default();
        let rounds = iterations as i32;
        macro_rules! verify {
            ($hash:ty) => {{
                let size = <$hash as sha2::Digest>::output_size();
                // A MAC value of another length is a damaged file, not a wrong password.
                if expected.len() != size {
                    return Err(damaged("MacData"));
                }
                let key =
                    derive_key::<$hash>(&password.bmp, &salt, Pkcs12KeyType::Mac, rounds, size);
                let mut hmac = <SimpleHmac<$hash> as Mac>::new_from_slice(&key)
                    .map_err(|_| damaged("MacData"))?;
                hmac.update(data);
                hmac.verify_slice(&expected).map_err(|_| Pkcs12Error::WrongPassword)
            }};
        }
        match oid.as_slice() {
            [0x2b, 0x0e, 0x03, 0x02, 0x1a] => verify!(Sha1),
            [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04] => verify!(Sha224),
            [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01] => verify!(Sha256),
            [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02] => verify!(Sha384),
            [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03] => verify!(Sha512),
            OID_PBMAC1 => Err(Pkcs12Error::Unsupported(Unsupported::Pbmac1)),
            _ => Err(Pkcs12Error::Unsupported(Unsupported::MacHash { oid: dotted(&oid) })),
        }
    }

    /// EncryptedData { version, EncryptedContentInfo { type, algorithm, [0] IMPLICIT content } }.
    fn decrypt_encrypted_data(content: &[u8], password: &Password) -> Result<Vec<u8>, Pkcs12Error> {
        let encrypted_data = read_element(content).map_err(|_| damaged("EncryptedData"))?;
        let fields = parts(encrypted_data.content, "EncryptedData")?;
        let info = fields.get(1).ok_or_else(|| damaged("EncryptedData"))?;
        let info_fields = parts(info.content, "EncryptedContentInfo")?;
        let algorithm = info_fields.get(1).ok_or_else(|| damaged("AlgorithmIdentifier"))?;
        let ciphertext =
            octets(info_fields.get(2).ok_or_else(|| damaged("EncryptedContentInfo"))?)?;
        let algorithm_der = &info.content[info_fields[0].encoded_len..][..algorithm.encoded_len];
        decrypt(algorithm, algorithm_der, &ciphertext, password)
    }

    fn decrypt(
        algorithm: &Element<'_>,
        algorithm_der: &[u8],
        ciphertext: &[u8],
        password: &Password,
    ) -> Result<Vec<u8>, Pkcs12Error> {
        let fields = parts(algorithm.content, "AlgorithmIdentifier")?;
        let oid = fields
            .first()
            .filter(|oid| oid.tag == TAG_OID)
            .ok_or_else(|| damaged("AlgorithmIdentifier"))?;
        if oid.content == OID_PBES2 {
            let scheme = pkcs5::EncryptionScheme::from_der(algorithm_der).map_err(|error| {
                Pkcs12Error::Unsupported(Unsupported::Pbes2 { detail: error.to_string() })
            })?;
            // PBKDF2 only: scrypt (which the pkcs5 crate also supports) lets a file ask for any
            // amount of memory and time, and no exporter of certificates uses it.
            let Some(iterations) = scheme
                .pbes2()
                .and_then(|params| params.kdf.pbkdf2())
                .map(|kdf| kdf.iteration_count)
            else {
                return Err(Pkcs12Error::Unsupported(Unsupported::Scrypt));
            };
            password.spend(u64::from(iterations), 1)?;
            return scheme.decrypt(&password.utf8, ciphertext).map_err(|error| match error {
                pkcs5::Error::DecryptFailed => Pkcs12Error::WrongPassword,
                other => Pkcs12Error::Unsupported(Unsupported::Pbes2 { detail: other.to_string() }),
            });
        }
        let Some(&variant) = oid.content.strip_prefix(PBE_PREFIX).and_then(<[u8]>::first) else {
            return Err(Pkcs12Error::Unsupported(Unsupported::Encryption {
                oid: dotted(oid.content),
            }));
        };
        let params = parts(
            fields.get(1).ok_or_else(|| damaged("pkcs-12PbeParams"))?.content,
            "pkcs-12PbeParams",
        )?;
        let salt = octets(params.first().ok_or_else(|| damaged("pkcs-12PbeParams"))?)?;
        let iterations = integer(params.get(1).ok_or_else(|| damaged("pkcs-12PbeParams"))?)?;
        // Two derivations (key, IV) cost the iterations each.
        password.spend(iterations, 2)?;
        let rounds = iterations as i32;
        let key = |length| {
            derive_key::<Sha1>(&password.bmp, &salt, Pkcs12KeyType::EncryptionKey, rounds, length)
        };
        let iv = derive_key::<Sha1>(&password.bmp, &salt, Pkcs12KeyType::Iv, rounds, 8);
        let wrong = |_| Pkcs12Error::WrongPassword;
        match variant {
            // pbeWithSHAAnd3-KeyTripleDES-CBC
            3 => cbc::Decryptor::<des::TdesEde3>::new_from_slices(&key(24), &iv)
                .map_err(|_| damaged("pkcs-12PbeParams"))?
                .decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
                .map_err(wrong),
            // pbeWithSHAAnd2-KeyTripleDES-CBC
            4 => cbc::Decryptor::<des::TdesEde2>::new_from_slices(&key(16), &iv)
                .map_err(|_| damaged("pkcs-12PbeParams"))?
                .decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
                .map_err(wrong),
            // pbeWithSHAAnd128BitRC2-CBC, pbeWithSHAAnd40BitRC2-CBC
            5 | 6 => {
                let (length, bits) = if variant == 5 { (16, 128) } else { (5, 40) };
                let cipher = rc2::Rc2::new_with_eff_key_len(&key(length), bits);
                let iv: [u8; 8] =
                    iv.as_slice().try_into().map_err(|_| damaged("pkcs-12PbeParams"))?;
                cbc::Decryptor::<rc2::Rc2>::inner_iv_init(cipher, &iv.into())
                    .decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
                    .map_err(wrong)
            }
            1 | 2 => Err(Pkcs12Error::Unsupported(Unsupported::Rc4)),
            _ => {
                Err(Pkcs12Error::Unsupported(Unsupported::Encryption { oid: dotted(oid.content) }))
            }
        }
    }

    /// SafeContents ::= SEQUENCE OF SafeBag { bagId, [0] EXPLICIT bagValue, attributes OPTIONAL }.
    fn read_bags(
        contents: &[u8],
        opened: &mut Opened,
        depth: usize,
        confirmed: bool,
    ) -> Result<(), Pkcs12Error> {
        if depth > MAX_NESTING {
            return Err(damaged("SafeContents"));
        }
        // Decrypted with a password no MAC confirmed, noise means a wrong password; otherwise damage.
        let sequence = read_element(contents).map_err(|_| {
            if confirmed {
                damaged("SafeContents")
            } else {
                Pkcs12Error::WrongPassword
            }
        })?;
        for bag in parts(sequence.content, "SafeContents")? {
            let fields = parts(bag.content, "SafeBag")?;
            let (Some(kind), Some(value)) = (fields.first(), fields.get(1)) else {
                return Err(damaged("SafeBag"));
            };
            match kind.content {
                OID_CERT_BAG => {
                    let cert_bag = parts(value.content, "CertBag")?;
                    let cert_bag = cert_bag.first().ok_or_else(|| damaged("CertBag"))?;
                    let cert_fields = parts(cert_bag.content, "CertBag")?;
                    let (Some(cert_type), Some(explicit)) =
                        (cert_fields.first(), cert_fields.get(1))
                    else {
                        return Err(damaged("CertBag"));
                    };
                    if cert_type.content != OID_X509_CERTIFICATE {
                        continue; // SDSI certificates: not X.509, nothing to check.
                    }
                    let inner = parts(explicit.content, "CertBag")?;
                    let octet_string = inner.first().ok_or_else(|| damaged("CertBag"))?;
                    opened.certificates.push(octets(octet_string)?);
                }
                OID_KEY_BAG | OID_SHROUDED_KEY_BAG => opened.keys += 1,
                OID_SAFE_CONTENTS_BAG => {
                    let inner = parts(value.content, "SafeContents")?;
                    let nested = inner.first().ok_or_else(|| damaged("SafeContents"))?;
                    let encoded = &value.content[..nested.encoded_len.min(value.content.len())];
                    read_bags(encoded, opened, depth + 1, confirmed)?;
                }
                _ => {} // CRL and secret bags: not used here.
            }
        }
        Ok(())
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
            let mut out = vec![tag];
            let len = content.len();
            if len < 0x80 {
                out.push(len as u8);
            } else {
                let bytes: Vec<u8> =
                    len.to_be_bytes().iter().copied().skip_while(|byte| *byte == 0).collect();
                out.push(0x80 | bytes.len() as u8);
                out.extend(bytes);
            }
            out.extend_from_slice(content);
            out
        }

        fn pfx_with_auth_safe(octet_string: Vec<u8>) -> Vec<u8> {
            let content_info = [tlv(TAG_OID, OID_DATA), tlv(0xa0, &octet_string)].concat();
            tlv(0x30, &[tlv(TAG_INTEGER, &[3]), tlv(0x30, &content_info)].concat())
        }

        #[test]
        fn deeply_segmented_octet_strings_are_refused_without_recursion() {
            let mut nested = tlv(TAG_OCTET_STRING, b"x");
            for _ in 0..20_000 {
                nested = tlv(TAG_OCTET_STRING_CONSTRUCTED, &nested);
            }
            let result = open(&pfx_with_auth_safe(nested), None);
            assert!(matches!(result, Err(Pkcs12Error::Damaged { .. })), "{result:?}");
        }

        #[test]
        fn garbage_is_damaged_not_a_panic() {
            assert!(matches!(
                open(&[0x30, 0x03, 0x02, 0x01, 0x03], Some("x")),
                Err(Pkcs12Error::Damaged { .. })
            ));
            assert!(open(&[], None).is_err());
        }

        #[test]
        fn iteration_limits_hold_at_and_beyond_their_values() {
            // Firefox/NSS's 600 000 for the MAC, the RC2-40 certificates (key and IV) and the
            // 3DES key fit; a derivation over the per-derivation limit does not, nor the file
            // whose derivations together pass the per-file limit.
            let password = Password::new("x");
            assert_eq!(password.spend(600_000, 1), Ok(()));
            assert_eq!(password.spend(600_000, 2), Ok(()));
            assert_eq!(password.spend(MAX_ITERATIONS, 1), Ok(()));
            assert_eq!(
                password.spend(MAX_ITERATIONS + 1, 1),
                Err(Pkcs12Error::OverLimit {
                    asked: MAX_ITERATIONS + 1,
                    limit: MAX_ITERATIONS,
                    per_file: false
                })
            );
            // 2 800 000 spent so far: the rest of the file's budget, to the last iteration.
            assert_eq!(
                password.spend(MAX_TOTAL_ITERATIONS - 2_800_000 - MAX_ITERATIONS / 2, 1),
                Ok(())
            );
            assert_eq!(password.spend(MAX_ITERATIONS / 2, 1), Ok(()));
            assert_eq!(
                password.spend(1, 1),
                Err(Pkcs12Error::OverLimit {
                    asked: MAX_TOTAL_ITERATIONS + 1,
                    limit: MAX_TOTAL_ITERATIONS,
                    per_file: true
                })
            );
            assert!(matches!(password.spend(0, 1), Err(Pkcs12Error::Damaged { .. })));
            let message = Pkcs12Error::OverLimit { asked: 2, limit: 1, per_file: false }
                .message(crate::i18n::Lang::En);
            assert!(message.contains("over this tool's limit"), "{message}");
        }
    }
}
