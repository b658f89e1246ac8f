//! TLS versions by release (seed 000).

use super::{Hit, Needs, Rule, Severity};
use crate::analysis::Analysis;
use crate::deployment::facts::Question;
use crate::deployment::Product;

/// The release speaks only TLS 1.0 as a client.
pub const CLIENT_TLS10_ONLY: Rule = Rule {
    id: "tls.client_tls10_only",
    severity: Severity::Warning,
    title: "The release speaks only TLS 1.0 as a client: scripts and gadgets calling TLS 1.2-only services fail",
    citation: "000_e1a875b5f41a8b27.txt",
    needs: Needs::Release,
    check: |analysis: &Analysis| {
        let context = &analysis.context;
        let tls10_only = context
            .fact(Question::TlsVersions)
            .value
            .is_some_and(|value| value.client_tls10_only());
        match (context.product, context.release) {
            (Some(Product::Uccx) | None, Some(release)) if tls10_only => {
                vec![Hit::general().with("where", "UCCX").with("release", release.to_string())]
            }
            _ => Vec::new(),
        }
    },
};
