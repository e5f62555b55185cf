//! The list pages render answers in the cloud's real shapes: the corpus's "all empty" fixtures
//! (every optional field `""` or absent, `"InstanceId": ""`) and one with values this version
//! does not know, decoded as `api::call` decodes them.

use super::support::*;
use crate::ctx::SessionCtx;
use crate::pages::enis::row::{EniDialog, EniRow};
use crate::pages::instances::row::InstanceRow;
use leptos::prelude::*;
use tether_domain::api::{BackendInfo, BackendKind, Role, SessionInfo};
use tether_domain::*;
use wasm_bindgen_test::wasm_bindgen_test;

/// The corpus fixture `<name>` (crates/domain/tests/answers), decoded as `A`'s answer.
macro_rules! answer {
    ($a:ty, $name:literal) => {
        serde_json::from_str::<<$a as tether_domain::Action>::Response>(include_str!(concat!(
            "../../../crates/domain/tests/answers/",
            $name
        )))
        .expect($name)
    };
}

fn operator() {
    provide_context(SessionCtx(RwSignal::new(Some(SessionInfo {
        user: "otto".into(),
        role: Role::Operator,
        backend: BackendInfo {
            kind: BackendKind::Endpoint,
            endpoint: "127.0.0.1:9000".into(),
        },
        allowed_regions: Vec::new(),
        protected_enis: Vec::new(),
        can_sign_out: true,
    }))));
}

/// The ENI table's rows for `enis`.
fn eni_rows(enis: Vec<NetworkInterface>) -> web_sys::HtmlElement {
    mount(move || {
        operator();
        let rows = enis
            .into_iter()
            .map(|e| {
                view! {
                    <EniRow eni=e region="cn-hangzhou".parse().unwrap() stuck=Signal::stored(false)
                        open=Callback::new(|_: EniDialog| {}) reissue=Callback::new(|_| {})/>
                }
            })
            .collect_view();
        view! { <table><tbody>{rows}</tbody></table> }
    })
}

fn text(root: &web_sys::HtmlElement, testid: &str) -> String {
    by_testid(root, testid).text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_eni_list_renders_the_all_empty_answer_as_an_unattached_eni() {
    let enis = answer!(
        DescribeNetworkInterfaces,
        "DescribeNetworkInterfaces.empty.json"
    )
    .network_interface_sets
    .network_interface_set;
    let root = eni_rows(enis);
    settle().await;
    let id = "eni-bp17pdijfczax1huji0001";
    let row = text(&root, &format!("eni-row-{id}"));
    assert!(row.contains("vpc-bp1j7w3gc1cexjqd0001"), "{row}");
    let instance_link = by_testid(&root, &format!("eni-row-{id}"))
        .query_selector("a[href*='/instances']")
        .unwrap();
    assert!(instance_link.is_none(), "no instance is shown: {row}");
    assert_eq!(
        by_testid(&root, &format!("eni-status-{id}"))
            .get_attribute("data-status")
            .as_deref(),
        Some("Available")
    );
    // An unattached ENI offers Bind to an operator.
    let bind = by_testid(&root, &format!("bind-{id}"));
    assert!(!bind.has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn the_eni_list_renders_values_of_newer_versions_as_unknown_without_actions() {
    let enis = answer!(
        DescribeNetworkInterfaces,
        "DescribeNetworkInterfaces.newer.json"
    )
    .network_interface_sets
    .network_interface_set;
    let root = eni_rows(enis);
    settle().await;
    let odd = "eni-bp17pdijfczax1huji0002";
    assert_eq!(
        by_testid(&root, &format!("eni-status-{odd}"))
            .get_attribute("data-status")
            .as_deref(),
        Some("Unknown")
    );
    assert!(text(&root, &format!("eni-row-{odd}")).contains("Unknown"));
    for action in ["bind", "unbind", "modify", "delete"] {
        assert!(!exists(&root, &format!("{action}-{odd}")), "{action}");
    }
    assert!(exists(&root, "eni-row-eni-bp17pdijfczax1huji0001"));
}

#[wasm_bindgen_test]
async fn the_instance_list_renders_the_all_empty_answer() {
    let instance = answer!(DescribeInstances, "DescribeInstances.empty.json")
        .instances
        .instance
        .remove(0);
    let root = mount(move || {
        operator();
        view! {
            <table><tbody>
                <InstanceRow instance=instance quota=None region="cn-hangzhou".parse().unwrap() op=Callback::new(|_| {})/>
            </tbody></table>
        }
    });
    settle().await;
    let row = text(&root, "instance-row-i-bp67acfmxazb4p0001");
    assert!(row.contains("ecs.g6.large"), "{row}");
    assert!(row.contains("2/?"), "its two ENIs are counted: {row}");
    assert!(exists(&root, "stop-i-bp67acfmxazb4p0001"));
}
