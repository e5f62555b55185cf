//! The pager: its buttons move between pages and stop at both ends, and it shows nothing but
//! its labels (its Next button had once shown its own code as text and done nothing).

use super::support::*;
use crate::components::pager::Pager;
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

fn disabled(root: &web_sys::HtmlElement, id: &str) -> bool {
    by_testid(root, id).has_attribute("disabled")
}

#[wasm_bindgen_test]
async fn next_and_previous_move_between_pages_and_stop_at_the_ends() {
    let page = RwSignal::new(0usize);
    let root = mount(move || view! { <Pager page=page total=Signal::stored(120) size=50/> });
    settle().await;
    let label = || by_testid(&root, "pager-label").text_content().unwrap();
    assert_eq!(label(), "1 / 3");
    assert!(disabled(&root, "pager-prev") && !disabled(&root, "pager-next"));
    let next = by_testid(&root, "pager-next");
    assert!(
        !next.text_content().unwrap().contains("page.set"),
        "the button shows its label, not code: {:?}",
        next.text_content()
    );
    next.click();
    settle().await;
    assert_eq!((page.get_untracked(), label()), (1, "2 / 3".to_owned()));
    next.click();
    settle().await;
    assert_eq!(label(), "3 / 3");
    assert!(disabled(&root, "pager-next") && !disabled(&root, "pager-prev"));
    by_testid(&root, "pager-prev").click();
    settle().await;
    assert_eq!(label(), "2 / 3");
}
