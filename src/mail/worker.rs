//! The outbox worker: leases due rows, renders and sends them, and records the outcome.
//! 4yz and connection failures are retried with capped exponential backoff and jitter until the
//! credential expires; 5yz fails at once (SECURITY.md item 46). Delivery is at-least-once: a
//! crash between send and `sent` re-sends the same message with the same Message-ID.
use super::address_change::address_change_email;
use super::messages::{plain_email, sign_in_email, Branding};
use super::transport::{build_message, MailTransport};
use super::OutboxPayload;
use crate::clock::SharedClock;
use crate::secrets::Keys;
use crate::store::{OutboxJob, OutboxStore};
use futures_util::StreamExt;
use lettre::message::Mailbox;
use rand::Rng;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

const BATCH: u32 = 32;
const IDLE_POLL: Duration = Duration::from_millis(500);

pub struct WorkerSettings {
    pub from: Mailbox,
    pub message_id_host: String,
    pub product_name: String,
    pub accent_color: String,
    pub retry_base: Duration,
    pub retry_max: Duration,
    /// How long claimed emails stay this worker's (`mail.lease`).
    pub lease: Duration,
}

pub struct Worker {
    pub outbox: Arc<dyn OutboxStore>,
    pub transport: Arc<dyn MailTransport>,
    pub keys: Arc<Keys>,
    pub clock: SharedClock,
    pub settings: WorkerSettings,
    /// The catalogue emails are written from (in the language stored with each request).
    pub i18n: crate::i18n::SharedCatalogue,
    /// Poked after each commit so new mail goes out without waiting for the next poll.
    pub wake: Arc<Notify>,
}

impl Worker {
    /// Runs until `stop` says so or its sender is dropped.
    pub async fn run(self, mut stop: tokio::sync::watch::Receiver<bool>) {
        loop {
            if *stop.borrow() || stop.has_changed().is_err() {
                return;
            }
            let worked = match self
                .outbox
                .claim(self.settings.lease, BATCH, self.clock.now())
                .await
            {
                Ok(jobs) => {
                    let n = jobs.len();
                    let sent: Vec<String> = futures_util::stream::iter(jobs)
                        .map(|job| self.deliver(job))
                        .buffer_unordered(self.transport.parallelism())
                        .filter_map(|sent| async move { sent })
                        .collect()
                        .await;
                    // One write for the whole batch: the single SQLite writer is shared with
                    // the requests.
                    if let Err(e) = self.outbox.sent(&sent, self.clock.now()).await {
                        // The messages went out; their leases lapse and they may go once more
                        // (same Message-ID). At-least-once is the contract.
                        tracing::error!(error = %e, "emails sent but not marked");
                    }
                    n > 0
                }
                Err(e) => {
                    tracing::warn!(error = %e, "outbox: cannot claim rows");
                    false
                }
            };
            if !worked {
                tokio::select! {
                    _ = self.wake.notified() => {}
                    _ = tokio::time::sleep(IDLE_POLL) => {}
                    _ = stop.changed() => {}
                }
            }
        }
    }

    /// Sends one message; `Some(id)` when it went out (the caller marks the batch sent).
    #[tracing::instrument(skip_all, fields(outbox_id = %job.id, attempt = job.attempts))]
    async fn deliver(&self, job: OutboxJob) -> Option<String> {
        let now = self.clock.now();
        let domain = job
            .recipient
            .rsplit('@')
            .next()
            .unwrap_or_default()
            .to_owned();
        let (email, message) = match self.prepare(&job) {
            Ok(ok) => ok,
            Err(reason) => {
                self.fail(&job, &reason).await;
                return None;
            }
        };
        if now >= job.deadline {
            self.fail(&job, "expired before delivery").await;
            return None;
        }
        match self.transport.send(&email, message).await {
            Ok(()) => {
                tracing::info!(event = "email_sent", recipient_domain = %domain, "email sent");
                return Some(job.id);
            }
            Err(e) if e.permanent => self.fail(&job, &e.reason).await,
            Err(e) => {
                let at = self.clock.now() + self.backoff(job.attempts);
                if at >= job.deadline {
                    self.fail(&job, &format!("gave up before expiry: {}", e.reason))
                        .await;
                    return None;
                }
                tracing::warn!(event = "email_retry", recipient_domain = %domain, reason = %e.reason, "temporary failure, will retry");
                if let Err(e) = self.outbox.retry_at(&job.id, at, &e.reason).await {
                    tracing::error!(error = %e, "cannot schedule retry");
                }
            }
        }
        None
    }

    fn prepare(&self, job: &OutboxJob) -> Result<(super::OutgoingEmail, lettre::Message), String> {
        let plain = self
            .keys
            .open(&job.payload)
            .ok_or("payload cannot be opened (signing key removed?)")?;
        let payload: OutboxPayload =
            serde_json::from_slice(&plain).map_err(|_| "payload is not an email Iris knows")?;
        let brand = Branding {
            product_name: &self.settings.product_name,
            accent_color: &self.settings.accent_color,
        };
        let email = match payload {
            OutboxPayload::AddressChange(payload) => {
                let tr = self.i18n.for_tag(Some(&payload.locale));
                address_change_email(&brand, &tr, &job.id, &job.recipient, &payload)
            }
            OutboxPayload::SignIn(payload) => {
                let tr = self.i18n.for_tag(payload.locale.as_deref());
                sign_in_email(&brand, &tr, &job.id, &job.recipient, &payload)
            }
            OutboxPayload::Plain { subject, text } => {
                plain_email(&job.id, &job.recipient, subject, text)
            }
        };
        let message = build_message(&email, &self.settings.from, &self.settings.message_id_host)
            .map_err(|e| e.reason)?;
        Ok((email, message))
    }

    async fn fail(&self, job: &OutboxJob, reason: &str) {
        tracing::warn!(event = "email_failed", %reason, "email delivery failed for good");
        if let Err(e) = self.outbox.failed(&job.id, reason, self.clock.now()).await {
            tracing::error!(error = %e, "cannot mark email failed");
        }
    }

    /// Equal jitter: half the exponential delay fixed, half random, capped at `retry_max`.
    fn backoff(&self, attempts: u32) -> time::Duration {
        let exp = self
            .settings
            .retry_base
            .saturating_mul(1u32 << attempts.saturating_sub(1).min(16))
            .min(self.settings.retry_max);
        let half = exp / 2;
        let jitter = rand::rngs::OsRng.gen_range(Duration::ZERO..=half);
        time::Duration::try_from(half + jitter).unwrap_or(time::Duration::MINUTE)
    }
}
