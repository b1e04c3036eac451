//! The inline syntax of step text, shared by the linter and the renderer.
//!
//! - `{{ name }}` or `{{ name.facet }}` is a placeholder (`{{ book.var }}` a book variable);
//! - `[[Label]]` marks a UI label, `[[A > B > C]]` a menu path;
//! - `\{{` and `\[[` stand for the literal characters.
//!
//! [`tokenize`] splits text into these pieces with byte ranges into the input,
//! so diagnostics can point at the exact characters.

use std::ops::Range;

/// One piece of step text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    /// Literal text (Markdown), `range` into the source text.
    Text(&'a str, Range<usize>),
    /// `{{ name.facet }}`; `range` covers the braces.
    Placeholder(Placeholder, Range<usize>),
    /// `[[A > B]]`; `range` covers the brackets.
    Label(Vec<LabelSegment<'a>>, Range<usize>),
}

/// A reference to an input (or book variable), optionally to one of its facets.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Placeholder {
    pub name: String,
    pub facet: Option<String>,
}

impl Placeholder {
    /// The reference as written without braces: `name` or `name.facet`.
    pub fn key(&self) -> String {
        match &self.facet {
            Some(f) => format!("{}.{}", self.name, f),
            None => self.name.clone(),
        }
    }
}

/// One segment of a label mark; `range` is the trimmed text inside the brackets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelSegment<'a> {
    pub text: &'a str,
    pub range: Range<usize>,
}

/// A problem in the inline syntax, with the byte range it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub help: String,
    pub range: Range<usize>,
}

/// Split `src` into text, placeholders and labels.
pub fn tokenize(src: &str) -> Result<Vec<Token<'_>>, SyntaxError> {
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    let bytes = src.as_bytes();
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b"\\{{") || rest.starts_with(b"\\[[") {
            push_text(src, text_start..i, &mut out);
            text_start = i + 1; // keep the braces, drop the backslash
            i += 3;
            continue;
        }
        // Compare bytes: `i` may sit inside a multi-byte character, and every
        // delimiter is ASCII, so a match is always at a character boundary.
        let opener = if rest.starts_with(b"{{") {
            Some(("}}", true))
        } else if rest.starts_with(b"[[") {
            Some(("]]", false))
        } else {
            None
        };
        let Some((close, is_placeholder)) = opener else {
            i += 1;
            continue;
        };
        push_text(src, text_start..i, &mut out);
        let end = find_close(src, i, close)?;
        let inner = (i + 2)..(end - 2);
        out.push(if is_placeholder {
            Token::Placeholder(parse_placeholder(src, inner)?, i..end)
        } else {
            Token::Label(parse_label(src, inner)?, i..end)
        });
        i = end;
        text_start = end;
    }
    push_text(src, text_start..src.len(), &mut out);
    Ok(out)
}

fn push_text<'a>(src: &'a str, range: Range<usize>, out: &mut Vec<Token<'a>>) {
    if !range.is_empty() {
        out.push(Token::Text(&src[range.clone()], range));
    }
}

/// Byte offset just past the closing delimiter of the mark opened at `start`.
fn find_close(src: &str, start: usize, close: &str) -> Result<usize, SyntaxError> {
    let rest = &src[start + 2..];
    let limit = paragraph_end(rest);
    let line = &rest[..limit];
    match line.find(close) {
        Some(k) => Ok(start + 2 + k + 2),
        None => Err(SyntaxError {
            message: format!(
                "`{}` is not closed in its paragraph",
                &src[start..start + 2]
            ),
            help: format!(
                "close it with `{close}`, or write `\\{}` for the literal characters",
                &src[start..start + 2]
            ),
            range: start..start + 2,
        }),
    }
}

/// Where the paragraph `rest` starts in ends: at a blank line, or the end.
/// A mark may wrap onto the next line (`[[Sales\n  Territories]]`), never
/// past a paragraph, so an unclosed mark is reported where it opens.
fn paragraph_end(rest: &str) -> usize {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if offset > 0 && line.trim().is_empty() {
            return offset;
        }
        offset += line.len();
    }
    rest.len()
}

fn parse_placeholder(src: &str, inner: Range<usize>) -> Result<Placeholder, SyntaxError> {
    let body = src[inner.clone()].trim();
    let (name, facet) = match body.split_once('.') {
        Some((n, f)) => (n, Some(f)),
        None => (body, None),
    };
    let valid = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
    };
    if !valid(name) || facet.is_some_and(|f| !valid(f)) {
        return Err(SyntaxError {
            message: format!("`{{{{{}}}}}` is not a valid placeholder", &src[inner.clone()]),
            help: "a placeholder is `{{ name }}` or `{{ name.facet }}`, with letters, digits, `_` and `-`; write `\\{{` for literal braces".into(),
            range: (inner.start - 2)..(inner.end + 2),
        });
    }
    Ok(Placeholder {
        name: name.to_string(),
        facet: facet.map(str::to_string),
    })
}

fn parse_label(src: &str, inner: Range<usize>) -> Result<Vec<LabelSegment<'_>>, SyntaxError> {
    let mut segments = Vec::new();
    let mut seg_start = inner.start;
    let body = &src[inner.clone()];
    let mut cuts: Vec<usize> = body
        .match_indices('>')
        .map(|(k, _)| inner.start + k)
        .collect();
    cuts.push(inner.end);
    for cut in cuts {
        let raw = &src[seg_start..cut];
        let lead = raw.len() - raw.trim_start().len();
        let text = raw.trim();
        if text.is_empty() {
            return Err(SyntaxError {
                message: "empty UI label".into(),
                help: "write the label as shown in the UI: `[[App Manager]]`, or a path: `[[Setup > Apps > App Manager]]`".into(),
                range: (inner.start - 2)..(inner.end + 2),
            });
        }
        let start = seg_start + lead;
        segments.push(LabelSegment {
            text,
            range: start..start + text.len(),
        });
        seg_start = cut + 1;
    }
    Ok(segments)
}

#[cfg(test)]
mod tests {

    #[test]
    fn regression_non_ascii_prose_does_not_panic() {
        let t =
            tokenize("Caf\u{e9} \u{2019}s [[Param\u{e8}tres]] \u{201c}{{ x }}\u{201d} \\{{ \u{e9}")
                .unwrap();
        assert!(
            matches!(&t[1], Token::Label(segs, _) if segs[0].text == "Param\u{e8}tres"),
            "{t:?}"
        );
        assert!(
            matches!(&t[3], Token::Placeholder(p, _) if p.name == "x"),
            "{t:?}"
        );
    }

    use super::*;

    #[test]
    fn splits_text_placeholders_and_labels() {
        let toks = tokenize("Open [[Setup > App Manager]] at {{ environment.host }}.").unwrap();
        assert_eq!(toks.len(), 5);
        match &toks[1] {
            Token::Label(segs, r) => {
                assert_eq!(segs[0].text, "Setup");
                assert_eq!(segs[1].text, "App Manager");
                assert_eq!(segs[1].range, 15..26);
                assert_eq!(*r, 5..28);
            }
            other => panic!("{other:?}"),
        }
        match &toks[3] {
            Token::Placeholder(p, _) => assert_eq!(p.key(), "environment.host"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn backslash_escapes_marks() {
        let toks = tokenize(r"literal \{{ x }} and \[[y]]").unwrap();
        let text: String = toks
            .iter()
            .map(|t| match t {
                Token::Text(s, _) => *s,
                _ => panic!("only text expected"),
            })
            .collect();
        assert_eq!(text, "literal {{ x }} and [[y]]");
    }

    #[test]
    fn unclosed_mark_is_an_error_pointing_at_it() {
        let err = tokenize("a [[Setup").unwrap_err();
        assert_eq!(err.range, 2..4);
    }

    #[test]
    fn invalid_placeholder_name_is_an_error() {
        assert!(tokenize("{{ a b }}").is_err());
        assert!(tokenize("{{ }}").is_err());
    }

    #[test]
    fn empty_label_segment_is_an_error() {
        assert!(tokenize("[[Setup > ]]").is_err());
    }
}
