//! Subject alternative names: what Chrome and OS Administration check (seed 002).

use super::{Hit, Needs, Rule, Severity};
use crate::analysis::Analysis;
use crate::deployment::roles::{self, canonical_dns, dns_matches};
use crate::x509::certificate::Certificate;

const CITE_CHROME: &str =
    "002_0fb8040ec2c52a7f.txt § Problema - REDE:: ERR_CERT_COMMON_NAME_INVALID";
const CITE_CSR_SAN: &str =
    "002_0fb8040ec2c52a7f.txt § Problema - O CSR SAN e certificado SAN não combina";
const CITE_MULTI: &str =
    "002_0fb8040ec2c52a7f.txt § Instale Certificados assinados do aplicativo de Tomcat; TN118855 § \"Multi-server (SAN) certificate is supported for UCCX from 11.6 release onwards.\"";
const CITE_WILDCARD: &str =
    "002_0fb8040ec2c52a7f.txt § Instale Certificados assinados do aplicativo de Tomcat";

/// The CN is not also a dNSName SAN (Chrome 58+).
pub const CN_NOT_IN_SAN: Rule = Rule {
    id: "san.cn_not_in_san",
    severity: Severity::Error,
    title: "The CN (server FQDN) is not also a dNSName SAN: Chrome 58+ rejects it",
    citation: CITE_CHROME,
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .leaves()
            .filter_map(|(index, certificate, _)| {
                let cn = certificate.info.subject_cn.first()?;
                let listed = certificate.info.san.dns.iter().any(|name| dns_matches(name, cn));
                (!listed).then(|| {
                    let sans = list_or_none(&certificate.info.san.dns, analysis);
                    Hit::on(index).with("cn", cn.clone()).with("sans", sans)
                })
            })
            .collect()
    },
};

/// The certificate's SANs differ from the CSR's.
pub const EXTRA_VS_CSR: Rule = Rule {
    id: "san.extra_vs_csr",
    severity: Severity::Error,
    title: "The certificate's SANs differ from the CSR's (\"CSR SAN and Certificate SAN does not match\")",
    citation: CITE_CSR_SAN,
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let mut hits = Vec::new();
        for (index, certificate, role) in analysis.leaves() {
            let Some(csr) = role.csr.and_then(|csr| analysis.csr(csr)) else { continue };
            // A CSR without a SAN attribute lets the CA form the SANs (the seed's fix).
            if !csr.info.has_san_request {
                continue;
            }
            let requested = name_set(&csr.info.san.dns, &csr.info.san.ip);
            let issued = name_set(&certificate.info.san.dns, &certificate.info.san.ip);
            let extra: Vec<String> = issued.iter().filter(|n| !requested.contains(n)).cloned().collect();
            let missing: Vec<String> = requested.iter().filter(|n| !issued.contains(n)).cloned().collect();
            if extra.is_empty() && missing.is_empty() {
                continue;
            }
            hits.push(
                Hit::on(index)
                    .with("extra", list_or_none(&extra, analysis))
                    .with("missing", list_or_none(&missing, analysis))
                    .with("csr", csr.display_name()),
            );
        }
        hits
    },
};

/// The leaf does not name the node it is meant for.
pub const HOSTNAME_MISMATCH: Rule = Rule {
    id: "san.hostname_mismatch",
    severity: Severity::Error,
    title: "The server certificate does not name the node FQDN it is meant for",
    citation: CITE_CHROME,
    needs: Needs::Nodes,
    check: |analysis: &Analysis| {
        let context = &analysis.context;
        analysis
            .leaves()
            .filter_map(|(index, certificate, _)| {
                let names = names_of(certificate, analysis);
                match &context.host {
                    Some(host) if !roles::certificate_names(certificate, host) => {
                        Some(Hit::on(index).with("expected", host.clone()).with("names", names))
                    }
                    // With a node list, a certificate naming none of the nodes is another
                    // server's (trust.other_server), not a node's certificate with a wrong name.
                    _ => None,
                }
            })
            .collect()
    },
};

/// One leaf names several servers.
pub const MULTI_SERVER: Rule = Rule {
    id: "san.multi_server",
    severity: Severity::Error,
    title: "One certificate names several servers (multi-server SAN): supported for UCCX from 11.6 when it names only the UCCX nodes; unsupported before 11.6, with other servers, and for MediaSense and SocialMiner",
    citation: CITE_MULTI,
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let known = roles::known_hosts(&analysis.context);
        analysis
            .leaves()
            .filter_map(|(index, certificate, _)| {
                let servers = server_names(certificate, &known);
                multi_server_hit(index, &servers, analysis)
            })
            .collect()
    },
};

/// The hit for an item naming `servers`, unless the release takes such a certificate (UCCX 11.6+,
/// the UCCX nodes only).
pub(crate) fn multi_server_hit(
    index: usize,
    servers: &[String],
    analysis: &Analysis,
) -> Option<Hit> {
    let why = roles::multi_server_problem(servers, &analysis.context)?;
    let lang = analysis.lang;
    Some(
        Hit::on(index)
            .with("servers", servers.join(crate::i18n::phrase("text.list_join", lang)))
            .with("why", crate::i18n::phrase(why, lang)),
    )
}

/// Wildcard names.
pub const WILDCARD: Rule = Rule {
    id: "san.wildcard",
    severity: Severity::Warning,
    title: "Wildcard names (*.domain): Cisco's CSR names one node's FQDN",
    citation: CITE_WILDCARD,
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .leaves()
            .filter_map(|(index, certificate, _)| {
                let info = &certificate.info;
                let wildcards: Vec<String> = info
                    .san
                    .dns
                    .iter()
                    .chain(info.subject_cn.iter())
                    .filter(|name| name.contains('*'))
                    .map(|name| canonical_dns(name))
                    .fold(Vec::new(), |mut unique, name| {
                        if !unique.contains(&name) {
                            unique.push(name);
                        }
                        unique
                    });
                (!wildcards.is_empty()).then(|| {
                    Hit::on(index).with(
                        "names",
                        wildcards.join(crate::i18n::phrase("text.list_join", analysis.lang)),
                    )
                })
            })
            .collect()
    },
};

fn name_set(dns: &[String], ip: &[String]) -> Vec<String> {
    roles::name_set(dns, ip)
}

/// The names joined, or "none" in the report's language.
fn list_or_none(names: &[String], analysis: &Analysis) -> String {
    if names.is_empty() {
        crate::i18n::phrase("list.none", analysis.lang).to_string()
    } else {
        names.join(crate::i18n::phrase("text.list_join", analysis.lang))
    }
}

/// The names a certificate carries, joined the report language's way ("no name" when none).
fn names_of(certificate: &Certificate, analysis: &Analysis) -> String {
    let names = roles::presented_names(certificate);
    if names.is_empty() {
        crate::i18n::phrase("list.no_name", analysis.lang).to_string()
    } else {
        names.join(crate::i18n::phrase("text.list_join", analysis.lang))
    }
}

/// The distinct servers a certificate names. With known hosts: those it names. Otherwise, its
/// dNSNames less wildcards, parent domains of another name (OS Administration's CSR adds the
/// parent domain) and names under another name (a CA may add `www.` + FQDN, seed 002).
fn server_names(certificate: &Certificate, known: &[String]) -> Vec<String> {
    roles::servers_named(&certificate.info.san.dns, known)
}
