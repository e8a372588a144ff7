//! The harness's OAuth2 clients, as Hydra's admin API creates and keeps them.
use crate::helpers::free_port;
use crate::hydra::{Hydra, NewClient, TokenAuth};

#[tokio::test]
async fn admin_api_creates_public_and_confidential_clients_as_asked() {
    let hydra = Hydra::start(&format!("http://127.0.0.1:{}", free_port())).await;

    let public = hydra.create_client(&NewClient::default()).await;
    assert_eq!(public.client_secret, None, "a public client has no secret");
    assert_eq!(public.json["token_endpoint_auth_method"], "none");
    assert_eq!(public.json["skip_consent"], false);
    assert_eq!(public.json["scope"], "openid email");

    let trusted = hydra
        .create_client(&NewClient {
            client_id: Some("iris-test-trusted".to_owned()),
            client_name: "Trusted App".to_owned(),
            redirect_uris: vec!["http://127.0.0.1:5556/cb".to_owned()],
            // Hydra refuses a post-logout URI whose scheme, host and port no redirect URI has.
            post_logout_redirect_uris: vec!["http://127.0.0.1:5556/bye".to_owned()],
            token_endpoint_auth_method: TokenAuth::ClientSecretBasic,
            skip_consent: true,
            ..NewClient::default()
        })
        .await;
    assert_eq!(trusted.client_id, "iris-test-trusted");
    assert!(trusted
        .client_secret
        .as_deref()
        .is_some_and(|s| s.len() >= 26));

    // What Iris will read back for the consent page: as created.
    let stored: serde_json::Value = reqwest::get(format!(
        "{}/admin/clients/iris-test-trusted",
        hydra.admin_url
    ))
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    assert_eq!(stored["client_name"], "Trusted App");
    assert_eq!(stored["skip_consent"], true);
    assert_eq!(stored["token_endpoint_auth_method"], "client_secret_basic");
    assert_eq!(
        stored["redirect_uris"],
        serde_json::json!(["http://127.0.0.1:5556/cb"])
    );
    assert_eq!(
        stored["post_logout_redirect_uris"],
        serde_json::json!(["http://127.0.0.1:5556/bye"])
    );
}
