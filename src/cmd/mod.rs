//! One file per subcommand, one dispatch point, one exit-code table.
//!
//! Exit codes: 0 success; 1 lint findings at or above the failing level;
//! 2 usage error, bad input (content, values, book.toml) or I/O failure.

mod batch;
mod build;
mod init;
mod labels;
mod link;
mod lint;
mod new;
mod provenance;
mod rebuild;
mod render;
pub mod schema;
mod serve;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use batch::{BatchOptions, BatchSource};
pub use build::BuildOptions;
pub use init::InitOptions;
pub use labels::LabelsOptions;
pub use link::LinkOptions;
pub use lint::LintOptions;
pub use new::NewOptions;
pub use provenance::ProvenanceOptions;
pub use render::{RenderFormat, RenderOptions};
pub use schema::SchemaOptions;
pub use serve::ServeOptions;

use crate::diag::{Diagnostic, Severity};
use crate::load::{InputError, Loaded, Project};
use crate::model::{Catalog, Guide};

/// A parsed command.
pub enum Command {
    Render(RenderOptions),
    Build(BuildOptions),
    Lint(LintOptions),
    Serve(ServeOptions),
    Init(InitOptions),
    Schema(SchemaOptions),
    Labels(LabelsOptions),
    Provenance(ProvenanceOptions),
    Link(LinkOptions),
    New(NewOptions),
}

/// Success, or lint findings that fail the run.
pub enum Outcome {
    Ok,
    Findings,
}

/// Entry point used by `main.rs`.
pub fn main() -> ExitCode {
    let (root, command) = crate::cli::parse();
    match run(root, command) {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(e) => {
            report_error(&e);
            ExitCode::from(2)
        }
    }
}

/// Run one command in the project at `root` (or the nearest one upwards).
pub fn run(root: Option<PathBuf>, command: Command) -> anyhow::Result<Outcome> {
    if let Command::Init(o) = &command {
        return init::run(o); // a new project: no root to find
    }
    let cwd = std::env::current_dir()?;
    let root = match root {
        Some(r) => r,
        None => relative_to(find_root(&cwd), &cwd),
    };
    match command {
        Command::Render(o) => render::run(&root, &o),
        Command::Build(o) => build::run(&root, &o),
        Command::Lint(o) => lint::run(&root, &o),
        Command::Serve(o) => serve::run(&root, &o),
        Command::Init(o) => init::run(&o),
        Command::Schema(o) => schema::run(&root, &o),
        Command::Labels(o) => labels::run(&root, &o),
        Command::Provenance(o) => provenance::run(&root, &o),
        Command::Link(o) => link::run(&root, &o),
        Command::New(o) => new::run(&root, &o),
    }
}

/// The nearest directory at or above `start` holding a book.toml (else `start`).
fn find_root(start: &Path) -> PathBuf {
    start
        .ancestors()
        .find(|d| d.join("book.toml").is_file())
        .unwrap_or(start)
        .to_path_buf()
}

/// `path` relative to `base` when inside it, so messages show short paths.
fn relative_to(path: PathBuf, base: &Path) -> PathBuf {
    match path.strip_prefix(base) {
        Ok(rel) => rel.to_path_buf(),
        Err(_) => path,
    }
}

fn report_error(e: &anyhow::Error) {
    eprint!("{}", error_text(e));
}

/// An error as the terminal shows it (diagnostics with excerpts, or
/// `error: ...` with its context chain); `serve` also shows it in the page.
fn error_text(e: &anyhow::Error) -> String {
    match e.downcast_ref::<InputError>() {
        Some(input) => input.to_string(),
        None => format!("error: {e:#}\n"),
    }
}

/// Lint codes whose errors would make rendered output wrong: broken inline
/// syntax, undeclared placeholders, bad conditions. `render` and `build` stop
/// on them; everything else is for `lint` to report.
const BLOCKING: [&str; 4] = ["GS001", "GS201", "GS301", "GS304"];

/// Fail with every blocking error in `guides`, rendered against their sources.
fn check_blocking(catalogs: &[Loaded<Catalog>], guides: &[Loaded<Guide>]) -> anyhow::Result<()> {
    let diags: Vec<Diagnostic> = crate::lint::run(guides, catalogs, &Default::default())
        .into_iter()
        .filter(|d| d.severity == Severity::Error && BLOCKING.contains(&d.code.as_str()))
        .collect();
    if diags.is_empty() {
        return Ok(());
    }
    let mut e = InputError {
        diagnostics: diags,
        ..Default::default()
    };
    for g in guides {
        e.sources.insert(g.path.clone(), g.source.clone());
    }
    Err(e.into())
}

/// The built-in theme overlaid with the project's `theme` directory, if set.
fn theme(project: &Project) -> anyhow::Result<crate::render::Theme> {
    let dir = project
        .config
        .book
        .theme
        .as_ref()
        .map(|t| project.root.join(t));
    crate::render::Theme::load(dir.as_deref())
}
