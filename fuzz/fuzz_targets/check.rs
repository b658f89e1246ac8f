//! The whole check (rules, chains, plan, checklist, exports) on arbitrary bytes, as one input or
//! split into two, with a context that turns every rule on.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let split = data.first().map_or(0, |byte| *byte as usize % (data.len() + 1));
    let inputs = [
        certcheck::Input::file("a.pem", data[..split].to_vec()),
        certcheck::Input::file("b.der", data[split..].to_vec()).with_password("secret"),
    ];
    let context = certcheck::ContextInput {
        product: "uccx".into(),
        version: "11.5(1)".into(),
        nodes: vec!["uccx1.example.com".into(), "uccx2.example.com".into()],
        socialminer: "sm.example.com".into(),
        ..Default::default()
    };
    let report =
        certcheck::check(&inputs, &context, 1_795_564_800, certcheck::Lang::Ja).with_exports();
    let _ = serde_json::to_string(&report);
});
