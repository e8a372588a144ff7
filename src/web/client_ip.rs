//! The client IP for rate limiting (SECURITY.md item 17): the socket peer, unless the peer is a
//! configured trusted proxy; only then `X-Forwarded-For` / `Forwarded: for=`, right-most hop that
//! is not itself a trusted proxy. Never `ConnectionInfo::realip_remote_addr()` blindly.
use actix_web::http::header::HeaderMap;
use ipnet::IpNet;
use std::net::{IpAddr, Ipv4Addr};

pub fn client_ip(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let peer = peer.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut hops: Vec<IpAddr> = Vec::new();
    for value in headers.get_all("forwarded") {
        for element in value.to_str().unwrap_or_default().split(',') {
            for pair in element.split(';') {
                if let Some((k, v)) = pair.trim().split_once('=') {
                    if k.eq_ignore_ascii_case("for") {
                        hops.extend(parse_node(v));
                    }
                }
            }
        }
    }
    if hops.is_empty() {
        for value in headers.get_all("x-forwarded-for") {
            hops.extend(
                value
                    .to_str()
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(parse_node),
            );
        }
    }
    hops.into_iter()
        .rev()
        .find(|ip| !is_trusted(ip))
        .unwrap_or(peer)
}

/// `1.2.3.4`, `"[2001:db8::1]:4711"`, `1.2.3.4:80`.
fn parse_node(raw: &str) -> Option<IpAddr> {
    let s = raw.trim().trim_matches('"');
    if let Ok(ip) = s.parse() {
        return Some(ip);
    }
    if let Some(rest) = s.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    s.rsplit_once(':').and_then(|(host, _)| host.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        h
    }

    #[test]
    fn untrusted_peers_cannot_spoof() {
        let peer = "127.0.0.1".parse().ok();
        let h = headers(&[("x-forwarded-for", "9.9.9.9"), ("forwarded", "for=8.8.8.8")]);
        assert_eq!(client_ip(peer, &h, &[]), peer.unwrap());
    }

    #[test]
    fn trusted_proxies_give_the_rightmost_untrusted_hop() {
        let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap()];
        let peer = "10.0.0.2".parse().ok();
        let h = headers(&[("x-forwarded-for", "6.6.6.6, 1.2.3.4, 10.0.0.9")]);
        assert_eq!(
            client_ip(peer, &h, &trusted),
            "1.2.3.4".parse::<IpAddr>().unwrap()
        );
        let h = headers(&[("forwarded", "for=\"[2001:db8::1]:4711\";proto=https")]);
        assert_eq!(
            client_ip(peer, &h, &trusted),
            "2001:db8::1".parse::<IpAddr>().unwrap()
        );
        assert_eq!(client_ip(peer, &HeaderMap::new(), &trusted), peer.unwrap());
    }
}
