//! The invariants of ARCHITECTURE.md that a grep can check.

use std::path::{Path, PathBuf};

fn sources() -> Vec<(PathBuf, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walkdir::WalkDir::new(&src)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| {
            let rel = e.path().strip_prefix(&src).unwrap().to_path_buf();
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

/// The code of a file before its `#[cfg(test)]` module.
fn non_test(text: &str) -> &str {
    text.split("#[cfg(test)]").next().unwrap_or(text)
}

fn offenders(needle: &str, allowed: &str) -> Vec<String> {
    sources()
        .into_iter()
        .filter(|(p, _)| p != Path::new(allowed) && !p.ends_with("tests.rs"))
        .filter(|(_, t)| non_test(t).contains(needle))
        .map(|(p, _)| p.display().to_string())
        .collect()
}

#[test]
fn only_cli_imports_clap() {
    assert_eq!(offenders("clap::", "cli.rs"), Vec::<String>::new());
}

#[test]
fn only_fs_rs_touches_std_fs() {
    assert_eq!(offenders("std::fs", "fs.rs"), Vec::<String>::new());
}

#[test]
fn model_does_no_io() {
    for (path, text) in sources() {
        if path.starts_with("model") {
            for needle in ["crate::fs", "std::fs", "std::io", "std::env"] {
                assert!(
                    !non_test(&text).contains(needle),
                    "{} uses {needle}",
                    path.display()
                );
            }
        }
    }
}
