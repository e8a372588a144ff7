//! Server-side sessions (SECURITY.md items 21-25): actix-session over our store, never the cookie
//! store. The store keeps a SHA-256 of the session key, so a database leak yields no live cookie.
use crate::clock::SharedClock;
use crate::domain::credential::Account;
use crate::secrets::random_bytes;
pub use crate::sign_in::Method;
use crate::store::SessionRecords;
use crate::web::session_cache::{self, Invalidations, KeyHash, SessionCache};
use actix_session::storage::{LoadError, SaveError, SessionKey, SessionStore, UpdateError};
use actix_session::Session;
use actix_web::cookie::time::Duration as CookieDuration;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;

pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-iris-session"
    } else {
        "iris-session"
    }
}

/// actix-session's store, one per actix worker (built in the App factory), so its cache is
/// the worker's own; `invalidations` is shared by the instance's workers.
pub struct ServerSessions {
    sessions: Arc<dyn SessionRecords>,
    clock: SharedClock,
    cache: RefCell<SessionCache>,
    invalidations: Invalidations,
}

type State = HashMap<String, String>;

fn key_hash(key: &SessionKey) -> KeyHash {
    Sha256::digest(key.as_ref().as_bytes()).into()
}

/// The account a session state is signed in to, if any: stored beside the state, so that an
/// account's sessions can be found.
fn account_id(state: &State) -> Option<String> {
    user_in(state).map(|u| u.user_id)
}

fn user_in(state: &State) -> Option<SignedIn> {
    serde_json::from_str(state.get(USER)?).ok()
}

fn idle(ttl: &CookieDuration) -> time::Duration {
    time::Duration::seconds(ttl.whole_seconds())
}

impl ServerSessions {
    pub fn new(
        sessions: Arc<dyn SessionRecords>,
        clock: SharedClock,
        invalidations: Invalidations,
    ) -> Self {
        ServerSessions {
            sessions,
            clock,
            cache: RefCell::new(SessionCache::new(session_cache::CAPACITY)),
            invalidations,
        }
    }

    /// After a write that ended or changed `key`'s session: no worker of this instance serves
    /// what it read before (see `session_cache`).
    fn invalidate(&self, key: &KeyHash) {
        self.invalidations.bump();
        self.cache.borrow_mut().remove(key);
    }
}

// The `RefCell` is never borrowed across an `.await`: each borrow is one statement.
impl SessionStore for ServerSessions {
    async fn load(&self, session_key: &SessionKey) -> Result<Option<State>, LoadError> {
        let hash = key_hash(session_key);
        let now = self.clock.now();
        // Read before asking the store, so an invalidation during the read voids the entry.
        let generation = self.invalidations.current();
        if let Some(state) = self.cache.borrow().get(&hash, now, generation) {
            return Ok(Some(state));
        }
        let stored = self
            .sessions
            .load_session(&hash, now)
            .await
            .map_err(|e| LoadError::Other(e.into()))?;
        let Some(stored) = stored else {
            // Never cache a miss: the next request asks the store again.
            self.cache.borrow_mut().remove(&hash);
            return Ok(None);
        };
        let state: State = serde_json::from_str(&stored.state).map_err(|e| {
            self.cache.borrow_mut().remove(&hash);
            LoadError::Deserialization(e.into())
        })?;
        self.cache
            .borrow_mut()
            .put(hash, state.clone(), stored.expires_at, now, generation);
        Ok(Some(state))
    }

    async fn save(&self, state: State, ttl: &CookieDuration) -> Result<SessionKey, SaveError> {
        let json = serde_json::to_string(&state).map_err(|e| SaveError::Serialization(e.into()))?;
        let key = SessionKey::try_from(URL_SAFE_NO_PAD.encode(random_bytes(32)))
            .map_err(|e| SaveError::Other(e.into()))?;
        self.sessions
            .save_session(
                &key_hash(&key),
                account_id(&state).as_deref(),
                &json,
                self.clock.now() + idle(ttl),
            )
            .await
            .map_err(|e| SaveError::Other(e.into()))?;
        Ok(key)
    }

    async fn update(
        &self,
        key: SessionKey,
        state: State,
        ttl: &CookieDuration,
    ) -> Result<SessionKey, UpdateError> {
        let json =
            serde_json::to_string(&state).map_err(|e| UpdateError::Serialization(e.into()))?;
        let hash = key_hash(&key);
        let updated = self
            .sessions
            .update_session(
                &hash,
                account_id(&state).as_deref(),
                &json,
                self.clock.now() + idle(ttl),
            )
            .await;
        // Changed (or gone) whatever the outcome: other workers must read it again.
        self.invalidate(&hash);
        if updated.map_err(|e| UpdateError::Other(e.into()))? {
            Ok(key)
        } else {
            // Gone meanwhile (signed out elsewhere, expired): start a fresh one, never revive.
            self.save(state, ttl).await.map_err(|e| match e {
                SaveError::Serialization(e) => UpdateError::Serialization(e),
                SaveError::Other(e) => UpdateError::Other(e),
            })
        }
    }

    /// actix-session calls this on every request that left the session unchanged
    /// (`TtlExtensionPolicy::OnEveryRequest`). It writes only when `touch_due` says the stored
    /// expiry lags by more than the slack: a check is a read (the one documented exception to
    /// "GET never changes state" is this once-a-minute bookkeeping).
    async fn update_ttl(
        &self,
        key: &SessionKey,
        ttl: &CookieDuration,
    ) -> Result<(), anyhow::Error> {
        let hash = key_hash(key);
        let stored = self.cache.borrow().stored_expiry(&hash);
        let Some(target) = session_cache::touch_due(stored, self.clock.now(), idle(ttl)) else {
            return Ok(());
        };
        self.sessions.touch_session(&hash, target).await?;
        self.cache.borrow_mut().set_expiry(&hash, target);
        Ok(())
    }

    async fn delete(&self, key: &SessionKey) -> Result<(), anyhow::Error> {
        let hash = key_hash(key);
        let deleted = self.sessions.delete_session(&hash).await;
        self.invalidate(&hash);
        Ok(deleted?)
    }
}

const USER: &str = "user";

/// The signed-in identity kept in the session, and what the account page says of it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignedIn {
    pub user_id: String,
    pub email: String,
    pub authenticated_at: i64,
    /// Absolute timeout: the session ends here however active it is.
    pub expires_at: i64,
    /// This session's public id: random, never the key or its hash, so a page can name a
    /// session to end without handing out anything that finds it in the store.
    #[serde(default)]
    pub sid: String,
    #[serde(default)]
    pub how: Option<Method>,
    /// The credential signed in with, so "this wasn't me" can end this session.
    #[serde(default)]
    pub credential_id: Option<String>,
    /// `i18n::browser_record` of the browser that signed in.
    #[serde(default)]
    pub browser: Option<String>,
    /// `domain::masked_ip` of where it signed in from.
    #[serde(default)]
    pub ip: Option<String>,
}

/// What is known of a sign-in besides the account: how, with what, from where.
#[derive(Debug, Clone)]
pub struct SignInContext {
    pub how: Method,
    pub credential_id: String,
    pub browser: String,
    pub ip: String,
}

/// When a session was last used, as near as its stored idle expiry tells (it moves at most
/// once a minute, so this is within a minute): the expiry less the idle timeout, never
/// before the sign-in itself.
pub fn last_seen(idle_expiry: OffsetDateTime, idle_timeout: Duration, started_at: i64) -> i64 {
    let idle = i64::try_from(idle_timeout.as_secs()).unwrap_or(i64::MAX);
    idle_expiry
        .unix_timestamp()
        .saturating_sub(idle)
        .max(started_at)
}

/// The session state's signed-in part, if any (for the sessions an account page lists).
pub fn signed_in_state(state: &str) -> Option<SignedIn> {
    user_in(&serde_json::from_str(state).ok()?)
}

/// The signed-in user, enforcing the absolute timeout (actix-session only knows idle TTLs).
pub fn current_user(session: &Session, now: OffsetDateTime) -> Option<SignedIn> {
    let user: SignedIn = session.get(USER).ok().flatten()?;
    if now.unix_timestamp() >= user.expires_at {
        session.purge();
        return None;
    }
    Some(user)
}

/// The signed-in address, after the account's address changed.
pub fn set_email(session: &Session, email: &str) {
    if let Ok(Some(mut user)) = session.get::<SignedIn>(USER) {
        user.email = email.to_owned();
        // Serialising this struct cannot fail.
        let _ = session.insert(USER, user);
    }
}

/// Signs in: a fresh session id, so no id from before sign-in is ever adopted (fixation).
pub fn sign_in(
    session: &Session,
    account: &Account,
    context: SignInContext,
    now: OffsetDateTime,
    absolute: Duration,
) {
    session.renew();
    let user = SignedIn {
        user_id: account.id.clone(),
        email: account.email.as_str().to_owned(),
        authenticated_at: now.unix_timestamp(),
        expires_at: (now + absolute).unix_timestamp(),
        sid: URL_SAFE_NO_PAD.encode(random_bytes(12)),
        how: Some(context.how),
        credential_id: Some(context.credential_id),
        browser: Some(context.browser),
        ip: Some(context.ip),
    };
    // Serialising this struct cannot fail.
    let _ = session.insert(USER, user);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_seen_is_the_idle_expiry_less_the_idle_timeout_never_before_sign_in() {
        let at = |s| OffsetDateTime::from_unix_timestamp(s).unwrap();
        let idle = Duration::from_secs(1800);
        assert_eq!(last_seen(at(10_000), idle, 5_000), 8_200);
        assert_eq!(
            last_seen(at(6_000), idle, 5_000),
            5_000,
            "not before sign-in"
        );
    }
}
