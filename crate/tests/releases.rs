//! The releases people run today (issue "Right for the releases people run today"): what Cisco's
//! current documents say, release by release, through the whole report — the plan, the checklist,
//! the ECDSA section and the findings all follow the one table of release facts.

mod common;

use certcheck::advice::checklist::{Endpoint, Outcome};
use certcheck::advice::upload_plan::StepKind;
use certcheck::deployment::roles::Store;
use certcheck::rules::Severity;
use certcheck::{ContextInput, Report};

fn uccx(version: &str) -> ContextInput {
    ContextInput {
        product: "uccx".into(),
        version: version.into(),
        nodes: vec!["uccx1.example.com".into(), "uccx2.example.com".into()],
        ..Default::default()
    }
}

const RSA_AND_EC: &[&str] = &[
    "good/rsa/uccx1-tomcat.pem",
    "good/rsa/uccx2-tomcat.pem",
    "good/rsa/ca-chain.pem",
    "good/ec/uccx1-tomcat-ecdsa.pem",
    "good/ec/ec-root.pem",
];

fn finding<'a>(report: &'a Report, id: &str) -> Option<&'a certcheck::rules::finding::Finding> {
    report.findings.iter().find(|finding| finding.id == id)
}

fn plan_stores(report: &Report) -> Vec<Store> {
    report
        .upload_plan
        .nodes
        .iter()
        .flat_map(|node| node.steps.iter())
        .filter_map(|s| s.store)
        .collect()
}

#[test]
fn uccx_12_5_su3_has_no_tomcat_ecdsa_anywhere() {
    let report = common::check_with(RSA_AND_EC, uccx("12.5(1)SU3"));
    // The plan: no tomcat-ECDSA step; the EC certificate is not used (and said so).
    assert!(!plan_stores(&report).contains(&Store::TomcatEcdsa));
    let unused = finding(&report, "key.ecdsa_not_used").expect("key.ecdsa_not_used");
    assert_eq!(unused.severity, Severity::Warning);
    assert!(unused.message.contains("From 11.6") && unused.message.contains("12.5(1)SU3"));
    assert!(unused.cite.contains("TN118855"));
    // The EC root is on no presented chain: it is not uploaded either.
    assert!(!report.upload_plan.nodes[0]
        .steps
        .iter()
        .any(|step| step.text.contains("Example EC Root CA")));
    // The checklist: Live Data presents tomcat, judged on the RSA certificate; no ECDSA row.
    let live: Vec<_> =
        report.checklist.rows.iter().filter(|row| row.endpoint == Endpoint::LiveData).collect();
    assert_eq!(live.len(), 2);
    for row in live {
        assert_eq!(row.presents, Some(Store::Tomcat));
        assert_eq!(row.outcome, Outcome::Trusted);
    }
    assert!(!report.checklist.rows.iter().any(|row| row.presents == Some(Store::TomcatEcdsa)));
    // The agent link's fingerprints come from the rows' certificates: none is an EC one.
    for row in &report.checklist.rows {
        let item = row.item.and_then(|item| report.items.get(item)).expect("judged");
        assert_eq!(item.role.as_ref().map(|role| role.store), Some(Store::Tomcat));
    }
    // The ECDSA section says it does not apply, and why, cited.
    assert!(!report.ecdsa_verdict.applicable);
    assert!(report.ecdsa_verdict.servers.is_empty());
    assert!(report.sources[report.ecdsa_verdict.cite].contains("https://www.cisco.com/"));
}

#[test]
fn uccx_11_5_keeps_tomcat_ecdsa() {
    let report = common::check_with(RSA_AND_EC, uccx("11.5(1)SU1"));
    assert!(plan_stores(&report).contains(&Store::TomcatEcdsa));
    assert!(finding(&report, "key.ecdsa_not_used").is_none());
    assert!(report.ecdsa_verdict.applicable);
    let live = report
        .checklist
        .rows
        .iter()
        .find(|row| row.endpoint == Endpoint::LiveData && row.node == "uccx1.example.com")
        .expect("Live Data");
    assert_eq!(live.presents, Some(Store::TomcatEcdsa));
}

#[test]
fn without_a_release_each_release_is_said_not_assumed() {
    let context = ContextInput { version: String::new(), ..uccx("") };
    let report = common::check_with(RSA_AND_EC, context);
    // The EC certificate may be tomcat-ECDSA (11.5(x)): planned, with the releases said.
    assert!(plan_stores(&report).contains(&Store::TomcatEcdsa));
    let step = report.upload_plan.nodes[0]
        .steps
        .iter()
        .find(|step| step.kind == StepKind::TomcatEcdsa)
        .expect("tomcat-ECDSA step");
    assert!(step.text.contains("11.5(x) only"), "{}", step.text);
    let note = report.ecdsa_verdict.note.as_deref().expect("note");
    assert!(note.contains("Before 11.5") && note.contains("From 11.6"), "{note}");
    // Without an EC certificate, the section says the same without a table.
    let rsa_only =
        common::check_with(&RSA_AND_EC[..3], ContextInput { version: String::new(), ..uccx("") });
    assert!(!rsa_only.ecdsa_verdict.applicable);
    assert!(rsa_only.ecdsa_verdict.reason.as_deref().unwrap_or_default().contains("From 11.6"));
}

#[test]
fn ucce_has_tomcat_ecdsa_only_when_ecdsa_is_enabled() {
    let ucce = |ecdsa: bool| ContextInput {
        product: "ucce".into(),
        version: "12.6(2)".into(),
        finesse: vec!["uccx1.example.com".into()],
        ecdsa,
        ..Default::default()
    };
    let files = ["good/ec/uccx1-tomcat-ecdsa.pem", "good/ec/ec-root.pem"];
    let off = common::check_with(&files, ucce(false));
    assert!(finding(&off, "key.ecdsa_not_used").is_some());
    assert!(!plan_stores(&off).contains(&Store::TomcatEcdsa));
    let on = common::check_with(&files, ucce(true));
    assert!(finding(&on, "key.ecdsa_not_used").is_none());
    assert!(plan_stores(&on).contains(&Store::TomcatEcdsa));
    // UCCE 11.0 (seed 004) has none, whatever the option; without a release the option decides.
    let eleven =
        common::check_with(&files, ContextInput { version: "11.0(1)".into(), ..ucce(true) });
    assert!(finding(&eleven, "key.ecdsa_not_used").is_some());
    let unknown =
        common::check_with(&files, ContextInput { version: String::new(), ..ucce(false) });
    let hit = finding(&unknown, "key.ecdsa_not_used").expect("UCCE without ECDSA");
    assert!(hit.message.contains("UCCE") && !hit.message.contains("{"), "{}", hit.message);
    assert!(!unknown.ecdsa_verdict.applicable);
    assert!(!unknown.ecdsa_verdict.reason.as_deref().unwrap_or_default().ends_with(' '));
}

#[test]
fn multi_server_san_is_supported_for_the_uccx_nodes_from_11_6() {
    let files = ["releases/multi-san/uccx-nodes.pem", "releases/ca-chain.pem"];
    let report = common::check_with(&files, uccx("12.5(1)SU3"));
    assert!(finding(&report, "san.multi_server").is_none(), "{:?}", common::ids(&report));
    // The one certificate is uploaded as tomcat on each node, and both nodes' rows judge it.
    for node in &report.upload_plan.nodes {
        assert!(
            node.steps.iter().any(|step| step.kind == StepKind::Tomcat),
            "{}: {:?}",
            node.node,
            node.steps
        );
    }
    assert!(report
        .checklist
        .rows
        .iter()
        .all(|row| row.outcome == Outcome::Trusted && row.item.is_some()));
    // With SocialMiner in the SAN, and before 11.6: an error, with the reason.
    let with_sm = common::check_with(
        &["releases/multi-san/uccx-and-sm.pem", "releases/ca-chain.pem"],
        ContextInput { socialminer: "sm.example.com".into(), ..uccx("12.5(1)SU3") },
    );
    let error = finding(&with_sm, "san.multi_server").expect("other servers");
    assert!(error.message.contains("SocialMiner"), "{}", error.message);
    let old = common::check_with(&files, uccx("11.5(1)"));
    let error = finding(&old, "san.multi_server").expect("before 11.6");
    assert!(error.message.contains("Before 11.6"), "{}", error.message);
    // SocialMiner never takes one.
    let sm = common::check_with(
        &files,
        ContextInput { product: "socialminer".into(), ..uccx("12.5(1)") },
    );
    assert!(finding(&sm, "san.multi_server").is_some());
}

#[test]
fn rsa_key_lengths_follow_the_product() {
    let files = ["releases/rsa4096/uccx1.pem", "releases/ca-chain.pem"];
    let report = common::check_with(&files, uccx("15.0(1)"));
    let hit = finding(&report, "key.rsa_unsupported_size").expect("4096 on UCCX");
    assert!(hit.message.contains("4096") && hit.message.contains("1024 and 2048"));
    let ucce = ContextInput {
        product: "ucce".into(),
        version: "12.6(2)".into(),
        finesse: vec!["uccx1.example.com".into()],
        ..Default::default()
    };
    assert!(finding(&common::check_with(&files, ucce), "key.rsa_unsupported_size").is_none());
}

#[test]
fn client_auth_is_an_error_where_fn74382_applies_and_the_fix_fits_the_issuer() {
    let public = ["releases/client-auth/public-uccx1.pem", "releases/ca-chain.pem"];
    let private = ["releases/client-auth/private-uccx1.pem", "releases/ca-chain.pem"];
    for version in ["12.5(1)SU3", "15.0(1)"] {
        let report = common::check_with(&public, uccx(version));
        let hit = finding(&report, "ext.missing_client_auth").expect("affected");
        assert_eq!(hit.severity, Severity::Error, "{version}");
        assert!(hit.message.contains("FN74382") && hit.message.contains(version));
        assert!(hit.fix.contains("public CAs no longer issue clientAuth"), "{}", hit.fix);
        assert!(hit.fix.contains("15.0(1)SU2"));
    }
    let report = common::check_with(&private, uccx("12.5(1)SU3"));
    let hit = finding(&report, "ext.missing_client_auth").expect("private");
    assert!(hit.fix.contains("Server Authentication and Client Authentication"), "{}", hit.fix);
    // Outside the releases the FN names: a warning.
    for version in ["11.6(2)", "15.0(1)SU2"] {
        let report = common::check_with(&private, uccx(version));
        let hit = finding(&report, "ext.missing_client_auth").expect("elsewhere");
        assert_eq!(hit.severity, Severity::Warning, "{version}");
    }
    // No EKU extension at all restricts nothing: silent (RFC 5280 §4.2.1.12).
    let report = common::check_with(&RSA_AND_EC[..3], uccx("12.5(1)SU3"));
    assert!(finding(&report, "ext.missing_client_auth").is_none());
}

#[test]
fn a_trust_store_gets_one_certificate_per_name() {
    let dir = "rules/trust.same_subject/fire";
    let files =
        [&format!("{dir}/uccx1.pem")[..], &format!("{dir}/uccx2.pem"), &format!("{dir}/chain.pem")];
    let report = common::check_with(&files, uccx("12.5(1)SU3"));
    let hit = finding(&report, "trust.same_subject").expect("same subject");
    assert_eq!(hit.severity, Severity::Error);
    // The platform keeps the later notBefore (the re-keyed CA); uccx1 was issued under the other.
    assert!(hit.message.contains("uccx1.example.com"), "{}", hit.message);
    let names: Vec<&str> = report.upload_plan.nodes[0]
        .steps
        .iter()
        .filter(|step| step.store == Some(Store::TomcatTrust))
        .map(|step| step.text.as_str())
        .filter(|text| text.contains("Example Issuing CA 1"))
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn a_cross_signed_intermediate_takes_the_valid_path_whatever_the_order() {
    let mut chains = Vec::new();
    for file in
        ["releases/cross-signed/legacy-first.pem", "releases/cross-signed/current-first.pem"]
    {
        let report = common::check_with(&[file], uccx("12.5(1)SU3"));
        let chain = &report.chains[0];
        let top =
            report.items[*chain.path.last().expect("top")].certificate.as_ref().expect("cert");
        assert_eq!(top.subject_cn, ["Example Root CA"], "{file}");
        // Nothing of the legacy hierarchy in the plan, and the row trusts the current root.
        assert!(!report
            .upload_plan
            .nodes
            .iter()
            .flat_map(|node| &node.steps)
            .any(|step| step.text.contains("Legacy")));
        let row = &report.checklist.rows[0];
        assert_eq!(row.outcome, Outcome::Trusted, "{}", row.outcome_text);
        assert!(row.outcome_text.contains("Example Root CA"));
        chains.push(
            chain.path.iter().map(|&item| report.items[item].label.clone()).collect::<Vec<_>>(),
        );
    }
    assert_eq!(chains[0], chains[1]);
}

#[test]
fn an_expired_ca_is_left_out_of_the_plan_with_the_reason() {
    let report = common::check_with(&["releases/expired-ca/chain.pem"], uccx("12.5(1)SU3"));
    let steps = &report.upload_plan.nodes[0].steps;
    let expired = steps.iter().find(|step| step.kind == StepKind::TrustExpired).expect("expired");
    assert!(expired.text.contains("Example Old Issuing CA") && expired.text.contains("2026-02-01"));
    assert!(expired.file_name.is_none() && expired.store.is_none());
    assert!(finding(&report, "trust.after_upgrade").is_some());
}
