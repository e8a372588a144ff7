//! Bounded connections (issue 8): a cap on the connections one client address holds open, so
//! a flood of held or slow connections from one place cannot use up the file descriptors that
//! everyone else's requests need. actix-web has no per-address cap; its `on_connect` hook runs
//! for every accepted connection, which is enough: the connection is counted there, a guard in
//! the connection's extensions gives the count back when the connection ends, and one over the
//! cap is shut down at once (its socket, through socket2, so actix sees the end immediately).
//! Written here because no maintained crate does this for actix-web.
//!
//! The same hook also starts a watchdog per connection, for a hole in actix-http 3.20's h1
//! dispatcher: its head deadline (`server.header_timeout`) covers only a connection's first
//! request, and the first byte of the next one clears the keep-alive timer and arms nothing.
//! One byte after a response, or an unread chunked body trickling in, held a connection for
//! good. The watchdog shuts a connection that has been between requests (no request being
//! served) for longer than `keep_alive + header_timeout`: as long as an honest client can take
//! to start its next request and send its head.
use super::rate_limit::rate_key;
use crate::metrics::Metrics;
use actix_web::dev::Extensions;
use ipnet::IpNet;
use std::any::Any;
use std::cell::Cell;
use std::collections::HashMap;
use std::net::IpAddr;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Open connections per client address (all workers together).
#[derive(Clone)]
pub struct ConnectionCap {
    open: Arc<Mutex<HashMap<IpAddr, usize>>>,
    per_ip: usize,
    ipv6_prefix: u8,
    /// Proxies in front of Iris carry many clients' connections: not capped.
    trusted_proxies: Arc<Vec<IpNet>>,
    metrics: Arc<Metrics>,
    /// `server.keep_alive + server.header_timeout`: the longest an honest client spends
    /// between the end of one answer and the end of its next request's head.
    between_requests: Duration,
}

/// Whether a connection's request is being served, or since when none has been.
#[derive(Debug, Clone, Copy)]
enum Phase {
    Serving,
    Between(Instant),
}

/// In the connection's extensions: the middleware marks requests in and out, and the
/// watchdog task ends with it (the sender is dropped with the extensions).
pub struct Watched {
    phase: Rc<Cell<Phase>>,
    _alive: tokio::sync::oneshot::Sender<()>,
}

/// Marks the connection busy while a request is served (the outermost middleware).
pub async fn mark_requests(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let phase = req.conn_data::<Watched>().map(|w| w.phase.clone());
    if let Some(phase) = &phase {
        phase.set(Phase::Serving);
    }
    let res = next.call(req).await;
    if let Some(phase) = phase {
        phase.set(Phase::Between(Instant::now()));
    }
    res
}

/// Lives as long as its connection (actix drops the connection's extensions with it).
struct Counted {
    cap: ConnectionCap,
    key: IpAddr,
}

impl Drop for Counted {
    fn drop(&mut self) {
        let mut open = self.cap.lock();
        if let Some(n) = open.get_mut(&self.key) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.key);
            }
        }
    }
}

impl ConnectionCap {
    pub fn new(
        per_ip: usize,
        ipv6_prefix: u8,
        trusted_proxies: Arc<Vec<IpNet>>,
        metrics: Arc<Metrics>,
        between_requests: Duration,
    ) -> Self {
        ConnectionCap {
            open: Arc::default(),
            per_ip,
            ipv6_prefix,
            trusted_proxies,
            metrics,
            between_requests,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, usize>> {
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// `HttpServer::on_connect`: counts the connection, and closes it when its address already
    /// holds `per_ip` open.
    pub fn on_connect(&self, connection: &dyn Any, extensions: &mut Extensions) {
        extensions.insert(super::body::PayloadSlot::default());
        let Some(stream) = connection.downcast_ref::<actix_web::rt::net::TcpStream>() else {
            return;
        };
        self.watch(stream, extensions);
        let Ok(peer) = stream.peer_addr() else {
            return;
        };
        let Some((counted, over)) = self.count(peer.ip()) else {
            return;
        };
        let key = counted.key;
        extensions.insert(counted);
        if over {
            // Counted, not logged line by line: a flood would otherwise flood the log too.
            self.metrics.count_event("excess_connections_per_ip");
            tracing::debug!(event = "excess_connections_per_ip", client_ip = %key, "connection refused");
            let _ = socket2::SockRef::from(stream).shutdown(std::net::Shutdown::Both);
        }
    }

    /// Counts a new connection from `ip` (an IPv6 address by its network), unless it comes
    /// from a trusted proxy: the guard that gives the count back, and whether it is one too many.
    fn count(&self, ip: IpAddr) -> Option<(Counted, bool)> {
        if self.trusted_proxies.iter().any(|n| n.contains(&ip)) {
            return None;
        }
        let key = rate_key(ip, self.ipv6_prefix);
        let over = {
            let mut open = self.lock();
            let n = open.entry(key).or_insert(0);
            *n += 1;
            *n > self.per_ip
        };
        let counted = Counted {
            cap: self.clone(),
            key,
        };
        Some((counted, over))
    }

    /// Starts the connection's watchdog (see the module doc). It holds a duplicate of the
    /// socket (shutting that down ends the connection actix holds), and lets go of it as soon
    /// as the connection ends, so no descriptor outlives its connection.
    fn watch(&self, stream: &actix_web::rt::net::TcpStream, extensions: &mut Extensions) {
        let Ok(socket) = socket2::SockRef::from(stream).try_clone() else {
            return;
        };
        let phase = Rc::new(Cell::new(Phase::Between(Instant::now())));
        let (alive, mut ended) = tokio::sync::oneshot::channel::<()>();
        extensions.insert(Watched {
            phase: phase.clone(),
            _alive: alive,
        });
        let limit = self.between_requests;
        let metrics = self.metrics.clone();
        actix_web::rt::spawn(async move {
            loop {
                let wait = match phase.get() {
                    Phase::Serving => limit,
                    Phase::Between(since) => {
                        (since + limit).saturating_duration_since(Instant::now())
                    }
                };
                tokio::select! {
                    _ = &mut ended => return,
                    () = tokio::time::sleep(wait.max(Duration::from_millis(10))) => {}
                }
                if let Phase::Between(since) = phase.get() {
                    if since.elapsed() >= limit {
                        metrics.count_event("slow_request_head");
                        tracing::debug!(event = "slow_request_head", "connection closed");
                        let _ = socket.shutdown(std::net::Shutdown::Both);
                        return;
                    }
                }
            }
        });
    }

    /// Connections open now from `ip`'s address or network (tests, metrics).
    pub fn open_from(&self, ip: IpAddr) -> usize {
        self.lock()
            .get(&rate_key(ip, self.ipv6_prefix))
            .copied()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::ConnectionCap;
    use crate::metrics::Metrics;
    use std::net::IpAddr;
    use std::sync::Arc;
    use std::time::Duration;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn cap(per_ip: usize, proxies: &[&str]) -> ConnectionCap {
        let proxies = proxies.iter().map(|p| p.parse().unwrap()).collect();
        ConnectionCap::new(
            per_ip,
            64,
            Arc::new(proxies),
            Arc::new(Metrics::default()),
            Duration::from_secs(1),
        )
    }

    /// The loopback tests cannot connect from many IPv6 addresses, so the cap's keying is
    /// proven here: one /64 shares one count, whatever its interface identifiers.
    #[test]
    fn one_ipv6_network_shares_one_count_and_gets_it_back() {
        let cap = cap(2, &[]);
        let (a, over_a) = cap.count(ip("2001:db8:1:2::1")).unwrap();
        let (b, over_b) = cap.count(ip("2001:db8:1:2:ffff::9")).unwrap();
        let (c, over_c) = cap.count(ip("2001:db8:1:2:1234:5678:9abc:def0")).unwrap();
        assert_eq!((over_a, over_b, over_c), (false, false, true));
        let (_, next_network) = cap.count(ip("2001:db8:1:3::1")).unwrap();
        assert!(!next_network, "another /64 has its own count");
        assert_eq!(cap.open_from(ip("2001:db8:1:2::77")), 3);
        drop((a, b, c));
        assert_eq!(cap.open_from(ip("2001:db8:1:2::77")), 0);
    }

    #[test]
    fn ipv4_counts_each_address_and_proxies_are_not_counted() {
        let cap = cap(1, &["10.0.0.0/8"]);
        let _a = cap.count(ip("192.0.2.1")).unwrap();
        let (_, other) = cap.count(ip("192.0.2.2")).unwrap();
        assert!(!other);
        let (_, again) = cap.count(ip("::ffff:192.0.2.1")).unwrap();
        assert!(again, "an IPv4-mapped address is the IPv4 address");
        assert!(cap.count(ip("10.1.2.3")).is_none());
        assert_eq!(cap.open_from(ip("10.1.2.3")), 0);
    }
}
