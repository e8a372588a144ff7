//! One batch of credentials issued on PostgreSQL (`store::issue_queue`) in **one statement**:
//! the day's budget and each address's limits counted (`limits::COUNT_SENDS`), the credentials
//! of the addresses counted and their outbox rows inserted, atomically, in one round trip for
//! up to 64 requests. Round trips, not SQL work, bound a batch's time, and every request waits
//! for the batch before it and its own: five round trips in a transaction made the p50 of a
//! request about 6 ms at 2,300/s on this 2-core machine. The few refused requests then learn
//! why with one read each. Arrays bound with `UNNEST` keep the statement's text the same
//! whatever the batch's size, so it is prepared once per connection.
//!
//! The issuing task keeps a connection of its own, outside the pool. A pooled connection costs
//! two more round trips per batch (sqlx pings a connection when it is taken from the pool and
//! again when it goes back), and may have been opened by another thread's task: its socket is
//! then polled by that thread's runtime, which answers late while that thread serves requests.
//! This one is opened on the issuing task's runtime and used by nothing else.
use super::limits::{refusal, SendBinds, Sending, COUNT_SENDS};
use super::timed;
use crate::domain::credential::IssueOutcome;
use crate::store::issue_queue::{IssueBatch, Job};
use crate::store::{unix, StoreResult};
use async_trait::async_trait;
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection, PgConnection};
use std::collections::HashSet;
use std::sync::LazyLock;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// A connection idle for longer is pinged before a batch: the server may have restarted
/// meanwhile, and the first request after an outage should not be the one that finds out.
/// Under load batches follow each other closely and never pay for the ping.
const IDLE_CHECK: Duration = Duration::from_secs(1);

pub(super) struct PostgresIssuer {
    options: PgConnectOptions,
    timeout: Duration,
    /// `None` after a failed batch (its connection's state is unknown): the next one connects.
    conn: Mutex<Option<(PgConnection, Instant)>>,
}

impl PostgresIssuer {
    /// Connects now, so that the first requests do not wait for it.
    pub async fn connect(options: PgConnectOptions, timeout: Duration) -> StoreResult<Self> {
        let conn = timed(timeout, async { Ok(options.connect().await?) }).await?;
        Ok(Self {
            options,
            timeout,
            conn: Mutex::new(Some((conn, Instant::now()))),
        })
    }
}

/// `COUNT_SENDS`, then the counted addresses' credentials and outbox rows. Mail goes to the
/// address of record when there is one (Django CVE-2019-19844); the trigger
/// `credentials_supersede` voids older credentials (SECURITY.md item 10). The credentials'
/// keys and times are `COUNT_SENDS`' own $2 and $3, in the same order.
///
/// SECURITY: an undeliverable request still writes an outbox row (never sent), so both kinds
/// of address do the same work and take the same time (SECURITY.md item 19).
///
/// `t` puts "email requested" on the trail of each address that has an account (SECURITY.md
/// item 56), in the same statement: one join on accounts' unique `email_key` for the batch. (On
/// SQLite a trigger does it; here a PL/pgSQL row trigger cost about 13 µs per credential to an
/// account, the join about 2 µs.)
static ISSUE: LazyLock<String> = LazyLock::new(|| {
    format!(
        "WITH {COUNT_SENDS}, \
         c AS ( \
           INSERT INTO credentials (id, email, email_key, token_hash, code_hash, return_to, \
             requested_at, requested_by, requested_ip, expires_at, deliverable) \
           SELECT v.id, COALESCE(a.email, v.email), v.key, v.token, v.code, v.return_to, \
             v.req_at, v.req_by, v.req_ip, v.expires, \
             (v.accounts_only AND a.id IS NOT NULL) OR v.anyone \
           FROM UNNEST($9::text[], $10::text[], $2::text[], $11::bytea[], $12::bytea[], \
             $13::text[], $3::bigint[], $14::text[], $20::text[], $15::bigint[], \
             $16::boolean[], $17::boolean[]) \
             AS v(id, email, key, token, code, return_to, req_at, req_by, req_ip, expires, \
               accounts_only, anyone) \
           LEFT JOIN accounts a ON a.email_key = v.key \
           WHERE v.key IN (SELECT email_key FROM counted) \
           RETURNING id, email, email_key, deliverable, requested_at, requested_by, \
             requested_ip, expires_at), \
         o AS ( \
           INSERT INTO outbox (id, credential_id, recipient, payload, status, \
             next_attempt_at, deadline, created_at) \
           SELECT ob.id, c.id, c.email, CASE WHEN c.deliverable THEN ob.payload END, \
             CASE WHEN c.deliverable THEN 'queued' ELSE 'suppressed' END, \
             c.requested_at, c.expires_at, c.requested_at \
           FROM c JOIN UNNEST($9::text[], $18::text[], $19::bytea[]) \
             AS ob(credential_id, id, payload) ON ob.credential_id = c.id), \
         t AS ( \
           INSERT INTO trail_events (at, account_id, kind, browser, ip) \
           SELECT c.requested_at, a.id, 'email_requested', c.requested_by, c.requested_ip \
           FROM c JOIN accounts a ON a.email_key = c.email_key WHERE c.deliverable) \
         SELECT email_key FROM counted"
    )
});

#[async_trait]
impl IssueBatch for PostgresIssuer {
    async fn issue_batch(&self, batch: &[Job]) -> StoreResult<Vec<IssueOutcome>> {
        // Only the issuing task calls this, one batch at a time: the lock is never contended.
        let mut slot = self.conn.lock().await;
        let outcome = timed(self.timeout, async {
            if let Some((conn, last)) = &mut *slot {
                if last.elapsed() > IDLE_CHECK && conn.ping().await.is_err() {
                    *slot = None;
                }
            }
            let (conn, last) = match &mut *slot {
                Some(conn) => conn,
                None => slot.insert((self.options.connect().await?, Instant::now())),
            };
            *last = Instant::now();
            let sends: Vec<Sending> = batch
                .iter()
                .map(|j| Sending {
                    key: j.req.email.canonical(),
                    now: unix(j.now),
                    trusted: j.req.trusted,
                })
                .collect();
            // All requests share one limits config (it comes from the settings).
            let limits = batch[0].req.limits;
            let Some(binds) = SendBinds::new(&sends, limits) else {
                return Ok(Vec::new());
            };
            let col = |f: fn(&Job) -> String| batch.iter().map(f).collect::<Vec<String>>();
            let bytes = |f: fn(&Job) -> Vec<u8>| batch.iter().map(f).collect::<Vec<Vec<u8>>>();
            let flags = |f: fn(&Job) -> bool| batch.iter().map(f).collect::<Vec<bool>>();
            let counted: Vec<String> = binds
                .bind(sqlx::query_scalar(&ISSUE))
                .bind(col(|j| j.req.credential_id.clone()))
                .bind(col(|j| j.req.email.as_str().to_owned()))
                .bind(bytes(|j| j.req.token_hash.to_vec()))
                .bind(bytes(|j| j.req.code_hash.to_vec()))
                .bind(col(|j| j.req.return_to.clone()))
                .bind(col(|j| j.req.requested_by.clone()))
                .bind(
                    batch
                        .iter()
                        .map(|j| unix(j.req.expires_at))
                        .collect::<Vec<i64>>(),
                )
                .bind(flags(|j| j.req.recipients.needs_account()))
                .bind(flags(|j| j.req.recipients.always()))
                .bind(col(|j| j.req.outbox_id.clone()))
                .bind(bytes(|j| j.req.sealed_payload.clone()))
                .bind(col(|j| j.req.requested_ip.clone()))
                .fetch_all(&mut *conn)
                .await?;
            let counted: HashSet<String> = counted.into_iter().collect();
            let mut outcomes = Vec::with_capacity(batch.len());
            for job in batch {
                let key = job.req.email.canonical();
                outcomes.push(if counted.contains(key) {
                    IssueOutcome::Issued {
                        credential_id: job.req.credential_id.clone(),
                    }
                } else {
                    // What refused it, read after the fact: the decision itself was atomic.
                    let (trusted, now) = (job.req.trusted, unix(job.now));
                    refusal(&mut *conn, key, limits, trusted, now).await?
                });
            }
            Ok(outcomes)
        })
        .await;
        if outcome.is_err() {
            *slot = None;
        }
        outcome
    }
}
