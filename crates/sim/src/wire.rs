//! The HTTP shape of the cloud path: one handler for `/` (GET and POST, query and form body,
//! V1 or V3), Alibaba's JSON answers with `RequestId`, and its error envelope.

use crate::Simulator;
use crate::auth::{Received, authenticate};
use crate::dispatch::{dispatch, resolve};
use crate::error::SimError;
use crate::faults;
use crate::handlers::Ctx;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::Value;
use tether_domain::error::codes;
use tether_domain::{ErrorEnvelope, Params, Product};
use tether_signer::v1::decode_query;

/// The cloud path.
pub fn routes() -> Router<Simulator> {
    Router::new()
        .route("/", get(cloud).post(cloud))
        .fallback(unknown_path)
}

fn json_response(status: StatusCode, request_id: &str, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(request_id) {
        headers.insert("x-acs-request-id", value);
    }
    response
}

/// Alibaba's error answer for `err`, as `product`'s gateway gives it (its `HostId` and
/// troubleshooting link).
pub fn error_response(err: &SimError, request_id: &str, product: Product) -> Response {
    let envelope = ErrorEnvelope::of(product, err.code(), err.message(), request_id);
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::BAD_REQUEST);
    json_response(
        status,
        request_id,
        &serde_json::to_value(envelope).unwrap_or_default(),
    )
}

fn first<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

async fn cloud(
    State(sim): State<Simulator>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let query = uri.query().map(decode_query).unwrap_or_default();
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        });
    let mut params = query.clone();
    if method == Method::POST && is_form {
        params.extend(decode_query(&String::from_utf8_lossy(&body)));
    }
    let header_pairs: Vec<(String, String)> = headers
        .iter()
        .filter_map(|(k, v)| {
            v.to_str()
                .ok()
                .map(|v| (k.as_str().to_owned(), v.to_owned()))
        })
        .collect();
    let action = first(&params, "Action")
        .or_else(|| first(&header_pairs, "x-acs-action"))
        .map(str::to_owned);
    let version = first(&params, "Version")
        .or_else(|| first(&header_pairs, "x-acs-version"))
        .map(str::to_owned);

    // The answer names the product of the version asked for (ECS when there is none).
    let product = version
        .as_deref()
        .and_then(Product::from_version)
        .unwrap_or(Product::Ecs);
    let (request_id, decision, mutates) = {
        let mut inner = sim.lock();
        let inner = &mut *inner;
        let request_id = inner.ids.request_id();
        inner.stats.requests += 1;
        *inner
            .stats
            .by_action
            .entry(action.clone().unwrap_or_default())
            .or_default() += 1;
        let received = Received {
            method: method.as_str(),
            query: &query,
            params: &params,
            headers: &header_pairs,
            body: &body,
        };
        let credentials = &inner.config.credentials;
        let lookup = |id: &str| {
            credentials
                .iter()
                .find(|(k, _)| k == id)
                .map(|(_, s)| s.clone())
        };
        let now = (sim.clock.now_ms() / 1000) as i64;
        let checked = authenticate(&received, lookup, &mut inner.nonces, now)
            .and_then(|_| resolve(action.as_deref(), version.as_deref()));
        let mutates = match checked {
            Ok(mutates) => mutates,
            Err(err) => return error_response(&err, &request_id, product),
        };
        let decision = faults::decide(
            &inner.faults,
            &mut inner.fault_rng,
            action.as_deref().unwrap_or(""),
            mutates,
        );
        (request_id, decision, mutates)
    };
    if decision.latency_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(decision.latency_ms)).await;
    }
    if let Some(err) = &decision.error {
        return error_response(err, &request_id, product);
    }

    // Later duplicates of a name are ignored, as the typed parser sees one value per name.
    let mut flat = Params::new();
    for (k, v) in params {
        flat.entry(k).or_insert(v);
    }
    let result = {
        let mut inner = sim.lock();
        let inner = &mut *inner;
        let now_ms = sim.clock.now_ms();
        inner.world.apply_due(now_ms);
        inner.world.freeze_new = decision.stuck;
        let mut ctx = Ctx {
            world: &mut inner.world,
            now_ms,
            delay_ms: inner.speed.delay_ms(),
        };
        let result = dispatch(&mut ctx, action.as_deref().unwrap_or(""), &flat);
        inner.world.freeze_new = false;
        // Saved before the answer leaves, so nothing acknowledged can be lost.
        match result {
            Ok(body) if mutates => inner.save().map(|()| body),
            other => other,
        }
    };
    match result {
        Ok(mut body) => {
            if let Some(object) = body.as_object_mut() {
                object.insert("RequestId".into(), Value::String(request_id.clone()));
            }
            json_response(StatusCode::OK, &request_id, &body)
        }
        Err(err) => error_response(&err, &request_id, product),
    }
}

async fn unknown_path(State(sim): State<Simulator>) -> Response {
    let request_id = sim.lock().ids.request_id();
    error_response(
        &SimError::Spec(codes::INVALID_ACTION_NOT_FOUND),
        &request_id,
        Product::Ecs,
    )
}
