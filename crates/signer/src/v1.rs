//! Signature V1 (`HMAC-SHA1`, `SignatureVersion=1.0`): the RPC query-string signature.
//!
//! Pipeline: params (minus `Signature`) -> [`canonicalized_query`] -> [`string_to_sign`] ->
//! [`sign`]. [`signed_params`] runs it end to end after adding the common parameters.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::credentials::Credentials;
use crate::encode::{canonical_query_string, join_encoded, percent_decode, percent_encode};
use crate::mac::hmac_sha1;

pub use crate::time::{format_timestamp, parse_timestamp};

/// The only `SignatureMethod` this signature defines.
pub const SIGNATURE_METHOD: &str = "HMAC-SHA1";
/// The only `SignatureVersion` this signature defines.
pub const SIGNATURE_VERSION: &str = "1.0";

/// The parameter that carries the signature and therefore never signs itself.
const SIGNATURE: &str = "Signature";

/// The canonicalized query string: every param except `Signature`, sorted and encoded.
pub fn canonicalized_query(params: &[(String, String)]) -> String {
    let unsigned: Vec<(String, String)> = params
        .iter()
        .filter(|(name, _)| name != SIGNATURE)
        .cloned()
        .collect();
    canonical_query_string(&unsigned)
}

/// `METHOD&%2F&enc(canonicalized query)`: the text the HMAC covers.
///
/// The canonical string is percent-encoded a second time (`%3A` becomes `%253A`); that double
/// encoding is part of the algorithm, not an accident.
pub fn string_to_sign(method: &str, params: &[(String, String)]) -> String {
    format!(
        "{method}&{}&{}",
        percent_encode("/"),
        percent_encode(&canonicalized_query(params))
    )
}

/// The base64 `HMAC-SHA1` of [`string_to_sign`] under the key `secret + "&"`.
pub fn sign(method: &str, params: &[(String, String)], secret: &str) -> String {
    signature_of(&string_to_sign(method, params), secret)
}

/// The base64 `HMAC-SHA1` of an already built string-to-sign under `secret + "&"`.
///
/// The trailing `&` is where an RSA/token secret would go in the scheme's original design;
/// HMAC-SHA1 keeps it with nothing after it.
pub fn signature_of(string_to_sign: &str, secret: &str) -> String {
    let key = format!("{secret}&");
    STANDARD.encode(hmac_sha1(key.as_bytes(), string_to_sign.as_bytes()))
}

/// Adds the common parameters to `params` and signs them, returning the full set to send.
///
/// Adds `AccessKeyId`, `SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`, `SignatureNonce`,
/// `Timestamp` (already formatted, see [`format_timestamp`]), `Format=JSON` unless the caller
/// chose a format, `SecurityToken` for STS credentials, and finally `Signature`. Any value the
/// caller passed for those parameters is replaced, so a request can be re-signed safely.
pub fn signed_params(
    method: &str,
    mut params: Vec<(String, String)>,
    creds: &Credentials,
    timestamp: &str,
    nonce: &str,
) -> Vec<(String, String)> {
    let mut replaced = vec![
        "AccessKeyId",
        "SignatureMethod",
        "SignatureVersion",
        "SignatureNonce",
        "Timestamp",
        SIGNATURE,
    ];
    if creds.security_token.is_some() {
        replaced.push("SecurityToken");
    }
    params.retain(|(name, _)| !replaced.contains(&name.as_str()));

    let mut push = |name: &str, value: &str| params.push((name.to_string(), value.to_string()));
    push("AccessKeyId", &creds.access_key_id);
    push("SignatureMethod", SIGNATURE_METHOD);
    push("SignatureVersion", SIGNATURE_VERSION);
    push("SignatureNonce", nonce);
    push("Timestamp", timestamp);
    if let Some(token) = &creds.security_token {
        push("SecurityToken", token);
    }
    if !params.iter().any(|(name, _)| name == "Format") {
        params.push(("Format".to_string(), "JSON".to_string()));
    }

    let signature = sign(method, &params, creds.secret());
    params.push((SIGNATURE.to_string(), signature));
    params
}

/// Encodes pairs as `k=v&k=v` (percent-encoded, in the order given) for a URL or a form body.
pub fn encode_query(params: &[(String, String)]) -> String {
    join_encoded(params.iter())
}

/// Parses a URL query or `application/x-www-form-urlencoded` body into pairs, in order.
///
/// `+` reads as a space (form encoding); malformed `%` escapes are kept literally and invalid
/// UTF-8 is replaced, so the verifier then simply fails to match instead of erroring here.
/// Empty pairs (`a=1&&b=2`) are skipped; a name without `=` has an empty value.
pub fn decode_query(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect()
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
    fn string_to_sign_ignores_a_signature_param() {
        let base = pairs(&[("Action", "DescribeRegions"), ("Format", "JSON")]);
        let mut with_sig = base.clone();
        with_sig.push(("Signature".to_string(), "abc=".to_string()));
        assert_eq!(
            string_to_sign("GET", &base),
            string_to_sign("GET", &with_sig)
        );
    }

    #[test]
    fn signed_params_adds_common_params_and_keeps_a_chosen_format() {
        let creds = Credentials::new("testid", "testsecret").with_security_token("tok");
        let params = pairs(&[("Action", "DescribeRegions"), ("Format", "XML")]);
        let signed = signed_params("GET", params, &creds, "2016-02-23T12:46:24Z", "n1");
        let get = |name: &str| {
            signed
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(get("AccessKeyId"), ["testid"]);
        assert_eq!(get("SignatureMethod"), ["HMAC-SHA1"]);
        assert_eq!(get("SignatureVersion"), ["1.0"]);
        assert_eq!(get("SignatureNonce"), ["n1"]);
        assert_eq!(get("Timestamp"), ["2016-02-23T12:46:24Z"]);
        assert_eq!(get("Format"), ["XML"]);
        assert_eq!(get("SecurityToken"), ["tok"]);
        assert_eq!(
            get("Signature"),
            [sign("GET", &signed, "testsecret").as_str()]
        );
        assert_eq!(signed.last().map(|(k, _)| k.as_str()), Some("Signature"));
    }

    #[test]
    fn signing_twice_replaces_rather_than_duplicates_common_params() {
        let creds = Credentials::new("testid", "testsecret");
        let once = signed_params("GET", pairs(&[("Action", "A")]), &creds, "t1", "n1");
        let twice = signed_params("GET", once, &creds, "t2", "n2");
        assert_eq!(twice.len(), 8);
        assert!(twice.contains(&("Timestamp".to_string(), "t2".to_string())));
        assert!(twice.contains(&("Format".to_string(), "JSON".to_string())));
    }

    #[test]
    fn encode_then_decode_query_round_trips_in_order() {
        let params = pairs(&[
            ("Description", "测试 ENI (demo)!"),
            ("SignatureType", ""),
            ("Token", "CAIS+token/abc="),
        ]);
        let encoded = encode_query(&params);
        assert_eq!(
            encoded,
            "Description=%E6%B5%8B%E8%AF%95%20ENI%20%28demo%29%21&SignatureType=&Token=CAIS%2Btoken%2Fabc%3D"
        );
        assert_eq!(decode_query(&encoded), params);
        assert_eq!(decode_query("a&&b=1&"), pairs(&[("a", ""), ("b", "1")]));
    }
}
