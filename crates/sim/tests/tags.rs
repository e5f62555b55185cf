//! TagResources, UntagResources and ListTagResources through the router: tags shown by the
//! Describe calls and filtered on, the per-resource quota, the documented codes, and the
//! managed ENI that refuses every change.

mod common;

use common::*;
use serde_json::Value;
use tether_sim::{Simulator, demo_ids};

/// The ENI's tags as DescribeNetworkInterfaces shows them, `(key, value)` in order.
async fn tags_of(router: &axum::Router, eni: &str) -> Vec<(String, String)> {
    let body = ok(
        router,
        "DescribeNetworkInterfaces",
        &[("RegionId", HZ), ("NetworkInterfaceId.1", eni)],
    )
    .await;
    pairs_of(&body["NetworkInterfaceSets"]["NetworkInterfaceSet"][0]["Tags"]["Tag"])
}

fn pairs_of(tags: &Value) -> Vec<(String, String)> {
    tags.as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            (
                t["TagKey"].as_str().unwrap_or_default().to_owned(),
                t["TagValue"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// Extra parameters of a call.
type Params<'a> = &'a [(&'a str, &'a str)];

fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// ENI IDs DescribeNetworkInterfaces lists for `filters`.
async fn listed(router: &axum::Router, filters: &[(&str, &str)]) -> Vec<String> {
    let mut params = vec![("RegionId", HZ), ("PageSize", "100")];
    params.extend_from_slice(filters);
    let body = ok(router, "DescribeNetworkInterfaces", &params).await;
    body["NetworkInterfaceSets"]["NetworkInterfaceSet"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["NetworkInterfaceId"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn tags_are_added_overwritten_shown_and_filtered_on() {
    let r = Simulator::new(config()).router();
    let ids = demo_ids();
    let eni = ids.eni_available_a_g.as_str();
    let before = tags_of(&r, eni).await;
    ok(
        &r,
        "TagResources",
        &[
            ("RegionId", HZ),
            ("ResourceType", "eni"),
            ("ResourceId.1", eni),
            ("Tag.1.Key", "team"),
            ("Tag.1.Value", "web"),
            ("Tag.2.Key", "cost-center"),
        ],
    )
    .await;
    let mut expected = before.clone();
    expected.extend(owned(&[("team", "web"), ("cost-center", "")]));
    assert_eq!(tags_of(&r, eni).await, expected);
    ok(
        &r,
        "TagResources",
        &[
            ("RegionId", HZ),
            ("ResourceType", "eni"),
            ("ResourceId.1", eni),
            ("Tag.1.Key", "team"),
            ("Tag.1.Value", "api"),
        ],
    )
    .await;
    let now = tags_of(&r, eni).await;
    assert_eq!(now.len(), expected.len(), "a key it has is overwritten");
    assert!(now.contains(&("team".into(), "api".into())));
    assert_eq!(
        listed(&r, &[("Tag.1.Key", "team"), ("Tag.1.Value", "api")]).await,
        [eni]
    );
    assert_eq!(listed(&r, &[("Tag.1.Key", "team")]).await, [eni]);
    assert!(
        listed(&r, &[("Tag.1.Key", "team"), ("Tag.1.Value", "web")])
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn instance_tags_are_shown_by_describe_instances() {
    let r = Simulator::new(config()).router();
    let web = demo_ids().web_instance;
    ok(
        &r,
        "TagResources",
        &[
            ("RegionId", HZ),
            ("ResourceType", "instance"),
            ("ResourceId.1", &web),
            ("Tag.1.Key", "env"),
            ("Tag.1.Value", "prod"),
        ],
    )
    .await;
    let ids = format!("[\"{web}\"]");
    let body = ok(
        &r,
        "DescribeInstances",
        &[("RegionId", HZ), ("InstanceIds", &ids)],
    )
    .await;
    let tags = pairs_of(&body["Instances"]["Instance"][0]["Tags"]["Tag"]);
    assert!(tags.contains(&("env".into(), "prod".into())), "{tags:?}");
    let filtered = ok(
        &r,
        "DescribeInstances",
        &[
            ("RegionId", HZ),
            ("Tag.1.Key", "env"),
            ("Tag.1.Value", "prod"),
        ],
    )
    .await;
    assert_eq!(
        filtered["Instances"]["Instance"][0]["InstanceId"],
        web.as_str()
    );
}

#[tokio::test]
async fn untag_removes_named_keys_or_all_and_skips_keys_it_does_not_have() {
    let r = Simulator::new(config()).router();
    let eni = demo_ids().eni_available_a_g_2;
    let tag = |k: &'static str| [("Tag.1.Key", k)];
    for key in ["a", "b", "c"] {
        let mut params = vec![
            ("RegionId", HZ),
            ("ResourceType", "eni"),
            ("ResourceId.1", &eni),
        ];
        params.extend_from_slice(&tag(key));
        ok(&r, "TagResources", &params).await;
    }
    let base = [
        ("RegionId", HZ),
        ("ResourceType", "eni"),
        ("ResourceId.1", eni.as_str()),
    ];
    let mut untag = base.to_vec();
    untag.extend([("TagKey.1", "a"), ("TagKey.2", "not-there")]);
    ok(&r, "UntagResources", &untag).await;
    let keys: Vec<String> = tags_of(&r, &eni)
        .await
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert!(!keys.contains(&"a".to_owned()) && keys.contains(&"b".to_owned()));
    let mut all = base.to_vec();
    all.push(("All", "true"));
    ok(&r, "UntagResources", &all).await;
    assert!(tags_of(&r, &eni).await.is_empty());
    assert_error(
        &call(&r, "UntagResources", &base).await,
        400,
        "MissingParameter",
    );
}

#[tokio::test]
async fn list_tag_resources_answers_each_tag_of_each_resource_and_pages_by_token() {
    let r = Simulator::new(config()).router();
    let ids = demo_ids();
    let enis = [
        ids.eni_available_a_g.clone(),
        ids.eni_available_a_h.clone(),
        ids.eni_vpc_b.clone(),
    ];
    let keys: Vec<String> = (0..20).map(|n| format!("k{n:02}")).collect();
    for eni in &enis {
        let mut params = vec![
            ("RegionId", HZ.to_owned()),
            ("ResourceType", "eni".to_owned()),
            ("ResourceId.1", eni.clone()),
        ];
        for (n, key) in keys.iter().enumerate().take(19) {
            params.push((
                Box::leak(format!("Tag.{}.Key", n + 1).into_boxed_str()),
                key.clone(),
            ));
        }
        let refs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        ok(&r, "TagResources", &refs).await;
    }
    let named = ok(
        &r,
        "ListTagResources",
        &[
            ("RegionId", HZ),
            ("ResourceType", "eni"),
            ("ResourceId.1", &enis[0]),
        ],
    )
    .await;
    let first = &named["TagResources"]["TagResource"];
    assert_eq!(first.as_array().map(Vec::len), Some(19), "{named}");
    assert_eq!(first[0]["ResourceId"], enis[0].as_str());
    assert_eq!(first[0]["ResourceType"], "eni");
    assert_eq!(first[0]["TagKey"], "k00");
    // 58 pairs over the three ENIs (19 each, and the staging ENI's seeded tag), filtered by
    // a key they have: 50, then the other 8.
    let by_tag = [
        ("RegionId", HZ),
        ("ResourceType", "eni"),
        ("Tag.1.Key", "k05"),
        ("Tag.1.Value", ""),
    ];
    let page = ok(&r, "ListTagResources", &by_tag).await;
    assert_eq!(
        page["TagResources"]["TagResource"].as_array().map(Vec::len),
        Some(50)
    );
    assert_eq!(page["NextToken"], "50");
    let mut rest = by_tag.to_vec();
    rest.push(("NextToken", "50"));
    let page = ok(&r, "ListTagResources", &rest).await;
    assert_eq!(
        page["TagResources"]["TagResource"].as_array().map(Vec::len),
        Some(8)
    );
    assert_eq!(page["NextToken"], "");
    // Every ENI of the region: more than one page, the token leads to the rest.
    let all = [("RegionId", HZ), ("ResourceType", "eni")];
    let page1 = ok(&r, "ListTagResources", &all).await;
    assert_eq!(
        page1["TagResources"]["TagResource"]
            .as_array()
            .map(Vec::len),
        Some(50)
    );
    let token = page1["NextToken"].as_str().unwrap_or_default().to_owned();
    assert!(!token.is_empty());
    let mut next = all.to_vec();
    next.push(("NextToken", &token));
    let page2 = ok(&r, "ListTagResources", &next).await;
    assert!(
        page2["TagResources"]["TagResource"]
            .as_array()
            .is_some_and(|p| !p.is_empty())
    );
}

#[tokio::test]
async fn a_resource_holds_20_tags_over_that_operation_denied_quota_exceed() {
    let r = Simulator::new(config()).router();
    let eni = demo_ids().eni_vpc_b;
    let keys: Vec<String> = (1..=20).map(|n| format!("Tag.{n}.Key")).collect();
    let mut params = vec![
        ("RegionId", HZ),
        ("ResourceType", "eni"),
        ("ResourceId.1", eni.as_str()),
    ];
    let values: Vec<String> = (1..=20).map(|n| format!("key{n}")).collect();
    for (k, v) in keys.iter().zip(&values) {
        params.push((k.as_str(), v.as_str()));
    }
    let existing = tags_of(&r, &eni).await.len();
    params.truncate(3 + 20 - existing);
    ok(&r, "TagResources", &params).await;
    let one_more = [
        ("RegionId", HZ),
        ("ResourceType", "eni"),
        ("ResourceId.1", eni.as_str()),
        ("Tag.1.Key", "twenty-first"),
    ];
    let refused = call(&r, "TagResources", &one_more).await;
    assert_error(&refused, 400, "OperationDenied.QuotaExceed");
    assert_eq!(
        refused.1["Message"],
        "The quota of tags on resource is beyond permitted range."
    );
    assert_eq!(tags_of(&r, &eni).await.len(), 20, "nothing was added");
}

#[tokio::test]
async fn bad_tag_calls_get_the_documented_codes() {
    let r = Simulator::new(config()).router();
    let eni = demo_ids().eni_available_a_g;
    let base = [
        ("RegionId", HZ),
        ("ResourceType", "eni"),
        ("ResourceId.1", eni.as_str()),
    ];
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut p = base.to_vec();
        p.extend_from_slice(extra);
        p
    };
    let cases: &[(Params, u16, &str)] = &[
        (
            &[("Tag.1.Key", "a"), ("Tag.2.Key", "a")],
            400,
            "Duplicate.TagKey",
        ),
        (
            &[("Tag.1.Key", "acs:owner")],
            400,
            "InvalidTagKey.Malformed",
        ),
        (
            &[("Tag.1.Key", "see https://x")],
            400,
            "InvalidTagKey.Malformed",
        ),
        (
            &[("Tag.1.Key", "k"), ("Tag.1.Value", "acs:v")],
            400,
            "InvalidTagValue.Malformed",
        ),
        (&[], 400, "MissingParameter"),
    ];
    for (extra, status, code) in cases {
        assert_error(&call(&r, "TagResources", &with(extra)).await, *status, code);
    }
    let many: Vec<(String, String)> = (1..=21)
        .map(|n| (format!("Tag.{n}.Key"), format!("k{n}")))
        .collect();
    let mut params = base.to_vec();
    params.extend(many.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    assert_error(
        &call(&r, "TagResources", &params).await,
        400,
        "InvalidTagCount",
    );
    let wide: Vec<(String, String)> = (1..=51)
        .map(|n| (format!("ResourceId.{n}"), eni.clone()))
        .collect();
    let mut params = vec![
        ("RegionId", HZ),
        ("ResourceType", "eni"),
        ("Tag.1.Key", "k"),
    ];
    params.extend(wide.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    assert_error(
        &call(&r, "TagResources", &params).await,
        400,
        "NumberExceed.ResourceIds",
    );
    let missing = [
        ("RegionId", HZ),
        ("ResourceType", "eni"),
        ("ResourceId.1", "eni-bp1nothere00000001"),
        ("Tag.1.Key", "k"),
    ];
    assert_error(
        &call(&r, "TagResources", &missing).await,
        404,
        "InvalidResourceId.NotFound",
    );
    let disk = [
        ("RegionId", HZ),
        ("ResourceType", "disk"),
        ("ResourceId.1", "d-bp1x"),
        ("Tag.1.Key", "k"),
    ];
    assert_error(
        &call(&r, "TagResources", &disk).await,
        400,
        "InvalidParameter",
    );
}

#[tokio::test]
async fn the_managed_eni_refuses_tag_changes_with_eni_service_managed() {
    let r = Simulator::new(config()).router();
    let eni = demo_ids().eni_service_managed;
    let before = tags_of(&r, &eni).await;
    let base = [
        ("RegionId", HZ),
        ("ResourceType", "eni"),
        ("ResourceId.1", eni.as_str()),
    ];
    let mut tag = base.to_vec();
    tag.push(("Tag.1.Key", "team"));
    assert_error(
        &call(&r, "TagResources", &tag).await,
        403,
        "InvalidOperation.EniServiceManaged",
    );
    let mut untag = base.to_vec();
    untag.push(("All", "true"));
    assert_error(
        &call(&r, "UntagResources", &untag).await,
        403,
        "InvalidOperation.EniServiceManaged",
    );
    assert_eq!(tags_of(&r, &eni).await, before);
}
