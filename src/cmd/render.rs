//! `guidesmith render`: one guide for one customer.
//!
//! Order matters: load, lint the guide's syntax, resolve every value, render
//! the whole document in memory, and only then write it. Any problem exits
//! with code 2 before a byte of output is written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::Outcome;
use crate::load::{InputError, Loaded};
use crate::model::{Guide, Spanned};

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
    /// Many customers at once (`--values-dir`/`--values-csv` with `--out-dir`).
    pub batch: Option<super::batch::BatchOptions>,
}

pub fn run(root: &Path, o: &RenderOptions) -> anyhow::Result<Outcome> {
    let project = crate::load::project(root)?;
    let guide = find_guide(&project.guides, &o.guide)?;
    super::check_blocking(&project, std::slice::from_ref(guide))?;
    if let Some(b) = &o.batch {
        return super::batch::run(&project, guide, o, b);
    }
    let raw = raw_values(o)?;
    let values = crate::inputs::resolve(&guide.doc, &project.config.variables, &raw)
        .map_err(|problems| value_error(&guide.doc, problems))?;
    let text = render(&project, guide, &values, o)?;
    match &o.output {
        Some(path) => crate::output::write_file_atomic(path, text.as_bytes())?,
        None => print!("{text}"),
    }
    Ok(Outcome::Ok)
}

fn render(
    project: &crate::load::Project,
    guide: &Loaded<Guide>,
    values: &crate::inputs::Values,
    o: &RenderOptions,
) -> anyhow::Result<String> {
    render_with(&super::theme(project)?, guide, values, o)
}

/// Render with a theme loaded once (batch rendering shares it).
pub(super) fn render_with(
    theme: &crate::render::Theme,
    guide: &Loaded<Guide>,
    values: &crate::inputs::Values,
    o: &RenderOptions,
) -> anyhow::Result<String> {
    let fill = crate::render::Fill::Values(values);
    Ok(match o.format {
        RenderFormat::Markdown => crate::render::markdown(&guide.doc, &fill),
        RenderFormat::Html => crate::render::html_page(&guide.doc, &fill, theme)?,
        RenderFormat::Checklist => crate::render::checklist(&guide.doc, &fill, theme, o.letter)?,
    })
}

/// A guide by file path or by id.
fn find_guide<'a>(guides: &'a [Loaded<Guide>], wanted: &str) -> anyhow::Result<&'a Loaded<Guide>> {
    let by_path = |g: &&Loaded<Guide>| {
        let (a, b) = (
            crate::fs::canonicalize(&g.path).ok(),
            crate::fs::canonicalize(Path::new(wanted)).ok(),
        );
        a.is_some() && a == b
    };
    if let Some(g) = guides
        .iter()
        .find(|g| g.doc.id.value == wanted)
        .or_else(|| guides.iter().find(by_path))
    {
        return Ok(g);
    }
    let ids: Vec<&str> = guides.iter().map(|g| g.doc.id.value.as_str()).collect();
    let hint = match crate::suggest::closest(wanted, ids.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("guides in this project: {}", ids.join(", ")),
    };
    anyhow::bail!("no guide `{wanted}` in the project's content directory; {hint}")
}

/// Values from `--values FILE` then `--set` (which wins), as typed.
fn raw_values(o: &RenderOptions) -> anyhow::Result<BTreeMap<String, String>> {
    let mut raw = match &o.values {
        Some(path) => values_file(path)?,
        None => BTreeMap::new(),
    };
    for pair in &o.set {
        let Some((k, v)) = pair.split_once('=') else {
            anyhow::bail!("`--set {pair}` needs the form NAME=VALUE, e.g. --set environment=acme");
        };
        raw.insert(k.trim().to_string(), v.to_string());
    }
    Ok(raw)
}

/// A YAML map of names to text values; `~` or an empty value counts as missing.
pub(super) fn values_file(path: &Path) -> anyhow::Result<BTreeMap<String, String>> {
    let source = crate::load::read_text(path).map_err(|d| InputError::single(*d, None))?;
    let map: BTreeMap<String, Option<Spanned<String>>> = crate::load::parse_yaml(path, &source)
        .map_err(|d| InputError::single(*d, Some(source.clone())))?;
    Ok(map
        .into_iter()
        .map(|(k, v)| (k, v.map(|s| s.value).unwrap_or_default()))
        .collect())
}

pub(super) fn value_error(
    guide: &Guide,
    problems: Vec<crate::inputs::InputProblem>,
) -> anyhow::Error {
    let lines: Vec<String> = problems
        .iter()
        .map(|p| format!("  - {}", p.message))
        .collect();
    anyhow::anyhow!(
        "{} problem{} with the values for guide `{}`:\n{}",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        guide.id.value,
        lines.join("\n")
    )
}
