//! One row of the ENI table, with the actions its status allows (disabled ones say why).

use crate::components::guarded::Guarded;
use crate::components::status_badge::EniBadge;
use crate::ctx::{eni_href, href, is_protected_eni};
use crate::i18n::{T, lang, tr};
use crate::router::Page;
use crate::state::roles::Role;
use leptos::prelude::*;
use tether_domain::rules::{Reason, can_delete, can_detach, can_modify};
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

/// The words for an ENI type.
pub fn type_label(t: EniType) -> T {
    match t {
        EniType::Primary => T::Primary,
        EniType::Secondary => T::Secondary,
        EniType::Trunk => T::Trunk,
        EniType::Unknown => T::UnknownType,
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
    let protected = is_protected_eni(&eni);
    let detach_block = can_detach(&eni, None, protected);
    let delete_block = can_delete(&eni, protected);
    let modify_block = can_modify(&eni, false);
    let status = eni.status;
    let instance_link = eni.instance_id.as_ref().map(|i| {
        let link = href(Page::Instances, &region, &[("q", i.as_str())]);
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
                       class: &'static str,
                       need: Role,
                       rules: Vec<Reason>,
                       dialog: EniDialog| {
        view! {
            <Guarded testid=testid class=class need=need rules=rules
                on_click=Callback::new(move |_| open.run(dialog.clone()))>{tr(label)}</Guarded>
        }
    };
    let actions = match (status, eni.eni_type) {
        (EniStatus::Available, _) => view! {
            {button(T::Bind, format!("bind-{id}"), "btn small primary", Role::Operator, Vec::new(), EniDialog::Bind(eni.clone()))}
            {button(T::Modify, format!("modify-{id}"), "btn small", Role::Operator, modify_block.clone(), EniDialog::Modify(eni.clone()))}
            {button(T::Delete, format!("delete-{id}"), "btn small danger-ghost", Role::Admin, delete_block, EniDialog::Delete(eni.clone()))}
        }.into_any(),
        (EniStatus::InUse, _) => view! {
            {button(T::Unbind, format!("unbind-{id}"), "btn small", Role::Operator, detach_block, EniDialog::Unbind(eni.clone()))}
            {button(T::Modify, format!("modify-{id}"), "btn small", Role::Operator, modify_block, EniDialog::Modify(eni.clone()))}
        }.into_any(),
        _ => ().into_any(),
    };
    let lock = protected.then(|| {
        let text = move || Reason::Protected.message(lang());
        view! {
            <span class="lock" data-testid=format!("lock-{id}") title=text data-reason=text role="img" aria-label=text>
                // Drawn, not an emoji: servers and kiosks often lack an emoji font.
                <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true"><path fill="currentColor" d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z"/></svg>
            </span>
        }
    });
    let stuck_eni = eni.clone();
    let stuck_text = if status == EniStatus::Deleting {
        T::StuckDeleting
    } else {
        T::StuckDetaching
    };
    view! {
        <tr data-testid=format!("eni-row-{id}") class:busy-row=status.is_transitional()>
            <td>
                <div class="mono strong">
                    <a href=eni_href(&region, &id) data-testid=format!("eni-link-{id}")>{id.clone()}</a>" "{lock}
                </div>
                <div class="muted small">{eni.network_interface_name.clone()}</div>
            </td>
            <td>
                <EniBadge status=status testid=format!("eni-status-{id}")/>
                {move || stuck.get().then(|| view! {
                    <div class="stuck" role="status" data-testid=format!("stuck-{}", stuck_eni.network_interface_id)>
                        <p>{tr(T::StuckTitle)}" "{tr(stuck_text)}</p>
                        <Guarded testid=format!("reissue-{}", stuck_eni.network_interface_id) class="btn small"
                            need=if status == EniStatus::Deleting { Role::Admin } else { Role::Operator }
                            on_click={ let e = stuck_eni.clone(); Callback::new(move |_| reissue.run(e.clone())) }>{tr(T::Reissue)}</Guarded>
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
