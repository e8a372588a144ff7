//! Test harness: the app in-process on port 0 with its own SQLite file, a real SMTP server
//! (aiosmtpd, `tests/support/smtp_sink.py`) receiving its mail, and a cookie-keeping "browser"
//! that follows no redirects.
#![allow(dead_code)]

use iris::clock::{ManualClock, SharedClock};
use iris::config::{MailTransport, Settings};
use iris::startup::Application;
use regex::Regex;
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;
use tempfile::TempDir;

/// A port nobody listens on right now, for a server the test starts itself.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The binary named by `env_var` (scripts/test sets it), else the path that `scripts/{script}`
/// prints last (it builds the binary, or finds it in `~/.cache/iris`): Kratos, Hydra.
pub fn built_binary(env_var: &str, script: &str) -> PathBuf {
    if let Ok(path) = std::env::var(env_var) {
        return path.into();
    }
    let out = Command::new(format!("{}/scripts/{script}", env!("CARGO_MANIFEST_DIR")))
        .stderr(Stdio::inherit())
        .output()
        .unwrap_or_else(|e| panic!("scripts/{script} runs: {e}"));
    assert!(out.status.success(), "scripts/{script} failed");
    let stdout = String::from_utf8(out.stdout).unwrap();
    stdout
        .lines()
        .last()
        .expect("the binary's path")
        .trim()
        .into()
}

pub const HMAC_KEY: &str = "test-hmac-key-0123456789abcdefghijklmnopqrstuvwxyz";
pub const SESSION_KEY: &str = "test-session-key-0123456789abcdefghijklmnopqrstuvwxyz-0123456789";

/// A real SMTP server process. Dropped → killed.
pub struct SmtpSink {
    pub port: u16,
    pub dir: PathBuf,
    child: Child,
}

impl SmtpSink {
    pub fn start(dir: &Path, port: u16, extra: &[&str]) -> SmtpSink {
        std::fs::create_dir_all(dir).unwrap();
        let script = std::env::var("IRIS_TEST_SMTP_SINK").unwrap_or_else(|_| {
            format!("{}/tests/support/smtp_sink.py", env!("CARGO_MANIFEST_DIR"))
        });
        let mut child = Command::new("python3")
            .arg(script)
            .args(["--host", "127.0.0.1", "--port", &port.to_string(), "--out"])
            .arg(dir)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 with aiosmtpd (scripts/install-deps installs it)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("READY ")
            .unwrap_or_else(|| panic!("smtp sink did not start: {line:?}"))
            .parse()
            .unwrap();
        SmtpSink {
            port,
            dir: dir.to_owned(),
            child,
        }
    }

    /// Every message accepted so far, in order.
    pub fn messages(&self) -> Vec<Mail> {
        let mut jsons: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        jsons.retain(|p| p.extension().is_some_and(|e| e == "json"));
        jsons.sort();
        jsons
            .iter()
            .map(|json| {
                let meta: serde_json::Value =
                    serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
                let raw = std::fs::read(json.with_extension("eml")).unwrap();
                Mail::parse(meta, raw)
            })
            .collect()
    }

    /// Waits until at least `n` messages arrived (10 s at most).
    /// Its process id (for CPU accounting).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub async fn wait_for(&self, n: usize) -> Vec<Mail> {
        for _ in 0..200 {
            let got = self.messages();
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("expected {n} emails, got {}", self.messages().len());
    }

    /// Waits for the newest message to `address` (10 s at most).
    pub async fn wait_for_rcpt(&self, address: &str) -> Mail {
        for _ in 0..200 {
            if let Some(m) = self
                .messages()
                .into_iter()
                .rev()
                .find(|m| m.rcpt_tos.iter().any(|r| r == address))
            {
                return m;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no email to {address}");
    }

    /// DATA replies given so far (accepted and refused), as (unix time, code).
    pub fn attempts(&self) -> Vec<(f64, u16)> {
        std::fs::read_to_string(self.dir.join("attempts.log"))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| {
                let (t, c) = l.split_once(' ')?;
                Some((t.parse().ok()?, c.parse().ok()?))
            })
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A received email, parsed.
#[derive(Debug, Clone)]
pub struct Mail {
    pub rcpt_tos: Vec<String>,
    pub subject: String,
    pub message_id: String,
    pub text: String,
    pub html: String,
    pub raw: String,
}

impl Mail {
    /// From the sink's `.json` (envelope) and `.eml` (message) files.
    pub fn parse(meta: serde_json::Value, raw: Vec<u8>) -> Mail {
        let parsed = mailparse::parse_mail(&raw).unwrap();
        let header = |name| {
            parsed
                .headers
                .iter()
                .find(|h| h.get_key().eq_ignore_ascii_case(name))
                .map(|h| h.get_value())
                .unwrap_or_default()
        };
        let part = |mime: &str| {
            parsed
                .subparts
                .iter()
                .find(|p| p.ctype.mimetype == mime)
                .map(|p| p.get_body().unwrap())
                .unwrap_or_default()
        };
        Mail {
            rcpt_tos: meta["rcpt_tos"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect(),
            subject: header("Subject"),
            message_id: header("Message-ID"),
            text: part("text/plain"),
            html: part("text/html"),
            raw: String::from_utf8_lossy(&raw).into_owned(),
        }
    }

    pub fn link(&self) -> String {
        self.link_opt().expect("a link in the email")
    }

    /// The sign-in link, if the email has one (Kratos's code emails have none).
    pub fn link_opt(&self) -> Option<String> {
        Regex::new(r"https?://\S+/login/link\?token=[A-Za-z0-9_-]+")
            .unwrap()
            .find(&self.text)
            .map(|m| m.as_str().to_owned())
    }

    /// The "I didn't ask for this" link (the same token on `/login/not-me`).
    pub fn not_me_link(&self) -> String {
        Regex::new(r"https?://\S+/login/not-me\?token=[A-Za-z0-9_-]+")
            .unwrap()
            .find(&self.text)
            .expect("an \"I didn't ask for this\" link in the email")
            .as_str()
            .to_owned()
    }

    pub fn token(&self) -> String {
        self.link().rsplit('=').next().unwrap().to_owned()
    }

    /// A code that is not this email's (a guess that must fail).
    pub fn wrong_code(&self) -> &'static str {
        if self.code() == "000000" {
            "111111"
        } else {
            "000000"
        }
    }

    pub fn code(&self) -> String {
        Regex::new(r"(?m)^\s+(\d{6})\s*$")
            .unwrap()
            .captures(&self.text)
            .expect("a code in the email")[1]
            .to_owned()
    }
}

pub struct TestApp {
    pub address: String,
    pub port: u16,
    pub clock: ManualClock,
    pub settings: Settings,
    pub sink: Option<SmtpSink>,
    pub data: TempDir,
    handle: actix_web::dev::ServerHandle,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// Settings every test starts from: generous per-IP limits (tests of limits lower them).
pub fn test_settings(data: &Path, port: u16, smtp_port: u16) -> Settings {
    let mut s = Settings {
        data_dir: data.to_owned(),
        ..Default::default()
    };
    s.server.public_url = format!("http://127.0.0.1:{port}/").parse().unwrap();
    s.store.url = format!("sqlite://{}/iris.db", data.display())
        .parse()
        .unwrap();
    s.mail.transport = MailTransport::Smtp;
    s.mail.smtp_url = Some(format!("smtp://127.0.0.1:{smtp_port}").into());
    s.mail.retry_base = Duration::from_secs(1);
    s.mail.retry_max = Duration::from_secs(2);
    s.secrets.hmac_keys = vec![HMAC_KEY.to_owned().into()];
    s.secrets.session_key = Some(SESSION_KEY.to_owned().into());
    s.limits.ip_burst = 10_000;
    s.limits.ip_per_minute = 10_000;
    s.server.workers = 2;
    s
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}, &[]).await
}

pub async fn spawn_app_with(customise: impl FnOnce(&mut Settings), sink_args: &[&str]) -> TestApp {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    spawn_app_on(listener, customise, sink_args).await
}

/// Like `spawn_app_with`, on a listener the test bound first (to tell Kratos Iris's URL).
pub async fn spawn_app_on(
    listener: TcpListener,
    customise: impl FnOnce(&mut Settings),
    sink_args: &[&str],
) -> TestApp {
    let data = tempfile::tempdir().unwrap();
    let sink = SmtpSink::start(&data.path().join("sink"), 0, sink_args);
    let port = listener.local_addr().unwrap().port();
    let mut settings = test_settings(data.path(), port, sink.port);
    customise(&mut settings);
    let clock = day_time_clock();
    let (handle, task) = launch(settings.clone(), listener, clock.clone()).await;
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        port,
        clock,
        settings,
        sink: Some(sink),
        data,
        handle,
        task,
    }
}

/// A test's clock, at least an hour before midnight UTC: the daily email budget refills at
/// midnight, so a test run at 23:59 would see it refill halfway (it did, in the browser suite).
/// Tests that want a new day advance to it themselves.
fn day_time_clock() -> ManualClock {
    use iris::clock::Clock;
    let clock = ManualClock::new();
    let now = clock.now();
    let to_midnight = time::Duration::DAY - (now - now.replace_time(time::Time::MIDNIGHT));
    if to_midnight < time::Duration::HOUR {
        clock.advance(to_midnight + time::Duration::MINUTE);
    }
    clock
}

async fn launch(
    settings: Settings,
    listener: TcpListener,
    clock: ManualClock,
) -> (
    actix_web::dev::ServerHandle,
    tokio::task::JoinHandle<std::io::Result<()>>,
) {
    let shared: SharedClock = Arc::new(clock);
    let app = Application::build_on(settings, listener, shared)
        .await
        .expect("app builds");
    let handle = app.server_handle();
    (handle, tokio::spawn(app.run_until_stopped()))
}

/// A second Iris instance on the same database (scale-out); stopped when dropped.
pub struct Sibling {
    pub address: String,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Drop for Sibling {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl TestApp {
    /// Starts another instance with the same settings (database, keys, SMTP) on a new port.
    pub async fn spawn_sibling(&self) -> Sibling {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        let (_, task) = launch(self.settings.clone(), listener, self.clock.clone()).await;
        Sibling { address, task }
    }

    /// A scrape of `/metrics` (the test set `server.metrics_bind`).
    pub async fn metrics(&self) -> String {
        let addr = self.settings.server.metrics_bind.expect("metrics_bind set");
        reqwest::get(format!("http://{addr}/metrics"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    pub fn sink(&self) -> &SmtpSink {
        self.sink.as_ref().expect("smtp sink running")
    }

    pub fn browser(&self) -> Browser {
        Browser::new(&self.address)
    }

    /// Stops the server (as a crash would: nothing flushed on purpose) and starts a new one on
    /// the same port, database and keys.
    pub async fn restart(&mut self) {
        self.handle.stop(false).await;
        (&mut self.task).await.unwrap().unwrap();
        let listener = TcpListener::bind(("127.0.0.1", self.port)).unwrap();
        let (handle, task) = launch(self.settings.clone(), listener, self.clock.clone()).await;
        self.handle = handle;
        self.task = task;
    }

    /// Asks for a sign-in email in `browser` and returns it once it has arrived.
    pub async fn request_email(&self, browser: &Browser, email: &str) -> Mail {
        let before = self.sink().messages().len();
        let res = browser
            .submit("/login", "/login", &[("email", email)])
            .await;
        assert_eq!(res.status, 303, "{}", res.body);
        self.sink().wait_for(before + 1).await.pop().unwrap()
    }

    /// Runs a SQL query against the app's database (read-only checks).
    pub fn sql(&self, query: &str) -> String {
        let out = Command::new("sqlite3")
            .arg(self.data.path().join("iris.db"))
            .arg(query)
            .output()
            .expect("sqlite3");
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.task.abort();
    }
}

#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> Option<&str> {
        self.headers.get("location").and_then(|v| v.to_str().ok())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The session cookie this response set, bare (`iris-session=…`), as a proxy forwards it.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|c| c.to_str().ok())
            .find(|c| c.starts_with("iris-session="))
            .and_then(|c| c.split(';').next())
            .map(str::to_owned)
    }

    pub fn csrf(&self) -> String {
        hidden(&self.body, "csrf_token").expect("a csrf_token field")
    }

    /// The page's text without tags, for "does it say …" checks.
    pub fn text(&self) -> String {
        let t = Regex::new(r"<[^>]*>").unwrap().replace_all(&self.body, " ");
        Regex::new(r"\s+")
            .unwrap()
            .replace_all(&t, " ")
            .into_owned()
    }
}

pub fn hidden(html: &str, name: &str) -> Option<String> {
    let re = Regex::new(&format!(r#"name="{name}" value="([^"]*)""#)).unwrap();
    re.captures(html)
        .map(|c| c[1].replace("&amp;", "&").replace("&quot;", "\""))
}

/// A browser: keeps cookies, follows no redirects.
#[derive(Clone)]
pub struct Browser {
    pub base: String,
    pub client: reqwest::Client,
}

impl Browser {
    pub fn new(base: &str) -> Browser {
        Browser::speaking(base, None)
    }

    /// A browser on another machine: its connections come from `local` (e.g. 127.0.0.2).
    pub fn from_address(base: &str, local: std::net::IpAddr) -> Browser {
        let mut b = Browser::new(base);
        b.client = reqwest::Client::builder()
            .local_address(local)
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        b
    }

    /// A browser whose every request carries `Accept-Language: <language>`.
    pub fn speaking(base: &str, language: Option<&str>) -> Browser {
        let mut headers = reqwest::header::HeaderMap::new();
        if let Some(language) = language {
            headers.insert(
                reqwest::header::ACCEPT_LANGUAGE,
                reqwest::header::HeaderValue::from_str(language).unwrap(),
            );
        }
        Browser {
            base: base.to_owned(),
            client: reqwest::Client::builder()
                .default_headers(headers)
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .user_agent(
                    "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
                )
                .build()
                .unwrap(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base)
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        into_page(self.client.get(self.url(path)).send().await.unwrap()).await
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        into_page(
            self.client
                .post(self.url(path))
                .form(form)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// Loads `page_path` for its CSRF token, then posts `form` (plus the token) to `action`.
    pub async fn submit(&self, page_path: &str, action: &str, form: &[(&str, &str)]) -> Page {
        let token = self.get(page_path).await.csrf();
        let mut fields = vec![("csrf_token", token.as_str())];
        fields.extend_from_slice(form);
        self.post(action, &fields).await
    }

    /// Types `code` into the inbox page's code box and submits it.
    pub async fn enter_code(&self, code: &str) -> Page {
        self.submit("/login/check-email", "/login/code", &[("code", code)])
            .await
    }

    /// Signs out as the home page's button does; the response.
    pub async fn sign_out(&self) -> Page {
        let home = self.get("/").await;
        self.post("/logout", &[("csrf_token", &home.csrf())]).await
    }

    pub async fn whoami(&self) -> (u16, serde_json::Value) {
        let res = self
            .client
            .get(self.url("/sessions/whoami"))
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or_default())
    }

    /// Opens an email's "I didn't ask for this" link and presses its button.
    pub async fn stop_email(&self, mail: &Mail) -> Page {
        let page = self.get(&mail.not_me_link()).await;
        assert_eq!(page.status, 200, "{}", page.text());
        let csrf = page.csrf();
        let token = hidden(&page.body, "token").unwrap();
        self.post(
            "/login/not-me",
            &[("csrf_token", csrf.as_str()), ("token", token.as_str())],
        )
        .await
    }

    /// Opens the emailed link (Iris's, or Kratos's flow and token) and presses its button.
    pub async fn confirm_link(&self, link: &str) -> Page {
        let page = self.get(link).await;
        assert_eq!(page.status, 200, "{}", page.text());
        let csrf = page.csrf();
        let token = hidden(&page.body, "token").unwrap();
        let flow = hidden(&page.body, "flow");
        let mut form = vec![("csrf_token", csrf.as_str()), ("token", token.as_str())];
        if let Some(flow) = &flow {
            form.push(("flow", flow));
        }
        self.post("/login/link", &form).await
    }
}

pub async fn into_page(res: reqwest::Response) -> Page {
    Page {
        status: res.status().as_u16(),
        headers: res.headers().clone(),
        body: res.text().await.unwrap(),
    }
}

/// The value of one sample in a Prometheus/OpenMetrics scrape, e.g. `iris_outbox_pending` or
/// `iris_events_total{event="authn_login_fail"}`; `None` when absent.
pub fn sample(scrape: &str, name: &str) -> Option<f64> {
    scrape.lines().find_map(|line| {
        let value = line.strip_prefix(name)?.strip_prefix(' ')?;
        value.trim().parse().ok()
    })
}

/// Another process holds SQLite's write lock until told to let go.
pub struct WriteLock(std::process::Child);

impl WriteLock {
    pub fn take(db: &std::path::Path) -> WriteLock {
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

    pub fn release(mut self) {
        drop(self.0.stdin.take());
        self.0.wait().unwrap();
    }
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        let _ = self.0.kill();
    }
}

/// Each of `parts` is in `text`, in this order (a page's list, read top to bottom).
pub fn assert_in_order(text: &str, parts: &[&str]) {
    let at: Vec<usize> = parts
        .iter()
        .map(|part| {
            text.find(part)
                .unwrap_or_else(|| panic!("{part:?} not in: {text}"))
        })
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "{parts:?} out of order in: {text}"
    );
}
