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
    let deadline = now + hook.code_lifespan;
    let code = CODE_TEMPLATES
        .iter()
        .find(|(template, _)| *template == message.template_type)
        .and_then(|(_, field)| message.template_data[*field].as_str());
    let payload = match code {
        Some(code) => OutboxPayload::SignIn(SignInEmail {
            link: None,
            code: code.to_owned(),
            requested_at: now.unix_timestamp(),
            requested_by: None,
            expires_at: deadline.unix_timestamp(),
            // Iris passed the asking browser's language along when it asked Kratos for the code.
            locale: message.template_data["transient_payload"][crate::kratos::LOCALE_FIELD]
                .as_str()
                .map(str::to_owned),
        }),
        None => OutboxPayload::Plain {
            subject: message.subject.clone(),
            text: message.body.clone(),
        },
    };
    let sealed = state
        .keys
        .seal(&serde_json::to_vec(&payload).unwrap_or_default());
    let id = random_id();
    match state
        .store
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
