//! The ENI detail page's "Private IP addresses" section: the meter, refusals shown before any
//! call, the primary address never selectable, and a call sent only when the rules allow it.

use super::support::*;
use crate::api::{Answer, fake_proxy};
use crate::ctx::SessionCtx;
use crate::pages::eni_detail::ips::PrivateIps;
use crate::pages::eni_detail::page::Detail;
use crate::state::fixtures::*;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use tether_domain::api::{BackendInfo, BackendKind, Role, SessionInfo};
use tether_domain::*;
use wasm_bindgen_test::wasm_bindgen_test;

const ENI: &str = "eni-bp1aaaa0001";
const PRIMARY: &str = "192.168.1.10";

/// The ENI with these addresses (the first is its primary), attached to a Running
/// ecs.g6.large (6 per ENI) or not attached at all.
fn detail(ips: &[&str], attached: bool) -> Detail {
    let mut e = eni(ENI);
    e.private_ip_sets = ips
        .iter()
        .enumerate()
        .map(|(n, ip)| PrivateIpSet::new((*ip).to_owned(), n == 0))
        .collect::<Vec<_>>()
        .into();
    let instance = attached.then(|| instance("i-bp1good00001"));
    if attached {
        e.status = EniStatus::InUse;
        e.instance_id = Some("i-bp1good00001".parse().unwrap());
    }
    Detail {
        region: "cn-hangzhou".parse().unwrap(),
        eni: e,
        instance,
        instance_type: attached.then(|| itype("ecs.g6.large", 2)),
        v_switch: Some(vswitch(VSW_G, VPC_A, "cn-hangzhou-g")),
    }
}

/// Every call the section sends, as (URL, body); each answered with `answer`.
fn record_calls(answer: &'static str) -> Rc<RefCell<Vec<(String, String)>>> {
    let calls = Rc::new(RefCell::new(Vec::new()));
    let seen = calls.clone();
    fake_proxy(Some(Rc::new(
        move |url: String, body: Option<String>| -> Answer {
            seen.borrow_mut().push((url, body.unwrap_or_default()));
            Box::pin(async move { Ok(answer.to_owned()) })
        },
    )));
    calls
}

fn section(d: Detail, changed: Rc<RefCell<u32>>) -> web_sys::HtmlElement {
    let changed = send_wrapper::SendWrapper::new(changed);
    mount(move || {
        let on_changed = Callback::new(move |_| *changed.borrow_mut() += 1);
        view! { <PrivateIps detail=Signal::stored(d) on_changed=on_changed/> }
    })
}

fn text(root: &web_sys::HtmlElement, testid: &str) -> String {
    by_testid(root, testid).text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_meter_counts_addresses_against_the_instance_types_limit() {
    let four = [
        "192.168.1.10",
        "192.168.1.11",
        "192.168.1.12",
        "192.168.1.13",
    ];
    let root = section(detail(&four, true), Rc::default());
    settle().await;
    assert_eq!(
        text(&root, "ip-meter"),
        "4 of 6 addresses used (ecs.g6.large allows 6 per ENI)"
    );
    let root = section(detail(&[PRIMARY], false), Rc::default());
    settle().await;
    assert_eq!(
        text(&root, "ip-meter"),
        "1 of 50 addresses used (an unattached ENI holds up to 50)"
    );
}

#[wasm_bindgen_test]
async fn an_assignment_over_the_limit_is_refused_with_its_reason_before_any_call() {
    let calls = record_calls("{}");
    let four = [
        "192.168.1.10",
        "192.168.1.11",
        "192.168.1.12",
        "192.168.1.13",
    ];
    let root = section(detail(&four, true), Rc::default());
    settle().await;
    type_into(&by_testid(&root, "assign-count"), "3");
    settle().await;
    let button = by_testid(&root, "assign-ips");
    let reason =
        "The ENI has 4 private IPs; 3 more would pass the 6 per ENI that ecs.g6.large allows.";
    assert!(button.has_attribute("disabled"));
    assert_eq!(button.get_attribute("data-reason").as_deref(), Some(reason));
    assert_eq!(text(&root, "assign-reasons"), reason);
    button.click();
    settle().await;
    assert!(calls.borrow().is_empty(), "a refused assignment was sent");
    // Two fit: the button opens and the call it would send is shown.
    type_into(&by_testid(&root, "assign-count"), "2");
    settle().await;
    assert!(!by_testid(&root, "assign-ips").has_attribute("disabled"));
    assert!(!exists(&root, "assign-reasons"));
    assert!(
        text(&root, "assign-call").contains("--SecondaryPrivateIpAddressCount 2"),
        "{}",
        text(&root, "assign-call")
    );
}

#[wasm_bindgen_test]
async fn an_allowed_assignment_is_sent_once_and_the_page_reloads() {
    let calls = record_calls(r#"{"RequestId":"r-1"}"#);
    let changed = Rc::new(RefCell::new(0));
    let root = section(detail(&[PRIMARY], true), changed.clone());
    settle().await;
    type_into(
        &by_testid(&root, "assign-addresses"),
        "192.168.1.20, 192.168.1.21",
    );
    settle().await;
    by_testid(&root, "assign-ips").click();
    for _ in 0..20 {
        settle().await;
    }
    let calls = calls.borrow();
    assert_eq!(calls.len(), 1);
    assert!(
        calls[0].0.ends_with("/AssignPrivateIpAddresses"),
        "{}",
        calls[0].0
    );
    let sent: AssignPrivateIpAddresses = serde_json::from_str(&calls[0].1).unwrap();
    assert_eq!(sent.private_ip_address, ["192.168.1.20", "192.168.1.21"]);
    assert_eq!(sent.secondary_private_ip_address_count, None);
    assert_eq!(*changed.borrow(), 1, "the ENI is read again");
}

#[wasm_bindgen_test]
async fn the_primary_address_cannot_be_selected_and_a_secondary_one_can() {
    let root = section(detail(&[PRIMARY, "192.168.1.11"], true), Rc::default());
    settle().await;
    let primary = by_testid(&root, &format!("ip-select-{PRIMARY}"));
    assert!(primary.has_attribute("disabled"));
    assert_eq!(
        primary.get_attribute("title").as_deref(),
        Some("192.168.1.10 is the ENI's primary private IP: it cannot be unassigned.")
    );
    let row = by_testid(&root, &format!("ip-row-{PRIMARY}"));
    assert_eq!(row.get_attribute("data-primary").as_deref(), Some("true"));
    assert_eq!(text(&row, "primary-mark"), "primary");
    let unassign = by_testid(&root, "unassign-ips");
    assert!(
        unassign.has_attribute("disabled"),
        "nothing is selected yet"
    );
    by_testid(&root, "ip-select-192.168.1.11").click();
    settle().await;
    assert!(!by_testid(&root, "unassign-ips").has_attribute("disabled"));
    assert!(
        text(&root, "unassign-call").contains("--PrivateIpAddress.1 192.168.1.11"),
        "{}",
        text(&root, "unassign-call")
    );
}

#[wasm_bindgen_test]
async fn a_managed_eni_is_read_only_with_the_reason() {
    let mut d = detail(&[PRIMARY, "192.168.1.11"], true);
    d.eni.service_managed = true;
    let root = section(d, Rc::default());
    settle().await;
    let reason = "Managed by an Alibaba Cloud service (ACK, NAT Gateway...): it cannot be changed.";
    assert_eq!(text(&root, "managed-note"), reason);
    let assign = by_testid(&root, "assign-ips");
    assert!(assign.has_attribute("disabled"));
    assert_eq!(assign.get_attribute("data-reason").as_deref(), Some(reason));
    assert_eq!(
        by_testid(&root, "unassign-ips")
            .get_attribute("data-reason")
            .as_deref(),
        Some(reason)
    );
}

#[wasm_bindgen_test]
async fn a_viewer_and_a_protected_eni_are_refused_with_their_reasons() {
    let viewer = |d: Detail| {
        mount(move || {
            provide_context(SessionCtx(RwSignal::new(Some(SessionInfo {
                user: "vic".into(),
                role: Role::Viewer,
                backend: BackendInfo {
                    kind: BackendKind::Simulator,
                    endpoint: "embedded".into(),
                },
                allowed_regions: Vec::new(),
                protected_enis: Vec::new(),
                can_sign_out: true,
            }))));
            view! { <PrivateIps detail=Signal::stored(d) on_changed=Callback::new(|_| {})/> }
        })
    };
    let root = viewer(detail(&[PRIMARY], true));
    settle().await;
    type_into(&by_testid(&root, "assign-count"), "1");
    settle().await;
    let assign = by_testid(&root, "assign-ips");
    assert!(assign.has_attribute("disabled"));
    assert_eq!(
        assign.get_attribute("data-reason").as_deref(),
        Some("Your role is viewer; this needs operator.")
    );

    let mut d = detail(&[PRIMARY, "192.168.1.11"], true);
    d.eni.tags.tag.push(Tag {
        tag_key: "tether:protected".into(),
        tag_value: "true".into(),
    });
    let root = section(d, Rc::default());
    settle().await;
    by_testid(&root, "ip-select-192.168.1.11").click();
    settle().await;
    let unassign = by_testid(&root, "unassign-ips");
    assert!(unassign.has_attribute("disabled"));
    assert_eq!(
        unassign.get_attribute("data-reason").as_deref(),
        Some("Protected by this portal (tether:protected=true).")
    );
}
