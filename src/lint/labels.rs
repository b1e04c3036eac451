//! Queries on a catalog for `guidesmith labels`: search, the changes between
//! two releases, and where guides use a label (marked or in prose).

use std::ops::Range;

use super::prose::prose_words;
use super::{Context, fold};
use crate::diag::line_col;
use crate::load::Loaded;
use crate::model::{Catalog, Guide, Label};

/// Labels whose text, path, kind or replacement contains `query` (any case), in catalog order.
pub fn search<'c>(catalog: &'c Catalog, query: &str) -> Vec<&'c Label> {
    let q = fold(query).to_lowercase();
    catalog
        .labels
        .iter()
        .filter(|l| {
            let hay = [
                l.text.value.as_str(),
                &l.path.join(" > "),
                &format!("{:?}", l.kind),
                l.replacement.as_deref().unwrap_or(""),
            ];
            hay.iter().any(|h| fold(h).to_lowercase().contains(&q))
        })
        .collect()
}

/// What happened to a label between two releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Retired,
}

/// One change between two releases.
#[derive(Debug, Clone)]
pub struct Change<'c> {
    pub kind: ChangeKind,
    pub release: &'c str,
    pub label: &'c Label,
}

/// Labels added or retired in releases after `from` up to and including `to`.
pub fn diff<'c>(catalog: &'c Catalog, from: usize, to: usize) -> Vec<Change<'c>> {
    let mut out = Vec::new();
    for label in &catalog.labels {
        for (kind, field) in [
            (ChangeKind::Added, &label.since),
            (ChangeKind::Retired, &label.retired),
        ] {
            let at = field
                .as_deref()
                .and_then(|name| catalog.release_index(name));
            if let Some(i) = at.filter(|i| *i > from && *i <= to) {
                let release = catalog.releases[i].as_str();
                out.push(Change {
                    kind,
                    release,
                    label,
                });
            }
        }
    }
    out.sort_by_key(|c| {
        (
            catalog.release_index(c.release),
            c.kind == ChangeKind::Added,
            c.label.text.value.clone(),
        )
    });
    out
}

/// Where a guide refers to a label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usage {
    pub file: std::path::PathBuf,
    pub line: usize,
    pub column: usize,
    /// The step id, or the section id for text outside steps.
    pub place: String,
    /// Whether the label is marked (`[[ ]]`) or only named in prose.
    pub marked: bool,
}

/// Every place in `guides` that refers to `label` (by folded text); `indexed`
/// is built once per catalog by the caller ([`super::Indexed::new`]).
pub fn usages(guides: &[Loaded<Guide>], indexed: &super::Indexed<'_>, label: &Label) -> Vec<Usage> {
    let want = fold(&label.text.value);
    let catalog = indexed.index.catalog;
    let phrases = &indexed.phrases;
    let mut out = Vec::new();
    for g in guides
        .iter()
        .filter(|g| g.doc.product.value == catalog.product)
    {
        let cx = Context::new(g, Some(indexed), None, (2000, 1));
        for r in &cx.labels {
            for (text, span) in &r.segments {
                if fold(text) == want {
                    out.push(usage(g, span.clone(), place(&r.place), true));
                }
            }
        }
        for (field, p) in &cx.fields {
            let words = prose_words(&field.value);
            for (range, labels) in phrases.matches(&words) {
                if labels.iter().any(|l| fold(&l.text.value) == want) {
                    let span = words[range.start].range.start..words[range.end - 1].range.end;
                    out.push(usage(g, cx.absolute(field, span), place(p), false));
                }
            }
        }
    }
    out.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    out.dedup();
    out
}

fn usage(g: &Loaded<Guide>, span: Range<usize>, place: String, marked: bool) -> Usage {
    let (line, column) = line_col(&g.source, span.start);
    Usage {
        file: g.path.clone(),
        line,
        column,
        place,
        marked,
    }
}

fn place(p: &super::Place) -> String {
    match (p.step, p.section) {
        (Some(st), _) => format!("step `{}`", st.id.value),
        (None, Some(se)) => format!("section `{}`", se.id.value),
        _ => "guide header".into(),
    }
}
