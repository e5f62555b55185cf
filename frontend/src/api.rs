//! All network code: one generic call for every typed action, plus the session read.

use gloo_net::http::Request;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use tether_domain::api::{
    ApiError, AuditList, CSRF_HEADER, Credentials, DemoControl, DemoState, ReplayAnswer,
    ReplayRequest, SessionInfo,
};
use tether_domain::{
    Action, DescribeSecurityGroups, DescribeVSwitches, RegionId, SecurityGroup, VSwitch,
};

/// Code of the error returned when the proxy could not be reached at all.
pub const NETWORK_CODE: &str = "Tether.Network";

/// Code of the proxy's answer when nobody is signed in (or the session expired).
pub const UNAUTHENTICATED: &str = "Tether.Unauthenticated";
/// The code of a 401 from a proxy started with `--auth none` and a real cloud key: only the
/// sign-in link it printed at start lets a browser in.
pub const SIGN_IN_LINK_NEEDED: &str = "Tether.SignInLinkNeeded";

fn network_error(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        0,
        NETWORK_CODE,
        format!("The console could not reach its proxy: {e}"),
    )
}

/// Turns a non-2xx answer into the proxy's error shape, even when the body is not one.
fn error_from(status: u16, status_text: String, body: String) -> ApiError {
    serde_json::from_str::<ApiError>(&body).unwrap_or_else(|_| {
        let text = if body.trim().is_empty() {
            status_text
        } else {
            body
        };
        ApiError::new(status, "Tether.Http", text)
    })
}

thread_local! {
    static ON_SIGNED_OUT: RefCell<Option<Rc<dyn Fn()>>> = RefCell::new(None);
}

/// Installs what happens when the proxy says the session is gone (401 `Tether.Unauthenticated`
/// on any call): the shell sends the user to the sign-in page.
pub fn on_signed_out(f: impl Fn() + 'static) {
    ON_SIGNED_OUT.with(|h| *h.borrow_mut() = Some(Rc::new(f)));
}

fn signed_out() {
    if let Some(f) = ON_SIGNED_OUT.with(|h| h.borrow().clone()) {
        f();
    }
}

/// The one fetch: every call goes through here, boxed, so the generic callers stay thin (one
/// copy of the HTTP state machine in the wasm, not one inlined per action). Returns the body
/// text of a 2xx answer.
fn fetch(url: String, body: Option<String>) -> Answer {
    #[cfg(test)]
    if let Some(fake) = FAKE_PROXY.with(|f| f.borrow().clone()) {
        return fake(url, body);
    }
    Box::pin(fetch_inner(url, body))
}

/// What [`fetch`] yields: the body text of a 2xx answer, or the error.
pub type Answer = Pin<Box<dyn Future<Output = Result<String, ApiError>>>>;

/// A test's stand-in for the proxy: URL and JSON body in, answer out.
#[cfg(test)]
pub type FakeProxy = Rc<dyn Fn(String, Option<String>) -> Answer>;

#[cfg(test)]
thread_local! {
    static FAKE_PROXY: RefCell<Option<FakeProxy>> = const { RefCell::new(None) };
}

/// Component tests answer in the proxy's place (`url`, JSON body -> answer), so they control
/// what comes back and when (a late page) without a server; `None` removes the fake.
#[cfg(test)]
pub fn fake_proxy(fake: Option<FakeProxy>) {
    FAKE_PROXY.with(|f| *f.borrow_mut() = fake);
}

async fn fetch_inner(url: String, body: Option<String>) -> Result<String, ApiError> {
    let url = url.as_str();
    let req = match body {
        Some(body) => Request::post(url)
            .header(CSRF_HEADER, "1")
            .header("content-type", "application/json")
            .body(body)
            .map_err(network_error)?,
        None => Request::get(url)
            .header(CSRF_HEADER, "1")
            .build()
            .map_err(network_error)?,
    };
    let resp = req.send().await.map_err(network_error)?;
    let text = resp.text().await.unwrap_or_default();
    if resp.ok() {
        return Ok(text);
    }
    let e = error_from(resp.status(), resp.status_text(), text);
    if e.status == 401 && (e.code == UNAUTHENTICATED || e.code == SIGN_IN_LINK_NEEDED) {
        signed_out();
    }
    Err(e)
}

/// Decodes a 2xx body.
#[inline(never)]
fn decode<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text)
        .map_err(|e| ApiError::new(200, "Tether.Decode", format!("Unexpected answer: {e}")))
}

fn encode<T: Serialize>(body: &T) -> Result<String, ApiError> {
    serde_json::to_string(body).map_err(network_error)
}

/// Sends `req` to `POST /api/<Action>` and decodes the action's typed answer.
pub async fn call<A: Action>(req: &A) -> Result<A::Response, ApiError> {
    let body = encode(req)?;
    let text = fetch(format!("/api/{}", A::NAME), Some(body)).await?;
    decode(&text)
}

/// The vSwitches of a region (the first 50, the API's largest page): the ENI page and the
/// wizard both offer them.
pub async fn v_switches(region: RegionId) -> Result<Vec<VSwitch>, ApiError> {
    let req = DescribeVSwitches {
        page_size: Some(50),
        ..DescribeVSwitches::region(region)
    };
    Ok(call(&req).await?.v_switches.v_switch)
}

/// The security groups of a region (the first 50, the API's largest page).
pub async fn security_groups(region: RegionId) -> Result<Vec<SecurityGroup>, ApiError> {
    let req = DescribeSecurityGroups {
        page_size: Some(50),
        ..DescribeSecurityGroups::region(region)
    };
    Ok(call(&req).await?.security_groups.security_group)
}

/// `GET /api/session`: who is signed in and which backend the proxy talks to.
pub async fn session() -> Result<SessionInfo, ApiError> {
    decode(&fetch("/api/session".into(), None).await?)
}

/// `POST /api/login`; the proxy sets the session cookie.
pub async fn login(user: String, password: String) -> Result<(), ApiError> {
    let body = encode(&Credentials { user, password })?;
    fetch("/api/login".into(), Some(body)).await.map(drop)
}

/// `POST /api/logout`.
pub async fn logout() -> Result<(), ApiError> {
    fetch("/api/logout".into(), Some(String::new()))
        .await
        .map(drop)
}

/// `GET /api/audit?<query>` (the query string already encoded).
pub async fn audit(query: &str) -> Result<AuditList, ApiError> {
    decode(&fetch(format!("/api/audit?{query}"), None).await?)
}

/// `POST /api/audit/replay`: replays the records into the simulator (admin only).
pub async fn replay(ids: Vec<i64>) -> Result<ReplayAnswer, ApiError> {
    let body = encode(&ReplayRequest { ids })?;
    decode(&fetch("/api/audit/replay".into(), Some(body)).await?)
}

/// `GET /api/demo`: the embedded simulator's speed and scenario (admin only).
pub async fn demo_state() -> Result<DemoState, ApiError> {
    decode(&fetch("/api/demo".into(), None).await?)
}

/// `POST /api/demo`: reset the demo world, set the speed dial or switch a fault scenario.
pub async fn demo_control(control: DemoControl) -> Result<DemoState, ApiError> {
    let body = encode(&control)?;
    decode(&fetch("/api/demo".into(), Some(body)).await?)
}

/// A fresh idempotency token: one per dialog opening, so a double click cannot create twice.
pub fn client_token() -> String {
    let uuid = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("{:x}", (js_sys::Math::random() * 1e15) as u64));
    format!("tether-{uuid}")
}

/// Milliseconds since the page loaded (for stuck-state timers).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Copies text to the clipboard; the API is looked up dynamically because web-sys marks it
/// unstable, and failure is harmless (the text stays selectable).
pub fn copy_text(text: &str) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let nav = window.navigator();
    let Ok(clip) = js_sys::Reflect::get(&nav, &"clipboard".into()) else {
        return;
    };
    if let Ok(f) = js_sys::Reflect::get(&clip, &"writeText".into())
        && let Ok(f) = f.dyn_into::<js_sys::Function>()
    {
        let _ = f.call1(&clip, &text.into());
    }
}
