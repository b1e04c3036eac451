//! The local preview server behind `guidesmith serve`: static files from the
//! build directory, a live-reload channel, and nothing else.
//!
//! Safety: a request path is percent-decoded once, then split into segments;
//! `..`, `.`, empty-after-decoding separators, backslashes and NUL are
//! refused before anything touches the disk, and the final file is
//! canonicalised and must still lie inside the (canonical) build directory,
//! so a symlink pointing outside is refused too. Directories are never
//! listed: `dir/` serves `dir/index.html` or the 404 page.
//!
//! Live reload is a long poll: pages served here get a small script that asks
//! `/__guidesmith/events?since=N` and reloads when the build version passes
//! N, or shows the rebuild error in the page.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// Where a request leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file inside the build directory.
    File(PathBuf),
    /// Redirect to this location (a directory without its trailing slash,
    /// or the site root when served under a sub-path).
    Redirect(String),
    NotFound,
    /// A path that tries to leave the build directory.
    Forbidden,
}

/// Decode `%XX` escapes; `None` for a malformed escape or invalid UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The segments of a request path below `prefix`, refusing any that could
/// leave the directory. `Err(Target)` says what to answer instead.
pub fn segments(url: &str, prefix: &str) -> Result<Vec<String>, Target> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Some(rest) = path.strip_prefix(prefix.trim_end_matches('/')) else {
        return Err(if path == "/" || path.is_empty() {
            Target::Redirect(prefix.to_string())
        } else {
            Target::NotFound
        });
    };
    if !rest.is_empty() && !rest.starts_with('/') {
        return Err(Target::NotFound);
    }
    if rest.is_empty() {
        return Err(Target::Redirect(prefix.to_string()));
    }
    let mut out = Vec::new();
    for raw in rest.split('/').skip(1) {
        let seg = percent_decode(raw).ok_or(Target::Forbidden)?;
        let bad = seg == ".."
            || seg == "."
            || seg.contains(['/', '\\', '\0', ':'])
            || (seg.is_empty() && !raw.is_empty());
        if bad {
            return Err(Target::Forbidden);
        }
        if seg.starts_with('.') {
            return Err(Target::NotFound); // hidden files (the manifest, a .git)
        }
        out.push(seg);
    }
    Ok(out)
}

/// Resolve a request to a file of `build` (canonical), served at `prefix`.
pub fn resolve(build: &Path, url: &str, prefix: &str) -> Target {
    let segs = match segments(url, prefix) {
        Ok(s) => s,
        Err(t) => return t,
    };
    if segs.iter().any(|s| s.is_empty()) && segs.last().is_none_or(|l| !l.is_empty()) {
        return Target::NotFound; // `a//b`
    }
    let mut path = build.to_path_buf();
    for s in segs.iter().filter(|s| !s.is_empty()) {
        path.push(s);
    }
    let wants_dir = segs.last().is_some_and(|s| s.is_empty());
    if path.is_dir() {
        if !wants_dir {
            let location = format!("{}/", url.split(['?', '#']).next().unwrap_or(""));
            return Target::Redirect(location);
        }
        path.push("index.html");
    }
    match crate::fs::canonicalize(&path) {
        Ok(real) if !real.starts_with(build) => Target::Forbidden,
        Ok(real) if real.is_file() => Target::File(real),
        _ => Target::NotFound,
    }
}

/// The content type for a file name.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "md" => "text/markdown; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The build state pages poll: a version that grows with every rebuild and
/// the last rebuild's error, if it failed.
#[derive(Debug, Default)]
pub struct State {
    pub version: u64,
    pub error: Option<String>,
}

/// Shared [`State`] with a condition variable to wake long polls.
#[derive(Debug, Default, Clone)]
pub struct Status {
    inner: Arc<(Mutex<State>, Condvar)>,
}

impl Status {
    /// Record a finished rebuild (`error` if it failed) and wake the pages.
    pub fn publish(&self, error: Option<String>) {
        let (lock, cvar) = &*self.inner;
        let mut s = lock.lock().unwrap_or_else(|e| e.into_inner());
        s.version += 1;
        s.error = error;
        cvar.notify_all();
    }

    /// Wait until the version passes `since` (or `timeout`); the state as JSON.
    pub fn wait_json(&self, since: u64, timeout: Duration) -> String {
        let (lock, cvar) = &*self.inner;
        let guard = lock.lock().unwrap_or_else(|e| e.into_inner());
        let (s, _) = cvar
            .wait_timeout_while(guard, timeout, |s| s.version <= since)
            .unwrap_or_else(|e| e.into_inner());
        serde_json::json!({"version": s.version, "error": s.error}).to_string()
    }

    pub fn version(&self) -> u64 {
        let (lock, _) = &*self.inner;
        lock.lock().unwrap_or_else(|e| e.into_inner()).version
    }
}

/// The live-reload script added before `</body>` of every page served.
pub fn reload_script(prefix: &str, version: u64) -> String {
    format!(
        r#"<script>
(function () {{
  var since = {version};
  function banner(text) {{
    var b = document.getElementById("gs-serve-error");
    if (!text) {{ if (b) b.remove(); return; }}
    if (!b) {{
      b = document.createElement("pre");
      b.id = "gs-serve-error";
      b.setAttribute("role", "alert");
      b.style.cssText = "position:fixed;left:0;right:0;bottom:0;margin:0;max-height:50vh;overflow:auto;padding:1rem;background:#fff0f0;color:#5c0000;border-top:3px solid #b3261e;font:13px/1.4 monospace;white-space:pre-wrap;z-index:99";
      document.body.appendChild(b);
    }}
    b.textContent = "guidesmith serve: the rebuild failed; the page shows the last good build.\n\n" + text;
  }}
  function poll() {{
    fetch("{prefix}__guidesmith/events?since=" + since, {{cache: "no-store"}})
      .then(function (r) {{ return r.json(); }})
      .then(function (s) {{
        if (s.version > since && !s.error) {{ location.reload(); return; }}
        since = s.version;
        banner(s.error);
        poll();
      }})
      .catch(function () {{ setTimeout(poll, 1000); }});
  }}
  poll();
}})();
</script>
"#
    )
}

/// `html` with the live-reload script inserted before `</body>`.
pub fn inject(html: &str, script: &str) -> String {
    match html.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &html[..i], &html[i..]),
        None => format!("{html}{script}"),
    }
}

/// An HTTP response.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub location: Option<String>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            content_type,
            location: None,
            body,
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "",
    }
}

/// Read one request from `stream`, answer it with `handle(path)` and close
/// the connection. A minimal HTTP/1.1 server: GET and HEAD only, headers
/// up to 16 KiB, one request per connection.
pub fn serve_connection(mut stream: std::net::TcpStream, handle: &dyn Fn(&str) -> Reply) {
    use std::io::{Read, Write};
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < 16 * 1024 {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let head = String::from_utf8_lossy(&buf);
    let mut parts = head.lines().next().unwrap_or("").split(' ');
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let reply = match method {
        "GET" | "HEAD" if target.starts_with('/') => handle(target),
        "GET" | "HEAD" => Reply::new(400, "text/plain; charset=utf-8", b"bad request\n".to_vec()),
        _ => Reply::new(405, "text/plain; charset=utf-8", b"only GET\n".to_vec()),
    };
    let mut out = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        reply.status,
        reason(reply.status),
        reply.content_type,
        reply.body.len()
    );
    if let Some(l) = &reply.location {
        out.push_str(&format!("Location: {l}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    if method != "HEAD" {
        bytes.extend_from_slice(&reply.body);
    }
    let _ = stream.write_all(&bytes);
    let _ = stream.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_and_odd_segments_are_refused() {
        for url in [
            "/../Cargo.toml",
            "/a/../../x",
            "/%2e%2e/x",
            "/%2E%2E/x",
            "/a/%2e%2e%2f%2e%2e/x",
            "/%2fetc/passwd",
            "/..%5c..%5cx",
            "/a/./b",
            "/%00",
            "/%zz",
            "/C:/x",
        ] {
            assert_eq!(segments(url, "/"), Err(Target::Forbidden), "{url}");
        }
    }

    #[test]
    fn plain_paths_and_prefixes() {
        assert_eq!(
            segments("/a/b.html?x=1#y", "/"),
            Ok(vec!["a".into(), "b.html".into()])
        );
        assert_eq!(
            segments("/docs/a.html", "/docs/"),
            Ok(vec!["a.html".into()])
        );
        assert_eq!(
            segments("/", "/docs/"),
            Err(Target::Redirect("/docs/".into()))
        );
        assert_eq!(
            segments("/docs", "/docs/"),
            Err(Target::Redirect("/docs/".into()))
        );
        assert_eq!(segments("/other/a.html", "/docs/"), Err(Target::NotFound));
        assert_eq!(segments("/docsx/a", "/docs/"), Err(Target::NotFound));
        assert_eq!(segments("/a%20b.html", "/"), Ok(vec!["a b.html".into()]));
    }

    #[test]
    fn long_poll_returns_when_the_version_moves() {
        let status = Status::default();
        let s2 = status.clone();
        let t = std::thread::spawn(move || s2.wait_json(0, Duration::from_secs(5)));
        std::thread::sleep(Duration::from_millis(50));
        status.publish(Some("bad <yaml>".into()));
        let json = t.join().unwrap();
        assert!(
            json.contains("\"version\":1") && json.contains("bad <yaml>"),
            "{json}"
        );
        assert!(
            status
                .wait_json(1, Duration::from_millis(10))
                .contains("\"version\":1")
        );
    }

    #[test]
    fn script_goes_before_body_end() {
        assert_eq!(
            inject("<body>x</body></html>", "S"),
            "<body>xS</body></html>"
        );
    }
}
