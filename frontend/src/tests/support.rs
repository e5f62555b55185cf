//! Mounting and poking components in the test page.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};

/// Mounts `f` in a fresh container and returns the container.
pub fn mount<F, N>(f: F) -> HtmlElement
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone(), f);
    // The view must outlive the test body's awaits; the page is thrown away after the run.
    std::mem::forget(handle);
    root
}

/// The element with `data-testid=id` inside `root`.
pub fn by_testid(root: &HtmlElement, id: &str) -> HtmlElement {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={id}"))
        .unchecked_into()
}

/// Whether an element with `data-testid=id` exists.
pub fn exists(root: &HtmlElement, id: &str) -> bool {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .unwrap()
        .is_some()
}

/// Types `text` into an input, firing `input` like a user would.
pub fn type_into(el: &HtmlElement, text: &str) {
    let input: &HtmlInputElement = el.unchecked_ref();
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&ev).unwrap();
}

/// Lets the reactive system flush.
pub async fn settle() {
    leptos::task::tick().await;
    gloo_timers::future::TimeoutFuture::new(0).await;
}
