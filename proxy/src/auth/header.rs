//! `--auth header`: a trusted reverse proxy (oauth2-proxy and the like) names the user. Only
//! connections from the trusted addresses may, a header sent twice is refused (first-wins would
//! let a client-sent copy ride along with the proxy's own), and the role can come from a map
//! kept here instead of from the wire.

use super::{PortalUser, ip_matches};
use crate::error::AppError;
use crate::state::Role;
use axum::http::HeaderMap;
use std::net::IpAddr;
use tether_domain::ParamError;

/// The header-mode settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderAuth {
    /// Addresses (or CIDR blocks) allowed to set the headers.
    pub trusted: Vec<String>,
    /// Header naming the user.
    pub user_header: String,
    /// Header naming the role; ignored when `role_map` is set.
    pub role_header: String,
    /// `--header-roles`: each user's role, kept server-side; users not listed are viewers.
    pub role_map: Option<Vec<(String, Role)>>,
}

impl HeaderAuth {
    /// The user the trusted proxy names, or 401 (untrusted peer, no user) or 400 (a header
    /// sent more than once).
    pub fn user(&self, headers: &HeaderMap, peer: Option<IpAddr>) -> Result<PortalUser, AppError> {
        let from_trusted = peer.is_some_and(|ip| self.trusted.iter().any(|t| ip_matches(t, ip)));
        if !from_trusted {
            return Err(AppError::Unauthenticated);
        }
        let name = single(headers, &self.user_header)?.ok_or(AppError::Unauthenticated)?;
        let role = match &self.role_map {
            Some(map) => map
                .iter()
                .find(|(user, _)| *user == name)
                .map_or(Role::Viewer, |(_, role)| *role),
            None => single(headers, &self.role_header)?
                .and_then(Role::parse)
                .unwrap_or(Role::Viewer),
        };
        Ok(PortalUser {
            name: name.to_owned(),
            role,
        })
    }
}

/// The one value of header `name` (trimmed, non-empty), or 400 when it was sent twice.
fn single<'h>(headers: &'h HeaderMap, name: &str) -> Result<Option<&'h str>, AppError> {
    let mut values = headers.get_all(name).iter();
    let first = values.next();
    if values.next().is_some() {
        return Err(AppError::BadRequest(ParamError::Invalid {
            name: name.to_owned(),
            reason: "the header was sent more than once".into(),
        }));
    }
    Ok(first
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty()))
}

/// Parses `--header-roles alice=admin,bob=operator`.
pub fn parse_role_map(entries: &[String]) -> Result<Vec<(String, Role)>, String> {
    entries
        .iter()
        .map(|entry| {
            let (user, role) = entry
                .trim()
                .split_once('=')
                .ok_or_else(|| format!("--header-roles: {entry:?} is not user=role"))?;
            let role = Role::parse(role.trim()).ok_or_else(|| {
                format!("--header-roles: {entry:?}: the role is viewer, operator or admin")
            })?;
            let user = user.trim();
            if user.is_empty() {
                return Err(format!("--header-roles: {entry:?} names no user"));
            }
            Ok((user.to_owned(), role))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auth(map: Option<Vec<(String, Role)>>) -> HeaderAuth {
        HeaderAuth {
            trusted: vec!["10.0.0.5".into()],
            user_header: "x-forwarded-user".into(),
            role_header: "x-forwarded-role".into(),
            role_map: map,
        }
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, v.parse().unwrap());
        }
        h
    }

    const PROXY: Option<IpAddr> = Some(IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 5)));

    #[test]
    fn a_repeated_user_or_role_header_is_refused_not_first_wins() {
        let a = auth(None);
        let twice_user = headers(&[("x-forwarded-user", "admin"), ("x-forwarded-user", "erin")]);
        assert!(matches!(
            a.user(&twice_user, PROXY),
            Err(AppError::BadRequest(_))
        ));
        let twice_role = headers(&[
            ("x-forwarded-user", "erin"),
            ("x-forwarded-role", "admin"),
            ("x-forwarded-role", "viewer"),
        ]);
        assert!(matches!(
            a.user(&twice_role, PROXY),
            Err(AppError::BadRequest(_))
        ));
        let once = headers(&[
            ("x-forwarded-user", "erin"),
            ("x-forwarded-role", "operator"),
        ]);
        assert_eq!(a.user(&once, PROXY).unwrap().role, Role::Operator);
    }

    #[test]
    fn a_server_side_role_map_ignores_the_role_header() {
        let map = parse_role_map(&["alice=admin".into(), " bob = operator".into()]).unwrap();
        let a = auth(Some(map));
        let claims_admin = |user: &str| {
            let h = headers(&[("x-forwarded-user", user), ("x-forwarded-role", "admin")]);
            a.user(&h, PROXY).unwrap().role
        };
        assert_eq!(claims_admin("alice"), Role::Admin);
        assert_eq!(claims_admin("bob"), Role::Operator);
        assert_eq!(claims_admin("mallory"), Role::Viewer);
        assert!(parse_role_map(&["alice".into()]).is_err());
        assert!(parse_role_map(&["alice=root".into()]).is_err());
        assert!(parse_role_map(&["=admin".into()]).is_err());
    }
}
