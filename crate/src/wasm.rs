//! The thin wasm-bindgen layer: JavaScript values in, serde values out. No rule logic here.

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::deployment::ContextInput;
use crate::i18n::Lang;
use crate::input::Input;
use crate::report::{self, Exports};

/// One input from the page: a dropped file (bytes) or pasted text.
#[derive(Deserialize)]
struct PageInput {
    name: String,
    #[serde(default, with = "serde_bytes")]
    bytes: Option<Vec<u8>>,
    #[serde(default)]
    text: Option<String>,
    /// The PKCS#12 password the user typed for this file (memory only).
    #[serde(default)]
    password: Option<String>,
}

/// Options from the page.
#[derive(Deserialize, Default)]
#[serde(default)]
struct PageOptions {
    context: ContextInput,
    lang: Option<String>,
    /// Attach the Markdown and CSV exports.
    exports: bool,
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

/// Check the inputs: `inputs` is an array of `{name, bytes: Uint8Array}` or `{name, text}`,
/// `options` is `{context: {...}, lang}`. Returns the report as a plain object.
#[wasm_bindgen]
pub fn check(inputs: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let inputs: Vec<PageInput> =
        serde_wasm_bindgen::from_value(inputs).map_err(|error| into_error("bad inputs", error))?;
    let options: PageOptions = if options.is_undefined() || options.is_null() {
        PageOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|error| into_error("bad options", error))?
    };
    let inputs: Vec<Input> = inputs
        .into_iter()
        .map(|input| {
            let read = match (input.bytes, input.text) {
                (Some(bytes), _) => Input::file(input.name, bytes),
                (None, text) => Input::text(input.name, text.unwrap_or_default()),
            };
            match input.password {
                Some(password) => read.with_password(password),
                None => read,
            }
        })
        .collect();
    #[cfg(feature = "test-panic")]
    if inputs.iter().any(|input| input.name == "__panic__") {
        panic!("forced panic (test-panic build)");
    }
    let today = (js_sys::Date::now() / 1000.0) as i64;
    let lang = options.lang.as_deref().and_then(Lang::parse).unwrap_or_default();
    let mut report = report::check(&inputs, &options.context, today, lang);
    if options.exports {
        report.exports = Some(Exports {
            markdown: report::markdown::render(&report),
            csv: report::csv::render(&report),
        });
    }
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&report, &serializer)
        .map_err(|error| into_error("cannot return the report", error))
}

/// Benchmark hook (`npm run bench`): read and parse every certificate in `bytes` without checking
/// signatures; returns how many parsed.
#[wasm_bindgen(js_name = parseCount)]
pub fn parse_count(bytes: &[u8]) -> u32 {
    crate::parse_count(bytes) as u32
}
