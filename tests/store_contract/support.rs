//! The fixture every contract test starts from: a fresh database of one backend, opened the
//! way the server opens it (`startup::open_stores`), a fixed clock moved by hand, and a raw
//! view of the tables (the `sqlite3` or `psql` client) for what the traits do not show.
use iris::config::StoreSettings;
use iris::domain::credential::{
    Backoff, CodeEntry, FailurePolicy, IssueOutcome, Redemption, Refusal, SendLimits,
};
use iris::domain::EmailAddress;
use iris::secrets::Mac32;
use iris::store::{IpQuota, IssueRequest, Recipients, Stores};
use std::future::Future;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;
use time::macros::datetime;
use time::OffsetDateTime;
use tokio::sync::Barrier;

#[path = "../support/postgres.rs"]
pub mod cluster;

#[path = "../support/redis.rs"]
pub mod redis;

/// The backend a contract test runs against. `Redis` is SQLite with `store.redis_url`: Redis
/// holds the per-IP limit and the sessions, SQL the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
    Redis,
}

/// The per-IP limit every fixture opens with: bursts of 3, then one a minute.
pub const IP_QUOTA: IpQuota = IpQuota {
    interval: Duration::from_secs(60),
    burst: 3,
};

/// Noon UTC, so that a day's budget renews exactly 12 h later and no test crosses midnight by
/// accident. Every test moves time by hand from here; nothing reads the system clock.
pub const T0: OffsetDateTime = datetime!(2030-06-15 12:00:00 UTC);

/// Seconds after `T0`.
pub fn at(secs: i64) -> OffsetDateTime {
    T0 + time::Duration::seconds(secs)
}

/// Seconds until the day after `T0` begins (UTC).
pub const TO_MIDNIGHT: u64 = 12 * 3600;

/// How long a credential lives (SECURITY.md item 3).
pub const TTL: i64 = 600;

pub const LIMITS: SendLimits = SendLimits {
    cooldown: Duration::from_secs(60),
    per_hour: 3,
    per_day: 1000,
};

pub const POLICY: FailurePolicy = FailurePolicy {
    max_attempts: 5,
    account_failures: 3,
    backoff_max: Duration::from_secs(3600),
};

/// A code entry from a stranger's browser: held by the back-off, spends the email's tries.
pub const STRANGER: CodeEntry = CodeEntry {
    backoff: Backoff::Applies,
    uses_tries: true,
};

/// A code entry from a known device: never held by the back-off, spends the email's tries.
pub const KNOWN_DEVICE: CodeEntry = CodeEntry {
    backoff: Backoff::Exempt,
    uses_tries: true,
};

/// A code hash no credential has.
pub const WRONG: Mac32 = [0xEE; 32];

/// What a test keeps of an issued credential: its id and the MACs of its secrets.
#[derive(Debug, Clone)]
pub struct Credential {
    pub id: String,
    pub token: Mac32,
    pub code: Mac32,
    pub outbox_id: String,
    /// The sealed email, as the store was given it.
    pub payload: Vec<u8>,
}

/// A fresh database, its stores, and a way to read its rows directly.
pub struct Fixture {
    pub stores: Stores,
    pub backend: Backend,
    url: String,
    /// Holds the SQLite file's folder until the test ends.
    _dir: Option<tempfile::TempDir>,
    sqlite_file: Option<PathBuf>,
    /// The Redis server of `Backend::Redis`, this test's own.
    pub redis: Option<Arc<redis::Redis>>,
    next: AtomicU32,
}

impl Fixture {
    pub async fn open(backend: Backend) -> Fixture {
        let (url, dir, sqlite_file) = match backend {
            Backend::Sqlite | Backend::Redis => {
                let dir = tempfile::tempdir().unwrap();
                let file = dir.path().join("iris.db");
                (
                    format!("sqlite://{}", file.display()),
                    Some(dir),
                    Some(file),
                )
            }
            Backend::Postgres => {
                // initdb and CREATE DATABASE block: off the runtime's threads.
                let url = tokio::task::spawn_blocking(|| {
                    cluster::Postgres::shared().fresh_db("contract")
                })
                .await
                .unwrap();
                (url, None, None)
            }
        };
        let redis = match backend {
            Backend::Redis => Some(Arc::new(
                tokio::task::spawn_blocking(redis::Redis::start)
                    .await
                    .unwrap(),
            )),
            _ => None,
        };
        let stores = open(backend, &url, redis.as_deref()).await;
        Fixture {
            stores,
            backend,
            url,
            _dir: dir,
            sqlite_file,
            redis,
            next: AtomicU32::new(1),
        }
    }

    /// The same database opened again, as a restarted server (or a second instance) would.
    pub async fn reopen(&self) -> Stores {
        open(self.backend, &self.url, self.redis.as_deref()).await
    }

    /// `n` handles on this database: this fixture's and `n - 1` opened again, as `n` server
    /// instances sharing it would have (each with its own pools and issuing task).
    pub async fn instances(&self, n: usize) -> Vec<Stores> {
        let mut all = vec![self.stores.clone()];
        for _ in 1..n {
            all.push(self.reopen().await);
        }
        all
    }

    /// Runs SQL with the backend's own client; the last statement's rows, one line each,
    /// columns separated by `|`, NULL as an empty string.
    pub fn sql(&self, sql: &str) -> String {
        match &self.sqlite_file {
            Some(file) => {
                let out = Command::new("sqlite3")
                    .arg("-batch")
                    .arg(file)
                    .arg(sql)
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "sqlite3 {sql:?}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                String::from_utf8(out.stdout).unwrap().trim_end().to_owned()
            }
            None => cluster::Postgres::shared().psql(&self.url, sql),
        }
    }

    /// Rows in a table.
    pub fn count(&self, table: &str) -> i64 {
        self.count_where(table, "TRUE")
    }

    /// Rows in a table that match a condition.
    pub fn count_where(&self, table: &str, condition: &str) -> i64 {
        if let (Some(redis), "sessions") = (&self.redis, table) {
            return redis_sessions_where(redis, condition);
        }
        let sql = format!("SELECT count(*) FROM {table} WHERE {condition}");
        let out = self.sql(&sql);
        out.parse()
            .unwrap_or_else(|_| panic!("{sql}: not a count: {out:?}"))
    }

    /// A request to issue a credential to `email` at `now`, with ids and secrets no other
    /// request of this test has; anyone may receive it, within `LIMITS`.
    pub fn request(&self, email: &str, now: OffsetDateTime) -> (IssueRequest, Credential) {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let mac = |kind: u8| {
            let mut m = [kind; 32];
            m[..4].copy_from_slice(&n.to_be_bytes());
            m
        };
        let credential = Credential {
            id: format!("cred-{n}"),
            token: mac(1),
            code: mac(2),
            outbox_id: format!("out-{n}"),
            payload: format!("sealed {n}").into_bytes(),
        };
        let req = IssueRequest {
            email: EmailAddress::parse(email).unwrap(),
            recipients: Recipients::Anyone,
            credential_id: credential.id.clone(),
            token_hash: credential.token,
            code_hash: credential.code,
            return_to: format!("/after/{n}"),
            requested_by: format!("browser {n}"),
            requested_ip: format!("198.51.{n}.x"),
            expires_at: now + time::Duration::seconds(TTL),
            outbox_id: credential.outbox_id.clone(),
            sealed_payload: credential.payload.clone(),
            limits: LIMITS,
            trusted: false,
        };
        (req, credential)
    }

    /// Issues a credential to `email` at `now`, which must succeed.
    pub async fn issue(&self, email: &str, now: OffsetDateTime) -> Credential {
        let (req, credential) = self.request(email, now);
        let outcome = self.stores.sign_in.issue(req, now).await.unwrap();
        assert_eq!(
            outcome,
            IssueOutcome::Issued {
                credential_id: credential.id.clone()
            },
            "issuing to {email}"
        );
        credential
    }

    /// Redeems a credential's link.
    pub async fn redeem_link(&self, token: Mac32, now: OffsetDateTime) -> Redemption {
        self.stores
            .sign_in
            .redeem_link(&[token], POLICY, now)
            .await
            .unwrap()
    }

    /// Enters a code for a credential.
    pub async fn redeem_code(
        &self,
        credential_id: &str,
        code: Mac32,
        entry: CodeEntry,
        now: OffsetDateTime,
    ) -> Redemption {
        self.stores
            .sign_in
            .redeem_code(credential_id, &[code], POLICY, entry, now)
            .await
            .unwrap()
    }

    /// Records `n` failures for an address at `now`.
    pub async fn fail(&self, email: &str, n: u32, policy: FailurePolicy, now: OffsetDateTime) {
        for _ in 0..n {
            self.stores
                .limits
                .record_failure(&email_address(email), policy, now)
                .await
                .unwrap();
        }
    }

    pub async fn locked_for(&self, email: &str, now: OffsetDateTime) -> Option<u64> {
        self.stores
            .limits
            .locked_for(&email_address(email), now)
            .await
            .unwrap()
    }
}

/// On Redis, the sessions a condition of the SQL tests names: every one (`TRUE`), those of an
/// account (`account_id = 'X'`) or those of none (`account_id IS NULL`), read from each
/// session's hash as `redis-cli` shows it.
fn redis_sessions_where(redis: &redis::Redis, condition: &str) -> i64 {
    let keys = redis
        .cli(&["--scan", "--pattern", "iris:session:*"])
        .unwrap();
    let accounts: Vec<String> = keys
        .lines()
        .filter(|k| !k.is_empty())
        .map(|key| redis.cli(&["HGET", key, "account"]).unwrap())
        .collect();
    let wanted: Box<dyn Fn(&str) -> bool> = match condition {
        "TRUE" => Box::new(|_| true),
        "account_id IS NULL" => Box::new(str::is_empty),
        other => {
            let id = other
                .strip_prefix("account_id = '")
                .and_then(|rest| rest.strip_suffix('\''))
                .unwrap_or_else(|| panic!("no Redis reading of {other:?}"))
                .to_owned();
            Box::new(move |account| account == id)
        }
    };
    accounts.iter().filter(|a| wanted(a)).count() as i64
}

async fn open(backend: Backend, url: &str, redis: Option<&redis::Redis>) -> Stores {
    let settings = StoreSettings {
        redis_url: redis.map(|r| r.url().parse().unwrap()),
        url: url.parse().unwrap(),
        max_connections: 8,
        // Generous: a loaded 2-core machine queues many tests' statements at once.
        timeout: Duration::from_secs(60),
        ..StoreSettings::default()
    };
    iris::startup::open_stores(&settings, IP_QUOTA, Arc::new(()))
        .await
        .unwrap_or_else(|e| panic!("opening a fresh {backend:?} store: {e}"))
}

pub fn email_address(email: &str) -> EmailAddress {
    EmailAddress::parse(email).unwrap()
}

/// How many requests the race tests run at once.
pub const RACERS: usize = 20;

/// How many server instances share the database in the race tests.
pub const INSTANCES: usize = 2;

/// Runs `n` calls at once, as tasks on the runtime's worker threads released together by a
/// barrier; their answers, in the order of `call`'s argument (`0..n`).
pub async fn race<F, Fut, T>(n: usize, call: F) -> Vec<T>
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let start = Arc::new(Barrier::new(n));
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let start = start.clone();
            let call = call(i);
            tokio::spawn(async move {
                start.wait().await;
                call.await
            })
        })
        .collect();
    let mut answers = Vec::with_capacity(n);
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    answers
}

/// The address a sign-in was for, or the panic names what happened instead.
pub fn signed_in(r: &Redemption) -> &EmailAddress {
    match r {
        Redemption::SignedIn { email, .. } => email,
        other => panic!("expected a sign-in, got {other:?}"),
    }
}

/// The refusal, or the panic names what happened instead.
pub fn refused(r: &Redemption) -> Refusal {
    match r {
        Redemption::Refused(refusal) => *refusal,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// The tries left after a wrong code, or the panic names what happened instead.
pub fn wrong_code(r: &Redemption) -> Option<u32> {
    match r {
        Redemption::WrongCode { attempts_left } => *attempts_left,
        other => panic!("expected a wrong code, got {other:?}"),
    }
}
