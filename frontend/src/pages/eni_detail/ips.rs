//! The "Private IP addresses" section: the addresses (the primary marked, and not selectable),
//! the meter against the ENI's limit, unassign of the selected ones, and the assign form. Every
//! refusal comes from the domain's rules and shows before any call.

use super::assign::AssignIps;
use super::page::Detail;
use super::texts::{T as Dt, dt};
use crate::components::guarded::Guarded;
use crate::components::show_call::{CallPreview, ShowCall};
use crate::ctx::is_protected_eni;
use crate::i18n::{T, lang, tr};
use crate::mutation::{call_action, error_slot, on_success};
use crate::state::private_ips::meter_text;
use crate::state::roles::Role;
use crate::terraform;
use leptos::prelude::*;
use tether_domain::rules::{Reason, can_unassign_private_ips, private_ip_count, private_ip_limit};
use tether_domain::*;

/// Reasons in words, visible (the button's own copy is for screen readers and tooltips).
pub(super) fn reason_list(testid: &'static str, reasons: Signal<Vec<String>>) -> impl IntoView {
    move || {
        let list = reasons.get();
        (!list.is_empty()).then(|| {
            view! {
                <ul class="reasons" data-testid=testid aria-hidden="true">
                    {list.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
                </ul>
            }
        })
    }
}

/// What a form shows of its request's problems: the field errors joined (the button's extra
/// reason) and every refusal of `rules` followed by them (the visible list), in the current
/// language. The assign, IPv6 assign and add-tag forms share it.
pub(super) fn form_messages<A>(
    request: Memo<Option<A>>,
    rules: Memo<Vec<Reason>>,
) -> (Signal<Option<String>>, Signal<Vec<String>>)
where
    A: tether_domain::Action + PartialEq + Send + Sync + 'static,
{
    let field_errors = Memo::new(move |_| {
        let l = lang();
        request.with(|r| {
            r.as_ref()
                .map(|r| r.check_fields().iter().map(|e| e.message(l)).collect())
                .unwrap_or_default()
        })
    });
    let extra = Signal::derive(move || {
        let text = field_errors.with(|e: &Vec<String>| e.join(" "));
        (!text.is_empty()).then_some(text)
    });
    let shown = Signal::derive(move || {
        let l = lang();
        let mut out: Vec<String> = rules.with(|r| r.iter().map(|r| r.message(l)).collect());
        out.extend(field_errors.get());
        out
    });
    (extra, shown)
}

/// "Show the call" once there is a call to show; until then, what to do first (in the page's own
/// words: `ShowCall`'s placeholder takes the shared table's).
pub(super) fn call_or_hint(call: Signal<Option<CallPreview>>, hint: Dt) -> impl IntoView {
    let has = Memo::new(move |_| call.with(Option::is_some));
    move || {
        if has.get() {
            view! { <ShowCall call=call/> }.into_any()
        } else {
            view! { <p class="muted small">{dt(hint)}</p> }.into_any()
        }
    }
}

/// The ENI's addresses, the primary first; an answer without the set still has the primary.
fn addresses(eni: &NetworkInterface) -> Vec<PrivateIpSet> {
    let mut list = eni.private_ip_sets.private_ip_set.clone();
    if list.is_empty() && !eni.private_ip_address.is_empty() {
        list.push(PrivateIpSet::new(eni.private_ip_address.clone(), true));
    }
    // A stable partition, not a sort: the same order, without the sort's ~1 KB gzip in the
    // page's first load.
    let (mut primary_first, secondaries): (Vec<_>, Vec<_>) =
        list.into_iter().partition(|p| p.primary);
    primary_first.extend(secondaries);
    primary_first
}

/// The section.
#[component]
pub fn PrivateIps(#[prop(into)] detail: Signal<Detail>, on_changed: Callback<()>) -> impl IntoView {
    let selected = RwSignal::new(Vec::<String>::new());
    let list = Memo::new(move |_| detail.with(|d| addresses(&d.eni)));
    // What a reload took away is no longer selected.
    Effect::new(move |_| {
        let held = list.get();
        selected.update(|s| s.retain(|ip| held.iter().any(|p| &p.private_ip_address == ip)));
    });
    let meter = Memo::new(move |_| {
        detail.with(|d| (private_ip_count(&d.eni), private_ip_limit(d.ip_context())))
    });
    let unassign_rules = Memo::new(move |_| {
        detail.with(|d| {
            let protected = is_protected_eni(&d.eni);
            selected.with(|s| can_unassign_private_ips(d.ip_context(), s, protected))
        })
    });
    let unassign = call_action::<UnassignPrivateIpAddresses>();
    on_success(unassign, move |_| {
        selected.set(Vec::new());
        on_changed.run(());
    });
    let request = Memo::new(move |_| {
        let ips = selected.get();
        (!ips.is_empty()).then(|| {
            detail.with(|d| UnassignPrivateIpAddresses {
                region_id: d.region.clone(),
                network_interface_id: d.eni.network_interface_id.clone(),
                private_ip_address: ips,
            })
        })
    });
    let call = Signal::derive(move || {
        request.with(|r| {
            r.as_ref()
                .map(|r| CallPreview::with_terraform(r, terraform::unassign_private_ip_addresses))
        })
    });
    let shown_reasons = Signal::derive(move || {
        let l = lang();
        unassign_rules.with(|r| r.iter().map(|r| r.message(l)).collect())
    });
    let managed = move || {
        detail.with(|d| d.eni.service_managed).then(|| view! {
            <p class="notice" data-testid="managed-note">{move || Reason::ServiceManaged.message(lang())}</p>
        })
    };
    let rows = move || {
        list.get().into_iter().map(|p| {
            let ip = p.private_ip_address.clone();
            let (ip_check, ip_set) = (ip.clone(), ip.clone());
            // The primary is never selectable; the rule's own words say why.
            let why = p.primary.then(|| Reason::PrimaryIp { ip: ip.clone() });
            let title = why.clone().map(|r| move || r.message(lang()));
            let eip = p.associated_public_ip.public_ip_address.clone();
            view! {
                <tr data-testid=format!("ip-row-{ip}") data-primary=p.primary.to_string()>
                    <td>
                        <input type="checkbox" data-testid=format!("ip-select-{ip}") disabled=p.primary
                            aria-label=ip.clone() title=title
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
                    <td>{p.primary.then(|| view! { <span class="badge idle" data-testid="primary-mark">{tr(T::PrimaryMark)}</span> })}</td>
                    <td class="mono">{eip}</td>
                </tr>
            }
        }).collect_view()
    };
    view! {
        <section class="panel" aria-labelledby="private-ips-title" data-testid="private-ips">
            <h2 id="private-ips-title">{tr(T::PrivateIps)}</h2>
            {managed}
            <div class="meter-line">
                <meter min="0" max=move || meter.with(|(used, limit)| limit.as_ref().map_or(*used, |l| l.0))
                    value=move || meter.with(|m| m.0) aria-hidden="true"></meter>
                <span data-testid="ip-meter">{move || meter.with(|(used, limit)| meter_text(lang(), *used, limit.as_ref()))}</span>
            </div>
            <table class="grid ips">
                <thead><tr>
                    <th><span class="sr-only">{tr(T::Select)}</span></th><th>{tr(T::Address)}</th>
                    <th><span class="sr-only">{tr(T::Primary)}</span></th><th>{tr(T::Eip)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {error_slot(unassign)}
            {reason_list("unassign-reasons", shown_reasons)}
            <div class="ip-actions">
                <Guarded testid="unassign-ips".to_owned() class="btn" need=Role::Operator rules=unassign_rules
                    off=Signal::derive(move || selected.with(Vec::is_empty) || unassign.pending().get())
                    on_click=Callback::new(move |_| if let Some(r) = request.get_untracked() { unassign.dispatch_local(r); })>
                    {tr(T::UnassignIps)}
                </Guarded>
            </div>
            <div data-testid="unassign-call"><ShowCall call=call empty=T::PickAddresses/></div>
            <AssignIps detail=detail on_changed=on_changed/>
        </section>
    }
}
