//! The fuzz targets' bodies, shared by the cargo-fuzz targets (`fuzz_targets/`, nightly,
//! libFuzzer) and the stable `replay` runner that `cargo xtask test` runs. Each body checks its
//! invariant with an assertion, so a violation is a panic, which both runners report; each
//! returns how many inputs reached the invariant, so a corpus that never gets there is seen.

use tether_domain::params::from_json_strict;
use tether_domain::*;

/// The secret the verifier targets' lookups know, and the clock they verify against.
pub const SECRET: &str = "testsecret";
/// `now` for the verifiers (seeds are signed at this instant).
pub const NOW: &str = "2024-01-02T03:04:05Z";
/// A target's body: checks its invariant on one input, returns how many inputs reached it.
pub type Body = fn(&[u8]) -> usize;
/// Every target, by the name cargo-fuzz knows it by.
pub const TARGETS: &[(&str, Body)] = &[
    ("rpc_params", rpc_params),
    ("verify_v1", verify_v1),
    ("verify_v3", verify_v3),
    ("proxy_json", proxy_json),
];

/// What validates survives the proxy's path unchanged: `to_params` is what gets signed and sent,
/// `from_params` is how the cloud (the simulator) reads it back. Returns 1 when it validated.
fn round_trips<A: Action>(request: A) -> usize {
    let Ok(valid) = Validated::new(request) else {
        return 0;
    };
    let params = valid.get().to_params();
    match A::from_params(&params) {
        Ok(back) => assert_eq!(
            &back,
            valid.get(),
            "{} changed on its way through {params:?}",
            A::NAME
        ),
        Err(e) => panic!(
            "{} validated, but its own parameters are refused: {e} in {params:?}",
            A::NAME
        ),
    }
    1
}

fn parsed<A: Action>(params: &Params) -> usize {
    A::from_params(params).map_or(0, round_trips)
}

/// RPC parameter parsing on any query string, as the actions with the most structure
/// (repeated lists, nested ENIs, tags): refused, or accepted and then round-tripping.
pub fn rpc_params(data: &[u8]) -> usize {
    let text = String::from_utf8_lossy(data);
    let params: Params = tether_signer::v1::decode_query(&text).into_iter().collect();
    parsed::<RunInstances>(&params)
        + parsed::<CreateNetworkInterface>(&params)
        + parsed::<DescribeNetworkInterfaces>(&params)
        + parsed::<AttachNetworkInterface>(&params)
        + parsed::<ModifyNetworkInterfaceAttribute>(&params)
}

fn decoded<A: Action>(data: &[u8]) -> usize {
    let Ok(request) = from_json_strict::<A>(data) else {
        return 0;
    };
    let reached = round_trips(request.clone());
    if reached > 0 {
        // The app's JSON for the same request decodes to it again.
        let json = serde_json::to_vec(&request).unwrap_or_default();
        let again = from_json_strict::<A>(&json);
        assert_eq!(again.as_ref(), Ok(&request), "{} through JSON", A::NAME);
    }
    reached
}

/// The proxy's strict JSON decoding (unknown fields refused) on any body: refused, or a typed
/// request that, when its field rules pass, round-trips through RPC parameters and JSON.
pub fn proxy_json(data: &[u8]) -> usize {
    decoded::<CreateNetworkInterface>(data)
        + decoded::<RunInstances>(data)
        + decoded::<DescribeNetworkInterfaces>(data)
        + decoded::<AttachNetworkInterface>(data)
        + decoded::<ModifyNetworkInterfaceAttribute>(data)
}

fn now() -> i64 {
    tether_signer::parse_timestamp(NOW).unwrap_or(0)
}

fn known(_: &str) -> Option<String> {
    Some(SECRET.to_owned())
}

fn other(_: &str) -> Option<String> {
    Some(format!("{SECRET}-other"))
}

/// The first value of `name` (headers are lower-cased by `v3_parts`).
fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The V1 verifier on any query: a verdict, and an acceptance only for what was signed: the key
/// and nonce it names, under its own secret and method, never for an unknown key.
pub fn verify_v1(data: &[u8]) -> usize {
    use tether_signer::verify_v1 as verify;
    let text = String::from_utf8_lossy(data);
    let params = tether_signer::v1::decode_query(&text);
    let now = now();
    assert!(
        verify("POST", &params, |_| None, now, 900).is_err(),
        "accepted with no known key: {params:?}"
    );
    let Ok(verified) = verify("POST", &params, known, now, 900) else {
        return 0;
    };
    assert_eq!(
        Some(verified.access_key_id.as_str()),
        param(&params, "AccessKeyId")
    );
    assert_eq!(
        Some(verified.nonce.as_str()),
        param(&params, "SignatureNonce")
    );
    assert!(
        verify("POST", &params, other, now, 900).is_err(),
        "accepted under another secret: {params:?}"
    );
    assert!(
        verify("GET", &params, known, now, 900).is_err(),
        "a POST signature accepted for GET: {params:?}"
    );
    1
}

/// A V3 request from fuzz input: query, headers (`name: value` per line) and body, split at the
/// first two NULs.
type Pairs = Vec<(String, String)>;

fn v3_parts(data: &[u8]) -> (Pairs, Pairs, &[u8]) {
    let mut parts = data.splitn(3, |b| *b == 0);
    let query = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let headers = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let body = parts.next().unwrap_or_default();
    let query = tether_signer::v1::decode_query(&query);
    let headers = headers
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    (query, headers, body)
}

/// The V3 verifier on any query, headers and body: a verdict, and an acceptance only for what
/// was signed: the key the Authorization header names, under its secret, method and body.
pub fn verify_v3(data: &[u8]) -> usize {
    use tether_signer::verify_v3 as verify;
    let (query, headers, body) = v3_parts(data);
    let now = now();
    assert!(
        verify("POST", "/", &query, &headers, body, |_| None, now, 900).is_err(),
        "accepted with no known key"
    );
    let Ok(verified) = verify("POST", "/", &query, &headers, body, known, now, 900) else {
        return 0;
    };
    let named = param(&headers, "authorization")
        .and_then(|a| tether_signer::v3::parse_authorization(a).ok())
        .map(|a| a.credential);
    assert_eq!(Some(verified.access_key_id), named);
    assert!(
        verify("POST", "/", &query, &headers, body, other, now, 900).is_err(),
        "accepted under another secret"
    );
    assert!(
        verify("GET", "/", &query, &headers, body, known, now, 900).is_err(),
        "a POST signature accepted for GET"
    );
    let mut changed = body.to_vec();
    changed.push(b'!');
    assert!(
        verify("POST", "/", &query, &headers, &changed, known, now, 900).is_err(),
        "accepted with a body it did not sign"
    );
    1
}
