//! Key types and signature algorithms (seeds 001, 003, 004).

use super::{Hit, Needs, Rule, Severity};
use crate::analysis::{verdict, Analysis};
use crate::deployment::facts::{self, Question, Value};
use crate::deployment::roles::{Kind, Store};
use crate::deployment::Product;
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
    title: "An EC server certificate is uploaded as tomcat-ECDSA, never as tomcat (UCCX and SocialMiner 11.5(x))",
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
    title: "A SHA-1 or MD5 signature (Cisco recommends SHA-256): refused on issued certificates; on a self-signed server certificate it can still be accepted once (a warning)",
    citation: "004_724e4e2f4013d7cd.txt",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let lang = analysis.lang;
        analysis
            .certificates_with_roles()
            // A root's self-signature is not checked by browsers: only issued certificates count.
            .filter(|(_, _, role)| role.kind != Kind::Root)
            .filter(|(_, certificate, _)| verdict::weak_signature(certificate))
            .map(|(index, certificate, role)| {
                let hit = Hit::on(index)
                    .with("algorithm", certificate.info.signature_algorithm.clone());
                // A self-signed server certificate accepted per browser: its own signature is not
                // held against it (measured); Chromium refuses it installed as a trusted root.
                if role.self_signed_leaf {
                    hit.with("impact", crate::i18n::phrase("advice.weak_self_signed", lang))
                        .at(Severity::Warning)
                } else {
                    hit.with("impact", crate::i18n::phrase("advice.weak_issued", lang))
                }
            })
            .collect()
    },
};

/// An EC server certificate the release does not use.
pub const ECDSA_NOT_USED: Rule = Rule {
    id: "key.ecdsa_not_used",
    severity: Severity::Warning,
    title: "An EC server certificate on a release whose servers present no tomcat-ECDSA (UCCX and SocialMiner other than 11.5(x); UCCE without ECDSA enabled): it is not used",
    citation: "001_ac2a69aa6a55e92f.txt § UCCX および SocialMiner の署名付き証明書; TN118855 § \"Starting from 11.6, use of ECDSA certificates has been removed from the UCCX solution completely.\"; UCCE-150-SEC § \"A component operates on ECDSA only if the server is configured to use ECDSA\"",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let context = &analysis.context;
        let answer = context.fact(Question::TomcatEcdsa);
        // UCCE without a release: ECDSA is the administrator's choice there.
        let why = match answer.why {
            "" => crate::i18n::phrase("facts.ecdsa_ucce", analysis.lang),
            why => crate::i18n::phrase(why, analysis.lang),
        };
        let advice = if context.product == Some(Product::Ucce) {
            "advice.ecdsa_not_enabled"
        } else {
            "advice.ecdsa_use_rsa"
        };
        let release = match (context.release, context.product) {
            (Some(release), _) => release.to_string(),
            (None, product) => product.map(Product::name).unwrap_or_default().to_string(),
        };
        analysis
            .leaves()
            .filter(|(_, _, role)| role.store == Store::NotUsed)
            .map(|(index, certificate, _)| {
                Hit::on(index)
                    .with("key", certificate.info.public_key.summary.clone())
                    .with("release", release.clone())
                    .with("why", why)
                    .with("advice", crate::i18n::phrase(advice, analysis.lang))
            })
            .collect()
    },
};

/// An RSA key length the product does not take.
pub const RSA_UNSUPPORTED_SIZE: Rule = Rule {
    id: "key.rsa_unsupported_size",
    severity: Severity::Error,
    title: "A server certificate or CSR whose RSA key length the product does not take: UCCX 1024 or 2048 bits only; the platform up to 4096",
    citation: "TN118855 § \"UCCX only supports certificate key lengths of 1024 and 2048 bits.\"; CUCM-SEC-14SU2 § \"certificates up to 4096 bits\"",
    needs: Needs::Nothing,
    check: |analysis: &Analysis| {
        let context = &analysis.context;
        // Without a product the UCCX-only lengths are not claimed: the platform's limit holds.
        let answer = match context.product {
            Some(_) => context.fact(Question::RsaKeyLengths),
            None => facts::platform_rsa_lengths(),
        };
        let allowed = |bits: usize| match answer.value {
            Some(Value::KeyLengths { bits: lengths }) => {
                lengths.iter().any(|length| *length as usize == bits)
            }
            Some(Value::KeyLengthsUpTo { bits: most }) => bits <= most as usize,
            _ => true,
        };
        let why = crate::i18n::phrase(answer.why, analysis.lang);
        let certificates =
            analysis.leaves().map(|(index, certificate, _)| (index, &certificate.info.public_key));
        let csrs = analysis.csrs.iter().map(|(index, csr)| (*index, &csr.info.public_key));
        let mut hits: Vec<Hit> = certificates
            .chain(csrs)
            .filter(|(_, key)| key.algorithm.is_rsa() && key.bits > 0 && !allowed(key.bits))
            .map(|(index, key)| Hit::on(index).with("bits", key.bits.to_string()).with("why", why))
            .collect();
        crate::order::sort_by_key(&mut hits, |hit| hit.item);
        hits
    },
};
