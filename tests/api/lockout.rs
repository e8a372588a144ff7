//! What a third party can and cannot do to someone else's address (issue 8): failures and
//! requests from other browsers hold those browsers back, not the owner's own browser.
use crate::helpers::*;

/// A browser that signed in to the address before (its known-device cookie) gets in while a
/// third party has put the address into back-off and spent its hourly budget.
#[tokio::test]
async fn a_known_device_gets_in_while_a_third_party_locks_the_address() {
    let app = spawn_app().await;
    let victim = "owner@example.com";
    let owner = app.browser();
    let mail = app.request_email(&owner, victim).await;
    assert_eq!(owner.enter_code(&mail.code()).await.status, 303);
    let home = owner.get("/").await;
    assert_eq!(
        owner
            .post("/logout", &[("csrf_token", &home.csrf())])
            .await
            .status,
        303
    );

    // The attacker: four requests (with the owner's, the hourly budget of five) and ten wrong
    // codes (the back-off).
    for round in 0..4 {
        app.clock.advance(time::Duration::seconds(61));
        let attacker = app.browser();
        let mail = app.request_email(&attacker, victim).await;
        if round < 2 {
            for _ in 0..5 {
                attacker.enter_code(mail.wrong_code()).await;
            }
        }
    }
    app.clock.advance(time::Duration::seconds(61));
    let stranger = app
        .browser()
        .submit("/login", "/login", &[("email", victim)])
        .await;
    assert_eq!(stranger.status, 429, "strangers are held back");
    let sent = app.sink().messages().len();

    // The owner's browser: a new email, and its code works despite the back-off.
    let asked = owner.submit("/login", "/login", &[("email", victim)]).await;
    assert_eq!(asked.status, 303, "{}", asked.text());
    let mail = app.sink().wait_for(sent + 1).await.pop().unwrap();
    let done = owner.enter_code(&mail.code()).await;
    assert_eq!(done.status, 303, "{}", done.text());
    assert_eq!(owner.whoami().await.1["email"], victim);
}

/// A third party that joins the owner's fresh email within the cooldown ("we already sent
/// you an email") cannot use up its tries, and the back-off its wrong codes cause does not
/// stop the browser that asked.
#[tokio::test]
async fn the_browser_that_asked_gets_in_while_a_joined_stranger_guesses() {
    let app = spawn_app().await;
    let victim = "asker@example.com";
    let asker = app.browser();
    let mail = app.request_email(&asker, victim).await;
    let attacker = app.browser();
    let joined = attacker
        .submit("/login", "/login", &[("email", victim)])
        .await;
    assert_eq!(joined.location(), Some("/login/check-email?again=1"));
    let mut last = 0;
    for _ in 0..12 {
        last = attacker.enter_code(mail.wrong_code()).await.status;
    }
    assert_eq!(
        last, 429,
        "the guesser is held back by the address's back-off"
    );
    assert_eq!(
        app.sql("SELECT attempts FROM credentials"),
        "0",
        "a joined browser's guesses use none of the asker's tries"
    );
    let page = asker.get("/login/check-email").await;
    assert!(
        page.text().contains("6-digit code"),
        "the asker still sees its code box"
    );
    let done = asker.enter_code(&mail.code()).await;
    assert_eq!(done.status, 303, "{}", done.text());
    assert_eq!(asker.whoami().await.1["email"], victim);
}

/// Once the asking browser itself enters a wrong code while the address is in back-off, the
/// back-off holds it too; a link, which cannot be guessed, is never held back.
#[tokio::test]
async fn the_back_off_holds_the_asker_after_its_own_mistake_but_never_a_link() {
    let app = spawn_app().await;
    let victim = "typo@example.com";
    let asker = app.browser();
    let mail = app.request_email(&asker, victim).await;
    let attacker = app.browser();
    attacker
        .submit("/login", "/login", &[("email", victim)])
        .await;
    for _ in 0..10 {
        attacker.enter_code(mail.wrong_code()).await;
    }
    assert_eq!(
        asker.enter_code(mail.wrong_code()).await.status,
        400,
        "its own first mistake"
    );
    let held = asker.enter_code(&mail.code()).await;
    assert_eq!(held.status, 429, "then the back-off holds it");
    assert!(held.header("retry-after").is_some());
    // The link still works, from any browser: 256 bits cannot be guessed.
    let elsewhere = app.browser();
    assert_eq!(elsewhere.confirm_link(&mail.link()).await.status, 303);
    assert_eq!(elsewhere.whoami().await.0, 200);
}

/// The known-device cookie names no address and cannot be forged or moved to another one.
#[tokio::test]
async fn the_known_device_cookie_is_opaque_and_bound_to_the_key() {
    let app = spawn_app().await;
    let b = app.browser();
    let asked = b
        .submit("/login", "/login", &[("email", "opaque@example.com")])
        .await;
    assert_eq!(asked.status, 303);
    let mail = app.sink().wait_for(1).await.pop().unwrap();
    let done = b.enter_code(&mail.code()).await;
    let cookie = done
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("iris-device="))
        .expect("a known-device cookie at sign-in");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(cookie.contains("Max-Age=15552000"), "180 days: {cookie}");
    assert!(
        !cookie.to_lowercase().contains("opaque"),
        "no address in it"
    );
    // A made-up value is no known device: a stranger with it is still held back.
    for _ in 0..2 {
        app.clock.advance(time::Duration::seconds(61));
        let attacker = app.browser();
        let mail = app.request_email(&attacker, "forged@example.com").await;
        for _ in 0..5 {
            attacker.enter_code(mail.wrong_code()).await;
        }
    }
    // (Within the 30 s back-off the ten wrong codes started.) A client that sets its cookies
    // itself: the form's CSRF pair plus a made-up device.
    let raw = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let form = into_page(
        raw.get(format!("{}/login", app.address))
            .send()
            .await
            .unwrap(),
    )
    .await;
    let csrf_cookie = form
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|c| c.starts_with("iris-csrf="))
        .unwrap();
    let res = raw
        .post(format!("{}/login", app.address))
        .header(
            "cookie",
            format!("{csrf_cookie}; iris-device=AAAAAAAAAAAAAAAAAAAAAA"),
        )
        .form(&[
            ("csrf_token", form.csrf().as_str()),
            ("email", "forged@example.com"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
}
