//! `certcheck probe`'s judgement, without a network: what each URL of a UCCX 11.5 pair sends is
//! given as observations (the chains of tests/fixtures/probe/), and the report must say what an
//! admin needs: planned or not, chain complete as sent, name, expiry, the ECDSA table. The TLS side
//! is driven against real servers by tests/node/probe.test.mjs.

mod common;

use std::time::Duration;

use certcheck::probe::{
    self, Observation, Offer, Plan, ProbeError, Seen, Target, TargetReport, Windows,
};
use certcheck::{ContextInput, Lang};

const PLAN: &[&str] = &[
    "probe/ca-chain.pem",
    "probe/ec-root.pem",
    "probe/uccx1-tomcat.pem",
    "probe/uccx1-tomcat-ecdsa.pem",
    "probe/uccx2-tomcat.pem",
];

fn context(at: &str) -> ContextInput {
    context_on("11.5(1)SU1", at)
}

/// A UCCX pair on `version` (11.5(x) has tomcat-ECDSA; 11.6 and later do not, TN118855).
fn context_on(version: &str, at: &str) -> ContextInput {
    ContextInput {
        product: "uccx".into(),
        version: version.into(),
        nodes: vec!["uccx1.example.com".into(), "uccx2.example.com".into()],
        at: at.into(),
        ..ContextInput::default()
    }
}

/// The DER certificates of fixture files, in order.
fn ders(paths: &[&str]) -> Vec<Vec<u8>> {
    let (certificates, problems) = certcheck::chain::path_validation::certificates_in(
        &certcheck::Input::file("x", paths.iter().flat_map(|path| read(path)).collect()),
    );
    assert!(problems.is_empty(), "{problems:?}");
    certificates
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(common::fixtures().join(path)).expect("fixture")
}

/// The intermediate alone (the first block of ca-chain.pem).
fn intermediate() -> Vec<u8> {
    ders(&["probe/ca-chain.pem"]).remove(0)
}

fn seen(chain: Vec<Vec<u8>>, offer: Offer) -> Observation {
    Observation {
        offer,
        result: Ok(Seen { version: "TLS 1.3".into(), chain }),
        took: Duration::from_millis(20),
    }
}

fn failed(offer: Offer, error: ProbeError) -> Observation {
    Observation { offer, result: Err(error), took: Duration::from_millis(5) }
}

struct Lab {
    plan: Plan,
    targets: Vec<Target>,
}

fn lab(files: &[&str], at: &str) -> Lab {
    lab_on(context(at), files)
}

fn lab_on(context: ContextInput, files: &[&str]) -> Lab {
    let (resolved, problems) = context.resolve(common::TODAY);
    assert!(problems.is_empty());
    let plan = Plan::new(&common::inputs(files), resolved, Lang::En);
    let targets = plan.targets(&["uccx1.example.com:20443".into()]).expect("targets");
    // The same URLs as the checklist `check` lists for this context.
    let report = common::check_with(files, context);
    let urls: Vec<&str> = report.checklist.rows.iter().map(|row| row.url.as_str()).collect();
    let probed: Vec<&str> = targets.iter().map(|target| target.url.as_str()).collect();
    assert_eq!(probed[..probed.len() - 1], urls[..]);
    Lab { plan, targets }
}

impl Lab {
    fn target(&self, url: &str) -> &Target {
        self.targets.iter().find(|target| target.url == url).unwrap_or_else(|| panic!("{url}"))
    }

    fn judge(&self, url: &str, observations: &[Observation]) -> TargetReport {
        probe::judge(self.target(url), observations, &self.plan, Windows::warn(30), Lang::En)
    }
}

fn ids(report: &TargetReport) -> Vec<&'static str> {
    report.findings.iter().map(|finding| finding.id).collect()
}

fn planned_rsa() -> Vec<Vec<u8>> {
    vec![read_one("probe/uccx1-tomcat.pem"), intermediate()]
}

fn read_one(path: &str) -> Vec<u8> {
    ders(&[path]).remove(0)
}

#[test]
fn the_targets_are_the_checklist_rows_and_the_extra_ones() {
    let lab = lab(PLAN, "");
    let urls: Vec<&str> = lab.targets.iter().map(|target| target.url.as_str()).collect();
    assert!(urls.contains(&"https://uccx1.example.com/appadmin/main"), "{urls:?}");
    assert!(urls.contains(&"https://uccx2.example.com:12015/"), "{urls:?}");
    assert_eq!(urls.last(), Some(&"https://uccx1.example.com:20443/"));
    let live_data = lab.target("https://uccx1.example.com:12015/");
    assert_eq!((live_data.host.as_str(), live_data.port), ("uccx1.example.com", 12015));
}

#[test]
fn the_planned_chain_matches_and_raises_no_error() {
    let lab = lab(PLAN, "");
    let report = lab.judge(
        "https://uccx1.example.com:12015/",
        &[
            seen(planned_rsa(), Offer::Rsa),
            seen(vec![read_one("probe/uccx1-tomcat-ecdsa.pem")], Offer::Ecdsa),
        ],
    );
    assert!(report.reachable && report.error.is_none());
    assert_eq!(report.matches_plan, Some(true));
    assert!(
        report.findings.iter().all(|f| f.severity != certcheck::rules::Severity::Error),
        "{:?}",
        ids(&report)
    );
    assert_eq!(ids(&report), ["probe.tls_version"]);
    let rsa = report.presented.rsa.as_ref().expect("rsa");
    assert_eq!(rsa.len(), 2);
    assert!(rsa[0].subject.contains("uccx1.example.com"));
    assert_eq!(rsa[0].sha256.len(), 95, "colon-separated SHA-256 as check prints it");
    assert_eq!(report.presented.ecdsa.as_ref().map(Vec::len), Some(1));
}

#[test]
fn the_old_self_signed_certificate_is_named() {
    let lab = lab(PLAN, "");
    let report = lab.judge(
        "https://uccx1.example.com:7443/",
        &[
            seen(vec![read_one("probe/uccx1-old-selfsigned.pem")], Offer::Rsa),
            failed(Offer::Ecdsa, ProbeError::Alert("HandshakeFailure".into())),
        ],
    );
    assert_eq!(report.matches_plan, Some(false));
    let finding =
        report.findings.iter().find(|f| f.id == "probe.not_planned").expect("not planned");
    assert!(finding.message.contains("a self-signed certificate"), "{}", finding.message);
    assert!(finding.message.contains("2024-06-01"), "{}", finding.message);
    assert!(finding.message.contains("as tomcat"), "{}", finding.message);
    assert!(ids(&report).contains(&"trust.self_signed_leaf"));
}

#[test]
fn a_leaf_sent_without_its_intermediate_is_an_incomplete_chain() {
    let lab = lab(PLAN, "");
    let report = lab.judge(
        "https://uccx1.example.com:8445/",
        &[seen(vec![read_one("probe/uccx1-tomcat.pem")], Offer::Rsa)],
    );
    let finding =
        report.findings.iter().find(|f| f.id == "probe.chain_incomplete").expect("incomplete");
    assert!(finding.message.contains("Example Issuing CA 1"), "{}", finding.message);
    // The certificate itself is the planned one.
    assert_eq!(report.matches_plan, Some(true));
    // With the intermediate sent, nothing is missing.
    let whole = lab.judge("https://uccx1.example.com:8445/", &[seen(planned_rsa(), Offer::Rsa)]);
    assert!(!ids(&whole).contains(&"probe.chain_incomplete"), "{:?}", ids(&whole));
}

#[test]
fn a_gap_between_the_certificates_sent_is_an_incomplete_chain_even_without_files() {
    let lab = lab(&[], "");
    let root = ders(&["probe/ca-chain.pem"]).remove(1);
    let report = lab.judge(
        "https://uccx1.example.com:20443/",
        &[seen(vec![read_one("probe/uccx1-tomcat.pem"), root], Offer::Rsa)],
    );
    assert!(ids(&report).contains(&"probe.chain_incomplete"), "{:?}", ids(&report));
    assert_eq!(report.matches_plan, None, "no files: nothing to compare");
}

#[test]
fn without_files_the_top_of_the_chain_is_said_unknown_not_wrong() {
    let lab = lab(&[], "");
    let report = lab.judge("https://uccx1.example.com:20443/", &[seen(planned_rsa(), Offer::Rsa)]);
    assert_eq!(ids(&report), ["probe.root_unknown", "probe.tls_version"]);
    assert!(
        report.findings[0].message.contains("Example Root CA"),
        "{}",
        report.findings[0].message
    );
}

#[test]
fn expired_wrong_name_and_expiring_certificates_are_reported() {
    let lab = lab(PLAN, "");
    let expired = lab.judge(
        "https://uccx1.example.com:8444/",
        &[seen(vec![read_one("probe/uccx1-expired.pem"), intermediate()], Offer::Rsa)],
    );
    assert!(ids(&expired).contains(&"validity.expired"), "{:?}", ids(&expired));
    assert!(ids(&expired).contains(&"probe.not_planned"));

    let wrong = lab.judge(
        "https://uccx1.example.com/appadmin/main",
        &[seen(vec![read_one("probe/cucm1-tomcat.pem"), intermediate()], Offer::Rsa)],
    );
    let finding =
        wrong.findings.iter().find(|f| f.id == "san.hostname_mismatch").expect("wrong name");
    assert!(finding.message.contains("cucm1.example.com"), "{}", finding.message);

    // Eleven days before the planned certificates expire (2045-01-01).
    let soon = lab_at("2044-12-21");
    let report = soon.judge(
        "https://uccx2.example.com:8445/",
        &[seen(vec![read_one("probe/uccx2-tomcat.pem"), intermediate()], Offer::Rsa)],
    );
    let finding =
        report.findings.iter().find(|f| f.id == "probe.expires_within").expect("expiring");
    assert!(finding.message.contains("11 day(s)"), "{}", finding.message);
    assert!(!ids(&report).contains(&"validity.expires_soon"), "one finding for one fact");
    let later = probe::judge(
        soon.target("https://uccx2.example.com:8445/"),
        &[seen(vec![read_one("probe/uccx2-tomcat.pem"), intermediate()], Offer::Rsa)],
        &soon.plan,
        Windows::warn(5),
        Lang::En,
    );
    assert!(!ids(&later).contains(&"probe.expires_within"), "outside a 5-day window");
}

fn lab_at(at: &str) -> Lab {
    lab(PLAN, at)
}

#[test]
fn rsa_and_ecdsa_on_one_port_are_judged_by_the_ecdsa_table() {
    let lab = lab(PLAN, "");
    // Row 4 of the table: CA-signed tomcat, self-signed tomcat-ECDSA.
    let report = lab.judge(
        "https://uccx1.example.com:12015/",
        &[
            seen(planned_rsa(), Offer::Rsa),
            seen(vec![read_one("probe/uccx1-ecdsa-selfsigned.pem")], Offer::Ecdsa),
        ],
    );
    assert!(ids(&report).contains(&"trust.mixed_selfsigned_ecdsa"), "{:?}", ids(&report));
    let finding = report.findings.iter().find(|f| f.id == "probe.not_planned").expect("ecdsa");
    assert!(finding.message.contains("as tomcat-ECDSA"), "{}", finding.message);
    assert_eq!(report.matches_plan, Some(false));

    // Live Data presents tomcat-ECDSA (seed 001): none presented though one is planned.
    let missing = lab.judge(
        "https://uccx1.example.com:12015/",
        &[
            seen(planned_rsa(), Offer::Rsa),
            failed(Offer::Ecdsa, ProbeError::Alert("HandshakeFailure".into())),
        ],
    );
    assert!(ids(&missing).contains(&"probe.planned_missing"), "{:?}", ids(&missing));
    assert_eq!(missing.matches_plan, Some(false));
    // AppAdmin presents tomcat only: a missing ECDSA handshake there is no finding.
    let appadmin = lab.judge(
        "https://uccx1.example.com/appadmin/main",
        &[
            seen(planned_rsa(), Offer::Rsa),
            failed(Offer::Ecdsa, ProbeError::Alert("HandshakeFailure".into())),
        ],
    );
    assert_eq!(appadmin.matches_plan, Some(true));
    assert_eq!(ids(&appadmin), ["probe.tls_version"]);
}

#[test]
fn from_11_6_live_data_presents_tomcat_and_no_ecdsa_is_expected() {
    // UCCX 12.5(1)SU3: ECDSA is removed from the solution (TN118855). The EC certificate given is
    // not planned, Live Data is judged on tomcat, one handshake as a browser makes it.
    for version in ["12.5(1)SU3", "15.0(1)"] {
        let (resolved, _) = context_on(version, "").resolve(common::TODAY);
        assert_eq!(probe::offers(&resolved), [Offer::Any]);
        let lab = lab_on(context_on(version, ""), PLAN);
        let report =
            lab.judge("https://uccx1.example.com:12015/", &[seen(planned_rsa(), Offer::Any)]);
        assert!(!ids(&report).contains(&"probe.planned_missing"), "{:?}", ids(&report));
        assert_eq!(report.matches_plan, Some(true), "{version}: {:?}", report.findings);
        let json = serde_json::to_value(&report).expect("json");
        assert!(json.to_string().contains("uccx1.example.com"));
    }
}

#[test]
fn an_unreachable_url_says_why_in_the_report_language() {
    let lab = lab(PLAN, "");
    let target = lab.target("https://uccx2.example.com:7443/");
    let report = probe::judge(
        target,
        &[failed(Offer::Rsa, ProbeError::Refused), failed(Offer::Ecdsa, ProbeError::Refused)],
        &lab.plan,
        Windows::warn(30),
        Lang::Ja,
    );
    assert!(!report.reachable);
    assert_eq!(
        report.error.as_deref(),
        Some("接続が拒否されました。このポートで待ち受けているサービスはありません。")
    );
    assert!(report.findings.is_empty());
    let whole = probe::report(lab.plan_context(), vec![report], Windows::warn(30), Lang::Ja);
    assert!(!whole.all_well());
    assert_eq!(whole.summary.unreachable, 1);
    let json = serde_json::to_value(&whole).expect("json");
    assert_eq!(json["kind"], "certcheck-probe");
    assert_eq!(json["targets"][0]["presented"]["rsa"], serde_json::Value::Null);
    assert_eq!(json["targets"][0]["matches_plan"], serde_json::Value::Null);
    assert_eq!(json["targets"][0]["endpoint"], "notification");
    let text = probe::text::render(&whole);
    assert!(text.contains("到達できません。"), "{text}");
}

#[test]
fn every_probe_error_reads_as_a_sentence_in_every_language() {
    let errors = [
        ProbeError::Resolve,
        ProbeError::Refused,
        ProbeError::Unreachable,
        ProbeError::Timeout,
        ProbeError::NotTried,
        ProbeError::NotTls { http: true },
        ProbeError::NotTls { http: false },
        ProbeError::Alert("HandshakeFailure".into()),
        ProbeError::NoCommonVersion,
        ProbeError::Closed,
        ProbeError::TooLarge,
        ProbeError::Handshake("x".into()),
    ];
    for lang in [Lang::En, Lang::Ja, Lang::PtBr, Lang::ZhTw] {
        let mut seen = std::collections::HashSet::new();
        for error in &errors {
            let text = error.message(lang);
            assert!(!text.is_empty() && !text.contains('{'), "{lang:?} {error:?}: {text}");
            assert!(seen.insert(text), "{lang:?} {error:?} repeats another error's text");
        }
    }
}

impl Lab {
    fn plan_context(&self) -> certcheck::Context {
        context("").resolve(common::TODAY).0
    }
}

#[test]
fn a_certificate_within_crit_days_is_an_error_and_not_also_a_warning() {
    // Eleven days before the CA certificates expire (2035-01-01).
    let lab = lab_at("2034-12-21");
    let url = "https://uccx1.example.com:8445/";
    let judge = |windows| {
        probe::judge(
            lab.target(url),
            &[seen(planned_rsa(), Offer::Rsa)],
            &lab.plan,
            windows,
            Lang::En,
        )
    };
    let critical = judge(Windows { warn_days: 30, crit_days: Some(15) });
    assert!(ids(&critical).contains(&"probe.expires_critical"), "{:?}", ids(&critical));
    assert!(!ids(&critical).contains(&"probe.expires_within"), "one finding for one fact");
    let finding = critical.findings.iter().find(|f| f.id == "probe.expires_critical").unwrap();
    assert_eq!(finding.severity, certcheck::rules::Severity::Error);
    assert!(finding.message.contains("11 day(s) left, within the 15-day critical window"));
    assert_eq!(critical.days_left, Some(11));
    let warned = judge(Windows { warn_days: 30, crit_days: Some(5) });
    assert!(ids(&warned).contains(&"probe.expires_within"), "{:?}", ids(&warned));
    assert!(!ids(&warned).contains(&"probe.expires_critical"));
    assert!(!ids(&judge(Windows::warn(30))).contains(&"probe.expires_critical"), "off by default");
}
