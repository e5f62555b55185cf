//! The V3 verifier on any query, headers and body (the input split at the first two NULs;
//! headers one `name: value` per line): a verdict, never a panic, and an acceptance only under
//! the signing secret, method and body (body in `tether_fuzz::verify_v3`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    tether_fuzz::verify_v3(data);
});
