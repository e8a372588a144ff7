//! Complete sign-ins per second for each Kratos-backed setup, against the real Kratos v1.3.1
//! and a real SMTP server: simulated browsers each ask for an email, wait for it to arrive,
//! redeem it (the link where the setup has one, else the code) and must come back with
//! Kratos's session cookie. Then the confirm page behind an emailed link, under `wrk`, and
//! (kratos-code) `GET /sessions/whoami` on Iris beside Kratos's own, under `wrk`.
//! A benchmark, so ignored by `scripts/test`; `scripts/bench-kratos` runs it on a release
//! build. Env: BENCH_SECS (10) per setup, BENCH_USERS (32) browsers at once, BENCH_SHAPES
//! (all of code, recovery-link, recovery-code, magic-link-kratos), BENCH_POOL identities,
//! BENCH_DSN_OPTIONS for Kratos's PostgreSQL DSN, BENCH_LOG (a tracing filter for Iris's
//! log), DURATION/CONNS for wrk.
use crate::harness::*;
use crate::helpers::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Hands each arriving email to the browser waiting for its recipient.
#[derive(Clone, Default)]
struct Postman(Arc<Mutex<HashMap<String, oneshot::Sender<Mail>>>>);

impl Postman {
    fn expect(&self, rcpt: &str) -> oneshot::Receiver<Mail> {
        let (tx, rx) = oneshot::channel();
        self.0.lock().unwrap().insert(rcpt.to_owned(), tx);
        rx
    }

    /// Polls the sink's folder (a `.json` appears once its `.eml` is complete).
    fn run(&self, dir: PathBuf) {
        let waiting = self.0.clone();
        tokio::spawn(async move {
            let mut seen = std::collections::HashSet::new();
            loop {
                // The folder goes when the app does: so does the postman.
                let Ok(entries) = std::fs::read_dir(&dir) else {
                    return;
                };
                let fresh: Vec<PathBuf> = entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == "json") && !seen.contains(p))
                    .collect();
                for json in fresh {
                    let raw = std::fs::read(json.with_extension("eml")).unwrap();
                    let meta = std::fs::read_to_string(&json).unwrap();
                    seen.insert(json);
                    let mail = Mail::parse(serde_json::from_str(&meta).unwrap(), raw);
                    let tx = waiting.lock().unwrap().remove(&mail.rcpt_tos[0]);
                    if let Some(tx) = tx {
                        let _ = tx.send(mail);
                    }
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        });
    }
}

fn has_kratos_session(page: &Page) -> bool {
    page.headers
        .get_all("set-cookie")
        .iter()
        .any(|c| c.to_str().unwrap().starts_with("ory_kratos_session="))
}

/// One browser's whole sign-in; why not, when a step did not do what it should.
async fn sign_in(base: &str, postman: &Postman, shape: Shape, email: &str) -> Result<(), String> {
    let b = Browser::new(base);
    let mail = postman.expect(email);
    let asked = b.submit("/login", "/login", &[("email", email)]).await;
    if asked.status != 303 {
        return Err(format!("asking: {} {}", asked.status, asked.text()));
    }
    let mail = match tokio::time::timeout(Duration::from_secs(30), mail).await {
        Ok(Ok(mail)) => mail,
        _ => return Err("no email within 30 s".into()),
    };
    let done = match shape {
        Shape::RecoveryLink => b.confirm_link(&recovery_link(&mail)).await,
        Shape::MagicLinkKratos => b.confirm_link(&mail.link()).await,
        Shape::Code | Shape::RecoveryCode => b.enter_code(&mail.code()).await,
    };
    if done.status == 303 && has_kratos_session(&done) {
        Ok(())
    } else {
        Err(format!("redeeming: {} {}", done.status, done.text()))
    }
}

/// CPU time used so far, in clock ticks: this process (Iris and the simulated browsers),
/// Kratos, every PostgreSQL process, the SMTP server.
struct Cpu([u64; 4]);

impl Cpu {
    /// utime + stime, and with `children` also cutime + cstime: the CPU of exited children
    /// it waited for (PostgreSQL's backends come and go with Kratos's connections).
    fn ticks(stat: &str, children: bool) -> u64 {
        // Fields after the parenthesised name: utime, stime, cutime, cstime are 12th to 15th.
        let rest = &stat[stat.rfind(')').map_or(0, |i| i + 2)..];
        let f: Vec<u64> = rest.split(' ').map(|x| x.parse().unwrap_or(0)).collect();
        f[11] + f[12] + if children { f[13] + f[14] } else { 0 }
    }

    fn of(pid: u32, children: bool) -> u64 {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .map_or(0, |s| Self::ticks(&s, children))
    }

    fn sample(kratos: &Kratos, app: &TestApp) -> Cpu {
        let postgres = std::fs::read_dir("/proc")
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
            .filter(|pid| {
                std::fs::read_to_string(format!("/proc/{pid}/comm"))
                    .is_ok_and(|c| c.trim() == "postgres")
            })
            .map(|pid| Self::of(pid, true))
            .sum();
        Cpu([
            Self::of(std::process::id(), false),
            Self::of(kratos.pid(), false),
            postgres,
            Self::of(app.sink().pid(), false),
        ])
    }

    /// Milliseconds of CPU per sign-in since `before`, as "a / b / c / d".
    fn since(&self, before: &Cpu, sign_ins: u64) -> String {
        let hz = 100.0; // USER_HZ on Linux
        let per = |i: usize| {
            self.0[i].saturating_sub(before.0[i]) as f64 / hz * 1000.0 / sign_ins.max(1) as f64
        };
        format!(
            "{:.1} / {:.1} / {:.1} / {:.1}",
            per(0),
            per(1),
            per(2),
            per(3)
        )
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// `wrk` on one URL with one browser's cookies: requests per second and p99 in ms.
fn wrk(url: &str, cookies: &str) -> (f64, f64) {
    let script = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        script.path(),
        "function done(s, l, r) io.write(string.format(\"BENCH %.1f %.2f %d\\n\", \
         s.requests / (s.duration / 1e6), l:percentile(99.0) / 1000, s.errors.status)) end\n",
    )
    .unwrap();
    let duration = std::env::var("DURATION").unwrap_or_else(|_| "8s".into());
    let conns = std::env::var("CONNS").unwrap_or_else(|_| "64".into());
    let out = run_ok(std::process::Command::new("wrk").args([
        "-t",
        "2",
        "-c",
        &conns,
        "-d",
        &duration,
        "-s",
        script.path().to_str().unwrap(),
        "-H",
        &format!("Cookie: {cookies}"),
        url,
    ]));
    let out = String::from_utf8(out).unwrap();
    let line = out
        .lines()
        .find_map(|l| l.strip_prefix("BENCH "))
        .unwrap_or_else(|| panic!("wrk said: {out}"));
    let v: Vec<f64> = line.split(' ').map(|x| x.parse().unwrap()).collect();
    assert_eq!(v[2], 0.0, "{url}: {} answers were not 2xx/3xx", v[2]);
    (v[0], v[1])
}

/// A browser whose cookies the bench can read, having asked for an email to `email`.
struct JarBrowser {
    b: Browser,
    jar: Arc<reqwest::cookie::Jar>,
    mail: Mail,
}

impl JarBrowser {
    async fn asking(app: &TestApp, postman: &Postman, email: &str) -> JarBrowser {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let mut b = app.browser();
        b.client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let mail = postman.expect(email);
        let asked = b.submit("/login", "/login", &[("email", email)]).await;
        assert_eq!(asked.status, 303);
        let mail = mail.await.unwrap();
        JarBrowser { b, jar, mail }
    }

    /// Its `Cookie` header for `base`. Cookies ignore ports: on 127.0.0.1 the same header
    /// reaches Iris and Kratos.
    fn cookies(&self, base: &str) -> String {
        use reqwest::cookie::CookieStore;
        let url = reqwest::Url::parse(base).unwrap();
        let cookies = self.jar.cookies(&url).expect("the browser's cookies");
        cookies.to_str().unwrap().to_owned()
    }
}

/// The confirm page a browser opens from its email: `(link, its cookies)`.
async fn confirm_page_target(app: &TestApp, postman: &Postman, shape: Shape) -> (String, String) {
    let jb = JarBrowser::asking(app, postman, "confirm-page@example.com").await;
    let link = match shape {
        Shape::RecoveryLink => recovery_link(&jb.mail),
        _ => jb.mail.link(),
    };
    let page = jb.b.get(&link).await;
    assert_eq!(page.status, 200, "{}", page.text());
    assert!(page
        .text()
        .contains("You asked for this link in this browser"));
    (link, jb.cookies(&app.address))
}

/// A browser signed in by code (Kratos's session cookie in its jar): its cookies.
async fn signed_in_cookies(app: &TestApp, postman: &Postman) -> String {
    let jb = JarBrowser::asking(app, postman, "whoami@example.com").await;
    assert!(has_kratos_session(&jb.b.enter_code(&jb.mail.code()).await));
    assert_eq!(jb.b.whoami().await.0, 200);
    jb.cookies(&app.address)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a benchmark: scripts/bench-kratos"]
async fn complete_sign_ins_per_second_for_each_approach() {
    if std::env::var_os("BENCH_LOG").is_some() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_env("BENCH_LOG"))
            .try_init();
    }
    let secs = env_or("BENCH_SECS", 10);
    let users = env_or("BENCH_USERS", 32);
    let shapes = std::env::var("BENCH_SHAPES")
        .unwrap_or_else(|_| "code,recovery-link,recovery-code,magic-link-kratos".into());
    let mut report = vec![];
    for name in shapes.split(',') {
        let shape = match name {
            "code" => Shape::Code,
            "recovery-link" => Shape::RecoveryLink,
            "recovery-code" => Shape::RecoveryCode,
            "magic-link-kratos" => Shape::MagicLinkKratos,
            other => panic!("BENCH_SHAPES: unknown {other:?}"),
        };
        // PostgreSQL, as operators run it: Kratos's `memory` SQLite serialises writers, and
        // under concurrent flows its answers take a second and fail (400s).
        let pg = Postgres::start();
        // BENCH_DSN_OPTIONS (e.g. `max_conns=20&max_idle_conns=20`) tries Kratos's pool
        // settings; on 2026-12-01 those two made no difference beyond run-to-run noise.
        let mut dsn = pg.create_db("kratos");
        if let Ok(options) = std::env::var("BENCH_DSN_OPTIONS") {
            dsn = format!("{dsn}&{options}");
        }
        let (app, kratos) = iris_with_kratos_as(&dsn, "10m", shape, |s| {
            s.limits.ip_per_minute = 1_000_000_000;
            s.limits.ip_burst = 1_000_000_000;
            s.limits.emails_per_day = 1_000_000_000;
            s.server.max_connections_per_ip = s.server.max_connections;
        })
        .await;
        let postman = Postman::default();
        postman.run(app.sink().dir.clone());

        // Known identities, as an operator's users would be (sign-up is another path),
        // imported in batches as an operator would (Kratos takes up to 2,000 per call).
        let pool = env_or("BENCH_POOL", (users * secs * 10).max(secs * 200)) as usize;
        let http = reqwest::Client::new();
        for chunk in (0..pool).collect::<Vec<_>>().chunks(1000) {
            let identities: Vec<serde_json::Value> = chunk
                .iter()
                .map(|i| {
                    serde_json::json!({ "create": {
                        "schema_id": "default",
                        "traits": { "email": format!("bench{i}@example.com") }
                    }})
                })
                .collect();
            let res = http
                .patch(format!("{}/admin/identities", kratos.admin_url))
                .json(&serde_json::json!({ "identities": identities }))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        }

        let cpu_before = Cpu::sample(&kratos, &app);
        let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let started = Instant::now();
        let deadline = started + Duration::from_secs(secs);
        let workers: Vec<_> = (0..users)
            .map(|_| {
                let (base, postman, next) = (app.address.clone(), postman.clone(), next.clone());
                tokio::spawn(async move {
                    let (mut ok, mut failed, mut times) = (0u64, vec![], vec![]);
                    while Instant::now() < deadline {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        assert!(i < pool, "identity pool exhausted: raise BENCH_POOL");
                        let t = Instant::now();
                        match sign_in(&base, &postman, shape, &format!("bench{i}@example.com"))
                            .await
                        {
                            Ok(()) => {
                                ok += 1;
                                times.push(t.elapsed());
                            }
                            Err(why) => failed.push(why),
                        }
                    }
                    (ok, failed, times)
                })
            })
            .collect();
        let (mut ok, mut failed, mut times) = (0, vec![], vec![]);
        for w in workers {
            let (o, f, t) = w.await.unwrap();
            ok += o;
            failed.extend(f);
            times.extend(t);
        }
        let elapsed = started.elapsed().as_secs_f64();
        let cpu = Cpu::sample(&kratos, &app).since(&cpu_before, ok);
        times.sort();
        let line = format!(
            "{name:<18} {:>10.1} {:>7.0} {:>7.0} {:>9} {:>6}   {cpu}",
            ok as f64 / elapsed,
            percentile(&times, 0.5),
            percentile(&times, 0.99),
            ok,
            failed.len()
        );
        println!("bench-kratos: {line}");
        if !failed.is_empty() {
            let log = kratos.log();
            let _ = std::fs::write(std::env::temp_dir().join("bench-kratos.log"), &log);
            let odd: Vec<&str> = log
                .lines()
                .filter(|l| {
                    l.contains("level=error")
                        || l.contains("level=warn")
                        || (l.contains("completed handling")
                            && !l.contains("status:20")
                            && !l.contains("whoami"))
                })
                .take(8)
                .collect();
            panic!(
                "{name}: sign-ins failed: {:#?}\nKratos: {odd:#?}",
                &failed[..failed.len().min(3)]
            );
        }
        report.push(line);

        // Issue 14: who is signed in, asked of Iris (`/sessions/whoami`, which asks Kratos's
        // every time: no cache, so a revocation in Kratos holds at once) and of Kratos itself.
        if matches!(shape, Shape::Code) {
            let cookies = signed_in_cookies(&app, &postman).await;
            let (kratos_rate, kratos_p99) =
                wrk(&format!("{}/sessions/whoami", kratos.public_url), &cookies);
            let (iris_rate, iris_p99) = wrk(&format!("{}/sessions/whoami", app.address), &cookies);
            let line = format!(
                "{name:<18} GET /sessions/whoami: Iris {iris_rate:.0} req/s (p99 {iris_p99:.1} ms), \
                 Kratos {kratos_rate:.0} req/s (p99 {kratos_p99:.1} ms): {:.2}x Kratos",
                iris_rate / kratos_rate
            );
            println!("bench-kratos: {line}");
            report.push(line);
        }

        if matches!(shape, Shape::RecoveryLink | Shape::MagicLinkKratos) {
            let (link, cookies) = confirm_page_target(&app, &postman, shape).await;
            let (rate, p99) = wrk(&link, &cookies);
            let line = format!("{name:<18} confirm page GET: {rate:.0} req/s, p99 {p99:.1} ms");
            println!("bench-kratos: {line}");
            report.push(line);
        }
    }
    println!(
        "\nsetup              sign-ins/s  p50_ms  p99_ms  signed_in  failed   \
         CPU ms per sign-in: Iris+browsers / Kratos / PostgreSQL / SMTP server \
         ({users} browsers, {secs} s each)"
    );
    for line in report {
        println!("{line}");
    }
}
