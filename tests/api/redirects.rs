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
    // Dot segments that only become `//evil.test` once the URL is normalised (issue 8).
    "/.//evil.test",
    "/..//evil.test",
    "/a/..//evil.test",
    "/%2e//evil.test",
    "/%2E//evil.test",
    "/%2e%2e//evil.test",
    "/x/../..//evil.test",
    "/.///evil.test",
    "/./\\evil.test",
    "/.\\/evil.test",
    "/./%5C/evil.test",
    "/%2e/%2Fevil.test",
    "/.%2e//evil.test",
    "/a/b/../../..//evil.test",
    "/.//\\evil.test",
];

/// A Location a browser would follow off this origin: absolute elsewhere, or relative but
/// protocol-relative (`//host`, `/\host`), in any spelling.
fn leaves(location: &str) -> bool {
    let decoded: String = url::form_urlencoded::parse(format!("x={location}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    !location.starts_with('/')
        || location.starts_with("//")
        || location.contains('\\')
        || decoded.starts_with("//")
        || decoded.contains('\\')
}

/// What actually goes out: every redirect Iris sends for these payloads, signed in already, and
/// right after signing in by code and by link, stays home.
#[tokio::test]
async fn no_redirect_leaves_the_origin_in_any_shape() {
    let app = spawn_app().await;
    let me = app.browser();
    let mail = app.request_email(&me, "home@example.com").await;
    me.confirm_link(&mail.link()).await;
    for (i, payload) in PAYLOADS.iter().enumerate() {
        let query: String = url::form_urlencoded::byte_serialize(payload.as_bytes()).collect();
        let page = me.get(&format!("/login?return_to={query}")).await;
        assert_eq!(page.status, 303, "{payload:?}");
        let location = page.location().unwrap();
        assert!(!leaves(location), "{payload:?} -> {location}");
        assert_eq!(location, "/", "{payload:?}");
        // By code and by link, each with the payload posted as the form's return_to.
        for by_link in [false, true] {
            let b = app.browser();
            let token = b.get("/login").await.csrf();
            let address = format!("r{i}{by_link}@example.com");
            let asked = b
                .post(
                    "/login",
                    &[
                        ("csrf_token", &token),
                        ("email", &address),
                        ("return_to", payload),
                    ],
                )
                .await;
            assert_eq!(asked.status, 303, "{payload:?}");
            let mail = app.sink().wait_for_rcpt(&address).await;
            let done = if by_link {
                b.confirm_link(&mail.link()).await
            } else {
                b.enter_code(&mail.code()).await
            };
            assert_eq!(done.status, 303, "{payload:?}");
            assert_eq!(done.location(), Some("/"), "{payload:?} by link: {by_link}");
        }
    }
}

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
