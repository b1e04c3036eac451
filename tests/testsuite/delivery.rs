//! Delivering to customers: PDF checklists, provenance, shareable links,
//! the mdBook tree and `new guide`.

use std::process::Command;

use super::*;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the shipped project (book.toml and content/).
fn shipped() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&repo().join("content"), &dir.path().join("content"));
    std::fs::copy(repo().join("book.toml"), dir.path().join("book.toml")).unwrap();
    dir
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

const GUIDE: &str = "salesforce-api-user";

/// `guidesmith render GUIDE --set environment=ENV EXTRA...` in `dir`.
fn render_guide(dir: &Path, env: &str, extra: &[&str]) -> (i32, String, String) {
    let set = format!("environment={env}");
    let mut args = vec!["render", GUIDE, "--set", &set];
    args.extend_from_slice(extra);
    run_in(dir, &args)
}

fn step_titles(dir: &Path) -> Vec<String> {
    let (_, md, _) = render_guide(dir, "acme-corp", &[]);
    md.lines()
        .filter_map(|l| l.strip_prefix("### Step "))
        .map(|l| l.split_once(": ").unwrap().1.replace("**", ""))
        .collect()
}

fn chromium_and_pdftotext() -> Option<()> {
    let has = |cmd: &str| Command::new(cmd).arg("-v").output().is_ok();
    tools::require(
        "chromium",
        "apt-get install chromium",
        guidesmith::pdf::find_chromium(None).is_ok(),
    )?;
    tools::require(
        "pdftotext and pdfinfo",
        "apt-get install poppler-utils",
        has("pdftotext") && has("pdfinfo"),
    )
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pdf_info(pdf: &Path) -> String {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn pdf_checklist_has_every_step_the_values_and_no_secret() {
    let Some(()) = chromium_and_pdftotext() else {
        return;
    };
    let dir = shipped();
    let (code, _, err) = render_guide(
        dir.path(),
        "acme-corp",
        &["--format", "pdf", "-o", "acme.pdf"],
    );
    assert_eq!(code, 0, "{err}");
    let pdf = dir.path().join("acme.pdf");
    let text = pdf_text(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for title in step_titles(dir.path()) {
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            text.contains(&title),
            "step `{title}` missing from the PDF:\n{text}"
        );
    }
    assert!(
        text.contains("acme-corp.my.salesforce.com/services/oauth2/callback"),
        "{text}"
    );
    assert!(
        text.contains("Guide salesforce-api-user · version"),
        "provenance footer: {text}"
    );
    let info = pdf_info(&pdf);
    assert!(
        info.contains("Page size:") && info.contains("595"),
        "A4 by default: {info}"
    );
    assert!(
        info.contains("Keywords:") && info.contains("guidesmith-provenance"),
        "{info}"
    );
}

#[test]
fn pdf_on_letter_paper() {
    let Some(()) = chromium_and_pdftotext() else {
        return;
    };
    let dir = shipped();
    let extra = ["--format", "pdf", "--paper", "letter", "-o", "l.pdf"];
    let (code, _, err) = render_guide(dir.path(), "acme", &extra);
    assert_eq!(code, 0, "{err}");
    let info = pdf_info(&dir.path().join("l.pdf"));
    assert!(info.contains("612 x 792"), "US Letter: {info}");
    let extra = ["--format", "guide-pdf", "--paper", "a4", "-o", "g.pdf"];
    let (code, _, err) = render_guide(dir.path(), "acme", &extra);
    assert_eq!(code, 0, "{err}");
    let info = pdf_info(&dir.path().join("g.pdf"));
    assert!(info.contains("(A4)"), "regression: guide-pdf on A4: {info}");
}

#[test]
fn pdf_without_chromium_says_how_to_install_it_and_writes_nothing() {
    let dir = shipped();
    let out = assert_cmd::Command::cargo_bin("guidesmith")
        .unwrap()
        .current_dir(dir.path())
        .env("PATH", "/nonexistent")
        .env_remove("GUIDESMITH_CHROMIUM")
        .args([
            "render",
            GUIDE,
            "--set",
            "environment=acme",
            "--format",
            "pdf",
            "-o",
            "x.pdf",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("PDF output needs Chromium") && err.contains("apt-get install chromium"),
        "{err}"
    );
    assert!(!dir.path().join("x.pdf").exists());
}

#[test]
fn pdf_needs_an_output_file() {
    let dir = shipped();
    let (code, _, err) = render_guide(dir.path(), "acme", &["--format", "pdf"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("-o FILE"), "{err}");
}

fn change_step(dir: &Path, step: &str) {
    let path = dir.join("content/guides/salesforce-api-user.yaml");
    let text = read(&path);
    let at = text
        .find(&format!("id: {step}\n"))
        .unwrap_or_else(|| panic!("step {step}"));
    let title = at + text[at..].find("title: ").unwrap() + "title: ".len();
    let mut changed = text.clone();
    changed.insert_str(title, "Now ");
    std::fs::write(&path, changed).unwrap();
}

#[test]
fn provenance_round_trip_names_the_changed_step() {
    let dir = shipped();
    for (format, file) in [
        ("markdown", "acme.md"),
        ("html", "acme.html"),
        ("checklist", "acme-checklist.html"),
    ] {
        let (code, _, err) = render_guide(dir.path(), "acme", &["--format", format, "-o", file]);
        assert_eq!(code, 0, "{err}");
        let (code, out, err) = run_in(dir.path(), &["provenance", file]);
        assert_eq!(code, 0, "{out}{err}");
        assert!(
            out.contains("made from guide `salesforce-api-user`") && out.contains("unchanged"),
            "{out}"
        );
        assert!(
            !read(&dir.path().join(file)).contains("guidesmith-provenance\": \"acme"),
            "values never in metadata"
        );
    }
    change_step(dir.path(), "user-details");
    for file in ["acme.md", "acme.html", "acme-checklist.html"] {
        let (code, out, _) = run_in(dir.path(), &["provenance", file]);
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains("changed: step `user-details`"),
            "{file}: {out}"
        );
        assert_eq!(out.matches("changed: step").count(), 1, "{out}");
    }
}

#[test]
fn provenance_of_a_file_without_it_is_an_error() {
    let dir = shipped();
    std::fs::write(dir.path().join("plain.md"), "# Just a file\n").unwrap();
    let (code, _, err) = run_in(dir.path(), &["provenance", "plain.md"]);
    assert_eq!(code, 2);
    assert!(err.contains("carries no guidesmith provenance"), "{err}");
}

#[test]
fn provenance_metadata_never_holds_the_values() {
    let dir = shipped();
    let (_, md, _) = render_guide(dir.path(), "zebra-unique-org", &[]);
    let front = md.split("\n---\n").next().unwrap();
    assert!(
        front.contains("values_hash") && !front.contains("zebra-unique-org"),
        "{front}"
    );
}

#[test]
fn link_prefills_the_form_with_validated_values() {
    let dir = shipped();
    let toml = read(&dir.path().join("book.toml")).replace(
        "site-url = \"/\"",
        "site-url = \"https://docs.example.com/setup\"",
    );
    std::fs::write(dir.path().join("book.toml"), toml).unwrap();
    let (code, out, err) = run_in(
        dir.path(),
        &[
            "link",
            GUIDE,
            "--set",
            "environment=https://Acme--UAT.sandbox.my.salesforce.com/x",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim(),
        "https://docs.example.com/setup/guides/salesforce-api-user.html?environment=acme--uat"
    );
    let (code, _, err) = run_in(
        dir.path(),
        &["link", GUIDE, "--set", "environment=login.salesforce.com"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("generic login page"), "{err}");
}

#[test]
fn link_needs_a_full_site_url() {
    let dir = shipped();
    let (code, _, err) = run_in(dir.path(), &["link", GUIDE, "--set", "environment=acme"]);
    assert_eq!(code, 2);
    assert!(err.contains("needs the site's full address"), "{err}");
}

#[test]
fn new_guide_lints_clean_and_never_overwrites() {
    let dir = shipped();
    let (code, _, err) = run_in(dir.path(), &["new", "guide", "hubspot-api-user"]);
    assert_eq!(code, 0, "{err}");
    let text = read(&dir.path().join("content/guides/hubspot-api-user.yaml"));
    assert!(text.starts_with("# yaml-language-server: $schema=../../schemas/guide.schema.json"));
    let (code, out, _) = run_in(
        dir.path(),
        &["lint", "--deny", "warnings", "--level", "GS402=allow"],
    );
    assert_eq!(code, 0, "{out}");
    let (code, _, err) = run_in(dir.path(), &["new", "guide", "hubspot-api-user"]);
    assert_eq!(code, 2);
    assert!(err.contains("exists already"), "{err}");
    let (code, _, err) = run_in(dir.path(), &["new", "guide", "Bad Name"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot be a guide id"), "{err}");
}

fn mdbook() -> Option<PathBuf> {
    let local = [
        "target/ci-tools/bin/mdbook",
        "target/bench-tools/bin/mdbook",
    ]
    .map(|p| repo().join(p))
    .into_iter()
    .find(|p| p.is_file());
    let found = if local.is_some() {
        local
    } else {
        Command::new("mdbook")
            .arg("--version")
            .output()
            .ok()
            .map(|_| PathBuf::from("mdbook"))
    };
    let install = "cargo install mdbook --version 0.5.4 --locked --root target/ci-tools";
    tools::require("mdbook 0.5.4", install, found.is_some())?;
    found
}

#[test]
fn the_mdbook_tree_builds_with_mdbook() {
    let dir = shipped();
    let (code, _, err) = run_in(dir.path(), &["build", "--mdbook", "mdbook-src"]);
    assert_eq!(code, 0, "{err}");
    let summary = read(&dir.path().join("mdbook-src/src/SUMMARY.md"));
    assert!(summary.contains("(salesforce-api-user.md)"), "{summary}");
    let Some(mdbook) = mdbook() else { return };
    let out = Command::new(mdbook)
        .arg("build")
        .current_dir(dir.path().join("mdbook-src"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let page = read(&dir.path().join("mdbook-src/book/salesforce-api-user.html"));
    assert!(
        page.contains("services/oauth2/callback"),
        "chapter rendered"
    );
}

#[test]
fn regression_provenance_sees_book_variables_and_section_intros() {
    let dir = shipped();
    let (code, _, err) = render_guide(dir.path(), "acme", &["-o", "acme.md"]);
    assert_eq!(code, 0, "{err}");
    let toml =
        read(&dir.path().join("book.toml")).replace("team@matadorjobs.com", "help@example.com");
    std::fs::write(dir.path().join("book.toml"), toml).unwrap();
    let (code, out, _) = run_in(dir.path(), &["provenance", "acme.md"]);
    assert_eq!(code, 1, "a book variable the guide shows changed: {out}");
    assert!(out.contains("changed: step `confirm-environment`"), "{out}");
    assert!(
        !out.contains("changed: step `user-details`"),
        "steps not using it are unchanged: {out}"
    );
}

#[test]
fn regression_provenance_ignores_steps_the_customer_did_not_get() {
    let dir = shipped();
    let (code, _, err) = render_guide(dir.path(), "acme", &["-o", "acme.md"]);
    assert_eq!(code, 0, "{err}");
    change_step(dir.path(), "connected-app-policies"); // only with existing_connected_app
    let (_, out, _) = run_in(dir.path(), &["provenance", "acme.md"]);
    assert!(!out.contains("connected-app-policies"), "{out}");
    assert!(out.contains("no step changed"), "{out}");
    change_step(dir.path(), "user-details");
    let (_, out, _) = run_in(dir.path(), &["provenance", "acme.md"]);
    assert!(out.contains("changed: step `user-details`"), "{out}");
}
