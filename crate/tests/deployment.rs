//! Right on real deployments: the files admins really drop (tests/fixtures/deployment/, made by
//! make_deployment_fixtures.py) give one end state — which certificate each node presents — and
//! the plan, the checklist, the ECDSA table and the findings all follow it.

mod common;

use certcheck::advice::checklist::Outcome;
use certcheck::deployment::roles::{Kind, Store};
use certcheck::{ContextInput, Report};

fn set(scenario: &str) -> Vec<String> {
    let dir = common::fixtures().join("deployment").join(scenario);
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{dir:?}: {error}"))
        .map(|entry| {
            format!("deployment/{scenario}/{}", entry.expect("entry").file_name().to_string_lossy())
        })
        .collect();
    files.sort();
    files
}

fn uccx(nodes: &[&str]) -> ContextInput {
    ContextInput {
        product: "uccx".into(),
        version: "12.5(1)".into(),
        nodes: nodes.iter().map(|node| node.to_string()).collect(),
        ..ContextInput::default()
    }
}

fn check(scenario: &str, context: ContextInput) -> Report {
    let files = set(scenario);
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    common::check_with(&files, context)
}

/// The item of the certificate whose input file name ends with `file`.
fn item(report: &Report, file: &str) -> usize {
    report
        .items
        .iter()
        .find(|item| item.origin.source.ends_with(file) && item.certificate.is_some())
        .unwrap_or_else(|| panic!("no certificate from {file}"))
        .index
}

/// Items uploaded by the plan as tomcat or tomcat-ECDSA.
fn uploaded_leaves(report: &Report) -> Vec<usize> {
    report
        .upload_plan
        .nodes
        .iter()
        .flat_map(|node| &node.steps)
        .filter(|step| matches!(step.store, Some(Store::Tomcat | Store::TomcatEcdsa)))
        .filter_map(|step| step.item)
        .collect()
}

fn rows_of<'a>(
    report: &'a Report,
    node: &'a str,
) -> impl Iterator<Item = &'a certcheck::advice::checklist::Row> {
    report.checklist.rows.iter().filter(move |row| row.node == node)
}

#[test]
fn the_new_ca_signed_certificate_supersedes_the_old_self_signed_one_everywhere() {
    for scenario in ["old-and-new", "shared-key"] {
        let report = check(scenario, uccx(&["uccx1.example.com", "uccx2.example.com"]));
        let new = item(&report, "uccx1-tomcat.pem");
        let old = item(&report, "uccx1-tomcat-old-selfsigned.pem");
        // The CA-signed leaf is a server certificate (cA=FALSE), even when it shares the old key.
        let role = report.items[new].role.as_ref().expect("role");
        assert_eq!((role.kind, role.store), (Kind::Leaf, Store::Tomcat), "{scenario}");
        assert_eq!(uploaded_leaves(&report), vec![new], "{scenario}: the plan uploads the new one");
        for row in
            rows_of(&report, "uccx1.example.com").filter(|row| row.presents == Some(Store::Tomcat))
        {
            assert_eq!(row.item, Some(new), "{scenario} {}", row.url);
            assert_eq!(
                row.outcome,
                Outcome::Trusted,
                "{scenario} {}: {}",
                row.url,
                row.outcome_text
            );
        }
        let superseded: Vec<_> =
            report.findings.iter().filter(|finding| finding.id == "trust.superseded").collect();
        assert_eq!(superseded.len(), 1, "{scenario}");
        assert_eq!(superseded[0].item, Some(old));
        assert!(superseded[0].message.contains(&report.items[new].label));
        // Agents are not told to accept the old one.
        assert!(!common::ids(&report).contains(&"trust.self_signed_leaf"), "{scenario}");
        assert_eq!(report.checklist.agent_accepts, 0);
    }
}

#[test]
fn a_renewal_presents_the_latest_certificate() {
    let report = check("renewal", uccx(&["uccx1.example.com"]));
    let new = item(&report, "uccx1-tomcat-2026.pem");
    let old = item(&report, "uccx1-tomcat-2025.pem");
    assert_eq!(uploaded_leaves(&report), vec![new]);
    // The expired 2025 certificate is reported, but no row judges it.
    assert!(report.findings.iter().any(|f| f.id == "validity.expired" && f.item == Some(old)));
    assert!(rows_of(&report, "uccx1.example.com")
        .filter(|row| row.presents == Some(Store::Tomcat))
        .all(|row| row.item == Some(new) && row.outcome == Outcome::Trusted));
}

#[test]
fn another_servers_certificate_is_never_a_node() {
    let report = check("other-server", uccx(&["uccx1.example.com", "uccx2.example.com"]));
    let cucm = item(&report, "cucm1-tomcat.pem");
    let nodes: Vec<&str> = report.upload_plan.nodes.iter().map(|node| node.node.as_str()).collect();
    assert_eq!(nodes, vec!["uccx1.example.com", "uccx2.example.com"]);
    assert!(report
        .checklist
        .rows
        .iter()
        .all(|row| row.item != Some(cucm) && !row.url.contains("cucm1")));
    assert!(report.ecdsa_verdict.servers.iter().all(|server| server.server != "cucm1.example.com"));
    let ids = common::ids(&report);
    assert!(ids.contains(&"trust.other_server"));
    assert!(!ids.contains(&"san.hostname_mismatch"), "{ids:?}");
    assert!(
        !ids.contains(&"trust.self_signed_leaf"),
        "agents are not asked to accept Unified CM's certificate"
    );
    assert_eq!(report.summary.errors, 0, "{ids:?}");
    // Without nodes, the plan goes by each certificate's own name.
    let bare = check("other-server", ContextInput::default());
    assert!(bare.upload_plan.nodes.iter().any(|node| node.node == "cucm1.example.com"));
}

#[test]
fn a_root_with_an_md5_self_signature_is_still_the_self_signed_root() {
    let report = check("md5-root", uccx(&["uccx1.example.com", "uccx2.example.com"]));
    let root = item(&report, "ios-ca-md5.pem");
    let certificate = report.items[root].certificate.as_ref().expect("certificate");
    assert!(certificate.self_signed);
    assert_eq!(report.items[root].role.as_ref().map(|role| role.kind), Some(Kind::Root));
    let chain = &report.chains[0];
    assert_eq!(chain.end, certcheck::chain::End::Root);
    assert!(
        !common::ids(&report).contains(&"key.sha1_signature"),
        "a root's own signature is not judged"
    );
    let steps: Vec<_> = report.upload_plan.nodes.iter().flat_map(|node| &node.steps).collect();
    assert!(steps
        .iter()
        .all(|step| step.kind != certcheck::advice::upload_plan::StepKind::MissingCa));
    assert!(rows_of(&report, "uccx1.example.com")
        .filter(|row| row.presents == Some(Store::Tomcat))
        .all(|row| row.outcome == Outcome::Trusted));
    // Without a node list, each server keeps its own tomcat-trust: the self-signed uccx2 is not
    // told to upload the IOS CA that signed uccx1.
    let bare = check("md5-root", ContextInput::default());
    let uccx2 =
        bare.upload_plan.nodes.iter().find(|node| node.node == "uccx2.example.com").expect("uccx2");
    assert!(uccx2.steps.iter().all(|step| step.item != Some(root)), "{:?}", uccx2.steps);
}

#[test]
fn a_row_fails_when_any_certificate_of_the_presented_chain_fails_a_browser_check() {
    let cases: &[(&[&str], &str, &str)] = &[
        (&["rules/chain.issuer_not_ca/fire"], "agent-tools.example.com", "chain.issuer_not_ca"),
        (&["rules/chain.issuer_key_usage/fire"], "uccx1.example.com", "chain.issuer_key_usage"),
        (&["rules/chain.path_len_exceeded/fire"], "uccx1.example.com", "chain.path_len_exceeded"),
        (
            &["rules/chain.missing_intermediate/fire"],
            "uccx1.example.com",
            "chain.missing_intermediate",
        ),
        (&["rules/key.sha1_signature/fire"], "uccx1.example.com", "key.sha1_signature"),
        (&["rules/ext.key_usage_tls/fire"], "uccx1.example.com", "ext.key_usage_tls"),
        (&["rules/ext.unknown_critical/fire"], "uccx1.example.com", "ext.unknown_critical"),
        (&["deployment/expired-intermediate"], "uccx1.example.com", "validity.expired"),
    ];
    for (dirs, node, id) in cases {
        let mut files = Vec::new();
        for dir in *dirs {
            let full = common::fixtures().join(dir);
            for entry in std::fs::read_dir(&full).expect("dir") {
                files
                    .push(format!("{dir}/{}", entry.expect("entry").file_name().to_string_lossy()));
            }
        }
        files.sort();
        let files: Vec<&str> = files.iter().map(String::as_str).collect();
        let report = common::check_with(&files, uccx(&[node]));
        let rows: Vec<_> =
            rows_of(&report, node).filter(|row| row.presents == Some(Store::Tomcat)).collect();
        assert!(!rows.is_empty(), "{id}: no rows");
        for row in rows {
            assert_eq!(row.outcome, Outcome::Fails, "{id} {}: {}", row.url, row.outcome_text);
            assert!(row.outcome_text.contains(id), "{id}: {}", row.outcome_text);
        }
    }
}

#[test]
fn a_ca_certificate_gets_a_ca_side_fix() {
    let report = check("expired-intermediate", uccx(&["uccx1.example.com"]));
    let expired = report.findings.iter().find(|f| f.id == "validity.expired").expect("expired");
    assert!(expired.fix.starts_with("This is a CA certificate"), "{}", expired.fix);
    assert!(!expired.fix.contains("Generate a new CSR"));
    // A server certificate keeps the CSR path.
    let renewal = check("renewal", uccx(&["uccx1.example.com"]));
    let expired = renewal.findings.iter().find(|f| f.id == "validity.expired").expect("expired");
    assert!(expired.fix.starts_with("Generate a new CSR"), "{}", expired.fix);
}

#[test]
fn a_csr_alone_says_what_the_ca_must_do_and_what_will_fail() {
    let ids =
        |files: &[&str], context: ContextInput| common::ids(&common::check_with(files, context));
    let node = || uccx(&["uccx1.example.com"]);
    // Seed 002's way to let the CA form the SAN: not an error, but the CA must add the FQDN.
    let no_san = ids(&["rules/csr.no_san/fire/uccx1-tomcat.csr"], node());
    assert!(
        no_san.contains(&"csr.no_san") && !no_san.iter().any(|id| id.starts_with("san.")),
        "{no_san:?}"
    );
    let with_san = ids(&["rules/csr.san_to_copy/fire/uccx1-tomcat.csr"], node());
    assert!(with_san.contains(&"csr.san_to_copy"), "{with_san:?}");
    assert!(
        ids(&["rules/csr.cn_not_fqdn/fire/uccx1-tomcat.csr"], node()).contains(&"csr.cn_not_fqdn")
    );
    assert!(ids(&["rules/csr.not_for_node/fire/uccx9-tomcat.csr"], node())
        .contains(&"csr.not_for_node"));
    assert!(
        ids(&["rules/csr.multi_server/fire/uccx-both.csr"], node()).contains(&"csr.multi_server")
    );
    // Once the CA's answer is given beside it, the pre-flight gives way to the pairing checks.
    let answered = ids(
        &[
            "rules/csr.san_to_copy/silent/uccx1-tomcat.csr",
            "rules/csr.san_to_copy/silent/uccx1-tomcat.pem",
            "rules/csr.san_to_copy/silent/ca-chain.pem",
        ],
        node(),
    );
    assert!(
        !answered.iter().any(|id| *id == "csr.san_to_copy" || *id == "csr.no_san"),
        "{answered:?}"
    );
}

#[test]
fn without_nodes_the_plan_says_it_goes_by_certificate_name() {
    let bare = check("other-server", ContextInput::default());
    let note = bare.upload_plan.note.as_deref().expect("note");
    assert!(note.starts_with("No node FQDNs were given"), "{note}");
    assert!(certcheck::report::text::render(&bare).contains("No node FQDNs were given"));
    let planned = check("other-server", uccx(&["uccx1.example.com"]));
    assert!(planned.upload_plan.note.is_none());
}
