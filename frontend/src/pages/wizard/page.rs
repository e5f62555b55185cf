//! `/create`: loads the catalogue, keeps the form across steps, sends RunInstances with a
//! ClientToken and follows the new instance until it is Running. The steps after the first
//! live in `later` (their own chunk).

use super::basic_step::BasicStep;
use super::later::Wizard;
use crate::api::{self, client_token};
use crate::components::error_banner::ErrorSlot;
use crate::components::guarded::Guarded;
use crate::components::status_badge::InstanceBadge;
use crate::i18n::{T, lang, tr};
use crate::pages::chunks::{self, ChunkError, split_call};
use crate::poller::use_poll;
use crate::state::ctx::{href, use_region};
use crate::state::roles::Role;
use crate::state::wizard::{Catalog, Step, WizardForm};
use leptos::prelude::*;
use leptos::task::{spawn_local, spawn_local_scoped_with_cancellation};
use tether_domain::api::ApiError;
use tether_domain::*;

type BasicPart = (Vec<Zone>, Vec<InstanceTypeInfo>, Vec<Image>);

/// What the first step offers: zones, instance types and images. The rest of the catalogue is
/// loaded by the later steps' chunk.
async fn basic_catalog(region: RegionId) -> Result<BasicPart, ApiError> {
    let zones = api::call(&DescribeZones {
        region_id: region.clone(),
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
        page_size: Some(100),
        ..DescribeImages::region(region)
    })
    .await?
    .images
    .image;
    Ok((zones, types, images))
}

/// The later steps' chunk did not arrive: said where the page's other errors are (in the user's
/// language: called under the page's owner).
fn chunk_failed(ChunkError: ChunkError) -> ApiError {
    ApiError::new(0, api::NETWORK_CODE, T::ChunkFailed.text(lang()))
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
    let request =
        Memo::new(move |_| form.with(|f| f.to_request(&region.get(), Some(token.get_value()))));
    let w = Wizard {
        region,
        form,
        cat,
        request,
        busy,
        error,
        created,
        network_for: StoredValue::new(None),
        network_loading: RwSignal::new(false),
        epoch: StoredValue::new(0),
    };
    // Per region: the first step's data, then, a moment after it is on screen (so not competing
    // with the first load), the later steps' chunk, which loads the network half of the
    // catalogue; picking a zone, type and image takes longer than that. The task is cancelled
    // when the region changes or the page goes; what the chunk starts guards itself (`epoch`).
    Effect::new(move |_| {
        let r = region.get();
        // A fresh wizard: everything chosen belonged to the old region (the name stays); an
        // instance created there is on the Instances page; the next create is a new request with
        // its own ClientToken (one reused for other parameters is refused as a mismatch). The
        // token is set before the form, whose change makes `request` read it again.
        w.epoch.update_value(|e| *e += 1);
        step.set(Step::Basic);
        created.set(None);
        busy.set(false);
        error.set(None);
        token.set_value(client_token());
        form.update(|f| {
            *f = WizardForm {
                name: std::mem::take(&mut f.name),
                ..WizardForm::default()
            }
        });
        cat.update(|c| *c = Catalog::default());
        w.network_for.set_value(None);
        w.network_loading.set(false);
        // Untracked: the task runs with this Effect as its observer, and a signal read in it
        // (the language, for an error) must not make the Effect start the wizard over.
        untrack(|| {
            spawn_local_scoped_with_cancellation(async move {
                match basic_catalog(r.clone()).await {
                    Ok((zones, types, images)) => cat.update(|c| {
                        (c.zones, c.types, c.images) = (zones, types, images);
                    }),
                    Err(e) => return error.set(Some(e)),
                }
                #[cfg(feature = "split")]
                gloo_timers::future::sleep(std::time::Duration::from_secs(1)).await;
                match split_call!(chunks::wizard_load_network(w, r)) {
                    Ok(load) => spawn_local(load),
                    Err(e) => error.set(Some(chunk_failed(e))),
                }
            })
        });
    });
    let ready = move |s: Step| cat.with(|c| form.with(|f| f.step_ready(s, c)));
    let following = Memo::new(move |_| {
        created.with(|c| {
            c.as_ref()
                .is_some_and(|i| i.status != InstanceStatus::Running)
        })
    });
    use_poll(following, move || {
        spawn_local(async move {
            if let Ok(look) = split_call!(chunks::wizard_follow(w)) {
                look.await;
            }
        })
    });
    let create = move |_| {
        spawn_local_scoped_with_cancellation(async move {
            if let Err(e) = split_call!(chunks::wizard_create(w)) {
                error.set(Some(chunk_failed(e)));
            }
        });
    };
    let steps = [
        (Step::Basic, T::StepBasic),
        (Step::Network, T::StepNetwork),
        (Step::Review, T::StepReview),
    ];
    let body = move || match step.get() {
        Step::Basic => view! { <BasicStep form=form cat=cat/> }.into_any(),
        later => chunks::split_view!(chunks::wizard_step(w, later)).into_any(),
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
                let link = href("/instances", &i.region_id, &[("q", &id)]);
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
