//! `guidesmith init`: a new project lints clean and builds; `--theme`
//! writes the theme out; nothing existing is ever overwritten.

use super::*;

#[test]
fn init_creates_a_project_that_lints_clean_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run_in(dir.path(), &["init", "docs"]);
    assert_eq!(code, 0, "{err}");
    let project = dir.path().join("docs");
    for f in [
        "book.toml",
        "content/guides/example-api-user.yaml",
        "content/labels/salesforce.yaml",
    ] {
        assert!(project.join(f).is_file(), "{f}");
    }
    let (code, out, err) = run_in(&project, &["lint"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("0 errors") || err.contains("0 errors"),
        "{out}{err}"
    );
    let (code, _, err) = run_in(&project, &["build"]);
    assert_eq!(code, 0, "{err}");
    assert!(project.join("build/guides/example-api-user.html").is_file());
}

#[test]
fn init_refuses_to_overwrite_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("book.toml"), "# mine\n").unwrap();
    let (code, _, err) = run_in(dir.path(), &["init"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("refusing to overwrite") && err.contains("book.toml"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("book.toml")).unwrap(),
        "# mine\n"
    );
    assert!(!dir.path().join("content").exists(), "nothing else written");
}

#[test]
fn init_theme_writes_the_default_theme_and_the_build_uses_it() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run_in(dir.path(), &["init", "--theme"]);
    assert_eq!(code, 0, "{err}");
    let theme = dir.path().join("theme");
    for f in [
        "guide.html",
        "checklist.html",
        "index.html",
        "404.html",
        "style.css",
        "print.css",
        "guidesmith.js",
    ] {
        let built_in = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("themes/default")
                .join(f),
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(theme.join(f)).unwrap(),
            built_in,
            "{f}"
        );
    }
    std::fs::write(
        theme.join("style.css"),
        "/* edited */ body { color: black; }",
    )
    .unwrap();
    let (code, _, err) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{err}");
    let css = std::fs::read_to_string(dir.path().join("build/assets/style.css")).unwrap();
    assert!(css.contains("/* edited */"), "the project's theme is used");
    // In an existing project, --theme writes only the theme, and refuses twice.
    let (code, _, err) = run_in(dir.path(), &["init", "--theme"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("theme/guide.html"), "{err}");
}
