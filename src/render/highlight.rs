//! Syntax highlighting of fenced code blocks with syntect, as CSS classes.
//!
//! Classed output (`hl-` prefixed) keeps colours out of the pages: a theme
//! ships a light and a dark stylesheet and the browser picks one. Loading the
//! syntax set costs a few milliseconds and compiling each grammar's regexes
//! far more on first use, so one [`Highlighter`] is created per process and
//! shared.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The class style shared by the generated HTML and CSS.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// syntect theme names for the shipped stylesheets.
const LIGHT_THEME: &str = "InspiredGitHub";
const DARK_THEME: &str = "base16-ocean.dark";

/// The loaded syntaxes; see [`Highlighter::get`].
pub struct Highlighter {
    syntaxes: SyntaxSet,
    /// Highlighted blocks by (code, info string). Placeholders are sentinels
    /// when code is highlighted, so a batch of 10,000 customers highlights
    /// each block of the guide once. Bounded by [`CACHE_LIMIT`].
    cache: Mutex<HashMap<(String, String), String>>,
}

/// Blocks kept in the cache; later ones are highlighted every time.
const CACHE_LIMIT: usize = 4096;

impl Highlighter {
    /// The process-wide highlighter, loaded on first use.
    pub fn get() -> &'static Highlighter {
        static CELL: OnceLock<Highlighter> = OnceLock::new();
        CELL.get_or_init(|| Highlighter {
            syntaxes: SyntaxSet::load_defaults_newlines(),
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// The grammar for a fence's info string; unknown languages are plain text.
    fn syntax(&self, info: &str) -> &SyntaxReference {
        let lang = info
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let lang = match lang.as_str() {
            "apex" | "soql" | "sosl" => "java",
            "shell" | "console" | "zsh" => "bash",
            other => other,
        };
        if lang.is_empty() || matches!(lang, "text" | "plain" | "txt") {
            return self.syntaxes.find_syntax_plain_text();
        }
        self.syntaxes
            .find_syntax_by_token(lang)
            .unwrap_or_else(|| self.syntaxes.find_syntax_plain_text())
    }

    /// Classed, HTML-escaped markup for `code` (without the `<pre>` wrapper).
    ///
    /// Characters syntect does not escape, such as the renderer's private-use
    /// sentinels, pass through unchanged and unsplit.
    pub fn highlight(&self, code: &str, info: &str) -> String {
        let key = (code.to_string(), info.to_string());
        if let Some(hit) = self.cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return hit;
        }
        let html = self.highlight_uncached(code, info);
        if let Ok(mut cache) = self.cache.lock()
            && cache.len() < CACHE_LIMIT
        {
            cache.insert(key, html.clone());
        }
        html
    }

    fn highlight_uncached(&self, code: &str, info: &str) -> String {
        let syntax = self.syntax(info);
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return super::escape::html(code);
            }
        }
        generator.finalize()
    }
}

fn themes() -> &'static ThemeSet {
    static CELL: OnceLock<ThemeSet> = OnceLock::new();
    CELL.get_or_init(ThemeSet::load_defaults)
}

fn css_for(name: &str) -> String {
    themes()
        .themes
        .get(name)
        .and_then(|t| css_for_theme_with_class_style(t, CLASS_STYLE).ok())
        .unwrap_or_default()
}

/// Stylesheet for highlighted code on light backgrounds.
pub fn light_css() -> &'static str {
    static CELL: OnceLock<String> = OnceLock::new();
    CELL.get_or_init(|| css_for(LIGHT_THEME))
}

/// Stylesheet for highlighted code on dark backgrounds.
pub fn dark_css() -> &'static str {
    static CELL: OnceLock<String> = OnceLock::new();
    CELL.get_or_init(|| css_for(DARK_THEME))
}

/// One stylesheet for the site that follows the reader's theme choice: the
/// light colours by default, the dark ones when `<html data-theme="dark">`,
/// or when the system prefers dark and the reader did not choose light.
pub fn site_css() -> String {
    let dark = dark_css();
    format!(
        "{}\n/* dark, chosen */\n{}\n/* dark, from the system */\n@media screen and (prefers-color-scheme: dark) {{\n{}\n}}\n",
        light_css(),
        scoped(dark, "html[data-theme=\"dark\"]"),
        scoped(dark, "html:not([data-theme=\"light\"])")
    )
}

/// Prefix every selector of syntect's flat stylesheet (no nesting, one rule
/// head per line ending in `{`) with `scope`.
fn scoped(css: &str, scope: &str) -> String {
    let mut out = String::with_capacity(css.len() * 2);
    for line in css.lines() {
        match line.trim_end().strip_suffix('{') {
            Some(head) if !head.trim().is_empty() => {
                let selectors: Vec<String> = head
                    .split(',')
                    .map(|s| format!("{scope} {}", s.trim()))
                    .collect();
                out.push_str(&selectors.join(", "));
                out.push_str(" {");
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_with_prefixed_classes_and_escapes() {
        let html = Highlighter::get().highlight("class A { String s = \"<&>\"; }\n", "apex");
        assert!(html.contains("hl-"), "{html}");
        assert!(html.contains("&lt;&amp;&gt;"), "{html}");
    }

    #[test]
    fn unknown_language_is_plain_text() {
        let html = Highlighter::get().highlight("a <b>\n", "nosuchlang");
        assert!(html.contains("a &lt;b&gt;"), "{html}");
    }

    #[test]
    fn sentinels_survive_highlighting() {
        let code = "String s = \"https://\u{F0000}/x\"; int n = \u{F0001};\n";
        let html = Highlighter::get().highlight(code, "java");
        assert!(html.contains('\u{F0000}') && html.contains('\u{F0001}'));
    }

    #[test]
    fn site_css_scopes_every_dark_rule() {
        let css = site_css();
        assert!(css.contains("html[data-theme=\"dark\"] .hl-"), "{css}");
        let dark = css.split("/* dark, chosen */").nth(1).unwrap();
        for line in dark
            .lines()
            .filter(|l| l.ends_with('{') && !l.starts_with('@'))
        {
            assert!(line.split(", ").all(|s| s.starts_with("html")), "{line}");
        }
    }

    #[test]
    fn both_stylesheets_are_generated() {
        assert!(light_css().contains(".hl-"));
        assert!(dark_css().contains(".hl-"));
    }
}
