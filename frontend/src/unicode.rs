//! Lower-casing all of Unicode: the browser's `toLowerCase` in the app, Rust's on the host.

/// `s` in lower case. In the app the browser does it, since it knows all of Unicode anyway:
/// Rust's `str::to_lowercase` would carry its own Unicode tables, ~6 KB gzip on the first load
/// of the ENI and instance pages. On the host (where `state`'s tests run) Rust's own.
#[cfg(target_family = "wasm")]
pub fn lower_unicode(s: &str) -> String {
    js_sys::JsString::from(s).to_lower_case().into()
}

/// `s` in lower case (the host's build: see the wasm one).
#[cfg(not(target_family = "wasm"))]
pub fn lower_unicode(s: &str) -> String {
    s.to_lowercase()
}
