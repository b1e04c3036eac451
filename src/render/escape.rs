//! Escaping of values per output context.
//!
//! A customer value is always inert text. Which characters are dangerous
//! depends on where the value lands: HTML text and attributes, a URL, Markdown
//! prose or a Markdown code span. Each context has exactly one function here,
//! and each is applied exactly once, so `&` never becomes `&amp;amp;`.

use std::fmt::Write as _;

/// Escape for HTML text and double-quoted attributes (`& < > "`).
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    pulldown_cmark_escape::escape_html(&mut out, s).expect("writing to a String cannot fail");
    out
}

/// Percent-encode a value for use inside a URL.
///
/// `trusted` is for validated URL/host facets that start with `http(s)://`
/// or hold no `:` at all: URL structure characters (`/ : ? # @ & = ...`) stay
/// as they are. Anything else encodes every byte that is not unreserved, so a
/// value can never introduce a scheme, a path or a query.
pub fn url_value(s: &str, trusted: bool) -> String {
    let lower = s.to_ascii_lowercase();
    let structured = trusted
        && (lower.starts_with("https://") || lower.starts_with("http://") || !s.contains(':'));
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || (structured && b"/:?#@!$&'*+,;=%".contains(&b));
        if keep {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// `url` unless its scheme is not one a guide link may use; then `#`.
///
/// Browsers ignore tabs, newlines and case in a scheme, so this does too.
pub fn safe_href(url: &str) -> &str {
    let Some(colon) = url.find(':') else {
        return url;
    };
    let before = &url[..colon];
    if before.contains(['/', '?', '#']) {
        return url;
    }
    let scheme: String = before
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let is_scheme = scheme
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme || matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel") {
        url
    } else {
        "#"
    }
}

/// Backslash-escape Markdown punctuation so a value stays literal prose.
///
/// Inline punctuation is always escaped; characters that only matter at the
/// start of a line (`#`, `-`, `+`, `=`, `1.`) are escaped when they lead.
pub fn markdown_prose(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    // `1.` or `1)` starts an ordered list only when a space or the end follows.
    let ordered_marker = digits > 0
        && matches!(s.as_bytes().get(digits), Some(b'.' | b')'))
        && s.as_bytes()
            .get(digits + 1)
            .is_none_or(|b| b.is_ascii_whitespace());
    for (i, c) in s.char_indices() {
        let leading = i == 0 && matches!(c, '#' | '-' | '+' | '=');
        let marker = ordered_marker && i == digits;
        // `&` only matters where it could start an entity (`&amp;`, `&#38;`).
        let entity = c == '&'
            && s[i + 1..]
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_alphanumeric() || n == '#');
        if leading
            || marker
            || entity
            || ("\\`*_[]<>|~$!".contains(c) && !intraword_underscore(s, i, c))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An `_` between two alphanumerics (`refresh_token`) can neither open nor
/// close emphasis in CommonMark, so it needs no escape.
fn intraword_underscore(s: &str, i: usize, c: char) -> bool {
    let alnum = |ch: Option<char>| ch.is_some_and(char::is_alphanumeric);
    c == '_' && alnum(s[..i].chars().next_back()) && alnum(s[i + 1..].chars().next())
}

/// A path for a URL reference: `/` and unreserved characters kept, every
/// other byte percent-encoded (spaces, `#`, `?`, non-ASCII).
pub fn url_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// Text inside a Markdown link title: every ASCII punctuation character is
/// backslash-escaped, so no delimiter (`"`, `'`, `)`) can end the title early.
pub fn markdown_link_title(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Markdown code span holding `content` literally: the backtick fence is
/// longer than any backtick run inside, and padding keeps edge backticks and
/// spaces from being eaten.
pub fn markdown_code_span(content: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in content.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = content.starts_with('`')
        || content.ends_with('`')
        || (content.starts_with(' ') && content.ends_with(' ') && !content.trim().is_empty());
    let sp = if pad { " " } else { "" };
    format!("{fence}{sp}{content}{sp}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_real_list_marker_is_escaped() {
        assert_eq!(markdown_prose("60.0"), "60.0");
        assert_eq!(markdown_prose("1. first"), "1\\. first");
        assert_eq!(markdown_prose("2)"), "2\\)");
    }

    #[test]
    fn intraword_underscores_stay_readable_edge_ones_are_escaped() {
        assert_eq!(
            markdown_prose("refresh_token, offline_access"),
            "refresh_token, offline_access"
        );
        assert_eq!(
            markdown_prose("_bold_ and a_ _b"),
            "\\_bold\\_ and a\\_ \\_b"
        );
    }

    #[test]
    fn html_escapes_once() {
        assert_eq!(html("a & \"b\" <c>"), "a &amp; &quot;b&quot; &lt;c&gt;");
    }

    #[test]
    fn url_value_encodes_untrusted_structure() {
        assert_eq!(
            url_value("javascript:alert(2)", false),
            "javascript%3Aalert%282%29"
        );
        assert_eq!(
            url_value("javascript:alert(2)", true),
            "javascript%3Aalert%282%29"
        );
        assert_eq!(
            url_value("acme.my.salesforce.com", true),
            "acme.my.salesforce.com"
        );
        assert_eq!(url_value("https://a.b/c?d=e", true), "https://a.b/c?d=e");
        assert_eq!(url_value("a b\"<", true), "a%20b%22%3C");
    }

    #[test]
    fn safe_href_blocks_script_schemes() {
        assert_eq!(safe_href("javascript:alert(1)"), "#");
        assert_eq!(safe_href("Java\tScript:alert(1)"), "#");
        assert_eq!(safe_href("data:text/html,x"), "#");
        assert_eq!(safe_href("https://x.y"), "https://x.y");
        assert_eq!(safe_href("page.html#a:b"), "page.html#a:b");
        assert_eq!(safe_href("./a:b"), "./a:b");
    }

    #[test]
    fn markdown_prose_keeps_values_literal() {
        assert_eq!(markdown_prose("[x](y) *b*"), r"\[x\](y) \*b\*");
        assert_eq!(markdown_prose("# h"), r"\# h");
        assert_eq!(markdown_prose("12. x"), r"12\. x");
        assert_eq!(markdown_prose("acme-corp.my"), "acme-corp.my");
        assert_eq!(markdown_prose("A & B &amp; C"), r"A & B \&amp; C");
    }

    #[test]
    fn code_span_fence_is_longer_than_content_runs() {
        assert_eq!(markdown_code_span("a"), "`a`");
        assert_eq!(markdown_code_span("a `b` c"), "``a `b` c``");
        assert_eq!(markdown_code_span("`x``"), "``` `x`` ```");
    }
}
