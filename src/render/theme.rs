//! Themes: Tera 2 templates and static assets, built in and overridable.
//!
//! The default theme is compiled into the binary (`include_str!`), so the
//! tool works with no files beside it. A project may name a theme directory;
//! each file found there replaces the built-in file of the same name, so a
//! theme can change one template without copying the rest.
//!
//! Templates are Tera 2 (not v1) syntax. Autoescape is on for `.html`
//! templates; fields ending in `_html` are pre-rendered and used with `| safe`.
//! Variables available: `guide` ([`super::view::GuideView`]) and `page`
//! ([`super::view::PageView`]) in `guide.html` and `checklist.html`;
//! `page` and `index` ([`crate::site::IndexView`]) in `index.html`;
//! `page` in `404.html`.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;
use tera::{Context, Tera};

/// Template files of a theme.
pub const TEMPLATES: &[&str] = &["guide.html", "checklist.html", "index.html", "404.html"];

/// Every built-in theme file, by name.
const BUILTIN: &[(&str, &str)] = &[
    (
        "guide.html",
        include_str!("../../themes/default/guide.html"),
    ),
    (
        "checklist.html",
        include_str!("../../themes/default/checklist.html"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/index.html"),
    ),
    ("404.html", include_str!("../../themes/default/404.html")),
    ("style.css", include_str!("../../themes/default/style.css")),
    ("print.css", include_str!("../../themes/default/print.css")),
    (
        "guidesmith.js",
        include_str!("../../themes/default/guidesmith.js"),
    ),
];

/// Every file of the built-in theme as `(name, text)`; `init --theme`
/// writes these out.
pub fn builtin_files() -> &'static [(&'static str, &'static str)] {
    BUILTIN
}

/// A loaded theme: template engine plus asset texts.
pub struct Theme {
    files: BTreeMap<&'static str, String>,
    tera: Tera,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("files", &self.files.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Theme {
    /// The built-in theme, with files overridden from `override_dir` if given.
    pub fn load(override_dir: Option<&Path>) -> anyhow::Result<Theme> {
        let mut files: BTreeMap<&'static str, String> = BUILTIN
            .iter()
            .map(|(name, text)| (*name, (*text).to_string()))
            .collect();
        let mut origin: BTreeMap<&'static str, String> = BTreeMap::new();
        if let Some(dir) = override_dir {
            if !dir.is_dir() {
                anyhow::bail!(
                    "theme directory {} does not exist or is not a directory",
                    dir.display()
                );
            }
            for (name, _) in BUILTIN {
                let path = dir.join(name);
                if path.is_file() {
                    let text = crate::fs::read_to_string(&path)?;
                    files.insert(name, text);
                    origin.insert(name, path.display().to_string());
                }
            }
        }
        let mut tera = Tera::default();
        for name in TEMPLATES {
            let from = origin
                .get(name)
                .cloned()
                .unwrap_or_else(|| format!("built-in theme file {name}"));
            tera.add_raw_template(name, &files[name])
                .map_err(|e| anyhow::anyhow!("{e}"))
                .with_context(|| format!("invalid template in {from}"))?;
        }
        Ok(Theme { files, tera })
    }

    /// The built-in theme.
    pub fn builtin() -> Theme {
        Theme::load(None).expect("the built-in theme is valid")
    }

    /// The text of a theme file (`style.css`, `guide.html`, ...).
    pub fn file(&self, name: &str) -> Option<&str> {
        self.files.get(name).map(String::as_str)
    }

    /// Render one of [`TEMPLATES`] with a Tera context built from view structs.
    pub fn render(&self, template: &str, ctx: &Context) -> anyhow::Result<String> {
        self.tera
            .render(template, ctx)
            .map_err(|e| anyhow::anyhow!("{e}"))
            .with_context(|| format!("cannot render theme template {template}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_file_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
        for (name, text) in BUILTIN {
            assert_eq!(
                std::fs::read_to_string(dir.join(name)).unwrap(),
                *text,
                "{name}"
            );
        }
    }

    #[test]
    fn builtin_templates_compile() {
        let t = Theme::builtin();
        assert!(t.file("style.css").is_some());
    }

    #[test]
    fn override_replaces_one_file_and_errors_name_the_path() {
        let dir = std::env::temp_dir().join(format!("gs-theme-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("style.css"), "body{}").unwrap();
        let t = Theme::load(Some(&dir)).unwrap();
        assert_eq!(t.file("style.css"), Some("body{}"));
        assert!(t.file("print.css").unwrap().len() > 10);
        std::fs::write(dir.join("404.html"), "{% if %}").unwrap();
        let err = format!("{:#}", Theme::load(Some(&dir)).unwrap_err());
        assert!(
            err.contains("404.html") && err.contains(&dir.display().to_string()),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
        let err = format!("{:#}", Theme::load(Some(&dir)).unwrap_err());
        assert!(err.contains(&dir.display().to_string()), "{err}");
    }
}
