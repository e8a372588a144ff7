//! Changing the address of an account Iris holds (SECURITY.md item 28). The signed-in person
//! asks; the new address gets a link and a code; only their use moves the account, and the
//! old address then gets a notice whose link undoes the change. The web layer checks that the
//! session is fresh (`session.reauth_after`) and ends sessions afterwards.
use super::{Requester, SignInResult};
use crate::clock::SharedClock;
use crate::domain::address_change::{ChangeOutcome, ChangeView, RevertOutcome};
use crate::domain::credential::{Account, SendLimits};
use crate::domain::{EmailAddress, MagicToken, OneTimeCode};
use crate::mail::address_change::{AddressChangeEmail, ChangeEmailKind};
use crate::mail::OutboxPayload;
use crate::secrets::{random_id, Keys, Mac32, Purpose};
use crate::store::{AddressChanges, AddressLimits, ChangeProof, ChangeRequest};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;
use url::Url;

#[derive(Clone)]
pub struct AddressChangeConfig {
    /// How long the new address's link and code work (`magic_link.ttl`).
    pub ttl: Duration,
    pub public_url: Url,
    /// The new address is written to under the same limits as a sign-in email.
    pub limits: SendLimits,
    pub max_attempts: u32,
    pub undo_within: Duration,
}

#[derive(Clone)]
pub struct AddressChange {
    pub store: Arc<dyn AddressChanges>,
    pub limits: Arc<dyn AddressLimits>,
    pub keys: Arc<Keys>,
    pub clock: SharedClock,
    pub wake: Arc<Notify>,
    pub config: AddressChangeConfig,
}

/// What asking for a change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeStarted {
    /// The new address's email is on its way.
    Sent { id: String },
    /// It is the account's address already.
    Same,
    /// Too many emails to that address: wait.
    Limited { retry_after: u64 },
}

impl AddressChange {
    #[tracing::instrument(skip_all, fields(account_id = %account.id))]
    pub async fn start(
        &self,
        account: &Account,
        new_email: EmailAddress,
        who: &Requester,
    ) -> SignInResult<ChangeStarted> {
        if new_email.canonical() == account.email.canonical() {
            return Ok(ChangeStarted::Same);
        }
        let now = self.clock.now();
        if let Some(refused) = self
            .limits
            .count_send(&new_email, self.config.limits, false, now)
            .await?
        {
            return Ok(ChangeStarted::Limited {
                retry_after: refused.retry_after().unwrap_or(60),
            });
        }
        let (token, code, undo) = (
            MagicToken::generate(),
            OneTimeCode::generate(),
            MagicToken::generate(),
        );
        let id = random_id();
        let expires_at = now + self.config.ttl;
        let email = |kind, link, code: &str, lifetime, new_email: &str| AddressChangeEmail {
            address_change: kind,
            link,
            code: code.to_owned(),
            requested_at: now.unix_timestamp(),
            requested_by: who.browser.clone(),
            lifetime,
            new_email: new_email.to_owned(),
            locale: who.locale.clone(),
        };
        let confirm = email(
            ChangeEmailKind::Confirm,
            self.link("/account/email/confirm", &token),
            code.expose(),
            (self.config.ttl.as_secs() / 60).max(1) as i64,
            "",
        );
        let notice = email(
            ChangeEmailKind::Notice,
            self.link("/account/email/undo", &undo),
            "",
            (self.config.undo_within.as_secs() / 86_400).max(1) as i64,
            &new_email.masked(),
        );
        let seal = |e| {
            self.keys
                .seal(&serde_json::to_vec(&OutboxPayload::AddressChange(e)).unwrap_or_default())
        };
        let request = ChangeRequest {
            token_hash: self.keys.mac(Purpose::ChangeToken, &[token.as_bytes()]),
            code_hash: self.keys.mac(Purpose::ChangeCode, &code.bound_to(&id)),
            revert_hash: self.keys.mac(Purpose::UndoToken, &[undo.as_bytes()]),
            id: id.clone(),
            account_id: account.id.clone(),
            old_email: account.email.clone(),
            new_email,
            requested_by: who.browser.clone(),
            expires_at,
            outbox_id: random_id(),
            sealed_confirm: seal(confirm),
            notice_outbox_id: random_id(),
            sealed_notice: seal(notice),
        };
        self.store.start_change(request, now).await?;
        self.wake.notify_one();
        tracing::info!(
            event = "address_change_requested",
            "address change asked for"
        );
        Ok(ChangeStarted::Sent { id })
    }

    /// Read-only, for the pages.
    pub async fn pending(&self, id: &str) -> SignInResult<Option<ChangeView>> {
        let now = self.clock.now();
        Ok(self
            .store
            .change_by_id(id, self.config.max_attempts, now)
            .await?)
    }

    pub async fn inspect_link(&self, token: &MagicToken) -> SignInResult<Option<ChangeView>> {
        let macs = self.keys.macs(Purpose::ChangeToken, &[token.as_bytes()]);
        let now = self.clock.now();
        Ok(self
            .store
            .change_by_token(&macs, self.config.max_attempts, now)
            .await?)
    }

    pub async fn inspect_undo(&self, token: &MagicToken) -> SignInResult<Option<ChangeView>> {
        let macs = self.undo_macs(token);
        let now = self.clock.now();
        Ok(self
            .store
            .change_by_revert_token(&macs, self.config.max_attempts, now)
            .await?)
    }

    pub async fn confirm_link(&self, token: &MagicToken) -> SignInResult<ChangeOutcome> {
        let macs = self.keys.macs(Purpose::ChangeToken, &[token.as_bytes()]);
        self.confirm(ChangeProof::Link(&macs)).await
    }

    pub async fn submit_code(&self, id: &str, code: &OneTimeCode) -> SignInResult<ChangeOutcome> {
        let macs = self.keys.macs(Purpose::ChangeCode, &code.bound_to(id));
        self.confirm(ChangeProof::Code {
            id,
            code_hashes: &macs,
        })
        .await
    }

    async fn confirm(&self, proof: ChangeProof<'_>) -> SignInResult<ChangeOutcome> {
        let outcome = self
            .store
            .confirm_change(
                proof,
                self.config.max_attempts,
                self.config.undo_within,
                self.clock.now(),
            )
            .await?;
        match &outcome {
            ChangeOutcome::Changed(view) => {
                self.wake.notify_one();
                tracing::info!(event = "user_updated", account_id = %view.account_id, "address changed");
            }
            other => {
                tracing::info!(event = "address_change_refused", outcome = ?other, "address change refused")
            }
        }
        Ok(outcome)
    }

    /// The old address's undo. The caller ends the account's sessions.
    pub async fn undo(&self, token: &MagicToken) -> SignInResult<RevertOutcome> {
        let outcome = self
            .store
            .revert_change(
                &self.undo_macs(token),
                self.config.max_attempts,
                self.clock.now(),
            )
            .await?;
        if let RevertOutcome::Reverted(view) = &outcome {
            tracing::warn!(event = "address_change_undone", account_id = %view.account_id, "address change undone by the old address");
        }
        Ok(outcome)
    }

    fn undo_macs(&self, token: &MagicToken) -> Vec<Mac32> {
        self.keys.macs(Purpose::UndoToken, &[token.as_bytes()])
    }

    /// SECURITY: built from `server.public_url` only, never from the request.
    fn link(&self, path: &str, token: &MagicToken) -> String {
        let mut url = self.config.public_url.clone();
        url.set_path(path);
        url.query_pairs_mut().append_pair("token", &token.expose());
        url.into()
    }
}
