//! One certificate per name in a trust store (CUCM-SEC-14SU2, documented for Unified CM; same
//! platform): uploading a CA certificate whose subject is already in tomcat-trust replaces the one
//! there only when its notBefore is later, else it is not uploaded. So two CA certificates with
//! one subject — a re-keyed issuing CA, a root re-issued with SHA-256, a cross-signed variant —
//! cannot both be in the store. For each such name this decides the variant the plan uploads: the
//! one every presented chain can use (same key as the variant each chain goes through), and, when
//! no single one serves them all, the one the platform keeps and the certificates that then stop
//! chaining.

use std::collections::HashMap;

use crate::chain::Chain;
use crate::deployment::roles::{Kind, Role};
use crate::x509::certificate::Certificate;

/// CA certificates that share one subject.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SameSubject {
    /// The items, the latest notBefore first (the platform keeps the first).
    pub variants: Vec<usize>,
    /// The item the upload plan uploads for this name.
    pub keep: usize,
    /// `keep` serves every presented chain that goes through this name.
    pub serves_all: bool,
    /// Certificates whose chain needs a variant with another key than `keep`'s: they stop
    /// chaining once the store holds `keep` only.
    pub stranded: Vec<usize>,
}

/// A unique certificate with its item and role.
type Entry<'a> = (usize, &'a Certificate, &'a Role);

/// Find every name held by two or more CA certificates, among those a plan uploads: the CA
/// certificates on `chains` (those of presented certificates), or every CA certificate when no
/// certificate is presented (a trust-store upload). `at` is the check date.
pub fn find<'a>(
    certificates: impl Iterator<Item = Entry<'a>>,
    chains: &[&Chain],
    at: i64,
) -> Vec<SameSubject> {
    let mut by_name: HashMap<&str, Vec<(usize, &Certificate)>> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    let on_chains: std::collections::HashSet<usize> =
        chains.iter().flat_map(|chain| chain.path.iter().skip(1).copied()).collect();
    for (item, certificate, role) in certificates {
        if role.kind == Kind::Leaf || !(chains.is_empty() || on_chains.contains(&item)) {
            continue;
        }
        let name = certificate.normalised_subject.as_str();
        let group = by_name.entry(name).or_default();
        if group.is_empty() {
            order.push(name);
        }
        group.push((item, certificate));
    }
    let mut found = Vec::new();
    for name in order {
        let mut group = by_name.remove(name).unwrap_or_default();
        if group.len() < 2 {
            continue;
        }
        // The platform keeps the later notBefore (stable: the first given among equals).
        crate::order::sort_by_key(&mut group, |(_, certificate)| {
            std::cmp::Reverse(certificate.info.validity.not_before_unix)
        });
        let key_of = |item: usize| {
            group.iter().find(|(candidate, _)| *candidate == item).map(|(_, c)| &c.spki_der)
        };
        // Each use of the name on a chain: the certificate below it and the variant it went through.
        let uses: Vec<(usize, usize)> = chains
            .iter()
            .flat_map(|chain| chain.path.windows(2).map(|pair| (pair[0], pair[1])))
            .filter(|(_, issuer)| key_of(*issuer).is_some())
            .collect();
        let serves = |keep: usize| uses.iter().all(|(_, used)| key_of(*used) == key_of(keep));
        let current = |certificate: &Certificate| {
            let validity = &certificate.info.validity;
            validity.not_before_unix <= at && at <= validity.not_after_unix
        };
        // Among those serving every chain: the one the chains go through (its own issuer is on
        // them too), then one valid at the check date, then the platform's order.
        let used = |item: usize| uses.iter().filter(|(_, used)| *used == item).count();
        let chosen = group
            .iter()
            .filter(|(item, _)| serves(*item))
            .min_by_key(|(item, certificate)| {
                (std::cmp::Reverse(used(*item)), !current(certificate))
            })
            .map(|(item, _)| *item);
        let (keep, serves_all) = match chosen {
            Some(item) => (item, true),
            None => (group[0].0, false),
        };
        let mut stranded: Vec<usize> = uses
            .iter()
            .filter(|(_, used)| key_of(*used) != key_of(keep))
            .map(|(below, _)| *below)
            .collect();
        crate::order::sort(&mut stranded);
        stranded.dedup();
        found.push(SameSubject {
            variants: group.iter().map(|(item, _)| *item).collect(),
            keep,
            serves_all,
            stranded,
        });
    }
    found
}
