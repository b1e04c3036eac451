//! `guidesmith serve`: refuses paths that leave the build directory, lists
//! no directories, rebuilds once per save (never for its own output), and
//! keeps serving with the error shown when a rebuild fails.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::*;

/// A running `serve` on a free port; killed (by its own pid) on drop.
pub struct Server {
    child: Child,
    pub port: u16,
    log: mpsc::Receiver<String>,
    lines: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub fn start(dir: &Path) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("guidesmith"))
            .args(["serve", "--port", "0"])
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start serve");
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut server = Server {
            child,
            port: 0,
            log: rx,
            lines: Vec::new(),
        };
        let line = server.wait_for("serving http://127.0.0.1:");
        let port = line.split("127.0.0.1:").nth(1).unwrap();
        server.port = port.split('/').next().unwrap().parse().unwrap();
        server
    }

    /// Wait (at most 20 s) for a stderr line containing `needle`.
    fn wait_for(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(l) = self.lines.iter().find(|l| l.contains(needle)) {
                return l.clone();
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.log.recv_timeout(left) {
                Ok(l) => self.lines.push(l),
                Err(_) => panic!(
                    "no `{needle}` in serve's output:\n{}",
                    self.lines.join("\n")
                ),
            }
        }
    }

    /// Collect stderr for `d`.
    fn drain(&mut self, d: Duration) {
        let deadline = Instant::now() + d;
        while let Ok(l) = self
            .log
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            self.lines.push(l);
        }
    }

    /// A raw request (no client-side path normalisation): status and body.
    pub fn get(&self, path: &str) -> (u16, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut text = String::new();
        s.read_to_string(&mut text).unwrap();
        let status = text.split(' ').nth(1).unwrap_or("0").parse().unwrap_or(0);
        let body = text.split_once("\r\n\r\n").map(|b| b.1).unwrap_or("");
        (status, body.to_string())
    }
}

pub fn site_project() -> tempfile::TempDir {
    project(&fixtures().join("browser/site"))
}

#[test]
fn serve_refuses_paths_outside_the_build_dir_and_lists_no_directories() {
    let dir = site_project();
    std::fs::write(dir.path().join("secret.txt"), "SECRET").unwrap();
    let mut server = Server::start(dir.path());
    let (code, body) = server.get("/index.html");
    assert_eq!(code, 200, "{body}");
    assert!(
        body.contains("__guidesmith/events"),
        "live reload script injected"
    );
    // symlinks in the build dir that point outside it
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            dir.path().join("secret.txt"),
            dir.path().join("build/link.txt"),
        )
        .unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("build/up")).unwrap();
    }
    for path in [
        "/../secret.txt",
        "/guides/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/guides/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/link.txt",
        "/up/secret.txt",
        "/.guidesmith-manifest",
    ] {
        let (code, body) = server.get(path);
        assert!(matches!(code, 403 | 404), "{path}: {code}");
        assert!(
            !body.contains("SECRET") && !body.contains("root:"),
            "{path}: {body}"
        );
    }
    let (code, body) = server.get("/guides/");
    assert_eq!(code, 404, "no listing of a directory without index.html");
    assert!(!body.contains("g.html\""), "{body}");
    assert!(
        body.contains("Page not found"),
        "the site's 404 page: {body}"
    );
    server.drain(Duration::from_millis(100));
}

#[test]
fn serve_rebuilds_once_per_save_and_survives_a_broken_file() {
    let dir = site_project();
    let mut server = Server::start(dir.path());
    let guide = dir.path().join("content/guides/g.yaml");
    let text = std::fs::read_to_string(&guide).unwrap();
    std::fs::write(&guide, text.replace("Open Setup", "Open Setup now")).unwrap();
    server.wait_for("rebuilding");
    server.wait_for("built 1 guide");
    server.drain(Duration::from_secs(2));
    let rebuilds = server
        .lines
        .iter()
        .filter(|l| l.contains("rebuilding"))
        .count();
    assert_eq!(
        rebuilds,
        1,
        "one save, one rebuild:\n{}",
        server.lines.join("\n")
    );
    let (_, page) = server.get("/guides/g.html");
    assert!(page.contains("Open Setup now"), "rebuilt page served");
    let (_, events) = server.get("/__guidesmith/events?since=0");
    assert!(
        events.contains("\"version\":2") && events.contains("\"error\":null"),
        "{events}"
    );

    std::fs::write(&guide, format!("{text}\nid: [\n")).unwrap();
    server.wait_for("the rebuild failed");
    let (code, page) = server.get("/guides/g.html");
    assert_eq!(code, 200, "the last good build is still served");
    assert!(page.contains("Open Setup now"));
    let (_, events) = server.get("/__guidesmith/events?since=2");
    assert!(
        events.contains("appears twice") && events.contains("g.yaml"),
        "{events}"
    );
    assert!(
        server.lines.iter().any(|l| l.contains("appears twice")),
        "error in the terminal"
    );
}
