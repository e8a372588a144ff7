//! Server-side sessions (security.md items 21-25): actix-session over our store, never the cookie
//! store. The store keeps a SHA-256 of the session key, so a database leak yields no live cookie.
use crate::clock::SharedClock;
use crate::domain::credential::Account;
use crate::secrets::random_bytes;
use crate::store::SessionRecords;
use actix_session::storage::{LoadError, SaveError, SessionKey, SessionStore, UpdateError};
use actix_session::Session;
use actix_web::cookie::time::Duration as CookieDuration;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::time::Duration;
use time::OffsetDateTime;

pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-iris-session"
    } else {
        "iris-session"
    }
}

pub struct ServerSessions {
    pub sessions: std::sync::Arc<dyn SessionRecords>,
    pub clock: SharedClock,
}

type State = HashMap<String, String>;

fn key_hash(key: &SessionKey) -> Vec<u8> {
    Sha256::digest(key.as_ref().as_bytes()).to_vec()
}

/// The account a session state is signed in to, if any: stored beside the state, so that an
/// account's sessions can be found.
fn account_id(state: &State) -> Option<String> {
    let user: SignedIn = serde_json::from_str(state.get(USER)?).ok()?;
    Some(user.user_id)
}

fn ttl_end(clock: &SharedClock, ttl: &CookieDuration) -> OffsetDateTime {
    clock.now() + time::Duration::seconds(ttl.whole_seconds())
}

impl SessionStore for ServerSessions {
    async fn load(&self, session_key: &SessionKey) -> Result<Option<State>, LoadError> {
        let raw = self
            .sessions
            .load_session(&key_hash(session_key), self.clock.now())
            .await
            .map_err(|e| LoadError::Other(e.into()))?;
        raw.map(|json| {
            serde_json::from_str(&json).map_err(|e| LoadError::Deserialization(e.into()))
        })
        .transpose()
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
                ttl_end(&self.clock, ttl),
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
        let updated = self
            .sessions
            .update_session(
                &key_hash(&key),
                account_id(&state).as_deref(),
                &json,
                ttl_end(&self.clock, ttl),
            )
            .await
            .map_err(|e| UpdateError::Other(e.into()))?;
        if updated {
            Ok(key)
        } else {
            // Gone meanwhile (signed out elsewhere, expired): start a fresh one, never revive.
            self.save(state, ttl).await.map_err(|e| match e {
                SaveError::Serialization(e) => UpdateError::Serialization(e),
                SaveError::Other(e) => UpdateError::Other(e),
            })
        }
    }

    async fn update_ttl(
        &self,
        key: &SessionKey,
        ttl: &CookieDuration,
    ) -> Result<(), anyhow::Error> {
        Ok(self
            .sessions
            .touch_session(&key_hash(key), ttl_end(&self.clock, ttl))
            .await?)
    }

    async fn delete(&self, key: &SessionKey) -> Result<(), anyhow::Error> {
        Ok(self.sessions.delete_session(&key_hash(key)).await?)
    }
}

const USER: &str = "user";

/// The signed-in identity kept in the session.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignedIn {
    pub user_id: String,
    pub email: String,
    pub authenticated_at: i64,
    /// Absolute timeout: the session ends here however active it is.
    pub expires_at: i64,
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

/// Signs in: a fresh session id, so no id from before sign-in is ever adopted (fixation).
pub fn sign_in(session: &Session, account: &Account, now: OffsetDateTime, absolute: Duration) {
    session.renew();
    let user = SignedIn {
        user_id: account.id.clone(),
        email: account.email.as_str().to_owned(),
        authenticated_at: now.unix_timestamp(),
        expires_at: (now + absolute).unix_timestamp(),
    };
    // Serialising this struct cannot fail.
    let _ = session.insert(USER, user);
}
