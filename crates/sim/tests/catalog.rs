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
    let req = Request::get("/no/such/path?Format=JSON")
        .body(Body::empty())
        .expect("request");
    let got = send(&router, req).await;
    assert_error(&got, 404, "InvalidAction.NotFound");
    assert_eq!(got.1["Message"], api_not_found);
}

/// The IDs in a list answer, e.g. `ids_of(&body["Vpcs"]["Vpc"], "VpcId")`.
fn ids_of(list: &serde_json::Value, field: &str) -> Vec<String> {
    list.as_array()
        .into_iter()
        .flatten()
        .map(|item| item[field].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn vpc_reads_apply_every_filter_they_take() {
    let ids = demo_ids();
    let router = sim().router();
    // Up to 20 VPC IDs, comma-separated.
    let both = format!("{},{}", ids.vpc_a, ids.vpc_b);
    let vpcs = ok(
        &router,
        "DescribeVpcs",
        &[("RegionId", HZ), ("VpcId", &both)],
    )
    .await;
    let mut found = ids_of(&vpcs["Vpcs"]["Vpc"], "VpcId");
    found.sort();
    let mut want = vec![ids.vpc_a.clone(), ids.vpc_b.clone()];
    want.sort();
    assert_eq!(found, want);
    let many = vec![ids.vpc_a.as_str(); 21].join(",");
    let got = call(
        &router,
        "DescribeVpcs",
        &[("RegionId", HZ), ("VpcId", &many)],
    )
    .await;
    assert_error(&got, 400, "InvalidParameter");

    let one = ok(
        &router,
        "DescribeVSwitches",
        &[("RegionId", HZ), ("VSwitchId", &ids.vsw_a_h)],
    )
    .await;
    assert_eq!(
        ids_of(&one["VSwitches"]["VSwitch"], "VSwitchId"),
        [ids.vsw_a_h.as_str()]
    );
    let named = ok(
        &router,
        "DescribeVSwitches",
        &[("RegionId", HZ), ("VSwitchName", "prod-app-h")],
    )
    .await;
    assert_eq!(
        ids_of(&named["VSwitches"]["VSwitch"], "VSwitchId"),
        [ids.vsw_a_h.as_str()]
    );
    let all = ok(&router, "DescribeVSwitches", &[("RegionId", HZ)]).await["TotalCount"].clone();
    let not_default = ok(
        &router,
        "DescribeVSwitches",
        &[("RegionId", HZ), ("IsDefault", "false")],
    )
    .await;
    assert_eq!(not_default["TotalCount"], all);
    assert_eq!(not_default["VSwitches"]["VSwitch"][0]["IsDefault"], false);
    let default = ok(
        &router,
        "DescribeVSwitches",
        &[("RegionId", HZ), ("IsDefault", "true")],
    )
    .await;
    assert_eq!(
        default["TotalCount"], 0,
        "the demo account has no default VPC"
    );
}

#[tokio::test]
async fn security_groups_page_by_token_too() {
    let ids = demo_ids();
    let sim = sim();
    let router = sim.router();
    sim.with_world(|w| {
        let state = w.regions.get_mut(HZ).expect("cn-hangzhou");
        let first = state
            .security_groups
            .values()
            .next()
            .cloned()
            .expect("a group");
        for n in 0..15 {
            let id: tether_domain::SecurityGroupId =
                format!("sg-bp1paging{n:011}").parse().expect("id");
            state.security_groups.insert(
                id.clone(),
                tether_domain::SecurityGroup {
                    security_group_id: id,
                    ..first.clone()
                },
            );
        }
    });
    let total = ok(
        &router,
        "DescribeSecurityGroups",
        &[("RegionId", HZ), ("PageSize", "50")],
    )
    .await["TotalCount"]
        .as_u64()
        .unwrap_or(0);
    assert!(total > 15);
    let mut seen = Vec::new();
    let mut token = String::new();
    let mut pages = 0;
    loop {
        let mut params = vec![("RegionId", HZ), ("MaxResults", "10")];
        if !token.is_empty() {
            params.push(("NextToken", token.as_str()));
        }
        let page = ok(&router, "DescribeSecurityGroups", &params).await;
        seen.extend(ids_of(
            &page["SecurityGroups"]["SecurityGroup"],
            "SecurityGroupId",
        ));
        pages += 1;
        token = page["NextToken"].as_str().unwrap_or_default().to_owned();
        if token.is_empty() {
            break;
        }
    }
    assert_eq!((seen.len() as u64, pages), (total, 2));
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len());
    assert!(seen.contains(&ids.sg_a));
}

#[tokio::test]
async fn dry_run_on_a_describe_checks_then_answers_dry_run_operation() {
    let router = sim().router();
    for action in [
        "DescribeImages",
        "DescribeInstances",
        "DescribeSecurityGroups",
        "DescribeVSwitches",
        "DescribeVpcs",
    ] {
        let got = call(&router, action, &[("RegionId", HZ), ("DryRun", "true")]).await;
        // Reference §5.1 and §3.2: the check passed, nothing is listed.
        assert_error(&got, 400, "DryRunOperation");
        assert_eq!(
            got.1["Message"], "Request validation has been passed with DryRun flag set.",
            "{action}"
        );
        let got = call(
            &router,
            action,
            &[("RegionId", "xx-nowhere"), ("DryRun", "true")],
        )
        .await;
        assert_error(&got, 404, "InvalidRegionId.NotFound");
        let listed = ok(&router, action, &[("RegionId", HZ), ("DryRun", "false")]).await;
        assert!(
            listed["TotalCount"].as_u64().is_some(),
            "{action}: {listed}"
        );
    }
}

#[tokio::test]
async fn errors_name_the_product_that_answers() {
    let router = sim().router();
    let vpc = call(&router, "DescribeVpcs", &[("RegionId", "xx-nowhere")]).await;
    assert_error(&vpc, 404, "InvalidRegionId.NotFound");
    assert_eq!(vpc.1["HostId"], "vpc.aliyuncs.com");
    let rid = vpc.1["RequestId"].as_str().unwrap_or_default();
    assert_eq!(
        vpc.1["Recommend"],
        format!(
            "https://api.aliyun.com/troubleshoot?q=InvalidRegionId.NotFound&product=Vpc&requestId={rid}"
        )
    );
    let ecs = call(&router, "DescribeZones", &[("RegionId", "xx-nowhere")]).await;
    assert_eq!(ecs.1["HostId"], "ecs.aliyuncs.com");
    assert!(
        ecs.1["Recommend"]
            .as_str()
            .is_some_and(|r| r.contains("&product=Ecs&")),
        "{}",
        ecs.1
    );
}
