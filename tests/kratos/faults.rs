//! Faults a real Kratos does not produce on demand, from a stub on loopback: a Kratos that
//! answers garbage, and one that never answers. Iris answers 503 within `kratos.timeout` and
//! grants nothing.
use crate::helpers::*;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A fake Kratos: every connection gets `reply` (or nothing at all, when `None`).
async fn stub(reply: Option<&'static str>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = socket.read(&mut buf).await;
                match reply {
                    Some(body) => {
                        let head = format!(
                            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                            body.len()
                        );
                        let _ = socket.write_all(head.as_bytes()).await;
                        let _ = socket.write_all(body.as_bytes()).await;
                    }
                    None => tokio::time::sleep(Duration::from_secs(30)).await,
                }
            });
        }
    });
    url
}

/// Each way Iris depends on Kratos, in front of the given (fake) Kratos.
#[derive(Debug, Clone, Copy)]
enum Setup {
    Code,
    RecoveryLink,
    RecoveryCode,
    MagicLinkKratosSessions,
}

async fn iris_before(kratos_url: &str, setup: Setup) -> TestApp {
    use iris::config::{Approach, MagicLinkSessions, RecoveryMethodSetting};
    let url = kratos_url.to_owned();
    spawn_app_with(
        move |s| {
            s.kratos.public_url = Some(url.parse().unwrap());
            s.kratos.admin_url = Some(url.parse().unwrap());
            s.kratos.timeout = Duration::from_secs(1);
            match setup {
                Setup::Code => s.sign_in.approach = Approach::KratosCode,
                Setup::RecoveryLink | Setup::RecoveryCode => {
                    s.sign_in.approach = Approach::KratosRecovery;
                    s.kratos.recovery_method = Some(match setup {
                        Setup::RecoveryLink => RecoveryMethodSetting::Link,
                        _ => RecoveryMethodSetting::Code,
                    });
                }
                Setup::MagicLinkKratosSessions => s.magic_link.sessions = MagicLinkSessions::Kratos,
            }
        },
        &[],
    )
    .await
}

fn no_kratos_session(page: &Page) -> bool {
    page.headers
        .get_all("set-cookie")
        .iter()
        .all(|c| !c.to_str().unwrap().contains("ory_kratos_session"))
}

#[tokio::test]
async fn garbage_or_silence_from_kratos_gives_a_503_page_quickly() {
    let setups = [Setup::Code, Setup::RecoveryLink, Setup::RecoveryCode];
    for (setup, reply) in setups.into_iter().flat_map(|setup| {
        [Some("<html>not json</html>"), Some("{\"ui\": 42}"), None].map(|reply| (setup, reply))
    }) {
        let app = iris_before(&stub(reply).await, setup).await;
        let b = app.browser();
        let started = Instant::now();
        let page = b
            .submit("/login", "/login", &[("email", "fault@example.com")])
            .await;
        assert_eq!(page.status, 503, "{setup:?} {reply:?}");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{setup:?} {reply:?}: answered in time"
        );
        assert!(page.text().contains("Request id:"));
        assert_eq!(
            app.sql("SELECT COALESCE(SUM(used), 0) FROM email_budget"),
            "0",
            "{setup:?} {reply:?}: nothing was sent, so the daily budget is given back"
        );
        assert!(no_kratos_session(&page));
        let me = b.get("/sessions/whoami").await;
        assert_eq!(me.status, 503, "{setup:?} {reply:?}: whoami cannot say yes");
        assert_eq!(b.get("/health/ready").await.status, 503);
    }
}

/// Iris's own email goes out without Kratos; the right code then needs Kratos for the session,
/// and garbage or silence there is a 503 with no session, not a sign-in.
#[tokio::test]
async fn garbage_or_silence_at_the_handover_gives_a_503_and_no_session() {
    for reply in [Some("<html>not json</html>"), Some("{\"id\": 42}"), None] {
        let app = iris_before(&stub(reply).await, Setup::MagicLinkKratosSessions).await;
        let b = app.browser();
        let asked = b
            .submit("/login", "/login", &[("email", "fault@example.com")])
            .await;
        assert_eq!(asked.status, 303, "{reply:?}: {}", asked.text());
        let mail = app.sink().wait_for(1).await.pop().unwrap();
        let started = Instant::now();
        let page = b.enter_code(&mail.code()).await;
        assert_eq!(page.status, 503, "{reply:?}: {}", page.text());
        assert!(started.elapsed() < Duration::from_secs(5), "{reply:?}");
        assert!(no_kratos_session(&page));
        assert_eq!(b.get("/sessions/whoami").await.status, 503, "{reply:?}");
    }
}
