//! The x509-limbo subset (tests/fixtures/limbo, from C2SP x509-limbo, Apache-2.0) run through
//! `certcheck verify`, the way limbo's harnesses run other validators. Prints the agreement figure
//! (OpenSSL 3.0 agrees on 121 of 159) and fails below 151. No test id is special-cased: every case
//! goes through the same command line.

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn write_pems(path: &Path, pems: &[&str]) {
    let text: String = pems.iter().map(|pem| format!("{}\n", pem.trim())).collect();
    std::fs::write(path, text).expect("write temp file");
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .map(|items| items.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// Runs one case; returns whether `certcheck verify` said valid, and its reason.
fn run_case(case: &Value, dir: &Path) -> (bool, String) {
    let trusted = dir.join("trusted.pem");
    let untrusted = dir.join("untrusted.pem");
    let leaf = dir.join("leaf.pem");
    write_pems(&trusted, &strings(&case["trusted_certs"]));
    write_pems(&untrusted, &strings(&case["untrusted_intermediates"]));
    write_pems(&leaf, &[case["peer_certificate"].as_str().expect("peer certificate")]);
    let mut command = Command::new(env!("CARGO_BIN_EXE_certcheck"));
    command.arg("verify").arg("--format").arg("json");
    command
        .arg("--trusted")
        .arg(&trusted)
        .arg("--untrusted")
        .arg(&untrusted)
        .arg("--leaf")
        .arg(&leaf);
    if let Some(at) = case["validation_time"].as_str() {
        command.arg("--at").arg(at);
    }
    if let Some(name) = case["expected_peer_name"]["value"].as_str() {
        command.arg("--host").arg(name);
    }
    if let Some(depth) = case["max_chain_depth"].as_u64() {
        command.arg("--max-intermediates").arg(depth.to_string());
    }
    let output = command.output().expect("run certcheck verify");
    let verdict: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!("{}: not JSON ({error}): {}", case["id"], String::from_utf8_lossy(&output.stdout))
    });
    let valid = verdict["valid"].as_bool().expect("valid is a boolean");
    assert_eq!(
        output.status.code(),
        Some(if valid { 0 } else { 1 }),
        "{}: exit status",
        case["id"]
    );
    assert!(verdict["chain"].is_array());
    (valid, verdict["reason"].as_str().unwrap_or_default().to_string())
}

#[test]
fn limbo_subset_agreement() {
    let path = common::fixtures().join("limbo").join("subset.json");
    let suite: Value =
        serde_json::from_slice(&std::fs::read(&path).expect("limbo subset")).expect("JSON");
    let cases = suite["testcases"].as_array().expect("testcases");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("limbo");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut agree = 0;
    let mut disagreements = Vec::new();
    for case in cases {
        let expected = case["expected_result"].as_str() == Some("SUCCESS");
        let (valid, reason) = run_case(case, &dir);
        if valid == expected {
            agree += 1;
        } else {
            disagreements.push(format!(
                "  {} expected {} got {} {}",
                case["id"].as_str().unwrap_or("?"),
                if expected { "valid" } else { "invalid" },
                if valid { "valid" } else { "invalid:" },
                reason
            ));
        }
    }
    let figure = format!(
        "limbo: certcheck verify agrees on {agree} of {} cases (OpenSSL 3.0: 121; target 151)\n{}",
        cases.len(),
        disagreements.join("\n")
    );
    println!("{figure}");
    std::fs::write(Path::new(env!("CARGO_TARGET_TMPDIR")).join("limbo-agreement.txt"), &figure)
        .expect("write figure");
    assert!(agree >= 151, "{figure}");
}
