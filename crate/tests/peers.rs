//! The trust the servers need, not only the browsers (issue "The trust the servers need"):
//! Unified CM ↔ UCCX, Finesse IP Phone Agent (Phone-trust), UCCE Live Data and CUIC on side A and
//! side B, third-party gadgets — every store involved gets its steps, and what is missing is said.

mod common;

use certcheck::advice::upload_plan::{NodePlan, StepKind};
use certcheck::deployment::roles::Store;
use certcheck::rules::Severity;
use certcheck::{ContextInput, Report};

fn uccx_with_cucm() -> ContextInput {
    ContextInput {
        product: "uccx".into(),
        version: "12.5(1)SU3".into(),
        nodes: vec!["uccx1.example.com".into(), "uccx2.example.com".into()],
        cucm: vec![
            "cucm1.example.com".into(),
            "cucm2.example.com".into(),
            "cucm3.example.com".into(),
        ],
        gadgets: vec!["https://crm.example.com/gadget.xml".into()],
        ..Default::default()
    }
}

const UCCX_FILES: &[&str] = &[
    "good/rsa/uccx1-tomcat.pem",
    "good/rsa/uccx2-tomcat.pem",
    "good/rsa/ca-chain.pem",
    "releases/peers/cucm1.example.com.pem",
    "releases/peers/cucm2.example.com.pem",
    "releases/peers/crm-chain.pem",
];

fn plan<'a>(report: &'a Report, node: &str) -> &'a NodePlan {
    report.upload_plan.nodes.iter().find(|plan| plan.node == node).expect(node)
}

fn texts(plan: &NodePlan, kind: StepKind) -> Vec<&str> {
    plan.steps.iter().filter(|step| step.kind == kind).map(|step| step.text.as_str()).collect()
}

#[test]
fn uccx_12_5_with_three_self_signed_cucm_nodes_one_missing() {
    let report = common::check_with(UCCX_FILES, uccx_with_cucm());
    // The Unified CM certificates are the peers', shown as such, never nodes or "other servers".
    let cucm1 = report.items.iter().find(|item| item.label.starts_with("cucm1")).expect("cucm1");
    let role = cucm1.role.as_ref().expect("role");
    assert_eq!(role.peer.as_ref().map(|peer| peer.host.as_str()), Some("cucm1.example.com"));
    assert!(!common::ids(&report).contains(&"trust.other_server"));
    // The publisher's tomcat-trust: both given Unified CM certificates, the third said missing.
    let publisher = plan(&report, "uccx1.example.com");
    let peers = texts(publisher, StepKind::PeerTrust);
    assert!(peers.iter().any(|text| text.contains("cucm1.example.com")), "{peers:?}");
    assert!(peers.iter().any(|text| text.contains("cucm2.example.com")), "{peers:?}");
    let missing = texts(publisher, StepKind::PeerMissing);
    assert!(missing.iter().any(|text| text.contains("cucm3.example.com")), "{missing:?}");
    let finding = report
        .findings
        .iter()
        .find(|finding| finding.id == "integration.cucm_missing")
        .expect("cucm3 missing");
    assert_eq!(finding.severity, Severity::Error);
    assert!(finding.message.contains("cucm3.example.com"));
    // The gadget server's whole chain (leaf, intermediate, root) goes to Finesse's tomcat-trust.
    assert!(peers.iter().any(|text| text.contains("crm.example.com")), "{peers:?}");
    // The subscriber gets them by replication, and every peer step comes before the restart.
    assert!(plan(&report, "uccx2.example.com")
        .steps
        .iter()
        .all(|step| step.kind != StepKind::PeerTrust));
    assert_eq!(publisher.steps.last().map(|step| step.kind), Some(StepKind::Restart));
    // Finesse IP Phone Agent (12.5(1) and later): Unified CM's Phone-trust, on its publisher.
    let phone = plan(&report, "cucm1.example.com");
    assert!(phone.peer.is_some());
    let phone_steps: Vec<_> =
        phone.steps.iter().filter(|step| step.kind == StepKind::PhoneTrust).collect();
    assert!(!phone_steps.is_empty());
    assert!(phone_steps.iter().all(|step| step.store == Some(Store::PhoneTrust)));
    // CA-signed UCCX: the CA certificates of its chain, not the nodes' own.
    assert!(
        phone_steps.iter().any(|step| step.text.contains("Example Root CA")),
        "{phone_steps:?}"
    );
    // Every step that uploads has its file and its PEM; the formats are said once.
    for step in report.upload_plan.nodes.iter().flat_map(|node| &node.steps) {
        if let (Some(name), Some(item)) = (&step.file_name, step.item) {
            assert!(report.upload_plan.pems.contains_key(&item.to_string()), "{name}");
        }
    }
    assert!(report.upload_plan.formats.as_deref().unwrap_or_default().contains("PEM or DER"));
    // Before 12.5 Finesse IP Phone Agent is not said to need HTTPS: no Phone-trust plan.
    let old = common::check_with(
        UCCX_FILES,
        ContextInput { version: "11.6(2)".into(), ..uccx_with_cucm() },
    );
    assert!(old.upload_plan.nodes.iter().all(|plan| plan.peer.is_none()));
}

#[test]
fn an_expired_cucm_certificate_breaks_sign_in_not_a_browser() {
    let dir = "rules/integration.cucm_unusable/fire";
    let files =
        [format!("{dir}/uccx1.pem"), format!("{dir}/chain.pem"), format!("{dir}/cucm1.pem")];
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    let context = ContextInput {
        cucm: vec!["cucm1.example.com".into()],
        gadgets: Vec::new(),
        ..uccx_with_cucm()
    };
    let report = common::check_with(&files, context);
    let finding = report
        .findings
        .iter()
        .find(|finding| finding.id == "integration.cucm_unusable")
        .expect("unusable");
    assert!(finding.message.contains("Invalid user ID/password"), "{}", finding.message);
    // No checklist row is about Unified CM: agents do not open it.
    assert!(report.checklist.rows.iter().all(|row| !row.url.contains("cucm")));
}

#[test]
fn ucce_12_6_pair_with_self_signed_side_a_and_b() {
    let side =
        |server: &str| vec![format!("{server}-a.example.com"), format!("{server}-b.example.com")];
    let context = ContextInput {
        product: "ucce".into(),
        version: "12.6(2)".into(),
        finesse: side("finesse"),
        cuic: side("cuic"),
        livedata: side("livedata"),
        ..Default::default()
    };
    let mut files: Vec<String> = Vec::new();
    for server in ["finesse", "cuic", "livedata"] {
        for name in side(server) {
            files.push(format!("releases/ucce-self-signed/{name}.pem"));
        }
    }
    let all: Vec<&str> = files.iter().map(String::as_str).collect();
    let report = common::check_with(&all, context.clone());
    for finesse in side("finesse") {
        let plan = plan(&report, &finesse);
        let peers = texts(plan, StepKind::PeerTrust);
        // Each Finesse server takes the Live Data and CUIC certificates of both sides.
        for server in side("livedata").iter().chain(&side("cuic")) {
            assert!(
                peers.iter().any(|text| text.contains(server.as_str())),
                "{finesse}: {server}: {peers:?}"
            );
        }
        assert_eq!(peers.len(), 4);
        assert_eq!(plan.steps.last().map(|step| step.kind), Some(StepKind::RestartFinesse));
    }
    assert!(!common::ids(&report).contains(&"integration.peer_missing"));
    // Side B's Live Data not given: named, as an error, in the plan and the findings.
    let without_b: Vec<&str> =
        all.iter().copied().filter(|file| !file.contains("livedata-b")).collect();
    let report = common::check_with(&without_b, context);
    let finding = report
        .findings
        .iter()
        .find(|finding| finding.id == "integration.peer_missing")
        .expect("missing");
    assert!(finding.message.contains("livedata-b.example.com"));
    let missing = texts(plan(&report, "finesse-a.example.com"), StepKind::PeerMissing);
    assert!(missing.iter().any(|text| text.contains("livedata-b.example.com")), "{missing:?}");
}
