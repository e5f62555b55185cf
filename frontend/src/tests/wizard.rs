//! The wizard's steps: instant validation and reasons on disabled choices.

use super::support::*;
use crate::api::{Answer, fake_proxy};
use crate::ctx::region_or_default;
use crate::pages::wizard::basic_step::BasicStep;
use crate::pages::wizard::data::{Wizard, use_wizard};
use crate::pages::wizard::later::step_view;
use crate::pages::wizard::network_step::NetworkStep;
use crate::state::fixtures::*;
use crate::state::wizard::{Catalog, SecondaryEni, Step, WizardForm};
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use tether_domain::RegionId;
use tether_domain::api::ApiError;
use wasm_bindgen_test::wasm_bindgen_test;

fn catalog() -> Catalog {
    Catalog {
        types: types(),
        images: images(),
        v_switches: vswitches(),
        security_groups: security_groups(),
        enis: vec![eni("eni-bp1free0001")],
        ..Default::default()
    }
}

fn network_ready() -> WizardForm {
    WizardForm {
        zone: Some("cn-hangzhou-g".into()),
        instance_type: Some("ecs.g6.large".into()),
        image: Some("centos_7_03_64_20G_alibase_20170818.vhd".into()),
        vpc: Some(VPC_A.into()),
        v_switch: Some(VSW_G.into()),
        security_group: Some("sg-bp1aaaa0001".into()),
        ..Default::default()
    }
}

#[wasm_bindgen_test]
async fn add_eni_is_disabled_with_the_reason_after_one_secondary() {
    let form = RwSignal::new(network_ready());
    let root = mount(move || view! { <NetworkStep form=form cat=Signal::stored(catalog())/> });
    settle().await;
    let add = by_testid(&root, "add-eni");
    assert!(!add.has_attribute("disabled"));
    add.click();
    settle().await;
    assert_eq!(
        form.get_untracked().secondary,
        Some(SecondaryEni::New {
            delete_on_release: true
        })
    );
    assert!(exists(&root, "wizard-secondary"));
    assert!(by_testid(&root, "add-eni").has_attribute("disabled"));
    assert_eq!(
        by_testid(&root, "add-eni-reason").inner_text(),
        "At creation an instance takes at most two ENIs: one primary and one secondary. Attach more later."
    );
}

#[wasm_bindgen_test]
async fn types_without_eni_support_are_disabled_with_the_reason() {
    let form = RwSignal::new(WizardForm::default());
    let root = mount(move || view! { <BasicStep form=form cat=Signal::stored(catalog())/> });
    settle().await;
    assert!(by_testid(&root, "wizard-type-radio-ecs.t1.small").has_attribute("disabled"));
    let reason = by_testid(&root, "wizard-type-reason-ecs.t1.small").inner_text();
    assert!(reason.contains("does not support ENIs"), "{reason}");
    assert!(!by_testid(&root, "wizard-type-radio-ecs.g6.large").has_attribute("disabled"));
    assert!(!exists(&root, "wizard-type-reason-ecs.g6.large"));
}

/// The proxy for the wizard tests: `vpcs` answers DescribeVpcs (counted in `asked`); every other
/// call gets an empty answer, which decodes as an empty list.
fn proxy(
    asked: Rc<Cell<u32>>,
    vpcs: impl Fn(&str) -> Answer + 'static,
) -> impl Fn(String, Option<String>) -> Answer {
    move |url, body| {
        if url.ends_with("/DescribeVpcs") {
            asked.set(asked.get() + 1);
            let req: serde_json::Value = serde_json::from_str(&body.unwrap_or_default()).unwrap();
            return vpcs(req["RegionId"].as_str().unwrap_or_default());
        }
        Box::pin(async { Ok("{}".to_owned()) })
    }
}

fn failure(code: &'static str, after_ms: u32) -> Answer {
    Box::pin(async move {
        gloo_timers::future::TimeoutFuture::new(after_ms).await;
        Err(ApiError::new(500, code, "the test's proxy refused"))
    })
}

/// The wizard of `region`, made as the page makes it, with its network step's choices made.
fn wizard_in(region: RwSignal<RegionId>) -> Memo<Wizard> {
    let w = use_wizard(region);
    w.get_untracked().form.set(network_ready());
    w
}

fn hangzhou() -> RegionId {
    region_or_default(Some("cn-hangzhou"))
}

async fn until(what: impl Fn() -> bool) {
    for _ in 0..200 {
        if what() {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    panic!("timed out");
}

#[wasm_bindgen_test]
async fn the_network_step_says_when_its_lists_are_still_on_the_way() {
    let held = Rc::new(Cell::new(true));
    let hold = held.clone();
    fake_proxy(Some(Rc::new(proxy(Rc::default(), move |_| {
        let hold = hold.clone();
        Box::pin(async move {
            while hold.get() {
                gloo_timers::future::TimeoutFuture::new(10).await;
            }
            Ok("{}".to_owned())
        })
    }))));
    let region = RwSignal::new(hangzhou());
    let root = mount(move || step_view(wizard_in(region).get_untracked(), Step::Network));
    until(|| exists(&root, "wizard-network-loading")).await;
    assert!(exists(&root, "wizard-step-network"));
    held.set(false);
    until(|| !exists(&root, "wizard-network-loading")).await;
    fake_proxy(None);
}

#[wasm_bindgen_test]
async fn a_failed_network_load_is_shown_once_and_tried_again_next_time() {
    let asked = Rc::new(Cell::new(0));
    fake_proxy(Some(Rc::new(proxy(asked.clone(), |_| {
        failure("Test.Refused", 50)
    }))));
    let region = RwSignal::new(hangzhou());
    let w = RwSignal::new(None);
    mount(move || w.set(Some(wizard_in(region))));
    let w = w.get_untracked().unwrap().get_untracked();
    w.need_network();
    // Asked again while it runs (the step view and the page's deferred load): no second load.
    w.need_network();
    until(|| w.load_error().is_some()).await;
    assert_eq!(asked.get(), 1);
    assert_eq!(w.load_error().unwrap().code, "Test.Refused");
    // The next look at the network step tries again.
    w.need_network();
    until(|| asked.get() == 2).await;
    fake_proxy(None);
}

#[wasm_bindgen_test]
async fn an_answer_for_an_earlier_wizard_is_dropped() {
    let asked = Rc::new(Cell::new(0));
    fake_proxy(Some(Rc::new(proxy(asked.clone(), |region| {
        if region == "cn-hangzhou" {
            failure("Test.Late", 200)
        } else {
            Box::pin(async { Ok("{}".to_owned()) })
        }
    }))));
    let region = RwSignal::new(hangzhou());
    let w = RwSignal::new(None);
    mount(move || w.set(Some(wizard_in(region))));
    let w = w.get_untracked().unwrap();
    w.get_untracked().need_network();
    until(|| asked.get() == 1).await;
    // The region changed meanwhile: the page starts a new wizard.
    region.set(region_or_default(Some("cn-beijing")));
    let now = w.get_untracked();
    now.need_network();
    gloo_timers::future::TimeoutFuture::new(400).await;
    fake_proxy(None);
    assert!(
        now.load_error().is_none(),
        "an old failure shown in the new wizard"
    );
}
