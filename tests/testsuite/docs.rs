//! The documentation's examples work: the complete guide in docs/format.md
//! lints clean against the shipped catalog and renders.

use super::*;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The first ```yaml block of a Markdown file.
fn first_yaml_block(md: &str) -> String {
    let start = md.find("```yaml\n").expect("a yaml block") + "```yaml\n".len();
    let end = start + md[start..].find("\n```").expect("closed block");
    md[start..end].to_string() + "\n"
}

fn docs_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let md = std::fs::read_to_string(repo().join("docs/format.md")).unwrap();
    std::fs::create_dir_all(dir.path().join("content/guides")).unwrap();
    std::fs::create_dir_all(dir.path().join("content/labels")).unwrap();
    std::fs::write(
        dir.path().join("content/guides/example.yaml"),
        first_yaml_block(&md),
    )
    .unwrap();
    std::fs::copy(
        repo().join("content/labels/salesforce.yaml"),
        dir.path().join("content/labels/salesforce.yaml"),
    )
    .unwrap();
    std::fs::copy(repo().join("book.toml"), dir.path().join("book.toml")).unwrap();
    dir
}

#[test]
fn docs_example_lints_clean() {
    let dir = docs_project();
    let (code, out, err) = run_in(
        dir.path(),
        &["lint", "--level", "GS402=allow", "--deny", "warnings"],
    );
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn docs_example_renders_for_a_sandbox() {
    let dir = docs_project();
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "render",
            "example-api-user",
            "--set",
            "environment=acme--uat",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("https://acme--uat.sandbox.my.salesforce.com"),
        "{out}"
    );
    assert!(out.contains("api@example.com.uat"), "{out}");
}
