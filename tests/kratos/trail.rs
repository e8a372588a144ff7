//! The trail with Kratos holding the sessions: Iris learns the person (the Kratos identity id)
//! only from Kratos's whoami, so what it records is a sign-out through its own page, on the
//! identity's trail, and the account page shows it.
use crate::harness::*;

#[tokio::test]
async fn a_sign_out_goes_on_the_kratos_identitys_trail_and_shows_on_its_page() {
    let (app, _kratos) = iris_with_kratos_as("memory", "10m", Shape::Code, |_| {}).await;
    let b = app.browser();
    let mail = app.request_email(&b, "kim@example.com").await;
    assert_eq!(b.enter_code(&mail.code()).await.status, 303);
    let (status, me) = b.whoami().await;
    assert_eq!(status, 200);
    let identity = me["id"].as_str().unwrap().to_owned();
    let page = b.get("/").await;
    assert!(
        page.text()
            .contains("Nothing has happened on this account yet."),
        "Iris does not see a Kratos sign-in: {}",
        page.text()
    );
    assert_eq!(b.sign_out().await.status, 303);

    app.clock.advance(time::Duration::seconds(61));
    let mail = app.request_email(&b, "kim@example.com").await;
    assert_eq!(b.enter_code(&mail.code()).await.status, 303);
    let text = b.get("/").await.text();
    assert!(
        text.contains("Signed out") && text.contains("from Firefox on Linux (127.0.0.x)"),
        "{text}"
    );
    assert_eq!(
        app.sql(&format!(
            "SELECT kind FROM trail_events WHERE account_id = '{identity}'"
        )),
        "signed_out"
    );
    assert_eq!(app.sql("SELECT count(*) FROM trail_events"), "1");
}
