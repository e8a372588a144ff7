//! SECURITY.md item 54: Kratos keeps each email it sends, code included, in `courier_messages`,
//! and its own cleanup leaves that table alone. `config/kratos/courier-retention.sh` scrubs it;
//! here against Kratos on PostgreSQL (as in docker-compose.yml) and on SQLite.
use crate::harness::*;
use crate::helpers::*;
use std::path::Path;
use std::process::Command;

/// Runs the retention job once; what it printed.
fn retention(dsn: &str, grace: &str, path_prefix: Option<&Path>) -> String {
    let script = format!(
        "{}/config/kratos/courier-retention.sh",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut cmd = Command::new("sh");
    cmd.arg(script)
        .env("KRATOS_DSN", dsn)
        .env("GRACE_SECONDS", grace);
    if let Some(dir) = path_prefix {
        let path = std::env::var("PATH").unwrap_or_default();
        cmd.env("PATH", format!("{}:{path}", dir.display()));
    }
    String::from_utf8(run_ok(&mut cmd)).unwrap()
}

/// Asks for a code through Iris; the code, as the SMTP server got it.
async fn code_sent(app: &TestApp, b: &Browser) -> String {
    let asked = b
        .submit("/login", "/login", &[("email", "keep@example.com")])
        .await;
    assert_eq!(asked.status, 303, "{}", asked.text());
    app.sink().wait_for(1).await.pop().unwrap().code()
}

/// The code in a dump as text, or hex-encoded as dumps show `template_data` (a blob).
fn holds(dump: &str, code: &str) -> bool {
    let hex: String = code.bytes().map(|b| format!("{b:02x}")).collect();
    dump.contains(code) || dump.to_lowercase().contains(&hex)
}

/// The job scrubs only messages past the grace period, and a scrubbed code still signs in:
/// Kratos checks its own hash of the code, not the stored email.
async fn scrubs_codes_after_the_grace_period(
    dsn: &str,
    dump: impl Fn() -> String,
    tools: Option<&Path>,
) {
    let (app, kratos) = iris_with_kratos_on(dsn, "10m", |_| {}).await;
    let b = app.browser();
    let code = code_sent(&app, &b).await;
    assert!(
        holds(&dump(), &code),
        "Kratos stored the code: the problem this job exists for"
    );

    assert!(retention(dsn, "3600", tools).contains("scrubbed 0 "));
    assert!(holds(&dump(), &code), "within the grace period: kept");

    let out = retention(dsn, "0", tools);
    assert!(out.contains("scrubbed 1 "), "{out}");
    assert!(!holds(&dump(), &code), "past the grace period: gone");

    let done = b.enter_code(&code).await;
    assert_eq!(done.status, 303, "{}\n{}", done.text(), kratos.log());
    assert_eq!(b.whoami().await.0, 200);
}

#[tokio::test]
async fn the_courier_retention_job_scrubs_codes_from_kratos_on_postgres() {
    let pg = Postgres::start();
    let dsn = pg.create_db("kratos");
    scrubs_codes_after_the_grace_period(&dsn, || pg.dump("kratos"), Some(pg.bin_dir())).await;
}

#[tokio::test]
async fn the_courier_retention_job_scrubs_codes_from_kratos_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kratos.db");
    let dsn = format!("sqlite://{}?_fk=true&mode=rwc", db.display());
    // Kratos's courier writes while the test reads: wait for its lock rather than read an
    // empty dump ("database is locked").
    let dump = || {
        let out = Command::new("sqlite3")
            .args(["-cmd", ".timeout 10000"])
            .arg(&db)
            .arg(".dump")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "sqlite3 .dump: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    scrubs_codes_after_the_grace_period(&dsn, dump, None).await;
}
