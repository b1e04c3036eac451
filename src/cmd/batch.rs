//! `guidesmith render GUIDE --values-dir DIR | --values-csv FILE --out-dir DIR`:
//! one guide, personalised for many customers.
//!
//! Every customer is read, validated and rendered on its own, in parallel, and
//! written through [`crate::output::write_file_atomic`]. A bad customer is
//! reported with its file or CSV row and the problems the single-customer
//! `render` would print; it does not stop the others. Failures are printed in
//! input order after the run, so the output is the same however the work was
//! scheduled. Problems with the input as a whole (a missing directory, a CSV
//! header naming no input) stop the run before anything is written.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::Outcome;
use super::render::{RenderFormat, RenderOptions};
use crate::load::{Loaded, Project};
use crate::model::Guide;

/// Where the customers' values come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchSource {
    /// One YAML values file (`*.yaml`, `*.yml`) per customer.
    Dir(PathBuf),
    /// One row per customer; the header row names the inputs.
    Csv(PathBuf),
}

/// Options of a batch render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchOptions {
    pub source: BatchSource,
    pub out_dir: PathBuf,
}

/// One customer: where its values came from, the name of its output file
/// (without extension), and its values as typed or why they cannot be read.
#[derive(Debug)]
struct Customer {
    origin: String,
    stem: String,
    raw: Result<BTreeMap<String, String>, String>,
}

/// CSV column that names the output file instead of giving a value.
const ID_COLUMN: &str = "id";

/// Render `guide` for every customer of `b`; exit code 2 if any failed.
pub fn run(
    project: &Project,
    guide: &Loaded<Guide>,
    o: &RenderOptions,
    b: &BatchOptions,
) -> anyhow::Result<Outcome> {
    let mut customers = match &b.source {
        BatchSource::Dir(dir) => from_dir(dir)?,
        BatchSource::Csv(file) => from_csv(file, &guide.doc)?,
    };
    mark_duplicate_stems(&mut customers);
    let theme = super::theme(project)?;
    crate::fs::create_dir_all(&b.out_dir)?;
    let progress = Progress::new(customers.len());
    let failures: Vec<String> = customers
        .par_iter()
        .filter_map(|c| {
            let result = render_one(project, guide, &theme, o, b, c);
            progress.tick();
            result.err()
        })
        .collect();
    progress.finish();
    report(&customers, &failures, b, o.format)
}

/// Print every failure and a summary; an error (exit 2) if any customer failed.
fn report(
    customers: &[Customer],
    failures: &[String],
    b: &BatchOptions,
    format: RenderFormat,
) -> anyhow::Result<Outcome> {
    for f in failures {
        eprintln!("{}", f.trim_end());
    }
    let done = customers.len() - failures.len();
    let what = match format {
        RenderFormat::Markdown => "guide",
        RenderFormat::Html => "page",
        RenderFormat::Checklist => "checklist",
        RenderFormat::Pdf | RenderFormat::GuidePdf => "PDF",
    };
    eprintln!(
        "rendered {done} {what}{} of {} into {}",
        plural(done),
        customers.len(),
        b.out_dir.display()
    );
    if failures.is_empty() {
        return Ok(Outcome::Ok);
    }
    anyhow::bail!(
        "{} of {} customer{} failed",
        failures.len(),
        customers.len(),
        plural(customers.len())
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Validate, render and write one customer's output; the message on failure.
fn render_one(
    project: &Project,
    guide: &Loaded<Guide>,
    theme: &crate::render::Theme,
    o: &RenderOptions,
    b: &BatchOptions,
    c: &Customer,
) -> Result<(), String> {
    // A diagnostic about the values file already starts with its path.
    let fail = |msg: String| match msg.starts_with(&c.origin) {
        true => msg,
        false => format!("{}: {msg}", c.origin),
    };
    let raw = c.raw.as_ref().map_err(|e| fail(e.clone()))?;
    let values = crate::inputs::resolve(&guide.doc, &project.config.variables, raw)
        .map_err(|problems| fail(super::render::value_error(&guide.doc, problems).to_string()))?;
    let text =
        super::render::render_with(theme, guide, &values, o).map_err(|e| fail(e_text(&e)))?;
    let path = b
        .out_dir
        .join(format!("{}.{}", c.stem, extension(o.format)));
    crate::output::write_file_atomic(&path, text.as_bytes()).map_err(|e| fail(e_text(&e)))
}

fn extension(format: RenderFormat) -> &'static str {
    match format {
        RenderFormat::Markdown => "md",
        RenderFormat::Html | RenderFormat::Checklist => "html",
        RenderFormat::Pdf | RenderFormat::GuidePdf => "pdf",
    }
}

/// An error as the single-customer command prints it (diagnostics rendered).
fn e_text(e: &anyhow::Error) -> String {
    match e.downcast_ref::<crate::load::InputError>() {
        Some(input) => input.to_string(),
        None => format!("{e:#}"),
    }
}

/// One customer per `*.yaml`/`*.yml` file of `dir`, sorted by file name.
fn from_dir(dir: &Path) -> anyhow::Result<Vec<Customer>> {
    if !dir.is_dir() {
        anyhow::bail!(
            "--values-dir {}: no such directory (it should hold one YAML values file per customer)",
            dir.display()
        );
    }
    let files: Vec<PathBuf> = crate::fs::read_dir(dir)?
        .into_iter()
        .filter(|p| is_values_file(p))
        .collect();
    if files.is_empty() {
        anyhow::bail!(
            "--values-dir {}: no values files (*.yaml or *.yml) in it",
            dir.display()
        );
    }
    Ok(files.iter().map(|p| dir_customer(p)).collect())
}

fn is_values_file(p: &Path) -> bool {
    p.is_file() && p.extension().is_some_and(|e| e == "yaml" || e == "yml")
}

fn dir_customer(path: &Path) -> Customer {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let raw = super::render::values_file(path).map_err(|e| e_text(&e));
    let origin = path.display().to_string();
    match check_stem(&stem) {
        Ok(()) => Customer { origin, stem, raw },
        Err(msg) => Customer {
            origin,
            stem,
            raw: Err(format!("the file name {msg}")),
        },
    }
}

/// An output name must be a plain file name: letters, digits, `-`, `_`, `.`.
fn check_stem(stem: &str) -> Result<(), String> {
    let ok = !stem.is_empty()
        && !stem.starts_with('.')
        && stem
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{stem}` cannot name an output file: use letters, digits, `-`, `_` and `.`, not starting with `.`"
        ))
    }
}

/// The second and later customers with one output name fail (nothing is overwritten).
fn mark_duplicate_stems(customers: &mut [Customer]) {
    let mut first: BTreeMap<String, String> = BTreeMap::new();
    for c in customers.iter_mut() {
        if c.raw.is_err() {
            continue;
        }
        match first.get(&c.stem) {
            Some(other) => {
                c.raw = Err(format!(
                    "output name `{}` is already used by {other}",
                    c.stem
                ));
            }
            None => {
                first.insert(c.stem.clone(), c.origin.clone());
            }
        }
    }
}

/// One customer per data row of a CSV file whose header names the inputs.
fn from_csv(path: &Path, guide: &Guide) -> anyhow::Result<Vec<Customer>> {
    if !path.is_file() {
        anyhow::bail!("--values-csv {}: no such file", path.display());
    }
    let bytes = crate::fs::read(path)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| anyhow::anyhow!("{}:1: cannot read the header row: {e}", path.display()))?
        .iter()
        .enumerate()
        .map(|(i, h)| header_name(i, h))
        .collect();
    check_header(path, &header, guide)?;
    let customers: Vec<Customer> = reader
        .records()
        .enumerate()
        .map(|(i, rec)| csv_customer(path, &header, guide, i + 1, rec))
        .collect();
    if customers.is_empty() {
        anyhow::bail!(
            "--values-csv {}: no rows after the header row",
            path.display()
        );
    }
    Ok(customers)
}

/// A header cell, trimmed, without a byte-order mark.
fn header_name(i: usize, h: &str) -> String {
    let h = if i == 0 {
        h.trim_start_matches('\u{feff}')
    } else {
        h
    };
    h.trim().to_string()
}

/// Every column must name an input or record of the guide (or be `id`), once.
fn check_header(path: &Path, header: &[String], guide: &Guide) -> anyhow::Result<()> {
    let known = crate::inputs::value_names(guide);
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let col = i + 1;
        if name.is_empty() {
            problems.push(format!("column {col} has no name"));
        } else if !seen.insert(name.as_str()) {
            problems.push(format!("column {col}: `{name}` appears twice"));
        } else if guide
            .records
            .iter()
            .any(|r| r.secret && r.id.value == *name)
        {
            problems.push(format!(
                "column {col}: `{name}` is a secret record; guidesmith never writes secrets into a guide, so remove the column"
            ));
        } else if name != ID_COLUMN && !known.contains(&name.as_str()) {
            problems.push(format!("column {col}: {}", unknown_column(name, &known)));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    anyhow::bail!(
        "{}:1: the header row does not match guide `{}`:\n  - {}",
        path.display(),
        guide.id.value,
        problems.join("\n  - ")
    )
}

fn unknown_column(name: &str, known: &[&str]) -> String {
    match crate::suggest::closest(name, known.iter().copied()) {
        Some(s) => format!("unknown input `{name}`; did you mean `{s}`?"),
        None => {
            let mut sorted = known.to_vec();
            sorted.sort_unstable();
            format!(
                "unknown input `{name}`; the inputs of this guide are: {} (and `{ID_COLUMN}` names the output file)",
                sorted.join(", ")
            )
        }
    }
}

/// The customer of data row `row` (1-based; the header is line 1).
fn csv_customer(
    path: &Path,
    header: &[String],
    guide: &Guide,
    row: usize,
    rec: Result<csv::StringRecord, csv::Error>,
) -> Customer {
    let line = match &rec {
        Ok(r) => r.position().map(|p| p.line()),
        Err(e) => e.position().map(|p| p.line()),
    };
    let origin = match line {
        Some(l) => format!("{}:{l} (row {row})", path.display()),
        None => format!("{} (row {row})", path.display()),
    };
    let named = header.iter().any(|h| h == ID_COLUMN) && !is_input(guide, ID_COLUMN);
    let mut stem = format!("row-{row}");
    let raw = rec.map_err(|e| csv_error(&e)).and_then(|r| {
        let mut raw = BTreeMap::new();
        for (name, value) in header.iter().zip(r.iter()) {
            if named && name == ID_COLUMN {
                check_stem(value).map_err(|m| format!("the `{ID_COLUMN}` {m}"))?;
                stem = value.to_string();
            } else if !value.is_empty() {
                raw.insert(name.clone(), value.to_string());
            }
        }
        Ok(raw)
    });
    Customer { origin, stem, raw }
}

fn is_input(guide: &Guide, name: &str) -> bool {
    guide.inputs.iter().any(|i| i.id.value == name)
}

fn csv_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("the row has {len} field(s), but the header row has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "the row is not valid UTF-8".into(),
        _ => format!("cannot read the row: {e}"),
    }
}

/// A progress bar on standard error, drawn only when it is a terminal.
struct Progress {
    total: usize,
    done: AtomicUsize,
    last: Mutex<Option<Instant>>,
    enabled: bool,
}

impl Progress {
    fn new(total: usize) -> Progress {
        Progress {
            total,
            done: AtomicUsize::new(0),
            last: Mutex::new(None),
            enabled: std::io::stderr().is_terminal(),
        }
    }

    fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.enabled {
            return;
        }
        let Ok(mut last) = self.last.try_lock() else {
            return;
        };
        if last.is_some_and(|t| t.elapsed() < Duration::from_millis(100)) && done < self.total {
            return;
        }
        *last = Some(Instant::now());
        eprint!("\r{}", bar(done, self.total));
        let _ = std::io::stderr().flush();
    }

    fn finish(&self) {
        if self.enabled {
            eprint!("\r{}\r", " ".repeat(bar(0, self.total).chars().count()));
        }
    }
}

/// `[=========>          ] 450/1000`
fn bar(done: usize, total: usize) -> String {
    const WIDTH: usize = 30;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(WIDTH);
    let head = if filled < WIDTH { ">" } else { "" };
    let rest = WIDTH - filled - head.len();
    format!(
        "[{}{head}{}] {done}/{total}",
        "=".repeat(filled),
        " ".repeat(rest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_fills_in_proportion() {
        assert_eq!(bar(0, 10), format!("[>{}] 0/10", " ".repeat(29)));
        assert_eq!(
            bar(5, 10),
            format!("[{}>{}] 5/10", "=".repeat(15), " ".repeat(14))
        );
        assert_eq!(bar(10, 10), format!("[{}] 10/10", "=".repeat(30)));
    }

    #[test]
    fn stems_are_plain_file_names() {
        assert!(check_stem("acme-corp_2.v1").is_ok());
        for bad in ["", ".hidden", "a/b", "..", "a b", "a\\b"] {
            assert!(check_stem(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn later_duplicates_fail_and_the_first_keeps_its_name() {
        let c = |origin: &str, stem: &str| Customer {
            origin: origin.into(),
            stem: stem.into(),
            raw: Ok(BTreeMap::new()),
        };
        let mut list = vec![c("a.yaml", "a"), c("a.yml", "a"), c("b.yaml", "b")];
        mark_duplicate_stems(&mut list);
        assert!(list[0].raw.is_ok() && list[2].raw.is_ok());
        assert_eq!(
            list[1].raw.as_ref().unwrap_err(),
            "output name `a` is already used by a.yaml"
        );
    }

    #[test]
    fn header_names_drop_a_byte_order_mark_and_spaces() {
        assert_eq!(header_name(0, "\u{feff}id"), "id");
        assert_eq!(header_name(1, " environment "), "environment");
    }
}
