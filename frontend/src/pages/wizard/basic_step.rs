//! Step 1: zone, instance type (types without ENI support disabled with the reason) and image
//! (the four ENI-ready images marked, others warned about).

use crate::i18n::{T, lang, tr};
use crate::state::wizard::{Catalog, WizardForm, memory_label, type_block};
use leptos::prelude::*;
use tether_domain::rules::{Reason, image_recognises_eni};

/// The basic configuration step.
#[component]
pub fn BasicStep(form: RwSignal<WizardForm>, #[prop(into)] cat: Signal<Catalog>) -> impl IntoView {
    let zones = move || {
        cat.with(|c| c.zones.clone()).into_iter().map(|z| {
        let id = z.zone_id.to_string();
        let sel = id.clone();
        view! { <option value=id.clone() selected=move || form.with(|f| f.zone.as_deref() == Some(sel.as_str()))>{format!("{} ({id})", z.local_name)}</option> }
    }).collect_view()
    };
    let types = move || {
        cat.with(|c| c.types.clone()).into_iter().map(|t| {
        let id = t.instance_type_id.to_string();
        let block = type_block(&t);
        let (sel, set, reason_id) = (id.clone(), id.clone(), format!("wizard-type-reason-{id}"));
        let disabled = block.is_some();
        view! {
            <tr class:ineligible=disabled data-testid=format!("wizard-type-{id}")>
                <td><input type="radio" name="wizard-type" disabled=disabled aria-label=id.clone()
                    data-testid=format!("wizard-type-radio-{id}")
                    prop:checked=move || form.with(|f| f.instance_type.as_deref() == Some(sel.as_str()))
                    on:change=move |_| form.update(|f| f.instance_type = Some(set.clone()))/></td>
                <td class="mono">{id.clone()}</td>
                <td>{t.instance_type_family.clone()}</td>
                <td>{t.cpu_core_count}</td>
                <td>{memory_label(t.memory_size)}</td>
                <td>{t.eni_quantity}</td>
                <td class="reasons-cell">{block.map(|r: Reason| view! { <span class="reason" data-testid=reason_id>{move || r.message(lang())}</span> })}</td>
            </tr>
        }
    }).collect_view()
    };
    let images = move || {
        cat.with(|c| c.images.clone()).into_iter().map(|img| {
        let id = img.image_id.to_string();
        let ready = image_recognises_eni(&img);
        let (sel, set) = (id.clone(), id.clone());
        view! {
            <label class="choice" data-testid=format!("wizard-image-{id}")>
                <input type="radio" name="wizard-image"
                    prop:checked=move || form.with(|f| f.image.as_deref() == Some(sel.as_str()))
                    on:change=move |_| form.update(|f| f.image = Some(set.clone()))/>
                <span>{img.os_name_en.clone()}</span>
                {if ready {
                    view! { <span class="badge ok">{tr(T::EniReady)}</span> }.into_any()
                } else {
                    view! { <span class="badge warn" title=move || Reason::ImageNeedsEniConfig.message(lang())>"!"</span> }.into_any()
                }}
                <span class="muted small mono">{id.clone()}</span>
            </label>
        }
    }).collect_view()
    };
    let image_warning = move || {
        cat.with(|c| form.with(|f| f.image(c).is_some_and(|i| !image_recognises_eni(i))))
            .then(|| view! { <p class="hint warn" data-testid="wizard-image-warning">{move || Reason::ImageNeedsEniConfig.message(lang())}</p> })
    };
    view! {
        <div class="step" data-testid="wizard-step-basic">
            <div class="field">
                <label for="wizard-zone">{tr(T::Zone)}</label>
                <select id="wizard-zone" data-testid="wizard-zone" on:change=move |ev| {
                    let z = event_target_value(&ev);
                    cat.with_untracked(|c| form.update(|f| f.set_zone((!z.is_empty()).then_some(z), c)));
                }>
                    <option value="">{tr(T::Choose)}</option>
                    {zones}
                </select>
            </div>
            <fieldset class="field">
                <legend>{tr(T::InstanceType)}</legend>
                <div class="table-wrap"><table class="grid compact">
                    <thead><tr><th><span class="sr-only">{tr(T::Select)}</span></th><th>{tr(T::InstanceType)}</th><th>{tr(T::Family)}</th><th>{tr(T::Vcpu)}</th>
                        <th>{tr(T::Memory)}</th><th>{tr(T::EniCapacity)}</th><th><span class="sr-only">{tr(T::Eligibility)}</span></th></tr></thead>
                    <tbody>{types}</tbody>
                </table></div>
            </fieldset>
            <fieldset class="field">
                <legend>{tr(T::Image)}</legend>
                <div class="choices">{images}</div>
                {image_warning}
            </fieldset>
        </div>
    }
}
