//! The HTTP shape of the cloud path: one handler for `/` (GET and POST, query and form body,
//! V1 or V3), Alibaba's answers with `RequestId` (JSON or XML, see [`crate::answer`]), and its
//! error envelope.

use crate::Simulator;
use crate::answer::{Format, error_response, respond};
use crate::auth::{Received, authenticate};
use crate::dispatch::{dispatch, resolve};
use crate::error::SimError;
use crate::faults;
use crate::handlers::Ctx;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::Response;
use axum::routing::get;
use serde_json::Value;
use tether_domain::error::codes;
use tether_domain::{Params, Product};
use tether_signer::v1::decode_query;

/// The cloud path.
pub fn routes() -> Router<Simulator> {
    Router::new()
        .route("/", get(cloud).post(cloud))
        .fallback(unknown_path)
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

    // The answer names the product of the version asked for (ECS when there is none), in the
    // format asked for; a bad Format is refused once the caller is known.
    let product = version
        .as_deref()
        .and_then(Product::from_version)
        .unwrap_or(Product::Ecs);
    let v3 = first(&header_pairs, "authorization").is_some_and(|a| a.contains("ACS3-"));
    let (format, bad_format) = match Format::of(&params, v3) {
        Ok(format) => (format, None),
        Err((format, err)) => (format, Some(err)),
    };
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
        let sts = inner.config.security_token.as_deref();
        let checked = authenticate(&received, lookup, sts, &mut inner.nonces, now)
            .and_then(|_| bad_format.map_or(Ok(()), Err))
            .and_then(|()| resolve(action.as_deref(), version.as_deref()));
        let mutates = match checked {
            Ok(mutates) => mutates,
            Err(err) => return error_response(&err, &request_id, product, format),
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
        return error_response(err, &request_id, product, format);
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
            let root = format!("{}Response", action.as_deref().unwrap_or_default());
            respond(format, StatusCode::OK, &request_id, &root, &body)
        }
        Err(err) => error_response(&err, &request_id, product, format),
    }
}

async fn unknown_path(State(sim): State<Simulator>, uri: Uri, headers: HeaderMap) -> Response {
    let request_id = sim.lock().ids.request_id();
    let query = uri.query().map(decode_query).unwrap_or_default();
    let v3 = headers.contains_key(header::AUTHORIZATION);
    let format = Format::of(&query, v3).unwrap_or_else(|(format, _)| format);
    error_response(
        &SimError::Spec(codes::INVALID_ACTION_NOT_FOUND),
        &request_id,
        Product::Ecs,
        format,
    )
}
