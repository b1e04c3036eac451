//! `guidesmith render`: one guide for one customer.

use std::path::{Path, PathBuf};

use super::Outcome;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderFormat {
    Markdown,
    Html,
    Checklist,
}

/// Options of `render`.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub guide: String,
    pub set: Vec<String>,
    pub values: Option<PathBuf>,
    pub format: RenderFormat,
    pub letter: bool,
    pub output: Option<PathBuf>,
}

pub fn run(root: &Path, _o: &RenderOptions) -> anyhow::Result<Outcome> {
    let _ = root;
    anyhow::bail!("render is not wired yet")
}
