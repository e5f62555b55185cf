//! Authentication through the router: V1 GET and POST, V3, and each refusal of the gateway.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::*;
use tether_signer::{Credentials, format_timestamp, v1};

#[tokio::test]
async fn v1_get_is_accepted_and_answers_with_request_id_header() {
    let router = sim().router();
    let body = ok(&router, "DescribeRegions", &[]).await;
    assert!(
        body["Regions"]["Region"]
            .as_array()
            .is_some_and(|r| r.len() > 20)
    );
}

#[tokio::test]
async fn v1_post_with_a_form_body_is_accepted() {
    let router = sim().router();
    let params = signed(
        "POST",
        "DescribeZones",
        &[("RegionId", HZ), ("SignatureType", "")],
        &now_ts(),
    );
    let (query, form): (Vec<_>, Vec<_>) = params
        .into_iter()
        .partition(|(k, _)| matches!(k.as_str(), "Action" | "Signature" | "Version"));
    let req = Request::post(format!("/?{}", v1::encode_query(&query)))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(v1::encode_query(&form)))
        .expect("request");
    let (status, body) = send(&router, req).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["Zones"]["Zone"][0]["LocalName"], "Hangzhou Zone G");
}

#[tokio::test]
async fn v3_with_extra_signed_headers_and_a_host_port_is_accepted() {
    let router = sim().router();
    let body = format!("RegionId={HZ}");
    let (status, answer) = send(&router, v3_request("DescribeVpcs", &[], body.as_bytes())).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["Vpcs"]["Vpc"].as_array().map(Vec::len), Some(2));
    let (status, answer) = send(
        &router,
        v3_request("DescribeRegions", &[("RegionId", HZ)], b""),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
}

#[tokio::test]
async fn unknown_access_key_is_404() {
    let router = sim().router();
    let params = v1::signed_params(
        "GET",
        pairs(&[("Action", "DescribeRegions"), ("Version", "2014-05-26")]),
        &Credentials::new("NOSUCHKEY", "x"),
        &now_ts(),
        &nonce(),
    );
    assert_error(
        &send(&router, get_request(&params)).await,
        404,
        "InvalidAccessKeyId.NotFound",
    );
}

#[tokio::test]
async fn tampered_signature_is_400_with_the_server_string_to_sign() {
    let router = sim().router();
    let mut params = signed("GET", "DescribeZones", &[("RegionId", HZ)], &now_ts());
    for (k, v) in &mut params {
        if k == "RegionId" {
            *v = "cn-shanghai".into();
        }
    }
    let got = send(&router, get_request(&params)).await;
    assert_error(&got, 400, "SignatureDoesNotMatch");
    let message = got.1["Message"].as_str().unwrap_or("");
    assert!(message.starts_with(
        "Specified signature is not matched with our calculation. server string to sign is:GET&%2F&"
    ));
    assert!(message.contains("cn-shanghai"));
}

#[tokio::test]
async fn expired_timestamp_is_refused() {
    let router = sim().router();
    let old = format_timestamp(now_secs() - 16 * 60);
    let got = send(
        &router,
        get_request(&signed("GET", "DescribeRegions", &[], &old)),
    )
    .await;
    assert_error(&got, 400, "InvalidTimeStamp.Expired");
}

#[tokio::test]
async fn a_replayed_nonce_is_refused() {
    let router = sim().router();
    let params = signed("GET", "DescribeRegions", &[], &now_ts());
    assert_eq!(send(&router, get_request(&params)).await.0, 200);
    assert_error(
        &send(&router, get_request(&params)).await,
        400,
        "SignatureNonceUsed",
    );
}

#[tokio::test]
async fn an_unsigned_request_is_refused_and_still_counted() {
    let sim = sim();
    let router = sim.router();
    let req = get_request(&pairs(&[
        ("Action", "DescribeRegions"),
        ("Version", "2014-05-26"),
        ("Format", "JSON"),
    ]));
    assert_error(&send(&router, req).await, 400, "MissingParameter");
    let mut params = signed("GET", "DescribeRegions", &[], &now_ts());
    params.retain(|(k, _)| k != "Timestamp");
    assert_error(
        &send(&router, get_request(&params)).await,
        400,
        "MissingTimestamp",
    );
    assert_eq!(sim.request_count(), 2);
    assert_eq!(sim.stats().by_action.get("DescribeRegions"), Some(&2));
}

#[tokio::test]
async fn a_nonce_is_refused_for_as_long_as_its_timestamp_is_accepted() {
    let clock = tether_sim::ManualClock::starting_now();
    let sim = tether_sim::Simulator::with_clock(config(), std::sync::Arc::new(clock.clone()));
    let router = sim.router();
    // Signed 14 minutes ahead: within the skew now, and still within it 16 minutes later.
    let ahead = format_timestamp(now_secs() + 14 * 60);
    let params = signed("GET", "DescribeRegions", &[], &ahead);
    assert_eq!(send(&router, get_request(&params)).await.0, 200);
    clock.advance(std::time::Duration::from_secs(16 * 60));
    assert_error(
        &send(&router, get_request(&params)).await,
        400,
        "SignatureNonceUsed",
    );
}

#[tokio::test]
async fn v3_that_leaves_the_action_unsigned_is_refused_as_incomplete() {
    let router = sim().router();
    let query = pairs(&[("RegionId", HZ)]);
    let mut headers = tether_signer::v3::sign_headers(
        "POST",
        "127.0.0.1:9000",
        &query,
        b"",
        "DescribeVpcs",
        version_of("DescribeVpcs"),
        &creds(),
        &now_ts(),
        &nonce(),
        &[],
    );
    headers.retain(|(k, _)| k != "authorization");
    // A valid signature over everything but the action, so a relay could swap the action.
    let names: Vec<String> = headers
        .iter()
        .map(|(k, _)| k.clone())
        .filter(|k| k != "x-acs-action")
        .collect();
    let canonical = tether_signer::v3::canonical_request(
        "POST",
        "/",
        &query,
        &headers,
        &names,
        tether_signer::v3::EMPTY_PAYLOAD_SHA256,
    );
    let auth = tether_signer::v3::Authorization {
        credential: KEY_ID.into(),
        signed_headers: names,
        signature: tether_signer::v3::signature(
            SECRET,
            &tether_signer::v3::string_to_sign(&canonical),
        ),
    };
    headers.push(("authorization".into(), auth.to_string()));
    let mut builder = Request::post(format!("/?{}", v1::encode_query(&query)));
    for (k, v) in headers {
        builder = builder.header(k, v);
    }
    let got = send(&router, builder.body(Body::empty()).expect("request")).await;
    assert_error(&got, 400, "IncompleteSignature");
    assert_eq!(
        got.1["Message"],
        "The request signature does not conform to Alibaba Cloud standards. (x-acs-action unsigned)"
    );
}

/// A V3 request whose `x-acs-date` is `date`, or absent (and unsigned) when `None`.
fn v3_dated(date: Option<&str>) -> Request<Body> {
    let query = pairs(&[("RegionId", HZ)]);
    let mut headers = tether_signer::v3::sign_headers(
        "POST",
        "127.0.0.1:9000",
        &query,
        b"",
        "DescribeZones",
        version_of("DescribeZones"),
        &creds(),
        date.unwrap_or("2024-01-02T03:04:05Z"),
        &nonce(),
        &[],
    );
    headers.retain(|(k, _)| k != "authorization" && (date.is_some() || k != "x-acs-date"));
    let names: Vec<String> = headers.iter().map(|(k, _)| k.clone()).collect();
    let canonical = tether_signer::v3::canonical_request(
        "POST",
        "/",
        &query,
        &headers,
        &names,
        tether_signer::v3::EMPTY_PAYLOAD_SHA256,
    );
    let auth = tether_signer::v3::Authorization {
        credential: KEY_ID.into(),
        signed_headers: names,
        signature: tether_signer::v3::signature(
            SECRET,
            &tether_signer::v3::string_to_sign(&canonical),
        ),
    };
    headers.push(("authorization".into(), auth.to_string()));
    let mut builder = Request::post(format!("/?{}", v1::encode_query(&query)));
    for (k, v) in headers {
        builder = builder.header(k, v);
    }
    builder.body(Body::empty()).expect("request")
}

#[tokio::test]
async fn an_absent_or_unusable_timestamp_gets_the_gateways_own_codes() {
    let router = sim().router();
    // Real answers: rfancn/aliyun-ddns-client#13 and aliyun/aliyun-openapi-python-sdk#41.
    let missing = "Timestamp is mandatory for this action.";
    let illegal = "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied.";
    let mut params = signed("GET", "DescribeRegions", &[], &now_ts());
    params.retain(|(k, _)| k != "Timestamp");
    let got = send(&router, get_request(&params)).await;
    assert_error(&got, 400, "MissingTimestamp");
    assert_eq!(got.1["Message"], missing);
    let got = send(
        &router,
        get_request(&signed(
            "GET",
            "DescribeRegions",
            &[],
            "2024-01-02 03:04:05",
        )),
    )
    .await;
    assert_error(&got, 400, "IllegalTimestamp");
    assert_eq!(got.1["Message"], illegal);
    let got = send(&router, v3_dated(None)).await;
    assert_error(&got, 400, "MissingTimestamp");
    let got = send(&router, v3_dated(Some("yesterday"))).await;
    assert_error(&got, 400, "IllegalTimestamp");
    let got = send(&router, v3_dated(Some(&now_ts()))).await;
    assert_eq!(got.0, 200, "{}", got.1);
}

/// The body of an answer as text, with its content type.
async fn raw(router: &axum::Router, req: Request<Body>) -> (u16, String, String) {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let response = router.clone().oneshot(req).await.expect("answer");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (
        status,
        content_type,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

#[tokio::test]
async fn format_xml_is_answered_in_xml_and_is_the_v1_default() {
    let router = sim().router();
    let (status, content_type, body) = raw(
        &router,
        get_request(&signed(
            "GET",
            "DescribeZones",
            &[("RegionId", HZ), ("Format", "XML")],
            &now_ts(),
        )),
    )
    .await;
    assert_eq!(
        (status, content_type.as_str()),
        (200, "text/xml;charset=utf-8")
    );
    assert!(body.starts_with("<?xml"), "{body}");
    assert!(body.contains("<DescribeZonesResponse>"), "{body}");
    assert!(
        body.contains("<Zones><Zone><LocalName>Hangzhou Zone G</LocalName>"),
        "{body}"
    );
    assert!(body.contains("<RequestId>"), "{body}");
    let (status, _, body) = raw(
        &router,
        get_request(&signed(
            "GET",
            "DescribeZones",
            &[("RegionId", "xx-nowhere"), ("Format", "xml")],
            &now_ts(),
        )),
    )
    .await;
    assert_eq!(status, 404);
    assert!(body.contains("<Error>"), "{body}");
    assert!(
        body.contains("<Code>InvalidRegionId.NotFound</Code>"),
        "{body}"
    );
    // A V1 request that names no format gets the documented default, XML (here, unsigned).
    let req = get_request(&pairs(&[
        ("Action", "DescribeRegions"),
        ("Version", "2014-05-26"),
    ]));
    let (status, content_type, body) = raw(&router, req).await;
    assert_eq!(
        (status, content_type.as_str()),
        (400, "text/xml;charset=utf-8")
    );
    assert!(body.contains("<Code>MissingParameter</Code>"), "{body}");
    // Neither JSON nor XML: refused, never answered in some format anyway.
    let req = get_request(&signed(
        "GET",
        "DescribeRegions",
        &[("Format", "YAML")],
        &now_ts(),
    ));
    let (status, _, body) = raw(&router, req).await;
    assert_eq!(status, 400);
    assert!(body.contains("<Code>InvalidParameter</Code>"), "{body}");
}

#[tokio::test]
async fn with_an_sts_token_configured_every_request_must_carry_it() {
    let mut config = config();
    config.security_token = Some("CAIS-sts-token-0001".into());
    let router = tether_sim::Simulator::new(config).router();
    let sts = |token: &str| Credentials::new(KEY_ID, SECRET).with_security_token(token);
    let with = |creds: &Credentials| {
        v1::signed_params(
            "GET",
            pairs(&[("Action", "DescribeRegions"), ("Version", "2014-05-26")]),
            creds,
            &now_ts(),
            &nonce(),
        )
    };
    let got = send(&router, get_request(&with(&sts("CAIS-sts-token-0001")))).await;
    assert_eq!(got.0, 200, "{}", got.1);
    assert_error(
        &send(&router, get_request(&with(&creds()))).await,
        400,
        "MissingSecurityToken",
    );
    let got = send(&router, get_request(&with(&sts("CAIS-other-token")))).await;
    // Reference §5.1, code and message.
    assert_error(&got, 400, "InvalidSecurityToken.MismatchWithAccessKey");
    assert_eq!(
        got.1["Message"],
        "Specified SecurityToken mismatch with the AccessKey."
    );
}
