//! Tether's proxy: serves the console, holds the only cloud credential, validates every call
//! with the shared rules, signs it and forwards it. `app(state)` builds the whole router, so
//! tests drive it with `oneshot`.

pub mod audit;
pub mod auth;
pub mod backend;
pub mod cloud;
pub mod config;
pub mod deadlines;
pub mod error;
pub mod extract;
pub mod files;
pub mod guard;
pub mod metrics;
pub mod random;
pub mod ratelimit;
pub mod routes;
pub mod serve;
pub mod startup;
pub mod state;
pub mod store;
pub mod write_deadline;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::middleware::from_fn_with_state;
use axum::routing::{any, get, post};
use state::AppState;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// Largest request body the API accepts; the biggest real request (RunInstances) is a few KB.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The whole proxy router.
pub fn app(state: AppState) -> Router {
    let security = |name: header::HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    // Everything under /api except signing in goes through `require_user`, so a new route
    // cannot forget authentication.
    let private = Router::new()
        .merge(routes::api::routes())
        .route("/api/session", get(routes::session::session))
        .route("/api/sessions/revoke", post(routes::session::revoke))
        .route("/api/audit", get(routes::audit::list))
        .route(
            "/api/audit/replay",
            post(routes::audit::replay_into_simulator),
        )
        .route(
            "/api/demo",
            get(routes::demo::status).post(routes::demo::control),
        )
        .route("/api/{*action}", any(routes::api::unknown_action))
        .layer(from_fn_with_state(state.clone(), auth::require_user));
    Router::new()
        .merge(private)
        .route("/api/login", post(routes::session::login))
        .route("/api/logout", post(routes::session::logout))
        .route("/healthz", get(routes::health::healthz))
        .route("/readyz", get(routes::health::readyz))
        .route(auth::start_token::PATH, get(auth::start_token::open))
        .route("/metrics", get(routes::health::metrics))
        .fallback(get(routes::assets::serve))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(from_fn_with_state(state.clone(), deadlines::body_deadline))
        .layer(from_fn_with_state(
            state.clone(),
            deadlines::request_deadline,
        ))
        .layer(CompressionLayer::new())
        .layer(security(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(security(header::REFERRER_POLICY, "no-referrer"))
        .layer(security(header::X_FRAME_OPTIONS, "DENY"))
        // A foreign Host reaches no route, not even a static file.
        .layer(from_fn_with_state(state.clone(), guard::host::check))
        // Outermost, so it sees every refusal, the Host guard's included.
        .layer(from_fn_with_state(state.clone(), audit::refusals::record))
        .with_state(state)
}
