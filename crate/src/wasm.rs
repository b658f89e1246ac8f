//! The thin wasm-bindgen layer: JavaScript values in, serde values out. No rule logic here.

use wasm_bindgen::prelude::*;

use crate::deployment::ContextInput;
use crate::i18n::Lang;
use crate::input::Input;
use crate::report::{self, Exports};

/// Options from the page: `{context: {...}, lang, exports}`.
#[derive(Default)]
struct PageOptions {
    context: ContextInput,
    lang: Option<String>,
    /// Attach the Markdown and CSV exports (`check`, in the full module; sessions give them
    /// through `Session.exports`).
    #[cfg_attr(not(all(feature = "verifiers", feature = "pkcs12")), allow(dead_code))]
    exports: bool,
}

/// The page's values are read field by field (not with serde): a handful of strings, and the
/// module stays smaller without a deserializer.
fn field(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A text field: absent (undefined or null) gives none; anything but a string is an error.
fn optional_text(object: &JsValue, key: &str) -> Result<Option<String>, JsError> {
    let value = field(object, key);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_string().map(Some).ok_or_else(|| JsError::new(&format!("{key}: not text")))
}

fn text(object: &JsValue, key: &str) -> Result<String, JsError> {
    Ok(optional_text(object, key)?.unwrap_or_default())
}

/// A list of texts (absent: empty).
fn texts(object: &JsValue, key: &str) -> Result<Vec<String>, JsError> {
    let value = field(object, key);
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    let list = value
        .dyn_into::<js_sys::Array>()
        .map_err(|_| JsError::new(&format!("{key}: not a list")))?;
    list.iter()
        .map(|item| item.as_string().ok_or_else(|| JsError::new(&format!("{key}: not text"))))
        .collect()
}

/// One input: `{name, bytes: Uint8Array}` (a dropped file) or `{name, text}` (a paste), with the
/// PKCS#12 `password` the user typed for it (memory only).
fn page_input(value: &JsValue) -> Result<Input, JsError> {
    let name = text(value, "name")?;
    let bytes = field(value, "bytes");
    let input = if bytes.is_undefined() || bytes.is_null() {
        Input::text(name, text(value, "text")?)
    } else {
        let bytes = bytes
            .dyn_into::<js_sys::Uint8Array>()
            .map_err(|_| JsError::new("bytes: not a Uint8Array"))?;
        Input::file(name, bytes.to_vec())
    };
    Ok(match optional_text(value, "password")? {
        Some(password) => input.with_password(password),
        None => input,
    })
}

fn page_options(value: &JsValue) -> Result<PageOptions, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(PageOptions::default());
    }
    let context = field(value, "context");
    Ok(PageOptions {
        context: ContextInput {
            product: text(&context, "product")?,
            version: text(&context, "version")?,
            nodes: texts(&context, "nodes")?,
            socialminer: text(&context, "socialminer")?,
            host: text(&context, "host")?,
            at: text(&context, "at")?,
            finesse: texts(&context, "finesse")?,
            cuic: texts(&context, "cuic")?,
            livedata: texts(&context, "livedata")?,
            mediasense: text(&context, "mediasense")?,
            // The page sends `ecdsa` as a boolean (UCCE: ECDSA enabled); absent is false.
            ecdsa: field(&context, "ecdsa").as_bool().unwrap_or(false),
            cucm: texts(&context, "cucm")?,
            gadgets: texts(&context, "gadgets")?,
        },
        lang: optional_text(value, "lang")?,
        exports: field(value, "exports").as_bool().unwrap_or(false),
    })
}

/// A JavaScript exception saying what failed.
fn into_error(what: &str, error: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("{what}: {error}"))
}

/// Install the panic hook so a bug shows in the console instead of a bare "unreachable".
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Read the page's inputs and options.
fn read(inputs: JsValue, options: JsValue) -> Result<(Vec<Input>, PageOptions), JsError> {
    let inputs = inputs
        .dyn_into::<js_sys::Array>()
        .map_err(|_| JsError::new("bad inputs: not a list"))?
        .iter()
        .map(|input| page_input(&input))
        .collect::<Result<Vec<Input>, JsError>>()?;
    let options = page_options(&options)?;
    #[cfg(feature = "test-panic")]
    if inputs.iter().any(|input| input.name == "__panic__") {
        panic!("forced panic (test-panic build)");
    }
    Ok((inputs, options))
}

/// The report as a plain object, with the exports when asked for.
#[cfg(all(feature = "verifiers", feature = "pkcs12"))]
fn finish(mut report: report::Report, exports: bool) -> Result<JsValue, JsError> {
    if exports {
        report.exports = Some(Exports::of(&report));
    }
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&report, &serializer)
        .map_err(|error| into_error("cannot return the report", error))
}

/// Check the inputs in one call, every signature verified in wasm: `inputs` is an array of
/// `{name, bytes: Uint8Array}` or `{name, text}`, `options` is `{context: {...}, lang}`. Returns
/// the report as a plain object.
#[cfg(all(feature = "verifiers", feature = "pkcs12"))]
#[wasm_bindgen]
pub fn check(inputs: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let (inputs, options) = read(inputs, options)?;
    let today = (js_sys::Date::now() / 1000.0) as i64;
    let lang = options.lang.as_deref().and_then(Lang::parse).unwrap_or_default();
    finish(report::check(&inputs, &options.context, today, lang), options.exports)
}

/// A check in two steps, so the browser's WebCrypto verifies the signatures between certificates
/// (BoringSSL's native code, many times faster than RustCrypto in wasm): `new Session(inputs,
/// options)` parses; `requests()` lists the signatures; `finish(accepted)` takes the numbers of
/// those WebCrypto accepted and verifies the rest here, so the report does not depend on it.
#[wasm_bindgen]
pub struct Session {
    prepared: Option<report::Prepared>,
    /// The report's language: a first module without its texts leaves the check to the full one.
    lang: Lang,
    /// The finished report, kept for [`Session::exports`].
    report: Option<report::Report>,
}

#[wasm_bindgen]
impl Session {
    /// Parse the inputs (as [`check`] takes them).
    #[wasm_bindgen(constructor)]
    pub fn new(inputs: JsValue, options: JsValue) -> Result<Session, JsError> {
        let (inputs, options) = read(inputs, options)?;
        let today = (js_sys::Date::now() / 1000.0) as i64;
        let lang = options.lang.as_deref().and_then(Lang::parse).unwrap_or_default();
        Ok(Session {
            prepared: Some(report::prepare(&inputs, &options.context, today, lang)),
            lang,
            report: None,
        })
    }

    /// The signatures WebCrypto may check: an array of `{id, algorithm, hash, curve, spki, data,
    /// signature}` (byte fields as Uint8Array; ECDSA signatures as r‖s).
    pub fn requests(&self) -> js_sys::Array {
        let out = js_sys::Array::new();
        let Some(prepared) = &self.prepared else { return out };
        for (id, request) in prepared.requests() {
            let entry = js_sys::Object::new();
            let set = |key: &str, value: JsValue| {
                let _ = js_sys::Reflect::set(&entry, &JsValue::from_str(key), &value);
            };
            set("id", JsValue::from(id as u32));
            set("algorithm", JsValue::from_str(request.algorithm));
            set("hash", request.hash.map_or(JsValue::NULL, JsValue::from_str));
            set("curve", request.curve.map_or(JsValue::NULL, JsValue::from_str));
            set("spki", js_sys::Uint8Array::from(request.spki.as_slice()).into());
            set("data", js_sys::Uint8Array::from(request.data.as_slice()).into());
            set("signature", js_sys::Uint8Array::from(request.signature.as_slice()).into());
            out.push(&entry);
        }
        out
    }

    /// The report, with the signatures numbered in `accepted` taken as verified (the others are
    /// verified here), without the exports: the page shows it first, then asks for
    /// [`Session::exports`]. A session finishes once. `null` from the page's first module (built
    /// without the verifiers and PKCS#12 decryption) when the check needs what it lacks: the
    /// page then runs the same check in the full module.
    pub fn finish(&mut self, accepted: &[u32]) -> Result<JsValue, JsError> {
        let prepared =
            self.prepared.take().ok_or_else(|| JsError::new("this check has already finished"))?;
        if !crate::i18n::available(self.lang) {
            return Ok(JsValue::NULL);
        }
        let accepted: Vec<usize> = accepted.iter().map(|&id| id as usize).collect();
        let Some(report) = prepared.finish(&accepted) else { return Ok(JsValue::NULL) };
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let shown = serde::Serialize::serialize(&report, &serializer)
            .map_err(|error| into_error("cannot return the report", error));
        self.report = Some(report);
        shown
    }

    /// The finished report's exports, `{markdown, csv, ics}` (once).
    pub fn exports(&mut self) -> Result<JsValue, JsError> {
        let report =
            self.report.take().ok_or_else(|| JsError::new("this check has not finished"))?;
        let exports = Exports::of(&report);
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        serde::Serialize::serialize(&exports, &serializer)
            .map_err(|error| into_error("cannot return the exports", error))
    }
}

/// Give the first module a language's texts (`texts-<lang>.json` parsed, made by
/// [`language_texts`]); once per language, before its first check.
#[cfg(not(feature = "languages"))]
#[wasm_bindgen(js_name = loadTexts)]
pub fn load_texts(lang: &str, texts: JsValue) -> Result<(), JsError> {
    let lang = Lang::parse(lang).ok_or_else(|| JsError::new("unknown language"))?;
    let entries = |key: &str| -> Result<Vec<(String, JsValue)>, JsError> {
        let object = field(&texts, key)
            .dyn_into::<js_sys::Object>()
            .map_err(|_| JsError::new(&format!("texts: no {key}")))?;
        js_sys::Object::entries(&object)
            .iter()
            .map(|entry| {
                let key = js_sys::Reflect::get_u32(&entry, 0).ok().and_then(|key| key.as_string());
                let value = js_sys::Reflect::get_u32(&entry, 1).unwrap_or(JsValue::UNDEFINED);
                key.map(|key| (key, value)).ok_or_else(|| JsError::new("texts: a key is not text"))
            })
            .collect()
    };
    let not_text = || JsError::new("texts: a text is not text");
    let mut loaded = crate::i18n::Texts::default();
    for (id, pair) in entries("findings")? {
        let message = js_sys::Reflect::get_u32(&pair, 0).ok().and_then(|text| text.as_string());
        let fix = js_sys::Reflect::get_u32(&pair, 1).ok().and_then(|text| text.as_string());
        loaded.findings.insert(id, (message.ok_or_else(not_text)?, fix.ok_or_else(not_text)?));
    }
    for (key, text) in entries("phrases")? {
        loaded.phrases.insert(key, text.as_string().ok_or_else(not_text)?);
    }
    crate::i18n::load(lang, loaded);
    Ok(())
}

/// A language's texts as data, for the first module (`scripts/texts.mjs` writes them out).
#[cfg(feature = "languages")]
#[wasm_bindgen(js_name = languageTexts)]
pub fn language_texts(lang: &str) -> Result<JsValue, JsError> {
    let lang = Lang::parse(lang).ok_or_else(|| JsError::new("unknown language"))?;
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&crate::i18n::texts(lang), &serializer)
        .map_err(|error| into_error("cannot return the texts", error))
}

/// Benchmark hook (`npm run bench`): read and parse every certificate in `bytes` without checking
/// signatures; returns how many parsed.
#[wasm_bindgen(js_name = parseCount)]
pub fn parse_count(bytes: &[u8]) -> u32 {
    crate::parse_count(bytes) as u32
}
