//! Reporters: the same diagnostics as human text, JSON or GitHub annotations.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use crate::diag::{Diagnostic, Severity};

/// Output format of `lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Human,
    Json,
    Github,
    Sarif,
}

/// Version of the JSON report shape; bumped on incompatible changes.
pub const JSON_VERSION: u32 = 1;

/// Render diagnostics; `sources` gives file texts for excerpts.
pub fn render(format: Format, diags: &[Diagnostic], sources: &BTreeMap<PathBuf, String>) -> String {
    match format {
        Format::Human => human(diags, sources),
        Format::Json => json(diags),
        Format::Github => github(diags),
        Format::Sarif => super::sarif::render(diags, sources),
    }
}

fn human(diags: &[Diagnostic], sources: &BTreeMap<PathBuf, String>) -> String {
    let mut out = String::new();
    for d in diags {
        let src = sources.get(&d.file).map(String::as_str);
        let _ = writeln!(out, "{}\n", d.render_human(src));
    }
    let _ = writeln!(out, "{}", summary(diags));
    out
}

/// `2 errors, 1 warning` style summary.
pub fn summary(diags: &[Diagnostic]) -> String {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

fn json(diags: &[Diagnostic]) -> String {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let value = serde_json::json!({
        "version": JSON_VERSION,
        "summary": { "errors": errors, "warnings": diags.len() - errors },
        "diagnostics": diags,
    });
    serde_json::to_string_pretty(&value).expect("diagnostics serialize") + "\n"
}

/// GitHub shows at most 10 annotations per level; errors come first, then a count of the rest.
fn github(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for level in [Severity::Error, Severity::Warning] {
        let of_level: Vec<&Diagnostic> = diags.iter().filter(|d| d.severity == level).collect();
        for d in of_level.iter().take(10) {
            let kind = if level == Severity::Error {
                "error"
            } else {
                "warning"
            };
            let _ = writeln!(
                out,
                "::{kind} file={},line={},col={},title={}::{}",
                gh_prop(&d.file.display().to_string()),
                d.line,
                d.column,
                gh_prop(&d.code),
                gh_data(&match &d.help {
                    Some(h) => format!("{} ({h})", d.message),
                    None => d.message.clone(),
                })
            );
        }
        if of_level.len() > 10 {
            let _ = writeln!(
                out,
                "::notice::{} more {}s not shown as annotations; run guidesmith lint locally",
                of_level.len() - 10,
                level.as_str()
            );
        }
    }
    let _ = writeln!(out, "{}", summary(diags));
    out
}

fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_prop(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn diag(sev: Severity, msg: &str) -> Diagnostic {
        Diagnostic::at(sev, "GS101", Path::new("a,b.yaml"), "x: y\n", 3..4, msg)
    }

    #[test]
    fn github_escapes_and_caps_at_ten() {
        let mut diags: Vec<Diagnostic> = (0..12)
            .map(|i| diag(Severity::Warning, &format!("w{i}")))
            .collect();
        diags.push(diag(Severity::Error, "50% bad\nline"));
        let out = github(&diags);
        let first = out.lines().next().unwrap();
        assert_eq!(
            first,
            "::error file=a%2Cb.yaml,line=1,col=4,title=GS101::50%25 bad%0Aline"
        );
        assert_eq!(out.matches("::warning").count(), 10);
        assert!(out.contains("::notice::2 more warnings"));
    }

    #[test]
    fn json_has_version() {
        let out = json(&[diag(Severity::Error, "m")]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(v["diagnostics"][0]["line"], 1);
    }
}
