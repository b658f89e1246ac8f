//! Shared helpers for the integration tests: fixture paths and a check with a fixed date.
#![allow(dead_code)] // each test file uses its own share of the helpers

use std::path::PathBuf;

use certcheck::{ContextInput, Input, Lang, Report};

/// The fixtures folder made by tests/fixtures/make_fixtures.py.
pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("tests").join("fixtures")
}

/// Read fixture files as inputs.
pub fn inputs(paths: &[&str]) -> Vec<Input> {
    paths
        .iter()
        .map(|path| {
            let full = fixtures().join(path);
            let bytes = std::fs::read(&full).unwrap_or_else(|error| panic!("{full:?}: {error}"));
            Input::file(*path, bytes)
        })
        .collect()
}

/// A fixed check date inside every fixture's validity: 2026-11-25.
pub const TODAY: i64 = 1_795_564_800;

/// Check fixture files with the given context.
pub fn check_with(paths: &[&str], context: ContextInput) -> Report {
    certcheck::check(&inputs(paths), &context, TODAY, Lang::En)
}

/// Check fixture files without context.
pub fn check(paths: &[&str]) -> Report {
    check_with(paths, ContextInput::default())
}

/// The finding ids of a report.
pub fn ids(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|finding| finding.id).collect()
}

/// The item kinds of a report, as their serialized names.
pub fn kinds(report: &Report) -> Vec<String> {
    report
        .items
        .iter()
        .map(|item| {
            serde_json::to_value(item.kind)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default()
        })
        .collect()
}
