//! RPC parameter parsing: any query string, parsed as the actions with the most structure
//! (repeated lists, nested ENIs, tags), is refused, or accepted and, when it validates,
//! round-trips through RPC parameters unchanged (body in `tether_fuzz::rpc_params`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    tether_fuzz::rpc_params(data);
});
