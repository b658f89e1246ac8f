//! The upload plan (domain.md §2; seeds 001, 002, 004): for each node, in order, what to upload
//! where in OS Administration > Security > Certificate Management, then the restart. CA
//! certificates go to `tomcat-trust` on the publisher/primary only (they replicate); each node
//! gets its own RSA leaf as `tomcat` and, from 11.5, its EC leaf as `tomcat-ECDSA`.
//! Every certificate step carries the PEM to download, named for the step.

use std::collections::HashMap;

use base64::Engine as _;
use serde::Serialize;

use crate::analysis::{Analysis, Upload};
use crate::chain::{Chain, End};
use crate::deployment::roles::{Kind, Store};
use crate::deployment::{PeerKind, Product};
use crate::i18n::{self, Lang};
use crate::rules::finding::Finding;
use crate::rules::Severity;
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
    /// Upload a peer server's certificate (or a CA of its chain) as tomcat-trust, so this
    /// server trusts it: Unified CM for UCCX, Live Data and CUIC for Finesse, a gadget server.
    PeerTrust,
    /// A declared peer server's certificate (or CA chain) is needed here and was not given.
    PeerMissing,
    /// Upload the UCCX (Finesse) certificate, or a CA of its chain, as Phone-trust on Unified CM
    /// (Finesse IP Phone Agent over HTTPS).
    PhoneTrust,
    /// Restart Cisco Finesse Tomcat, so Finesse reads its new tomcat-trust.
    RestartFinesse,
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
    /// The certificate it uploads has an error finding: fix it first, do not upload it as it is
    /// (the step's text says so).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub blocked: bool,
}

/// The steps of one node.
#[derive(Clone, Debug, Serialize)]
pub struct NodePlan {
    /// The node's FQDN (or the server name its certificate carries).
    pub node: String,
    /// True for a publisher/primary: the node that takes the tomcat-trust uploads.
    pub first: bool,
    /// Set for a peer server's plan (Unified CM's Phone-trust), not a node of the deployment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peer: Option<PeerKind>,
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
    /// What OS Administration takes (PEM or DER, one certificate per upload), said once when the
    /// plan uploads anything, naming the bundles given that are not uploaded as they are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub formats: Option<String>,
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
const CITE_CUCM: &str =
    "UCCX-1251SU2-UPG § \"from all the nodes of the CUCM cluster\"; 002_0fb8040ec2c52a7f.txt § Problema - Usuário inválido - identificação /Password";
const CITE_LIVE_DATA: &str =
    "FIN-150-LD § \"import them into tomcat-trust of each Finesse server\"";
const CITE_GADGET: &str =
    "TN214617 § \"SSLPeerUnverifiedException: peer not authenticated\"; 002_0fb8040ec2c52a7f.txt § Integração e configuração de cliente";
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
            StepKind::PeerTrust => "plan.peer_trust",
            StepKind::PeerMissing => "plan.peer_missing",
            StepKind::PhoneTrust => "plan.phone_trust",
            StepKind::RestartFinesse => "plan.restart_finesse",
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
                        StepKind::PeerTrust => "tomcat-trust-peer",
                        _ => "tomcat-trust-intermediate",
                    },
                    Store::PhoneTrust => "Phone-trust",
                    Store::Tomcat => "tomcat",
                    Store::TomcatEcdsa => "tomcat-ECDSA",
                    Store::None | Store::NotUsed => "certificate",
                };
                Some(format!("{number}-{store}-{}.pem", safe_name(&certificate.display_name())))
            }
            _ => None,
        };
        self.steps.push(Step { number, kind, store, item, text, cite, file_name, blocked: false });
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

/// Mark every step that uploads a certificate with an error finding: fix it first, do not upload
/// it as it is — one statement for the plan and the findings (no plan step uploads a certificate
/// the findings say will fail).
pub fn block_errors(plan: &mut UploadPlan, findings: &[Finding], lang: Lang) {
    let failing: std::collections::HashSet<usize> = findings
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .filter_map(|finding| finding.item)
        .collect();
    for step in plan.nodes.iter_mut().flat_map(|node| node.steps.iter_mut()) {
        let uploads = step.store.is_some() && step.file_name.is_some();
        if uploads && step.item.is_some_and(|item| failing.contains(&item)) {
            step.blocked = true;
            step.text = format!("{} {}", step.text, i18n::phrase("plan.fix_first", lang));
        }
    }
}

/// The upload summary of every unique certificate, by item (see [`Upload`]).
pub fn item_uploads(analysis: &Analysis, plan: &UploadPlan, lang: Lang) -> Vec<(usize, Upload)> {
    let mut stores: HashMap<usize, Vec<(String, Store)>> = HashMap::new();
    let mut blocked: std::collections::HashSet<usize> = Default::default();
    let mut expired: std::collections::HashSet<usize> = Default::default();
    for node in &plan.nodes {
        for step in &node.steps {
            let Some(item) = step.item else { continue };
            match (step.store, step.kind) {
                (Some(store), _) if step.file_name.is_some() => {
                    let entry = stores.entry(item).or_default();
                    if !entry.iter().any(|(seen, kept)| *seen == node.node && *kept == store) {
                        entry.push((node.node.clone(), store));
                    }
                    if step.blocked {
                        blocked.insert(item);
                    }
                }
                (_, StepKind::TrustExpired) => {
                    expired.insert(item);
                }
                _ => {}
            }
        }
    }
    let end_state = &analysis.end_state;
    let phrase =
        |key: &str, args: &[(&'static str, String)]| i18n::fill(i18n::phrase(key, lang), args);
    analysis
        .certificates_with_roles()
        .map(|(item, _, role)| {
            let given = stores.remove(&item).unwrap_or_default();
            let text = if !given.is_empty() {
                let places = given
                    .iter()
                    .map(|(node, store)| {
                        if node.is_empty() {
                            store.as_str().to_string()
                        } else {
                            phrase(
                                "upload.store_on",
                                &[("store", store.as_str().into()), ("node", node.clone())],
                            )
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(i18n::phrase("text.list_join", lang));
                let key = if blocked.contains(&item) { "upload.fix_first" } else { "upload.as" };
                let uploads = phrase(key, &[("places", places)]);
                // A self-signed node certificate that a peer trusts: both statements.
                if role.self_signed_leaf && end_state.is_presented(item) {
                    format!(
                        "{}{}{uploads}",
                        phrase("upload.self_signed", &[]),
                        i18n::phrase("overview.separator", lang)
                    )
                } else {
                    uploads
                }
            } else if expired.contains(&item) {
                phrase("upload.expired", &[])
            } else if role.store == Store::NotUsed {
                phrase("upload.not_used", &[])
            } else if role.self_signed_leaf && end_state.is_presented(item) {
                phrase("upload.self_signed", &[])
            } else if let Some(by) =
                end_state.presented.iter().find(|entry| entry.superseded.contains(&item))
            {
                phrase("upload.superseded", &[("by", analysis.label(by.item))])
            } else if end_state.other_servers.contains(&item) {
                phrase("upload.other_server", &[])
            } else if role.kind == Kind::Leaf && role.self_signed_leaf {
                phrase("upload.self_signed", &[])
            } else {
                phrase("upload.not_planned", &[])
            };
            (item, Upload { stores: given, text })
        })
        .collect()
}

/// The certificate a declared peer presents, if given.
fn peer_item(analysis: &Analysis, host: &str) -> Option<usize> {
    analysis.end_state.peers.iter().find(|peer| peer.peer.host == host).map(|peer| peer.item)
}

/// What to upload so another server trusts the server presenting `item`: the certificate itself
/// when it is self-signed (`whole` also takes the whole chain of a CA-signed one, as a gadget's
/// is), else the CA certificates of its chain, root first.
fn trust_items(analysis: &Analysis, item: usize, whole: bool) -> Vec<usize> {
    let Some((_, role)) = analysis.certificate_with_role(item) else { return Vec::new() };
    if role.self_signed_leaf {
        return vec![item];
    }
    let chain = analysis.chains.chains.iter().find(|chain| chain.path.first() == Some(&item));
    let mut out: Vec<usize> = chain
        .map(|chain| chain.path.iter().skip(1).rev().map(|&ca| analysis.kept_variant(ca)).collect())
        .unwrap_or_default();
    if whole {
        out.push(item);
    }
    out
}

/// Whether the context is a UCCX one (Finesse, CUIC and Live Data co-resident on its nodes).
fn is_uccx(analysis: &Analysis) -> bool {
    matches!(analysis.context.product, Some(Product::Uccx) | None)
}

impl Builder<'_> {
    /// Upload what another server presents (`item`) into this node's tomcat-trust, unless it is
    /// already a step; `peer` names that server.
    fn trust_peer(&mut self, item: usize, whole: bool, peer: &str, why: &str, cite: &'static str) {
        for upload in trust_items(self.analysis, item, whole) {
            if self.steps.iter().any(|step| step.item == Some(upload) && step.store.is_some()) {
                continue;
            }
            let args = [
                ("name", self.analysis.label(upload)),
                ("peer", peer.to_string()),
                ("why", why.to_string()),
            ];
            self.push(StepKind::PeerTrust, Some(Store::TomcatTrust), Some(upload), &args, cite);
        }
    }

    fn missing_peer(&mut self, peer: &str, why: &str, cite: &'static str) {
        let args = [("peer", peer.to_string()), ("why", why.to_string())];
        self.push(StepKind::PeerMissing, Some(Store::TomcatTrust), None, &args, cite);
    }
}

/// The steps this node's tomcat-trust needs for the servers it talks to (cisco-now.md §6):
/// Unified CM's on the UCCX publisher; each Live Data and CUIC server's on each UCCE Finesse
/// server; each gadget server's whole chain where Finesse runs. True when Finesse's trust changed
/// (then Cisco Finesse Tomcat is restarted).
fn peer_steps(builder: &mut Builder<'_>, node: &str, is_head: bool) -> bool {
    let analysis = builder.analysis;
    let context = &analysis.context;
    let lang = builder.lang;
    let uccx_publisher = is_uccx(analysis)
        && is_head
        && context.plain_nodes().first().is_some_and(|first| *first == node);
    let ucce_finesse = context.product == Some(Product::Ucce)
        && context.ucce.finesse.iter().any(|finesse| finesse == node);
    let before = builder.steps.len();
    if uccx_publisher {
        let why = i18n::phrase("peer.why_cucm", lang);
        for cucm in &context.cucm {
            match peer_item(analysis, cucm) {
                Some(item) => builder.trust_peer(item, false, cucm, why, CITE_CUCM),
                None => builder.missing_peer(cucm, why, CITE_CUCM),
            }
        }
    }
    let mut finesse_trust = false;
    if ucce_finesse {
        // Live Data and CUIC of both sides (FIN-150-LD).
        let why = i18n::phrase("peer.why_live_data", lang);
        for server in context.ucce.livedata.iter().chain(&context.ucce.cuic) {
            let at = builder.steps.len();
            match analysis.end_state.presents(server, Store::Tomcat) {
                Some(item) => builder.trust_peer(item, false, server, why, CITE_LIVE_DATA),
                None => builder.missing_peer(server, why, CITE_LIVE_DATA),
            }
            finesse_trust |= builder.steps.len() > at;
        }
    }
    if uccx_publisher || ucce_finesse {
        let why = i18n::phrase("peer.why_gadget", lang);
        for gadget in &context.gadgets {
            let at = builder.steps.len();
            match peer_item(analysis, &gadget.host) {
                Some(item) => builder.trust_peer(item, true, &gadget.host, why, CITE_GADGET),
                None => builder.missing_peer(&gadget.host, why, CITE_GADGET),
            }
            finesse_trust |= builder.steps.len() > at;
        }
    }
    finesse_trust && builder.steps[before..].iter().any(|step| step.file_name.is_some())
}

/// Unified CM's Phone-trust (Finesse IP Phone Agent over HTTPS, UCCX 12.5(1) and later): each
/// UCCX node's tomcat certificate when self-signed, else the CA certificates of its chain; a plan
/// for the Unified CM publisher.
fn phone_trust(analysis: &Analysis, lang: Lang) -> Option<NodePlan> {
    let context = &analysis.context;
    let publisher = context.cucm.first()?;
    let ippa = context.fact(crate::deployment::facts::Question::IppaHttps);
    if !is_uccx(analysis) || ippa.yes() != Some(true) {
        return None;
    }
    let mut builder = Builder { analysis, lang, steps: Vec::new() };
    for node in context.plain_nodes() {
        let Some(item) = analysis.end_state.presents(node, Store::Tomcat) else { continue };
        for upload in trust_items(analysis, item, false) {
            if builder.steps.iter().any(|step| step.item == Some(upload)) {
                continue;
            }
            let args = [("name", analysis.label(upload)), ("cucm", publisher.clone())];
            builder.push(
                StepKind::PhoneTrust,
                Some(Store::PhoneTrust),
                Some(upload),
                &args,
                ippa.cite,
            );
        }
    }
    (!builder.steps.is_empty()).then(|| NodePlan {
        node: publisher.clone(),
        first: true,
        peer: Some(PeerKind::Cucm),
        bundle_name: format!("{}-phone-trust.pem", safe_name(publisher)),
        steps: builder.steps,
    })
}

/// Said once above a plan that uploads anything: OS Administration takes one certificate per
/// upload, PEM or DER — never a .p7b or .pfx as it is; the bundles given are named.
fn formats(analysis: &Analysis, plans: &[NodePlan], lang: Lang) -> Option<String> {
    let uploads = plans.iter().flat_map(|plan| &plan.steps).any(|step| step.file_name.is_some());
    if !uploads {
        return None;
    }
    let mut bundles: Vec<String> =
        analysis.pkcs7_bundles.iter().map(|(origin, _)| origin.describe_in(lang)).collect();
    bundles.extend(
        analysis
            .items
            .iter()
            .filter(|item| item.kind == crate::analysis::ItemKind::Pkcs12)
            .map(|item| item.label.clone()),
    );
    bundles.dedup();
    let mut text = i18n::phrase("plan.formats", lang).to_string();
    if !bundles.is_empty() {
        let names = bundles.join(i18n::phrase("text.list_join", lang));
        text = format!(
            "{text} {}",
            i18n::fill(i18n::phrase("plan.formats_bundles", lang), &[("bundles", names)])
        );
    }
    Some(text)
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
                Store::Tomcat => {
                    // UCCE: the step names the root CA the certificate chains to, to pick in the
                    // upload form (seed 004 uploads each server's chain root first).
                    let root = chain_of
                        .get(&item)
                        .filter(|chain| chain.end == End::Root)
                        .and_then(|chain| chain.path.last())
                        .filter(|_| analysis.context.product == Some(Product::Ucce))
                        .map(|&root| analysis.label(root));
                    let mut args = vec![("name", name)];
                    let kind = match root {
                        Some(root) => {
                            args.push(("root", root));
                            "plan.tomcat_with_root"
                        }
                        None => "",
                    };
                    builder.push(StepKind::Tomcat, Some(store), Some(item), &args, CITE_ORDER);
                    if !kind.is_empty() {
                        if let Some(step) = builder.steps.last_mut() {
                            step.text = i18n::fill(i18n::phrase(kind, lang), &args);
                        }
                    }
                }
                _ => {}
            }
        }
        let own_uploads = builder.steps.iter().any(|step| step.file_name.is_some());
        let finesse_trust = peer_steps(&mut builder, node, is_head);
        let name = if node.is_empty() {
            i18n::phrase("plan.the_server", lang).into()
        } else {
            node.clone()
        };
        if own_uploads
            || (builder.steps.iter().any(|step| step.file_name.is_some()) && !finesse_trust)
        {
            builder.push(StepKind::Restart, None, None, &[("node", name)], "002_0fb8040ec2c52a7f.txt § Instale Certificados assinados do aplicativo de Tomcat; 004_724e4e2f4013d7cd.txt");
        } else if finesse_trust {
            builder.push(StepKind::RestartFinesse, None, None, &[("node", name)], CITE_LIVE_DATA);
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
            peer: None,
            steps: builder.steps,
            bundle_name: format!("{base}-upload-order.pem"),
        });
    }
    if let Some(plan) = phone_trust(analysis, lang) {
        for step in plan.steps.iter().filter(|step| step.file_name.is_some()) {
            let certificate = step.item.and_then(|item| Some((item, analysis.certificate(item)?)));
            if let Some((item, certificate)) = certificate {
                pems.entry(item.to_string()).or_insert_with(|| pem(&certificate.der));
            }
        }
        plans.push(plan);
    }
    let by_name = !analysis.end_state.by_context && !analysis.end_state.presented.is_empty();
    let note = by_name.then(|| i18n::phrase("plan.by_certificate_name", lang).to_string());
    let formats = formats(analysis, &plans, lang);
    UploadPlan { nodes: plans, note, formats, pems }
}
