//! Dependencies in trouble: nothing is granted, the user gets a 503 page, Iris recovers alone.
use crate::helpers::*;
use std::time::Duration;

#[tokio::test]
async fn database_unavailable_gives_a_503_page_and_recovers_by_itself() {
    let app = spawn_app_with(|s| s.store.timeout = Duration::from_millis(300), &[]).await;
    let b = app.browser();
    let token = b.get("/login").await.csrf();
    let lock = WriteLock::take(&app.data.path().join("iris.db"));

    let started = std::time::Instant::now();
    let page = b
        .post(
            "/login",
            &[("csrf_token", &token), ("email", "busy@example.com")],
        )
        .await;
    assert_eq!(page.status, 503);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "answered within the timeout"
    );
    assert!(
        page.text().contains("Sign-in is unavailable right now"),
        "{}",
        page.text()
    );
    assert!(page.text().contains("Request id:"));
    for bad in ["sqlx", "sqlite", "database is locked", "panic"] {
        assert!(
            !page.body.to_lowercase().contains(bad),
            "{bad} leaked into the page"
        );
    }
    assert!(page
        .headers
        .get_all("set-cookie")
        .iter()
        .all(|c| !c.to_str().unwrap().starts_with("iris-session")));
    assert!(page.header("content-security-policy").is_some());

    lock.release();
    let page = b
        .post(
            "/login",
            &[("csrf_token", &token), ("email", "busy@example.com")],
        )
        .await;
    assert_eq!(page.status, 303, "recovers without a restart");
    let mail = app.sink().wait_for(1).await.pop().unwrap();
    assert_eq!(mail.rcpt_tos, vec!["busy@example.com"]);
    assert_eq!(
        app.sql("SELECT count(*) FROM credentials"),
        "1",
        "nothing half-written by the failed request"
    );
}
