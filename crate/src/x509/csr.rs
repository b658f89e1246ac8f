//! Our view of a PKCS#10 certificate signing request (what OS Administration's "Generate CSR" makes).

use serde::Serialize;
use x509_parser::certification_request::X509CertificationRequest;
use x509_parser::der_parser::asn1_rs::ToDer;
use x509_parser::extensions::ParsedExtension;
use x509_parser::prelude::FromDer;

use crate::error::InputError;
use crate::i18n::Lang;
use crate::input::ber::{children, read_element};
use crate::x509::certificate::{
    add_general_name, common_names, extension_name, name_to_string, normalise_name, ExtensionInfo,
    SubjectAltNames,
};
use crate::x509::key::{public_key_info, PublicKeyInfo};
use crate::x509::verify::{self, SignatureAlgorithm, SignatureError, SignedData, SignerKey};

/// Everything shown about a CSR.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CsrInfo {
    /// Subject DN.
    pub subject: String,
    /// Subject common names.
    pub subject_cn: Vec<String>,
    /// SANs requested in the extensionRequest attribute.
    pub san: SubjectAltNames,
    /// True when the CSR carries a subjectAltName request at all.
    pub has_san_request: bool,
    /// Extensions requested.
    pub extensions: Vec<ExtensionInfo>,
    /// Public key.
    pub public_key: PublicKeyInfo,
    /// Signature algorithm name.
    pub signature_algorithm: String,
    /// The CSR's self-signature verifies with its own key.
    pub signature_valid: bool,
    /// Why the signature could not be verified, when it could not.
    pub signature_problem: Option<String>,
}

/// A parsed CSR with what matching needs.
#[derive(Clone, Debug)]
pub struct Csr {
    /// The DER.
    pub der: Vec<u8>,
    /// The facts shown.
    pub info: CsrInfo,
    /// Why its own signature does not verify, typed (rendered per language).
    pub signature_error: Option<SignatureError>,
    /// Normalised subject for comparison with a certificate's subject.
    pub normalised_subject: String,
    /// The signed CertificationRequestInfo.
    signed: Vec<u8>,
    /// Signature algorithm OID, dotted.
    signature_oid: String,
    /// DER of the signature algorithm parameters.
    signature_params: Option<Vec<u8>>,
    /// The signature bits.
    signature: Vec<u8>,
    /// Its subjectPublicKey bits.
    public_key_bytes: Vec<u8>,
    /// Its SubjectPublicKeyInfo (DER).
    spki_der: Vec<u8>,
}

/// The CertificationRequestInfo as signed (its whole encoding).
fn signed_part(der: &[u8]) -> Option<Vec<u8>> {
    let outer = read_element(der).ok()?;
    let info = read_element(outer.content).ok()?;
    Some(outer.content[..info.encoded_len].to_vec())
}

/// `der` with only the attributes x509-parser reads one by one; none when the rest of the
/// request is not a CertificationRequest either.
fn without_unreadable_attributes(der: &[u8]) -> Option<Vec<u8>> {
    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        let length = content.len();
        if length < 0x80 {
            out.push(length as u8);
        } else {
            let bytes: Vec<u8> =
                length.to_be_bytes().iter().copied().skip_while(|byte| *byte == 0).collect();
            out.push(0x80 | bytes.len() as u8);
            out.extend(bytes);
        }
        out.extend_from_slice(content);
        out
    }
    let outer = read_element(der).ok()?;
    let parts = children(outer.content).ok()?;
    let [info, algorithm, signature] = parts.as_slice() else { return None };
    let fields = children(info.content).ok()?;
    let (Some(version), Some(subject), Some(key)) = (fields.first(), fields.get(1), fields.get(2))
    else {
        return None;
    };
    let whole = |element: &crate::input::ber::Element<'_>| tlv(element.tag, element.content);
    let head: Vec<u8> = [whole(version), whole(subject), whole(key)].concat();
    let tail: Vec<u8> = [whole(algorithm), whole(signature)].concat();
    let request = |attributes: &[u8]| {
        let info = tlv(0x30, &[head.as_slice(), &tlv(0xa0, attributes)].concat());
        tlv(0x30, &[info, tail.clone()].concat())
    };
    let attributes = match fields.get(3) {
        Some(attributes) if attributes.tag == 0xa0 => children(attributes.content).ok()?,
        _ => Vec::new(),
    };
    let mut kept = Vec::new();
    for attribute in attributes {
        let one = whole(&attribute);
        if X509CertificationRequest::from_der(&request(&one)).is_ok() {
            kept.extend(one);
        }
    }
    Some(request(&kept))
}

impl Csr {
    /// Read a DER CSR without checking its signature (then [`Csr::settle`] records how it checked).
    pub fn parse(der: &[u8]) -> Result<Csr, InputError> {
        // A request with one malformed attribute (an INTEGER challengePassword, a long-form
        // tag, an empty extensionRequest) is read without it, as OpenSSL reads it: the
        // attributes that parse alone are kept, and the signature is still checked over the
        // request as it was signed.
        let rebuilt;
        let (_, parsed) = match X509CertificationRequest::from_der(der) {
            Ok(parsed) => parsed,
            Err(error) => {
                let unreadable =
                    || InputError::Unreadable { what: "doc.csr", detail: error.to_string() };
                rebuilt = without_unreadable_attributes(der).ok_or_else(unreadable)?;
                X509CertificationRequest::from_der(&rebuilt).map_err(|_| unreadable())?
            }
        };
        let signed_info = signed_part(der).unwrap_or_default();
        let request = &parsed.certification_request_info;
        let public_key = public_key_info(&request.subject_pki);
        let mut san = SubjectAltNames::default();
        let mut has_san_request = false;
        let mut extensions = Vec::new();
        for attribute in request.iter_attributes() {
            if let x509_parser::cri_attributes::ParsedCriAttribute::ExtensionRequest(request) =
                attribute.parsed_attribute()
            {
                for extension in &request.extensions {
                    let oid = extension.oid.to_id_string();
                    extensions.push(ExtensionInfo {
                        name: extension_name(&oid),
                        oid,
                        critical: extension.critical,
                    });
                    if let ParsedExtension::SubjectAlternativeName(names) =
                        extension.parsed_extension()
                    {
                        has_san_request = true;
                        for name in &names.general_names {
                            add_general_name(name, &mut san);
                        }
                    }
                }
            }
        }
        let signature_oid = parsed.signature_algorithm.algorithm.to_id_string();
        let signature_params = parsed
            .signature_algorithm
            .parameters
            .as_ref()
            .map(|any| any.to_der_vec().unwrap_or_default());
        Ok(Csr {
            signature_error: None,
            der: der.to_vec(),
            normalised_subject: normalise_name(&request.subject),
            info: CsrInfo {
                subject: name_to_string(&request.subject),
                subject_cn: common_names(&request.subject),
                san,
                has_san_request,
                extensions,
                public_key,
                signature_algorithm: SignatureAlgorithm::name(&signature_oid),
                signature_valid: false,
                signature_problem: None,
            },
            signed: signed_info,
            signature_oid,
            signature_params,
            signature: parsed.signature_value.data.to_vec(),
            public_key_bytes: request.subject_pki.subject_public_key.data.to_vec(),
            spki_der: request.subject_pki.raw.to_vec(),
        })
    }

    /// What was signed and with which key: its own (a CSR proves possession of its key).
    fn signed_data(&self) -> (SignedData<'_>, SignerKey<'_>) {
        (
            SignedData {
                message: &self.signed,
                algorithm_oid: &self.signature_oid,
                algorithm_params: self.signature_params.as_deref(),
                signature: &self.signature,
            },
            SignerKey {
                algorithm: &self.info.public_key.algorithm,
                public_key_bytes: &self.public_key_bytes,
            },
        )
    }

    /// Check its own signature here.
    pub fn verify_own_signature(&self) -> Result<(), SignatureError> {
        let (data, key) = self.signed_data();
        verify::verify(&data, &key)
    }

    /// Its own signature described for a platform verifier (see [`verify::request`]).
    pub fn signature_request(&self) -> Option<verify::Request> {
        let (data, key) = self.signed_data();
        verify::request(&data, &key, &self.spki_der)
    }

    /// Record how its signature checked, the problem said in `lang`.
    pub fn settle(&mut self, check: Result<(), SignatureError>, lang: Lang) {
        self.info.signature_valid = check.is_ok();
        self.info.signature_problem = check.as_ref().err().map(|error| error.message(lang));
        self.signature_error = check.err();
    }

    /// A name for messages: the first CN or the subject.
    pub fn display_name(&self) -> String {
        self.info.subject_cn.first().cloned().unwrap_or_else(|| self.info.subject.clone())
    }
}
