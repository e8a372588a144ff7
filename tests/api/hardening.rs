//! A hostile client's tricks (issue 8): raw sockets where reqwest would be too polite.
use crate::helpers::*;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Sends `head` (and nothing more) and returns what the server answers within `wait`.
async fn answer_to_head(port: u16, head: &str, wait: Duration) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    s.write_all(head.as_bytes()).await.unwrap();
    let mut buf = vec![0; 4096];
    let n = tokio::time::timeout(wait, s.read(&mut buf))
        .await
        .map(|r| r.unwrap_or(0))
        .unwrap_or(0);
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

#[tokio::test]
async fn the_courier_hook_refuses_strangers_before_reading_their_body() {
    let without_key = spawn_app().await;
    let with_key = spawn_app_with(
        |s| {
            s.secrets.courier_api_key = Some("courier-key-0123456789abcdef0123456789".into());
            s.limits.ip_burst = 3;
            s.limits.ip_per_minute = 1;
        },
        &[],
    )
    .await;
    // A 2 MB body announced, never sent: the answer comes at once anyway.
    let head = |key: &str| {
        format!(
            "POST /hooks/kratos/courier HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
             X-Api-Key: {key}\r\nContent-Length: 2000000\r\n\r\n"
        )
    };
    let started = Instant::now();
    let answer = answer_to_head(without_key.port, &head("anything"), Duration::from_secs(3)).await;
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
    let answer = answer_to_head(with_key.port, &head("wrong"), Duration::from_secs(3)).await;
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "no body was awaited"
    );

    // The key holder's body is bounded by limits.max_body.
    let b = with_key.browser();
    let big = b
        .client
        .post(b.url("/hooks/kratos/courier"))
        .header("x-api-key", "courier-key-0123456789abcdef0123456789")
        .header("content-type", "application/json")
        .body(vec![b' '; 100_000])
        .send()
        .await
        .unwrap();
    assert_eq!(big.status(), 413);

    // Without the key the route is limited per IP like any other.
    let mut statuses = vec![];
    for _ in 0..6 {
        let res = b
            .client
            .post(b.url("/hooks/kratos/courier"))
            .header("x-api-key", "wrong")
            .body("{}")
            .send()
            .await
            .unwrap();
        statuses.push(res.status().as_u16());
    }
    assert!(statuses.contains(&429), "{statuses:?}");
}

/// Whole-script look-alike domains are refused at the form (the decision: README, "Email").
#[tokio::test]
async fn lookalike_domains_get_the_form_again_and_no_email() {
    let app = spawn_app().await;
    let b = app.browser();
    for address in [
        "user@аррӏе.com",
        "user@xn--80ak6aa92e.com",
        "user@ѕсоре.com",
        "user@exampıe.com",
    ] {
        let page = b.submit("/login", "/login", &[("email", address)]).await;
        assert_eq!(page.status, 400, "{address}");
        assert!(page.text().contains("isn't a valid domain"), "{address}");
    }
    let page = b
        .submit("/login", "/login", &[("email", "user@пример.рф")])
        .await;
    assert_eq!(page.status, 303, "a real Cyrillic domain is fine");
    let mail = app.sink().wait_for(1).await.pop().unwrap();
    assert_eq!(mail.rcpt_tos, vec!["user@xn--e1afmkfd.xn--p1ai"]);
}
