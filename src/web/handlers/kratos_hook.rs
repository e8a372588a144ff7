//! `POST /hooks/kratos/courier`: Kratos's courier (delivery_strategy: http) hands its emails to
//! Iris, which renders its own branded email for sign-in codes and sends everything through
//! its outbox. Server to server: authenticated by the `X-Api-Key` header, JSON in, no CSRF.
use crate::domain::EmailAddress;
use crate::mail::{OutboxPayload, SignInEmail};
use crate::secrets::random_id;
use crate::web::body::read_limited;
use crate::web::handlers::account::json;
use crate::web::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use secrecy::ExposeSecret;
use serde::Deserialize;
use subtle::ConstantTimeEq;

/// The fields of Kratos's courier context that Iris reads (the jsonnet body passes them all).
#[derive(Deserialize)]
pub struct CourierMessage {
    recipient: String,
    template_type: String,
    #[serde(default)]
    template_data: serde_json::Value,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body: String,
}

/// Kratos's notices to addresses it does not know ("someone tried to recover…"): never sent.
const UNSENT_TEMPLATES: [&str; 2] = ["recovery_invalid", "recovery_code_invalid"];

/// Kratos's recovery link: it lives `magic_link.ttl`, where codes live `kratos.code_lifespan`.
const RECOVERY_LINK_TEMPLATE: &str = "recovery_valid";

/// Templates whose code Iris puts into its own email, and the field that holds it.
const CODE_TEMPLATES: [(&str, &str); 4] = [
    ("login_code_valid", "login_code"),
    ("registration_code_valid", "registration_code"),
    ("recovery_code_valid", "recovery_code"),
    ("verification_code_valid", "verification_code"),
];

/// Does the request carry the courier's key? Constant-time; false when no key is configured.
pub fn has_courier_key(
    req_headers: &actix_web::http::header::HeaderMap,
    key: Option<&secrecy::SecretString>,
) -> bool {
    let Some(key) = key else {
        return false;
    };
    let presented = req_headers
        .get("x-api-key")
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    // SECURITY: constant-time comparison of the shared key.
    bool::from(presented.ct_eq(key.expose_secret().as_bytes()))
}

pub async fn courier(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Payload,
) -> HttpResponse {
    // SECURITY: who is asking is settled before a byte of the body is read, and the body is
    // read only up to `limits.max_body`: a stranger costs a header check, nothing more.
    let Some(hook) = &state.courier else {
        return json(
            StatusCode::NOT_FOUND,
            &serde_json::json!({ "error": "not enabled" }),
        );
    };
    if !has_courier_key(req.headers(), Some(&hook.api_key)) {
        tracing::warn!(
            event = "malicious_courier_key",
            "courier hook: wrong API key"
        );
        return json(
            StatusCode::UNAUTHORIZED,
            &serde_json::json!({ "error": "unauthorized" }),
        );
    }
    let message: CourierMessage = match read_limited(&req, body.into_inner(), hook.body).await {
        Ok(bytes) => match serde_json::from_slice(&bytes) {
            Ok(m) => m,
            Err(_) => {
                return json(
                    StatusCode::BAD_REQUEST,
                    &serde_json::json!({ "error": "not a courier message" }),
                )
            }
        },
        Err(status) => return json(status, &serde_json::json!({ "error": "body refused" })),
    };
    let Ok(recipient) = EmailAddress::parse(&message.recipient) else {
        return json(
            StatusCode::UNPROCESSABLE_ENTITY,
            &serde_json::json!({ "error": "bad recipient" }),
        );
    };
    let now = state.clock.now();
    let deadline = now
        + if message.template_type == RECOVERY_LINK_TEMPLATE {
            hook.link_lifespan
        } else {
            hook.code_lifespan
        };
    // SECURITY: recovery wording never reaches anyone: "unknown address" notices are off in
    // the Kratos config Iris prints (`notify_unknown_recipients: false`); should Kratos send one
    // anyway, it is dropped (answered 200, so Kratos does not retry it).
    if UNSENT_TEMPLATES.contains(&message.template_type.as_str()) {
        tracing::warn!(template = %message.template_type, "courier hook: dropped a recovery notice");
        return json(StatusCode::OK, &serde_json::json!({ "dropped": true }));
    }
    let payload = match sign_in_email(&state, &message, &recipient, now, deadline).await {
        Ok(Some(email)) => OutboxPayload::SignIn(email),
        Ok(None) => OutboxPayload::Plain {
            subject: message.subject.clone(),
            text: message.body.clone(),
        },
        Err(e) => {
            tracing::error!(error = %e, "courier hook: cannot read the request");
            return json(
                StatusCode::SERVICE_UNAVAILABLE,
                &serde_json::json!({ "error": "unavailable" }),
            );
        }
    };
    let sealed = state
        .keys
        .seal(&serde_json::to_vec(&payload).unwrap_or_default());
    let id = random_id();
    match state
        .stores
        .outbox
        .enqueue(&id, recipient.as_str(), &sealed, deadline, now)
        .await
    {
        Ok(()) => {
            state.wake.notify_one();
            tracing::info!(event = "courier_message_queued", template = %message.template_type, recipient_domain = %recipient.domain(), "Kratos email queued");
            json(StatusCode::OK, &serde_json::json!({ "queued": id }))
        }
        Err(e) => {
            // Kratos retries (courier.message_retries), so a 503 loses nothing.
            tracing::error!(error = %e, "courier hook: cannot queue");
            json(
                StatusCode::SERVICE_UNAVAILABLE,
                &serde_json::json!({ "error": "unavailable" }),
            )
        }
    }
}

/// Iris's own sign-in email for a Kratos code or recovery link (`None`: another template, sent
/// with Kratos's text). When, from which browser and in which language it was asked for come
/// from Iris's record of the request (by the link's flow, else the address's newest).
async fn sign_in_email(
    state: &AppState,
    message: &CourierMessage,
    recipient: &EmailAddress,
    now: time::OffsetDateTime,
    deadline: time::OffsetDateTime,
) -> Result<Option<SignInEmail>, crate::store::StoreError> {
    let data = &message.template_data;
    let code = CODE_TEMPLATES
        .iter()
        .find(|(template, _)| *template == message.template_type)
        .and_then(|(_, field)| data[*field].as_str());
    let link = (message.template_type == RECOVERY_LINK_TEMPLATE)
        .then(|| data["recovery_url"].as_str())
        .flatten()
        .and_then(|url| recovery_link(&state.public_url, url));
    if code.is_none() && link.is_none() {
        return Ok(None);
    }
    let request = match link.as_ref().and_then(|(flow, _)| flow.clone()) {
        Some(flow) => state.stores.kratos_requests.request_by_flow(&flow).await?,
        None => {
            state
                .stores
                .kratos_requests
                .latest_request(recipient.canonical(), now)
                .await?
        }
    };
    // The language Iris passed along when it asked Kratos for a code, else the recorded one.
    let locale = data["transient_payload"][crate::kratos::LOCALE_FIELD]
        .as_str()
        .map(str::to_owned)
        .or_else(|| request.as_ref().map(|r| r.locale.clone()));
    // The second link names the flow Iris asked for (unknown: no link; there is nothing to stop).
    let not_me = request
        .as_ref()
        .map(|r| crate::sign_in::kratos_link(&state.public_url, &state.keys, &r.flow_id));
    Ok(Some(SignInEmail {
        not_me,
        link: link.map(|(_, l)| l),
        code: code.unwrap_or_default().to_owned(),
        requested_at: request
            .as_ref()
            .map_or(now.unix_timestamp(), |r| r.requested_at),
        requested_by: request.map(|r| r.requested_by),
        expires_at: deadline.unix_timestamp(),
        locale,
    }))
}

/// Kratos's recovery link, rebuilt on `server.public_url` (SECURITY: links only ever point
/// there, whatever Kratos's `base_url` says) and on Iris's own link path, so the address the
/// user reads says nothing of recovery: its flow, and the link.
fn recovery_link(public_url: &url::Url, kratos_url: &str) -> Option<(Option<String>, String)> {
    let parsed = url::Url::parse(kratos_url).ok()?;
    let param = |name: &str| {
        parsed
            .query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    let (flow, token) = (param("flow")?, param("token")?);
    let mut link = public_url.clone();
    link.set_path("/login/link");
    link.query_pairs_mut()
        .append_pair("flow", &flow)
        .append_pair("token", &token);
    Some((Some(flow), link.into()))
}
