//! `guidesmith lint`: check every guide against its catalog.

use std::collections::BTreeMap;
use std::path::Path;

use super::Outcome;
use crate::diag::{Diagnostic, Severity};
use crate::lint::{self, report};

/// Options of `lint`.
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    pub format: report::Format,
    pub target_release: Option<String>,
    pub deny_warnings: bool,
    pub explain: Option<String>,
    /// Rewrite fixable findings (retired labels) in the YAML files, then report what is left.
    pub fix: bool,
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
    let mut diags = lint::run(&project.guides, &project.catalogs, &opts);
    if o.fix && apply_fixes(&project, &diags)? > 0 {
        let project = crate::load::project(root)?;
        diags = lint::run(&project.guides, &project.catalogs, &opts);
    }
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

/// Apply every fix to its file; returns how many were applied.
///
/// Fixes are byte replacements at the diagnostic's span, applied from the end
/// of the file backwards, so every other byte (comments, formatting) stays.
fn apply_fixes(project: &crate::load::Project, diags: &[Diagnostic]) -> anyhow::Result<usize> {
    let mut by_file: BTreeMap<&Path, Vec<&Diagnostic>> = BTreeMap::new();
    for d in diags.iter().filter(|d| d.fix.is_some()) {
        by_file.entry(d.file.as_path()).or_default().push(d);
    }
    let mut applied = 0;
    for (file, fixes) in by_file {
        let Some(guide) = project.guides.iter().find(|g| g.path == file) else {
            continue;
        };
        let (text, n) = fixed_text(&guide.source, fixes);
        crate::output::write_file_atomic(file, text.as_bytes())?;
        eprintln!(
            "fixed {n} label{} in {}",
            if n == 1 { "" } else { "s" },
            file.display()
        );
        applied += n;
    }
    Ok(applied)
}

/// `source` with non-overlapping fixes applied, and their count.
fn fixed_text(source: &str, mut fixes: Vec<&Diagnostic>) -> (String, usize) {
    fixes.sort_by_key(|d| std::cmp::Reverse(d.span.start));
    let mut text = source.to_string();
    let mut floor = usize::MAX;
    let mut n = 0;
    for d in fixes {
        if d.span.end > floor || d.span.is_empty() {
            continue;
        }
        text.replace_range(d.span.clone(), d.fix.as_deref().unwrap_or_default());
        floor = d.span.start;
        n += 1;
    }
    (text, n)
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
