//! certcheck: a certificate checker for Cisco contact-center deployments (UCCX, UCCE with
//! Finesse/CUIC/Live Data, SocialMiner, MediaSense).
//!
//! The core is pure: bytes and a context in, a [`report::Report`] out; no clock, no I/O, no
//! JavaScript. The wasm layer (`wasm.rs`, wasm32 only) and the CLI (`bin/certcheck.rs`) only adapt
//! inputs and outputs.
#![deny(missing_docs)]

pub mod analysis;
pub mod certificate;
pub mod checklist;
pub mod chain;
pub mod csr;
pub mod der_shape;
pub mod deployment;
pub mod ecdsa;
pub mod error;
pub mod export;
pub mod input;
pub mod integrations;
pub mod limits;
pub mod messages;
pub mod pkcs12;
pub mod plan;
pub mod profile;
pub mod report;
pub mod roles;
pub mod rules;
pub mod signature;
pub mod time_util;
pub mod tls;
pub mod validation;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use deployment::{Context, ContextInput};
pub use input::Input;
pub use messages::Lang;
pub use report::{check, Finding, Report};

/// Read every certificate in `bytes` (PEM, DER or PKCS#7) and parse it with all the facts the rules
/// use, without checking signatures: the parsing throughput `npm run bench` compares natively, in
/// Node and in Chromium. Returns how many certificates parsed.
pub fn parse_count(bytes: &[u8]) -> usize {
    let ingested = input::ingest(&[Input::file("bench", bytes.to_vec())]);
    ingested
        .objects
        .iter()
        .filter(|found| match &found.object {
            input::Object::Certificate(der) => certificate::Certificate::parse(der).is_ok(),
            _ => false,
        })
        .count()
}
