//! The V3 verifier on any query, headers and body (the input split at the first two NULs;
//! headers one `name: value` per line): a verdict, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |b| *b == 0);
    let query = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let headers = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let body = parts.next().unwrap_or_default();
    let query = tether_signer::v1::decode_query(&query);
    let headers: Vec<(String, String)> = headers
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let now = tether_signer::parse_timestamp("2024-01-02T03:04:05Z").unwrap_or(0);
    let _ = tether_signer::verify_v3(
        "POST",
        "/",
        &query,
        &headers,
        body,
        |_| Some("testsecret".to_owned()),
        now,
        900,
    );
});
