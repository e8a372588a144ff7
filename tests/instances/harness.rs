//! Two `iris serve` processes (the real binary) on one PostgreSQL database, behind one public
//! URL, sending to one SMTP sink.
//!
//! "Behind one public URL": both instances are configured with instance A's URL as
//! `server.public_url` and with the same keys, and both listen on 127.0.0.1 (B on another
//! port). Cookies ignore ports, so one cookie jar serves both (`Pair::browsers`), as a browser
//! behind a load balancer would; an emailed link, which names A, is opened on B by swapping the
//! origin (`Pair::at`). The only setting that differs is `mail.from`, so that the sink can tell
//! which instance's worker sent a message.
#![allow(dead_code)] // each test file uses its own part of this

use crate::helpers::{free_port, Browser, Mail, SmtpSink};
use crate::instance::Instance;
use crate::postgres::Postgres;
use iris::clock::{Clock, SystemClock};
use rand::distributions::{Alphanumeric, DistString};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a starting instance may take to answer `/health/ready` (a loaded 2-core machine).
const READY_WITHIN: Duration = Duration::from_secs(60);

/// Instances A and B on one database, with their sink. Fields drop in order: the instances
/// first, then the sink, then the files.
pub struct Pair<'pg> {
    pub a: Instance,
    pub b: Instance,
    pub sink: SmtpSink,
    /// The database's URL.
    pub db: String,
    /// The public URL both instances are configured with (A's origin).
    pub public: String,
    pg: &'pg Postgres,
    _dir: tempfile::TempDir,
}

impl Pair<'static> {
    /// Two instances on a fresh database of this process's shared cluster, with `settings`
    /// (`("limits.code_attempts", "5")`, …) on top of `base_config`'s.
    pub async fn start(settings: &[(&str, &str)]) -> Pair<'static> {
        Self::start_with(settings, &[]).await
    }

    /// Like `start`, with arguments for the sink (`--delay 2`).
    pub async fn start_with(settings: &[(&str, &str)], sink_args: &[&str]) -> Pair<'static> {
        let pg = Postgres::shared();
        let db = pg.fresh_db("instances");
        Pair::start_on(pg, db, settings, sink_args).await
    }
}

impl<'pg> Pair<'pg> {
    /// Two instances on database `db` of `pg`, both started at once (neither waits for the
    /// other's migrations), then both waited for.
    pub async fn start_on(
        pg: &'pg Postgres,
        db: String,
        settings: &[(&str, &str)],
        sink_args: &[&str],
    ) -> Pair<'pg> {
        let dir = tempfile::tempdir().unwrap();
        let sink = SmtpSink::start(&dir.path().join("sink"), 0, sink_args);
        let port_a = free_port();
        let port_b = loop {
            let port = free_port();
            if port != port_a {
                break port;
            }
        };
        let public = format!("http://127.0.0.1:{port_a}");
        let keys = (random_secret(), random_secret());
        let env: Vec<(String, String)> = settings
            .iter()
            .map(|(key, value)| (env_name(key), (*value).to_owned()))
            .collect();
        let mut instances = [("a", port_a), ("b", port_b)].map(|(name, port)| {
            let config = dir.path().join(format!("{name}.toml"));
            let data = dir.path().join(format!("data-{name}"));
            std::fs::write(
                &config,
                base_config(&public, port, &db, sink.port, name, &data, &keys),
            )
            .unwrap();
            Instance::spawn(name, port, &config, &env)
        });
        let (a, b) = instances.split_at_mut(1);
        tokio::join!(a[0].wait_ready(READY_WITHIN), b[0].wait_ready(READY_WITHIN));
        let [a, b] = instances;
        Pair {
            a,
            b,
            sink,
            db,
            public,
            pg,
            _dir: dir,
        }
    }

    /// A query's rows in `psql -A -t` form (see `Postgres::psql`).
    pub fn sql(&self, query: &str) -> String {
        self.pg.psql(&self.db, query)
    }

    /// A, B, A, B, … by `i`.
    pub fn instance(&self, i: usize) -> &Instance {
        if i % 2 == 0 {
            &self.a
        } else {
            &self.b
        }
    }

    /// `url` (an emailed link, on the public URL) as reached on `instance` directly.
    pub fn at(&self, instance: &Instance, url: &str) -> String {
        let path = url
            .strip_prefix(&self.public)
            .unwrap_or_else(|| panic!("{url} is not on the public URL {}", self.public));
        format!("{}{path}", instance.base)
    }

    /// One browser (one cookie jar) as seen through A and through B.
    pub fn browsers(&self) -> (Browser, Browser) {
        let on_a = self.a.browser();
        let on_b = Browser {
            base: self.b.base.clone(),
            client: on_a.client.clone(),
        };
        (on_a, on_b)
    }

    /// Emails the sink has accepted so far (cheap: counts its files).
    pub fn received(&self) -> usize {
        std::fs::read_dir(&self.sink.dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
                    .count()
            })
            .unwrap_or(0)
    }

    /// Every email the sink accepted, with its envelope sender.
    pub fn deliveries(&self) -> Vec<Delivery> {
        let mut jsons: Vec<PathBuf> = std::fs::read_dir(&self.sink.dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        jsons.sort();
        jsons
            .iter()
            .map(|json| {
                let meta: serde_json::Value =
                    serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
                let raw = std::fs::read(json.with_extension("eml")).unwrap();
                let from = meta["mail_from"].as_str().unwrap().to_owned();
                let received_at = meta["received_at"].as_f64().unwrap();
                let mail = Mail::parse(meta, raw);
                Delivery {
                    sender: Sender::of(&from),
                    to: mail.rcpt_tos[0].clone(),
                    received_at,
                    mail,
                }
            })
            .collect()
    }

    /// Waits until the sink has accepted at least `n` emails.
    pub async fn wait_received(&self, n: usize, within: Duration) {
        eventually(&format!("{n} emails at the sink"), within, || {
            (self.received() >= n).then_some(())
        })
        .await;
    }

    /// Waits until the outbox holds nothing queued or being sent, and returns its rows by
    /// status (`sent 3`, …).
    pub async fn wait_outbox_drained(&self, within: Duration) -> String {
        eventually("the outbox to drain", within, || {
            let pending =
                self.sql("SELECT count(*) FROM outbox WHERE status IN ('queued', 'sending')");
            (pending == "0").then_some(())
        })
        .await;
        self.sql("SELECT status || ' ' || count(*) FROM outbox GROUP BY status ORDER BY status")
    }

    /// Asks for an email to `address` in `browser` (whose instance is its base) and returns it
    /// once the sink has it.
    pub async fn request_email(&self, browser: &Browser, address: &str) -> Mail {
        let res = browser
            .submit("/login", "/login", &[("email", address)])
            .await;
        assert_eq!(res.status, 303, "{}", res.text());
        eventually(
            &format!("an email to {address}"),
            Duration::from_secs(60),
            || {
                self.deliveries()
                    .into_iter()
                    .rev()
                    .find(|d| d.to == address)
                    .map(|d| d.mail)
            },
        )
        .await
    }
}

/// Which instance's worker sent an email (their `mail.from` differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sender {
    A,
    B,
}

impl Sender {
    fn of(mail_from: &str) -> Sender {
        match mail_from {
            "login-a@example.com" => Sender::A,
            "login-b@example.com" => Sender::B,
            other => panic!("an email from {other}"),
        }
    }
}

/// An email the sink accepted.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub sender: Sender,
    pub to: String,
    /// Unix time (s) at which the sink got its DATA.
    pub received_at: f64,
    pub mail: Mail,
}

/// Polls `check` every 100 ms until it gives a value; fails after `within`.
pub async fn eventually<T>(
    what: &str,
    within: Duration,
    mut check: impl FnMut() -> Option<T>,
) -> T {
    let deadline = Instant::now() + within;
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(Instant::now() < deadline, "waited {within:?} for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Unix seconds now, as the instances' clocks read it.
pub fn unix_now() -> i64 {
    SystemClock.now().unix_timestamp()
}

/// If UTC midnight (when the daily budget refills) is less than `margin` away, waits until it
/// has passed: a test counting against the day's budget must not straddle two days.
pub async fn clear_of_midnight(margin: Duration) {
    let left = 86_400 - unix_now().rem_euclid(86_400);
    if left < margin.as_secs() as i64 {
        tokio::time::sleep(Duration::from_secs(left as u64 + 1)).await;
    }
}

/// `limits.code_attempts` → `IRIS__LIMITS__CODE_ATTEMPTS`.
fn env_name(key: &str) -> String {
    format!("IRIS__{}", key.replace('.', "__").to_uppercase())
}

/// 48 random letters and digits (config validation wants 32 bytes or more).
fn random_secret() -> String {
    Alphanumeric.sample_string(&mut rand::thread_rng(), 48)
}

/// The settings both instances share, but for `bind`, `data_dir` and `mail.from`. Limits a
/// test is not about are out of the way: the per-IP limit (per instance anyway, see main.rs),
/// connections per client address (every test client is 127.0.0.1), the day's budget.
fn base_config(
    public: &str,
    port: u16,
    db: &str,
    smtp_port: u16,
    name: &str,
    data: &Path,
    (hmac_key, session_key): &(String, String),
) -> String {
    let data = data.display();
    format!(
        r#"environment = "development"
data_dir = "{data}"

[server]
bind = "127.0.0.1:{port}"
public_url = "{public}"
workers = 2
max_connections_per_ip = 4096

[store]
url = "{db}"
max_connections = 16
timeout = "10s"

[mail]
transport = "smtp"
smtp_url = "smtp://127.0.0.1:{smtp_port}"
from = "Iris {name} <login-{name}@example.com>"
retry_base = "1s"
retry_max = "2s"

[secrets]
hmac_keys = ["{hmac_key}"]
session_key = "{session_key}"

[limits]
ip_per_minute = 1000000
ip_burst = 1000000
emails_per_day = 1000000
"#
    )
}
