//! The linter: guides checked against a product's UI-label catalog.
//!
//! [`Context`] extracts every label mark and placeholder of a guide once, with
//! absolute positions in its YAML file; each rule in [`RULES`] reads it and
//! pushes [`Diagnostic`]s. Reporters only format the result.

mod catalog_checks;
pub mod labels;
mod matcher;
mod prose;
pub mod report;
mod rules;
pub mod sarif;

use std::ops::Range;

use crate::diag::{Diagnostic, Severity};
use crate::load::{Loaded, scalar_char_ranges};
use crate::model::text::{Placeholder, Token, tokenize};
use crate::model::{Catalog, Guide, Spanned};

pub use matcher::{Index, fold};
pub use rules::RULES;

/// Codes reported outside the registry (syntax errors, catalog freshness): code, name, doc.
pub const EXTRA_CODES: &[(&str, &str, &str)] = &[
    (
        "GS001",
        "syntax",
        "The inline syntax of a text field is broken: an unclosed `[[` or `{{` (a mark may wrap onto the next line but must close in its paragraph), an empty label segment, or an invalid placeholder name. `render` and `build` refuse the guide until it is fixed. Write `\\[[` or `\\{{` for the literal characters.",
    ),
    (
        "GS403",
        "catalog-integrity",
        "The catalog must be consistent, or labels are misjudged silently: every `since:` and `retired:` names a release of `releases:` (an error otherwise: a retired label would look current), a label retires after it appeared, a `replacement:` is itself a label of the catalog, and a `variants:` entry can match at all (it has no `>`, and is not the text of a catalog label in some case).",
    ),
    (
        "GS402",
        "catalog-freshness",
        "Salesforce ships three releases a year; the catalog says in `reviewed:` which release it was last checked against. From today's date and the release calendar (Spring about February, Summer about June, Winter about October), this warns when releases have shipped since. Review their release notes, update the labels, then move `reviewed:`.",
    ),
];

/// Every documented code: the registry, then the extra codes: (code, name, doc).
pub fn all_codes() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    RULES
        .iter()
        .map(|r| (r.code(), r.name(), r.doc()))
        .chain(EXTRA_CODES.iter().copied())
}

/// The code of a rule given by code (any case) or by name.
pub fn rule_code(name: &str) -> Option<&'static str> {
    all_codes()
        .find(|(c, n, _)| c.eq_ignore_ascii_case(name) || *n == name)
        .map(|(c, _, _)| c)
}

/// Every rule code and name, for suggestions.
pub fn rule_names() -> Vec<&'static str> {
    all_codes().flat_map(|(c, n, _)| [c, n]).collect()
}

/// Apply rule levels: change severities, drop `allow`ed findings.
pub fn apply_levels(
    diags: Vec<Diagnostic>,
    levels: &[(&str, crate::config::Level)],
) -> Vec<Diagnostic> {
    use crate::config::Level;
    diags
        .into_iter()
        .filter_map(|mut d| {
            match levels
                .iter()
                .rev()
                .find(|(code, _)| *code == d.code)
                .map(|(_, l)| *l)
            {
                Some(Level::Allow) => return None,
                Some(Level::Warning) => d.severity = Severity::Warning,
                Some(Level::Error) => d.severity = Severity::Error,
                None => {}
            }
            Some(d)
        })
        .collect()
}

/// A lint rule: one check with a stable code and documentation.
pub trait Rule: Sync {
    /// Stable code, e.g. `GS101`.
    fn code(&self) -> &'static str;
    /// Short kebab-case name, e.g. `unknown-label`.
    fn name(&self) -> &'static str;
    /// What the rule checks, why, and how to fix a finding (printed by `lint --explain`).
    fn doc(&self) -> &'static str;
    fn check(&self, cx: &Context, out: &mut Vec<Finding>);
}

/// A finding before the file path is attached.
#[derive(Debug, Clone)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub span: Range<usize>,
    pub message: String,
    pub help: Option<String>,
    /// Replacement for the bytes of `span` in the file, escaped for its scalar.
    pub fix: Option<String>,
}

/// Where a piece of text sits in the guide.
#[derive(Debug, Clone, Copy)]
pub struct Place<'g> {
    pub section: Option<&'g crate::model::Section>,
    pub step: Option<&'g crate::model::Step>,
}

/// A `[[A > B]]` mark: its segments with absolute byte ranges in the file.
#[derive(Debug, Clone)]
pub struct LabelRef<'g> {
    pub segments: Vec<(String, Range<usize>)>,
    /// Where the YAML scalar holding the mark starts in the file (its style decides escaping).
    pub field_start: usize,
    pub place: Place<'g>,
}

/// A `{{ name.facet }}` reference with its absolute range.
#[derive(Debug, Clone)]
pub struct PlaceholderRef<'g> {
    pub placeholder: Placeholder,
    pub span: Range<usize>,
    pub place: Place<'g>,
}

/// A catalog's lookup structures, built once per catalog and shared by every
/// guide (and every thread) of a run.
pub struct Indexed<'c> {
    pub index: Index<'c>,
    pub phrases: prose::Phrases<'c>,
}

impl<'c> Indexed<'c> {
    pub fn new(catalog: &'c Catalog) -> Indexed<'c> {
        Indexed {
            index: Index::new(catalog),
            phrases: prose::Phrases::new(catalog),
        }
    }
}

/// Everything the rules need about one guide.
pub struct Context<'g> {
    pub guide: &'g Loaded<Guide>,
    pub index: Option<&'g Index<'g>>,
    /// The catalog's labels as word sequences, for prose matching.
    pub phrases: Option<&'g prose::Phrases<'g>>,
    /// Index of the target release in the catalog's release list.
    pub target: Option<usize>,
    pub labels: Vec<LabelRef<'g>>,
    pub placeholders: Vec<PlaceholderRef<'g>>,
    pub syntax_errors: Vec<Finding>,
    /// Every text field (titles, summary, intros, step texts) with its place.
    pub fields: Vec<(&'g Spanned<String>, Place<'g>)>,
    /// Today's date as (year, month), for release-calendar checks.
    pub today: (i32, u32),
    /// Per field (by address): where each character of its value sits in the file.
    char_maps: std::cell::RefCell<std::collections::HashMap<usize, CharMap>>,
}

/// One field's value mapped onto the file, computed once per field.
struct CharMap {
    /// Byte offset in the value of each character.
    starts: Vec<usize>,
    /// Source range of each character, plus the range past the end.
    ranges: Vec<Range<usize>>,
}

impl CharMap {
    fn new(source: &str, node_start: usize, value: &str) -> CharMap {
        CharMap {
            starts: value.char_indices().map(|(i, _)| i).collect(),
            ranges: scalar_char_ranges(source, node_start, value),
        }
    }

    /// The index of the character starting at byte `offset` of the value.
    fn char_index(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s < offset)
    }
}

/// Options for a lint run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Target release name; default: each catalog's `current`.
    pub target_release: Option<String>,
    pub today: Option<(i32, u32)>,
}

/// Lint every guide against its product's catalog. Diagnostics are sorted by file and position.
pub fn run(
    guides: &[Loaded<Guide>],
    catalogs: &[Loaded<Catalog>],
    opts: &Options,
) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let today = opts.today.unwrap_or_else(today_year_month);
    let indexed: Vec<(&str, Indexed)> = catalogs
        .iter()
        .map(|c| (c.doc.product.as_str(), Indexed::new(&c.doc)))
        .collect();
    let per_guide: Vec<Vec<Diagnostic>> = guides
        .par_iter()
        .map(|guide| {
            let ix = indexed
                .iter()
                .find(|(product, _)| *product == guide.doc.product.value)
                .map(|(_, ix)| ix);
            lint_guide(guide, ix, opts.target_release.as_deref(), today)
        })
        .collect();
    let mut out: Vec<Diagnostic> = per_guide.into_iter().flatten().collect();
    out.extend(duplicate_guide_ids(guides));
    for catalog in catalogs {
        out.extend(rules::catalog_freshness(catalog, today));
        out.extend(catalog_checks::check(catalog));
    }
    out.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.code).cmp(&(&b.file, b.line, b.column, &b.code))
    });
    out.dedup();
    out
}

/// Every rule's findings for one guide.
fn lint_guide(
    guide: &Loaded<Guide>,
    indexed: Option<&Indexed>,
    target: Option<&str>,
    today: (i32, u32),
) -> Vec<Diagnostic> {
    let cx = Context::new(guide, indexed, target, today);
    let mut findings = cx.syntax_errors.clone();
    for rule in RULES {
        rule.check(&cx, &mut findings);
    }
    findings
        .into_iter()
        .map(|f| to_diagnostic(guide, f))
        .collect()
}

fn to_diagnostic(guide: &Loaded<Guide>, f: Finding) -> Diagnostic {
    let d = Diagnostic::at(
        f.severity,
        f.code,
        &guide.path,
        &guide.source,
        f.span,
        f.message,
    );
    let d = Diagnostic { fix: f.fix, ..d };
    match f.help {
        Some(h) => d.with_help(h),
        None => d,
    }
}

impl<'g> Context<'g> {
    fn new(
        guide: &'g Loaded<Guide>,
        indexed: Option<&'g Indexed<'g>>,
        target: Option<&str>,
        today: (i32, u32),
    ) -> Context<'g> {
        let catalog = indexed.map(|ix| ix.index.catalog);
        let target = catalog.and_then(|c| c.release_index(target.unwrap_or(&c.current.value)));
        let mut cx = Context {
            guide,
            index: indexed.map(|ix| &ix.index),
            phrases: indexed.map(|ix| &ix.phrases),
            target,
            labels: vec![],
            placeholders: vec![],
            syntax_errors: vec![],
            fields: vec![],
            today,
            char_maps: Default::default(),
        };
        cx.scan_all();
        cx
    }

    fn scan_all(&mut self) {
        let g = &self.guide.doc;
        let top = Place {
            section: None,
            step: None,
        };
        self.scan(&g.title, top);
        self.scan(&g.summary, top);
        for section in &g.sections {
            let place = Place {
                section: Some(section),
                step: None,
            };
            self.scan(&section.title, place);
            if let Some(intro) = &section.intro {
                self.scan(intro, place);
            }
            for step in &section.steps {
                let place = Place {
                    section: Some(section),
                    step: Some(step),
                };
                self.scan(&step.title, place);
                self.scan(&step.text, place);
            }
        }
    }

    /// Tokenize one text field and record its marks with file positions.
    fn scan(&mut self, field: &'g Spanned<String>, place: Place<'g>) {
        self.fields.push((field, place));
        let text = &field.value;
        let abs = |range: Range<usize>| self.absolute(field, range);
        match tokenize(text) {
            Err(e) => self.syntax_errors.push(Finding {
                code: "GS001",
                severity: Severity::Error,
                span: abs(e.range.clone()),
                message: e.message,
                help: Some(e.help),
                fix: None,
            }),
            Ok(tokens) => {
                let mut labels = Vec::new();
                let mut phs = Vec::new();
                // `[[x]]` in code is code, not a UI reference: never checked.
                let code = prose::code_ranges(text);
                let in_code =
                    |r: &Range<usize>| code.iter().any(|c| c.start <= r.start && r.end <= c.end);
                for t in tokens {
                    match t {
                        Token::Label(_, r) if in_code(&r) => {}
                        Token::Label(segs, _) => labels.push(LabelRef {
                            segments: segs
                                .iter()
                                // A wrapped mark reads as one line in messages.
                                .map(|s| {
                                    (
                                        s.text.split_whitespace().collect::<Vec<_>>().join(" "),
                                        abs(s.range.clone()),
                                    )
                                })
                                .collect(),
                            field_start: node_start(field, &self.guide.source).unwrap_or(0),
                            place,
                        }),
                        Token::Placeholder(p, r) => phs.push(PlaceholderRef {
                            placeholder: p,
                            span: abs(r),
                            place,
                        }),
                        Token::Text(..) => {}
                    }
                }
                self.labels.extend(labels);
                self.placeholders.extend(phs);
            }
        }
    }

    /// Map a byte range of a field's value to a byte range of the file.
    pub fn absolute(&self, field: &Spanned<String>, range: Range<usize>) -> Range<usize> {
        let src = &self.guide.source;
        let Some(start) = node_start(field, src) else {
            return 0..0;
        };
        let mut maps = self.char_maps.borrow_mut();
        let map = maps
            .entry(field as *const Spanned<String> as usize)
            .or_insert_with(|| CharMap::new(src, start, &field.value));
        let first = map.char_index(range.start);
        let last = map.char_index(range.end).saturating_sub(1).max(first);
        let a = map.ranges[first].start;
        let b = map.ranges[last].end;
        a..b.max(a)
    }

    /// Span of a whole field (its first character) for findings about the field.
    pub fn field_span(&self, field: &Spanned<String>) -> Range<usize> {
        match node_start(field, &self.guide.source) {
            Some(s) => {
                s..s + field
                    .value
                    .len()
                    .min(self.guide.source.len() - s)
                    .max(1)
                    .min(self.guide.source.len() - s)
            }
            None => 0..0,
        }
    }

    pub fn catalog(&self) -> Option<&'g Catalog> {
        self.index.map(|i| i.catalog)
    }
}

/// GS301 across files: two guides with one id would overwrite each other's pages.
fn duplicate_guide_ids(guides: &[Loaded<Guide>]) -> Vec<Diagnostic> {
    let mut first: std::collections::HashMap<&str, &Loaded<Guide>> =
        std::collections::HashMap::new();
    let mut out = Vec::new();
    for g in guides {
        let id = g.doc.id.value.as_str();
        let Some(earlier) = first.get(id) else {
            first.insert(id, g);
            continue;
        };
        let start = node_start(&g.doc.id, &g.source).unwrap_or(0);
        let line = earlier.doc.id.referenced.line();
        let d = Diagnostic::at(
            Severity::Error,
            "GS301",
            &g.path,
            &g.source,
            start..start + id.len(),
            format!(
                "guide id `{id}` is also the id of {}:{line}",
                earlier.path.display()
            ),
        );
        out.push(d.with_help("give each guide its own id: the id names its pages and its progress in readers' browsers"));
    }
    out
}

/// Byte offset where a spanned node starts in `source`.
pub fn node_start<T>(field: &Spanned<T>, source: &str) -> Option<usize> {
    let loc = field.referenced;
    if loc.line() == 0 {
        return None;
    }
    let off = loc
        .span()
        .byte_offset()
        .map(|b| b as usize)
        .unwrap_or_else(|| {
            crate::diag::offset_of(source, loc.line() as usize, loc.column() as usize)
        });
    Some(off.min(source.len()))
}

/// The current (year, month) from the system clock, or `GUIDESMITH_TODAY=YYYY-MM-DD`.
pub fn today_year_month() -> (i32, u32) {
    if let Ok(s) = std::env::var("GUIDESMITH_TODAY") {
        let mut parts = s.split('-');
        if let (Some(Ok(y)), Some(Ok(m))) =
            (parts.next().map(str::parse), parts.next().map(str::parse))
        {
            return (y, m);
        }
    }
    let (y, m, _) = crate::calendar::civil_from_days(crate::calendar::today_days());
    (y as i32, m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_ranges_agree_with_one_at_a_time() {
        let source = "a: plain text é\nb: \"q\\u00e9 \\\"x\\\" \\\n  y\"\nc: 'it''s'\nd: |\n  line one\n    two\ne: >\n  folded\n  text\n";
        for (start, value) in [
            (3, "plain text é"),
            (20, "qé \"x\" y"),
            (45, "it's"),
            (56, "line one\n  two\n"),
            (80, "folded text\n"),
            (0, "not there"),
        ] {
            let all = scalar_char_ranges(source, start, value);
            assert_eq!(all.len(), value.chars().count() + 1);
            for (i, r) in all.iter().enumerate() {
                let one = crate::load::scalar_char_range(source, start, value, i);
                assert_eq!(*r, one, "{value:?} char {i}");
            }
        }
    }
}
