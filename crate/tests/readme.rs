//! The README's rule table is generated from the registry and must not drift.

#[test]
fn readme_rule_table_matches_the_registry() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let start = readme.find("<!-- rules:begin -->\n").expect("begin marker")
        + "<!-- rules:begin -->\n".len();
    let end = readme.find("<!-- rules:end -->").expect("end marker");
    let expected = certcheck::rules::markdown_table();
    if readme[start..end] != expected {
        if std::env::var_os("UPDATE_README").is_some() {
            let updated = format!("{}{}{}", &readme[..start], expected, &readme[end..]);
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
