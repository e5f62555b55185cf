//! Modify ENI: name, description, (secondary ENIs only) security groups, and whether it is
//! released with its instance (never for a protected ENI).

use crate::components::dialog::Dialog;
use crate::components::error_banner::ErrorBanner;
use crate::components::group_picker::GroupPicker;
use crate::components::show_call::{CallPreview, ShowCall};
use crate::components::text_field::TextField;
use crate::ctx::is_protected_eni;
use crate::i18n::{T, lang, tr};
use crate::terraform;
use leptos::prelude::*;
use tether_domain::Action as _;
use tether_domain::api::ApiError;
use tether_domain::rules::{can_modify, can_set_delete_on_release};
use tether_domain::*;

/// The modify dialog; only changed attributes are sent.
#[component]
pub fn ModifyDialog(
    eni: NetworkInterface,
    region: RegionId,
    #[prop(into)] security_groups: Signal<Vec<SecurityGroup>>,
    #[prop(into, optional)] busy: Signal<bool>,
    #[prop(into, optional)] error: Signal<Option<ApiError>>,
    on_submit: Callback<ModifyNetworkInterfaceAttribute>,
    on_close: Callback<()>,
) -> impl IntoView {
    let name = RwSignal::new(eni.network_interface_name.clone());
    let description = RwSignal::new(eni.description.clone());
    let original: Vec<String> = eni
        .security_group_ids
        .security_group_id
        .iter()
        .map(ToString::to_string)
        .collect();
    let groups = RwSignal::new(original.clone());
    let sg_block = can_modify(&eni, true).into_iter().next();
    let sg_locked = sg_block.is_some();
    let release_with = RwSignal::new(eni.delete_on_release);
    let protected = is_protected_eni(&eni);
    // Refused before it is chosen; one marked before it was protected may still be unmarked.
    let release_block = if eni.delete_on_release {
        Vec::new()
    } else {
        can_set_delete_on_release(protected, Some(true))
    };
    let release_locked = !release_block.is_empty();
    // A primary ENI always goes with its instance: the choice exists for secondary ENIs only.
    let secondary = eni.eni_type == EniType::Secondary;
    let base = eni.clone();
    let request = Memo::new(move |_| {
        let changed = |new: String, old: &str| (new.trim() != old).then(|| new.trim().to_owned());
        let mut new_groups = groups.get();
        new_groups.sort();
        let mut old_groups = original.clone();
        old_groups.sort();
        ModifyNetworkInterfaceAttribute {
            region_id: region.clone(),
            network_interface_id: base.network_interface_id.clone(),
            network_interface_name: changed(name.get(), &base.network_interface_name),
            description: changed(description.get(), &base.description),
            security_group_id: if new_groups == old_groups {
                Vec::new()
            } else {
                new_groups.iter().filter_map(|g| g.parse().ok()).collect()
            },
            delete_on_release: Some(release_with.get()).filter(|on| *on != base.delete_on_release),
            source_dest_check: None,
        }
    });
    let errors = Memo::new(move |_| request.with(|r| r.check_fields()));
    let refused = Memo::new(move |_| {
        request.with(|r| !can_set_delete_on_release(protected, r.delete_on_release).is_empty())
    });
    let message_for = move |field: &'static str| {
        Signal::derive(move || {
            errors.with(|e| {
                e.iter()
                    .find(|e| e.field == field)
                    .map(|e| e.message(lang()))
            })
        })
    };
    let sg_error = message_for("SecurityGroupId");
    let unchanged = move || {
        request.with(|r| {
            r.network_interface_name.is_none()
                && r.description.is_none()
                && r.security_group_id.is_empty()
                && r.delete_on_release.is_none()
        })
    };
    let call = Signal::derive(move || {
        Some(CallPreview::with_terraform(
            &request.get(),
            terraform::modify_network_interface_attribute,
        ))
    });
    let vpc = eni.vpc_id.clone();
    let group_boxes = move || {
        view! {
            <GroupPicker groups=security_groups.get() vpc=vpc.clone() chosen=groups
                disabled=sg_locked testid="modify-sg"/>
        }
    };
    let title = format!(
        "{} · {}",
        T::ModifyTitle.text(lang()),
        eni.network_interface_id
    );
    view! {
        <Dialog title=title on_close=on_close testid="modify-dialog">
            {move || error.get().map(|e| view! { <ErrorBanner error=e/> })}
            <TextField label=Signal::derive(move || tr(T::Name)().to_owned()) value=name error=message_for("NetworkInterfaceName") testid="modify-name"/>
            <TextField label=Signal::derive(move || tr(T::Description)().to_owned()) value=description error=message_for("Description") testid="modify-description"/>
            <fieldset class="field">
                <legend>{tr(T::SecurityGroups)}</legend>
                {sg_block.map(|r| view! { <p class="hint warn">{move || r.message(lang())}</p> })}
                {group_boxes}
                <p class="field-error">{move || sg_error.get()}</p>
            </fieldset>
            {secondary.then(move || view! { <div class="field">
                <label class="check">
                    <input type="checkbox" disabled=release_locked data-testid="modify-delete-on-release"
                        aria-describedby=release_locked.then_some("modify-delete-on-release-reason")
                        prop:checked=move || release_with.get() on:change=move |ev| release_with.set(event_target_checked(&ev))/>
                    {tr(T::ReleaseWithInstance)}
                </label>
                {release_block.into_iter().next().map(|r| view! {
                    <p class="hint warn" id="modify-delete-on-release-reason" data-testid="modify-delete-on-release-reason">{move || r.message(lang())}</p>
                })}
            </div> })}
            <ShowCall call=call/>
            <footer class="dialog-foot">
                <button class="btn" on:click=move |_| on_close.run(())>{tr(T::Cancel)}</button>
                <button class="btn primary" data-testid="modify-submit"
                    disabled=move || unchanged() || errors.with(|e| !e.is_empty()) || refused.get() || busy.get()
                    on:click=move |_| on_submit.run(request.get_untracked())>{tr(T::Save)}</button>
            </footer>
        </Dialog>
    }
}
