//! What each certificate is for: CA root, intermediate, or leaf; for leaves the Cisco store
//! (`tomcat` for RSA, `tomcat-ECDSA` for EC, seed 001) and the node it names; and which CSR it
//! answers (paired by public key).

use serde::Serialize;

use crate::deployment::facts::{Question, Value};
use crate::deployment::{Context, PeerKind};
use crate::x509::certificate::Certificate;
use crate::x509::csr::Csr;

/// The place of a certificate in a deployment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A self-signed CA certificate: goes to `tomcat-trust`.
    Root,
    /// A CA certificate signed by another CA: goes to `tomcat-trust`.
    Intermediate,
    /// A server certificate.
    Leaf,
}

/// The certificate store in OS Administration a certificate is uploaded to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Store {
    /// CA certificates.
    #[serde(rename = "tomcat-trust")]
    TomcatTrust,
    /// The RSA server certificate.
    #[serde(rename = "tomcat")]
    Tomcat,
    /// The EC server certificate (11.5 and later).
    #[serde(rename = "tomcat-ECDSA")]
    TomcatEcdsa,
    /// A key type Cisco's stores do not take.
    #[serde(rename = "none")]
    None,
    /// An EC server certificate on a release whose servers present no tomcat-ECDSA (before 11.5,
    /// from 11.6 on — TN118855 —, UCCE without ECDSA enabled): nothing uses it.
    #[serde(rename = "not-used")]
    NotUsed,
    /// Unified CM's store of what phones trust (Finesse IP Phone Agent over HTTPS).
    #[serde(rename = "Phone-trust")]
    PhoneTrust,
}

impl Store {
    /// The store's name in OS Administration.
    pub fn as_str(self) -> &'static str {
        match self {
            Store::TomcatTrust => "tomcat-trust",
            Store::Tomcat => "tomcat",
            Store::TomcatEcdsa => "tomcat-ECDSA",
            Store::None => "none",
            Store::NotUsed => "not-used",
            Store::PhoneTrust => "Phone-trust",
        }
    }
}

/// The role of one certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Role {
    /// Root, intermediate or leaf.
    pub kind: Kind,
    /// Where it is uploaded.
    pub store: Store,
    /// A self-signed server certificate (what VOS generates by default).
    pub self_signed_leaf: bool,
    /// For leaves: the context node it names, if any.
    pub node: Option<String>,
    /// For leaves: the item index of the CSR with the same public key, if given.
    pub csr: Option<usize>,
    /// For leaves naming no node: the declared peer server it names (Unified CM, a gadget).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peer: Option<PeerRef>,
}

/// A declared peer server a certificate names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PeerRef {
    /// Which kind of peer.
    pub kind: PeerKind,
    /// Its host name.
    pub host: String,
}

/// The declared peers, in context order: Unified CM nodes, then gadget servers.
pub fn peers(context: &Context) -> Vec<PeerRef> {
    let cucm = context.cucm.iter().map(|host| PeerRef { kind: PeerKind::Cucm, host: host.clone() });
    let gadgets = context
        .gadgets
        .iter()
        .map(|gadget| PeerRef { kind: PeerKind::Gadget, host: gadget.host.clone() });
    cucm.chain(gadgets).collect()
}

/// Work out the role of each certificate from its own facts (basicConstraints, self-signature,
/// names, key usage), never from what it happens to sign in the pile.
pub fn assign(
    certificates: &[(usize, Certificate)],
    csrs: &[(usize, Csr)],
    context: &Context,
) -> Vec<Role> {
    let hosts = known_hosts(context);
    let peers = peers(context);
    // An EC server certificate is tomcat-ECDSA where the release has it, or when the release is
    // not known (the plan then says which releases take it); unused where the facts say none.
    let ec_store =
        if context.tomcat_ecdsa() == Some(false) { Store::NotUsed } else { Store::TomcatEcdsa };
    certificates
        .iter()
        .map(|(_, certificate)| {
            let info = &certificate.info;
            let names_node =
                hosts.iter().find(|host| certificate_names(certificate, host)).cloned();
            let server_auth = info
                .extended_key_usage
                .as_ref()
                .is_some_and(|usages| usages.iter().any(|usage| usage == "serverAuth"));
            // VOS self-signed tomcat certificates may carry cA=true; a self-signed certificate
            // that is for TLS servers or names a node is a self-signed leaf, not a root.
            let self_signed_leaf =
                info.self_signed && (!certificate.is_ca() || server_auth || names_node.is_some());
            // Only a certificate that may issue is a CA, whatever it verifiably signs: a CA-signed
            // server certificate made from the old self-signed one's key "verifies" that one's
            // signature, yet it is cA=FALSE and stays a server certificate.
            let kind = if self_signed_leaf || !certificate.may_issue() {
                Kind::Leaf
            } else if info.self_signed {
                Kind::Root
            } else {
                Kind::Intermediate
            };
            let store = match kind {
                Kind::Root | Kind::Intermediate => Store::TomcatTrust,
                Kind::Leaf if info.public_key.algorithm.is_rsa() => Store::Tomcat,
                Kind::Leaf if info.public_key.algorithm.is_ec() => ec_store,
                Kind::Leaf => Store::None,
            };
            let csr = csrs
                .iter()
                .find(|(_, csr)| csr.info.public_key.spki_sha256 == info.public_key.spki_sha256)
                .map(|(index, _)| *index);
            // A server certificate naming no node but a declared peer is that peer's.
            let peer = match (&kind, &names_node) {
                (Kind::Leaf, None) => {
                    peers.iter().find(|peer| certificate_names(certificate, &peer.host)).cloned()
                }
                _ => None,
            };
            Role { kind, store, self_signed_leaf, node: names_node, csr, peer }
        })
        .collect()
}

/// Every host the context names: the nodes, the target host, the SocialMiner server.
pub fn known_hosts(context: &Context) -> Vec<String> {
    let mut hosts = context.nodes.clone();
    for host in [&context.host, &context.socialminer].into_iter().flatten() {
        if !hosts.contains(host) {
            hosts.push(host.clone());
        }
    }
    hosts
}

/// The names a certificate presents to browsers: its dNSName SANs, or, without any, its CNs.
pub fn presented_names(certificate: &Certificate) -> &[String] {
    let info = &certificate.info;
    if info.san.dns.is_empty() {
        &info.subject_cn
    } else {
        &info.san.dns
    }
}

/// True when the certificate presents `host` (wildcards per RFC 6125: one label).
pub fn certificate_names(certificate: &Certificate, host: &str) -> bool {
    presented_names(certificate).iter().any(|name| dns_matches(name, host))
}

/// The server a certificate or CSR is for: its first CN, else its first dNSName, canonical.
pub fn server_name(common_names: &[String], dns: &[String]) -> Option<String> {
    common_names.first().or_else(|| dns.first()).map(|name| canonical_dns(name))
}

/// Case-insensitive DNS name match; `*.example.com` matches exactly one label.
pub fn dns_matches(pattern: &str, host: &str) -> bool {
    let pattern = pattern.trim().trim_end_matches('.').to_ascii_lowercase();
    let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
    if let Some(suffix) = pattern.strip_prefix("*.") {
        return match host.split_once('.') {
            Some((label, rest)) => !label.is_empty() && rest == suffix,
            None => false,
        };
    }
    pattern == host
}

/// Lower-case, trailing dot removed: for comparing names.
pub fn canonical_dns(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// Names compared as sets: canonical DNS names and IP addresses, sorted, each once.
pub fn name_set(dns: &[String], ip: &[String]) -> Vec<String> {
    let mut names: Vec<String> = dns.iter().map(|name| canonical_dns(name)).collect();
    names.extend(ip.iter().cloned());
    crate::order::sort(&mut names);
    names.dedup();
    names
}

/// The servers a list of dNSNames names: the known hosts it names when two or more, else the
/// host names that are not a parent domain of another (Cisco's CSR adds the parent domain).
pub fn servers_named(dns: &[String], known: &[String]) -> Vec<String> {
    let names = name_set(dns, &[]);
    let named_known: Vec<String> = known
        .iter()
        .filter(|host| names.iter().any(|name| dns_matches(name, host)))
        .cloned()
        .collect();
    if named_known.len() >= 2 {
        return named_known;
    }
    let is_under = |child: &str, parent: &str| {
        child.len() > parent.len() && child.ends_with(&format!(".{parent}"))
    };
    let hosts: Vec<&String> = names
        .iter()
        .filter(|name| !name.contains('*'))
        .filter(|name| !names.iter().any(|other| is_under(other, name)))
        .collect();
    hosts
        .iter()
        .filter(|name| !hosts.iter().any(|other| is_under(name, other)))
        .map(|name| name.to_string())
        .collect()
}

/// Why a certificate or CSR naming `servers` cannot be used, as a phrase key of the release facts;
/// `None` when it names one server, or when the release takes a multi-server certificate and it
/// names only the UCCX nodes (TN118855: UCCX from 11.6, Node-1 and Node-2 only).
pub fn multi_server_problem(servers: &[String], context: &Context) -> Option<&'static str> {
    if servers.len() < 2 {
        return None;
    }
    let answer = context.fact(Question::MultiServerSan);
    let nodes = context.plain_nodes();
    let only_nodes = servers.iter().all(|server| nodes.contains(&server.as_str()));
    match answer.value {
        Some(Value::NodesOnly) if only_nodes => None,
        Some(_) => Some(answer.why),
        None => Some("facts.multi_san_no_release"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_one_label() {
        assert!(dns_matches("*.example.com", "uccx1.example.com"));
        assert!(!dns_matches("*.example.com", "a.b.example.com"));
        assert!(!dns_matches("*.example.com", "example.com"));
        assert!(dns_matches("UCCX1.example.com.", "uccx1.EXAMPLE.com"));
    }
}
