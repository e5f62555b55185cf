//! Tags through the portal: an operator tags and untags, only an admin adds, changes or
//! removes `tether:protected` (an operator is refused with the reason before any call), and an
//! admin's unprotect is in the audit trail as such.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use serde_json::{Value, json};
use tether::audit::AuditFilter;
use tether_domain::rules::PROTECTED_TAG;

const PASSWORD: &str = "hunter2-but-longer";

fn post(path: &str, body: Value, cookie: &str) -> Request<Body> {
    Request::post(path)
        .header("content-type", "application/json")
        .header("x-tether-request", "1")
        .header("cookie", cookie)
        .body(Body::from(body.to_string()))
        .unwrap()
}

async fn sign_in(app: &axum::Router, user: &str) -> String {
    let req = Request::post("/api/login")
        .header("content-type", "application/json")
        .header("x-tether-request", "1")
        .body(Body::from(
            json!({"User": user, "Password": PASSWORD}).to_string(),
        ))
        .unwrap();
    let resp = tower::ServiceExt::oneshot(app.clone(), req).await.unwrap();
    let cookie = resp.headers()["set-cookie"].to_str().unwrap();
    cookie.split(';').next().unwrap().to_owned()
}

fn tags_of(sim: &tether_sim::Simulator, eni: &str) -> Vec<(String, String)> {
    sim.with_world(|w| {
        w.regions["cn-hangzhou"].enis[&eni.parse().unwrap()]
            .tags
            .tag
            .iter()
            .map(|t| (t.tag_key.clone(), t.tag_value.clone()))
            .collect()
    })
}

#[tokio::test]
async fn only_an_admin_changes_the_protection_tag_and_an_unprotect_is_audited_as_such() {
    let dir = std::env::temp_dir().join(format!("tether-tag-roles-{}", std::process::id()));
    let base = setup().await;
    let (state, audit) = local_portal(&base.state, &dir, PASSWORD).await;
    let app = tether::app(state);
    let protected = tether_sim::demo_ids().eni_protected;
    let operator = sign_in(&app, "otto").await;

    let tag = json!({"RegionId": "cn-hangzhou", "ResourceType": "eni", "ResourceId": [protected], "Tag": [{"Key": "team", "Value": "db"}]});
    let (status, body) = send(&app, post("/api/TagResources", tag, &operator)).await;
    assert_eq!(status, StatusCode::OK, "an operator tags: {body}");
    assert!(tags_of(&base.sim, &protected).contains(&("team".into(), "db".into())));

    let calls = base.sim.request_count();
    let unprotect = json!({"RegionId": "cn-hangzhou", "ResourceType": "eni", "ResourceId": [protected], "TagKey": [PROTECTED_TAG]});
    let change = json!({"RegionId": "cn-hangzhou", "ResourceType": "eni", "ResourceId": [protected], "Tag": [{"Key": PROTECTED_TAG, "Value": "false"}]});
    let untag_all = json!({"RegionId": "cn-hangzhou", "ResourceType": "eni", "ResourceId": [protected], "All": true});
    for (action, body) in [
        ("UntagResources", unprotect.clone()),
        ("TagResources", change),
        ("UntagResources", untag_all),
    ] {
        let (status, answer) = send(&app, post(&format!("/api/{action}"), body, &operator)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{action}: {answer}");
        assert_eq!(answer["Code"], "Tether.Forbidden");
        assert!(
            answer["Message"]
                .as_str()
                .unwrap()
                .starts_with("Only an admin may add, change or remove tether:protected"),
            "{answer}"
        );
    }
    assert_eq!(
        base.sim.request_count(),
        calls,
        "no refused call reached the cloud"
    );
    assert!(tags_of(&base.sim, &protected).contains(&(PROTECTED_TAG.into(), "true".into())));

    let admin = sign_in(&app, "ada").await;
    let (status, body) = send(&app, post("/api/UntagResources", unprotect, &admin)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        !tags_of(&base.sim, &protected)
            .iter()
            .any(|(k, _)| k == PROTECTED_TAG)
    );

    let records = audit
        .query(
            &AuditFilter {
                action: Some("UntagResources".into()),
                ..AuditFilter::default()
            },
            10,
        )
        .await
        .unwrap();
    let outcomes: Vec<(&str, &str, &str)> = records
        .iter()
        .map(|r| (r.user.as_str(), r.outcome.as_str(), r.reason.as_str()))
        .collect();
    let unprotected = format!("Unprotects {protected} (removes tether:protected).");
    assert!(
        outcomes.contains(&("ada", "ok", unprotected.as_str())),
        "{outcomes:?}"
    );
    assert!(
        outcomes
            .iter()
            .any(|(user, outcome, _)| *user == "otto" && *outcome == "Tether.Forbidden"),
        "the refusal is recorded too: {outcomes:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A signed-in portal on the demo world, with its own audit trail in a directory of `name`.
async fn portal(name: &str) -> (axum::Router, Setup, std::sync::Arc<tether::audit::AuditLog>) {
    let dir = std::env::temp_dir().join(format!("tether-tag-{name}-{}", std::process::id()));
    let base = setup().await;
    let (state, audit) = local_portal(&base.state, &dir, PASSWORD).await;
    (tether::app(state), base, audit)
}

/// `(user, outcome, reason)` of every audit record of `action`.
async fn audited(audit: &tether::audit::AuditLog, action: &str) -> Vec<(String, String, String)> {
    let filter = AuditFilter {
        action: Some(action.into()),
        ..AuditFilter::default()
    };
    let records = audit.query(&filter, 20).await.unwrap();
    records
        .into_iter()
        .map(|r| (r.user, r.outcome, r.reason))
        .collect()
}

#[tokio::test]
async fn a_create_that_names_the_protection_tag_is_an_admins_change_and_audited_as_one() {
    let (app, base, audit) = portal("create").await;
    let ids = tether_sim::demo_ids();
    let protect = json!([{"Key": PROTECTED_TAG, "Value": "true"}]);
    let create = json!({"RegionId": "cn-hangzhou", "VSwitchId": ids.vsw_a_g, "SecurityGroupIds": [ids.sg_a], "Tag": protect});
    let run = json!({"RegionId": "cn-hangzhou", "ImageId": "centos_7_03_64_20G_alibase_20170818.vhd", "InstanceType": "ecs.g6.large", "VSwitchId": ids.vsw_a_g, "SecurityGroupId": ids.sg_a, "Tag": protect});
    let operator = sign_in(&app, "otto").await;
    let calls = base.sim.request_count();
    for (action, body) in [("CreateNetworkInterface", &create), ("RunInstances", &run)] {
        let (status, answer) = send(
            &app,
            post(&format!("/api/{action}"), body.clone(), &operator),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{action}: {answer}");
        assert!(
            answer["Message"]
                .as_str()
                .unwrap()
                .starts_with("Only an admin may add, change or remove tether:protected"),
            "{answer}"
        );
    }
    assert_eq!(base.sim.request_count(), calls, "nothing reached the cloud");

    let admin = sign_in(&app, "ada").await;
    let (status, answer) = send(&app, post("/api/CreateNetworkInterface", create, &admin)).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let eni = answer["NetworkInterfaceId"].as_str().unwrap();
    assert!(tags_of(&base.sim, eni).contains(&(PROTECTED_TAG.into(), "true".into())));
    let records = audited(&audit, "CreateNetworkInterface").await;
    let protects = "Protects the new ENI (sets tether:protected=true).";
    assert!(
        records
            .iter()
            .any(|(u, o, r)| u == "ada" && o == "ok" && r == protects),
        "{records:?}"
    );
    assert!(
        records
            .iter()
            .any(|(u, _, r)| u == "otto" && r.starts_with(protects)),
        "the refused attempt says what it attempted: {records:?}"
    );
}

#[tokio::test]
async fn an_unprotect_the_cloud_refuses_is_audited_as_the_unprotect_it_attempted() {
    let (app, _base, audit) = portal("refused").await;
    let admin = sign_in(&app, "ada").await;
    let missing = "eni-bp1nothere00000001";
    let unprotect = json!({"RegionId": "cn-hangzhou", "ResourceType": "eni", "ResourceId": [missing], "TagKey": [PROTECTED_TAG]});
    let (status, answer) = send(&app, post("/api/UntagResources", unprotect, &admin)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{answer}");
    assert_eq!(answer["Code"], "InvalidResourceId.NotFound");
    let records = audited(&audit, "UntagResources").await;
    let [(user, outcome, reason)] = records.as_slice() else {
        panic!("one record: {records:?}");
    };
    assert_eq!(
        (user.as_str(), outcome.as_str()),
        ("ada", "InvalidResourceId.NotFound")
    );
    assert!(
        reason.starts_with(&format!("Unprotects {missing} (removes tether:protected).")),
        "{reason}"
    );
    assert!(
        reason.ends_with(answer["Message"].as_str().unwrap()),
        "and why it failed: {reason}"
    );
}

#[tokio::test]
async fn an_eni_sent_as_resource_type_instance_is_refused_before_the_cloud() {
    let (app, base, audit) = portal("mismatch").await;
    let protected = tether_sim::demo_ids().eni_protected;
    let operator = sign_in(&app, "otto").await;
    let calls = base.sim.request_count();
    let change = json!({"RegionId": "cn-hangzhou", "ResourceType": "instance", "ResourceId": [protected], "Tag": [{"Key": PROTECTED_TAG, "Value": "false"}]});
    let unprotect = json!({"RegionId": "cn-hangzhou", "ResourceType": "instance", "ResourceId": [protected], "TagKey": [PROTECTED_TAG]});
    let list =
        json!({"RegionId": "cn-hangzhou", "ResourceType": "instance", "ResourceId": [protected]});
    for (action, body) in [
        ("TagResources", change),
        ("UntagResources", unprotect),
        ("ListTagResources", list),
    ] {
        let (status, answer) = send(&app, post(&format!("/api/{action}"), body, &operator)).await;
        assert!(status.is_client_error(), "{action}: {status} {answer}");
        assert_eq!(answer["Code"], "InvalidResourceId.NotFound", "{answer}");
        assert!(
            answer["Message"]
                .as_str()
                .unwrap()
                .contains("ResourceId.1: Must be an instance ID (i-...)"),
            "{answer}"
        );
    }
    assert_eq!(base.sim.request_count(), calls, "nothing reached the cloud");
    assert!(tags_of(&base.sim, &protected).contains(&(PROTECTED_TAG.into(), "true".into())));
    let records = audited(&audit, "UntagResources").await;
    assert!(
        records[0].2.starts_with("Unprotects"),
        "recorded as the unprotect it would have been: {records:?}"
    );
}
