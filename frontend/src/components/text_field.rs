//! A labelled text input with its field-rule message right under it.

use leptos::prelude::*;

/// A text input bound to `value`; `error` is shown under it and marks it invalid.
#[component]
pub fn TextField(
    /// The label text.
    #[prop(into)]
    label: Signal<String>,
    /// The value.
    value: RwSignal<String>,
    /// The field rule's message, if the value breaks it.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// `data-testid` of the input (the message gets `<testid>-error`).
    testid: &'static str,
    /// Placeholder.
    #[prop(optional, into)]
    placeholder: String,
) -> impl IntoView {
    let id = format!("f-{testid}");
    let err_id = format!("{id}-error");
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{move || label.get()}</label>
            <input
                id=id
                type="text"
                placeholder=placeholder
                data-testid=testid
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=err_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <p class="field-error" id=err_id data-testid=format!("{testid}-error")>
                {move || error.get()}
            </p>
        </div>
    }
}
