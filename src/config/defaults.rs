//! The defaults: together they are the embedded default (`cargo run` with no config).
use super::*;

impl Default for Settings {
    fn default() -> Self {
        Self {
            environment: Environment::Development,
            data_dir: PathBuf::from("iris-data"),
            server: ServerSettings::default(),
            sign_in: SignInSettings::default(),
            magic_link: MagicLinkSettings::default(),
            store: StoreSettings::default(),
            mail: MailSettings::default(),
            secrets: SecretSettings::default(),
            limits: LimitSettings::default(),
            session: SessionSettings::default(),
            audit: AuditSettings::default(),
            branding: BrandingSettings::default(),
            log: LogSettings::default(),
            kratos: KratosSettings::default(),
            hydra: HydraSettings::default(),
            i18n: I18nSettings::default(),
        }
    }
}

impl Default for ServerSettings {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 4455)),
            public_url: Url::parse("http://127.0.0.1:4455/").unwrap_or_else(|_| unreachable!()),
            trusted_proxies: Vec::new(),
            workers: 0,
            metrics_bind: None,
            admin_bind: None,
            header_timeout: Duration::from_secs(5),
            body_timeout: Duration::from_secs(10),
            keep_alive: Duration::from_secs(5),
            disconnect_timeout: Duration::from_secs(1),
            max_connections: 4096,
            max_connections_per_ip: 64,
        }
    }
}

impl Default for SignInSettings {
    fn default() -> Self {
        Self {
            approach: Approach::MagicLink,
            allow_sign_up: true,
            allowed_return_urls: Vec::new(),
            default_return_url: "/".into(),
        }
    }
}

impl Default for MagicLinkSettings {
    fn default() -> Self {
        Self {
            ttl: Duration::from_secs(600),
            sessions: MagicLinkSessions::Iris,
        }
    }
}

impl Default for StoreSettings {
    fn default() -> Self {
        Self {
            url: "sqlite://iris-data/iris.db"
                .parse()
                .unwrap_or_else(|_| unreachable!()),
            url_file: None,
            redis_url: None,
            redis_url_file: None,
            max_connections: 8,
            timeout: Duration::from_secs(5),
        }
    }
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            transport: MailTransport::Console,
            smtp_url: None,
            smtp_url_file: None,
            smtp_connections: 16,
            from: "Iris <iris@localhost.localdomain>".into(),
            file_dir: None,
            retry_base: Duration::from_secs(2),
            retry_max: Duration::from_secs(60),
            lease: Duration::from_secs(60),
            insecure_plain_smtp: false,
        }
    }
}

impl Default for LimitSettings {
    fn default() -> Self {
        Self {
            ip_per_minute: 30,
            ip_burst: 20,
            ipv6_prefix: 64,
            email_cooldown: Duration::from_secs(60),
            email_per_hour: 5,
            emails_per_day: 10_000,
            code_attempts: 5,
            account_failures: 10,
            account_backoff_max: Duration::from_secs(3600),
            not_me_hold: Duration::from_secs(3600),
            max_body: 16 * 1024,
        }
    }
}

impl Default for AuditSettings {
    fn default() -> Self {
        Self {
            retention: Duration::from_secs(90 * 24 * 3600),
        }
    }
}

impl Default for SessionSettings {
    fn default() -> Self {
        Self {
            idle_timeout: Duration::from_secs(3600),
            absolute_timeout: Duration::from_secs(24 * 3600),
            reauth_after: Duration::from_secs(10 * 60),
            address_undo_within: Duration::from_secs(7 * 24 * 3600),
        }
    }
}

impl Default for BrandingSettings {
    fn default() -> Self {
        Self {
            product_name: "Iris".into(),
            accent_color: "#3b5bdb".into(),
        }
    }
}

impl Default for HydraSettings {
    fn default() -> Self {
        Self {
            admin_url: None,
            timeout: Duration::from_secs(5),
            remember_for: None,
        }
    }
}

impl Default for KratosSettings {
    fn default() -> Self {
        Self {
            public_url: None,
            admin_url: None,
            timeout: Duration::from_secs(5),
            courier_base_url: None,
            code_lifespan: Duration::from_secs(600),
            recovery_method: None,
        }
    }
}

impl Default for I18nSettings {
    fn default() -> Self {
        Self {
            locales: crate::i18n::shipped_locales(),
            default_locale: "en".into(),
        }
    }
}
