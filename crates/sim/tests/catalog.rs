//! Catalogue and VPC reads through the router, and the wire-level refusals (unknown action,
//! unknown version, unknown path).

mod common;

use axum::body::Body;
use axum::http::Request;
use common::*;
use tether_sim::demo_ids;

#[tokio::test]
async fn catalogue_reads_answer_with_alibaba_shapes() {
    let ids = demo_ids();
    let router = sim().router();
    let regions = ok(&router, "DescribeRegions", &[("AcceptLanguage", "en-US")]).await;
    let hz = regions["Regions"]["Region"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["RegionId"] == HZ).cloned());
    assert_eq!(
        hz.map(|r| r["RegionEndpoint"].clone()),
        Some("ecs.aliyuncs.com".into())
    );
    let zones = ok(&router, "DescribeZones", &[("RegionId", HZ)]).await;
    assert_eq!(zones["Zones"]["Zone"].as_array().map(Vec::len), Some(3));
    let types = ok(&router, "DescribeInstanceTypes", &[]).await;
    let list = types["InstanceTypes"]["InstanceType"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(list.len(), 17);
    let t1 = list
        .iter()
        .find(|t| t["InstanceTypeId"] == "ecs.t1.small")
        .cloned()
        .unwrap_or_default();
    assert_eq!(t1["EniQuantity"], 0);
    let g6 = ok(
        &router,
        "DescribeInstanceTypes",
        &[("InstanceTypeFamily", "ecs.g6")],
    )
    .await;
    assert_eq!(
        g6["InstanceTypes"]["InstanceType"].as_array().map(Vec::len),
        Some(3)
    );
    let paged = ok(&router, "DescribeInstanceTypes", &[("MaxResults", "5")]).await;
    assert_eq!(paged["NextToken"], "ecs.g7.xlarge");
    let images = ok(
        &router,
        "DescribeImages",
        &[("RegionId", HZ), ("OSType", "windows")],
    )
    .await;
    assert_eq!(images["TotalCount"], 2);
    let sgs = ok(
        &router,
        "DescribeSecurityGroups",
        &[("RegionId", HZ), ("VpcId", &ids.vpc_a)],
    )
    .await;
    assert_eq!(sgs["TotalCount"], 2);
    let vpcs = ok(
        &router,
        "DescribeVpcs",
        &[("RegionId", HZ), ("VpcId", &ids.vpc_b)],
    )
    .await;
    assert_eq!(vpcs["Vpcs"]["Vpc"][0]["CidrBlock"], "172.16.0.0/12");
    let vsws = ok(&router, "DescribeVSwitches", &[("VpcId", &ids.vpc_a)]).await;
    assert_eq!(vsws["TotalCount"], 2);
    let g = &vsws["VSwitches"]["VSwitch"]
        .as_array()
        .and_then(|v| v.iter().find(|s| s["ZoneId"] == "cn-hangzhou-g").cloned())
        .unwrap_or_default();
    assert!(
        g["AvailableIpAddressCount"]
            .as_u64()
            .is_some_and(|n| n < 252)
    );
    let empty = ok(&router, "DescribeVpcs", &[("RegionId", "eu-central-1")]).await;
    assert_eq!(empty["TotalCount"], 0);
}

#[tokio::test]
async fn unknown_action_is_invalid_action_not_found_never_an_html_404() {
    let router = sim().router();
    // Today's gateway, as real answers quote it: 404 with this message.
    let api_not_found = "Specified api is not found, please check your url and method.";
    let got = call(&router, "DeleteEverything", &[]).await;
    assert_error(&got, 404, "InvalidAction.NotFound");
    assert_eq!(got.1["Message"], api_not_found);
    // A VPC action under ECS's version is not found either.
    let params = tether_signer::v1::signed_params(
        "GET",
        pairs(&[
            ("Action", "DescribeVpcs"),
            ("Version", "2014-05-26"),
            ("RegionId", HZ),
        ]),
        &creds(),
        &now_ts(),
        &nonce(),
    );
    let got = send(&router, get_request(&params)).await;
    assert_error(&got, 404, "InvalidAction.NotFound");
    let mut params = signed("GET", "DescribeRegions", &[], &now_ts());
    params.retain(|(k, _)| k != "Signature");
    for (k, v) in &mut params {
        if k == "Version" {
            *v = "2099-01-01".into();
        }
    }
    let params = tether_signer::v1::signed_params("GET", params, &creds(), &now_ts(), &nonce());
    assert_error(
        &send(&router, get_request(&params)).await,
        400,
        "InvalidVersion",
    );
    let req = Request::get("/no/such/path")
        .body(Body::empty())
        .expect("request");
    let got = send(&router, req).await;
    assert_error(&got, 404, "InvalidAction.NotFound");
    assert_eq!(got.1["Message"], api_not_found);
}
