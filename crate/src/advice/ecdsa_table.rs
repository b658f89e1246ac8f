//! The ECDSA compatibility verdict (domain.md §4; seeds 001 and 003): how each server's tomcat and
//! tomcat-ECDSA are signed, the matching row of the agent-experience table for 11.5 and later
//! without a COP, and when the UCCX / SocialMiner ECDSA COP (or its rollback) is the answer.

use serde::Serialize;

use crate::analysis::Analysis;
use crate::deployment::facts::{self, Question};
use crate::deployment::roles::Store;
use crate::i18n::{self, Lang};
use crate::x509::certificate::Certificate;
use crate::x509::verify::SignatureAlgorithm;

/// How one server certificate is signed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Signing {
    /// Self-signed.
    SelfSigned,
    /// Signed by a CA with an RSA key.
    RsaCa,
    /// Signed by a CA with an EC key.
    EcCa,
    /// Signed by some other kind of CA key.
    OtherCa,
    /// Not given.
    NotGiven,
}

/// One row of the table (001 § FAQ; 003).
#[derive(Clone, Debug, Serialize)]
pub struct TableRow {
    /// 1..=4.
    pub row: u8,
    /// How tomcat is signed.
    pub tomcat: Signing,
    /// How tomcat-ECDSA is signed.
    pub tomcat_ecdsa: Signing,
    /// What agents see after the upgrade to 11.5, without a COP.
    pub experience: String,
    /// What to do.
    pub advice: String,
}

/// One server's certificates against the table.
#[derive(Clone, Debug, Serialize)]
pub struct ServerVerdict {
    /// The server name the certificates carry.
    pub server: String,
    /// How its tomcat is signed.
    pub tomcat: Signing,
    /// How its tomcat-ECDSA is signed.
    pub tomcat_ecdsa: Signing,
    /// The table row this combination is, if it is one of the four.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u8>,
    /// The verdict in words.
    pub text: String,
}

/// The verdict for the whole input.
#[derive(Clone, Debug, Default, Serialize)]
pub struct EcdsaVerdict {
    /// False where the servers present no tomcat-ECDSA (the release facts: before 11.5, from
    /// 11.6, UCCE), or without a release and without an EC certificate.
    pub applicable: bool,
    /// Why not, when not applicable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Each server with a tomcat or tomcat-ECDSA certificate given.
    pub servers: Vec<ServerVerdict>,
    /// The four rows of the table.
    pub table: Vec<TableRow>,
    /// When to install the COPs, and the rollback (001 § FAQ).
    pub cop: Vec<String>,
    /// Without a release, with an EC certificate given: the table holds for 11.5(x) only, and
    /// what the other releases do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The seeds of the table and the COP advice, or the source that says it does not apply.
    pub cite: &'static str,
}

const ROWS: [(u8, Signing, Signing); 4] = [
    (1, Signing::SelfSigned, Signing::SelfSigned),
    (2, Signing::RsaCa, Signing::RsaCa),
    (3, Signing::RsaCa, Signing::EcCa),
    (4, Signing::RsaCa, Signing::SelfSigned),
];

/// How `certificate` is signed: its own key, or the CA key type its signature algorithm names.
pub fn signing(certificate: &Certificate, self_signed: bool) -> Signing {
    if self_signed {
        return Signing::SelfSigned;
    }
    match SignatureAlgorithm::from_oid(&certificate.signature_oid) {
        SignatureAlgorithm::RsaPkcs1(_) | SignatureAlgorithm::RsaPss => Signing::RsaCa,
        SignatureAlgorithm::Ecdsa(_) => Signing::EcCa,
        _ => Signing::OtherCa,
    }
}

/// Build the verdict.
#[inline(never)] // a stage of the check, its own wasm function: see `report::report`
pub fn build(analysis: &Analysis, lang: Lang) -> EcdsaVerdict {
    let phrase = |key: &str| i18n::phrase(key, lang).to_string();
    let table = ROWS
        .iter()
        .map(|&(row, tomcat, tomcat_ecdsa)| TableRow {
            row,
            tomcat,
            tomcat_ecdsa,
            experience: phrase(&format!("ecdsa.row{row}.experience")),
            advice: phrase(&format!("ecdsa.row{row}.advice")),
        })
        .collect();
    let cop = ["ecdsa.cop.uccx", "ecdsa.cop.socialminer", "ecdsa.cop.rollback"]
        .iter()
        .map(|key| phrase(key))
        .collect();
    let context = &analysis.context;
    let ec_given = analysis.leaves().any(|(_, _, role)| role.store == Store::TomcatEcdsa);
    let facts = context.fact(Question::TomcatEcdsa);
    let fill =
        |key: &str, args: &[(&'static str, String)]| i18n::fill(i18n::phrase(key, lang), args);
    // The table is seed 001's, about UCCX and SocialMiner 11.5(x): where the release facts say the
    // servers present no tomcat-ECDSA it does not apply, and the section says why, cited.
    let mut cite = CITE_TABLE;
    let mut note = None;
    let not_applicable = if context.product == Some(crate::deployment::Product::Ucce) {
        let why = if facts.why.is_empty() { by_release(context, lang) } else { phrase(facts.why) };
        if !facts.cite.is_empty() {
            cite = facts.cite;
        }
        Some(format!("{} {why}", phrase("ecdsa.not_for_ucce")))
    } else {
        match context.tomcat_ecdsa() {
            Some(false) => {
                cite = facts.cite;
                let release =
                    context.release.map(|release| release.to_string()).unwrap_or_default();
                Some(fill(
                    "ecdsa.not_on_release",
                    &[("release", release), ("why", phrase(facts.why))],
                ))
            }
            Some(true) => None,
            None => {
                // No release: which way each release goes, from the facts.
                let each = by_release(context, lang);
                if ec_given {
                    note = Some(fill("ecdsa.no_release_note", &[("releases", each)]));
                    None
                } else {
                    Some(fill("ecdsa.no_release_no_ec", &[("releases", each)]))
                }
            }
        }
    };
    // The certificates each server will present (the end state): other servers' certificates
    // and superseded ones are not in the table.
    let mut servers: Vec<(String, Signing, Signing)> = Vec::new();
    let mut position: std::collections::HashMap<&str, usize> = Default::default();
    for entry in &analysis.end_state.presented {
        let Some((certificate, role)) = analysis.certificate_with_role(entry.item) else {
            continue;
        };
        let how = signing(certificate, role.self_signed_leaf);
        let index = match position.get(entry.node.as_str()) {
            Some(&index) => index,
            None => {
                position.insert(entry.node.as_str(), servers.len());
                servers.push((entry.node.clone(), Signing::NotGiven, Signing::NotGiven));
                servers.len() - 1
            }
        };
        match entry.store {
            Store::Tomcat => servers[index].1 = how,
            Store::TomcatEcdsa => servers[index].2 = how,
            _ => {}
        }
    }
    if not_applicable.is_some() {
        servers.clear();
    }
    let servers = servers
        .into_iter()
        .map(|(server, tomcat, tomcat_ecdsa)| {
            let row = ROWS
                .iter()
                .find(|(_, t, e)| *t == tomcat && *e == tomcat_ecdsa)
                .map(|(row, _, _)| *row);
            let text = match row {
                Some(row) => i18n::fill(
                    i18n::phrase("ecdsa.server_row", lang),
                    &[
                        ("row", row.to_string()),
                        ("experience", phrase(&format!("ecdsa.row{row}.experience"))),
                        ("advice", phrase(&format!("ecdsa.row{row}.advice"))),
                    ],
                ),
                None if tomcat == Signing::NotGiven || tomcat_ecdsa == Signing::NotGiven => {
                    phrase("ecdsa.server_incomplete")
                }
                None => phrase("ecdsa.server_outside"),
            };
            ServerVerdict { server, tomcat, tomcat_ecdsa, row, text }
        })
        .collect();
    EcdsaVerdict {
        applicable: not_applicable.is_none(),
        reason: not_applicable,
        servers,
        table,
        cop,
        note,
        cite,
    }
}

const CITE_TABLE: &str =
    "001_ac2a69aa6a55e92f.txt § よく寄せられる質問 (FAQ); 003_8b0075df98947728.txt";

/// What each release does about tomcat-ECDSA, in words (every fact of the table for the product).
pub fn by_release(context: &crate::deployment::Context, lang: Lang) -> String {
    facts::ranges(Question::TomcatEcdsa, context.product)
        .map(|fact| i18n::phrase(fact.why, lang))
        .collect::<Vec<_>>()
        .join(i18n::phrase("text.sentence_join", lang))
}
