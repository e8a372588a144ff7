//! Approach 3: Iris's own link + code. Sessions are Iris's own (the embedded default), or with
//! `magic_link.sessions = "kratos"` Kratos's: the identity is found or created in Kratos on
//! the first successful use, and Kratos's session is handed to the browser
//! (`kratos::handover`). Kratos sends no email either way.
use super::{NotMe, Requester, SignInResult, Started, Trust};
use crate::clock::SharedClock;
use crate::domain::credential::{
    Backoff, CodeEntry, CredentialView, FailurePolicy, IssueOutcome, Redemption, Refusal,
    SendLimits, Voiding,
};
use crate::domain::{EmailAddress, MagicToken, OneTimeCode, ReturnTo};
use crate::kratos::{CookieRelay, HandedOver, KratosClient};
use crate::mail::{OutboxPayload, SignInEmail};
use crate::secrets::{random_id, Keys, Purpose};
use crate::store::{IssueRequest, Recipients, SignInStore};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;
use url::Url;

#[derive(Clone)]
pub struct MagicLinkConfig {
    pub ttl: Duration,
    pub allow_sign_up: bool,
    pub public_url: Url,
    pub limits: SendLimits,
    pub failures: FailurePolicy,
    /// How long "this wasn't me" holds the address (`limits.not_me_hold`).
    pub not_me_hold: Duration,
}

#[derive(Clone)]
pub struct MagicLink {
    pub store: Arc<dyn SignInStore>,
    pub keys: Arc<Keys>,
    pub clock: SharedClock,
    pub config: MagicLinkConfig,
    /// Wakes the outbox worker after a commit.
    pub wake: Arc<Notify>,
    /// `magic_link.sessions = "kratos"`: Kratos owns identities and sessions.
    pub kratos: Option<KratosClient>,
}

impl MagicLink {
    /// Security events inside carry the masked address (SECURITY.md item 52).
    #[tracing::instrument(skip_all, fields(email = %email.masked()))]
    pub async fn start(
        &self,
        email: EmailAddress,
        return_to: &ReturnTo,
        who: &Requester,
    ) -> SignInResult<Started> {
        let now = self.clock.now();
        let token = MagicToken::generate();
        let code = OneTimeCode::generate();
        let credential_id = random_id();
        let expires_at = now + self.config.ttl;
        let payload = SignInEmail {
            link: Some(self.link("/login/link", &token)),
            // SECURITY: the same token, on a page whose GET changes nothing (scanners follow
            // it) and whose POST only ever takes away: one secret per email, and whoever holds
            // the email is exactly who may stop it.
            not_me: Some(self.link("/login/not-me", &token)),
            code: code.expose().to_owned(),
            requested_at: now.unix_timestamp(),
            requested_by: Some(who.browser.clone()),
            expires_at: expires_at.unix_timestamp(),
            locale: Some(who.locale.clone()),
        };
        let sealed = self
            .keys
            .seal(&serde_json::to_vec(&OutboxPayload::SignIn(payload)).unwrap_or_default());
        let trusted = who.device.knows(&self.keys, &email);
        // With Kratos's identities, "known" is Kratos's to say. Every address costs this one
        // lookup, so known and unknown ones cannot be told apart by timing.
        // Iris's own accounts table is not asked then: an identity deleted in Kratos gets no
        // email, whatever Iris once recorded for it.
        let recipients = match (&self.kratos, self.config.allow_sign_up) {
            (_, true) => Recipients::Anyone,
            (Some(kratos), false) => {
                Recipients::Decided(kratos.identity_exists(email.canonical()).await? == Some(true))
            }
            (None, false) => Recipients::Accounts,
        };
        let request = IssueRequest {
            email,
            recipients,
            token_hash: self.keys.mac(Purpose::LinkToken, &[token.as_bytes()]),
            code_hash: self.code_mac(&credential_id, &code),
            credential_id,
            return_to: return_to.as_str().to_owned(),
            requested_by: who.browser.clone(),
            requested_ip: who.ip.clone(),
            expires_at,
            outbox_id: random_id(),
            sealed_payload: sealed,
            limits: self.config.limits,
            trusted,
        };
        let outcome = self.store.issue(request, now).await?;
        if let IssueOutcome::Issued { .. } = outcome {
            self.wake.notify_one();
            tracing::info!(event = "authn_token_created", "sign-in email queued");
        }
        Ok(super::started(outcome))
    }

    pub async fn pending(
        &self,
        credential_id: &str,
        trust: Trust<'_>,
    ) -> SignInResult<Option<CredentialView>> {
        let view = self
            .store
            .credential_by_id(
                credential_id,
                self.config.limits.cooldown,
                self.config.failures,
                self.clock.now(),
            )
            .await?;
        Ok(view.map(|v| {
            let backoff = trust.backoff(&self.keys, &v.email);
            v.for_browser(backoff)
        }))
    }

    /// Links are not held back by the account's failure back-off (they cannot be guessed).
    pub async fn inspect_link(&self, token: &MagicToken) -> SignInResult<Option<CredentialView>> {
        let view = self
            .store
            .credential_by_token(
                &self.token_macs(token),
                self.config.limits.cooldown,
                self.config.failures,
                self.clock.now(),
            )
            .await?;
        Ok(view.map(|v| v.for_browser(Backoff::Exempt)))
    }

    #[tracing::instrument(skip_all)]
    pub async fn confirm_link(
        &self,
        token: &MagicToken,
        relay: &mut CookieRelay,
    ) -> SignInResult<Redemption> {
        let now = self.clock.now();
        let macs = self.token_macs(token);
        // The credential's id, to give it back if Kratos then fails.
        let id = self
            .store
            .credential_by_token(&macs, Duration::ZERO, self.config.failures, now)
            .await?
            .map(|v| v.id);
        let result = self
            .store
            .redeem_link(&macs, self.config.failures, now)
            .await?;
        let result = match id {
            Some(id) => self.hand_over(result, &id, now, relay).await?,
            None => result,
        };
        log_redemption(&result);
        Ok(result)
    }

    /// With Kratos sessions: a redeemed credential becomes a Kratos session. If Kratos cannot
    /// be reached, the credential is given back (the email still works) and the caller
    /// answers 503: nothing granted, nothing lost.
    async fn hand_over(
        &self,
        result: Redemption,
        credential_id: &str,
        used_at: time::OffsetDateTime,
        relay: &mut CookieRelay,
    ) -> SignInResult<Redemption> {
        let (
            Some(kratos),
            Redemption::SignedIn {
                email, return_to, ..
            },
        ) = (&self.kratos, &result)
        else {
            return Ok(result);
        };
        match kratos
            .sign_in_as(email.as_str(), self.config.allow_sign_up, relay)
            .await
        {
            Ok(HandedOver::SignedIn) => Ok(Redemption::SignedIn {
                account: None,
                email: email.clone(),
                return_to: return_to.clone(),
                credential_id: credential_id.to_owned(),
            }),
            Ok(HandedOver::NoIdentity) => Ok(Redemption::Refused(Refusal::Unknown)),
            Err(e) => {
                if let Err(undo) = self.store.release(credential_id, used_at).await {
                    tracing::error!(error = %undo, "cannot give back a credential");
                }
                Err(e.into())
            }
        }
    }

    /// "This wasn't me": voids the email's link and code and holds its address
    /// (`SignInStore::void_credential`). With Kratos's sessions, a session made with it is
    /// Kratos's: Kratos's sessions name no Iris credential, so Iris cannot tell that one from
    /// the owner's own, and ends every session of the identity (the owner's known devices get
    /// back in past the hold). Iris's own sessions are the web layer's to end (it knows their
    /// state): the answer names the account.
    pub async fn not_me(&self, token: &MagicToken) -> SignInResult<NotMe> {
        let now = self.clock.now();
        let macs = self.token_macs(token);
        // Kratos first when the email was used: if Kratos cannot be reached, the 503 leaves the
        // email as it was and a second press tries again. (A void answered `again` never calls
        // Kratos: that could end a session the owner made since.)
        let mut kratos_sessions_ended = false;
        if let Some(kratos) = &self.kratos {
            let view = self
                .store
                .credential_by_token(&macs, Duration::ZERO, self.config.failures, now)
                .await?;
            if let Some(v) = view.filter(|v| v.state == Err(Refusal::Used)) {
                kratos_sessions_ended = kratos.end_sessions_of(v.email.as_str()).await?;
            }
        }
        let voiding = self
            .store
            .void_credential(&macs, self.config.not_me_hold, now)
            .await?;
        // Used between the read and the void (a race): its session is ended now.
        if let (
            Some(kratos),
            false,
            Voiding::Voided {
                email,
                used_by: Some(_),
                again: false,
                ..
            },
        ) = (&self.kratos, kratos_sessions_ended, &voiding)
        {
            kratos_sessions_ended = kratos.end_sessions_of(email.as_str()).await?;
        }
        Ok(NotMe {
            voiding,
            kratos_sessions_ended,
            hold: self.config.not_me_hold,
        })
    }

    /// Events inside carry the credential (an opaque id) and the masked address once known.
    #[tracing::instrument(skip_all, fields(credential = %super::credential_ref(credential_id), email = tracing::field::Empty))]
    pub async fn submit_code(
        &self,
        credential_id: &str,
        code: &OneTimeCode,
        trust: Trust<'_>,
        relay: &mut CookieRelay,
    ) -> SignInResult<Redemption> {
        let macs: Vec<_> = self.keys.macs(Purpose::Code, &code.bound_to(credential_id));
        let now = self.clock.now();
        // Whose back-off applies depends on the address: read it first. Events name it
        // (masked) on failure; a success names the account.
        let view = self
            .store
            .credential_by_id(
                credential_id,
                self.config.limits.cooldown,
                self.config.failures,
                now,
            )
            .await?;
        let entry = match &view {
            Some(v) => trust.code_entry(&self.keys, &v.email),
            None => CodeEntry {
                backoff: Backoff::Applies,
                uses_tries: false,
            },
        };
        let result = self
            .store
            .redeem_code(credential_id, &macs, self.config.failures, entry, now)
            .await?;
        if let (false, Some(view)) = (matches!(result, Redemption::SignedIn { .. }), &view) {
            tracing::Span::current().record("email", tracing::field::display(view.email.masked()));
        }
        let result = self.hand_over(result, credential_id, now, relay).await?;
        log_redemption(&result);
        Ok(result)
    }

    fn token_macs(&self, token: &MagicToken) -> Vec<crate::secrets::Mac32> {
        self.keys.macs(Purpose::LinkToken, &[token.as_bytes()])
    }

    fn code_mac(&self, credential_id: &str, code: &OneTimeCode) -> crate::secrets::Mac32 {
        self.keys.mac(Purpose::Code, &code.bound_to(credential_id))
    }

    /// SECURITY: built from `server.public_url` only, never from Host or X-Forwarded-* headers.
    fn link(&self, path: &str, token: &MagicToken) -> String {
        let mut url = self.config.public_url.clone();
        url.set_path(path);
        url.query_pairs_mut().append_pair("token", &token.expose());
        url.into()
    }
}

pub(super) fn log_redemption(result: &Redemption) {
    match result {
        Redemption::SignedIn { account, .. } => {
            let id = account.as_ref().map(|a| a.id.as_str()).unwrap_or_default();
            tracing::info!(event = "authn_login_success", account_id = %id, "signed in")
        }
        Redemption::WrongCode { attempts_left } => {
            tracing::info!(event = "authn_login_fail", attempts_left = ?attempts_left, "wrong code")
        }
        Redemption::Refused(why) => {
            tracing::info!(event = "authn_login_fail", reason = ?why, "credential refused")
        }
    }
}
