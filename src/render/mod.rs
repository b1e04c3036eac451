//! Rendering a guide: Markdown, a standalone HTML page and a printable checklist.
//!
//! Why this shape:
//! - [`Fill`] decides once whether placeholders get a customer's values or
//!   show as tokens (public site), and which conditional parts are shown.
//! - [`view::plan`] is the only place that numbers steps, so the HTML guide,
//!   the Markdown export and the checklist always agree (field failure C14).
//! - Placeholders become sentinels before Markdown parsing and are replaced
//!   per output context afterwards ([`fill`], [`html`], [`markdown`]), so a
//!   value is always inert, escaped exactly once (C01, C04).
//! - Templates only see the serialisable structs of [`view`] (see [`theme`]).

pub mod escape;
pub mod fill;
pub mod highlight;
pub mod html;
pub mod markdown;
pub mod theme;
pub mod view;

pub use fill::Fill;
pub use theme::Theme;
pub use view::{GuideView, PageView};

use crate::model::Guide;
use view::InlineCss;

/// The guide as a GitHub-flavoured Markdown document.
pub fn markdown(guide: &Guide, fill: &Fill<'_>) -> String {
    markdown::document(guide, fill)
}

/// The guide as one standalone HTML file (CSS and script inlined).
pub fn html_page(guide: &Guide, fill: &Fill<'_>, theme: &Theme) -> anyhow::Result<String> {
    html_page_on(guide, fill, theme, false)
}

/// [`html_page`] printing on A4, or US Letter when `letter`.
pub fn html_page_on(
    guide: &Guide,
    fill: &Fill<'_>,
    theme: &Theme,
    letter: bool,
) -> anyhow::Result<String> {
    let page = standalone_page(theme, &html::plain(&guide.title.value, fill), letter);
    guide_page(guide, fill, theme, &page)
}

/// A printable checklist (standalone HTML): one box per visible step.
/// `letter` selects US Letter paper instead of A4.
pub fn checklist(
    guide: &Guide,
    fill: &Fill<'_>,
    theme: &Theme,
    letter: bool,
) -> anyhow::Result<String> {
    checklist_page(
        guide,
        fill,
        theme,
        &standalone_page(theme, &html::plain(&guide.title.value, fill), letter),
    )
}

/// Render `guide.html` with the given page data (used by the site builder).
pub fn guide_page(
    guide: &Guide,
    fill: &Fill<'_>,
    theme: &Theme,
    page: &PageView,
) -> anyhow::Result<String> {
    theme.render("guide.html", &context(guide, fill, page))
}

/// Render `checklist.html` with the given page data (used by the site builder).
pub fn checklist_page(
    guide: &Guide,
    fill: &Fill<'_>,
    theme: &Theme,
    page: &PageView,
) -> anyhow::Result<String> {
    theme.render("checklist.html", &context(guide, fill, page))
}

/// Both site pages of a guide, `guide.html` and `checklist.html`, from one
/// view of the guide (building the view, with highlighting, is the costly part).
pub fn guide_and_checklist_pages(
    guide: &Guide,
    fill: &Fill<'_>,
    theme: &Theme,
    page: &PageView,
) -> anyhow::Result<(String, String)> {
    let ctx = context(guide, fill, page);
    Ok((
        theme.render("guide.html", &ctx)?,
        theme.render("checklist.html", &ctx)?,
    ))
}

fn context(guide: &Guide, fill: &Fill<'_>, page: &PageView) -> tera::Context {
    let mut ctx = tera::Context::new();
    ctx.insert("guide", &view::guide_view(guide, fill));
    ctx.insert("page", page);
    ctx
}

/// Page data for a single self-contained file.
pub fn standalone_page(theme: &Theme, site_title: &str, letter: bool) -> PageView {
    PageView {
        site_title: site_title.to_string(),
        root: String::new(),
        inline_css: Some(InlineCss {
            style: theme.file("style.css").unwrap_or_default().to_string(),
            print: theme.file("print.css").unwrap_or_default().to_string(),
            highlight_light: highlight::light_css().to_string(),
            highlight_dark: highlight::dark_css().to_string(),
            script: theme.file("guidesmith.js").unwrap_or_default().to_string(),
        }),
        nav: None,
        paper: paper(letter),
        generator: generator(),
        script: None,
    }
}

/// `"letter"` or `"A4"`, as used in `@page { size: ... }`.
pub fn paper(letter: bool) -> &'static str {
    if letter { "letter" } else { "A4" }
}

/// The generator string for `<meta name="generator">`.
pub fn generator() -> String {
    format!("guidesmith {}", env!("CARGO_PKG_VERSION"))
}

#[cfg(test)]
mod tests;
