//! The ENI table reuses its rows: a search that changes the rows shown rewrites the same `<tr>`
//! elements in place, hides the ones it does not need without leaving an ID for anything to
//! find, shows them again when the search is erased, and their buttons act on the ENI they show.

use super::support::*;
use crate::pages::enis::row::EniDialog;
use crate::pages::enis::rows::EniRows;
use crate::state::fixtures::eni;
use crate::state::stuck::StuckTracker;
use leptos::prelude::*;
use std::sync::{Arc, Mutex};
use tether_domain::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

const FREE: &str = "eni-bp1free0001";
const BOUND: &str = "eni-bp1bound001";
const OTHER: &str = "eni-bp1other001";

fn bound() -> NetworkInterface {
    let mut e = eni(BOUND);
    e.status = EniStatus::InUse;
    e.instance_id = Some("i-bp1web00001".parse().unwrap());
    e
}

/// The table's `<tr>` elements, hidden ones included.
fn rows(root: &web_sys::HtmlElement) -> Vec<web_sys::Element> {
    let list = root.query_selector_all("tbody > tr").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

fn testid(row: &web_sys::Element) -> Option<String> {
    row.get_attribute("data-testid")
}

#[wasm_bindgen_test]
async fn a_search_rewrites_the_same_rows_and_hides_the_rest_without_their_ids() {
    let visible = RwSignal::new(vec![eni(FREE), bound(), eni(OTHER)]);
    let opened = Arc::new(Mutex::new(Vec::new()));
    let seen = opened.clone();
    let root = mount(move || {
        let open = Callback::new(move |d: EniDialog| seen.lock().unwrap().push(d));
        let tracker = RwSignal::new(StuckTracker::default());
        let region: RegionId = "cn-hangzhou".parse().unwrap();
        view! {
            <table><tbody>
                <EniRows visible=visible region=region tracker=tracker
                    open=open reissue=Callback::new(|_| {})/>
            </tbody></table>
        }
    });
    settle().await;
    let first = rows(&root);
    assert_eq!(
        first.iter().map(testid).collect::<Vec<_>>(),
        [FREE, BOUND, OTHER].map(|id| Some(format!("eni-row-{id}")))
    );

    // A search that keeps one ENI: it moves into the first row; the other two rows are hidden.
    visible.set(vec![eni(OTHER)]);
    settle().await;
    let narrowed = rows(&root);
    assert_eq!(narrowed.len(), 3, "no row was removed");
    for (now, before) in narrowed.iter().zip(&first) {
        assert!(
            now.is_same_node(Some(before)),
            "the rows are the same elements"
        );
    }
    assert_eq!(
        testid(&narrowed[0]).as_deref(),
        Some("eni-row-eni-bp1other001")
    );
    assert!(
        by_testid(&root, &format!("eni-row-{OTHER}"))
            .text_content()
            .unwrap()
            .contains(OTHER)
    );
    for row in &narrowed[1..] {
        assert!(row.has_attribute("hidden"));
        assert_eq!(testid(row), None);
        assert_eq!(
            row.query_selector("[data-testid], [id]").unwrap(),
            None,
            "a hidden row has no IDs"
        );
    }
    for gone in [FREE, BOUND] {
        for prefix in [
            "eni-row",
            "eni-status",
            "eni-link",
            "bind",
            "unbind",
            "modify",
        ] {
            assert!(
                !exists(&root, &format!("{prefix}-{gone}")),
                "{prefix}-{gone}"
            );
        }
    }

    // Erasing the search shows the rows again, in the same elements, with the other status's
    // actions where an ENI of another status landed.
    visible.set(vec![bound(), eni(FREE)]);
    settle().await;
    let widened = rows(&root);
    for (now, before) in widened.iter().zip(&first) {
        assert!(now.is_same_node(Some(before)));
    }
    assert_eq!(
        testid(&widened[0]).as_deref(),
        Some("eni-row-eni-bp1bound001")
    );
    assert!(exists(&root, &format!("unbind-{BOUND}")));
    assert!(!exists(&root, &format!("bind-{BOUND}")));
    assert!(!widened[1].has_attribute("hidden"));
    assert!(widened[2].has_attribute("hidden"));

    // The second row showed BOUND, then nothing, then FREE: its Bind button binds FREE.
    by_testid(&root, &format!("bind-{FREE}")).click();
    assert_eq!(*opened.lock().unwrap(), [EniDialog::Bind(eni(FREE))]);
}
