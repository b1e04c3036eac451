//! Runs every fixture case that has an `args` file.

use super::*;

fn case_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = walkdir::WalkDir::new(fixtures())
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "args")
        .map(|e| e.path().parent().unwrap().to_path_buf())
        .collect();
    dirs.dedup();
    dirs
}

fn run_case(case: &Path) -> String {
    let dir = project(case);
    let args_text = std::fs::read_to_string(case.join("args")).unwrap();
    let args: Vec<&str> = args_text.lines().filter(|l| !l.is_empty()).collect();
    let (code, stdout, stderr) = run_in(dir.path(), &args);
    let tmp = dir.path().to_string_lossy().into_owned();
    format!("exit: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}").replace(&tmp, "$PROJECT")
}

#[test]
fn fixture_cases() {
    let cases = case_dirs();
    assert!(!cases.is_empty(), "no fixture cases found");
    let mut failures = Vec::new();
    for case in &cases {
        let actual = run_case(case);
        if let Err(e) = std::panic::catch_unwind(|| snapshot(&case.join("expected.txt"), &actual)) {
            let msg = e.downcast_ref::<String>().cloned().unwrap_or_default();
            failures.push(msg);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
