//! Authentication as Alibaba's gateway does it: V1 when a `Signature` parameter is present, V3
//! when an `ACS3-HMAC-SHA256` Authorization header is, with the gateway's error codes; plus the
//! nonce replay memory (per access key) that the signer leaves to the server.

use crate::error::SimError;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use tether_domain::error::codes;
use tether_signer::{VerifyError, verify_v1, verify_v3};

/// Allowed clock skew: 15 minutes either way.
pub const WINDOW_SECS: i64 = 15 * 60;
/// Nonces remembered at most. A nonce lives until its timestamp leaves the skew window (15
/// minutes, 30 for one signed at the far edge ahead), so this allows 550 to 1 100 signed requests
/// a second sustained, well above the bench's bursts. Each is a 16-byte digest kept in two
/// places, so even a full memory stays within tens of MB.
const MAX_NONCES: usize = 1_000_000;

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

/// Nonces per access key, each kept until its request's timestamp would be refused anyway.
#[derive(Debug)]
pub struct NonceCache {
    seen: HashSet<u128>,
    /// Digests by the last second their timestamp is accepted, so the expired go in order.
    expiry: BTreeMap<i64, Vec<u128>>,
    capacity: usize,
}

impl Default for NonceCache {
    fn default() -> Self {
        Self::with_capacity(MAX_NONCES)
    }
}

impl NonceCache {
    /// A memory that holds at most `capacity` live nonces.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            seen: HashSet::new(),
            expiry: BTreeMap::new(),
            capacity,
        }
    }

    /// Records the nonce of a request signed at `timestamp` and verified at `now`. A nonce seen
    /// before is `SignatureNonceUsed` for as long as that timestamp is within the skew, so no
    /// replay can outlive its memory. When the memory is full a new nonce is refused with
    /// `Throttling` rather than forgetting a live one; Alibaba's reference is silent about this
    /// case, and `Throttling` is what a client already waits and retries on.
    pub fn record(
        &mut self,
        key: &str,
        nonce: &str,
        timestamp: i64,
        now: i64,
    ) -> Result<(), SimError> {
        while let Some(entry) = self.expiry.first_entry() {
            if *entry.key() >= now {
                break;
            }
            for digest in entry.remove() {
                self.seen.remove(&digest);
            }
        }
        let digest = digest(key, nonce);
        if self.seen.contains(&digest) {
            return Err(SimError::Spec(codes::SIGNATURE_NONCE_USED));
        }
        if self.seen.len() >= self.capacity {
            return Err(SimError::Spec(codes::THROTTLING));
        }
        self.seen.insert(digest);
        self.expiry
            .entry(timestamp.saturating_add(WINDOW_SECS))
            .or_default()
            .push(digest);
        Ok(())
    }
}

/// 128 bits of SHA-256 over the key (length-prefixed, so no key/nonce split is ambiguous) and
/// the nonce: a fixed 16 bytes however long the nonce a client sends, and a collision would
/// only refuse a request, never let a replay through.
fn digest(key: &str, nonce: &str) -> u128 {
    let mut hasher = Sha256::new();
    hasher.update((key.len() as u64).to_le_bytes());
    hasher.update(key.as_bytes());
    hasher.update(nonce.as_bytes());
    let full = hasher.finalize();
    let mut first = [0u8; 16];
    first.copy_from_slice(&full[..16]);
    u128::from_le_bytes(first)
}

fn other(status: u16, code: &'static str, message: impl Into<String>) -> SimError {
    SimError::Other {
        status,
        code,
        message: message.into(),
    }
}

/// Verifies the request; the access key ID on success. `sts` is the security token the keys
/// belong with, when they are STS keys: the request must carry exactly that one.
pub fn authenticate(
    req: &Received<'_>,
    lookup: impl Fn(&str) -> Option<String>,
    sts: Option<&str>,
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
    let verified = result.map_err(|err| map_error(err, req))?;
    if let Some(expected) = sts {
        match verified.security_token.as_deref() {
            None | Some("") => return Err(SimError::Spec(codes::MISSING_SECURITY_TOKEN)),
            Some(given) if !same(given.as_bytes(), expected.as_bytes()) => {
                return Err(SimError::Spec(codes::SECURITY_TOKEN_MISMATCH));
            }
            Some(_) => {}
        }
    }
    nonces.record(
        &verified.access_key_id,
        &verified.nonce,
        verified.timestamp_unix,
        now,
    )?;
    Ok(verified.access_key_id)
}

/// Compares secrets without an early exit.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn map_error(err: VerifyError, req: &Received<'_>) -> SimError {
    let params = req.params;
    let has_date = req
        .headers
        .iter()
        .any(|(k, v)| k == "x-acs-date" && !v.trim().is_empty());
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
        // The gateway's own codes for the timestamp: absent (V1 `Timestamp`, V3 `x-acs-date`)
        // and present but unusable.
        VerifyError::Malformed(part)
            if (part == "Timestamp"
                && !params
                    .iter()
                    .any(|(k, v)| k == "Timestamp" && !v.is_empty()))
                || (part.starts_with("x-acs-date") && !has_date)
                || part == "signed header x-acs-date missing" =>
        {
            SimError::Spec(codes::MISSING_TIMESTAMP)
        }
        VerifyError::Malformed(part) if part == "Timestamp" || part == "x-acs-date" => {
            SimError::Spec(codes::ILLEGAL_TIMESTAMP)
        }
        VerifyError::Malformed(part) => {
            let absent = !params.iter().any(|(k, v)| k == &part && !v.is_empty());
            let is_param =
                ["AccessKeyId", "SignatureMethod", "SignatureVersion"].contains(&part.as_str());
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

    fn code(result: Result<(), SimError>) -> Option<&'static str> {
        result.err().map(|err| err.code())
    }

    #[test]
    fn a_nonce_is_refused_twice_within_the_window_and_forgotten_after() {
        let mut cache = NonceCache::default();
        assert_eq!(code(cache.record("k", "n1", 1_000, 1_000)), None);
        assert_eq!(
            code(cache.record("k", "n1", 1_000, 1_100)),
            Some("SignatureNonceUsed")
        );
        assert_eq!(code(cache.record("other-key", "n1", 1_000, 1_100)), None);
        let later = 1_000 + WINDOW_SECS + 1;
        assert_eq!(code(cache.record("k", "n1", later, later)), None);
    }

    #[test]
    fn a_nonce_signed_ahead_is_remembered_until_its_own_timestamp_expires() {
        let mut cache = NonceCache::default();
        let ahead = 1_000 + WINDOW_SECS;
        assert_eq!(code(cache.record("k", "n1", ahead, 1_000)), None);
        let replay_at = ahead + WINDOW_SECS;
        assert_eq!(
            code(cache.record("k", "n1", ahead, replay_at)),
            Some("SignatureNonceUsed")
        );
        assert_eq!(code(cache.record("k", "n1", ahead, replay_at + 1)), None);
    }

    #[test]
    fn a_live_nonce_is_still_refused_after_more_than_the_old_bound_of_others() {
        let mut cache = NonceCache::default();
        for i in 0..=200_000 {
            assert_eq!(
                code(cache.record("k", &format!("n{i}"), 1_000, 1_000)),
                None
            );
        }
        assert_eq!(
            code(cache.record("k", "n0", 1_000, 1_000)),
            Some("SignatureNonceUsed")
        );
    }

    #[test]
    fn a_full_memory_refuses_new_nonces_and_still_refuses_replays() {
        let mut cache = NonceCache::with_capacity(2);
        assert_eq!(code(cache.record("k", "a", 1_000, 1_000)), None);
        assert_eq!(code(cache.record("k", "b", 1_000, 1_000)), None);
        assert_eq!(
            code(cache.record("k", "c", 1_000, 1_001)),
            Some("Throttling")
        );
        assert_eq!(
            code(cache.record("k", "a", 1_000, 1_001)),
            Some("SignatureNonceUsed")
        );
        let after = 1_000 + WINDOW_SECS + 1;
        assert_eq!(code(cache.record("k", "c", after, after)), None);
    }

    #[test]
    fn key_and_nonce_are_not_confused_across_their_boundary() {
        assert_ne!(digest("ab", "c"), digest("a", "bc"));
    }
}
