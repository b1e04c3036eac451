//! serve's incremental rebuild: after a save, only what depends on the change.
//!
//! The rebuilder keeps every guide parsed, keyed by a hash of its file. A
//! rebuild reads the files again (cheap), parses and lints only the guides
//! whose text changed, renders only their pages, and regenerates the pages
//! that list every guide (index, search index). Only files whose bytes
//! changed are written. A change to `book.toml`, a catalog or the theme
//! starts over with a full build.

use std::collections::{BTreeMap, BTreeSet, HashMap, hash_map::DefaultHasher};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use crate::load::{InputError, Loaded};
use crate::model::{Catalog, Guide};

/// What serve remembers between rebuilds.
pub struct Rebuilder {
    root: PathBuf,
    /// Hash of book.toml, the catalogs and the theme files; a change means a full build.
    fixed: Option<u64>,
    base: Option<Base>,
    /// Parsed guides by file, with the file's modification stamp and the hash
    /// of the text they were parsed from.
    guides: BTreeMap<PathBuf, (Stamp, u64, Loaded<Guide>)>,
    /// Hash of each guide's text when its pages were last written, by id.
    published: HashMap<String, u64>,
    /// Bytes of the site-wide files last written (index, search index, assets).
    shared: HashMap<PathBuf, Vec<u8>>,
    /// Each guide's part of the search index, with the text hash it was made from.
    search: HashMap<String, (u64, String)>,
    /// The build directory serve serves (fixed when serve starts).
    served: Option<PathBuf>,
}

/// What every guide depends on.
struct Base {
    config: crate::config::Config,
    catalogs: Vec<Loaded<Catalog>>,
    theme: crate::render::Theme,
}

impl Rebuilder {
    pub fn new(root: &Path) -> Rebuilder {
        Rebuilder {
            root: root.to_path_buf(),
            fixed: None,
            base: None,
            guides: BTreeMap::new(),
            published: HashMap::new(),
            shared: HashMap::new(),
            search: HashMap::new(),
            served: None,
        }
    }

    /// Rebuild; returns how many guides were rendered again.
    pub fn rebuild(&mut self) -> anyhow::Result<usize> {
        self.refresh_base()?;
        let changed = self.refresh_guides()?;
        let base = self.base.as_ref().expect("refreshed");
        let book = &base.config.book;
        let build_dir = self.root.join(&book.build_dir);
        if let Some(served) = &self.served {
            anyhow::ensure!(
                *served == build_dir,
                "`build-dir` changed in book.toml to {}; restart `guidesmith serve` to serve it (still serving {})",
                build_dir.display(),
                served.display()
            );
        }
        self.served = Some(build_dir.clone());
        crate::output::check_build_dir(&build_dir, &self.root, &self.root.join(&book.content_dir))?;
        self.check(&changed)?;
        let site = super::build::site_book(&base.config);
        let hashes: HashMap<String, u64> = self
            .guides
            .values()
            .map(|(_, h, g)| (g.doc.id.value.clone(), *h))
            .collect();
        let current = |g: &Guide, seen: Option<u64>| {
            seen.is_some() && seen == hashes.get(&g.id.value).copied()
        };
        let guides: Vec<&Guide> = self.guides.values().map(|(_, _, g)| &g.doc).collect();
        refresh_search(&mut self.search, &guides, &hashes, &site);
        let (published, search) = (&self.published, &self.search);
        let reuse = crate::site::Reuse {
            unchanged: &|g| current(g, published.get(&g.id.value).copied()),
            search: &|g| search.get(&g.id.value).map(|(_, part)| part.clone()),
        };
        let files = crate::site::build_site_reusing(&guides, &site, &base.theme, &reuse)?;
        let rendered = guides.iter().filter(|g| !(reuse.unchanged)(g)).count();
        let all = all_paths(&files, &guides);
        let write = changed_files(&mut self.shared, files);
        crate::output::publish_changed(&build_dir, &write, &all)?;
        self.published = hashes;
        Ok(rendered)
    }

    /// Reload book.toml, catalogs and theme if any of them changed; then forget every guide.
    fn refresh_base(&mut self) -> anyhow::Result<()> {
        let key = self.fixed_key()?;
        if self.fixed == Some(key) && self.base.is_some() {
            return Ok(());
        }
        let project = crate::load::project(&self.root)?;
        let theme = super::theme(&project)?;
        self.base = Some(Base {
            config: project.config,
            catalogs: project.catalogs,
            theme,
        });
        self.guides.clear();
        self.published.clear();
        self.shared.clear();
        self.search.clear();
        self.fixed = Some(key);
        Ok(())
    }

    /// A hash over every file a change of which means a full build.
    fn fixed_key(&self) -> anyhow::Result<u64> {
        let config = crate::load::load_config(&self.root)?;
        let mut paths = vec![self.root.join("book.toml")];
        paths.extend(crate::load::yaml_files(
            &self.root.join(&config.book.content_dir).join("labels"),
        )?);
        if let Some(theme) = &config.book.theme {
            paths.extend(files_under(&self.root.join(theme)));
        }
        let mut h = DefaultHasher::new();
        for p in paths {
            p.hash(&mut h);
            crate::fs::read(&p).unwrap_or_default().hash(&mut h);
        }
        Ok(h.finish())
    }

    /// Re-read every guide file; parse those whose text changed. Returns their paths.
    fn refresh_guides(&mut self) -> anyhow::Result<Vec<PathBuf>> {
        let base = self.base.as_ref().expect("refreshed");
        let dir = self.root.join(&base.config.book.content_dir).join("guides");
        let mut errors = InputError::default();
        let mut next = BTreeMap::new();
        let mut changed = Vec::new();
        for path in crate::load::yaml_files(&dir)? {
            let stamp = stamp(&path);
            if let Some(kept) = self
                .guides
                .remove(&path)
                .filter(|(s, ..)| stamp.is_some() && *s == stamp)
            {
                next.insert(path, kept);
                continue;
            }
            match crate::load::load_file::<Guide>(&path) {
                Ok(g) => {
                    changed.push(path.clone());
                    next.insert(path, (stamp, text_hash(&g.source), g));
                }
                Err((d, src)) => {
                    if let Some(s) = src {
                        errors.sources.insert(path.clone(), s);
                    }
                    errors.diagnostics.push(*d);
                }
            }
        }
        self.guides = next;
        if errors.diagnostics.is_empty() {
            Ok(changed)
        } else {
            Err(errors.into())
        }
    }

    /// The render-blocking lint errors of the changed guides.
    fn check(&self, changed: &[PathBuf]) -> anyhow::Result<()> {
        let base = self.base.as_ref().expect("refreshed");
        let guides: Vec<Loaded<Guide>> = changed
            .iter()
            .filter_map(|p| self.guides.get(p))
            .map(|(_, _, g)| g.clone())
            .collect();
        super::check_blocking(&base.catalogs, &guides)
    }
}

/// Recompute the search-index parts of guides whose text changed; drop removed guides.
fn refresh_search(
    cache: &mut HashMap<String, (u64, String)>,
    guides: &[&Guide],
    hashes: &HashMap<String, u64>,
    site: &crate::site::SiteBook,
) {
    cache.retain(|id, (h, _)| hashes.get(id) == Some(h));
    for g in guides {
        if !cache.contains_key(&g.id.value) {
            let part = crate::site::search_part(g, site);
            cache.insert(g.id.value.clone(), (hashes[&g.id.value], part));
        }
    }
}

/// Guide pages as they are (only changed guides were rendered); site-wide
/// files only when their bytes changed since the last write.
fn changed_files(
    shared: &mut HashMap<PathBuf, Vec<u8>>,
    files: Vec<(PathBuf, Vec<u8>)>,
) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for (path, bytes) in files {
        if path.starts_with("guides") {
            out.push((path, bytes));
        } else if shared.get(&path) != Some(&bytes) {
            shared.insert(path.clone(), bytes.clone());
            out.push((path, bytes));
        }
    }
    out
}

/// Every path of the site: the files just built and every guide's pages.
fn all_paths(files: &[(PathBuf, Vec<u8>)], guides: &[&Guide]) -> BTreeSet<PathBuf> {
    let mut all: BTreeSet<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    for g in guides {
        all.extend(crate::site::guide_paths(&g.id.value));
    }
    all
}

/// A file's modification time and length: unchanged means not read again.
type Stamp = Option<(std::time::SystemTime, u64)>;

fn stamp(path: &Path) -> Stamp {
    let meta = crate::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

fn text_hash(text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture_project() -> tempfile::TempDir {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testsuite/fixtures");
        let dir = tempfile::tempdir().unwrap();
        for from in [fixtures.join("_shared"), fixtures.join("values/_project")] {
            for e in walkdir::WalkDir::new(&from).min_depth(1) {
                let e = e.unwrap();
                let to = dir.path().join(e.path().strip_prefix(&from).unwrap());
                if e.file_type().is_dir() {
                    std::fs::create_dir_all(&to).unwrap();
                } else {
                    std::fs::copy(e.path(), &to).unwrap();
                }
            }
        }
        dir
    }

    fn site(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
        let build = root.join("build");
        walkdir::WalkDir::new(&build)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().strip_prefix(&build).unwrap().to_path_buf(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    }

    fn full_build(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
        let copy = tempfile::tempdir().unwrap();
        for e in walkdir::WalkDir::new(root.join("content")).min_depth(1) {
            let e = e.unwrap();
            let to = copy
                .path()
                .join("content")
                .join(e.path().strip_prefix(root.join("content")).unwrap());
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(e.path(), &to).unwrap();
            }
        }
        std::fs::copy(root.join("book.toml"), copy.path().join("book.toml")).unwrap();
        crate::cmd::build::run(copy.path(), &Default::default()).unwrap();
        site(copy.path())
    }

    #[test]
    fn rebuilds_only_changed_guides_and_matches_a_full_build() {
        let dir = fixture_project();
        let root = dir.path();
        let mut r = Rebuilder::new(root);
        assert_eq!(r.rebuild().unwrap(), 1);
        assert_eq!(r.rebuild().unwrap(), 0, "nothing changed");
        let guide = root.join("content/guides/g.yaml");
        let text = std::fs::read_to_string(&guide).unwrap();
        std::fs::write(&guide, text.replace("title: Main", "title: Main part")).unwrap();
        let second = text.replace("id: values", "id: second");
        std::fs::write(root.join("content/guides/second.yaml"), &second).unwrap();
        assert_eq!(r.rebuild().unwrap(), 2, "the changed and the new guide");
        assert_eq!(site(root), full_build(root));
        std::fs::remove_file(root.join("content/guides/second.yaml")).unwrap();
        assert_eq!(r.rebuild().unwrap(), 0);
        assert!(
            !root.join("build/guides/second.html").exists(),
            "a removed guide's pages go"
        );
        assert_eq!(site(root), full_build(root));
    }

    #[test]
    fn a_broken_save_fails_and_the_next_good_one_recovers() {
        let dir = fixture_project();
        let root = dir.path();
        let mut r = Rebuilder::new(root);
        r.rebuild().unwrap();
        let guide = root.join("content/guides/g.yaml");
        let text = std::fs::read_to_string(&guide).unwrap();
        std::fs::write(&guide, text.replace("{{ company }}`", "{{ compnay }}`")).unwrap();
        assert!(r.rebuild().is_err());
        std::fs::write(&guide, &text).unwrap();
        r.rebuild().unwrap();
        assert_eq!(site(root), full_build(root));
    }

    #[test]
    fn regression_a_changed_build_dir_asks_for_a_restart() {
        let dir = fixture_project();
        let root = dir.path();
        let mut r = Rebuilder::new(root);
        r.rebuild().unwrap();
        let toml = std::fs::read_to_string(root.join("book.toml")).unwrap();
        std::fs::write(
            root.join("book.toml"),
            toml.replace("[book]", "[book]\nbuild-dir = \"out2\""),
        )
        .unwrap();
        let e = r.rebuild().unwrap_err().to_string();
        assert!(e.contains("restart `guidesmith serve`"), "{e}");
        assert!(!root.join("out2").exists());
    }
}
