//! An application's sign-in through Hydra and Iris's own pages, in every approach: the email
//! page naming the application, the email proved (code, or link), consent in plain words, the
//! ID token verified by a real relying party; the second visit with no page; `prompt=login`;
//! Deny; RP-initiated logout (GET changes nothing, the button ends the sessions).
use crate::harness::Shape;
use crate::helpers::Browser;
use crate::hydra::NewClient;
use crate::relying_party::query;
use crate::world::{amr, Approach, Stop, World};

async fn signed_in_as(browser: &Browser) -> Option<String> {
    let (status, me) = browser.whoami().await;
    (status == 200).then(|| me["id"].as_str().unwrap().to_owned())
}

/// The first sign-in: the email page says which application, the consent page lists what it
/// asks for in words; the ID token carries the person's id, address and how they proved it.
/// Then a second authorization with no page at all (Hydra remembers the login, Iris the
/// session, Hydra the consent) whose token still has the address; then the application signs
/// the person out.
async fn the_whole_dance(approach: Approach, email: &str, expected_amr: &[&str]) {
    let world = World::start(approach).await;
    let browser = world.browser();

    let first = world.authorize(&["email", "offline_access", "photos:read"], &[]);
    let login = match world.walk(&browser, first.url.as_str()).await {
        Stop::Login(login) => login,
        other => panic!("the email page first, not {other:?}"),
    };
    assert_eq!(
        world.iris.sql("SELECT count(*) FROM sessions"),
        "0",
        "the GET kept nothing: the form carries the challenge"
    );
    assert!(
        login.text().contains("To continue to Photo Album"),
        "{}",
        login.text()
    );
    assert_eq!(signed_in_as(&browser).await, None);
    let Stop::Consent(consent) = world.sign_in_on(&browser, &login, email).await else {
        panic!("consent after signing in");
    };
    let text = consent.text();
    for words in [
        "Allow Photo Album access?",
        "Know that it's you",
        "See your email address",
        "Stay signed in when you're not using it",
        "Other access: photos:read",
        &format!("You're signed in as {email}"),
    ] {
        assert!(text.contains(words), "{words:?} in {text}");
    }
    let subject = signed_in_as(&browser).await.expect("signed in at Iris too");
    let Stop::Callback(callback) = world
        .decide(&browser, &consent, true, &["email", "offline_access"], true)
        .await
    else {
        panic!("back at the application");
    };
    // Back to the consent page: it was answered, so no form that could only fail.
    let answered = crate::helpers::hidden(&consent.body, "consent_challenge").unwrap();
    let mut back = url::Url::parse(&browser.url("/consent")).unwrap();
    back.query_pairs_mut()
        .append_pair("consent_challenge", &answered);
    let back = browser.get(back.as_str()).await;
    assert_eq!(back.status, 410, "{}", back.text());
    let claims = world.tokens(first, &callback).await;
    assert_eq!(
        claims.subject().as_str(),
        subject,
        "the subject is the account's id"
    );
    assert!(!subject.contains('@'), "never the address");
    assert_eq!(claims.email().map(|e| e.as_str()), Some(email));
    assert_eq!(claims.email_verified(), Some(true));
    assert_eq!(amr(&claims), expected_amr);

    // Again: no page, and the remembered consent still carries the address.
    let second = world.authorize(&["email"], &[]);
    let to_iris = browser.get(second.url.as_str()).await;
    let login_url = to_iris
        .location()
        .expect("Hydra sends the browser to Iris")
        .to_owned();
    // A prefetch (HEAD) accepts nothing: it answers without sending the browser on.
    let head = browser.client.head(&login_url).send().await.unwrap();
    assert_eq!(head.status(), 200);
    assert!(head.headers().get("location").is_none());
    let Stop::Callback(callback) = world.walk(&browser, &login_url).await else {
        panic!("straight back to the application");
    };
    let claims = world.tokens(second, &callback).await;
    assert_eq!(claims.subject().as_str(), subject);
    assert_eq!(claims.email().map(|e| e.as_str()), Some(email));

    // The application signs the person out: the page changes nothing until its button.
    let third = world.authorize(&["email"], &[]);
    let Stop::Callback(callback) = world.walk(&browser, third.url.as_str()).await else {
        panic!("straight back to the application");
    };
    let id_token = world.id_token(third, &callback).await;
    let Stop::Logout(page) = world.walk(&browser, &world.logout_url(&id_token)).await else {
        panic!("Iris's sign-out page");
    };
    assert!(
        page.text().contains("Sign out of Photo Album?"),
        "{}",
        page.text()
    );
    assert_eq!(
        signed_in_as(&browser).await.as_deref(),
        Some(subject.as_str()),
        "GET is inert"
    );
    let answer = world.leave(&browser, &page, "accept").await;
    let Stop::SignedOut(url) = world.go_on(&browser, "/logout/app", answer).await else {
        panic!("at the application's signed-out page");
    };
    assert_eq!(query(&url, "state").as_deref(), Some("logout-state-1234"));
    assert_eq!(
        signed_in_as(&browser).await,
        None,
        "signed out of Iris (and Kratos)"
    );
    let after = world.authorize(&["email"], &[]);
    assert!(
        matches!(
            world.walk(&browser, after.url.as_str()).await,
            Stop::Login(_)
        ),
        "Hydra no longer remembers the login"
    );
}

#[tokio::test]
async fn standalone_first_sign_in_second_visit_and_logout() {
    the_whole_dance(Approach::Standalone, "ann@example.com", &["otp"]).await;
}

#[tokio::test]
async fn kratos_code_first_sign_in_second_visit_and_logout() {
    the_whole_dance(Approach::Kratos(Shape::Code), "bea@example.com", &["code"]).await;
}

#[tokio::test]
async fn kratos_recovery_link_first_sign_in_second_visit_and_logout() {
    let approach = Approach::Kratos(Shape::RecoveryLink);
    the_whole_dance(approach, "cy@example.com", &["link_recovery"]).await;
}

#[tokio::test]
async fn kratos_recovery_code_first_sign_in_second_visit_and_logout() {
    let approach = Approach::Kratos(Shape::RecoveryCode);
    the_whole_dance(approach, "cal@example.com", &["code_recovery"]).await;
}

#[tokio::test]
async fn magic_link_with_kratos_sessions_first_sign_in_second_visit_and_logout() {
    let approach = Approach::Kratos(Shape::MagicLinkKratos);
    the_whole_dance(approach, "di@example.com", &["code_recovery"]).await;
}

/// `prompt=login` asks for the address even of someone signed in; Deny reaches the
/// application as `access_denied`; a signed-in person's new authorization needs no email.
async fn prompt_login_and_deny(approach: Approach, email: &str) {
    let world = World::start(approach).await;
    let browser = world.browser();
    let first = world.authorize(&["email"], &[]);
    let Stop::Login(login) = world.walk(&browser, first.url.as_str()).await else {
        panic!("the email page first");
    };
    let Stop::Consent(consent) = world.sign_in_on(&browser, &login, email).await else {
        panic!("consent");
    };
    // Allowed without "email" ticked: the token has no address.
    let Stop::Callback(callback) = world.decide(&browser, &consent, true, &[], false).await else {
        panic!("back at the application");
    };
    let claims = world.tokens(first, &callback).await;
    assert_eq!(claims.email(), None, "email was not granted");
    let subject = claims.subject().as_str().to_owned();

    // Past the per-address cooldown between emails.
    world.iris.clock.advance(time::Duration::seconds(61));
    let fresh = world.authorize(&["email"], &[("prompt", "login")]);
    let Stop::Login(login) = world.walk(&browser, fresh.url.as_str()).await else {
        panic!("prompt=login: the email page even though signed in");
    };
    let Stop::Consent(consent) = world.sign_in_on(&browser, &login, email).await else {
        panic!("consent again (not remembered)");
    };
    let Stop::Callback(callback) = world.decide(&browser, &consent, false, &[], false).await else {
        panic!("back at the application");
    };
    assert_eq!(query(&callback, "error").as_deref(), Some("access_denied"));
    assert!(query(&callback, "code").is_none());
    assert_eq!(
        signed_in_as(&browser).await.as_deref(),
        Some(subject.as_str())
    );

    // Signed in: the next authorization needs no email, only the (unremembered) consent.
    let again = world.authorize(&["email"], &[]);
    assert!(
        matches!(
            world.walk(&browser, again.url.as_str()).await,
            Stop::Consent(_)
        ),
        "no email page for someone signed in"
    );
}

#[tokio::test]
async fn standalone_prompt_login_asks_again_and_deny_reaches_the_app() {
    prompt_login_and_deny(Approach::Standalone, "eve@example.com").await;
}

#[tokio::test]
async fn kratos_code_prompt_login_asks_again_and_deny_reaches_the_app() {
    prompt_login_and_deny(Approach::Kratos(Shape::Code), "fay@example.com").await;
}

#[tokio::test]
async fn kratos_recovery_link_prompt_login_asks_again_and_deny_reaches_the_app() {
    prompt_login_and_deny(Approach::Kratos(Shape::RecoveryLink), "fin@example.com").await;
}

#[tokio::test]
async fn magic_link_with_kratos_sessions_prompt_login_asks_again_and_deny_reaches_the_app() {
    let approach = Approach::Kratos(Shape::MagicLinkKratos);
    prompt_login_and_deny(approach, "flo@example.com").await;
}

/// The emailed link opened in another browser: that browser is told to finish where it began
/// and uses nothing; the first browser's code still works and finishes the sign-in.
#[tokio::test]
async fn a_link_opened_on_another_device_leaves_the_sign_in_to_the_first() {
    let world = World::start(Approach::Standalone).await;
    let (first, other) = (world.browser(), world.browser());
    let auth = world.authorize(&["email"], &[]);
    let Stop::Login(login) = world.walk(&first, auth.url.as_str()).await else {
        panic!("the email page");
    };
    let mail = world.ask_for_email(&first, &login, "gil@example.com").await;
    assert!(
        !mail.text.contains("login_challenge"),
        "the challenge never travels by email"
    );

    let elsewhere = other.get(&mail.link()).await;
    assert_eq!(elsewhere.status, 200);
    let text = elsewhere.text();
    assert!(
        text.contains("This sign-in to Photo Album was started in another browser"),
        "{text}"
    );
    assert!(
        text.contains("type the code from this email there"),
        "{text}"
    );
    assert!(
        !elsewhere.body.contains("action=\"/login/link\""),
        "no button that would use it"
    );
    assert_eq!(signed_in_as(&other).await, None);

    let entered = first.enter_code(&mail.code()).await;
    let Stop::Consent(consent) = world.go_on(&first, "/login/code", entered).await else {
        panic!("the first browser goes on to consent");
    };
    let Stop::Callback(callback) = world
        .decide(&first, &consent, true, &["email"], false)
        .await
    else {
        panic!("back at the application");
    };
    let claims = world.tokens(auth, &callback).await;
    assert_eq!(claims.email().map(|e| e.as_str()), Some("gil@example.com"));
}

/// A client marked `skip_consent` gets no consent page, and its token still has the address.
#[tokio::test]
async fn a_trusted_client_skips_consent_and_still_gets_the_address() {
    let new = NewClient {
        client_name: "Intranet".to_owned(),
        skip_consent: true,
        ..NewClient::default()
    };
    let world = World::start_with(Approach::Standalone, new).await;
    let browser = world.browser();
    let auth = world.authorize(&["email"], &[]);
    let Stop::Login(login) = world.walk(&browser, auth.url.as_str()).await else {
        panic!("the email page");
    };
    let Stop::Callback(callback) = world.sign_in_on(&browser, &login, "hal@example.com").await
    else {
        panic!("no consent page for a trusted client");
    };
    let claims = world.tokens(auth, &callback).await;
    assert_eq!(claims.email().map(|e| e.as_str()), Some("hal@example.com"));
    assert_eq!(claims.email_verified(), Some(true));
}

/// Challenges Hydra cannot act on get a page that says to start again at the application;
/// Hydra down is a 503 within `hydra.timeout`, nothing granted, and Iris recovers by itself.
async fn bad_challenges_and_hydra_down(approach: Approach) {
    let mut world = World::start(approach).await;
    let browser = world.browser();
    for path in [
        "/login?login_challenge=not-a-challenge",
        "/consent?consent_challenge=not-a-challenge",
        "/logout?logout_challenge=not-a-challenge",
    ] {
        let page = browser.get(path).await;
        assert_eq!(page.status, 410, "{path}: {}", page.text());
        assert!(
            page.text().contains("This request has expired"),
            "{}",
            page.text()
        );
        assert!(page.text().contains("start again"), "{}", page.text());
    }
    let page = browser.get("/consent").await;
    assert_eq!(page.status, 400, "{}", page.text());
    let csrf = browser.get("/login").await.csrf();
    let forged = browser
        .post(
            "/consent",
            &[
                ("csrf_token", csrf.as_str()),
                ("consent_challenge", "forged"),
                ("decision", "allow"),
                ("grant_scope", "email"),
            ],
        )
        .await;
    assert_eq!(forged.status, 410, "{}", forged.text());
    let no_csrf = browser
        .post(
            "/consent",
            &[("consent_challenge", "x"), ("decision", "allow")],
        )
        .await;
    assert_eq!(no_csrf.status, 403);

    // A real challenge, then Hydra stops: the page is a 503, quickly.
    let auth = world.authorize(&["email"], &[]);
    let to_login = browser.get(auth.url.as_str()).await;
    let login_url = to_login.location().unwrap().to_owned();
    world.hydra.stop();
    let started = std::time::Instant::now();
    let down = browser.get(&login_url).await;
    assert_eq!(down.status, 503, "{}", down.text());
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert_eq!(signed_in_as(&browser).await, None, "nothing granted");

    // Back (the memory DSN starts empty: the client is registered again).
    world.hydra.start_again().await;
    let same = NewClient {
        client_id: Some(world.client.client_id.clone()),
        scope: "openid email offline_access".to_owned(),
        ..NewClient::default()
    };
    world.hydra.create_client(&same).await;
    let auth = world.authorize(&["email"], &[]);
    assert!(matches!(
        world.walk(&browser, auth.url.as_str()).await,
        Stop::Login(_)
    ));
}

#[tokio::test]
async fn standalone_bad_challenges_get_a_way_forward_and_hydra_down_is_a_503() {
    bad_challenges_and_hydra_down(Approach::Standalone).await;
}

#[tokio::test]
async fn kratos_code_bad_challenges_get_a_way_forward_and_hydra_down_is_a_503() {
    bad_challenges_and_hydra_down(Approach::Kratos(Shape::Code)).await;
}

#[tokio::test]
async fn kratos_recovery_link_bad_challenges_get_a_way_forward_and_hydra_down_is_a_503() {
    bad_challenges_and_hydra_down(Approach::Kratos(Shape::RecoveryLink)).await;
}

#[tokio::test]
async fn magic_link_with_kratos_sessions_bad_challenges_get_a_way_forward_and_hydra_down_is_a_503()
{
    bad_challenges_and_hydra_down(Approach::Kratos(Shape::MagicLinkKratos)).await;
}

/// "Stay signed in" on the application's sign-out page tells Hydra no and ends nothing.
#[tokio::test]
async fn staying_signed_in_rejects_the_logout_and_ends_nothing() {
    let world = World::start(Approach::Standalone).await;
    let browser = world.browser();
    let auth = world.authorize(&["email"], &[]);
    let Stop::Login(login) = world.walk(&browser, auth.url.as_str()).await else {
        panic!("the email page");
    };
    let Stop::Consent(consent) = world.sign_in_on(&browser, &login, "ivy@example.com").await else {
        panic!("consent");
    };
    let Stop::Callback(callback) = world
        .decide(&browser, &consent, true, &["email"], false)
        .await
    else {
        panic!("back at the application");
    };
    let id_token = world.id_token(auth, &callback).await;
    let Stop::Logout(page) = world.walk(&browser, &world.logout_url(&id_token)).await else {
        panic!("Iris's sign-out page");
    };
    let stay = world.leave(&browser, &page, "reject").await;
    assert_eq!(stay.status, 303, "{}", stay.text());
    assert_eq!(stay.location(), Some("/"));
    assert!(signed_in_as(&browser).await.is_some(), "still signed in");
    let again = world.authorize(&["email"], &[]);
    assert!(
        matches!(
            world.walk(&browser, again.url.as_str()).await,
            Stop::Consent(_)
        ),
        "Hydra still knows the person: no email page"
    );
}
