//! The upload plan: per node, CA certificates as tomcat-trust on the first node only, root first;
//! RSA leaf as tomcat, EC leaf as tomcat-ECDSA from 11.5; restart; downloads named for the step.

mod common;

use certcheck::advice::upload_plan::StepKind;
use certcheck::deployment::roles::Store;
use certcheck::{ContextInput, Input, Lang};

fn uccx(version: &str) -> ContextInput {
    ContextInput {
        product: "uccx".into(),
        version: version.into(),
        nodes: vec!["uccx1.example.com".into(), "uccx2.example.com".into()],
        ..Default::default()
    }
}

fn kinds(steps: &[certcheck::advice::upload_plan::Step]) -> Vec<StepKind> {
    steps.iter().map(|step| step.kind).collect()
}

#[test]
fn two_node_uccx_gets_trust_on_the_publisher_and_each_leaf_on_its_node() {
    let files = [
        "good/rsa/uccx2-tomcat.pem",
        "good/rsa/ca-chain.pem",
        "good/rsa/uccx1-tomcat.pem",
        "good/ec/uccx1-tomcat-ecdsa.pem",
        "good/ec/ec-root.pem",
    ];
    let report = common::check_with(&files, uccx("11.5(1)SU1"));
    let plan = &report.upload_plan.nodes;
    assert_eq!(plan.len(), 2);
    assert_eq!(plan[0].node, "uccx1.example.com");
    assert!(plan[0].first && !plan[1].first);
    use StepKind::*;
    assert_eq!(
        kinds(&plan[0].steps),
        [TrustRoot, TrustIntermediate, TrustRoot, Tomcat, TomcatEcdsa, Restart]
    );
    assert_eq!(kinds(&plan[1].steps), [TrustReplicated, Tomcat, Restart]);
    let names: Vec<&str> =
        plan[0].steps.iter().filter_map(|step| step.file_name.as_deref()).collect();
    assert_eq!(names[0], "1-tomcat-trust-root-Example_Root_CA.pem");
    assert_eq!(names[1], "2-tomcat-trust-intermediate-Example_Issuing_CA_1.pem");
    assert_eq!(names[3], "4-tomcat-uccx1.example.com.pem");
    assert_eq!(names[4], "5-tomcat-ECDSA-uccx1.example.com.pem");
    assert!(plan[0].steps[4].text.contains("never as tomcat"));
    // The bundle holds the certificates in upload order and reads back as the same certificates.
    assert_eq!(plan[0].bundle_name, "uccx1.example.com-upload-order.pem");
    let again = certcheck::check(
        &[Input::text("bundle", report.upload_plan.bundle(&plan[0]))],
        &Default::default(),
        common::TODAY,
        Lang::En,
    );
    let order: Vec<String> = again
        .items
        .iter()
        .map(|item| item.certificate.as_ref().expect("cert").subject_cn[0].clone())
        .collect();
    assert_eq!(
        order,
        [
            "Example Root CA",
            "Example Issuing CA 1",
            "Example EC Root CA",
            "uccx1.example.com",
            "uccx1.example.com"
        ]
    );
}

#[test]
fn ec_leaf_outside_11_5_is_left_out_of_the_plan() {
    // Before 11.5 there is no tomcat-ECDSA (seed 001); from 11.6 it is removed (TN118855).
    for release in ["11.0(1)", "12.5(1)SU3", "15.0(1)"] {
        let report = common::check_with(
            &["good/ec/uccx1-tomcat-ecdsa.pem", "good/ec/ec-root.pem"],
            uccx(release),
        );
        let steps = &report.upload_plan.nodes[0].steps;
        assert!(!steps.iter().any(|step| step.store == Some(Store::TomcatEcdsa)), "{steps:#?}");
        assert!(steps.iter().any(|step| step.kind == StepKind::NoLeaf), "{release}: {steps:#?}");
        let unused: Vec<_> =
            report.findings.iter().filter(|finding| finding.id == "key.ecdsa_not_used").collect();
        assert_eq!(unused.len(), 1, "{release}");
        assert!(unused[0].message.contains(release), "{}", unused[0].message);
        // The second node got nothing: the plan says so.
        assert!(report.upload_plan.nodes[1].steps.iter().any(|step| step.kind == StepKind::NoLeaf));
    }
    // 11.5(x) keeps tomcat-ECDSA.
    let report = common::check_with(
        &["good/ec/uccx1-tomcat-ecdsa.pem", "good/ec/ec-root.pem"],
        uccx("11.5(1)SU1"),
    );
    let steps = &report.upload_plan.nodes[0].steps;
    assert!(steps.iter().any(|step| step.kind == StepKind::TomcatEcdsa), "{steps:#?}");
    assert!(!report.findings.iter().any(|finding| finding.id == "key.ecdsa_not_used"));
}

#[test]
fn missing_root_is_a_step_and_ucce_restarts_with_the_cli_command() {
    let context = ContextInput {
        product: "ucce".into(),
        version: "11.0(1)".into(),
        nodes: vec!["finesse-a.example.com".into(), "finesse-b.example.com".into()],
        ..Default::default()
    };
    let report = common::check_with(
        &[
            "good/ucce/finesse-a.pem",
            "good/ucce/finesse-b.pem",
            "rules/chain.root_missing/fire/intermediate.pem",
        ],
        context,
    );
    let first = &report.upload_plan.nodes[0].steps;
    assert_eq!(first[0].kind, StepKind::MissingCa);
    assert!(first[0].text.contains("Example Root CA") && first[0].text.contains("key id"));
    assert_eq!(first[1].kind, StepKind::TrustIntermediate);
    assert!(first.last().expect("restart").text.contains("utils system restart"));
}

#[test]
fn self_signed_leaf_needs_no_upload_and_file_names_are_safe() {
    let report = common::check(&["rules/trust.self_signed_leaf/fire/leaf.pem"]);
    let steps = &report.upload_plan.nodes[0].steps;
    assert_eq!(kinds(steps), [StepKind::SelfSigned]);
    assert_eq!(certcheck::advice::upload_plan::safe_name("*.example.com"), "wildcard.example.com");
    assert_eq!(certcheck::advice::upload_plan::safe_name("../<script>x"), "script_x");
    assert_eq!(certcheck::advice::upload_plan::safe_name("日本"), "certificate");
}

#[test]
fn a_ucce_tomcat_step_names_the_root_it_chains_to() {
    let context = ContextInput {
        product: "ucce".into(),
        version: "12.6(2)".into(),
        finesse: vec!["finesse-a.example.com".into(), "finesse-b.example.com".into()],
        ..Default::default()
    };
    let report = common::check_with(
        &["good/ucce/finesse-a.pem", "good/ucce/finesse-b.pem", "good/ucce/ca-chain.p7b"],
        context,
    );
    for node in &report.upload_plan.nodes {
        let tomcat = node.steps.iter().find(|step| step.kind == StepKind::Tomcat).expect("tomcat");
        assert!(tomcat.text.contains("its root CA is Example Root CA"), "{}", tomcat.text);
    }
    // The bundle given is named as one not to upload as it is.
    let formats = report.upload_plan.formats.as_deref().unwrap_or_default();
    assert!(formats.contains("ca-chain.p7b"), "{formats}");
}
