//! Our view of X.509 objects over x509-parser: certificates, certificate signing requests, their keys
//! and algorithms, and signature verification.

pub mod attribute_names;
pub mod certificate;
pub mod csr;
pub mod key;
pub mod verify;

/// Colon-separated upper-case hex.
pub fn colon_hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for (index, byte) in bytes.iter().enumerate() {
        if index > 0 {
            out.push(':');
        }
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        out.push(HEX[usize::from(byte >> 4)] as char);
        out.push(HEX[usize::from(byte & 0x0f)] as char);
    }
    out
}
