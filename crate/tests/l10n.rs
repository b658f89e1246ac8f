//! No English inside a translated sentence: every finding, input problem and advice text of every
//! fixture, rendered in Japanese, Traditional Chinese and Brazilian Portuguese, is scanned for
//! English words. Technical values stay as values (OIDs, file names, host names, product names,
//! `utils system restart`), and a parser's own words are allowed only inside the framed detail
//! ("（詳細: …）", "(detalhe: …)").

mod common;

use certcheck::{ContextInput, Input, Lang};

/// Words that are values, not English prose, when they appear in a translated sentence.
const VALUES: &[&str] = &["utils system restart", "tomcat", "serverAuth", "clientAuth"];

/// Parts of a text that may hold English: a parser's detail, a quoted on-screen error.
fn without_values(text: &str) -> String {
    let mut out = text.to_string();
    for (open, close) in [
        ("詳細: ", "）"),
        ("詳細資訊：", "）"),
        ("(detalhe: ", ")"),
        ("“", "”"),
        ("「", "」"),
        ("\"", "\""),
    ] {
        while let Some(start) = out.find(open) {
            let after = start + open.len();
            let end =
                out[after..].find(close).map(|end| after + end + close.len()).unwrap_or(out.len());
            out.replace_range(start..end, " ");
        }
    }
    for value in VALUES {
        out = out.replace(value, " ");
    }
    out
}

/// Lowercase ASCII words (letters only, at least two), with the token they came from whole:
/// "uccx1.example.com", "cut-off.pem" or "2.5.29.15" are values, never words.
fn words(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (at, token) in
        text.split(|c: char| !(c.is_ascii_alphanumeric() || "._-#/@:'".contains(c))).enumerate()
    {
        let token = token.trim_end_matches(['.', ':', '\'']);
        let is_word = token.len() >= 2 && token.chars().all(|c| c.is_ascii_lowercase());
        if is_word {
            out.push((at, token.to_string()));
        }
    }
    out
}

/// English function words: in a Portuguese sentence, one of these is English.
const ENGLISH: &[&str] = &[
    "the",
    "does",
    "cannot",
    "is",
    "with",
    "without",
    "and",
    "of",
    "not",
    "unexpected",
    "damaged",
    "broken",
    "character",
    "none",
    "signature",
    "match",
    "expected",
    "found",
];

fn english_word(words: &[(usize, String)]) -> Option<String> {
    words.iter().find(|(_, word)| ENGLISH.contains(&word.as_str())).map(|(_, word)| word.clone())
}

/// What is English in `text`, rendered in `lang`.
fn english_in(text: &str, lang: Lang) -> Option<String> {
    let scanned = without_values(text);
    let words = words(&scanned);
    match lang {
        // Two lowercase ASCII words side by side: a phrase, not a value.
        Lang::Ja | Lang::ZhTw => {
            let pair = words.windows(2).find(|pair| pair[1].0 == pair[0].0 + 1);
            pair.map(|pair| format!("{} {}", pair[0].1, pair[1].1)).or_else(|| english_word(&words))
        }
        _ => english_word(&words),
    }
}

fn inputs_of(paths: &[String]) -> Vec<Input> {
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    common::inputs(&paths)
}

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|entry| entry.path())
                .filter(|path| path.is_file())
                .map(|path| {
                    path.strip_prefix(common::fixtures())
                        .expect("prefix")
                        .to_string_lossy()
                        .into_owned()
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Every case: each rule's firing set, each input oddity alone, the good sets in full contexts.
fn cases() -> Vec<(String, Vec<String>, ContextInput)> {
    let host = ContextInput { host: "uccx1.example.com".into(), ..Default::default() };
    let uccx = |version: &str| ContextInput {
        product: "uccx".into(),
        version: version.into(),
        nodes: vec!["uccx1.example.com".into(), "uccx2.example.com".into()],
        socialminer: "sm.example.com".into(),
        ..Default::default()
    };
    let mut out = Vec::new();
    let rules = common::fixtures().join("rules");
    let mut dirs: Vec<_> = std::fs::read_dir(&rules).expect("rules").flatten().collect();
    dirs.sort_by_key(|entry| entry.path());
    for entry in dirs {
        let dir = entry.path();
        let context = match std::fs::read_to_string(dir.join("nodes.txt")) {
            Ok(text) => ContextInput {
                nodes: text.lines().map(str::to_string).collect(),
                ..Default::default()
            },
            Err(_) => host.clone(),
        };
        out.push((dir.display().to_string(), files_in(&dir.join("fire")), context));
    }
    for file in files_in(&common::fixtures().join("input")) {
        out.push((file.clone(), vec![file], host.clone()));
    }
    for (set, context) in [
        ("good/rsa", uccx("11.5(1)")),
        ("good/ec", uccx("12.5(1)")),
        ("good/rsa", uccx("11.0(1)")),
        ("good/rsa", ContextInput::default()),
        (
            "good/ucce",
            ContextInput {
                product: "ucce".into(),
                version: "12.5".into(),
                finesse: vec!["finesse1.example.com".into()],
                cuic: vec!["cuic1.example.com".into()],
                livedata: vec!["ld1.example.com".into()],
                ..Default::default()
            },
        ),
    ] {
        out.push((set.to_string(), files_in(&common::fixtures().join(set)), context));
    }
    out
}

/// Every string the certificates themselves carry (names, labels): hostile data, not our words.
fn certificate_values(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(text) if text.len() > 1 => out.push(text.clone()),
        serde_json::Value::Array(values) => {
            values.iter().for_each(|value| certificate_values(value, out))
        }
        serde_json::Value::Object(map) => {
            map.values().for_each(|value| certificate_values(value, out))
        }
        _ => {}
    }
}

/// Every text of a report a person reads, with where it is.
fn texts(report: &certcheck::Report) -> Vec<(String, String)> {
    let mut out = vec![("overview".to_string(), report.overview.clone())];
    for finding in &report.findings {
        out.push((format!("{} message", finding.id), finding.message.clone()));
        out.push((format!("{} fix", finding.id), finding.fix.clone()));
    }
    for item in &report.items {
        if let Some(error) = &item.error {
            out.push((format!("item {} error", item.index), error.clone()));
        }
    }
    for node in &report.upload_plan.nodes {
        for step in &node.steps {
            out.push(("upload plan".into(), step.text.clone()));
        }
    }
    for row in &report.checklist.rows {
        out.push((format!("checklist {}", row.url), row.outcome_text.clone()));
        out.push((format!("checklist {}", row.url), row.presents_text.clone()));
    }
    for integration in &report.integrations {
        out.push(("integration".into(), integration.text.clone()));
    }
    for server in &report.ecdsa_verdict.servers {
        out.push(("ecdsa".into(), server.text.clone()));
    }
    out.extend(report.tls.notes.iter().map(|note| ("tls".to_string(), note.clone())));
    out.extend(report.renewals.iter().map(|renewal| ("renewal".to_string(), renewal.text.clone())));
    // Whatever else the JSON carries for people (PKCS#12 details, CSR signature problems).
    let json = serde_json::to_value(report).expect("json");
    for item in json["items"].as_array().into_iter().flatten() {
        for text in [&item["pkcs12"]["detail"], &item["csr"]["signature_problem"]] {
            if let Some(text) = text.as_str() {
                out.push(("item detail".into(), text.to_string()));
            }
        }
    }
    out
}

#[test]
fn no_english_inside_a_translated_sentence() {
    let mut problems = Vec::new();
    let mut scanned = 0;
    for (name, files, context) in cases() {
        let inputs = inputs_of(&files);
        for lang in [Lang::Ja, Lang::ZhTw, Lang::PtBr] {
            let report = certcheck::check(&inputs, &context, common::TODAY, lang);
            let json = serde_json::to_value(&report).expect("json");
            let mut values = Vec::new();
            for item in json["items"].as_array().into_iter().flatten() {
                certificate_values(&item["label"], &mut values);
                certificate_values(&item["certificate"], &mut values);
                certificate_values(&item["csr"]["subject"], &mut values);
                certificate_values(&item["csr"]["san"], &mut values);
            }
            // Longest first, so a name is removed whole before a part of it.
            values.sort_by_key(|value| std::cmp::Reverse(value.len()));
            for (place, mut text) in texts(&report) {
                scanned += 1;
                for value in &values {
                    text = text.replace(value.as_str(), " ");
                }
                if let Some(english) = english_in(&text, lang) {
                    problems.push(format!("{name} {lang:?} {place}: {english:?} in {text:?}"));
                }
            }
        }
    }
    assert!(scanned > 2_000, "only {scanned} texts scanned");
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{} texts with English:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_guard_finds_english_where_it_is() {
    assert_eq!(
        english_in("CSR 自体の署名を検証できません: the signature does not match。", Lang::Ja),
        Some("the signature".into())
    );
    assert_eq!(english_in("缺少 none", Lang::ZhTw), Some("none".into()));
    assert_eq!(english_in("以 tomcat 上傳", Lang::ZhTw), None, "a store name is a value");
    assert_eq!(english_in("ausentes: none", Lang::PtBr), Some("none".into()));
    assert_eq!(english_in("読み取れません（詳細: bad length）", Lang::Ja), None);
    assert_eq!(english_in("uccx1.example.com に utils system restart を実行", Lang::Ja), None);
}
