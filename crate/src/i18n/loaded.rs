//! The texts of the languages a build without them (the page's first module) was given at run
//! time: the page fetches `texts-<lang>.json` (made from the full build's tables by
//! [`super::texts`]) and passes it to [`load`] once, before the first check in that language.

use std::sync::OnceLock;

use super::{Lang, Text, Texts};

/// One language's texts; the strings live as long as the module (loaded once per language).
pub struct Table {
    /// Message and fix by rule id.
    pub findings: Vec<(&'static str, Text)>,
    /// Other texts by key.
    pub phrases: Vec<(&'static str, &'static str)>,
}

static JA: OnceLock<Table> = OnceLock::new();
static PT_BR: OnceLock<Table> = OnceLock::new();
static ZH_TW: OnceLock<Table> = OnceLock::new();

fn slot(lang: Lang) -> Option<&'static OnceLock<Table>> {
    match lang {
        Lang::En => None,
        Lang::Ja => Some(&JA),
        Lang::PtBr => Some(&PT_BR),
        Lang::ZhTw => Some(&ZH_TW),
    }
}

/// `lang`'s texts, when loaded.
pub fn table(lang: Lang) -> Option<&'static Table> {
    slot(lang)?.get()
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// Take `lang`'s texts (see [`super::texts`]). Loading a language again keeps the first texts.
/// English is built in.
pub fn load(lang: Lang, parsed: Texts) {
    let Some(slot) = slot(lang) else { return };
    if slot.get().is_some() {
        return;
    }
    let table = Table {
        findings: parsed
            .findings
            .into_iter()
            .map(|(id, (message, fix))| {
                (leak(id), Text { message: leak(message), fix: leak(fix), seen_as: None })
            })
            .collect(),
        phrases: parsed.phrases.into_iter().map(|(key, text)| (leak(key), leak(text))).collect(),
    };
    let _ = slot.set(table);
}
