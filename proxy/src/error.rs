//! The proxy's one error type and its one mapping to the app's error shape. Internal details
//! go to the log; the body carries only what the user can act on.

use crate::cloud::UpstreamError;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tether_domain::api::ApiError;
use tether_domain::{FieldError, ParamError};

/// Everything a `/api` call can fail with.
#[derive(Debug)]
pub enum AppError {
    /// The body did not parse into the action's request type.
    BadRequest(ParamError),
    /// Field rules failed.
    Validation(Vec<FieldError>),
    /// Not signed in.
    Unauthenticated,
    /// Signed in, but the role or the deployment forbids it.
    Forbidden(String),
    /// A mutation without the anti-CSRF header or from another origin.
    CrossOrigin,
    /// No such action in the allowlist.
    UnknownAction(String),
    /// Too many mutations from this user.
    RateLimited,
    /// The cloud refused or could not be reached.
    Upstream(UpstreamError),
    /// The audit record of a mutation could not be written.
    AuditFailed,
    /// A wrong user name or password.
    BadCredentials,
    /// Too many failed sign-ins.
    LoginThrottled,
}

impl AppError {
    /// The app-facing error body.
    pub fn to_api_error(&self) -> ApiError {
        match self {
            Self::BadRequest(e) => {
                let (code, name) = match e {
                    ParamError::Missing(name) => ("MissingParameter", name.clone()),
                    ParamError::Invalid { name, .. } => ("InvalidParameter", name.clone()),
                };
                let mut err = ApiError::new(400, code, e.to_string());
                err.fields.push(tether_domain::api::FieldDetail {
                    field: name,
                    message: e.to_string(),
                    message_zh: e.to_string(),
                });
                err
            }
            Self::Validation(errors) => ApiError::from_fields(errors),
            Self::Unauthenticated => {
                ApiError::new(401, "Tether.Unauthenticated", "Sign in to use the console.")
            }
            Self::Forbidden(why) => ApiError::new(403, "Tether.Forbidden", why.clone()),
            Self::CrossOrigin => ApiError::new(
                403,
                "Tether.CrossOrigin",
                "Changes must come from the console itself (same origin, with its request header).",
            ),
            Self::UnknownAction(name) => ApiError::new(
                404,
                "InvalidAction.NotFound",
                format!("{name} is not an action this portal allows."),
            ),
            Self::RateLimited => ApiError::new(
                429,
                "Throttling",
                "Too many changes in a short time; wait a moment and retry.",
            ),
            Self::Upstream(UpstreamError::Api {
                status, envelope, ..
            }) => ApiError {
                status: *status,
                code: envelope.code.clone(),
                message: envelope.message.clone(),
                request_id: Some(envelope.request_id.clone()).filter(|s| !s.is_empty()),
                recommend: Some(envelope.recommend.clone()).filter(|s| !s.is_empty()),
                fields: Vec::new(),
            },
            Self::Upstream(UpstreamError::Timeout) => ApiError::new(
                504,
                "Tether.UpstreamTimeout",
                "The cloud did not answer in time. The call may still complete: refresh before retrying.",
            ),
            Self::Upstream(UpstreamError::Transport(_)) => ApiError::new(
                502,
                "Tether.UpstreamUnreachable",
                "The cloud endpoint could not be reached.",
            ),
            Self::AuditFailed => ApiError::new(
                500,
                "Tether.AuditFailed",
                "The change was sent but its audit record could not be written; check the data directory.",
            ),
            Self::BadCredentials => {
                ApiError::new(401, "Tether.BadCredentials", "Wrong user name or password.")
            }
            Self::LoginThrottled => ApiError::new(
                429,
                "Throttling",
                "Too many failed sign-ins for this user or address; try again in 15 minutes.",
            ),
            Self::Upstream(UpstreamError::Decode(_)) => ApiError::new(
                502,
                "Tether.UpstreamInvalid",
                "The cloud answered something this version does not understand.",
            ),
        }
    }
}

impl From<UpstreamError> for AppError {
    fn from(e: UpstreamError) -> Self {
        Self::Upstream(e)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = self.to_api_error();
        let status = StatusCode::from_u16(body.status).unwrap_or(StatusCode::BAD_GATEWAY);
        (status, Json(body)).into_response()
    }
}
