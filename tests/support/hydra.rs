//! A real Ory Hydra v2.3.0 for one test: `hydra serve all --dev` on the `memory` DSN, on free
//! 127.0.0.1 ports, from a config file generated into a temp dir, with `urls.login`,
//! `urls.consent` and `urls.logout` pointing at a given Iris. Included by `#[path]` into the
//! test binaries that need one, beside `helpers` (tests/api/helpers.rs: the free port, the
//! binary); depends on tempfile, tokio, reqwest and serde_json too.
//!
//! The binary is `IRIS_TEST_HYDRA` (set by scripts/test) or whatever `scripts/hydra-build`
//! prints. Hydra runs under a small shell that kills it once its stdin closes, so it goes with
//! the test process however that ends (a killed runner skips `Drop`), and that exits when Hydra
//! does, so a Hydra that dies at start fails the test at once with its log.
#![allow(dead_code)] // each test binary uses its own part of this
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::helpers::built_binary;
pub use crate::helpers::free_port;

/// The Hydra binary: `IRIS_TEST_HYDRA` (set by scripts/test), else built (or found in the
/// cache) by scripts/hydra-build.
pub fn hydra_binary() -> PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY
        .get_or_init(|| built_binary("IRIS_TEST_HYDRA", "hydra-build"))
        .clone()
}

pub struct Hydra {
    /// The public API's base URL, without a trailing slash; also the issuer (`urls.self.issuer`).
    pub public_url: String,
    /// The admin API's base URL, without a trailing slash.
    pub admin_url: String,
    /// The Iris that `urls.login`, `urls.consent` and `urls.logout` point at.
    pub iris_url: String,
    dir: tempfile::TempDir,
    child: Option<Child>,
}

impl Hydra {
    /// Hydra with `urls.login` = `{iris_url}/login`, `urls.consent` = `{iris_url}/consent` and
    /// `urls.logout` = `{iris_url}/logout`; returns once both APIs answer `/health/ready`.
    pub async fn start(iris_url: &str) -> Hydra {
        let iris_url = iris_url.trim_end_matches('/').to_owned();
        let dir = tempfile::tempdir().unwrap();
        let public_port = free_port();
        let admin_port = std::iter::repeat_with(free_port)
            .find(|&p| p != public_port)
            .unwrap();
        let public_url = format!("http://127.0.0.1:{public_port}");
        let config = json!({
            "dsn": "memory",
            "log": { "level": "info", "format": "text", "leak_sensitive_values": false },
            "serve": {
                "public": { "host": "127.0.0.1", "port": public_port },
                "admin": { "host": "127.0.0.1", "port": admin_port },
                "cookies": { "same_site_mode": "Lax" },
            },
            // `urls.login`, `.consent`, `.logout` come from `iris hydra-config` (the second
            // file): the tests prove the fragment Iris prints for operators.
            "urls": {
                "self": { "issuer": public_url, "public": public_url },
            },
            "secrets": {
                "system": ["iris-test-hydra-system-secret-0123456789"],
                "cookie": ["iris-test-hydra-cookie-secret-0123456789"],
            },
            "oidc": { "subject_identifiers": { "supported_types": ["public"] } },
        });
        // JSON is what Hydra's config loader reads for a `.json` file.
        std::fs::write(
            dir.path().join("hydra.json"),
            serde_json::to_vec_pretty(&config).unwrap(),
        )
        .unwrap();
        let fragment = Command::new(env!("CARGO_BIN_EXE_iris"))
            .arg("hydra-config")
            .env_remove("IRIS_CONFIG")
            .env("IRIS__SERVER__PUBLIC_URL", &iris_url)
            .output()
            .unwrap();
        assert!(
            fragment.status.success(),
            "iris hydra-config: {}",
            String::from_utf8_lossy(&fragment.stderr)
        );
        std::fs::write(dir.path().join("iris-fragment.yml"), fragment.stdout).unwrap();
        let mut hydra = Hydra {
            public_url,
            admin_url: format!("http://127.0.0.1:{admin_port}"),
            iris_url,
            dir,
            child: None,
        };
        hydra.start_again().await;
        hydra
    }

    /// The issuer URL, as configured and as discovery must report it.
    pub fn issuer(&self) -> &str {
        &self.public_url
    }

    /// Starts Hydra (again, after `stop`) on the same ports and config, and waits until it is
    /// ready. The `memory` DSN starts empty: clients and remembered logins are gone.
    pub async fn start_again(&mut self) {
        assert!(self.child.is_none(), "Hydra is already running");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.path().join("hydra.log"))
            .unwrap();
        // Hydra in the background, its stdin and fd 3 closed; a reader of the shell's stdin
        // (through fd 3: a background list would get /dev/null) kills it on EOF; the shell
        // itself waits for Hydra, so it exits whenever Hydra does.
        let script = "exec 3<&0; \"$@\" </dev/null 3<&- & h=$!; \
                      { while read -r _; do :; done; kill -KILL \"$h\" 2>/dev/null; } <&3 & \
                      exec 3<&-; wait \"$h\"";
        let child = Command::new("sh")
            .args(["-c", script, "hydra-watch"])
            .arg(hydra_binary())
            .args(["serve", "all", "--dev", "--sqa-opt-out", "-c"])
            .arg(self.dir.path().join("hydra.json"))
            .arg("-c")
            .arg(self.dir.path().join("iris-fragment.yml"))
            // Hydra reads its settings from the environment too (DSN, URLS_SELF_ISSUER, …):
            // only the generated file counts here.
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .stdin(Stdio::piped())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        self.child = Some(child);
        self.wait_ready().await;
    }

    /// Waits until the public and the admin API both answer `/health/ready` with 200 (15 s at
    /// most); fails at once with the log if Hydra exits.
    pub async fn wait_ready(&mut self) {
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(15);
        for base in [self.admin_url.clone(), self.public_url.clone()] {
            loop {
                let ready = client
                    .get(format!("{base}/health/ready"))
                    .send()
                    .await
                    .is_ok_and(|r| r.status() == 200);
                if ready {
                    break;
                }
                if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().unwrap()) {
                    panic!(
                        "Hydra exited ({status}) before it was ready; log:\n{}",
                        self.log()
                    );
                }
                assert!(
                    Instant::now() < deadline,
                    "Hydra not ready on {base} after 15 s; log:\n{}",
                    self.log()
                );
                tokio::time::sleep(Duration::from_millis(25)).await;
            }
        }
    }

    /// Stops Hydra (SIGKILL, as a crash would) and waits until both ports are closed.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            drop(child.stdin.take());
            let _ = child.wait();
        }
        let deadline = Instant::now() + Duration::from_secs(15);
        for base in [&self.public_url, &self.admin_url] {
            let addr = base.trim_start_matches("http://");
            while TcpStream::connect(addr).is_ok() {
                assert!(Instant::now() < deadline, "Hydra still listening on {addr}");
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }

    /// Everything Hydra has written so far (every start, appended).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("hydra.log")).unwrap_or_default()
    }

    pub fn config_dir(&self) -> &Path {
        self.dir.path()
    }

    /// Creates an OAuth2 client through the admin API (`POST /admin/clients`), as an operator
    /// would; panics unless Hydra answers 201.
    pub async fn create_client(&self, new: &NewClient) -> OAuthClient {
        let mut body = json!({
            "client_name": new.client_name,
            "grant_types": ["authorization_code", "refresh_token"],
            "response_types": ["code"],
            "scope": new.scope,
            "redirect_uris": new.redirect_uris,
            "post_logout_redirect_uris": new.post_logout_redirect_uris,
            "token_endpoint_auth_method": new.token_endpoint_auth_method.as_str(),
            "skip_consent": new.skip_consent,
        });
        if let Some(id) = &new.client_id {
            body["client_id"] = json!(id);
        }
        let res = reqwest::Client::new()
            .post(format!("{}/admin/clients", self.admin_url))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = res.status();
        let json: Value = res.json().await.unwrap();
        assert_eq!(status, 201, "POST /admin/clients {body}: {json}");
        OAuthClient {
            client_id: json["client_id"].as_str().unwrap().to_owned(),
            client_secret: json["client_secret"].as_str().map(str::to_owned),
            json,
        }
    }

    /// `GET /admin/oauth2/auth/requests/login?login_challenge=…`: the status and the body.
    pub async fn login_request(&self, challenge: &str) -> (u16, Value) {
        let res = reqwest::Client::new()
            .get(format!(
                "{}/admin/oauth2/auth/requests/login",
                self.admin_url
            ))
            .query(&[("login_challenge", challenge)])
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }
}

impl Drop for Hydra {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            drop(child.stdin.take());
            let _ = child.wait();
        }
    }
}

/// How a client authenticates at the token endpoint (`token_endpoint_auth_method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenAuth {
    /// A public client (a single-page or native app): PKCE only, no secret.
    None,
    ClientSecretBasic,
    ClientSecretPost,
}

impl TokenAuth {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenAuth::None => "none",
            TokenAuth::ClientSecretBasic => "client_secret_basic",
            TokenAuth::ClientSecretPost => "client_secret_post",
        }
    }
}

/// What `create_client` asks for; `Default` is a public client for `openid email` that
/// redirects to `http://127.0.0.1:5555/callback` (nothing needs to listen there: tests read
/// the `Location`).
#[derive(Debug, Clone)]
pub struct NewClient {
    /// Chosen by Hydra (a UUID) when `None`.
    pub client_id: Option<String>,
    pub client_name: String,
    pub redirect_uris: Vec<String>,
    /// Each must have the scheme, host and port of a redirect URI (Hydra answers 400
    /// `invalid_client_metadata` otherwise).
    pub post_logout_redirect_uris: Vec<String>,
    /// Space-separated, as Hydra stores it.
    pub scope: String,
    pub token_endpoint_auth_method: TokenAuth,
    /// A hint for the consent app (Iris); Hydra itself never skips consent on it.
    pub skip_consent: bool,
}

impl Default for NewClient {
    fn default() -> Self {
        NewClient {
            client_id: None,
            client_name: "Test App".to_owned(),
            redirect_uris: vec!["http://127.0.0.1:5555/callback".to_owned()],
            post_logout_redirect_uris: vec!["http://127.0.0.1:5555/signed-out".to_owned()],
            scope: "openid email".to_owned(),
            token_endpoint_auth_method: TokenAuth::None,
            skip_consent: false,
        }
    }
}

/// A client as Hydra created it.
#[derive(Debug, Clone)]
pub struct OAuthClient {
    pub client_id: String,
    /// Only for confidential clients, and only in the answer to the creation.
    pub client_secret: Option<String>,
    /// Hydra's whole answer.
    pub json: Value,
}
