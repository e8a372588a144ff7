//! Retention (security.md item 54): spent credentials, their outbox rows, expired sessions and
//! old limit counters are deleted after their time plus a grace period.
use iris::clock::Clock;
use iris::domain::credential::{IssueOutcome, SendLimits};
use iris::domain::EmailAddress;
use iris::store::{IssueRequest, Recipients, SqliteStore};
use std::time::Duration;
use time::OffsetDateTime;

fn request(email: &str, now: OffsetDateTime, n: u8) -> IssueRequest {
    IssueRequest {
        email: EmailAddress::parse(email).unwrap(),
        recipients: Recipients::Anyone,
        credential_id: format!("cred-{n}"),
        token_hash: [n; 32],
        code_hash: [n; 32],
        return_to: "/".into(),
        requested_by: "test".into(),
        expires_at: now + time::Duration::minutes(10),
        outbox_id: format!("out-{n}"),
        sealed_payload: vec![n; 8],
        limits: SendLimits {
            cooldown: Duration::from_secs(60),
            per_hour: 5,
            per_day: 1000,
        },
        trusted: false,
    }
}

#[tokio::test]
async fn purge_removes_what_has_expired_and_keeps_what_is_live() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/iris.db", dir.path().display());
    let store = SqliteStore::open(&url, 2, Duration::from_secs(5))
        .await
        .unwrap()
        .stores();
    let start = iris::clock::SystemClock.now();
    // Two days back: a day of the outbound budget that is long over.
    let past = start - time::Duration::days(2);
    store
        .sign_in
        .issue(request("older@example.com", past, 3), past)
        .await
        .unwrap();
    let issued = store
        .sign_in
        .issue(request("old@example.com", start, 1), start)
        .await
        .unwrap();
    assert!(matches!(issued, IssueOutcome::Issued { .. }));
    store
        .sessions
        .save_session(b"old-session", None, "{}", start + time::Duration::hours(1))
        .await
        .unwrap();

    let later = start + time::Duration::hours(3);
    store
        .sign_in
        .issue(request("new@example.com", later, 2), later)
        .await
        .unwrap();
    store
        .sessions
        .save_session(
            b"live-session",
            Some("account-1"),
            "{}",
            later + time::Duration::hours(1),
        )
        .await
        .unwrap();

    let removed = store.purge(Duration::from_secs(3600), later).await.unwrap();
    assert!(
        removed >= 4,
        "credential, outbox row, session and limits row: {removed}"
    );
    let db = dir.path().join("iris.db");
    let sql = |query: String| {
        let out = std::process::Command::new("sqlite3")
            .arg(&db)
            .arg(query)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    };
    let count = |table: &str| sql(format!("SELECT count(*) FROM {table}"));
    for table in ["credentials", "outbox", "sessions", "email_limits"] {
        assert_eq!(count(table), "1", "{table}: only the live row is left");
    }
    let day = |t: time::OffsetDateTime| t.unix_timestamp().div_euclid(86_400);
    let budget = |d: i64| sql(format!("SELECT count(*) FROM email_budget WHERE day = {d}"));
    assert_eq!(budget(day(past)), "0", "a past day's budget is purged");
    assert_eq!(budget(day(later)), "1", "today's budget is kept");
    assert!(store
        .sessions
        .load_session(b"live-session", later)
        .await
        .unwrap()
        .is_some());
}
