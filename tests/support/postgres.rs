//! Throwaway PostgreSQL clusters for tests, from Debian's server binaries (`IRIS_TEST_PG_BIN`,
//! else the newest /usr/lib/postgresql/*/bin). Included by `#[path]` into every test binary that
//! needs one, so it depends on nothing but std and tempfile.
//!
//! Two kinds: `Postgres::start()` gives a test a cluster of its own (stopped and deleted when
//! dropped), for tests that stop, restart or break it; `Postgres::shared()` is one cluster per
//! test process, started on first use, in which each test makes a database of its own with
//! `fresh_db`.
//!
//! Either way a watcher process stops the server and deletes its files once the test process
//! is gone, however it ended: a `static` is never dropped, and a panic with `panic = "abort"`,
//! Ctrl-C or a killed test runner skip `Drop` too, while the server (which `pg_ctl` detaches)
//! would live on.
#![allow(dead_code)] // each test binary uses its own part of this
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure

use std::io::Write;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// A PostgreSQL server on a free 127.0.0.1 port, superuser `postgres` without a password. As
/// root, it runs as the `postgres` user, since PostgreSQL refuses to run as root.
pub struct Postgres {
    pub port: u16,
    bin: PathBuf,
    /// Holds `data/` (the cluster) and `postgres.log`.
    dir: PathBuf,
    /// For `start()`'s clusters: deletes `dir` when dropped, should the watcher not have yet.
    _temp: Option<tempfile::TempDir>,
    as_root: bool,
    /// Cleans up when its stdin closes: see `watch`.
    watcher: Child,
}

impl Postgres {
    /// A cluster for one test, in a temporary directory; dropped → stopped and deleted.
    pub fn start() -> Postgres {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().to_owned();
        Self::init(dir, Some(temp))
    }

    /// The test process's shared cluster, started on first use. Tests share it by making a
    /// database each (`fresh_db`); a test that stops or breaks the server needs `start()`.
    ///
    /// It lives in `CARGO_TARGET_TMPDIR/iris-postgres/<pid of the test process>`, not in a
    /// temporary directory: the watcher deletes it when the process ends, and should even the
    /// watcher have been killed (or the machine rebooted), the next shared cluster finds the
    /// leftover by its dead process id, stops its server if that still runs, and deletes it.
    pub fn shared() -> &'static Postgres {
        static SHARED: OnceLock<Postgres> = OnceLock::new();
        SHARED.get_or_init(|| {
            let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("iris-postgres");
            std::fs::create_dir_all(&base).unwrap();
            sweep(&base, &pg_bin(), is_root());
            let dir = base.join(std::process::id().to_string());
            // A previous process with this id that died before it could clean up.
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir(&dir).unwrap();
            Self::init(dir, None)
        })
    }

    /// initdb into `dir/data`, configured to listen on a free port, started, watched.
    fn init(dir: PathBuf, temp: Option<tempfile::TempDir>) -> Postgres {
        let bin = pg_bin();
        let as_root = is_root();
        if as_root {
            run_ok(Command::new("chown").args(["-R", "postgres"]).arg(&dir));
            let reachable = as_owner("test".as_ref(), true)
                .arg("-w")
                .arg(&dir)
                .status()
                .unwrap();
            assert!(
                reachable.success(),
                "the postgres user cannot reach {} (a parent directory is private to root)",
                dir.display()
            );
        }
        let data = dir.join("data");
        run_ok(
            as_owner(&bin.join("initdb"), as_root)
                .arg("-D")
                .arg(&data)
                .args(["-A", "trust", "-U", "postgres", "--no-sync"]),
        );
        let port = free_port();
        // In postgresql.conf rather than on pg_ctl's command line, so that `start_again` and
        // the cleanup's `pg_ctl stop` need nothing but the data directory.
        // - No Unix socket: every client here uses TCP, and a socket path under a deep
        //   CARGO_TARGET_TMPDIR could pass the 107-byte limit and fail the start.
        // - fsync off: nothing here needs to survive a power cut.
        // - More connections than the default 100: a shared cluster serves every test of a
        //   binary at once, each with its own pool.
        let settings = format!(
            "\n# Iris tests (tests/support/postgres.rs)\n\
             port = {port}\n\
             listen_addresses = '127.0.0.1'\n\
             unix_socket_directories = ''\n\
             fsync = off\n\
             max_connections = 300\n"
        );
        std::fs::OpenOptions::new()
            .append(true)
            .open(data.join("postgresql.conf"))
            .and_then(|mut conf| conf.write_all(settings.as_bytes()))
            .unwrap();

        // Watched before it starts: a failed start leaves nothing behind either.
        let stop_and_delete = {
            let mut stop = as_owner(&bin.join("pg_ctl"), as_root);
            stop.arg("-D").arg(&data).args(["-m", "immediate", "stop"]);
            stop
        };
        let watcher = watch(&dir, &stop_and_delete);
        let pg = Postgres {
            port,
            bin,
            dir,
            _temp: temp,
            as_root,
            watcher,
        };
        pg.start_again();
        pg
    }

    /// A database's URL, as sqlx, Kratos and psql take it.
    pub fn url(&self, db: &str) -> String {
        format!(
            "postgres://postgres@127.0.0.1:{}/{db}?sslmode=disable",
            self.port
        )
    }

    /// Creates a database (`name` a plain lowercase identifier); its URL.
    pub fn create_db(&self, name: &str) -> String {
        self.psql("postgres", &format!("CREATE DATABASE {name}"));
        self.url(name)
    }

    /// Creates a database no other test of this process has, named `<prefix>_<pid>_<n>`; its
    /// URL.
    pub fn fresh_db(&self, prefix: &str) -> String {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let name = format!("{prefix}_{}_{n}", std::process::id());
        // PostgreSQL folds unquoted names to lower case and cuts them at 63 bytes: either would
        // make the URL name another database.
        assert!(
            name.len() <= 63
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "database name {name:?}: use a short lowercase prefix"
        );
        self.create_db(&name)
    }

    /// Runs SQL as the superuser in `db` (a name, or a URL from `create_db`/`fresh_db`), stopping
    /// at the first error; the last statement's rows, unaligned: one line per row, columns
    /// separated by `|`, no header, trailing newline removed.
    pub fn psql(&self, db: &str, sql: &str) -> String {
        let out = run_ok(
            Command::new(self.bin.join("psql"))
                .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"])
                .args(["-h", "127.0.0.1", "-U", "postgres", "-p"])
                .arg(self.port.to_string())
                .args(["-d", db, "-c", sql]),
        );
        String::from_utf8_lossy(&out)
            .trim_end_matches('\n')
            .to_owned()
    }

    /// `pg_dump --data-only` of a database.
    pub fn dump(&self, name: &str) -> String {
        let out = run_ok(
            Command::new(self.bin.join("pg_dump"))
                .args(["--data-only", "-h", "127.0.0.1", "-U", "postgres", "-p"])
                .arg(self.port.to_string())
                .arg(name),
        );
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Stops the server as an operator would (`pg_ctl -m fast`: clients are disconnected,
    /// nothing is lost); the data and the port stay for `start_again`. Never on `shared()`:
    /// other tests are using it.
    pub fn stop(&self) {
        run_ok(
            self.owner_cmd("pg_ctl")
                .arg("-D")
                .arg(self.data())
                .args(["-m", "fast", "-w", "stop"]),
        );
    }

    /// Starts the server (again) on its data and port, and waits until it takes connections.
    /// The port was free when the cluster was made; while stopped, another process may take it.
    pub fn start_again(&self) {
        let out = self
            .owner_cmd("pg_ctl")
            .arg("-D")
            .arg(self.data())
            .arg("-l")
            .arg(self.dir.join("postgres.log"))
            .args(["-w", "start"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "pg_ctl start: {}{}\nlog:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
            self.log()
        );
    }

    /// The server's log so far (for assertion messages).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("postgres.log")).unwrap_or_default()
    }

    /// Where `psql` is, for scripts that need it on their PATH.
    pub fn bin_dir(&self) -> &Path {
        &self.bin
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    /// A server tool, run as the cluster's owner.
    fn owner_cmd(&self, tool: &str) -> Command {
        as_owner(&self.bin.join(tool), self.as_root)
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        // Closing the watcher's stdin is its signal: it stops the server and deletes the files.
        drop(self.watcher.stdin.take());
        let _ = self.watcher.wait();
    }
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().unwrap().stdout == b"0\n"
}

/// `program` as the `postgres` user when we are root, else as ourselves.
fn as_owner(program: &Path, as_root: bool) -> Command {
    if as_root {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

/// Starts a process that waits for its stdin to close, then runs `stop` and deletes `dir`. We
/// hold the only write end of that pipe (std opens pipes close-on-exec, so no other child
/// inherits it), and the kernel closes it when this process ends in any way. The watcher is a
/// process group of its own so that Ctrl-C, which goes to the terminal's foreground group,
/// does not end it with us. Its output goes nowhere: a runner reading ours would otherwise wait
/// for it.
fn watch(dir: &Path, stop: &Command) -> Child {
    Command::new("sh")
        .arg("-c")
        .arg(r#"dir=$1; shift; cat >/dev/null; "$@"; rm -rf "$dir""#)
        .arg("sh")
        .arg(dir)
        .arg(stop.get_program())
        .args(stop.get_args())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .unwrap()
}

/// Deletes the shared clusters under `base` whose test process is gone, stopping their server
/// first if one still runs (its watcher was killed). A directory's name is its test process's id.
fn sweep(base: &Path, bin: &Path, as_root: bool) {
    for entry in std::fs::read_dir(base).unwrap().flatten() {
        let owner = entry.file_name().to_string_lossy().into_owned();
        if owner.parse::<u32>().is_err() || Path::new("/proc").join(&owner).exists() {
            continue;
        }
        let data = entry.path().join("data");
        if postmaster_of(&data).is_some() {
            let _ = as_owner(&bin.join("pg_ctl"), as_root)
                .arg("-D")
                .arg(&data)
                .args(["-m", "immediate", "stop"])
                .output();
        }
        let _ = std::fs::remove_dir_all(entry.path());
    }
}

/// The process id in `data/postmaster.pid` if that process is a server running on `data` (its
/// command line names the data directory, as pg_ctl starts it). Checked because `pg_ctl stop`
/// signals whatever process has that id, and after a reboot it may be anything.
fn postmaster_of(data: &Path) -> Option<u32> {
    let pid_file = std::fs::read_to_string(data.join("postmaster.pid")).ok()?;
    let pid: u32 = pid_file.lines().next()?.trim().parse().ok()?;
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    let data = data.as_os_str().as_encoded_bytes();
    cmdline
        .split(|&b| b == 0)
        .any(|arg| arg == data)
        .then_some(pid)
}

fn pg_bin() -> PathBuf {
    if let Ok(dir) = std::env::var("IRIS_TEST_PG_BIN") {
        return dir.into();
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL server binaries (scripts/install-deps installs them)")
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|p| p.join("postgres").exists())
        .collect();
    found.sort_by_key(|p| {
        p.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    found
        .pop()
        .expect("a PostgreSQL server under /usr/lib/postgresql")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Runs a command that must succeed; its standard output.
pub fn run_ok(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}
