//! The TLS advisor (domain.md §5; seed 000): TLS versions UCCX speaks as server and as client, by
//! release; only HTTPS is affected.

use serde::Serialize;

use crate::deployment::facts::{self, Question, Value};
use crate::deployment::{Context, Product};
use crate::i18n::{self, Lang};

/// What the source says about one release.
#[derive(Clone, Debug, Serialize)]
pub struct TlsAdvice {
    /// Whether the source's table covers this release.
    pub documented: bool,
    /// TLS versions as server.
    pub server: Vec<&'static str>,
    /// TLS versions as client (scripts, Finesse workflows, gadgets).
    pub client: Vec<&'static str>,
    /// The client speaks only TLS 1.0.
    pub client_tls10_only: bool,
    /// What to upgrade to, when an upgrade helps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upgrade: Option<String>,
    /// Notes (SocialMiner, Exchange, scope), in words.
    pub notes: Vec<String>,
    /// Why there is no advice, when there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub empty_reason: Option<String>,
    /// The seed the advice comes from.
    pub cite: &'static str,
}

const CITE: &str = "000_e1a875b5f41a8b27.txt";

impl Default for TlsAdvice {
    fn default() -> TlsAdvice {
        TlsAdvice {
            documented: false,
            server: Vec::new(),
            client: Vec::new(),
            client_tls10_only: false,
            upgrade: None,
            notes: Vec::new(),
            empty_reason: None,
            cite: CITE,
        }
    }
}

/// Advice for the context's release.
pub fn advise(context: &Context, lang: Lang) -> TlsAdvice {
    let phrase =
        |key: &str, args: &[(&'static str, String)]| i18n::fill(i18n::phrase(key, lang), args);
    if !matches!(context.product, Some(Product::Uccx) | Some(Product::Socialminer) | None) {
        return TlsAdvice {
            empty_reason: Some(phrase("tls.not_uccx", &[])),
            ..TlsAdvice::default()
        };
    }
    let Some(release) = context.release else {
        return TlsAdvice {
            empty_reason: Some(phrase("tls.need_release", &[])),
            ..TlsAdvice::default()
        };
    };
    let answer = context.fact(Question::TlsVersions);
    let mut advice = match answer.value {
        Some(Value::Tls { server, client, upgrade, note }) => TlsAdvice {
            documented: true,
            server: server.to_vec(),
            client: client.to_vec(),
            client_tls10_only: client == ["1.0"],
            upgrade: upgrade.map(|key| phrase(key, &[])),
            notes: note.map(|key| phrase(key, &[])).into_iter().collect(),
            ..TlsAdvice::default()
        },
        _ => {
            // Outside the seed's table: before its first release or after its last.
            let first = facts::ranges(Question::TlsVersions, context.product)
                .filter_map(|fact| fact.releases.from)
                .min();
            let key = if first.is_some_and(|first| release < first) {
                "tls.before_table"
            } else {
                "tls.after_table"
            };
            TlsAdvice {
                notes: vec![phrase(key, &[("release", release.to_string())])],
                ..TlsAdvice::default()
            }
        }
    };
    advice.notes.push(phrase("tls.scope", &[]));
    advice
}
