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

/// Whole-script look-alike domains are refused at the form (the decision: docs/security-design.md, "Email").
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

/// Every deadline of a connection at 1 s, so tests of them are quick.
fn short_deadlines(s: &mut iris::config::Settings) {
    s.server.header_timeout = Duration::from_secs(1);
    s.server.body_timeout = Duration::from_secs(1);
    s.server.keep_alive = Duration::from_secs(1);
}

/// How long until the server closes a connection that sent `request` and then nothing; and
/// the status line it answered with, if any.
async fn life_of(port: u16, request: &[u8], patience: Duration) -> (Duration, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    let started = Instant::now();
    s.write_all(request).await.unwrap();
    let mut got = Vec::new();
    let mut buf = vec![0; 8192];
    loop {
        match tokio::time::timeout_at((started + patience).into(), s.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
            Err(_) => panic!(
                "still open after {patience:?}: {:?}",
                String::from_utf8_lossy(&got)
            ),
        }
    }
    let status = String::from_utf8_lossy(&got)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    (started.elapsed(), status)
}

/// Every connection has a bounded life: its head, its body, its idle keep-alive, and a request
/// to switch protocols (issue 8: each of these was held open for good).
#[tokio::test]
async fn every_connection_has_a_bounded_life() {
    let app = spawn_app_with(short_deadlines, &[]).await;
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "a GET with a chunked body never finished",
            b"GET /login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n",
            "HTTP/1.1 408",
        ),
        (
            "a POST with less body than announced",
            b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=a",
            "HTTP/1.1 408",
        ),
        (
            "a POST with a chunked body never finished",
            b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n",
            "HTTP/1.1 408",
        ),
        (
            "a WebSocket upgrade",
            b"GET /login HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
            "HTTP/1.1 400",
        ),
        ("a head never finished", b"GET /login HTTP/1.1\r\nHost: x\r\n", "HTTP/1.1 408"),
        (
            "an idle kept-alive connection",
            b"GET /health/alive HTTP/1.1\r\nHost: x\r\n\r\n",
            "HTTP/1.1 200",
        ),
    ];
    for (what, request, status) in cases {
        let (life, answer) = life_of(app.port, request, Duration::from_secs(8)).await;
        assert!(answer.starts_with(status), "{what}: {answer:?}");
        assert!(life < Duration::from_secs(4), "{what}: open for {life:?}");
    }
    // The 408 is Iris's page, with its headers.
    let mut s = TcpStream::connect(("127.0.0.1", app.port)).await.unwrap();
    s.write_all(b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n")
        .await
        .unwrap();
    let mut page = String::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), s.read_to_string(&mut page)).await;
    assert!(page.contains("content-security-policy"), "{page}");
    // A chunked body that does arrive in time is served as usual.
    let (_, answer) = life_of(
        app.port,
        b"GET /health/alive HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        Duration::from_secs(5),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

/// A body nobody reads still ends its connection: a per-IP 429 and the courier hook's 404 and
/// 401 answer before reading, and actix-http would otherwise wait for the rest of a chunked
/// body with no deadline at all.
#[tokio::test]
async fn refused_chunked_bodies_end_their_connection() {
    let app = spawn_app_with(
        |s| {
            short_deadlines(s);
            s.secrets.courier_api_key = Some("courier-key-0123456789abcdef0123456789".into());
            s.limits.ip_burst = 2;
            s.limits.ip_per_minute = 1;
        },
        &[],
    )
    .await;
    let plain = spawn_app_with(short_deadlines, &[]).await;
    let hook = |key: &str| {
        format!(
            "POST /hooks/kratos/courier HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
             X-Api-Key: {key}\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{{\"a\r\n"
        )
    };
    let cases = [
        (
            "the hook where none is configured",
            plain.port,
            hook("x"),
            "HTTP/1.1 404",
        ),
        (
            "the hook with a wrong key",
            app.port,
            hook("wrong"),
            "HTTP/1.1 401",
        ),
    ];
    for (what, port, request, status) in cases {
        let (life, answer) = life_of(port, request.as_bytes(), Duration::from_secs(8)).await;
        assert!(answer.starts_with(status), "{what}: {answer:?}");
        assert!(life < Duration::from_secs(4), "{what}: open for {life:?}");
    }
    // The wrong key spent the burst; the next unfinished POST meets the per-IP limit.
    let form = b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n";
    let mut answers = vec![];
    for _ in 0..3 {
        let (life, answer) = life_of(app.port, form, Duration::from_secs(8)).await;
        assert!(life < Duration::from_secs(4), "{answer}: open for {life:?}");
        answers.push(answer);
    }
    assert!(
        answers.iter().any(|a| a.starts_with("HTTP/1.1 429")),
        "{answers:?}"
    );
}

/// The second request on a kept-alive connection has a deadline for its head too, even when
/// its bytes trickle in one at a time (each byte would otherwise restart the wait).
#[tokio::test]
async fn a_trickled_second_head_ends_its_connection() {
    let app = spawn_app_with(short_deadlines, &[]).await;
    let mut s = TcpStream::connect(("127.0.0.1", app.port)).await.unwrap();
    s.write_all(b"GET /health/alive HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut buf = vec![0; 8192];
    let n = s.read(&mut buf).await.unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    let started = Instant::now();
    let second = b"GET /login HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    let mut closed = false;
    for byte in second.iter().cycle().take(200) {
        if s.write_all(&[*byte]).await.is_err() {
            closed = true;
            break;
        }
        match tokio::time::timeout(Duration::from_millis(200), s.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => {
                closed = true;
                break;
            }
            Ok(Ok(_)) => {}
            Err(_) => {}
        }
        if started.elapsed() > Duration::from_secs(10) {
            break;
        }
    }
    assert!(closed, "still open after {:?}", started.elapsed());
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "open for {:?}",
        started.elapsed()
    );
}

/// A flood of held connections from one address (the attack that took Iris down: 19,980 in
/// 53 s) leaves everyone else served: another address signs in within seconds meanwhile.
#[tokio::test]
async fn a_held_connection_flood_from_one_address_leaves_others_served() {
    // Few slots per worker, as if the machine's file descriptors were nearly spent: without
    // the per-address cap the flood would hold every one of them.
    let app = spawn_app_with(
        |s| {
            s.server.workers = 1;
            s.server.max_connections = 200;
            s.server.max_connections_per_ip = 32;
            s.server.metrics_bind = Some(std::net::SocketAddr::from(([127, 0, 0, 1], free_port())));
        },
        &[],
    )
    .await;
    let held =
        b"GET /login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n";
    let mut flood = Vec::new();
    for _ in 0..1500 {
        let mut s = TcpStream::connect(("127.0.0.1", app.port)).await.unwrap();
        let _ = s.write_all(held).await;
        flood.push(s);
    }
    // Past the cap, the server closes them at once.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut closed = 0;
    for s in &mut flood {
        let mut buf = [0; 1];
        if let Ok(Ok(0) | Err(_)) =
            tokio::time::timeout(Duration::from_millis(2), s.read(&mut buf)).await
        {
            closed += 1;
        }
    }
    assert!(closed >= 1400, "only {closed} of 1500 closed");
    // Each one shut is counted for the operator (and not logged line by line).
    let scrape = app.metrics().await;
    let counted = sample(
        &scrape,
        "iris_events_total{event=\"excess_connections_per_ip\"}",
    );
    assert!(
        counted.is_some_and(|n| n >= closed as f64),
        "{counted:?} for {closed} closed"
    );

    let other = Browser::from_address(&app.address, "127.0.0.2".parse().unwrap());
    let started = Instant::now();
    let asked = other
        .submit("/login", "/login", &[("email", "other@example.com")])
        .await;
    assert_eq!(asked.status, 303);
    let mail = app.sink().wait_for(1).await.pop().unwrap();
    assert_eq!(other.enter_code(&mail.code()).await.status, 303);
    assert_eq!(other.whoami().await.0, 200);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    drop(flood);
}
