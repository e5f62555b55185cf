//! Every change the app asks of the cloud is a Leptos `Action`: its `pending` drives the button,
//! its latest answer (an earlier dispatch's answer is dropped by Leptos) drives the banner and
//! what follows a success.

use crate::api;
use crate::components::error_banner::ErrorBanner;
use leptos::prelude::*;
use tether_domain::api::ApiError;

/// What a call action answers: the request it sent, with the cloud's answer.
pub type Sent<A> = Result<(A, <A as tether_domain::Action>::Response), ApiError>;

/// An action that sends one typed call per dispatch.
pub type CallAction<A> = Action<A, Sent<A>>;

/// An action sending `A` through [`api::call`].
pub fn call_action<A>() -> CallAction<A>
where
    A: tether_domain::Action + Clone + 'static,
{
    Action::new_local(|req: &A| {
        let req = req.clone();
        async move { api::call(&req).await.map(|resp| (req, resp)) }
    })
}

/// The error of the action's latest answer.
pub fn error_of<I, T>(action: Action<I, Result<T, ApiError>>) -> Signal<Option<ApiError>>
where
    I: 'static,
    T: 'static,
{
    Signal::derive(move || {
        action
            .value()
            .with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned()))
    })
}

/// Runs `then` with each successful answer (untracked: it reacts to answers only).
pub fn on_success<I, T>(action: Action<I, Result<T, ApiError>>, then: impl Fn(&T) + 'static)
where
    I: 'static,
    T: 'static,
{
    Effect::new(move |_| {
        action.value().with(|v| {
            if let Some(Ok(t)) = v {
                untrack(|| then(t));
            }
        })
    });
}

/// The action's latest error as a banner; dismissing it clears the answer.
pub fn error_slot<I, T>(action: Action<I, Result<T, ApiError>>) -> impl IntoView
where
    I: 'static,
    T: 'static,
{
    move || {
        error_of(action).get().map(|e| {
            view! { <ErrorBanner error=e on_dismiss=Callback::new(move |_| action.clear())/> }
        })
    }
}
