//! `certcheck probe`: what the servers present now, judged against the plan.
//!
//! The CLI makes the TLS handshakes (`bin/certcheck/net.rs`) and hands what each server sent here;
//! this layer stays pure like the rest of the core: observations and a context in, a
//! [`ProbeReport`] out. Per URL of the acceptance checklist (and each extra target) it runs the
//! catalog's certificate rules on the certificates the server sent, and the probe's own rules
//! ([`rules`]): the chain as sent, the planned certificate, expiry within the warning and critical
//! windows, the TLS version. Four renderers read the result: the JSON, [`text`], and for monitoring
//! systems [`monitoring`] (the Monitoring Plugins output and the Prometheus text format).

pub mod monitoring;
pub mod rules;
pub mod text;

use std::time::Duration;

use serde::Serialize;

use crate::advice::checklist::{self, Endpoint};
use crate::advice::upload_plan::pem;
use crate::analysis::Analysis;
use crate::deployment::roles::{Kind, Store};
use crate::deployment::{Context, ContextInput};
use crate::i18n::{self, Lang};
use crate::input::{ingest, Input};
use crate::report::sources;
use crate::rules::finding::{self, Finding};
use crate::rules::Severity;
use crate::x509::certificate::Certificate;

/// The signature schemes one handshake offers, so that a server holding both an RSA (tomcat) and
/// an EC (tomcat-ECDSA) certificate shows each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Offer {
    /// RSA signature schemes only: the server presents its RSA certificate.
    Rsa,
    /// ECDSA signature schemes only: the server presents its EC certificate.
    Ecdsa,
    /// Every scheme, as a browser offers (releases without tomcat-ECDSA).
    Any,
    /// A TLS 1.2 hello offering only TLS_DHE_RSA_WITH_AES_256_CBC_SHA and _128_CBC_SHA, the
    /// suites Finesse refuses (Logjam): whether the server accepts them. No chain is read; made
    /// to servers outside the checklist (gadget servers, extra targets).
    Dhe,
}

/// Which handshakes a target gets: where the servers may present tomcat-ECDSA (UCCX and
/// SocialMiner 11.5(x), UCCE with ECDSA enabled, or no release given) one offering only RSA and
/// one offering only ECDSA; elsewhere one as a browser makes it (the release facts decide).
pub fn offers(context: &Context) -> &'static [Offer] {
    match context.tomcat_ecdsa() {
        Some(false) => &[Offer::Any],
        _ => &[Offer::Rsa, Offer::Ecdsa],
    }
}

/// Why a handshake gave no certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProbeError {
    /// The name has no address (no `--resolve` for it and the resolver knows none).
    Resolve,
    /// Nothing listens on the port (connection refused).
    Refused,
    /// No route or another connection error.
    Unreachable,
    /// No answer within the time allowed for one connection.
    Timeout,
    /// The run's total time bound was reached before this handshake started.
    NotTried,
    /// The server answered, but not in TLS (`http`: it answered in plain HTTP).
    NotTls {
        /// It answered in plain HTTP.
        http: bool,
    },
    /// The server ended the handshake with a TLS alert (its name, e.g. `HandshakeFailure`).
    Alert(String),
    /// No TLS version in common (the server speaks only versions older than TLS 1.2).
    NoCommonVersion,
    /// The server closed the connection in the middle of the handshake.
    Closed,
    /// The server sent more than this tool reads for one handshake (a certificate chain beyond
    /// the limit).
    TooLarge,
    /// Another handshake error (the TLS library's words, shown as a detail).
    Handshake(String),
}

impl ProbeError {
    /// The error in `lang`, as a whole sentence.
    pub fn message(&self, lang: Lang) -> String {
        let phrase = |key: &str| i18n::phrase(key, lang).to_string();
        match self {
            ProbeError::Resolve => phrase("probe.error.resolve"),
            ProbeError::Refused => phrase("probe.error.refused"),
            ProbeError::Unreachable => phrase("probe.error.unreachable"),
            ProbeError::Timeout => phrase("probe.error.timeout"),
            ProbeError::NotTried => phrase("probe.error.not_tried"),
            ProbeError::NotTls { http: true } => phrase("probe.error.http"),
            ProbeError::NotTls { http: false } => phrase("probe.error.not_tls"),
            ProbeError::Alert(name) => {
                i18n::fill(i18n::phrase("probe.error.alert", lang), &[("alert", name.clone())])
            }
            ProbeError::NoCommonVersion => phrase("probe.error.version"),
            ProbeError::Closed => phrase("probe.error.closed"),
            ProbeError::TooLarge => phrase("probe.error.too_large"),
            ProbeError::Handshake(detail) => i18n::fill(
                i18n::phrase("probe.error.handshake", lang),
                &[("detail", detail.clone())],
            ),
        }
    }
}

/// What one handshake saw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seen {
    /// The TLS version negotiated (`TLS 1.3`, `TLS 1.2`).
    pub version: String,
    /// The certificates the server sent, in the order it sent them (DER).
    pub chain: Vec<Vec<u8>>,
}

/// One handshake and what came of it.
#[derive(Clone, Debug)]
pub struct Observation {
    /// What it offered.
    pub offer: Offer,
    /// The chain the server sent, or why there is none.
    pub result: Result<Seen, ProbeError>,
    /// How long it took (name resolution, connection and handshake), as the caller measured it;
    /// zero for a handshake not tried.
    pub took: Duration,
}

/// The expiry windows, in days: a certificate sent that expires within `warn_days` is a warning
/// (`probe.expires_within`), within `crit_days` an error (`probe.expires_critical`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Windows {
    /// The warning window (`--warn-days`, default 30).
    pub warn_days: i64,
    /// The critical window (`--crit-days`); none by default, when only an expired certificate is
    /// an error (`validity.expired`).
    pub crit_days: Option<i64>,
}

impl Windows {
    /// A warning window only.
    pub fn warn(warn_days: i64) -> Windows {
        Windows { warn_days, crit_days: None }
    }
}

/// One URL to probe.
#[derive(Clone, Debug, Serialize)]
pub struct Target {
    /// The URL (a checklist row's, or `https://HOST:PORT/` for `--target`).
    pub url: String,
    /// The node (for `--target`, the host).
    pub node: String,
    /// The checklist row's web service; none for `--target`.
    pub endpoint: Option<Endpoint>,
    /// The host name sent as SNI and checked against the certificate.
    pub host: String,
    /// The TCP port.
    pub port: u16,
    /// The store the checklist says this URL presents, when a source says so.
    #[serde(skip)]
    pub presents: Option<Store>,
}

/// Host and port of an `https://` URL (`https://h:8445/x` → `h`, 8445; no port → 443).
pub fn host_port(url: &str) -> Option<(String, u16)> {
    let rest = url.strip_prefix("https://")?;
    let authority = rest.split('/').next()?;
    host_port_of(authority, 443)
}

/// `HOST:PORT` (`[v6]:PORT` too); `default` when there is no port.
pub fn host_port_of(authority: &str, default: u16) -> Option<(String, u16)> {
    let (host, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some(port) => port.parse().ok()?,
            None if after.is_empty() => default,
            None => return None,
        };
        (host.to_string(), port)
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host.to_string(), port.parse().ok()?),
            None => (authority.to_string(), default),
        }
    };
    (!host.is_empty() && port != 0).then(|| (host.to_ascii_lowercase(), port))
}

/// A certificate as the probe reports it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Presented {
    /// Subject DN.
    pub subject: String,
    /// SHA-256 fingerprint, colon-separated upper-case hex (as `check` prints it).
    pub sha256: String,
    /// notAfter, Unix seconds (RFC 3339 in the JSON).
    #[serde(serialize_with = "as_rfc3339")]
    pub not_after: i64,
}

fn as_rfc3339<S: serde::Serializer>(unix: &i64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&crate::dates::rfc3339(*unix))
}

/// What a URL presents for one store, as monitoring reads it: the chain one handshake got for that
/// store and whether its leaf is the plan's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreSeen {
    /// The store (tomcat, tomcat-ECDSA).
    pub store: Store,
    /// The chain sent for it, leaf first; empty when the URL presents none of this store though
    /// the checklist says it does and the plan has one (`probe.planned_missing`).
    pub chain: Vec<Presented>,
    /// Whether the leaf is the plan's certificate for this node and store; none when the plan has
    /// none, or when the checklist says this URL presents another store (as `matches_plan`).
    pub matches_plan: Option<bool>,
}

/// What a URL presented, per handshake.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PresentedChains {
    /// The chain sent to a handshake offering RSA (or every scheme, before 11.5).
    pub rsa: Option<Vec<Presented>>,
    /// The chain sent to a handshake offering only ECDSA.
    pub ecdsa: Option<Vec<Presented>>,
}

/// The TLS version each handshake negotiated.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Versions {
    /// The RSA (or only) handshake.
    pub rsa: Option<String>,
    /// The ECDSA handshake.
    pub ecdsa: Option<String>,
}

/// One URL's result.
#[derive(Clone, Debug, Serialize)]
pub struct TargetReport {
    /// The URL.
    pub url: String,
    /// The node.
    pub node: String,
    /// The checklist row's web service, none for `--target`.
    pub endpoint: Option<Endpoint>,
    /// The host (SNI).
    pub host: String,
    /// The port.
    pub port: u16,
    /// A certificate was seen on at least one handshake.
    pub reachable: bool,
    /// Why no certificate was seen, in the report's language; null when reachable.
    pub error: Option<String>,
    /// The chains sent.
    pub presented: PresentedChains,
    /// TLS versions negotiated.
    pub tls: Versions,
    /// The handshakes made: `rsa` and `ecdsa` (11.5 and later, or no release), or `any` (the
    /// chain under `presented.rsa` is then what a browser gets).
    pub offers: Vec<Offer>,
    /// Whether what is presented is what the plan (the FILEs) says this node presents; null when
    /// the plan has nothing to compare.
    pub matches_plan: Option<bool>,
    /// Whole days (rounded down) until the first certificate sent expires, negative once one has;
    /// null when none was seen.
    pub days_left: Option<i64>,
    /// How long this URL's handshakes took, added up, in seconds.
    pub duration_seconds: f64,
    /// Findings about what was sent, errors first.
    pub findings: Vec<Finding>,
    /// Per store presented, what monitoring reads (the same facts as `presented` and
    /// `matches_plan`, by store).
    #[serde(skip)]
    pub stores: Vec<StoreSeen>,
}

/// Counts over the targets.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ProbeSummary {
    /// URLs probed.
    pub targets: usize,
    /// URLs that presented a certificate.
    pub reachable: usize,
    /// URLs that did not.
    pub unreachable: usize,
    /// URLs presenting what the plan says.
    pub matching_plan: usize,
    /// URLs presenting something else.
    pub not_matching_plan: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Info findings.
    pub infos: usize,
}

/// The whole probe.
#[derive(Clone, Debug, Serialize)]
pub struct ProbeReport {
    /// Always `certcheck-probe`: how the page recognises a dropped probe result.
    pub kind: &'static str,
    /// certcheck's version.
    pub tool_version: &'static str,
    /// Language of the messages.
    pub lang: Lang,
    /// When the probe ran (RFC 3339).
    pub probed_at: String,
    /// The warning window for expiry, in days.
    pub warn_days: i64,
    /// The critical window for expiry, in days; null when not given.
    pub crit_days: Option<i64>,
    /// The context used.
    pub context: Context,
    /// The same context as the page's deployment form takes it (so a dropped probe result fills
    /// in an empty form).
    pub deployment: ContextInput,
    /// One entry per URL.
    pub targets: Vec<TargetReport>,
    /// Counts.
    pub summary: ProbeSummary,
    /// Every `cite` of the findings and how people see it (as in `check`'s report).
    pub sources: std::collections::BTreeMap<String, String>,
}

impl ProbeReport {
    /// Exit status for monitoring: every target reachable and no error finding.
    pub fn all_well(&self) -> bool {
        self.summary.unreachable == 0 && self.summary.errors == 0
    }
}

/// The plan the admin gave (the FILEs): which certificate each node presents per store once the
/// plan is done, and the CA certificates that complete a chain.
pub struct Plan {
    /// The plan's analysis (the FILEs in the probe's context).
    analysis: Analysis,
    /// The plan's CA certificates (roots and intermediates) as PEM, added to every target's
    /// analysis to complete what a server sends; none when the plan has none.
    authorities: Option<String>,
}

impl Plan {
    /// The plan from the FILEs, in `context`.
    pub fn new(files: &[Input], context: Context, lang: Lang) -> Plan {
        let analysis = Analysis::new(ingest(files), context, lang);
        let authorities: String = analysis
            .certificates_with_roles()
            .filter(|(_, _, role)| role.kind != Kind::Leaf)
            .map(|(_, certificate, _)| pem(&certificate.der))
            .collect();
        Plan { analysis, authorities: (!authorities.is_empty()).then_some(authorities) }
    }

    /// The certificate `node` presents from `store` once the plan is done.
    fn planned(&self, node: &str, store: Store) -> Option<&Certificate> {
        self.analysis.certificate(self.analysis.end_state.presents(node, store)?)
    }

    /// The targets: every URL of the checklist `check` lists for this context (the plan's own
    /// checklist, so the FILEs are read once), then each extra `HOST:PORT`. An extra target that
    /// cannot be read is an error (a usage error).
    pub fn targets(&self, extra: &[String]) -> Result<Vec<Target>, String> {
        let mut out = Vec::new();
        // The rows' URLs and stores come from the context and the end state; the findings only
        // word a row's outcome, which the probe does not show.
        for row in checklist::build(&self.analysis, &[], self.analysis.lang).rows {
            let Some((host, port)) = host_port(&row.url) else { continue };
            out.push(Target {
                url: row.url,
                node: row.node,
                endpoint: Some(row.endpoint),
                host,
                port,
                presents: row.presents,
            });
        }
        // Each declared gadget server, as Finesse's gadget proxy reaches it.
        for gadget in &self.analysis.context.gadgets {
            let shown = if gadget.host.contains(':') {
                format!("[{}]", gadget.host)
            } else {
                gadget.host.clone()
            };
            out.push(Target {
                url: format!("https://{shown}:{}/", gadget.port),
                node: gadget.host.clone(),
                endpoint: None,
                host: gadget.host.clone(),
                port: gadget.port,
                presents: None,
            });
        }
        for text in extra {
            let (host, port) = host_port_of(text.trim(), 443)
                .ok_or_else(|| format!("--target {text:?}: use HOST:PORT"))?;
            let shown = if host.contains(':') { format!("[{host}]") } else { host.clone() };
            out.push(Target {
                url: format!("https://{shown}:{port}/"),
                node: host.clone(),
                endpoint: None,
                host,
                port,
                presents: None,
            });
        }
        Ok(out)
    }
}

/// Names of the inputs a target's analysis is built from: what each handshake sent, then the
/// plan's CA certificates.
const SENT_RSA: &str = "sent (RSA)";
const SENT_ECDSA: &str = "sent (ECDSA)";
const PLAN_CAS: &str = "plan";

/// What the rules of the probe look at for one target.
pub struct Facts<'a> {
    /// The target.
    pub target: &'a Target,
    /// The analysis of what was sent (with the plan's CA certificates to complete chains).
    pub analysis: Analysis,
    /// Per handshake: the offer, the items of the certificates sent (in the order sent) and the
    /// version negotiated.
    pub sent: Vec<(Offer, Vec<usize>, String)>,
    /// The plan.
    pub plan: &'a Plan,
    /// The expiry windows.
    pub windows: Windows,
}

impl Facts<'_> {
    /// The store a handshake's leaf answers for: RSA → tomcat, ECDSA → tomcat-ECDSA; a browser-like
    /// handshake by the key of what was sent.
    pub fn store(&self, offer: Offer, leaf: usize) -> Store {
        match offer {
            Offer::Rsa => Store::Tomcat,
            Offer::Ecdsa => Store::TomcatEcdsa,
            Offer::Any | Offer::Dhe => self
                .analysis
                .certificate_with_role(leaf)
                .map(|(_, role)| role.store)
                .filter(|store| *store == Store::TomcatEcdsa)
                .unwrap_or(Store::Tomcat),
        }
    }

    /// The planned certificate for this target's node and `store`.
    pub fn planned(&self, store: Store) -> Option<&Certificate> {
        self.plan.planned(&self.target.node, store)
    }

    /// Whether item `index` came from what a server sent (not from the plan's files).
    pub fn is_sent(&self, index: usize) -> bool {
        self.analysis
            .items
            .get(index)
            .is_some_and(|item| item.origin.source == SENT_RSA || item.origin.source == SENT_ECDSA)
    }
}

/// Judge one target from its handshakes.
pub fn judge(
    target: &Target,
    observations: &[Observation],
    plan: &Plan,
    windows: Windows,
    lang: Lang,
) -> TargetReport {
    let context = target_context(&plan.analysis.context, target);
    let mut inputs = Vec::new();
    let mut presented = PresentedChains::default();
    let mut tls = Versions::default();
    let mut errors: Vec<&ProbeError> = Vec::new();
    let mut seen_any = false;
    // The DHE-only hello reads no chain: it only tells whether the server takes those suites.
    let dhe_accepted = observations
        .iter()
        .any(|observation| observation.offer == Offer::Dhe && observation.result.is_ok());
    for observation in observations.iter().filter(|observation| observation.offer != Offer::Dhe) {
        let is_ecdsa = observation.offer == Offer::Ecdsa;
        match &observation.result {
            Ok(seen) => {
                seen_any = true;
                let name = if is_ecdsa { SENT_ECDSA } else { SENT_RSA };
                inputs.push(Input::text(
                    name,
                    seen.chain.iter().map(|der| pem(der)).collect::<String>(),
                ));
                let version = Some(seen.version.clone());
                if is_ecdsa {
                    tls.ecdsa = version;
                } else {
                    tls.rsa = version;
                }
            }
            Err(error) => errors.push(error),
        }
    }
    if let Some(authorities) = &plan.authorities {
        inputs.push(Input::text(PLAN_CAS, authorities.clone()));
    }
    let analysis = Analysis::new(ingest(&inputs), context, lang);
    // The items each handshake sent, in the order sent.
    let mut sent = Vec::new();
    for observation in observations.iter().filter(|observation| observation.offer != Offer::Dhe) {
        let Ok(seen) = &observation.result else { continue };
        let name = if observation.offer == Offer::Ecdsa { SENT_ECDSA } else { SENT_RSA };
        let items: Vec<usize> = analysis
            .items
            .iter()
            .filter(|item| item.origin.source == name)
            .map(|item| item.index)
            .collect();
        let chain: Vec<Presented> = items
            .iter()
            .filter_map(|&index| {
                let canonical = analysis.items[index].duplicate_of.unwrap_or(index);
                analysis.certificate(canonical).map(|certificate| Presented {
                    subject: certificate.info.subject.clone(),
                    sha256: certificate.info.fingerprints.sha256.clone(),
                    not_after: certificate.info.validity.not_after_unix,
                })
            })
            .collect();
        if observation.offer == Offer::Ecdsa {
            presented.ecdsa = Some(chain);
        } else {
            presented.rsa = Some(chain);
        }
        sent.push((observation.offer, items, seen.version.clone()));
    }
    let facts = Facts { target, analysis, sent, plan, windows };
    let matches_plan = rules::matches_plan(&facts);
    let stores = stores_seen(&facts, &presented);
    let at = facts.analysis.context.at;
    let days_left = [&presented.rsa, &presented.ecdsa]
        .into_iter()
        .flatten()
        .flatten()
        .map(|certificate| crate::dates::days_between(at, certificate.not_after))
        .min();
    let mut findings = Vec::new();
    if seen_any {
        // The catalog's certificate rules, on the certificates the server sent.
        for rule in rules::CATALOG_ON_SENT {
            if !finding::needs_met(rule, &facts.analysis.context) {
                continue;
            }
            for hit in (rule.check)(&facts.analysis) {
                if hit.item.is_some_and(|item| facts.is_sent(item)) {
                    findings.push(finding::render(rule, &hit, &facts.analysis, lang));
                }
            }
        }
        // The probe's own rules.
        for rule in rules::RULES {
            for hit in (rule.check)(&facts) {
                findings.push(rules::render(rule, &hit, &facts.analysis, lang));
            }
        }
    }
    // No handshake with the suites this probe (and Finesse) offers, yet the server takes the DHE
    // ones: it speaks only what Finesse refuses (TN214617).
    if !seen_any && dhe_accepted {
        let hit = crate::rules::Hit::general()
            .with("where", target.url.clone())
            .with("url", target.url.clone());
        findings.push(rules::render(&rules::DHE_ONLY, &hit, &facts.analysis, lang));
    }
    findings.sort_by_key(|finding| finding.severity);
    let error = (!seen_any).then(|| {
        // The first handshake's reason; the others usually repeat it.
        errors.first().map(|error| error.message(lang)).unwrap_or_default()
    });
    TargetReport {
        url: target.url.clone(),
        node: target.node.clone(),
        endpoint: target.endpoint,
        host: target.host.clone(),
        port: target.port,
        reachable: seen_any,
        error,
        presented,
        tls,
        offers: observations.iter().map(|observation| observation.offer).collect(),
        matches_plan,
        days_left,
        duration_seconds: observations
            .iter()
            .map(|observation| observation.took)
            .sum::<Duration>()
            .as_secs_f64(),
        findings,
        stores,
    }
}

/// Per handshake that sent a chain, the store it answers for and whether its leaf is the plan's;
/// then the store the checklist says this URL presents, when nothing of it was seen though the plan
/// has one.
fn stores_seen(facts: &Facts, presented: &PresentedChains) -> Vec<StoreSeen> {
    let mut out: Vec<StoreSeen> = Vec::new();
    for (offer, items, _) in &facts.sent {
        let Some(&leaf) = items.first() else { continue };
        let leaf =
            facts.analysis.items.get(leaf).and_then(|item| item.duplicate_of).unwrap_or(leaf);
        let store = facts.store(*offer, leaf);
        let chain = if *offer == Offer::Ecdsa { &presented.ecdsa } else { &presented.rsa };
        let compared = facts.target.presents.is_none_or(|presents| presents == store);
        let matches_plan = compared.then(|| facts.planned(store)).flatten().map(|planned| {
            facts.analysis.certificate(leaf).is_some_and(|sent| sent.der == planned.der)
        });
        if out.iter().all(|seen| seen.store != store) {
            out.push(StoreSeen { store, chain: chain.clone().unwrap_or_default(), matches_plan });
        }
    }
    if let Some(store) = facts.target.presents {
        if !facts.sent.is_empty()
            && out.iter().all(|seen| seen.store != store)
            && facts.planned(store).is_some()
        {
            out.push(StoreSeen { store, chain: Vec::new(), matches_plan: Some(false) });
        }
    }
    out
}

/// The context one target is judged in: the product and release of the probe, the target's host
/// as the server the sent certificates are meant for (so a certificate for another name is
/// `san.hostname_mismatch`), and the probe's time.
fn target_context(context: &Context, target: &Target) -> Context {
    Context {
        product: context.product,
        release: context.release,
        nodes: Vec::new(),
        socialminer: None,
        host: Some(target.host.clone()),
        at: context.at,
        ucce: Default::default(),
        mediasense: None,
        ucce_ecdsa: context.ucce_ecdsa,
        cucm: Vec::new(),
        gadgets: Vec::new(),
    }
}

/// The whole probe report from every target's report.
pub fn report(
    context: Context,
    targets: Vec<TargetReport>,
    windows: Windows,
    lang: Lang,
) -> ProbeReport {
    let mut summary = ProbeSummary { targets: targets.len(), ..ProbeSummary::default() };
    for target in &targets {
        if target.reachable {
            summary.reachable += 1;
        } else {
            summary.unreachable += 1;
        }
        match target.matches_plan {
            Some(true) => summary.matching_plan += 1,
            Some(false) => summary.not_matching_plan += 1,
            None => {}
        }
        for finding in &target.findings {
            match finding.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
    }
    let sources = sources::collect(
        targets
            .iter()
            .flat_map(|target| target.findings.iter().map(|finding| finding.cite.as_str())),
    );
    let deployment = ContextInput {
        product: context
            .product
            .map(|product| product.name().to_ascii_lowercase())
            .unwrap_or_default(),
        version: context.release.map(|release| release.to_string()).unwrap_or_default(),
        nodes: context.nodes.clone(),
        socialminer: context.socialminer.clone().unwrap_or_default(),
        host: String::new(),
        at: String::new(),
        finesse: context.ucce.finesse.clone(),
        cuic: context.ucce.cuic.clone(),
        livedata: context.ucce.livedata.clone(),
        mediasense: context.mediasense.clone().unwrap_or_default(),
        ecdsa: context.ucce_ecdsa,
        cucm: context.cucm.clone(),
        gadgets: context
            .gadgets
            .iter()
            .map(|gadget| format!("{}:{}", gadget.host, gadget.port))
            .collect(),
    };
    ProbeReport {
        kind: "certcheck-probe",
        deployment,
        tool_version: env!("CARGO_PKG_VERSION"),
        lang,
        probed_at: crate::dates::rfc3339(context.at),
        warn_days: windows.warn_days,
        crit_days: windows.crit_days,
        context,
        targets,
        summary,
        sources,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_targets_give_host_and_port() {
        assert_eq!(
            host_port("https://a.example.com:8445/cfadmin"),
            Some(("a.example.com".into(), 8445))
        );
        assert_eq!(
            host_port("https://a.example.com/appadmin/main"),
            Some(("a.example.com".into(), 443))
        );
        assert_eq!(host_port_of("[::1]:20443", 443), Some(("::1".into(), 20443)));
        assert_eq!(host_port_of("127.0.0.1:20443", 443), Some(("127.0.0.1".into(), 20443)));
        assert_eq!(host_port_of("host:0", 443), None);
        assert_eq!(host_port_of("host:x", 443), None);
        assert_eq!(host_port_of(":443", 443), None);
    }
}
