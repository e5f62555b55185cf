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
    /// Too many calls (mutations or reads, counted apart) from this user.
    RateLimited,
    /// The cloud refused or could not be reached.
    Upstream(UpstreamError),
    /// The audit record of a mutation could not be written.
    AuditFailed,
    /// A wrong user name or password.
    BadCredentials,
    /// Too many failed sign-ins.
    LoginThrottled,
    /// The session table could not be read or written.
    SessionFailed,
    /// An instance action named a region the instance is not in.
    NotInRegion {
        /// The instance.
        instance: String,
        /// The region named.
        region: String,
    },
    /// The request ran longer than `--request-timeout`.
    RequestTimeout(std::time::Duration),
    /// `--auth none` with a real backend, without the cookie of the printed sign-in link.
    StartTokenNeeded,
    /// A Host header the proxy is not meant to be reached by (DNS rebinding defence).
    MisdirectedHost(String),
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
                    message: e.message(tether_domain::Lang::En),
                    message_zh: e.message(tether_domain::Lang::Zh),
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
                "Too many requests in a short time; wait a moment and retry.",
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
            Self::SessionFailed => ApiError::new(
                500,
                "Tether.SessionFailed",
                "The session could not be recorded; check the data directory.",
            ),
            // The cloud's own code for an instance it cannot find, so the app treats it alike.
            Self::NotInRegion { instance, region } => ApiError::new(
                404,
                "InvalidInstanceId.NotFound",
                format!("The specified InstanceId {instance} does not exist in region {region}."),
            ),
            Self::RequestTimeout(limit) => ApiError::new(
                503,
                "Tether.RequestTimeout",
                format!(
                    "The request took longer than {} s and was abandoned. A change may still complete: refresh before retrying.",
                    limit.as_secs()
                ),
            ),
            Self::StartTokenNeeded => ApiError::new(
                401,
                "Tether.SignInLinkNeeded",
                "Open the sign-in link Tether printed when it started (it holds this start's token).",
            ),
            Self::MisdirectedHost(host) => ApiError::new(
                421,
                "Tether.MisdirectedRequest",
                format!(
                    "This console does not answer for the host {host:?}. If users reach it by that name, start it with --public-url."
                ),
            ),
            Self::Upstream(UpstreamError::Decode(_)) => ApiError::new(
                502,
                "Tether.UpstreamInvalid",
                "The cloud answered something this version does not understand.",
            ),
        }
    }
}

/// What the audit trail learns of a refused request: the proxy decided it, not the cloud. Set
/// on the response by `into_response`, read by `audit::refusals::record`, so every refusal is
/// recorded in one place whichever layer produced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The error code (`Tether.Forbidden`, `Throttling`, ...).
    pub code: String,
    /// The message the caller got.
    pub reason: String,
}

impl AppError {
    /// Whether the proxy itself refused the request (as opposed to the cloud answering an error,
    /// a timeout, or our own storage failing). No wildcard: a new variant must decide.
    pub fn is_refusal(&self) -> bool {
        match self {
            Self::BadRequest(_)
            | Self::Validation(_)
            | Self::Unauthenticated
            | Self::Forbidden(_)
            | Self::CrossOrigin
            | Self::UnknownAction(_)
            | Self::RateLimited
            | Self::BadCredentials
            | Self::LoginThrottled
            | Self::StartTokenNeeded
            | Self::MisdirectedHost(_)
            | Self::NotInRegion { .. } => true,
            Self::Upstream(_)
            | Self::AuditFailed
            | Self::SessionFailed
            | Self::RequestTimeout(_) => false,
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
        let refusal = self.is_refusal().then(|| Refusal {
            code: body.code.clone(),
            reason: body.message.clone(),
        });
        let mut response = (status, Json(body)).into_response();
        if let Some(refusal) = refusal {
            response.extensions_mut().insert(refusal);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tether_domain::ErrorEnvelope;

    #[test]
    fn a_body_error_names_its_field_in_both_languages() {
        let api = AppError::BadRequest(ParamError::Missing("Ids".into())).to_api_error();
        assert_eq!(api.code, "MissingParameter");
        let field = &api.fields[0];
        assert_eq!(field.field, "Ids");
        assert_eq!(
            field.message,
            "The input parameter \"Ids\" that is mandatory for processing this request is not supplied."
        );
        assert_eq!(field.message_zh, "缺少必填参数“Ids”。");
    }

    /// Every variant, its status and code: the app branches on these.
    #[test]
    fn every_error_variant_maps_to_its_status_and_code() {
        let upstream = UpstreamError::Api {
            status: 403,
            envelope: Box::new(ErrorEnvelope::new(
                "InvalidOperation.VpcMismatch",
                "other VPC",
                "RID-1",
                "ecs.aliyuncs.com",
            )),
            retry_after_ms: None,
        };
        let cases: Vec<(AppError, u16, &str)> = vec![
            (
                AppError::BadRequest(ParamError::Missing("InstanceId".into())),
                400,
                "MissingParameter",
            ),
            (
                AppError::BadRequest(ParamError::Invalid {
                    name: "X".into(),
                    reason: "bad".into(),
                }),
                400,
                "InvalidParameter",
            ),
            (
                AppError::Validation(tether_domain::fields::check_eni_name(
                    "NetworkInterfaceName",
                    "1",
                )),
                400,
                "InvalidParameter",
            ),
            (AppError::Unauthenticated, 401, "Tether.Unauthenticated"),
            (AppError::Forbidden("no".into()), 403, "Tether.Forbidden"),
            (AppError::CrossOrigin, 403, "Tether.CrossOrigin"),
            (
                AppError::UnknownAction("RunCommand".into()),
                404,
                "InvalidAction.NotFound",
            ),
            (AppError::RateLimited, 429, "Throttling"),
            (
                AppError::Upstream(upstream),
                403,
                "InvalidOperation.VpcMismatch",
            ),
            (
                AppError::Upstream(UpstreamError::Timeout),
                504,
                "Tether.UpstreamTimeout",
            ),
            (
                AppError::Upstream(UpstreamError::Transport("refused".into())),
                502,
                "Tether.UpstreamUnreachable",
            ),
            (
                AppError::Upstream(UpstreamError::Decode("eof".into())),
                502,
                "Tether.UpstreamInvalid",
            ),
            (AppError::AuditFailed, 500, "Tether.AuditFailed"),
            (AppError::BadCredentials, 401, "Tether.BadCredentials"),
            (AppError::LoginThrottled, 429, "Throttling"),
            (AppError::SessionFailed, 500, "Tether.SessionFailed"),
            (AppError::StartTokenNeeded, 401, "Tether.SignInLinkNeeded"),
            (
                AppError::RequestTimeout(std::time::Duration::from_secs(60)),
                503,
                "Tether.RequestTimeout",
            ),
            (
                AppError::MisdirectedHost("evil.example".into()),
                421,
                "Tether.MisdirectedRequest",
            ),
            (
                AppError::NotInRegion {
                    instance: "i-x".into(),
                    region: "cn-shanghai".into(),
                },
                404,
                "InvalidInstanceId.NotFound",
            ),
        ];
        for (error, status, code) in cases {
            let api = error.to_api_error();
            assert_eq!((api.status, api.code.as_str()), (status, code), "{error:?}");
            assert!(!api.message.is_empty(), "{error:?} has a message");
            let response = error.into_response();
            assert_eq!(response.status().as_u16(), status);
        }
    }

    #[test]
    fn upstream_errors_keep_request_id_and_recommend_and_hide_transport_details() {
        let upstream = UpstreamError::Api {
            status: 404,
            envelope: Box::new(ErrorEnvelope::new(
                "InvalidEniId.NotFound",
                "gone",
                "RID-2",
                "ecs.aliyuncs.com",
            )),
            retry_after_ms: None,
        };
        let api = AppError::Upstream(upstream).to_api_error();
        assert_eq!(api.request_id.as_deref(), Some("RID-2"));
        assert!(
            api.recommend
                .is_some_and(|r| r.contains("InvalidEniId.NotFound"))
        );
        let hidden = AppError::Upstream(UpstreamError::Transport(
            "tcp connect error 10.1.2.3:443".into(),
        ))
        .to_api_error();
        assert!(!hidden.message.contains("10.1.2.3"), "{}", hidden.message);
    }
}
