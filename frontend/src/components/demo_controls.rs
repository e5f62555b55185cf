//! Demo controls in the top bar (admins, embedded simulator only): reset the demo world, set the
//! speed of transitions, switch a fault scenario. One click resets a demo between audiences.

use crate::api;
use crate::i18n::{T, tr};
use leptos::prelude::*;
use leptos::task::spawn_local;
use tether_domain::api::{DemoControl, DemoState};

/// The panel; it renders nothing until the proxy says demo controls are available.
#[component]
pub fn DemoControls() -> impl IntoView {
    let state = RwSignal::new(None::<DemoState>);
    let note = RwSignal::new(None::<String>);
    spawn_local(async move {
        if let Ok(s) = api::demo_state().await {
            state.set(Some(s));
        }
    });
    let send = move |control: DemoControl| {
        spawn_local(async move {
            match api::demo_control(control).await {
                Ok(s) => {
                    state.set(Some(s));
                    note.set(None);
                }
                Err(e) => note.set(Some(format!("{}: {}", e.code, e.message))),
            }
        })
    };
    let reset = move |_| {
        spawn_local(async move {
            match api::demo_control(DemoControl {
                reset: true,
                ..DemoControl::default()
            })
            .await
            {
                // The world changed under every page: reload what is on screen.
                Ok(_) => {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                }
                Err(e) => note.set(Some(format!("{}: {}", e.code, e.message))),
            }
        })
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
                        {move || note.get().map(|n| view! { <p class="field-error">{n}</p> })}
                    </div>
                </details>
            }
        })
    }
}
