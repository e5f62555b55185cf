//! All network code: one generic call for every typed action, plus the session read.

use gloo_net::http::{Request, Response};
use tether_domain::Action;
use tether_domain::api::{ApiError, CSRF_HEADER, SessionInfo};

/// Code of the error returned when the proxy could not be reached at all.
pub const NETWORK_CODE: &str = "Tether.Network";

fn network_error(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        0,
        NETWORK_CODE,
        format!("The console could not reach its proxy: {e}"),
    )
}

/// Turns a non-2xx answer into the proxy's error shape, even when the body is not one.
async fn error_from(resp: Response) -> ApiError {
    let status = resp.status();
    match resp.text().await {
        Ok(body) => serde_json::from_str::<ApiError>(&body).unwrap_or_else(|_| {
            let text = if body.trim().is_empty() {
                resp.status_text()
            } else {
                body
            };
            ApiError::new(status, "Tether.Http", text)
        }),
        Err(e) => ApiError::new(status, "Tether.Http", e.to_string()),
    }
}

/// Sends `req` to `POST /api/<Action>` and decodes the action's typed answer.
pub async fn call<A: Action>(req: &A) -> Result<A::Response, ApiError> {
    let url = format!("/api/{}", A::NAME);
    let resp = Request::post(&url)
        .header(CSRF_HEADER, "1")
        .json(req)
        .map_err(network_error)?
        .send()
        .await
        .map_err(network_error)?;
    if !resp.ok() {
        return Err(error_from(resp).await);
    }
    resp.json::<A::Response>().await.map_err(|e| {
        ApiError::new(
            resp.status(),
            "Tether.Decode",
            format!("Unexpected answer: {e}"),
        )
    })
}

/// `GET /api/session`: who is signed in and which backend the proxy talks to.
pub async fn session() -> Result<SessionInfo, ApiError> {
    let resp = Request::get("/api/session")
        .header(CSRF_HEADER, "1")
        .send()
        .await
        .map_err(network_error)?;
    if !resp.ok() {
        return Err(error_from(resp).await);
    }
    resp.json::<SessionInfo>()
        .await
        .map_err(|e| ApiError::new(resp.status(), "Tether.Decode", e.to_string()))
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
