//! Signing in with the 6-digit code, from the tab that asked.
use crate::helpers::*;

#[tokio::test]
async fn code_signs_in_from_the_original_tab_while_the_link_was_opened_elsewhere() {
    let app = spawn_app().await;
    let laptop = app.browser();
    let mail = app.request_email(&laptop, "code@example.com").await;

    // The email is opened on a phone: the confirm page shows, nothing is consumed.
    let phone = app.browser();
    assert_eq!(phone.get(&mail.link()).await.status, 200);

    let res = laptop.enter_code(&mail.code()).await;
    assert_eq!(res.status, 303, "{}", res.text());
    assert_eq!(res.location(), Some("/"));
    assert_eq!(laptop.whoami().await.1["email"], "code@example.com");

    // Link and code are one credential: the link is now spent too.
    let page = phone.get(&mail.link()).await;
    assert_eq!(page.status, 410);
}

#[tokio::test]
async fn the_page_has_a_proper_code_box() {
    let app = spawn_app().await;
    let b = app.browser();
    app.request_email(&b, "box@example.com").await;
    let page = b.get("/login/check-email").await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("b***@example.com"));
    assert!(page.body.contains(r#"autocomplete="one-time-code""#));
    assert!(page.body.contains(r#"inputmode="numeric""#));
    assert!(page.body.contains(r#"<label for="code">"#));
}

#[tokio::test]
async fn codes_with_spaces_or_dashes_are_accepted() {
    let app = spawn_app().await;
    let b = app.browser();
    let code = app.request_email(&b, "paste@example.com").await.code();
    let typed = format!("{} {}", &code[..3], &code[3..]);
    let res = b.enter_code(&typed).await;
    assert_eq!(res.status, 303);
}

#[tokio::test]
async fn wrong_code_says_so_and_keeps_the_page() {
    let app = spawn_app().await;
    let b = app.browser();
    let mail = app.request_email(&b, "wrong@example.com").await;
    let wrong = mail.wrong_code();
    let res = b.enter_code(wrong).await;
    assert_eq!(res.status, 400);
    assert!(
        res.text().contains("That code isn't right. 4 tries left."),
        "{}",
        res.text()
    );
    assert!(res
        .body
        .contains(r#"aria-describedby="code-error code-hint""#));
    let res = b.enter_code("12").await;
    assert_eq!(res.status, 400);
    assert!(res.text().contains("Enter the 6-digit code"));
    assert_eq!(b.whoami().await.0, 401);
}

#[tokio::test]
async fn sixth_submission_fails_even_with_the_right_code() {
    let app = spawn_app().await;
    let b = app.browser();
    let mail = app.request_email(&b, "five@example.com").await;
    let wrong = mail.wrong_code();
    for _ in 0..5 {
        b.enter_code(wrong).await;
    }
    let res = b.enter_code(&mail.code()).await;
    assert_eq!(res.status, 429);
    assert!(
        res.text().contains("Too many wrong codes"),
        "{}",
        res.text()
    );
    assert!(res.text().contains("Send a new email"));
    assert_eq!(b.whoami().await.0, 401);
    // The link of that email is void as well.
    assert_eq!(app.browser().get(&mail.link()).await.status, 429);
}

#[tokio::test]
async fn a_code_only_works_in_the_browser_that_asked() {
    let app = spawn_app().await;
    let a = app.browser();
    let mail = app.request_email(&a, "own@example.com").await;
    // Another browser with its own pending request for a different address.
    let b = app.browser();
    app.request_email(&b, "other@example.com").await;
    let res = b.enter_code(&mail.code()).await;
    assert_ne!(res.status, 303);
    assert_eq!(b.whoami().await.0, 401);
}

#[tokio::test]
async fn resend_invalidates_the_old_code_but_not_the_failure_count() {
    let app = spawn_app().await;
    let b = app.browser();
    let first = app.request_email(&b, "resend@example.com").await;
    let wrong = first.wrong_code();
    for _ in 0..4 {
        b.enter_code(wrong).await;
    }
    // The resend button respects the cooldown and says so.
    let early = b.submit("/login/check-email", "/login/resend", &[]).await;
    assert_eq!(early.location(), Some("/login/check-email?again=1"));
    assert!(b
        .get("/login/check-email?again=1")
        .await
        .text()
        .contains("didn't send another"));
    assert_eq!(app.sink().messages().len(), 1);

    app.clock.advance(time::Duration::seconds(61));
    let res = b.submit("/login/check-email", "/login/resend", &[]).await;
    assert_eq!(res.location(), Some("/login/check-email?sent=1"));
    let second = app.sink().wait_for(2).await.pop().unwrap();
    let old = b.enter_code(&first.code()).await;
    assert_ne!(old.status, 303, "the old code must be void");
    assert_eq!(app.sql("SELECT failures FROM account_failures"), "5");
    let ok = b.enter_code(&second.code()).await;
    assert_eq!(ok.status, 303);
    assert_eq!(
        app.sql("SELECT count(*) FROM account_failures"),
        "0",
        "success clears the counter"
    );
}

#[tokio::test]
async fn failures_across_credentials_lock_the_address_for_a_while() {
    let app = spawn_app_with(|s| s.limits.account_failures = 6, &[]).await;
    let victim = "locked@example.com";
    // The attacker opens new requests and guesses in each (after each cooldown).
    for round in 0..2 {
        if round > 0 {
            app.clock.advance(time::Duration::seconds(61));
        }
        let attacker = app.browser();
        let res = attacker
            .submit("/login", "/login", &[("email", victim)])
            .await;
        assert_eq!(res.status, 303, "round {round}");
        for _ in 0..3 {
            attacker.enter_code("000000").await;
        }
    }
    // Locked now: new requests are refused and nothing is sent…
    let sent_before = app.sink().wait_for(2).await.len();
    let res = app
        .browser()
        .submit("/login", "/login", &[("email", victim)])
        .await;
    assert_eq!(res.status, 429);
    assert!(res.header("retry-after").is_some());
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.sink().messages().len(), sent_before);

    // After the back-off (and the send cooldown) the owner gets in.
    app.clock.advance(time::Duration::seconds(61));
    let owner = app.browser();
    let mail = app.request_email(&owner, victim).await;
    assert_eq!(owner.confirm_link(&mail.link()).await.status, 303);
}
