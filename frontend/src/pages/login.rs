//! `/login`: local sign-in. After the proxy's 204 the session is re-read and the user goes back
//! to where they were (`?next=`, same-origin paths only).

use crate::api;
use crate::ctx::SessionCtx;
use crate::i18n::{T, tr};
use crate::mutation::{error_of, on_success};
use crate::router::{Page, is_local_path, use_query_map, use_redirect};
use leptos::prelude::*;
use tether_domain::api::ApiError;

/// Where to go after signing in: `next` when it is a path of this origin, else the ENI page.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if is_local_path(n) && !n.starts_with(Page::Login.path()) => n.to_owned(),
        _ => Page::Enis.path().to_owned(),
    }
}

/// The form alone (mounted by the component tests): `on_submit` gets (user, password).
#[component]
pub fn LoginForm(
    #[prop(into)] error: Signal<Option<ApiError>>,
    #[prop(into, optional)] busy: Signal<bool>,
    on_submit: Callback<(String, String)>,
) -> impl IntoView {
    let (user, password) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    view! {
        <form class="login-card panel" data-testid="login-form" on:submit=move |ev| {
            ev.prevent_default();
            on_submit.run((user.get_untracked().trim().to_owned(), password.get_untracked()));
        }>
            <h1>{tr(T::SignInTitle)}</h1>
            <p class="muted">{tr(T::SignInHint)}</p>
            {move || error.get().map(|e| view! {
                <p class="login-error" role="alert" data-testid="login-error" data-code=e.code>{e.message}</p>
            })}
            <div class="field">
                <label for="login-user">{tr(T::UserName)}</label>
                <input id="login-user" type="text" autocomplete="username" data-testid="login-user" autofocus
                    prop:value=move || user.get() on:input=move |ev| user.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="login-password">{tr(T::Password)}</label>
                <input id="login-password" type="password" autocomplete="current-password" data-testid="login-password"
                    prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
            </div>
            <button class="btn primary" type="submit" data-testid="login-submit"
                disabled=move || busy.get() || user.with(|u| u.trim().is_empty()) || password.with(String::is_empty)>
                {move || if busy.get() { tr(T::SigningIn)() } else { tr(T::SignIn)() }}
            </button>
        </form>
    }
}

/// The sign-in page's body: the form, or, when the proxy only lets in browsers that opened the
/// link it printed at start (`--auth none` with a real cloud key), a notice saying so.
#[component]
pub fn SignIn(
    #[prop(into)] link_needed: Signal<bool>,
    #[prop(into)] error: Signal<Option<ApiError>>,
    #[prop(into)] busy: Signal<bool>,
    on_submit: Callback<(String, String)>,
) -> impl IntoView {
    move || {
        if link_needed.get() {
            view! {
                <div class="login-card panel" role="alert" data-testid="sign-in-link-needed">
                    <h1>{tr(T::SignInTitle)}</h1>
                    <p>{tr(T::SignInLinkNeeded)}</p>
                </div>
            }
            .into_any()
        } else {
            view! { <LoginForm error=error busy=busy on_submit=on_submit/> }.into_any()
        }
    }
}

/// `/login`.
#[component]
pub fn LoginPage() -> impl IntoView {
    let SessionCtx(session) = expect_context::<SessionCtx>();
    let query = use_query_map();
    let redirect = use_redirect();
    // Whether only the sign-in link the proxy printed lets a browser in.
    let probe = LocalResource::new(api::session);
    let link_needed = Signal::derive(move || {
        probe.with(|p| matches!(p, Some(Err(e)) if e.code == api::SIGN_IN_LINK_NEEDED))
    });
    let sign_in = Action::new_local(|(user, password): &(String, String)| {
        let (user, password) = (user.clone(), password.clone());
        async move {
            api::login(user, password).await?;
            api::session().await
        }
    });
    on_success(sign_in, move |s| {
        session.set(Some(s.clone()));
        redirect(&safe_next(
            query.with_untracked(|q| q.get("next")).as_deref(),
        ));
    });
    let on_submit = Callback::new(move |credentials: (String, String)| {
        sign_in.dispatch_local(credentials);
    });
    view! {
        <section class="login" data-testid="login-page">
            <SignIn link_needed=link_needed error=error_of(sign_in) busy=sign_in.pending() on_submit=on_submit/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn next_is_kept_only_for_local_paths() {
        assert_eq!(
            safe_next(Some("/audit?region=cn-beijing")),
            "/audit?region=cn-beijing"
        );
        assert_eq!(safe_next(Some("//evil.example/x")), "/enis");
        // Browsers read a backslash as a slash and drop tabs and newlines from URLs.
        assert_eq!(safe_next(Some("/\\evil.example")), "/enis");
        assert_eq!(safe_next(Some("/\t/evil.example")), "/enis");
        assert_eq!(safe_next(Some("/enis?q=a b")), "/enis");
        assert_eq!(safe_next(Some("https://evil.example")), "/enis");
        assert_eq!(safe_next(Some("/login?next=/x")), "/enis");
        assert_eq!(safe_next(None), "/enis");
    }
}
