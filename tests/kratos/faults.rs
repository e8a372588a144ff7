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

async fn iris_before(kratos_url: &str) -> TestApp {
    let url = kratos_url.to_owned();
    spawn_app_with(
        move |s| {
            s.sign_in.approach = iris::config::Approach::KratosCode;
            s.kratos.public_url = Some(url.parse().unwrap());
            s.kratos.timeout = Duration::from_secs(1);
        },
        &[],
    )
    .await
}

#[tokio::test]
async fn garbage_or_silence_from_kratos_gives_a_503_page_quickly() {
    for reply in [Some("<html>not json</html>"), Some("{\"ui\": 42}"), None] {
        let app = iris_before(&stub(reply).await).await;
        let b = app.browser();
        let started = Instant::now();
        let page = b
            .submit("/login", "/login", &[("email", "fault@example.com")])
            .await;
        assert_eq!(page.status, 503, "{reply:?}");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{reply:?}: answered in time"
        );
        assert!(page.text().contains("Request id:"));
        assert_eq!(
            app.sql("SELECT COALESCE(SUM(used), 0) FROM email_budget"),
            "0",
            "{reply:?}: nothing was sent, so the daily budget is given back"
        );
        assert!(page
            .headers
            .get_all("set-cookie")
            .iter()
            .all(|c| !c.to_str().unwrap().contains("ory_kratos_session")));
        let me = b.get("/sessions/whoami").await;
        assert_eq!(me.status, 503, "{reply:?}: whoami cannot say yes");
        assert_eq!(b.get("/health/ready").await.status, 503);
    }
}
