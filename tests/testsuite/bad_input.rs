//! Bad inputs that fixtures cannot hold (symlinks, huge files, the home
//! directory): each exits 2 with a message that says what to do.

use super::*;

fn clean_project() -> tempfile::TempDir {
    project(&fixtures().join("lint/clean"))
}

/// `guidesmith ARGS` in `dir` exits 2 with every one of `needles` in its error output.
fn fails_with(dir: &Path, args: &[&str], needles: &[&str]) -> String {
    let (code, _, err) = run_in(dir, args);
    assert_eq!(code, 2, "{err}");
    for n in needles {
        assert!(err.contains(n), "`{n}` missing from: {err}");
    }
    err
}

#[test]
fn a_symlink_loop_in_content_is_an_error() {
    let dir = clean_project();
    let guides = dir.path().join("content/guides");
    std::os::unix::fs::symlink(&guides, guides.join("loop")).unwrap();
    fails_with(
        dir.path(),
        &["lint"],
        &["symlink loop at", "remove the link"],
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
    fails_with(
        dir.path(),
        &["lint"],
        &["big.yaml", "the limit is 4194304 bytes"],
    );
}

#[test]
fn deep_nesting_is_refused() {
    let dir = clean_project();
    let deep = format!("id: {}{}\n", "[".repeat(200), "]".repeat(200));
    std::fs::write(dir.path().join("content/guides/deep.yaml"), deep).unwrap();
    fails_with(dir.path(), &["lint"], &["deep.yaml:1:5"]);
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

fn set_book(dir: &Path, extra: &str) {
    let toml = std::fs::read_to_string(dir.join("book.toml")).unwrap();
    std::fs::write(
        dir.join("book.toml"),
        toml.replace("[book]", &format!("[book]\n{extra}")),
    )
    .unwrap();
}

#[test]
fn regression_build_never_overwrites_a_file_it_did_not_write() {
    let dir = clean_project();
    std::fs::create_dir_all(dir.path().join("build")).unwrap();
    std::fs::write(dir.path().join("build/index.html"), "my own page").unwrap();
    let (code, _, err) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("refusing to overwrite 1 file that guidesmith did not write")
            && err.contains("index.html"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("build/index.html")).unwrap(),
        "my own page"
    );
}

#[test]
fn regression_mdbook_tree_never_overwrites_a_users_summary() {
    let dir = clean_project();
    std::fs::create_dir_all(dir.path().join("book/src")).unwrap();
    std::fs::write(dir.path().join("book/src/SUMMARY.md"), "# Mine\n").unwrap();
    let (code, _, err) = run_in(dir.path(), &["build", "--mdbook", "book"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("SUMMARY.md"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("book/src/SUMMARY.md")).unwrap(),
        "# Mine\n"
    );
    assert!(
        !dir.path().join("build").exists(),
        "a refused build publishes nothing"
    );
}

#[test]
fn regression_mdbook_tree_may_not_overlap_the_build_dir() {
    let dir = clean_project();
    let (code, _, err) = run_in(dir.path(), &["build", "--mdbook", "build"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("overlaps the build directory"), "{err}");
    assert!(
        !dir.path().join("build/index.html").exists(),
        "nothing built before the refusal"
    );
}

#[test]
fn regression_a_failed_render_leaves_no_temporary_file() {
    let dir = clean_project();
    std::fs::create_dir_all(dir.path().join("out")).unwrap();
    let (code, _, err) = run_in(
        dir.path(),
        &["render", "clean", "--set", "environment=acme", "-o", "out"],
    );
    assert_eq!(code, 2, "{err}");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert!(
        !left
            .iter()
            .any(|n| n.to_string_lossy().contains("guidesmith-tmp")),
        "{left:?}"
    );
}

#[test]
fn a_build_dir_that_is_a_file_or_empty_is_refused() {
    for (setting, message) in [
        ("build-dir = \"book.toml\"", "it is a file"),
        ("build-dir = \"\"", "`build-dir` is empty"),
    ] {
        let dir = clean_project();
        set_book(dir.path(), setting);
        let (code, _, err) = run_in(dir.path(), &["build"]);
        assert_eq!(code, 2, "{setting}: {err}");
        assert!(err.contains(message), "{setting}: {err}");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert!(
            !left
                .iter()
                .any(|n| n.to_string_lossy().contains("guidesmith-")),
            "{left:?}"
        );
    }
}
