//! Hydra's admin API behind a gateway that wants a bearer token (a real nginx in front of the
//! real Hydra): Iris sends `secrets.hydra_admin_token` and signs the person in to the
//! application; without it the gateway's 401 is an outage (503), not an "expired" page.
//! And a Hydra that accepts the connection but never answers is a 503 within `hydra.timeout`.
use std::time::{Duration, Instant};
use url::Url;

use crate::helpers::free_port;
use crate::hydra::NewClient;
use crate::nginx::Nginx;
use crate::world::{Approach, Stop, World};

const TOKEN: &str = "hydra-admin-token-0123456789abcdef";

fn gateway(port: u16, hydra_admin: &str) -> Nginx {
    let upstream = Url::parse(hydra_admin).unwrap();
    let config = format!(
        "server {{ listen 127.0.0.1:{port};\n\
         location / {{\n\
           if ($http_authorization != \"Bearer {TOKEN}\") {{ return 401; }}\n\
           proxy_pass http://127.0.0.1:{};\n\
         }} }}\n",
        upstream.port().unwrap()
    );
    Nginx::start(&config, port)
}

#[tokio::test]
async fn a_bearer_token_gets_through_a_gateway_and_its_absence_is_an_outage() {
    let port = free_port();
    let world = World::start_custom(Approach::Standalone, NewClient::default(), |s| {
        s.hydra.admin_url = Some(Url::parse(&format!("http://127.0.0.1:{port}")).unwrap());
        s.secrets.hydra_admin_token = Some(TOKEN.to_owned().into());
    })
    .await;
    let _nginx = gateway(port, &world.hydra.admin_url);
    let browser = world.browser();
    let auth = world.authorize(&["email"], &[]);
    let Stop::Login(login) = world.walk(&browser, auth.url.as_str()).await else {
        panic!("the email page, through the gateway");
    };
    let Stop::Consent(_) = world.sign_in_on(&browser, &login, "jo@example.com").await else {
        panic!("consent, through the gateway");
    };

    // The same Hydra, without the token: refused by the gateway.
    let without = World::start_custom(Approach::Standalone, NewClient::default(), |s| {
        s.hydra.admin_url = Some(Url::parse(&format!("http://127.0.0.1:{port}")).unwrap());
    })
    .await;
    let page = without
        .browser()
        .get("/consent?consent_challenge=anything")
        .await;
    assert_eq!(page.status, 503, "{}", page.text());
}

#[tokio::test]
async fn a_hydra_that_never_answers_is_a_503_within_the_timeout() {
    // Accepts connections (the kernel's backlog) and never says a word.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    let world = World::start_custom(Approach::Standalone, NewClient::default(), |s| {
        s.hydra.admin_url = Some(Url::parse(&url).unwrap());
        s.hydra.timeout = Duration::from_millis(500);
    })
    .await;
    let browser = world.browser();
    for path in [
        "/login?login_challenge=c",
        "/consent?consent_challenge=c",
        "/logout?logout_challenge=c",
    ] {
        let started = Instant::now();
        let page = browser.get(path).await;
        assert_eq!(page.status, 503, "{path}: {}", page.text());
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{path}: {:?}",
            started.elapsed()
        );
    }
    drop(silent);
}
