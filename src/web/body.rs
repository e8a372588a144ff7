//! A deadline for request bodies (issue 8). actix-web bounds the wait for a request's head
//! (`server.header_timeout`) and for the next request (`server.keep_alive`), but not for a
//! body: a client that announces one and then sends it slowly, or never finishes it, held a
//! connection open forever, even on a GET whose handler reads no body. So every body is read
//! here, before any handler, within `server.body_timeout` and up to `limits.max_body`; what
//! does not arrive in time gets a 408 and the connection is closed. Forms are small, so
//! buffering them costs nothing.
//!
//! Closing takes a trick: actix-http, once a chunked body's reader is dropped, keeps the
//! connection to drain the rest of the body, with no deadline (`should_close_for_unread_payload`
//! in its h1 dispatcher). So a refused body's reader is parked in the connection's own data
//! (`PayloadSlot`, put there at connect) instead of being dropped: the dispatcher then sees an
//! unfinished body still being read, and closes the connection after the answer. Requests asking to switch protocols are refused: Iris speaks
//! no WebSocket, and an upgraded connection would have no deadline at all.
use super::COURIER_HOOK;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap};
use actix_web::http::StatusCode;
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpMessage, HttpResponse};
use futures_util::StreamExt;
use std::time::Duration;

/// `server.body_timeout` and `limits.max_body`, for the middleware.
#[derive(Debug, Clone, Copy)]
pub struct BodyRules {
    pub timeout: Duration,
    pub max_body: usize,
}

/// Where a refused body's reader waits for its connection to end (see the module doc).
#[derive(Default)]
pub struct PayloadSlot(std::cell::RefCell<Option<actix_web::dev::Payload>>);

enum Refused {
    Late,
    TooLarge,
    Broken,
}

pub async fn read_bodies_in_time(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let rules = req.app_data::<web::Data<BodyRules>>().map(|r| *r.get_ref());
    if wants_upgrade(req.headers()) {
        return Ok(req.into_response(closing(StatusCode::BAD_REQUEST)));
    }
    // The courier hook checks its caller's key before it reads a byte, and reads under the
    // same rules itself.
    if let (Some(rules), true) = (rules, announces_body(req.headers())) {
        if req.path() != COURIER_HOOK {
            let mut payload = req.take_payload();
            match read(&mut payload, rules).await {
                Ok(bytes) => req.set_payload(actix_web::dev::Payload::from(bytes)),
                Err(why) => {
                    park(req.conn_data::<PayloadSlot>(), payload);
                    let status = match why {
                        Refused::Late => StatusCode::REQUEST_TIMEOUT,
                        Refused::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
                        Refused::Broken => StatusCode::BAD_REQUEST,
                    };
                    return Ok(req.into_response(closing(status)));
                }
            }
        }
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// Reads a whole body within the deadline and the size limit (for a handler that reads its
/// own, after checking who asks); a refused body's connection is closed after the answer.
pub async fn read_limited(
    req: &actix_web::HttpRequest,
    mut payload: actix_web::dev::Payload,
    rules: BodyRules,
) -> Result<web::Bytes, StatusCode> {
    read(&mut payload, rules).await.map_err(|why| {
        park(req.conn_data::<PayloadSlot>(), payload);
        match why {
            Refused::Late => StatusCode::REQUEST_TIMEOUT,
            Refused::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Refused::Broken => StatusCode::BAD_REQUEST,
        }
    })
}

/// Keeps a refused body's reader until its connection ends, so the connection ends after this
/// answer (see the module doc).
fn park(slot: Option<&PayloadSlot>, payload: actix_web::dev::Payload) {
    if let Some(slot) = slot {
        *slot.0.borrow_mut() = Some(payload);
    }
}

async fn read(
    payload: &mut actix_web::dev::Payload,
    rules: BodyRules,
) -> Result<web::Bytes, Refused> {
    let collect = async {
        let mut body = web::BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk.map_err(|_| Refused::Broken)?;
            if body.len() + chunk.len() > rules.max_body {
                return Err(Refused::TooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body.freeze())
    };
    tokio::time::timeout(rules.timeout, collect)
        .await
        .map_err(|_| Refused::Late)?
}

fn announces_body(headers: &HeaderMap) -> bool {
    headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim() != "0")
}

fn wants_upgrade(headers: &HeaderMap) -> bool {
    headers.contains_key(header::UPGRADE)
}

/// A bare refusal that also ends the connection (`finish` gives it the page and headers).
fn closing(status: StatusCode) -> HttpResponse {
    let mut res = HttpResponse::new(status);
    res.head_mut()
        .set_connection_type(actix_web::http::ConnectionType::Close);
    res
}
