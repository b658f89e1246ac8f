//! Opening arbitrary bytes as PKCS#12 with and without a password.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = certcheck::pkcs12::open(data, None);
    let _ = certcheck::pkcs12::open(data, Some("secret"));
});
