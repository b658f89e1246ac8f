//! The page's first module (`--no-default-features`: no pure-Rust verifiers, no PKCS#12
//! decryption) makes a report only when every signature it needed was accepted by the platform
//! (WebCrypto; here ring stands in for it) and no PKCS#12 file came; otherwise `finish` gives
//! none and the page runs the check in the full module. Run by `npm test` as
//! `cargo test --no-default-features --test first_module`; empty in a full build. Natively such a
//! build still has ring (the CLI's fast path), so what ring verifies is decided here; the browser
//! test `tests/browser/modules.test.mjs` covers the wasm module, which has none.
#![cfg(not(feature = "verifiers"))]

mod platform;

use std::path::PathBuf;

use certcheck::report;
use certcheck::{ContextInput, Input, Lang};
use platform::platform_accepts;

/// 2026-11-25, the fixtures' "today".
const TODAY: i64 = 1_795_564_800;

fn inputs(paths: &[&str]) -> Vec<Input> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    paths
        .iter()
        .map(|path| Input::file(*path, std::fs::read(root.join(path)).expect("fixture")))
        .collect()
}

/// The report with what the platform accepts, and the request count.
fn finished(paths: &[&str]) -> (Option<report::Report>, usize) {
    let inputs = inputs(paths);
    let context = ContextInput::default();
    let prepared = report::prepare(&inputs, &context, TODAY, Lang::En);
    let requests = prepared.requests();
    let accepted: Vec<usize> = requests
        .iter()
        .filter(|(_, request)| platform_accepts(request))
        .map(|(id, _)| *id)
        .collect();
    (prepared.finish(&accepted), requests.len())
}

#[test]
fn a_chain_the_platform_verifies_is_reported_without_a_verifier_here() {
    let (with, requests) = finished(&[
        "good/rsa/ca-chain.pem",
        "good/rsa/uccx1-tomcat.pem",
        "good/rsa/uccx1-tomcat.csr",
    ]);
    let report = with.expect("every signature accepted: reported");
    assert!(report.findings.iter().any(|finding| finding.id == "chain.ok"));
    assert!(report.findings.iter().all(|finding| finding.id != "csr.bad_signature"));
    assert!(requests >= 3, "links, the root's own signature when key ids do not decide, the CSR");
}

#[test]
fn what_the_platform_refuses_or_cannot_check_is_left_to_the_full_module() {
    for paths in [
        // A signature that does not verify, a broken CSR signature, MD5 (ring has none).
        &["rules/chain.bad_signature/fire/chain.pem", "rules/chain.bad_signature/fire/leaf.cer"][..],
        &["input/broken-signature.csr"][..],
        &["deployment/md5-root/ios-ca-md5.pem"][..],
        // PKCS#12 decryption is not in this build.
        &["input/uccx1-nopass.p12"][..],
    ] {
        let (with, _) = finished(paths);
        assert!(with.is_none(), "{paths:?}");
    }
}
