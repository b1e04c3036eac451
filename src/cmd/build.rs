//! `guidesmith build`: the static site.
//!
//! The stages read like a table of contents: load the project, refuse a
//! dangerous build directory, stop on errors that would make pages wrong,
//! build every file in memory, then publish them in one swap.

use std::path::Path;

use super::Outcome;
use crate::site::SiteBook;

/// Options of `build`.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Also write an mdBook source tree here.
    pub mdbook: Option<std::path::PathBuf>,
}

pub fn run(root: &Path, o: &BuildOptions) -> anyhow::Result<Outcome> {
    let project = crate::load::project(root)?;
    let book = &project.config.book;
    let build_dir = root.join(&book.build_dir);
    crate::output::check_build_dir(&build_dir, root, &root.join(&book.content_dir))?;
    super::check_blocking(&project.catalogs, &project.guides)?;
    let theme = super::theme(&project)?;
    let site = site_book(&project.config);
    // Move the guides out: their sources are not needed any more, and a copy
    // of every guide would add to the build's peak memory.
    let guides: Vec<_> = project.guides.into_iter().map(|g| g.doc).collect();
    let files = crate::site::build_site(&guides, &site, &theme)?;
    let mdbook = match &o.mdbook {
        Some(dir) => {
            let dir = root.join(dir);
            crate::output::check_build_dir(&dir, root, &root.join(&book.content_dir))?;
            anyhow::ensure!(
                !crate::output::overlaps(&dir, &build_dir),
                "refusing to write the mdBook tree into {}: it overlaps the build directory {}; choose a directory of its own",
                dir.display(),
                build_dir.display()
            );
            let tree = crate::mdbook::tree(&guides, &site.title, &crate::site::book_values(&site));
            crate::output::check_publish(&dir, &tree)?; // before the site is published
            Some((dir, tree))
        }
        None => None,
    };
    crate::output::publish(&build_dir, &files)?;
    if let Some((dir, tree)) = mdbook {
        crate::output::publish(&dir, &tree)?;
        eprintln!("wrote the mdBook source tree to {}", dir.display());
    }
    eprintln!(
        "built {} guide{} into {}",
        guides.len(),
        if guides.len() == 1 { "" } else { "s" },
        build_dir.display()
    );
    Ok(Outcome::Ok)
}

pub(super) fn site_book(config: &crate::config::Config) -> SiteBook {
    SiteBook {
        title: config.book.title.clone(),
        site_url: config.book.site_url.clone(),
        variables: config.variables.clone(),
    }
}
