//! Signature V3 (`ACS3-HMAC-SHA256`): the header-based signature the current SDKs use.
//!
//! Pipeline: [`hash_payload`] -> [`canonical_request`] -> [`string_to_sign`] -> [`signature`],
//! and [`sign_headers`] runs it end to end producing the headers to send.

use std::fmt;

use sha2::{Digest, Sha256};

use crate::credentials::Credentials;
use crate::encode::canonical_query_string;
use crate::mac::hmac_sha256;
use crate::verify::VerifyError;

/// The algorithm name that opens the string-to-sign and the `Authorization` header.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// Lowercase hex SHA-256 of an empty body, the usual `x-acs-content-sha256` for RPC calls.
pub const EMPTY_PAYLOAD_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Lowercase hex SHA-256 of the request body (the `x-acs-content-sha256` value).
pub fn hash_payload(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

/// Lowercases, trims, sorts and de-duplicates header names into `SignedHeaders` order.
fn normalize_signed_headers(signed_headers: &[String]) -> Vec<String> {
    let mut names: Vec<String> = signed_headers
        .iter()
        .map(|name| name.trim().to_ascii_lowercase())
        .filter(|name| !name.is_empty())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The first value of header `name`, matched case-insensitively as HTTP requires.
pub(crate) fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(key, _)| key.trim().eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

/// Builds the canonical request:
/// `METHOD\nURI\nQUERY\nCANONICAL_HEADERS\nSIGNED_HEADERS\nHASHED_PAYLOAD`.
///
/// `path` is used as received (already URL-encoded); an empty path means `/`. Headers are looked
/// up case-insensitively by the names in `signed_headers`, which are lowercased and sorted
/// here; values are trimmed, and a signed header that is absent counts as empty. An empty query
/// gives an empty line.
pub fn canonical_request(
    method: &str,
    path: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    signed_headers: &[String],
    hashed_payload: &str,
) -> String {
    let names = normalize_signed_headers(signed_headers);
    let mut canonical_headers = String::new();
    for name in &names {
        let value = header(headers, name).unwrap_or("").trim();
        canonical_headers.push_str(&format!("{name}:{value}\n"));
    }
    let path = if path.is_empty() { "/" } else { path };
    format!(
        "{method}\n{path}\n{}\n{canonical_headers}\n{}\n{hashed_payload}",
        canonical_query_string(query),
        names.join(";")
    )
}

/// `ACS3-HMAC-SHA256\n` + lowercase hex SHA-256 of the canonical request.
pub fn string_to_sign(canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{}",
        hash_payload(canonical_request.as_bytes())
    )
}

/// Lowercase hex `HMAC-SHA256` of the string-to-sign, keyed by the bare secret (no `&`).
pub fn signature(secret: &str, string_to_sign: &str) -> String {
    hex::encode(hmac_sha256(secret.as_bytes(), string_to_sign.as_bytes()))
}

/// Signs an RPC call (path `/`) and returns every header to send, `authorization` last.
///
/// Header names come back lowercase. Always present: `host`, `x-acs-action`, `x-acs-version`,
/// `x-acs-date` (`date`, formatted like [`crate::format_timestamp`]), `x-acs-signature-nonce`,
/// `x-acs-content-sha256`; for STS credentials also `x-acs-security-token` and
/// `x-acs-accesskey-id`. `extra_headers` (e.g. `accept`, `user-agent`, `content-type`) are
/// appended unless they would repeat one of those. Every returned header except
/// `authorization` is signed, which covers `host`, `content-type` and all `x-acs-*` as the
/// algorithm requires, and also the extras, as the official SDKs do.
// The argument list mirrors the wire inputs one to one; a struct would only rename them.
#[allow(clippy::too_many_arguments)]
pub fn sign_headers(
    method: &str,
    host: &str,
    query: &[(String, String)],
    body: &[u8],
    action: &str,
    version: &str,
    creds: &Credentials,
    date: &str,
    nonce: &str,
    extra_headers: &[(String, String)],
) -> Vec<(String, String)> {
    let hashed_payload = hash_payload(body);
    let mut headers: Vec<(String, String)> = vec![
        ("host".into(), host.into()),
        ("x-acs-action".into(), action.into()),
        ("x-acs-version".into(), version.into()),
        ("x-acs-date".into(), date.into()),
        ("x-acs-signature-nonce".into(), nonce.into()),
        ("x-acs-content-sha256".into(), hashed_payload.clone()),
    ];
    if let Some(token) = &creds.security_token {
        headers.push(("x-acs-security-token".into(), token.clone()));
        headers.push(("x-acs-accesskey-id".into(), creds.access_key_id.clone()));
    }
    for (name, value) in extra_headers {
        let name = name.trim().to_ascii_lowercase();
        if name != "authorization" && header(&headers, &name).is_none() {
            headers.push((name, value.clone()));
        }
    }

    let signed: Vec<String> = headers.iter().map(|(name, _)| name.clone()).collect();
    let canonical = canonical_request(method, "/", query, &headers, &signed, &hashed_payload);
    let authorization = Authorization {
        credential: creds.access_key_id.clone(),
        signed_headers: normalize_signed_headers(&signed),
        signature: signature(creds.secret(), &string_to_sign(&canonical)),
    };
    headers.push(("authorization".into(), authorization.to_string()));
    headers
}

/// The parsed `Authorization: ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    /// The AccessKeyId the client claims to sign with.
    pub credential: String,
    /// Lowercase header names, in the order the client listed them.
    pub signed_headers: Vec<String>,
    /// Lowercase hex signature.
    pub signature: String,
}

impl fmt::Display for Authorization {
    /// Formats the header value exactly as the SDKs send it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{ALGORITHM} Credential={},SignedHeaders={},Signature={}",
            self.credential,
            self.signed_headers.join(";"),
            self.signature
        )
    }
}

/// Parses an `Authorization` header value.
///
/// Parts may be separated by `,` with optional spaces; unknown parts are ignored so a future
/// SDK field does not lock clients out. A wrong algorithm, or a missing, empty or repeated
/// `Credential` / `SignedHeaders` / `Signature`, is [`VerifyError::Malformed`].
pub fn parse_authorization(value: &str) -> Result<Authorization, VerifyError> {
    let malformed = |what: &str| VerifyError::Malformed(format!("Authorization {what}"));
    let rest = value
        .trim()
        .strip_prefix(ALGORITHM)
        .filter(|rest| rest.starts_with(' '))
        .ok_or_else(|| malformed("algorithm"))?;

    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    for part in rest.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((key, val)) = part.split_once('=') else {
            return Err(malformed(part));
        };
        let slot = match key.trim() {
            "Credential" => &mut credential,
            "SignedHeaders" => &mut signed_headers,
            "Signature" => &mut signature,
            _ => continue,
        };
        let val = val.trim();
        if val.is_empty() || slot.is_some() {
            return Err(malformed(key.trim()));
        }
        *slot = Some(val.to_string());
    }

    let credential = credential.ok_or_else(|| malformed("Credential"))?;
    let signature = signature.ok_or_else(|| malformed("Signature"))?;
    let signed_headers: Vec<String> = signed_headers
        .ok_or_else(|| malformed("SignedHeaders"))?
        .split(';')
        .map(|name| name.trim().to_ascii_lowercase())
        .collect();
    if signed_headers.iter().any(String::is_empty) {
        return Err(malformed("SignedHeaders"));
    }
    Ok(Authorization {
        credential,
        signed_headers,
        signature,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn empty_payload_hash_is_the_sha256_of_nothing() {
        assert_eq!(hash_payload(b""), EMPTY_PAYLOAD_SHA256);
    }

    #[test]
    fn canonical_request_matches_headers_case_insensitively_and_trims_values() {
        let headers = pairs(&[("Host", " example.com "), ("X-Acs-Date", "d")]);
        let signed = vec!["x-acs-date".to_string(), "HOST".to_string()];
        let canonical = canonical_request("GET", "", &[], &headers, &signed, "h");
        assert_eq!(
            canonical,
            "GET\n/\n\nhost:example.com\nx-acs-date:d\n\nhost;x-acs-date\nh"
        );
    }

    #[test]
    fn parse_authorization_reads_what_display_writes() {
        let auth = Authorization {
            credential: "testid".into(),
            signed_headers: vec!["host".into(), "x-acs-date".into()],
            signature: "abcd".into(),
        };
        assert_eq!(parse_authorization(&auth.to_string()), Ok(auth.clone()));
        let spaced =
            "ACS3-HMAC-SHA256 Credential=testid, SignedHeaders=host;x-acs-date, Signature=abcd";
        assert_eq!(parse_authorization(spaced), Ok(auth));
    }

    #[test]
    fn parse_authorization_names_the_part_that_is_wrong() {
        let cases = [
            (
                "ACS3-HMAC-SHA1 Credential=a,SignedHeaders=host,Signature=b",
                "algorithm",
            ),
            (
                "ACS3-HMAC-SHA256Credential=a,SignedHeaders=host,Signature=b",
                "algorithm",
            ),
            (
                "ACS3-HMAC-SHA256 SignedHeaders=host,Signature=b",
                "Credential",
            ),
            ("ACS3-HMAC-SHA256 Credential=a,Signature=b", "SignedHeaders"),
            (
                "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host",
                "Signature",
            ),
            (
                "ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=b",
                "Credential",
            ),
            (
                "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host;;x,Signature=b",
                "SignedHeaders",
            ),
            (
                "ACS3-HMAC-SHA256 Credential=a,Credential=c,SignedHeaders=h,Signature=b",
                "Credential",
            ),
        ];
        for (value, part) in cases {
            assert_eq!(
                parse_authorization(value),
                Err(VerifyError::Malformed(format!("Authorization {part}"))),
                "{value}"
            );
        }
    }

    #[test]
    fn sign_headers_signs_extras_but_never_lets_them_override_core_headers() {
        let creds = Credentials::new("id", "secret");
        let extras = pairs(&[
            ("Accept", "application/json"),
            ("Host", "evil"),
            ("x-acs-action", "X"),
        ]);
        let headers = sign_headers(
            "POST",
            "h:9000",
            &[],
            b"",
            "A",
            "V",
            &creds,
            "d",
            "n",
            &extras,
        );
        assert_eq!(header(&headers, "host"), Some("h:9000"));
        assert_eq!(header(&headers, "x-acs-action"), Some("A"));
        assert_eq!(header(&headers, "accept"), Some("application/json"));
        assert_eq!(headers.len(), 8);
        let auth = parse_authorization(header(&headers, "authorization").unwrap_or(""));
        let signed = auth.map(|a| a.signed_headers.join(";"));
        assert_eq!(
            signed.as_deref(),
            Ok(
                "accept;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version"
            )
        );
    }
}
