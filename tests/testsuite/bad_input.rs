//! Bad inputs that fixtures cannot hold (symlinks, huge files, the home
//! directory): each exits 2 with a message that says what to do.

use super::*;

fn clean_project() -> tempfile::TempDir {
    project(&fixtures().join("lint/clean"))
}

#[test]
fn a_symlink_loop_in_content_is_an_error() {
    let dir = clean_project();
    let guides = dir.path().join("content/guides");
    std::os::unix::fs::symlink(&guides, guides.join("loop")).unwrap();
    let (code, _, err) = run_in(dir.path(), &["lint"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("symlink loop at") && err.contains("remove the link"),
        "{err}"
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_without_reading_it() {
    let dir = clean_project();
    let big = format!(
        "id: x\nsummary: \"{}\"\n",
        "a".repeat(guidesmith::load::MAX_FILE_BYTES)
    );
    std::fs::write(dir.path().join("content/guides/big.yaml"), big).unwrap();
    let (code, _, err) = run_in(dir.path(), &["lint"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("big.yaml") && err.contains("the limit is 4194304 bytes"),
        "{err}"
    );
}

#[test]
fn deep_nesting_is_refused() {
    let dir = clean_project();
    let deep = format!("id: {}{}\n", "[".repeat(200), "]".repeat(200));
    std::fs::write(dir.path().join("content/guides/deep.yaml"), deep).unwrap();
    let (code, _, err) = run_in(dir.path(), &["lint"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("deep.yaml:1:5"), "{err}");
}

#[test]
fn deep_nesting_in_an_untyped_field_hits_the_depth_limit() {
    let source = format!(
        "text: x\n{}",
        (0..40)
            .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
            .collect::<String>()
    );
    let d = guidesmith::load::parse_yaml::<std::collections::BTreeMap<String, serde_json::Value>>(
        Path::new("d.yaml"),
        &source,
    )
    .unwrap_err();
    assert!(d.message.contains("limits"), "{}", d.message);
}

#[test]
fn build_refuses_the_home_directory() {
    let dir = clean_project();
    let home = tempfile::tempdir().unwrap();
    let toml = format!("[book]\nbuild-dir = \"{}\"\n", home.path().display());
    std::fs::write(dir.path().join("book.toml"), toml).unwrap();
    let out = assert_cmd::Command::cargo_bin("guidesmith")
        .unwrap()
        .current_dir(dir.path())
        .env("HOME", home.path())
        .arg("build")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("refusing to build into the home directory"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 0);
}
