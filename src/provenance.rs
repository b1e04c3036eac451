//! Provenance of a personalised output: which guide, in which version, for
//! which values, generated when.
//!
//! Weeks after a customer got "their" guide they write back about step 7;
//! support must know exactly what the customer had. Every personalised output
//! therefore carries a visible footer and machine-readable metadata: a
//! `<meta name="guidesmith-provenance">` tag in HTML, front matter in
//! Markdown, the `Keywords` entry of the PDF's document information. The
//! metadata holds hashes, never the values themselves. `guidesmith
//! provenance FILE` reads it back and compares it with the current guide.

pub mod embed;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::inputs::Values;
use crate::model::{Guide, Section, Step};

/// Name of the HTML meta tag and of the Markdown front-matter key.
pub const KEY: &str = "guidesmith-provenance";

/// What a personalised output records about its making.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// `guidesmith 0.1.0`.
    pub generator: String,
    pub guide: String,
    /// SHA-256 of the guide file as it was (`sha256:…`).
    pub guide_hash: String,
    /// The release the guide was verified against.
    pub verified: String,
    /// SHA-256 of the customer's values (names and values); never the values.
    pub values_hash: String,
    /// Generation date, `YYYY-MM-DD`.
    pub generated: String,
    /// Every step the output shows, with a short hash of its content, in order.
    pub steps: Vec<StepHash>,
    /// Steps of the guide the customer's values left out (`when:`), by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden: Vec<String>,
}

/// A step id and a short hash of what the step says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepHash {
    pub id: String,
    pub hash: String,
}

impl Provenance {
    /// Provenance of `guide` (whose file text is `source`) rendered with `values` on `date`.
    pub fn new(guide: &Guide, source: &str, values: &Values, date: &str) -> Provenance {
        Provenance {
            generator: format!("guidesmith {}", env!("CARGO_PKG_VERSION")),
            guide: guide.id.value.clone(),
            guide_hash: guide_hash(source, values),
            verified: guide.verified.release.value.clone(),
            values_hash: values_hash(values),
            generated: date.to_string(),
            steps: step_hashes(guide, values, true),
            hidden: hidden_steps(guide, values),
        }
    }

    /// The provenance of the guide as it is now, every step included (for comparing).
    pub fn current(guide: &Guide, source: &str, book: &Values, date: &str) -> Provenance {
        Provenance {
            steps: step_hashes(guide, book, false),
            hidden: Vec::new(),
            ..Provenance::new(guide, source, book, date)
        }
    }

    /// One line of JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("provenance serializes")
    }

    /// The footer line readers see.
    pub fn footer(&self) -> String {
        format!(
            "Guide {} · version {} · verified against {} · generated {} by {} · values {}",
            self.guide,
            short(&self.guide_hash),
            self.verified,
            self.generated,
            self.generator,
            short(&self.values_hash)
        )
    }
}

/// The first 12 hex digits of a `sha256:…` hash.
pub fn short(hash: &str) -> &str {
    let h = hash.strip_prefix("sha256:").unwrap_or(hash);
    &h[..h.len().min(12)]
}

/// SHA-256 over the customer's own values (book variables excluded), sorted.
fn values_hash(values: &Values) -> String {
    let mut h = Sha256::new();
    for (k, v) in values.iter().filter(|(k, _)| !k.starts_with("book.")) {
        h.update(k.as_bytes());
        h.update([0]);
        h.update(v.as_bytes());
        h.update([0]);
    }
    format!("sha256:{}", hex(&h.finalize()))
}

/// The guide file and the book variables (`{{ book.* }}`) its outputs show.
fn guide_hash(source: &str, values: &Values) -> String {
    let mut h = Sha256::new();
    h.update(source.as_bytes());
    for (k, v) in values.iter().filter(|(k, _)| k.starts_with("book.")) {
        h.update([0]);
        h.update(k.as_bytes());
        h.update([0]);
        h.update(v.as_bytes());
    }
    format!("sha256:{}", hex(&h.finalize()))
}

/// Whether the customer's output shows the step.
fn shown(values: &Values, section: &Section, step: &Step) -> bool {
    let fill = crate::render::Fill::Values(values);
    let when = |w: &Option<crate::model::Spanned<String>>| w.as_ref().map(|w| w.value.clone());
    fill.visible(when(&section.when).as_deref()) && fill.visible(when(&step.when).as_deref())
}

fn hidden_steps(guide: &Guide, values: &Values) -> Vec<String> {
    (guide.steps())
        .filter(|(section, step)| !shown(values, section, step))
        .map(|(_, step)| step.id.value.clone())
        .collect()
}

/// The steps' hashes: only those the output shows when `only_shown`.
fn step_hashes(guide: &Guide, values: &Values, only_shown: bool) -> Vec<StepHash> {
    guide
        .steps()
        .filter(|(section, step)| !only_shown || shown(values, section, step))
        .map(|(section, step)| StepHash {
            id: step.id.value.clone(),
            hash: step_hash(section, step, values),
        })
        .collect()
}

/// What a reader sees of a step: its title and text with the book variables
/// they use, its section's intro and conditions, its records.
fn step_hash(section: &Section, step: &Step, values: &Values) -> String {
    let mut h = Sha256::new();
    let text = |f: &Option<crate::model::Spanned<String>>| {
        f.as_ref().map(|w| w.value.clone()).unwrap_or_default()
    };
    let records: Vec<&str> = step.records.iter().map(|r| r.value.as_str()).collect();
    let mut parts = vec![
        step.title.value.clone(),
        step.text.value.clone(),
        text(&section.when),
        text(&section.intro),
        text(&step.when),
        records.join(","),
    ];
    parts.extend(book_variables_used(
        &[&step.title.value, &step.text.value],
        values,
    ));
    for part in parts {
        h.update(part.as_bytes());
        h.update([0]);
    }
    hex(&h.finalize())[..12].to_string()
}

/// `book.x=value` for each book variable the texts use.
fn book_variables_used(texts: &[&str], values: &Values) -> Vec<String> {
    let mut out = Vec::new();
    for t in texts {
        for token in crate::model::text::tokenize(t).unwrap_or_default() {
            if let crate::model::text::Token::Placeholder(p, _) = token
                && p.name == "book"
            {
                let key = p.key();
                out.push(format!("{key}={}", values.get(&key).unwrap_or("")));
            }
        }
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// How the current guide differs from the one an output was made from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    pub changed: Vec<String>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.added.is_empty() && self.removed.is_empty()
    }
}

/// Steps changed, added and removed between `then` and `now`.
pub fn compare(then: &Provenance, now: &Provenance) -> Changes {
    let find =
        |list: &[StepHash], id: &str| list.iter().find(|s| s.id == id).map(|s| s.hash.clone());
    let mut c = Changes::default();
    for s in &then.steps {
        match find(&now.steps, &s.id) {
            None => c.removed.push(s.id.clone()),
            Some(h) if h != s.hash => c.changed.push(s.id.clone()),
            Some(_) => {}
        }
    }
    for s in &now.steps {
        if find(&then.steps, &s.id).is_none() && !then.hidden.contains(&s.id) {
            c.added.push(s.id.clone());
        }
    }
    c
}

/// The date for provenance: `SOURCE_DATE_EPOCH` (reproducible builds) or today, UTC.
pub fn today() -> String {
    let days = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .map_or_else(crate::calendar::today_days, |secs| secs.div_euclid(86_400));
    let (y, m, d) = crate::calendar::civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide(text: &str) -> Guide {
        let yaml = format!(
            "id: g\ntitle: T\nsummary: S\nproduct: salesforce\nverified: {{release: \"Summer '26\", date: \"2026-11-30\"}}\nsections:\n  - id: s\n    title: S\n    steps:\n      - {{id: a, title: A, text: \"{text}\"}}\n      - {{id: b, title: B, text: same}}\n"
        );
        serde_saphyr::from_str(&yaml).unwrap()
    }

    fn values(env: &str) -> Values {
        let mut v = Values::default();
        v.insert("environment", env);
        v.insert("book.product", "Acme");
        v
    }

    #[test]
    fn metadata_holds_hashes_never_values() {
        let p = Provenance::new(
            &guide("x"),
            "source",
            &values("acme-secret-name"),
            "2026-12-04",
        );
        let json = p.to_json();
        assert!(!json.contains("acme-secret-name"), "{json}");
        assert!(p.values_hash.starts_with("sha256:") && p.values_hash.len() == 71);
        assert_ne!(
            p.values_hash,
            Provenance::new(&guide("x"), "source", &values("other"), "d").values_hash
        );
        let back: Provenance = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p);
    }

    #[test]
    fn compare_names_changed_added_and_removed_steps() {
        let then = Provenance::new(&guide("old"), "1", &values("a"), "d");
        let mut now = Provenance::new(&guide("new"), "2", &values("a"), "d");
        assert_eq!(compare(&then, &now).changed, ["a"]);
        now.steps.push(StepHash {
            id: "c".into(),
            hash: "0".into(),
        });
        now.steps.retain(|s| s.id != "b");
        let c = compare(&then, &now);
        assert_eq!(
            (c.added, c.removed),
            (vec!["c".to_string()], vec!["b".to_string()])
        );
    }
}
