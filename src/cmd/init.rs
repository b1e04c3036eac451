//! `guidesmith init [DIR] [--theme]`: a new project that lints clean and
//! builds, or (with `--theme`) the default theme written out for editing.
//!
//! Nothing is ever overwritten: every file is checked first, and if any
//! already exists the command names them and writes none.

use std::path::{Path, PathBuf};

use super::Outcome;
use crate::render::theme;

/// Options of `init`.
#[derive(Debug, Clone, Default)]
pub struct InitOptions {
    /// The project directory (created if missing); default `.`.
    pub dir: Option<PathBuf>,
    /// Also (or, in an existing project, only) write the default theme to `theme/`.
    pub theme: bool,
}

/// Where `--theme` writes the theme, relative to the project.
const THEME_DIR: &str = "theme";

const EXAMPLE_GUIDE: &str = include_str!("init/example-guide.yaml");
const BOOK_TOML: &str = include_str!("init/book.toml");
const CATALOG: &str = include_str!("../../content/labels/salesforce.yaml");
const GITIGNORE: &str = "/build/\n";

/// The files of a new project (and of the theme), as `(relative path, text)`.
fn project_files(with_theme: bool) -> Vec<(PathBuf, String)> {
    let book = if with_theme {
        BOOK_TOML.replace(
            "# theme = \"theme\"               #",
            "theme = \"theme\"                 #",
        )
    } else {
        BOOK_TOML.to_string()
    };
    let mut files = vec![
        (PathBuf::from("book.toml"), book),
        (PathBuf::from(".gitignore"), GITIGNORE.to_string()),
        (
            PathBuf::from("content/guides/example-api-user.yaml"),
            EXAMPLE_GUIDE.to_string(),
        ),
        (
            PathBuf::from("content/labels/salesforce.yaml"),
            CATALOG.to_string(),
        ),
    ];
    if with_theme {
        files.extend(theme_files());
    }
    files
}

fn theme_files() -> Vec<(PathBuf, String)> {
    theme::builtin_files()
        .iter()
        .map(|(name, text)| (Path::new(THEME_DIR).join(name), (*text).to_string()))
        .collect()
}

pub fn run(o: &InitOptions) -> anyhow::Result<Outcome> {
    let dir = o.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let existing_project = dir.join("book.toml").is_file();
    let files = if existing_project && o.theme {
        theme_files()
    } else {
        project_files(o.theme)
    };
    let taken: Vec<String> = files
        .iter()
        .map(|(p, _)| dir.join(p))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !taken.is_empty() {
        anyhow::bail!(
            "refusing to overwrite existing files: {}; nothing was written (use an empty directory, or move them away)",
            taken.join(", ")
        );
    }
    for (path, text) in &files {
        crate::fs::write(&dir.join(path), text.as_bytes())?;
    }
    report(&dir, existing_project && o.theme);
    Ok(Outcome::Ok)
}

fn report(dir: &Path, theme_only: bool) {
    if theme_only {
        eprintln!(
            "wrote the default theme to {}; set `theme = \"{THEME_DIR}\"` under [book] in book.toml to use it",
            dir.join(THEME_DIR).display()
        );
        return;
    }
    eprintln!(
        "created a guidesmith project in {}\nnext: `guidesmith lint`, then `guidesmith serve` to preview the site",
        dir.display()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_option_turns_the_theme_setting_on() {
        let with = project_files(true);
        let book = &with
            .iter()
            .find(|(p, _)| p == Path::new("book.toml"))
            .unwrap()
            .1;
        assert!(book.contains("\ntheme = \"theme\""), "{book}");
        assert!(with.iter().any(|(p, _)| p == Path::new("theme/guide.html")));
        let without = project_files(false);
        assert!(!without.iter().any(|(p, _)| p.starts_with("theme")));
    }
}
