//! Output safety of `render -o` and `build`: nothing written on failure,
//! existing output untouched, deterministic builds, refused build dirs.

use super::*;

fn values_project() -> tempfile::TempDir {
    project(&fixtures().join("values/_project"))
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn render_writes_the_output_file() {
    let dir = values_project();
    let args = [
        "render",
        "values",
        "--set",
        "environment=acme",
        "--set",
        "company=X",
        "-o",
        "out/acme.md",
    ];
    let (code, _, err) = run_in(dir.path(), &args);
    assert_eq!(code, 0, "{err}");
    assert!(read(&dir.path().join("out/acme.md")).contains("https://acme.my.salesforce.com/"));
}

#[test]
fn render_with_a_bad_value_leaves_the_existing_output_untouched() {
    let dir = values_project();
    std::fs::write(dir.path().join("acme.md"), "previous").unwrap();
    let args = [
        "render",
        "values",
        "--set",
        "environment=login.salesforce.com",
        "-o",
        "acme.md",
    ];
    let (code, out, _) = run_in(dir.path(), &args);
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(read(&dir.path().join("acme.md")), "previous");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn render_with_a_bad_value_creates_no_output_file() {
    let dir = values_project();
    let (code, _, _) = run_in(
        dir.path(),
        &["render", "values", "--set", "company=X", "-o", "new.md"],
    );
    assert_eq!(code, 2);
    assert!(!dir.path().join("new.md").exists());
}

fn build_files(root: &Path) -> Vec<(String, Vec<u8>)> {
    let build = root.join("build");
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(&build)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&build).unwrap().display().to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn build_writes_index_guide_markdown_and_checklist() {
    let dir = values_project();
    let (code, _, err) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 0, "{err}");
    let names: Vec<String> = build_files(dir.path())
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    for want in [
        "index.html",
        "404.html",
        "guides/values.html",
        "guides/values.md",
        "guides/values-checklist.html",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} missing: {names:?}");
    }
    let page = read(&dir.path().join("build/guides/values.html"));
    assert!(
        page.contains("data-ph=\"environment.host\""),
        "placeholders are tokens on the site"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let dir = values_project();
    assert_eq!(run_in(dir.path(), &["build"]).0, 0);
    let first = build_files(dir.path());
    assert_eq!(run_in(dir.path(), &["build"]).0, 0);
    assert_eq!(first, build_files(dir.path()));
}

#[test]
fn failed_build_leaves_the_previous_site() {
    let dir = values_project();
    assert_eq!(run_in(dir.path(), &["build"]).0, 0);
    let before = build_files(dir.path());
    let guide = dir.path().join("content/guides/g.yaml");
    let broken = read(&guide).replace("{{ company }}`", "{{ compnay }}`");
    std::fs::write(&guide, broken).unwrap();
    let (code, _, err) = run_in(dir.path(), &["build"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("placeholder `compnay` is not declared"),
        "{err}"
    );
    assert_eq!(before, build_files(dir.path()));
}

#[test]
fn build_keeps_files_it_did_not_write() {
    let dir = values_project();
    std::fs::create_dir_all(dir.path().join("build/.git")).unwrap();
    std::fs::write(dir.path().join("build/.git/HEAD"), "ref").unwrap();
    std::fs::write(dir.path().join("build/NOTES.txt"), "mine").unwrap();
    assert_eq!(run_in(dir.path(), &["build"]).0, 0);
    assert_eq!(read(&dir.path().join("build/NOTES.txt")), "mine");
    assert_eq!(read(&dir.path().join("build/.git/HEAD")), "ref");
}

#[test]
fn build_refuses_the_project_root_and_the_content_dir() {
    for build_dir in [".", "content", "content/site", "/"] {
        let dir = values_project();
        let toml = read(&dir.path().join("book.toml"))
            .replace("[book]", &format!("[book]\nbuild-dir = \"{build_dir}\""));
        std::fs::write(dir.path().join("book.toml"), toml).unwrap();
        let (code, _, err) = run_in(dir.path(), &["build"]);
        assert_eq!(code, 2, "{build_dir}: {err}");
        assert!(err.contains("refusing to build into"), "{build_dir}: {err}");
        assert!(!dir.path().join("index.html").exists());
        assert!(!dir.path().join("content/index.html").exists());
    }
}

#[test]
fn lint_fix_rewrites_retired_labels_and_nothing_else() {
    let dir = project(&fixtures().join("fix/_project"));
    let guide = dir.path().join("content/guides/g.yaml");
    let before = read(&guide);
    let (code, _, err) = run_in(dir.path(), &["lint", "--fix"]);
    assert!(err.contains("fixed 8 labels"), "{err}");
    let after = read(&guide);
    let expected = before
        .replace("[[New Connected App]]", "[[New External Client App]]")
        .replace("> New Connected App]]", "> New External Client App]]")
        .replace(
            "[[Owner''s Inbox]] then [[Owner’s Inbox]]",
            "[[Owner''s Queue]] then [[Owner''s Queue]]",
        )
        .replace(
            "[[Territories]]\\tand \\\"[[Owner's Inbox]]",
            "[[Sales Territories]]\\tand \\\"[[Owner's Queue]]",
        )
        .replace("the [[Territories]]", "the [[Sales Territories]]")
        .replace("**Territories** again", "**Sales Territories** again");
    assert_eq!(after, expected);
    assert_eq!(code, 0, "no errors left after the fix: {err}");
    let (_, out, _) = run_in(dir.path(), &["lint", "--format", "json"]);
    assert!(!out.contains("GS102") && !out.contains("GS107"), "{out}");
}

#[test]
fn lint_without_fix_changes_no_file() {
    let dir = project(&fixtures().join("fix/_project"));
    let guide = dir.path().join("content/guides/g.yaml");
    let before = read(&guide);
    let (code, _, _) = run_in(dir.path(), &["lint"]);
    assert_eq!(code, 1);
    assert_eq!(read(&guide), before);
}
