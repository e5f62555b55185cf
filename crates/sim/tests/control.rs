//! The control API and world management: faults, snapshot/reset/restore, stats, seeding and
//! generated worlds.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::*;
use serde_json::json;
use tether_sim::control::SECRET_HEADER;
use tether_sim::{FaultConfig, FaultKind, FaultRule, SimConfig, Simulator, WorldSeed, demo_ids};

fn always(kind: FaultKind) -> FaultConfig {
    FaultConfig {
        rules: vec![FaultRule {
            action: None,
            mutating_only: false,
            kind,
            probability: 1.0,
        }],
        scenario: None,
    }
}

#[tokio::test]
async fn a_certain_fault_answers_its_code_on_every_call() {
    let sim = sim();
    let router = sim.router();
    for (kind, status, code) in [
        (FaultKind::Throttling, 400, "Throttling"),
        (FaultKind::ServiceUnavailable, 503, "ServiceUnavailable"),
        (FaultKind::OperationConflict, 409, "OperationConflict"),
        (FaultKind::InternalError, 500, "InternalError"),
    ] {
        sim.set_faults(always(kind));
        for action in ["DescribeRegions", "DescribeVpcs"] {
            assert_error(
                &call(&router, action, &[("RegionId", HZ)]).await,
                status,
                code,
            );
        }
    }
}

#[tokio::test]
async fn a_faulted_mutation_changes_nothing() {
    let ids = demo_ids();
    let sim = sim();
    let router = sim.router();
    let before = sim.snapshot();
    sim.set_faults(always(FaultKind::OperationConflict));
    let got = call(
        &router,
        "AttachNetworkInterface",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", &ids.eni_available_a_g),
            ("InstanceId", &ids.web_instance),
        ],
    )
    .await;
    assert_error(&got, 409, "OperationConflict");
    assert_eq!(sim.snapshot(), before);
}

#[tokio::test]
async fn the_stuck_detaching_scenario_leaves_the_eni_detaching_until_reissued_without_it() {
    let ids = demo_ids();
    let sim = sim();
    let router = sim.router();
    let (eni, host) = (
        ids.eni_in_use_secondary.as_str(),
        ids.quota_full_instance.as_str(),
    );
    let req = Request::post("/_sim/faults")
        .header(SECRET_HEADER, SECRET)
        .header("content-type", "application/json")
        .body(Body::from(
            json!({ "scenario": "eni-stuck-detaching" }).to_string(),
        ))
        .expect("request");
    assert_eq!(send(&router, req).await.0, 200);
    let detach = [
        ("RegionId", HZ),
        ("NetworkInterfaceId", eni),
        ("InstanceId", host),
    ];
    ok(&router, "DetachNetworkInterface", &detach).await;
    let attr = [("RegionId", HZ), ("NetworkInterfaceId", eni)];
    assert_eq!(
        ok(&router, "DescribeNetworkInterfaceAttribute", &attr).await["Status"],
        "Detaching"
    );
    let clear = Request::delete("/_sim/faults")
        .header(SECRET_HEADER, SECRET)
        .body(Body::empty())
        .expect("request");
    assert_eq!(send(&router, clear).await.0, 200);
    ok(&router, "DetachNetworkInterface", &detach).await;
    assert_eq!(
        ok(&router, "DescribeNetworkInterfaceAttribute", &attr).await["Status"],
        "Available"
    );
}

#[tokio::test]
async fn snapshot_reset_restore_gives_back_the_same_state() {
    let ids = demo_ids();
    let sim = sim();
    let router = sim.router();
    ok(
        &router,
        "CreateNetworkInterface",
        &[
            ("RegionId", HZ),
            ("VSwitchId", &ids.vsw_a_g),
            ("SecurityGroupId", &ids.sg_a),
        ],
    )
    .await;
    let changed = sim.snapshot();
    sim.reset().expect("reset");
    assert_ne!(sim.snapshot(), changed);
    let restore = Request::post("/_sim/restore")
        .header(SECRET_HEADER, SECRET)
        .header("content-type", "application/json")
        .body(Body::from(changed.to_string()))
        .expect("request");
    assert_eq!(send(&router, restore).await.0, 200);
    assert_eq!(sim.snapshot(), changed);
    let path = std::env::temp_dir().join(format!("tether-sim-{}.json", std::process::id()));
    tether_sim::control::snapshot_to_file(&sim, &path).expect("write snapshot");
    sim.reset().expect("reset");
    tether_sim::control::restore_from_file(&sim, &path).expect("read snapshot");
    assert_eq!(sim.snapshot(), changed);
    let _ = std::fs::remove_file(path);
    assert!(sim.restore(json!({ "not": "a world" })).is_err());
}

#[tokio::test]
async fn stats_count_refused_requests_and_speed_is_settable() {
    let sim = sim();
    let router = sim.router();
    assert_eq!(sim.request_count(), 0);
    call(&router, "NoSuchAction", &[]).await;
    call(&router, "DescribeZones", &[("RegionId", "bad")]).await;
    ok(&router, "DescribeRegions", &[]).await;
    let (status, stats) = send(
        &router,
        Request::get("/_sim/stats")
            .header(SECRET_HEADER, SECRET)
            .body(Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(stats["requests"], 3);
    assert_eq!(stats["by_action"]["NoSuchAction"], 1);
    let speed = Request::post("/_sim/speed")
        .header(SECRET_HEADER, SECRET)
        .header("content-type", "application/json")
        .body(Body::from(r#"{"speed":"realistic"}"#))
        .expect("request");
    assert_eq!(send(&router, speed).await.1["speed"], "realistic");
    assert_eq!(sim.speed(), tether_sim::Speed::Realistic);
    assert_eq!(
        sim.request_count(),
        3,
        "control calls are not cloud requests"
    );
}

#[test]
fn two_demo_worlds_serialise_identically() {
    let a = Simulator::new(config()).snapshot();
    let b = Simulator::new(config()).snapshot();
    assert_eq!(a, b);
    assert_eq!(
        serde_json::to_string(&a).ok(),
        serde_json::to_string(&b).ok()
    );
}

#[tokio::test]
async fn a_generated_world_of_100k_enis_answers_a_page_of_50() {
    let mut config = SimConfig::for_tests(vec![(KEY_ID.into(), SECRET.into())]);
    config.world = WorldSeed::Generated {
        enis: 100_000,
        instances: 20_000,
    };
    let router = Simulator::new(config).router();
    let page = ok(
        &router,
        "DescribeNetworkInterfaces",
        &[("RegionId", HZ), ("MaxResults", "50")],
    )
    .await;
    assert_eq!(
        page["NetworkInterfaceSets"]["NetworkInterfaceSet"]
            .as_array()
            .map(Vec::len),
        Some(50)
    );
    assert_eq!(page["TotalCount"], 100_000);
    let token = page["NextToken"].as_str().unwrap_or_default().to_owned();
    let next = ok(
        &router,
        "DescribeNetworkInterfaces",
        &[
            ("RegionId", HZ),
            ("MaxResults", "50"),
            ("NextToken", &token),
        ],
    )
    .await;
    assert_ne!(
        next["NetworkInterfaceSets"]["NetworkInterfaceSet"][0],
        page["NetworkInterfaceSets"]["NetworkInterfaceSet"][0]
    );
    let instances = ok(
        &router,
        "DescribeInstances",
        &[("RegionId", HZ), ("PageSize", "50")],
    )
    .await;
    assert_eq!(instances["TotalCount"], 20_000);
}

#[tokio::test]
async fn with_a_state_file_an_acknowledged_mutation_survives_a_restart_and_its_token_too() {
    let ids = demo_ids();
    let dir = std::env::temp_dir().join(format!("tether-sim-state-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("nested").join("world.json");
    let mut config = config();
    config.state_file = Some(path.clone());
    let create = [
        ("RegionId", HZ),
        ("VSwitchId", ids.vsw_a_g.as_str()),
        ("SecurityGroupId", ids.sg_a.as_str()),
        ("ClientToken", "restart-token-1"),
    ];
    let first = Simulator::open(config.clone()).expect("no file yet is a fresh world");
    let made = call(&first.router(), "CreateNetworkInterface", &create).await;
    assert_eq!(made.0, 200, "{:?}", made.1);
    let eni = made.1["NetworkInterfaceId"]
        .as_str()
        .expect("id")
        .to_owned();
    assert!(path.exists(), "written before the answer");
    drop(first);

    // A new process on the same file: the ENI is there, and the same token is the same ENI.
    let second = Simulator::open(config.clone()).expect("reopen");
    let router = second.router();
    let seen = call(
        &router,
        "DescribeNetworkInterfaceAttribute",
        &[("RegionId", HZ), ("NetworkInterfaceId", &eni)],
    )
    .await;
    assert_eq!(seen.0, 200, "{:?}", seen.1);
    let count = || second.with_world(|w| w.regions[HZ].enis.len());
    let before = count();
    let again = call(&router, "CreateNetworkInterface", &create).await;
    assert_eq!(again.1["NetworkInterfaceId"].as_str(), Some(eni.as_str()));
    assert_eq!(
        count(),
        before,
        "the token's retry after the restart created nothing"
    );

    // A read-only call does not rewrite the file; a failed mutation leaves it as it was.
    let before = std::fs::read(&path).expect("state");
    call(&router, "DescribeVpcs", &[("RegionId", HZ)]).await;
    let refused = call(
        &router,
        "DeleteNetworkInterface",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", "eni-bp1doesnotexist0000"),
        ],
    )
    .await;
    assert_ne!(refused.0, 200);
    assert_eq!(std::fs::read(&path).expect("state"), before);

    std::fs::write(&path, b"[]").expect("corrupt");
    let err = Simulator::open(config)
        .err()
        .expect("a bad file is refused");
    assert!(err.contains("not a simulator world"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn a_snapshot_shows_the_world_as_of_now_with_due_transitions_applied() {
    let ids = demo_ids();
    let sim = sim();
    let router = sim.router();
    let deleted = call(
        &router,
        "DeleteNetworkInterface",
        &[
            ("RegionId", HZ),
            ("NetworkInterfaceId", &ids.eni_available_a_g),
        ],
    )
    .await;
    assert_eq!(deleted.0, 200, "{:?}", deleted.1);
    // No request after the delete: the snapshot itself must not show it `Deleting`.
    let snapshot = sim.snapshot();
    assert!(
        snapshot["regions"][HZ]["enis"][&ids.eni_available_a_g].is_null(),
        "{}",
        snapshot["regions"][HZ]["enis"][&ids.eni_available_a_g]
    );
}

#[tokio::test]
async fn the_control_api_refuses_a_caller_without_the_simulator_secret() {
    let sim = sim();
    let router = sim.router();
    let reset = |secret: Option<&str>| {
        let mut req = Request::post("/_sim/reset");
        if let Some(secret) = secret {
            req = req.header(SECRET_HEADER, secret);
        }
        req.body(Body::empty()).expect("request")
    };
    let speed = || {
        Request::post("/_sim/speed")
            .header("content-type", "application/json")
            .body(Body::from(r#"{"speed":"realistic"}"#))
            .expect("request")
    };
    for req in [
        reset(None),
        reset(Some("not-the-secret")),
        reset(Some("")),
        speed(),
    ] {
        let got = send(&router, req).await;
        assert_error(&got, 403, "Forbidden");
    }
    assert_eq!(
        sim.speed(),
        tether_sim::Speed::Instant,
        "refused means unchanged"
    );
    assert_eq!(send(&router, reset(Some(SECRET))).await.0, 200);
}
