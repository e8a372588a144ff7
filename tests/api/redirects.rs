//! `return_to` never leaves the origin unless allow-listed.
use crate::helpers::*;

const PAYLOADS: &[&str] = &[
    "//evil.test",
    "/\\evil.test",
    "\\\\evil.test",
    "https:evil.test",
    "https://evil.test/",
    "/%2F%2Fevil.test",
    "/%2f/evil.test",
    "%09//evil.test",
    "\t//evil.test",
    "/\t/evil.test",
    "／／evil.test",
    "javascript:alert(1)",
    "data:text/html,x",
    "https://app.example.test.evil.test/",
    "https://app.example.test@evil.test/",
    "http://app.example.test/",
];

#[tokio::test]
async fn open_redirect_payloads_fall_back_to_the_default() {
    let app = spawn_app_with(
        |s| s.sign_in.allowed_return_urls = vec!["https://app.example.test/".parse().unwrap()],
        &[],
    )
    .await;
    let b = app.browser();
    for payload in PAYLOADS {
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("return_to", payload)
            .finish();
        let page = b.get(&format!("/login?{query}")).await;
        assert_eq!(
            hidden(&page.body, "return_to").as_deref(),
            Some("/"),
            "{payload:?}"
        );
    }
    // End to end with a payload posted straight to the form: the redirect stays home.
    let token = b.get("/login").await.csrf();
    let res = b
        .post(
            "/login",
            &[
                ("csrf_token", &token),
                ("email", "r@example.com"),
                ("return_to", "//evil.test"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    let mail = app.sink().wait_for(1).await.pop().unwrap();
    assert_eq!(b.confirm_link(&mail.link()).await.location(), Some("/"));
}

#[tokio::test]
async fn allowed_return_urls_and_paths_are_honoured() {
    let app = spawn_app_with(
        |s| s.sign_in.allowed_return_urls = vec!["https://app.example.test/".parse().unwrap()],
        &[],
    )
    .await;
    for (i, target) in ["/account?tab=2", "https://app.example.test/dashboard"]
        .iter()
        .enumerate()
    {
        let b = app.browser();
        let page = b
            .get(&format!(
                "/login?return_to={}",
                url::form_urlencoded::byte_serialize(target.as_bytes()).collect::<String>()
            ))
            .await;
        assert_eq!(hidden(&page.body, "return_to").as_deref(), Some(*target));
        let res = b
            .post(
                "/login",
                &[
                    ("csrf_token", &page.csrf()),
                    ("email", &format!("ok{i}@example.com")),
                    ("return_to", target),
                ],
            )
            .await;
        assert_eq!(res.status, 303);
        let mail = app.sink().wait_for(i + 1).await.pop().unwrap();
        assert_eq!(b.confirm_link(&mail.link()).await.location(), Some(*target));
        // Signed in: the login page sends you straight on.
        assert_eq!(
            b.get(&format!("/login?return_to={target}")).await.status,
            303
        );
    }
}
