//! Bind to Instance, wired: loads the region's instances and their types, restarts an instance
//! that last started before 2018-04-01 (polling it until Running), and sends the attach.

use crate::api;
use crate::mutation::{call_action, error_of, on_success};
use crate::pages::enis::bind_dialog::BindDialog;
use crate::poller::use_poll;
use leptos::prelude::*;
use tether_domain::api::ApiError;
use tether_domain::*;

async fn load_instances(
    region: RegionId,
) -> Result<(Vec<Instance>, Vec<InstanceTypeInfo>), ApiError> {
    let mut req = DescribeInstances::region(region);
    req.max_results = Some(100);
    let instances = api::call(&req).await?.instances.instance;
    let mut wanted: Vec<InstanceType> = instances.iter().map(|i| i.instance_type.clone()).collect();
    wanted.sort();
    wanted.dedup();
    let types = api::call(&DescribeInstanceTypes {
        instance_types: wanted,
        ..Default::default()
    })
    .await?
    .instance_types
    .instance_type;
    Ok((instances, types))
}

/// The dialog plus its calls; `on_bound` gets the instance once the attach is accepted.
#[component]
pub fn BindFlow(
    eni: NetworkInterface,
    region: RegionId,
    #[prop(default = None)] preselect: Option<String>,
    on_bound: Callback<Instance>,
    on_close: Callback<()>,
) -> impl IntoView {
    let catalog = {
        let region = region.clone();
        LocalResource::new(move || load_instances(region.clone()))
    };
    let instances = Signal::derive(move || {
        catalog.with(|c| match c {
            Some(Ok((list, _))) => list.clone(),
            _ => Vec::new(),
        })
    });
    let types = Signal::derive(move || {
        catalog.with(|c| match c {
            Some(Ok((_, types))) => types.clone(),
            _ => Vec::new(),
        })
    });
    let loading = Signal::derive(move || catalog.with(Option::is_none));
    let restart = call_action::<RebootInstance>();
    let attach = call_action::<AttachNetworkInterface>();
    let restarting = RwSignal::new(None::<String>);
    let (restart_error, attach_error) = (error_of(restart), error_of(attach));
    let error = Signal::derive(move || {
        attach_error
            .get()
            .or_else(|| restart_error.get())
            .or_else(|| catalog.with(|c| c.as_ref().and_then(|c| c.as_ref().err().cloned())))
    });
    // While a restart is in flight, follow the instance until it is Running again.
    let waiting = Memo::new(move |_| {
        restarting.get().is_some_and(|id| {
            instances.with(|list| {
                list.iter()
                    .find(|i| i.instance_id.as_str() == id)
                    .is_none_or(|i| {
                        i.status != InstanceStatus::Running
                            || tether_domain::rules::started_before_reboot_cutoff(i)
                    })
            })
        })
    });
    use_poll(waiting, move || catalog.refetch());
    Effect::new(move |_| {
        if !waiting.get() && restarting.get_untracked().is_some() && !loading.get() {
            restarting.set(None);
        }
    });
    // A refused restart is not waited for.
    Effect::new(move |_| {
        if restart_error.with(Option::is_some) {
            restarting.set(None);
        }
    });
    let region_for_restart = region.clone();
    let on_restart = Callback::new(move |id: String| {
        let Ok(instance_id) = id.parse::<InstanceId>() else {
            return;
        };
        restarting.set(Some(id));
        restart.dispatch_local(RebootInstance {
            instance_id,
            region_id: Some(region_for_restart.clone()),
            dry_run: None,
            force_stop: None,
        });
    });
    on_success(attach, move |(req, _)| {
        let inst = instances
            .with_untracked(|l| l.iter().find(|i| i.instance_id == req.instance_id).cloned());
        if let Some(inst) = inst {
            on_bound.run(inst);
        }
    });
    let eni_id = eni.network_interface_id.clone();
    let region_for_attach = region.clone();
    let on_confirm = Callback::new(move |instance_id: InstanceId| {
        attach.dispatch_local(AttachNetworkInterface {
            region_id: region_for_attach.clone(),
            network_interface_id: eni_id.clone(),
            instance_id,
        });
    });
    view! {
        <BindDialog
            eni=eni
            region=region
            instances=instances
            types=types
            loading=loading
            restarting=restarting
            busy=attach.pending()
            error=error
            preselect=preselect
            on_restart=on_restart
            on_confirm=on_confirm
            on_close=on_close
        />
    }
}
