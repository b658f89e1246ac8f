//! The first thing an admin reads after a drop: one line per certificate and CSR, its worst
//! problems named in a few words and what to do — "CUCMB1 (answer to your CSR): expired
//! 2016-01-08, signed with md5WithRSAEncryption, no SAN — ask the CA for a new certificate". Built
//! from the same findings, roles and plan as every other section, in the report's language.

use serde::Serialize;

use crate::analysis::{Analysis, ItemKind};
use crate::deployment::roles::{Kind, Store};
use crate::deployment::PeerKind;
use crate::i18n::{self, Lang};
use crate::rules::finding::Finding;
use crate::rules::Severity;

/// Most problems named in one line (the worst first); the rest are counted.
const MOST_PROBLEMS: usize = 4;

/// One certificate's or CSR's verdict.
#[derive(Clone, Debug, Serialize)]
pub struct Verdict {
    /// The item.
    pub item: usize,
    /// The worst severity among its findings (errors and warnings only), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// The whole line, in the report's language.
    pub line: String,
}

/// The verdicts, the worst first (errors, warnings, then the rest), in item order within each.
pub fn build(analysis: &Analysis, findings: &[Finding], lang: Lang) -> Vec<Verdict> {
    let phrase =
        |key: &str, args: &[(&'static str, String)]| i18n::fill(i18n::phrase(key, lang), args);
    let end_state = &analysis.end_state;
    let mut verdicts: Vec<Verdict> = Vec::new();
    for item in &analysis.items {
        if item.duplicate_of.is_some()
            || !matches!(item.kind, ItemKind::Certificate | ItemKind::Csr)
        {
            continue;
        }
        let mine: Vec<&Finding> = findings
            .iter()
            .filter(|finding| {
                finding.item == Some(item.index) && finding.severity != Severity::Info
            })
            .filter(|finding| !finding.short.is_empty())
            .collect();
        let severity = mine.iter().map(|finding| finding.severity).min();
        // What it is, in the admin's terms.
        let role = match (item.kind, analysis.certificate_with_role(item.index)) {
            (ItemKind::Csr, _) => phrase("verdict.role.csr", &[]),
            (_, Some((_, role))) => match (&role.kind, &role.peer) {
                (Kind::Root, _) => phrase("verdict.role.root", &[]),
                (Kind::Intermediate, _) => phrase("verdict.role.intermediate", &[]),
                (Kind::Leaf, Some(peer)) => phrase(
                    if peer.kind == PeerKind::Cucm {
                        "verdict.role.cucm"
                    } else {
                        "verdict.role.gadget"
                    },
                    &[("host", peer.host.clone())],
                ),
                (Kind::Leaf, None) if role.csr.is_some() => phrase("verdict.role.answer", &[]),
                (Kind::Leaf, None) if end_state.other_servers.contains(&item.index) => {
                    phrase("verdict.role.other", &[])
                }
                (Kind::Leaf, None) => {
                    let store =
                        if role.store == Store::TomcatEcdsa { "tomcat-ECDSA" } else { "tomcat" };
                    let key = if role.self_signed_leaf {
                        "verdict.role.self_signed"
                    } else {
                        "verdict.role.server"
                    };
                    let node = role.node.clone().unwrap_or_default();
                    if node.is_empty() {
                        phrase(
                            if role.self_signed_leaf {
                                "verdict.role.self_signed_any"
                            } else {
                                "verdict.role.server_any"
                            },
                            &[],
                        )
                    } else {
                        phrase(key, &[("store", store.into()), ("node", node)])
                    }
                }
            },
            _ => String::new(),
        };
        // What to do, by what it is.
        let action = match (severity, item.kind, analysis.certificate_with_role(item.index)) {
            (_, ItemKind::Csr, _) if severity == Some(Severity::Error) => "verdict.action.new_csr",
            (_, ItemKind::Csr, _) => "verdict.action.csr_ok",
            (Some(Severity::Error), _, Some((_, role))) if role.peer.is_some() => {
                "verdict.action.on_peer"
            }
            (Some(Severity::Error), _, Some((_, role))) if role.kind != Kind::Leaf => {
                "verdict.action.ca_renews"
            }
            (Some(Severity::Error), _, Some((_, role))) if role.self_signed_leaf => {
                "verdict.action.regenerate"
            }
            (Some(Severity::Error), _, _) if end_state.other_servers.contains(&item.index) => {
                "verdict.action.other"
            }
            (Some(Severity::Error), _, _) => "verdict.action.new_certificate",
            (Some(_), _, _) => "verdict.action.warnings",
            (None, _, _) => match item.upload.as_ref().map(|upload| upload.stores.is_empty()) {
                Some(false) => "verdict.action.ready",
                _ => "verdict.action.nothing",
            },
        };
        let mut problems: Vec<String> = Vec::new();
        for finding in &mine {
            if !problems.contains(&finding.short) {
                problems.push(finding.short.clone());
            }
        }
        let more = problems.len().saturating_sub(MOST_PROBLEMS);
        problems.truncate(MOST_PROBLEMS);
        let mut named = problems.join(i18n::phrase("text.list_join", lang));
        if more > 0 {
            named = format!(
                "{named}{}{}",
                i18n::phrase("text.list_join", lang),
                phrase("verdict.more", &[("count", more.to_string())])
            );
        }
        let line = if named.is_empty() {
            phrase(
                "verdict.line_clean",
                &[("name", item.label.clone()), ("role", role), ("action", phrase(action, &[]))],
            )
        } else {
            phrase(
                "verdict.line",
                &[
                    ("name", item.label.clone()),
                    ("role", role),
                    ("problems", named),
                    ("action", phrase(action, &[])),
                ],
            )
        };
        verdicts.push(Verdict { item: item.index, severity, line });
    }
    crate::order::sort_by_key(&mut verdicts, |verdict| verdict.severity.unwrap_or(Severity::Info));
    verdicts
}
