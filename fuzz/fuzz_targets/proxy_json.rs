//! The proxy's strict JSON request decoding (unknown fields refused) on any body: a typed
//! request or a `ParamError`, never a panic; what decodes and passes its field rules
//! round-trips through RPC parameters and JSON unchanged (body in `tether_fuzz::proxy_json`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    tether_fuzz::proxy_json(data);
});
