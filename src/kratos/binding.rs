//! What Iris's binding cookie says about a Kratos flow the browser asked for: which kind, its
//! id, the address and where to go after. `l|<flow>|<email>|<return_to>` (login), `r|…`
//! (registration), `c|…` (recovery) or `v||<email>|<return_to>` (nothing was sent: an unknown
//! address with sign-up off; codes are simply wrong). The cookie is MAC'd, so none of this can
//! be forged; the web layer prefixes the send time (`<unix>|…`).
use super::FlowKind;
use crate::domain::EmailAddress;

#[derive(Debug, Clone)]
pub struct FlowBinding {
    pub sent_at: i64,
    pub kind: Option<FlowKind>,
    pub flow: String,
    pub email: EmailAddress,
    pub return_to: String,
}

impl FlowBinding {
    pub fn parse(id: &str) -> Option<FlowBinding> {
        let (sent_at, id) = id.split_once('|')?;
        let sent_at = sent_at.parse().ok()?;
        let mut parts = id.splitn(4, '|');
        let kind = match parts.next()? {
            "l" => Some(FlowKind::Login),
            "r" => Some(FlowKind::Registration),
            "c" => Some(FlowKind::Recovery),
            "v" => None,
            _ => return None,
        };
        let flow = parts.next()?.to_owned();
        let email = EmailAddress::from_stored(parts.next()?).ok()?;
        let return_to = parts.next()?.to_owned();
        Some(FlowBinding {
            sent_at,
            kind,
            flow,
            email,
            return_to,
        })
    }

    /// The binding's text, without the send time.
    pub fn encode(
        kind: Option<FlowKind>,
        flow: &str,
        email: &EmailAddress,
        return_to: &str,
    ) -> String {
        let k = match kind {
            Some(FlowKind::Login) => "l",
            Some(FlowKind::Registration) => "r",
            Some(FlowKind::Recovery) => "c",
            // Settings flows are never bound; an unknown kind binds as "nothing sent".
            Some(FlowKind::Settings) | None => "v",
        };
        format!("{k}|{flow}|{}|{return_to}", email.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_kind() {
        let email = EmailAddress::parse("a@example.com").unwrap();
        for kind in [
            Some(FlowKind::Login),
            Some(FlowKind::Registration),
            Some(FlowKind::Recovery),
            None,
        ] {
            let text = format!("17|{}", FlowBinding::encode(kind, "f1", &email, "/x|y"));
            let b = FlowBinding::parse(&text).unwrap();
            assert_eq!((b.sent_at, b.kind, b.flow.as_str()), (17, kind, "f1"));
            assert_eq!(b.return_to, "/x|y", "a return path may hold the separator");
        }
        assert!(FlowBinding::parse("17|x|f|a@example.com|/").is_none());
    }
}
