//! The "Security groups" editor: 1 to 5 groups of the ENI's VPC (DescribeSecurityGroups), sent as
//! ModifyNetworkInterfaceAttribute `SecurityGroupId.N` (the whole set). Every refused choice says
//! why (`can_add_security_group_of`), the set is judged by `can_set_security_groups`, and a
//! primary ENI's groups follow its instance: it says so and offers no save.

use super::ips::call_or_hint;
use super::page::Detail;
use super::texts::{T as Dt, dt};
use crate::api;
use crate::components::error_banner::ErrorBanner;
use crate::components::group_picker::GroupPicker;
use crate::components::guarded::Guarded;
use crate::components::show_call::CallPreview;
use crate::i18n::{T, lang, tr};
use crate::loaded::{error_in, keyed, ok_or_default};
use crate::mutation::{call_action, error_slot, on_success};
use crate::state::roles::Role;
use crate::terraform;
use leptos::prelude::*;
use tether_domain::rules::{
    Reason, can_add_security_group_of, can_modify, can_set_security_groups,
};
use tether_domain::*;

/// The ENI's groups, as IDs in text.
fn group_ids(eni: &NetworkInterface) -> Vec<String> {
    let ids = &eni.security_group_ids.security_group_id;
    ids.iter().map(ToString::to_string).collect()
}

/// The section.
#[component]
pub fn EniGroups(#[prop(into)] detail: Signal<Detail>, on_changed: Callback<()>) -> impl IntoView {
    let loaded = keyed(
        move || detail.with(|d| d.region.clone()),
        api::security_groups,
    );
    let known = Memo::new(move |_| ok_or_default(loaded.get()));
    let current = Memo::new(move |_| detail.with(|d| group_ids(&d.eni)));
    let chosen = RwSignal::new(current.get_untracked());
    // A reload that changed the ENI's groups starts the editor from them.
    Effect::new(move |_| chosen.set(current.get()));
    let ids = move || -> Vec<SecurityGroupId> {
        chosen.with(|c| c.iter().filter_map(|s| s.parse().ok()).collect())
    };
    let changed = Memo::new(move |_| {
        let (mut now, mut was) = (chosen.get(), current.get());
        now.sort();
        was.sort();
        now != was
    });
    let modify = call_action::<ModifyNetworkInterfaceAttribute>();
    on_success(modify, move |_| on_changed.run(()));
    let request = Memo::new(move |_| {
        changed.get().then(|| {
            detail.with(|d| ModifyNetworkInterfaceAttribute {
                region_id: d.region.clone(),
                network_interface_id: d.eni.network_interface_id.clone(),
                network_interface_name: None,
                description: None,
                security_group_id: ids(),
                delete_on_release: None,
                source_dest_check: None,
            })
        })
    });
    let rules = Memo::new(move |_| {
        detail.with(|d| {
            let mut out = can_modify(&d.eni, true);
            // The set itself is judged once the region's groups are known.
            if known.with(|k| !k.is_empty()) {
                let set = known.with(|k| can_set_security_groups(&d.eni, &ids(), k));
                for r in set {
                    if !out.contains(&r) {
                        out.push(r);
                    }
                }
            }
            out
        })
    });
    let refusal = Callback::new(move |candidate: SecurityGroup| {
        known.with(|k| {
            let picked: Vec<&SecurityGroup> = chosen.with(|c| {
                k.iter()
                    .filter(|g| c.contains(&g.security_group_id.to_string()))
                    .collect()
            });
            detail.with(|d| can_add_security_group_of(&d.eni, &picked, &candidate))
        })
    });
    let primary = Memo::new(move |_| detail.with(|d| d.eni.eni_type == EniType::Primary));
    let locked = move || detail.with(|d| d.eni.service_managed) || primary.get();
    let picker = move || {
        let vpc = detail.with(|d| d.eni.vpc_id.clone());
        view! { <GroupPicker groups=known.get() vpc=vpc chosen=chosen disabled=locked() refusal=refusal testid="sg-pick"/> }
    };
    let call = Signal::derive(move || {
        request.with(|r| {
            r.as_ref().map(|r| {
                CallPreview::with_terraform(r, terraform::modify_network_interface_attribute)
            })
        })
    });
    let save = move || {
        (!primary.get()).then(|| view! {
            {error_slot(modify)}
            <div class="ip-actions">
                <Guarded testid="sg-save".to_owned() class="btn primary" need=Role::Operator rules=rules
                    off=Signal::derive(move || !changed.get() || modify.pending().get())
                    on_click=Callback::new(move |_| if let Some(r) = request.get_untracked() { modify.dispatch_local(r); })>
                    {move || if modify.pending().get() { tr(T::Working)() } else { dt(Dt::SaveGroups)() }}
                </Guarded>
            </div>
            <div data-testid="sg-call">{call_or_hint(call, Dt::GroupsUnchanged)}</div>
        })
    };
    view! {
        <section class="panel" aria-labelledby="groups-title" data-testid="eni-groups">
            <h2 id="groups-title">{tr(T::SecurityGroups)}</h2>
            {move || primary.get().then(|| view! {
                <p class="notice" data-testid="sg-primary-note">{move || Reason::PrimaryEniGroups.message(lang())}</p>
            })}
            <p class="muted small">{tr(T::SgHint)}</p>
            {move || error_in(loaded.get()).map(|e| view! { <ErrorBanner error=e/> })}
            <fieldset class="field" data-testid="sg-picker">
                <legend class="sr-only">{tr(T::SecurityGroups)}</legend>
                {picker}
            </fieldset>
            {save}
        </section>
    }
}
