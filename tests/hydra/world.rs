//! One deployment for an application's sign-in: a real Hydra, Iris in one approach (with a
//! real Kratos where the approach has one), an OAuth2 client registered at Hydra, and a real
//! relying party (`openidconnect`) that starts authorizations and checks the ID tokens.
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreIdTokenClaims, CoreProviderMetadata,
};
use openidconnect::{
    AuthorizationCode, ClientId, CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet,
    IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use std::net::TcpListener;
use url::Url;

use crate::harness::{iris_with_kratos_at, Kratos, Shape};
use crate::helpers::{spawn_app_on, Browser, Mail, Page, TestApp};
use crate::hydra::{Hydra, NewClient, OAuthClient};
use crate::relying_party::{query, rp_http};

/// Where the application's sign-in runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Approach {
    /// `magic-link` with Iris's own sessions: Iris's accounts are the identities.
    Standalone,
    Kratos(Shape),
}

type Rp = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

pub struct World {
    pub approach: Approach,
    pub hydra: Hydra,
    pub iris: TestApp,
    /// Kept for its lifetime: dropping it stops Kratos.
    pub _kratos: Option<Kratos>,
    pub client: OAuthClient,
    pub redirect_uri: String,
    pub signed_out_uri: String,
    rp: Rp,
}

/// An authorization the relying party started: what it keeps to check the answer.
pub struct Authorization {
    pub url: Url,
    state: CsrfToken,
    nonce: Nonce,
    verifier: PkceCodeVerifier,
}

/// Where a browser's walk through Hydra and Iris stopped.
#[derive(Debug)]
pub enum Stop {
    /// Iris's email page (an application's sign-in).
    Login(Page),
    Consent(Page),
    Logout(Page),
    /// The relying party's redirect URI, with Hydra's query (`code`, or `error`).
    Callback(Url),
    /// The client's post-logout URL.
    SignedOut(Url),
    /// Any other page of Iris's (read in failure messages, through `Debug`).
    Page(#[allow(dead_code)] Page),
}

impl World {
    /// Hydra, then Iris (whose URL Hydra's `urls.*` name), then the client.
    pub async fn start(approach: Approach) -> World {
        Self::start_with(
            approach,
            NewClient {
                client_name: "Photo Album".to_owned(),
                scope: "openid email offline_access photos:read".to_owned(),
                ..NewClient::default()
            },
        )
        .await
    }

    pub async fn start_with(approach: Approach, new: NewClient) -> World {
        Self::start_custom(approach, new, |_| {}).await
    }

    /// `start_with`, with Iris's settings adjusted after Hydra's URL is set in them.
    pub async fn start_custom(
        approach: Approach,
        new: NewClient,
        customise: impl FnOnce(&mut iris::config::Settings),
    ) -> World {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let iris_url = format!("http://127.0.0.1:{}", listener.local_addr().unwrap().port());
        let hydra = Hydra::start(&iris_url).await;
        let admin = Url::parse(&hydra.admin_url).unwrap();
        let (iris, kratos) = match approach {
            Approach::Standalone => (
                spawn_app_on(
                    listener,
                    |s| {
                        s.hydra.admin_url = Some(admin);
                        customise(s);
                    },
                    &[],
                )
                .await,
                None,
            ),
            Approach::Kratos(shape) => {
                let (iris, kratos) = iris_with_kratos_at(listener, "memory", "10m", shape, |s| {
                    s.hydra.admin_url = Some(admin);
                    customise(s);
                })
                .await;
                (iris, Some(kratos))
            }
        };
        let client = hydra.create_client(&new).await;
        let metadata = CoreProviderMetadata::discover_async(
            IssuerUrl::new(hydra.issuer().to_owned()).unwrap(),
            &rp_http(),
        )
        .await
        .unwrap();
        let redirect_uri = new.redirect_uris[0].clone();
        let rp = CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(client.client_id.clone()),
            None,
        )
        .set_redirect_uri(RedirectUrl::new(redirect_uri.clone()).unwrap());
        World {
            approach,
            hydra,
            iris,
            _kratos: kratos,
            client,
            redirect_uri,
            signed_out_uri: new.post_logout_redirect_uris[0].clone(),
            rp,
        }
    }

    /// A browser for this world: Iris's, Hydra's and Kratos's cookies in one jar (one host).
    pub fn browser(&self) -> Browser {
        self.iris.browser()
    }

    /// The relying party's authorization URL for `scopes` (besides `openid`), with PKCE, a
    /// state and a nonce, plus `extra` query parameters (`prompt`, `max_age`).
    pub fn authorize(&self, scopes: &[&str], extra: &[(&str, &str)]) -> Authorization {
        let (pkce, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = self
            .rp
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(pkce);
        for scope in scopes {
            request = request.add_scope(Scope::new((*scope).to_owned()));
        }
        for (name, value) in extra {
            request = request.add_extra_param(*name, *value);
        }
        let (url, state, nonce) = request.url();
        Authorization {
            url,
            state,
            nonce,
            verifier,
        }
    }

    /// Follows redirects (and Iris's self-moving hand-over pages) from `url` until a page
    /// that wants the person, or the application's own URLs.
    pub async fn walk(&self, browser: &Browser, url: &str) -> Stop {
        let mut url = Url::parse(url).unwrap();
        for _ in 0..12 {
            if url.as_str().starts_with(&self.redirect_uri) {
                return Stop::Callback(url);
            }
            if url.as_str().starts_with(&self.signed_out_uri) {
                return Stop::SignedOut(url);
            }
            let page = browser.get(url.as_str()).await;
            if let Some(next) = self.next(&url, &page) {
                url = next;
                continue;
            }
            return self.classify(&url, page);
        }
        panic!("too many redirects; Hydra's log:\n{}", self.hydra.log());
    }

    /// Goes on from a page Iris answered a form with (a redirect or a hand-over page).
    pub async fn go_on(&self, browser: &Browser, from: &str, page: Page) -> Stop {
        let from = Url::parse(&browser.url(from)).unwrap();
        match self.next(&from, &page) {
            Some(next) => self.walk(browser, next.as_str()).await,
            None => self.classify(&from, page),
        }
    }

    fn next(&self, from: &Url, page: &Page) -> Option<Url> {
        if (300..400).contains(&page.status) {
            return Some(from.join(page.location().unwrap()).unwrap());
        }
        let refresh = page.header("refresh")?;
        let to = refresh.split_once("url=").unwrap().1;
        Some(from.join(to).unwrap())
    }

    fn classify(&self, url: &Url, page: Page) -> Stop {
        let iris = url.as_str().starts_with(&self.iris.address);
        match (iris, url.path()) {
            (true, "/login") if page.body.contains("action=\"/login\"") => Stop::Login(page),
            (true, "/consent") if page.status == 200 => Stop::Consent(page),
            (true, "/logout") if page.status == 200 => Stop::Logout(page),
            (true, _) => Stop::Page(page),
            _ => panic!(
                "stopped at {url} ({}): {}\nHydra's log:\n{}",
                page.status,
                page.text(),
                self.hydra.log()
            ),
        }
    }

    /// On the email page: asks for the email and proves it the approach's way (the code,
    /// or the link where the email carries only a link); where that led.
    pub async fn sign_in_on(&self, browser: &Browser, login: &Page, email: &str) -> Stop {
        let mail = self.ask_for_email(browser, login, email).await;
        let (from, proved) = match self.approach {
            Approach::Kratos(Shape::RecoveryLink) => (
                "/login/link",
                browser
                    .confirm_link(&crate::harness::recovery_link(&mail))
                    .await,
            ),
            _ => ("/login/code", browser.enter_code(&mail.code()).await),
        };
        self.go_on(browser, from, proved).await
    }

    /// Posts the email page's form; the email that arrived.
    pub async fn ask_for_email(&self, browser: &Browser, login: &Page, email: &str) -> Mail {
        let before = self.iris.sink().messages().len();
        let return_to = crate::helpers::hidden(&login.body, "return_to").unwrap();
        let challenge = crate::helpers::hidden(&login.body, "login_challenge").unwrap();
        let asked = browser
            .post(
                "/login",
                &[
                    ("csrf_token", login.csrf().as_str()),
                    ("email", email),
                    ("return_to", return_to.as_str()),
                    ("login_challenge", challenge.as_str()),
                ],
            )
            .await;
        assert_eq!(asked.status, 303, "{}", asked.text());
        assert_eq!(asked.location(), Some("/login/check-email"));
        self.iris.sink().wait_for(before + 1).await.pop().unwrap()
    }

    /// Presses a consent page's button: Allow (with the scopes left ticked) or Deny.
    pub async fn decide(
        &self,
        browser: &Browser,
        consent: &Page,
        allow: bool,
        ticked: &[&str],
        remember: bool,
    ) -> Stop {
        let challenge = crate::helpers::hidden(&consent.body, "consent_challenge").unwrap();
        let csrf = consent.csrf();
        let mut form = vec![
            ("csrf_token", csrf.as_str()),
            ("consent_challenge", challenge.as_str()),
            ("decision", if allow { "allow" } else { "deny" }),
        ];
        for scope in ticked {
            form.push(("grant_scope", scope));
        }
        if remember {
            form.push(("remember", "1"));
        }
        let answer = browser.post("/consent", &form).await;
        self.go_on(browser, "/consent", answer).await
    }

    /// Presses a button of Iris's sign-out page for an application: `accept` (Sign out) or
    /// `reject` (Stay signed in); Iris's answer.
    pub async fn leave(&self, browser: &Browser, page: &Page, decision: &str) -> Page {
        let challenge = crate::helpers::hidden(&page.body, "logout_challenge").unwrap();
        browser
            .post(
                "/logout/app",
                &[
                    ("csrf_token", page.csrf().as_str()),
                    ("logout_challenge", challenge.as_str()),
                    ("decision", decision),
                ],
            )
            .await
    }

    /// The relying party's half: the callback's state checked, the code exchanged with PKCE,
    /// the ID token's signature (JWKS), issuer, audience and nonce verified.
    pub async fn tokens(&self, auth: Authorization, callback: &Url) -> CoreIdTokenClaims {
        assert_eq!(
            query(callback, "state").as_deref(),
            Some(auth.state.secret().as_str())
        );
        let code = query(callback, "code")
            .unwrap_or_else(|| panic!("no code in {callback}; Hydra's log:\n{}", self.hydra.log()));
        let http = rp_http();
        let tokens = self
            .rp
            .exchange_code(AuthorizationCode::new(code))
            .unwrap()
            .set_pkce_verifier(auth.verifier)
            .request_async(&http)
            .await
            .unwrap_or_else(|e| panic!("token exchange: {e:?}\n{}", self.hydra.log()));
        let id_token = tokens.id_token().expect("an ID token");
        id_token
            .claims(&self.rp.id_token_verifier(), &auth.nonce)
            .expect("signature, issuer, audience and nonce check out")
            .clone()
    }

    /// The relying party's raw ID token for RP-initiated logout (`id_token_hint`).
    pub async fn id_token(&self, auth: Authorization, callback: &Url) -> String {
        let code = query(callback, "code").unwrap();
        let tokens = self
            .rp
            .exchange_code(AuthorizationCode::new(code))
            .unwrap()
            .set_pkce_verifier(auth.verifier)
            .request_async(&rp_http())
            .await
            .unwrap();
        tokens.id_token().unwrap().to_string()
    }

    /// Hydra's RP-initiated logout URL for an ID token.
    pub fn logout_url(&self, id_token: &str) -> String {
        let mut url =
            Url::parse(&format!("{}/oauth2/sessions/logout", self.hydra.public_url)).unwrap();
        url.query_pairs_mut()
            .append_pair("id_token_hint", id_token)
            .append_pair("post_logout_redirect_uri", &self.signed_out_uri)
            .append_pair("state", "logout-state-1234");
        url.to_string()
    }
}

/// The ID token's `amr`.
pub fn amr(claims: &CoreIdTokenClaims) -> Vec<String> {
    claims
        .auth_method_refs()
        .map(|a| a.iter().map(|m| m.as_str().to_owned()).collect())
        .unwrap_or_default()
}
