//! Verification accepts exactly what signing produces and refuses each kind of bad request.

use tether_signer::{
    Credentials, VerifiedRequest, VerifyError, parse_timestamp, v1, v3, verify_v1, verify_v3,
};

const NOW: &str = "2024-01-02T03:04:05Z";
const SKEW: i64 = 15 * 60;

fn now() -> i64 {
    parse_timestamp(NOW).expect("NOW is a valid timestamp")
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn creds() -> Credentials {
    Credentials::new("testid", "testsecret")
}

fn lookup(id: &str) -> Option<String> {
    (id == "testid").then(|| "testsecret".to_string())
}

fn signed_v1(method: &str, timestamp: &str) -> Vec<(String, String)> {
    let params = pairs(&[
        ("Action", "DescribeNetworkInterfaces"),
        ("Version", "2014-05-26"),
        ("RegionId", "cn-hangzhou"),
        ("SignatureType", ""),
        ("NetworkInterfaceName", "my eni*name~1"),
    ]);
    v1::signed_params(method, params, &creds(), timestamp, "nonce-1")
}

#[test]
fn verify_v1_accepts_a_signed_get_and_returns_nonce_and_time() {
    let params = signed_v1("GET", NOW);
    let verified = verify_v1("GET", &params, lookup, now(), SKEW);
    assert_eq!(
        verified,
        Ok(VerifiedRequest {
            access_key_id: "testid".into(),
            nonce: "nonce-1".into(),
            timestamp_unix: now(),
            security_token: None,
        })
    );
}

#[test]
fn verify_v1_accepts_a_post_split_between_query_and_form_body_after_the_wire() {
    let params = signed_v1("POST", NOW);
    let (query, body): (Vec<_>, Vec<_>) = params.into_iter().partition(|(k, _)| {
        matches!(
            k.as_str(),
            "Action" | "Signature" | "AccessKeyId" | "Timestamp"
        )
    });
    let url_query = v1::encode_query(&query);
    let form_body = v1::encode_query(&body);
    let mut received = v1::decode_query(&url_query);
    received.extend(v1::decode_query(&form_body));
    assert!(verify_v1("POST", &received, lookup, now(), SKEW).is_ok());
}

#[test]
fn verify_v1_returns_the_sts_token() {
    let sts = creds().with_security_token("CAIS+token/abc=");
    let params = v1::signed_params("GET", pairs(&[("Action", "A")]), &sts, NOW, "n");
    let verified = verify_v1("GET", &params, lookup, now(), SKEW).expect("signed by sts creds");
    assert_eq!(verified.security_token.as_deref(), Some("CAIS+token/abc="));
}

#[test]
fn verify_v1_refuses_an_unknown_key() {
    let other = Credentials::new("otherid", "testsecret");
    let params = v1::signed_params("GET", pairs(&[("Action", "A")]), &other, NOW, "n");
    assert_eq!(
        verify_v1("GET", &params, lookup, now(), SKEW),
        Err(VerifyError::UnknownKey)
    );
}

#[test]
fn verify_v1_refuses_timestamps_outside_the_skew_either_way() {
    for ts in ["2024-01-02T02:49:04Z", "2024-01-02T03:19:06Z"] {
        let params = signed_v1("GET", ts);
        assert_eq!(
            verify_v1("GET", &params, lookup, now(), SKEW),
            Err(VerifyError::Expired)
        );
    }
    let edge = signed_v1("GET", "2024-01-02T02:49:05Z");
    assert!(verify_v1("GET", &edge, lookup, now(), SKEW).is_ok());
}

#[test]
fn verify_v1_names_each_missing_or_bad_common_param() {
    let signed = signed_v1("GET", NOW);
    let without = |name: &str| -> Vec<(String, String)> {
        signed.iter().filter(|(k, _)| k != name).cloned().collect()
    };
    for name in [
        "Signature",
        "AccessKeyId",
        "Timestamp",
        "SignatureMethod",
        "SignatureVersion",
    ] {
        assert_eq!(
            verify_v1("GET", &without(name), lookup, now(), SKEW),
            Err(VerifyError::Malformed(name.to_string())),
            "{name}"
        );
    }
    assert_eq!(
        verify_v1("GET", &without("SignatureNonce"), lookup, now(), SKEW),
        Err(VerifyError::NonceMissing)
    );
    let mut sha256 = without("SignatureMethod");
    sha256.push(("SignatureMethod".into(), "HMAC-SHA256".into()));
    assert_eq!(
        verify_v1("GET", &sha256, lookup, now(), SKEW),
        Err(VerifyError::Malformed("SignatureMethod".into()))
    );
    let mut bad_time = without("Timestamp");
    bad_time.push(("Timestamp".into(), "2024-01-02 03:04:05".into()));
    assert_eq!(
        verify_v1("GET", &bad_time, lookup, now(), SKEW),
        Err(VerifyError::Malformed("Timestamp".into()))
    );
    let mut twice = signed.clone();
    twice.push(("AccessKeyId".into(), "testid".into()));
    assert!(matches!(
        verify_v1("GET", &twice, lookup, now(), SKEW),
        Err(VerifyError::Malformed(_))
    ));
}

#[test]
fn verify_v1_refuses_a_wrong_secret_and_reports_the_server_string_to_sign() {
    let params = signed_v1("GET", NOW);
    let wrong = |_: &str| Some("not-the-secret".to_string());
    assert_eq!(
        verify_v1("GET", &params, wrong, now(), SKEW),
        Err(VerifyError::BadSignature {
            server_string_to_sign: v1::string_to_sign("GET", &params)
        })
    );
}

#[test]
fn verify_v1_refuses_a_request_whose_empty_param_was_dropped() {
    let params: Vec<_> = signed_v1("GET", NOW)
        .into_iter()
        .filter(|(k, _)| k != "SignatureType")
        .collect();
    assert!(matches!(
        verify_v1("GET", &params, lookup, now(), SKEW),
        Err(VerifyError::BadSignature { .. })
    ));
}

fn signed_v3(creds: &Credentials, body: &[u8]) -> Vec<(String, String)> {
    v3::sign_headers(
        "POST",
        "127.0.0.1:9000",
        &pairs(&[("RegionId", "cn-hangzhou"), ("Name", "a b*c~")]),
        body,
        "DescribeNetworkInterfaces",
        "2014-05-26",
        creds,
        NOW,
        "0123456789abcdef",
        &pairs(&[
            ("Accept", "application/json"),
            ("User-Agent", "AlibabaCloud (Linux) Tether/0.1"),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ]),
    )
}

fn v3_query() -> Vec<(String, String)> {
    pairs(&[("Name", "a b*c~"), ("RegionId", "cn-hangzhou")])
}

#[test]
fn verify_v3_accepts_sdk_style_extra_signed_headers_a_port_and_a_body() {
    let body = b"Description=hello%20world";
    let headers = signed_v3(&creds(), body);
    let auth = headers
        .iter()
        .find(|(k, _)| k == "authorization")
        .map(|(_, v)| v.as_str());
    let auth = v3::parse_authorization(auth.unwrap_or("")).expect("signer writes a valid header");
    for name in ["accept", "user-agent", "content-type", "host"] {
        assert!(
            auth.signed_headers.iter().any(|h| h == name),
            "{name} signed"
        );
    }
    let verified = verify_v3(
        "POST",
        "/",
        &v3_query(),
        &headers,
        body,
        lookup,
        now(),
        SKEW,
    );
    assert_eq!(
        verified,
        Ok(VerifiedRequest {
            access_key_id: "testid".into(),
            nonce: "0123456789abcdef".into(),
            timestamp_unix: now(),
            security_token: None,
        })
    );
}

#[test]
fn verify_v3_finds_headers_regardless_of_case_as_servers_deliver_them() {
    let headers: Vec<_> = signed_v3(&creds(), b"")
        .into_iter()
        .map(|(k, v)| (k.to_uppercase(), v))
        .collect();
    assert!(verify_v3("POST", "/", &v3_query(), &headers, b"", lookup, now(), SKEW).is_ok());
}

#[test]
fn verify_v3_returns_the_sts_token_and_checks_the_key_header() {
    let sts = creds().with_security_token("CAIS+token/abc=");
    let headers = signed_v3(&sts, b"");
    let verified = verify_v3("POST", "/", &v3_query(), &headers, b"", lookup, now(), SKEW);
    assert_eq!(
        verified.map(|v| v.security_token),
        Ok(Some("CAIS+token/abc=".into()))
    );
}

#[test]
fn verify_v3_refuses_unknown_key_expired_date_and_wrong_secret() {
    let q = v3_query();
    let other = signed_v3(&Credentials::new("otherid", "testsecret"), b"");
    assert_eq!(
        verify_v3("POST", "/", &q, &other, b"", lookup, now(), SKEW),
        Err(VerifyError::UnknownKey)
    );
    let headers = signed_v3(&creds(), b"");
    assert_eq!(
        verify_v3(
            "POST",
            "/",
            &q,
            &headers,
            b"",
            lookup,
            now() + SKEW + 1,
            SKEW
        ),
        Err(VerifyError::Expired)
    );
    let wrong = |_: &str| Some("not-the-secret".to_string());
    assert!(matches!(
        verify_v3("POST", "/", &q, &headers, b"", wrong, now(), SKEW),
        Err(VerifyError::BadSignature { server_string_to_sign }) if server_string_to_sign.starts_with("ACS3-HMAC-SHA256\n")
    ));
}

#[test]
fn verify_v3_refuses_a_body_that_does_not_match_its_hash() {
    let headers = signed_v3(&creds(), b"a=1");
    assert!(matches!(
        verify_v3(
            "POST",
            "/",
            &v3_query(),
            &headers,
            b"a=2",
            lookup,
            now(),
            SKEW
        ),
        Err(VerifyError::BadSignature { .. })
    ));
}

#[test]
fn verify_v3_names_missing_parts() {
    let q = v3_query();
    let signed = signed_v3(&creds(), b"");
    let without = |name: &str| -> Vec<(String, String)> {
        signed.iter().filter(|(k, _)| k != name).cloned().collect()
    };
    let run = |headers: &[(String, String)]| {
        verify_v3("POST", "/", &q, headers, b"", lookup, now(), SKEW)
    };
    assert_eq!(
        run(&without("authorization")),
        Err(VerifyError::Malformed("Authorization".into()))
    );
    assert_eq!(
        run(&without("accept")),
        Err(VerifyError::Malformed(
            "signed header accept missing".into()
        ))
    );
    assert!(matches!(
        run(&without("x-acs-signature-nonce")),
        Err(VerifyError::Malformed(_))
    ));

    let mut unsigned_nonce = without("authorization");
    let auth = "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-date;x-acs-content-sha256,Signature=00";
    unsigned_nonce.push(("authorization".into(), auth.into()));
    assert_eq!(
        run(&unsigned_nonce),
        Err(VerifyError::Malformed(
            "x-acs-signature-nonce unsigned".into()
        ))
    );
    let no_nonce: Vec<_> = unsigned_nonce
        .into_iter()
        .filter(|(k, _)| k != "x-acs-signature-nonce")
        .collect();
    assert_eq!(run(&no_nonce), Err(VerifyError::NonceMissing));
}

#[test]
fn verify_errors_display_like_alibaba_messages_and_are_std_errors() {
    let err: Box<dyn std::error::Error> = Box::new(VerifyError::BadSignature {
        server_string_to_sign: "GET&%2F&x".into(),
    });
    assert!(
        err.to_string()
            .ends_with("server string to sign is:GET&%2F&x")
    );
    assert_eq!(
        VerifyError::Malformed("Timestamp".into()).to_string(),
        "malformed signature input: Timestamp"
    );
}

/// `headers` signed again, validly, with `left_out` missing from `SignedHeaders`.
fn signed_without(headers: &[(String, String)], left_out: &str) -> Vec<(String, String)> {
    let mut sent: Vec<_> = headers
        .iter()
        .filter(|(k, _)| k != "authorization")
        .cloned()
        .collect();
    let mut names: Vec<String> = sent
        .iter()
        .map(|(k, _)| k.to_ascii_lowercase())
        .filter(|k| k != left_out)
        .collect();
    names.sort();
    let canonical = v3::canonical_request(
        "POST",
        "/",
        &v3_query(),
        &sent,
        &names,
        v3::EMPTY_PAYLOAD_SHA256,
    );
    let auth = v3::Authorization {
        credential: "testid".into(),
        signed_headers: names,
        signature: v3::signature("testsecret", &v3::string_to_sign(&canonical)),
    };
    sent.push(("authorization".into(), auth.to_string()));
    sent
}

#[test]
fn verify_v3_refuses_a_valid_signature_that_leaves_host_action_or_version_unsigned() {
    let headers = signed_v3(&creds(), b"");
    let run = |headers: &[(String, String)]| {
        verify_v3("POST", "/", &v3_query(), headers, b"", lookup, now(), SKEW)
    };
    // The same re-signing with nothing left out is accepted, so only the omission is refused.
    assert!(run(&signed_without(&headers, "none")).is_ok());
    for name in ["host", "x-acs-action", "x-acs-version"] {
        assert_eq!(
            run(&signed_without(&headers, name)),
            Err(VerifyError::Malformed(format!("{name} unsigned"))),
            "{name}"
        );
    }
}
