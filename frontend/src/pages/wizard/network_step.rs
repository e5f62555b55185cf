//! Step 2: VPC, vSwitch in the chosen zone, security group, and the ENIs (the primary, plus one
//! secondary through Add ENI, disabled with the reason once the limit is reached).

use crate::i18n::{T, lang, tr};
use crate::state::wizard::{Catalog, SecondaryEni, WizardForm};
use leptos::prelude::*;
use tether_domain::EniStatus;
use tether_domain::EniType;

fn opt(v: String) -> Option<String> {
    (!v.is_empty()).then_some(v)
}

/// The networking step.
#[component]
pub fn NetworkStep(
    form: RwSignal<WizardForm>,
    #[prop(into)] cat: Signal<Catalog>,
) -> impl IntoView {
    let selected = move |get: fn(&WizardForm) -> Option<String>, id: String| {
        move || form.with(|f| get(f).as_deref() == Some(id.as_str()))
    };
    let vpcs = move || {
        cat.with(|c| c.vpcs.clone()).into_iter().map(|v| {
        let id = v.vpc_id.to_string();
        view! { <option value=id.clone() selected=selected(|f| f.vpc.clone(), id.clone())>{format!("{} · {id} ({})", v.vpc_name, v.cidr_block)}</option> }
    }).collect_view()
    };
    let vswitches = move || {
        let (vpc, zone) = form.with(|f| (f.vpc.clone(), f.zone.clone()));
        cat.with(|c| c.v_switches.clone()).into_iter()
            .filter(|v| Some(v.vpc_id.to_string()) == vpc && Some(v.zone_id.to_string()) == zone)
            .map(|v| {
                let id = v.v_switch_id.to_string();
                view! { <option value=id.clone() selected=selected(|f| f.v_switch.clone(), id.clone())>{format!("{} · {id} ({}, {} free)", v.v_switch_name, v.cidr_block, v.available_ip_address_count)}</option> }
            }).collect_view()
    };
    let groups = move || {
        let vpc = form.with(|f| f.vpc.clone());
        cat.with(|c| c.security_groups.clone()).into_iter().filter(|g| Some(g.vpc_id.to_string()) == vpc).map(|g| {
            let id = g.security_group_id.to_string();
            view! { <option value=id.clone() selected=selected(|f| f.security_group.clone(), id.clone())>{format!("{} · {id}", g.security_group_name)}</option> }
        }).collect_view()
    };
    let verdict = move |fields: &'static [&'static str]| {
        move || {
            cat.with(|c| form.with(|f| f.verdict(c)))
                .into_iter()
                .filter(|(f, _)| fields.contains(f))
                .map(|(f, r)| view! { <p class="field-error" data-field=f>{r.message(lang())}</p> })
                .collect_view()
        }
    };
    let add_block = Memo::new(move |_| cat.with(|c| form.with(|f| f.add_eni_block(c))));
    let existing = move || {
        let vsw = form.with(|f| f.v_switch.clone());
        cat.with(|c| {
            c.enis
                .iter()
                .filter(|e| {
                    e.status == EniStatus::Available
                        && e.eni_type == EniType::Secondary
                        && Some(e.v_switch_id.to_string()) == vsw
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let secondary = move || {
        form.with(|f| f.secondary.clone()).map(|s| {
        let is_new = matches!(s, SecondaryEni::New { .. });
        let keep = match s { SecondaryEni::New { delete_on_release } => delete_on_release, _ => true };
        let options = existing();
        let chosen = match &s { SecondaryEni::Existing(id) => id.clone(), _ => String::new() };
        view! {
            <div class="secondary-eni" data-testid="wizard-secondary">
                <div class="row">
                    <strong>{tr(T::Secondary)}</strong>
                    <label class="check"><input type="radio" name="sec-kind" prop:checked=is_new data-testid="wizard-secondary-new"
                        on:change=move |_| form.update(|f| f.secondary = Some(SecondaryEni::New { delete_on_release: true }))/>{tr(T::NewEni)}</label>
                    <label class="check"><input type="radio" name="sec-kind" prop:checked=!is_new data-testid="wizard-secondary-existing"
                        on:change=move |_| form.update(|f| f.secondary = Some(SecondaryEni::Existing(String::new())))/>{tr(T::ExistingEni)}</label>
                    <span class="spacer"></span>
                    <button class="btn small" data-testid="remove-eni" on:click=move |_| form.update(|f| f.secondary = None)>{tr(T::RemoveEni)}</button>
                </div>
                {if is_new {
                    view! {
                        <label class="check"><input type="checkbox" prop:checked=keep data-testid="wizard-delete-on-release"
                            on:change=move |ev| { let on = event_target_checked(&ev); form.update(|f| f.secondary = Some(SecondaryEni::New { delete_on_release: on })) }/>
                            {tr(T::ReleaseWithInstance)}</label>
                        <p class="hint">{tr(T::ReleaseNote)}</p>
                    }.into_any()
                } else if options.is_empty() {
                    view! { <p class="hint warn">{tr(T::NoExistingEni)}</p> }.into_any()
                } else {
                    view! {
                        <select aria-label=tr(T::ExistingEni) data-testid="wizard-existing-eni" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            form.update(|f| f.secondary = Some(SecondaryEni::Existing(v)));
                        }>
                            <option value="">{tr(T::Choose)}</option>
                            {options.into_iter().map(|e| { let id = e.network_interface_id.to_string();
                                view! { <option value=id.clone() selected=id == chosen>{format!("{id} · {} · {}", e.network_interface_name, e.private_ip_address)}</option> } }).collect_view()}
                        </select>
                    }.into_any()
                }}
            </div>
        }
    })
    };
    view! {
        <div class="step" data-testid="wizard-step-network">
            <div class="field"><span class="label">{tr(T::NetworkType)}</span><span class="badge idle">"VPC"</span></div>
            <div class="field">
                <label for="wizard-vpc">{tr(T::Vpc)}</label>
                <select id="wizard-vpc" data-testid="wizard-vpc" on:change=move |ev| form.update(|f| f.set_vpc(opt(event_target_value(&ev))))>
                    <option value="">{tr(T::Choose)}</option>{vpcs}
                </select>
            </div>
            <div class="field">
                <label for="wizard-vswitch">{tr(T::VSwitch)}</label>
                <select id="wizard-vswitch" data-testid="wizard-vswitch" on:change=move |ev| form.update(|f| f.set_v_switch(opt(event_target_value(&ev))))>
                    <option value="">{tr(T::Choose)}</option>{vswitches}
                </select>
                {verdict(&["VSwitchId"])}
            </div>
            <div class="field">
                <label for="wizard-sg">{tr(T::SecurityGroup)}</label>
                <select id="wizard-sg" data-testid="wizard-sg" on:change=move |ev| form.update(|f| f.security_group = opt(event_target_value(&ev)))>
                    <option value="">{tr(T::Choose)}</option>{groups}
                </select>
                {verdict(&["SecurityGroupId"])}
            </div>
            <fieldset class="field">
                <legend>{tr(T::Enis)}</legend>
                <p class="hint">{tr(T::PrimaryEniNote)}</p>
                {secondary}
                <div class="row">
                    <button class="btn" data-testid="add-eni" disabled=move || add_block.with(Option::is_some)
                        on:click=move |_| form.update(|f| f.secondary = Some(SecondaryEni::New { delete_on_release: true }))>"+ "{tr(T::AddEni)}</button>
                    <span class="hint" data-testid="add-eni-reason">{move || add_block.get().map(|r| r.message(lang()))}</span>
                </div>
                <p class="hint">{tr(T::TwoEniLimit)}</p>
                {verdict(&["NetworkInterface"])}
            </fieldset>
        </div>
    }
}
