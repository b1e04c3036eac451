//! A link checker for a built site, in memory: every internal `href` and
//! `src` must name a file of the site, and every `#fragment` an `id` in that
//! file. Used by the test suite on every built page (C17, C18).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

/// Values of `attr="..."` in `html` (the site's pages quote every attribute).
fn attr_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
}

fn is_external(link: &str) -> bool {
    let before = link.split(['/', '?', '#']).next().unwrap_or("");
    before.contains(':') || link.starts_with("//")
}

/// `base` joined with `rel`, with `.` and `..` resolved; `None` above the root.
fn join(base: &Path, rel: &str) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in base.join(rel).components() {
        match c {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

/// Every broken internal link of the site, as `page: link (why)`.
/// `site_path` is the path part of `site-url` (`/` or `/docs/`): a link
/// starting with it is resolved from the site root.
pub fn check(files: &[(PathBuf, Vec<u8>)], site_path: &str) -> Vec<String> {
    let pages: BTreeMap<&Path, String> = files
        .iter()
        .map(|(p, b)| (p.as_path(), String::from_utf8_lossy(b).into_owned()))
        .collect();
    let ids: BTreeMap<&Path, BTreeSet<String>> = pages
        .iter()
        .map(|(p, t)| (*p, attr_values(t, "id").into_iter().map(unescape).collect()))
        .collect();
    let mut problems = Vec::new();
    for (page, text) in &pages {
        if page.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let dir = page.parent().unwrap_or(Path::new(""));
        let links = attr_values(text, "href")
            .into_iter()
            .chain(attr_values(text, "src"));
        for link in links.map(unescape) {
            if let Some(why) = broken(&link, dir, page, site_path, &ids) {
                problems.push(format!("{}: {link} ({why})", page.display()));
            }
        }
    }
    problems
}

fn broken(
    link: &str,
    dir: &Path,
    page: &Path,
    site_path: &str,
    ids: &BTreeMap<&Path, BTreeSet<String>>,
) -> Option<String> {
    if is_external(link) {
        return None;
    }
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (link, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let target = if path.is_empty() {
        Some(page.to_path_buf())
    } else if path.starts_with('/') {
        let site = format!("{}/", site_path.trim_end_matches('/'));
        match path.strip_prefix(&site) {
            Some(rel) => join(Path::new(""), rel),
            None => return Some(format!("absolute, outside the site path {site_path}")),
        }
    } else {
        join(dir, path)
    };
    let Some(target) = target else {
        return Some("above the site root".into());
    };
    let Some(target_ids) = ids.get(target.as_path()) else {
        return Some(format!("no file {}", target.display()));
    };
    match fragment {
        Some(f) if !f.is_empty() && !target_ids.contains(f) => {
            Some(format!("no id `{f}` in {}", target.display()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(pages: &[(&str, &str)]) -> Vec<(PathBuf, Vec<u8>)> {
        pages
            .iter()
            .map(|(p, t)| (PathBuf::from(p), t.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn finds_missing_files_anchors_and_escapes() {
        let files = site(&[
            (
                "index.html",
                r##"<a href="guides/a.html#step-x"></a><a href="guides/a.html#nope"></a><a href="https://x.y/"></a>"##,
            ),
            (
                "guides/a.html",
                r##"<h3 id="step-x"></h3><a href="../index.html"></a><a href="../../up.html"></a><a href="/assets/x.css"></a><a href="#step-x"></a>"##,
            ),
            ("404.html", r#"<a href="/docs/index.html"></a>"#),
        ]);
        let problems = check(&files, "/docs/");
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].contains("above the site root"), "{problems:#?}");
        assert!(problems[1].contains("/assets/x.css"), "{problems:#?}");
        assert!(problems[2].contains("no id `nope`"), "{problems:#?}");
    }
}
