//! Sign-in form, and buttons refused by the role or by protection, with the reason visible.

use super::support::*;
use crate::ctx::SessionCtx;
use crate::i18n::LangCtx;
use crate::pages::enis::row::{EniDialog, EniRow};
use crate::pages::instances::row::InstanceRow;
use crate::pages::login::{LoginForm, SignIn};
use crate::state::fixtures::*;
use leptos::prelude::*;
use std::sync::{Arc, Mutex};
use tether_domain::api::{ApiError, BackendInfo, BackendKind, Role, SessionInfo};
use tether_domain::*;
use wasm_bindgen_test::wasm_bindgen_test;

fn as_role(role: &str) {
    provide_context(SessionCtx(RwSignal::new(Some(SessionInfo {
        user: "vera".into(),
        role: Role::parse(role).expect("a role name"),
        backend: BackendInfo {
            kind: BackendKind::Simulator,
            endpoint: "embedded".into(),
        },
        allowed_regions: Vec::new(),
        protected_enis: Vec::new(),
        can_sign_out: true,
    }))));
}

fn eni_row(role: &'static str, eni: NetworkInterface) -> web_sys::HtmlElement {
    eni_row_in(Lang::En, role, eni)
}

fn eni_row_in(lang: Lang, role: &'static str, eni: NetworkInterface) -> web_sys::HtmlElement {
    mount(move || {
        as_role(role);
        provide_context(LangCtx(RwSignal::new(lang)));
        view! {
            <table><tbody>
                <EniRow eni=eni region="cn-hangzhou".parse().unwrap() stuck=Signal::stored(false)
                    open=Callback::new(|_: EniDialog| {}) reissue=Callback::new(|_| {})/>
            </tbody></table>
        }
    })
}

fn reason_of(root: &web_sys::HtmlElement, testid: &str) -> String {
    let button = by_testid(root, testid);
    assert!(button.has_attribute("disabled"), "{testid} is enabled");
    let reason = button.get_attribute("data-reason").unwrap_or_default();
    assert_eq!(
        by_testid(root, &format!("{testid}-reason"))
            .text_content()
            .unwrap_or_default(),
        reason
    );
    assert_eq!(
        button.get_attribute("aria-describedby").as_deref(),
        Some(format!("{testid}-reason").as_str())
    );
    reason
}

fn bound(id: &str) -> NetworkInterface {
    let mut e = eni(id);
    e.status = EniStatus::InUse;
    e.instance_id = Some("i-bp1good00001".parse().unwrap());
    e
}

#[wasm_bindgen_test]
async fn login_form_shows_the_proxys_message_and_submits_the_credentials() {
    let error = RwSignal::new(None::<ApiError>);
    let sent = Arc::new(Mutex::new(None::<(String, String)>));
    let seen = sent.clone();
    let root = mount(move || {
        view! { <LoginForm error=error on_submit=Callback::new(move |c| *seen.lock().unwrap() = Some(c))/> }
    });
    settle().await;
    assert!(!exists(&root, "login-error"));
    assert!(by_testid(&root, "login-submit").has_attribute("disabled"));
    type_into(&by_testid(&root, "login-user"), " ada ");
    type_into(&by_testid(&root, "login-password"), "password-ada");
    settle().await;
    by_testid(&root, "login-submit").click();
    assert_eq!(
        sent.lock().unwrap().clone(),
        Some(("ada".to_owned(), "password-ada".to_owned()))
    );
    error.set(Some(ApiError::new(
        401,
        "Tether.BadCredentials",
        "Wrong user name or password.",
    )));
    settle().await;
    assert_eq!(
        by_testid(&root, "login-error").inner_text(),
        "Wrong user name or password."
    );
}

#[wasm_bindgen_test]
async fn a_proxy_that_needs_its_sign_in_link_says_so_instead_of_asking_for_a_password() {
    let link_needed = RwSignal::new(true);
    let root = mount(move || {
        view! { <SignIn link_needed=link_needed error=Signal::derive(|| None) busy=Signal::derive(|| false)
        on_submit=Callback::new(|_| {})/> }
    });
    settle().await;
    assert!(!exists(&root, "login-form"));
    let notice = by_testid(&root, "sign-in-link-needed").inner_text();
    assert!(
        notice.contains("open the sign-in link Tether printed"),
        "{notice}"
    );
    link_needed.set(false);
    settle().await;
    assert!(
        exists(&root, "login-form"),
        "a portal with sign-in shows the form"
    );
}

#[wasm_bindgen_test]
async fn a_viewer_sees_every_mutating_button_disabled_with_the_reason() {
    let root = eni_row("viewer", eni("eni-bp1free0001"));
    settle().await;
    for action in ["bind", "modify", "delete"] {
        let reason = reason_of(&root, &format!("{action}-eni-bp1free0001"));
        assert!(reason.contains("Your role is viewer"), "{action}: {reason}");
    }
    let root = eni_row("viewer", bound("eni-bp1bound001"));
    settle().await;
    let reason = reason_of(&root, "unbind-eni-bp1bound001");
    assert!(reason.contains("Your role is viewer"), "{reason}");

    let root = mount(|| {
        as_role("viewer");
        let mut stopped = instance("i-bp1stop00001");
        stopped.status = InstanceStatus::Stopped;
        view! {
            <table><tbody>
                <InstanceRow instance=instance("i-bp1good00001") quota=Some(2) region="cn-hangzhou".parse().unwrap() op=Callback::new(|_| {})/>
                <InstanceRow instance=stopped quota=Some(2) region="cn-hangzhou".parse().unwrap() op=Callback::new(|_| {})/>
            </tbody></table>
        }
    });
    settle().await;
    for testid in [
        "stop-i-bp1good00001",
        "reboot-i-bp1good00001",
        "release-i-bp1good00001",
        "start-i-bp1stop00001",
    ] {
        assert!(
            reason_of(&root, testid).contains("Your role is viewer"),
            "{testid}"
        );
    }
}

#[wasm_bindgen_test]
async fn an_operator_may_bind_but_delete_and_release_need_admin() {
    let root = eni_row("operator", eni("eni-bp1free0001"));
    settle().await;
    assert!(!by_testid(&root, "bind-eni-bp1free0001").has_attribute("disabled"));
    assert!(!exists(&root, "bind-eni-bp1free0001-reason"));
    let reason = reason_of(&root, "delete-eni-bp1free0001");
    assert!(reason.contains("needs admin"), "{reason}");
    let root = mount(|| {
        as_role("operator");
        view! { <table><tbody><InstanceRow instance=instance("i-bp1good00001") quota=Some(2) region="cn-hangzhou".parse().unwrap() op=Callback::new(|_| {})/></tbody></table> }
    });
    settle().await;
    assert!(!by_testid(&root, "stop-i-bp1good00001").has_attribute("disabled"));
    assert!(reason_of(&root, "release-i-bp1good00001").contains("needs admin"));
}

#[wasm_bindgen_test]
async fn protected_enis_show_a_lock_and_refuse_unbind_and_delete() {
    let protect = |mut e: NetworkInterface| {
        e.tags.tag.push(Tag {
            tag_key: "tether:protected".into(),
            tag_value: "true".into(),
        });
        e
    };
    let message = "Protected by this portal (tether:protected=true).";
    let root = eni_row("admin", protect(bound("eni-bp1bound001")));
    settle().await;
    let lock = by_testid(&root, "lock-eni-bp1bound001");
    assert_eq!(lock.get_attribute("data-reason").as_deref(), Some(message));
    assert_eq!(reason_of(&root, "unbind-eni-bp1bound001"), message);
    assert!(!by_testid(&root, "modify-eni-bp1bound001").has_attribute("disabled"));
    let root = eni_row("admin", protect(eni("eni-bp1free0001")));
    settle().await;
    assert_eq!(reason_of(&root, "delete-eni-bp1free0001"), message);
    assert!(!by_testid(&root, "bind-eni-bp1free0001").has_attribute("disabled"));
    let root = eni_row_in(Lang::Zh, "admin", protect(eni("eni-bp1free0003")));
    settle().await;
    assert_eq!(
        reason_of(&root, "delete-eni-bp1free0003"),
        "已被本门户保护（tether:protected=true）。"
    );
    let root = eni_row("admin", eni("eni-bp1free0002"));
    settle().await;
    assert!(!exists(&root, "lock-eni-bp1free0002"));
    assert!(!by_testid(&root, "delete-eni-bp1free0002").has_attribute("disabled"));
}
