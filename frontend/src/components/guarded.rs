//! A button that may be refused (by the role or by a rule): disabled, with the reason in the
//! tooltip, in `data-reason`, and in a screen-reader text linked by `aria-describedby`.

use crate::ctx::role_refusal;
use crate::i18n::lang;
use crate::state::roles::Role;
use leptos::prelude::*;
use tether_domain::rules::Reason;

/// The reasons joined, role first; `None` when nothing refuses.
fn joined(parts: impl IntoIterator<Item = String>) -> Option<String> {
    let text = parts.into_iter().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// A guarded action button. `need` is the role the proxy requires; `rules` are the domain's
/// refusals (computed by the caller); `extra` is any other refusal; `off` disables without a
/// reason (busy, incomplete form).
#[component]
pub fn Guarded(
    /// `data-testid` of the button; the reason text gets `<testid>-reason`, also its element ID.
    /// A signal where the button is reused for another item (a row of the ENI table); none:
    /// neither ID.
    #[prop(into)]
    testid: MaybeProp<String>,
    /// CSS classes of the button.
    #[prop(optional)]
    class: &'static str,
    /// The role the action needs.
    need: Role,
    /// The domain's refusals (a signal where they change under the button, e.g. when the
    /// data they are judged on arrives after it is drawn).
    #[prop(optional, into)]
    rules: Signal<Vec<Reason>>,
    /// Another refusal, already in the current language.
    #[prop(optional, into)]
    extra: Signal<Option<String>>,
    /// Disabled without a reason.
    #[prop(optional, into)]
    off: Signal<bool>,
    /// Runs on click.
    on_click: Callback<()>,
    children: Children,
) -> impl IntoView {
    let reason = Memo::new(move |_| {
        let l = lang();
        joined(
            role_refusal(need)
                .into_iter()
                .chain(rules.with(|r| r.iter().map(|r| r.message(l)).collect::<Vec<_>>()))
                .chain(extra.get()),
        )
    });
    let reason_id = move || testid.get().map(|t| format!("{t}-reason"));
    view! {
        <button
            class=if class.is_empty() { "btn" } else { class }
            data-testid=move || testid.get()
            disabled=move || reason.with(Option::is_some) || off.get()
            title=move || reason.get()
            data-reason=move || reason.get()
            aria-describedby=move || reason.with(Option::is_some).then(reason_id).flatten()
            on:click=move |_| on_click.run(())
        >
            {children()}
        </button>
        {move || reason.get().map(|r| view! {
            <span class="sr-only" id=reason_id data-testid=reason_id>{r}</span>
        })}
    }
}
