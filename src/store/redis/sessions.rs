//! Sessions in Redis: one hash per session (`iris:session:<hex of the key's hash>`, fields
//! `state`, `account`, `expires`), and per account a sorted set of its sessions by expiry
//! (`iris:account-sessions:<id>`), so an account's sessions can be listed and ended.
//!
//! `expires` (whole seconds, as the SQL stores keep it) decides, against the caller's clock,
//! like SQL's `expires_at > now`; the key's own Redis expiry (`EXPIREAT` on the same second)
//! only collects what nobody can load any more, so there is nothing to purge. Every write that
//! must check and change together is one Lua script, atomic in Redis.
use super::{RedisStore, PREFIX};
use crate::store::{
    from_unix, unix, AccountSession, Purge, SessionRecords, StoreResult, StoredSession,
};
use async_trait::async_trait;
use redis::Script;
use std::sync::LazyLock;
use std::time::Duration;
use time::OffsetDateTime;

pub(super) struct RedisSessions(pub RedisStore);

fn session_key(key_hash: &[u8]) -> String {
    let hex: String = key_hash.iter().map(|b| format!("{b:02x}")).collect();
    format!("{PREFIX}session:{hex}")
}

fn account_key(account: &str) -> String {
    format!("{PREFIX}account-sessions:{account}")
}

/// Lua: files session KEYS[1] under `account` in its account's set (scored by `expires`),
/// drops the set's expired members, and lets the set expire with its last session.
const INDEX: &str = r"
local function index(prefix, account, expires)
  local set = prefix .. account
  redis.call('ZADD', set, expires, KEYS[1])
  redis.call('ZREMRANGEBYSCORE', set, '-inf', '(' .. redis.call('TIME')[1])
  local last = redis.call('ZRANGE', set, -1, -1, 'WITHSCORES')[2]
  if last then redis.call('EXPIREAT', set, last) end
end
";

/// Writes a session whole. KEYS[1]: the session; ARGV: state, expires, account ("" for none),
/// "1" to write only a session that still exists, the account-set prefix. Returns 1 when
/// written.
static WRITE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(&format!(
        r"{INDEX}
if ARGV[4] == '1' and redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local old = redis.call('HGET', KEYS[1], 'account')
if old and old ~= '' and old ~= ARGV[3] then redis.call('ZREM', ARGV[5] .. old, KEYS[1]) end
redis.call('HSET', KEYS[1], 'state', ARGV[1], 'expires', ARGV[2], 'account', ARGV[3])
redis.call('EXPIREAT', KEYS[1], ARGV[2])
if ARGV[3] ~= '' then index(ARGV[5], ARGV[3], ARGV[2]) end
return 1
"
    ))
});

/// Moves a session's expiry forward, never back; a session that is gone stays gone. KEYS[1]:
/// the session; ARGV[1]: the new expiry; ARGV[2]: the account-set prefix.
static TOUCH: LazyLock<Script> = LazyLock::new(|| {
    Script::new(&format!(
        r"{INDEX}
local cur = tonumber(redis.call('HGET', KEYS[1], 'expires'))
if not cur or cur >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'expires', ARGV[1])
redis.call('EXPIREAT', KEYS[1], ARGV[1])
local account = redis.call('HGET', KEYS[1], 'account')
if account and account ~= '' then index(ARGV[2], account, ARGV[1]) end
return 1
"
    ))
});

/// Deletes a session and its place in its account's set. KEYS[1]: the session; ARGV[1]: the
/// account-set prefix.
static DELETE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local account = redis.call('HGET', KEYS[1], 'account')
redis.call('DEL', KEYS[1])
if account and account ~= '' then redis.call('ZREM', ARGV[1] .. account, KEYS[1]) end
return 1
",
    )
});

/// Ends an account's sessions but the one named `keep` (ARGV[1], "" for none). KEYS[1]: the
/// account's set. Returns how many it ended.
static END_ALL: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local ended = 0
for _, session in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if session ~= ARGV[1] then
    ended = ended + redis.call('DEL', session)
    redis.call('ZREM', KEYS[1], session)
  end
end
return ended
",
    )
});

/// An account's live sessions with their state, soonest to end first. KEYS[1]: the account's
/// set; ARGV[1]: now. Each entry: session key, expires, state.
static LIST: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
local out = {}
for _, s in ipairs(redis.call('ZRANGE', KEYS[1], '(' .. ARGV[1], '+inf', 'BYSCORE')) do
  local v = redis.call('HMGET', s, 'state', 'expires')
  if v[1] and tonumber(v[2]) > tonumber(ARGV[1]) then
    table.insert(out, {s, v[2], v[1]})
  end
end
return out
",
    )
});

impl RedisSessions {
    async fn write(
        &self,
        key_hash: &[u8],
        account_id: Option<&str>,
        state: &str,
        expires_at: OffsetDateTime,
        only_existing: bool,
    ) -> StoreResult<bool> {
        let mut conn = self.0.conn.clone();
        let mut call = WRITE.key(session_key(key_hash));
        call.arg(state)
            .arg(unix(expires_at))
            .arg(account_id.unwrap_or_default())
            .arg(if only_existing { "1" } else { "0" })
            .arg(account_key(""));
        let written: i64 = self
            .0
            .run("session_write", async move {
                call.invoke_async(&mut conn).await
            })
            .await?;
        Ok(written == 1)
    }
}

#[async_trait]
impl SessionRecords for RedisSessions {
    async fn load_session(
        &self,
        key_hash: &[u8],
        now: OffsetDateTime,
    ) -> StoreResult<Option<StoredSession>> {
        let mut conn = self.0.conn.clone();
        let key = session_key(key_hash);
        let (state, expires): (Option<String>, Option<i64>) = self
            .0
            .run("session_load", async move {
                redis::cmd("HMGET")
                    .arg(key)
                    .arg("state")
                    .arg("expires")
                    .query_async(&mut conn)
                    .await
            })
            .await?;
        Ok(match (state, expires) {
            (Some(state), Some(expires)) if expires > unix(now) => Some(StoredSession {
                state,
                expires_at: from_unix(expires),
            }),
            _ => None,
        })
    }

    async fn save_session(
        &self,
        key_hash: &[u8],
        account_id: Option<&str>,
        state: &str,
        expires_at: OffsetDateTime,
    ) -> StoreResult<()> {
        self.write(key_hash, account_id, state, expires_at, false)
            .await
            .map(|_| ())
    }

    async fn update_session(
        &self,
        key_hash: &[u8],
        account_id: Option<&str>,
        state: &str,
        expires_at: OffsetDateTime,
    ) -> StoreResult<bool> {
        self.write(key_hash, account_id, state, expires_at, true)
            .await
    }

    async fn touch_session(&self, key_hash: &[u8], expires_at: OffsetDateTime) -> StoreResult<()> {
        let mut conn = self.0.conn.clone();
        let mut call = TOUCH.key(session_key(key_hash));
        call.arg(unix(expires_at)).arg(account_key(""));
        let _: i64 = self
            .0
            .run("session_touch", async move {
                call.invoke_async(&mut conn).await
            })
            .await?;
        Ok(())
    }

    async fn account_sessions(
        &self,
        account_id: &str,
        now: OffsetDateTime,
    ) -> StoreResult<Vec<AccountSession>> {
        let mut conn = self.0.conn.clone();
        let mut call = LIST.key(account_key(account_id));
        // Live ones only, by the caller's clock.
        call.arg(unix(now));
        let members: Vec<(String, i64, String)> = self
            .0
            .run("account_sessions", async move {
                call.invoke_async(&mut conn).await
            })
            .await?;
        Ok(members
            .into_iter()
            .filter_map(|(key, expires, state)| {
                Some(AccountSession {
                    key_hash: key_hash_of(&key)?,
                    expires_at: from_unix(expires),
                    state,
                })
            })
            .collect())
    }

    async fn end_account_sessions(
        &self,
        account_id: &str,
        keep: Option<&[u8]>,
    ) -> StoreResult<u64> {
        let mut conn = self.0.conn.clone();
        let mut call = END_ALL.key(account_key(account_id));
        call.arg(keep.map(session_key).unwrap_or_default());
        let ended: u64 = self
            .0
            .run("end_account_sessions", async move {
                call.invoke_async(&mut conn).await
            })
            .await?;
        Ok(ended)
    }

    async fn delete_session(&self, key_hash: &[u8]) -> StoreResult<()> {
        let mut conn = self.0.conn.clone();
        let mut call = DELETE.key(session_key(key_hash));
        call.arg(account_key(""));
        let _: i64 = self
            .0
            .run("session_delete", async move {
                call.invoke_async(&mut conn).await
            })
            .await?;
        Ok(())
    }
}

/// The session key hash back from its Redis key (`iris:session:<hex>`).
fn key_hash_of(key: &str) -> Option<Vec<u8>> {
    let hex = key.strip_prefix(PREFIX)?.strip_prefix("session:")?;
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}

#[async_trait]
impl Purge for RedisSessions {
    /// Nothing to do: Redis expires each session, and each account's set, by itself.
    async fn purge(&self, _grace: Duration, _now: OffsetDateTime) -> StoreResult<u64> {
        Ok(0)
    }
}
