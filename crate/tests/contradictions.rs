//! No screen contradicts another (issue "One story per user"): every fixture set of
//! tests/fixtures, as one pile, in several contexts, must give a report in which
//! - no plan step uploads a certificate with an error finding unless it says "fix first";
//! - no chain is called complete while one of its links is not valid;
//! - each certificate's card (its `upload`) says what the plan does with it, and a checklist row
//!   that asks agents to accept a self-signed certificate never goes with a plan that uploads it;
//! - the overview's "to fix before upload" agrees with the plan;
//! - a fix fits the certificate's role: no CSR for a self-signed server certificate or a CA.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use certcheck::advice::checklist::Outcome;
use certcheck::analysis::ItemKind;
use certcheck::deployment::roles::{Kind, Store};
use certcheck::rules::Severity;
use certcheck::{ContextInput, Lang, Report};

/// Every directory of tests/fixtures holding certificate files, as one pile each.
fn piles() -> Vec<Vec<PathBuf>> {
    fn walk(dir: &Path, out: &mut Vec<Vec<PathBuf>>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut files = Vec::new();
        let mut dirs = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|ext| {
                ["pem", "cer", "crt", "der", "csr", "p7b", "p7c"]
                    .contains(&ext.to_string_lossy().as_ref())
            }) {
                files.push(path);
            }
        }
        files.sort();
        dirs.sort();
        // The keys are private keys, the bench piles are big: not certificate sets.
        let name =
            dir.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        if !files.is_empty() && name != "keys" {
            out.push(files);
        }
        for dir in dirs {
            walk(&dir, out);
        }
    }
    let mut out = Vec::new();
    walk(&common::fixtures(), &mut out);
    out
}

fn contexts() -> Vec<ContextInput> {
    let uccx = |version: &str| ContextInput {
        product: "uccx".into(),
        version: version.into(),
        nodes: vec!["uccx1.example.com".into(), "uccx2.example.com".into()],
        cucm: vec!["cucm1.example.com".into()],
        ..Default::default()
    };
    vec![
        ContextInput::default(),
        uccx("12.5(1)SU3"),
        uccx("11.5(1)"),
        ContextInput { host: "uccx1.example.com".into(), ..Default::default() },
    ]
}

fn problems_in(report: &Report, what: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let errors: BTreeSet<usize> = report
        .findings
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .filter_map(|finding| finding.item)
        .collect();
    // The plan never uploads a failing certificate without saying "fix first".
    for node in &report.upload_plan.nodes {
        for step in &node.steps {
            let uploads = step.store.is_some() && step.file_name.is_some();
            if let Some(item) = step.item.filter(|item| uploads && errors.contains(item)) {
                if !step.blocked {
                    problems.push(format!(
                        "{what}: step {} uploads item {item} with errors",
                        step.text
                    ));
                }
            }
        }
    }
    // "complete" only for a chain whose every link is valid.
    let text = certcheck::report::text::render(report);
    let complete_said =
        text.matches(certcheck::i18n::phrase("text.chain_root", report.lang)).count();
    let complete = report.chains.iter().filter(|chain| chain.complete).count();
    if complete_said != complete {
        problems.push(format!("{what}: {complete_said} chains said complete, {complete} are"));
    }
    for chain in &report.chains {
        if chain.complete && !chain.problems.is_empty() {
            problems.push(format!("{what}: a chain with problems is complete"));
        }
    }
    // Each card says what the plan does.
    for item in &report.items {
        let Some(upload) = &item.upload else { continue };
        let planned: BTreeSet<(String, String)> = report
            .upload_plan
            .nodes
            .iter()
            .flat_map(|node| node.steps.iter().map(move |step| (node, step)))
            .filter(|(_, step)| step.item == Some(item.index) && step.file_name.is_some())
            .filter_map(|(node, step)| Some((node.node.clone(), step.store?.as_str().to_string())))
            .collect();
        let carded: BTreeSet<(String, String)> = upload
            .stores
            .iter()
            .map(|(node, store)| (node.clone(), store.as_str().to_string()))
            .collect();
        if planned != carded {
            problems.push(format!("{what}: item {} card {carded:?} plan {planned:?}", item.index));
        }
    }
    for row in &report.checklist.rows {
        if row.outcome != Outcome::Accept {
            continue;
        }
        let Some(item) = row.item else { continue };
        // As the node's own certificate (a peer may still trust it: Phone-trust, tomcat-trust).
        let own = [Store::Tomcat, Store::TomcatEcdsa];
        let uploaded = report.upload_plan.nodes.iter().flat_map(|node| &node.steps).any(|step| {
            step.item == Some(item)
                && step.file_name.is_some()
                && step.store.is_some_and(|store| own.contains(&store))
        });
        if uploaded {
            problems.push(format!(
                "{what}: row {} asks to accept item {item}, which the plan uploads",
                row.url
            ));
        }
    }
    // Fixes fit the role.
    for finding in report.findings.iter().filter(|finding| finding.severity != Severity::Info) {
        let Some(role) = finding
            .item
            .and_then(|item| report.items.get(item))
            .filter(|item| item.kind == ItemKind::Certificate)
            .and_then(|item| item.role.as_ref())
        else {
            continue;
        };
        // A certificate's own faults (trust.* advice may rightly ask for a CA-signed one).
        let own_fault = ["san.", "key.", "ext.", "validity."]
            .iter()
            .any(|family| finding.id.starts_with(family));
        let mentions_csr = finding.fix.contains("CSR");
        if role.self_signed_leaf && own_fault && mentions_csr {
            problems.push(format!(
                "{what}: {} on a self-signed certificate asks for a CSR: {}",
                finding.id, finding.fix
            ));
        }
        if role.kind != Kind::Leaf && finding.fix.starts_with("Generate") {
            problems.push(format!("{what}: {} on a CA certificate: {}", finding.id, finding.fix));
        }
    }
    problems
}

#[test]
fn no_report_of_any_fixture_contradicts_itself() {
    let piles = piles();
    assert!(piles.len() >= 60, "only {} fixture sets", piles.len());
    let mut problems = Vec::new();
    let mut checked = 0;
    for files in &piles {
        let inputs: Vec<certcheck::Input> = files
            .iter()
            .map(|path| {
                certcheck::Input::file(
                    path.to_string_lossy(),
                    std::fs::read(path).expect("fixture"),
                )
            })
            .collect();
        let name = files[0].parent().map(|dir| dir.display().to_string()).unwrap_or_default();
        for (at, context) in contexts().iter().enumerate() {
            let report = certcheck::check(&inputs, context, common::TODAY, Lang::En);
            problems.extend(problems_in(&report, &format!("{name} [context {at}]")));
            checked += 1;
        }
    }
    assert!(
        problems.is_empty(),
        "{} contradictions in {checked} reports:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
