//! SARIF 2.1.0 output, for code-scanning dashboards (GitHub, Azure DevOps).
//!
//! One run, one tool driver listing every rule of the registry with its
//! documentation and default level; one result per diagnostic with a
//! region in character columns, as SARIF's default `columnKind`
//! (`utf16CodeUnits`) would miscount non-ASCII text, so we declare
//! `unicodeCodePoints`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::diag::{Diagnostic, Severity, line_col};

/// Schema URI written into the log.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF log for `diags`; `sources` gives file texts for end positions.
pub fn render(diags: &[Diagnostic], sources: &BTreeMap<PathBuf, String>) -> String {
    let rules = rule_descriptors();
    let index: BTreeMap<String, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r["id"].as_str().unwrap_or_default().to_string(), i))
        .collect();
    let results: Vec<Value> = diags
        .iter()
        .map(|d| result(d, sources.get(&d.file), index.get(&d.code)))
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "guidesmith",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/guidesmith/guidesmith",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).expect("SARIF serializes") + "\n"
}

fn rule_descriptors() -> Vec<Value> {
    super::all_codes()
        .map(|(code, name, doc)| {
            json!({
                "id": code,
                "name": name,
                "shortDescription": { "text": first_sentence(doc) },
                "fullDescription": { "text": doc },
                "help": { "text": doc },
                "helpUri": format!("https://github.com/guidesmith/guidesmith/blob/main/README.md#{}", code.to_lowercase()),
            })
        })
        .collect()
}

fn first_sentence(doc: &str) -> &str {
    doc.split_once(". ").map_or(doc, |(s, _)| s)
}

fn result(d: &Diagnostic, source: Option<&String>, rule_index: Option<&usize>) -> Value {
    let text = match &d.help {
        Some(h) => format!("{} ({h})", d.message),
        None => d.message.clone(),
    };
    let mut region = json!({ "startLine": d.line, "startColumn": d.column });
    if let Some(src) = source.filter(|s| d.span.end <= s.len() && !d.span.is_empty()) {
        let (line, col) = line_col(src, d.span.end);
        region["endLine"] = json!(line);
        region["endColumn"] = json!(col);
    }
    let mut r = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": { "text": text },
        "locations": [{ "physicalLocation": {
            "artifactLocation": { "uri": uri(&d.file) },
            "region": region,
        }}],
    });
    if let Some(i) = rule_index {
        r["ruleIndex"] = json!(i);
    }
    r
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A relative URI reference: forward slashes, percent-encoded where needed.
fn uri(path: &Path) -> String {
    crate::render::escape::url_path(&path.to_string_lossy().replace('\\', "/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::RULES;

    #[test]
    fn results_carry_rule_index_level_and_region() {
        let src = "id: x\ntext: [[Nope]]\n".to_string();
        let d = Diagnostic::at(
            Severity::Error,
            "GS101",
            Path::new("my guides/g.yaml"),
            &src,
            14..18,
            "unknown",
        );
        let sources = BTreeMap::from([(PathBuf::from("my guides/g.yaml"), src)]);
        let log: Value = serde_json::from_str(&render(&[d], &sources)).unwrap();
        let run = &log["runs"][0];
        let r = &run["results"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], "GS101");
        assert_eq!(r["level"], "error");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "my%20guides/g.yaml");
        assert_eq!(loc["region"]["startLine"], 2);
        assert_eq!(loc["region"]["startColumn"], 9);
        assert_eq!(loc["region"]["endColumn"], 13);
    }

    #[test]
    fn every_rule_is_described() {
        let rules = rule_descriptors();
        assert_eq!(rules.len(), RULES.len() + super::super::EXTRA_CODES.len());
        assert!(
            rules
                .iter()
                .all(|r| !r["fullDescription"]["text"].as_str().unwrap().is_empty())
        );
    }
}
