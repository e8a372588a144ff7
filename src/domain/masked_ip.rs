//! An address as the account page shows it: enough for a person to tell "that was me, at
//! home" from "that was not me", not enough to single out a household (IPv4's last byte, all
//! of IPv6 past its /48 site prefix). Iris has no place database and asks no third party.
use std::net::IpAddr;

pub fn masked_ip(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            format!("{a}.{b}.{c}.x")
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}::/48", s[0], s[1], s[2])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_network_and_drops_the_host() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert_eq!(masked_ip(ip("203.0.113.77")), "203.0.113.x");
        assert_eq!(masked_ip(ip("::ffff:203.0.113.77")), "203.0.113.x");
        assert_eq!(
            masked_ip(ip("2001:db8:85a3:1234:5678::1")),
            "2001:db8:85a3::/48"
        );
    }
}
