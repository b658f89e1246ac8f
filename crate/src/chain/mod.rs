//! The chain engine: from any pile of certificates (any order, duplicates, cross-signed variants,
//! unrelated ones) to one chain per server certificate, each link checked by signature, and each
//! path by the RFC 5280 rules an issuer must meet. Offline: a missing issuer is named (subject and
//! key id) so the admin knows what to ask the CA for; AIA is never fetched.

#[cfg(feature = "verifiers")]
pub mod name_constraints;
#[cfg(feature = "verifiers")]
pub mod path_validation;
pub mod profile;

use std::collections::HashMap;

use serde::Serialize;

use crate::x509::certificate::Certificate;
use crate::x509::verify::SignatureError;

/// Most certificates in one chain (leaf included); longer candidate paths are not followed.
pub const MAX_CHAIN_DEPTH: usize = 12;
/// Most candidate paths tried for one chain; piles with many same-named CAs stop here.
pub const MAX_PATHS_PER_CHAIN: usize = 256;
/// Most candidate issuers considered for one certificate (those with a matching key id first).
pub const MAX_CANDIDATES: usize = 16;

/// How one certificate links to a candidate issuer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum LinkStatus {
    /// The issuer's key verifies the signature.
    Verified,
    /// The issuer's key does not verify it.
    BadSignature,
    /// The algorithm cannot be verified here; never treated as valid.
    Unverifiable {
        /// The algorithm's name.
        algorithm: String,
    },
    /// Not decided: a build without verifiers, and the platform did not accept it (the report
    /// is then made by the full module instead).
    Undecided,
}

/// How a chain ends.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum End {
    /// At a self-signed root among the inputs.
    Root,
    /// At a certificate whose issuer is not among the inputs.
    MissingIssuer {
        /// The issuer's distinguished name.
        issuer: String,
        /// The issuer's key id (the top certificate's authorityKeyIdentifier), when present.
        key_id: Option<String>,
    },
    /// The chain is longer than [`MAX_CHAIN_DEPTH`]; the rest was not followed.
    TooLong {
        /// The limit.
        limit: usize,
    },
    /// At a certificate whose only candidate issuers do not verify its signature.
    BadSignature {
        /// Item index of the candidate issuer that failed.
        issuer: usize,
    },
}

/// Something wrong with an issuer on the path (RFC 5280 6.1.4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PathProblem {
    /// The issuer is not a CA (no basicConstraints cA=TRUE).
    IssuerNotCa {
        /// Item index of the issuer.
        item: usize,
    },
    /// More intermediates below the issuer than its pathLenConstraint allows.
    PathLenExceeded {
        /// Item index of the issuer.
        item: usize,
        /// Its pathLenConstraint.
        allowed: u32,
        /// Intermediates below it (self-issued ones not counted).
        below: usize,
    },
    /// The issuer's keyUsage lacks keyCertSign.
    NoKeyCertSign {
        /// Item index of the issuer.
        item: usize,
    },
    /// A signature on the path could not be verified (unsupported algorithm).
    Unverifiable {
        /// Item index of the certificate whose signature is unverified.
        item: usize,
        /// The algorithm.
        algorithm: String,
    },
}

/// One chain, from a server certificate (or the lowest CA when no server certificate was given)
/// up as far as the inputs allow.
#[derive(Clone, Debug, Serialize)]
pub struct Chain {
    /// Item indices, the start first, the top last.
    pub path: Vec<usize>,
    /// How it ends.
    pub end: End,
    /// Problems with issuers on the path.
    pub problems: Vec<PathProblem>,
    /// Complete and every link valid ([`Chain::is_ok`]): what every screen calls "complete".
    pub complete: bool,
}

impl Chain {
    /// Complete (ends at a given root), every signature verified, no path problem.
    pub fn is_ok(&self) -> bool {
        self.end == End::Root && self.problems.is_empty() && self.path.len() > 1
    }
}

/// What the engine found in a pile.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Chains {
    /// One chain per starting certificate.
    pub chains: Vec<Chain>,
    /// Certificates on no chain that neither issue nor are issued by any other input.
    pub unrelated: Vec<usize>,
    /// Certificates on no chain that share subject and key with one on a chain
    /// (a cross-signed variant): (variant, the one used).
    pub variants: Vec<(usize, usize)>,
}

/// One candidate path while searching.
struct Candidate {
    path: Vec<usize>,
    end: End,
    unverified: Vec<(usize, String)>,
}

/// Work on the unique certificates (`(item index, certificate)`); `starts` says which positions
/// start a chain (server certificates, or the lowest CAs when none).
pub struct Engine<'a> {
    certificates: &'a [(usize, Certificate)],
    by_subject: HashMap<&'a str, Vec<usize>>,
    links: std::cell::RefCell<HashMap<(usize, usize), LinkStatus>>,
}

impl<'a> Engine<'a> {
    /// Index the pile.
    pub fn new(certificates: &'a [(usize, Certificate)]) -> Self {
        let mut by_subject: HashMap<&str, Vec<usize>> = HashMap::new();
        for (position, (_, certificate)) in certificates.iter().enumerate() {
            by_subject.entry(certificate.normalised_subject.as_str()).or_default().push(position);
        }
        Engine { certificates, by_subject, links: Default::default() }
    }

    fn cert(&self, position: usize) -> &Certificate {
        &self.certificates[position].1
    }

    fn item(&self, position: usize) -> usize {
        self.certificates[position].0
    }

    /// The link status of `child` to `issuer`, computed once.
    pub fn link(&self, child: usize, issuer: usize) -> LinkStatus {
        if let Some(status) = self.links.borrow().get(&(child, issuer)) {
            return status.clone();
        }
        let status = link_status(self.cert(child), self.cert(issuer));
        self.links.borrow_mut().insert((child, issuer), status.clone());
        status
    }

    /// Verify many links at once, before they are asked for: natively on every core (signature
    /// checks are most of the work on a big pile); in wasm one by one (the page's worker).
    fn verify_all(&self, links: &[(usize, usize)]) {
        #[cfg(not(target_arch = "wasm32"))]
        {
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
            if threads > 1 && links.len() >= 2 * MIN_LINKS_PER_THREAD {
                let certificates = self.certificates;
                let chunk = links.len().div_ceil(threads).max(MIN_LINKS_PER_THREAD);
                let results: Vec<Vec<LinkStatus>> = std::thread::scope(|scope| {
                    let workers: Vec<_> = links
                        .chunks(chunk)
                        .map(|part| {
                            scope.spawn(move || {
                                part.iter()
                                    .map(|&(child, issuer)| {
                                        link_status(&certificates[child].1, &certificates[issuer].1)
                                    })
                                    .collect()
                            })
                        })
                        .collect();
                    // A worker that failed leaves its links to be verified when asked for.
                    workers.into_iter().map(|worker| worker.join().unwrap_or_default()).collect()
                });
                let mut cache = self.links.borrow_mut();
                for (part, statuses) in links.chunks(chunk).zip(results) {
                    for (&link, status) in part.iter().zip(statuses) {
                        cache.insert(link, status);
                    }
                }
                return;
            }
        }
        for &(child, issuer) in links {
            self.link(child, issuer);
        }
    }

    /// Candidate issuers of `child`: same name; when both key ids are present they must agree.
    /// Those whose key id matches come first.
    fn candidates(&self, child: usize) -> Vec<usize> {
        let certificate = self.cert(child);
        let aki = certificate.info.authority_key_id.as_deref();
        let mut found: Vec<usize> = self
            .by_subject
            .get(certificate.normalised_issuer.as_str())
            .into_iter()
            .flatten()
            .copied()
            .filter(|&issuer| issuer != child)
            .filter(|&issuer| match (aki, self.cert(issuer).info.subject_key_id.as_deref()) {
                (Some(aki), Some(ski)) => aki == ski,
                _ => true,
            })
            .collect();
        crate::order::sort_by_key(&mut found, |&issuer| {
            self.cert(issuer).info.subject_key_id.as_deref() != aki || aki.is_none()
        });
        // Many same-named CAs without key ids would mean a signature check for every pair.
        found.truncate(MAX_CANDIDATES);
        found
    }

    /// Whether `position` is a self-signed certificate (a root when it is a CA).
    fn is_root(&self, position: usize) -> bool {
        self.cert(position).info.self_signed
    }

    /// The best chain from `start`, judged at `at` (Unix seconds). Whatever the order of the
    /// pile, as browsers choose: a path that reaches a root, every signature verified, fewer
    /// RFC 5280 problems, fewer certificates expired (or not yet valid) at `at`, fewer SHA-1/MD5
    /// signatures on issued certificates, shorter, then the one that stays valid longest; a tie
    /// beyond that goes by fingerprints, so swapping two certificates in a file never changes it.
    pub fn build(&self, start: usize, at: i64) -> Chain {
        type Score<'s> =
            (bool, bool, usize, usize, usize, usize, std::cmp::Reverse<i64>, Vec<&'s str>);
        let mut best: Option<(Candidate, Score<'_>)> = None;
        let mut budget = MAX_PATHS_PER_CHAIN;
        let mut path = vec![start];
        let mut unverified = Vec::new();
        self.search(&mut path, &mut unverified, &mut budget, &mut |candidate| {
            let problems = self.problems(&candidate).len();
            let certificates = || candidate.path.iter().map(|&position| self.cert(position));
            let out_of_date = certificates()
                .filter(|certificate| {
                    let validity = &certificate.info.validity;
                    validity.not_after_unix < at || validity.not_before_unix > at
                })
                .count();
            // A root's own signature is never checked: only issued certificates count.
            let weak = certificates()
                .filter(|certificate| !certificate.info.self_signed)
                .filter(|certificate| weak_hash(certificate))
                .count();
            let ends =
                certificates().map(|certificate| certificate.info.validity.not_after_unix).min();
            let score = (
                candidate.end != End::Root,
                !candidate.unverified.is_empty(),
                problems,
                out_of_date,
                weak,
                candidate.path.len(),
                std::cmp::Reverse(ends.unwrap_or(i64::MIN)),
                candidate
                    .path
                    .iter()
                    .map(|&position| self.cert(position).info.fingerprints.sha256.as_str())
                    .collect(),
            );
            if best.as_ref().is_none_or(|(_, best_score)| score < *best_score) {
                best = Some((candidate, score));
            }
        });
        let candidate = match best {
            Some((candidate, _)) => candidate,
            None => {
                Candidate { path: vec![start], end: self.missing(start), unverified: Vec::new() }
            }
        };
        let problems = self.problems(&candidate);
        let mut chain = Chain {
            path: candidate.path.iter().map(|&position| self.item(position)).collect(),
            end: match candidate.end {
                End::BadSignature { issuer } => End::BadSignature { issuer: self.item(issuer) },
                other => other,
            },
            problems,
            complete: false,
        };
        chain.complete = chain.is_ok();
        chain
    }

    fn missing(&self, top: usize) -> End {
        let certificate = self.cert(top);
        End::MissingIssuer {
            issuer: certificate.info.issuer.clone(),
            key_id: certificate.info.authority_key_id.clone(),
        }
    }

    fn search(
        &self,
        path: &mut Vec<usize>,
        unverified: &mut Vec<(usize, String)>,
        budget: &mut usize,
        found: &mut dyn FnMut(Candidate),
    ) {
        if *budget == 0 {
            return;
        }
        let Some(&top) = path.last() else { return };
        let finish = |end: End, unverified: &Vec<(usize, String)>, path: &Vec<usize>| Candidate {
            path: path.clone(),
            end,
            unverified: unverified.clone(),
        };
        if self.is_root(top) && (path.len() > 1 || self.cert(top).is_ca()) {
            *budget -= 1;
            found(finish(End::Root, unverified, path));
            return;
        }
        let candidates = self.candidates(top);
        let mut extended = false;
        let mut bad_issuer = None;
        let mut too_deep = false;
        for issuer in candidates {
            if path.contains(&issuer) {
                continue; // a loop (A signs B signs A)
            }
            if path.len() >= MAX_CHAIN_DEPTH {
                too_deep = true;
                continue;
            }
            match self.link(top, issuer) {
                LinkStatus::BadSignature => {
                    bad_issuer.get_or_insert(issuer);
                    continue;
                }
                LinkStatus::Unverifiable { algorithm } => unverified.push((top, algorithm)),
                // Undecided: this report is replaced by the full module's.
                LinkStatus::Verified | LinkStatus::Undecided => {}
            }
            extended = true;
            path.push(issuer);
            self.search(path, unverified, budget, found);
            path.pop();
            if unverified.last().is_some_and(|(child, _)| *child == top) {
                unverified.pop();
            }
        }
        if !extended {
            *budget = budget.saturating_sub(1);
            let end = match bad_issuer {
                _ if too_deep => End::TooLong { limit: MAX_CHAIN_DEPTH },
                Some(issuer) => End::BadSignature { issuer },
                None => self.missing(top),
            };
            found(finish(end, unverified, path));
        }
    }

    /// RFC 5280 6.1.4 checks on each issuer of the path.
    fn problems(&self, candidate: &Candidate) -> Vec<PathProblem> {
        let mut problems = Vec::new();
        let mut below = 0usize;
        for (depth, &position) in candidate.path.iter().enumerate().skip(1) {
            let certificate = self.cert(position);
            let info = &certificate.info;
            let item = self.item(position);
            // A version 1 self-signed root carries no extensions at all; it is accepted as a
            // trust anchor by the stores, so it is not judged by basicConstraints.
            let v1_root = info.version < 3 && info.self_signed;
            if !certificate.is_ca() && !v1_root {
                problems.push(PathProblem::IssuerNotCa { item });
            }
            if let Some(usages) = &info.key_usage {
                if !usages.iter().any(|usage| usage == "keyCertSign") {
                    problems.push(PathProblem::NoKeyCertSign { item });
                }
            }
            if let Some(allowed) = info.basic_constraints.as_ref().and_then(|bc| bc.path_len) {
                if below > allowed as usize {
                    problems.push(PathProblem::PathLenExceeded { item, allowed, below });
                }
            }
            // The issuer just checked counts for those above it, unless it is self-issued.
            if depth + 1 < candidate.path.len() && !info.self_issued {
                below += 1;
            }
        }
        for (position, algorithm) in &candidate.unverified {
            problems.push(PathProblem::Unverifiable {
                item: self.item(*position),
                algorithm: algorithm.clone(),
            });
        }
        problems
    }
}

/// Signed with MD5 or SHA-1 (browsers refuse such signatures on issued certificates).
pub fn weak_hash(certificate: &Certificate) -> bool {
    use crate::x509::verify::{Hash, SignatureAlgorithm};
    matches!(
        SignatureAlgorithm::from_oid(&certificate.signature_oid).hash(),
        Some(Hash::Sha1 | Hash::Md5)
    )
}

/// Links one thread verifies at least (fewer are not worth a thread).
#[cfg(not(target_arch = "wasm32"))]
const MIN_LINKS_PER_THREAD: usize = 64;

/// Whether `issuer` signed `child`.
fn link_status(child: &Certificate, issuer: &Certificate) -> LinkStatus {
    match child.verify_signed_by(issuer) {
        Ok(()) => LinkStatus::Verified,
        Err(SignatureError::Unsupported(algorithm)) => LinkStatus::Unverifiable { algorithm },
        Err(SignatureError::Invalid | SignatureError::BadKey) => LinkStatus::BadSignature,
        Err(SignatureError::NoVerifier) => LinkStatus::Undecided,
    }
}

/// Which certificates of the pile issue another one, from the engine's (cached) links.
#[derive(Debug, Default)]
pub struct Issuing {
    /// Issues another one, verified or unverifiable (not a bad signature).
    pub possible: Vec<bool>,
    /// Issued by another certificate of the pile (verified or unverifiable).
    pub issued: Vec<bool>,
}

impl Engine<'_> {
    /// Every candidate issuer → child link of the pile, as `(child, issuer)` positions: the
    /// signatures the chains may need, in a fixed order (the same pile gives the same list).
    pub fn candidate_links(&self) -> Vec<(usize, usize)> {
        (0..self.certificates.len())
            .flat_map(|child| self.candidates(child).into_iter().map(move |issuer| (child, issuer)))
            .collect()
    }

    /// The `(child, issuer)` positions whose signature a platform verifier (the browser's
    /// WebCrypto) accepted: taken as verified. Links it did not accept are verified here.
    pub fn confirm(&self, accepted: impl IntoIterator<Item = (usize, usize)>) {
        let mut cache = self.links.borrow_mut();
        for link in accepted {
            cache.insert(link, LinkStatus::Verified);
        }
    }

    /// Whether a link this build could not decide was needed (see [`LinkStatus::Undecided`]).
    pub fn undecided(&self) -> bool {
        self.links.borrow().values().any(|status| *status == LinkStatus::Undecided)
    }

    /// The certificate at `position` (for describing a link to a platform verifier).
    pub fn certificate(&self, position: usize) -> &Certificate {
        self.cert(position)
    }

    /// Who issues whom in the pile: each child against its candidate issuers, once.
    pub fn issuing(&self) -> Issuing {
        let count = self.certificates.len();
        let mut issuing = Issuing { possible: vec![false; count], issued: vec![false; count] };
        let candidates: Vec<Vec<usize>> = (0..count).map(|child| self.candidates(child)).collect();
        let links: Vec<(usize, usize)> = candidates
            .iter()
            .enumerate()
            .flat_map(|(child, issuers)| issuers.iter().map(move |&issuer| (child, issuer)))
            .filter(|link| !self.links.borrow().contains_key(link))
            .collect();
        self.verify_all(&links);
        for (child, issuers) in candidates.into_iter().enumerate() {
            for issuer in issuers {
                match self.link(child, issuer) {
                    LinkStatus::BadSignature => {}
                    _ => {
                        issuing.possible[issuer] = true;
                        issuing.issued[child] = true;
                    }
                }
            }
        }
        issuing
    }
}

/// Build every chain of the pile. `is_server` tells which certificates are server certificates.
#[inline(never)] // a stage of the check, its own wasm function: see `report::report`
pub fn build(
    engine: &Engine<'_>,
    issuing: &Issuing,
    is_server: &dyn Fn(usize) -> bool,
    at: i64,
) -> Chains {
    let count = engine.certificates.len();
    let (issues_some, issued) = (&issuing.possible, &issuing.issued);
    let servers: Vec<usize> = (0..count).filter(|&position| is_server(position)).collect();
    let starts: Vec<usize> = if servers.is_empty() {
        // Only CA certificates: start from those that issue none of the others and are not roots.
        (0..count).filter(|&position| !issues_some[position] && !engine.is_root(position)).collect()
    } else {
        servers
    };
    let mut chains = Vec::new();
    for start in starts {
        // A self-signed server certificate is its own chain: nothing to build.
        if engine.cert(start).info.self_signed {
            continue;
        }
        chains.push(engine.build(start, at));
    }
    let on_chain: std::collections::HashSet<usize> =
        chains.iter().flat_map(|chain| chain.path.iter().copied()).collect();
    // Certificates on a chain by (name, key): a certificate off the chain with the same pair is a
    // cross-signed variant.
    let mut by_name_and_key: HashMap<(&str, &[u8]), usize> = HashMap::new();
    for position in 0..count {
        let item = engine.item(position);
        if on_chain.contains(&item) {
            let certificate = engine.cert(position);
            by_name_and_key
                .entry((certificate.normalised_subject.as_str(), certificate.spki_der.as_slice()))
                .or_insert(item);
        }
    }
    let mut unrelated = Vec::new();
    let mut variants = Vec::new();
    for position in 0..count {
        let item = engine.item(position);
        let certificate = engine.cert(position);
        if on_chain.contains(&item) || is_server(position) && certificate.info.self_signed {
            continue;
        }
        match by_name_and_key
            .get(&(certificate.normalised_subject.as_str(), certificate.spki_der.as_slice()))
        {
            Some(&other) => variants.push((item, other)),
            None if !issues_some[position] && !issued[position] => unrelated.push(item),
            None => {}
        }
    }
    Chains { chains, unrelated, variants }
}
