//! The renewal calendar: per node and store, the certificate it presents over time — its validity,
//! its chain's CA certificates, the chain's effective end (the earliest notAfter on it: an
//! intermediate that ends first ends the chain), the "expires soon" window before that end, the
//! public-CA cap, and the date to put in the admins' calendar. The page draws it, the Markdown and
//! the text list it, `report::ics` makes calendar events of it.
//!
//! Every renewal on these appliances is manual (a CSR per node and store, an upload, a restart,
//! new fingerprints for the agents), so the date to plan is when the window of
//! `validity.expires_soon` opens on the certificate that ends the chain — the day the report starts
//! warning — and the same window and cap as the rules (`rules::validity`), never other numbers.

use serde::Serialize;

use crate::analysis::{verdict, Analysis};
use crate::dates;
use crate::deployment::roles::Store;
use crate::i18n::{fill, phrase, Lang};
use crate::rules::validity::{public_cap_days, soon_window_days, RENEWAL_CADENCE};

const DAY: i64 = 86_400;

/// Where a renewal stands at the check date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The "expires soon" window opens after the check date: renew on `renew_on`.
    Planned,
    /// The window is open: renew now.
    Due,
    /// The chain has ended: renew now.
    Expired,
}

/// A CA certificate on the chain of a presented certificate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Authority {
    /// Its item.
    pub item: usize,
    /// Its notBefore, Unix seconds.
    pub not_before: i64,
    /// Its notAfter, Unix seconds.
    pub not_after: i64,
}

/// One node's certificate for one store, over time.
#[derive(Clone, Debug, Serialize)]
pub struct Renewal {
    /// The node (as in the end state).
    pub node: String,
    /// tomcat or tomcat-ECDSA.
    pub store: Store,
    /// The item the node presents.
    pub item: usize,
    /// Its chain in `Report.chains`, when one was built.
    pub chain: Option<usize>,
    /// Its notBefore, Unix seconds.
    pub not_before: i64,
    /// Its notAfter, Unix seconds.
    pub not_after: i64,
    /// Its lifetime in whole days.
    pub lifetime_days: i64,
    /// Self-signed: regenerated on the node, no CA and no public-CA cap.
    pub self_signed: bool,
    /// The CA certificates of its chain, the issuer first.
    pub authorities: Vec<Authority>,
    /// The chain's effective end: the earliest notAfter on it, Unix seconds.
    pub end: i64,
    /// The certificate whose notAfter is `end`: the presented one, or a CA certificate that ends
    /// first (the presented one when they end together).
    pub ends_first: usize,
    /// Days before `end` that count as "expires soon" (`soon_window_days` of the certificate
    /// that ends first: when `validity.expires_soon` starts to report it).
    pub window_days: i64,
    /// When that window opens, Unix seconds.
    pub soon_from: i64,
    /// The public-CA cap in days at its notBefore (CA/B Forum SC-081v3); none before 2026-03-15
    /// or for a self-signed certificate.
    pub cap_days: Option<i64>,
    /// The cap for the certificate that replaces it, issued on `renew_on`.
    pub next_cap_days: Option<i64>,
    /// The date to put in the calendar (midnight UTC): when the window opens, or the check date
    /// once it has opened or the chain has ended.
    pub renew_on: i64,
    /// Where it stands at the check date.
    pub status: Status,
    /// In words, in the report's language (the ticket's line, the calendar event's description).
    pub text: String,
    /// The source of the cap.
    pub cite: &'static str,
}

/// One renewal per node and store the end state presents, in its order.
#[inline(never)] // a stage of the check, its own wasm function: see `report::report`
pub fn build(analysis: &Analysis, lang: Lang) -> Vec<Renewal> {
    let at = analysis.context.at;
    let today = at.div_euclid(DAY) * DAY;
    // Chains by their first item: a pile without a node list presents thousands of certificates.
    let chain_of: std::collections::HashMap<usize, usize> = analysis
        .chains
        .chains
        .iter()
        .enumerate()
        .filter_map(|(position, chain)| Some((*chain.path.first()?, position)))
        .collect();
    analysis
        .end_state
        .presented
        .iter()
        .filter_map(|entry| {
            let (certificate, role) = analysis.certificate_with_role(entry.item)?;
            let validity = &certificate.info.validity;
            let chain = chain_of.get(&entry.item).copied();
            let authorities: Vec<Authority> = chain
                .map(|position| &analysis.chains.chains[position].path[1..])
                .unwrap_or_default()
                .iter()
                .filter_map(|&item| {
                    let ca = &analysis.certificate(item)?.info.validity;
                    Some(Authority {
                        item,
                        not_before: ca.not_before_unix,
                        not_after: ca.not_after_unix,
                    })
                })
                .collect();
            // The earliest notAfter ends the chain; on a tie, the presented certificate.
            let (ends_first, end) = authorities.iter().map(|ca| (ca.item, ca.not_after)).fold(
                (entry.item, validity.not_after_unix),
                |first, ca| {
                    if ca.1 < first.1 {
                        ca
                    } else {
                        first
                    }
                },
            );
            let lifetime_days = verdict::lifetime_days(certificate);
            let ender = analysis.certificate(ends_first).unwrap_or(certificate);
            let window_days = soon_window_days(verdict::lifetime_days(ender));
            let soon_from = end - window_days * DAY;
            let status = if end < at {
                Status::Expired
            } else if soon_from <= at {
                Status::Due
            } else {
                Status::Planned
            };
            let renew_on = match status {
                Status::Planned => soon_from.div_euclid(DAY) * DAY,
                Status::Due | Status::Expired => today,
            };
            let self_signed = role.self_signed_leaf;
            let capped = |issued: i64| (!self_signed).then(|| public_cap_days(issued)).flatten();
            let mut renewal = Renewal {
                node: entry.node.clone(),
                store: entry.store,
                item: entry.item,
                chain,
                not_before: validity.not_before_unix,
                not_after: validity.not_after_unix,
                lifetime_days,
                self_signed,
                authorities,
                end,
                ends_first,
                window_days,
                soon_from,
                cap_days: capped(validity.not_before_unix),
                next_cap_days: capped(renew_on),
                renew_on,
                status,
                text: String::new(),
                cite: RENEWAL_CADENCE.citation,
            };
            renewal.text = describe(analysis, &renewal, lang);
            Some(renewal)
        })
        .collect()
}

/// The renewal in words: what is presented, what ends the chain, when to renew, the next cap.
fn describe(analysis: &Analysis, renewal: &Renewal, lang: Lang) -> String {
    let say = |key: &str, args: &[(&'static str, String)]| fill(phrase(key, lang), args);
    let mut sentences = vec![say(
        "renewals.head",
        &[
            ("place", say("upload.store_on", &store_on(renewal))),
            ("name", analysis.label(renewal.item)),
            ("from", dates::date(renewal.not_before)),
            ("to", dates::date(renewal.not_after)),
            ("days", renewal.lifetime_days.to_string()),
        ],
    )];
    if renewal.ends_first != renewal.item {
        sentences.push(say(
            "renewals.ca_first",
            &[
                ("ca", analysis.label(renewal.ends_first)),
                ("end", dates::date(renewal.end)),
                ("days", dates::days_between(renewal.end, renewal.not_after).to_string()),
            ],
        ));
    }
    let (end, window) = (dates::date(renewal.end), renewal.window_days.to_string());
    sentences.push(match renewal.status {
        Status::Planned => say(
            "renewals.planned",
            &[("date", dates::date(renewal.renew_on)), ("window", window), ("end", end)],
        ),
        Status::Due => say(
            "renewals.due",
            &[("date", dates::date(renewal.soon_from)), ("window", window), ("end", end)],
        ),
        Status::Expired => say("renewals.expired", &[("end", end)]),
    });
    if renewal.self_signed {
        sentences.push(say("renewals.self_signed", &[]));
    } else if let Some(cap) = renewal.next_cap_days {
        sentences.push(say("renewals.next_cap", &[("cap", cap.to_string())]));
    }
    sentences.join(phrase("text.sentence_join", lang))
}

/// The `{store}` and `{node}` of `upload.store_on` ("tomcat on uccx1.example.com").
pub fn store_on(renewal: &Renewal) -> [(&'static str, String); 2] {
    [("store", renewal.store.as_str().to_string()), ("node", renewal.node.clone())]
}

/// The renewals grouped by calendar date (one event per date), in date order, each group in the
/// report's order.
pub fn by_date(renewals: &[Renewal]) -> Vec<(i64, Vec<&Renewal>)> {
    let mut sorted: Vec<&Renewal> = renewals.iter().collect();
    crate::order::sort_by_key(&mut sorted, |renewal| renewal.renew_on);
    let mut groups: Vec<(i64, Vec<&Renewal>)> = Vec::new();
    for renewal in sorted {
        match groups.last_mut() {
            Some((date, group)) if *date == renewal.renew_on => group.push(renewal),
            _ => groups.push((renewal.renew_on, vec![renewal])),
        }
    }
    groups
}
