//! One row of the ENI table, with the actions its status allows (disabled ones say why).

use crate::components::status_badge::EniBadge;
use crate::i18n::{T, lang, tr};
use crate::state::ctx::{can_mutate, href};
use leptos::prelude::*;
use tether_domain::rules::{can_delete, can_detach, can_modify};
use tether_domain::*;

/// What a row asks the page to open.
#[derive(Debug, Clone, PartialEq)]
pub enum EniDialog {
    /// Create ENI.
    Create,
    /// Bind to Instance.
    Bind(NetworkInterface),
    /// Unbind.
    Unbind(NetworkInterface),
    /// Delete.
    Delete(NetworkInterface),
    /// Modify.
    Modify(NetworkInterface),
}

fn type_label(t: EniType) -> T {
    match t {
        EniType::Primary => T::Primary,
        EniType::Secondary => T::Secondary,
        EniType::Trunk => T::Trunk,
    }
}

/// A table row.
#[component]
pub fn EniRow(
    eni: NetworkInterface,
    region: RegionId,
    #[prop(into)] stuck: Signal<bool>,
    open: Callback<EniDialog>,
    reissue: Callback<NetworkInterface>,
) -> impl IntoView {
    let id = eni.network_interface_id.to_string();
    let mutate = can_mutate();
    let viewer_reason = move || (!mutate).then(|| tr(T::ViewerRole)().to_owned());
    let detach_block = can_detach(&eni, None, false).into_iter().next();
    let delete_block = can_delete(&eni, false).into_iter().next();
    let modify_block = can_modify(&eni, false).into_iter().next();
    let status = eni.status;
    let instance_link = eni.instance_id.as_ref().map(|i| {
        let link = href("/instances", &region, &[("q", i.as_str())]);
        view! { <a href=link class="mono">{i.to_string()}</a> }
    });
    let groups = eni
        .security_group_ids
        .security_group_id
        .iter()
        .map(|g| view! { <div class="mono">{g.to_string()}</div> })
        .collect_view();
    let button = move |label: T,
                       testid: String,
                       kind: &'static str,
                       block: Option<tether_domain::rules::Reason>,
                       dialog: EniDialog| {
        let reason = block.clone();
        let title = move || {
            reason
                .as_ref()
                .map(|r| r.message(lang()))
                .or_else(viewer_reason)
        };
        view! {
            <button class=format!("btn small {kind}") data-testid=testid disabled=block.is_some() || !mutate
                title=title on:click=move |_| open.run(dialog.clone())>{tr(label)}</button>
        }
    };
    let actions = match (status, eni.eni_type) {
        (EniStatus::Available, _) => view! {
            {button(T::Bind, format!("bind-{id}"), "primary", None, EniDialog::Bind(eni.clone()))}
            {button(T::Modify, format!("modify-{id}"), "", modify_block.clone(), EniDialog::Modify(eni.clone()))}
            {button(T::Delete, format!("delete-{id}"), "danger-ghost", delete_block, EniDialog::Delete(eni.clone()))}
        }.into_any(),
        (EniStatus::InUse, _) => view! {
            {button(T::Unbind, format!("unbind-{id}"), "", detach_block, EniDialog::Unbind(eni.clone()))}
            {button(T::Modify, format!("modify-{id}"), "", modify_block, EniDialog::Modify(eni.clone()))}
        }.into_any(),
        _ => ().into_any(),
    };
    let stuck_eni = eni.clone();
    let stuck_text = if status == EniStatus::Deleting {
        T::StuckDeleting
    } else {
        T::StuckDetaching
    };
    view! {
        <tr data-testid=format!("eni-row-{id}") class:busy-row=status.is_transitional()>
            <td>
                <div class="mono strong">{id.clone()}</div>
                <div class="muted small">{eni.network_interface_name.clone()}</div>
            </td>
            <td>
                <EniBadge status=status testid=format!("eni-status-{id}")/>
                {move || stuck.get().then(|| view! {
                    <div class="stuck" role="status" data-testid=format!("stuck-{}", stuck_eni.network_interface_id)>
                        <p>{tr(T::StuckTitle)}" "{tr(stuck_text)}</p>
                        <button class="btn small" data-testid=format!("reissue-{}", stuck_eni.network_interface_id)
                            disabled=!mutate on:click={ let e = stuck_eni.clone(); move |_| reissue.run(e.clone()) }>{tr(T::Reissue)}</button>
                    </div>
                })}
            </td>
            <td>{tr(type_label(eni.eni_type))}</td>
            <td class="mono">{eni.vpc_id.to_string()}</td>
            <td class="mono">{eni.v_switch_id.to_string()}</td>
            <td>{eni.zone_id.to_string()}</td>
            <td class="mono">{eni.private_ip_address.clone()}</td>
            <td class="mono small">{eni.mac_address.clone()}</td>
            <td>{instance_link}</td>
            <td>{groups}</td>
            <td class="small">{eni.creation_time.replace('T', " ").replace('Z', "")}</td>
            <td class="actions">{actions}</td>
        </tr>
    }
}
