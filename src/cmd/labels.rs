//! `guidesmith labels`: list and search a catalog; `labels diff A B`: what
//! changed between two releases and which guide steps each change affects.

use std::fmt::Write as _;
use std::path::Path;

use super::Outcome;
use crate::lint::labels::{self, ChangeKind};
use crate::load::{Loaded, Project};
use crate::model::{Catalog, Label};

/// Options of `labels`.
#[derive(Debug, Clone, Default)]
pub struct LabelsOptions {
    /// Product key of the catalog; default: the only catalog.
    pub product: Option<String>,
    /// Text to search for in label texts, paths, kinds and replacements.
    pub query: Option<String>,
    /// `Some((from, to))` for `labels diff FROM TO`.
    pub diff: Option<(String, String)>,
}

pub fn run(root: &Path, o: &LabelsOptions) -> anyhow::Result<Outcome> {
    let project = crate::load::project(root)?;
    let catalog = pick_catalog(&project, o.product.as_deref())?;
    let text = match &o.diff {
        Some((from, to)) => diff(&project, &catalog.doc, from, to)?,
        None => list(&catalog.doc, o.query.as_deref().unwrap_or("")),
    };
    print!("{text}");
    Ok(Outcome::Ok)
}

fn pick_catalog<'p>(
    project: &'p Project,
    product: Option<&str>,
) -> anyhow::Result<&'p Loaded<Catalog>> {
    let products: Vec<&str> = project
        .catalogs
        .iter()
        .map(|c| c.doc.product.as_str())
        .collect();
    match product {
        Some(p) => project
            .catalogs
            .iter()
            .find(|c| c.doc.product == p)
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "no catalog for product `{p}`; catalogs: {}",
                    products.join(", ")
                )
            }),
        None if project.catalogs.len() == 1 => Ok(&project.catalogs[0]),
        None if project.catalogs.is_empty() => anyhow::bail!("no catalog in content/labels/"),
        None => anyhow::bail!(
            "several catalogs ({}); choose one with --product",
            products.join(", ")
        ),
    }
}

fn list(catalog: &Catalog, query: &str) -> String {
    let found = labels::search(catalog, query);
    let mut out = String::new();
    for l in &found {
        let _ = writeln!(out, "{}", describe(l));
    }
    let _ = writeln!(
        out,
        "{} of {} labels in the {} catalog",
        found.len(),
        catalog.labels.len(),
        catalog.name
    );
    out
}

/// `Text  [kind]  Path > To  (since X, retired Y -> Replacement)`.
fn describe(l: &Label) -> String {
    let mut s = format!("{}  [{}]", l.text.value, l.kind.as_str());
    if !l.path.is_empty() {
        let _ = write!(s, "  {}", l.path.join(" > "));
    }
    let mut life = Vec::new();
    if let Some(x) = &l.since {
        life.push(format!("since {x}"));
    }
    if let Some(x) = &l.retired {
        life.push(format!("retired {x}"));
    }
    if let Some(r) = &l.replacement {
        life.push(format!("-> {r}"));
    }
    if !life.is_empty() {
        let _ = write!(s, "  ({})", life.join(", "));
    }
    s
}

fn diff(project: &Project, catalog: &Catalog, from: &str, to: &str) -> anyhow::Result<String> {
    let index = |r: &str| {
        catalog.release_index(r).ok_or_else(|| {
            anyhow::anyhow!(
                "unknown release `{r}`; releases of the {} catalog: {}",
                catalog.name,
                catalog.releases.join(", ")
            )
        })
    };
    let (a, b) = (index(from)?, index(to)?);
    anyhow::ensure!(
        a < b,
        "`{from}` is not before `{to}`; write the older release first"
    );
    let changes = labels::diff(catalog, a, b);
    let indexed = crate::lint::Indexed::new(catalog);
    let mut out = String::new();
    for c in &changes {
        let what = match c.kind {
            ChangeKind::Added => "added",
            ChangeKind::Retired => "retired",
        };
        let _ = writeln!(out, "{}: {what} {}", c.release, describe(c.label));
        for u in labels::usages(&project.guides, &indexed, c.label) {
            let how = if u.marked { "marked" } else { "in prose" };
            let _ = writeln!(
                out,
                "    {}:{}:{}: {} ({how})",
                u.file.display(),
                u.line,
                u.column,
                u.place
            );
        }
    }
    let _ = writeln!(
        out,
        "{} change{} from {} to {}",
        changes.len(),
        if changes.len() == 1 { "" } else { "s" },
        catalog.releases[a],
        catalog.releases[b]
    );
    Ok(out)
}
