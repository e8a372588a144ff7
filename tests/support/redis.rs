//! Throwaway Redis servers for tests: Debian's `redis-server` on a free 127.0.0.1 port, no
//! persistence, one per test (they start in milliseconds). Included by `#[path]` into the test
//! binaries that need one; depends on nothing but std and tempfile.
//!
//! The server runs under a small shell that kills it once its stdin closes, so it goes with the
//! test process however that ends (a killed runner skips `Drop`).
#![allow(dead_code)] // each test binary uses its own part of this
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Redis {
    pub port: u16,
    dir: tempfile::TempDir,
    server: Mutex<Option<Child>>,
}

impl Redis {
    pub fn start() -> Redis {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let redis = Redis {
            port,
            dir: tempfile::tempdir().unwrap(),
            server: Mutex::new(None),
        };
        redis.start_again();
        redis
    }

    /// The URL Iris takes (`store.redis_url`).
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// Starts the server (again, after `stop`) on the same port, and waits until it answers.
    pub fn start_again(&self) {
        let script = "redis-server --bind 127.0.0.1 --port \"$1\" --save '' --appendonly no \
                      --dir \"$2\" --logfile \"$2/redis.log\" & r=$!; \
                      while read -r _; do :; done; kill \"$r\" 2>/dev/null; wait";
        let child = Command::new("sh")
            .args(["-c", script, "redis-watch"])
            .arg(self.port.to_string())
            .arg(self.dir.path())
            .stdin(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("redis-server (scripts/install-deps installs it): {e}"));
        *self.server.lock().unwrap() = Some(child);
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.cli(&["PING"]).as_deref() != Some("PONG") {
            assert!(
                Instant::now() < deadline,
                "redis-server did not answer on port {} within 30 s: {}",
                self.port,
                std::fs::read_to_string(self.dir.path().join("redis.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Stops it the hard way SECURITY.md names (`SHUTDOWN NOSAVE`: everything in it is lost),
    /// and waits until the port is closed.
    pub fn stop(&self) {
        let _ = self.cli(&["SHUTDOWN", "NOSAVE"]);
        if let Some(mut child) = self.server.lock().unwrap().take() {
            drop(child.stdin.take());
            let _ = child.wait();
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
            assert!(Instant::now() < deadline, "redis-server still listening");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `redis-cli` against this server; its output without the trailing newline, or `None`
    /// when it could not run the command.
    pub fn cli(&self, args: &[&str]) -> Option<String> {
        let out = Command::new("redis-cli")
            .args(["-h", "127.0.0.1", "-p"])
            .arg(self.port.to_string())
            .args(args)
            .stderr(Stdio::null())
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&out.stdout).trim_end().to_owned();
        (out.status.success() && !text.starts_with("Could not connect")).then_some(text)
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        if let Some(mut child) = self.server.lock().unwrap().take() {
            drop(child.stdin.take());
            let _ = child.wait();
        }
    }
}
