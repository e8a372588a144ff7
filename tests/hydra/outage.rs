//! The harness's "Hydra down": stopped, nothing answers; started again, ready and empty.
use crate::helpers::free_port;
use crate::hydra::{Hydra, NewClient};

#[tokio::test]
async fn stopped_hydra_refuses_connections_and_starts_again_empty() {
    let mut hydra = Hydra::start(&format!("http://127.0.0.1:{}", free_port())).await;
    let app = hydra.create_client(&NewClient::default()).await;
    let client_url = format!("{}/admin/clients/{}", hydra.admin_url, app.client_id);
    assert_eq!(reqwest::get(&client_url).await.unwrap().status(), 200);

    hydra.stop();
    for url in [&client_url, &format!("{}/health/alive", hydra.public_url)] {
        let err = reqwest::get(url.as_str()).await.unwrap_err();
        assert!(err.is_connect(), "{url}: {err:?}");
    }

    // Same ports and config; the memory DSN starts empty, so the client is gone.
    hydra.start_again().await;
    assert_eq!(reqwest::get(&client_url).await.unwrap().status(), 404);
    let discovery = format!("{}/.well-known/openid-configuration", hydra.public_url);
    assert_eq!(reqwest::get(&discovery).await.unwrap().status(), 200);
}
