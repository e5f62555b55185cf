//! The client address the login throttle counts against: the TCP peer, or, when the peer is a
//! `--trusted-proxies` address, the client that proxy reports in `X-Forwarded-For`. IPv6
//! addresses are keyed by their /64, the block one subscriber gets.

use super::ip_matches;
use axum::http::HeaderMap;
use std::net::{IpAddr, SocketAddr};

/// The client behind `peer`. A peer that is not trusted is the client, whatever it claims.
/// Behind trusted proxies each proxy appends the address it saw, so the client is the rightmost
/// entry that is not itself a trusted proxy; everything left of it was written by the client
/// and proves nothing. An entry there that is not an address makes the header useless, and the
/// peer is used.
pub fn client_ip(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[String]) -> Option<IpAddr> {
    let peer = peer?;
    let is_trusted = |ip: IpAddr| trusted.iter().any(|t| ip_matches(t, ip));
    if !is_trusted(peer) {
        return Some(peer);
    }
    let mut entries = Vec::new();
    for value in headers.get_all("x-forwarded-for") {
        let Ok(text) = value.to_str() else {
            return Some(peer);
        };
        entries.extend(text.split(',').map(str::trim));
    }
    for entry in entries.iter().rev() {
        match parse_entry(entry) {
            Some(ip) if is_trusted(ip) => {}
            Some(ip) => return Some(ip),
            None => return Some(peer),
        }
    }
    Some(peer)
}

/// `203.0.113.7`, `2001:db8::1`, or either with a port (`[2001:db8::1]:443`).
fn parse_entry(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .map(|ip| ip.to_canonical())
}

/// The throttle key of an address: IPv4 as is, IPv6 by its /64 (rotating the low 64 bits is
/// free, so a /128 key would let one client look like millions).
pub fn address_key(ip: Option<IpAddr>) -> String {
    match ip.map(|ip| ip.to_canonical()) {
        Some(IpAddr::V4(v4)) => v4.to_string(),
        Some(IpAddr::V6(v6)) => {
            let net = u128::from(v6) & !(u128::from(u64::MAX));
            format!("{}/64", std::net::Ipv6Addr::from(net))
        }
        None => "unknown".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xff(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    const PROXY: &str = "10.0.0.5";

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let h = xff(&["198.51.100.1"]);
        assert_eq!(client_ip(ip("203.0.113.7"), &h, &[]), ip("203.0.113.7"));
        let trusted = [PROXY.to_owned()];
        assert_eq!(
            client_ip(ip("203.0.113.7"), &h, &trusted),
            ip("203.0.113.7")
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_rightmost_untrusted_entry_is_the_client() {
        let trusted = [PROXY.to_owned(), "10.1.0.0/16".to_owned()];
        let h = xff(&["1.1.1.1, 198.51.100.1", "10.1.2.3"]);
        assert_eq!(client_ip(ip(PROXY), &h, &trusted), ip("198.51.100.1"));
        let ported = xff(&["[2001:db8::7]:5555"]);
        assert_eq!(client_ip(ip(PROXY), &ported, &trusted), ip("2001:db8::7"));
    }

    #[test]
    fn a_missing_or_malformed_header_falls_back_to_the_peer() {
        let trusted = [PROXY.to_owned()];
        assert_eq!(client_ip(ip(PROXY), &xff(&[]), &trusted), ip(PROXY));
        let bad = xff(&["198.51.100.1, not-an-address"]);
        assert_eq!(client_ip(ip(PROXY), &bad, &trusted), ip(PROXY));
        assert_eq!(client_ip(None, &bad, &trusted), None);
    }

    #[test]
    fn ipv6_addresses_share_a_key_per_64_and_mapped_ipv4_is_ipv4() {
        let a = address_key(ip("2001:db8:1:2::1"));
        assert_eq!(a, "2001:db8:1:2::/64");
        assert_eq!(a, address_key(ip("2001:db8:1:2:ffff:ffff:ffff:ffff")));
        assert_ne!(a, address_key(ip("2001:db8:1:3::1")));
        assert_eq!(address_key(ip("::ffff:203.0.113.7")), "203.0.113.7");
        assert_eq!(address_key(None), "unknown");
    }
}
