//! Bind, Create ENI and the shared dialog behaviour.

use super::support::*;
use crate::components::dialog::Dialog;
use crate::components::error_banner::ErrorBanner;
use crate::i18n::LangCtx;
use crate::pages::enis::bind_dialog::BindDialog;
use crate::pages::enis::create_dialog::CreateDialog;
use crate::state::fixtures::*;
use leptos::prelude::*;
use std::sync::{Arc, Mutex};
use tether_domain::api::ApiError;
use tether_domain::*;
use wasm_bindgen_test::wasm_bindgen_test;

fn instances() -> Vec<Instance> {
    let good = instance("i-bp1good00001");
    let mut other_vpc = instance("i-bp1othervpc1");
    other_vpc.vpc_attributes.as_mut().unwrap().vpc_id = VPC_B.parse().unwrap();
    other_vpc.zone_id = "cn-hangzhou-h".parse().unwrap();
    let mut old = instance("i-bp1old000001");
    old.start_time = "2017-12-10T04:04Z".into();
    vec![other_vpc, old, good]
}

#[wasm_bindgen_test]
async fn bind_dialog_explains_every_ineligible_instance_and_waits_for_a_choice() {
    let confirmed = Arc::new(Mutex::new(None::<String>));
    let seen = confirmed.clone();
    let root = mount(move || {
        view! {
            <BindDialog eni=eni("eni-bp1free0001") region="cn-hangzhou".parse().unwrap()
                instances=Signal::stored(instances()) types=Signal::stored(types())
                on_restart=Callback::new(|_| {}) on_close=Callback::new(|_| {})
                on_confirm=Callback::new(move |id: InstanceId| *seen.lock().unwrap() = Some(id.to_string()))/>
        }
    });
    settle().await;
    let reasons = by_testid(&root, "bind-reasons-i-bp1othervpc1").inner_text();
    assert!(reasons.contains("Other VPC"), "{reasons}");
    assert!(reasons.contains("Other zone"), "{reasons}");
    assert!(
        by_testid(&root, "bind-reasons-i-bp1old000001")
            .inner_text()
            .contains("2018-04-01")
    );
    assert!(exists(&root, "restart-i-bp1old000001"));
    assert!(!exists(&root, "restart-i-bp1othervpc1"));
    assert!(!exists(&root, "bind-reasons-i-bp1good00001"));
    let confirm = by_testid(&root, "bind-confirm");
    assert!(confirm.has_attribute("disabled"));
    assert!(by_testid(&root, "bind-radio-i-bp1othervpc1").has_attribute("disabled"));

    by_testid(&root, "bind-radio-i-bp1good00001").click();
    settle().await;
    assert!(!confirm.has_attribute("disabled"));
    assert!(by_testid(&root, "call-cli").text_content().unwrap_or_default().contains(
        "aliyun ecs AttachNetworkInterface --InstanceId i-bp1good00001 --NetworkInterfaceId eni-bp1free0001 --RegionId cn-hangzhou"
    ));
    confirm.click();
    assert_eq!(confirmed.lock().unwrap().as_deref(), Some("i-bp1good00001"));
}

#[wasm_bindgen_test]
async fn create_dialog_shows_the_name_rule_and_blocks_submit() {
    for (lang, expected) in [
        (Lang::En, "Must start with a letter."),
        (Lang::Zh, "必须以字母开头。"),
    ] {
        let root = mount(move || {
            provide_context(LangCtx(RwSignal::new(lang)));
            view! {
                <CreateDialog region="cn-hangzhou".parse().unwrap() v_switches=Signal::stored(vswitches())
                    security_groups=Signal::stored(security_groups()) client_token="tether-test".to_owned()
                    on_submit=Callback::new(|_| {}) on_close=Callback::new(|_| {})/>
            }
        });
        settle().await;
        type_into(&by_testid(&root, "create-name"), "1bad");
        settle().await;
        assert_eq!(by_testid(&root, "create-name-error").inner_text(), expected);
        assert!(by_testid(&root, "create-submit").has_attribute("disabled"));
        type_into(&by_testid(&root, "create-name"), "web-2");
        settle().await;
        assert_eq!(by_testid(&root, "create-name-error").inner_text(), "");
    }
}

#[wasm_bindgen_test]
async fn dialog_closes_on_escape_and_is_an_aria_modal() {
    let closed = Arc::new(Mutex::new(false));
    let flag = closed.clone();
    let root = mount(move || {
        view! {
            <Dialog title="Test".to_owned() testid="d" on_close=Callback::new(move |_| *flag.lock().unwrap() = true)>
                <input data-testid="first"/>
            </Dialog>
        }
    });
    settle().await;
    let dialog = by_testid(&root, "d");
    assert_eq!(dialog.get_attribute("role").as_deref(), Some("dialog"));
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    by_testid(&root, "first").dispatch_event(&ev).unwrap();
    assert!(*closed.lock().unwrap());
}

#[wasm_bindgen_test]
async fn error_banner_shows_code_message_and_request_id() {
    let mut e = ApiError::new(403, "InvalidOperation.VpcMismatch", "Other VPC.");
    e.request_id = Some("REQ-1".into());
    e.recommend = Some("https://next.api.aliyun.com/troubleshoot?q=x".into());
    let root = mount(move || view! { <ErrorBanner error=e/> });
    settle().await;
    assert_eq!(
        by_testid(&root, "error-code").inner_text(),
        "InvalidOperation.VpcMismatch"
    );
    assert!(
        by_testid(&root, "error-banner")
            .inner_text()
            .contains("REQ-1")
    );
}

#[wasm_bindgen_test]
async fn closing_a_dialog_gives_focus_back_to_the_button_that_opened_it() {
    let open = RwSignal::new(false);
    let root = mount(move || {
        view! {
            <button data-testid="opener" on:click=move |_| open.set(true)>"Open"</button>
            {move || open.get().then(|| view! {
                <Dialog title="Test".to_owned() testid="d" on_close=Callback::new(move |_| open.set(false))>
                    <input data-testid="field"/>
                </Dialog>
            })}
        }
    });
    settle().await;
    let opener = by_testid(&root, "opener");
    opener.focus().unwrap();
    opener.click();
    settle().await;
    let active = || {
        web_sys::window()
            .unwrap()
            .document()
            .unwrap()
            .active_element()
            .and_then(|e| e.get_attribute("data-testid"))
    };
    assert_eq!(
        active().as_deref(),
        Some("field"),
        "focus moves into the dialog"
    );
    open.set(false);
    settle().await;
    assert!(!exists(&root, "d"));
    assert_eq!(
        active().as_deref(),
        Some("opener"),
        "and back to its opener"
    );
}

#[wasm_bindgen_test]
async fn a_dialog_never_puts_focus_on_a_button_hidden_in_a_closed_details() {
    // The Unbind dialog's shape: Close, the collapsed "Show the call" with its Copy button, then
    // the footer. Focus that went to Copy stayed outside the dialog, and Escape did nothing.
    let root = mount(move || {
        view! {
            <Dialog title="Test".to_owned() testid="d" on_close=Callback::new(|_| ())>
                <details><summary>"Show the call"</summary><button data-testid="copy">"Copy"</button></details>
                <button data-testid="cancel">"Cancel"</button>
            </Dialog>
        }
    });
    settle().await;
    let active = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .and_then(|e| e.get_attribute("data-testid"));
    assert!(exists(&root, "copy"));
    assert_eq!(
        active.as_deref(),
        Some("cancel"),
        "focus is inside the dialog"
    );
}
