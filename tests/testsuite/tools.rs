//! External tools some tests need (a JSON-schema validator, the SARIF schema,
//! later a browser). `.ci/run` installs them and sets
//! `GUIDESMITH_REQUIRE_TOOLS=1`, so in CI a missing tool fails the test; on a
//! developer machine without them the test says what to install and passes.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where `.ci/run` installs npm tools.
pub fn ci_tools() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-tools")
}

/// `Some(())` if `check` passes; else fail (in CI) or print a skip note.
pub fn require(what: &str, install: &str, available: bool) -> Option<()> {
    if available {
        return Some(());
    }
    let msg = format!("{what} is not available; install it with: {install}");
    assert!(
        std::env::var_os("GUIDESMITH_REQUIRE_TOOLS").is_none(),
        "{msg}"
    );
    eprintln!("SKIPPED: {msg}");
    None
}

/// Python 3 with the `jsonschema` package.
pub fn jsonschema() -> Option<()> {
    let ok = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    require("python3 with jsonschema", "pip install jsonschema", ok)
}

/// The official SARIF 2.1.0 schema, as shipped in Microsoft's SARIF multitool.
pub fn sarif_schema() -> Option<PathBuf> {
    let p = ci_tools().join("node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json");
    let install = "npm install --prefix target/ci-tools @microsoft/sarif-multitool@5.7.0";
    require("the SARIF 2.1.0 schema", install, p.is_file()).map(|_| p)
}

/// Validate `docs` against `schema`; the validator's report on failure.
pub fn validate(schema: &Path, docs: &[&Path]) -> Result<(), String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/validate_json_schema.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(schema)
        .args(docs)
        .output()
        .map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// Headless Chromium, playwright-core (npm, in target/ci-tools) and
/// poppler's pdftotext: what the browser tests need. `Some(NODE_PATH)`.
pub fn browser() -> Option<PathBuf> {
    let modules = ci_tools().join("node_modules");
    let chromium = Path::new("/usr/bin/chromium").is_file();
    require(
        "chromium",
        "apt-get install -y chromium chromium-driver",
        chromium,
    )?;
    let pdftotext = Command::new("pdftotext").arg("-v").output().is_ok();
    require("pdftotext", "apt-get install -y poppler-utils", pdftotext)?;
    let npm = modules.join("playwright-core").is_dir() && modules.join("axe-core").is_dir();
    let install = "npm install --prefix target/ci-tools playwright-core@1.65.2 axe-core@4.14.1";
    require("playwright-core and axe-core", install, npm)?;
    Some(modules)
}

/// html-validate (npm, in target/ci-tools): the path of its CLI.
pub fn html_validate() -> Option<PathBuf> {
    let cli = ci_tools().join("node_modules/html-validate/bin/html-validate.mjs");
    let install = "npm install --prefix target/ci-tools html-validate@10.9.0";
    require("html-validate", install, cli.is_file()).map(|_| cli)
}
