//! The source/destination check: its state and a toggle (ModifyNetworkInterfaceAttribute
//! `SourceDestCheck`), with why one would turn it off.

use super::page::Detail;
use super::texts::{T as Dt, dt};
use crate::components::guarded::Guarded;
use crate::components::show_call::{CallPreview, ShowCall};
use crate::i18n::{T, tr};
use crate::mutation::{call_action, error_slot, on_success};
use crate::state::roles::Role;
use crate::terraform;
use leptos::prelude::*;
use tether_domain::rules::can_modify;
use tether_domain::*;

/// The section.
#[component]
pub fn SourceDest(#[prop(into)] detail: Signal<Detail>, on_changed: Callback<()>) -> impl IntoView {
    let modify = call_action::<ModifyNetworkInterfaceAttribute>();
    on_success(modify, move |_| on_changed.run(()));
    let on = Memo::new(move |_| detail.with(|d| d.eni.source_dest_check));
    let request = Memo::new(move |_| {
        detail.with(|d| ModifyNetworkInterfaceAttribute {
            region_id: d.region.clone(),
            network_interface_id: d.eni.network_interface_id.clone(),
            network_interface_name: None,
            description: None,
            security_group_id: Vec::new(),
            delete_on_release: None,
            source_dest_check: Some(!d.eni.source_dest_check),
        })
    });
    let rules = Memo::new(move |_| detail.with(|d| can_modify(&d.eni, false)));
    let call = Signal::derive(move || {
        Some(CallPreview::with_terraform(
            &request.get(),
            terraform::modify_network_interface_attribute,
        ))
    });
    let state = move || dt(if on.get() { Dt::CheckOn } else { Dt::CheckOff })();
    let label = move || {
        if modify.pending().get() {
            tr(T::Working)()
        } else {
            dt(if on.get() {
                Dt::TurnCheckOff
            } else {
                Dt::TurnCheckOn
            })()
        }
    };
    view! {
        <section class="panel" aria-labelledby="source-dest-title" data-testid="source-dest">
            <h2 id="source-dest-title">{tr(T::SourceDestCheck)}</h2>
            <p><span class="badge idle" data-testid="source-dest-state" data-on=move || on.get().to_string()>{state}</span></p>
            <p class="muted small">{dt(Dt::SourceDestHint)}</p>
            {error_slot(modify)}
            <div class="ip-actions">
                <Guarded testid="source-dest-toggle".to_owned() class="btn" need=Role::Operator rules=rules
                    off=Signal::derive(move || modify.pending().get())
                    on_click=Callback::new(move |_| { modify.dispatch_local(request.get_untracked()); })>
                    {label}
                </Guarded>
            </div>
            <div data-testid="source-dest-call"><ShowCall call=call/></div>
        </section>
    }
}
