//! Sessions across instances (SECURITY.md items 22, 26): they live in the database, so one
//! made on A is good on B, and signing out on either ends it on both.
use crate::harness::Pair;
use crate::helpers::into_page;
use std::time::{Duration, Instant};

/// Asked for on A, the code typed on B: whoami answers 200 with the same identity on both, and
/// so does the bare session cookie replayed by another client. Sign-out (POST with CSRF) on A
/// ends it: whoami 401 on A at once and on B within a second (each worker's session cache),
/// the replayed cookie likewise, no session row left.
#[tokio::test]
async fn a_session_made_on_one_instance_works_on_the_other_and_sign_out_ends_it_on_both() {
    let pair = Pair::start(&[]).await;
    let (on_a, on_b) = pair.browsers();
    let mail = pair.request_email(&on_a, "both@example.com").await;
    let signed_in = on_b.enter_code(&mail.code()).await;
    assert_eq!(signed_in.status, 303, "{}", signed_in.text());
    let cookie = signed_in.session_cookie().expect("a session cookie");

    let (status, on_a_who) = on_a.whoami().await;
    assert_eq!(status, 200);
    let (status, on_b_who) = on_b.whoami().await;
    assert_eq!(status, 200);
    assert_eq!(on_a_who["email"], "both@example.com");
    assert_eq!(on_a_who["id"], on_b_who["id"]);
    assert_eq!(on_a_who["authenticated_at"], on_b_who["authenticated_at"]);
    let replay = reqwest::Client::new();
    let whoami_with_cookie = |base: &str| {
        replay
            .get(format!("{base}/sessions/whoami"))
            .header("cookie", &cookie)
            .send()
    };
    for base in [&pair.a.base, &pair.b.base] {
        assert_eq!(whoami_with_cookie(base).await.unwrap().status(), 200);
    }
    assert_eq!(
        pair.sql("SELECT count(*) FROM sessions WHERE account_id IS NOT NULL"),
        "1"
    );

    let home = on_a.get("/").await;
    assert_eq!(home.status, 200);
    let out = on_a.post("/logout", &[("csrf_token", &home.csrf())]).await;
    assert_eq!(out.status, 303, "{}", out.text());
    let signed_out = Instant::now();
    // On A at once, on B within a second: B may answer from the session it read less than a
    // second ago (`web::session_cache`); any check sent a second after the sign-out is refused.
    assert_eq!(on_a.whoami().await.0, 401);
    let page = into_page(whoami_with_cookie(&pair.a.base).await.unwrap()).await;
    assert_eq!(page.status, 401, "A: the old cookie is dead: {}", page.body);
    refused_within_a_second(signed_out, || async { on_b.whoami().await.0 }).await;
    refused_within_a_second(signed_out, || async {
        whoami_with_cookie(&pair.b.base)
            .await
            .unwrap()
            .status()
            .as_u16()
    })
    .await;
    assert_eq!(pair.sql("SELECT count(*) FROM sessions"), "0");
}

/// Polls `check` until it answers 401; fails if a check sent a second or more after
/// `signed_out` still answers otherwise.
pub async fn refused_within_a_second<F, Fut>(signed_out: Instant, check: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = u16>,
{
    loop {
        let sent = signed_out.elapsed();
        let status = check().await;
        if status == 401 {
            return;
        }
        assert!(
            sent < Duration::from_secs(1),
            "{status} for a check sent {sent:?} after the sign-out"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
