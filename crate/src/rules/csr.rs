//! Pairing CA answers with the CSRs they answer (seed 002).

use super::{Hit, Needs, Rule, Severity};
use crate::analysis::Analysis;
use crate::deployment::roles::server_name;
use crate::x509::certificate::Certificate;
use crate::x509::csr::Csr;

const CITE: &str =
    "002_0fb8040ec2c52a7f.txt § Instale Certificados assinados do aplicativo de Tomcat";

/// A certificate whose key matches no CSR, while a CSR for the same name was given.
pub const KEY_MISMATCH: Rule = Rule {
    id: "csr.key_mismatch",
    severity: Severity::Error,
    title: "The certificate's public key is not the CSR's: it does not answer that CSR",
    citation: CITE,
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .leaves()
            .filter(|(_, _, role)| role.csr.is_none() && !role.self_signed_leaf)
            .filter_map(|(index, certificate, _)| {
                let csr = csr_for_same_server(analysis, certificate)?;
                Some(Hit::on(index).with("csr", csr.display_name()))
            })
            .collect()
    },
};

/// A server certificate that answers none of the CSRs given.
pub const NO_MATCHING_CSR: Rule = Rule {
    id: "csr.no_matching_csr",
    severity: Severity::Info,
    title: "CSRs were given, but this server certificate answers none of them",
    citation: CITE,
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        if analysis.csrs.is_empty() {
            return Vec::new();
        }
        analysis
            .leaves()
            .filter(|(_, certificate, role)| {
                role.csr.is_none()
                    && !role.self_signed_leaf
                    && csr_for_same_server(analysis, certificate).is_none()
            })
            .map(|(index, _, _)| Hit::on(index).with("count", analysis.csrs.len().to_string()))
            .collect()
    },
};

/// The certificate's subject differs from its CSR's.
pub const SUBJECT_MISMATCH: Rule = Rule {
    id: "csr.subject_mismatch",
    severity: Severity::Warning,
    title: "The certificate's subject differs from the subject of its CSR",
    citation: CITE,
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .leaves()
            .filter_map(|(index, certificate, role)| {
                let csr = analysis.csr(role.csr?)?;
                (csr.normalised_subject != certificate.normalised_subject).then(|| {
                    Hit::on(index)
                        .with("certificate_subject", certificate.info.subject.clone())
                        .with("csr_subject", csr.info.subject.clone())
                })
            })
            .collect()
    },
};

/// A CSR for the same server as `certificate`: same CN (the node FQDN). Shared parent-domain SANs
/// (OS Administration adds the parent domain to every CSR) do not count.
fn csr_for_same_server<'a>(analysis: &'a Analysis, certificate: &Certificate) -> Option<&'a Csr> {
    let server = server_name(&certificate.info.subject_cn, &certificate.info.san.dns)?;
    analysis
        .csrs
        .iter()
        .map(|(_, csr)| csr)
        .find(|csr| server_name(&csr.info.subject_cn, &csr.info.san.dns).as_ref() == Some(&server))
}
