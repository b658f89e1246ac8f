//! From ingested objects to the facts the rules look at: items with their kinds, parsed
//! certificates and CSRs (duplicates removed), and the deployment context.

use std::collections::HashMap;

use serde::Serialize;

use crate::chain::{self, Chain, Chains, End, Engine};
use crate::deployment::roles::{self, Kind, Role};
use crate::deployment::Context;
use crate::error::InputError;
use crate::i18n::Lang;
use crate::input::pfx::Pkcs12Error;
use crate::input::{Ingested, Object, Origin};
use crate::x509::certificate::{Certificate, CertificateInfo};
use crate::x509::csr::{Csr, CsrInfo};
use crate::x509::verify::{Request, SignatureError};

pub mod end_state;
pub mod same_subject;
pub mod verdict;

use end_state::EndState;

/// What an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    /// An X.509 certificate.
    Certificate,
    /// A PKCS#10 request.
    Csr,
    /// A private key (never shown).
    PrivateKey,
    /// A PKCS#12 file.
    Pkcs12,
    /// Not readable.
    Garbage,
}

fn der_digest(der: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(der).into()
}

/// What became of a PKCS#12 file: opened, or why not (`state` names which, in the JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Pkcs12State {
    /// Opened: its certificates follow it as items; its keys were counted, not decrypted.
    Opened {
        /// Certificates read.
        certificates: usize,
        /// Private keys found.
        keys: usize,
    },
    /// Not opened: no password was given and the empty one does not open it.
    PasswordNeeded,
    /// Not opened: the password given does not open it.
    WrongPassword,
    /// Not opened: it uses an algorithm not supported here.
    Unsupported {
        /// Which, in the report's language.
        detail: String,
    },
    /// Not opened: its structure is damaged.
    Damaged {
        /// Where, in the report's language.
        detail: String,
    },
}

impl Pkcs12State {
    fn failed(error: &Pkcs12Error, lang: Lang) -> Pkcs12State {
        match error {
            Pkcs12Error::PasswordNeeded => Pkcs12State::PasswordNeeded,
            Pkcs12Error::WrongPassword => Pkcs12State::WrongPassword,
            Pkcs12Error::Unsupported(_) | Pkcs12Error::OverLimit { .. } => {
                Pkcs12State::Unsupported { detail: error.message(lang) }
            }
            Pkcs12Error::Damaged { .. } => Pkcs12State::Damaged { detail: error.message(lang) },
            // Never reported: the analysis is undecided and the full module opens it.
            Pkcs12Error::NotInThisBuild => Pkcs12State::PasswordNeeded,
        }
    }
}

/// One object found in the inputs, as reported.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    /// Position in the report's item list.
    pub index: usize,
    /// Where it came from.
    pub origin: Origin,
    /// What it is.
    pub kind: ItemKind,
    /// The certificate's facts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate: Option<CertificateInfo>,
    /// The CSR's facts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub csr: Option<CsrInfo>,
    /// The private key's form (only the form: the PEM label or the ASN.1 type: `RSA PRIVATE KEY`, `PKCS#8 PrivateKeyInfo`...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_form: Option<String>,
    /// What is wrong with a garbage item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// For PKCS#12 files: whether it was opened, and what it held or why not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pkcs12: Option<Pkcs12State>,
    /// Index of the first item holding the same certificate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<usize>,
    /// A name for the item in messages: CN and short fingerprint, or the origin.
    pub label: String,
    /// For certificates: root, intermediate or leaf, its store and node.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// For certificates: where the upload plan puts it, or why it does not (set with the plan).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upload: Option<Upload>,
}

/// Where the upload plan puts one certificate, in its own terms: the stores and nodes its steps
/// upload it to, or why none does. The card shows this, so it never says otherwise than the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Upload {
    /// `(node, store)` of every step that uploads it.
    pub stores: Vec<(String, crate::deployment::roles::Store)>,
    /// In words: where it goes, or why it is not uploaded.
    pub text: String,
}

/// Everything the rules look at.
#[derive(Debug)]
pub struct Analysis {
    /// Every item, in input order.
    pub items: Vec<Item>,
    /// Unique certificates, with their item index.
    pub certificates: Vec<(usize, Certificate)>,
    /// CSRs, with their item index.
    pub csrs: Vec<(usize, Csr)>,
    /// The role of each unique certificate, parallel to `certificates`.
    pub roles: Vec<Role>,
    /// Inputs where binary DER was decoded.
    pub der_inputs: Vec<String>,
    /// PKCS#7 bundles unpacked, with their certificate counts.
    pub pkcs7_bundles: Vec<(Origin, usize)>,
    /// A limit that stopped reading.
    pub truncated: Option<InputError>,
    /// The deployment context.
    pub context: Context,
    /// The chains built from the certificates.
    pub chains: Chains,
    /// The language of the report.
    pub lang: Lang,
    /// Which certificate each node will present once the plan is done.
    pub end_state: EndState,
    /// Names held by two or more CA certificates a plan would upload to one store (one is kept).
    pub same_subject: Vec<same_subject::SameSubject>,
    /// How many CA certificates (roots and intermediates) the pile holds.
    ca_count: usize,
    /// A signature the platform did not accept and this build cannot check (one without the
    /// verifiers: the page's first module), or a PKCS#12 file it cannot open: these facts are
    /// incomplete, and the report must come from the full module.
    pub undecided: bool,
}

/// An analysis whose signatures are not checked yet: every object is parsed and the signatures
/// the facts depend on are known — the candidate issuer → child links, the self-signatures that
/// decide whether a self-issued certificate is self-signed (when its key ids do not), each CSR's
/// own — so a platform verifier (the browser's WebCrypto) can check them first
/// ([`Pending::requests`]); [`Pending::finish`] builds the rest, verifying here every one the
/// platform did not accept.
pub struct Pending {
    analysis: Analysis,
    /// `(child, issuer)` positions in `analysis.certificates`.
    links: Vec<(usize, usize)>,
    /// Positions of the self-issued certificates whose own signature decides `self_signed`.
    own: Vec<usize>,
}

impl Pending {
    /// The signatures a platform verifier may check first, each with its number (what
    /// [`Pending::finish`] takes back for those it accepted): the links, then the
    /// self-signatures, then the CSRs'.
    pub fn requests(&self) -> Vec<(usize, Request)> {
        let certificates = &self.analysis.certificates;
        let links = self.links.iter().map(|&(child, issuer)| {
            certificates[child].1.signature_request(&certificates[issuer].1)
        });
        let own = self.own.iter().map(|&position| {
            let certificate = &certificates[position].1;
            certificate.signature_request(certificate)
        });
        let csrs = self.analysis.csrs.iter().map(|(_, csr)| csr.signature_request());
        links
            .chain(own)
            .chain(csrs)
            .enumerate()
            .filter_map(|(at, request)| Some((at, request?)))
            .collect()
    }

    /// The analysis, with the links numbered in `accepted` taken as verified.
    #[inline(never)] // a stage of the check, its own wasm function: see `report::report`
    pub fn finish(self, accepted: &[usize]) -> Analysis {
        let mut analysis = self.analysis;
        let (links, own) = (self.links.len(), self.own.len());
        let mut own_accepted = vec![false; own];
        let mut csr_accepted = vec![false; analysis.csrs.len()];
        for &at in accepted {
            if let Some(flag) = at.checked_sub(links).and_then(|at| own_accepted.get_mut(at)) {
                *flag = true;
            } else if let Some(flag) =
                at.checked_sub(links + own).and_then(|at| csr_accepted.get_mut(at))
            {
                *flag = true;
            }
        }
        // Self-signed or not, by item: the certificate's own item and the copies of it that carry
        // its facts (the same certificate with bytes after it) show the decision too.
        let mut decided: HashMap<usize, bool> = HashMap::new();
        for (&position, accepted) in self.own.iter().zip(own_accepted) {
            let (index, certificate) = &mut analysis.certificates[position];
            let check = if accepted { Ok(()) } else { certificate.verify_signed_by(certificate) };
            analysis.undecided |= check == Err(SignatureError::NoVerifier);
            certificate.info.self_signed = certificate.self_signed_given(check);
            decided.insert(*index, certificate.info.self_signed);
        }
        if !decided.is_empty() {
            for item in &mut analysis.items {
                let Some(&self_signed) = decided.get(&item.duplicate_of.unwrap_or(item.index))
                else {
                    continue;
                };
                if let Some(info) = item.certificate.as_mut() {
                    info.self_signed = self_signed;
                }
            }
        }
        let lang = analysis.lang;
        for ((index, csr), accepted) in analysis.csrs.iter_mut().zip(csr_accepted) {
            let check = if accepted { Ok(()) } else { csr.verify_own_signature() };
            analysis.undecided |= check == Err(SignatureError::NoVerifier);
            csr.settle(check, lang);
            analysis.items[*index].csr = Some(csr.info.clone());
        }
        // One engine for roles and chains: each issuer → child signature is verified once.
        let at = analysis.context.at;
        let engine = Engine::new(&analysis.certificates);
        engine.confirm(accepted.iter().filter_map(|&at| self.links.get(at).copied()));
        let issuing = engine.issuing();
        let roles = roles::assign(&analysis.certificates, &analysis.csrs, &analysis.context);
        let chains =
            chain::build(&engine, &issuing, &|position| roles[position].kind == Kind::Leaf, at);
        analysis.undecided |= engine.undecided();
        drop(engine);
        for ((index, _), role) in analysis.certificates.iter().zip(&roles) {
            analysis.items[*index].role = Some(role.clone());
        }
        analysis.ca_count = roles.iter().filter(|role| role.kind != Kind::Leaf).count();
        analysis.roles = roles;
        analysis.chains = chains;
        analysis.end_state = end_state::build(analysis.leaves(), &analysis.context);
        let presented: Vec<&Chain> = analysis
            .chains
            .chains
            .iter()
            .filter(|chain| {
                analysis.end_state.presented.is_empty()
                    || chain.path.first().is_some_and(|&item| analysis.end_state.is_presented(item))
            })
            .collect();
        let same = same_subject::find(analysis.certificates_with_roles(), &presented, at);
        analysis.same_subject = same;
        analysis
    }
}

impl Analysis {
    /// Build the facts from what ingestion found (every signature verified here).
    pub fn new(ingested: Ingested, context: Context, lang: Lang) -> Analysis {
        Analysis::pending(ingested, context, lang).finish(&[])
    }

    /// Parse what ingestion found; the signatures between certificates are left for
    /// [`Pending::finish`].
    #[inline(never)] // a stage of the check, its own wasm function: see `report::report`
    pub fn pending(ingested: Ingested, context: Context, lang: Lang) -> Pending {
        let mut analysis = Analysis {
            items: Vec::with_capacity(ingested.objects.len()),
            certificates: Vec::new(),
            csrs: Vec::new(),
            roles: Vec::new(),
            der_inputs: ingested.der_inputs,
            pkcs7_bundles: ingested.pkcs7_bundles,
            truncated: ingested.truncated,
            context,
            chains: Chains::default(),
            lang,
            end_state: EndState::default(),
            same_subject: Vec::new(),
            ca_count: 0,
            undecided: false,
        };
        let mut own_signature = Vec::new();
        // The first item of each certificate, by SHA-256 of the input bytes and of the
        // certificate's own DER (they differ only when bytes trail the certificate).
        let mut seen: HashMap<[u8; 32], usize> = HashMap::new();
        for found in ingested.objects {
            let index = analysis.items.len();
            let mut item = Item {
                index,
                label: found.origin.describe_in(lang),
                origin: found.origin,
                kind: ItemKind::Garbage,
                certificate: None,
                csr: None,
                key_form: None,
                error: None,
                duplicate_of: None,
                role: None,
                pkcs12: None,
                upload: None,
            };
            let digest = match &found.object {
                Object::Certificate(der) => der_digest(der),
                _ => [0; 32],
            };
            match found.object {
                // The same certificate again: reuse what the first copy gave (a pile of duplicates
                // must not re-verify every self-signature).
                Object::Certificate(_) if seen.contains_key(&digest) => {
                    let first = seen[&digest];
                    let original = &analysis.items[first];
                    item.kind = ItemKind::Certificate;
                    // Only the label: the facts are on the first copy's item.
                    item.label = original.label.clone();
                    item.duplicate_of = Some(first);
                }
                Object::Certificate(der) => match Certificate::parse_digested(&der, Some(digest)) {
                    Ok(mut certificate) => {
                        let decided = certificate.self_signed_by_key_ids();
                        certificate.info.self_signed = decided.unwrap_or(false);
                        item.kind = ItemKind::Certificate;
                        item.label = certificate.label();
                        item.certificate = Some(certificate.info.clone());
                        let own = if certificate.der.len() == der.len() {
                            digest
                        } else {
                            der_digest(&certificate.der)
                        };
                        let first = *seen.entry(own).or_insert(index);
                        seen.entry(digest).or_insert(first);
                        if first == index {
                            if decided.is_none() {
                                own_signature.push(analysis.certificates.len());
                            }
                            analysis.certificates.push((index, certificate));
                        } else {
                            item.duplicate_of = Some(first);
                        }
                    }
                    Err(error) => item.error = Some(error.message(lang)),
                },
                // Its signature is checked in `Pending::finish` (the item's facts are set there).
                Object::Csr(der) => match Csr::parse(&der) {
                    Ok(csr) => {
                        item.kind = ItemKind::Csr;
                        item.label = format!("CSR {}", csr.display_name());
                        item.csr = Some(csr.info.clone());
                        analysis.csrs.push((index, csr));
                    }
                    Err(error) => item.error = Some(error.message(lang)),
                },
                Object::PrivateKey { form } => {
                    item.kind = ItemKind::PrivateKey;
                    item.key_form = Some(form);
                }
                Object::Pkcs12(outcome) => {
                    item.kind = ItemKind::Pkcs12;
                    analysis.undecided |= matches!(outcome, Err(Pkcs12Error::NotInThisBuild));
                    item.pkcs12 = Some(match outcome {
                        Ok(contents) => Pkcs12State::Opened {
                            certificates: contents.certificates,
                            keys: contents.keys,
                        },
                        Err(error) => Pkcs12State::failed(&error, lang),
                    });
                }
                Object::Garbage(error) => item.error = Some(error.message(lang)),
            }
            analysis.items.push(item);
        }
        let links = Engine::new(&analysis.certificates).candidate_links();
        Pending { analysis, links, own: own_signature }
    }

    /// Whether `chain` stops at a missing issuer while other CA certificates were given that are
    /// not on it: an intermediate is missing between them (not just the root above).
    pub fn missing_intermediate(&self, chain: &Chain) -> bool {
        if !matches!(chain.end, End::MissingIssuer { .. }) {
            return false;
        }
        let on_chain = chain
            .path
            .iter()
            .filter(|&&item| {
                self.certificate_with_role(item).is_some_and(|(_, role)| role.kind != Kind::Leaf)
            })
            .count();
        on_chain < self.ca_count
    }

    /// The CA certificate a plan uploads in place of `item`: the variant kept for its name when
    /// several CA certificates share it (a trust store holds one per name), else `item` itself.
    pub fn kept_variant(&self, item: usize) -> usize {
        self.same_subject
            .iter()
            .find(|same| same.variants.contains(&item))
            .map_or(item, |same| same.keep)
    }

    /// The CA certificates an upload plan puts in tomcat-trust: those on the chains of the
    /// certificates the nodes present (every CA certificate when none is presented), each name
    /// once (its kept variant), without the expired ones (left out, with the reason).
    pub fn planned_authorities(&self) -> Vec<usize> {
        let at = self.context.at;
        let none_presented = self.end_state.presented.is_empty();
        let mut out: Vec<usize> = Vec::new();
        let add = |item: usize, out: &mut Vec<usize>| {
            let item = self.kept_variant(item);
            let Some((certificate, role)) = self.certificate_with_role(item) else { return };
            let current = certificate.info.validity.not_after_unix >= at;
            if role.kind != Kind::Leaf && current && !out.contains(&item) {
                out.push(item);
            }
        };
        for chain in &self.chains.chains {
            let presented =
                chain.path.first().is_some_and(|&item| self.end_state.is_presented(item));
            if none_presented || presented {
                for &item in chain.path.iter().skip(1) {
                    add(item, &mut out);
                }
            }
        }
        if none_presented && self.chains.chains.is_empty() {
            for (item, certificate, role) in self.certificates_with_roles() {
                if role.kind == Kind::Root && certificate.is_ca() {
                    add(item, &mut out);
                }
            }
        }
        out
    }

    /// The label of item `index` (CN and short fingerprint, or where it came from).
    pub fn label(&self, index: usize) -> String {
        self.items.get(index).map(|item| item.label.clone()).unwrap_or_default()
    }

    /// Every unique certificate with its item index and role.
    pub fn certificates_with_roles(&self) -> impl Iterator<Item = (usize, &Certificate, &Role)> {
        self.certificates.iter().zip(&self.roles).map(|((index, cert), role)| (*index, cert, role))
    }

    /// The server (leaf) certificates with their item index and role.
    pub fn leaves(&self) -> impl Iterator<Item = (usize, &Certificate, &Role)> {
        self.certificates_with_roles().filter(|(_, _, role)| role.kind == Kind::Leaf)
    }

    /// The CSR held by item `index` (`csrs` is in item order).
    pub fn csr(&self, index: usize) -> Option<&Csr> {
        let at = self.csrs.binary_search_by_key(&index, |(item, _)| *item).ok()?;
        Some(&self.csrs[at].1)
    }

    /// The certificate held by item `index`, if it is a (unique) certificate.
    pub fn certificate(&self, index: usize) -> Option<&Certificate> {
        self.certificate_with_role(index).map(|(certificate, _)| certificate)
    }

    /// The certificate held by item `index` and its role (`certificates` is in item order).
    pub fn certificate_with_role(&self, index: usize) -> Option<(&Certificate, &Role)> {
        let at = self.certificates.binary_search_by_key(&index, |(item, _)| *item).ok()?;
        Some((&self.certificates[at].1, self.roles.get(at)?))
    }
}
