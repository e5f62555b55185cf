//! A late answer for the region the user just left never lands in the new region's ENI list:
//! region A's second page is held back while the user switches to region B. The same for any
//! resource made with `keyed`.

use super::support::*;
use crate::api::{Answer, fake_proxy};
use crate::loaded::keyed;
use crate::pages::enis::store::{EniStore, use_eni_store};
use crate::state::fixtures::eni;
use leptos::prelude::*;
use std::rc::Rc;
use tether_domain::api::ApiError;
use tether_domain::*;
use wasm_bindgen_test::wasm_bindgen_test;

const A1: &str = "eni-bp1aaaa0001";
const A2: &str = "eni-bp1aaaa0002";
const B1: &str = "eni-bp1bbbb0001";
/// How long region A's second page is held back.
const LATE_MS: u32 = 300;

fn page(ids: &[&str], next_token: &str) -> Result<String, ApiError> {
    let answer = DescribeNetworkInterfacesResponse {
        next_token: next_token.into(),
        network_interface_sets: ids.iter().map(|id| eni(id)).collect::<Vec<_>>().into(),
        ..Default::default()
    };
    Ok(serde_json::to_string(&answer).unwrap())
}

/// The proxy for this test: region A has two pages (the second one late), region B one.
fn answer(url: String, body: Option<String>) -> Answer {
    Box::pin(async move {
        assert!(url.ends_with("/DescribeNetworkInterfaces"), "{url}");
        let req: DescribeNetworkInterfaces = serde_json::from_str(&body.unwrap()).unwrap();
        match (req.region_id.as_str(), req.next_token.as_deref()) {
            ("cn-beijing", None) => page(&[A1], "a-page-2"),
            ("cn-beijing", Some("a-page-2")) => {
                gloo_timers::future::TimeoutFuture::new(LATE_MS).await;
                page(&[A2], "")
            }
            ("cn-shanghai", None) => page(&[B1], ""),
            other => panic!("unexpected request {other:?}"),
        }
    })
}

fn ids(store: EniStore) -> Vec<String> {
    store.enis.with_untracked(|e| {
        e.iter()
            .map(|e| e.network_interface_id.to_string())
            .collect()
    })
}

async fn until(what: impl Fn() -> bool) {
    for _ in 0..100 {
        if what() {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    panic!("timed out");
}

#[wasm_bindgen_test]
async fn a_late_page_for_the_previous_region_never_reaches_the_new_regions_list() {
    fake_proxy(Some(Rc::new(answer)));
    let region = RwSignal::new("cn-beijing".parse::<RegionId>().unwrap());
    let store = RwSignal::new(None::<Memo<EniStore>>);
    mount(move || {
        store.set(Some(use_eni_store(region)));
        view! { <p></p> }
    });
    let store = store.get_untracked().unwrap();
    let listed = move || ids(store.get_untracked());
    until(|| listed() == [A1]).await;
    // Region A's second page is now on its way; the user switches to region B.
    region.set("cn-shanghai".parse().unwrap());
    until(|| listed() == [B1]).await;
    gloo_timers::future::TimeoutFuture::new(LATE_MS * 2).await;
    fake_proxy(None);
    assert_eq!(listed(), [B1], "only region B's ENIs are listed");
}

/// Answers `key` after a while for key 1, at once for any other.
async fn slow_for_one(key: u32) -> u32 {
    if key == 1 {
        gloo_timers::future::TimeoutFuture::new(LATE_MS).await;
    }
    key
}

#[wasm_bindgen_test]
async fn a_keyed_resource_never_shows_the_answer_for_a_key_it_left() {
    let key = RwSignal::new(1u32);
    let (seen_keyed, seen_plain) = (RwSignal::new(Vec::new()), RwSignal::new(Vec::new()));
    mount(move || {
        let keyed = keyed(move || key.get(), slow_for_one);
        let plain = LocalResource::new(move || slow_for_one(key.get()));
        Effect::new(move |_| {
            if let Some(v) = keyed.get().get() {
                seen_keyed.update(|s| s.push(v));
            }
        });
        Effect::new(move |_| {
            if let Some(v) = plain.get() {
                seen_plain.update(|s| s.push(v));
            }
        });
        view! { <p></p> }
    });
    settle().await;
    key.set(2);
    gloo_timers::future::TimeoutFuture::new(LATE_MS * 2).await;
    assert_eq!(seen_keyed.get_untracked(), [2]);
    // Why `keyed` exists: a single resource finishes the old request and shows its answer first.
    assert_eq!(seen_plain.get_untracked(), [1, 2]);
}
