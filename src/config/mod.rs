//! Typed settings. The only module that reads configuration: figment layers the defaults below,
//! then a TOML file (`--config FILE` or `IRIS_CONFIG`), then `IRIS__SECTION__KEY` env vars.
//! Secrets also accept a `_file` variant (`IRIS__SECRETS__SESSION_KEY_FILE=/run/secrets/k`).
mod database_url;
mod defaults;
mod redis_url;
mod validate;
pub mod yaml;

use figment::providers::{Env, Format, Toml};
use figment::Figment;
use ipnet::IpNet;
use secrecy::SecretString;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;
use url::Url;

pub use database_url::{Backend, DatabaseUrl, DatabaseUrlError};
pub use redis_url::{RedisUrl, RedisUrlError};
pub use validate::{Problem, Severity};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub environment: Environment,
    /// Where the embedded default keeps its database, development secrets and mail files.
    pub data_dir: PathBuf,
    pub server: ServerSettings,
    pub sign_in: SignInSettings,
    pub magic_link: MagicLinkSettings,
    pub store: StoreSettings,
    pub mail: MailSettings,
    pub secrets: SecretSettings,
    pub limits: LimitSettings,
    pub session: SessionSettings,
    pub audit: AuditSettings,
    pub branding: BrandingSettings,
    pub log: LogSettings,
    pub kratos: KratosSettings,
    pub hydra: HydraSettings,
    pub i18n: I18nSettings,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    #[default]
    Development,
    Production,
}

impl Environment {
    /// As written in the config.
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Development => "development",
            Environment::Production => "production",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerSettings {
    pub bind: SocketAddr,
    /// The only source of absolute URLs (emailed links, cookie security); never the Host header.
    pub public_url: Url,
    /// Peers whose `Forwarded` / `X-Forwarded-For` are believed for the client IP.
    pub trusted_proxies: Vec<IpNet>,
    /// HTTP worker threads; 0 means one per core.
    pub workers: usize,
    /// Where Prometheus scrapes `GET /metrics`: a listener of its own, off when unset.
    pub metrics_bind: Option<SocketAddr>,
    /// Operators' JSON endpoints (`/admin/…`, bearer `secrets.admin_token`): a listener of
    /// their own, never the public port; off when unset.
    pub admin_bind: Option<SocketAddr>,
    /// A request's head must arrive within this (actix's `client_request_timeout`; 408 after).
    #[serde(with = "humantime_serde")]
    pub header_timeout: Duration,
    /// And its body within this, counted from when the head arrived (408 and closed after).
    #[serde(with = "humantime_serde")]
    pub body_timeout: Duration,
    /// An idle kept-alive connection is closed after this.
    #[serde(with = "humantime_serde")]
    pub keep_alive: Duration,
    /// How long closing a connection may take (actix's `client_disconnect_timeout`).
    #[serde(with = "humantime_serde")]
    pub disconnect_timeout: Duration,
    /// Open connections per worker; beyond it the listener stops accepting until some close.
    pub max_connections: usize,
    /// Open connections from one client address (an IPv6 /`limits.ipv6_prefix` network counts
    /// as one); more are closed at once. Trusted proxies are exempt.
    pub max_connections_per_ip: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Approach {
    MagicLink,
    KratosCode,
    KratosRecovery,
}

impl Approach {
    /// As written in the config (`sign_in.approach`).
    pub fn as_str(self) -> &'static str {
        match self {
            Approach::MagicLink => "magic-link",
            Approach::KratosCode => "kratos-code",
            Approach::KratosRecovery => "kratos-recovery",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SignInSettings {
    pub approach: Approach,
    pub allow_sign_up: bool,
    pub allowed_return_urls: Vec<Url>,
    pub default_return_url: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MagicLinkSessions {
    Iris,
    /// Kratos owns identities and sessions (needs `kratos.public_url` and `kratos.admin_url`).
    Kratos,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MagicLinkSettings {
    #[serde(with = "humantime_serde")]
    pub ttl: Duration,
    pub sessions: MagicLinkSessions,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StoreSettings {
    /// `sqlite:…` or `postgres://user:password@host/db`; prints with its password masked.
    pub url: DatabaseUrl,
    /// The URL from a file (a mounted secret); overrides `url`.
    pub url_file: Option<PathBuf>,
    /// `redis://…` or `rediss://…`: sessions and the per-IP limit in Redis, shared by every
    /// instance. Unset: sessions in `url`'s database, the per-IP limit per instance.
    pub redis_url: Option<RedisUrl>,
    /// The Redis URL from a file (a mounted secret); overrides `redis_url`.
    pub redis_url_file: Option<PathBuf>,
    pub max_connections: u32,
    #[serde(with = "humantime_serde")]
    pub timeout: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    Console,
    File,
    Smtp,
}

impl MailTransport {
    /// As written in the config (`mail.transport`).
    pub fn as_str(self) -> &'static str {
        match self {
            MailTransport::Console => "console",
            MailTransport::File => "file",
            MailTransport::Smtp => "smtp",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MailSettings {
    pub transport: MailTransport,
    /// `smtps://user:pass@host:465`, `smtp://host:587?tls=required`, or plain `smtp://127.0.0.1:2525`
    /// (plain only to loopback, only outside production).
    pub smtp_url: Option<SecretString>,
    pub smtp_url_file: Option<PathBuf>,
    /// SMTP connections kept open and used at once. Iris opens them itself with TCP_NODELAY
    /// (`mail::smtp`): through lettre's own pool, which leaves Nagle on, each message waited
    /// out the relay's delayed ACK (~40 ms), about 16-22 messages per second per connection.
    pub smtp_connections: u32,
    pub from: String,
    /// Where `file` and `console` transports write `.eml` files; defaults to `{data_dir}/mail`.
    pub file_dir: Option<PathBuf>,
    /// First retry delay after a temporary SMTP failure; doubles up to `retry_max`.
    #[serde(with = "humantime_serde")]
    pub retry_base: Duration,
    #[serde(with = "humantime_serde")]
    pub retry_max: Duration,
    /// How long a mail worker holds the emails it claimed before another worker (of this
    /// instance or another) may take them over: a crashed instance's emails wait this long.
    /// Longer than sending one batch can take, or a slow batch is sent twice.
    #[serde(with = "humantime_serde")]
    pub lease: Duration,
    /// Development only (production refuses it): allow plain SMTP to a non-loopback host, for
    /// a mail catcher on a container network.
    pub insecure_plain_smtp: bool,
}

#[derive(Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SecretSettings {
    /// The first key signs; every key verifies (rotation).
    pub hmac_keys: Vec<SecretString>,
    /// One key per line.
    pub hmac_keys_file: Option<PathBuf>,
    pub session_key: Option<SecretString>,
    pub session_key_file: Option<PathBuf>,
    /// The key Kratos's courier sends (header `X-Api-Key`) to `POST /hooks/kratos/courier`.
    pub courier_api_key: Option<SecretString>,
    pub courier_api_key_file: Option<PathBuf>,
    /// The bearer token of the admin listener (`server.admin_bind`).
    pub admin_token: Option<SecretString>,
    pub admin_token_file: Option<PathBuf>,
    /// A bearer token Iris sends Hydra's admin API (`hydra.admin_url`), when a gateway
    /// protects it.
    pub hydra_admin_token: Option<SecretString>,
    pub hydra_admin_token_file: Option<PathBuf>,
}

impl std::fmt::Debug for SecretSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "SecretSettings {{ hmac_keys: [{} hidden], .. }}",
            self.hmac_keys.len()
        )
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimitSettings {
    /// Per client IP, on every POST: a burst, then this many per minute.
    pub ip_per_minute: u32,
    pub ip_burst: u32,
    /// IPv6 clients count per network of this many bits (a /64 is usually one host).
    pub ipv6_prefix: u8,
    /// Per canonical email: at most one email per cooldown, and so many per hour.
    #[serde(with = "humantime_serde")]
    pub email_cooldown: Duration,
    pub email_per_hour: u32,
    /// Sign-in emails accepted per UTC day, all addresses together: past it, Iris asks for no
    /// more (a 503 page and an alert in the log) until midnight UTC. Guards the mail quota
    /// against a mailbomb spread over many addresses and IPs (SECURITY.md item 16).
    pub emails_per_day: u32,
    /// Wrong codes allowed per emailed credential before it is void.
    pub code_attempts: u32,
    /// Wrong codes/links per account (across credentials) before back-off starts.
    pub account_failures: u32,
    #[serde(with = "humantime_serde")]
    pub account_backoff_max: Duration,
    /// After "this wasn't me", the address is held with the failure back-off this long: only
    /// known devices may ask for its sign-in emails meanwhile.
    #[serde(with = "humantime_serde")]
    pub not_me_hold: Duration,
    /// Largest accepted form body, in bytes.
    pub max_body: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SessionSettings {
    #[serde(with = "humantime_serde")]
    pub idle_timeout: Duration,
    #[serde(with = "humantime_serde")]
    pub absolute_timeout: Duration,
    /// A session older than this signs in again before changing the account's address.
    #[serde(with = "humantime_serde")]
    pub reauth_after: Duration,
    /// How long the old address's "this wasn't me" link can undo an address change.
    #[serde(with = "humantime_serde")]
    pub address_undo_within: Duration,
}

/// The recent-activity trail (the account page, `GET /admin/accounts/{id}/trail`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AuditSettings {
    /// How long trail events are kept; the purge job deletes older ones.
    #[serde(with = "humantime_serde")]
    pub retention: Duration,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BrandingSettings {
    pub product_name: String,
    /// A CSS colour for buttons and links, e.g. `#3b5bdb`.
    pub accent_color: String,
}

/// Where Ory Kratos answers, for the Kratos approaches and `iris kratos-config`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KratosSettings {
    /// Kratos's public API as the browser reaches it (shares cookies with `server.public_url`).
    pub public_url: Option<Url>,
    /// Kratos's admin API (never exposed to browsers).
    pub admin_url: Option<Url>,
    /// How long Iris waits for Kratos before answering 503.
    #[serde(with = "humantime_serde")]
    pub timeout: Duration,
    /// Where Kratos's courier reaches Iris, when that differs from `server.public_url` (e.g.
    /// `http://iris:4455` on a container network).
    pub courier_base_url: Option<Url>,
    /// Lifetime of Kratos's login and registration codes (at most 10m in production, 15m elsewhere).
    #[serde(with = "humantime_serde")]
    pub code_lifespan: Duration,
    /// `kratos-recovery` only: what Kratos emails, a link (the default) or a code.
    pub recovery_method: Option<RecoveryMethodSetting>,
}

/// Ory Hydra, for which Iris is the login, consent and logout app (`iris hydra-config`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HydraSettings {
    /// Hydra's admin API (never exposed to browsers).
    pub admin_url: Option<Url>,
    /// How long Iris waits for Hydra before answering 503.
    #[serde(with = "humantime_serde")]
    pub timeout: Duration,
    /// How long Hydra remembers a login (`remember_for`); unset: as long as Iris's session
    /// lives (`session.absolute_timeout`).
    #[serde(with = "humantime_serde")]
    pub remember_for: Option<Duration>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecoveryMethodSetting {
    Link,
    Code,
}

impl RecoveryMethodSetting {
    pub fn as_str(self) -> &'static str {
        match self {
            RecoveryMethodSetting::Link => "link",
            RecoveryMethodSetting::Code => "code",
        }
    }
}

impl Settings {
    /// `kratos.recovery_method`, defaulting to `link` (the emailed link the approach is known for).
    pub fn recovery_method(&self) -> RecoveryMethodSetting {
        self.kratos
            .recovery_method
            .unwrap_or(RecoveryMethodSetting::Link)
    }

    /// Does Kratos take part (a Kratos approach, or Kratos sessions for the magic link)?
    pub fn uses_kratos(&self) -> bool {
        self.sign_in.approach != Approach::MagicLink
            || self.magic_link.sessions == MagicLinkSessions::Kratos
    }
}

/// Languages of pages and emails.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct I18nSettings {
    /// Languages offered (shipped tags: en, de, es, fi, fr, nl, pl, pt, ru, sv); default: all.
    pub locales: Vec<String>,
    /// For browsers that ask for none of them, and for messages a catalogue lacks.
    pub default_locale: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogSettings {
    pub format: LogFormat,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0}")]
    Parse(String),
    #[error("{}", .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Problem>),
}

impl Settings {
    /// Layers file and environment over the defaults, then resolves `_file` secrets.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        let mut figment = Figment::new();
        if let Some(file) = file {
            if !file.exists() {
                return Err(ConfigError::Parse(format!(
                    "config file {}: not found",
                    file.display()
                )));
            }
            figment = figment.merge(Toml::file(file));
        }
        figment = figment.merge(Env::prefixed("IRIS__").split("__"));
        let mut settings: Settings = figment.extract().map_err(|errors| {
            ConfigError::Parse(
                errors
                    .into_iter()
                    .map(|e| format!("error: {}: {}", e.path.join("."), e.kind))
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        })?;
        settings.resolve_secret_files()?;
        Ok(settings)
    }

    fn resolve_secret_files(&mut self) -> Result<(), ConfigError> {
        let read = |key: &str, path: &Path| {
            std::fs::read_to_string(path).map_err(|e| {
                ConfigError::Parse(format!("error: {key}: cannot read {}: {e}", path.display()))
            })
        };
        if let Some(path) = &self.secrets.session_key_file {
            let text = read("secrets.session_key_file", path)?;
            self.secrets.session_key = Some(text.trim().to_owned().into());
        }
        if let Some(path) = &self.secrets.hmac_keys_file {
            let text = read("secrets.hmac_keys_file", path)?;
            self.secrets.hmac_keys = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| l.to_owned().into())
                .collect();
        }
        if let Some(path) = &self.secrets.admin_token_file {
            let text = read("secrets.admin_token_file", path)?;
            self.secrets.admin_token = Some(text.trim().to_owned().into());
        }
        if let Some(path) = &self.secrets.hydra_admin_token_file {
            let text = read("secrets.hydra_admin_token_file", path)?;
            self.secrets.hydra_admin_token = Some(text.trim().to_owned().into());
        }
        if let Some(path) = &self.secrets.courier_api_key_file {
            let text = read("secrets.courier_api_key_file", path)?;
            self.secrets.courier_api_key = Some(text.trim().to_owned().into());
        }
        if let Some(path) = &self.mail.smtp_url_file {
            let text = read("mail.smtp_url_file", path)?;
            self.mail.smtp_url = Some(text.trim().to_owned().into());
        }
        if let Some(path) = &self.store.url_file {
            let text = read("store.url_file", path)?;
            // SECURITY: the error says what is wrong, never the file's text (a password).
            self.store.url = text
                .trim()
                .parse()
                .map_err(|e| ConfigError::Parse(format!("error: store.url_file: {e}")))?;
        }
        if let Some(path) = &self.store.redis_url_file {
            let text = read("store.redis_url_file", path)?;
            // SECURITY: as above, the error never repeats the file's text.
            self.store.redis_url =
                Some(text.trim().parse().map_err(|e| {
                    ConfigError::Parse(format!("error: store.redis_url_file: {e}"))
                })?);
        }
        Ok(())
    }

    pub fn is_production(&self) -> bool {
        self.environment == Environment::Production
    }

    pub fn mail_dir(&self) -> PathBuf {
        self.mail
            .file_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("mail"))
    }

    /// Cookies get `Secure` and the `__Host-` prefix exactly when the public URL is https.
    pub fn secure_cookies(&self) -> bool {
        self.server.public_url.scheme() == "https"
    }
}
