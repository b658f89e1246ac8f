//! Our view of X.509 objects over x509-parser: certificates, certificate signing requests, their keys
//! and algorithms, and signature verification.

pub mod certificate;
pub mod csr;
pub mod verify;
