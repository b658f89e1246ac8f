//! Rules about what the user gave us, before any certificate is judged.

use super::{Hit, Needs, Rule, Severity};
use crate::analysis::{Analysis, ItemKind, Pkcs12State};
use crate::x509::verify::SignatureError;

/// A private key is among the inputs.
pub const PRIVATE_KEY_PRESENT: Rule = Rule {
    id: "input.private_key_present",
    severity: Severity::Warning,
    title: "A private key was given: it is reported, never kept, shown or sent",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .items
            .iter()
            .filter(|item| item.kind == ItemKind::PrivateKey)
            .map(|item| Hit::on(item.index).with("form", item.key_form.clone().unwrap_or_default()))
            .collect()
    },
};

/// An item that is not a certificate, CSR, key or PKCS#7.
pub const GARBAGE: Rule = Rule {
    id: "input.garbage",
    severity: Severity::Error,
    title:
        "A file or block that is not a certificate, CSR, key or PKCS#7 (the rest is still checked)",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let mut hits: Vec<Hit> = analysis
            .items
            .iter()
            .filter(|item| item.kind == ItemKind::Garbage)
            .map(|item| {
                Hit::on(item.index)
                    .with("where", item.origin.describe_in(analysis.lang))
                    .with("problem", item.error.clone().unwrap_or_default())
            })
            .collect();
        if let Some(problem) = &analysis.truncated {
            hits.push(
                Hit::general()
                    .with("where", "input")
                    .with("problem", problem.message(analysis.lang)),
            );
        }
        hits
    },
};

/// Binary DER was decoded.
pub const DER: Rule = Rule {
    id: "input.der",
    severity: Severity::Info,
    title: "Binary DER input was decoded",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis.der_inputs.iter().map(|name| Hit::general().with("file", name.clone())).collect()
    },
};

/// A PKCS#7 bundle was unpacked.
pub const PKCS7: Rule = Rule {
    id: "input.pkcs7",
    severity: Severity::Info,
    title: "A PKCS#7 (.p7b/.p7c, PEM or DER) bundle was unpacked",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .pkcs7_bundles
            .iter()
            .map(|(origin, count)| {
                Hit::general()
                    .with("where", origin.describe_in(analysis.lang))
                    .with("count", count.to_string())
            })
            .collect()
    },
};

/// Template values for a PKCS#12 hit, or `None` when the state is not this rule's.
type Pkcs12Args = Option<Vec<(&'static str, String)>>;

fn pkcs12_hits(analysis: &Analysis, select: fn(&Pkcs12State) -> Pkcs12Args) -> Vec<Hit> {
    analysis
        .items
        .iter()
        .filter_map(|item| {
            let args = select(item.pkcs12.as_ref()?)?;
            let mut hit = Hit::on(item.index).with("file", item.origin.source.clone());
            hit.args.extend(args);
            Some(hit)
        })
        .collect()
}

/// A PKCS#12 file was opened.
pub const PKCS12: Rule = Rule {
    id: "input.pkcs12",
    severity: Severity::Info,
    title: "A PKCS#12 (.pfx/.p12) file was opened in memory; its certificates are checked, its keys only reported",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        pkcs12_hits(analysis, |state| match state {
            Pkcs12State::Opened { certificates, keys } => {
                Some(vec![("certificates", certificates.to_string()), ("keys", keys.to_string())])
            }
            _ => None,
        })
    },
};

/// A PKCS#12 file needs its password.
pub const PKCS12_PASSWORD: Rule = Rule {
    id: "input.pkcs12_password",
    severity: Severity::Warning,
    title: "A PKCS#12 file is protected by a password: its certificates are not checked until it is given",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        pkcs12_hits(analysis, |state| (*state == Pkcs12State::PasswordNeeded).then(Vec::new))
    },
};

/// The password given does not open the PKCS#12 file.
pub const PKCS12_WRONG_PASSWORD: Rule = Rule {
    id: "input.pkcs12_wrong_password",
    severity: Severity::Warning,
    title: "The password given does not open the PKCS#12 file",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        pkcs12_hits(analysis, |state| (*state == Pkcs12State::WrongPassword).then(Vec::new))
    },
};

/// A PKCS#12 file that cannot be read.
pub const PKCS12_UNREADABLE: Rule = Rule {
    id: "input.pkcs12_unreadable",
    severity: Severity::Error,
    title: "A PKCS#12 file uses an unsupported algorithm or is damaged",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        pkcs12_hits(analysis, |state| match state {
            Pkcs12State::Unsupported { detail } | Pkcs12State::Damaged { detail } => {
                Some(vec![("detail", detail.clone())])
            }
            _ => None,
        })
    },
};

/// The same certificate was given more than once.
pub const DUPLICATE: Rule = Rule {
    id: "input.duplicate",
    severity: Severity::Info,
    title: "The same certificate was given more than once",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .items
            .iter()
            .filter_map(|item| {
                let first = item.duplicate_of?;
                Some(
                    Hit::on(item.index)
                        .with("where", item.origin.describe_in(analysis.lang))
                        .with("first", analysis.items[first].origin.describe_in(analysis.lang)),
                )
            })
            .collect()
    },
};

/// A CSR whose own signature does not verify.
pub const CSR_BAD_SIGNATURE: Rule = Rule {
    id: "csr.bad_signature",
    severity: Severity::Error,
    title: "A CSR whose self-signature does not verify (damaged or edited request)",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .csrs
            .iter()
            .filter(|(_, csr)| {
                !csr.info.signature_valid
                    && !matches!(csr.signature_error, Some(SignatureError::Unsupported(_)))
            })
            .map(|(index, csr)| {
                Hit::on(*index)
                    .with("problem", csr.info.signature_problem.clone().unwrap_or_default())
            })
            .collect()
    },
};

/// A CSR signed with an algorithm this tool cannot verify: not damage, and not checked.
pub const CSR_UNVERIFIABLE_SIGNATURE: Rule = Rule {
    id: "csr.unverifiable_signature",
    severity: Severity::Warning,
    title: "A CSR signed with an algorithm this tool cannot verify (DSA, MD4…): not known to be damaged, but not checked",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .csrs
            .iter()
            .filter(|(_, csr)| matches!(csr.signature_error, Some(SignatureError::Unsupported(_))))
            .map(|(index, csr)| {
                Hit::on(*index)
                    .with("problem", csr.info.signature_problem.clone().unwrap_or_default())
            })
            .collect()
    },
};
