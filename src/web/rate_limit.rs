//! Per-client-IP limits at the edge, keyed by `client_ip` so forwarded headers count only from
//! trusted proxies, and counted by the store's `IpLimits` (this process's, or Redis's for every
//! instance at once). Per-email and per-account limits live in the SQL store.
use super::client_ip::client_ip;
use super::handlers::kratos_hook::has_courier_key;
use super::views::{mail_paused_page, page, too_many_page, Ui};
use super::COURIER_HOOK;
use crate::store::IpLimits;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpResponse};
use ipnet::IpNet;
use std::net::IpAddr;
use std::sync::Arc;

#[derive(Clone)]
pub struct ClientIpKey {
    pub trusted_proxies: Arc<Vec<IpNet>>,
    /// IPv6 clients are keyed by their network of this length (`limits.ipv6_prefix`): one
    /// host usually holds a whole /64, and every address in it would be a bucket of its own.
    pub ipv6_prefix: u8,
    /// Kratos's courier, proven by this key, is exempt; anyone else on its route is not.
    pub courier_api_key: Option<secrecy::SecretString>,
}

/// A client IP, or the one server-to-server route that is not limited per IP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientKey {
    Ip(IpAddr),
    Exempt,
}

impl ClientIpKey {
    fn key(&self, req: &ServiceRequest) -> ClientKey {
        // Kratos's courier is one client sending everyone's mail, so it is exempt, but only
        // with its key: without it the route is limited like any other.
        if req.path() == COURIER_HOOK
            && has_courier_key(req.headers(), self.courier_api_key.as_ref())
        {
            return ClientKey::Exempt;
        }
        let ip = client_ip(
            req.peer_addr().map(|a| a.ip()),
            req.headers(),
            &self.trusted_proxies,
        );
        ClientKey::Ip(rate_key(ip, self.ipv6_prefix))
    }
}

/// The per-IP limit on POSTs (every form; GETs change nothing), as app data for
/// `limit_per_ip`. Counted by the store's `IpLimits`: this process's, or Redis's.
#[derive(Clone)]
pub struct PerIpLimit {
    pub limits: Arc<dyn IpLimits>,
    pub key: ClientIpKey,
}

/// 429 with `Retry-After` past the limit (`finish` renders the page in the request's
/// language); 503 when the limit cannot be counted (Redis down): fail closed, never unlimited.
pub async fn limit_per_ip(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let limit = req.app_data::<web::Data<PerIpLimit>>().cloned();
    let ip = match (&limit, req.method() == Method::POST) {
        (Some(limit), true) => match limit.key.key(&req) {
            ClientKey::Ip(ip) => Some(ip),
            ClientKey::Exempt => None,
        },
        _ => None,
    };
    if let (Some(limit), Some(ip)) = (limit, ip) {
        let refused = match limit.limits.check(ip).await {
            Ok(None) => None,
            Ok(Some(wait)) => {
                tracing::info!(
                    event = "excess_rate_limit_exceeded",
                    scope = "ip",
                    "per-IP limit"
                );
                // Rounded up: retrying after a rounded-down wait would only meet the limit.
                let secs = wait.as_secs_f64().ceil().max(1.0) as u64;
                Some(retry_after_header(
                    HttpResponse::new(StatusCode::TOO_MANY_REQUESTS),
                    secs,
                ))
            }
            Err(e) => {
                tracing::error!(error = ?e, "per-IP limit unavailable: refusing the request");
                Some(HttpResponse::new(StatusCode::SERVICE_UNAVAILABLE))
            }
        };
        if let Some(res) = refused {
            return Ok(req.into_response(res));
        }
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// The bucket an address counts in: IPv4 as it is (IPv4-mapped IPv6 too), IPv6 by its
/// network of `ipv6_prefix` bits.
pub fn rate_key(ip: IpAddr, ipv6_prefix: u8) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => ipnet::Ipv6Net::new(v6, ipv6_prefix.min(128))
                .map(|net| IpAddr::V6(net.trunc().addr()))
                .unwrap_or(ip),
        },
        v4 => v4,
    }
}

/// The 429 page with `Retry-After`; the same for every address and every limit.
pub fn too_many(ui: &Ui<'_>, retry_after: u64) -> HttpResponse {
    retry_after_header(
        page(
            StatusCode::TOO_MANY_REQUESTS,
            too_many_page(ui, retry_after),
        ),
        retry_after,
    )
}

/// The 503 page when today's email budget is spent, with `Retry-After` (midnight UTC).
pub fn mail_paused(ui: &Ui<'_>, retry_after: u64) -> HttpResponse {
    retry_after_header(
        page(
            StatusCode::SERVICE_UNAVAILABLE,
            mail_paused_page(ui, retry_after),
        ),
        retry_after,
    )
}

fn retry_after_header(mut res: HttpResponse, retry_after: u64) -> HttpResponse {
    set_retry_after(&mut res, retry_after);
    res
}

/// `Retry-After: <seconds>` (at least 1).
pub fn set_retry_after(res: &mut HttpResponse, seconds: u64) {
    res.headers_mut().insert(
        header::RETRY_AFTER,
        header::HeaderValue::from(seconds.max(1)),
    );
}

#[cfg(test)]
mod tests {
    use super::rate_key;
    use std::net::IpAddr;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn one_ipv6_network_is_one_bucket() {
        let a = rate_key(ip("2001:db8:1:2:aaaa::1"), 64);
        let b = rate_key(ip("2001:db8:1:2:ffff:ffff:ffff:ffff"), 64);
        let other = rate_key(ip("2001:db8:1:3::1"), 64);
        assert_eq!(a, b);
        assert_eq!(a, ip("2001:db8:1:2::"));
        assert_ne!(a, other);
        assert_eq!(rate_key(ip("2001:db8::1"), 128), ip("2001:db8::1"));
        assert_eq!(rate_key(ip("2001:db8:1:2::1"), 48), ip("2001:db8:1::"));
    }

    #[test]
    fn ipv4_stays_as_it_is_also_when_mapped() {
        assert_eq!(rate_key(ip("192.0.2.7"), 64), ip("192.0.2.7"));
        assert_eq!(rate_key(ip("::ffff:192.0.2.7"), 64), ip("192.0.2.7"));
    }
}
