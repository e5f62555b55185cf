//! What every handler needs from a request, as axum extractors that reject with the
//! `AppError` the app reads: who is signed in ([`CurrentUser`]), whether a mutation came from
//! the app's own page ([`SameOrigin`]), both plus the role needed before any body is read
//! ([`Authorized`] for an action, [`Admin`] for the portal's own admin routes), and a JSON body
//! read strictly under the one body limit ([`StrictJson`]).
//! No handler reads the raw request for these.

use crate::BODY_LIMIT;
use crate::auth::{PortalUser, check_role, check_same_origin};
use crate::error::AppError;
use crate::state::Role;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use std::marker::PhantomData;
use tether_domain::params::from_json_strict;
use tether_domain::{Action, ParamError};

/// The signed-in user, as the `require_user` middleware resolved it (401 when there is none).
pub struct CurrentUser(pub PortalUser);

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parts
            .extensions
            .get::<PortalUser>()
            .cloned()
            .map(Self)
            .ok_or(AppError::Unauthenticated)
    }
}

impl CurrentUser {
    /// The user, if their role includes `role`; otherwise the domain's role refusal (403).
    pub fn require(self, role: Role) -> Result<PortalUser, AppError> {
        check_role(self.0.role, role)?;
        Ok(self.0)
    }
}

/// A request that is not a mutation, or one the app's own page sent (anti-CSRF: the custom
/// header and the Origin check of [`check_same_origin`]).
pub struct SameOrigin;

impl<S: Send + Sync> FromRequestParts<S> for SameOrigin {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        check_same_origin(&parts.method, &parts.headers).map(|()| Self)
    }
}

/// The user, signed in (401), from the app's origin (403), holding `role` (403), in that
/// order, all from the request's head: nobody learns how a body they may not send is parsed.
async fn authorize<S: Send + Sync>(
    parts: &mut Parts,
    state: &S,
    role: Role,
) -> Result<PortalUser, AppError> {
    let user = CurrentUser::from_request_parts(parts, state).await?;
    SameOrigin::from_request_parts(parts, state).await?;
    user.require(role)
}

/// The user allowed to call action `A` (see [`authorize`]).
pub struct Authorized<A>(pub PortalUser, pub PhantomData<A>);

impl<S: Send + Sync, A: Action> FromRequestParts<S> for Authorized<A> {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        Ok(Self(authorize(parts, state, A::ROLE).await?, PhantomData))
    }
}

/// An admin, for the portal's own admin routes: demo controls, audit replay, signing a user
/// out everywhere (see [`authorize`]).
pub struct Admin(pub PortalUser);

impl<S: Send + Sync> FromRequestParts<S> for Admin {
    type Rejection = AppError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        Ok(Self(authorize(parts, state, Role::Admin).await?))
    }
}

/// A JSON body of at most [`BODY_LIMIT`] bytes whose unknown fields are refused (a typo must
/// not silently drop a filter or a safety flag).
pub struct StrictJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for StrictJson<T> {
    type Rejection = AppError;
    async fn from_request(req: Request, _: &S) -> Result<Self, AppError> {
        let body = axum::body::to_bytes(req.into_body(), BODY_LIMIT)
            .await
            .map_err(|_| {
                AppError::BadRequest(ParamError::Invalid {
                    name: "body".into(),
                    reason: format!("too large (the limit is {BODY_LIMIT} bytes) or unreadable"),
                })
            })?;
        from_json_strict(&body)
            .map(Self)
            .map_err(AppError::BadRequest)
    }
}
