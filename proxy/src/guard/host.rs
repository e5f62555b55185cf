//! DNS rebinding defence: the proxy answers only for the Host names it is meant to be reached
//! by. A page on `evil.example` that re-points its name at 127.0.0.1 reaches the proxy with
//! `Host: evil.example`, and its requests are same-origin in the browser's eyes, so neither
//! CORS nor the Origin check stops it; the Host check does. Checked before any route runs,
//! static files included.

use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::IpAddr;

/// The Host names the proxy answers for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostPolicy {
    /// Names from `--public-url`, lower-case, without port.
    pub names: Vec<String>,
    /// Whether IP literals other than loopback are accepted: when listening beyond loopback,
    /// users reach the proxy by its address. Rebinding needs a DNS name, so an address in the
    /// Host header is the address the browser really connected to.
    pub ip_literals: bool,
}

impl HostPolicy {
    /// The policy for a proxy listening on `listen` and reached by `public_names`.
    pub fn new(listen: IpAddr, public_names: Vec<String>) -> Self {
        Self {
            names: public_names,
            ip_literals: !listen.is_loopback(),
        }
    }

    /// Whether a request with `Host: host` is for us. Loopback names and addresses always
    /// are; anything that is not a plain `name[:port]` never is.
    pub fn allows(&self, host: &str) -> bool {
        let Some(name) = host_name(host) else {
            return false;
        };
        let name = name.to_ascii_lowercase();
        if name == "localhost" {
            return true;
        }
        if let Ok(ip) = name
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
        {
            return ip.is_loopback() || self.ip_literals;
        }
        self.names.contains(&name)
    }
}

/// The name part of a Host header value (`[::1]:8080` → `[::1]`, `a.b:80` → `a.b`); `None`
/// for anything else (userinfo, text after an IPv6 literal, a port that is not a number).
fn host_name(host: &str) -> Option<&str> {
    if host.contains('@') {
        return None;
    }
    let (name, port) = if host.starts_with('[') {
        let end = host.find(']')?;
        let (name, rest) = host.split_at(end + 1);
        (
            name,
            rest.strip_prefix(':').or(rest.is_empty().then_some("")),
        )
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, Some("")),
        }
    };
    let port = port?;
    let port_ok = port.is_empty() || (port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit()));
    (port_ok && !name.is_empty()).then_some(name)
}

/// The host name of a `--public-url` (`https://tether.example.com/` → `tether.example.com`).
pub fn public_url_name(url: &str) -> Result<String, String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("--public-url {url:?} must start with http:// or https://"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(format!(
            "--public-url {url:?} must not carry a user name or password"
        ));
    }
    let name = host_name(authority).unwrap_or("").to_ascii_lowercase();
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-.[]:".contains(c));
    if valid {
        Ok(name)
    } else {
        Err(format!("--public-url {url:?} has no valid host name"))
    }
}

/// Middleware: 421 Misdirected Request for a Host the proxy is not meant to be reached by.
/// A request without a Host header passes: every browser sends one, so such a client is not
/// a page being rebound, and it could reach the port directly anyway.
pub async fn check(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .map(|v| v.to_str().unwrap_or("\u{fffd}").to_owned())
        .or_else(|| req.uri().authority().map(|a| a.as_str().to_owned()));
    match host {
        Some(host) if !state.hosts.allows(&host) => {
            tracing::warn!(%host, path = %req.uri().path(), "refused: foreign Host header");
            AppError::MisdirectedHost(host).into_response()
        }
        _ => next.run(req).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_loopback_only_loopback_names_and_addresses_are_served() {
        let p = HostPolicy::new("127.0.0.1".parse().unwrap(), Vec::new());
        for ok in [
            "localhost:8080",
            "127.0.0.1:8080",
            "127.0.0.1",
            "[::1]:8080",
            "LOCALHOST",
        ] {
            assert!(p.allows(ok), "{ok}");
        }
        for bad in [
            "[::1]evil.example",
            "127.0.0.1:1@evil.example",
            "localhost:80x",
            "[::1",
            "evil.example:8080",
            "evil.example",
            "10.0.0.5:8080",
            "localhost.evil.example",
            "",
            "127.0.0.1.nip.io",
        ] {
            assert!(!p.allows(bad), "{bad}");
        }
    }

    #[test]
    fn public_urls_add_their_names_and_a_public_listener_its_addresses() {
        let names = vec![public_url_name("https://Tether.Example.com/console").unwrap()];
        let p = HostPolicy::new("0.0.0.0".parse().unwrap(), names);
        assert!(p.allows("tether.example.com"));
        assert!(p.allows("tether.example.com:443"));
        assert!(p.allows("10.0.0.5:8080"));
        assert!(!p.allows("evil.example"));
        assert!(!p.allows("tether.example.com.evil.example"));
    }

    #[test]
    fn public_urls_must_be_plain_http_urls() {
        assert!(public_url_name("tether.example.com").is_err());
        assert!(public_url_name("https://user:pw@tether.example.com").is_err());
        assert!(public_url_name("https:///path").is_err());
        assert_eq!(public_url_name("http://[::1]:8080/").unwrap(), "[::1]");
    }
}
