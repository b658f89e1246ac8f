//! Which certificate (or CA chain) goes into which other server's `tomcat-trust` (domain.md §2;
//! seeds 002 and 004).

use serde::Serialize;

use crate::analysis::Analysis;
use crate::chain::End;
use crate::deployment::roles::{certificate_names, Store};
use crate::deployment::Product;
use crate::i18n::{self, Lang};

/// Which integration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// UCCX uses MediaSense.
    UccxToMediasense,
    /// MediaSense calls Finesse on UCCX.
    MediasenseToFinesse,
    /// UCCX uses SocialMiner's REST and notification APIs.
    UccxToSocialminer,
    /// UCCX scripts call a third-party HTTPS service.
    ScriptsToThirdParty,
    /// UCCE Live Data needs Finesse and CUIC to trust the same CA.
    UcceSharedRoot,
}

/// One integration row.
#[derive(Clone, Debug, Serialize)]
pub struct Integration {
    /// Which.
    pub kind: Kind,
    /// What to upload where, in words (with the certificates given, when known).
    pub text: String,
    /// The seed.
    pub cite: &'static str,
}

/// What to upload for a server: its self-signed certificate, or its CA root, as given.
fn what_of(analysis: &Analysis, host: Option<&String>, lang: Lang) -> String {
    let Some(host) = host else { return String::new() };
    // What the server presents (the end state); MediaSense is not a node, so its certificate is
    // found by the name it carries.
    let item = analysis.end_state.presents(host, Store::Tomcat).or_else(|| {
        analysis
            .leaves()
            .filter(|(_, certificate, role)| {
                role.store == Store::Tomcat && certificate_names(certificate, host)
            })
            .max_by_key(|(_, certificate, role)| {
                (!role.self_signed_leaf, certificate.info.validity.not_before_unix)
            })
            .map(|(item, _, _)| item)
    });
    let Some((item, role)) =
        item.and_then(|item| Some((item, analysis.certificate_with_role(item)?.1)))
    else {
        return String::new();
    };
    if role.self_signed_leaf {
        return i18n::fill(
            i18n::phrase("integration.given_self_signed", lang),
            &[("name", analysis.label(item))],
        );
    }
    let chain = analysis.chains.chains.iter().find(|chain| chain.path.first() == Some(&item));
    match chain {
        Some(chain) if chain.end == End::Root => {
            let root = chain.path.last().copied().unwrap_or(item);
            i18n::fill(
                i18n::phrase("integration.given_chain", lang),
                &[("root", analysis.label(root))],
            )
        }
        _ => String::new(),
    }
}

/// One integration's text: its whole sentence (the same with or without names entered), then the
/// servers entered, one sentence per product, then what was given for it.
fn text(lang: Lang, key: &str, hosts: &[(&str, Option<String>)], given: String) -> String {
    let mut sentences = vec![i18n::phrase(key, lang).to_string()];
    for (product, names) in hosts {
        if let Some(names) = names {
            sentences.push(i18n::fill(
                i18n::phrase("integration.hosts", lang),
                &[("product", product.to_string()), ("hosts", names.clone())],
            ));
        }
    }
    if !given.is_empty() {
        sentences.push(given);
    }
    sentences.join(i18n::phrase("text.sentence_join", lang))
}

/// The integrations for the context's product.
#[inline(never)] // a stage of the check, its own wasm function: see `report::report`
pub fn build(analysis: &Analysis, lang: Lang) -> Vec<Integration> {
    let context = &analysis.context;
    let cite = "002_0fb8040ec2c52a7f.txt § Integração e configuração de cliente";
    let uccx = context
        .nodes
        .first()
        .map(|_| context.nodes.join(crate::i18n::phrase("text.list_join", lang)));
    let mediasense = context.mediasense.clone();
    let socialminer = context.socialminer.clone();
    let mut out = Vec::new();
    match context.product {
        Some(Product::Uccx) | Some(Product::Socialminer) | Some(Product::Mediasense) | None => {
            out.push(Integration {
                kind: Kind::UccxToMediasense,
                text: text(
                    lang,
                    "integration.uccx_to_mediasense",
                    &[("MediaSense", mediasense.clone()), ("UCCX", uccx.clone())],
                    what_of(analysis, context.mediasense.as_ref(), lang),
                ),
                cite,
            });
            out.push(Integration {
                kind: Kind::MediasenseToFinesse,
                text: text(
                    lang,
                    "integration.mediasense_to_finesse",
                    &[("UCCX", uccx.clone()), ("MediaSense", mediasense)],
                    what_of(analysis, context.nodes.first(), lang),
                ),
                cite,
            });
            out.push(Integration {
                kind: Kind::UccxToSocialminer,
                text: text(
                    lang,
                    "integration.uccx_to_socialminer",
                    &[("SocialMiner", socialminer), ("UCCX", uccx.clone())],
                    what_of(analysis, context.socialminer.as_ref(), lang),
                ),
                cite,
            });
            out.push(Integration {
                kind: Kind::ScriptsToThirdParty,
                text: text(lang, "integration.scripts", &[("UCCX", uccx)], String::new()),
                cite: "002_0fb8040ec2c52a7f.txt § Aplicativos de terceiros acessíveis dos scripts",
            });
        }
        Some(Product::Ucce) => {
            out.push(Integration {
                kind: Kind::UcceSharedRoot,
                text: i18n::phrase("integration.ucce_shared_root", lang).to_string(),
                cite: "004_724e4e2f4013d7cd.txt",
            });
        }
    }
    out
}
