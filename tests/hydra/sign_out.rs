//! Signing out of Iris makes Hydra forget its remembered logins of that person, so an app's next
//! authorization is not waved through by Hydra's `skip`.
use std::time::Duration;
use url::Url;

use crate::admin_client::{browser, follow};
use crate::helpers::{free_port, spawn_app_with};
use crate::hydra::{Hydra, NewClient};
use crate::relying_party::query;
use iris::hydra::{AcceptConsent, AcceptLogin, HydraAdmin, IdTokenClaims};

/// An authorization request of `app` in `browser`; the login request Hydra hands Iris.
async fn authorize(hydra: &Hydra, app: &str, browser: &reqwest::Client) -> (String, bool, String) {
    let mut auth = Url::parse(&format!("{}/oauth2/auth", hydra.public_url)).unwrap();
    auth.query_pairs_mut()
        .append_pair("client_id", app)
        .append_pair("response_type", "code")
        .append_pair("scope", "openid email")
        .append_pair("redirect_uri", &NewClient::default().redirect_uris[0])
        .append_pair("state", "state-of-the-app-123");
    let to_login = follow(browser, auth.as_str(), hydra).await;
    let challenge = query(&to_login, "login_challenge").unwrap();
    let admin = HydraAdmin::new(
        Url::parse(&hydra.admin_url).unwrap(),
        Duration::from_secs(5),
        None,
    )
    .unwrap();
    let login = admin.login_request(&challenge).await.unwrap().unwrap();
    (challenge, login.skip, login.subject)
}

#[tokio::test]
async fn signing_out_of_iris_makes_hydra_forget_the_remembered_login() {
    let hydra = Hydra::start(&format!("http://127.0.0.1:{}", free_port())).await;
    let admin_url = Url::parse(&hydra.admin_url).unwrap();
    let app = spawn_app_with(|s| s.hydra.admin_url = Some(admin_url.clone()), &[]).await;
    let person = app.browser();
    let mail = app.request_email(&person, "ann@example.com").await;
    assert_eq!(person.confirm_link(&mail.link()).await.status, 303);
    let subject = person.whoami().await.1["id"].as_str().unwrap().to_owned();

    // Hydra remembers Ann's login in this browser (accepted as Iris will accept it).
    let client = hydra.create_client(&NewClient::default()).await;
    let hydra_browser = browser();
    let admin = HydraAdmin::new(admin_url, Duration::from_secs(5), None).unwrap();
    let (challenge, skip, _) = authorize(&hydra, &client.client_id, &hydra_browser).await;
    assert!(!skip);
    let accept = AcceptLogin {
        subject: subject.clone(),
        remember: true,
        remember_for: 3600,
        amr: vec!["email".into()],
        identity_provider_session_id: None,
    };
    let next = admin
        .accept_login(&challenge, &accept)
        .await
        .unwrap()
        .unwrap();
    let to_consent = follow(&hydra_browser, &next.redirect_to, &hydra).await;
    let consent = query(&to_consent, "consent_challenge").unwrap();
    let accept = AcceptConsent {
        grant_scope: vec!["openid".into(), "email".into()],
        grant_access_token_audience: vec![],
        remember: false,
        remember_for: 0,
        id_token: IdTokenClaims::default(),
    };
    let next = admin
        .accept_consent(&consent, &accept)
        .await
        .unwrap()
        .unwrap();
    follow(&hydra_browser, &next.redirect_to, &hydra).await;
    let (_, skip, remembered) = authorize(&hydra, &client.client_id, &hydra_browser).await;
    assert_eq!(
        (skip, remembered.as_str()),
        (true, subject.as_str()),
        "remembered"
    );

    assert_eq!(person.sign_out().await.status, 303);
    let (_, skip, _) = authorize(&hydra, &client.client_id, &hydra_browser).await;
    assert!(!skip, "signed out of Iris: Hydra asks Iris again");
}
