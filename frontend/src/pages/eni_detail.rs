//! The ENI detail page (`/enis/<id>`): every field of one ENI, its attachment, and its private
//! IP addresses with assign and unassign. One wasm chunk of its own.

pub mod assign;
pub mod fields;
pub mod ips;
pub mod page;
