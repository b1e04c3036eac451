//! The guide page validates what a reader types with the same rules as the
//! command line: one table of values goes through the Rust validator and
//! through the theme's JavaScript (with the generated rules), and every
//! result, error message included, must be identical.

use std::process::Command;

use serde_json::{Value, json};

use guidesmith::inputs::{self, my_domain_facets, normalise_my_domain};
use guidesmith::model::InputKind;

use super::tools;

fn kind(name: &str) -> InputKind {
    inputs::browser::KINDS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, k)| *k)
        .unwrap_or_else(|| panic!("unknown kind {name}"))
}

fn rust_result(row: &Value) -> Value {
    let options: Vec<String> = row["options"]
        .as_array()
        .map(|a| a.iter().map(|o| o.as_str().unwrap().to_string()).collect())
        .unwrap_or_default();
    let value = row["value"].as_str().unwrap();
    let k = kind(row["kind"].as_str().unwrap());
    match inputs::validate_value(k, &options, value) {
        Ok(v) if k == InputKind::MyDomain => {
            let d = normalise_my_domain(value).unwrap();
            let facets: serde_json::Map<String, Value> = my_domain_facets(&d)
                .into_iter()
                .map(|(f, v)| (f.to_string(), json!(v)))
                .collect();
            json!({"ok": v, "facets": facets})
        }
        Ok(v) => json!({ "ok": v }),
        Err(e) => json!({ "err": e }),
    }
}

#[test]
fn browser_and_command_line_validate_one_table_identically() {
    let node_ok = Command::new("node").arg("--version").output().is_ok();
    if tools::require("node", "apt-get install nodejs", node_ok).is_none() {
        return;
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let table_path = root.join("tests/testsuite/fixtures/browser/values-table.json");
    let table: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(&table_path).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.js");
    std::fs::write(&rules, guidesmith::site::script::rules_js()).unwrap();
    let out = Command::new("node")
        .arg(root.join("tests/tools/validate_values.js"))
        .arg(root.join("themes/default/guidesmith.js"))
        .arg(&rules)
        .arg(&table_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let js: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(js.len(), table.len());
    let mut differences = Vec::new();
    for (row, js) in table.iter().zip(&js) {
        let rust = rust_result(row);
        if &rust != js {
            differences.push(format!("{row}\n  rust: {rust}\n  js:   {js}"));
        }
    }
    assert!(
        differences.is_empty(),
        "{} of {} rows differ:\n{}",
        differences.len(),
        table.len(),
        differences.join("\n")
    );
    let accepted = js.iter().filter(|r| r.get("ok").is_some()).count();
    assert!(
        accepted > 20 && js.len() - accepted > 40,
        "the table covers both outcomes"
    );
}
