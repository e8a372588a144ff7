//! Same answer for every address; mail only to the address of record; no header injection.
use crate::helpers::*;
use regex::Regex;

/// Strips what legitimately differs between two responses: CSRF values, cookies, dates.
fn normalise(page: &Page) -> (u16, Vec<(String, String)>, String) {
    let mut headers: Vec<(String, String)> = page
        .headers
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "date" | "set-cookie"))
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap().to_owned()))
        .collect();
    headers.sort();
    let cookies: Vec<String> = page
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap().split('=').next().unwrap().to_owned())
        .collect();
    headers.push(("set-cookie names".into(), cookies.join(",")));
    let body = Regex::new(r#"value="[A-Za-z0-9_-]{20,}""#)
        .unwrap()
        .replace_all(&page.body, "value=X");
    (page.status, headers, body.into_owned())
}

async fn compare_known_and_unknown(allow_sign_up: bool) {
    let app = spawn_app_with(|s| s.sign_in.allow_sign_up = allow_sign_up, &[]).await;
    // Frozen: pages show a countdown that must not differ by a second between the two requests.
    app.clock.freeze();
    // Make k@example.com a known account (sign-up on first use needs sign-up on: insert it).
    app.sql("INSERT INTO accounts (id, email, email_key, created_at) VALUES ('acc1', 'k@example.com', 'k@example.com', 0)");
    let known = app.browser();
    let unknown = app.browser();
    // Typed with a capital: the mask must not reveal that `k@example.com` is stored in lower
    // case while nothing is stored for `U@example.com`.
    let r1 = known
        .submit("/login", "/login", &[("email", "K@example.com")])
        .await;
    let r2 = unknown
        .submit("/login", "/login", &[("email", "U@example.com")])
        .await;
    assert_eq!(normalise(&r1), normalise(&r2));
    let p1 = known.get("/login/check-email").await;
    let p2 = unknown.get("/login/check-email").await;
    assert_eq!(normalise(&p1).0, normalise(&p2).0);
    assert_eq!(
        normalise(&p1).2.replace("k***", "X***"),
        normalise(&p2).2.replace("u***", "X***")
    );
    // Wrong codes look the same too.
    let c1 = known.enter_code("123456").await;
    let c2 = unknown.enter_code("123456").await;
    if c1.status != 303 && c2.status != 303 {
        assert_eq!(
            normalise(&c1).2.replace("k***", "X***"),
            normalise(&c2).2.replace("u***", "X***")
        );
    }
    // Within the cooldown, a second request answers the same way for both as well.
    let a1 = known
        .submit("/login", "/login", &[("email", "k@example.com")])
        .await;
    let a2 = unknown
        .submit("/login", "/login", &[("email", "u@example.com")])
        .await;
    assert_eq!(normalise(&a1), normalise(&a2));

    let mails = app.sink().wait_for(1).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let recipients: Vec<_> = app
        .sink()
        .messages()
        .iter()
        .flat_map(|m| m.rcpt_tos.clone())
        .collect();
    if allow_sign_up {
        assert_eq!(app.sink().wait_for(2).await.len(), 2);
    } else {
        assert_eq!(
            recipients,
            vec!["k@example.com"],
            "no mail for an unknown address with sign-up off"
        );
        assert_eq!(mails.len(), 1);
    }
}

#[tokio::test]
async fn known_and_unknown_addresses_get_identical_responses_with_sign_up_on() {
    compare_known_and_unknown(true).await;
}

#[tokio::test]
async fn known_and_unknown_addresses_get_identical_responses_with_sign_up_off() {
    compare_known_and_unknown(false).await;
}

#[tokio::test]
async fn unknown_address_signs_up_on_first_use() {
    let app = spawn_app().await;
    assert_eq!(app.sql("SELECT count(*) FROM accounts"), "0");
    let b = app.browser();
    let mail = app.request_email(&b, "New.Person@Example.com").await;
    assert_eq!(
        app.sql("SELECT count(*) FROM accounts"),
        "0",
        "asking creates no account"
    );
    b.confirm_link(&mail.link()).await;
    assert_eq!(
        app.sql("SELECT email, email_key FROM accounts"),
        "New.Person@example.com|new.person@example.com"
    );
}

#[tokio::test]
async fn header_and_smtp_injection_in_the_email_field_is_refused() {
    let app = spawn_app().await;
    let b = app.browser();
    for payload in [
        "victim@x.test\r\nBcc: attacker@y.test",
        "victim@x.test\nBcc: attacker@y.test",
        "victim@x.test>\r\nRCPT TO:<attacker@y.test>",
        "victim@x.test, attacker@y.test",
        "Victim <victim@x.test>",
        "\"><svg onload=alert(1)>@x.test",
        "=?utf-8?q?attacker?=@y.test",
    ] {
        let page = b.submit("/login", "/login", &[("email", payload)]).await;
        assert_eq!(page.status, 400, "{payload:?}");
        assert!(page.body.contains(r#"aria-invalid="true""#));
        assert!(!page.body.contains("<svg"), "input must be escaped");
    }
    // The input is kept (escaped) so nothing has to be retyped.
    let page = b
        .submit("/login", "/login", &[("email", "bad@@example.com")])
        .await;
    assert!(page.body.contains(r#"value="bad@@example.com""#));

    app.request_email(&b, "victim@example.test").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let all: Vec<String> = app
        .sink()
        .messages()
        .iter()
        .flat_map(|m| m.rcpt_tos.clone())
        .collect();
    assert_eq!(all, vec!["victim@example.test"]);
}

#[tokio::test]
async fn mail_goes_to_the_address_of_record_for_lookalikes() {
    let app = spawn_app().await;
    let b = app.browser();
    let mail = app.request_email(&b, "mike@example.org").await;
    b.confirm_link(&mail.link()).await;
    let mut sent = 1;
    for variant in [
        "MIKE@EXAMPLE.ORG",
        "mike@example.org ",
        "mike@EXAMPLE.org",
        "mıke@example.org",
        "mi\u{212A}e@example.org",
        "mike@exаmple.org",
    ] {
        app.clock.advance(time::Duration::seconds(61));
        let page = app
            .browser()
            .submit("/login", "/login", &[("email", variant)])
            .await;
        if page.status == 303 {
            sent += 1;
            let m = app.sink().wait_for(sent).await.pop().unwrap();
            assert_eq!(m.rcpt_tos, vec!["mike@example.org"], "{variant:?}");
        } else {
            assert_eq!(page.status, 400, "{variant:?}");
        }
    }
    assert_eq!(app.sql("SELECT count(*) FROM accounts"), "1");
}

#[tokio::test]
async fn host_headers_never_change_the_emailed_link() {
    let app = spawn_app().await;
    let expected = format!("http://127.0.0.1:{}/login/link?token=", app.port);
    let cases: [(&str, &str); 4] = [
        ("host", "evil.test"),
        ("x-forwarded-host", "evil.test"),
        ("forwarded", "host=evil.test;proto=http"),
        ("x-forwarded-proto", "https"),
    ];
    for (i, (name, value)) in cases.iter().enumerate() {
        let b = app.browser();
        let token = b.get("/login").await.csrf();
        let res = b
            .client
            .post(b.url("/login"))
            .header(*name, *value)
            .form(&[
                ("csrf_token", token.as_str()),
                ("email", &format!("h{i}@example.com")),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let mail = app.sink().wait_for(i + 1).await.pop().unwrap();
        assert!(
            mail.link().starts_with(&expected),
            "{name}: {}",
            mail.link()
        );
        assert!(!mail.raw.contains("evil.test"));
    }
}

#[tokio::test]
async fn nothing_secret_is_stored_in_clear() {
    let app = spawn_app().await;
    let mail = app.request_email(&app.browser(), "dump@example.com").await;
    let dump = std::process::Command::new("sqlite3")
        .arg(app.data.path().join("iris.db"))
        .arg(".dump")
        .output()
        .unwrap();
    let dump = String::from_utf8_lossy(&dump.stdout);
    let token = mail.token();
    let raw_token = base64_url_decode_hex(&token);
    for needle in [token.as_str(), mail.code().as_str(), raw_token.as_str()] {
        assert!(
            !dump.to_lowercase().contains(&needle.to_lowercase()),
            "found a secret in the database dump"
        );
    }
}

/// The token's raw bytes as hex (how sqlite3 .dump prints blobs).
fn base64_url_decode_hex(token: &str) -> String {
    use base64::Engine;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token)
        .unwrap();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
