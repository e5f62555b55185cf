//! The Terraform section of "show the call" in the dialogs: the block of the very request the
//! dialog would send, the import line for an existing ENI, and copy buttons that copy them.

use super::support::*;
use crate::i18n::LangCtx;
use crate::pages::enis::bind_dialog::BindDialog;
use crate::pages::enis::create_dialog::CreateDialog;
use crate::pages::enis::delete_dialog::DeleteDialog;
use crate::state::fixtures::*;
use crate::terraform;
use leptos::prelude::*;
use tether_domain::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlElement;

/// Picks `value` in a `<select>`, firing `change` like a user would.
fn choose(el: &HtmlElement, value: &str) {
    el.unchecked_ref::<web_sys::HtmlInputElement>()
        .set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("change", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

/// Replaces the clipboard (headless Chromium refuses it) with one that keeps what it was given.
fn catch_clipboard() {
    js_sys::eval(
        "Object.defineProperty(navigator, 'clipboard', {configurable: true, value: {
           writeText: t => { window.__copied = t; return Promise.resolve(); } }});
         window.__copied = null;",
    )
    .unwrap();
}

fn copied() -> Option<String> {
    js_sys::eval("window.__copied").unwrap().as_string()
}

fn text(root: &HtmlElement, testid: &str) -> String {
    by_testid(root, testid).text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn create_dialog_shows_and_copies_the_terraform_block_of_its_request() {
    let root = mount(move || {
        view! {
            <CreateDialog region="cn-hangzhou".parse().unwrap() v_switches=Signal::stored(vswitches())
                security_groups=Signal::stored(security_groups()) client_token="tether-test".to_owned()
                on_submit=Callback::new(|_| {}) on_close=Callback::new(|_| {})/>
        }
    });
    settle().await;
    assert!(
        !exists(&root, "call-terraform"),
        "no block before a request"
    );
    choose(&by_testid(&root, "create-vswitch"), VSW_G);
    settle().await;
    by_testid(&root, "create-sg-sg-bp1aaaa0001").click();
    type_into(&by_testid(&root, "create-name"), "web-2");
    settle().await;

    let block = text(&root, "call-terraform");
    let sent = CreateNetworkInterface {
        security_group_ids: vec!["sg-bp1aaaa0001".parse().unwrap()],
        network_interface_name: Some("web-2".into()),
        client_token: Some("tether-test".into()),
        ..CreateNetworkInterface::new("cn-hangzhou".parse().unwrap(), VSW_G.parse().unwrap())
    };
    assert_eq!(
        Some(block.clone()),
        terraform::create_network_interface(&sent).config
    );
    assert!(
        block.starts_with("resource \"alicloud_ecs_network_interface\" \"web_2\" {"),
        "{block}"
    );
    assert!(
        !exists(&root, "call-terraform-import"),
        "a new ENI has nothing to import"
    );

    let copy = by_testid(&root, "copy-terraform");
    assert_eq!(
        copy.get_attribute("aria-label").as_deref(),
        Some("Copy the Terraform block")
    );
    catch_clipboard();
    copy.click();
    assert_eq!(copied(), Some(block));
}

#[wasm_bindgen_test]
async fn bind_dialog_offers_the_attachment_and_the_enis_import_line_in_chinese() {
    let root = mount(move || {
        provide_context(LangCtx(RwSignal::new(Lang::Zh)));
        view! {
            <BindDialog eni=eni("eni-bp1free0001") region="cn-hangzhou".parse().unwrap()
                instances=Signal::stored(vec![instance("i-bp1good00001")]) types=Signal::stored(types())
                on_restart=Callback::new(|_| {}) on_close=Callback::new(|_| {})
                on_confirm=Callback::new(|_| {})/>
        }
    });
    settle().await;
    by_testid(&root, "bind-radio-i-bp1good00001").click();
    settle().await;
    let block = text(&root, "call-terraform");
    assert!(
        block.contains("resource \"alicloud_ecs_network_interface_attachment\""),
        "{block}"
    );
    assert!(
        block.contains("instance_id          = \"i-bp1good00001\""),
        "{block}"
    );
    let import = "terraform import alicloud_ecs_network_interface.eni_bp1free0001 eni-bp1free0001";
    assert_eq!(text(&root, "call-terraform-import"), import);
    let panel = text(&root, "show-call");
    assert!(
        panel.contains("用 Terraform 管理此网卡前，请先导入："),
        "{panel}"
    );
    let copy = by_testid(&root, "copy-terraform-import");
    assert_eq!(
        copy.get_attribute("aria-label").as_deref(),
        Some("复制导入命令")
    );
    catch_clipboard();
    copy.click();
    assert_eq!(copied().as_deref(), Some(import));
}

#[wasm_bindgen_test]
async fn delete_dialog_shows_only_the_import_line() {
    let root = mount(move || {
        view! {
            <DeleteDialog eni=eni("eni-bp1free0001") region="cn-hangzhou".parse().unwrap()
                on_confirm=Callback::new(|_| {}) on_close=Callback::new(|_| {})/>
        }
    });
    settle().await;
    assert!(!exists(&root, "call-terraform"));
    assert!(exists(&root, "copy-terraform-import"));
    assert_eq!(
        text(&root, "call-terraform-import"),
        "terraform import alicloud_ecs_network_interface.eni_bp1free0001 eni-bp1free0001"
    );
}
