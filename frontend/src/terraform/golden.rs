//! Golden files: each action's Terraform for requests with every optional field, with none, and
//! with values that need escaping, compared with `golden/<action>.tf`. Each file is a valid
//! configuration (`terraform fmt -check` leaves it as it is). After a deliberate change,
//! `TETHER_BLESS=1 cargo test -p tether-web --lib terraform` (on the host) rewrites them; read
//! the diff before committing it.

use super::*;
use tether_domain::*;
use wasm_bindgen_test::wasm_bindgen_test;

/// The configurations of `calls`, one after another, as one file.
fn file(calls: &[Terraform]) -> String {
    calls
        .iter()
        .filter_map(|t| t.config.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_golden(name: &str, expected: &str, actual: &str) {
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("TETHER_BLESS").is_some() {
        let path = format!("{}/src/terraform/golden/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::write(&path, actual).unwrap();
        return;
    }
    assert!(
        expected == actual,
        "{name} differs from the golden file.\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}

fn region() -> RegionId {
    "cn-hangzhou".parse().unwrap()
}

fn tag(key: &str, value: &str) -> TagParam {
    TagParam {
        key: key.into(),
        value: value.into(),
    }
}

/// Text a user may type that HCL must not read as syntax.
const TRICKY: &str = "say \"hi\" \\ ${var.secret} %{if x} 网卡 ✓";

#[wasm_bindgen_test(unsupported = test)]
fn create_network_interface_matches_its_golden_file() {
    let vsw: VSwitchId = "vsw-bp1aaaa0001".parse().unwrap();
    let full = CreateNetworkInterface {
        security_group_ids: vec![
            "sg-bp1aaaa0001".parse().unwrap(),
            "sg-bp1aaaa0002".parse().unwrap(),
        ],
        primary_ip_address: Some("192.168.1.20".into()),
        network_interface_name: Some("Web-01".into()),
        description: Some("front end".into()),
        private_ip_address: vec!["192.168.1.21".into(), "192.168.1.22".into()],
        ipv6_address: vec!["2408:4005:3ac:a700::21".into()],
        delete_on_release: Some(false),
        client_token: Some("tether-0001".into()),
        tag: vec![tag("team", "web"), tag("环境", "生产")],
        resource_group_id: Some("rg-acfmzaaaa0001".into()),
        queue_number: Some(4),
        source_dest_check: Some(false),
        ..CreateNetworkInterface::new(region(), vsw.clone())
    };
    let minimal = CreateNetworkInterface {
        security_group_id: Some("sg-bp1aaaa0001".parse().unwrap()),
        ..CreateNetworkInterface::new(region(), vsw.clone())
    };
    let escaped = CreateNetworkInterface {
        security_group_id: Some("sg-bp1aaaa0001".parse().unwrap()),
        network_interface_name: Some("前端-db".into()),
        description: Some(TRICKY.into()),
        secondary_private_ip_address_count: Some(2),
        ipv6_address_count: Some(1),
        tag: vec![tag("note", TRICKY), tag("C:\\path", "")],
        ..CreateNetworkInterface::new(region(), vsw)
    };
    let calls = [&full, &minimal, &escaped].map(create_network_interface);
    assert!(
        calls.iter().all(|t| t.import.is_none()),
        "nothing to import"
    );
    assert_golden(
        "create_network_interface.tf",
        include_str!("golden/create_network_interface.tf"),
        &file(&calls),
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn modify_network_interface_attribute_matches_its_golden_file() {
    let modify = |eni: &str| ModifyNetworkInterfaceAttribute {
        region_id: region(),
        network_interface_id: eni.parse().unwrap(),
        network_interface_name: None,
        description: None,
        security_group_id: Vec::new(),
        delete_on_release: None,
        source_dest_check: None,
    };
    let full = ModifyNetworkInterfaceAttribute {
        network_interface_name: Some("web-02".into()),
        description: Some("moved".into()),
        security_group_id: vec!["sg-bp1aaaa0002".parse().unwrap()],
        delete_on_release: Some(true),
        source_dest_check: Some(false),
        ..modify("eni-bp1aaaa0001")
    };
    let unchanged = modify("eni-bp1aaaa0002");
    let escaped = ModifyNetworkInterfaceAttribute {
        description: Some(TRICKY.into()),
        ..modify("eni-bp1aaaa0003")
    };
    let calls = [&full, &unchanged, &escaped].map(modify_network_interface_attribute);
    assert_eq!(
        calls[0].import.as_deref(),
        Some("terraform import alicloud_ecs_network_interface.eni_bp1aaaa0001 eni-bp1aaaa0001")
    );
    assert_golden(
        "modify_network_interface_attribute.tf",
        include_str!("golden/modify_network_interface_attribute.tf"),
        &file(&calls),
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn attach_network_interface_matches_its_golden_file() {
    // Every parameter of AttachNetworkInterface is required: one request covers them.
    let call = attach_network_interface(&AttachNetworkInterface {
        region_id: region(),
        network_interface_id: "eni-bp1free0001".parse().unwrap(),
        instance_id: "i-bp1good00001".parse().unwrap(),
    });
    assert_eq!(
        call.import.as_deref(),
        Some("terraform import alicloud_ecs_network_interface.eni_bp1free0001 eni-bp1free0001")
    );
    assert_golden(
        "attach_network_interface.tf",
        include_str!("golden/attach_network_interface.tf"),
        &file(&[call]),
    );
}

fn nic(kind: EniType) -> RunNetworkInterface {
    RunNetworkInterface {
        instance_type: kind,
        v_switch_id: Some("vsw-bp1aaaa0001".parse().unwrap()),
        security_group_id: Some("sg-bp1aaaa0001".parse().unwrap()),
        ..Default::default()
    }
}

fn run(name: Option<&str>, network_interface: Vec<RunNetworkInterface>) -> RunInstances {
    RunInstances {
        region_id: region(),
        zone_id: None,
        image_id: "centos_7_03_64_20G_alibase_20170818.vhd".parse().unwrap(),
        instance_type: "ecs.g6.large".parse().unwrap(),
        security_group_id: None,
        v_switch_id: None,
        instance_name: name.map(str::to_owned),
        amount: None,
        client_token: None,
        dry_run: None,
        io_optimized: None,
        network_interface,
        tag: Vec::new(),
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn run_instances_matches_its_golden_file() {
    // The wizard's shape: a primary ENI and a new secondary one.
    let wizard = RunInstances {
        zone_id: Some("cn-hangzhou-g".parse().unwrap()),
        amount: Some(1),
        client_token: Some("tether-0002".into()),
        io_optimized: Some("optimized".into()),
        ..run(
            Some("web-01"),
            vec![
                nic(EniType::Primary),
                RunNetworkInterface {
                    delete_on_release: Some(true),
                    ..nic(EniType::Secondary)
                },
            ],
        )
    };
    // An existing secondary ENI, several instances, tags, and the vSwitch given top-level.
    let existing = RunInstances {
        v_switch_id: Some("vsw-bp1aaaa0001".parse().unwrap()),
        security_group_id: Some("sg-bp1aaaa0001".parse().unwrap()),
        amount: Some(3),
        dry_run: Some(true),
        tag: vec![tag("team", "web")],
        ..run(
            Some("batch"),
            vec![RunNetworkInterface {
                instance_type: EniType::Secondary,
                network_interface_id: Some("eni-bp1free0001".parse().unwrap()),
                delete_on_release: Some(false),
                ..Default::default()
            }],
        )
    };
    let minimal = run(None, Vec::new());
    let escaped = run(
        Some("db \"primary\""),
        vec![
            RunNetworkInterface {
                primary_ip_address: Some("192.168.1.30".into()),
                network_interface_name: Some(TRICKY.into()),
                description: Some(TRICKY.into()),
                ..nic(EniType::Primary)
            },
            RunNetworkInterface {
                primary_ip_address: Some("192.168.1.31".into()),
                network_interface_name: Some("网卡-2".into()),
                ..nic(EniType::Secondary)
            },
        ],
    );
    let calls = [&wizard, &existing, &minimal, &escaped].map(run_instances);
    assert_eq!(
        calls[0].import, None,
        "a new secondary ENI has nothing to import"
    );
    assert_eq!(
        calls[1].import.as_deref(),
        Some("terraform import alicloud_ecs_network_interface.eni_bp1free0001 eni-bp1free0001")
    );
    assert_golden(
        "run_instances.tf",
        include_str!("golden/run_instances.tf"),
        &file(&calls),
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn calls_on_an_existing_eni_show_its_import_line_only() {
    let eni: NetworkInterfaceId = "eni-bp1aaaa0001".parse().unwrap();
    let line = "terraform import alicloud_ecs_network_interface.eni_bp1aaaa0001 eni-bp1aaaa0001";
    let only_import = |t: Terraform| t.config.is_none() && t.import.as_deref() == Some(line);
    assert!(only_import(detach_network_interface(
        &DetachNetworkInterface {
            region_id: region(),
            network_interface_id: eni.clone(),
            instance_id: "i-bp1good00001".parse().unwrap(),
        }
    )));
    assert!(only_import(delete_network_interface(
        &DeleteNetworkInterface {
            region_id: region(),
            network_interface_id: eni.clone(),
        }
    )));
    assert!(only_import(assign_private_ip_addresses(
        &AssignPrivateIpAddresses::count(region(), eni.clone(), 2)
    )));
    assert!(only_import(unassign_private_ip_addresses(
        &UnassignPrivateIpAddresses {
            region_id: region(),
            network_interface_id: eni,
            private_ip_address: vec!["192.168.1.21".into()],
        }
    )));
}
