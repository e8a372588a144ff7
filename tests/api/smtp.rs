//! The SMTP connections Iris opens itself (TCP_NODELAY, then lettre): delivery to a real MTA
//! (Debian's Postfix, a private instance), and TLS that refuses a certificate it cannot trust
//! whether it starts with STARTTLS or from the first byte.
use crate::helpers::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use tempfile::TempDir;

/// A private Postfix (`tests/support/postfix.sh`) relaying to discard:; stopped when dropped.
struct Postfix {
    dir: TempDir,
    port: u16,
}

impl Postfix {
    fn start() -> Postfix {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let ok = Command::new(script())
            .args([
                "start",
                &dir.path().display().to_string(),
                &port.to_string(),
            ])
            .status()
            .expect("bash for tests/support/postfix.sh")
            .success();
        assert!(
            ok,
            "Postfix did not start (scripts/install-deps installs it; run as root)"
        );
        Postfix { dir, port }
    }

    /// The Message-IDs' local parts (Iris's outbox ids) Postfix has logged taking in.
    fn received(&self) -> Vec<String> {
        let log = std::fs::read_to_string(self.dir.path().join("maillog")).unwrap_or_default();
        let id = regex::Regex::new(r" message-id=<([^@>]+)@").unwrap();
        id.captures_iter(&log).map(|c| c[1].to_owned()).collect()
    }
}

impl Drop for Postfix {
    fn drop(&mut self) {
        let _ = Command::new(script())
            .args(["stop", &self.dir.path().display().to_string()])
            .status();
    }
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/postfix.sh")
}

/// Polls `check` every 100 ms for up to 20 s.
async fn until(what: &str, mut check: impl FnMut() -> bool) {
    for _ in 0..200 {
        if check() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("waited 20 s for {what}");
}

#[tokio::test]
async fn emails_reach_a_real_postfix_each_once_with_its_outbox_id() {
    let postfix = Postfix::start();
    let url = format!("smtp://127.0.0.1:{}", postfix.port);
    let app = spawn_app_with(|s| s.mail.smtp_url = Some(url.into()), &[]).await;
    let b = app.browser();
    for n in 0..5 {
        let email = format!("postfix{n}@example.com");
        let res = b.submit("/login", "/login", &[("email", &email)]).await;
        assert_eq!(res.status, 303);
    }
    until("five emails sent", || {
        app.sql("SELECT count(*) FROM outbox WHERE status = 'sent'") == "5"
    })
    .await;
    let mut ids: Vec<String> = app
        .sql("SELECT id FROM outbox ORDER BY id")
        .lines()
        .map(str::to_owned)
        .collect();
    // Postfix writes its log through a daemon of its own: the lines may trail the replies.
    until("Postfix's log of five messages", || {
        postfix.received().len() >= 5
    })
    .await;
    let mut received = postfix.received();
    received.sort();
    ids.sort();
    assert_eq!(
        received, ids,
        "each outbox row taken in once, by its Message-ID"
    );
    assert_eq!(app.sql("SELECT max(attempts) FROM outbox"), "1");
}

/// A certificate for 127.0.0.1 that no one vouches for (self-signed): right name, no trust.
fn self_signed(dir: &Path) -> (String, String) {
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let ok = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        ])
        .args([
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap()
        .success();
    assert!(ok, "openssl made no certificate");
    (cert.display().to_string(), key.display().to_string())
}

#[tokio::test]
async fn tls_with_an_untrusted_certificate_sends_nothing_and_keeps_trying() {
    for mode in ["starttls", "implicit"] {
        let certs = tempfile::tempdir().unwrap();
        let (cert, key) = self_signed(certs.path());
        let sink_args = [
            "--tls",
            mode,
            "--cert",
            cert.as_str(),
            "--key",
            key.as_str(),
        ];
        let mut app = spawn_app_with(|_| {}, &sink_args).await;
        let port = app.sink().port;
        // The URL is set after the sink picked its port: a restart with it.
        let url = match mode {
            "starttls" => format!("smtp://127.0.0.1:{port}?tls=required"),
            _ => format!("smtps://127.0.0.1:{port}"),
        };
        app.settings.mail.smtp_url = Some(url.into());
        app.restart().await;
        let res = app
            .browser()
            .submit("/login", "/login", &[("email", "tls@example.com")])
            .await;
        assert_eq!(res.status, 303, "{mode}: the email is queued");
        until("a failed attempt", || {
            !app.sql("SELECT coalesce(last_error, '') FROM outbox")
                .is_empty()
        })
        .await;
        let error = app.sql("SELECT last_error FROM outbox");
        assert!(error.contains("certificate"), "{mode}: {error}");
        let status = app.sql("SELECT status FROM outbox");
        assert!(
            status == "queued" || status == "sending",
            "{mode}: {status}"
        );
        assert!(
            app.sink().attempts().is_empty(),
            "{mode}: no DATA reached the sink"
        );
        assert!(app.sink().messages().is_empty(), "{mode}");
    }
}
