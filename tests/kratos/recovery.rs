//! Approach 1 end to end: Kratos's recovery flow as "sign in", by link and by code, against the
//! real Kratos v1.3.1, its courier delivering through Iris's hook to a real SMTP server.
use crate::harness::*;
use crate::helpers::*;
use std::time::Duration;

async fn recovery(
    shape: Shape,
    customise: impl FnOnce(&mut iris::config::Settings),
) -> (TestApp, Kratos) {
    iris_with_kratos_as("memory", "10m", shape, customise).await
}

async fn ask(app: &TestApp, b: &Browser, email: &str, return_to: Option<&str>) -> Mail {
    let before = app.sink().messages().len();
    let page = match return_to {
        Some(r) => {
            let query: String = url::form_urlencoded::byte_serialize(r.as_bytes()).collect();
            b.get(&format!("/login?return_to={query}")).await
        }
        None => b.get("/login").await,
    };
    reads_as_sign_in("the email form", &page.text());
    let mut form = vec![("csrf_token", page.csrf()), ("email", email.to_owned())];
    if let Some(r) = return_to {
        form.push(("return_to", r.to_owned()));
    }
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let asked = b.post("/login", &form).await;
    assert_eq!(asked.status, 303, "{}", asked.text());
    assert_eq!(asked.location(), Some("/login/check-email"));
    let inbox = b.get("/login/check-email").await;
    reads_as_sign_in("the inbox page", &inbox.text());
    let mail = app.sink().wait_for(before + 1).await.pop().unwrap();
    reads_as_sign_in(
        "the email",
        &format!("{}\n{}\n{}", mail.subject, mail.text, mail.html),
    );
    mail
}

/// Opens the link and presses its button.
async fn confirm(b: &Browser, link: &str) -> Page {
    let form = confirm_form(b, link).await;
    press(b, &form).await
}

/// The confirm page's form, as the browser would send it.
async fn confirm_form(b: &Browser, link: &str) -> Vec<(String, String)> {
    let page = b.get(link).await;
    assert_eq!(page.status, 200, "{}", page.text());
    reads_as_sign_in("the confirm page", &page.text());
    ["csrf_token", "flow", "token"]
        .iter()
        .map(|k| (k.to_string(), hidden(&page.body, k).unwrap()))
        .collect()
}

/// Presses a dead link page's "send a new link" button; the new email.
async fn send_new_link(app: &TestApp, b: &Browser, page: &Page) -> Mail {
    let before = app.sink().messages().len();
    let resend: Vec<(String, String)> = ["csrf_token", "flow", "token"]
        .iter()
        .map(|k| (k.to_string(), hidden(&page.body, k).unwrap()))
        .collect();
    let res = into_page(
        b.client
            .post(b.url("/login/link/resend"))
            .form(&resend)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.text());
    app.sink().wait_for(before + 1).await.pop().unwrap()
}

async fn press(b: &Browser, form: &[(String, String)]) -> Page {
    into_page(
        b.client
            .post(b.url("/login/link"))
            .form(form)
            .send()
            .await
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn a_recovery_link_signs_in_after_a_scanner_and_lands_on_return_to() {
    // Codes live 4 minutes here; the link lives `magic_link.ttl` (10), and its email says so.
    let (app, kratos) = recovery(Shape::RecoveryLink, |s| {
        s.kratos.code_lifespan = Duration::from_secs(240);
    })
    .await;
    known_identity(&kratos, "linked@example.com").await;
    let b = app.browser();
    let mail = ask(&app, &b, "linked@example.com", Some("/account")).await;
    let link = recovery_link(&mail);
    assert!(
        link.starts_with(&app.address),
        "built on Iris's URL: {link}"
    );
    assert!(
        mail.text.contains("Firefox on Linux"),
        "which browser asked: {}",
        mail.text
    );
    assert!(
        mail.text.contains("today at") || mail.text.contains(" on "),
        "{}",
        mail.text
    );
    assert!(mail.text.contains("for 10 minutes"), "{}", mail.text);

    // A mail scanner: HEAD and GETs without cookies change nothing, at Iris or at Kratos.
    let scanner = reqwest::Client::new();
    for method in [
        reqwest::Method::HEAD,
        reqwest::Method::GET,
        reqwest::Method::GET,
    ] {
        let res = scanner.request(method, &link).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res
            .headers()
            .get_all("set-cookie")
            .iter()
            .all(|c| !c.to_str().unwrap().contains("ory_kratos_session")));
    }
    let page = b.get(&link).await;
    assert!(
        page.text().contains("Sign in as l***@example.com"),
        "{}",
        page.text()
    );
    assert!(page
        .text()
        .contains("You asked for this link in this browser"));
    assert_eq!(page.header("referrer-policy"), Some("no-referrer"));

    let form = confirm_form(&b, &link).await;
    let done = press(&b, &form).await;
    assert_eq!(done.status, 303, "{}", done.text());
    assert_eq!(done.location(), Some("/account"), "never the settings page");
    let (status, me) = b.whoami().await;
    assert_eq!(status, 200, "{}", kratos.log());
    assert_eq!(me["email"], "linked@example.com");

    // Used (the button pressed again in a stale tab): the way forward, no retyping.
    let again = press(&b, &form).await;
    assert_eq!(again.status, 410, "{}", again.text());
    assert!(again.text().contains("already used"), "{}", again.text());
    assert!(again.text().contains("Send a new link to l***@example.com"));
    // Opening it again says so too, rather than offering a button that can only fail.
    let reopened = b.get(&link).await;
    assert_eq!(reopened.status, 410, "{}", reopened.text());
    assert!(
        reopened.text().contains("already used"),
        "{}",
        reopened.text()
    );
}

#[tokio::test]
async fn a_recovery_link_opened_elsewhere_needs_the_click_and_signs_that_browser_in() {
    let (app, kratos) = recovery(Shape::RecoveryLink, |_| {}).await;
    known_identity(&kratos, "phone@example.com").await;
    let laptop = app.browser();
    let mail = ask(&app, &laptop, "phone@example.com", None).await;
    let phone = app.browser();
    let page = phone.get(&recovery_link(&mail)).await;
    assert!(
        page.text().contains("was not requested in this browser"),
        "{}",
        page.text()
    );
    let done = confirm(&phone, &recovery_link(&mail)).await;
    assert_eq!(done.status, 303);
    assert_eq!(phone.whoami().await.0, 200);
    assert_eq!(
        laptop.whoami().await.0,
        401,
        "only the browser that clicked"
    );
}

#[tokio::test]
async fn an_expired_recovery_link_offers_a_new_one_without_retyping() {
    let (app, kratos) = recovery(Shape::RecoveryLink, |_| {}).await;
    known_identity(&kratos, "late@example.com").await;
    let b = app.browser();
    let mail = ask(&app, &b, "late@example.com", None).await;
    app.clock.advance(time::Duration::minutes(11));
    let page = b.get(&recovery_link(&mail)).await;
    assert_eq!(page.status, 410, "{}", page.text());
    assert!(page.text().contains("expired"), "{}", page.text());
    reads_as_sign_in("the expired-link page", &page.text());
    let fresh = send_new_link(&app, &b, &page).await;
    assert_eq!(confirm(&b, &recovery_link(&fresh)).await.status, 303);
    assert_eq!(b.whoami().await.0, 200);
}

/// An unknown address becomes an identity and signs in; and asking for it cost Kratos exactly
/// the calls a known address's asking did, in the same order.
#[tokio::test]
async fn an_unknown_address_with_sign_up_on_becomes_an_identity_and_signs_in() {
    let (app, kratos) = recovery(Shape::RecoveryLink, |_| {}).await;
    known_identity(&kratos, "regular@example.com").await;
    let calls_for = |email: &'static str| {
        let (app, kratos) = (&app, &kratos);
        async move {
            let before = kratos_calls(kratos).await.len();
            let b = app.browser();
            let mail = ask(app, &b, email, None).await;
            (b, mail, kratos_calls(kratos).await.split_off(before))
        }
    };
    let (_, _, known) = calls_for("regular@example.com").await;
    let (b, mail, unknown) = calls_for("newcomer@example.com").await;
    assert!(
        known.iter().any(|c| c == "POST /admin/identities"),
        "{known:?}"
    );
    assert_eq!(known, unknown);
    assert_eq!(identities(&kratos, "newcomer@example.com").await.len(), 1);
    assert_eq!(confirm(&b, &recovery_link(&mail)).await.status, 303);
    assert_eq!(b.whoami().await.1["email"], "newcomer@example.com");
}

/// With sign-up off an unknown address gets nothing from Kratos, and the browser sees exactly
/// what a known address's does.
#[tokio::test]
async fn with_sign_up_off_unknown_and_known_addresses_look_the_same_and_nothing_is_sent() {
    let (app, kratos) = recovery(Shape::RecoveryLink, |s| s.sign_in.allow_sign_up = false).await;
    app.clock.freeze();
    known_identity(&kratos, "kept@example.com").await;
    let before = kratos_calls(&kratos).await.len();
    let (k, u) = (app.browser(), app.browser());
    let r1 = k
        .submit("/login", "/login", &[("email", "Kept@example.com")])
        .await;
    let r2 = u
        .submit("/login", "/login", &[("email", "Knot@example.com")])
        .await;
    assert_eq!((r1.status, r1.location()), (r2.status, r2.location()));
    assert_eq!(cookie_names(&r1), cookie_names(&r2));
    let calls = kratos_calls(&kratos).await.split_off(before);
    let (first, second) = calls.split_at(calls.len() / 2);
    assert_eq!(first, second, "the same Kratos calls for both");
    assert!(!calls.iter().any(|c| c.contains("/admin/")), "{calls:?}");
    let (p1, p2) = (
        k.get("/login/check-email").await,
        u.get("/login/check-email").await,
    );
    assert_eq!(p1.status, p2.status);
    assert_eq!(
        without_values(&p1),
        without_values(&p2),
        "both masks read k***@example.com"
    );
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let to: Vec<String> = app
        .sink()
        .messages()
        .iter()
        .flat_map(|m| m.rcpt_tos.clone())
        .collect();
    assert_eq!(
        to,
        vec!["kept@example.com"],
        "nothing for the unknown address"
    );
    assert!(identities(&kratos, "knot@example.com").await.is_empty());
}

#[tokio::test]
async fn a_recovery_code_signs_in_and_wrong_codes_say_so() {
    let (app, kratos) = recovery(Shape::RecoveryCode, |_| {}).await;
    known_identity(&kratos, "coded@example.com").await;
    let b = app.browser();
    let mail = ask(&app, &b, "coded@example.com", Some("/after")).await;
    let inbox = b.get("/login/check-email").await;
    assert!(inbox.text().contains("6-digit code"), "{}", inbox.text());
    let wrong = mail.wrong_code();
    let page = b.enter_code(wrong).await;
    assert_eq!(page.status, 400);
    assert!(
        page.text().contains("That code isn't right"),
        "{}",
        page.text()
    );
    reads_as_sign_in("the wrong-code page", &page.text());
    let done = b.enter_code(&mail.code()).await;
    assert_eq!(done.status, 303, "{}", done.text());
    assert_eq!(done.location(), Some("/after"));
    assert_eq!(b.whoami().await.1["email"], "coded@example.com");
}

/// Kratos's code outlives nothing: past its lifespan (3 s here) Kratos answers 4060005, and
/// Iris says the code has expired and sends a new one in one click, no retyping.
#[tokio::test]
async fn an_expired_recovery_code_offers_a_new_one_without_retyping() {
    let (app, kratos) = iris_with_kratos_as("memory", "3s", Shape::RecoveryCode, |_| {}).await;
    known_identity(&kratos, "tardy@example.com").await;
    let b = app.browser();
    let first = ask(&app, &b, "tardy@example.com", None).await;
    tokio::time::sleep(Duration::from_secs(4)).await;
    let page = b.enter_code(&first.code()).await;
    assert_ne!(page.status, 303);
    assert!(page.text().contains("expired"), "{}", page.text());
    reads_as_sign_in("the expired-code page", &page.text());
    assert_eq!(b.whoami().await.0, 401);

    app.clock.advance(time::Duration::seconds(61));
    let res = b.submit("/login/check-email", "/login/resend", &[]).await;
    assert_eq!(res.location(), Some("/login/check-email?sent=1"));
    let second = app.sink().wait_for(2).await.pop().unwrap();
    reads_as_sign_in("the second email", &second.text);
    let done = b.enter_code(&second.code()).await;
    assert_eq!(done.status, 303, "{}", done.text());
    assert_eq!(b.whoami().await.1["email"], "tardy@example.com");
}

#[tokio::test]
async fn too_many_recovery_codes_need_a_new_email() {
    let (app, kratos) = recovery(Shape::RecoveryCode, |s| s.limits.account_failures = 100).await;
    known_identity(&kratos, "many@example.com").await;
    let b = app.browser();
    let mail = ask(&app, &b, "many@example.com", None).await;
    let wrong = mail.wrong_code();
    for _ in 0..5 {
        b.enter_code(wrong).await;
    }
    let page = b.enter_code(&mail.code()).await;
    assert_eq!(page.status, 429, "{}", page.text());
    assert!(
        page.text().contains("Too many wrong codes"),
        "{}",
        page.text()
    );
    reads_as_sign_in("the too-many-codes page", &page.text());
    assert_eq!(b.whoami().await.0, 401);
}

#[tokio::test]
async fn kratos_down_gives_a_503_page_and_iris_recovers() {
    let (app, mut kratos) = recovery(Shape::RecoveryLink, |s| {
        s.kratos.timeout = Duration::from_millis(500)
    })
    .await;
    let b = app.browser();
    kratos.stop();
    let page = b
        .submit("/login", "/login", &[("email", "down@example.com")])
        .await;
    assert_eq!(page.status, 503, "{}", page.text());
    reads_as_sign_in("the 503 page", &page.text());
    assert!(page
        .headers
        .get_all("set-cookie")
        .iter()
        .all(|c| !c.to_str().unwrap().contains("ory_kratos_session")));
    kratos.restart().await;
    app.clock.advance(time::Duration::seconds(61));
    let mail = ask(&app, &b, "down@example.com", None).await;

    // Kratos hangs (stopped by a signal, its state kept) just as the button is pressed: a 503
    // within kratos.timeout, no session. Once Kratos runs again it may still carry out the
    // request Iris gave up on (it was in its socket), spending the token: then the link reads
    // "already used" with its one-click way forward, and that signs in. Else the same link does.
    let form = confirm_form(&b, &recovery_link(&mail)).await;
    let signal = |sig: &str| {
        run_ok(std::process::Command::new("kill").args([sig, &kratos.pid().to_string()]));
    };
    signal("-STOP");
    let started = std::time::Instant::now();
    let page = press(&b, &form).await;
    signal("-CONT");
    assert_eq!(page.status, 503, "{}", page.text());
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    // Kratos, resumed, catches up first (on a loaded machine longer than kratos.timeout).
    kratos.wait_ready().await;
    assert_eq!(b.whoami().await.0, 401);
    let again = press(&b, &form).await;
    if again.status == 410 {
        assert!(again.text().contains("already"), "{}", again.text());
        app.clock.advance(time::Duration::seconds(61));
        let fresh = send_new_link(&app, &b, &again).await;
        assert_eq!(confirm(&b, &recovery_link(&fresh)).await.status, 303);
    } else {
        assert_eq!(again.status, 303, "{}", again.text());
    }
    assert_eq!(b.whoami().await.0, 200);
}

#[tokio::test]
async fn return_to_is_honoured_when_allowed_and_refused_otherwise() {
    let (app, kratos) = recovery(Shape::RecoveryLink, |s| {
        s.sign_in.allowed_return_urls = vec!["https://app.example.test/".parse().unwrap()]
    })
    .await;
    for (i, (asked, landed)) in [
        (
            "https://app.example.test/home",
            "https://app.example.test/home",
        ),
        ("https://evil.test/", "/"),
    ]
    .iter()
    .enumerate()
    {
        let email = format!("rt{i}@example.com");
        known_identity(&kratos, &email).await;
        let b = app.browser();
        let mail = ask(&app, &b, &email, Some(asked)).await;
        let done = confirm(&b, &recovery_link(&mail)).await;
        assert_eq!(done.location(), Some(*landed), "{asked}");
    }
}

/// Kratos sends the browser to its settings UI after a recovery: Iris never shows settings,
/// and a signed-in user who opens `/settings` sees their account page.
#[tokio::test]
async fn settings_is_never_a_settings_page() {
    let (app, kratos) = recovery(Shape::RecoveryLink, |_| {}).await;
    known_identity(&kratos, "set@example.com").await;
    let b = app.browser();
    let mail = ask(&app, &b, "set@example.com", None).await;
    confirm(&b, &recovery_link(&mail)).await;
    let page = b.get("/settings").await;
    assert_eq!(page.location(), Some("/"));
    let home = b.get("/").await;
    assert!(home.text().contains("set@example.com"), "{}", home.text());
}

/// A browser that followed a recovery link straight to Kratos lands on Iris's `/settings`
/// with Kratos's fresh settings flow (message 1060001): it goes on to the flow's `return_to`,
/// here the default (an admin-made link carries none), never to a settings form.
#[tokio::test]
async fn a_fresh_recovery_arriving_at_settings_goes_on_to_its_return_to() {
    let (app, kratos) = recovery(Shape::RecoveryLink, |s| {
        s.sign_in.default_return_url = "/account".into();
    })
    .await;
    let id = known_identity(&kratos, "straight@example.com").await;
    let link: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/admin/recovery/link", kratos.admin_url))
        .json(&serde_json::json!({ "identity_id": id, "expires_in": "10m" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // Kratos builds it on Iris's URL; the browser takes it to Kratos itself.
    let link = url::Url::parse(link["recovery_link"].as_str().unwrap()).unwrap();
    let at_kratos = format!(
        "{}{}?{}",
        kratos.public_url,
        link.path(),
        link.query().unwrap()
    );
    let b = app.browser();
    let res = b.client.get(&at_kratos).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let to = url::Url::parse(res.headers()["location"].to_str().unwrap()).unwrap();
    assert_eq!(to.path(), "/settings", "{to}");
    let page = b.get(&format!("/settings?{}", to.query().unwrap())).await;
    assert_eq!(page.status, 303, "{}", page.text());
    assert!(
        page.location().unwrap().ends_with("/account"),
        "{:?}",
        page.location()
    );
    assert_eq!(b.whoami().await.1["email"], "straight@example.com");
}

/// As with `kratos-code`: a browser that signed in to the address before is not locked out
/// by a third party's wrong recovery codes across flows; strangers are.
#[tokio::test]
async fn a_known_device_gets_in_while_a_third_party_locks_the_address() {
    let (app, kratos) = recovery(Shape::RecoveryCode, |s| s.limits.account_failures = 2).await;
    let victim = "recovery-owner@example.com";
    known_identity(&kratos, victim).await;
    let owner = app.browser();
    let mail = ask(&app, &owner, victim, None).await;
    assert_eq!(owner.enter_code(&mail.code()).await.status, 303);
    let home = owner.get("/").await;
    owner.post("/logout", &[("csrf_token", &home.csrf())]).await;
    assert_eq!(owner.whoami().await.0, 401);
    app.clock.advance(time::Duration::seconds(61));
    let attacker = app.browser();
    let wrong = ask(&app, &attacker, victim, None)
        .await
        .wrong_code()
        .to_owned();
    lock_out(&app, &attacker, &wrong, victim).await;
    let mail = ask(&app, &owner, victim, None).await;
    let done = owner.enter_code(&mail.code()).await;
    assert_eq!(done.status, 303, "{}", done.text());
    assert_eq!(owner.whoami().await.1["email"], victim);
}

/// Kratos's recovery link carries no `transient_payload` to the courier (its code does), so
/// the link's email takes its language from Iris's record of the request; both arrive in the
/// asking browser's language.
#[tokio::test]
async fn recovery_emails_are_written_in_the_asking_browsers_language() {
    for (shape, language, tag) in [
        (Shape::RecoveryLink, "de-DE,de;q=0.9", "de"),
        (Shape::RecoveryCode, "fr", "fr"),
    ] {
        let (app, kratos) = recovery(shape, |_| {}).await;
        known_identity(&kratos, "sprache@example.com").await;
        let b = Browser::speaking(&app.address, Some(language));
        let mail = ask(&app, &b, "sprache@example.com", None).await;
        assert_written_in(&mail, tag);
    }
}
