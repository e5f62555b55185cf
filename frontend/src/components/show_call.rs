//! "Show the call": the exact API parameters, the equivalent `aliyun` CLI command and, for the
//! calls that have one, the equivalent Terraform.

use crate::api::copy_text;
use crate::cli::aliyun_command_for;
use crate::components::show_terraform::ShowTerraform;
use crate::i18n::{T, tr};
use crate::terraform::Terraform;
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
    /// The same call as Terraform (`with_terraform`).
    pub terraform: Option<Terraform>,
}

impl CallPreview {
    /// The preview of a typed request.
    pub fn of<A: Action>(req: &A) -> Self {
        Self {
            product: A::PRODUCT.code(),
            action: A::NAME,
            params: req.to_params(),
            terraform: None,
        }
    }

    /// The preview of a typed request with its Terraform, which `terraform` (a
    /// `crate::terraform` function) makes from that same request: one call, shown three ways.
    pub fn with_terraform<A: Action>(req: &A, terraform: fn(&A) -> Terraform) -> Self {
        Self {
            terraform: Some(terraform(req)),
            ..Self::of(req)
        }
    }
}

/// A collapsible panel with the parameters, the CLI command and the Terraform (copyable).
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
                        {c.terraform.map(|t| view! { <ShowTerraform terraform=t/> })}
                    </div>
                }.into_any(),
            }}
        </details>
    }
}
