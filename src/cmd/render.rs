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
    /// The checklist as PDF, printed by Chromium.
    Pdf,
    /// The guide page as PDF, printed by Chromium.
    GuidePdf,
}

impl RenderFormat {
    /// For PDF formats, whether the PDF is of the guide (else of the checklist).
    pub fn pdf_of_guide(self) -> Option<bool> {
        match self {
            RenderFormat::Pdf => Some(false),
            RenderFormat::GuidePdf => Some(true),
            _ => None,
        }
    }
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
    super::check_blocking(&project.catalogs, std::slice::from_ref(guide))?;
    if let Some(b) = &o.batch {
        anyhow::ensure!(
            o.format.pdf_of_guide().is_none(),
            "PDF is rendered one customer at a time (`-o FILE.pdf`); for a batch use --format checklist"
        );
        return super::batch::run(&project, guide, o, b);
    }
    let raw = raw_values(o)?;
    let values = crate::inputs::resolve(&guide.doc, &project.config.variables, &raw)
        .map_err(|problems| value_error(&guide.doc, problems))?;
    let bytes = render(&project, guide, &values, o)?;
    match &o.output {
        Some(path) => crate::output::write_file_atomic(path, &bytes)?,
        None => {
            use std::io::Write as _;
            std::io::stdout().write_all(&bytes)?;
        }
    }
    Ok(Outcome::Ok)
}

fn render(
    project: &crate::load::Project,
    guide: &Loaded<Guide>,
    values: &crate::inputs::Values,
    o: &RenderOptions,
) -> anyhow::Result<Vec<u8>> {
    let theme = super::theme(project)?;
    let Some(of_guide) = o.format.pdf_of_guide() else {
        return Ok(render_with(&theme, guide, values, o)?.into_bytes());
    };
    anyhow::ensure!(
        o.output.is_some(),
        "PDF output needs a file: add `-o FILE.pdf` (a PDF on a terminal is unreadable)"
    );
    let chromium = crate::pdf::find_chromium(project.config.pdf.chromium.as_deref())?;
    let fill = crate::render::Fill::Values(values);
    let html = if of_guide {
        crate::render::html_page_on(&guide.doc, &fill, &theme, o.letter)?
    } else {
        crate::render::checklist(&guide.doc, &fill, &theme, o.letter)?
    };
    let p = provenance(guide, values);
    let pdf = crate::pdf::print(&chromium, &crate::provenance::embed::html(&html, &p))?;
    let title = crate::render::html::plain(&guide.doc.title.value, &fill);
    crate::provenance::embed::pdf(&pdf, &title, &p).map_err(anyhow::Error::msg)
}

fn provenance(
    guide: &Loaded<Guide>,
    values: &crate::inputs::Values,
) -> crate::provenance::Provenance {
    let date = crate::provenance::today();
    crate::provenance::Provenance::new(&guide.doc, &guide.source, values, &date)
}

/// Render with a theme loaded once (batch rendering shares it).
pub(super) fn render_with(
    theme: &crate::render::Theme,
    guide: &Loaded<Guide>,
    values: &crate::inputs::Values,
    o: &RenderOptions,
) -> anyhow::Result<String> {
    let fill = crate::render::Fill::Values(values);
    let p = provenance(guide, values);
    let embed_html = |page: String| crate::provenance::embed::html(&page, &p);
    Ok(match o.format {
        RenderFormat::Markdown => {
            crate::provenance::embed::markdown(&crate::render::markdown(&guide.doc, &fill), &p)
        }
        RenderFormat::Html => embed_html(crate::render::html_page(&guide.doc, &fill, theme)?),
        RenderFormat::Checklist => embed_html(crate::render::checklist(
            &guide.doc, &fill, theme, o.letter,
        )?),
        RenderFormat::Pdf | RenderFormat::GuidePdf => anyhow::bail!(
            "PDF is rendered one customer at a time (`-o FILE.pdf`); in a batch use --format checklist"
        ),
    })
}

/// A guide by file path or by id.
pub(super) fn find_guide<'a>(
    guides: &'a [Loaded<Guide>],
    wanted: &str,
) -> anyhow::Result<&'a Loaded<Guide>> {
    let by_path = |g: &&Loaded<Guide>| {
        let (a, b) = (
            crate::fs::canonicalize(&g.path).ok(),
            crate::fs::canonicalize(Path::new(wanted)).ok(),
        );
        a.is_some() && a == b
    };
    let same: Vec<&Loaded<Guide>> = guides.iter().filter(|g| g.doc.id.value == wanted).collect();
    if same.len() > 1 {
        let files: Vec<String> = same.iter().map(|g| g.path.display().to_string()).collect();
        anyhow::bail!(
            "{} guides have the id `{wanted}`: {}; give each its own id (`guidesmith lint` reports it)",
            same.len(),
            files.join(", ")
        );
    }
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
    raw_pairs(&o.set, o.values.as_deref())
}

/// Values from a values file then `--set` pairs (which win), as typed.
pub(super) fn raw_pairs(
    set: &[String],
    values: Option<&Path>,
) -> anyhow::Result<BTreeMap<String, String>> {
    let mut raw = match values {
        Some(path) => values_file(path)?,
        None => BTreeMap::new(),
    };
    for pair in set {
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
