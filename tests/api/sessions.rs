//! Server-side sessions: rotation, sign-out, timeouts, cookie attributes, the check endpoints.
use crate::helpers::*;

async fn signed_in(app: &TestApp, email: &str) -> Browser {
    let b = app.browser();
    let mail = app.request_email(&b, email).await;
    assert_eq!(b.confirm_link(&mail.link()).await.status, 303);
    b
}

fn session_cookie(page: &Page) -> Option<String> {
    page.headers
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("iris-session="))
}

#[tokio::test]
async fn sign_in_rotates_the_session_id_and_sets_safe_cookies() {
    let app = spawn_app().await;
    let b = app.browser();
    let asked = b
        .submit("/login", "/login", &[("email", "rot@example.com")])
        .await;
    assert!(
        session_cookie(&asked).is_none(),
        "asking creates no session"
    );
    let first = app.sink().wait_for(1).await.pop().unwrap();
    let page = b.get(&first.link()).await;
    let done = b
        .post(
            "/login/link",
            &[("csrf_token", &page.csrf()), ("token", &first.token())],
        )
        .await;
    let before = session_cookie(&done).expect("session cookie");
    for attr in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(before.contains(attr), "{before}");
    }
    assert!(!before.contains("Domain="));

    // A link for another account, opened in this signed-in browser: the page names the other
    // account, nothing changes until the button, then a new id replaces the old one.
    let second = app.request_email(&app.browser(), "other@example.com").await;
    let page = b.get(&second.link()).await;
    assert!(page.text().contains("o***@example.com"));
    assert_eq!(b.whoami().await.1["email"], "rot@example.com");
    let done = b
        .post(
            "/login/link",
            &[("csrf_token", &page.csrf()), ("token", &second.token())],
        )
        .await;
    let after = session_cookie(&done).expect("new session cookie");
    assert_ne!(before.split(';').next(), after.split(';').next());
    let replay = reqwest::Client::new()
        .get(format!("{}/sessions/whoami", app.address))
        .header("cookie", before.split(';').next().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 401);
    assert_eq!(b.whoami().await.1["email"], "other@example.com");
}

#[tokio::test]
async fn sign_out_kills_the_session_on_the_server() {
    let app = spawn_app().await;
    let b = signed_in(&app, "out@example.com").await;
    let jar_cookie = {
        let res = b.client.get(b.url("/")).send().await.unwrap();
        assert_eq!(res.status(), 200);
        // The browser's cookie as an attacker would copy it.
        let store = b
            .client
            .get(b.url("/sessions/whoami"))
            .send()
            .await
            .unwrap();
        assert_eq!(store.status(), 200);
        app.sql("SELECT count(*) FROM sessions WHERE state LIKE '%user_id%'")
    };
    assert_eq!(jar_cookie, "1");
    let home = b.get("/").await;
    let res = b.post("/logout", &[("csrf_token", &home.csrf())]).await;
    assert_eq!(res.status, 303);
    assert_eq!(res.location(), Some("/login"));
    assert!(res.header("clear-site-data").unwrap().contains("cookies"));
    assert_eq!(b.whoami().await.0, 401);
    assert_eq!(
        app.sql("SELECT count(*) FROM sessions WHERE state LIKE '%user_id%'"),
        "0"
    );
}

#[tokio::test]
async fn a_replayed_cookie_after_sign_out_is_rejected() {
    let app = spawn_app().await;
    let b = app.browser();
    let mail = app.request_email(&b, "replay@example.com").await;
    let page = b.get(&mail.link()).await;
    let done = b
        .post(
            "/login/link",
            &[("csrf_token", &page.csrf()), ("token", &mail.token())],
        )
        .await;
    let cookie = session_cookie(&done)
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let raw = reqwest::Client::new();
    let check = |c: String| {
        let raw = raw.clone();
        let url = format!("{}/sessions/whoami", app.address);
        async move {
            raw.get(url)
                .header("cookie", c)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(check(cookie.clone()).await, 200);
    let home = b.get("/").await;
    b.post("/logout", &[("csrf_token", &home.csrf())]).await;
    assert_eq!(check(cookie).await, 401);
}

#[tokio::test]
async fn auth_check_answers_for_reverse_proxies() {
    let app = spawn_app().await;
    let anon = app.browser().get("/auth/check").await;
    assert_eq!(anon.status, 401);
    let b = signed_in(&app, "proxy@example.com").await;
    let ok = b.get("/auth/check").await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.header("x-iris-user-email"), Some("proxy@example.com"));
    assert!(ok.header("x-iris-user-id").is_some_and(|id| !id.is_empty()));
}

#[tokio::test]
async fn idle_sessions_expire() {
    let app = spawn_app().await;
    let b = signed_in(&app, "idle@example.com").await;
    app.clock.advance(time::Duration::minutes(50));
    assert_eq!(b.whoami().await.0, 200);
    app.clock.advance(time::Duration::minutes(61));
    assert_eq!(b.whoami().await.0, 401);
}

#[tokio::test]
async fn active_sessions_still_end_at_the_absolute_timeout() {
    let app = spawn_app().await;
    let b = signed_in(&app, "abs@example.com").await;
    for _ in 0..(24 * 2 - 1) {
        app.clock.advance(time::Duration::minutes(30));
        assert_eq!(b.whoami().await.0, 200);
    }
    app.clock.advance(time::Duration::minutes(31));
    assert_eq!(b.whoami().await.0, 401);
}

#[tokio::test]
async fn planted_session_ids_are_never_adopted() {
    let app = spawn_app().await;
    let mail = app.request_email(&app.browser(), "fix@example.com").await;
    let url: reqwest::Url = app.address.parse().unwrap();
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    jar.add_cookie_str("iris-session=attacker-chosen-value", &url);
    let planted = Browser {
        base: app.address.clone(),
        client: reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
    };
    let done = planted.confirm_link(&mail.link()).await;
    assert_eq!(done.status, 303);
    let issued = session_cookie(&done).expect("a session cookie");
    assert!(!issued.contains("attacker-chosen-value"), "{issued}");
    let replay = reqwest::Client::new()
        .get(format!("{}/sessions/whoami", app.address))
        .header("cookie", "iris-session=attacker-chosen-value")
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 401);
}

#[tokio::test]
async fn https_public_url_gives_host_prefixed_secure_cookies_and_hsts() {
    let app = spawn_app_with(|s| s.server.public_url.set_scheme("https").unwrap(), &[]).await;
    // Secure cookies are not sent back over plain http by a client, so carry them by hand.
    let raw = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let origin = format!("https://127.0.0.1:{}", app.port);
    let cookie_of = |res: &reqwest::Response, name: &str| -> String {
        let c = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|c| c.to_str().unwrap().to_owned())
            .find(|c| c.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} cookie"));
        for attr in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(c.contains(attr), "{c}");
        }
        assert!(!c.contains("Domain"), "{c}");
        c.split(';').next().unwrap().to_owned()
    };
    let res = raw
        .get(format!("{}/login", app.address))
        .send()
        .await
        .unwrap();
    assert!(res.headers()["strict-transport-security"]
        .to_str()
        .unwrap()
        .contains("max-age=31536000"));
    let csrf_cookie = cookie_of(&res, "__Host-iris-csrf=");
    let page = into_page(res).await;
    let res = raw
        .post(format!("{}/login", app.address))
        .header("cookie", &csrf_cookie)
        .header("origin", &origin)
        .form(&[
            ("csrf_token", page.csrf().as_str()),
            ("email", "tls@example.com"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let pending = cookie_of(&res, "__Host-iris-pending=");
    let mail = app.sink().wait_for(1).await.pop().unwrap();
    let res = raw
        .post(format!("{}/login/link", app.address))
        .header("cookie", format!("{csrf_cookie}; {pending}"))
        .header("origin", &origin)
        .form(&[
            ("csrf_token", page.csrf().as_str()),
            ("token", mail.token().as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    cookie_of(&res, "__Host-iris-session=");
}

/// "Sign out everywhere else" (POST with CSRF) ends the account's other sessions at once and
/// keeps this browser signed in under a new session key; "everywhere" ends this one too. Neither
/// touches another account's session.
#[tokio::test]
async fn signing_out_everywhere_else_and_everywhere() {
    let app = spawn_app().await;
    let (laptop, phone, other) = (app.browser(), app.browser(), app.browser());
    for (browser, address) in [
        (&laptop, "ann@example.com"),
        (&phone, "ann@example.com"),
        (&other, "bob@example.com"),
    ] {
        let mail = app.request_email(browser, address).await;
        assert_eq!(browser.confirm_link(&mail.link()).await.status, 303);
        app.clock.advance(time::Duration::seconds(61));
    }

    let home = laptop.get("/").await;
    assert!(
        home.text().contains("Sign out everywhere else"),
        "{}",
        home.text()
    );
    let res = laptop
        .post("/logout/others", &[("csrf_token", &home.csrf())])
        .await;
    assert_eq!(res.status, 303, "{}", res.text());
    assert_eq!(res.location(), Some("/?ended=others"));
    assert_eq!(laptop.whoami().await.0, 200, "this browser stays signed in");
    assert_eq!(
        phone.whoami().await.0,
        401,
        "the other session ended at once"
    );
    assert_eq!(other.whoami().await.0, 200, "another account is untouched");
    let notice = laptop.get("/?ended=others").await;
    assert!(notice
        .text()
        .contains("Your other sessions are signed out."));

    // Without the form's token nothing happens.
    let forged = laptop.post("/logout/everywhere", &[]).await;
    assert_eq!(forged.status, 403);
    assert_eq!(laptop.whoami().await.0, 200);

    let home = laptop.get("/").await;
    let res = laptop
        .post("/logout/everywhere", &[("csrf_token", &home.csrf())])
        .await;
    assert_eq!((res.status, res.location()), (303, Some("/login")));
    assert_eq!(laptop.whoami().await.0, 401);
    assert_eq!(other.whoami().await.0, 200);
    assert_eq!(
        app.sql("SELECT count(*) FROM sessions WHERE account_id IS NOT NULL"),
        "1"
    );
}

/// The account page lists the account's live sessions (browser, masked network, how and when
/// each began, last use), this browser first; one other session can be signed out by itself
/// (POST with CSRF), and only the account's own: another account's session id does nothing.
#[tokio::test]
async fn the_account_page_lists_sessions_and_ends_one() {
    let app = spawn_app().await;
    let (laptop, phone, other) = (app.browser(), app.browser(), app.browser());
    let mail = app.request_email(&laptop, "ann@example.com").await;
    assert_eq!(laptop.confirm_link(&mail.link()).await.status, 303);
    app.clock.advance(time::Duration::seconds(61));
    let mail = app.request_email(&phone, "ann@example.com").await;
    assert_eq!(phone.enter_code(&mail.code()).await.status, 303);
    let mail = app.request_email(&other, "bob@example.com").await;
    assert_eq!(other.confirm_link(&mail.link()).await.status, 303);

    let home = laptop.get("/").await;
    // The session list, before the recent activity (which names browsers too).
    let text = home
        .text()
        .split("Recent activity")
        .next()
        .unwrap()
        .to_owned();
    assert!(text.contains("Where you're signed in"), "{text}");
    assert_eq!(text.matches("Firefox on Linux").count(), 2, "{text}");
    assert_eq!(text.matches("This browser").count(), 1, "{text}");
    assert!(
        text.contains("Signed in with an email link today at"),
        "{text}"
    );
    assert!(text.contains("Signed in with a code today at"), "{text}");
    assert!(text.contains("Network 127.0.0.x."), "{text}");
    assert!(text.contains("Last active today at"), "{text}");
    assert!(!text.contains("127.0.0.1"), "never the whole address");
    // The phone's row is the only one with its own sign-out; this browser's uses the main one.
    assert_eq!(home.body.matches("name=\"session\"").count(), 1);
    let phone_id = hidden(&home.body, "session").unwrap();
    let bob_state = app.sql(
        "SELECT state FROM sessions WHERE account_id = \
         (SELECT id FROM accounts WHERE email = 'bob@example.com')",
    );
    let bob_id = bob_state
        .split("\\\"sid\\\":\\\"")
        .nth(1)
        .unwrap()
        .split('\\')
        .next()
        .unwrap();
    assert!(!bob_id.is_empty() && bob_id != phone_id);

    // Another account's session id, a made-up one, or no form token: nothing ends.
    for id in [bob_id, "not-a-session", "<script>"] {
        let res = laptop
            .post(
                "/logout/session",
                &[("csrf_token", &home.csrf()), ("session", id)],
            )
            .await;
        assert_eq!(res.status, 303, "{}", res.text());
    }
    let forged = laptop
        .post("/logout/session", &[("session", &phone_id)])
        .await;
    assert_eq!(forged.status, 403);
    for b in [&laptop, &phone, &other] {
        assert_eq!(b.whoami().await.0, 200);
    }

    let res = laptop
        .post(
            "/logout/session",
            &[("csrf_token", &home.csrf()), ("session", &phone_id)],
        )
        .await;
    assert_eq!((res.status, res.location()), (303, Some("/?ended=one")));
    assert_eq!(
        phone.whoami().await.0,
        401,
        "the chosen session ended at once"
    );
    assert_eq!(laptop.whoami().await.0, 200, "this browser stays signed in");
    assert_eq!(other.whoami().await.0, 200, "another account is untouched");
    let after = laptop.get("/?ended=one").await.text();
    let after = after.split("Recent activity").next().unwrap();
    assert!(after.contains("That session is signed out."), "{after}");
    assert!(
        laptop.get("/").await.text().contains("A session was ended"),
        "on the trail"
    );
    assert!(
        after.contains("You're not signed in anywhere else."),
        "{after}"
    );
    assert_eq!(after.matches("Firefox on Linux").count(), 1, "{after}");
}
