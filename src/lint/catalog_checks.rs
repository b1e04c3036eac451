//! GS403: the catalog itself must be consistent, or the linter silently
//! misjudges labels: a `retired:` naming a release missing from `releases:`
//! would make a retired label look current.

use crate::diag::{Diagnostic, Severity};
use crate::load::Loaded;
use crate::model::{Catalog, Label};

use super::{fold, node_start};

/// Every consistency problem of one catalog.
pub fn check(catalog: &Loaded<Catalog>) -> Vec<Diagnostic> {
    let c = &catalog.doc;
    let mut out = Vec::new();
    let at = |label: &Label| {
        let s = node_start(&label.text, &catalog.source).unwrap_or(0);
        s..s + label.text.value.len()
    };
    let mut push = |sev, label: &Label, msg: String, help: &str| {
        let d = Diagnostic::at(sev, CODE, &catalog.path, &catalog.source, at(label), msg);
        out.push(d.with_help(help));
    };
    for label in &c.labels {
        for problem in release_problems(c, label) {
            push(
                Severity::Error,
                label,
                problem,
                "use a release name from `releases:` (add the release there if it is missing)",
            );
        }
        if let Some(rep) = &label.replacement
            && !c.labels.iter().any(|l| fold(&l.text.value) == fold(rep))
        {
            push(
                Severity::Warning,
                label,
                format!(
                    "replacement `{rep}` of `{}` is not a label of the catalog",
                    label.text.value
                ),
                "add the replacement as a label (with its source), so guides that use it are checked",
            );
        }
        for v in &label.variants {
            if let Some(why) = dead_variant(c, v) {
                push(
                    Severity::Warning,
                    label,
                    format!(
                        "variant `{v}` of `{}` can never be reported: {why}",
                        label.text.value
                    ),
                    "remove the variant, or move it to `notes`",
                );
            }
        }
    }
    out
}

/// Code of the catalog-consistency check.
pub const CODE: &str = "GS403";

fn release_problems<'a>(c: &Catalog, label: &'a Label) -> Vec<String> {
    let mut out = Vec::new();
    let index = |r: &'a Option<String>| r.as_deref().map(|r| (r, c.release_index(r)));
    let (since, retired) = (index(&label.since), index(&label.retired));
    for (field, value) in [("since", since), ("retired", retired)] {
        if let Some((name, None)) = value {
            out.push(format!(
                "`{field}: {name}` of `{}` is not in the catalog's releases",
                label.text.value
            ));
        }
    }
    if let (Some((_, Some(s))), Some((r, Some(e)))) = (since, retired)
        && e <= s
    {
        out.push(format!(
            "`{}` is retired in {r}, not after it appeared",
            label.text.value
        ));
    }
    out
}

/// Why a variant cannot fire: marks are split at `>`, and a variant that is
/// itself a label text (in any case) is read as that label.
fn dead_variant(c: &Catalog, variant: &str) -> Option<&'static str> {
    if variant.contains('>') {
        return Some("label marks are split at `>`, so a variant with `>` never matches a segment");
    }
    let v = fold(variant).to_lowercase();
    c.labels
        .iter()
        .any(|l| fold(&l.text.value).to_lowercase() == v)
        .then_some("it is the text of a catalog label (in some case), which is matched first")
}
