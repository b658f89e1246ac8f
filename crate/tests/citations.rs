//! Every citation names a seed that exists and, where it names a section, a heading that seed
//! really has (as the document writes it). Citations are read from every string literal of the
//! source that names a seed file, so a new one is checked the day it is written.

use std::path::{Path, PathBuf};

/// The seeds: `shared/seeds` beside the repository (as the workplace and CI lay it out).
fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds")
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The documents beyond the seeds: `shared/spec/cisco-now.md`, what Cisco's current documents say.
fn cisco_now() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/spec/cisco-now.md");
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path:?}: {error}"))
}

/// The documents found beyond cisco-now.md: docs/sources.md in this repository.
fn found_sources() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/sources.md");
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path:?}: {error}"))
}

/// Text compared as a person reads it: no Markdown emphasis, whitespace collapsed.
fn plain(text: &str) -> String {
    text.replace('*', "").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a citation starts with a seed file name or a document key of the registry.
fn is_citation(text: &str) -> bool {
    let is_seed = text.len() > 24
        && text.as_bytes()[..3].iter().all(u8::is_ascii_digit)
        && text[3..].starts_with('_')
        && text[20..].starts_with(".txt");
    is_seed
        || certcheck::report::sources::DOCUMENTS
            .iter()
            .any(|(key, ..)| text.starts_with(&format!("{key} § ")))
}

/// The citation strings: string literals (escapes read) that start with a seed file name or a
/// document key.
fn citations() -> Vec<(String, String)> {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read source");
        let mut chars = text.chars().peekable();
        let mut literal: Option<String> = None;
        while let Some(c) = chars.next() {
            match (&mut literal, c) {
                (None, '"') => literal = Some(String::new()),
                (None, _) => {}
                (Some(current), '\\') => {
                    if let Some(next) = chars.next() {
                        current.push(next);
                    }
                }
                (Some(current), '"') => {
                    if is_citation(current) {
                        out.push((file.display().to_string(), current.clone()));
                    }
                    literal = None;
                }
                (Some(current), c) => current.push(c),
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_document_of_the_registry_is_one_of_cisco_now() {
    let now = cisco_now() + &found_sources();
    for (key, title, _, address) in certcheck::report::sources::DOCUMENTS {
        assert!(
            now.contains(&format!("| {key} |")),
            "{key} is in neither cisco-now.md's table nor docs/sources.md's"
        );
        assert!(!title.is_empty());
        assert!(
            address.is_empty() || now.contains(address),
            "{key}: {address} not in cisco-now.md"
        );
    }
}

#[test]
fn every_cited_seed_and_section_exists() {
    let dir = seeds();
    assert!(dir.exists(), "the seeds are not at {dir:?} (shared/ beside the repository)");
    let now = plain(&(cisco_now() + &found_sources()));
    let mut problems = Vec::new();
    let found = citations();
    assert!(found.len() >= 20, "only {} citations found", found.len());
    let documents = found.iter().filter(|(_, citation)| citation.contains(" § \"")).count();
    assert!(documents >= 8, "only {documents} citations of cisco-now documents found");
    for (source, citation) in found {
        let mut file: Option<String> = None;
        for part in citation.split(';').map(str::trim) {
            let (name, heading) = match part.split_once('§') {
                Some((name, heading)) => (name.trim(), Some(heading.trim())),
                None => (part, None),
            };
            if !name.is_empty() {
                // Nothing but the file name: a note of ours ("(ports)") is not the document's.
                if name.contains(char::is_whitespace) {
                    problems.push(format!("{source}: {citation:?}: a note after {name:?}"));
                }
                file = Some(name.to_string());
            }
            let Some(file) = &file else {
                problems.push(format!("{source}: {citation:?}: a section without a file"));
                continue;
            };
            if certcheck::report::sources::document(file).is_some() {
                // A document of cisco-now.md: the sentence quoted must be there, word for word.
                let quote = heading.map(|quote| quote.trim_matches('"')).unwrap_or_default();
                if quote.is_empty() || !now.contains(&plain(quote)) {
                    problems.push(format!("{source}: {citation:?}: cisco-now.md has no {quote:?}"));
                }
                continue;
            }
            let Ok(text) = std::fs::read_to_string(dir.join(file)) else {
                problems.push(format!("{source}: {citation:?}: no seed {file}"));
                continue;
            };
            if let Some(heading) = heading {
                // Exactly as the document writes it (the table of contents escapes brackets).
                let is_heading = |line: &str| line.trim().trim_start_matches('#').trim() == heading;
                if !text.lines().any(is_heading) {
                    problems
                        .push(format!("{source}: {citation:?}: {file} has no heading {heading:?}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn people_see_each_seed_by_the_title_it_carries() {
    let dir = seeds();
    for entry in std::fs::read_dir(&dir).expect("seeds").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(entry.path()).expect("seed");
        let first = text
            .lines()
            .map(|line| line.trim().trim_start_matches('#').trim())
            .find(|line| !line.is_empty());
        let shown = certcheck::report::sources::display(&name);
        assert!(!shown.contains(".txt"), "{name} is shown as its file name");
        // 004 has no title line (it opens with its overview heading): it is named by its subject.
        if first != Some("概要") {
            assert_eq!(Some(shown.as_str()), first, "{name}");
        }
    }
}
