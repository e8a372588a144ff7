//! Dependencies in trouble: nothing is granted, the user gets a 503 page, Iris recovers alone.
use crate::helpers::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Another process holds SQLite's write lock until told to let go.
struct WriteLock(std::process::Child);

impl WriteLock {
    fn take(db: &std::path::Path) -> WriteLock {
        let mut child = Command::new("python3")
            .arg("-c")
            .arg("import sqlite3, sys\nc = sqlite3.connect(sys.argv[1], isolation_level=None)\nc.execute('BEGIN EXCLUSIVE')\nprint('locked', flush=True)\nsys.stdin.read()\nc.execute('COMMIT')")
            .arg(db)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "locked");
        WriteLock(child)
    }

    fn release(mut self) {
        drop(self.0.stdin.take());
        self.0.wait().unwrap();
    }
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        let _ = self.0.kill();
    }
}

#[tokio::test]
async fn database_unavailable_gives_a_503_page_and_recovers_by_itself() {
    let app = spawn_app_with(|s| s.store.timeout = Duration::from_millis(300), &[]).await;
    let b = app.browser();
    let token = b.get("/login").await.csrf();
    let lock = WriteLock::take(&app.data.path().join("iris.db"));

    let started = std::time::Instant::now();
    let page = b
        .post(
            "/login",
            &[("csrf_token", &token), ("email", "busy@example.com")],
        )
        .await;
    assert_eq!(page.status, 503);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "answered within the timeout"
    );
    assert!(
        page.text().contains("Sign-in is unavailable right now"),
        "{}",
        page.text()
    );
    assert!(page.text().contains("Request id:"));
    for bad in ["sqlx", "sqlite", "database is locked", "panic"] {
        assert!(
            !page.body.to_lowercase().contains(bad),
            "{bad} leaked into the page"
        );
    }
    assert!(page
        .headers
        .get_all("set-cookie")
        .iter()
        .all(|c| !c.to_str().unwrap().starts_with("iris-session")));
    assert!(page.header("content-security-policy").is_some());

    lock.release();
    let page = b
        .post(
            "/login",
            &[("csrf_token", &token), ("email", "busy@example.com")],
        )
        .await;
    assert_eq!(page.status, 303, "recovers without a restart");
    let mail = app.sink().wait_for(1).await.pop().unwrap();
    assert_eq!(mail.rcpt_tos, vec!["busy@example.com"]);
    assert_eq!(
        app.sql("SELECT count(*) FROM credentials"),
        "1",
        "nothing half-written by the failed request"
    );
}
