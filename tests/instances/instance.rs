//! One `iris serve` process of a test: started with a config file, waited for, killed.
#![allow(dead_code)] // each test file uses its own part of this

use crate::helpers::Browser;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One `iris serve` process. Dropped → killed (SIGKILL) and reaped.
pub struct Instance {
    pub name: &'static str,
    /// `http://127.0.0.1:<port>`: where this instance is reached directly.
    pub base: String,
    child: Child,
    log: PathBuf,
}

impl Instance {
    /// Starts `iris --config <config> serve` with `env` on top (only `IRIS__…` settings from
    /// the test, none from the environment the tests run in).
    pub fn spawn(name: &'static str, port: u16, config: &Path, env: &[(String, String)]) -> Self {
        let dir = config.parent().unwrap();
        let log = dir.join(format!("{name}.log"));
        let file = std::fs::File::create(&log).unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_iris"));
        cmd.arg("--config").arg(config).arg("serve");
        cmd.env_remove("IRIS_CONFIG");
        for (key, _) in std::env::vars() {
            if key.starts_with("IRIS__") {
                cmd.env_remove(key);
            }
        }
        let child = cmd
            .envs(env.iter().map(|(k, v)| (k, v)))
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(file.try_clone().unwrap())
            .stderr(file)
            .spawn()
            .unwrap();
        Instance {
            name,
            base: format!("http://127.0.0.1:{port}"),
            child,
            log,
        }
    }

    /// A browser of its own (a fresh cookie jar) that talks to this instance.
    pub fn browser(&self) -> Browser {
        Browser::new(&self.base)
    }

    /// What the process wrote (stdout and stderr) so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Still running (not exited, not killed)?
    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// `kill -9`: no shutdown, nothing flushed, nothing marked.
    pub fn kill9(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// SIGSTOP: the process keeps its connections but runs nothing until `resume`.
    pub fn pause(&self) {
        self.signal("-STOP");
    }

    /// SIGCONT after `pause`.
    pub fn resume(&self) {
        self.signal("-CONT");
    }

    fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .arg(signal)
            .arg(self.child.id().to_string())
            .status()
            .unwrap();
        assert!(status.success(), "kill {signal} {}", self.name);
    }

    /// `GET /health/ready`'s status (0 when nothing answered within 10 s).
    pub async fn ready_status(&self) -> u16 {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap();
        match client
            .get(format!("{}/health/ready", self.base))
            .send()
            .await
        {
            Ok(res) => res.status().as_u16(),
            Err(_) => 0,
        }
    }

    /// Waits until `/health/ready` answers 200; fails at once, with the log, if the process
    /// exits meanwhile.
    pub async fn wait_ready(&mut self, within: Duration) {
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!(
                    "{} exited ({status}) before it was ready:\n{}",
                    self.name,
                    self.log()
                );
            }
            if self.ready_status().await == 200 {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{} not ready within {within:?}:\n{}",
                self.name,
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
