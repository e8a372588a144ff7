//! A real relying party (`openidconnect`) in front of a real Hydra: discovery, the JWKS, and an
//! authorization request with PKCE and a nonce that Hydra hands to Iris's login page.
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreJwsSigningAlgorithm, CoreProviderMetadata,
};
use openidconnect::{ClientId, CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge, RedirectUrl, Scope};
use url::Url;

use crate::helpers::free_port;
use crate::hydra::{Hydra, NewClient};

/// The relying party's HTTP client: it follows no redirect (openidconnect's advice against
/// SSRF; the tests read every `Location` themselves).
pub fn rp_http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// One query parameter of a URL.
pub fn query(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

#[tokio::test]
async fn relying_party_discovers_hydra_and_its_authorization_request_reaches_iris_login() {
    // Nothing listens at Iris's URL: this test stops at the redirect to it.
    let iris_url = format!("http://127.0.0.1:{}", free_port());
    let hydra = Hydra::start(&iris_url).await;
    let app = hydra.create_client(&NewClient::default()).await;
    let http = rp_http();

    // Discovery: the issuer as configured, then the JWKS it names, with a signing key.
    let issuer = IssuerUrl::new(hydra.issuer().to_owned()).unwrap();
    let metadata = CoreProviderMetadata::discover_async(issuer, &http)
        .await
        .unwrap_or_else(|e| panic!("discovery: {e:?}; Hydra's log:\n{}", hydra.log()));
    assert_eq!(metadata.issuer().as_str(), hydra.issuer());
    assert_eq!(
        metadata.authorization_endpoint().as_str(),
        format!("{}/oauth2/auth", hydra.public_url)
    );
    assert!(metadata
        .id_token_signing_alg_values_supported()
        .contains(&CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256));
    assert!(
        !metadata.jwks().keys().is_empty(),
        "Hydra publishes its ID token key"
    );

    // The authorization URL: code flow, PKCE (S256), a nonce and a state.
    let redirect_uri = NewClient::default().redirect_uris[0].clone();
    let rp =
        CoreClient::from_provider_metadata(metadata, ClientId::new(app.client_id.clone()), None)
            .set_redirect_uri(RedirectUrl::new(redirect_uri).unwrap());
    let (pkce_challenge, _pkce_verifier) = PkceCodeChallenge::new_random_sha256();
    let (auth_url, state, nonce) = rp
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".to_owned()))
        .set_pkce_challenge(pkce_challenge.clone())
        .url();

    // Hydra sends the browser to Iris's login page with a challenge, and sets its login CSRF
    // cookie (the browser must bring it back after Iris accepts).
    let res = http.get(auth_url.as_str()).send().await.unwrap();
    assert_eq!(res.status(), 302, "log:\n{}", hydra.log());
    let location = Url::parse(res.headers()["location"].to_str().unwrap()).unwrap();
    assert_eq!(
        location.as_str().split('?').next().unwrap(),
        format!("{iris_url}/login")
    );
    let challenge = query(&location, "login_challenge").expect("a login_challenge");
    assert!(!challenge.is_empty());
    assert_eq!(location.query_pairs().count(), 1, "{location}");
    let cookies: Vec<String> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().split('=').next().unwrap().to_owned())
        .collect();
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("ory_hydra_login_csrf_dev")),
        "{cookies:?}"
    );

    // What Iris will read from the admin API: this client, the scopes asked for, nobody
    // signed in yet, and the original request with the PKCE challenge, nonce and state.
    let (status, login) = hydra.login_request(&challenge).await;
    assert_eq!(status, 200, "{login}");
    assert_eq!(login["client"]["client_id"], app.client_id.as_str());
    assert_eq!(login["client"]["client_name"], "Test App");
    assert_eq!(
        login["requested_scope"],
        serde_json::json!(["openid", "email"])
    );
    assert_eq!(login["skip"], false);
    assert_eq!(login["subject"], "");
    let request_url = Url::parse(login["request_url"].as_str().unwrap()).unwrap();
    assert_eq!(
        query(&request_url, "code_challenge").as_deref(),
        Some(pkce_challenge.as_str())
    );
    assert_eq!(
        query(&request_url, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert_eq!(
        query(&request_url, "nonce").as_deref(),
        Some(nonce.secret().as_str())
    );
    assert_eq!(
        query(&request_url, "state").as_deref(),
        Some(state.secret().as_str())
    );
}
