//! The Terraform part of "show the call": the resource block and the `terraform import` line,
//! each with its own copy button.

use crate::api::copy_text;
use crate::i18n::{T, tr};
use crate::terraform::Terraform;
use leptos::prelude::*;

/// The block (when the call has one) and the import line (when it acts on an existing ENI).
#[component]
pub fn ShowTerraform(terraform: Terraform) -> impl IntoView {
    let Terraform { config, import } = terraform;
    view! {
        <h3>{tr(T::TerraformEquivalent)}</h3>
        {config.map(|text| copyable(text, "call-terraform", "copy-terraform", T::CopyTerraform))}
        {import.map(|text| view! {
            <p class="hint">{tr(T::TerraformImportFirst)}</p>
            {copyable(text, "call-terraform-import", "copy-terraform-import", T::CopyImport)}
        })}
    }
}

/// `text` in a code box with a Copy button; the button's accessible name says what it copies,
/// since the panel has several (its visible word stays in the name, as WCAG 2.5.3 asks).
fn copyable(text: String, testid: &'static str, button: &'static str, label: T) -> impl IntoView {
    let copied = text.clone();
    view! {
        <div class="cli">
            <pre data-testid=testid>{text}</pre>
            <button class="btn small" data-testid=button aria-label=tr(label)
                on:click=move |_| copy_text(&copied)>{tr(T::Copy)}</button>
        </div>
    }
}
