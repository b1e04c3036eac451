//! `guidesmith schema`: the committed schemas are current, and the shipped
//! content and the fixtures validate against them.

use super::*;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn committed_schemas_match_the_generated_ones() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s");
    let (code, _, err) = run_in(&repo(), &["schema", "--out-dir", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    for name in ["guide.schema.json", "catalog.schema.json"] {
        let generated = std::fs::read_to_string(out.join(name)).unwrap();
        let committed = repo().join("schemas").join(name);
        snapshot(&committed, &generated);
    }
}

/// YAML to JSON through the same parser guidesmith uses.
fn as_json(yaml: &Path, dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(yaml).unwrap();
    let value: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
    let name = yaml
        .file_name()
        .unwrap()
        .to_string_lossy()
        .replace(".yaml", ".json");
    let out = dir.join(name);
    std::fs::write(&out, value.to_string()).unwrap();
    out
}

#[test]
fn shipped_content_validates_against_the_schemas() {
    let Some(()) = tools::jsonschema() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let content = repo().join("content");
    let guide = as_json(&content.join("guides/salesforce-api-user.yaml"), dir.path());
    let catalog = as_json(&content.join("labels/salesforce.yaml"), dir.path());
    tools::validate(&repo().join("schemas/guide.schema.json"), &[&guide]).unwrap();
    tools::validate(&repo().join("schemas/catalog.schema.json"), &[&catalog]).unwrap();
}

#[test]
fn the_guide_schema_rejects_an_unknown_field() {
    let Some(()) = tools::jsonschema() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, r#"{"id":"x","title":"t","summary":"s","product":"p","verified":{"release":"r","date":"d"},"sections":[],"sumary":"typo"}"#).unwrap();
    let report = tools::validate(&repo().join("schemas/guide.schema.json"), &[&bad]).unwrap_err();
    assert!(report.contains("sumary"), "{report}");
}

#[test]
fn shipped_guides_carry_the_schema_modeline() {
    for entry in std::fs::read_dir(repo().join("content/guides")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# yaml-language-server: $schema=../../schemas/guide.schema.json"),
            "{}",
            path.display()
        );
    }
}
