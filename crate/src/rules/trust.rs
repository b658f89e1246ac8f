//! Self-signed certificates and what agents must accept (seeds 001, 002, 003).

use super::{Hit, Needs, Rule, Severity};
use crate::analysis::Analysis;
use crate::deployment::roles::{known_hosts, server_name, Store};

/// A self-signed tomcat (or tomcat-ECDSA) certificate.
pub const SELF_SIGNED_LEAF: Rule = Rule {
    id: "trust.self_signed_leaf",
    severity: Severity::Info,
    title: "Self-signed server certificate: agents must accept it on every URL of the checklist",
    citation: "002_0fb8040ec2c52a7f.txt § Certificados auto-assinados; 001_ac2a69aa6a55e92f.txt",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .leaves()
            // Only what a node will present: a superseded one is reported as such, another
            // server's as trust.other_server.
            .filter(|(index, _, role)| {
                role.self_signed_leaf && analysis.end_state.is_presented(*index)
            })
            .map(|(index, _, role)| {
                let store = match role.store {
                    Store::TomcatEcdsa => "tomcat-ECDSA",
                    _ => "tomcat",
                };
                Hit::on(index).with("store", store)
            })
            .collect()
    },
};

/// CA-signed tomcat with self-signed tomcat-ECDSA for the same server.
pub const MIXED_SELFSIGNED_ECDSA: Rule = Rule {
    id: "trust.mixed_selfsigned_ecdsa",
    severity: Severity::Error,
    title: "CA-signed tomcat with a self-signed tomcat-ECDSA: accepting from the Live Data gadget fails",
    citation: "001_ac2a69aa6a55e92f.txt § よく寄せられる質問 (FAQ); 003_8b0075df98947728.txt § 常見問題 (FAQ)",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let server = |certificate: &crate::x509::certificate::Certificate| {
            server_name(&certificate.info.subject_cn, &certificate.info.san.dns)
        };
        let leaves: Vec<_> = analysis.leaves().collect();
        let mut hits = Vec::new();
        for (index, certificate, role) in &leaves {
            if role.store != Store::TomcatEcdsa || !role.self_signed_leaf {
                continue;
            }
            let Some(name) = server(certificate) else { continue };
            let ca_signed_rsa = leaves.iter().any(|(_, other, other_role)| {
                other_role.store == Store::Tomcat && !other_role.self_signed_leaf && server(other).as_ref() == Some(&name)
            });
            if ca_signed_rsa {
                hits.push(Hit::on(*index).with("server", name));
            }
        }
        hits
    },
};

/// A server certificate another one replaces on the same node and store.
pub const SUPERSEDED: Rule = Rule {
    id: "trust.superseded",
    severity: Severity::Info,
    title: "Several certificates for one node and store: which one the node will present, and which it replaces",
    citation: "002_0fb8040ec2c52a7f.txt § Instale Certificados assinados do aplicativo de Tomcat",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let mut hits = Vec::new();
        for entry in &analysis.end_state.presented {
            for &old in &entry.superseded {
                hits.push(
                    Hit::on(old)
                        .with("name", analysis.label(old))
                        .with("newer", analysis.label(entry.item))
                        .with("node", entry.node.clone())
                        .with("store", entry.store.as_str()),
                );
            }
        }
        hits
    },
};

/// A server certificate that names none of the deployment's servers.
pub const OTHER_SERVER: Rule = Rule {
    id: "trust.other_server",
    severity: Severity::Info,
    title: "A server certificate that names none of the deployment's servers: another server's, not a node",
    citation: "002_0fb8040ec2c52a7f.txt § Integração e configuração de cliente; § Problema - Usuário inválido - identificação /Password",
    needs: Needs::Nodes,
    check: |analysis: &Analysis| {
        let servers = known_hosts(&analysis.context).join(crate::i18n::phrase("text.list_join", analysis.lang));
        analysis
            .end_state
            .other_servers
            .iter()
            .map(|&item| Hit::on(item).with("name", analysis.label(item)).with("servers", servers.clone()))
            .collect()
    },
};

/// Two CA certificates with one subject for one trust store.
pub const SAME_SUBJECT: Rule = Rule {
    id: "trust.same_subject",
    severity: Severity::Error,
    title: "Two CA certificates with one subject for one trust store: the platform keeps one per name (the later notBefore); an error when certificates then stop chaining, a warning when one serves every chain",
    citation: "CUCM-SEC-14SU2 § \"It supports only one certificate that belongs to any entity in a particular trust folder, irrespective of the signature algorithm.\"",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let lang = analysis.lang;
        let join = |items: &[usize]| {
            items
                .iter()
                .map(|&item| analysis.label(item))
                .collect::<Vec<_>>()
                .join(crate::i18n::phrase("text.list_join", lang))
        };
        analysis
            .same_subject
            .iter()
            .map(|same| {
                let others: Vec<usize> =
                    same.variants.iter().copied().filter(|&item| item != same.keep).collect();
                let platform = same.variants[0];
                let hit = Hit::on(same.keep)
                    .with("variants", join(&same.variants))
                    .with("platform", analysis.label(platform))
                    .with("keep", analysis.label(same.keep))
                    .with("others", join(&others));
                if same.serves_all {
                    hit.with("stranded", crate::i18n::phrase("list.none", lang)).at(Severity::Warning)
                } else {
                    hit.with("stranded", join(&same.stranded))
                }
            })
            .collect()
    },
};

/// Re-check tomcat-trust after an upgrade.
pub const AFTER_UPGRADE: Rule = Rule {
    id: "trust.after_upgrade",
    severity: Severity::Info,
    title: "The plan uploads CA certificates: an upgrade removes CAs Cisco has not approved from the trust store, and does not carry expired ones over",
    citation: "UCCX-1251SU2-UPG § \"After upgrading Unified CCX, the CAs that are not approved by Cisco are removed from the platform trust store.\"; CUCM-SEC-14SU2 § \"expired trust certificates are not imported during an upgrade\"",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let authorities = analysis.planned_authorities();
        if authorities.is_empty() {
            return Vec::new();
        }
        let names = authorities
            .iter()
            .map(|&item| analysis.label(item))
            .collect::<Vec<_>>()
            .join(crate::i18n::phrase("text.list_join", analysis.lang));
        vec![Hit::general()
            .with("where", "tomcat-trust")
            .with("count", authorities.len().to_string())
            .with("names", names)]
    },
};
