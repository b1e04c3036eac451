//! The built site in a real browser (headless Chromium through
//! playwright-core, driven by `tests/tools/browser.js`), served by
//! `guidesmith serve`. Screenshots and PDFs are kept under
//! `target/browser-artifacts/`.

use std::process::Command;

use super::serve::{Server, site_project};
use super::*;

fn artifacts(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/browser-artifacts")
        .join(name)
}

fn run_browser(mode: &str, dir: &Path, artifact_dir: &Path) {
    let Some(node_path) = tools::browser() else {
        return;
    };
    let (code, _, err) = run_in(dir, &["build"]);
    assert_eq!(code, 0, "{err}");
    let server = Server::start(dir);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/browser.js");
    let out = Command::new("node")
        .arg(script)
        .arg(mode)
        .arg(format!("http://127.0.0.1:{}/", server.port))
        .arg(artifact_dir)
        .env("NODE_PATH", node_path)
        .output()
        .expect("run node");
    let log = String::from_utf8_lossy(&out.stderr);
    eprintln!("{log}");
    assert!(out.status.success(), "browser checks failed:\n{log}");
}

/// Typing acme--uat fills the code block and link target; values, ticks and
/// record notes survive a reload; a hostile value stays text; ticks of removed
/// steps drop; the checklist shows values and ticks and prints every step
/// title once on A4 and Letter; no JS still reads; axe finds no WCAG A/AA
/// violation in light and dark; search works.
#[test]
fn guide_page_in_headless_chromium() {
    let dir = site_project();
    run_browser("guide", dir.path(), &artifacts("guide"));
    if tools::browser().is_some() {
        assert!(artifacts("guide/guide.png").is_file(), "screenshot kept");
    }
}

/// C16: a 30-step checklist with a 10-line code block in step 12 and a
/// 1.5-page body in step 20 prints every step title exactly once on A4 and
/// Letter, never as the last line of a page.
#[test]
fn c16_long_checklist_prints_whole_steps_on_a4_and_letter() {
    let dir = site_project();
    std::fs::write(dir.path().join("content/guides/long.yaml"), long_guide()).unwrap();
    run_browser("print", dir.path(), &artifacts("c16"));
}

fn long_guide() -> String {
    let mut steps = String::new();
    for n in 1..=30 {
        let body = match n {
            12 => {
                let lines: String = (1..=10)
                    .map(|i| {
                        format!(
                            "          sf data query --query \"SELECT Id FROM Account LIMIT {i}\"\n"
                        )
                    })
                    .collect();
                format!(
                    "|\n          Run these commands:\n\n          ```bash\n{lines}          ```\n"
                )
            }
            20 => {
                let para = "This step has a long explanation that goes on for a while, so that the whole body is about one and a half printed pages long. ";
                let paras: String = (0..16)
                    .map(|_| format!("          {}\n\n", para.repeat(3)))
                    .collect();
                format!("|\n{paras}")
            }
            _ => format!("\"Check setting number {n} in [[Setup]] and continue.\"\n"),
        };
        steps.push_str(&format!(
            "      - id: step-{n}\n        title: \"Long step title number {n}\"\n        text: {body}"
        ));
    }
    format!(
        "id: long\ntitle: Long checklist\nsummary: Thirty steps\nproduct: salesforce\nverified: {{release: \"Spring '26\", date: \"2026-02-01\"}}\nsections:\n  - id: all\n    title: All steps\n    steps:\n{steps}"
    )
}
