//! Bind to Instance, wired: loads the region's instances and their types, restarts an instance
//! that last started before 2018-04-01 (polling it until Running), and sends the attach.

use crate::api;
use crate::pages::enis::bind_dialog::BindDialog;
use crate::poller::use_poll;
use leptos::prelude::*;
use leptos::task::spawn_local;
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
    let instances = RwSignal::new(Vec::<Instance>::new());
    let types = RwSignal::new(Vec::<InstanceTypeInfo>::new());
    let loading = RwSignal::new(true);
    let busy = RwSignal::new(false);
    let restarting = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let reload = {
        let region = region.clone();
        move || {
            let region = region.clone();
            async move {
                match load_instances(region).await {
                    Ok((i, t)) => {
                        instances.set(i);
                        types.set(t);
                    }
                    Err(e) => error.set(Some(e)),
                }
                loading.set(false);
            }
        }
    };
    spawn_local(reload());
    // While a restart is in flight, follow the instance until it is Running again.
    let waiting = Memo::new(move |_| {
        restarting.get().is_some_and(|id| {
            instances.with(|list| {
                list.iter()
                    .find(|i| i.instance_id.as_str() == id)
                    .is_none_or(|i| {
                        i.status != InstanceStatus::Running || i.start_time.as_str() < "2018-04-01"
                    })
            })
        })
    });
    use_poll(waiting, reload.clone());
    Effect::new(move |_| {
        if !waiting.get() && restarting.get_untracked().is_some() && !loading.get() {
            restarting.set(None);
        }
    });
    let region_for_restart = region.clone();
    let on_restart = Callback::new(move |id: String| {
        let Ok(instance_id) = id.parse::<InstanceId>() else {
            return;
        };
        let region = region_for_restart.clone();
        restarting.set(Some(id));
        spawn_local(async move {
            let req = RebootInstance {
                instance_id,
                region_id: Some(region),
                dry_run: None,
                force_stop: None,
            };
            if let Err(e) = api::call(&req).await {
                error.set(Some(e));
                restarting.set(None);
            }
        });
    });
    let eni_id = eni.network_interface_id.clone();
    let region_for_attach = region.clone();
    let on_confirm = Callback::new(move |instance_id: InstanceId| {
        let req = AttachNetworkInterface {
            region_id: region_for_attach.clone(),
            network_interface_id: eni_id.clone(),
            instance_id: instance_id.clone(),
        };
        busy.set(true);
        spawn_local(async move {
            match api::call(&req).await {
                Ok(_) => {
                    let inst = instances.with_untracked(|l| {
                        l.iter().find(|i| i.instance_id == instance_id).cloned()
                    });
                    if let Some(inst) = inst {
                        on_bound.run(inst);
                    }
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
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
            busy=busy
            error=error
            preselect=preselect
            on_restart=on_restart
            on_confirm=on_confirm
            on_close=on_close
        />
    }
}
