//! The ECDSA compatibility verdict (domain.md §4; seeds 001 and 003): how each server's tomcat and
//! tomcat-ECDSA are signed, the matching row of the agent-experience table for 11.5 and later
//! without a COP, and when the UCCX / SocialMiner ECDSA COP (or its rollback) is the answer.

use serde::Serialize;

use crate::analysis::Analysis;
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
    /// False when the release has no tomcat-ECDSA (before 11.5) or the product is UCCE.
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
    /// The seeds of the table and the COP advice.
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
    let not_applicable = if context.product == Some(crate::deployment::Product::Ucce) {
        Some(phrase("ecdsa.not_for_ucce"))
    } else if context.release.is_none() && !ec_given {
        Some(phrase("ecdsa.no_release_no_ec"))
    } else {
        context.release.filter(|release| !release.has_tomcat_ecdsa()).map(|release| {
            i18n::fill(i18n::phrase("ecdsa.before_11_5", lang), &[("release", release.to_string())])
        })
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
        cite: "001_ac2a69aa6a55e92f.txt § よく寄せられる質問 (FAQ); 003_8b0075df98947728.txt",
    }
}
