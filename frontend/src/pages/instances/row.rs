//! One instance row: state, placement, ENI usage, and the lifecycle actions its state allows.

use crate::components::guarded::Guarded;
use crate::components::status_badge::InstanceBadge;
use crate::ctx::{href, is_protected_eni};
use crate::i18n::{T, tr};
use crate::router::Page;
use crate::state::roles::Role;
use leptos::prelude::*;
use tether_domain::rules::{Reason, can_release};
use tether_domain::*;

/// What a row asks the page to do.
#[derive(Debug, Clone, PartialEq)]
pub enum InstanceOp {
    /// StartInstance.
    Start(InstanceId),
    /// StopInstance.
    Stop(InstanceId),
    /// RebootInstance.
    Restart(InstanceId),
    /// Open the release confirmation (boxed: an instance is much larger than an ID).
    Release(Box<Instance>),
}

/// A table row. `enis` are the region's ENIs: Release is refused while it would delete a
/// protected one (they may arrive after the row is drawn).
#[component]
pub fn InstanceRow(
    instance: Instance,
    quota: Option<u32>,
    region: RegionId,
    op: Callback<InstanceOp>,
    #[prop(into, optional)] enis: Signal<Vec<NetworkInterface>>,
) -> impl IntoView {
    let id = instance.instance_id.to_string();
    let status = instance.status;
    let used = instance.eni_count();
    let quota_text = quota.map_or("?".to_owned(), |q| q.to_string());
    let full = quota.is_some_and(|q| used as u32 >= q);
    let judged = instance.clone();
    let release_block =
        Signal::derive(move || enis.with(|e| can_release(&judged, e, is_protected_eni)));
    let btn = move |label: T, testid: String, show: bool, o: InstanceOp, class: &'static str| {
        let (need, rules) = if matches!(o, InstanceOp::Release(_)) {
            (Role::Admin, release_block)
        } else {
            (Role::Operator, Signal::<Vec<Reason>>::default())
        };
        show.then(|| {
            view! {
                <Guarded testid=testid class=class need=need rules=rules
                    on_click=Callback::new(move |_| op.run(o.clone()))>{tr(label)}</Guarded>
            }
        })
    };
    let iid = instance.instance_id.clone();
    let running = status == InstanceStatus::Running;
    let stopped = status == InstanceStatus::Stopped;
    let attach_link = href(Page::Enis, &region, &[("attach", &id)]);
    view! {
        <tr data-testid=format!("instance-row-{id}") class:busy-row=status.is_transitional()>
            <td><div class="mono strong">{id.clone()}</div><div class="muted small">{instance.instance_name.clone()}</div></td>
            <td><InstanceBadge status=status testid=format!("instance-status-{id}")/></td>
            <td class="mono">{instance.instance_type.to_string()}</td>
            <td class:warn-text=full>{format!("{used}/{quota_text}")}</td>
            <td class="small">{instance.start_time.replace('T', " ").replace('Z', "")}</td>
            <td>{instance.zone_id.to_string()}</td>
            <td class="mono">{instance.network().to_owned()}</td>
            <td class="actions">
                {btn(T::Start, format!("start-{id}"), stopped, InstanceOp::Start(iid.clone()), "btn small")}
                {btn(T::Stop, format!("stop-{id}"), running, InstanceOp::Stop(iid.clone()), "btn small")}
                {btn(T::Restart, format!("reboot-{id}"), running, InstanceOp::Restart(iid.clone()), "btn small")}
                {(running || stopped).then(|| view! {
                    <a class="btn small" href=attach_link data-testid=format!("attach-eni-{id}")>{tr(T::AttachEni)}</a>
                })}
                {btn(T::Release, format!("release-{id}"), running || stopped, InstanceOp::Release(Box::new(instance.clone())), "btn small danger-ghost")}
            </td>
        </tr>
    }
}
