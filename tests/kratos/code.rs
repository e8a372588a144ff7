//! Approach 2 end to end: Iris's pages drive the real Kratos's code strategy.
use crate::harness::*;
use crate::helpers::*;
use std::net::TcpListener;

async fn iris_with_kratos(
    customise: impl FnOnce(&mut iris::config::Settings),
) -> (TestApp, Kratos) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let iris_url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let kratos = Kratos::start(&IrisSide {
        public_url: iris_url,
        code_lifespan: "10m",
    })
    .await;
    let kratos_url = kratos.public_url.clone();
    let app = spawn_app_on(
        listener,
        |s| {
            s.sign_in.approach = iris::config::Approach::KratosCode;
            s.kratos.public_url = Some(kratos_url.parse().unwrap());
            s.secrets.courier_api_key = Some(COURIER_KEY.to_owned().into());
            customise(s);
        },
        &[],
    )
    .await;
    (app, kratos)
}

async fn sign_in(app: &TestApp, b: &Browser, email: &str) -> Page {
    let before = app.sink().messages().len();
    let asked = b.submit("/login", "/login", &[("email", email)]).await;
    assert_eq!(asked.status, 303, "{}", asked.text());
    assert_eq!(asked.location(), Some("/login/check-email"));
    let mail = app.sink().wait_for(before + 1).await.pop().unwrap();
    assert_eq!(mail.rcpt_tos, vec![email.to_lowercase()]);
    b.submit(
        "/login/check-email",
        "/login/code",
        &[("code", &mail.code())],
    )
    .await
}

#[tokio::test]
async fn new_email_signs_up_and_known_email_signs_in_with_a_code() {
    let (app, kratos) = iris_with_kratos(|_| {}).await;
    let b = app.browser();
    let page = b.get("/login/check-email").await;
    assert_eq!(page.status, 303, "no request yet");

    // Sign-up: Kratos registers the identity, Iris relays its session cookie.
    let done = sign_in(&app, &b, "new@example.com").await;
    assert_eq!(done.status, 303, "{}", done.text());
    assert_eq!(done.location(), Some("/"));
    let (status, me) = b.whoami().await;
    assert_eq!(status, 200, "{}", kratos.log());
    assert_eq!(me["email"], "new@example.com");
    assert!(b
        .get("/")
        .await
        .text()
        .contains("Signed in as new@example.com"));

    // Sign out through Kratos's logout flow: the session is gone at Kratos too.
    let home = b.get("/").await;
    let out = b.post("/logout", &[("csrf_token", &home.csrf())]).await;
    assert_eq!(out.status, 303);
    assert_eq!(b.whoami().await.0, 401);

    // Sign-in for the now known identity (after the per-address cooldown).
    app.clock.advance(time::Duration::seconds(61));
    let done = sign_in(&app, &b, "new@example.com").await;
    assert_eq!(done.status, 303, "{}", done.text());
    assert_eq!(b.whoami().await.1["email"], "new@example.com");
    // Already signed in: the login page sends the browser straight on.
    assert_eq!(b.get("/login").await.location(), Some("/"));
}

#[tokio::test]
async fn wrong_codes_say_so_and_the_sixth_submission_needs_a_new_code() {
    let (app, _kratos) = iris_with_kratos(|_| {}).await;
    let b = app.browser();
    b.submit("/login", "/login", &[("email", "wrong@example.com")])
        .await;
    let mail = app.sink().wait_for(1).await.pop().unwrap();
    let wrong = if mail.code() == "000000" {
        "111111"
    } else {
        "000000"
    };
    let page = b
        .submit("/login/check-email", "/login/code", &[("code", wrong)])
        .await;
    assert_eq!(page.status, 400);
    assert!(
        page.text().contains("That code isn't right"),
        "{}",
        page.text()
    );
    for _ in 0..4 {
        b.submit("/login/check-email", "/login/code", &[("code", wrong)])
            .await;
    }
    let page = b
        .submit(
            "/login/check-email",
            "/login/code",
            &[("code", &mail.code())],
        )
        .await;
    assert_ne!(
        page.status, 303,
        "Kratos refuses a 6th submission even with the right code"
    );
    assert!(
        page.text().contains("Ask for a new email"),
        "{}",
        page.text()
    );
    assert_eq!(b.whoami().await.0, 401);
}

#[tokio::test]
async fn unknown_and_known_addresses_look_the_same_with_sign_up_off() {
    let (app, kratos) = iris_with_kratos(|s| s.sign_in.allow_sign_up = false).await;
    let created = reqwest::Client::new()
        .post(format!("{}/admin/identities", kratos.admin_url))
        .json(&serde_json::json!({ "schema_id": "default", "traits": { "email": "known@example.com" } }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);

    let known = app.browser();
    let unknown = app.browser();
    let r1 = known
        .submit("/login", "/login", &[("email", "known@example.com")])
        .await;
    let r2 = unknown
        .submit("/login", "/login", &[("email", "unknown@example.com")])
        .await;
    assert_eq!((r1.status, r1.location()), (r2.status, r2.location()));
    let names = |p: &Page| {
        let mut n: Vec<String> = p
            .headers
            .get_all("set-cookie")
            .iter()
            .map(|c| c.to_str().unwrap().split('=').next().unwrap().to_owned())
            .collect();
        n.sort();
        n
    };
    assert_eq!(names(&r1), names(&r2));
    let p1 = known.get("/login/check-email").await;
    let p2 = unknown.get("/login/check-email").await;
    assert_eq!(p1.status, p2.status);
    let strip = |p: &Page| {
        regex::Regex::new(r#"value="[^"]*""#)
            .unwrap()
            .replace_all(&p.body, "")
            .replace("k***", "X***")
            .replace("u***", "X***")
    };
    assert_eq!(strip(&p1), strip(&p2));
    // Wrong codes answer alike too.
    let c1 = known
        .submit("/login/check-email", "/login/code", &[("code", "000000")])
        .await;
    let c2 = unknown
        .submit("/login/check-email", "/login/code", &[("code", "000000")])
        .await;
    if c1.status != 303 {
        assert_eq!(c1.status, c2.status);
        assert_eq!(strip(&c1), strip(&c2));
    }
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let to: Vec<String> = app
        .sink()
        .messages()
        .iter()
        .flat_map(|m| m.rcpt_tos.clone())
        .collect();
    assert_eq!(
        to,
        vec!["known@example.com"],
        "nothing is sent to an unknown address"
    );
}

#[tokio::test]
async fn kratos_down_gives_a_503_page_and_iris_recovers() {
    let (app, mut kratos) =
        iris_with_kratos(|s| s.kratos.timeout = std::time::Duration::from_secs(2)).await;
    let b = app.browser();
    kratos.stop();
    let form = b.get("/login").await;
    assert_eq!(form.status, 200, "the form still shows: {}", form.text());
    let started = std::time::Instant::now();
    let page = b
        .submit("/login", "/login", &[("email", "down@example.com")])
        .await;
    assert_eq!(page.status, 503);
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert!(page.text().contains("Sign-in is unavailable right now"));
    assert!(page.text().contains("Request id:"));
    assert!(
        !page.body.to_lowercase().contains("kratos"),
        "no internal names on the page"
    );
    assert!(page
        .headers
        .get_all("set-cookie")
        .iter()
        .all(|c| !c.to_str().unwrap().contains("ory_kratos_session")));

    kratos.restart().await;
    let done = sign_in(&app, &b, "down@example.com").await;
    assert_eq!(
        done.status,
        303,
        "recovers without restarting Iris: {}",
        done.text()
    );
    assert_eq!(b.whoami().await.1["email"], "down@example.com");
}
