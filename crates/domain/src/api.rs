//! The proxy's contract with the app: the session description and the one error shape.

use crate::fields::FieldError;
use crate::lang::Lang;
use crate::rules::Reason;
use serde::{Deserialize, Serialize};

/// Header every app request carries; a cross-site form cannot set it, so mutations without it
/// are refused (anti-CSRF, together with the Origin check).
pub const CSRF_HEADER: &str = "x-tether-request";

/// A portal role, weakest first; each includes the ones before it. The proxy enforces it, the
/// app mirrors it on its buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Every Describe.
    Viewer,
    /// Also create, attach, detach, modify, start, stop, restart.
    Operator,
    /// Also delete ENIs, release instances, demo controls, audit replay.
    Admin,
}

impl Role {
    /// The role named `viewer`, `operator` or `admin`.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "viewer" => Some(Self::Viewer),
            "operator" => Some(Self::Operator),
            "admin" => Some(Self::Admin),
            _ => None,
        }
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Viewer => "viewer",
            Self::Operator => "operator",
            Self::Admin => "admin",
        }
    }
}

/// Which kind of cloud the proxy talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BackendKind {
    /// The embedded simulator (demo controls exist).
    Simulator,
    /// Alibaba Cloud's own endpoints.
    Aliyun,
    /// Another endpoint given with `--endpoint` (a test double, a private gateway).
    Endpoint,
}

/// Which cloud the proxy talks to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct BackendInfo {
    /// Its kind.
    pub kind: BackendKind,
    /// The host the proxy sends to (never a credential).
    pub endpoint: String,
}

/// `GET /api/session`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SessionInfo {
    /// The signed-in portal user.
    pub user: String,
    /// The user's role.
    pub role: Role,
    /// The backend in use.
    pub backend: BackendInfo,
    /// Regions this portal may touch; empty means all.
    pub allowed_regions: Vec<String>,
    /// ENI IDs the deployment protects besides the `tether:protected` tag, so the app can
    /// explain every protection refusal before the call.
    #[serde(default)]
    pub protected_enis: Vec<String>,
    /// Whether there is a Tether session to end (`--auth local`); with no sign-in, or sign-in
    /// done by a proxy in front (`--auth header`), the app offers no "Sign out".
    pub can_sign_out: bool,
}

/// `POST /api/login` body (local sign-in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Credentials {
    /// Portal user name.
    pub user: String,
    /// Password (sent once, over the same origin; never stored by the app).
    pub password: String,
}

/// One record of `GET /api/audit` (the proxy's audit trail, newest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct AuditRecord {
    /// Sequence number.
    pub id: i64,
    /// UTC time, `2026-11-25T17:03:21Z`.
    pub time: String,
    /// Portal user.
    pub user: String,
    /// Their role at the time.
    pub role: String,
    /// Action name.
    pub action: String,
    /// Region, when the action has one.
    pub region: String,
    /// Resource IDs named or created, space-separated.
    pub resources: String,
    /// The request as JSON.
    pub parameters: String,
    /// `ok` or the error code.
    pub outcome: String,
    /// The cloud's RequestId, when it answered.
    pub request_id: String,
    /// Milliseconds from receipt to answer.
    pub duration_ms: i64,
    /// Why it was refused or failed, as the caller was told. For a change that succeeded, what
    /// it did beyond its parameters that an admin must see (a change of delete protection:
    /// "Unprotects eni-... (removes tether:protected)."); else empty (and in records written
    /// before the field existed).
    #[serde(default)]
    pub reason: String,
}

/// `GET /api/audit` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct AuditList {
    /// The matching records.
    pub records: Vec<AuditRecord>,
}

/// `POST /api/audit/replay` body: the records to replay into the simulator, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase")]
pub struct ReplayRequest {
    /// Audit record IDs.
    pub ids: Vec<i64>,
}

/// The outcome of replaying one audit record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct ReplayResult {
    /// The audit record.
    pub id: i64,
    /// Its action.
    pub action: String,
    /// `ok` or the error code the simulator answered.
    pub outcome: String,
}

/// `POST /api/audit/replay` answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct ReplayAnswer {
    /// One result per replayed record.
    pub results: Vec<ReplayResult>,
}

/// One field problem in an [`ApiError`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct FieldDetail {
    /// Wire name of the field.
    pub field: String,
    /// English message.
    pub message: String,
    /// Chinese message.
    pub message_zh: String,
}

/// The one error shape the app receives, whatever failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct ApiError {
    /// HTTP status (also in the body, so the app keeps it with the error).
    pub status: u16,
    /// Alibaba's code or Tether's own (`Tether.Unauthenticated`).
    pub code: String,
    /// Human message.
    pub message: String,
    /// The cloud's request ID, when the cloud answered.
    pub request_id: Option<String>,
    /// Alibaba's troubleshooting link.
    pub recommend: Option<String>,
    /// Per-field problems for validation errors.
    pub fields: Vec<FieldDetail>,
}

impl ApiError {
    /// An error with a status, code and message.
    pub fn new(status: u16, code: &str, message: impl Into<String>) -> Self {
        Self {
            status,
            code: code.to_owned(),
            message: message.into(),
            ..Self::default()
        }
    }

    /// A validation error listing every field problem.
    pub fn from_fields(errors: &[FieldError]) -> Self {
        let first = errors
            .first()
            .map(FieldError::spec)
            .unwrap_or(crate::error::codes::INVALID_PARAMETER);
        let fields: Vec<FieldDetail> = errors
            .iter()
            .map(|e| FieldDetail {
                field: e.field.clone(),
                message: e.message(Lang::En),
                message_zh: e.message(Lang::Zh),
            })
            .collect();
        let message = fields
            .iter()
            .map(|f| format!("{}: {}", f.field, f.message))
            .collect::<Vec<_>>()
            .join(" ");
        Self {
            status: first.status,
            code: first.code.to_owned(),
            message,
            fields,
            ..Self::default()
        }
    }

    /// The error for the first of `reasons` (all of them in the message).
    pub fn from_reasons(reasons: &[Reason]) -> Self {
        let spec = reasons
            .first()
            .map(Reason::spec)
            .unwrap_or(crate::error::codes::INVALID_PARAMETER);
        let message = reasons
            .iter()
            .map(|r| r.message(Lang::En))
            .collect::<Vec<_>>()
            .join(" ");
        Self::new(spec.status, spec.code, message)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        if let Some(id) = &self.request_id {
            write!(f, " (RequestId {id})")?;
        }
        Ok(())
    }
}

/// `POST /api/demo` body (admin, embedded simulator only): any of the three controls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default, deny_unknown_fields)]
pub struct DemoControl {
    /// Back to the seeded demo world.
    pub reset: bool,
    /// `instant`, `demo` or `realistic`.
    pub speed: Option<String>,
    /// A fault scenario name, or `none`.
    pub scenario: Option<String>,
}

/// `GET`/`POST /api/demo` answer: the simulator's speed and fault scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", default)]
pub struct DemoState {
    /// `instant`, `demo` or `realistic`.
    pub speed: String,
    /// The active scenario, if any.
    pub scenario: Option<String>,
    /// Every scenario the simulator knows.
    pub scenarios: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_names_role_and_backend_in_lowercase_on_the_wire() {
        let info = SessionInfo {
            user: "ada".into(),
            role: Role::Operator,
            backend: BackendInfo {
                kind: BackendKind::Endpoint,
                endpoint: "127.0.0.1:9".into(),
            },
            allowed_regions: Vec::new(),
            protected_enis: Vec::new(),
            can_sign_out: true,
        };
        let json = serde_json::to_value(&info).unwrap();
        assert_eq!(json["Role"], "operator");
        assert_eq!(json["Backend"]["Kind"], "endpoint");
        assert_eq!(serde_json::from_value::<SessionInfo>(json).unwrap(), info);
        let unknown = serde_json::json!({"User": "x", "Role": "root", "Backend": {"Kind": "simulator", "Endpoint": ""}, "AllowedRegions": [], "CanSignOut": false});
        assert!(
            serde_json::from_value::<SessionInfo>(unknown).is_err(),
            "no role beyond the three"
        );
    }
}
