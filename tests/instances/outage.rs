//! The database going away under both instances (design.md §7): 503 pages within
//! `store.timeout`, nothing granted, and both recover by themselves when it is back.
use crate::harness::Pair;
use crate::helpers::{hidden, Page};
use crate::postgres::Postgres;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(2);
/// What answering "within store.timeout" may add: the request itself on a loaded machine.
const SLACK: Duration = Duration::from_secs(2);

/// A 503 error page, in time, with no session cookie.
fn assert_unavailable(what: &str, page: &Page, took: Duration) {
    println!("{what}: {} after {took:?}", page.status);
    assert_eq!(page.status, 503, "{what}: {}", page.text());
    assert!(
        page.text().contains("Sign-in is unavailable right now"),
        "{what}: {}",
        page.text()
    );
    assert!(took < TIMEOUT + SLACK, "{what} took {took:?}");
    assert!(
        page.headers
            .get_all("set-cookie")
            .iter()
            .all(|c| !c.to_str().unwrap().starts_with("iris-session")),
        "{what} set a session cookie"
    );
}

/// A cluster of the test's own is stopped under both instances. Asking for an email (on A),
/// confirming a live link (on B) and typing its code (on A) each answer the 503 page within
/// `store.timeout` (2 s) plus slack, with no session; `/health/ready` is 503 on both. Once the
/// cluster is back, both are ready again without a restart: the same code signs in through B,
/// a new sign-in asked for on B is confirmed on A, and nothing was written for the request
/// made during the outage.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_database_down_both_answer_503_grant_nothing_and_recover_by_themselves() {
    let pg = Postgres::start();
    let db = pg.create_db("iris");
    let mut pair = Pair::start_on(&pg, db, &[("store.timeout", "2s")], &[]).await;

    // Before the outage: a pending sign-in, and every form's token in hand.
    let (on_a, on_b) = pair.browsers();
    let mail = pair.request_email(&on_a, "before@example.com").await;
    let confirm = on_b.get(&pair.at(&pair.b, &mail.link())).await;
    assert_eq!(confirm.status, 200);
    let code_csrf = on_a.get("/login/check-email").await.csrf();
    let stranger = pair.a.browser();
    let login_csrf = stranger.get("/login").await.csrf();
    let linker = pair.b.browser();
    let link_csrf = linker.get("/login").await.csrf();
    let sent = pair.received();

    pg.stop();
    let started = Instant::now();
    let page = stranger
        .post(
            "/login",
            &[("csrf_token", &login_csrf), ("email", "during@example.com")],
        )
        .await;
    assert_unavailable("POST /login on A", &page, started.elapsed());

    let started = Instant::now();
    let token = hidden(&confirm.body, "token").unwrap();
    let page = linker
        .post(
            "/login/link",
            &[("csrf_token", &link_csrf), ("token", &token)],
        )
        .await;
    assert_unavailable("POST /login/link on B", &page, started.elapsed());

    let started = Instant::now();
    let page = on_a
        .post(
            "/login/code",
            &[("csrf_token", &code_csrf), ("code", &mail.code())],
        )
        .await;
    assert_unavailable("POST /login/code on A", &page, started.elapsed());

    for instance in [&pair.a, &pair.b] {
        assert_eq!(instance.ready_status().await, 503, "{}", instance.name);
    }

    pg.start_again();
    for instance in [&mut pair.a, &mut pair.b] {
        instance.wait_ready(Duration::from_secs(60)).await;
        assert!(instance.is_running(), "{} was not restarted", instance.name);
    }
    assert_eq!(pair.received(), sent, "nothing was sent meanwhile");
    assert_eq!(
        pair.sql("SELECT count(*) FROM credentials WHERE email_key = 'during@example.com'"),
        "0",
        "nothing half-written for the request made during the outage"
    );
    assert_eq!(
        pair.sql("SELECT count(*) FROM credentials WHERE used_at IS NULL"),
        "1",
        "the pending sign-in is still unused"
    );
    assert_eq!(pair.sql("SELECT count(*) FROM sessions"), "0");

    // Recovered: the same code signs in through B; a new sign-in asked for on B is
    // confirmed on A.
    let res = on_b.enter_code(&mail.code()).await;
    assert_eq!(res.status, 303, "{}", res.text());
    let (status, who) = on_a.whoami().await;
    assert_eq!(
        (status, who["email"].as_str()),
        (200, Some("before@example.com"))
    );
    let fresh = pair.b.browser();
    let mail = pair.request_email(&fresh, "after@example.com").await;
    let on_a_too = pair.a.browser();
    let res = on_a_too.confirm_link(&mail.link()).await;
    assert_eq!(res.status, 303, "{}", res.text());
    let (status, who) = on_a_too.whoami().await;
    assert_eq!(
        (status, who["email"].as_str()),
        (200, Some("after@example.com"))
    );
}
