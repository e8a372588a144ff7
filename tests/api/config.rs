//! The real binary: config errors name their key, and a whole sign-in leaves no secret in the logs.
use crate::helpers::*;
use std::process::Command;
use std::time::Duration;

fn iris(args: &[&str], env: &[(&str, &str)], dir: &std::path::Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_iris"))
        .args(args)
        .env_remove("IRIS_CONFIG")
        .envs(env.iter().copied())
        .current_dir(dir)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn check_config_names_every_problem_and_serve_refuses_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let prod = [
        ("IRIS__ENVIRONMENT", "production"),
        ("IRIS__MAGIC_LINK__TTL", "11m"),
        ("IRIS__KRATOS__CODE_LIFESPAN", "11m"),
    ];
    let (code, text) = iris(&["check-config"], &prod, dir.path());
    assert_eq!(code, 1, "{text}");
    for key in [
        "server.public_url",
        "secrets.hmac_keys",
        "secrets.session_key",
        "mail.transport",
        "magic_link.ttl",
        "kratos.code_lifespan",
    ] {
        assert!(
            text.contains(&format!("error: {key}:")),
            "{key} not named in:\n{text}"
        );
    }
    let (code, serve_text) = iris(&["serve"], &prod, dir.path());
    assert_ne!(code, 0);
    assert!(
        serve_text.contains("error: secrets.hmac_keys:"),
        "{serve_text}"
    );
}

#[test]
fn the_example_configs_stay_valid() {
    let dir = tempfile::tempdir().unwrap();
    // One per approach and session owner.
    for name in [
        "iris",
        "kratos-code",
        "kratos-recovery",
        "magic-link-kratos",
    ] {
        let example = format!("{}/config/{name}.example.toml", env!("CARGO_MANIFEST_DIR"));
        let (code, text) = iris(&["--config", &example, "check-config"], &[], dir.path());
        assert_eq!(code, 0, "{name}: {text}");
        // The command a Kratos example's first lines tell the operator to run works as written.
        if std::fs::read_to_string(&example)
            .unwrap()
            .contains("kratos-config >")
        {
            let (code, text) = iris(&["--config", &example, "kratos-config"], &[], dir.path());
            assert_eq!(code, 0, "{name}: {text}");
            assert!(text.contains("courier"), "{name}: {text}");
        }
    }
    // The production example only lacks its secret files.
    let prod = format!(
        "{}/config/production.example.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let (code, text) = iris(&["--config", &prod, "check-config"], &[], dir.path());
    assert_ne!(code, 0);
    assert!(text.contains("_file: cannot read /run/secrets/"), "{text}");
}

#[test]
fn unknown_keys_and_bad_values_are_named() {
    let dir = tempfile::tempdir().unwrap();
    for (env, key) in [
        (("IRIS__SIGN_IN__BOGUS", "1"), "sign_in.bogus"),
        (
            ("IRIS__SIGN_IN__APPROACH", "carrier-pigeon"),
            "sign_in.approach",
        ),
        (("IRIS__MAGIC_LINK__TTL", "ten minutes"), "magic_link.ttl"),
        (("IRIS__SECRETS__HMAC_KEYS", "[short]"), "secrets.hmac_keys"),
        (
            ("IRIS__MAIL__SMTP_URL", "smtp://mail.example.com:25"),
            "mail.smtp_url",
        ),
        (("IRIS__STORE__URL", "mysql://db/iris"), "store.url"),
        (("IRIS__MAIL__LEASE", "2s"), "mail.lease"),
    ] {
        let mut vars = vec![env];
        if key == "mail.smtp_url" {
            vars.push(("IRIS__MAIL__TRANSPORT", "smtp"));
        }
        let (code, text) = iris(&["check-config"], &vars, dir.path());
        assert_ne!(code, 0, "{key}: {text}");
        assert!(text.contains(key), "{key} not named in:\n{text}");
    }
}

#[test]
fn secrets_can_come_from_files_and_a_good_file_config_passes() {
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("session.key");
    std::fs::write(&key_file, "too-short\n").unwrap();
    let (code, text) = iris(
        &["check-config"],
        &[(
            "IRIS__SECRETS__SESSION_KEY_FILE",
            key_file.to_str().unwrap(),
        )],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(text.contains("error: secrets.session_key:"), "{text}");

    let config = dir.path().join("iris.toml");
    std::fs::write(
        &config,
        format!(
            "environment = \"production\"\n[server]\npublic_url = \"https://login.example.com\"\n\
             [mail]\ntransport = \"smtp\"\nsmtp_url = \"smtps://user:pass@mail.example.com\"\nfrom = \"Login <login@example.com>\"\n\
             [secrets]\nhmac_keys = [\"{HMAC_KEY}\"]\nsession_key = \"{SESSION_KEY}\"\n"
        ),
    )
    .unwrap();
    let (code, text) = iris(
        &["--config", config.to_str().unwrap(), "check-config"],
        &[],
        dir.path(),
    );
    assert_eq!(code, 0, "{text}");
    let (code, text) = iris(
        &["check-config"],
        &[("IRIS_CONFIG", "/nonexistent.toml")],
        dir.path(),
    );
    assert_ne!(code, 0, "{text}");
}

/// A database URL's password never reaches the terminal: not from check-config, whether the
/// URL is accepted or refused (bad scheme, bad port), whatever the log level.
#[test]
fn check_config_never_prints_the_database_password() {
    let dir = tempfile::tempdir().unwrap();
    // Good PostgreSQL URLs pass, and are not shown either.
    for url in [PG_URL, "postgres://db/iris?user=iris&password=s3cr3t-pw"] {
        let (code, text) = iris(
            &["check-config"],
            &[("IRIS__STORE__URL", url), ("RUST_LOG", "trace")],
            dir.path(),
        );
        assert_eq!(code, 0, "{url}: {text}");
        assert!(!text.contains(PASSWORD), "{url}: the password was printed");
    }
    for url in [
        "mysql://iris:s3cr3t-pw@db/iris",
        "postgres://iris:s3cr3t-pw@db:port/iris",
        "postgres://iris:s3cr3t-pw@db",
    ] {
        let (code, text) = iris(
            &["check-config"],
            &[("IRIS__STORE__URL", url), ("RUST_LOG", "trace")],
            dir.path(),
        );
        assert_ne!(code, 0, "{url}: {text}");
        assert!(
            text.contains("store.url"),
            "{url}: store.url not named in:\n{text}"
        );
        assert!(!text.contains(PASSWORD), "{url}: the password was printed");
    }
    let (_, text) = iris(
        &["check-config"],
        &[("IRIS__STORE__URL", "mysql://iris:s3cr3t-pw@db/iris")],
        dir.path(),
    );
    assert!(text.contains("postgres://"), "the accepted schemes: {text}");
}

/// `store.url_file` holds the URL like any other secret file: trimmed, and used (migrate creates
/// the database it names). A missing file or a bad URL in it is named by key, never echoed.
#[test]
fn the_store_url_can_come_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let url_file = dir.path().join("store.url");
    let db = dir.path().join("from-file.db");
    std::fs::write(&url_file, format!("  sqlite://{}\n", db.display())).unwrap();
    let env = [("IRIS__STORE__URL_FILE", url_file.to_str().unwrap())];
    let (code, text) = iris(&["check-config"], &env, dir.path());
    assert_eq!(code, 0, "{text}");
    let (code, text) = iris(&["migrate"], &env, dir.path());
    assert_eq!(code, 0, "{text}");
    assert!(db.exists(), "migrate did not use the file's URL: {text}");

    let missing = dir.path().join("absent.url");
    let (code, text) = iris(
        &["check-config"],
        &[("IRIS__STORE__URL_FILE", missing.to_str().unwrap())],
        dir.path(),
    );
    assert_ne!(code, 0, "{text}");
    assert!(
        text.contains("error: store.url_file: cannot read"),
        "{text}"
    );

    std::fs::write(&url_file, "mysql://iris:s3cr3t-pw@db/iris\n").unwrap();
    let (code, text) = iris(&["check-config"], &env, dir.path());
    assert_ne!(code, 0, "{text}");
    assert!(text.contains("error: store.url_file:"), "{text}");
    assert!(!text.contains(PASSWORD), "the file's password was printed");
}

/// Starting on a postgres URL (nothing listens on port 1) fails without printing its password,
/// and leaves nothing named after it on disk (SQLite would take the URL for a path).
#[test]
fn serve_and_migrate_on_a_postgres_url_never_print_its_password() {
    let dir = tempfile::tempdir().unwrap();
    let bind = format!("127.0.0.1:{}", free_port());
    let env = [
        ("IRIS__STORE__URL", PG_URL),
        ("IRIS__STORE__TIMEOUT", "2s"),
        ("IRIS__SERVER__BIND", bind.as_str()),
        ("RUST_LOG", "trace"),
    ];
    for command in ["serve", "migrate"] {
        let (code, text) = iris_within(Duration::from_secs(30), &[command], &env, dir.path());
        assert_ne!(code, 0, "{command} started: {text}");
        assert!(text.contains("store.url"), "{command}: {text}");
        assert!(!text.contains(PASSWORD), "{command} printed the password");
    }
    let mut left: Vec<String> = Vec::new();
    let mut todo = vec![dir.path().to_owned()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(d).unwrap() {
            let path = entry.unwrap().path();
            left.push(path.display().to_string());
            if path.is_dir() {
                todo.push(path);
            }
        }
    }
    assert!(!left.concat().contains(PASSWORD), "{left:?}");
}

const PASSWORD: &str = "s3cr3t-pw";
const PG_URL: &str = "postgres://iris:s3cr3t-pw@127.0.0.1:1/iris";

/// `iris` as a child that must exit within `limit` (killed and failed otherwise); its output
/// goes to files, so a chatty child cannot block on a full pipe.
fn iris_within(
    limit: Duration,
    args: &[&str],
    env: &[(&str, &str)],
    dir: &std::path::Path,
) -> (i32, String) {
    let logs = tempfile::tempdir().unwrap();
    let (out, err) = (logs.path().join("stdout"), logs.path().join("stderr"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_iris"))
        .args(args)
        .env_remove("IRIS_CONFIG")
        .envs(env.iter().copied())
        .current_dir(dir)
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::fs::File::create(&err).unwrap())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let text = std::fs::read_to_string(err).unwrap() + &std::fs::read_to_string(out).unwrap();
    (status.code().unwrap_or(-1), text)
}

/// The embedded default (console mail), run as a user would, end to end; every log line is then searched for
/// the link, token and code (SECURITY.md item 51). Then a kill and restart: the generated
/// secrets were kept, so a live link still works.
#[tokio::test]
async fn embedded_default_signs_in_logs_no_secret_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let child = start(dir.path(), port);
    let b = Browser::new(&format!("http://127.0.0.1:{port}"));
    wait_up(&b).await;
    assert!(dir.path().join("iris-data/iris.db").exists());
    assert!(dir.path().join("iris-data/dev-secrets.json").exists());
    let mail_dir = dir.path().join("iris-data/mail");

    let res = b
        .submit("/login", "/login", &[("email", "logs@example.com")])
        .await;
    assert_eq!(res.status, 303);
    let (link, code) = link_and_code(&wait_for_eml(&mail_dir, "logs@example.com").await);
    let token = link.rsplit('=').next().unwrap().to_owned();

    let wrong = if code == "000000" { "111111" } else { "000000" };
    b.enter_code(wrong).await;
    assert_eq!(b.get(&link).await.status, 200);
    b.get(&format!("/login/link?token={token}&x=1")).await;
    assert_eq!(b.enter_code(&code).await.status, 303);
    b.get(&link).await;

    let keeper = Browser::new(&b.base);
    assert_eq!(
        keeper
            .submit("/login", "/login", &[("email", "keep@example.com")])
            .await
            .status,
        303
    );
    let (kept_link, _) = link_and_code(&wait_for_eml(&mail_dir, "keep@example.com").await);

    let (console, logs) = child.stop();
    // The console transport prints each email on stdout, by design, for development; the
    // logs are stderr, and must hold none of it.
    assert!(
        console.contains(&link) && console.contains(&code),
        "{console}"
    );
    assert!(logs.contains("Iris listening on"), "{logs}");
    // In the config's own spelling, never Rust's (`MagicLink`, `Development`, `Console`).
    assert!(
        logs.contains("(approach: magic-link, environment: development)"),
        "{logs}"
    );
    assert!(logs.contains("mail: console;"), "{logs}");
    for rust_spelling in ["MagicLink", "Development", "Console"] {
        assert!(!logs.contains(rust_spelling), "{rust_spelling} in {logs}");
    }
    assert!(logs.contains("request done"), "request log lines expected");
    let encoded: String = url::form_urlencoded::byte_serialize(token.as_bytes()).collect();
    for secret in [
        token.as_str(),
        encoded.as_str(),
        code.as_str(),
        link.as_str(),
    ] {
        assert!(!logs.contains(secret), "a secret reached the logs");
    }

    let again = start(dir.path(), port);
    wait_up(&b).await;
    assert_eq!(keeper.confirm_link(&kept_link).await.status, 303);
    assert_eq!(keeper.whoami().await.1["email"], "keep@example.com");
    again.stop();
}

async fn wait_for_eml(dir: &std::path::Path, recipient: &str) -> std::path::PathBuf {
    for _ in 0..200 {
        let found = std::fs::read_dir(dir).ok().and_then(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains(recipient)))
        });
        if let Some(path) = found {
            return path;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no email for {recipient}");
}

fn start(dir: &std::path::Path, port: u16) -> Running {
    start_with(dir, port, &[("RUST_LOG", "debug")])
}

/// The real binary serving; its output goes to files, as `iris_within`'s does: a pipe nobody
/// reads until the end fills (64 KiB of debug logs) and then blocks the server mid-request.
struct Running {
    child: std::process::Child,
    logs: tempfile::TempDir,
}

impl Running {
    /// Kills it; what it printed (stdout) and logged (stderr).
    fn stop(mut self) -> (String, String) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        let read = |name| std::fs::read_to_string(self.logs.path().join(name)).unwrap();
        (read("stdout"), read("stderr"))
    }
}

fn start_with(dir: &std::path::Path, port: u16, env: &[(&str, &str)]) -> Running {
    let logs = tempfile::tempdir().unwrap();
    let file = |name| std::fs::File::create(logs.path().join(name)).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_iris"))
        .env("IRIS__SERVER__BIND", format!("127.0.0.1:{port}"))
        .env(
            "IRIS__SERVER__PUBLIC_URL",
            format!("http://127.0.0.1:{port}"),
        )
        .env_remove("IRIS_CONFIG")
        .envs(env.iter().copied())
        .current_dir(dir)
        .stdout(file("stdout"))
        .stderr(file("stderr"))
        .spawn()
        .unwrap();
    Running { child, logs }
}

/// The real binary with JSON logs at info and file mail, answering; `extra` adds settings.
async fn start_json_logged(extra: &[(&str, &str)]) -> (tempfile::TempDir, Running, Browser) {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut env = vec![
        ("IRIS__LOG__FORMAT", "json"),
        ("IRIS__MAIL__TRANSPORT", "file"),
        ("RUST_LOG", "info"),
    ];
    env.extend_from_slice(extra);
    let child = start_with(dir.path(), port, &env);
    let b = Browser::new(&format!("http://127.0.0.1:{port}"));
    wait_up(&b).await;
    (dir, child, b)
}

/// Stops the binary; what it logged.
fn stop_for_logs(running: Running) -> String {
    running.stop().1
}

async fn wait_up(b: &Browser) {
    for _ in 0..100 {
        if b.client
            .get(b.url("/health/ready"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server did not come up");
}

fn link_and_code(eml: &std::path::Path) -> (String, String) {
    let raw = std::fs::read_to_string(eml).unwrap();
    let text = mailparse::parse_mail(raw.as_bytes()).unwrap().subparts[0]
        .get_body()
        .unwrap();
    let link = regex::Regex::new(r"http://\S+token=[A-Za-z0-9_-]+")
        .unwrap()
        .find(&text)
        .unwrap()
        .as_str()
        .to_owned();
    let code = regex::Regex::new(r"(?m)^\s+(\d{6})\s*$")
        .unwrap()
        .captures(&text)
        .unwrap()[1]
        .to_owned();
    (link, code)
}

/// `log.format = "json"`: one JSON object per line, each request with its id, method and path;
/// hostile input (CR/LF in the email, quotes in the User-Agent) cannot forge a line or a field,
/// because raw input is never logged at all (SECURITY.md item 53).
#[tokio::test]
async fn json_logs_are_one_object_per_line() {
    let (_dir, child, b) = start_json_logged(&[]).await;
    let token = b.get("/login").await.csrf();
    let res = b
        .client
        .post(b.url("/login"))
        .header("user-agent", "x\", \"event\": \"authn_login_success")
        .form(&[
            ("csrf_token", token.as_str()),
            (
                "email",
                "a@example.com\n{\"event\":\"authn_login_success\"}",
            ),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let logs = stop_for_logs(child);
    let mut requests = 0;
    for line in logs.lines() {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}"));
        assert_ne!(v["event"], "authn_login_success", "injected event");
        if v["message"] == "request done" {
            requests += 1;
            assert!(
                v["span"]["request_id"]
                    .as_str()
                    .is_some_and(|id| !id.is_empty()),
                "{line}"
            );
        }
    }
    assert!(requests >= 3, "{logs}");
}

/// The compose setup stays true, for every approach it can run (`IRIS_SHAPE`): Iris's config
/// with that shape's env file is valid, and the Kratos and Hydra fragments committed beside it
/// are exactly what `iris kratos-config` and `iris hydra-config` print for it.
#[test]
fn compose_configs_are_valid_and_their_fragments_are_current() {
    let dir = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let config = format!("{root}/config/compose/iris.toml");
    let mut shapes: Vec<_> = std::fs::read_dir(format!("{root}/config/compose"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".env").map(str::to_owned)
        })
        .collect();
    shapes.sort();
    assert_eq!(
        shapes,
        [
            "kratos-code",
            "kratos-recovery",
            "kratos-recovery-code",
            "magic-link",
            "magic-link-kratos"
        ]
    );
    for shape in shapes {
        let env_text =
            std::fs::read_to_string(format!("{root}/config/compose/{shape}.env")).unwrap();
        let env: Vec<(&str, &str)> = env_text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| l.split_once('=').unwrap())
            .collect();
        let (code, text) = iris(&["--config", &config, "check-config"], &env, dir.path());
        assert_eq!(code, 0, "{shape}: {text}");
        let out = Command::new(env!("CARGO_BIN_EXE_iris"))
            .args(["--config", &config, "kratos-config"])
            .env_remove("IRIS_CONFIG")
            .envs(env.iter().copied())
            .output()
            .unwrap();
        assert!(out.status.success());
        let committed =
            std::fs::read_to_string(format!("{root}/config/compose/{shape}.kratos.yml")).unwrap();
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            committed,
            "regenerate config/compose/{shape}.kratos.yml (see config/compose/kratos.yml)"
        );
        // And the Hydra fragment of the `hydra` profile, for the same shape.
        let out = Command::new(env!("CARGO_BIN_EXE_iris"))
            .args(["--config", &config, "hydra-config"])
            .env_remove("IRIS_CONFIG")
            .envs(env.iter().copied())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let committed =
            std::fs::read_to_string(format!("{root}/config/compose/{shape}.hydra.yml")).unwrap();
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            committed,
            "regenerate config/compose/{shape}.hydra.yml (see config/compose/hydra.yml)"
        );
    }
}

#[tokio::test]
async fn a_spent_daily_budget_logs_an_alert() {
    let (_dir, child, b) = start_json_logged(&[("IRIS__LIMITS__EMAILS_PER_DAY", "1")]).await;
    let statuses = [
        b.submit("/login", "/login", &[("email", "a@example.com")])
            .await
            .status,
        b.submit("/login", "/login", &[("email", "b@example.com")])
            .await
            .status,
    ];
    assert_eq!(statuses, [303, 503]);
    let logs = stop_for_logs(child);
    let alerts: Vec<serde_json::Value> = logs
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["event"] == "mail_budget_exhausted")
        .collect();
    assert_eq!(alerts.len(), 1, "{logs}");
    assert_eq!(alerts[0]["level"], "ERROR");
}

/// `iris_events_total` counts the log's security events (SECURITY.md item 55), whatever the log
/// level: with `RUST_LOG=warn` the info-level events are not written, yet counted.
#[tokio::test]
async fn metrics_count_security_events_even_when_the_log_is_quiet() {
    let bind = format!("127.0.0.1:{}", free_port());
    let (_dir, child, b) = start_json_logged(&[
        ("IRIS__SERVER__METRICS_BIND", bind.as_str()),
        ("RUST_LOG", "warn"),
    ])
    .await;
    let asked = b
        .submit("/login", "/login", &[("email", "count@example.com")])
        .await;
    assert_eq!(asked.status, 303);
    // "000000" is wrong unless the draw was exactly that (one in a million).
    assert_eq!(b.enter_code("000000").await.status, 400);
    let scrape = reqwest::get(format!("http://{bind}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let logs = stop_for_logs(child);
    for event in ["authn_token_created", "authn_login_fail"] {
        assert_eq!(
            sample(&scrape, &format!("iris_events_total{{event=\"{event}\"}}")),
            Some(1.0),
            "{event} in:\n{scrape}"
        );
        assert!(!logs.contains(event), "not logged at warn: {logs}");
    }
}

/// SECURITY.md item 52: each security event is one JSON line with its time, the request id,
/// the client IP, the event name and the account (its id, or the address masked), and no line
/// holds an address unmasked.
#[tokio::test]
async fn security_events_name_request_client_and_account_never_the_address() {
    let (dir, child, b) = start_json_logged(&[]).await;
    let asked = b
        .submit("/login", "/login", &[("email", "events@example.com")])
        .await;
    assert_eq!(asked.status, 303);
    let mail_dir = dir.path().join("iris-data/mail");
    let (_, code) = link_and_code(&wait_for_eml(&mail_dir, "events@example.com").await);
    let wrong = if code == "000000" { "000001" } else { "000000" };
    assert_eq!(b.enter_code(wrong).await.status, 400);
    assert_eq!(b.enter_code(&code).await.status, 303);
    let logs = stop_for_logs(child);

    let unmasked = regex::Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z]").unwrap();
    let mut seen = Vec::new();
    for line in logs.lines() {
        assert!(!unmasked.is_match(line), "an address in the log: {line}");
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let Some(event) = v["event"].as_str() else {
            continue;
        };
        if !event.starts_with("authn_") {
            continue;
        }
        // Span fields: the request's and the sign-in operation's.
        let spans = v["spans"].as_array().cloned().unwrap_or_default();
        let field = |name: &str| {
            spans
                .iter()
                .find_map(|s| s[name].as_str().map(str::to_owned))
        };
        assert!(
            v["timestamp"].as_str().is_some_and(|t| t.ends_with('Z')),
            "{line}"
        );
        assert!(
            field("request_id").is_some_and(|id| !id.is_empty()),
            "{line}"
        );
        assert_eq!(field("client_ip").as_deref(), Some("127.0.0.1"), "{line}");
        let account = v["account_id"].as_str().map(str::to_owned);
        let masked = field("email");
        assert!(
            account.is_some() || masked.as_deref() == Some("e***@example.com"),
            "{line}"
        );
        seen.push(event.to_owned());
    }
    assert!(seen.contains(&"authn_token_created".to_owned()), "{logs}");
    assert!(seen.contains(&"authn_login_fail".to_owned()), "{logs}");
    assert!(seen.contains(&"authn_login_success".to_owned()), "{logs}");
}

/// The accent colour must be readable: 4.5:1 against white (links on the card, white text on
/// buttons). The dark scheme needs no setting: Iris lightens the colour there itself.
#[test]
fn check_config_refuses_unreadable_colours_unknown_languages_and_unbounded_connections() {
    let dir = tempfile::tempdir().unwrap();
    for (colour, ok) in [
        ("#3b5bdb", true),
        ("#1864ab", true),
        ("#ffd43b", false),
        ("#74c0fc", false),
    ] {
        let (code, text) = iris(
            &["check-config"],
            &[("IRIS__BRANDING__ACCENT_COLOR", colour)],
            dir.path(),
        );
        assert_eq!(code == 0, ok, "{colour}: {text}");
        if !ok {
            assert!(text.contains("error: branding.accent_color:"), "{text}");
            assert!(text.contains(":1 against white"), "{text}");
        }
    }
    let (code, text) = iris(
        &["check-config"],
        &[
            ("IRIS__I18N__LOCALES", "[\"en\", \"xx\"]"),
            ("IRIS__I18N__DEFAULT_LOCALE", "de"),
        ],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(
        text.contains("error: i18n.locales: xx is not shipped"),
        "{text}"
    );
    assert!(
        text.contains("error: i18n.default_locale: de is not among"),
        "{text}"
    );
}

/// actix-http's refusals of malformed requests (raw `\xff`, NUL, CL+TE, duplicate
/// Content-Length, a 64 KB URL, 100 Cookie headers) are not error-level alerts anyone can
/// flood: no ERROR line, one `http_protocol_error` count each in `/metrics`.
#[tokio::test]
async fn malformed_requests_are_counted_not_logged_as_errors() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let bind = format!("127.0.0.1:{}", free_port());
    let (_dir, child, b) =
        start_json_logged(&[("IRIS__SERVER__METRICS_BIND", bind.as_str())]).await;
    let port: u16 = b.base.rsplit(':').next().unwrap().parse().unwrap();
    let long_url = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(65_536));
    let cookies = format!(
        "GET / HTTP/1.1\r\nHost: x\r\n{}\r\n",
        "Cookie: a=b\r\n".repeat(100)
    );
    let hostile: Vec<Vec<u8>> = vec![
        b"GET /\xff HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n".to_vec(),
        b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
            .to_vec(),
        b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello"
            .to_vec(),
        long_url.into_bytes(),
        cookies.into_bytes(),
    ];
    let mut statuses = vec![];
    for request in &hostile {
        let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap();
        let _ = s.write_all(request).await;
        let mut buf = vec![0; 64];
        let n = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf))
            .await
            .map(|r| r.unwrap_or(0))
            .unwrap_or(0);
        statuses.push(
            String::from_utf8_lossy(&buf[..n])
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned(),
        );
    }
    assert!(
        statuses.iter().all(|s| s.starts_with("HTTP/1.1 4")),
        "{statuses:?}"
    );
    let scrape = reqwest::get(format!("http://{bind}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let logs = stop_for_logs(child);
    let counted = sample(&scrape, "iris_events_total{event=\"http_protocol_error\"}");
    assert!(
        counted.is_some_and(|n| n >= hostile.len() as f64),
        "{counted:?} in:\n{scrape}"
    );
    assert!(!logs.contains("\"level\":\"ERROR\""), "{logs}");
}

/// `store.redis_url` holds a password like the database URL: a bad one is named by key and never
/// echoed (check-config, and the file variant); `serve` against a Redis that is not there exits
/// naming the key, without the password, at any log level.
#[test]
fn a_redis_url_is_checked_by_key_and_its_password_never_printed() {
    let dir = tempfile::tempdir().unwrap();
    for url in [
        "redis://:s3cr3t-pw@cache:port/0",
        "memcached://iris:s3cr3t-pw@cache",
    ] {
        let (code, text) = iris(
            &["check-config"],
            &[("IRIS__STORE__REDIS_URL", url), ("RUST_LOG", "trace")],
            dir.path(),
        );
        assert_ne!(code, 0, "{url}: {text}");
        assert!(text.contains("store.redis_url"), "{url}: {text}");
        assert!(!text.contains(PASSWORD), "{url}: the password was printed");
    }
    let url_file = dir.path().join("redis.url");
    std::fs::write(&url_file, "redis:/s3cr3t-pw\n").unwrap();
    let (code, text) = iris(
        &["check-config"],
        &[("IRIS__STORE__REDIS_URL_FILE", url_file.to_str().unwrap())],
        dir.path(),
    );
    assert_ne!(code, 0, "{text}");
    assert!(text.contains("error: store.redis_url_file:"), "{text}");
    assert!(!text.contains(PASSWORD), "the file's password was printed");

    let bind = format!("127.0.0.1:{}", free_port());
    let nothing_there = format!("redis://:s3cr3t-pw@127.0.0.1:{}/0", free_port());
    let env = [
        ("IRIS__STORE__REDIS_URL", nothing_there.as_str()),
        ("IRIS__STORE__TIMEOUT", "2s"),
        ("IRIS__SERVER__BIND", bind.as_str()),
        ("RUST_LOG", "trace"),
    ];
    let (code, text) = iris_within(Duration::from_secs(30), &["serve"], &env, dir.path());
    assert_ne!(code, 0, "serve started without its Redis: {text}");
    assert!(text.contains("store.redis_url"), "{text}");
    assert!(!text.contains(PASSWORD), "serve printed the Redis password");
}

/// The admin listener needs its token, a long one, and a port of its own; check-config names
/// each key and never prints the token.
#[test]
fn the_admin_listener_needs_a_long_token_and_its_own_port() {
    let dir = tempfile::tempdir().unwrap();
    for (env, key) in [
        (
            vec![("IRIS__SERVER__ADMIN_BIND", "127.0.0.1:9465")],
            "secrets.admin_token",
        ),
        (
            vec![
                ("IRIS__SERVER__ADMIN_BIND", "127.0.0.1:9465"),
                ("IRIS__SECRETS__ADMIN_TOKEN", "short-s3cr3t-pw"),
            ],
            "secrets.admin_token",
        ),
        (
            vec![
                ("IRIS__SERVER__ADMIN_BIND", "127.0.0.1:4455"),
                (
                    "IRIS__SECRETS__ADMIN_TOKEN",
                    "admin-token-0123456789abcdef0123456789",
                ),
            ],
            "server.admin_bind",
        ),
    ] {
        let (code, text) = iris(&["check-config"], &env, dir.path());
        assert_ne!(code, 0, "{env:?}: {text}");
        assert!(text.contains(key), "{env:?}: {key} not named in {text}");
        assert!(!text.contains(PASSWORD), "the token was printed: {text}");
    }
    let (code, text) = iris(
        &["check-config"],
        &[
            ("IRIS__SERVER__ADMIN_BIND", "127.0.0.1:9465"),
            (
                "IRIS__SECRETS__ADMIN_TOKEN",
                "admin-token-0123456789abcdef0123456789",
            ),
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{text}");
}

/// `docs/configuration.md`'s table lists every key of `config/iris.example.toml` (commented-out
/// ones included), and the example every key the config types accept: their serde fields, as
/// `check-config` lists them when it refuses an unknown key in each section. None can drift.
#[test]
fn the_configuration_reference_lists_every_key() {
    use std::collections::BTreeSet;
    let root = env!("CARGO_MANIFEST_DIR");
    let is_key = |w: &str| {
        !w.is_empty()
            && w.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };

    let example = std::fs::read_to_string(format!("{root}/config/iris.example.toml")).unwrap();
    let (mut sections, mut example_keys) = (BTreeSet::new(), BTreeSet::new());
    let mut section = String::new();
    for line in example.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix('[') {
            section = name.split(']').next().unwrap().to_owned();
            sections.insert(section.clone());
        } else if let Some((key, _)) = line.trim_start_matches('#').split_once('=') {
            let key = key.trim();
            if is_key(key) {
                example_keys.insert(match section.as_str() {
                    "" => key.to_owned(),
                    s => format!("{s}.{key}"),
                });
            }
        }
    }

    let docs = std::fs::read_to_string(format!("{root}/docs/configuration.md")).unwrap();
    let table = docs
        .split("| key | default | meaning |")
        .nth(1)
        .expect("docs/configuration.md has the reference table");
    let mut doc_keys = BTreeSet::new();
    for row in table.lines().skip(2).take_while(|l| l.starts_with('|')) {
        let first = row.split('|').nth(1).unwrap();
        // `a` or `a` / `a_file`: every code span of the first column is a key.
        doc_keys.extend(first.split('`').skip(1).step_by(2).map(str::to_owned));
    }

    let dir = tempfile::tempdir().unwrap();
    let probe = dir.path().join("probe.toml");
    let fields = |section: &str| -> BTreeSet<String> {
        let body = match section {
            "" => "zz_not_a_key = 1\n".to_owned(),
            s => format!("[{s}]\nzz_not_a_key = 1\n"),
        };
        std::fs::write(&probe, body).unwrap();
        let (code, text) = iris(
            &["--config", probe.to_str().unwrap(), "check-config"],
            &[],
            dir.path(),
        );
        assert_ne!(code, 0, "{text}");
        let line = text
            .lines()
            .find(|l| l.contains("unknown field") && l.contains("zz_not_a_key"))
            .unwrap_or_else(|| panic!("[{section}]: no unknown-field error in:\n{text}"));
        let expected = line.split_once("expected").unwrap().1;
        // "`a`", "`a` or `b`", or "one of `a`, `b`, …": the names are the code spans.
        expected
            .split('`')
            .map(str::trim)
            .filter(|w| is_key(w) && *w != "or")
            .map(|w| match section {
                "" => w.to_owned(),
                s => format!("{s}.{w}"),
            })
            .collect()
    };
    let top = fields("");
    let mut typed_keys: BTreeSet<String> = top.difference(&sections).cloned().collect();
    assert!(
        sections.is_subset(&top),
        "sections of the example the types lack: {:?}",
        sections.difference(&top).collect::<Vec<_>>()
    );
    for s in &sections {
        typed_keys.extend(fields(s));
    }
    assert!(typed_keys.len() > 50, "{typed_keys:?}");

    let differ = |a: &BTreeSet<String>, b: &BTreeSet<String>| {
        (
            a.difference(b).cloned().collect::<Vec<_>>(),
            b.difference(a).cloned().collect::<Vec<_>>(),
        )
    };
    let (only_types, only_example) = differ(&typed_keys, &example_keys);
    assert!(
        only_types.is_empty() && only_example.is_empty(),
        "config/iris.example.toml lacks {only_types:?}; the config types lack {only_example:?}"
    );
    let (only_example, only_docs) = differ(&example_keys, &doc_keys);
    assert!(
        only_example.is_empty() && only_docs.is_empty(),
        "docs/configuration.md lacks {only_example:?}; it lists keys that are not config: {only_docs:?}"
    );
}
