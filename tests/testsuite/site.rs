//! The built site as files: every page is valid HTML (html-validate), no
//! internal link or anchor is broken, and field failures C14, C17 and C18.

use std::process::Command;

use guidesmith::site::links;

use super::serve::Server;
use super::*;

/// Build `dir` and return every file of its build directory.
fn built(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let (code, _, err) = run_in(dir, &["build"]);
    assert_eq!(code, 0, "{err}");
    let build = dir.join("build");
    walkdir::WalkDir::new(&build)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&build).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn shipped_content() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("book.toml"), dir.path().join("book.toml")).unwrap();
    copy_tree(&root.join("content"), &dir.path().join("content"));
    dir
}

fn c_fixture(name: &str) -> tempfile::TempDir {
    project(&fixtures().join("site").join(name))
}

#[test]
fn no_internal_link_or_anchor_is_broken() {
    for (name, dir, site_path) in [
        ("shipped content", shipped_content(), "/"),
        ("browser fixture", serve::site_project(), "/"),
        ("C17 anchors", c_fixture("c17-anchors"), "/"),
        (
            "C18 sub-path",
            c_fixture("c18-sub-path"),
            "/setup-guides/northwind/",
        ),
    ] {
        let files = built(dir.path());
        assert!(files.len() > 8, "{name}");
        let problems = links::check(&files, site_path);
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
    }
}

#[test]
fn every_generated_page_is_valid_html() {
    let Some(cli) = tools::html_validate() else {
        return;
    };
    for dir in [
        shipped_content(),
        serve::site_project(),
        c_fixture("c17-anchors"),
    ] {
        built(dir.path());
        let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/htmlvalidate.json");
        let out = Command::new("node")
            .arg(&cli)
            .arg("--config")
            .arg(&config)
            .arg(dir.path().join("build/**/*.html"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// C14: a fenced block, a second paragraph, a nested list and a table in step
/// 2 and a skipped conditional step 3: the guide, Markdown and checklist all
/// number the visible steps 1, 2, 3.
#[test]
fn c14_numbering_survives_block_content_and_skipped_steps() {
    let dir = c_fixture("c14-numbering");
    let base = ["--set", "sso_enabled=false", "c14"];
    for (format, pattern) in [
        ("markdown", "### Step {n}:"),
        ("html", "<span class=\"gs-step-number\">Step {n}</span>"),
        ("checklist", "<span class=\"gs-step-number\">{n}.</span>"),
    ] {
        let mut args = vec!["render", "--format", format];
        args.extend(base);
        let (code, out, err) = run_in(dir.path(), &args);
        assert_eq!(code, 0, "{err}");
        let numbers: Vec<usize> = (1..=4)
            .filter(|n| out.contains(&pattern.replace("{n}", &n.to_string())))
            .collect();
        assert_eq!(numbers, vec![1, 2, 3], "{format}:\n{out}");
        let heading = out.rfind("Fourth step").unwrap();
        let nearest = (1..=4)
            .filter_map(|n| {
                let at = out[..heading].rfind(&pattern.replace("{n}", &n.to_string()));
                at.map(|i| (i, n))
            })
            .max()
            .map(|(_, n)| n);
        assert_eq!(nearest, Some(3), "{format}: the fourth step is number 3");
        assert!(
            !out.contains("Only with SSO"),
            "{format}: the skipped step is gone"
        );
    }
}

/// C17: ids from `Vérifier l’accès`, `Setup`, `Setup 2`, `設定の確認`, `✅ !!!`
/// are non-empty, unique, and `#setup` links reach their step.
#[test]
fn c17_anchors_are_unique_and_links_resolve() {
    let dir = c_fixture("c17-anchors");
    let files = built(dir.path());
    let page = files
        .iter()
        .find(|(p, _)| p == Path::new("guides/c17.html"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .unwrap();
    let mut ids: Vec<&str> = page
        .split(" id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert!(
        ids.iter()
            .all(|i| !i.is_empty() && !i.contains(char::is_whitespace)),
        "{ids:?}"
    );
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicate ids: {ids:?}");
    for want in [
        "step-Setup",
        "step-Setup_20_2",
        "step-Setup-2",
        "step-設定の確認",
    ] {
        assert!(ids.contains(&want), "{want} in {ids:?}");
    }
    assert!(
        page.contains("href=\"#step-Setup\""),
        "the body link points at the step"
    );
    assert!(links::check(&files, "/").is_empty());
}

/// C18: served under `/setup-guides/northwind/`, every page and the 404 page
/// for a deep missing URL resolve inside the sub-path.
#[test]
fn c18_site_works_under_a_sub_path() {
    let dir = c_fixture("c18-sub-path");
    let files = built(dir.path());
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for bad in ["href=\"/", "src=\"/"] {
            for (i, _) in text.match_indices(bad) {
                assert!(
                    text[i..].starts_with(&format!("{bad}setup-guides/northwind/")),
                    "{}: {}",
                    path.display(),
                    &text[i..(i + 60).min(text.len())]
                );
            }
        }
    }
    let server = Server::start(dir.path());
    let (code, body) = server.get("/setup-guides/northwind/no/such/page");
    assert_eq!(code, 404);
    assert!(
        body.contains("<style>") && body.contains("href=\"/setup-guides/northwind/index.html\""),
        "{body}"
    );
    let (code, _) = server.get("/setup-guides/northwind/index.html");
    assert_eq!(code, 200);
    let (code, _) = server.get("/setup-guides/northwind/assets/style.css");
    assert_eq!(code, 200);
    let (code, _) = server.get("/");
    assert_eq!(code, 302, "the bare root redirects into the sub-path");
}
