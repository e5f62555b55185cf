//! Deadlines on a request, as router layers: the whole body must arrive within
//! `--body-read-timeout` (a deadline, not an idle timeout: tower-http's body timeout restarts
//! with every byte, so a client sending one byte a second was never cut), and the whole request
//! is abandoned after `--request-timeout`. Both answer in the one error shape.

use crate::BODY_LIMIT;
use crate::error::AppError;
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tether_domain::ParamError;

/// Reads the whole body (every route that takes one reads all of it) within the deadline and
/// the size limit, then hands the request on with the body in memory.
pub async fn body_deadline(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let limit = state.limits.body_read_timeout;
    let (parts, body) = req.into_parts();
    let invalid = |reason: String| {
        AppError::BadRequest(ParamError::Invalid {
            name: "body".into(),
            reason,
        })
        .into_response()
    };
    match tokio::time::timeout(limit, axum::body::to_bytes(body, BODY_LIMIT)).await {
        Ok(Ok(bytes)) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Ok(Err(_)) => invalid(format!("larger than {BODY_LIMIT} bytes or unreadable")),
        Err(_) => invalid(format!("not received within {} s", limit.as_secs())),
    }
}

/// Abandons a request that runs longer than `--request-timeout`.
pub async fn request_deadline(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let limit = state.limits.request_timeout;
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(response) => response,
        Err(_) => AppError::RequestTimeout(limit).into_response(),
    }
}
