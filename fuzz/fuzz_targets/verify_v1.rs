//! The V1 verifier on any query: a verdict, never a panic, and an acceptance only under the
//! signing secret and method (body in `tether_fuzz::verify_v1`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    tether_fuzz::verify_v1(data);
});
