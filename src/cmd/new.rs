//! `guidesmith new guide NAME`: a new guide from a template that lints clean.

use std::path::{Path, PathBuf};

use super::Outcome;

/// Options of `new guide`.
#[derive(Debug, Clone)]
pub struct NewOptions {
    /// The new guide's id, also its file name.
    pub name: String,
}

const TEMPLATE: &str = include_str!("templates/new-guide.yaml");

pub fn run(root: &Path, o: &NewOptions) -> anyhow::Result<Outcome> {
    check_name(&o.name)?;
    let project = crate::load::project(root)?;
    anyhow::ensure!(
        !project.guides.iter().any(|g| g.doc.id.value == o.name),
        "a guide with the id `{}` exists already; choose another name",
        o.name
    );
    let path: PathBuf = root
        .join(&project.config.book.content_dir)
        .join("guides")
        .join(format!("{}.yaml", o.name));
    anyhow::ensure!(
        !path.exists(),
        "{} exists already; nothing was written",
        path.display()
    );
    let release = project
        .catalogs
        .iter()
        .find(|c| c.doc.product == "salesforce")
        .map(|c| c.doc.current.value.clone());
    let text = fill(
        &o.name,
        release.as_deref().unwrap_or("Summer '26"),
        &crate::provenance::today(),
    );
    crate::output::write_file_atomic(&path, text.as_bytes())?;
    eprintln!(
        "wrote {}; run `guidesmith lint` after editing it",
        path.display()
    );
    Ok(Outcome::Ok)
}

/// The template with the id, title, release and date filled in.
pub fn fill(name: &str, release: &str, date: &str) -> String {
    let title = name.replace(['-', '_'], " ");
    TEMPLATE
        .replace("NEW_ID", name)
        .replace("NEW_TITLE", &title)
        .replace("NEW_RELEASE", &release.replace('"', ""))
        .replace("NEW_DATE", date)
}

fn check_name(name: &str) -> anyhow::Result<()> {
    let ok = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    anyhow::ensure!(
        ok,
        "`{name}` cannot be a guide id: use lower-case letters, digits and `-`, e.g. `hubspot-api-user`"
    );
    Ok(())
}
