//! `iris check-config` and `iris serve` share these checks: every problem names its key.
use super::{MailTransport, Settings};
use crate::domain::ReturnTo;
use secrecy::ExposeSecret;
use std::fmt;
use std::time::Duration;
use url::{Host, Url};

/// Shortest accepted secret: 32 bytes = 256 bits (SECURITY.md item 8).
pub const MIN_SECRET_LEN: usize = 32;
const MAX_TTL: Duration = Duration::from_secs(15 * 60);
/// SECURITY.md items 3 and 55: links and codes live at most 10 minutes in production.
const MAX_PROD_TTL: Duration = Duration::from_secs(10 * 60);
/// `audit.retention`: long enough for "recent activity" to mean something, short enough that
/// the trail stays a trail and not an archive.
const MIN_RETENTION: Duration = Duration::from_secs(24 * 3600);
const MAX_RETENTION: Duration = Duration::from_secs(3650 * 24 * 3600);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub key: &'static str,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: {}: {}", self.key, self.reason)
    }
}

impl Settings {
    /// Every problem with these settings; `serve` refuses to start on any `Error`.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let prod = self.is_production();
        let mut err = |key, reason: String| {
            out.push(Problem {
                severity: Severity::Error,
                key,
                reason,
            })
        };

        let public = &self.server.public_url;
        if !matches!(public.scheme(), "http" | "https") || public.host().is_none() {
            err(
                "server.public_url",
                "must be an http(s) URL with a host".into(),
            );
        }
        if public.query().is_some() || public.fragment().is_some() || public.path() != "/" {
            err(
                "server.public_url",
                "must be an origin only, like https://login.example.com".into(),
            );
        }
        if prod && public.scheme() != "https" {
            err("server.public_url", "must be https in production".into());
        }
        for url in &self.sign_in.allowed_return_urls {
            if !matches!(url.scheme(), "http" | "https") {
                err(
                    "sign_in.allowed_return_urls",
                    format!("{url} is not an http(s) URL"),
                );
            } else if prod && url.scheme() != "https" {
                err(
                    "sign_in.allowed_return_urls",
                    format!("{url} must be https in production"),
                );
            }
        }
        let default_ok = ReturnTo::parse(
            &self.sign_in.default_return_url,
            public,
            &self.sign_in.allowed_return_urls,
        )
        .is_some();
        if !default_ok {
            err(
                "sign_in.default_return_url",
                "must be a path like /account or a URL under sign_in.allowed_return_urls".into(),
            );
        }

        let ttl = self.magic_link.ttl;
        if ttl < Duration::from_secs(30) {
            err("magic_link.ttl", "must be at least 30s".into());
        }
        if ttl > MAX_TTL || (prod && ttl > MAX_PROD_TTL) {
            err(
                "magic_link.ttl",
                "must be at most 10m in production (15m elsewhere)".into(),
            );
        }

        if self.store.max_connections == 0 {
            err("store.max_connections", "must be at least 1".into());
        }

        match self.mail.transport {
            MailTransport::Smtp => match &self.mail.smtp_url {
                None => err(
                    "mail.smtp_url",
                    "required when mail.transport = \"smtp\"".into(),
                ),
                Some(url) => {
                    let plain_ok = self.mail.insecure_plain_smtp && !prod;
                    if let Err(reason) = check_smtp_url(url.expose_secret(), prod, plain_ok) {
                        err("mail.smtp_url", reason);
                    }
                }
            },
            MailTransport::Console | MailTransport::File if prod => {
                err("mail.transport", "must be \"smtp\" in production".into())
            }
            _ => {}
        }
        if self.mail.from.parse::<lettre::message::Mailbox>().is_err() {
            err(
                "mail.from",
                "must be an address like \"Iris <login@example.com>\"".into(),
            );
        }
        if prod && self.mail.insecure_plain_smtp {
            err(
                "mail.insecure_plain_smtp",
                "not allowed in production".into(),
            );
        }
        // One SMTP command may take 15 s (the transport's timeout) before it fails.
        if self.mail.lease < Duration::from_secs(5) {
            err(
                "mail.lease",
                "must be at least 5s (longer than sending a batch of emails can take)".into(),
            );
        }
        if self.mail.retry_base.is_zero() || self.mail.retry_base > self.mail.retry_max {
            err(
                "mail.retry_base",
                "must be above zero and at most mail.retry_max".into(),
            );
        }

        match (&self.secrets.hmac_keys[..], prod) {
            ([], true) => err("secrets.hmac_keys", "required in production".into()),
            (keys, _) => {
                if keys
                    .iter()
                    .any(|k| k.expose_secret().len() < MIN_SECRET_LEN)
                {
                    err(
                        "secrets.hmac_keys",
                        format!("every key must be at least {MIN_SECRET_LEN} bytes"),
                    );
                }
            }
        }
        match (&self.secrets.session_key, prod) {
            (None, true) => err("secrets.session_key", "required in production".into()),
            (Some(k), _) if k.expose_secret().len() < MIN_SECRET_LEN => err(
                "secrets.session_key",
                format!("must be at least {MIN_SECRET_LEN} bytes"),
            ),
            _ => {}
        }

        let l = &self.limits;
        for (key, value) in [
            ("limits.ip_per_minute", l.ip_per_minute),
            ("limits.ip_burst", l.ip_burst),
            ("limits.email_per_hour", l.email_per_hour),
            ("limits.emails_per_day", l.emails_per_day),
            ("mail.smtp_connections", self.mail.smtp_connections),
            ("limits.code_attempts", l.code_attempts),
            ("limits.account_failures", l.account_failures),
        ] {
            if value == 0 {
                err(key, "must be at least 1".into());
            }
        }
        if l.max_body < 1024 {
            err("limits.max_body", "must be at least 1024 bytes".into());
        }

        let k = &self.kratos;
        let approach = self.sign_in.approach;
        let kratos_sessions = self.magic_link.sessions == super::MagicLinkSessions::Kratos;
        let uses = if kratos_sessions && approach == super::Approach::MagicLink {
            "magic_link.sessions = \"kratos\"".to_owned()
        } else {
            format!("sign_in.approach = \"{}\"", approach.as_str())
        };
        if self.uses_kratos() && k.public_url.is_none() {
            err("kratos.public_url", format!("required for {uses}"));
        }
        // Sign-up without Kratos's admin API is impossible for recovery (recovery cannot
        // register) and for Kratos sessions (Iris creates the identity).
        let needs_admin = (approach == super::Approach::KratosRecovery
            && self.sign_in.allow_sign_up)
            || (approach == super::Approach::MagicLink && kratos_sessions);
        if needs_admin && k.admin_url.is_none() {
            err(
                "kratos.admin_url",
                format!("required for {uses} (Iris creates identities and, for Kratos sessions, signs them in through it)"),
            );
        }
        if approach != super::Approach::KratosRecovery && k.recovery_method.is_some() {
            err(
                "kratos.recovery_method",
                format!("only for sign_in.approach = \"kratos-recovery\" (this is {uses})"),
            );
        }
        if kratos_sessions && approach != super::Approach::MagicLink {
            err(
                "magic_link.sessions",
                "only for sign_in.approach = \"magic-link\" (the Kratos approaches always use Kratos's sessions)".into(),
            );
        }
        for (key, url) in [
            ("kratos.public_url", &k.public_url),
            ("kratos.admin_url", &k.admin_url),
        ] {
            if let Some(url) = url {
                if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
                    err(key, "must be an http(s) URL with a host".into());
                }
            }
        }
        if k.timeout.is_zero() || k.timeout > Duration::from_secs(60) {
            err("kratos.timeout", "must be between 1ms and 60s".into());
        }
        let h = &self.hydra;
        if let Some(url) = &h.admin_url {
            if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
                err(
                    "hydra.admin_url",
                    "must be an http(s) URL with a host".into(),
                );
            }
        }
        if h.admin_url.is_some() && self.uses_kratos() && k.admin_url.is_none() {
            err(
                "kratos.admin_url",
                "is needed with hydra.admin_url: every consent carries the identity's address, \
                 read from Kratos's admin API"
                    .into(),
            );
        }
        if self.secrets.hydra_admin_token.is_some() && h.admin_url.is_none() {
            err(
                "secrets.hydra_admin_token",
                "is set but hydra.admin_url is not".into(),
            );
        }
        if h.timeout.is_zero() || h.timeout > Duration::from_secs(60) {
            err("hydra.timeout", "must be between 1ms and 60s".into());
        }
        if h.remember_for.is_some_and(|r| r < Duration::from_secs(1)) {
            err(
                "hydra.remember_for",
                "must be at least 1s: Hydra reads 0 as \"as long as the browser runs\", which \
                 could outlast Iris's session"
                    .into(),
            );
        }
        if h.remember_for
            .is_some_and(|r| r > self.session.absolute_timeout)
        {
            err(
                "hydra.remember_for",
                "must be at most session.absolute_timeout: Hydra must not remember a login \
                 longer than Iris's session lasts"
                    .into(),
            );
        }
        if k.code_lifespan < Duration::from_secs(1)
            || k.code_lifespan > MAX_TTL
            || (prod && k.code_lifespan > MAX_PROD_TTL)
        {
            err(
                "kratos.code_lifespan",
                "must be between 1s and 10m in production (15m elsewhere)".into(),
            );
        }
        match (self.server.admin_bind, &self.secrets.admin_token) {
            (Some(_), None) => err(
                "secrets.admin_token",
                "required with server.admin_bind (the admin listener's bearer token)".into(),
            ),
            (_, Some(token)) if token.expose_secret().len() < MIN_SECRET_LEN => err(
                "secrets.admin_token",
                format!("must be at least {MIN_SECRET_LEN} bytes"),
            ),
            _ => {}
        }
        if let Some(key) = &self.secrets.courier_api_key {
            if key.expose_secret().len() < MIN_SECRET_LEN {
                err(
                    "secrets.courier_api_key",
                    format!("must be at least {MIN_SECRET_LEN} bytes"),
                );
            }
        }
        let cookie_warning = k
            .public_url
            .as_ref()
            .and_then(|kratos| cookie_sharing_problem(public, kratos));

        let s = &self.session;
        if s.idle_timeout.is_zero() || s.idle_timeout > s.absolute_timeout {
            err(
                "session.idle_timeout",
                "must be above zero and at most session.absolute_timeout".into(),
            );
        }
        if s.reauth_after.is_zero() {
            err("session.reauth_after", "must be above zero".into());
        }
        if s.address_undo_within < Duration::from_secs(24 * 3600) {
            err(
                "session.address_undo_within",
                "must be at least a day: the old address's owner may read the notice late".into(),
            );
        }
        let retention = self.audit.retention;
        if retention < MIN_RETENTION || retention > MAX_RETENTION {
            err(
                "audit.retention",
                "must be between 1d (the account page shows recent activity) and 3650d".into(),
            );
        }
        if self.branding.product_name.trim().is_empty() {
            err("branding.product_name", "must not be empty".into());
        }
        match crate::domain::colour::Rgb::parse(&self.branding.accent_color) {
            None => err(
                "branding.accent_color",
                "must be a colour like #3b5bdb".into(),
            ),
            Some(accent) => {
                use crate::domain::colour::{LIGHT_CARD, MIN_CONTRAST};
                let ratio = accent.contrast(LIGHT_CARD);
                if ratio < MIN_CONTRAST {
                    // The dark scheme needs no check: Iris lightens the colour there itself.
                    err(
                        "branding.accent_color",
                        format!(
                            "{} reaches {ratio:.1}:1 against white (the card behind links, \
                             the text on buttons); it needs at least {MIN_CONTRAST}:1, so pick a darker shade",
                            accent.hex()
                        ),
                    );
                }
            }
        }
        let srv = &self.server;
        for (key, value) in [
            ("server.header_timeout", srv.header_timeout),
            ("server.body_timeout", srv.body_timeout),
            ("server.keep_alive", srv.keep_alive),
            ("server.disconnect_timeout", srv.disconnect_timeout),
        ] {
            if value.is_zero() || value > Duration::from_secs(300) {
                err(
                    key,
                    "must be above zero and at most 5m: every connection needs a bounded life"
                        .into(),
                );
            }
        }
        if srv.max_connections == 0 || srv.max_connections_per_ip == 0 {
            err(
                "server.max_connections",
                "server.max_connections and server.max_connections_per_ip must be at least 1"
                    .into(),
            );
        } else if srv.max_connections_per_ip > srv.max_connections {
            err(
                "server.max_connections_per_ip",
                "must not exceed server.max_connections".into(),
            );
        }
        if !(32..=128).contains(&self.limits.ipv6_prefix) {
            err(
                "limits.ipv6_prefix",
                "must be 32 to 128 (64 is one typical host)".into(),
            );
        }
        let shipped = crate::i18n::shipped_locales();
        for tag in &self.i18n.locales {
            if !shipped.contains(tag) {
                err(
                    "i18n.locales",
                    format!("{tag} is not shipped (shipped: {})", shipped.join(", ")),
                );
            }
        }
        if self.i18n.locales.is_empty() {
            err("i18n.locales", "must list at least one language".into());
        } else if !self.i18n.locales.contains(&self.i18n.default_locale) {
            err(
                "i18n.default_locale",
                format!(
                    "{} is not among i18n.locales ({})",
                    self.i18n.default_locale,
                    self.i18n.locales.join(", ")
                ),
            );
        }
        if let Some(addr) = self.server.metrics_bind {
            if addr == self.server.bind {
                err(
                    "server.metrics_bind",
                    "must differ from server.bind (metrics have a listener of their own)".into(),
                );
            } else if !addr.ip().is_loopback() {
                out.push(Problem {
                    severity: Severity::Warning,
                    key: "server.metrics_bind",
                    reason: format!(
                        "{addr} is not loopback: make sure only your metrics collector can reach it"
                    ),
                });
            }
        }
        if let Some(addr) = self.server.admin_bind {
            if addr == self.server.bind || Some(addr) == self.server.metrics_bind {
                out.push(Problem {
                    severity: Severity::Error,
                    key: "server.admin_bind",
                    reason: "must differ from server.bind and server.metrics_bind".into(),
                });
            } else if !addr.ip().is_loopback() {
                out.push(Problem {
                    severity: Severity::Warning,
                    key: "server.admin_bind",
                    reason: format!(
                        "{addr} is not loopback: make sure only operators can reach it"
                    ),
                });
            }
        }
        if let Some(reason) = cookie_warning {
            out.push(Problem {
                severity: Severity::Warning,
                key: "kratos.public_url",
                reason,
            });
        }
        out
    }
}

/// The browser must send Kratos's cookies to Iris: same host (ports don't matter for cookies),
/// or a shared parent domain set as Kratos's `cookies.domain`.
fn cookie_sharing_problem(iris: &Url, kratos: &Url) -> Option<String> {
    let (a, b) = (iris.host_str()?, kratos.host_str()?);
    if a.eq_ignore_ascii_case(b) {
        return None;
    }
    let parent = |h: &str| h.split_once('.').map(|(_, p)| p.to_ascii_lowercase());
    let shared = parent(a).filter(|p| p.contains('.') && Some(p.clone()) == parent(b));
    Some(match shared {
        Some(p) => format!(
            "Kratos ({b}) and Iris ({a}) are different hosts: set Kratos's cookies.domain to {p} so the browser sends Kratos's cookies to Iris"
        ),
        None => format!(
            "Kratos ({b}) and Iris ({a}) cannot share cookies: serve both on one host (ports may differ) or under one parent domain"
        ),
    })
}

/// Plain SMTP only to loopback outside production; otherwise `smtps://` or STARTTLS required.
fn check_smtp_url(raw: &str, prod: bool, plain_ok: bool) -> Result<(), String> {
    let url = Url::parse(raw).map_err(|_| "is not a URL (smtp[s]://host:port)".to_owned())?;
    let tls_required = url
        .query_pairs()
        .any(|(k, v)| k == "tls" && v == "required");
    match url.scheme() {
        "smtps" => Ok(()),
        "smtp" if tls_required => Ok(()),
        "smtp" => {
            let loopback = match url.host() {
                Some(Host::Ipv4(ip)) => ip.is_loopback(),
                Some(Host::Ipv6(ip)) => ip.is_loopback(),
                // `smtp` is not a special scheme to the URL parser, so IPs arrive as text.
                Some(Host::Domain(d)) => {
                    d == "localhost"
                        || d.trim_matches(['[', ']'])
                            .parse::<std::net::IpAddr>()
                            .is_ok_and(|ip| ip.is_loopback())
                }
                None => false,
            };
            if prod || !(loopback || plain_ok) {
                Err("plain SMTP is allowed only to a loopback host outside production; use smtps:// or ?tls=required".into())
            } else {
                Ok(())
            }
        }
        other => Err(format!(
            "unsupported scheme {other:?}; use smtps:// or smtp://"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Environment;

    fn keys(settings: &Settings) -> Vec<&'static str> {
        settings
            .problems()
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| p.key)
            .collect()
    }

    #[test]
    fn the_embedded_default_is_valid() {
        assert!(keys(&Settings::default()).is_empty());
    }

    #[test]
    fn audit_retention_outside_a_day_to_ten_years_is_refused_by_its_key() {
        for (secs, refused) in [
            (24 * 3600 - 1, true),
            (24 * 3600, false),
            (3650 * 24 * 3600, false),
            (3650 * 24 * 3600 + 1, true),
        ] {
            let mut s = Settings::default();
            s.audit.retention = Duration::from_secs(secs);
            assert_eq!(keys(&s).contains(&"audit.retention"), refused, "{secs}s");
        }
    }

    #[test]
    fn production_refuses_unsafe_defaults_and_names_each_key() {
        let mut s = Settings {
            environment: Environment::Production,
            ..Default::default()
        };
        s.magic_link.ttl = Duration::from_secs(11 * 60);
        s.kratos.code_lifespan = Duration::from_secs(11 * 60);
        let found = keys(&s);
        for key in [
            "server.public_url",
            "magic_link.ttl",
            "kratos.code_lifespan",
            "mail.transport",
            "secrets.hmac_keys",
            "secrets.session_key",
        ] {
            assert!(found.contains(&key), "{key} missing from {found:?}");
        }
    }

    #[test]
    fn a_postgres_store_url_is_accepted_and_never_shown() {
        let mut s = Settings::default();
        s.store.url = "postgres://iris:s3cr3t@127.0.0.1:1/iris".parse().unwrap();
        assert!(keys(&s).is_empty(), "{:?}", keys(&s));
        assert!(!format!("{:?}", s.store).contains("s3cr3t"));
    }

    #[test]
    fn short_secrets_are_refused_everywhere() {
        let mut s = Settings::default();
        s.secrets.hmac_keys = vec!["short".to_owned().into()];
        s.secrets.session_key = Some("also-short".to_owned().into());
        assert_eq!(keys(&s), vec!["secrets.hmac_keys", "secrets.session_key"]);
    }

    /// Each Kratos setup names the key it lacks, and nothing else.
    #[test]
    fn kratos_setups_name_what_they_lack() {
        use crate::config::{Approach, MagicLinkSessions, RecoveryMethodSetting};
        let kratos = |approach| {
            let mut s = Settings::default();
            s.sign_in.approach = approach;
            s.secrets.courier_api_key = Some("courier-key-0123456789abcdef0123456789".into());
            s.kratos.public_url = Some(Url::parse("http://127.0.0.1:4433").unwrap());
            s.kratos.admin_url = Some(Url::parse("http://127.0.0.1:4434").unwrap());
            s
        };
        for approach in [Approach::KratosCode, Approach::KratosRecovery] {
            assert!(keys(&kratos(approach)).is_empty(), "{approach:?}");
            let mut s = kratos(approach);
            s.kratos.public_url = None;
            assert_eq!(keys(&s), vec!["kratos.public_url"], "{approach:?}");
        }
        // Sign-up by recovery needs the admin API; without sign-up it does not.
        let mut s = kratos(Approach::KratosRecovery);
        s.kratos.admin_url = None;
        s.sign_in.allow_sign_up = true;
        assert_eq!(keys(&s), vec!["kratos.admin_url"]);
        s.sign_in.allow_sign_up = false;
        assert!(keys(&s).is_empty());
        // A recovery method only means something for kratos-recovery.
        let mut s = kratos(Approach::KratosCode);
        s.kratos.recovery_method = Some(RecoveryMethodSetting::Code);
        assert_eq!(keys(&s), vec!["kratos.recovery_method"]);
        // Kratos sessions need both Kratos URLs, and only go with the magic link.
        let mut s = Settings::default();
        s.magic_link.sessions = MagicLinkSessions::Kratos;
        let found = keys(&s);
        assert!(found.contains(&"kratos.public_url"), "{found:?}");
        assert!(found.contains(&"kratos.admin_url"), "{found:?}");
        let mut s = kratos(Approach::KratosCode);
        s.magic_link.sessions = MagicLinkSessions::Kratos;
        assert_eq!(keys(&s), vec!["magic_link.sessions"]);
    }

    /// Hydra's keys: where Kratos holds the identities, consent reads their address from
    /// Kratos's admin API; a token without Hydra, or a memory longer than the session, is
    /// refused by name.
    #[test]
    fn hydra_setups_name_what_they_lack() {
        use crate::config::Approach;
        let hydra = Some(Url::parse("http://127.0.0.1:4445").unwrap());
        let mut s = Settings::default();
        s.hydra.admin_url = hydra.clone();
        assert!(keys(&s).is_empty(), "standalone needs nothing more");
        s.hydra.remember_for = Some(s.session.absolute_timeout + Duration::from_secs(1));
        assert_eq!(keys(&s), vec!["hydra.remember_for"]);
        s.hydra.remember_for = Some(Duration::ZERO);
        assert_eq!(keys(&s), vec!["hydra.remember_for"]);

        let mut s = Settings::default();
        s.sign_in.approach = Approach::KratosCode;
        s.secrets.courier_api_key = Some("courier-key-0123456789abcdef0123456789".into());
        s.kratos.public_url = Some(Url::parse("http://127.0.0.1:4433").unwrap());
        assert!(keys(&s).is_empty());
        s.hydra.admin_url = hydra;
        assert_eq!(keys(&s), vec!["kratos.admin_url"]);

        let mut s = Settings::default();
        s.secrets.hydra_admin_token = Some("a-token".to_owned().into());
        assert_eq!(keys(&s), vec!["secrets.hydra_admin_token"]);
    }

    #[test]
    fn smtp_urls_need_tls_unless_loopback_in_development() {
        assert!(check_smtp_url("smtp://127.0.0.1:2525", false, false).is_ok());
        assert!(check_smtp_url("smtp://127.0.0.1:2525", true, false).is_err());
        assert!(check_smtp_url("smtp://mail.example.com:25", false, false).is_err());
        assert!(check_smtp_url("smtp://mail.example.com:587?tls=required", true, false).is_ok());
        assert!(check_smtp_url(
            "smtp://mail.example.com:587?tls=opportunistic",
            false,
            false
        )
        .is_err());
        assert!(check_smtp_url("smtps://u:p@mail.example.com", true, false).is_ok());
        assert!(check_smtp_url("http://x", false, false).is_err());
        assert!(check_smtp_url("smtp://mailpit:1025", false, true).is_ok());
        assert!(check_smtp_url("smtp://mailpit:1025", true, true).is_err());
    }
}

#[cfg(test)]
mod cookie_tests {
    use super::cookie_sharing_problem;
    use url::Url;

    #[test]
    fn kratos_and_iris_must_be_able_to_share_cookies() {
        let u = |s: &str| Url::parse(s).unwrap();
        assert!(
            cookie_sharing_problem(&u("http://127.0.0.1:4455"), &u("http://127.0.0.1:4433"))
                .is_none()
        );
        let parent = cookie_sharing_problem(
            &u("https://login.example.com"),
            &u("https://auth.example.com"),
        );
        assert!(parent.unwrap().contains("cookies.domain to example.com"));
        let none = cookie_sharing_problem(
            &u("https://login.example.com"),
            &u("https://kratos.other.org"),
        );
        assert!(none.unwrap().contains("cannot share cookies"));
        assert!(
            cookie_sharing_problem(&u("http://127.0.0.1:4455"), &u("http://localhost:4433"))
                .is_some()
        );
    }
}
