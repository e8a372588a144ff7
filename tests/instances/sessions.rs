//! Sessions across instances (security.md items 22, 26): they live in the database, so one
//! made on A is good on B, and signing out on either ends it on both.
use crate::harness::Pair;
use crate::helpers::into_page;

/// Asked for on A, the code typed on B: whoami answers 200 with the same identity on both, and
/// so does the bare session cookie replayed by another client. Sign-out (POST with CSRF) on A
/// ends it: whoami 401 on both, the replayed cookie 401 on both, no session row left.
#[tokio::test]
async fn a_session_made_on_one_instance_works_on_the_other_and_sign_out_ends_it_on_both() {
    let pair = Pair::start(&[]).await;
    let (on_a, on_b) = pair.browsers();
    let mail = pair.request_email(&on_a, "both@example.com").await;
    let signed_in = on_b.enter_code(&mail.code()).await;
    assert_eq!(signed_in.status, 303, "{}", signed_in.text());
    let cookie = signed_in
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap())
        .find(|c| c.starts_with("iris-session="))
        .expect("a session cookie")
        .split(';')
        .next()
        .unwrap()
        .to_owned();

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
    for browser in [&on_a, &on_b] {
        assert_eq!(browser.whoami().await.0, 401, "{}", browser.base);
    }
    for base in [&pair.a.base, &pair.b.base] {
        let page = into_page(whoami_with_cookie(base).await.unwrap()).await;
        assert_eq!(
            page.status, 401,
            "{base}: the old cookie is dead: {}",
            page.body
        );
    }
    assert_eq!(pair.sql("SELECT count(*) FROM sessions"), "0");
}
