//! `/create`: loads the catalogue, keeps the form across steps, sends RunInstances with a
//! ClientToken and follows the new instance until it is Running.

use super::basic_step::BasicStep;
use super::network_step::NetworkStep;
use super::review_step::ReviewStep;
use crate::api::{self, client_token};
use crate::components::error_banner::ErrorSlot;
use crate::components::guarded::Guarded;
use crate::components::status_badge::InstanceBadge;
use crate::i18n::{T, tr};
use crate::pages::enis::page::run;
use crate::poller::use_poll;
use crate::state::ctx::{href, use_region};
use crate::state::roles::Role;
use crate::state::wizard::{Catalog, Step, WizardForm};
use leptos::prelude::*;
use leptos::task::spawn_local;
use tether_domain::api::ApiError;
use tether_domain::params::JsonArray;
use tether_domain::*;

async fn load_catalog(region: RegionId) -> Result<Catalog, ApiError> {
    let r = || region.clone();
    let zones = api::call(&DescribeZones {
        region_id: r(),
        accept_language: None,
    })
    .await?
    .zones
    .zone;
    let types = api::call(&DescribeInstanceTypes::default())
        .await?
        .instance_types
        .instance_type;
    let images = api::call(&DescribeImages {
        region_id: r(),
        image_id: None,
        os_type: None,
        image_owner_alias: None,
        is_support_io_optimized: None,
        page_number: None,
        page_size: Some(100),
    })
    .await?
    .images
    .image;
    let vpcs = api::call(&DescribeVpcs {
        region_id: r(),
        vpc_id: None,
        page_number: None,
        page_size: Some(50),
    })
    .await?
    .vpcs
    .vpc;
    let v_switches = api::call(&DescribeVSwitches {
        region_id: Some(r()),
        vpc_id: None,
        zone_id: None,
        page_number: None,
        page_size: Some(50),
    })
    .await?
    .v_switches
    .v_switch;
    let security_groups = api::call(&DescribeSecurityGroups {
        region_id: r(),
        vpc_id: None,
        security_group_id: None,
        page_number: None,
        page_size: Some(50),
    })
    .await?
    .security_groups
    .security_group;
    let mut eni_req = DescribeNetworkInterfaces::region(r());
    eni_req.status = Some(EniStatus::Available);
    eni_req.max_results = Some(500);
    let enis = api::call(&eni_req)
        .await?
        .network_interface_sets
        .network_interface_set;
    Ok(Catalog {
        zones,
        types,
        images,
        vpcs,
        v_switches,
        security_groups,
        enis,
    })
}

/// The wizard page.
#[component]
pub fn WizardPage() -> impl IntoView {
    let region = use_region();
    let cat = RwSignal::new(Catalog::default());
    let form = RwSignal::new(WizardForm::default());
    let step = RwSignal::new(Step::Basic);
    let (busy, error) = (RwSignal::new(false), RwSignal::new(None::<ApiError>));
    let token = StoredValue::new(client_token());
    let created = RwSignal::new(None::<Instance>);
    Effect::new(move |_| {
        let r = region.get();
        spawn_local(async move {
            match load_catalog(r).await {
                Ok(c) => cat.set(c),
                Err(e) => error.set(Some(e)),
            }
        });
    });
    let request =
        Memo::new(move |_| form.with(|f| f.to_request(&region.get(), Some(token.get_value()))));
    let ready = move |s: Step| cat.with(|c| form.with(|f| f.step_ready(s, c)));
    let following = Memo::new(move |_| {
        created.with(|c| {
            c.as_ref()
                .is_some_and(|i| i.status != InstanceStatus::Running)
        })
    });
    let follow = move || async move {
        let Some(id) = created.with_untracked(|c| c.as_ref().map(|i| i.instance_id.clone())) else {
            return;
        };
        let mut req = DescribeInstances::region(region.get_untracked());
        req.instance_ids = Some(JsonArray(vec![id]));
        if let Ok(r) = api::call(&req).await
            && let Some(i) = r.instances.instance.into_iter().next()
        {
            created.set(Some(i));
        }
    };
    use_poll(following, follow);
    let create = move |_| {
        let Some(req) = request.get_untracked() else {
            return;
        };
        run(req, busy, error, move |resp| {
            if let Some(id) = resp.instance_id_sets.instance_id_set.into_iter().next() {
                let mut req = DescribeInstances::region(region.get_untracked());
                req.instance_ids = Some(JsonArray(vec![id]));
                spawn_local(async move {
                    if let Ok(r) = api::call(&req).await {
                        created.set(r.instances.instance.into_iter().next());
                    }
                });
            }
        })
    };
    let steps = [
        (Step::Basic, T::StepBasic),
        (Step::Network, T::StepNetwork),
        (Step::Review, T::StepReview),
    ];
    let body = move || match step.get() {
        Step::Basic => view! { <BasicStep form=form cat=cat/> }.into_any(),
        Step::Network => view! { <NetworkStep form=form cat=cat/> }.into_any(),
        Step::Review => view! { <ReviewStep form=form cat=cat request=request/> }.into_any(),
    };
    view! {
        <section class="page wizard" data-testid="wizard-page">
            <header class="page-head"><h1>{tr(T::CreateInstance)}</h1><span class="muted">{move || region.get().to_string()}</span></header>
            <ol class="stepper">
                {steps.into_iter().enumerate().map(|(n, (s, label))| view! {
                    <li class:current=move || step.get() == s aria-current=move || (step.get() == s).then_some("step")>
                        <span class="num">{n + 1}</span>{tr(label)}
                    </li>
                }).collect_view()}
            </ol>
            <ErrorSlot error=error/>
            {move || created.get().map(|i| {
                let id = i.instance_id.to_string();
                let link = href("/instances", &region.get_untracked(), &[("q", &id)]);
                let running = i.status == InstanceStatus::Running;
                view! {
                    <div class="notice" data-testid="wizard-created" role="status">
                        <code>{id.clone()}</code>" "<InstanceBadge status=i.status testid="wizard-created-status".to_owned()/>" "
                        {if running { view! { <span>{tr(T::Running)}" "<a href=link data-testid="wizard-created-link">{tr(T::ViewInstance)}</a></span> }.into_any() }
                         else { view! { <span>{tr(T::Following)}</span> }.into_any() }}
                    </div>
                }
            })}
            <div class="panel">{body}</div>
            <footer class="wizard-foot">
                <button class="btn" data-testid="wizard-back" disabled=move || step.get() == Step::Basic
                    on:click=move |_| step.update(|s| *s = if *s == Step::Review { Step::Network } else { Step::Basic })>{tr(T::Back)}</button>
                <span class="spacer"></span>
                {move || if step.get() == Step::Review {
                    view! { <Guarded testid="wizard-create".to_owned() class="btn primary" need=Role::Operator
                        off=Signal::derive(move || !ready(Step::Review) || busy.get() || created.with(Option::is_some))
                        on_click=Callback::new(create)>{move || if busy.get() { tr(T::Working)() } else { tr(T::CreateInstance)() }}</Guarded> }.into_any()
                } else {
                    view! { <button class="btn primary" data-testid="wizard-next" disabled=move || !ready(step.get())
                        on:click=move |_| step.update(|s| *s = if *s == Step::Basic { Step::Network } else { Step::Review })>{tr(T::Next)}</button> }.into_any()
                }}
            </footer>
        </section>
    }
}
