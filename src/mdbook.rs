//! An mdBook source tree of the guides, for teams with an mdBook site:
//! `book.toml`, `src/SUMMARY.md` with one part per category, and one chapter
//! per guide (the public Markdown: placeholders as ‹tokens›, every
//! conditional part with its condition).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use crate::inputs::Values;
use crate::model::Guide;
use crate::render::{self, Fill, escape};

/// Every file of the tree, sorted by path.
pub fn tree(guides: &[Guide], title: &str, book_values: &Values) -> Vec<(PathBuf, Vec<u8>)> {
    let fill = Fill::Tokens(book_values);
    let mut files: BTreeMap<PathBuf, Vec<u8>> = BTreeMap::new();
    files.insert("book.toml".into(), book_toml(title).into_bytes());
    files.insert("src/SUMMARY.md".into(), summary(guides, &fill).into_bytes());
    for g in guides {
        let chapter = render::markdown(g, &fill);
        files.insert(
            format!("src/{}.md", g.id.value).into(),
            chapter.into_bytes(),
        );
    }
    files.into_iter().collect()
}

fn book_toml(title: &str) -> String {
    let quoted = toml::Value::String(title.to_string()).to_string();
    format!(
        "# Written by guidesmith; rebuilt by `guidesmith build --mdbook`.\n[book]\ntitle = {quoted}\nsrc = \"src\"\n"
    )
}

/// `# Summary`, then one part title per category path with its guides.
fn summary(guides: &[Guide], fill: &Fill<'_>) -> String {
    let mut by_category: BTreeMap<Vec<String>, Vec<&Guide>> = BTreeMap::new();
    for g in guides {
        by_category.entry(g.category.clone()).or_default().push(g);
    }
    let mut out = String::from("# Summary\n");
    for (category, mut list) in by_category {
        list.sort_by(|a, b| (&a.title.value, &a.id.value).cmp(&(&b.title.value, &b.id.value)));
        if !category.is_empty() {
            let _ = write!(
                out,
                "\n# {}\n",
                escape::markdown_prose(&category.join(" › "))
            );
        }
        out.push('\n');
        for g in list {
            let title = render::html::plain(&g.title.value, fill);
            let _ = writeln!(
                out,
                "- [{}]({}.md)",
                escape::markdown_prose(&title),
                g.id.value
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide(id: &str, category: &str) -> Guide {
        let yaml = format!(
            "id: {id}\ntitle: \"Connect [x] {{{{ book.product }}}}\"\nsummary: S\ncategory: [{category}]\nproduct: salesforce\nverified: {{release: \"Summer '26\", date: \"2026-11-30\"}}\nsections: []\n"
        );
        serde_saphyr::from_str(&yaml).unwrap()
    }

    #[test]
    fn summary_has_parts_and_escaped_titles() {
        let mut v = Values::default();
        v.insert("book.product", "Acme");
        let files = tree(
            &[guide("b", "ATS, Salesforce"), guide("a", "Other")],
            "T \"q\"",
            &v,
        );
        let names: Vec<String> = files.iter().map(|(p, _)| p.display().to_string()).collect();
        assert_eq!(
            names,
            ["book.toml", "src/SUMMARY.md", "src/a.md", "src/b.md"]
        );
        let summary = String::from_utf8(files[1].1.clone()).unwrap();
        assert!(
            summary.contains("# ATS › Salesforce\n\n- [Connect \\[x\\] Acme](b.md)"),
            "{summary}"
        );
        let toml = String::from_utf8(files[0].1.clone()).unwrap();
        assert!(toml.contains("title = 'T \"q\"'"), "{toml}");
    }
}
