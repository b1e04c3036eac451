//! A guide: sections of steps, typed inputs (placeholders) and records.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// One guide file in `content/guides/`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    /// Stable id; also the output file stem (`<id>.html`).
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    #[schemars(with = "String")]
    pub summary: Spanned<String>,
    /// Navigation path on the site, outermost first.
    #[serde(default)]
    pub category: Vec<String>,
    /// The product whose UI catalog this guide is linted against (`content/labels/<product>.yaml`).
    #[schemars(with = "String")]
    pub product: Spanned<String>,
    pub verified: Verified,
    #[serde(default)]
    pub inputs: Vec<Input>,
    #[serde(default)]
    pub records: Vec<Record>,
    pub sections: Vec<Section>,
}

/// When and against which product release the guide was last checked by hand.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Verified {
    #[schemars(with = "String")]
    pub release: Spanned<String>,
    /// ISO date, `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub date: Spanned<String>,
}

/// A typed placeholder the reader fills in.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Input {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub label: String,
    #[serde(rename = "type", default)]
    pub kind: InputKind,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub example: Option<String>,
    /// Required unless a default is given; `required: false` makes an empty value legal.
    #[serde(default)]
    pub required: Option<bool>,
    #[serde(default)]
    pub default: Option<String>,
    /// Allowed values for `type: choice`.
    #[serde(default)]
    pub options: Vec<String>,
}

impl Input {
    /// Whether a value must be supplied (no default and not marked optional).
    pub fn is_required(&self) -> bool {
        self.required.unwrap_or(self.default.is_none())
    }
}

/// The type of an input; decides validation and normalisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    /// Free text, single line.
    #[default]
    Text,
    /// A Salesforce My Domain name or URL, normalised to the canonical name.
    MyDomain,
    Email,
    /// `true` or `false` (also `yes`/`no`), for conditions.
    Boolean,
    /// One of `options`.
    Choice,
}

/// Something the reader must write down, such as a consumer key.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Record {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub label: String,
    /// A secret record is never given a value by guidesmith: outputs leave a blank.
    #[serde(default)]
    pub secret: bool,
    #[serde(default)]
    pub help: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// Markdown shown before the steps.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub intro: Option<Spanned<String>>,
    /// A condition such as `environment.sandbox`; the section is left out when false.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub when: Option<Spanned<String>>,
    /// The UI context its labels belong to (for context-sensitive labels).
    #[serde(default)]
    pub context: Option<String>,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// Markdown with `[[UI label]]` marks and `{{ placeholder }}` references.
    #[schemars(with = "String")]
    pub text: Spanned<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub when: Option<Spanned<String>>,
    /// Ids of records this step asks the reader to write down.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub records: Vec<Spanned<String>>,
    /// Pure prose: the step deliberately references no UI label.
    #[serde(default)]
    pub prose: bool,
}

impl Guide {
    /// Every step with the section it belongs to, in document order.
    pub fn steps(&self) -> impl Iterator<Item = (&Section, &Step)> {
        self.sections
            .iter()
            .flat_map(|s| s.steps.iter().map(move |st| (s, st)))
    }

    pub fn input(&self, id: &str) -> Option<&Input> {
        self.inputs.iter().find(|i| i.id.value == id)
    }

    pub fn record(&self, id: &str) -> Option<&Record> {
        self.records.iter().find(|r| r.id.value == id)
    }
}
