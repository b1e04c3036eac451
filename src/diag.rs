//! Diagnostics about user content: file, line, column, a caret excerpt.
//!
//! One [`Diagnostic`] type serves loading errors and lint findings; the
//! reporters (human, JSON, GitHub) only format it.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable code such as `GS101`, or `yaml` for loader errors.
    pub code: String,
    pub message: String,
    /// How to fix it, when we know.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    pub file: PathBuf,
    /// 1-based line and column (columns count characters).
    pub line: usize,
    pub column: usize,
    /// Byte range in the file, for the excerpt.
    #[serde(skip)]
    pub span: Range<usize>,
    /// Text that replaces the bytes of `span` to fix the finding (`lint --fix`).
    #[serde(skip)]
    pub fix: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at a byte range of `source`, with line and column computed.
    pub fn at(
        severity: Severity,
        code: &str,
        file: &Path,
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let start = span.start.min(source.len());
        let (line, column) = line_col(source, start);
        Diagnostic {
            severity,
            code: code.to_string(),
            message: message.into(),
            help: None,
            file: file.to_path_buf(),
            line,
            column,
            span: start..span.end.clamp(start, source.len()),
            fix: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// `file:line:col: error[code]: message` followed by the excerpt.
    pub fn render_human(&self, source: Option<&str>) -> String {
        let head = format!(
            "{}:{}:{}: {}[{}]: {}",
            self.file.display(),
            self.line,
            self.column,
            self.severity.as_str(),
            self.code,
            self.message
        );
        let mut out = head;
        if let Some(src) = source.filter(|s| self.span.end <= s.len()) {
            out.push('\n');
            out.push_str(&self.excerpt(src));
        }
        if let Some(help) = &self.help {
            let _ = write!(out, "\n  = help: {help}");
        }
        out
    }

    fn excerpt(&self, source: &str) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path = self.file.display().to_string();
        let span = if self.span.is_empty() {
            self.span.start..next_char_boundary(source, self.span.start)
        } else {
            self.span.clone()
        };
        let group = level.primary_title(&self.message).element(
            Snippet::source(source)
                .path(&path)
                .annotation(AnnotationKind::Primary.span(span)),
        );
        let rendered = Renderer::plain().render(&[group]);
        // The first line repeats our headline; keep only the excerpt.
        rendered.lines().skip(1).collect::<Vec<_>>().join("\n")
    }
}

fn next_char_boundary(s: &str, i: usize) -> usize {
    s[i..].chars().next().map_or(i, |c| i + c.len_utf8())
}

/// 1-based line and character column of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..floor_boundary(source, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Byte offset of a 1-based line and character column.
pub fn offset_of(source: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match source[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return source.len(),
        }
    }
    let rest = &source[start..];
    let col = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    start + col
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let src = "a: 1\nb: ‹x› y\n";
        let off = src.find('y').unwrap();
        assert_eq!(line_col(src, off), (2, 8));
        assert_eq!(offset_of(src, 2, 8), off);
    }

    #[test]
    fn human_rendering_has_location_excerpt_and_help() {
        let src = "id: x\ntitle: [[Nope]]\n";
        let d = Diagnostic::at(
            Severity::Error,
            "GS101",
            Path::new("g.yaml"),
            src,
            13..21,
            "unknown label",
        )
        .with_help("did you mean `Yes`?");
        let text = d.render_human(Some(src));
        assert!(
            text.starts_with("g.yaml:2:8: error[GS101]: unknown label"),
            "{text}"
        );
        assert!(text.contains("^^^^^^^^"), "{text}");
        assert!(text.contains("help: did you mean"), "{text}");
    }
}
