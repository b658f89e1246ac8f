//! Errors about one input item. Each variant is one distinct problem, with the data the user needs.

use std::fmt;

/// Why one item (a file, a PEM block, a PKCS#7 entry) could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputError {
    /// The input holds nothing but white space.
    Empty,
    /// Text without any `-----BEGIN ...-----` block and not a bare base64 body.
    NoPemBlock,
    /// A PEM block has no matching END line.
    PemTruncated {
        /// The block's label.
        label: String,
    },
    /// A PEM block with nothing between BEGIN and END.
    PemEmpty,
    /// A PEM block whose label we do not read (e.g. PUBLIC KEY, X509 CRL).
    UnsupportedPemLabel {
        /// The block's label.
        label: String,
    },
    /// The base64 text of a block is damaged.
    Base64 {
        /// What the decoder said.
        detail: String,
    },
    /// DER that declares more bytes than are there.
    Truncated {
        /// Bytes the encoding declares.
        declared: usize,
        /// Bytes present.
        actual: usize,
    },
    /// Not DER, or DER of an unknown structure.
    NotDer {
        /// What is wrong.
        detail: String,
    },
    /// Looks like a certificate or CSR but x509-parser cannot read it.
    Unreadable {
        /// "certificate" or "certificate request".
        what: &'static str,
        /// What the parser said.
        detail: String,
    },
    /// A binary file that is not DER at all (a Word document, a ZIP, an image...).
    UnknownBinary {
        /// What it looks like.
        kind: &'static str,
    },
    /// A PKCS#7 bundle that cannot be unpacked.
    Pkcs7 {
        /// What is wrong.
        detail: String,
    },
    /// A PKCS#7 bundle with no certificate in it.
    Pkcs7Empty,
    /// One input is over [`crate::limits::MAX_INPUT_BYTES`].
    TooLarge {
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// All inputs together are over [`crate::limits::MAX_TOTAL_BYTES`]; the rest was not read.
    TotalTooLarge {
        /// The limit.
        limit: usize,
    },
    /// More objects than [`crate::limits::MAX_OBJECTS`]; the rest was not read.
    TooManyObjects {
        /// The limit.
        limit: usize,
    },
    /// A PKCS#12 file that could not be opened.
    Pkcs12 {
        /// What is wrong (wrong password, unsupported encryption...).
        detail: String,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Empty => write!(f, "it is empty"),
            InputError::NoPemBlock => write!(
                f,
                "no certificate text found: expected a block starting with -----BEGIN CERTIFICATE----- (or CERTIFICATE REQUEST, PKCS7)"
            ),
            InputError::PemTruncated { label } => {
                write!(f, "the {label} block has no -----END {label}----- line: it was cut off when copied")
            }
            InputError::PemEmpty => write!(f, "the block is empty between its BEGIN and END lines"),
            InputError::UnsupportedPemLabel { label } => {
                write!(f, "a {label} block is not a certificate, certificate request or PKCS#7 bundle")
            }
            InputError::Base64 { detail } => {
                write!(f, "the base64 text is damaged ({detail}): copy the whole block again")
            }
            InputError::Truncated { declared, actual } => write!(
                f,
                "the data is cut short: it declares {declared} bytes but only {actual} are there"
            ),
            InputError::NotDer { detail } => write!(f, "not a certificate: {detail}"),
            InputError::Unreadable { what, detail } => {
                write!(f, "looks like a {what} but cannot be read: {detail}")
            }
            InputError::UnknownBinary { kind } => write!(
                f,
                "this is {kind}, not a certificate: save the certificate itself (PEM/Base-64 or DER .cer)"
            ),
            InputError::Pkcs7 { detail } => write!(f, "the PKCS#7 bundle cannot be unpacked: {detail}"),
            InputError::Pkcs7Empty => write!(f, "the PKCS#7 bundle holds no certificate"),
            InputError::TooLarge { size, limit } => write!(
                f,
                "it is {size} bytes; the limit for one file or paste is {limit} bytes"
            ),
            InputError::TotalTooLarge { limit } => write!(
                f,
                "all inputs together are over the limit of {limit} bytes; the rest was not read"
            ),
            InputError::TooManyObjects { limit } => write!(
                f,
                "more than {limit} objects; the rest was not read"
            ),
            InputError::Pkcs12 { detail } => write!(f, "the PKCS#12 file cannot be opened: {detail}"),
        }
    }
}

impl std::error::Error for InputError {}
