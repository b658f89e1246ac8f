//! The end state: which server certificate each node will present from each store (tomcat,
//! tomcat-ECDSA) once the upload plan is done. The plan, the checklist, the ECDSA verdict and the
//! findings about old certificates all read this one model.
//!
//! When several certificates name the same node and store, the one presented is chosen by facts,
//! in this order: it answers a given CSR; it is CA-signed rather than self-signed (the seeds'
//! recommended way, 002 § Certificados assinados); it has the latest notBefore. The others are
//! superseded by it. A server certificate that names none of the deployment's servers, when servers
//! are given, is another server's certificate: never a node of this deployment — unless the
//! context names the one server the certificates are meant for (`--host`).

use std::collections::{HashMap, HashSet};

use crate::deployment::roles::{
    canonical_dns, known_hosts, multi_server_problem, peers, server_name, servers_named, PeerRef,
    Role, Store,
};
use crate::deployment::Context;
use crate::x509::certificate::Certificate;

/// One node's certificate for one store, as it will be presented.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Presented {
    /// The node (a host of the context, or the certificate's own name when no node is given).
    pub node: String,
    /// tomcat or tomcat-ECDSA.
    pub store: Store,
    /// The item presented.
    pub item: usize,
    /// Items of the same node and store that it replaces, newest first.
    pub superseded: Vec<usize>,
}

/// A declared peer's server certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeerPresented {
    /// The peer.
    pub peer: PeerRef,
    /// The item it presents.
    pub item: usize,
}

/// The deployment once the plan is done.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EndState {
    /// One entry per node and store that has a server certificate, in node order, tomcat first.
    pub presented: Vec<Presented>,
    /// Server certificates that name none of the context's servers: other servers' certificates.
    pub other_servers: Vec<usize>,
    /// The declared peers' certificates (Unified CM nodes, gadget servers): one per peer, the
    /// one it presents by the same order as a node's, in context order.
    pub peers: Vec<PeerPresented>,
    /// True when the context names servers (so certificates are matched to them); false when the
    /// plan goes by each certificate's own name.
    pub by_context: bool,
    /// Where each (node, store) is in `presented`, and the items presented: lookups, not scans
    /// (a pile of 10 000 server certificates has 10 000 nodes).
    index: HashMap<(String, Store), usize>,
    items: HashSet<usize>,
}

impl EndState {
    /// The item `node` presents from `store`, if one was given.
    pub fn presents(&self, node: &str, store: Store) -> Option<usize> {
        let at = self.index.get(&(node.to_string(), store))?;
        self.presented.get(*at).map(|entry| entry.item)
    }

    /// Whether `item` is presented by some node (a multi-server certificate by several).
    pub fn is_presented(&self, item: usize) -> bool {
        self.items.contains(&item)
    }
}

/// A server certificate with its item and role.
type Leaf<'a> = (usize, &'a Certificate, &'a Role);

/// Rank of a candidate: higher is the one presented.
fn rank(certificate: &Certificate, role: &Role) -> (bool, bool, i64) {
    (role.csr.is_some(), !role.self_signed_leaf, certificate.info.validity.not_before_unix)
}

/// Decide the end state from the server certificates (`(item, certificate, role)`, leaves only).
#[inline(never)] // a stage of the check, its own wasm function: see `report::report`
pub fn build<'a>(leaves: impl Iterator<Item = Leaf<'a>>, context: &Context) -> EndState {
    let hosts = known_hosts(context);
    let declared_peers = peers(context);
    let by_context =
        !hosts.is_empty() || context.mediasense.is_some() || !declared_peers.is_empty();
    let mut peer_candidates: Vec<Leaf<'a>> = Vec::new();
    let mut groups: Vec<(String, Store, Vec<Leaf<'a>>)> = Vec::new();
    let mut group_of: HashMap<(String, Store), usize> = HashMap::new();
    let mut other_servers = Vec::new();
    for (item, certificate, role) in leaves {
        if !matches!(role.store, Store::Tomcat | Store::TomcatEcdsa) {
            continue;
        }
        // A multi-server certificate the release takes (UCCX 11.6+, naming only its nodes) is
        // uploaded as tomcat on each node it names (TN118855).
        let servers = match role.node {
            Some(_) => servers_named(&certificate.info.san.dns, &hosts),
            None => Vec::new(),
        };
        let nodes = if servers.len() >= 2 && multi_server_problem(&servers, context).is_none() {
            servers
        } else {
            let node = match (&role.node, &context.host) {
                (Some(node), _) => node.clone(),
                // A declared peer's certificate is that peer's, whatever server is checked.
                (None, _) if role.peer.is_some() => {
                    peer_candidates.push((item, certificate, role));
                    continue;
                }
                // `--host`: the server these certificates are meant for, whatever names they
                // carry (a wrong name is then that server's problem: san.hostname_mismatch).
                (None, Some(host)) => host.clone(),
                (None, None) if by_context => {
                    other_servers.push(item);
                    continue;
                }
                (None, None) => {
                    server_name(&certificate.info.subject_cn, &certificate.info.san.dns)
                        .unwrap_or_else(|| canonical_dns(&certificate.display_name()))
                }
            };
            vec![node]
        };
        for node in nodes {
            match group_of.get(&(node.clone(), role.store)) {
                Some(&at) => groups[at].2.push((item, certificate, role)),
                None => {
                    group_of.insert((node.clone(), role.store), groups.len());
                    groups.push((node, role.store, vec![(item, certificate, role)]));
                }
            }
        }
    }
    // Context order first (publisher first), then the others by first appearance; tomcat before
    // tomcat-ECDSA within a node.
    let position: HashMap<&str, usize> =
        hosts.iter().enumerate().rev().map(|(at, host)| (host.as_str(), at)).collect();
    let order = |node: &str| position.get(node).copied().unwrap_or(usize::MAX);
    let mut presented: Vec<Presented> = groups
        .into_iter()
        .map(|(node, store, mut members)| {
            // Stable: among equals the first given wins.
            crate::order::sort_by_key(&mut members, |(_, certificate, role)| {
                std::cmp::Reverse(rank(certificate, role))
            });
            let item = members[0].0;
            let superseded = members[1..].iter().map(|(item, _, _)| *item).collect();
            Presented { node, store, item, superseded }
        })
        .collect();
    crate::order::sort_by_key(&mut presented, |entry| {
        (order(&entry.node), entry.store == Store::TomcatEcdsa)
    });
    let index = presented
        .iter()
        .enumerate()
        .map(|(at, entry)| ((entry.node.clone(), entry.store), at))
        .collect();
    let items = presented.iter().map(|entry| entry.item).collect();
    // Each peer presents its best certificate, by the same order as a node's.
    let peers = declared_peers
        .into_iter()
        .filter_map(|peer| {
            let best = peer_candidates
                .iter()
                .filter(|(_, _, role)| role.peer.as_ref() == Some(&peer))
                .max_by_key(|(_, certificate, role)| rank(certificate, role))?;
            Some(PeerPresented { peer, item: best.0 })
        })
        .collect();
    EndState { presented, other_servers, peers, by_context, index, items }
}
