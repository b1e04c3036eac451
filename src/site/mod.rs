//! The static docs site, built in memory.
//!
//! [`build_site`] returns every file as `(relative path, bytes)`, sorted by
//! path and free of timestamps, so two builds of the same sources are
//! byte-identical and the caller decides how to write them (atomically).
//! Guide pages use token mode ([`Fill::Tokens`]): the public site shows
//! `‹placeholders›` and every conditional part with its condition.
//! Every internal link is relative, so the site works under a sub-path; only
//! `404.html`, which a server returns for any URL, uses `site_url`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::inputs::Values;
use crate::model::Guide;
use crate::render::{self, Fill, PageView, Theme, highlight, html};

pub mod links;
pub mod script;
mod search;

/// Book-level settings the site needs (built by the config module).
#[derive(Debug, Clone, Default)]
pub struct SiteBook {
    pub title: String,
    /// Where the site is served, e.g. `/` or `https://docs.example.com/setup/`.
    pub site_url: String,
    /// Book variables, used in guides as `{{ book.<name> }}`.
    pub variables: BTreeMap<String, String>,
}

/// The index page (`index` in `index.html`).
#[derive(Debug, Clone, Serialize)]
pub struct IndexView {
    /// Guides grouped by category path, sorted by path.
    pub groups: Vec<CategoryView>,
}

/// Guides sharing one category path.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryView {
    /// The category path, outermost first; empty for uncategorised guides.
    pub breadcrumbs: Vec<String>,
    pub guides: Vec<GuideLink>,
}

/// One guide on the index.
#[derive(Debug, Clone, Serialize)]
pub struct GuideLink {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub verified_release: String,
    pub verified_date: String,
    pub href: String,
    pub checklist_href: String,
    pub markdown_href: String,
}

/// Book variables as [`Values`] (`book.<name>`), filled in on every page.
pub fn book_values(book: &SiteBook) -> Values {
    let mut v = Values::default();
    for (k, val) in &book.variables {
        v.insert(format!("book.{k}"), val.clone());
    }
    v
}

/// Build every file of the site, sorted by path.
pub fn build_site(
    guides: &[Guide],
    book: &SiteBook,
    theme: &Theme,
) -> anyhow::Result<Vec<(PathBuf, Vec<u8>)>> {
    let refs: Vec<&Guide> = guides.iter().collect();
    build_site_reusing(&refs, book, theme, &Reuse::nothing())
}

/// What serve's rebuild keeps from the previous build.
pub struct Reuse<'a> {
    /// Guides whose pages are published and current: not rendered again.
    pub unchanged: &'a (dyn Fn(&Guide) -> bool + Sync),
    /// A guide's search-index part from the previous build, if current.
    pub search: &'a (dyn Fn(&Guide) -> Option<String> + Sync),
}

impl Reuse<'static> {
    /// A full build.
    pub fn nothing() -> Reuse<'static> {
        Reuse {
            unchanged: &|_| false,
            search: &|_| None,
        }
    }
}

/// A guide's part of the search index, as serve caches it.
pub fn search_part(guide: &Guide, book: &SiteBook) -> String {
    search::guide_json(guide, &Fill::Tokens(&book_values(book)))
}

/// [`build_site`] reusing what `reuse` says is current; the pages of
/// unchanged guides are left out of the result (they are published already).
pub fn build_site_reusing(
    guides: &[&Guide],
    book: &SiteBook,
    theme: &Theme,
    reuse: &Reuse<'_>,
) -> anyhow::Result<Vec<(PathBuf, Vec<u8>)>> {
    let values = book_values(book);
    let fill = Fill::Tokens(&values);
    let mut files: BTreeMap<PathBuf, Vec<u8>> = BTreeMap::new();
    let mut ids = std::collections::BTreeSet::new();
    for guide in guides {
        let id = &guide.id.value;
        anyhow::ensure!(ids.insert(id.clone()), "two guides have the id `{id}`");
    }
    // The search index first: its working data is freed before the pages pile up.
    files.insert(
        "assets/search-index.js".into(),
        compact(search_index(guides, &fill, reuse)),
    );
    // Guides render in parallel; results come back in input order and go into
    // the sorted map, so the output (and the first error) does not depend on
    // the scheduling.
    let rendered: Vec<anyhow::Result<GuideFiles>> = {
        use rayon::prelude::*;
        guides
            .par_iter()
            .filter(|guide| !(reuse.unchanged)(guide))
            .map(|guide| guide_files(guide, book, &fill, theme))
            .collect()
    };
    for r in rendered {
        files.extend(r?);
    }
    let mut ctx = tera::Context::new();
    let mut page = site_page(book, "", None);
    page.script = Some(script::site_script(book, None));
    ctx.insert("page", &page);
    ctx.insert("index", &index_view(guides, &fill));
    files.insert(
        "index.html".into(),
        theme.render("index.html", &ctx)?.into_bytes(),
    );
    let mut ctx = tera::Context::new();
    ctx.insert("page", &not_found_page(book, theme));
    files.insert(
        "404.html".into(),
        theme.render("404.html", &ctx)?.into_bytes(),
    );
    for (path, text) in assets(theme) {
        files.insert(path.into(), text.into_bytes());
    }
    files.insert(
        "assets/guidesmith-rules.js".into(),
        script::rules_js().into_bytes(),
    );
    Ok(files.into_iter().collect())
}

/// A guide's page, checklist and Markdown, as (path, bytes).
type GuideFiles = [(PathBuf, Vec<u8>); 3];

/// The paths of a guide's page, checklist and Markdown.
pub fn guide_paths(id: &str) -> [PathBuf; 3] {
    [
        format!("guides/{id}.html").into(),
        format!("guides/{id}-checklist.html").into(),
        format!("guides/{id}.md").into(),
    ]
}

/// A guide's page, checklist and Markdown.
fn guide_files(
    guide: &Guide,
    book: &SiteBook,
    fill: &Fill<'_>,
    theme: &Theme,
) -> anyhow::Result<GuideFiles> {
    let id = &guide.id.value;
    let mut page = site_page(book, "../", Some(nav(id)));
    page.script = Some(script::guide_script(book, guide, fill));
    let (html, checklist) = render::guide_and_checklist_pages(guide, fill, theme, &page)
        .map_err(|e| e.context(format!("guide `{id}`")))?;
    Ok([
        (format!("guides/{id}.html").into(), compact(html)),
        (
            format!("guides/{id}-checklist.html").into(),
            compact(checklist),
        ),
        (
            format!("guides/{id}.md").into(),
            compact(render::markdown(guide, fill)),
        ),
    ])
}

/// The bytes of a rendered page without the spare capacity left by growing
/// the string: the whole site stays in memory until it is published.
fn compact(text: String) -> Vec<u8> {
    let mut bytes = text.into_bytes();
    bytes.shrink_to_fit();
    bytes
}

fn assets(theme: &Theme) -> Vec<(&'static str, String)> {
    let file = |name: &str| theme.file(name).unwrap_or_default().to_string();
    vec![
        ("assets/style.css", file("style.css")),
        ("assets/print.css", file("print.css")),
        ("assets/guidesmith.js", file("guidesmith.js")),
        ("assets/highlight.css", highlight::site_css()),
    ]
}

fn nav(id: &str) -> render::view::NavView {
    render::view::NavView {
        index: "../index.html".into(),
        guide: format!("{id}.html"),
        markdown: format!("{id}.md"),
        checklist: format!("{id}-checklist.html"),
    }
}

fn site_page(book: &SiteBook, root: &str, nav: Option<render::view::NavView>) -> PageView {
    PageView {
        site_title: book.title.clone(),
        root: root.to_string(),
        inline_css: None,
        nav,
        paper: render::paper(false),
        generator: render::generator(),
        script: None,
    }
}

/// The 404 page is served at any depth, so its links start from `site_url`
/// and its CSS is inlined.
fn not_found_page(book: &SiteBook, theme: &Theme) -> PageView {
    let mut page = render::standalone_page(theme, &book.title, false);
    page.root = if book.site_url.ends_with('/') {
        book.site_url.clone()
    } else {
        format!("{}/", book.site_url)
    };
    page
}

fn search_index(guides: &[&Guide], fill: &Fill<'_>, reuse: &Reuse<'_>) -> String {
    use rayon::prelude::*;
    let parts: Vec<String> = guides
        .par_iter()
        .map(|g| (reuse.search)(g).unwrap_or_else(|| search::guide_json(g, fill)))
        .collect();
    search::index_js_from(&parts)
}

fn index_view(guides: &[&Guide], fill: &Fill<'_>) -> IndexView {
    let mut groups: BTreeMap<Vec<String>, Vec<GuideLink>> = BTreeMap::new();
    for g in guides {
        let id = &g.id.value;
        groups
            .entry(g.category.clone())
            .or_default()
            .push(GuideLink {
                id: id.clone(),
                title: html::plain(&g.title.value, fill),
                summary: html::plain(&g.summary.value, fill),
                verified_release: g.verified.release.value.clone(),
                verified_date: g.verified.date.value.clone(),
                href: format!("guides/{id}.html"),
                checklist_href: format!("guides/{id}-checklist.html"),
                markdown_href: format!("guides/{id}.md"),
            });
    }
    IndexView {
        groups: groups
            .into_iter()
            .map(|(breadcrumbs, mut guides)| {
                guides.sort_by(|a, b| (&a.title, &a.id).cmp(&(&b.title, &b.id)));
                CategoryView {
                    breadcrumbs,
                    guides,
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide(id: &str, category: &str) -> Guide {
        serde_saphyr::from_str(&format!(
            r#"
id: {id}
title: "Connect {{{{ book.product }}}}"
summary: "Set up {id} on {{{{ environment.host }}}}"
category: [{category}]
product: salesforce
verified: {{ release: "Spring '26", date: "2026-02-01" }}
inputs:
  - {{ id: environment, label: Org, type: my-domain }}
sections:
  - id: main
    title: Main
    steps:
      - id: open
        title: Open [[Setup]]
        text: "Go to https://{{{{ environment.host }}}}/lightning"
      - id: sso
        title: SSO
        when: sso
        text: "Enable SSO. See [docs](guides/x.html)."
"#
        ))
        .unwrap()
    }

    fn book() -> SiteBook {
        SiteBook {
            title: "Acme <Guides>".into(),
            site_url: "/docs".into(),
            variables: [("product".to_string(), "Acme & Co".to_string())].into(),
        }
    }

    fn build() -> Vec<(PathBuf, Vec<u8>)> {
        let guides = [
            guide("b-guide", "Salesforce, Integrations"),
            guide("a-guide", "Salesforce"),
        ];
        build_site(&guides, &book(), &Theme::builtin()).unwrap()
    }

    fn text<'a>(files: &'a [(PathBuf, Vec<u8>)], path: &str) -> &'a str {
        let (_, bytes) = files
            .iter()
            .find(|(p, _)| p == &PathBuf::from(path))
            .unwrap_or_else(|| panic!("{path}"));
        std::str::from_utf8(bytes).unwrap()
    }

    #[test]
    fn site_has_every_file_sorted() {
        let files = build();
        let paths: Vec<String> = files.iter().map(|(p, _)| p.display().to_string()).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted);
        for p in [
            "404.html",
            "assets/guidesmith.js",
            "assets/highlight.css",
            "assets/style.css",
            "guides/a-guide-checklist.html",
            "guides/a-guide.html",
            "guides/a-guide.md",
            "guides/b-guide.html",
            "index.html",
        ] {
            assert!(paths.contains(&p.to_string()), "{p} missing from {paths:?}");
        }
    }

    #[test]
    fn build_is_deterministic() {
        assert_eq!(build(), build());
    }

    #[test]
    fn guide_pages_show_tokens_conditions_and_book_variables() {
        let files = build();
        let page = text(&files, "guides/a-guide.html");
        assert!(page.contains("Connect Acme &amp; Co"), "{page}");
        assert!(!page.contains("&amp;amp;"));
        assert!(
            page.contains("<span class=\"gs-ph\" data-ph=\"environment.host\">"),
            "{page}"
        );
        assert!(page.contains("Only if: sso: yes"), "{page}");
        assert!(
            page.contains("data-when=\"sso\""),
            "the page script gets the condition: {page}"
        );
        assert!(
            page.contains("id=\"step-sso\"") && page.contains("Step 2"),
            "{page}"
        );
        assert!(
            page.contains("href=\"../assets/style.css\"")
                && page.contains("href=\"../index.html\"")
        );
        let md = text(&files, "guides/a-guide.md");
        assert!(
            md.contains("### Step 2: SSO") && md.contains("> Only if: sso: yes"),
            "{md}"
        );
    }

    #[test]
    fn links_are_relative_except_404() {
        let files = build();
        for (path, bytes) in &files {
            let s = String::from_utf8_lossy(bytes);
            if path.extension().is_some_and(|e| e == "html") && path != &PathBuf::from("404.html") {
                assert!(
                    !s.contains("href=\"/") && !s.contains("src=\"/"),
                    "{}",
                    path.display()
                );
            }
        }
        let nf = text(&files, "404.html");
        assert!(nf.contains("href=\"/docs/index.html\""), "{nf}");
    }

    #[test]
    fn index_groups_by_category_with_verified_line() {
        let files = build();
        let index = text(&files, "index.html");
        assert!(index.contains("Acme &lt;Guides&gt;"), "{index}");
        let a = index.find("guides/a-guide.html").unwrap();
        let b = index.find("guides/b-guide.html").unwrap();
        assert!(a < b, "Salesforce sorts before Salesforce › Integrations");
        assert!(
            index.contains("<span>Salesforce</span> › <span>Integrations</span>"),
            "{index}"
        );
        assert!(
            index.contains("Last verified 2026-02-01 against release Spring &#x27;26")
                || index.contains("Last verified 2026-02-01 against release Spring &#39;26")
                || index.contains("Last verified 2026-02-01 against release Spring '26"),
            "{index}"
        );
    }
}
