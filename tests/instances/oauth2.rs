//! An application's sign-in across instances: Hydra's request is kept in the browser's
//! server-side session (in PostgreSQL here), so the page Hydra sends the browser to, the
//! email form, the code and the consent may each be answered by a different instance.
use crate::harness::{eventually, Pair};
use crate::helpers::{hidden, Browser, Page};
use crate::hydra::{Hydra, NewClient};
use std::time::Duration;
use url::Url;

/// `location` (on Iris's public URL, whichever instance that is) as reached on `browser`'s
/// instance; Hydra's own URLs stay as they are.
fn on(browser: &Browser, hydra: &Hydra, location: &str) -> String {
    match location.strip_prefix(&hydra.iris_url) {
        Some(path) => format!("{}{path}", browser.base),
        None => location.to_owned(),
    }
}

/// Follows redirects and hand-over pages from `url`, every Iris page on `browser`'s instance,
/// until a page that wants the person or the application's callback.
async fn walk(browser: &Browser, hydra: &Hydra, url: &str) -> (Url, Option<Page>) {
    let mut url = on(browser, hydra, url);
    for _ in 0..10 {
        if url.starts_with("http://127.0.0.1:5555/") {
            return (Url::parse(&url).unwrap(), None);
        }
        let page = browser.get(&url).await;
        let next = if (300..400).contains(&page.status) {
            page.location().map(str::to_owned)
        } else {
            page.header("refresh")
                .map(|r| r.split_once("url=").unwrap().1.to_owned())
        };
        match next {
            Some(next) => {
                url = on(
                    browser,
                    hydra,
                    Url::parse(&url).unwrap().join(&next).unwrap().as_str(),
                )
            }
            None => return (Url::parse(&url).unwrap(), Some(page)),
        }
    }
    panic!("too many redirects; Hydra's log:\n{}", hydra.log());
}

#[tokio::test]
async fn an_application_sign_in_goes_on_whichever_instance_answers() {
    // Hydra's `urls.login` names no instance here: the test sends each step to one.
    let mut hydra = Hydra::start("http://127.0.0.1:9").await;
    let pair = Pair::start(&[("hydra.admin_url", hydra.admin_url.as_str())]).await;
    let client = hydra
        .create_client(&NewClient {
            client_name: "Photo Album".into(),
            ..NewClient::default()
        })
        .await;
    let (on_a, on_b) = pair.browsers();
    let mut auth = Url::parse(&format!("{}/oauth2/auth", hydra.public_url)).unwrap();
    auth.query_pairs_mut()
        .append_pair("client_id", &client.client_id)
        .append_pair("response_type", "code")
        .append_pair("scope", "openid email")
        .append_pair("redirect_uri", &NewClient::default().redirect_uris[0])
        .append_pair("state", "state-across-instances");

    // The email page on A; the email asked for on B; the code typed on A.
    let (url, login) = walk(&on_a, &hydra, auth.as_str()).await;
    let login = login.expect("a page");
    assert_eq!(url.path(), "/login", "{}", login.text());
    assert!(login.text().contains("To continue to Photo Album"));
    let return_to = hidden(&login.body, "return_to").unwrap();
    let challenge = hidden(&login.body, "login_challenge").unwrap();
    let asked = on_b
        .post(
            "/login",
            &[
                ("csrf_token", login.csrf().as_str()),
                ("email", "kim@example.com"),
                ("return_to", return_to.as_str()),
                ("login_challenge", challenge.as_str()),
            ],
        )
        .await;
    assert_eq!(asked.status, 303, "{}", asked.text());
    let mail = eventually("the email", Duration::from_secs(60), || {
        pair.deliveries()
            .into_iter()
            .find(|d| d.to == "kim@example.com")
            .map(|d| d.mail)
    })
    .await;
    let entered = on_a.enter_code(&mail.code()).await;
    let to = entered.header("refresh").expect("the hand-over to Hydra");
    let to = to.split_once("url=").unwrap().1.to_owned();

    // Consent on B, decided on A.
    let (url, consent) = walk(&on_b, &hydra, &to).await;
    let consent = consent.expect("a page");
    assert_eq!(url.path(), "/consent", "{}", consent.text());
    let challenge = hidden(&consent.body, "consent_challenge").unwrap();
    let allowed = on_a
        .post(
            "/consent",
            &[
                ("csrf_token", consent.csrf().as_str()),
                ("consent_challenge", challenge.as_str()),
                ("decision", "allow"),
                ("grant_scope", "email"),
            ],
        )
        .await;
    let to = allowed.header("refresh").expect("the hand-over to Hydra");
    let (callback, _) = walk(&on_b, &hydra, to.split_once("url=").unwrap().1).await;
    let query = |name: &str| {
        callback
            .query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    assert_eq!(query("state").as_deref(), Some("state-across-instances"));
    assert!(query("code").is_some(), "{callback}");

    // Hydra down: both instances answer 503, and both recover with it.
    hydra.stop();
    for browser in [&on_a, &on_b] {
        let page = browser.get("/consent?consent_challenge=c").await;
        assert_eq!(page.status, 503, "{}", page.text());
    }
    hydra.start_again().await;
    for browser in [&on_a, &on_b] {
        let page = browser.get("/consent?consent_challenge=c").await;
        assert_eq!(page.status, 410, "{}", page.text());
    }
}
