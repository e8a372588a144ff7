//! Every POST needs the CSRF token and a same-origin request; failures change nothing.
use crate::helpers::*;

#[tokio::test]
async fn posts_without_a_valid_token_or_from_another_site_are_refused() {
    let app = spawn_app().await;
    let victim = app.browser();
    let mail = app.request_email(&victim, "csrf@example.com").await;
    let token = victim.get("/login").await.csrf();
    let other = app.browser();
    let other_token = other.get("/login").await.csrf();

    let routes: Vec<(&str, Vec<(&str, String)>)> = vec![
        ("/login", vec![("email", "csrf2@example.com".into())]),
        ("/login/code", vec![("code", mail.code())]),
        ("/login/resend", vec![]),
        ("/login/link", vec![("token", mail.token())]),
        ("/login/link/resend", vec![("token", mail.token())]),
        ("/login/not-me", vec![("token", mail.token())]),
        ("/logout", vec![]),
    ];
    for (route, fields) in &routes {
        let form = |csrf: Option<&str>| -> Vec<(String, String)> {
            let mut f: Vec<(String, String)> = fields
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect();
            if let Some(c) = csrf {
                f.push(("csrf_token".into(), c.to_owned()));
            }
            f
        };
        let cases = [
            (
                "no token",
                victim.client.post(victim.url(route)).form(&form(None)),
            ),
            (
                "another browser's token",
                victim
                    .client
                    .post(victim.url(route))
                    .form(&form(Some(&other_token))),
            ),
            (
                "garbage token",
                victim.client.post(victim.url(route)).form(&form(Some("x"))),
            ),
            (
                "foreign Origin",
                victim
                    .client
                    .post(victim.url(route))
                    .header("origin", "https://evil.test")
                    .form(&form(Some(&token))),
            ),
            (
                "cross-site fetch",
                victim
                    .client
                    .post(victim.url(route))
                    .header("sec-fetch-site", "cross-site")
                    .form(&form(Some(&token))),
            ),
            (
                "null Origin without Fetch Metadata",
                victim
                    .client
                    .post(victim.url(route))
                    .header("origin", "null")
                    .form(&form(Some(&token))),
            ),
            (
                "null Origin from another site",
                victim
                    .client
                    .post(victim.url(route))
                    .header("origin", "null")
                    .header("sec-fetch-site", "cross-site")
                    .form(&form(Some(&token))),
            ),
            (
                "foreign Origin claiming same-origin",
                victim
                    .client
                    .post(victim.url(route))
                    .header("origin", "https://evil.test")
                    .header("sec-fetch-site", "same-origin")
                    .form(&form(Some(&token))),
            ),
            (
                "same-site (a sibling subdomain)",
                victim
                    .client
                    .post(victim.url(route))
                    .header("sec-fetch-site", "same-site")
                    .form(&form(Some(&token))),
            ),
            (
                "same-origin without a token",
                victim
                    .client
                    .post(victim.url(route))
                    .header("origin", "null")
                    .header("sec-fetch-site", "same-origin")
                    .form(&form(None)),
            ),
        ];
        for (case, request) in cases {
            let page = into_page(request.send().await.unwrap()).await;
            assert_eq!(page.status, 403, "{route}: {case}");
            assert!(
                page.text().contains("This form has expired"),
                "{route}: {case}"
            );
        }
    }
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        app.sink().messages().len(),
        1,
        "no email sent by refused posts"
    );
    assert_eq!(app.sql("SELECT count(*) FROM credentials"), "1");
    assert_eq!(app.sql("SELECT attempts FROM credentials"), "0");
    assert_eq!(victim.whoami().await.0, 401);
    // The genuine form still works afterwards.
    assert_eq!(victim.confirm_link(&mail.link()).await.status, 303);
}

#[tokio::test]
async fn same_origin_fetch_metadata_is_accepted() {
    let app = spawn_app().await;
    let b = app.browser();
    let token = b.get("/login").await.csrf();
    let res = b
        .client
        .post(b.url("/login"))
        .header("origin", &app.address)
        .header("sec-fetch-site", "same-origin")
        .form(&[("csrf_token", token.as_str()), ("email", "fm@example.com")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
}

/// What Chromium sends from the emailed link's page, which has `Referrer-Policy: no-referrer`:
/// `Origin: null` with `Sec-Fetch-Site: same-origin`. With the token, that signs in.
#[tokio::test]
async fn a_null_origin_with_same_origin_fetch_metadata_is_accepted() {
    let app = spawn_app().await;
    let b = app.browser();
    let mail = app.request_email(&b, "null-origin@example.com").await;
    let page = b.get(&mail.link()).await;
    assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
    let res = b
        .client
        .post(b.url("/login/link"))
        .header("origin", "null")
        .header("sec-fetch-site", "same-origin")
        .form(&[
            ("csrf_token", page.csrf().as_str()),
            ("token", mail.token().as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(b.whoami().await.0, 200);
}
