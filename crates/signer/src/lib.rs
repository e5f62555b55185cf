//! Alibaba Cloud request signatures: V1 (`HMAC-SHA1`, RPC query) and V3 (`ACS3-HMAC-SHA256`).
//!
//! Everything here is a pure function of its inputs. Time and nonces are always passed in, so
//! the same code signs in the browser (wasm32), signs in the proxy, and verifies in the
//! simulator, and every published vector can be replayed byte for byte in a test.
//!
//! Each algorithm is a staged pipeline (canonical string, string-to-sign, signature) whose
//! stages are public, so a failing vector points at the stage that differs.

// Other crates read these docs to call the signer correctly, so none may be missing.
#![warn(missing_docs)]

mod credentials;
mod encode;
mod mac;
mod time;
pub mod v1;
pub mod v3;
pub mod verify;

pub use credentials::Credentials;
pub use encode::{canonical_query_string, percent_encode};
pub use time::{format_timestamp, parse_timestamp};
pub use verify::{VerifiedRequest, VerifyError, verify_v1, verify_v3};
