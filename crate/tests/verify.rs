//! `certcheck verify`'s search limits, each at (or just under) its value and beyond it, on the
//! piles `tests/fixtures/make_fixtures.py` makes in `tests/fixtures/verify/`: at most 10
//! intermediates on a path, 100 signature checks and 2 000 candidate issuers per validation.
//! (The 250 000 name-constraint comparisons are x509-limbo's `pathological::nc-dos-*`, in
//! `limbo.rs`.)

mod common;

use std::time::{Duration, Instant};

use certcheck::chain::path_validation::{
    self, Request, Verdict, MAX_CANDIDATES_TRIED, MAX_INTERMEDIATES, MAX_SIGNATURE_CHECKS,
};
use certcheck::Input;

fn ders(case: &str, file: &str) -> Vec<Vec<u8>> {
    let path = common::fixtures().join("verify").join(case).join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{path:?}: {error}"));
    path_validation::certificates_in(&Input::file(file, bytes)).0
}

/// Validate a pile at the fixtures' date; the verdict and how long it took.
fn verify(case: &str) -> (Verdict, Duration) {
    let (trusted, untrusted, leaf) =
        (ders(case, "trusted.pem"), ders(case, "untrusted.pem"), ders(case, "leaf.pem"));
    let start = Instant::now();
    let verdict = path_validation::verify(&Request {
        trusted: &trusted,
        untrusted: &untrusted,
        leaf: leaf.first().map_or(&[][..], Vec::as_slice),
        at: common::TODAY,
        host: Some("leaf.example.com"),
        max_intermediates: None,
    });
    (verdict, start.elapsed())
}

/// Even beyond a limit, a validation stays quick.
const QUICK: Duration = Duration::from_secs(2);

#[test]
fn a_path_holds_at_most_ten_intermediates() {
    assert_eq!(MAX_INTERMEDIATES, 10);
    let (at_limit, _) = verify("intermediates-10");
    assert!(at_limit.valid, "{}", at_limit.reason);
    assert_eq!(at_limit.chain.len(), 12);
    let (beyond, took) = verify("intermediates-11");
    assert!(!beyond.valid);
    assert!(beyond.reason.contains("within 10 intermediates"), "{}", beyond.reason);
    assert!(took < QUICK, "{took:?}");
}

#[test]
fn one_validation_checks_at_most_a_hundred_signatures() {
    assert_eq!(MAX_SIGNATURE_CHECKS, 100);
    // Candidates with the issuer's name and key id but other keys: each one a failed check.
    let (under, _) = verify("signatures-50");
    assert!(!under.valid);
    assert!(under.reason.contains("does not verify"), "{}", under.reason);
    let (beyond, took) = verify("signatures-101");
    assert!(!beyond.valid);
    assert!(beyond.reason.contains("too many signatures"), "{}", beyond.reason);
    assert!(took < QUICK, "{took:?}");
}

#[test]
fn one_validation_tries_at_most_two_thousand_candidate_issuers() {
    assert_eq!(MAX_CANDIDATES_TRIED, 2_000);
    // Two certificates per name and key, level after level: the paths double, 510 tries for 8
    // levels, 2 046 for 11 (the path stops at 10 intermediates).
    let (under, _) = verify("candidates-8");
    assert!(!under.valid);
    assert!(under.reason.contains("no issuer"), "{}", under.reason);
    let (beyond, took) = verify("candidates-11");
    assert!(!beyond.valid);
    assert!(beyond.reason.contains("too many candidate issuers"), "{}", beyond.reason);
    assert!(took < QUICK, "{took:?}");
}
