//! Serves the built app: embedded in the binary (release builds embed `dist/`) or from
//! `--assets DIR`. Client-side routes fall back to `index.html`; hashed assets are cached for
//! a year, `index.html` never.

use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::borrow::Cow;

#[cfg(feature = "embed-app")]
#[derive(rust_embed::RustEmbed)]
#[folder = "../dist/"]
#[allow_missing = true]
struct Dist;

/// The embedded copy of `path`, when the binary was built with the app.
fn embedded(path: &str) -> Option<Cow<'static, [u8]>> {
    #[cfg(feature = "embed-app")]
    return Dist::get(path).map(|f| f.data);
    #[cfg(not(feature = "embed-app"))]
    {
        let _ = path;
        None
    }
}

/// Reads an asset from `--assets DIR` or the embedded copy.
fn load(state: &AppState, path: &str) -> Option<Cow<'static, [u8]>> {
    if path.contains("..") {
        return None;
    }
    match &state.assets_dir {
        Some(dir) => std::fs::read(dir.join(path)).ok().map(Cow::Owned),
        None => embedded(path),
    }
}

/// Whether an app build is available at all (for the start-up message).
pub fn app_available(state: &AppState) -> bool {
    load(state, "index.html").is_some()
}

/// What to do when there is no app to serve, which depends on where it was looked for: a
/// binary built without the `embed-app` feature (as `cargo xtask run` builds its own) never
/// has one of its own, and one built with it holds what dist/ held at the time.
pub fn missing_app_hint(assets_dir: Option<&std::path::Path>, embeds_app: bool) -> String {
    match assets_dir {
        Some(dir) => format!(
            "The app is not in {}: it has no index.html. Pass --assets with the folder of a built app (`cargo xtask run` builds one into dist/).",
            dir.display()
        ),
        None if embeds_app => "No app was embedded: dist/ was empty when this binary was built. Build the app (`cargo xtask run` builds it into dist/), then this binary again (`cargo build --release -p tether`), or pass --assets dist.".to_owned(),
        None => "This binary was built without the app (no embed-app feature). Pass --assets with the folder of a built app, e.g. --assets dist after `cargo xtask run` built it.".to_owned(),
    }
}

/// [`missing_app_hint`] for this binary and `state`.
pub fn missing_app_hint_for(state: &AppState) -> String {
    missing_app_hint(state.assets_dir.as_deref(), cfg!(feature = "embed-app"))
}

/// GET fallback: a file of the app, or `index.html` for client-side routes.
pub async fn serve(State(state): State<AppState>, headers: HeaderMap, uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    if path.starts_with("api/") {
        return (StatusCode::NOT_FOUND, "no such API route").into_response();
    }
    if !path.is_empty() && path != "index.html" {
        let accept = headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        // The build's brotli/gzip copy (best levels), when the browser takes it; else the file
        // as it is, which the compression layer compresses on the fly. One read either way.
        let encoded = [("br", "br"), ("gzip", "gz")]
            .into_iter()
            .filter(|(coding, _)| accepts(accept, coding))
            .find_map(|(coding, ext)| load(&state, &format!("{path}.{ext}")).map(|b| (coding, b)));
        let found = match encoded {
            Some((coding, body)) => Some(
                (
                    [(header::CONTENT_ENCODING, coding.to_owned())],
                    body.into_owned(),
                )
                    .into_response(),
            ),
            None => load(&state, path).map(|body| body.into_owned().into_response()),
        };
        if let Some(mut response) = found {
            let mime = mime_guess::from_path(path).first_or_octet_stream();
            let h = response.headers_mut();
            if let Ok(v) = HeaderValue::from_str(mime.essence_str()) {
                h.insert(header::CONTENT_TYPE, v);
            }
            // Trunk and the split hook put a content hash in every asset name: they never change.
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            );
            h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
            return response;
        }
        if path.contains('.') {
            return (StatusCode::NOT_FOUND, "not found").into_response();
        }
    }
    match load(&state, "index.html") {
        Some(html) => {
            let csp = content_security_policy(&html);
            (
                [
                    (header::CONTENT_TYPE, "text/html; charset=utf-8".to_owned()),
                    (header::CACHE_CONTROL, "no-cache".to_owned()),
                    (header::CONTENT_SECURITY_POLICY, csp),
                ],
                html.into_owned(),
            )
                .into_response()
        }
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            missing_app_hint_for(&state),
        )
            .into_response(),
    }
}

/// Whether an `Accept-Encoding` value takes `coding` (listed, and not with `q=0`).
fn accepts(accept: &str, coding: &str) -> bool {
    accept.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        let name = parts.next().unwrap_or("");
        let refused = parts.any(|p| {
            p.strip_prefix("q=")
                .and_then(|q| q.trim().parse::<f32>().ok())
                .is_some_and(|q| q == 0.0)
        });
        name.eq_ignore_ascii_case(coding) && !refused
    })
}

/// A CSP that allows the app's own files and wasm, plus exactly the inline bootstrap scripts
/// Trunk writes into index.html (by hash), and nothing else.
pub fn content_security_policy(html: &[u8]) -> String {
    let text = String::from_utf8_lossy(html);
    let mut hashes = String::new();
    let mut rest = text.as_ref();
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        let inline = &body[..close];
        if !inline.trim().is_empty() {
            let digest = Sha256::digest(inline.as_bytes());
            let b64 = base64::engine::general_purpose::STANDARD.encode(digest);
            hashes.push_str(&format!(" 'sha256-{b64}'"));
        }
        rest = &body[close..];
    }
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_encoding_is_read_with_its_weights() {
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(accepts("gzip;q=1.0, br;q=0.5", "br"));
        assert!(!accepts("gzip, br;q=0", "br"));
        assert!(!accepts("gzip", "br"));
        assert!(!accepts("", "gzip"));
        assert!(accepts("GZIP", "gzip"));
    }

    #[test]
    fn the_missing_app_hint_fits_the_binary_and_where_it_looked() {
        // Review, 2026-11-30: a binary without the embedded app said "run `cargo xtask run`",
        // which never puts an app into it.
        let without = missing_app_hint(None, false);
        assert!(without.contains("without the app"), "{without}");
        assert!(without.contains("--assets"), "{without}");
        let empty = missing_app_hint(None, true);
        assert!(empty.contains("dist/ was empty"), "{empty}");
        assert!(empty.contains("cargo build --release -p tether"), "{empty}");
        let dir = std::path::Path::new("/srv/tether-app");
        let elsewhere = missing_app_hint(Some(dir), false);
        assert!(
            elsewhere.starts_with("The app is not in /srv/tether-app"),
            "{elsewhere}"
        );
        assert_eq!(missing_app_hint(Some(dir), true), elsewhere);
    }

    #[test]
    fn csp_allows_only_the_inline_scripts_present_by_hash() {
        let html = b"<html><script type=\"module\">import init from '/a.js';init();</script><script src=\"/x.js\"></script></html>";
        let csp = content_security_policy(html);
        let digest = Sha256::digest(b"import init from '/a.js';init();");
        let b64 = base64::engine::general_purpose::STANDARD.encode(digest);
        assert!(csp.contains(&format!("'sha256-{b64}'")), "{csp}");
        assert_eq!(csp.matches("sha256-").count(), 1);
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(
            !csp.replace("'wasm-unsafe-eval'", "")
                .contains("unsafe-eval"),
            "only wasm compilation is allowed, never eval: {csp}"
        );
    }
}
