//! One headless Chromium per test, driven over WebDriver (Debian's `chromium` and
//! `chromium-driver`, through fantoccini). Every page a test opens is checked the same way:
//! no failed sub-resource, no CSP violation, no JavaScript error in the browser's log, and a
//! screenshot saved under `target/browser-shots/<test>/` (or `IRIS_BROWSER_SHOTS`).
#![allow(dead_code)]

use crate::helpers::{free_port, Mail, TestApp};
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// How a browser is set up: JavaScript on or off, the languages it asks for, its viewport.
#[derive(Clone, Copy)]
pub struct Options {
    pub javascript: bool,
    pub accept_language: Option<&'static str>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            javascript: true,
            accept_language: None,
        }
    }
}

pub struct Chrome {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
    shots: PathBuf,
    shot_seq: AtomicUsize,
    pub options: Options,
}

/// A raw WebDriver command (Chromium's log and DevTools endpoints have no fantoccini method).
#[derive(Debug)]
struct Raw {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for Raw {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/{}",
            session.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

fn shots_root() -> PathBuf {
    std::env::var_os("IRIS_BROWSER_SHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/target/browser-shots"))
        })
}

impl Chrome {
    /// A fresh browser profile of its own (cookies, cache), for the test `test`.
    /// A browser with JavaScript on or off, named `{test}-js-on` or `{test}-js-off`.
    pub async fn with_javascript(test: &str, javascript: bool) -> Chrome {
        let name = format!("{test}-js-{}", if javascript { "on" } else { "off" });
        let options = Options {
            javascript,
            ..Options::default()
        };
        Chrome::start(&name, options).await
    }

    pub async fn start(test: &str, options: Options) -> Chrome {
        let port = free_port();
        let mut command = Command::new(
            std::env::var("IRIS_TEST_CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()),
        );
        command
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // Its own process group, so a failing test cannot leave Chromium behind (see Drop).
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let driver = command
            .spawn()
            .expect("chromedriver (scripts/install-deps installs chromium-driver)");
        let profile = tempfile::tempdir().unwrap();
        let mut prefs = json!({});
        if !options.javascript {
            prefs["profile.managed_default_content_settings.javascript"] = json!(2);
        }
        if let Some(languages) = options.accept_language {
            prefs["intl.accept_languages"] = json!(languages);
        }
        let capabilities = json!({
            "browserName": "chrome",
            "goog:loggingPrefs": { "browser": "ALL" },
            "goog:chromeOptions": {
                "binary": std::env::var("IRIS_TEST_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                // Without the background-networking flags Chromium keeps calling Google's
                // hosts, which this network refuses.
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--no-default-browser-check",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-default-apps", "--disable-extensions",
                    "--hide-scrollbars", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                "prefs": prefs,
            },
        });
        let capabilities = match capabilities {
            Value::Object(map) => map,
            _ => unreachable!(),
        };
        let url = format!("http://127.0.0.1:{port}");
        let mut client = None;
        for _ in 0..100 {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(c) => {
                    client = Some(c);
                    break;
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
        let client = client.expect("a WebDriver session with Chromium");
        let shots = shots_root().join(test);
        let _ = std::fs::remove_dir_all(&shots);
        std::fs::create_dir_all(&shots).unwrap();
        let chrome = Chrome {
            client,
            driver,
            _profile: profile,
            shots,
            shot_seq: AtomicUsize::new(0),
            options,
        };
        chrome.viewport(1280, 900).await;
        chrome
    }

    async fn raw(&self, path: &'static str, body: Value) -> Value {
        self.client
            .issue_cmd(Raw { path, body })
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// A Chrome DevTools Protocol command, through ChromeDriver.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.raw("goog/cdp/execute", json!({ "cmd": cmd, "params": params }))
            .await
    }

    /// The layout viewport, exactly (320 px is the narrowest WCAG 1.4.10 asks for).
    pub async fn viewport(&self, width: u32, height: u32) {
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false }),
        )
        .await;
    }

    /// `prefers-color-scheme: dark` or light, as the operating system would say.
    pub async fn color_scheme(&self, dark: bool) {
        let value = if dark { "dark" } else { "light" };
        self.cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": value }] }),
        )
        .await;
    }

    /// What the browser logged since the last call, as (level, source, message).
    pub async fn log(&self) -> Vec<(String, String, String)> {
        let entries = self.raw("se/log", json!({ "type": "browser" })).await;
        entries
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|e| {
                let s = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
                (s("level"), s("source"), s("message"))
            })
            .collect()
    }

    /// Problems in the log: any error but the document's own error status (Chromium logs it as
    /// "Failed to load resource" wherever the design answers 4xx or 503, e.g. a form with
    /// errors); a sub-resource that fails is always a problem.
    pub async fn problems(&self) -> Vec<String> {
        let here = self.url().await;
        let here = here.split('?').next().unwrap_or_default().to_owned();
        self.log()
            .await
            .into_iter()
            .filter(|(level, _, _)| level == "SEVERE")
            .filter(|(_, source, message)| {
                let own_status = source == "network"
                    && message
                        .split(' ')
                        .next()
                        .is_some_and(|url| url.split('?').next() == Some(here.as_str()))
                    && message.contains("the server responded with a status of ");
                !own_status
            })
            .map(|(_, source, message)| format!("{source}: {message}"))
            .collect()
    }

    /// Fails the test on any problem the page caused, and saves its screenshot.
    pub async fn check(&self, label: &str) {
        let problems = self.problems().await;
        assert!(
            problems.is_empty(),
            "{label} ({}): {problems:#?}",
            self.url().await
        );
        self.shot(label).await;
    }

    pub async fn shot(&self, label: &str) -> PathBuf {
        let n = self.shot_seq.fetch_add(1, Ordering::SeqCst);
        let path = self.shots.join(format!("{n:02}-{label}.png"));
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(&path, png).unwrap();
        path
    }

    /// Opens a URL as a person typing it (or clicking it in their mail) would, and checks it.
    pub async fn open(&self, url: &str, label: &str) {
        self.client.goto(url).await.unwrap();
        self.check(label).await;
    }

    pub async fn url(&self) -> String {
        self.client.current_url().await.unwrap().to_string()
    }

    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.unwrap();
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// The visible text of the first element `css` selects.
    pub async fn text_of(&self, css: &str) -> String {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// The page's visible text.
    pub async fn text(&self) -> String {
        self.text_of("body").await
    }

    pub async fn heading(&self) -> String {
        self.text_of("h1").await
    }

    pub async fn html_lang(&self) -> String {
        self.client
            .find(Locator::Css("html"))
            .await
            .unwrap()
            .attr("lang")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    /// Types into a field, as keystrokes.
    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self.client.find(Locator::Css(css)).await.unwrap();
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    /// Clicks an element (a button: the browser submits its form and loads the answer), then
    /// checks the page it lands on.
    pub async fn click(&self, css: &str, label: &str) {
        let old = self.mark_document().await;
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        self.wait_for_new_document(old).await;
        self.check(label).await;
    }

    /// Presses a key on whatever has focus (`fantoccini::key::Key`), then checks the page.
    /// Enter submits a form, so it waits for the answer as a click does; Tab only moves focus.
    pub async fn press(&self, key: fantoccini::key::Key, label: &str) {
        let old = matches!(key, fantoccini::key::Key::Enter) && self.mark_document().await;
        self.client
            .active_element()
            .await
            .unwrap()
            .send_keys(&char::from(key).to_string())
            .await
            .unwrap();
        self.wait_for_new_document(old).await;
        self.check(label).await;
    }

    /// Tags the current document, so that a later `wait_for_new_document` can tell when the
    /// browser has replaced it. Without this a check could read the old page: ChromeDriver's
    /// click may return before a cross-site form's navigation has even begun (seen in CI, where
    /// the 403 of Iris's `/login` was logged while the URL still named the other site).
    async fn mark_document(&self) -> bool {
        self.client
            .execute("window.__irisOldDocument = true;", vec![])
            .await
            .is_ok()
    }

    /// Waits (up to 10 s) until the tagged document is gone and its successor has loaded. A
    /// script run while the old page is torn down may fail; that only means "not yet".
    async fn wait_for_new_document(&self, marked: bool) {
        if !marked {
            return;
        }
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            let replaced = self
                .client
                .execute(
                    "return !window.__irisOldDocument && document.readyState === 'complete';",
                    vec![],
                )
                .await;
            if matches!(replaced, Ok(Value::Bool(true))) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The focused element's id (empty when it has none) and tag.
    pub async fn focused(&self) -> (String, String) {
        let v = self
            .client
            .execute(
                "const e = document.activeElement; return [e.id || '', e.tagName.toLowerCase()];",
                vec![],
            )
            .await
            .unwrap();
        (
            v[0].as_str().unwrap_or_default().to_owned(),
            v[1].as_str().unwrap_or_default().to_owned(),
        )
    }

    /// Runs a snippet of JavaScript in the page (WebDriver's, which works with the page's own
    /// JavaScript switched off too).
    pub async fn js(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.unwrap()
    }

    /// axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the current page: the violations, as
    /// "rule-id: target…" lines.
    pub async fn axe(&self) -> Vec<String> {
        let source = std::fs::read_to_string(axe_path()).unwrap_or_else(|e| {
            panic!(
                "axe-core at {} ({e}); scripts/install-deps installs it",
                axe_path().display()
            )
        });
        // Injected through WebDriver, not by the page: the page's CSP allows no inline script.
        self.client.execute(&source, vec![]).await.unwrap();
        if !self.options.javascript {
            // With the page's JavaScript off, WebDriver's scripts and promises still run but no
            // timer fires, and axe hands back its result from a `setTimeout(…, 0)`: zero-delay
            // timers run as microtasks. axe's longer ones only time out frames and preloads
            // (Iris's pages have neither) or report an error late; they never fire, so such an
            // error shows as WebDriver's script timeout.
            self.client
                .execute(
                    r#"window.setTimeout = (f, ms, ...args) => {
                           if (!ms) Promise.resolve().then(() => f(...args));
                           return 0;
                       };
                       window.clearTimeout = () => {};"#,
                    vec![],
                )
                .await
                .unwrap();
        }
        let result = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   axe.run(document, {
                       runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
                       resultTypes: ['violations'],
                   }).then(r => done(r.violations.map(v =>
                       v.id + ': ' + v.nodes.map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\s+/g, ' ')).join(' | '))))
                     .catch(e => done(['axe failed: ' + e]));"#,
                vec![],
            )
            .await
            .unwrap();
        result
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// axe on the current page in all four variants (light and dark, 320 and 1280 px); each
    /// count is printed (`axe: <page> <scheme> <width>px: N …`) and the violations are added
    /// to `found`, so one run shows the state of every page, not only the first failure.
    pub async fn audit(&self, page: &str, found: &mut Vec<String>) {
        for dark in [false, true] {
            self.color_scheme(dark).await;
            for width in [320, 1280] {
                self.viewport(width, 900).await;
                let scheme = if dark { "dark" } else { "light" };
                let violations = self.axe().await;
                println!(
                    "axe: {page} {scheme} {width}px: {} {violations:?}",
                    violations.len()
                );
                self.shot(&format!("{page}-{scheme}-{width}")).await;
                found.extend(
                    violations
                        .into_iter()
                        .map(|v| format!("{page} ({scheme}, {width}px): {v}")),
                );
            }
        }
        self.color_scheme(false).await;
        self.viewport(1280, 900).await;
    }

    /// Opens the email form, types the address and presses Enter; `label` names the answer.
    pub async fn submit_email(&self, app: &TestApp, email: &str, label: &str) {
        self.open(&format!("{}/login", app.address), "email-entry")
            .await;
        self.type_into("#email", email).await;
        self.press(fantoccini::key::Key::Enter, label).await;
    }

    /// Types the address on the email form, presses Enter, lands on "check your inbox" and
    /// waits for the email to reach the SMTP server.
    pub async fn ask_for_email(&self, app: &TestApp, email: &str) -> Mail {
        let before = app.sink().messages().len();
        self.submit_email(app, email, "check-your-inbox").await;
        assert_eq!(
            self.path().await,
            "/login/check-email",
            "{}",
            self.text().await
        );
        app.sink().wait_for(before + 1).await.pop().unwrap()
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Chrome {
    fn drop(&mut self) {
        // The driver leads its process group; Chromium and its helpers are in it too.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.driver.id())])
            .status();
        let _ = self.driver.wait();
    }
}

/// axe-core's browser bundle: `IRIS_TEST_AXE`, else where scripts/install-deps puts it.
pub fn axe_path() -> PathBuf {
    if let Some(path) = std::env::var_os("IRIS_TEST_AXE") {
        return path.into();
    }
    // The same root as scripts/install-deps and scripts/kratos-build use.
    let var = |name| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let cache = var("IRIS_CACHE").unwrap_or_else(|| {
        var("XDG_CACHE_HOME")
            .unwrap_or_else(|| var("HOME").unwrap_or_default().join(".cache"))
            .join("iris")
    });
    cache.join("npm/node_modules/axe-core/axe.min.js")
}
