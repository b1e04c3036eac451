//! `guidesmith serve`: build, serve the build directory on 127.0.0.1, and
//! rebuild when a source file is saved.
//!
//! The stages: build once, bind, watch the project (never the build
//! directory, so one save gives one rebuild), answer requests. A failed
//! rebuild is printed in the terminal and shown in open pages; the last good
//! site stays served and the server keeps running.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context as _;

use super::Outcome;
use crate::serve::{Reply, Status, Target};

/// Options of `serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to bind; 127.0.0.1 unless asked otherwise.
    pub host: String,
    /// Port; 0 picks a free one.
    pub port: u16,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            host: "127.0.0.1".into(),
            port: 3000,
        }
    }
}

/// How long the watcher waits for more events before rebuilding.
const QUIET: Duration = Duration::from_millis(250);

pub fn run(root: &Path, o: &ServeOptions) -> anyhow::Result<Outcome> {
    let config = crate::load::load_config(root)?;
    let prefix = config.site_path();
    let build_dir = root.join(&config.book.build_dir);
    let status = Status::default();
    let mut rebuilder = super::rebuild::Rebuilder::new(root);
    status.publish(rebuild(&mut rebuilder));
    crate::fs::create_dir_all(&build_dir)?;
    let build_dir = crate::fs::canonicalize(&build_dir)?;
    let listener = std::net::TcpListener::bind((o.host.as_str(), o.port))
        .with_context(|| format!("cannot listen on {}:{}", o.host, o.port))?;
    let addr = listener.local_addr().context("the server has no address")?;
    let _watcher = watch(root, &build_dir, status.clone(), rebuilder)?;
    eprintln!("serving http://{addr}{prefix} (press Ctrl-C to stop)");
    for stream in listener.incoming().flatten() {
        let (dir, prefix, status) = (build_dir.clone(), prefix.clone(), status.clone());
        std::thread::spawn(move || {
            crate::serve::serve_connection(stream, &|url| respond(url, &dir, &prefix, &status))
        });
    }
    Ok(Outcome::Ok)
}

/// Rebuild what changed; the error as text if it failed (also printed).
fn rebuild(rebuilder: &mut super::rebuild::Rebuilder) -> Option<String> {
    let start = std::time::Instant::now();
    match rebuilder.rebuild() {
        Ok(n) => {
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            eprintln!(
                "serve: rebuilt {n} guide{} in {ms:.0} ms",
                if n == 1 { "" } else { "s" }
            );
            None
        }
        Err(e) => {
            let text = super::error_text(&e);
            eprint!("{text}");
            eprintln!("serve: the rebuild failed; still serving the last good build");
            Some(text)
        }
    }
}

/// Whether a changed path should trigger a rebuild.
fn relevant(path: &Path, root: &Path, build_dir: &Path) -> bool {
    let real = crate::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    if real.starts_with(build_dir) || path.starts_with(build_dir) {
        return false;
    }
    // Judge only the part inside the project: a project may itself live in a
    // directory called `target` (regression: serve never rebuilt there).
    let inside = path.strip_prefix(root).unwrap_or(path);
    let hidden = inside.components().any(|c| {
        let s = c.as_os_str().to_string_lossy();
        // `.build.guidesmith-staging` and friends: the build's own scratch.
        s == ".git" || s == "target" || s == "node_modules" || s.contains(".guidesmith-")
    });
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let scratch = name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name.contains(".guidesmith-tmp")
        || name.starts_with(".#");
    !hidden && !scratch
}

/// Watch the project and rebuild after each burst of changes.
fn watch(
    root: &Path,
    build_dir: &Path,
    status: Status,
    mut rebuilder: super::rebuild::Rebuilder,
) -> anyhow::Result<impl Drop> {
    use notify::Watcher as _;
    let (tx, rx) = mpsc::channel::<PathBuf>();
    let dir = build_dir.to_path_buf();
    // The project root may be given as "" (the current directory).
    let here = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root
    };
    let watched = crate::fs::canonicalize(here).unwrap_or_else(|_| root.to_path_buf());
    let inside = watched.clone();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(event) = res
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            for p in event
                .paths
                .into_iter()
                .filter(|p| relevant(p, &inside, &dir))
            {
                let _ = tx.send(p);
            }
        }
    })
    .context("cannot watch the project for changes")?;
    watcher
        .watch(&watched, notify::RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch {}", root.display()))?;
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            while rx.recv_timeout(QUIET).is_ok() {}
            eprintln!("serve: {} changed, rebuilding", first.display());
            status.publish(rebuild(&mut rebuilder));
        }
    });
    Ok(watcher)
}

fn respond(url: &str, build_dir: &Path, prefix: &str, status: &Status) -> Reply {
    let events = format!("{prefix}__guidesmith/events");
    if let Some(query) = url.strip_prefix(&events) {
        let since = query
            .strip_prefix("?since=")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let json = status.wait_json(since, Duration::from_secs(25));
        return Reply::new(200, "application/json", json.into_bytes());
    }
    file_response(build_dir, url, prefix, status)
}

fn file_response(build_dir: &Path, url: &str, prefix: &str, status: &Status) -> Reply {
    let script = crate::serve::reload_script(prefix, status.version());
    let page = |path: &Path| -> Option<Vec<u8>> {
        let bytes = crate::fs::read(path).ok()?;
        if path.extension().is_some_and(|e| e == "html") {
            let html = String::from_utf8_lossy(&bytes);
            return Some(crate::serve::inject(&html, &script).into_bytes());
        }
        Some(bytes)
    };
    match crate::serve::resolve(build_dir, url, prefix) {
        Target::File(path) => match page(&path) {
            Some(bytes) => Reply::new(200, crate::serve::content_type(&path), bytes),
            None => not_found(build_dir, &page),
        },
        Target::Redirect(to) => Reply {
            location: Some(to),
            ..Reply::new(302, "text/plain; charset=utf-8", Vec::new())
        },
        Target::NotFound => not_found(build_dir, &page),
        Target::Forbidden => Reply::new(
            403,
            "text/plain; charset=utf-8",
            b"403 forbidden: the path leaves the site\n".to_vec(),
        ),
    }
}

fn not_found(build_dir: &Path, page: &dyn Fn(&Path) -> Option<Vec<u8>>) -> Reply {
    let body = page(&build_dir.join("404.html")).unwrap_or_else(|| b"404 not found\n".to_vec());
    Reply::new(404, "text/html; charset=utf-8", body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_dir_and_scratch_files_do_not_trigger_rebuilds() {
        let build = Path::new("/p/build");
        let root = Path::new("/p");
        assert!(!relevant(Path::new("/p/build/index.html"), root, build));
        assert!(!relevant(
            Path::new("/p/content/guides/.g.yaml.swp"),
            root,
            build
        ));
        assert!(!relevant(Path::new("/p/.git/index"), root, build));
        assert!(!relevant(
            Path::new("/p/.build.guidesmith-staging/a.html"),
            root,
            build
        ));
        assert!(relevant(Path::new("/p/content/guides/g.yaml"), root, build));
        assert!(relevant(Path::new("/p/book.toml"), root, build));
        let (root, build) = (Path::new("/w/target/p"), Path::new("/w/target/p/build"));
        assert!(relevant(
            Path::new("/w/target/p/content/guides/g.yaml"),
            root,
            build
        ));
        assert!(!relevant(Path::new("/w/target/p/target/x"), root, build));
    }
}
