//! Assign secondary private IPs: a count of free addresses or the addresses themselves. The
//! domain's rules judge what is typed as it is typed (the smallest assignment, one address, while
//! nothing is), so a refusal and its reason show before any call.

use super::ips::{form_messages, reason_list};
use super::page::Detail;
use crate::api::client_token;
use crate::components::guarded::Guarded;
use crate::components::show_call::{CallPreview, ShowCall};
use crate::i18n::{T, tr};
use crate::mutation::{call_action, error_slot, on_success};
use crate::state::private_ips::{AssignForm, AssignMode, Wanted};
use crate::state::roles::Role;
use crate::terraform;
use leptos::prelude::*;
use tether_domain::rules::can_assign_private_ips;
use tether_domain::*;

/// The assign form of the "Private IP addresses" section.
#[component]
pub fn AssignIps(#[prop(into)] detail: Signal<Detail>, on_changed: Callback<()>) -> impl IntoView {
    let form = RwSignal::new(AssignForm::default());
    // One token per assignment: a double click or a retried call cannot take addresses twice.
    let token = RwSignal::new(client_token());
    let assign = call_action::<AssignPrivateIpAddresses>();
    on_success(assign, move |_| {
        form.set(AssignForm::default());
        token.set(client_token());
        on_changed.run(());
    });
    let wanted = Memo::new(move |_| form.with(Wanted::of));
    let request = Memo::new(move |_| {
        let w = wanted.get()?;
        Some(detail.with(|d| {
            w.request(
                d.region.clone(),
                d.eni.network_interface_id.clone(),
                &token.get(),
            )
        }))
    });
    let rules = Memo::new(move |_| {
        detail.with(|d| {
            // The cloud knows every address in use; the app knows this ENI's own.
            let held = |ip: &str| {
                d.eni.private_ip_address == ip
                    || d.eni
                        .private_ip_sets
                        .private_ip_set
                        .iter()
                        .any(|p| p.private_ip_address == ip)
            };
            let w = wanted.get().unwrap_or(Wanted::Count(1));
            can_assign_private_ips(d.ip_context(), w.as_rule(), &held)
        })
    });
    let (extra, shown) = form_messages(request, rules);
    let call = Signal::derive(move || {
        request.with(|r| {
            r.as_ref()
                .map(|r| CallPreview::with_terraform(r, terraform::assign_private_ip_addresses))
        })
    });
    let mode_is = move |m: AssignMode| form.with(|f| f.mode == m);
    view! {
        <fieldset class="assign" data-testid="assign-form">
            <legend>{tr(T::AssignIps)}</legend>
            <div class="assign-row">
                <label>
                    <input type="radio" name="assign-mode" data-testid="assign-mode-count"
                        prop:checked=move || mode_is(AssignMode::Count)
                        on:change=move |_| form.update(|f| f.mode = AssignMode::Count)/>
                    " "{tr(T::AssignCount)}
                </label>
                <input type="number" min="1" max="49" class="count" data-testid="assign-count"
                    aria-label=tr(T::AssignCount) prop:value=move || form.with(|f| f.count.clone())
                    on:input=move |ev| form.update(|f| { f.mode = AssignMode::Count; f.count = event_target_value(&ev); })/>
            </div>
            <div class="assign-row">
                <label>
                    <input type="radio" name="assign-mode" data-testid="assign-mode-addresses"
                        prop:checked=move || mode_is(AssignMode::Addresses)
                        on:change=move |_| form.update(|f| f.mode = AssignMode::Addresses)/>
                    " "{tr(T::AssignListed)}
                </label>
                <input type="text" class="addresses mono" data-testid="assign-addresses"
                    aria-label=tr(T::AssignListed) placeholder="192.168.1.20, 192.168.1.21"
                    prop:value=move || form.with(|f| f.addresses.clone())
                    on:input=move |ev| form.update(|f| { f.mode = AssignMode::Addresses; f.addresses = event_target_value(&ev); })/>
            </div>
            <p class="muted small">{tr(T::AddressesHint)}</p>
            {reason_list("assign-reasons", shown)}
            {error_slot(assign)}
            <div class="ip-actions">
                <Guarded testid="assign-ips".to_owned() class="btn primary" need=Role::Operator rules=rules extra=extra
                    off=Signal::derive(move || wanted.with(Option::is_none) || assign.pending().get())
                    on_click=Callback::new(move |_| if let Some(r) = request.get_untracked() { assign.dispatch_local(r); })>
                    {move || if assign.pending().get() { tr(T::Working)() } else { tr(T::AssignIps)() }}
                </Guarded>
            </div>
            <div data-testid="assign-call"><ShowCall call=call empty=T::AssignNothingYet/></div>
        </fieldset>
    }
}
