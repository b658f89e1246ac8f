//! Finding texts: one message and one fix per rule id and language, with `{name}` placeholders
//! filled from the rule's hit.

use serde::{Deserialize, Serialize};

/// A language of the user interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    /// English.
    #[default]
    #[serde(rename = "en")]
    En,
    /// Japanese.
    #[serde(rename = "ja")]
    Ja,
    /// Brazilian Portuguese.
    #[serde(rename = "pt-BR")]
    PtBr,
    /// Traditional Chinese (Taiwan).
    #[serde(rename = "zh-TW")]
    ZhTw,
}

impl Lang {
    /// Parse a language tag (`ja`, `ja-JP`, `pt`, `pt-BR`, `zh-TW`, `zh-Hant`, `zh-HK`...). Only
    /// Traditional Chinese tags give zh-TW: `zh-CN`, `zh-Hans` and a bare `zh` give none.
    pub fn parse(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        let mut subtags = tag.split('-');
        let primary = subtags.next().unwrap_or("");
        match primary {
            "en" => Some(Lang::En),
            "ja" => Some(Lang::Ja),
            "pt" => Some(Lang::PtBr),
            "zh" => match subtags.next() {
                Some("tw" | "hk" | "mo" | "hant") => Some(Lang::ZhTw),
                _ => None,
            },
            _ => None,
        }
    }
}

/// The texts of one rule in one language.
#[derive(Clone, Copy, Debug)]
pub struct Text {
    /// What is wrong, one line.
    pub message: &'static str,
    /// What to do.
    pub fix: &'static str,
    /// The error text users see, quoted from a seed (never translated).
    pub seen_as: Option<&'static str>,
}

pub(crate) const fn t(message: &'static str, fix: &'static str) -> Text {
    Text { message, fix, seen_as: None }
}

pub(crate) const fn seen(message: &'static str, fix: &'static str, seen_as: &'static str) -> Text {
    Text { message, fix, seen_as: Some(seen_as) }
}

mod en;
#[cfg(feature = "languages")]
mod ja;
#[cfg(feature = "languages")]
mod pt_br;
#[cfg(feature = "languages")]
mod zh_tw;

#[cfg(not(feature = "languages"))]
mod loaded;
#[cfg(not(feature = "languages"))]
pub use loaded::load;

/// The finding texts of `lang`.
#[cfg(feature = "languages")]
fn findings(lang: Lang) -> &'static [(&'static str, Text)] {
    match lang {
        Lang::En => en::FINDINGS,
        Lang::Ja => ja::FINDINGS,
        Lang::PtBr => pt_br::FINDINGS,
        Lang::ZhTw => zh_tw::FINDINGS,
    }
}

/// The other texts of `lang`.
#[cfg(feature = "languages")]
fn phrases(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::En => en::PHRASES,
        Lang::Ja => ja::PHRASES,
        Lang::PtBr => pt_br::PHRASES,
        Lang::ZhTw => zh_tw::PHRASES,
    }
}

/// The finding texts of `lang`: English built in, the others as [`load`] gave them.
#[cfg(not(feature = "languages"))]
fn findings(lang: Lang) -> &'static [(&'static str, Text)] {
    match lang {
        Lang::En => en::FINDINGS,
        other => loaded::table(other).map_or(&[], |table| &table.findings),
    }
}

/// The other texts of `lang`: English built in, the others as [`load`] gave them.
#[cfg(not(feature = "languages"))]
fn phrases(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::En => en::PHRASES,
        other => loaded::table(other).map_or(&[], |table| &table.phrases),
    }
}

/// Whether this build has `lang`'s texts (built in, or loaded): a report in a language it lacks
/// would come out in English, so the page's first module leaves it to the full one.
pub fn available(lang: Lang) -> bool {
    #[cfg(not(feature = "languages"))]
    if lang != Lang::En {
        return loaded::table(lang).is_some();
    }
    let _ = lang;
    true
}

/// One language's texts as data: what the full build gives ([`texts`]) and the page's first
/// module takes ([`load`]), as `{"findings": {id: [message, fix]}, "phrases": {key: text}}`.
#[derive(Debug, Default, Serialize)]
pub struct Texts {
    /// Message and fix by rule id.
    pub findings: std::collections::BTreeMap<String, (String, String)>,
    /// Other texts by key.
    pub phrases: std::collections::BTreeMap<String, String>,
}

/// `lang`'s texts as data (the page's first module has only English built in).
#[cfg(feature = "languages")]
pub fn texts(lang: Lang) -> Texts {
    Texts {
        findings: findings(lang)
            .iter()
            .map(|(id, text)| (id.to_string(), (text.message.to_string(), text.fix.to_string())))
            .collect(),
        phrases: phrases(lang)
            .iter()
            .map(|(key, text)| (key.to_string(), text.to_string()))
            .collect(),
    }
}

fn lookup<T: Copy>(table: &[(&str, T)], key: &str) -> Option<T> {
    table.iter().find(|(candidate, _)| *candidate == key).map(|(_, value)| *value)
}

/// One language's texts by key: a report looks texts up hundreds of thousands of times on a big
/// pile, so each language's tables are indexed once (only once they are there: a language the
/// first module has not been given yet is not indexed empty).
struct Index {
    findings: std::collections::HashMap<&'static str, Text>,
    phrases: std::collections::HashMap<&'static str, &'static str>,
}

fn index(lang: Lang) -> Option<&'static Index> {
    use std::sync::OnceLock;
    static INDEXES: [OnceLock<Index>; 4] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let slot = &INDEXES[lang as usize];
    if let Some(index) = slot.get() {
        return Some(index);
    }
    if !available(lang) {
        return None;
    }
    Some(slot.get_or_init(|| Index {
        findings: findings(lang).iter().copied().collect(),
        phrases: phrases(lang).iter().copied().collect(),
    }))
}

fn finding_text(lang: Lang, id: &str) -> Option<Text> {
    index(lang).and_then(|index| index.findings.get(id).copied())
}

fn phrase_text(lang: Lang, key: &str) -> Option<&'static str> {
    index(lang).and_then(|index| index.phrases.get(key).copied())
}

/// The texts for `id` in `lang`, falling back to English. The quoted on-screen error text
/// (`seen_as`) is always the English one users see.
pub fn text_for(id: &str, lang: Lang) -> Option<Text> {
    let english = finding_text(Lang::En, id)?;
    let text = finding_text(lang, id).unwrap_or(english);
    Some(Text { seen_as: english.seen_as, ..text })
}

/// The texts for `id`; an unknown id yields a generic text (never a panic).
pub fn text(id: &str, lang: Lang) -> Text {
    text_for(id, lang).unwrap_or(Text { message: "{id}", fix: "", seen_as: None })
}

/// A text of the advice around the findings (upload plan, checklist, ECDSA verdict,
/// integrations, TLS, exports, input problems), by key, in `lang`; English when missing.
pub fn phrase(key: &str, lang: Lang) -> &'static str {
    phrase_text(lang, key).or_else(|| phrase_text(Lang::En, key)).unwrap_or("")
}

/// Every phrase key (the English table's).
pub fn phrase_keys() -> impl Iterator<Item = &'static str> {
    en::PHRASES.iter().map(|(key, _)| *key)
}

/// Whether `lang` has its own text for every finding and phrase (used by the tests).
pub fn missing_translations(lang: Lang) -> Vec<&'static str> {
    let mut missing: Vec<&'static str> = en::FINDINGS
        .iter()
        .filter(|(id, _)| lookup(findings(lang), id).is_none())
        .map(|(id, _)| *id)
        .collect();
    missing.extend(
        en::PHRASES
            .iter()
            .filter(|(key, _)| lookup(phrases(lang), key).is_none())
            .map(|(key, _)| *key),
    );
    missing
}

/// Replace each `{name}` by its value.
pub fn fill(template: &str, args: &[(&'static str, String)]) -> String {
    let mut out = template.to_string();
    for (key, value) in args {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RULES;

    #[test]
    fn every_rule_has_english_texts() {
        for rule in RULES {
            let text = text_for(rule.id, Lang::En).unwrap_or_else(|| panic!("{}", rule.id));
            assert!(!text.message.is_empty() && !text.fix.is_empty(), "{}", rule.id);
        }
    }

    fn placeholders(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn every_text_exists_in_every_language_with_the_english_placeholders() {
        for lang in [Lang::Ja, Lang::PtBr, Lang::ZhTw] {
            assert_eq!(missing_translations(lang), Vec::<&str>::new(), "{lang:?}");
            let ids = RULES
                .iter()
                .map(|rule| rule.id)
                .chain(crate::probe::rules::RULES.iter().map(|rule| rule.id));
            for id in ids {
                let english = text_for(id, Lang::En).expect("english");
                let text = text_for(id, lang).expect("translated");
                assert_ne!(text.message, english.message, "{lang:?} {id} message is English");
                assert_eq!(
                    placeholders(text.message),
                    placeholders(english.message),
                    "{lang:?} {id}"
                );
                assert_eq!(placeholders(text.fix), placeholders(english.fix), "{lang:?} {id}");
                assert_eq!(
                    text.seen_as, english.seen_as,
                    "the on-screen error text stays as users see it"
                );
            }
            for key in phrase_keys() {
                let (english, text) = (phrase(key, Lang::En), phrase(key, lang));
                // A joiner may be blank (ja and zh join sentences with nothing between).
                assert!(key.ends_with("_join") || !text.trim().is_empty(), "{lang:?} {key}");
                assert_eq!(placeholders(text), placeholders(english), "{lang:?} {key}");
            }
        }
    }

    #[test]
    fn parses_language_tags() {
        assert_eq!(Lang::parse("ja-JP"), Some(Lang::Ja));
        assert_eq!(Lang::parse("pt"), Some(Lang::PtBr));
        assert_eq!(Lang::parse("zh-Hant-TW"), Some(Lang::ZhTw));
        assert_eq!(Lang::parse("zh-HK"), Some(Lang::ZhTw));
        // Simplified Chinese readers are not given the Taiwan texts.
        assert_eq!(Lang::parse("zh-CN"), None);
        assert_eq!(Lang::parse("zh-Hans"), None);
        assert_eq!(Lang::parse("zh"), None);
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(fill("{a} and {b}", &[("a", "1".into()), ("b", "2".into())]), "1 and 2");
    }
}
