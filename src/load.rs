//! Discover `content/`, read files, parse YAML keeping spans.
//!
//! Guides live in `content/guides/**/*.yaml`, catalogs in `content/labels/*.yaml`.
//! Every problem becomes a [`Diagnostic`] naming file, line and column; nothing
//! half-loaded is returned.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::config::{self, Config};
use crate::diag::{Diagnostic, Severity};
use crate::model::{Catalog, Guide};

/// Largest YAML file we read (bytes). Guides are a few KB; this stops accidents.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
/// Deepest nesting accepted in a YAML file.
pub const MAX_DEPTH: usize = 32;
/// Most aliases accepted in a YAML file.
pub const MAX_ALIASES: usize = 100;

/// A parsed document with the file it came from.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    /// Path as shown to users (relative to the working directory when possible).
    pub path: PathBuf,
    pub source: String,
    pub doc: T,
}

/// A loaded project: configuration, guides and catalogs.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub config: Config,
    pub guides: Vec<Loaded<Guide>>,
    pub catalogs: Vec<Loaded<Catalog>>,
}

/// Bad input: diagnostics plus the file texts they point into.
#[derive(Debug, Default)]
pub struct InputError {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: BTreeMap<PathBuf, String>,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            let src = self.sources.get(&d.file).map(String::as_str);
            writeln!(f, "{}", d.render_human(src))?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

impl InputError {
    pub fn single(d: Diagnostic, source: Option<String>) -> InputError {
        let mut e = InputError::default();
        if let Some(s) = source {
            e.sources.insert(d.file.clone(), s);
        }
        e.diagnostics.push(d);
        e
    }
}

/// Load `book.toml` and all content under `root`.
pub fn project(root: &Path) -> anyhow::Result<Project> {
    let config = load_config(root)?;
    let content = root.join(&config.book.content_dir);
    if !content.is_dir() {
        anyhow::bail!(
            "content directory {} does not exist (set `content-dir` in book.toml)",
            content.display()
        );
    }
    let mut errors = InputError::default();
    let guides = load_all::<Guide>(&content.join("guides"), &mut errors)?;
    let catalogs = load_all::<Catalog>(&content.join("labels"), &mut errors)?;
    if !errors.diagnostics.is_empty() {
        return Err(errors.into());
    }
    Ok(Project {
        root: root.to_path_buf(),
        config,
        guides,
        catalogs,
    })
}

/// Read and validate `book.toml` (a missing file means all defaults).
pub fn load_config(root: &Path) -> anyhow::Result<Config> {
    let path = root.join("book.toml");
    if !path.exists() {
        anyhow::bail!(
            "no book.toml in {} (run guidesmith in a project directory, pass --root DIR, or create one with `guidesmith init`)",
            root.display()
        );
    }
    let text = read_text(&path).map_err(|d| InputError::single(*d, None))?;
    config::parse(&path, &text).map_err(|diagnostics| {
        let mut e = InputError {
            diagnostics,
            ..Default::default()
        };
        e.sources.insert(path.clone(), text);
        e.into()
    })
}

/// Every `*.yaml`/`*.yml` file under `dir`, sorted; loops and unreadable entries are errors.
pub fn yaml_files(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| {
            let p = e.path().map(Path::to_path_buf).unwrap_or_default();
            if e.loop_ancestor().is_some() {
                anyhow::anyhow!(
                    "symlink loop at {}: remove the link that points back into its own directory",
                    p.display()
                )
            } else {
                anyhow::anyhow!("cannot read {}: {e}", p.display())
            }
        })?;
        let is_yaml = entry
            .path()
            .extension()
            .is_some_and(|x| x == "yaml" || x == "yml");
        if entry.file_type().is_file() && is_yaml {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

fn load_all<T: DeserializeOwned>(
    dir: &Path,
    errors: &mut InputError,
) -> anyhow::Result<Vec<Loaded<T>>> {
    let mut out = Vec::new();
    for path in yaml_files(dir)? {
        match load_file::<T>(&path) {
            Ok(loaded) => out.push(loaded),
            Err((d, src)) => {
                if let Some(s) = src {
                    errors.sources.insert(path.clone(), s);
                }
                errors.diagnostics.push(*d);
            }
        }
    }
    Ok(out)
}

/// Read one YAML file into `T`.
pub fn load_file<T: DeserializeOwned>(
    path: &Path,
) -> Result<Loaded<T>, (Box<Diagnostic>, Option<String>)> {
    let source = read_text(path).map_err(|d| (d, None))?;
    match parse_yaml::<T>(path, &source) {
        Ok(doc) => Ok(Loaded {
            path: path.to_path_buf(),
            source,
            doc,
        }),
        Err(d) => Err((d, Some(source))),
    }
}

/// Read a file as UTF-8 text, with size and encoding errors as diagnostics.
pub fn read_text(path: &Path) -> Result<String, Box<Diagnostic>> {
    let io = |msg: String| Box::new(Diagnostic::at(Severity::Error, "io", path, "", 0..0, msg));
    let meta = crate::fs::metadata(path).map_err(|e| io(format!("{e:#}")))?;
    if meta.len() as usize > MAX_FILE_BYTES {
        return Err(io(format!(
            "file is {} bytes; the limit is {MAX_FILE_BYTES} bytes (split the guide into several files)",
            meta.len()
        )));
    }
    let bytes = crate::fs::read(path).map_err(|e| io(format!("{e:#}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.into_bytes()).into_owned();
        let (line, column) = crate::diag::line_col(&text, at);
        Box::new(Diagnostic {
            severity: Severity::Error,
            code: "encoding".into(),
            message: format!(
                "file is not valid UTF-8 (first bad byte at line {line}, column {column})"
            ),
            help: Some("save the file as UTF-8".into()),
            file: path.to_path_buf(),
            line,
            column,
            span: 0..0,
            fix: None,
        })
    })
}

/// Parse YAML text into `T` with our limits and strict scalars.
pub fn parse_yaml<T: DeserializeOwned>(path: &Path, source: &str) -> Result<T, Box<Diagnostic>> {
    if source.trim().is_empty() {
        return Err(Box::new(
            Diagnostic::at(Severity::Error, "yaml", path, source, 0..0, "file is empty")
                .with_help("a guide needs at least `id`, `title`, `summary`, `product`, `verified` and `sections`; see docs/format.md"),
        ));
    }
    if let Some(d) = tab_indentation(path, source) {
        return Err(Box::new(d));
    }
    let options = serde_saphyr::options! {
        strict_booleans: true,
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_aliases: MAX_ALIASES,
            max_documents: 1,
            max_nodes: 100_000,
        },
    };
    serde_saphyr::from_str_with_options::<T>(source, options)
        .map_err(|e| Box::new(yaml_diagnostic(path, source, &e)))
}

/// YAML forbids tabs for indentation; say so plainly.
fn tab_indentation(path: &Path, source: &str) -> Option<Diagnostic> {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(t) = line[..indent].find('\t') {
            return Some(
                Diagnostic::at(
                    Severity::Error,
                    "yaml",
                    path,
                    source,
                    offset + t..offset + t + 1,
                    "a tab is used for indentation; YAML allows only spaces",
                )
                .with_help(
                    "replace the tab with spaces (set your editor to insert spaces in YAML files)",
                ),
            );
        }
        offset += line.len();
    }
    None
}

fn yaml_diagnostic(path: &Path, source: &str, e: &serde_saphyr::Error) -> Diagnostic {
    let raw = e.without_snippet().to_string();
    let message = clean_message(&raw);
    let offset = e
        .location()
        .filter(|l| l.line() > 0)
        .map(|l| crate::diag::offset_of(source, l.line() as usize, l.column() as usize))
        .unwrap_or(0);
    let d = Diagnostic::at(
        Severity::Error,
        "yaml",
        path,
        source,
        offset..offset,
        message.clone(),
    );
    match explain(&message, source, offset) {
        Some((msg, help)) => Diagnostic { message: msg, ..d }.with_help(help),
        None => d,
    }
}

/// Drop serde-saphyr's own "line N column M:" prefix; we print positions ourselves.
fn clean_message(raw: &str) -> String {
    let first = raw.lines().next().unwrap_or(raw).trim();
    let rest = match first.strip_prefix("error: ") {
        Some(r) => r,
        None => first,
    };
    let rest = match rest.find(": ") {
        Some(i) if rest[..i].starts_with("line ") => &rest[i + 2..],
        _ => rest,
    };
    match rest.rfind(" at line ") {
        Some(i) => rest[..i].to_string(),
        None => rest.to_string(),
    }
}

/// Turn common parser messages into advice a person can act on.
fn explain(message: &str, source: &str, offset: usize) -> Option<(String, String)> {
    let line_text = source[offset.min(source.len())..]
        .lines()
        .next()
        .unwrap_or("");
    let line_start = source[..offset.min(source.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let whole_line = source[line_start..].lines().next().unwrap_or("");
    let value_part = whole_line
        .split_once(": ")
        .map(|(_, v)| v.trim_start())
        .unwrap_or(line_text);
    if value_part.starts_with("{{") {
        return Some((
            "a value starting with `{{` must be quoted".into(),
            "YAML reads an unquoted `{` as the start of a mapping; write the value in quotes (\"{{ environment }} ...\") or as a block scalar (`|`)".into(),
        ));
    }
    if message.contains("duplicate mapping key") || message.contains("duplicate field") {
        return Some(duplicate_key(message, source, offset));
    }
    if let Some(variant) = between(message, "unknown variant `", "`") {
        let expected = expected_fields(message);
        let help = match crate::suggest::closest(&variant, expected.iter().map(String::as_str)) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("allowed values: {}", expected.join(", ")),
        };
        return Some((format!("unknown value `{variant}`"), help));
    }
    if let Some(field) = between(message, "missing field `", "`") {
        return Some((
            format!("missing field `{field}`"),
            format!(
                "add `{field}:` to the map this line belongs to; docs/format.md lists the required fields"
            ),
        ));
    }
    if message.contains("after double-quoted scalar")
        || message.contains("after single-quoted scalar")
    {
        return Some((
            message.to_string(),
            "a quoted value ends at the next matching quote, even on a later line; look for an unclosed quote on this or an earlier line".into(),
        ));
    }
    if let Some(field) = unknown_field(message) {
        let expected = expected_fields(message);
        let help = match crate::suggest::closest(&field, expected.iter().map(String::as_str)) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("allowed fields: {}", expected.join(", ")),
        };
        return Some((format!("unknown field `{field}`"), help));
    }
    if let Some(found) = wrong_type(message) {
        return Some(found);
    }
    if message.contains("budget") || message.contains("alias") && message.contains("limit") {
        return Some((
            format!("file exceeds guidesmith's YAML limits ({message})"),
            format!(
                "guidesmith accepts at most {MAX_ALIASES} aliases and nesting {MAX_DEPTH} deep; expand anchors by hand"
            ),
        ));
    }
    None
}

/// "key `k` appears twice", naming the line of the first occurrence.
fn duplicate_key(message: &str, source: &str, offset: usize) -> (String, String) {
    let key = message
        .split("duplicate mapping key: ")
        .nth(1)
        .or_else(|| message.split("duplicate field `").nth(1))
        .map(|r| r.split([',', '`']).next().unwrap_or(r).trim().to_string())
        .unwrap_or_default();
    let (line, col) = crate::diag::line_col(source, offset);
    let first = first_key_line(source, line, col, &key);
    let msg = match first {
        Some(first) => {
            format!("key `{key}` appears twice: first on line {first}, again here on line {line}")
        }
        None => format!("key `{key}` appears twice in this map"),
    };
    (
        msg,
        "remove one of the two entries; YAML keeps only one value per key".into(),
    )
}

fn between(message: &str, start: &str, end: &str) -> Option<String> {
    let rest = message.split(start).nth(1)?;
    Some(rest.split(end).next()?.to_string())
}

/// The line of the first `key:` of the mapping holding the duplicate at
/// (`line`, `col`): walk back over lines of the same mapping, which start at
/// the same column (or are the `- ` line opening the list item), and stop at
/// the first line less indented than the mapping.
fn first_key_line(source: &str, line: usize, col: usize, key: &str) -> Option<usize> {
    let lines: Vec<&str> = source.lines().collect();
    for i in (0..line.saturating_sub(1)).rev() {
        let text = lines.get(i)?;
        if text.trim().is_empty() || text.trim_start().starts_with('#') {
            continue;
        }
        let indent = text.len() - text.trim_start().len();
        let after_dash = text
            .trim_start()
            .strip_prefix("- ")
            .map(|rest| (rest, indent + 2 + (rest.len() - rest.trim_start().len())));
        let (content, content_col) = match after_dash {
            Some((rest, c)) => (rest.trim_start(), c + 1),
            None => (text.trim_start(), indent + 1),
        };
        if content_col == col
            && content
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        {
            return Some(i + 1);
        }
        if content_col < col || (after_dash.is_some() && content_col == col) {
            return None; // left the mapping: the key is not repeated in it
        }
    }
    None
}

/// serde-saphyr's type errors, said in the words of a YAML author.
fn wrong_type(message: &str) -> Option<(String, String)> {
    let (msg, help) = if message.contains("expected string scalar") {
        (
            "expected a text value here, not a list or a map",
            "write one line of text; quote it if it starts with `[`, `{`, `-`, `*`, `&` or `!`",
        )
    } else if message.contains("invalid boolean") {
        (
            "expected `true` or `false` here",
            "write true or false (unquoted)",
        )
    } else if message.contains("expected sequence start") {
        (
            "expected a list here",
            "write a list: one `- item` per line, or `[a, b]`",
        )
    } else if message.contains("expected mapping start") || message.contains("expected a mapping") {
        (
            "expected a map of `key: value` pairs here",
            "write `key: value` lines indented under this field",
        )
    } else {
        return None;
    };
    Some((msg.to_string(), help.to_string()))
}

fn unknown_field(message: &str) -> Option<String> {
    let rest = message.split("unknown field `").nth(1)?;
    Some(rest.split('`').next()?.to_string())
}

fn expected_fields(message: &str) -> Vec<String> {
    let Some(list) = message
        .split("expected one of ")
        .nth(1)
        .or_else(|| message.split("expected ").nth(1))
    else {
        return Vec::new();
    };
    list.split(", ")
        .map(|s| s.trim_matches(|c| c == '`' || c == ' ').to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// `text` written so that it reads as itself inside the YAML scalar starting
/// at `node_start`: doubled `'` in single quotes, `\\` and `\"` escaped in
/// double quotes, as it is in plain and block scalars.
pub fn escape_for_scalar(source: &str, node_start: usize, text: &str) -> String {
    match source[node_start.min(source.len())..].chars().next() {
        Some('\'') => text.replace('\'', "''"),
        Some('"') => text.replace('\\', "\\\\").replace('"', "\\\""),
        _ => text.to_string(),
    }
}

/// Byte offset in `source` of character `index` of a YAML scalar whose node starts at `node_start`.
///
/// Walks the scalar's source text alongside its value: indentation, quotes,
/// escapes and folded line breaks are skipped until the value's next character
/// is found. Works for plain, quoted and block (`|`, `>`) scalars.
pub fn scalar_offset(source: &str, node_start: usize, value: &str, index: usize) -> usize {
    scalar_char_range(source, node_start, value, index).start
}

/// [`scalar_char_range`] of every character of the value, in one walk instead
/// of one per character (the linter maps many ranges of each field); the last
/// entry, at index `value.chars().count()`, is the range past the end.
pub fn scalar_char_ranges(source: &str, node_start: usize, value: &str) -> Vec<Range<usize>> {
    let (mut pos, style) = scalar_start(source, node_start);
    let count = value.chars().count();
    let mut out = Vec::with_capacity(count + 1);
    for ch in value.chars() {
        let Some(at) = next_source_char(source, pos, ch, style) else {
            let p = pos.min(source.len());
            out.resize(count + 1, p..p);
            return out;
        };
        pos = at.end;
        out.push(at);
    }
    out.push(pos..pos);
    out
}

/// The source bytes of character `index` of the scalar's value (an escape
/// such as `\u00e9` is one character spanning several bytes).
pub fn scalar_char_range(
    source: &str,
    node_start: usize,
    value: &str,
    index: usize,
) -> Range<usize> {
    let (mut pos, style) = scalar_start(source, node_start);
    for (i, ch) in value.chars().enumerate() {
        let Some(at) = next_source_char(source, pos, ch, style) else {
            let p = pos.min(source.len());
            return p..p;
        };
        if i >= index {
            return at;
        }
        pos = at.end;
    }
    pos..pos
}

/// Where a scalar's first value character may be, and its style character
/// (`|`, `>`, a quote, or anything else for plain).
fn scalar_start(source: &str, node_start: usize) -> (usize, char) {
    let pos = node_start.min(source.len());
    let rest = &source[pos..];
    let style = rest.chars().next().unwrap_or(' ');
    let skip = match style {
        '|' | '>' => rest.find('\n').map_or(rest.len(), |i| i + 1),
        '"' | '\'' => 1,
        _ => 0,
    };
    (pos + skip, style)
}

/// The source bytes that produce the value character `ch`, searching from
/// `pos`: only indentation and line breaks may be skipped, and escapes
/// (`\t`, `\"`, `\u00e9` in double quotes; `''` in single quotes) stand for
/// one character.
fn next_source_char(source: &str, mut pos: usize, ch: char, style: char) -> Option<Range<usize>> {
    while let Some(s) = source[pos..].chars().next() {
        let rest = &source[pos..];
        if style == '"' && s == '\\' {
            let len = escape_len(rest);
            if rest[1..].starts_with(['\n', '\r']) {
                pos += len; // an escaped line break stands for nothing
                continue;
            }
            return Some(pos..pos + len);
        }
        if style == '\'' && ch == '\'' && rest.starts_with("''") {
            return Some(pos..pos + 2);
        }
        if s == ch || (s == '\n' && (ch == ' ' || ch == '\n')) {
            return Some(pos..pos + s.len_utf8());
        }
        if !matches!(s, ' ' | '\t' | '\n' | '\r') {
            return None;
        }
        pos += s.len_utf8();
    }
    None
}

/// Length in bytes of the escape sequence at the start of `rest` (which starts with `\`).
fn escape_len(rest: &str) -> usize {
    let after = rest[1..].chars().next().map_or(0, char::len_utf8);
    let digits = match rest[1..].chars().next() {
        Some('x') => 2,
        Some('u') => 4,
        Some('U') => 8,
        _ => 0,
    };
    (1 + after + digits).min(rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Spanned;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        text: Spanned<String>,
        #[serde(default)]
        #[allow(dead_code)] // only its presence is tested (unknown-field did-you-mean)
        title: Option<String>,
    }

    fn err(src: &str) -> Diagnostic {
        *parse_yaml::<Doc>(Path::new("g.yaml"), src).unwrap_err()
    }

    fn offset_in(src: &str, needle: &str) -> usize {
        let doc: Doc = parse_yaml(Path::new("g.yaml"), src).unwrap();
        let start = doc.text.referenced.span().byte_offset().unwrap() as usize;
        let byte = doc.text.value.find(needle).unwrap();
        let idx = doc.text.value[..byte].chars().count();
        scalar_offset(src, start, &doc.text.value, idx)
    }

    #[test]
    fn positions_in_plain_quoted_and_block_scalars() {
        for src in [
            "text: Open the App Manager now\n",
            "text: \"Open the \\\"x\\\" App Manager\"\n",
            "text: 'it''s the App Manager'\n",
            "text: |\n  First line\n  then App Manager\n",
            "text: >\n  First line\n  then App Manager\n",
            "text: Open the\n  App Manager\n",
            "text: \"Open\\tthe \\\"x\\\" \\u00e9 App Manager\"\n",
            "text: 'it''s ’ the ’ App Manager'\n",
            "text: \"Open the \\\n   App Manager\"\n",
        ] {
            let off = offset_in(src, "App Manager");
            assert!(src[off..].starts_with("App Manager"), "{src:?} -> {off}");
        }
    }

    #[test]
    fn tab_indentation_is_named() {
        let d = err("text: x\n\ttitle: y\n");
        assert!(d.message.contains("tab"), "{}", d.message);
        assert_eq!((d.line, d.column), (2, 1));
    }

    #[test]
    fn unquoted_braces_say_quote_it() {
        let d = err("text: {{ environment }} login\n");
        assert!(d.message.contains("must be quoted"), "{}", d.message);
        assert_eq!(d.line, 1);
    }

    #[test]
    fn unknown_field_suggests() {
        let d = err("text: x\ntitel: y\n");
        assert_eq!(d.message, "unknown field `titel`");
        assert_eq!(d.help.as_deref(), Some("did you mean `title`?"));
        assert_eq!(d.line, 2);
    }

    #[test]
    fn regression_duplicate_key_names_the_first_line_of_the_same_mapping() {
        let any = |src: &str| {
            *parse_yaml::<BTreeMap<String, serde_json::Value>>(Path::new("g.yaml"), src)
                .unwrap_err()
        };
        let src =
            "text: x\nitems:\n  - label: a\n    id: 1\n  - id: 2\n    label: b\n    label: c\n";
        let d = any(src);
        assert!(
            d.message.contains("first on line 6, again here on line 7"),
            "{}",
            d.message
        );
        let src = "text: x\nitems:\n  - label: a\n    label: b\n";
        let d = any(src);
        assert!(
            d.message.contains("first on line 3, again here on line 4"),
            "{}",
            d.message
        );
    }

    #[test]
    fn duplicate_key_is_an_error() {
        let d = err("text: x\ntitle: a\ntitle: b\n");
        assert_eq!(
            d.message,
            "key `title` appears twice: first on line 2, again here on line 3"
        );
        assert_eq!(d.line, 3);
    }

    #[test]
    fn empty_file() {
        assert_eq!(err("  \n").message, "file is empty");
    }

    #[test]
    fn alias_bomb_is_rejected_fast() {
        let mut src = String::from("a: &a [\"x\"]\n");
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        for w in names.windows(2) {
            let refs = vec![format!("*{}", w[0]); 9].join(",");
            src.push_str(&format!("{}: &{} [{refs}]\n", w[1], w[1]));
        }
        src.push_str("text: *i\n");
        let t = std::time::Instant::now();
        let d = err(&src);
        assert!(t.elapsed().as_secs() < 2);
        assert_eq!(d.code, "yaml");
    }

    #[test]
    fn deep_nesting_is_rejected() {
        let src = format!("text: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(err(&src).code, "yaml");
    }
}
