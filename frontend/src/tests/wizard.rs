//! The wizard's steps: instant validation and reasons on disabled choices.

use super::support::*;
use crate::pages::wizard::basic_step::BasicStep;
use crate::pages::wizard::later::{Wizard, load_network, step_view};
use crate::pages::wizard::network_step::NetworkStep;
use crate::state::ctx::region_or_default;
use crate::state::fixtures::*;
use crate::state::wizard::{Catalog, SecondaryEni, Step, WizardForm};
use leptos::prelude::*;
use tether_domain::RegionId;
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

/// The wizard's shared state in cn-hangzhou, ready for its network step.
fn wizard(network_for: Option<RegionId>) -> Wizard {
    let region = region_or_default(Some("cn-hangzhou"));
    Wizard {
        region: Memo::new(move |_| region.clone()),
        form: RwSignal::new(network_ready()),
        cat: RwSignal::new(catalog()),
        request: Memo::new(|_| None),
        busy: RwSignal::new(false),
        error: RwSignal::new(None),
        created: RwSignal::new(None),
        network_for: StoredValue::new(network_for),
        network_loading: RwSignal::new(false),
        epoch: StoredValue::new(1),
    }
}

fn hangzhou() -> RegionId {
    region_or_default(Some("cn-hangzhou"))
}

#[wasm_bindgen_test]
async fn the_network_step_says_when_its_lists_are_still_on_the_way() {
    // Already asked for this region: the view starts no load of its own here.
    let w = wizard(Some(hangzhou()));
    w.network_loading.set(true);
    let root = mount(move || step_view(w, Step::Network));
    settle().await;
    assert!(exists(&root, "wizard-network-loading"));
    assert!(exists(&root, "wizard-step-network"));
    w.network_loading.set(false);
    settle().await;
    assert!(!exists(&root, "wizard-network-loading"));
}

#[wasm_bindgen_test]
async fn a_failed_network_load_is_shown_once_and_tried_again_next_time() {
    // No proxy behind the test page: the first call of the load fails.
    let w = wizard(None);
    let load = load_network(w, hangzhou());
    assert_eq!(w.network_for.get_value(), Some(hangzhou()));
    assert!(w.network_loading.get_untracked());
    // Asked again while it runs (the step view and the page's deferred load): no second load.
    load_network(w, hangzhou()).await;
    assert!(w.network_loading.get_untracked());
    load.await;
    assert!(w.error.get_untracked().is_some());
    assert!(!w.network_loading.get_untracked());
    assert_eq!(
        w.network_for.get_value(),
        None,
        "the next look must try again"
    );
}

#[wasm_bindgen_test]
async fn an_answer_for_an_earlier_wizard_is_dropped() {
    let w = wizard(None);
    let load = load_network(w, hangzhou());
    // The region changed meanwhile: the page starts a new wizard.
    w.epoch.update_value(|e| *e += 1);
    load.await;
    assert!(
        w.error.get_untracked().is_none(),
        "an old failure shown in the new wizard"
    );
}
