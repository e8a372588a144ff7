//! Starting and stopping a real Kratos for one test.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::helpers::free_port;

pub const COURIER_KEY: &str = "iris-test-courier-key-0123456789abcdef";

/// The Kratos binary: `IRIS_TEST_KRATOS` (set by scripts/test), else built (or found in the
/// cache) by scripts/kratos-build.
pub fn kratos_binary() -> PathBuf {
    if let Ok(path) = std::env::var("IRIS_TEST_KRATOS") {
        return path.into();
    }
    let out = Command::new(format!(
        "{}/scripts/kratos-build",
        env!("CARGO_MANIFEST_DIR")
    ))
    .stderr(Stdio::inherit())
    .output()
    .expect("scripts/kratos-build runs");
    assert!(out.status.success(), "scripts/kratos-build failed");
    let stdout = String::from_utf8(out.stdout).unwrap();
    stdout
        .lines()
        .last()
        .expect("the binary's path")
        .trim()
        .into()
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
}

impl Kratos {
    pub async fn start(iris: &IrisSide) -> Kratos {
        let dir = tempfile::tempdir().unwrap();
        let (public_port, admin_port) = (free_port(), free_port());
        let public_url = format!("http://127.0.0.1:{public_port}");
        let root = env!("CARGO_MANIFEST_DIR");
        let schema = format!("file://{root}/config/kratos/identity.schema.json");
        let base = std::fs::read_to_string(format!("{root}/config/kratos/test-base.template.yml"))
            .unwrap()
            .replace("{{PUBLIC_PORT}}", &public_port.to_string())
            .replace("{{ADMIN_PORT}}", &admin_port.to_string())
            .replace("{{DSN}}", "memory")
            .replace("{{IDENTITY_SCHEMA_URL}}", &schema);
        assert!(
            base.lines()
                .all(|l| l.trim_start().starts_with('#') || !l.contains("{{")),
            "unreplaced placeholder"
        );
        let base_path = dir.path().join("test-base.yml");
        std::fs::write(&base_path, base).unwrap();

        let fragment = Command::new(env!("CARGO_BIN_EXE_iris"))
            .arg("kratos-config")
            .env_remove("IRIS_CONFIG")
            .env("IRIS__SERVER__PUBLIC_URL", &iris.public_url)
            .env("IRIS__KRATOS__PUBLIC_URL", &public_url)
            .env("IRIS__KRATOS__CODE_LIFESPAN", iris.code_lifespan)
            .env("IRIS__SECRETS__COURIER_API_KEY", COURIER_KEY)
            .output()
            .unwrap();
        assert!(
            fragment.status.success(),
            "{}",
            String::from_utf8_lossy(&fragment.stderr)
        );
        let fragment_path = dir.path().join("fragment.yml");
        std::fs::write(&fragment_path, &fragment.stdout).unwrap();

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

    async fn wait_ready(&self) {
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
