//! Demo controls in the top bar (admins, embedded simulator only): reset the demo world, set the
//! speed of transitions, switch a fault scenario. One click resets a demo between audiences.

use crate::api;
use crate::i18n::{T, tr};
use crate::mutation::{error_of, on_success};
use leptos::prelude::*;
use tether_domain::api::DemoControl;

/// The panel; it renders nothing until the proxy says demo controls are available.
#[component]
pub fn DemoControls() -> impl IntoView {
    let first = LocalResource::new(api::demo_state);
    let control = Action::new_local(|c: &DemoControl| api::demo_control(c.clone()));
    let reset = Action::new_local(|_: &()| {
        api::demo_control(DemoControl {
            reset: true,
            ..DemoControl::default()
        })
    });
    // The world changed under every page: reload what is on screen.
    on_success(reset, |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    // The state the last control answered with, else the first look (none: not available).
    let state = Memo::new(move |_| {
        control
            .value()
            .with(|c| c.as_ref().and_then(|c| c.as_ref().ok().cloned()))
            .or_else(|| first.with(|f| f.as_ref().and_then(|f| f.as_ref().ok().cloned())))
    });
    let note = move || {
        error_of(reset)
            .get()
            .or_else(|| error_of(control).get())
            .map(|e| format!("{}: {}", e.code, e.message))
    };
    let send = move |c: DemoControl| {
        control.dispatch_local(c);
    };
    let reset = move |_| {
        reset.dispatch_local(());
    };
    move || {
        state.get().map(|s| {
            let scenarios = s.scenarios.clone();
            let current = s.scenario.clone().unwrap_or_else(|| "none".into());
            view! {
                <details class="demo-controls" data-testid="demo-controls">
                    <summary>{tr(T::Demo)}</summary>
                    <div class="demo-panel panel">
                        <button class="btn small" data-testid="demo-reset" on:click=reset>{tr(T::DemoReset)}</button>
                        <label>{tr(T::DemoSpeed)}
                            <select data-testid="demo-speed" on:change=move |ev| send(DemoControl { speed: Some(event_target_value(&ev)), ..DemoControl::default() })>
                                {["instant", "demo", "realistic"].map(|v| view! { <option value=v selected=v == s.speed>{v}</option> })}
                            </select>
                        </label>
                        <label>{tr(T::DemoScenario)}
                            <select data-testid="demo-scenario" on:change=move |ev| send(DemoControl { scenario: Some(event_target_value(&ev)), ..DemoControl::default() })>
                                <option value="none" selected=current == "none">"none"</option>
                                {scenarios.into_iter().map(|n| { let sel = n == current; view! { <option value=n.clone() selected=sel>{n.clone()}</option> } }).collect_view()}
                            </select>
                        </label>
                        {move || note().map(|n| view! { <p class="field-error">{n}</p> })}
                    </div>
                </details>
            }
        })
    }
}
