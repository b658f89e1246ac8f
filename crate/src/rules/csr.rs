//! Pairing CA answers with the CSRs they answer (seed 002).

use super::{Hit, Needs, Rule, Severity};
use crate::analysis::Analysis;
use crate::roles::canonical_dns;

const CITE: &str = "002_0fb8040ec2c52a7f.txt § Instale Certificados assinados do aplicativo de Tomcat";

/// A certificate whose key matches no CSR, while a CSR for the same name was given.
pub const KEY_MISMATCH: Rule = Rule {
    id: "csr.key_mismatch",
    severity: Severity::Error,
    title: "The certificate's public key is not the CSR's: it does not answer that CSR",
    citation: CITE,
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let mut hits = Vec::new();
        for (index, certificate, role) in analysis.leaves() {
            if role.csr.is_some() || role.self_signed_leaf {
                continue;
            }
            // The CSR for the same server: same CN (the node FQDN). Shared parent-domain SANs
            // (OS Administration adds the parent domain to every CSR) do not count.
            let server = primary_name(&certificate.info.subject_cn, &certificate.info.san.dns);
            let same_name = analysis.csrs.iter().find(|(_, csr)| {
                server.is_some() && primary_name(&csr.info.subject_cn, &csr.info.san.dns) == server
            });
            if let Some((_, csr)) = same_name {
                hits.push(Hit::on(index).with("csr", csr.display_name()));
            }
        }
        hits
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
        let flagged = (KEY_MISMATCH.check)(analysis);
        analysis
            .leaves()
            .filter(|(index, _, role)| {
                role.csr.is_none() && !role.self_signed_leaf && !flagged.iter().any(|hit| hit.item == Some(*index))
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
                (csr.subject_key != certificate.subject_key).then(|| {
                    Hit::on(index)
                        .with("certificate_subject", certificate.info.subject.clone())
                        .with("csr_subject", csr.info.subject.clone())
                })
            })
            .collect()
    },
};

/// The server a certificate or CSR is for: its CN, else its first dNSName.
fn primary_name(common_names: &[String], dns: &[String]) -> Option<String> {
    common_names.first().or_else(|| dns.first()).map(|name| canonical_dns(name))
}
