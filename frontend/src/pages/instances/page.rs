//! The Instances page: the region's instances, lifecycle actions, ENI usage against quota, and
//! polling while any instance is starting or stopping.

use super::release_dialog::ReleaseArgs;
use super::row::{InstanceOp, InstanceRow};
use crate::api;
use crate::components::error_banner::ErrorBanner;
use crate::ctx::use_region;
use crate::i18n::{T, tr};
use crate::loaded::{error_in, keyed, ok_or_default};
use crate::mutation::{call_action, error_slot, on_success};
use crate::pages::chunks;
use crate::poller::use_poll;
use crate::router::use_query_map;
use crate::state::fold::fold_case;
use leptos::prelude::*;
use tether_domain::api::ApiError;
use tether_domain::*;

async fn load_instances(region: RegionId) -> Result<Vec<Instance>, ApiError> {
    let mut req = DescribeInstances::region(region);
    req.max_results = Some(100);
    Ok(api::call(&req).await?.instances.instance)
}

/// The region's ENIs: Release is judged against them (it may delete some).
async fn load_enis(region: RegionId) -> Result<Vec<NetworkInterface>, ApiError> {
    let mut req = DescribeNetworkInterfaces::region(region);
    req.max_results = Some(500);
    Ok(api::call(&req)
        .await?
        .network_interface_sets
        .network_interface_set)
}

/// `/instances`.
#[component]
pub fn InstancesPage() -> impl IntoView {
    let region = use_region();
    let query = use_query_map();
    let text = RwSignal::new(query.with_untracked(|q| q.get("q").unwrap_or_default()));
    let loaded = keyed(move || region.get(), load_instances);
    let loaded_enis = keyed(move || region.get(), load_enis);
    // The types' ENI quotas do not depend on the region.
    let loaded_types = LocalResource::new(|| async {
        Ok(api::call(&DescribeInstanceTypes::default())
            .await?
            .instance_types
            .instance_type)
    });
    let instances = Memo::new(move |_| ok_or_default(loaded.get()));
    let enis = Memo::new(move |_| ok_or_default(loaded_enis.get()));
    let types = Memo::new(move |_| ok_or_default(loaded_types));
    let releasing = RwSignal::new(None::<Instance>);
    let transitional =
        Memo::new(move |_| instances.with(|l| l.iter().any(|i| i.status.is_transitional())));
    let reload = move || {
        loaded.get_untracked().refetch();
        loaded_enis.get_untracked().refetch();
    };
    use_poll(transitional, reload);
    // Once the list is on screen, fetch the release dialog's code while the user reads it. Once:
    // after that the effect reads no signal, so it never runs again.
    Effect::new(move |prefetched: Option<bool>| {
        if prefetched == Some(true) {
            return true;
        }
        let shown = loaded.get().with(Option::is_some);
        if shown {
            set_timeout(
                chunks::prefetch_instance_dialog,
                std::time::Duration::from_secs(1),
            );
        }
        shown
    });
    let (start, stop, restart) = (
        call_action::<StartInstance>(),
        call_action::<StopInstance>(),
        call_action::<RebootInstance>(),
    );
    on_success(start, move |_| reload());
    on_success(stop, move |_| reload());
    on_success(restart, move |_| reload());
    let close = Callback::new(move |_| releasing.set(None));
    let released = Callback::new(move |_| {
        close.run(());
        reload()
    });
    let op = Callback::new(move |o: InstanceOp| {
        let r = Some(region.get_untracked());
        match o {
            InstanceOp::Start(instance_id) => {
                start.dispatch_local(StartInstance {
                    instance_id,
                    region_id: r,
                    dry_run: None,
                });
            }
            InstanceOp::Stop(instance_id) => {
                stop.dispatch_local(StopInstance {
                    instance_id,
                    region_id: r,
                    dry_run: None,
                    force_stop: None,
                });
            }
            InstanceOp::Restart(instance_id) => {
                restart.dispatch_local(RebootInstance {
                    instance_id,
                    region_id: r,
                    dry_run: None,
                    force_stop: None,
                });
            }
            InstanceOp::Release(i) => releasing.set(Some(*i)),
        }
    });
    let filtered = Memo::new(move |_| {
        let words: Vec<String> = fold_case(&text.get())
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        instances
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
                let quota = types.with(|t| {
                    t.iter()
                        .find(|t| t.instance_type_id == i.instance_type)
                        .map(|t| t.eni_quantity)
                });
                view! { <InstanceRow instance=i quota=quota region=r.clone() op=op enis=enis/> }
            })
            .collect_view()
    };
    view! {
        <section class="page" data-testid="instances-page">
            <header class="page-head">
                <h1>{tr(T::NavInstances)}</h1>
                <span class="muted count">{move || format!("{} / {}", filtered.with(Vec::len), instances.with(Vec::len))}</span>
                <span class="spacer"></span>
                <button class="btn" on:click=move |_| reload()>{tr(T::Refresh)}</button>
            </header>
            {move || error_in(loaded.get()).map(|e| view! { <ErrorBanner error=e/> })}
            {error_slot(start)}
            {error_slot(stop)}
            {error_slot(restart)}
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
                <Transition fallback=|| view! { <p class="empty">{tr(T::Loading)}</p> }>
                    {move || {
                        let loaded = loaded.get();
                        Suspend::new(async move {
                        let _ = loaded.await;
                        move || filtered.with(Vec::is_empty).then(|| view! { <p class="empty">{tr(T::NoInstances)}</p> })
                    })}}
                </Transition>
            </div>
            {move || releasing.get().map(|instance| {
                let args = ReleaseArgs { instance, enis: enis.into(), close, released };
                chunks::split_view!(chunks::instance_dialog(args))
            })}
        </section>
    }
}
