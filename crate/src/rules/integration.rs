//! The trust the servers need besides the browsers (cisco-now.md §6): Unified CM for UCCX, the
//! Live Data and CUIC servers of both sides for UCCE Finesse, third-party gadget servers.

use super::{Hit, Needs, Rule, Severity};
use crate::analysis::Analysis;
use crate::deployment::roles::{certificate_names, Store};
use crate::deployment::PeerKind;
use crate::deployment::Product;

const CITE_CUCM: &str = "UCCX-1251SU2-UPG § \"from all the nodes of the CUCM cluster\"";
const CITE_SIGN_IN: &str =
    "002_0fb8040ec2c52a7f.txt § Problema - Usuário inválido - identificação /Password";
const CITE_GADGET: &str = "TN214617 § \"SSLPeerUnverifiedException: peer not authenticated\"";

/// Whether the context is UCCX's (no product given counts as UCCX, the seeds' solution).
fn uccx(analysis: &Analysis) -> bool {
    matches!(analysis.context.product, Some(Product::Uccx) | None)
}

/// A declared Unified CM node whose certificate is not among the files.
pub const CUCM_MISSING: Rule = Rule {
    id: "integration.cucm_missing",
    severity: Severity::Error,
    title: "A declared Unified CM node whose tomcat certificate (self-signed) is not among the files: UCCX's tomcat-trust needs the certificates of all the nodes of the CUCM cluster",
    citation: CITE_CUCM,
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let context = &analysis.context;
        if !uccx(analysis) {
            return Vec::new();
        }
        let given = &analysis.end_state.peers;
        // A CA-signed Unified CM needs its root and intermediates, not each node's certificate.
        let ca_signed = given.iter().any(|peer| {
            peer.peer.kind == PeerKind::Cucm
                && analysis.certificate_with_role(peer.item).is_some_and(|(_, role)| !role.self_signed_leaf)
        });
        if ca_signed {
            return Vec::new();
        }
        context
            .cucm
            .iter()
            .filter(|host| !given.iter().any(|peer| peer.peer.host == **host))
            .map(|host| Hit::general().with("where", host.clone()).with("node", host.clone()))
            .collect()
    },
};

/// A Unified CM certificate UCCX's TLS connection refuses: agents cannot sign in.
pub const CUCM_UNUSABLE: Rule = Rule {
    id: "integration.cucm_unusable",
    severity: Severity::Error,
    title: "Unified CM's tomcat certificate has expired or carries a critical extension other than Key Usage and Basic Constraints: UCCX cannot connect to Unified CM and agents cannot sign in to Finesse (CSCvd56174)",
    citation: CITE_SIGN_IN,
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let at = analysis.context.at;
        let lang = analysis.lang;
        analysis
            .end_state
            .peers
            .iter()
            .filter(|peer| peer.peer.kind == PeerKind::Cucm)
            .filter_map(|peer| {
                let certificate = analysis.certificate(peer.item)?;
                let critical = certificate.critical_outside(&["2.5.29.15", "2.5.29.19"]);
                let problem = if certificate.info.validity.not_after_unix < at {
                    crate::i18n::fill(
                        crate::i18n::phrase("peer.expired", lang),
                        &[("date", crate::dates::date(certificate.info.validity.not_after_unix))],
                    )
                } else if !critical.is_empty() {
                    crate::i18n::fill(
                        crate::i18n::phrase("peer.critical", lang),
                        &[("extensions", critical.join(crate::i18n::phrase("text.list_join", lang)))],
                    )
                } else {
                    return None;
                };
                Some(Hit::on(peer.item).with("node", peer.peer.host.clone()).with("problem", problem))
            })
            .collect()
    },
};

/// A declared UCCE Live Data or CUIC server whose certificate Finesse needs and was not given.
pub const PEER_MISSING: Rule = Rule {
    id: "integration.peer_missing",
    severity: Severity::Error,
    title: "A declared UCCE Live Data or CUIC server (side A or B) whose certificate each Finesse server's tomcat-trust needs (self-signed) and that is not among the files",
    citation: "FIN-150-LD § \"import them into tomcat-trust of each Finesse server\"",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let context = &analysis.context;
        if context.product != Some(Product::Ucce) || context.ucce.finesse.is_empty() {
            return Vec::new();
        }
        let servers: Vec<&String> = context.ucce.livedata.iter().chain(&context.ucce.cuic).collect();
        let presented = |server: &str| analysis.end_state.presents(server, Store::Tomcat);
        // CA-signed Live Data and CUIC need the shared root and intermediates (seed 004), which
        // the plan uploads: only self-signed ones are needed one by one.
        let ca_signed = servers.iter().filter_map(|server| presented(server)).any(|item| {
            analysis.certificate_with_role(item).is_some_and(|(_, role)| !role.self_signed_leaf)
        });
        if ca_signed {
            return Vec::new();
        }
        servers
            .into_iter()
            .filter(|server| presented(server).is_none())
            .map(|server| Hit::general().with("where", server.clone()).with("server", server.clone()))
            .collect()
    },
};

/// A gadget server's certificate that does not name the host of the gadget URL.
pub const GADGET_NAME_MISMATCH: Rule = Rule {
    id: "gadget.name_mismatch",
    severity: Severity::Error,
    title: "A declared gadget server's certificate does not name the host in the gadget URL: Finesse's gadget proxy refuses it (SSLPeerUnverifiedException)",
    citation: CITE_GADGET,
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let context = &analysis.context;
        let given = &analysis.end_state.peers;
        let without: Vec<_> = context
            .gadgets
            .iter()
            .filter(|gadget| !given.iter().any(|peer| peer.peer.host == gadget.host))
            .collect();
        // One gadget without a certificate naming it, and one certificate naming no server of the
        // deployment: that is the gadget's, under another name.
        match (&without[..], &analysis.end_state.other_servers[..]) {
            ([gadget], [item]) => {
                let Some(certificate) = analysis.certificate(*item) else { return Vec::new() };
                if certificate_names(certificate, &gadget.host) {
                    return Vec::new();
                }
                vec![Hit::on(*item).with("host", gadget.host.clone())]
            }
            _ => Vec::new(),
        }
    },
};

/// A gadget server's key over 2048 bits.
pub const GADGET_KEY_TOO_LARGE: Rule = Rule {
    id: "gadget.key_too_large",
    severity: Severity::Warning,
    title: "A declared gadget server's key is longer than 2048 bits: through Finesse's gadget proxy, the key length cannot exceed 2048",
    citation: "FIN-1201-GADGETS § \"the maximum key length cannot exceed 2048\"",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .end_state
            .peers
            .iter()
            .filter(|peer| peer.peer.kind == PeerKind::Gadget)
            .filter_map(|peer| {
                let key = &analysis.certificate(peer.item)?.info.public_key;
                (key.algorithm.is_rsa() && key.bits > 2048).then(|| {
                    Hit::on(peer.item).with("host", peer.peer.host.clone()).with("bits", key.bits.to_string())
                })
            })
            .collect()
    },
};
