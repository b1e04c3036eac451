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
    /// `CODE=LEVEL` overrides from the command line (after book.toml's).
    pub levels: Vec<String>,
}

pub fn run(root: &Path, o: &LintOptions) -> anyhow::Result<Outcome> {
    if let Some(code) = &o.explain {
        return explain(code);
    }
    let project = crate::load::project(root).inspect_err(|e| machine_report(o.format, e))?;
    let target = o
        .target_release
        .clone()
        .or_else(|| project.config.lint.target_release.clone());
    let opts = lint::Options {
        target_release: target,
        today: None,
    };
    check_target(&project, opts.target_release.as_deref())?;
    let levels = levels(&project.config, &o.levels)?;
    let mut diags = lint::run(&project.guides, &project.catalogs, &opts);
    if o.fix && apply_fixes(&project, &diags)? > 0 {
        let project = crate::load::project(root)?;
        diags = lint::run(&project.guides, &project.catalogs, &opts);
    }
    let diags = lint::apply_levels(diags, &levels);
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

/// Input errors (a file that does not load) in the machine formats too, on
/// standard output, so CI gets a valid JSON/SARIF/GitHub report; exit 2 follows.
fn machine_report(format: report::Format, e: &anyhow::Error) {
    if format == report::Format::Human {
        return;
    }
    if let Some(input) = e.downcast_ref::<crate::load::InputError>() {
        print!(
            "{}",
            report::render(format, &input.diagnostics, &input.sources)
        );
    }
}

/// Rule levels from book.toml, then from `--level CODE=LEVEL` (which win).
fn levels(
    config: &crate::config::Config,
    cli: &[String],
) -> anyhow::Result<Vec<(&'static str, crate::config::Level)>> {
    let mut out: Vec<(&'static str, crate::config::Level)> = config
        .lint
        .levels
        .iter()
        .filter_map(|(name, l)| lint::rule_code(name).map(|c| (c, *l)))
        .collect();
    for pair in cli {
        let Some((name, level)) = pair.split_once('=') else {
            anyhow::bail!("`--level {pair}` needs the form CODE=LEVEL, e.g. --level GS303=allow");
        };
        let Some(code) = lint::rule_code(name.trim()) else {
            anyhow::bail!(
                "`--level {pair}`: no lint rule `{name}`; `guidesmith lint --explain CODE` lists the rules"
            );
        };
        out.push((
            code,
            level
                .trim()
                .parse()
                .map_err(|e: String| anyhow::anyhow!("`--level {pair}`: {e}"))?,
        ));
    }
    Ok(out)
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
    match lint::all_codes().find(|(c, n, _)| c.eq_ignore_ascii_case(code) || *n == code) {
        Some((c, n, doc)) => {
            println!("{c} ({n})\n\n{doc}");
            Ok(Outcome::Ok)
        }
        None => {
            let mut codes: Vec<String> = lint::all_codes()
                .map(|(c, n, _)| format!("{c} {n}"))
                .collect();
            codes.sort();
            anyhow::bail!("no rule `{code}`; rules:\n  {}", codes.join("\n  "))
        }
    }
}
