//! Approach 1: Kratos's recovery flow, worded and behaving as "sign in" (kratos.md §2). The
//! email form asks Kratos for a recovery link or code; an emailed link lands on Iris's confirm
//! page, which never shows the token to Kratos on GET or HEAD (a mail scanner burns nothing),
//! and only its POST redeems it with the browser's cookies. Kratos then points at its settings
//! UI; Iris sends the browser to `return_to` instead (kratos#2371).
//!
//! Recovery cannot register anyone: with sign-up on, an unknown address becomes an identity
//! through the admin API first. Every address costs Kratos the same calls in the same order:
//! with sign-up on a create (which Kratos refuses with a 409 for a known address), then the
//! flow and its submission; with sign-up off only the flow and its submission. With sign-up
//! off Kratos sends an unknown address nothing, and answers exactly as for a known one.
use super::kratos::KratosFlows;
use super::{Requester, SignInResult};
use crate::domain::credential::{CredentialView, Delivery, Redemption, Refusal};
use crate::domain::{EmailAddress, ReturnTo};
use crate::kratos::{flow_param, is_settings};
use crate::kratos::{Answer, CookieRelay, FlowBinding, FlowKind};
use crate::store::KratosRequest;
use time::OffsetDateTime;

impl KratosFlows {
    /// Asks Kratos to email a recovery link or code. `None`: already signed in at Kratos.
    pub(super) async fn request_recovery(
        &self,
        email: &EmailAddress,
        return_to: &ReturnTo,
        who: &Requester,
        relay: &mut CookieRelay,
    ) -> SignInResult<Option<String>> {
        // Recovery cannot register, so with sign-up on every address is created first. Every
        // address gets that same call, known ones included (Kratos answers 409, and nothing
        // changes), so that how Kratos is called never tells a known address from a new one.
        // With sign-up off there is no admin call at all: recovery alone, which Kratos answers
        // alike for every address and for an unknown one sends nothing.
        if self.config.allow_sign_up {
            if let Some(admin) = &self.client.admin {
                admin.create(email.as_str(), false).await?;
            }
        }
        let sent = self
            .send_code(FlowKind::Recovery, email, who, relay, true)
            .await?;
        // (Recovery answers alike for every address: it never reports an unknown one.)
        Ok(sent.binding(FlowKind::Recovery, email, return_to))
    }

    /// Records who asked for the flow just sent (see `KratosRequest`).
    pub(super) async fn remember(
        &self,
        sent: &str,
        who: &Requester,
        now: OffsetDateTime,
    ) -> SignInResult<()> {
        let Some(binding) = FlowBinding::parse(&format!("0|{sent}")) else {
            return Ok(());
        };
        if binding.kind.is_none() {
            return Ok(());
        }
        let request = KratosRequest {
            flow_id: binding.flow,
            email: binding.email.as_str().to_owned(),
            locale: who.locale.clone(),
            requested_by: who.browser.clone(),
            requested_at: now.unix_timestamp(),
            return_to: binding.return_to,
            expires_at: (now + self.config.code_lifespan).unix_timestamp(),
            used_at: None,
            voided_at: None,
        };
        Ok(self
            .requests
            .record_request(&request, binding.email.canonical())
            .await?)
    }

    /// The confirm page behind an emailed recovery link, and the "this wasn't me" page of any
    /// email Kratos sent: what Iris recorded when it asked. Never a call to Kratos (that would
    /// need the token).
    pub async fn inspect_recovery_link(&self, flow: &str) -> SignInResult<Option<CredentialView>> {
        let Some(request) = self.requests.request_by_flow(flow).await? else {
            return Ok(None);
        };
        let Ok(email) = EmailAddress::from_stored(&request.email) else {
            return Ok(None);
        };
        let now = self.clock.now();
        let requested_at = crate::store::from_unix(request.requested_at);
        let expires_at = crate::store::from_unix(request.expires_at);
        let id = format!(
            "{}|{}",
            request.requested_at,
            FlowBinding::encode(
                Some(FlowKind::Recovery),
                &request.flow_id,
                &email,
                &request.return_to
            )
        );
        Ok(Some(CredentialView {
            id,
            email,
            requested_at,
            requested_by: request.requested_by,
            expires_at,
            state: if request.voided_at.is_some() {
                Err(Refusal::Voided)
            } else if request.used_at.is_some() {
                Err(Refusal::Used)
            } else if now >= expires_at {
                Err(Refusal::Expired)
            } else {
                Ok(())
            },
            delivery: Delivery::Pending,
            next_send_at: requested_at + self.config.limits.cooldown,
            return_to: request.return_to,
            attempts: 0,
        }))
    }

    /// The confirm page's POST: Kratos redeems the token with the browser's cookies.
    #[tracing::instrument(skip_all, fields(email = tracing::field::Empty))]
    pub async fn confirm_recovery_link(
        &self,
        flow: &str,
        token: &str,
        relay: &mut CookieRelay,
    ) -> SignInResult<Redemption> {
        let Some(view) = self.inspect_recovery_link(flow).await? else {
            return Ok(Redemption::Refused(Refusal::Unknown));
        };
        tracing::Span::current().record("email", tracing::field::display(view.email.masked()));
        if let Err(refusal) = view.state {
            return Ok(Redemption::Refused(refusal));
        }
        let result = match self.client.redeem_recovery_link(flow, token, relay).await? {
            Answer::Redirect(to) if is_settings(&to) => Redemption::SignedIn {
                account: None,
                email: view.email.clone(),
                return_to: view.return_to.clone(),
                credential_id: flow.to_owned(),
            },
            Answer::Redirect(to) => match flow_param(&to) {
                Some(new_flow) => {
                    match self
                        .client
                        .get_flow(FlowKind::Recovery, &new_flow, relay)
                        .await?
                    {
                        Answer::Flow(f) => super::kratos::refusal_in(&f),
                        _ => Redemption::Refused(Refusal::Unknown),
                    }
                }
                None => Redemption::Refused(Refusal::Unknown),
            },
            _ => Redemption::Refused(Refusal::Unknown),
        };
        match &result {
            Redemption::SignedIn { .. } => {
                self.requests
                    .mark_request_used(flow, self.clock.now())
                    .await?;
                self.limits.clear_failures(&view.email).await?;
                tracing::info!(
                    event = "authn_login_success",
                    "signed in with a Kratos link"
                );
            }
            other => {
                tracing::info!(event = "authn_login_fail", outcome = ?other, "Kratos link refused")
            }
        }
        Ok(result)
    }
}
