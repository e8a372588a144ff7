//! `store.redis_url`, typed: `redis://` or `rediss://` (TLS) with a host, printed with its
//! password masked (`redis://:***@cache:6379/0`), like `store.url` (`database_url.rs`).
use super::database_url::{mask_url, printable_scheme};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use std::fmt;
use std::str::FromStr;
use url::Url;

#[derive(Clone, Deserialize)]
#[serde(try_from = "String")]
pub struct RedisUrl {
    full: SecretString,
    masked: String,
}

/// Why a text is not a Redis URL. SECURITY: no variant holds or prints the text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RedisUrlError {
    #[error("{}", scheme_message(.0.as_deref()))]
    Scheme(Option<String>),
    #[error("not a valid redis URL ({0})")]
    Invalid(url::ParseError),
    #[error("a redis URL needs a host, like redis://:password@cache.example.com:6379/0")]
    NoHost,
}

fn scheme_message(scheme: Option<&str>) -> String {
    let accepted = "redis:// or rediss:// (TLS)";
    match scheme {
        Some(s) => format!("scheme {s:?} is not supported; use {accepted}"),
        None => format!("must be a Redis URL: {accepted}"),
    }
}

impl RedisUrl {
    /// The full URL, password included: only for the Redis client. Never log it.
    pub fn expose_secret(&self) -> &str {
        self.full.expose_secret()
    }
}

impl FromStr for RedisUrl {
    type Err = RedisUrlError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let scheme = text.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
        if !matches!(scheme.as_deref(), Some("redis" | "rediss")) {
            return Err(RedisUrlError::Scheme(printable_scheme(text)));
        }
        let url = Url::parse(text).map_err(RedisUrlError::Invalid)?;
        if url.host_str().is_none_or(str::is_empty) {
            return Err(RedisUrlError::NoHost);
        }
        Ok(Self {
            full: text.to_owned().into(),
            masked: mask_url(&url),
        })
    }
}

impl TryFrom<String> for RedisUrl {
    type Error = RedisUrlError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl fmt::Display for RedisUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked)
    }
}

impl fmt::Debug for RedisUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RedisUrl").field(&self.masked).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_print() {
        for (text, shown) in [
            ("redis://127.0.0.1:6379", "redis://127.0.0.1:6379"),
            ("redis://:s3cret@cache:6379/0", "redis://:***@cache:6379/0"),
            (
                "rediss://iris:s3cret@cache.example.com/1",
                "rediss://iris:***@cache.example.com/1",
            ),
            (
                "redis://cache/0?password=s3cret",
                "redis://cache/0?password=***",
            ),
        ] {
            let url: RedisUrl = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(url.expose_secret(), text);
            assert_eq!(url.to_string(), shown);
            assert!(!format!("{url:?}").contains("s3cret"), "{url:?}");
        }
    }

    #[test]
    fn refused_forms_say_why_without_the_text() {
        for (text, expected) in [
            ("", RedisUrlError::Scheme(None)),
            ("s3cret", RedisUrlError::Scheme(None)),
            (
                "postgres://iris:s3cret@db/iris",
                RedisUrlError::Scheme(Some("postgres".into())),
            ),
            ("redis:cache", RedisUrlError::NoHost),
            (
                "redis://:s3cret@cache:port",
                RedisUrlError::Invalid(url::ParseError::InvalidPort),
            ),
        ] {
            let err = text.parse::<RedisUrl>().err();
            assert_eq!(err.as_ref(), Some(&expected), "{text}");
            assert!(!expected.to_string().contains("s3cret"));
        }
    }
}
