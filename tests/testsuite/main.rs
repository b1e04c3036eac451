//! One integration test binary. Each directory under `fixtures/<feature>/<case>/`
//! is a small project with:
//!
//! - `args`: the command line after `guidesmith`, one argument per line;
//! - `expected.txt`: exit code, standard output and standard error;
//! - optionally `book.toml` and `content/`; files missing there come from
//!   `fixtures/<feature>/_project/` if it exists, then from `fixtures/_shared/`.
//!
//! The case runs in a temporary copy of its directory. Re-bless with
//! `GUIDESMITH_BLESS=1 cargo test --test testsuite`.

mod architecture;
mod bad_input;
mod batch;
mod browser;
mod browser_rules;
mod cases;
mod delivery;
mod docs;
mod init;
mod properties;
mod render;
mod sarif;
mod schema;
mod serve;
mod site;
mod tools;

use std::path::{Path, PathBuf};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testsuite/fixtures")
}

/// Copy a fixture project (with shared defaults) into a fresh temporary directory.
pub fn project(case: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(&fixtures().join("_shared"), dir.path());
    if let Some(feature) = case.parent().map(|f| f.join("_project"))
        && feature.is_dir()
    {
        copy_tree(&feature, dir.path());
    }
    copy_tree(case, dir.path());
    dir
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).min_depth(1) {
        let entry = entry.expect("walk fixture");
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Run guidesmith in `dir` and return "exit: N", stdout and stderr as one text.
pub fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("guidesmith")
        .unwrap()
        .current_dir(dir)
        .env("GUIDESMITH_TODAY", "2026-12-03")
        // Provenance dates: 2026-12-03, so snapshots do not change with the day.
        .env("SOURCE_DATE_EPOCH", "1796256000")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("run guidesmith");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Compare `actual` with the file `expected`, or rewrite it when blessing.
pub fn snapshot(expected: &Path, actual: &str) {
    if std::env::var_os("GUIDESMITH_BLESS").is_some() {
        std::fs::write(expected, actual).unwrap();
        return;
    }
    let want = std::fs::read_to_string(expected).unwrap_or_else(|_| {
        panic!(
            "missing snapshot {}; run with GUIDESMITH_BLESS=1 to create it\nactual:\n{actual}",
            expected.display()
        )
    });
    if want != actual {
        panic!(
            "snapshot {} differs (GUIDESMITH_BLESS=1 to accept)\n--- expected\n{want}\n--- actual\n{actual}",
            expected.display()
        );
    }
}
