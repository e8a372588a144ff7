//! The trail with Kratos holding the sessions: Iris learns the person (the Kratos identity id)
//! from Kratos's whoami once a sign-in has set Kratos's session, so the sign-in and what is
//! done through Iris's account page go on the identity's trail, and the account page shows it.
use crate::harness::*;

#[tokio::test]
async fn sign_ins_and_sign_outs_go_on_the_kratos_identitys_trail_and_show_on_its_page() {
    let (app, _kratos) = iris_with_kratos_as("memory", "10m", Shape::Code, |_| {}).await;
    let b = app.browser();
    let mail = app.request_email(&b, "kim@example.com").await;
    assert_eq!(b.enter_code(&mail.code()).await.status, 303);
    let (status, me) = b.whoami().await;
    assert_eq!(status, 200);
    let identity = me["id"].as_str().unwrap().to_owned();
    let page = b.get("/").await.text();
    assert!(
        page.contains("Signed in with a code")
            && page.contains("from Firefox on Linux (127.0.0.x)"),
        "{page}"
    );
    assert_eq!(b.sign_out().await.status, 303);

    app.clock.advance(time::Duration::seconds(61));
    let mail = app.request_email(&b, "kim@example.com").await;
    assert_eq!(b.enter_code(&mail.code()).await.status, 303);
    let text = b.get("/").await.text();
    assert!(text.contains("Signed out"), "{text}");
    assert_eq!(
        app.sql(&format!(
            "SELECT group_concat(kind, ',') FROM (SELECT kind FROM trail_events \
             WHERE account_id = '{identity}' ORDER BY id)"
        )),
        "signed_in_code,signed_out,signed_in_code"
    );
    assert_eq!(app.sql("SELECT count(*) FROM trail_events"), "3");
}
