//! certcheck: a certificate checker for Cisco contact-center deployments (UCCX, UCCE with
//! Finesse/CUIC/Live Data, SocialMiner, MediaSense).
//!
//! The core is pure: bytes and a context in, a [`report::Report`] out; no clock, no I/O, no
//! JavaScript. The wasm layer (`wasm.rs`, wasm32 only) and the CLI (`bin/certcheck/main.rs`) only adapt
//! inputs and outputs.
#![deny(missing_docs)]

pub mod dates;
pub mod error;
pub mod i18n;
pub mod limits;
pub mod order;

pub mod advice;
pub mod analysis;
pub mod chain;
pub mod deployment;
pub mod input;
pub mod probe;
pub mod report;
pub mod rules;
pub mod x509;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use deployment::{Context, ContextInput};
pub use i18n::Lang;
pub use input::Input;
#[cfg(all(feature = "verifiers", feature = "pkcs12"))]
pub use report::check;
pub use report::Report;
pub use rules::finding::Finding;

/// Read every certificate in `bytes` (PEM, DER or PKCS#7) and parse it with all the facts the rules
/// use, without checking signatures: the parsing throughput `npm run bench` compares natively, in
/// Node and in Chromium. Returns how many certificates parsed.
pub fn parse_count(bytes: &[u8]) -> usize {
    let ingested = input::ingest(&[Input::file("bench", bytes.to_vec())]);
    ingested
        .objects
        .iter()
        .filter(|found| match &found.object {
            input::Object::Certificate(der) => x509::certificate::Certificate::parse(der).is_ok(),
            _ => false,
        })
        .count()
}
