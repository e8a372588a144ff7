//! HTTP: the route table, shared state, middleware and handlers.
pub mod binding;
pub mod body;
pub mod client_ip;
pub mod connections;
pub mod csrf;
pub mod finish;
mod handlers;
pub mod known_device;
pub mod rate_limit;
pub mod session;
pub mod session_cache;
pub mod trail;
pub mod views;

use crate::clock::SharedClock;
use crate::domain::ReturnTo;
use crate::i18n::{SharedCatalogue, Tr};
use crate::secrets::Keys;
use crate::sign_in::SignIn;
use crate::store::{OutboxStore, Stores};
use actix_web::{web, HttpRequest};
use std::sync::Arc;
use std::time::Duration;
use url::Url;
use views::{Brand, Ui};

/// Everything handlers share; built once in `startup`.
#[derive(Clone)]
pub struct AppState {
    pub sign_in: SignIn,
    /// Changing an account's address (Iris's own accounts only).
    pub address_change: Option<crate::sign_in::AddressChange>,
    /// Ory Hydra (`hydra.admin_url`), when Iris is its login, consent and logout app.
    pub oauth2: Option<crate::oauth2::OAuth2>,
    /// A session older than this signs in again before changing the address.
    pub reauth_after: Duration,
    /// The handlers' own store use: readiness, the courier's outbox and Kratos requests.
    pub stores: Stores,
    pub keys: Arc<Keys>,
    pub clock: SharedClock,
    pub brand: Brand,
    pub public_url: Url,
    pub secure_cookies: bool,
    pub allowed_return_urls: Vec<Url>,
    pub default_return_url: ReturnTo,
    pub absolute_timeout: Duration,
    /// A session unused this long ends (its stored expiry is the last use plus this).
    pub idle_timeout: Duration,
    /// Wakes the outbox worker after something is queued.
    pub wake: Arc<tokio::sync::Notify>,
    /// Kratos's courier hook, when `secrets.courier_api_key` is set.
    pub courier: Option<CourierHook>,
    /// Peers whose forwarded headers name the client (`server.trusted_proxies`).
    pub trusted_proxies: Arc<Vec<ipnet::IpNet>>,
    /// The message catalogue, limited to `i18n.locales`.
    pub i18n: SharedCatalogue,
    /// Bumped after sessions are ended, so no worker of this instance serves one from its cache.
    pub invalidations: session_cache::Invalidations,
}

#[derive(Clone)]
pub struct CourierHook {
    pub api_key: secrecy::SecretString,
    /// How long a Kratos code lives: no point sending its email later.
    pub code_lifespan: Duration,
    /// How long a Kratos recovery link lives (`magic_link.ttl`, as `iris kratos-config` sets
    /// it): what its email says, and how long it may wait to be sent.
    pub link_lifespan: Duration,
    /// How much of a message is read, and for how long (`limits.max_body`,
    /// `server.body_timeout`).
    pub body: body::BodyRules,
}

impl AppState {
    /// The state one server worker owns (see `SignIn::for_worker`).
    pub fn for_worker(&self) -> AppState {
        AppState {
            sign_in: self.sign_in.for_worker(),
            ..self.clone()
        }
    }

    /// The request's language (its `Accept-Language`).
    pub fn tr(&self, req: &HttpRequest) -> Tr<'_> {
        self.i18n.for_accept_language(
            req.headers()
                .get(actix_web::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        )
    }

    /// What a page needs to render for this request: brand, language, now.
    pub fn ui(&self, req: &HttpRequest) -> Ui<'_> {
        Ui {
            brand: &self.brand,
            tr: self.tr(req),
            now: self.clock.now(),
        }
    }

    /// A submitted `return_to`, or the configured default when it is missing or not allowed.
    pub fn return_to(&self, raw: Option<&str>) -> ReturnTo {
        raw.and_then(|r| ReturnTo::parse(r, &self.public_url, &self.allowed_return_urls))
            .unwrap_or_else(|| self.default_return_url.clone())
    }
}

/// What the metrics listener needs (it serves `/metrics` and nothing else).
pub struct MetricsState {
    pub metrics: Arc<crate::metrics::Metrics>,
    pub outbox: Arc<dyn OutboxStore>,
    pub clock: SharedClock,
    pub emails_per_day: u32,
}

/// The metrics listener's only route.
pub fn metrics_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/metrics").route(get().to(handlers::health::metrics)));
}

/// Kratos's courier delivers here; exempt from the per-IP limit (it is one server).
pub const COURIER_HOOK: &str = "/hooks/kratos/courier";

/// GET, and HEAD wherever GET is answered (same handler; actix sends no body for HEAD).
fn get() -> actix_web::Route {
    web::route().guard(actix_web::guard::Any(actix_web::guard::Get()).or(actix_web::guard::Head()))
}

/// The route table. Every state change is a POST behind CSRF; GET and HEAD only read.
pub fn routes(cfg: &mut web::ServiceConfig) {
    use handlers::{
        account, address, health, kratos_hook, kratos_pages, link, login, not_me, oauth2, pending,
        statics,
    };
    cfg.service(
        web::resource("/login")
            .route(get().to(login::show))
            .route(web::post().to(login::submit)),
    )
    .service(web::resource("/login/check-email").route(get().to(pending::show)))
    .service(web::resource("/login/code").route(web::post().to(pending::submit_code)))
    .service(web::resource("/login/resend").route(web::post().to(pending::resend)))
    .service(
        web::resource("/login/link")
            .route(get().to(link::show))
            .route(web::post().to(link::confirm)),
    )
    .service(web::resource("/login/link/resend").route(web::post().to(link::resend)))
    .service(
        web::resource("/login/not-me")
            .route(get().to(not_me::show))
            .route(web::post().to(not_me::submit)),
    )
    // Kratos's recovery links (`kratos-recovery`, link method) are built on Iris's public URL.
    .service(web::resource("/self-service/recovery").route(get().to(link::show)))
    .service(web::resource("/").route(get().to(account::home)))
    .service(
        web::resource("/logout")
            .route(get().to(oauth2::logout))
            .route(web::post().to(account::logout)),
    )
    .service(web::resource("/logout/app").route(web::post().to(oauth2::decide_logout)))
    .service(web::resource("/login/app").route(get().to(oauth2::elsewhere)))
    .service(
        web::resource("/consent")
            .route(get().to(oauth2::consent))
            .route(web::post().to(oauth2::decide)),
    )
    .service(
        web::resource("/account/email")
            .route(web::get().to(address::form))
            .route(web::post().to(address::start)),
    )
    .service(web::resource("/account/email/check").route(web::get().to(address::check)))
    .service(web::resource("/account/email/code").route(web::post().to(address::code)))
    .service(
        web::resource("/account/email/confirm")
            .route(web::get().to(address::show_confirm))
            .route(web::post().to(address::confirm)),
    )
    .service(
        web::resource("/account/email/undo")
            .route(web::get().to(address::show_undo))
            .route(web::post().to(address::undo)),
    )
    .service(web::resource("/logout/session").route(web::post().to(account::sign_out_one)))
    .service(web::resource("/logout/others").route(web::post().to(account::sign_out_others)))
    .service(
        web::resource("/logout/everywhere").route(web::post().to(account::sign_out_everywhere)),
    )
    .service(web::resource("/sessions/whoami").route(get().to(account::whoami)))
    .service(web::resource("/auth/check").route(get().to(account::auth_check)))
    .service(web::resource("/error").route(get().to(kratos_pages::error)))
    .service(web::resource("/settings").route(get().to(kratos_pages::settings)))
    .service(web::resource("/registration").route(get().to(kratos_pages::registration)))
    .service(web::resource("/recovery").route(get().to(kratos_pages::to_login)))
    .service(web::resource("/verification").route(get().to(kratos_pages::to_login)))
    .service(web::resource(COURIER_HOOK).route(web::post().to(kratos_hook::courier)))
    .service(web::resource("/health/alive").route(get().to(health::alive)))
    .service(web::resource("/health/ready").route(get().to(health::ready)))
    .service(web::resource("/static/iris.css").route(get().to(statics::css)))
    .service(web::resource("/static/theme.css").route(get().to(statics::theme)))
    .service(web::resource("/static/favicon.svg").route(get().to(statics::favicon)));
}
