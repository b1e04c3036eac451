//! The life of output files: write whole files atomically, and replace a
//! build directory only after the whole site was produced in memory.
//!
//! Invariants: a failed build or render leaves existing output untouched;
//! a build never deletes a file it did not write (it keeps a manifest).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// Name of the manifest listing the files a build wrote.
pub const MANIFEST: &str = ".guidesmith-manifest";

/// Write `bytes` to `path` via a temporary file in the same directory and a rename.
pub fn write_file_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    crate::fs::create_dir_all(dir)?;
    let name = path.file_name().context("output path has no file name")?;
    let tmp = dir.join(format!(".{}.guidesmith-tmp", name.to_string_lossy()));
    crate::fs::write(&tmp, bytes)?;
    crate::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = crate::fs::remove_file(&tmp); // never leave the temporary file behind
    })
}

/// Refuse a build directory that would overwrite sources or something precious.
pub fn check_build_dir(build: &Path, root: &Path, content: &Path) -> Result<()> {
    let abs = |p: &Path| -> PathBuf {
        let joined = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        normalise(&joined)
    };
    let (b, r, c) = (abs(build), abs(root), abs(content));
    if build.as_os_str().is_empty() {
        bail!("`build-dir` is empty; set it to a directory of its own, such as `build`");
    }
    if build.exists() && !build.is_dir() {
        bail!(
            "refusing to build into {}: it is a file, not a directory; set `build-dir` to a directory of its own",
            build.display()
        );
    }
    let home = std::env::var_os("HOME").map(PathBuf::from).map(|h| abs(&h));
    if b.parent().is_none() {
        bail!(
            "refusing to build into `/`: set `build-dir` in book.toml to a directory of its own, such as `build`"
        );
    }
    if b == r || r.starts_with(&b) {
        bail!(
            "refusing to build into {}: it contains the project root; set `build-dir` to a directory of its own, such as `build`",
            build.display()
        );
    }
    if c.starts_with(&b) || b.starts_with(&c) {
        bail!(
            "refusing to build into {}: it overlaps the content directory {}; set `build-dir` outside it",
            build.display(),
            content.display()
        );
    }
    if home.is_some_and(|h| h == b) {
        bail!(
            "refusing to build into the home directory; set `build-dir` to a directory of its own"
        );
    }
    Ok(())
}

/// Whether one directory is, or lies inside, the other (lexically, from the working directory).
pub fn overlaps(a: &Path, b: &Path) -> bool {
    let abs = |p: &Path| normalise(&std::env::current_dir().unwrap_or_default().join(p));
    let (a, b) = (abs(a), abs(b));
    a.starts_with(&b) || b.starts_with(&a)
}

/// Lexically resolve `.` and `..`.
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Replace the site in `build` with `files` (relative paths), keeping files we did not write.
pub fn publish(build: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    refuse_foreign(build, files)?;
    let staging = sibling(build, "staging");
    if staging.exists() {
        crate::fs::remove_dir_all(&staging)?;
    }
    for (rel, bytes) in files {
        crate::fs::write(&staging.join(rel), bytes)?;
    }
    let old = read_manifest(build);
    crate::fs::create_dir_all(build)?;
    let new: BTreeSet<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    for rel in &new {
        let to = build.join(rel);
        if let Some(parent) = to.parent() {
            crate::fs::create_dir_all(parent)?;
        }
        crate::fs::rename(&staging.join(rel), &to)?;
    }
    for stale in old.difference(&new) {
        let p = build.join(stale);
        if p.is_file() {
            crate::fs::remove_file(&p)?;
        }
    }
    write_manifest(build, &new)?;
    crate::fs::remove_dir_all(&staging)
}

/// For serve's rebuild: write only `changed` files (each atomically), remove
/// files of the previous build that are no longer in `all`, and record `all`
/// in the manifest. Files guidesmith did not write are kept, as in [`publish`].
pub fn publish_changed(
    build: &Path,
    changed: &[(PathBuf, Vec<u8>)],
    all: &BTreeSet<PathBuf>,
) -> Result<()> {
    refuse_foreign(build, changed)?;
    for (rel, bytes) in changed {
        write_file_atomic(&build.join(rel), bytes)?;
    }
    for stale in read_manifest(build).difference(all) {
        let p = build.join(stale);
        if p.is_file() {
            crate::fs::remove_file(&p)?;
        }
    }
    write_manifest(build, all)
}

/// Fail, before anything is written, if publishing `files` into `build` would
/// replace a file guidesmith did not write.
pub fn check_publish(build: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    refuse_foreign(build, files)
}

/// Refuse to replace a file guidesmith did not write (it is not in the
/// manifest of the previous build): a user's own `index.html` or `SUMMARY.md`.
fn refuse_foreign(build: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    let ours = read_manifest(build);
    let foreign: Vec<String> = files
        .iter()
        .map(|(rel, _)| rel)
        .filter(|rel| !ours.contains(*rel) && build.join(rel).exists())
        .map(|rel| build.join(rel).display().to_string())
        .collect();
    if foreign.is_empty() {
        return Ok(());
    }
    bail!(
        "refusing to overwrite {} file{} that guidesmith did not write: {}; move {} away or choose another directory",
        foreign.len(),
        if foreign.len() == 1 { "" } else { "s" },
        foreign
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join(", "),
        if foreign.len() == 1 { "it" } else { "them" }
    )
}

fn sibling(build: &Path, what: &str) -> PathBuf {
    let name = build
        .file_name()
        .map_or("build".into(), |n| n.to_string_lossy().into_owned());
    build.with_file_name(format!(".{name}.guidesmith-{what}"))
}

fn read_manifest(build: &Path) -> BTreeSet<PathBuf> {
    crate::fs::read_to_string(&build.join(MANIFEST))
        .map(|t| {
            t.lines()
                .filter(|l| !l.is_empty() && !l.contains(".."))
                .map(PathBuf::from)
                .collect()
        })
        .unwrap_or_default()
}

fn write_manifest(build: &Path, files: &BTreeSet<PathBuf>) -> Result<()> {
    let text: String = files.iter().map(|p| format!("{}\n", p.display())).collect();
    crate::fs::write(&build.join(MANIFEST), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_dangerous_build_dirs() {
        let root = Path::new("/tmp/proj");
        let content = Path::new("/tmp/proj/content");
        assert!(check_build_dir(Path::new("/tmp/proj"), root, content).is_err());
        assert!(check_build_dir(Path::new("/tmp/proj/content/site"), root, content).is_err());
        assert!(check_build_dir(Path::new("/tmp/proj/content"), root, content).is_err());
        assert!(check_build_dir(Path::new("/tmp"), root, content).is_err());
        assert!(check_build_dir(Path::new("/"), root, content).is_err());
        assert!(check_build_dir(Path::new("/tmp/proj/build"), root, content).is_ok());
        assert!(check_build_dir(Path::new("/tmp/proj/x/../"), root, content).is_err());
    }

    #[test]
    fn publish_keeps_foreign_files_and_drops_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        let build = dir.path().join("out");
        std::fs::create_dir_all(build.join(".git")).unwrap();
        std::fs::write(build.join("notes.txt"), "mine").unwrap();
        publish(
            &build,
            &[
                ("a.html".into(), b"1".to_vec()),
                ("g/b.html".into(), b"2".to_vec()),
            ],
        )
        .unwrap();
        publish(&build, &[("a.html".into(), b"3".to_vec())]).unwrap();
        assert_eq!(std::fs::read_to_string(build.join("a.html")).unwrap(), "3");
        assert!(!build.join("g/b.html").exists());
        assert!(build.join("notes.txt").exists() && build.join(".git").is_dir());
    }
}
