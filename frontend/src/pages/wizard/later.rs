//! The wizard after its first step: the network and review steps, the network half of the
//! catalogue, creating the instance and following it. In the split build this is its own chunk,
//! fetched while the first step is on screen (it is not needed to draw it).

use super::network_step::NetworkStep;
use super::review_step::ReviewStep;
use crate::api;
use crate::i18n::{T, tr};
use crate::state::wizard::{Catalog, Step, WizardForm};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;
use tether_domain::api::ApiError;
use tether_domain::params::JsonArray;
use tether_domain::*;

/// What the later steps share with the page.
#[derive(Clone, Copy)]
pub struct Wizard {
    pub region: Memo<RegionId>,
    pub form: RwSignal<WizardForm>,
    pub cat: RwSignal<Catalog>,
    pub request: Memo<Option<RunInstances>>,
    pub busy: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
    pub created: RwSignal<Option<Instance>>,
    /// The region whose network half is in the catalogue (or on its way). Never drawn, so
    /// not a signal.
    pub network_for: StoredValue<Option<RegionId>>,
    /// The network half is on its way (the network step says so rather than offering nothing).
    pub network_loading: RwSignal<bool>,
    /// Which wizard this is: the page counts up when the region changes and starts it over. An
    /// answer that arrives for an earlier one (or after the page went) is dropped.
    pub epoch: StoredValue<u64>,
}

impl Wizard {
    fn epoch_now(self) -> Option<u64> {
        self.epoch.try_get_value()
    }

    fn still(self, epoch: u64) -> bool {
        self.epoch_now() == Some(epoch)
    }
}

/// The view of a later step. Loads the network half of the catalogue if the page has not yet
/// (the user was quicker than its deferred load, or this chunk had failed to arrive then).
pub fn step_view(w: Wizard, step: Step) -> AnyView {
    if let Some(region) = w.region.try_get_untracked() {
        spawn_local(load_network(w, region));
    }
    let (form, cat, request) = (w.form, w.cat, w.request);
    let loading = move || {
        w.network_loading.get().then(|| {
            view! { <p class="hint" role="status" data-testid="wizard-network-loading">{tr(T::Loading)}</p> }
        })
    };
    match step {
        Step::Review => view! { <ReviewStep form=form cat=cat request=request/> }.into_any(),
        _ => view! { {loading}<NetworkStep form=form cat=cat/> }.into_any(),
    }
}

/// Loads what the network step offers (VPCs, vSwitches, security groups, free ENIs) into the
/// catalogue, unless it is there or on its way; a failure is shown in the page's error slot
/// (and the next look at the network step tries again).
pub fn load_network(w: Wizard, region: RegionId) -> Pin<Box<dyn Future<Output = ()>>> {
    let Some(epoch) = w.epoch_now() else {
        return Box::pin(async {});
    };
    if w.network_for.try_get_value().flatten().as_ref() == Some(&region) {
        return Box::pin(async {}); // loaded, or on its way
    }
    w.network_for.set_value(Some(region.clone()));
    w.network_loading.set(true);
    Box::pin(async move {
        let answer = network_catalog(region).await;
        if !w.still(epoch) {
            return;
        }
        w.network_loading.set(false);
        match answer {
            Ok(part) => {
                w.cat
                    .update(|c| (c.vpcs, c.v_switches, c.security_groups, c.enis) = part);
            }
            Err(e) => {
                w.network_for.set_value(None);
                w.error.set(Some(e));
            }
        }
    })
}

type NetworkPart = (
    Vec<Vpc>,
    Vec<VSwitch>,
    Vec<SecurityGroup>,
    Vec<NetworkInterface>,
);

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

/// Sends RunInstances (the form's request, with its ClientToken) and shows the new instance.
pub fn create(w: Wizard) {
    // Reached after the chunk arrived: the page may have gone meanwhile.
    let (Some(Some(req)), Some(epoch)) = (w.request.try_get_untracked(), w.epoch_now()) else {
        return;
    };
    let region = req.region_id.clone();
    w.busy.set(true);
    spawn_local(async move {
        let answer = api::call(&req).await;
        if !w.still(epoch) {
            return; // another region's wizard by now; the instance is on the Instances page
        }
        w.busy.set(false);
        match answer {
            Ok(resp) => {
                w.error.set(None);
                if let Some(id) = resp.instance_id_sets.instance_id_set.into_iter().next() {
                    refresh(w, epoch, region, id).await;
                }
            }
            Err(e) => w.error.set(Some(e)),
        }
    });
}

/// Reads the created instance again (the page polls this until it is Running).
pub fn follow(w: Wizard) -> Pin<Box<dyn Future<Output = ()>>> {
    let target = w
        .created
        .try_with_untracked(|c| {
            c.as_ref()
                .map(|i| (i.region_id.clone(), i.instance_id.clone()))
        })
        .flatten();
    let epoch = w.epoch_now();
    Box::pin(async move {
        if let (Some((region, id)), Some(epoch)) = (target, epoch) {
            refresh(w, epoch, region, id).await;
        }
    })
}

/// Looks the instance up in the region it was created in; shown only if the wizard is still the
/// one that created it.
async fn refresh(w: Wizard, epoch: u64, region: RegionId, id: InstanceId) {
    let mut req = DescribeInstances::region(region);
    req.instance_ids = Some(JsonArray(vec![id]));
    if let Ok(r) = api::call(&req).await
        && let Some(i) = r.instances.instance.into_iter().next()
        && w.still(epoch)
    {
        w.created.set(Some(i));
    }
}
