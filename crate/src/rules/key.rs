//! Key types and signature algorithms (seeds 001, 003, 004).

use super::{Hit, Needs, Rule, Severity};
use crate::analysis::{verdict, Analysis};
use crate::deployment::roles::{Kind, Store};
use crate::x509::verify::SignatureAlgorithm;

/// EC leaf signed by an RSA key.
pub const ECDSA_SIGNED_BY_RSA_CA: Rule = Rule {
    id: "key.ecdsa_signed_by_rsa_ca",
    severity: Severity::Error,
    title: "An EC (tomcat-ECDSA) certificate signed by an RSA CA: UCCX does not present it and SocialMiner chat/e-mail breaks",
    citation: "001_ac2a69aa6a55e92f.txt § UCCX および SocialMiner の署名付き証明書; 003_8b0075df98947728.txt § UCCX和SocialMiner的簽名證書",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .leaves()
            .filter(|(_, certificate, role)| {
                role.store == Store::TomcatEcdsa
                    && !role.self_signed_leaf
                    && matches!(
                        SignatureAlgorithm::from_oid(&certificate.signature_oid),
                        SignatureAlgorithm::RsaPkcs1(_) | SignatureAlgorithm::RsaPss
                    )
            })
            .map(|(index, certificate, _)| {
                Hit::on(index).with("issuer", certificate.info.issuer_cn.first().cloned().unwrap_or_else(|| certificate.info.issuer.clone()))
            })
            .collect()
    },
};

/// An EC leaf goes to tomcat-ECDSA.
pub const ECDSA_UPLOAD_AS_TOMCAT: Rule = Rule {
    id: "key.ecdsa_upload_as_tomcat",
    severity: Severity::Info,
    title: "An EC server certificate is uploaded as tomcat-ECDSA, never as tomcat (11.5+)",
    citation: "001_ac2a69aa6a55e92f.txt § UCCX および SocialMiner の署名付き証明書; 002_0fb8040ec2c52a7f.txt",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .leaves()
            .filter(|(_, _, role)| role.store == Store::TomcatEcdsa)
            .map(|(index, certificate, _)| Hit::on(index).with("key", certificate.info.public_key.summary.clone()))
            .collect()
    },
};

/// RSA key below 2048 bits.
pub const RSA_SMALL: Rule = Rule {
    id: "key.rsa_small",
    severity: Severity::Error,
    title: "RSA key shorter than 2048 bits (Cisco recommends RSA 2048 with SHA-256)",
    citation: "004_724e4e2f4013d7cd.txt",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let certificates = analysis
            .certificates
            .iter()
            .map(|(index, certificate)| (*index, &certificate.info.public_key));
        let csrs = analysis.csrs.iter().map(|(index, csr)| (*index, &csr.info.public_key));
        certificates
            .chain(csrs)
            .filter(|(_, key)| key.algorithm.is_rsa() && key.bits < 2048)
            .map(|(index, key)| Hit::on(index).with("bits", key.bits.to_string()))
            .collect()
    },
};

/// SHA-1 or weaker signature.
pub const SHA1_SIGNATURE: Rule = Rule {
    id: "key.sha1_signature",
    severity: Severity::Error,
    title: "SHA-1 (or weaker) signature (Cisco recommends SHA-256)",
    citation: "004_724e4e2f4013d7cd.txt",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        analysis
            .certificates_with_roles()
            // A root's self-signature is not checked by browsers: only issued certificates count.
            .filter(|(_, _, role)| role.kind != Kind::Root)
            .filter(|(_, certificate, _)| verdict::weak_signature(certificate))
            .map(|(index, certificate, _)| {
                Hit::on(index).with("algorithm", certificate.info.signature_algorithm.clone())
            })
            .collect()
    },
};
