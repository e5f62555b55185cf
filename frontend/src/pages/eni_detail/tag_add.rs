//! Add a tag to the ENI (TagResources, `ResourceType=eni`). The domain judges what is typed as it
//! is typed: `can_tag` (a managed ENI, the 20-tag quota, `tether:protected` for admins only),
//! the proxy's own `protection_change_refusal` on the request as it would be sent (a key with
//! blanks around it is the protection tag too), and the field rules of the key and value.

use super::ips::{call_or_hint, form_messages, reason_list};
use super::page::Detail;
use super::texts::{T as Dt, dt};
use crate::components::guarded::Guarded;
use crate::components::show_call::CallPreview;
use crate::ctx::current_role;
use crate::i18n::{T, tr};
use crate::mutation::{call_action, error_slot, on_success};
use crate::state::roles::Role;
use leptos::prelude::*;
use tether_domain::rules::{can_tag, protection_change_refusal};
use tether_domain::*;

/// The add form of the "Tags" section.
#[component]
pub fn AddTag(#[prop(into)] detail: Signal<Detail>, on_changed: Callback<()>) -> impl IntoView {
    let key = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let add = call_action::<TagResources>();
    on_success(add, move |_| {
        key.set(String::new());
        value.set(String::new());
        on_changed.run(());
    });
    let tag = Memo::new(move |_| TagParam {
        key: key.get(),
        value: value.get(),
    });
    let request = Memo::new(move |_| {
        let tag = tag.get();
        (!tag.key.trim().is_empty()).then(|| {
            detail.with(|d| TagResources {
                region_id: d.region.clone(),
                resource_type: TagResourceType::Eni,
                resource_id: vec![d.eni.network_interface_id.to_string()],
                tag: vec![tag],
            })
        })
    });
    let rules = Memo::new(move |_| {
        let role = current_role();
        let mut out =
            tag.with(|t| detail.with(|d| can_tag((&d.eni).into(), std::slice::from_ref(t), role)));
        let proxy = role
            .zip(request.get())
            .and_then(|(role, r)| protection_change_refusal(role, &r));
        if let Some(r) = proxy.filter(|r| !out.contains(r)) {
            out.push(r);
        }
        out
    });
    let (extra, shown) = form_messages(request, rules);
    let call = Signal::derive(move || request.with(|r| r.as_ref().map(CallPreview::of)));
    view! {
        <fieldset class="assign" data-testid="add-tag-form">
            <legend>{dt(Dt::AddTag)}</legend>
            <div class="assign-row">
                <input type="text" class="tag mono" data-testid="tag-key" aria-label=dt(Dt::TagKey)
                    placeholder=dt(Dt::TagKey) prop:value=move || key.get()
                    on:input=move |ev| key.set(event_target_value(&ev))/>
                <input type="text" class="tag mono" data-testid="tag-value" aria-label=dt(Dt::TagValue)
                    placeholder=dt(Dt::TagValue) prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
            <p class="muted small">{dt(Dt::TagOverwrite)}</p>
            {reason_list("add-tag-reasons", shown)}
            {error_slot(add)}
            <div class="ip-actions">
                <Guarded testid="add-tag".to_owned() class="btn primary" need=Role::Operator rules=rules extra=extra
                    off=Signal::derive(move || request.with(Option::is_none) || add.pending().get())
                    on_click=Callback::new(move |_| if let Some(r) = request.get_untracked() { add.dispatch_local(r); })>
                    {move || if add.pending().get() { tr(T::Working)() } else { dt(Dt::AddTag)() }}
                </Guarded>
            </div>
            <div data-testid="add-tag-call">{call_or_hint(call, Dt::TagNothingYet)}</div>
        </fieldset>
    }
}
