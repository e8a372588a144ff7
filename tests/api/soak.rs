//! SECURITY.md item 50: under sustained load no email is lost and no session is duplicated.
//! Long-running, so ignored by `scripts/test`; `scripts/soak` runs it on a release build.
use crate::helpers::*;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What one simulated browser keeps: its cookies, as a `Cookie` header.
#[derive(Default, Clone)]
struct Jar(HashMap<String, String>);

impl Jar {
    fn absorb(&mut self, res: &reqwest::Response) {
        for v in res.headers().get_all("set-cookie") {
            let pair = v.to_str().unwrap().split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() {
                self.0.remove(name);
            } else {
                self.0.insert(name.to_owned(), value.to_owned());
            }
        }
    }

    fn header(&self) -> String {
        let pairs: Vec<String> = self.0.iter().map(|(k, v)| format!("{k}={v}")).collect();
        pairs.join("; ")
    }
}

/// GET `path` then POST `form` plus the page's CSRF token to `action`, as one browser.
async fn submit(
    http: &reqwest::Client,
    base: &str,
    jar: &mut Jar,
    (path, action): (&str, &str),
    form: &[(&str, &str)],
) -> Option<reqwest::StatusCode> {
    let page = http
        .get(format!("{base}{path}"))
        .header("cookie", jar.header())
        .send()
        .await
        .unwrap();
    jar.absorb(&page);
    let html = page.text().await.unwrap();
    let token = hidden(&html, "csrf_token")?;
    let mut fields = vec![("csrf_token", token.as_str())];
    fields.extend_from_slice(form);
    let res = http
        .post(format!("{base}{action}"))
        .header("cookie", jar.header())
        .header("origin", base)
        .form(&fields)
        .send()
        .await
        .unwrap();
    jar.absorb(&res);
    Some(res.status())
}

/// Types `code` on the inbox page this jar is bound to.
async fn enter_code(
    http: &reqwest::Client,
    base: &str,
    jar: &mut Jar,
    code: &str,
) -> Option<reqwest::StatusCode> {
    let path = ("/login/check-email", "/login/code");
    submit(http, base, jar, path, &[("code", code)]).await
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Asks for an email at `SOAK_RPS` per second (default 200) for `SOAK_SECS` (default 600)
/// while redeeming every code as its email arrives, then reconciles: every request answered
/// "sent", every email delivered exactly once with its own Message-ID, every code signed in
/// exactly once (one session each), and a code used twice never signs in again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "runs for minutes: scripts/soak"]
async fn sustained_load_loses_no_email_and_duplicates_no_session() {
    let (rps, secs) = (env_or("SOAK_RPS", 200), env_or("SOAK_SECS", 600));
    let app = spawn_app_with(
        |s| {
            s.limits.ip_per_minute = 1_000_000_000;
            s.limits.ip_burst = 1_000_000_000;
            s.limits.emails_per_day = 1_000_000_000;
        },
        &[],
    )
    .await;
    let base = app.address.clone();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(512)
        .build()
        .unwrap();
    let total = rps * secs;
    // Jars of browsers waiting for their email, by address.
    let waiting: Arc<Mutex<HashMap<String, Jar>>> = Arc::default();
    let started = Instant::now();

    let requester = {
        let (http, base, waiting) = (http.clone(), base.clone(), waiting.clone());
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_micros(1_000_000 / rps));
            let mut tasks = Vec::new();
            for i in 0..total {
                tick.tick().await;
                let (http, base, waiting) = (http.clone(), base.clone(), waiting.clone());
                tasks.push(tokio::spawn(async move {
                    let email = format!("soak{i}@example.com");
                    let mut jar = Jar::default();
                    let status = submit(
                        &http,
                        &base,
                        &mut jar,
                        ("/login", "/login"),
                        &[("email", &email)],
                    )
                    .await;
                    waiting.lock().unwrap().insert(email, jar);
                    status.map_or(0, |s| s.as_u16())
                }));
            }
            let mut statuses = HashMap::<u16, u64>::new();
            for t in tasks {
                *statuses.entry(t.await.unwrap()).or_default() += 1;
            }
            statuses
        })
    };

    // Redeem each email as it arrives, in the browser that asked for it.
    let mut seen = HashSet::new();
    let mut message_ids = HashSet::new();
    let mut signed_in = 0u64;
    let mut replays = Vec::new();
    let deadline = Duration::from_secs(secs + 120);
    let mut report = Instant::now();
    while (seen.len() as u64) < total && started.elapsed() < deadline {
        if report.elapsed() >= Duration::from_secs(10) {
            report = Instant::now();
            println!(
                "soak: {:>4.0} s: {} delivered, {} signed in, outbox: {}",
                started.elapsed().as_secs_f64(),
                seen.len(),
                signed_in,
                app.sql("SELECT status || ' ' || count(*) FROM outbox GROUP BY status")
                    .replace('\n', ", ")
            );
        }
        let mut fresh: Vec<std::path::PathBuf> = std::fs::read_dir(&app.sink().dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            // A .json appears once its .eml is complete.
            .filter(|p| p.extension().is_some_and(|e| e == "json") && !seen.contains(p))
            .collect();
        fresh.sort();
        let mut batch = Vec::new();
        for json in fresh {
            let raw = std::fs::read(json.with_extension("eml")).unwrap();
            let meta = std::fs::read_to_string(&json).unwrap();
            seen.insert(json);
            let mail = Mail::parse(serde_json::from_str(&meta).unwrap(), raw);
            assert!(
                message_ids.insert(mail.message_id.clone()),
                "duplicate Message-ID"
            );
            let rcpt = mail.rcpt_tos[0].clone();
            let jar = waiting.lock().unwrap().remove(&rcpt);
            let jar = jar.unwrap_or_else(|| panic!("an email nobody is waiting for: {rcpt}"));
            let (http, base, code) = (http.clone(), base.clone(), mail.code());
            batch.push(tokio::spawn(async move {
                let mut jar = jar;
                let before = jar.clone();
                let status = enter_code(&http, &base, &mut jar, &code).await;
                (
                    status.map_or(0, |s| s.as_u16()),
                    jar.0.contains_key("iris-session"),
                    before,
                    code,
                )
            }));
        }
        for t in batch {
            let (status, session, before, code) = t.await.unwrap();
            assert_eq!((status, session), (303, true), "the code signs in");
            signed_in += 1;
            if replays.len() < 100 {
                replays.push((before, code));
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let statuses = requester.await.unwrap();
    let elapsed = started.elapsed().as_secs_f64();

    // Reconcile.
    assert_eq!(statuses.get(&303).copied(), Some(total), "{statuses:?}");
    assert_eq!(seen.len() as u64, total, "every email delivered");
    assert_eq!(message_ids.len() as u64, total);
    assert_eq!(signed_in, total);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let emls = std::fs::read_dir(&app.sink().dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "eml"))
        })
        .count() as u64;
    assert_eq!(emls, total, "no email sent twice");
    assert_eq!(app.sql("SELECT count(*) FROM sessions"), total.to_string());
    assert_eq!(
        app.sql("SELECT count(*) FROM outbox WHERE status <> 'sent'"),
        "0"
    );
    for (mut jar, code) in replays {
        let status = enter_code(&http, &base, &mut jar, &code).await;
        assert!(
            !jar.0.contains_key("iris-session"),
            "a used code: {status:?}"
        );
    }
    println!(
        "soak: {total} sign-ins at {rps}/s over {elapsed:.0} s: every email delivered once, \
         every code signed in once, {} sessions, replays refused",
        total
    );
}
