//! `guidesmith link GUIDE --set environment=acme`: the site URL whose query
//! pre-fills the guide page's form, after the values are validated as
//! `render` validates them.

use std::path::Path;

use super::Outcome;
use crate::render::escape;

/// Options of `link`.
#[derive(Debug, Clone)]
pub struct LinkOptions {
    pub guide: String,
    pub set: Vec<String>,
    pub values: Option<std::path::PathBuf>,
}

pub fn run(root: &Path, o: &LinkOptions) -> anyhow::Result<Outcome> {
    let project = crate::load::project(root)?;
    let base = site_base(&project.config.book.site_url)?;
    let guide = super::render::find_guide(&project.guides, &o.guide)?;
    let raw = super::render::raw_pairs(&o.set, o.values.as_deref())?;
    let values = crate::inputs::resolve(&guide.doc, &project.config.variables, &raw)
        .map_err(|p| super::render::value_error(&guide.doc, p))?;
    let given: Vec<(&str, &str)> = (guide.doc.inputs.iter())
        .filter(|i| raw.get(&i.id.value).is_some_and(|v| !v.trim().is_empty()))
        .filter_map(|i| values.get(&i.id.value).map(|v| (i.id.value.as_str(), v)))
        .collect();
    println!("{}", url(&base, &guide.doc.id.value, &given));
    Ok(Outcome::Ok)
}

/// `site-url` as an absolute base ending in `/`, or a clear error.
fn site_base(site_url: &str) -> anyhow::Result<String> {
    anyhow::ensure!(
        site_url.starts_with("https://") || site_url.starts_with("http://"),
        "a shareable link needs the site's full address: set `site-url = \"https://docs.example.com/setup/\"` in book.toml (it is `{site_url}`)"
    );
    anyhow::ensure!(
        !site_url.contains(|c: char| c.is_whitespace() || c == '?' || c == '#'),
        "`site-url = \"{site_url}\"` in book.toml must be a plain address without spaces, `?` or `#`"
    );
    Ok(if site_url.ends_with('/') {
        site_url.to_string()
    } else {
        format!("{site_url}/")
    })
}

/// The guide page URL with the given inputs' normalised values, in declaration order.
fn url(base: &str, id: &str, given: &[(&str, &str)]) -> String {
    let query: Vec<String> = given
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                escape::url_value(k, false),
                escape::url_value(v, false)
            )
        })
        .collect();
    let mut out = format!("{base}guides/{}.html", escape::url_value(id, false));
    if !query.is_empty() {
        out.push('?');
        out.push_str(&query.join("&"));
    }
    out
}
