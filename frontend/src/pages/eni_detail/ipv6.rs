//! The "IPv6 addresses" section: the ENI's addresses (`Ipv6Sets`), the meter against its limit
//! (`ipv6_limit`), unassign of the selected ones, and the assign form (`ipv6_assign.rs`). A
//! vSwitch without an IPv6 block says so; every refusal is the domain's and shows before any call.

use super::ips::{call_or_hint, reason_list};
use super::ipv6_assign::AssignIpv6;
use super::page::Detail;
use super::texts::{T as Dt, dt};
use crate::components::guarded::Guarded;
use crate::components::show_call::CallPreview;
use crate::ctx::is_protected_eni;
use crate::i18n::{T, lang, tr};
use crate::mutation::{call_action, error_slot, on_success};
use crate::state::private_ips::meter_text;
use crate::state::roles::Role;
use leptos::prelude::*;
use tether_domain::rules::{can_unassign_ipv6, ipv6_count, ipv6_limit, v_switch_ipv6_reasons};
use tether_domain::*;

/// The section.
#[component]
pub fn Ipv6Ips(#[prop(into)] detail: Signal<Detail>, on_changed: Callback<()>) -> impl IntoView {
    let selected = RwSignal::new(Vec::<String>::new());
    let list = Memo::new(move |_| {
        detail.with(|d| {
            let set = &d.eni.ipv6_sets.ipv6_set;
            set.iter()
                .map(|a| a.ipv6_address.clone())
                .collect::<Vec<_>>()
        })
    });
    // What a reload took away is no longer selected.
    Effect::new(move |_| {
        let held = list.get();
        selected.update(|s| s.retain(|ip| held.contains(ip)));
    });
    let meter =
        Memo::new(move |_| detail.with(|d| (ipv6_count(&d.eni), ipv6_limit(d.ip_context()))));
    let no_block = Signal::derive(move || {
        let l = lang();
        detail.with(|d| {
            v_switch_ipv6_reasons(d.v_switch.as_ref())
                .iter()
                .map(|r| r.message(l))
                .collect()
        })
    });
    let rules = Memo::new(move |_| {
        detail.with(|d| {
            let protected = is_protected_eni(&d.eni);
            selected.with(|s| can_unassign_ipv6(d.ip_context(), s, protected))
        })
    });
    let unassign = call_action::<UnassignIpv6Addresses>();
    on_success(unassign, move |_| {
        selected.set(Vec::new());
        on_changed.run(());
    });
    let request = Memo::new(move |_| {
        let ips = selected.get();
        (!ips.is_empty()).then(|| {
            detail.with(|d| UnassignIpv6Addresses {
                region_id: d.region.clone(),
                network_interface_id: d.eni.network_interface_id.clone(),
                ipv6_address: ips,
            })
        })
    });
    let call = Signal::derive(move || request.with(|r| r.as_ref().map(CallPreview::of)));
    let shown = Signal::derive(move || {
        let l = lang();
        rules.with(|r| r.iter().map(|r| r.message(l)).collect())
    });
    let rows = move || {
        list.get().into_iter().map(|ip| {
            let (ip_check, ip_set) = (ip.clone(), ip.clone());
            view! {
                <tr data-testid=format!("ipv6-row-{ip}")>
                    <td>
                        <input type="checkbox" data-testid=format!("ipv6-select-{ip}") aria-label=ip.clone()
                            prop:checked=move || selected.with(|s| s.contains(&ip_check))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                selected.update(|s| {
                                    s.retain(|x| x != &ip_set);
                                    if on { s.push(ip_set.clone()) }
                                });
                            }/>
                    </td>
                    <td class="mono">{ip.clone()}</td>
                </tr>
            }
        }).collect_view()
    };
    let none = move || {
        list.with(Vec::is_empty)
            .then(|| view! { <p class="muted" data-testid="no-ipv6">{dt(Dt::NoIpv6)}</p> })
    };
    view! {
        <section class="panel" aria-labelledby="ipv6-title" data-testid="ipv6-ips">
            <h2 id="ipv6-title">{tr(T::Ipv6Addresses)}</h2>
            {reason_list("ipv6-vswitch-note", no_block)}
            <div class="meter-line">
                <span data-testid="ipv6-meter">{move || meter.with(|(used, limit)| meter_text(lang(), *used, limit.as_ref()))}</span>
            </div>
            <table class="grid ips">
                <thead><tr>
                    <th><span class="sr-only">{tr(T::Select)}</span></th><th>{tr(T::Address)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {none}
            {error_slot(unassign)}
            {reason_list("unassign-ipv6-reasons", shown)}
            <div class="ip-actions">
                <Guarded testid="unassign-ipv6".to_owned() class="btn" need=Role::Operator rules=rules
                    off=Signal::derive(move || selected.with(Vec::is_empty) || unassign.pending().get())
                    on_click=Callback::new(move |_| if let Some(r) = request.get_untracked() { unassign.dispatch_local(r); })>
                    {tr(T::UnassignIps)}
                </Guarded>
            </div>
            <div data-testid="unassign-ipv6-call">{call_or_hint(call, Dt::PickIpv6)}</div>
            <AssignIpv6 detail=detail on_changed=on_changed/>
        </section>
    }
}
