//! Assign IPv6 addresses: a count from the vSwitch's IPv6 block or the addresses themselves,
//! judged by the domain's `can_assign_ipv6` as they are typed (one address while nothing is).

use super::ips::{form_messages, reason_list};
use super::page::Detail;
use super::texts::{T as Dt, dt};
use crate::api::client_token;
use crate::components::guarded::Guarded;
use crate::components::show_call::{CallPreview, ShowCall};
use crate::i18n::{T, tr};
use crate::mutation::{call_action, error_slot, on_success};
use crate::state::private_ips::{AssignForm, AssignMode, Wanted};
use crate::state::roles::Role;
use leptos::prelude::*;
use tether_domain::rules::{Ipv6Wanted, can_assign_ipv6, same_ipv6};
use tether_domain::*;

/// The call that asks for `wanted`.
fn request(d: &Detail, wanted: &Wanted, token: String) -> AssignIpv6Addresses {
    let (region, eni) = (d.region.clone(), d.eni.network_interface_id.clone());
    let req = match wanted {
        Wanted::Count(n) => AssignIpv6Addresses::count(region, eni, *n),
        Wanted::Addresses(ips) => AssignIpv6Addresses::addresses(region, eni, ips.clone()),
    };
    AssignIpv6Addresses {
        client_token: Some(token),
        ..req
    }
}

/// The assign form of the "IPv6 addresses" section.
#[component]
pub fn AssignIpv6(#[prop(into)] detail: Signal<Detail>, on_changed: Callback<()>) -> impl IntoView {
    let form = RwSignal::new(AssignForm::default());
    // One token per assignment: a retried call cannot take addresses twice.
    let token = RwSignal::new(client_token());
    let assign = call_action::<AssignIpv6Addresses>();
    on_success(assign, move |_| {
        form.set(AssignForm::default());
        token.set(client_token());
        on_changed.run(());
    });
    let wanted = Memo::new(move |_| form.with(Wanted::of));
    let req = Memo::new(move |_| {
        let w = wanted.get()?;
        Some(detail.with(|d| request(d, &w, token.get())))
    });
    let rules = Memo::new(move |_| {
        detail.with(|d| {
            // The cloud knows every address in use; the app knows this ENI's own.
            let held = |ip: &str| {
                d.eni
                    .ipv6_sets
                    .ipv6_set
                    .iter()
                    .any(|a| same_ipv6(&a.ipv6_address, ip))
            };
            let w = wanted.get().unwrap_or(Wanted::Count(1));
            let rule = match &w {
                Wanted::Count(n) => Ipv6Wanted::Count(*n),
                Wanted::Addresses(ips) => Ipv6Wanted::Addresses(ips),
            };
            can_assign_ipv6(d.ip_context(), rule, &held)
        })
    });
    let (extra, shown) = form_messages(req, rules);
    let call = Signal::derive(move || req.with(|r| r.as_ref().map(CallPreview::of)));
    let mode_is = move |m: AssignMode| form.with(|f| f.mode == m);
    view! {
        <fieldset class="assign" data-testid="assign-ipv6-form">
            <legend>{dt(Dt::AssignIpv6)}</legend>
            <div class="assign-row">
                <label>
                    <input type="radio" name="assign-ipv6-mode" data-testid="assign-ipv6-mode-count"
                        prop:checked=move || mode_is(AssignMode::Count)
                        on:change=move |_| form.update(|f| f.mode = AssignMode::Count)/>
                    " "{tr(T::AssignCount)}
                </label>
                <input type="number" min="1" max="10" class="count" data-testid="assign-ipv6-count"
                    aria-label=tr(T::AssignCount) prop:value=move || form.with(|f| f.count.clone())
                    on:input=move |ev| form.update(|f| { f.mode = AssignMode::Count; f.count = event_target_value(&ev); })/>
            </div>
            <div class="assign-row">
                <label>
                    <input type="radio" name="assign-ipv6-mode" data-testid="assign-ipv6-mode-addresses"
                        prop:checked=move || mode_is(AssignMode::Addresses)
                        on:change=move |_| form.update(|f| f.mode = AssignMode::Addresses)/>
                    " "{tr(T::AssignListed)}
                </label>
                <input type="text" class="addresses mono" data-testid="assign-ipv6-addresses"
                    aria-label=tr(T::AssignListed) placeholder="2408:4005:3a0:7a00::20"
                    prop:value=move || form.with(|f| f.addresses.clone())
                    on:input=move |ev| form.update(|f| { f.mode = AssignMode::Addresses; f.addresses = event_target_value(&ev); })/>
            </div>
            <p class="muted small">{dt(Dt::Ipv6Hint)}</p>
            {reason_list("assign-ipv6-reasons", shown)}
            {error_slot(assign)}
            <div class="ip-actions">
                <Guarded testid="assign-ipv6".to_owned() class="btn primary" need=Role::Operator rules=rules extra=extra
                    off=Signal::derive(move || wanted.with(Option::is_none) || assign.pending().get())
                    on_click=Callback::new(move |_| if let Some(r) = req.get_untracked() { assign.dispatch_local(r); })>
                    {move || if assign.pending().get() { tr(T::Working)() } else { dt(Dt::AssignIpv6)() }}
                </Guarded>
            </div>
            <div data-testid="assign-ipv6-call"><ShowCall call=call empty=T::AssignNothingYet/></div>
        </fieldset>
    }
}
