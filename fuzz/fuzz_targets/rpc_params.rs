//! RPC parameter parsing: any query string, decoded and parsed as the actions with the most
//! structure (repeated lists, nested ENIs, tags), must be refused or accepted, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tether_domain::*;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let params: Params = tether_signer::v1::decode_query(&text).into_iter().collect();
    let _ = RunInstances::from_params(&params);
    let _ = CreateNetworkInterface::from_params(&params);
    let _ = DescribeNetworkInterfaces::from_params(&params);
    let _ = AttachNetworkInterface::from_params(&params);
    let _ = ModifyNetworkInterfaceAttribute::from_params(&params);
});
