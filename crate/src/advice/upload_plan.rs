//! The upload plan (domain.md §2; seeds 001, 002, 004): for each node, in order, what to upload
//! where in OS Administration > Security > Certificate Management, then the restart. CA
//! certificates go to `tomcat-trust` on the publisher/primary only (they replicate); each node
//! gets its own RSA leaf as `tomcat` and, from 11.5, its EC leaf as `tomcat-ECDSA`.
//! Every certificate step carries the PEM to download, named for the step.

use std::collections::HashMap;

use base64::Engine as _;
use serde::Serialize;

use crate::analysis::Analysis;
use crate::chain::{Chain, End};
use crate::deployment::roles::{Kind, Store};
use crate::deployment::Product;
use crate::i18n::{self, Lang};
use crate::x509::certificate::Certificate;

/// What a step is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    /// Upload a root CA as tomcat-trust.
    TrustRoot,
    /// Upload an intermediate CA as tomcat-trust.
    TrustIntermediate,
    /// A CA certificate the chain needs was not given.
    MissingCa,
    /// A CA certificate on the chain has expired: left out of the plan, with the reason.
    TrustExpired,
    /// tomcat-trust replicates from the first node: nothing to upload here.
    TrustReplicated,
    /// Upload the RSA server certificate as tomcat.
    Tomcat,
    /// Upload the EC server certificate as tomcat-ECDSA.
    TomcatEcdsa,
    /// A self-signed server certificate: nothing to upload.
    SelfSigned,
    /// No server certificate was given for this node.
    NoLeaf,
    /// Restart so the services present the new certificates.
    Restart,
}

/// One step.
#[derive(Clone, Debug, Serialize)]
pub struct Step {
    /// 1-based, within the node.
    pub number: usize,
    /// What it is.
    pub kind: StepKind,
    /// The certificate store it uploads to, when it uploads.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store: Option<Store>,
    /// The item it uploads.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<usize>,
    /// What to do, in the report's language.
    pub text: String,
    /// The seed(s) the step follows.
    pub cite: &'static str,
    /// Download name for the certificate, e.g. `1-tomcat-trust-root-Example_Root_CA.pem`; its
    /// PEM is `UploadPlan::pems[item]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
}

/// The steps of one node.
#[derive(Clone, Debug, Serialize)]
pub struct NodePlan {
    /// The node's FQDN (or the server name its certificate carries).
    pub node: String,
    /// True for a publisher/primary: the node that takes the tomcat-trust uploads.
    pub first: bool,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// Download name of the bundle: every certificate of the steps in upload order, as one PEM
    /// file ([`UploadPlan::bundle`]).
    pub bundle_name: String,
}

/// The plan.
#[derive(Clone, Debug, Default, Serialize)]
pub struct UploadPlan {
    /// One entry per node, publisher/primary first.
    pub nodes: Vec<NodePlan>,
    /// Without node FQDNs: the plan goes by each certificate's own name (said once, above it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Each certificate a step uploads, as PEM, by item: once, however many nodes upload it (the
    /// same root on ten thousand nodes is one entry, not ten thousand).
    /// Keyed by the item index written out (JSON object keys are strings).
    pub pems: std::collections::BTreeMap<String, String>,
}

impl UploadPlan {
    /// The certificates of `node`'s steps in upload order, as one PEM bundle.
    pub fn bundle(&self, node: &NodePlan) -> String {
        node.steps
            .iter()
            .filter(|step| step.file_name.is_some())
            .filter_map(|step| step.item.and_then(|item| self.pems.get(&item.to_string())))
            .map(String::as_str)
            .collect()
    }
}

const CITE_ORDER: &str =
    "002_0fb8040ec2c52a7f.txt § Instale Certificados assinados do aplicativo de Tomcat; 004_724e4e2f4013d7cd.txt";
const CITE_EXPIRED: &str =
    "CUCM-SEC-14SU2 § \"expired trust certificates are not imported during an upgrade\"";
const CITE_ECDSA: &str = "001_ac2a69aa6a55e92f.txt; 002_0fb8040ec2c52a7f.txt";

/// The certificate as PEM with 64-character lines.
pub fn pem(der: &[u8]) -> String {
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in body.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out
}

/// A file-name-safe rendering of a certificate's name (certificate fields are hostile).
pub fn safe_name(name: &str) -> String {
    let name = name.trim().replace("*.", "wildcard.");
    let mut out: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '.' { c } else { '_' })
        .collect();
    out = out.trim_matches(|c| c == '.' || c == '_').to_string();
    out.truncate(60);
    if out.is_empty() {
        "certificate".to_string()
    } else {
        out
    }
}

struct Builder<'a> {
    analysis: &'a Analysis,
    lang: Lang,
    steps: Vec<Step>,
}

impl Builder<'_> {
    fn push(
        &mut self,
        kind: StepKind,
        store: Option<Store>,
        item: Option<usize>,
        args: &[(&'static str, String)],
        cite: &'static str,
    ) {
        let number = self.steps.len() + 1;
        let key = match kind {
            StepKind::TrustRoot => "plan.trust_root",
            StepKind::TrustIntermediate => "plan.trust_intermediate",
            StepKind::MissingCa => "plan.missing_ca",
            StepKind::TrustExpired => "plan.trust_expired",
            StepKind::TrustReplicated => "plan.trust_replicated",
            StepKind::Tomcat => "plan.tomcat",
            StepKind::TomcatEcdsa => "plan.tomcat_ecdsa",
            StepKind::SelfSigned => "plan.self_signed",
            StepKind::NoLeaf => "plan.no_leaf",
            StepKind::Restart => match self.analysis.context.product {
                Some(Product::Ucce) => "plan.restart_ucce",
                Some(Product::Socialminer | Product::Mediasense) => "plan.restart_server",
                _ => "plan.restart_uccx",
            },
        };
        let text = i18n::fill(i18n::phrase(key, self.lang), args);
        let certificate = item.and_then(|item| self.analysis.certificate(item));
        let file_name = match (certificate, store) {
            (Some(certificate), Some(store)) => {
                let store = match store {
                    Store::TomcatTrust => match kind {
                        StepKind::TrustRoot => "tomcat-trust-root",
                        _ => "tomcat-trust-intermediate",
                    },
                    Store::Tomcat => "tomcat",
                    Store::TomcatEcdsa => "tomcat-ECDSA",
                    Store::None | Store::NotUsed => "certificate",
                };
                Some(format!("{number}-{store}-{}.pem", safe_name(&certificate.display_name())))
            }
            _ => None,
        };
        self.steps.push(Step { number, kind, store, item, text, cite, file_name });
    }
}

/// The server certificates each node will present (the end state), in node order; the context's
/// nodes come first, with or without a certificate.
fn nodes(analysis: &Analysis) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> =
        analysis.context.nodes.iter().map(|node| (node.clone(), Vec::new())).collect();
    // Without a node list every certificate names its own node: look them up, never scan.
    let mut index: HashMap<String, usize> =
        out.iter().enumerate().map(|(at, (node, _))| (node.clone(), at)).collect();
    for entry in &analysis.end_state.presented {
        match index.get(&entry.node) {
            Some(&at) => out[at].1.push(entry.item),
            None => {
                index.insert(entry.node.clone(), out.len());
                out.push((entry.node.clone(), vec![entry.item]));
            }
        }
    }
    out
}

/// CA certificates to upload as tomcat-trust (with the step kind; expired ones are left out with
/// [`StepKind::TrustExpired`]), and the missing issuers (name, key id) above them.
type Trust = (Vec<(StepKind, usize)>, Vec<(String, String)>);

/// The CA certificates to trust for `leaves`, root first along each chain, each name once (the
/// variant kept for it: a trust store holds one certificate per name); and the issuers missing
/// above them. Only what is on the chain of a presented certificate belongs.
fn trust_for<'a>(analysis: &'a Analysis, chains: impl Iterator<Item = &'a Chain>) -> Trust {
    let mut trust: Vec<(StepKind, usize)> = Vec::new();
    let mut missing: Vec<(String, String)> = Vec::new();
    let is_leaf = |item: usize| {
        analysis.certificate_with_role(item).is_some_and(|(_, role)| role.kind == Kind::Leaf)
    };
    for chain in chains {
        for (depth, &item) in chain.path.iter().enumerate().rev() {
            if depth == 0 && is_leaf(item) {
                continue;
            }
            let item = analysis.kept_variant(item);
            let is_root = depth == chain.path.len() - 1 && chain.end == End::Root;
            let expired = analysis
                .certificate(item)
                .is_some_and(|ca| ca.info.validity.not_after_unix < analysis.context.at);
            let kind = match (expired, is_root) {
                (true, _) => StepKind::TrustExpired,
                (false, true) => StepKind::TrustRoot,
                (false, false) => StepKind::TrustIntermediate,
            };
            if !trust.iter().any(|(_, seen)| *seen == item) {
                trust.push((kind, item));
            }
        }
        if let End::MissingIssuer { issuer, key_id } = &chain.end {
            let entry = (issuer.clone(), key_id.clone().unwrap_or_else(|| "—".into()));
            if !missing.contains(&entry) {
                missing.push(entry);
            }
        }
    }
    (trust, missing)
}

/// Build the plan for the analysed pile.
#[inline(never)] // a stage of the check, its own wasm function: see `report::report`
pub fn build(analysis: &Analysis, lang: Lang) -> UploadPlan {
    let nodes = nodes(analysis);
    let has_root = analysis.certificates_with_roles().any(|(_, _, role)| role.kind == Kind::Root);
    if nodes.is_empty() && analysis.chains.chains.is_empty() && !has_root {
        return UploadPlan::default();
    }
    // Without any server certificate the pile is CA certificates alone (a trust-store upload):
    // every chain, and lone roots, go to tomcat-trust.
    let only_cas = analysis.end_state.presented.is_empty().then(|| {
        let (mut trust, missing) = trust_for(analysis, analysis.chains.chains.iter());
        if analysis.chains.chains.is_empty() {
            for (item, certificate, role) in analysis.certificates_with_roles() {
                let item = analysis.kept_variant(item);
                let expired = certificate.info.validity.not_after_unix < analysis.context.at;
                let kind = if expired { StepKind::TrustExpired } else { StepKind::TrustRoot };
                if role.kind == Kind::Root
                    && certificate.is_ca()
                    && !trust.iter().any(|(_, seen)| *seen == item)
                {
                    trust.push((kind, item));
                }
            }
        }
        (trust, missing)
    });
    let mut plans = Vec::new();
    let nodes = if nodes.is_empty() { vec![(String::new(), Vec::new())] } else { nodes };
    let first_node = nodes.first().map(|(node, _)| node.clone()).unwrap_or_default();
    // The chain that starts at each certificate, and each cluster's members, looked up once.
    let chain_of: HashMap<usize, &Chain> = analysis
        .chains
        .chains
        .iter()
        .filter_map(|chain| Some((*chain.path.first()?, chain)))
        .rev()
        .collect();
    let mut clusters: HashMap<&str, Vec<usize>> = HashMap::new();
    for (at, (node, _)) in nodes.iter().enumerate() {
        if let Some(head) = analysis.context.cluster_head(node) {
            clusters.entry(head).or_default().push(at);
        }
    }
    let mut pems = std::collections::BTreeMap::new();
    for (at, (node, leaves)) in nodes.iter().enumerate() {
        let mut builder = Builder { analysis, lang, steps: Vec::new() };
        // tomcat-trust replicates within a cluster: UCCX publisher → subscriber, each UCCE
        // server pair's primary → secondary (seeds 002, 004). Servers outside the context's
        // clusters hold their own tomcat-trust.
        let head = analysis.context.cluster_head(node).map(str::to_string);
        // Without the context's node list, replication is not assumed: each server its own.
        let is_head = match &head {
            Some(head) => head == node,
            None => true,
        };
        // What this node's tomcat-trust must hold: the chains of what it presents, and on a
        // cluster head those of every node it replicates to.
        let (trust, missing) = if let Some(pile) = &only_cas {
            pile.clone()
        } else {
            // The node and, on a cluster head, its cluster, in node order.
            let members: Vec<&(String, Vec<usize>)> =
                match head.as_deref().and_then(|head| clusters.get(head)) {
                    Some(cluster) => cluster.iter().map(|&member| &nodes[member]).collect(),
                    None => vec![&nodes[at]],
                };
            let chains = members
                .iter()
                .flat_map(|(_, leaves)| leaves.iter())
                .filter_map(|item| chain_of.get(item).copied());
            trust_for(analysis, chains)
        };
        if is_head {
            for (issuer, key_id) in &missing {
                builder.push(
                    StepKind::MissingCa,
                    Some(Store::TomcatTrust),
                    None,
                    &[("issuer", issuer.clone()), ("key_id", key_id.clone())],
                    CITE_ORDER,
                );
            }
            for &(kind, item) in &trust {
                let (store, mut args) =
                    (Some(Store::TomcatTrust), vec![("name", analysis.label(item))]);
                if kind == StepKind::TrustExpired {
                    let date = analysis
                        .certificate(item)
                        .map(|ca| ca.info.validity.not_after.clone())
                        .unwrap_or_default();
                    args.push(("date", date));
                    builder.push(kind, None, Some(item), &args, CITE_EXPIRED);
                    continue;
                }
                builder.push(kind, store, Some(item), &args, CITE_ORDER);
            }
        } else if !trust.is_empty() || !missing.is_empty() {
            let first = head.clone().unwrap_or_else(|| first_node.clone());
            builder.push(StepKind::TrustReplicated, None, None, &[("first", first)], CITE_ORDER);
        }
        if leaves.is_empty() && !node.is_empty() {
            builder.push(StepKind::NoLeaf, None, None, &[("node", node.clone())], CITE_ORDER);
        }
        // RSA first, then EC, as the seeds order them.
        let mut ordered: Vec<(usize, &Certificate, Store, bool)> = leaves
            .iter()
            .filter_map(|&item| {
                let (certificate, role) = analysis.certificate_with_role(item)?;
                Some((item, certificate, role.store, role.self_signed_leaf))
            })
            .collect();
        crate::order::sort_by_key(&mut ordered, |(_, _, store, _)| *store == Store::TomcatEcdsa);
        for (item, _, store, self_signed) in ordered {
            let name = analysis.label(item);
            if self_signed {
                builder.push(
                    StepKind::SelfSigned,
                    None,
                    Some(item),
                    &[("name", name)],
                    "002_0fb8040ec2c52a7f.txt § Certificados auto-assinados",
                );
                continue;
            }
            match store {
                Store::TomcatEcdsa => builder.push(
                    StepKind::TomcatEcdsa,
                    Some(store),
                    Some(item),
                    &[("name", name)],
                    CITE_ECDSA,
                ),
                Store::Tomcat => builder.push(
                    StepKind::Tomcat,
                    Some(store),
                    Some(item),
                    &[("name", name)],
                    CITE_ORDER,
                ),
                _ => {}
            }
        }
        if builder.steps.iter().any(|step| step.file_name.is_some()) {
            builder.push(StepKind::Restart, None, None, &[("node", if node.is_empty() { i18n::phrase("plan.the_server", lang).into() } else { node.clone() })], "002_0fb8040ec2c52a7f.txt § Instale Certificados assinados do aplicativo de Tomcat; 004_724e4e2f4013d7cd.txt");
        }
        for step in builder.steps.iter().filter(|step| step.file_name.is_some()) {
            let certificate = step.item.and_then(|item| Some((item, analysis.certificate(item)?)));
            if let Some((item, certificate)) = certificate {
                pems.entry(item.to_string()).or_insert_with(|| pem(&certificate.der));
            }
        }
        let base = if node.is_empty() { "certificates".to_string() } else { safe_name(node) };
        plans.push(NodePlan {
            node: node.clone(),
            first: is_head,
            steps: builder.steps,
            bundle_name: format!("{base}-upload-order.pem"),
        });
    }
    let by_name = !analysis.end_state.by_context && !analysis.end_state.presented.is_empty();
    let note = by_name.then(|| i18n::phrase("plan.by_certificate_name", lang).to_string());
    UploadPlan { nodes: plans, note, pems }
}
