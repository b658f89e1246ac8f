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

// --- For monitoring systems: the Monitoring Plugins output and the Prometheus text format ---

use certcheck::probe::monitoring::{self, Status};
use certcheck::probe::ProbeReport;

/// Eleven days before the CA certificates expire (2035-01-01): the planned chain as sent carries
/// an intermediate within the 30-day warning window.
const BEFORE_CA_EXPIRY: &str = "2034-12-21";

fn judged(lab: &Lab, url: &str, observations: &[Observation], windows: Windows) -> TargetReport {
    probe::judge(lab.target(url), observations, &lab.plan, windows, Lang::En)
}

fn whole(at: &str, targets: Vec<TargetReport>, windows: Windows, lang: Lang) -> ProbeReport {
    let (context, _) = context(at).resolve(common::TODAY);
    probe::report(context, targets, windows, lang)
}

#[test]
fn each_url_is_ok_warning_or_critical_from_its_findings_and_the_windows() {
    let lab = lab(PLAN, "");
    let good = lab.judge(
        "https://uccx1.example.com:12015/",
        &[
            seen(planned_rsa(), Offer::Rsa),
            seen(vec![read_one("probe/uccx1-tomcat-ecdsa.pem")], Offer::Ecdsa),
        ],
    );
    assert_eq!(monitoring::status(&good), Status::Ok, "{:?}", ids(&good));
    assert_eq!(good.days_left, Some(2959), "2026-11-25 → 2035-01-01, the CA certificates");
    assert!((good.duration_seconds - 0.04).abs() < 1e-9, "two handshakes of 20 ms");

    let refused = lab.judge(
        "https://uccx2.example.com:7443/",
        &[failed(Offer::Rsa, ProbeError::Refused), failed(Offer::Ecdsa, ProbeError::Refused)],
    );
    assert_eq!(monitoring::status(&refused), Status::Critical);
    assert_eq!(refused.days_left, None);

    let old = lab.judge(
        "https://uccx1.example.com:7443/",
        &[seen(vec![read_one("probe/uccx1-old-selfsigned.pem")], Offer::Rsa)],
    );
    assert_eq!(monitoring::status(&old), Status::Critical, "not the planned certificate");

    let expired = lab.judge(
        "https://uccx1.example.com:8444/",
        &[seen(vec![read_one("probe/uccx1-expired.pem"), intermediate()], Offer::Rsa)],
    );
    assert_eq!(monitoring::status(&expired), Status::Critical);
    assert!(expired.days_left.is_some_and(|days| days < 0), "{:?}", expired.days_left);

    // Eleven days left: a warning in the 30-day window, an error in a 15-day critical window,
    // a warning again when the critical window is 5 days.
    let soon = lab_at(BEFORE_CA_EXPIRY);
    let url = "https://uccx1.example.com:8445/";
    let chain = || [seen(planned_rsa(), Offer::Rsa)];
    let warned = judged(&soon, url, &chain(), Windows::warn(30));
    assert_eq!(monitoring::status(&warned), Status::Warning, "{:?}", ids(&warned));
    assert_eq!(warned.days_left, Some(11));
    assert!(ids(&warned).contains(&"probe.expires_within"));
    let critical = judged(&soon, url, &chain(), Windows { warn_days: 30, crit_days: Some(15) });
    assert_eq!(monitoring::status(&critical), Status::Critical, "{:?}", ids(&critical));
    let outside = judged(&soon, url, &chain(), Windows { warn_days: 30, crit_days: Some(5) });
    assert_eq!(monitoring::status(&outside), Status::Warning, "{:?}", ids(&outside));
    // Nothing within the windows: OK.
    let quiet = judged(&soon, url, &chain(), Windows { warn_days: 10, crit_days: Some(5) });
    assert_eq!(monitoring::status(&quiet), Status::Ok, "{:?}", ids(&quiet));
}

#[test]
fn the_nagios_output_is_one_status_line_with_perfdata_then_one_line_per_url() {
    let lab = lab_at(BEFORE_CA_EXPIRY);
    let windows = Windows { warn_days: 30, crit_days: Some(7) };
    let targets = vec![
        judged(
            &lab,
            "https://uccx1.example.com:8445/",
            &[seen(planned_rsa(), Offer::Rsa)],
            windows,
        ),
        judged(
            &lab,
            "https://uccx1.example.com:8445/cfadmin",
            &[seen(planned_rsa(), Offer::Rsa)],
            windows,
        ),
        judged(
            &lab,
            "https://uccx2.example.com:7443/",
            &[failed(Offer::Rsa, ProbeError::Timeout), failed(Offer::Ecdsa, ProbeError::Timeout)],
            windows,
        ),
    ];
    let report = whole(BEFORE_CA_EXPIRY, targets, windows, Lang::En);
    assert_eq!(monitoring::overall(&report), Status::Critical);
    let text = monitoring::nagios(&report);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    let (status_line, perfdata) = lines[0].split_once(" | ").expect("perfdata");
    assert_eq!(
        status_line,
        "CERTCHECK CRITICAL - 3 URL(s) probed: 1 failing, 2 with a warning; the fewest days \
         left: 11 (https://uccx1.example.com:8445/)."
    );
    // One value per host and port: `:8445/` and `:8445/cfadmin` are one endpoint; the unreachable
    // one has none. Thresholds in the range format: alert below 30 (warning) and below 7.
    assert_eq!(
        perfdata,
        "'days_left'=11;30:;7: 'days_left_uccx1.example.com_8445'=11;30:;7: \
         'urls_failing'=1;;0;0;3"
    );
    for field in perfdata.split(' ') {
        let (label, data) = field.split_once('=').expect("label=value");
        assert!(label.starts_with('\'') && label.ends_with('\''), "{field}");
        let value = data.split(';').next().unwrap_or_default();
        assert!(value.chars().all(|c| c.is_ascii_digit() || c == '-' || c == '.'), "{field}");
    }
    assert!(lines[1].starts_with("WARNING https://uccx1.example.com:8445/ - A certificate"));
    assert!(lines[1].contains("11 day(s) left, within the 30-day warning window"), "{}", lines[1]);
    assert!(
        lines[3].starts_with("CRITICAL https://uccx2.example.com:7443/ - Not reachable: No answer")
    );

    // Without --crit-days the critical threshold is an expired certificate: below 0 days.
    let report = whole(
        BEFORE_CA_EXPIRY,
        vec![judged(
            &lab,
            "https://uccx1.example.com:8445/",
            &[seen(planned_rsa(), Offer::Rsa)],
            Windows::warn(30),
        )],
        Windows::warn(30),
        Lang::En,
    );
    let text = monitoring::nagios(&report);
    assert_eq!(monitoring::overall(&report), Status::Warning);
    assert!(text.starts_with("CERTCHECK WARNING - "), "{text}");
    assert!(text.contains("| 'days_left'=11;30:;0: "), "{text}");
}

#[test]
fn nagios_summaries_follow_the_language_but_status_words_do_not() {
    let lab = lab(PLAN, "");
    let good = || {
        probe::judge(
            lab.target("https://uccx1.example.com:8445/"),
            &[seen(planned_rsa(), Offer::Rsa)],
            &lab.plan,
            Windows::warn(30),
            Lang::Ja,
        )
    };
    let text = monitoring::nagios(&whole("", vec![good()], Windows::warn(30), Lang::Ja));
    assert!(text.starts_with("CERTCHECK OK - 1 件の URL をプローブ"), "{text}");
    assert!(text.contains("\nOK https://uccx1.example.com:8445/ - 残り 2959 日。"), "{text}");
    for lang in [Lang::En, Lang::PtBr, Lang::ZhTw] {
        let text = monitoring::nagios(&whole("", vec![good()], Windows::warn(30), lang));
        assert!(text.starts_with("CERTCHECK OK - "), "{lang:?}: {text}");
        assert!(!text.contains('{'), "{lang:?}: {text}");
    }
    // No URL to probe: nothing was judged.
    let empty = whole("", Vec::new(), Windows::warn(30), Lang::PtBr);
    assert_eq!(monitoring::overall(&empty), Status::Unknown);
    let text = monitoring::nagios(&empty);
    assert!(text.starts_with("CERTCHECK UNKNOWN - Nenhuma URL para sondar"), "{text}");
}

#[test]
fn hostile_server_fields_cannot_forge_a_status_line_or_perfdata() {
    let lab = lab(PLAN, "");
    let mut target = lab.judge(
        "https://uccx1.example.com:7443/",
        &[seen(vec![read_one("probe/uccx1-old-selfsigned.pem")], Offer::Rsa)],
    );
    for finding in &mut target.findings {
        finding.message =
            "evil\nCERTCHECK OK - all fine | 'days_left'=9999\r\u{1b}[0m\u{202e}".into();
    }
    target.url = "https://uccx1.example.com:7443/\nOK x".into();
    let text = monitoring::nagios(&whole("", vec![target], Windows::warn(30), Lang::En));
    assert_eq!(text.lines().count(), 2, "{text}");
    assert_eq!(text.matches('|').count(), 1, "only the perfdata separator: {text}");
    assert!(!text.contains(['\r', '\u{1b}', '\u{202e}']), "{text}");
    assert!(text.lines().nth(1).unwrap_or_default().starts_with("CRITICAL "), "{text}");
}

#[test]
fn the_prometheus_output_has_every_family_once_with_escaped_labels() {
    let lab = lab(PLAN, "");
    let live_data = lab.judge(
        "https://uccx1.example.com:12015/",
        &[
            seen(planned_rsa(), Offer::Rsa),
            seen(vec![read_one("probe/uccx1-ecdsa-selfsigned.pem")], Offer::Ecdsa),
        ],
    );
    let old = lab.judge(
        "https://uccx1.example.com:7443/",
        &[seen(vec![read_one("probe/uccx1-old-selfsigned.pem")], Offer::Rsa)],
    );
    let mut refused = lab.judge(
        "https://uccx2.example.com:8445/",
        &[failed(Offer::Rsa, ProbeError::Refused), failed(Offer::Ecdsa, ProbeError::Refused)],
    );
    refused.node = "a\"b\\c\nd".into();
    let twice = old.clone();
    let report = whole("", vec![live_data, old, refused, twice], Windows::warn(30), Lang::Ja);
    let text = monitoring::prometheus(&report);
    let families = [
        "certcheck_probe_success",
        "certcheck_cert_not_after_seconds",
        "certcheck_chain_earliest_not_after_seconds",
        "certcheck_cert_matches_plan",
        "certcheck_findings",
        "certcheck_probe_duration_seconds",
    ];
    for name in families {
        assert_eq!(text.matches(&format!("# HELP {name} ")).count(), 1, "{name}\n{text}");
        assert_eq!(text.matches(&format!("# TYPE {name} gauge\n")).count(), 1, "{name}");
    }
    // Every sample line is `name{labels} value`, each series once (the URL listed twice too).
    let samples: Vec<&str> = text.lines().filter(|line| !line.starts_with('#')).collect();
    let mut series: Vec<&str> =
        samples.iter().map(|line| line.rsplit_once(' ').unwrap().0).collect();
    series.sort_unstable();
    let count = series.len();
    series.dedup();
    assert_eq!(series.len(), count, "a series twice:\n{text}");
    let has = |line: &str| samples.contains(&line);
    let live = "url=\"https://uccx1.example.com:12015/\",node=\"uccx1.example.com\"";
    assert!(has(&format!("certcheck_probe_success{{{live}}} 1")), "{text}");
    let tomcat = samples
        .iter()
        .find(|line| {
            line.starts_with(&format!("certcheck_cert_not_after_seconds{{{live},store=\"tomcat\""))
        })
        .expect("the tomcat leaf");
    assert!(tomcat.ends_with("\"} 2366841600"), "2045-01-01: {tomcat}");
    let sha256 = &report.targets[0].presented.rsa.as_ref().expect("rsa")[0].sha256;
    assert!(tomcat.contains(&format!(",sha256=\"{sha256}\"")), "{tomcat}");
    assert!(has(&format!(
        "certcheck_chain_earliest_not_after_seconds{{{live},store=\"tomcat\"}} 2051222400"
    )));
    // Live Data presents tomcat-ECDSA (seed 001): that store is compared with the plan, as the
    // URL's `matches_plan` is; the RSA handshake's certificate is reported, not compared.
    assert!(has(&format!("certcheck_cert_matches_plan{{{live},store=\"tomcat-ECDSA\"}} 0")));
    assert!(!text.contains(&format!("certcheck_cert_matches_plan{{{live},store=\"tomcat\"}}")));
    let old = "url=\"https://uccx1.example.com:7443/\",node=\"uccx1.example.com\"";
    assert!(has(&format!("certcheck_cert_matches_plan{{{old},store=\"tomcat\"}} 0")));
    assert!(has(
        "certcheck_findings{url=\"https://uccx1.example.com:7443/\",severity=\"error\"} 1"
    ));
    assert!(has(
        "certcheck_probe_success{url=\"https://uccx2.example.com:8445/\",node=\"a\\\"b\\\\c\\nd\"} 0"
    ));
    assert!(has(
        "certcheck_probe_duration_seconds{url=\"https://uccx1.example.com:12015/\"} 0.040"
    ));
    assert!(!text.contains("uccx2.example.com:8445/\",node=\"uccx2"), "no series for its stores");
    assert!(text.ends_with('\n'));
}

#[test]
fn the_json_carries_the_windows_expiry_dates_and_durations() {
    let lab = lab(PLAN, "");
    let target = lab.judge("https://uccx1.example.com:8445/", &[seen(planned_rsa(), Offer::Rsa)]);
    let report = whole("", vec![target], Windows { warn_days: 30, crit_days: Some(7) }, Lang::En);
    let json = serde_json::to_value(&report).expect("json");
    assert_eq!(json["warn_days"], 30);
    assert_eq!(json["crit_days"], 7);
    let target = &json["targets"][0];
    assert_eq!(target["presented"]["rsa"][0]["not_after"], "2045-01-01T00:00:00Z");
    assert_eq!(target["days_left"], 2959);
    assert_eq!(target["duration_seconds"], 0.02);
    assert!(target.get("stores").is_none(), "monitoring's view is not part of the contract");
}
