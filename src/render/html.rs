//! Step text to HTML: pulldown-cmark events with sentinels swapped per context.
//!
//! The Markdown is parsed while placeholders are still sentinels (see
//! [`super::fill`]), then each event is rewritten: in text a value becomes a
//! `Text` event (escaped once by pulldown-cmark), in link targets it is
//! percent-encoded, in code blocks it is escaped into syntect's output. Raw
//! HTML written by an author is shown as text: authors write Markdown.

use std::collections::BTreeMap;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, html::push_html};

use super::escape;
use super::fill::{Fill, Prepared, Slot, has_sentinel, prepare, token_text};
use super::highlight::Highlighter;

/// Markdown extensions guide text may use (no footnotes: their ids would
/// collide across steps).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
}

/// In-page anchors: an author's `#id` link naming a step or section id is
/// pointed at that part's HTML id (`#step-id`), so links, the table of
/// contents and headings share one slug function (C17).
pub type Anchors = BTreeMap<String, String>;

/// A block of step text (body, intro) as HTML.
pub fn block(text: &str, fill: &Fill<'_>) -> String {
    block_linked(text, fill, &Anchors::new())
}

/// [`block`], resolving `#id` links through `anchors`.
pub fn block_linked(text: &str, fill: &Fill<'_>, anchors: &Anchors) -> String {
    let prepared = prepare(text, fill);
    let events = rewrite(&prepared, merged_events(&prepared.source), anchors);
    let mut html = String::new();
    push_html(&mut html, events.into_iter());
    html
}

/// A one-line text (title, summary) as inline HTML, without a `<p>` wrapper.
pub fn inline(text: &str, fill: &Fill<'_>) -> String {
    let prepared = prepare(&guard_inline(text), fill);
    let html = render_prepared(&prepared);
    let html = html.trim_end();
    html.strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("</p>"))
        .unwrap_or(html)
        .to_string()
}

/// A one-line text as plain text (for `<title>` and attributes): Markdown
/// markup dropped, values raw. The caller escapes it for its context.
pub fn plain(text: &str, fill: &Fill<'_>) -> String {
    let prepared = prepare(&guard_inline(text), fill);
    let mut out = String::new();
    for event in Parser::new_ext(&prepared.source, options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                out.push_str(&prepared.plain(&t));
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Keep a one-line text inline: a title such as `1. Create the app` or
/// `# Setup` must not turn into a list or heading.
pub fn guard_inline(text: &str) -> String {
    let t = text.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let mut out = String::with_capacity(t.len() + 1);
    if digits > 0 && matches!(t.as_bytes().get(digits), Some(b'.' | b')')) {
        out.push_str(&t[..digits]);
        out.push('\\');
        out.push_str(&t[digits..]);
        return out;
    }
    let first = t.chars().next();
    let second = t.chars().nth(1);
    let block_start = match first {
        Some('#' | '>' | '=' | '|') => true,
        Some('-' | '+' | '*') => matches!(second, None | Some(' ') | Some('-' | '*')),
        _ => false,
    };
    if block_start {
        out.push('\\');
    }
    out.push_str(t);
    out
}

fn render_prepared(p: &Prepared) -> String {
    let events = rewrite(p, merged_events(&p.source), &Anchors::new());
    let mut html = String::new();
    push_html(&mut html, events.into_iter());
    html
}

/// Parse, turning raw HTML into text and merging adjacent text events so a
/// sentinel is never split between two events.
///
/// Runs of text are collected in one buffer: joining pairs would copy the run
/// again for every piece, which is quadratic on pathological input such as
/// `[a](<b` repeated 50,000 times (pulldown-cmark#251).
fn merged_events(source: &str) -> Vec<Event<'_>> {
    let mut out: Vec<Event<'_>> = Vec::new();
    let mut text: Option<String> = None;
    for event in Parser::new_ext(source, options()) {
        let event = match event {
            Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
            Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
            Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
            other => other,
        };
        match event {
            Event::Text(t) => text.get_or_insert_with(String::new).push_str(&t),
            other => {
                if let Some(t) = text.take() {
                    out.push(Event::Text(CowStr::from(t)));
                }
                out.push(other);
            }
        }
    }
    if let Some(t) = text {
        out.push(Event::Text(CowStr::from(t)));
    }
    out
}

fn rewrite<'a>(p: &Prepared, events: Vec<Event<'a>>, anchors: &Anchors) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut code: Option<(String, String)> = None;
    let mut image_depth = 0usize;
    for event in events {
        if let Some((info, buf)) = code.as_mut() {
            match event {
                Event::Text(t) => buf.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    out.push(Event::Html(code_block(p, info, buf).into()));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((info, String::new()));
            }
            Event::Text(t) if has_sentinel(&t) => {
                if image_depth > 0 {
                    out.push(Event::Text(p.plain(&t).into()));
                } else {
                    text_events(p, &t, &mut out);
                }
            }
            Event::Code(c) if has_sentinel(&c) => {
                out.push(Event::InlineHtml(inline_code(p, &c).into()));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => out.push(match token_link(p, &dest_url, &title) {
                Some(html) => Event::InlineHtml(html.into()),
                None => Event::Start(Tag::Link {
                    link_type,
                    dest_url: resolve_anchor(href(p, &dest_url), anchors).into(),
                    title: p.plain(&title).into(),
                    id,
                }),
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                image_depth += 1;
                out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: href(p, &dest_url).into(),
                    title: p.plain(&title).into(),
                    id,
                }));
            }
            Event::End(TagEnd::Image) => {
                image_depth = image_depth.saturating_sub(1);
                out.push(Event::End(TagEnd::Image));
            }
            other => out.push(other),
        }
    }
    out
}

/// Inline code holding sentinels: literal text and values escaped, tokens marked.
fn inline_code(p: &Prepared, code: &str) -> String {
    let mut out = String::from("<code>");
    let mut literal = String::new();
    for c in code.chars() {
        match super::fill::slot_index(c).and_then(|i| p.slots.get(i)) {
            Some(slot) => {
                out.push_str(&escape::html(&std::mem::take(&mut literal)));
                out.push_str(&slot_in_code(slot));
            }
            None => literal.push(c),
        }
    }
    out.push_str(&escape::html(&literal));
    out.push_str("</code>");
    out
}

/// A slot as HTML inside code (inline or block): values and labels as
/// escaped text, tokens marked so the site can show (and fill) them.
fn slot_in_code(slot: &Slot) -> String {
    match slot {
        Slot::Token { key } => token_span(key),
        other => escape::html(&other.plain()),
    }
}

/// `<span class="gs-ph" data-ph="key">‹key›</span>`.
pub fn token_span(key: &str) -> String {
    let k = escape::html(key);
    format!(
        "<span class=\"gs-ph\" data-ph=\"{k}\">{}</span>",
        escape::html(&token_text(key))
    )
}

/// `<span class="gs-ui">A</span> › <span class="gs-ui">B</span>`.
pub fn label_spans(segments: &[String]) -> String {
    segments
        .iter()
        .map(|s| format!("<span class=\"gs-ui\">{}</span>", escape::html(s)))
        .collect::<Vec<_>>()
        .join(" \u{203A} ")
}

/// Split a text event at sentinels: literal text and values stay `Text`
/// (pulldown-cmark escapes them once), tokens and labels become inline HTML.
fn text_events<'a>(p: &Prepared, t: &str, out: &mut Vec<Event<'a>>) {
    let mut literal = String::new();
    let flush = |literal: &mut String, out: &mut Vec<Event<'a>>| {
        if !literal.is_empty() {
            out.push(Event::Text(std::mem::take(literal).into()));
        }
    };
    for c in t.chars() {
        let Some(slot) = super::fill::slot_index(c).and_then(|i| p.slots.get(i)) else {
            literal.push(c);
            continue;
        };
        match slot {
            Slot::Value { text, .. } => literal.push_str(text),
            Slot::Token { key } => {
                flush(&mut literal, out);
                out.push(Event::InlineHtml(token_span(key).into()));
            }
            Slot::Label(segs) => {
                flush(&mut literal, out);
                out.push(Event::InlineHtml(label_spans(segs).into()));
            }
        }
    }
    flush(&mut literal, out);
}

/// A link or image target with values percent-encoded, checked for a safe
/// scheme. pulldown-cmark escapes the result for the attribute.
fn href(p: &Prepared, dest: &str) -> String {
    let url = p.expand(dest, |out, slot| match slot {
        Slot::Value { text, url_trusted } => out.push_str(&escape::url_value(text, *url_trusted)),
        other => out.push_str(&escape::url_value(&other.plain(), false)),
    });
    escape::safe_href(&url).to_string()
}

/// `#id` pointed at the HTML id of the step or section `id`, if one exists.
fn resolve_anchor(href: String, anchors: &Anchors) -> String {
    match href.strip_prefix('#').and_then(|id| anchors.get(id)) {
        Some(anchor) => format!("#{anchor}"),
        None => href,
    }
}

/// The opening `<a>` of a link whose target holds unfilled placeholders
/// (the public site): `href` shows the tokens percent-encoded, and
/// `data-gs-href` keeps the target with each token as `‹key›`, so the page's
/// script can put the reader's value in (URL-encoded, never as markup).
fn token_link(p: &Prepared, dest: &str, title: &str) -> Option<String> {
    let has_token = dest.chars().any(|c| {
        super::fill::slot_index(c)
            .and_then(|i| p.slots.get(i))
            .is_some_and(|s| matches!(s, Slot::Token { .. }))
    });
    if !has_token {
        return None;
    }
    let template = p.expand(dest, |out, slot| match slot {
        Slot::Token { key } => out.push_str(&token_text(key)),
        Slot::Value { text, url_trusted } => out.push_str(&escape::url_value(text, *url_trusted)),
        other => out.push_str(&escape::url_value(&other.plain(), false)),
    });
    let mut href_attr = String::new();
    pulldown_cmark_escape::escape_href(&mut href_attr, &href(p, dest)).ok()?;
    let title = p.plain(title);
    let title_attr = if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", escape::html(&title))
    };
    Some(format!(
        "<a href=\"{href_attr}\" data-gs-href=\"{}\"{title_attr}>",
        escape::html(&template)
    ))
}

/// A highlighted code block; sentinels are replaced after highlighting, so
/// the value is escaped exactly once and cannot change the markup.
fn code_block(p: &Prepared, info: &str, code: &str) -> String {
    let highlighted = Highlighter::get().highlight(code, info);
    let body = p.expand(&highlighted, |out, slot| out.push_str(&slot_in_code(slot)));
    let lang = info.split_whitespace().next().unwrap_or("");
    let lang_attr = if lang.is_empty() {
        String::new()
    } else {
        format!(" data-lang=\"{}\"", escape::html(lang))
    };
    format!("<pre class=\"gs-code\"{lang_attr}><code>{body}</code></pre>\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::Values;

    const HOSTILE: &str = "Smith & Jones \"Prod\" <img src=x onerror=alert(1)> [x](javascript:alert(2)) *bold* `code` {{ other }}";

    fn hostile() -> Values {
        let mut v = Values::default();
        v.insert("company", HOSTILE);
        v.insert("other", "OTHER");
        v.insert("environment.host", "acme-corp.my.salesforce.com");
        v
    }

    #[test]
    fn regression_pathological_markdown_renders_whole() {
        // `[a](<b` x 50,000 once took quadratic time in merged_events.
        let text = "[a](<b".repeat(50_000);
        let html = block(&text, &Fill::Values(&Values::default()));
        assert_eq!(html.matches("[a](&lt;b").count(), 50_000);
    }

    fn no_injection(html: &str) {
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(!html.contains("<em>bold"), "{html}");
        assert!(!html.contains("&amp;amp;"), "{html}");
        assert!(!html.contains("OTHER"), "{html}");
    }

    #[test]
    fn hostile_value_in_prose_is_inert_text() {
        let v = hostile();
        let html = block(
            "Company: **{{ company }}** and [{{ company }}](https://x.y)",
            &Fill::Values(&v),
        );
        no_injection(&html);
        assert!(html.contains("Smith &amp; Jones"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(2)) *bold* `code` {{ other }}"), "{html}");
        assert!(html.contains("<strong>Smith &amp; Jones"), "{html}");
    }

    #[test]
    fn hostile_value_in_code_is_inert_text() {
        let v = hostile();
        let html = block(
            "Run `echo {{ company }}`\n\n```bash\necho {{ company }}\n```\n\n```\n{{ company }}\n```\n",
            &Fill::Values(&v),
        );
        no_injection(&html);
        assert_eq!(
            html.matches("Smith &amp; Jones &quot;Prod&quot; &lt;img")
                .count(),
            3,
            "{html}"
        );
    }

    #[test]
    fn hostile_value_in_link_target_is_encoded() {
        let mut v = Values::default();
        v.insert("evil", "javascript:alert(2)");
        let html = block(
            "[go]({{ evil }}) [host](https://{{ evil }}/x)",
            &Fill::Values(&v),
        );
        assert!(
            html.contains("href=\"javascript%3Aalert%282%29\""),
            "{html}"
        );
        assert!(
            html.contains("href=\"https://javascript%3Aalert%282%29/x\""),
            "{html}"
        );
        let mut v = Values::default();
        v.insert("x.url", "javascript:alert(2)");
        let html = block("[go]({{ x.url }})", &Fill::Values(&v));
        assert!(!html.contains("href=\"javascript:"), "{html}");
    }

    #[test]
    fn link_title_attribute_is_escaped_once() {
        let v = hostile();
        let html = block("[go](https://x.y \"{{ company }}\")", &Fill::Values(&v));
        assert!(
            html.contains("title=\"Smith &amp; Jones &quot;Prod&quot; &lt;img"),
            "{html}"
        );
    }

    #[test]
    fn author_raw_html_is_shown_as_text() {
        let html = block(
            "<script>alert(1)</script>\n\nHi <b>x</b>",
            &Fill::Tokens(&Values::default()),
        );
        assert!(
            !html.contains("<script>") && !html.contains("<b>"),
            "{html}"
        );
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn tokens_and_labels_render_as_spans() {
        let html = block(
            "Open [[Setup > Apps]] on {{ environment.host }}.\n\n```\n{{ environment.host }}\n```",
            &Fill::Tokens(&Values::default()),
        );
        assert!(
            html.contains(
                "<span class=\"gs-ui\">Setup</span> \u{203A} <span class=\"gs-ui\">Apps</span>"
            ),
            "{html}"
        );
        assert_eq!(html.matches("<span class=\"gs-ph\" data-ph=\"environment.host\">\u{2039}environment.host\u{203A}</span>").count(), 2, "{html}");
    }

    #[test]
    fn placeholder_substituted_in_every_fence_language() {
        let v = hostile();
        for lang in ["bash", "yaml", "apex", "nosuchlang", ""] {
            let src = format!(
                "```{lang}\nhttps://{{{{ environment.host }}}}/services/oauth2/callback\n```\n"
            );
            let html = block(&src, &Fill::Values(&v));
            let text = strip_tags(&html);
            assert!(
                text.contains("https://acme-corp.my.salesforce.com/services/oauth2/callback"),
                "{lang}: {html}"
            );
        }
    }

    #[test]
    fn inline_titles_stay_inline() {
        let v = hostile();
        assert_eq!(
            inline("1. Log in to **{{ environment.host }}**", &Fill::Values(&v)),
            "1. Log in to <strong>acme-corp.my.salesforce.com</strong>"
        );
        assert_eq!(
            plain("Log in to **{{ company }}**", &Fill::Values(&v)),
            format!("Log in to {HOSTILE}")
        );
    }

    use super::tests_support::strip_tags;
}

#[cfg(test)]
pub(crate) mod tests_support {
    /// Visible text of an HTML fragment (tags removed, entities kept).
    pub(crate) fn strip_tags(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out
    }
}
