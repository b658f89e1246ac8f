//! The "wild" corpus (`shared/fixtures/wild` beside the repository: real certificates, CSRs,
//! keys, PKCS#7 and PKCS#12 files from pyca, NIST PKITS, Mozilla's roots, rustls-webpki and the
//! RustCrypto crates) read file by file as the page and the CLI read them, and compared with what
//! OpenSSL 3.0 reads in the same files (`tests/fixtures/wild-openssl.json`, written by
//! `tests/fixtures/make_wild_expectations.py`): each certificate's fingerprint, subject, issuer,
//! DNS and IP names, validity, key type and size; each CSR's subject, key and signature verdict;
//! how many private keys. Prints `wild: P of N` and every difference, and fails below the target.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use certcheck::{ContextInput, Input, Lang};
use serde_json::Value;

/// At least this many of the 1,280 files agree with OpenSSL.
const TARGET: usize = 1_274;
/// No file takes longer (a hang would show here). The slowest files are the 600 000-iteration
/// PKCS#12 exports, whose key derivations run unoptimised in the debug build the tests use.
const MAX_FILE: Duration =
    if cfg!(debug_assertions) { Duration::from_secs(30) } else { Duration::from_secs(2) };
/// A fixed check date.
const NOW: i64 = 1_795_564_800;

fn wild() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures/wild")
}

/// `PASSWORDS.tsv`: fnmatch pattern → password, first match wins.
fn passwords(dir: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(dir.join("PASSWORDS.tsv")).expect("PASSWORDS.tsv");
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .filter_map(|line| {
            let (pattern, password) = line.split_once('\t')?;
            Some((pattern.to_string(), password.to_string()))
        })
        .collect()
}

/// fnmatch with `*` only (what PASSWORDS.tsv uses).
fn matches(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, rest)) => {
            let Some(tail) = text.strip_prefix(head) else { return false };
            (0..=tail.len()).any(|at| tail.is_char_boundary(at) && matches(rest, &tail[at..]))
        }
    }
}

/// A name as certcheck writes it (`CN=a, O=b`, multi-valued RDNs joined with ` + `), from
/// OpenSSL's attributes: the label is certcheck's for the OID, the value OpenSSL's text, or for
/// a value that is not a string the hex of its content.
fn render_name(rdns: &Value) -> String {
    let mut out = Vec::new();
    for rdn in rdns.as_array().into_iter().flatten() {
        let mut attributes = Vec::new();
        for attribute in rdn.as_array().into_iter().flatten() {
            let oid = attribute[0].as_str().unwrap_or_default();
            let value = attribute[1].as_str().unwrap_or_default();
            let label = certcheck::x509::attribute_names::attribute_name(oid)
                .map_or_else(|| format!("OID({oid})"), str::to_string);
            let value = match value.strip_prefix('#') {
                Some(hex) => der_content_hex(hex),
                None => value.to_string(),
            };
            attributes.push(format!("{label}={value}"));
        }
        out.push(attributes.join(" + "));
    }
    out.join(", ")
}

/// The content of a DER element given as hex, as upper-case hex.
fn der_content_hex(hex: &str) -> String {
    let bytes: Vec<u8> = (0..hex.len() / 2)
        .filter_map(|at| u8::from_str_radix(hex.get(2 * at..2 * at + 2)?, 16).ok())
        .collect();
    let header = match bytes.get(1) {
        Some(length) if length & 0x80 == 0 => 2,
        Some(length) => 2 + usize::from(length & 0x7f),
        None => bytes.len(),
    };
    bytes.iter().skip(header).map(|byte| format!("{byte:02X}")).collect()
}

fn canonical_ip(text: &str) -> String {
    text.parse::<std::net::IpAddr>().map_or_else(|_| text.to_string(), |ip| ip.to_string())
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_string).collect()
}

/// The differences between OpenSSL's facts on one certificate and certcheck's.
fn compare_certificate(expected: &Value, info: &Value, out: &mut Vec<String>) {
    let sha = expected["sha256"].as_str().unwrap_or_default();
    let short = &sha[..sha.len().min(11)];
    let mut differ = |what: &str, want: String, got: String| {
        if want != got {
            out.push(format!("{short} {what}: OpenSSL {want:?}, certcheck {got:?}"));
        }
    };
    differ(
        "subject",
        render_name(&expected["subject"]),
        info["subject"].as_str().unwrap_or("").into(),
    );
    differ(
        "issuer",
        render_name(&expected["issuer"]),
        info["issuer"].as_str().unwrap_or("").into(),
    );
    differ(
        "DNS names",
        strings(&expected["dns"]).join(" "),
        strings(&info["san"]["dns"]).join(" "),
    );
    let ips = |value: &Value| strings(value).iter().map(|ip| canonical_ip(ip)).collect::<Vec<_>>();
    differ("IP names", ips(&expected["ip"]).join(" "), ips(&info["san"]["ip"]).join(" "));
    for (field, unix) in [("not_before", "not_before_unix"), ("not_after", "not_after_unix")] {
        if let Some(want) = expected[field].as_i64() {
            differ(field, want.to_string(), info["validity"][unix].to_string());
        }
    }
    let key = &info["public_key"];
    differ(
        "key type",
        expected["key"].as_str().unwrap_or("").into(),
        key["type"].as_str().unwrap_or("").into(),
    );
    if let Some(bits) = expected["bits"].as_u64() {
        differ("key size", bits.to_string(), key["bits"].to_string());
    }
}

/// One file: the differences (none when it agrees).
fn compare_file(expected: &Value, report: &Value) -> Vec<String> {
    let mut differences = Vec::new();
    let items = report["items"].as_array().cloned().unwrap_or_default();
    let mut certificates: BTreeMap<String, Value> = BTreeMap::new();
    let mut csrs = Vec::new();
    let mut private_keys = 0;
    for item in &items {
        match item["kind"].as_str() {
            Some("certificate") => {
                let info = &item["certificate"];
                if let Some(sha) = info["fingerprints"]["sha256"].as_str() {
                    certificates.insert(sha.to_string(), info.clone());
                }
            }
            Some("csr") => csrs.push(item["csr"].clone()),
            // A PKCS#12 file's keys are items of their own too.
            Some("private-key") => private_keys += 1,
            _ => {}
        }
    }
    let wanted: BTreeMap<String, &Value> = expected["certificates"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|cert| Some((cert["sha256"].as_str()?.to_string(), cert)))
        .collect();
    let want_set: BTreeSet<&String> = wanted.keys().collect();
    let got_set: BTreeSet<&String> = certificates.keys().collect();
    for missing in want_set.difference(&got_set) {
        differences.push(format!("certificate {missing} not read"));
    }
    for extra in got_set.difference(&want_set) {
        differences.push(format!("certificate {extra} read, OpenSSL does not"));
    }
    for (sha, cert) in &wanted {
        if let Some(info) = certificates.get(sha) {
            compare_certificate(cert, info, &mut differences);
        }
    }
    let want_csrs = expected["csrs"].as_array().cloned().unwrap_or_default();
    if want_csrs.len() != csrs.len() {
        differences.push(format!("{} CSRs, OpenSSL {}", csrs.len(), want_csrs.len()));
    }
    for (want, got) in want_csrs.iter().zip(&csrs) {
        let rendered = render_name(&want["subject"]);
        if rendered != got["subject"].as_str().unwrap_or("") {
            differences
                .push(format!("CSR subject: OpenSSL {rendered:?}, certcheck {}", got["subject"]));
        }
        if want["key"] != got["public_key"]["type"] {
            differences.push(format!(
                "CSR key: OpenSSL {}, certcheck {}",
                want["key"], got["public_key"]["type"]
            ));
        }
        if want["bits"].as_u64().is_some() && want["bits"] != got["public_key"]["bits"] {
            differences.push(format!(
                "CSR key size: OpenSSL {}, certcheck {}",
                want["bits"], got["public_key"]["bits"]
            ));
        }
        let verified = got["signature_valid"].as_bool() == Some(true);
        let refused = !verified
            && got["signature_problem"].as_str().is_some_and(|problem| {
                problem.contains("does not verify") || problem.contains("damaged")
            });
        match want["signature"].as_str() {
            Some("ok") if !verified => differences.push(format!(
                "CSR signature: OpenSSL verifies it, certcheck {}",
                got["signature_problem"]
            )),
            Some("failure") if verified => {
                differences.push("CSR signature: OpenSSL refuses it, certcheck verifies it".into())
            }
            _ => {}
        }
        let _ = refused;
    }
    let want_keys = expected["private_keys"].as_u64().unwrap_or(0) as usize;
    if want_keys != private_keys {
        differences.push(format!("{private_keys} private keys, OpenSSL {want_keys}"));
    }
    differences
}

#[test]
fn wild_corpus_reads_as_openssl_reads_it() {
    let dir = wild();
    let passwords = passwords(&dir);
    let expectations_path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/wild-openssl.json");
    let expectations: Value =
        serde_json::from_slice(&std::fs::read(&expectations_path).expect("wild-openssl.json"))
            .expect("JSON");
    let files = expectations["files"].as_object().expect("files");
    let mut agree = 0;
    let mut out = Vec::new();
    let mut slowest = (Duration::ZERO, String::new());
    for (rel, expected) in files {
        let bytes = std::fs::read(dir.join(rel)).unwrap_or_else(|error| panic!("{rel}: {error}"));
        let mut input = Input::file(rel.as_str(), bytes);
        if let Some((_, password)) = passwords.iter().find(|(pattern, _)| matches(pattern, rel)) {
            input = input.with_password(password.clone());
        }
        let start = Instant::now();
        let report = certcheck::check(&[input], &ContextInput::default(), NOW, Lang::En);
        let took = start.elapsed();
        if took > slowest.0 {
            slowest = (took, rel.clone());
        }
        let report = serde_json::to_value(&report).expect("report JSON");
        let differences = compare_file(expected, &report);
        if differences.is_empty() {
            agree += 1;
        } else {
            out.push(format!("  {rel}:\n    {}", differences.join("\n    ")));
        }
    }
    let figure = format!(
        "wild: {agree} of {} files read as OpenSSL reads them ({}); slowest {} ({:.0} ms)\n{}",
        files.len(),
        expectations["openssl"].as_str().unwrap_or("OpenSSL"),
        slowest.1,
        slowest.0.as_secs_f64() * 1000.0,
        out.join("\n")
    );
    println!("{figure}");
    std::fs::write(Path::new(env!("CARGO_TARGET_TMPDIR")).join("wild-agreement.txt"), &figure)
        .expect("write figure");
    assert!(agree >= TARGET, "{figure}");
    assert!(slowest.0 <= MAX_FILE, "{figure}");
}
