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

/// A table row. The page reuses a set of rows across searches, so `eni` may change under a
/// row: each cell follows it in place, so a keystroke that changes the rows shown rewrites
/// text and attributes instead of building rows; only a part whose shape changes (the buttons
/// of another status, a lock) is built anew. A row that is not `shown` is hidden and carries
/// no test or element IDs, so nothing finds it.
///
/// Each closure reads one memo (or `eni` itself): an effect that reads both a memo and a memo
/// derived from it can miss a change in Leptos 0.8 (tests/row_reuse.rs would catch it).
#[component]
pub fn EniRow(
    #[prop(into)] eni: Signal<NetworkInterface>,
    region: RegionId,
    #[prop(into)] stuck: Signal<bool>,
    open: Callback<EniDialog>,
    reissue: Callback<NetworkInterface>,
    #[prop(into, default = Signal::stored(true))] shown: Signal<bool>,
) -> impl IntoView {
    let id = Memo::new(move |_| eni.with(|e| e.network_interface_id.to_string()));
    let status = Memo::new(move |_| eni.with(|e| e.status));
    let eni_type = Memo::new(move |_| eni.with(|e| e.eni_type));
    let protected = Memo::new(move |_| eni.with(is_protected_eni));
    let instance = Memo::new(move |_| eni.with(|e| e.instance_id.clone()));
    let groups = Memo::new(move |_| {
        eni.with(|e| {
            let groups = &e.security_group_ids.security_group_id;
            groups.iter().map(|g| g.to_string()).collect::<Vec<_>>()
        })
    });
    // The ENI ID while the row is shown: every test ID in the row is made from it.
    let tag = Memo::new(move |_| shown.get().then(|| id.get()));
    let testid = move |prefix: &'static str| {
        Signal::derive(move || tag.with(|t| t.as_ref().map(|id| format!("{prefix}-{id}"))))
    };
    let text = move |field: fn(&NetworkInterface) -> String| move || eni.with(field);
    let link_region = region.clone();
    let instance_link = move || {
        instance.get().map(|i| {
            let link = href(Page::Instances, &region, &[("q", i.as_str())]);
            view! { <a href=link class="mono">{i.to_string()}</a> }
        })
    };
    let group_list = move || {
        let list = groups.get().into_iter();
        list.map(|g| view! { <div class="mono">{g}</div> })
            .collect_view()
    };
    let button = move |label: T,
                       action: &'static str,
                       class: &'static str,
                       need: Role,
                       rules: Signal<Vec<Reason>>,
                       dialog: fn(NetworkInterface) -> EniDialog| {
        view! {
            <Guarded testid=testid(action) class=class need=need rules=rules
                on_click=Callback::new(move |_| open.run(dialog(eni.get_untracked())))>{tr(label)}</Guarded>
        }
    };
    // Memos, so a button's reason is worked out again only when its rules change.
    let modify_rules = Memo::new(move |_| eni.with(|e| can_modify(e, false)));
    let delete_rules = Memo::new(move |_| {
        let protected = protected.get();
        eni.with(|e| can_delete(e, protected))
    });
    let detach_rules = Memo::new(move |_| {
        let protected = protected.get();
        eni.with(|e| can_detach(e, None, protected))
    });
    // Built anew only when the status changes: its buttons follow the ENI in place.
    let actions = move || {
        match status.get() {
        EniStatus::Available => view! {
            {button(T::Bind, "bind", "btn small primary", Role::Operator, Signal::default(), EniDialog::Bind)}
            {button(T::Modify, "modify", "btn small", Role::Operator, modify_rules.into(), EniDialog::Modify)}
            {button(T::Delete, "delete", "btn small danger-ghost", Role::Admin, delete_rules.into(), EniDialog::Delete)}
        }.into_any(),
        EniStatus::InUse => view! {
            {button(T::Unbind, "unbind", "btn small", Role::Operator, detach_rules.into(), EniDialog::Unbind)}
            {button(T::Modify, "modify", "btn small", Role::Operator, modify_rules.into(), EniDialog::Modify)}
        }.into_any(),
        _ => ().into_any(),
    }
    };
    let lock = move || {
        protected.get().then(|| {
            let text = move || Reason::Protected.message(lang());
            view! {
                <span class="lock" data-testid=testid("lock") title=text data-reason=text role="img" aria-label=text>
                    // Drawn, not an emoji: servers and kiosks often lack an emoji font.
                    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true"><path fill="currentColor" d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z"/></svg>
                </span>
            }
        })
    };
    // The status a stuck row is stuck in (none while it is not stuck): which playbook it offers.
    let stuck_in = Memo::new(move |_| stuck.get().then(|| status.get()));
    let stuck_notice = move || {
        stuck_in.get().map(|status| {
            let (words, need) = if status == EniStatus::Deleting {
                (T::StuckDeleting, Role::Admin)
            } else {
                (T::StuckDetaching, Role::Operator)
            };
            view! {
                <div class="stuck" role="status" data-testid=testid("stuck")>
                    <p>{tr(T::StuckTitle)}" "{tr(words)}</p>
                    <Guarded testid=testid("reissue") class="btn small" need=need
                        on_click=Callback::new(move |_| reissue.run(eni.get_untracked()))>{tr(T::Reissue)}</Guarded>
                </div>
            }
        })
    };
    view! {
        <tr data-testid=testid("eni-row") hidden=move || !shown.get() class:busy-row=move || status.get().is_transitional()>
            <td>
                <div class="mono strong">
                    <a href=move || eni_href(&link_region, &id.get()) data-testid=testid("eni-link")>{id}</a>" "{lock}
                </div>
                <div class="muted small">{text(|e| e.network_interface_name.clone())}</div>
            </td>
            <td>
                <EniBadge status=status testid=testid("eni-status")/>
                {stuck_notice}
            </td>
            <td>{move || type_label(eni_type.get()).text(lang())}</td>
            <td class="mono">{text(|e| e.vpc_id.to_string())}</td>
            <td class="mono">{text(|e| e.v_switch_id.to_string())}</td>
            <td>{text(|e| e.zone_id.to_string())}</td>
            <td class="mono">{text(|e| e.private_ip_address.clone())}</td>
            <td class="mono small">{text(|e| e.mac_address.clone())}</td>
            <td>{instance_link}</td>
            <td>{group_list}</td>
            <td class="small">{text(|e| e.creation_time.replace('T', " ").replace('Z', ""))}</td>
            <td class="actions">{actions}</td>
        </tr>
    }
}
