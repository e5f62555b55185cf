//! `GET /api/session` (who is signed in, which backend), `POST /api/login`, `/api/logout` and
//! `/api/sessions/revoke` (an admin signs a user out everywhere).

use crate::auth::AuthMode;
use crate::auth::sessions::{SESSION_TTL, cookie_name, cookie_values};
use crate::error::AppError;
use crate::extract::{Admin, CurrentUser, SameOrigin, StrictJson};
use crate::state::AppState;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use std::net::SocketAddr;
use tether_domain::api::SessionInfo;

/// The session description; it names the backend host, never a credential. 401 when signed out.
pub async fn session(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<SessionInfo>, AppError> {
    Ok(Json(SessionInfo {
        user: user.name,
        role: user.role,
        backend: state.backend.clone(),
        allowed_regions: state.policy.allowed_regions.clone(),
        protected_enis: state.policy.protected_enis.clone(),
        can_sign_out: matches!(*state.auth, AuthMode::Local { .. }),
    }))
}

/// `POST /api/login` body.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Login {
    user: String,
    password: String,
}

fn session_failed(e: String) -> AppError {
    tracing::error!("{e}");
    AppError::SessionFailed
}

/// Signs in with the local users file; sets an HttpOnly, SameSite=Strict session cookie.
pub async fn login(
    State(state): State<AppState>,
    _: SameOrigin,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    StrictJson(form): StrictJson<Login>,
) -> Result<Response, AppError> {
    let peer = peer.map(|Extension(ConnectInfo(addr))| addr.ip());
    let AuthMode::Local {
        users,
        sessions,
        throttle,
        secure_cookies,
    } = state.auth.as_ref()
    else {
        return Err(AppError::Forbidden(
            "This portal does not use local sign-in.".into(),
        ));
    };
    // A name no user can have can never sign in; refused at once, it costs no password check
    // and never becomes a key of the throttle (a body may be 64 KB).
    if !crate::auth::users::is_valid_name(&form.user) {
        return Err(AppError::BadCredentials);
    }
    let ip = throttle.address_of(peer, &headers);
    let Some(attempt) = throttle.reserve(&form.user, &ip).await else {
        tracing::warn!(user = %form.user, %ip, "sign-in throttled");
        return Err(AppError::LoginThrottled);
    };
    let role = throttle
        .verify(users, form.user.clone(), form.password)
        .await;
    let Some(role) = role else {
        // The reservation already counted this failure.
        tracing::warn!(user = %form.user, %ip, "sign-in failed");
        return Err(AppError::BadCredentials);
    };
    throttle.refund(attempt).await;
    let token = sessions.start(&form.user).await.map_err(session_failed)?;
    tracing::info!(user = %form.user, role = role.as_str(), "signed in");
    let secure = if *secure_cookies { "; Secure" } else { "" };
    let cookie = format!(
        "{}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{secure}",
        cookie_name(*secure_cookies),
        SESSION_TTL.as_secs()
    );
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

/// Ends the session and clears the cookie. Every session cookie sent is ended: holding a
/// token is all it takes to end its session, and with two of them we cannot tell ours.
pub async fn logout(
    State(state): State<AppState>,
    _: SameOrigin,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let mut secure = false;
    if let AuthMode::Local {
        sessions,
        secure_cookies,
        ..
    } = state.auth.as_ref()
    {
        secure = *secure_cookies;
        for token in cookie_values(&headers, cookie_name(secure)) {
            sessions.end(token).await.map_err(session_failed)?;
        }
    }
    // A `__Host-` cookie is only replaced by one that is Secure too.
    let clear = format!(
        "{}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0{}",
        cookie_name(secure),
        if secure { "; Secure" } else { "" }
    );
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, clear)]).into_response())
}

/// `POST /api/sessions/revoke` body.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Revoke {
    user: String,
}

/// Signs a user out everywhere (admins only): every session of that user ends now, e.g. when
/// a laptop is lost. Answers how many sessions ended.
pub async fn revoke(
    State(state): State<AppState>,
    Admin(admin): Admin,
    StrictJson(form): StrictJson<Revoke>,
) -> Result<Response, AppError> {
    let AuthMode::Local { sessions, .. } = state.auth.as_ref() else {
        return Err(AppError::Forbidden(
            "This portal does not use local sign-in.".into(),
        ));
    };
    let ended = sessions
        .end_all_of(&form.user)
        .await
        .map_err(session_failed)?;
    tracing::info!(by = %admin.name, user = %form.user, ended, "signed out everywhere");
    // Ending someone's sessions is a change to the portal: it is audited like a cloud change.
    if let Some(audit) = state.audit.clone() {
        let record = crate::audit::AuditRecord {
            time: crate::audit::now_utc(),
            user: admin.name.clone(),
            role: admin.role.as_str().to_owned(),
            action: "sessions/revoke".to_owned(),
            resources: form.user.clone(),
            parameters: serde_json::json!({"User": form.user}).to_string(),
            outcome: "ok".to_owned(),
            reason: format!("{ended} session(s) ended"),
            ..crate::audit::AuditRecord::default()
        };
        if audit.record(&record).await.is_err() {
            return Err(AppError::AuditFailed);
        }
    }
    let mut response = Json(serde_json::json!({"User": form.user, "Ended": ended})).into_response();
    response.extensions_mut().insert(crate::audit::Recorded);
    Ok(response)
}
