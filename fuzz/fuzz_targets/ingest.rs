//! Ingestion of arbitrary bytes: PEM scanning, base64, BER shapes, PKCS#7, certificate parsing.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let inputs = [certcheck::Input::file("fuzz", data.to_vec())];
    let ingested = certcheck::input::ingest(&inputs);
    for found in ingested.objects {
        if let certcheck::input::Object::Certificate(der) = found.object {
            let _ = certcheck::x509::certificate::Certificate::from_der(&der);
        }
    }
});
