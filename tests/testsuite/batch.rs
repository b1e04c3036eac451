//! Batch rendering (`render --values-dir/--values-csv --out-dir`): the files
//! written, their names and contents; the messages are in fixtures/batch/.

use super::*;

fn batch_case(case: &str) -> tempfile::TempDir {
    project(&fixtures().join("batch").join(case))
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// File names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn run_case(dir: &Path, case: &str) -> (i32, String) {
    let args_text = read(&fixtures().join("batch").join(case).join("args"));
    let args: Vec<&str> = args_text.lines().filter(|l| !l.is_empty()).collect();
    let (code, _, err) = run_in(dir, &args);
    (code, err)
}

#[test]
fn values_dir_writes_one_file_per_values_file_named_after_its_stem() {
    let dir = batch_case("dir-all-ok");
    let (code, err) = run_case(dir.path(), "dir-all-ok");
    assert_eq!(code, 0, "{err}");
    let out = dir.path().join("out");
    assert_eq!(names(&out), ["acme.md", "globex.md"]);
    let acme = read(&out.join("acme.md"));
    assert!(acme.contains("Company `0123`"), "{acme}");
    assert!(acme.contains("https://acme.my.salesforce.com/"), "{acme}");
    let globex = read(&out.join("globex.md"));
    assert!(
        globex.contains("globex--uat.sandbox.my.salesforce.com"),
        "{globex}"
    );
    assert!(globex.contains("Configure SSO for Globex"), "{globex}");
}

#[test]
fn values_csv_names_outputs_by_the_id_column_and_keeps_values_as_typed() {
    let dir = batch_case("csv-all-ok");
    let (code, err) = run_case(dir.path(), "csv-all-ok");
    assert_eq!(code, 0, "{err}");
    let out = dir.path().join("out");
    assert_eq!(names(&out), ["acme.md", "globex.md"]);
    assert!(read(&out.join("acme.md")).contains("Company `0123`"));
    assert!(read(&out.join("globex.md")).contains("Company `Globex, Inc.`"));
}

#[test]
fn values_csv_without_an_id_column_names_outputs_by_row_number() {
    let dir = batch_case("csv-no-id-column");
    let (code, err) = run_case(dir.path(), "csv-no-id-column");
    assert_eq!(code, 0, "{err}");
    let out = dir.path().join("out");
    assert_eq!(names(&out), ["row-1.md", "row-2.md"]);
    assert!(read(&out.join("row-2.md")).contains("Company `Globex`"));
}

#[test]
fn bad_rows_write_nothing_and_do_not_stop_the_others() {
    let dir = batch_case("csv-bad-rows");
    let (code, err) = run_case(dir.path(), "csv-bad-rows");
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        names(&dir.path().join("out")),
        ["acme.md", "initech.md"],
        "no partial or temporary files"
    );
    assert!(!dir.path().join("evil.md").exists());
    assert!(read(&dir.path().join("out/initech.md")).contains("edition Unlimited"));
}

#[test]
fn bad_values_files_write_nothing_and_checklists_get_html_names() {
    let dir = batch_case("dir-bad-files");
    let (code, err) = run_case(dir.path(), "dir-bad-files");
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        names(&dir.path().join("out")),
        ["acme.html", "initech.html"]
    );
    assert!(read(&dir.path().join("out/initech.html")).contains("Initech"));
}

#[test]
fn a_second_batch_replaces_the_outputs_of_the_first() {
    let dir = batch_case("csv-all-ok");
    std::fs::create_dir_all(dir.path().join("out")).unwrap();
    std::fs::write(dir.path().join("out/acme.md"), "old").unwrap();
    std::fs::write(dir.path().join("out/notes.txt"), "mine").unwrap();
    let (code, err) = run_case(dir.path(), "csv-all-ok");
    assert_eq!(code, 0, "{err}");
    assert!(read(&dir.path().join("out/acme.md")).contains("Company `0123`"));
    assert_eq!(read(&dir.path().join("out/notes.txt")), "mine");
}

#[test]
fn a_header_problem_writes_nothing() {
    let dir = batch_case("csv-unknown-column");
    let (code, _) = run_case(dir.path(), "csv-unknown-column");
    assert_eq!(code, 2);
    assert!(!dir.path().join("out").exists());
}
