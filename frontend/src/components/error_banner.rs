//! The one way errors are shown: the cloud's Code, Message, RequestId and Recommend link.

use crate::i18n::{T, lang, tr};
use leptos::prelude::*;
use tether_domain::Lang;
use tether_domain::api::ApiError;

/// An error banner; `on_dismiss` adds a close button.
#[component]
pub fn ErrorBanner(
    error: ApiError,
    #[prop(optional)] on_dismiss: Option<Callback<()>>,
) -> impl IntoView {
    let ApiError {
        code,
        message,
        request_id,
        recommend,
        fields,
        ..
    } = error;
    let fields = move || {
        let zh = lang() == Lang::Zh;
        fields
            .iter()
            .map(|f| {
                let text = if zh {
                    f.message_zh.clone()
                } else {
                    f.message.clone()
                };
                view! { <li><code>{f.field.clone()}</code>" " {text}</li> }
            })
            .collect_view()
    };
    view! {
        <div class="error-banner" role="alert" data-testid="error-banner">
            <div class="error-main">
                <code class="error-code" data-testid="error-code">{code}</code>
                <span class="error-message">{message}</span>
                {on_dismiss.map(|cb| view! {
                    <button class="icon-btn" aria-label=tr(T::Dismiss) on:click=move |_| cb.run(())>"×"</button>
                })}
            </div>
            <ul class="error-fields">{fields}</ul>
            <div class="error-meta">
                {request_id.map(|id| view! {
                    <span>{tr(T::RequestId)}": "<code data-testid="error-request-id">{id}</code></span>
                })}
                {recommend.map(|url| view! {
                    <a href=url target="_blank" rel="noopener noreferrer">{tr(T::Troubleshoot)}" ↗"</a>
                })}
            </div>
        </div>
    }
}

/// An optional error held in a signal, shown with a dismiss button.
#[component]
pub fn ErrorSlot(error: RwSignal<Option<ApiError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            view! { <ErrorBanner error=e on_dismiss=Callback::new(move |_| error.set(None))/> }
        })
    }
}
