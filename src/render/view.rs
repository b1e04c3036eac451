//! The view structs templates see, and the plan of visible, numbered steps.
//!
//! Templates never see model types: a theme author gets these documented,
//! serialisable structs, with every text already filled and escaped where it
//! is HTML (`*_html` fields, used with `| safe`) and raw where it is text
//! (Tera autoescapes it). Step numbers come from [`plan`], the one place
//! that decides visibility and numbering for every output format (C14).

use serde::Serialize;

use super::fill::Fill;
use super::html;
use crate::model::{Guide, Record, Section, Step};

/// One section as shown: its visible steps, numbered.
pub struct PlannedSection<'g> {
    pub section: &'g Section,
    /// The condition to show as "Only if" (token mode only).
    pub condition: Option<String>,
    pub steps: Vec<PlannedStep<'g>>,
}

/// One visible step with its number.
pub struct PlannedStep<'g> {
    /// 1-based, continuous across sections, counting visible steps only.
    pub number: usize,
    pub step: &'g Step,
    pub condition: Option<String>,
}

/// The visible sections and steps of a guide, numbered 1..n without gaps.
/// Sections with no visible step are left out.
pub fn plan<'g>(guide: &'g Guide, fill: &Fill<'_>) -> Vec<PlannedSection<'g>> {
    let when = |w: &'g Option<crate::model::Spanned<String>>| w.as_ref().map(|s| s.value.as_str());
    let mut number = 0;
    let mut out = Vec::new();
    for section in &guide.sections {
        if !fill.visible(when(&section.when)) {
            continue;
        }
        let mut steps = Vec::new();
        for step in &section.steps {
            if !fill.visible(when(&step.when)) {
                continue;
            }
            number += 1;
            steps.push(PlannedStep {
                number,
                step,
                condition: fill.condition_note(when(&step.when)),
            });
        }
        if !steps.is_empty() {
            out.push(PlannedSection {
                section,
                condition: fill.condition_note(when(&section.when)),
                steps,
            });
        }
    }
    out
}

/// HTML id for a section: `section-<id>`. Ids come from the guide source
/// only, never from titles or values, so they are stable for every customer.
pub fn section_anchor(id: &str) -> String {
    format!("section-{}", id_safe(id))
}

/// HTML id for a step: `step-<id>`.
pub fn step_anchor(id: &str) -> String {
    format!("step-{}", id_safe(id))
}

/// The id as an HTML id and URL fragment, one-to-one: letters, digits and
/// `-` stay, `_` doubles, every other character becomes `_<hex>_` (the space
/// in `Setup 2` gives `Setup_20_2`), so two different ids never share an
/// anchor, no id is empty, and ids hold only letters, digits, `-` and `_`
/// (C17).
pub fn id_safe(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        match c {
            '_' => out.push_str("__"),
            c if c.is_alphanumeric() || c == '-' => out.push(c),
            c => out.push_str(&format!("_{:x}_", c as u32)),
        }
    }
    out
}

/// Every section and step id of a guide with its HTML id, for `#id` links.
pub fn anchors(guide: &Guide) -> html::Anchors {
    let sections = guide
        .sections
        .iter()
        .map(|s| (s.id.value.clone(), section_anchor(&s.id.value)));
    let steps = guide
        .steps()
        .map(|(_, st)| (st.id.value.clone(), step_anchor(&st.id.value)));
    sections.chain(steps).collect()
}

/// A guide as templates see it (`guide` in the template context).
#[derive(Debug, Clone, Serialize)]
pub struct GuideView {
    pub id: String,
    /// Title as plain text (autoescaped by Tera), e.g. for `<title>`.
    pub title: String,
    /// Title as inline HTML; use with `| safe`.
    pub title_html: String,
    pub summary: String,
    pub summary_html: String,
    /// Navigation path on the site, outermost first.
    pub category: Vec<String>,
    pub verified_release: String,
    /// ISO date `YYYY-MM-DD`.
    pub verified_date: String,
    /// The values the reader may fill in (the site's form).
    pub inputs: Vec<InputView>,
    /// Every record the guide asks the reader to write down.
    pub records: Vec<RecordView>,
    pub sections: Vec<SectionView>,
    /// Number of visible steps.
    pub step_count: usize,
    /// `"values"` for a customer's guide, `"tokens"` for the public site.
    pub mode: &'static str,
}

/// A visible section.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub id: String,
    /// HTML id: `section-<id>`.
    pub anchor: String,
    pub title: String,
    pub title_html: String,
    /// The section introduction as HTML, if any; use with `| safe`.
    pub intro_html: Option<String>,
    /// The `when:` condition as written (for the page script), on the public site only.
    pub condition: Option<String>,
    /// The condition in words for readers: "Salesforce environment name is a sandbox".
    pub condition_text: Option<String>,
    pub steps: Vec<StepView>,
}

/// A visible step.
#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    /// Number in the whole guide (1-based, no gaps).
    pub number: usize,
    pub id: String,
    /// HTML id: `step-<id>`.
    pub anchor: String,
    pub title: String,
    pub title_html: String,
    /// The step text as HTML; use with `| safe`.
    pub body_html: String,
    /// The `when:` condition as written (for the page script), on the public site only.
    pub condition: Option<String>,
    /// The condition in words for readers.
    pub condition_text: Option<String>,
    /// Records this step asks the reader to write down.
    pub records: Vec<RecordView>,
    /// A long body; print CSS lets it break across pages.
    pub long: bool,
}

/// An input of the guide, for the site's form.
#[derive(Debug, Clone, Serialize)]
pub struct InputView {
    pub id: String,
    pub label: String,
    /// `text`, `my-domain`, `email`, `boolean` or `choice`.
    pub kind: &'static str,
    pub help: Option<String>,
    pub example: Option<String>,
    pub required: bool,
    pub default: Option<String>,
    /// Allowed values of a `choice`.
    pub options: Vec<String>,
}

/// The views of a guide's inputs (without building the whole [`GuideView`]).
pub fn input_views(guide: &Guide) -> Vec<InputView> {
    guide.inputs.iter().map(input_view).collect()
}

fn input_view(input: &crate::model::Input) -> InputView {
    InputView {
        id: input.id.value.clone(),
        label: input.label.clone(),
        kind: crate::inputs::browser::kind_name(input.kind),
        help: input.help.clone(),
        example: input.example.clone(),
        required: input.is_required(),
        default: input.default.clone(),
        options: input.options.clone(),
    }
}

/// Something to write down.
#[derive(Debug, Clone, Serialize)]
pub struct RecordView {
    pub id: String,
    pub label: String,
    pub secret: bool,
    /// The known value (never for secrets); `none` means a blank to fill by hand.
    pub value: Option<String>,
    pub help: Option<String>,
}

/// Bodies longer than this (in bytes of HTML) may break across printed pages.
const LONG_BODY: usize = 2500;

fn record_view(record: &Record, fill: &Fill<'_>) -> RecordView {
    RecordView {
        id: record.id.value.clone(),
        label: record.label.clone(),
        secret: record.secret,
        value: fill
            .record_value(&record.id.value, record.secret)
            .map(str::to_string),
        help: record.help.clone(),
    }
}

fn step_view(guide: &Guide, planned: &PlannedStep<'_>, fill: &Fill<'_>) -> StepView {
    let step = planned.step;
    let body_html = html::block_linked(&step.text.value, fill, &anchors(guide));
    StepView {
        number: planned.number,
        id: step.id.value.clone(),
        anchor: step_anchor(&step.id.value),
        title: html::plain(&step.title.value, fill),
        title_html: html::inline(&step.title.value, fill),
        long: body_html.len() > LONG_BODY,
        body_html,
        condition: planned.condition.clone(),
        condition_text: planned
            .condition
            .as_deref()
            .map(|c| condition_text(guide, c)),
        records: step
            .records
            .iter()
            .filter_map(|id| guide.record(&id.value))
            .map(|r| record_view(r, fill))
            .collect(),
    }
}

fn section_view(guide: &Guide, planned: &PlannedSection<'_>, fill: &Fill<'_>) -> SectionView {
    let s = planned.section;
    SectionView {
        id: s.id.value.clone(),
        anchor: section_anchor(&s.id.value),
        title: html::plain(&s.title.value, fill),
        title_html: html::inline(&s.title.value, fill),
        intro_html: s
            .intro
            .as_ref()
            .map(|i| html::block_linked(&i.value, fill, &anchors(guide))),
        condition: planned.condition.clone(),
        condition_text: planned
            .condition
            .as_deref()
            .map(|c| condition_text(guide, c)),
        steps: planned
            .steps
            .iter()
            .map(|st| step_view(guide, st, fill))
            .collect(),
    }
}

/// Build the view of a guide for this fill.
pub fn guide_view(guide: &Guide, fill: &Fill<'_>) -> GuideView {
    let planned = plan(guide, fill);
    GuideView {
        id: guide.id.value.clone(),
        title: html::plain(&guide.title.value, fill),
        title_html: html::inline(&guide.title.value, fill),
        summary: html::plain(&guide.summary.value, fill),
        summary_html: html::inline(&guide.summary.value, fill),
        category: guide.category.clone(),
        verified_release: guide.verified.release.value.clone(),
        verified_date: guide.verified.date.value.clone(),
        inputs: guide.inputs.iter().map(input_view).collect(),
        records: guide.records.iter().map(|r| record_view(r, fill)).collect(),
        step_count: planned.iter().map(|s| s.steps.len()).sum(),
        sections: planned
            .iter()
            .map(|s| section_view(guide, s, fill))
            .collect(),
        mode: match fill {
            Fill::Values(_) => "values",
            Fill::Tokens(_) => "tokens",
        },
    }
}

/// Page-level data for templates (`page` in the context).
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// Site or book title.
    pub site_title: String,
    /// Relative path from this page to the site root (`""`, `"../"`); empty
    /// for a standalone page.
    pub root: String,
    /// Stylesheets to inline (standalone pages), or `none` to link the
    /// site's `assets/` files.
    pub inline_css: Option<InlineCss>,
    /// Links to the guide's other formats (site pages only).
    pub nav: Option<NavView>,
    /// Paper size for the checklist: `"A4"` or `"letter"`.
    pub paper: &'static str,
    /// `guidesmith <version>`.
    pub generator: String,
    /// Site pages only: what the page's script needs (see [`SiteScript`]).
    pub script: Option<SiteScript>,
}

/// Data for `guidesmith.js` on site pages. The reader's values and ticks
/// stay in their browser, in local storage under keys that start with
/// `guidesmith:<site_key>:`, so two sites on one host keep theirs apart.
#[derive(Debug, Clone, Serialize)]
pub struct SiteScript {
    /// The site's `site-url`; namespaces local storage.
    pub site_key: String,
    /// The guide as JSON for the script (inputs, records, step ids), already
    /// safe inside `<script type="application/json">`; `none` off guide pages.
    pub guide_json: Option<String>,
}

/// Stylesheet texts for standalone pages.
#[derive(Debug, Clone, Serialize)]
pub struct InlineCss {
    pub style: String,
    pub print: String,
    pub highlight_light: String,
    pub highlight_dark: String,
    pub script: String,
}

/// Relative links between a guide's formats on the site.
#[derive(Debug, Clone, Serialize)]
pub struct NavView {
    pub index: String,
    pub guide: String,
    pub markdown: String,
    pub checklist: String,
}
/// A `when:` condition in words, naming inputs by their labels:
/// `environment.sandbox` -> "Salesforce environment name is a sandbox",
/// `not sso` -> "Single sign-on: no", `edition == "x"` -> "Edition is “x”".
pub fn condition_text(guide: &Guide, when: &str) -> String {
    use crate::model::Condition;
    let Ok(c) = Condition::parse(when) else {
        return when.trim().to_string();
    };
    let key = c.key();
    let (name, facet) = key
        .split_once('.')
        .map_or((key, None), |(n, f)| (n, Some(f)));
    let label = guide
        .input(name)
        .map_or(name.to_string(), |i| i.label.clone());
    match (&c, facet) {
        (Condition::Truthy { negated, .. }, Some("sandbox")) => {
            format!("{label} is {}a sandbox", if *negated { "not " } else { "" })
        }
        (Condition::Truthy { negated, .. }, _) => {
            format!("{label}: {}", if *negated { "no" } else { "yes" })
        }
        (Condition::Equals { value, negated, .. }, _) => {
            format!(
                "{label} is {}\u{201c}{value}\u{201d}",
                if *negated { "not " } else { "" }
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_read_as_words() {
        let g: Guide = serde_saphyr::from_str(
            "id: g\ntitle: T\nsummary: S\nproduct: salesforce\nverified: {release: r, date: d}\ninputs:\n  - {id: environment, label: Salesforce environment, type: my-domain}\n  - {id: old_app, label: Existing connected app, type: boolean}\n  - {id: edition, label: Edition, type: choice, options: [Enterprise]}\nsections: []\n",
        )
        .unwrap();
        let text = |w: &str| condition_text(&g, w);
        assert_eq!(
            text("environment.sandbox"),
            "Salesforce environment is a sandbox"
        );
        assert_eq!(
            text("not environment.sandbox"),
            "Salesforce environment is not a sandbox"
        );
        assert_eq!(text("not old_app"), "Existing connected app: no");
        assert_eq!(
            text("edition != \"Enterprise\""),
            "Edition is not \u{201c}Enterprise\u{201d}"
        );
    }
}
