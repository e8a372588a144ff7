//! Starting and stopping a real Kratos for one test.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::Duration;

use crate::helpers::{built_binary, free_port, spawn_app_on, spawn_app_with, TestApp};

// Throwaway PostgreSQL clusters (here for Kratos's database) are in tests/support/, for every
// suite. A #[path] in this file is relative to its folder, whichever binary includes it.
#[path = "../support/postgres.rs"]
mod postgres;
#[allow(unused_imports)] // the browser suite starts no PostgreSQL
pub use postgres::{run_ok, Postgres};

pub const COURIER_KEY: &str = "iris-test-courier-key-0123456789abcdef";

/// The Kratos binary: `IRIS_TEST_KRATOS` (set by scripts/test), else built (or found in the
/// cache) by scripts/kratos-build.
pub fn kratos_binary() -> PathBuf {
    built_binary("IRIS_TEST_KRATOS", "kratos-build")
}

pub struct Kratos {
    pub public_url: String,
    pub admin_url: String,
    pub dir: tempfile::TempDir,
    child: Child,
    args: Vec<std::ffi::OsString>,
}

/// What Iris's config says; the fragment is generated from it by the real `iris` binary.
pub struct IrisSide {
    pub public_url: String,
    pub code_lifespan: &'static str,
    /// More of Iris's settings that shape the fragment (`IRIS__…` variables for `iris
    /// kratos-config`): the approach, the recovery method, the link lifetime.
    pub env: Vec<(&'static str, &'static str)>,
}

impl Kratos {
    /// Kratos on the `memory` DSN (it migrates itself).
    pub async fn start(iris: &IrisSide) -> Kratos {
        Self::start_on(iris, "memory").await
    }

    /// Kratos on a database of its own (`sqlite://…` or `postgres://…`), migrated first with
    /// `kratos migrate sql` as an operator would.
    pub async fn start_on(iris: &IrisSide, dsn: &str) -> Kratos {
        let dir = tempfile::tempdir().unwrap();
        let (public_port, admin_port) = (free_port(), free_port());
        let public_url = format!("http://127.0.0.1:{public_port}");
        let root = env!("CARGO_MANIFEST_DIR");
        let schema = format!("file://{root}/config/kratos/identity.schema.json");
        let base = std::fs::read_to_string(format!("{root}/config/kratos/test-base.template.yml"))
            .unwrap()
            .replace("{{PUBLIC_PORT}}", &public_port.to_string())
            .replace("{{ADMIN_PORT}}", &admin_port.to_string())
            .replace("{{DSN}}", dsn)
            .replace("{{IDENTITY_SCHEMA_URL}}", &schema);
        assert!(
            base.lines()
                .all(|l| l.trim_start().starts_with('#') || !l.contains("{{")),
            "unreplaced placeholder"
        );
        let base_path = dir.path().join("test-base.yml");
        std::fs::write(&base_path, base).unwrap();

        let fragment = run_ok(
            Command::new(env!("CARGO_BIN_EXE_iris"))
                .arg("kratos-config")
                .env_remove("IRIS_CONFIG")
                .env("IRIS__SERVER__PUBLIC_URL", &iris.public_url)
                .env("IRIS__KRATOS__PUBLIC_URL", &public_url)
                .env("IRIS__KRATOS__CODE_LIFESPAN", iris.code_lifespan)
                .env("IRIS__SECRETS__COURIER_API_KEY", COURIER_KEY)
                .envs(iris.env.iter().copied()),
        );
        let fragment_path = dir.path().join("fragment.yml");
        std::fs::write(&fragment_path, fragment).unwrap();
        if dsn != "memory" {
            run_ok(
                Command::new(kratos_binary())
                    .args(["migrate", "sql", "-e", "--yes", "-c"])
                    .arg(&base_path),
            );
        }

        let args: Vec<std::ffi::OsString> = vec![
            "serve".into(),
            "--dev".into(),
            "--watch-courier".into(),
            "--sqa-opt-out".into(),
            "-c".into(),
            base_path.into(),
            "-c".into(),
            fragment_path.into(),
        ];
        let child = spawn(dir.path(), &args);
        let kratos = Kratos {
            public_url,
            admin_url: format!("http://127.0.0.1:{admin_port}"),
            dir,
            child,
            args,
        };
        kratos.wait_ready().await;
        kratos
    }

    /// Waits until Kratos answers its readiness probe (15 s at most).
    pub async fn wait_ready(&self) {
        let client = reqwest::Client::new();
        for _ in 0..300 {
            let ready = client
                .get(format!("{}/health/ready", self.public_url))
                .send()
                .await
                .is_ok_and(|r| r.status() == 200);
            if ready {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("Kratos not ready after 15 s; log:\n{}", self.log());
    }

    /// Points Iris's settings at this Kratos (public and admin API), in `shape`.
    fn serve(&self, s: &mut iris::config::Settings, shape: Shape) {
        shape.apply(s);
        s.kratos.public_url = Some(self.public_url.parse().unwrap());
        s.kratos.admin_url = Some(self.admin_url.parse().unwrap());
        // A loaded 2-core runner has kept Kratos past the 5 s default (a 503 where a sign-in
        // was meant: gate of 2026-12-03, `code::the_account_page_lists_and_ends_kratos_sessions`).
        // Tests of the timeout itself set their own after this.
        s.kratos.timeout = std::time::Duration::from_secs(30);
    }

    /// Stops Kratos (as a crash would).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Starts it again on the same ports and config (the memory DSN starts empty).
    pub async fn restart(&mut self) {
        self.stop();
        self.child = spawn(self.dir.path(), &self.args);
        self.wait_ready().await;
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("kratos.log")).unwrap_or_default()
    }

    /// Its process id (for CPU accounting).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn config_dir(&self) -> &Path {
        self.dir.path()
    }
}

fn spawn(dir: &Path, args: &[std::ffi::OsString]) -> Child {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("kratos.log"))
        .unwrap();
    Command::new(kratos_binary())
        .args(args)
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .unwrap()
}

impl Drop for Kratos {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Iris in `kratos-code` mode in front of a Kratos of its own on `dsn` (see `Kratos::start_on`),
/// with the admin API and the courier hook; `customise` adjusts Iris's settings.
pub async fn iris_with_kratos_on(
    dsn: &str,
    code_lifespan: &'static str,
    customise: impl FnOnce(&mut iris::config::Settings),
) -> (TestApp, Kratos) {
    iris_with_kratos_as(dsn, code_lifespan, Shape::Code, customise).await
}

/// Which Kratos-backed setup: the fragment Kratos runs with and Iris's settings agree on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `kratos-code`.
    Code,
    /// `kratos-recovery` with `kratos.recovery_method = "link"`.
    RecoveryLink,
    /// `kratos-recovery` with `kratos.recovery_method = "code"`.
    RecoveryCode,
    /// `magic-link` with `magic_link.sessions = "kratos"`.
    MagicLinkKratos,
}

impl Shape {
    fn env(self) -> Vec<(&'static str, &'static str)> {
        match self {
            Shape::Code => vec![],
            Shape::RecoveryLink => vec![
                ("IRIS__SIGN_IN__APPROACH", "kratos-recovery"),
                ("IRIS__KRATOS__RECOVERY_METHOD", "link"),
            ],
            Shape::RecoveryCode => vec![
                ("IRIS__SIGN_IN__APPROACH", "kratos-recovery"),
                ("IRIS__KRATOS__RECOVERY_METHOD", "code"),
            ],
            Shape::MagicLinkKratos => vec![("IRIS__MAGIC_LINK__SESSIONS", "kratos")],
        }
    }

    fn apply(self, s: &mut iris::config::Settings) {
        use iris::config::{Approach, MagicLinkSessions, RecoveryMethodSetting};
        match self {
            Shape::Code => s.sign_in.approach = Approach::KratosCode,
            Shape::RecoveryLink | Shape::RecoveryCode => {
                s.sign_in.approach = Approach::KratosRecovery;
                s.kratos.recovery_method = Some(if self == Shape::RecoveryLink {
                    RecoveryMethodSetting::Link
                } else {
                    RecoveryMethodSetting::Code
                });
            }
            Shape::MagicLinkKratos => {
                s.sign_in.approach = Approach::MagicLink;
                s.magic_link.sessions = MagicLinkSessions::Kratos;
            }
        }
    }
}

/// Iris in front of a Kratos of its own on `dsn`, in the given `shape`, with the admin API and
/// the courier hook; `customise` adjusts Iris's settings after the shape's.
pub async fn iris_with_kratos_as(
    dsn: &str,
    code_lifespan: &'static str,
    shape: Shape,
    customise: impl FnOnce(&mut iris::config::Settings),
) -> (TestApp, Kratos) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    iris_with_kratos_at(listener, dsn, code_lifespan, shape, customise).await
}

/// `iris_with_kratos_as` on a listener the test bound first (to tell Hydra Iris's URL too).
pub async fn iris_with_kratos_at(
    listener: std::net::TcpListener,
    dsn: &str,
    code_lifespan: &'static str,
    shape: Shape,
    customise: impl FnOnce(&mut iris::config::Settings),
) -> (TestApp, Kratos) {
    let iris_url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let iris = IrisSide {
        public_url: iris_url,
        code_lifespan,
        env: shape.env(),
    };
    let kratos = Kratos::start_on(&iris, dsn).await;
    let app = spawn_app_on(
        listener,
        |s| {
            kratos.serve(s, shape);
            s.secrets.courier_api_key = Some(COURIER_KEY.to_owned().into());
            customise(s);
        },
        &[],
    )
    .await;
    (app, kratos)
}

/// One more Iris in `shape` on an already running Kratos, with a database of its own: another
/// node of a scaled-out deployment. Only for shapes where Iris sends its own mail (Kratos's
/// courier knows the first Iris only).
pub async fn another_iris(kratos: &Kratos, shape: Shape) -> TestApp {
    spawn_app_with(|s| kratos.serve(s, shape), &[]).await
}

/// The requests Kratos has served so far, from its log, as "METHOD /path" with ids as `{id}`
/// (Kratos redacts queries), its readiness probes left out.
pub async fn kratos_calls(kratos: &Kratos) -> Vec<String> {
    // Kratos writes a request's line as it answers: let the last one land.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let line =
        regex::Regex::new(r"msg=completed handling request .*? method:(\S+) path:(\S+) ").unwrap();
    let id =
        regex::Regex::new(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").unwrap();
    line.captures_iter(&kratos.log())
        .map(|c| format!("{} {}", &c[1], id.replace_all(&c[2], "{id}")))
        .filter(|call| !call.ends_with("/health/ready") && !call.ends_with("/health/alive"))
        .collect()
}

/// A third party's wrong codes (`limits.account_failures = 2`): two start a 30 s back-off and a
/// third after it doubles it to a minute, so a stranger asking for `victim` then waits (429).
pub async fn lock_out(
    app: &TestApp,
    attacker: &crate::helpers::Browser,
    wrong: &str,
    victim: &str,
) {
    attacker.enter_code(wrong).await;
    attacker.enter_code(wrong).await;
    app.clock.advance(time::Duration::seconds(31));
    attacker.enter_code(wrong).await;
    app.clock.advance(time::Duration::seconds(31));
    let stranger = app
        .browser()
        .submit("/login", "/login", &[("email", victim)])
        .await;
    assert_eq!(stranger.status, 429, "strangers wait out the back-off");
}

/// The email is Iris's sign-in email in the language `tag`: its subject and its `lang`.
pub fn assert_written_in(mail: &crate::helpers::Mail, tag: &str) {
    let catalogue = iris::i18n::Catalogue::all().unwrap();
    let tr = catalogue.for_tag(Some(tag));
    assert_eq!(
        mail.subject,
        tr.format("mail-subject", &[("product", "Iris".into())]),
        "{tag}: {}",
        mail.text
    );
    assert!(
        mail.html.contains(&format!(r#"<html lang="{tag}">"#)),
        "{tag}"
    );
}

/// Creates a Kratos identity through the admin API, as an operator's import would; its id.
pub async fn known_identity(kratos: &Kratos, email: &str) -> String {
    let res = reqwest::Client::new()
        .post(format!("{}/admin/identities", kratos.admin_url))
        .json(&serde_json::json!({ "schema_id": "default", "traits": { "email": email } }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    res.json::<serde_json::Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The identities Kratos has for an address.
pub async fn identities(kratos: &Kratos, email: &str) -> Vec<serde_json::Value> {
    reqwest::get(format!(
        "{}/admin/identities?credentials_identifier={email}",
        kratos.admin_url
    ))
    .await
    .unwrap()
    .json()
    .await
    .unwrap()
}

/// The names of the cookies a response sets, sorted.
pub fn cookie_names(page: &crate::helpers::Page) -> Vec<String> {
    let mut names: Vec<String> = page
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().split('=').next().unwrap().to_owned())
        .collect();
    names.sort();
    names
}

/// A page's HTML without attribute values (CSRF tokens differ between any two pages).
pub fn without_values(page: &crate::helpers::Page) -> String {
    regex::Regex::new(r#"value="[^"]*""#)
        .unwrap()
        .replace_all(&page.body, "")
        .into_owned()
}

/// Nothing a user reads in `kratos-recovery` says recover, recovery, password or reset.
pub fn reads_as_sign_in(what: &str, text: &str) {
    let lower = text.to_lowercase();
    for word in ["recover", "password", "reset"] {
        assert!(!lower.contains(word), "{what} says {word:?}: {text}");
    }
}

/// The sign-in link in an email: Kratos's recovery flow and token, on Iris's URL and path.
pub fn recovery_link(mail: &crate::helpers::Mail) -> String {
    regex::Regex::new(r"https?://\S+/login/link\?flow=[0-9a-f-]+&token=[A-Za-z0-9]+")
        .unwrap()
        .find(&mail.text)
        .expect("a sign-in link in the email")
        .as_str()
        .to_owned()
}
