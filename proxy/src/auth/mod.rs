//! Who is calling: `--auth none` (demo, loopback only: everyone is the demo admin), `local`
//! (users file, login page, session cookie) or `header` (a trusted reverse proxy names the user).
//! The same-origin rule and the role gate live here too.

pub mod accounts;
pub mod client_addr;
pub mod header;
pub mod sessions;
pub mod start_token;
pub mod throttle;
pub mod users;

use crate::error::AppError;
use crate::state::Role;
use axum::http::{HeaderMap, Method};
use std::net::IpAddr;
use tether_domain::api::CSRF_HEADER;

/// How portal users sign in.
#[derive(Debug)]
pub enum AuthMode {
    /// No sign-in: demo only, and only on loopback.
    None,
    /// Users in the store with argon2id hashes; sessions in cookies.
    Local {
        /// The users file.
        users: users::UserStore,
        /// Live sessions.
        sessions: sessions::SessionStore,
        /// Failed sign-ins and the bound on concurrent password checks.
        throttle: throttle::LoginThrottle,
        /// Mark cookies `Secure` (behind TLS).
        secure_cookies: bool,
    },
    /// User and role from headers set by a trusted reverse proxy (oauth2-proxy style).
    Header(header::HeaderAuth),
}

impl AuthMode {
    /// The mode's name, as `--auth` spells it.
    pub fn name(&self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Local { .. } => "local",
            Self::Header(_) => "header",
        }
    }
}

/// Whether `entry` is an address or a CIDR block (`10.0.0.0/8`) with a prefix that fits.
pub fn is_ip_or_cidr(entry: &str) -> bool {
    let (net, bits) = match entry.split_once('/') {
        Some((n, b)) => (n, Some(b)),
        None => (entry, None),
    };
    match (net.parse::<IpAddr>(), bits.map(str::parse::<u32>)) {
        (Ok(_), None) => true,
        (Ok(IpAddr::V4(_)), Some(Ok(b))) => b <= 32,
        (Ok(IpAddr::V6(_)), Some(Ok(b))) => b <= 128,
        _ => false,
    }
}

/// Whether `ip` is `entry` or inside the CIDR block `entry`.
pub fn ip_matches(entry: &str, ip: IpAddr) -> bool {
    let (net, bits) = match entry.split_once('/') {
        Some((n, b)) => (n, b.parse::<u32>().ok()),
        None => (entry, None),
    };
    let Ok(net) = net.parse::<IpAddr>() else {
        return false;
    };
    let prefix = |a: u128, b: u128, len: u32, total: u32| {
        let len = len.min(total);
        if len == 0 {
            true
        } else {
            (a ^ b) >> (total - len) == 0
        }
    };
    match (net, ip) {
        (IpAddr::V4(n), IpAddr::V4(i)) => prefix(
            u32::from(n).into(),
            u32::from(i).into(),
            bits.unwrap_or(32),
            32,
        ),
        (IpAddr::V6(n), IpAddr::V6(i)) => {
            prefix(u128::from(n), u128::from(i), bits.unwrap_or(128), 128)
        }
        _ => false,
    }
}

/// The user behind a request, or 401.
pub async fn authenticate(
    mode: &AuthMode,
    headers: &HeaderMap,
    peer: Option<IpAddr>,
) -> Result<PortalUser, AppError> {
    match mode {
        AuthMode::None => Ok(PortalUser::demo()),
        AuthMode::Local {
            users,
            sessions: store,
            secure_cookies,
            ..
        } => {
            sessions::authenticate(
                users,
                store,
                headers,
                sessions::cookie_name(*secure_cookies),
            )
            .await
        }
        AuthMode::Header(settings) => settings.user(headers, peer),
    }
}

/// The signed-in portal user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortalUser {
    /// User name.
    pub name: String,
    /// Role.
    pub role: Role,
}

impl PortalUser {
    /// The user of a portal without authentication (demo mode on loopback).
    pub fn demo() -> Self {
        Self {
            name: "demo".to_owned(),
            role: Role::Admin,
        }
    }
}

/// Middleware: resolves the user of every private `/api` request (401 when there is none) and
/// hands it to the handler as a request extension.
pub async fn require_user(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    if let Some(start) = &state.start_token
        && !start.admits(req.headers())
    {
        return AppError::StartTokenNeeded.into_response();
    }
    match authenticate(&state.auth, req.headers(), peer).await {
        Ok(user) => {
            req.extensions_mut().insert(user.clone());
            let mut response = next.run(req).await;
            // Handed back out too, so a refusal recorded outside this layer names its user.
            response.extensions_mut().insert(user);
            response
        }
        Err(e) => e.into_response(),
    }
}

/// Refuses a mutation that a cross-site page could have sent: the app always sets its header
/// (which forces a CORS preflight we never grant), and a browser's Origin/Sec-Fetch-Site must
/// say same-origin.
pub fn check_same_origin(method: &Method, headers: &HeaderMap) -> Result<(), AppError> {
    if method == Method::GET || method == Method::HEAD {
        return Ok(());
    }
    if !headers.contains_key(CSRF_HEADER) {
        return Err(AppError::CrossOrigin);
    }
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return Err(AppError::CrossOrigin);
    }
    if let Some(origin) = headers.get("origin").and_then(|v| v.to_str().ok()) {
        let host = headers
            .get("host")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let origin_host = origin.split_once("://").map_or(origin, |(_, h)| h);
        // A forwarding proxy in front (Trunk's dev server, `cargo xtask dev`) rewrites Host and
        // keeps the browser's in X-Forwarded-Host. A page elsewhere cannot set that header
        // without a CORS preflight, which is never granted, and a rebound page never gets past
        // the Host check; so matching it is as strict as matching Host.
        let forwarded = headers
            .get("x-forwarded-host")
            .and_then(|v| v.to_str().ok());
        if origin_host != host && Some(origin_host) != forwarded {
            return Err(AppError::CrossOrigin);
        }
    }
    Ok(())
}

/// Whether a user with role `have` may do what needs `need` (the domain's rule and words, which
/// the app shows on its disabled buttons).
pub fn check_role(have: Role, need: Role) -> Result<(), AppError> {
    match tether_domain::rules::role_refusal(have, need) {
        None => Ok(()),
        Some(why) => Err(AppError::Forbidden(why.message(tether_domain::Lang::En))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn mutations_need_the_app_header_and_a_same_origin() {
        let post = Method::POST;
        assert!(check_same_origin(&post, &headers(&[])).is_err());
        assert!(
            check_same_origin(
                &post,
                &headers(&[
                    (CSRF_HEADER, "1"),
                    ("host", "a:1"),
                    ("origin", "http://a:1")
                ])
            )
            .is_ok()
        );
        assert!(
            check_same_origin(
                &post,
                &headers(&[
                    (CSRF_HEADER, "1"),
                    ("host", "a:1"),
                    ("origin", "http://evil")
                ])
            )
            .is_err()
        );
        assert!(
            check_same_origin(
                &post,
                &headers(&[(CSRF_HEADER, "1"), ("sec-fetch-site", "cross-site")])
            )
            .is_err()
        );
        assert!(check_same_origin(&Method::GET, &headers(&[])).is_ok());
        let via_dev_server = |forwarded: &str| {
            check_same_origin(
                &post,
                &headers(&[
                    (CSRF_HEADER, "1"),
                    ("host", "127.0.0.1"),
                    ("x-forwarded-host", forwarded),
                    ("origin", "http://127.0.0.1:8081"),
                ]),
            )
        };
        assert!(via_dev_server("127.0.0.1:8081").is_ok(), "cargo xtask dev");
        assert!(via_dev_server("127.0.0.1:9999").is_err());
    }

    #[tokio::test]
    async fn header_auth_trusts_only_configured_addresses() {
        let mode = AuthMode::Header(header::HeaderAuth {
            trusted: vec!["10.0.0.0/8".into(), "::1".into()],
            user_header: "x-forwarded-user".into(),
            role_header: "x-forwarded-role".into(),
            role_map: None,
        });
        let h = headers(&[
            ("x-forwarded-user", "carol"),
            ("x-forwarded-role", "operator"),
        ]);
        let user = authenticate(&mode, &h, Some("10.1.2.3".parse().unwrap()))
            .await
            .unwrap();
        assert_eq!((user.name.as_str(), user.role), ("carol", Role::Operator));
        assert!(
            authenticate(&mode, &h, Some("192.168.1.1".parse().unwrap()))
                .await
                .is_err()
        );
        assert!(authenticate(&mode, &h, None).await.is_err());
        let no_role = headers(&[("x-forwarded-user", "dave")]);
        assert_eq!(
            authenticate(&mode, &no_role, Some("::1".parse().unwrap()))
                .await
                .unwrap()
                .role,
            Role::Viewer
        );
        assert!(
            authenticate(&mode, &headers(&[]), Some("::1".parse().unwrap()))
                .await
                .is_err()
        );
    }

    #[test]
    fn cidr_matching() {
        assert!(ip_matches("127.0.0.1", "127.0.0.1".parse().unwrap()));
        assert!(ip_matches(
            "192.168.0.0/16",
            "192.168.200.1".parse().unwrap()
        ));
        assert!(!ip_matches(
            "192.168.0.0/16",
            "192.169.0.1".parse().unwrap()
        ));
        assert!(ip_matches("0.0.0.0/0", "8.8.8.8".parse().unwrap()));
        assert!(!ip_matches("::1", "127.0.0.1".parse().unwrap()));
    }

    #[test]
    fn roles_gate_mutations_and_deletes() {
        assert!(check_role(Role::Viewer, Role::Viewer).is_ok());
        assert!(check_role(Role::Viewer, Role::Operator).is_err());
        assert!(check_role(Role::Operator, Role::Operator).is_ok());
        assert!(check_role(Role::Operator, Role::Admin).is_err());
        assert!(check_role(Role::Admin, Role::Admin).is_ok());
    }
}
