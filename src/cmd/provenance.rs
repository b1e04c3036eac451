//! `guidesmith provenance FILE`: which guide a personalised output was made
//! from, and whether the guide has changed since (which steps).
//!
//! Exit codes as `diff`: 0 the guide is unchanged, 1 it changed or is gone,
//! 2 the file carries no provenance or cannot be read.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::Outcome;
use crate::provenance::{self, Changes, Provenance};

/// Options of `provenance`.
#[derive(Debug, Clone)]
pub struct ProvenanceOptions {
    pub file: PathBuf,
}

pub fn run(root: &Path, o: &ProvenanceOptions) -> anyhow::Result<Outcome> {
    let bytes = crate::fs::read(&o.file)?;
    let Some(then) = provenance::embed::read(&bytes) else {
        anyhow::bail!(
            "{} carries no guidesmith provenance (only outputs of `guidesmith render` do)",
            o.file.display()
        );
    };
    let project = crate::load::project(root)?;
    let mut out = describe(&o.file, &then);
    let now = project.guides.iter().find(|g| g.doc.id.value == then.guide);
    let changed = match now {
        None => {
            let _ = writeln!(
                out,
                "The guide `{}` is no longer in this project.",
                then.guide
            );
            true
        }
        Some(g) => {
            let book = crate::site::book_values(&super::build::site_book(&project.config));
            let current = Provenance::current(&g.doc, &g.source, &book, &then.generated);
            report_changes(&mut out, &then, &current)
        }
    };
    print!("{out}");
    Ok(if changed {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}

fn describe(file: &Path, p: &Provenance) -> String {
    format!(
        "{} was made from guide `{}`\n  version {}, verified against {}, generated {} by {}\n  customer values {} (a hash; the values are not stored)\n",
        file.display(),
        p.guide,
        provenance::short(&p.guide_hash),
        p.verified,
        p.generated,
        p.generator,
        provenance::short(&p.values_hash)
    )
}

/// Write what changed; true when anything did.
fn report_changes(out: &mut String, then: &Provenance, now: &Provenance) -> bool {
    if then.guide_hash == now.guide_hash {
        let _ = writeln!(out, "The guide is unchanged since.");
        return false;
    }
    let c: Changes = provenance::compare(then, now);
    let _ = writeln!(
        out,
        "The guide has changed since (now version {}):",
        provenance::short(&now.guide_hash)
    );
    if c.is_empty() {
        let _ = writeln!(
            out,
            "  no step changed (the title, summary, inputs, records or book variables did)"
        );
    }
    for (what, ids) in [
        ("changed", &c.changed),
        ("added", &c.added),
        ("removed", &c.removed),
    ] {
        for id in ids {
            let _ = writeln!(out, "  {what}: step `{id}`");
        }
    }
    true
}
