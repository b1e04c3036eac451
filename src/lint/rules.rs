//! The rule registry. One struct per rule; `RULES` lists them all.

use std::collections::{BTreeMap, BTreeSet};

use super::{Context, Finding, LabelRef, Rule};
use crate::diag::{Diagnostic, Severity};
use crate::load::Loaded;
use crate::model::{Catalog, Condition, Label, LabelContext};

/// Every rule, in the order they run.
pub static RULES: &[&dyn Rule] = &[
    &UnknownProduct,
    &UnknownLabel,
    &RetiredLabel,
    &NotYetAvailable,
    &WrongCase,
    &WrongPath,
    &WrongContext,
    &super::prose::UnmarkedRetiredLabel,
    &UndefinedPlaceholder,
    &UnusedInput,
    &DuplicateId,
    &EmptyStep,
    &NoLabel,
    &BadReference,
    &BadInput,
    &StaleVerification,
];

fn finding(
    code: &'static str,
    severity: Severity,
    span: std::ops::Range<usize>,
    message: String,
    help: Option<String>,
) -> Finding {
    Finding {
        code,
        severity,
        span,
        message,
        help,
        fix: None,
    }
}

/// The label a mark refers to: its last segment.
fn last<'a>(r: &'a LabelRef) -> &'a (String, std::ops::Range<usize>) {
    r.segments
        .last()
        .expect("a label mark has at least one segment")
}

macro_rules! rule_meta {
    ($code:literal, $name:literal, $doc:literal) => {
        fn code(&self) -> &'static str {
            $code
        }
        fn name(&self) -> &'static str {
            $name
        }
        fn doc(&self) -> &'static str {
            $doc
        }
    };
}

/// GS100: the guide's `product` has no catalog.
pub struct UnknownProduct;
impl Rule for UnknownProduct {
    rule_meta!(
        "GS100",
        "unknown-product",
        "A guide names its product in `product:`; guidesmith lints its UI labels against `content/labels/<product>.yaml`. This error means no catalog declares that product. Fix the product key or add the catalog."
    );
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        if cx.index.is_none() {
            let p = &cx.guide.doc.product;
            out.push(finding(self.code(), Severity::Error, cx.field_span(p),
                format!("no UI-label catalog for product `{}`", p.value),
                Some("add content/labels/<product>.yaml with `product: <key>`, or fix the `product` field".into())));
        }
    }
}

/// Labels of a mark that exist in the catalog under their case rule.
fn resolve<'c>(cx: &Context<'c>, text: &str) -> Vec<&'c Label> {
    cx.index
        .as_ref()
        .map(|i| i.lookup(text))
        .unwrap_or_default()
}

/// GS101: a marked label is not in the catalog.
pub struct UnknownLabel;
impl Rule for UnknownLabel {
    rule_meta!(
        "GS101",
        "unknown-label",
        "Every `[[Label]]` (and every segment of `[[A > B]]`) must be a UI label of the product's catalog, or a node of a catalog label's path. Unknown labels are usually typos or labels Salesforce renamed long ago. The finding suggests the nearest catalog label. Fix the text, or add the label to the catalog with a source."
    );
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(index) = &cx.index else { return };
        for r in &cx.labels {
            for (i, (text, span)) in r.segments.iter().enumerate() {
                let is_last = i + 1 == r.segments.len();
                let known = !index.lookup(text).is_empty()
                    || (!is_last && index.is_path_element(text))
                    || !index.lookup_case_insensitive(text).is_empty();
                if known {
                    continue;
                }
                let variant = index.lookup_variant(text);
                let (msg, help) = match variant.first() {
                    Some(l) => (
                        format!(
                            "`{text}` is a common misspelling of the UI label `{}`",
                            l.text.value
                        ),
                        Some(format!("write `{}`", l.text.value)),
                    ),
                    None => (
                        format!("unknown UI label `{text}`"),
                        index.suggest(text).map(|s| format!("did you mean `{s}`?")),
                    ),
                };
                out.push(finding(
                    self.code(),
                    Severity::Error,
                    span.clone(),
                    msg,
                    help,
                ));
            }
        }
    }
}

fn release_name(cx: &Context, i: usize) -> String {
    cx.catalog()
        .map(|c| c.releases[i].clone())
        .unwrap_or_default()
}

/// True when every catalog entry for the text is retired at or before the target.
pub(super) fn all_retired<'c>(cx: &Context<'c>, labels: &[&'c Label]) -> Option<&'c Label> {
    let (catalog, target) = (cx.catalog()?, cx.target?);
    let retired_by = |l: &Label| l.retired.as_deref().and_then(|r| catalog.release_index(r));
    let all = labels
        .iter()
        .all(|l| retired_by(l).is_some_and(|r| r <= target));
    // The latest retirement is when the text finally disappeared.
    let latest = labels.iter().copied().max_by_key(|l| retired_by(l));
    if all { latest } else { None }
}

/// GS102: a marked label was retired or renamed.
pub struct RetiredLabel;
impl Rule for RetiredLabel {
    rule_meta!(
        "GS102",
        "retired-label",
        "The label was removed or renamed in a Salesforce release at or before the target release, so readers will not find it. The finding names the replacement from the catalog. Labels retired only after the target release are reported as warnings, so you can prepare."
    );
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(catalog) = cx.catalog() else { return };
        for r in &cx.labels {
            let (text, span) = last(r);
            let labels = resolve(cx, text);
            if let Some(l) = all_retired(cx, &labels) {
                let help = match &l.replacement {
                    Some(rep) => format!("replace it with `{rep}`"),
                    None => "remove the step or describe the current UI".into(),
                };
                let rel = l.retired.clone().unwrap_or_default();
                let fix = l.replacement.as_ref().map(|rep| {
                    crate::load::escape_for_scalar(&cx.guide.source, r.field_start, rep)
                });
                out.push(finding(
                    self.code(),
                    Severity::Error,
                    span.clone(),
                    format!(
                        "`{text}` was retired in {rel}{}",
                        l.replacement
                            .as_ref()
                            .map(|r| format!("; it is now `{r}`"))
                            .unwrap_or_default()
                    ),
                    Some(help),
                ));
                if let Some(f) = out.last_mut() {
                    f.fix = fix;
                }
            } else if let Some(l) = labels.iter().find(|l| {
                l.retired
                    .as_deref()
                    .and_then(|x| catalog.release_index(x))
                    .is_some_and(|x| Some(x) > cx.target)
            }) {
                out.push(finding(
                    self.code(),
                    Severity::Warning,
                    span.clone(),
                    format!(
                        "`{text}` will be retired in {}",
                        l.retired.clone().unwrap_or_default()
                    ),
                    l.replacement
                        .as_ref()
                        .map(|r| format!("plan to replace it with `{r}`")),
                ));
            }
        }
    }
}

/// GS103: a label that appears only in a later release than the target.
pub struct NotYetAvailable;
impl Rule for NotYetAvailable {
    rule_meta!(
        "GS103",
        "not-yet-available",
        "The label appears only in a release after the target release, so readers on the target release will not see it. Change the target release (`--target-release` or `[lint] target-release`) or describe the UI they have."
    );
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let (Some(catalog), Some(target)) = (cx.catalog(), cx.target) else {
            return;
        };
        for r in &cx.labels {
            let (text, span) = last(r);
            let labels = resolve(cx, text);
            let since = |l: &Label| l.since.as_deref().and_then(|s| catalog.release_index(s));
            if !labels.is_empty() && labels.iter().all(|l| since(l).is_some_and(|s| s > target)) {
                let first = labels
                    .iter()
                    .filter_map(|l| since(l))
                    .min()
                    .unwrap_or(target);
                out.push(finding(
                    self.code(),
                    Severity::Error,
                    span.clone(),
                    format!(
                        "`{text}` is only available from {}, after the target release {}",
                        release_name(cx, first),
                        release_name(cx, target)
                    ),
                    None,
                ));
            }
        }
    }
}

/// GS104: right label, wrong case.
pub struct WrongCase;
impl Rule for WrongCase {
    rule_meta!(
        "GS104",
        "wrong-case",
        "UI labels are compared exactly, case included, except Setup-tree headings marked `case: insensitive` in the catalog (the UI shows them upper-case). Write the label as the UI shows it."
    );
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(index) = &cx.index else { return };
        for r in &cx.labels {
            for (text, span) in &r.segments {
                if !index.lookup(text).is_empty() || index.path_element(text).is_some() {
                    continue;
                }
                let right = (index.lookup_case_insensitive(text).first())
                    .map(|l| l.text.value.as_str())
                    .or_else(|| index.path_element_any_case(text));
                if let Some(right) = right {
                    out.push(finding(
                        self.code(),
                        Severity::Error,
                        span.clone(),
                        format!("`{text}` does not match the case of the UI label `{right}`"),
                        Some(format!("write `{right}`")),
                    ));
                }
            }
        }
    }
}

/// GS105: a menu path whose parts are not above the label.
pub struct WrongPath;
impl Rule for WrongPath {
    rule_meta!(
        "GS105",
        "wrong-path",
        "In a path mark `[[A > B > C]]`, each earlier segment must appear, in order, in the catalog path of the last label. A wrong path sends readers to the wrong menu. Check the label's `path` in the catalog."
    );
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for r in cx.labels.iter().filter(|r| r.segments.len() > 1) {
            let (text, span) = last(r);
            let labels = resolve(cx, text);
            if labels.is_empty() {
                continue;
            }
            let parents: Vec<String> = r.segments[..r.segments.len() - 1]
                .iter()
                .map(|s| super::fold(&s.0).to_lowercase())
                .collect();
            if labels.iter().any(|l| path_contains(l, &parents)) {
                continue;
            }
            let shown = labels[0].path.join(" > ");
            let start = r.segments[0].1.start;
            out.push(finding(
                self.code(),
                Severity::Error,
                start..span.end,
                format!(
                    "`{text}` is not under `{}`",
                    r.segments[..r.segments.len() - 1]
                        .iter()
                        .map(|s| s.0.as_str())
                        .collect::<Vec<_>>()
                        .join(" > ")
                ),
                Some(format!("its path is `{shown}`")),
            ));
        }
    }
}

/// Whether `parents` occur in order in the label's path.
fn path_contains(label: &Label, parents: &[String]) -> bool {
    let mut path = label.path.iter().map(|p| super::fold(p).to_lowercase());
    parents.iter().all(|want| path.any(|p| &p == want))
}

fn section_context(r: &LabelRef) -> Option<LabelContext> {
    match r.place.section?.context.as_deref()? {
        "external-client-app" => Some(LabelContext::ExternalClientApp),
        "connected-app" => Some(LabelContext::ConnectedApp),
        _ => None,
    }
}

/// GS106: connected-app wording in an External Client App section, or the reverse.
pub struct WrongContext;
impl Rule for WrongContext {
    rule_meta!(
        "GS106",
        "wrong-context",
        "External Client Apps and connected apps word some settings differently (\"Enable OAuth\" against \"Enable OAuth Settings\"). A section with `context: external-client-app` or `context: connected-app` may only use labels of its own form (or org-wide labels). The finding names the label of the right form when the catalog knows it."
    );
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for r in &cx.labels {
            let Some(want) = section_context(r) else {
                continue;
            };
            let (text, span) = last(r);
            let labels = resolve(cx, text);
            let fits = |l: &&Label| {
                l.context == want
                    || l.context == LabelContext::Org
                    || l.context == LabelContext::User
            };
            if labels.is_empty() || labels.iter().any(fits) {
                continue;
            }
            let other = labels[0];
            let help = other
                .replacement
                .as_ref()
                .map(|r| format!("in this form the label is `{r}`"));
            out.push(finding(
                self.code(),
                Severity::Error,
                span.clone(),
                format!(
                    "`{text}` belongs to the {} form, but this section is about the {} form",
                    ctx_name(other.context),
                    ctx_name(want)
                ),
                help,
            ));
        }
    }
}

fn ctx_name(c: LabelContext) -> &'static str {
    match c {
        LabelContext::ExternalClientApp => "External Client App",
        LabelContext::ConnectedApp => "connected app",
        LabelContext::Org => "org",
        LabelContext::User => "user settings",
    }
}

/// GS201: a placeholder that names no input, book variable or facet.
pub struct UndefinedPlaceholder;
impl Rule for UndefinedPlaceholder {
    rule_meta!(
        "GS201",
        "undefined-placeholder",
        "Every `{{ name }}` must be declared under `inputs:` (or be a record id, or `book.<variable>` from book.toml), and `{{ name.facet }}` must use a facet of the input's type (my-domain: host, url, sandbox, lightning_host). An undefined placeholder would print nothing or a raw token to the customer."
    );
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let g = &cx.guide.doc;
        for p in &cx.placeholders {
            let (name, facet) = (&p.placeholder.name, p.placeholder.facet.as_deref());
            if name == "book" {
                continue; // book variables are checked against book.toml by the build
            }
            let problem = match (g.input(name), g.record(name)) {
                (Some(input), _) => facet
                    .filter(|f| !crate::inputs::facets(input.kind).contains(f))
                    .map(|f| {
                        (
                            format!("input `{name}` has no facet `{f}`"),
                            format!(
                                "facets of this input: {}",
                                crate::inputs::facets(input.kind).join(", ")
                            ),
                        )
                    }),
                (None, Some(_)) if facet.is_none() => None,
                _ => {
                    let names = g.inputs.iter().map(|i| i.id.value.as_str());
                    let help = match crate::suggest::closest(name, names) {
                        Some(s) => {
                            format!("did you mean `{s}`? Otherwise declare it under `inputs:`")
                        }
                        None => "declare it under `inputs:`".into(),
                    };
                    Some((
                        format!("placeholder `{}` is not declared", p.placeholder.key()),
                        help,
                    ))
                }
            };
            if let Some((msg, help)) = problem {
                out.push(finding(
                    self.code(),
                    Severity::Error,
                    p.span.clone(),
                    msg,
                    Some(help),
                ));
            }
        }
    }
}

/// GS202: an input no text or condition uses.
pub struct UnusedInput;
impl Rule for UnusedInput {
    rule_meta!(
        "GS202",
        "unused-input",
        "An input that no placeholder or condition uses asks the customer for a value nobody reads. Remove it or use it."
    );
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let used: BTreeSet<String> = cx
            .placeholders
            .iter()
            .map(|p| p.placeholder.name.clone())
            .chain(conditions(cx).map(|(c, _)| c.input_name().to_string()))
            .collect();
        for input in &cx.guide.doc.inputs {
            if !used.contains(&input.id.value) {
                out.push(finding(
                    self.code(),
                    Severity::Warning,
                    cx.field_span(&input.id),
                    format!("input `{}` is never used", input.id.value),
                    Some("use it as a placeholder or in a `when:` condition, or remove it".into()),
                ));
            }
        }
    }
}

/// Every parsed condition of the guide with its field.
fn conditions<'a>(
    cx: &'a Context,
) -> impl Iterator<Item = (Condition, &'a crate::model::Spanned<String>)> + 'a {
    let g = &cx.guide.doc;
    let sections = g.sections.iter().filter_map(|s| s.when.as_ref());
    let steps = g.steps().filter_map(|(_, st)| st.when.as_ref());
    sections
        .chain(steps)
        .filter_map(|w| Condition::parse(&w.value).ok().map(|c| (c, w)))
}

/// GS301: two things share an id.
pub struct DuplicateId;
impl Rule for DuplicateId {
    rule_meta!(
        "GS301",
        "duplicate-id",
        "Section, step, input and record ids must be unique within a guide: anchors, saved progress and lint positions all key on them. Rename one of the two."
    );
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let g = &cx.guide.doc;
        let ids = g
            .sections
            .iter()
            .map(|s| ("section", &s.id))
            .chain(g.steps().map(|(_, st)| ("step", &st.id)))
            .chain(g.inputs.iter().map(|i| ("input", &i.id)))
            .chain(g.records.iter().map(|r| ("record", &r.id)));
        let mut seen: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for (kind, id) in ids {
            let space = if kind == "input" || kind == "record" {
                "value"
            } else {
                kind
            };
            let key = (space, id.value.as_str());
            if let Some(line) = seen.get(&key) {
                out.push(finding(
                    self.code(),
                    Severity::Error,
                    cx.field_span(id),
                    format!(
                        "duplicate {kind} id `{}` (first used on line {line})",
                        id.value
                    ),
                    Some("ids must be unique within the guide; rename one".into()),
                ));
            } else {
                seen.insert(key, id.referenced.line() as usize);
            }
        }
    }
}

/// GS302: a step with no text.
pub struct EmptyStep;
impl Rule for EmptyStep {
    rule_meta!(
        "GS302",
        "empty-step",
        "A step whose text is empty tells the reader nothing. Write the step or remove it."
    );
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (_, step) in cx.guide.doc.steps() {
            if step.text.value.trim().is_empty() {
                out.push(finding(
                    self.code(),
                    Severity::Error,
                    cx.field_span(&step.id),
                    format!("step `{}` has no text", step.id.value),
                    None,
                ));
            }
        }
    }
}

/// GS303: a step that marks no UI label.
pub struct NoLabel;
impl Rule for NoLabel {
    rule_meta!(
        "GS303",
        "no-label",
        "A step that names no `[[UI label]]` cannot be checked against the catalog, so it can rot silently. Mark the labels it mentions; a step that is pure prose (\"store the password in your password manager\") opts out with `prose: true`."
    );
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        for (_, step) in cx
            .guide
            .doc
            .steps()
            .filter(|(_, s)| !s.prose && !s.text.value.trim().is_empty())
        {
            let has = cx
                .labels
                .iter()
                .any(|r| r.place.step.is_some_and(|s| std::ptr::eq(s, step)));
            if !has {
                out.push(finding(self.code(), Severity::Warning, cx.field_span(&step.id), format!("step `{}` marks no UI label", step.id.value), Some("mark the labels it mentions as [[Label]], or set `prose: true` if it has none".into())));
            }
        }
    }
}

/// A comparison no value can satisfy: `edition == "enterprize"` against the
/// options of a choice input, or a boolean compared with something else.
fn impossible_comparison(g: &crate::model::Guide, c: &Condition) -> Option<String> {
    let Condition::Equals { key, value, .. } = c else {
        return None;
    };
    let input = g.input(key)?;
    let allowed: Vec<String> = match input.kind {
        crate::model::InputKind::Choice => input.options.clone(),
        crate::model::InputKind::Boolean => vec!["true".into(), "false".into()],
        _ => return None,
    };
    if allowed.contains(value) {
        return None;
    }
    let hint = crate::suggest::closest(value, allowed.iter().map(String::as_str))
        .map(|s| format!("; did you mean \"{s}\"?"))
        .unwrap_or_default();
    Some(format!(
        "`{key}` is never \"{value}\": its values are {}{hint}",
        allowed.join(", ")
    ))
}

/// GS304: a bad condition or record reference.
pub struct BadReference;
impl Rule for BadReference {
    rule_meta!(
        "GS304",
        "bad-reference",
        "A `when:` condition must parse and name a declared input; a step's `records:` must name declared records. A condition on an undeclared input would silently hide or show the step."
    );
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let g = &cx.guide.doc;
        let whens = g
            .sections
            .iter()
            .filter_map(|s| s.when.as_ref())
            .chain(g.steps().filter_map(|(_, st)| st.when.as_ref()));
        for w in whens {
            match Condition::parse(&w.value) {
                Err(e) => out.push(finding(
                    self.code(),
                    Severity::Error,
                    cx.field_span(w),
                    format!("bad condition: {e}"),
                    None,
                )),
                Ok(c) if g.input(c.input_name()).is_none() => out.push(finding(
                    self.code(),
                    Severity::Error,
                    cx.field_span(w),
                    format!("condition uses undeclared input `{}`", c.input_name()),
                    Some(
                        match crate::suggest::closest(
                            c.input_name(),
                            g.inputs.iter().map(|i| i.id.value.as_str()),
                        ) {
                            Some(s) => format!(
                                "did you mean `{s}`? Otherwise declare the input under `inputs:`"
                            ),
                            None => "declare the input under `inputs:`".into(),
                        },
                    ),
                )),
                Ok(c) => {
                    if let Some(problem) = impossible_comparison(g, &c) {
                        out.push(finding(
                            self.code(),
                            Severity::Error,
                            cx.field_span(w),
                            problem,
                            None,
                        ));
                    }
                }
            }
        }
        for (_, step) in g.steps() {
            for r in step.records.iter().filter(|r| g.record(&r.value).is_none()) {
                out.push(finding(
                    self.code(),
                    Severity::Error,
                    cx.field_span(r),
                    format!(
                        "step `{}` names undeclared record `{}`",
                        step.id.value, r.value
                    ),
                    Some("declare it under `records:`".into()),
                ));
            }
        }
    }
}

/// GS305: an input whose definition no value can meet, or a bad verification date.
pub struct BadInput;
impl Rule for BadInput {
    rule_meta!(
        "GS305",
        "bad-input",
        "An input's `default` must be a valid value of its type (a choice default one of its `options`); a `choice` input needs options; `verified.date` is a real date written `YYYY-MM-DD`. Otherwise every render fails, or readers see a date like `next tuesday`."
    );
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let g = &cx.guide.doc;
        for input in &g.inputs {
            let at = cx.field_span(&input.id);
            let kind = input.kind;
            if kind == crate::model::InputKind::Choice && input.options.is_empty() {
                out.push(finding(
                    self.code(),
                    Severity::Error,
                    at.clone(),
                    format!("choice input `{}` has no `options`", input.id.value),
                    Some("list the allowed values: `options: [Enterprise, Unlimited]`".into()),
                ));
            }
            if let Some(d) = &input.default
                && let Err(e) = crate::inputs::validate_value(kind, &input.options, d)
            {
                out.push(finding(
                    self.code(),
                    Severity::Error,
                    at,
                    format!("the default of `{}` is invalid: {e}", input.id.value),
                    None,
                ));
            }
        }
        let date = &g.verified.date;
        if !is_iso_date(&date.value) {
            out.push(finding(
                self.code(),
                Severity::Error,
                cx.field_span(date),
                format!("`{}` is not a date", date.value),
                Some(
                    "write the date of the last walk-through as YYYY-MM-DD, e.g. 2026-11-30".into(),
                ),
            ));
        }
    }
}

/// `YYYY-MM-DD` with a real month and day.
fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts[..] else { return false };
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (Some(y), Some(m), Some(d)) = (num(y, 4), num(m, 2), num(d, 2)) else {
        return false;
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    (1..=12).contains(&m) && d >= 1 && d <= days[m as usize - 1]
}

/// GS401: the guide was verified against an older release than the catalog's current one.
pub struct StaleVerification;
impl Rule for StaleVerification {
    rule_meta!(
        "GS401",
        "stale-verification",
        "`verified.release` says which release a person last walked through the guide on. When the catalog's current release is newer, walk through it again and update `verified`."
    );
    fn check(&self, cx: &Context, out: &mut Vec<Finding>) {
        let Some(catalog) = cx.catalog() else { return };
        let v = &cx.guide.doc.verified.release;
        match (
            catalog.release_index(&v.value),
            catalog.release_index(&catalog.current.value),
        ) {
            (None, _) => out.push(finding(
                "GS304",
                Severity::Error,
                cx.field_span(v),
                format!("unknown release `{}`", v.value),
                Some(format!(
                    "releases in the catalog: {}",
                    catalog.releases.join(", ")
                )),
            )),
            (Some(g), Some(c)) if g < c => out.push(finding(
                self.code(),
                Severity::Warning,
                cx.field_span(v),
                format!(
                    "guide was verified against {}, older than the current release {}",
                    v.value, catalog.current.value
                ),
                Some("walk through the guide on the current release and update `verified`".into()),
            )),
            _ => {}
        }
    }
}

/// GS402 (catalog-level): Salesforce shipped releases the catalog was not reviewed for.
pub fn catalog_freshness(catalog: &Loaded<Catalog>, today: (i32, u32)) -> Vec<Diagnostic> {
    let c = &catalog.doc;
    let Some(reviewed) = c.release_index(&c.reviewed.value) else {
        let span = super::node_start(&c.reviewed, &catalog.source).map_or(0..0, |s| s..s + 1);
        return vec![Diagnostic::at(
            Severity::Error,
            "GS402",
            &catalog.path,
            &catalog.source,
            span,
            format!(
                "`reviewed: {}` is not in the catalog's releases",
                c.reviewed.value
            ),
        )];
    };
    let shipped: Vec<&String> = c
        .releases
        .iter()
        .skip(reviewed + 1)
        .filter(|r| ships_by(r, today))
        .collect();
    if shipped.is_empty() {
        return Vec::new();
    }
    let span = super::node_start(&c.reviewed, &catalog.source).map_or(0..0, |s| s..s + 1);
    let names: Vec<&str> = shipped.iter().map(|s| s.as_str()).collect();
    vec![
        Diagnostic::at(
            Severity::Warning,
            "GS402",
            &catalog.path,
            &catalog.source,
            span,
            format!(
                "catalog was reviewed for {}, but Salesforce has since shipped {}",
                c.reviewed.value,
                names.join(", ")
            ),
        )
        .with_help(
            "review the release notes for those releases, update the labels, then set `reviewed:`",
        ),
    ]
}

/// Whether a release named like `Winter '27` has shipped by (year, month):
/// Spring ships around February, Summer around June, Winter around October of the previous year.
pub fn ships_by(release: &str, today: (i32, u32)) -> bool {
    let folded = crate::model::catalog::fold_release(release);
    let mut parts = folded.split(' ');
    let (Some(season), Some(year)) = (parts.next(), parts.next()) else {
        return false;
    };
    let Ok(yy) = year.trim_start_matches('\'').parse::<i32>() else {
        return false;
    };
    let (year, month) = match season {
        "spring" => (2000 + yy, 2),
        "summer" => (2000 + yy, 6),
        "winter" => (2000 + yy - 1, 10),
        _ => return false,
    };
    (today.0, today.1) >= (year, month)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_codes_are_unique_and_documented() {
        let mut codes = BTreeSet::new();
        for r in RULES {
            assert!(codes.insert(r.code()), "duplicate code {}", r.code());
            assert!(r.doc().len() > 40, "{} needs a doc", r.code());
            assert!(r.name().chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        }
    }

    #[test]
    fn release_calendar() {
        assert!(ships_by("Winter '27", (2026, 12)));
        assert!(!ships_by("Spring '27", (2026, 12)));
        assert!(ships_by("Summer \u{2019}26", (2026, 6)));
    }
}
