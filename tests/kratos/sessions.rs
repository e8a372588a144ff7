//! Approach 3 with Kratos sessions (`magic_link.sessions = "kratos"`): Iris's own email, link
//! and code, and a Kratos session at the end; the identity lives in Kratos.
use crate::harness::*;
use crate::helpers::*;
use std::time::Duration;

async fn with_kratos_sessions(
    customise: impl FnOnce(&mut iris::config::Settings),
) -> (TestApp, Kratos) {
    iris_with_kratos_as("memory", "10m", Shape::MagicLinkKratos, customise).await
}

/// What Kratos's courier has queued or sent (with `--dev`, the admin API lists it).
async fn kratos_mail(kratos: &Kratos) -> Vec<serde_json::Value> {
    reqwest::get(format!("{}/admin/courier/messages", kratos.admin_url))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn link_and_code_give_kratos_sessions_and_kratos_sends_no_email() {
    let (app, kratos) = with_kratos_sessions(|_| {}).await;
    // By link: a new address becomes a Kratos identity on this first use, verified.
    let b = app.browser();
    let mail = app.request_email(&b, "first@example.com").await;
    assert!(
        identities(&kratos, "first@example.com").await.is_empty(),
        "never at request time"
    );
    // A scanner first: nothing happens.
    let scanner = reqwest::Client::new();
    for method in [reqwest::Method::HEAD, reqwest::Method::GET] {
        assert_eq!(
            scanner
                .request(method, mail.link())
                .send()
                .await
                .unwrap()
                .status(),
            200
        );
    }
    assert!(
        identities(&kratos, "first@example.com").await.is_empty(),
        "GET creates nothing"
    );
    let done = b.confirm_link(&mail.link()).await;
    assert_eq!(done.status, 303, "{}", done.text());
    assert_eq!(done.location(), Some("/"));
    let (status, me) = b.whoami().await;
    assert_eq!(status, 200, "{}", kratos.log());
    assert_eq!(me["email"], "first@example.com");
    let found = identities(&kratos, "first@example.com").await;
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0]["verifiable_addresses"][0]["verified"], true,
        "the email proved it"
    );
    assert!(b.get("/").await.text().contains("first@example.com"));
    // A reverse proxy's check asks Kratos too: the identity's id and address.
    let check = b.get("/auth/check").await;
    assert_eq!(check.status, 200);
    assert_eq!(check.header("x-iris-user-email"), Some("first@example.com"));
    assert_eq!(
        check.header("x-iris-user-id"),
        found[0]["id"].as_str(),
        "Kratos's identity id"
    );

    // Sign out ends the Kratos session.
    let home = b.get("/").await;
    assert_eq!(
        b.post("/logout", &[("csrf_token", &home.csrf())])
            .await
            .status,
        303
    );
    assert_eq!(b.whoami().await.0, 401);
    assert_eq!(b.get("/auth/check").await.status, 401);

    // By code, for the now known identity (after the cooldown): the same identity.
    app.clock.advance(time::Duration::seconds(61));
    let mail = app.request_email(&b, "first@example.com").await;
    assert_eq!(b.enter_code(&mail.code()).await.status, 303);
    assert_eq!(b.whoami().await.1["email"], "first@example.com");
    assert_eq!(identities(&kratos, "first@example.com").await.len(), 1);

    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(kratos_mail(&kratos).await.is_empty(), "Kratos sent nothing");
    assert_eq!(app.sink().messages().len(), 2, "Iris sent its two emails");
}

/// Presses the confirm page's button, as the browser `b` with its form's `csrf`.
async fn press(b: &Browser, csrf: &str, token: &str) -> Page {
    into_page(
        b.client
            .post(b.url("/login/link"))
            .form(&[("csrf_token", csrf), ("token", token)])
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// Twenty browsers press the same link's button at once: one session, one identity.
#[tokio::test]
async fn twenty_concurrent_confirms_make_one_identity_and_one_session() {
    let (app, kratos) = with_kratos_sessions(|_| {}).await;
    let asker = app.browser();
    let mail = app.request_email(&asker, "race@example.com").await;
    let link = mail.link();
    let mut browsers = vec![];
    for _ in 0..20 {
        let b = app.browser();
        let page = b.get(&link).await;
        browsers.push((b, page.csrf()));
    }
    let token = mail.token();
    let presses = browsers.iter().map(|(b, csrf)| press(b, csrf, &token));
    let pages = futures_util::future::join_all(presses).await;
    let signed_in: Vec<_> = pages.iter().filter(|p| p.status == 303).collect();
    assert_eq!(
        signed_in.len(),
        1,
        "{:?}",
        pages.iter().map(|p| p.status).collect::<Vec<_>>()
    );
    let mut sessions = 0;
    for (b, _) in &browsers {
        if b.whoami().await.0 == 200 {
            sessions += 1;
        }
    }
    assert_eq!(sessions, 1);
    assert_eq!(identities(&kratos, "race@example.com").await.len(), 1);
}

/// Five Iris nodes, each with its own database and so its own email, confirm the first
/// sign-ins of one new address at once: all of them lookup, find nothing and create, Kratos
/// answers all but one with a 409, and those find the identity instead. One identity, and
/// every browser signed in.
#[tokio::test]
async fn nodes_racing_to_create_one_identity_make_one_and_all_sign_in() {
    // On PostgreSQL, as a scaled-out deployment runs it: Kratos's `memory` SQLite refuses
    // concurrent writers ("database table is locked", "Unable to serialize access").
    let pg = Postgres::start();
    let dsn = pg.create_db("kratos");
    let (first, kratos) = iris_with_kratos_as(&dsn, "10m", Shape::MagicLinkKratos, |_| {}).await;
    let mut nodes = vec![first];
    for _ in 0..4 {
        nodes.push(another_iris(&kratos, Shape::MagicLinkKratos).await);
    }
    let mut ready = vec![];
    for node in &nodes {
        let b = node.browser();
        let mail = node.request_email(&b, "racer@example.com").await;
        let csrf = b.get(&mail.link()).await.csrf();
        ready.push((b, csrf, mail.token()));
    }
    let presses = ready.iter().map(|(b, csrf, token)| press(b, csrf, token));
    let pages = futures_util::future::join_all(presses).await;
    for page in &pages {
        assert_eq!(page.status, 303, "{}", page.text());
    }
    for (b, _, _) in &ready {
        assert_eq!(b.whoami().await.0, 200);
    }
    assert_eq!(identities(&kratos, "racer@example.com").await.len(), 1);
}

/// Kratos down at the moment of the click: a 503, nothing granted, and the email still works
/// once Kratos is back (Iris gave the credential back).
#[tokio::test]
async fn kratos_down_at_the_click_loses_nothing() {
    let (app, mut kratos) =
        with_kratos_sessions(|s| s.kratos.timeout = Duration::from_millis(500)).await;
    let b = app.browser();
    let mail = app.request_email(&b, "patient@example.com").await;
    let page = b.get(&mail.link()).await;
    kratos.stop();
    let res = b
        .post(
            "/login/link",
            &[("csrf_token", &page.csrf()), ("token", &mail.token())],
        )
        .await;
    assert_eq!(res.status, 503, "{}", res.text());
    kratos.restart().await;
    assert_eq!(b.confirm_link(&mail.link()).await.status, 303);
    assert_eq!(b.whoami().await.1["email"], "patient@example.com");
}

/// With sign-up off, only addresses Kratos knows get an email; the pages are the same.
#[tokio::test]
async fn with_sign_up_off_only_kratos_identities_get_an_email() {
    let (app, kratos) = with_kratos_sessions(|s| s.sign_in.allow_sign_up = false).await;
    known_identity(&kratos, "member@example.com").await;
    let (k, u) = (app.browser(), app.browser());
    let r1 = k
        .submit("/login", "/login", &[("email", "member@example.com")])
        .await;
    let r2 = u
        .submit("/login", "/login", &[("email", "stranger@example.com")])
        .await;
    assert_eq!((r1.status, r1.location()), (r2.status, r2.location()));
    let mail = app.sink().wait_for(1).await.pop().unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(app.sink().messages().len(), 1);
    assert_eq!(mail.rcpt_tos, vec!["member@example.com"]);
    assert_eq!(k.confirm_link(&mail.link()).await.status, 303);
    assert_eq!(k.whoami().await.1["email"], "member@example.com");
    assert!(identities(&kratos, "stranger@example.com").await.is_empty());

    // The operator deletes the identity in Kratos: Kratos owns identities, so the address gets
    // no more email, whatever Iris recorded when it signed in.
    let id = identities(&kratos, "member@example.com").await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let deleted = reqwest::Client::new()
        .delete(format!("{}/admin/identities/{id}", kratos.admin_url))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);
    app.clock.advance(time::Duration::seconds(61));
    let again = app.browser();
    let r3 = again
        .submit("/login", "/login", &[("email", "member@example.com")])
        .await;
    assert_eq!((r3.status, r3.location()), (r2.status, r2.location()));
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(
        app.sink().messages().len(),
        1,
        "no email for a deleted identity"
    );
}

/// Iris's own email in the asking browser's language, with Kratos owning the session.
#[tokio::test]
async fn the_email_is_written_in_the_asking_browsers_language() {
    let (app, _kratos) = with_kratos_sessions(|_| {}).await;
    let b = Browser::speaking(&app.address, Some("de-DE,de;q=0.9"));
    let mail = app.request_email(&b, "sprache@example.com").await;
    assert_written_in(&mail, "de");
    assert_eq!(b.confirm_link(&mail.link()).await.status, 303);
    assert_eq!(b.whoami().await.0, 200);
}

/// "I didn't ask for this" after someone signed in with the email: Kratos's sessions name no
/// Iris email, so Iris ends every session of the identity through Kratos's admin API; the
/// page says so, and signs nobody in.
#[tokio::test]
async fn stopping_a_used_email_ends_the_identitys_kratos_sessions() {
    let (app, kratos) = with_kratos_sessions(|_| {}).await;
    let owner = app.browser();
    let first = app.request_email(&owner, "stopped@example.com").await;
    assert_eq!(owner.confirm_link(&first.link()).await.status, 303);
    app.clock.advance(time::Duration::seconds(61));
    let intruder = app.browser();
    let second = app.request_email(&intruder, "stopped@example.com").await;
    assert_eq!(intruder.enter_code(&second.code()).await.status, 303);
    assert_eq!(intruder.whoami().await.0, 200, "{}", kratos.log());
    assert_eq!(owner.whoami().await.0, 200);

    let recipient = app.browser();
    let done = recipient.stop_email(&second).await;
    assert_eq!(done.status, 200, "{}", done.text());
    assert!(
        done.text()
            .contains("every session of this account has been signed out"),
        "{}",
        done.text()
    );
    assert_eq!(intruder.whoami().await.0, 401, "Kratos ended it");
    assert_eq!(
        owner.whoami().await.0,
        401,
        "and the owner's: Iris cannot tell them apart"
    );
    assert_eq!(recipient.whoami().await.0, 401, "nobody is signed in by it");
    // The owner's browser is a known device: it gets a new email at once, and in.
    app.clock.advance(time::Duration::seconds(61));
    let again = app.request_email(&owner, "stopped@example.com").await;
    assert_eq!(owner.confirm_link(&again.link()).await.status, 303);
    assert_eq!(owner.whoami().await.0, 200);
}
