//! `lint --format sarif` against the official SARIF 2.1.0 schema.

use super::*;

fn sarif_of(case: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = project(&fixtures().join(case));
    let (code, out, err) = run_in(dir.path(), &["lint", "--format", "sarif"]);
    assert!((0..=2).contains(&code), "{err}");
    let file = dir.path().join("lint.sarif");
    std::fs::write(&file, out).unwrap();
    (dir, file)
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let (Some(()), Some(schema)) = (tools::jsonschema(), tools::sarif_schema()) else {
        return;
    };
    let (_a, every_rule) = sarif_of("lint/every-rule");
    let (_b, clean) = sarif_of("lint/clean");
    let (_c, input_error) = sarif_of("lint/input-error-json");
    assert!(
        std::fs::read_to_string(&input_error)
            .unwrap()
            .contains("\"ruleId\": \"yaml\"")
    );
    tools::validate(&schema, &[&every_rule, &clean, &input_error]).unwrap();
}

#[test]
fn the_validator_rejects_a_broken_sarif_log() {
    let (Some(()), Some(schema)) = (tools::jsonschema(), tools::sarif_schema()) else {
        return;
    };
    let (_dir, file) = sarif_of("lint/every-rule");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("\"level\": \"error\"", "\"level\": \"fatal\"");
    std::fs::write(&file, text).unwrap();
    let report = tools::validate(&schema, &[&file]).unwrap_err();
    assert!(report.contains("'fatal' is not one of"), "{report}");
}
