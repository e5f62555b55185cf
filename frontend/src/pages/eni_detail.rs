//! The ENI detail page (`/enis/<id>`): every field of one ENI, its attachment, its private and
//! IPv6 addresses with assign and unassign, its tags, its security groups and its
//! source/destination check. One wasm chunk of its own.

pub mod assign;
pub mod fields;
pub mod groups;
pub mod ips;
pub mod ipv6;
pub mod ipv6_assign;
pub mod page;
pub mod source_dest;
pub mod tag_add;
pub mod tags;
pub mod texts;
