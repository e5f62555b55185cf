//! Property tests: any single change to what was signed breaks verification, while the order
//! in which params or headers arrive never matters.

use proptest::prelude::*;
use tether_signer::{Credentials, parse_timestamp, v1, v3, verify_v1, verify_v3};

const NOW: &str = "2024-01-02T03:04:05Z";
const SKEW: i64 = 900;

fn now() -> i64 {
    parse_timestamp(NOW).unwrap_or_default()
}

fn lookup(id: &str) -> Option<String> {
    (id == "testid").then(|| "testsecret".to_string())
}

/// Action-specific params: names start lowercase so they never collide with common params.
fn params_strategy() -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::btree_map("[a-z][a-zA-Z0-9._-]{0,8}", "\\PC{0,12}", 0..8)
        .prop_map(|map| map.into_iter().collect())
}

fn signed_v1(method: &str, params: Vec<(String, String)>) -> Vec<(String, String)> {
    v1::signed_params(
        method,
        params,
        &Credentials::new("testid", "testsecret"),
        NOW,
        "n-1",
    )
}

fn signed_v3(query: &[(String, String)], extra: &[(String, String)]) -> Vec<(String, String)> {
    v3::sign_headers(
        "POST",
        "127.0.0.1:9000",
        query,
        b"k=v",
        "DescribeNetworkInterfaces",
        "2014-05-26",
        &Credentials::new("testid", "testsecret"),
        NOW,
        "n-1",
        extra,
    )
}

/// Extra headers to sign, named so they never collide with the core ones.
fn extra_headers_strategy() -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::btree_map("x-h[a-z0-9]{0,6}", "[ -~]{0,12}", 0..5).prop_map(|map| {
        map.into_iter()
            // Header values are trimmed when canonicalized, so only trimmed values are distinct.
            .map(|(k, v)| (k, v.trim().to_string()))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn v1_changing_any_single_param_value_breaks_verification(
        params in params_strategy(),
        index in any::<prop::sample::Index>(),
    ) {
        let mut signed = signed_v1("GET", params);
        prop_assert!(verify_v1("GET", &signed, lookup, now(), SKEW).is_ok());
        let i = index.index(signed.len());
        signed[i].1.push('x');
        prop_assert!(verify_v1("GET", &signed, lookup, now(), SKEW).is_err(), "changed {}", signed[i].0);
    }

    #[test]
    fn v1_changing_the_method_or_the_secret_breaks_verification(params in params_strategy()) {
        let signed = signed_v1("GET", params);
        prop_assert!(verify_v1("POST", &signed, lookup, now(), SKEW).is_err());
        let other_secret = |_: &str| Some("testsecreT".to_string());
        prop_assert!(verify_v1("GET", &signed, other_secret, now(), SKEW).is_err());
    }

    #[test]
    fn v1_reordering_params_keeps_verification(
        (signed, shuffled) in params_strategy()
            .prop_map(|p| signed_v1("POST", p))
            .prop_flat_map(|s| (Just(s.clone()), Just(s).prop_shuffle())),
    ) {
        prop_assert_eq!(
            verify_v1("POST", &signed, lookup, now(), SKEW),
            verify_v1("POST", &shuffled, lookup, now(), SKEW)
        );
        prop_assert!(verify_v1("POST", &shuffled, lookup, now(), SKEW).is_ok());
    }

    #[test]
    fn v3_changing_any_single_header_value_breaks_verification(
        query in params_strategy(),
        extra in extra_headers_strategy(),
        index in any::<prop::sample::Index>(),
    ) {
        let mut headers = signed_v3(&query, &extra);
        prop_assert!(verify_v3("POST", "/", &query, &headers, b"k=v", lookup, now(), SKEW).is_ok());
        let i = index.index(headers.len());
        headers[i].1.push('x');
        prop_assert!(
            verify_v3("POST", "/", &query, &headers, b"k=v", lookup, now(), SKEW).is_err(),
            "changed {}", headers[i].0
        );
    }

    #[test]
    fn v3_changing_a_query_value_the_method_or_the_secret_breaks_verification(
        query in params_strategy().prop_filter("needs a param", |q| !q.is_empty()),
        index in any::<prop::sample::Index>(),
    ) {
        let headers = signed_v3(&query, &[]);
        prop_assert!(verify_v3("PUT", "/", &query, &headers, b"k=v", lookup, now(), SKEW).is_err());
        let other_secret = |_: &str| Some("testsecreT".to_string());
        prop_assert!(verify_v3("POST", "/", &query, &headers, b"k=v", other_secret, now(), SKEW).is_err());
        let mut changed = query.clone();
        changed[index.index(query.len())].1.push('x');
        prop_assert!(verify_v3("POST", "/", &changed, &headers, b"k=v", lookup, now(), SKEW).is_err());
    }

    #[test]
    fn v3_reordering_headers_and_query_keeps_verification(
        (query, headers, shuffled_query, shuffled_headers) in (params_strategy(), extra_headers_strategy())
            .prop_map(|(q, e)| { let h = signed_v3(&q, &e); (q, h) })
            .prop_flat_map(|(q, h)| {
                (Just(q.clone()), Just(h.clone()), Just(q).prop_shuffle(), Just(h).prop_shuffle())
            }),
    ) {
        prop_assert!(verify_v3("POST", "/", &query, &headers, b"k=v", lookup, now(), SKEW).is_ok());
        prop_assert!(
            verify_v3("POST", "/", &shuffled_query, &shuffled_headers, b"k=v", lookup, now(), SKEW).is_ok()
        );
    }
}
