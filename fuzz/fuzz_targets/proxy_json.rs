//! The proxy's strict JSON request decoding (unknown fields refused) on any body: a typed
//! request or a `ParamError`, never a panic; what decodes also passes or fails its field rules.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tether_domain::params::from_json_strict;
use tether_domain::*;

fn decode<A: Action>(data: &[u8]) {
    if let Ok(request) = from_json_strict::<A>(data) {
        let _ = Validated::new(request);
    }
}

fuzz_target!(|data: &[u8]| {
    decode::<CreateNetworkInterface>(data);
    decode::<RunInstances>(data);
    decode::<DescribeNetworkInterfaces>(data);
    decode::<AttachNetworkInterface>(data);
    decode::<ModifyNetworkInterfaceAttribute>(data);
});
