//! The app: routes, top bar (region, backend, user, language) and left navigation.

use crate::api;
use crate::ctx::{SessionChecked, SessionCtx, href, use_region};
use crate::i18n::{LangCtx, T, lang, store_lang, stored_lang, tr};
use crate::pages::chunks;
use crate::router::{Page, provide_router, use_location, use_navigate, use_page, use_redirect};
use leptos::prelude::*;
use tether_domain::api::{BackendKind, Role};
use tether_domain::{DescribeRegions, Lang};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let lang_signal = RwSignal::new(stored_lang());
    provide_context(LangCtx(lang_signal));
    provide_context(SessionCtx(RwSignal::new(None)));
    provide_context(SessionChecked(RwSignal::new(false)));
    Effect::new(move |_| {
        let l = lang_signal.get();
        store_lang(l);
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", l.pick("en", "zh-CN"));
        }
    });
    provide_router();
    view! { <Shell/> }
}

/// Shows `page` once the session is known (a signed-out visitor is sent to `/login` first).
fn gated<V: IntoView + 'static>(page: impl Fn() -> V + Send + Sync + 'static) -> impl IntoView {
    let SessionChecked(checked) = expect_context::<SessionChecked>();
    move || checked.get().then(&page)
}

/// Chrome and routes; sends any 401 to the sign-in page, remembering where the user was.
#[component]
fn Shell() -> impl IntoView {
    let SessionCtx(session) = expect_context::<SessionCtx>();
    let SessionChecked(checked) = expect_context::<SessionChecked>();
    let location = use_location();
    let redirect = use_redirect();
    api::on_signed_out(move || {
        session.set(None);
        if location
            .pathname
            .with_untracked(|p| p == Page::Login.path())
        {
            return;
        }
        let here = location.here();
        let to = format!(
            "{}?next={}",
            Page::Login.path(),
            js_sys::encode_uri_component(&here)
        );
        redirect(&to);
    });
    // Who is signed in: the session context (also set by signing in) takes the first answer.
    let first = LocalResource::new(api::session);
    Effect::new(move |_| {
        first.with(|answer| {
            if let Some(answer) = answer {
                if let Ok(s) = answer {
                    session.set(Some(s.clone()));
                }
                checked.set(true);
            }
        })
    });
    // One view for both routes of the ENI page (one copy of its code, not two).
    let enis = || chunks::split_view!(chunks::enis_page());
    let page = use_page();
    let bare = Memo::new(move |_| page.get() == Page::Login);
    // Re-rendered when the page changes, not when only the query does.
    let routes = move || match page.get() {
        Page::Login => chunks::split_view!(chunks::login_page()).into_any(),
        Page::Enis => gated(enis).into_any(),
        Page::Instances => gated(|| chunks::split_view!(chunks::instances_page())).into_any(),
        Page::Create => gated(|| chunks::split_view!(chunks::wizard_page())).into_any(),
        Page::Audit => gated(|| chunks::split_view!(chunks::audit_page())).into_any(),
        Page::EniDetail => gated(|| chunks::split_view!(chunks::eni_detail_page())).into_any(),
        Page::NotFound => view! { <p class="empty">{tr(T::NotFound)}</p> }.into_any(),
    };
    view! {
        <div class="shell" class:bare=bare data-testid="shell">
            {move || (!bare.get()).then(|| view! { <TopBar/><Nav/> })}
            <main class="content" id="main">
                {routes}
            </main>
        </div>
    }
}

#[component]
fn TopBar() -> impl IntoView {
    let LangCtx(lang_signal) = expect_context::<LangCtx>();
    let SessionCtx(session) = expect_context::<SessionCtx>();
    let region = use_region();
    let location = use_location();
    let navigate = use_navigate();
    let redirect = use_redirect();
    let regions = LocalResource::new(|| async { api::call(&DescribeRegions::default()).await });
    let regions = Memo::new(move |_| {
        regions.with(|answer| match answer {
            Some(Ok(r)) => r
                .regions
                .region
                .iter()
                .map(|r| (r.region_id.to_string(), r.local_name.clone()))
                .collect(),
            _ => Vec::<(String, String)>::new(),
        })
    });
    let options = move || {
        let allowed = session.with(|s| {
            s.as_ref()
                .map(|s| s.allowed_regions.clone())
                .unwrap_or_default()
        });
        let mut list: Vec<(String, String)> = regions
            .get()
            .into_iter()
            .filter(|(id, _)| allowed.is_empty() || allowed.contains(id))
            .collect();
        let current = region.get().to_string();
        if !list.iter().any(|(id, _)| *id == current) {
            list.insert(0, (current.clone(), String::new()));
        }
        list.into_iter()
            .map(|(id, name)| {
                let label = if name.is_empty() {
                    id.clone()
                } else {
                    format!("{name} ({id})")
                };
                view! { <option value=id.clone() selected=id == current>{label}</option> }
            })
            .collect_view()
    };
    let backend = move || {
        session.with(|s| {
            s.as_ref().map(|s| {
                let (key, class) = match s.backend.kind {
                    BackendKind::Simulator => (T::Simulator, "backend sim"),
                    BackendKind::Aliyun => (T::AlibabaCloud, "backend cloud"),
                    BackendKind::Endpoint => (T::Endpoint, "backend endpoint"),
                };
                let title = s.backend.endpoint.clone();
                view! { <span class=class title=title data-testid="backend-badge">{tr(key)}</span> }
            })
        })
    };
    let user = move || {
        session.with(|s| {
            s.as_ref().map(|s| {
                let text = format!("{} · {}", s.user, s.role.as_str());
                view! { <span class="user" data-testid="user-badge">{text}</span> }
            })
        })
    };
    let signed_in = move || session.with(|s| s.as_ref().is_some_and(|s| s.can_sign_out));
    // Whatever the proxy answers, this browser is signed out: its session is forgotten here.
    let sign_out = Action::new_local(|_: &()| api::logout());
    Effect::new(move |_| {
        if sign_out.value().with(Option::is_some) {
            session.set(None);
            redirect(Page::Login.path());
        }
    });
    let sign_out = move |_| {
        sign_out.dispatch_local(());
    };
    view! {
        <header class="topbar">
            <a class="brand" href=Page::Enis.path()>
                <span class="logo" aria-hidden="true">"⟠"</span>
                <strong>{tr(T::Product)}</strong>
                <span class="muted">{tr(T::Tagline)}</span>
            </a>
            <label class="region">
                <span>{tr(T::Region)}</span>
                <select data-testid="region-select" on:change=move |ev| {
                    let r = event_target_value(&ev);
                    let path = location.pathname.get_untracked();
                    navigate(&format!("{path}?region={r}"));
                }>{options}</select>
            </label>
            <span class="spacer"></span>
            {backend}
            {move || session.with(|s| s.as_ref().is_some_and(|s| s.backend.kind == BackendKind::Simulator && s.role == Role::Admin))
                .then(|| view! { <crate::components::demo_controls::DemoControls/> })}
            {user}
            {move || signed_in().then(|| view! {
                <button class="btn small ghost" data-testid="logout" on:click=sign_out>{tr(T::SignOut)}</button>
            })}
            <div class="lang" role="group" aria-label=tr(T::Language)>
                <button
                    class:active=move || lang() == Lang::En
                    aria-pressed=move || (lang() == Lang::En).to_string()
                    data-testid="lang-en"
                    on:click=move |_| lang_signal.set(Lang::En)
                >"EN"</button>
                <button
                    class:active=move || lang() == Lang::Zh
                    aria-pressed=move || (lang() == Lang::Zh).to_string()
                    data-testid="lang-zh"
                    on:click=move |_| lang_signal.set(Lang::Zh)
                >"中文"</button>
            </div>
        </header>
    }
}

#[component]
fn Nav() -> impl IntoView {
    let region = use_region();
    let page = use_page();
    let link = move |to: Page, key: T, testid: &'static str| {
        // A detail page is part of the list it opens from.
        let current = move || {
            let here = match page.get() {
                Page::EniDetail => Page::Enis,
                p => p,
            };
            (here == to).then_some("page")
        };
        view! {
            <a href=move || href(to, &region.get(), &[]) aria-current=current data-testid=testid>
                {tr(key)}
            </a>
        }
    };
    view! {
        <nav class="sidenav" aria-label="Main">
            {link(Page::Instances, T::NavInstances, "nav-instances")}
            {link(Page::Enis, T::NavEnis, "nav-enis")}
            {link(Page::Create, T::NavCreate, "nav-create")}
            {link(Page::Audit, T::NavAudit, "nav-audit")}
        </nav>
    }
}
