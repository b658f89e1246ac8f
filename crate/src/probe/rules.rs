//! The probe's rules: one small unit per rule (id, severity, citation, check), like the catalog's
//! in `rules/`, over what one URL sent ([`Facts`]) instead of what the user dropped. The catalog's
//! certificate rules run too, on the certificates sent ([`CATALOG_ON_SENT`]).

use super::{Facts, Offer};
use crate::analysis::Analysis;
use crate::chain::End;
use crate::dates;
use crate::deployment::roles::{Kind, Store};
use crate::i18n::{self, Lang};
use crate::rules::finding::{render_as, Finding};
use crate::rules::{chain, ext, key, san, trust, validity, Hit, Rule, Severity};

/// The catalog rules that judge a certificate a server sends. Left out: the input and CSR
/// families (nothing was dropped), the chain rules about a pile (`chain.ok`, `order_wrong`,
/// `missing_intermediate`, `root_missing`, `not_a_chain`, `cross_signed`, `too_long`: the chain as
/// sent is the probe's own `probe.chain_incomplete` / `probe.root_unknown`),
/// `validity.expires_soon` (the probe's `probe.expires_within` has the `--warn-days` window) and
/// the plan's `trust.superseded` / `trust.other_server` (`probe.not_planned` says it per URL).
pub static CATALOG_ON_SENT: &[&Rule] = &[
    &chain::BAD_SIGNATURE,
    &chain::ISSUER_NOT_CA,
    &chain::PATH_LEN_EXCEEDED,
    &chain::ISSUER_KEY_USAGE,
    &chain::UNVERIFIABLE_SIGNATURE,
    &san::CN_NOT_IN_SAN,
    &san::HOSTNAME_MISMATCH,
    &san::MULTI_SERVER,
    &san::WILDCARD,
    &key::ECDSA_SIGNED_BY_RSA_CA,
    &key::RSA_SMALL,
    &key::SHA1_SIGNATURE,
    &ext::CRITICAL_NOT_ALLOWED,
    &ext::MISSING_SERVER_AUTH,
    &ext::MISSING_CLIENT_AUTH,
    &ext::KEY_USAGE_TLS,
    &ext::UNKNOWN_CRITICAL,
    &validity::EXPIRED,
    &validity::NOT_YET_VALID,
    &trust::SELF_SIGNED_LEAF,
    &trust::MIXED_SELFSIGNED_ECDSA,
];

/// One rule of the probe.
pub struct ProbeRule {
    /// Stable id, `probe.name`.
    pub id: &'static str,
    /// The only severity this rule reports.
    pub severity: Severity,
    /// A one-line description for rule lists.
    pub title: &'static str,
    /// The seed and section it comes from, or the standard; empty when none.
    pub citation: &'static str,
    /// The check.
    pub check: fn(&Facts) -> Vec<Hit>,
}

const CITE_UPLOAD: &str =
    "002_0fb8040ec2c52a7f.txt § Instale Certificados assinados do aplicativo de Tomcat";

/// Every probe rule, in order.
pub static RULES: &[&ProbeRule] = &[
    &CHAIN_INCOMPLETE,
    &NOT_PLANNED,
    &PLANNED_MISSING,
    &EXPIRES_CRITICAL,
    &EXPIRES_WITHIN,
    &ROOT_UNKNOWN,
    &TLS_VERSION,
];

/// Render a probe rule's hit.
pub fn render(rule: &ProbeRule, hit: &Hit, analysis: &Analysis, lang: Lang) -> Finding {
    render_as((rule.id, rule.severity, rule.citation), hit, analysis, lang)
}

/// The handshakes that sent something: (offer, the canonical items sent in order, version).
fn handshakes<'a>(facts: &'a Facts) -> impl Iterator<Item = (Offer, Vec<usize>, &'a str)> + 'a {
    facts.sent.iter().map(|(offer, items, version)| {
        let canonical = items
            .iter()
            .map(|&index| {
                facts.analysis.items.get(index).and_then(|item| item.duplicate_of).unwrap_or(index)
            })
            .collect();
        (*offer, canonical, version.as_str())
    })
}

/// Add `hit` unless the same hit is there (both handshakes often send the same certificates).
fn push_once(hits: &mut Vec<Hit>, hit: Hit) {
    if !hits.contains(&hit) {
        hits.push(hit);
    }
}

/// The chain the engine built from a handshake's leaf (the first certificate sent).
fn chain_of<'a>(facts: &'a Facts, leaf: usize) -> Option<&'a crate::chain::Chain> {
    facts.analysis.chains.chains.iter().find(|chain| chain.path.first() == Some(&leaf))
}

/// What a handshake's chain lacks: an intermediate the server does not send (known from the
/// plan's files, or a gap between the certificates it sends).
fn missing_intermediate(facts: &Facts, items: &[usize]) -> Option<String> {
    let leaf = *items.first()?;
    let chain = chain_of(facts, leaf)?;
    // An intermediate from the plan's files on the chain, not sent.
    for &item in chain.path.iter().skip(1) {
        let is_intermediate = facts
            .analysis
            .certificate_with_role(item)
            .is_some_and(|(_, role)| role.kind == Kind::Intermediate);
        if is_intermediate && !items.contains(&item) {
            return Some(facts.analysis.label(item));
        }
    }
    // A gap: the chain stops at a missing issuer while the server sent CA certificates that are
    // not on it.
    if let End::MissingIssuer { issuer, .. } = &chain.end {
        let sent_elsewhere = items.iter().skip(1).any(|item| !chain.path.contains(item));
        if sent_elsewhere {
            return Some(issuer.clone());
        }
    }
    None
}

/// The server does not send an intermediate browsers need.
pub const CHAIN_INCOMPLETE: ProbeRule = ProbeRule {
    id: "probe.chain_incomplete",
    severity: Severity::Error,
    title: "The chain as sent is incomplete: the server does not send an intermediate that browsers need",
    citation: CITE_UPLOAD,
    check: |facts: &Facts| {
        let mut hits: Vec<Hit> = Vec::new();
        for (_, items, _) in handshakes(facts) {
            let Some(missing) = missing_intermediate(facts, &items) else { continue };
            let hit = Hit::on(items[0]).with("url", facts.target.url.clone()).with("issuer", missing);
            push_once(&mut hits, hit);
        }
        hits
    },
};

/// The top of the chain as sent is not a root and its issuer is not among the files.
pub const ROOT_UNKNOWN: ProbeRule = ProbeRule {
    id: "probe.root_unknown",
    severity: Severity::Info,
    title: "The chain as sent stops below a root that is not among the files: complete or not cannot be told",
    citation: "",
    check: |facts: &Facts| {
        let mut hits: Vec<Hit> = Vec::new();
        for (_, items, _) in handshakes(facts) {
            let Some(&leaf) = items.first() else { continue };
            if missing_intermediate(facts, &items).is_some() {
                continue;
            }
            let Some(chain) = chain_of(facts, leaf) else { continue };
            let End::MissingIssuer { issuer, .. } = &chain.end else { continue };
            let top = chain.path.last().copied().unwrap_or(leaf);
            let hit = Hit::on(top)
                .with("url", facts.target.url.clone())
                .with("top", facts.analysis.label(top))
                .with("issuer", issuer.clone());
            push_once(&mut hits, hit);
        }
        hits
    },
};

/// A handshake's leaf, the store it answers for, and the planned certificate it is compared with
/// (when the row's store is the one compared, or the row does not say which it presents).
fn compared<'a>(facts: &'a Facts) -> impl Iterator<Item = (usize, Store)> + 'a {
    handshakes(facts).filter_map(move |(offer, items, _)| {
        let leaf = *items.first()?;
        let store = facts.store(offer, leaf);
        let relevant = facts.target.presents.is_none_or(|presents| presents == store);
        relevant.then_some((leaf, store))
    })
}

/// Whether the URL presents what the plan says its node presents: none when there is nothing to
/// compare (no files, or no planned certificate for this node).
pub fn matches_plan(facts: &Facts) -> Option<bool> {
    if facts.sent.is_empty() {
        return None;
    }
    let mut verdict = None;
    for (leaf, store) in compared(facts) {
        let Some(planned) = facts.planned(store) else { continue };
        let same = facts.analysis.certificate(leaf).is_some_and(|sent| sent.der == planned.der);
        verdict = Some(verdict.unwrap_or(true) && same);
    }
    if let Some(store) = facts.target.presents {
        let seen = compared(facts).any(|(_, compared)| compared == store);
        if !seen && facts.planned(store).is_some() {
            verdict = Some(false);
        }
    }
    verdict
}

/// The URL presents another certificate than the planned one.
pub const NOT_PLANNED: ProbeRule = ProbeRule {
    id: "probe.not_planned",
    severity: Severity::Error,
    title: "The URL presents a certificate other than the one the plan uploads (e.g. the old self-signed one)",
    citation: CITE_UPLOAD,
    check: |facts: &Facts| {
        let lang = facts.analysis.lang;
        let mut hits = Vec::new();
        for (leaf, store) in compared(facts) {
            let Some(planned) = facts.planned(store) else { continue };
            let Some((sent, role)) = facts.analysis.certificate_with_role(leaf) else { continue };
            if sent.der == planned.der {
                continue;
            }
            let what = if role.self_signed_leaf || sent.info.self_issued {
                i18n::phrase("probe.what.self_signed", lang).to_string()
            } else {
                i18n::fill(
                    i18n::phrase("probe.what.issued_by", lang),
                    &[("issuer", sent.info.issuer.clone())],
                )
            };
            hits.push(
                Hit::on(leaf)
                    .with("url", facts.target.url.clone())
                    .with("store", store.as_str())
                    .with("what", what)
                    .with("presented", facts.analysis.label(leaf))
                    .with("from", dates::date(sent.info.validity.not_before_unix))
                    .with("planned", planned.label())
                    .with("node", facts.target.node.clone()),
            );
        }
        hits
    },
};

/// The URL presents no certificate of the store the checklist says it presents, though the plan
/// has one.
pub const PLANNED_MISSING: ProbeRule = ProbeRule {
    id: "probe.planned_missing",
    severity: Severity::Error,
    title: "The URL presents no certificate of the store the checklist says it presents, though the plan has one",
    citation: "001_ac2a69aa6a55e92f.txt § UCCX および SocialMiner の署名付き証明書",
    check: |facts: &Facts| {
        let Some(store) = facts.target.presents else { return Vec::new() };
        let Some(planned) = facts.planned(store) else { return Vec::new() };
        if compared(facts).any(|(_, compared)| compared == store) || facts.sent.is_empty() {
            return Vec::new();
        }
        vec![Hit::general()
            .with("where", facts.target.url.clone())
            .with("url", facts.target.url.clone())
            .with("store", store.as_str())
            .with("planned", planned.label())
            .with("node", facts.target.node.clone())]
    },
};

const CITE_EXPIRED: &str =
    "002_0fb8040ec2c52a7f.txt § Problema - Usuário inválido - identificação /Password";

/// The certificates sent that expire within `days` (not yet expired: that is `validity.expired`),
/// each once, with its notAfter.
fn expiring_within(facts: &Facts, days: i64) -> Vec<(usize, i64)> {
    let at = facts.analysis.context.at;
    let window = days.max(0) * 86_400;
    let mut out: Vec<(usize, i64)> = Vec::new();
    for (_, items, _) in handshakes(facts) {
        for item in items {
            let Some(certificate) = facts.analysis.certificate(item) else { continue };
            let not_after = certificate.info.validity.not_after_unix;
            if not_after < at
                || not_after - at > window
                || out.iter().any(|(seen, _)| *seen == item)
            {
                continue;
            }
            out.push((item, not_after));
        }
    }
    out
}

/// A certificate sent expires within the critical window (`--crit-days`, only when given).
pub const EXPIRES_CRITICAL: ProbeRule = ProbeRule {
    id: "probe.expires_critical",
    severity: Severity::Error,
    title: "A certificate the URL presents expires within --crit-days days (only when given)",
    citation: CITE_EXPIRED,
    check: |facts: &Facts| {
        let Some(crit_days) = facts.windows.crit_days else { return Vec::new() };
        let at = facts.analysis.context.at;
        expiring_within(facts, crit_days)
            .into_iter()
            .map(|(item, not_after)| {
                Hit::on(item)
                    .with("url", facts.target.url.clone())
                    .with("date", dates::date(not_after))
                    .with("days", dates::days_between(at, not_after).to_string())
                    .with("crit_days", crit_days.to_string())
            })
            .collect()
    },
};

/// A certificate sent expires within the warning window (and not within the critical one: one
/// finding for one fact).
pub const EXPIRES_WITHIN: ProbeRule = ProbeRule {
    id: "probe.expires_within",
    severity: Severity::Warning,
    title: "A certificate the URL presents expires within --warn-days (default 30) days",
    citation: CITE_EXPIRED,
    check: |facts: &Facts| {
        let at = facts.analysis.context.at;
        let critical = match facts.windows.crit_days {
            Some(crit_days) => expiring_within(facts, crit_days),
            None => Vec::new(),
        };
        expiring_within(facts, facts.windows.warn_days)
            .into_iter()
            .filter(|expiring| !critical.contains(expiring))
            .map(|(item, not_after)| {
                Hit::on(item)
                    .with("url", facts.target.url.clone())
                    .with("date", dates::date(not_after))
                    .with("days", dates::days_between(at, not_after).to_string())
                    .with("warn_days", facts.windows.warn_days.to_string())
            })
            .collect()
    },
};

/// The TLS version each handshake negotiated.
pub const TLS_VERSION: ProbeRule = ProbeRule {
    id: "probe.tls_version",
    severity: Severity::Info,
    title: "The TLS version the URL negotiated",
    citation: "",
    check: |facts: &Facts| {
        let mut versions: Vec<&str> = handshakes(facts).map(|(_, _, version)| version).collect();
        versions.dedup();
        versions
            .into_iter()
            .map(|version| {
                Hit::general()
                    .with("where", facts.target.url.clone())
                    .with("url", facts.target.url.clone())
                    .with("version", version)
            })
            .collect()
    },
};

/// The server takes only the DHE suites Finesse refuses (judged in `probe::judge`, where the
/// DHE-only hello is seen; listed here with the others).
pub const DHE_ONLY: ProbeRule = ProbeRule {
    id: "probe.dhe_only",
    severity: Severity::Error,
    title: "The server negotiates only the DHE suites Finesse refuses (Logjam): Finesse's gadget proxy cannot connect (SSLPeerUnverifiedException)",
    citation: "TN214617 § \"SSLPeerUnverifiedException: peer not authenticated\"",
    check: |_: &Facts| Vec::new(),
};

/// The probe's rules as a Markdown table (for the README).
pub fn markdown_table() -> String {
    crate::rules::markdown_rows(
        RULES
            .iter()
            .copied()
            .chain([&DHE_ONLY])
            .map(|rule| (rule.id, rule.severity, rule.title, rule.citation)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_in_the_probe_family_and_apart_from_the_catalog() {
        let mut seen = std::collections::HashSet::new();
        for rule in RULES {
            assert!(rule.id.starts_with("probe."), "{}", rule.id);
            assert!(seen.insert(rule.id), "duplicate {}", rule.id);
            assert!(crate::rules::rule(rule.id).is_none(), "{} is also a catalog id", rule.id);
            let text = i18n::text_for(rule.id, Lang::En).expect("english texts");
            assert!(!text.message.is_empty() && !text.fix.is_empty(), "{}", rule.id);
        }
    }
}
