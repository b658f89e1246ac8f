//! The README's rule tables and release-facts table are generated from their registries and must
//! not drift.

#[test]
fn readme_rule_table_matches_the_registry() {
    table_matches("rules", &certcheck::rules::markdown_table());
}

#[test]
fn readme_probe_rule_table_matches_the_registry() {
    table_matches("probe-rules", &certcheck::probe::rules::markdown_table());
}

#[test]
fn readme_release_facts_table_matches_the_table() {
    table_matches("release-facts", &certcheck::deployment::facts::markdown_table());
}

fn table_matches(marker: &str, expected: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let begin = format!("<!-- {marker}:begin -->\n");
    let start = readme.find(&begin).expect("begin marker") + begin.len();
    let end = readme.find(&format!("<!-- {marker}:end -->")).expect("end marker");
    if readme[start..end] != *expected {
        if std::env::var_os("UPDATE_README").is_some() {
            let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
            std::fs::write(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"),
                updated,
            )
            .expect("write README");
            return;
        }
        panic!("README rule table is out of date: run UPDATE_README=1 cargo test --test readme");
    }
}
