//! Debian's real nginx in front of an app, Iris as its `auth_request` service, configured by
//! `docs/examples/nginx-auth-request.conf` as shipped (placeholders replaced), so the example
//! cannot rot. The app is a second nginx server that answers with what it was sent.
use crate::helpers::*;
use crate::nginx::Nginx;

const EXAMPLE: &str = include_str!("../../docs/examples/nginx-auth-request.conf");

/// The upstream app: tells who the proxy said was signed in.
fn echo_app(port: u16) -> String {
    format!(
        "server {{ listen 127.0.0.1:{port}; location / {{ default_type text/plain; \
         return 200 \"app: $request_uri id=[$http_x_iris_user_id] email=[$http_x_iris_user_email]\"; }} }}"
    )
}

#[tokio::test]
async fn nginx_auth_request_sends_strangers_to_sign_in_and_tells_the_app_who_is_signed_in() {
    let (front_port, app_port) = (free_port(), free_port());
    let front = format!("http://127.0.0.1:{front_port}");
    // Iris's public URL is nginx's: the emailed link and every redirect go through it.
    let iris = spawn_app_with(
        |s| s.server.public_url = format!("{front}/").parse().unwrap(),
        &[],
    )
    .await;
    let config = EXAMPLE
        .replace("{{LISTEN}}", &format!("127.0.0.1:{front_port}"))
        .replace("{{IRIS}}", &format!("127.0.0.1:{}", iris.port))
        .replace("{{APP}}", &format!("127.0.0.1:{app_port}"));
    assert!(!config.contains("{{"), "a placeholder left: {config}");
    let _nginx = Nginx::start(&format!("{config}\n{}", echo_app(app_port)), front_port);
    let b = Browser::new(&front);
    let wanted = "/app/report?year=2026&q=a%20b";

    // Signed out: to Iris's sign-in page, to come back to the URL asked for, query and all.
    let stranger = b.get(wanted).await;
    assert_eq!(stranger.status, 302, "{}", stranger.body);
    let login = stranger.location().unwrap().to_owned();
    assert_eq!(
        login,
        format!("{front}/login?return_to=%2Fapp%2Freport%3Fyear%3D2026%26q%3Da%2520b")
    );
    assert!(!stranger.body.contains("app:"), "the app was not asked");
    let page = b.get(&login).await;
    assert_eq!(page.status, 200);
    assert_eq!(hidden(&page.body, "return_to").as_deref(), Some(wanted));

    // Signed in through the emailed link (on nginx's origin): back to that URL, and the app
    // is told who it is, whatever the browser claims.
    let before = iris.sink().messages().len();
    let asked = b
        .post(
            "/login",
            &[
                ("csrf_token", &page.csrf()),
                ("email", "nginx@example.com"),
                ("return_to", wanted),
            ],
        )
        .await;
    assert_eq!(asked.status, 303, "{}", asked.body);
    let mail = iris.sink().wait_for(before + 1).await.pop().unwrap();
    assert!(mail.link().starts_with(&front), "{}", mail.link());
    let done = b.confirm_link(&mail.link()).await;
    assert_eq!(done.status, 303);
    assert_eq!(done.location(), Some(wanted));
    let id = iris.sql("SELECT id FROM accounts");
    let seen = b.get(wanted).await;
    assert_eq!(seen.status, 200, "{}", seen.body);
    assert_eq!(
        seen.body,
        format!("app: {wanted} id=[{id}] email=[nginx@example.com]")
    );
    let renewed = seen.header("set-cookie").unwrap_or_default();
    assert!(
        renewed.starts_with("iris-session=") && renewed.contains("Max-Age="),
        "Iris's renewed cookie reaches the browser: {renewed:?}"
    );
    let spoofed = b
        .client
        .get(format!("{front}/app/"))
        .header("x-iris-user-email", "boss@example.com")
        .header("x-iris-user-id", "boss")
        .send()
        .await
        .unwrap();
    let spoofed = spoofed.text().await.unwrap();
    assert_eq!(
        spoofed,
        format!("app: /app/ id=[{id}] email=[nginx@example.com]")
    );

    // Signed out again: blocked, the browser and a copy of its old cookie alike.
    let cookie = done.session_cookie().unwrap();
    assert_eq!(b.sign_out().await.status, 303);
    let blocked = b.get(wanted).await;
    assert_eq!(blocked.status, 302);
    assert!(!blocked.body.contains("app:"));
    let replay = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{front}{wanted}"))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 302);
}

/// A URL Iris would not send a browser back to gets the plain sign-in page, not an error.
#[tokio::test]
async fn a_signed_out_check_names_the_sign_in_page_with_return_to_only_when_allowed() {
    let iris = spawn_app().await;
    let ask = |original: Option<&'static str>| {
        let mut req = reqwest::Client::new().get(format!("{}/auth/check", iris.address));
        if let Some(o) = original {
            req = req.header("x-original-uri", o);
        }
        async move { req.send().await.unwrap() }
    };
    let base = &iris.address;
    for (original, login) in [
        (None, format!("{base}/login")),
        (
            Some("/app/?a=1&b=2"),
            format!("{base}/login?return_to=%2Fapp%2F%3Fa%3D1%26b%3D2"),
        ),
        (Some("//evil.test/"), format!("{base}/login")),
        (Some("https://evil.test/"), format!("{base}/login")),
    ] {
        let res = ask(original).await;
        assert_eq!(res.status(), 401);
        assert_eq!(
            res.headers()["x-iris-login"].to_str().unwrap(),
            login,
            "{original:?}"
        );
    }
}
