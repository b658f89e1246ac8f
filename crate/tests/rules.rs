//! Every rule of the catalog fires on its positive fixture and stays silent on its negative one and
//! on the good sets (tests/fixtures/rules/<id>/{fire,silent}, made by make_fixtures.py).

mod common;

use certcheck::rules::{Severity, RULES};
use certcheck::ContextInput;

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("{dir:?}: {error}"))
        .map(|entry| entry.expect("entry").path())
        .map(|path| {
            path.strip_prefix(common::fixtures()).expect("prefix").to_string_lossy().into_owned()
        })
        .collect();
    files.sort();
    files
}

fn rule_context() -> ContextInput {
    ContextInput { host: "uccx1.example.com".into(), ..Default::default() }
}

/// Fixtures for the input family live in tests/fixtures/input.
fn input_case(id: &str) -> Option<(Vec<String>, Vec<String>)> {
    let fire = match id {
        "input.private_key_present" => vec!["input/key-rsa.pem"],
        "input.garbage" => vec!["input/letter.doc"],
        "input.der" => vec!["input/uccx1.cer"],
        "input.pkcs7" => vec!["input/bundle-pem.p7c"],
        "input.pkcs12" => vec!["input/uccx1-nopass.p12"],
        "input.pkcs12_password" => vec!["input/uccx1-legacy.p12"],
        "input.pkcs12_unreadable" => vec!["input/uccx1-sha3-mac.p12"],
        "input.duplicate" => vec!["input/chain.pem", "input/uccx1.cer"],
        _ => return None,
    };
    Some((fire.into_iter().map(String::from).collect(), vec!["input/chain.pem".to_string()]))
}

#[test]
fn every_rule_fires_on_its_fixture_and_is_silent_on_its_negative() {
    let mut checked = 0;
    // input.pkcs12_wrong_password needs a password: ingestion.rs drives it.
    let elsewhere = |id: &str| id.starts_with("tls.") || id == "input.pkcs12_wrong_password";
    for rule in RULES.iter().filter(|rule| !elsewhere(rule.id)) {
        let dir = common::fixtures().join("rules").join(rule.id);
        let (fire, silent) = input_case(rule.id)
            .unwrap_or_else(|| (files_in(&dir.join("fire")), files_in(&dir.join("silent"))));
        // A rule about a node list (not the single --host) names its nodes in nodes.txt; one
        // about a product, release or peers gives them in context.txt (`product=…`, `version=…`,
        // and repeatable `node=`, `cucm=`, `gadget=`, `finesse=`, `livedata=`, `cuic=`).
        let mut context = match std::fs::read_to_string(dir.join("nodes.txt")) {
            Ok(text) => ContextInput {
                nodes: text.lines().map(str::to_string).collect(),
                ..Default::default()
            },
            Err(_) => rule_context(),
        };
        if let Ok(text) = std::fs::read_to_string(dir.join("context.txt")) {
            for line in text.lines() {
                match line.split_once('=') {
                    Some(("product", value)) => context.product = value.into(),
                    Some(("version", value)) => context.version = value.into(),
                    Some(("node", value)) => context.nodes.push(value.into()),
                    Some(("cucm", value)) => context.cucm.push(value.into()),
                    Some(("gadget", value)) => context.gadgets.push(value.into()),
                    Some(("finesse", value)) => context.finesse.push(value.into()),
                    Some(("livedata", value)) => context.livedata.push(value.into()),
                    Some(("cuic", value)) => context.cuic.push(value.into()),
                    _ => panic!("{}: context.txt: {line:?}", rule.id),
                }
            }
            // Declared nodes replace the one --host.
            if !context.nodes.is_empty() || !context.finesse.is_empty() {
                context.host = String::new();
            }
        }
        let fire: Vec<&str> = fire.iter().map(String::as_str).collect();
        let silent: Vec<&str> = silent.iter().map(String::as_str).collect();
        let report = common::check_with(&fire, context.clone());
        let hits: Vec<_> = report.findings.iter().filter(|finding| finding.id == rule.id).collect();
        assert!(
            !hits.is_empty(),
            "{} did not fire on {fire:?}: {:?}",
            rule.id,
            common::ids(&report)
        );
        for hit in hits {
            assert_eq!(hit.severity, rule.severity);
            assert!(
                !hit.message.contains('{') && !hit.fix.contains('{'),
                "unfilled template in {}",
                rule.id
            );
            assert!(!hit.subject.is_empty());
            assert_eq!(hit.cite, rule.citation);
        }
        let report = common::check_with(&silent, context);
        assert!(
            !common::ids(&report).contains(&rule.id),
            "{} fired on its negative {silent:?}",
            rule.id
        );
        checked += 1;
    }
    assert_eq!(checked, RULES.len() - RULES.iter().filter(|r| elsewhere(r.id)).count());
}

/// The catalog of domain.md §7, all but tls.*.
const CATALOG: &[&str] = &[
    "input.private_key_present",
    "input.garbage",
    "input.der",
    "input.pkcs7",
    "input.duplicate",
    "chain.ok",
    "chain.order_wrong",
    "chain.missing_intermediate",
    "chain.root_missing",
    "chain.not_a_chain",
    "chain.bad_signature",
    "san.cn_not_in_san",
    "san.extra_vs_csr",
    "san.hostname_mismatch",
    "san.multi_server",
    "san.wildcard",
    "key.ecdsa_signed_by_rsa_ca",
    "key.ecdsa_upload_as_tomcat",
    "key.rsa_small",
    "key.sha1_signature",
    "ext.critical_not_allowed",
    "ext.missing_server_auth",
    "ext.missing_client_auth",
    "validity.expired",
    "validity.not_yet_valid",
    "validity.expires_soon",
    "csr.key_mismatch",
    "csr.subject_mismatch",
    "trust.self_signed_leaf",
    "trust.mixed_selfsigned_ecdsa",
];

#[test]
fn every_catalog_id_is_implemented_with_the_catalog_severity() {
    let severities = [
        ("input.private_key_present", Severity::Warning),
        ("input.garbage", Severity::Error),
        ("san.wildcard", Severity::Warning),
        ("key.ecdsa_upload_as_tomcat", Severity::Info),
        // An error, not the catalog's warning: browsers refuse SHA-1 and MD5 signatures on issued
        // certificates with no way through (issue "Right on real deployments").
        ("key.sha1_signature", Severity::Error),
        // An error on the releases Field Notice FN74382 names, a warning elsewhere (the hit's).
        ("ext.missing_client_auth", Severity::Error),
        ("validity.expires_soon", Severity::Warning),
        ("csr.subject_mismatch", Severity::Warning),
        ("trust.self_signed_leaf", Severity::Info),
        ("trust.mixed_selfsigned_ecdsa", Severity::Error),
        ("csr.key_mismatch", Severity::Error),
        ("san.multi_server", Severity::Error),
        ("chain.ok", Severity::Info),
        ("chain.order_wrong", Severity::Warning),
        ("chain.missing_intermediate", Severity::Error),
        ("chain.root_missing", Severity::Warning),
        ("chain.not_a_chain", Severity::Warning),
        ("chain.bad_signature", Severity::Error),
    ];
    for id in CATALOG {
        assert!(certcheck::rules::rule(id).is_some(), "{id} missing");
    }
    for (id, severity) in severities {
        assert_eq!(certcheck::rules::rule(id).map(|rule| rule.severity), Some(severity), "{id}");
    }
}

fn good_set(dir: &str, context: ContextInput) -> certcheck::Report {
    let files = files_in(&common::fixtures().join("good").join(dir));
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    common::check_with(&files, context)
}

fn assert_clean(report: &certcheck::Report, what: &str) {
    let bad: Vec<_> = report
        .findings
        .iter()
        .filter(|finding| finding.severity != Severity::Info)
        .map(|finding| (finding.id, finding.subject.clone(), finding.message.clone()))
        .collect();
    assert!(bad.is_empty(), "{what}: {bad:#?}");
    assert!(
        report.skipped_rules.is_empty(),
        "{what}: skipped {:?}",
        report.skipped_rules.iter().map(|r| r.id).collect::<Vec<_>>()
    );
}

#[test]
fn good_sets_have_no_error_and_no_warning() {
    let uccx = ContextInput {
        product: "uccx".into(),
        version: "12.5(1)".into(),
        nodes: vec!["uccx1.example.com".into(), "uccx2.example.com".into()],
        ..Default::default()
    };
    let rsa = good_set("rsa", uccx.clone());
    assert_clean(&rsa, "RSA 2048 SHA-256 CA-signed tomcat");
    assert_eq!(rsa.summary.certificates, 4);
    // tomcat-ECDSA exists on 11.5(x) only (TN118855).
    let ec = good_set("ec", ContextInput { version: "11.5(1)SU1".into(), ..uccx });
    assert_clean(&ec, "EC P-256 tomcat-ECDSA signed by an EC CA");
    assert!(common::ids(&ec).contains(&"key.ecdsa_upload_as_tomcat"));
    let ucce = ContextInput {
        product: "ucce".into(),
        version: "11.0(1)".into(),
        nodes: vec!["finesse-a.example.com".into(), "finesse-b.example.com".into()],
        ..Default::default()
    };
    let pair = good_set("ucce", ucce);
    assert_clean(&pair, "UCCE Finesse primary/secondary");
    assert_eq!(pair.summary.certificates, 4);
}

#[test]
fn roles_are_worked_out() {
    use certcheck::deployment::roles::{Kind, Store};
    let report = common::check_with(
        &[
            "rules/trust.mixed_selfsigned_ecdsa/fire/chain.pem",
            "rules/trust.mixed_selfsigned_ecdsa/fire/tomcat.pem",
            "rules/trust.mixed_selfsigned_ecdsa/fire/tomcat-ecdsa.pem",
        ],
        ContextInput { nodes: vec!["uccx1.example.com".into()], ..Default::default() },
    );
    let roles: Vec<_> = report.items.iter().map(|item| item.role.clone().expect("role")).collect();
    assert_eq!(roles[0].kind, Kind::Intermediate);
    assert_eq!(roles[1].kind, Kind::Root);
    assert_eq!(roles[2].store, Store::Tomcat);
    assert_eq!(roles[2].node.as_deref(), Some("uccx1.example.com"));
    assert_eq!(roles[3].store, Store::TomcatEcdsa);
    assert!(roles[3].self_signed_leaf, "a VOS self-signed cert with cA=true is still a leaf");
}

#[test]
fn csrs_pair_with_certificates_by_public_key() {
    let report = common::check(&["good/rsa/uccx1-tomcat.pem", "good/rsa/uccx1-tomcat.csr"]);
    assert_eq!(report.items[0].role.as_ref().and_then(|role| role.csr), Some(1));
}

#[test]
fn rules_needing_context_are_listed_when_it_is_missing() {
    let report = common::check(&["good/rsa/uccx1-tomcat.pem"]);
    assert!(report.skipped_rules.iter().any(|rule| rule.id == "san.hostname_mismatch"));
}

#[test]
fn expired_is_judged_at_the_chosen_date() {
    let files = ["rules/validity.expires_soon/fire/leaf.pem"];
    let at = |date: &str| ContextInput { at: date.into(), ..Default::default() };
    assert!(
        common::ids(&common::check_with(&files, at("2026-12-11"))).contains(&"validity.expired")
    );
    let soon = common::check_with(&files, at("2026-11-25"));
    let finding = soon.findings.iter().find(|f| f.id == "validity.expires_soon").expect("soon");
    assert!(finding.message.contains("15 day"), "{}", finding.message);
    // Outside its renewal window (two thirds of a 343-day lifetime, at most 60 days): no
    // finding about its dates (the renewal cadence is guidance, not one).
    assert!(!common::ids(&common::check_with(&files, at("2026-10-01")))
        .iter()
        .any(|id| id.starts_with("validity.") && *id != "validity.renewal_cadence"));
}

#[test]
fn seed_error_texts_are_quoted() {
    let report = common::check(&[
        "rules/san.extra_vs_csr/fire/leaf.pem",
        "rules/san.extra_vs_csr/fire/request.csr",
    ]);
    let finding = report.findings.iter().find(|f| f.id == "san.extra_vs_csr").expect("finding");
    assert_eq!(finding.seen_as.as_deref(), Some("CSR SAN and Certificate SAN does not match"));
    assert!(finding.message.contains("www.uccx1.example.com"));
}
