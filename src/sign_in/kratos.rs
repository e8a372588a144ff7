//! The Kratos approaches, driven server-side with the browser's cookies:
//! - **`kratos-code`** (approach 2): one "continue with email" form; a known address gets a
//!   login code, an unknown one a registration code when sign-up is on, and either way the
//!   browser sees the same pages (Kratos's 4000035 "account does not exist" never reaches them).
//! - **`kratos-recovery`** (approach 1, `kratos_recovery.rs`): Kratos's recovery flow, by link
//!   or code, worded and behaving as "sign in".
//!
//! Iris's per-address limits and failure counts apply on top of Kratos's 5-submissions-per-flow
//! rule. The browser's binding names the flow (`kratos::FlowBinding`).
use super::{Requester, SignInResult, Started, Trust, User};
use crate::clock::SharedClock;
use crate::domain::credential::{
    CredentialView, Delivery, FailurePolicy, Redemption, Refusal, SendLimits,
};
use crate::domain::{EmailAddress, OneTimeCode, ReturnTo};
use crate::kratos::{
    flow_param, ids, is_settings, Answer, CookieRelay, Flow, FlowBinding, FlowKind, KratosClient,
    Session, LOCALE_FIELD,
};
use crate::store::{AddressLimits, KratosRequests};
use std::time::Duration;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

#[derive(Clone)]
pub struct KratosConfig {
    pub allow_sign_up: bool,
    pub limits: SendLimits,
    pub failures: FailurePolicy,
    /// How long Kratos's codes and links live (`kratos.code_lifespan`, or `magic_link.ttl`
    /// for recovery links).
    pub code_lifespan: Duration,
    /// How long "this wasn't me" holds the address (`limits.not_me_hold`).
    pub not_me_hold: Duration,
}

/// Which Kratos strategy signs people in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KratosMode {
    /// `kratos-code`: login and registration by code.
    Code,
    /// `kratos-recovery` with `kratos.recovery_method`.
    Recovery(RecoveryMethod),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecoveryMethod {
    Link,
    Code,
}

#[derive(Clone)]
pub struct KratosFlows {
    pub mode: KratosMode,
    pub client: KratosClient,
    /// Per-address limits and failures (Kratos has none of its own).
    pub limits: std::sync::Arc<dyn AddressLimits>,
    /// What Iris asked Kratos for, for the pages and emails that follow.
    pub requests: std::sync::Arc<dyn KratosRequests>,
    /// For known-device cookies (see `trust`).
    pub keys: std::sync::Arc<crate::secrets::Keys>,
    pub clock: SharedClock,
    pub config: KratosConfig,
}

impl KratosFlows {
    /// Security events inside carry the masked address (SECURITY.md item 52).
    #[tracing::instrument(skip_all, fields(email = %email.masked()))]
    pub async fn start(
        &self,
        email: EmailAddress,
        return_to: &ReturnTo,
        who: &Requester,
        relay: &mut CookieRelay,
    ) -> SignInResult<Started> {
        let now = self.clock.now();
        if let Some(refused) = self
            .limits
            .count_send(
                &email,
                self.config.limits,
                who.device.knows(&self.keys, &email),
                now,
            )
            .await?
        {
            return Ok(super::started(refused));
        }
        let asked = match self.mode {
            KratosMode::Code => self.request_code(&email, return_to, who, relay).await,
            // Link or code: the submission's body says which (`send_code`).
            KratosMode::Recovery(_) => self.request_recovery(&email, return_to, who, relay).await,
        };
        let sent = match asked {
            Ok(sent) => sent,
            Err(e) => {
                // Nothing was sent: give the attempt back before answering 503.
                if let Err(undo) = self.limits.uncount_send(&email, now).await {
                    tracing::warn!(error = %undo, "cannot take back a send count");
                }
                return Err(e);
            }
        };
        let Some(sent) = sent else {
            // Nothing was sent: the send count goes back too.
            self.limits.uncount_send(&email, now).await?;
            return Ok(Started::AlreadySignedIn);
        };
        tracing::info!(event = "authn_token_created", "Kratos email requested");
        self.remember(&sent, who, now).await?;
        Ok(Started::Sent {
            credential_id: format!("{}|{sent}", now.unix_timestamp()),
        })
    }

    /// Asks Kratos for a login code, or a registration code for an unknown address when sign-up
    /// is on. `None`: the browser is already signed in at Kratos.
    async fn request_code(
        &self,
        email: &EmailAddress,
        return_to: &ReturnTo,
        who: &Requester,
        relay: &mut CookieRelay,
    ) -> SignInResult<Option<String>> {
        // With the admin API, ask first: then a known and an unknown address each cost the same
        // three calls (lookup, create, submit). Without it, an unknown address costs two more.
        let first = match self.client.identity_exists(email.canonical()).await? {
            Some(false) if self.config.allow_sign_up => FlowKind::Registration,
            Some(false) => {
                // SECURITY: nothing to send, but a flow is created all the same, so the
                // browser gets the same cookies and the answer takes a similar time.
                self.client
                    .create_flow(FlowKind::Login, relay, None)
                    .await?;
                return Ok(Some(FlowBinding::encode(
                    None,
                    "",
                    email,
                    return_to.as_str(),
                )));
            }
            Some(true) | None => FlowKind::Login,
        };
        if first == FlowKind::Registration {
            let sent = self.send_code(first, email, who, relay, true).await?;
            return Ok(sent.binding(first, email, return_to));
        }
        Ok(
            match self
                .send_code(FlowKind::Login, email, who, relay, true)
                .await?
            {
                Sent::UnknownAccount if self.config.allow_sign_up => self
                    .send_code(FlowKind::Registration, email, who, relay, true)
                    .await?
                    .binding(FlowKind::Registration, email, return_to),
                // SECURITY: with sign-up off, the same page and nothing sent: the address's
                // existence stays unknown.
                sent => sent.binding(FlowKind::Login, email, return_to),
            },
        )
    }

    /// Creates a flow and asks Kratos to email a code (or a recovery link). A CSRF failure
    /// (stale Kratos cookies in the browser) is retried once with a fresh flow and only the
    /// cookies Kratos just set.
    pub(super) async fn send_code(
        &self,
        kind: FlowKind,
        email: &EmailAddress,
        who: &Requester,
        relay: &mut CookieRelay,
        retry_csrf: bool,
    ) -> SignInResult<Sent> {
        let flow = match self.client.create_flow(kind, relay, None).await? {
            Answer::Flow(flow) => flow,
            Answer::Error(_, e) if e.error.id.as_deref() == Some("session_already_available") => {
                return Ok(Sent::SignedIn)
            }
            other => return Err(unexpected("creating a flow", &other)),
        };
        // Kratos hands the transient payload to its courier, and so to Iris's courier hook:
        // the email is written in the asking browser's language.
        let payload = serde_json::json!({ LOCALE_FIELD: who.locale });
        let body = match (kind, self.mode) {
            (FlowKind::Login, _) => serde_json::json!({
                "method": "code", "identifier": email.as_str(), "transient_payload": payload
            }),
            (FlowKind::Registration, _) => serde_json::json!({
                "method": "code", "traits": { "email": email.as_str() }, "transient_payload": payload
            }),
            (_, KratosMode::Recovery(RecoveryMethod::Link)) => serde_json::json!({
                "method": "link", "email": email.as_str()
            }),
            (_, _) => serde_json::json!({
                "method": "code", "email": email.as_str(), "transient_payload": payload
            }),
        };
        match self.client.submit(&flow, relay, body).await? {
            Answer::Flow(f) if f.code_sent() => Ok(Sent::Code(f.id)),
            Answer::Flow(f) if f.has_message(ids::ACCOUNT_DOES_NOT_EXIST) => {
                Ok(Sent::UnknownAccount)
            }
            Answer::Error(status, e)
                if retry_csrf
                    && status == 403
                    && e.error.id.as_deref() == Some("security_csrf_violation") =>
            {
                relay.forget_browser_cookies();
                Box::pin(self.send_code(kind, email, who, relay, false)).await
            }
            Answer::SignedIn(_) => Ok(Sent::SignedIn),
            other => Err(unexpected("asking for a code", &other)),
        }
    }

    pub async fn pending(
        &self,
        id: &str,
        relay: &mut CookieRelay,
    ) -> SignInResult<Option<CredentialView>> {
        let Some(binding) = FlowBinding::parse(id) else {
            return Ok(None);
        };
        let now = self.clock.now();
        let state = match binding.kind {
            None => Ok(()),
            Some(kind) => match self.client.get_flow(kind, &binding.flow, relay).await? {
                Answer::Flow(f) if f.has_message(ids::SUBMITTED_TOO_OFTEN) => {
                    Err(Refusal::TooManyAttempts)
                }
                Answer::Flow(f) if f.has_message(ids::RECOVERY_EXPIRED) => Err(Refusal::Expired),
                Answer::Flow(_) => Ok(()),
                Answer::Error(status, _) if status == 410 => Err(Refusal::Expired),
                Answer::Error(..) | Answer::SignedIn(_) | Answer::Redirect(_) => {
                    Err(Refusal::Unknown)
                }
            },
        };
        // A back-off in force shows when a code is submitted (checked there, in the store).
        let next_send_at = crate::store::from_unix(binding.sent_at) + self.config.limits.cooldown;
        Ok(Some(CredentialView {
            id: id.to_owned(),
            email: binding.email,
            requested_at: now,
            requested_by: String::new(),
            expires_at: now + self.config.code_lifespan,
            state,
            delivery: Delivery::Pending,
            next_send_at,
            return_to: binding.return_to,
            attempts: 0,
        }))
    }

    /// Events inside carry the credential (an opaque id) and the masked address once known.
    #[tracing::instrument(skip_all, fields(credential = %super::credential_ref(id), email = tracing::field::Empty))]
    pub async fn submit_code(
        &self,
        id: &str,
        code: &OneTimeCode,
        trust: Trust<'_>,
        relay: &mut CookieRelay,
    ) -> SignInResult<Redemption> {
        let Some(binding) = FlowBinding::parse(id) else {
            return Ok(Redemption::Refused(Refusal::Unknown));
        };
        tracing::Span::current().record("email", tracing::field::display(binding.email.masked()));
        let now = self.clock.now();
        // SECURITY: an email stopped with "this wasn't me" is refused here (Kratos itself cannot
        // void its flow: see `not_me`).
        let request = self.requests.request_by_flow(&binding.flow).await?;
        if request.is_some_and(|r| r.voided_at.is_some()) {
            tracing::info!(
                event = "authn_login_fail",
                reason = "voided",
                "Kratos code refused"
            );
            return Ok(Redemption::Refused(Refusal::Voided));
        }
        // Kratos counts tries per flow, not per browser, so only a known device is exempt here.
        let exempt = trust.device.knows(&self.keys, &binding.email);
        if let (false, Some(retry_after)) =
            (exempt, self.limits.locked_for(&binding.email, now).await?)
        {
            return Ok(Redemption::Refused(Refusal::Locked { retry_after }));
        }
        let result = match binding.kind {
            None => Redemption::WrongCode {
                attempts_left: None,
            },
            Some(kind) => self.redeem(kind, &binding, code, relay).await?,
        };
        match &result {
            Redemption::SignedIn { .. } => {
                // "This wasn't me" may then still stop it after it expires.
                self.requests.mark_request_used(&binding.flow, now).await?;
                self.limits.clear_failures(&binding.email).await?;
                tracing::info!(
                    event = "authn_login_success",
                    "signed in with a Kratos code"
                );
            }
            Redemption::WrongCode { .. } => {
                self.limits
                    .record_failure(&binding.email, self.config.failures, now)
                    .await?;
                tracing::info!(event = "authn_login_fail", "wrong Kratos code");
            }
            Redemption::Refused(why) => {
                tracing::info!(event = "authn_login_fail", reason = ?why, "Kratos code refused")
            }
        }
        Ok(result)
    }

    async fn redeem(
        &self,
        kind: FlowKind,
        binding: &FlowBinding,
        code: &OneTimeCode,
        relay: &mut CookieRelay,
    ) -> SignInResult<Redemption> {
        let flow: Flow = match self.client.get_flow(kind, &binding.flow, relay).await? {
            Answer::Flow(f) => f,
            Answer::Error(status, _) if status == 410 => {
                return Ok(Redemption::Refused(Refusal::Expired))
            }
            _ => return Ok(Redemption::Refused(Refusal::Unknown)),
        };
        let email = binding.email.as_str();
        let body = match kind {
            FlowKind::Login => {
                serde_json::json!({ "method": "code", "code": code.expose(), "identifier": email })
            }
            FlowKind::Registration => serde_json::json!({
                "method": "code", "code": code.expose(), "traits": { "email": email }
            }),
            // Never the address with a recovery code: to Kratos that means "send another".
            FlowKind::Recovery | FlowKind::Settings => {
                serde_json::json!({ "method": "code", "code": code.expose() })
            }
        };
        let signed_in = Redemption::SignedIn {
            account: None,
            email: binding.email.clone(),
            return_to: binding.return_to.clone(),
            credential_id: binding.flow.clone(),
        };
        Ok(match self.client.submit(&flow, relay, body).await? {
            Answer::SignedIn(_) => signed_in,
            // Recovery succeeds by sending the browser to the settings UI, session cookie set;
            // Iris sends it to `return_to` instead (kratos#2371).
            Answer::Redirect(to) if is_settings(&to) => signed_in,
            Answer::Redirect(to) => self.refusal_behind(kind, &to, relay).await?,
            Answer::Flow(f) => refusal_in(&f),
            Answer::Error(status, _) if status == 410 => Redemption::Refused(Refusal::Expired),
            other => return Err(unexpected("submitting a code", &other)),
        })
    }

    /// Kratos answered a code with a new flow (after the sixth try, or once it expired): why.
    async fn refusal_behind(
        &self,
        kind: FlowKind,
        location: &str,
        relay: &mut CookieRelay,
    ) -> SignInResult<Redemption> {
        let Some(flow) = flow_param(location) else {
            return Ok(Redemption::Refused(Refusal::Unknown));
        };
        Ok(match self.client.get_flow(kind, &flow, relay).await? {
            Answer::Flow(f) => match refusal_in(&f) {
                Redemption::WrongCode { .. } => Redemption::Refused(Refusal::Unknown),
                other => other,
            },
            _ => Redemption::Refused(Refusal::Unknown),
        })
    }
}

pub(super) enum Sent {
    Code(String),
    UnknownAccount,
    SignedIn,
}

impl Sent {
    /// The browser's binding for what was sent (`None`: it is signed in already). An unknown
    /// address binds to nothing: codes for it are simply wrong.
    pub(super) fn binding(
        self,
        kind: FlowKind,
        email: &EmailAddress,
        return_to: &ReturnTo,
    ) -> Option<String> {
        match self {
            Sent::Code(flow) => Some(FlowBinding::encode(
                Some(kind),
                &flow,
                email,
                return_to.as_str(),
            )),
            Sent::SignedIn => None,
            Sent::UnknownAccount => Some(FlowBinding::encode(None, "", email, return_to.as_str())),
        }
    }
}

/// What the messages on a flow say about a submitted code or link.
pub(super) fn refusal_in(f: &Flow) -> Redemption {
    if f.has_message(ids::RECOVERY_TOKEN_INVALID) || f.has_message(ids::RECOVERY_DONE) {
        Redemption::Refused(Refusal::Used)
    } else if f.has_message(ids::SUBMITTED_TOO_OFTEN) {
        Redemption::Refused(Refusal::TooManyAttempts)
    } else if f.has_message(ids::RECOVERY_EXPIRED) {
        Redemption::Refused(Refusal::Expired)
    } else if f.has_message(ids::LOGIN_CODE_INVALID)
        || f.has_message(ids::REGISTRATION_CODE_INVALID)
        || f.has_message(ids::RECOVERY_CODE_INVALID)
    {
        Redemption::WrongCode {
            attempts_left: None,
        }
    } else {
        Redemption::Refused(Refusal::Unknown)
    }
}

fn unexpected(what: &str, answer: &Answer) -> super::SignInError {
    let detail = match answer {
        Answer::Flow(f) => format!(
            "flow in state {:?} with messages {:?}",
            f.state,
            f.message_ids().collect::<Vec<_>>()
        ),
        Answer::SignedIn(_) => "a session".to_owned(),
        Answer::Error(status, e) => format!("{status} {:?}", e.error.id),
        Answer::Redirect(to) => {
            format!("a redirect to {}", to.split('?').next().unwrap_or_default())
        }
    };
    crate::kratos::KratosError::Unexpected(format!("{what}: {detail}")).into()
}

pub(super) fn user(session: Session) -> User {
    let stamp = |s: &Option<String>| {
        s.as_deref()
            .and_then(|t| OffsetDateTime::parse(t, &Rfc3339).ok())
            .map(|t| t.unix_timestamp())
            .unwrap_or_default()
    };
    User {
        email: session.identity.email().unwrap_or_default().to_owned(),
        id: session.identity.id,
        authenticated_at: stamp(&session.authenticated_at),
        expires_at: stamp(&session.expires_at),
    }
}
