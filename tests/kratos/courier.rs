//! Kratos's courier delivers through Iris: the real Kratos posts its email to
//! `/hooks/kratos/courier`, Iris renders its own email and a real SMTP server receives it.
use crate::harness::*;
use crate::helpers::*;

async fn app_with_courier() -> TestApp {
    spawn_app_with(
        |s| {
            s.secrets.courier_api_key = Some(COURIER_KEY.to_owned().into());
            s.kratos.code_lifespan = std::time::Duration::from_secs(600);
        },
        &[],
    )
    .await
}

/// A browser flow driven the way Iris will: JSON, the CSRF cookie carried along.
struct KratosBrowser {
    client: reqwest::Client,
    base: String,
}

impl KratosBrowser {
    fn new(kratos: &Kratos) -> Self {
        KratosBrowser {
            client: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            base: kratos.public_url.clone(),
        }
    }

    async fn get(&self, path: &str) -> serde_json::Value {
        self.client
            .get(format!("{}{path}", self.base))
            .header("accept", "application/json")
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    async fn submit(
        &self,
        flow: &serde_json::Value,
        body: serde_json::Value,
    ) -> (u16, serde_json::Value) {
        let csrf = flow["ui"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["attributes"]["name"] == "csrf_token")
            .unwrap()["attributes"]["value"]
            .clone();
        let mut body = body;
        body["csrf_token"] = csrf;
        let res = self
            .client
            .post(flow["ui"]["action"].as_str().unwrap())
            .header("accept", "application/json")
            .json(&body)
            .send()
            .await
            .unwrap();
        (res.status().as_u16(), res.json().await.unwrap_or_default())
    }
}

#[tokio::test]
async fn kratos_codes_arrive_as_iris_emails_through_the_courier_hook() {
    let app = app_with_courier().await;
    let kratos = Kratos::start(&IrisSide {
        public_url: app.address.clone(),
        env: vec![],
        code_lifespan: "10m",
    })
    .await;
    let browser = KratosBrowser::new(&kratos);
    let flow = browser.get("/self-service/registration/browser").await;
    let (status, sent) = browser
        .submit(
            &flow,
            serde_json::json!({ "method": "code", "traits": { "email": "new@example.com" } }),
        )
        .await;
    assert_eq!(status, 400, "Kratos answers 'code sent' with 400: {sent}");
    assert_eq!(sent["state"], "sent_email");

    let mail = app.sink().wait_for(1).await.pop().unwrap();
    assert_eq!(mail.rcpt_tos, vec!["new@example.com"]);
    assert_eq!(mail.subject, "Sign in to Iris");
    assert!(
        mail.text.contains("Enter it on the sign-in page"),
        "{}",
        mail.text
    );
    assert!(mail.text.contains("If this wasn't you"));
    assert!(
        !mail.text.contains("/login/link"),
        "Kratos codes come without an Iris link"
    );

    // The code in Iris's email is the one Kratos expects.
    let (status, done) = browser
        .submit(&sent, serde_json::json!({ "method": "code", "code": mail.code(), "traits": { "email": "new@example.com" } }))
        .await;
    assert_eq!(status, 200, "{done}");
    assert!(done["session"]["id"].is_string());
    assert!(
        !kratos.log().contains(&mail.code()),
        "Kratos must not log the code"
    );
}
