//! `guidesmith lint`: check every guide against its catalog.

use std::collections::BTreeMap;
use std::path::Path;

use super::Outcome;
use crate::diag::Severity;
use crate::lint::{self, report};

/// Options of `lint`.
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    pub format: report::Format,
    pub target_release: Option<String>,
    pub deny_warnings: bool,
    pub explain: Option<String>,
}

pub fn run(root: &Path, o: &LintOptions) -> anyhow::Result<Outcome> {
    if let Some(code) = &o.explain {
        return explain(code);
    }
    let project = crate::load::project(root)?;
    let target = o
        .target_release
        .clone()
        .or_else(|| project.config.lint.target_release.clone());
    let opts = lint::Options {
        target_release: target,
        today: None,
    };
    check_target(&project, opts.target_release.as_deref())?;
    let diags = lint::run(&project.guides, &project.catalogs, &opts);
    let sources: BTreeMap<_, _> = project
        .guides
        .iter()
        .map(|g| (g.path.clone(), g.source.clone()))
        .chain(
            project
                .catalogs
                .iter()
                .map(|c| (c.path.clone(), c.source.clone())),
        )
        .collect();
    print!("{}", report::render(o.format, &diags, &sources));
    let fails = |s: Severity| s == Severity::Error || o.deny_warnings;
    Ok(if diags.iter().any(|d| fails(d.severity)) {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}

/// A target release must exist in every catalog.
fn check_target(project: &crate::load::Project, target: Option<&str>) -> anyhow::Result<()> {
    let Some(t) = target else { return Ok(()) };
    for c in &project.catalogs {
        if c.doc.release_index(t).is_none() {
            anyhow::bail!(
                "unknown target release `{t}` for {}; known releases: {}",
                c.doc.name,
                c.doc.releases.join(", ")
            );
        }
    }
    Ok(())
}

fn explain(code: &str) -> anyhow::Result<Outcome> {
    let rule = lint::RULES
        .iter()
        .find(|r| r.code().eq_ignore_ascii_case(code) || r.name() == code);
    match rule {
        Some(r) => {
            println!("{} ({})\n\n{}", r.code(), r.name(), r.doc());
            Ok(Outcome::Ok)
        }
        None => {
            let codes: Vec<String> = lint::RULES
                .iter()
                .map(|r| format!("{} {}", r.code(), r.name()))
                .collect();
            anyhow::bail!("no rule `{code}`; rules:\n  {}", codes.join("\n  "))
        }
    }
}
