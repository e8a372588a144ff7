//! Bounded connections (issue 8): a cap on the connections one client address holds open, so
//! a flood of held or slow connections from one place cannot use up the file descriptors that
//! everyone else's requests need. actix-web has no per-address cap; its `on_connect` hook runs
//! for every accepted connection, which is enough: the connection is counted there, a guard in
//! the connection's extensions gives the count back when the connection ends, and one over the
//! cap is shut down at once (its socket, through socket2, so actix sees the end immediately).
//! Written here because no maintained crate does this for actix-web.
use super::rate_limit::rate_key;
use crate::metrics::Metrics;
use actix_web::dev::Extensions;
use ipnet::IpNet;
use std::any::Any;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

/// Open connections per client address (all workers together).
#[derive(Clone)]
pub struct ConnectionCap {
    open: Arc<Mutex<HashMap<IpAddr, usize>>>,
    per_ip: usize,
    ipv6_prefix: u8,
    /// Proxies in front of Iris carry many clients' connections: not capped.
    trusted_proxies: Arc<Vec<IpNet>>,
    metrics: Arc<Metrics>,
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
    ) -> Self {
        ConnectionCap {
            open: Arc::default(),
            per_ip,
            ipv6_prefix,
            trusted_proxies,
            metrics,
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
        let Ok(peer) = stream.peer_addr() else {
            return;
        };
        if self.trusted_proxies.iter().any(|n| n.contains(&peer.ip())) {
            return;
        }
        let key = rate_key(peer.ip(), self.ipv6_prefix);
        let over = {
            let mut open = self.lock();
            let n = open.entry(key).or_insert(0);
            *n += 1;
            *n > self.per_ip
        };
        extensions.insert(Counted {
            cap: self.clone(),
            key,
        });
        if over {
            // Counted, not logged line by line: a flood would otherwise flood the log too.
            self.metrics.count_event("excess_connections_per_ip");
            tracing::debug!(event = "excess_connections_per_ip", client_ip = %key, "connection refused");
            let _ = socket2::SockRef::from(stream).shutdown(std::net::Shutdown::Both);
        }
    }

    /// Connections open now from `ip`'s address or network (tests, metrics).
    pub fn open_from(&self, ip: IpAddr) -> usize {
        self.lock()
            .get(&rate_key(ip, self.ipv6_prefix))
            .copied()
            .unwrap_or(0)
    }
}
