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

/// The citation strings: literals that start with a seed file name.
fn citations() -> Vec<(String, String)> {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read source");
        for (at, _) in text.match_indices('"') {
            let rest = &text[at + 1..];
            let is_seed = rest.len() > 24
                && rest.as_bytes()[..3].iter().all(u8::is_ascii_digit)
                && rest[3..].starts_with('_')
                && rest[20..].starts_with(".txt");
            if !is_seed {
                continue;
            }
            if let Some(end) = rest.find('"') {
                out.push((file.display().to_string(), rest[..end].to_string()));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_cited_seed_and_section_exists() {
    let dir = seeds();
    assert!(dir.exists(), "the seeds are not at {dir:?} (shared/ beside the repository)");
    let mut problems = Vec::new();
    let found = citations();
    assert!(found.len() >= 20, "only {} citations found", found.len());
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
