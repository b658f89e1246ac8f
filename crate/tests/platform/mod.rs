//! A stand-in for the browser's WebCrypto in the native tests.

/// What WebCrypto would answer, computed with the same inputs it gets (SPKI, data, signature in
/// its own form): RSA PKCS#1 v1.5 and ECDSA (r‖s) through ring, natively.
pub fn platform_accepts(request: &certcheck::x509::verify::Request) -> bool {
    use ring::signature as sig;
    let algorithm: &dyn sig::VerificationAlgorithm =
        match (request.algorithm, request.hash, request.curve) {
            ("RSASSA-PKCS1-v1_5", Some("SHA-256"), _) => &sig::RSA_PKCS1_2048_8192_SHA256,
            ("RSASSA-PKCS1-v1_5", Some("SHA-384"), _) => &sig::RSA_PKCS1_2048_8192_SHA384,
            ("RSASSA-PKCS1-v1_5", Some("SHA-512"), _) => &sig::RSA_PKCS1_2048_8192_SHA512,
            ("RSASSA-PKCS1-v1_5", Some("SHA-1"), _) => {
                &sig::RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY
            }
            ("ECDSA", Some("SHA-256"), Some("P-256")) => &sig::ECDSA_P256_SHA256_FIXED,
            ("ECDSA", Some("SHA-384"), Some("P-384")) => &sig::ECDSA_P384_SHA384_FIXED,
            ("Ed25519", None, None) => &sig::ED25519,
            _ => return false,
        };
    // The subjectPublicKey bits out of the SPKI, as ring takes them.
    use x509_parser::prelude::FromDer;
    let Ok((_, spki)) = x509_parser::x509::SubjectPublicKeyInfo::from_der(&request.spki) else {
        return false;
    };
    sig::UnparsedPublicKey::new(algorithm, &spki.subject_public_key.data)
        .verify(&request.data, &request.signature)
        .is_ok()
}
