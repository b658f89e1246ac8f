//! The TLS advisor (domain.md §5; seed 000): TLS versions UCCX speaks as server and as client, by
//! release; only HTTPS is affected.

use serde::Serialize;

use crate::deployment::{Context, Product, Release};
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

const ALL: [&str; 3] = ["1.0", "1.1", "1.2"];

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
    let r = |major, minor, maintenance, su| Release::new(major, minor, maintenance, su);
    let mut advice = TlsAdvice { documented: true, ..TlsAdvice::default() };
    if release.client_speaks_only_tls10() {
        advice.server = ALL.to_vec();
        advice.client = vec!["1.0"];
        advice.client_tls10_only = true;
        advice.upgrade = Some(if release.major == 10 {
            phrase("tls.upgrade_10", &[])
        } else {
            phrase("tls.upgrade_11", &[])
        });
    } else if release.major == 10 {
        advice.server = ALL.to_vec();
        advice.client = vec!["1.1", "1.2"];
        advice.upgrade = Some(phrase("tls.upgrade_10_su3", &[]));
    } else if release < r(11, 6, 0, 0) && release.major == 11 {
        advice.server = vec!["1.1", "1.2"];
        advice.client = vec!["1.1", "1.2"];
        advice.notes.push(phrase("tls.socialminer_11_5_su1", &[]));
    } else if release.major == 11 && release.minor == 6 {
        advice.server = vec!["1.2"];
        advice.client = vec!["1.2"];
        advice.notes.push(phrase("tls.socialminer_11_6", &[]));
    } else {
        advice.documented = false;
        advice.notes.push(phrase("tls.after_table", &[("release", release.to_string())]));
    }
    if release.major < 10 {
        advice = TlsAdvice {
            documented: false,
            notes: vec![phrase("tls.before_table", &[("release", release.to_string())])],
            ..TlsAdvice::default()
        };
    }
    advice.notes.push(phrase("tls.scope", &[]));
    advice
}
