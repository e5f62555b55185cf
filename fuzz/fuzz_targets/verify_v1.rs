//! The V1 verifier on any query: a verdict, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let params = tether_signer::v1::decode_query(&text);
    let now = tether_signer::parse_timestamp("2024-01-02T03:04:05Z").unwrap_or(0);
    let _ = tether_signer::verify_v1("POST", &params, |_| Some("testsecret".to_owned()), now, 900);
    let _ = tether_signer::verify_v1("GET", &params, |_| None, now, 900);
});
