//! "I didn't ask for this" in the Kratos approaches, against the real Kratos v1.3.1: the
//! emails Kratos sends through Iris's courier hook carry a link naming the flow (with Iris's
//! tag); its POST makes Iris refuse the flow, holds the address, and ends the identity's
//! sessions that began while the flow could be used.
use crate::harness::*;
use crate::helpers::*;

/// The email's "I didn't ask for this" link (`?flow=…&sig=…`).
fn not_me_link(mail: &Mail) -> String {
    regex::Regex::new(r"https?://\S+/login/not-me\?flow=[A-Za-z0-9-]+&sig=[A-Za-z0-9_-]+")
        .unwrap()
        .find(&mail.text)
        .unwrap_or_else(|| panic!("a not-me link in {}", mail.text))
        .as_str()
        .to_owned()
}

async fn ask(app: &TestApp, b: &Browser, email: &str) -> Mail {
    let before = app.sink().messages().len();
    let asked = b.submit("/login", "/login", &[("email", email)]).await;
    assert_eq!(asked.status, 303, "{}", asked.text());
    app.sink().wait_for(before + 1).await.pop().unwrap()
}

/// Opens the link and presses its button.
async fn stop(b: &Browser, link: &str) -> Page {
    let page = b.get(link).await;
    assert_eq!(page.status, 200, "{}", page.text());
    assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
    let fields = [
        ("csrf_token", page.csrf()),
        ("flow", hidden(&page.body, "flow").unwrap()),
        ("sig", hidden(&page.body, "sig").unwrap()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    b.post("/login/not-me", &fields).await
}

#[tokio::test]
async fn a_kratos_code_email_is_stopped_at_iris_and_its_address_held() {
    let (app, kratos) = iris_with_kratos_as("memory", "10m", Shape::Code, |_| {}).await;
    // A known identity first (signed up by code), then someone else asks for it.
    let owner = app.browser();
    let mail = ask(&app, &owner, "held@example.com").await;
    assert_eq!(owner.enter_code(&mail.code()).await.status, 303);
    assert_eq!(owner.sign_out().await.status, 303);
    app.clock.advance(time::Duration::seconds(61));
    let stranger = app.browser();
    let unasked = ask(&app, &stranger, "held@example.com").await;
    let link = not_me_link(&unasked);

    // A scanner changes nothing; a forged tag is refused.
    let scanner = app.browser();
    assert_eq!(scanner.get(&link).await.status, 200);
    let forged = link.replace("sig=", "sig=AAAA");
    assert_eq!(scanner.get(&forged).await.status, 404);
    assert!(
        app.sql("SELECT count(*) FROM kratos_requests WHERE voided_at IS NOT NULL") == "0",
        "GET changes nothing"
    );

    let done = stop(&app.browser(), &link).await;
    assert_eq!(done.status, 200, "{}", done.text());
    assert!(
        done.text().contains("This email is stopped"),
        "{}",
        done.text()
    );
    assert!(
        done.text().contains("Nobody had signed in with it"),
        "{}",
        done.text()
    );
    assert_eq!(
        app.sql("SELECT count(*) FROM kratos_requests WHERE voided_at IS NOT NULL"),
        "1"
    );

    // Iris refuses the code now; strangers get no new email; the owner's browser does.
    let refused = stranger.enter_code(&unasked.code()).await;
    assert_ne!(refused.status, 303, "{}", refused.text());
    assert!(
        refused.text().contains("its code no longer works"),
        "{}",
        refused.text()
    );
    assert_eq!(stranger.whoami().await.0, 401);
    app.clock.advance(time::Duration::seconds(61));
    let again = stranger
        .submit("/login", "/login", &[("email", "held@example.com")])
        .await;
    assert_eq!(again.status, 429, "{}", again.text());
    let mail = ask(&app, &owner, "held@example.com").await;
    assert_eq!(owner.enter_code(&mail.code()).await.status, 303);
    assert_eq!(owner.whoami().await.0, 200, "{}", kratos.log());
}

#[tokio::test]
async fn a_used_kratos_code_email_stopped_ends_the_sessions_it_could_have_made() {
    let (app, kratos) = iris_with_kratos_as("memory", "10m", Shape::Code, |_| {}).await;
    let intruder = app.browser();
    let mail = ask(&app, &intruder, "taken@example.com").await;
    assert_eq!(intruder.enter_code(&mail.code()).await.status, 303);
    assert_eq!(intruder.whoami().await.0, 200, "{}", kratos.log());

    let recipient = app.browser();
    let done = stop(&recipient, &not_me_link(&mail)).await;
    let text = done.text();
    assert!(
        done.status == 200 && text.contains("including yours"),
        "{text}"
    );
    assert_eq!(
        (intruder.whoami().await.0, recipient.whoami().await.0),
        (401, 401),
        "Kratos ended the intruder's session; nobody is signed in by the stop"
    );
    // A second press says so.
    let csrf = recipient.get("/login").await.csrf();
    let url = url::Url::parse(&not_me_link(&mail)).unwrap();
    let param = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
            .unwrap()
    };
    let (flow, sig) = (param("flow"), param("sig"));
    let second = recipient
        .post(
            "/login/not-me",
            &[
                ("csrf_token", csrf.as_str()),
                ("flow", flow.as_str()),
                ("sig", sig.as_str()),
            ],
        )
        .await;
    assert_eq!(second.status, 410, "{}", second.text());
}

#[tokio::test]
async fn a_stopped_recovery_link_is_refused_on_its_page() {
    let (app, _kratos) = iris_with_kratos_as("memory", "10m", Shape::RecoveryLink, |_| {}).await;
    let b = app.browser();
    let first = ask(&app, &b, "rec@example.com").await;
    let link = regex::Regex::new(r"https?://\S+/login/link\?flow=[A-Za-z0-9-]+&token=\S+")
        .unwrap()
        .find(&first.text)
        .unwrap_or_else(|| panic!("a recovery link in {}", first.text))
        .as_str()
        .to_owned();
    let done = stop(&app.browser(), &not_me_link(&first)).await;
    assert_eq!(done.status, 200, "{}", done.text());
    let page = b.get(&link).await;
    assert_eq!(page.status, 410, "{}", page.text());
    assert!(
        page.text().contains("This email was stopped"),
        "{}",
        page.text()
    );
    assert_eq!(b.whoami().await.0, 401);
}
