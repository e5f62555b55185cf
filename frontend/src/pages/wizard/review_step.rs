//! Step 3: every choice, the rules' verdict, and the RunInstances call (parameters, CLI and
//! Terraform).

use crate::components::show_call::{CallPreview, ShowCall};
use crate::i18n::{T, lang, tr};
use crate::state::wizard::{Catalog, SecondaryEni, WizardForm};
use crate::terraform;
use leptos::prelude::*;
use tether_domain::RunInstances;

/// The review step; `request` is what Create will send.
#[component]
pub fn ReviewStep(
    form: RwSignal<WizardForm>,
    #[prop(into)] cat: Signal<Catalog>,
    #[prop(into)] request: Signal<Option<RunInstances>>,
) -> impl IntoView {
    let row = |label: T, value: Box<dyn Fn() -> String + Send + Sync>| view! { <tr><th scope="row">{tr(label)}</th><td class="mono">{value}</td></tr> };
    let get = move |f: fn(&WizardForm) -> Option<String>| {
        Box::new(move || form.with(f).unwrap_or_else(|| "—".into()))
            as Box<dyn Fn() -> String + Send + Sync>
    };
    let secondary = Box::new(move || match form.with(|f| f.secondary.clone()) {
        None => "—".to_owned(),
        Some(SecondaryEni::New { delete_on_release }) => format!(
            "{} · DeleteOnRelease={delete_on_release}",
            T::NewEni.text(lang())
        ),
        Some(SecondaryEni::Existing(id)) => id,
    }) as Box<dyn Fn() -> String + Send + Sync>;
    let verdict = move || {
        let v = cat.with(|c| form.with(|f| f.verdict(c)));
        if v.is_empty() {
            view! { <p class="ok-text" data-testid="wizard-verdict-ok">{tr(T::AllChecksPass)}</p> }
                .into_any()
        } else {
            view! { <ul class="reasons" data-testid="wizard-verdict">{v.into_iter().map(|(field, r)| {
                let class = if r.is_warning() { "warn" } else { "bad" };
                view! { <li class=class data-code=r.code()><code>{field}</code>" "{r.message(lang())}</li> }
            }).collect_view()}</ul> }.into_any()
        }
    };
    let call = Signal::derive(move || {
        request
            .get()
            .map(|r| CallPreview::with_terraform(&r, terraform::run_instances))
    });
    view! {
        <div class="step" data-testid="wizard-step-review">
            <table class="summary"><tbody>
                {row(T::Zone, get(|f| f.zone.clone()))}
                {row(T::InstanceType, get(|f| f.instance_type.clone()))}
                {row(T::Image, get(|f| f.image.clone()))}
                {row(T::Vpc, get(|f| f.vpc.clone()))}
                {row(T::VSwitch, get(|f| f.v_switch.clone()))}
                {row(T::SecurityGroup, get(|f| f.security_group.clone()))}
                {row(T::Primary, get(|f| f.v_switch.clone().map(|v| format!("new · {v}"))))}
                {row(T::Secondary, secondary)}
            </tbody></table>
            <h2>{tr(T::Verdict)}</h2>
            {verdict}
            <div class="open-call"><ShowCall call=call/></div>
        </div>
    }
}
