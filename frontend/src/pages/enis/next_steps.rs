//! After a bind: what to do next (detach, delete, configure the ENI inside the OS).

use crate::i18n::{T, tr};
use leptos::prelude::*;
use tether_domain::rules::image_recognises_eni;
use tether_domain::{Image, Instance};

/// Whether the instance's OS brings the new interface up by itself (the domain rule works on
/// images; the instance carries the image's ID and English OS name).
pub fn instance_recognises_eni(instance: &Instance) -> bool {
    image_recognises_eni(&Image {
        image_id: instance.image_id.clone(),
        image_name: String::new(),
        os_name: String::new(),
        os_name_en: instance.os_name_en.clone(),
        os_type: String::new(),
        platform: String::new(),
        architecture: String::new(),
        status: String::new(),
        image_owner_alias: String::new(),
        is_support_io_optimized: true,
    })
}

/// The panel shown after a successful bind.
#[component]
pub fn NextSteps(eni_id: String, instance: Instance, on_dismiss: Callback<()>) -> impl IntoView {
    let ready = instance_recognises_eni(&instance);
    view! {
        <section class="panel next-steps" data-testid="next-steps" aria-live="polite">
            <header>
                <h2>{tr(T::NextTitle)}</h2>
                <button class="icon-btn" aria-label=tr(T::Dismiss) on:click=move |_| on_dismiss.run(())>"×"</button>
            </header>
            <p><code>{eni_id}</code>" "{tr(T::NextBinding)}" "<code>{instance.instance_id.to_string()}</code>
               " ("{instance.os_name_en.clone()}")"</p>
            <ul>
                <li>{tr(T::NextDetach)}</li>
                <li>{tr(T::NextDelete)}</li>
                <li data-testid="next-source-dest">{tr(T::NextSourceDest)}</li>
                {if ready {
                    view! { <li>{tr(T::NextReady)}</li> }.into_any()
                } else {
                    view! { <li class="warn" data-testid="next-configure">{tr(T::NextConfigure)}" "
                        <a href="https://www.alibabacloud.com/help/en/ecs/user-guide/configure-a-secondary-eni" target="_blank" rel="noopener noreferrer">{tr(T::ConfigureGuide)}" ↗"</a></li> }.into_any()
                }}
            </ul>
        </section>
    }
}
