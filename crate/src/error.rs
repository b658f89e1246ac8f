//! Errors about one input item. Each variant is one distinct problem, with the data the user needs.

use crate::i18n::{phrase, Lang};
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
    Base64(Base64Problem),
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
        /// The phrase key naming it: `doc.certificate` or `doc.csr`.
        what: &'static str,
        /// What the parser said.
        detail: String,
    },
    /// A binary file that is not DER at all (a Word document, a ZIP, an image...).
    UnknownBinary {
        /// The phrase key naming what it looks like (`doc.office`, `doc.pdf`, ...).
        kind: &'static str,
    },
    /// A PKCS#7 bundle that cannot be unpacked.
    Pkcs7 {
        /// What is wrong.
        detail: String,
    },
    /// A PKCS#7 bundle with no certificate in it.
    Pkcs7Empty,
    /// An encrypted PKCS#7 / CMS message (envelopedData, encryptedData, authEnvelopedData): not
    /// a bundle of certificates, and nothing in it is readable without the recipient's key.
    Pkcs7Encrypted,
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
    /// One certificate or request larger than [`crate::limits::MAX_OBJECT_BYTES`].
    ObjectTooLarge {
        /// Its size in bytes.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// A certificate bag inside an opened PKCS#12 file that does not hold a certificate.
    Pkcs12Certificate,
}

/// What is wrong with a block's base64 text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base64Problem {
    /// A character base64 does not use.
    Character(char),
    /// Not a whole number of base64 groups: part of the text is missing.
    Length,
    /// The last characters or the padding are wrong.
    Ending,
}

impl InputError {
    /// The message key (see [`crate::i18n`]) and its values, words among them in `lang`.
    pub fn key_and_args(&self, lang: Lang) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            InputError::Empty => ("error.empty", vec![]),
            InputError::NoPemBlock => ("error.no_pem_block", vec![]),
            InputError::PemTruncated { label } => {
                ("error.pem_truncated", vec![("label", label.clone())])
            }
            InputError::PemEmpty => ("error.pem_empty", vec![]),
            InputError::UnsupportedPemLabel { label } => {
                ("error.unsupported_pem_label", vec![("label", label.clone())])
            }
            InputError::Base64(problem) => {
                let detail = match problem {
                    Base64Problem::Character(c) => crate::i18n::fill(
                        phrase("base64.character", lang),
                        &[("char", format!("{c:?}"))],
                    ),
                    Base64Problem::Length => phrase("base64.length", lang).to_string(),
                    Base64Problem::Ending => phrase("base64.ending", lang).to_string(),
                };
                ("error.base64", vec![("detail", detail)])
            }
            InputError::Truncated { declared, actual } => (
                "error.truncated",
                vec![("declared", declared.to_string()), ("actual", actual.to_string())],
            ),
            InputError::NotDer { detail } => ("error.not_der", vec![("detail", detail.clone())]),
            InputError::Unreadable { what, detail } => (
                "error.unreadable",
                vec![("what", phrase(what, lang).to_string()), ("detail", detail.clone())],
            ),
            InputError::UnknownBinary { kind } => {
                ("error.unknown_binary", vec![("kind", phrase(kind, lang).to_string())])
            }
            InputError::Pkcs7 { detail } => ("error.pkcs7", vec![("detail", detail.clone())]),
            InputError::Pkcs7Empty => ("error.pkcs7_empty", vec![]),
            InputError::Pkcs7Encrypted => ("error.pkcs7_encrypted", vec![]),
            InputError::TooLarge { size, limit } => {
                ("error.too_large", vec![("size", size.to_string()), ("limit", limit.to_string())])
            }
            InputError::ObjectTooLarge { size, limit } => (
                "error.object_too_large",
                vec![("size", size.to_string()), ("limit", limit.to_string())],
            ),
            InputError::TotalTooLarge { limit } => {
                ("error.total_too_large", vec![("limit", limit.to_string())])
            }
            InputError::TooManyObjects { limit } => {
                ("error.too_many_objects", vec![("limit", limit.to_string())])
            }
            InputError::Pkcs12Certificate => ("error.pkcs12_certificate", vec![]),
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let (key, args) = self.key_and_args(lang);
        crate::i18n::fill(phrase(key, lang), &args)
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for InputError {}
