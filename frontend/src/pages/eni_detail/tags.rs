//! The "Tags" section: the ENI's tags as chips, removal of the selected ones (UntagResources),
//! and the add form (`tag_add.rs`). The domain's `can_untag` refuses before any call: a managed
//! ENI, and `tether:protected` (delete protection) for anyone but an admin.

use super::ips::{call_or_hint, reason_list};
use super::page::Detail;
use super::tag_add::AddTag;
use super::texts::{T as Dt, dt};
use crate::components::guarded::Guarded;
use crate::components::show_call::CallPreview;
use crate::ctx::current_role;
use crate::i18n::{T, lang, tr};
use crate::mutation::{call_action, error_slot, on_success};
use crate::state::roles::Role;
use leptos::prelude::*;
use tether_domain::rules::can_untag;
use tether_domain::*;

/// The section.
#[component]
pub fn EniTags(#[prop(into)] detail: Signal<Detail>, on_changed: Callback<()>) -> impl IntoView {
    let selected = RwSignal::new(Vec::<String>::new());
    let tags = Memo::new(move |_| detail.with(|d| d.eni.tags.tag.clone()));
    // What a reload took away is no longer selected.
    Effect::new(move |_| {
        let held = tags.get();
        selected.update(|s| s.retain(|k| held.iter().any(|t| &t.tag_key == k)));
    });
    let untag = call_action::<UntagResources>();
    on_success(untag, move |_| {
        selected.set(Vec::new());
        on_changed.run(());
    });
    let request = Memo::new(move |_| {
        let keys = selected.get();
        (!keys.is_empty()).then(|| {
            detail.with(|d| UntagResources {
                region_id: d.region.clone(),
                resource_type: TagResourceType::Eni,
                resource_id: vec![d.eni.network_interface_id.to_string()],
                tag_key: keys,
                all: None,
            })
        })
    });
    let rules = Memo::new(move |_| {
        let role = current_role();
        selected.with(|keys| detail.with(|d| can_untag((&d.eni).into(), keys, false, role)))
    });
    let shown = Signal::derive(move || {
        let l = lang();
        rules.with(|r| r.iter().map(|r| r.message(l)).collect())
    });
    let call = Signal::derive(move || request.with(|r| r.as_ref().map(CallPreview::of)));
    let chips = move || {
        tags.get()
            .into_iter()
            .map(|t| {
                let key = t.tag_key.clone();
                let (k_check, k_set) = (key.clone(), key.clone());
                view! {
                    <label class="chip mono" data-testid=format!("tag-{key}")>
                        <input type="checkbox" data-testid=format!("tag-select-{key}") aria-label=key.clone()
                            prop:checked=move || selected.with(|s| s.contains(&k_check))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                selected.update(|s| {
                                    s.retain(|x| x != &k_set);
                                    if on { s.push(k_set.clone()) }
                                });
                            }/>
                        " "{format!("{}={}", t.tag_key, t.tag_value)}
                    </label>
                }
            })
            .collect_view()
    };
    let none = move || {
        tags.with(Vec::is_empty)
            .then(|| view! { <p class="muted" data-testid="no-tags">{dt(Dt::NoTags)}</p> })
    };
    view! {
        <section class="panel" aria-labelledby="tags-title" data-testid="eni-tags">
            <h2 id="tags-title">{tr(T::Tags)}</h2>
            <div class="chips" data-testid="tag-chips">{chips}</div>
            {none}
            {error_slot(untag)}
            {reason_list("remove-tags-reasons", shown)}
            <div class="ip-actions">
                <Guarded testid="remove-tags".to_owned() class="btn" need=Role::Operator rules=rules
                    off=Signal::derive(move || selected.with(Vec::is_empty) || untag.pending().get())
                    on_click=Callback::new(move |_| if let Some(r) = request.get_untracked() { untag.dispatch_local(r); })>
                    {dt(Dt::RemoveTags)}
                </Guarded>
            </div>
            <div data-testid="untag-call">{call_or_hint(call, Dt::PickTags)}</div>
            <AddTag detail=detail on_changed=on_changed/>
        </section>
    }
}
