//! "This wasn't me" in the Kratos approaches (`kratos-code`, `kratos-recovery`), whose emails
//! Iris renders through Kratos's courier hook. Kratos holds the code or the recovery token, so
//! the email's second link names the Kratos flow instead, with a tag only Iris can make (a MAC
//! under `secrets.hmac_keys`): whoever does not hold the email cannot stop it.
//!
//! What Iris can do, and what it cannot: Kratos v1.3.1 has no API that voids a flow or its
//! code, so Iris marks the request voided and refuses the flow on its own pages (the code
//! form, the recovery link's page); the flow itself stays redeemable at Kratos's public API
//! until it expires. Kratos's sessions name no flow, so Iris ends the identity's sessions that
//! began while the flow could be used (from the request to its expiry), through the admin API.
use super::{KratosFlows, SignInResult};
use crate::domain::credential::{VoidRefusal, Voiding};
use crate::domain::{EmailAddress, MagicToken};
use crate::secrets::{Keys, Purpose};
use crate::store::{RequestVoiding, StoreError};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::time::Duration;
use subtle::ConstantTimeEq;
use url::Url;

/// The tag's length: 128 bits.
const TAG: usize = 16;

/// What a "this wasn't me" link names: Iris's own token, or a Kratos flow (tag checked).
#[derive(Debug, Clone)]
pub enum NotMeLink {
    Iris(MagicToken),
    Kratos { flow: String },
}

/// What "this wasn't me" did.
#[derive(Debug, Clone)]
pub struct NotMe {
    pub voiding: Voiding,
    /// Sessions were ended in Kratos: every session of the identity (`magic_link.sessions =
    /// "kratos"`), or those that began while the flow could be used (the Kratos approaches).
    pub kratos_sessions_ended: bool,
    /// How long the address is held.
    pub hold: Duration,
}

impl NotMe {
    pub(super) fn refused(why: VoidRefusal) -> NotMe {
        NotMe {
            voiding: Voiding::Refused(why),
            kratos_sessions_ended: false,
            hold: Duration::ZERO,
        }
    }
}

/// The link for an email Kratos sent in `flow`. SECURITY: from `server.public_url` only.
pub fn kratos_link(public_url: &Url, keys: &Keys, flow: &str) -> String {
    let mac = keys.mac(Purpose::NotMe, &[flow.as_bytes()]);
    let mut url = public_url.clone();
    url.set_path("/login/not-me");
    url.query_pairs_mut()
        .append_pair("flow", flow)
        .append_pair("sig", &URL_SAFE_NO_PAD.encode(&mac[..TAG]));
    url.into()
}

/// The flow a link names, if its tag is Iris's (any listed key: rotation); constant-time.
pub fn kratos_flow(keys: &Keys, flow: &str, sig: &str) -> Option<NotMeLink> {
    let well_formed = !flow.is_empty()
        && flow.len() <= 128
        && flow.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let tag = URL_SAFE_NO_PAD.decode(sig).ok()?;
    let genuine = well_formed
        && tag.len() == TAG
        && keys
            .macs(Purpose::NotMe, &[flow.as_bytes()])
            .iter()
            .any(|mac| bool::from(mac[..TAG].ct_eq(&tag)));
    genuine.then(|| NotMeLink::Kratos {
        flow: flow.to_owned(),
    })
}

impl KratosFlows {
    /// Voids the request and holds its address (`KratosRequests::void_request`), then ends the
    /// identity's sessions that began while the flow could be used. Pressed again, it ends
    /// them again (a first press that failed at Kratos is finished so; the window keeps the
    /// owner's later sessions out of it). Without Kratos's admin API, no session is ended.
    pub(super) async fn not_me(&self, flow: &str) -> SignInResult<NotMe> {
        let hold = self.config.not_me_hold;
        let voiding = self
            .requests
            .void_request(flow, hold, self.clock.now())
            .await?;
        let (request, again) = match voiding {
            RequestVoiding::Voided { request, again } => (request, again),
            RequestVoiding::Refused(why) => return Ok(NotMe::refused(why)),
        };
        let email = EmailAddress::from_stored(&request.email)
            .map_err(|_| StoreError::Corrupt("a stored email address no longer parses".into()))?;
        let ended = match self.client.admin {
            Some(_) => {
                self.client
                    .end_sessions_of_between(
                        email.as_str(),
                        request.requested_at,
                        request.expires_at,
                    )
                    .await?
            }
            None => 0,
        };
        Ok(NotMe {
            voiding: Voiding::Voided {
                credential_id: request.flow_id,
                email,
                used_by: None,
                again,
            },
            kratos_sessions_ended: ended > 0,
            hold,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_iris_tags_a_flow_and_the_tag_names_that_flow_only() {
        let keys = Keys::random();
        let url: Url = "https://id.example.com/".parse().unwrap();
        let link: Url = kratos_link(&url, &keys, "flow-1").parse().unwrap();
        let param = |name: &str| {
            link.query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
                .unwrap()
        };
        let sig = param("sig");
        assert_eq!(param("flow"), "flow-1");
        assert!(matches!(
            kratos_flow(&keys, "flow-1", &sig),
            Some(NotMeLink::Kratos { flow }) if flow == "flow-1"
        ));
        assert!(kratos_flow(&keys, "flow-2", &sig).is_none(), "another flow");
        assert!(
            kratos_flow(&Keys::random(), "flow-1", &sig).is_none(),
            "another key"
        );
        assert!(kratos_flow(&keys, "flow-1", "").is_none());
        assert!(kratos_flow(&keys, "flow 1", &sig).is_none());
    }
}
