//! The wizard after its first step: the network and review steps, and the calls only they need
//! (the network half of the catalogue, RunInstances, looking at the new instance). In the split
//! build this is its own chunk, fetched while the first step is on screen (it is not needed to
//! draw it). The calls are plain futures: the wizard's resource and actions run them.

use super::data::{Look, NetworkPart, Wizard};
use super::network_step::NetworkStep;
use super::review_step::ReviewStep;
use crate::api;
use crate::i18n::{T, tr};
use crate::state::wizard::Step;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use tether_domain::api::ApiError;
use tether_domain::params::JsonArray;
use tether_domain::*;

/// The view of a later step. Asks for the network half of the catalogue if the page has not
/// yet (the user was quicker than its deferred load), or again if it failed.
pub fn step_view(w: Wizard, step: Step) -> AnyView {
    w.need_network();
    let (form, cat, request, network) = (w.form, w.cat, w.request, w.network);
    // Pending while the network half is on its way (first time or again after a failure).
    let pending = RwSignal::new(false);
    let loading = move || {
        pending.get().then(|| {
            view! { <p class="hint" role="status" data-testid="wizard-network-loading">{tr(T::Loading)}</p> }
        })
    };
    match step {
        Step::Review => view! { <ReviewStep form=form cat=cat request=request/> }.into_any(),
        _ => view! {
            {loading}
            <Transition set_pending=pending>
                {move || Suspend::new(async move {
                    let _ = network.await;
                })}
            </Transition>
            <NetworkStep form=form cat=cat/>
        }
        .into_any(),
    }
}

/// Loads what the network step offers (VPCs, vSwitches, security groups, free ENIs).
pub fn network(region: RegionId) -> Pin<Box<dyn Future<Output = Result<NetworkPart, ApiError>>>> {
    Box::pin(network_catalog(region))
}

async fn network_catalog(region: RegionId) -> Result<NetworkPart, ApiError> {
    let r = || region.clone();
    let vpcs = api::call(&DescribeVpcs {
        page_size: Some(50),
        ..DescribeVpcs::region(r())
    })
    .await?
    .vpcs
    .vpc;
    let v_switches = api::v_switches(r()).await?;
    let security_groups = api::security_groups(r()).await?;
    let mut eni_req = DescribeNetworkInterfaces::region(r());
    eni_req.status = Some(EniStatus::Available);
    eni_req.max_results = Some(500);
    let enis = api::call(&eni_req)
        .await?
        .network_interface_sets
        .network_interface_set;
    Ok((vpcs, v_switches, security_groups, enis))
}

/// Sends RunInstances (the form's request, with its ClientToken), then looks at the new
/// instance in the region it was created in.
pub fn run(req: RunInstances) -> Pin<Box<dyn Future<Output = Look>>> {
    Box::pin(async move {
        let region = req.region_id.clone();
        let resp = api::call(&req).await?;
        match resp.instance_id_sets.instance_id_set.into_iter().next() {
            Some(id) => look_at(region, id).await,
            None => Ok(None),
        }
    })
}

/// One look at an instance (the page polls this until it is Running).
pub fn look(region: RegionId, id: InstanceId) -> Pin<Box<dyn Future<Output = Look>>> {
    Box::pin(look_at(region, id))
}

async fn look_at(region: RegionId, id: InstanceId) -> Look {
    let mut req = DescribeInstances::region(region);
    req.instance_ids = Some(JsonArray(vec![id]));
    Ok(api::call(&req).await?.instances.instance.into_iter().next())
}
