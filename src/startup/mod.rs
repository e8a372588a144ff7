//! Wiring: builds the server, the mail worker and the purge job from `deps::Dependencies`
//! (the only place that matches on the approach and the store backend).
mod deps;

pub use deps::{ip_quota, open_stores, Dependencies};

use crate::admin::AdminState;
use crate::clock::{SharedClock, SystemClock};
use crate::config::{MailTransport as TransportKind, Settings, Severity};
use crate::domain::ReturnTo;
use crate::mail::worker::{Worker, WorkerSettings};
use crate::metrics::Metrics;
use crate::store::Purger;
use crate::telemetry::IrisRootSpan;
use crate::web::body::{read_bodies_in_time, BodyRules};
use crate::web::connections::{mark_requests, ConnectionCap};
use crate::web::rate_limit::{limit_per_ip, ClientIpKey, PerIpLimit};
use crate::web::session::{self, ServerSessions};
use crate::web::session_cache::Invalidations;
use crate::web::views::Brand;
use crate::web::{finish::finish, metrics_routes, routes, AppState, CourierHook, MetricsState};
use actix_session::config::{CookieContentSecurity, PersistentSession, TtlExtensionPolicy};
use actix_session::SessionMiddleware;
use actix_web::cookie::{time::Duration as CookieDuration, SameSite};
use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpResponse, HttpServer};
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use tokio::sync::watch;
use tracing_actix_web::TracingLogger;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("invalid configuration:\n{0}")]
    Config(String),
    #[error(transparent)]
    Keys(#[from] crate::secrets::KeysError),
    #[error(transparent)]
    Store(#[from] crate::store::OpenError),
    #[error("mail: {0}")]
    Mail(String),
    #[error("server.bind: {0}")]
    Bind(#[source] std::io::Error),
    #[error("server.metrics_bind: {0}")]
    MetricsBind(#[source] std::io::Error),
    #[error("server.admin_bind: {0}")]
    AdminBind(#[source] std::io::Error),
}

pub struct Application {
    port: u16,
    server: Server,
    /// The `/metrics` listener, when `server.metrics_bind` is set: its port and its server.
    metrics: Option<(u16, Server)>,
    /// The admin listener, when `server.admin_bind` is set: its port and its server.
    admin: Option<(u16, Server)>,
    /// Dropping it (with the `Application`) stops the mail worker's thread.
    _stop_worker: watch::Sender<bool>,
}

impl Application {
    /// Builds from settings alone: binds `server.bind`, system clock. `metrics` is the set the
    /// log's event counter feeds (`telemetry::init`).
    pub async fn build(settings: Settings, metrics: Arc<Metrics>) -> Result<Self, StartupError> {
        // Config problems are reported before anything is bound or opened.
        check(&settings)?;
        let listener = TcpListener::bind(settings.server.bind).map_err(StartupError::Bind)?;
        Self::build_with(settings, listener, Arc::new(SystemClock), metrics).await
    }

    /// Builds on an already bound listener with the given clock (tests bind port 0 first so the
    /// public URL can name the port). Its metrics count no log events.
    pub async fn build_on(
        settings: Settings,
        listener: TcpListener,
        clock: SharedClock,
    ) -> Result<Self, StartupError> {
        Self::build_with(settings, listener, clock, Arc::new(Metrics::new())).await
    }

    async fn build_with(
        settings: Settings,
        listener: TcpListener,
        clock: SharedClock,
        metrics: Arc<Metrics>,
    ) -> Result<Self, StartupError> {
        check(&settings)?;
        let Dependencies {
            keys,
            address_change,
            dev_secrets,
            stores,
            transport,
            i18n,
            sign_in,
            wake,
            brand,
        } = Dependencies::from_settings(&settings, clock.clone(), metrics.clone()).await?;
        let worker = Worker {
            outbox: stores.outbox.clone(),
            transport,
            keys: keys.clone(),
            clock: clock.clone(),
            settings: worker_settings(&settings, &brand)?,
            i18n: i18n.clone(),
            wake: wake.clone(),
        };
        let purger = Purger {
            stores: stores.clone(),
            clock: clock.clone(),
            retention: settings.audit.retention,
        };
        let limits = &settings.limits;
        let secure = settings.secure_cookies();
        let body_rules = BodyRules {
            timeout: settings.server.body_timeout,
            max_body: settings.limits.max_body,
        };
        let trusted_proxies = Arc::new(settings.server.trusted_proxies.clone());
        // Each worker caches sessions for a second (`web::session_cache`); a sign-out on any
        // of this instance's workers voids every worker's cache at once through this counter.
        let invalidations = Invalidations::default();
        let oauth2 = match &settings.hydra.admin_url {
            Some(url) => Some(crate::oauth2::OAuth2::new(
                crate::hydra::HydraAdmin::new(
                    url.clone(),
                    settings.hydra.timeout,
                    settings.secrets.hydra_admin_token.as_ref(),
                )
                .map_err(|e| StartupError::Config(format!("hydra.admin_url: {e}")))?,
                settings
                    .hydra
                    .remember_for
                    .unwrap_or(settings.session.absolute_timeout),
                keys.clone(),
            )),
            None => None,
        };
        let state = AppState {
            oauth2,
            invalidations: invalidations.clone(),
            sign_in,
            stores: stores.clone(),
            keys: keys.clone(),
            clock: clock.clone(),
            brand: brand.clone(),
            public_url: settings.server.public_url.clone(),
            secure_cookies: secure,
            default_return_url: ReturnTo::trusted(settings.sign_in.default_return_url.clone()),
            allowed_return_urls: settings.sign_in.allowed_return_urls.clone(),
            absolute_timeout: settings.session.absolute_timeout,
            idle_timeout: settings.session.idle_timeout,
            reauth_after: settings.session.reauth_after,
            address_change,
            wake: wake.clone(),
            courier: settings
                .secrets
                .courier_api_key
                .clone()
                .map(|api_key| CourierHook {
                    api_key,
                    code_lifespan: settings.kratos.code_lifespan,
                    link_lifespan: settings.magic_link.ttl,
                    body: body_rules,
                }),
            trusted_proxies: trusted_proxies.clone(),
            i18n,
        };

        let per_ip = PerIpLimit {
            limits: stores.ip_limits.clone(),
            key: ClientIpKey {
                trusted_proxies: trusted_proxies.clone(),
                ipv6_prefix: limits.ipv6_prefix,
                courier_api_key: settings.secrets.courier_api_key.clone(),
            },
        };
        let idle = CookieDuration::seconds(settings.session.idle_timeout.as_secs() as i64);
        let cookie_key = keys.cookie_key().clone();
        let max_body = limits.max_body;

        let metrics_state = settings.server.metrics_bind.map(|addr| {
            let state = MetricsState {
                metrics: metrics.clone(),
                outbox: stores.outbox.clone(),
                clock: clock.clone(),
                emails_per_day: limits.emails_per_day,
            };
            (addr, state)
        });
        let port = listener.local_addr().map_err(StartupError::Bind)?.port();
        let connections = ConnectionCap::new(
            settings.server.max_connections_per_ip,
            limits.ipv6_prefix,
            trusted_proxies.clone(),
            metrics.clone(),
            settings.server.keep_alive + settings.server.header_timeout,
        );
        let srv = &settings.server;
        let admin_state = match (settings.server.admin_bind, &settings.secrets.admin_token) {
            (Some(addr), Some(token)) => Some((
                addr,
                AdminState {
                    sign_in: stores.sign_in.clone(),
                    limits: stores.limits.clone(),
                    sessions: stores.sessions.clone(),
                    trail: stores.trail.clone(),
                    invalidations: invalidations.clone(),
                    clock: clock.clone(),
                    token: token.clone(),
                },
            )),
            _ => None,
        };
        let mut server = HttpServer::new(move || {
            let sessions = SessionMiddleware::builder(
                ServerSessions::new(
                    stores.sessions.clone(),
                    clock.clone(),
                    invalidations.clone(),
                ),
                cookie_key.clone(),
            )
            .cookie_name(session::cookie_name(secure).to_owned())
            .cookie_secure(secure)
            .cookie_http_only(true)
            .cookie_same_site(SameSite::Lax)
            .cookie_path("/".to_owned())
            .cookie_content_security(CookieContentSecurity::Signed)
            .session_lifecycle(
                PersistentSession::default()
                    .session_ttl(idle)
                    .session_ttl_extension_policy(TtlExtensionPolicy::OnEveryRequest),
            )
            .build();
            App::new()
                .app_data(web::Data::new(state.for_worker()))
                .app_data(web::Data::new(body_rules))
                .app_data(web::Data::new(per_ip.clone()))
                .app_data(web::FormConfig::default().limit(max_body))
                .app_data(web::PayloadConfig::default().limit(max_body))
                .configure(routes)
                .default_service(web::to(HttpResponse::NotFound))
                // Inside the per-IP limit: a flood of slow bodies meets the limit first.
                .wrap(from_fn(read_bodies_in_time))
                .wrap(from_fn(limit_per_ip))
                .wrap(sessions)
                .wrap(from_fn(finish))
                .wrap(TracingLogger::<IrisRootSpan>::new())
                .wrap(from_fn(mark_requests))
        })
        // Every connection has a bounded life (issue 8): its head, its body (the middleware
        // above), its idle keep-alive and its closing each have a deadline, and one client
        // address holds a bounded number of them.
        .client_request_timeout(srv.header_timeout)
        .keep_alive(srv.keep_alive)
        .client_disconnect_timeout(srv.disconnect_timeout)
        .max_connections(srv.max_connections)
        .on_connect(move |conn, ext| connections.on_connect(conn, ext))
        .listen(listener)
        .map_err(StartupError::Bind)?;
        if settings.server.workers > 0 {
            server = server.workers(settings.server.workers);
        }
        let server = server.disable_signals().run();
        let metrics = match metrics_state {
            Some((addr, state)) => {
                let server = side_server(addr, state, metrics_routes, StartupError::MetricsBind)?;
                tracing::info!("metrics on http://{addr}/metrics");
                Some(server)
            }
            None => None,
        };
        let admin = match admin_state {
            Some((addr, state)) => {
                let server =
                    side_server(addr, state, crate::admin::routes, StartupError::AdminBind)?;
                tracing::info!("admin endpoints on http://{addr}/admin/");
                Some(server)
            }
            None => None,
        };

        // In the config's own spelling, so an operator can search for what the log says.
        tracing::info!(
            "Iris listening on {} (approach: {}, environment: {})",
            settings.server.public_url,
            settings.sign_in.approach.as_str(),
            settings.environment.as_str()
        );
        tracing::info!("database: {}", settings.store.url);
        match settings.mail.transport {
            TransportKind::Smtp => tracing::info!("mail: smtp"),
            kind => tracing::info!(
                "mail: {}; copies as .eml files in {}",
                kind.as_str(),
                settings.mail_dir().display()
            ),
        }
        tracing::info!(
            "languages: {} (default: {})",
            settings.i18n.locales.join(", "),
            settings.i18n.default_locale
        );
        if let Some(path) = dev_secrets {
            tracing::info!(
                "development secrets: {} (generated once, kept there)",
                path.display()
            );
        }
        // The worker renders and sends mail on a thread of its own, so that work never competes
        // with the runtime that serves requests or issues credentials; the purge job runs there too.
        let (stop_worker, stop) = watch::channel(false);
        std::thread::Builder::new()
            .name("iris-mail".into())
            .spawn(move || {
                match tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt.block_on(async move {
                        tokio::join!(worker.run(stop.clone()), purger.run(stop));
                    }),
                    Err(e) => tracing::error!(error = %e, "cannot start the mail worker"),
                }
            })
            .map_err(|e| StartupError::Mail(format!("cannot start the mail worker: {e}")))?;
        Ok(Self {
            port,
            server,
            metrics,
            admin,
            _stop_worker: stop_worker,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The metrics listener's port, when there is one.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics.as_ref().map(|(port, _)| *port)
    }

    /// The admin listener's port, when there is one.
    pub fn admin_port(&self) -> Option<u16> {
        self.admin.as_ref().map(|(port, _)| *port)
    }

    /// Serves until the server stops (Ctrl-C / SIGTERM in `main`); the metrics and admin
    /// listeners stop with it, and the mail worker with the `Application`.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let side: Vec<Server> = [self.metrics, self.admin]
            .into_iter()
            .flatten()
            .map(|(_, server)| server)
            .collect();
        let handles: Vec<_> = side.iter().map(|s| s.handle()).collect();
        let running: Vec<_> = side.into_iter().map(tokio::spawn).collect();
        let result = self.server.await;
        for handle in handles {
            handle.stop(true).await;
        }
        for task in running {
            let _ = task.await;
        }
        result
    }

    /// A handle to stop the server gracefully.
    pub fn server_handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }
}

/// A listener of its own with one worker, never the public port, serving `routes` with `state`
/// (the metrics scrape, the admin endpoints). `bind_error` names the setting in errors.
fn side_server<S: Send + Sync + 'static>(
    addr: SocketAddr,
    state: S,
    routes: fn(&mut web::ServiceConfig),
    bind_error: fn(std::io::Error) -> StartupError,
) -> Result<(u16, Server), StartupError> {
    let listener = TcpListener::bind(addr).map_err(bind_error)?;
    let port = listener.local_addr().map_err(bind_error)?.port();
    let state = web::Data::new(state);
    let server = HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .configure(routes)
            .default_service(web::to(HttpResponse::NotFound))
    })
    .workers(1)
    .listen(listener)
    .map_err(bind_error)?
    .disable_signals()
    .run();
    Ok((port, server))
}

/// Refuses settings with any error-level problem, naming every key.
fn check(settings: &Settings) -> Result<(), StartupError> {
    let errors: Vec<String> = settings
        .problems()
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StartupError::Config(errors.join("\n")))
    }
}

fn worker_settings(settings: &Settings, brand: &Brand) -> Result<WorkerSettings, StartupError> {
    Ok(WorkerSettings {
        from: settings
            .mail
            .from
            .parse()
            .map_err(|_| StartupError::Mail("mail.from does not parse".into()))?,
        message_id_host: settings
            .server
            .public_url
            .host_str()
            .unwrap_or("localhost")
            .to_owned(),
        product_name: brand.product_name.clone(),
        accent_color: brand.accent_color.clone(),
        retry_base: settings.mail.retry_base,
        retry_max: settings.mail.retry_max,
        lease: settings.mail.lease,
    })
}
