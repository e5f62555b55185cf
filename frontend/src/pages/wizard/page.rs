//! `/create`: loads the catalogue, keeps the form across steps, sends RunInstances with a
//! ClientToken and follows the new instance until it is Running. The steps after the first
//! live in `later` (their own chunk).

use super::basic_step::BasicStep;
use super::data::{Wizard, use_wizard};
use crate::components::error_banner::ErrorBanner;
use crate::components::guarded::Guarded;
use crate::components::status_badge::InstanceBadge;
use crate::ctx::{href, use_region};
use crate::i18n::{T, tr};
use crate::mutation::error_slot;
use crate::pages::chunks;
use crate::poller::use_poll;
use crate::router::Page;
use crate::state::roles::Role;
use crate::state::wizard::Step;
use leptos::prelude::*;
use tether_domain::*;

/// How long after the first step is drawn the network half is asked for: in the split build
/// its chunk comes with it, and should not compete with the first load; picking a zone, type
/// and image takes longer than that.
const NETWORK_AFTER: std::time::Duration = if cfg!(feature = "split") {
    std::time::Duration::from_secs(1)
} else {
    std::time::Duration::ZERO
};

/// The wizard page: a fresh wizard for each region.
#[component]
pub fn WizardPage() -> impl IntoView {
    let wizard = use_wizard(use_region());
    move || view! { <RegionWizard w=wizard.get()/> }
}

/// One region's wizard.
#[component]
fn RegionWizard(w: Wizard) -> impl IntoView {
    let (form, cat, step, created) = (w.form, w.cat, w.step, w.created);
    let region = w.region.get_value();
    // Once the first step's data is on screen, the network half (see NETWORK_AFTER). Once:
    // after that the effect reads no signal, so it never runs again.
    Effect::new(move |asked: Option<bool>| {
        if asked == Some(true) {
            return true;
        }
        let loaded = w.basic_loaded();
        if loaded {
            set_timeout(move || w.need_network(), NETWORK_AFTER);
        }
        loaded
    });
    let ready = move |s: Step| cat.with(|c| form.with(|f| f.step_ready(s, c)));
    let following = Memo::new(move |_| {
        created.with(|c| {
            c.as_ref()
                .is_some_and(|i| i.status != InstanceStatus::Running)
        })
    });
    use_poll(following, move || w.follow_created());
    let busy = w.create.pending();
    let create = move |_| {
        if let Some(req) = w.request.get_untracked() {
            w.create.dispatch_local(req);
        }
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
            <header class="page-head"><h1>{tr(T::CreateInstance)}</h1><span class="muted">{region.to_string()}</span></header>
            <ol class="stepper">
                {steps.into_iter().enumerate().map(|(n, (s, label))| view! {
                    <li class:current=move || step.get() == s aria-current=move || (step.get() == s).then_some("step")>
                        <span class="num">{n + 1}</span>{tr(label)}
                    </li>
                }).collect_view()}
            </ol>
            {move || w.load_error().map(|e| view! { <ErrorBanner error=e/> })}
            {error_slot(w.create)}
            {move || created.get().map(|i| {
                let id = i.instance_id.to_string();
                let link = href(Page::Instances, &i.region_id, &[("q", &id)]);
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
