//! Every published and extra signature vector from the API reference (§2.2, §2.3), one test
//! each, asserting the intermediate stage before the signature so a failure names the stage.

use tether_signer::{Credentials, v1, v3};

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The official DescribeRegions example, parameters in the doc's (unsorted) URL order.
fn describe_regions_params() -> Vec<(String, String)> {
    pairs(&[
        ("Timestamp", "2016-02-23T12:46:24Z"),
        ("Format", "XML"),
        ("AccessKeyId", "testid"),
        ("Action", "DescribeRegions"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
        ("Version", "2014-05-26"),
        ("SignatureVersion", "1.0"),
    ])
}

const DESCRIBE_REGIONS_CANONICAL: &str = "AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26";

const DESCRIBE_REGIONS_STS_TAIL: &str = "&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26";

#[test]
fn v1_signature_matches_official_describe_regions_get_example() {
    let params = describe_regions_params();
    assert_eq!(v1::canonicalized_query(&params), DESCRIBE_REGIONS_CANONICAL);
    assert_eq!(
        v1::string_to_sign("GET", &params),
        format!("GET{DESCRIBE_REGIONS_STS_TAIL}")
    );
    assert_eq!(
        v1::sign("GET", &params, "testsecret"),
        "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
    );
}

#[test]
fn v1_signature_matches_describe_regions_post_vector() {
    let params = describe_regions_params();
    assert_eq!(
        v1::string_to_sign("POST", &params),
        format!("POST{DESCRIBE_REGIONS_STS_TAIL}")
    );
    assert_eq!(
        v1::sign("POST", &params, "testsecret"),
        "MxbnVAM4w6sft9xjVpe/GCKueuk="
    );
}

#[test]
fn v1_signed_params_reproduces_the_official_example_end_to_end() {
    let creds = Credentials::new("testid", "testsecret");
    let params = pairs(&[
        ("Action", "DescribeRegions"),
        ("Version", "2014-05-26"),
        ("Format", "XML"),
    ]);
    let signed = v1::signed_params(
        "GET",
        params,
        &creds,
        "2016-02-23T12:46:24Z",
        "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
    );
    assert_eq!(v1::canonicalized_query(&signed), DESCRIBE_REGIONS_CANONICAL);
    assert!(
        v1::encode_query(&signed).ends_with("&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D"),
        "{}",
        v1::encode_query(&signed)
    );
}

fn vector_a_params() -> Vec<(String, String)> {
    pairs(&[
        ("AccessKeyId", "testid"),
        ("Action", "CreateNetworkInterface"),
        ("Format", "JSON"),
        ("RegionId", "cn-hangzhou"),
        ("SecurityGroupId", "sg-bp18kz60mefsicfg0001"),
        ("VSwitchId", "vsw-bp16usj2p27htro30001"),
        ("NetworkInterfaceName", "my eni*name~1"),
        ("Description", "测试 ENI (demo)!"),
        ("SecurityToken", "CAIS+token/abc="),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureNonce", "5b1d5e2c-0000-4000-8000-000000000001"),
        ("SignatureVersion", "1.0"),
        ("Timestamp", "2024-01-02T03:04:05Z"),
        ("Version", "2014-05-26"),
    ])
}

const VECTOR_A_STS_TAIL: &str = "&%2F&AccessKeyId%3Dtestid%26Action%3DCreateNetworkInterface%26Description%3D%25E6%25B5%258B%25E8%25AF%2595%2520ENI%2520%2528demo%2529%2521%26Format%3DJSON%26NetworkInterfaceName%3Dmy%2520eni%252Aname~1%26RegionId%3Dcn-hangzhou%26SecurityGroupId%3Dsg-bp18kz60mefsicfg0001%26SecurityToken%3DCAIS%252Btoken%252Fabc%253D%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D5b1d5e2c-0000-4000-8000-000000000001%26SignatureVersion%3D1.0%26Timestamp%3D2024-01-02T03%253A04%253A05Z%26VSwitchId%3Dvsw-bp16usj2p27htro30001%26Version%3D2014-05-26";

#[test]
fn v1_signature_matches_vector_a_get_with_utf8_space_star_tilde_and_token() {
    let params = vector_a_params();
    assert_eq!(
        v1::string_to_sign("GET", &params),
        format!("GET{VECTOR_A_STS_TAIL}")
    );
    assert_eq!(
        v1::sign("GET", &params, "testsecret"),
        "h9gsD2HodQVd1FcupN4g2aVBaTs="
    );
}

#[test]
fn v1_signature_matches_vector_a_post() {
    let params = vector_a_params();
    assert_eq!(
        v1::string_to_sign("POST", &params),
        format!("POST{VECTOR_A_STS_TAIL}")
    );
    assert_eq!(
        v1::sign("POST", &params, "testsecret"),
        "XSk3vD7j33ICUauY06ZZN5wXp70="
    );
}

#[test]
fn v3_signature_matches_official_run_instances_example() {
    let query = pairs(&[
        (
            "ImageId",
            "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
        ),
        ("RegionId", "cn-shanghai"),
    ]);
    let headers = pairs(&[
        ("host", "ecs.cn-shanghai.aliyuncs.com"),
        ("x-acs-action", "RunInstances"),
        ("x-acs-version", "2014-05-26"),
        ("x-acs-date", "2023-10-26T10:22:32Z"),
        ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
        ("x-acs-content-sha256", v3::EMPTY_PAYLOAD_SHA256),
    ]);
    let signed: Vec<String> = headers.iter().map(|(k, _)| k.clone()).collect();
    let canonical = v3::canonical_request(
        "POST",
        "/",
        &query,
        &headers,
        &signed,
        &v3::hash_payload(b""),
    );
    let e3b0 = v3::EMPTY_PAYLOAD_SHA256;
    assert_eq!(
        canonical,
        format!(
            "POST\n/\nImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\nhost:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\nx-acs-content-sha256:{e3b0}\nx-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\nx-acs-version:2014-05-26\n\nhost;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n{e3b0}"
        )
    );
    let string_to_sign = v3::string_to_sign(&canonical);
    assert_eq!(
        string_to_sign,
        "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
    );
    assert_eq!(
        v3::signature("YourAccessKeySecret", &string_to_sign),
        "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
    );

    let creds = Credentials::new("YourAccessKeyId", "YourAccessKeySecret");
    let sent = v3::sign_headers(
        "POST",
        "ecs.cn-shanghai.aliyuncs.com",
        &query,
        b"",
        "RunInstances",
        "2014-05-26",
        &creds,
        "2023-10-26T10:22:32Z",
        "3156853299f313e23d1673dc12e1703d",
        &[],
    );
    assert_eq!(
        sent.last(),
        Some(&(
            "authorization".to_string(),
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0".to_string()
        ))
    );
}

#[test]
fn v3_signature_matches_sts_attach_network_interface_vector() {
    let query = pairs(&[
        ("InstanceId", "i-bp67acfmxazb4p0001"),
        ("NetworkInterfaceId", "eni-bp17pdijfczax1huji0001"),
        ("RegionId", "cn-hangzhou"),
    ]);
    let headers = pairs(&[
        ("host", "ecs-cn-hangzhou.aliyuncs.com"),
        ("x-acs-action", "AttachNetworkInterface"),
        ("x-acs-version", "2014-05-26"),
        ("x-acs-date", "2024-01-02T03:04:05Z"),
        ("x-acs-signature-nonce", "0123456789abcdef0123456789abcdef"),
        ("x-acs-content-sha256", v3::EMPTY_PAYLOAD_SHA256),
        ("x-acs-accesskey-id", "testid"),
        ("x-acs-security-token", "CAIS+token/abc="),
    ]);
    let signed: Vec<String> = headers.iter().map(|(k, _)| k.clone()).collect();
    let canonical = v3::canonical_request(
        "POST",
        "/",
        &query,
        &headers,
        &signed,
        v3::EMPTY_PAYLOAD_SHA256,
    );
    let string_to_sign = v3::string_to_sign(&canonical);
    assert_eq!(
        string_to_sign,
        "ACS3-HMAC-SHA256\n94540629a3dfd429c0e5346593d21447c6957f3ecb774fb97cac1d37d20553e4"
    );
    assert_eq!(
        v3::signature("testsecret", &string_to_sign),
        "d216e0fdadf6efae983ad17242431f2908fb255323b3b67ec0dc516d730ed993"
    );

    let creds = Credentials::new("testid", "testsecret").with_security_token("CAIS+token/abc=");
    let sent = v3::sign_headers(
        "POST",
        "ecs-cn-hangzhou.aliyuncs.com",
        &query,
        b"",
        "AttachNetworkInterface",
        "2014-05-26",
        &creds,
        "2024-01-02T03:04:05Z",
        "0123456789abcdef0123456789abcdef",
        &[],
    );
    assert_eq!(
        sent.last(),
        Some(&(
            "authorization".to_string(),
            "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,Signature=d216e0fdadf6efae983ad17242431f2908fb255323b3b67ec0dc516d730ed993".to_string()
        ))
    );
}
