//! Every input form of issue 3, through the public core API.

mod common;

use certcheck::ContextInput;
use common::{check, ids, kinds};

#[test]
fn pem_chain_gives_three_certificates_with_all_fields() {
    let report = check(&["input/chain.pem"]);
    assert_eq!(kinds(&report), ["certificate"; 3]);
    let leaf = report.items[0].certificate.as_ref().expect("leaf");
    assert_eq!(leaf.subject_cn, ["uccx1.example.com"]);
    assert_eq!(leaf.issuer_cn, ["Example Issuing CA 1"]);
    assert_eq!(leaf.san.dns, ["uccx1.example.com", "example.com"]);
    assert_eq!(leaf.public_key.summary, "RSA 2048");
    assert_eq!(leaf.signature_algorithm, "sha256WithRSAEncryption");
    assert_eq!(
        leaf.extended_key_usage.as_deref(),
        Some(&["serverAuth".to_string(), "clientAuth".to_string()][..])
    );
    assert_eq!(leaf.basic_constraints.map(|bc| bc.ca), Some(false));
    assert!(leaf
        .extensions
        .iter()
        .any(|e| e.oid == "2.5.29.15" && e.critical && e.name == "keyUsage"));
    assert!(leaf.subject_key_id.is_some() && leaf.authority_key_id.is_some());
    assert_eq!(leaf.fingerprints.sha256.len(), 32 * 3 - 1);
    assert_eq!(leaf.fingerprints.sha1.len(), 20 * 3 - 1);
    assert!(!leaf.self_signed);
    let root = report.items[2].certificate.as_ref().expect("root");
    assert!(root.self_issued && root.self_signed);
    assert_eq!(root.authority_key_id, None);
    assert_eq!(ids(&report), ["chain.ok", "trust.after_upgrade"]);
}

#[test]
fn crlf_leading_spaces_and_text_around_blocks_are_read() {
    assert_eq!(kinds(&check(&["input/chain-crlf-indented.pem"])), ["certificate"; 2]);
    assert_eq!(kinds(&check(&["input/openssl-pkcs12-output.pem"])), ["certificate"; 2]);
    assert_eq!(kinds(&check(&["input/chain-utf16.txt"])), ["certificate"; 2]);
}

#[test]
fn every_certificate_label_is_read() {
    assert_eq!(kinds(&check(&["input/uccx1-x509-label.pem"])), ["certificate"]);
    let trusted = check(&["input/root-trusted.pem"]);
    assert_eq!(kinds(&trusted), ["certificate"]);
    assert!(trusted.items[0].certificate.as_ref().is_some_and(|c| c.self_signed));
}

#[test]
fn csr_forms_are_read_and_their_signature_checked() {
    for path in ["input/uccx1.csr", "input/uccx1-new-request.csr", "input/uccx1-csr.der"] {
        let report = check(&[path]);
        assert_eq!(kinds(&report), ["csr"], "{path}");
        let csr = report.items[0].csr.as_ref().expect("csr");
        assert!(csr.signature_valid, "{path}");
        assert_eq!(csr.san.dns, ["uccx1.example.com", "example.com"]);
        assert_eq!(csr.subject_cn, ["uccx1.example.com"]);
        assert_eq!(csr.public_key.summary, "RSA 2048");
    }
    let broken = check(&["input/broken-signature.csr"]);
    assert_eq!(ids(&broken), ["csr.bad_signature"]);
    assert!(!broken.items[0].csr.as_ref().expect("csr").signature_valid);
}

#[test]
fn der_is_told_apart_by_content_and_reported() {
    let report = check(&["input/uccx1.cer"]);
    assert_eq!(kinds(&report), ["certificate"]);
    assert_eq!(ids(&report), ["chain.root_missing", "input.der"]);
    assert_eq!(report.items[0].origin.encoding, certcheck::input::Encoding::Der);
}

#[test]
fn pkcs7_bundles_are_unpacked_in_pem_and_der() {
    for path in ["input/bundle.p7b", "input/bundle-pem.p7c"] {
        let report = check(&[path]);
        assert_eq!(kinds(&report), ["certificate"; 3], "{path}");
        assert!(ids(&report).contains(&"input.pkcs7"), "{path}");
        assert_eq!(report.items[2].origin.position, Some(3));
        assert_eq!(report.items[2].origin.container, Some("pkcs7"));
    }
}

#[test]
fn private_keys_are_detected_in_every_form_and_never_echoed() {
    for path in [
        "input/key-pkcs8.pem",
        "input/key-rsa.pem",
        "input/key-ec.pem",
        "input/key-encrypted.pem",
        "input/key-pkcs8.der",
        "input/key-rsa.der",
    ] {
        let report = check(&[path]);
        assert_eq!(kinds(&report), ["private-key"], "{path}");
        assert_eq!(ids(&report), ["input.private_key_present"], "{path}");
        let json = serde_json::to_string(&report).expect("json");
        let key_text = std::fs::read(common::fixtures().join(path)).expect("read");
        // No slice of the key's base64 or bytes may appear in the report.
        if path.ends_with(".pem") {
            let body = String::from_utf8_lossy(&key_text);
            let line: String = body.lines().nth(1).unwrap_or_default().chars().take(40).collect();
            assert!(line.len() > 20 && !json.contains(&line), "{path} echoed");
        }
    }
    let mixed = check(&["input/key-and-cert.pem"]);
    assert_eq!(kinds(&mixed), ["private-key", "certificate"]);
}

fn with_password(path: &str, password: Option<&str>) -> certcheck::Report {
    let mut inputs = common::inputs(&[path]);
    if let Some(password) = password {
        inputs = inputs.into_iter().map(|input| input.with_password(password)).collect();
    }
    certcheck::check(&inputs, &Default::default(), common::TODAY, certcheck::Lang::En)
}

#[test]
fn pkcs12_without_its_password_is_named_and_asks_for_it() {
    for path in ["input/uccx1-aes.pfx", "input/uccx1-legacy.p12", "input/uccx1-rc2-40.p12"] {
        let report = check(&[path]);
        assert_eq!(kinds(&report), ["pkcs12"], "{path}");
        assert_eq!(ids(&report)[0], "input.pkcs12_password", "{path}");
        assert!(!ids(&report).contains(&"input.garbage"));
        let json = serde_json::to_value(&report.items[0]).expect("json");
        assert_eq!(json["pkcs12"]["state"], "password-needed");
    }
}

#[test]
fn pkcs12_opens_in_every_encryption_windows_openssl_and_java_write() {
    let cases = [
        ("input/uccx1-aes.pfx", Some("secret"), 3), // PBES2: PBKDF2-SHA256 + AES-256-CBC
        ("input/uccx1-legacy.p12", Some("secret"), 3), // PKCS#12 PBE 3DES, SHA-1 MAC
        ("input/uccx1-rc2-40.p12", Some("secret"), 3), // RC2-40 certificates (OpenSSL -legacy, old Windows)
        ("input/uccx1-rc2-128-utf8-password.p12", Some("p\u{e4}ssw\u{f6}rd"), 1), // RC2-128, 2-key 3DES key, non-ASCII password
        ("input/uccx1-sha512-mac.p12", Some("secret"), 3),                        // SHA-512 MAC
        ("input/uccx1-ber.pfx", Some("secret"), 3), // BER: indefinite lengths, segmented OCTET STRING
        ("input/uccx1-nopass.p12", None, 3),        // exported without a password
    ];
    for (path, password, certificates) in cases {
        let report = with_password(path, password);
        let kinds = kinds(&report);
        assert_eq!(kinds[0], "pkcs12", "{path}");
        assert_eq!(
            kinds.iter().filter(|kind| *kind == "certificate").count(),
            certificates,
            "{path}: {kinds:?}"
        );
        assert_eq!(kinds.iter().filter(|kind| *kind == "private-key").count(), 1, "{path}");
        let ids = ids(&report);
        assert!(
            ids.contains(&"input.pkcs12") && ids.contains(&"input.private_key_present"),
            "{path}: {ids:?}"
        );
        assert_eq!(report.items[1].origin.container, Some("pkcs12"));
        assert!(report.items[1].label.contains("uccx1.example.com"), "{path}");
        if certificates == 3 {
            assert!(ids.contains(&"chain.ok"), "{path}: {ids:?}");
        }
        // The key is counted, never decoded or echoed.
        let json = serde_json::to_string(&report).expect("json");
        assert!(!json.contains("PRIVATE KEY-----"));
    }
}

#[test]
fn pkcs12_wrong_password_and_unsupported_mac_are_clear_per_file() {
    let wrong = with_password("input/uccx1-aes.pfx", Some("Secret"));
    assert_eq!(ids(&wrong)[0], "input.pkcs12_wrong_password");
    let wrong_legacy = with_password("input/uccx1-rc2-40.p12", Some("nope"));
    assert_eq!(ids(&wrong_legacy)[0], "input.pkcs12_wrong_password");
    let report = check(&["input/uccx1-sha3-mac.p12", "input/chain.pem"]);
    assert_eq!(report.findings[0].id, "input.pkcs12_unreadable");
    assert!(report.findings[0].message.contains("MAC"), "{}", report.findings[0].message);
    // The other input is still checked.
    assert!(ids(&report).contains(&"chain.ok"));
}

#[test]
fn pkcs12_mac_of_the_wrong_length_is_damaged_not_a_wrong_password() {
    // The MAC's SHA-256 OID turned into SHA-384: the 32-byte value no longer fits its algorithm.
    let mut data =
        std::fs::read(common::fixtures().join("input/uccx1-nopass.p12")).expect("fixture");
    let sha256 = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01];
    let at = data.windows(sha256.len()).rposition(|window| window == sha256).expect("MAC OID");
    data[at + sha256.len() - 1] = 0x02;
    let report = certcheck::check(
        &[certcheck::Input::file("mac.p12", data)],
        &Default::default(),
        common::TODAY,
        certcheck::Lang::En,
    );
    assert_eq!(report.findings[0].id, "input.pkcs12_unreadable", "{:?}", report.findings[0]);
    assert!(
        report.findings[0].message.contains("damaged (in MacData)"),
        "{}",
        report.findings[0].message
    );
}

#[test]
fn garbage_is_reported_per_item_and_the_rest_still_checked() {
    let report = check(&["input/damaged-base64.pem"]);
    assert_eq!(kinds(&report), ["garbage", "certificate"]);
    assert!(report.items[0].error.as_deref().is_some_and(|e| e.contains("base64")));
    let report = check(&["input/cut-off.pem"]);
    assert_eq!(kinds(&report), ["garbage", "certificate"]);
    assert!(report.items[0].error.as_deref().is_some_and(|e| e.contains("END CERTIFICATE")));
    let report =
        check(&["input/truncated.der", "input/letter.doc", "input/empty.pem", "input/uccx1.cer"]);
    assert_eq!(kinds(&report), ["garbage", "garbage", "garbage", "certificate"]);
    assert!(report.items[0].error.as_deref().is_some_and(|e| e.contains("cut short")));
    assert!(report.items[1].error.as_deref().is_some_and(|e| e.contains("Office document")));
    assert!(report.items[2].error.as_deref().is_some_and(|e| e.contains("empty")));
    assert_eq!(ids(&report).iter().filter(|id| **id == "input.garbage").count(), 3);
}

#[test]
fn duplicates_are_reported_and_checked_once() {
    let report = check(&["input/chain.pem", "input/uccx1.cer"]);
    assert_eq!(report.summary.certificates, 3);
    assert_eq!(report.items[3].duplicate_of, Some(0));
    assert!(ids(&report).contains(&"input.duplicate"));
}

#[test]
fn ec_keys_and_curves_are_described() {
    let report = check(&["input/ec-leaf.pem"]);
    let leaf = report.items[0].certificate.as_ref().expect("leaf");
    assert_eq!(leaf.public_key.summary, "EC P-256");
    assert_eq!(leaf.signature_algorithm, "ecdsa-with-SHA384");
    let root = report.items[1].certificate.as_ref().expect("root");
    assert_eq!(root.public_key.summary, "EC P-384");
    assert!(root.self_signed, "P-384 self-signature verifies");
}

#[test]
fn bare_base64_body_is_read() {
    let pem = std::fs::read_to_string(common::fixtures().join("input/uccx2.pem")).expect("read");
    let body: String =
        pem.lines().filter(|line| !line.starts_with("-----")).collect::<Vec<_>>().join("\n");
    let report = certcheck::check(
        &[certcheck::Input::text("pasted text", body)],
        &certcheck::ContextInput::default(),
        common::TODAY,
        certcheck::Lang::En,
    );
    assert_eq!(kinds(&report), ["certificate"]);
}

#[test]
fn limits_are_enforced_with_clear_messages() {
    use certcheck::limits::MAX_INPUT_BYTES;
    let at_limit = certcheck::Input::file("big.bin", vec![b' '; MAX_INPUT_BYTES]);
    let over = certcheck::Input::file("huge.bin", vec![0u8; MAX_INPUT_BYTES + 1]);
    let report = certcheck::check(
        &[at_limit, over],
        &Default::default(),
        common::TODAY,
        certcheck::Lang::En,
    );
    assert_eq!(report.items[0].error.as_deref(), Some("it is empty"));
    assert!(report.items[1].error.as_deref().is_some_and(|e| e.contains("limit")));
}

#[test]
fn rsa_pss_and_sha1_signatures_are_verified() {
    let pss = check(&["input/root-pss.pem"]);
    let root = pss.items[0].certificate.as_ref().expect("root");
    assert_eq!(root.signature_algorithm, "rsassaPss");
    assert!(root.self_signed, "PSS self-signature verifies");
    let sha1 = check(&["rules/key.sha1_signature/silent/root.pem"]);
    assert!(sha1.items[0].certificate.as_ref().is_some_and(|c| c.self_signed), "SHA-1 verifies");
}

#[test]
fn every_limit_holds_at_its_value_and_reports_beyond_it() {
    use certcheck::limits::{
        MAX_DER_DEPTH, MAX_INPUT_BYTES, MAX_OBJECTS, MAX_OBJECT_BYTES, MAX_TOTAL_BYTES,
    };
    let run = |inputs: &[certcheck::Input]| {
        certcheck::check(inputs, &Default::default(), common::TODAY, certcheck::Lang::En)
    };
    // Total bytes: four inputs of the per-input limit make exactly the total limit; a fifth is over.
    let chunk = || certcheck::Input::file("part.bin", vec![b' '; MAX_INPUT_BYTES]);
    let four: Vec<_> = (0..4).map(|_| chunk()).collect();
    assert_eq!(4 * MAX_INPUT_BYTES, MAX_TOTAL_BYTES);
    assert!(run(&four)
        .findings
        .iter()
        .all(|finding| !finding.message.contains("all inputs together")));
    let mut five = four;
    five.push(certcheck::Input::file("one-more.pem", b"x".to_vec()));
    let over = run(&five);
    assert!(
        over.findings
            .iter()
            .any(|finding| finding.message.contains("all inputs together are over the limit")),
        "{:?}",
        ids(&over)
    );
    // Objects: 20 000 blocks are read; one more is reported and not read.
    let block = "-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n";
    let at = run(&[certcheck::Input::text("many.pem", block.repeat(MAX_OBJECTS))]);
    assert_eq!(at.items.len(), MAX_OBJECTS);
    assert!(!at
        .findings
        .iter()
        .any(|finding| finding.message.contains("objects; the rest was not read")));
    let beyond = run(&[certcheck::Input::text("many.pem", block.repeat(MAX_OBJECTS + 1))]);
    assert_eq!(beyond.items.len(), MAX_OBJECTS);
    assert!(beyond
        .findings
        .iter()
        .any(|finding| finding.message.contains("more than 20000 objects")));
    // One object: a DER SEQUENCE of the limit is judged on its content; one byte more is refused by size.
    let sequence = |total: usize| {
        let content = total - 4;
        let mut der = vec![0x30, 0x82, (content >> 8) as u8, content as u8];
        if content > 0xffff {
            der = vec![0x30, 0x83, (content >> 16) as u8, (content >> 8) as u8, content as u8];
            der.resize(total + 1, 0);
            return der;
        }
        der.resize(total, 0);
        der
    };
    let within = run(&[certcheck::Input::file("blob.der", sequence(60_000))]);
    assert!(!within.items[0].error.as_deref().unwrap_or_default().contains("at most"));
    let large = run(&[certcheck::Input::file("blob.der", sequence(MAX_OBJECT_BYTES + 1))]);
    let message = large.items[0].error.clone().unwrap_or_default();
    assert!(message.contains(&format!("may be at most {MAX_OBJECT_BYTES} bytes")), "{message}");
    // Nesting: BER deeper than the limit is refused, not followed.
    let mut nested = Vec::new();
    for _ in 0..(MAX_DER_DEPTH + 10) {
        nested.splice(0..0, [0x30, 0x80]);
        nested.extend([0, 0]);
    }
    let deep = run(&[certcheck::Input::file("deep.der", nested)]);
    assert_eq!(deep.items[0].kind, certcheck::analysis::ItemKind::Garbage);
}

#[test]
fn a_chain_longer_than_the_engine_follows_is_said_so() {
    let report =
        check(&["rules/chain.too_long/fire/leaf.pem", "rules/chain.too_long/fire/chain.pem"]);
    let chain = &report.chains[0];
    assert_eq!(chain.path.len(), certcheck::chain::MAX_CHAIN_DEPTH);
    assert!(matches!(chain.end, certcheck::chain::End::TooLong { limit: 12 }));
    assert!(ids(&report).contains(&"chain.too_long"));
}

#[test]
fn what_was_dropped_is_named_in_the_users_language() {
    let inputs = common::inputs(&["input/letter.doc", "input/truncated.der"]);
    let expected = [
        (certcheck::Lang::En, "an Office document"),
        (certcheck::Lang::Ja, "Office 文書"),
        (certcheck::Lang::PtBr, "documento do Office"),
        (certcheck::Lang::ZhTw, "Office 文件"),
    ];
    for (lang, words) in expected {
        let report = certcheck::check(&inputs, &Default::default(), common::TODAY, lang);
        let error = report.items[0].error.as_deref().unwrap_or_default();
        assert!(error.contains(words), "{lang:?}: {error}");
        assert!(!error.contains("doc."), "{lang:?}: a phrase key leaked: {error}");
    }
}

#[test]
fn a_copy_with_bytes_after_the_certificate_is_still_a_duplicate() {
    let der = std::fs::read(common::fixtures().join("input/uccx1.cer")).expect("fixture");
    let mut padded = der.clone();
    padded.extend_from_slice(&[0, 0]);
    let inputs = [certcheck::Input::file("a.cer", der), certcheck::Input::file("b.cer", padded)];
    let report = certcheck::check(&inputs, &Default::default(), common::TODAY, certcheck::Lang::En);
    let certificates: Vec<_> = report
        .items
        .iter()
        .filter(|item| item.kind == certcheck::analysis::ItemKind::Certificate)
        .collect();
    assert_eq!(certificates.len(), 2, "{:?}", report.items);
    assert_eq!(certificates[1].duplicate_of, Some(certificates[0].index));
    assert_eq!(report.summary.certificates, 1, "counted once");
}

/// Best of three wall times of one check of `bytes`, in seconds.
fn seconds_to_check(bytes: &[u8]) -> f64 {
    (0..3)
        .map(|_| {
            let started = std::time::Instant::now();
            let report = certcheck::check(
                &[certcheck::Input::file("hostile.pem", bytes.to_vec())],
                &ContextInput::default(),
                common::TODAY,
                certcheck::Lang::En,
            );
            assert!(!report.items.is_empty());
            started.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn hostile_shapes_cost_time_linear_in_their_size() {
    // Each shape at N and 4N: linear work takes about 4 times as long, quadratic 16 times.
    type Shape = (&'static str, fn(usize) -> Vec<u8>);
    let shapes: [Shape; 5] = [
        ("BEGIN lines without END", |n| "-----BEGIN CERTIFICATE-----\n".repeat(n).into_bytes()),
        ("mismatched labels", |n| {
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END X509 CRL-----\n".repeat(n).into_bytes()
        }),
        ("one endless line", |n| {
            let mut text = "-----BEGIN CERTIFICATE-----\n".to_string();
            text.push_str(&"QUJD".repeat(n * 16));
            text.into_bytes()
        }),
        ("many tiny blocks", |n| {
            "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n".repeat(n).into_bytes()
        }),
        ("deep BER", |n| {
            let mut bytes = [0x30u8, 0x80].repeat(n * 8);
            bytes.extend(std::iter::repeat_n(0u8, n * 16));
            bytes
        }),
    ];
    for (name, make) in shapes {
        let small = seconds_to_check(&make(2_000));
        let large = seconds_to_check(&make(8_000));
        let ratio = large / small.max(1e-4);
        println!(
            "{name}: {:.1} ms at N, {:.1} ms at 4N, ratio {ratio:.1}",
            small * 1e3,
            large * 1e3
        );
        assert!(ratio < 9.0, "{name}: {small:.4} s at N, {large:.4} s at 4N (ratio {ratio:.1})");
    }
}
