//! Iris's Hydra admin client (`iris::hydra::HydraAdmin`) against the real Hydra v2.3.0, with a
//! real relying party: the login and consent requests read, accepted with the subject, the
//! `amr` and the `email` claims; the code exchanged with PKCE; the ID token's signature,
//! issuer, audience and nonce verified against Hydra's JWKS by `openidconnect`. The client on
//! its own, the test playing Iris's pages (`flows.rs` runs the pages themselves).
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge, RedirectUrl, Scope,
};
use std::time::Duration;
use url::Url;

use crate::helpers::free_port;
use crate::hydra::{Hydra, NewClient};
use crate::relying_party::{query, rp_http};
use iris::hydra::{AcceptConsent, AcceptLogin, HydraAdmin, IdTokenClaims, Rejection};

/// The browser: keeps Hydra's CSRF cookies, follows no redirect.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// GETs `url` and returns where it redirects.
pub async fn follow(browser: &reqwest::Client, url: &str, hydra: &Hydra) -> Url {
    let res = browser.get(url).send().await.unwrap();
    assert!(
        res.status().is_redirection(),
        "{}: {}",
        res.status(),
        hydra.log()
    );
    Url::parse(res.headers()["location"].to_str().unwrap()).unwrap()
}

fn admin(hydra: &Hydra) -> HydraAdmin {
    HydraAdmin::new(
        Url::parse(&hydra.admin_url).unwrap(),
        Duration::from_secs(5),
        None,
    )
    .unwrap()
}

#[tokio::test]
async fn accepting_login_and_consent_gives_the_app_a_verified_id_token_with_the_email() {
    let iris_url = format!("http://127.0.0.1:{}", free_port());
    let hydra = Hydra::start(&iris_url).await;
    let app = hydra.create_client(&NewClient::default()).await;
    let admin = admin(&hydra);
    let http = rp_http();
    let metadata = CoreProviderMetadata::discover_async(
        IssuerUrl::new(hydra.issuer().to_owned()).unwrap(),
        &http,
    )
    .await
    .unwrap();
    let redirect_uri = NewClient::default().redirect_uris[0].clone();
    let rp =
        CoreClient::from_provider_metadata(metadata, ClientId::new(app.client_id.clone()), None)
            .set_redirect_uri(RedirectUrl::new(redirect_uri.clone()).unwrap());
    let (pkce, verifier) = PkceCodeChallenge::new_random_sha256();
    let (auth_url, state, nonce) = rp
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".to_owned()))
        .set_pkce_challenge(pkce)
        .url();

    let browser = browser();
    let to_login = follow(&browser, auth_url.as_str(), &hydra).await;
    let challenge = query(&to_login, "login_challenge").unwrap();
    let login = admin
        .login_request(&challenge)
        .await
        .unwrap()
        .expect("a live login request");
    assert_eq!(login.client.client_id, app.client_id);
    assert_eq!(login.client.client_name, "Test App");
    assert_eq!(login.requested_scope, ["openid", "email"]);
    assert!(!login.skip);

    let subject = "iris-account-7f1c".to_owned();
    let accepted = admin
        .accept_login(
            &challenge,
            &AcceptLogin {
                subject: subject.clone(),
                remember: true,
                remember_for: 3600,
                amr: vec!["email".into(), "otp".into()],
                identity_provider_session_id: Some("session-public-id".into()),
            },
        )
        .await
        .unwrap()
        .expect("Hydra's next step");
    assert!(
        accepted.redirect_to.starts_with(&hydra.public_url),
        "{}",
        accepted.redirect_to
    );
    // Hydra v2.3.0 keeps the flow in the challenge itself: a handled login request still
    // reads (200), so a readable challenge proves nothing about whether it was used.
    assert!(admin.login_request(&challenge).await.unwrap().is_some());

    let to_consent = follow(&browser, &accepted.redirect_to, &hydra).await;
    assert_eq!(to_consent.path(), "/consent");
    let challenge = query(&to_consent, "consent_challenge").unwrap();
    let consent = admin.consent_request(&challenge).await.unwrap().unwrap();
    assert_eq!(
        (consent.subject.as_str(), consent.skip),
        (subject.as_str(), false)
    );
    assert_eq!(consent.requested_scope, ["openid", "email"]);
    let accepted = admin
        .accept_consent(
            &challenge,
            &AcceptConsent {
                grant_scope: consent.requested_scope.clone(),
                grant_access_token_audience: consent.requested_access_token_audience.clone(),
                remember: true,
                remember_for: 3600,
                id_token: IdTokenClaims {
                    email: Some("ann@example.com".into()),
                    email_verified: Some(true),
                },
            },
        )
        .await
        .unwrap()
        .unwrap();

    let callback = follow(&browser, &accepted.redirect_to, &hydra).await;
    assert!(callback.as_str().starts_with(&redirect_uri), "{callback}");
    assert_eq!(
        query(&callback, "state").as_deref(),
        Some(state.secret().as_str())
    );
    let code = query(&callback, "code").expect("an authorization code");

    // The relying party's half: the code for tokens, then the ID token checked against the
    // JWKS (signature), the issuer, the audience (this client) and the nonce.
    let tokens = rp
        .exchange_code(AuthorizationCode::new(code))
        .unwrap()
        .set_pkce_verifier(verifier)
        .request_async(&http)
        .await
        .unwrap_or_else(|e| panic!("token exchange: {e:?}\n{}", hydra.log()));
    use openidconnect::TokenResponse;
    let id_token = tokens.id_token().expect("an ID token");
    let claims = id_token
        .claims(&rp.id_token_verifier(), &nonce)
        .expect("signature, issuer, audience and nonce check out");
    assert_eq!(claims.subject().as_str(), subject);
    assert_eq!(claims.email().map(|e| e.as_str()), Some("ann@example.com"));
    assert_eq!(claims.email_verified(), Some(true));
    let amr: Vec<String> = claims
        .auth_method_refs()
        .map(|a| a.iter().map(|m| m.as_str().to_owned()).collect())
        .unwrap_or_default();
    assert_eq!(amr, ["email", "otp"]);

    // Signing out of Iris forgets Hydra's remembered login for the subject.
    admin.forget_logins(&subject).await.unwrap();
}

#[tokio::test]
async fn rejects_reach_the_app_as_oauth_errors_and_unknown_challenges_read_as_none() {
    let iris_url = format!("http://127.0.0.1:{}", free_port());
    let hydra = Hydra::start(&iris_url).await;
    let app = hydra.create_client(&NewClient::default()).await;
    let admin = admin(&hydra);
    let mut auth = Url::parse(&format!("{}/oauth2/auth", hydra.public_url)).unwrap();
    auth.query_pairs_mut()
        .append_pair("client_id", &app.client_id)
        .append_pair("response_type", "code")
        .append_pair("scope", "openid email")
        .append_pair("redirect_uri", &NewClient::default().redirect_uris[0])
        .append_pair("state", "state-of-the-app-123");
    let browser = browser();
    let to_login = follow(&browser, auth.as_str(), &hydra).await;
    let challenge = query(&to_login, "login_challenge").unwrap();
    let rejected = admin
        .reject_login(
            &challenge,
            &Rejection {
                error: "access_denied".into(),
                error_description: "The person said no.".into(),
            },
        )
        .await
        .unwrap()
        .unwrap();
    let back = follow(&browser, &rejected.redirect_to, &hydra).await;
    assert_eq!(
        query(&back, "error").as_deref(),
        Some("access_denied"),
        "{back}"
    );

    for unknown in ["not-a-challenge", ""] {
        assert!(admin.login_request(unknown).await.unwrap().is_none());
        assert!(admin.consent_request(unknown).await.unwrap().is_none());
        assert!(admin.logout_request(unknown).await.unwrap().is_none());
    }
}

#[tokio::test]
async fn a_stopped_hydra_is_unavailable_within_the_timeout_then_answers_again() {
    let mut hydra = Hydra::start(&format!("http://127.0.0.1:{}", free_port())).await;
    let admin = admin(&hydra);
    hydra.stop();
    let started = std::time::Instant::now();
    assert!(matches!(
        admin.login_request("anything").await,
        Err(iris::hydra::HydraError::Unavailable(_))
    ));
    assert!(started.elapsed() < Duration::from_secs(6));
    hydra.start_again().await;
    assert!(admin.login_request("anything").await.unwrap().is_none());
}
