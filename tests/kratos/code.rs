//! Approach 2 end to end: Iris's pages drive the real Kratos's code strategy.
use crate::harness::*;
use crate::helpers::*;

async fn iris_with_kratos(
    customise: impl FnOnce(&mut iris::config::Settings),
) -> (TestApp, Kratos) {
    iris_with_kratos_lifespan("10m", customise).await
}

async fn iris_with_kratos_lifespan(
    code_lifespan: &'static str,
    customise: impl FnOnce(&mut iris::config::Settings),
) -> (TestApp, Kratos) {
    iris_with_kratos_on("memory", code_lifespan, customise).await
}

async fn sign_in(app: &TestApp, b: &Browser, email: &str) -> Page {
    let before = app.sink().messages().len();
    let asked = b.submit("/login", "/login", &[("email", email)]).await;
    assert_eq!(asked.status, 303, "{}", asked.text());
    assert_eq!(asked.location(), Some("/login/check-email"));
    let mail = app.sink().wait_for(before + 1).await.pop().unwrap();
    assert_eq!(mail.rcpt_tos, vec![email.to_lowercase()]);
    b.enter_code(&mail.code()).await
}

#[tokio::test]
async fn new_email_signs_up_and_known_email_signs_in_with_a_code() {
    // Without the admin API: Iris tries a login first and falls back to registration.
    let (app, kratos) = iris_with_kratos(|s| s.kratos.admin_url = None).await;
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
    let wrong = mail.wrong_code();
    let page = b.enter_code(wrong).await;
    assert_eq!(page.status, 400);
    assert!(
        page.text().contains("That code isn't right"),
        "{}",
        page.text()
    );
    for _ in 0..4 {
        b.enter_code(wrong).await;
    }
    let page = b.enter_code(&mail.code()).await;
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
    // Frozen: the pages show a countdown, which must not differ by the second between requests.
    app.clock.freeze();
    known_identity(&kratos, "known@example.com").await;

    let known = app.browser();
    let unknown = app.browser();
    // Typed with capitals: the masks come out alike (lower case) for both.
    let r1 = known
        .submit("/login", "/login", &[("email", "Known@example.com")])
        .await;
    let r2 = unknown
        .submit("/login", "/login", &[("email", "Unknown@example.com")])
        .await;
    assert_eq!((r1.status, r1.location()), (r2.status, r2.location()));
    assert_eq!(cookie_names(&r1), cookie_names(&r2));
    let p1 = known.get("/login/check-email").await;
    let p2 = unknown.get("/login/check-email").await;
    assert_eq!(p1.status, p2.status);
    let strip = |p: &Page| {
        without_values(p)
            .replace("k***", "X***")
            .replace("u***", "X***")
    };
    assert_eq!(strip(&p1), strip(&p2));
    // Wrong codes answer alike too.
    let c1 = known.enter_code("000000").await;
    let c2 = unknown.enter_code("000000").await;
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

#[tokio::test]
async fn an_expired_code_offers_a_new_one_without_retyping() {
    let (app, _kratos) = iris_with_kratos_lifespan("3s", |_| {}).await;
    let b = app.browser();
    b.submit("/login", "/login", &[("email", "late@example.com")])
        .await;
    let first = app.sink().wait_for(1).await.pop().unwrap();
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    let page = b.enter_code(&first.code()).await;
    assert_ne!(page.status, 303);
    assert!(page.text().contains("expired"), "{}", page.text());
    assert_eq!(b.whoami().await.0, 401);

    // One click (after the send cooldown): a fresh flow, a new code, no retyping.
    app.clock.advance(time::Duration::seconds(61));
    let res = b.submit("/login/check-email", "/login/resend", &[]).await;
    assert_eq!(res.location(), Some("/login/check-email?sent=1"));
    let second = app.sink().wait_for(2).await.pop().unwrap();
    assert_eq!(second.rcpt_tos, vec!["late@example.com"]);
    let done = b.enter_code(&second.code()).await;
    assert_eq!(done.status, 303, "{}", done.text());
}

#[tokio::test]
async fn resend_respects_the_cooldown_and_the_new_code_works() {
    let (app, _kratos) = iris_with_kratos(|_| {}).await;
    let b = app.browser();
    b.submit("/login", "/login", &[("email", "again@example.com")])
        .await;
    app.sink().wait_for(1).await;
    let early = b.submit("/login/check-email", "/login/resend", &[]).await;
    assert_eq!(
        early.location(),
        Some("/login/check-email?again=1"),
        "within the cooldown: back to the inbox, nothing sent"
    );
    let again = b
        .submit("/login", "/login", &[("email", "again@example.com")])
        .await;
    assert_eq!(
        again.location(),
        Some("/login/check-email?again=1"),
        "the same from the email form"
    );
    // Another browser asking for the same address within the cooldown waits.
    let other = app
        .browser()
        .submit("/login", "/login", &[("email", "again@example.com")])
        .await;
    assert_eq!(other.status, 429);
    assert!(other.header("retry-after").is_some());
    assert_eq!(app.sink().messages().len(), 1);
    app.clock.advance(time::Duration::seconds(61));
    let res = b.submit("/login/check-email", "/login/resend", &[]).await;
    assert_eq!(res.status, 303);
    let mail = app.sink().wait_for(2).await.pop().unwrap();
    let done = b.enter_code(&mail.code()).await;
    assert_eq!(done.status, 303, "{}", done.text());
}

#[tokio::test]
async fn return_to_is_honoured_when_allowed_and_refused_otherwise() {
    let (app, _kratos) = iris_with_kratos(|s| {
        s.sign_in.allowed_return_urls = vec!["https://app.example.test/".parse().unwrap()];
    })
    .await;
    for (i, (asked, expected)) in [
        (
            "https://app.example.test/dashboard",
            "https://app.example.test/dashboard",
        ),
        ("https://evil.test/", "/"),
    ]
    .iter()
    .enumerate()
    {
        let b = app.browser();
        let page = b
            .get(&format!(
                "/login?return_to={}",
                url::form_urlencoded::byte_serialize(asked.as_bytes()).collect::<String>()
            ))
            .await;
        let form_return = hidden(&page.body, "return_to").unwrap();
        let email = format!("r{i}@example.com");
        b.post(
            "/login",
            &[
                ("csrf_token", &page.csrf()),
                ("email", &email),
                ("return_to", &form_return),
            ],
        )
        .await;
        let mail = app.sink().wait_for(i + 1).await.pop().unwrap();
        let done = b.enter_code(&mail.code()).await;
        assert_eq!(done.location(), Some(*expected), "{asked}");
    }
}

#[tokio::test]
async fn stale_kratos_csrf_cookies_start_a_fresh_flow_instead_of_failing() {
    let (app, kratos) = iris_with_kratos(|_| {}).await;
    let b = app.browser();
    // Learn the name of Kratos's CSRF cookie, then plant a stale value under it.
    let res = reqwest::Client::new()
        .get(format!("{}/self-service/login/browser", kratos.public_url))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    let name = res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split('=')
        .next()
        .unwrap()
        .to_owned();
    let planted = reqwest::cookie::Jar::default();
    planted.add_cookie_str(
        &format!("{name}=stale-value"),
        &app.address.parse().unwrap(),
    );
    let jar = std::sync::Arc::new(planted);
    let stale = Browser {
        base: app.address.clone(),
        client: reqwest::Client::builder()
            .cookie_provider(jar)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
    };
    let asked = stale
        .submit("/login", "/login", &[("email", "stale@example.com")])
        .await;
    assert_eq!(asked.status, 303, "{}", asked.text());
    let mail = app.sink().wait_for(1).await.pop().unwrap();
    let done = stale.enter_code(&mail.code()).await;
    assert_eq!(done.status, 303, "{}", done.text());
    drop(b);
}

#[tokio::test]
async fn kratos_errors_render_in_iris_design_and_readiness_follows_kratos() {
    let (app, mut kratos) = iris_with_kratos(|_| {}).await;
    let b = app.browser();
    let page = b.get("/error?id=does-not-exist").await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Sign-in didn't work"));
    assert!(!page.body.contains("{\""), "no raw JSON");
    assert_eq!(b.get("/health/ready").await.status, 200);
    kratos.stop();
    assert_eq!(b.get("/health/ready").await.status, 503);
    for path in ["/registration", "/recovery", "/verification"] {
        assert_eq!(b.get(path).await.location(), Some("/login"), "{path}");
    }
}

#[tokio::test]
async fn wrong_codes_count_per_address_across_kratos_flows() {
    let (app, _kratos) = iris_with_kratos(|s| s.limits.account_failures = 2).await;
    // One wrong code in a first Kratos flow…
    let first = app.browser();
    first
        .submit("/login", "/login", &[("email", "victim@example.com")])
        .await;
    app.sink().wait_for(1).await;
    first.enter_code("000000").await;
    // …and one in a second flow (a new email after the cooldown): two failures for the
    // address, though each Kratos flow saw only one. Back-off starts.
    app.clock.advance(time::Duration::seconds(61));
    let second = app.browser();
    second
        .submit("/login", "/login", &[("email", "victim@example.com")])
        .await;
    let mail = app.sink().wait_for(2).await.pop().unwrap();
    let wrong = mail.wrong_code();
    second.enter_code(wrong).await;
    let page = second.enter_code(&mail.code()).await;
    assert_eq!(
        page.status,
        429,
        "even the right code waits out the back-off: {}",
        page.text()
    );
    assert!(
        page.text().contains("Too many wrong codes"),
        "{}",
        page.text()
    );
    assert_eq!(second.whoami().await.0, 401);
    // After the back-off the right code works.
    app.clock.advance(time::Duration::seconds(31));
    let done = second.enter_code(&mail.code()).await;
    assert_eq!(done.status, 303, "{}", done.text());
}

/// The daily email budget (SECURITY.md item 16) covers Kratos codes too: once it is spent,
/// Iris asks Kratos for no more codes and shows the paused page.
#[tokio::test]
async fn the_daily_email_budget_covers_kratos_codes() {
    let (app, _kratos) = iris_with_kratos(|s| s.limits.emails_per_day = 1).await;
    let done = sign_in(&app, &app.browser(), "one@example.com").await;
    assert_eq!(done.status, 303, "{}", done.text());
    let paused = app
        .browser()
        .submit("/login", "/login", &[("email", "two@example.com")])
        .await;
    assert_eq!(paused.status, 503);
    assert!(paused.text().contains("Sign-in emails are paused"));
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(app.sink().messages().len(), 1, "no second code was sent");
}

/// The usual integration: an app sends the browser to Kratos's
/// `/self-service/{login,registration}/browser?return_to=…`; Kratos sends it on to Iris's
/// `/login?flow=…` (or `/registration?flow=…`). The flow's `return_to` survives, if allowed.
#[tokio::test]
async fn flows_kratos_started_keep_their_return_to() {
    // Kratos allows Iris's origin (the generated fragment); Iris allows it as an absolute URL.
    let (app, kratos) = iris_with_kratos(|s| {
        s.sign_in.allowed_return_urls = vec![s.server.public_url.clone()];
    })
    .await;
    let target = &format!("{}/welcome", app.address);
    for (i, kind) in ["login", "registration"].iter().enumerate() {
        let b = app.browser();
        let started = b
            .client
            .get(format!(
                "{}/self-service/{kind}/browser?return_to={}",
                kratos.public_url,
                url::form_urlencoded::byte_serialize(target.as_bytes()).collect::<String>()
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(started.status(), 303, "{}", kratos.log());
        let ui = started.headers()["location"].to_str().unwrap().to_owned();
        let mut path = ui.strip_prefix(&app.address).unwrap().to_owned();
        assert!(path.contains("?flow="), "{ui}");
        let mut page = b.get(&path).await;
        if page.status == 303 {
            // /registration?flow=… leads to the one email form, destination kept.
            path = page.location().unwrap().to_owned();
            page = b.get(&path).await;
        }
        assert_eq!(
            hidden(&page.body, "return_to").as_deref(),
            Some(target.as_str())
        );
        let email = format!("started{i}@example.com");
        b.post(
            "/login",
            &[
                ("csrf_token", &page.csrf()),
                ("email", &email),
                ("return_to", target),
            ],
        )
        .await;
        let mail = app.sink().wait_for(i + 1).await.pop().unwrap();
        let done = b.enter_code(&mail.code()).await;
        assert_eq!(done.location(), Some(target.as_str()), "{kind}");
    }
    // A flow id that is not Kratos's: the form, with the default destination.
    let page = app.browser().get("/login?flow=not-a-flow").await;
    assert_eq!(page.status, 200);
    assert_eq!(hidden(&page.body, "return_to").as_deref(), Some("/"));
}

/// Kratos sends the email, yet it is written in the asking browser's language: Iris passes the
/// language in the flow's `transient_payload`, which Kratos hands to its courier, and so to
/// Iris's courier hook. Both of Kratos's templates (sign-up and sign-in codes) carry it.
#[tokio::test]
async fn kratos_emails_are_written_in_the_asking_browsers_language() {
    let (app, kratos) = iris_with_kratos(|_| {}).await;
    for (language, tag) in [("de-DE,de;q=0.9", "de"), ("fr", "fr")] {
        let b = Browser::speaking(&app.address, Some(language));
        let done = sign_in(&app, &b, "sprache@example.com").await;
        assert_eq!(done.status, 303, "{}\n{}", done.text(), kratos.log());
        assert_written_in(&app.sink().messages().pop().unwrap(), tag);
        app.clock.advance(time::Duration::seconds(61));
    }
}

/// With Kratos too, a browser that signed in to the address before is not locked out by a
/// third party's wrong codes across Kratos flows; strangers are.
#[tokio::test]
async fn a_known_device_gets_in_while_a_third_party_locks_the_address() {
    let (app, _kratos) = iris_with_kratos(|s| s.limits.account_failures = 2).await;
    let victim = "kratos-owner@example.com";
    let owner = app.browser();
    assert_eq!(sign_in(&app, &owner, victim).await.status, 303);
    let home = owner.get("/").await;
    owner.post("/logout", &[("csrf_token", &home.csrf())]).await;
    assert_eq!(owner.whoami().await.0, 401);
    app.clock.advance(time::Duration::seconds(61));
    let attacker = app.browser();
    let before = app.sink().messages().len();
    attacker
        .submit("/login", "/login", &[("email", victim)])
        .await;
    let mail = app.sink().wait_for(before + 1).await.pop().unwrap();
    let wrong = mail.wrong_code();
    lock_out(&app, &attacker, wrong, victim).await;
    let done = sign_in(&app, &owner, victim).await;
    assert_eq!(done.status, 303, "{}", done.text());
    assert_eq!(owner.whoami().await.1["email"], victim);
}

/// With Kratos holding the sessions, the account page lists them from Kratos's frontend API
/// (the browser's own device, as Iris passed it on, not Iris's), ends one by Kratos's id, and
/// "everywhere else" through Kratos; a session id of another identity ends nothing.
#[tokio::test]
async fn the_account_page_lists_and_ends_kratos_sessions() {
    let (app, kratos) = iris_with_kratos(|_| {}).await;
    let (laptop, phone, tablet, other) =
        (app.browser(), app.browser(), app.browser(), app.browser());
    for (b, email) in [
        (&laptop, "kim@example.com"),
        (&phone, "kim@example.com"),
        (&tablet, "kim@example.com"),
        (&other, "lou@example.com"),
    ] {
        app.clock.advance(time::Duration::seconds(61));
        let done = sign_in(&app, b, email).await;
        assert_eq!(done.status, 303, "{}", kratos.log());
    }
    let home = laptop.get("/").await;
    let text = home
        .text()
        .split("Recent activity")
        .next()
        .unwrap()
        .to_owned();
    assert!(text.contains("Where you're signed in"), "{text}");
    assert!(
        text.contains("Your email address can't be changed here."),
        "{text}"
    );
    assert!(!home.body.contains("/account/email"));
    assert_eq!(
        text.matches("Firefox on Linux").count(),
        3,
        "the browsers' own: {text}"
    );
    assert_eq!(text.matches("This browser").count(), 1, "{text}");
    assert_eq!(text.matches("Signed in with a code").count(), 3, "{text}");
    assert!(text.contains("Network 127.0.0.x."), "{text}");
    assert_eq!(home.body.matches("name=\"session\"").count(), 2);

    // Lou's session id, as Kratos's admin API knows it.
    let lou = identities(&kratos, "lou@example.com").await;
    let lou_sessions: serde_json::Value = reqwest::get(format!(
        "{}/admin/identities/{}/sessions",
        kratos.admin_url,
        lou[0]["id"].as_str().unwrap()
    ))
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let lou_id = lou_sessions[0]["id"].as_str().unwrap().to_owned();
    let res = laptop
        .post(
            "/logout/session",
            &[("csrf_token", &home.csrf()), ("session", &lou_id)],
        )
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(
        other.whoami().await.0,
        200,
        "another identity's session is not ours to end"
    );

    let phone_id = hidden(&home.body, "session").unwrap();
    let res = laptop
        .post(
            "/logout/session",
            &[("csrf_token", &home.csrf()), ("session", &phone_id)],
        )
        .await;
    assert_eq!((res.status, res.location()), (303, Some("/?ended=one")));
    let statuses = [
        laptop.whoami().await.0,
        phone.whoami().await.0,
        tablet.whoami().await.0,
    ];
    assert_eq!(
        statuses.iter().filter(|s| **s == 401).count(),
        1,
        "exactly one ended: {statuses:?}"
    );
    assert_eq!(laptop.whoami().await.0, 200);

    let home = laptop.get("/?ended=one").await;
    assert!(home.text().contains("That session is signed out."));
    let res = laptop
        .post("/logout/others", &[("csrf_token", &home.csrf())])
        .await;
    assert_eq!((res.status, res.location()), (303, Some("/?ended=others")));
    assert_eq!(laptop.whoami().await.0, 200);
    assert_eq!(phone.whoami().await.0, 401);
    assert_eq!(tablet.whoami().await.0, 401);
    assert_eq!(other.whoami().await.0, 200);
    let home = laptop.get("/?ended=others").await;
    assert!(
        home.text().contains("You're not signed in anywhere else."),
        "{}",
        home.text()
    );

    let res = laptop
        .post("/logout/everywhere", &[("csrf_token", &home.csrf())])
        .await;
    assert_eq!((res.status, res.location()), (303, Some("/login")));
    assert_eq!(laptop.whoami().await.0, 401);
    assert_eq!(other.whoami().await.0, 200);
}
