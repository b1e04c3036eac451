//! `guidesmith build`: the static site.

use std::path::Path;

use super::Outcome;

/// Options of `build`.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {}

pub fn run(root: &Path, _o: &BuildOptions) -> anyhow::Result<Outcome> {
    let project = crate::load::project(root)?;
    let _ = project;
    anyhow::bail!("build is not wired yet")
}
