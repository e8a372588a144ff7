//! The fragment `iris kratos-config` prints is accepted by the real Kratos and does what Iris
//! needs: flows land on Iris's pages, codes are the passwordless method, and sign-up is open.
use crate::harness::*;

#[tokio::test]
async fn kratos_runs_with_the_generated_fragment_and_sends_browsers_to_iris() {
    let iris = IrisSide {
        public_url: "http://127.0.0.1:4455".into(),
        env: vec![],
        code_lifespan: "10m",
    };
    let kratos = Kratos::start(&iris).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for (flow, page) in [("login", "/login"), ("registration", "/registration")] {
        let res = client
            .get(format!("{}/self-service/{flow}/browser", kratos.public_url))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{flow}");
        let location = res.headers()["location"].to_str().unwrap();
        assert!(
            location.starts_with(&format!("http://127.0.0.1:4455{page}?flow=")),
            "{flow}: {location}"
        );
    }
    // JSON: the login flow offers the passwordless code method and nothing else.
    let flow: serde_json::Value = client
        .get(format!("{}/self-service/login/browser", kratos.public_url))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let nodes = flow["ui"]["nodes"].as_array().unwrap();
    let names: Vec<&str> = nodes
        .iter()
        .filter_map(|n| n["attributes"]["name"].as_str())
        .collect();
    assert!(
        names.contains(&"identifier") && names.contains(&"csrf_token"),
        "{names:?}"
    );
    let methods: Vec<&str> = nodes
        .iter()
        .filter(|n| n["attributes"]["name"] == "method")
        .filter_map(|n| n["attributes"]["value"].as_str())
        .collect();
    assert_eq!(methods, vec!["code"]);
    // The return URL allow-list came from Iris: an outside return_to is refused.
    let res = client
        .get(format!(
            "{}/self-service/login/browser?return_to=https://evil.test/",
            kratos.public_url
        ))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400, "{}", kratos.log());
}
