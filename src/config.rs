//! `book.toml`: strict serde structs with documented defaults, then `validate()`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::{Diagnostic, Severity};

/// The whole `book.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    pub book: BookConfig,
    /// Book-level variables, used in guides as `{{ book.<name> }}`.
    pub variables: BTreeMap<String, String>,
    pub lint: LintConfig,
    pub pdf: PdfConfig,
}

/// The `[pdf]` table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct PdfConfig {
    /// Chromium to print PDFs with. Default: `GUIDESMITH_CHROMIUM`, else `chromium` (and similar names) on PATH.
    pub chromium: Option<PathBuf>,
}

/// The `[book]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct BookConfig {
    /// Site title. Default: `Setup guides`.
    pub title: String,
    /// Where guides and catalogs live, relative to the project root. Default: `content`.
    pub content_dir: PathBuf,
    /// Where `build` writes the site. Default: `build`.
    pub build_dir: PathBuf,
    /// The URL path the site is served from, e.g. `/setup-guides/`. Default: `/`.
    pub site_url: String,
    /// A theme directory whose files override the built-in theme file by file.
    pub theme: Option<PathBuf>,
}

impl Default for BookConfig {
    fn default() -> Self {
        BookConfig {
            title: "Setup guides".into(),
            content_dir: "content".into(),
            build_dir: "build".into(),
            site_url: "/".into(),
            theme: None,
        }
    }
}

/// The `[lint]` table.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct LintConfig {
    /// Release to lint against. Default: the catalog's `current` release.
    pub target_release: Option<String>,
    /// Level per rule, by code or name: `GS303 = "allow"`, `no-label = "error"`.
    pub levels: BTreeMap<String, Level>,
}

/// A rule's level: `allow` drops its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Allow,
    Warning,
    Error,
}

impl std::str::FromStr for Level {
    type Err = String;
    fn from_str(s: &str) -> Result<Level, String> {
        match s {
            "allow" => Ok(Level::Allow),
            "warning" | "warn" => Ok(Level::Warning),
            "error" => Ok(Level::Error),
            _ => Err(format!("`{s}` is not a level; use allow, warning or error")),
        }
    }
}

/// An error in `book.toml` at `span`, with a help line.
fn config_error(
    path: &Path,
    text: &str,
    span: std::ops::Range<usize>,
    message: String,
    help: &str,
) -> Diagnostic {
    Diagnostic::at(Severity::Error, "config", path, text, span, message).with_help(help)
}

/// Parse `book.toml` text; errors carry the position in the file.
pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<Diagnostic>> {
    let config: Config = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        vec![
            Diagnostic::at(
                Severity::Error,
                "config",
                path,
                text,
                span,
                e.message().trim(),
            )
            .with_help("see the `book.toml` section of the README for the allowed keys"),
        ]
    })?;
    let problems = config.validate(path, text);
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(problems)
    }
}

impl Config {
    fn validate(&self, path: &Path, text: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for name in self.variables.keys() {
            let ok = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if !ok {
                let at = text.find(name.as_str()).unwrap_or(0);
                out.push(config_error(
                    path,
                    text,
                    at..at + name.len(),
                    format!("variable name `{name}` cannot be used as `{{{{ book.{name} }}}}`"),
                    "use letters, digits, `_` and `-`, starting with a letter",
                ));
            }
        }
        for name in self.lint.levels.keys() {
            if crate::lint::rule_code(name).is_none() {
                let at = text.find(name.as_str()).unwrap_or(0);
                let codes = crate::lint::rule_names();
                let help = match crate::suggest::closest(name, codes.iter().copied()) {
                    Some(s) => format!(
                        "did you mean `{s}`? (`guidesmith lint --explain CODE` lists the rules)"
                    ),
                    None => "`guidesmith lint --explain CODE` lists the rules".to_string(),
                };
                out.push(config_error(
                    path,
                    text,
                    at..at + name.len(),
                    format!("no lint rule `{name}`"),
                    &help,
                ));
            }
        }
        if !self.book.site_url.starts_with('/') && !self.book.site_url.contains("://") {
            let at = text.find("site-url").unwrap_or(0);
            out.push(
                Diagnostic::at(
                    Severity::Error,
                    "config",
                    path,
                    text,
                    at..at + 8,
                    format!(
                        "site-url `{}` must be an absolute path or URL",
                        self.book.site_url
                    ),
                )
                .with_help("write e.g. `site-url = \"/setup-guides/\"`"),
            );
        }
        out
    }

    /// `site-url` as a path ending in `/`.
    pub fn site_path(&self) -> String {
        let url = &self.book.site_url;
        let path = match url.split_once("://") {
            Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
            None => url.as_str(),
        };
        if path.ends_with('/') {
            path.to_string()
        } else {
            format!("{path}/")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply() {
        let c = parse(Path::new("book.toml"), "[book]\ntitle = \"X\"\n").unwrap();
        assert_eq!(c.book.build_dir, PathBuf::from("build"));
        assert_eq!(c.site_path(), "/");
    }

    #[test]
    fn unknown_key_is_an_error_with_position() {
        let errs = parse(Path::new("book.toml"), "[book]\ntitel = \"X\"\n").unwrap_err();
        assert_eq!(errs[0].line, 2);
        assert!(errs[0].message.contains("titel"), "{}", errs[0].message);
    }

    #[test]
    fn site_path_from_url() {
        let c = parse(
            Path::new("b"),
            "[book]\nsite-url = \"https://d.example/setup/x\"\n",
        )
        .unwrap();
        assert_eq!(c.site_path(), "/setup/x/");
    }

    #[test]
    fn bad_variable_name_is_reported() {
        let errs = parse(Path::new("b"), "[variables]\n\"a b\" = \"x\"\n").unwrap_err();
        assert!(errs[0].message.contains("a b"));
    }
}
