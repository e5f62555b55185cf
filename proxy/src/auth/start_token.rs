//! The sign-in link of `--auth none` with a real backend (as Jupyter does): at start the proxy
//! prints a URL carrying a random token; opening it sets a cookie, and without that cookie
//! every `/api` route answers 401. A loopback-only demo on the simulator needs none of this,
//! but a real cloud key must not be one DNS-rebinding or one local user away from anyone.

use crate::error::AppError;
use crate::random::random_hex;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The cookie the sign-in link sets.
pub const COOKIE: &str = "tether_start";
/// The path of the sign-in link.
pub const PATH: &str = "/signin-token";

/// The per-start secrets: the one in the printed URL and the one in the cookie.
#[derive(Clone)]
pub struct StartToken {
    url_token: String,
    cookie_value: String,
}

impl std::fmt::Debug for StartToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StartToken(..)")
    }
}

/// Compares without stopping at the first difference, so timing does not leak a prefix.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl StartToken {
    /// Fresh secrets for this start.
    pub fn generate() -> Self {
        Self {
            url_token: random_hex(32),
            cookie_value: random_hex(32),
        }
    }

    /// The sign-in URL to print, for a proxy reached at `base` (`http://127.0.0.1:8080`).
    pub fn sign_in_url(&self, base: &str) -> String {
        format!("{base}{PATH}?token={}", self.url_token)
    }

    /// Whether the request carries the cookie the sign-in link set.
    pub fn admits(&self, headers: &HeaderMap) -> bool {
        let mut values = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|kv| kv.trim().strip_prefix(COOKIE)?.strip_prefix('='));
        values.any(|v| same(v, &self.cookie_value))
    }
}

/// `GET /signin-token?token=...`: opens the sign-in link: the right token sets the cookie and goes to the console.
pub async fn open(
    State(state): State<crate::state::AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    // The token is hex, so it needs no percent-decoding.
    let token = query
        .as_deref()
        .unwrap_or("")
        .split('&')
        .find_map(|kv| kv.strip_prefix("token="));
    let Some(start) = state.start_token.as_deref() else {
        return Err(AppError::Forbidden(
            "This portal has no sign-in link.".into(),
        ));
    };
    match token {
        Some(token) if same(token, &start.url_token) => {
            let cookie = format!(
                "{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/",
                start.cookie_value
            );
            Ok((
                StatusCode::SEE_OTHER,
                [
                    (header::SET_COOKIE, cookie),
                    (header::LOCATION, "/".to_owned()),
                ],
            )
                .into_response())
        }
        _ => {
            tracing::warn!("a wrong sign-in link was opened");
            Err(AppError::StartTokenNeeded)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_cookie_of_this_start_admits() {
        let t = StartToken::generate();
        let mut h = HeaderMap::new();
        assert!(!t.admits(&h));
        h.insert(header::COOKIE, "tether_start=forged".parse().unwrap());
        assert!(!t.admits(&h));
        let good = format!("a=1; {COOKIE}={}", t.cookie_value);
        h.insert(header::COOKIE, good.parse().unwrap());
        assert!(t.admits(&h));
        assert!(!StartToken::generate().admits(&h), "another start's cookie");
        assert!(!format!("{t:?}").contains(&t.url_token));
    }
}
