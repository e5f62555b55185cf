//! Authentication as Alibaba's gateway does it: V1 when a `Signature` parameter is present, V3
//! when an `ACS3-HMAC-SHA256` Authorization header is, with the gateway's error codes; plus the
//! nonce replay window (15 minutes per access key) that the signer leaves to the server.

use crate::error::SimError;
use std::collections::{HashSet, VecDeque};
use tether_domain::error::codes;
use tether_signer::{VerifyError, verify_v1, verify_v3};

/// Allowed clock skew and nonce memory: 15 minutes.
pub const WINDOW_SECS: i64 = 15 * 60;
/// Nonces remembered at most (oldest forgotten first).
const MAX_NONCES: usize = 200_000;

/// What the request carried, as received.
pub struct Received<'a> {
    /// `GET` or `POST`.
    pub method: &'a str,
    /// Query parameters.
    pub query: &'a [(String, String)],
    /// Query plus form body parameters (V1 signs their union).
    pub params: &'a [(String, String)],
    /// Headers, names lowercase.
    pub headers: &'a [(String, String)],
    /// Raw body.
    pub body: &'a [u8],
}

/// Recently used nonces per access key.
#[derive(Debug, Default)]
pub struct NonceCache {
    seen: HashSet<(String, String)>,
    order: VecDeque<(i64, (String, String))>,
}

impl NonceCache {
    /// Records a nonce; false if it was used within the window.
    pub fn record(&mut self, key: &str, nonce: &str, now: i64) -> bool {
        while let Some((at, _)) = self.order.front() {
            if *at > now - WINDOW_SECS && self.order.len() < MAX_NONCES {
                break;
            }
            if let Some((_, entry)) = self.order.pop_front() {
                self.seen.remove(&entry);
            }
        }
        let entry = (key.to_owned(), nonce.to_owned());
        if !self.seen.insert(entry.clone()) {
            return false;
        }
        self.order.push_back((now, entry));
        true
    }
}

fn other(status: u16, code: &'static str, message: impl Into<String>) -> SimError {
    SimError::Other {
        status,
        code,
        message: message.into(),
    }
}

/// Verifies the request; the access key ID on success.
pub fn authenticate(
    req: &Received<'_>,
    lookup: impl Fn(&str) -> Option<String>,
    nonces: &mut NonceCache,
    now: i64,
) -> Result<String, SimError> {
    let authorization = req
        .headers
        .iter()
        .find(|(k, _)| k == "authorization")
        .map(|(_, v)| v.as_str());
    let result = match authorization {
        Some(auth) if auth.trim_start().starts_with("ACS3-HMAC-SHA256") => verify_v3(
            req.method,
            "/",
            req.query,
            req.headers,
            req.body,
            lookup,
            now,
            WINDOW_SECS,
        ),
        Some(_) => return Err(SimError::Spec(codes::INCOMPLETE_SIGNATURE)),
        None if req.params.iter().any(|(k, _)| k == "Signature") => {
            verify_v1(req.method, req.params, lookup, now, WINDOW_SECS)
        }
        None => return Err(SimError::Missing("Signature".into())),
    };
    let verified = result.map_err(|err| map_error(err, req.params))?;
    if !nonces.record(&verified.access_key_id, &verified.nonce, now) {
        return Err(SimError::Spec(codes::SIGNATURE_NONCE_USED));
    }
    Ok(verified.access_key_id)
}

fn map_error(err: VerifyError, params: &[(String, String)]) -> SimError {
    match err {
        VerifyError::UnknownKey => SimError::Spec(codes::INVALID_ACCESS_KEY_ID_NOT_FOUND),
        VerifyError::BadSignature {
            server_string_to_sign,
        } => other(
            400,
            codes::SIGNATURE_DOES_NOT_MATCH.code,
            format!(
                "Specified signature is not matched with our calculation. server string to sign is:{server_string_to_sign}"
            ),
        ),
        VerifyError::Expired => SimError::Spec(codes::INVALID_TIMESTAMP_EXPIRED),
        VerifyError::NonceMissing => SimError::Missing("SignatureNonce".into()),
        VerifyError::Malformed(part) => {
            let absent = !params.iter().any(|(k, v)| k == &part && !v.is_empty());
            let is_param = [
                "AccessKeyId",
                "Timestamp",
                "SignatureMethod",
                "SignatureVersion",
            ]
            .contains(&part.as_str());
            if is_param && absent {
                SimError::Missing(part)
            } else {
                SimError::SpecWith(
                    codes::INCOMPLETE_SIGNATURE,
                    format!("{} ({part})", codes::INCOMPLETE_SIGNATURE.message),
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nonce_is_refused_twice_within_the_window_and_forgotten_after() {
        let mut cache = NonceCache::default();
        assert!(cache.record("k", "n1", 1_000));
        assert!(!cache.record("k", "n1", 1_100));
        assert!(cache.record("other-key", "n1", 1_100));
        assert!(cache.record("k", "n1", 1_000 + WINDOW_SECS + 1));
    }
}
