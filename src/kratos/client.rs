//! A thin client for the Kratos endpoints Iris uses, spoken as the browser's agent: JSON
//! (`Accept: application/json`), the browser's cookies forwarded, no redirects followed, every
//! `Set-Cookie` collected for relay (design.md §2). Bounded by `kratos.timeout`.
use super::admin::KratosAdmin;
use super::cookies::CookieRelay;
use super::flows::{ErrorBody, Flow, Session, Ui};
use reqwest::header::{ACCEPT, COOKIE, SET_COOKIE, USER_AGENT};
use reqwest::{Method, StatusCode};
use serde::Deserialize;
use std::time::Duration;
use url::Url;

#[derive(Debug, thiserror::Error)]
pub enum KratosError {
    #[error("Kratos is unreachable or too slow")]
    Unavailable(#[source] reqwest::Error),
    #[error("unexpected answer from Kratos: {0}")]
    Unexpected(String),
}

impl KratosError {
    /// Kratos did not answer. The URL is dropped from the error: it can hold a recovery
    /// link's token or an address being looked up, and errors are logged (with `Debug`).
    pub fn unavailable(e: reqwest::Error) -> Self {
        KratosError::Unavailable(e.without_url())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowKind {
    Login,
    Registration,
    Recovery,
    /// Only read (after a recovery, Kratos sends the browser to its settings UI).
    Settings,
}

impl FlowKind {
    fn segment(self) -> &'static str {
        match self {
            FlowKind::Login => "login",
            FlowKind::Registration => "registration",
            FlowKind::Recovery => "recovery",
            FlowKind::Settings => "settings",
        }
    }
}

/// What Kratos answered to a flow call.
#[derive(Debug)]
pub enum Answer {
    /// The flow (HTTP 200, or 400 with messages: "code sent" is a 400 too).
    Flow(Flow),
    /// Signed in: Kratos set its session cookie (in the relay).
    SignedIn(Box<Session>),
    /// An error body with its HTTP status (403 CSRF, 404, 410 expired, …).
    Error(StatusCode, ErrorBody),
    /// Kratos sends the browser on: a redirect (303), or for a JSON call the 422
    /// `browser_location_change_required` (where recovery succeeds; its session cookie is in
    /// the relay).
    Redirect(String),
}

/// A 200 body: a flow, or (after a successful submission) a session beside the identity.
/// One struct, so the body is parsed once whichever it is.
#[derive(Deserialize)]
struct OkBody {
    #[serde(default)]
    session: Option<Session>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    ui: Option<Ui>,
    #[serde(default)]
    return_to: Option<String>,
}

#[derive(Clone)]
pub struct KratosClient {
    http: reqwest::Client,
    public: Url,
    /// The admin API, when `kratos.admin_url` is set.
    pub admin: Option<KratosAdmin>,
    timeout: Duration,
}

impl KratosClient {
    pub fn new(public: Url, admin: Option<Url>, timeout: Duration) -> Result<Self, KratosError> {
        let http = http_client(timeout)?;
        Ok(Self {
            admin: admin.map(|url| KratosAdmin::new(&url, http.clone())),
            http,
            public,
            timeout,
        })
    }

    /// The same client with a connection pool of its own, for one server worker. A pooled
    /// connection lives on the runtime that opened it; shared between workers, every call made
    /// from another worker would hop threads twice (measured: ~20% of the code page's cost).
    /// `new` already built one with these settings, so building another cannot fail in
    /// practice; if it did, the shared pool still works.
    pub fn for_worker(&self) -> Self {
        let http = http_client(self.timeout).unwrap_or_else(|_| self.http.clone());
        Self {
            admin: self.admin.as_ref().map(|a| a.with_client(http.clone())),
            http,
            ..self.clone()
        }
    }

    pub async fn create_flow(
        &self,
        kind: FlowKind,
        relay: &mut CookieRelay,
        return_to: Option<&str>,
    ) -> Result<Answer, KratosError> {
        let mut url = self.url(&format!("/self-service/{}/browser", kind.segment()));
        if let Some(r) = return_to {
            url.query_pairs_mut().append_pair("return_to", r);
        }
        self.flow_call(Method::GET, url, relay, None).await
    }

    pub async fn get_flow(
        &self,
        kind: FlowKind,
        id: &str,
        relay: &mut CookieRelay,
    ) -> Result<Answer, KratosError> {
        let mut url = self.url(&format!("/self-service/{}/flows", kind.segment()));
        url.query_pairs_mut().append_pair("id", id);
        self.flow_call(Method::GET, url, relay, None).await
    }

    /// Posts `body` (plus the flow's CSRF token) to the flow's action, on Kratos's configured
    /// public URL (only the action's path and query are taken from Kratos's answer).
    pub async fn submit(
        &self,
        flow: &Flow,
        relay: &mut CookieRelay,
        mut body: serde_json::Value,
    ) -> Result<Answer, KratosError> {
        let action = Url::parse(&flow.ui.action)
            .map_err(|_| KratosError::Unexpected("flow action is not a URL".into()))?;
        let mut url = self.url(action.path());
        url.set_query(action.query());
        body["csrf_token"] = flow.csrf_token().unwrap_or_default().into();
        self.flow_call(Method::POST, url, relay, Some(body)).await
    }

    /// Whether an identity has this code identifier (admin API), or `None` when no admin URL is
    /// configured. Lets Iris pick login or registration up front, so both paths make the same
    /// number of calls to Kratos (no timing difference between known and unknown addresses).
    pub async fn identity_exists(&self, email: &str) -> Result<Option<bool>, KratosError> {
        match &self.admin {
            Some(admin) => Ok(Some(admin.find(email).await?.is_some())),
            None => Ok(None),
        }
    }

    /// Posts `body` to a flow whose id Iris already knows and that needs no CSRF token (the
    /// admin API's recovery flows).
    pub async fn submit_to(
        &self,
        kind: FlowKind,
        flow_id: &str,
        relay: &mut CookieRelay,
        body: serde_json::Value,
    ) -> Result<Answer, KratosError> {
        let mut url = self.url(&format!("/self-service/{}", kind.segment()));
        url.query_pairs_mut().append_pair("flow", flow_id);
        self.flow_call(Method::POST, url, relay, Some(body)).await
    }

    /// Redeems an emailed recovery link (`?flow=…&token=…`) with the browser's cookies: Kratos
    /// answers with a redirect, to the settings UI on success (its session cookie in the
    /// relay), else to the recovery UI with a new flow that says why.
    pub async fn redeem_recovery_link(
        &self,
        flow_id: &str,
        token: &str,
        relay: &mut CookieRelay,
    ) -> Result<Answer, KratosError> {
        let mut url = self.url("/self-service/recovery");
        url.query_pairs_mut()
            .append_pair("flow", flow_id)
            .append_pair("token", token);
        self.flow_call(Method::GET, url, relay, None).await
    }

    /// The session behind the browser's cookies, if any.
    pub async fn whoami(&self, relay: &mut CookieRelay) -> Result<Option<Session>, KratosError> {
        let res = self
            .send(Method::GET, self.url("/sessions/whoami"), relay, None)
            .await?;
        match res.status() {
            StatusCode::OK => Ok(Some(parse(res).await?)),
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Ok(None),
            other => Err(KratosError::Unexpected(format!("whoami answered {other}"))),
        }
    }

    /// The browser's other Kratos sessions (the frontend API's `GET /sessions` leaves out the
    /// one it asks with). Signed out: none.
    pub async fn other_sessions(
        &self,
        relay: &mut CookieRelay,
    ) -> Result<Vec<Session>, KratosError> {
        let res = self
            .send(Method::GET, self.url("/sessions"), relay, None)
            .await?;
        match res.status() {
            StatusCode::OK => parse(res).await,
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Ok(Vec::new()),
            other => Err(KratosError::Unexpected(format!(
                "sessions answered {other}"
            ))),
        }
    }

    /// Ends one of the browser's other sessions by id (`DELETE /sessions/{id}`): Kratos ends
    /// it only if it is the same identity's; whether it did.
    pub async fn end_session(
        &self,
        id: &str,
        relay: &mut CookieRelay,
    ) -> Result<bool, KratosError> {
        let mut url = self.url("/sessions");
        url.path_segments_mut()
            .map_err(|()| KratosError::Unexpected("Kratos's URL cannot hold a path".into()))?
            .push(id);
        let res = self.send(Method::DELETE, url, relay, None).await?;
        match res.status() {
            StatusCode::NO_CONTENT | StatusCode::OK => Ok(true),
            StatusCode::BAD_REQUEST
            | StatusCode::NOT_FOUND
            | StatusCode::UNAUTHORIZED
            | StatusCode::FORBIDDEN => Ok(false),
            other => Err(KratosError::Unexpected(format!(
                "ending a session answered {other}"
            ))),
        }
    }

    /// Ends every session of the browser's identity but the browser's own (`DELETE
    /// /sessions`); how many.
    pub async fn end_other_sessions(&self, relay: &mut CookieRelay) -> Result<u64, KratosError> {
        #[derive(Deserialize)]
        struct Count {
            #[serde(default)]
            count: u64,
        }
        let res = self
            .send(Method::DELETE, self.url("/sessions"), relay, None)
            .await?;
        match res.status() {
            StatusCode::OK => Ok(parse::<Count>(res).await?.count),
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Ok(0),
            other => Err(KratosError::Unexpected(format!(
                "ending other sessions answered {other}"
            ))),
        }
    }

    /// Ends the browser's Kratos session through the browser logout flow (the relay then holds
    /// the cookie deletions). No session: nothing to do.
    pub async fn logout(&self, relay: &mut CookieRelay) -> Result<(), KratosError> {
        #[derive(Deserialize)]
        struct LogoutUrl {
            logout_token: String,
        }
        let res = self
            .send(
                Method::GET,
                self.url("/self-service/logout/browser"),
                relay,
                None,
            )
            .await?;
        if res.status() == StatusCode::UNAUTHORIZED {
            return Ok(());
        }
        if res.status() != StatusCode::OK {
            return Err(KratosError::Unexpected(format!(
                "logout flow answered {}",
                res.status()
            )));
        }
        let token: LogoutUrl = parse(res).await?;
        let mut url = self.url("/self-service/logout");
        url.query_pairs_mut()
            .append_pair("token", &token.logout_token);
        let res = self.send(Method::GET, url, relay, None).await?;
        match res.status() {
            StatusCode::NO_CONTENT | StatusCode::OK | StatusCode::SEE_OTHER => Ok(()),
            other => Err(KratosError::Unexpected(format!("logout answered {other}"))),
        }
    }

    /// A self-service error by id (`/error?id=`), as Kratos describes it.
    pub async fn error(&self, id: &str) -> Result<Option<ErrorDetailView>, KratosError> {
        let mut url = self.url("/self-service/errors");
        url.query_pairs_mut().append_pair("id", id);
        let mut relay = CookieRelay::default();
        let res = self.send(Method::GET, url, &mut relay, None).await?;
        if res.status() != StatusCode::OK {
            return Ok(None);
        }
        #[derive(Deserialize)]
        struct Wrapped {
            error: ErrorDetailView,
        }
        Ok(parse::<Wrapped>(res).await.ok().map(|w| w.error))
    }

    /// Readiness: does Kratos answer its health check with `{"status":"ok"}`?
    pub async fn ready(&self) -> bool {
        let Ok(res) = self.http.get(self.url("/health/ready")).send().await else {
            return false;
        };
        if !res.status().is_success() {
            return false;
        }
        res.json::<serde_json::Value>()
            .await
            .is_ok_and(|v| v["status"] == "ok")
    }

    fn url(&self, path: &str) -> Url {
        let mut url = self.public.clone();
        url.set_path(path);
        url
    }

    async fn send(
        &self,
        method: Method,
        url: Url,
        relay: &mut CookieRelay,
        body: Option<serde_json::Value>,
    ) -> Result<reqwest::Response, KratosError> {
        let mut req = self
            .http
            .request(method, url)
            .header(ACCEPT, "application/json");
        if let Some(cookies) = relay.header() {
            req = req.header(COOKIE, cookies);
        }
        // Kratos takes the client's address from `True-Client-IP` first; Iris decided it
        // (`server.trusted_proxies`), so nothing the browser sent is believed twice.
        if let Some((user_agent, ip)) = &relay.client {
            req = req
                .header(USER_AGENT, user_agent)
                .header("true-client-ip", ip);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res = req.send().await.map_err(KratosError::unavailable)?;
        for value in res.headers().get_all(SET_COOKIE) {
            if let Ok(v) = value.to_str() {
                relay.absorb(v);
            }
        }
        Ok(res)
    }

    async fn flow_call(
        &self,
        method: Method,
        url: Url,
        relay: &mut CookieRelay,
        body: Option<serde_json::Value>,
    ) -> Result<Answer, KratosError> {
        let res = self.send(method, url, relay, body).await?;
        let status = res.status();
        let location = res
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let bytes = res.bytes().await.map_err(KratosError::unavailable)?;
        let unexpected = || KratosError::Unexpected(format!("{status} with an unreadable body"));
        if status == StatusCode::SEE_OTHER {
            return location
                .map(Answer::Redirect)
                .ok_or_else(|| KratosError::Unexpected("a redirect without a Location".into()));
        }
        match status {
            StatusCode::UNPROCESSABLE_ENTITY => {
                #[derive(Deserialize)]
                struct Moved {
                    redirect_browser_to: String,
                }
                serde_json::from_slice::<Moved>(&bytes)
                    .map(|m| Answer::Redirect(m.redirect_browser_to))
                    .map_err(|_| unexpected())
            }
            StatusCode::OK => match serde_json::from_slice::<OkBody>(&bytes) {
                Ok(OkBody {
                    session: Some(session),
                    ..
                }) => Ok(Answer::SignedIn(Box::new(session))),
                Ok(OkBody {
                    id: Some(id),
                    state,
                    ui: Some(ui),
                    return_to,
                    ..
                }) => Ok(Answer::Flow(Flow {
                    id,
                    state,
                    ui,
                    return_to,
                })),
                _ => Err(unexpected()),
            },
            StatusCode::BAD_REQUEST => match serde_json::from_slice::<Flow>(&bytes) {
                Ok(flow) => Ok(Answer::Flow(flow)),
                Err(_) => serde_json::from_slice(&bytes)
                    .map(|e| Answer::Error(status, e))
                    .map_err(|_| unexpected()),
            },
            s if s.is_client_error() => serde_json::from_slice(&bytes)
                .map(|e| Answer::Error(status, e))
                .map_err(|_| unexpected()),
            _ => Err(KratosError::Unexpected(format!("HTTP {status}"))),
        }
    }

    /// A flow Kratos started (the browser arrived with `?flow=`), read with the browser's
    /// cookies; `None` when it is not a flow id or Kratos does not know it. Kratos's flow ids
    /// are UUIDs: anything else is not worth a call.
    pub async fn started_flow(
        &self,
        kind: FlowKind,
        flow: &str,
        relay: &mut CookieRelay,
    ) -> Option<Flow> {
        if flow.is_empty()
            || flow.len() > 64
            || !flow.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
        {
            return None;
        }
        match self.get_flow(kind, flow, relay).await {
            Ok(Answer::Flow(f)) => Some(f),
            Ok(_) => None,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the flow Kratos started");
                None
            }
        }
    }
}

/// What the error page shows of a Kratos error (never raw JSON).
#[derive(Debug, Clone, Deserialize)]
pub struct ErrorDetailView {
    /// Kratos's string id (`security_csrf_violation`, `self_service_flow_expired`, …): what
    /// the page says is chosen by it.
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub code: Option<u16>,
}

async fn parse<T: serde::de::DeserializeOwned>(res: reqwest::Response) -> Result<T, KratosError> {
    let status = res.status();
    res.json()
        .await
        .map_err(|_| KratosError::Unexpected(format!("{status} with an unreadable body")))
}

fn http_client(timeout: Duration) -> Result<reqwest::Client, KratosError> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(timeout)
        .connect_timeout(timeout)
        .build()
        .map_err(KratosError::unavailable)
}

#[cfg(test)]
mod tests {
    use super::KratosError;

    #[tokio::test]
    async fn an_unreachable_kratos_error_never_carries_the_url() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let url = format!("http://127.0.0.1:{port}/self-service/recovery?flow=f&token=SECRETTOKEN");
        let err = reqwest::get(&url).await.unwrap_err();
        assert!(
            format!("{err:?}").contains("SECRETTOKEN"),
            "reqwest keeps it"
        );
        let ours = KratosError::unavailable(err);
        assert!(!format!("{ours:?}").contains("SECRETTOKEN"), "{ours:?}");
        assert!(!format!("{ours}").contains("SECRETTOKEN"));
    }
}
