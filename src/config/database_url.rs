//! `store.url`, typed: which backend it names, and a form that is safe to print.
//!
//! A Postgres URL can carry a password (`postgres://iris:PASSWORD@db/iris`, or
//! `?password=PASSWORD`), and the URL is logged at startup. So the full text is reachable only
//! through [`DatabaseUrl::expose_secret`] (for the driver), while `Display` and `Debug` show the
//! password as `***`.
//!
//! The full text is held as a `SecretString`, not a private `String`: it is zeroed on drop
//! like every other secret in the config (style.md habit 2), and a `{:?}` of the field itself,
//! should someone add one, prints `[REDACTED]` rather than the password. The masked form is
//! computed once, at parse time, so printing never re-parses the secret.
//!
//! Written here rather than taken from a crate: sqlx's `PgConnectOptions` would parse it, but
//! this build has no sqlx Postgres driver, and no small crate masks a URL; the `url` crate does
//! the parsing.
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use std::fmt;
use std::str::FromStr;
use url::Url;

/// The database a [`DatabaseUrl`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// As the URL's scheme spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A database URL: `sqlite:` in any form sqlx takes (`sqlite://iris-data/iris.db`,
/// `sqlite::memory:`, `sqlite:iris.db?mode=rwc`), or `postgres://` / `postgresql://` with a
/// host and a database name. Prints with its password masked.
#[derive(Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct DatabaseUrl {
    backend: Backend,
    full: SecretString,
    masked: String,
}

/// Why a text is not a database URL. SECURITY: no variant holds or prints the text (it may
/// carry a password); at most the scheme, when it is followed by `//`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DatabaseUrlError {
    #[error("{}", scheme_message(.0.as_deref()))]
    Scheme(Option<String>),
    #[error("a sqlite URL needs a file name or :memory:, like sqlite://iris-data/iris.db")]
    NoFile,
    #[error("not a valid postgres URL ({0})")]
    Invalid(url::ParseError),
    #[error("a postgres URL needs a host, like postgres://iris:password@db.example.com/iris")]
    NoHost,
    #[error("a postgres URL needs one database name after the host, like postgres://iris@db/iris")]
    NoDatabase,
}

const ACCEPTED: &str = "sqlite: (e.g. sqlite://iris-data/iris.db), postgres:// or postgresql://";

fn scheme_message(scheme: Option<&str>) -> String {
    match scheme {
        Some(s) => format!("scheme {s:?} is not supported; use {ACCEPTED}"),
        None => format!("must be a database URL: {ACCEPTED}"),
    }
}

impl DatabaseUrl {
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The full URL, password included: only for handing to the database driver. Never log it.
    pub fn expose_secret(&self) -> &str {
        self.full.expose_secret()
    }
}

impl FromStr for DatabaseUrl {
    type Err = DatabaseUrlError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let sqlite = text
            .get(..7)
            .is_some_and(|s| s.eq_ignore_ascii_case("sqlite:"));
        let (backend, full, masked) = if sqlite {
            // sqlx strips exactly `sqlite://` or `sqlite:` and takes the rest up to `?` as the
            // file: any other spelling of the scheme would become part of the file name.
            let rest = &text[7..];
            let full = format!("sqlite:{rest}");
            let rest = rest.strip_prefix("//").unwrap_or(rest);
            if rest.split('?').next().unwrap_or_default().is_empty() {
                return Err(DatabaseUrlError::NoFile);
            }
            // SQLite has no password: shown as it is.
            (Backend::Sqlite, full.clone(), full)
        } else {
            let scheme = text.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
            if !matches!(scheme.as_deref(), Some("postgres" | "postgresql")) {
                return Err(DatabaseUrlError::Scheme(printable_scheme(text)));
            }
            let url = Url::parse(text).map_err(DatabaseUrlError::Invalid)?;
            if url.host_str().is_none_or(str::is_empty) {
                return Err(DatabaseUrlError::NoHost);
            }
            let database = url.path().strip_prefix('/').unwrap_or_default();
            if database.is_empty() || database.contains('/') {
                return Err(DatabaseUrlError::NoDatabase);
            }
            (Backend::Postgres, text.to_owned(), mask_url(&url))
        };
        Ok(Self {
            backend,
            full: full.into(),
            masked,
        })
    }
}

impl TryFrom<String> for DatabaseUrl {
    type Error = DatabaseUrlError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

/// The scheme, if the text starts like `scheme://`: enough to tell the operator what was
/// refused. Anything less URL-like is not echoed at all (it could be a bare password).
pub(super) fn printable_scheme(text: &str) -> Option<String> {
    let (scheme, rest) = text.split_once(':')?;
    let mut chars = scheme.chars();
    let well_formed = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && scheme.len() <= 16;
    (well_formed && rest.starts_with("//")).then(|| scheme.to_ascii_lowercase())
}

/// The URL with its userinfo password and any `*password*` query value replaced by `***`.
pub(super) fn mask_url(url: &Url) -> String {
    let mut shown = url.clone();
    if shown.password().is_some() {
        // Cannot fail: the URL has a host (checked before).
        let _ = shown.set_password(Some("***"));
    }
    if let Some(query) = url.query() {
        let masked: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((key, _)) if is_password_key(key) => format!("{key}=***"),
                _ => pair.to_owned(),
            })
            .collect();
        shown.set_query(Some(&masked.join("&")));
    }
    shown.to_string()
}

/// `password`, `sslpassword`, … however the key is spelled or percent-encoded.
fn is_password_key(raw: &str) -> bool {
    url::form_urlencoded::parse(raw.as_bytes())
        .next()
        .is_some_and(|(key, _)| key.to_ascii_lowercase().contains("password"))
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked)
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("DatabaseUrl").field(&self.masked).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sqlx_sqlite_form_is_accepted_and_shown_as_it_is() {
        for text in [
            "sqlite://iris-data/iris.db",
            "sqlite:///var/lib/iris/iris.db",
            "sqlite:iris.db",
            "sqlite:foo.db?mode=rwc",
            "sqlite::memory:",
            "sqlite://:memory:",
            "sqlite://iris.db?mode=ro&cache=shared",
        ] {
            let url: DatabaseUrl = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(url.backend(), Backend::Sqlite, "{text}");
            assert_eq!(url.expose_secret(), text);
            assert_eq!(url.to_string(), text);
            assert_eq!(format!("{url:?}"), format!("DatabaseUrl({text:?})"));
        }
        // sqlx knows the scheme in lower case only; any other spelling is handed over so.
        let url: DatabaseUrl = "SQLite://iris.db".parse().unwrap();
        assert_eq!(url.expose_secret(), "sqlite://iris.db");
    }

    #[test]
    fn postgres_urls_with_a_host_and_a_database_are_accepted() {
        for text in [
            "postgres://db/iris",
            "postgres://iris@db/iris",
            "postgres://iris:pw@db:5432/iris",
            "postgresql://iris:pw@db.example.com:5432/iris?sslmode=require",
            "postgres://iris:pw@[::1]:5432/iris",
            "postgres://iris@127.0.0.1/iris?password=pw&sslmode=disable",
            "POSTGRES://iris@db/iris",
        ] {
            let url: DatabaseUrl = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(url.backend(), Backend::Postgres, "{text}");
            // The driver gets exactly what was configured.
            assert_eq!(url.expose_secret(), text);
        }
    }

    #[test]
    fn refused_forms_say_why() {
        for (text, expected) in [
            ("", DatabaseUrlError::Scheme(None)),
            ("iris.db", DatabaseUrlError::Scheme(None)),
            ("/var/lib/iris/iris.db", DatabaseUrlError::Scheme(None)),
            (
                "mysql://iris:pw@db/iris",
                DatabaseUrlError::Scheme(Some("mysql".into())),
            ),
            (
                "redis://db:6379",
                DatabaseUrlError::Scheme(Some("redis".into())),
            ),
            ("jdbc:postgresql://db/iris", DatabaseUrlError::Scheme(None)),
            ("sqlite:", DatabaseUrlError::NoFile),
            ("sqlite://", DatabaseUrlError::NoFile),
            ("sqlite://?mode=rwc", DatabaseUrlError::NoFile),
            ("postgres:iris", DatabaseUrlError::NoHost),
            (
                "postgres:///iris?host=/run/postgresql",
                DatabaseUrlError::NoHost,
            ),
            ("postgres://iris:pw@db", DatabaseUrlError::NoDatabase),
            ("postgres://iris:pw@db/", DatabaseUrlError::NoDatabase),
            (
                "postgres://iris:pw@db/iris/extra",
                DatabaseUrlError::NoDatabase,
            ),
            (
                "postgres://iris:pw@db:port/iris",
                DatabaseUrlError::Invalid(url::ParseError::InvalidPort),
            ),
        ] {
            let err = text.parse::<DatabaseUrl>().err();
            assert_eq!(err.as_ref(), Some(&expected), "{text}");
        }
        let scheme = "mysql://db/iris".parse::<DatabaseUrl>().err().unwrap();
        assert!(scheme.to_string().contains("\"mysql\""), "{scheme}");
        for accepted in ["sqlite:", "postgres://", "postgresql://"] {
            assert!(scheme.to_string().contains(accepted), "{scheme}");
        }
    }

    #[test]
    fn display_and_debug_mask_every_password() {
        for (text, shown) in [
            (
                "postgres://iris:s3cr3t@db:5432/iris?sslmode=require",
                "postgres://iris:***@db:5432/iris?sslmode=require",
            ),
            ("postgres://iris@db/iris", "postgres://iris@db/iris"),
            ("postgres://:s3cr3t@db/iris", "postgres://:***@db/iris"),
            (
                "postgresql://iris@db/iris?sslmode=require&password=s3cr3t",
                "postgresql://iris@db/iris?sslmode=require&password=***",
            ),
            (
                "postgres://db/iris?user=iris&PassWord=s3cr3t&sslpassword=s3cr3t&pass%77ord=s3cr3t",
                "postgres://db/iris?user=iris&PassWord=***&sslpassword=***&pass%77ord=***",
            ),
            (
                "postgres://iris:s3cr3t%40%2F%3A@db/iris",
                "postgres://iris:***@db/iris",
            ),
            (
                "postgres://iris:s3cr3t@db/iris?password=s3cr3t",
                "postgres://iris:***@db/iris?password=***",
            ),
        ] {
            let url: DatabaseUrl = text.parse().unwrap();
            assert_eq!(url.to_string(), shown, "{text}");
            assert_eq!(format!("{url:?}"), format!("DatabaseUrl({shown:?})"));
            assert_eq!(format!("{url:#?}").matches("s3cr3t").count(), 0);
            assert_eq!(url.expose_secret(), text);
        }
    }

    /// SECURITY: whatever is wrong with a URL, the message never repeats its password.
    #[test]
    fn errors_never_contain_the_password() {
        for text in [
            "mysql://iris:s3cr3t@db/iris",
            "s3cr3t",
            "iris:s3cr3t@db/iris",
            "postgres://iris:s3cr3t@db",
            "postgres://iris:s3cr3t@db:s3cr3t/iris",
            "postgres://iris:s3/cr3t@db/iris",
            "postgres://iris@db/iris/s3cr3t",
            "postgres:///iris?password=s3cr3t",
            "sqlite://?password=s3cr3t",
            "postgres://iris:s3cr3t@[db/iris",
        ] {
            let err = text.parse::<DatabaseUrl>().err().unwrap();
            for shown in [err.to_string(), format!("{err:?}")] {
                assert!(!shown.contains("s3cr3t"), "{text} gave {shown}");
                assert!(!shown.contains("cr3t"), "{text} gave {shown}");
            }
        }
    }

    #[test]
    fn deserializes_from_a_string_and_refuses_through_serde() {
        #[derive(Deserialize)]
        struct Store {
            url: DatabaseUrl,
        }
        let parse = |url: &str| {
            figment::Figment::from(figment::providers::Serialized::default("url", url))
                .extract::<Store>()
                .map_err(|e| e.to_string())
        };
        let ok = parse("postgres://iris:s3cr3t@db/iris").unwrap();
        assert_eq!(ok.url.backend(), Backend::Postgres);
        let err = parse("mysql://iris:s3cr3t@db/iris").err().unwrap();
        assert!(!err.contains("s3cr3t"), "{err}");
        assert!(err.contains("postgres://"), "{err}");
    }
}
