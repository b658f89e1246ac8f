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
    /// Parse a language tag (`ja`, `ja-JP`, `pt`, `pt-BR`, `zh-TW`, `zh-Hant`...).
    pub fn parse(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
        let primary = tag.split('-').next().unwrap_or("");
        match primary {
            "en" => Some(Lang::En),
            "ja" => Some(Lang::Ja),
            "pt" => Some(Lang::PtBr),
            "zh" => Some(Lang::ZhTw),
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

const fn t(message: &'static str, fix: &'static str) -> Text {
    Text { message, fix, seen_as: None }
}

#[allow(dead_code)] // For rules whose seed quotes the error text users see.
const fn seen(message: &'static str, fix: &'static str, seen_as: &'static str) -> Text {
    Text { message, fix, seen_as: Some(seen_as) }
}

/// The texts for `id` in `lang`, falling back to English.
pub fn text_for(id: &str, lang: Lang) -> Option<Text> {
    match lang {
        Lang::En => english(id),
        _ => english(id),
    }
}

/// The texts for `id`; an unknown id yields a generic text (never a panic).
pub fn text(id: &str, lang: Lang) -> Text {
    text_for(id, lang).unwrap_or(Text { message: "{id}", fix: "", seen_as: None })
}

/// Replace each `{name}` by its value.
pub fn fill(template: &str, args: &[(&'static str, String)]) -> String {
    let mut out = template.to_string();
    for (key, value) in args {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

fn english(id: &str) -> Option<Text> {
    Some(match id {
        "input.private_key_present" => t(
            "A private key ({form}) is among the inputs. It was recognised and left alone: it is not shown, stored or sent.",
            "Do not send private keys by e-mail or chat. The tomcat private key stays on the server; only certificates and CSRs are needed here.",
        ),
        "input.garbage" => t(
            "{where} could not be read: {problem}.",
            "Export the certificate again as Base-64 (PEM) or DER (.cer/.crt), or copy the whole block including the BEGIN and END lines.",
        ),
        "input.der" => t(
            "{file} is binary DER; it was decoded.",
            "Nothing to do. OS Administration accepts both DER and Base-64 (PEM) files.",
        ),
        "input.pkcs7" => t(
            "{where} is a PKCS#7 bundle; {count} certificate(s) were unpacked from it.",
            "Upload each certificate on its own: the root and intermediates as tomcat-trust, the server certificate as tomcat.",
        ),
        "input.pkcs12" => t(
            "{file} is a PKCS#12 (.pfx/.p12) file: it holds certificates and a private key, protected by a password.",
            "Give its password to read the certificates in it, or export the certificates alone (Base-64 .cer) and check those.",
        ),
        "input.duplicate" => t(
            "The same certificate is given twice: {where} repeats {first}.",
            "Nothing to fix; it is checked once. Upload each certificate only once.",
        ),
        "csr.bad_signature" => t(
            "The CSR's own signature does not verify: {problem}. The request was damaged or edited after it was generated.",
            "Download the CSR again from OS Administration > Security > Certificate Management, or generate a new one, and send that to the CA unchanged.",
        ),
        _ => return None,
    })
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

    #[test]
    fn parses_language_tags() {
        assert_eq!(Lang::parse("ja-JP"), Some(Lang::Ja));
        assert_eq!(Lang::parse("pt"), Some(Lang::PtBr));
        assert_eq!(Lang::parse("zh-Hant-TW"), Some(Lang::ZhTw));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(fill("{a} and {b}", &[("a", "1".into()), ("b", "2".into())]), "1 and 2");
    }
}
