//! The Instances page: the region's instances, lifecycle actions, ENI usage against quota, and
//! polling while any instance is starting or stopping.

use super::release_dialog::ReleaseDialog;
use super::row::{InstanceOp, InstanceRow};
use crate::api;
use crate::components::error_banner::ErrorSlot;
use crate::i18n::{T, tr};
use crate::pages::enis::page::run;
use crate::poller::use_poll;
use crate::router::use_query_map;
use crate::state::ctx::use_region;
use crate::state::fold::fold_case;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tether_domain::api::ApiError;
use tether_domain::*;

#[derive(Clone, Copy)]
struct Data {
    instances: RwSignal<Vec<Instance>>,
    types: RwSignal<Vec<InstanceTypeInfo>>,
    enis: RwSignal<Vec<NetworkInterface>>,
    loaded: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
}

async fn load(d: Data, region: RegionId) {
    let mut req = DescribeInstances::region(region.clone());
    req.max_results = Some(100);
    match api::call(&req).await {
        Ok(r) => d.instances.set(r.instances.instance),
        Err(e) => d.error.set(Some(e)),
    }
    d.loaded.set(true);
    if d.types.with_untracked(Vec::is_empty)
        && let Ok(r) = api::call(&DescribeInstanceTypes::default()).await
    {
        d.types.set(r.instance_types.instance_type);
    }
    let mut req = DescribeNetworkInterfaces::region(region);
    req.max_results = Some(500);
    if let Ok(r) = api::call(&req).await {
        d.enis.set(r.network_interface_sets.network_interface_set);
    }
}

/// `/instances`.
#[component]
pub fn InstancesPage() -> impl IntoView {
    let region = use_region();
    let query = use_query_map();
    let text = RwSignal::new(query.with_untracked(|q| q.get("q").unwrap_or_default()));
    let d = Data {
        instances: RwSignal::new(Vec::new()),
        types: RwSignal::new(Vec::new()),
        enis: RwSignal::new(Vec::new()),
        loaded: RwSignal::new(false),
        error: RwSignal::new(None),
    };
    let (busy, op_error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    let releasing = RwSignal::new(None::<Instance>);
    Effect::new(move |_| spawn_local(load(d, region.get())));
    let transitional = Memo::new(move |_| {
        d.instances
            .with(|l| l.iter().any(|i| i.status.is_transitional()))
    });
    use_poll(transitional, move || load(d, region.get_untracked()));
    let reload = move || spawn_local(load(d, region.get_untracked()));
    let op = Callback::new(move |o: InstanceOp| {
        let r = Some(region.get_untracked());
        match o {
            InstanceOp::Start(instance_id) => run(
                StartInstance {
                    instance_id,
                    region_id: r,
                    dry_run: None,
                },
                busy,
                op_error,
                move |_| reload(),
            ),
            InstanceOp::Stop(instance_id) => run(
                StopInstance {
                    instance_id,
                    region_id: r,
                    dry_run: None,
                    force_stop: None,
                },
                busy,
                op_error,
                move |_| reload(),
            ),
            InstanceOp::Restart(instance_id) => run(
                RebootInstance {
                    instance_id,
                    region_id: r,
                    dry_run: None,
                    force_stop: None,
                },
                busy,
                op_error,
                move |_| reload(),
            ),
            InstanceOp::Release(i) => releasing.set(Some(*i)),
        }
    });
    let filtered = Memo::new(move |_| {
        let words: Vec<String> = fold_case(&text.get())
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        d.instances
            .get()
            .into_iter()
            .filter(|i| {
                let hay = fold_case(&format!(
                    "{} {} {} {}",
                    i.instance_id,
                    i.instance_name,
                    i.instance_type,
                    i.network()
                ));
                words.iter().all(|w| hay.contains(w))
            })
            .collect::<Vec<_>>()
    });
    let rows = move || {
        let r = region.get();
        filtered
            .get()
            .into_iter()
            .map(|i| {
                let quota = d.types.with(|t| {
                    t.iter()
                        .find(|t| t.instance_type_id == i.instance_type)
                        .map(|t| t.eni_quantity)
                });
                view! { <InstanceRow instance=i quota=quota region=r.clone() op=op enis=d.enis/> }
            })
            .collect_view()
    };
    let close = Callback::new(move |_| {
        releasing.set(None);
        op_error.set(None)
    });
    view! {
        <section class="page" data-testid="instances-page">
            <header class="page-head">
                <h1>{tr(T::NavInstances)}</h1>
                <span class="muted count">{move || format!("{} / {}", filtered.with(Vec::len), d.instances.with(Vec::len))}</span>
                <span class="spacer"></span>
                <button class="btn" on:click=move |_| reload()>{tr(T::Refresh)}</button>
            </header>
            <ErrorSlot error=d.error/>
            {move || releasing.get().is_none().then(|| view! { <ErrorSlot error=op_error/> })}
            <div class="toolbar" role="search">
                <label class="sr-only" for="instance-search">{tr(T::Search)}</label>
                <input id="instance-search" class="search" type="search" data-testid="instance-search"
                    placeholder=tr(T::Search) prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
            </div>
            <div class="table-wrap">
                <table class="grid">
                    <thead><tr>
                        <th>{tr(T::InstanceName)}</th><th>{tr(T::Status)}</th><th>{tr(T::InstanceType)}</th><th>{tr(T::EniQuota)}</th>
                        <th>{tr(T::LastStart)}</th><th>{tr(T::Zone)}</th><th>{tr(T::Vpc)}</th><th>{tr(T::Actions)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                {move || (d.loaded.get() && filtered.with(Vec::is_empty)).then(|| view! { <p class="empty">{tr(T::NoInstances)}</p> })}
                {move || (!d.loaded.get()).then(|| view! { <p class="empty">{tr(T::Loading)}</p> })}
            </div>
            {move || releasing.get().map(|i| view! {
                <ReleaseDialog instance=i enis=d.enis busy=busy error=op_error on_close=close
                    on_confirm=Callback::new(move |req| run(req, busy, op_error, move |_| { close.run(()); reload() }))/>
            })}
        </section>
    }
}
