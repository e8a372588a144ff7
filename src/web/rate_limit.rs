//! Per-client-IP limits at the edge (actix-governor), keyed by `client_ip` so forwarded headers
//! count only from trusted proxies. Per-email and per-account limits live in the store.
use super::client_ip::client_ip;
use super::views::{mail_paused_page, page, too_many_page, Brand};
use super::COURIER_HOOK;
use actix_governor::governor::clock::{Clock, DefaultClock, QuantaInstant};
use actix_governor::governor::NotUntil;
use actix_governor::{KeyExtractor, SimpleKeyExtractionError};
use actix_web::dev::ServiceRequest;
use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, HttpResponseBuilder};
use ipnet::IpNet;
use std::net::IpAddr;
use std::sync::Arc;

#[derive(Clone)]
pub struct ClientIpKey {
    pub trusted_proxies: Arc<Vec<IpNet>>,
    pub brand: Arc<Brand>,
}

/// A client IP, or the one server-to-server route that is not limited per IP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientKey {
    Ip(IpAddr),
    Exempt,
}

impl KeyExtractor for ClientIpKey {
    type Key = ClientKey;
    type KeyExtractionError = SimpleKeyExtractionError<&'static str>;

    fn extract(&self, req: &ServiceRequest) -> Result<ClientKey, Self::KeyExtractionError> {
        // Kratos's courier is one client sending everyone's mail; it authenticates instead.
        if req.path() == COURIER_HOOK {
            return Ok(ClientKey::Exempt);
        }
        Ok(ClientKey::Ip(client_ip(
            req.peer_addr().map(|a| a.ip()),
            req.headers(),
            &self.trusted_proxies,
        )))
    }

    fn whitelisted_keys(&self) -> Vec<ClientKey> {
        vec![ClientKey::Exempt]
    }

    fn exceed_rate_limit_response(
        &self,
        negative: &NotUntil<QuantaInstant>,
        _response: HttpResponseBuilder,
    ) -> HttpResponse {
        let wait = negative
            .wait_time_from(DefaultClock::default().now())
            .as_secs()
            .max(1);
        tracing::info!(
            event = "excess_rate_limit_exceeded",
            scope = "ip",
            "per-IP limit"
        );
        too_many(&self.brand, wait)
    }
}

/// The 429 page with `Retry-After`; the same for every address and every limit.
pub fn too_many(brand: &Brand, retry_after: u64) -> HttpResponse {
    retry_after_header(
        page(
            StatusCode::TOO_MANY_REQUESTS,
            too_many_page(brand, retry_after),
        ),
        retry_after,
    )
}

/// The 503 page when today's email budget is spent, with `Retry-After` (midnight UTC).
pub fn mail_paused(brand: &Brand, retry_after: u64) -> HttpResponse {
    retry_after_header(
        page(
            StatusCode::SERVICE_UNAVAILABLE,
            mail_paused_page(brand, retry_after),
        ),
        retry_after,
    )
}

fn retry_after_header(mut res: HttpResponse, retry_after: u64) -> HttpResponse {
    if let Ok(v) = header::HeaderValue::from_str(&retry_after.to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}
