//! "Show the call": the exact API parameters and the equivalent `aliyun` CLI command.

use crate::api::copy_text;
use crate::cli::aliyun_command_for;
use crate::i18n::{T, tr};
use leptos::prelude::*;
use tether_domain::{Action, Params};

/// What a dialog is about to send.
#[derive(Debug, Clone, PartialEq)]
pub struct CallPreview {
    /// `ecs` or `vpc`.
    pub product: &'static str,
    /// The action name.
    pub action: &'static str,
    /// Flat parameters (RegionId included).
    pub params: Params,
}

impl CallPreview {
    /// The preview of a typed request.
    pub fn of<A: Action>(req: &A) -> Self {
        Self {
            product: A::PRODUCT.code(),
            action: A::NAME,
            params: req.to_params(),
        }
    }
}

/// A collapsible panel with the parameters and the CLI command (copyable).
#[component]
pub fn ShowCall(
    #[prop(into)] call: Signal<Option<CallPreview>>,
    /// What to say while there is no call yet (the bind dialog's "Choose an eligible instance").
    #[prop(default = T::PickInstance)]
    empty: T,
) -> impl IntoView {
    let command = move || {
        call.with(|c| {
            c.as_ref()
                .map(|c| aliyun_command_for(c.product, c.action, &c.params))
        })
    };
    view! {
        <details class="show-call" data-testid="show-call">
            <summary>{tr(T::ShowCall)}</summary>
            {move || match call.get() {
                None => view! { <p class="muted">{tr(empty)}</p> }.into_any(),
                Some(c) => view! {
                    <div>
                        <h3>{tr(T::ApiParams)}" · "<code>{c.action}</code></h3>
                        <table class="params">
                            <tbody>
                                {c.params.into_iter().map(|(k, v)| view! {
                                    <tr><th scope="row">{k}</th><td><code>{v}</code></td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        <h3>{tr(T::CliEquivalent)}</h3>
                        <div class="cli">
                            <pre data-testid="call-cli">{command()}</pre>
                            <button class="btn small" on:click=move |_| {
                                if let Some(text) = command() { copy_text(&text) }
                            }>{tr(T::Copy)}</button>
                        </div>
                    </div>
                }.into_any(),
            }}
        </details>
    }
}
