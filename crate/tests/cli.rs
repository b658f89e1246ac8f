//! The CLI binary: same findings as the core, JSON contract, exit codes.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn certcheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_certcheck"))
        .args(args)
        .current_dir(common::fixtures())
        .output()
        .expect("run certcheck")
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("{error}: {}", String::from_utf8_lossy(&output.stdout)))
}

fn finding_ids(value: &serde_json::Value) -> Vec<String> {
    value["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|finding| finding["id"].as_str().expect("id").to_string())
        .collect()
}

#[test]
fn json_has_items_and_findings_with_the_contract_fields() {
    let output = certcheck(&[
        "check",
        "--format",
        "json",
        "--at",
        "2026-11-25",
        "input/key-and-cert.pem",
        "input/damaged-base64.pem",
    ]);
    assert_eq!(output.status.code(), Some(1), "an error finding exits 1");
    let value = json(&output);
    let items = value["items"].as_array().expect("items");
    assert_eq!(items.len(), 4);
    assert_eq!(items[0]["kind"], "private-key");
    assert_eq!(items[0]["origin"]["source"], "input/key-and-cert.pem");
    assert_eq!(items[2]["kind"], "garbage");
    for finding in value["findings"].as_array().expect("findings") {
        for field in ["id", "severity", "subject", "message", "fix", "cite"] {
            assert!(finding.get(field).is_some(), "{field} missing in {finding}");
        }
        assert!(
            ["error", "warning", "info"].contains(&finding["severity"].as_str().expect("severity"))
        );
    }
    // The lone certificate's issuer was not given: the chain stops below its root.
    assert_eq!(
        finding_ids(&value),
        ["input.garbage", "input.private_key_present", "chain.root_missing", "input.duplicate"]
    );
    // The key's body never reaches the output.
    let key =
        std::fs::read_to_string(common::fixtures().join("input/key-and-cert.pem")).expect("key");
    let line = key.lines().nth(2).expect("line");
    assert!(!String::from_utf8_lossy(&output.stdout).contains(line));
}

#[test]
fn same_findings_as_the_core() {
    let files = ["input/chain.pem", "input/uccx1.cer", "input/bundle.p7b", "input/letter.doc"];
    let core = common::check(&files);
    let output =
        certcheck(&[&["check", "--format", "json", "--at", "2026-11-25"][..], &files[..]].concat());
    let cli_ids = finding_ids(&json(&output));
    let core_ids: Vec<String> = core.findings.iter().map(|f| f.id.to_string()).collect();
    assert_eq!(cli_ids, core_ids);
}

#[test]
fn clean_input_exits_zero_and_text_output_is_readable() {
    let output = certcheck(&["check", "--at", "2026-11-25", "input/chain.pem"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("0 error(s)"), "{text}");
    assert!(text.contains("uccx1.example.com"));
}

#[test]
fn mediasense_context_explains_the_empty_checklist() {
    let output = certcheck(&[
        "check",
        "--at",
        "2026-11-25",
        "--product",
        "mediasense",
        "--node",
        "ms1.example.com",
        "input/chain.pem",
    ]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("Acceptance checklist: Cisco's notes give no URLs"), "{text}");
}

#[test]
fn text_output_speaks_the_chosen_language_throughout() {
    let english = ["Items:", "Findings:", "Chains:", "subject:", "error(s)", "Upload plan"];
    let cases = [
        ("ja", ["項目:", "チェーン:", "サブジェクト:", "エラー 1 件"]),
        ("zh-TW", ["項目：", "憑證鏈：", "主體：", "1 個錯誤"]),
        ("pt-BR", ["Itens:", "Cadeias:", "requerente:", "1 erro(s)"]),
    ];
    for (lang, words) in cases {
        let output = certcheck(&[
            "check",
            "--at",
            "2026-11-25",
            "--lang",
            lang,
            "input/chain.pem",
            "input/letter.doc",
        ]);
        let text = String::from_utf8_lossy(&output.stdout);
        for word in words {
            assert!(text.contains(word), "{lang}: {word:?} missing in\n{text}");
        }
        for word in english {
            assert!(!text.contains(word), "{lang}: English {word:?} left in\n{text}");
        }
    }
}

#[test]
fn stdin_is_read_with_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_certcheck"))
        .args(["check", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let csr = std::fs::read(common::fixtures().join("input/uccx1.csr")).expect("csr");
    child.stdin.take().expect("stdin").write_all(&csr).expect("write");
    let output = child.wait_with_output().expect("wait");
    assert_eq!(output.status.code(), Some(0));
    let value = json(&output);
    assert_eq!(value["items"][0]["kind"], "csr");
    assert_eq!(value["items"][0]["origin"]["source"], "stdin");
}

#[test]
fn usage_and_io_errors_exit_two() {
    assert_eq!(certcheck(&["check", "no-such-file.pem"]).status.code(), Some(2));
    assert_eq!(certcheck(&["check"]).status.code(), Some(2));
    assert_eq!(certcheck(&["check", "--format", "yaml", "input/chain.pem"]).status.code(), Some(2));
    assert_eq!(certcheck(&["check", "--at", "someday", "input/chain.pem"]).status.code(), Some(2));
    assert_eq!(certcheck(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn hostile_fields_cannot_drive_the_terminal() {
    let output = certcheck(&["check", "input/hostile.pem"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(!text.contains('\u{1b}'));
    assert!(text.contains("<img src=x"), "shown as plain text");
}

#[test]
fn list_rules_comes_from_the_registry() {
    let output = certcheck(&["list-rules", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let value = json(&output);
    let ids: Vec<&str> =
        value.as_array().expect("rules").iter().map(|r| r["id"].as_str().expect("id")).collect();
    let registry: Vec<&str> = certcheck::rules::RULES.iter().map(|rule| rule.id).collect();
    assert_eq!(ids, registry);
}

#[test]
fn rule_ids_and_context_flags_through_the_cli() {
    let output = certcheck(&[
        "check",
        "--format",
        "json",
        "--at",
        "2026-11-25",
        "--product",
        "uccx",
        "--version",
        "12.5(1)SU1",
        "--node",
        "uccx1.example.com",
        "--node",
        "uccx2.example.com",
        "--host",
        "uccx1.example.com",
        "rules/san.extra_vs_csr/fire/leaf.pem",
        "rules/san.extra_vs_csr/fire/request.csr",
        "rules/ext.critical_not_allowed/fire/leaf.pem",
        "rules/san.hostname_mismatch/fire/leaf.pem",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let value = json(&output);
    let ids = finding_ids(&value);
    for id in ["san.extra_vs_csr", "ext.critical_not_allowed", "san.hostname_mismatch"] {
        assert!(ids.iter().any(|found| found == id), "{id} in {ids:?}");
    }
    assert_eq!(value["context"]["release"]["service_update"], 1);
    assert_eq!(value["context"]["nodes"][1], "uccx2.example.com");
    assert!(value["skipped_rules"].as_array().expect("skipped").is_empty());
    let finding = value["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["id"] == "san.extra_vs_csr")
        .expect("san");
    assert_eq!(finding["seen_as"], "CSR SAN and Certificate SAN does not match");
    assert!(finding["cite"].as_str().expect("cite").starts_with("002_"));
    let good = certcheck(&[
        "check",
        "--at",
        "2026-11-25",
        "--node",
        "uccx1.example.com",
        "--node",
        "uccx2.example.com",
        "good/rsa/uccx1-tomcat.pem",
        "good/rsa/ca-chain.pem",
        "good/rsa/uccx1-tomcat.csr",
    ]);
    assert_eq!(good.status.code(), Some(0));
    assert!(
        certcheck(&["check", "--product", "cucm", "good/rsa/ca-chain.pem"]).status.code()
            == Some(2)
    );
}

#[test]
fn password_file_opens_pkcs12_inputs() {
    let locked =
        certcheck(&["check", "--format", "json", "--at", "2026-11-25", "input/uccx1-aes.pfx"]);
    assert_eq!(finding_ids(&json(&locked))[0], "input.pkcs12_password");
    let output = certcheck(&[
        "check",
        "--format",
        "json",
        "--at",
        "2026-11-25",
        "--password-file",
        "chain/password.txt",
        "input/uccx1-aes.pfx",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let ids = finding_ids(&json(&output));
    assert!(
        ids.contains(&"input.pkcs12".to_string()) && ids.contains(&"chain.ok".to_string()),
        "{ids:?}"
    );
    let text = certcheck(&[
        "check",
        "--at",
        "2026-11-25",
        "--password-file",
        "chain/password.txt",
        "input/uccx1-aes.pfx",
    ]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("private key"));
    assert!(!String::from_utf8_lossy(&text.stdout).contains("secret"));
}

#[test]
fn verify_prints_the_webpki_verdict_and_path() {
    let base = [
        "verify",
        "--format",
        "json",
        "--trusted",
        "chain/root.pem",
        "--leaf",
        "good/rsa/uccx1-tomcat.pem",
        "--at",
        "2026-11-25T00:00:00Z",
    ];
    let valid = certcheck(
        &[&base[..], &["--untrusted", "chain/intermediate.pem", "--host", "uccx1.example.com"]]
            .concat(),
    );
    let verdict = json(&valid);
    assert_eq!(valid.status.code(), Some(0), "{verdict}");
    assert_eq!(verdict["valid"], true);
    assert_eq!(verdict["reason"], "");
    let chain: Vec<&str> = verdict["chain"]
        .as_array()
        .expect("chain")
        .iter()
        .map(|entry| entry["subject"].as_str().expect("subject"))
        .collect();
    assert_eq!(chain.len(), 3);
    assert!(
        chain[0].contains("uccx1.example.com") && chain[2].contains("Example Root CA"),
        "{chain:?}"
    );
    // No intermediate (an empty file means none): not valid, and the reason says why.
    let missing = certcheck(&[&base[..], &["--untrusted", "chain/empty.pem"]].concat());
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(json(&missing)["valid"], false);
    assert!(json(&missing)["reason"].as_str().expect("reason").contains("issuer"));
    // Another name, and an IP address the certificate does not carry.
    for host in ["uccx2.example.com", "192.0.2.10"] {
        let wrong = certcheck(
            &[&base[..], &["--untrusted", "chain/intermediate.pem", "--host", host]].concat(),
        );
        assert_eq!(json(&wrong)["valid"], false, "{host}");
        assert!(json(&wrong)["reason"].as_str().expect("reason").contains("name"), "{host}");
    }
    // After the leaf's notAfter.
    let late = certcheck(&[
        "verify",
        "--format",
        "json",
        "--trusted",
        "chain/root.pem",
        "--untrusted",
        "chain/intermediate.pem",
        "--leaf",
        "good/rsa/uccx1-tomcat.pem",
        "--at",
        "2040-01-01T00:00:00Z",
    ]);
    assert!(json(&late)["reason"].as_str().expect("reason").contains("expired"));
}

#[test]
fn json_carries_the_advisor_and_markdown_and_csv_exports() {
    let context = [
        "--product",
        "uccx",
        "--version",
        "11.5(1)",
        "--node",
        "uccx1.example.com",
        "--at",
        "2026-11-25",
    ];
    let files = [
        "rules/trust.mixed_selfsigned_ecdsa/fire/tomcat.pem",
        "rules/trust.mixed_selfsigned_ecdsa/fire/chain.pem",
        "rules/trust.mixed_selfsigned_ecdsa/fire/tomcat-ecdsa.pem",
    ];
    let output =
        certcheck(&[&["check", "--format", "json"][..], &context[..], &files[..]].concat());
    let value = json(&output);
    for member in ["checklist", "ecdsa_verdict", "integrations", "tls", "overview", "upload_plan"] {
        assert!(value.get(member).is_some(), "{member} missing");
    }
    let rows = value["checklist"]["rows"].as_array().expect("rows");
    let live = rows.iter().find(|row| row["endpoint"] == "live-data").expect("live data row");
    assert_eq!(live["url"], "https://uccx1.example.com:12015/");
    assert_eq!(live["outcome"], "fails");
    assert_eq!(value["ecdsa_verdict"]["servers"][0]["row"], 4);
    assert_eq!(value["tls"]["client_tls10_only"], true);
    assert!(finding_ids(&value).contains(&"tls.client_tls10_only".to_string()));

    let markdown =
        certcheck(&[&["check", "--format", "markdown"][..], &context[..], &files[..]].concat());
    let markdown = String::from_utf8_lossy(&markdown.stdout);
    assert!(markdown.starts_with("## certcheck report"));
    assert!(markdown.contains("| https://uccx1.example.com:12015/ |"));
    let csv = certcheck(&[&["check", "--format", "csv"][..], &context[..], &files[..]].concat());
    let csv = String::from_utf8_lossy(&csv.stdout);
    assert_eq!(csv.lines().count(), 1 + rows.len());
    assert!(csv.lines().any(|line| line.contains("12015") && line.contains("will fail")));
    let text = certcheck(&[&["check"][..], &context[..], &files[..]].concat());
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Acceptance checklist")
            && text.contains("ECDSA compatibility")
            && text.contains("TLS versions: As server")
    );
}

#[test]
fn checklist_rows_and_ecdsa_rows_by_release_and_product() {
    let rsa = ["good/rsa/uccx1-tomcat.pem", "good/rsa/ca-chain.pem"];
    let urls = |args: &[&str], files: &[&str]| -> (Vec<String>, serde_json::Value) {
        let output = certcheck(
            &[&["check", "--format", "json", "--at", "2026-11-25"][..], args, files].concat(),
        );
        let value = json(&output);
        let urls = value["checklist"]["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|row| row["url"].as_str().expect("url").to_string())
            .collect();
        (urls, value)
    };
    let node = ["--product", "uccx", "--node", "uccx1.example.com", "--version"];
    let (ten, _) = urls(&[&node[..], &["10.6(1)"]].concat(), &rsa);
    assert_eq!(ten.len(), 5);
    assert!(!ten.iter().any(|url| url.contains("12015")));
    // Live Data from 11.x; the ECDSA table on 11.5(x) only (TN118855: removed from 11.6).
    for (version, ecdsa) in [("11.5(1)", true), ("12.5(1)SU3", false), ("15.0(1)", false)] {
        let (rows, value) = urls(&[&node[..], &[version]].concat(), &rsa);
        assert_eq!(rows.len(), 6, "{version}");
        assert_eq!(rows[5], "https://uccx1.example.com:12015/");
        assert_eq!(value["ecdsa_verdict"]["applicable"], ecdsa, "{version}");
        let live = &value["checklist"]["rows"][5];
        let store = if ecdsa { "tomcat-ECDSA" } else { "tomcat" };
        assert_eq!(live["presents"], store, "{version}");
    }
    let ucce = [
        "--product",
        "ucce",
        "--version",
        "11.0(1)",
        "--finesse",
        "finesse-a.example.com",
        "--finesse",
        "finesse-b.example.com",
    ];
    let (rows, _) = urls(&ucce, &["good/ucce/finesse-a.pem", "good/ucce/ca-chain.p7b"]);
    assert_eq!(
        rows,
        [
            "https://finesse-a.example.com:8445/",
            "https://finesse-a.example.com:7443/",
            "https://finesse-a.example.com:8445/cfadmin",
            "https://finesse-a.example.com:8443/cmplatform",
            "https://finesse-b.example.com:8445/",
            "https://finesse-b.example.com:7443/",
            "https://finesse-b.example.com:8445/cfadmin",
            "https://finesse-b.example.com:8443/cmplatform",
        ]
    );
    let sets: [(&[&str], u64); 4] = [
        (
            &[
                "rules/trust.self_signed_leaf/fire/leaf.pem",
                "rules/trust.mixed_selfsigned_ecdsa/fire/tomcat-ecdsa.pem",
            ],
            1,
        ),
        (
            &[
                "good/rsa/uccx1-tomcat.pem",
                "good/rsa/ca-chain.pem",
                "rules/key.ecdsa_signed_by_rsa_ca/fire/leaf.pem",
            ],
            2,
        ),
        (
            &[
                "good/rsa/uccx1-tomcat.pem",
                "good/rsa/ca-chain.pem",
                "good/ec/uccx1-tomcat-ecdsa.pem",
                "good/ec/ec-root.pem",
            ],
            3,
        ),
        (
            &[
                "rules/trust.mixed_selfsigned_ecdsa/fire/tomcat.pem",
                "rules/trust.mixed_selfsigned_ecdsa/fire/chain.pem",
                "rules/trust.mixed_selfsigned_ecdsa/fire/tomcat-ecdsa.pem",
            ],
            4,
        ),
    ];
    for (files, row) in sets {
        let (_, value) = urls(&[&node[..], &["11.5(1)SU1"]].concat(), files);
        assert_eq!(value["ecdsa_verdict"]["servers"][0]["row"], row, "{files:?}");
    }
}

#[test]
fn the_cli_plans_and_judges_the_certificate_the_node_will_present() {
    let dir = common::fixtures().join("deployment").join("old-and-new");
    let file = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let (old, new) = (file("uccx1-tomcat-old-selfsigned.pem"), file("uccx1-tomcat.pem"));
    let (csr, chain) = (file("uccx1-tomcat.csr"), file("ca-chain.pem"));
    let output = certcheck(&[
        "check",
        "--format",
        "json",
        "--product",
        "uccx",
        "--version",
        "12.5(1)",
        "--node",
        "uccx1.example.com",
        "--at",
        "2026-11-25",
        &old,
        &new,
        &csr,
        &chain,
    ]);
    let value = json(&output);
    let item_of = |path: &str| {
        value["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|item| item["origin"]["source"] == path && item["certificate"].is_object())
            .map(|item| item["index"].clone())
            .expect("item")
    };
    let (old, new) = (item_of(&old), item_of(&new));
    let rows = value["checklist"]["rows"].as_array().expect("rows");
    let tomcat_rows: Vec<_> = rows.iter().filter(|row| row["presents"] == "tomcat").collect();
    assert!(!tomcat_rows.is_empty());
    for row in tomcat_rows {
        assert_eq!(row["item"], new, "{row}");
        assert_eq!(row["outcome"], "trusted", "{row}");
    }
    let superseded: Vec<_> = value["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|finding| finding["id"] == "trust.superseded")
        .collect();
    assert_eq!(superseded.len(), 1);
    assert_eq!(superseded[0]["item"], old);
    let text = certcheck(&[
        "check",
        "--lang",
        "ja",
        "--product",
        "uccx",
        "--node",
        "uccx1.example.com",
        &file("uccx1-tomcat-old-selfsigned.pem"),
        &file("uccx1-tomcat.pem"),
        &chain,
    ]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("trust.superseded") && text.contains("置き換わります"), "{text}");
}

#[test]
fn a_csr_alone_gets_its_preflight_from_the_cli() {
    let csr = common::fixtures().join("rules/csr.no_san/fire/uccx1-tomcat.csr");
    let output = certcheck(&[
        "check",
        "--format",
        "json",
        "--product",
        "uccx",
        "--node",
        "uccx1.example.com",
        &csr.to_string_lossy(),
    ]);
    assert_eq!(output.status.code(), Some(0), "an info, not an error");
    let ids = finding_ids(&json(&output));
    assert!(ids.contains(&"csr.no_san".to_string()), "{ids:?}");
    let text = certcheck(&[
        "check",
        "--lang",
        "pt-BR",
        "--node",
        "uccx1.example.com",
        &csr.to_string_lossy(),
    ]);
    assert!(
        String::from_utf8_lossy(&text.stdout).contains("a CA precisa incluir uccx1.example.com")
    );
}

#[test]
fn the_cli_keeps_other_servers_out_and_fails_broken_chains() {
    let files = |dir: &str| -> Vec<String> {
        let full = common::fixtures().join(dir);
        let mut files: Vec<String> = std::fs::read_dir(&full)
            .expect("dir")
            .map(|entry| entry.expect("entry").path().to_string_lossy().into_owned())
            .filter(|path| path.ends_with(".pem"))
            .collect();
        files.sort();
        files
    };
    let run = |dir: &str, nodes: &[&str]| {
        let mut args: Vec<String> = [
            "check",
            "--format",
            "json",
            "--product",
            "uccx",
            "--version",
            "12.5(1)",
            "--at",
            "2026-11-25",
        ]
        .iter()
        .map(|arg| arg.to_string())
        .collect();
        for node in nodes {
            args.push("--node".into());
            args.push(node.to_string());
        }
        args.extend(files(dir));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        json(&certcheck(&args))
    };
    let other = run("deployment/other-server", &["uccx1.example.com", "uccx2.example.com"]);
    let nodes: Vec<&str> = other["upload_plan"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|node| node["node"].as_str())
        .collect();
    assert_eq!(nodes, ["uccx1.example.com", "uccx2.example.com"]);
    assert!(finding_ids(&other).contains(&"trust.other_server".to_string()));
    let broken = run("rules/chain.issuer_not_ca/fire", &["agent-tools.example.com"]);
    let rows = broken["checklist"]["rows"].as_array().expect("rows");
    let tomcat: Vec<_> = rows.iter().filter(|row| row["presents"] == "tomcat").collect();
    assert!(!tomcat.is_empty());
    for row in tomcat {
        assert_eq!(row["outcome"], "fails", "{row}");
        assert_eq!(row["browsers"]["chromium"]["click_through"], false);
        assert_eq!(row["browsers"]["firefox"]["click_through"], true);
    }
    let md5 = run("deployment/md5-root", &["uccx1.example.com", "uccx2.example.com"]);
    let root = md5["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|item| {
            item["origin"]["source"].as_str().is_some_and(|s| s.ends_with("ios-ca-md5.pem"))
        })
        .expect("root");
    assert_eq!(root["certificate"]["self_signed"], true);
    assert_eq!(root["role"]["kind"], "root");
}

/// The releases people run today, through the CLI: every format follows the release facts.
#[test]
fn the_cli_follows_the_release_facts() {
    let uccx = |version: &'static str| {
        vec![
            "--at",
            "2026-11-25",
            "--product",
            "uccx",
            "--version",
            version,
            "--node",
            "uccx1.example.com",
            "--node",
            "uccx2.example.com",
        ]
    };
    let files = [
        "good/rsa/uccx1-tomcat.pem",
        "good/rsa/uccx2-tomcat.pem",
        "good/rsa/ca-chain.pem",
        "good/ec/uccx1-tomcat-ecdsa.pem",
        "good/ec/ec-root.pem",
    ];
    let run = |format: &str, context: &[&str], files: &[&str]| {
        certcheck(&[&["check", "--format", format][..], context, files].concat())
    };
    // 12.5(1)SU3: no tomcat-ECDSA in the plan, the checklist or the ECDSA section.
    let value = json(&run("json", &uccx("12.5(1)SU3"), &files));
    assert!(finding_ids(&value).contains(&"key.ecdsa_not_used".to_string()));
    assert!(!value["upload_plan"].to_string().contains("tomcat-ECDSA\""));
    assert!(!value["checklist"].to_string().contains("\"tomcat-ECDSA\""));
    assert_eq!(value["ecdsa_verdict"]["applicable"], false);
    let text =
        String::from_utf8_lossy(&run("text", &uccx("12.5(1)SU3"), &files).stdout).into_owned();
    assert!(text.contains("From 11.6 on, ECDSA certificates have been removed"), "{text}");
    assert!(text.contains("TechNote 118855"), "{text}");
    let markdown =
        String::from_utf8_lossy(&run("markdown", &uccx("12.5(1)SU3"), &files).stdout).into_owned();
    assert!(markdown.contains("key.ecdsa_not_used") && markdown.contains("TechNote 118855"));
    let csv = String::from_utf8_lossy(&run("csv", &uccx("12.5(1)SU3"), &files).stdout).into_owned();
    assert!(!csv.contains("tomcat-ECDSA on 11.5"), "{csv}");
    // 11.5(1) keeps it.
    let value = json(&run("json", &uccx("11.5(1)"), &files));
    assert!(value["upload_plan"].to_string().contains("\"tomcat-ECDSA\""));
    assert!(!finding_ids(&value).contains(&"key.ecdsa_not_used".to_string()));
    // UCCE: --ecdsa says ECDSA is enabled.
    let ucce = |ecdsa: bool| {
        let mut args =
            vec!["--product", "ucce", "--version", "12.6(2)", "--finesse", "uccx1.example.com"];
        if ecdsa {
            args.push("--ecdsa");
        }
        json(&run("json", &args, &files[3..]))
    };
    assert!(finding_ids(&ucce(false)).contains(&"key.ecdsa_not_used".to_string()));
    assert!(!finding_ids(&ucce(true)).contains(&"key.ecdsa_not_used".to_string()));
    // Multi-server SAN naming the two UCCX nodes: supported from 11.6, not before.
    let multi = ["releases/multi-san/uccx-nodes.pem", "releases/ca-chain.pem"];
    let ids = finding_ids(&json(&run("json", &uccx("12.5(1)SU3"), &multi)));
    assert!(!ids.contains(&"san.multi_server".to_string()), "{ids:?}");
    let ids = finding_ids(&json(&run("json", &uccx("11.5(1)"), &multi)));
    assert!(ids.contains(&"san.multi_server".to_string()));
    // FN74382: an error on 12.5(1)SU3, with the public-CA fix; the exit status says so.
    let public = ["releases/client-auth/public-uccx1.pem", "releases/ca-chain.pem"];
    let output = run("json", &uccx("12.5(1)SU3"), &public);
    assert_eq!(output.status.code(), Some(1));
    let value = json(&output);
    let finding = value["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|finding| finding["id"] == "ext.missing_client_auth")
        .expect("clientAuth");
    assert_eq!(finding["severity"], "error");
    assert!(finding["fix"].as_str().expect("fix").contains("15.0(1)SU2"));
    // Key lengths, one name per store, the cross-signed path, Apple's 825 days.
    let ids = finding_ids(&json(&run("json", &uccx("15.0(1)"), &["releases/rsa4096/uccx1.pem"])));
    assert!(ids.contains(&"key.rsa_unsupported_size".to_string()));
    let dir = "rules/trust.same_subject/fire";
    let same = [format!("{dir}/uccx1.pem"), format!("{dir}/uccx2.pem"), format!("{dir}/chain.pem")];
    let same: Vec<&str> = same.iter().map(String::as_str).collect();
    let ids = finding_ids(&json(&run("json", &uccx("12.5(1)SU3"), &same)));
    assert!(
        ids.contains(&"trust.same_subject".to_string())
            && ids.contains(&"trust.after_upgrade".to_string())
    );
    for file in
        ["releases/cross-signed/legacy-first.pem", "releases/cross-signed/current-first.pem"]
    {
        let value = json(&run("json", &uccx("12.5(1)SU3"), &[file]));
        assert!(!value["upload_plan"].to_string().contains("Legacy"), "{file}");
    }
    let long = json(&run(
        "json",
        &uccx("12.5(1)SU3"),
        &["rules/validity.over_825_days/fire/leaf.pem", "good/rsa/ca-chain.pem"],
    ));
    assert!(finding_ids(&long).contains(&"validity.over_825_days".to_string()));
    let row = &long["checklist"]["rows"][0];
    assert_eq!(row["outcome"], "trusted");
    assert_eq!(row["browsers"]["safari"]["opens"], false);
    assert!(row["outcome_text"].as_str().expect("text").contains("Safari (macOS, iOS) refuses it"));
}

/// The servers' own trust through the CLI: Unified CM, Phone-trust, gadgets, UCCE side A and B.
#[test]
fn the_cli_plans_the_trust_the_servers_need() {
    let args = [
        "check",
        "--at",
        "2026-11-25",
        "--product",
        "uccx",
        "--version",
        "12.5(1)SU3",
        "--node",
        "uccx1.example.com",
        "--node",
        "uccx2.example.com",
        "--cucm",
        "cucm1.example.com",
        "--cucm",
        "cucm2.example.com",
        "--cucm",
        "cucm3.example.com",
        "--gadget",
        "crm.example.com:443",
        "good/rsa/uccx1-tomcat.pem",
        "good/rsa/uccx2-tomcat.pem",
        "good/rsa/ca-chain.pem",
        "releases/peers/cucm1.example.com.pem",
        "releases/peers/cucm2.example.com.pem",
        "releases/peers/crm-chain.pem",
    ];
    let output = certcheck(&[&args[..], &["--format", "json"]].concat());
    assert_eq!(output.status.code(), Some(1), "cucm3 is missing: an error");
    let value = json(&output);
    assert!(finding_ids(&value).contains(&"integration.cucm_missing".to_string()));
    let plan = value["upload_plan"].to_string();
    for kind in ["peer-trust", "peer-missing", "phone-trust"] {
        assert!(plan.contains(&format!("\"kind\":\"{kind}\"")), "{kind}");
    }
    assert!(plan.contains("\"store\":\"Phone-trust\""));
    let text = String::from_utf8_lossy(&certcheck(&args).stdout).into_owned();
    assert!(
        text.contains("Unified CM cucm1.example.com (publisher), a peer server — Phone-trust"),
        "{text}"
    );
    assert!(text.contains("PEM or DER"), "{text}");
    let markdown = String::from_utf8_lossy(
        &certcheck(&[&args[..], &["--format", "markdown"]].concat()).stdout,
    )
    .into_owned();
    assert!(markdown.contains("Not given: what cucm3.example.com presents"), "{markdown}");
    // UCCE 12.6 with self-signed side A and B: each Finesse server takes both sides' Live Data
    // and CUIC certificates, then Cisco Finesse Tomcat restarts.
    let mut ucce = vec!["check", "--format", "json", "--product", "ucce", "--version", "12.6(2)"];
    let files = [
        "releases/ucce-self-signed/finesse-a.example.com.pem",
        "releases/ucce-self-signed/finesse-b.example.com.pem",
        "releases/ucce-self-signed/livedata-a.example.com.pem",
        "releases/ucce-self-signed/cuic-a.example.com.pem",
        "releases/ucce-self-signed/cuic-b.example.com.pem",
    ];
    for (flag, host) in [
        ("--finesse", "finesse-a.example.com"),
        ("--finesse", "finesse-b.example.com"),
        ("--livedata", "livedata-a.example.com"),
        ("--livedata", "livedata-b.example.com"),
        ("--cuic", "cuic-a.example.com"),
        ("--cuic", "cuic-b.example.com"),
    ] {
        ucce.extend([flag, host]);
    }
    ucce.extend(files);
    let value = json(&certcheck(&ucce));
    let ids = finding_ids(&value);
    assert!(ids.contains(&"integration.peer_missing".to_string()), "{ids:?}");
    let finesse = &value["upload_plan"]["nodes"][0];
    assert_eq!(finesse["node"], "finesse-a.example.com");
    let steps = finesse["steps"].as_array().expect("steps");
    assert_eq!(steps.iter().filter(|step| step["kind"] == "peer-trust").count(), 3);
    assert_eq!(steps.last().expect("last")["kind"], "restart-finesse");
}

#[test]
fn format_ics_writes_the_renewal_dates_as_a_calendar() {
    let output = certcheck(&[
        "check",
        "--format",
        "ics",
        "--at",
        "2026-10-01",
        "--node",
        "uccx1.example.com",
        "--node",
        "uccx2.example.com",
        "deployment/calendar/ca-chain.pem",
        "deployment/calendar/uccx1-tomcat.pem",
        "deployment/calendar/uccx2-tomcat.pem",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), "{text}");
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(text.matches("BEGIN:VEVENT\r\n").count(), 2);
    assert!(text.contains("DTSTART;VALUE=DATE:20261109\r\n"));
    assert!(text.contains("DTSTART;VALUE=DATE:20261116\r\n"));
}
