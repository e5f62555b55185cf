//! The ENI detail page's tags, security groups, IPv6 and source/destination check sections:
//! refusals shown with the domain's reasons before any call (`tether:protected` for a
//! non-admin; a group of the other type, a sixth group, a primary ENI, a vSwitch without IPv6),
//! and a call sent only when the rules allow it.

use super::support::*;
use crate::api::{Answer, fake_proxy};
use crate::ctx::SessionCtx;
use crate::pages::eni_detail::groups::EniGroups;
use crate::pages::eni_detail::page::Detail;
use crate::pages::eni_detail::tags::EniTags;
use crate::state::fixtures::*;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use tether_domain::api::{BackendInfo, BackendKind, Role, SessionInfo};
use tether_domain::*;
use wasm_bindgen_test::wasm_bindgen_test;

const ENI: &str = "eni-bp1aaaa0001";
const PROTECTED: &str = "tether:protected";

/// An Available secondary ENI of VPC A in group `sg-bp1aaaa0001`, with `tags`.
fn detail(tags: &[(&str, &str)]) -> Detail {
    let mut e = eni(ENI);
    e.tags = tags
        .iter()
        .map(|(k, v)| Tag {
            tag_key: (*k).into(),
            tag_value: (*v).into(),
        })
        .collect::<Vec<_>>()
        .into();
    Detail {
        region: "cn-hangzhou".parse().unwrap(),
        eni: e,
        instance: None,
        instance_type: None,
        v_switch: Some(vswitch(VSW_G, VPC_A, "cn-hangzhou-g")),
    }
}

fn session(role: Role) {
    provide_context(SessionCtx(RwSignal::new(Some(SessionInfo {
        user: "olga".into(),
        role,
        backend: BackendInfo {
            kind: BackendKind::Simulator,
            endpoint: "embedded".into(),
        },
        allowed_regions: Vec::new(),
        protected_enis: Vec::new(),
        can_sign_out: true,
    }))));
}

/// The groups DescribeSecurityGroups answers: four basic ones and an enterprise one of VPC A,
/// and one of VPC B (never offered).
fn groups_answer() -> String {
    let group = |id: &str, vpc: &str, kind: &str| {
        serde_json::json!({
            "SecurityGroupId": id, "SecurityGroupName": format!("{id}-name"),
            "VpcId": vpc, "SecurityGroupType": kind
        })
    };
    let mut list: Vec<_> = (1..=5)
        .map(|n| group(&format!("sg-bp1aaaa000{n}"), VPC_A, "normal"))
        .collect();
    list.push(group("sg-bp1eeee0001", VPC_A, "enterprise"));
    list.push(group("sg-bp1bbbb0001", VPC_B, "normal"));
    serde_json::json!({ "RequestId": "r-0", "SecurityGroups": { "SecurityGroup": list } })
        .to_string()
}

/// Every call sent, as (URL, body); DescribeSecurityGroups gets the groups, others `{}`.
fn record_calls() -> Rc<RefCell<Vec<(String, String)>>> {
    let calls = Rc::new(RefCell::new(Vec::new()));
    let seen = calls.clone();
    fake_proxy(Some(Rc::new(
        move |url: String, body: Option<String>| -> Answer {
            let answer = if url.ends_with("/DescribeSecurityGroups") {
                groups_answer()
            } else {
                seen.borrow_mut().push((url, body.unwrap_or_default()));
                r#"{"RequestId":"r-1"}"#.to_owned()
            };
            Box::pin(async move { Ok(answer) })
        },
    )));
    calls
}

fn tags_as(role: Role, d: Detail) -> web_sys::HtmlElement {
    mount(move || {
        session(role);
        view! { <EniTags detail=Signal::stored(d) on_changed=Callback::new(|_| {})/> }
    })
}

fn groups_as(role: Role, d: Detail, changed: Rc<RefCell<u32>>) -> web_sys::HtmlElement {
    let changed = send_wrapper::SendWrapper::new(changed);
    mount(move || {
        session(role);
        let on_changed = Callback::new(move |_| *changed.borrow_mut() += 1);
        view! { <EniGroups detail=Signal::stored(d) on_changed=on_changed/> }
    })
}

fn reason_of(root: &web_sys::HtmlElement, testid: &str) -> Option<String> {
    by_testid(root, testid).get_attribute("data-reason")
}

async fn flush() {
    for _ in 0..20 {
        settle().await;
    }
}

#[wasm_bindgen_test]
async fn an_operator_may_not_add_or_remove_the_protection_tag_and_is_told_why() {
    let calls = record_calls();
    let root = tags_as(
        Role::Operator,
        detail(&[(PROTECTED, "true"), ("team", "web")]),
    );
    settle().await;
    let why = "Only an admin may add, change or remove tether:protected (delete protection); your role is operator.";
    // Removing it.
    by_testid(&root, &format!("tag-select-{PROTECTED}")).click();
    settle().await;
    let remove = by_testid(&root, "remove-tags");
    assert!(remove.has_attribute("disabled"));
    assert_eq!(reason_of(&root, "remove-tags").as_deref(), Some(why));
    assert_eq!(
        by_testid(&root, "remove-tags-reasons")
            .text_content()
            .unwrap(),
        why
    );
    remove.click();
    // Changing it, even with blanks around the key.
    type_into(&by_testid(&root, "tag-key"), " tether:protected ");
    type_into(&by_testid(&root, "tag-value"), "false");
    settle().await;
    let add = by_testid(&root, "add-tag");
    assert!(add.has_attribute("disabled"));
    assert!(reason_of(&root, "add-tag").unwrap().contains(why));
    add.click();
    flush().await;
    assert!(calls.borrow().is_empty(), "a refused tag change was sent");

    // Another tag goes on and comes off.
    type_into(&by_testid(&root, "tag-key"), "env");
    type_into(&by_testid(&root, "tag-value"), "prod");
    settle().await;
    assert_eq!(reason_of(&root, "add-tag"), None);
    by_testid(&root, "add-tag").click();
    flush().await;
    by_testid(&root, &format!("tag-select-{PROTECTED}")).click();
    by_testid(&root, "tag-select-team").click();
    settle().await;
    assert_eq!(reason_of(&root, "remove-tags"), None);
    by_testid(&root, "remove-tags").click();
    flush().await;
    let calls = calls.borrow();
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert!(calls[0].0.ends_with("/TagResources"), "{}", calls[0].0);
    let tagged: TagResources = serde_json::from_str(&calls[0].1).unwrap();
    assert_eq!(tagged.resource_type, TagResourceType::Eni);
    assert_eq!(tagged.resource_id, [ENI]);
    assert_eq!(
        (tagged.tag[0].key.as_str(), tagged.tag[0].value.as_str()),
        ("env", "prod")
    );
    let untagged: UntagResources = serde_json::from_str(&calls[1].1).unwrap();
    assert_eq!(untagged.tag_key, ["team"]);
}

#[wasm_bindgen_test]
async fn an_admin_may_remove_the_protection_tag() {
    record_calls();
    let root = tags_as(Role::Admin, detail(&[(PROTECTED, "true")]));
    settle().await;
    by_testid(&root, &format!("tag-select-{PROTECTED}")).click();
    settle().await;
    assert_eq!(reason_of(&root, "remove-tags"), None);
    assert!(!by_testid(&root, "remove-tags").has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn every_refused_group_says_why_and_an_allowed_set_is_sent() {
    let calls = record_calls();
    let changed = Rc::new(RefCell::new(0));
    let root = groups_as(Role::Operator, detail(&[]), changed.clone());
    flush().await;
    assert!(
        !exists(&root, "sg-pick-sg-bp1bbbb0001"),
        "another VPC's group is offered"
    );
    // The chosen group is basic: the enterprise one is refused, with the reason.
    let enterprise = by_testid(&root, "sg-pick-sg-bp1eeee0001");
    assert!(enterprise.has_attribute("disabled"));
    let mixed = "Basic and enterprise security groups cannot be mixed: choose groups of one type.";
    assert_eq!(
        by_testid(&root, "sg-pick-sg-bp1eeee0001-reason")
            .text_content()
            .unwrap()
            .trim(),
        mixed
    );
    // Five chosen: a sixth is refused.
    for n in 2..=5 {
        by_testid(&root, &format!("sg-pick-sg-bp1aaaa000{n}")).click();
    }
    settle().await;
    assert!(
        by_testid(&root, "sg-pick-sg-bp1eeee0001-reason")
            .text_content()
            .unwrap()
            .contains("An ENI needs 1 to 5 security groups; 6 chosen."),
    );
    // None chosen is refused too, by the set's rule.
    for n in 1..=5 {
        by_testid(&root, &format!("sg-pick-sg-bp1aaaa000{n}")).click();
    }
    settle().await;
    assert_eq!(
        reason_of(&root, "sg-save").as_deref(),
        Some("An ENI needs 1 to 5 security groups; 0 chosen.")
    );
    by_testid(&root, "sg-save").click();
    flush().await;
    assert!(calls.borrow().is_empty(), "a refused set was sent");
    // Two basic groups: saved as SecurityGroupId.N.
    by_testid(&root, "sg-pick-sg-bp1aaaa0002").click();
    by_testid(&root, "sg-pick-sg-bp1aaaa0003").click();
    settle().await;
    assert_eq!(reason_of(&root, "sg-save"), None);
    assert!(
        by_testid(&root, "sg-call")
            .text_content()
            .unwrap()
            .contains("--SecurityGroupId.1 sg-bp1aaaa0002"),
        "{}",
        by_testid(&root, "sg-call").text_content().unwrap()
    );
    by_testid(&root, "sg-save").click();
    flush().await;
    let calls = calls.borrow();
    assert_eq!(calls.len(), 1);
    assert!(calls[0].0.ends_with("/ModifyNetworkInterfaceAttribute"));
    let sent: ModifyNetworkInterfaceAttribute = serde_json::from_str(&calls[0].1).unwrap();
    let sent: Vec<String> = sent
        .security_group_id
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(sent, ["sg-bp1aaaa0002", "sg-bp1aaaa0003"]);
    assert_eq!(*changed.borrow(), 1, "the ENI is read again");
}

#[wasm_bindgen_test]
async fn a_primary_enis_groups_follow_its_instance_and_offer_no_save() {
    record_calls();
    let mut d = detail(&[]);
    d.eni.eni_type = EniType::Primary;
    let root = groups_as(Role::Operator, d, Rc::default());
    flush().await;
    assert_eq!(
        by_testid(&root, "sg-primary-note").text_content().unwrap(),
        "A primary ENI's security groups are its instance's: change them on the instance (ModifyInstanceAttribute), which Tether does not do."
    );
    assert!(!exists(&root, "sg-save"));
    assert!(by_testid(&root, "sg-pick-sg-bp1aaaa0002").has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn a_managed_enis_tags_and_groups_are_refused_with_the_reason() {
    record_calls();
    let reason = "Managed by an Alibaba Cloud service (ACK, NAT Gateway...): it cannot be changed.";
    let mut d = detail(&[("team", "web")]);
    d.eni.service_managed = true;
    let root = tags_as(Role::Admin, d.clone());
    settle().await;
    type_into(&by_testid(&root, "tag-key"), "env");
    settle().await;
    assert_eq!(reason_of(&root, "add-tag").as_deref(), Some(reason));
    assert_eq!(reason_of(&root, "remove-tags").as_deref(), Some(reason));
    let root = groups_as(Role::Admin, d, Rc::default());
    flush().await;
    assert_eq!(reason_of(&root, "sg-save").as_deref(), Some(reason));
}

#[wasm_bindgen_test]
async fn a_vswitch_without_ipv6_says_so_and_an_ipv6_assignment_is_sent_when_allowed() {
    use crate::pages::eni_detail::ipv6::Ipv6Ips;
    let calls = record_calls();
    let mount_ipv6 = |d: Detail| {
        mount(
            move || view! { <Ipv6Ips detail=Signal::stored(d) on_changed=Callback::new(|_| {})/> },
        )
    };
    let root = mount_ipv6(detail(&[]));
    settle().await;
    let why = format!("The vSwitch {VSW_G} has no IPv6 CIDR block: enable IPv6 on it first.");
    assert_eq!(
        by_testid(&root, "ipv6-vswitch-note")
            .text_content()
            .unwrap(),
        why
    );
    assert_eq!(
        reason_of(&root, "assign-ipv6").as_deref(),
        Some(why.as_str())
    );

    let mut d = detail(&[]);
    if let Some(v) = d.v_switch.as_mut() {
        v.ipv6_cidr_block = "2408:4005:3a0:7a00::/64".into();
    }
    let root = mount_ipv6(d);
    settle().await;
    assert!(!exists(&root, "ipv6-vswitch-note"));
    assert_eq!(
        by_testid(&root, "ipv6-meter").text_content().unwrap(),
        "0 of 10 addresses used (an unattached ENI holds up to 10)"
    );
    type_into(
        &by_testid(&root, "assign-ipv6-addresses"),
        "2408:4005:3a0:7b00::1",
    );
    settle().await;
    assert_eq!(
        reason_of(&root, "assign-ipv6").as_deref(),
        Some(
            "2408:4005:3a0:7b00::1 is not in the vSwitch's IPv6 CIDR block 2408:4005:3a0:7a00::/64."
        )
    );
    type_into(
        &by_testid(&root, "assign-ipv6-addresses"),
        "2408:4005:3a0:7a00::20",
    );
    settle().await;
    assert_eq!(reason_of(&root, "assign-ipv6"), None);
    by_testid(&root, "assign-ipv6").click();
    flush().await;
    let calls = calls.borrow();
    assert_eq!(calls.len(), 1);
    let sent: AssignIpv6Addresses = serde_json::from_str(&calls[0].1).unwrap();
    assert_eq!(sent.ipv6_address, ["2408:4005:3a0:7a00::20"]);
}

#[wasm_bindgen_test]
async fn the_source_dest_toggle_sends_the_opposite_of_the_current_state() {
    use crate::pages::eni_detail::source_dest::SourceDest;
    let calls = record_calls();
    let mut d = detail(&[]);
    d.eni.source_dest_check = true;
    let root = mount(move || {
        view! { <SourceDest detail=Signal::stored(d) on_changed=Callback::new(|_| {})/> }
    });
    settle().await;
    assert_eq!(
        by_testid(&root, "source-dest-state")
            .text_content()
            .unwrap(),
        "On"
    );
    by_testid(&root, "source-dest-toggle").click();
    flush().await;
    let calls = calls.borrow();
    let sent: ModifyNetworkInterfaceAttribute = serde_json::from_str(&calls[0].1).unwrap();
    assert_eq!(sent.source_dest_check, Some(false));
    assert!(sent.security_group_id.is_empty());
}
