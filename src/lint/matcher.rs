//! Label comparison: Unicode NFC, typographic quotes and spaces folded, on
//! both the catalog side and the text side.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::model::{CaseRule, Catalog, Label};

/// Fold text for comparison: NFC, straight quotes, plain single spaces, hyphen-like dashes kept apart.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        // NFC and the mapping below change nothing in ASCII text.
        return s.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let nfc: String = s.nfc().collect();
    let mapped: String = nfc
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => '"',
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' => ' ',
            '\u{2010}' | '\u{2011}' => '-',
            c => c,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Catalog labels indexed by folded text (exact) and by lower-cased folded text.
///
/// Built once per catalog (folding is the costly part of linting) and shared
/// by every guide, so a lookup is a hash probe, not a walk over the catalog.
pub struct Index<'c> {
    pub catalog: &'c Catalog,
    exact: HashMap<String, Vec<&'c Label>>,
    lower: HashMap<String, Vec<&'c Label>>,
    variants: HashMap<String, Vec<&'c Label>>,
    paths: PathNodes<'c>,
}

/// Every distinct path node of the catalog, in catalog order, folded.
#[derive(Default)]
struct PathNodes<'c> {
    /// (spelling, folded, is a Setup-tree heading)
    nodes: Vec<(&'c str, String, bool)>,
    /// Folded text to the first node with it.
    by_fold: HashMap<String, usize>,
    /// Lower-cased folded text to every node with it, in order.
    by_lower: HashMap<String, Vec<usize>>,
}

impl<'c> PathNodes<'c> {
    fn new(catalog: &'c Catalog) -> PathNodes<'c> {
        let mut p = PathNodes::default();
        let mut seen = std::collections::HashSet::new();
        for node in catalog.labels.iter().flat_map(|l| l.path.iter()) {
            if !seen.insert(node.as_str()) {
                continue;
            }
            let f = fold(node);
            let i = p.nodes.len();
            p.by_fold.entry(f.clone()).or_insert(i);
            p.by_lower.entry(f.to_lowercase()).or_default().push(i);
            p.nodes.push((node.as_str(), f.clone(), is_heading(&f)));
        }
        p
    }

    /// The first node equal to `f` (folded), or equal ignoring case when it is a heading.
    fn find(&self, f: &str) -> Option<&'c str> {
        let exact = self.by_fold.get(f).copied();
        let heading = self
            .by_lower
            .get(&f.to_lowercase())
            .and_then(|v| v.iter().copied().find(|&i| self.nodes[i].2));
        let i = match (exact, heading) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        Some(self.nodes[i].0)
    }

    fn find_any_case(&self, f: &str) -> Option<&'c str> {
        let i = *self.by_lower.get(&f.to_lowercase())?.first()?;
        Some(self.nodes[i].0)
    }
}

impl<'c> Index<'c> {
    pub fn new(catalog: &'c Catalog) -> Index<'c> {
        let mut index = Index {
            catalog,
            exact: HashMap::new(),
            lower: HashMap::new(),
            variants: HashMap::new(),
            paths: PathNodes::new(catalog),
        };
        for label in &catalog.labels {
            let f = fold(&label.text.value);
            index.lower.entry(f.to_lowercase()).or_default().push(label);
            index.exact.entry(f).or_default().push(label);
            for v in &label.variants {
                index
                    .variants
                    .entry(fold(v).to_lowercase())
                    .or_default()
                    .push(label);
            }
        }
        index
    }

    /// Labels whose text matches `text` under each label's case rule.
    pub fn lookup(&self, text: &str) -> Vec<&'c Label> {
        let f = fold(text);
        let mut hits: Vec<&Label> = self.exact.get(&f).cloned().unwrap_or_default();
        for l in self.lower.get(&f.to_lowercase()).into_iter().flatten() {
            if l.case == CaseRule::Insensitive && !hits.iter().any(|h| std::ptr::eq(*h, *l)) {
                hits.push(l);
            }
        }
        hits
    }

    /// Labels equal to `text` except for case (a wrong-case reference).
    pub fn lookup_case_insensitive(&self, text: &str) -> Vec<&'c Label> {
        self.lower
            .get(&fold(text).to_lowercase())
            .cloned()
            .unwrap_or_default()
    }

    /// Labels that list `text` as a wrong variant.
    pub fn lookup_variant(&self, text: &str) -> Vec<&'c Label> {
        self.variants
            .get(&fold(text).to_lowercase())
            .cloned()
            .unwrap_or_default()
    }

    /// Whether `text` names a node of some label's path (Setup-tree headings and the like).
    pub fn is_path_element(&self, text: &str) -> bool {
        self.paths.find_any_case(&fold(text)).is_some()
    }

    /// The spelling of the path node equal to `text` under the path case rule:
    /// exact, except that all-upper-case Setup-tree headings match in any case.
    pub fn path_element(&self, text: &str) -> Option<&'c str> {
        self.paths.find(&fold(text))
    }

    /// A path node equal to `text` ignoring case (for wrong-case findings).
    pub fn path_element_any_case(&self, text: &str) -> Option<&'c str> {
        self.paths.find_any_case(&fold(text))
    }

    /// The closest label text, for "did you mean".
    pub fn suggest(&self, text: &str) -> Option<&'c str> {
        let texts = self.catalog.labels.iter().map(|l| l.text.value.as_str());
        crate::suggest::closest(&fold(text), texts)
    }
}

/// A Setup-tree group heading: shown upper-case by CSS, so any case is fine.
fn is_heading(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_quotes_spaces_and_normal_forms() {
        assert_eq!(fold("Owner\u{2019}s\u{00A0}Queue"), "Owner's Queue");
        assert_eq!(fold("Parame\u{0300}tres"), "Paramètres");
        assert_eq!(fold("Enable\n   OAuth"), "Enable OAuth");
    }
}
