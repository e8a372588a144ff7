//! "This wasn't me" (issue 15 §2): the second link of every sign-in email. GET changes nothing;
//! the POST voids the email's link and code, ends the session made with it (and no other),
//! holds the address for everyone but its known devices, and signs nobody in.
use crate::helpers::*;

fn minutes(n: i64) -> time::Duration {
    time::Duration::minutes(n)
}

#[tokio::test]
async fn get_and_head_of_the_not_me_link_change_nothing_and_the_link_still_signs_in() {
    let app = spawn_app().await;
    let b = app.browser();
    let mail = app.request_email(&b, "scanned@example.com").await;
    let scanner = app.browser();
    for _ in 0..3 {
        let page = scanner.get(&mail.not_me_link()).await;
        assert_eq!(page.status, 200, "{}", page.text());
        assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
        let text = page.text();
        assert!(text.contains("s***@example.com"), "{text}");
        assert!(text.contains("Firefox on Linux"), "{text}");
        assert!(!text.contains("scanned@example.com"), "{text}");
        let head = scanner
            .client
            .head(scanner.url(&mail.not_me_link()))
            .send()
            .await
            .unwrap();
        assert_eq!(head.status(), 200);
    }
    assert_eq!(app.sql("SELECT count(*) FROM account_failures"), "0");
    assert_eq!(scanner.whoami().await.0, 401);
    assert_eq!(b.confirm_link(&mail.link()).await.status, 303);
    assert_eq!(b.whoami().await.1["email"], "scanned@example.com");
}

#[tokio::test]
async fn stopping_an_email_voids_its_link_and_its_code_and_signs_nobody_in() {
    let app = spawn_app().await;
    let asker = app.browser();
    let mail = app.request_email(&asker, "stop@example.com").await;
    let owner = app.browser();
    let done = owner.stop_email(&mail).await;
    assert_eq!(done.status, 200, "{}", done.text());
    assert_eq!(done.header("referrer-policy"), Some("no-referrer"));
    let text = done.text();
    assert!(text.contains("This email is stopped"), "{text}");
    assert!(text.contains("Nobody had signed in with it"), "{text}");
    assert!(text.contains("resume in 60 minutes"), "{text}");
    assert!(done.session_cookie().is_none(), "no session is made");
    assert_eq!(owner.whoami().await.0, 401);

    let link = asker.get(&mail.link()).await;
    assert_eq!(link.status, 410);
    assert!(
        link.text().contains("This email was stopped"),
        "{}",
        link.text()
    );
    let code = asker.enter_code(&mail.code()).await;
    assert_ne!(code.status, 303, "{}", code.text());
    assert!(
        code.text().contains("its code no longer works"),
        "{}",
        code.text()
    );
    assert_eq!(asker.whoami().await.0, 401);
    assert_eq!(app.sql("SELECT count(*) FROM accounts"), "0");
}

#[tokio::test]
async fn stopping_a_used_email_ends_the_session_made_with_it_and_no_other() {
    let app = spawn_app().await;
    ends_the_session_made_with_it_and_no_other(&app).await;
    assert_eq!(
        app.sql("SELECT count(*) FROM sessions WHERE account_id IS NOT NULL"),
        "1"
    );
    // On the account's trail, once.
    assert_eq!(
        app.sql("SELECT count(*) FROM trail_events WHERE kind = 'not_me'"),
        "1"
    );
}

/// The same with the sessions in Redis.
#[tokio::test]
async fn with_redis_sessions_stopping_a_used_email_ends_the_session_made_with_it() {
    let redis = crate::redis::Redis::start();
    let url = redis.url();
    let app = spawn_app_with(|s| s.store.redis_url = Some(url.parse().unwrap()), &[]).await;
    ends_the_session_made_with_it_and_no_other(&app).await;
}

async fn ends_the_session_made_with_it_and_no_other(app: &TestApp) {
    let address = "used@example.com";
    let owner = app.browser();
    let first = app.request_email(&owner, address).await;
    assert_eq!(owner.confirm_link(&first.link()).await.status, 303);

    app.clock.advance(minutes(2));
    let intruder = app.browser();
    let second = app.request_email(&intruder, address).await;
    assert_eq!(intruder.enter_code(&second.code()).await.status, 303);
    assert_eq!(intruder.whoami().await.0, 200);

    // Long after the email expired, its session is still live: stopping it still ends it.
    app.clock.advance(minutes(30));
    let recipient = app.browser();
    let done = recipient.stop_email(&second).await;
    assert_eq!(done.status, 200, "{}", done.text());
    assert!(
        done.text().contains("That session has been signed out"),
        "{}",
        done.text()
    );
    assert_eq!(intruder.whoami().await.0, 401, "the session it made ended");
    assert_eq!(owner.whoami().await.1["email"], address, "the other stays");
    assert_eq!(recipient.whoami().await.0, 401, "nobody is signed in by it");
    // A second press says so, and the owner's session still stays.
    let csrf = recipient.get("/login").await.csrf();
    let again = recipient
        .post(
            "/login/not-me",
            &[
                ("csrf_token", csrf.as_str()),
                ("token", second.token().as_str()),
            ],
        )
        .await;
    assert_eq!(again.status, 410, "{}", again.text());
    assert_eq!(owner.whoami().await.0, 200);
}

#[tokio::test]
async fn after_stopping_only_a_known_device_gets_a_new_email_for_the_address() {
    let app = spawn_app().await;
    let address = "held@example.com";
    let owner = app.browser();
    let mail = app.request_email(&owner, address).await;
    assert_eq!(owner.enter_code(&mail.code()).await.status, 303);
    assert_eq!(owner.sign_out().await.status, 303);

    app.clock.advance(minutes(2));
    let stranger = app.browser();
    let unasked = app.request_email(&stranger, address).await;
    assert_eq!(app.browser().stop_email(&unasked).await.status, 200);
    let sent = app.sink().messages().len();

    app.clock.advance(minutes(2));
    let again = stranger
        .submit("/login", "/login", &[("email", address)])
        .await;
    assert_eq!(again.status, 429, "{}", again.text());
    let fresh = app
        .browser()
        .submit("/login", "/login", &[("email", address)])
        .await;
    assert_eq!(fresh.status, 429, "a fresh browser is a stranger too");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.sink().messages().len(), sent, "no email for strangers");

    // The owner's browser is not held: a new email, and it signs in.
    let asked = owner
        .submit("/login", "/login", &[("email", address)])
        .await;
    assert_eq!(asked.status, 303, "{}", asked.text());
    let mail = app.sink().wait_for(sent + 1).await.pop().unwrap();
    assert_eq!(owner.confirm_link(&mail.link()).await.status, 303);
    assert_eq!(owner.whoami().await.1["email"], address);

    // The hold ends on its own.
    app.clock.advance(minutes(61));
    let later = app.browser();
    let after = app.request_email(&later, "held@example.com").await;
    assert_eq!(later.confirm_link(&after.link()).await.status, 303);
}

#[tokio::test]
async fn a_second_stop_an_expired_email_or_a_bad_token_get_a_clear_4xx_page() {
    let app = spawn_app().await;
    let b = app.browser();
    let mail = app.request_email(&b, "twice@example.com").await;
    let page = b.get(&mail.not_me_link()).await;
    let form = [
        ("csrf_token", page.csrf()),
        ("token", hidden(&page.body, "token").unwrap()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(b.post("/login/not-me", &form).await.status, 200);
    let second = b.post("/login/not-me", &form).await;
    assert_eq!(second.status, 410);
    assert!(
        second.text().contains("already stopped"),
        "{}",
        second.text()
    );
    let reopened = b.get(&mail.not_me_link()).await;
    assert_eq!(reopened.status, 410);
    assert!(reopened.text().contains("already stopped"));

    app.clock.advance(minutes(2));
    let expired = app.request_email(&app.browser(), "late@example.com").await;
    app.clock.advance(minutes(11));
    let page = b.get(&expired.not_me_link()).await;
    assert_eq!(page.status, 410);
    assert!(
        page.text().contains("This email has expired"),
        "{}",
        page.text()
    );
    let csrf = b.get("/login").await.csrf();
    let late = b
        .post(
            "/login/not-me",
            &[
                ("csrf_token", csrf.as_str()),
                ("token", expired.token().as_str()),
            ],
        )
        .await;
    assert_eq!(late.status, 410);
    assert!(late.text().contains("Nobody signed in with it"));

    let unknown = "A".repeat(43);
    for token in ["", "garbage", unknown.as_str(), "x'><script>"] {
        let posted = b
            .post(
                "/login/not-me",
                &[("csrf_token", csrf.as_str()), ("token", token)],
            )
            .await;
        assert_eq!(posted.status, 404, "{token:?}: {}", posted.text());
        let shown = b
            .client
            .get(b.url("/login/not-me"))
            .query(&[("token", token)])
            .send()
            .await
            .unwrap();
        assert_eq!(shown.status(), 404, "{token:?}");
    }
    assert_eq!(b.whoami().await.0, 401);
}

/// Every language's email carries the second link, labelled in that language, in both parts.
#[tokio::test]
async fn the_email_carries_the_not_me_link_in_every_language() {
    let app = spawn_app().await;
    let catalogue = iris::i18n::Catalogue::all().unwrap();
    for (i, lang) in ["en", "de", "es", "fi", "fr", "nl", "pl", "pt", "ru", "sv"]
        .iter()
        .enumerate()
    {
        let b = Browser::speaking(&app.address, Some(lang));
        let mail = app.request_email(&b, &format!("lang{i}@example.com")).await;
        let tr = catalogue.for_tag(Some(lang));
        let link = mail.not_me_link();
        assert_eq!(link.rsplit('=').next().unwrap(), mail.token(), "{lang}");
        assert!(
            mail.text.contains(&tr.t("mail-not-me")),
            "{lang}: {}",
            mail.text
        );
        assert!(
            mail.html.contains(&format!(r#"href="{link}""#)),
            "{lang}: {}",
            mail.html
        );
        let label = maud::html! { (tr.t("mail-not-me-link")) }.into_string();
        assert!(mail.html.contains(&label), "{lang}: {}", mail.html);
        let page = b.get(&link).await;
        assert_eq!(page.status, 200, "{lang}");
        let title = maud::html! { (tr.t("not-me-title")) }.into_string();
        assert!(page.body.contains(&title), "{lang}");
    }
}
