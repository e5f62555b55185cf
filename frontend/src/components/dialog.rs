//! A modal dialog: role="dialog", aria-modal, focus kept inside, Escape closes, and focus goes
//! back to what opened it when it closes (WAI-ARIA dialog pattern).

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::sync::atomic::{AtomicUsize, Ordering};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};

const FOCUSABLE: &str = "button:not([disabled]), input:not([disabled]), select:not([disabled]), \
                         textarea:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])";

/// What Tab can reach inside `root`: the matches that are drawn (a button inside a closed
/// `<details>` matches but cannot take focus, and focusing it would leave focus outside).
fn focusables(root: &HtmlElement) -> Vec<HtmlElement> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        .filter(|el| {
            el.closest("details:not([open]) > :not(summary)")
                .is_ok_and(|hidden| hidden.is_none())
        })
        .collect()
}

/// Keeps Tab and Shift+Tab cycling inside the dialog.
fn trap_tab(root: &HtmlElement, ev: &KeyboardEvent) {
    let items = focusables(root);
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let is = |el: &HtmlElement| active.as_ref().is_some_and(|a| js_sys::Object::is(a, el));
    if ev.shift_key() && is(first) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && is(last) {
        ev.prevent_default();
        let _ = first.focus();
    }
}

static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// A modal dialog. The first field (or one marked `data-autofocus`) gets focus on open.
#[component]
pub fn Dialog(
    /// The heading.
    #[prop(into)]
    title: Signal<String>,
    /// Called on Escape, the close button, or a click on the backdrop.
    on_close: Callback<()>,
    /// `data-testid` of the dialog element.
    #[prop(optional)]
    testid: &'static str,
    /// Wider layout for tables.
    #[prop(optional)]
    wide: bool,
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    // What had focus when the dialog opened (the button that opened it, usually).
    let opener = SendWrapper::new(
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element())
            .and_then(|e| e.dyn_into::<HtmlElement>().ok()),
    );
    on_cleanup(move || {
        // Unless the opener went away with what the dialog did (a deleted row's button).
        if let Some(el) = opener.take().filter(|el| el.is_connected()) {
            let _ = el.focus();
        }
    });
    let title_id = format!("dialog-title-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    Effect::new(move |_| {
        if let Some(root) = node.get() {
            let marked = root
                .query_selector("[data-autofocus]")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<HtmlElement>().ok());
            // Skip the close button (first) so typing can start at once.
            let fallback = || {
                let all = focusables(&root);
                all.get(1).or(all.first()).cloned()
            };
            if let Some(el) = marked.or_else(fallback) {
                let _ = el.focus();
            }
        }
    });
    let title_label = title_id.clone();
    let on_key = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            on_close.run(());
        }
        "Tab" => {
            if let Some(root) = node.get_untracked() {
                trap_tab(&root, &ev);
            }
        }
        _ => {}
    };
    view! {
        <div class="backdrop" on:click=move |ev| {
            if ev.target() == ev.current_target() {
                on_close.run(());
            }
        }>
            <div
                class="dialog"
                class:wide=wide
                role="dialog"
                aria-modal="true"
                aria-labelledby=title_label
                data-testid=testid
                node_ref=node
                on:keydown=on_key
            >
                <header class="dialog-head">
                    <h2 id=title_id>{move || title.get()}</h2>
                    <button class="icon-btn" aria-label="Close" on:click=move |_| on_close.run(())>
                        "×"
                    </button>
                </header>
                {children()}
            </div>
        </div>
    }
}
