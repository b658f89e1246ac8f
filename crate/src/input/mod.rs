//! Ingestion: turn what the user dropped or pasted into typed DER objects.
//!
//! An input is a name (a file name, or "pasted text") and its bytes. It may hold PEM text with any
//! number of blocks and text around them, a bare base64 body, binary DER, a PKCS#7 bundle, a PKCS#12
//! file, a private key or garbage. Every object found keeps its [`Origin`]; a bad block yields an
//! [`InputError`] for that block only, and the rest of the input is still read.
//!
//! Private keys are recognised by their PEM label or by their outer DER shape only: their content is
//! never decoded into key material, kept or echoed.

pub mod ber;
pub mod pfx;

use base64::Engine;
use serde::Serialize;

use crate::error::{Base64Problem, InputError};
use crate::input::ber::Shape;
use crate::input::pfx::Pkcs12Error;
use crate::limits;

/// One thing the user gave us: a dropped file or a paste.
#[derive(Clone, Debug)]
pub struct Input {
    /// File name, or a label such as "pasted text".
    pub name: String,
    /// Raw bytes as read from the file or the text box.
    pub bytes: Vec<u8>,
    /// The password for a PKCS#12 file, if the user gave one (used in memory only).
    pub password: Option<String>,
}

impl Input {
    /// An input made from pasted text.
    pub fn text(name: impl Into<String>, text: impl Into<String>) -> Self {
        Input { name: name.into(), bytes: text.into().into_bytes(), password: None }
    }

    /// The same input with a PKCS#12 password.
    pub fn with_password(mut self, password: impl Into<String>) -> Self {
        self.password = Some(password.into());
        self
    }

    /// An input made from a file's bytes.
    pub fn file(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        Input { name: name.into(), bytes, password: None }
    }
}

/// How an object was encoded where we found it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// A PEM block (`-----BEGIN ...-----`).
    Pem,
    /// Binary DER.
    Der,
    /// A bare base64 body without PEM header lines.
    Base64,
}

/// Where an object came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The input's name (file name or "pasted text").
    pub source: String,
    /// 1-based index of the PEM block (or base64/DER object) inside the input.
    pub block: usize,
    /// 1-based position inside a PKCS#7 or PKCS#12 container, when the object was unpacked from one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<usize>,
    /// How the object was encoded.
    pub encoding: Encoding,
    /// The PEM label, when there was one (`CERTIFICATE`, `NEW CERTIFICATE REQUEST`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The container the object was unpacked from (`pkcs7` or `pkcs12`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container: Option<&'static str>,
}

impl Origin {
    /// A short human description: `chain.pem, block 2` or `bundle.p7b, block 1, #3`.
    pub fn describe(&self) -> String {
        self.describe_in(crate::i18n::Lang::En)
    }

    /// The same description in `lang`.
    pub fn describe_in(&self, lang: crate::i18n::Lang) -> String {
        let mut args = vec![("source", self.source.clone()), ("block", self.block.to_string())];
        let key = match self.position {
            Some(position) => {
                args.push(("position", position.to_string()));
                "origin.position"
            }
            None => "origin.block",
        };
        crate::i18n::fill(crate::i18n::phrase(key, lang), &args)
    }
}

/// What an object is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Object {
    /// A DER-encoded X.509 certificate.
    Certificate(Vec<u8>),
    /// A DER-encoded PKCS#10 certificate signing request.
    Csr(Vec<u8>),
    /// A private key; only its form is known (e.g. "PKCS#8", "RSA PRIVATE KEY", "encrypted PKCS#8").
    PrivateKey {
        /// The key's form.
        form: String,
    },
    /// A PKCS#12 (.pfx/.p12) file and what opening it gave; its certificates and keys follow it
    /// as their own objects.
    Pkcs12(Result<Pkcs12Contents, Pkcs12Error>),
    /// Something that is none of the above.
    Garbage(InputError),
}

/// What an opened PKCS#12 file held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Pkcs12Contents {
    /// Certificates.
    pub certificates: usize,
    /// Private keys (never decrypted).
    pub keys: usize,
}

/// One object found in the inputs, with where it came from.
#[derive(Clone, Debug)]
pub struct Found {
    /// Where the object came from.
    pub origin: Origin,
    /// The object.
    pub object: Object,
}

/// Everything found in a set of inputs.
#[derive(Clone, Debug, Default)]
pub struct Ingested {
    /// Objects in input order.
    pub objects: Vec<Found>,
    /// Inputs (by name) where binary DER was decoded.
    pub der_inputs: Vec<String>,
    /// Containers unpacked: (origin, kind, count of certificates).
    pub pkcs7_bundles: Vec<(Origin, usize)>,
    /// Set when a limit stopped reading; the message says which.
    pub truncated: Option<InputError>,
}

/// Read every input. Nothing one input does stops the others.
pub fn ingest(inputs: &[Input]) -> Ingested {
    let mut out = Ingested::default();
    let mut total: usize = 0;
    for input in inputs {
        total = total.saturating_add(input.bytes.len());
        if input.bytes.len() > limits::MAX_INPUT_BYTES {
            push(
                &mut out,
                origin(&input.name, 1, Encoding::Der, None),
                Object::Garbage(InputError::TooLarge {
                    size: input.bytes.len(),
                    limit: limits::MAX_INPUT_BYTES,
                }),
            );
            continue;
        }
        if total > limits::MAX_TOTAL_BYTES {
            out.truncated = Some(InputError::TotalTooLarge { limit: limits::MAX_TOTAL_BYTES });
            break;
        }
        read_input(input, &mut out);
        if out.objects.len() > limits::MAX_OBJECTS {
            out.objects.truncate(limits::MAX_OBJECTS);
            out.truncated = Some(InputError::TooManyObjects { limit: limits::MAX_OBJECTS });
            break;
        }
    }
    out
}

fn origin(source: &str, block: usize, encoding: Encoding, label: Option<&str>) -> Origin {
    Origin {
        source: source.to_string(),
        block,
        position: None,
        encoding,
        label: label.map(str::to_string),
        container: None,
    }
}

fn push(out: &mut Ingested, origin: Origin, object: Object) {
    out.objects.push(Found { origin, object });
}

fn read_input(input: &Input, out: &mut Ingested) {
    let bytes = input.bytes.as_slice();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        push(out, origin(&input.name, 1, Encoding::Der, None), Object::Garbage(InputError::Empty));
        return;
    }
    if let Some(text) = decode_text(bytes) {
        if text.contains("-----BEGIN") {
            read_pem_text(&input.name, &text, input.password.as_deref(), out);
            return;
        }
        // A bare base64 body (someone copied only the lines between BEGIN and END).
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if looks_like_base64(&compact) {
            match base64::engine::general_purpose::STANDARD.decode(compact.as_bytes()) {
                Ok(der) if der.first() == Some(&0x30) => {
                    let at = origin(&input.name, 1, Encoding::Base64, None);
                    classify_der(der, at, input.password.as_deref(), out);
                    return;
                }
                _ => {}
            }
        }
        if !text.starts_with('0') && !has_control(&text) {
            let at = origin(&input.name, 1, Encoding::Pem, None);
            push(out, at, Object::Garbage(InputError::NoPemBlock));
            return;
        }
    }
    let at = origin(&input.name, 1, Encoding::Der, None);
    if bytes.first() == Some(&0x30) {
        let before = out.objects.len();
        classify_der(bytes.to_vec(), at, input.password.as_deref(), out);
        let decoded = out.objects[before..]
            .iter()
            .any(|found| matches!(found.object, Object::Certificate(_) | Object::Csr(_)));
        if decoded && !out.der_inputs.contains(&input.name) {
            out.der_inputs.push(input.name.clone());
        }
    } else {
        push(out, at, Object::Garbage(InputError::UnknownBinary { kind: sniff_document(bytes) }));
    }
}

/// Decode bytes as text when they are text: UTF-8 (with or without BOM) or UTF-16 with a BOM
/// (PowerShell's `>` writes UTF-16LE).
fn decode_text(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return std::str::from_utf8(rest).ok().map(str::to_string);
    }
    let utf16 = |rest: &[u8], little: bool| -> Option<String> {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|pair| {
                if little {
                    u16::from_le_bytes([pair[0], pair[1]])
                } else {
                    u16::from_be_bytes([pair[0], pair[1]])
                }
            })
            .collect();
        String::from_utf16(&units).ok()
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false);
    }
    // DER starts with 0x30 ('0'); a DER file is valid UTF-8 only by accident, so require text.
    let text = std::str::from_utf8(bytes).ok()?;
    if has_control(text) {
        return None;
    }
    Some(text.to_string())
}

/// Whether `text` holds a control character that is not whitespace (`char::is_control` and not
/// `char::is_whitespace`), by bytes: a 10 MB paste is scanned here once.
fn has_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    let control_at = |at: usize| match bytes[at] {
        0x00..=0x08 | 0x0E..=0x1F | 0x7F => true,
        // U+0080..U+009F are C2 80..C2 9F in UTF-8; U+0085 (next line) is whitespace.
        0xC2 => matches!(bytes.get(at + 1), Some(0x80..=0x84 | 0x86..=0x9F)),
        _ => false,
    };
    // Printable ASCII chunks (almost all of a PEM file) are passed over without a branch per byte.
    const CHUNK: usize = 32;
    bytes.chunks(CHUNK).enumerate().any(|(index, chunk)| {
        let printable = chunk.iter().fold(true, |all, &byte| all & (0x20..0x7F).contains(&byte));
        !printable && (0..chunk.len()).any(|offset| control_at(index * CHUNK + offset))
    })
}

fn looks_like_base64(compact: &str) -> bool {
    compact.len() >= 16
        && compact.len().is_multiple_of(4)
        && compact.bytes().all(|byte| BASE64[usize::from(byte)])
}

/// Name common non-certificate binary files (a phrase key), so the message can say what was dropped.
fn sniff_document(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "doc.office"
    } else if bytes.starts_with(b"PK\x03\x04") {
        "doc.zip"
    } else if bytes.starts_with(b"%PDF") {
        "doc.pdf"
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G']) || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
    {
        "doc.image"
    } else {
        "doc.binary"
    }
}

/// A PEM block found in text.
struct PemBlock<'a> {
    label: &'a str,
    body: Result<Vec<u8>, InputError>,
}

fn read_pem_text(source: &str, text: &str, password: Option<&str>, out: &mut Ingested) {
    for (index, block) in pem_blocks(text).into_iter().enumerate() {
        let number = index + 1;
        let at = origin(source, number, Encoding::Pem, Some(block.label));
        let label = block.label.to_ascii_uppercase();
        if label.contains("PRIVATE KEY") {
            // Never decode a private key: report its form only.
            push(out, at, Object::PrivateKey { form: label });
            continue;
        }
        let der = match block.body {
            Ok(der) => der,
            Err(error) => {
                push(out, at, Object::Garbage(error));
                continue;
            }
        };
        match label.as_str() {
            "CERTIFICATE"
            | "X509 CERTIFICATE"
            | "TRUSTED CERTIFICATE"
            | "CERTIFICATE REQUEST"
            | "NEW CERTIFICATE REQUEST"
            | "PKCS7"
            | "PKCS #7 SIGNED DATA"
            | "CMS"
            | "PKCS12" => classify_der(der, at, password, out),
            _ => push(
                out,
                at,
                Object::Garbage(InputError::UnsupportedPemLabel { label: block.label.to_string() }),
            ),
        }
        if out.objects.len() > limits::MAX_OBJECTS {
            return;
        }
    }
}

/// Find every `-----BEGIN X-----` ... `-----END X-----` block. Tolerates CRLF, leading spaces,
/// RFC 1421 header lines and any text between blocks.
fn pem_blocks(text: &str) -> Vec<PemBlock<'_>> {
    const BEGIN: &str = "-----BEGIN ";
    let mut blocks = Vec::new();
    let mut rest = text;
    // Every search below looks only up to the next BEGIN line, so each byte of the input is read a
    // bounded number of times: a file of BEGIN lines without END, or with mismatched labels,
    // costs time linear in its size.
    while let Some(start) = rest.find(BEGIN) {
        let after_begin = &rest[start + BEGIN.len()..];
        let line = &after_begin[..after_begin.find('\n').unwrap_or(after_begin.len())];
        let Some(label_end) = line.find("-----") else {
            // Not a PEM header line: go on after it.
            rest = after_begin;
            continue;
        };
        let label = line[..label_end].trim();
        let body_start = &after_begin[label_end + 5..];
        // The body ends at the matching END line, or (for a truncated block) at the next BEGIN.
        let next_begin = body_start.find(BEGIN);
        let scope = &body_start[..next_begin.unwrap_or(body_start.len())];
        let end_marker = format!("-----END {label}-----");
        match scope.find(&end_marker) {
            Some(end) => {
                blocks.push(PemBlock { label, body: decode_pem_body(&body_start[..end]) });
                rest = &body_start[end + end_marker.len()..];
            }
            None => {
                blocks.push(PemBlock {
                    label,
                    body: Err(InputError::PemTruncated { label: label.to_string() }),
                });
                rest = match next_begin {
                    Some(next) => &body_start[next..],
                    None => "",
                };
            }
        }
    }
    blocks
}

/// The bytes of the base64 alphabet (with padding).
const BASE64: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=';
        byte += 1;
    }
    table
};

fn decode_pem_body(body: &str) -> Result<Vec<u8>, InputError> {
    // RFC 1421 header lines ("Proc-Type: ...") never hold base64; whitespace of any kind (also a
    // no-break space pasted from a word processor) is dropped.
    let compact: Vec<u8> = if body.is_ascii() {
        // The common case, byte by byte: a 10 000-certificate bundle is mostly this loop.
        let mut compact = Vec::with_capacity(body.len());
        for line in body.as_bytes().split(|&byte| byte == b'\n') {
            if line.contains(&b':') {
                continue;
            }
            // Most lines are pure base64 (with a CR): copied whole.
            let line = line.trim_ascii();
            if line.iter().fold(true, |all, &byte| all & BASE64[usize::from(byte)]) {
                compact.extend_from_slice(line);
                continue;
            }
            for &byte in line {
                if BASE64[usize::from(byte)] {
                    compact.push(byte);
                } else if !byte.is_ascii_whitespace() {
                    return Err(InputError::Base64(Base64Problem::Character(char::from(byte))));
                }
            }
        }
        compact
    } else {
        let text: String = body
            .lines()
            .filter(|line| !line.contains(':'))
            .flat_map(|line| line.chars().filter(|c| !c.is_whitespace()))
            .collect();
        // The ASCII path above checked each byte as it went.
        if let Some(bad) = text.chars().find(|c| !c.is_ascii() || !BASE64[usize::from(*c as u8)]) {
            return Err(InputError::Base64(Base64Problem::Character(bad)));
        }
        text.into_bytes()
    };
    if compact.is_empty() {
        return Err(InputError::PemEmpty);
    }
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    engine.decode(&compact).map_err(|error| {
        InputError::Base64(match error {
            base64::DecodeError::InvalidByte(_, byte) => Base64Problem::Character(char::from(byte)),
            base64::DecodeError::InvalidLength(_) => Base64Problem::Length,
            base64::DecodeError::InvalidLastSymbol(..) | base64::DecodeError::InvalidPadding => {
                Base64Problem::Ending
            }
        })
    })
}

/// Decide what a DER object is by its content, and push it (or what it contains).
fn classify_der(der: Vec<u8>, at: Origin, password: Option<&str>, out: &mut Ingested) {
    let shape = ber::classify(&der);
    // Containers (PKCS#7, PKCS#12) may be large; one certificate or request may not.
    if der.len() > limits::MAX_OBJECT_BYTES
        && matches!(shape, Shape::Certificate | Shape::Csr | Shape::Unknown(_))
    {
        let error = InputError::ObjectTooLarge { size: der.len(), limit: limits::MAX_OBJECT_BYTES };
        push(out, at, Object::Garbage(error));
        return;
    }
    match shape {
        Shape::Certificate => push(out, at, Object::Certificate(der)),
        Shape::Csr => push(out, at, Object::Csr(der)),
        Shape::PrivateKey(form) => push(out, at, Object::PrivateKey { form: form.to_string() }),
        Shape::Pkcs12 => match pfx::open(&der, password) {
            Ok(opened) => {
                let contents =
                    Pkcs12Contents { certificates: opened.certificates.len(), keys: opened.keys };
                push(out, at.clone(), Object::Pkcs12(Ok(contents)));
                let mut position = 0;
                let mut inner = || {
                    position += 1;
                    let mut inner = at.clone();
                    inner.position = Some(position);
                    inner.container = Some("pkcs12");
                    inner
                };
                for certificate in opened.certificates {
                    let object = match ber::classify(&certificate) {
                        Shape::Certificate => Object::Certificate(certificate),
                        _ => Object::Garbage(InputError::Pkcs12Certificate),
                    };
                    push(out, inner(), object);
                }
                for _ in 0..opened.keys {
                    push(out, inner(), Object::PrivateKey { form: "PKCS#12 KeyBag".into() });
                }
            }
            Err(error) => push(out, at, Object::Pkcs12(Err(error))),
        },
        Shape::Pkcs7 => match ber::pkcs7_certificates(&der) {
            Ok(certificates) => {
                out.pkcs7_bundles.push((at.clone(), certificates.len()));
                if certificates.is_empty() {
                    push(out, at.clone(), Object::Garbage(InputError::Pkcs7Empty));
                }
                for (index, certificate) in certificates.into_iter().enumerate() {
                    let mut inner = at.clone();
                    inner.position = Some(index + 1);
                    inner.container = Some("pkcs7");
                    let object = match ber::classify(&certificate) {
                        Shape::Certificate => Object::Certificate(certificate),
                        _ => Object::Garbage(InputError::NotDer {
                            detail: "a PKCS#7 entry is not a readable certificate".into(),
                        }),
                    };
                    push(out, inner, object);
                }
            }
            Err(error) => push(out, at, Object::Garbage(error)),
        },
        Shape::Unknown(error) => push(out, at, Object::Garbage(error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_blocks_between_text_with_crlf_and_spaces() {
        let text = "Bag Attributes\r\n    localKeyID: 01\r\nsubject=/CN=x\r\n  -----BEGIN CERTIFICATE-----\r\n  QUJD\r\n  -----END CERTIFICATE-----\r\ntext\r\n-----BEGIN PKCS7-----\r\nREVG\r\n-----END PKCS7-----\r\n";
        let blocks = pem_blocks(text);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].label, "CERTIFICATE");
        assert_eq!(blocks[0].body.as_ref().ok(), Some(&b"ABC".to_vec()));
        assert_eq!(blocks[1].label, "PKCS7");
    }

    #[test]
    fn truncated_block_does_not_swallow_the_next() {
        let text = "-----BEGIN CERTIFICATE-----\nQUJD\n-----BEGIN CERTIFICATE-----\nREVG\n-----END CERTIFICATE-----\n";
        let blocks = pem_blocks(text);
        assert_eq!(blocks.len(), 2);
        assert!(matches!(blocks[0].body, Err(InputError::PemTruncated { .. })));
        assert!(blocks[1].body.is_ok());
    }

    #[test]
    fn bad_base64_is_reported() {
        let blocks = pem_blocks("-----BEGIN CERTIFICATE-----\nQU*D\n-----END CERTIFICATE-----");
        assert!(matches!(blocks[0].body, Err(InputError::Base64(_))));
    }

    #[test]
    fn private_key_is_never_decoded() {
        let ingested = ingest(&[Input::text(
            "paste",
            "-----BEGIN RSA PRIVATE KEY-----\nnot even base64 !!\n-----END RSA PRIVATE KEY-----",
        )]);
        assert_eq!(ingested.objects.len(), 1);
        assert_eq!(
            ingested.objects[0].object,
            Object::PrivateKey { form: "RSA PRIVATE KEY".into() }
        );
    }

    #[test]
    fn utf16_text_is_read() {
        let text = "-----BEGIN PUBLIC KEY-----\nQUJD\n-----END PUBLIC KEY-----";
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let ingested = ingest(&[Input::file("key.txt", bytes)]);
        assert!(matches!(
            ingested.objects[0].object,
            Object::Garbage(InputError::UnsupportedPemLabel { .. })
        ));
    }

    #[test]
    fn control_characters_by_bytes_match_char_definitions() {
        for code in (0..0x3100u32).chain([0xFEFF, 0x1F600]) {
            let Some(c) = char::from_u32(code) else { continue };
            let text = format!("a{c}b");
            assert_eq!(has_control(&text), c.is_control() && !c.is_whitespace(), "U+{code:04X}");
        }
    }

    #[test]
    fn a_stray_character_in_a_pem_body_is_named() {
        let ascii = decode_pem_body("MIIB\nAB!C\n");
        assert_eq!(ascii, Err(InputError::Base64(Base64Problem::Character('!'))));
        // Non-ASCII text: a no-break space is whitespace and dropped; an accented letter is not.
        assert!(decode_pem_body("MIIB\u{a0}AAAA\n").is_ok());
        let accented = decode_pem_body("MIIB\nAAé\n");
        assert_eq!(accented, Err(InputError::Base64(Base64Problem::Character('é'))));
    }

    #[test]
    fn word_document_is_named() {
        let ingested = ingest(&[Input::file("cert.doc", vec![0xD0, 0xCF, 0x11, 0xE0, 1, 2, 3])]);
        assert!(matches!(
            &ingested.objects[0].object,
            Object::Garbage(InputError::UnknownBinary { kind }) if *kind == "doc.office"
        ));
    }

    #[test]
    fn empty_input_is_reported() {
        let ingested = ingest(&[Input::text("paste", "  \n ")]);
        assert_eq!(ingested.objects[0].object, Object::Garbage(InputError::Empty));
    }
}
