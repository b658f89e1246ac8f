//! Chains: completeness, order, signatures and issuer constraints (seeds 001, 002, 004; RFC 5280).

use super::{Hit, Needs, Rule, Severity};
use crate::analysis::Analysis;
use crate::chain::{Chain, End, PathProblem};
use crate::input::Origin;

/// The chain's certificates by label, start first, joined by arrows.
fn path_text(analysis: &Analysis, chain: &Chain) -> String {
    chain.path.iter().map(|&item| analysis.label(item)).collect::<Vec<_>>().join(" → ")
}

/// The chains that stop at a missing issuer, with whether other CAs were given unlinked.
fn stopped(analysis: &Analysis) -> impl Iterator<Item = (&Chain, bool)> {
    analysis
        .chains
        .chains
        .iter()
        .filter(|chain| matches!(chain.end, End::MissingIssuer { .. }))
        .map(|chain| (chain, analysis.missing_intermediate(chain)))
}

/// A complete, verified chain.
pub const OK: Rule = Rule {
    id: "chain.ok",
    severity: Severity::Info,
    title:
        "The certificates form a complete chain leaf → intermediates → root with valid signatures",
    citation: "002_0fb8040ec2c52a7f.txt § Instale Certificados assinados do aplicativo de Tomcat",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .chains
            .chains
            .iter()
            .filter(|chain| chain.is_ok())
            .map(|chain| {
                Hit::on(chain.path[0])
                    .with("path", path_text(analysis, chain))
                    .with("count", chain.path.len().to_string())
            })
            .collect()
    },
};

/// A bundle lists a chain in another order.
pub const ORDER_WRONG: Rule = Rule {
    id: "chain.order_wrong",
    severity: Severity::Warning,
    title: "A bundle lists the chain's certificates out of order; shows the right order",
    citation: "002_0fb8040ec2c52a7f.txt § Instale Certificados assinados do aplicativo de Tomcat; 004_724e4e2f4013d7cd.txt",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let mut hits = Vec::new();
        for chain in &analysis.chains.chains {
            if chain.path.len() < 2 {
                continue;
            }
            // Group the chain's certificates by the input that held them (PKCS#7 is a set: no order).
            let mut sources: Vec<&str> = Vec::new();
            for &item in &chain.path {
                let origin: &Origin = &analysis.items[item].origin;
                if origin.container.is_none() && !sources.contains(&origin.source.as_str()) {
                    sources.push(origin.source.as_str());
                }
            }
            for source in sources {
                // Positions in the chain of this source's certificates, in the order the file lists them.
                let mut listed: Vec<(usize, usize)> = chain
                    .path
                    .iter()
                    .enumerate()
                    .filter(|(_, &item)| {
                        analysis.items[item].origin.source == source
                            && analysis.items[item].origin.container.is_none()
                    })
                    .map(|(depth, &item)| (item, depth))
                    .collect();
                if listed.len() < 2 {
                    continue;
                }
                crate::order::sort(&mut listed);
                let depths: Vec<usize> = listed.iter().map(|(_, depth)| *depth).collect();
                let leaf_first = depths.windows(2).all(|pair| pair[0] < pair[1]);
                let root_first = depths.windows(2).all(|pair| pair[0] > pair[1]);
                if !leaf_first && !root_first {
                    hits.push(
                        Hit::on(chain.path[0])
                            .with("source", source)
                            .with(
                                "given",
                                listed
                                    .iter()
                                    .map(|(item, _)| analysis.label(*item))
                                    .collect::<Vec<_>>()
                                    .join(crate::i18n::phrase("text.list_join", analysis.lang)),
                            )
                            .with("order", path_text(analysis, chain)),
                    );
                }
            }
        }
        hits
    },
};

/// The leaf's issuer is missing while other CA certificates were given: a gap in the chain.
pub const MISSING_INTERMEDIATE: Rule = Rule {
    id: "chain.missing_intermediate",
    severity: Severity::Error,
    title: "An issuer is missing between the given certificates (ask the CA for it: name and key id given)",
    citation: "001_ac2a69aa6a55e92f.txt; 002_0fb8040ec2c52a7f.txt § Instale Certificados assinados do aplicativo de Tomcat",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        stopped(analysis).filter(|(_, gap)| *gap).filter_map(|(chain, _)| missing_hit(analysis, chain)).collect()
    },
};

/// The chain stops below its root.
pub const ROOT_MISSING: Rule = Rule {
    id: "chain.root_missing",
    severity: Severity::Warning,
    title: "The top of the chain is not self-signed: its issuer (the root) must be in tomcat-trust",
    citation: "002_0fb8040ec2c52a7f.txt § Instale Certificados assinados do aplicativo de Tomcat; 004_724e4e2f4013d7cd.txt",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        stopped(analysis)
            .filter(|(_, gap)| !*gap)
            .filter_map(|(chain, _)| missing_hit(analysis, chain))
            .collect()
    },
};

fn missing_hit(analysis: &Analysis, chain: &Chain) -> Option<Hit> {
    let End::MissingIssuer { issuer, key_id } = &chain.end else { return None };
    let top = *chain.path.last()?;
    Some(
        Hit::on(chain.path[0])
            .with("top", analysis.label(top))
            .with("issuer", issuer.clone())
            .with("key_id", key_id.clone().unwrap_or_else(|| "—".into()))
            .with("path", path_text(analysis, chain)),
    )
}

/// Certificates that link to nothing else.
pub const NOT_A_CHAIN: Rule = Rule {
    id: "chain.not_a_chain",
    severity: Severity::Warning,
    title: "A certificate that neither issued nor was issued by any other certificate given",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        // When a chain has a gap, the unlinked CAs are explained by chain.missing_intermediate.
        let gap = stopped(analysis).any(|(_, gap)| gap);
        if gap || analysis.certificates.len() < 2 {
            return Vec::new();
        }
        // A pile of roots alone (a trust store) is not expected to link; beside a server
        // certificate's chain, an unrelated root is worth a look.
        let has_leaf = analysis.leaves().next().is_some();
        let is_root = |item: usize| {
            analysis
                .items
                .get(item)
                .and_then(|item| item.role.as_ref())
                .is_some_and(|role| role.kind == crate::deployment::roles::Kind::Root)
        };
        analysis
            .chains
            .unrelated
            .iter()
            .filter(|&&item| has_leaf || !is_root(item))
            .map(|&item| Hit::on(item))
            .collect()
    },
};

/// A chain longer than the engine follows.
pub const TOO_LONG: Rule = Rule {
    id: "chain.too_long",
    severity: Severity::Warning,
    title: "A chain longer than 12 certificates: the rest was not followed",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .chains
            .chains
            .iter()
            .filter_map(|chain| match chain.end {
                End::TooLong { limit } => Some(
                    Hit::on(chain.path[0])
                        .with("limit", limit.to_string())
                        .with("top", analysis.label(*chain.path.last()?)),
                ),
                _ => None,
            })
            .collect()
    },
};

/// A candidate issuer's key does not verify the signature.
pub const BAD_SIGNATURE: Rule = Rule {
    id: "chain.bad_signature",
    severity: Severity::Error,
    title: "The issuer's key does not verify the certificate's signature",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .chains
            .chains
            .iter()
            .filter_map(|chain| match chain.end {
                End::BadSignature { issuer } => {
                    Some(Hit::on(*chain.path.last()?).with("issuer", analysis.label(issuer)))
                }
                _ => None,
            })
            .collect()
    },
};

fn problem_hits(analysis: &Analysis, select: fn(&PathProblem) -> Option<Hit>) -> Vec<Hit> {
    let mut hits: Vec<Hit> = Vec::new();
    for chain in &analysis.chains.chains {
        for hit in chain.problems.iter().filter_map(select) {
            // The same issuer on several chains is reported once.
            if !hits.iter().any(|seen| seen.item == hit.item) {
                hits.push(hit.with("chain", path_text(analysis, chain)));
            }
        }
    }
    hits
}

/// An issuer that is not a CA.
pub const ISSUER_NOT_CA: Rule = Rule {
    id: "chain.issuer_not_ca",
    severity: Severity::Error,
    title: "A certificate used as an issuer is not a CA (basicConstraints cA is not TRUE)",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        problem_hits(analysis, |problem| match problem {
            PathProblem::IssuerNotCa { item } => Some(Hit::on(*item)),
            _ => None,
        })
    },
};

/// pathLenConstraint exceeded.
pub const PATH_LEN_EXCEEDED: Rule = Rule {
    id: "chain.path_len_exceeded",
    severity: Severity::Error,
    title: "More intermediates below a CA than its pathLenConstraint allows",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        problem_hits(analysis, |problem| match problem {
            PathProblem::PathLenExceeded { item, allowed, below } => Some(
                Hit::on(*item)
                    .with("allowed", allowed.to_string())
                    .with("below", below.to_string()),
            ),
            _ => None,
        })
    },
};

/// An issuer whose keyUsage lacks keyCertSign.
pub const ISSUER_KEY_USAGE: Rule = Rule {
    id: "chain.issuer_key_usage",
    severity: Severity::Error,
    title: "An issuer's keyUsage does not include keyCertSign",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        problem_hits(analysis, |problem| match problem {
            PathProblem::NoKeyCertSign { item } => Some(Hit::on(*item)),
            _ => None,
        })
    },
};

/// A signature that cannot be verified here.
pub const UNVERIFIABLE_SIGNATURE: Rule = Rule {
    id: "chain.unverifiable_signature",
    severity: Severity::Warning,
    title: "A signature algorithm this tool cannot verify: the link is not treated as valid",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        problem_hits(analysis, |problem| match problem {
            PathProblem::Unverifiable { item, algorithm } => {
                Some(Hit::on(*item).with("algorithm", algorithm.clone()))
            }
            _ => None,
        })
    },
};

/// A cross-signed variant not needed for the chain.
pub const CROSS_SIGNED: Rule = Rule {
    id: "chain.cross_signed",
    severity: Severity::Info,
    title: "A cross-signed variant of a CA on the chain (same name and key, other issuer) is not needed",
    citation: "",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .chains
            .variants
            .iter()
            .map(|&(variant, used)| Hit::on(variant).with("used", analysis.label(used)))
            .collect()
    },
};
