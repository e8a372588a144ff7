//! The sign-in approaches behind one enum: the only place that knows which one is running.
//! Handlers call these methods and never match on the approach themselves. Every method gets
//! the browser's cookie relay: Kratos flows need the browser's cookies and set their own.
mod address_change;
mod kratos;
mod kratos_recovery;
mod magic_link;
mod not_me;
mod outcome;
mod sessions;
mod trust;

pub use address_change::{AddressChange, AddressChangeConfig, ChangeStarted};
pub use kratos::{KratosConfig, KratosFlows, KratosMode, RecoveryMethod};
pub use magic_link::{MagicLink, MagicLinkConfig};
pub use not_me::{kratos_flow, kratos_link, NotMe, NotMeLink};
use outcome::started;
pub use sessions::{in_page_order, ActiveSession, Method};
pub use trust::{KnownDevice, Trust, KNOWN_DEVICE_ADDRESSES};

use crate::domain::credential::{CredentialView, Redemption, VoidRefusal};
use crate::domain::{EmailAddress, MagicToken, OneTimeCode, ReturnTo};
use crate::kratos::{CookieRelay, KratosError};
use crate::store::StoreError;

/// The approaches: Iris's own magic link (its sessions, or Kratos's), or a Kratos strategy
/// (`KratosMode`: code, or recovery by link or code).
#[derive(Clone)]
pub enum SignIn {
    MagicLink(MagicLink),
    Kratos(KratosFlows),
}

/// What the sign-in email carries, for the pages that talk about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailKind {
    LinkAndCode,
    Code,
    Link,
}

/// A link from a sign-in email: Iris's own token, or Kratos's recovery flow and token.
#[derive(Debug, Clone)]
pub enum EmailedLink {
    Iris(MagicToken),
    Recovery { flow: String, token: String },
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("the store is unavailable")]
    Unavailable(#[from] StoreError),
    #[error("Kratos is unavailable")]
    Kratos(#[from] KratosError),
}

pub type SignInResult<T> = Result<T, SignInError>;

/// What happened to a request for an email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Started {
    /// A new code (and link) is on its way.
    Sent { credential_id: String },
    /// An email went out moments ago; no second one yet. The earlier one still works.
    AlreadySent {
        credential_id: Option<String>,
        retry_after: u64,
    },
    /// Too many emails or failures for this address: wait.
    Limited { retry_after: u64 },
    /// Today's outbound budget (all addresses) is spent: no email until it renews.
    MailPaused { retry_after: u64 },
    /// The browser already has a session (Kratos said so): nothing to send.
    AlreadySignedIn,
}

/// Who asked, for the email and the confirm page.
#[derive(Debug, Clone)]
pub struct Requester {
    /// `i18n::browser_record`: product and system, worded per language when shown.
    pub browser: String,
    /// `domain::masked_ip` of the client (for the trail's "email requested").
    pub ip: String,
    /// The language tag the email is written in (the asking browser's).
    pub locale: String,
    /// The addresses this browser has signed in to before.
    pub device: KnownDevice,
}

/// The signed-in user, whoever holds the session.
#[derive(Debug, Clone)]
pub struct User {
    pub id: String,
    pub email: String,
    pub authenticated_at: i64,
    pub expires_at: i64,
}

/// A credential as logs name it: Iris's random id, or for Kratos the flow id in the binding
/// (never the rest of the binding, which holds the address).
pub(super) fn credential_ref(id: &str) -> &str {
    match id.split('|').nth(2) {
        Some(flow) => flow,
        None => id,
    }
}

impl SignIn {
    /// This approach for one server worker: Kratos's HTTP client gets its own pool there.
    pub fn for_worker(&self) -> SignIn {
        match self {
            SignIn::MagicLink(m) => SignIn::MagicLink(MagicLink {
                kratos: m.kratos.as_ref().map(|k| k.for_worker()),
                ..m.clone()
            }),
            SignIn::Kratos(k) => SignIn::Kratos(KratosFlows {
                client: k.client.for_worker(),
                ..k.clone()
            }),
        }
    }

    /// The address of the account or identity `subject` names (Hydra's subject: Iris's
    /// account id, or the Kratos identity's id), and whether it is verified. Iris's accounts
    /// exist only once their address was proven, so theirs always is.
    pub async fn email_of(&self, subject: &str) -> SignInResult<Option<(String, bool)>> {
        match self {
            SignIn::MagicLink(m) if m.kratos.is_none() => Ok(m
                .store
                .account_by_id(subject)
                .await?
                .map(|a| (a.email.as_str().to_owned(), true))),
            // Kratos holds the identities (check-config requires its admin API with Hydra).
            _ => match self.kratos().and_then(|k| k.admin.as_ref()) {
                Some(admin) => Ok(admin.email_of(subject).await?),
                None => Ok(None),
            },
        }
    }

    /// The Kratos client, where Kratos is involved at all.
    fn kratos(&self) -> Option<&crate::kratos::KratosClient> {
        match self {
            SignIn::MagicLink(m) => m.kratos.as_ref(),
            SignIn::Kratos(k) => Some(&k.client),
        }
    }

    pub async fn start(
        &self,
        email: EmailAddress,
        return_to: &ReturnTo,
        who: &Requester,
        relay: &mut CookieRelay,
    ) -> SignInResult<Started> {
        match self {
            SignIn::MagicLink(m) => m.start(email, return_to, who).await,
            SignIn::Kratos(k) => k.start(email, return_to, who, relay).await,
        }
    }

    /// A new email for the address of an earlier request (resend buttons: no retyping).
    pub async fn resend(
        &self,
        earlier: &CredentialView,
        who: &Requester,
        relay: &mut CookieRelay,
    ) -> SignInResult<Started> {
        let return_to = ReturnTo::trusted(earlier.return_to.clone());
        self.start(earlier.email.clone(), &return_to, who, relay)
            .await
    }

    /// What the check-your-inbox page shows for the request this browser is bound to.
    pub async fn pending(
        &self,
        id: &str,
        trust: Trust<'_>,
        relay: &mut CookieRelay,
    ) -> SignInResult<Option<CredentialView>> {
        match self {
            SignIn::MagicLink(m) => m.pending(id, trust).await,
            SignIn::Kratos(k) => k.pending(id, relay).await,
        }
    }

    /// What the page behind an emailed link shows. Never consumes anything, never shows the
    /// token to anyone.
    pub async fn inspect_link(&self, link: &EmailedLink) -> SignInResult<Option<CredentialView>> {
        match (self, link) {
            (SignIn::MagicLink(m), EmailedLink::Iris(token)) => m.inspect_link(token).await,
            (SignIn::Kratos(k), EmailedLink::Recovery { flow, .. })
                if k.mode == KratosMode::Recovery(RecoveryMethod::Link) =>
            {
                k.inspect_recovery_link(flow).await
            }
            _ => Ok(None),
        }
    }

    /// The confirm page's POST.
    pub async fn confirm_link(
        &self,
        link: &EmailedLink,
        relay: &mut CookieRelay,
    ) -> SignInResult<Redemption> {
        match (self, link) {
            (SignIn::MagicLink(m), EmailedLink::Iris(token)) => m.confirm_link(token, relay).await,
            (SignIn::Kratos(k), EmailedLink::Recovery { flow, token })
                if k.mode == KratosMode::Recovery(RecoveryMethod::Link) =>
            {
                k.confirm_recovery_link(flow, token, relay).await
            }
            _ => Ok(Redemption::Refused(
                crate::domain::credential::Refusal::Unknown,
            )),
        }
    }

    /// What the "this wasn't me" page shows. Never changes anything.
    pub async fn inspect_not_me(&self, link: &NotMeLink) -> SignInResult<Option<CredentialView>> {
        match (self, link) {
            (SignIn::MagicLink(m), NotMeLink::Iris(token)) => m.inspect_link(token).await,
            (SignIn::Kratos(k), NotMeLink::Kratos { flow }) => k.inspect_recovery_link(flow).await,
            _ => Ok(None),
        }
    }

    /// "This wasn't me": Iris's own email (its token), or one Kratos sent (its flow).
    pub async fn not_me(&self, link: &NotMeLink) -> SignInResult<NotMe> {
        match (self, link) {
            (SignIn::MagicLink(m), NotMeLink::Iris(token)) => m.not_me(token).await,
            (SignIn::Kratos(k), NotMeLink::Kratos { flow }) => k.not_me(flow).await,
            _ => Ok(NotMe::refused(VoidRefusal::Unknown)),
        }
    }

    pub async fn submit_code(
        &self,
        id: &str,
        code: &OneTimeCode,
        trust: Trust<'_>,
        relay: &mut CookieRelay,
    ) -> SignInResult<Redemption> {
        match self {
            SignIn::MagicLink(m) => m.submit_code(id, code, trust, relay).await,
            SignIn::Kratos(k) => k.submit_code(id, code, trust, relay).await,
        }
    }

    /// The user behind this browser's session, when Kratos holds it (Iris's own sessions are
    /// read by the web layer from its session store).
    pub async fn kratos_user(&self, relay: &mut CookieRelay) -> SignInResult<Option<User>> {
        match self.kratos() {
            Some(client) if self.kratos_sessions() => {
                Ok(client.whoami(relay).await?.map(kratos::user))
            }
            _ => Ok(None),
        }
    }

    /// When Kratos holds the sessions: this browser's Kratos session as whoami tells it (its
    /// id and how it was proven, which an application's sign-in passes on to Hydra).
    pub async fn kratos_session(
        &self,
        relay: &mut CookieRelay,
    ) -> SignInResult<Option<(User, crate::kratos::Session)>> {
        match self.kratos() {
            Some(client) if self.kratos_sessions() => Ok(client
                .whoami(relay)
                .await?
                .map(|s| (kratos::user(s.clone()), s))),
            _ => Ok(None),
        }
    }

    /// When Kratos holds the sessions: the signed-in user and the account's live Kratos
    /// sessions, this browser's first, from one whoami and one session list (`None`: signed
    /// out, or Iris holds the sessions and lists them from its store).
    pub async fn kratos_account(
        &self,
        relay: &mut CookieRelay,
    ) -> SignInResult<Option<(User, Vec<ActiveSession>)>> {
        let Some(client) = self.kratos().filter(|_| self.kratos_sessions()) else {
            return Ok(None);
        };
        let Some(current) = client.whoami(relay).await? else {
            return Ok(None);
        };
        let others = client.other_sessions(relay).await?;
        let mut listed: Vec<ActiveSession> = std::iter::once(sessions::from_kratos(&current, true))
            .chain(others.iter().map(|s| sessions::from_kratos(s, false)))
            .collect();
        in_page_order(&mut listed);
        Ok(Some((kratos::user(current), listed)))
    }

    /// Ends one of the browser's other Kratos sessions; whether Kratos ended one.
    pub async fn kratos_end_session(
        &self,
        id: &str,
        relay: &mut CookieRelay,
    ) -> SignInResult<bool> {
        match self.kratos() {
            Some(client) if self.kratos_sessions() => Ok(client.end_session(id, relay).await?),
            _ => Ok(false),
        }
    }

    /// Ends every Kratos session of the browser's identity but its own; how many.
    pub async fn kratos_end_other_sessions(&self, relay: &mut CookieRelay) -> SignInResult<u64> {
        match self.kratos() {
            Some(client) if self.kratos_sessions() => Ok(client.end_other_sessions(relay).await?),
            _ => Ok(0),
        }
    }

    /// What this approach's emails carry.
    pub fn email_kind(&self) -> EmailKind {
        match self {
            SignIn::MagicLink(_) => EmailKind::LinkAndCode,
            SignIn::Kratos(k) => match k.mode {
                KratosMode::Recovery(RecoveryMethod::Link) => EmailKind::Link,
                _ => EmailKind::Code,
            },
        }
    }

    /// Does this approach keep sessions in Kratos (rather than Iris's session store)?
    pub fn kratos_sessions(&self) -> bool {
        match self {
            SignIn::MagicLink(m) => m.kratos.is_some(),
            SignIn::Kratos(_) => true,
        }
    }

    /// Kratos's description of a self-service error (`/error?id=`).
    pub async fn kratos_error(
        &self,
        id: &str,
    ) -> SignInResult<Option<crate::kratos::ErrorDetailView>> {
        match self.kratos() {
            Some(client) => Ok(client.error(id).await?),
            None => Ok(None),
        }
    }

    /// Where a flow that Kratos started leads (`/login?flow=…` after an app sent the browser to
    /// Kratos's `/self-service/{login,registration}/browser?return_to=…`, or the settings flow
    /// a recovery ends in); not yet validated. Nothing when the flow is unknown, expired or
    /// Kratos does not answer: the form still works, with the default destination.
    pub async fn started_flow_return_to(
        &self,
        kind: crate::kratos::FlowKind,
        flow: Option<&str>,
        relay: &mut CookieRelay,
    ) -> Option<String> {
        self.started_flow(kind, flow, relay)
            .await
            .and_then(|f| f.return_to.filter(|r| !r.is_empty()))
    }

    /// A flow Kratos started, read with the browser's cookies.
    pub async fn started_flow(
        &self,
        kind: crate::kratos::FlowKind,
        flow: Option<&str>,
        relay: &mut CookieRelay,
    ) -> Option<crate::kratos::Flow> {
        self.kratos()?.started_flow(kind, flow?, relay).await
    }

    /// Readiness of what the approach depends on beyond the store.
    pub async fn ready(&self) -> bool {
        match self.kratos() {
            Some(client) => client.ready().await,
            None => true,
        }
    }

    /// Ends the Kratos session, if any (the relay carries Kratos's cookie deletions).
    pub async fn kratos_logout(&self, relay: &mut CookieRelay) -> SignInResult<()> {
        match self.kratos() {
            Some(client) if self.kratos_sessions() => Ok(client.logout(relay).await?),
            _ => Ok(()),
        }
    }
}
