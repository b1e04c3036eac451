//! The Markdown export: a GitHub-flavoured document that also reads well as
//! plain text.
//!
//! The author's Markdown is kept as written; only sentinels are rewritten,
//! each for the construct it sits in, found by parsing the sentinel source
//! with byte offsets: prose gets backslash escapes, code spans are re-fenced
//! with a fence longer than any backtick run, fenced code gets the raw value,
//! link targets get a percent-encoded value. Steps are `### Step N: Title`
//! headings, so block content in a body can never restart the numbering.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::escape;
use super::fill::{Fill, Prepared, Slot, prepare, slot_index};
use super::html::{guard_inline, options};
use super::view::plan;
use crate::model::{Guide, Record};

/// Where a sentinel sits in the Markdown source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Prose,
    CodeBlock,
    /// A link title (`[a](url "title")`): text with its delimiters escaped.
    Title,
    /// Raw HTML the author wrote, which Markdown renderers pass through: the
    /// value is HTML-escaped (quotes included), so it cannot leave an attribute.
    Html,
    /// Link target, or anything not in a text event.
    Url,
}

/// A block of step text as Markdown with values filled in.
pub fn block(text: &str, fill: &Fill<'_>) -> String {
    let p = prepare(text, fill);
    rewrite(&p)
}

/// A one-line text (title) as Markdown.
pub fn inline(text: &str, fill: &Fill<'_>) -> String {
    let p = prepare(&guard_inline(text), fill);
    rewrite(&p).trim().to_string()
}

fn rewrite(p: &Prepared) -> String {
    let src = &p.source;
    let mut contexts: HashMap<usize, Ctx> = HashMap::new();
    // Code spans holding sentinels, by start offset (a map: a scan per byte would be quadratic).
    let mut code_spans: HashMap<usize, (usize, String)> = HashMap::new();
    let mut in_code_block = false;
    for (event, range) in Parser::new_ext(src, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { title, .. }) if !title.is_empty() => {
                for (pos, _) in sentinels(src, title_range(src, range)) {
                    contexts.insert(pos, Ctx::Title);
                }
            }
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            // An autolink's text is its URL: the value is percent-encoded.
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => {
                for (pos, _) in sentinels(src, range) {
                    contexts.insert(pos, Ctx::Url);
                }
            }
            Event::Text(_) | Event::Html(_) | Event::InlineHtml(_) => {
                let ctx = match (&event, in_code_block) {
                    (_, true) => Ctx::CodeBlock,
                    (Event::Html(_) | Event::InlineHtml(_), _) => Ctx::Html,
                    _ => Ctx::Prose,
                };
                for (pos, _) in sentinels(src, range) {
                    contexts.entry(pos).or_insert(ctx);
                }
            }
            Event::Code(code) if sentinels(src, range.clone()).next().is_some() => {
                let content = p.plain(&code);
                code_spans.insert(
                    range.start,
                    (range.end, escape::markdown_code_span(&content)),
                );
            }
            _ => {}
        }
    }
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < src.len() {
        if let Some((end, span)) = code_spans.get(&i) {
            out.push_str(span);
            i = *end;
            continue;
        }
        let c = src[i..].chars().next().expect("in bounds");
        match slot_index(c).and_then(|k| p.slots.get(k)) {
            Some(slot) => {
                let ctx = contexts.get(&i).copied().unwrap_or(Ctx::Url);
                out.push_str(&slot_markdown(slot, ctx));
            }
            None => out.push(c),
        }
        i += c.len_utf8();
    }
    out
}

/// The source of an inline link's title: between its delimiters before the final `)`.
/// If it cannot be found, the range is empty and the title's slots stay URL-encoded (safe).
fn title_range(src: &str, link: Range<usize>) -> Range<usize> {
    let tail = src[link.clone()].strip_suffix(')').unwrap_or("").trim_end();
    let (close, open) = match tail.chars().last() {
        Some('"') => ('"', '"'),
        Some('\'') => ('\'', '\''),
        Some(')') => (')', '('),
        _ => return link.start..link.start,
    };
    let inner = &tail[..tail.len() - close.len_utf8()];
    match inner.rfind(open) {
        Some(k) => link.start + k + 1..link.start + inner.len(),
        None => link.start..link.start,
    }
}

fn sentinels(src: &str, range: Range<usize>) -> impl Iterator<Item = (usize, char)> + '_ {
    let start = range.start;
    src[range]
        .char_indices()
        .filter(|(_, c)| slot_index(*c).is_some())
        .map(move |(k, c)| (start + k, c))
}

fn slot_markdown(slot: &Slot, ctx: Ctx) -> String {
    match (ctx, slot) {
        (Ctx::CodeBlock, s) => s.plain(),
        (Ctx::Title, s) => escape::markdown_link_title(&s.plain()),
        (Ctx::Html, s) => escape::html(&defuse_scheme(&s.plain())),
        (Ctx::Url, Slot::Value { text, url_trusted }) => escape::url_value(text, *url_trusted),
        (Ctx::Url, s) => escape::url_value(&s.plain(), false),
        (Ctx::Prose, Slot::Label(segs)) => segs
            .iter()
            .map(|s| format!("**{}**", escape::markdown_prose(s)))
            .collect::<Vec<_>>()
            .join(" > "),
        // A typed value's `:` is escaped too, so `<{{ v }}>` can never turn it into
        // an autolink; facets we build (`environment.url`) stay clickable.
        (
            Ctx::Prose,
            Slot::Value {
                text,
                url_trusted: false,
            },
        ) => escape::markdown_prose(text).replace(':', "\\:"),
        (Ctx::Prose, s) => escape::markdown_prose(&s.plain()),
    }
}

/// A value that starts with a URL scheme other than http(s) or mailto gets its
/// colon percent-encoded: in the author's raw HTML (`<a href="{{ v }}">`) it
/// can then only be a harmless relative link, never `javascript:`.
fn defuse_scheme(value: &str) -> String {
    let t = value.trim_start();
    let scheme: String = t
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
        .collect();
    let is_scheme =
        t[scheme.len()..].starts_with(':') && scheme.starts_with(|c: char| c.is_ascii_alphabetic());
    let safe = ["http", "https", "mailto"].contains(&scheme.to_ascii_lowercase().as_str());
    if is_scheme && !safe {
        value.replacen(':', "%3A", 1)
    } else {
        value.to_string()
    }
}

/// Blank to fill in by hand.
const BLANK: &str = "________";

fn record_line(record: &Record, fill: &Fill<'_>) -> String {
    let value = fill
        .record_value(&record.id.value, record.secret)
        .map_or_else(|| BLANK.to_string(), escape::markdown_prose);
    format!("- **{}**: {value}", escape::markdown_prose(&record.label))
}

/// The whole guide as a Markdown document.
pub fn document(guide: &Guide, fill: &Fill<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", inline(&guide.title.value, fill));
    let _ = writeln!(out, "{}\n", inline(&guide.summary.value, fill));
    let _ = writeln!(
        out,
        "Last verified: {} against release {}.\n",
        escape::markdown_prose(&guide.verified.date.value),
        escape::markdown_prose(&guide.verified.release.value)
    );
    if !guide.records.is_empty() {
        out.push_str("## What you will write down\n\n");
        for r in &guide.records {
            let _ = writeln!(out, "{}", record_line(r, fill));
        }
        out.push('\n');
    }
    for section in plan(guide, fill) {
        let _ = writeln!(out, "## {}\n", inline(&section.section.title.value, fill));
        if let Some(c) = &section.condition {
            let text = super::view::condition_text(guide, c);
            let _ = writeln!(out, "> Only if: {}\n", escape::markdown_prose(&text));
        }
        if let Some(intro) = &section.section.intro {
            let _ = writeln!(out, "{}\n", block(&intro.value, fill).trim_end());
        }
        for planned in &section.steps {
            let step = planned.step;
            let _ = writeln!(
                out,
                "### Step {}: {}\n",
                planned.number,
                inline(&step.title.value, fill)
            );
            if let Some(c) = &planned.condition {
                let text = super::view::condition_text(guide, c);
                let _ = writeln!(out, "> Only if: {}\n", escape::markdown_prose(&text));
            }
            let _ = writeln!(out, "{}\n", block(&step.text.value, fill).trim_end());
            let records: Vec<&Record> = step
                .records
                .iter()
                .filter_map(|id| guide.record(&id.value))
                .collect();
            if !records.is_empty() {
                out.push_str("Write down:\n\n");
                for r in records {
                    let _ = writeln!(out, "{}", record_line(r, fill));
                }
                out.push('\n');
            }
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::Values;

    const HOSTILE: &str = "Smith & Jones \"Prod\" <img src=x onerror=alert(1)> [x](javascript:alert(2)) *bold* `code` {{ other }}";

    fn values() -> Values {
        let mut v = Values::default();
        v.insert("company", HOSTILE);
        v.insert("other", "OTHER");
        v.insert("environment", "northwind-prod");
        v
    }

    /// Render Markdown to HTML and back to visible text.
    fn visible(md: &str) -> String {
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, Parser::new_ext(md, options()));
        assert!(
            !html.contains("<img") && !html.contains("<em>") && !html.contains("href=\"javascript"),
            "{html}"
        );
        html
    }

    #[test]
    fn hostile_value_in_prose_stays_literal() {
        let v = values();
        let md = block(
            "Company: {{ company }} and **{{ company }}**",
            &Fill::Values(&v),
        );
        let html = visible(&md);
        assert!(html.contains("Smith &amp; Jones \"Prod\" &lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(2)) *bold* `code` {{ other }}"), "{md}\n{html}");
        assert!(!md.contains("OTHER"));
    }

    #[test]
    fn hostile_value_in_code_span_gets_longer_fence() {
        let v = values();
        let md = block("Run `echo {{ company }}` now", &Fill::Values(&v));
        assert!(md.contains("``echo Smith & Jones"), "{md}");
        let html = visible(&md);
        assert!(html.contains("<code>echo Smith &amp; Jones \"Prod\" &lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(2)) *bold* `code` {{ other }}</code>"), "{html}");
    }

    #[test]
    fn code_block_value_is_raw() {
        let v = values();
        let md = block(
            "```bash\nsf login https://{{ environment }}.my.salesforce.com\necho {{ company }}\n```\n",
            &Fill::Values(&v),
        );
        assert!(
            md.contains("sf login https://northwind-prod.my.salesforce.com\n"),
            "{md}"
        );
        assert!(md.contains(&format!("echo {HOSTILE}\n")), "{md}");
    }

    #[test]
    fn regression_value_in_raw_html_cannot_leave_its_attribute() {
        let mut v = Values::default();
        v.insert("company", "x\" onerror=\"alert(1)");
        let md = block(
            "<img src=\"logo.png\" alt=\"{{ company }}\">",
            &Fill::Values(&v),
        );
        assert_eq!(
            md,
            "<img src=\"logo.png\" alt=\"x&quot; onerror=&quot;alert(1)\">"
        );
    }

    #[test]
    fn regression_a_value_cannot_become_a_javascript_link() {
        let mut v = Values::default();
        v.insert("u", "javascript:alert(1)");
        let md = block(
            "<a href=\"{{ u }}\">t</a> and <{{ u }}> and [l]({{ u }})",
            &Fill::Values(&v),
        );
        assert!(!md.contains("javascript:"), "{md}");
        let html = crate::render::html::block(&md, &Fill::Values(&v));
        assert!(!html.contains("href=\"javascript:"), "{html}");
    }

    #[test]
    fn regression_value_in_an_autolink_stays_a_link() {
        let mut v = Values::default();
        v.insert("company", "Smith & Jones \"Prod\" <b>");
        let md = block("<https://x.example/{{ company }}>", &Fill::Values(&v));
        assert_eq!(
            md,
            "<https://x.example/Smith%20%26%20Jones%20%22Prod%22%20%3Cb%3E>"
        );
    }

    #[test]
    fn regression_link_title_value_is_text_not_url_encoded() {
        let v = values();
        let md = block(
            "[docs](https://x.y/help \"{{ company }}\")",
            &Fill::Values(&v),
        );
        let titles: Vec<String> = Parser::new(&md)
            .filter_map(|e| match e {
                Event::Start(Tag::Link { title, .. }) => Some(title.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(titles, [HOSTILE], "{md}");
    }

    #[test]
    fn link_target_value_is_percent_encoded() {
        let mut v = Values::default();
        v.insert("evil", "javascript:alert(2)");
        let md = block(
            "[go]({{ evil }}) [{{ evil }}](https://x.y)",
            &Fill::Values(&v),
        );
        assert_eq!(
            md,
            "[go](javascript%3Aalert%282%29) [javascript\\:alert(2)](https://x.y)"
        );
    }

    #[test]
    fn labels_are_bold_paths() {
        let md = block(
            "Open [[Setup > App Manager]].\n\n`[[Setup]]`",
            &Fill::Tokens(&Values::default()),
        );
        assert_eq!(md, "Open **Setup** > **App Manager**.\n\n`Setup`");
    }

    #[test]
    fn title_with_bold_placeholder() {
        let v = values();
        assert_eq!(
            inline(
                "Log in to **{{ environment }}** from the CLI",
                &Fill::Values(&v)
            ),
            "Log in to **northwind-prod** from the CLI"
        );
    }
}
