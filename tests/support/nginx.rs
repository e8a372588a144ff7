//! Debian's real nginx for tests, as an unprivileged-friendly throwaway: everything it writes
//! (pid, error log, temp files) in a temp folder, in the foreground (`daemon off`), listening
//! on the loopback ports the test's config names. Stopped when dropped.
//!
//! No silent skip: without nginx the test fails and says how to get it (`scripts/install-deps`
//! installs it).
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Nginx {
    child: Child,
    dir: tempfile::TempDir,
}

fn binary() -> PathBuf {
    let candidates = [PathBuf::from("/usr/sbin/nginx"), PathBuf::from("nginx")];
    candidates
        .into_iter()
        .find(|p| Command::new(p).arg("-v").output().is_ok())
        .unwrap_or_else(|| {
            panic!("nginx is not installed: run scripts/install-deps (Debian's nginx-light)")
        })
}

impl Nginx {
    /// Starts nginx with `http` as the body of its `http { }` block and waits until `port`
    /// (one of the ports that body listens on) accepts connections.
    pub fn start(http: &str, port: u16) -> Nginx {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().display();
        let conf = format!(
            "worker_processes 1;\n\
             pid {d}/nginx.pid;\n\
             error_log {d}/error.log warn;\n\
             events {{ worker_connections 256; }}\n\
             http {{\n\
             access_log off;\n\
             client_body_temp_path {d}/body;\n\
             proxy_temp_path {d}/proxy;\n\
             fastcgi_temp_path {d}/fastcgi;\n\
             uwsgi_temp_path {d}/uwsgi;\n\
             scgi_temp_path {d}/scgi;\n\
             {http}\n\
             }}\n"
        );
        let path = dir.path().join("nginx.conf");
        std::fs::write(&path, conf).unwrap();
        let nginx = binary();
        // `-t` first: a config mistake then fails with nginx's own words.
        let test = Command::new(&nginx)
            .args([
                "-e",
                &format!("{d}/error.log"),
                "-p",
                &d.to_string(),
                "-t",
                "-c",
            ])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            test.status.success(),
            "nginx -t: {}",
            String::from_utf8_lossy(&test.stderr)
        );
        let child = Command::new(&nginx)
            .args(["-e", &format!("{d}/error.log"), "-p", &d.to_string(), "-c"])
            .arg(&path)
            .args(["-g", "daemon off;"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut nginx = Nginx { child, dir };
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = nginx.child.try_wait() {
                panic!("nginx exited ({status}): {}", nginx.error_log());
            }
            assert!(
                Instant::now() < deadline,
                "nginx not listening: {}",
                nginx.error_log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        nginx
    }

    pub fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default()
    }
}

impl Drop for Nginx {
    /// SIGTERM, not SIGKILL: the master then stops its worker too (a killed master would leave
    /// the worker holding the port).
    fn drop(&mut self) {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
