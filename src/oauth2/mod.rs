//! Iris as Ory Hydra's login, consent and logout app: what is decided (pure functions, here
//! and in `scopes` and `prompt`) and what Hydra is told. The pages are in `web`; Hydra's admin
//! API is in `hydra`.
//!
//! An application's sign-in is kept in the browser's server-side session (`PendingLogin`),
//! never in the emailed link: only the browser that Hydra sent to Iris can finish it, and a
//! link opened elsewhere cannot be used to accept someone else's request (hydra.md §1.7).
mod prompt;
pub mod scopes;

pub use prompt::may_skip;

use crate::hydra::{
    AcceptLogin, HydraAdmin, HydraClient, HydraError, IdTokenClaims, LoginRequest, Redirect,
};
use crate::secrets::{Keys, Purpose};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;
use url::Url;

/// Where the session keeps the application sign-in this browser started.
pub const PENDING_KEY: &str = "oauth2_login";

/// The `return_to` of a sign-in started for an application: where a browser that signs in
/// without the pending request (another device, or its session ended) is told how to go on.
pub const CONTINUE_PATH: &str = "/login/app";

/// Where the session keeps the challenges this browser already finished (`Finished`).
pub const FINISHED_KEY: &str = "oauth2_finished";

/// How many finished challenges a session remembers: enough for the back button.
const FINISHED_KEPT: usize = 8;

/// Longest application name kept or shown (client names are the operator's, but unbounded).
const MAX_APP_NAME: usize = 80;

/// An application's sign-in waiting for this browser to prove its address.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingLogin {
    /// Hydra's login challenge (v2.3.0: the whole flow, encrypted; often over 1 KB).
    pub challenge: String,
    /// The application's name, as the pages say it.
    pub app: String,
}

/// The challenges this browser finished, as short digests (a challenge runs to kilobytes).
/// Hydra v2.3.0 still reads a used login or consent challenge as live (the flow travels inside
/// it), so without this the back button would show a consent form that can only fail.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Finished(Vec<String>);

impl Finished {
    fn digest(challenge: &str) -> String {
        use sha2::{Digest, Sha256};
        URL_SAFE_NO_PAD.encode(&Sha256::digest(challenge.as_bytes())[..16])
    }

    pub fn contains(&self, challenge: &str) -> bool {
        self.0.contains(&Self::digest(challenge))
    }

    /// Remembers `challenge`, forgetting the oldest beyond `FINISHED_KEPT`.
    pub fn add(&mut self, challenge: &str) {
        self.0.push(Self::digest(challenge));
        let extra = self.0.len().saturating_sub(FINISHED_KEPT);
        self.0.drain(..extra);
    }
}

/// The person who just proved their address, as Hydra is told.
#[derive(Debug, Clone)]
pub struct Authenticated {
    /// Iris's account id, or the Kratos identity's id: never the address.
    pub subject: String,
    /// The session that sign-in opened (Iris's public session id, or Kratos's session id).
    pub session_id: Option<String>,
    /// How they proved it (`amr`).
    pub amr: Vec<String>,
}

/// Hydra's admin API, with what Iris sends it besides: how long Hydra may remember a login.
#[derive(Clone)]
pub struct OAuth2 {
    pub admin: HydraAdmin,
    pub remember_for: Duration,
    keys: Arc<Keys>,
}

/// The name the pages give an application: its `client_name`, else its id.
pub fn app_name(client: &HydraClient) -> String {
    let name = client.client_name.trim();
    let name = if name.is_empty() {
        client.client_id.as_str()
    } else {
        name
    };
    name.chars().take(MAX_APP_NAME).collect()
}

/// The application's logo, only from an https URL (never a `data:` or plain-http one).
pub fn logo(client: &HydraClient) -> Option<Url> {
    Url::parse(&client.logo_uri)
        .ok()
        .filter(|u| u.scheme() == "https" && u.host().is_some())
}

/// What the ID token says of the person, for the scopes granted: `email` and
/// `email_verified` with the `email` scope, nothing otherwise. Every consent accept carries
/// them, remembered or not, so an app never loses the address on its second visit.
pub fn claims(granted: &[String], email: Option<(&str, bool)>) -> IdTokenClaims {
    match email {
        Some((address, verified)) if granted.iter().any(|s| s == "email") => IdTokenClaims {
            email: Some(address.to_owned()),
            email_verified: Some(verified),
        },
        _ => IdTokenClaims::default(),
    }
}

impl OAuth2 {
    pub fn new(admin: HydraAdmin, remember_for: Duration, keys: Arc<Keys>) -> Self {
        OAuth2 {
            admin,
            remember_for,
            keys,
        }
    }

    /// Accepts the login request: Hydra answers where the browser goes next (`None`: the
    /// request expired or was never Hydra's).
    pub async fn accept(
        &self,
        challenge: &str,
        who: &Authenticated,
    ) -> Result<Option<Redirect>, HydraError> {
        let accept = AcceptLogin {
            subject: who.subject.clone(),
            remember: true,
            remember_for: self.remember_for.as_secs(),
            amr: who.amr.clone(),
            identity_provider_session_id: who.session_id.clone(),
        };
        self.admin.accept_login(challenge, &accept).await
    }

    /// Accepts a request Hydra remembers (`skip`) for the subject it names (Hydra keeps the
    /// first sign-in's time and methods).
    pub async fn accept_remembered(
        &self,
        request: &LoginRequest,
    ) -> Result<Option<Redirect>, HydraError> {
        let who = Authenticated {
            subject: request.subject.clone(),
            session_id: None,
            amr: Vec::new(),
        };
        self.accept(&request.challenge, &who).await
    }

    /// The `return_to` of a sign-in started for `app`: `CONTINUE_PATH` with the name and a
    /// tag over it, so a page that names the application names the one Iris was asked for,
    /// not one put into a crafted `return_to`.
    pub fn continue_path(&self, app: &str) -> String {
        let tag = URL_SAFE_NO_PAD.encode(self.keys.mac(Purpose::AppName, &[app.as_bytes()]));
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("app", app)
            .append_pair("tag", &tag)
            .finish();
        format!("{CONTINUE_PATH}?{query}")
    }

    /// The application a credential's `return_to` was made for (`continue_path`), if it was.
    pub fn app_of(&self, return_to: &str, public_url: &Url) -> Option<String> {
        let url = public_url.join(return_to).ok()?;
        if url.origin() != public_url.origin() || url.path() != CONTINUE_PATH {
            return None;
        }
        let find = |name: &str| {
            url.query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
        };
        let (app, tag) = (find("app")?, find("tag")?);
        let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
        self.keys
            .verify(Purpose::AppName, &[app.as_bytes()], &tag)
            .then_some(app)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(name: &str, logo: &str) -> HydraClient {
        HydraClient {
            client_id: "app-1".into(),
            client_name: name.into(),
            logo_uri: logo.into(),
            skip_consent: false,
        }
    }

    #[test]
    fn an_app_is_named_by_its_name_else_its_id_and_its_logo_only_over_https() {
        assert_eq!(app_name(&client("Photos", "")), "Photos");
        assert_eq!(app_name(&client("  ", "")), "app-1");
        assert_eq!(app_name(&client(&"x".repeat(200), "")).len(), MAX_APP_NAME);
        assert!(logo(&client("", "https://cdn.example/logo.png")).is_some());
        assert!(logo(&client("", "http://cdn.example/logo.png")).is_none());
        assert!(logo(&client("", "data:image/png;base64,AAAA")).is_none());
    }

    /// The application named by a sign-in's `return_to` is the one Iris put there: a name
    /// changed, a tag missing or a path elsewhere names none.
    #[test]
    fn only_a_tagged_continue_path_names_an_application() {
        let keys = Arc::new(Keys::random());
        let admin = HydraAdmin::new(
            Url::parse("http://127.0.0.1:4445").unwrap(),
            Duration::from_secs(1),
            None,
        )
        .unwrap();
        let oauth2 = OAuth2::new(admin, Duration::from_secs(60), keys);
        let public = Url::parse("https://login.example").unwrap();
        let path = oauth2.continue_path("Photo Album & Co");
        assert!(
            path.starts_with("/login/app?app=Photo+Album+%26+Co&tag="),
            "{path}"
        );
        assert_eq!(
            oauth2.app_of(&path, &public).as_deref(),
            Some("Photo Album & Co")
        );
        let forged = path.replace("Photo+Album", "Your+Bank");
        assert_eq!(oauth2.app_of(&forged, &public), None);
        let untagged = path.split("&tag=").next().unwrap();
        assert_eq!(oauth2.app_of(untagged, &public), None);
        assert_eq!(
            oauth2.app_of(&path.replace("/login/app", "/login"), &public),
            None
        );
        assert_eq!(oauth2.app_of("/", &public), None);
    }

    #[test]
    fn a_session_remembers_its_last_finished_challenges() {
        let mut finished = Finished::default();
        for i in 0..=FINISHED_KEPT {
            finished.add(&format!("challenge-{i}"));
        }
        assert!(!finished.contains("challenge-0"), "the oldest is forgotten");
        assert!(
            finished.contains("challenge-1")
                && finished.contains(&format!("challenge-{FINISHED_KEPT}"))
        );
        assert!(!finished.contains("another"));
    }

    #[test]
    fn claims_carry_the_address_only_with_the_email_scope() {
        let email = Some(("ann@example.com", true));
        let granted = |s: &[&str]| s.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let with = claims(&granted(&["openid", "email"]), email);
        assert_eq!(with.email.as_deref(), Some("ann@example.com"));
        assert_eq!(with.email_verified, Some(true));
        let without = claims(&granted(&["openid"]), email);
        assert!(without.email.is_none() && without.email_verified.is_none());
    }
}
