//! PDF output: our own print-ready HTML, printed by headless Chromium.
//!
//! No Rust PDF engine lays out HTML and CSS the way a browser does (see
//! `../shared/reference/dependencies.md` section 6), and the checklist's print
//! CSS is already tested in Chromium, so Chromium prints it. It is found by
//! the `[pdf] chromium` setting, `GUIDESMITH_CHROMIUM`, or on `PATH`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// Names Chromium goes by on `PATH`.
const CANDIDATES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// Longest a print may take.
const TIMEOUT: Duration = Duration::from_secs(120);

/// The Chromium to use: the setting, then the environment, then `PATH`.
pub fn find_chromium(setting: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = setting {
        if p.is_file() {
            return Ok(p.to_path_buf());
        }
        bail!(
            "`[pdf] chromium = \"{}\"` in book.toml is not a file; fix the path or remove the setting to search PATH",
            p.display()
        );
    }
    // An empty GUIDESMITH_CHROMIUM counts as unset.
    if let Some(p) = std::env::var_os("GUIDESMITH_CHROMIUM")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
    {
        if p.is_file() {
            return Ok(p);
        }
        bail!("GUIDESMITH_CHROMIUM={} is not a file", p.display());
    }
    on_path().ok_or_else(|| anyhow::anyhow!(
        "PDF output needs Chromium, which was not found on PATH (looked for {}).\n  Install it (Debian/Ubuntu: `sudo apt-get install chromium`; macOS: `brew install --cask chromium`),\n  or point guidesmith at it with `[pdf] chromium = \"/path/to/chromium\"` in book.toml or GUIDESMITH_CHROMIUM.\n  The HTML checklist (`--format checklist`) needs no browser.",
        CANDIDATES.join(", ")
    ))
}

fn on_path() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| CANDIDATES.iter().map(move |c| dir.join(c)))
        .find(|p| p.is_file())
}

/// Print `html` to PDF bytes with `chromium`; paper size comes from the page's `@page` CSS.
pub fn print(chromium: &Path, html: &str) -> Result<Vec<u8>> {
    let dir = tempfile::tempdir().context("cannot create a temporary directory for printing")?;
    let page = dir.path().join("page.html");
    let pdf = dir.path().join("page.pdf");
    crate::fs::write(&page, html.as_bytes())?;
    let mut child = Command::new(chromium)
        .args(flags(dir.path(), &pdf))
        .arg(file_url(&page))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start {}", chromium.display()))?;
    let status = wait(&mut child)?;
    if !status.success() || !pdf.is_file() {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            use std::io::Read as _;
            let _ = e.read_to_string(&mut err);
        }
        let last: Vec<&str> = err
            .lines()
            .filter(|l| !l.contains("dbus"))
            .rev()
            .take(3)
            .collect();
        bail!(
            "{} could not print the page ({status}): {}",
            chromium.display(),
            last.join(" / ")
        );
    }
    crate::fs::read(&pdf)
}

fn flags(profile: &Path, pdf: &Path) -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-pdf-header-footer",
        "--run-all-compositor-stages-before-draw",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([
        format!("--user-data-dir={}", profile.join("profile").display()),
        format!("--print-to-pdf={}", pdf.display()),
    ])
    .collect()
}

fn wait(child: &mut std::process::Child) -> Result<std::process::ExitStatus> {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            bail!(
                "Chromium did not finish printing within {} seconds",
                TIMEOUT.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `file://` URL of an absolute path.
fn file_url(path: &Path) -> String {
    format!(
        "file://{}",
        crate::render::escape::url_path(&path.to_string_lossy())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_chromium_says_how_to_install_it() {
        let e = find_chromium(Some(Path::new("/nonexistent/chromium"))).unwrap_err();
        assert!(e.to_string().contains("is not a file"), "{e}");
    }

    #[test]
    fn file_urls_are_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/a b/p.html")),
            "file:///tmp/a%20b/p.html"
        );
    }
}
