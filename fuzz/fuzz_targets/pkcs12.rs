//! Opening arbitrary bytes as PKCS#12 with and without a password.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = certcheck::input::pfx::open(data, None);
    let _ = certcheck::input::pfx::open(data, Some("secret"));
});
