//! The composition root: builds every dependency from the settings. The one place that matches
//! on the store backend and on the approach; `serve`, `migrate`, the tests and the benchmarks
//! all come through here.
use super::StartupError;
use crate::clock::SharedClock;
use crate::config::{
    Approach, Backend, MailTransport as TransportKind, RecoveryMethodSetting, Settings,
    StoreSettings,
};
use crate::domain::credential::{FailurePolicy, SendLimits};
use crate::i18n::{Catalogue, SharedCatalogue};
use crate::kratos::KratosClient;
use crate::mail::smtp::SmtpTransport;
use crate::mail::transport::{ConsoleTransport, FileTransport, MailTransport};
use crate::metrics::Metrics;
use crate::secrets::Keys;
use crate::sign_in::{
    AddressChange, AddressChangeConfig, KratosConfig, KratosFlows, KratosMode, MagicLink,
    MagicLinkConfig, RecoveryMethod, SignIn,
};
use crate::store::{
    IpQuota, LocalIpLimits, OpenError, PostgresStore, RedisStore, SqliteStore, StoreObserver,
    Stores,
};
use crate::web::views::Brand;
use secrecy::ExposeSecret;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::Notify;

/// What the server, the mail worker and the purge job are built from.
pub struct Dependencies {
    pub keys: Arc<Keys>,
    /// Where development secrets were generated, when they were.
    pub dev_secrets: Option<PathBuf>,
    pub stores: Stores,
    pub transport: Arc<dyn MailTransport>,
    pub i18n: SharedCatalogue,
    pub sign_in: SignIn,
    /// Changing an account's address, where Iris holds the accounts.
    pub address_change: Option<AddressChange>,
    /// Wakes the mail worker after something is queued.
    pub wake: Arc<Notify>,
    pub brand: Brand,
}

impl Dependencies {
    /// `metrics` receives every store call's latency.
    pub async fn from_settings(
        settings: &Settings,
        clock: SharedClock,
        metrics: Arc<Metrics>,
    ) -> Result<Self, StartupError> {
        let (keys, dev_secrets) = Keys::from_settings(settings)?;
        let keys = Arc::new(keys);
        let redis_latency = Arc::new(crate::metrics::RedisLatency(metrics.clone()));
        let stores = open_stores(&settings.store, ip_quota(settings), redis_latency)
            .await?
            .measured(metrics);
        let i18n = Arc::new(
            Catalogue::new(&settings.i18n.locales, &settings.i18n.default_locale)
                .map_err(|e| StartupError::Config(e.to_string()))?,
        );
        let wake = Arc::new(Notify::new());
        let sign_in = sign_in(settings, &stores, &keys, &clock, &wake)?;
        let address_change = match &sign_in {
            SignIn::MagicLink(m) if m.kratos.is_none() => Some(AddressChange {
                store: stores.address_changes.clone(),
                limits: stores.limits.clone(),
                keys: keys.clone(),
                clock: clock.clone(),
                wake: wake.clone(),
                config: AddressChangeConfig {
                    ttl: m.config.ttl,
                    public_url: m.config.public_url.clone(),
                    limits: m.config.limits,
                    max_attempts: m.config.failures.max_attempts,
                    undo_within: settings.session.address_undo_within,
                },
            }),
            _ => None,
        };
        Ok(Dependencies {
            address_change,
            transport: transport(settings)?,
            brand: Brand {
                product_name: settings.branding.product_name.clone(),
                accent_color: settings.branding.accent_color.clone(),
            },
            keys,
            dev_secrets,
            stores,
            i18n,
            sign_in,
            wake,
        })
    }
}

/// The per-IP limit's rate and burst (`limits.ip_per_minute`, `limits.ip_burst`).
pub fn ip_quota(settings: &Settings) -> IpQuota {
    let per_minute = u64::from(settings.limits.ip_per_minute.max(1));
    IpQuota {
        interval: std::time::Duration::from_nanos((60_000_000_000 / per_minute).max(1)),
        burst: settings.limits.ip_burst,
    }
}

/// Opens the configured backend, bringing its schema up to date, with a handle per store; with
/// `store.redis_url`, the sessions and the per-IP limit are Redis's (its commands timed for
/// `redis_latency`).
pub async fn open_stores(
    settings: &StoreSettings,
    quota: IpQuota,
    redis_latency: Arc<dyn StoreObserver>,
) -> Result<Stores, OpenError> {
    let redis = match &settings.redis_url {
        Some(url) => {
            Some(RedisStore::open(url.expose_secret(), settings.timeout, redis_latency).await?)
        }
        None => None,
    };
    let ip_limits = match &redis {
        Some(redis) => redis.ip_limits(quota),
        None => Arc::new(LocalIpLimits::new(quota).ok_or_else(|| {
            OpenError::Config("limits.ip_per_minute and limits.ip_burst must be at least 1")
        })?),
    };
    let mut stores = match settings.url.backend() {
        Backend::Sqlite => SqliteStore::open(
            settings.url.expose_secret(),
            settings.max_connections,
            settings.timeout,
        )
        .await?
        .stores(ip_limits),
        Backend::Postgres => PostgresStore::open(
            settings.url.expose_secret(),
            settings.max_connections,
            settings.timeout,
        )
        .await?
        .stores(ip_limits),
    };
    if let Some(redis) = redis {
        stores.sessions = redis.sessions();
        stores.health.push(("redis", redis.health()));
    }
    Ok(stores)
}

/// The approach: the only place that tells them apart (then `SignIn` dispatches).
fn sign_in(
    settings: &Settings,
    stores: &Stores,
    keys: &Arc<Keys>,
    clock: &SharedClock,
    wake: &Arc<Notify>,
) -> Result<SignIn, StartupError> {
    let limits = &settings.limits;
    let failures = FailurePolicy {
        max_attempts: limits.code_attempts,
        account_failures: limits.account_failures,
        backoff_max: limits.account_backoff_max,
    };
    let send_limits = SendLimits {
        cooldown: limits.email_cooldown,
        per_hour: limits.email_per_hour,
        per_day: limits.emails_per_day,
    };
    let kratos = match (settings.uses_kratos(), &settings.kratos.public_url) {
        (true, Some(url)) => Some(
            KratosClient::new(
                url.clone(),
                settings.kratos.admin_url.clone(),
                settings.kratos.timeout,
            )
            .map_err(|e| StartupError::Config(format!("kratos.public_url: {e}")))?,
        ),
        (true, None) => return Err(StartupError::Config("kratos.public_url: required".into())),
        (false, _) => None,
    };
    let kratos_flows = |mode, client: KratosClient, code_lifespan| {
        SignIn::Kratos(KratosFlows {
            mode,
            client,
            limits: stores.limits.clone(),
            requests: stores.kratos_requests.clone(),
            keys: keys.clone(),
            clock: clock.clone(),
            config: KratosConfig {
                allow_sign_up: settings.sign_in.allow_sign_up,
                limits: send_limits,
                failures,
                code_lifespan,
                not_me_hold: limits.not_me_hold,
            },
        })
    };
    Ok(match (settings.sign_in.approach, kratos) {
        (Approach::KratosCode, Some(client)) => {
            kratos_flows(KratosMode::Code, client, settings.kratos.code_lifespan)
        }
        (Approach::KratosRecovery, Some(client)) => {
            // A recovery link lives as long as Iris's own links (`iris kratos-config` says
            // so to Kratos); a recovery code as long as Kratos's other codes.
            let (method, lifespan) = match settings.recovery_method() {
                RecoveryMethodSetting::Link => (RecoveryMethod::Link, settings.magic_link.ttl),
                RecoveryMethodSetting::Code => {
                    (RecoveryMethod::Code, settings.kratos.code_lifespan)
                }
            };
            kratos_flows(KratosMode::Recovery(method), client, lifespan)
        }
        (_, kratos) => SignIn::MagicLink(MagicLink {
            store: stores.sign_in.clone(),
            keys: keys.clone(),
            clock: clock.clone(),
            config: MagicLinkConfig {
                ttl: settings.magic_link.ttl,
                allow_sign_up: settings.sign_in.allow_sign_up,
                public_url: settings.server.public_url.clone(),
                limits: send_limits,
                failures,
                not_me_hold: limits.not_me_hold,
            },
            wake: wake.clone(),
            kratos,
        }),
    })
}

fn transport(settings: &Settings) -> Result<Arc<dyn MailTransport>, StartupError> {
    let dir = settings.mail_dir();
    let file = || {
        FileTransport::new(dir.clone())
            .map_err(|e| StartupError::Mail(format!("mail.file_dir {}: {e}", dir.display())))
    };
    Ok(match settings.mail.transport {
        TransportKind::Console => Arc::new(ConsoleTransport(file()?)),
        TransportKind::File => Arc::new(file()?),
        TransportKind::Smtp => {
            let url = settings
                .mail
                .smtp_url
                .as_ref()
                .ok_or_else(|| StartupError::Mail("mail.smtp_url is required".into()))?;
            Arc::new(
                SmtpTransport::from_url(url.expose_secret(), settings.mail.smtp_connections)
                    .map_err(|e| StartupError::Mail(format!("mail.smtp_url: {e}")))?,
            )
        }
    })
}
