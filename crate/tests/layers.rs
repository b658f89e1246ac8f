//! The folders of `crate/src` are layers, and a layer only uses layers below it: the tree reads as
//! the data flow (bytes → input → x509 → chain → deployment → analysis → rules → advice → report →
//! probe → wasm / CLI). This test reads every `crate::…` path in the code (comments and doc links left out)
//! and fails when a module uses a higher layer, or when two modules use each other.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Layers from the bottom; a module may use its own layer's modules and every layer before it.
const LAYERS: &[&[&str]] = &[
    &["i18n", "limits", "error", "dates", "order"],
    &["input"],
    &["x509"],
    &["chain"],
    &["deployment"],
    &["analysis"],
    &["rules"],
    &["advice"],
    &["report"],
    &["probe"],
    &["wasm"],
];

fn layer_of(module: &str) -> Option<usize> {
    let top = module.split("::").next()?;
    LAYERS.iter().position(|layer| layer.contains(&top))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir).expect("read src").flatten().collect();
    entries.sort_by_key(|entry| entry.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// `x509/certificate.rs` → `x509::certificate`; `chain/mod.rs` → `chain`.
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).expect("under src").with_extension("");
    let parts: Vec<String> =
        relative.iter().map(|part| part.to_string_lossy().into_owned()).collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).filter(|part| *part != "mod").collect();
    parts.join("::")
}

/// The code of a file without comments and without its `#[cfg(test)]` module at the end.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every module named by a `crate::a::b…` path, including those inside `use crate::a::{b, c::d}`.
fn used_modules(code: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let path: String =
            rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
        // The longest prefix of the path that is a module of ours.
        let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        for length in (1..=segments.len()).rev() {
            let candidate = segments[..length].join("::");
            if known.contains(&candidate) {
                used.insert(candidate.clone());
                // `use crate::chain::{profile, Chain}`: the braces may name submodules.
                let after = &rest[path.len()..];
                if length == segments.len() && after.starts_with('{') {
                    let inner = &after[1..after.find('}').unwrap_or(after.len())];
                    for name in inner.split(',') {
                        let name = name.trim().split("::").next().unwrap_or("").trim();
                        let sub = format!("{candidate}::{name}");
                        if known.contains(&sub) {
                            used.insert(sub);
                        }
                    }
                }
                break;
            }
        }
    }
    used
}

#[test]
fn lower_layers_never_use_higher_ones_and_modules_have_no_cycles() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let files: Vec<(String, PathBuf)> = files
        .into_iter()
        .filter(|file| !file.starts_with(src.join("bin")) && !file.ends_with("lib.rs"))
        .map(|file| (module_of(&src, &file), file))
        .collect();
    let known: BTreeSet<String> = files.iter().map(|(module, _)| module.clone()).collect();

    let mut problems = Vec::new();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, file) in &files {
        let Some(own) = layer_of(module) else {
            problems.push(format!("{module}: not in any layer of LAYERS"));
            continue;
        };
        let text = fs::read_to_string(file).expect("read file");
        let used = used_modules(&code(&text), &known);
        for other in &used {
            if other == module {
                continue;
            }
            // A parent may use its own submodules; a submodule its parent's items.
            if let Some(layer) = layer_of(other) {
                if layer > own {
                    problems.push(format!("{module} (layer {own}) uses {other} (layer {layer})"));
                }
            }
            graph.entry(module.clone()).or_default().insert(other.clone());
        }
    }

    // Cycles: a module reaching itself through others (a parent using its child is not a cycle
    // unless the child uses it back).
    for start in graph.keys() {
        let mut stack: Vec<(String, Vec<String>)> = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            for next in graph.get(&at).into_iter().flatten() {
                if next == start {
                    problems.push(format!("cycle: {} → {start}", path.join(" → ")));
                } else if seen.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "layering broken:\n{}", problems.join("\n"));
}

#[test]
fn the_layer_list_finds_real_uses() {
    // The scanner itself: a path into a higher layer is seen, braces included.
    let known: BTreeSet<String> = ["chain", "chain::profile", "x509", "x509::certificate"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let used = used_modules(
        "use crate::chain::{profile, Chain};\nlet a = crate::x509::certificate::Certificate::parse(x);",
        &known,
    );
    assert_eq!(
        used.into_iter().collect::<Vec<_>>(),
        vec!["chain", "chain::profile", "x509::certificate"]
    );
    assert_eq!(code("let a = 1; // crate::report\n"), "let a = 1; ");
}
