//! A product's UI-label catalog: ordered releases and the labels of each.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// `content/labels/<product>.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Product key that guides name in their `product` field.
    pub product: String,
    /// Display name, e.g. `Salesforce`.
    pub name: String,
    /// Releases, oldest first.
    pub releases: Vec<String>,
    /// The generally available release; the default lint target.
    #[schemars(with = "String")]
    pub current: Spanned<String>,
    /// The newest release the catalog was reviewed against.
    #[schemars(with = "String")]
    pub reviewed: Spanned<String>,
    /// Where the facts come from, for humans.
    #[serde(default)]
    pub sources: Vec<String>,
    pub labels: Vec<Label>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// Exact UI text, case as shown.
    #[schemars(with = "String")]
    pub text: Spanned<String>,
    pub kind: LabelKind,
    /// The labels above it, outermost first (`Setup`, `PLATFORM TOOLS`, `Apps`, ...).
    #[serde(default)]
    pub path: Vec<String>,
    /// Release the label appeared in (`None`: long-standing).
    #[serde(default)]
    pub since: Option<String>,
    /// Release in which it was removed or renamed (`None`: current).
    #[serde(default)]
    pub retired: Option<String>,
    /// The label to use instead once retired.
    #[serde(default)]
    pub replacement: Option<String>,
    #[serde(default)]
    pub context: LabelContext,
    #[serde(default)]
    pub case: CaseRule,
    /// Wrong spellings people write; flagged and mapped to this label.
    #[serde(default)]
    pub variants: Vec<String>,
    pub source: String,
    #[serde(default)]
    pub confidence: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LabelKind {
    Button,
    Field,
    Checkbox,
    Menu,
    Page,
    Section,
    PicklistValue,
    Scope,
    Tab,
    Link,
    Permission,
}

/// The UI a label belongs to, for labels worded differently in different forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LabelContext {
    /// Anywhere in the org.
    #[default]
    Org,
    ExternalClientApp,
    ConnectedApp,
    User,
}

/// How the label's case is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CaseRule {
    #[default]
    Exact,
    /// Setup-tree group headings, shown upper-case by CSS.
    Insensitive,
}

impl LabelKind {
    /// The name as written in catalogs: `button`, `picklist-value`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            LabelKind::Button => "button",
            LabelKind::Field => "field",
            LabelKind::Checkbox => "checkbox",
            LabelKind::Menu => "menu",
            LabelKind::Page => "page",
            LabelKind::Section => "section",
            LabelKind::PicklistValue => "picklist-value",
            LabelKind::Scope => "scope",
            LabelKind::Tab => "tab",
            LabelKind::Link => "link",
            LabelKind::Permission => "permission",
        }
    }
}

impl Catalog {
    /// Position of a release in the ordered list.
    pub fn release_index(&self, name: &str) -> Option<usize> {
        let want = fold_release(name);
        self.releases.iter().position(|r| fold_release(r) == want)
    }
}

/// Release names compare with straight apostrophes and single spaces.
pub fn fold_release(name: &str) -> String {
    name.replace(['\u{2019}', '\u{2018}'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_names_fold_apostrophes_and_case() {
        assert_eq!(
            fold_release("Summer \u{2019}26"),
            fold_release("summer '26")
        );
    }
}
