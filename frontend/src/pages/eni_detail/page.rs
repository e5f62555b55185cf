//! `/enis/<id>?region=`: loads the ENI, the instance it is attached to and that instance's type
//! (for the per-ENI address quota), and its vSwitch (CIDR block, free addresses); reloads them
//! all after a change and while the ENI is in a transitional state.

use super::fields::EniFields;
use super::groups::EniGroups;
use super::ips::PrivateIps;
use super::ipv6::Ipv6Ips;
use super::source_dest::SourceDest;
use super::tags::EniTags;
use crate::api;
use crate::components::error_banner::ErrorBanner;
use crate::components::status_badge::EniBadge;
use crate::ctx::{href, use_region};
use crate::i18n::{T, tr};
use crate::loaded::{error_in, keyed, ok_or_default};
use crate::poller::use_poll;
use crate::router::{Page, eni_id_of, use_location};
use leptos::prelude::*;
use tether_domain::api::ApiError;
use tether_domain::params::JsonArray;
use tether_domain::rules::PrivateIpContext;
use tether_domain::*;

/// What the page shows, from one round of Describe calls.
#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub region: RegionId,
    pub eni: NetworkInterface,
    /// The instance it is attached to, when it is.
    pub instance: Option<Instance>,
    /// That instance's type: its `EniPrivateIpAddressQuantity` is the ENI's address limit.
    pub instance_type: Option<InstanceTypeInfo>,
    pub v_switch: Option<VSwitch>,
}

impl Detail {
    /// What the private-IP rules look at.
    pub fn ip_context(&self) -> PrivateIpContext<'_> {
        PrivateIpContext {
            eni: &self.eni,
            instance: self.instance.as_ref(),
            instance_type: self.instance_type.as_ref(),
            v_switch: self.v_switch.as_ref(),
        }
    }
}

/// The ENI `id` of `region` and what its rules look at; `None` when the region has no such ENI.
async fn load((region, id): (RegionId, String)) -> Result<Option<Detail>, ApiError> {
    let Ok(eni_id) = id.parse::<NetworkInterfaceId>() else {
        return Ok(None);
    };
    let req = DescribeNetworkInterfaces {
        network_interface_id: vec![eni_id],
        ..DescribeNetworkInterfaces::region(region.clone())
    };
    let found = api::call(&req).await?.network_interface_sets;
    let Some(eni) = found.network_interface_set.into_iter().next() else {
        return Ok(None);
    };
    let mut instance = None;
    if let Some(id) = &eni.instance_id {
        let req = DescribeInstances {
            instance_ids: Some(JsonArray(vec![id.clone()])),
            ..DescribeInstances::region(region.clone())
        };
        instance = api::call(&req).await?.instances.instance.into_iter().next();
    }
    let mut instance_type = None;
    if let Some(i) = &instance {
        let req = DescribeInstanceTypes {
            instance_types: vec![i.instance_type.clone()],
            ..Default::default()
        };
        let types = api::call(&req).await?.instance_types.instance_type;
        instance_type = types
            .into_iter()
            .find(|t| t.instance_type_id == i.instance_type);
    }
    let req = DescribeVSwitches {
        v_switch_id: Some(eni.v_switch_id.clone()),
        ..DescribeVSwitches::region(region.clone())
    };
    let v_switch = api::call(&req)
        .await?
        .v_switches
        .v_switch
        .into_iter()
        .next();
    Ok(Some(Detail {
        region,
        eni,
        instance,
        instance_type,
        v_switch,
    }))
}

/// `/enis/<id>`.
#[component]
pub fn EniDetailPage() -> impl IntoView {
    let region = use_region();
    let location = use_location();
    let id = Memo::new(move |_| location.pathname.with(|p| eni_id_of(p).unwrap_or_default()));
    let loaded = keyed(move || (region.get(), id.get()), load);
    let detail = Memo::new(move |_| ok_or_default(loaded.get()));
    let reload = Callback::new(move |_| loaded.get_untracked().refetch());
    let transitional = Memo::new(move |_| {
        detail.with(|d| d.as_ref().is_some_and(|d| d.eni.status.is_transitional()))
    });
    use_poll(transitional, move || reload.run(()));
    // Drawn once per ENI, then fed every new answer: a reload keeps the section's selection.
    let shown =
        Memo::new(move |_| detail.with(|d| d.as_ref().map(|d| d.eni.network_interface_id.clone())));
    let body = move || {
        shown.get()?;
        let first = detail.get_untracked()?;
        let current = Signal::derive(move || detail.get().unwrap_or_else(|| first.clone()));
        Some(view! {
            <EniFields detail=current/>
            <PrivateIps detail=current on_changed=reload/>
            <Ipv6Ips detail=current on_changed=reload/>
            <EniTags detail=current on_changed=reload/>
            <EniGroups detail=current on_changed=reload/>
            <SourceDest detail=current on_changed=reload/>
        })
    };
    let answered = move || loaded.get().with(Option::is_some);
    let not_found = move || {
        (answered() && error_in(loaded.get()).is_none() && detail.with(Option::is_none)).then(
            || view! { <p class="empty" data-testid="eni-not-found">{tr(T::EniNotFound)}</p> },
        )
    };
    let status = move || {
        detail.with(|d| d.as_ref().map(|d| d.eni.status)).map(|s| {
            view! { <EniBadge status=s testid="detail-status".to_owned()/> }
        })
    };
    view! {
        <section class="page eni-detail" data-testid="eni-detail-page">
            <p class="crumbs"><a href=move || href(Page::Enis, &region.get(), &[]) data-testid="back-to-enis">
                "← "{tr(T::NavEnis)}
            </a></p>
            <header class="page-head">
                <h1 class="mono" data-testid="detail-id">{move || id.get()}</h1>
                {status}
                <span class="spacer"></span>
                <button class="btn" data-testid="detail-refresh" on:click=move |_| reload.run(())>{tr(T::Refresh)}</button>
            </header>
            {move || error_in(loaded.get()).map(|e| view! { <ErrorBanner error=e/> })}
            {move || (!answered()).then(|| view! { <p class="empty">{tr(T::Loading)}</p> })}
            {not_found}
            {body}
        </section>
    }
}
