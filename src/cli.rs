//! Command-line parsing. The only module that knows clap; it converts the
//! arguments into our own [`Command`] values.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::cmd::{
    BatchOptions, BatchSource, BuildOptions, Command, InitOptions, LabelsOptions, LintOptions,
    RenderFormat, RenderOptions, SchemaOptions, ServeOptions,
};
use crate::cmd::{LinkOptions, NewOptions, ProvenanceOptions};
use crate::lint::report::Format;

#[derive(Parser)]
#[command(
    name = "guidesmith",
    version,
    about = "Step-by-step setup guides as code: personalised guides, checklists, a docs site and a UI-label linter"
)]
struct Cli {
    /// Project directory (holds book.toml). Default: the nearest directory upwards with a book.toml.
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    #[command(subcommand)]
    command: Sub,
}

#[derive(Subcommand)]
enum Sub {
    /// Render one guide for one customer, with their values.
    Render(RenderArgs),
    /// Build the static docs site into the build directory.
    Build(BuildArgs),
    /// Check every guide against the UI-label catalog.
    Lint(LintArgs),
    /// Preview the site on 127.0.0.1, rebuilding and reloading the page on every save.
    Serve(ServeArgs),
    /// Create a new project (book.toml, an example guide, a catalog); `--theme` writes the default theme out.
    Init(InitArgs),
    /// Which guide a personalised output was made from, and whether the guide changed since.
    Provenance {
        /// A file written by `guidesmith render` (Markdown, HTML or PDF).
        file: PathBuf,
    },
    /// Print the site URL that pre-fills a guide's form with these values.
    Link(LinkArgs),
    /// Create something new from a template: `new guide NAME`.
    New {
        #[command(subcommand)]
        what: NewSub,
    },
    /// Write JSON Schemas for guide and catalog files (for editor validation and completion).
    Schema(SchemaArgs),
    /// List and search the UI-label catalog; `labels diff A B` shows what changed between releases.
    Labels(LabelsArgs),
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
struct LabelsArgs {
    #[command(subcommand)]
    action: Option<LabelsSub>,
    /// Show only labels whose text, path, kind or replacement contains this.
    query: Option<String>,
    /// The catalog's product key (needed when there are several catalogs).
    #[arg(long, global = true)]
    product: Option<String>,
}

#[derive(Subcommand)]
enum LabelsSub {
    /// Labels added and retired after FROM up to TO, and the guide steps each affects.
    Diff {
        /// The older release, e.g. "Summer '25".
        from: String,
        /// The newer release, e.g. "Summer '26".
        to: String,
    },
}

#[derive(Args)]
struct ServeArgs {
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 3000)]
    port: u16,
    /// Address to listen on; the default keeps the preview on this machine.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
}

#[derive(Args)]
struct InitArgs {
    /// Directory for the new project (created if missing; default: the current directory).
    dir: Option<PathBuf>,
    /// Write the default theme to `theme/` for editing (in an existing project: only the theme).
    #[arg(long)]
    theme: bool,
}

#[derive(Args)]
struct SchemaArgs {
    /// Print one schema to standard output instead of writing both.
    #[arg(value_parser = ["guide", "catalog"])]
    which: Option<String>,
    /// Directory to write both schemas to (default: `schemas/` in the project).
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
}

#[derive(Args)]
struct RenderArgs {
    /// The guide: a path to its YAML file, or its id.
    guide: String,
    /// A value for an input: `--set environment=acme` (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
    /// A YAML file of `name: value` pairs.
    #[arg(long, value_name = "FILE")]
    values: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = FormatArg::Markdown)]
    format: FormatArg,
    /// Paper size of the checklist.
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    paper: PaperArg,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE", conflicts_with = "out_dir")]
    output: Option<PathBuf>,
    /// Batch: one YAML values file per customer in DIR (needs --out-dir).
    #[arg(long, value_name = "DIR", group = "batch_source", requires = "out_dir", conflicts_with_all = ["values_csv", "values", "set"])]
    values_dir: Option<PathBuf>,
    /// Batch: one customer per row of a CSV file whose header row names the inputs (needs --out-dir).
    #[arg(long, value_name = "FILE", group = "batch_source", requires = "out_dir", conflicts_with_all = ["values", "set"])]
    values_csv: Option<PathBuf>,
    /// Batch: directory for the outputs, one file per customer.
    #[arg(long, value_name = "DIR", requires = "batch_source")]
    out_dir: Option<PathBuf>,
}

#[derive(Args)]
struct BuildArgs {
    /// Also write an mdBook source tree (book.toml, src/SUMMARY.md, one chapter per guide) to DIR.
    #[arg(long, value_name = "DIR")]
    mdbook: Option<PathBuf>,
}

#[derive(Args)]
struct LinkArgs {
    /// The guide: its id or the path to its file.
    guide: String,
    /// A value for an input: `--set environment=acme` (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
    /// A YAML file of `name: value` pairs.
    #[arg(long, value_name = "FILE")]
    values: Option<PathBuf>,
}

#[derive(Subcommand)]
enum NewSub {
    /// A new guide in content/guides/NAME.yaml that lints clean.
    Guide {
        /// The guide's id and file name: lower-case letters, digits and `-`.
        name: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Markdown,
    Html,
    Checklist,
    /// The checklist as PDF (needs Chromium and `-o FILE`).
    Pdf,
    /// The guide page as PDF (needs Chromium and `-o FILE`).
    GuidePdf,
}

#[derive(Clone, Copy, ValueEnum)]
enum PaperArg {
    A4,
    Letter,
}

#[derive(Args)]
struct LintArgs {
    #[arg(long, value_enum, default_value_t = LintFormatArg::Human)]
    format: LintFormatArg,
    /// Release to check against (default: `[lint] target-release`, else the catalog's current release).
    #[arg(long, value_name = "RELEASE")]
    target_release: Option<String>,
    /// Fail (exit 1) on warnings too: `--deny warnings`.
    #[arg(long, value_name = "LEVEL", value_parser = ["warnings"])]
    deny: Option<String>,
    /// Set a rule's level: `--level GS303=allow` (allow, warning or error; repeatable).
    #[arg(long = "level", value_name = "CODE=LEVEL")]
    levels: Vec<String>,
    /// Rewrite retired labels to their replacements in the YAML files (nothing else changes).
    #[arg(long)]
    fix: bool,
    /// Print the documentation of a rule and exit.
    #[arg(long, value_name = "CODE")]
    explain: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LintFormatArg {
    Human,
    Json,
    Github,
    Sarif,
}

/// Parse the process arguments (exits with clap's message on a usage error).
pub fn parse() -> (Option<PathBuf>, Command) {
    let cli = Cli::parse();
    (cli.root, convert(cli.command))
}

/// Parse an explicit argument list; for tests.
pub fn try_parse_from<I, T>(args: I) -> Result<(Option<PathBuf>, Command), clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = Cli::try_parse_from(args)?;
    Ok((cli.root, convert(cli.command)))
}

fn convert(sub: Sub) -> Command {
    match sub {
        Sub::Render(a) => Command::Render(RenderOptions {
            guide: a.guide,
            set: a.set,
            values: a.values,
            format: match a.format {
                FormatArg::Markdown => RenderFormat::Markdown,
                FormatArg::Html => RenderFormat::Html,
                FormatArg::Checklist => RenderFormat::Checklist,
                FormatArg::Pdf => RenderFormat::Pdf,
                FormatArg::GuidePdf => RenderFormat::GuidePdf,
            },
            letter: matches!(a.paper, PaperArg::Letter),
            batch: batch(a.values_dir, a.values_csv, a.out_dir),
            output: a.output,
        }),
        Sub::Build(a) => Command::Build(BuildOptions { mdbook: a.mdbook }),
        Sub::Provenance { file } => Command::Provenance(ProvenanceOptions { file }),
        Sub::Link(a) => Command::Link(LinkOptions {
            guide: a.guide,
            set: a.set,
            values: a.values,
        }),
        Sub::New {
            what: NewSub::Guide { name },
        } => Command::New(NewOptions { name }),
        Sub::Serve(a) => Command::Serve(ServeOptions {
            host: a.host,
            port: a.port,
        }),
        Sub::Init(a) => Command::Init(InitOptions {
            dir: a.dir,
            theme: a.theme,
        }),
        Sub::Labels(a) => Command::Labels(LabelsOptions {
            product: a.product,
            query: a.query,
            diff: a.action.map(|LabelsSub::Diff { from, to }| (from, to)),
        }),
        Sub::Schema(a) => Command::Schema(SchemaOptions {
            which: a.which,
            out_dir: a.out_dir,
        }),
        Sub::Lint(a) => Command::Lint(LintOptions {
            format: match a.format {
                LintFormatArg::Human => Format::Human,
                LintFormatArg::Json => Format::Json,
                LintFormatArg::Github => Format::Github,
                LintFormatArg::Sarif => Format::Sarif,
            },
            target_release: a.target_release,
            deny_warnings: a.deny.is_some(),
            explain: a.explain,
            fix: a.fix,
            levels: a.levels,
        }),
    }
}

/// `--values-dir`/`--values-csv` with `--out-dir` (clap checked the combinations).
fn batch(
    dir: Option<PathBuf>,
    csv: Option<PathBuf>,
    out_dir: Option<PathBuf>,
) -> Option<BatchOptions> {
    let source = match (dir, csv) {
        (Some(d), _) => BatchSource::Dir(d),
        (None, Some(c)) => BatchSource::Csv(c),
        (None, None) => return None,
    };
    Some(BatchOptions {
        source,
        out_dir: out_dir?,
    })
}
