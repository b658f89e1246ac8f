//! Pairing CA answers with the CSRs they answer (seed 002).

use super::{Hit, Needs, Rule, Severity};
use crate::analysis::Analysis;
use crate::deployment::roles::{dns_matches, known_hosts, server_name, servers_named};
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

const CITE_SAN: &str = "002_0fb8040ec2c52a7f.txt § Problema - O CSR SAN e certificado SAN não combina; § Problema - REDE:: ERR_CERT_COMMON_NAME_INVALID";

/// The CSRs that no given certificate answers: what the CA is about to sign.
fn unanswered(analysis: &Analysis) -> impl Iterator<Item = (usize, &Csr)> {
    let answered: std::collections::HashSet<usize> =
        analysis.roles.iter().filter_map(|role| role.csr).collect();
    analysis
        .csrs
        .iter()
        // A CSR whose own signature fails is reported as such (csr.bad_signature): the CA
        // refuses it before anything else.
        .filter(move |(index, csr)| !answered.contains(index) && csr.info.signature_valid)
        .map(|(index, csr)| (*index, csr))
}

/// A CSR without subjectAltName: the CA must form it.
pub const NO_SAN: Rule = Rule {
    id: "csr.no_san",
    severity: Severity::Info,
    title: "A CSR without subjectAltName: the CA must add the server's FQDN as a DNS name",
    citation: CITE_SAN,
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        unanswered(analysis)
            .filter(|(_, csr)| csr.info.san.dns.is_empty() && csr.info.san.ip.is_empty())
            .map(|(index, csr)| {
                let name =
                    csr.info.subject_cn.first().cloned().unwrap_or_else(|| csr.display_name());
                Hit::on(index).with("name", name)
            })
            .collect()
    },
};

/// A CSR with subjectAltNames: the CA must copy them exactly.
pub const SAN_TO_COPY: Rule = Rule {
    id: "csr.san_to_copy",
    severity: Severity::Info,
    title: "A CSR with subjectAltNames: the CA must issue exactly those names",
    citation: CITE_SAN,
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        unanswered(analysis)
            .filter(|(_, csr)| !csr.info.san.dns.is_empty())
            .map(|(index, csr)| {
                Hit::on(index).with(
                    "names",
                    csr.info.san.dns.join(crate::i18n::phrase("text.list_join", analysis.lang)),
                )
            })
            .collect()
    },
};

/// A CSR whose CN is not a fully qualified domain name.
pub const CN_NOT_FQDN: Rule = Rule {
    id: "csr.cn_not_fqdn",
    severity: Severity::Warning,
    title: "The CSR's common name is not a fully qualified domain name",
    citation: "002_0fb8040ec2c52a7f.txt § FQDN, DNS, e domínios",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        unanswered(analysis)
            .filter_map(|(index, csr)| {
                let cn = csr.info.subject_cn.first()?;
                let fqdn = cn.contains('.')
                    && !cn.starts_with('.')
                    && !cn.ends_with('.')
                    && cn.parse::<std::net::IpAddr>().is_err();
                (!fqdn).then(|| Hit::on(index).with("cn", cn.clone()))
            })
            .collect()
    },
};

/// A CSR that names none of the deployment's servers.
pub const NOT_FOR_NODE: Rule = Rule {
    id: "csr.not_for_node",
    severity: Severity::Error,
    title: "The CSR names none of the deployment's servers",
    citation: "002_0fb8040ec2c52a7f.txt § Instale Certificados assinados do aplicativo de Tomcat",
    needs: Needs::Nodes,
    check: |analysis: &Analysis| {
        let hosts = known_hosts(&analysis.context);
        unanswered(analysis)
            .filter_map(|(index, csr)| {
                let names: Vec<&str> = csr
                    .info
                    .subject_cn
                    .iter()
                    .chain(&csr.info.san.dns)
                    .map(String::as_str)
                    .collect();
                let for_a_node =
                    hosts.iter().any(|host| names.iter().any(|name| dns_matches(name, host)));
                (!for_a_node).then(|| {
                    Hit::on(index)
                        .with(
                            "names",
                            names.join(crate::i18n::phrase("text.list_join", analysis.lang)),
                        )
                        .with(
                            "servers",
                            hosts.join(crate::i18n::phrase("text.list_join", analysis.lang)),
                        )
                })
            })
            .collect()
    },
};

/// A CSR for several servers.
pub const MULTI_SERVER: Rule = Rule {
    id: "csr.multi_server",
    severity: Severity::Error,
    title: "One CSR names several servers (multi-server SAN): supported for UCCX from 11.6 when it names only the UCCX nodes; unsupported before 11.6, with other servers, and for MediaSense and SocialMiner",
    citation: "002_0fb8040ec2c52a7f.txt § Instale Certificados assinados do aplicativo de Tomcat; TN118855 § \"Multi-server (SAN) certificate is supported for UCCX from 11.6 release onwards.\"",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let known = known_hosts(&analysis.context);
        unanswered(analysis)
            .filter_map(|(index, csr)| {
                let servers = servers_named(&csr.info.san.dns, &known);
                crate::rules::san::multi_server_hit(index, &servers, analysis)
            })
            .collect()
    },
};
