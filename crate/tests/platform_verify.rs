//! The check in two steps (the page's WebCrypto path): the core lists the signatures between
//! certificates, a platform verifier accepts some, the core verifies the rest. Whatever the
//! platform accepts or leaves, the report is the same as the one-step check — as long as it only
//! accepts signatures that are valid. Here the "platform" is the core's own verifier, so every
//! fixture's report must come out byte for byte the same with all, none or half accepted.

mod common;
mod platform;

use platform::platform_accepts;

use certcheck::report;
use certcheck::{ContextInput, Lang};

fn fixtures(dir: &str) -> Vec<String> {
    let mut out = Vec::new();
    let root = common::fixtures().join(dir);
    let mut stack = vec![root.clone()];
    while let Some(path) = stack.pop() {
        for entry in std::fs::read_dir(&path).expect("dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|ext| {
                ext == "pem" || ext == "der" || ext == "p7b" || ext == "cer" || ext == "csr"
            }) {
                out.push(
                    path.strip_prefix(common::fixtures()).expect("under").display().to_string(),
                );
            }
        }
    }
    out.sort();
    out
}

fn json(report: &certcheck::Report) -> String {
    serde_json::to_string(report).expect("json")
}

/// A full build (verifiers and PKCS#12 decryption) always makes the report.
fn decided(report: Option<certcheck::Report>) -> certcheck::Report {
    report.expect("a full build decides every signature")
}

#[test]
fn the_report_does_not_depend_on_what_the_platform_accepts() {
    let mut compared = 0;
    let mut requested = 0;
    // (algorithm, accepted) counts: the requests are in the platform's form (an ECDSA signature
    // converted wrongly to r‖s would never be accepted).
    let mut accepted_by_algorithm: std::collections::BTreeMap<&str, usize> = Default::default();
    for dir in ["chain", "deployment", "browsers", "rules", "probe"] {
        for set in fixtures(dir).chunks(12) {
            let paths: Vec<&str> = set.iter().map(String::as_str).collect();
            let inputs = common::inputs(&paths);
            let context = ContextInput {
                product: "uccx".into(),
                version: "12.5(1)".into(),
                ..ContextInput::default()
            };
            let expected = json(&report::check(&inputs, &context, common::TODAY, Lang::En));
            let prepared = report::prepare(&inputs, &context, common::TODAY, Lang::En);
            let requests = prepared.requests();
            requested += requests.len();
            // The platform accepts what really verifies (here: the core's own check of it).
            let valid: Vec<usize> = requests
                .iter()
                .filter(|(_, request)| platform_accepts(request))
                .map(|(id, request)| {
                    *accepted_by_algorithm.entry(request.algorithm).or_default() += 1;
                    *id
                })
                .collect();
            assert_eq!(
                json(&decided(prepared.finish(&valid))),
                expected,
                "{paths:?}: all accepted"
            );
            let none = report::prepare(&inputs, &context, common::TODAY, Lang::En).finish(&[]);
            assert_eq!(json(&decided(none)), expected, "{paths:?}: none accepted");
            let half: Vec<usize> = valid.iter().copied().step_by(2).collect();
            let some = report::prepare(&inputs, &context, common::TODAY, Lang::En).finish(&half);
            assert_eq!(json(&decided(some)), expected, "{paths:?}: half accepted");
            compared += 1;
        }
    }
    assert!(compared >= 10, "{compared} sets");
    assert!(requested >= 50, "only {requested} signatures were offered to the platform");
    assert!(
        accepted_by_algorithm.get("RSASSA-PKCS1-v1_5").copied().unwrap_or(0) >= 20,
        "{accepted_by_algorithm:?}"
    );
    assert!(
        accepted_by_algorithm.get("ECDSA").copied().unwrap_or(0) >= 3,
        "{accepted_by_algorithm:?}"
    );
}

/// A self-issued certificate whose key ids do not decide it is self-signed by its own signature,
/// decided in `finish`: the copy of it with bytes after it (its own item, facts shown) says the
/// same, whatever the platform accepted.
#[test]
fn a_copy_with_trailing_bytes_shows_the_same_self_signed_decision() {
    let pem =
        std::fs::read_to_string(common::fixtures().join("deployment/md5-root/ios-ca-md5.pem"))
            .expect("fixture");
    let body: String = pem.lines().filter(|line| !line.starts_with("-----")).collect();
    use base64::Engine;
    let der = base64::engine::general_purpose::STANDARD.decode(body).expect("base64");
    let mut trailing = der.clone();
    trailing.extend_from_slice(&[0, 0, 0, 0]);
    let inputs = vec![
        certcheck::Input::file("root.der", der),
        certcheck::Input::file("root-trailing.der", trailing),
    ];
    let context = ContextInput::default();
    // MD5: no platform has it, so the core decides (and a signature it cannot check does not
    // make a root "not self-signed").
    let report = decided(report::prepare(&inputs, &context, common::TODAY, Lang::En).finish(&[]));
    let shown: Vec<bool> = report
        .items
        .iter()
        .filter_map(|item| item.certificate.as_ref().map(|info| info.self_signed))
        .collect();
    assert_eq!(shown, vec![true, true]);
}
